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
    /// An empty or merged cell takes the value of the row above (a branch named once for its rows).
    var fillsDown = false
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

    /// A column of dates (written as dates: ISO in CSV, real dates in a workbook); nil is an empty cell.
    init(zh: String, en: String, aliases: [String] = [], required: Bool = false, date: @escaping (Record) -> Day?,
         set: ((inout Record, String, ImportContext) -> ImportProblem?)? = nil) {
        self.init(zh: zh, en: en, aliases: aliases, required: required, cell: { CSV.Cell.date(date($0)) }, set: set)
    }

    private init(zh: String, en: String, aliases: [String], required: Bool, cell: @escaping (Record) -> CSV.Cell,
                 set: ((inout Record, String, ImportContext) -> ImportProblem?)?) {
        self.zh = zh; self.en = en; self.aliases = aliases; self.required = required; self.get = cell; self.set = set
    }

    func header(_ lang: Language) -> String { lang == .zh ? zh : en }

    func notes() -> Column { var c = self; c.multiLine = true; return c }
    func fillingDown() -> Column { var c = self; c.fillsDown = true; return c }
}

/// The 党总支 a branches import creates for parents the sheet names and the ledger lacks
/// (`--create-parents`): one per name, each with a new id, kept in the order first named.
final class ParentsToCreate {
    private(set) var created: [GeneralBranch] = []
    private var ids: NewIds
    let committeeId: String

    init(_ ws: Workspace) {
        ids = NewIds(taken: ws.organisation.generalBranches.map(\.id) + [ws.organisation.committee.id])
        committeeId = ws.organisation.committee.id
    }

    func id(named name: String) -> String {
        if let g = created.first(where: { $0.name == name }) { return g.id }
        let g = GeneralBranch(id: ids.generalBranch(), name: name, parentId: committeeId)
        created.append(g)
        return g.id
    }
}

/// What an import needs to resolve references.
struct ImportContext {
    var workspace: Workspace
    /// Set when a branches import may create the 党总支 its rows name (`--create-parents`).
    var parentsToCreate: ParentsToCreate?
    /// Each branch's position by id and by name (the first of a name), looked up once per row.
    private let branchById: [String: Int]
    private let branchByName: [String: Int]
    /// Names two or more branches share, with their ids: a cell naming one is asked for the id.
    private let sharedNames: [String: [String]]

    init(workspace: Workspace) {
        self.workspace = workspace
        let branches = workspace.organisation.branches
        branchById = Dictionary(branches.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        branchByName = Dictionary(branches.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        sharedNames = Dictionary(grouping: branches, by: \.name).filter { $0.value.count > 1 }.mapValues { $0.map(\.id) }
    }

    /// The branch a cell names by id or full name; a name two branches share is a problem naming their ids.
    func branch(_ text: String) -> Result<String, ImportProblem> {
        let t = Cell.trimmed(text)
        if let i = branchById[t] { return .success(workspace.organisation.branches[i].id) }
        if let ids = sharedNames[t] { return .failure(ImportProblem(kind: .ambiguousBranch, value: t, accepted: ids)) }
        if let i = branchByName[t] { return .success(workspace.organisation.branches[i].id) }
        return .failure(ImportProblem(kind: t.isEmpty ? .missing : .unknownBranch, value: t))
    }

    /// The branch, 党总支 or 党委 a cell names by id or full name (funds are booked to any of them).
    func organisation(_ text: String) -> Result<String, ImportProblem> {
        let found = branch(text)
        if case .failure(let problem) = found, problem.kind == .unknownBranch {
            let t = Cell.trimmed(text), org = workspace.organisation
            if org.committee.id == t || org.committee.name == t { return .success(org.committee.id) }
            if let g = org.generalBranches.first(where: { $0.id == t }) ?? org.generalBranches.first(where: { $0.name == t }) { return .success(g.id) }
        }
        return found
    }

    /// A party group of the branch named by its id or its name; text that names none is kept as
    /// it is (`validate` names a group that does not exist).
    func partyGroupId(_ text: String?, of branchId: String) -> String? {
        guard let text else { return nil }
        guard let i = branchById[branchId] else { return text }
        let groups = workspace.organisation.branches[i].partyGroups
        return (groups.first { $0.id == text } ?? groups.first { $0.name == text })?.id ?? text
    }

    /// The branch whose id or full name is the cell's text (the first, when two share it).
    func branchId(_ text: String) -> String? {
        let t = Cell.trimmed(text)
        let found = [branchById[t], branchByName[t]].compactMap { $0 }.min()
        return found.map { workspace.organisation.branches[$0].id }
    }

    /// The 党委 or 党总支 a cell names, by id or name; a name not in the ledger is created when
    /// the import may (`parentsToCreate`).
    func parentId(_ text: String) -> String? {
        let t = Cell.trimmed(text)
        let org = workspace.organisation
        if t == org.committee.id || t == org.committee.name { return org.committee.id }
        if let g = org.generalBranches.first(where: { $0.id == t || $0.name == t }) { return g.id }
        guard !t.isEmpty, let parents = parentsToCreate else { return nil }
        return parents.id(named: t)
    }
}

/// One cell that could not be read: which column, what value, what is wrong.
public struct ImportProblem: Error, Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        case badDate, badNumber, unknownBranch, ambiguousBranch, unknownKind, unknownValue, unknownParent, missing, wrongFormat
        /// A control character or bidi override (its code point) where it can never belong.
        case controlCharacter(UInt32)
    }
    public var kind: Kind
    public var value: String
    /// For an unknown kind or value: what the column accepts, as the message lists it.
    public var accepted: [String] = []

    init(kind: Kind, value: String, accepted: [String] = []) { self.kind = kind; self.value = value; self.accepted = accepted }

    /// An unknown code: the column's accepted names in the message's language.
    static func unknown<C: NamedCode>(_ value: String, _ type: C.Type, lang: Language, kind: Kind = .unknownValue) -> ImportProblem {
        ImportProblem(kind: value.isEmpty ? .missing : kind, value: value, accepted: C.acceptedNames(lang))
    }

    func message(column: String, lang: Language) -> String {
        let text = plainMessage(column: column, lang: lang)
        guard !accepted.isEmpty, kind != .missing, kind != .ambiguousBranch else { return text }
        return text + (lang == .zh ? " (可填: \(accepted.joined(separator: "、")))" : " (accepted: \(accepted.joined(separator: ", ")))")
    }

    private func plainMessage(column: String, lang: Language) -> String {
        let v = "\"\(value)\""
        switch kind {
        case .badDate: return lang == .zh ? "列 \(column): 无法识别的日期 \(v)" : "column \(column): unrecognised date \(v)"
        case .badNumber: return lang == .zh ? "列 \(column): 不是有效的数字 \(v)" : "column \(column): not a valid number \(v)"
        case .ambiguousBranch:
            return lang == .zh ? "列 \(column): 有 \(accepted.count) 个支部名为 \(v), 请改填编号 (\(accepted.joined(separator: "、")))"
                               : "column \(column): \(accepted.count) branches are named \(v); use the id (\(accepted.joined(separator: ", ")))"
        case .unknownBranch: return lang == .zh ? "列 \(column): 找不到支部 \(v) (可填编号或全称)" : "column \(column): no branch \(v) (use its id or full name)"
        case .unknownKind: return lang == .zh ? "列 \(column): 无法识别的活动类型 \(v)" : "column \(column): unknown activity kind \(v)"
        case .unknownValue: return lang == .zh ? "列 \(column): 无法识别的取值 \(v)" : "column \(column): unknown value \(v)"
        case .unknownParent:
            return lang == .zh ? "列 \(column): 找不到上级组织 \(v) (填党委或党总支的名称或编号; 新的党总支可在表中加一行 类型=党总支, 或加 --create-parents 导入时创建)"
                               : "column \(column): no parent \(v) (the committee's or a general branch's name or id; add a row of 类型 党总支 for a new one, or import with --create-parents)"
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

    /// A date as offices write it (`Day.parse`: 2026-03-05, 2026/3/5, 2026.3.5, 2026年3月5日, with or
    /// without a time of day, in full-width digits too), or a spreadsheet's serial day number
    /// (46086 = 2026-03-05) that a date column formatted as 常规 shows. Serials are read from five
    /// digits (10000 = 1927-05-18): a bare year such as 2026 is an error, not a day in 1905.
    static func day(_ s: String) -> Result<Day?, ImportProblem> {
        guard let t = optional(s) else { return .success(nil) }
        if let d = Day.parse(t) { return .success(d) }
        let half = FullWidth.halfWidth(t)
        if let serial = Double(half), serial >= 10_000, serial < 100_000, let d = Day(spreadsheetSerial: serial) { return .success(d) }
        return .failure(ImportProblem(kind: .badDate, value: t))
    }

    /// Units offices write after a count or hours (12人, 3学时); said once, here.
    static let numberUnits = ["学时", "小时", "课时", "人次", "人", "名", "个", "次", "元", "h", "H"]

    /// A number as offices write it: full-width digits (１２), thousands separators (1,200 or
    /// 1，200), a unit after it (12人, 3.5学时), a space inside. Nil for an empty cell.
    static func numberText(_ s: String) -> String? {
        guard let t = optional(s) else { return nil }
        var text = FullWidth.halfWidth(t)
        for unit in numberUnits where text.hasSuffix(unit) { text = String(text.dropLast(unit.count)); break }
        text = trimmingSpace(text)
        // Thousands separators only where they group three digits (1,200 — not 1,2).
        let groups = text.split(separator: ",", omittingEmptySubsequences: false)
        if groups.count > 1, let head = groups.first, (1...3).contains(head.filter(\.isNumber).count),
           groups.dropFirst().allSatisfy({ g in g.prefix(3).allSatisfy(\.isNumber) && (g.count == 3 || g.dropFirst(3).first == ".") }) {
            text = groups.joined()
        }
        return text
    }

    static func number(_ s: String) -> Result<Double?, ImportProblem> {
        guard let text = numberText(s) else { return .success(nil) }
        guard let v = Double(text), v.isFinite else { return .failure(ImportProblem(kind: .badNumber, value: trimmed(s))) }
        return .success(v)
    }

    /// A whole number: 12, 12人, １２, and 12.0 (a workbook's number), never 12.5.
    static func integer(_ s: String) -> Result<Int?, ImportProblem> {
        guard let text = numberText(s) else { return .success(nil) }
        if let v = Int(text) { return .success(v) }
        if let v = Double(text), v.isFinite, v.rounded() == v, abs(v) < 1e15 { return .success(Int(v)) }
        return .failure(ImportProblem(kind: .badNumber, value: trimmed(s)))
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

    /// Lines as a person reads them: 4–6, 9, 12–13.
    static func lineRanges(_ lines: [Int]) -> String {
        var parts: [String] = []
        var run: (first: Int, last: Int)?
        func close() { if let r = run { parts.append(r.first == r.last ? "\(r.first)" : "\(r.first)–\(r.last)") } }
        for line in lines.sorted() {
            if let r = run, line == r.last + 1 { run = (r.first, line); continue }
            if let r = run, line == r.last { continue }
            close()
            run = (line, line)
        }
        close()
        return parts.joined(separator: ", ")
    }

    /// "跳过 4 行: 第 1 行 (标题), 第 9 行 (合计), 第 10–11 行 (空行), 第 12 行 (表尾: 填表人)".
    public static func skipped(_ rows: [SkippedRow], _ lang: Language) -> String {
        func reason(_ r: SkippedRow.Reason) -> String {
            switch r {
            case .title: lang == .zh ? "标题" : "title"
            case .blank: lang == .zh ? "空行" : "blank"
            case .total: lang == .zh ? "合计" : "total"
            case .footer(let word): lang == .zh ? "表尾: \(word)" : "footer: \(word)"
            case .repeatedHeader: lang == .zh ? "重复的表头" : "header repeated"
            }
        }
        // Grouped by reason, in the order each reason first appears.
        var order: [String] = [], lines: [String: [Int]] = [:]
        for row in rows {
            let r = reason(row.reason)
            if lines[r] == nil { order.append(r) }
            lines[r, default: []].append(row.line)
        }
        let parts = order.map { r in lang == .zh ? "第 \(lineRanges(lines[r]!)) 行 (\(r))" : "line \(lineRanges(lines[r]!)) (\(r))" }
        return (lang == .zh ? "跳过 \(rows.count) 行: " : "skipped \(rows.count) row(s): ") + parts.joined(separator: ", ")
    }

    /// "第 4–5, 7 行的 支部 为空或合并单元格, 取上一行的值".
    public static func filledDown(_ lines: [Int], column: String, _ lang: Language) -> String {
        lang == .zh ? "第 \(lineRanges(lines)) 行的 \(column) 为空或合并单元格, 取上一行的值"
                    : "\(column) empty or merged on line \(lineRanges(lines)): the value above taken"
    }

    static func headerNotFound(_ line: Int, _ required: [String], _ lang: Language) -> String {
        lang == .zh ? "前 \(SheetLayout.rowsSearched) 行中没有找到含 \(required.joined(separator: "、")) 的表头行 (取第 \(line) 行为表头); 请检查表头的列名"
                    : "no header row naming \(required.joined(separator: ", ")) in the first \(SheetLayout.rowsSearched) rows (line \(line) taken as the header); check the column names"
    }

    static func unterminatedQuote(_ lang: Language) -> String {
        lang == .zh
            ? "从这一行开始的带引号的单元格没有结束引号 (\"), 其后各行会被并入这一格; 未导入任何记录。请在 Excel/WPS 中检查这一行的引号, 单元格内的引号要写成两个 (\"\")"
            : "the quoted cell that begins on this line has no closing quote (\"), so the rows after it would run into it; nothing was imported. Check the quotes on this line in Excel/WPS: a quote inside a cell is written twice (\"\")"
    }
}
