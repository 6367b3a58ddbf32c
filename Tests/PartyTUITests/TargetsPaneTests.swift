import Foundation
import Testing
import TestSupport
@testable import PartyModel
@testable import PartyTUI

/// The 目标 pane (issue 17) on the demo of 21 November 2026, read back from the canvas cell by cell.
@Suite struct TargetsPaneTests {
    func targetsPane(width: Int = 80, height: Int = 24, lang: Language = .zh) -> AppState {
        var state = demoState(width: width, height: height, lang: lang)
        goTo(.targets, &state)
        return state
    }

    /// Every row of the list at 80×24: the ten targets with actual, value, status and Q1–Q4 (Q4 to 11-21),
    /// aligned; a status in its role (达成 good, 落后 warn); read back cell by cell.
    @Test func theDemosTargetsAt80x24() throws {
        let state = targetsPane()
        #expect(state.pane == .targets)
        let canvas = Views.render(state)
        #expect(canvas.row(1).hasPrefix(" 目标 截至 2026-11-21"))
        #expect(Array(canvas.lines[3...13]) == [
            "| 目标                  实际     目标值 状态   季度趋势                        |",
            "| 最强党支部占比       26.7%    >=50.0% 落后   13.3% 13.3% 26.7% 26.7%         |",
            "| 三会一课全面达标     73.3%   >=100.0% 落后   80.0% 66.7% 73.3% 73.3%         |",
            "| 季度检查覆盖全..     86.7%   >=100.0% 落后   100.0% 100.0% 100.0% 86.7%      |",
            "| 党员学时达标         77.6%   >=100.0% 进行中 0.3% 2.6% 24.3% 77.6%           |",
            "| 学生党员占在校..      7.4%     >=3.8% 达成   5.8% 6.4% 7.1% 7.4%             |",
            "| 党员后备力量占..      0.9%    >=42.9% 落后   0.6% 0.6% 0.7% 0.9%             |",
            "| 机关人均党建活..  652.63元 >=800.00元 进行中 389元 389元 653元 653元         |",
            "| 两新组织党组织..     87.5%    >=85.0% 达成   81.6% 86.8% 85.0% 87.5%         |",
            "| 群众对党组织工..     92.4%    >=90.0% 达成   - 84.8% 84.8% 92.4%             |",
            // 发展计划: 4 of 26 approved this year — 马洋 01-04 and 高永涵 03-27 (Q1: 2), 薛国军 06-24 (Q2, Q3: 3), 董新静 10-22 (4).
            "| 年度发展党员计划         4       >=26 进行中 2 3 3 4                         |",
        ])
        // Cell by cell: every row as wide as the screen, the columns at the same cells on every row.
        for y in 3...12 {
            #expect(DisplayWidth.of(canvas.row(y)) == 80)
            #expect(canvas[x: 0, y: y].text == "|" && canvas[x: 79, y: y].text == "|")
        }
        let statusX = canvas.row(3).distance(of: "状态")
        for y in 4...12 { #expect(["落", "进", "达"].contains(canvas[x: statusX, y: y].text), "row \(y)") }
        // Roles: 落后 in the warning colour, 达成 good, 进行中 plain; the actual follows its status.
        // (Row 4 is the selected one, drawn in the selection's role.)
        #expect(canvas[x: statusX, y: 6].role == .warn && canvas[x: statusX, y: 8].role == .good && canvas[x: statusX, y: 7].role == .text)
        #expect(canvas[x: canvas.row(6).distance(of: "86.7%"), y: 6].role == .warn && canvas[x: statusX, y: 4].role == .selected)
        // The selection starts on the first row.
        #expect(state.selected == .target("t-strongest"))
    }

    @Test func at120x40WithTheSourceAndInEnglish() throws {
        let canvas = Views.render(targetsPane(width: 120, height: 40))
        #expect(canvas.row(3) == "| 目标                                  实际     目标值 状态   季度趋势                                       来源     |")
        #expect(canvas.row(10) == "| 机关人均党建活动经费              652.63元 >=800.00元 进行中 389元 389元 653元 653元                        seed 004 |")
        #expect(canvas.row(11) == "| 两新组织党组织覆盖率                 87.5%    >=85.0% 达成   81.6% 86.8% 85.0% 87.5%                        seed 001 |")
        for y in 3...12 { #expect(DisplayWidth.of(canvas.row(y)) == 120) }
        let english = Views.render(targetsPane(lang: .en))
        #expect(english.row(1).hasPrefix(" Targets as of 2026-11-21"))
        #expect(english.row(3) == "| Target              Actual      Value Status   By quarter                    |")
        #expect(english.row(7) == "| 党员学时达标         77.6%   >=100.0% On track 0.3% 2.6% 24.3% 77.6%         |")
    }

    /// Enter on 两新组织党组织覆盖率: its definition, source, milestones, how the actual is worked out, the
    /// figures entered with their denominators.
    @Test func theDetailPageSaysHowTheActualIsWorkedOut() throws {
        var state = targetsPane(width: 120, height: 40)
        let table = state.table(.targets)!
        state.lists[.targets]?.selected = state.visible[.targets]!.firstIndex { table.rows[$0].ref == .target("t-two-new") }!
        press([.enter], &state)
        #expect(state.details == [.target("t-two-new")])
        let lines = Views.render(state).lines.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "| ")) }
        for expected in ["两新组织党组织覆盖率", "状态 达成   实际 87.5% (35/40)   目标 ≥ 85.0%", "计算日 2026-11-21   截止 2026-12-31",
                         "指标 手工录入 (manual)", "计算方法 按季度手工录入 (有分母时为 数值/分母), 取当日已开始的最近一季", "范围 全党委",
                         "依据 seed 001: “两新”组织党组织覆盖率动态保持在85%以上", "分母为辖区两新组织数, 由组织部每季度核实后录入",
                         "2026年第2季度  ≥ 85.0%  (已到期)", "2026年第3季度  ≥ 85.0%  (已到期)",
                         "2026年第1季度  81.6%", "2026年第4季度  87.5%  (截至 2026-11-21)",
                         "2026年第1季度  81.6% = 31/38", "2026年第4季度  87.5% = 35/40", "编号 t-two-new"] {
            #expect(lines.contains(expected), "\(expected)")
        }
        press([.escape], &state)
        #expect(state.details.isEmpty && state.pane == .targets)
    }

    /// Reached by `:` with its name or pinyin initials, and by Tab after 发展党员.
    @Test func reachedByNameAndByTab() {
        #expect(Panes.standard.matching("mb") == [.targets] && Panes.standard.matching("目标") == [.targets] && Panes.standard.matching("targ") == [.targets])
        #expect(Panes.standard.next(after: .development, by: 1) == .targets)
    }

    /// `f` cycles the states: 落后 leaves the four behind.
    @Test func filterByStatus() {
        var state = targetsPane()
        press([.char("f"), .char("f"), .char("f")], &state)
        let table = state.table(.targets)!
        #expect(state.visible[.targets]!.map { table.rows[$0].ref } == [.target("t-strongest"), .target("t-meetings"), .target("t-checks"), .target("t-reserve")])
    }

    /// `a` on 群众对党组织工作满意率 (entered by hand): the form holds Q4's figure (231 of 250); 200 typed over it
    /// → 200 / 250 = 80 %, below Q2's 90 % milestone: 落后, and a target.behind alert. On a computed
    /// target `a` says why it does nothing.
    @Test func recordAQuartersFigureByForm() throws {
        var state = targetsPane()
        let table = state.table(.targets)!
        func select(_ id: String) {
            let i = state.visible[.targets]!.firstIndex { table.rows[$0].ref == .target(id) }!
            state.lists[.targets]?.selected = i
        }
        select("t-strongest")
        press([.char("a")], &state)
        #expect(state.form == nil && state.message?.contains("由台账计算") == true)
        select("t-satisfaction")
        press([.char("a")], &state)
        let form = try #require(state.form)
        #expect(form.value("quarter") == "2026-Q4" && form.value("value") == "231" && form.value("denominator") == "250")
        #expect(form.fields[form.focus].key == "value")
        press([.backspace, .backspace, .backspace], &state)
        typeText("200", &state)
        guard case .commit(let change) = Update.handle(.enter, &state) else { Issue.record("not saved: \(String(describing: state.form?.error))"); return }
        guard case .targets(let before, let after) = change else { Issue.record("\(change)"); return }
        #expect(before == state.data.workspace.targets)
        #expect(after.targets.first { $0.id == "t-satisfaction" }?.actual(for: Quarter(year: 2026, number: 4)!) ==
                TargetActual(quarter: Quarter(year: 2026, number: 4)!, value: 200, denominator: 250))
        _ = Update.update(.saved(change, undo: false, workspace: try change.apply(to: state.data.workspace), loadedYears: nil, journalProblem: nil), &state)
        let row = try #require(Views.render(state).lines.first { $0.contains("群众对党组织工") })
        #expect(row == "| 群众对党组织工..     80.0%    >=90.0% 落后   - 84.8% 84.8% 80.0%             |")
        #expect(state.data.alerts.contains { $0.code == "target.behind" && $0.message(.zh).contains("群众对党组织工作满意率") })
    }
}
