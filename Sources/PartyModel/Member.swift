public enum MemberStatus: String, CodedEnum {
    case full          // 正式党员
    case probationary  // 预备党员
}

public enum MemberRole: String, CodedEnum {
    case secretary, deputySecretary, committeeMember, groupLeader, member

    /// 书记, 副书记 and 支委: the 班子 whose training requirement is `trainingHoursForLeaders`.
    public var isLeader: Bool { self == .secretary || self == .deputySecretary || self == .committeeMember }
}

public enum Gender: String, CodedEnum {
    case male    // 男
    case female  // 女
}

/// Why a member left the roster (the record stays: a roster never deletes anyone).
public enum LeaveReason: String, CodedEnum {
    case transferredOut  // 转出 (组织关系转出本党委)
    case died            // 去世
    case expelled        // 出党 (开除党籍, 除名, 自行脱党, 劝退)
    case other           // 其他
    case probationCancelled  // 取消预备党员资格 (发展党员, issue 19)
}

/// One end of a move of 组织关系: a branch of this workspace, or somewhere outside it (free text:
/// the organisation named on the letter). JSON: `{"branchId": "b-3"}` or `{"outside": "某县委组织部"}`.
public enum TransferEnd: Hashable, Sendable, Codable {
    case branch(String)
    case outside(String)

    /// The branch of this workspace, if that is where this end is.
    public var branchId: String? {
        if case .branch(let id) = self { return id }
        return nil
    }

    enum CodingKeys: String, CodingKey { case branchId, outside }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let id = try c.decodeIfPresent(String.self, forKey: .branchId) {
            guard !c.contains(.outside) else {
                throw DecodingError.dataCorruptedError(forKey: .outside, in: c, debugDescription: "either branchId or outside, not both")
            }
            self = .branch(id)
        } else {
            self = .outside(try c.decode(String.self, forKey: .outside))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .branch(let id): try c.encode(id, forKey: .branchId)
        case .outside(let text): try c.encode(text, forKey: .outside)
        }
    }
}

/// 组织关系转接: one move, effective on `date` (the member belongs to `to` from that day on).
public struct Transfer: Codable, Hashable, Sendable {
    public var date: Day
    public var from: TransferEnd
    public var to: TransferEnd
    /// 介绍信编号 (the letter's number), when there is one.
    public var letterNumber: String?

    public init(date: Day, from: TransferEnd, to: TransferEnd, letterNumber: String? = nil) {
        self.date = date; self.from = from; self.to = to; self.letterNumber = letterNumber
    }
}

/// 流动党员: a member living or working away from their branch, and where.
public struct MobileMembership: Codable, Hashable, Sendable {
    /// 流动去向 (free text, one line).
    public var place: String
    public var since: Day?

    public init(place: String, since: Day? = nil) { self.place = place; self.since = since }

    enum CodingKeys: String, CodingKey { case place = "where", since }
}

/// One entry of a branch's roster (花名册). Rosters are optional per branch; a branch's member counts
/// come from its roster only when it says so (`Branch.countsFromRoster`, see `MemberLedger`).
public struct Member: Codable, Hashable, Sendable {
    public var id: String
    public var name: String
    /// The branch whose file the record lives in: the member's branch now, or the last one they
    /// were in (a member who left stays filed there). With `transfers`, the last move ends here.
    public var branchId: String
    /// The status as recorded. On a given day `status(on:)` decides, from `probationEnds`.
    public var status: MemberStatus
    public var role: MemberRole
    public var partyGroupId: String?
    /// 入党日期.
    public var joinDate: Day?
    public var gender: Gender?
    public var birthDate: Day?
    /// 学历 (free text: 大学本科, 研究生, …).
    public var education: String?
    public var phone: String?
    /// The day the 支部大会 accepted them as a probationary member: a member from that day, and dues
    /// are owed from its month (关于党费收缴、使用和管理的规定 2008). Without it, `joinDate` is used.
    public var acceptedOn: Day?
    /// 预备期 end: the acceptance day + 1 year (later when the 预备期 was extended). A probationary
    /// member is full from this day on; before it a member is probationary whatever `status` says.
    public var probationEnds: Day?
    /// Dues category and base; nil when not recorded (the monthly due is then unknown).
    public var dues: DuesCategory?
    /// 流动党员: where they are.
    public var mobile: MobileMembership?
    /// The day they left the roster (not counted from this day on), and why.
    public var leftOn: Day?
    public var leftReason: LeaveReason?
    /// 组织关系转接, oldest first: the member's branch on any day follows from these (`branch(on:)`).
    public var transfers: [Transfer]

    /// Schema 3's `duesMonthsPaid` (year → months paid) and `trainingHours` (year → hours), read from
    /// old files only: the store turns them into dues payments and training entries when it loads
    /// (`Workspace.migrateLegacyMemberFields`) and never writes them.
    public var legacyDuesMonthsPaid: [String: Int] = [:]
    public var legacyTrainingHours: [String: Double] = [:]

    public init(id: String, name: String, branchId: String, status: MemberStatus = .full, role: MemberRole = .member,
                partyGroupId: String? = nil, joinDate: Day? = nil, gender: Gender? = nil, birthDate: Day? = nil,
                education: String? = nil, phone: String? = nil, acceptedOn: Day? = nil, probationEnds: Day? = nil,
                dues: DuesCategory? = nil, mobile: MobileMembership? = nil, leftOn: Day? = nil, leftReason: LeaveReason? = nil,
                transfers: [Transfer] = []) {
        self.id = id; self.name = name; self.branchId = branchId; self.status = status; self.role = role
        self.partyGroupId = partyGroupId; self.joinDate = joinDate
        self.gender = gender; self.birthDate = birthDate; self.education = education; self.phone = phone
        self.acceptedOn = acceptedOn; self.probationEnds = probationEnds; self.dues = dues; self.mobile = mobile
        self.leftOn = leftOn; self.leftReason = leftReason; self.transfers = transfers
    }

    /// Whether the record still holds schema 3's per-year dues or hours (a file not yet migrated).
    public var hasLegacyFields: Bool { !legacyDuesMonthsPaid.isEmpty || !legacyTrainingHours.isEmpty }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, name, branchId, status, role, partyGroupId, joinDate, gender, birthDate, education, phone
        case acceptedOn, probationEnds, dues, mobile, leftOn, leftReason, transfers
        case duesMonthsPaid, trainingHours
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
        gender = try c.decodeIfPresent(Gender.self, forKey: .gender)
        birthDate = try c.decodeIfPresent(Day.self, forKey: .birthDate)
        education = try c.decodeIfPresent(String.self, forKey: .education)
        phone = try c.decodeIfPresent(String.self, forKey: .phone)
        acceptedOn = try c.decodeIfPresent(Day.self, forKey: .acceptedOn)
        probationEnds = try c.decodeIfPresent(Day.self, forKey: .probationEnds)
        dues = try c.decodeIfPresent(DuesCategory.self, forKey: .dues)
        mobile = try c.decodeIfPresent(MobileMembership.self, forKey: .mobile)
        leftOn = try c.decodeIfPresent(Day.self, forKey: .leftOn)
        leftReason = try c.decodeIfPresent(LeaveReason.self, forKey: .leftReason)
        transfers = try c.value(.transfers, default: [])
        legacyDuesMonthsPaid = try c.value(.duesMonthsPaid, default: [:])
        legacyTrainingHours = try c.value(.trainingHours, default: [:])
    }

    /// Optional fields are left out when empty; the legacy keys are never written.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encode(branchId, forKey: .branchId)
        try c.encode(status, forKey: .status)
        try c.encode(role, forKey: .role)
        try c.encodeIfPresent(partyGroupId, forKey: .partyGroupId)
        try c.encodeIfPresent(joinDate, forKey: .joinDate)
        try c.encodeIfPresent(gender, forKey: .gender)
        try c.encodeIfPresent(birthDate, forKey: .birthDate)
        try c.encodeIfPresent(education, forKey: .education)
        try c.encodeIfPresent(phone, forKey: .phone)
        try c.encodeIfPresent(acceptedOn, forKey: .acceptedOn)
        try c.encodeIfPresent(probationEnds, forKey: .probationEnds)
        try c.encodeIfPresent(dues, forKey: .dues)
        try c.encodeIfPresent(mobile, forKey: .mobile)
        try c.encodeIfPresent(leftOn, forKey: .leftOn)
        try c.encodeIfPresent(leftReason, forKey: .leftReason)
        if !transfers.isEmpty { try c.encode(transfers, forKey: .transfers) }
    }
}

// MARK: The member on a given day

extension Member {
    /// The first day they count as a member: accepted by the 支部大会, else the join date; nil when
    /// neither is recorded (then a member on every day before they left).
    public var memberSince: Day? { acceptedOn ?? joinDate }

    /// The 预备期's end: `probationEnds`, else for a probationary member one year after acceptance.
    public var probationEnd: Day? {
        probationEnds ?? (status == .probationary ? acceptedOn.map { $0.adding(months: 12) } : nil)
    }

    /// The branch of this workspace the member belonged to on `day`, or nil (not yet a member,
    /// left, or outside the workspace that day). The one rule every per-member figure follows:
    /// from the transfers when there are any (before the first move, its `from`; each move takes
    /// effect on its date), else `branchId`; never before `memberSince`, never from `leftOn` on.
    public func branch(on day: Day) -> String? {
        if let since = memberSince, day < since { return nil }
        if let left = leftOn, day >= left { return nil }
        guard let first = transfers.first else { return branchId }
        var current = first.from.branchId
        for move in transfers {
            guard move.date <= day else { break }
            current = move.to.branchId
        }
        return current
    }

    /// Whether the member is on `branchId`'s roster on `day`.
    public func isOnRoster(of branchId: String, on day: Day) -> Bool { branch(on: day) == branchId }

    /// Every branch of the workspace the member's history names (their file's branch first).
    public var branchesNamed: [String] {
        var ids = [branchId]
        for move in transfers {
            for id in [move.from.branchId, move.to.branchId] { if let id, !ids.contains(id) { ids.append(id) } }
        }
        return ids
    }

    /// 正式 or 预备 on `day`: probationary before the 预备期 ends, full from that day on; the
    /// recorded status when no end is known.
    public func status(on day: Day) -> MemberStatus {
        if let end = probationEnd { return day < end ? .probationary : .full }
        return status
    }

    /// The training hours a year the rules require of this member: `trainingHoursForLeaders` for
    /// 书记, 副书记 and 支委, else `trainingHoursPerMember`.
    public func requiredTrainingHours(_ rules: Rules) -> Double {
        role.isLeader ? rules.trainingHoursForLeaders : rules.trainingHoursPerMember
    }
}
