import Testing
import TestSupport
@testable import PartyModel

@Suite struct RulesEdgeCaseTests {
    static func d(_ s: String) -> Day { Day(iso: s)! }

    static func branch(_ id: String = "b", full: Int = 5, probationary: Int = 0, committee: Bool = false, joint: Bool = false,
                       groups: Int = 0, secretary: String? = "书记", termEnd: Day? = d("2030-01-01")) -> Branch {
        Branch(id: id, name: "支部\(id)", parentId: "c", sector: .other, fullMembers: full, probationaryMembers: probationary,
               isJointBranch: joint, hasCommittee: committee, secretary: secretary, termStart: termEnd.map { $0.adding(months: -36) },
               termEnd: termEnd, partyGroups: (0..<groups).map { PartyGroup(id: "\(id)-g\($0)", name: "组\($0)", size: 5) })
    }

    static func workspace(_ branches: [Branch], activities: [Activity] = [], members: [Member] = []) -> Workspace {
        Workspace(settings: WorkspaceSettings(name: "边界", currentYear: 2026),
                  organisation: Organisation(committee: Committee(id: "c", name: "党委"), branches: branches),
                  members: members, activities: activities, plan: WorkPlan(title: "", year: 2026))
    }

    @Test func noActivitiesNoCommitteeNoGroups() {
        let b = Self.branch()
        let c = ComplianceCalculator(Self.workspace([b]))
        let q = c.quarter(b, Quarter(year: 2026, number: 1)!)
        // Required: 大会 1, 支委会 0 (no committee), 小组会 0 (no groups), 党课 1 → 0 / 2.
        #expect(q.kinds[.committeeMeeting] == KindCount(held: 0, required: 0))
        #expect(q.kinds[.groupMeeting] == KindCount(held: 0, required: 0))
        #expect(q.threeMeetingsOneLesson == 0)
        #expect(q.themedPartyDay == 0)
        #expect(KindCount(held: 0, required: 0).ratio == 1)
    }

    @Test func nothingRequiredMeansFullMarks() {
        var rules = Rules()
        rules.requirements[.generalMeeting]?.count = 0
        rules.requirements[.partyLesson] = nil
        let b = Self.branch()
        let c = ComplianceCalculator(rules: rules, index: LedgerIndex([]))
        #expect(c.quarter(b, Quarter(year: 2026, number: 1)!).threeMeetingsOneLesson == 1)
    }

    @Test func leapDayCountsInTheFirstQuarter() {
        let b = Self.branch()
        let lesson = Activity(id: "a", branchId: "b", kind: .partyLesson, date: Self.d("2024-02-29"), title: "党课")
        let c = ComplianceCalculator(Self.workspace([b], activities: [lesson]))
        #expect(c.quarter(b, Quarter(year: 2024, number: 1)!).kinds[.partyLesson]?.held == 1)
        #expect(c.quarter(b, Quarter(year: 2024, number: 2)!).kinds[.partyLesson]?.held == 0)
    }

    @Test func zeroMembersEarnNoTrainingPoints() {
        // Changed by issue 15: a branch with nobody in it trained nobody, so its ratio is 0, not 1.
        let b = Self.branch(full: 0)
        let y = ComplianceCalculator(Self.workspace([b])).year(b, 2026)
        #expect(y.trainingAverageHours == 0)
        #expect(y.training == 0)
    }

    @Test func jointBranchWithFewMembersRaisesNoSizeAlert() {
        let joint = Self.branch("j", full: 2, joint: true)
        let small = Self.branch("s", full: 2)
        let codes = AlertRules.alerts(Self.workspace([joint, small]), asOf: Self.d("2026-11-21"))
        #expect(!codes.contains { $0.branchId == "j" && $0.code == "org.too-few-full-members" })
        #expect(codes.contains { $0.branchId == "s" && $0.code == "org.too-few-full-members" })
    }

    @Test func alertThresholdsAtTheirBoundaries() {
        let asOf = Self.d("2026-11-21")
        let branches = [
            Self.branch("t6", termEnd: Self.d("2027-05-21")),          // exactly 6 months → within 6
            Self.branch("t7", termEnd: Self.d("2027-05-22")),          // one day later → no reminder
            Self.branch("t3", termEnd: Self.d("2027-02-21")),          // within 3
            Self.branch("t0", termEnd: Self.d("2026-11-20")),          // overdue
            Self.branch("tn", termEnd: nil),                           // unknown
            Self.branch("c7", full: 7),                                // 7 full, no committee → alert
            Self.branch("c6", full: 6),                                // 6 → none
            Self.branch("m50", full: 50, committee: true, groups: 5),  // 50 → "达到50人以上" includes 50 (changed by issue 15)
            Self.branch("m51", full: 51, committee: true, groups: 5),  // over 50
            Self.branch("m100", full: 100, committee: true, groups: 10), // should be a committee (not also "over 50")
            Self.branch("g20", full: 15, probationary: 5, committee: true), // 20 without groups
            Self.branch("g19", full: 14, probationary: 5, committee: true), // 19 → none
            Self.branch("sv", secretary: "  "),                        // blank secretary = vacant
        ]
        let alerts = AlertRules.alerts(Self.workspace(branches), asOf: asOf)
        func has(_ branch: String, _ code: String) -> Bool { alerts.contains { $0.branchId == branch && $0.code == code } }
        #expect(has("t6", "term.ends-within-6m") && !has("t6", "term.ends-within-3m"))
        #expect(!alerts.contains { $0.branchId == "t7" && $0.code.hasPrefix("term.") })
        #expect(has("t3", "term.ends-within-3m"))
        #expect(has("t0", "term.overdue"))
        #expect(has("tn", "term.unknown"))
        #expect(has("c7", "org.no-committee") && !has("c6", "org.no-committee"))
        #expect(has("m50", "org.over-branch-size") && has("m51", "org.over-branch-size"))
        #expect(has("m100", "org.over-committee-threshold") && !has("m100", "org.over-branch-size"))
        #expect(has("g20", "org.no-party-groups") && !has("g19", "org.no-party-groups"))
        #expect(has("sv", "leadership.secretary-vacant"))
        // Severity order: critical first.
        #expect(alerts.first?.severity == .critical)
        #expect(zip(alerts, alerts.dropFirst()).allSatisfy { $0.severity >= $1.severity })
        let t3 = alerts.first { $0.branchId == "t3" && $0.code.hasPrefix("term.") }!
        #expect(t3.severity == .warning)
        #expect(t3.message(.zh).contains("2027-02-21"))
    }

    @Test func duesArrearsFromTheRoster() {
        let asOf = Self.d("2026-11-21")   // the months before November are due (the current month is still payable)
        // A member who paid months 1…n of 2025 and 1…m of 2026; arrears are the consecutive unpaid
        // months counted back from October (schema 3 summed unpaid months over the two years: now
        // a paid month ends the run).
        func member(_ id: String, _ paid2025: Int, _ paid2026: Int, joined: String? = nil, covering: [String]? = nil) -> (Member, [DuesPayment]) {
            let months = covering.map { $0.map { YearMonth(iso: $0)! } }
                ?? ((1...12).prefix(paid2025).map { YearMonth(year: 2025, month: $0)! } + (1...12).prefix(paid2026).map { YearMonth(year: 2026, month: $0)! })
            return (Member(id: id, name: id, branchId: "b", joinDate: joined.map(Self.d)),
                    months.isEmpty ? [] : [DuesPayment(id: "p-\(id)", memberId: id, branchId: "b", months: months, amount: nil, paidOn: nil)])
        }
        func arrears(_ m: (Member, [DuesPayment])) -> Int {
            MemberLedger(rules: Rules(), members: [m.0], payments: m.1).arrears(m.0, asOf: asOf)
        }
        #expect(arrears(member("a", 12, 10)) == 0)
        #expect(arrears(member("b", 12, 7)) == 3)       // Aug, Sep, Oct
        #expect(arrears(member("c", 10, 6)) == 4)       // Jul … Oct; June paid ends the run (Nov, Dec 2025 are not in it)
        #expect(arrears(member("d", 12, 4)) == 6)       // May … Oct
        #expect(arrears(member("e", 0, 0, joined: "2026-09-03", covering: ["2026-09", "2026-10"])) == 0)  // due: Sep, Oct
        let roster = [member("f", 12, 7), member("g", 12, 4), member("h", 12, 10)]
        var ws = Self.workspace([Self.branch()], members: roster.map(\.0))
        ws.duesPayments = roster.flatMap(\.1)
        let alerts = AlertRules.alerts(ws, asOf: asOf).filter { $0.code.hasPrefix("dues") }
        #expect(alerts.map(\.code) == ["dues.arrears-6m", "dues.arrears-3m"])
        #expect(alerts.map(\.kind) == [.duesArrears(members: 1, months: 6, names: ["g"]), .duesArrears(members: 1, months: 3, names: ["f"])])
    }

    @Test func missingCheckAndOverdueRectificationAlerts() {
        var ws = Self.workspace([Self.branch("a"), Self.branch("b")])
        ws.checks = [QuarterlyCheck(id: "k", branchId: "a", year: 2026, quarter: 3, date: Self.d("2026-10-10"))]
        ws.rectifications = [Rectification(id: "r", branchId: "a", sourceCheckId: "k", category: "team", description: "问题",
                                           owner: "甲", openedOn: Self.d("2026-10-10"), dueOn: Self.d("2026-11-10"))]
        let alerts = AlertRules.alerts(ws, asOf: Self.d("2026-11-21"))
        #expect(alerts.contains { $0.branchId == "b" && $0.kind == .checkMissing(quarter: Quarter(year: 2026, number: 3)!) })
        #expect(!alerts.contains { $0.branchId == "a" && $0.code == "check.missing" })
        #expect(alerts.contains { $0.branchId == "a" && $0.code == "rectification.overdue" && $0.severity == .critical })
    }

    @Test func schemeThatDoesNotTotal100IsRejected() {
        var ws = Self.workspace([Self.branch()])
        ws.scoring.items[0].max += 1
        let issues = Validator.validate(ws)
        #expect(issues.contains(.init(.scoring, "items", .schemeTotal(101))))
        #expect(ProblemKind.schemeTotal(101).message(.zh).contains("合计为 101, 应为 100"))
        ws.scoring = DefaultScheme.scheme
        #expect(Validator.validate(ws).isEmpty)
    }

    @Test func defaultSchemeTotals100WithFiveCategories() {
        let s = DefaultScheme.scheme
        #expect(s.totalMax == 100)
        #expect(s.categories.map(\.name) == ["政治功能强", "队伍建设强", "组织生活强", "作用发挥强", "群众工作强"])
        #expect(s.categories.map { s.categoryMax($0.id) } == [20, 20, 30, 15, 15])
        // Every check item is scored once with its own maximum.
        for item in DefaultScheme.template.items {
            #expect(s.items.filter { $0.source == .check(item.id) }.map(\.max) == [item.maxPoints])
        }
        #expect(s.grade(for: 90) == .good && s.grade(for: 89.99) == .fairlyGood && s.grade(for: 60) == .average && s.grade(for: 59.99) == .poor)
        // The highest band reached, whatever order the scheme lists its bands in.
        var shuffled = s
        shuffled.grades = [s.grades[2], s.grades[0], s.grades[3], s.grades[1]]
        // Bands 好 ≥ 90, 较好 ≥ 80, 一般 ≥ 60, 差 below, written out by hand.
        let expected: [Grade] = [.good, .good, .fairlyGood, .fairlyGood, .average, .average, .poor, .poor]
        #expect([95, 90, 85, 80, 70, 60, 59.99, 0].map(shuffled.grade(for:)) == expected)
        #expect([95, 90, 85, 80, 70, 60, 59.99, 0].map(s.grade(for:)) == expected)
        // Quarter items: 三会一课 14 + 主题党日 4 + the thirteen check items (3+3+3+2+4+2+2+3+3+2+3+2+2 = 34) = 52;
        // the year items 8+9+2+2+6+10+11 = 48.
        #expect(s.quarterMax == 52 && s.totalMax == 100)
        #expect(s.strongest.target(for: 2020) == 0.2 && s.strongest.target(for: 2022) == 0.4 && s.strongest.target(for: 2030) == 0.5)
        #expect(s.strongest.target(for: 2019) == 0.2)
    }

    @Test func equalScoresShareARank() {
        // Four branches; two with the same data tie for second: ranks 1, 2, 2, 4.
        // Required 三会一课 without committee or groups: 大会 1 + 党课 1. a holds both, b and c2 a lesson, d nothing.
        func held(_ b: String, _ kinds: [ActivityKind]) -> [Activity] {
            kinds.map { Activity(id: "\(b)-\($0.rawValue)", branchId: b, kind: $0, date: Self.d("2026-02-10"), title: "会") }
        }
        let ws = Self.workspace([Self.branch("a"), Self.branch("b"), Self.branch("c2"), Self.branch("d")],
                                activities: held("a", [.partyLesson, .generalMeeting]) + held("b", [.partyLesson]) + held("c2", [.partyLesson]))
        let table = ScoringEngine(ws).quarter(Quarter(year: 2026, number: 1)!, asOf: Self.d("2026-04-10"))
        #expect(table.branches.map(\.rank) == [1, 2, 2, 4])
        #expect(table.branches.map(\.branchId) == ["a", "b", "c2", "d"])
    }

    @Test func roundingIsHalfUp() {
        #expect(roundHalfUp2(84.125) == 84.13)
        #expect(roundHalfUp2(65.2777) == 65.28)
        #expect(roundHalfUp2(0.005) == 0.01)
        #expect(roundHalfUp2(2.675) == 2.68)   // 2.675 is 2.67499… in binary
    }
}

/// Distinct ids for throwaway records.
enum UUIDish {
    nonisolated(unsafe) static var counter = 0
    static func next() -> String { counter += 1; return "id\(counter)" }
}

@Suite struct EmptyBranchTests {
    @Test func aBranchWithNoFullMembersIsNeverStrongest() throws {
        let d = { (s: String) in Day(iso: s)! }
        // A scheme where a branch can reach 100 without any member: training (year, 20) + manual (year, 80).
        // Branch "zero" (0 members, manual 80): training ratio 0 (nobody trained) → 0 + 80 = 80, not 100;
        // and even with training removed from the weight (manual 100, given 100 → 100, 好, every category full)
        // it is not 最强, while the same figures with 5 full members are.
        let scheme = ScoringScheme(
            categories: [ScoreCategory(id: "A", name: "甲")],
            items: [ScoreItem(id: "train", category: "A", title: "培训", max: 20, period: .year, source: .compliance(.training)),
                    ScoreItem(id: "m", category: "A", title: "评价", max: 80, period: .year, source: .manual)],
            deductions: Deductions(perOverdueRectification: 2, overdueRectificationCap: 10, termOverdue: 5), bonusCap: 5,
            grades: [GradeBand(grade: .good, minimum: 90), GradeBand(grade: .poor, minimum: 0)])
        func table(_ scheme: ScoringScheme, manual: Double) -> ScoreTable {
            let branches = [Branch(id: "zero", name: "空", parentId: "c", sector: .other, fullMembers: 0, secretary: "甲", termEnd: d("2030-01-01")),
                            Branch(id: "five", name: "五", parentId: "c", sector: .other, fullMembers: 5, secretary: "乙", termEnd: d("2030-01-01"))]
            let ws = Workspace(settings: WorkspaceSettings(name: "t", currentYear: 2026),
                               organisation: Organisation(committee: Committee(id: "c", name: "党委"), branches: branches),
                               activities: [Activity(id: "t", branchId: "five", kind: .training, date: d("2026-03-01"), title: "培训", hours: 40, attended: 5)],
                               plan: WorkPlan(title: "", year: 2026), scoring: scheme,
                               manualScores: branches.map { ManualScore(branchId: $0.id, itemId: "m", year: 2026, points: manual) })
            return ScoringEngine(ws).year(2026, asOf: d("2027-01-10"))
        }
        let t = table(scheme, manual: 80)
        let zero = try #require(t.branches.first { $0.branchId == "zero" })
        #expect(zero.items["train"] == 0 && zero.total == 80)
        var manualOnly = scheme
        manualOnly.items = [ScoreItem(id: "m", category: "A", title: "评价", max: 100, period: .year, source: .manual)]
        let full = table(manualOnly, manual: 100)
        #expect(full.branches.allSatisfy { $0.total == 100 && $0.grade == .good })
        #expect(full.branches.first { $0.branchId == "zero" }?.strongest == false)
        #expect(full.branches.first { $0.branchId == "five" }?.strongest == true)
    }
}
