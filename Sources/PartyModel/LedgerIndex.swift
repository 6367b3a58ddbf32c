/// Activity counts by branch, quarter and kind, built in one pass, so that compliance and scoring
/// never scan the whole ledger per branch.
public struct LedgerIndex: Sendable, Equatable {
    /// One branch's ledger in numbers. Looked up once per question (a county asks 2,000 branches
    /// dozens of questions each, and hashing a branch id per month and kind was most of a rescore);
    /// months are positions in a flat array, not dictionary keys, for the same reason.
    public struct BranchLedger: Sendable, Equatable {
        /// The first year counted; `counts` covers whole years from its January on.
        var firstYear = 0
        /// Activities held, at ((year − firstYear)·12 + month − 1)·kinds + the kind's position.
        var counts: [Int32] = []
        /// party group → year·12+month → group meetings.
        var groupMeetings: [String: [Int: Int]] = [:]
        /// Σ hours × attended of training, by year.
        var trainingHours: [Int: Double] = [:]
        /// year → lecturer (trimmed) → party lessons they gave.
        var lecturers: [Int: [String: Int]] = [:]

        static let yearWidth = 12 * LedgerIndex.kinds.count
        var yearsCovered: Int { counts.count / Self.yearWidth }

        /// Makes room for `year`: the array always spans the first to the last year seen, so the same
        /// activities counted in any order give equal ledgers.
        mutating func cover(_ year: Int) {
            if counts.isEmpty {
                firstYear = year
                counts = Array(repeating: 0, count: Self.yearWidth)
            } else if year < firstYear {
                counts.insert(contentsOf: repeatElement(0, count: (firstYear - year) * Self.yearWidth), at: 0)
                firstYear = year
            } else if year >= firstYear + yearsCovered {
                counts.append(contentsOf: repeatElement(0, count: (year - firstYear - yearsCovered + 1) * Self.yearWidth))
            }
        }

        mutating func add(_ a: Activity) {
            cover(a.date.year)
            counts[((a.date.year - firstYear) * 12 + a.date.month - 1) * LedgerIndex.kinds.count + LedgerIndex.position(a.kind)] += 1
            if a.kind == .groupMeeting, let group = a.partyGroupId {
                groupMeetings[group, default: [:]][a.date.year * 12 + a.date.month, default: 0] += 1
            }
            if a.kind == .partyLesson, let who = a.lecturer?.trimmingWhitespace(), !who.isEmpty {
                lecturers[a.date.year, default: [:]][who, default: 0] += 1
            }
            if a.kind == .training, let hours = a.hours {
                trainingHours[a.date.year, default: 0] += hours * Double(a.headcount.attended ?? 0)
            }
        }

        /// Held in `range` of `year`'s months.
        public func held(_ kind: ActivityKind, year: Int, months range: ClosedRange<Int>) -> Int {
            guard year >= firstYear, year < firstYear + yearsCovered, !range.isEmpty else { return 0 }
            let k = LedgerIndex.position(kind), kinds = LedgerIndex.kinds.count
            var total = 0
            for month in range { total += Int(counts[((year - firstYear) * 12 + month - 1) * kinds + k]) }
            return total
        }

        /// Held in the months of `quarter` up to and including `lastMonth`.
        public func held(_ kind: ActivityKind, quarter: Quarter, throughMonth lastMonth: Int = 12) -> Int {
            let last = min(lastMonth, quarter.months.upperBound)
            guard last >= quarter.months.lowerBound else { return 0 }
            return held(kind, year: quarter.year, months: quarter.months.lowerBound...last)
        }

        /// Group meetings of one party group in `quarter`, in months up to `lastMonth` (default: all three).
        public func groupMeetings(group: String, quarter: Quarter, throughMonth lastMonth: Int = 12) -> Int {
            guard let months = groupMeetings[group] else { return 0 }
            return quarter.months.filter { $0 <= lastMonth }.reduce(0) { $0 + (months[quarter.year * 12 + $1] ?? 0) }
        }

        public func trainingHourTotal(year: Int) -> Double { trainingHours[year] ?? 0 }

        /// Party lessons `lecturer` gave in `year`.
        public func lessons(by lecturer: String, year: Int) -> Int { lecturers[year]?[lecturer.trimmingWhitespace()] ?? 0 }

        /// Group meetings of one party group in `months` of `year`.
        public func groupMeetings(group: String, year: Int, months range: ClosedRange<Int>) -> Int {
            guard let months = groupMeetings[group] else { return 0 }
            return range.reduce(0) { $0 + (months[year * 12 + $1] ?? 0) }
        }
    }

    private var branches: [String: BranchLedger] = [:]

    static let kinds = ActivityKind.allCases
    static func position(_ kind: ActivityKind) -> Int { kind.ordinal }

    public init(_ activities: [Activity]) {
        for i in activities.indices { branches[activities[i].branchId, default: BranchLedger()].add(activities[i]) }
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

    /// A branch's counts (empty for a branch with no activity).
    public func ledger(_ branch: String) -> BranchLedger { branches[branch] ?? BranchLedger() }

    /// Whether any activity of `year` is counted (a year's ledger, not its 556,000 records, looked at).
    public func hasActivities(in year: Int) -> Bool {
        branches.values.contains { l in
            let y = year - l.firstYear
            guard y >= 0, y < l.yearsCovered else { return false }
            return l.counts[(y * BranchLedger.yearWidth)..<((y + 1) * BranchLedger.yearWidth)].contains { $0 > 0 }
        }
    }

    public func held(_ kind: ActivityKind, branch: String, quarter: Quarter) -> Int {
        ledger(branch).held(kind, quarter: quarter)
    }

    public func held(_ kind: ActivityKind, branch: String, year: Int) -> Int {
        ledger(branch).held(kind, year: year, months: 1...12)
    }

    /// Group meetings of one party group in `quarter`, in months up to `lastMonth` (default: all three).
    public func groupMeetings(branch: String, group: String, quarter: Quarter, throughMonth lastMonth: Int = 12) -> Int {
        ledger(branch).groupMeetings(group: group, quarter: quarter, throughMonth: lastMonth)
    }

    /// Held in the months of `quarter` up to and including `lastMonth`.
    public func held(_ kind: ActivityKind, branch: String, quarter: Quarter, throughMonth lastMonth: Int) -> Int {
        ledger(branch).held(kind, quarter: quarter, throughMonth: lastMonth)
    }

    public func trainingHourTotal(branch: String, year: Int) -> Double {
        ledger(branch).trainingHourTotal(year: year)
    }
}
