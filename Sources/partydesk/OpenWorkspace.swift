import Foundation
import PartyModel
import PartyStore

/// Finds and loads the workspace a command works on. With no `--data` and no
/// `$PARTYDESK_DATA`, an empty data home means the demo, created once under `demo/`.
struct OpenedWorkspace {
    var store: WorkspaceStore
    var loaded: LoadedWorkspace
    var workspace: Workspace { loaded.workspace }
}

extension WorkspaceOptions {
    var location: DataLocation {
        DataLocation.resolve(option: data, environment: ProcessInfo.processInfo.environment)
    }

    func storeToOpen() throws -> WorkspaceStore {
        let location = self.location
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
    func open(_ chosen: WorkspaceStore? = nil, years: (WorkspaceSettings) -> Set<Int>? = { _ in nil }) throws -> OpenedWorkspace {
        let store = try chosen ?? storeToOpen()
        do {
            return OpenedWorkspace(store: store, loaded: try store.load(years: years))
        } catch {
            throw failure(error)
        }
    }

    /// For a command that reports figures: the workspace and how many problems `validate` finds in
    /// it. Figures from such a workspace are said to be so — on standard error for text and CSV
    /// (`quiet`: the output is JSON, which carries the count itself) — and `strict` refuses them.
    func openForFigures(strict: Bool, quiet: Bool) throws -> (opened: OpenedWorkspace, problems: Int) {
        let opened = try open()
        let problems = opened.store.validate(opened.loaded).count
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
    /// directory is not one), the writer's lock (`lockForWriting`; the caller releases it) and the
    /// years `years` chooses, read. `commit` saves and journals the change over what was read.
    struct Editing {
        let store: WorkspaceStore
        let loaded: LoadedWorkspace
        let lock: WorkspaceLock
        var workspace: Workspace { loaded.workspace }

        func commit(_ change: Change, _ lang: Language) throws {
            do { try Editor(store: store).commit(change, over: loaded) } catch { throw CLIFailure(message: error.message(lang)) }
        }
    }

    func startEditing(years: (WorkspaceSettings) -> Set<Int>?) throws -> Editing {
        let store = try storeToOpen()
        if !store.exists { _ = try open(store) }
        let lock = try lockForWriting(store)
        do { return Editing(store: store, loaded: try store.load(years: years), lock: lock) } catch {
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
