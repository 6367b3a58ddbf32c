import Testing
import TestSupport
@testable import PartyModel

/// The member ledger (issue 18), worked by hand.
@Suite struct MemberLedgerTests {
    static func d(_ s: String) -> Day { Day(iso: s)! }
    static func m(_ s: String) -> YearMonth { YearMonth(iso: s)! }

    /// A workspace of the given branches (all keeping their rosters), members, payments, entries and activities.
    static func workspace(branches: [String] = ["b"], members: [Member], payments: [DuesPayment] = [], entries: [TrainingEntry] = [],
                          activities: [Activity] = [], year: Int = 2026) -> Workspace {
        Workspace(settings: WorkspaceSettings(name: "党员", currentYear: year),
                  organisation: Organisation(committee: Committee(id: "c", name: "党委"),
                                             branches: branches.map { Branch(id: $0, name: "支部\($0)", parentId: "c", sector: .other, fullMembers: 0,
                                                                             secretary: "书记", countsFromRoster: true) }),
                  members: members, activities: activities, plan: WorkPlan(title: "", year: year),
                  duesPayments: payments, trainingEntries: entries)
    }

    static func hours(_ id: String, _ h: Double, branch: String = "b") -> TrainingEntry {
        TrainingEntry(id: "tr-\(id)", memberId: id, branchId: branch, date: d("2026-06-30"), hours: h, provider: "网络学院", title: "课程")
    }

    // MARK: Training

    /// Seven members with 56, 56, 56, 56, 0, 0, 0 hours. The branch average is 224 / 7 = 32 h, which the
    /// old rule scored as full marks (min(1, 32 / 32) = 1); per member, 4 of 7 reach their 32 h:
    /// share 4/7 ≈ 0.571. Then the first of them is the secretary with 40 h instead of 56: 40 ≥ 32 but the
    /// 班子 need 56, so they are short — 3 of 7 reach (3/7 ≈ 0.429) — while an ordinary member with 40 h
    /// reaches.
    @Test func aBranchOfSevenIsScoredOnTheShareReachingTheirHours() {
        let ids = (1...7).map { "m\($0)" }
        let hours: [Double] = [56, 56, 56, 56, 0, 0, 0]
        let members = ids.map { Member(id: $0, name: $0, branchId: "b") }
        let entries = zip(ids, hours).filter { $0.1 > 0 }.map { Self.hours($0.0, $0.1) }
        var ws = Self.workspace(members: members, entries: entries)
        let branch = ws.organisation.branches[0]
        var y = ComplianceCalculator(ws).year(branch, 2026)
        #expect(y.trainingMembers?.counted == 7 && y.trainingMembers?.reached == 4)
        #expect(abs(y.training - 4.0 / 7.0) < 1e-12)
        #expect(y.trainingAverageHours == 32 && y.trainingAverage == 1)   // the average alone: full marks
        // The scheme's training item (max 9) earns 9 × 4/7; `compliance:trainingAverage` would give 9.
        #expect(abs(ComplianceCalculator.ratio(.training, quarter: nil, year: y)! - 4.0 / 7.0) < 1e-12)
        #expect(ComplianceCalculator.ratio(.trainingAverage, quarter: nil, year: y) == 1)

        // The secretary at 40 h.
        ws.members[0].role = .secretary
        ws.trainingEntries[0].hours = 40
        y = ComplianceCalculator(ws).year(branch, 2026)
        #expect(y.trainingMembers?.reached == 3 && abs(y.training - 3.0 / 7.0) < 1e-12)
        let ledger = MemberLedger(ws)
        let secretary = ledger.training(ws.members[0], year: 2026)
        #expect(secretary.total == 40 && secretary.required == 56 && !secretary.reached)
        ws.members[0].role = .member
        #expect(MemberLedger(ws).training(ws.members[0], year: 2026).reached)   // an ordinary member at 40 h reaches 32
        ws.members[0].role = .secretary
        // In Q4 the branch is warned, the members short named (the first three).
        let alert = AlertRules.alerts(ws, asOf: Self.d("2026-11-21")).first { $0.code == "training.hours-short" }
        #expect(alert?.kind == .trainingHoursShort(year: 2026, members: 4, names: ["m1", "m5", "m6"]))
        #expect(alert?.severity == .warning)
        #expect(alert?.message(.zh).contains("4 名党员2026年培训学时未达要求 (m1、m5、m6等)") == true)
        // Not before Q4.
        #expect(!AlertRules.alerts(ws, asOf: Self.d("2026-09-30")).contains { $0.code == "training.hours-short" })
    }

    @Test func aBranchWithoutMembersScoresNothingForTraining() {
        let ws = Self.workspace(members: [])
        let y = ComplianceCalculator(ws).year(ws.organisation.branches[0], 2026)
        #expect(y.training == 0 && y.trainingAverage == 0 && y.trainingMembers?.counted == 0)
    }

    /// Activity hours count for the members on the branch's roster that day (no attendance lists yet),
    /// training and study activities alike; those who joined later get none of them.
    @Test func activityHoursGoToTheMembersOnTheRosterThatDay() {
        let members = [Member(id: "a", name: "a", branchId: "b", joinDate: Self.d("2010-01-01")),
                       Member(id: "late", name: "late", branchId: "b", status: .probationary, acceptedOn: Self.d("2026-05-20"))]
        let activities = [
            Activity(id: "t1", branchId: "b", kind: .training, date: Self.d("2026-03-10"), title: "培训", hours: 8),
            Activity(id: "t2", branchId: "b", kind: .studySession, date: Self.d("2026-06-10"), title: "研讨", hours: 4),
            Activity(id: "t3", branchId: "b", kind: .generalMeeting, date: Self.d("2026-06-11"), title: "大会", hours: 2),   // not training
            Activity(id: "t4", branchId: "other", kind: .training, date: Self.d("2026-06-12"), title: "别的支部", hours: 8),
        ]
        let ledger = MemberLedger(Self.workspace(branches: ["b", "other"], members: members, activities: activities))
        #expect(ledger.training(members[0], year: 2026).fromActivities == 12)
        #expect(ledger.training(members[1], year: 2026).fromActivities == 4)
        #expect(MemberLedger.attended(members[1], activities[1]) && !MemberLedger.attended(members[1], activities[0]))
    }

    /// The hours counted per session for a whole branch at once equal the rule asked member by member
    /// (`MemberLedger.attended`): every member of the demo, with 签到表 and without, transfers included.
    @Test func hoursCountedAtOnceEqualTheRuleMemberByMember() {
        let ws = DemoWorkspace.make(asOf: testAsOf)
        let ledger = MemberLedger(ws)
        var checked = 0
        for m in ws.members {
            let byRule = ws.activities.filter { a in
                a.date.year == 2026 && MemberLedger.trainingKinds.contains(a.kind) && (a.hours ?? 0) > 0
                    && m.branchesNamed.contains(a.branchId) && MemberLedger.attended(m, a)
            }.reduce(0.0) { $0 + ($1.hours ?? 0) }
            let counted = ledger.training(m, year: 2026).fromActivities
            #expect(abs(counted - byRule) < 1e-9, "\(m.id): \(counted) ≠ \(byRule)")
            if byRule > 0 { checked += 1 }
        }
        #expect(checked > 300)
        // And a branch's figures are its members' own.
        for b in ws.organisation.branches {
            let branch = ledger.training(b.id, year: 2026)
            #expect(branch.members == ledger.members(of: b.id, on: Day.lastOf(year: 2026, month: 12)).map { ledger.training($0, year: 2026) })
        }
    }

    // MARK: Dues

    /// 关于党费收缴、使用和管理的规定 2008, at each bracket's edges: base × rate, in 分, half up.
    @Test func duesAtEveryBracketsEdges() {
        let rules = DuesRules()
        let cases: [(DuesCategory, String)] = [
            (.inWork(base: 3000.00), "15.00"),     // ≤ 3000: 0.5 %
            (.inWork(base: 3000.01), "30.00"),     // 1 % of 3000.01 = 30.0001
            (.inWork(base: 5000), "50.00"),
            (.inWork(base: 5000.01), "75.00"),     // 1.5 % of 5000.01 = 75.00015
            (.inWork(base: 10000), "150.00"),
            (.inWork(base: 10000.01), "200.00"),   // 2 % of 10000.01 = 200.0002
            (.inWork(base: 2999.99), "15.00"),     // 14.99995 → 15.00 (half up)
            (.inWork(base: 0), "0.00"),
            (.retired(base: 5000), "25.00"),       // ≤ 5000: 0.5 %
            (.retired(base: 5000.01), "50.00"),    // 1 %: 50.0001
            (.student, "0.20"), (.farmer, "0.20"), (.unemployed, "0.20"), (.relief, "0.20"),
            (.fixed(amount: 100), "100.00"),
        ]
        for (category, due) in cases { #expect(rules.monthlyDue(category).description == due, "\(category)") }
        // Rules are data: a workspace that sets farmers at 1 元 gets 1.00.
        var changed = DuesRules()
        changed.farmer = 1
        #expect(changed.monthlyDue(.farmer) == Money(fen: 100))
        // Integer 分: a twelfth of 0.1 + 0.2 never drifts.
        #expect((Money(yuan: 0.1) + Money(yuan: 0.2)).description == "0.30")
    }

    /// A probationary member accepted by the 支部大会 on 20 May owes from May; is probationary until
    /// the same day a year later, full from it.
    @Test func aProbationaryMemberOwesFromTheMonthOfAcceptance() {
        let p = Member(id: "p", name: "预备", branchId: "b", status: .probationary, acceptedOn: Self.d("2026-05-20"), dues: .student)
        let other = Member(id: "o", name: "正式", branchId: "b", joinDate: Self.d("2000-01-01"), dues: .inWork(base: 4000))
        // The other member's January payment starts the branch's 党费 ledger.
        let ws = Self.workspace(members: [p, other], payments: [
            DuesPayment(id: "x", memberId: "o", branchId: "b", months: [Self.m("2026-01")], amount: 40, paidOn: Self.d("2026-01-10")),
        ])
        let ledger = MemberLedger(ws)
        #expect(ledger.monthlyDue(p, Self.m("2026-04")) == nil)
        #expect(ledger.monthlyDue(p, Self.m("2026-05")) == Money(fen: 20))
        // As of 10 September: May, June, July, August unpaid (September is still payable).
        #expect(ledger.arrears(p, asOf: Self.d("2026-09-10")) == 4)
        #expect(p.status(on: Self.d("2027-05-19")) == .probationary && p.status(on: Self.d("2027-05-20")) == .full)
        #expect(ledger.counts(ws.organisation.branches[0], on: Self.d("2026-05-19")) == MemberCounts(full: 1, probationary: 0, source: .roster))
        #expect(ledger.counts(ws.organisation.branches[0], on: Self.d("2026-05-20")) == MemberCounts(full: 1, probationary: 1, source: .roster))
        #expect(ledger.counts(ws.organisation.branches[0], on: Self.d("2027-05-20")) == MemberCounts(full: 2, probationary: 0, source: .roster))
    }

    /// Paid through October; nothing since. Counted back from the month before the as-of day's:
    /// 15 January → November, December (2: nothing); 10 February → November, December, January (3: a
    /// warning); 3 May → November to April (6: critical).
    @Test func arrearsOfTwoThreeAndSixMonthsAcrossTheNewYear() {
        let x = Member(id: "x", name: "甲", branchId: "b", joinDate: Self.d("2000-01-01"), dues: .inWork(base: 4000))
        let payments = (1...10).map { month in
            DuesPayment(id: "p\(month)", memberId: "x", branchId: "b", months: [YearMonth(year: 2026, month: month)!], amount: 40,
                        paidOn: Day(year: 2026, month: month, day: 5))
        }
        let ws = Self.workspace(members: [x], payments: payments, year: 2027)
        let ledger = MemberLedger(ws)
        #expect(ledger.arrears(x, asOf: Self.d("2026-11-21")) == 0)
        #expect(ledger.arrears(x, asOf: Self.d("2027-01-15")) == 2)
        #expect(ledger.arrears(x, asOf: Self.d("2027-02-10")) == 3)
        #expect(ledger.arrears(x, asOf: Self.d("2027-05-03")) == 6)
        func dues(_ day: String) -> [AlertKind] { AlertRules.alerts(ws, asOf: Self.d(day)).filter { $0.code.hasPrefix("dues") }.map(\.kind) }
        #expect(dues("2027-01-15").isEmpty)
        #expect(dues("2027-02-10") == [.duesArrears(members: 1, months: 3, names: ["甲"])])
        #expect(dues("2027-05-03") == [.duesArrears(members: 1, months: 6, names: ["甲"])])
        let critical = AlertRules.alerts(ws, asOf: Self.d("2027-05-03")).first { $0.code == "dues.arrears-6m" }!
        #expect(critical.severity == .critical)
        #expect(critical.message(.zh) == "1 名党员连续 6 个月以上未交党费 (甲), 请支部了解情况 (党章第九条)")
        // A payment counts from the day it was made: September's, paid late on 20 October.
        var late = ws
        late.duesPayments[8].paidOn = Self.d("2026-10-20")
        let lateLedger = MemberLedger(late)
        #expect(lateLedger.arrears(x, asOf: Self.d("2026-10-19")) == 1 && lateLedger.arrears(x, asOf: Self.d("2026-10-20")) == 0)
    }

    /// Paying a quarter at once covers its months; less than the due is 少交 and still paid; an
    /// unknown amount covers its month without a figure.
    @Test func quartersShortPaymentsAndUnknownAmountsInTheCollection() {
        let a = Member(id: "a", name: "甲", branchId: "b", joinDate: Self.d("2000-01-01"), dues: .inWork(base: 4000))  // 40.00
        let b = Member(id: "b1", name: "乙", branchId: "b", joinDate: Self.d("2000-01-01"), dues: .retired(base: 3000))  // 15.00
        let c = Member(id: "c", name: "丙", branchId: "b", joinDate: Self.d("2000-01-01"))                             // no category
        let payments = [
            DuesPayment(id: "q", memberId: "a", branchId: "b", months: ["2026-04", "2026-05", "2026-06"].map(Self.m), amount: 120.01, paidOn: Self.d("2026-04-03")),
            DuesPayment(id: "s", memberId: "b1", branchId: "b", months: [Self.m("2026-05")], amount: 10, paidOn: Self.d("2026-05-20")),
            DuesPayment(id: "u", memberId: "c", branchId: "b", months: [Self.m("2026-05")], amount: nil, paidOn: nil),
        ]
        let ledger = MemberLedger(Self.workspace(members: [a, b, c], payments: payments))
        // 120.01 over three months: 40.01, 40.00, 40.00 (the odd 分 to the first).
        #expect(payments[0].share(of: Self.m("2026-04")) == Money(fen: 4001) && payments[0].share(of: Self.m("2026-06")) == Money(fen: 4000))
        let may = ledger.collection("b", Self.m("2026-05"), asOf: Self.d("2026-05-31"))
        #expect(may.membersOwing == 3 && may.membersPaid == 3 && may.due == Money(fen: 5500) && may.paid == Money(fen: 5000))
        #expect(may.short == 1 && may.amountUnknown == 1 && may.dueUnknown == 1)
        #expect(abs(may.rate! - 50.0 / 55.0) < 1e-12)
        #expect(ledger.month(b, Self.m("2026-05"), asOf: Self.d("2026-05-31")).short)
        // Before 20 May the short payment was not made yet.
        #expect(ledger.collection("b", Self.m("2026-05"), asOf: Self.d("2026-05-19")).membersPaid == 2)
        #expect(ledger.arrears(b, asOf: Self.d("2026-06-10")) == 0)   // paid short: the month counts as paid
    }

    // MARK: Transfers

    /// 钱 moves from A to B on 18 August, in the middle of Q3: counted for A before, for B from that
    /// day, in counts and in rules (B has 2 full members before — too few — and 3 after), the hours of
    /// each branch's training while in it, and each month's dues where they were.
    @Test func aTransferInTheMiddleOfAQuarter() {
        let moved = Self.d("2026-08-18")
        let qian = Member(id: "q", name: "钱", branchId: "B", joinDate: Self.d("2000-01-01"), dues: .inWork(base: 4000),
                          transfers: [Transfer(date: moved, from: .branch("A"), to: .branch("B"), letterNumber: "组转〔2026〕1号")])
        let others = ["a1", "a2", "a3"].map { Member(id: $0, name: $0, branchId: "A", joinDate: Self.d("2000-01-01")) }
            + ["b1", "b2"].map { Member(id: $0, name: $0, branchId: "B", joinDate: Self.d("2000-01-01")) }
        let activities = [Activity(id: "ta", branchId: "A", kind: .training, date: Self.d("2026-07-10"), title: "A 培训", hours: 8),
                          Activity(id: "tb", branchId: "B", kind: .training, date: Self.d("2026-09-10"), title: "B 培训", hours: 8),
                          Activity(id: "ta2", branchId: "A", kind: .training, date: Self.d("2026-09-11"), title: "A 培训二", hours: 8)]
        let ws = Self.workspace(branches: ["A", "B"], members: [qian] + others, activities: activities)
        let ledger = MemberLedger(ws)
        let (a, b) = (ws.organisation.branches[0], ws.organisation.branches[1])
        #expect(qian.branch(on: Self.d("2026-08-17")) == "A" && qian.branch(on: moved) == "B")
        #expect(ledger.counts(a, on: Self.d("2026-08-17")).full == 4 && ledger.counts(a, on: moved).full == 3)
        #expect(ledger.counts(b, on: Self.d("2026-08-17")).full == 2 && ledger.counts(b, on: moved).full == 3)
        func tooFew(_ day: String) -> Set<String> {
            Set(AlertRules.alerts(ws, asOf: Self.d(day)).filter { $0.code == "org.too-few-full-members" }.map(\.branchId))
        }
        #expect(tooFew("2026-08-17") == ["B"] && tooFew("2026-08-18").isEmpty)
        #expect(ledger.members(of: "A", on: Self.d("2026-07-01")).map(\.id) == ["q", "a1", "a2", "a3"])
        // A's July training and B's September training; not A's September one.
        #expect(ledger.training(qian, year: 2026).fromActivities == 16)
        // A's year: its members on 31 December, without 钱.
        #expect(ledger.training("A", year: 2026).members.map(\.memberId) == ["a1", "a2", "a3"])
        // Dues: July's belong to A, August's (the month's last day in B) and September's to B.
        #expect(ledger.duesBranch(qian, Self.m("2026-07")) == "A" && ledger.duesBranch(qian, Self.m("2026-08")) == "B")
        #expect(ledger.collection("A", Self.m("2026-07"), asOf: Self.d("2026-12-01")).membersOwing == 4)
        #expect(ledger.collection("A", Self.m("2026-09"), asOf: Self.d("2026-12-01")).membersOwing == 3)
        #expect(ledger.collection("B", Self.m("2026-09"), asOf: Self.d("2026-12-01")).membersOwing == 3)
        // The 党总支 of both counts them once.
        #expect(ledger.members(ofGeneralBranch: "c", in: ws.organisation, on: moved) == 6)
        // The change that records the move touches both branches.
        #expect(Change.member(before: Member(id: "q", name: "钱", branchId: "A"), after: qian).branchesTouched == ["A", "B"])
    }

    @Test func transfersInAndOutOfTheWorkspaceAndLeaving() {
        let arrived = Member(id: "in", name: "入", branchId: "b", joinDate: Self.d("2000-01-01"),
                             transfers: [Transfer(date: Self.d("2026-03-10"), from: .outside("某县委组织部"), to: .branch("b"))])
        let gone = Member(id: "out", name: "出", branchId: "b", joinDate: Self.d("2000-01-01"), leftOn: Self.d("2026-09-30"), leftReason: .transferredOut,
                          transfers: [Transfer(date: Self.d("2026-09-30"), from: .branch("b"), to: .outside("市教育局机关党委"))])
        let died = Member(id: "died", name: "故", branchId: "b", joinDate: Self.d("2000-01-01"), leftOn: Self.d("2026-06-12"), leftReason: .died)
        #expect(arrived.branch(on: Self.d("2026-03-09")) == nil && arrived.branch(on: Self.d("2026-03-10")) == "b")
        #expect(gone.branch(on: Self.d("2026-09-29")) == "b" && gone.branch(on: Self.d("2026-09-30")) == nil)
        #expect(died.branch(on: Self.d("2026-06-11")) == "b" && died.branch(on: Self.d("2026-06-12")) == nil)
        let ws = Self.workspace(members: [arrived, gone, died])
        #expect(Validator.validate(ws).isEmpty)
        let ledger = MemberLedger(ws)
        #expect(ledger.counts(ws.organisation.branches[0], on: Self.d("2026-11-21")).total == 1)
        // Owed: from March for the one who came, to June for the one who died, to September for the one who left.
        #expect(ledger.duesBranch(arrived, Self.m("2026-02")) == nil && ledger.duesBranch(arrived, Self.m("2026-03")) == "b")
        #expect(ledger.duesBranch(died, Self.m("2026-06")) == "b" && ledger.duesBranch(died, Self.m("2026-07")) == nil)
        #expect(ledger.duesBranch(gone, Self.m("2026-09")) == "b" && ledger.duesBranch(gone, Self.m("2026-10")) == nil)
    }

    /// A branch that does not keep its roster keeps its entered counts, whatever member records it has.
    @Test func aBranchWithoutItsRosterKeepsTheEnteredCounts() {
        let ws = smallWorkspace()
        let ledger = MemberLedger(ws)
        let b1 = ws.organisation.branches[0]
        #expect(MemberLedger.source(of: b1) == .entered)
        #expect(ledger.counts(b1, on: testAsOf) == MemberCounts(full: 10, probationary: 2, source: .entered))
        var kept = b1
        kept.countsFromRoster = true
        #expect(ledger.counts(kept, on: testAsOf) == MemberCounts(full: 1, probationary: 0, source: .roster))
    }

    // MARK: Records

    @Test func schemaThreesMonthsAndHoursBecomeRecords() {
        var ws = Self.workspace(members: [Member(id: "m", name: "甲", branchId: "b")])
        ws.members[0].legacyDuesMonthsPaid = ["2025": 12, "2026": 10, "2024": 0]
        ws.members[0].legacyTrainingHours = ["2026": 40]
        let migrated = ws.migrateLegacyMemberFields()
        #expect(migrated)
        #expect(ws.duesPayments == [
            DuesPayment(id: "dues-mig-m-2025", memberId: "m", branchId: "b", months: (1...12).map { YearMonth(year: 2025, month: $0)! },
                        amount: nil, paidOn: nil, note: "迁移: 2025年已交 12 个月 (金额不详)"),
            DuesPayment(id: "dues-mig-m-2026", memberId: "m", branchId: "b", months: (1...10).map { YearMonth(year: 2026, month: $0)! },
                        amount: nil, paidOn: nil, note: "迁移: 2026年已交 10 个月 (金额不详)"),
        ])
        #expect(ws.trainingEntries == [TrainingEntry(id: "tr-mig-m-2026", memberId: "m", branchId: "b", date: Self.d("2026-12-31"), hours: 40,
                                                     provider: "迁移", title: "2026年学时 (迁移自旧版)")])
        let again = ws.migrateLegacyMemberFields()
        #expect(!ws.members[0].hasLegacyFields && !again)
        #expect(Validator.validate(ws).isEmpty)
        // The migrated months count as paid, their amount unknown.
        let ledger = MemberLedger(ws)
        #expect(ledger.arrears(ws.members[0], asOf: Self.d("2026-11-21")) == 0)
        #expect(ledger.month(ws.members[0], Self.m("2026-03"), asOf: Self.d("2026-11-21")).paid == nil)
    }

    @Test func validationOfTheLedgersRecords() {
        var ws = smallWorkspace()
        ws.duesPayments += [
            DuesPayment(id: "bad-1", memberId: "nobody", branchId: "b9", months: [], amount: -5, paidOn: Self.d("2030-01-01"), note: "x\u{1B}[31m"),
            DuesPayment(id: "bad-2", memberId: "m1", branchId: "b1", months: [Self.m("2026-02"), Self.m("2026-02"), Self.m("1900-01")], amount: 12.345, paidOn: nil),
        ]
        ws.trainingEntries.append(TrainingEntry(id: "bad-3", memberId: "ghost", branchId: "b1", date: Self.d("2026-01-01"), hours: -2,
                                                provider: "a\u{7}", title: "t"))
        ws.members[1].transfers = [Transfer(date: Self.d("2026-05-01"), from: .branch("b1"), to: .branch("b1")),
                                   Transfer(date: Self.d("2026-04-01"), from: .branch("b9"), to: .outside("外地"))]
        ws.members[1].acceptedOn = Self.d("2026-05-04")
        ws.members[1].probationEnds = Self.d("2026-05-04")
        ws.members[0].dues = .inWork(base: 4000.005)
        ws.settings.rules.dues.inWork = [DuesBracket(upTo: 5000, percent: 1), DuesBracket(upTo: 3000, percent: 120)]
        let issues = Validator.validate(ws)
        let p1 = RecordRef.duesPayment(1), p2 = RecordRef.duesPayment(2), e = RecordRef.trainingEntry(1), m2 = RecordRef.member(1)
        let expected: [ValidationIssue] = [
            .init(p1, "memberId", .unknownMember("nobody")), .init(p1, "branchId", .unknownBranch("b9")), .init(p1, "months", .emptyRequired),
            .init(p1, "amount", .negative(-5)), .init(p1, "paidOn", .implausibleDate(Self.d("2030-01-01"), earliest: 1921, latest: 2027)),
            .init(p1, "note", .controlCharacter(0x1B)),
            .init(p2, "months[1]", .duplicateMonth(Self.m("2026-02"))),
            .init(p2, "months[2]", .implausibleDate(Self.d("1900-01-01"), earliest: 1921, latest: 2027)), .init(p2, "amount", .notWholeFen(12.345)),
            .init(e, "memberId", .unknownMember("ghost")), .init(e, "hours", .negative(-2)), .init(e, "provider", .controlCharacter(7)),
            .init(m2, "transfers[0]", .transferToItself), .init(m2, "transfers[1].date", .historyOutOfOrder(Self.d("2026-04-01"))),
            .init(m2, "transfers[1].from.branchId", .unknownBranch("b9")), .init(m2, "transfers[1].from", .transferChainBroken(index: 1)),
            .init(m2, "transfers[1].from", .transferEndsElsewhere(expected: "b2")),
            .init(m2, "probationEnds", .probationBeforeAcceptance),
            .init(.member(0), "dues.base", .notWholeFen(4000.005)),
            .init(.settings, "rules.dues.inWork[1].percent", .outOfRange(120, min: 0, max: 100)),
            .init(.settings, "rules.dues.inWork[1].upTo", .duesScale),
        ]
        for issue in expected { #expect(issues.contains(issue), "\(issue)") }
        #expect(issues.count == expected.count, "\(issues.filter { !expected.contains($0) })")
        // The single-record checks an edit runs say the same.
        #expect(Validator.validate(duesPayment: ws.duesPayments[1], in: ws).count == 6)
        #expect(Validator.validate(trainingEntry: ws.trainingEntries[1], in: ws).count == 3)
        #expect(Validator.validate(member: ws.members[1], in: ws).count == 6)
        // Every new problem has words in both languages.
        for issue in expected { #expect(!issue.kind.message(.zh).isEmpty && !issue.kind.message(.en).isEmpty) }
    }

    @Test func aPaymentIsAChangeLikeAnyOther() throws {
        var ws = smallWorkspace()
        let payment = DuesPayment(id: ws.newDuesPaymentId(year: 2026), memberId: "m2", branchId: "b2", months: [Self.m("2026-05")],
                                  amount: 0.2, paidOn: Self.d("2026-05-10"), method: .wechat)
        #expect(payment.id == "dues-2026-0002")
        let change = Change.duesPayment(before: nil, after: payment)
        #expect(change.entity == "duesPayment" && change.action == "add" && change.entityId == payment.id && change.branchId == "b2")
        try change.apply(to: &ws)
        #expect(ws.duesPayments.last == payment)
        // A payment filed with b1 for m2 (of b2) touches both: b1's file, b2's arrears.
        let elsewhere = Change.duesPayment(before: nil, after: DuesPayment(id: "e", memberId: "m2", branchId: "b1", months: [Self.m("2026-06")],
                                                                          amount: 0.2, paidOn: Self.d("2026-06-10")))
        #expect(elsewhere.branchesTouched == ["b1"] && elsewhere.branchesTouched(in: ws) == ["b1", "b2"])
        try change.inverse.apply(to: &ws)
        #expect(!ws.duesPayments.contains(payment))
        let entry = TrainingEntry(id: ws.newTrainingEntryId(year: 2026), memberId: "m1", branchId: "b1", date: Self.d("2026-07-01"), hours: 8, provider: "p", title: "t")
        #expect(entry.id == "tr-2026-0002")
        try Change.trainingEntry(before: nil, after: entry).apply(to: &ws)
        #expect(ws.trainingEntries.count == 2)
    }
}
