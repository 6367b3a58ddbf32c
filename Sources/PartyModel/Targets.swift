import Foundation

/// 目标 (issue 17): the plans' numeric targets (seed 001's 九大目标, seed 003's ratios and 最强党支部
/// shares, …) as data in `targets.json`, each with where its actual comes from — a metric the ledger
/// computes, or figures entered by hand per quarter. See docs/targets.md.

/// How the actual is set against the value: ≥, ≤ or =.
public enum TargetComparison: String, CodedEnum {
    case atLeast = ">="
    case atMost = "<="
    case equal = "="

    public var symbol: String {
        switch self {
        case .atLeast: "≥"
        case .atMost: "≤"
        case .equal: "="
        }
    }

    /// Whether `actual` satisfies `value` (= within a millionth, shares and counts alike).
    public func holds(_ actual: Double, _ value: Double) -> Bool {
        switch self {
        case .atLeast: actual >= value - 1e-9
        case .atMost: actual <= value + 1e-9
        case .equal: abs(actual - value) <= 1e-6
        }
    }
}

/// Where a target's actual comes from. Every computed metric reuses the rule that decides it
/// elsewhere (compliance, scoring, the member ledger, the 发展党员 pipeline, the funds ledger).
public enum TargetMetric: String, CodedEnum {
    /// Share of the branches in scope whose 三会一课 was fully met in the last quarter ended by the day
    /// (`ComplianceCalculator.quarter`: ratio 1).
    case threeMeetingsOneLesson
    /// Share of the branches in scope with a 季度检查, held by the day, of the latest quarter whose grace
    /// period for checks (`rules.checkGraceDays` after its end) has passed by the day.
    case quarterlyCheck
    /// Share of the scored branches in scope that are 最强党支部 in the day's year (the scoring engine's year view).
    case strongest
    /// Share of the members on the rosters in scope reaching their training hours (32 h, 56 h for the
    /// 班子; the member ledger) with the hours recorded up to the day.
    case trainingHours
    /// Members of the branches in scope on the day (roster, else the counts entered).
    case members
    /// People of the 发展党员 pipeline in scope on the day at `stage`: a stage, `reserve`
    /// (申请人 + 积极分子 + 发展对象) or `developed` (accepted as probationary this year).
    case pipeline
    /// Seed 003: student members / students enrolled (`partydesk development targets`): the 党委's row, or
    /// summed over the branches in scope that have students entered.
    case studentMemberShare
    /// Seed 003: students among 申请人, 积极分子 and 发展对象 / students enrolled (same).
    case reserveShare
    /// 经费 allocated this year up to the day / members on the day, over the branches in scope.
    case fundsPerMember
    /// Entered by hand per quarter (`actuals`), with a denominator when it is a share the ledger cannot know.
    case manual
}

/// How a target's figures read: a share (0…1, shown as %), a count, or 元.
public enum TargetUnit: String, CodedEnum {
    case share
    case count
    case yuan
}

/// A milestone: the value the actual must reach by the end of a quarter.
public struct TargetMilestone: Codable, Hashable, Sendable {
    public var quarter: Quarter
    public var value: Double

    public init(quarter: Quarter, value: Double) { self.quarter = quarter; self.value = value }

    enum CodingKeys: String, CodingKey { case quarter, value }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        quarter = try Quarter.decodeCode(c, .quarter)
        value = try c.decode(Double.self, forKey: .value)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(quarter.code, forKey: .quarter)
        try c.encode(value, forKey: .value)
    }
}

/// A figure entered by hand for a quarter: `value`, over `denominator` when it is a share
/// (e.g. 170 两新组织 with a party organisation of 200).
public struct TargetActual: Codable, Hashable, Sendable {
    public var quarter: Quarter
    public var value: Double
    public var denominator: Double?
    public var note: String?

    public init(quarter: Quarter, value: Double, denominator: Double? = nil, note: String? = nil) {
        self.quarter = quarter; self.value = value; self.denominator = denominator; self.note = note
    }

    enum CodingKeys: String, CodingKey { case quarter, value, denominator, note }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        quarter = try Quarter.decodeCode(c, .quarter)
        value = try c.decode(Double.self, forKey: .value)
        denominator = try c.decodeIfPresent(Double.self, forKey: .denominator)
        note = try c.decodeIfPresent(String.self, forKey: .note)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(quarter.code, forKey: .quarter)
        try c.encode(value, forKey: .value)
        try c.encodeIfPresent(denominator, forKey: .denominator)
        try c.encodeIfPresent(note, forKey: .note)
    }

    /// value / denominator, or the value.
    public var figure: Double? {
        guard let denominator else { return value }
        return denominator > 0 ? value / denominator : nil
    }
}

public struct Target: Codable, Hashable, Sendable {
    public var id: String
    public var title: String
    /// The plan item it belongs to (a task or section id of plan.json), if any.
    public var planItem: String?
    public var metric: TargetMetric
    /// For `pipeline`: a stage code, `reserve` or `developed`.
    public var stage: String?
    /// Branches counted: those of these sectors (all when empty) …
    public var sectors: [Sector]
    /// … under this 党总支 or this branch (the whole 党委 when nil).
    public var organisationId: String?
    public var comparison: TargetComparison
    public var value: Double
    /// For `manual`: how its figures read (default: a share when figures have a denominator, else a count).
    public var unit: TargetUnit?
    /// The day the value must be reached by; nil: the last milestone's quarter end.
    public var deadline: Day?
    public var milestones: [TargetMilestone]
    /// Where the target comes from ("seed 001: …").
    public var source: String?
    public var note: String?
    /// Figures entered by hand, one per quarter (`manual`).
    public var actuals: [TargetActual]

    public init(id: String, title: String, planItem: String? = nil, metric: TargetMetric, stage: String? = nil, sectors: [Sector] = [],
                organisationId: String? = nil, comparison: TargetComparison = .atLeast, value: Double, unit: TargetUnit? = nil,
                deadline: Day? = nil, milestones: [TargetMilestone] = [], source: String? = nil, note: String? = nil,
                actuals: [TargetActual] = []) {
        self.id = id; self.title = title; self.planItem = planItem; self.metric = metric; self.stage = stage; self.sectors = sectors
        self.organisationId = organisationId; self.comparison = comparison; self.value = value; self.unit = unit
        self.deadline = deadline; self.milestones = milestones; self.source = source; self.note = note; self.actuals = actuals
    }

    enum CodingKeys: String, CodingKey {
        case id, title, planItem, metric, stage, sectors, organisationId, comparison, value, unit, deadline, milestones, source, note, actuals
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        title = try c.decode(String.self, forKey: .title)
        planItem = try c.decodeIfPresent(String.self, forKey: .planItem)
        metric = try c.decode(TargetMetric.self, forKey: .metric)
        stage = try c.decodeIfPresent(String.self, forKey: .stage)
        sectors = try c.value(.sectors, default: [])
        organisationId = try c.decodeIfPresent(String.self, forKey: .organisationId)
        comparison = try c.value(.comparison, default: .atLeast)
        value = try c.decode(Double.self, forKey: .value)
        unit = try c.decodeIfPresent(TargetUnit.self, forKey: .unit)
        deadline = try c.decodeIfPresent(Day.self, forKey: .deadline)
        milestones = try c.value(.milestones, default: [])
        source = try c.decodeIfPresent(String.self, forKey: .source)
        note = try c.decodeIfPresent(String.self, forKey: .note)
        actuals = try c.value(.actuals, default: [])
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(title, forKey: .title)
        try c.encodeIfPresent(planItem, forKey: .planItem)
        try c.encode(metric, forKey: .metric)
        try c.encodeIfPresent(stage, forKey: .stage)
        if !sectors.isEmpty { try c.encode(sectors, forKey: .sectors) }
        try c.encodeIfPresent(organisationId, forKey: .organisationId)
        try c.encode(comparison, forKey: .comparison)
        try c.encode(value, forKey: .value)
        try c.encodeIfPresent(unit, forKey: .unit)
        try c.encodeIfPresent(deadline, forKey: .deadline)
        if !milestones.isEmpty { try c.encode(milestones, forKey: .milestones) }
        try c.encodeIfPresent(source, forKey: .source)
        try c.encodeIfPresent(note, forKey: .note)
        if !actuals.isEmpty { try c.encode(actuals, forKey: .actuals) }
    }

    /// How the figures read.
    public var figureUnit: TargetUnit {
        switch metric {
        case .threeMeetingsOneLesson, .quarterlyCheck, .strongest, .trainingHours, .studentMemberShare, .reserveShare: .share
        case .members, .pipeline: .count
        case .fundsPerMember: .yuan
        case .manual: unit ?? (actuals.contains { $0.denominator != nil } ? .share : .count)
        }
    }

    /// The day the value must be reached by: the deadline, else the last milestone's quarter end.
    public var dueDay: Day? { deadline ?? milestones.map(\.quarter.lastDay).max() }

    /// The milestone judged on `day`: the latest whose quarter ended before the day.
    public func milestoneDue(on day: Day) -> TargetMilestone? {
        milestones.filter { $0.quarter.lastDay < day }.max { $0.quarter < $1.quarter }
    }

    /// The figure entered for `quarter`, if any.
    public func actual(for quarter: Quarter) -> TargetActual? { actuals.first { $0.quarter == quarter } }

    /// This target with `figure` entered for its quarter (replacing the quarter's), quarters in order.
    public func recording(_ figure: TargetActual) -> Target {
        var t = self
        t.actuals = (actuals.filter { $0.quarter != figure.quarter } + [figure]).sorted { $0.quarter < $1.quarter }
        return t
    }
}

/// `targets.json`: the workspace's targets, in the order offices list them.
public struct TargetsFile: Codable, Hashable, Sendable {
    public var targets: [Target]

    public init(targets: [Target] = []) { self.targets = targets }

    public var isEmpty: Bool { targets.isEmpty }

    enum CodingKeys: String, CodingKey { case targets }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        targets = try c.value(.targets, default: [])
    }

    /// The file with one target replaced (by id).
    public func replacing(_ target: Target) -> TargetsFile {
        TargetsFile(targets: targets.map { $0.id == target.id ? target : $0 })
    }
}

extension Quarter {
    /// "2026-Q3", as targets.json writes quarters.
    public var code: String { "\(year)-Q\(number)" }

    /// "2026-Q3", "2026Q3", "2026-3" (case-insensitive).
    public static func parse(_ text: String) -> Quarter? {
        let t = text.trimmingCharacters(in: .whitespaces).uppercased().replacingOccurrences(of: "-", with: "").replacingOccurrences(of: "Q", with: "")
        guard t.count == 5, let year = Int(t.prefix(4)), let number = Int(t.suffix(1)) else { return nil }
        return Quarter(year: year, number: number)
    }

    static func decodeCode<K: CodingKey>(_ c: KeyedDecodingContainer<K>, _ key: K) throws -> Quarter {
        let text = try c.decode(String.self, forKey: key)
        guard let q = Quarter.parse(text) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "a quarter is written 2026-Q3, not \"\(text)\"")
        }
        return q
    }
}

// MARK: - Evaluation

/// 达成 / 进行中 / 落后 / 未达成.
public enum TargetStatus: String, CodedEnum {
    case met        // 达成: the actual satisfies the value (at the deadline, once it has passed)
    case onTrack    // 进行中: not yet, and no milestone due is missed
    case behind     // 落后: the latest milestone due (its quarter ended) is not reached
    case missed     // 未达成: the deadline has passed without the value reached
}

/// An actual: the figure, with what it was counted from (12 of 20 branches).
public struct TargetFigure: Hashable, Sendable {
    public var value: Double
    public var numerator: Double?
    public var denominator: Double?

    public init(_ value: Double, numerator: Double? = nil, denominator: Double? = nil) {
        self.value = value; self.numerator = numerator; self.denominator = denominator
    }

    static func share(_ part: Int, of whole: Int) -> TargetFigure? {
        whole > 0 ? TargetFigure(Double(part) / Double(whole), numerator: Double(part), denominator: Double(whole)) : nil
    }
}

/// The actual at the end of a quarter (or on the as-of day for the quarter under way).
public struct TargetTrendPoint: Hashable, Sendable {
    public var quarter: Quarter
    public var day: Day
    public var actual: TargetFigure?
    /// The quarter has not ended by the as-of day: the actual is the as-of day's.
    public var partial: Bool
}

public struct TargetEvaluation: Hashable, Sendable {
    public var target: Target
    public var asOf: Day
    /// The day the actual is judged on: the as-of day, or the deadline once it has passed.
    public var judgedOn: Day
    /// nil: not known (nothing entered, no denominator, no branch in scope).
    public var actual: TargetFigure?
    public var status: TargetStatus
    /// The milestone judged (the latest due), if any.
    public var milestone: TargetMilestone?
    /// The quarters of the as-of day's year begun by then.
    public var trend: [TargetTrendPoint]
}

/// Works out the targets' actuals and status from the workspace; pure.
public struct TargetEvaluator: Sendable {
    /// A missed target stays an alert this many days after its deadline (a quarter).
    public static let missedAlertDays = 92
    public let workspace: Workspace
    public let compliance: ComplianceCalculator
    public let engine: ScoringEngine

    public init(_ workspace: Workspace, compliance: ComplianceCalculator? = nil, engine: ScoringEngine? = nil) {
        self.workspace = workspace
        let compliance = compliance ?? ComplianceCalculator(workspace)
        self.compliance = compliance
        self.engine = engine ?? ScoringEngine(workspace, compliance: compliance)
    }

    /// Every target of the workspace on `asOf`, in the file's order; `trend: false` skips the quarters.
    public func evaluate(asOf: Day, trend: Bool = true) -> [TargetEvaluation] {
        workspace.targets.targets.map { evaluate($0, asOf: asOf, trend: trend) }
    }

    public func evaluate(_ target: Target, asOf: Day, trend withTrend: Bool = true) -> TargetEvaluation {
        var status: TargetStatus, judged = asOf, milestone: TargetMilestone? = nil
        let actual: TargetFigure?
        if let due = target.dueDay, asOf > due {
            judged = due
            actual = self.actual(target, on: due)
            status = actual.map { target.comparison.holds($0.value, target.value) } == true ? .met : .missed
        } else {
            actual = self.actual(target, on: asOf)
            milestone = target.milestoneDue(on: asOf)
            if let a = actual, target.comparison.holds(a.value, target.value) {
                status = .met
            } else if let m = milestone, actual.map({ target.comparison.holds($0.value, m.value) }) != true {
                status = .behind
            } else {
                status = .onTrack
            }
        }
        var trend: [TargetTrendPoint] = []
        if withTrend {
            for q in Quarter.all(of: asOf.year) where q.firstDay <= asOf {
                let day = min(q.lastDay, asOf)
                trend.append(TargetTrendPoint(quarter: q, day: day, actual: self.actual(target, on: day), partial: day < q.lastDay))
            }
        }
        return TargetEvaluation(target: target, asOf: asOf, judgedOn: judged, actual: actual, status: status, milestone: milestone, trend: trend)
    }

    /// The branches a target counts on `day`: in service, of its sectors, under its organisation.
    public func branches(_ target: Target, on day: Day) -> [Branch] {
        workspace.organisation.branches(inServiceOn: day).filter { b in
            (target.sectors.isEmpty || target.sectors.contains(b.sector))
                && (target.organisationId.map { $0 == b.id || $0 == b.parentId || $0 == workspace.organisation.committee.id } ?? true)
        }
    }

    /// The last quarter ended by `day` (the day's own when it is its last day).
    public static func lastEndedQuarter(_ day: Day) -> Quarter { day == day.quarter.lastDay ? day.quarter : day.quarter.previous }

    /// The quarter whose checks are judged on `day`: the latest whose grace period (`rules.checkGraceDays`
    /// after its end, as the check.missing alert) has passed.
    public func checkedQuarter(_ day: Day) -> Quarter {
        let q = Self.lastEndedQuarter(day)
        return day > q.lastDay.adding(days: max(0, workspace.settings.rules.checkGraceDays)) ? q : q.previous
    }

    /// The target's actual on `day`, by its metric (docs/targets.md).
    public func actual(_ target: Target, on day: Day) -> TargetFigure? {
        switch target.metric {
        case .threeMeetingsOneLesson:
            let q = Self.lastEndedQuarter(day)
            let branches = self.branches(target, on: q.lastDay)
            let met = branches.filter { compliance.quarter($0, q).threeMeetingsOneLesson >= 1 - 1e-9 }.count
            return .share(met, of: branches.count)
        case .quarterlyCheck:
            let q = checkedQuarter(day)
            let branches = self.branches(target, on: q.lastDay)
            let checked = Set(workspace.checks.filter { $0.period == q && $0.date <= day }.map(\.branchId))
            return .share(branches.filter { checked.contains($0.id) }.count, of: branches.count)
        case .strongest:
            let inScope = Set(branches(target, on: day).map(\.id))
            let scored = engine.year(day.year, asOf: day).branches.filter { inScope.contains($0.branchId) }
            return .share(scored.filter(\.strongest).count, of: scored.count)
        case .trainingHours:
            let ledger = trainingLedger(on: day)
            var counted = 0, reached = 0
            for b in branches(target, on: day) where MemberLedger.source(of: b) == .roster {
                for m in ledger.members(of: b.id, on: day) {
                    counted += 1
                    if ledger.training(m, year: day.year).reached { reached += 1 }
                }
            }
            return .share(reached, of: counted)
        case .members:
            let n = branches(target, on: day).reduce(0) { $0 + compliance.members.counts($1, on: day).total }
            return TargetFigure(Double(n))
        case .pipeline:
            let inScope = Set(branches(target, on: day).map(\.id))
            let funnels = DevelopmentPipeline.funnel(workspace, asOf: day).filter { inScope.contains($0.branchId) }
            let n = funnels.reduce(0) { sum, f in
                switch target.stage ?? "reserve" {
                case "reserve": sum + f.reserve
                case "developed": sum + f.developedThisYear
                case let code: sum + (DevelopmentStage(rawValue: code).map { f.count($0) } ?? 0)
                }
            }
            return TargetFigure(Double(n))
        case .studentMemberShare, .reserveShare:
            let figures = DevelopmentPipeline.targets(workspace, asOf: day)
            let student = target.metric == .studentMemberShare
            // The whole 党委: its row (the students entered for it, else the branches' sum). A scope: the
            // sum over its branches that have students entered.
            guard target.organisationId != nil && target.organisationId != workspace.organisation.committee.id || !target.sectors.isEmpty else {
                guard let students = figures.total.students else { return nil }
                return .share(student ? figures.total.studentMembers : figures.total.studentReserve, of: students)
            }
            let inScope = Set(branches(target, on: day).map(\.id))
            let rows = figures.branches.filter { $0.branchId.map(inScope.contains) == true && $0.students != nil }
            guard !rows.isEmpty else { return nil }
            return .share(rows.reduce(0) { $0 + (student ? $1.studentMembers : $1.studentReserve) }, of: rows.reduce(0) { $0 + ($1.students ?? 0) })
        case .fundsPerMember:
            let ledger = FundsLedger(workspace), members = compliance.members
            var allocated = Money.zero, count = 0
            for b in branches(target, on: day) {
                let f = ledger.figures(b.id, branch: b, year: day.year, asOf: day) { members.counts($0, on: $1).total }
                allocated += f.allocated
                count += members.counts(b, on: day).total
            }
            guard count > 0 else { return nil }
            return TargetFigure(allocated.yuan / Double(count), numerator: allocated.yuan, denominator: Double(count))
        case .manual:
            // The figure of the latest quarter begun by the day.
            guard let entry = target.actuals.filter({ $0.quarter.firstDay <= day }).max(by: { $0.quarter < $1.quarter }),
                  let figure = entry.figure else { return nil }
            return TargetFigure(figure, numerator: entry.denominator == nil ? nil : entry.value, denominator: entry.denominator)
        }
    }

    /// The member ledger with the training recorded up to `day` (the workspace's own when nothing later is on record).
    func trainingLedger(on day: Day) -> MemberLedger {
        let later = workspace.trainingEntries.contains { $0.date > day }
            || workspace.activities.contains { $0.date > day && MemberLedger.trainingKinds.contains($0.kind) }
        guard later else { return compliance.members }
        var ws = workspace
        ws.trainingEntries = ws.trainingEntries.filter { $0.date <= day }
        ws.activities = ws.activities.filter { $0.date <= day || !MemberLedger.trainingKinds.contains($0.kind) }
        return MemberLedger(ws)
    }
}

// MARK: - Validation

extension Validator {
    /// targets.json, checked as the whole-workspace pass checks it (for an edit: `Editor`).
    public static func validate(targets file: TargetsFile, in workspace: Workspace) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        let org = workspace.organisation
        let organisations = Set([org.committee.id] + org.generalBranches.map(\.id) + org.branches.map(\.id))
        let planItems = Set(workspace.plan.sections.map(\.id) + workspace.plan.tasks.map(\.id))
        var ids = Set<String>()
        for (i, t) in file.targets.enumerated() {
            let ref = RecordRef.target(i)
            if t.id.isEmpty { issues.append(.init(ref, "id", .emptyRequired)) }
            else if !ids.insert(t.id).inserted { issues.append(.init(ref, "id", .duplicateId(t.id))) }
            if t.title.trimmingCharacters(in: .whitespaces).isEmpty { issues.append(.init(ref, "title", .emptyRequired)) }
            if let item = t.planItem, !planItems.contains(item) { issues.append(.init(ref, "planItem", .unknownPlanItem(item))) }
            if let o = t.organisationId, !organisations.contains(o) { issues.append(.init(ref, "organisationId", .unknownOrganisation(o))) }
            if t.metric == .pipeline, let s = t.stage, s != "reserve", s != "developed", DevelopmentStage(rawValue: s) == nil {
                issues.append(.init(ref, "stage", .unknownStage(s)))
            }
            let share = t.figureUnit == .share
            func inRange(_ v: Double, _ field: String) {
                if share ? !(0...1).contains(v) : v < 0 { issues.append(.init(ref, field, .outOfRange(v, min: 0, max: share ? 1 : .infinity))) }
            }
            inRange(t.value, "value")
            for (j, m) in t.milestones.enumerated() { inRange(m.value, "milestones[\(j)].value") }
            var quarters = Set<Quarter>()
            for (j, a) in t.actuals.enumerated() {
                if !quarters.insert(a.quarter).inserted { issues.append(.init(ref, "actuals[\(j)].quarter", .duplicateQuarter(a.quarter.code))) }
                if let d = a.denominator, d <= 0 { issues.append(.init(ref, "actuals[\(j)].denominator", .notPositive(d))) }
                if a.value < 0 { issues.append(.init(ref, "actuals[\(j)].value", .outOfRange(a.value, min: 0, max: .infinity))) }
            }
        }
        return issues
    }
}
