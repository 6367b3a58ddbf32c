/// Kinds of organisational activity kept in the ledger. The first four are 三会一课.
public enum ActivityKind: String, CodedEnum {
    case generalMeeting            // 支部党员大会
    case committeeMeeting          // 支委会
    case groupMeeting              // 党小组会
    case partyLesson               // 党课
    case themedPartyDay            // 主题党日
    case organisationalLifeMeeting // 组织生活会
    case democraticReview          // 民主评议党员
    case studySession              // 集中学习研讨
    case training                  // 培训
    case talk                      // 谈心谈话
    case other                     // 其他

    /// 三会一课.
    public static let threeMeetingsOneLesson: [ActivityKind] = [.generalMeeting, .committeeMeeting, .groupMeeting, .partyLesson]

    /// Its place in `allCases`. The ledger's counts are reached by it, and a dictionary keyed by kind
    /// hashes it: a String-coded enum otherwise hashes (and is looked up by) its raw value, which
    /// was a tenth of a county's rescore.
    public var ordinal: Int {
        switch self {
        case .generalMeeting: 0
        case .committeeMeeting: 1
        case .groupMeeting: 2
        case .partyLesson: 3
        case .themedPartyDay: 4
        case .organisationalLifeMeeting: 5
        case .democraticReview: 6
        case .studySession: 7
        case .training: 8
        case .talk: 9
        case .other: 10
        }
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(ordinal) }
}

public struct Activity: Codable, Hashable, Sendable {
    public var id: String
    public var branchId: String
    public var kind: ActivityKind
    public var date: Day
    public var title: String
    /// Training hours per attendee (for training and study).
    public var hours: Double?
    public var attended: Int?
    public var expected: Int?
    /// The party group, for group meetings.
    public var partyGroupId: String?
    /// 主讲人, for party lessons (the secretary must give one a year).
    public var lecturer: String?
    public var notes: String?
    /// 地点 and 主持人: with the date, attendance and content, the 纪实 of 三会一课 records where the
    /// meeting was held and who presided. Free text, one line; absent in files written before they existed.
    public var place: String?
    public var host: String?
    /// 签到: who of the branch's roster attended and who was absent, with a reason. With a list,
    /// attended and expected are counted from it (`headcount`); absent in files written before it.
    public var attendance: [AttendanceEntry]?
    /// 谈心谈话 (`talk` only): the people who talked, members of the workspace or others by name;
    /// the topic is the title.
    public var participants: [TalkParticipant]?

    public init(id: String, branchId: String, kind: ActivityKind, date: Day, title: String, hours: Double? = nil,
                attended: Int? = nil, expected: Int? = nil, partyGroupId: String? = nil, lecturer: String? = nil, notes: String? = nil,
                place: String? = nil, host: String? = nil, attendance: [AttendanceEntry]? = nil, participants: [TalkParticipant]? = nil) {
        self.id = id; self.branchId = branchId; self.kind = kind; self.date = date; self.title = title
        self.hours = hours; self.attended = attended; self.expected = expected
        self.partyGroupId = partyGroupId; self.lecturer = lecturer; self.notes = notes
        self.place = place; self.host = host; self.attendance = attendance; self.participants = participants
    }
}
