/// Every threshold the rules use, with the defaults of DESIGN §2. Stored in `workspace.json`;
/// a missing key takes its default, so a workspace only lists what it changes.
public struct Rules: Codable, Hashable, Sendable {
    // 三会一课 and 主题党日, per quarter (条例 2018).
    public var generalMeetingsPerQuarter = 1
    public var committeeMeetingsPerQuarter = 3
    public var groupMeetingsPerGroupPerQuarter = 3
    public var partyLessonsPerQuarter = 1
    public var themedPartyDaysPerQuarter = 3
    // Yearly.
    public var organisationalLifeMeetingsPerYear = 1
    public var democraticReviewsPerYear = 1
    public var studySessionsPerYear = 8          // seed 000
    public var trainingHoursPerMember = 32.0     // seed 000, 001
    public var trainingHoursForLeaders = 56.0    // seed 001
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
    public var secretaryVacantMonths = 3
    // Funds (seed 004).
    public var activityFundsPerMember = 800.0

    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable {
        case generalMeetingsPerQuarter, committeeMeetingsPerQuarter, groupMeetingsPerGroupPerQuarter
        case partyLessonsPerQuarter, themedPartyDaysPerQuarter, organisationalLifeMeetingsPerYear
        case democraticReviewsPerYear, studySessionsPerYear, trainingHoursPerMember, trainingHoursForLeaders
        case minFullMembers, committeeThreshold, maxBranchMembers, committeeOrganisationThreshold
        case partyGroupThreshold, maxPartyGroupSize, branchTermYears, longTermYears, termReminderMonths
        case duesArrearsWarningMonths, duesArrearsCriticalMonths, secretaryVacantMonths, activityFundsPerMember
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = Rules()
        generalMeetingsPerQuarter = try c.value(.generalMeetingsPerQuarter, default: d.generalMeetingsPerQuarter)
        committeeMeetingsPerQuarter = try c.value(.committeeMeetingsPerQuarter, default: d.committeeMeetingsPerQuarter)
        groupMeetingsPerGroupPerQuarter = try c.value(.groupMeetingsPerGroupPerQuarter, default: d.groupMeetingsPerGroupPerQuarter)
        partyLessonsPerQuarter = try c.value(.partyLessonsPerQuarter, default: d.partyLessonsPerQuarter)
        themedPartyDaysPerQuarter = try c.value(.themedPartyDaysPerQuarter, default: d.themedPartyDaysPerQuarter)
        organisationalLifeMeetingsPerYear = try c.value(.organisationalLifeMeetingsPerYear, default: d.organisationalLifeMeetingsPerYear)
        democraticReviewsPerYear = try c.value(.democraticReviewsPerYear, default: d.democraticReviewsPerYear)
        studySessionsPerYear = try c.value(.studySessionsPerYear, default: d.studySessionsPerYear)
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
        secretaryVacantMonths = try c.value(.secretaryVacantMonths, default: d.secretaryVacantMonths)
        activityFundsPerMember = try c.value(.activityFundsPerMember, default: d.activityFundsPerMember)
    }
}
