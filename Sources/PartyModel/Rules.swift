/// The span over which a requirement is counted: ≥ `count` activities in every such period.
public enum RequirementPeriod: String, CodedEnum {
    case month, quarter, year

    /// Months per period.
    public var length: Int {
        switch self {
        case .month: 1
        case .quarter: 3
        case .year: 12
        }
    }
}

/// "At least `count` of a kind every `period`" (per party group for group meetings; only for
/// branches with a committee for 支委会). A period is met when `count` were held in it.
public struct Requirement: Codable, Hashable, Sendable {
    public var period: RequirementPeriod
    public var count: Int

    public init(_ period: RequirementPeriod, _ count: Int) { self.period = period; self.count = count }

    enum CodingKeys: String, CodingKey { case period, count }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        period = try c.decode(RequirementPeriod.self, forKey: .period)
        count = try c.value(.count, default: 1)
    }
}

/// Every threshold the rules use, with the defaults of DESIGN §2. Stored in `workspace.json`;
/// a missing key takes its default, so a workspace only lists what it changes.
public struct Rules: Codable, Hashable, Sendable {
    /// The kinds that have a requirement, in display order.
    public static let requiredKinds: [ActivityKind] = [.generalMeeting, .committeeMeeting, .groupMeeting, .partyLesson, .themedPartyDay,
                                                       .organisationalLifeMeeting, .democraticReview, .studySession]

    /// The 2018 支部工作条例: 支委会, 党小组会 and 主题党日 monthly; 支部党员大会 and 党课 quarterly;
    /// 组织生活会 and 民主评议 yearly; 集中学习研讨 ≥ 8 a year (seed 000).
    public static let defaultRequirements: [ActivityKind: Requirement] = [
        .generalMeeting: Requirement(.quarter, 1), .committeeMeeting: Requirement(.month, 1), .groupMeeting: Requirement(.month, 1),
        .partyLesson: Requirement(.quarter, 1), .themedPartyDay: Requirement(.month, 1),
        .organisationalLifeMeeting: Requirement(.year, 1), .democraticReview: Requirement(.year, 1), .studySession: Requirement(.year, 8),
    ]

    /// 三会一课, 主题党日 and the yearly meetings: one requirement per kind (`requirements` in JSON,
    /// keyed by kind code).
    public var requirements: [ActivityKind: Requirement] = Rules.defaultRequirements
    /// 党支部书记每年至少讲1次党课 (条例 2018): party lessons given by the secretary a year.
    public var secretaryLessonsPerYear = 1
    /// Each member's training hours a year (党员教育管理工作条例 2019; seeds 000, 001).
    public var trainingHoursPerMember = 32.0
    /// 书记, 副书记 and 支委: training hours a year (seed 001).
    public var trainingHoursForLeaders = 56.0
    // Organisation setting (条例; seed 002).
    public var minFullMembers = 3
    public var committeeThreshold = 7
    public var maxBranchMembers = 50
    public var committeeOrganisationThreshold = 100
    public var partyGroupThreshold = 20
    public var maxPartyGroupSize = 10
    // Terms (换届).
    public var branchTermYears = 3
    public var longTermYears = 5                 // committees, village and community branches
    public var termReminderMonths = [6, 3]
    // Dues (党章).
    public var duesArrearsWarningMonths = 3
    public var duesArrearsCriticalMonths = 6
    /// 党费 scales and fixed amounts (关于中国共产党党费收缴、使用和管理的规定 2008).
    public var dues = DuesRules()
    public var secretaryVacantMonths = 3
    // Members (issue 18).
    /// 谈心谈话: talks a year each member has with the secretary or a committee member (支部工作条例 2018).
    public var talksPerYear = 1
    /// 党章 Art. 9: months running a member is absent without reason from 组织生活 before the branch is asked to look into it.
    public var unexcusedAbsenceMonths = 6
    /// The 先锋指数 scheme (seed 004).
    public var pioneer = PioneerScheme()
    // Quarterly checks: a quarter's check is missing this many days after the quarter ends.
    public var checkGraceDays = 15
    /// 经费: the standards per member and per branch (seeds 004 and 001) and when being below one is an alert.
    public var funds = FundsRules()
    /// 发展党员: the time and people rules of the 发展党员工作细则 (2014), and seed 003's ratios.
    public var development = DevelopmentRules()

    public init() {}

    /// The longest term a 党支部 may have: `longTermYears` for village and community branches (their
    /// 党组织 serve 5 years, 2020 选举工作条例), else `branchTermYears`.
    public func termYears(for branch: Branch) -> Int {
        branch.sector == .rural || branch.sector == .community ? longTermYears : branchTermYears
    }
    /// 党总支: `branchTermYears` (3); 基层党委: `longTermYears` (5).
    public var generalBranchTermYears: Int { branchTermYears }
    public var committeeTermYears: Int { longTermYears }

    /// Settings decoded and documented but not yet read by any rule, with why: `validate` says so.
    public static let notYetInForce: [String: (zh: String, en: String)] = [:]

    /// The requirement of a kind (none for kinds without one, or a count of 0).
    public func requirement(_ kind: ActivityKind) -> Requirement? {
        requirements[kind].flatMap { $0.count > 0 ? $0 : nil }
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case requirements, secretaryLessonsPerYear, trainingHoursPerMember, trainingHoursForLeaders
        case minFullMembers, committeeThreshold, maxBranchMembers, committeeOrganisationThreshold
        case partyGroupThreshold, maxPartyGroupSize, branchTermYears, longTermYears, termReminderMonths
        case duesArrearsWarningMonths, duesArrearsCriticalMonths, dues, secretaryVacantMonths, checkGraceDays, funds
        case talksPerYear, unexcusedAbsenceMonths, pioneer
        case development
    }

    /// The per-quarter and per-year counts of schema 3 and before, with the value they were written
    /// with by default. A file written by an older build lists them all at those values; a value
    /// changed by hand is kept as "that many a quarter" (or a year) unless `requirements` names the kind.
    enum LegacyKeys: String, CodingKey, CaseIterable {
        case generalMeetingsPerQuarter, committeeMeetingsPerQuarter, groupMeetingsPerGroupPerQuarter
        case partyLessonsPerQuarter, themedPartyDaysPerQuarter, organisationalLifeMeetingsPerYear
        case democraticReviewsPerYear, studySessionsPerYear

        var meaning: (kind: ActivityKind, period: RequirementPeriod, oldDefault: Int) {
            switch self {
            case .generalMeetingsPerQuarter: (.generalMeeting, .quarter, 1)
            case .committeeMeetingsPerQuarter: (.committeeMeeting, .quarter, 3)
            case .groupMeetingsPerGroupPerQuarter: (.groupMeeting, .quarter, 3)
            case .partyLessonsPerQuarter: (.partyLesson, .quarter, 1)
            case .themedPartyDaysPerQuarter: (.themedPartyDay, .quarter, 3)
            case .organisationalLifeMeetingsPerYear: (.organisationalLifeMeeting, .year, 1)
            case .democraticReviewsPerYear: (.democraticReview, .year, 1)
            case .studySessionsPerYear: (.studySession, .year, 8)
            }
        }
    }

    /// Before the funds ledger, `activityFundsPerMember` (800) was kept and read by nothing: a value
    /// changed by hand becomes the per-member standard's.
    enum LegacyFundsKeys: String, CodingKey { case activityFundsPerMember }
    static func legacyFunds(_ decoder: any Decoder) throws -> FundsRules {
        var funds = FundsRules()
        let c = try decoder.container(keyedBy: LegacyFundsKeys.self)
        if let perMember = try c.decodeIfPresent(Double.self, forKey: .activityFundsPerMember),
           let i = funds.standards.firstIndex(where: { $0.perMember != nil }) {
            funds.standards[i].perMember = perMember
        }
        return funds
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = Rules()
        var requirements = d.requirements
        let legacy = try decoder.container(keyedBy: LegacyKeys.self)
        for key in LegacyKeys.allCases {
            let m = key.meaning
            if let n = try legacy.decodeIfPresent(Int.self, forKey: key), n != m.oldDefault { requirements[m.kind] = Requirement(m.period, n) }
        }
        let named = try c.value(.requirements, default: [String: Requirement]())
        for (code, requirement) in named.sorted(by: { $0.key < $1.key }) {
            guard let kind = ActivityKind(rawValue: code), Rules.requiredKinds.contains(kind) else {
                throw DecodingError.dataCorrupted(.init(
                    codingPath: c.codingPath + [CodingKeys.requirements], debugDescription: "unknown code \"\(code)\"",
                    underlyingError: ValueProblem.unknownCode(code, allowed: Rules.requiredKinds.map(\.rawValue))))
            }
            requirements[kind] = requirement
        }
        self.requirements = requirements
        secretaryLessonsPerYear = try c.value(.secretaryLessonsPerYear, default: d.secretaryLessonsPerYear)
        trainingHoursPerMember = try c.value(.trainingHoursPerMember, default: d.trainingHoursPerMember)
        trainingHoursForLeaders = try c.value(.trainingHoursForLeaders, default: d.trainingHoursForLeaders)
        minFullMembers = try c.value(.minFullMembers, default: d.minFullMembers)
        committeeThreshold = try c.value(.committeeThreshold, default: d.committeeThreshold)
        maxBranchMembers = try c.value(.maxBranchMembers, default: d.maxBranchMembers)
        committeeOrganisationThreshold = try c.value(.committeeOrganisationThreshold, default: d.committeeOrganisationThreshold)
        partyGroupThreshold = try c.value(.partyGroupThreshold, default: d.partyGroupThreshold)
        maxPartyGroupSize = try c.value(.maxPartyGroupSize, default: d.maxPartyGroupSize)
        branchTermYears = try c.value(.branchTermYears, default: d.branchTermYears)
        longTermYears = try c.value(.longTermYears, default: d.longTermYears)
        termReminderMonths = try c.value(.termReminderMonths, default: d.termReminderMonths)
        duesArrearsWarningMonths = try c.value(.duesArrearsWarningMonths, default: d.duesArrearsWarningMonths)
        duesArrearsCriticalMonths = try c.value(.duesArrearsCriticalMonths, default: d.duesArrearsCriticalMonths)
        dues = try c.value(.dues, default: d.dues)
        secretaryVacantMonths = try c.value(.secretaryVacantMonths, default: d.secretaryVacantMonths)
        checkGraceDays = try c.value(.checkGraceDays, default: d.checkGraceDays)
        let legacyFunds = try Self.legacyFunds(decoder)
        funds = try c.value(.funds, default: legacyFunds)
        talksPerYear = try c.value(.talksPerYear, default: d.talksPerYear)
        unexcusedAbsenceMonths = try c.value(.unexcusedAbsenceMonths, default: d.unexcusedAbsenceMonths)
        pioneer = try c.value(.pioneer, default: d.pioneer)
        development = try c.value(.development, default: d.development)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(Dictionary(uniqueKeysWithValues: requirements.map { ($0.key.rawValue, $0.value) }), forKey: .requirements)
        try c.encode(secretaryLessonsPerYear, forKey: .secretaryLessonsPerYear)
        try c.encode(trainingHoursPerMember, forKey: .trainingHoursPerMember)
        try c.encode(trainingHoursForLeaders, forKey: .trainingHoursForLeaders)
        try c.encode(minFullMembers, forKey: .minFullMembers)
        try c.encode(committeeThreshold, forKey: .committeeThreshold)
        try c.encode(maxBranchMembers, forKey: .maxBranchMembers)
        try c.encode(committeeOrganisationThreshold, forKey: .committeeOrganisationThreshold)
        try c.encode(partyGroupThreshold, forKey: .partyGroupThreshold)
        try c.encode(maxPartyGroupSize, forKey: .maxPartyGroupSize)
        try c.encode(branchTermYears, forKey: .branchTermYears)
        try c.encode(longTermYears, forKey: .longTermYears)
        try c.encode(termReminderMonths, forKey: .termReminderMonths)
        try c.encode(duesArrearsWarningMonths, forKey: .duesArrearsWarningMonths)
        try c.encode(duesArrearsCriticalMonths, forKey: .duesArrearsCriticalMonths)
        try c.encode(dues, forKey: .dues)
        try c.encode(secretaryVacantMonths, forKey: .secretaryVacantMonths)
        try c.encode(checkGraceDays, forKey: .checkGraceDays)
        try c.encode(funds, forKey: .funds)
        try c.encode(talksPerYear, forKey: .talksPerYear)
        try c.encode(unexcusedAbsenceMonths, forKey: .unexcusedAbsenceMonths)
        try c.encode(pioneer, forKey: .pioneer)
        try c.encode(development, forKey: .development)
    }
}
