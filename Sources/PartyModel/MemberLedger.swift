import Foundation

/// Where a branch's member counts come from.
public enum MemberCountSource: String, CodedEnum {
    /// Its roster (花名册), member by member on the day asked (`Branch.countsFromRoster`).
    case roster
    /// The counts entered on the branch (`fullMembers`, `probationaryMembers`).
    case entered
}

/// A branch's members on one day, and where the figures come from.
public struct MemberCounts: Hashable, Sendable {
    public var full: Int
    public var probationary: Int
    public var source: MemberCountSource
    public var total: Int { full + probationary }

    public init(full: Int, probationary: Int, source: MemberCountSource) {
        self.full = full; self.probationary = probationary; self.source = source
    }
}

/// One member's 党费 in one month.
public struct MonthDues: Hashable, Sendable {
    public var month: YearMonth
    /// Owed this month: a member (on a branch of the workspace) during it.
    public var owed: Bool
    /// The due, when the dues category is recorded.
    public var due: Money?
    /// A payment covers the month (paid on or before the as-of day).
    public var covered: Bool
    /// The share of the covering payments' amounts allotted to this month; nil when not covered or
    /// when a covering payment's amount is unknown.
    public var paid: Money?
    /// Paid less than the due (少交): the month still counts as paid.
    public var short: Bool { if let due, let paid { paid < due } else { false } }
}

/// 党费 collection of one branch in one month (members whose dues belong to the branch that month).
public struct DuesCollection: Hashable, Sendable {
    public var branchId: String
    public var month: YearMonth
    /// Σ dues of the members who owe this month and whose category is recorded.
    public var due: Money
    /// Σ of the covering payments' shares for this month (known amounts only).
    public var paid: Money
    public var membersOwing: Int
    public var membersPaid: Int
    /// Members who owe but whose dues category is not recorded (their due is unknown).
    public var dueUnknown: Int
    /// Months covered by a payment whose amount is unknown (金额不详).
    public var amountUnknown: Int
    /// Months paid with less than the due (少交).
    public var short: Int
    /// paid / due; nil when nothing known is due.
    public var rate: Double? { due.fen > 0 ? Double(paid.fen) / Double(due.fen) : nil }

    /// Several branches' collections of one month added up (`branchId` empty).
    public static func total(_ list: [DuesCollection], month: YearMonth) -> DuesCollection {
        var t = DuesCollection(branchId: "", month: month, due: .zero, paid: .zero, membersOwing: 0, membersPaid: 0,
                               dueUnknown: 0, amountUnknown: 0, short: 0)
        for c in list {
            t.due += c.due; t.paid += c.paid; t.membersOwing += c.membersOwing; t.membersPaid += c.membersPaid
            t.dueUnknown += c.dueUnknown; t.amountUnknown += c.amountUnknown; t.short += c.short
        }
        return t
    }
}

/// A member's training hours in a year.
public struct MemberTraining: Hashable, Sendable {
    public var memberId: String
    /// From the training and study activities of their branches they attended (× each activity's hours).
    public var fromActivities: Double
    /// From individual entries (网络培训 and others).
    public var fromEntries: Double
    public var required: Double
    public var total: Double { fromActivities + fromEntries }
    public var reached: Bool { total + 1e-9 >= required }
}

/// A roster branch's training in a year: its members on the year's last day, each with their hours.
public struct BranchTraining: Hashable, Sendable {
    public var members: [MemberTraining]
    public var counted: Int { members.count }
    public var reached: Int { members.filter(\.reached).count }
    public var totalHours: Double { members.reduce(0) { $0 + $1.total } }
    /// reached / counted; 0 for a branch without members (nobody was trained).
    public var share: Double { counted == 0 ? 0 : Double(reached) / Double(counted) }
    public var averageHours: Double { counted == 0 ? 0 : totalHours / Double(counted) }
}

/// Everything per member, worked out from the roster, the dues payments, the training entries and the
/// ledger's training activities: who is in which branch on a day, branch counts, dues owed and paid,
/// arrears, collection, training hours. Built once per workspace (positions, not copies: the lists
/// are the workspace's own, shared). Pure. A class: its data never changes, and a county's rescore
/// passed it by value into every closure, retaining its twenty lists each time.
public final class MemberLedger: Sendable {
    public let rules: Rules
    public let members: [Member]
    public let payments: [DuesPayment]
    public let entries: [TrainingEntry]
    /// 民主评议党员 results and 先锋 points (issue 18).
    public let reviews: [ReviewResult]
    public let points: [PioneerPoints]
    let activities: [Activity]
    /// Positions in `activities` of those whose attendance list names the member, by member id.
    let listed: [String: [Int]]
    /// Positions in `activities` of the 谈心谈话 naming the member (by id) among their participants.
    let talksOf: [String: [Int]]
    let reviewsByMember: [String: [Int]]
    /// Positions in `reviews` of the 不合格 results awaiting their 处置, by the branch that held the review.
    let followUpsByBranch: [String: [Int]]
    let pointsByMember: [String: [Int]]
    /// Each branch's 书记, 副书记 and 支委 as the organisation names them (a talk's participant given by name).
    let leaderNames: [String: Set<String>]
    /// Positions in `members` of those whose history names the branch.
    let byBranch: [String: [Int]]
    let byId: [String: Int]
    let paymentsByMember: [String: [Int]]
    let entriesByMember: [String: [Int]]
    /// Positions in `activities` of training and study activities with hours, by branch and year.
    let sessions: [String: [Int: [Int]]]
    /// Each branch's session hours per member and year, worked out once when first asked: the ledger's
    /// data never changes (an edit that moves hours builds a new ledger, `ComplianceCalculator.updated`).
    private let hoursKept: Kept<BranchYear, [String: Double]>
    private let trainingKept: Kept<BranchYear, BranchTraining>
    private struct BranchYear: Hashable { var branchId: String; var year: Int }
    /// The first month any payment covers: dues are judged from there (a workspace that keeps no
    /// 党费 ledger has no arrears).
    public let duesStart: YearMonth?

    /// The kinds whose hours count as training.
    public static let trainingKinds: Set<ActivityKind> = [.training, .studySession]

    public convenience init(_ workspace: Workspace) {
        self.init(rules: workspace.settings.rules, members: workspace.members, payments: workspace.duesPayments,
                  entries: workspace.trainingEntries, activities: workspace.activities, reviews: workspace.reviewResults,
                  points: workspace.pioneerPoints, organisation: workspace.organisation)
    }

    public init(rules: Rules, members: [Member], payments: [DuesPayment] = [], entries: [TrainingEntry] = [], activities: [Activity] = [],
                reviews: [ReviewResult] = [], points: [PioneerPoints] = [], organisation: Organisation? = nil) {
        self.rules = rules
        self.members = members; self.payments = payments; self.entries = entries; self.activities = activities
        self.reviews = reviews; self.points = points
        var listed: [String: [Int]] = [:], talksOf: [String: [Int]] = [:]
        // Read in place, not bound (a binding copies the activity: 600,000 on a county).
        for i in activities.indices {
            if let list = activities[i].attendance { for e in list { listed[e.memberId, default: []].append(i) } }
            if activities[i].kind == .talk, let people = activities[i].participants {
                for id in Set(people.compactMap(\.memberId)) { talksOf[id, default: []].append(i) }
            }
        }
        self.listed = listed; self.talksOf = talksOf
        var reviewsByMember: [String: [Int]] = [:], pointsByMember: [String: [Int]] = [:]
        var followUps: [String: [Int]] = [:]
        for (i, r) in reviews.enumerated() {
            reviewsByMember[r.memberId, default: []].append(i)
            if r.needsFollowUp { followUps[r.branchId, default: []].append(i) }
        }
        self.followUpsByBranch = followUps
        for (i, p) in points.enumerated() { pointsByMember[p.memberId, default: []].append(i) }
        self.reviewsByMember = reviewsByMember; self.pointsByMember = pointsByMember
        var leaderNames: [String: Set<String>] = [:]
        for b in organisation?.branches ?? [] {
            let names = ([b.secretary, b.deputySecretary].compactMap { $0 } + b.committeeMembers).map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
            if !names.isEmpty { leaderNames[b.id] = Set(names) }
        }
        self.leaderNames = leaderNames
        var byBranch: [String: [Int]] = [:], byId: [String: Int] = [:]
        for (i, m) in members.enumerated() {
            if byId[m.id] == nil { byId[m.id] = i }
            for b in m.branchesNamed { byBranch[b, default: []].append(i) }
        }
        self.byBranch = byBranch; self.byId = byId
        (paymentsByMember, duesStart) = Self.index(payments)
        hoursKept = Kept(); trainingKept = Kept()
        var entriesByMember: [String: [Int]] = [:]
        for (i, e) in entries.enumerated() { entriesByMember[e.memberId, default: []].append(i) }
        self.entriesByMember = entriesByMember
        var sessions: [String: [Int: [Int]]] = [:]
        for i in activities.indices where Self.trainingKinds.contains(activities[i].kind) && (activities[i].hours ?? 0) > 0 {
            sessions[activities[i].branchId, default: [:]][activities[i].date.year, default: []].append(i)
        }
        self.sessions = sessions
    }

    /// Payments' positions by member, and the first month any covers.
    private static func index(_ payments: [DuesPayment]) -> (byMember: [String: [Int]], start: YearMonth?) {
        var byMember: [String: [Int]] = [:]
        var start: YearMonth? = nil
        for i in payments.indices {
            byMember[payments[i].memberId, default: []].append(i)
            if let first = payments[i].months.min(), start.map({ first < $0 }) ?? true { start = first }
        }
        return (byMember, start)
    }

    /// This ledger with `payments` in place of its own, after an edit of 党费 payments only: the rosters,
    /// the 签到 lists, the hours and what was kept of them stay (most of a county's ledger: a payment
    /// made the whole of it again, and the next frame waited 0.8 s).
    public func replacingPayments(_ payments: [DuesPayment]) -> MemberLedger {
        MemberLedger(self, payments: payments)
    }

    private init(_ old: MemberLedger, payments: [DuesPayment]) {
        rules = old.rules; members = old.members; entries = old.entries; reviews = old.reviews; points = old.points
        activities = old.activities; listed = old.listed; talksOf = old.talksOf; reviewsByMember = old.reviewsByMember
        followUpsByBranch = old.followUpsByBranch; pointsByMember = old.pointsByMember; leaderNames = old.leaderNames
        byBranch = old.byBranch; byId = old.byId; entriesByMember = old.entriesByMember; sessions = old.sessions
        // Hours and training do not read payments: what was worked out of them holds.
        hoursKept = old.hoursKept; trainingKept = old.trainingKept
        self.payments = payments
        (paymentsByMember, duesStart) = Self.index(payments)
    }

    /// A ledger of nothing (every branch counts as entered; no dues, no hours).
    public static func empty(_ rules: Rules = Rules()) -> MemberLedger { MemberLedger(rules: rules, members: []) }

    public func member(_ id: String) -> Member? { byId[id].map { members[$0] } }

    // MARK: Roster and counts

    /// Which figures a branch's counts come from: its roster when it says it keeps one
    /// (`countsFromRoster`), else the counts entered on it. The UI says which.
    public static func source(of branch: Branch) -> MemberCountSource { branch.countsFromRoster ? .roster : .entered }

    /// The members on `branchId`'s roster on `day` (whatever the branch's count source), in file order.
    public func members(of branchId: String, on day: Day) -> [Member] {
        var list: [Member] = []
        for i in byBranch[branchId] ?? [] where members[i].isOnRoster(of: branchId, on: day) { list.append(members[i]) }
        return list
    }

    /// Every member whose history names the branch (in it on some day), in file order.
    public func everyMember(of branchId: String) -> [Member] { (byBranch[branchId] ?? []).map { members[$0] } }

    /// The branch's full and probationary members on `day`: the one function every rule, score,
    /// alert and report reads them through. From the roster (each member's branch and status on that
    /// day: a transfer moves them, a 预备期 that ended makes them full) when the branch keeps one,
    /// else the entered counts.
    public func counts(_ branch: Branch, on day: Day) -> MemberCounts {
        guard Self.source(of: branch) == .roster else {
            return MemberCounts(full: branch.fullMembers, probationary: branch.probationaryMembers, source: .entered)
        }
        var full = 0, probationary = 0
        for i in byBranch[branch.id] ?? [] where members[i].isOnRoster(of: branch.id, on: day) {
            if members[i].status(on: day) == .full { full += 1 } else { probationary += 1 }
        }
        return MemberCounts(full: full, probationary: probationary, source: .roster)
    }

    /// Members of a 党总支 on `day`: Σ over its branches in service that day.
    public func members(ofGeneralBranch id: String, in organisation: Organisation, on day: Day) -> Int {
        organisation.branches(inServiceOn: day).filter { $0.parentId == id }.reduce(0) { $0 + counts($1, on: day).total }
    }

    // MARK: Dues

    /// The branch a member's dues for `month` belong to: theirs on the month's last day, else on its
    /// first (they left during it), else on the day they became a member in it; nil when they were
    /// not a member of any branch of the workspace in that month (nothing is owed).
    public func duesBranch(_ member: Member, _ month: YearMonth) -> String? {
        if let b = member.branch(on: month.lastDay) ?? member.branch(on: month.firstDay) { return b }
        if let since = member.memberSince, YearMonth(since) == month { return member.branch(on: since) }
        return nil
    }

    /// The monthly due of a member in `month`, in 元 to the 分 (`Money`): nil when nothing is owed
    /// that month or the dues category is not recorded. A probationary member owes from the month
    /// the 支部大会 accepted them (`acceptedOn`).
    public func monthlyDue(_ member: Member, _ month: YearMonth) -> Money? {
        guard duesBranch(member, month) != nil, let category = member.dues else { return nil }
        return rules.dues.monthlyDue(category)
    }

    /// The member's payments, in file order.
    public func payments(of memberId: String) -> [DuesPayment] { (paymentsByMember[memberId] ?? []).map { payments[$0] } }

    /// Whether payment `i` was made on or before `asOf` (one without a day counts: it was recorded as made).
    func isMade(_ i: Int, by asOf: Day) -> Bool { payments[i].paidOn.map { $0 <= asOf } ?? true }

    /// One month of one member's dues as of `asOf`. The payments are read in place: every branch's
    /// collection asks this of each member for two months after every edit (copying each member's
    /// payments to filter them was a tenth of a county's next frame).
    public func month(_ member: Member, _ month: YearMonth, asOf: Day) -> MonthDues {
        var covering: [DuesPayment] = []
        for i in paymentsByMember[member.id] ?? [] where isMade(i, by: asOf) && payments[i].months.contains(month) {
            covering.append(payments[i])
        }
        return monthDues(member, month, covering: covering)
    }

    func monthDues(_ member: Member, _ month: YearMonth, covering: [DuesPayment]) -> MonthDues {
        let owed = duesBranch(member, month) != nil
        let due = owed ? member.dues.map { rules.dues.monthlyDue($0) } : nil
        var paid: Money? = covering.isEmpty ? nil : .zero
        for p in covering {
            guard let share = p.share(of: month) else { paid = nil; break }
            paid! += share
        }
        return MonthDues(month: month, owed: owed, due: due, covered: !covering.isEmpty, paid: paid)
    }

    /// Consecutive months owed and not covered by a payment, counted back from the month before
    /// `asOf`'s (that month is still payable) to the first month the 党费 ledger holds
    /// (`duesStart`) or the first the member owed. A month paid short (少交) counts as paid. 党章
    /// Art. 9: 6 consecutive months is a sign of 自行脱党 — the branch looks into it; this decides nothing.
    public func arrears(_ member: Member, asOf: Day) -> Int {
        guard let start = duesStart else { return 0 }
        var covered = Set<YearMonth>()
        // The payments made by `asOf`, read in place (43,000 members on the first screen).
        for i in paymentsByMember[member.id] ?? [] where isMade(i, by: asOf) { covered.formUnion(payments[i].months) }
        var month = YearMonth(asOf).previous, count = 0
        while month >= start, duesBranch(member, month) != nil, !covered.contains(month) {
            count += 1
            month = month.previous
        }
        return count
    }

    /// 党费 collection of a branch in a month as of `asOf`: the members whose dues belong to it then.
    public func collection(_ branchId: String, _ month: YearMonth, asOf: Day) -> DuesCollection {
        var c = DuesCollection(branchId: branchId, month: month, due: .zero, paid: .zero, membersOwing: 0, membersPaid: 0,
                               dueUnknown: 0, amountUnknown: 0, short: 0)
        for i in byBranch[branchId] ?? [] {
            // The member read in place, not bound (a binding copies their record: 43,000 × 2 months after every edit).
            guard duesBranch(members[i], month) == branchId else { continue }
            let dues = self.month(members[i], month, asOf: asOf)
            c.membersOwing += 1
            if let due = dues.due { c.due += due } else { c.dueUnknown += 1 }
            guard dues.covered else { continue }
            c.membersPaid += 1
            if let paid = dues.paid { c.paid += paid } else { c.amountUnknown += 1 }
            if dues.short { c.short += 1 }
        }
        return c
    }

    // MARK: Training

    /// Whether `member` attended `activity`: the one place this is asked. With an attendance list
    /// (签到), when it names them present; without one, when they were on the roster of the
    /// activity's branch that day (the ledger cannot say otherwise).
    public static func attended(_ member: Member, _ activity: Activity) -> Bool {
        if let list = activity.attendance { return list.contains { $0.memberId == member.id && $0.present } }
        return member.isOnRoster(of: activity.branchId, on: activity.date)
    }

    /// Who attended `activity`, all at once — the rule of `attended`: the members its 签到表 names
    /// present (each once), or without one those on the roster of its branch that day.
    func attendees(_ activity: Activity) -> [String] {
        if let list = activity.attendance {
            var seen = Set<String>()
            return list.compactMap { $0.present && seen.insert($0.memberId).inserted ? $0.memberId : nil }
        }
        return members(of: activity.branchId, on: activity.date).map(\.id)
    }

    /// Hours from the training and study sessions (with hours) of `branchId` in `year`, per member
    /// who attended them: each session's attendees once, not each member against each 签到表 (a
    /// county's rescore asked 13 million such questions).
    func sessionHours(_ branchId: String, year: Int) -> [String: Double] {
        hoursKept.value(BranchYear(branchId: branchId, year: year)) { countSessionHours(branchId, year: year) }
    }

    private func countSessionHours(_ branchId: String, year: Int) -> [String: Double] {
        var hours: [String: Double] = [:]
        for i in sessions[branchId]?[year] ?? [] {
            let h = activities[i].hours ?? 0
            for id in attendees(activities[i]) { hours[id, default: 0] += h }
        }
        return hours
    }

    /// A member's training hours in `year`: Σ over the training and study activities (with hours)
    /// of the branches they were in that they attended, × each one's hours, plus their individual
    /// entries dated in the year.
    public func training(_ member: Member, year: Int) -> MemberTraining {
        training(member, year: year, known: nil)
    }

    /// `known`: a branch's session hours already in hand (a branch's members are asked together; a
    /// member who never moved was only ever in it).
    private func training(_ member: Member, year: Int, known: (branchId: String, hours: [String: Double])?) -> MemberTraining {
        var fromActivities = 0.0
        if let known, member.transfers.isEmpty, member.branchId == known.branchId {
            fromActivities = known.hours[member.id] ?? 0
        } else {
            for branch in member.branchesNamed {
                fromActivities += (branch == known?.branchId ? known!.hours : sessionHours(branch, year: year))[member.id] ?? 0
            }
        }
        var fromEntries = 0.0
        for i in entriesByMember[member.id] ?? [] where entries[i].date.year == year { fromEntries += entries[i].hours }
        return MemberTraining(memberId: member.id, fromActivities: fromActivities, fromEntries: fromEntries,
                              required: member.requiredTrainingHours(rules))
    }

    /// The training of a branch's members in `year`: those on its roster on the year's last day. Each
    /// branch's sessions are counted once for all of them; worked out once for the ledger's life
    /// (the scores, the alerts and the panes ask for the same branch and year).
    public func training(_ branchId: String, year: Int) -> BranchTraining {
        trainingKept.value(BranchYear(branchId: branchId, year: year)) {
            let last = Day.lastOf(year: year, month: 12)
            let hours = self.sessionHours(branchId, year: year)
            var list: [MemberTraining] = []
            for i in self.byBranch[branchId] ?? [] where self.members[i].isOnRoster(of: branchId, on: last) {
                list.append(self.training(self.members[i], year: year, known: (branchId, hours)))
            }
            return BranchTraining(members: list)
        }
    }
}

extension Workspace {
    /// The member ledger of this workspace (built on each call: keep it when asking often).
    public var memberLedger: MemberLedger { MemberLedger(self) }
}
