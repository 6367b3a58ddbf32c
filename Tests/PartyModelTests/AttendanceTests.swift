import Testing
import TestSupport
@testable import PartyModel

/// Attendance lists (签到), the 6-month rule, talks, 民主评议 results and the 先锋指数 (issue 18), worked by hand.
@Suite struct AttendanceTests {
    static func d(_ s: String) -> Day { Day(iso: s)! }

    static func workspace(members: [Member], activities: [Activity] = [], payments: [DuesPayment] = [], entries: [TrainingEntry] = [],
                          reviews: [ReviewResult] = [], points: [PioneerPoints] = [], year: Int = 2026) -> Workspace {
        Workspace(settings: WorkspaceSettings(name: "签到", currentYear: year),
                  organisation: Organisation(committee: Committee(id: "c", name: "党委"),
                                             branches: [Branch(id: "b", name: "第一党支部", parentId: "c", sector: .other, fullMembers: 0,
                                                               secretary: "书记", committeeMembers: ["委员甲"], countsFromRoster: true)]),
                  members: members, activities: activities, plan: WorkPlan(title: "", year: year),
                  duesPayments: payments, trainingEntries: entries, reviewResults: reviews, pioneerPoints: points)
    }

    static func member(_ id: String, _ name: String, role: MemberRole = .member) -> Member {
        Member(id: id, name: name, branchId: "b", role: role, joinDate: d("2010-07-01"))
    }

    static func present(_ id: String) -> AttendanceEntry { AttendanceEntry(memberId: id, present: true) }
    static func absent(_ id: String, _ reason: AbsenceReason? = nil) -> AttendanceEntry { AttendanceEntry(memberId: id, present: false, absenceReason: reason) }

    static func themedDay(_ date: String, _ list: [AttendanceEntry]?) -> Activity {
        Activity(id: "a-\(date)", branchId: "b", kind: .themedPartyDay, date: d(date), title: "主题党日", attendance: list)
    }

    // MARK: Counts from the list

    /// A list of 7 with 5 present gives 5/7, whatever counts were typed in (12/20 here); without a
    /// list the typed counts stand. The training average of a branch without a roster reads the same
    /// function: 8 h × 5 attended = 40 h.
    @Test func aListOfSevenWithFivePresentCountsFiveOfSeven() {
        let ids = (1...7).map { "m\($0)" }
        var a = Activity(id: "a1", branchId: "b", kind: .training, date: Self.d("2026-03-10"), title: "培训", hours: 8, attended: 12, expected: 20,
                         attendance: ids.enumerated().map { i, id in i < 5 ? Self.present(id) : Self.absent(id, i == 5 ? .sick : nil) })
        #expect(a.headcount == Headcount(attended: 5, expected: 7, fromList: true))
        a.attendance = nil
        #expect(a.headcount == Headcount(attended: 12, expected: 20, fromList: false))
        a.attendance = ids.enumerated().map { i, id in i < 5 ? Self.present(id) : Self.absent(id) }
        let index = LedgerIndex([a])
        #expect(index.ledger("b").trainingHourTotal(year: 2026) == 40)
        // 12 > 7 is no problem: the typed counts are not read while there is a list.
        let ws = Self.workspace(members: ids.map { Self.member($0, $0) }, activities: [a])
        #expect(!Validator.validate(ws).contains { $0.kind == .attendedExceedsExpected(attended: 12, expected: 7) })
    }

    /// Training hours follow the list: the member marked absent gets none of the activity's 8 h; the
    /// present one gets them; one not on the list gets none either (the list says who was there).
    @Test func trainingHoursFollowTheList() {
        let members = [Self.member("p", "到会"), Self.member("x", "缺席"), Self.member("n", "未列入")]
        let training = Activity(id: "t", branchId: "b", kind: .training, date: Self.d("2026-04-10"), title: "培训", hours: 8,
                                attendance: [Self.present("p"), Self.absent("x", .leave)])
        let ledger = MemberLedger(Self.workspace(members: members, activities: [training]))
        #expect(ledger.training(members[0], year: 2026).fromActivities == 8)
        #expect(ledger.training(members[1], year: 2026).fromActivities == 0)
        #expect(ledger.training(members[2], year: 2026).fromActivities == 0)
        #expect(MemberLedger.attended(members[0], training) && !MemberLedger.attended(members[1], training))
        // Without a list every member on the roster that day is taken to have attended.
        var open = training; open.attendance = nil
        #expect(MemberLedger(Self.workspace(members: members, activities: [open])).training(members[2], year: 2026).fromActivities == 8)
    }

    // MARK: The 6-month rule (党章 Art. 9)

    /// 张三 is absent without reason from the monthly 主题党日 (listed each month); 李四 attends.
    /// Through May: 5 months running — no alert; through June: 6 — a critical alert naming 张三,
    /// whose title names nobody (the wall display shows titles only).
    @Test func sixMonthsAbsentWithoutReasonIsAnAlertFiveAreNot() {
        let members = [Self.member("z", "张三"), Self.member("l", "李四")]
        let days = ["2026-01-15", "2026-02-12", "2026-03-14", "2026-04-16", "2026-05-14", "2026-06-11"]
        // The first months' absences give no reason (taken as 无故), the later ones say 无故.
        let activities = days.enumerated().map { i, day in Self.themedDay(day, [Self.absent("z", i < 3 ? nil : .unexcused), Self.present("l")]) }
        let ws = Self.workspace(members: members, activities: activities)
        let ledger = MemberLedger(ws)
        #expect(ledger.unexcusedAbsenceRun(members[0], asOf: Self.d("2026-05-31")) == 5)
        #expect(ledger.unexcusedAbsenceRun(members[0], asOf: Self.d("2026-06-30")) == 6)
        #expect(ledger.unexcusedAbsenceRun(members[1], asOf: Self.d("2026-06-30")) == 0)
        #expect(!AlertRules.alerts(ws, asOf: Self.d("2026-05-31")).contains { $0.code.hasPrefix("attendance.") })
        let alert = AlertRules.alerts(ws, asOf: Self.d("2026-06-30")).first { $0.code == "attendance.unexcused-6m" }
        #expect(alert?.kind == .unexcusedAbsence(months: 6, members: 1, names: ["张三"]))
        #expect(alert?.severity == .critical)
        #expect(alert?.message(.zh) == "1 名党员连续 6 个月无故不参加组织生活 (张三), 请支部了解情况 (党章第九条)")
        #expect(alert?.message(.zh, naming: false).contains("张三") == false)
        #expect(alert?.kind.title(.zh) == "连续6个月无故缺席组织生活")
        // The rule reads `unexcusedAbsenceMonths`.
        var five = ws
        five.settings.rules.unexcusedAbsenceMonths = 5
        #expect(AlertRules.alerts(five, asOf: Self.d("2026-05-31")).contains { $0.code == "attendance.unexcused-5m" })
    }

    /// A month with a 请假 (or any accepted reason) ends the run; so does a month he attended one of
    /// two meetings. March with 请假: through June the run is April–June, 3 months.
    @Test func anExcusedOrAttendedMonthEndsTheRun() {
        let members = [Self.member("z", "张三"), Self.member("l", "李四")]
        var activities = ["2026-01-15", "2026-02-12", "2026-03-14", "2026-04-16", "2026-05-14", "2026-06-11"]
            .map { Self.themedDay($0, [Self.absent("z"), Self.present("l")]) }
        activities[2].attendance = [Self.absent("z", .leave), Self.present("l")]
        var ledger = MemberLedger(Self.workspace(members: members, activities: activities))
        #expect(ledger.unexcusedAbsenceRun(members[0], asOf: Self.d("2026-06-30")) == 3)
        #expect(ledger.lifeMonths(members[0], asOf: Self.d("2026-06-30"))[YearMonth(year: 2026, month: 3)!] == .excused)
        // March back to 无故, but he came to a 支部党员大会 in May (absent from May's 主题党日): May attended.
        activities[2].attendance = [Self.absent("z"), Self.present("l")]
        activities.append(Activity(id: "gm", branchId: "b", kind: .generalMeeting, date: Self.d("2026-05-20"), title: "党员大会",
                                   attendance: [Self.present("z"), Self.present("l")]))
        ledger = MemberLedger(Self.workspace(members: members, activities: activities))
        #expect(ledger.unexcusedAbsenceRun(members[0], asOf: Self.d("2026-06-30")) == 1)
        // A training (not 组织生活) he attended changes nothing.
        activities.removeLast()
        activities.append(Activity(id: "t", branchId: "b", kind: .training, date: Self.d("2026-05-20"), title: "培训", hours: 4,
                                   attendance: [Self.present("z"), Self.present("l")]))
        ledger = MemberLedger(Self.workspace(members: members, activities: activities))
        #expect(ledger.unexcusedAbsenceRun(members[0], asOf: Self.d("2026-06-30")) == 6)
    }

    /// A month without any list naming him is passed over — it neither ends the run nor adds to it:
    /// March's 主题党日 kept no list. Through June: January, February, April, May, June = 5, no alert;
    /// July absent too: 6 months with lists running, an alert (over seven calendar months).
    @Test func aMonthWithoutAListIsPassedOver() {
        let members = [Self.member("z", "张三"), Self.member("l", "李四")]
        var activities = ["2026-01-15", "2026-02-12", "2026-03-14", "2026-04-16", "2026-05-14", "2026-06-11"]
            .map { Self.themedDay($0, [Self.absent("z", .unexcused), Self.present("l")]) }
        activities[2].attendance = nil
        var ws = Self.workspace(members: members, activities: activities)
        #expect(MemberLedger(ws).unexcusedAbsenceRun(members[0], asOf: Self.d("2026-06-30")) == 5)
        #expect(!AlertRules.alerts(ws, asOf: Self.d("2026-06-30")).contains { $0.code.hasPrefix("attendance.") })
        ws.activities.append(Self.themedDay("2026-07-09", [Self.absent("z", .unexcused), Self.present("l")]))
        #expect(MemberLedger(ws).unexcusedAbsenceRun(members[0], asOf: Self.d("2026-07-31")) == 6)
        #expect(AlertRules.alerts(ws, asOf: Self.d("2026-07-31")).contains { $0.kind == .unexcusedAbsence(months: 6, members: 1, names: ["张三"]) })
    }

    // MARK: 谈心谈话

    /// 条例 2018: each member talks with the secretary or a committee member at least once a year.
    /// 李四 talked with the secretary (named as the branch records him) in June; 王五 only with 李四
    /// (an ordinary member: it does not count); the secretary 赵书记 talked with 李四 (for the 班子, any
    /// talk counts). In Q3 nothing is said; from 1 October the branch is told 王五 has had none.
    @Test func talksAreCheckedFromTheFourthQuarter() {
        let members = [Self.member("s", "赵书记", role: .secretary), Self.member("l", "李四"), Self.member("w", "王五")]
        let talks = [
            Activity(id: "k1", branchId: "b", kind: .talk, date: Self.d("2026-06-10"), title: "思想动态",
                     participants: [TalkParticipant(name: "书记"), TalkParticipant(memberId: "l", name: "李四")]),
            Activity(id: "k2", branchId: "b", kind: .talk, date: Self.d("2026-07-10"), title: "工作交流",
                     participants: [TalkParticipant(memberId: "l", name: "李四"), TalkParticipant(memberId: "w", name: "王五")]),
            Activity(id: "k3", branchId: "b", kind: .talk, date: Self.d("2026-08-10"), title: "谈心",
                     participants: [TalkParticipant(memberId: "s", name: "赵书记"), TalkParticipant(memberId: "l", name: "李四")]),
        ]
        let ws = Self.workspace(members: members, activities: talks)
        let ledger = MemberLedger(ws)
        #expect(ledger.talks(members[1], year: 2026).map(\.id) == ["k1", "k3"])
        #expect(ledger.talks(members[2], year: 2026).isEmpty)
        #expect(ledger.talks(members[0], year: 2026).map(\.id) == ["k3"])
        #expect(!AlertRules.alerts(ws, asOf: Self.d("2026-09-30")).contains { $0.code == "talks.missing" })
        let alert = AlertRules.alerts(ws, asOf: Self.d("2026-10-01")).first { $0.code == "talks.missing" }
        #expect(alert?.kind == .talksMissing(year: 2026, required: 1, members: 1, names: ["王五"]))
        #expect(alert?.severity == .warning)
        #expect(alert?.kind.title(.zh).contains("王五") == false)
        // 王五 talks with a committee member named by the branch (委员甲, no member record): the alert goes.
        var done = ws
        done.activities.append(Activity(id: "k4", branchId: "b", kind: .talk, date: Self.d("2026-10-20"), title: "谈心",
                                        participants: [TalkParticipant(name: "委员甲"), TalkParticipant(memberId: "w", name: "王五")]))
        #expect(!AlertRules.alerts(done, asOf: Self.d("2026-11-21")).contains { $0.code == "talks.missing" })
        // Talks of last year do not count this year.
        #expect(MemberLedger(ws).talks(members[1], year: 2027).isEmpty)
    }

    // MARK: 民主评议

    /// A 不合格 result is an alert (处置不合格党员) until its outcome is recorded; other grades are not.
    @Test func anUnqualifiedMemberIsAnAlertUntilTheOutcomeIsRecorded() {
        let members = [Self.member("l", "李四"), Self.member("w", "王五")]
        let meeting = Activity(id: "dr", branchId: "b", kind: .democraticReview, date: Self.d("2025-12-20"), title: "2025年度民主评议党员")
        var reviews = [ReviewResult(id: "rv-2025-0001", memberId: "l", branchId: "b", year: 2025, grade: .excellent, activityId: "dr"),
                       ReviewResult(id: "rv-2025-0002", memberId: "w", branchId: "b", year: 2025, grade: .unqualified, activityId: "dr",
                                    note: "长期不参加组织生活")]
        var ws = Self.workspace(members: members, activities: [meeting], reviews: reviews, year: 2026)
        #expect(Validator.validate(ws).isEmpty)
        let alert = AlertRules.alerts(ws, asOf: Self.d("2026-03-01")).first { $0.code == "review.unqualified" }
        #expect(alert?.kind == .unqualifiedFollowUp(members: 1, names: ["王五"]))
        #expect(alert?.kind.title(.zh) == "处置不合格党员")
        #expect(alert?.message(.zh) == "1 名党员民主评议为不合格 (王五), 尚未登记处置情况, 请按规定处置不合格党员")
        // An outcome of spaces is none; a real one clears the alert.
        reviews[1].outcome = "  "
        ws.reviewResults = reviews
        #expect(AlertRules.alerts(ws, asOf: Self.d("2026-03-01")).contains { $0.code == "review.unqualified" })
        reviews[1].outcome = "限期改正, 三个月后经支部大会评议已改正"
        reviews[1].outcomeOn = Self.d("2026-04-15")
        ws.reviewResults = reviews
        #expect(!AlertRules.alerts(ws, asOf: Self.d("2026-05-01")).contains { $0.code == "review.unqualified" })
        // Through a change, as the dashboard records it, and undone.
        var edited = Self.workspace(members: members, activities: [meeting], reviews: [reviews[0]])
        let record = ReviewResult(id: "rv-2025-0002", memberId: "w", branchId: "b", year: 2025, grade: .unqualified, activityId: "dr")
        try! Change.reviewResult(before: nil, after: record).apply(to: &edited)
        #expect(AlertRules.alerts(edited, asOf: Self.d("2026-03-01")).contains { $0.code == "review.unqualified" })
        var resolved = record; resolved.outcome = "劝其退党"
        let change = Change.reviewResult(before: record, after: resolved)
        #expect(change.entity == "reviewResult" && change.action == "update" && change.branchesTouched(in: edited) == ["b"])
        try! change.apply(to: &edited)
        #expect(!AlertRules.alerts(edited, asOf: Self.d("2026-03-01")).contains { $0.code == "review.unqualified" })
        try! change.inverse.apply(to: &edited)
        #expect(edited.reviewResults.last == record)
    }

    // MARK: Validation

    @Test func listsAndResultsAreValidated() {
        let members = [Self.member("l", "李四"), Member(id: "late", name: "后来", branchId: "b", joinDate: Self.d("2026-09-01")),
                       Member(id: "other", name: "别支", branchId: "b2")]
        var a = Self.themedDay("2026-05-14", [Self.present("l"), AttendanceEntry(memberId: "l", present: true, absenceReason: .sick),
                                              Self.absent("late"), Self.absent("ghost")])
        a.participants = [TalkParticipant(name: "某人"), TalkParticipant(name: "某人乙")]
        var ws = Self.workspace(members: members, activities: [a])
        ws.organisation.branches.append(Branch(id: "b2", name: "第二党支部", parentId: "c", sector: .other, fullMembers: 0))
        ws.reviewResults = [ReviewResult(id: "r1", memberId: "l", branchId: "b", year: 2026, grade: .qualified, activityId: a.id),
                            ReviewResult(id: "r2", memberId: "l", branchId: "b", year: 2026, grade: .excellent)]
        ws.pioneerPoints = [PioneerPoints(id: "p1", memberId: "l", branchId: "b", itemId: "attendance", date: Self.d("2026-05-01"), points: 3),
                            PioneerPoints(id: "p2", memberId: "l", branchId: "b", itemId: "volunteer", date: Self.d("2026-05-01"), points: 6)]
        let kinds = Validator.validate(ws).map { "\($0.record) \($0.field) \($0.kind)" }
        let expected = [
            "activity(0) attendance[1].memberId listedTwice(\"l\")",
            "activity(0) attendance[1].absenceReason reasonForPresent",
            "activity(0) attendance[2].memberId notOnRoster(member: \"late\", branch: \"b\", day: 2026-05-14)",
            "activity(0) attendance[3].memberId unknownMember(\"ghost\")",
            "activity(0) participants participantsNotTalk",
            "reviewResult(0) activityId notReviewActivity(\"a-2026-05-14\")",
            "reviewResult(1) memberId reviewTwice(member: \"l\", year: 2026)",
            "pioneerPoints(0) itemId notManualPioneerItem(\"attendance\")",
            "pioneerPoints(1) points outOfRange(6.0, min: 0.0, max: 5.0)",
        ]
        #expect(kinds == expected)
        // The one-record checks the editor runs find the same.
        let lookup = Validator.Lookup()
        #expect(Validator.validate(activity: a, in: ws, lookup: lookup).count == 5)
        #expect(Validator.validate(reviewResult: ws.reviewResults[1], in: ws).map(\.kind) == [.reviewTwice(member: "l", year: 2026)])
        #expect(Validator.validate(reviewResult: ws.reviewResults[0], in: ws).map(\.kind) == [.notReviewActivity("a-2026-05-14")])
        // A talk needs two.
        let talk = Activity(id: "k", branchId: "b", kind: .talk, date: Self.d("2026-05-01"), title: "谈心", participants: [TalkParticipant(memberId: "l", name: "李四")])
        #expect(Validator.validate(activity: talk, in: ws).map(\.kind) == [.talkNeedsTwo])
    }

    // MARK: 先锋指数

    /// Three members of one branch, the default scheme (attendance 30, training 20, dues 15, talks 10,
    /// review 15, 志愿服务 5, 表彰 5), 2026 judged whole:
    ///
    /// | item | 甲 | 乙 | 丙 |
    /// |---|---|---|---|
    /// | attendance | 4/4 present → 30 | 2 present, 1 请假, 1 因公 (left out): 2/3 → 20 | no list names him: not judged |
    /// | training (32 h) | 8 (present) + 24 entry = 32 → 20 | absent; 16 entry: 16/32 → 10 | 32 entry → 20 |
    /// | dues | 12 months paid ahead 1 Jan → 15 | Nov, Dec paid in January 2027: 10/12 → 12.5 | none paid: 0/12 → 0 |
    /// | talks | with 书记 → 10 | only with 甲 → 0 | none → 0 |
    /// | review | 优秀 → 15 | 基本合格 0.5 → 7.5 | none: not judged |
    /// | 志愿服务 | 3 → 3 | 3 + 4 = 7, capped → 5 | 0 |
    /// | 表彰 | 0 | 0 | 0 |
    /// | total | 93 / 100 → **93** | 55 / 100 → **55** | 20 / 55 → **36.36** |
    ///
    /// Ranking 甲 1, 乙 2, 丙 3; the branch mean (93 + 55 + 36.3636…) / 3 / 100 is the `pioneerIndex` metric.
    @Test func thePioneerIndexOfThreeMembersByHand() {
        let members = [Self.member("j", "甲"), Self.member("y", "乙"), Self.member("b3", "丙")]
        for m in members { #expect(m.requiredTrainingHours(Rules()) == 32) }
        var activities = ["2026-02-12", "2026-04-16", "2026-06-11", "2026-09-10"].map { Self.themedDay($0, [Self.present("j"), Self.present("y")]) }
        activities[1].attendance = [Self.present("j"), Self.absent("y", .leave)]
        activities[2].attendance = [Self.present("j"), Self.absent("y", .onDuty)]
        activities.append(Activity(id: "t", branchId: "b", kind: .training, date: Self.d("2026-03-10"), title: "培训", hours: 8,
                                   attendance: [Self.present("j"), Self.absent("y", .leave)]))
        activities.append(Activity(id: "k1", branchId: "b", kind: .talk, date: Self.d("2026-06-10"), title: "谈心",
                                   participants: [TalkParticipant(name: "书记"), TalkParticipant(memberId: "j", name: "甲")]))
        activities.append(Activity(id: "k2", branchId: "b", kind: .talk, date: Self.d("2026-07-10"), title: "谈心",
                                   participants: [TalkParticipant(memberId: "j", name: "甲"), TalkParticipant(memberId: "y", name: "乙")]))
        let months = (1...12).map { YearMonth(year: 2026, month: $0)! }
        let payments = [
            DuesPayment(id: "d1", memberId: "j", branchId: "b", months: months, amount: 120, paidOn: Self.d("2026-01-05")),
            DuesPayment(id: "d2", memberId: "y", branchId: "b", months: Array(months[0..<10]), amount: 100, paidOn: Self.d("2026-01-05")),
            DuesPayment(id: "d3", memberId: "y", branchId: "b", months: Array(months[10...]), amount: 20, paidOn: Self.d("2027-01-10")),
        ]
        let entries = [
            TrainingEntry(id: "e1", memberId: "j", branchId: "b", date: Self.d("2026-05-01"), hours: 24, provider: "网院", title: "课程"),
            TrainingEntry(id: "e2", memberId: "y", branchId: "b", date: Self.d("2026-05-01"), hours: 16, provider: "网院", title: "课程"),
            TrainingEntry(id: "e3", memberId: "b3", branchId: "b", date: Self.d("2026-05-01"), hours: 32, provider: "网院", title: "课程"),
        ]
        let reviews = [ReviewResult(id: "r1", memberId: "j", branchId: "b", year: 2026, grade: .excellent),
                       ReviewResult(id: "r2", memberId: "y", branchId: "b", year: 2026, grade: .basicallyQualified)]
        let points = [PioneerPoints(id: "p1", memberId: "j", branchId: "b", itemId: "volunteer", date: Self.d("2026-03-05"), points: 3),
                      PioneerPoints(id: "p2", memberId: "y", branchId: "b", itemId: "volunteer", date: Self.d("2026-03-05"), points: 3),
                      PioneerPoints(id: "p3", memberId: "y", branchId: "b", itemId: "volunteer", date: Self.d("2026-09-05"), points: 4)]
        let ws = Self.workspace(members: members, activities: activities, payments: payments, entries: entries, reviews: reviews, points: points, year: 2027)
        #expect(Validator.validate(ws).isEmpty)
        let ledger = MemberLedger(ws)
        func earned(_ index: PioneerIndex) -> [String: Double?] { Dictionary(uniqueKeysWithValues: index.items.map { ($0.item.id, $0.points) }) }

        let j = ledger.pioneerIndex(members[0], year: 2026)
        #expect(earned(j) == ["attendance": 30, "training": 20, "dues": 15, "talks": 10, "review": 15, "volunteer": 3, "honours": 0])
        #expect(j.total == 93 && j.judgedMax == 100)
        let y = ledger.pioneerIndex(members[1], year: 2026)
        #expect(earned(y) == ["attendance": 20, "training": 10, "dues": 12.5, "talks": 0, "review": 7.5, "volunteer": 5, "honours": 0])
        #expect(abs(y.total - 55) < 1e-9)
        #expect(y.items[0].value == 2 && y.items[0].outOf == 3)   // 因公 left out
        #expect(y.items[4].grade == .basicallyQualified)
        let b = ledger.pioneerIndex(members[2], year: 2026)
        #expect(earned(b) == ["attendance": nil, "training": 20, "dues": 0, "talks": 0, "review": nil, "volunteer": 0, "honours": 0])
        #expect(b.judgedMax == 55 && abs(b.total - 2000.0 / 55) < 1e-9)

        let ranking = ledger.ranking(branchId: "b", year: 2026)
        #expect(ranking.map(\.member.id) == ["j", "y", "b3"] && ranking.map(\.rank) == [1, 2, 3])
        let mean = (93 + 55 + 2000.0 / 55) / 3 / 100
        #expect(abs(ledger.pioneerMean(branchId: "b", year: 2026)! - mean) < 1e-12)
        #expect(abs(ComplianceCalculator(ws).ratio(.pioneerIndex, ws.organisation.branches[0], year: 2026) - mean) < 1e-12)

        // As of 30 June: 乙's dues Jan–May judged (all on time: 5/5); only the talks, lists and points by then.
        let june = ledger.pioneerIndex(members[1], year: 2026, asOf: Self.d("2026-06-30"))
        #expect(earned(june)["dues"] == 15 && june.items[2].outOf == 5)
        #expect(june.items[0].value == 1 && june.items[0].outOf == 2)   // February present, April 请假; June 因公 left out
        // Equal totals share a place.
        var same = ws
        same.members.append(Self.member("zz", "丁"))
        same.trainingEntries.append(TrainingEntry(id: "e4", memberId: "zz", branchId: "b", date: Self.d("2026-05-01"), hours: 32, provider: "网院", title: "课程"))
        let tied = MemberLedger(same).ranking(branchId: "b", year: 2026)
        #expect(tied.map(\.member.id) == ["j", "y", "b3", "zz"] && tied.map(\.rank) == [1, 2, 3, 3])
        // A branch without members has no mean; its metric scores 0.
        let empty = Self.workspace(members: [])
        #expect(MemberLedger(empty).pioneerMean(branchId: "b", year: 2026) == nil)
        #expect(ComplianceCalculator(empty).ratio(.pioneerIndex, empty.organisation.branches[0], year: 2026) == 0)
    }

    /// The scheme is data: a workspace that weighs only attendance (scale 10) gives 甲 10 and leaves a
    /// member no list names unjudged (0, `judged` false).
    @Test func theSchemeIsData() {
        var ws = Self.workspace(members: [Self.member("j", "甲"), Self.member("n", "无")],
                                activities: [Self.themedDay("2026-02-12", [Self.present("j")])])
        ws.settings.rules.pioneer.scale = 10
        ws.settings.rules.pioneer.items = [PioneerItem(id: "life", title: "组织生活", max: 40, source: .attendance)]
        let ledger = MemberLedger(ws)
        #expect(ledger.pioneerIndex(ws.members[0], year: 2026).total == 10)
        let none = ledger.pioneerIndex(ws.members[1], year: 2026)
        #expect(none.total == 0 && !none.judged)
    }
}
