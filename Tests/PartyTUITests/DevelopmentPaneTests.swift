import Testing
import TestSupport
@testable import PartyModel
@testable import PartyTUI

/// The 发展党员 pane (issue 19) on the demo of 21 November 2026, read back from the canvas; its forms
/// driven by keys through `Update`, as the terminal drives them.
@Suite struct DevelopmentPaneTests {
    func pane(width: Int = 80, height: Int = 24, lang: Language = .zh) -> AppState {
        var state = demoState(width: width, height: height, lang: lang)
        goTo(.development, &state)
        return state
    }

    func select(_ id: String, _ state: inout AppState) throws {
        let table = try #require(state.table(.development))
        state.lists[.development]?.selected = try #require(state.visible[.development]!.firstIndex { table.rows[$0].ref == .candidate(id) })
    }

    func saved(_ change: Change, _ state: inout AppState) throws {
        _ = Update.update(.saved(change, undo: false, workspace: try change.apply(to: state.data.workspace), loadedYears: nil, journalProblem: nil), &state)
    }

    func person(_ name: String, _ state: AppState) throws -> Candidate {
        try #require(state.data.workspace.candidates.first { $0.name == name })
    }

    @Test func thePeopleMostUrgentFirst() throws {
        let state = pane()
        #expect(state.pane == .development)
        let canvas = Views.render(state)
        #expect(canvas.row(1).hasPrefix(" 发展党员 截至 2026-11-21"))
        #expect(canvas.row(3) == "| 姓名     支部         阶段         下一步                日期       状态     |")
        // Overdue first, the most overdue at the top: 沈家's 预备期 ended 2026-02-24 (支部大会 2025-02-24
        // + 12 months); 转正 to be approved within 3 months of it: by 2026-05-24, not done by 21 November.
        #expect(canvas.row(4) == "| 沈家     机电工程系.. 预备党员     审批转正              2026-05-24 逾期     #")
        // 韦超 applied on 2026-10-12: the branch's talk was due a month later, 2026-11-12 — overdue.
        let y = try #require(canvas.lines.firstIndex { $0.contains("韦超") })
        #expect(canvas.row(y) == "| 韦超     机电工程系.. 入党申请人   申请人谈话            2026-11-12 逾期     |")
        #expect(canvas[x: canvas.row(y).distance(of: "2026-11-12"), y: y].role == .bad)
        // Every overdue row comes before every other.
        let rows = state.visible[.development]!.map { state.table(.development)!.rows[$0] }
        let overdue = rows.map { $0.tags.contains("overdue") }
        #expect(overdue.first == true && overdue == overdue.sorted { $0 && !$1 })
        #expect(rows.count == state.data.workspace.candidates.count)
    }

    @Test func wideTheNamesAreWhole() throws {
        let canvas = Views.render(pane(width: 120, height: 40))
        let y = try #require(canvas.lines.firstIndex { $0.contains("韦超") })
        #expect(canvas.row(y).contains("机电工程系学生党支部") && canvas.row(y).contains("入党申请人"))
        #expect(canvas.lines.contains { $0.contains("入党积极分子") })
    }

    /// The funnel: each branch's people per stage, worked out here from the people's own stages.
    /// At 80 columns the funnel's figures are as wide as their headings, and every branch's name is whole.
    @Test func theFunnelAt80ColumnsKeepsTheNames() throws {
        var state = pane()
        press([.char("v")], &state)
        let canvas = Views.render(state)
        #expect(canvas.row(3) == "| 支部                    申请人 积极分子 发展对象 预备党员 本年发展 计划 逾期 |")
        for b in state.data.workspace.organisation.branches(inServiceOn: testAsOf) {
            #expect(canvas.lines.contains { $0.hasPrefix("| \(b.name) ") }, "\(b.name)")
        }
    }

    @Test func theFunnelPerBranchAddsUp() throws {
        var state = pane(width: 120, height: 40)
        press([.char("v")], &state)
        let canvas = Views.render(state)
        #expect(canvas.row(1).contains("各支部"))
        #expect(canvas.row(3).hasPrefix("| 支部") && canvas.row(3).contains("申请人 积极分子 发展对象 预备党员 本年发展 计划 逾期"))
        let ws = state.data.workspace
        func count(_ stage: DevelopmentStage, _ branch: String? = nil) -> Int {
            ws.candidates.filter { DevelopmentRecord.stage(of: $0) == stage && (branch == nil || $0.branchId == branch) }.count
        }
        let total = try #require(canvas.lines.first { $0.hasPrefix("| 合计") })
        let numbers = total.split(separator: " ").compactMap { Int($0) }
        #expect(Array(numbers.prefix(4)) == [count(.applicant), count(.activist), count(.developmentTarget), count(.probationary)])
        #expect(numbers.prefix(4).allSatisfy { $0 > 0 })
        let mech = try #require(canvas.lines.first { $0.hasPrefix("| 机电工程系学生党支部") })
        #expect(Array(mech.split(separator: " ").compactMap { Int($0) }.prefix(4))
                == [count(.applicant, "b-s-mech"), count(.activist, "b-s-mech"), count(.developmentTarget, "b-s-mech"), count(.probationary, "b-s-mech")])
    }

    /// Three steps of 韦超 (applied 2026-10-12) by keys: the talk on 11-10, within the month (a
    /// Chinese name, found on the roster), 积极分子 by the 支委会, then 发展对象 the same day — refused
    /// (a year as 积极分子 first, 细则 Art. 13) until an exception reason is given.
    @Test func threeStepsByFormOneRefusedThenKeptAsAnException() throws {
        var state = pane()
        try select(person("韦超", state).id, &state)
        press([.char("n")], &state)
        var form = try #require(state.form)
        #expect(form.value("step") == "talk" && form.fields[form.focus].key == "date" && form.value("date") == "2026-11-21")
        #expect(form.fields.map(\.key) == ["step", "date", "people.talk", "note", "exception"])
        for _ in 0..<10 { press([.backspace], &state) }
        typeText("2026-11-10", &state)
        press([.tab], &state)
        typeText("夏梓爱", &state)
        guard case .commit(let talk) = Update.handle(.enter, &state) else { Issue.record("not saved: \(String(describing: state.form?.error))"); return }
        guard case .candidate(_, let after?) = talk else { Issue.record("\(talk)"); return }
        #expect(after.steps.last == DevelopmentStep(.talk, Day.parse("2026-11-10")!, people: [PersonRef(memberId: "b-t-mech-m1", name: "夏梓爱")]))
        try saved(talk, &state)

        // Next: 确定为入党积极分子, decided by the 支委会 (the branch has one).
        press([.char("n")], &state)
        form = try #require(state.form)
        #expect(form.value("step") == "activistChosen" && form.value("body") == "committee")
        #expect(form.fields.map(\.key) == ["step", "date", "body", "note", "exception"])
        guard case .commit(let chosen) = Update.handle(.enter, &state) else { Issue.record("not saved: \(String(describing: state.form?.error))"); return }
        try saved(chosen, &state)
        #expect(DevelopmentRecord.stage(of: try person("韦超", state)) == .activist)

        // 确定为发展对象 the same day: the step field found by typing, the fields follow it.
        press([.char("n")], &state)
        state.form?.focus = 0
        typeText("确定为发展", &state)
        form = try #require(state.form)
        #expect(form.value("step") == "targetChosen" && form.fields.map(\.key) == ["step", "date", "body", "note", "exception"])
        #expect(Update.handle(.enter, &state) == .none)
        form = try #require(state.form)
        let refusal = try #require(form.error)
        #expect(refusal.hasPrefix("未登记: 确定为发展对象 2026-11-21: 应不早于 2027-11-21"))
        #expect(refusal.contains("第十三条") && form.fields[form.focus].key == "exception")
        let shown = Views.render(state).lines.joined()
        #expect(shown.contains("未登记: 确定为发展对象") && shown.contains("记入纪实"))
        typeText("经党委研究同意", &state)
        guard case .commit(let kept) = Update.handle(.enter, &state) else { Issue.record("not saved: \(String(describing: state.form?.error))"); return }
        guard case .candidate(_, let target?) = kept else { Issue.record("\(kept)"); return }
        #expect(target.steps.last?.kind == .targetChosen && target.steps.last?.exception == StepException(reason: "经党委研究同意", rules: ["activistYear"]))
        try saved(kept, &state)
        #expect(DevelopmentRecord.stage(of: try person("韦超", state)) == .developmentTarget)
    }

    /// The step form's fields follow the step: found by typing its pinyin initials letter after letter
    /// (the fields change on the way, the search goes on); what was typed is kept when stepping through
    /// the steps; a number of one step (培训天数) is not offered as another's (公示工作日); the names of a
    /// talk are not offered as 入党介绍人.
    @Test func theStepFormFollowsTheStepAndKeepsWhatWasTyped() throws {
        var state = pane()
        try select(person("韦超", state).id, &state)
        press([.char("n")], &state)
        press([.tab], &state)
        typeText("夏梓爱", &state)                  // the talk's 谈话人
        state.form?.focus = 0
        typeText("zbdhtlzz", &state)               // 支部大会讨论转正: through 指定培养联系人 and 支部大会讨论接收
        let form = try #require(state.form)
        #expect(form.value("step") == "fullMeeting" && form.fields.map(\.key) == ["step", "date", "present", "entitled", "inFavour", "note", "exception"])
        #expect(form.fields[form.focus].key == "step")
        // Choosing a step by typing (after the search is cleared): back to the talk, its 谈话人 as typed.
        func choose(_ name: String) {
            state.form?.focus = 0
            for _ in 0..<12 { press([.backspace], &state) }
            typeText(name, &state)
        }
        choose("申请人谈话")
        #expect(state.form?.value("step") == "talk" && state.form?.value("people.talk") == "夏梓爱")
        // 入党介绍人: its own field, empty and required.
        choose("介绍人")
        #expect(state.form?.value("step") == "sponsors" && state.form?.value("people.sponsors") == "")
        #expect(state.form?.fields.first { $0.key == "people.sponsors" }?.required == true)
        // 集中培训's days are not 公示's working days.
        choose("集中培训")
        let days = try #require(state.form?.fields.firstIndex { $0.key == "days" })
        state.form?.focus = days
        typeText("3.5", &state)
        choose("公示")
        #expect(state.form?.value("step") == "publicNotice" && state.form?.value("noticeDays") == "")
        #expect(state.form?.fields.contains { $0.key == "days" } == false)
        // And back: the 3.5 days typed for the training are still there.
        choose("集中培训")
        #expect(state.form?.value("days") == "3.5")
    }

    /// `v` after sorting by the people's fourth sort option (the funnel has three) and filtering by a stage
    /// the funnel's rows do not carry: the funnel opens unsorted and unfiltered, from its first row.
    @Test func theOtherViewStartsAgain() throws {
        var state = pane()
        press([.char("s"), .char("s"), .char("s")], &state)
        press([.char("f"), .char("f"), .char("f"), .char("f"), .char("f")], &state)
        #expect(state.lists[.development]?.sort == 3 && state.lists[.development]?.stateFilter == 5)
        press([.char("v")], &state)
        let list = try #require(state.lists[.development])
        #expect(list.variant == 1 && list.sort == 0 && list.stateFilter == 0 && list.selected == 0)
        let canvas = Views.render(state)
        #expect(canvas.row(4).hasPrefix("| 党政办公室党支部") && !canvas.row(1).contains("排序"))
        // Sorted by 后备力量, the 合计 row is left out (it is not a branch).
        press([.char("s")], &state)
        #expect(!Views.render(state).lines.contains { $0.hasPrefix("| 合计") })
    }

    @Test func anApplicantUnder18IsRefusedNamingTheRule() throws {
        var state = pane()
        press([.char("a")], &state)
        #expect(state.form?.title == "登记入党申请人")
        typeText("李晓明", &state)
        let born = try #require(state.form?.fields.firstIndex { $0.key == "born" })
        state.form?.focus = born
        typeText("2008-11-22", &state)            // 17 on 2026-11-21, 18 the day after
        #expect(Update.handle(.enter, &state) == .none)
        #expect(state.form?.error?.contains("年满十八岁") == true)
        state.form?.focus = born                  // the refusal put the cursor on the exception reason
        for _ in 0..<2 { press([.backspace], &state) }
        typeText("21", &state)                    // 18 on the day
        guard case .commit(let change) = Update.handle(.enter, &state) else { Issue.record("not saved: \(String(describing: state.form?.error))"); return }
        guard case .candidate(nil, let c?) = change else { Issue.record("\(change)"); return }
        #expect(c.name == "李晓明" && c.birthDate == Day.parse("2008-11-21") && c.steps == [DevelopmentStep(.application, testAsOf)])
        // The branch of the person selected (the first row, 沈家's), as the form offered it.
        #expect(c.branchId == (try person("沈家", state)).branchId)
    }

    @Test func aPersonsTimeline() throws {
        var state = pane()
        try select(person("韦超", state).id, &state)
        press([.enter], &state)
        let lines = Views.render(state).lines
        #expect(lines[1].hasPrefix(" 发展党员 韦超"))
        #expect(lines.contains { $0.contains("支部      机电工程系学生党支部") && $0.contains("阶段      入党申请人") })
        let done = try #require(lines.firstIndex { $0.contains("已办步骤 (1)") })
        #expect(lines[done + 1].hasPrefix("| 2026-10-12  入党申请"))
        let next = try #require(lines.firstIndex { $0.contains("下一步") })
        #expect(lines[next + 1].hasPrefix("| 逾期     申请人谈话") && lines[next + 1].contains("应于 2026-11-12 前"))
    }

    @Test func englishAndReadOnly() throws {
        var state = pane(lang: .en)
        #expect(Views.render(state).row(1).hasPrefix(" Development as of 2026-11-21"))
        state.readOnly = true
        press([.char("a")], &state)
        press([.char("n")], &state)
        #expect(state.form == nil)
    }
}
