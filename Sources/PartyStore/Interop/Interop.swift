import Foundation
import PartyModel

/// How an import may go beyond the rows it reads.
public struct ImportOptions: Sendable {
    /// A branches sheet whose 上级组织 names a 党总支 the ledger lacks creates it (under the committee).
    public var createParents = false
    /// A dues sheet: the year its month columns are (default: the workspace's current year).
    public var year: Int?
    /// A dues sheet: the import day (a payment of a month not ended yet is dated this day).
    public var today: Day?
    /// 发展党员: rows whose dates break a rule are taken with the steps kept as exceptions, with this reason.
    public var exceptionReason: String?
    /// New ids at or below these are taken (by records this reader does not see: `IdFloors`).
    public var idFloors = IdFloors()
    public init(createParents: Bool = false, year: Int? = nil, today: Day? = nil, exceptionReason: String? = nil) {
        self.createParents = createParents; self.year = year; self.today = today; self.exceptionReason = exceptionReason
    }
}

/// A record a sheet adds or changes: its id is set when the sheet gives none.
protocol SheetRecord: Identified, Equatable {
    var id: String { get set }
    /// `self` with the fields no column of its sheet holds taken from `before` (the record the row
    /// matched): an import never clears what a sheet cannot say.
    func keepingFieldsWithoutColumns(of before: Self) -> Self
}

extension SheetRecord {
    func keepingFieldsWithoutColumns(of before: Self) -> Self { self }
}

extension Activity: SheetRecord {
    /// The attendance list and a talk's participants have no column; with a list, 实到 and 应到 are
    /// its counts (what the sheet shows), so the entered counts stay as they were too.
    func keepingFieldsWithoutColumns(of before: Activity) -> Activity {
        var a = self
        a.attendance = before.attendance
        a.participants = before.participants
        if before.attendance != nil { a.attended = before.attended; a.expected = before.expected }
        return a
    }
}
extension GeneralBranch: SheetRecord {}

extension Branch: SheetRecord {
    func keepingFieldsWithoutColumns(of before: Branch) -> Branch {
        var b = self
        b.countsFromRoster = before.countsFromRoster
        return b
    }
}

extension Member: SheetRecord {}
extension FundsEntry: SheetRecord {}

/// Sheets in and out of Excel/WPS: the round-tripping ledgers (branches, members, activities), and
/// the 党费 sheet of a year (`DuesSheet`: a row per member, a column per month).
public enum LedgerSheet: String, CaseIterable, Sendable {
    case branches, members, activities, dues
    /// 发展党员: a row a person, the dates of their steps (DevelopmentSheet.swift).
    case development
    /// 经费: a row an allocation or spending.
    case funds

    /// Header row and one row per record.
    public func export(_ ws: Workspace, year: Int?, lang: Language) -> [[CSV.Cell]] {
        switch self {
        case .branches: return Self.rows(Sheets.branches(lang, SheetNames(ws)), ws.organisation.branches, lang)
        case .members: return Self.rows(Sheets.members(lang, SheetNames(ws)), ws.members, lang)
        case .activities: return Self.rows(Sheets.activities(lang, SheetNames(ws)), ws.activities.filter { year == nil || $0.date.year == year }, lang)
        case .dues: return DuesSheet.export(ws, year: year ?? ws.settings.currentYear, lang: lang)
        case .development: return Self.rows(Sheets.development(lang, SheetNames(ws)), ws.candidates, lang)
        case .funds: return Self.rows(Sheets.funds(lang, SheetNames(ws)), ws.funds.filter { year == nil || $0.date.year == year }, lang)
        }
    }

    static func rows<R>(_ columns: [Column<R>], _ records: [R], _ lang: Language) -> [[CSV.Cell]] {
        [columns.map { .text($0.header(lang)) }] + records.map { r in columns.map { $0.get(r) } }
    }

    /// The line an import prints for one part of its change (dry run or not): a record added, with
    /// what identifies it to a person (branch, date, kind, title), or changed, with each column whose
    /// value moves, before → after, as the sheet's own columns show it (branch names, not ids).
    public static func describe(_ part: Change, names: SheetNames, lang: Language) -> String? {
        func name(_ id: String) -> String { names.branch(id) }
        func diff<R>(_ columns: [Column<R>], _ before: R, _ after: R) -> String {
            columns.compactMap { column -> String? in
                let (old, new) = (column.get(before).value, column.get(after).value)
                if old == new { return nil }
                return "\(column.header(lang)): \(old.isEmpty ? "—" : old) → \(new.isEmpty ? "—" : new)"
            }.joined(separator: "; ")
        }
        switch part {
        case .activity(let before, let after?):
            let what = "\(after.id)  \(name(after.branchId))  \(after.date.iso)  \(after.kind.name(lang))  \(after.title)"
            guard let before else { return SheetText.adds(what, lang) }
            return SheetText.changes(what, diff(Sheets.activities(lang, names), before, after), lang)
        case .member(let before, let after?):
            let what = "\(after.id)  \(after.name)  \(name(after.branchId))"
            guard let before else { return SheetText.adds(what, lang) }
            return SheetText.changes(what, diff(Sheets.members(lang, names), before, after), lang)
        case .branch(let before, let after?):
            let what = "\(after.id)  \(after.name)"
            guard let before else { return SheetText.adds(what, lang) }
            return SheetText.changes(what, diff(Sheets.branches(lang, names), before, after), lang)
        case .candidate(let before, let after?):
            let what = "\(after.id)  \(after.name)  \(name(after.branchId))  \(after.stage.name(lang))"
            guard let before else { return SheetText.adds(what, lang) }
            return SheetText.changes(what, diff(Sheets.development(lang, names), before, after), lang)
        case .generalBranch(let before, let after?):
            let what = "\(after.id)  \(after.name)  (\(lang.pick("党总支", "general branch")))"
            guard let before else { return SheetText.adds(what, lang) }
            return SheetText.changes(what, diff(Sheets.generalBranches(lang), before, after), lang)
        case .funds(let before, let after?):
            let what = "\(after.id)  \(names.organisation(after.organisationId))  \(after.date.iso)  \(after.direction.name(lang))  \(after.money)"
            guard let before else { return SheetText.adds(what, lang) }
            return SheetText.changes(what, diff(Sheets.funds(lang, names), before, after), lang)
        case .duesPayment(let before, let after?):
            func amount(_ p: DuesPayment) -> String { p.amount.map { Money(yuan: $0).description } ?? lang.pick("金额不详", "amount unknown") }
            let what = "\(after.id)  \(names.member(after.memberId))  \(name(after.branchId))  \(after.months.map(\.iso).joined(separator: ", "))"
            guard let before else { return SheetText.adds(what + "  " + amount(after), lang) }
            return SheetText.changes(what, lang.pick("金额", "Amount") + ": \(amount(before)) → \(amount(after))", lang)
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
        /// Rows that are not records (titles above the header, blank rows, 合计, footers).
        public var skipped: [SkippedRow] = []
        /// Rows whose branch (or parent) cell was empty or merged and took the value above.
        public var filledDown: [Int] = []
        /// The column that fills down (支部, or 上级组织 in a sheet of branches), as its header says.
        public var filledDownColumn = ""
    }

    /// Reads a decoded sheet against a workspace that may hold some years only (an activities
    /// import reads the current year, the other years' ids scanned: `load(years:scanningOtherYears:)`):
    /// planned, then the years the plan needed and does not have — a row's year, a year holding an
    /// id the sheet gives or ends with — are read with the others and it is planned again, until it needs none.
    /// The result is the plan a whole read gives. Nothing is written here.
    public func plan(_ grid: SheetGrid, file: String, into loaded: inout LoadedWorkspace, store: WorkspaceStore,
                     lang: Language, options: ImportOptions = ImportOptions()) throws(StoreError) -> Plan {
        while true {
            let plan = self.plan(grid, file: file, into: loaded.workspace, lang: lang, idsNotRead: loaded.activityIdsNotRead, options: options)
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
                     lang: Language, options: ImportOptions = ImportOptions()) throws(StoreError) -> Plan {
        switch Self.grid(text, file: file, lang: lang) {
        case .success(let grid): return try plan(grid, file: file, into: &loaded, store: store, lang: lang, options: options)
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
    public func plan(_ text: SheetGrid, file: String, into ws: Workspace, lang: Language, idsNotRead: IdsNotRead = IdsNotRead(),
                     options: ImportOptions = ImportOptions()) -> Plan {
        let ctx = ImportContext(workspace: ws)
        switch self {
        case .branches:
            return Self.planBranches(text, file: file, into: ws, lang: lang, createParents: options.createParents)
        case .members:
            // A member without an id is matched by branch and name; a new one numbered m-1, m-2 ….
            var ids = NewIds(taken: ws.members.lazy.map(\.id), elsewhere: options.idFloors.covers)
            return Self.plan(text, file: file, columns: Sheets.members(lang, SheetNames(ws)), blank: Member(id: "", name: "", branchId: ""),
                             existing: ws.members, key: { "\($0.branchId)|\($0.name)" }, year: { _ in nil }, ctx: ctx, lang: lang,
                             newId: { _ in ids.member() }, change: { .member(before: $0, after: $1) })
        case .dues:
            let year = options.year ?? ws.settings.currentYear
            return DuesSheet.plan(text, file: file, into: ws, year: year, today: options.today ?? Day.lastOf(year: year, month: 12), lang: lang,
                                  idsTaken: options.idFloors.covers)
        case .activities:
            // Activities match by id, else by branch + kind + date + title. New ones are numbered as
            // the dashboard numbers them (a2026-0843), each year's numbers going on from the last given.
            let floors = options.idFloors
            var ids = NewIds(taken: ws.activities.lazy.map(\.id), elsewhere: { !idsNotRead.years(of: $0).isEmpty || floors.covers($0) })
            return Self.plan(text, file: file, columns: Sheets.activities(lang, SheetNames(ws)),
                             blank: Activity(id: "", branchId: "", kind: .other, date: Day(year: 2000, month: 1, day: 1)!, title: ""),
                             existing: ws.activities, key: { "\($0.branchId)|\($0.kind.rawValue)|\($0.date.iso)|\($0.title)" },
                             year: { $0.date.year }, ctx: ctx, lang: lang,
                             newId: { a in ids.activity(on: a.date) },
                             change: { .activity(before: $0, after: $1) })
        case .funds:
            // An entry without an id is matched by organisation, day, direction, amount and note (a sheet
            // imported twice adds nothing); a new one numbered by its year (jf-2026-0001).
            var ids = NewIds(taken: ws.funds.lazy.map(\.id), elsewhere: options.idFloors.covers)
            return Self.plan(text, file: file, columns: Sheets.funds(lang, SheetNames(ws)),
                             blank: FundsEntry(id: "", date: Day(year: 2000, month: 1, day: 1)!, organisationId: "", amount: 0, direction: .allocated, category: .other),
                             existing: ws.funds, key: { "\($0.organisationId)|\($0.date.iso)|\($0.direction.rawValue)|\($0.money)|\($0.note ?? "")" },
                             year: { $0.date.year }, ctx: ctx, lang: lang,
                             newId: { e in ids.funds(year: e.date.year) }, change: { .funds(before: $0, after: $1) })
        case .development:
            // A person without an id is matched by branch and name; a new one numbered by the year of
            // their first step (fz-2026-0001). Their dates are judged against the rules as the files are.
            var ids = NewIds(taken: ws.candidates.lazy.map(\.id), elsewhere: options.idFloors.covers)
            let context = DevelopmentContext(rules: ws.settings.rules.development, members: ws.members)
            let branches = Dictionary(ws.organisation.branches.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            let reason = options.exceptionReason.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
            return Self.plan(text, file: file, columns: Sheets.development(lang, SheetNames(ws)), blank: Candidate(id: "", name: "", branchId: ""),
                             existing: ws.candidates, key: { "\($0.branchId)|\($0.name)" }, year: { _ in nil }, ctx: ctx, lang: lang,
                             newId: { c in ids.candidate(year: c.steps.first?.date.year ?? ws.settings.currentYear) },
                             change: { .candidate(before: $0, after: $1) },
                             finish: { Sheets.finishDevelopmentRow(&$0, context: context, branches: branches, exceptionReason: reason, lang: lang) })
        }
    }

    static func plan<R: SheetRecord>(_ grid: SheetGrid, file: String, columns: [Column<R>], blank: R, existing: [R],
                                                key: (R) -> String, year: (R) -> Int?, ctx: ImportContext, lang: Language,
                                                newId: (R) -> String?, change: (R?, R) -> Change?,
                                                finish: ((inout R) -> [String])? = nil) -> Plan {
        var plan = Plan()
        guard var layout = SheetLayout.find(grid, columns: columns) else {
            plan.problems.append("\(file): " + (lang == .zh ? "文件为空" : "the file is empty"))
            return plan
        }
        let header = grid.rows[layout.header]
        let index = layout.index
        for (c, column) in columns.enumerated() where column.required && index[c] == nil {
            plan.problems.append("\(file):\(header.line): " + (lang == .zh ? "缺少列 \(column.zh)" : "missing column \(column.en)"))
        }
        if !plan.problems.isEmpty {
            if index.count < min(2, columns.count) {
                plan.problems.append("\(file): " + SheetText.headerNotFound(header.line, columns.filter(\.required).map { $0.header(lang) }, lang))
            }
            return plan
        }
        let used = Set(index.values)
        plan.ignoredColumns = header.fields.enumerated().compactMap { i, cell in
            let name = Cell.trimmingSpace(cell)
            return used.contains(i) || name.isEmpty ? nil : name
        }
        // Merged cells running down rows take the value of their first cell; a column that fills
        // down (the branch, grouped under one merged cell or left blank) takes the row above's.
        let merged = SheetLayout.mergedBelow(grid)
        let positionOfLine = merged.isEmpty ? [:] : Dictionary(grid.rows.enumerated().map { ($1.line, $0) }, uniquingKeysWith: { a, _ in a })
        var above: [Int: String] = [:]   // column → the last record's value, for columns that fill down
        // Positions, not copies of the records (a ledger of 300,000 activities was ~100 MB twice over); the first of an id or key.
        var byId = [String: Int](minimumCapacity: existing.count), byKey = [String: Int](minimumCapacity: existing.count)
        for (i, record) in existing.enumerated() {
            if byId[record.id] == nil { byId[record.id] = i }
            let k = key(record)
            if byKey[k] == nil { byKey[k] = i }
        }
        var changes: [Change] = []
        changes.reserveCapacity(grid.rows.count - layout.header - 1)
        var seen = Set<String>()
        for record in grid.rows[(layout.header + 1)...] {
            if let reason = layout.skipReason(record.fields, headerFields: header.fields) {
                layout.skipped.append(SkippedRow(line: record.line, reason: reason))
                continue
            }
            var r = blank
            var problems: [String] = []
            for (c, column) in columns.enumerated() {
                guard let i = index[c], let set = column.set else { continue }
                var value = i < record.fields.count ? record.fields[i] : ""
                if Cell.trimmingSpace(value).isEmpty, let top = merged[SheetLayout.MergedCell(line: record.line, position: i)],
                   let p = positionOfLine[top], i < grid.rows[p].fields.count {
                    value = grid.rows[p].fields[i]
                    if column.fillsDown { plan.filledDown.append(record.line); plan.filledDownColumn = Cell.trimmingSpace(header.fields[i]) }
                } else if column.fillsDown {
                    if Cell.trimmingSpace(value).isEmpty, let last = above[c] {
                        value = last
                        plan.filledDown.append(record.line)
                        plan.filledDownColumn = Cell.trimmingSpace(header.fields[i])
                    }
                    above[c] = value
                }
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
                r = r.keepingFieldsWithoutColumns(of: before)
            }
            if r.id.isEmpty {
                guard let fresh = before?.id ?? newId(r) else {
                    plan.problems.append("\(file):\(record.line): " + (lang == .zh ? "列 编号: 必填, 不能为空" : "column Id: required"))
                    continue
                }
                r = withId(r, fresh)
            }
            if let finish {
                let found = finish(&r)
                if !found.isEmpty {
                    plan.problems += found.map { "\(file):\(record.line): \($0)" }
                    continue
                }
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
        plan.skipped = layout.skipped
        // A sheet with any problem changes nothing: no change to apply by mistake.
        if !plan.problems.isEmpty { return plan }
        if !changes.isEmpty { plan.change = changes.count == 1 ? changes[0] : .batch(changes) }
        return plan
    }

    /// A branches sheet: its 党总支 rows (类型 党总支) planned first as general branches, then the
    /// branches against the ledger with those in it, so a branch's 上级组织 can name one of them.
    /// Without an id column, a branch is matched by name and a new one numbered b-1, b-2 … (the
    /// same sheet imported twice gives the same ids: the second time every row matches by name).
    static func planBranches(_ grid: SheetGrid, file: String, into ws: Workspace, lang: Language, createParents: Bool) -> Plan {
        let columns = Sheets.branches(lang, SheetNames(ws))
        var generalRows = Set<Int>()   // positions in grid.rows
        if let layout = SheetLayout.find(grid, columns: columns),
           let typeColumn = columns.firstIndex(where: { $0.zh == "类型" }), let cell = layout.index[typeColumn] {
            for (p, row) in grid.rows.enumerated() where p > layout.header && cell < row.fields.count {
                if ["党总支", "党总支部", "总支", "generalbranch"].contains(NameKey.of(Cell.trimmed(row.fields[cell]))) { generalRows.insert(p) }
            }
        }
        var plan = Plan()
        var withGenerals = ws
        var changes: [Change] = []
        if !generalRows.isEmpty {
            let header = SheetLayout.find(grid, columns: columns)!.header
            let sub = SheetGrid(name: grid.name, rows: grid.rows.enumerated().filter { $0.offset <= header || generalRows.contains($0.offset) }.map(\.element))
            var ids = NewIds(taken: ws.organisation.generalBranches.map(\.id) + [ws.organisation.committee.id])
            let generals = Self.plan(sub, file: file, columns: Sheets.generalBranches(lang), blank: GeneralBranch(id: "", name: "", parentId: ws.organisation.committee.id),
                                     existing: ws.organisation.generalBranches, key: { $0.name }, year: { _ in nil }, ctx: ImportContext(workspace: ws), lang: lang,
                                     newId: { _ in ids.generalBranch() }, change: { .generalBranch(before: $0, after: $1) })
            plan.problems = generals.problems
            plan.added = generals.added; plan.changed = generals.changed; plan.unchanged = generals.unchanged
            if let c = generals.change { changes += c.parts; try? c.apply(to: &withGenerals) }
        }
        var ctx = ImportContext(workspace: withGenerals)
        let parents = createParents ? ParentsToCreate(withGenerals) : nil
        ctx.parentsToCreate = parents
        var ids = NewIds(withGenerals)
        let rest = SheetGrid(name: grid.name, rows: grid.rows.enumerated().filter { !generalRows.contains($0.offset) }.map(\.element), merges: grid.merges)
        let branches = Self.plan(rest, file: file, columns: columns, blank: Branch(id: "", name: "", parentId: "", sector: .other, fullMembers: 0),
                                 existing: ws.organisation.branches, key: { $0.name }, year: { _ in nil }, ctx: ctx, lang: lang,
                                 newId: { _ in ids.branch() }, change: { .branch(before: $0, after: $1) })
        for g in parents?.created ?? [] { changes.append(.generalBranch(before: nil, after: g)); plan.added.append(g.id) }
        plan.problems += branches.problems
        plan.added += branches.added; plan.changed += branches.changed; plan.unchanged += branches.unchanged
        plan.ignoredColumns = branches.ignoredColumns
        plan.filledDown = branches.filledDown; plan.filledDownColumn = branches.filledDownColumn
        plan.skipped = branches.skipped
        if let c = branches.change { changes += c.parts }
        if !plan.problems.isEmpty { return plan }
        if !changes.isEmpty { plan.change = changes.count == 1 ? changes[0] : .batch(changes) }
        return plan
    }

    static func withId<R: SheetRecord>(_ r: R, _ id: String) -> R {
        var r = r
        r.id = id
        return r
    }
}
