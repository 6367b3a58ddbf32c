import Testing
import TestSupport
@testable import PartyModel
@testable import PartyTUI

/// 地点 and 主持人 in the activity form and on the activity's page (issue 14).
@Suite struct PlaceAndHostTUITests {
    func type(_ text: String, _ state: inout AppState) { for c in text { press([.char(c)], &state) } }
    func screen(_ state: AppState) -> String { Views.render(state).lines.joined(separator: "\n") }

    @Test func theAddFormTakesPlaceAndHostAfterTheTitle() throws {
        var state = demoState()
        press([.char("8"), .char("a")], &state)
        press([.tab, .tab, .tab], &state)                    // kind, date → title
        type("三月支部党员大会", &state)
        press([.tab], &state)
        #expect(state.form?.fields[state.form!.focus].key == "place")
        type("三楼会议室", &state)
        press([.tab], &state)
        #expect(state.form?.fields[state.form!.focus].key == "host")
        type("李文静", &state)
        // Drawn in the dialog: the labels and what was typed, the cursor after the host's name.
        let canvas = Views.render(state)
        let placeRow = try #require(canvas.lines.firstIndex { $0.contains("地点") })
        #expect(canvas.lines[placeRow].contains("三楼会议室"))
        let hostRow = try #require(canvas.lines.firstIndex { $0.contains("主持人") })
        #expect(canvas.lines[hostRow].contains("李文静") && hostRow > placeRow)
        #expect(canvas.cursor?.y == hostRow)
        guard case .commit(.activity(nil, let added?)) = Update.handle(.enter, &state) else { Issue.record("not committed"); return }
        #expect(added.title == "三月支部党员大会")
        #expect(added.place == "三楼会议室" && added.host == "李文静")
    }

    @Test func theEditFormShowsThemAndKeepsWhatIsNotChanged() throws {
        var state = demoState()
        press([.char("8")], &state)
        // The first listed activity that records a place (the newest are the demo's, most do).
        for _ in 0..<20 where ActivitiesPane.selectedActivity(state)?.place == nil { press([.down], &state) }
        let before = try #require(ActivitiesPane.selectedActivity(state))
        let place = try #require(before.place), host = try #require(before.host)
        press([.char("e")], &state)
        let form = try #require(state.form)
        #expect(form.value("place") == place && form.value("host") == host)
        let hostField = try #require(form.fields.firstIndex { $0.key == "host" })
        while state.form?.focus != hostField { press([.tab], &state) }
        #expect(screen(state).contains(place))
        for _ in 0..<host.count { press([.backspace], &state) }
        type("代理主持人", &state)
        guard case .commit(.activity(let was?, let after?)) = Update.handle(.enter, &state) else { Issue.record("not committed"); return }
        #expect(was == before)
        #expect(after.place == place && after.host == "代理主持人")
        var expected = before
        expected.host = "代理主持人"
        #expect(after == expected)
    }

    @Test func theActivityPageShowsPlaceAndHostWhenThereAreAny() throws {
        for lang in [Language.zh, .en] {
            var state = demoState(lang: lang)
            press([.char("8")], &state)
            for _ in 0..<20 where ActivitiesPane.selectedActivity(state)?.host == nil { press([.down], &state) }
            let a = try #require(ActivitiesPane.selectedActivity(state))
            press([.enter], &state)
            #expect(state.details == [.activity(a.id)])
            let page = screen(state)
            #expect(page.contains(lang.pick("地点 ", "Place ") + a.place!), "\(page)")
            #expect(page.contains(lang.pick("主持人 ", "Host ") + a.host!), "\(page)")
        }
        // An activity without them has no such lines.
        var state = demoState()
        var ws = state.data.workspace
        let i = try #require(ws.activities.firstIndex { $0.kind == .talk && $0.date.year == 2026 })
        #expect(ws.activities[i].place == nil && ws.activities[i].host == nil)
        ws.activities[i].notes = nil
        state.data = DashboardData(workspace: ws, year: 2026, quarter: 4, asOf: testAsOf, lang: .zh)
        state.details = [.activity(ws.activities[i].id)]
        let page = screen(state)
        #expect(page.contains(ws.activities[i].title) && !page.contains("地点") && !page.contains("主持人"))
    }
}
