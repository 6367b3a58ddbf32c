import PartyModel

/// What a database holds, read in one snapshot (REPEATABLE READ READ ONLY: never half of a commit):
/// each table's bodies as `WorkspaceRows.bodiesQuery` gives them and, when asked, each row's key and
/// version (in the same order) and the journal lines that came from a JSON workspace. `db pull` and
/// `PostgresStore.load` both read through here.
///
/// The largest table is read over a second connection that shares the first one's snapshot
/// (`pg_export_snapshot`), beside the others: the server's work (each body turned back into text)
/// is most of a county's read, and two server processes do it on two cores (a county: 8.2 s → 6.2–6.5 s).
/// When the second connection cannot be had, everything is read over the first.
struct WorkspaceSnapshot {
    var bodies: [String: String] = [:]
    /// By table: each row's key and version, in `ord` order (as the bodies).
    var versions: [String: [(key: String, version: Int)]] = [:]
    var lines: [String] = []

    /// The tables read over the second connection: a county's 600,000 activities are half its rows.
    static let readAside: Set<String> = ["activities"]

    static func read(_ db: PostgresConnection, uri: String, versions: Bool, journal: Bool) throws(PostgresStoreError) -> WorkspaceSnapshot {
        var snapshot = WorkspaceSnapshot()
        do {
            try db.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            defer { _ = try? db.execute("ROLLBACK") }
            let aside = sharingSnapshot(of: db, uri: uri)
            defer { _ = try? aside?.execute("ROLLBACK") }
            let version = try db.execute("SELECT to_regclass('partydesk_schema') IS NOT NULL").rows.first?.first == "t"
                ? (try db.execute("SELECT version FROM partydesk_schema").rows.first?.first ?? nil).flatMap { Int($0) } ?? 0 : 0
            if version > PostgresSchema.currentVersion { throw PostgresStoreError.schemaTooNew(found: version, supported: PostgresSchema.currentVersion) }
            if version == 0 { throw PostgresStoreError.noWorkspace(uri: uri) }
            let tables = PostgresSchema.recordTables
            let asideTables = aside == nil ? [] : tables.filter { readAside.contains($0) }
            // Each connection is used by its one job only while the tables are read.
            let (mine, beside) = (Concurrently.Slot<Result<TablesRead, any Error>>(), Concurrently.Slot<Result<TablesRead, any Error>>())
            let connections = Concurrently.Slot<(PostgresConnection, PostgresConnection?)>()
            connections.value = (db, aside)
            Concurrently.run([
                { mine.value = Result { try read(tables.filter { !asideTables.contains($0) }, over: connections.value!.0, versions: versions) } },
                { beside.value = Result { try read(asideTables, over: connections.value!.1, versions: versions) } },
            ])
            for part in [mine, beside] {
                guard let read = try part.value?.get() else { continue }
                snapshot.bodies.merge(read.bodies) { a, _ in a }
                snapshot.versions.merge(read.versions) { a, _ in a }
            }
            if snapshot.bodies["settings"] == nil { throw PostgresStoreError.noWorkspace(uri: uri) }
            if journal {
                snapshot.lines = try db.execute(PostgresStore.journalLinesQuery).rows.compactMap { $0.first ?? nil }
            }
        } catch {
            throw .from(error, what: "SELECT")
        }
        return snapshot
    }

    /// A second connection in `db`'s snapshot (its transaction, just begun, open), or nil when none
    /// can be had: the server refuses another connection, or cannot export a snapshot (then `db`'s
    /// transaction, which the failure aborted, is begun again).
    static func sharingSnapshot(of db: PostgresConnection, uri: String) -> PostgresConnection? {
        let exported: String?
        do { exported = try db.execute("SELECT pg_export_snapshot()").rows.first?.first ?? nil } catch {
            _ = try? db.execute("ROLLBACK")
            _ = try? db.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            return nil
        }
        guard let exported,
              // The server's own name for it (`00000003-0000001B-1`): nothing else goes into the SET.
              !exported.isEmpty, exported.allSatisfy({ $0.isHexDigit || $0 == "-" }),
              let aside = try? PostgresConnection(uri: uri) else { return nil }
        do {
            try aside.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            try aside.execute("SET TRANSACTION SNAPSHOT '\(exported)'")
            return aside
        } catch {
            return nil
        }
    }

    typealias TablesRead = (bodies: [String: String], versions: [String: [(key: String, version: Int)]])

    /// Some tables' bodies and versions, read over one connection (one thread each).
    static func read(_ tables: [String], over db: PostgresConnection?, versions: Bool) throws -> TablesRead {
        var read: TablesRead = ([:], [:])
        guard let db else { return read }
        for table in tables {
            if let text = try db.execute(WorkspaceRows.bodiesQuery(table)).rows.first?.first ?? nil { read.bodies[table] = text }
            if versions {
                read.versions[table] = try db.execute(WorkspaceRows.versionsQuery(table)).rows.map { ($0[0] ?? "", Int($0[1] ?? "") ?? 0) }
            }
        }
        return read
    }
}
