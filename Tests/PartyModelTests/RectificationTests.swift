import Testing
@testable import PartyModel

@Suite struct RectificationTests {
    static func d(_ s: String) -> Day { Day(iso: s)! }
    static let base = Rectification(id: "r", branchId: "b", category: "team", description: "问题", owner: "甲",
                                    openedOn: d("2026-01-10"), dueOn: d("2026-02-10"))

    static func at(_ status: RectificationStatus) -> Rectification {
        var r = base
        let path: [RectificationAction] = switch status {
        case .open: []
        case .inProgress: [.start]
        case .submitted: [.start, .submit(evidence: "材料")]
        case .closed: [.start, .submit(evidence: "材料"), .accept(acceptedBy: "乙")]
        }
        for action in path { r = try! r.applying(action, on: d("2026-01-20")).get() }
        return r
    }

    static let actions: [RectificationAction] = [.start, .submit(evidence: "材料"), .accept(acceptedBy: "乙"),
                                                  .returnForRework(reason: "不全"), .reopen(reason: "反弹")]

    @Test func everyIllegalTransitionIsRejectedAndEveryLegalOneRecorded() {
        let legal: Set<String> = ["open>start", "inProgress>submit", "submitted>accept", "submitted>returnForRework", "closed>reopen"]
        var checked = 0
        for status in RectificationStatus.allCases {
            for action in Self.actions {
                let r = Self.at(status)
                let name = "\(status.rawValue)>\(String(describing: action).split(separator: "(").first!)"
                switch r.applying(action, on: Self.d("2026-01-25")) {
                case .success(let next):
                    #expect(legal.contains(name), "\(name) should be rejected")
                    #expect(next.status == action.to)
                    #expect(next.history.count == r.history.count + 1)
                    #expect(next.history.last == RectificationEvent(
                        date: Self.d("2026-01-25"), from: status, to: action.to,
                        note: action == .accept(acceptedBy: "乙") ? nil : action.note,
                        acceptedBy: action == .accept(acceptedBy: "乙") ? "乙" : nil))
                case .failure(let error):
                    #expect(!legal.contains(name), "\(name) should be allowed")
                    #expect(error == .illegal(from: status, to: action.to))
                    #expect(!error.message(.zh).isEmpty)
                }
                checked += 1
            }
        }
        #expect(checked == 20)
        #expect(TransitionError.illegal(from: .open, to: .closed).message(.zh) == "不能从待整改改为已销号 (可改为: 整改中)")
    }

    @Test func notesAreRequiredWhereTheRulesSaySo() {
        let inProgress = Self.at(.inProgress), submitted = Self.at(.submitted), closed = Self.at(.closed)
        #expect(throws: TransitionError.noteRequired(.submitted)) { try inProgress.applying(.submit(evidence: "  "), on: Self.d("2026-02-01")).get() }
        #expect(throws: TransitionError.noteRequired(.closed)) { try submitted.applying(.accept(acceptedBy: ""), on: Self.d("2026-02-01")).get() }
        #expect(throws: TransitionError.noteRequired(.inProgress)) { try submitted.applying(.returnForRework(reason: ""), on: Self.d("2026-02-01")).get() }
        #expect(throws: TransitionError.noteRequired(.inProgress)) { try closed.applying(.reopen(reason: ""), on: Self.d("2026-02-01")).get() }
        #expect(throws: TransitionError.beforeLastChange(Self.d("2026-01-20"))) { try closed.applying(.reopen(reason: "x"), on: Self.d("2026-01-19")).get() }
    }

    @Test func statusOnADayReplaysTheHistory() throws {
        var r = Self.base
        r = try r.applying(.start, on: Self.d("2026-01-12")).get()
        r = try r.applying(.submit(evidence: "材料"), on: Self.d("2026-02-01")).get()
        r = try r.applying(.returnForRework(reason: "不全"), on: Self.d("2026-02-05")).get()
        r = try r.applying(.submit(evidence: "补充"), on: Self.d("2026-02-20")).get()
        r = try r.applying(.accept(acceptedBy: "乙"), on: Self.d("2026-03-01")).get()
        #expect(r.status(on: Self.d("2026-01-09")) == nil)
        #expect(r.status(on: Self.d("2026-01-10")) == .open)
        #expect(r.status(on: Self.d("2026-01-12")) == .inProgress)
        #expect(r.status(on: Self.d("2026-02-03")) == .submitted)
        #expect(r.status(on: Self.d("2026-02-10")) == .inProgress)
        #expect(r.status(on: Self.d("2026-03-01")) == .closed)
        // Due 02-10: overdue from 02-11 until it was closed.
        #expect(!r.isOverdue(on: Self.d("2026-02-10")))
        #expect(r.isOverdue(on: Self.d("2026-02-11")))
        #expect(r.isOverdue(on: Self.d("2026-02-28")))
        #expect(!r.isOverdue(on: Self.d("2026-03-01")))
        #expect(r.history.map(\.to) == [.inProgress, .submitted, .inProgress, .submitted, .closed])
    }

    @Test func validateFindsAHistoryThatDoesNotAddUp() {
        var ws = Workspace.empty(name: "x", year: 2026)
        ws.organisation.branches = [Branch(id: "b", name: "b", parentId: "committee", sector: .other, fullMembers: 3)]
        var bad = Self.at(.closed)
        bad.status = .submitted                                         // history ends at closed
        bad.history[1].note = nil                                       // submitted without evidence
        var skipped = Self.base
        skipped.status = .closed
        skipped.history = [RectificationEvent(date: Self.d("2026-01-11"), from: .open, to: .closed, acceptedBy: "乙")]
        var late = Self.base
        late.id = "late"
        late.dueOn = Self.d("2026-01-01")
        skipped.id = "skip"
        ws.rectifications = [bad, skipped, late]
        let issues = Validator.validate(ws)
        #expect(issues.contains(.init(.rectification(0), "status", .historyMismatch(status: .submitted, last: .closed))))
        #expect(issues.contains(.init(.rectification(0), "history[1].note", .noteMissing)))
        #expect(issues.contains(.init(.rectification(1), "history[0]", .illegalTransition(from: .open, to: .closed))))
        #expect(issues.contains(.init(.rectification(2), "dueOn", .dueBeforeOpened(opened: Self.d("2026-01-10"), due: Self.d("2026-01-01")))))
    }
}

@Suite struct RectificationAsOfTests {
    @Test func replayedToADay() throws {
        let d = { (s: String) in Day(iso: s)! }
        var r = Rectification(id: "r", branchId: "b", category: "c", description: "x", owner: "o", openedOn: d("2026-03-01"), dueOn: d("2026-03-31"))
        r = try r.applying(.start, on: d("2026-03-10")).get()
        r = try r.applying(.submit(evidence: "e"), on: d("2026-04-01")).get()
        // Before it was opened: nothing. Between the start (03-10) and the submission (04-01): in progress, one event.
        #expect(r.asOf(d("2026-02-28")) == nil)
        let then = try #require(r.asOf(d("2026-03-20")))
        #expect(then.status == .inProgress && then.history.count == 1 && !then.isOverdue(on: d("2026-03-20")))
        #expect(r.asOf(d("2026-04-01"))?.status == .submitted)
    }
}
