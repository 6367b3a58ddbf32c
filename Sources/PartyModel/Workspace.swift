/// The contents of `workspace.json`.
public struct WorkspaceSettings: Codable, Hashable, Sendable {
    /// The format version this build writes. Older files are migrated in memory; newer ones are refused.
    /// 1: ledger only. 2: adds the check template, scoring scheme, checks, rectifications, manual scores.
    /// 3: one file per branch. 4: the member ledger — dues payments and training entries in files of
    /// their own (`dues/`, `training/`), members' per-year `duesMonthsPaid`/`trainingHours` migrated into them.
    public static let currentSchemaVersion = 4

    public var schemaVersion: Int
    public var name: String
    public var currentYear: Int
    /// The built-in demo workspace, labelled 示例 wherever it is shown.
    public var isDemo: Bool
    public var rules: Rules

    public init(name: String, currentYear: Int, isDemo: Bool = false, rules: Rules = Rules(),
                schemaVersion: Int = WorkspaceSettings.currentSchemaVersion) {
        self.schemaVersion = schemaVersion; self.name = name; self.currentYear = currentYear
        self.isDemo = isDemo; self.rules = rules
    }

    enum CodingKeys: String, CodingKey { case schemaVersion, name, currentYear, isDemo, rules }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        schemaVersion = try c.decode(Int.self, forKey: .schemaVersion)
        name = try c.decode(String.self, forKey: .name)
        currentYear = try c.decode(Int.self, forKey: .currentYear)
        isDemo = try c.value(.isDemo, default: false)
        rules = try c.value(.rules, default: Rules())
    }
}

/// Everything a workspace holds, in memory. Pure values: the store reads and writes it.
public struct Workspace: Hashable, Sendable {
    public var settings: WorkspaceSettings
    public var organisation: Organisation
    public var members: [Member]
    /// All years, in file order (oldest year first).
    public var activities: [Activity]
    public var plan: WorkPlan
    public var checkTemplate: CheckTemplate
    public var scoring: ScoringScheme
    /// All years, oldest first.
    public var checks: [QuarterlyCheck]
    public var rectifications: [Rectification]
    public var manualScores: [ManualScore]
    public var bonuses: [Bonus]
    /// 党费 paid, all years read, oldest year first.
    public var duesPayments: [DuesPayment]
    /// Individual training entries (网络培训 and others), all years read, oldest year first.
    public var trainingEntries: [TrainingEntry]
    /// 民主评议党员 results, all years read, oldest year first.
    public var reviewResults: [ReviewResult]
    /// Points of the 先锋指数's manual items recorded for members, all years read, oldest year first.
    public var pioneerPoints: [PioneerPoints]
    /// 发展党员: the people in the pipeline (`development/BRANCH.json`), and the 发展计划 and student
    /// counts (`development-targets.json`).
    public var candidates: [Candidate] = []
    public var developmentTargets = DevelopmentTargets()
    /// 经费: allocations and spending (`funds/YYYY/ORG.json`), all years read, oldest year first.
    public var funds: [FundsEntry] = []
    /// 目标: the plans' numeric targets and the figures entered for them (`targets.json`).
    public var targets = TargetsFile()

    public init(settings: WorkspaceSettings, organisation: Organisation, members: [Member] = [],
                activities: [Activity] = [], plan: WorkPlan,
                checkTemplate: CheckTemplate = DefaultScheme.template, scoring: ScoringScheme = DefaultScheme.scheme,
                checks: [QuarterlyCheck] = [], rectifications: [Rectification] = [],
                manualScores: [ManualScore] = [], bonuses: [Bonus] = [],
                duesPayments: [DuesPayment] = [], trainingEntries: [TrainingEntry] = [],
                reviewResults: [ReviewResult] = [], pioneerPoints: [PioneerPoints] = []) {
        self.settings = settings; self.organisation = organisation; self.members = members
        self.activities = activities; self.plan = plan
        self.checkTemplate = checkTemplate; self.scoring = scoring; self.checks = checks
        self.rectifications = rectifications; self.manualScores = manualScores; self.bonuses = bonuses
        self.duesPayments = duesPayments; self.trainingEntries = trainingEntries
        self.reviewResults = reviewResults; self.pioneerPoints = pioneerPoints
    }

    /// A new, empty workspace.
    public static func empty(name: String, year: Int) -> Workspace {
        Workspace(
            settings: WorkspaceSettings(name: name, currentYear: year),
            organisation: Organisation(committee: Committee(id: "committee", name: name)),
            plan: WorkPlan(title: "\(year)", year: year))
    }
}


extension Workspace {
    /// Schema 3 kept dues and hours on each member as year → count. Each `duesMonthsPaid[y] = n`
    /// (n > 0) becomes a payment covering months 1…n of y with no amount and no day (金额不详), and each
    /// `trainingHours[y] = h` (h > 0) an individual entry of h hours dated y-12-31 from provider
    /// "迁移"; the members' old fields are cleared. Ids: `dues-mig-MEMBER-YEAR`, `tr-mig-MEMBER-YEAR`.
    /// Returns whether anything was migrated. Pure; the store calls it when it reads old files.
    @discardableResult
    public mutating func migrateLegacyMemberFields() -> Bool {
        var changed = false
        for i in members.indices where members[i].hasLegacyFields {
            let m = members[i]
            for (key, n) in m.legacyDuesMonthsPaid.sorted(by: { $0.key < $1.key }) {
                guard let year = Int(key), n > 0 else { continue }
                let months = (1...min(n, 12)).compactMap { YearMonth(year: year, month: $0) }
                guard !months.isEmpty else { continue }
                duesPayments.append(DuesPayment(id: "dues-mig-\(m.id)-\(key)", memberId: m.id, branchId: m.branchId, months: months,
                                                amount: nil, paidOn: nil, note: "迁移: \(key)年已交 \(n) 个月 (金额不详)"))
            }
            for (key, hours) in m.legacyTrainingHours.sorted(by: { $0.key < $1.key }) {
                guard let year = Int(key), hours > 0, let day = Day(year: year, month: 12, day: 31) else { continue }
                trainingEntries.append(TrainingEntry(id: "tr-mig-\(m.id)-\(key)", memberId: m.id, branchId: m.branchId, date: day,
                                                     hours: hours, provider: "迁移", title: "\(key)年学时 (迁移自旧版)"))
            }
            members[i].legacyDuesMonthsPaid = [:]
            members[i].legacyTrainingHours = [:]
            changed = true
        }
        if changed {
            duesPayments.sort { $0.year < $1.year }
            trainingEntries.sort { $0.date.year < $1.date.year }
        }
        return changed
    }
}
