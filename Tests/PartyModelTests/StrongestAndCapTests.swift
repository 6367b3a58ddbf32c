import Testing
import TestSupport
@testable import PartyModel

/// The rules an audit could break without any test noticing, each worked out by hand on a scheme
/// small enough to add up in one's head: two categories of one manual year item each (50 + 50),
/// grades 好 ≥ 90, 较好 ≥ 75, 一般 ≥ 60; 最强 = 好, every category ≥ 80 % of its maximum, no overdue
/// rectification; 2 points off per overdue rectification, at most 10.
@Suite struct StrongestAndCapTests {
    static let scheme = ScoringScheme(
        categories: [ScoreCategory(id: "a", name: "甲"), ScoreCategory(id: "b", name: "乙")],
        items: [ScoreItem(id: "ia", category: "a", title: "甲项", max: 50, period: .year, source: .manual),
                ScoreItem(id: "ib", category: "b", title: "乙项", max: 50, period: .year, source: .manual)],
        deductions: Deductions(perOverdueRectification: 2, overdueRectificationCap: 10, termOverdue: 5),
        bonusCap: 5,
        grades: [GradeBand(grade: .good, minimum: 90), GradeBand(grade: .fairlyGood, minimum: 75),
                 GradeBand(grade: .average, minimum: 60), GradeBand(grade: .poor, minimum: 0)],
        strongest: StrongestRule(grade: .good, minimumCategoryShare: 0.8, noOverdueRectification: true, targets: ["2025": 0.5]))

    /// 2025, judged on 31 Dec 2025 (the as-of day is in 2026).
    static func table() -> ScoreTable {
        var ws = smallWorkspace()
        ws.scoring = scheme
        let branch = { (id: String) in Branch(id: id, name: "支部\(id)", parentId: "c", sector: .school, fullMembers: 5) }
        var v = branch("v"), w = branch("w")
        v.termEnd = Day(iso: "2025-12-31")!                    // ends on the judging day: not overdue
        w.termEnd = Day(iso: "2025-12-30")!                    // ended the day before: overdue
        ws.organisation.branches = [branch("p"), branch("q"), branch("r"), branch("s"), branch("t"), branch("u"), v, w, branch("x")]
        ws.activities = []
        ws.members = []
        func manual(_ b: String, _ a: Double, _ bb: Double) -> [ManualScore] {
            [ManualScore(branchId: b, itemId: "ia", year: 2025, points: a), ManualScore(branchId: b, itemId: "ib", year: 2025, points: bb)]
        }
        ws.manualScores = manual("p", 50, 46) + manual("q", 50, 39) + manual("r", 50, 50) + manual("s", 50, 50)
            + manual("t", 50, 50) + manual("u", 50, 40) + manual("v", 50, 50) + manual("w", 50, 50)
            + manual("x", 60, 0)                               // over the item's 50 (a hand-edited file)
        ws.bonuses = ["q", "t", "u"].map { Bonus(branchId: $0, year: 2025, points: 5, reason: "加分") }
        func overdue(_ b: String, _ n: Int) -> Rectification {
            Rectification(id: "z-\(b)-\(n)", branchId: b, category: "a", description: "问题", owner: "书记",
                          openedOn: Day(iso: "2025-06-01")!, dueOn: Day(iso: "2025-06-30")!)
        }
        ws.rectifications = [overdue("r", 1)] + (1...6).map { overdue("s", $0) }
        return ScoringEngine(ws).year(2025, asOf: testAsOf)
    }

    @Test func strongestNeedsEveryCategoryAndNoOverdueRectification() throws {
        let rows = Dictionary(uniqueKeysWithValues: Self.table().branches.map { ($0.branchId, $0) })
        // p: 50 + 46 = 96, 好; shares 100 % and 92 %: 最强.
        let p = try #require(rows["p"])
        #expect(p.total == 96 && p.grade == .good && p.strongest)
        // q: 50 + 39 + 5 bonus = 94, 好; but 乙 is 39/50 = 78 % < 80 %: not 最强.
        let q = try #require(rows["q"])
        #expect(q.total == 94 && q.grade == .good && !q.strongest)
        // r: 100 − 2 for one overdue rectification = 98, 好, every category full; overdue: not 最强.
        let r = try #require(rows["r"])
        #expect(r.total == 98 && r.grade == .good && r.overdueRectifications == 1 && !r.strongest)
    }

    @Test func boundariesOfTheTotalTheShareAndTheTerm() throws {
        let rows = Dictionary(uniqueKeysWithValues: Self.table().branches.map { ($0.branchId, $0) })
        // t: 50 + 50 + 5 bonus = 105, but a total is at most 100.
        #expect(rows["t"]?.total == 100 && rows["t"]?.bonus == 5)
        // u: 50 + 40 + 5 = 95; 乙 is 40/50, exactly the 80 % share: enough for 最强.
        #expect(rows["u"]?.total == 95 && rows["u"]?.strongest == true)
        // v: its term ends on 31 December, the judging day: not overdue, 100. w: ended on the 30th: −5, 95.
        #expect(rows["v"]?.termOverdue == false && rows["v"]?.total == 100)
        #expect(rows["w"]?.termOverdue == true && rows["w"]?.deduction == 5 && rows["w"]?.total == 95)
        // x: 60 entered on an item of 50 counts 50: total 50, 差.
        #expect(rows["x"]?.items["ia"] == 50 && rows["x"]?.total == 50 && rows["x"]?.grade == .poor)
    }

    @Test func theDeductionForOverdueRectificationsIsCapped() throws {
        // s: six overdue × 2 = 12, capped at 10: 100 − 10 = 90.00, still 好 (88 without the cap: 较好).
        let s = try #require(Self.table().branches.first { $0.branchId == "s" })
        #expect(s.deduction == 10 && s.overdueRectifications == 6 && s.total == 90 && s.grade == .good)
        let summary = Self.table().summary
        // 最强: p, t, u, v, w (q short of a share, r and s with overdue rectifications, x 差): 5 of 9.
        #expect(summary.strongestCount == 5 && summary.strongestShare == 5.0 / 9.0 && summary.target == 0.5)
        #expect(summary.grades[.good] == 8 && summary.grades[.poor] == 1)
    }

    /// A quarter has ended only once its last day is over: on 30 June the year view still averages
    /// Q1 alone; on 1 July Q1 and Q2. (On 31 March nothing has ended, so the current quarter, Q1, is
    /// shown — the same answer either way, which is why this boundary is tested at Q2.)
    @Test func aQuarterEndsTheDayAfterItsLastDay() {
        func counted(_ iso: String, year: Int = 2026) -> [Int] { ScoringEngine.countedQuarters(year: year, asOf: Day(iso: iso)!).map(\.number) }
        #expect(counted("2026-06-30") == [1])
        #expect(counted("2026-07-01") == [1, 2])
        #expect(counted("2026-12-31") == [1, 2, 3])
        #expect(counted("2027-01-01") == [1, 2, 3, 4])
        #expect(counted("2026-03-31") == [1])
        #expect(counted("2026-05-01", year: 2025) == [1, 2, 3, 4])
        #expect(counted("2026-05-01", year: 2027) == [1])
    }
}

/// When a rectification is overdue, by hand: due 10 May, it is overdue from 11 May (not on the
/// day itself) until it is closed, and its state on a day is its history replayed up to that day.
@Suite struct OverdueBoundaryTests {
    @Test func overdueFromTheDayAfterItsDueDayUntilClosed() {
        let d = { (s: String) in Day(iso: s)! }
        var r = Rectification(id: "z1", branchId: "b1", category: "team", description: "问题", owner: "书记",
                              openedOn: d("2026-04-10"), dueOn: d("2026-05-10"))
        #expect(!r.isOverdue(on: d("2026-05-10")) && r.isOverdue(on: d("2026-05-11")))
        #expect(!r.isOverdue(on: d("2026-04-09")))                    // not yet opened
        r.history = [RectificationEvent(date: d("2026-05-20"), from: .open, to: .inProgress),
                     RectificationEvent(date: d("2026-06-01"), from: .inProgress, to: .submitted, note: "材料"),
                     RectificationEvent(date: d("2026-06-05"), from: .submitted, to: .closed, acceptedBy: "组织部")]
        r.status = .closed
        #expect(r.status(on: d("2026-05-25")) == .inProgress && r.isOverdue(on: d("2026-05-25")))
        #expect(r.status(on: d("2026-06-04")) == .submitted && r.isOverdue(on: d("2026-06-04")))
        #expect(r.status(on: d("2026-06-05")) == .closed && !r.isOverdue(on: d("2026-06-05")))
    }
}

/// Which of a requirement's periods a span of months holds, by hand: only whole ones.
@Suite struct RequirementPeriodTests {
    @Test func aSpanHoldsOnlyTheWholePeriodsInsideIt() {
        let periods = { (p: RequirementPeriod, m: ClosedRange<Int>) in ComplianceCalculator.periods(p, within: m) }
        #expect(periods(.month, 4...6) == [4...4, 5...5, 6...6])
        #expect(periods(.quarter, 1...3) == [1...3])
        #expect(periods(.quarter, 1...1) == [])           // a quarterly requirement is not judged on its first month
        #expect(periods(.quarter, 2...4) == [])           // nor on months straddling two quarters
        #expect(periods(.year, 1...3) == [] && periods(.year, 1...12) == [1...12])
        #expect(periods(.quarter, 1...12) == [1...3, 4...6, 7...9, 10...12])
    }
}
