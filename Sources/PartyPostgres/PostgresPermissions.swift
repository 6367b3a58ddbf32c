/// Who may read and write what, kept by the server (issue 20): roles per organisation with row-level
/// security, so that a township office's role reads its own 党总支's branches and writes only their
/// records, and a wall display's role reads and never writes — whatever program connects with it.
/// Pure: SQL text only (`PostgresGrants` runs it).
///
/// - `partydesk_roles` lists the roles PartyDesk has granted: each with the 党总支 it keeps (NULL: the
///   whole organisation) and whether it may write.
/// - Records of a branch (members, activities, checks …, and the branch itself) are visible to a role
///   of the whole organisation or of the branch's 党总支; written likewise, by a role that may write.
///   A 党总支's own records (its 经费) likewise; the committee's only by roles of the whole organisation.
/// - The organisation's settings, its tree of 党总支, the plan, the check template, the scoring
///   scheme and the 目标: readable by every granted role, written only by the tables' owner (the
///   组织部's administrator who ran `db init`), who is not subject to these policies.
public enum PostgresPermissions {
    /// Tables whose rows belong to one branch, by `branch_id`.
    public static let branchTables = [
        "members", "activities", "checks", "rectifications", "manual_scores", "bonuses", "dues_payments",
        "training_entries", "review_results", "pioneer_points", "candidates",
    ]

    /// Tables every granted role reads whole and only the owner writes.
    public static let sharedTables = [
        "settings", "committee", "general_branches", "plan", "plan_tasks", "check_template", "scoring_scheme",
        "development_targets", "targets", "partydesk_schema",
    ]

    /// A role name PartyDesk will quote into SQL: lower-case letters, digits and `_`, a letter first,
    /// at most 63 bytes (PostgreSQL's limit). Anything else is refused before any SQL is made.
    public static func isAcceptable(role: String) -> Bool {
        guard let first = role.unicodeScalars.first, ("a"..."z").contains(first), role.utf8.count <= 63 else { return false }
        return role.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    /// The role's name as an SQL identifier (only for names `isAcceptable` passed).
    static func identifier(_ role: String) -> String { "\"\(role)\"" }

    /// The functions, the roles table and the policies: run (again) before every grant, so a database
    /// made by an older build gets them; each statement may run any number of times.
    /// `schema`: where the tables are (`current_schema()` of the connection that made them): the
    /// functions run as their owner and name it, so a caller's search_path cannot swap a table.
    public static func setup(schema: String) -> [String] {
        let s = quoted(schema)
        var sql = [
            """
            CREATE TABLE IF NOT EXISTS \(s).partydesk_roles (
                role name PRIMARY KEY,
                -- No foreign key: a push --replace empties general_branches; a role whose 党总支 is gone sees nothing.
                general_branch_id text,
                can_write boolean NOT NULL,
                granted_at timestamptz NOT NULL DEFAULT now()
            )
            """,
            // Whether `who` may read (or write) the records of `branch`. SECURITY DEFINER: it reads the
            // roles table and the branches, which the caller may not (and which row security would
            // otherwise filter inside the policy that asks).
            """
            CREATE OR REPLACE FUNCTION \(s).partydesk_may(who name, branch text, writing boolean) RETURNS boolean
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
                SELECT EXISTS (
                    SELECT 1 FROM \(s).partydesk_roles r
                    WHERE r.role = who AND (r.can_write OR NOT writing)
                      AND (r.general_branch_id IS NULL
                           OR r.general_branch_id = (SELECT b.general_branch_id FROM \(s).branches b WHERE b.id = branch)))
            $$
            """,
            // The same for a record of a 党总支 (`general` NULL: of the committee, for whole-organisation roles only).
            """
            CREATE OR REPLACE FUNCTION \(s).partydesk_may_general(who name, general text, writing boolean) RETURNS boolean
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
                SELECT EXISTS (
                    SELECT 1 FROM \(s).partydesk_roles r
                    WHERE r.role = who AND (r.can_write OR NOT writing)
                      AND (r.general_branch_id IS NULL OR r.general_branch_id = general))
            $$
            """,
            """
            CREATE OR REPLACE FUNCTION \(s).partydesk_granted(who name) RETURNS boolean
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
                SELECT EXISTS (SELECT 1 FROM \(s).partydesk_roles r WHERE r.role = who)
            $$
            """,
            "REVOKE ALL ON \(s).partydesk_roles FROM PUBLIC",
        ]
        func policies(_ table: String, read: String, write: String) -> [String] {
            [
                "ALTER TABLE \(s).\(table) ENABLE ROW LEVEL SECURITY",
                "DROP POLICY IF EXISTS partydesk_read ON \(s).\(table)",
                "CREATE POLICY partydesk_read ON \(s).\(table) FOR SELECT USING (\(read))",
                "DROP POLICY IF EXISTS partydesk_write ON \(s).\(table)",
                "CREATE POLICY partydesk_write ON \(s).\(table) FOR ALL USING (\(write)) WITH CHECK (\(write))",
            ]
        }
        for table in branchTables {
            sql += policies(table, read: "\(s).partydesk_may(current_user, branch_id, false)",
                            write: "\(s).partydesk_may(current_user, branch_id, true)")
        }
        sql += policies("branches", read: "\(s).partydesk_may_general(current_user, general_branch_id, false)",
                        write: "\(s).partydesk_may_general(current_user, general_branch_id, true)")
        func fundsRule(_ writing: Bool) -> String {
            "CASE WHEN branch_id IS NOT NULL THEN \(s).partydesk_may(current_user, branch_id, \(writing)) "
                + "ELSE \(s).partydesk_may_general(current_user, general_branch_id, \(writing)) END"
        }
        sql += policies("funds", read: fundsRule(false), write: fundsRule(true))
        // The journal: read as the records it names (a branch's, or a 党总支's own: its 经费); a writer
        // adds rows in its own name, for what it may write — a row naming no organisation only for a
        // role of the whole organisation.
        func journalRule(_ writing: Bool) -> String {
            "(branch_id IS NULL AND \(s).partydesk_may_general(current_user, NULL, \(writing))) OR \(s).partydesk_may(current_user, branch_id, \(writing)) "
                + "OR \(s).partydesk_may_general(current_user, branch_id, \(writing))"
        }
        sql += [
            "ALTER TABLE \(s).journal ENABLE ROW LEVEL SECURITY",
            "DROP POLICY IF EXISTS partydesk_read ON \(s).journal",
            "CREATE POLICY partydesk_read ON \(s).journal FOR SELECT USING (\(journalRule(false)))",
            "DROP POLICY IF EXISTS partydesk_write ON \(s).journal",
            "CREATE POLICY partydesk_write ON \(s).journal FOR INSERT WITH CHECK (db_role = current_user AND (\(journalRule(true))))",
        ]
        return sql
    }

    /// What a role may do: `generalBranch` nil for the whole organisation; `write` false for a display
    /// (or a reader). Creates the login role when it does not exist (its password is the DBA's to set,
    /// `\password` in psql — never on PartyDesk's command line). `steps` run in order, then `record`
    /// (with its parameters: the 党总支 id is data). Nil for a role name `isAcceptable` refuses.
    public static func grant(role: String, generalBranch: String?, write: Bool, schema: String)
        -> (steps: [String], record: String, parameters: [String?])? {
        guard isAcceptable(role: role) else { return nil }
        let s = quoted(schema), r = identifier(role)
        let readable = (branchTables + sharedTables + ["branches", "funds", "journal"]).map { "\(s).\($0)" }.joined(separator: ", ")
        let writable = (branchTables + ["branches", "funds"]).map { "\(s).\($0)" }.joined(separator: ", ")
        var steps = [
            "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '\(role)') THEN CREATE ROLE \(r) LOGIN; END IF; END $$",
            "GRANT USAGE ON SCHEMA \(s) TO \(r)",
            // From nothing: a grant again with less (a writer made a display) takes the rest back.
            "REVOKE ALL ON ALL TABLES IN SCHEMA \(s) FROM \(r)",
            "REVOKE ALL ON ALL SEQUENCES IN SCHEMA \(s) FROM \(r)",
            "GRANT SELECT ON \(readable) TO \(r)",
        ]
        if write {
            steps += [
                "GRANT INSERT, UPDATE, DELETE ON \(writable) TO \(r)",
                "GRANT INSERT ON \(s).journal TO \(r)",
                "GRANT USAGE ON ALL SEQUENCES IN SCHEMA \(s) TO \(r)",
            ]
        }
        let record = """
            INSERT INTO \(s).partydesk_roles (role, general_branch_id, can_write) VALUES ($1, $2, $3)
            ON CONFLICT (role) DO UPDATE SET general_branch_id = excluded.general_branch_id, can_write = excluded.can_write, granted_at = now()
            """
        return (steps, record, [role, generalBranch, write ? "true" : "false"])
    }

    static func quoted(_ schema: String) -> String { "\"\(schema.replacingOccurrences(of: "\"", with: "\"\""))\"" }

    /// Takes everything back (the login role itself stays: it may own other things).
    public static func revoke(role: String, schema: String) -> [String]? {
        guard isAcceptable(role: role) else { return nil }
        let s = quoted(schema), r = identifier(role)
        return [
            "REVOKE ALL ON ALL TABLES IN SCHEMA \(s) FROM \(r)",
            "REVOKE ALL ON ALL SEQUENCES IN SCHEMA \(s) FROM \(r)",
            "REVOKE USAGE ON SCHEMA \(s) FROM \(r)",
            "DELETE FROM \(s).partydesk_roles WHERE role = '\(role)'",
        ]
    }
}
