/// Why a member was absent from an activity (签到表的缺席原因).
public enum AbsenceReason: String, CodedEnum {
    case leave      // 请假
    case onDuty     // 因公
    case sick       // 病假
    case unexcused  // 无故

    /// A reason the branch accepted: every one but 无故.
    public var isExcused: Bool { self != .unexcused }
}

/// One line of an activity's attendance list (签到): a member of the branch's roster on the
/// activity's day, present or absent with a reason. An absence without a recorded reason is taken
/// as 无故 (nothing excuses it); a present member has no reason.
public struct AttendanceEntry: Codable, Hashable, Sendable {
    public var memberId: String
    public var present: Bool
    public var absenceReason: AbsenceReason?

    public init(memberId: String, present: Bool, absenceReason: AbsenceReason? = nil) {
        self.memberId = memberId; self.present = present; self.absenceReason = absenceReason
    }

    /// An absence nothing excuses: absent with 无故, or with no reason recorded.
    public var isUnexcusedAbsence: Bool { !present && (absenceReason ?? .unexcused) == .unexcused }
}

/// One person in a 谈心谈话: a member of the workspace (`memberId`, with the name as it was then)
/// or someone outside it (a name only: 上级党委书记, 联系领导).
public struct TalkParticipant: Codable, Hashable, Sendable {
    public var memberId: String?
    public var name: String

    public init(memberId: String? = nil, name: String) { self.memberId = memberId; self.name = name }
}

/// How many attended an activity and how many were expected, and where the figures come from.
public struct Headcount: Hashable, Sendable {
    public var attended: Int?
    public var expected: Int?
    /// Counted from the attendance list (签到表); else the counts as entered.
    public var fromList: Bool

    public init(attended: Int?, expected: Int?, fromList: Bool) {
        self.attended = attended; self.expected = expected; self.fromList = fromList
    }
}

extension Activity {
    /// Attended and expected: the one place every figure, rule, sheet and report asks. With an
    /// attendance list, counted from it (expected = its lines, attended = those present; the
    /// entered `attended`/`expected` are then not read); without one, the entered counts.
    public var headcount: Headcount {
        guard let list = attendance else { return Headcount(attended: attended, expected: expected, fromList: false) }
        var present = 0
        for entry in list where entry.present { present += 1 }
        return Headcount(attended: present, expected: list.count, fromList: true)
    }

    /// The list's line for a member, if the activity has a list and names them.
    public func attendanceEntry(of memberId: String) -> AttendanceEntry? {
        attendance?.first { $0.memberId == memberId }
    }
}

extension ActivityKind {
    /// 组织生活: the 三会一课 kinds, 主题党日 and 组织生活会 — what the 6-month rule of 党章 Art. 9
    /// counts a member's absences from.
    public static let organisationalLife: Set<ActivityKind> = Set(threeMeetingsOneLesson + [.themedPartyDay, .organisationalLifeMeeting])

    public var isOrganisationalLife: Bool { Self.organisationalLife.contains(self) }
}
