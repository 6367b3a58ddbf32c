/// Other dashboards hear of a commit (LISTEN/NOTIFY, issue 20): every commit notifies `channel`
/// inside its transaction — the notification goes out when, and only when, it commits — with who
/// made it as the payload. A listener tells its own commits by the sending server process.
extension PostgresStore {
    /// The channel PartyDesk's commits notify.
    public static let channel = "partydesk"

    /// The server process behind this store's connection (PostgreSQL's `pg_backend_pid()`): the
    /// sender of this store's notifications. A connection replaced after a broken COMMIT has another.
    public var serverProcess: Int32 { db.serverProcess }

    /// A connection that LISTENs to PartyDesk's commits (a dashboard's or a wall display's second
    /// connection; the store's own stays free for reading and committing).
    public static func listener(_ uri: String) throws(PostgresStoreError) -> PostgresConnection {
        do {
            let listening = try PostgresConnection(uri: uri)
            try listening.execute("LISTEN \(channel)")
            return listening
        } catch { throw .connection(uri: uri, error) }
    }

    /// The advisory lock a commit holds from its journal rows to COMMIT (`SchemaMigrator.lockKey` + 1).
    static let journalLock = "2020200421"

    /// The statement a commit's transaction ends with.
    static let notifyStatement = "SELECT pg_notify('\(channel)', $1)"
}
