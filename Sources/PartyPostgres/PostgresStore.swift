import Foundation
import PartyModel
import PartyStore

/// A workspace read from the database, with the version of each of its rows (what a commit expects).
public struct PostgresLoaded: Sendable {
    /// As `WorkspaceStore.load` gives one: the dashboard and the commands use it unchanged.
    public var loaded: LoadedWorkspace
    public var versions: RowVersions
    public var workspace: Workspace { loaded.workspace }
}

/// The workspace in PostgreSQL, read and edited (issue 20): a load is one snapshot; a commit is one
/// transaction in which every record the change touches must still be at the version this editor
/// read (optimistic: no lock on the workspace, two editors of different records both land).
/// One connection, used from one thread at a time.
public final class PostgresStore {
    public let uri: String
    /// Who the rows' `changed_by` and the journal name, and the journal's host.
    public let user: String
    public let host: String
    /// Replaced by a fresh connection when the last one broke during a COMMIT and a new one was
    /// needed to learn whether it landed (`settle`).
    private(set) var db: PostgresConnection

    public init(uri: String, user: String = WorkspaceLock.Holder.current().user,
                host: String = ProcessInfo.processInfo.hostName) throws(PostgresStoreError) {
        self.uri = uri
        self.user = user
        self.host = host
        do { db = try PostgresConnection(uri: uri) } catch { throw .connection(uri: uri, error) }
    }

    /// The workspace and its rows' versions, read in one snapshot.
    public func load() throws(PostgresStoreError) -> PostgresLoaded {
        let snapshot = try WorkspaceSnapshot.read(db, uri: uri, versions: true, journal: false)
        let workspace: Workspace
        do { workspace = try WorkspaceRows.workspace(from: snapshot.bodies) } catch { throw .store(error) }
        // Keys and versions come in the bodies' order: the n-th row is the n-th record of the list.
        var versions = RowVersions()
        for table in WorkspaceRows.tables where !table.single {
            let rows = snapshot.versions[table.name] ?? []
            let ids = table.ids(workspace)
            guard rows.count == ids.count else {
                throw .refused(what: table.name, PostgresError(sqlState: nil, message: "\(rows.count) versions for \(ids.count) records"))
            }
            var byId = [String: RowVersions.Row](minimumCapacity: ids.count)
            for (id, row) in zip(ids, rows) { byId[id] = .init(key: row.key, version: row.version) }
            versions.tables[table.name] = byId
        }
        return PostgresLoaded(loaded: LoadedWorkspace(workspace: workspace), versions: versions)
    }

    /// Validates and applies `change` as the JSON editor does, then writes it in one transaction
    /// with its journal rows. On success `loaded` holds the change and the rows' new versions; on
    /// any failure it is as it was and nothing of the change is in the database (but see
    /// `PostgresCommitError.outcomeUnknown`).
    public func commit(_ change: Change, to loaded: inout PostgresLoaded, undo: Bool = false) throws(PostgresCommitError) {
        let introduced: [ValidationIssue]
        do { introduced = try Editor.apply(change, to: &loaded.loaded.workspace) } catch { throw .conflict(error) }
        do throws(PostgresCommitError) {
            if !introduced.isEmpty { throw .invalid(introduced) }
            let plan: CommitPlan
            do { plan = try ChangeSQL.plan(change, versions: loaded.versions, workspace: loaded.workspace, user: user) } catch {
                throw .notLoaded(entity: error.entity, id: error.id)
            }
            let now = Date()
            let lines = Journal.lines(change, user: user, host: host, undo: undo, at: now)
            let journal = JournalRows.rows(of: change, lines: lines, user: user, host: host, time: Journal.timestamp(now))
            // In place: a copy of the versions would copy a county's 600,000 activities' entries.
            for (table, id, row) in try write(plan, journal: journal) { loaded.versions[table, id] = row }
        } catch {
            try? change.inverse.apply(to: &loaded.loaded.workspace)
            throw error
        }
    }

    /// `commit`, and for a record added alone whose id another office took first (under row security
    /// this reader does not see it): the add made again with the id a number further on each time
    /// (1, 3, 7, 15 … past it: a county's year holds 100,000 ids) until it lands. Gives the change that
    /// was saved. Any other refusal, and an edit's, is thrown as `commit` throws it.
    @discardableResult
    public func commitAdding(_ change: Change, to loaded: inout PostgresLoaded) throws(PostgresCommitError) -> Change {
        var attempt = change
        // Past each id found taken, further each time, as an import's new ids go (`IdFloors`).
        var floors = IdFloors()
        for _ in 0..<Self.newIdAttempts {
            do {
                try commit(attempt, to: &loaded)
                return attempt
            } catch {
                // Taken by a row this reader cannot see (the server's key said so), or — a number on —
                // by one it can.
                let taken: String? = switch error {
                case .recordChanged(_, let id, _, _): id
                case .conflict(.duplicateId(let id)): id
                default: nil
                }
                guard let taken, taken == attempt.entityId, floors.raise(past: taken),
                      let further = floors.firstAbove(taken), let next = change.renumbered(further) else { throw error }
                attempt = next
            }
        }
        try commit(attempt, to: &loaded)
        return attempt
    }
    /// Tries before the last (past 2^40 numbers: no counter goes that far).
    static let newIdAttempts = 40

    /// The plan's statements and the journal rows in one transaction; what it did to the versions,
    /// in order (nil: the row is gone).
    func write(_ plan: CommitPlan, journal: [[String?]]) throws(PostgresCommitError) -> [(String, String, RowVersions.Row?)] {
        var done: [(String, String, RowVersions.Row?)] = []
        let transaction: String
        do {
            try db.execute("BEGIN")
            // Asked now, while the connection answers: after a COMMIT that got no answer, the server
            // says from this number whether the transaction committed (`settle`).
            transaction = try db.execute("SELECT txid_current()::text").rows.first?.first.flatMap { $0 } ?? ""
        } catch {
            _ = try? db.execute("ROLLBACK")
            throw .database(.refused(what: "BEGIN", error))
        }
        do throws(PostgresCommitError) {
            for lock in plan.locks { try run(lock, [], what: "lock") }
            for statement in plan.statements {
                let rows = try run(statement.sql, statement.parameters, what: statement.table).rows
                // An absence check passes with no row; every other statement must touch each of its rows.
                let refused: String?
                if statement.action == .absent {
                    refused = rows.isEmpty ? nil : statement.id
                } else if rows.count < statement.ids.count {
                    let written = Set(rows.compactMap { $0[0] })
                    refused = statement.ids.first { !written.contains($0) } ?? statement.id
                } else {
                    refused = nil
                }
                if let refused {
                    let who = try run(statement.whoSQL, statement.whoParameters(for: refused), what: statement.table).rows.first
                    throw .recordChanged(entity: statement.entity, id: refused, by: who?[0], at: who?[1])
                }
                if statement.action == .absent { continue }
                if let old = statement.oldId { done.append((statement.table, old, nil)) }
                if statement.action == .delete { continue }
                // Merged inserts: each row's key is its record's id.
                for (i, row) in rows.enumerated() {
                    guard let key = row[0], let version = row[1].flatMap({ Int($0) }) else { continue }
                    done.append((statement.table, statement.ids.count == 1 ? statement.ids[i] : key, .init(key: key, version: version)))
                }
            }
            // Journal rows are numbered in the order commits become visible: each commit takes this
            // lock for its last steps (held to COMMIT), so a follower that has seen row n has seen
            // every commit before it.
            try run("SELECT pg_advisory_xact_lock(\(Self.journalLock))", [], what: "journal")
            do { try db.insertRows(into: "journal", columns: JournalRows.columns, journal) } catch {
                throw .database(.refused(what: "journal", error))
            }
            // Heard by every listening dashboard when (and only when) this commits.
            try run(Self.notifyStatement, [user], what: "notify")
        } catch {
            _ = try? db.execute("ROLLBACK")
            throw error
        }
        do { try db.execute("COMMIT") } catch {
            // The server answered: it rolled back. No answer (the connection broke): it may have committed.
            // A refusal (a constraint checked at COMMIT) is an answer: rolled back. The connection
            // lost (SQLSTATE class 08) or the server going down or ending this session (57) may come
            // after the commit was made: asked again, as when no answer came at all.
            if let state = error.sqlState, !state.hasPrefix("08"), !state.hasPrefix("57") {
                throw .database(.refused(what: "COMMIT", error))
            }
            switch settle(transaction) {
            case .committed: return done
            case .rolledBack: throw .connectionLost(error)
            case .unknown: throw .outcomeUnknown(error)
            }
        }
        return done
    }

    /// What became of a transaction whose COMMIT got no answer.
    enum Outcome { case committed, rolledBack, unknown }

    /// Asks the server over a new connection (which then replaces the broken one) what became of
    /// `transaction` (`txid_status`): committed, rolled back, or — when no server answers within
    /// `settleSeconds`, or it still holds the transaction open (it has not noticed the break) — not
    /// known. Each connection waits at most 2 s for the server (`connect_timeout`): the save waits
    /// on this, and an unreachable host would otherwise hold it for the system's two minutes.
    func settle(_ transaction: String) -> Outcome {
        guard !transaction.isEmpty else { return .unknown }
        let deadline = Date().addingTimeInterval(Self.settleSeconds)
        var first = true
        while first || Date() < deadline {
            if !first { usleep(Self.settlePause) }
            first = false
            guard let fresh = try? PostgresConnection(uri: PostgresURI.withConnectTimeout(uri, seconds: 2)) else { continue }
            db = fresh
            switch (try? fresh.execute("SELECT txid_status($1::bigint)", [transaction]))?.rows.first?.first ?? nil {
            case "committed": return .committed
            case "aborted": return .rolledBack
            default: continue
            }
        }
        return .unknown
    }
    static let settleSeconds = 3.0
    static let settlePause: UInt32 = 150_000

    @discardableResult
    func run(_ sql: String, _ parameters: [String?], what: String) throws(PostgresCommitError) -> PostgresRows {
        do { return try db.execute(sql, parameters) } catch { throw .database(.refused(what: what, error)) }
    }
}
