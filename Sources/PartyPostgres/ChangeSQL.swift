import Foundation
import PartyModel
import PartyStore

/// Each loaded record's row and version, by table and by the model's id of the record (a manual
/// score's or bonus's `Identified.id`; a development year's year): what a commit's WHERE expects.
public struct RowVersions: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        /// The row's key (`id`, `row_id`, `year`) as text.
        public var key: String
        public var version: Int
    }

    public var tables: [String: [String: Row]] = [:]

    public init() {}

    public subscript(table: String, id: String) -> Row? {
        get { tables[table]?[id] }
        set { tables[table, default: [:]][id] = newValue }
    }
}

/// One statement of a commit and what it must do: an INSERT, UPDATE or DELETE that returns the
/// row's key and version (no row returned: someone else got there first), or a check that a record
/// without a key of its own is not there yet.
public struct RowStatement: Sendable, Equatable {
    public enum Action: String, Sendable { case insert, update, delete, absent }
    public var action: Action
    public var table: String
    /// The change's kind (`Change.entity`) and the model's id of the record, for the refusal and the versions.
    public var entity: String
    public var id: String
    /// Every record the statement writes (several: inserts merged, `ChangeSQL.merged`), `id` first.
    public var ids: [String]
    /// An insert placed after the last row of its table (not at a place of its own).
    public var afterLast = false
    /// The id the record had before (an update that changes it; a delete): its versions entry goes.
    public var oldId: String?
    public var sql: String
    public var parameters: [String?]
    /// Who changed the row last and when, asked when the statement touched nothing.
    public var whoSQL: String
    public var whoParameters: [String?]

    /// `whoParameters` for one of the records of merged inserts (a key of those tables is the model's id).
    public func whoParameters(for id: String) -> [String?] { ids.count == 1 ? whoParameters : [id, entity, id] }
}

/// A change as the statements of its transaction (pure: no server). Locks first (sorted: two commits
/// never wait on each other in a circle), then one statement per record, in the change's order (a
/// check before the findings that name it).
public struct CommitPlan: Sendable, Equatable {
    /// `pg_advisory_xact_lock` per table a row goes into: a new row's `ord` (after the last) and the
    /// test that a keyless record is not there yet are then decided one commit at a time.
    public var locks: [String]
    public var statements: [RowStatement]
}

public enum ChangeSQL {
    /// A record the change edits or deletes that the versions do not hold (not read from this database).
    public struct NotLoaded: Error, Equatable, Sendable {
        public var entity: String
        public var id: String
    }

    /// First key of the two-number advisory locks a commit takes (the second: the table's name hashed).
    static let lockKey = 20200420

    /// For tables whose rows have no key of the model's own: the model's id (`Identified.id`) worked
    /// out in SQL from the row, so that a record added twice is found. Kept equal to the model's
    /// `ManualScore.id` and `Bonus.id` (PostgresStoreTests compares them on a server).
    static let modelIdSQL: [String: String] = [
        "manual_scores": "branch_id || '|' || item_id || '|' || year || '|' || coalesce(quarter::text, 'year')",
        "bonuses": "branch_id || '|' || year || '|' || (body->>'reason')",
    ]

    /// The statements that write `change` (already applied to `workspace`, which gives the real
    /// columns' context) over rows at `versions`; `user` goes into `changed_by`.
    static func plan(_ change: Change, versions: RowVersions, workspace: Workspace, user: String) throws(NotLoaded) -> CommitPlan {
        let context = WorkspaceRows.Context(workspace.organisation)
        let encoder = RecordJSON.encoder()
        // Versions as the statements before leave them (a batch may edit a record it added), over
        // `versions` — not a copy of it: a county's 600,000 activities would be copied at each add.
        var written: [String: [String: RowVersions.Row?]] = [:]
        var statements: [RowStatement] = []
        func add(_ statement: RowStatement, version: Int?) {
            statements.append(statement)
            if let old = statement.oldId { written[statement.table, default: [:]][old] = .some(nil) }
            if let version, statement.action != .delete {
                // A row's key is the model's id, except a keyless record's row_id (known once inserted).
                let key = WorkspaceRows.table(statement.table).key == "row_id" ? "" : statement.id
                written[statement.table, default: [:]][statement.id] = .init(key: key, version: version)
            }
        }
        func row(_ table: String, _ entity: String, _ id: String) throws(NotLoaded) -> RowVersions.Row {
            let found = written[table]?[id] ?? versions[table, id]
            // A keyless record added by this change has no row_id yet: it cannot be edited in the same change.
            guard let found, !found.key.isEmpty else { throw NotLoaded(entity: entity, id: id) }
            return found
        }
        for part in change.parts {
            if let whole = wholeList(part) {
                // A list edited as a whole (a file of the JSON workspace): each row that differs, at its place.
                let t = WorkspaceRows.table(whole.table)
                let beforeIds = Dictionary(zip(whole.beforeIds, whole.before), uniquingKeysWith: { a, _ in a })
                let afterIds = Set(whole.afterIds)
                for (id, _) in zip(whole.beforeIds, whole.before) where !afterIds.contains(id) {
                    let at = try row(t.name, part.entity, id)
                    add(delete(t, entity: part.entity, id: id, row: at), version: nil)
                }
                for (i, (id, record)) in zip(whole.afterIds, whole.after).enumerated() {
                    let values = t.row(record, context, encoder)
                    if beforeIds[id] == nil {
                        add(insert(t, entity: part.entity, id: id, values: values, ord: i, user: user), version: 1)
                    } else if whole.beforeIds.firstIndex(of: id) != i || t.row(beforeIds[id]!, context, encoder) != values {
                        let at = try row(t.name, part.entity, id)
                        add(update(t, entity: part.entity, id: id, oldId: nil, row: at, values: values, ord: i, user: user), version: at.version + 1)
                    }
                }
                continue
            }
            guard let one = single(part) else { continue }
            let t = WorkspaceRows.table(one.table)
            switch (one.before, one.after) {
            case (nil, let after?):
                let id = one.afterId!
                if let natural = modelIdSQL[t.name] {
                    add(RowStatement(action: .absent, table: t.name, entity: part.entity, id: id, ids: [id], oldId: nil,
                                     sql: "SELECT 1 FROM \(t.name) WHERE \(natural) = $1", parameters: [id],
                                     whoSQL: "SELECT changed_by, changed_at::text FROM \(t.name) WHERE \(natural) = $1", whoParameters: [id]),
                        version: nil)
                }
                add(insert(t, entity: part.entity, id: id, values: t.row(after, context, encoder), ord: nil, user: user), version: 1)
            case (_?, let after?):
                let at = try row(t.name, part.entity, one.beforeId!)
                add(update(t, entity: part.entity, id: one.afterId!, oldId: one.beforeId == one.afterId ? nil : one.beforeId,
                           row: at, values: t.row(after, context, encoder), ord: nil, user: user), version: at.version + 1)
            case (_?, nil):
                let at = try row(t.name, part.entity, one.beforeId!)
                add(delete(t, entity: part.entity, id: one.beforeId!, row: at), version: nil)
            case (nil, nil):
                continue
            }
        }
        let tables = Set(statements.filter { $0.action == .insert }.map(\.table)).sorted()
        return CommitPlan(locks: tables.map { "SELECT pg_advisory_xact_lock(\(lockKey), hashtext('\($0)'))" }, statements: merged(statements))
    }

    /// `changed_by`, `changed_at` of the row at `key`, or (it is gone) of the journal's last word on the record.
    static func who(_ t: WorkspaceRows.Table, entity: String, id: String, key: String) -> (String, [String?]) {
        ("""
         SELECT changed_by, changed_at::text FROM \(t.name) WHERE \(t.key) = $1
         UNION ALL (SELECT changed_by, at::text FROM journal WHERE entity = $2 AND record_id = $3 ORDER BY seq DESC LIMIT 1)
         LIMIT 1
         """, [key, entity, id])
    }

    /// A new row: after the last of its table (`ord`: nil), or at its place in a list edited whole.
    /// Nothing is inserted when its key is taken (someone added the record first).
    static func insert(_ t: WorkspaceRows.Table, entity: String, id: String, values: [String?], ord: Int?, user: String) -> RowStatement {
        let columns = t.columns + ["body", "changed_by", "ord"]
        let parameters = values + [user] + (ord.map { [String($0)] } ?? [])
        let placeholders = (1...parameters.count).map { "$\($0)" } + (ord == nil ? ["(SELECT coalesce(max(ord) + 1, 0) FROM \(t.name))"] : [])
        let (whoSQL, whoParameters) = modelIdSQL[t.name] == nil ? who(t, entity: entity, id: id, key: id) : ("SELECT NULL, NULL", [])
        return RowStatement(action: .insert, table: t.name, entity: entity, id: id, ids: [id], afterLast: ord == nil, oldId: nil,
                            sql: "INSERT INTO \(t.name) (\(columns.joined(separator: ", "))) VALUES (\(placeholders.joined(separator: ", ")))"
                                + " ON CONFLICT DO NOTHING RETURNING \(t.key)::text, version",
                            parameters: parameters, whoSQL: whoSQL, whoParameters: whoParameters)
    }

    /// Inserts after the last row into one table, one after another (an import's records), as
    /// statements of many rows: an import of 200,000 records is a few hundred statements, not
    /// 200,000 round trips. Not those of keyless records (each is looked for first).
    static func merged(_ statements: [RowStatement]) -> [RowStatement] {
        func mergeable(_ s: RowStatement) -> Bool { s.action == .insert && s.afterLast && modelIdSQL[s.table] == nil }
        var out: [RowStatement] = [], run: [RowStatement] = []
        func flush() {
            defer { run = [] }
            guard run.count > 1 else { out += run; return }
            let t = WorkspaceRows.table(run[0].table)
            let perStatement = max(1, 30_000 / (t.columns.count + 2))
            for start in stride(from: 0, to: run.count, by: perStatement) {
                out.append(insertMany(t, Array(run[start..<min(start + perStatement, run.count)])))
            }
        }
        for s in statements {
            if !run.isEmpty && !(mergeable(s) && s.table == run[0].table) { flush() }
            if mergeable(s) { run.append(s) } else { out.append(s) }
        }
        flush()
        return out
    }

    /// Single inserts (`insert`, after the last row) as one statement: their places counted from one
    /// look at the table's last `ord`.
    static func insertMany(_ t: WorkspaceRows.Table, _ run: [RowStatement]) -> RowStatement {
        let columns = t.columns + ["body", "changed_by", "ord"]
        var parameters: [String?] = [], rows: [String] = []
        for (i, s) in run.enumerated() {
            let first = parameters.count
            parameters += s.parameters
            rows.append("(" + (first + 1...parameters.count).map { "$\($0)" }.joined(separator: ", ") + ", (SELECT ord FROM last) + \(i + 1))")
        }
        return RowStatement(action: .insert, table: t.name, entity: run[0].entity, id: run[0].id, ids: run.map(\.id), afterLast: true, oldId: nil,
                            sql: "WITH last AS (SELECT coalesce(max(ord), -1) AS ord FROM \(t.name)) INSERT INTO \(t.name) (\(columns.joined(separator: ", "))) VALUES "
                                + rows.joined(separator: ", ") + " ON CONFLICT DO NOTHING RETURNING \(t.key)::text, version",
                            parameters: parameters, whoSQL: run[0].whoSQL, whoParameters: run[0].whoParameters)
    }

    /// The row at the version the editor read, changed; untouched when someone changed it since.
    static func update(_ t: WorkspaceRows.Table, entity: String, id: String, oldId: String?, row: RowVersions.Row,
                       values: [String?], ord: Int?, user: String) -> RowStatement {
        let columns = t.columns + ["body", "changed_by"] + (ord == nil ? [] : ["ord"])
        let parameters = values + [user] + (ord.map { [String($0)] } ?? []) + [row.key, String(row.version)]
        let sets = columns.enumerated().map { "\($1) = $\($0 + 1)" } + ["version = version + 1", "changed_at = now()"]
        let (whoSQL, whoParameters) = who(t, entity: entity, id: oldId ?? id, key: row.key)
        return RowStatement(action: .update, table: t.name, entity: entity, id: id, ids: [id], oldId: oldId,
                            sql: "UPDATE \(t.name) SET \(sets.joined(separator: ", ")) WHERE \(t.key) = $\(columns.count + 1) AND version = $\(columns.count + 2)"
                                + " RETURNING \(t.key)::text, version",
                            parameters: parameters, whoSQL: whoSQL, whoParameters: whoParameters)
    }

    static func delete(_ t: WorkspaceRows.Table, entity: String, id: String, row: RowVersions.Row) -> RowStatement {
        let (whoSQL, whoParameters) = who(t, entity: entity, id: id, key: row.key)
        return RowStatement(action: .delete, table: t.name, entity: entity, id: id, ids: [id], oldId: id,
                            sql: "DELETE FROM \(t.name) WHERE \(t.key) = $1 AND version = $2 RETURNING \(t.key)::text, version",
                            parameters: [row.key, String(row.version)], whoSQL: whoSQL, whoParameters: whoParameters)
    }

    /// A single change's table and its record before and after, with their model ids (nil for a
    /// batch and for the lists edited whole).
    static func single(_ part: Change) -> (table: String, before: Any?, after: Any?, beforeId: String?, afterId: String?)? {
        func one<R: Identified>(_ table: String, _ b: R?, _ a: R?) -> (String, Any?, Any?, String?, String?) { (table, b, a, b?.id, a?.id) }
        switch part {
        case .activity(let b, let a): return one("activities", b, a)
        case .rectification(let b, let a): return one("rectifications", b, a)
        case .task(let b, let a): return one("plan_tasks", b, a)
        case .branch(let b, let a): return one("branches", b, a)
        case .generalBranch(let b, let a): return one("general_branches", b, a)
        case .check(let b, let a): return one("checks", b, a)
        case .manualScore(let b, let a): return one("manual_scores", b, a)
        case .bonus(let b, let a): return one("bonuses", b, a)
        case .member(let b, let a): return one("members", b, a)
        case .duesPayment(let b, let a): return one("dues_payments", b, a)
        case .trainingEntry(let b, let a): return one("training_entries", b, a)
        case .reviewResult(let b, let a): return one("review_results", b, a)
        case .pioneerPoints(let b, let a): return one("pioneer_points", b, a)
        case .candidate(let b, let a): return one("candidates", b, a)
        case .funds(let b, let a): return one("funds", b, a)
        case .developmentTargets, .targets, .batch: return nil
        }
    }

    /// A change of a list the JSON workspace keeps as one file (the development targets, 目标): its
    /// table and records before and after, with their ids.
    static func wholeList(_ part: Change) -> (table: String, before: [Any], after: [Any], beforeIds: [String], afterIds: [String])? {
        switch part {
        case .developmentTargets(let b, let a):
            return ("development_targets", b.years, a.years, b.years.map { String($0.year) }, a.years.map { String($0.year) })
        case .targets(let b, let a):
            return ("targets", b.targets, a.targets, b.targets.map(\.id), a.targets.map(\.id))
        default: return nil
        }
    }
}
