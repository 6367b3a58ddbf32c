import Testing
import TestSupport
@testable import PartyModel
@testable import PartyTUI

/// Every pane of the demo dashboard at 80×24 and 120×40, read back cell by cell.
@Suite struct PaneSnapshotTests {
    static let sizes = [(80, 24), (120, 40)]

    /// Columns of `|` on each row: a framed pane keeps them fixed.
    func borderColumns(_ line: String) -> [Int] {
        var out: [Int] = [], col = 0
        for ch in line {
            if ch == "|" { out.append(col) }
            col += DisplayWidth.of(ch)
        }
        return out
    }

    func checkFrame(_ canvas: Canvas, _ label: String) {
        let lines = canvas.lines
        // Every row is exactly as wide as the terminal (no half glyphs, no overflow).
        for (i, line) in lines.enumerated() { #expect(DisplayWidth.of(line) == canvas.width, "\(label) row \(i)") }
        // The frame: top and bottom rule at rows 2 and h-2, side borders at 0 and w-1 on every row between.
        #expect(lines[2].hasPrefix("+-") && lines[2].hasSuffix("-+"), "\(label)")
        #expect(lines[canvas.height - 2].hasPrefix("+") && lines[canvas.height - 2].hasSuffix("+"), "\(label)")
        for y in 3..<(canvas.height - 2) {
            let borders = borderColumns(lines[y])
            #expect(borders.first == 0, "\(label) row \(y): \(lines[y])")
            #expect(canvas[x: canvas.width - 1, y: y].text == "|" || canvas[x: canvas.width - 1, y: y].text == "#", "\(label) row \(y)")
        }
    }

    @Test(arguments: Pane.allCases)
    func everyPaneAtBothSizes(pane: Pane) throws {
        for (w, h) in Self.sizes {
            var state = demoState(width: w, height: h)
            goTo(pane, &state)
            #expect(state.pane == pane)
            let canvas = Views.render(state)
            let label = "\(pane) \(w)x\(h)"
            checkFrame(canvas, label)
            // Tab bar names every pane, the active one in its own role; status bar says demo, period, mode.
            let tabs = canvas.row(0)
            // The tabs and the badge: at 120 columns every tab, at 80 a window holding the current one
            // (the checks pane is 检查 on its tab; beyond the ninth, tabs have no digit).
            func tab(_ p: Pane) -> String { (p.number <= 9 ? "\(p.number) " : " ") + Panes.standard.spec(p).tabTitle(.zh) + " " }
            for p in w >= 120 ? Pane.allCases : [pane] { #expect(tabs.contains(tab(p)), "\(label): \(tabs)") }
            #expect(tabs.contains("示例"))
            let status = canvas.row(h - 1)
            #expect(status.contains("示例研究院党委") && status.contains("[示例]") && status.contains("2026年第4季度") && status.contains("编辑"))
            #expect(canvas.row(1).contains(pane.title(.zh)))
            if pane != .overview {
                // The column titles, read back as a person sees them (reviewed by eye, not derived from
                // the layout code): narrow columns give way at 80, names and descriptions widen at 120.
                #expect(canvas.row(3) == Self.headers["\(pane) \(w)"], "\(label)")
            }
        }
    }

    static let headers: [String: String] = [
        "branches 80": "| 组织                    党员 任期至       Q1   Q2   Q3   Q4   得分 等次 预警 |",
        "checks 80": "| 支部                     第1季度      第2季度      第3季度      第4季度      |",
        "scoring 80": "| 排名 支部                      政治  队伍  组织  作用  群众   总分 等次 最强 |",
        "rectifications 80": "| 编号         支部           问题                   责任人 期限       状态    |",
        "alerts 80": "| 级别 支部            类别           内容                                     |",
        "tasks 80": "| 任务                           责任单位       期限       状态   进度         |",
        "activities 80": "| 日期       支部           类型     标题                            出席 学时 |",
        "members 80": "| 姓名      支部           党小组     状态 预备期满   职务           学时 欠缴 |",
        "development 80": "| 姓名     支部         阶段         下一步                日期       状态     |",
        "development 120": "| 姓名     支部                     阶段         下一步                                            日期       状态     |",
        "funds 80": "| 支部                 标准      到位 到位率          拨付      支出      结余 |",
        "targets 80": "| 目标                  实际     目标值 状态   季度趋势                        |",
        "branches 120": "| 组织                                              党员 来源   书记   任期至       Q1   Q2   Q3   Q4   得分 等次 预警 |",
        "checks 120": "| 支部                                                             第1季度      第2季度      第3季度      第4季度      |",
        "scoring 120": "| 排名 支部                                                              政治  队伍  组织  作用  群众   总分 等次 最强 |",
        "rectifications 120": "| 编号         支部                         问题                                             责任人 期限       状态    |",
        "alerts 120": "| 级别 支部                         类别           内容                                                                |",
        "tasks 120": "| 任务                                                                   责任单位       期限       状态   进度         |",
        "activities 120": "| 日期       支部                         类型     标题                                                      出席 学时 |",
        "funds 120": "| 支部                         类别      标准      到位 到位率          拨付      支出      结余                       |",
        "targets 120": "| 目标                                  实际     目标值 状态   季度趋势                                       来源     |",
        "members 120": "| 姓名         支部           党小组     性别 学历     状态 预备期满   职务       入党日期   电话            学时 欠缴 |",
    ]

    @Test func overviewFigures() {
        let canvas = Views.render(demoState())
        let text = canvas.lines.joined(separator: "\n")
        #expect(text.contains("党委 1  党总支 3  党支部 15  党小组 25"))
        // Counted here from the demo's branches in service, and its overdue rectifications.
        let ws = demoState().data.workspace
        let active = ws.organisation.branches.filter { $0.retiredOn.map { $0 > testAsOf } ?? true }
        let full = active.reduce(0) { $0 + $1.fullMembers }, probationary = active.reduce(0) { $0 + $1.probationaryMembers }
        #expect(text.contains("党员 \(full + probationary) 名 (正式 \(full), 预备 \(probationary))"))
        let overdue = ws.rectifications.filter { r in
            r.openedOn <= testAsOf && r.dueOn < testAsOf && r.history.last { $0.date <= testAsOf }?.to != .closed
        }.count
        #expect(text.contains("逾期 \(overdue) 项"))
        #expect(text.contains("本季度三会一课完成率"))
        #expect(text.contains("机关党总支") && text.contains("直属支部"))
        #expect(text.contains("等次分布 (2026年, 暂定)"))
        #expect(text.contains("目标 50%"))
    }

    @Test func branchTreeAndTruncation() {
        var state = demoState(width: 80, height: 24)
        press([.char("2")], &state)
        let lines = Views.render(state).lines
        #expect(lines[4].contains("示例研究院党委"))
        #expect(lines[5].hasPrefix("|   机关党总支"))
        #expect(lines[6].hasPrefix("|     党政办公室党支部"))
        // At 80 columns the secretary column gives way; at 120 it is there.
        #expect(!lines[3].contains("书记"))
        var wide = demoState(width: 120, height: 40)
        press([.char("2")], &wide)
        #expect(Views.render(wide).row(3).contains("书记"))
        // Long text is cut with "..", never mid-glyph.
        press([.char("5")], &state)
        let rect = Views.render(state).lines
        #expect(rect.contains { $0.contains("..") })
    }

    @Test func smallTerminalSaysSoInBothLanguages() {
        let canvas = Views.render(demoState(width: 60, height: 20))
        let text = canvas.lines.joined(separator: "\n")
        #expect(text.contains("终端窗口太小") && text.contains("Terminal too small") && text.contains("60x20"))
    }

    @Test func englishDashboard() {
        var state = demoState(lang: .en)
        press([.char("4")], &state)
        let canvas = Views.render(state)
        #expect(canvas.row(0).contains("4 Scoring"))
        #expect(canvas.row(23).contains("[DEMO]") && canvas.row(23).contains("2026 Q4") && canvas.row(23).contains("edit"))
    }
}
