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
        /// Nothing of the change was saved (the files are as they were).
        case store(StoreError)
        /// Saved — the files are on disk and the workspace passed back is as saved — but the journal
        /// line could not be appended; it waits in `.journal-pending.jsonl` for the next commit.
        case journal(FileError)
    }

    /// Commits `change` and returns the workspace as saved. Copies the workspace: callers that
    /// keep it only to pass it back should use `commit(_:to:undo:)`.
    @discardableResult
    public func commit(_ change: Change, over loaded: LoadedWorkspace, undo: Bool = false) throws(Failure) -> LoadedWorkspace {
        var copy = loaded
        try commit(change, to: &copy, undo: undo)
        return copy
    }

    /// Commits `change` in place: on success `loaded` is the workspace as saved; on any failure it is
    /// unchanged. In place so that an edit of a county ledger does not copy 500,000 records.
    public func commit(_ change: Change, to loaded: inout LoadedWorkspace, undo: Bool = false) throws(Failure) {
        let journal = Journal(directory: store.directory)
        // A save cut short by a kill is rolled back, temp files of dead writers removed (FileBatch).
        do { try store.settle() } catch { throw .store(.io(error)) }
        // A change before this one stopped between its files and its journal lines: settled first.
        if journal.pending() != nil { try recoverJournal() }
        // A workspace read for some years only: read the years the change touches first, so the
        // files it rewrites are saved whole.
        do { try store.loadYears(WorkspaceCodec.years(touchedBy: change), into: &loaded) } catch { throw .store(error) }
        // Only problems the change introduces block it; old ones are validate's business.
        let introduced: [ValidationIssue]
        do { introduced = try Self.apply(change, to: &loaded.workspace) } catch { throw .conflict(error) }
        var lines: Data? = Journal.lines(change, user: user, host: host, undo: undo, at: Date())
        do throws(Failure) {
            if !introduced.isEmpty { throw .invalid(introduced) }
            // Written ahead: a stop from here on loses no journal line.
            // Nothing is saved yet: a failure here is a failed save, not a journal problem. A linked
            // journal is refused before any file is written.
            do { try AtomicFile.refuseLink(journal.path); try journal.writeAhead(lines!) } catch { throw .store(.io(error)) }
            // A large change's lines (an import's 200,000: ~90 MB) are not kept while its files are
            // rendered and saved: they are appended from the file written ahead, which holds them exactly.
            if lines!.count > Self.linesKeptInMemory { lines = nil }
            let only = loaded.migratedFrom == nil ? WorkspaceCodec.paths(touchedBy: change) : nil
            do { loaded = try store.save(loaded.workspace, over: loaded, backup: true, only: only) } catch {
                // The save's files landed all or none (FileBatch); should even its roll-back have
                // failed, the journal settles what is on disk.
                _ = try? recoverJournal()
                throw .store(error)
            }
        } catch {
            try? change.inverse.apply(to: &loaded.workspace)
            throw error
        }
        do throws(FileError) {
            if lines == nil {
                switch AtomicFile.read(journal.pendingPath, followingLinks: false) {
                case .success(let written): lines = written
                case .failure(let error): throw error
                }
            }
            try journal.appendRaw(lines!)
        } catch { throw .journal(error) }
        journal.clearPending()
    }

    /// Lines of a change above this size are read back from the file written ahead to be appended.
    static let linesKeptInMemory = 4 << 20

    /// Whether a change stopped between its files and its journal lines (see `recoverJournal`).
    public var hasUnsettledJournal: Bool { Journal(directory: store.directory).pending() != nil }

    /// What an editing session does first: a save cut short rolled back, stale temps removed (from
    /// every folder with `everyFolder`: the lock was taken over from a writer that died),
    /// journal lines written ahead settled (each also done by the next commit).
    public func settle(everyFolder: Bool = false) throws(Failure) {
        do { try store.settle(everyFolder: everyFolder) } catch { throw .store(.io(error)) }
        if hasUnsettledJournal { try recoverJournal() }
    }

    /// Settles lines written ahead of a change that stopped before they were appended (a crash, a
    /// kill, a power cut): appended for the records that are on disk as the change left them,
    /// dropped for those that are not, so the journal says exactly what happened to the files.
    /// Reads the whole workspace (it only happens after such a stop). Returns the lines appended.
    @discardableResult
    public func recoverJournal() throws(Failure) -> Int {
        let journal = Journal(directory: store.directory)
        guard let pending = journal.pending() else { return 0 }
        guard !journal.endsWith(pending) else { journal.clearPending(); return 0 }
        let workspace: Workspace
        do { workspace = try store.load().workspace } catch { throw .store(error) }
        var landed = Data(), count = 0
        for raw in pending.split(separator: 0x0A) where !raw.isEmpty {
            guard let line = try? JSONSerialization.jsonObject(with: Data(raw)) as? [String: Any],
                  let entity = line["entity"] as? String, let id = line["id"] as? String else { continue }
            let now = Journal.json(entity: entity, id: id, in: workspace)
            let isOnDisk: Bool
            if let after = line["after"] as? [String: Any] {
                isOnDisk = (now as? [String: Any]).map { NSDictionary(dictionary: $0).isEqual(to: after) } ?? false
            } else {
                isOnDisk = now == nil
            }
            if isOnDisk { landed.append(raw); landed.append(0x0A); count += 1 }
        }
        // Settling an earlier change: a failure is not this change's "saved, but".
        if !landed.isEmpty { do { try journal.appendRaw(landed) } catch { throw .store(.io(error)) } }
        journal.clearPending()
        return count
    }
}

extension Editor {
    /// Applies `change` and returns the problems present after it and not before: those of the
    /// records it touches (`scopedProblems`), or for a branch's change the whole-workspace pass. On a
    /// conflict `workspace` is as it was.
    /// Public: the PostgreSQL store validates and applies a change exactly so before it writes rows.
    public static func apply(_ change: Change, to workspace: inout Workspace) throws(Change.Conflict) -> [ValidationIssue] {
        let scoped = scopedProblems(change, after: false, in: workspace)
        // The old state is kept only for the whole pass: holding it would make the change copy the ledger.
        let before = scoped == nil ? workspace : nil
        try change.apply(to: &workspace)
        return scoped.map { introduced(old: $0, new: scopedProblems(change, after: true, in: workspace)!) }
            ?? introduced(old: Validator.validate(before!), new: Validator.validate(workspace))
    }

    /// For the everyday edits — an activity, a member, a dues payment, a training entry, a review
    /// result, 先锋 points, a check, a
    /// rectification, a plan task, manual points, a bonus, and batches of them (a check with its findings, an import) — the problems of
    /// the records they touch, on one side of the change; nil for a branch (it can change a whole
    /// subtree's references), which re-runs the whole-workspace pass. `lookup`: one per side (a
    /// batch's records share it, so a large batch indexes the lists once).
    static func scopedProblems(_ change: Change, after: Bool, in workspace: Workspace,
                               lookup: Validator.Lookup = Validator.Lookup()) -> [ValidationIssue]? {
        func side<R>(_ was: R?, _ now: R?, _ validate: (R) -> [ValidationIssue]) -> [ValidationIssue] {
            (after ? now : was).map(validate) ?? []
        }
        switch change {
        case .activity(let was, let now): return side(was, now) { Validator.validate(activity: $0, in: workspace, lookup: lookup) }
        // A member who goes away (or changes id) may leave payments, entries, results, points, lists and talks pointing at them: those too.
        case .member(let was, let now):
            let gone = was.map { old in now?.id != old.id } ?? false
            let payments = gone ? workspace.duesPayments.filter { $0.memberId == was!.id } : []
            let entries = gone ? workspace.trainingEntries.filter { $0.memberId == was!.id } : []
            let reviews = gone ? workspace.reviewResults.filter { $0.memberId == was!.id } : []
            let points = gone ? workspace.pioneerPoints.filter { $0.memberId == was!.id } : []
            // Attendance lists and talks that name them, when they go away or their days on a roster
            // move (a walk over the ledger: that is rare).
            let moved = was.map { old in now.map { new in
                (old.branchId, old.transfers, old.leftOn, old.acceptedOn, old.joinDate) != (new.branchId, new.transfers, new.leftOn, new.acceptedOn, new.joinDate)
            } ?? true } ?? false
            let listing = gone || moved ? workspace.activities.filter { a in
                (a.attendance?.contains { $0.memberId == was!.id } ?? false) || (a.participants?.contains { $0.memberId == was!.id } ?? false)
            } : []
            return side(was, now) { Validator.validate(member: $0, in: workspace, lookup: lookup) }
                + payments.flatMap { Validator.validate(duesPayment: $0, in: workspace, lookup: lookup) }
                + entries.flatMap { Validator.validate(trainingEntry: $0, in: workspace, lookup: lookup) }
                + reviews.flatMap { Validator.validate(reviewResult: $0, in: workspace, lookup: lookup) }
                + points.flatMap { Validator.validate(pioneerPoints: $0, in: workspace, lookup: lookup) }
                + listing.flatMap { Validator.validate(activity: $0, in: workspace, lookup: lookup) }
        case .duesPayment(let was, let now): return side(was, now) { Validator.validate(duesPayment: $0, in: workspace, lookup: lookup) }
        case .trainingEntry(let was, let now): return side(was, now) { Validator.validate(trainingEntry: $0, in: workspace, lookup: lookup) }
        case .reviewResult(let was, let now): return side(was, now) { Validator.validate(reviewResult: $0, in: workspace, lookup: lookup) }
        case .pioneerPoints(let was, let now): return side(was, now) { Validator.validate(pioneerPoints: $0, in: workspace, lookup: lookup) }
        case .candidate(let was, let now): return side(was, now) { Validator.validate(candidate: $0, in: workspace, lookup: lookup) }
        case .funds(let was, let now): return side(was, now) { Validator.validate(funds: $0, in: workspace, lookup: lookup) }
        case .developmentTargets(let was, let now): return Validator.validate(developmentTargets: after ? now : was, in: workspace)
        case .targets(let was, let now): return Validator.validate(targets: after ? now : was, in: workspace)
        // A check that goes away (or changes id) may leave findings pointing at it: those too.
        case .check(let was, let now):
            let findings = was.map { old in workspace.rectifications.filter { $0.sourceCheckId == old.id } } ?? []
            return side(was, now) { Validator.validate(check: $0, in: workspace, lookup: lookup) }
                + findings.flatMap { Validator.validate(rectification: $0, in: workspace, lookup: lookup) }
        case .rectification(let was, let now): return side(was, now) { Validator.validate(rectification: $0, in: workspace, lookup: lookup) }
        case .task(let was, let now): return side(was, now) { Validator.validate(task: $0, in: workspace, lookup: lookup) }
        case .manualScore(let was, let now): return side(was, now) { Validator.validate(manualScore: $0, in: workspace, lookup: lookup) }
        case .bonus(let was, let now): return side(was, now) { Validator.validate(bonus: $0, in: workspace, lookup: lookup) }
        // Each part's records on the side's workspace (all parts applied, or none): references
        // between the parts resolve as the whole pass sees them. A record two parts reach counts once.
        case .batch(let parts):
            var issues: [ValidationIssue] = [], seen = Set<String>()
            for part in parts {
                guard let found = scopedProblems(part, after: after, in: workspace, lookup: lookup) else { return nil }
                for issue in found where seen.insert("\(issue.record)|\(issue.field)|\(issue.kind)").inserted { issues.append(issue) }
            }
            return issues
        case .branch, .generalBranch: return nil
        }
    }

    static func introduced(old: [ValidationIssue], new: [ValidationIssue]) -> [ValidationIssue] {
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
            // Each problem with the field it is in (`title: …`), so a script's author knows what to fix.
            return (lang == .zh ? "未保存: " : "not saved: ")
                + issues.map { ($0.field.isEmpty ? "" : "\($0.field): ") + $0.kind.message(lang) }.joined(separator: "; ")
        case .store(let e):
            return (lang == .zh ? "保存失败: " : "save failed: ") + e.message(lang)
        case .journal(let e):
            return (lang == .zh ? "已保存, 但纪实日志写入失败: " : "saved, but the journal could not be written: ") + "\(e.path): \(e.reason)"
        }
    }
}
