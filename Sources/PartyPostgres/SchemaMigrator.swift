/// Brings a database's tables to this program's schema version (`PostgresSchema.migrations`), all
/// steps in one transaction: a failure leaves the database as it was. Refuses a database of a newer
/// version. Harmless to run again (nothing to do). Two programs migrating at once take turns (an
/// advisory lock held to the end of the transaction).
public enum SchemaMigrator {
    /// An arbitrary number that PartyDesk's transactions lock on (pg_advisory_xact_lock).
    static let lockKey = "2020200420"

    /// The version found before, and the one the database is at now.
    @discardableResult
    public static func migrate(_ db: PostgresConnection) throws(PostgresStoreError) -> (from: Int, to: Int) {
        do {
            return try db.transaction { () throws -> (Int, Int) in
                let found = try lockedVersion(db)
                let target = PostgresSchema.currentVersion
                if found > target { throw PostgresStoreError.schemaTooNew(found: found, supported: target) }
                for (version, steps) in PostgresSchema.migrations where version > found && version <= target {
                    for step in steps {
                        do { try db.execute(step) } catch let error as PostgresError {
                            throw PostgresStoreError.refused(what: "schema v\(version): \(step.prefix(60))…", error)
                        }
                    }
                }
                if found < target {
                    try db.execute("""
                        INSERT INTO partydesk_schema (only_row, version) VALUES (true, $1)
                        ON CONFLICT (only_row) DO UPDATE SET version = excluded.version, migrated_at = now()
                        """, [String(target)])
                }
                return (found, target)
            }
        } catch {
            throw .from(error, what: "partydesk_schema")
        }
    }

    /// Inside a transaction: takes PartyDesk's lock, makes sure the version table exists, and gives the
    /// version (0: none yet).
    static func lockedVersion(_ db: PostgresConnection) throws -> Int {
        try db.execute("SELECT pg_advisory_xact_lock(\(lockKey))")
        try db.execute(PostgresSchema.versionTable)
        let value = try db.execute("SELECT version FROM partydesk_schema").rows.first?.first ?? nil
        return value.flatMap { Int($0) } ?? 0
    }
}
