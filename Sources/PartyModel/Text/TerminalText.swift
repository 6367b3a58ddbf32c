/// How text from the data is shown on a terminal: the one place that decides it (DESIGN §6).
///
/// Text comes from users and from sheets of unknown origin. A control character in it would drive the
/// terminal of whoever prints it (ESC starts a sequence that can set the clipboard, the window title or
/// clear the screen; BEL rings; C1 0x9B is a CSI by itself), and a bidi override reverses what follows.
/// Every such code point is shown visibly instead, in ASCII so that its width is exact on every
/// terminal: C0 and DEL in caret notation (`ESC` → `^[`, `NUL` → `^@`, `LF` → `^J`, `DEL` → `^?`),
/// the rest as `<U+XXXX>`.
public enum TerminalText {
    /// Code points that are never sent to a terminal as they are.
    @inline(__always)
    public static func isUnsafe(_ value: UInt32) -> Bool {
        value < 0x20 || (0x7F...0x9F).contains(value)
            || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
            || value == 0x2028 || value == 0x2029
    }

    /// The visible stand-in of an unsafe code point (nil for a safe one).
    public static func standIn(_ scalar: Unicode.Scalar) -> String? {
        let v = scalar.value
        guard isUnsafe(v) else { return nil }
        if v < 0x20 { return "^" + String(UnicodeScalar(UInt8(v + 0x40))) }
        if v == 0x7F { return "^?" }
        return "<" + codePoint(v) + ">"
    }

    /// A code point as Unicode writes it: U+001B, U+202E.
    public static func codePoint(_ value: UInt32) -> String {
        let hex = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// True when `text` holds a code point that `visible` would replace. Scans UTF-8 bytes: C0 and DEL
    /// are single bytes, C1 is C2 80–9F, the bidi controls and line/paragraph separators E2 80 A8–AE and E2 81 A6–A9.
    public static func needsEscaping(_ text: some StringProtocol) -> Bool {
        var previous2: UInt8 = 0, previous1: UInt8 = 0
        for byte in text.utf8 {
            if byte < 0x20 || byte == 0x7F { return true }
            if previous1 == 0xC2 && (0x80...0x9F).contains(byte) { return true }
            if previous2 == 0xE2 && previous1 == 0x80 && (0xA8...0xAE).contains(byte) { return true }
            if previous2 == 0xE2 && previous1 == 0x81 && (0xA6...0xA9).contains(byte) { return true }
            previous2 = previous1
            previous1 = byte
        }
        return false
    }

    /// `text` with every unsafe code point replaced by its visible stand-in. `keeping` names the ones
    /// left as they are (the command line keeps the line breaks of its own multi-line messages).
    public static func visible(_ text: String, keeping kept: Set<Unicode.Scalar> = []) -> String {
        guard needsEscaping(text) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if !kept.contains(scalar), let standIn = standIn(scalar) { out.append(contentsOf: standIn.unicodeScalars) }
            else { out.append(scalar) }
        }
        return String(out)
    }

    /// The first unsafe code point of a text field, where one can never belong: names, titles, ids,
    /// dates. `multiLine` fields (notes) may keep line breaks and tabs.
    public static func firstUnsafe(in text: String, multiLine: Bool = false) -> Unicode.Scalar? {
        guard needsEscaping(text) else { return nil }
        return text.unicodeScalars.first { isUnsafe($0.value) && !(multiLine && ($0 == "\n" || $0 == "\t")) }
    }
}
