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
        let introduced = Self.introducedProblems(change, before: loaded.workspace, after: updated)
        if !introduced.isEmpty { throw .invalid(introduced) }
        let saved: LoadedWorkspace
        do { saved = try store.save(updated, over: loaded, backup: true, only: loaded.migratedFrom == nil ? WorkspaceCodec.paths(touchedBy: change) : nil) } catch { throw .store(error) }
        do { try Journal(directory: store.directory).append(change, user: user, host: host, undo: undo) } catch { throw .journal(error) }
        return saved
    }
}

extension Editor {
    /// Problems present after the change and not before. An activity — the everyday edit — is checked
    /// on its own against the rest; any other change re-runs the whole-workspace pass.
    static func introducedProblems(_ change: Change, before: Workspace, after: Workspace) -> [ValidationIssue] {
        let old: [ValidationIssue], new: [ValidationIssue]
        switch change {
        case .activity(let was, let now):
            old = was.map { Validator.validate(activity: $0, in: before) } ?? []
            new = now.map { Validator.validate(activity: $0, in: after) } ?? []
        default:
            old = Validator.validate(before)
            new = Validator.validate(after)
        }
        let known = Set(old.map { "\($0.kind)" })
        return new.filter { !known.contains("\($0.kind)") }
    }
}

extension Editor.Failure {
    /// What to tell the person, in one place for the dashboard and the commands.
    public func message(_ lang: Language) -> String {
        switch self {
        case .conflict, .store(.changedOnDisk):
            return lang == .zh ? "数据已被其他程序修改, 已重新加载, 请重新操作" : "the data changed on disk; reload and make the change again"
        case .invalid(let issues):
            return (lang == .zh ? "未保存: " : "not saved: ") + issues.map { $0.kind.message(lang) }.joined(separator: "; ")
        case .store(let e):
            return (lang == .zh ? "保存失败: " : "save failed: ") + e.message(lang)
        case .journal(let e):
            return (lang == .zh ? "已保存, 但纪实日志写入失败: " : "saved, but the journal could not be written: ") + "\(e.path): \(e.reason)"
        }
    }
}
