import Foundation
import PartyModel
import PartyStore
import PartyTUI
import PartyTerminal

/// The interactive dashboard: load, then keys → update → render → screen until `q`.
enum Dashboard {
    static func run(_ options: WorkspaceOptions, theme: String?, readOnly: Bool, asOf: Day) throws {
        let lang = options.lang
        let (theme, themeMessage) = ThemeLoader.load(theme, lang: lang)
        // The terminal says what is happening while a large workspace is read; on a problem the
        // screen is restored before the message is printed (the defer below).
        let screen = CursesScreen(theme: theme, noColor: ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false)
        defer { screen.shutdown() }
        let chosen = try options.storeToOpen()
        screen.draw(Views.loading(width: screen.width, height: screen.height, directory: chosen.directory, lang: lang))
        if !chosen.exists { _ = try options.open(chosen) }   // says why it is not a workspace

        // One editor at a time: the first dashboard takes the lock; a second one is read-only.
        var lock: WorkspaceLock? = nil
        var lockHolder: String? = nil
        var lockMessage: String? = nil
        var tookOver = false
        if !readOnly {
            switch WorkspaceLock.acquire(directory: chosen.directory) {
            case .acquired(let acquired, let previous):
                lock = acquired
                tookOver = previous != nil
                if let previous { lockMessage = lang.pick("已接管 \(previous.user)@\(previous.host) 遗留的锁", "took over the lock left by \(previous.user)@\(previous.host)") }
            case .heldBy(let holder):
                lockHolder = holder.map { "\($0.user)@\($0.host)" } ?? lang.pick("另一个窗口", "another window")
            case .failed(let error):
                // Read-only files or a linked lock file: opened read-only, and said why.
                lockMessage = StoreError.io(error).message(lang)
            }
        }
        defer { lock?.release() }
        let isReadOnly = readOnly || lock == nil
        // The last session stopped in the middle of a save, or between a change's files and its
        // journal lines: settled before reading, so the figures are those of whole saves.
        var settleMessage: String? = nil
        if !isReadOnly {
            do { try Editor(store: chosen).settle(everyFolder: tookOver) } catch {
                settleMessage = lang.pick("上次中断的保存未能整理, 下次保存时重试: ", "an interrupted save could not be settled; will retry at the next save: ") + error.message(lang)
            }
        }

        // The first screen needs the current year only (and the quarter before the as-of day):
        // older years are read when first shown. Its fingerprint of the files is taken before
        // reading: a file changed meanwhile gives the next session another.
        let years: @Sendable (WorkspaceSettings) -> Set<Int>? = { DashboardData.years(for: $0.currentYear, asOf: asOf) }
        let keeper = FirstScreenKeeper(store: chosen, asOf: asOf, lang: lang, years: years, environment: ProcessInfo.processInfo.environment)
        let kept = keeper.keptToday()
        guard let opened = try readWhileShowing(kept, chosen, years: years, asOf: asOf, screen: screen, options: options,
                                                readOnly: isReadOnly, lockHolder: lockHolder) else { return }
        var (loaded, first, typedAhead) = opened
        keeper.loaded(first, kept: kept)

        var store = chosen
        let editor = Editor(store: store)
        var state = AppState(data: first, width: screen.width, height: screen.height, readOnly: isReadOnly, loadedAt: clock())
        state.lockHolder = lockHolder
        state.message = themeMessage ?? lockMessage
        if let settleMessage { state.message = settleMessage }
        screen.draw(Views.render(state))
        // Read-only only because another dashboard held the lock: try for it every couple of
        // seconds (and on r), and edit as soon as it is free.
        var waitingForLock = !readOnly && lock == nil
        var lastLockTry = Date()
        func tryForLock() {
            guard waitingForLock, case .acquired(let acquired, _) = WorkspaceLock.acquire(directory: store.directory) else { return }
            lock = acquired
            waitingForLock = false
            let holder = state.lockHolder
            // What the other editor saved is read before any edit is made on it.
            reload(&state, loaded: &loaded, from: &store, lang: lang)
            Update.lockTaken(&state, previousHolder: holder)
            if editor.hasUnsettledJournal { _ = try? editor.recoverJournal() }
        }
        while true {
            // While first screens are worked out behind, the loop looks up now and then to keep them.
            let timeout: Int32 = waitingForLock ? 500 : keeper.isWorking ? 250 : -1
            let next = typedAhead.isEmpty ? screen.readKey(timeout: timeout) : typedAhead.removeFirst()
            keeper.tick()
            if waitingForLock && (Date().timeIntervalSince(lastLockTry) >= Dashboard.lockRetrySeconds || next == .key(.char("r"))) {
                lastLockTry = Date()
                let was = state.readOnly
                tryForLock()
                if was != state.readOnly {
                    screen.draw(Views.render(state))
                    if next == .key(.char("r")) { continue }   // r has reloaded already, with the lock
                }
            }
            guard let event = next else { continue }
            switch event {
            case .resize:
                screen.updateSize()
                state.resize(width: screen.width, height: screen.height)
            case .key(let key):
                keeper.keyPressed()
                var changed = false
                switch Update.handle(key, &state) {
                case .quit:
                    keeper.sessionEnds()
                    return
                case .reload: reload(&state, loaded: &loaded, from: &store, lang: lang); changed = true
                case .none: break
                case .commit(let change): save(change, undo: false, &state, &loaded, editor, &store, lang); changed = true
                case .undo(let change): save(change, undo: true, &state, &loaded, editor, &store, lang); changed = true
                case .loadPeriod(let quarter): showPeriod(quarter, &state, &loaded, store, lang)
                }
                if changed { keeper.changed(state.data) }
            }
            if typedAhead.isEmpty { screen.draw(Views.render(state)) }
        }
    }

    /// How often a dashboard that opened read-only behind another's lock tries for it.
    static let lockRetrySeconds = 2.0

    /// Reads the workspace on another thread (a city's takes over a second) while the terminal
    /// shows the overview kept from the last session — when no file has changed since — or says
    /// what it reads. Keys typed meanwhile are returned to be applied on the real figures; q quits
    /// at once (nil).
    static func readWhileShowing(_ kept: FirstScreen?, _ store: WorkspaceStore, years: @escaping @Sendable (WorkspaceSettings) -> Set<Int>?,
                                 asOf: Day, screen: CursesScreen, options: WorkspaceOptions, readOnly: Bool,
                                 lockHolder: String?) throws -> (LoadedWorkspace, DashboardData, [KeyEvent])? {
        let lang = options.lang
        func draw() {
            if let kept {
                screen.draw(Views.preview(kept, chrome: Chrome(kept, width: screen.width, height: screen.height, lang: lang, readOnly: readOnly,
                                                               lockHolder: lockHolder, message: lang.pick("正在读取…", "reading…"))))
            } else {
                screen.draw(Views.loading(width: screen.width, height: screen.height, directory: store.directory, lang: lang))
            }
        }
        draw()
        let loading = Background { () -> Result<(LoadedWorkspace, DashboardData), StoreError> in
            Result { () throws(StoreError) in
                let loaded = try store.load(years: years)
                return (loaded, DashboardData.opening(loaded.workspace, loadedYears: loaded.years, asOf: asOf, lang: lang))
            }
        }
        var typedAhead: [KeyEvent] = []
        while !loading.isDone {
            switch screen.readKey(timeout: 20) {
            case .resize?:
                screen.updateSize()
                draw()
            case .key(let key)? where KeyMap.action(for: key, in: .overview) == .quit: return nil
            case let event?: typedAhead.append(event)
            case nil: break
            }
        }
        switch loading.wait() {
        case .success(let (loaded, first)): return (loaded, first, typedAhead)
        case .failure(let error): throw options.failure(error)
        }
    }

    /// Reads the years a quarter needs, then shows it; on a problem the current view stays.
    static func showPeriod(_ quarter: Quarter, _ state: inout AppState, _ loaded: inout LoadedWorkspace, _ store: WorkspaceStore, _ lang: Language) {
        do {
            try store.loadYears(DashboardData.years(for: quarter.year, asOf: state.data.asOf), into: &loaded)
            Update.showPeriod(quarter, of: loaded.workspace, loadedYears: loaded.years, &state)
        } catch {
            state.message = lang.pick("读取 \(quarter.year) 年数据失败: ", "cannot read \(quarter.year): ") + error.message(lang)
        }
    }

    /// Reads the files again; on any problem the last good data stays and the status bar says why.
    /// Saves a change durably and shows its effect everywhere at once; on a conflict the workspace
    /// reloads so the edit can be made again on fresh data.
    static func save(_ change: Change, undo: Bool, _ state: inout AppState, _ loaded: inout LoadedWorkspace, _ editor: Editor,
                     _ store: inout WorkspaceStore, _ lang: Language) {
        guard !state.readOnly else { return }
        // What the person is told matches the disk: "saved" only when the files are there.
        let journalProblem: String?
        do {
            try editor.commit(change, to: &loaded, undo: undo)
            journalProblem = nil
        } catch {
            if case .journal = error {
                journalProblem = error.message(lang)   // saved, but the line waits for the next commit
            } else {
                var reloaded = false
                if case .conflict = error { reload(&state, loaded: &loaded, from: &store, lang: lang); reloaded = true }
                if case .store(.changedOnDisk) = error { reload(&state, loaded: &loaded, from: &store, lang: lang); reloaded = true }
                Update.saveFailed(error.message(lang), reopen: !reloaded, &state)
                return
            }
        }
        let (workspace, years) = (loaded.workspace, loaded.years)
        state.replaceData { $0.afterSaving(change, workspace: workspace, loadedYears: years) }
        if undo { state.undoStack.removeLast() } else { state.undoStack.append(change) }
        Update.saved(message: journalProblem ?? (undo ? lang.pick("已撤销", "undone") : lang.pick("已保存", "saved")), &state)
    }

    static func reload(_ state: inout AppState, loaded: inout LoadedWorkspace, from store: inout WorkspaceStore, lang: Language) {
        do {
            let fresh = try store.load(years: loaded.years)
            loaded = fresh
            let old = state.data
            state.replaceData(DashboardData(workspace: fresh.workspace, year: old.year, quarter: old.quarter, asOf: old.asOf, lang: lang,
                                            loadedYears: fresh.years))
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

/// Work done on another thread while the main one keeps the terminal answering.
final class Background<T>: @unchecked Sendable {
    private var value: T?
    private let done = DispatchSemaphore(value: 0)

    init(_ work: @escaping @Sendable () -> T) {
        DispatchQueue.global(qos: .userInitiated).async {
            self.value = work()
            self.done.signal()
        }
    }

    /// True once the work has finished (then `wait()` returns at once).
    var isDone: Bool {
        guard done.wait(timeout: .now()) == .success else { return false }
        done.signal()
        return true
    }

    func wait() -> T {
        done.wait()
        done.signal()
        return value!
    }
}
