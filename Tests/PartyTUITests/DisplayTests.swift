import Testing
import TestSupport
@testable import PartyModel
@testable import PartyTUI

@Suite struct DisplayTests {
    func state(_ w: Int, _ h: Int, page: DisplayPage = .headline) -> DisplayState {
        let demo = demoState()
        var s = DisplayState(data: demo.data, pages: DisplayPage.allCases, width: w, height: h, clock: "10:30:00", loadedAt: "10:29:58")
        s.page = DisplayPage.allCases.firstIndex(of: page)!
        return s
    }

    @Test func headlineFiguresInTextAndBigDigitsScaleWithTheScreen() {
        let small = DisplayViews.render(state(80, 24))
        let text = small.lines.joined(separator: "\n")
        // The figures, counted here from the demo's records and scores: its branches in service,
        // their members, the mean and the share of 最强 (4 of 15 → 27 %).
        let data = demoState().data
        let active = data.workspace.organisation.branches.filter { $0.retiredOn.map { $0 > testAsOf } ?? true }
        let scores = data.yearScores.branches
        let mean = scores.reduce(0) { $0 + $1.total } / Double(scores.count)
        let strongest = scores.filter(\.strongest).count
        #expect(text.contains("党支部: \(active.count)") && text.contains("党员: \(active.reduce(0) { $0 + $1.totalMembers })"))
        #expect(text.contains("平均得分: \(String(format: "%.1f", mean))"))
        #expect(text.contains("最强党支部 (目标 50%): \(Int((Double(strongest) / Double(scores.count) * 100).rounded()))%"))
        #expect(text.contains("数据更新于 10:29:58") && text.contains("10:30:00") && text.contains("2026年第4季度"))
        // Big figures are drawn with filled cells; a larger screen uses a larger scale.
        func filled(_ c: Canvas) -> Int { c.cells.filter { $0.role == .barFilled || $0.role == .badge }.count }
        let large = DisplayViews.render(state(300, 80))
        #expect(filled(large) > 3 * filled(small))
        #expect(large.lines.allSatisfy { DisplayWidth.of($0) == 300 })
    }

    /// The wall uses its screen: the page title never runs over the organisation's name, the
    /// headline's digits grow at 200×60 (twice the 80×24 height), task names are not cut short.
    @Test func theWallUsesItsScreen() {
        for page in DisplayPage.allCases {
            for (w, h) in [(80, 24), (120, 40), (200, 60)] {
                let top = DisplayViews.render(state(w, h, page: page)).row(0)
                #expect(top.hasPrefix(" 示例研究院党委 [示例] "), "\(page) \(w)x\(h): \(top)")
                #expect(top.contains(page.title(.zh)), "\(page) \(w)x\(h): \(top)")
                #expect(top.hasSuffix("10:30:00 "))
            }
        }
        func digitRows(_ c: Canvas) -> Int { (0..<c.height).filter { y in (0..<c.width).contains { c[x: $0, y: y].role == .barFilled } }.count }
        #expect(digitRows(DisplayViews.render(state(200, 60))) >= 2 * digitRows(DisplayViews.render(state(80, 24))))
        let tasks = DisplayViews.render(state(200, 60, page: .alerts)).lines.joined(separator: "\n")
        for task in demoState().data.workspace.plan.tasks.prefix(10) {
            #expect(tasks.contains(task.title), "\(task.title) cut at 200 columns")
        }
    }

    /// No member's name, phone or birth date on any page of the wall, at 80×24 and 200×60 (the
    /// names alerts carry included: the wall shows alert kinds only).
    @Test func noPersonalDataOnAnyPage() {
        let ws = demoState().data.workspace
        var names = Set(ws.members.map(\.name))
        names.formUnion(ws.organisation.branches.compactMap(\.secretary))
        names.formUnion(ws.rectifications.map(\.owner))
        names.formUnion(ws.checks.flatMap(\.inspectors))
        names = names.filter { $0.count >= 2 }
        let phones = Set(ws.members.compactMap(\.phone))
        let births = Set(ws.members.compactMap { $0.birthDate?.iso })
        #expect(phones.count >= 330 && names.count >= 300)
        for page in DisplayPage.allCases {
            for (w, h) in [(80, 24), (200, 60)] {
                let text = DisplayViews.render(state(w, h, page: page)).lines.joined(separator: "\n")
                let leaked = names.filter { text.contains($0) }
                #expect(leaked.isEmpty, "\(page) \(w)x\(h) shows \(leaked.prefix(5))")
                let numbers = phones.filter { text.contains($0) } .union(births.filter { text.contains($0) })
                #expect(numbers.isEmpty, "\(page) \(w)x\(h) shows \(numbers.prefix(5))")
                // Not even a phone's digits cut by a column: no run of 11 digits at all.
                #expect(text.firstMatch(of: /[0-9]{11}/) == nil, "\(page) \(w)x\(h)")
            }
        }
    }

    @Test func everyPageFitsFrom80x24To300x80() {
        for page in DisplayPage.allCases {
            for (w, h) in [(80, 24), (120, 40), (300, 80)] {
                let canvas = DisplayViews.render(state(w, h, page: page))
                #expect(canvas.lines.allSatisfy { DisplayWidth.of($0) == w }, "\(page) \(w)x\(h)")
                #expect(canvas.row(0).contains(page.title(.zh)))
                // The page uses the screen: something drawn in its lower half.
                let lower = canvas.lines[(h / 2)..<(h - 1)].joined()
                let drawnBelow = canvas.cells[(w * h / 2)..<(w * (h - 1))].contains { $0.role != .text || $0.text != " " }
                #expect(drawnBelow || !lower.isEmpty, "\(page) \(w)x\(h) is half empty")
            }
        }
    }

    @Test func keysPauseAndTurnPagesAndRotationFollows() {
        var s = state(80, 24)
        s.advance()
        #expect(s.current == .heatmap)
        let quitOnSpace = s.handle(.char(" "))
        #expect(!quitOnSpace && s.paused)
        s.advance()
        #expect(s.current == .heatmap)
        _ = s.handle(.right)
        #expect(s.current == .ranking)
        _ = s.handle(.left); _ = s.handle(.left)
        #expect(s.current == .headline)
        let quit = s.handle(.char("q"))
        #expect(quit)
    }
}

@Suite struct DisplayMidnightTests {
    /// At midnight between 30 September and 1 October the wall moves to the fourth quarter: its
    /// header, and what is overdue, follow the new day; the second before, nothing is worked out again.
    @Test func theDateRollsOverAtMidnight() {
        let ws = DemoWorkspace.make(asOf: testAsOf)
        let september = Day(iso: "2026-09-30")!, october = Day(iso: "2026-10-01")!
        var state = DisplayState(data: DashboardData.opening(ws, loadedYears: nil, asOf: september, lang: .zh), pages: [.headline],
                                 width: 100, height: 30, clock: "23:59:58", loadedAt: "23:00:00")
        #expect(DisplayViews.render(state).row(0).contains("2026年第3季度"))
        var reads = 0
        #expect(!state.clockReads("23:59:59", on: september) { reads += 1; return (ws, nil) })
        #expect(reads == 0 && state.clock == "23:59:59")
        #expect(state.clockReads("00:00:00", on: october) { reads += 1; return (ws, nil) })
        #expect(reads == 1 && state.data.asOf == october && state.data.quarter == 4)
        let top = DisplayViews.render(state).row(0)
        #expect(top.contains("2026年第4季度") && top.contains("00:00:00"))
        // A rectification due on 30 September is overdue from 1 October, not before.
        let dueThen = ws.rectifications.filter { $0.dueOn == september && $0.status != .closed }
        for r in dueThen { #expect(!r.isOverdue(on: september) && r.isOverdue(on: october)) }
    }
}
