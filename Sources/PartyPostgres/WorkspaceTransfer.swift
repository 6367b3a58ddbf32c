import Foundation
import PartyModel
import PartyStore

/// `partydesk db push` and `db pull`: a whole JSON workspace into a database and back (the I/O around
/// `WorkspaceRows` and `JournalRows`). A push is one transaction: the workspace lands whole or not at
/// all. A pull reads in one snapshot (REPEATABLE READ) and writes the files through `WorkspaceStore`.
public struct WorkspaceTransfer {
    public let uri: String
    /// Who the rows' `changed_by` and the journal name (the OS user, as the JSON journal does).
    public var user: String

    public init(uri: String, user: String) { self.uri = uri; self.user = user }

    public struct Counts: Sendable {
        public var records: Int
        public var journalLines: Int
        /// A push that deleted a workspace the database held (`replace`, and there was one).
        public var replaced = false
    }

    func connect() throws(PostgresStoreError) -> PostgresConnection {
        do { return try PostgresConnection(uri: uri) } catch { throw .connection(uri: uri, error) }
    }

    /// Creates or migrates the tables (`SchemaMigrator`).
    @discardableResult
    public func initialise() throws(PostgresStoreError) -> (from: Int, to: Int) {
        try SchemaMigrator.migrate(try connect())
    }

    /// The workspace in `directory` (and its journal) into the database, whose tables are made or
    /// migrated first. Refuses a database that holds a workspace unless `replace`, which deletes it
    /// (records and journal) in the same transaction.
    public func push(directory: String, replace: Bool) throws(PostgresStoreError) -> Counts {
        let loaded: LoadedWorkspace
        do { loaded = try WorkspaceStore(directory: directory).load() } catch { throw .store(error) }
        let journal = Journal(directory: directory).contents() ?? Data()
        let db = try connect()
        try SchemaMigrator.migrate(db)
        let now = ISO8601DateFormatter().string(from: Date())
        let tables = WorkspaceRows.rows(of: loaded.workspace, changedBy: user)
        let journalRows = JournalRows.rows(of: journal, fallbackTime: now)
        var replaced = false
        do {
            try db.transaction { () throws in
                _ = try SchemaMigrator.lockedVersion(db)
                if try holdsWorkspace(db) {
                    guard replace else { throw PostgresStoreError.notEmpty(uri: uri) }
                    replaced = true
                    try refusing("TRUNCATE") {
                        try db.execute("TRUNCATE " + (PostgresSchema.recordTables + ["journal"]).joined(separator: ", ") + " RESTART IDENTITY")
                    }
                }
                for table in tables {
                    try refusing(table.table) { try insert(db, table.table, table.columns, table.rows) }
                }
                try refusing("journal") {
                    try insert(db, "journal", JournalRows.columns, journalRows)
                    try db.execute("INSERT INTO journal (changed_by, action, entity) VALUES ($1, $2, 'workspace')", [user, replaced ? "replace" : "push"])
                }
            }
        } catch let error as PostgresStoreError {
            throw error
        } catch let error as PostgresError {
            throw .refused(what: "COMMIT", error)
        } catch {
            throw .refused(what: "push", PostgresError(sqlState: nil, message: "\(error)"))
        }
        return Counts(records: tables.reduce(0) { $0 + $1.rows.count }, journalLines: journalRows.count, replaced: replaced)
    }

    /// The database's workspace into `directory` (missing or empty: `WorkspaceStore.create` refuses
    /// any other), with the journal lines that came from a JSON workspace.
    public func pull(into directory: String) throws(PostgresStoreError) -> Counts {
        let db = try connect()
        var bodies: [String: String] = [:]
        var lines: [String] = []
        do {
            try db.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            defer { _ = try? db.execute("ROLLBACK") }
            let version = try db.execute("SELECT to_regclass('partydesk_schema') IS NOT NULL").rows.first?.first == "t"
                ? (try db.execute("SELECT version FROM partydesk_schema").rows.first?.first ?? nil).flatMap { Int($0) } ?? 0 : 0
            if version > PostgresSchema.currentVersion { throw PostgresStoreError.schemaTooNew(found: version, supported: PostgresSchema.currentVersion) }
            if version == 0 { throw PostgresStoreError.noWorkspace(uri: uri) }
            for table in PostgresSchema.recordTables {
                if let text = try db.execute(WorkspaceRows.bodiesQuery(table)).rows.first?.first ?? nil { bodies[table] = text }
            }
            if bodies["settings"] == nil { throw PostgresStoreError.noWorkspace(uri: uri) }
            lines = try db.execute("SELECT line FROM journal WHERE line IS NOT NULL ORDER BY seq").rows.compactMap { $0.first ?? nil }
        } catch let error as PostgresStoreError {
            throw error
        } catch let error as PostgresError {
            throw .refused(what: "SELECT", error)
        } catch {
            throw .refused(what: "pull", PostgresError(sqlState: nil, message: "\(error)"))
        }
        let workspace: Workspace
        do { workspace = try WorkspaceRows.workspace(from: bodies) } catch { throw .store(error) }
        let store = WorkspaceStore(directory: directory)
        do { try store.create(workspace) } catch { throw .store(error) }
        if !lines.isEmpty {
            do { try Journal(directory: directory).restore(JournalRows.journal(from: lines)) } catch { throw .store(.io(error)) }
        }
        return Counts(records: WorkspaceRows.count(workspace), journalLines: lines.count)
    }

    /// Whether any record table has a row.
    func holdsWorkspace(_ db: PostgresConnection) throws -> Bool {
        let any = PostgresSchema.recordTables.map { "EXISTS (SELECT 1 FROM \($0))" }.joined(separator: " OR ")
        return try db.execute("SELECT " + any).rows.first?.first == "t"
    }

    /// Runs `body`, naming `what` when the server refuses it.
    func refusing(_ what: String, _ body: () throws -> Void) throws {
        do { try body() } catch let error as PostgresError { throw PostgresStoreError.refused(what: what, error) }
    }

    /// Rows in statements of many rows each (at most 30,000 parameters a statement; PostgreSQL takes 65,535).
    func insert(_ db: PostgresConnection, _ table: String, _ columns: [String], _ rows: [[String?]]) throws {
        guard !rows.isEmpty else { return }
        let perStatement = max(1, min(1_000, 30_000 / columns.count))
        let head = "INSERT INTO \(table) (" + columns.joined(separator: ", ") + ") VALUES "
        for start in stride(from: 0, to: rows.count, by: perStatement) {
            let chunk = rows[start..<min(start + perStatement, rows.count)]
            var sql = head
            var parameters: [String?] = []
            parameters.reserveCapacity(chunk.count * columns.count)
            for (r, row) in chunk.enumerated() {
                sql += r == 0 ? "(" : ", ("
                for (c, value) in row.enumerated() {
                    parameters.append(value)
                    sql += (c == 0 ? "$" : ", $") + String(parameters.count)
                }
                sql += ")"
            }
            try db.execute(sql, parameters)
        }
    }
}
