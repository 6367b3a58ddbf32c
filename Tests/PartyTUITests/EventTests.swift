import Testing
import TestSupport
@testable import PartyModel
@testable import PartyTUI

/// The results of the main loop's effects, fed back as events: the state changes in `Update` only.
@Suite struct EventTests {
    /// Types a new activity's title into the add form and presses Enter: the commit effect.
    func commitANewActivity(_ state: inout AppState) -> Change? {
        press([.char("8"), .char("a")], &state)
        for _ in 0..<3 { press([.tab], &state) }
        press("党课: 学习新修订的条例".map { .char($0) }, &state)
        guard case .commit(let change) = Update.update(.key(.enter), &state) else { return nil }
        return change
    }

    @Test func aSaveThatLandedClosesTheFormAndCanBeUndone() throws {
        var state = demoState()
        let change = try #require(commitANewActivity(&state))
        #expect(state.form == nil && state.formAwaitingSave != nil)
        let ws = try change.apply(to: state.data.workspace)
        _ = Update.update(.saved(change, undo: false, workspace: ws, loadedYears: nil, journalProblem: nil), &state)
        #expect(state.message == "已保存" && state.formAwaitingSave == nil && state.undoStack.count == 1)
        #expect(state.data.workspace.activities.count == ws.activities.count)
        // u asks for the inverse; once that lands the stack is empty again.
        guard case .undo(let inverse) = Update.update(.key(.char("u")), &state) else { Issue.record("no undo"); return }
        _ = Update.update(.saved(inverse, undo: true, workspace: try inverse.apply(to: ws), loadedYears: nil, journalProblem: nil), &state)
        #expect(state.message == "已撤销" && state.undoStack.isEmpty)
    }

    @Test func aSaveThatFailedReopensTheFormAsTyped() throws {
        var state = demoState()
        let before = state.data.workspace.activities.count
        _ = try #require(commitANewActivity(&state))
        _ = Update.update(.saveFailed(message: "保存失败: 磁盘已满", reloaded: nil, at: nil), &state)
        let form = try #require(state.form)
        #expect(form.value("title") == "党课: 学习新修订的条例")
        #expect(form.error == "保存失败: 磁盘已满" && state.message == "保存失败: 磁盘已满")
        #expect(state.undoStack.isEmpty && state.data.workspace.activities.count == before)
        #expect(Views.render(state).lines.joined().contains("磁盘已满"))
    }

    @Test func aSaveRefusedBecauseTheFilesChangedShowsTheFreshDataWithoutTheForm() throws {
        var state = demoState()
        _ = try #require(commitANewActivity(&state))
        var ws = state.data.workspace
        ws.organisation.branches[0].name = "另一程序改过的名字"
        let fresh = DashboardData(workspace: ws, year: 2026, quarter: 4, asOf: testAsOf, lang: .zh)
        _ = Update.update(.saveFailed(message: "数据已被其他程序修改, 已重新加载, 请重新操作", reloaded: fresh, at: "11:22:33"), &state)
        #expect(state.form == nil && state.loadedAt == "11:22:33")
        #expect(state.data.workspace.organisation.branches[0].name == "另一程序改过的名字")
    }

    @Test func reloadsAndPeriodsSayWhatHappened() {
        var state = demoState()
        _ = Update.update(.reloaded(state.data, at: "08:00:01"), &state)
        #expect(state.message == "已重新加载" && state.loadedAt == "08:00:01")
        _ = Update.update(.reloadFailed(message: "organisation.json:3:5: JSON 不完整"), &state)
        #expect(state.message == "加载失败 organisation.json:3:5: JSON 不完整; 仍显示上次数据" && state.loadedAt == "08:00:01")
        _ = Update.update(.periodFailed(year: 2024, message: "无法读取"), &state)
        #expect(state.message == "读取 2024 年数据失败: 无法读取")
        _ = Update.update(.periodLoaded(Quarter(year: 2026, number: 2)!, state.data.workspace, loadedYears: nil), &state)
        #expect(state.data.quarter == 2 && state.lists[.checks]?.column == 1)
        _ = Update.update(.resize(width: 120, height: 40), &state)
        #expect(state.width == 120 && Views.render(state).width == 120)
    }
}
