/// Ids for new records, made in one place. Each names what it is and sorts with its kind:
/// an activity `a2026-0843` (its year, then the first free number), a quarterly check
/// `chk-2026q3-b-office` (one a branch and quarter), a finding `zg-2026-17`, a branch `b-16`.
/// A minter holds the ids taken, those it gave out included, so one batch (an import, a check
/// with its findings) never gives the same id twice; each kind's numbers go on from the last given.
public struct NewIds: Sendable {
    private var taken: Set<String>
    fileprivate var next: [String: Int] = [:]
    /// Ids in use that `taken` does not list (an import's years not read, whose ids are kept apart).
    private let takenElsewhere: (@Sendable (String) -> Bool)?

    /// `taken`: the ids in use among the records of the kinds to be made.
    public init(taken: some Sequence<String>, elsewhere: (@Sendable (String) -> Bool)? = nil) {
        self.taken = Set(taken)
        takenElsewhere = elsewhere
    }

    /// How many ids are taken.
    public var count: Int { taken.count }

    /// A minter for activities, checks and findings of `workspace` (its branches' ids too).
    public init(_ workspace: Workspace) {
        self.init(taken: workspace.activities.lazy.map(\.id))
        taken.formUnion(workspace.checks.lazy.map(\.id))
        taken.formUnion(workspace.rectifications.lazy.map(\.id))
        taken.formUnion(workspace.organisation.branches.lazy.map(\.id))
    }

    /// prefix + the first free number at or after where this prefix last stopped (`digits` wide).
    private mutating func number(_ prefix: String, digits: Int = 0, from start: Int = 1) -> String {
        var n = next[prefix] ?? start
        func id(_ n: Int) -> String { prefix + String(repeating: "0", count: max(0, digits - String(n).count)) + String(n) }
        while taken.contains(id(n)) || takenElsewhere?(id(n)) == true { n += 1 }
        next[prefix] = n + 1
        taken.insert(id(n))
        return id(n)
    }

    /// `from`: where the search begins the first time (the year's count of activities plus one:
    /// numbers are only taken, so on a county's 100,000 the first free one is found at once).
    public mutating func activity(on date: Day, from start: Int = 1) -> String { number("a\(date.year)-", digits: 4, from: start) }
    public mutating func finding(year: Int) -> String { number("zg-\(year)-") }
    public mutating func branch() -> String { number("b-") }
    public mutating func generalBranch() -> String { number("gb-") }
    public mutating func member() -> String { number("m-") }
    /// A dues payment `dues-2026-0001` and a training entry `tr-2026-0001`: the year they are filed under.
    public mutating func duesPayment(year: Int) -> String { number("dues-\(year)-", digits: 4) }
    public mutating func trainingEntry(year: Int) -> String { number("tr-\(year)-", digits: 4) }
    /// A 民主评议 result `rv-2026-0001` and 先锋 points `pp-2026-0001`: the year they are filed under.
    public mutating func reviewResult(year: Int) -> String { number("rv-\(year)-", digits: 4) }
    public mutating func pioneerPoints(year: Int) -> String { number("pp-\(year)-", digits: 4) }
    public mutating func funds(year: Int) -> String { number("jf-\(year)-", digits: 4) }
    /// A person in the 发展党员 pipeline `fz-2026-0001`: the year they applied (or were first recorded).
    public mutating func candidate(year: Int) -> String { number("fz-\(year)-", digits: 4) }

    /// A branch has one check a quarter: its id says which.
    public static func check(branchId: String, quarter: Quarter) -> String { "chk-\(quarter.year)q\(quarter.number)-\(branchId)" }
}

extension NewIds {
    /// One id of a kind numbered per year (`dues-2026-0001`), made from the ids of that kind: only those
    /// of the year are held, and the search starts after their count — a county's year of 党费 is
    /// 500,000 payments, and counting up from 1 through them took a form a tenth of a second.
    static func yearly(_ ids: some Sequence<String>, _ make: (inout NewIds) -> String) -> String {
        var probe = NewIds(taken: [String]())
        let prefix = String(make(&probe).dropLast(4))            // "dues-2026-" (the first id is …0001)
        let used = ids.filter { $0.hasPrefix(prefix) }
        // Only the numbers after the count can be in the way (and ids not numbered as we number them).
        var minter = NewIds(taken: used.filter { Int($0.dropFirst(prefix.count)).map { $0 > used.count } ?? true })
        minter.next[prefix] = used.count + 1
        return make(&minter)
    }
}

extension Workspace {
    /// A new id for a person in the pipeline, of `year`, that is not taken: fz-2026-0001.
    public func newCandidateId(year: Int) -> String {
        NewIds.yearly(candidates.lazy.map(\.id)) { $0.candidate(year: year) }
    }

    /// A new dues payment id of `year` that is not taken: dues-2026-0001.
    public func newDuesPaymentId(year: Int) -> String {
        NewIds.yearly(duesPayments.lazy.map(\.id)) { $0.duesPayment(year: year) }
    }

    /// A new training entry id of `year` that is not taken: tr-2026-0001.
    public func newTrainingEntryId(year: Int) -> String {
        NewIds.yearly(trainingEntries.lazy.map(\.id)) { $0.trainingEntry(year: year) }
    }

    /// A new 民主评议 result id of `year` that is not taken: rv-2026-0001.
    public func newReviewResultId(year: Int) -> String {
        NewIds.yearly(reviewResults.lazy.map(\.id)) { $0.reviewResult(year: year) }
    }

    /// A new 先锋 points id of `year` that is not taken: pp-2026-0001.
    public func newPioneerPointsId(year: Int) -> String {
        NewIds.yearly(pioneerPoints.lazy.map(\.id)) { $0.pioneerPoints(year: year) }
    }

    /// A new funds entry id of `year` that is not taken: jf-2026-0001.
    public func newFundsId(year: Int) -> String {
        NewIds.yearly(funds.lazy.map(\.id)) { $0.funds(year: year) }
    }

    /// A new activity id that sorts with its year and is not taken: a2026-0843.
    public func newActivityId(on date: Day) -> String {
        let prefix = "a\(date.year)-"
        let used = activities.lazy.map(\.id).filter { $0.hasPrefix(prefix) }
        var ids = NewIds(taken: used)
        return ids.activity(on: date, from: ids.count + 1)
    }
}

extension NewIds {
    /// The id `n` numbers past `id` in its own counter (`a2026-0843` by 3: `a2026-0846`; the width of
    /// its number kept, or grown past 9999); nil when it does not end in a number. For a new record
    /// whose id turned out to be taken by a record this reader cannot see (another office's, under
    /// a database's row security).
    public static func bumped(_ id: String, by n: Int) -> String? {
        guard let (prefix, number, digits) = counted(id) else { return nil }
        let next = String(number + n)
        return prefix + String(repeating: "0", count: max(0, digits - next.count)) + next
    }

    /// An id's counter: what comes before its number, the number, and how many digits it is written with.
    static func counted(_ id: String) -> (prefix: String, number: Int, digits: Int)? {
        let digits = id.reversed().prefix { $0.isASCII && $0.isNumber }.count
        guard digits > 0, let number = Int(id.suffix(digits)) else { return nil }
        return (String(id.dropLast(digits)), number, digits)
    }
}

/// Numbers a new id must go past, by counter (`a2026-` → 843): an import into a database under row
/// security makes its ids from the rows its role sees, and another office may hold the next ones;
/// each time the database names one, the import is planned again past it, further each time.
public struct IdFloors: Sendable {
    private var floors: [String: Int] = [:]
    private var step = 1

    public init() {}

    /// Whether `id` is at or below its counter's floor (to be treated as taken).
    public func covers(_ id: String) -> Bool {
        guard let (prefix, number, _) = NewIds.counted(id), let floor = floors[prefix] else { return false }
        return number <= floor
    }

    /// Past `id`'s number and further: 1, then 2, 4 … more each time (a county's year holds 100,000
    /// ids). False when `id` has no counter (it cannot be moved past).
    public mutating func raise(past id: String) -> Bool {
        guard let (prefix, number, _) = NewIds.counted(id) else { return false }
        floors[prefix] = max(floors[prefix] ?? 0, number + step - 1)
        step = min(step * 2, 1 << 40)
        return true
    }

    /// The first id of `id`'s counter above its floor, written as `id` is (nil: `id` has no counter).
    public func firstAbove(_ id: String) -> String? {
        guard let (prefix, number, _) = NewIds.counted(id) else { return nil }
        return NewIds.bumped(id, by: max(floors[prefix] ?? 0, number - 1) + 1 - number)
    }
}

extension Change {
    /// This add with its record's id replaced by `id` — for the kinds whose ids are counters, a record
    /// added alone; nil otherwise (a check's id names its branch and quarter: a clash is a real
    /// duplicate; an edit or a batch keeps its ids).
    public func renumbered(_ id: String) -> Change? {
        func with<R>(_ record: R?, _ set: (inout R) -> Void) -> R? {
            guard var record else { return nil }
            set(&record)
            return record
        }
        switch self {
        case .activity(nil, let a?): return .activity(before: nil, after: with(a) { $0.id = id })
        case .rectification(nil, let a?): return .rectification(before: nil, after: with(a) { $0.id = id })
        case .member(nil, let a?): return .member(before: nil, after: with(a) { $0.id = id })
        case .duesPayment(nil, let a?): return .duesPayment(before: nil, after: with(a) { $0.id = id })
        case .trainingEntry(nil, let a?): return .trainingEntry(before: nil, after: with(a) { $0.id = id })
        case .reviewResult(nil, let a?): return .reviewResult(before: nil, after: with(a) { $0.id = id })
        case .pioneerPoints(nil, let a?): return .pioneerPoints(before: nil, after: with(a) { $0.id = id })
        case .candidate(nil, let a?): return .candidate(before: nil, after: with(a) { $0.id = id })
        case .funds(nil, let a?): return .funds(before: nil, after: with(a) { $0.id = id })
        default: return nil
        }
    }
}
