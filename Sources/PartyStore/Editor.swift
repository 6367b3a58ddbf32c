import Foundation
import PartyModel

/// Applies a change durably: the record must be as the editor last saw it, the changed files are
/// saved crash-safely (the old versions kept in .backup/), then the journal line is appended.
public struct Editor: Sendable {
    public let store: WorkspaceStore
    public let user: String
    public let host: String

    public init(store: WorkspaceStore, user: String = WorkspaceLock.Holder.current().user,
                host: String = ProcessInfo.processInfo.hostName) {
        self.store = store
        self.user = user
        self.host = host
    }

    public enum Failure: Error, Sendable {
        /// The record changed under us (another tool): reload and re-apply.
        case conflict(Change.Conflict)
        /// The change would make the workspace invalid.
        case invalid([ValidationIssue])
        case store(StoreError)
        /// Saved, but the journal line could not be written.
        case journal(FileError)
    }

    @discardableResult
    public func commit(_ change: Change, over loaded: LoadedWorkspace, undo: Bool = false) throws(Failure) -> LoadedWorkspace {
        let updated: Workspace
        do { updated = try change.apply(to: loaded.workspace) } catch { throw .conflict(error) }
        // Only problems the change introduces block it; old ones are validate's business.
        let before = Set(Validator.validate(loaded.workspace).map { "\($0.kind)" })
        let introduced = Validator.validate(updated).filter { !before.contains("\($0.kind)") }
        if !introduced.isEmpty { throw .invalid(introduced) }
        let saved: LoadedWorkspace
        do { saved = try store.save(updated, over: loaded, backup: true, only: loaded.migratedFrom == nil ? WorkspaceCodec.paths(touchedBy: change) : nil) } catch { throw .store(error) }
        do { try Journal(directory: store.directory).append(change, user: user, host: host, undo: undo) } catch { throw .journal(error) }
        return saved
    }
}
