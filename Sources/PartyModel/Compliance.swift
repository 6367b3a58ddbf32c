/// Held, required and met for one kind of activity over a span (a quarter, a year).
public struct KindCount: Codable, Hashable, Sendable {
    /// Activities actually held in the span (group meetings: those of the branch's own groups).
    public var held: Int
    /// Σ over the requirement's periods in the span (× party groups, for group meetings) of its count.
    public var required: Int
    /// Σ over the same periods of min(held in that period, count): with a count of 1, the periods met.
    public var met: Int

    public init(held: Int, required: Int, met: Int? = nil) {
        self.held = held; self.required = required; self.met = met ?? min(held, required)
    }

    /// met / required; 1 when nothing is required.
    public var ratio: Double { required == 0 ? 1 : Double(min(met, required)) / Double(required) }
}

/// Where the quarter that contains the as-of date stands so far: the periods that have ended (the
/// months before the as-of month, for monthly requirements) and, in the quarter's last month, those
/// still open and falling due at its end.
public struct QuarterProgress: Codable, Hashable, Sendable {
    /// Months of the quarter that have ended before the as-of day (0 in its first month).
    public var monthsEnded: Int
    /// Kind code → required over the periods ended so far.
    public var requiredToDate: [String: Int]
    /// Kind code → met over the periods ended so far.
    public var metToDate: [String: Int]
    /// Kinds with a period of this quarter that has ended unmet (三会一课 and 主题党日).
    public var behind: [ActivityKind]
    /// In the quarter's last month only: kinds whose open period (the month, the quarter) is not yet met.
    public var dueSoon: [ActivityKind]

    public var isBehind: Bool { !behind.isEmpty }
}

/// 三会一课 and 主题党日 of one branch in one quarter.
public struct QuarterCompliance: Hashable, Sendable {
    public var branchId: String
    public var quarter: Quarter
    /// The four 三会一课 kinds and themedPartyDay.
    public var kinds: [ActivityKind: KindCount]
    /// Σ met / Σ required over the four kinds (1 when nothing is required).
    public var threeMeetingsOneLesson: Double
    public var themedPartyDay: Double
    /// Only for the quarter containing the as-of date.
    public var progress: QuarterProgress?
}

/// The yearly requirements of one branch.
public struct YearCompliance: Hashable, Sendable {
    public var branchId: String
    public var year: Int
    public var organisationalLifeMeeting: KindCount
    public var democraticReview: KindCount
    public var studySession: KindCount
    /// Party lessons given by the branch's secretary (主讲人) against `secretaryLessonsPerYear`;
    /// nothing required while the post is vacant (that has its own alert).
    public var secretaryLesson: KindCount
    /// Average training hours a member: with a roster, Σ of each member's hours / members; without
    /// one, Σ(hours × attended) of training activities / the entered members.
    public var trainingAverageHours: Double
    /// With a roster: its members (on the year's last day), each with their hours against their
    /// requirement (32 h, 56 h for the 班子); nil for a branch without one.
    public var trainingMembers: BranchTraining?
    /// The `training` metric: with a roster, the share of members reaching their hours; without one,
    /// min(1, average / `trainingHoursPerMember`). 0 for a branch without members (nobody was trained).
    public var training: Double
    /// The `trainingAverage` metric: min(1, average / `trainingHoursPerMember`), roster or not; 0 without members.
    public var trainingAverage: Double
}

/// Computes compliance from the ledger. Pure; one place for every counting rule.
public final class ComplianceCalculator: Sendable {
    public let rules: Rules
    public let index: LedgerIndex
    /// Rosters, dues and hours per member: branch counts and the training rule read them here.
    public let members: MemberLedger

    public init(rules: Rules, index: LedgerIndex, members: MemberLedger? = nil) {
        self.rules = rules
        self.index = index
        self.members = members ?? .empty(rules)
    }

    public convenience init(_ workspace: Workspace) {
        self.init(rules: workspace.settings.rules, index: LedgerIndex(workspace.activities), members: MemberLedger(workspace))
    }

    /// After `change` made `workspace`: the ledger counted again for the branches it touched only;
    /// the member ledger made again when the change touches members, dues, training entries, review
    /// results, 先锋 points, a training or study activity, a talk, or an activity's attendance list.
    public func updated(for change: Change, in workspace: Workspace) -> ComplianceCalculator {
        let membersMoved = change.parts.contains { part in
            switch part {
            case .member, .duesPayment, .trainingEntry, .reviewResult, .pioneerPoints: true
            case .activity(let b, let a):
                [b, a].contains { $0.map { MemberLedger.trainingKinds.contains($0.kind) || $0.kind == .talk || $0.attendance != nil } ?? false }
            // The 班子's names decide which talks count.
            case .branch: true
            default: false
            }
        }
        let sameRules = members.rules == workspace.settings.rules
        let onlyPayments = change.parts.allSatisfy { if case .duesPayment = $0 { true } else { false } }
        let ledger = !membersMoved && sameRules ? members
            : onlyPayments && sameRules ? members.replacingPayments(workspace.duesPayments)
            : MemberLedger(workspace)
        return ComplianceCalculator(rules: workspace.settings.rules, index: index.updated(for: change, activities: workspace.activities),
                                    members: ledger)
    }

    // MARK: The one counting rule

    /// The requirement's periods that lie wholly inside `months` (a quarter, a year, or a month):
    /// a monthly requirement has one per month, a quarterly one per whole quarter, a yearly one only
    /// in a span of the whole year.
    static func periods(_ period: RequirementPeriod, within months: ClosedRange<Int>) -> [ClosedRange<Int>] {
        guard months.lowerBound >= 1, months.upperBound <= 12 else { return workOutPeriods(period.length, within: months) }
        return periodTable[period.length][months.lowerBound - 1][months.upperBound - 1]
    }

    private static func workOutPeriods(_ length: Int, within months: ClosedRange<Int>) -> [ClosedRange<Int>] {
        stride(from: 1, through: 12, by: length)
            .map { $0...($0 + length - 1) }
            .filter { months.contains($0.lowerBound) && months.contains($0.upperBound) }
    }

    /// Every answer of `periods` for spans inside the year, by length, first and last month: asked
    /// about thirty times a branch in a rescore, each making arrays.
    private static let periodTable: [[[[ClosedRange<Int>]]]] = (0...12).map { length in
        (1...12).map { first in (1...12).map { last in
            RequirementPeriod.allCases.contains { $0.length == length } && first <= last ? workOutPeriods(length, within: first...last) : []
        } }
    }

    /// Who must hold a kind: each party group for group meetings, the committee (if any) for 支委会,
    /// else the branch once.
    static func units(_ kind: ActivityKind, _ branch: Branch) -> [String?] {
        switch kind {
        case .groupMeeting: branch.partyGroups.map(\.id)
        case .committeeMeeting: branch.hasCommittee ? wholeBranch : []
        default: wholeBranch
        }
    }
    private static let wholeBranch: [String?] = [nil]

    /// `kind` in `periods` of `year`: each period (and each unit) met when `count` were held in it.
    /// `span`: the months whose activities `held` reports (the periods' months when nil).
    func tally(_ kind: ActivityKind, _ branch: Branch, _ ledger: LedgerIndex.BranchLedger, year: Int,
               periods: [ClosedRange<Int>], span: ClosedRange<Int>? = nil) -> KindCount {
        let units = Self.units(kind, branch)
        func inMonths(_ unit: String?, _ months: ClosedRange<Int>) -> Int {
            if let group = unit { return ledger.groupMeetings(group: group, year: year, months: months) }
            return ledger.held(kind, year: year, months: months)
        }
        var required = 0, met = 0
        if let need = rules.requirement(kind)?.count {
            for unit in units {
                for p in periods {
                    required += need
                    met += min(inMonths(unit, p), need)
                }
            }
        }
        let held: Int
        if let span { held = units.reduce(0) { $0 + inMonths($1, span) } }
        else { held = units.reduce(0) { total, unit in periods.reduce(total) { $0 + inMonths(unit, $1) } } }
        return KindCount(held: held, required: required, met: met)
    }

    /// `kind` over `months` of `year`: its periods inside the span, and everything held in the span.
    func count(_ kind: ActivityKind, _ branch: Branch, _ ledger: LedgerIndex.BranchLedger, year: Int, months: ClosedRange<Int>) -> KindCount {
        let periods = rules.requirement(kind).map { Self.periods($0.period, within: months) } ?? []
        return tally(kind, branch, ledger, year: year, periods: periods, span: months)
    }

    /// Required in a quarter for a branch, by kind (periods in the quarter × count × units).
    public func required(_ kind: ActivityKind, for branch: Branch, in quarter: Quarter) -> Int {
        guard let r = rules.requirement(kind) else { return 0 }
        return Self.periods(r.period, within: quarter.months).count * r.count * Self.units(kind, branch).count
    }

    /// 三会一课 and 主题党日: what a quarter measures.
    static let measuredEachQuarter: [ActivityKind] = ActivityKind.threeMeetingsOneLesson + [.themedPartyDay]

    public func quarter(_ branch: Branch, _ quarter: Quarter, asOf: Day? = nil) -> QuarterCompliance {
        let ledger = index.ledger(branch.id)
        let measured = Self.measuredEachQuarter
        var kinds: [ActivityKind: KindCount] = [:]
        kinds.reserveCapacity(measured.count)
        var required = 0, met = 0
        for kind in measured {
            let c = count(kind, branch, ledger, year: quarter.year, months: quarter.months)
            kinds[kind] = c
            if kind != .themedPartyDay { required += c.required; met += min(c.met, c.required) }
        }
        let meetings = required == 0 ? 1 : Double(met) / Double(required)

        var progress: QuarterProgress? = nil
        if let asOf, quarter.contains(asOf) {
            let first = quarter.months.lowerBound, last = quarter.months.upperBound
            let ended = asOf.month - first
            var requiredToDate: [String: Int] = [:], metToDate: [String: Int] = [:]
            var behind: [ActivityKind] = [], dueSoon: [ActivityKind] = []
            for kind in measured {
                let r = rules.requirement(kind)
                let all = r.map { Self.periods($0.period, within: quarter.months) } ?? []
                // Periods of this quarter that ended before the as-of day: they end with a month before the as-of month.
                let done = all.filter { $0.upperBound < asOf.month }
                let soFar = tally(kind, branch, ledger, year: quarter.year, periods: done)
                requiredToDate[kind.rawValue] = soFar.required
                metToDate[kind.rawValue] = soFar.met
                if soFar.met < soFar.required { behind.append(kind) }
                if asOf.month == last {
                    let open = tally(kind, branch, ledger, year: quarter.year, periods: all.filter { $0.upperBound == last })
                    if open.met < open.required { dueSoon.append(kind) }
                }
            }
            progress = QuarterProgress(monthsEnded: ended, requiredToDate: requiredToDate, metToDate: metToDate,
                                       behind: behind, dueSoon: dueSoon)
        }
        return QuarterCompliance(branchId: branch.id, quarter: quarter, kinds: kinds, threeMeetingsOneLesson: meetings,
                                 themedPartyDay: kinds[.themedPartyDay]!.ratio, progress: progress)
    }

    /// One month of a quarter's 三会一课, judged by the same rule as the quarter: the requirements
    /// whose period ends with this month (monthly ones every month; quarterly ones in the quarter's
    /// last month, judged on the whole quarter), Σ met / Σ required over them. 1 when nothing falls
    /// due in the month. The wall display's heat map is this.
    public func monthRatio(_ branch: Branch, quarter: Quarter, month: Int) -> Double {
        let ledger = index.ledger(branch.id)
        var required = 0, met = 0
        for kind in ActivityKind.threeMeetingsOneLesson {
            guard let r = rules.requirement(kind) else { continue }
            let periods = Self.periods(r.period, within: 1...12).filter { $0.upperBound == month && quarter.months.contains(month) }
            let c = tally(kind, branch, ledger, year: quarter.year, periods: periods)
            required += c.required
            met += c.met
        }
        return required > 0 ? Double(met) / Double(required) : 1
    }

    public func year(_ branch: Branch, _ year: Int) -> YearCompliance {
        let ledger = index.ledger(branch.id)
        func count(_ kind: ActivityKind) -> KindCount { self.count(kind, branch, ledger, year: year, months: 1...12) }
        // With a roster, member by member; without, the ledger's hours over the entered members.
        let roster = MemberLedger.source(of: branch) == .roster ? self.members.training(branch.id, year: year) : nil
        let headcount = roster?.counted ?? self.members.counts(branch, on: Day.lastOf(year: year, month: 12)).total
        let average = headcount == 0 ? 0 : roster?.averageHours ?? ledger.trainingHourTotal(year: year) / Double(headcount)
        // No members: nobody was trained, so nothing is earned (a ratio of 1 for nobody would be full points).
        let averageRatio = headcount == 0 ? 0 : rules.trainingHoursPerMember <= 0 ? 1 : min(1, average / rules.trainingHoursPerMember)
        let training = roster.map(\.share) ?? averageRatio
        return YearCompliance(
            branchId: branch.id, year: year,
            organisationalLifeMeeting: count(.organisationalLifeMeeting),
            democraticReview: count(.democraticReview),
            studySession: count(.studySession),
            secretaryLesson: secretaryLessons(branch, ledger, year: year),
            trainingAverageHours: average, trainingMembers: roster, training: training, trainingAverage: averageRatio)
    }

    /// Party lessons the branch's secretary gave in `year` (主讲人 = the secretary's name).
    func secretaryLessons(_ branch: Branch, _ ledger: LedgerIndex.BranchLedger, year: Int) -> KindCount {
        guard let secretary = branch.secretary?.trimmingWhitespace(), !secretary.isEmpty else { return KindCount(held: 0, required: 0) }
        return KindCount(held: ledger.lessons(by: secretary, year: year), required: max(0, rules.secretaryLessonsPerYear))
    }

    /// The ratio a scoring item of source `compliance:<metric>` multiplies its maximum by, from
    /// figures already computed: the one place that maps a metric to a ratio.
    public static func ratio(_ metric: ComplianceMetric, quarter q: QuarterCompliance?, year y: YearCompliance) -> Double? {
        switch metric {
        case .threeMeetingsOneLesson: q?.threeMeetingsOneLesson
        case .themedPartyDay: q?.themedPartyDay
        case .organisationalLifeMeeting: y.organisationalLifeMeeting.ratio
        case .democraticReview: y.democraticReview.ratio
        case .studySession: y.studySession.ratio
        case .training: y.training
        case .trainingAverage: y.trainingAverage
        // Worked out only when a scheme asks (`ratio(_:_:year:)`): a year's 先锋指数 of every member.
        case .pioneerIndex: nil
        }
    }

    public func ratio(_ metric: ComplianceMetric, _ branch: Branch, quarter: Quarter) -> Double {
        if metric == .pioneerIndex { return ratio(metric, branch, year: quarter.year) }
        return Self.ratio(metric, quarter: self.quarter(branch, quarter), year: year(branch, quarter.year))!
    }

    public func ratio(_ metric: ComplianceMetric, _ branch: Branch, year: Int) -> Double {
        // The branch's mean 先锋指数 over its scale; 0 for a branch without members (nobody to score).
        if metric == .pioneerIndex { return members.pioneerMean(branchId: branch.id, year: year) ?? 0 }
        // A quarterly metric used as a year item: the mean over the four quarters.
        if let r = Self.ratio(metric, quarter: nil, year: self.year(branch, year)) { return r }
        return Quarter.all(of: year).reduce(0) { $0 + ratio(metric, branch, quarter: $1) } / 4
    }
}

/// 三会一课 and 主题党日 summed over several quarters (the year view).
public struct PeriodCompliance: Hashable, Sendable {
    public var branchId: String
    public var quarters: [Quarter]
    /// Held, required and met summed over the quarters.
    public var kinds: [ActivityKind: KindCount]
    /// Σ over quarters and the four kinds of met / Σ required.
    public var threeMeetingsOneLesson: Double
    public var themedPartyDay: Double
}

extension ComplianceCalculator {
    /// The quarters of `year` that have begun by `asOf` (all four for a past year).
    public static func startedQuarters(year: Int, asOf: Day) -> [Quarter] {
        let started = Quarter.all(of: year).filter { $0.firstDay <= asOf }
        return started.isEmpty ? Quarter.all(of: year) : started
    }

    public func period(_ branch: Branch, quarters: [Quarter]) -> PeriodCompliance {
        var kinds: [ActivityKind: KindCount] = [:]
        var counted = 0, required = 0, themedCounted = 0, themedRequired = 0
        for quarter in quarters {
            let q = self.quarter(branch, quarter)
            for (kind, count) in q.kinds {
                kinds[kind, default: KindCount(held: 0, required: 0)].held += count.held
                kinds[kind, default: KindCount(held: 0, required: 0)].required += count.required
                kinds[kind, default: KindCount(held: 0, required: 0)].met += count.met
                let capped = min(count.met, count.required)
                if kind == .themedPartyDay { themedCounted += capped; themedRequired += count.required }
                else { counted += capped; required += count.required }
            }
        }
        return PeriodCompliance(
            branchId: branch.id, quarters: quarters, kinds: kinds,
            threeMeetingsOneLesson: required == 0 ? 1 : Double(counted) / Double(required),
            themedPartyDay: themedRequired == 0 ? 1 : Double(themedCounted) / Double(themedRequired))
    }
}
