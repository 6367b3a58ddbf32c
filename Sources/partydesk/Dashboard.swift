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

        let store = chosen
        let editor = Editor(store: store)
        var state = AppState(data: first, width: screen.width, height: screen.height, readOnly: isReadOnly, loadedAt: clock())
        state.lockHolder = lockHolder
        state.message = themeMessage ?? lockMessage
        if let settleMessage { state.message = settleMessage }
        screen.draw(Views.render(state))
        // Figures from a workspace that fails validation are marked in the status bar (counted once
        // the first screen is up: a county's records take a moment).
        state.problems = store.validate(loaded).count
        if state.problems > 0 { screen.draw(Views.render(state)) }
        // Read-only only because another dashboard held the lock: try for it every couple of
        // seconds (and on r), and edit as soon as it is free.
        var waitingForLock = !readOnly && lock == nil
        var lastLockTry = Date()
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
                case .reload: event = reload(loaded: &loaded, from: store, data: state.data, lang: lang)
                case .commit(let change): event = save(change, undo: false, readOnly: state.readOnly, &loaded, editor, store, data: state.data, lang)
                case .undo(let change): event = save(change, undo: true, readOnly: state.readOnly, &loaded, editor, store, data: state.data, lang)
                case .loadPeriod(let quarter): event = readPeriod(quarter, &loaded, store, asOf: state.data.asOf, lang)
                }
                next = Update.update(event, &state)
                switch event {
                case .saved, .reloaded, .saveFailed(_, .some, _): keeper.changed(state.data)
                default: break
                }
            }
        }
        while true {
            // While first screens are worked out behind, the loop looks up now and then to keep them.
            let timeout: Int32 = waitingForLock ? 500 : keeper.isWorking ? 250 : -1
            let next = typedAhead.isEmpty ? screen.readKey(timeout: timeout) : typedAhead.removeFirst()
            keeper.tick()
            if waitingForLock && (Date().timeIntervalSince(lastLockTry) >= Dashboard.lockRetrySeconds || next == .key(.char("r"))),
               case .acquired(let acquired, _) = WorkspaceLock.acquire(directory: store.directory) {
                lock = acquired
                waitingForLock = false
                // Settled as at start-up (a writer that died mid-save), then what the other editor saved
                // is read before any edit is made on it; Update takes both.
                try? editor.settle()
                var fresh: DashboardData? = nil
                if case .reloaded(let data, _) = reload(loaded: &loaded, from: store, data: state.data, lang: lang) { fresh = data }
                _ = Update.update(.lockTaken(previousHolder: state.lockHolder, fresh: fresh, at: clock()), &state)
                screen.draw(Views.render(state))
                if next == .key(.char("r")) { continue }   // r has reloaded already, with the lock
            } else if waitingForLock && Date().timeIntervalSince(lastLockTry) >= Dashboard.lockRetrySeconds {
                lastLockTry = Date()
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

    /// Reads the years a quarter needs.
    static func readPeriod(_ quarter: Quarter, _ loaded: inout LoadedWorkspace, _ store: WorkspaceStore, asOf: Day, _ lang: Language) -> Event {
        do {
            try store.loadYears(DashboardData.years(for: quarter.year, asOf: asOf), into: &loaded)
            return .periodLoaded(quarter, loaded.workspace, loadedYears: loaded.years)
        } catch {
            return .periodFailed(year: quarter.year, message: error.message(lang))
        }
    }

    /// Saves a change durably; what comes back says what is on disk. On a conflict the workspace is
    /// read again so the edit can be made again on fresh data.
    static func save(_ change: Change, undo: Bool, readOnly: Bool, _ loaded: inout LoadedWorkspace, _ editor: Editor,
                     _ store: WorkspaceStore, data: DashboardData, _ lang: Language) -> Event {
        guard !readOnly else { return .saveFailed(message: lang.pick("只读, 未保存", "read-only: not saved"), reloaded: nil, at: nil) }
        do {
            try editor.commit(change, to: &loaded, undo: undo)
            return .saved(change, undo: undo, workspace: loaded.workspace, loadedYears: loaded.years, journalProblem: nil)
        } catch {
            // Saved, but its journal line waits for the next commit: what the person is told matches the disk.
            if case .journal = error {
                return .saved(change, undo: undo, workspace: loaded.workspace, loadedYears: loaded.years, journalProblem: error.message(lang))
            }
            if case .conflict = error, case .reloaded(let fresh, let at) = reload(loaded: &loaded, from: store, data: data, lang: lang) {
                return .saveFailed(message: error.message(lang), reloaded: fresh, at: at)
            }
            if case .store(.changedOnDisk) = error, case .reloaded(let fresh, let at) = reload(loaded: &loaded, from: store, data: data, lang: lang) {
                return .saveFailed(message: error.message(lang), reloaded: fresh, at: at)
            }
            return .saveFailed(message: error.message(lang), reloaded: nil, at: nil)
        }
    }

    /// Reads the files again, for the period `data` shows; on a problem the last good data stays.
    static func reload(loaded: inout LoadedWorkspace, from store: WorkspaceStore, data old: DashboardData, lang: Language) -> Event {
        do {
            let fresh = try store.load(years: loaded.years)
            loaded = fresh
            return .reloaded(DashboardData(workspace: fresh.workspace, year: old.year, quarter: old.quarter, asOf: old.asOf, lang: lang,
                                           loadedYears: fresh.years), at: clock())
        } catch {
            let first = error.message(lang).split(separator: "\n").dropFirst().first.map(String.init) ?? error.message(lang)
            return .reloadFailed(message: first.trimmingCharacters(in: .whitespaces))
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
