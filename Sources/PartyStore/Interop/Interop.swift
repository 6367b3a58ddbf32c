import Foundation
import PartyModel

/// Sheets in and out of Excel/WPS: the round-tripping ledgers (branches, members, activities).
public enum LedgerSheet: String, CaseIterable, Sendable {
    case branches, members, activities

    /// Header row and one row per record.
    public func export(_ ws: Workspace, year: Int?, lang: Language) -> [[CSV.Cell]] {
        switch self {
        case .branches: return Self.rows(Sheets.branches(lang), ws.organisation.branches, lang)
        case .members: return Self.rows(Sheets.members(lang), ws.members, lang)
        case .activities: return Self.rows(Sheets.activities(lang), ws.activities.filter { year == nil || $0.date.year == year }, lang)
        }
    }

    static func rows<R>(_ columns: [Column<R>], _ records: [R], _ lang: Language) -> [[CSV.Cell]] {
        [columns.map { .text($0.header(lang)) }] + records.map { r in columns.map { $0.get(r) } }
    }

    /// The line an import prints for one part of its change (dry run or not): a record added, with
    /// what identifies it to a person (branch, date, kind, title), or changed, with each column whose
    /// value moves, before → after, as the sheet's own columns show it (branch names, not ids).
    public static func describe(_ part: Change, names: [String: String], lang: Language) -> String? {
        func name(_ id: String) -> String { names[id] ?? id }
        func diff<R>(_ columns: [Column<R>], _ before: R, _ after: R) -> String {
            columns.compactMap { column -> String? in
                var (old, new) = (column.get(before).value, column.get(after).value)
                if old == new { return nil }
                if column.zh == "支部" || column.zh == "上级组织" { (old, new) = (name(old), name(new)) }
                return "\(column.header(lang)): \(old.isEmpty ? "—" : old) → \(new.isEmpty ? "—" : new)"
            }.joined(separator: "; ")
        }
        switch part {
        case .activity(let before, let after?):
            let what = "\(after.id)  \(name(after.branchId))  \(after.date.iso)  \(after.kind.name(lang))  \(after.title)"
            guard let before else { return SheetText.adds(what, lang) }
            return SheetText.changes(what, diff(Sheets.activities(lang), before, after), lang)
        case .member(let before, let after?):
            let what = "\(after.id)  \(after.name)  \(name(after.branchId))"
            guard let before else { return SheetText.adds(what, lang) }
            return SheetText.changes(what, diff(Sheets.members(lang), before, after), lang)
        case .branch(let before, let after?):
            let what = "\(after.id)  \(after.name)"
            guard let before else { return SheetText.adds(what, lang) }
            return SheetText.changes(what, diff(Sheets.branches(lang), before, after), lang)
        default:
            return nil
        }
    }

    /// What an import would do: every problem, or the changes.
    public struct Plan: Sendable {
        public var problems: [String] = []
        public var added: [String] = []
        public var changed: [String] = []
        public var unchanged = 0
        public var change: Change?
        /// What the plan asked of the ledger: the years of the rows read (activities), and every
        /// id a row ended with or matched. Planned over these years, with no id of them in a year
        /// not read, the plan is the one a workspace read whole gives (`plan(_:file:into:store:lang:)`).
        public var rowYears = Set<Int>()
        public var idsSeen = Set<String>()
        /// Header cells no column of the sheet reads (地点, 主持人 …): said, not silently dropped.
        public var ignoredColumns: [String] = []
    }

    /// Reads a decoded sheet against a workspace that may hold some years only (an activities
    /// import reads the current year, the other years' ids scanned: `load(years:scanningOtherYears:)`):
    /// planned, then the years the plan needed and does not have — a row's year, a year holding an
    /// id the sheet gives or ends with — are read with the others and it is planned again, until it needs none.
    /// The result is the plan a whole read gives. Nothing is written here.
    public func plan(_ grid: SheetGrid, file: String, into loaded: inout LoadedWorkspace, store: WorkspaceStore,
                     lang: Language) throws(StoreError) -> Plan {
        while true {
            let plan = self.plan(grid, file: file, into: loaded.workspace, lang: lang, idsNotRead: loaded.activityIdsNotRead)
            guard let have = loaded.years else { return plan }
            var needed = plan.rowYears
            for id in plan.idsSeen { needed.formUnion(loaded.activityIdsNotRead.years(of: id)) }
            let missing = needed.subtracting(have)
            if missing.isEmpty { return plan }
            // Read again with those years, not added to the end (`loadYears`): the records stay in
            // the order of a whole read, which decides which of two records sharing an id a row matches.
            loaded = try store.load(years: { _ in have.union(missing) }, scanningOtherYears: true)
        }
    }

    /// A CSV's text, read as `plan(_ grid:…)` reads a sheet.
    public func plan(_ text: String, file: String, into loaded: inout LoadedWorkspace, store: WorkspaceStore,
                     lang: Language) throws(StoreError) -> Plan {
        switch Self.grid(text, file: file, lang: lang) {
        case .success(let grid): return try plan(grid, file: file, into: &loaded, store: store, lang: lang)
        case .failure(let unreadable): return unreadable.plan
        }
    }

    public func plan(_ text: String, file: String, into ws: Workspace, lang: Language, idsNotRead: IdsNotRead = IdsNotRead()) -> Plan {
        switch Self.grid(text, file: file, lang: lang) {
        case .success(let grid): return plan(grid, file: file, into: ws, lang: lang, idsNotRead: idsNotRead)
        case .failure(let unreadable): return unreadable.plan
        }
    }

    /// A plan that is only the reason a sheet could not be read.
    struct Unreadable: Error { var plan: Plan }

    static func grid(_ text: String, file: String, lang: Language) -> Result<SheetGrid, Unreadable> {
        do { return .success(try SheetGrid.text(text)) } catch {
            var plan = Plan()
            plan.problems.append("\(file):\(error.line): " + SheetText.unterminatedQuote(lang))
            return .failure(Unreadable(plan: plan))
        }
    }

    /// Reads a sheet against the workspace. Nothing is written here. `idsNotRead`: ids of
    /// activities in years `ws` does not hold; a new activity's id is none of them.
    public func plan(_ text: SheetGrid, file: String, into ws: Workspace, lang: Language, idsNotRead: IdsNotRead = IdsNotRead()) -> Plan {
        let ctx = ImportContext(workspace: ws)
        switch self {
        case .branches:
            return Self.plan(text, file: file, columns: Sheets.branches(lang), blank: Branch(id: "", name: "", parentId: "", sector: .other, fullMembers: 0),
                             existing: ws.organisation.branches, key: { $0.id }, year: { _ in nil }, ctx: ctx, lang: lang,
                             newId: { _ in nil }, change: { .branch(before: $0, after: $1) })
        case .members:
            return Self.plan(text, file: file, columns: Sheets.members(lang), blank: Member(id: "", name: "", branchId: ""),
                             existing: ws.members, key: { $0.id }, year: { _ in nil }, ctx: ctx, lang: lang,
                             newId: { _ in nil }, change: { .member(before: $0, after: $1) })
        case .activities:
            // Activities match by id, else by branch + kind + date + title. New ones are numbered as
            // the dashboard numbers them (a2026-0843), each year's numbers going on from the last given.
            var ids = NewIds(taken: ws.activities.lazy.map(\.id), elsewhere: { !idsNotRead.years(of: $0).isEmpty })
            return Self.plan(text, file: file, columns: Sheets.activities(lang),
                             blank: Activity(id: "", branchId: "", kind: .other, date: Day(year: 2000, month: 1, day: 1)!, title: ""),
                             existing: ws.activities, key: { "\($0.branchId)|\($0.kind.rawValue)|\($0.date.iso)|\($0.title)" },
                             year: { $0.date.year }, ctx: ctx, lang: lang,
                             newId: { a in ids.activity(on: a.date) },
                             change: { .activity(before: $0, after: $1) })
        }
    }

    static func plan<R: Identified & Equatable>(_ grid: SheetGrid, file: String, columns: [Column<R>], blank: R, existing: [R],
                                                key: (R) -> String, year: (R) -> Int?, ctx: ImportContext, lang: Language,
                                                newId: (R) -> String?, change: (R?, R) -> Change?) -> Plan {
        var plan = Plan()
        let records = grid.rows
        guard let header = records.first else {
            plan.problems.append("\(file): " + (lang == .zh ? "文件为空" : "the file is empty"))
            return plan
        }
        // Columns in any order, by header or alias.
        var index: [Int: Int] = [:]   // column → cell position
        for (c, column) in columns.enumerated() {
            if let i = header.fields.firstIndex(where: { column.matches($0) }) { index[c] = i }
        }
        for (c, column) in columns.enumerated() where column.required && index[c] == nil {
            plan.problems.append("\(file):\(header.line): " + (lang == .zh ? "缺少列 \(column.zh)" : "missing column \(column.en)"))
        }
        if !plan.problems.isEmpty { return plan }
        let used = Set(index.values)
        plan.ignoredColumns = header.fields.enumerated().compactMap { i, cell in
            let name = cell.trimmingCharacters(in: .whitespaces)
            return used.contains(i) || name.isEmpty ? nil : name
        }
        // Positions, not copies of the records (a ledger of 300,000 activities was ~100 MB twice over); the first of an id or key.
        var byId = [String: Int](minimumCapacity: existing.count), byKey = [String: Int](minimumCapacity: existing.count)
        for (i, record) in existing.enumerated() {
            if byId[record.id] == nil { byId[record.id] = i }
            let k = key(record)
            if byKey[k] == nil { byKey[k] = i }
        }
        var changes: [Change] = []
        changes.reserveCapacity(records.count - 1)
        var seen = Set<String>()
        for record in records.dropFirst() {
            var r = blank
            var problems: [String] = []
            for (c, column) in columns.enumerated() {
                guard let i = index[c], let set = column.set else { continue }
                let value = i < record.fields.count ? record.fields[i] : ""
                // A control character in the cell (spaces and tabs around it aside) is refused, naming the column.
                if let bad = TerminalText.firstUnsafe(in: Cell.trimmed(value), multiLine: column.multiLine) {
                    problems.append(ImportProblem(kind: .controlCharacter(bad.value), value: value).message(column: column.header(lang), lang: lang))
                    continue
                }
                if let problem = set(&r, value, ctx) { problems.append(problem.message(column: column.header(lang), lang: lang)) }
            }
            if !problems.isEmpty {
                plan.problems += problems.map { "\(file):\(record.line): \($0)" }
                continue
            }
            let before = ((r.id.isEmpty ? nil : byId[r.id]) ?? byKey[key(r)]).map { existing[$0] }
            // A column the sheet does not have leaves the record's value as it was (a sheet without
            // 实到 does not clear the attendance): its cell as an export writes it, read back.
            if let before {
                for (c, column) in columns.enumerated() where index[c] == nil {
                    if let set = column.set { _ = set(&r, column.get(before).value, ctx) }
                }
            }
            if r.id.isEmpty {
                guard let fresh = before?.id ?? newId(r) else {
                    plan.problems.append("\(file):\(record.line): " + (lang == .zh ? "列 编号: 必填, 不能为空" : "column Id: required"))
                    continue
                }
                r = withId(r, fresh)
            }
            if let y = year(r) { plan.rowYears.insert(y) }
            plan.idsSeen.insert(r.id)
            if let before { plan.idsSeen.insert(before.id) }
            guard seen.insert(r.id).inserted else {
                plan.problems.append("\(file):\(record.line): " + (lang == .zh ? "编号 \(r.id) 在文件中重复" : "id \(r.id) appears twice in the file"))
                continue
            }
            if let before, before == r { plan.unchanged += 1; continue }
            if let c = change(before, r) { changes.append(c) }
            if before == nil { plan.added.append(r.id) } else { plan.changed.append(r.id) }
        }
        if !changes.isEmpty { plan.change = changes.count == 1 ? changes[0] : .batch(changes) }
        return plan
    }

    static func withId<R>(_ r: R, _ id: String) -> R {
        if var a = r as? Activity { a.id = id; return a as! R }
        return r
    }
}
