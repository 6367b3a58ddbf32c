import Foundation
import PartyModel
import PartyStore
import PartyTUI
import PartyTerminal

/// The interactive dashboard: load, then keys → update → render → screen until `q`.
enum Dashboard {
    static func run(_ options: WorkspaceOptions, theme: String?, readOnly: Bool, asOf: Day) throws {
        let opened = try options.open()
        let lang = options.lang
        let (theme, themeMessage) = ThemeLoader.load(theme, lang: lang)
        let screen = CursesScreen(theme: theme, noColor: ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false)
        defer { screen.shutdown() }

        var store = opened.store
        var state = AppState(data: initialData(opened.workspace, asOf: asOf, lang: lang), width: screen.width, height: screen.height,
                             readOnly: readOnly, loadedAt: clock())
        state.message = themeMessage
        screen.draw(Views.render(state))
        while true {
            guard let event = screen.readKey(timeout: -1) else { continue }
            switch event {
            case .resize:
                screen.updateSize()
                state.resize(width: screen.width, height: screen.height)
            case .key(let key):
                switch Update.handle(key, &state) {
                case .quit: return
                case .reload: reload(&state, from: &store, lang: lang)
                case .none: break
                }
            }
            screen.draw(Views.render(state))
        }
    }

    /// The workspace's current year; the quarter of the as-of day when it falls in that year.
    static func initialData(_ ws: Workspace, asOf: Day, lang: Language) -> DashboardData {
        let year = ws.settings.currentYear
        let quarter = asOf.year == year ? asOf.quarter.number : (asOf.year > year ? 4 : 1)
        return DashboardData(workspace: ws, year: year, quarter: quarter, asOf: asOf, lang: lang)
    }

    /// Reads the files again; on any problem the last good data stays and the status bar says why.
    static func reload(_ state: inout AppState, from store: inout WorkspaceStore, lang: Language) {
        do {
            let loaded = try store.load()
            let old = state.data
            state.replaceData(DashboardData(workspace: loaded.workspace, year: old.year, quarter: old.quarter, asOf: old.asOf, lang: lang))
            state.loadedAt = clock()
            state.message = lang.pick("已重新加载", "reloaded")
        } catch {
            let first = error.message(lang).split(separator: "\n").dropFirst().first.map(String.init) ?? error.message(lang)
            state.message = lang.pick("加载失败 ", "reload failed ") + first.trimmingCharacters(in: .whitespaces)
                + lang.pick("; 仍显示上次数据", "; showing the last good data")
        }
    }

    static func clock() -> String {
        let parts = Calendar.current.dateComponents([.hour, .minute, .second], from: Date())
        return String(format: "%02d:%02d:%02d", parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
    }
}
