import Testing
import TestSupport
@testable import PartyModel
@testable import PartyTUI

/// A pane that exists only here: registering it is all it takes for it to get a tab, a digit, its
/// keys, help and a table.
struct NotesPane: PaneSpec {
    let id: Pane
    let zh: String
    let en: String
    init(_ id: String = "test-notes", zh: String = "测试", en: String = "Test") { self.id = Pane(id); self.zh = zh; self.en = en }

    func title(_ lang: Language) -> String { lang.pick(zh, en) }

    var bindings: [KeyBinding] {
        [.open, KeyBinding([.char("x")], .edit, zh: "测试窗格自己的键", en: "The test pane's own key", writes: true)]
    }

    func table(_ data: DashboardData, variant: Int) -> Table? {
        Table(columns: [ColumnSpec("支部", width: 20, flexible: true)],
              rows: data.workspace.organisation.branches.prefix(3).map { TableRow(.branch($0.id), cells: [$0.name]) },
              sortOptions: ["默认"])
    }

    func perform(_ action: Action, _ state: inout AppState) -> Effect {
        if action == .edit, case .branch(let id) = state.selected { state.message = "测试: \(id)" }
        return .none
    }

    func detail(for row: RowRef, _ state: AppState) -> Detail? {
        if case .branch(let id) = row { return .branch(id) }
        return nil
    }
}

@Suite struct PaneRegistryTests {
    func state(_ panes: Panes, width: Int = 80, height: Int = 24, lang: Language = .zh) -> AppState {
        let ws = DemoWorkspace.make(asOf: testAsOf)
        return AppState(data: DashboardData(workspace: ws, year: 2026, quarter: 4, asOf: testAsOf, lang: lang),
                        width: width, height: height, panes: panes)
    }

    @Test func aRegisteredPaneGetsATabADigitItsKeysAndHelp() {
        var s = state(Panes(Panes.standard.all + [NotesPane()]))
        // Ten tabs and the badge need 85 columns: the ninth and tenth are beyond the bar's edge, marked,
        // until chosen; the tenth has no digit (Tab or `:` reach it).
        #expect(Views.render(s).row(0).hasSuffix(" 8 活动 >          示例 "))
        // The last tab: from the ninth, Tab past the standard panes beyond it.
        press([.char("9")] + Array(repeating: .tab, count: Panes.standard.all.count - 8), &s)
        #expect(s.pane == Pane("test-notes"))
        let before = Panes.standard.all.last!.tabTitle(.zh)
        #expect(Views.render(s).row(0).contains(" \(before)  测试 "))
        let screen = Views.render(s).lines
        #expect(screen[1].hasPrefix(" 测试 "))
        #expect(screen.joined().contains(s.data.workspace.organisation.branches[0].name))
        press([.down, .char("x")], &s)
        #expect(s.message == "测试: \(s.data.workspace.organisation.branches[1].id)")
        press([.enter], &s)
        #expect(s.details == [.branch(s.data.workspace.organisation.branches[1].id)])
        press([.escape, .char("?")], &s)
        #expect(Views.render(s).lines.joined().contains("测试窗格自己的键"))
        // Read-only: its writing key is not registered.
        var wall = state(Panes(Panes.standard.all + [NotesPane()]))
        wall.readOnly = true
        press([.char("9")] + Array(repeating: .tab, count: Panes.standard.all.count - 8) + [.char("x")], &wall)
        #expect(wall.message == nil)
        // Its keys appear in the generated docs of a registry that has it.
        #expect(KeyDocs.markdown(Panes(Panes.standard.all + [NotesPane()])).contains("| `x` | 测试窗格自己的键 |"))
    }

    /// Twelve panes at 80×24, in Chinese and in English: whichever is current, its tab is whole on
    /// the bar, the demo badge keeps its place, and no tab is drawn under it.
    @Test(arguments: [Language.zh, .en])
    func twelvePanesFitAt80Columns(lang: Language) {
        // Those of the twelve not yet registered stand in as test panes.
        let extra = [("development", "发展党员", "Development"), ("funds", "经费", "Funds"),
                     ("targets", "目标", "Targets")].filter { !Panes.standard.ids.contains(Pane($0.0)) }.map { NotesPane($0.0, zh: $0.1, en: $0.2) }
        let panes = Panes(Panes.standard.all + extra)
        #expect(panes.all.count == 12)
        var s = state(panes, lang: lang)
        let badge = " " + (lang == .zh ? "示例" : "DEMO") + " "
        for i in 0..<12 {
            let bar = Views.render(s).row(0)
            let title = panes.all[i].tabTitle(lang)
            let label = i < 9 ? " \(i + 1) \(title) " : " \(title) "
            #expect(bar.contains(label), "\(lang) tab \(i + 1) \(title) not whole: \(bar)")
            #expect(bar.hasSuffix(badge), "\(lang): \(bar)")
            #expect(DisplayWidth.of(bar) == 80)
            // Tabs beyond the window are marked.
            if i >= 9 { #expect(bar.contains("<"), "\(bar)") }
            press([.tab], &s)
        }
        #expect(s.pane == .overview)   // and round again
        // `:` reaches every pane by name, English name or pinyin initials.
        for (query, target) in [("党员", "members"), ("dy", "members"), ("fzdy", "development"), ("fund", "funds"), ("kp", "scoring")] {
            press([.char(":")] + query.map { .char($0) } + [.enter], &s)
            #expect(s.pane == Pane(target), "\(query)")
        }
        press([.char(":"), .char("z"), .char("z"), .char("z"), .enter], &s)
        #expect(s.message?.contains("zzz") == true)
    }
}

@Suite struct WideTableTests {
    /// At 200 columns the branch column of the rectification and activity lists is wide enough for
    /// the demo's longest branch name; at 80 the description keeps its room.
    @Test func nameColumnsGrowWithTheTerminal() {
        var wide = demoState(width: 200, height: 60)
        press([.char("5")], &wide)
        let screen = Views.render(wide).lines.joined(separator: "\n")
        #expect(screen.contains("附属单位联合党支部 "))
        let table = wide.table(.rectifications)!
        let layout = table.layout(width: 196)
        #expect(layout.first { table.columns[$0.index].grows }?.width == 28)
        let narrow = table.layout(width: 76)
        #expect(narrow.first { table.columns[$0.index].grows }?.width == 14)
        #expect(narrow.first { table.columns[$0.index].flexible }!.width >= 16)
    }

    /// The alerts pane names each alert's kind in words, never by its code.
    @Test func alertsShowAHumanKind() {
        var state = demoState(width: 120, height: 40)
        press([.char("6")], &state)
        let screen = Views.render(state).lines.joined(separator: "\n")
        #expect(screen.contains("整改逾期") && !screen.contains("rectification.overdue"))
    }
}
