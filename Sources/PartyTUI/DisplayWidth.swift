import PartyModel

/// Display width in terminal columns from the project's own East Asian Width table, independent
/// of the locale's wcwidth. Ambiguous characters count as 1: keep them out of aligned columns.
public enum DisplayWidth {
    /// Wide (W) and fullwidth (F) ranges of Unicode 15.
    static let wide: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0...0x23F0, 0x23F3...0x23F3,
        0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F...0x267F, 0x2693...0x2693, 0x26A1...0x26A1,
        0x26AA...0x26AB, 0x26BD...0x26BE, 0x26C4...0x26C5, 0x26CE...0x26CE, 0x26D4...0x26D4, 0x26EA...0x26EA,
        0x26F2...0x26F3, 0x26F5...0x26F5, 0x26FA...0x26FA, 0x26FD...0x26FD, 0x2705...0x2705, 0x270A...0x270B,
        0x2728...0x2728, 0x274C...0x274C, 0x274E...0x274E, 0x2753...0x2755, 0x2757...0x2757, 0x2795...0x2797,
        0x27B0...0x27B0, 0x27BF...0x27BF, 0x2B1B...0x2B1C, 0x2B50...0x2B50, 0x2B55...0x2B55,
        0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F,
        0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
        0x16FE0...0x16FE4, 0x17000...0x18CFF, 0x1B000...0x1B2FF, 0x1F004...0x1F004, 0x1F0CF...0x1F0CF,
        0x1F18E...0x1F18E, 0x1F191...0x1F19A, 0x1F200...0x1F251, 0x1F300...0x1F64F, 0x1F680...0x1F6FF,
        0x1F7E0...0x1F7EB, 0x1F90C...0x1F9FF, 0x1FA70...0x1FAFF, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]

    /// Zero-width: combining marks, joiners, variation selectors.
    static let zero: [ClosedRange<UInt32>] = [
        0x0300...0x036F, 0x0483...0x0489, 0x0591...0x05BD, 0x0610...0x061A, 0x064B...0x065F, 0x200B...0x200F,
        0x2028...0x202E, 0x2060...0x2064, 0x20D0...0x20FF, 0x302A...0x302D, 0x3099...0x309A, 0xFE00...0xFE0F,
        0xFE20...0xFE2F, 0xFEFF...0xFEFF, 0xE0100...0xE01EF,
    ]

    static func contains(_ ranges: [ClosedRange<UInt32>], _ value: UInt32) -> Bool {
        var low = 0, high = ranges.count - 1
        while low <= high {
            let mid = (low + high) / 2
            if ranges[mid].upperBound < value { low = mid + 1 }
            else if ranges[mid].lowerBound > value { high = mid - 1 }
            else { return true }
        }
        return false
    }

    /// A scalar's width as drawn: a control or bidi override shows as its visible stand-in (`^[`, `<U+202E>`).
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if TerminalText.isUnsafe(v) { return TerminalText.standIn(scalar)?.utf8.count ?? 0 }
        if v < 0x1100 { return (0x0300...0x036F).contains(v) ? 0 : 1 }
        if contains(zero, v) { return 0 }
        return contains(wide, v) ? 2 : 1
    }

    /// A grapheme's width: its widest scalar (combining marks add nothing). An emoji sequence — joined
    /// by ZWJ, with the emoji presentation selector, or a regional-indicator flag — is one glyph of width 2.
    /// A grapheme holding a control character is as wide as the stand-ins it is drawn with.
    public static func of(_ character: Character) -> Int {
        // ASCII, most cells of any screen: one byte, no scalar walk (every frame measures every cell).
        let utf8 = character.utf8
        if utf8.count == 1, let byte = utf8.first { return byte < 0x20 || byte == 0x7F ? 2 : 1 }
        var widest = 0, shown = 0, emoji = false
        for scalar in character.unicodeScalars {
            let v = scalar.value
            if TerminalText.isUnsafe(v) { shown += of(scalar); continue }
            if v == 0x200D || v == 0xFE0F || (0x1F1E6...0x1F1FF).contains(v) { emoji = true }
            widest = max(widest, of(scalar))
        }
        return (emoji ? 2 : widest) + shown
    }

    /// The width a terminal that measures scalar by scalar (ncurses, via the C library's wcwidth)
    /// gives a grapheme: the backend compares it with `of(_:)` to keep every column where the canvas put it.
    public static func scalarSum(_ character: Character) -> Int {
        character.unicodeScalars.reduce(0) { $0 + of($1) }
    }

    /// A text's width. Summed scalar by scalar — breaking text into graphemes was most of drawing a
    /// frame — unless it holds what only a whole grapheme measures right (an emoji joined by ZWJ, the
    /// emoji presentation selector, a flag) or a control shown by its stand-in.
    public static func of(_ text: some StringProtocol) -> Int {
        var total = 0
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v == 0x200D || v == 0xFE0F || (0x1F1E6...0x1F1FF).contains(v) || TerminalText.isUnsafe(v) {
                return text.reduce(0) { $0 + of($1) }
            }
            total += of(scalar)
        }
        return total
    }

    /// Cuts `text` to at most `width` columns by whole graphemes, ending with `..` when cut.
    public static func truncate(_ text: String, to width: Int, marker: String = "..") -> String {
        guard of(text) > width else { return text }
        let budget = width - of(marker)
        guard budget >= 0 else { return String(marker.prefix(max(0, width))) }
        var out = "", used = 0
        for ch in text {
            let w = of(ch)
            if used + w > budget { break }
            out.append(ch)
            used += w
        }
        return out + marker
    }

    /// Pads with spaces to exactly `width` columns (truncating first when longer).
    public static func pad(_ text: String, to width: Int, alignRight: Bool = false) -> String {
        let cut = truncate(text, to: width)
        let fill = String(repeating: " ", count: max(0, width - of(cut)))
        return alignRight ? fill + cut : cut + fill
    }
}
