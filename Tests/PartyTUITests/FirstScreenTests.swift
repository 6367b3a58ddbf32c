import Foundation
import Testing
import TestSupport
@testable import PartyModel
@testable import PartyTUI

/// The first screen kept between sessions draws exactly what the live dashboard draws.
@Suite struct FirstScreenTests {
    static let cases: [(Int, Int, Language)] = [(80, 24, .zh), (120, 40, .en), (160, 60, .zh)]

    @Test(arguments: cases)
    func keptOverviewDrawsCellForCellAsTheLiveOne(width: Int, height: Int, lang: Language) throws {
        let state = demoState(width: width, height: height, lang: lang)
        // Through JSON, as it is kept on disk.
        let kept = try JSONDecoder().decode(FirstScreen.self, from: JSONEncoder().encode(state.data.firstScreen))
        #expect(kept == state.data.firstScreen)
        let preview = Views.preview(kept, chrome: Chrome(kept, width: width, height: height, lang: lang, readOnly: false,
                                                         lockHolder: nil, loadedAt: "09:30:00", message: nil))
        let live = Views.render(state)
        for (y, (a, b)) in zip(preview.lines, live.lines).enumerated() { #expect(a == b, "row \(y)") }
        #expect(preview == live, "colours and attributes too")
        // And the kept figures are the workspace's, counted here from its records (not by the
        // summary code the overview uses): organisations, members, open and overdue rectifications.
        let ws = state.data.workspace
        let active = ws.organisation.branches.filter { $0.retiredOn.map { $0 > testAsOf } ?? true }
        #expect(kept.overview.organisations.branches == active.count)
        #expect(kept.overview.organisations.generalBranches == ws.organisation.generalBranches.count)
        #expect(kept.overview.organisations.partyGroups == active.reduce(0) { $0 + $1.partyGroups.count })
        #expect(kept.overview.members.full == active.reduce(0) { $0 + $1.fullMembers })
        #expect(kept.overview.overdueRectifications == ws.rectifications.filter { r in
            let closedBy = r.history.last { $0.date <= testAsOf }?.to == .closed
            return r.openedOn <= testAsOf && !closedBy && r.dueOn < testAsOf
        }.count)
        let text = preview.lines.joined(separator: "\n")
        #expect(text.contains(lang == .zh ? "党支部 15" : "Branches 15"))
        #expect(text.contains(lang == .zh ? "预警 (共 \(state.data.alerts.count) 条)" : "Alerts (\(state.data.alerts.count))"))
    }

    @Test func keptAlertsAreTheMostUrgentFirstAndTheCountIsOfAll() {
        let data = demoState().data
        let o = data.overview
        #expect(o.alertCount == data.alerts.count && o.alertCount > 0)
        #expect(o.topAlerts == Array(data.alerts.prefix(DashboardData.Overview.alertsKept)))
        #expect(o.grades == data.yearScores.summary && o.provisional == data.yearScores.provisional && o.year == 2026)
        // The label of branches directly under the committee is the view's, in the language shown.
        #expect(o.meetingsByGeneralBranch.contains { $0.name == nil } || !data.workspace.organisation.branches.contains { $0.parentId == data.workspace.organisation.committee.id })
    }

    @Test func theNextDaysScreensAreThoseASessionOpenedThenWouldWorkOut() {
        let ws = DemoWorkspace.make(asOf: testAsOf)
        let days = FirstScreen.daysKept(after: testAsOf)
        #expect(days == [22, 23, 24].map { Day(year: 2026, month: 11, day: $0)! })
        #expect(FirstScreen.daysKept(after: testAsOf, includingIt: true).first == testAsOf)
        let ahead = DashboardData.firstScreens(ws, loadedYears: nil, asOf: testAsOf, days: days, lang: .zh)
        #expect(ahead.keys.sorted() == days)
        for day in days { #expect(ahead[day] == DashboardData.opening(ws, loadedYears: nil, asOf: day, lang: .zh).firstScreen, "\(day)") }
        // Into the new year the first screen reads other years: not worked out from these.
        let newYearsEve = Day(year: 2026, month: 12, day: 31)!
        let across = DashboardData.firstScreens(ws, loadedYears: nil, asOf: newYearsEve, days: [newYearsEve.adding(days: 1)], lang: .zh)
        #expect(across.isEmpty)
        // Stopped: nothing more is worked out.
        var asked = 0
        let stopped = DashboardData.firstScreens(ws, loadedYears: nil, asOf: testAsOf, days: days, lang: .zh, carryOn: { asked += 1; return asked < 2 })
        #expect(stopped.count == 1)
    }

    @Test func whileReadingTheStatusBarSaysSoAndWhoHoldsTheLock() {
        let state = demoState(width: 100, height: 30)
        let kept = state.data.firstScreen
        let canvas = Views.preview(kept, chrome: Chrome(kept, width: 100, height: 30, lang: .zh, readOnly: true,
                                                        lockHolder: "李明@office", message: "正在读取…"))
        let status = canvas.lines[29]
        #expect(status.contains("示例研究院党委") && status.contains("只读") && status.contains("李明@office 正在编辑") && status.contains("正在读取…"))
        #expect(canvas.lines[1].hasPrefix(" 总览") && canvas.lines[1].contains("2026年第4季度"))
        // Too small a terminal says so, as the live dashboard does.
        let small = Views.preview(kept, chrome: Chrome(kept, width: 60, height: 20, lang: .zh, readOnly: false, lockHolder: nil, message: nil))
        #expect(small.lines.joined().contains("终端窗口太小"))
    }
}
