/// Activity counts by branch, quarter and kind, built in one pass, so that compliance and scoring
/// never scan the whole ledger per branch.
public struct LedgerIndex: Sendable {
    struct Key: Hashable {
        var branchId: String
        var year: Int
        var quarter: Int
    }
    struct GroupKey: Hashable {
        var branchId: String
        var groupId: String
        /// year × 12 + month.
        var month: Int
    }

    private var counts: [Key: [ActivityKind: Int]] = [:]
    private var groupMeetings: [GroupKey: Int] = [:]
    /// Σ hours × attended of training and study, by branch and year.
    private var trainingHours: [String: [Int: Double]] = [:]
    /// Month-level counts for the current-quarter progress view: branch → year·12+month → kind → count.
    private var monthly: [String: [Int: [ActivityKind: Int]]] = [:]

    public init(_ activities: [Activity]) {
        for a in activities {
            let q = a.date.quarter.number
            counts[Key(branchId: a.branchId, year: a.date.year, quarter: q), default: [:]][a.kind, default: 0] += 1
            if a.kind == .groupMeeting, let group = a.partyGroupId {
                groupMeetings[GroupKey(branchId: a.branchId, groupId: group, month: a.date.year * 12 + a.date.month), default: 0] += 1
            }
            if a.kind == .training, let hours = a.hours {
                trainingHours[a.branchId, default: [:]][a.date.year, default: 0] += hours * Double(a.attended ?? 0)
            }
            monthly[a.branchId, default: [:]][a.date.year * 12 + a.date.month, default: [:]][a.kind, default: 0] += 1
        }
    }

    public func held(_ kind: ActivityKind, branch: String, quarter: Quarter) -> Int {
        counts[Key(branchId: branch, year: quarter.year, quarter: quarter.number)]?[kind] ?? 0
    }

    public func held(_ kind: ActivityKind, branch: String, year: Int) -> Int {
        (1...4).reduce(0) { $0 + (counts[Key(branchId: branch, year: year, quarter: $1)]?[kind] ?? 0) }
    }

    /// Group meetings of one party group in `quarter`, in months up to `lastMonth` (default: all three).
    public func groupMeetings(branch: String, group: String, quarter: Quarter, throughMonth lastMonth: Int = 12) -> Int {
        quarter.months.filter { $0 <= lastMonth }.reduce(0) {
            $0 + (groupMeetings[GroupKey(branchId: branch, groupId: group, month: quarter.year * 12 + $1)] ?? 0)
        }
    }

    /// Held in the months of `quarter` up to and including `lastMonth`.
    public func held(_ kind: ActivityKind, branch: String, quarter: Quarter, throughMonth lastMonth: Int) -> Int {
        guard let months = monthly[branch] else { return 0 }
        return quarter.months.filter { $0 <= lastMonth }.reduce(0) { $0 + (months[quarter.year * 12 + $1]?[kind] ?? 0) }
    }

    public func trainingHourTotal(branch: String, year: Int) -> Double {
        trainingHours[branch]?[year] ?? 0
    }
}
