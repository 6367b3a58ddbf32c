import Testing
import TestSupport
@testable import PartyModel

/// 发展党员 (issue 19), worked by hand: one person through the five stages on exact dates with every
/// gate one day short (refused) and on the day (accepted); an exception; an extension; a cancellation;
/// the roster and dues on the right days; each alert on its first day and not the day before.
@Suite struct DevelopmentTests {
    static func d(_ s: String) -> Day { Day(iso: s)! }

    /// Branch b1 (with a committee): 赵一 and 钱二 full members for years, 孙三 probationary from
    /// 2025-09-01. Branch b2 has no committee.
    static func workspace() -> Workspace {
        Workspace(settings: WorkspaceSettings(name: "党委", currentYear: 2026),
                  organisation: Organisation(committee: Committee(id: "c", name: "党委"), branches: [
                      Branch(id: "b1", name: "一支部", parentId: "c", sector: .school, fullMembers: 2, hasCommittee: true, secretary: "赵一",
                             countsFromRoster: true),
                      Branch(id: "b2", name: "二支部", parentId: "c", sector: .school, fullMembers: 3, secretary: "书记"),
                  ]),
                  members: [Member(id: "m1", name: "赵一", branchId: "b1", role: .secretary, joinDate: d("2010-07-01")),
                            Member(id: "m2", name: "钱二", branchId: "b1", joinDate: d("2012-07-01")),
                            Member(id: "m3", name: "孙三", branchId: "b1", status: .probationary, joinDate: d("2025-09-01"),
                                   acceptedOn: d("2025-09-01"), probationEnds: d("2026-09-01"))],
                  plan: WorkPlan(title: "", year: 2026))
    }

    static func step(_ kind: DevelopmentStepKind, _ date: String, people: [String] = [], days: Double? = nil, hours: Double? = nil,
                     months: Int? = nil, present: Int? = nil, entitled: Int? = nil, inFavour: Int? = nil, body: DecisionBody? = nil) -> DevelopmentStep {
        DevelopmentStep(kind, d(date), people: people.map { PersonRef(name: $0) }, days: days, hours: hours, months: months,
                        present: present, entitled: entitled, inFavour: inFavour, body: body)
    }

    /// Records a step (it must be accepted) and applies the change.
    @discardableResult
    static func record(_ ws: inout Workspace, _ id: String, _ step: DevelopmentStep, reason: String? = nil,
                       sourceLocation: SourceLocation = #_sourceLocation) throws -> Change {
        switch DevelopmentRecord.record(step, for: id, in: ws, exceptionReason: reason) {
        case .success(let change):
            try change.apply(to: &ws)
            return change
        case .failure(let refusal):
            Issue.record("\(step.kind) \(step.date) refused: \(refusal.message(.zh))", sourceLocation: sourceLocation)
            throw refusal
        }
    }

    /// The rules a step breaks (it must be refused; nothing changes).
    static func refused(_ ws: Workspace, _ id: String, _ step: DevelopmentStep) -> [DevelopmentRule] {
        guard case .failure(.rules(let violations)) = DevelopmentRecord.record(step, for: id, in: ws) else { return [] }
        return violations.map(\.rule)
    }

    /// A new person with their application (accepted).
    static func apply(_ ws: inout Workspace, id: String, name: String, branch: String = "b1", born: String?, on date: String, student: Bool = false) throws {
        let c = Candidate(id: id, name: name, branchId: branch, birthDate: born.map(d), student: student, steps: [step(.application, date)])
        guard case .success(let change) = DevelopmentRecord.add(c, in: ws) else { Issue.record("application refused"); return }
        try change.apply(to: &ws)
    }

    // MARK: One person, five stages, every gate at N−1 and N

    /// 李明, born 2005-03-10, student of branch b1.
    /// 1 申请人: applies 2023-03-10 (on 03-09 he is 17: refused); talk due 2023-03-10 + 1 month = 04-10.
    /// 2 积极分子: chosen 2023-05-08 by the committee; filed; one contact; reviews every half year.
    /// 3 发展对象: not before 2023-05-08 + 12 months = 2024-05-08; two full sponsors; 政审; 培训 3 days or 24 h.
    /// 4 预备党员: 公示 from Wed 2024-07-10, 5 working days → ends Tue 07-16, the 支部大会 not before 07-17;
    ///   votes: more than half of 10 present and in favour; 审批 by 07-17 + 3 months = 2024-10-17.
    /// 5 正式党员: 预备期 ends 2025-07-17; 转正 discussed from then, approved by 2025-10-17.
    @Test func onePersonThroughFiveStagesOnExactDates() throws {
        var ws = Self.workspace()
        // Stage 1: aged 17 on 2023-03-09, 18 on 03-10.
        let early = Candidate(id: "p1", name: "李明", branchId: "b1", birthDate: Self.d("2005-03-10"), student: true,
                              steps: [Self.step(.application, "2023-03-09")])
        guard case .failure(.rules(let tooYoung)) = DevelopmentRecord.add(early, in: ws) else { Issue.record("a 17-year-old accepted"); return }
        #expect(tooYoung.map(\.rule) == [.minimumAge] && tooYoung[0].fact == .age(17))
        try Self.apply(&ws, id: "p1", name: "李明", born: "2005-03-10", on: "2023-03-10", student: true)
        #expect(ws.candidates[0].stage == .applicant)
        #expect(Self.refused(ws, "p1", Self.step(.talk, "2023-04-11")) == [.talkWithin])
        try Self.record(&ws, "p1", Self.step(.talk, "2023-04-10", people: ["赵一"]))

        // Stage 2: by the committee (the general meeting decides only where there is no committee).
        #expect(Self.refused(ws, "p1", Self.step(.activistChosen, "2023-05-08", body: .generalMeeting)) == [.decidingBody])
        try Self.record(&ws, "p1", Self.step(.activistChosen, "2023-05-08", body: .committee))
        #expect(ws.candidates[0].stage == .activist)
        try Self.record(&ws, "p1", Self.step(.activistFiled, "2023-05-15"))
        // Three contacts, or one who was not a member in 2023 (孙三, accepted 2025): refused.
        #expect(Self.refused(ws, "p1", Self.step(.contactsAssigned, "2023-05-15", people: ["赵一", "钱二", "周四"])) == [.contacts])
        #expect(Self.refused(ws, "p1", Self.step(.contactsAssigned, "2023-05-15", people: ["孙三"])) == [.contacts])
        try Self.record(&ws, "p1", Self.step(.contactsAssigned, "2023-05-15", people: ["赵一"]))
        try Self.record(&ws, "p1", Self.step(.review, "2023-11-08"))
        try Self.record(&ws, "p1", Self.step(.review, "2024-05-07"))

        // Stage 3: a year as activist.
        #expect(Self.refused(ws, "p1", Self.step(.targetChosen, "2024-05-07", body: .committee)) == [.activistYear])
        try Self.record(&ws, "p1", Self.step(.targetChosen, "2024-05-08", body: .committee))
        #expect(ws.candidates[0].stage == .developmentTarget)
        try Self.record(&ws, "p1", Self.step(.targetFiled, "2024-05-20"))
        // Sponsors: one is not two; 孙三 was not a full member on 2024-05-20.
        #expect(Self.refused(ws, "p1", Self.step(.sponsors, "2024-05-20", people: ["赵一"])) == [.sponsors])
        #expect(Self.refused(ws, "p1", Self.step(.sponsors, "2024-05-20", people: ["赵一", "孙三"])) == [.sponsors])
        // The branch meeting cannot come before sponsors, 政审 and 培训 are on record.
        guard case .failure(.rules(let early2)) = DevelopmentRecord.record(Self.step(.branchMeeting, "2024-07-17", present: 6, entitled: 10, inFavour: 6),
                                                                          for: "p1", in: ws) else { Issue.record("a branch meeting without 政审 accepted"); return }
        #expect(early2.contains { $0.rule == .prerequisite && $0.fact == .missing([.sponsors, .politicalReview, .training]) })
        try Self.record(&ws, "p1", Self.step(.sponsors, "2024-05-20", people: ["赵一", "钱二"]))
        try Self.record(&ws, "p1", Self.step(.politicalReview, "2024-06-20"))
        // 培训: 2 days and 23 学时 is short; 3 days, or 24 学时, is enough.
        #expect(Self.refused(ws, "p1", Self.step(.training, "2024-06-24", days: 2, hours: 23)) == [.training])
        #expect(Self.refused(ws, "p1", Self.step(.training, "2024-06-24")) == [.training])   // length not given
        if case .success = DevelopmentRecord.record(Self.step(.training, "2024-06-24", hours: 24), for: "p1", in: ws) {} else { Issue.record("24 学时 refused") }
        try Self.record(&ws, "p1", Self.step(.training, "2024-06-24", days: 3))

        // Stage 4.
        try Self.record(&ws, "p1", Self.step(.committeeReview, "2024-07-01"))
        try Self.record(&ws, "p1", Self.step(.preReview, "2024-07-08"))
        #expect(DevelopmentCheck.weekday(Self.d("2024-07-10")) == 2)   // a Wednesday
        #expect(DevelopmentCheck.workingDayEnd(from: Self.d("2024-07-10"), days: 5) == Self.d("2024-07-16"))
        #expect(Self.refused(ws, "p1", Self.step(.publicNotice, "2024-07-10", days: 4)) == [.publicNotice])
        try Self.record(&ws, "p1", Self.step(.publicNotice, "2024-07-10", days: 5))
        try Self.record(&ws, "p1", Self.step(.applicationForm, "2024-07-12"))
        #expect(Self.refused(ws, "p1", Self.step(.branchMeeting, "2024-07-16", present: 8, entitled: 10, inFavour: 8)) == [.publicNotice])
        // 5 of 10 present is not more than half; 6 present with 5 in favour neither.
        #expect(Self.refused(ws, "p1", Self.step(.branchMeeting, "2024-07-17", present: 5, entitled: 10, inFavour: 5)) == [.quorum])
        #expect(Self.refused(ws, "p1", Self.step(.branchMeeting, "2024-07-17", present: 6, entitled: 10, inFavour: 5)) == [.quorum])
        try Self.record(&ws, "p1", Self.step(.branchMeeting, "2024-07-17", present: 6, entitled: 10, inFavour: 6))
        #expect(ws.candidates[0].stage == .developmentTarget && ws.candidates[0].memberId == nil)   // not a member before the 审批
        try Self.record(&ws, "p1", Self.step(.upperTalk, "2024-08-01", people: ["组织员 周立新"]))
        #expect(Self.refused(ws, "p1", Self.step(.approval, "2024-10-18")) == [.approvalWithin])
        #expect(Self.refused(ws, "p1", Self.step(.approval, "2025-01-18")) == [.approvalLongest])
        let approval = try Self.record(&ws, "p1", Self.step(.approval, "2024-10-17"))
        // The 审批 makes the roster member: one change of two parts (the member, then the person who names it).
        #expect(approval.parts.map(\.entity) == ["member", "candidate"])
        let p1 = ws.candidates[0]
        #expect(p1.stage == .probationary && p1.memberId != nil)
        let member = try #require(ws.members.first { $0.id == p1.memberId })
        #expect(member.acceptedOn == Self.d("2024-07-17") && member.probationEnds == Self.d("2025-07-17") && member.joinDate == Self.d("2024-07-17"))
        #expect(member.branchId == "b1" && member.dues == .student && member.birthDate == Self.d("2005-03-10"))
        try Self.record(&ws, "p1", Self.step(.oath, "2024-10-20"))

        // Stage 5.
        try Self.record(&ws, "p1", Self.step(.fullApplication, "2025-07-10"))
        #expect(Self.refused(ws, "p1", Self.step(.fullMeeting, "2025-07-16")) == [.probationYear])
        #expect(Self.refused(ws, "p1", Self.step(.fullMeeting, "2025-10-18")) == [.fullWithin])
        try Self.record(&ws, "p1", Self.step(.fullMeeting, "2025-07-17", present: 7, entitled: 10, inFavour: 7))
        #expect(Self.refused(ws, "p1", Self.step(.fullApproval, "2025-10-18")) == [.fullWithin])
        try Self.record(&ws, "p1", Self.step(.fullApproval, "2025-10-17"))
        #expect(ws.candidates[0].stage == .full)
        let full = try #require(ws.members.first { $0.id == p1.memberId })
        #expect(full.status == .full && full.probationEnds == Self.d("2025-07-17"))
        // Nothing after 转正.
        #expect(Self.refused(ws, "p1", Self.step(.probationReview, "2025-11-01")).contains(.closed))

        // The files hold no problem: every step in order and within its rules.
        #expect(Validator.validate(ws).isEmpty, "\(Validator.validate(ws))")
        #expect(DevelopmentCheck.exceptions(ws).isEmpty)
        #expect(ws.candidates[0].steps.map(\.date) == ws.candidates[0].steps.map(\.date).sorted())
    }

    /// The roster and dues on the right days: a member from the 支部大会 day (dues from its month), probationary
    /// until the day before 2025-07-17, full from it; the branch's counts follow.
    @Test func rosterAndDuesChangeOnTheRightDays() throws {
        var ws = Self.workspace()
        ws.candidates = [Candidate(id: "p", name: "李明", branchId: "b1", stage: .developmentTarget, student: true,
                                   steps: [Self.step(.application, "2023-03-10"), Self.step(.activistChosen, "2023-05-08"),
                                           Self.step(.targetChosen, "2024-05-08"), Self.step(.sponsors, "2024-05-20", people: ["赵一", "钱二"]),
                                           Self.step(.politicalReview, "2024-06-20"), Self.step(.training, "2024-06-24", days: 3),
                                           Self.step(.branchMeeting, "2024-07-17", present: 6, entitled: 10, inFavour: 6)])]
        try Self.record(&ws, "p", Self.step(.approval, "2024-09-30"))
        let m = try #require(ws.members.first { $0.id == ws.candidates[0].memberId })
        let ledger = MemberLedger(ws)
        let branch = ws.organisation.branches[0]
        #expect(m.branch(on: Self.d("2024-07-16")) == nil && m.branch(on: Self.d("2024-07-17")) == "b1")
        #expect(m.status(on: Self.d("2024-07-17")) == .probationary)
        #expect(m.status(on: Self.d("2025-07-16")) == .probationary && m.status(on: Self.d("2025-07-17")) == .full)
        // Dues: owed from July 2024 (the 支部大会's month), a student's 0.20; nothing in June.
        #expect(ledger.monthlyDue(m, YearMonth(year: 2024, month: 6)!) == nil)
        #expect(ledger.monthlyDue(m, YearMonth(year: 2024, month: 7)!) == Money(fen: 20))
        // Counts of the roster branch: 赵一, 钱二 full; 李明 probationary from the 支部大会 day, full a year on.
        #expect(ledger.counts(branch, on: Self.d("2024-07-16")) == MemberCounts(full: 2, probationary: 0, source: .roster))
        #expect(ledger.counts(branch, on: Self.d("2024-07-17")) == MemberCounts(full: 2, probationary: 1, source: .roster))
        #expect(ledger.counts(branch, on: Self.d("2025-07-17")) == MemberCounts(full: 3, probationary: 0, source: .roster))
    }

    // MARK: Extension, cancellation, exception

    /// 王芳: 支部大会 2024-03-01, approved 2024-04-01, 预备期 to 2025-03-01. On 2025-03-05 the 支部大会
    /// extends it by 6 months (5 and 13 are refused; before the end too): to 2025-09-01, the roster follows.
    /// 转正 is then discussed not before 2025-09-01.
    @Test func anExtensionMovesTheEndAndTheRoster() throws {
        var ws = Self.workspace()
        ws.candidates = [Candidate(id: "w", name: "王芳", branchId: "b1", stage: .developmentTarget,
                                   steps: [Self.step(.targetChosen, "2023-10-01"), Self.step(.sponsors, "2023-10-10", people: ["赵一", "钱二"]),
                                           Self.step(.politicalReview, "2023-11-01"), Self.step(.training, "2023-11-20", hours: 24),
                                           Self.step(.branchMeeting, "2024-03-01", present: 9, entitled: 10, inFavour: 9)])]
        try Self.record(&ws, "w", Self.step(.approval, "2024-04-01"))
        let id = try #require(ws.candidates[0].memberId)
        #expect(ws.members.first { $0.id == id }?.probationEnds == Self.d("2025-03-01"))
        try Self.record(&ws, "w", Self.step(.fullMeeting, "2025-03-05", present: 8, entitled: 10, inFavour: 8))
        #expect(Self.refused(ws, "w", Self.step(.extension, "2025-03-05", months: 5)) == [.extensionLength])
        #expect(Self.refused(ws, "w", Self.step(.extension, "2025-03-05", months: 13)) == [.extensionLength])
        #expect(Self.refused(ws, "w", Self.step(.extension, "2025-02-28", months: 6)).contains(.probationYear))
        try Self.record(&ws, "w", Self.step(.extension, "2025-03-05", months: 6))
        let m = try #require(ws.members.first { $0.id == id })
        #expect(m.probationEnds == Self.d("2025-09-01") && m.status == .probationary)
        #expect(m.status(on: Self.d("2025-08-31")) == .probationary && m.status(on: Self.d("2025-09-01")) == .full)
        #expect(ws.candidates[0].probationEnd(ws.settings.rules.development) == Self.d("2025-09-01"))
        // A second extension would pass a year in all.
        #expect(Self.refused(ws, "w", Self.step(.extension, "2025-09-01", months: 7)) == [.extensionLength])
        #expect(Self.refused(ws, "w", Self.step(.fullMeeting, "2025-08-31")).contains(.probationYear))
        try Self.record(&ws, "w", Self.step(.fullMeeting, "2025-09-01", present: 8, entitled: 10, inFavour: 8))
        try Self.record(&ws, "w", Self.step(.fullApproval, "2025-09-10"))
        #expect(ws.candidates[0].stage == .full && ws.members.first { $0.id == id }?.status == .full)
        #expect(Validator.validate(ws).isEmpty, "\(Validator.validate(ws))")
    }

    /// 刘强: approved 2025-01-10, his 预备党员资格 cancelled 2025-05-01: off the roster from that day
    /// (取消预备党员资格), the record kept; the pipeline is over.
    @Test func aCancellationTakesThemOffTheRoster() throws {
        var ws = Self.workspace()
        ws.candidates = [Candidate(id: "l", name: "刘强", branchId: "b1", stage: .developmentTarget,
                                   steps: [Self.step(.sponsors, "2024-10-10", people: ["赵一", "钱二"]), Self.step(.politicalReview, "2024-11-01"),
                                           Self.step(.training, "2024-11-20", days: 4), Self.step(.branchMeeting, "2024-12-20", present: 9, entitled: 10, inFavour: 9)])]
        try Self.record(&ws, "l", Self.step(.approval, "2025-01-10"))
        let before = ws.members.count
        try Self.record(&ws, "l", Self.step(.cancellation, "2025-05-01"))
        #expect(ws.candidates[0].stage == .cancelled && ws.members.count == before)
        let m = try #require(ws.members.first { $0.id == ws.candidates[0].memberId })
        #expect(m.leftOn == Self.d("2025-05-01") && m.leftReason == .probationCancelled)
        #expect(m.branch(on: Self.d("2025-04-30")) == "b1" && m.branch(on: Self.d("2025-05-01")) == nil)
        let branch = ws.organisation.branches[0]
        #expect(MemberLedger(ws).counts(branch, on: Self.d("2025-04-30")).probationary == 1)
        #expect(MemberLedger(ws).counts(branch, on: Self.d("2025-05-01")).probationary == 0)
        #expect(Self.refused(ws, "l", Self.step(.fullMeeting, "2026-01-10")).contains(.closed))
        #expect(LeaveReason.named("取消预备党员资格") == .probationCancelled)
    }

    /// 发展对象 after 10 months as 积极分子: refused with the rule and its source; with a reason, kept
    /// with the exception (in the record and so in the journal line), and the files then hold no
    /// problem — the exception is listed as a notice. A step edited into a file without one is a problem.
    @Test func anExceptionWithAReasonIsKeptAndListed() throws {
        var ws = Self.workspace()
        try Self.apply(&ws, id: "e", name: "陈静", born: "2000-01-01", on: "2025-01-02")
        try Self.record(&ws, "e", Self.step(.talk, "2025-01-20"))
        try Self.record(&ws, "e", Self.step(.activistChosen, "2025-02-01"))
        guard case .failure(let refusal) = DevelopmentRecord.record(Self.step(.targetChosen, "2025-12-01"), for: "e", in: ws) else {
            Issue.record("10 months accepted"); return
        }
        #expect(refusal.message(.zh) == "确定为发展对象 2025-12-01: 应不早于 2026-02-01 (经过一年以上培养教育和考察; 《中国共产党发展党员工作细则》第十三条)")
        #expect(refusal.message(.en).contains("Art. 13"))
        let change = try Self.record(&ws, "e", Self.step(.targetChosen, "2025-12-01"), reason: "上级党委批准的特殊人才引进")
        guard case .candidate(_, let after?) = change else { Issue.record("not a candidate change"); return }
        let kept = try #require(after.steps.first { $0.kind == .targetChosen })
        #expect(kept.exception == StepException(reason: "上级党委批准的特殊人才引进", rules: ["activistYear"]))
        #expect(Validator.validate(ws).isEmpty)
        let notices = DevelopmentCheck.exceptions(ws)
        #expect(notices.count == 1 && notices[0].violations.map(\.rule) == [.activistYear])
        #expect(notices[0].message(.zh).contains("上级党委批准的特殊人才引进") && notices[0].message(.zh).contains("第十三条"))
        // The same step without its exception, as a hand-edited file might have it: a problem, with the rule and its source.
        ws.candidates[0].steps[3].exception = nil
        let issues = Validator.validate(ws)
        #expect(issues.count == 1 && issues[0].record == .candidate(0) && issues[0].field == "steps[3]")
        #expect(issues[0].kind.message(.zh).contains("第十三条"))
        // Out of order in a file: the talk after the activist was chosen.
        ws.candidates[0].steps[3].exception = kept.exception
        ws.candidates[0].steps[1].date = Self.d("2025-02-10")
        let order = Validator.validate(ws)
        #expect(order.contains { $0.field == "steps[2].date" && $0.kind == .historyOutOfOrder(Self.d("2025-02-01")) })
        #expect(order.contains { if case .developmentRule(let v) = $0.kind { v.rule == .order && v.step == .activistChosen } else { false } })
    }

    @Test func theStageFollowsTheStepsAndIsCheckedAgainstThem() {
        var c = Candidate(id: "x", name: "甲", branchId: "b1", stage: .activist, steps: [Self.step(.application, "2025-01-01")])
        // A stage beyond the steps (a sheet gave it without the dates) is kept, from the last step's day.
        #expect(c.stage(on: Self.d("2024-12-31")) == nil && c.stage(on: Self.d("2025-01-01")) == .activist)
        c.steps.append(Self.step(.activistChosen, "2025-03-01"))
        #expect(c.stage(on: Self.d("2025-02-28")) == .applicant && c.stage(on: Self.d("2025-03-01")) == .activist)
        c.stage = .applicant
        var ws = Self.workspace()
        ws.candidates = [c]
        #expect(Validator.validate(ws).map(\.kind) == [.stageBehindSteps(recorded: .applicant, steps: .activist)])
        #expect(DevelopmentStage.named("积极分子") == .activist && DevelopmentStage.named("预备") == .probationary)
        #expect(DevelopmentStepKind.named("政审") == .politicalReview && DevelopmentStepKind.named("支部大会") == .branchMeeting)
    }

    // MARK: Next steps

    @Test func nextStepsAndTheirDueDays() {
        let rules = DevelopmentRules()
        // An applicant of 2026-01-31: the talk due 2026-02-28 (a month on, clamped), overdue from 03-01.
        let a = Candidate(id: "a", name: "甲", branchId: "b1", steps: [Self.step(.application, "2026-01-31")])
        var p = DevelopmentPipeline.progress(a, asOf: Self.d("2026-02-28"), rules: rules)
        #expect(p.next?.kind == .talk && p.next?.due == Self.d("2026-02-28") && p.next?.state == .due)
        p = DevelopmentPipeline.progress(a, asOf: Self.d("2026-03-01"), rules: rules)
        #expect(p.next?.state == .overdue && p.isOverdue)
        // An activist chosen 2025-05-08, reviewed 2025-11-08, filed and with a contact: the review due
        // 2026-05-08 comes before the 发展对象 (not before 2026-05-08 either; the review is sooner by nothing, the
        // review is listed first).
        let b = Candidate(id: "b", name: "乙", branchId: "b1", stage: .activist,
                          steps: [Self.step(.activistChosen, "2025-05-08"), Self.step(.activistFiled, "2025-05-10"),
                                  Self.step(.contactsAssigned, "2025-05-10", people: ["赵一"]), Self.step(.review, "2025-11-08")])
        p = DevelopmentPipeline.progress(b, asOf: Self.d("2026-01-10"), rules: rules)
        #expect(p.pending.map(\.kind) == [.review, .targetChosen])
        #expect(p.pending[0].due == Self.d("2026-05-08") && p.pending[1].earliest == Self.d("2026-05-08") && p.pending[1].state == .waiting)
        #expect(p.next?.kind == .review)
        // A 发展对象 without 政审: the 支部大会 is blocked by it.
        let c = Candidate(id: "c", name: "丙", branchId: "b1", stage: .developmentTarget,
                          steps: [Self.step(.targetChosen, "2026-03-01"), Self.step(.targetFiled, "2026-03-05"),
                                  Self.step(.sponsors, "2026-03-05", people: ["赵一", "钱二"]), Self.step(.training, "2026-04-01", days: 3)])
        p = DevelopmentPipeline.progress(c, asOf: Self.d("2026-04-10"), rules: rules)
        #expect(p.next?.kind == .politicalReview && !p.isBlocked)
        #expect(p.pending.last?.kind == .branchMeeting && p.pending.last?.missing == [.politicalReview] && p.pending.last?.state == .blocked)
        // Probationary to 2026-06-01: the 转正 application due then, the discussion from then to 09-01.
        let e = Candidate(id: "e", name: "丁", branchId: "b1", stage: .probationary,
                          steps: [Self.step(.branchMeeting, "2025-06-01"), Self.step(.approval, "2025-07-01"), Self.step(.oath, "2025-07-01")])
        p = DevelopmentPipeline.progress(e, asOf: Self.d("2026-05-20"), rules: rules)
        #expect(p.probationEnd == Self.d("2026-06-01") && p.next?.kind == .fullApplication && p.next?.due == Self.d("2026-06-01"))
        let meeting = p.pending.first { $0.kind == .fullMeeting }
        #expect(meeting?.earliest == Self.d("2026-06-01") && meeting?.due == Self.d("2026-09-01") && meeting?.state == .waiting)
        #expect(p.pending.last?.kind == .fullApproval && p.pending.last?.state == .blocked && !p.isBlocked)
        // 政审 is due the day before the alert begins (2026-03-01 + 90 days = 05-30).
        #expect(DevelopmentPipeline.progress(c, asOf: Self.d("2026-04-10"), rules: rules).next?.due == Self.d("2026-05-29"))
        // Overdue first, then by the next step's day (none last).
        let ordered = DevelopmentPipeline.ordered([e, c, b, a].map { DevelopmentPipeline.progress($0, asOf: Self.d("2026-04-10"), rules: rules) })
        #expect(ordered.map(\.candidateId) == ["a", "b", "c", "e"])
    }

    // MARK: Alerts, each on its first day

    /// One person per alert in branch b1; each alert is found on its first day and not the day before.
    @Test(arguments: [
        // talk: applied 2026-01-31, due 02-28.
        ("development.talk-overdue", "2026-02-28", "2026-03-01"),
        // review: last 2025-11-08, due 2026-05-08.
        ("development.review-overdue", "2026-05-08", "2026-05-09"),
        // 政审/培训: chosen 2026-03-01, 90 days → 2026-05-30.
        ("development.checks-missing", "2026-05-29", "2026-05-30"),
        // 审批: 支部大会 2026-01-15 → 3 months 04-15, 6 months 07-15.
        ("development.approval-overdue", "2026-04-15", "2026-04-16"),
        ("development.approval-over-longest", "2026-07-15", "2026-07-16"),
        // 转正: 预备期 ends 2026-06-01; discussed by 09-01.
        ("development.full-due", "2026-05-31", "2026-06-01"),
        ("development.full-overdue", "2026-09-01", "2026-09-02"),
    ])
    func eachAlertStartsOnItsDay(code: String, dayBefore: String, firstDay: String) {
        var ws = Self.workspace()
        ws.candidates = [
            Candidate(id: "talk", name: "甲", branchId: "b1", steps: [Self.step(.application, "2026-01-31")]),
            Candidate(id: "review", name: "乙", branchId: "b1", stage: .activist,
                      steps: [Self.step(.activistChosen, "2025-05-08"), Self.step(.review, "2025-11-08")]),
            Candidate(id: "checks", name: "丙", branchId: "b1", stage: .developmentTarget,
                      steps: [Self.step(.targetChosen, "2026-03-01"), Self.step(.training, "2026-03-20", days: 3)]),
            Candidate(id: "approval", name: "丁", branchId: "b1", stage: .developmentTarget,
                      steps: [Self.step(.politicalReview, "2025-12-01"), Self.step(.training, "2025-12-05", days: 3),
                              Self.step(.branchMeeting, "2026-01-15")]),
            Candidate(id: "full", name: "戊", branchId: "b1", stage: .probationary,
                      steps: [Self.step(.branchMeeting, "2025-06-01"), Self.step(.approval, "2025-07-01")]),
        ]
        func codes(_ day: String) -> [Alert] { AlertRules.alerts(ws, asOf: Self.d(day)).filter { $0.code == code } }
        #expect(codes(dayBefore).isEmpty, "\(code) on \(dayBefore)")
        let found = codes(firstDay)
        #expect(found.count == 1, "\(code) on \(firstDay)")
        guard let alert = found.first, case .development(let kind, let people, let names) = alert.kind else { return }
        #expect(people == 1 && names.count == 1 && alert.severity == kind.severity)
        // The title names nobody; the message does.
        #expect(!kind.title(.zh).contains(names[0]) && alert.message(.zh).contains(names[0]) && !alert.message(.zh, naming: false).contains(names[0]))
    }

    @Test func checksMissingFromTheFirstStepTowardsTheMeeting() {
        var ws = Self.workspace()
        ws.candidates = [Candidate(id: "x", name: "甲", branchId: "b1", stage: .developmentTarget,
                                   steps: [Self.step(.targetChosen, "2026-03-01"), Self.step(.committeeReview, "2026-04-10")])]
        let code = "development.checks-missing"
        #expect(!AlertRules.alerts(ws, asOf: Self.d("2026-04-09")).contains { $0.code == code })
        #expect(AlertRules.alerts(ws, asOf: Self.d("2026-04-10")).contains { $0.code == code })
    }

    // MARK: Funnel and targets

    /// b1: an applicant, an activist (student), a 发展对象 (student), a probationary member approved 2026-03-02
    /// (student), one full; b2: an applicant withdrawn. Plan 2026: b1 3, b2 1; students b1 40, overall 100.
    /// Student members on 2026-11-21: the new probationary (student dues) = 1 of b1's; reserve students 2.
    @Test func funnelAndTargetsByHand() throws {
        var ws = Self.workspace()
        ws.members.append(Member(id: "m9", name: "新", branchId: "b1", status: .probationary, acceptedOn: Self.d("2026-02-20"),
                                 probationEnds: Self.d("2027-02-20"), dues: .student))
        ws.candidates = [
            Candidate(id: "1", name: "甲", branchId: "b1", steps: [Self.step(.application, "2026-05-01")]),
            Candidate(id: "2", name: "乙", branchId: "b1", stage: .activist, student: true, steps: [Self.step(.activistChosen, "2026-02-01")]),
            Candidate(id: "3", name: "丙", branchId: "b1", stage: .developmentTarget, student: true, steps: [Self.step(.targetChosen, "2026-01-10")]),
            Candidate(id: "4", name: "新", branchId: "b1", stage: .probationary, student: true,
                      steps: [Self.step(.branchMeeting, "2026-02-20"), Self.step(.approval, "2026-03-02")], memberId: "m9"),
            Candidate(id: "5", name: "丁", branchId: "b1", stage: .full,
                      steps: [Self.step(.branchMeeting, "2024-02-20"), Self.step(.approval, "2024-03-02"), Self.step(.fullApproval, "2025-03-01")]),
            Candidate(id: "6", name: "戊", branchId: "b2", stage: .withdrawn, steps: [Self.step(.application, "2026-01-01"), Self.step(.withdrawal, "2026-04-01")]),
        ]
        ws.developmentTargets = DevelopmentTargets(years: [DevelopmentYear(year: 2026, plan: ["b1": 3, "b2": 1], students: ["b1": 40], studentsTotal: 100)])
        let asOf = Self.d("2026-11-21")
        let funnel = DevelopmentPipeline.funnel(ws, asOf: asOf)
        #expect(funnel.map(\.branchId) == ["b1", "b2"])
        #expect(funnel[0].counts == [.applicant: 1, .activist: 1, .developmentTarget: 1, .probationary: 1, .full: 1] && funnel[0].reserve == 3)
        #expect(funnel[0].developedThisYear == 1 && funnel[1].counts == [.withdrawn: 1] && funnel[1].developedThisYear == 0)
        let t = DevelopmentPipeline.targets(ws, asOf: asOf)
        #expect(t.branches[0].developed == 1 && t.branches[0].plan == 3 && t.branches[0].planShare == 1.0 / 3.0)
        #expect(t.branches[0].studentMembers == 1 && t.branches[0].studentReserve == 2 && t.branches[0].students == 40)
        #expect(t.branches[0].studentMemberShare == 1.0 / 40.0 && t.branches[0].reserveShare == 2.0 / 40.0)
        #expect(t.branches[1].students == nil && t.branches[1].reserveShare == nil)
        #expect(t.total.plan == 4 && t.total.students == 100 && t.total.developed == 1 && t.total.reserveShare == 0.02)
        #expect(t.studentMemberTarget == 0.0383 && t.reserveTarget == 0.429)
        // Before the approval (2026-03-01) nothing is developed this year.
        #expect(DevelopmentPipeline.funnel(ws, asOf: Self.d("2026-03-01"))[0].developedThisYear == 0)
        #expect(Validator.validate(ws).isEmpty, "\(Validator.validate(ws))")
    }

    /// Every field of `rules.development` moves an output (a check, a due day, an alert, the targets).
    @Test func everyDevelopmentRuleFieldIsRead() {
        let fields = Set(Mirror(reflecting: DevelopmentRules()).children.compactMap(\.label))
        #expect(fields == Set(DevelopmentRules.CodingKeys.allCases.map(\.rawValue)))
        var ws = Self.workspace()
        ws.candidates = [
            Candidate(id: "a", name: "甲", branchId: "b1", birthDate: Self.d("2008-06-01"), steps: [Self.step(.application, "2026-06-01"),
                                                                                          Self.step(.talk, "2026-07-01")]),
            Candidate(id: "b", name: "乙", branchId: "b1", stage: .developmentTarget,
                      steps: [Self.step(.activistChosen, "2025-03-01"), Self.step(.contactsAssigned, "2025-03-02", people: ["赵一", "钱二"]),
                              Self.step(.review, "2025-09-01"), Self.step(.targetChosen, "2026-03-01"),
                              Self.step(.sponsors, "2026-03-05", people: ["赵一", "钱二"]), Self.step(.training, "2026-04-01", days: 3, hours: 24),
                              Self.step(.politicalReview, "2026-04-02"), Self.step(.publicNotice, "2026-04-06", days: 5),
                              Self.step(.branchMeeting, "2026-04-14", present: 6, entitled: 10, inFavour: 6), Self.step(.approval, "2026-07-14")]),
            Candidate(id: "c", name: "丙", branchId: "b1", stage: .probationary,
                      steps: [Self.step(.branchMeeting, "2025-01-10"), Self.step(.approval, "2025-02-10"), Self.step(.fullMeeting, "2026-01-10"),
                              Self.step(.extension, "2026-01-10", months: 6)]),
            Candidate(id: "d", name: "丁", branchId: "b1", stage: .activist, steps: [Self.step(.activistChosen, "2026-01-05")]),
            Candidate(id: "e", name: "戊", branchId: "b1", stage: .developmentTarget,
                      steps: [Self.step(.politicalReview, "2025-12-01"), Self.step(.training, "2025-12-05", days: 3), Self.step(.branchMeeting, "2026-01-15")]),
            Candidate(id: "f", name: "己", branchId: "b1", stage: .developmentTarget, steps: [Self.step(.targetChosen, "2026-05-20")]),
        ]
        ws.developmentTargets = DevelopmentTargets(years: [DevelopmentYear(year: 2026, students: ["b1": 10])])
        func output(_ change: (inout DevelopmentRules) -> Void) -> String {
            var w = ws
            change(&w.settings.rules.development)
            let rules = w.settings.rules.development
            var out = ["\(Validator.validate(w))"]
            for day in ["2026-06-01", "2026-06-20", "2026-07-10", "2026-07-20", "2026-08-01", "2026-10-01"] {
                out.append("\(AlertRules.alerts(w, asOf: Self.d(day)).filter { $0.code.hasPrefix("development.") })")
                out.append("\(w.candidates.map { DevelopmentPipeline.progress($0, asOf: Self.d(day), rules: rules) })")
            }
            out.append("\(DevelopmentPipeline.targets(w, asOf: Self.d("2026-11-21")))")
            return out.joined(separator: "\n")
        }
        let base = output { _ in }
        let changes: [String: (inout DevelopmentRules) -> Void] = [
            "minimumAge": { $0.minimumAge = 19 }, "talkWithinMonths": { $0.talkWithinMonths = 0 },
            "contactsMinimum": { $0.contactsMinimum = 3; $0.contactsMaximum = 3 }, "contactsMaximum": { $0.contactsMaximum = 1 },
            "reviewEveryMonths": { $0.reviewEveryMonths = 3 }, "activistMonths": { $0.activistMonths = 13 }, "sponsors": { $0.sponsors = 3 },
            "trainingDays": { $0.trainingDays = 4; $0.trainingHours = 100 }, "trainingHours": { $0.trainingHours = 30; $0.trainingDays = 100 },
            "publicNoticeWorkingDays": { $0.publicNoticeWorkingDays = 7 }, "quorumShare": { $0.quorumShare = 0.6 },
            "approvalWithinMonths": { $0.approvalWithinMonths = 2 }, "approvalLongestMonths": { $0.approvalLongestMonths = 4 },
            "probationMonths": { $0.probationMonths = 18 }, "fullWithinMonths": { $0.fullWithinMonths = 1 },
            "extensionMinimumMonths": { $0.extensionMinimumMonths = 7 }, "extensionMaximumMonths": { $0.extensionMaximumMonths = 5; $0.extensionMinimumMonths = 1 },
            "targetChecksWithinDays": { $0.targetChecksWithinDays = 10 }, "studentMemberShare": { $0.studentMemberShare = 0.05 },
            "reserveShare": { $0.reserveShare = 0.5 },
        ]
        #expect(Set(changes.keys) == fields)
        for (field, change) in changes.sorted(by: { $0.key < $1.key }) { #expect(output(change) != base, "\(field) moved nothing") }
    }
}
