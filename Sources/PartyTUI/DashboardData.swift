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
    private let quarterScoresKept = Kept<String, ScoreTable>()
    /// The quarter view before the change this data was revised after, when it had been shown.
    private let revisingQuarter: (old: ScoreTable, touched: Set<String>)?
    public let alerts: [Alert]
    /// Whether the year shown has any activity, check or manual points: a year without them is not
    /// graded (every branch would be 差 with 0.00).
    public let yearHasRecords: Bool
    /// This quarter's 三会一课 ratio of each branch in service (the overview's means).
    private let meetingRatios: [String: Double]
    public let overview: Overview
    /// Pane tables, built when a pane is first shown: the first screen of a county workspace should
    /// not wait for 100,000 activity rows nobody has asked for yet.
    private let tableCache = Kept<String, Table>()
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
        /// 党费 from the rosters; nil when no branch keeps one (dues are owed per member). Optional so
        /// that a first screen kept by an earlier version still reads.
        public var dues: Dues?

        /// 党费收缴 on the overview: the last whole month's collection, this month's so far, and the
        /// members behind by the alerts' thresholds.
        public struct Dues: Codable, Sendable, Equatable {
            /// The month before the as-of day's (the last one members have had the whole of to pay).
            public var month: YearMonth
            public var dueFen: Int
            public var paidFen: Int
            public var membersOwing: Int
            public var membersPaid: Int
            /// The as-of month's collection so far (paid / due), nil when nothing known is due.
            public var currentRate: Double?
            /// Members behind by `duesArrearsWarningMonths` (not yet critical) and by `duesArrearsCriticalMonths`.
            public var arrearsWarning: Int
            public var arrearsCritical: Int
            public var warningMonths: Int
            public var criticalMonths: Int
            public var rate: Double? { dueFen > 0 ? Double(paidFen) / Double(dueFen) : nil }
        }

        static let alertsKept = 200
    }

    public var selectedQuarter: Quarter { Quarter(year: year, number: quarter)! }

    /// The years of activities and checks the panes need to show `year`: that year, and for the
    /// alerts (which are as of `asOf`) the as-of quarter and the one before it, and the six months
    /// before `asOf` (the 组织生活 attendance rule looks back six months: a run begun last year
    /// counts in January–June).
    public static func years(for year: Int, asOf: Day) -> Set<Int> {
        [year, asOf.year, asOf.quarter.previous.year, asOf.adding(months: -6).year]
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
        let duesFigures = Concurrently.Slot<(last: DuesCollection, current: DuesCollection)>()
        Concurrently.run([
            { years.value = engine.year(year, asOf: asOf, revising: basis?.old.yearScores, touched: touched) },
            { alertList.value = AlertRules.alerts(workspace, asOf: asOf, compliance: compliance, engine: engine,
                                                  revising: basis?.old.alerts, touched: touched) },
            { meetings.value = Dictionary(uniqueKeysWithValues: active.map { branch in
                let kept = touched.contains(branch.id) ? nil : basis?.old.meetingRatios[branch.id]
                return (branch.id, kept ?? compliance.quarter(branch, quarterNow).threeMeetingsOneLesson)
              }) },
            { summaryFigures.value = WorkspaceSummary(workspace, year: year, asOf: asOf, members: compliance.members) },
            { duesFigures.value = Self.collections(workspace, compliance.members, asOf: asOf) },
        ])
        yearScores = years.value!
        yearHasRecords = compliance.index.hasActivities(in: year) || workspace.checks.contains { $0.year == year }
            || workspace.manualScores.contains { $0.year == year }
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
                            alertCount: alerts.count, topAlerts: Array(alerts.prefix(Overview.alertsKept)),
                            dues: summary.members.rostered == 0 ? nil
                                : Self.duesTile(duesFigures.value!, alerts: alerts, rules: workspace.settings.rules))
    }

    /// Every branch's 党费 collection added up, for the month before the as-of day's and for the as-of month.
    static func collections(_ workspace: Workspace, _ ledger: MemberLedger, asOf: Day) -> (last: DuesCollection, current: DuesCollection) {
        let now = YearMonth(asOf), last = now.previous
        let ids = workspace.organisation.branches.map(\.id)
        let pairs = Concurrently.map(ids) { id in (ledger.collection(id, last, asOf: asOf), ledger.collection(id, now, asOf: asOf)) }
        return (DuesCollection.total(pairs.map(\.0), month: last), DuesCollection.total(pairs.map(\.1), month: now))
    }

    /// The tile's figures; the members behind are the dues alerts' counts (the alerts decide arrears).
    static func duesTile(_ c: (last: DuesCollection, current: DuesCollection), alerts: [Alert], rules: Rules) -> Overview.Dues {
        var warning = 0, critical = 0
        for alert in alerts {
            guard case .duesArrears(let members, let months, _) = alert.kind else { continue }
            if months >= rules.duesArrearsCriticalMonths { critical += members } else { warning += members }
        }
        return Overview.Dues(month: c.last.month, dueFen: c.last.due.fen, paidFen: c.last.paid.fen, membersOwing: c.last.membersOwing,
                             membersPaid: c.last.membersPaid, currentRate: c.current.rate, arrearsWarning: warning, arrearsCritical: critical,
                             warningMonths: rules.duesArrearsWarningMonths, criticalMonths: rules.duesArrearsCriticalMonths)
    }

    /// What to show once `change` is saved into `workspace`: the ledger counted again for the
    /// branches it touched only (unless saving read another year first: then whole), their figures
    /// worked out again, the activities pane carried over with only the edited rows changed.
    public func afterSaving(_ change: Change, workspace: Workspace, loadedYears: Set<Int>?) -> DashboardData {
        // The other branches' figures are kept (all worked out again after a branch's change):
        // equal to data worked out afresh (RevisionTests). Tables are the panes' to carry over
        // (`AppState.replaceDataAfterSaving`).
        let counted = self.loadedYears == loadedYears ? compliance.updated(for: change, in: workspace) : nil
        return DashboardData(workspace: workspace, year: year, quarter: quarter, asOf: asOf, lang: lang, loadedYears: loadedYears,
                             compliance: counted, revising: change.branchesTouched(in: workspace).map { (self, $0) })
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

    /// A pane's table (nil when the pane draws itself), built when first asked for and kept.
    public func table(_ spec: any PaneSpec, variant: Int = 0) -> Table? {
        guard spec.isList else { return nil }
        return tableCache.value(Self.tableKey(spec.id, variant)) { spec.table(self, variant: variant) ?? Table(columns: [], rows: [], sortOptions: []) }
    }

    /// A standard pane's table.
    public func table(_ pane: Pane, variant: Int = 0) -> Table? { table(Panes.standard.spec(pane), variant: variant) }

    static func tableKey(_ pane: Pane, _ variant: Int) -> String { "\(pane.rawValue)#\(variant)" }

    /// Whether a pane's table has been built (or carried over) already.
    public func isBuilt(_ pane: Pane, variant: Int = 0) -> Bool { tableCache.existing(Self.tableKey(pane, variant)) != nil }

    /// Hands a built table over to the data replacing this one (its rows then change in place).
    func takeTable(_ spec: any PaneSpec, variant: Int) -> Table? { tableCache.take(Self.tableKey(spec.id, variant)) }

    /// Keeps a table made for this data (carried over from the data it replaced).
    func keep(_ table: Table, for spec: any PaneSpec, variant: Int) { tableCache.store(Self.tableKey(spec.id, variant), table) }

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


