/// What a database holds, read in one snapshot (REPEATABLE READ READ ONLY: never half of a commit):
/// each table's bodies as `WorkspaceRows.bodiesQuery` gives them and, when asked, each row's key and
/// version (in the same order) and the journal lines that came from a JSON workspace. `db pull` and
/// `PostgresStore.load` both read through here.
struct WorkspaceSnapshot {
    var bodies: [String: String] = [:]
    /// By table: each row's key and version, in `ord` order (as the bodies).
    var versions: [String: [(key: String, version: Int)]] = [:]
    var lines: [String] = []

    static func read(_ db: PostgresConnection, uri: String, versions: Bool, journal: Bool) throws(PostgresStoreError) -> WorkspaceSnapshot {
        var snapshot = WorkspaceSnapshot()
        do {
            try db.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            defer { _ = try? db.execute("ROLLBACK") }
            let version = try db.execute("SELECT to_regclass('partydesk_schema') IS NOT NULL").rows.first?.first == "t"
                ? (try db.execute("SELECT version FROM partydesk_schema").rows.first?.first ?? nil).flatMap { Int($0) } ?? 0 : 0
            if version > PostgresSchema.currentVersion { throw PostgresStoreError.schemaTooNew(found: version, supported: PostgresSchema.currentVersion) }
            if version == 0 { throw PostgresStoreError.noWorkspace(uri: uri) }
            for table in PostgresSchema.recordTables {
                if let text = try db.execute(WorkspaceRows.bodiesQuery(table)).rows.first?.first ?? nil { snapshot.bodies[table] = text }
                if versions {
                    snapshot.versions[table] = try db.execute(WorkspaceRows.versionsQuery(table)).rows.map { ($0[0] ?? "", Int($0[1] ?? "") ?? 0) }
                }
            }
            if snapshot.bodies["settings"] == nil { throw PostgresStoreError.noWorkspace(uri: uri) }
            if journal {
                snapshot.lines = try db.execute("SELECT line FROM journal WHERE line IS NOT NULL ORDER BY seq").rows.compactMap { $0.first ?? nil }
            }
        } catch {
            throw .from(error, what: "SELECT")
        }
        return snapshot
    }
}
