import Testing
import TestSupport
@testable import PartyModel
@testable import PartyTUI

@Suite struct UpdateTests {
    @Test func aDashboardThatTakesTheLockGetsItsEditingKeysBack() {
        var state = demoState()
        state.readOnly = true
        state.lockHolder = "李明@office"
        press([.char("8"), .char("a")], &state)
        #expect(state.form == nil)                        // read-only: a does nothing
        _ = Update.update(.lockTaken(previousHolder: "李明@office", fresh: nil, at: "10:00:00"), &state)
        #expect(!state.readOnly && state.lockHolder == nil)
        #expect(state.message == "李明@office 已退出编辑, 已取得编辑锁, 现在可以编辑")
        press([.char("a")], &state)
        #expect(state.form != nil)
        // A dashboard opened with --read-only has no holder and stays read-only.
        var wall = demoState()
        wall.readOnly = true
        _ = Update.update(.lockTaken(previousHolder: nil, fresh: nil, at: "10:00:00"), &wall)
        #expect(wall.readOnly && wall.message == nil)
    }

    @Test func digitsTabAndShiftTabSwitchPanes() {
        var state = demoState()
        for pane in Pane.allCases {
            goTo(pane, &state)
            #expect(state.pane == pane)
        }
        press([.tab], &state)
        #expect(state.pane == .overview)
        press([.backTab], &state)
        #expect(state.pane == Panes.standard.ids.last)
    }

    @Test func movementScrollsOnlyWhatIsVisible() {
        var state = demoState()
        press([.char("8")], &state)   // ~840 activities
        let count = state.visible[.activities]!.count
        #expect(count > 500)
        press([.char("G")], &state)
        #expect(state.lists[.activities]!.selected == count - 1)
        #expect(state.lists[.activities]!.scroll == count - state.pageSize)
        press([.char("g")], &state)
        #expect(state.lists[.activities]!.selected == 0 && state.lists[.activities]!.scroll == 0)
        press([.pageDown, .pageDown, .char("j"), .down, .up], &state)
        #expect(state.lists[.activities]!.selected == 2 * state.pageSize + 1)
        press([.char("k")], &state)
        #expect(state.lists[.activities]!.selected == 2 * state.pageSize)
    }

    @Test func filterMatchesChineseIncrementally() {
        var state = demoState()
        press([.char("5"), .char("/")], &state)
        #expect(state.editingFilter)
        for ch in "党费" { press([.char(ch)], &state) }
        let rows = state.visible[.rectifications]!.map { state.table(.rectifications)!.rows[$0] }
        #expect(!rows.isEmpty && rows.allSatisfy { $0.search.contains("党费") })
        // q while typing is text, not quit.
        #expect(Update.handle(.char("q"), &state) == .none)
        #expect(state.lists[.rectifications]!.filter == "党费q")
        press([.backspace, .enter], &state)
        #expect(!state.editingFilter && state.lists[.rectifications]!.filter == "党费")
        press([.escape], &state)
        #expect(state.lists[.rectifications]!.filter.isEmpty)
        #expect(state.visible[.rectifications]!.count == state.data.workspace.rectifications.count)   // all of them, unfiltered
    }

    @Test func stateFilterAndSort() {
        var state = demoState()
        press([.char("5"), .char("f"), .char("f"), .char("f"), .char("f"), .char("f")], &state)   // → overdue
        #expect(state.stateFilters(.rectifications)[state.lists[.rectifications]!.stateFilter].tag == "overdue")
        #expect(state.visible[.rectifications]!.count == 37)
        press([.char("4"), .char("s")], &state)   // sort by the first category
        let rows = state.visible[.scoring]!.map { state.table(.scoring)!.rows[$0] }
        let political = rows.map { Double($0.cells[2])! }
        #expect(political == political.sorted(by: >))
    }

    @Test func selectionSurvivesResizeAndReload() {
        var state = demoState()
        press([.char("4"), .down, .down, .down], &state)
        let id = state.selectedRow(.scoring)!.ref
        state.resize(width: 120, height: 40)
        #expect(state.selectedRow(.scoring)!.ref == id)
        state.resize(width: 60, height: 20)
        state.resize(width: 80, height: 24)
        #expect(state.selectedRow(.scoring)!.ref == id)
        state.replaceData(DashboardData(workspace: state.data.workspace, year: 2026, quarter: 4, asOf: testAsOf, lang: .zh))
        #expect(state.selectedRow(.scoring)!.ref == id)
    }

    /// Panes not on screen work out their rows when shown; a selection made before new data
    /// arrived is found again then, as it is for the pane on screen.
    @Test func selectionSurvivesNewDataWhileThePaneIsNotShown() {
        var state = demoState()
        press([.char("4"), .down, .down, .down], &state)
        let id = state.selectedRow(.scoring)!.ref
        press([.char("5"), .down], &state)
        let rectification = state.selectedRow(.rectifications)!.ref
        press([.char("1")], &state)
        state.replaceData(DashboardData(workspace: state.data.workspace, year: 2026, quarter: 4, asOf: testAsOf, lang: .zh))
        state.replaceData(DashboardData(workspace: state.data.workspace, year: 2026, quarter: 4, asOf: testAsOf, lang: .zh))
        #expect(state.visible[.scoring] == nil)
        press([.char("4")], &state)
        #expect(state.selectedRow(.scoring)!.ref == id)
        #expect(state.visible[.scoring]!.count > 10)
        press([.char("5")], &state)
        #expect(state.selectedRow(.rectifications)!.ref == rectification)
    }

    @Test func quarterAndYearKeysChangeThePeriod() {
        var state = demoState()
        press([.char("[")], &state)
        #expect(state.data.quarter == 3 && state.data.year == 2026)
        press([.char("{")], &state)
        #expect(state.data.quarter == 3 && state.data.year == 2025)
        press([.char("]"), .char("]")], &state)
        #expect(state.data.quarter == 1 && state.data.year == 2026)
        #expect(Views.render(state).row(1).contains("2026年第1季度"))
    }

    @Test func enterOpensAndEscapeGoesBack() {
        var state = demoState()
        press([.char("2"), .down, .down, .enter], &state)
        #expect(state.details == [.branch("b-office")])
        let page = Views.render(state).lines.joined(separator: "\n")
        #expect(page.contains("书记") && page.contains("考评 2026年") && page.contains("三会一课"))
        press([.escape], &state)
        #expect(state.details.isEmpty)
        press([.char("3"), .left, .enter], &state)
        #expect(state.details == [.check(branchId: "b-office", quarter: Quarter(year: 2026, number: 3)!)])
        let check = Views.render(state).lines.joined(separator: "\n")
        #expect(check.contains("组织设置规范") && check.contains("合计"))
        press([.escape, .char("5"), .enter], &state)
        if case .rectification = state.details.last {} else { Issue.record("no rectification page") }
        #expect(Views.render(state).lines.joined(separator: "\n").contains("办理记录"))
    }

    @Test func helpIsGeneratedFromTheKeyTable() {
        var state = demoState()
        press([.char("5"), .char("?")], &state)
        #expect(state.showHelp)
        // Scrolled through, the help shows every binding of the pane (its own and the global ones).
        var shown = ""
        for _ in 0..<40 {
            shown += Views.render(state).lines.joined(separator: "\n")
            press([.down], &state)
        }
        #expect(state.showHelp)
        for binding in KeyMap.help(for: RectificationsPane()) {
            #expect(shown.contains(binding.help(.zh)), "\(binding.zh)")
        }
        let text = Views.render(state).lines.joined(separator: "\n")
        // A pane-specific key of another pane is not listed.
        #expect(!text.contains("年度 / 季度视图"))
        press([.char("x")], &state)
        #expect(!state.showHelp)
        // Every binding dispatches the action it documents, on every pane it is in (no key shadows another).
        for spec in Panes.standard.all {
            for binding in KeyMap.active(for: spec, readOnly: false) {
                for key in binding.keys { #expect(KeyMap.binding(for: key, on: spec)?.action == binding.action, "\(spec.id) \(key)") }
            }
        }
    }

    @Test func quitFromAnywhere() {
        var state = demoState()
        #expect(Update.handle(.char("q"), &state) == .quit)
        press([.char("2"), .down, .enter], &state)
        #expect(Update.handle(.char("r"), &state) == .reload)
        #expect(Update.handle(.char("q"), &state) == .quit)
    }
}

@Suite struct KeyDocsTests {
    /// docs/keys.md holds the tables generated from the bindings; with PARTYDESK_WRITE_DOCS=1 it is written.
    @Test func docsKeysIsGeneratedFromTheBindings() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let url = root.appendingPathComponent("docs/keys.md")
        let text = try String(contentsOf: url, encoding: .utf8)
        let wanted = try #require(KeyDocs.updating(text), "docs/keys.md has no generated part")
        if ProcessInfo.processInfo.environment["PARTYDESK_WRITE_DOCS"] == "1", wanted != text {
            try wanted.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        #expect(wanted == text, "docs/keys.md is stale: PARTYDESK_WRITE_DOCS=1 swift test --filter KeyDocsTests")
        // Every binding of every pane is in it, with its keys.
        for spec in Panes.standard.all {
            for binding in KeyMap.active(for: spec, readOnly: false) {
                #expect(text.contains("| \(binding.zh) | \(binding.en) |"), "\(binding.zh)")
            }
        }
    }
}

import Foundation

@Suite struct SearchKeyTests {
    /// The filter's text is lower-cased exactly when lower-casing changes it, and followed by the
    /// pinyin initials of its Chinese when it has any.
    @Test func onlyTextWithCaseIsLowered() {
        for text in ["党员大会 2026-03-05", "abc 党", "ABC 党", "Ｐａｒｔｙ", "ÉCOLE", "Σ", "三会一课", "", "x-Y_z", "Ⓐ 圆圈", "Ꙁꙁ", "Ꜳ", "𐐀", "ｐａｒｔｙ（一）"] {
            let initials = PinyinInitials.hasInitials(text) ? "\u{1F}" + PinyinInitials.of(text) : ""
            #expect(TableRow.searchKey(text) == text.lowercased() + initials, "\(text)")
        }
        #expect(TableRow.searchKey("ABC 党员大会") == "abc 党员大会\u{1F}dydh")
    }
}

/// After an activity edit the dashboard carries the activities pane's table over, changing only
/// the rows the edit touched: the result must be the table a rebuild gives.
@Suite struct CarryOverTests {
    /// What `AppState.replaceDataAfterSaving` does for the activities pane.
    func carry(from old: DashboardData, to new: DashboardData, after change: Change) {
        let spec = ActivitiesPane()
        if let table = old.takeTable(spec, variant: 0), let kept = spec.carryOver(table, from: old, to: new, after: change) {
            new.keep(kept, for: spec, variant: 0)
        }
    }

    @Test func aCarriedOverActivitiesTableEqualsARebuild() throws {
        var ws = DemoWorkspace.make(asOf: testAsOf)
        func data(_ ws: Workspace) -> DashboardData { DashboardData(workspace: ws, year: 2026, quarter: 4, asOf: testAsOf, lang: .zh) }
        func rows(_ t: Table?) -> [String] {
            (t?.rows ?? []).map { "\($0.ref)|\($0.cells)|\($0.search)|\($0.sortKeys)|\($0.tags.sorted())|\($0.roles)" }
        }
        var old = data(ws)
        _ = old.table(.activities)
        let in2026 = ws.activities.filter { $0.date.year == 2026 }
        let a = in2026[10], b = in2026[20], c = ws.activities.first { $0.date.year == 2025 }!
        func moved(_ x: Activity, _ iso: String) -> Activity { var y = x; y.date = Day(iso: iso)!; y.title += "(改)"; return y }
        let branch = ws.organisation.branches[1].id
        let changes: [Change] = [
            .activity(before: nil, after: Activity(id: "zz-new", branchId: branch, kind: .talk, date: Day(iso: "2026-07-01")!, title: "谈心")),
            .activity(before: a, after: moved(a, "2026-01-02")),     // moves down the list
            .activity(before: b, after: nil),
            .activity(before: c, after: moved(c, "2026-11-20")),     // comes in from 2025
            .batch([.activity(before: nil, after: Activity(id: "aa-1", branchId: branch, kind: .studySession, date: testAsOf, title: "学习")),
                    .activity(before: nil, after: Activity(id: "aa-2", branchId: branch, kind: .studySession, date: testAsOf, title: "学习"))]),
        ]
        for change in changes {
            ws = try change.apply(to: ws)
            let new = data(ws)
            carry(from: old, to: new, after: change)
            #expect(new.isBuilt(.activities))   // carried over, not about to be rebuilt
            #expect(rows(new.table(.activities)) == rows(data(ws).table(.activities)), "\(change.action) \(change.entityId)")
            old = new
        }
        #expect(old.table(.activities)!.rows.contains { $0.ref == .activity("zz-new") } && !old.table(.activities)!.rows.contains { $0.ref == .activity(b.id) })
        // Not carried over: another change kind, or a table never built.
        let task = Change.task(before: ws.plan.tasks[0], after: { var t = ws.plan.tasks[0]; t.progress = 77; return t }())
        let fresh = data(try task.apply(to: ws))
        carry(from: old, to: fresh, after: task)
        #expect(!fresh.isBuilt(.activities))
        #expect(rows(fresh.table(.activities)) == rows(data(try task.apply(to: ws)).table(.activities)))
    }
}

@Suite struct SaveSelectionTests {
    /// The activities pane after a save: carried over (not rebuilt), the same row still selected
    /// though a new row came in above it.
    @Test func theSelectionStaysOnItsRowAfterASave() throws {
        var state = demoState()
        press([.char("8"), .down, .down, .down], &state)
        let id = try #require(state.selectedRow(.activities)?.ref)
        let branch = state.data.workspace.organisation.branches[1].id
        let change = Change.activity(before: nil, after: Activity(id: "zz-top", branchId: branch, kind: .talk, date: testAsOf, title: "谈心谈话"))
        let ws = try change.apply(to: state.data.workspace)
        state.replaceDataAfterSaving(change, workspace: ws, loadedYears: nil)
        #expect(state.data.isBuilt(.activities))
        #expect(state.selectedRow(.activities)?.ref == id)
        #expect(state.data.table(.activities)!.rows.contains { $0.ref == .activity("zz-top") })
    }
}

@Suite struct LoadingScreenTests {
    /// While a large workspace is read the terminal says so, centred, in the chosen language.
    @Test func saysWhatItIsReadingCentred() {
        let canvas = Views.loading(width: 80, height: 24, directory: "/data/县委组织部", lang: .zh)
        #expect(canvas.row(0).hasPrefix(" PartyDesk"))
        let message = canvas.row(11), path = canvas.row(12)
        #expect(message.trimmingCharacters(in: .whitespaces) == "正在读取工作区…")
        // 16 columns wide (7 Chinese characters and …), centred in 80.
        #expect(message.prefix(while: { $0 == " " }).count == (80 - DisplayWidth.of("正在读取工作区…")) / 2)
        #expect(path.trimmingCharacters(in: .whitespaces) == "/data/县委组织部")
        let english = Views.loading(width: 40, height: 10, directory: String(repeating: "x", count: 60), lang: .en)
        #expect(english.row(4).contains("Reading the workspace…"))
        #expect(DisplayWidth.of(english.row(5)) <= 40)
    }
}

@Suite struct PinyinFilterTests {
    @Test func initialsOfTheCommonCharacters() {
        #expect(PinyinInitials.table.filter { $0 != 0 }.count == 3755)
        #expect(PinyinInitials.of("党政办公室党支部") == "dzbgsdzb")
        #expect(PinyinInitials.of("2026年 三会一课, 张三") == "n shyk zs")
        // A character with two readings has the one GB 2312 sorts it by; a rare one has none.
        #expect(PinyinInitials.of("长") == "c" && PinyinInitials.of("翀") == "")
        #expect(!PinyinInitials.hasInitials("abc 123") && PinyinInitials.hasInitials("abc 党"))
    }

    /// `/` then initials finds the Chinese rows, in the branches pane and in the ledger.
    @Test func typingInitialsFindsTheRows() {
        var state = demoState()
        press([.char("2"), .char("/")] + "dzbgs".map { Key.char($0) } + [.enter], &state)
        let names = state.visible[.branches]!.map { state.table(.branches)!.rows[$0].cells[0] }
        #expect(!names.isEmpty && names.allSatisfy { $0.contains("党政办公室") }, "\(names)")
        press([.char("8"), .char("/")] + "zwh".map { Key.char($0) } + [.enter], &state)
        let kinds = state.visible[.activities]!.map { state.table(.activities)!.rows[$0].cells.joined(separator: " ") }
        #expect(!kinds.isEmpty && kinds.allSatisfy { $0.contains("支委会") || PinyinInitials.of($0).contains("zwh") })
        // Every row with Chinese in it carries its initials, after the separator.
        #expect(!state.table(.activities)!.rows.contains { $0.search.contains("\u{1F}") == false && PinyinInitials.hasInitials($0.cells.joined()) })
    }
}
