public enum Severity: String, CodedEnum, Comparable {
    case notice    // 提示
    case warning   // 警告
    case critical  // 严重

    var order: Int { Severity.allCases.firstIndex(of: self)! }
    public static func < (a: Severity, b: Severity) -> Bool { a.order < b.order }
}

/// What needs attention, with the facts the message is made of.
public enum AlertKind: Hashable, Codable, Sendable {
    case termEndsSoon(end: Day, months: Int)
    case termOverdue(end: Day)
    case termUnknown
    case tooFewFullMembers(full: Int, minimum: Int)
    case noCommittee(full: Int, threshold: Int)
    case tooLargeForBranch(members: Int, maximum: Int)
    case shouldBeCommittee(members: Int, threshold: Int)
    case noPartyGroups(members: Int, threshold: Int)
    case partyGroupTooLarge(group: String, size: Int, maximum: Int)
    /// `members` of the branch's roster have `months` or more consecutive months of 党费 unpaid; `names`: the first few.
    case duesArrears(members: Int, months: Int, names: [String])
    /// In `year`'s Q4: `members` of the roster are still short of their training hours; `names`: the first few.
    case trainingHoursShort(year: Int, members: Int, names: [String])
    /// `members` of the roster absent without reason from 组织生活 in each of `months` months running
    /// (months with attendance lists); `names`: the first few (党章 Art. 9: for the branch to look into).
    case unexcusedAbsence(months: Int, members: Int, names: [String])
    /// From `year`'s Q4: `members` of the roster have had fewer than `required` 谈心谈话 with the
    /// secretary or a committee member this year; `names`: the first few.
    case talksMissing(year: Int, required: Int, members: Int, names: [String])
    /// `members` rated 不合格 in a 民主评议 of the branch whose 处置 is not recorded; `names`: the first few.
    case unqualifiedFollowUp(members: Int, names: [String])
    /// A period of the current quarter ended with these kinds unmet.
    case meetingsBehind(quarter: Quarter, kinds: [ActivityKind])
    /// The quarter's last month: these kinds' open periods are not yet met.
    case meetingsDueSoon(quarter: Quarter, kinds: [ActivityKind])
    case checkMissing(quarter: Quarter)
    /// The last ended quarter's check is not in yet; it is missing after `missingAfter`.
    case checkDue(quarter: Quarter, missingAfter: Day)
    /// 党支部书记每年至少讲1次党课: `year` ended (or, in its Q4, is ending) with fewer lessons by the secretary.
    case secretaryLesson(year: Int, given: Int, required: Int, yearEnded: Bool)
    case rectificationOverdue(id: String, description: String, due: Day)
    /// `since`: when the vacancy began (recorded, else the term start); nil when unknown. `months`: its length.
    case secretaryVacant(since: Day?, months: Int?, limit: Int)
    /// 发展党员: `people` of the branch's pipeline are in this case; `names`: the first few.
    case development(DevelopmentAlert, people: Int, names: [String])
    /// 经费: in `year`'s part from `rules.funds.alertFromMonth`, the allocations a standard counts are below it (in 分).
    case fundsBelowStandard(year: Int, standard: String, allocatedFen: Int, requiredFen: Int)
    /// 一支部一清单: occurrences of a recurring task past their due day (from the day after) that the branch has not done.
    case taskOccurrenceLate(task: String, title: String, periods: [String], firstDue: Day)
    /// 一支部一清单: a one-off task past its deadline (from the day after) that the branch has not done.
    case taskBranchLate(task: String, title: String, deadline: Day)
    /// 目标: the actual (nil: not known) does not reach the milestone of `quarter`, which has ended.
    case targetBehind(target: String, title: String, actual: Double?, milestone: Double, comparison: TargetComparison, unit: TargetUnit, quarter: Quarter)
    /// 目标: `deadline` has passed without the value reached (an alert for `TargetEvaluator.missedAlertDays` after it).
    case targetMissed(target: String, title: String, actual: Double?, value: Double, comparison: TargetComparison, unit: TargetUnit, deadline: Day)

    /// Stable code, for scripts and filters.
    public var code: String {
        switch self {
        case .termEndsSoon(_, let months): "term.ends-within-\(months)m"
        case .termOverdue: "term.overdue"
        case .termUnknown: "term.unknown"
        case .tooFewFullMembers: "org.too-few-full-members"
        case .noCommittee: "org.no-committee"
        case .tooLargeForBranch: "org.over-branch-size"
        case .shouldBeCommittee: "org.over-committee-threshold"
        case .noPartyGroups: "org.no-party-groups"
        case .partyGroupTooLarge: "org.party-group-too-large"
        case .duesArrears(_, let months, _): "dues.arrears-\(months)m"
        case .trainingHoursShort: "training.hours-short"
        case .unexcusedAbsence(let months, _, _): "attendance.unexcused-\(months)m"
        case .talksMissing: "talks.missing"
        case .unqualifiedFollowUp: "review.unqualified"
        case .meetingsBehind: "meetings.behind"
        case .meetingsDueSoon: "meetings.due-soon"
        case .checkMissing: "check.missing"
        case .checkDue: "check.due"
        case .secretaryLesson(_, _, _, let ended): ended ? "lesson.secretary-none" : "lesson.secretary-due"
        case .rectificationOverdue: "rectification.overdue"
        case .secretaryVacant: "leadership.secretary-vacant"
        case .development(let kind, _, _): kind.code
        case .fundsBelowStandard: "funds.below-standard"
        case .taskOccurrenceLate: "task.occurrence-late"
        case .taskBranchLate: "task.branch-late"
        case .targetBehind: "target.behind"
        case .targetMissed: "target.missed"
        }
    }
}

public struct Alert: Hashable, Codable, Sendable {
    public var kind: AlertKind
    public var severity: Severity
    /// The branch's id — or the 党总支's or 党委's, for their own alerts (terms, size).
    public var branchId: String
    public var branchName: String

    public var code: String { kind.code }
}

/// Finds everything that needs attention as of a day. Pure; thresholds come from the rules.
public enum AlertRules {
    /// `revising`: the alerts as worked out before a change that moved the figures of the `touched`
    /// branches only (see `Change.branchesTouched`), on the same day: only those branches' alerts
    /// are found again — a branch's alerts depend on its own records alone.
    public static func alerts(_ workspace: Workspace, asOf: Day, compliance: ComplianceCalculator? = nil, engine: ScoringEngine? = nil,
                              revising old: [Alert]? = nil, touched: Set<String> = []) -> [Alert] {
        let compliance = compliance ?? ComplianceCalculator(workspace)
        let engine = engine ?? ScoringEngine(workspace, compliance: compliance)
        // The 党委's and 党总支s' own alerts are always worked out again (a 党总支's size is its branches').
        let kept = old.map { Dictionary(grouping: $0.filter { !touched.contains($0.branchId) }, by: \.branchId) }
        func worksOut(_ branch: String) -> Bool { kept == nil || touched.contains(branch) }
        let overdue = Dictionary(grouping: workspace.rectifications.filter { worksOut($0.branchId) && $0.isOverdue(on: asOf) }, by: \.branchId)
        let pipeline = Dictionary(grouping: workspace.candidates.filter { worksOut($0.branchId) }, by: \.branchId)
        let funds = FundsLedger(workspace)
        let tasks = TaskSchedule.tasksByBranch(workspace.plan, organisation: workspace.organisation, asOf: asOf)
        return ordered(organisationAlerts(workspace, asOf: asOf, members: compliance.members, engine: engine) + workspace.organisation.branches(inServiceOn: asOf).map { branch in
            if let kept, !touched.contains(branch.id) { return kept[branch.id] ?? [] }
            return alerts(branch, workspace, asOf: asOf, compliance: compliance, engine: engine, overdue: overdue[branch.id] ?? [],
                          candidates: pipeline[branch.id] ?? [], funds: funds, tasks: tasks[branch.id] ?? [])
        })
    }

    /// 换届 of one organisation: overdue, within the reminder windows, or unknown. The same for
    /// 党支部, 党总支 and 党委.
    static func termAlerts(end: Day?, asOf: Day, _ rules: Rules) -> [(AlertKind, Severity)] {
        guard let end else { return [(.termUnknown, .notice)] }
        if end < asOf { return [(.termOverdue(end: end), .critical)] }
        let windows = rules.termReminderMonths.sorted()
        if let months = windows.first(where: { end <= asOf.adding(months: $0) }) {
            return [(.termEndsSoon(end: end, months: months), months == windows.first ? .warning : .notice)]
        }
        return []
    }

    /// The 党委's and each 党总支's own alerts (terms; a 党总支 of `committeeOrganisationThreshold`
    /// members or more should be a 基层党委), one list per organisation, the 党委 first.
    static func organisationAlerts(_ workspace: Workspace, asOf: Day, members ledger: MemberLedger, engine: ScoringEngine? = nil) -> [[Alert]] {
        let rules = workspace.settings.rules, org = workspace.organisation
        func alert(_ id: String, _ name: String, _ pair: (AlertKind, Severity)) -> Alert {
            Alert(kind: pair.0, severity: pair.1, branchId: id, branchName: name)
        }
        let committee = termAlerts(end: org.committee.termEnd, asOf: asOf, rules).map { alert(org.committee.id, org.committee.name, $0) }
            + targetAlerts(workspace, asOf: asOf, engine: engine).map { alert(org.committee.id, org.committee.name, $0) }
        return [committee] + org.generalBranches.map { g in
            var out = termAlerts(end: g.termEnd, asOf: asOf, rules).map { alert(g.id, g.name, $0) }
            let members = ledger.members(ofGeneralBranch: g.id, in: org, on: asOf)
            if members >= rules.committeeOrganisationThreshold {
                out.append(alert(g.id, g.name, (.shouldBeCommittee(members: members, threshold: rules.committeeOrganisationThreshold), .critical)))
            }
            return out
        }
    }

    /// 目标 (the 党委's own): each target behind its milestone, and each missed for `missedAlertDays` after its deadline.
    static func targetAlerts(_ workspace: Workspace, asOf: Day, engine: ScoringEngine?) -> [(AlertKind, Severity)] {
        guard !workspace.targets.isEmpty else { return [] }
        let evaluator = TargetEvaluator(workspace, compliance: engine?.compliance, engine: engine)
        return evaluator.evaluate(asOf: asOf, trend: false).compactMap { e in
            let t = e.target
            switch e.status {
            case .behind:
                guard let m = e.milestone else { return nil }
                return (.targetBehind(target: t.id, title: t.title, actual: e.actual?.value, milestone: m.value, comparison: t.comparison,
                                      unit: t.figureUnit, quarter: m.quarter), .warning)
            case .missed:
                guard e.judgedOn.adding(days: TargetEvaluator.missedAlertDays) >= asOf else { return nil }
                return (.targetMissed(target: t.id, title: t.title, actual: e.actual?.value, value: t.value, comparison: t.comparison,
                                      unit: t.figureUnit, deadline: e.judgedOn), .critical)
            default: return nil
            }
        }
    }

    /// How long the secretary post has been vacant, from the recorded day it fell vacant, else the
    /// term start; nil when neither is known.
    public static func vacancy(_ branch: Branch, asOf: Day) -> (since: Day, months: Int)? {
        guard let since = branch.secretaryVacantSince ?? branch.termStart, since <= asOf else { return nil }
        return (since, since.months(until: asOf))
    }

    /// Most severe first, then by branch (in the given order), keeping each branch's order.
    static func ordered(_ byBranch: [[Alert]]) -> [Alert] {
        byBranch.joined().enumerated().sorted { a, b in
            (b.element.severity, a.offset) < (a.element.severity, b.offset)
        }.map(\.element)
    }

    /// How many members an alert names at most (the alert pane shows them; the wall display never does).
    public static let namesShown = 3

    /// One branch's alerts; `overdue`: its overdue rectifications.
    static func alerts(_ branch: Branch, _ workspace: Workspace, asOf: Day, compliance: ComplianceCalculator, engine: ScoringEngine,
                       overdue: [Rectification], candidates: [Candidate] = [], funds: FundsLedger? = nil,
                       tasks: [PlanTask]? = nil) -> [Alert] {
        let rules = workspace.settings.rules
        let lastEnded = asOf.quarter.previous
        var out: [Alert] = []
        func add(_ kind: AlertKind, _ severity: Severity) {
            out.append(Alert(kind: kind, severity: severity, branchId: branch.id, branchName: branch.name))
        }
        for (kind, severity) in termAlerts(end: branch.termEnd, asOf: asOf, rules) { add(kind, severity) }
        // Organisation setting, on the members of the day (the roster's when the branch keeps one).
        let counts = compliance.members.counts(branch, on: asOf)
        if counts.full < rules.minFullMembers && !branch.isJointBranch {
            add(.tooFewFullMembers(full: counts.full, minimum: rules.minFullMembers), .warning)
        }
        if counts.full >= rules.committeeThreshold && !branch.hasCommittee {
            add(.noCommittee(full: counts.full, threshold: rules.committeeThreshold), .warning)
        }
        if counts.total >= rules.committeeOrganisationThreshold {
            add(.shouldBeCommittee(members: counts.total, threshold: rules.committeeOrganisationThreshold), .critical)
        } else if counts.total >= rules.maxBranchMembers {   // "达到50人以上": 50 included
            add(.tooLargeForBranch(members: counts.total, maximum: rules.maxBranchMembers), .warning)
        }
        if counts.total >= rules.partyGroupThreshold && branch.partyGroups.isEmpty {
            add(.noPartyGroups(members: counts.total, threshold: rules.partyGroupThreshold), .notice)
        }
        for group in branch.partyGroups where group.size > rules.maxPartyGroupSize {
            add(.partyGroupTooLarge(group: group.name, size: group.size, maximum: rules.maxPartyGroupSize), .warning)
        }
        // A vacancy longer than `secretaryVacantMonths` (or of unknown length) is a 软弱涣散 sign.
        if branch.secretary?.trimmingWhitespace().isEmpty ?? true {
            let vacancy = vacancy(branch, asOf: asOf)
            let long = vacancy.map { $0.months > rules.secretaryVacantMonths } ?? true
            add(.secretaryVacant(since: vacancy?.since, months: vacancy?.months, limit: rules.secretaryVacantMonths), long ? .critical : .warning)
        }
        // Per member, for those on the branch's roster today (whatever its count source).
        let roster = compliance.members.members(of: branch.id, on: asOf)
        // 党费: consecutive months unpaid (党章 Art. 9: 6 months is for the branch to look into).
        let arrears = roster.map { (name: $0.name, months: compliance.members.arrears($0, asOf: asOf)) }
        let critical = arrears.filter { $0.months >= rules.duesArrearsCriticalMonths }
        let warning = arrears.filter { $0.months >= rules.duesArrearsWarningMonths && $0.months < rules.duesArrearsCriticalMonths }
        if !critical.isEmpty {
            add(.duesArrears(members: critical.count, months: rules.duesArrearsCriticalMonths, names: critical.prefix(namesShown).map(\.name)), .critical)
        }
        if !warning.isEmpty {
            add(.duesArrears(members: warning.count, months: rules.duesArrearsWarningMonths, names: warning.prefix(namesShown).map(\.name)), .warning)
        }
        // Training hours: in the year's last quarter, the members still short of theirs.
        if asOf.quarter.number == 4 {
            let short = roster.filter { !compliance.members.training($0, year: asOf.year).reached }
            if !short.isEmpty {
                add(.trainingHoursShort(year: asOf.year, members: short.count, names: short.prefix(namesShown).map(\.name)), .warning)
            }
        }
        // 组织生活: absent without reason every month with lists for `unexcusedAbsenceMonths` running (党章 Art. 9).
        let absent = roster.filter { compliance.members.unexcusedAbsenceRun($0, asOf: asOf) >= rules.unexcusedAbsenceMonths }
        if !absent.isEmpty {
            add(.unexcusedAbsence(months: rules.unexcusedAbsenceMonths, members: absent.count, names: absent.prefix(namesShown).map(\.name)), .critical)
        }
        // 谈心谈话: from the year's last quarter, the members without their talks (支部工作条例 2018).
        if asOf.quarter.number == 4 && rules.talksPerYear > 0 {
            let none = roster.filter { compliance.members.talks($0, year: asOf.year, asOf: asOf).count < rules.talksPerYear }
            if !none.isEmpty {
                add(.talksMissing(year: asOf.year, required: rules.talksPerYear, members: none.count, names: none.prefix(namesShown).map(\.name)), .warning)
            }
        }
        // 民主评议: 不合格 results whose 处置 is not recorded yet.
        let unqualified = compliance.members.awaitingFollowUp(branchId: branch.id, asOf: asOf)
        if !unqualified.isEmpty {
            let names = unqualified.prefix(namesShown).map { compliance.members.member($0.memberId)?.name ?? $0.memberId }
            add(.unqualifiedFollowUp(members: unqualified.count, names: names), .warning)
        }
        // 三会一课 and 主题党日 this quarter: periods ended unmet; in the last month, what falls due.
        if let progress = compliance.quarter(branch, asOf.quarter, asOf: asOf).progress {
            if progress.isBehind { add(.meetingsBehind(quarter: asOf.quarter, kinds: progress.behind), .warning) }
            if !progress.dueSoon.isEmpty { add(.meetingsDueSoon(quarter: asOf.quarter, kinds: progress.dueSoon), .notice) }
        }
        // The last ended quarter's check: missing only after the grace period, due before it.
        if engine.check(branch: branch.id, quarter: lastEnded) == nil {
            let missingAfter = lastEnded.lastDay.adding(days: max(0, rules.checkGraceDays))
            if asOf > missingAfter { add(.checkMissing(quarter: lastEnded), .warning) }
            else { add(.checkDue(quarter: lastEnded, missingAfter: missingAfter), .notice) }
        }
        // The secretary's party lesson: the year just ended (judged in the next year's first quarter), or Q4 of this one.
        let lessonYear = asOf.quarter.number == 1 ? asOf.year - 1 : asOf.year
        if asOf.quarter.number == 1 || asOf.quarter.number == 4 {
            let lessons = compliance.year(branch, lessonYear).secretaryLesson
            if lessons.held < lessons.required {
                let ended = lessonYear < asOf.year
                add(.secretaryLesson(year: lessonYear, given: lessons.held, required: lessons.required, yearEnded: ended), ended ? .warning : .notice)
            }
        }
        for r in overdue.sorted(by: { $0.dueOn < $1.dueOn }) {
            add(.rectificationOverdue(id: r.id, description: r.description, due: r.dueOn), .critical)
        }
        // 发展党员: steps overdue, 考察 missed, 政审 or 培训 missing (docs/development.md).
        for (kind, severity) in DevelopmentPipeline.alerts(candidates, asOf: asOf, rules: rules.development) { add(kind, severity) }
        // 经费: from the year's second half (by default), each standard the year's allocations fall short of.
        let funds = funds ?? FundsLedger(workspace)
        if funds.alertsFrom(asOf) {
            let figures = funds.figures(branch.id, branch: branch, year: asOf.year, asOf: asOf) { compliance.members.counts($0, on: $1).total }
            for s in figures.belowStandard {
                add(.fundsBelowStandard(year: asOf.year, standard: s.standard.title, allocatedFen: s.allocated.fen, requiredFen: s.required.fen), .warning)
            }
        }
        // 一支部一清单: the branch's occurrences past their due day and one-off tasks past their deadline, not done.
        let assigned = tasks ?? TaskSchedule.tasksByBranch(workspace.plan, organisation: workspace.organisation, asOf: asOf)[branch.id] ?? []
        for task in assigned {
            let f = TaskSchedule.figure(task, branch: branch, planYear: workspace.plan.year, asOf: asOf)
            let late = f.late
            if let first = late.first {
                add(.taskOccurrenceLate(task: task.id, title: task.title, periods: late.map(\.occurrence.period.key), firstDue: first.occurrence.due), .warning)
            }
            if f.branchLate, let deadline = task.deadline { add(.taskBranchLate(task: task.id, title: task.title, deadline: deadline), .warning) }
        }
        return out
    }
}
