import Foundation
import PartyModel

/// A column of an exported or imported sheet: its headers (Chinese, English, common aliases), how
/// to write a record's value and how to read it back.
struct Column<Record> {
    var zh: String
    var en: String
    var aliases: [String] = []
    var required = false
    /// A column of notes: line breaks and tabs belong (DESIGN §6); in any other, no control character does.
    var multiLine = false
    var get: (Record) -> CSV.Cell
    /// Sets the value on a record; returns a problem text (with the value) when it cannot.
    var set: ((inout Record, String, ImportContext) -> ImportProblem?)?

    /// A column of text.
    init(zh: String, en: String, aliases: [String] = [], required: Bool = false, get: @escaping (Record) -> String,
         set: ((inout Record, String, ImportContext) -> ImportProblem?)? = nil) {
        self.init(zh: zh, en: en, aliases: aliases, required: required, cell: { .text(get($0)) }, set: set)
    }

    /// A column of numbers (written as numbers, never neutralised); nil is an empty cell.
    init(zh: String, en: String, aliases: [String] = [], required: Bool = false, number: @escaping (Record) -> Double?,
         set: ((inout Record, String, ImportContext) -> ImportProblem?)? = nil) {
        self.init(zh: zh, en: en, aliases: aliases, required: required, cell: { number($0).map(CSV.Cell.number) ?? .text("") }, set: set)
    }

    private init(zh: String, en: String, aliases: [String], required: Bool, cell: @escaping (Record) -> CSV.Cell,
                 set: ((inout Record, String, ImportContext) -> ImportProblem?)?) {
        self.zh = zh; self.en = en; self.aliases = aliases; self.required = required; self.get = cell; self.set = set
    }

    func header(_ lang: Language) -> String { lang == .zh ? zh : en }

    func notes() -> Column { var c = self; c.multiLine = true; return c }

    /// Does a header cell name this column? (trimmed, case-insensitive, any alias)
    func matches(_ header: String) -> Bool {
        let h = header.trimmingCharacters(in: CharacterSet(charactersIn: " \t\u{3000}")).lowercased()
        return ([zh, en] + aliases).contains { $0.lowercased() == h }
    }
}

/// What an import needs to resolve references.
struct ImportContext {
    var workspace: Workspace
    /// Each branch's position by id and by name (the first of a name), looked up once per row.
    private let branchById: [String: Int]
    private let branchByName: [String: Int]

    init(workspace: Workspace) {
        self.workspace = workspace
        let branches = workspace.organisation.branches
        branchById = Dictionary(branches.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        branchByName = Dictionary(branches.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The first branch whose id or full name is the cell's text.
    func branchId(_ text: String) -> String? {
        let t = Cell.trimmed(text)
        let found = [branchById[t], branchByName[t]].compactMap { $0 }.min()
        return found.map { workspace.organisation.branches[$0].id }
    }
}

/// One cell that could not be read: which column, what value, what is wrong.
public struct ImportProblem: Error, Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        case badDate, badNumber, unknownBranch, unknownKind, unknownValue, missing, wrongFormat
        /// A control character or bidi override (its code point) where it can never belong.
        case controlCharacter(UInt32)
    }
    public var kind: Kind
    public var value: String

    func message(column: String, lang: Language) -> String {
        let v = "\"\(value)\""
        switch kind {
        case .badDate: return lang == .zh ? "列 \(column): 无法识别的日期 \(v)" : "column \(column): unrecognised date \(v)"
        case .badNumber: return lang == .zh ? "列 \(column): 不是有效的数字 \(v)" : "column \(column): not a valid number \(v)"
        case .unknownBranch: return lang == .zh ? "列 \(column): 找不到支部 \(v) (可填编号或全称)" : "column \(column): no branch \(v) (use its id or full name)"
        case .unknownKind: return lang == .zh ? "列 \(column): 无法识别的活动类型 \(v)" : "column \(column): unknown activity kind \(v)"
        case .unknownValue: return lang == .zh ? "列 \(column): 无法识别的取值 \(v)" : "column \(column): unknown value \(v)"
        case .missing: return lang == .zh ? "列 \(column): 必填, 不能为空" : "column \(column): required"
        case .wrongFormat: return lang == .zh ? "列 \(column): 格式不对 \(v)" : "column \(column): wrong format \(v)"
        case .controlCharacter(let code): return (lang == .zh ? "列 \(column): " : "column \(column): ") + ProblemKind.controlCharacter(code).message(lang)
        }
    }
}

/// Cell readers shared by the sheets. Every cell is read through `trimmed`: spaces around it go,
/// then the formula mark an export added (`CSV.unneutralised`), so what follows the mark — a
/// leading TAB included — comes back exactly.
enum Cell {
    static func trimmed(_ s: String) -> String { CSV.unneutralised(trimmingSpace(s)) }

    /// Spaces, tabs and ideographic spaces (U+3000) taken off both ends, as
    /// `trimmingCharacters(in: " \t\u{3000}")` does, without Foundation's NSString round trip
    /// (that was a quarter of a 200,000-row import's planning): most cells have none to take.
    static func trimmingSpace(_ s: String) -> String {
        func isSpace(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" || c == "\u{3000}" }
        let scalars = s.unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return s }
        if !isSpace(first) && !isSpace(last) { return s }
        var start = scalars.startIndex, end = scalars.endIndex
        while start < end, isSpace(scalars[start]) { start = scalars.index(after: start) }
        while end > start, isSpace(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        return String(scalars[start..<end])
    }
    static func optional(_ s: String) -> String? { let t = trimmed(s); return t.isEmpty ? nil : t }

    static func day(_ s: String) -> Result<Day?, ImportProblem> {
        guard let t = optional(s) else { return .success(nil) }
        guard let d = Day.parse(t) else { return .failure(ImportProblem(kind: .badDate, value: t)) }
        return .success(d)
    }

    static func number(_ s: String) -> Result<Double?, ImportProblem> {
        guard let t = optional(s) else { return .success(nil) }
        guard let v = Double(t), v.isFinite else { return .failure(ImportProblem(kind: .badNumber, value: t)) }
        return .success(v)
    }

    static func integer(_ s: String) -> Result<Int?, ImportProblem> {
        guard let t = optional(s) else { return .success(nil) }
        guard let v = Int(t) else { return .failure(ImportProblem(kind: .badNumber, value: t)) }
        return .success(v)
    }

    static func yes(_ s: String) -> Bool { ["是", "yes", "true", "1", "y"].contains(trimmed(s).lowercased()) }
    static func yesNo(_ b: Bool, _ lang: Language) -> String { b ? (lang == .zh ? "是" : "yes") : (lang == .zh ? "否" : "no") }

    /// "2025:12; 2026:10" ↔ year → value.
    static func yearMap(_ map: [String: Double]) -> String {
        map.sorted { $0.key < $1.key }.map { "\($0.key):\(formatNumber($0.value))" }.joined(separator: "; ")
    }

    static func parseYearMap(_ s: String) -> [String: Double]? {
        var out: [String: Double] = [:]
        for part in trimmed(s).split(whereSeparator: { $0 == ";" || $0 == "；" }) {
            let bits = part.split(separator: ":").map { trimmed(String($0)) }
            guard bits.count == 2, Int(bits[0]) != nil, let v = Double(bits[1]) else { return nil }
            out[bits[0]] = v
        }
        return out
    }

    static func list(_ s: String) -> [String] { splitNameList(trimmed(s)) }
}

/// The import's words about the sheet as a whole.
public enum SheetText {
    static func adds(_ what: String, _ lang: Language) -> String { (lang == .zh ? "  新增 " : "  add ") + what }
    static func changes(_ what: String, _ fields: String, _ lang: Language) -> String {
        (lang == .zh ? "  修改 " : "  change ") + what + (fields.isEmpty ? "" : (lang == .zh ? "  (" : "  (") + fields + ")")
    }
    public static func ignoredColumns(_ names: [String], _ lang: Language) -> String {
        (lang == .zh ? "忽略的列: " : "columns ignored: ") + names.joined(separator: ", ")
    }

    static func unterminatedQuote(_ lang: Language) -> String {
        lang == .zh
            ? "从这一行开始的带引号的单元格没有结束引号 (\"), 其后各行会被并入这一格; 未导入任何记录。请在 Excel/WPS 中检查这一行的引号, 单元格内的引号要写成两个 (\"\")"
            : "the quoted cell that begins on this line has no closing quote (\"), so the rows after it would run into it; nothing was imported. Check the quotes on this line in Excel/WPS: a quote inside a cell is written twice (\"\")"
    }
}
