/// Held against required for one kind of activity.
public struct KindCount: Codable, Hashable, Sendable {
    /// Counted activities (group meetings: Σ per group of min(held, required per group)).
    public var held: Int
    public var required: Int

    public init(held: Int, required: Int) { self.held = held; self.required = required }

    /// min(held, required) / required; 1 when nothing is required.
    public var ratio: Double { required == 0 ? 1 : Double(min(held, required)) / Double(required) }
}

/// Where the quarter that contains the as-of date stands so far.
public struct QuarterProgress: Codable, Hashable, Sendable {
    public var monthsStarted: Int
    /// Kind code → ceil(required × months started / 3).
    public var requiredToDate: [String: Int]
    public var heldToDate: [String: Int]
    /// 三会一课 kinds with held < required to date.
    public var behind: [ActivityKind]

    public var isBehind: Bool { !behind.isEmpty }
}

/// 三会一课 and 主题党日 of one branch in one quarter.
public struct QuarterCompliance: Hashable, Sendable {
    public var branchId: String
    public var quarter: Quarter
    /// The four 三会一课 kinds and themedPartyDay.
    public var kinds: [ActivityKind: KindCount]
    /// Σ min(held, required) / Σ required over the four kinds (1 when nothing is required).
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
    /// Σ(hours × attended) / members.
    public var trainingAverageHours: Double
    /// min(1, average / required hours); 1 for a branch without members.
    public var training: Double
}

/// Computes compliance from the ledger. Pure; one place for every counting rule.
public struct ComplianceCalculator: Sendable {
    public let rules: Rules
    public let index: LedgerIndex

    public init(rules: Rules, index: LedgerIndex) {
        self.rules = rules
        self.index = index
    }

    public init(_ workspace: Workspace) {
        self.init(rules: workspace.settings.rules, index: LedgerIndex(workspace.activities))
    }

    /// After `change` made `workspace`: the ledger counted again for the branches it touched only.
    public func updated(for change: Change, in workspace: Workspace) -> ComplianceCalculator {
        ComplianceCalculator(rules: workspace.settings.rules, index: index.updated(for: change, activities: workspace.activities))
    }

    /// Required per quarter for a branch, by kind.
    public func required(_ kind: ActivityKind, for branch: Branch) -> Int {
        switch kind {
        case .generalMeeting: rules.generalMeetingsPerQuarter
        case .committeeMeeting: branch.hasCommittee ? rules.committeeMeetingsPerQuarter : 0
        case .groupMeeting: rules.groupMeetingsPerGroupPerQuarter * branch.partyGroups.count
        case .partyLesson: rules.partyLessonsPerQuarter
        case .themedPartyDay: rules.themedPartyDaysPerQuarter
        default: 0
        }
    }

    /// `ledger`: the branch's, looked up once by the caller.
    func held(_ kind: ActivityKind, _ branch: Branch, _ ledger: LedgerIndex.BranchLedger, _ quarter: Quarter, throughMonth: Int = 12) -> Int {
        if kind == .groupMeeting {
            return branch.partyGroups.reduce(0) {
                $0 + min(ledger.groupMeetings(group: $1.id, quarter: quarter, throughMonth: throughMonth),
                         rules.groupMeetingsPerGroupPerQuarter)
            }
        }
        return ledger.held(kind, quarter: quarter, throughMonth: throughMonth)
    }

    public func quarter(_ branch: Branch, _ quarter: Quarter, asOf: Day? = nil) -> QuarterCompliance {
        let ledger = index.ledger(branch.id)
        var kinds: [ActivityKind: KindCount] = [:]
        for kind in ActivityKind.threeMeetingsOneLesson + [.themedPartyDay] {
            kinds[kind] = KindCount(held: held(kind, branch, ledger, quarter), required: required(kind, for: branch))
        }
        let four = ActivityKind.threeMeetingsOneLesson.map { kinds[$0]! }
        let required = four.reduce(0) { $0 + $1.required }
        let counted = four.reduce(0) { $0 + min($1.held, $1.required) }
        let meetings = required == 0 ? 1 : Double(counted) / Double(required)

        var progress: QuarterProgress? = nil
        if let asOf, quarter.contains(asOf) {
            let started = asOf.month - quarter.months.lowerBound + 1
            var requiredToDate: [String: Int] = [:], heldToDate: [String: Int] = [:]
            var behind: [ActivityKind] = []
            for kind in ActivityKind.threeMeetingsOneLesson + [.themedPartyDay] {
                let need = (kinds[kind]!.required * started + 2) / 3   // ceil(required × started / 3)
                let have = held(kind, branch, ledger, quarter, throughMonth: asOf.month)
                requiredToDate[kind.rawValue] = need
                heldToDate[kind.rawValue] = have
                if ActivityKind.threeMeetingsOneLesson.contains(kind) && have < need { behind.append(kind) }
            }
            progress = QuarterProgress(monthsStarted: started, requiredToDate: requiredToDate, heldToDate: heldToDate, behind: behind)
        }
        return QuarterCompliance(branchId: branch.id, quarter: quarter, kinds: kinds, threeMeetingsOneLesson: meetings,
                                 themedPartyDay: kinds[.themedPartyDay]!.ratio, progress: progress)
    }

    /// One month of a quarter's 三会一课: each kind's meetings held in that month, counted up to that
    /// kind's monthly share of the quarter's requirement (as the quarter counts each kind up to its
    /// requirement: six group meetings do not make up for a missing party lesson), over the month's
    /// share of all of them. 1 when nothing is required. The wall display's heat map is this.
    public func monthRatio(_ branch: Branch, quarter: Quarter, month: Int) -> Double {
        let ledger = index.ledger(branch.id)
        var due = 0.0, counted = 0.0
        for kind in ActivityKind.threeMeetingsOneLesson {
            let share = Double(required(kind, for: branch)) / 3
            guard share > 0 else { continue }
            let before = month > quarter.months.lowerBound ? held(kind, branch, ledger, quarter, throughMonth: month - 1) : 0
            let inMonth = held(kind, branch, ledger, quarter, throughMonth: month) - before
            due += share
            counted += min(Double(inMonth), share)
        }
        return due > 0 ? counted / due : 1
    }

    public func year(_ branch: Branch, _ year: Int) -> YearCompliance {
        let ledger = index.ledger(branch.id)
        func count(_ kind: ActivityKind, _ required: Int) -> KindCount {
            KindCount(held: ledger.held(kind, year: year, months: 1...12), required: required)
        }
        let members = branch.totalMembers
        let average = members > 0 ? ledger.trainingHourTotal(year: year) / Double(members) : 0
        let training = members == 0 || rules.trainingHoursPerMember <= 0 ? 1 : min(1, average / rules.trainingHoursPerMember)
        return YearCompliance(
            branchId: branch.id, year: year,
            organisationalLifeMeeting: count(.organisationalLifeMeeting, rules.organisationalLifeMeetingsPerYear),
            democraticReview: count(.democraticReview, rules.democraticReviewsPerYear),
            studySession: count(.studySession, rules.studySessionsPerYear),
            trainingAverageHours: average, training: training)
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
        }
    }

    public func ratio(_ metric: ComplianceMetric, _ branch: Branch, quarter: Quarter) -> Double {
        Self.ratio(metric, quarter: self.quarter(branch, quarter), year: year(branch, quarter.year))!
    }

    public func ratio(_ metric: ComplianceMetric, _ branch: Branch, year: Int) -> Double {
        // A quarterly metric used as a year item: the mean over the four quarters.
        if let r = Self.ratio(metric, quarter: nil, year: self.year(branch, year)) { return r }
        return Quarter.all(of: year).reduce(0) { $0 + ratio(metric, branch, quarter: $1) } / 4
    }
}

/// 三会一课 and 主题党日 summed over several quarters (the year view).
public struct PeriodCompliance: Hashable, Sendable {
    public var branchId: String
    public var quarters: [Quarter]
    /// Held and required summed over the quarters (held counted per quarter as in `QuarterCompliance`).
    public var kinds: [ActivityKind: KindCount]
    /// Σ over quarters and the four kinds of min(held, required) / Σ required.
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
                let capped = min(count.held, count.required)
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
