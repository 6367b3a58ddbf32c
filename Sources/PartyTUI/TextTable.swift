import PartyModel

/// A plain-text table whose columns line up with Chinese text (display width, not characters).
public struct TextTable: Sendable {
    public enum Alignment: Sendable { case left, right }

    public struct Column: Sendable {
        public var title: String
        public var alignment: Alignment
        /// Longest a cell may be before it is cut with `..`.
        public var maxWidth: Int
        /// A column of figures: its cells are numbers in a sheet (CSV), not text.
        public var isNumber: Bool

        public init(_ title: String, _ alignment: Alignment = .left, maxWidth: Int = 40, number: Bool = false) {
            self.title = title; self.alignment = alignment; self.maxWidth = maxWidth; self.isNumber = number
        }
    }

    public var columns: [Column]
    public var rows: [[String]]

    public init(columns: [Column], rows: [[String]] = []) {
        self.columns = columns
        self.rows = rows
    }

    /// The table as lines of text; every cell is shown through `TerminalText` (a line break or an
    /// escape in a name cannot cut or drive the table).
    public func render(separator: String = "  ") -> String {
        let columns = columns.map { Column(TerminalText.visible($0.title), $0.alignment, maxWidth: $0.maxWidth) }
        let rows = rows.map { $0.map { TerminalText.visible($0) } }
        let widths = columns.indices.map { c in
            min(columns[c].maxWidth, ([columns[c].title] + rows.map { c < $0.count ? $0[c] : "" }).map { DisplayWidth.of($0) }.max() ?? 0)
        }
        func line(_ cells: [String]) -> String {
            columns.indices.map { c in
                DisplayWidth.pad(c < cells.count ? cells[c] : "", to: widths[c], alignRight: columns[c].alignment == .right)
            }.joined(separator: separator).trailingSpacesRemoved()
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: separator)
        return ([line(columns.map(\.title)), rule] + rows.map(line)).joined(separator: "\n")
    }
}

extension String {
    func trailingSpacesRemoved() -> String {
        var s = Substring(self)
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
