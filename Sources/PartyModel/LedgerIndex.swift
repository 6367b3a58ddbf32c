/// Activity counts by branch, quarter and kind, built in one pass, so that compliance and scoring
/// never scan the whole ledger per branch.
public struct LedgerIndex: Sendable, Equatable {
    /// One branch's ledger in numbers. Looked up once per question: a county asks 2,000 branches
    /// dozens of questions each, and hashing a branch id per month and kind was most of a rescore.
    struct BranchLedger: Sendable, Equatable {
        /// year·12+month → activities held, by `ActivityKind.allCases` position.
        var months: [Int: [Int32]] = [:]
        /// party group → year·12+month → group meetings.
        var groupMeetings: [String: [Int: Int]] = [:]
        /// Σ hours × attended of training, by year.
        var trainingHours: [Int: Double] = [:]

        mutating func add(_ a: Activity) {
            let month = a.date.year * 12 + a.date.month
            months[month, default: Array(repeating: 0, count: LedgerIndex.kinds.count)][LedgerIndex.position(a.kind)] += 1
            if a.kind == .groupMeeting, let group = a.partyGroupId {
                groupMeetings[group, default: [:]][month, default: 0] += 1
            }
            if a.kind == .training, let hours = a.hours {
                trainingHours[a.date.year, default: 0] += hours * Double(a.attended ?? 0)
            }
        }

        func held(_ kind: ActivityKind, year: Int, months range: ClosedRange<Int>) -> Int {
            let k = LedgerIndex.position(kind)
            var total = 0
            for month in range { total += Int(months[year * 12 + month]?[k] ?? 0) }
            return total
        }
    }

    private var branches: [String: BranchLedger] = [:]

    static let kinds = ActivityKind.allCases
    static func position(_ kind: ActivityKind) -> Int { kinds.firstIndex(of: kind)! }

    public init(_ activities: [Activity]) {
        for a in activities { branches[a.branchId, default: BranchLedger()].add(a) }
    }

    /// The index after a change, from the new list of activities: only the branches the change
    /// touches are counted again (a scan for their records, not a rebuild of 2,000 branches).
    /// Counted from scratch, not adjusted, so the sums are exactly those of a full rebuild.
    public func updated(for change: Change, activities: [Activity]) -> LedgerIndex {
        let touched = Set(change.parts.flatMap { part -> [String] in
            guard case .activity(let before, let after) = part else { return [] }
            return [before?.branchId, after?.branchId].compactMap { $0 }
        })
        guard !touched.isEmpty else { return self }
        var index = self
        for id in touched { index.branches[id] = nil }
        for a in activities where touched.contains(a.branchId) { index.branches[a.branchId, default: BranchLedger()].add(a) }
        return index
    }

    public func held(_ kind: ActivityKind, branch: String, quarter: Quarter) -> Int {
        branches[branch]?.held(kind, year: quarter.year, months: quarter.months) ?? 0
    }

    public func held(_ kind: ActivityKind, branch: String, year: Int) -> Int {
        branches[branch]?.held(kind, year: year, months: 1...12) ?? 0
    }

    /// Group meetings of one party group in `quarter`, in months up to `lastMonth` (default: all three).
    public func groupMeetings(branch: String, group: String, quarter: Quarter, throughMonth lastMonth: Int = 12) -> Int {
        guard let months = branches[branch]?.groupMeetings[group] else { return 0 }
        return quarter.months.filter { $0 <= lastMonth }.reduce(0) { $0 + (months[quarter.year * 12 + $1] ?? 0) }
    }

    /// Held in the months of `quarter` up to and including `lastMonth`.
    public func held(_ kind: ActivityKind, branch: String, quarter: Quarter, throughMonth lastMonth: Int) -> Int {
        let last = min(lastMonth, quarter.months.upperBound)
        guard last >= quarter.months.lowerBound else { return 0 }
        return branches[branch]?.held(kind, year: quarter.year, months: quarter.months.lowerBound...last) ?? 0
    }

    public func trainingHourTotal(branch: String, year: Int) -> Double {
        branches[branch]?.trainingHours[year] ?? 0
    }
}
