/// What a person's record says is still to do, the funnel of a branch, the targets, and the alerts
/// of 发展党员. Pure; everything is judged on the steps dated up to the as-of day.

/// How a step still to do stands on the as-of day.
public enum PendingState: String, CodedEnum, Comparable {
    case overdue   // 逾期: its due day has passed
    case blocked   // 受阻: a step it needs is not on record
    case due       // 待办, with a due day
    case open      // 待办
    case waiting   // 未到时间: not before a day still to come

    var order: Int { Self.allCases.firstIndex(of: self)! }
    public static func < (a: PendingState, b: PendingState) -> Bool { a.order < b.order }
}

/// A step still to do.
public struct PendingStep: Hashable, Sendable {
    public var kind: DevelopmentStepKind
    /// On time up to and including this day.
    public var due: Day?
    /// Not before this day (a year as 积极分子; the 预备期's end; the 公示's end).
    public var earliest: Day?
    /// Steps it needs that are not on record.
    public var missing: [DevelopmentStepKind]
    public var state: PendingState

    init(_ kind: DevelopmentStepKind, due: Day? = nil, earliest: Day? = nil, missing: [DevelopmentStepKind] = [], asOf: Day) {
        self.kind = kind; self.due = due; self.earliest = earliest; self.missing = missing
        if let due, asOf > due { state = .overdue }
        else if !missing.isEmpty { state = .blocked }
        else if let earliest, asOf < earliest { state = .waiting }
        else if due != nil { state = .due }
        else { state = .open }
    }

    /// The day that matters for sorting: the due day, else the earliest.
    public var day: Day? { due ?? earliest }
}

/// A person's place in the pipeline on a day: the stage, the steps still to do in the 细则's order,
/// and the one to do next.
public struct DevelopmentProgress: Hashable, Sendable {
    public var candidateId: String
    public var name: String
    public var branchId: String
    /// nil: not yet in the pipeline on that day.
    public var stage: DevelopmentStage?
    public var pending: [PendingStep]
    /// The step to do next: an overdue one first, else the first open in order, else the soonest.
    public var next: PendingStep?
    /// 预备期's end (probationary and later).
    public var probationEnd: Day?

    public var isOverdue: Bool { pending.contains { $0.state == .overdue } }
    /// The step to do next needs a step that is not on record.
    public var isBlocked: Bool { next?.state == .blocked }
}

/// A branch's pipeline on a day: how many at each stage.
public struct DevelopmentFunnel: Hashable, Sendable {
    public var branchId: String
    public var branchName: String
    public var counts: [DevelopmentStage: Int]
    /// Accepted as probationary this year up to the day (the 审批's day, else the 支部大会's).
    public var developedThisYear: Int

    public init(branchId: String, branchName: String, counts: [DevelopmentStage: Int], developedThisYear: Int) {
        self.branchId = branchId; self.branchName = branchName; self.counts = counts; self.developedThisYear = developedThisYear
    }

    /// Several branches' funnels added up (`branchId` empty).
    public static func total(_ list: [DevelopmentFunnel], name: String) -> DevelopmentFunnel {
        var t = DevelopmentFunnel(branchId: "", branchName: name, counts: [:], developedThisYear: 0)
        for f in list {
            for (stage, n) in f.counts { t.counts[stage, default: 0] += n }
            t.developedThisYear += f.developedThisYear
        }
        return t
    }

    public func count(_ stage: DevelopmentStage) -> Int { counts[stage] ?? 0 }
    /// 申请人 + 积极分子 + 发展对象.
    public var reserve: Int { DevelopmentStage.reserve.reduce(0) { $0 + count($1) } }
}

/// One line of the targets: this year's developed against the 发展计划, and seed 003's ratios.
public struct DevelopmentTargetRow: Hashable, Sendable {
    /// nil: the whole 党委.
    public var branchId: String?
    public var name: String
    public var developed: Int
    public var plan: Int?
    public var students: Int?
    /// Members on the roster that day whose 党费类别 is 学生.
    public var studentMembers: Int
    /// Students among 申请人, 积极分子 and 发展对象 that day.
    public var studentReserve: Int
    public var studentMemberShare: Double? { students.flatMap { $0 > 0 ? Double(studentMembers) / Double($0) : nil } }
    public var reserveShare: Double? { students.flatMap { $0 > 0 ? Double(studentReserve) / Double($0) : nil } }
    /// developed / plan.
    public var planShare: Double? { plan.flatMap { $0 > 0 ? Double(developed) / Double($0) : nil } }
}

/// The targets of a year, per branch and for the whole 党委, with the rules' target shares.
public struct DevelopmentTargetFigures: Hashable, Sendable {
    public var year: Int
    public var asOf: Day
    public var branches: [DevelopmentTargetRow]
    public var total: DevelopmentTargetRow
    /// Seed 003: 3.83 % and 42.90 % (`rules.development`).
    public var studentMemberTarget: Double
    public var reserveTarget: Double
}

/// An alert of 发展党员 (one per kind and branch, counting the people).
public enum DevelopmentAlert: String, CodedEnum {
    case talkOverdue       // 谈话 not held within a month of the application
    case reviewOverdue     // an 积极分子 without a 考察 in half a year
    case checksMissing     // a 发展对象 without 政审 or 集中培训 when the 支部大会 nears
    case approvalOverdue   // 审批 past 3 months after the 支部大会
    case approvalLong      // … past 6 months
    case fullDue           // 预备期 ended, 转正 not yet discussed
    case fullOverdue       // 转正 not approved 3 months after the 预备期 ended

    public var severity: Severity {
        switch self {
        case .fullDue: .notice
        case .approvalLong: .critical
        default: .warning
        }
    }

    public var code: String {
        switch self {
        case .talkOverdue: "development.talk-overdue"
        case .reviewOverdue: "development.review-overdue"
        case .checksMissing: "development.checks-missing"
        case .approvalOverdue: "development.approval-overdue"
        case .approvalLong: "development.approval-over-longest"
        case .fullDue: "development.full-due"
        case .fullOverdue: "development.full-overdue"
        }
    }
}

public enum DevelopmentPipeline {
    /// A person's progress on `asOf` (only the steps dated up to that day count).
    public static func progress(_ candidate: Candidate, asOf: Day, rules: DevelopmentRules) -> DevelopmentProgress {
        let steps = candidate.steps.filter { $0.date <= asOf }
        func has(_ kind: DevelopmentStepKind) -> Bool { steps.contains { $0.kind == kind } }
        func date(_ kind: DevelopmentStepKind) -> Day? { steps.first { $0.kind == kind }?.date }
        let stage = candidate.stage(on: asOf)
        var pending: [PendingStep] = []
        func add(_ kind: DevelopmentStepKind, due: Day? = nil, earliest: Day? = nil, missing: [DevelopmentStepKind] = []) {
            pending.append(PendingStep(kind, due: due, earliest: earliest, missing: missing, asOf: asOf))
        }
        var end: Day? = nil
        switch stage {
        case .applicant?:
            if !has(.talk) { add(.talk, due: date(.application).map { $0.adding(months: rules.talkWithinMonths) }) }
            add(.activistChosen)
        case .activist?:
            for kind in [DevelopmentStepKind.activistFiled, .contactsAssigned] where !has(kind) { add(kind) }
            let chosen = date(.activistChosen)
            let lastReview = ([chosen] + steps.filter { $0.kind == .review }.map(\.date)).compactMap { $0 }.max()
            if let lastReview { add(.review, due: lastReview.adding(months: rules.reviewEveryMonths)) }
            add(.targetChosen, earliest: chosen.map { $0.adding(months: rules.activistMonths) })
        case .developmentTarget?:
            // 政审 and 培训 are due `targetChecksWithinDays` after being chosen (the alert's day).
            let checksDue = date(.targetChosen).map { $0.adding(days: rules.targetChecksWithinDays - 1) }
            for kind in [DevelopmentStepKind.targetFiled, .sponsors, .politicalReview, .training, .committeeReview, .preReview, .publicNotice,
                         .applicationForm] where !has(kind) {
                add(kind, due: kind == .politicalReview || kind == .training ? checksDue : nil)
            }
            if let meeting = date(.branchMeeting) {
                if !has(.upperTalk) { add(.upperTalk) }
                add(.approval, due: meeting.adding(months: rules.approvalWithinMonths))
            } else {
                let notice = steps.last { $0.kind == .publicNotice }
                let earliest = notice.map { DevelopmentCheck.workingDayEnd(from: $0.date, days: Int(($0.days ?? Double(rules.publicNoticeWorkingDays)).rounded(.up))).adding(days: 1) }
                add(.branchMeeting, earliest: earliest, missing: DevelopmentCheck.required(.branchMeeting).content.filter { !has($0) })
            }
        case .probationary?:
            end = DevelopmentCheck.probationEnd(steps, before: asOf.adding(days: 1), rules)
            if !has(.oath) { add(.oath) }
            if let end {
                let due = end.adding(months: rules.fullWithinMonths)
                // This 预备期's 转正 (after an extension, the discussion after its end).
                let lastExtension = steps.filter { $0.kind == .extension }.map(\.date).max()
                let applied = steps.contains { step in step.kind == .fullApplication && (lastExtension.map { step.date >= $0 } ?? true) }
                let discussed = steps.contains { $0.kind == .fullMeeting && $0.date >= end }
                if !applied { add(.fullApplication, due: end) }
                if !discussed { add(.fullMeeting, due: due, earliest: end) }
                add(.fullApproval, due: due, earliest: end, missing: discussed ? [] : [.fullMeeting])
            } else {
                add(.fullMeeting)
                add(.fullApproval, missing: [.fullMeeting])
            }
        case .full?:
            end = candidate.probationEnd(rules)
        default:
            break
        }
        if stage == .probationary || stage == .full || stage == .cancelled, end == nil { end = candidate.probationEnd(rules) }
        return DevelopmentProgress(candidateId: candidate.id, name: candidate.name, branchId: candidate.branchId, stage: stage,
                                   pending: pending, next: next(of: pending), probationEnd: end)
    }

    /// The step to do next: the overdue one due first; else the first open step in the 细则's order
    /// (a half-yearly 考察 aside); else the soonest by its day; else a blocked one.
    static func next(of pending: [PendingStep]) -> PendingStep? {
        if let overdue = pending.filter({ $0.state == .overdue }).min(by: { $0.due! < $1.due! }) { return overdue }
        if let first = pending.first(where: { ($0.state == .open || $0.state == .due) && $0.kind != .review }) { return first }
        if let soonest = pending.filter({ $0.state != .blocked && $0.day != nil }).min(by: { $0.day! < $1.day! }) { return soonest }
        return pending.first
    }

    /// People most in need first: overdue, then blocked, then by the next step's day (none last), then by name.
    public static func ordered(_ list: [DevelopmentProgress]) -> [DevelopmentProgress] {
        func rank(_ p: DevelopmentProgress) -> Int { p.isOverdue ? 0 : p.isBlocked ? 1 : 2 }
        return list.enumerated().sorted { a, b in
            let (x, y) = (a.element, b.element)
            if rank(x) != rank(y) { return rank(x) < rank(y) }
            switch (x.next?.day, y.next?.day) {
            case let (l?, r?) where l != r: return l < r
            case (.some, nil): return true
            case (nil, .some): return false
            default: return a.offset < b.offset
            }
        }.map(\.element)
    }

    /// The day a person was developed (接收为预备党员): the 审批's, else the 支部大会's when no 审批 is on record.
    public static func developedOn(_ candidate: Candidate) -> Day? {
        if let approved = candidate.first(.approval)?.date { return approved }
        let accepted = candidate.stage == .probationary || candidate.stage == .full || candidate.has(.cancellation)
        return accepted ? candidate.first(.branchMeeting)?.date : nil
    }

    /// Each branch's counts per stage on `asOf` (branches in service that day, in the organisation's order).
    public static func funnel(_ workspace: Workspace, asOf: Day) -> [DevelopmentFunnel] {
        let byBranch = Dictionary(grouping: workspace.candidates, by: \.branchId)
        return workspace.organisation.branches(inServiceOn: asOf).map { branch in
            var counts: [DevelopmentStage: Int] = [:]
            var developed = 0
            for c in byBranch[branch.id] ?? [] {
                if let stage = c.stage(on: asOf) { counts[stage, default: 0] += 1 }
                if let day = developedOn(c), day.year == asOf.year, day <= asOf { developed += 1 }
            }
            return DevelopmentFunnel(branchId: branch.id, branchName: branch.name, counts: counts, developedThisYear: developed)
        }
    }

    /// The targets of `asOf`'s year: developed this year against each branch's 发展计划, and seed 003's
    /// ratios over the students entered (`development-targets.json`). A branch without a plan or a
    /// student count has nil there; the whole 党委's plan and students are the entered totals, else
    /// the sums of the branches' (nil when no branch has one).
    public static func targets(_ workspace: Workspace, asOf: Day) -> DevelopmentTargetFigures {
        let year = asOf.year
        let entered = workspace.developmentTargets.year(year)
        let ledger = MemberLedger(workspace)
        let funnels = funnel(workspace, asOf: asOf)
        let byBranch = Dictionary(grouping: workspace.candidates, by: \.branchId)
        let rows = funnels.map { f -> DevelopmentTargetRow in
            let studentMembers = ledger.members(of: f.branchId, on: asOf).filter { $0.dues?.code == .student }.count
            let reserve = (byBranch[f.branchId] ?? []).filter { $0.student && $0.stage(on: asOf).map(DevelopmentStage.reserve.contains) == true }.count
            return DevelopmentTargetRow(branchId: f.branchId, name: f.branchName, developed: f.developedThisYear, plan: entered?.plan[f.branchId],
                                        students: entered?.students[f.branchId], studentMembers: studentMembers, studentReserve: reserve)
        }
        func sum(_ values: [Int?]) -> Int? { values.contains { $0 != nil } ? values.reduce(0) { $0 + ($1 ?? 0) } : nil }
        let total = DevelopmentTargetRow(branchId: nil, name: workspace.organisation.committee.name, developed: rows.reduce(0) { $0 + $1.developed },
                                         plan: entered?.planTotal ?? sum(rows.map(\.plan)), students: entered?.studentsTotal ?? sum(rows.map(\.students)),
                                         studentMembers: rows.reduce(0) { $0 + $1.studentMembers }, studentReserve: rows.reduce(0) { $0 + $1.studentReserve })
        let rules = workspace.settings.rules.development
        return DevelopmentTargetFigures(year: year, asOf: asOf, branches: rows, total: total,
                                        studentMemberTarget: rules.studentMemberShare, reserveTarget: rules.reserveShare)
    }

    /// Which alert a person gives on `asOf`, if any (the most pressing).
    public static func alert(_ candidate: Candidate, asOf: Day, rules: DevelopmentRules) -> DevelopmentAlert? {
        let steps = candidate.steps.filter { $0.date <= asOf }
        func has(_ kind: DevelopmentStepKind) -> Bool { steps.contains { $0.kind == kind } }
        func date(_ kind: DevelopmentStepKind) -> Day? { steps.first { $0.kind == kind }?.date }
        switch candidate.stage(on: asOf) {
        case .applicant?:
            // 细则 Art. 7: the talk within a month; overdue from the day after.
            if !has(.talk), let applied = date(.application), asOf > applied.adding(months: rules.talkWithinMonths) { return .talkOverdue }
        case .activist?:
            // 细则 Art. 11: a 考察 every half year, counted from the last (or from being chosen).
            let last = ([date(.activistChosen)] + steps.filter { $0.kind == .review }.map(\.date)).compactMap { $0 }.max()
            if let last, asOf > last.adding(months: rules.reviewEveryMonths) { return .reviewOverdue }
        case .developmentTarget?:
            if let meeting = date(.branchMeeting), !has(.approval) {
                if asOf > meeting.adding(months: rules.approvalLongestMonths) { return .approvalLong }
                if asOf > meeting.adding(months: rules.approvalWithinMonths) { return .approvalOverdue }
            }
            // 政审 and 培训 missing once the steps towards the 支部大会 begin, or `targetChecksWithinDays` after being chosen.
            if !has(.politicalReview) || !has(.training) {
                let nearing = steps.contains { [.committeeReview, .preReview, .publicNotice, .applicationForm, .branchMeeting].contains($0.kind) }
                let late = date(.targetChosen).map { asOf >= $0.adding(days: rules.targetChecksWithinDays) } ?? false
                if nearing || late { return .checksMissing }
            }
        case .probationary?:
            guard let end = DevelopmentCheck.probationEnd(steps, before: asOf.adding(days: 1), rules) else { break }
            if asOf > end.adding(months: rules.fullWithinMonths) { return .fullOverdue }
            if asOf >= end && !steps.contains(where: { $0.kind == .fullMeeting && $0.date >= end }) { return .fullDue }
        default:
            break
        }
        return nil
    }

    /// A branch's alerts of 发展党员 on `asOf`: one per kind, counting the people and naming the first few.
    public static func alerts(_ candidates: [Candidate], asOf: Day, rules: DevelopmentRules) -> [(AlertKind, Severity)] {
        var found: [DevelopmentAlert: [String]] = [:]
        for c in candidates { if let kind = alert(c, asOf: asOf, rules: rules) { found[kind, default: []].append(c.name) } }
        return DevelopmentAlert.allCases.compactMap { kind in
            guard let names = found[kind] else { return nil }
            return (.development(kind, people: names.count, names: Array(names.prefix(AlertRules.namesShown))), kind.severity)
        }
    }
}
