import Foundation
import PartyModel
import PartyPostgres
import PartyStore

/// Where a command's workspace is: a directory of JSON files (the default) or a PostgreSQL database
/// (`--data postgresql://…`, issue 20).
enum WorkspaceSource {
    case files(WorkspaceStore)
    case database(PostgresStore)

    /// How a message names it: the directory, or the database without its password.
    var name: String {
        switch self {
        case .files(let store): store.directory
        case .database(let store): PostgresURI.redacted(store.uri)
        }
    }

    /// The problems `validate` finds: with their files and lines in a directory; the same rules on a database.
    func problems(_ loaded: LoadedWorkspace) -> Int {
        switch self {
        case .files(let store): store.validate(loaded).count
        case .database: Validator.validate(loaded.workspace).count
        }
    }
}

/// Finds and loads the workspace a command works on. With no `--data` and no
/// `$PARTYDESK_DATA`, an empty data home means the demo, created once under `demo/`.
struct OpenedWorkspace {
    var source: WorkspaceSource
    var loaded: LoadedWorkspace
    var workspace: Workspace { loaded.workspace }
}

extension WorkspaceOptions {
    var location: DataLocation {
        DataLocation.resolve(option: data, environment: ProcessInfo.processInfo.environment)
    }

    /// The directory of JSON files to open. A database (`--data postgresql://…`) is refused here, by
    /// the commands that work on files only so far, saying which do work on one.
    func storeToOpen() throws -> WorkspaceStore {
        let location = self.location
        if location.databaseURI != nil { throw CLIFailure(message: CLIText.filesOnly(lang)) }
        let store = WorkspaceStore(directory: location.directory)
        if store.exists || !location.isDefault { return store }
        let demo = WorkspaceStore(directory: location.demoDirectory)
        if !demo.exists {
            do { try demo.create(DemoWorkspace.make(asOf: .today)) } catch { throw CLIFailure(message: error.message(lang)) }
        }
        return demo
    }

    /// `years`: read only these years of activities and checks (chosen from the settings); all by default.
    /// `store`: where to read, when the caller already asked `storeToOpen()`.
    /// A database is read whole, in one snapshot (`years` is for files: a database has no files to skip).
    func open(_ chosen: WorkspaceStore? = nil, years: (WorkspaceSettings) -> Set<Int>? = { _ in nil }) throws -> OpenedWorkspace {
        if chosen == nil, let uri = location.databaseURI {
            let (store, loaded) = try openDatabase(uri)
            return OpenedWorkspace(source: .database(store), loaded: loaded.loaded)
        }
        let store = try chosen ?? storeToOpen()
        do {
            return OpenedWorkspace(source: .files(store), loaded: try store.load(years: years))
        } catch {
            throw failure(error)
        }
    }

    func openDatabase(_ uri: String) throws -> (PostgresStore, PostgresLoaded) {
        do {
            let store = try PostgresStore(uri: uri)
            return (store, try store.load())
        } catch {
            throw CLIFailure(message: error.message(lang))
        }
    }

    /// For a command that reports figures: the workspace and how many problems `validate` finds in
    /// it. Figures from such a workspace are said to be so — on standard error for text and CSV
    /// (`quiet`: the output is JSON, which carries the count itself) — and `strict` refuses them.
    func openForFigures(strict: Bool, quiet: Bool) throws -> (opened: OpenedWorkspace, problems: Int) {
        let opened = try open()
        let problems = opened.source.problems(opened.loaded)
        if problems > 0 {
            if strict { throw CLIFailure(message: CLIText.strictRefuses(problems, lang)) }
            if !quiet { Output.error(CLIText.figuresFromInvalid(problems, lang)) }
        }
        return (opened, problems)
    }

    /// The workspace lock for a command that writes (`add-activity`, `import`): waits up to
    /// `WorkspaceLock.patience` seconds for another writer, saying so on stderr after
    /// `sayWaitingAfter`; then refuses, naming who holds it. A read-only workspace or a linked lock
    /// file is refused at once, saying which. Once held, what a writer stopped by a kill left is
    /// settled (`Editor.settle`), so the workspace read next is one of whole saves.
    func lockForWriting(_ store: WorkspaceStore) throws -> WorkspaceLock {
        let (lock, tookOver) = try waitForLock(store)
        do { try Editor(store: store).settle(everyFolder: tookOver) } catch { throw CLIFailure(message: error.message(lang)) }
        return lock
    }

    /// What a command that records one change starts from: the workspace (said why when the
    /// directory is not one), the writer's lock (`lockForWriting`; `release()` gives it back) and the
    /// years `years` chooses, read. `commit` saves and journals the change over what was read. On a
    /// database there is no lock: the commit checks that each record it touches is as it was read
    /// (another office's change to it refuses this one, naming who and when).
    struct Editing {
        enum Target {
            case files(WorkspaceStore, WorkspaceLock)
            case database(PostgresStore, PostgresLoaded)
        }
        let target: Target
        let loaded: LoadedWorkspace
        var workspace: Workspace { loaded.workspace }

        /// Saves `change` and gives the change saved: on a database, a record added alone whose id
        /// another office took meanwhile is saved a number further on (`PostgresStore.commitAdding`).
        @discardableResult
        func commit(_ change: Change, _ lang: Language) throws -> Change {
            switch target {
            case .files(let store, _):
                do { try Editor(store: store).commit(change, over: loaded) } catch { throw CLIFailure(message: error.message(lang)) }
                return change
            case .database(let store, var read):
                do { return try store.commitAdding(change, to: &read) } catch { throw CLIFailure(message: error.message(lang)) }
            }
        }

        /// Gives the workspace lock back (nothing to give on a database).
        func release() {
            if case .files(_, let lock) = target { lock.release() }
        }
    }

    func startEditing(years: (WorkspaceSettings) -> Set<Int>?) throws -> Editing {
        if let uri = location.databaseURI {
            let (store, read) = try openDatabase(uri)
            return Editing(target: .database(store, read), loaded: read.loaded)
        }
        let store = try storeToOpen()
        if !store.exists { _ = try open(store) }
        let lock = try lockForWriting(store)
        do { return Editing(target: .files(store, lock), loaded: try store.load(years: years)) } catch {
            lock.release()
            throw failure(error)
        }
    }

    /// The lock, and whether it was taken over from a writer that died holding it.
    private func waitForLock(_ store: WorkspaceStore) throws -> (WorkspaceLock, Bool) {
        let lang = self.lang
        let outcome = WorkspaceLock.acquire(directory: store.directory, waiting: WorkspaceLock.patience) { holder in
            Output.error(CLIText.waitingForLock(holder, seconds: WorkspaceLock.patience, lang))
        }
        switch outcome {
        case .acquired(let lock, let previous): return (lock, previous != nil)
        case .heldBy(let holder):
            throw CLIFailure(message: CLIText.lockHeld(holder ?? WorkspaceLock.currentHolder(directory: store.directory),
                                                       seconds: WorkspaceLock.patience, lang))
        case .failed(let error): throw failure(.io(error))
        }
    }

    /// A workspace that does not read, as the command line reports it.
    func failure(_ error: StoreError) -> CLIFailure { CLIFailure(message: error.message(lang)) }
}
