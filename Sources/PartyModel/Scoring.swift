/// One branch's result in a year or quarter view.
public struct BranchScore: Hashable, Sendable {
    public var branchId: String
    public var name: String
    /// Category id → points (unrounded; round only for display).
    public var categories: [String: Double]
    /// Item id → points: quarter items averaged over the counted quarters in the year view.
    public var items: [String: Double]
    /// The quarters averaged in the year view, with each quarter's score.
    public var quarterScores: [Int: Double]
    public var bonus: Double
    public var deduction: Double
    public var overdueRectifications: Int
    public var termOverdue: Bool
    public var total: Double
    public var grade: Grade
    public var rank: Int
    public var strongest: Bool
}

public struct ScoreSummary: Hashable, Codable, Sendable {
    public var count: Int
    public var mean: Double
    public var grades: [Grade: Int]
    public var strongestCount: Int
    public var strongestShare: Double
    public var target: Double?
}

/// The 考评 table for a year or a quarter, ranked.
public struct ScoreTable: Hashable, Sendable {
    public var year: Int
    /// nil for the year view.
    public var quarter: Int?
    public var asOf: Day
    /// The period has not ended by the as-of date (暂定).
    public var provisional: Bool
    /// The quarters whose mean the year view uses.
    public var countedQuarters: [Int]
    /// Best first.
    public var branches: [BranchScore]
    public var summary: ScoreSummary
}

/// Half-up to 2 decimals, as the scheme rounds totals (84.125 → 84.13).
public func roundHalfUp2(_ value: Double) -> Double {
    let scaled = (abs(value) * 100 * (1 + 1e-12)).rounded(.toNearestOrAwayFromZero)
    return (value < 0 ? -scaled : scaled) / 100
}

/// Turns the ledger, checks, rectifications and manual points into scores. Pure; the rules of
/// docs/scoring.md live here and nowhere else. A class: its data never changes, and each of the
/// closures that score 2,000 branches side by side held a copy (the workspace's twenty lists retained).
public final class ScoringEngine: Sendable {
    public let workspace: Workspace
    public let compliance: ComplianceCalculator
    /// Positions in `workspace.checks` by branch, then by year·4+quarter: a branch's are looked up
    /// once per scoring pass, and no check is copied to be found.
    private let checksByBranch: [String: [Int: Int]]
    /// Manual points by branch, then by item and period.
    private let manualByBranch: [String: [ManualKey: Double]]
    /// Positions in `workspace.rectifications` by branch.
    private let rectificationsByBranch: [String: [Int]]
    /// Findings by the check that raised them (a scan per check was quadratic on a county): worked
    /// out when the checks pane first asks, not on every scoring pass.
    private let findingsKept = Kept<Int, [String: [Int]]>()
    func findings(of checkId: String) -> [Rectification] {
        let byCheck = findingsKept.value(0) {
            var byCheck: [String: [Int]] = [:]
            for (i, r) in workspace.rectifications.enumerated() { if let c = r.sourceCheckId { byCheck[c, default: []].append(i) } }
            return byCheck
        }
        return (byCheck[checkId] ?? []).map { workspace.rectifications[$0] }
    }
    /// The scheme's items by period and its maxima, worked out once (the scheme's accessors filter on each call).
    private let quarterItems: [ScoreItem]
    private let yearItems: [ScoreItem]
    private let quarterMaxByCategory: [String: Double]

    struct ManualKey: Hashable { var item: String; var year: Int; var quarter: Int? }
    struct YearKey: Hashable { var year: Int; var asOf: Day }
    private let yearsKept = Kept<YearKey, ScoreTable>()

    static func periodKey(_ year: Int, _ quarter: Int) -> Int { year * 4 + quarter }

    public init(_ workspace: Workspace, compliance: ComplianceCalculator? = nil) {
        self.workspace = workspace
        // The indexes are independent (the ledger's too, when not given): built side by side.
        let ledger = Concurrently.Slot<ComplianceCalculator>()
        let checks = Concurrently.Slot<[String: [Int: Int]]>()
        let byBranch = Concurrently.Slot<[String: [Int]]>()
        let manual = Concurrently.Slot<[String: [ManualKey: Double]]>()
        Concurrently.run([
            { ledger.value = compliance ?? ComplianceCalculator(workspace) },
            { manual.value = Self.manualByBranch(workspace.manualScores) },
            { checks.value = Self.checksByBranch(workspace.checks) },
            { byBranch.value = Dictionary(grouping: workspace.rectifications.indices, by: { workspace.rectifications[$0].branchId }) },
        ])
        self.compliance = ledger.value!
        checksByBranch = checks.value!
        rectificationsByBranch = byBranch.value!
        manualByBranch = manual.value!
        quarterItems = workspace.scoring.quarterItems
        yearItems = workspace.scoring.yearItems
        quarterMaxByCategory = Dictionary(grouping: workspace.scoring.quarterItems, by: \.category).mapValues { $0.reduce(0) { $0 + $1.max } }
    }

    /// Manual points summed by branch, item and period.
    static func manualByBranch(_ list: [ManualScore]) -> [String: [ManualKey: Double]] {
        var manual: [String: [ManualKey: Double]] = [:]
        for m in list {
            manual[m.branchId, default: [:]][ManualKey(item: m.itemId, year: m.year, quarter: m.quarter), default: 0] += m.points
        }
        return manual
    }

    /// The latest check of a quarter counts when there are several (the later one on the same day).
    static func checksByBranch(_ list: [QuarterlyCheck]) -> [String: [Int: Int]] {
        var checks: [String: [Int: Int]] = [:]
        for i in list.indices {
            let key = periodKey(list[i].year, list[i].quarter)
            if checks[list[i].branchId]?[key].map({ list[$0].date > list[i].date }) != true {
                checks[list[i].branchId, default: [:]][key] = i
            }
        }
        return checks
    }

    var scheme: ScoringScheme { workspace.scoring }

    public func check(branch: String, quarter: Quarter) -> QuarterlyCheck? {
        checksByBranch[branch]?[Self.periodKey(quarter.year, quarter.number)].map { workspace.checks[$0] }
    }

    /// Branches in service during any part of the period starting on `start`.
    func branches(from start: Day) -> [Branch] {
        workspace.organisation.branches(inServiceOn: start)
    }

    func overdueCount(_ branch: String, on day: Day) -> Int {
        var count = 0
        for i in rectificationsByBranch[branch] ?? [] where workspace.rectifications[i].isOverdue(on: day) { count += 1 }
        return count
    }

    func isTermOverdue(_ branch: Branch, on day: Day) -> Bool {
        branch.termEnd.map { $0 < day } ?? false
    }

    /// A branch's compliance figures for a year, computed once per scoring pass (not once per item).
    struct Figures {
        var quarters: [Int: QuarterCompliance]
        var year: YearCompliance
        /// Check points by quarter number, for the quarters of these figures; the branch's manual points.
        var checkPoints: [Int: [String: Double]]
        var manual: [ManualKey: Double]
    }

    func figures(_ branch: Branch, year: Int, quarters: [Quarter]) -> Figures {
        let checks = checksByBranch[branch.id] ?? [:]
        var points: [Int: [String: Double]] = [:]
        for q in quarters {
            if let i = checks[Self.periodKey(q.year, q.number)] { points[q.number] = workspace.checks[i].points }
        }
        return Figures(quarters: Dictionary(uniqueKeysWithValues: quarters.map { ($0.number, compliance.quarter(branch, $0)) }),
                       year: compliance.year(branch, year), checkPoints: points, manual: manualByBranch[branch.id] ?? [:])
    }

    /// Points of one quarter item for a branch in a quarter.
    func points(_ item: borrowing ScoreItem, _ branch: Branch, _ quarter: Quarter, _ figures: Figures) -> Double {
        let raw: Double
        switch item.source {
        case .compliance(let metric):
            raw = item.max * (ComplianceCalculator.ratio(metric, quarter: figures.quarters[quarter.number], year: figures.year)
                              ?? compliance.ratio(metric, branch, quarter: quarter))
        case .check(let id): raw = figures.checkPoints[quarter.number]?[id] ?? 0
        case .manual: raw = figures.manual[ManualKey(item: item.id, year: quarter.year, quarter: quarter.number)] ?? 0
        }
        return Self.clamped(raw, to: item)
    }

    /// Points of one year item, given the quarters counted for the year.
    func yearPoints(_ item: borrowing ScoreItem, _ branch: Branch, year: Int, counted: [Quarter], _ figures: Figures) -> Double {
        let raw: Double
        switch item.source {
        case .compliance(let metric):
            raw = item.max * (ComplianceCalculator.ratio(metric, quarter: nil, year: figures.year) ?? compliance.ratio(metric, branch, year: year))
        case .check(let id):
            raw = counted.reduce(0) { $0 + (figures.checkPoints[$1.number]?[id] ?? 0) } / Double(max(1, counted.count))
        case .manual: raw = figures.manual[ManualKey(item: item.id, year: year, quarter: nil)] ?? 0
        }
        return Self.clamped(raw, to: item)
    }

    /// An item's points: never below 0 nor above its maximum, whatever the source gives.
    static func clamped(_ raw: Double, to item: ScoreItem) -> Double { min(max(raw, 0), item.max) }

    func deduction(_ branch: Branch, on day: Day) -> (points: Double, overdue: Int, termOverdue: Bool) {
        let d = scheme.deductions
        let overdue = overdueCount(branch.id, on: day)
        let term = isTermOverdue(branch, on: day)
        let points = min(Double(overdue) * d.perOverdueRectification, d.overdueRectificationCap) + (term ? d.termOverdue : 0)
        return (points, overdue, term)
    }

    /// The quarters a year view averages: those ended by `asOf`; all four for a past year; the
    /// current quarter as it stands when none has ended.
    public static func countedQuarters(year: Int, asOf: Day) -> [Quarter] {
        let ended = Quarter.all(of: year).filter { $0.lastDay < asOf }
        if !ended.isEmpty { return ended }
        return [asOf.year == year ? asOf.quarter : Quarter(year: year, number: 1)!]
    }

    // MARK: Year view

    /// The year view. `revising`: this table as worked out before a change that moved the figures
    /// of the `touched` branches only (the same year and day): the other branches' rows are kept and
    /// only the touched ones scored again — a branch's score depends on its own records alone.
    /// A year's table, worked out once for the engine's life (its data never changes): the dashboard's
    /// scores and a 目标 of the 最强 share ask for the same table at the same time.
    public func year(_ year: Int, asOf: Day, revising old: ScoreTable? = nil, touched: Set<String> = []) -> ScoreTable {
        yearsKept.value(YearKey(year: year, asOf: asOf)) { workOutYear(year, asOf: asOf, revising: old, touched: touched) }
    }

    private func workOutYear(_ year: Int, asOf: Day, revising old: ScoreTable?, touched: Set<String>) -> ScoreTable {
        let counted = Self.countedQuarters(year: year, asOf: asOf)
        let evaluation = min(asOf, Day.lastOf(year: year, month: 12))
        let bonuses = Dictionary(grouping: workspace.bonuses.filter { $0.year == year }, by: \.branchId)
        let kept = Self.rowsToKeep(old, year: year, quarter: nil, asOf: asOf, touched: touched)
        // Branches are scored independently: side by side on every core, in order.
        let rows = Concurrently.map(branches(from: Day.firstOf(year: year, month: 1))) { branch -> BranchScore in
            kept[branch.id] ?? self.yearRow(branch, year: year, counted: counted, evaluation: evaluation, bonuses: bonuses[branch.id] ?? [])
        }
        return table(year: year, quarter: nil, asOf: asOf, provisional: asOf <= Day.lastOf(year: year, month: 12),
                     counted: counted.map(\.number), rows: rows)
    }

    /// The rows of `old` that a revision keeps: those of untouched branches, when `old` is the same view.
    static func rowsToKeep(_ old: ScoreTable?, year: Int, quarter: Int?, asOf: Day, touched: Set<String>) -> [String: BranchScore] {
        guard let old, old.year == year, old.quarter == quarter, old.asOf == asOf else { return [:] }
        var kept: [String: BranchScore] = [:]
        for row in old.branches where !touched.contains(row.branchId) { kept[row.branchId] = row }
        return kept
    }

    func yearRow(_ branch: Branch, year: Int, counted: [Quarter], evaluation: Day, bonuses: [Bonus]) -> BranchScore {
        let figures = self.figures(branch, year: year, quarters: counted)
        var items: [String: Double] = [:]
        items.reserveCapacity(quarterItems.count + yearItems.count)
        var categories = Dictionary(uniqueKeysWithValues: scheme.categories.map { ($0.id, 0.0) })
        // Points of every quarter item in every counted quarter, worked out once. (Items are
        // reached by index throughout: a for-in loop copies each item, five strings retained.)
        let grid = counted.map { quarter in quarterItems.indices.map { points(quarterItems[$0], branch, quarter, figures) } }
        var quarterScores: [Int: Double] = [:]
        // Summed in quarter order: a dictionary's order changes from run to run, and so would the last bits.
        var quarterSum = 0.0
        for (q, quarter) in counted.enumerated() {
            let score = grid[q].reduce(0, +)
            quarterScores[quarter.number] = score
            quarterSum += score
        }
        for i in quarterItems.indices {
            let mean = grid.reduce(0) { $0 + $1[i] } / Double(counted.count)
            items[quarterItems[i].id] = mean
            categories[quarterItems[i].category, default: 0] += mean
        }
        var yearSum = 0.0
        for i in yearItems.indices {
            let p = yearPoints(yearItems[i], branch, year: year, counted: counted, figures)
            items[yearItems[i].id] = p
            categories[yearItems[i].category, default: 0] += p
            yearSum += p
        }
        let meanQuarter = quarterSum / Double(counted.count)
        let bonus = min(scheme.bonusCap, max(0, bonuses.reduce(0) { $0 + $1.points }))
        let (deduct, overdue, term) = deduction(branch, on: evaluation)
        let total = roundHalfUp2(min(100, max(0, meanQuarter + yearSum + bonus - deduct)))
        return score(branch, categories: categories, items: items, quarterScores: quarterScores, bonus: bonus,
                     deduction: deduct, overdue: overdue, term: term, total: total, on: evaluation,
                     categoryMax: { scheme.categoryMax($0) })
    }

    // MARK: Quarter view

    /// The quarter view; `revising` and `touched` as for `year`.
    public func quarter(_ quarter: Quarter, asOf: Day, revising old: ScoreTable? = nil, touched: Set<String> = []) -> ScoreTable {
        let evaluation = min(asOf, quarter.lastDay)
        let kept = Self.rowsToKeep(old, year: quarter.year, quarter: quarter.number, asOf: asOf, touched: touched)
        let rows = Concurrently.map(branches(from: quarter.firstDay)) { branch -> BranchScore in
            kept[branch.id] ?? self.quarterRow(branch, quarter, evaluation: evaluation)
        }
        return table(year: quarter.year, quarter: quarter.number, asOf: asOf, provisional: quarter.lastDay >= asOf,
                     counted: [quarter.number], rows: rows)
    }

    func quarterRow(_ branch: Branch, _ quarter: Quarter, evaluation: Day) -> BranchScore {
        let quarterMax = scheme.quarterMax
        let figures = self.figures(branch, year: quarter.year, quarters: [quarter])
        var items: [String: Double] = [:]
        var categories = Dictionary(uniqueKeysWithValues: scheme.categories.map { ($0.id, 0.0) })
        for i in quarterItems.indices {
            let p = points(quarterItems[i], branch, quarter, figures)
            items[quarterItems[i].id] = p
            categories[quarterItems[i].category, default: 0] += p
        }
        let raw = quarterItems.reduce(0) { $0 + items[$1.id]! }
        let (deduct, overdue, term) = deduction(branch, on: evaluation)
        let scaled = quarterMax > 0 ? raw / quarterMax * 100 : 0
        let total = roundHalfUp2(min(100, max(0, scaled - deduct)))
        return score(branch, categories: categories, items: items, quarterScores: [quarter.number: raw], bonus: 0,
                     deduction: deduct, overdue: overdue, term: term, total: total, on: evaluation,
                     categoryMax: { quarterMaxByCategory[$0] ?? 0 })
    }

    // MARK: Shared

    func score(_ branch: Branch, categories: [String: Double], items: [String: Double], quarterScores: [Int: Double],
               bonus: Double, deduction: Double, overdue: Int, term: Bool, total: Double, on evaluation: Day,
               categoryMax: (String) -> Double) -> BranchScore {
        let grade = scheme.grade(for: total)
        let rule = scheme.strongest
        let categoriesStrong = scheme.categories.allSatisfy { category in
            let max = categoryMax(category.id)
            return max <= 0 || categories[category.id, default: 0] >= rule.minimumCategoryShare * max - 1e-9
        }
        // A branch without full members is not a working branch: never 最强, whatever its points.
        let strongest = compliance.members.counts(branch, on: evaluation).full > 0 && grade >= rule.grade && (!rule.noOverdueRectification || overdue == 0) && categoriesStrong
        return BranchScore(branchId: branch.id, name: branch.name, categories: categories, items: items,
                           quarterScores: quarterScores, bonus: bonus, deduction: deduction, overdueRectifications: overdue,
                           termOverdue: term, total: total, grade: grade, rank: 0, strongest: strongest)
    }

    func table(year: Int, quarter: Int?, asOf: Day, provisional: Bool, counted: [Int], rows: [BranchScore]) -> ScoreTable {
        // Equal totals share a rank: 1, 2, 2, 4.
        var ranked = rows.sorted { ($0.total, $1.name, $1.branchId) > ($1.total, $0.name, $0.branchId) }
        for i in ranked.indices {
            ranked[i].rank = i > 0 && ranked[i].total == ranked[i - 1].total ? ranked[i - 1].rank : i + 1
        }
        var grades = Dictionary(uniqueKeysWithValues: Grade.allCases.map { ($0, 0) })
        for row in ranked { grades[row.grade, default: 0] += 1 }
        let strongest = ranked.filter(\.strongest).count
        let summary = ScoreSummary(
            count: ranked.count,
            mean: ranked.isEmpty ? 0 : roundHalfUp2(ranked.reduce(0) { $0 + $1.total } / Double(ranked.count)),
            grades: grades, strongestCount: strongest,
            strongestShare: ranked.isEmpty ? 0 : Double(strongest) / Double(ranked.count),
            target: scheme.strongest.target(for: year))
        return ScoreTable(year: year, quarter: quarter, asOf: asOf, provisional: provisional, countedQuarters: counted,
                          branches: ranked, summary: summary)
    }
}
