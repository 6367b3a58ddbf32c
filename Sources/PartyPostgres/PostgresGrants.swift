/// `partydesk db grant` and `db revoke`: `PostgresPermissions`' SQL run in one transaction by the
/// tables' owner (the administrator who ran `db init`): the policies made or brought up to date, then
/// the role's rights. A failure changes nothing.
public struct PostgresGrants {
    public let uri: String
    public init(uri: String) { self.uri = uri }

    public enum Failure: Error, Sendable, Equatable {
        /// Not a role name PartyDesk will write into SQL.
        case badRole(String)
        /// No 党总支 of that id in the database's workspace.
        case unknownGeneralBranch(String)
    }

    /// Grants `role` the records of `generalBranch` (nil: the whole organisation), to write or only to read.
    public func grant(role: String, generalBranch: String?, write: Bool) throws -> Void {
        let db = try connect()
        try db.transaction { () throws in
            let schema = try ready(db)
            if let generalBranch {
                let known = try db.execute("SELECT 1 FROM general_branches WHERE id = $1", [generalBranch]).rows
                if known.isEmpty { throw Failure.unknownGeneralBranch(generalBranch) }
            }
            guard let sql = PostgresPermissions.grant(role: role, generalBranch: generalBranch, write: write, schema: schema) else {
                throw Failure.badRole(role)
            }
            for step in sql.steps { try db.execute(step) }
            try db.execute(sql.record, sql.parameters)
        }
    }

    /// Takes a role's rights back.
    public func revoke(role: String) throws {
        let db = try connect()
        try db.transaction { () throws in
            let schema = try ready(db)
            guard let steps = PostgresPermissions.revoke(role: role, schema: schema) else { throw Failure.badRole(role) }
            for step in steps { try db.execute(step) }
        }
    }

    /// The roles granted, as the database lists them: role, 党总支 (nil: all), may write.
    public func list() throws -> [(role: String, generalBranch: String?, write: Bool)] {
        let db = try connect()
        let exists = try db.execute("SELECT to_regclass('partydesk_roles') IS NOT NULL").rows.first?.first ?? nil
        guard exists == "t" else { return [] }
        return try db.execute("SELECT role, general_branch_id, can_write FROM partydesk_roles ORDER BY role").rows.map {
            ($0[0] ?? "", $0[1], $0[2] == "t")
        }
    }

    func connect() throws(PostgresStoreError) -> PostgresConnection {
        do { return try PostgresConnection(uri: uri) } catch { throw .connection(uri: uri, error) }
    }

    /// Inside the transaction: PartyDesk's lock, the tables at this program's version (a database
    /// without them is refused: grant on nothing would mislead), the policies made; the tables' schema.
    func ready(_ db: PostgresConnection) throws -> String {
        let version = try SchemaMigrator.lockedVersion(db)
        guard version > 0 else { throw PostgresStoreError.noWorkspace(uri: uri) }
        if version > PostgresSchema.currentVersion {
            throw PostgresStoreError.schemaTooNew(found: version, supported: PostgresSchema.currentVersion)
        }
        let schema = try db.execute("SELECT current_schema()").rows.first?.first ?? nil
        guard let schema else { throw PostgresError(sqlState: nil, message: "no current schema") }
        for step in PostgresPermissions.setup(schema: schema) { try db.execute(step) }
        return schema
    }
}
