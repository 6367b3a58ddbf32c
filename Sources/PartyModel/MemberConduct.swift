/// A member's attendance at 组织生活 over a span, from the attendance lists that name them.
public struct LifeAttendance: Hashable, Sendable {
    /// 组织生活 activities (三会一课, 主题党日, 组织生活会) whose list names the member.
    public var listed: Int = 0
    public var present: Int = 0
    /// Absences by reason; an absence without a recorded reason is counted as 无故.
    public var absent: [AbsenceReason: Int] = [:]

    public init() {}

    /// The lines a rate is judged on: 因公 (sent by the organisation) is not held against the member.
    public var judged: Int { listed - (absent[.onDuty] ?? 0) }
    /// present / judged; nil when nothing can be judged (no list names the member).
    public var rate: Double? { judged > 0 ? Double(present) / Double(judged) : nil }
}

/// How a member stood in one month's 组织生活 with attendance lists (the 6-month rule).
public enum MonthAttendance: Hashable, Sendable {
    /// Present at one or more.
    case attended
    /// Absent from all, with a reason the branch accepted (请假, 因公, 病假) for at least one.
    case excused
    /// Absent from all, without reason (无故, or none recorded).
    case unexcused
}

extension MemberLedger {
    // MARK: Attendance (签到)

    /// The day a span "as of" a day ends on: the as-of day, or (nil) the year's end.
    static func judgingDay(_ asOf: Day?, year: Int) -> Day { asOf ?? Day.firstOf(year: year + 1, month: 1) }

    /// The member's 组织生活 in `year` up to `asOf`, from the lists that name them (any branch).
    public func organisationalLife(_ member: Member, year: Int, asOf: Day? = nil) -> LifeAttendance {
        let day = Self.judgingDay(asOf, year: year)
        var out = LifeAttendance()
        for i in listed[member.id] ?? [] {
            let a = activities[i]
            guard a.kind.isOrganisationalLife, a.date.year == year, a.date <= day, let entry = a.attendanceEntry(of: member.id) else { continue }
            out.listed += 1
            if entry.present { out.present += 1 } else { out.absent[entry.absenceReason ?? .unexcused, default: 0] += 1 }
        }
        return out
    }

    /// Month by month, the member's 组织生活 with lists up to `asOf` (months without a list that names
    /// them are not there: they say nothing either way).
    public func lifeMonths(_ member: Member, asOf: Day) -> [YearMonth: MonthAttendance] {
        var months: [YearMonth: MonthAttendance] = [:]
        // Fields read in place: binding the activity copied it (its strings and lists retained), 43,000 members × their lists.
        for i in listed[member.id] ?? [] {
            guard activities[i].kind.isOrganisationalLife, activities[i].date <= asOf,
                  let entry = activities[i].attendanceEntry(of: member.id) else { continue }
            let month = YearMonth(activities[i].date)
            let this: MonthAttendance = entry.present ? .attended : entry.isUnexcusedAbsence ? .unexcused : .excused
            switch (months[month], this) {
            case (.attended?, _), (_, .attended): months[month] = .attended
            case (.excused?, _), (_, .excused): months[month] = .excused
            default: months[month] = .unexcused
            }
        }
        return months
    }

    /// 党章 Art. 9: the months running, back from `asOf`'s, in which the member was absent without
    /// reason from every 组织生活 whose list names them. A month in which they attended one, or were
    /// excused from one (请假, 因公, 病假), ends the run; a month without any list naming them is
    /// passed over — it neither ends the run nor adds to it (a branch that kept no list that month
    /// says nothing about the member either way).
    /// That is, the months with an unexcused absence later than the last month attended or excused
    /// (one pass over the member's lists, no month table: it is asked for every member on the first screen).
    public func unexcusedAbsenceRun(_ member: Member, asOf: Day) -> Int {
        var stop: YearMonth? = nil
        var unexcused = Set<YearMonth>()
        // Fields read in place: binding the activity copied it (its strings and lists retained), 43,000 members × their lists.
        for i in listed[member.id] ?? [] {
            guard activities[i].kind.isOrganisationalLife, activities[i].date <= asOf,
                  let entry = activities[i].attendanceEntry(of: member.id) else { continue }
            let month = YearMonth(activities[i].date)
            if entry.isUnexcusedAbsence { unexcused.insert(month) }
            else if stop.map({ month > $0 }) ?? true { stop = month }
        }
        guard let stop else { return unexcused.count }
        return unexcused.reduce(0) { $0 + ($1 > stop ? 1 : 0) }
    }

    // MARK: 谈心谈话

    /// Whether a talk's participant is one of the 班子 of `branchId`: a member whose role is 书记,
    /// 副书记 or 支委, or a name the branch records as its secretary, deputy or committee member.
    func isLeader(_ p: TalkParticipant, of branchId: String) -> Bool {
        if let id = p.memberId, let m = member(id), m.role.isLeader { return true }
        return leaderNames[branchId]?.contains(p.name.trimmingWhitespace()) ?? false
    }

    /// The 谈心谈话 of `year` (up to `asOf`) that count for the member under 支部工作条例 2018: they
    /// took part, with the secretary or a committee member (for a member of the 班子, with anyone).
    public func talks(_ member: Member, year: Int, asOf: Day? = nil) -> [Activity] {
        let day = Self.judgingDay(asOf, year: year)
        return (talksOf[member.id] ?? []).map { activities[$0] }.filter { a in
            guard a.date.year == year, a.date <= day, let people = a.participants else { return false }
            let others = people.filter { $0.memberId != member.id }
            return member.role.isLeader ? !others.isEmpty : others.contains { isLeader($0, of: a.branchId) }
        }
    }

    // MARK: 民主评议

    /// The member's review results, in file order.
    public func reviews(of memberId: String) -> [ReviewResult] { (reviewsByMember[memberId] ?? []).map { reviews[$0] } }

    /// The member's result for `year` (the first recorded).
    public func review(_ member: Member, year: Int) -> ReviewResult? { reviews(of: member.id).first { $0.year == year } }

    /// The branch's 不合格 results of years up to `asOf`'s whose 处置 is not recorded yet.
    public func awaitingFollowUp(branchId: String, asOf: Day) -> [ReviewResult] {
        (followUpsByBranch[branchId] ?? []).map { reviews[$0] }.filter { $0.year <= asOf.year }
    }

    // MARK: 先锋指数

    /// The member's 先锋 points recorded for `year` (up to `asOf`), in file order.
    public func points(of memberId: String, year: Int, asOf: Day? = nil) -> [PioneerPoints] {
        let day = Self.judgingDay(asOf, year: year)
        return (pointsByMember[memberId] ?? []).map { points[$0] }.filter { $0.date.year == year && $0.date <= day }
    }

    /// Months of `year` owed (and ended by `asOf`) and those paid by the month's end: the 党费 item.
    /// Judged from the first month the 党费 ledger holds; a payment without a day (migrated) counts as on time.
    public func duesOnTime(_ member: Member, year: Int, asOf: Day? = nil) -> (onTime: Int, owed: Int) {
        guard let start = duesStart else { return (0, 0) }
        let day = Self.judgingDay(asOf, year: year)
        let mine = payments(of: member.id)
        var onTime = 0, owed = 0
        for m in 1...12 {
            guard let month = YearMonth(year: year, month: m), month >= start, month.lastDay < day, duesBranch(member, month) != nil else { continue }
            owed += 1
            if mine.contains(where: { $0.months.contains(month) && ($0.paidOn.map { $0 <= month.lastDay } ?? true) }) { onTime += 1 }
        }
        return (onTime, owed)
    }

    /// A member's 先锋指数 for `year` as of `asOf` (nil: the year judged whole), by `rules.pioneer`:
    /// each item's points (max × its ratio; nil when it cannot be judged for the member), and the
    /// total = scale × Σ points / Σ max of the items judged.
    public func pioneerIndex(_ member: Member, year: Int, asOf: Day? = nil) -> PioneerIndex {
        let scheme = rules.pioneer
        var items: [PioneerItemScore] = []
        var earned = 0.0, judgedMax = 0.0
        for item in scheme.items {
            var score = PioneerItemScore(item: item, points: nil, value: nil, outOf: nil, grade: nil)
            var ratio: Double?
            switch item.source {
            case .attendance:
                let life = organisationalLife(member, year: year, asOf: asOf)
                if let rate = life.rate { ratio = rate; score.value = Double(life.present); score.outOf = Double(life.judged) }
            case .training:
                let t = training(member, year: year)
                ratio = t.required <= 0 ? 1 : min(1, t.total / t.required)
                score.value = t.total; score.outOf = t.required
            case .dues:
                let d = duesOnTime(member, year: year, asOf: asOf)
                if d.owed > 0 { ratio = Double(d.onTime) / Double(d.owed); score.value = Double(d.onTime); score.outOf = Double(d.owed) }
            case .talks:
                if rules.talksPerYear > 0 {
                    let held = talks(member, year: year, asOf: asOf).count
                    ratio = min(1, Double(held) / Double(rules.talksPerYear))
                    score.value = Double(held); score.outOf = Double(rules.talksPerYear)
                }
            case .review:
                if let r = review(member, year: year) {
                    ratio = min(1, max(0, scheme.reviewGrades[r.grade] ?? 0)); score.grade = r.grade
                }
            case .manual:
                let sum = points(of: member.id, year: year, asOf: asOf).filter { $0.itemId == item.id }.reduce(0) { $0 + $1.points }
                ratio = item.max > 0 ? min(1, max(0, sum / item.max)) : 0
                score.value = sum; score.outOf = item.max
            }
            if let ratio, item.max > 0 {
                score.points = item.max * ratio
                earned += item.max * ratio
                judgedMax += item.max
            }
            items.append(score)
        }
        let total = judgedMax > 0 ? scheme.scale * earned / judgedMax : 0
        return PioneerIndex(memberId: member.id, year: year, total: total, items: items, judgedMax: judgedMax)
    }

    /// The branch's members (on its roster on `asOf`, else on the year's last day) by 先锋指数,
    /// highest first; equal totals (to 0.01) share a place (1, 1, 3), then in roster order.
    public func ranking(branchId: String, year: Int, asOf: Day? = nil) -> [PioneerRank] {
        let yearEnd = Day.lastOf(year: year, month: 12)
        let day = min(asOf ?? yearEnd, yearEnd)
        let scored = members(of: branchId, on: day).enumerated().map { ($0.offset, $0.element, pioneerIndex($0.element, year: year, asOf: asOf)) }
        let sorted = scored.sorted { a, b in
            let (x, y) = (roundHalfUp2(a.2.total), roundHalfUp2(b.2.total))
            return x != y ? x > y : a.0 < b.0
        }
        var out: [PioneerRank] = []
        for (i, entry) in sorted.enumerated() {
            let rank = i > 0 && roundHalfUp2(out[i - 1].index.total) == roundHalfUp2(entry.2.total) ? out[i - 1].rank : i + 1
            out.append(PioneerRank(member: entry.1, index: entry.2, rank: rank))
        }
        return out
    }

    /// The mean 先锋指数 of the branch's members in `year` (the year judged whole) as a share of the
    /// scale (0 … 1): the `pioneerIndex` scoring metric. nil for a branch without members.
    public func pioneerMean(branchId: String, year: Int) -> Double? {
        let list = ranking(branchId: branchId, year: year)
        guard !list.isEmpty, rules.pioneer.scale > 0 else { return nil }
        return list.reduce(0) { $0 + $1.index.total } / Double(list.count) / rules.pioneer.scale
    }
}
