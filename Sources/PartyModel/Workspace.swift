/// The contents of `workspace.json`.
public struct WorkspaceSettings: Codable, Hashable, Sendable {
    /// The format version this build writes. Older files are migrated in memory; newer ones are refused.
    /// 1: ledger only. 2: adds the check template, scoring scheme, checks, rectifications, manual scores.
    public static let currentSchemaVersion = 3

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

    public init(settings: WorkspaceSettings, organisation: Organisation, members: [Member] = [],
                activities: [Activity] = [], plan: WorkPlan,
                checkTemplate: CheckTemplate = DefaultScheme.template, scoring: ScoringScheme = DefaultScheme.scheme,
                checks: [QuarterlyCheck] = [], rectifications: [Rectification] = [],
                manualScores: [ManualScore] = [], bonuses: [Bonus] = []) {
        self.settings = settings; self.organisation = organisation; self.members = members
        self.activities = activities; self.plan = plan
        self.checkTemplate = checkTemplate; self.scoring = scoring; self.checks = checks
        self.rectifications = rectifications; self.manualScores = manualScores; self.bonuses = bonuses
    }

    /// A new, empty workspace.
    public static func empty(name: String, year: Int) -> Workspace {
        Workspace(
            settings: WorkspaceSettings(name: name, currentYear: year),
            organisation: Organisation(committee: Committee(id: "committee", name: name)),
            plan: WorkPlan(title: "\(year)", year: year))
    }
}

