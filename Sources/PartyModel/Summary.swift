/// Counts for `partydesk summary` and the overview: organisations by level, members, this
/// year's activities by kind, plan tasks by status.
public struct WorkspaceSummary: Codable, Hashable, Sendable {
    public struct Organisations: Codable, Hashable, Sendable {
        public var committees: Int
        public var generalBranches: Int
        public var branches: Int
        public var partyGroups: Int
    }
    public struct Members: Codable, Hashable, Sendable {
        public var full: Int
        public var probationary: Int
        public var total: Int
        /// Members listed in rosters (rosters are optional).
        public var rostered: Int
    }

    public var name: String
    public var isDemo: Bool
    public var year: Int
    public var organisations: Organisations
    public var members: Members
    /// Activity kind code → count in `year`; every kind is present.
    public var activities: [String: Int]
    /// Task status code → count; every status is present.
    public var planTasks: [String: Int]

    /// Members are counted on `asOf` (the year's last day when it is later, or not given): rosters
    /// member by member, other branches as entered.
    /// `members`: the workspace's member ledger when the caller has one (the dashboard's: 43,000
    /// members in a county are not indexed twice for the first screen).
    public init(_ workspace: Workspace, year: Int, asOf: Day? = nil, members known: MemberLedger? = nil) {
        let branches = workspace.organisation.activeBranches
        name = workspace.settings.name
        isDemo = workspace.settings.isDemo
        self.year = year
        organisations = Organisations(
            committees: 1,
            generalBranches: workspace.organisation.generalBranches.count,
            branches: branches.count,
            partyGroups: branches.reduce(0) { $0 + $1.partyGroups.count })
        let ledger = known ?? MemberLedger(workspace), day = min(asOf ?? Day.lastOf(year: year, month: 12), Day.lastOf(year: year, month: 12))
        let counts = branches.map { ledger.counts($0, on: day) }
        let full = counts.reduce(0) { $0 + $1.full }
        let probationary = counts.reduce(0) { $0 + $1.probationary }
        members = Members(full: full, probationary: probationary, total: full + probationary,
                          rostered: workspace.members.count)
        // Counted by the kind's place, read in place: 600,000 activities on a county.
        var byKind = [Int](repeating: 0, count: ActivityKind.allCases.count)
        let list = workspace.activities
        for i in list.indices where list[i].date.year == year { byKind[list[i].kind.ordinal] += 1 }
        activities = Dictionary(uniqueKeysWithValues: ActivityKind.allCases.map { ($0.rawValue, byKind[$0.ordinal]) })
        var statuses = Dictionary(uniqueKeysWithValues: TaskStatus.allCases.map { ($0.rawValue, 0) })
        for task in workspace.plan.tasks { statuses[task.status.rawValue, default: 0] += 1 }
        planTasks = statuses
    }
}
