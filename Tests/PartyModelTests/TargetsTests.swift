import Testing
import TestSupport
@testable import PartyModel

/// 目标 (issue 17): each computed metric on a crafted workspace, worked out by hand; a figure entered by
/// hand with its denominator; the status and its alert on the right day and not the day before.
@Suite struct TargetsTests {
    static func d(_ s: String) -> Day { Day(iso: s)! }
    static func q(_ n: Int, _ year: Int = 2026) -> Quarter { Quarter(year: year, number: n)! }

    /// Three branches without a committee or groups, members entered (no roster): a (其他, 5), b (机关, 6),
    /// c (机关, 4). 三会一课 for them is 支部党员大会 ≥ 1 and 党课 ≥ 1 a quarter.
    /// Q1 2026: a holds both (met); b only the 大会 (not met); c nothing. Q2: a and b both hold both; c nothing.
    /// Checks of Q1: a on 04-10, b on 04-18; c none. 经费: b 4,000 活动经费 on 03-01, c 1,000 on 05-01 and
    /// spends 300 on 05-02.
    static func workspace() -> Workspace {
        func branch(_ id: String, _ sector: Sector, _ full: Int) -> Branch {
            Branch(id: id, name: "支部\(id)", parentId: "pc", sector: sector, fullMembers: full, secretary: "书记\(id)")
        }
        func meeting(_ id: String, _ b: String, _ kind: ActivityKind, _ day: String) -> Activity {
            Activity(id: id, branchId: b, kind: kind, date: d(day), title: "t")
        }
        var ws = Workspace(settings: WorkspaceSettings(name: "目标", currentYear: 2026),
                           organisation: Organisation(committee: Committee(id: "pc", name: "党委"),
                                                      branches: [branch("a", .other, 5), branch("b", .government, 6), branch("c", .government, 4)]),
                           activities: [
                               meeting("x1", "a", .generalMeeting, "2026-01-15"), meeting("x2", "a", .partyLesson, "2026-02-15"),
                               meeting("x3", "b", .generalMeeting, "2026-03-10"),
                               meeting("x4", "a", .generalMeeting, "2026-04-15"), meeting("x5", "a", .partyLesson, "2026-05-15"),
                               meeting("x6", "b", .generalMeeting, "2026-04-20"), meeting("x7", "b", .partyLesson, "2026-06-20"),
                           ],
                           plan: WorkPlan(title: "", year: 2026, sections: [PlanSection(id: "s1", title: "组织生活")]))
        ws.checks = [QuarterlyCheck(id: "k1", branchId: "a", year: 2026, quarter: 1, date: d("2026-04-10")),
                     QuarterlyCheck(id: "k2", branchId: "b", year: 2026, quarter: 1, date: d("2026-04-18"))]
        ws.funds = [FundsEntry(id: "f1", date: d("2026-03-01"), organisationId: "b", amount: 4000, direction: .allocated, category: .activity),
                    FundsEntry(id: "f2", date: d("2026-05-01"), organisationId: "c", amount: 1000, direction: .allocated, category: .activity),
                    FundsEntry(id: "f3", date: d("2026-05-02"), organisationId: "c", amount: 300, direction: .spent, category: .activity)]
        return ws
    }

    static func actual(_ ws: Workspace, _ t: Target, _ day: String) -> Double? { TargetEvaluator(ws).actual(t, on: d(day))?.value }

    @Test func threeMeetingsOneLessonIsTheShareOfBranchesFullyMet() {
        let ws = Self.workspace()
        let t = Target(id: "t", title: "三会一课", metric: .threeMeetingsOneLesson, value: 1)
        // On 04-10 the last quarter ended is Q1: a met, b half (大会 without 党课), c none → 1 / 3.
        let q1 = TargetEvaluator(ws).actual(t, on: Self.d("2026-04-10"))!
        #expect(q1.value == 1.0 / 3.0 && q1.numerator == 1 && q1.denominator == 3)
        // On Q1's last day the quarter is its own: the same 1 / 3; the day before, 2025 Q4 (nothing held) → 0 / 3.
        #expect(Self.actual(ws, t, "2026-03-31") == 1.0 / 3.0)
        #expect(Self.actual(ws, t, "2026-03-30") == 0)
        // Q2 (from 06-30): a and b met, c not → 2 / 3. Only the 机关 branches (b, c): 1 / 2.
        #expect(Self.actual(ws, t, "2026-07-05") == 2.0 / 3.0)
        var gov = t; gov.sectors = [.government]
        #expect(Self.actual(ws, gov, "2026-07-05") == 0.5)
        // Branch a alone (organisationId): 1 / 1.
        var a = t; a.organisationId = "a"
        #expect(Self.actual(ws, a, "2026-07-05") == 1)
        // The rule is the compliance calculator's: the same branches are judged met there.
        let calc = ComplianceCalculator(ws)
        #expect(ws.organisation.branches.filter { calc.quarter($0, Self.q(2)).threeMeetingsOneLesson == 1 }.map(\.id) == ["a", "b"])
    }

    @Test func quarterlyCheckCountsTheQuarterWhoseGracePeriodHasPassed() {
        let ws = Self.workspace()
        let t = Target(id: "t", title: "检查", metric: .quarterlyCheck, value: 1)
        // Q1's grace (15 days) ends 04-15: on 04-15 the quarter judged is still 2025 Q4 (no checks) → 0 / 3.
        #expect(Self.actual(ws, t, "2026-04-15") == 0)
        // 04-16: Q1; a's check (04-10) is held, b's (04-18) not yet → 1 / 3.
        #expect(Self.actual(ws, t, "2026-04-16") == 1.0 / 3.0)
        // 04-18: both → 2 / 3.
        #expect(Self.actual(ws, t, "2026-04-18") == 2.0 / 3.0)
    }

    @Test func membersAndFundsPerMember() {
        let ws = Self.workspace()
        // Members entered: 5 + 6 + 4 = 15; the 机关 branches 6 + 4 = 10; branch a 5.
        let all = Target(id: "m", title: "党员", metric: .members, value: 10)
        #expect(Self.actual(ws, all, "2026-06-30") == 15)
        #expect(Self.actual(ws, Target(id: "m", title: "党员", metric: .members, sectors: [.government], value: 10), "2026-06-30") == 10)
        #expect(Self.actual(ws, Target(id: "m", title: "党员", metric: .members, organisationId: "a", value: 10), "2026-06-30") == 5)
        // 经费 per member of the 机关 branches: on 04-30 only b's 4,000 → 4,000 / 10 = 400 元;
        // on 06-30 also c's 1,000 (its 300 spent does not count) → 5,000 / 10 = 500 元.
        let funds = Target(id: "f", title: "人均经费", metric: .fundsPerMember, sectors: [.government], value: 800)
        #expect(Self.actual(ws, funds, "2026-04-30") == 400)
        let june = TargetEvaluator(ws).actual(funds, on: Self.d("2026-06-30"))!
        #expect(june.value == 500 && june.numerator == 5000 && june.denominator == 10)
        #expect(funds.figureUnit == .yuan && TargetUnit.yuan.format(500) == "500.00元")
    }

    /// Six members on a roster: m1–m4 with 32 h entered on 06-30, m5 32 h on 09-15, m6 none.
    /// On 03-31: 0 / 6; on 06-30: 4 / 6; on 09-30: 5 / 6. The hours entered after a day do not count on it.
    @Test func trainingHoursShareWithTheHoursRecordedByTheDay() {
        let ids = (1...6).map { "m\($0)" }
        let members = ids.map { Member(id: $0, name: $0, branchId: "b") }
        var entries = ids.prefix(4).map { MemberLedgerTests.hours($0, 32) }
        entries.append(TrainingEntry(id: "tr-m5", memberId: "m5", branchId: "b", date: Self.d("2026-09-15"), hours: 32, provider: "网络学院", title: "课程"))
        let ws = MemberLedgerTests.workspace(members: members, entries: entries)
        let t = Target(id: "t", title: "学时", metric: .trainingHours, value: 1)
        #expect(Self.actual(ws, t, "2026-03-31") == 0)
        #expect(Self.actual(ws, t, "2026-06-30") == 4.0 / 6.0)
        #expect(Self.actual(ws, t, "2026-09-30") == 5.0 / 6.0)
        // The whole year, as the member ledger counts it: 5 of 6 reach.
        #expect(ComplianceCalculator(ws).members.training("b", year: 2026).reached == 5)
    }

    /// The 发展党员 workspace of DevelopmentTests.funnelAndTargetsByHand: b1 has an applicant, an activist
    /// (student), a 发展对象 (student), a probationary member approved 2026-03-02 (student dues), one full;
    /// students b1 40, overall 100. Reserve in b1: 3; developed this year: 1; student members 1; student
    /// reserve 2 → 1 / 100 = 1 % and 2 / 100 = 2 % overall; 1 / 40 and 2 / 40 for b1 alone.
    @Test func pipelineCountsAndSeed003RatiosAreThoseOfTheDevelopmentTargets() {
        var ws = DevelopmentTests.workspace()
        ws.members.append(Member(id: "m9", name: "新", branchId: "b1", status: .probationary, acceptedOn: Self.d("2026-02-20"),
                                 probationEnds: Self.d("2027-02-20"), dues: .student))
        func step(_ kind: DevelopmentStepKind, _ day: String) -> DevelopmentStep { DevelopmentTests.step(kind, day) }
        ws.candidates = [
            Candidate(id: "1", name: "甲", branchId: "b1", steps: [step(.application, "2026-05-01")]),
            Candidate(id: "2", name: "乙", branchId: "b1", stage: .activist, student: true, steps: [step(.activistChosen, "2026-02-01")]),
            Candidate(id: "3", name: "丙", branchId: "b1", stage: .developmentTarget, student: true, steps: [step(.targetChosen, "2026-01-10")]),
            Candidate(id: "4", name: "新", branchId: "b1", stage: .probationary, student: true,
                      steps: [step(.branchMeeting, "2026-02-20"), step(.approval, "2026-03-02")], memberId: "m9"),
            Candidate(id: "5", name: "丁", branchId: "b1", stage: .full,
                      steps: [step(.branchMeeting, "2024-02-20"), step(.approval, "2024-03-02"), step(.fullApproval, "2025-03-01")]),
        ]
        ws.developmentTargets = DevelopmentTargets(years: [DevelopmentYear(year: 2026, plan: ["b1": 3], students: ["b1": 40], studentsTotal: 100)])
        let day = "2026-11-21"
        #expect(Self.actual(ws, Target(id: "p", title: "后备", metric: .pipeline, value: 1), day) == 3)
        #expect(Self.actual(ws, Target(id: "p", title: "发展", metric: .pipeline, stage: "developed", value: 1), day) == 1)
        #expect(Self.actual(ws, Target(id: "p", title: "积极分子", metric: .pipeline, stage: "activist", value: 1), day) == 1)
        // Before the approval (03-01) nobody is developed this year.
        #expect(Self.actual(ws, Target(id: "p", title: "发展", metric: .pipeline, stage: "developed", value: 1), "2026-03-01") == 0)
        let students = Target(id: "s", title: "学生党员", metric: .studentMemberShare, value: 0.0383)
        let reserve = Target(id: "r", title: "后备力量", metric: .reserveShare, value: 0.429)
        #expect(Self.actual(ws, students, day) == 0.01 && Self.actual(ws, reserve, day) == 0.02)
        var b1 = reserve; b1.organisationId = "b1"
        #expect(Self.actual(ws, b1, day) == 2.0 / 40.0)
        // By sector (学校: b1 and b2): only b1 has students entered → 2 / 40; b2 alone has none → not known.
        var school = reserve; school.sectors = [.school]
        #expect(Self.actual(ws, school, day) == 2.0 / 40.0)
        var b2 = students; b2.organisationId = "b2"
        #expect(Self.actual(ws, b2, day) == nil)
        // The same figures as `partydesk development targets`.
        let figures = DevelopmentPipeline.targets(ws, asOf: Self.d(day))
        #expect(figures.total.studentMemberShare == Self.actual(ws, students, day) && figures.total.reserveShare == Self.actual(ws, reserve, day))
        // Without students entered the ratio is not known (nil), and the target is not met.
        ws.developmentTargets = DevelopmentTargets()
        #expect(Self.actual(ws, students, day) == nil)
        #expect(TargetEvaluator(ws).evaluate(students, asOf: Self.d(day)).status == .onTrack)
    }

    /// 最强: the scoring engine's year view decides which branches are strongest; the target counts them.
    /// The demo on 2026-11-21: 4 of its 15 branches are 最强 (26.7 %), 1 of its 4 机关 branches.
    @Test func strongestIsTheScoringEnginesShare() {
        let ws = DemoWorkspace.make(asOf: testAsOf)
        let table = ScoringEngine(ws).year(2026, asOf: testAsOf)
        let t = Target(id: "t", title: "最强", metric: .strongest, value: 0.5)
        let figure = TargetEvaluator(ws).actual(t, on: testAsOf)!
        #expect(figure.numerator == Double(table.summary.strongestCount) && figure.denominator == Double(table.branches.count))
        #expect(figure.numerator == 4 && figure.denominator == 15 && figure.value == table.summary.strongestShare)
        var gov = t; gov.sectors = [.government]
        let government = Set(ws.organisation.branches.filter { $0.sector == .government }.map(\.id))
        let strongGov = table.branches.filter { government.contains($0.branchId) && $0.strongest }.count
        #expect(TargetEvaluator(ws).actual(gov, on: testAsOf) == TargetFigure(Double(strongGov) / 4, numerator: Double(strongGov), denominator: 4))
    }

    /// 两新组织党组织覆盖率 ≥ 85 %, entered by hand: Q1 31 of 38 (81.6 %), Q2 33 of 38 (86.8 %). Milestone Q1 80 %.
    /// A figure of a quarter counts from the quarter's first day.
    @Test func aFigureEnteredByHandWithItsDenominator() {
        var ws = Self.workspace()
        let t = Target(id: "two-new", title: "两新覆盖", metric: .manual, value: 0.85, deadline: Self.d("2026-12-31"),
                       milestones: [TargetMilestone(quarter: Self.q(1), value: 0.8)], source: "seed 001",
                       actuals: [TargetActual(quarter: Self.q(1), value: 31, denominator: 38), TargetActual(quarter: Self.q(2), value: 33, denominator: 38)])
        ws.targets = TargetsFile(targets: [t])
        #expect(t.figureUnit == .share)
        #expect(Self.actual(ws, t, "2025-12-31") == nil)
        let march = TargetEvaluator(ws).actual(t, on: Self.d("2026-03-31"))!
        #expect(march.value == 31.0 / 38.0 && march.numerator == 31 && march.denominator == 38)
        #expect(Self.actual(ws, t, "2026-04-01") == 33.0 / 38.0)
        // 31/38 = 0.8158 ≥ 0.80 → Q1's milestone reached: on 04-01 33/38 = 0.868 ≥ 0.85 → 达成.
        let e = TargetEvaluator(ws).evaluate(t, asOf: Self.d("2026-05-01"))
        #expect(e.status == .met && e.trend.map(\.actual?.value) == [31.0 / 38.0, 33.0 / 38.0] && e.trend.map(\.partial) == [false, true])
        // Recording Q2 again replaces it; quarters stay in order.
        let again = t.recording(TargetActual(quarter: Self.q(2), value: 30, denominator: 40))
        #expect(again.actuals.map(\.quarter) == [Self.q(1), Self.q(2)] && again.actuals[1].figure == 0.75)
        // Without a denominator it is the figure itself.
        #expect(TargetActual(quarter: Self.q(1), value: 12).figure == 12)
        #expect(Validator.validate(ws).isEmpty, "\(Validator.validate(ws))")
    }

    /// A target of 100 % of branches meeting 三会一课, milestone Q1 ≥ 50 %: Q1 ended with 1 / 3 (33 %).
    /// The milestone is judged from the day after Q1's last day: on 03-31 进行中 and no alert; on 04-01
    /// 落后 with a target.behind alert. After the deadline (2026-06-30, 2 / 3) it is 未达成, an alert
    /// target.missed for 92 days.
    @Test func aMilestoneMissedIsAnAlertFromTheDayAfterItsQuarter() {
        var ws = Self.workspace()
        let t = Target(id: "t-m", title: "三会一课全面达标", metric: .threeMeetingsOneLesson, value: 1, deadline: Self.d("2026-06-30"),
                       milestones: [TargetMilestone(quarter: Self.q(1), value: 0.5)])
        ws.targets = TargetsFile(targets: [t])
        func targetAlerts(_ day: String) -> [Alert] { AlertRules.alerts(ws, asOf: Self.d(day)).filter { $0.code.hasPrefix("target.") } }
        let before = TargetEvaluator(ws).evaluate(t, asOf: Self.d("2026-03-31"))
        #expect(before.status == .onTrack && before.milestone == nil && before.actual?.value == 1.0 / 3.0)
        #expect(targetAlerts("2026-03-31").isEmpty)
        let after = TargetEvaluator(ws).evaluate(t, asOf: Self.d("2026-04-01"))
        #expect(after.status == .behind && after.milestone == TargetMilestone(quarter: Self.q(1), value: 0.5))
        let alerts = targetAlerts("2026-04-01")
        #expect(alerts.map(\.kind) == [.targetBehind(target: "t-m", title: "三会一课全面达标", actual: 1.0 / 3.0, milestone: 0.5,
                                                     comparison: .atLeast, unit: .share, quarter: Self.q(1))])
        #expect(alerts.first?.severity == .warning && alerts.first?.branchId == "pc" && alerts.first?.code == "target.behind")
        #expect(alerts.first?.message(.zh) == "目标「三会一课全面达标」落后: 当前 33.3%, 2026年第1季度末应 ≥ 50.0%")
        // The deadline's day itself is judged as any day before it: Q2 has ended with 2 / 3, which reaches Q1's
        // 50 % but not 100 % → 进行中, and the behind alert is gone.
        #expect(TargetEvaluator(ws).evaluate(t, asOf: Self.d("2026-06-30")).status == .onTrack && targetAlerts("2026-06-30").isEmpty)
        // The day after: missed, judged on the deadline (2 / 3), an alert until 92 days after it.
        let missed = TargetEvaluator(ws).evaluate(t, asOf: Self.d("2026-07-01"))
        #expect(missed.status == .missed && missed.judgedOn == Self.d("2026-06-30") && missed.actual?.value == 2.0 / 3.0)
        #expect(targetAlerts("2026-07-01").map(\.code) == ["target.missed"] && targetAlerts("2026-07-01").first?.severity == .critical)
        #expect(targetAlerts("2026-09-30").map(\.code) == ["target.missed"])
        #expect(targetAlerts("2026-10-01").isEmpty)
        // A target of 2 / 3 is met at the deadline, and stays met after it.
        var easy = t; easy.value = 0.6
        ws.targets = TargetsFile(targets: [easy])
        #expect(TargetEvaluator(ws).evaluate(easy, asOf: Self.d("2026-08-01")).status == .met && targetAlerts("2026-08-01").isEmpty)
    }

    @Test func comparisonsAtMostAndEqual() {
        #expect(TargetComparison.atMost.holds(2, 2) && !TargetComparison.atMost.holds(3, 2))
        #expect(TargetComparison.equal.holds(0.85, 0.85) && !TargetComparison.equal.holds(0.86, 0.85))
        #expect(TargetComparison.atLeast.holds(0.85, 0.85) && !TargetComparison.atLeast.holds(0.84, 0.85))
        // ≤: members of branch a at most 4 → 5 is not met; milestone ≤ 6 in Q1 is reached → 进行中.
        var ws = Self.workspace()
        let t = Target(id: "t", title: "a 的党员", metric: .members, organisationId: "a", comparison: .atMost, value: 4,
                       deadline: Self.d("2026-12-31"), milestones: [TargetMilestone(quarter: Self.q(1), value: 6)])
        ws.targets = TargetsFile(targets: [t])
        #expect(TargetEvaluator(ws).evaluate(t, asOf: Self.d("2026-05-01")).status == .onTrack)
    }

    @Test func validationNamesTheField() {
        var ws = Self.workspace()
        ws.targets = TargetsFile(targets: [
            Target(id: "x", title: "比例", planItem: "nope", metric: .threeMeetingsOneLesson, organisationId: "zz", value: 1.5),
            Target(id: "x", title: " ", metric: .pipeline, stage: "leader", value: 1,
                   actuals: [TargetActual(quarter: Self.q(1), value: 1, denominator: 0), TargetActual(quarter: Self.q(1), value: 2)]),
            Target(id: "ok", title: "ok", planItem: "s1", metric: .manual, value: 3),
        ])
        let issues = Validator.validate(targets: ws.targets, in: ws)
        #expect(issues.map(\.field) == ["planItem", "organisationId", "value", "id", "title", "stage", "actuals[0].denominator", "actuals[1].quarter"]
                || Set(issues.map(\.field)) == ["planItem", "organisationId", "value", "id", "title", "stage", "actuals[0].denominator", "actuals[1].quarter"])
        #expect(issues.contains { $0.record == .target(0) && $0.kind == .unknownPlanItem("nope") })
        #expect(issues.contains { $0.record == .target(1) && $0.kind == .duplicateId("x") })
        #expect(!issues.contains { $0.record == .target(2) })
        #expect(Validator.validate(ws).filter { if case .target = $0.record { true } else { false } }.count == issues.count)
    }

    /// The demo carries at least 8 of the seeds' targets, each with its seed noted, some met and some behind;
    /// its figures entered by hand exist only for quarters begun by its as-of day.
    @Test func theDemosTargets() throws {
        let ws = DemoWorkspace.make(asOf: testAsOf)
        let targets = ws.targets.targets
        #expect(targets.count >= 8 && targets.allSatisfy { $0.source?.hasPrefix("seed 00") == true })
        #expect(Set(targets.compactMap { $0.source?.prefix(8) }) == ["seed 000", "seed 001", "seed 003", "seed 004"])
        let statuses = TargetEvaluator(ws).evaluate(asOf: testAsOf, trend: false).map(\.status)
        #expect(statuses.filter { $0 == .met }.count == 3 && statuses.filter { $0 == .behind }.count == 4 && statuses.filter { $0 == .onTrack }.count == 3)
        // The 发展计划 (issue 19): accepted as probationary this year, as partydesk development targets counts them (4 of 26), on track until the year's end.
        let plan = try #require(TargetEvaluator(ws).evaluate(asOf: testAsOf, trend: false).first { $0.target.id == "t-development-plan" })
        #expect(plan.actual?.value == Double(DevelopmentPipeline.targets(ws, asOf: testAsOf).total.developed) && plan.actual?.value == 4)
        #expect(plan.target.value == Double(ws.developmentTargets.years.first { $0.year == 2026 }?.planTotal ?? 0) && plan.status == .onTrack)
        #expect(Validator.validate(targets: ws.targets, in: ws).isEmpty)
        let early = DemoWorkspace.make(asOf: Self.d("2026-05-10")).targets.targets.first { $0.id == "t-two-new" }!
        #expect(early.actuals.map(\.quarter) == [Self.q(1), Self.q(2)])
    }
}
