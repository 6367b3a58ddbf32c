import Testing
import TestSupport
@testable import PartyModel
@testable import PartyTUI

/// What a new user met in the forms, each now the way it should be.
@Suite struct FormFrictionTests {
    func screen(_ state: AppState) -> String { Views.render(state).lines.joined(separator: "\n") }

    @Test func labelsAreWholeAndAPointsFieldSaysItsRangeFirst() {
        var state = demoState()
        press([.char("3"), .char("e")], &state)              // record the quarter's check
        press([.tab, .tab, .tab], &state)                     // date, inspectors, report → the first item
        let text = screen(state)
        #expect(text.contains("*组织设置规范"))                  // not *组织..
        #expect(text.contains("0–3 分, 步长 0.5"))
        var branch = demoState()
        press([.char("2"), .down, .down, .char("e")], &branch)
        for _ in 0..<4 { press([.tab], &branch) }
        #expect(screen(branch).contains("预备党员") && screen(branch).contains("设支委会") && !screen(branch).contains(".."))
    }

    @Test func fullWidthDigitsAreTakenAsDigits() throws {
        var state = demoState()
        press([.char("8"), .char("a")], &state)
        let attended = try #require(state.form?.fields.firstIndex { $0.key == "attended" })
        while state.form?.focus != attended { press([.tab], &state) }
        press("１２".map { .char($0) }, &state)
        #expect(state.form?.value("attended") == "12" && state.form?.fields[attended].error == nil)
        let date = try #require(state.form?.fields.firstIndex { $0.key == "date" })
        while state.form?.focus != date { press([.tab], &state) }
        press(Array(repeating: .backspace, count: 12) + "２０２６／３／５".map { .char($0) }, &state)
        #expect(state.form?.value("date") == "2026/3/5" && state.form?.fields[date].error == nil)
    }

    @Test func aBranchIsFoundByTypingItsNameOrInitials() throws {
        var state = demoState()
        press([.char("8"), .char("a")], &state)
        #expect(state.form?.focus == 0 && state.form?.fields[0].key == "branch")
        let branches = state.data.workspace.organisation.branches(inServiceOn: state.data.asOf)
        let target = try #require(branches.first { $0.name.hasPrefix("信息") })
        press([.char("信"), .char("息")], &state)
        #expect(state.form?.value("branch") == target.id)
        // Initials: 后勤保障党支部 by hq.
        let logistics = try #require(branches.first { $0.name.hasPrefix("后勤") })
        press([.backspace, .backspace, .char("h"), .char("q")], &state)
        #expect(state.form?.value("branch") == logistics.id)
        #expect(screen(state).contains("查找: hq"))
        // A letter that matches nothing is not taken.
        press([.char("z"), .char("z")], &state)
        #expect(state.form?.value("branch") == logistics.id && state.form?.fields[0].search == "hq")
    }

    @Test func theMoveFormOpensOnItsActionAndSpaceNeverChangesIt() throws {
        var state = demoState()
        press([.char("5")], &state)
        // An open rectification: its actions start with 开始整改.
        while let row = state.selected, case .rectification(let id) = row,
              state.data.workspace.rectifications.first(where: { $0.id == id })?.status != .submitted {
            press([.down], &state)
        }
        press([.char("m")], &state)
        let form = try #require(state.form)
        #expect(form.focus == 0 && form.fields[0].key == "action")
        let action = form.value("action")
        press([.char(" ")], &state)
        #expect(state.form?.value("action") == action)
        // Typing a name with a space in the note leaves the action as chosen.
        press([.tab, .tab] + "王 主任".map { .char($0) }, &state)
        #expect(state.form?.value("action") == action && state.form?.value("note") == "王 主任")
    }

    @Test func aFieldsProblemIsShownWhole() {
        var state = demoState()
        press([.char("8"), .char("a"), .tab, .tab] + Array(repeating: .backspace, count: 12) + "2026-13-45".map { .char($0) }, &state)
        let message = FieldCheck.check(state.form!.fields[2], .zh)!
        #expect(screen(state).contains(message))
        var en = demoState(lang: .en)
        press([.char("8"), .char("a"), .tab, .tab] + Array(repeating: .backspace, count: 12) + "2026-13-45".map { .char($0) }, &en)
        #expect(screen(en).contains(FieldCheck.check(en.form!.fields[2], .en)!))
    }
}

@Suite struct PeriodFrictionTests {
    @Test func theActivitiesPaneSaysItListsTheYear() {
        var state = demoState()
        press([.char("8")], &state)
        let header = Views.render(state).row(1)
        #expect(header.contains("2026年全年") && !header.contains("第4季度"))
    }

    /// 2024 has no records in the demo: no grades, and the pane says why.
    @Test func aYearWithNoRecordsIsNotGraded() {
        var state = demoState()
        press([.char("4"), .char("{"), .char("{")], &state)
        #expect(state.data.year == 2024 && !state.data.yearHasRecords)
        let text = Views.render(state).lines.joined(separator: "\n")
        #expect(text.contains("2024年没有活动、检查或评分记录") && !text.contains("0.00"))
        press([.char("2")], &state)
        #expect(!Views.render(state).lines.joined().contains("差"))
        press([.char("}")], &state)
        #expect(state.data.year == 2025 && state.data.yearHasRecords)
    }
}
