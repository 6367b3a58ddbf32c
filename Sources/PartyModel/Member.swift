public enum MemberStatus: String, CodedEnum {
    case full          // 正式党员
    case probationary  // 预备党员
}

public enum MemberRole: String, CodedEnum {
    case secretary, deputySecretary, committeeMember, groupLeader, member
}

/// One entry of a branch's roster (花名册). Rosters are optional per branch.
public struct Member: Codable, Hashable, Sendable {
    public var id: String
    public var name: String
    public var branchId: String
    public var status: MemberStatus
    public var role: MemberRole
    public var partyGroupId: String?
    public var joinDate: Day?
    /// Year (as "2026") → months of dues paid in that year.
    public var duesMonthsPaid: [String: Int]
    /// Year (as "2026") → training hours in that year.
    public var trainingHours: [String: Double]

    public init(id: String, name: String, branchId: String, status: MemberStatus = .full, role: MemberRole = .member,
                partyGroupId: String? = nil, joinDate: Day? = nil,
                duesMonthsPaid: [String: Int] = [:], trainingHours: [String: Double] = [:]) {
        self.id = id; self.name = name; self.branchId = branchId; self.status = status; self.role = role
        self.partyGroupId = partyGroupId; self.joinDate = joinDate
        self.duesMonthsPaid = duesMonthsPaid; self.trainingHours = trainingHours
    }

    enum CodingKeys: String, CodingKey {
        case id, name, branchId, status, role, partyGroupId, joinDate, duesMonthsPaid, trainingHours
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        name = try c.decode(String.self, forKey: .name)
        branchId = try c.decode(String.self, forKey: .branchId)
        status = try c.value(.status, default: .full)
        role = try c.value(.role, default: .member)
        partyGroupId = try c.decodeIfPresent(String.self, forKey: .partyGroupId)
        joinDate = try c.decodeIfPresent(Day.self, forKey: .joinDate)
        duesMonthsPaid = try c.value(.duesMonthsPaid, default: [:])
        trainingHours = try c.value(.trainingHours, default: [:])
    }
}
