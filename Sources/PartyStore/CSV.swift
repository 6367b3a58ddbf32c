import PartyModel

/// RFC 4180 sheets for Excel and WPS: fields with commas, quotes or line breaks are quoted, quotes
/// doubled, CRLF line ends. Text a spreadsheet would run as a formula is neutralised (OWASP's CSV
/// injection advice): see `neutralised`.
public enum CSV {
    /// A cell as it is written: text, or a number that Excel and WPS read as a number. A number is
    /// made from a value, never guessed from text, so a title "-2+3" stays text (and is
    /// neutralised) while a deduction of -2 stays the number -2.
    public struct Cell: Equatable, Sendable, ExpressibleByStringLiteral {
        /// What a workbook stores: text, a number, or a date (a number with a date format in
        /// .xlsx; ISO text, 2026-03-05, in CSV).
        public enum Kind: Equatable, Sendable { case text, number, date }
        /// The cell as CSV writes it (before neutralising text).
        public let value: String
        public let kind: Kind
        public var isNumber: Bool { kind == .number }

        private init(value: String, kind: Kind) {
            self.value = value
            self.kind = kind
        }

        public init(stringLiteral value: String) { self.init(value: value, kind: .text) }

        public static func text(_ value: String) -> Cell { Cell(value: value, kind: .text) }
        public static func number(_ value: Int) -> Cell { Cell(value: String(value), kind: .number) }
        /// As people write numbers: 3, 2.5, -0.5 (`formatNumber`).
        public static func number(_ value: Double) -> Cell { Cell(value: formatNumber(value), kind: .number) }
        /// A number the caller has formatted itself (a column of figures, such as "85.50"). Anything
        /// that does not read as a number is text, and neutralised as text.
        public static func number(formatted value: String) -> Cell {
            Cell(value: value, kind: Double(value).map { $0.isFinite } ?? false ? .number : .text)
        }
        /// A figure as the dashboard shows it: at most `places` decimals (29.33, not 29.333333333333332).
        public static func number(rounded value: Double, places: Int = 2) -> Cell {
            var scale = 1.0
            for _ in 0..<places { scale *= 10 }
            return number((value * scale).rounded() / scale)
        }
        public static func date(_ day: Day) -> Cell { Cell(value: day.iso, kind: .date) }
        /// A date when there is one, else an empty text cell.
        public static func date(_ day: Day?) -> Cell { day.map { date($0) } ?? .text("") }
    }

    /// The characters that make a spreadsheet read a cell as a formula (or, for TAB and CR, that
    /// hide one behind whitespace): OWASP's list.
    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// Text that must carry the mark: it starts with a formula character, or with apostrophes and
    /// then one (so that text which already begins with the mark comes back as it was).
    private static func needsMark(_ text: String) -> Bool {
        for scalar in text.unicodeScalars where scalar != "'" { return formulaStarts.contains(scalar) }
        return false
    }

    /// What a text cell is written as: with a leading `'` when a spreadsheet would otherwise take it
    /// for a formula (`=`, `+`, `-`, `@`, TAB or CR first). Excel and WPS show the text without
    /// running it. `unneutralised` is the exact inverse.
    public static func neutralised(_ text: String) -> String {
        needsMark(text) ? "'" + text : text
    }

    /// A cell as read: the mark `neutralised` added is taken off (a leading `'` followed by a
    /// formula character, or by further apostrophes and then one); every other text is unchanged.
    public static func unneutralised(_ text: String) -> String {
        text.unicodeScalars.first == "'" && needsMark(text) ? String(text.unicodeScalars.dropFirst()) : text
    }

    public static func field(_ cell: Cell) -> String {
        let text = cell.kind == .text ? neutralised(cell.value) : cell.value
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    public static func render(_ rows: [[Cell]]) -> String {
        rows.map { $0.map(field).joined(separator: ",") + "\r\n" }.joined()
    }

    /// Rows of text only (every cell neutralised as text).
    public static func render(text rows: [[String]]) -> String {
        render(rows.map { $0.map(Cell.text) })
    }
}
