import Foundation
import PartyModel

/// A row the import passed over, and why: said in the dry run and the import, never an error.
public struct SkippedRow: Equatable, Sendable {
    public enum Reason: Equatable, Sendable {
        /// Above the header row: a title ("XX党委2026年三会一课台账"), a unit and date line.
        case title
        case blank
        /// 合计, 小计, 总计, 共计.
        case total
        /// 填表人, 审核人, 填报日期, 注: … (the word that marked it).
        case footer(String)
        /// The header again (a sheet printed page by page repeats it).
        case repeatedHeader
    }
    public var line: Int
    public var reason: Reason
}

/// Where a sheet's table is: the header row found under any title rows, which column is which,
/// and which rows are records. Sheets as offices make them have a title merged across the top, a
/// 合计 row, a footer with who filled it in, blank rows, and a branch named once for a group of
/// rows (a merged cell): `SheetLayout` is the one place that reads them so.
struct SheetLayout {
    /// Position of the header in `grid.rows`.
    var header: Int
    /// Column → cell position.
    var index: [Int: Int]
    var skipped: [SkippedRow] = []

    /// How many of the first rows may stand above the header.
    static let rowsSearched = 30

    /// A header cell as compared with a column's names: spaces (姓  名), line breaks, a leading `*`
    /// (a required mark) and a unit in brackets after it (实到人数（人）, 学时(小时)) do not count.
    static func headerKey(_ text: String) -> String {
        var key = NameKey.of(text)
        while let f = key.first, f == "*" || f == "＊" { key.removeFirst() }
        if key.hasSuffix(")") || key.hasSuffix("）"), let open = key.lastIndex(where: { $0 == "(" || $0 == "（" }), open > key.startIndex {
            key = String(key[..<open])
        }
        return key
    }

    /// Which column each cell of a row names (nil for none).
    static func matches<R>(_ fields: [String], _ columns: [Column<R>]) -> [Int: Int] {
        var index: [Int: Int] = [:]
        let keys = fields.map(headerKey)
        for (c, column) in columns.enumerated() {
            let names = Set(([column.zh, column.en] + column.aliases).map(headerKey))
            if let i = keys.firstIndex(where: { !$0.isEmpty && names.contains($0) }) { index[c] = i }
        }
        return index
    }

    /// The header is the first of the top rows naming two or more columns (or, failing that, the
    /// one naming most); the rows above it are titles.
    static func find<R>(_ grid: SheetGrid, columns: [Column<R>]) -> SheetLayout? {
        guard !grid.rows.isEmpty else { return nil }
        var best: (position: Int, index: [Int: Int])?
        for (p, row) in grid.rows.prefix(rowsSearched).enumerated() {
            let index = matches(row.fields, columns)
            if index.count >= min(2, columns.count) { best = (p, index); break }
            if index.count > (best?.index.count ?? 0) { best = (p, index) }
        }
        let (position, index) = best ?? (0, [:])
        var layout = SheetLayout(header: position, index: index)
        layout.skipped = grid.rows.prefix(position).map {
            SkippedRow(line: $0.line, reason: isBlank($0.fields) ? .blank : .title)
        }
        return layout
    }

    static func isBlank(_ fields: [String]) -> Bool { fields.allSatisfy { Cell.trimmingSpace($0).isEmpty } }

    static let totalWords = ["合计", "小计", "总计", "共计", "总数"]
    static let footerWords = ["填表人", "填报人", "制表人", "审核人", "审批人", "经办人", "负责人", "单位负责人", "联系人", "联系电话",
                              "填表日期", "填报日期", "制表日期", "报送日期", "填报单位", "制表单位", "注:", "注：", "说明:", "说明：",
                              "备注:", "备注：", "(盖章)", "（盖章）"]

    /// Why a row below the header is not a record, or nil when it is one. `read`: the cells of the
    /// columns the sheet has (a template's rows with only a 序号 filled in are blank).
    func skipReason(_ fields: [String], headerFields: [String]) -> SkippedRow.Reason? {
        // Most rows are records: a cell is looked at closely only when its first character could
        // begin a 合计 or footer word (a 100,000-row sheet spent seconds here otherwise).
        for field in fields where Self.mayBeginWord(field) {
            let key = NameKey.of(field)
            for word in Self.totalWords where key == word || key.hasPrefix(word + ":") || key.hasPrefix(word + "：") { return .total }
        }
        if let first = fields.first(where: { !Cell.trimmingSpace($0).isEmpty }), Self.mayBeginWord(first) {
            let key = NameKey.of(first)
            if let word = Self.footerWords.first(where: { key.hasPrefix($0) }) {
                return .footer(word.trimmingCharacters(in: [":", "：", "(", ")", "（", "）"]))
            }
        }
        let read = index.values.map { $0 < fields.count ? fields[$0] : "" }
        if Self.isBlank(read) { return .blank }
        if index.values.allSatisfy({ $0 < fields.count && $0 < headerFields.count && Self.headerKey(fields[$0]) == Self.headerKey(headerFields[$0]) }) {
            return .repeatedHeader
        }
        return nil
    }

    /// The first characters of the 合计 and footer words.
    private static let wordStarts: Set<Unicode.Scalar> = Set((totalWords + footerWords).compactMap { $0.unicodeScalars.first })

    private static func mayBeginWord(_ field: String) -> Bool {
        guard let first = Cell.trimmingSpace(field).unicodeScalars.first else { return false }
        return wordStarts.contains(first)
    }

    /// Merged ranges that run down rows: (line, cell position) → the line holding the value.
    static func mergedBelow(_ grid: SheetGrid) -> [MergedCell: Int] {
        var out: [MergedCell: Int] = [:]
        for m in grid.merges where m.rows.count > 1 {
            for line in m.rows.dropFirst() { out[MergedCell(line: line, position: m.columns.lowerBound)] = m.rows.lowerBound }
        }
        return out
    }

    struct MergedCell: Hashable { var line: Int; var position: Int }
}
