import PartyModel

/// A column of a pane's table.
public struct ColumnSpec: Sendable {
    public enum Align: Sendable { case left, right }
    public var title: String
    public var width: Int
    public var align: Align
    /// A progress bar: the cell holds a fraction 0 … 1.
    public var isBar: Bool
    /// The one column that takes the room left over (names, descriptions).
    public var flexible: Bool
    /// Lower numbers are hidden first when the terminal is narrow.
    public var priority: Int
    /// A column of names (a branch's, beside a flexible description) that widens, up to twice its
    /// width, when the terminal has room: long branch names are not cut on a wide screen.
    public var grows: Bool

    public init(_ title: String, width: Int, align: Align = .left, flexible: Bool = false, priority: Int = 5, isBar: Bool = false,
                grows: Bool = false) {
        self.title = title; self.width = width; self.align = align; self.flexible = flexible; self.priority = priority
        self.isBar = isBar; self.grows = grows
    }
}

/// What sorts a column: numbers or text.
public enum SortKey: Comparable, Sendable {
    case number(Double)
    case text(String)

    public static func < (a: SortKey, b: SortKey) -> Bool {
        switch (a, b) {
        case (.number(let x), .number(let y)): x < y
        case (.text(let x), .text(let y)): x < y
        case (.number, .text): true
        case (.text, .number): false
        }
    }
}

/// One row of a pane's table: cells already worded, their roles, what a filter matches and what
/// sorting compares.
public struct TableRow: Sendable {
    /// The record the row stands for.
    public var ref: RowRef
    public var cells: [String]
    public var roles: [StyleRole]
    /// Role of the whole row when it should stand out (overdue, a general branch).
    public var rowRole: StyleRole?
    /// Lower-cased text the `/` filter searches, then the pinyin initials of its Chinese.
    public var search: String
    /// Per sort option (see `Table.sortOptions`).
    public var sortKeys: [SortKey]
    /// Indentation in the tree (branches pane).
    public var depth: Int
    /// Codes the state and kind filters match (e.g. "overdue", "open", "partyLesson").
    public var tags: Set<String>
    /// A heading row (section, general branch): never selected by filters alone.
    public var isHeading: Bool
    /// A row that belongs under the one above it (a branch's party group): left out of a sorted list.
    public var isSubordinate: Bool

    public init(_ ref: RowRef, cells: [String], roles: [StyleRole]? = nil, rowRole: StyleRole? = nil, search: String? = nil,
                sortKeys: [SortKey] = [], depth: Int = 0, tags: Set<String> = [], isHeading: Bool = false, isSubordinate: Bool = false) {
        self.ref = ref; self.cells = cells; self.roles = roles ?? cells.map { _ in .text }; self.rowRole = rowRole
        self.search = Self.searchKey(search ?? cells.joined(separator: " ")); self.sortKeys = sortKeys; self.depth = depth
        self.tags = tags; self.isHeading = isHeading; self.isSubordinate = isSubordinate
    }
}

extension TableRow {
    /// The text lower-cased for the filter — skipped when nothing in it has case (Chinese, digits,
    /// lower-case ASCII): lower-casing 100,000 rows of Chinese was a fifth of refreshing a county's
    /// ledger — and the pinyin initials of its Chinese characters.
    static func searchKey(_ text: String) -> String {
        let needsLowering = text.unicodeScalars.contains { scalar in
            let v = scalar.value
            if v < 0x80 { return (0x41...0x5A).contains(v) }
            // CJK, kana, Hangul, Yi, fullwidth punctuation and digits have no case; asking the
            // Unicode tables for every Chinese character cost more than lower-casing did.
            if (0x2E80..<0xA640).contains(v) || (0xA800..<0xFF21).contains(v) || (0xFF3B..<0x10000).contains(v) { return false }
            return scalar.properties.changesWhenLowercased
        }
        let lowered = needsLowering ? text.lowercased() : text
        // The pinyin initials after a separator no typed filter holds: 党支部 is found by dzb.
        return PinyinInitials.hasInitials(text) ? lowered + "\u{1F}" + PinyinInitials.of(text) : lowered
    }
}

/// A pane's table.
public struct Table: Sendable {
    public var columns: [ColumnSpec]
    public var rows: [TableRow]
    /// Names of the sort orders `s` cycles through; index 0 is the natural order.
    public var sortOptions: [String]
    /// The columns Left/Right move a column cursor over (the checks pane's quarters); nil: none.
    public var cursorColumns: Range<Int>?
    /// Whether the activity-kind filter (`t`) applies to the rows (their tags hold the kind).
    public var filtersByKind: Bool

    public init(columns: [ColumnSpec], rows: [TableRow], sortOptions: [String], cursorColumns: Range<Int>? = nil, filtersByKind: Bool = false) {
        self.columns = columns; self.rows = rows; self.sortOptions = sortOptions
        self.cursorColumns = cursorColumns; self.filtersByKind = filtersByKind
    }

    /// Which columns fit in `width`, and how wide each is: low-priority columns go first. Room left
    /// over widens the flexible column to `flexibleFirst` (40) columns, then the name columns (up to twice
    /// their width), then the flexible column again.
    public func layout(width: Int) -> [(index: Int, width: Int)] {
        var shown = Array(columns.indices)
        func total(_ list: [Int]) -> Int { list.reduce(0) { $0 + columns[$1].width } + max(0, list.count - 1) }
        while total(shown) > width, shown.count > 1 {
            let drop = shown.filter { !columns[$0].flexible }.min { columns[$0].priority < columns[$1].priority } ?? shown.last!
            shown.removeAll { $0 == drop }
        }
        var widths = shown.map { columns[$0].width }
        var spare = max(0, width - total(shown))
        let flexible = shown.firstIndex { columns[$0].flexible }
        if let f = flexible {
            let add = min(spare, max(0, Self.flexibleFirst - widths[f]))
            widths[f] += add; spare -= add
        }
        for (k, i) in shown.enumerated() where columns[i].grows && spare > 0 {
            let add = min(spare, columns[i].width)
            widths[k] += add; spare -= add
        }
        if let f = flexible { widths[f] += spare }
        return zip(shown, widths).map { ($0, $1) }
    }

    /// How wide the flexible column grows before the name columns do.
    static let flexibleFirst = 40
}
