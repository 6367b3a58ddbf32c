import Testing
import TestSupport
@testable import PartyModel
@testable import PartyTUI

/// The demo dashboard at a fixed day, ready to drive with keys.
func demoState(width: Int = 80, height: Int = 24, lang: Language = .zh) -> AppState {
    let ws = DemoWorkspace.make(asOf: testAsOf)
    let data = DashboardData(workspace: ws, year: 2026, quarter: 4, asOf: testAsOf, lang: lang)
    return AppState(data: data, width: width, height: height, loadedAt: "09:30:00")
}

/// Switches to `pane` as a person does: its digit for the first nine, else Tab on from the ninth.
func goTo(_ pane: Pane, _ state: inout AppState) {
    let n = state.panes.number(pane)
    if n <= 9 { press([.char(Character(String(n)))], &state) }
    else { press([.char("9")] + Array(repeating: .tab, count: n - 9), &state) }
}

func press(_ keys: [Key], _ state: inout AppState) {
    for key in keys { _ = Update.handle(key, &state) }
}

@Suite struct ScreenDumpTests {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["PARTYDESK_DUMP"] != nil))
    func dump() {
        for size in [(80, 24), (120, 40)] {
            var state = demoState(width: size.0, height: size.1)
            for pane in Pane.allCases {
                goTo(pane, &state)
                print("=== \(pane) \(size)")
                print(Views.render(state).lines.joined(separator: "\n"))
            }
            press([.char("2"), .down, .down, .enter], &state)
            print("=== branch page"); print(Views.render(state).lines.joined(separator: "\n"))
            press([.escape, .char("3"), .down, .enter], &state)
            print("=== check page"); print(Views.render(state).lines.joined(separator: "\n"))
            press([.escape, .char("?")], &state)
            print("=== help"); print(Views.render(state).lines.joined(separator: "\n"))
        }
    }
}
import Foundation
