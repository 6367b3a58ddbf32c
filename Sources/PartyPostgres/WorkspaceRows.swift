import Foundation
import PartyModel
import PartyStore

/// A workspace as table rows and back (pure: no server). Each record's `body` is the model's own JSON
/// (`RecordJSON`); the real columns are worked out from the record. Reading back takes only the
/// bodies, in `ord` order, and decodes them with the model: the columns are for the server (keys,
/// checks, queries, permissions), the body is the record.
public enum WorkspaceRows {
    /// What the real columns of a row need to know beyond the record: which ids are general branches
    /// (a branch's or a fund's organisation is one of three tables).
    struct Context {
        var committeeId: String
        var generalBranchIds: Set<String>
        var branchIds: Set<String>

        init(_ organisation: Organisation) {
            committeeId = organisation.committee.id
            generalBranchIds = Set(organisation.generalBranches.map(\.id))
            branchIds = Set(organisation.branches.map(\.id))
        }

        /// `(committee_id, general_branch_id, branch_id)` for an organisation id: exactly one set when
        /// the id is known; none when it is not (the server's CHECK then refuses the row).
        func organisation(_ id: String) -> (String?, String?, String?) {
            if branchIds.contains(id) { return (nil, nil, id) }
            if generalBranchIds.contains(id) { return (nil, id, nil) }
            return id == committeeId ? (id, nil, nil) : (nil, nil, nil)
        }
    }

    /// Rows for one table: column names, then one array of values (text as PostgreSQL reads it; nil
    /// is NULL) per row. `ord`, `body` and `changed_by` are among the columns.
    public struct TableRows {
        public var table: String
        public var columns: [String]
        public var rows: [[String?]]
    }

    /// One table of the schema: how a workspace fills it and how its bodies fill a workspace.
    struct Table {
        var name: String
        /// A singleton (one row, no `ord`).
        var single: Bool
        /// The row's key: `id`, `row_id` (a record without an id of its own), `year`, `only_row`.
        var key: String
        /// The real columns, without `ord`, `body` and the bookkeeping columns.
        var columns: [String]
        /// One record's real values then its body (`record` is of the table's type).
        var row: (_ record: Any, Context, JSONEncoder) -> [String?]
        /// The records as the workspace holds them, in order (a singleton: its one record).
        var records: (Workspace) -> [Any]
        /// The model's id of each record, in list order (a record without an id: `Identified.id`).
        var ids: (Workspace) -> [String]
        /// `text`: the bodies as one JSON array, in `ord` order.
        var put: (String, inout Workspace) throws(StoreError) -> Void

        /// Rows for the whole table; `who` fills `changed_by`.
        func rows(_ ws: Workspace, _ context: Context, _ encoder: JSONEncoder, _ who: String) -> TableRows {
            let records = records(ws)
            var rows: [[String?]] = []
            rows.reserveCapacity(records.count)
            for (i, record) in records.enumerated() {
                rows.append(row(record, context, encoder) + (single ? [] : [String(i)]) + [who])
            }
            return TableRows(table: name, columns: columns + ["body"] + (single ? [] : ["ord"]) + ["changed_by"], rows: rows)
        }
    }

    static func number(_ value: Double?) -> String? { value.map { "\($0)" } }
    static func day(_ value: Day?) -> String? { value?.iso }

    /// A list of records at `list`, one row each; `id`: the model's id of a record.
    static func list<R: Codable>(_ name: String, _ list: WritableKeyPath<Workspace, [R]>, key: String = "id", id: @escaping (R) -> String,
                                 columns: [String], _ values: @escaping (R, Context) -> [String?]) -> Table {
        Table(name: name, single: false, key: key, columns: columns, row: { record, context, encoder in
            let record = record as! R
            return values(record, context) + [RecordJSON.text(record, with: encoder)]
        }, records: { $0[keyPath: list] }, ids: { $0[keyPath: list].map(id) }, put: { text, ws throws(StoreError) in
            ws[keyPath: list] = try RecordJSON.decode([R].self, from: text, what: name)
        })
    }

    static func list<R: Codable & Identified>(_ name: String, _ list: WritableKeyPath<Workspace, [R]>, key: String = "id", columns: [String],
                                              _ values: @escaping (R, Context) -> [String?]) -> Table {
        Self.list(name, list, key: key, id: \.id, columns: columns, values)
    }

    /// The one record at `at`; `stored`: what of it the row keeps (the plan without its tasks).
    static func single<R: Codable>(_ name: String, _ at: WritableKeyPath<Workspace, R>, key: String = "only_row", columns: [String],
                                   stored: @escaping (R) -> R = { $0 }, _ values: @escaping (R) -> [String?]) -> Table {
        Table(name: name, single: true, key: key, columns: columns, row: { record, _, encoder in
            let record = stored(record as! R)
            return values(record) + [RecordJSON.text(record, with: encoder)]
        }, records: { [$0[keyPath: at]] }, ids: { _ in [name] }, put: { text, ws throws(StoreError) in
            ws[keyPath: at] = try RecordJSON.decode(R.self, from: text, what: name)
        })
    }

    /// Every table, in `PostgresSchema.recordTables` order (parents first; the plan before its tasks).
    static var tables: [Table] { [
        single("settings", \Workspace.settings, columns: ["name", "current_year", "is_demo"]) { s in
            [s.name, String(s.currentYear), String(s.isDemo)]
        },
        single("committee", \Workspace.organisation.committee, key: "id", columns: ["id", "name", "term_end"]) { c in
            [c.id, c.name, day(c.termEnd)]
        },
        list("general_branches", \Workspace.organisation.generalBranches, columns: ["id", "parent_id", "name", "term_end"]) { g, _ in
            [g.id, g.parentId, g.name, day(g.termEnd)]
        },
        list("branches", \Workspace.organisation.branches,
             columns: ["id", "parent_id", "committee_id", "general_branch_id", "name", "sector", "term_end", "retired_on"]) { b, context in
            let (committee, general, _) = context.organisation(b.parentId)
            return [b.id, b.parentId, committee, general, b.name, b.sector.rawValue, day(b.termEnd), day(b.retiredOn)]
        },
        list("members", \Workspace.members, columns: ["id", "branch_id", "name", "status", "role", "left_on"]) { m, _ in
            [m.id, m.branchId, m.name, m.status.rawValue, m.role.rawValue, day(m.leftOn)]
        },
        single("plan", \Workspace.plan, columns: ["title", "year"], stored: { var p = $0; p.tasks = []; return p }) { p in
            [p.title, String(p.year)]
        },
        list("plan_tasks", \Workspace.plan.tasks, columns: ["id", "section_id", "status", "deadline"]) { t, _ in
            [t.id, t.sectionId, t.status.rawValue, day(t.deadline)]
        },
        single("check_template", \Workspace.checkTemplate, columns: []) { _ in [] },
        single("scoring_scheme", \Workspace.scoring, columns: []) { _ in [] },
        list("activities", \Workspace.activities, columns: ["id", "branch_id", "kind", "date", "year"]) { a, _ in
            [a.id, a.branchId, a.kind.rawValue, a.date.iso, String(a.date.year)]
        },
        list("checks", \Workspace.checks, columns: ["id", "branch_id", "year", "quarter", "date"]) { c, _ in
            [c.id, c.branchId, String(c.year), String(c.quarter), c.date.iso]
        },
        list("rectifications", \Workspace.rectifications,
             columns: ["id", "branch_id", "source_check_id", "status", "opened_on", "due_on"]) { r, _ in
            [r.id, r.branchId, r.sourceCheckId, r.status.rawValue, r.openedOn.iso, r.dueOn.iso]
        },
        list("manual_scores", \Workspace.manualScores, key: "row_id", columns: ["branch_id", "item_id", "year", "quarter", "points"]) { s, _ in
            [s.branchId, s.itemId, String(s.year), s.quarter.map(String.init), number(s.points)]
        },
        list("bonuses", \Workspace.bonuses, key: "row_id", columns: ["branch_id", "year", "points"]) { b, _ in
            [b.branchId, String(b.year), number(b.points)]
        },
        list("dues_payments", \Workspace.duesPayments, columns: ["id", "member_id", "branch_id", "year", "amount", "paid_on"]) { p, _ in
            [p.id, p.memberId, p.branchId, String(p.year), number(p.amount), day(p.paidOn)]
        },
        list("training_entries", \Workspace.trainingEntries, columns: ["id", "member_id", "branch_id", "date", "year", "hours"]) { e, _ in
            [e.id, e.memberId, e.branchId, e.date.iso, String(e.date.year), number(e.hours)]
        },
        list("review_results", \Workspace.reviewResults, columns: ["id", "member_id", "branch_id", "year", "grade", "activity_id"]) { r, _ in
            [r.id, r.memberId, r.branchId, String(r.year), r.grade.rawValue, r.activityId]
        },
        list("pioneer_points", \Workspace.pioneerPoints,
             columns: ["id", "member_id", "branch_id", "item_id", "date", "year", "points"]) { p, _ in
            [p.id, p.memberId, p.branchId, p.itemId, p.date.iso, String(p.date.year), number(p.points)]
        },
        list("candidates", \Workspace.candidates, columns: ["id", "branch_id", "stage", "member_id"]) { c, _ in
            [c.id, c.branchId, c.stage.rawValue, c.memberId]
        },
        list("funds", \Workspace.funds,
             columns: ["id", "organisation_id", "committee_id", "general_branch_id", "branch_id", "date", "year", "amount", "direction", "category"]) { f, context in
            let (committee, general, branch) = context.organisation(f.organisationId)
            return [f.id, f.organisationId, committee, general, branch, f.date.iso, String(f.date.year), number(f.amount),
                    f.direction.rawValue, f.category.rawValue]
        },
        list("development_targets", \Workspace.developmentTargets.years, key: "year", id: { String($0.year) }, columns: ["year"]) { y, _ in [String(y.year)] },
        list("targets", \Workspace.targets.targets, id: { $0.id }, columns: ["id", "organisation_id", "deadline"]) { t, _ in
            [t.id, t.organisationId, day(t.deadline)]
        },
    ] }

    /// Every table's rows for `workspace`, in the order they go in; `who` fills `changed_by`.
    public static func rows(of workspace: Workspace, changedBy who: String) -> [TableRows] {
        let context = Context(workspace.organisation)
        let encoder = RecordJSON.encoder()
        return tables.map { $0.rows(workspace, context, encoder, who) }
    }

    /// The SELECT that gives a table's bodies as one JSON array text (a singleton: its one body, or no row).
    /// The array is joined as text: jsonb_agg built it as one jsonb first, 7 times slower (18 s for
    /// 600,000 activities, against 2.6 s).
    public static func bodiesQuery(_ table: String) -> String {
        let t = self.table(table)
        return t.single ? "SELECT body::text FROM \(table)"
            : "SELECT '[' || coalesce(string_agg(body::text, ', ' ORDER BY ord, \(t.key)), '') || ']' FROM \(table)"
    }

    /// The workspace from each table's bodies (`bodies[table]`: what `bodiesQuery` gave; nil for a
    /// singleton without its row). The settings and the committee are required; the other singletons
    /// fall back to what an empty workspace has, as a JSON workspace without the file does.
    public static func workspace(from bodies: [String: String]) throws(StoreError) -> Workspace {
        guard let settingsText = bodies["settings"], let committeeText = bodies["committee"] else {
            throw .invalid([Problem(file: bodies["settings"] == nil ? "settings" : "committee", kind: .fileMissing)])
        }
        let settings = try RecordJSON.decode(WorkspaceSettings.self, from: settingsText, what: "settings")
        let committee = try RecordJSON.decode(Committee.self, from: committeeText, what: "committee")
        var workspace = Workspace.empty(name: settings.name, year: settings.currentYear)
        workspace.settings = settings
        workspace.organisation.committee = committee
        for table in tables where table.name != "settings" && table.name != "committee" {
            guard let text = bodies[table.name] else { continue }
            try table.put(text, &workspace)
        }
        return workspace
    }

    /// The rows a workspace gives all tables together (for the commands' reports).
    public static func count(_ workspace: Workspace) -> Int { tables.reduce(0) { $0 + $1.records(workspace).count } }

    /// The table named `name`.
    static func table(_ name: String) -> Table {
        guard let t = tables.first(where: { $0.name == name }) else { preconditionFailure("no table \(name)") }
        return t
    }

    /// The SELECT that gives a table's keys and versions, in the order `bodiesQuery` gives its bodies
    /// (ties of `ord` broken by the key in both).
    static func versionsQuery(_ table: String) -> String {
        let t = self.table(table)
        return "SELECT \(t.key)::text, version FROM \(table)" + (t.single ? "" : " ORDER BY ord, \(t.key)")
    }
}
