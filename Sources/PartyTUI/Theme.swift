import PartyModel

/// A colour as `#RRGGBB`.
public struct RGB: Hashable, Sendable {
    public var r: Int, g: Int, b: Int
    public init(_ r: Int, _ g: Int, _ b: Int) { self.r = r; self.g = g; self.b = b }

    public init?(hex: String) {
        guard hex.count == 7, hex.first == "#", let v = Int(hex.dropFirst(), radix: 16) else { return nil }
        self.init((v >> 16) & 0xFF, (v >> 8) & 0xFF, v & 0xFF)
    }

    func distance(_ o: RGB) -> Int { (r - o.r) * (r - o.r) + (g - o.g) * (g - o.g) + (b - o.b) * (b - o.b) }
}

/// How one role looks. `nil` colours mean the terminal's own.
public struct Style: Hashable, Sendable {
    public var foreground: RGB?
    public var background: RGB?
    public var bold = false
    public var underline = false
    public var reverse = false
    public var dim = false

    public init(foreground: RGB? = nil, background: RGB? = nil, bold: Bool = false, underline: Bool = false,
                reverse: Bool = false, dim: Bool = false) {
        self.foreground = foreground; self.background = background
        self.bold = bold; self.underline = underline; self.reverse = reverse; self.dim = dim
    }
}

/// What the terminal can show.
public enum ColorDepth: Int, Sendable, Comparable {
    case mono = 0, eight = 8, sixteen = 16, twoFiftySix = 256

    public static func < (a: ColorDepth, b: ColorDepth) -> Bool { a.rawValue < b.rawValue }

    /// From the number of colours the terminal reports, and NO_COLOR.
    public static func detect(colors: Int, hasColors: Bool, noColor: Bool) -> ColorDepth {
        if noColor || !hasColors || colors < 8 { return .mono }
        if colors >= 256 { return .twoFiftySix }
        return colors >= 16 ? .sixteen : .eight
    }
}

/// A colour theme: role → style, read from a human-editable file in `Themes/`.
public struct Theme: Equatable, Sendable {
    public var name: String
    public var styles: [StyleRole: Style]

    public func style(_ role: StyleRole) -> Style {
        styles[role] ?? styles[.text] ?? Style()
    }

    public struct ParseError: Error, Equatable, Sendable {
        public enum Kind: Equatable, Sendable {
            case notAnAssignment
            case unknownRole(String)
            case badColour(String)
            case colourMissingAfterOn
            case unknownWord(String)
            case textMissing
        }
        public var line: Int
        public var kind: Kind

        public func message(_ lang: Language) -> String {
            switch kind {
            case .notAnAssignment: lang.pick("应为 \"角色 = 颜色 …\"", "expected 'role = colour …'")
            case .unknownRole(let r): lang.pick("未知角色 \(r) (可用: \(StyleRole.allCases.map(\.rawValue).joined(separator: ", ")))",
                                               "unknown role '\(r)' (roles: \(StyleRole.allCases.map(\.rawValue).joined(separator: ", ")))")
            case .badColour(let c): lang.pick("颜色 \(c) 无效, 应为 #RRGGBB 或 default", "bad colour '\(c)' (use #RRGGBB or default)")
            case .colourMissingAfterOn: lang.pick("on 后面缺少背景色", "'on' needs a colour")
            case .unknownWord(let w): lang.pick("无法识别 \(w) (可用: bold underline reverse dim on)", "unknown word '\(w)' (bold, underline, reverse, dim, on #RRGGBB)")
            case .textMissing: lang.pick("主题必须定义 text", "the theme must define 'text'")
            }
        }
    }

    /// Parses `role = FG [on BG] [bold] [underline] [reverse] [dim]` lines; `#` starts a comment;
    /// `name = …` names the theme. Every problem names its line.
    public static func parse(_ text: String, fallbackName: String) throws(ParseError) -> Theme {
        var theme = Theme(name: fallbackName, styles: [:])
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            // A colour's own '#' is not a comment.
            let content = colourAwareStrip(String(raw))
            let trimmed = content.trimmingCharacters(in: " \t\r")
            if trimmed.isEmpty { continue }
            guard let eq = trimmed.firstIndex(of: "=") else {
                throw ParseError(line: n + 1, kind: .notAnAssignment)
            }
            let key = trimmed[..<eq].trimmingCharacters(in: " \t")
            let value = trimmed[trimmed.index(after: eq)...].trimmingCharacters(in: " \t")
            if key == "name" { theme.name = value; continue }
            guard let role = StyleRole(rawValue: key) else {
                throw ParseError(line: n + 1, kind: .unknownRole(key))
            }
            var style = Style()
            var words = value.split(separator: " ").map(String.init)
            func colour(_ word: String) throws(ParseError) -> RGB? {
                if word == "default" { return nil }
                guard let rgb = RGB(hex: word) else { throw ParseError(line: n + 1, kind: .badColour(word)) }
                return rgb
            }
            if let first = words.first, first.hasPrefix("#") || first == "default" {
                style.foreground = try colour(first)
                words.removeFirst()
            }
            var i = 0
            while i < words.count {
                switch words[i] {
                case "on":
                    guard i + 1 < words.count else { throw ParseError(line: n + 1, kind: .colourMissingAfterOn) }
                    style.background = try colour(words[i + 1])
                    i += 1
                case "bold": style.bold = true
                case "underline": style.underline = true
                case "reverse": style.reverse = true
                case "dim": style.dim = true
                default: throw ParseError(line: n + 1, kind: .unknownWord(words[i]))
                }
                i += 1
            }
            theme.styles[role] = style
        }
        guard theme.styles[.text] != nil else { throw ParseError(line: 1, kind: .textMissing) }
        return theme
    }

    /// Drops a comment: `#` at the start of a line or after a space and followed by a space (or the
    /// end of the line). `#RRGGBB` is a colour, and a mistyped colour stays to be reported.
    static func colourAwareStrip(_ line: String) -> String {
        let chars = Array(line)
        for i in chars.indices where chars[i] == "#" {
            let atStart = chars[..<i].allSatisfy { $0 == " " || $0 == "\t" }
            let spaced = i > 0 && chars[i - 1] == " " && (i + 1 == chars.count || chars[i + 1] == " ")
            if atStart || spaced { return String(chars[..<i]) }
        }
        return line
    }

    /// The built-in theme, used when no file can be read.
    public static let builtIn = Theme(name: "built-in", styles: [
        .text: Style(), .muted: Style(dim: true), .title: Style(bold: true), .border: Style(),
        .header: Style(bold: true, underline: true), .selected: Style(reverse: true), .good: Style(bold: true),
        .fair: Style(), .warn: Style(underline: true), .bad: Style(bold: true, underline: true), .accent: Style(bold: true),
        .tab: Style(), .tabActive: Style(reverse: true), .status: Style(reverse: true), .statusAccent: Style(bold: true, reverse: true),
        .badge: Style(bold: true, reverse: true), .barFilled: Style(reverse: true), .barEmpty: Style(dim: true),
        .dialog: Style(), .input: Style(underline: true),
    ])

    /// The same theme for a terminal with fewer colours: colours snap to the nearest the terminal
    /// has; monochrome keeps only attributes (and reverse video where a role needs to stand out).
    public func adapted(to depth: ColorDepth) -> Theme {
        guard depth == .mono else { return self }
        var out = Theme.builtIn
        out.name = name
        for (role, style) in styles {
            var s = out.style(role)
            s.bold = s.bold || style.bold
            s.underline = s.underline || style.underline
            out.styles[role] = s
        }
        return out
    }
}

/// Colour numbers for a depth: xterm's 256-colour cube and grey ramp, or the nearest basic colour.
public enum Palette {
    static let basic: [RGB] = [
        RGB(0, 0, 0), RGB(205, 0, 0), RGB(0, 205, 0), RGB(205, 205, 0), RGB(0, 0, 238), RGB(205, 0, 205), RGB(0, 205, 205), RGB(229, 229, 229),
        RGB(127, 127, 127), RGB(255, 0, 0), RGB(0, 255, 0), RGB(255, 255, 0), RGB(92, 92, 255), RGB(255, 0, 255), RGB(0, 255, 255), RGB(255, 255, 255),
    ]

    public static func index(_ rgb: RGB, depth: ColorDepth) -> Int {
        switch depth {
        case .mono: return -1
        case .eight: return nearest(rgb, among: 8)
        case .sixteen: return nearest(rgb, among: 16)
        case .twoFiftySix:
            func level(_ v: Int) -> Int { v < 48 ? 0 : v < 115 ? 1 : (v - 35) / 40 }
            let (r, g, b) = (level(rgb.r), level(rgb.g), level(rgb.b))
            let steps = [0, 95, 135, 175, 215, 255]
            let cube = RGB(steps[r], steps[g], steps[b])
            let grey = max(0, min(23, ((rgb.r + rgb.g + rgb.b) / 3 - 8 + 5) / 10))
            let greyRGB = RGB(8 + grey * 10, 8 + grey * 10, 8 + grey * 10)
            return rgb.distance(greyRGB) < rgb.distance(cube) ? 232 + grey : 16 + 36 * r + 6 * g + b
        }
    }

    static func nearest(_ rgb: RGB, among count: Int) -> Int {
        (0..<count).min { basic[$0].distance(rgb) < basic[$1].distance(rgb) }!
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s.removeFirst() }
        while let l = s.last, set.contains(l) { s.removeLast() }
        return String(s)
    }
}

extension Substring {
    func trimmingCharacters(in set: String) -> String { String(self).trimmingCharacters(in: set) }
}
