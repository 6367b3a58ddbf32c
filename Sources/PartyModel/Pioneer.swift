/// Where a 先锋指数 item's points come from.
public enum PioneerSource: String, CodedEnum {
    /// 参加组织生活: present / listed at the 组织生活 (三会一课, 主题党日, 组织生活会) with attendance lists
    /// in the year; an absence 因公 is not counted against the member.
    case attendance
    /// 学习培训: the year's training hours against the member's requirement (32 h; 56 h for the 班子).
    case training
    /// 按时交纳党费: the year's months owed (and ended) that were paid by the month's end.
    case dues
    /// 谈心谈话: talks with the secretary or a committee member against `talksPerYear`.
    case talks
    /// 民主评议: the year's grade, as the scheme's `reviewGrades` rate it.
    case review
    /// Points recorded for the member (志愿服务, 表彰奖励 …: `pioneer/YYYY/BRANCH.json`).
    case manual
}

/// One item of the 先锋指数 scheme: up to `max` points from `source`.
public struct PioneerItem: Codable, Hashable, Sendable {
    public var id: String
    public var title: String
    public var max: Double
    public var source: PioneerSource

    public init(id: String, title: String, max: Double, source: PioneerSource) {
        self.id = id; self.title = title; self.max = max; self.source = source
    }
}

/// The 先锋指数 (seed 004: "实行'先锋指数'评价管理"), as data (`rules.pioneer` in workspace.json):
/// items with their maximum points, and what each 民主评议 grade is worth. A member's index is
/// `scale` × Σ points / Σ max over the items that can be judged for them that year (an item
/// without data — no attendance list, no 党费 ledger, no review result — is left out rather than
/// counted as 0, so nobody loses points for records the branch does not keep).
public struct PioneerScheme: Codable, Hashable, Sendable {
    public var scale: Double = 100
    public var items: [PioneerItem] = PioneerScheme.defaultItems
    /// The share of an item's points each 民主评议 grade earns.
    public var reviewGrades: [ReviewGrade: Double] = PioneerScheme.defaultReviewGrades

    public static let defaultItems = [
        PioneerItem(id: "attendance", title: "参加组织生活", max: 30, source: .attendance),
        PioneerItem(id: "training", title: "学习培训", max: 20, source: .training),
        PioneerItem(id: "dues", title: "按时交纳党费", max: 15, source: .dues),
        PioneerItem(id: "talks", title: "谈心谈话", max: 10, source: .talks),
        PioneerItem(id: "review", title: "民主评议", max: 15, source: .review),
        PioneerItem(id: "volunteer", title: "志愿服务", max: 5, source: .manual),
        PioneerItem(id: "honours", title: "表彰奖励", max: 5, source: .manual),
    ]
    public static let defaultReviewGrades: [ReviewGrade: Double] = [.excellent: 1, .qualified: 0.8, .basicallyQualified: 0.5, .unqualified: 0]

    public init() {}

    public func item(_ id: String) -> PioneerItem? { items.first { $0.id == id } }

    enum CodingKeys: String, CodingKey, CaseIterable { case scale, items, reviewGrades }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = PioneerScheme()
        scale = try c.value(.scale, default: d.scale)
        items = try c.value(.items, default: d.items)
        var grades = d.reviewGrades
        for (code, share) in try c.value(.reviewGrades, default: [String: Double]()).sorted(by: { $0.key < $1.key }) {
            guard let grade = ReviewGrade(rawValue: code) else {
                throw DecodingError.dataCorrupted(.init(
                    codingPath: c.codingPath + [CodingKeys.reviewGrades], debugDescription: "unknown code \"\(code)\"",
                    underlyingError: ValueProblem.unknownCode(code, allowed: ReviewGrade.allCases.map(\.rawValue))))
            }
            grades[grade] = share
        }
        reviewGrades = grades
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(scale, forKey: .scale)
        try c.encode(items, forKey: .items)
        try c.encode(Dictionary(uniqueKeysWithValues: reviewGrades.map { ($0.key.rawValue, $0.value) }), forKey: .reviewGrades)
    }
}

/// Points of a manual 先锋指数 item recorded for a member (志愿服务 4 h → 2 points, 县级表彰 → 5).
/// Kept in `pioneer/YYYY/BRANCH.json` with the branch that recorded them, by the year of `date`.
public struct PioneerPoints: Codable, Hashable, Sendable {
    public var id: String
    public var memberId: String
    public var branchId: String
    /// A `manual` item of `rules.pioneer`.
    public var itemId: String
    public var date: Day
    public var points: Double
    public var note: String?

    public init(id: String, memberId: String, branchId: String, itemId: String, date: Day, points: Double, note: String? = nil) {
        self.id = id; self.memberId = memberId; self.branchId = branchId; self.itemId = itemId
        self.date = date; self.points = points; self.note = note
    }
}

/// One item of a member's 先锋指数.
public struct PioneerItemScore: Hashable, Sendable {
    public var item: PioneerItem
    /// Points earned (0 … max); nil when the item cannot be judged for the member (no data).
    public var points: Double?
    /// The figures behind the points: present / listed (因公 left out), hours / required, months paid
    /// on time / months owed, talks / `talksPerYear`, points recorded / max; nil when not judged.
    public var value: Double?
    public var outOf: Double?
    /// The 民主评议 grade, for a review item.
    public var grade: ReviewGrade?
}

/// A member's 先锋指数 for a year: `total` on the scheme's scale (0 … 100 by default), and each item.
public struct PioneerIndex: Hashable, Sendable {
    public var memberId: String
    public var year: Int
    public var total: Double
    public var items: [PioneerItemScore]
    /// Σ max of the items judged (their points over it make the index).
    public var judgedMax: Double
    /// Whether any item could be judged (a member of whom nothing is known has none: total 0).
    public var judged: Bool { judgedMax > 0 }
}

/// A member's place in their branch's 先锋指数 ranking (1 = highest; equal totals share a place).
public struct PioneerRank: Hashable, Sendable {
    public var member: Member
    public var index: PioneerIndex
    public var rank: Int
}
