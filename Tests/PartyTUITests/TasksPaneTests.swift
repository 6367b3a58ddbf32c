import Foundation
import Testing
import TestSupport
@testable import PartyModel
@testable import PartyTUI

/// The 任务 pane's 一支部一清单 (issue 17) on the demo of 21 November 2026, read back from the canvas.
@Suite struct TasksPaneTests {
    func tasksPane(width: Int = 80, height: Int = 24, lang: Language = .zh) -> AppState {
        var state = demoState(width: width, height: height, lang: lang)
        goTo(.tasks, &state)
        return state
    }

    func select(_ ref: RowRef, _ state: inout AppState) throws {
        let table = try #require(state.table(.tasks))
        let visible = try #require(state.visible[.tasks])
        state.lists[.tasks]?.selected = try #require(visible.firstIndex { table.rows[$0].ref == ref })
        let selected = state.lists[.tasks]?.selected ?? 0
        state.lists[.tasks]?.scroll = max(0, selected - 2)
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["PARTYDESK_DUMP"] != nil))
    func dump() throws {
        for size in [(80, 24), (120, 40)] {
            var state = tasksPane(width: size.0, height: size.1)
            press([.char("v")], &state)
            print(Views.render(state).lines.joined(separator: "\n"))
            press([.char("v")], &state)
            try select(.task("t20"), &state)
            press([.enter], &state)
            print(Views.render(state).lines.joined(separator: "\n"))
        }
    }
}

extension TasksPaneTests {
    /// `v`: each branch's list. 后勤保障党支部 sent its monthly report for April–September, not October
    /// (due 10-25): 6 of 7 due, late; its next is November's, due 11-25. Cell by cell at 80 columns.
    @Test func eachBranchsListAt80x24() throws {
        var state = tasksPane()
        press([.char("v")], &state)
        let canvas = Views.render(state)
        #expect(canvas.row(1).hasPrefix(" 任务 2026年第4季度  一支部一清单"))
        #expect(canvas.row(3) == "| 任务                             周期/期限  情况    已报 进度     下一期     |")
        #expect(canvas.row(4).hasPrefix("| 党政办公室党支部  2 项    "))
        #expect(canvas.row(5) == "|   每月25日前报送基本建设年工作.. 每月25日   按期     7/7     100% 2026-11-25 |")
        #expect(canvas.row(13) == "| 后勤保障党支部  2 项, 逾期 1                                                 |")
        #expect(canvas.row(14) == "|   每月25日前报送基本建设年工作.. 每月25日   逾期     6/7      86% 2026-11-25 |")
        // 逾期 in the 严重 colour, on the late row only; the heading of a branch with a late task in the warning colour.
        let x = canvas.row(14).distance(of: "逾期")
        #expect(canvas[x: x, y: 14].role == .bad && canvas[x: x, y: 5].role != .bad)
        #expect(canvas[x: 2, y: 13].role == .warn)
        // The bar: 6/7 of its cells filled.
        let filled = (0..<canvas.width).filter { canvas[x: $0, y: 14].role == .barFilled }.count
        let empty = (0..<canvas.width).filter { canvas[x: $0, y: 14].role == .barEmpty }.count
        #expect(filled + empty > 0 && filled == Int((Double(filled + empty) * 6 / 7).rounded()))
        // Every line is 80 columns wide.
        #expect(canvas.lines.allSatisfy { DisplayWidth.of($0) == 80 })
    }

    /// The same list at 120×40: the task titles get the room; in English too, every line its width.
    @Test func eachBranchsListAt120x40AndInEnglish() throws {
        var state = tasksPane(width: 120, height: 40)
        press([.char("v")], &state)
        let canvas = Views.render(state)
        #expect(canvas.lines.allSatisfy { DisplayWidth.of($0) == 120 })
        #expect(canvas.row(5) == "|   每月25日前报送基本建设年工作情况" + String(repeating: " ", count: 39) + "每月25日   按期     7/7     100% 2026-11-25 |")
        let late = try #require(canvas.lines.firstIndex { $0.contains("每半年向党委书面报告党建工作情况") && $0.contains("逾期") })
        #expect(canvas.row(late - 1).hasPrefix("| 科研中心党支部  2 项, 逾期 1 "))
        #expect(canvas.row(late).hasSuffix("每半年末   逾期     0/1       0% 2026-12-31 |"))
        for (w, h) in [(80, 24), (120, 40)] {
            var en = tasksPane(width: w, height: h, lang: .en)
            press([.char("v")], &en)
            let lines = Views.render(en).lines
            #expect(lines.allSatisfy { DisplayWidth.of($0) == w })
            #expect(lines.contains { $0.contains("monthly (25)") && $0.contains("late") && $0.contains("6/7") }, "\(lines.joined(separator: "\n"))")
        }
    }

    /// Enter on a task: its page with each branch (the late one first), at 80×24 and 120×40.
    @Test func aTasksBranchesOnItsPage() throws {
        for (width, height) in [(80, 24), (120, 40)] {
            var state = tasksPane(width: width, height: height)
            try select(.task("t20"), &state)
            press([.enter], &state)
            let canvas = Views.render(state)
            let lines = canvas.lines
            #expect(lines.allSatisfy { DisplayWidth.of($0) == width })
            #expect(canvas.row(3).hasPrefix("| 每月25日前报送基本建设年工作情况    "))
            #expect(canvas.row(4).hasPrefix("| 分配 机关党总支所属支部   周期 每月25日    "))
            #expect(canvas.row(5).hasPrefix("| 阶段 动员部署 04-01~04-30  组织实施 05-01~06-30  总结提升 07-01~12-31 "))
            #expect(canvas.row(8).hasPrefix("| 各支部 (5 个, 已完成 0, 逾期 1)   "))
            #expect(canvas.row(9).hasPrefix("| 支部                 情况   进度 已报/应报  逾期     下一期     佐证   "))
            #expect(canvas.row(10).hasPrefix("| 后勤保障党支部       逾期    86% 6/7        2026-10  2026-11-25 9月工作情"))
            #expect(canvas.row(11).hasPrefix("| 党政办公室党支部     按期   100% 7/7                 2026-11-25 10月工作情"))
            // The current phase (总结提升, 7 July – 31 December) in the accent colour, the others muted.
            #expect(canvas[x: canvas.row(5).distance(of: "总结提升"), y: 5].role == .accent)
            #expect(canvas[x: canvas.row(5).distance(of: "动员部署"), y: 5].role == .muted)
            #expect(canvas[x: canvas.row(10).distance(of: "逾期"), y: 10].role == .bad)
            #expect(canvas[x: canvas.row(10).distance(of: "2026-10"), y: 10].role == .bad)
        }
        // In English.
        var en = tasksPane(width: 120, height: 40, lang: .en)
        try select(.task("t22"), &en)
        press([.enter], &en)
        let page = Views.render(en).lines.joined(separator: "\n")
        #expect(page.contains("Assigned School branches   Deadline 2026-10-31"))
        #expect(page.contains("经济管理系学生党支部 late") && page.contains("past"))
    }

    /// The branch page carries its 一支部一清单.
    @Test func theBranchPageHasItsList() throws {
        var state = tasksPane(width: 120, height: 40)
        press([.char("v")], &state)
        try select(.branch("b-logistics"), &state)
        press([.enter], &state)
        state.detailScroll = 0
        let lines = DetailView.lines(.branch("b-logistics"), state).map { $0.pieces.map(\.0).joined() }
        let i = try #require(lines.firstIndex { $0.hasPrefix("一支部一清单 (2)") })
        #expect(lines[i + 1] == "逾期   6/7   每月25日前报送基本建设年工作情况  下一期 2026-11-25")
        #expect(lines[i + 2] == "按期   1/1   每半年向党委书面报告党建工作情况  下一期 2026-12-31")
    }

    /// `d` on 后勤保障党支部's monthly report: the form offers October (the earliest not done), the day
    /// and the 佐证; Enter saves; the alert is gone and the list shows 7/7.
    @Test func markAnOccurrenceDoneByKeys() throws {
        var state = tasksPane()
        press([.char("v")], &state)
        try select(.branchTask(taskId: "t20", branchId: "b-logistics"), &state)
        press([.char("d")], &state)
        let form = try #require(state.form)
        #expect(form.value("occurrence") == "2026-10" && form.value("date") == "2026-11-21" && form.fields[form.focus].key == "evidence")
        #expect(form.fields[0].shown == "< 2026年10月 (应于 2026-10-25 前) >")
        typeText("补报10月情况", &state)
        guard case .commit(let change) = Update.handle(.enter, &state) else { Issue.record("not saved: \(String(describing: state.form?.error))"); return }
        guard case .task(let before?, let after?) = change else { Issue.record("\(change)"); return }
        #expect(before.state(of: "b-logistics").done("2026-10") == nil)
        #expect(after.state(of: "b-logistics").done("2026-10") == OccurrenceDone(period: "2026-10", doneOn: testAsOf, note: "补报10月情况"))
        _ = Update.update(.saved(change, undo: false, workspace: try change.apply(to: state.data.workspace), loadedYears: nil, journalProblem: nil), &state)
        #expect(!state.data.alerts.contains { $0.code == "task.occurrence-late" && $0.branchId == "b-logistics" })
        #expect(state.data.alerts.contains { $0.code == "task.occurrence-late" && $0.branchId == "b-t-research" })
        let row = try #require(Views.render(state).lines.first { $0.contains("每月25日前") && $0.contains("7/7") && state.selected == .branchTask(taskId: "t20", branchId: "b-logistics") })
        #expect(row.contains("按期"))
    }

    /// `e` on a branch's one-off task sets its progress and 佐证; `a` on a task assigns it to a 党总支 by keys.
    @Test func progressAndAssignmentByKeys() throws {
        var state = tasksPane()
        press([.char("v")], &state)
        try select(.branchTask(taskId: "t22", branchId: "b-s-econ"), &state)
        press([.char("e")], &state)
        #expect(state.form?.fields[state.form!.focus].key == "progress")
        press([.backspace, .backspace], &state)
        typeText("90", &state)
        guard case .commit(let change) = Update.handle(.enter, &state), case .task(_, let after?) = change else { Issue.record("not saved"); return }
        #expect(after.state(of: "b-s-econ").progress == 90 && after.state(of: "b-s-econ").evidence == "已完成会议记录整理")

        var byTask = tasksPane()
        try select(.task("t05"), &byTask)
        press([.char("a")], &byTask)
        #expect(byTask.form?.value("scope") == "all")
        // all → sector → generalBranch; then down to the 党总支 field: the first is 机关党总支, → 教学科研党总支.
        press([.right, .right, .down, .down, .right], &byTask)
        #expect(byTask.form?.value("scope") == "generalBranch" && byTask.form?.value("generalBranch") == "gb-teach")
        guard case .commit(let assign) = Update.handle(.enter, &byTask), case .task(let was?, let now?) = assign else { Issue.record("not saved: \(String(describing: byTask.form?.error))"); return }
        #expect(was.assignment == nil && now.assignment == .generalBranch("gb-teach"))
        #expect(TaskSchedule.branches(now, in: byTask.data.workspace.organisation, on: testAsOf).map(\.id) == ["b-t-mech", "b-t-info", "b-t-econ", "b-t-basic", "b-t-research"])
        // A list naming a branch that does not exist is refused in the form.
        var list = tasksPane()
        try select(.task("t05"), &list)
        press([.char("a")], &list)
        press([.right, .right, .right, .down, .down, .down], &list)
        typeText("组织人事党支部、无此支部", &list)
        #expect(Update.handle(.enter, &list) == .none && list.form != nil)
        // Read-only: no writing key.
        var wall = tasksPane()
        wall.readOnly = true
        press([.char("v")], &wall)
        try select(.branchTask(taskId: "t20", branchId: "b-logistics"), &wall)
        press([.char("d")], &wall)
        #expect(wall.form == nil)
    }
}
