/// One line of the quarterly check template (季度检查/督导 评分表).
public struct CheckItem: Codable, Hashable, Sendable {
    public var id: String
    /// A scoring category id (五强), for grouping on screen.
    public var category: String
    public var title: String
    public var maxPoints: Double
    /// What the inspectors look at.
    public var guidance: String

    public init(id: String, category: String, title: String, maxPoints: Double, guidance: String) {
        self.id = id; self.category = category; self.title = title; self.maxPoints = maxPoints; self.guidance = guidance
    }
}

public struct CheckTemplate: Codable, Hashable, Sendable {
    public var items: [CheckItem]

    public init(items: [CheckItem]) { self.items = items }

    public var totalPoints: Double { items.reduce(0) { $0 + $1.maxPoints } }
    public func item(_ id: String) -> CheckItem? { items.first { $0.id == id } }
}

/// One quarterly supervision check of one branch. Its findings are the rectifications whose
/// `sourceCheckId` is this check's id (one place holds each finding).
public struct QuarterlyCheck: Codable, Hashable, Sendable {
    public var id: String
    public var branchId: String
    public var year: Int
    public var quarter: Int
    public var date: Day
    public var inspectors: [String]
    /// Template item id → points awarded (0 … max, in steps of 0.5).
    public var points: [String: Double]
    /// Whether the secretary's quarterly report (书记季度报告) was received.
    public var reportReceived: Bool
    public var notes: String?

    public init(id: String, branchId: String, year: Int, quarter: Int, date: Day, inspectors: [String] = [],
                points: [String: Double] = [:], reportReceived: Bool = false, notes: String? = nil) {
        self.id = id; self.branchId = branchId; self.year = year; self.quarter = quarter; self.date = date
        self.inspectors = inspectors; self.points = points; self.reportReceived = reportReceived; self.notes = notes
    }

    public var period: Quarter? { Quarter(year: year, number: quarter) }
    public var totalPoints: Double { points.values.reduce(0, +) }

    enum CodingKeys: String, CodingKey { case id, branchId, year, quarter, date, inspectors, points, reportReceived, notes }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        branchId = try c.decode(String.self, forKey: .branchId)
        year = try c.decode(Int.self, forKey: .year)
        quarter = try c.decode(Int.self, forKey: .quarter)
        date = try c.decode(Day.self, forKey: .date)
        inspectors = try c.value(.inspectors, default: [])
        points = try c.value(.points, default: [:])
        reportReceived = try c.value(.reportReceived, default: false)
        notes = try c.decodeIfPresent(String.self, forKey: .notes)
    }
}

/// Where a branch's check for a quarter stands: 未检查 / 已检查 / 有未销号问题.
public enum CheckState: String, CodedEnum {
    case notChecked, checked, findingsOpen
}

extension ScoringEngine {
    /// The state of a branch's check for a quarter as of a day, with the check and its findings.
    public func checkStatus(branch: String, quarter: Quarter, asOf: Day) -> (state: CheckState, check: QuarterlyCheck?, findings: [Rectification]) {
        guard let check = check(branch: branch, quarter: quarter) else { return (.notChecked, nil, []) }
        let findings = findings(of: check.id)
        let open = findings.contains { ($0.status(on: asOf) ?? .closed) != .closed }
        return (open ? .findingsOpen : .checked, check, findings)
    }
}
