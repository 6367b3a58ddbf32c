import Testing
import TestSupport
@testable import PartyModel
@testable import PartyTUI

/// The 经费 pane (issue 17) on the demo of 21 November 2026, read back from the canvas.
@Suite struct FundsPaneTests {
    func fundsPane(width: Int = 80, height: Int = 24) -> AppState {
        var state = demoState(width: width, height: height)
        goTo(.funds, &state)
        return state
    }

    func line(_ state: AppState, _ text: String) -> String? { Views.render(state).lines.first { $0.contains(text) } }

    /// 后勤保障党支部: 12 members on 1 January → 9,600 a year budgeted, the first half (4,800) allocated on
    /// 16 March, the second not; spent 30 % + 25 % of 9,600 = 2,880 + 2,400 = 5,280; balance −480. Its
    /// standard is 800 × the 13 members on its roster on 21 November = 10,400: 4,800 / 10,400 = 46 %.
    @Test func eachBranchsStandardAllocationsAndSpending() throws {
        let state = fundsPane()
        #expect(state.pane == .funds)
        let canvas = Views.render(state)
        #expect(canvas.row(1).hasPrefix(" 经费 2026年 截至 2026-11-21"))
        #expect(canvas.row(3) == "| 支部                 标准      到位 到位率          拨付      支出      结余 |")
        let y = try #require(canvas.lines.firstIndex { $0.contains("后勤保障党支部") })
        #expect(canvas.row(y) == "| 后勤保障党支部     10,400     4,800        46%     4,800     5,280      -480 |")
        // The bar: 46 % of its cells filled.
        let barCells = (0..<canvas.width).filter { canvas[x: $0, y: y].role == .barFilled }.count
        let barWidth = barCells + (0..<canvas.width).filter { canvas[x: $0, y: y].role == .barEmpty }.count
        #expect(barWidth > 0 && barCells == Int((Double(barWidth) * 4800 / 10400).rounded()))
        // Below its standard after 1 July: what is allocated towards it in the 严重 colour; so is the balance below zero.
        #expect(canvas[x: canvas.row(y).distance(of: "4,800"), y: y].role == .bad)
        #expect(canvas[x: canvas.row(y).distance(of: "-480"), y: y].role == .bad)
        // A branch with no standard (学校) shows a dash and its 党费返还.
        let school = try #require(line(state, "科研中心党支部"))
        #expect(school.contains("     -  ") && school.contains("3,000     1,800     1,200"))
        // The alert is there too, naming the figures.
        let alert = try #require(state.data.alerts.first { $0.code == "funds.below-standard" && $0.branchId == "b-logistics" })
        #expect(alert.message(.zh) == "2026年党组织活动经费已拨付 4800.00 元, 低于标准 10400.00 元")
    }

    @Test func recordTheSecondHalfByForm() throws {
        var state = fundsPane()
        let table = state.table(.funds)!
        state.lists[.funds]?.selected = state.visible[.funds]!.firstIndex { table.rows[$0].ref == .branch("b-logistics") }!
        press([.char("a")], &state)
        let form = try #require(state.form)
        #expect(form.value("organisation") == "b-logistics" && form.value("direction") == "allocated" && form.value("category") == "activity")
        #expect(form.value("date") == "2026-11-21" && form.fields[form.focus].key == "amount")
        typeText("5600", &state)
        guard case .commit(let change) = Update.handle(.enter, &state) else { Issue.record("not saved: \(String(describing: state.form?.error))"); return }
        guard case .funds(nil, let e?) = change else { Issue.record("\(change)"); return }
        #expect(e.organisationId == "b-logistics" && e.amount == 5600 && e.direction == .allocated && e.date == testAsOf)
        #expect(e.id == "jf-2026-0028")   // the demo's 27 entries of 2026 up to 21 November, then this one
        _ = Update.update(.saved(change, undo: false, workspace: try change.apply(to: state.data.workspace), loadedYears: nil, journalProblem: nil), &state)
        // 4,800 + 5,600 = 10,400: met; the alert is gone.
        let row = try #require(line(state, "后勤保障党支部"))
        #expect(row.contains("10,400    10,400") && row.contains("100%"))
        #expect(!state.data.alerts.contains { $0.code == "funds.below-standard" && $0.branchId == "b-logistics" })
    }

    @Test func theEntriesViewAndAnAmountThatIsNotOne() throws {
        var state = fundsPane()
        press([.char("v")], &state)
        let canvas = Views.render(state)
        #expect(canvas.row(3) == "| 日期       组织           方向 类别            金额 说明                     |")
        #expect(canvas.row(4).hasPrefix("| 2026-11-20 示例研究院党委 支出 工作经费    45000.00 全体党员集中培训"))
        // e on an entry; a negative amount is refused in the form, nothing saved.
        press([.char("e")], &state)
        #expect(state.form?.title.hasPrefix("修改经费 jf-2025-") == false)
        let i = try #require(state.form?.fields.firstIndex { $0.key == "amount" })
        state.form?.focus = i
        for _ in 0..<12 { press([.backspace], &state) }
        typeText("-3", &state)
        #expect(Update.handle(.enter, &state) == .none)
        #expect(state.form != nil)
        // Read-only (the wall): no writing key.
        var wall = fundsPane()
        wall.readOnly = true
        press([.char("a")], &wall)
        #expect(wall.form == nil)
    }
}

extension String {
    /// The display column where `text` first starts (a CJK character is two columns).
    func distance(of text: String) -> Int {
        guard let r = range(of: text) else { return -1 }
        return DisplayWidth.of(String(self[..<r.lowerBound]))
    }
}
