import PartyModel

/// The database's tables, as SQL text (pure: nothing here talks to a server; `SchemaMigrator` runs it).
///
/// One table per kind of record. Real columns for what identifies a record, who owns it (its branch)
/// and what a query or a permission needs (dates, year, kind, status, amounts), with foreign keys and
/// CHECKs; the whole record as the JSON model encodes it in `body jsonb` — read back through the
/// model's own decoder, so the database and the JSON workspace cannot drift apart field by field.
/// Every record row has `version` (optimistic concurrency), `changed_by` and `changed_at`; `ord` is the
/// record's place in its list (the JSON files keep records in that order; a pull writes them in it).
public enum PostgresSchema {
    /// The database's schema version: the JSON workspace's, so one number says what a build reads.
    public static var currentVersion: Int { WorkspaceSettings.currentSchemaVersion }

    /// The steps that bring a database from the version before to `version`, in order. A database is
    /// only ever created at the version this list starts from (4, the JSON schema when PostgreSQL came);
    /// a later JSON schema version adds an entry here with its ALTERs. Never edit a step once released:
    /// databases made by it exist.
    public static let migrations: [(version: Int, steps: [String])] = [
        (4, version4),
    ]

    /// Record tables, parents before children (the order rows go in; deleted in reverse).
    public static let recordTables = [
        "settings", "committee", "general_branches", "branches", "members", "plan", "plan_tasks", "check_template",
        "scoring_scheme", "activities", "checks", "rectifications", "manual_scores", "bonuses", "dues_payments",
        "training_entries", "review_results", "pioneer_points", "candidates", "funds", "development_targets", "targets",
    ]

    /// The table that says which version the tables are at: created before anything else, so a
    /// program can read it in any database (one row).
    static let versionTable = """
        CREATE TABLE IF NOT EXISTS partydesk_schema (
            only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
            version integer NOT NULL CHECK (version >= 1),
            migrated_at timestamptz NOT NULL DEFAULT now()
        )
        """

    /// Values of the model's coded enums, written out (not generated) because a released step must
    /// never change: a new case needs a migration, and a test compares these with the model's cases.
    static let enumValues: [String: [String]] = [
        "sector": ["government", "school", "enterprise", "rural", "community", "newOrganisation", "other"],
        "memberStatus": ["full", "probationary"],
        "memberRole": ["secretary", "deputySecretary", "committeeMember", "groupLeader", "member"],
        "activityKind": ["generalMeeting", "committeeMeeting", "groupMeeting", "partyLesson", "themedPartyDay",
                         "organisationalLifeMeeting", "democraticReview", "studySession", "training", "talk", "other"],
        "rectificationStatus": ["open", "inProgress", "submitted", "closed"],
        "reviewGrade": ["excellent", "qualified", "basicallyQualified", "unqualified"],
        "developmentStage": ["applicant", "activist", "developmentTarget", "probationary", "full", "cancelled", "withdrawn"],
        "fundsDirection": ["allocated", "spent"],
        "fundsCategory": ["activity", "duesReturn", "work", "other"],
        "taskStatus": ["notStarted", "inProgress", "done", "blocked"],
    ]

    static func oneOf(_ column: String, _ name: String) -> String {
        "CHECK (\(column) IN (" + enumValues[name]!.map { "'\($0)'" }.joined(separator: ", ") + "))"
    }

    /// Columns every record row ends with.
    static let common = """
        body jsonb NOT NULL CHECK (jsonb_typeof(body) = 'object'),
            version bigint NOT NULL DEFAULT 1 CHECK (version >= 1),
            changed_by text NOT NULL,
            changed_at timestamptz NOT NULL DEFAULT now()
        """

    static let year = "integer NOT NULL CHECK (year BETWEEN 1921 AND 9999)"
    /// A record's year is the year of its day (the file it is kept in): both real columns, kept equal.
    static func yearOf(_ day: String) -> String { "CHECK (year = extract(year FROM \(day)))" }
    static let branch = "text NOT NULL REFERENCES branches (id)"
    static let member = "text NOT NULL REFERENCES members (id)"

    /// Version 4: every record kind of the JSON workspace's schema 4, and the journal.
    static let version4: [String] = [
        // Singletons (one row each): `only_row` is their key.
        """
        CREATE TABLE settings (
            only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
            name text NOT NULL,
            current_year integer NOT NULL CHECK (current_year BETWEEN 1921 AND 9999),
            is_demo boolean NOT NULL,
            \(common)
        )
        """,
        """
        CREATE TABLE committee (
            id text PRIMARY KEY,
            only_row boolean NOT NULL DEFAULT true UNIQUE CHECK (only_row),
            name text NOT NULL,
            term_end date,
            \(common)
        )
        """,
        """
        CREATE TABLE general_branches (
            id text PRIMARY KEY,
            ord integer NOT NULL,
            parent_id text NOT NULL REFERENCES committee (id),
            name text NOT NULL,
            term_end date,
            \(common)
        )
        """,
        // A branch's parent is the committee or a general branch: one of two references, equal to parent_id.
        """
        CREATE TABLE branches (
            id text PRIMARY KEY,
            ord integer NOT NULL,
            parent_id text NOT NULL,
            committee_id text REFERENCES committee (id),
            general_branch_id text REFERENCES general_branches (id),
            name text NOT NULL,
            sector text NOT NULL \(oneOf("sector", "sector")),
            term_end date,
            retired_on date,
            \(common),
            CHECK (num_nonnulls(committee_id, general_branch_id) = 1 AND parent_id = coalesce(general_branch_id, committee_id))
        )
        """,
        """
        CREATE TABLE members (
            id text PRIMARY KEY,
            ord integer NOT NULL,
            branch_id \(branch),
            name text NOT NULL,
            status text NOT NULL \(oneOf("status", "memberStatus")),
            role text NOT NULL \(oneOf("role", "memberRole")),
            left_on date,
            \(common)
        )
        """,
        // The plan's title, year and sections; its tasks are rows of their own (each is edited alone).
        """
        CREATE TABLE plan (
            only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
            title text NOT NULL,
            year \(year),
            \(common)
        )
        """,
        """
        CREATE TABLE plan_tasks (
            id text PRIMARY KEY,
            ord integer NOT NULL,
            section_id text NOT NULL,
            status text NOT NULL \(oneOf("status", "taskStatus")),
            deadline date,
            \(common)
        )
        """,
        """
        CREATE TABLE check_template (
            only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
            \(common)
        )
        """,
        """
        CREATE TABLE scoring_scheme (
            only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
            \(common)
        )
        """,
        """
        CREATE TABLE activities (
            id text PRIMARY KEY,
            ord integer NOT NULL,
            branch_id \(branch),
            kind text NOT NULL \(oneOf("kind", "activityKind")),
            date date NOT NULL,
            year \(year),
            \(common),
            \(yearOf("date"))
        )
        """,
        """
        CREATE TABLE checks (
            id text PRIMARY KEY,
            ord integer NOT NULL,
            branch_id \(branch),
            year \(year),
            quarter integer NOT NULL CHECK (quarter BETWEEN 1 AND 4),
            date date NOT NULL,
            \(common)
        )
        """,
        """
        CREATE TABLE rectifications (
            id text PRIMARY KEY,
            ord integer NOT NULL,
            branch_id \(branch),
            source_check_id text,
            status text NOT NULL \(oneOf("status", "rectificationStatus")),
            opened_on date NOT NULL,
            due_on date NOT NULL,
            \(common)
        )
        """,
        // Manual points and bonuses have no id in the model: a surrogate key.
        """
        CREATE TABLE manual_scores (
            row_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            ord integer NOT NULL,
            branch_id \(branch),
            item_id text NOT NULL,
            year \(year),
            quarter integer CHECK (quarter BETWEEN 1 AND 4),
            points numeric NOT NULL,
            \(common)
        )
        """,
        """
        CREATE TABLE bonuses (
            row_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            ord integer NOT NULL,
            branch_id \(branch),
            year \(year),
            points numeric NOT NULL,
            \(common)
        )
        """,
        // `year`: the file's year (the day paid, else the first month covered).
        """
        CREATE TABLE dues_payments (
            id text PRIMARY KEY,
            ord integer NOT NULL,
            member_id \(member),
            branch_id \(branch),
            year \(year),
            amount numeric CHECK (amount >= 0),
            paid_on date,
            \(common)
        )
        """,
        """
        CREATE TABLE training_entries (
            id text PRIMARY KEY,
            ord integer NOT NULL,
            member_id \(member),
            branch_id \(branch),
            date date NOT NULL,
            year \(year),
            hours numeric NOT NULL CHECK (hours >= 0),
            \(common),
            \(yearOf("date"))
        )
        """,
        """
        CREATE TABLE review_results (
            id text PRIMARY KEY,
            ord integer NOT NULL,
            member_id \(member),
            branch_id \(branch),
            year \(year),
            grade text NOT NULL \(oneOf("grade", "reviewGrade")),
            activity_id text,
            \(common)
        )
        """,
        """
        CREATE TABLE pioneer_points (
            id text PRIMARY KEY,
            ord integer NOT NULL,
            member_id \(member),
            branch_id \(branch),
            item_id text NOT NULL,
            date date NOT NULL,
            year \(year),
            points numeric NOT NULL,
            \(common),
            \(yearOf("date"))
        )
        """,
        """
        CREATE TABLE candidates (
            id text PRIMARY KEY,
            ord integer NOT NULL,
            branch_id \(branch),
            stage text NOT NULL \(oneOf("stage", "developmentStage")),
            member_id text REFERENCES members (id),
            \(common)
        )
        """,
        // Funds belong to any organisation: exactly one of three references, equal to organisation_id.
        """
        CREATE TABLE funds (
            id text PRIMARY KEY,
            ord integer NOT NULL,
            organisation_id text NOT NULL,
            committee_id text REFERENCES committee (id),
            general_branch_id text REFERENCES general_branches (id),
            branch_id text REFERENCES branches (id),
            date date NOT NULL,
            year \(year),
            amount numeric NOT NULL CHECK (amount >= 0),
            direction text NOT NULL \(oneOf("direction", "fundsDirection")),
            category text NOT NULL \(oneOf("category", "fundsCategory")),
            \(common),
            \(yearOf("date")),
            CHECK (num_nonnulls(committee_id, general_branch_id, branch_id) = 1
                   AND organisation_id = coalesce(branch_id, general_branch_id, committee_id))
        )
        """,
        """
        CREATE TABLE development_targets (
            year \(year) PRIMARY KEY,
            ord integer NOT NULL,
            \(common)
        )
        """,
        """
        CREATE TABLE targets (
            id text PRIMARY KEY,
            ord integer NOT NULL,
            organisation_id text,
            deadline date,
            \(common)
        )
        """,
        // One row per committed change. No foreign keys: the journal outlives the records it names.
        // `line`: a line of a JSON workspace's journal.jsonl, as it was, when the row came from one.
        """
        CREATE TABLE journal (
            seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            at timestamptz NOT NULL DEFAULT now(),
            changed_by text NOT NULL,
            db_role text NOT NULL DEFAULT current_user,
            host text,
            action text NOT NULL,
            entity text,
            record_id text,
            branch_id text,
            line text
        )
        """,
    ] + [
        "CREATE INDEX ON members (branch_id)",
        "CREATE INDEX ON activities (branch_id, year)",
        "CREATE INDEX ON checks (branch_id, year)",
        "CREATE INDEX ON rectifications (branch_id)",
        "CREATE INDEX ON dues_payments (member_id)",
        "CREATE INDEX ON dues_payments (branch_id, year)",
        "CREATE INDEX ON training_entries (branch_id, year)",
        "CREATE INDEX ON review_results (branch_id, year)",
        "CREATE INDEX ON pioneer_points (branch_id, year)",
        "CREATE INDEX ON candidates (branch_id)",
        "CREATE INDEX ON funds (organisation_id, year)",
        "CREATE INDEX ON journal (at)",
        // A new row goes after the last of its table (max(ord) + 1): without these, each add scanned
        // the whole table (60 ms for a county's 600,000 activities).
        "CREATE INDEX ON general_branches (ord)", "CREATE INDEX ON branches (ord)", "CREATE INDEX ON members (ord)",
        "CREATE INDEX ON plan_tasks (ord)", "CREATE INDEX ON activities (ord)", "CREATE INDEX ON checks (ord)",
        "CREATE INDEX ON rectifications (ord)", "CREATE INDEX ON manual_scores (ord)", "CREATE INDEX ON bonuses (ord)",
        "CREATE INDEX ON dues_payments (ord)", "CREATE INDEX ON training_entries (ord)", "CREATE INDEX ON review_results (ord)",
        "CREATE INDEX ON pioneer_points (ord)", "CREATE INDEX ON candidates (ord)", "CREATE INDEX ON funds (ord)",
        "CREATE INDEX ON development_targets (ord)", "CREATE INDEX ON targets (ord)",
    ] + bodyMatchesColumns

    /// The real columns are the body's own fields, and the server checks it: row security judges a
    /// row by its columns while every reader decodes its body — a body naming another township's
    /// branch (or another id) would otherwise pass the policies and land in the other's figures.
    static let bodyMatchesColumns: [String] = {
        func check(_ table: String, _ name: String, _ condition: String) -> String {
            "ALTER TABLE \(table) ADD CONSTRAINT \(table)_body_\(name) CHECK (\(condition))"
        }
        var checks: [String] = []
        for table in ["committee", "general_branches", "branches", "members", "plan_tasks", "activities", "checks", "rectifications",
                      "dues_payments", "training_entries", "review_results", "pioneer_points", "candidates", "funds", "targets"] {
            checks.append(check(table, "id", "id = body->>'id'"))
        }
        for table in PostgresPermissions.branchTables { checks.append(check(table, "branch", "branch_id = body->>'branchId'")) }
        for table in ["dues_payments", "training_entries", "review_results", "pioneer_points"] {
            checks.append(check(table, "member", "member_id = body->>'memberId'"))
        }
        for table in ["activities", "checks", "training_entries", "pioneer_points", "funds"] {
            checks.append(check(table, "date", "date = (body->>'date')::date"))
        }
        checks.append(check("branches", "parent", "parent_id = body->>'parentId'"))
        checks.append(check("general_branches", "parent", "parent_id = body->>'parentId'"))
        checks.append(check("funds", "organisation", "organisation_id = body->>'organisationId'"))
        return checks
    }()
}
