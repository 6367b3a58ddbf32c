/// 经费: money allocated to (拨付) and spent by (支出) an organisation of the workspace — a branch, a
/// 党总支 or the 党委 itself. Kept in `funds/YYYY/ORG.json` by the year of its day.
public enum FundsDirection: String, CodedEnum {
    case allocated  // 拨付 (to the organisation)
    case spent      // 支出 (by it)
}

public enum FundsCategory: String, CodedEnum {
    case activity    // 党组织活动经费
    case duesReturn  // 党费返还 (下拨党费)
    case work        // 党建工作经费
    case other       // 其他
}

public struct FundsEntry: Codable, Hashable, Sendable {
    public var id: String
    public var date: Day
    /// The branch, 党总支 or 党委 the money went to or was spent by.
    public var organisationId: String
    /// 元, positive; the direction says which way.
    public var amount: Double
    public var direction: FundsDirection
    public var category: FundsCategory
    public var note: String?

    public init(id: String, date: Day, organisationId: String, amount: Double, direction: FundsDirection,
                category: FundsCategory, note: String? = nil) {
        self.id = id; self.date = date; self.organisationId = organisationId; self.amount = amount
        self.direction = direction; self.category = category; self.note = note
    }

    public var money: Money { Money(yuan: amount) }
}

/// A 经费 standard: at least `perMember` 元 a member a year and/or `perBranch` 元 a branch a year,
/// for the branches of `sectors` (all sectors when empty), counting the allocations of `categories`
/// (all when empty). Seed 004: 党建活动经费 800 元 a member a year (机关); seed 001: 每年每村不低于 4 万元.
public struct FundsStandard: Codable, Hashable, Sendable {
    public var id: String
    public var title: String
    public var perMember: Double?
    public var perBranch: Double?
    public var sectors: [Sector]
    public var categories: [FundsCategory]
    /// Where the standard comes from (a plan, a document).
    public var source: String?

    public init(id: String, title: String, perMember: Double? = nil, perBranch: Double? = nil, sectors: [Sector] = [],
                categories: [FundsCategory] = [], source: String? = nil) {
        self.id = id; self.title = title; self.perMember = perMember; self.perBranch = perBranch
        self.sectors = sectors; self.categories = categories; self.source = source
    }

    enum CodingKeys: String, CodingKey { case id, title, perMember, perBranch, sectors, categories, source }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        title = try c.decode(String.self, forKey: .title)
        perMember = try c.decodeIfPresent(Double.self, forKey: .perMember)
        perBranch = try c.decodeIfPresent(Double.self, forKey: .perBranch)
        sectors = try c.value(.sectors, default: [])
        categories = try c.value(.categories, default: [])
        source = try c.decodeIfPresent(String.self, forKey: .source)
    }

    public func applies(to branch: Branch) -> Bool { sectors.isEmpty || sectors.contains(branch.sector) }
    public func counts(_ entry: FundsEntry) -> Bool { categories.isEmpty || categories.contains(entry.category) }
}

/// `rules.funds`: the standards, and from which month of the year a branch allocated less than a
/// standard is an alert (7: from 1 July, the year's second half).
public struct FundsRules: Codable, Hashable, Sendable {
    public var standards: [FundsStandard] = FundsRules.defaultStandards
    public var alertFromMonth = 7

    public static let defaultStandards = [
        FundsStandard(id: "activity-per-member", title: "党组织活动经费", perMember: 800, sectors: [.government],
                      categories: [.activity], source: "seed 004: 党建活动经费新标准 (每人每年800元)"),
        FundsStandard(id: "village-per-year", title: "村级党建经费", perBranch: 40_000, sectors: [.rural],
                      source: "seed 001: 党建经费每年每村不低于4万元"),
    ]

    public init() {}
    public init(standards: [FundsStandard], alertFromMonth: Int = 7) { self.standards = standards; self.alertFromMonth = alertFromMonth }

    enum CodingKeys: String, CodingKey { case standards, alertFromMonth }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        standards = try c.value(.standards, default: Self.defaultStandards)
        alertFromMonth = try c.value(.alertFromMonth, default: 7)
    }
}

/// One standard's figures for one branch in a year.
public struct FundsStandardFigure: Hashable, Sendable {
    public var standard: FundsStandard
    /// Members counted for a per-member standard (the branch's on the day judged).
    public var members: Int
    public var required: Money
    /// The allocations in the standard's categories, in the year up to the day.
    public var allocated: Money
    public var met: Bool { allocated >= required }
}

/// A branch's (or any organisation's) funds in a year up to a day.
public struct FundsFigures: Hashable, Sendable {
    public var organisationId: String
    public var year: Int
    public var allocated: Money
    public var spent: Money
    public var balance: Money { allocated - spent }
    /// The standards that apply to it (branches only).
    public var standards: [FundsStandardFigure]
    /// Σ of the standards' required amounts (nil when none applies).
    public var required: Money? { standards.isEmpty ? nil : standards.reduce(Money.zero) { $0 + $1.required } }
    public var belowStandard: [FundsStandardFigure] { standards.filter { !$0.met } }

    public init(organisationId: String, year: Int, allocated: Money, spent: Money, standards: [FundsStandardFigure]) {
        self.organisationId = organisationId; self.year = year; self.allocated = allocated; self.spent = spent; self.standards = standards
    }
}

/// The funds ledger, worked out from the entries; pure.
public struct FundsLedger: Sendable {
    public let rules: FundsRules
    let byOrganisation: [String: [FundsEntry]]

    public init(_ workspace: Workspace) {
        rules = workspace.settings.rules.funds
        byOrganisation = Dictionary(grouping: workspace.funds, by: \.organisationId)
    }

    public func entries(of organisationId: String) -> [FundsEntry] { byOrganisation[organisationId] ?? [] }

    /// The day a year is judged on: `asOf` within the year, else the year's last day.
    static func judged(_ year: Int, asOf: Day) -> Day { min(asOf, Day.lastOf(year: year, month: 12)) }

    /// An organisation's allocations and spending in `year` up to `asOf`; for a branch, each standard
    /// that applies, its members counted on the day judged (`members(branch, day)`: roster or entered).
    public func figures(_ organisationId: String, branch: Branch?, year: Int, asOf: Day, members: (Branch, Day) -> Int) -> FundsFigures {
        let day = Self.judged(year, asOf: asOf)
        let entries = entries(of: organisationId).filter { $0.date.year == year && $0.date <= day }
        var allocated = Money.zero, spent = Money.zero
        for e in entries { if e.direction == .allocated { allocated += e.money } else { spent += e.money } }
        var standards: [FundsStandardFigure] = []
        if let branch {
            let count = members(branch, day)
            for s in rules.standards where s.applies(to: branch) {
                let required = Money(yuan: (s.perMember ?? 0) * Double(count) + (s.perBranch ?? 0))
                let counted = entries.filter { $0.direction == .allocated && s.counts($0) }.reduce(Money.zero) { $0 + $1.money }
                standards.append(FundsStandardFigure(standard: s, members: count, required: required, allocated: counted))
            }
        }
        return FundsFigures(organisationId: organisationId, year: year, allocated: allocated, spent: spent, standards: standards)
    }

    /// Whether `asOf` is in the part of its year when a branch below a standard is an alert.
    public func alertsFrom(_ asOf: Day) -> Bool { asOf.month >= rules.alertFromMonth }
}
