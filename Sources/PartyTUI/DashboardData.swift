import Synchronization
import PartyModel

/// Everything the panes show, derived once from the workspace and the selected period, so that a
/// key press only moves through ready rows.
public struct DashboardData: Sendable {
    public let workspace: Workspace
    public let year: Int
    public let quarter: Int
    public let asOf: Day
    public let lang: Language
    /// The years of activities and checks in `workspace`; nil when it holds every year.
    public let loadedYears: Set<Int>?
    public let engine: ScoringEngine
    public let compliance: ComplianceCalculator
    public let yearScores: ScoreTable
    /// The selected quarter's scores: worked out when first shown (the first screen does not show them).
    public var quarterScores: ScoreTable {
        quarterScoresKept.value("quarter") { engine.quarter(selectedQuarter, asOf: asOf, revising: revisingQuarter?.old, touched: revisingQuarter?.touched ?? []) }
    }
    private let quarterScoresKept = Kept<ScoreTable>()
    /// The quarter view before the change this data was revised after, when it had been shown.
    private let revisingQuarter: (old: ScoreTable, touched: Set<String>)?
    public let alerts: [Alert]
    /// This quarter's 三会一课 ratio of each branch in service (the overview's means).
    private let meetingRatios: [String: Double]
    public let overview: Overview
    /// Pane tables, built when a pane is first shown: the first screen of a county workspace should
    /// not wait for 100,000 activity rows nobody has asked for yet.
    private let tableCache = Kept<Table>()
    let branchNames: [String: String]

    /// What the 总览 pane shows and nothing more: a value, so that it can be kept between sessions
    /// (a large workspace's first screen is drawn from the last session's while the files are read).
    public struct Overview: Codable, Sendable, Equatable {
        public struct GeneralBranchMeetings: Codable, Sendable, Equatable {
            /// nil: the branches directly under the committee (直属支部).
            public var name: String?
            public var ratio: Double
        }
        public var organisations: WorkspaceSummary.Organisations
        public var members: WorkspaceSummary.Members
        /// Mean 三会一课 ratio this quarter, overall and per general branch.
        public var meetings: Double
        public var meetingsByGeneralBranch: [GeneralBranchMeetings]
        public var rectificationCounts: [RectificationStatus: Int]
        public var overdueRectifications: Int
        /// The year's grades, as the scoring pane's year view has them.
        public var year: Int
        public var grades: ScoreSummary
        public var provisional: Bool
        public var alertCount: Int
        /// The first alerts (most urgent first): more than the tallest screen has rows for.
        public var topAlerts: [Alert]

        static let alertsKept = 200
    }

    public var selectedQuarter: Quarter { Quarter(year: year, number: quarter)! }

    /// The years of activities and checks the panes need to show `year`: that year, and for the
    /// alerts (which are as of `asOf`) the as-of quarter and the one before it.
    public static func years(for year: Int, asOf: Day) -> Set<Int> {
        [year, asOf.year, asOf.quarter.previous.year]
    }

    /// `compliance`: the ledger already counted for this workspace (after an edit, `updated(for:in:)`).
    /// `revising`: the data before a change that moved the figures of the `touched` branches only
    /// (`Change.branchesTouched`); the other branches' scores, alerts and ratios are kept from it.
    public init(workspace: Workspace, year: Int, quarter: Int, asOf: Day, lang: Language, loadedYears: Set<Int>? = nil,
                compliance known: ComplianceCalculator? = nil, revising: (old: DashboardData, touched: Set<String>)? = nil) {
        self.workspace = workspace
        self.loadedYears = loadedYears
        self.year = year
        self.quarter = quarter
        self.asOf = asOf
        self.lang = lang
        let engine = ScoringEngine(workspace, compliance: known)
        let compliance = engine.compliance
        self.compliance = compliance
        self.engine = engine
        let quarterNow = Quarter(year: year, number: quarter)!
        let active = workspace.organisation.branches(inServiceOn: quarterNow.firstDay)
        // A revision only when the data revised shows the same period, day and years.
        let basis = revising.flatMap { r in
            r.old.year == year && r.old.quarter == quarter && r.old.asOf == asOf && r.old.loadedYears == loadedYears ? r : nil
        }
        let touched = basis?.touched ?? []
        revisingQuarter = basis.flatMap { b in b.old.quarterScoresKept.existing("quarter").map { ($0, b.touched) } }
        // The first screen's figures are independent of one another: worked out side by side.
        let years = Concurrently.Slot<ScoreTable>()
        let alertList = Concurrently.Slot<[Alert]>(), meetings = Concurrently.Slot<[String: Double]>()
        let summaryFigures = Concurrently.Slot<WorkspaceSummary>()
        Concurrently.run([
            { years.value = engine.year(year, asOf: asOf, revising: basis?.old.yearScores, touched: touched) },
            { alertList.value = AlertRules.alerts(workspace, asOf: asOf, compliance: compliance, engine: engine,
                                                  revising: basis?.old.alerts, touched: touched) },
            { meetings.value = Dictionary(uniqueKeysWithValues: active.map { branch in
                let kept = touched.contains(branch.id) ? nil : basis?.old.meetingRatios[branch.id]
                return (branch.id, kept ?? compliance.quarter(branch, quarterNow).threeMeetingsOneLesson)
              }) },
            { summaryFigures.value = WorkspaceSummary(workspace, year: year) },
        ])
        yearScores = years.value!
        alerts = alertList.value!
        let ratios = meetings.value!
        meetingRatios = ratios
        branchNames = Dictionary(workspace.organisation.branches.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })

        func mean(_ ids: [String]) -> Double { ids.isEmpty ? 0 : ids.reduce(0) { $0 + (ratios[$1] ?? 0) } / Double(ids.count) }
        var byGeneral: [Overview.GeneralBranchMeetings] = workspace.organisation.generalBranches.compactMap { g in
            let ids = active.filter { $0.parentId == g.id }.map(\.id)
            return ids.isEmpty ? nil : .init(name: g.name, ratio: mean(ids))
        }
        let direct = active.filter { $0.parentId == workspace.organisation.committee.id }.map(\.id)
        if !direct.isEmpty { byGeneral.append(.init(name: nil, ratio: mean(direct))) }
        var counts = Dictionary(uniqueKeysWithValues: RectificationStatus.allCases.map { ($0, 0) })
        for r in workspace.rectifications { counts[r.status, default: 0] += 1 }
        let summary = summaryFigures.value!
        overview = Overview(organisations: summary.organisations, members: summary.members, meetings: mean(active.map(\.id)),
                            meetingsByGeneralBranch: byGeneral, rectificationCounts: counts,
                            overdueRectifications: workspace.rectifications.filter { $0.isOverdue(on: asOf) }.count,
                            year: year, grades: yearScores.summary, provisional: yearScores.provisional,
                            alertCount: alerts.count, topAlerts: Array(alerts.prefix(Overview.alertsKept)))
    }

    /// What to show once `change` is saved into `workspace`: the ledger counted again for the
    /// branches it touched only (unless saving read another year first: then whole), their figures
    /// worked out again, the activities pane carried over with only the edited rows changed.
    public func afterSaving(_ change: Change, workspace: Workspace, loadedYears: Set<Int>?) -> DashboardData {
        // The other branches' figures are kept (all worked out again after a branch's change):
        // equal to data worked out afresh (RevisionTests).
        let counted = self.loadedYears == loadedYears ? compliance.updated(for: change, in: workspace) : nil
        let data = DashboardData(workspace: workspace, year: year, quarter: quarter, asOf: asOf, lang: lang, loadedYears: loadedYears,
                                 compliance: counted, revising: change.branchesTouched.map { (self, $0) })
        data.carryOver(from: self, after: change)
        return data
    }

    /// What a session opens on: the workspace's current year; the quarter of the as-of day when it
    /// falls in that year.
    /// `compliance`: the ledger already counted for `ws` (it does not depend on the day).
    public static func opening(_ ws: Workspace, loadedYears: Set<Int>?, asOf: Day, lang: Language,
                               compliance: ComplianceCalculator? = nil) -> DashboardData {
        let (year, quarter) = openingPeriod(ws, asOf: asOf)
        return DashboardData(workspace: ws, year: year, quarter: quarter, asOf: asOf, lang: lang, loadedYears: loadedYears,
                             compliance: compliance)
    }

    static func openingPeriod(_ ws: Workspace, asOf: Day) -> (year: Int, quarter: Int) {
        let year = ws.settings.currentYear
        return (year, asOf.year == year ? asOf.quarter.number : (asOf.year > year ? 4 : 1))
    }

    /// Whether this data shows the period a session opens on (its first screen is then `firstScreen`).
    public var isOpeningPeriod: Bool { Self.openingPeriod(workspace, asOf: asOf) == (year, quarter) }

    /// The first screens a session opened on `days` would show, with the files as they are (the
    /// figures are a function of the files and the day): for the days whose first screen reads the
    /// same years as `asOf`'s. `carryOn` is asked before each day; false stops.
    public static func firstScreens(_ ws: Workspace, loadedYears: Set<Int>?, asOf: Day, days: [Day], lang: Language,
                                    compliance: ComplianceCalculator? = nil, carryOn: () -> Bool = { true }) -> [Day: FirstScreen] {
        let year = ws.settings.currentYear
        var screens: [Day: FirstScreen] = [:]
        for day in days where years(for: year, asOf: day) == years(for: year, asOf: asOf) {
            guard carryOn() else { break }
            screens[day] = opening(ws, loadedYears: loadedYears, asOf: day, lang: lang, compliance: compliance).firstScreen
        }
        return screens
    }

    /// The first screen as it can be kept between sessions.
    public var firstScreen: FirstScreen {
        FirstScreen(name: workspace.settings.name, isDemo: workspace.settings.isDemo, year: year, quarter: quarter, overview: overview)
    }

    /// A pane's table (nil for the overview); `quarterView`: the scoring pane's quarter view.
    public func table(_ pane: Pane, quarterView: Bool = false) -> Table? {
        guard pane != .overview else { return nil }
        let key = pane == .scoring && quarterView ? "scoring-quarter" : "\(pane)"
        return tableCache.value(key) {
            switch pane {
            case .overview: Table(columns: [], rows: [], sortOptions: [])
            case .branches: Self.branchTable(workspace, year: year, asOf: asOf, compliance: compliance, scores: yearScores, alerts: alerts, lang: lang)
            case .checks: Self.checkTable(workspace, year: year, asOf: asOf, engine: engine, lang: lang)
            case .scoring: Self.scoreTable(workspace, quarterView ? quarterScores : yearScores, lang: lang)
            case .rectifications: Self.rectificationTable(workspace, asOf: asOf, names: branchNames, lang: lang)
            case .alerts: Self.alertTable(alerts, lang: lang)
            case .tasks: Self.taskTable(workspace.plan, asOf: asOf, lang: lang)
            case .activities: Self.activityTable(workspace, year: year, names: branchNames, lang: lang)
            }
        }
    }

    public func branchName(_ id: String) -> String { branchNames[id] ?? id }
}

/// The overview with what the bars around it show: everything the first screen draws. Kept
/// between sessions (see `Views.preview`).
public struct FirstScreen: Codable, Sendable, Equatable {
    public var name: String
    public var isDemo: Bool
    public var year: Int
    public var quarter: Int
    public var overview: DashboardData.Overview

    /// The days after today whose first screens a session keeps too (after a weekend, the next one opens on them).
    public static let daysAhead = 3

    /// The days whose first screens a session keeps: the next `daysAhead`, after `day` (and it too).
    public static func daysKept(after day: Day, includingIt: Bool = false) -> [Day] {
        ((includingIt ? 0 : 1)...daysAhead).map { day.adding(days: $0) }
    }

    public init(name: String, isDemo: Bool, year: Int, quarter: Int, overview: DashboardData.Overview) {
        self.name = name
        self.isDemo = isDemo
        self.year = year
        self.quarter = quarter
        self.overview = overview
    }
}

/// Values (pane tables, the quarter view's scores) worked out on first use and kept. A class
/// behind a lock so `DashboardData` stays a `Sendable` value whose reads are pure: a value depends
/// only on the data it was worked out from.
final class Kept<Value: Sendable>: Sendable {
    private let values = Mutex<[String: Value]>([:])

    func value(_ key: String, make: () -> Value) -> Value {
        if let known = existing(key) { return known }
        let made = make()
        store(key, made)
        return made
    }

    /// The value, if worked out already.
    func existing(_ key: String) -> Value? { values.withLock { $0[key] } }
    /// Removes the value and hands it over (a table's rows then have one owner and change in place).
    func take(_ key: String) -> Value? { values.withLock { $0.removeValue(forKey: key) } }
    func store(_ key: String, _ value: Value) { values.withLock { $0[key] = value } }
}

extension DashboardData {

    // MARK: Tables

    static func branchTable(_ ws: Workspace, year: Int, asOf: Day, compliance: ComplianceCalculator, scores: ScoreTable,
                            alerts: [Alert], lang: Language) -> Table {
        let columns = [
            ColumnSpec(lang.pick("组织", "Organisation"), width: 20, flexible: true, priority: 10),
            ColumnSpec(lang.pick("党员", "Mbrs"), width: 4, align: .right, priority: 8),
            ColumnSpec(lang.pick("书记", "Secretary"), width: 6, priority: 3),
            ColumnSpec(lang.pick("任期至", "Term end"), width: 10, priority: 4),
        ] + (1...4).map { ColumnSpec("Q\($0)", width: 4, align: .right, priority: 6) } + [
            ColumnSpec(lang.pick("得分", "Score"), width: 6, align: .right, priority: 9),
            ColumnSpec(lang.pick("等次", "Grade"), width: 4, priority: 7),
            ColumnSpec(lang.pick("预警", "Alrt"), width: 4, align: .right, priority: 5),
        ]
        let scoreById = Dictionary(uniqueKeysWithValues: scores.branches.map { ($0.branchId, $0) })
        let alertCount = Dictionary(grouping: alerts, by: \.branchId).mapValues(\.count)
        var rows: [TableRow] = []
        let org = ws.organisation
        rows.append(TableRow(id: "org:\(org.committee.id)", cells: [org.committee.name, "", org.committee.secretary ?? "", org.committee.termEnd?.iso ?? ""],
                             rowRole: .title, depth: 0, isHeading: true))
        func branchRow(_ b: Branch, depth: Int) {
            let score = scoreById[b.id]
            var cells = [b.name, String(b.totalMembers), b.secretary ?? lang.pick("空缺", "vacant"), b.termEnd?.iso ?? "-"]
            var roles: [StyleRole] = [.text, .text, b.secretary == nil ? .bad : .text, b.termEnd.map { $0 < asOf ? .bad : .text } ?? .muted]
            for q in Quarter.all(of: year) {
                if q.firstDay > asOf { cells.append("-"); roles.append(.muted); continue }
                let ratio = compliance.quarter(b, q).threeMeetingsOneLesson
                cells.append(UIText.percent(ratio)); roles.append(UIText.role(ratio: ratio))
            }
            cells += [score.map { UIText.points($0.total) } ?? "", score.map { $0.grade.name(lang) } ?? "", String(alertCount[b.id] ?? 0)]
            roles += [.text, score.map { UIText.role(grade: $0.grade) } ?? .text, (alertCount[b.id] ?? 0) > 0 ? .warn : .muted]
            rows.append(TableRow(
                id: b.id, cells: cells, roles: roles, search: "\(b.name) \(b.secretary ?? "") \(b.id)",
                sortKeys: [.number(Double(rows.count)), .number(-(score?.total ?? 0)), .number(-Double(b.totalMembers)),
                           .text(b.termEnd?.iso ?? "9999"), .number(-Double(alertCount[b.id] ?? 0))],
                depth: depth))
            for g in b.partyGroups {
                rows.append(TableRow(id: "group:\(g.id)", cells: [g.name, String(g.size), g.leader ?? ""], rowRole: .muted,
                                     search: "\(b.name) \(g.name) \(g.leader ?? "")", sortKeys: [.number(Double(rows.count))],
                                     depth: depth + 1, tags: ["group"]))
            }
        }
        for g in org.generalBranches {
            rows.append(TableRow(id: "org:\(g.id)", cells: [g.name, String(org.branches(under: g.id).reduce(0) { $0 + $1.totalMembers }), g.secretary ?? "", g.termEnd?.iso ?? ""],
                                 rowRole: .accent, search: g.name, sortKeys: [.number(Double(rows.count))], depth: 1, isHeading: true))
            for b in org.branches(under: g.id) { branchRow(b, depth: 2) }
        }
        for b in org.branches(under: org.committee.id) { branchRow(b, depth: 1) }
        return Table(columns: columns, rows: rows, sortOptions: [
            lang.pick("组织结构", "tree"), lang.pick("得分", "score"), lang.pick("党员数", "members"),
            lang.pick("任期届满", "term end"), lang.pick("预警数", "alerts")])
    }

    static func checkTable(_ ws: Workspace, year: Int, asOf: Day, engine: ScoringEngine, lang: Language) -> Table {
        let max = ws.checkTemplate.totalPoints
        let columns = [ColumnSpec(lang.pick("支部", "Branch"), width: 16, flexible: true, priority: 10)]
            + (1...4).map { ColumnSpec(lang.pick("第\($0)季度", "Q\($0)"), width: 12, priority: 6) }
        let rows = ws.organisation.activeBranches.enumerated().map { index, b -> TableRow in
            var cells = [b.name], roles: [StyleRole] = [.text]
            var totals: [SortKey] = []
            var tags: Set<String> = []
            for q in Quarter.all(of: year) {
                let status = engine.checkStatus(branch: b.id, quarter: q, asOf: asOf)
                let open = status.findings.filter { ($0.status(on: asOf) ?? .closed) != .closed }.count
                switch status.state {
                case .notChecked:
                    let ended = q.lastDay < asOf
                    cells.append(ended ? lang.pick("未检查", "missing") : lang.pick("未到期", "not yet"))
                    roles.append(ended ? .bad : .muted)
                    if ended { tags.insert("missing") }
                case .checked, .findingsOpen:
                    let total = status.check!.totalPoints
                    cells.append(UIText.points(total) + (open > 0 ? lang.pick(" 待改\(open)", " open\(open)") : ""))
                    roles.append(open > 0 ? .warn : UIText.role(ratio: max > 0 ? total / max / 0.95 : 1))
                    if open > 0 { tags.insert("findingsOpen") }
                }
                totals.append(.number(-(status.check?.totalPoints ?? -1)))
            }
            return TableRow(id: b.id, cells: cells, roles: roles, search: b.name, sortKeys: [.number(Double(index))] + totals, tags: tags)
        }
        return Table(columns: columns, rows: rows, sortOptions: [lang.pick("支部顺序", "branch order")] + (1...4).map { lang.pick("第\($0)季度得分", "Q\($0) score") })
    }

    static func scoreTable(_ ws: Workspace, _ table: ScoreTable, lang: Language) -> Table {
        let categories = ws.scoring.categories
        let columns = [ColumnSpec(lang.pick("排名", "Rank"), width: 4, align: .right, priority: 9),
                       ColumnSpec(lang.pick("支部", "Branch"), width: 14, flexible: true, priority: 10)]
            + categories.map { ColumnSpec(UIText.shortCategory($0), width: 5, align: .right, priority: 6) }
            + [ColumnSpec(lang.pick("总分", "Total"), width: 6, align: .right, priority: 9),
               ColumnSpec(lang.pick("等次", "Grade"), width: 4, priority: 8),
               ColumnSpec(lang.pick("最强", "Best"), width: 4, priority: 7)]
        let rows = table.branches.map { s -> TableRow in
            let cells = [String(s.rank), s.name] + categories.map { UIText.oneDecimal(s.categories[$0.id] ?? 0) }
                + [UIText.points(s.total), s.grade.name(lang), s.strongest ? UIText.strongest(lang) : ""]
            let roles: [StyleRole] = [.muted, .text] + categories.map { _ in .text } + [.accent, UIText.role(grade: s.grade), .good]
            return TableRow(id: s.branchId, cells: cells, roles: roles, search: s.name,
                            sortKeys: [.number(Double(s.rank))] + categories.map { .number(-(s.categories[$0.id] ?? 0)) }
                                + [.text(s.name)],
                            tags: Set([s.grade.rawValue] + (s.strongest ? ["strongest"] : [])))
        }
        return Table(columns: columns, rows: rows,
                     sortOptions: [lang.pick("总分", "total")] + categories.map(\.name) + [lang.pick("支部名称", "name")])
    }

    static func rectificationTable(_ ws: Workspace, asOf: Day, names: [String: String], lang: Language) -> Table {
        let columns = [
            ColumnSpec(lang.pick("编号", "Id"), width: 12, priority: 3),
            ColumnSpec(lang.pick("支部", "Branch"), width: 14, priority: 8),
            ColumnSpec(lang.pick("问题", "Finding"), width: 16, flexible: true, priority: 10),
            ColumnSpec(lang.pick("责任人", "Owner"), width: 6, priority: 4),
            ColumnSpec(lang.pick("期限", "Due"), width: 10, priority: 7),
            ColumnSpec(lang.pick("状态", "Status"), width: 7, priority: 9),
        ]
        let sorted = ws.rectifications.sorted { a, b in
            let (ao, bo) = (a.isOverdue(on: asOf), b.isOverdue(on: asOf))
            return ao != bo ? ao : (a.dueOn, a.id) < (b.dueOn, b.id)
        }
        let rows = sorted.enumerated().map { i, r -> TableRow in
            let overdue = r.isOverdue(on: asOf)
            let status = r.status.name(lang) + (overdue ? "!" : "")
            return TableRow(id: r.id, cells: [r.id, names[r.branchId] ?? r.branchId, r.description, r.owner, r.dueOn.iso, status],
                            roles: [.muted, .text, .text, .text, overdue ? .bad : .text, overdue ? .bad : r.status == .closed ? .good : .fair],
                            rowRole: overdue ? .bad : nil, search: "\(r.id) \(names[r.branchId] ?? "") \(r.description) \(r.owner)",
                            sortKeys: [.number(Double(i)), .text(r.dueOn.iso), .text(names[r.branchId] ?? ""), .text(r.status.rawValue)],
                            tags: Set([r.status.rawValue] + (overdue ? ["overdue"] : [])))
        }
        return Table(columns: columns, rows: rows, sortOptions: [lang.pick("逾期优先", "overdue first"), lang.pick("期限", "due"),
                                                                  lang.pick("支部", "branch"), lang.pick("状态", "status")])
    }

    static func alertTable(_ alerts: [Alert], lang: Language) -> Table {
        let columns = [ColumnSpec(lang.pick("级别", "Level"), width: 4, priority: 9),
                       ColumnSpec(lang.pick("支部", "Branch"), width: 14, priority: 8),
                       ColumnSpec(lang.pick("内容", "Message"), width: 20, flexible: true, priority: 10),
                       ColumnSpec(lang.pick("代码", "Code"), width: 24, priority: 1)]
        let rows = alerts.enumerated().map { i, a in
            TableRow(id: "\(i)", cells: [a.severity.name(lang), a.branchName, a.message(lang), a.code],
                     roles: [UIText.role(severity: a.severity), .text, .text, .muted],
                     search: "\(a.branchName) \(a.message(lang)) \(a.code)",
                     sortKeys: [.number(Double(i)), .text(a.branchName), .text(a.code)], tags: [a.severity.rawValue])
        }
        return Table(columns: columns, rows: rows, sortOptions: [lang.pick("严重程度", "severity"), lang.pick("支部", "branch"), lang.pick("类别", "code")])
    }

    static func taskTable(_ plan: WorkPlan, asOf: Day, lang: Language) -> Table {
        let columns = [ColumnSpec(lang.pick("任务", "Task"), width: 16, flexible: true, priority: 10),
                       ColumnSpec(lang.pick("责任单位", "Responsible"), width: 14, priority: 4),
                       ColumnSpec(lang.pick("期限", "Deadline"), width: 10, priority: 6),
                       ColumnSpec(lang.pick("状态", "Status"), width: 6, priority: 8),
                       ColumnSpec(lang.pick("进度", "Progress"), width: 12, priority: 7, isBar: true)]
        var rows: [TableRow] = []
        for section in plan.sections {
            rows.append(TableRow(id: "section:\(section.id)", cells: [section.title], rowRole: .accent, search: section.title,
                                 sortKeys: [.number(Double(rows.count))], isHeading: true))
            for task in plan.tasks where task.sectionId == section.id {
                let late = task.status != .done && (task.deadline.map { $0 < asOf } ?? false)
                let status: StyleRole = task.status == .done ? .good : task.status == .blocked ? .bad : late ? .warn : .text
                rows.append(TableRow(
                    id: task.id,
                    cells: [task.title, task.responsibleUnits.joined(separator: "、"), task.deadline?.iso ?? task.phase ?? "",
                            task.status.name(lang), String(Double(task.progress) / 100)],
                    roles: [.text, .muted, late ? .warn : .text, status, .text],
                    search: "\(section.title) \(task.title) \(task.responsibleUnits.joined(separator: " ")) \(task.target ?? "")",
                    sortKeys: [.number(Double(rows.count)), .text(task.deadline?.iso ?? "9999"), .number(Double(task.progress)), .text(task.status.rawValue)],
                    depth: 1, tags: Set([task.status.rawValue] + (late ? ["late"] : []))))
            }
        }
        return Table(columns: columns, rows: rows, sortOptions: [lang.pick("按章节", "by section"), lang.pick("期限", "deadline"),
                                                                  lang.pick("进度", "progress"), lang.pick("状态", "status")])
    }

    static func activityTable(_ ws: Workspace, year: Int, names: [String: String], lang: Language) -> Table {
        let columns = [ColumnSpec(lang.pick("日期", "Date"), width: 10, priority: 9),
                       ColumnSpec(lang.pick("支部", "Branch"), width: 14, priority: 8),
                       ColumnSpec(lang.pick("类型", "Kind"), width: 8, priority: 7),
                       ColumnSpec(lang.pick("标题", "Title"), width: 14, flexible: true, priority: 10),
                       ColumnSpec(lang.pick("出席", "Att."), width: 7, align: .right, priority: 5),
                       ColumnSpec(lang.pick("学时", "Hrs"), width: 4, align: .right, priority: 3)]
        let list = ws.activities.filter { $0.date.year == year }.sorted(by: newestFirst)
        // A county's year is 100,000 rows: built on every core.
        let rows = Concurrently.map(Array(list.enumerated())) { i, a in activityRow(a, position: i, names: names, lang: lang) }
        return Table(columns: columns, rows: rows, sortOptions: [lang.pick("日期 新→旧", "newest"), lang.pick("日期 旧→新", "oldest"),
                                                                  lang.pick("支部", "branch"), lang.pick("类型", "kind")])
    }

    /// Whether a pane's table has been built (or carried over) already.
    func isBuilt(_ pane: Pane) -> Bool { tableCache.existing("\(pane)") != nil }

    /// The activities pane's order: newest first, then by id.
    static func newestFirst(_ a: Activity, _ b: Activity) -> Bool { (a.date, a.id) > (b.date, b.id) }

    static func activityRow(_ a: Activity, position i: Int, names: [String: String], lang: Language) -> TableRow {
        let attendance = a.attended.map { at in a.expected.map { "\(at)/\($0)" } ?? "\(at)" } ?? ""
        return TableRow(id: a.id, cells: [a.date.iso, names[a.branchId] ?? a.branchId, a.kind.name(lang), a.title, attendance,
                                          a.hours.map { formatNumber($0) } ?? ""],
                        roles: [.muted, .text, .accent, .text, .text, .text],
                        search: "\(a.date.iso) \(names[a.branchId] ?? "") \(a.kind.name(lang)) \(a.title)",
                        sortKeys: [.number(Double(i)), .number(-Double(i)), .text(names[a.branchId] ?? ""), .text(a.kind.rawValue)],
                        tags: [a.kind.rawValue])
    }

    /// After `change` (made in this data's workspace), the activities pane's table from `old`'s with
    /// the changed rows taken out and put in at their places — what a rebuild gives, without
    /// rebuilding 100,000 rows for one edit. Nothing is carried over unless `old` had built the table
    /// for the same year and language and the change is to activities only. The table is taken from
    /// `old` (which is being replaced), so its rows are changed in place rather than copied.
    public func carryOver(from old: DashboardData, after change: Change) {
        guard old.year == year, old.lang == lang, old.tableCache.existing("\(Pane.activities)") != nil else { return }
        var removed = Set<String>(), added: [Activity] = []
        for part in change.parts {
            guard case .activity(let before, let after) = part else { return }
            if let before, before.date.year == year { removed.insert(before.id) }
            if let after, after.date.year == year { added.append(after) }
        }
        let addedIds = Set(added.map(\.id))
        guard var table = old.tableCache.take("\(Pane.activities)") else { return }
        let (columns, sortOptions) = (table.columns, table.sortOptions)
        var rows: [TableRow] = []
        swap(&rows, &table.rows)
        if !removed.isEmpty || !addedIds.isEmpty { rows.removeAll { removed.contains($0.id) || addedIds.contains($0.id) } }
        // Room for the next edits too: growing a full array moves (and faults in) all of it.
        if rows.capacity < rows.count + added.count { rows.reserveCapacity(rows.count + added.count + 1024) }
        for a in added.sorted(by: Self.newestFirst) {
            // Rows are newest first by (date, id); an ISO date orders as its text.
            let key = (a.date.iso, a.id)
            var low = 0, high = rows.count
            while low < high {
                let mid = (low + high) / 2
                if (rows[mid].cells[0], rows[mid].id) > key { low = mid + 1 } else { high = mid }
            }
            rows.insert(Self.activityRow(a, position: low, names: branchNames, lang: lang), at: low)
        }
        for i in rows.indices where rows[i].sortKeys[0] != .number(Double(i)) {
            rows[i].sortKeys[0] = .number(Double(i))
            rows[i].sortKeys[1] = .number(-Double(i))
        }
        tableCache.store("\(Pane.activities)", Table(columns: columns, rows: rows, sortOptions: sortOptions))
    }
}
