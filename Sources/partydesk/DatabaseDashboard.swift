import Foundation
import PartyModel
import PartyPostgres
import PartyStore
import PartyTUI
import PartyTerminal

/// The dashboard on a workspace in PostgreSQL (`--data postgresql://…`, issue 20). As on files, keys →
/// update → render; what differs is where the data comes from:
/// - no workspace lock: each commit checks that the records it touches are as this dashboard read
///   them; another office's change to one refuses the edit, names who and when, and the data is read again;
/// - a second connection LISTENs: another office's commit is read and shown within a second;
/// - the server gone (restarted, stopped): the dashboard says so, goes read-only, tries again every
///   couple of seconds and, once back, reads the data again and lets edits resume.
enum DatabaseDashboard {
    /// How often the loop looks for notifications and, when cut off, tries the server again.
    static let tickMilliseconds: Int32 = 200
    static let reconnectSeconds = 2.0

    /// One live session with the server: the store (reads, commits) and the listening connection.
    struct Session {
        let store: PostgresStore
        let listener: PostgresConnection
        /// The store's own server process: its notifications are this dashboard's own commits.
        var ownProcess: Int32 { store.serverProcess }

        /// Connected and listening (from before anything is read: no commit is missed).
        static func connect(_ uri: String) throws(PostgresStoreError) -> Session {
            let store = try PostgresStore(uri: uri)
            return Session(store: store, listener: try PostgresStore.listener(uri))
        }

        /// The session, the workspace and the journal's mark taken before it was read (what follows it
        /// is replayed when another office commits).
        static func open(_ uri: String) throws(PostgresStoreError) -> (Session, PostgresLoaded, Int64) {
            let session = try connect(uri)
            let (loaded, mark) = try session.store.loadFollowable()
            return (session, loaded, mark)
        }
    }

    static func run(_ options: WorkspaceOptions, uri: String, theme: String?, readOnly: Bool, asOf: Day) throws {
        let lang = options.lang
        let (theme, themeMessage) = ThemeLoader.load(theme, lang: lang)
        let screen = CursesScreen(theme: theme, noColor: ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false)
        defer { screen.shutdown() }
        screen.draw(Views.loading(width: screen.width, height: screen.height, directory: PostgresURI.redacted(uri), lang: lang))
        var session: Session?
        var read: PostgresLoaded
        var mark: Int64
        // The first screen kept by the last session, when nothing was committed since (one query):
        // shown while a county's 1.2 million rows are read (as a directory's is while its files are).
        var liveStore: PostgresStore?
        let keeper = FirstScreenKeeper(place: PostgresURI.redacted(uri), fingerprint: { try? liveStore?.journalFingerprint() },
                                       asOf: asOf, lang: lang, environment: ProcessInfo.processInfo.environment)
        let first: DashboardData
        var typedAhead: [KeyEvent] = []
        do {
            let opened = try Session.connect(uri)
            liveStore = opened.store
            let kept = keeper.refreshed().keptToday()
            // Else the screen kept before the latest commits (by this role), said to be so: a county's
            // read takes seconds, and its last figures with how far behind they are beat a blank screen.
            let earlier = kept == nil ? keeper.keptEarlier { KeptScreenLag(kept: $0, now: $1) } : nil
            if let shown = kept ?? earlier?.screen {
                var lag = earlier?.judged
                if let seq = lag?.keptSeq { lag?.changes = try? opened.store.journalRows(after: seq) }
                screen.draw(Views.preview(shown, chrome: Chrome(shown, width: screen.width, height: screen.height, lang: lang, readOnly: readOnly,
                                                                lockHolder: nil, message: DbText.keptScreen(lag, lang))))
            }
            // Read on another thread while the terminal answers; keys typed meanwhile wait, q quits.
            let store = Unchecked(opened.store)
            let loading = Background { () -> Result<(PostgresLoaded, Int64), PostgresStoreError> in
                Result { () throws(PostgresStoreError) in try store.value.loadFollowable() }
            }
            while !loading.isDone {
                switch screen.readKey(timeout: 20) {
                case .key(let key)? where KeyMap.action(for: key, in: .overview) == .quit: return
                case .resize?: screen.updateSize()
                case let event?: typedAhead.append(event)
                case nil: break
                }
            }
            (read, mark) = try loading.wait().get()
            session = opened
            first = DashboardData.opening(read.workspace, loadedYears: nil, asOf: asOf, lang: lang)
            keeper.loaded(first, kept: kept)
        } catch { throw CLIFailure(message: error.message(lang)) }

        var state = AppState(data: first, width: screen.width, height: screen.height, readOnly: readOnly, loadedAt: Dashboard.clock())
        state.message = themeMessage
        screen.draw(Views.render(state))
        state.problems = Validator.validate(read.workspace).count
        if state.problems > 0 { screen.draw(Views.render(state)) }
        var lastTry = Date()

        func cutOff(_ why: String) {
            session = nil
            state.readOnly = true
            state.message = lang.pick("与数据库的连接中断 (\(why)) · 只读 · 正在重连…", "lost the database (\(why)) · read-only · reconnecting…")
            lastTry = Date()
        }
        /// Reads everything again (one snapshot) into the figures shown.
        func reread(_ message: String) {
            guard let live = session else { return }
            do {
                (read, mark) = try live.store.loadFollowable()
                showWhole(message)
            } catch { cutOff(error.message(lang).split(separator: "\n").first.map(String.init) ?? "") }
        }
        /// The figures worked out again from the whole of `read`.
        func showWhole(_ message: String) {
            let fresh = DashboardData(workspace: read.workspace, year: state.data.year, quarter: state.data.quarter, asOf: state.data.asOf,
                                      lang: lang, loadedYears: nil)
            _ = Update.update(.reloaded(fresh, at: Dashboard.clock()), &state)
            state.problems = Validator.validate(read.workspace).count
            state.message = message
            keeper.changed(state.data)
        }
        func save(_ change: Change, undo: Bool) -> Event {
            guard !state.readOnly, let live = session else {
                return .saveFailed(message: lang.pick("只读, 未保存", "read-only: not saved"), reloaded: nil, at: nil)
            }
            do {
                // A new record whose id another office took (unseen under row security) lands further on;
                // an undo puts back exactly what was there, or is refused.
                let saved: Change
                if undo {
                    try live.store.commit(change, to: &read, undo: true)
                    saved = change
                } else {
                    saved = try live.store.commitAdding(change, to: &read)
                }
                return .saved(saved, undo: undo, workspace: read.workspace, loadedYears: nil, journalProblem: nil)
            } catch {
                // Refused (another office changed a record, or the server said no), or cut off mid-commit:
                // the data is read again, so what is shown is what the database holds — the message
                // says when it cannot be known whether the change landed.
                let message = error.message(lang)
                guard let live = session, let (fresh, freshMark) = try? live.store.loadFollowable() else {
                    if session != nil { cutOff(lang.pick("保存时", "while saving")) }
                    return .saveFailed(message: message, reloaded: nil, at: nil)
                }
                read = fresh
                mark = freshMark
                let data = DashboardData(workspace: fresh.workspace, year: state.data.year, quarter: state.data.quarter, asOf: state.data.asOf,
                                         lang: lang, loadedYears: nil)
                return .saveFailed(message: message, reloaded: data, at: Dashboard.clock())
            }
        }
        /// Runs an effect; its result comes back into `Update` as an event (which may ask for another).
        func run(_ effect: Effect) -> Bool {
            var next = effect
            while true {
                let event: Event
                switch next {
                case .none: return true
                case .quit:
                    keeper.sessionEnds()
                    return false
                case .reload:
                    reread(lang.pick("已重新加载", "reloaded"))
                    return true
                case .commit(let change): event = save(change, undo: false)
                case .undo(let change): event = save(change, undo: true)
                // A database is read whole: every year is there.
                case .loadPeriod(let quarter): event = .periodLoaded(quarter, read.workspace, loadedYears: nil)
                }
                next = Update.update(event, &state)
                switch event {
                case .saved, .saveFailed(_, .some, _): keeper.changed(state.data)
                default: break
                }
            }
        }

        while true {
            let next = typedAhead.isEmpty ? screen.readKey(timeout: tickMilliseconds) : typedAhead.removeFirst()
            keeper.tick()
            if let live = session {
                do {
                    // Other offices' commits (this dashboard's own were shown when they were saved).
                    let others = try live.listener.notifications().filter { $0.serverProcess != live.ownProcess }
                    if let last = others.last {
                        let who = last.payload.isEmpty ? lang.pick("其他用户", "someone else") : last.payload
                        let said = lang.pick("已载入 \(who) 的修改", "loaded a change by \(who)")
                        // Their changes replayed from the journal, as this dashboard's own saves are
                        // shown (only the branches they touch worked out again); read whole only
                        // when one cannot be replayed.
                        let followed = try live.store.catchUp(&read, mark: &mark)
                        if followed.needsReload {
                            showWhole(said)
                        } else if !followed.changes.isEmpty {
                            let change = followed.changes.count == 1 ? followed.changes[0] : .batch(followed.changes)
                            state.replaceDataAfterSaving(change, workspace: read.workspace, loadedYears: nil)
                            state.loadedAt = Dashboard.clock()
                            state.message = said
                        }
                        keeper.changed(state.data)
                        screen.draw(Views.render(state))
                    }
                } catch {
                    switch error {
                    case let e as PostgresError: cutOff(e.message)
                    case let e as PostgresStoreError: cutOff(e.message(lang).split(separator: "\n").first.map(String.init) ?? "")
                    default: cutOff("\(error)")
                    }
                    screen.draw(Views.render(state))
                }
            } else if Date().timeIntervalSince(lastTry) >= reconnectSeconds {
                lastTry = Date()
                if let (back, fresh, freshMark) = try? Session.open(uri) {
                    session = back
                    liveStore = back.store
                    read = fresh
                    mark = freshMark
                    state.readOnly = readOnly
                    let data = DashboardData(workspace: fresh.workspace, year: state.data.year, quarter: state.data.quarter, asOf: state.data.asOf,
                                             lang: lang, loadedYears: nil)
                    _ = Update.update(.reloaded(data, at: Dashboard.clock()), &state)
                    state.message = lang.pick("已重新连接数据库, 数据已更新", "reconnected to the database; data read again")
                    screen.draw(Views.render(state))
                }
            }
            guard let input = next else { continue }
            switch input {
            case .resize:
                screen.updateSize()
                _ = Update.update(.resize(width: screen.width, height: screen.height), &state)
            case .key(let key):
                keeper.keyPressed()
                guard run(Update.update(.key(key), &state)) else { return }
            }
            if typedAhead.isEmpty { screen.draw(Views.render(state)) }
        }
    }
}

/// A value handed to another thread that only it uses meanwhile (the store, while the workspace is
/// read behind the first screen): the loop does not touch it until the reading is done.
final class Unchecked<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
