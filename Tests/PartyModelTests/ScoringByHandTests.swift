import Testing
import TestSupport
@testable import PartyModel

/// One branch worked through 2025 by hand. Every figure below is computed in the comments first.
///
/// Scheme (total 100): category A = 三会一课 (quarter, max 40) + check item "records" (quarter, 10)
/// + 组织生活会 (year, 5); category B = 主题党日 (quarter, 10) + 学习研讨 (year, 10) + 培训 (year, 10)
/// + manual assessment (year, 15). Quarter maxima: 60. Bonus cap 5. Deductions: 2 per overdue
/// rectification (cap 10), 5 for an overdue term.
///
/// Branch b: committee, one party group g1, 10 full + 2 probationary = 12 members.
/// Requirements (条例 2018, issue 15): 党员大会 ≥ 1 a quarter, 支委会 ≥ 1 a month, 党小组会 ≥ 1 a month
/// (one group), 党课 ≥ 1 a quarter → Σ 1 + 3 + 3 + 1 = 8 required per quarter; 主题党日 ≥ 1 a month → 3.
/// A monthly requirement is met month by month: `met` counts the months with at least one.
/// (Re-derived by hand for issue 15: Q1 now holds two 主题党日 and two group meetings in January
/// and none in February, so the monthly rule shows; Q2–Q4 give the same figures under both rules.)
@Suite struct ScoringByHandTests {
    static func d(_ s: String) -> Day { Day(iso: s)! }

    static let scheme = ScoringScheme(
        categories: [ScoreCategory(id: "A", name: "甲"), ScoreCategory(id: "B", name: "乙")],
        items: [
            ScoreItem(id: "meet", category: "A", title: "三会一课", max: 40, period: .quarter, source: .compliance(.threeMeetingsOneLesson)),
            ScoreItem(id: "rec", category: "A", title: "记录", max: 10, period: .quarter, source: .check("records")),
            ScoreItem(id: "life", category: "A", title: "组织生活会", max: 5, period: .year, source: .compliance(.organisationalLifeMeeting)),
            ScoreItem(id: "day", category: "B", title: "主题党日", max: 10, period: .quarter, source: .compliance(.themedPartyDay)),
            ScoreItem(id: "study", category: "B", title: "学习研讨", max: 10, period: .year, source: .compliance(.studySession)),
            ScoreItem(id: "train", category: "B", title: "培训", max: 10, period: .year, source: .compliance(.training)),
            ScoreItem(id: "assess", category: "B", title: "评价", max: 15, period: .year, source: .manual),
        ],
        deductions: Deductions(perOverdueRectification: 2, overdueRectificationCap: 10, termOverdue: 5),
        bonusCap: 5,
        grades: [GradeBand(grade: .good, minimum: 90), GradeBand(grade: .fairlyGood, minimum: 80),
                 GradeBand(grade: .average, minimum: 60), GradeBand(grade: .poor, minimum: 0)])

    static func workspace() -> Workspace {
        var n = 0
        var activities: [Activity] = []
        func add(_ kind: ActivityKind, _ date: String, group: String? = nil, hours: Double? = nil, attended: Int? = nil) {
            n += 1
            activities.append(Activity(id: "a\(n)", branchId: "b", kind: kind, date: d(date), title: "t\(n)",
                                       hours: hours, attended: attended, expected: attended, partyGroupId: group))
        }
        // Q1: 大会 1, 支委会 one each month (3 met), 小组会 4 held — two in January, none in February,
        //     two in March → met in January and March: 2 of 3; 党课 1 on 03-31; 主题党日 3 held — two in
        //     January, none in February, one in March → 2 of 3 met.
        //     三会一课 = (1+3+2+1)/8 = 7/8 = 0.875; 主题党日 = 2/3.
        add(.generalMeeting, "2025-01-10")
        for m in ["01", "02", "03"] { add(.committeeMeeting, "2025-\(m)-05") }
        for date in ["2025-01-20", "2025-01-25", "2025-03-20"] { add(.themedPartyDay, date) }
        for date in ["2025-01-12", "2025-01-13", "2025-03-12", "2025-03-13"] { add(.groupMeeting, date, group: "g1") }
        add(.partyLesson, "2025-03-31")
        // Q2: 大会 0, 支委会 2 (April, May), 小组会 2 (April, May), 党课 1 on 04-01, 主题党日 2 (April, May).
        //     三会一课 = (0+2+2+1)/8 = 0.625; 主题党日 = 2/3.
        add(.committeeMeeting, "2025-04-05"); add(.committeeMeeting, "2025-05-05")
        add(.groupMeeting, "2025-04-12", group: "g1"); add(.groupMeeting, "2025-05-12", group: "g1")
        add(.partyLesson, "2025-04-01")
        add(.themedPartyDay, "2025-04-20"); add(.themedPartyDay, "2025-05-20")
        // Q3: 大会 1, 支委会, 小组会 and 主题党日 one each month (3 each), 党课 0. 三会一课 = 7/8 = 0.875; 主题党日 = 1.
        add(.generalMeeting, "2025-07-10")
        for m in ["07", "08", "09"] {
            add(.committeeMeeting, "2025-\(m)-05"); add(.groupMeeting, "2025-\(m)-12", group: "g1"); add(.themedPartyDay, "2025-\(m)-20")
        }
        // Q4: 大会 2 held (the quarter met once: 1), 支委会 1 (October), 小组会 0, 党课 1, 主题党日 1 (October).
        //     三会一课 = 3/8 = 0.375; 主题党日 = 1/3.
        add(.generalMeeting, "2025-10-10"); add(.generalMeeting, "2025-11-10")
        add(.committeeMeeting, "2025-10-05"); add(.partyLesson, "2025-12-01"); add(.themedPartyDay, "2025-10-20")
        // A group meeting without a group, and one of another branch's group, count for nothing.
        add(.groupMeeting, "2025-12-05")
        // Year: 学习研讨 6 → 6/8 = 0.75. 组织生活会 1 → 1.
        // 培训: 8 h × 12 + 4 h × 6 = 120 h; 120 / 12 members = 10 h; 10 / 32 = 0.3125.
        for m in ["02", "04", "06", "08", "10", "12"] { add(.studySession, "2025-\(m)-15") }
        add(.organisationalLifeMeeting, "2025-12-20")
        add(.training, "2025-05-08", hours: 8, attended: 12)
        add(.training, "2025-09-08", hours: 4, attended: 6)
        // A 2024 activity does not count in 2025.
        add(.studySession, "2024-12-31")

        let branch = Branch(id: "b", name: "测试支部", parentId: "c", sector: .government, fullMembers: 10, probationaryMembers: 2,
                            hasCommittee: true, secretary: "甲", termStart: d("2022-10-01"), termEnd: d("2025-09-30"),
                            partyGroups: [PartyGroup(id: "g1", name: "第一党小组", size: 12)])
        let template = CheckTemplate(items: [CheckItem(id: "records", category: "A", title: "记录", maxPoints: 10, guidance: "")])
        // Checks: Q1 9, Q2 7.5, Q3 none (0), Q4 10.
        let checks = [
            QuarterlyCheck(id: "k1", branchId: "b", year: 2025, quarter: 1, date: d("2025-04-10"), points: ["records": 9]),
            QuarterlyCheck(id: "k2", branchId: "b", year: 2025, quarter: 2, date: d("2025-07-10"), points: ["records": 7.5]),
            QuarterlyCheck(id: "k4", branchId: "b", year: 2025, quarter: 4, date: d("2026-01-10"), points: ["records": 10]),
        ]
        // Rectifications, judged at the evaluation day 2025-12-31:
        //   r1 due 06-30, closed 06-20 → not overdue.
        //   r2 due 10-31, still in progress on 12-31 (closed 2026-01-15) → overdue: 2 points.
        //   r3 due 12-31, open → not overdue (due is not before 12-31).
        func rect(_ id: String, due: String, events: [(RectificationAction, String)]) -> Rectification {
            var r = Rectification(id: id, branchId: "b", sourceCheckId: "k1", category: "A", description: id, owner: "甲",
                                  openedOn: d("2025-04-10"), dueOn: d(due))
            for (action, day) in events { r = try! r.applying(action, on: d(day)).get() }
            return r
        }
        let rectifications = [
            rect("r1", due: "2025-06-30", events: [(.start, "2025-04-11"), (.submit(evidence: "材料"), "2025-06-01"), (.accept(acceptedBy: "乙"), "2025-06-20")]),
            rect("r2", due: "2025-10-31", events: [(.start, "2025-04-11"), (.submit(evidence: "材料"), "2026-01-05"), (.accept(acceptedBy: "乙"), "2026-01-15")]),
            rect("r3", due: "2025-12-31", events: []),
        ]
        return Workspace(
            settings: WorkspaceSettings(name: "测试", currentYear: 2025),
            organisation: Organisation(committee: Committee(id: "c", name: "党委"), branches: [branch]),
            activities: activities, plan: WorkPlan(title: "", year: 2025),
            checkTemplate: template, scoring: scheme, checks: checks, rectifications: rectifications,
            // Manual assessment 12; bonuses 4 + 3 = 7, capped at 5.
            manualScores: [ManualScore(branchId: "b", itemId: "assess", year: 2025, points: 12)],
            bonuses: [Bonus(branchId: "b", year: 2025, points: 4, reason: "x"), Bonus(branchId: "b", year: 2025, points: 3, reason: "y")])
    }

    let ws = ScoringByHandTests.workspace()
    let asOf = ScoringByHandTests.d("2026-03-01")

    @Test func theWorkspaceIsValid() {
        #expect(Validator.validate(ws).isEmpty)
    }

    @Test func quarterlyCompliance() {
        let c = ComplianceCalculator(ws)
        let b = ws.organisation.branches[0]
        let q = (1...4).map { c.quarter(b, Quarter(year: 2025, number: $0)!) }
        let expected3M1L: [Double] = [0.875, 0.625, 0.875, 0.375]
        let expectedThemed: [Double] = [2.0 / 3, 2.0 / 3, 1, 1.0 / 3]
        #expect(q.map(\.threeMeetingsOneLesson) == expected3M1L)
        #expect(q.map(\.themedPartyDay) == expectedThemed)
        #expect(q[0].kinds[.groupMeeting] == KindCount(held: 4, required: 3, met: 2))   // 4 held in 2 of the 3 months
        #expect(q[0].kinds[.themedPartyDay] == KindCount(held: 3, required: 3, met: 2)) // 3 held in 2 of the 3 months
        #expect(q[0].kinds[.committeeMeeting] == KindCount(held: 3, required: 3, met: 3))
        #expect(q[0].kinds[.partyLesson]?.held == 1)                               // 03-31 is Q1
        #expect(q[1].kinds[.partyLesson]?.held == 1)                               // 04-01 is Q2
        #expect(q[3].kinds[.generalMeeting] == KindCount(held: 2, required: 1, met: 1))  // shown as held, counted as 1
        #expect(q[3].kinds[.groupMeeting] == KindCount(held: 0, required: 3))      // the group-less meeting counts for nothing
        let y = c.year(b, 2025)
        #expect(y.studySession == KindCount(held: 6, required: 8))
        #expect(y.organisationalLifeMeeting == KindCount(held: 1, required: 1))
        #expect(y.democraticReview == KindCount(held: 0, required: 1))
        #expect(y.trainingAverageHours == 10)
        #expect(y.training == 0.3125)
    }

    @Test func yearScore() throws {
        let table = ScoringEngine(ws).year(2025, asOf: asOf)
        #expect(!table.provisional)
        #expect(table.countedQuarters == [1, 2, 3, 4])
        let s = try #require(table.branches.first)
        // Quarter scores: Q1 35 + 6.667 + 9 = 50.667; Q2 25 + 6.667 + 7.5 = 39.167; Q3 35 + 10 + 0 = 45; Q4 15 + 3.333 + 10 = 28.333.
        #expect(abs(s.quarterScores[1]! - (44 + 20.0 / 3)) < 1e-9)
        #expect(abs(s.quarterScores[2]! - (25 + 20.0 / 3 + 7.5)) < 1e-9)
        #expect(abs(s.quarterScores[3]! - 45) < 1e-9)
        #expect(abs(s.quarterScores[4]! - (15 + 10.0 / 3 + 10)) < 1e-9)
        // Mean of quarters = (146.5 + 50/3) / 4 = 163.1667 / 4 = 40.7917. Year items: 7.5 + 3.125 + 5 + 12 = 27.625.
        // Bonus min(7, 5) = 5. Deductions: 1 overdue × 2 + term overdue 5 = 7.
        // Total = 40.7917 + 27.625 + 5 − 7 = 66.4167 → 66.42 → 一般.
        #expect(s.bonus == 5)
        #expect(s.deduction == 7)
        #expect(s.overdueRectifications == 1)
        #expect(s.termOverdue)
        #expect(s.total == 66.42)
        #expect(s.grade == .average)
        // Category A = mean(35, 25, 35, 15) + mean(9, 7.5, 0, 10) + 5 = 27.5 + 6.625 + 5 = 39.125.
        // Category B = mean(6.667, 6.667, 10, 3.333) + 7.5 + 3.125 + 12 = 20/3 + 22.625 = 29.2917.
        #expect(abs(s.categories["A"]! - 39.125) < 1e-9)
        #expect(abs(s.categories["B"]! - (20.0 / 3 + 22.625)) < 1e-9)
        #expect(s.rank == 1)
        #expect(!s.strongest)
        #expect(table.summary.count == 1 && table.summary.mean == 66.42 && table.summary.grades[.average] == 1)
        #expect(table.summary.target == 0.5)   // 2023 and later: 50 %
    }

    @Test func quarterScores() throws {
        let engine = ScoringEngine(ws)
        // Q2: 39.1667 / 60 × 100 = 65.2777… → 65.28. At 06-30 nothing is overdue and the term runs to 09-30.
        let q2 = try #require(engine.quarter(Quarter(year: 2025, number: 2)!, asOf: asOf).branches.first)
        #expect(q2.total == 65.28)
        #expect(q2.deduction == 0)
        #expect(q2.grade == .average)
        // Q4: 28.3333 / 60 × 100 = 47.2222 − 7 (r2 overdue, term overdue) = 40.2222 → 40.22, 差. No bonus in a quarter.
        let q4 = try #require(engine.quarter(Quarter(year: 2025, number: 4)!, asOf: asOf).branches.first)
        #expect(q4.total == 40.22)
        #expect(q4.bonus == 0)
        #expect(q4.grade == .poor)
        // Q3: 45 / 60 × 100 = 75; at 09-30 the term has not yet ended (end 09-30 is not before 09-30), r2 not due.
        let q3 = try #require(engine.quarter(Quarter(year: 2025, number: 3)!, asOf: asOf).branches.first)
        #expect(q3.total == 75)
        // Q1: 50.6667 / 60 × 100 = 84.444 → 84.44, 较好 (nothing opened yet on 03-31; the term runs).
        let q1 = try #require(engine.quarter(Quarter(year: 2025, number: 1)!, asOf: asOf).branches.first)
        #expect(q1.total == 84.44)
        #expect(q1.grade == .fairlyGood)
    }

    @Test func yearInProgressAveragesEndedQuartersOnly() throws {
        let engine = ScoringEngine(ws)
        // As of 2025-08-15: Q1 and Q2 have ended. Mean = (50.6667 + 39.1667) / 2 = 44.9167.
        let mid = engine.year(2025, asOf: Self.d("2025-08-15"))
        #expect(mid.provisional)
        #expect(mid.countedQuarters == [1, 2])
        let s = try #require(mid.branches.first)
        // The two quarters as worked out by hand above (not the engine's own figures averaged).
        #expect(abs(s.quarterScores[1]! - (44 + 20.0 / 3)) < 1e-9 && abs(s.quarterScores[2]! - (25 + 20.0 / 3 + 7.5)) < 1e-9)
        #expect(s.quarterScores.keys.sorted() == [1, 2])
        // As of 2025-02-10 no quarter has ended: the current quarter as it stands (Q1 = 50.6667).
        let early = engine.year(2025, asOf: Self.d("2025-02-10"))
        #expect(early.countedQuarters == [1])
        #expect(abs(early.branches.first!.quarterScores[1]! - (44 + 20.0 / 3)) < 1e-9)
        // A quarter ends the day after its last day. Seen at Q2 (at Q1 both days give [1]: none
        // ended yet shows the current one): on 06-30 Q2 still runs, on 07-01 it has ended.
        #expect(ScoringEngine.countedQuarters(year: 2025, asOf: Self.d("2025-06-30")).map(\.number) == [1])
        #expect(ScoringEngine.countedQuarters(year: 2025, asOf: Self.d("2025-07-01")).map(\.number) == [1, 2])
        let lastDayOfQ2 = engine.year(2025, asOf: Self.d("2025-06-30"))
        #expect(lastDayOfQ2.countedQuarters == [1] && abs(lastDayOfQ2.branches.first!.quarterScores[1]! - (44 + 20.0 / 3)) < 1e-9)
    }

    @Test func currentQuarterProgress() throws {
        let c = ComplianceCalculator(ws)
        let b = ws.organisation.branches[0]
        let q2 = Quarter(year: 2025, number: 2)!
        // As of 2025-05-20: April has ended. Periods ended: April's for the monthly kinds; the quarterly
        // 大会 and 党课 are not yet due. Required to date: 支委会 1, 小组会 1, 主题党日 1, 大会 0, 党课 0;
        // met: April has a 支委会 (04-05), a group meeting (04-12) and a 主题党日 (04-20) → nothing behind.
        let p = try #require(c.quarter(b, q2, asOf: Self.d("2025-05-20")).progress)
        #expect(p.monthsEnded == 1)
        #expect(p.requiredToDate == ["generalMeeting": 0, "committeeMeeting": 1, "groupMeeting": 1, "partyLesson": 0, "themedPartyDay": 1])
        #expect(p.metToDate == p.requiredToDate)
        #expect(p.behind.isEmpty && p.dueSoon.isEmpty)     // May is not the quarter's last month
        // As of 06-15 (the last month): April and May each had one of each monthly kind → nothing behind;
        // due by 06-30: June's 支委会, 小组会 and 主题党日 (none yet) and the quarter's 大会 (none); the 党课 (04-01) is met.
        let june = try #require(c.quarter(b, q2, asOf: Self.d("2025-06-15")).progress)
        #expect(june.behind.isEmpty)
        #expect(june.dueSoon == [.generalMeeting, .committeeMeeting, .groupMeeting, .themedPartyDay])
        // As of 2025-03-05: January and February have ended; February had no group meeting and no 主题党日.
        let march = try #require(c.quarter(b, Quarter(year: 2025, number: 1)!, asOf: Self.d("2025-03-05")).progress)
        #expect(march.behind == [.groupMeeting, .themedPartyDay])
        #expect(march.dueSoon.isEmpty)   // March has all it needs (03-05, 03-12, 03-20; 大会 01-10, 党课 03-31)
        // The quarter's 2nd day: nothing has ended, nothing is behind.
        let second = try #require(c.quarter(b, q2, asOf: Self.d("2025-04-02")).progress)
        #expect(second.monthsEnded == 0 && second.behind.isEmpty && second.dueSoon.isEmpty)
        // Another quarter has no progress figures.
        #expect(c.quarter(b, Quarter(year: 2025, number: 1)!, asOf: Self.d("2025-05-20")).progress == nil)
    }
}
