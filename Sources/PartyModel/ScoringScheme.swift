/// 好 / 较好 / 一般 / 差.
public enum Grade: String, CodedEnum, Comparable {
    case good, fairlyGood, average, poor

    var order: Int { Grade.allCases.firstIndex(of: self)! }
    /// Better grades compare greater.
    public static func < (a: Grade, b: Grade) -> Bool { a.order > b.order }
}

public enum ScorePeriod: String, CodedEnum {
    case quarter, year
}

/// The compliance figures an item can draw on (`compliance:<metric>`).
public enum ComplianceMetric: String, CodedEnum {
    // Per quarter.
    case threeMeetingsOneLesson, themedPartyDay
    // Per year. `training`: with a roster, the share of members reaching their hours (the branch
    // average without one); `trainingAverage`: the branch's average hours against 32, roster or not;
    // `pioneerIndex`: the mean 先锋指数 of the branch's members over its scale (no default item uses it).
    case organisationalLifeMeeting, democraticReview, studySession, training, trainingAverage, pioneerIndex

    public var period: ScorePeriod {
        switch self {
        case .threeMeetingsOneLesson, .themedPartyDay: .quarter
        default: .year
        }
    }
}

/// Where an item's points come from.
public enum ItemSource: Hashable, Sendable, Codable, CustomStringConvertible {
    /// max × the compliance ratio.
    case compliance(ComplianceMetric)
    /// Points awarded for a template item in that quarter's check (0 without a check).
    case check(String)
    /// Points entered by the office for the branch and period (0 if none).
    case manual

    public init?(code: String) {
        if code == "manual" { self = .manual; return }
        if code.hasPrefix("compliance:"), let m = ComplianceMetric(rawValue: String(code.dropFirst(11))) { self = .compliance(m); return }
        if code.hasPrefix("check:"), code.count > 6 { self = .check(String(code.dropFirst(6))); return }
        return nil
    }

    public var description: String {
        switch self {
        case .compliance(let m): "compliance:\(m.rawValue)"
        case .check(let id): "check:\(id)"
        case .manual: "manual"
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let code = try c.decode(String.self)
        guard let source = ItemSource(code: code) else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: c.codingPath, debugDescription: "unknown source \(code)",
                underlyingError: ValueProblem.unknownCode(code, allowed: ["manual", "check:<itemId>"] + ComplianceMetric.allCases.map { "compliance:\($0.rawValue)" })))
        }
        self = source
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

public struct ScoreCategory: Codable, Hashable, Sendable {
    public var id: String
    public var name: String
    public init(id: String, name: String) { self.id = id; self.name = name }
}

public struct ScoreItem: Codable, Hashable, Sendable {
    public var id: String
    public var category: String
    public var title: String
    public var max: Double
    public var period: ScorePeriod
    public var source: ItemSource
    /// Why it weighs what it does (shown in docs and on screen).
    public var rationale: String?

    public init(id: String, category: String, title: String, max: Double, period: ScorePeriod, source: ItemSource, rationale: String? = nil) {
        self.id = id; self.category = category; self.title = title; self.max = max
        self.period = period; self.source = source; self.rationale = rationale
    }
}

public struct GradeBand: Codable, Hashable, Sendable {
    public var grade: Grade
    /// Lowest total (inclusive) for this grade.
    public var minimum: Double
    public init(grade: Grade, minimum: Double) { self.grade = grade; self.minimum = minimum }
}

public struct Deductions: Codable, Hashable, Sendable {
    public var perOverdueRectification: Double
    public var overdueRectificationCap: Double
    public var termOverdue: Double
    public init(perOverdueRectification: Double = 2, overdueRectificationCap: Double = 10, termOverdue: Double = 5) {
        self.perOverdueRectification = perOverdueRectification
        self.overdueRectificationCap = overdueRectificationCap
        self.termOverdue = termOverdue
    }
}

/// The 最强党支部 rule.
public struct StrongestRule: Codable, Hashable, Sendable {
    public var grade: Grade
    public var minimumCategoryShare: Double
    public var noOverdueRectification: Bool
    /// Year (as "2023") → target share of branches; later years use the latest listed.
    public var targets: [String: Double]

    public init(grade: Grade = .good, minimumCategoryShare: Double = 0.8, noOverdueRectification: Bool = true,
                targets: [String: Double] = ["2020": 0.2, "2021": 0.3, "2022": 0.4, "2023": 0.5]) {
        self.grade = grade; self.minimumCategoryShare = minimumCategoryShare
        self.noOverdueRectification = noOverdueRectification; self.targets = targets
    }

    /// The target for `year`: its own, else the latest earlier one, else the earliest.
    public func target(for year: Int) -> Double? {
        let listed = targets.compactMap { k, v in Int(k).map { ($0, v) } }.sorted { $0.0 < $1.0 }
        return listed.last { $0.0 <= year }?.1 ?? listed.first?.1
    }
}

/// `scoring.json`: the whole 考评 scheme as data.
public struct ScoringScheme: Codable, Hashable, Sendable {
    public var categories: [ScoreCategory]
    public var items: [ScoreItem]
    public var deductions: Deductions
    public var bonusCap: Double
    public var grades: [GradeBand]
    public var strongest: StrongestRule

    public init(categories: [ScoreCategory], items: [ScoreItem], deductions: Deductions = Deductions(), bonusCap: Double = 5,
                grades: [GradeBand], strongest: StrongestRule = StrongestRule()) {
        self.categories = categories; self.items = items; self.deductions = deductions; self.bonusCap = bonusCap
        self.grades = grades; self.strongest = strongest
    }

    public var totalMax: Double { items.reduce(0) { $0 + $1.max } }
    public var quarterItems: [ScoreItem] { items.filter { $0.period == .quarter } }
    public var yearItems: [ScoreItem] { items.filter { $0.period == .year } }
    // Sums without filtering first: a filter copies every item it keeps, and these are asked for
    // every branch scored.
    public var quarterMax: Double { items.reduce(0) { $1.period == .quarter ? $0 + $1.max : $0 } }
    public func categoryMax(_ id: String) -> Double { items.reduce(0) { $1.category == id ? $0 + $1.max : $0 } }

    /// The grade of a total, by the bands (highest minimum first).
    public func grade(for total: Double) -> Grade {
        var reached: (minimum: Double, grade: Grade)? = nil
        for band in grades where total >= band.minimum - 1e-9 && band.minimum > (reached?.minimum ?? -.infinity) {
            reached = (band.minimum, band.grade)
        }
        return reached?.grade ?? .poor
    }
}

/// Manual points for an item, a branch and a period (year items: quarter is nil).
public struct ManualScore: Codable, Hashable, Sendable {
    public var branchId: String
    public var itemId: String
    public var year: Int
    public var quarter: Int?
    public var points: Double
    public var note: String?

    public init(branchId: String, itemId: String, year: Int, quarter: Int? = nil, points: Double, note: String? = nil) {
        self.branchId = branchId; self.itemId = itemId; self.year = year; self.quarter = quarter; self.points = points; self.note = note
    }
}

/// 加分: extra points for a branch in a year (capped in total by the scheme).
public struct Bonus: Codable, Hashable, Sendable {
    public var branchId: String
    public var year: Int
    public var points: Double
    public var reason: String

    public init(branchId: String, year: Int, points: Double, reason: String) {
        self.branchId = branchId; self.year = year; self.points = points; self.reason = reason
    }
}
