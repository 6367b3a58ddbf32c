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
                        try db.execute("TRUNCATE " + (PostgresSchema.recordTables + ["journal"]).joined(separator: ", ") + "")
                    }
                }
                for table in tables {
                    try refusing(table.table) { try db.insertRows(into: table.table, columns: table.columns, table.rows) }
                }
                try refusing("journal") {
                    try db.insertRows(into: "journal", columns: JournalRows.columns, journalRows)
                    try db.execute("INSERT INTO journal (changed_by, action, entity) VALUES ($1, $2, 'workspace')", [user, replaced ? "replace" : "push"])
                    // Open dashboards read the workspace again (their row versions are of the one replaced).
                    try db.execute(PostgresStore.notifyStatement, [user])
                }
            }
        } catch {
            throw .from(error, what: "COMMIT", otherwise: "push")
        }
        return Counts(records: tables.reduce(0) { $0 + $1.rows.count }, journalLines: journalRows.count, replaced: replaced)
    }

    /// The database's workspace into `directory` (missing or empty: `WorkspaceStore.create` refuses
    /// any other), with the journal lines that came from a JSON workspace.
    public func pull(into directory: String) throws(PostgresStoreError) -> Counts {
        let snapshot = try WorkspaceSnapshot.read(try connect(), uri: uri, versions: false, journal: true)
        let workspace: Workspace
        do { workspace = try WorkspaceRows.workspace(from: snapshot.bodies) } catch { throw .store(error) }
        let store = WorkspaceStore(directory: directory)
        do { try store.create(workspace) } catch { throw .store(error) }
        if !snapshot.lines.isEmpty {
            do { try Journal(directory: directory).restore(JournalRows.journal(from: snapshot.lines)) } catch { throw .store(.io(error)) }
        }
        return Counts(records: WorkspaceRows.count(workspace), journalLines: snapshot.lines.count)
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
}
