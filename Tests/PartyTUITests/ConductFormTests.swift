import Testing
import TestSupport
@testable import PartyModel
@testable import PartyTUI

/// The member ledger's conduct forms (issue 18): an activity's 签到表 (`n` on 活动), a 民主评议 result
/// (`y` on 党员), 先锋 points (`x`), a talk's 谈话对象; and the pages that read them back.
@Suite struct ConductFormTests {
    func save(_ state: inout AppState) throws -> Change {
        guard case .commit(let change) = Update.handle(.enter, &state) else {
            Issue.record("not saved: \(state.form?.error ?? "") \(state.form?.fields.compactMap(\.error) ?? [])")
            throw CancellationError()
        }
        _ = Update.update(.saved(change, undo: false, workspace: try change.apply(to: state.data.workspace), loadedYears: nil, journalProblem: nil), &state)
        return change
    }

    func focus(_ key: String, _ state: inout AppState) {
        let i = state.form?.fields.firstIndex { $0.key == key } ?? 0
        state.form?.focus = i
    }

    /// The activities pane with `pick`'s activity selected.
    func activitiesPane(_ pick: (Activity) -> Bool, width: Int = 80, height: Int = 24) throws -> (AppState, Activity) {
        var state = demoState(width: width, height: height)
        press([.char("8")], &state)
        let table = try #require(state.table(.activities))
        let visible = state.visible[.activities] ?? []
        let row = try #require(visible.firstIndex { i in
            if case .activity(let id) = table.rows[i].ref, let a = state.data.workspace.activities.first(where: { $0.id == id }) { return pick(a) }
            return false
        })
        state.lists[.activities]?.selected = row
        guard case .activity(let id) = table.rows[visible[row]].ref else { throw CancellationError() }
        return (state, state.data.workspace.activities.first { $0.id == id }!)
    }

    func membersPane(selecting id: String, width: Int = 80, height: Int = 24) -> AppState {
        var state = demoState(width: width, height: height)
        press([.char("9")], &state)
        let table = state.table(.members)!
        let i = state.visible[.members]!.firstIndex { table.rows[$0].ref == .member(id) }!
        state.lists[.members]?.selected = i
        return state
    }

    // MARK: 签到表

    @Test func anExistingListIsPrefilledAndAnAbsenceSavedWithItsReason() throws {
        var (state, a) = try activitiesPane { $0.branchId == "b-s-info" && $0.kind == .generalMeeting && $0.attendance != nil && $0.date.year == 2026 }
        let list = try #require(a.attendance)
        let ledger = state.data.compliance.members
        press([.char("n")], &state)
        let form = try #require(state.form)
        #expect(form.title == "签到表: \(a.date.iso) \(a.title)")
        // One line per member of the roster that day, each with the list's value.
        let roster = ledger.members(of: a.branchId, on: a.date)
        #expect(Array(form.fields.map(\.key).prefix(roster.count)) == roster.map(\.id))
        for entry in list {
            let value = entry.present ? "present" : (entry.absenceReason ?? .unexcused).rawValue
            #expect(form.value(entry.memberId) == value, "\(entry.memberId)")
        }
        // On the canvas at 80×24: the title, the first member and its choice.
        var lines = Views.render(state).lines
        #expect(lines.contains { $0.contains("签到表: \(a.date.iso)") })
        let first = try #require(form.fields.first)
        #expect(lines.contains { $0.contains(first.label) && $0.contains(first.shown) })
        // The form scrolls: the last member comes into view with the focus.
        let last = try #require(form.fields.last)
        state.form?.focus = form.fields.count - 1
        lines = Views.render(state).lines
        #expect(lines.contains { $0.contains(last.label) && $0.contains(last.shown) })
        // A present member turned 请假 (Right: the next choice), saved as the list with that line changed.
        let present = try #require(list.first { $0.present })
        focus(present.memberId, &state)
        press([.right], &state)
        #expect(state.form?.value(present.memberId) == "leave")
        let change = try save(&state)
        guard case .activity(let before?, let after?) = change else { Issue.record("\(change)"); return }
        #expect(before == a)
        var expected = list
        expected[expected.firstIndex { $0.memberId == present.memberId }!] = AttendanceEntry(memberId: present.memberId, present: false, absenceReason: .leave)
        #expect(after.attendance == expected)
        #expect(after.headcount.attended == list.filter(\.present).count - 1 && after.headcount.expected == list.count)
        // Everything else as it was.
        var same = after; same.attendance = a.attendance
        #expect(same == a)
    }

    @Test func aNewListStartsAllPresentAndThePageSaysCountsAndAbsentees() throws {
        var (state, a) = try activitiesPane({ $0.branchId == "b-t-econ" && $0.attendance == nil && $0.date.year == 2026 && $0.date <= testAsOf },
                                            width: 100, height: 60)
        let roster = state.data.compliance.members.members(of: a.branchId, on: a.date)
        #expect(!roster.isEmpty)
        press([.char("n")], &state)
        #expect(state.form?.fields.map(\.key) == roster.map(\.id))
        #expect(state.form?.fields.allSatisfy { $0.value == "present" } == true)
        // The second: 因公 (two to the right); the third: 无故 (four).
        focus(roster[1].id, &state)
        press([.right, .right], &state)
        let c = roster.count > 2 ? roster[2].id : roster[0].id
        focus(c, &state)
        for _ in 0..<4 { press([.right], &state) }
        #expect(state.form?.value(roster[1].id) == "onDuty" && state.form?.value(c) == "unexcused")
        let change = try save(&state)
        guard case .activity(let before?, let after?) = change else { Issue.record("\(change)"); return }
        #expect(before.attendance == nil)
        #expect(after.attendance?.count == roster.count)
        #expect(after.attendance?.filter(\.present).count == roster.count - 2)
        #expect(after.attendanceEntry(of: roster[1].id) == AttendanceEntry(memberId: roster[1].id, present: false, absenceReason: .onDuty))
        // The page: the list's counts, and who was absent and why.
        press([.enter], &state)
        let text = Views.render(state).lines.joined(separator: "\n")
        #expect(text.contains("实到/应到 \(roster.count - 2)/\(roster.count)  (签到表)"))
        #expect(text.contains("签到表 出席 \(roster.count - 2)  因公 1  无故 1"))
        #expect(text.contains("  \(roster[1].name)  因公"))
        let cName = state.data.compliance.members.member(c)!.name
        #expect(text.contains("  \(cName)  无故"))
    }

    // MARK: 民主评议 and the member's page

    @Test func aReviewResultIsSavedAndThePageReadsTheYearBack() throws {
        let id = "b-s-info-m30"
        var state = membersPane(selecting: id, width: 100, height: 80)
        let m = state.data.compliance.members.member(id)!
        #expect(state.data.compliance.members.review(m, year: 2026) == nil)
        press([.char("y")], &state)
        let form = try #require(state.form)
        #expect(form.title == "民主评议结果: \(m.name)")
        #expect(form.fields.map(\.key) == ["year", "grade", "note"])
        #expect(form.value("year") == "2026" && form.value("grade") == "qualified")
        #expect(Views.render(state).lines.contains { $0.contains("评议等次") && $0.contains("< 合格 >") })
        focus("grade", &state)
        press([.right, .right], &state)      // 合格 → 基本合格 → 不合格
        focus("note", &state)
        typeText("长期无故不参加组织生活", &state)
        let change = try save(&state)
        guard case .reviewResult(nil, let r?) = change else { Issue.record("\(change)"); return }
        #expect(r.memberId == id && r.year == 2026 && r.grade == .unqualified && r.note == "长期无故不参加组织生活")
        #expect(r.branchId == "b-s-info" && r.id.hasPrefix("rv-2026-"))
        // y again: this year's result prefilled; saving it otherwise edits the same record.
        press([.char("y")], &state)
        #expect(state.form?.value("grade") == "unqualified")
        press([.escape, .escape], &state)
        state.form = nil
        // The page: this year's result, 组织生活, talks, the 先锋指数 and its items.
        press([.enter], &state)
        let text = Views.render(state).lines.joined(separator: "\n")
        let ledger = state.data.compliance.members
        let life = ledger.organisationalLife(m, year: 2026, asOf: testAsOf)
        #expect(text.contains("2026年民主评议  不合格  长期无故不参加组织生活"))
        #expect(text.contains("组织生活        出席 \(life.present)/\(life.listed)"))
        #expect(text.contains("无故 \(life.absent[.unexcused] ?? 0)"))
        #expect(text.contains("谈心谈话        \(ledger.talks(m, year: 2026, asOf: testAsOf).count)"))
        let index = ledger.pioneerIndex(m, year: 2026, asOf: testAsOf)
        #expect(text.contains("先锋指数        \(formatNumber((index.total * 10).rounded() / 10))"))
        #expect(text.contains("  民主评议      0/15  不合格"))
        #expect(text.contains("  参加组织生活  \(formatNumber((index.items[0].points! * 10).rounded() / 10))/30  (\(life.present)/\(life.judged))"))
    }

    // MARK: 先锋 points

    @Test func pioneerPointsOfAManualItem() throws {
        let id = "b-s-info-m30"
        var state = membersPane(selecting: id)
        let m = state.data.compliance.members.member(id)!
        press([.char("x")], &state)
        let form = try #require(state.form)
        #expect(form.fields.map(\.key) == ["item", "points", "date", "note"])
        #expect(form.value("item") == "volunteer" && form.value("date") == testAsOf.iso)
        #expect(Views.render(state).lines.contains { $0.contains("< 志愿服务 (满分 5) >") })
        focus("points", &state)
        typeText("6", &state)
        _ = Update.handle(.enter, &state)
        #expect(state.form?.fields[1].error == "该项满分 5")
        press([.backspace], &state)
        typeText("2.5", &state)
        focus("note", &state)
        typeText("社区志愿服务 5 小时", &state)
        let change = try save(&state)
        guard case .pioneerPoints(nil, let p?) = change else { Issue.record("\(change)"); return }
        #expect(p.memberId == m.id && p.itemId == "volunteer" && p.points == 2.5 && p.date == testAsOf)
        #expect(p.branchId == "b-s-info" && p.note == "社区志愿服务 5 小时")
        #expect(state.data.compliance.members.points(of: m.id, year: 2026).contains(p))
    }

    // MARK: 谈话对象

    @Test func aTalksParticipantsAreMatchedToMembersByName() throws {
        var (state, a) = try activitiesPane { $0.kind == .talk && $0.date.year == 2026 && ($0.participants?.count ?? 0) >= 2 }
        let people = try #require(a.participants)
        press([.char("e")], &state)
        #expect(state.form?.value("participants") == people.map(\.name).joined(separator: "、"))
        // One more: a member of the branch (matched) and someone from outside (a name only).
        let roster = state.data.compliance.members.members(of: a.branchId, on: a.date)
        let other = try #require(roster.first { m in !people.contains { $0.memberId == m.id } })
        focus("participants", &state)
        typeText("、\(other.name)，上级党委书记", &state)
        let change = try save(&state)
        guard case .activity(_, let after?) = change else { Issue.record("\(change)"); return }
        #expect(after.participants == people + [TalkParticipant(memberId: other.id, name: other.name), TalkParticipant(name: "上级党委书记")])
        press([.enter], &state)
        #expect(Views.render(state).lines.contains { $0.contains("谈话对象 " + (people.map(\.name) + [other.name, "上级党委书记"]).joined(separator: "、")) })
    }

    @Test func writingKeysAreNotThereReadOnly() throws {
        var (state, _) = try activitiesPane { $0.attendance != nil }
        state.readOnly = true
        press([.char("n")], &state)
        #expect(state.form == nil)
        var members = membersPane(selecting: "b-s-info-m30")
        members.readOnly = true
        for key in ["y", "x"] {
            press([.char(Character(key))], &members)
            #expect(members.form == nil, "\(key)")
        }
        #expect(KeyMap.binding(for: .char("n"), on: ActivitiesPane(), readOnly: true) == nil)
        #expect(KeyMap.binding(for: .char("y"), on: MembersPane(), readOnly: true) == nil)
        #expect(KeyMap.binding(for: .char("x"), on: MembersPane(), readOnly: true)?.action != MembersPane.Act.points)
    }
}
