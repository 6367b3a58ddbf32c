/// 行业/领域 of a branch, which decides its usual term length and reporting line.
public enum Sector: String, CodedEnum {
    case government      // 机关
    case school          // 学校
    case enterprise      // 企业
    case rural           // 农村
    case community       // 社区
    case newOrganisation // 两新组织
    case other           // 其他
}

/// 党委: the top organisation of a workspace.
public struct Committee: Codable, Hashable, Sendable {
    public var id: String
    public var name: String
    public var secretary: String?
    public var termStart: Day?
    public var termEnd: Day?
    public var notes: String?

    public init(id: String, name: String, secretary: String? = nil, termStart: Day? = nil, termEnd: Day? = nil, notes: String? = nil) {
        self.id = id; self.name = name; self.secretary = secretary
        self.termStart = termStart; self.termEnd = termEnd; self.notes = notes
    }
}

/// 党总支: contains branches.
public struct GeneralBranch: Codable, Hashable, Sendable {
    public var id: String
    public var name: String
    /// The committee's id.
    public var parentId: String
    public var secretary: String?
    public var termStart: Day?
    public var termEnd: Day?
    public var notes: String?

    public init(id: String, name: String, parentId: String, secretary: String? = nil,
                termStart: Day? = nil, termEnd: Day? = nil, notes: String? = nil) {
        self.id = id; self.name = name; self.parentId = parentId; self.secretary = secretary
        self.termStart = termStart; self.termEnd = termEnd; self.notes = notes
    }
}

/// 党小组.
public struct PartyGroup: Codable, Hashable, Sendable {
    public var id: String
    public var name: String
    public var leader: String?
    public var size: Int

    public init(id: String, name: String, leader: String? = nil, size: Int) {
        self.id = id; self.name = name; self.leader = leader; self.size = size
    }
}

/// 党支部: the unit that is checked and scored.
public struct Branch: Codable, Hashable, Sendable {
    public var id: String
    public var name: String
    /// A general branch's id, or the committee's for a branch directly under it (直属支部).
    public var parentId: String
    public var sector: Sector
    public var fullMembers: Int
    public var probationaryMembers: Int
    /// The branch keeps its roster here (花名册): its member counts on any day come from the members
    /// on it that day (`MemberLedger.counts`), and `fullMembers`/`probationaryMembers` are not read.
    public var countsFromRoster: Bool
    public var isJointBranch: Bool
    public var hasCommittee: Bool
    public var secretary: String?
    /// The day the secretary post fell vacant (kept while `secretary` is empty); without it the
    /// vacancy is counted from `termStart`.
    public var secretaryVacantSince: Day?
    public var deputySecretary: String?
    public var committeeMembers: [String]
    public var termStart: Day?
    public var termEnd: Day?
    public var contactLeader: String?
    public var partyGroups: [PartyGroup]
    /// Set when the branch was dissolved or merged; retired branches stay in the history.
    public var retiredOn: Day?
    public var notes: String?

    /// The entered counts' sum. Rules read a branch's members through `MemberLedger.counts(_:on:)`,
    /// which follows the roster when the branch keeps one.
    public var totalMembers: Int { fullMembers + probationaryMembers }

    public init(id: String, name: String, parentId: String, sector: Sector, fullMembers: Int,
                probationaryMembers: Int = 0, isJointBranch: Bool = false, hasCommittee: Bool = false,
                secretary: String? = nil, deputySecretary: String? = nil, committeeMembers: [String] = [],
                termStart: Day? = nil, termEnd: Day? = nil, contactLeader: String? = nil,
                partyGroups: [PartyGroup] = [], retiredOn: Day? = nil, secretaryVacantSince: Day? = nil, notes: String? = nil,
                countsFromRoster: Bool = false) {
        self.id = id; self.name = name; self.parentId = parentId; self.sector = sector
        self.fullMembers = fullMembers; self.probationaryMembers = probationaryMembers
        self.isJointBranch = isJointBranch; self.hasCommittee = hasCommittee
        self.secretary = secretary; self.deputySecretary = deputySecretary
        self.committeeMembers = committeeMembers; self.termStart = termStart; self.termEnd = termEnd
        self.contactLeader = contactLeader; self.partyGroups = partyGroups
        self.retiredOn = retiredOn; self.secretaryVacantSince = secretaryVacantSince; self.notes = notes
        self.countsFromRoster = countsFromRoster
    }

    enum CodingKeys: String, CodingKey {
        case id, name, parentId, sector, fullMembers, probationaryMembers, countsFromRoster, isJointBranch, hasCommittee
        case secretary, secretaryVacantSince, deputySecretary, committeeMembers, termStart, termEnd, contactLeader
        case partyGroups, retiredOn, notes
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        name = try c.decode(String.self, forKey: .name)
        parentId = try c.decode(String.self, forKey: .parentId)
        sector = try c.value(.sector, default: .other)
        fullMembers = try c.decode(Int.self, forKey: .fullMembers)
        probationaryMembers = try c.value(.probationaryMembers, default: 0)
        countsFromRoster = try c.value(.countsFromRoster, default: false)
        isJointBranch = try c.value(.isJointBranch, default: false)
        hasCommittee = try c.value(.hasCommittee, default: false)
        secretary = try c.decodeIfPresent(String.self, forKey: .secretary)
        secretaryVacantSince = try c.decodeIfPresent(Day.self, forKey: .secretaryVacantSince)
        deputySecretary = try c.decodeIfPresent(String.self, forKey: .deputySecretary)
        committeeMembers = try c.value(.committeeMembers, default: [])
        termStart = try c.decodeIfPresent(Day.self, forKey: .termStart)
        termEnd = try c.decodeIfPresent(Day.self, forKey: .termEnd)
        contactLeader = try c.decodeIfPresent(String.self, forKey: .contactLeader)
        partyGroups = try c.value(.partyGroups, default: [])
        retiredOn = try c.decodeIfPresent(Day.self, forKey: .retiredOn)
        notes = try c.decodeIfPresent(String.self, forKey: .notes)
    }
}

/// The organisation tree: committee → general branches → branches → party groups.
public struct Organisation: Codable, Hashable, Sendable {
    public var committee: Committee
    public var generalBranches: [GeneralBranch]
    public var branches: [Branch]

    public init(committee: Committee, generalBranches: [GeneralBranch] = [], branches: [Branch] = []) {
        self.committee = committee; self.generalBranches = generalBranches; self.branches = branches
    }

    /// Branches still in service (not retired).
    public var activeBranches: [Branch] { branches.filter { $0.retiredOn == nil } }

    /// Branches in service on `day` (retired after it, or not at all): the one rule for who is
    /// counted, scored and alerted in a period.
    public func branches(inServiceOn day: Day) -> [Branch] {
        branches.filter { $0.retiredOn.map { $0 > day } ?? true }
    }

    public func branches(under generalBranchId: String) -> [Branch] {
        activeBranches.filter { $0.parentId == generalBranchId }
    }
}
