import ArgumentParser
import Foundation
import PartyModel
import PartyPostgres
import PartyStore
import PartyTUI
import PartyTerminal

/// `partydesk display`: the read-only wall screen. It only ever reads: no lock, no save, no demo
/// written to disk — the editing code is not even reachable from here.
struct DisplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "display",
        abstract: "大屏展示 (只读, 自动轮播, 数据变化自动刷新) / Read-only wall display that rotates and follows the data.")

    @OptionGroup var workspace: WorkspaceOptions

    @Option(name: .long, help: "每页停留秒数 / Seconds per page.")
    var rotate: Int = 15

    @Option(name: .long, help: ArgumentHelp("显示哪些页 / Pages: headline,heatmap,ranking,rectifications,alerts (or 1-5).", valueName: "LIST"))
    var pages: String?

    @Option(name: .long, help: ArgumentHelp("配色主题 / Theme name or file.", valueName: "NAME"))
    var theme: String?

    @Flag(name: .long, help: "锁定: 忽略所有按键, 只能用信号结束 / Ignore every key; only a signal ends it.")
    var locked = false

    @Option(name: .customLong("as-of"), help: ArgumentHelp("固定的\"今天\" (默认随时钟变化) / A fixed today (default: follows the clock).", valueName: "DATE"))
    var asOf: String?

    func validate() throws {
        if rotate < 1 { throw ValidationError("--rotate 至少 1 秒 / at least 1 second") }
        if let asOf { _ = try parseAsOf(asOf) }
        _ = try pageList()
    }

    func pageList() throws -> [DisplayPage] {
        guard let pages else { return DisplayPage.allCases }
        return try pages.split(separator: ",").map { item in
            let name = item.trimmingCharacters(in: .whitespaces)
            if let n = Int(name), DisplayPage.allCases.indices.contains(n - 1) { return DisplayPage.allCases[n - 1] }
            guard let page = DisplayPage(rawValue: name) else {
                throw ValidationError("--pages: 未知页面 \(name) / unknown page (headline, heatmap, ranking, rectifications, alerts)")
            }
            return page
        }
    }

    func run() throws {
        let lang = workspace.lang
        let location = workspace.location
        let store = WorkspaceStore(directory: location.directory)
        // Reading only: the demo (when there is no workspace) is built in memory, never written.
        let useDemo = !store.exists && location.isDefault && !WorkspaceStore(directory: location.demoDirectory).exists
        let source = useDemo ? nil : (store.exists || !location.isDefault ? store : WorkspaceStore(directory: location.demoDirectory))
        let fixedDay = try asOf.map { try parseAsOf($0) }
        func today() -> Day { fixedDay ?? .today }

        // A workspace in PostgreSQL (issue 20): read in one snapshot (a display's role reads only),
        // and LISTENed to instead of watching files; cut off, it shows the last figures and says so.
        let database = location.databaseURI.map { DisplayDatabase(uri: $0) }

        /// The workspace, with only the years the display shows (nil years: all of them).
        func read() throws -> (workspace: Workspace, years: Set<Int>?) {
            if let database { return (try database.read(), nil) }
            guard let source else { return (DemoWorkspace.make(asOf: today()), nil) }
            let loaded = try source.load(years: { DashboardData.years(for: $0.currentYear, asOf: today()) })
            return (loaded.workspace, loaded.years)
        }
        func message(_ error: any Error) -> String {
            switch error {
            case let e as StoreError: e.message(lang)
            case let e as PostgresStoreError: e.message(lang)
            default: "\(error)"
            }
        }
        // Watched from before the first read, so nothing written meanwhile is missed.
        let watch = database == nil ? source.map { ChangeWatch(directory: $0.directory) } : nil
        var ws: (workspace: Workspace, years: Set<Int>?)
        do { ws = try read() } catch { throw CLIFailure(message: message(error)) }
        var pending = false
        let (theme, _) = ThemeLoader.load(theme, lang: lang)
        let screen = CursesScreen(theme: theme, noColor: ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false)
        defer { screen.shutdown() }

        var day = today()
        func data(_ ws: (workspace: Workspace, years: Set<Int>?)) -> DashboardData {
            DashboardData.opening(ws.workspace, loadedYears: ws.years, asOf: day, lang: lang)
        }
        var state = DisplayState(data: data(ws), pages: try pageList(), width: screen.width, height: screen.height,
                                 clock: Dashboard.clock(), loadedAt: Dashboard.clock())
        var lastSecond = -1
        var shownFor = 0
        screen.draw(DisplayViews.render(state))
        while true {
            if let event = screen.readKey(timeout: 250) {
                switch event {
                case .resize:
                    screen.updateSize()
                    state.width = screen.width
                    state.height = screen.height
                case .key(let key):
                    if !locked && state.handle(key) { return }
                    if !locked { shownFor = 0 }
                }
            }
            let now = Calendar.current.component(.second, from: Date())
            if now != lastSecond {
                lastSecond = now
                // The date rolls over at midnight: "today", the quarter and overdue follow. A new quarter
                // can need a year not read yet: read again (the last good data stays on failure).
                day = today()
                _ = state.clockReads(Dashboard.clock(), on: day) {
                    if let fresh = try? read() { ws = fresh }
                    return (ws.workspace, ws.years)
                }
                // Any change to the files (written in place or replaced) is read within a second.
                if let watch, watch.changed() { pending = true }
                if let database, database.changed() { pending = true }
                if pending {
                    do {
                        ws = try read()
                        state.data = data(ws)
                        state.loadedAt = Dashboard.clock()
                        state.notice = nil
                        pending = false
                    } catch {
                        // Half-written or broken: keep the last good figures and try again next second.
                        state.notice = database == nil ? lang.pick("数据文件暂不可读, 显示的是上次数据", "data files unreadable; showing the last good data")
                            : lang.pick("数据库暂不可用, 显示的是上次数据", "database unreachable; showing the last good data")
                    }
                }
                shownFor += 1
                if shownFor >= rotate {
                    shownFor = 0
                    state.advance()
                }
            }
            screen.draw(DisplayViews.render(state))
        }
    }
}

/// The wall display's database: the store it reads and a listening connection, made again after the
/// server went away (every read tries, once a second while it is away). Once read, another office's
/// commit is replayed from the journal as the dashboard replays it (a county's whole read is 12 s;
/// a replay well under one), and the whole is read again only when a change cannot be replayed.
final class DisplayDatabase {
    let uri: String
    private var store: PostgresStore?
    private var listener: PostgresConnection?
    private var loaded: PostgresLoaded?
    /// The journal's last row replayed or read.
    private var mark: Int64 = 0
    /// Commits were heard since the last read.
    private var behind = false

    init(uri: String) { self.uri = uri }

    /// The workspace as the database holds it now: read whole in one snapshot when not connected
    /// (connecting and LISTENing first), else brought up to date from the journal.
    func read() throws -> Workspace {
        do {
            guard let store, listener != nil, loaded != nil else {
                let listening = try PostgresStore.listener(uri)
                let fresh = try PostgresStore(uri: uri)
                (loaded, mark) = try fresh.loadFollowable()
                (store, listener, behind) = (fresh, listening, false)
                return loaded!.workspace
            }
            // Held once, not twice: a copy would copy a county's 600,000 activities on the first change.
            var current = loaded!
            loaded = nil
            defer { loaded = current }
            if behind {
                _ = try store.catchUp(&current, mark: &mark)
                behind = false
            }
            return current.workspace
        } catch {
            store = nil; listener = nil; loaded = nil
            throw error
        }
    }

    /// Whether a commit was made since last asked; true also when cut off (the next read reconnects, or says so).
    func changed() -> Bool {
        guard let listener else { return true }
        do {
            if try !listener.notifications().isEmpty { behind = true }
            return behind
        } catch {
            store = nil; self.listener = nil; loaded = nil
            return true
        }
    }
}
