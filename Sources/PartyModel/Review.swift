/// 民主评议党员 grades.
public enum ReviewGrade: String, CodedEnum {
    case excellent           // 优秀
    case qualified           // 合格
    case basicallyQualified  // 基本合格
    case unqualified         // 不合格
}

/// One member's 民主评议党员 result for a year, recorded with the branch's 民主评议 meeting. A
/// 不合格 result asks for 处置不合格党员 (限期改正, 劝其退党, 除名 …): until its `outcome` is
/// recorded it is an alert. Kept in `reviews/YYYY/BRANCH.json` with the branch that held the review.
public struct ReviewResult: Codable, Hashable, Sendable {
    public var id: String
    public var memberId: String
    /// The branch that held the review (the member's on the meeting's day).
    public var branchId: String
    /// The year reviewed.
    public var year: Int
    public var grade: ReviewGrade
    /// The 民主评议党员 activity (meeting) it was recorded with, when the ledger has it.
    public var activityId: String?
    public var note: String?
    /// 处置不合格党员: what the branch decided and did (for a 不合格 result), and when.
    public var outcome: String?
    public var outcomeOn: Day?

    public init(id: String, memberId: String, branchId: String, year: Int, grade: ReviewGrade, activityId: String? = nil,
                note: String? = nil, outcome: String? = nil, outcomeOn: Day? = nil) {
        self.id = id; self.memberId = memberId; self.branchId = branchId; self.year = year; self.grade = grade
        self.activityId = activityId; self.note = note; self.outcome = outcome; self.outcomeOn = outcomeOn
    }

    /// A 不合格 result whose 处置 is not recorded yet (an outcome of only spaces is none).
    public var needsFollowUp: Bool {
        grade == .unqualified && (outcome?.trimmingWhitespace().isEmpty ?? true)
    }
}
