import Foundation
import PartyModel
import PartyStore

/// Keeping up with other editors (issue 20): rather than reading a county's 1.2 million rows again
/// (17 s) when another office commits, the journal's rows since the last one seen are read and
/// their changes replayed on the workspace held — as its own saves are — with the versions of the
/// rows they touched read again.
extension PostgresStore {
    /// The number of the journal's last row now. Taken before a load: a commit after it is replayed,
    /// or found already there when the load saw it too.
    public func journalMark() throws(PostgresStoreError) -> Int64 {
        do {
            let value = try db.execute("SELECT coalesce(max(seq), 0) FROM journal").rows.first?.first ?? nil
            return value.flatMap { Int64($0) } ?? 0
        } catch { throw .refused(what: "journal", error) }
    }

    /// The workspace, and the journal's mark taken before it was read (what `catchUp` goes on from).
    public func loadFollowable() throws(PostgresStoreError) -> (loaded: PostgresLoaded, mark: Int64) {
        let mark = try journalMark()
        return (try load(), mark)
    }

    /// `loaded` brought up to what is committed: the changes after `mark` replayed, or — when one
    /// cannot be (`Followed.needsReload`) — everything read again; `mark` moved on either way.
    public func catchUp(_ loaded: inout PostgresLoaded, mark: inout Int64) throws(PostgresStoreError) -> Followed {
        let followed = try follow(&loaded, after: mark)
        if followed.needsReload { (loaded, mark) = try loadFollowable() } else { mark = followed.mark }
        return followed
    }

    public struct Followed: Sendable {
        /// The changes replayed, in commit order, and who made them.
        public var changes: [Change] = []
        public var users: [String] = []
        /// A change could not be replayed (a line this build cannot read, or the workspace held is not
        /// as the change expects): the caller reads everything again.
        public var needsReload = false
        /// The journal's last row seen.
        public var mark: Int64
    }

    /// Replays on `loaded` the changes committed after `mark` (those already there are skipped). The
    /// journal rows, and the rows they name with their versions, are read in one snapshot; a line is
    /// only a pointer — the record replayed must be the row this reader's own row security shows
    /// (a forged line, or one another commit has since overtaken, makes the caller read whole).
    public func follow(_ loaded: inout PostgresLoaded, after mark: Int64) throws(PostgresStoreError) -> Followed {
        var followed = Followed(mark: mark)
        do {
            try db.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        } catch { throw .refused(what: "journal", error) }
        defer { _ = try? db.execute("COMMIT") }
        let rows: [[String?]]
        do {
            rows = try db.execute("SELECT seq, line, changed_by, entity FROM journal WHERE seq > $1 ORDER BY seq", [String(mark)]).rows
        } catch { throw .refused(what: "journal", error) }
        // Each record replayed, as the snapshot holds it (a change from nothing to the row, or one that
        // leaves the record gone).
        var touched: [String: Change?] = [:]
        for row in rows {
            if let seq = row[0].flatMap({ Int64($0) }) { followed.mark = max(followed.mark, seq) }
            guard let line = row[1] else {
                // A push (or replace) of the whole workspace: read again whole.
                if row[3] == "workspace" { followed.needsReload = true }
                continue
            }
            guard let change = Journal.change(fromLine: Data(line.utf8)) else { followed.needsReload = true; continue }
            // (Manual scores and bonuses are keyed by their row_id, not their model id: read again whole.)
            guard let single = ChangeSQL.single(change), !["manual_scores", "bonuses"].contains(single.table),
                  let id = single.afterId ?? single.beforeId else {
                followed.needsReload = true
                continue
            }
            let current: [String?]?
            do {
                current = try db.execute("SELECT body::text, version FROM \(single.table) WHERE id = $1", [id]).rows.first
            } catch { throw .refused(what: single.table, error) }
            // What the database holds of the record now, as a change from nothing: the line's `after` must be it.
            let held = current.flatMap { $0[0] }.flatMap { body in
                Journal.change(fromLine: Data("{\"entity\":\"\(change.entity)\",\"before\":null,\"after\":\(body)}".utf8))
            }
            if change.isApplied(in: loaded.workspace) {
                // Already held (this editor's own, or read with the snapshot).
            } else {
                do { try change.apply(to: &loaded.loaded.workspace) } catch {
                    followed.needsReload = true
                    continue
                }
                followed.changes.append(change)
                followed.users.append(row[2] ?? "")
            }
            // Not there: the workspace must not hold it either (an add's inverse, a deletion, says so).
            // (Typed first: assigned straight into a dictionary of optionals, `held ?? …` was worked out
            // as a double optional, and a nil `held` came through as itself.)
            let expected: Change? = held ?? (single.afterId == nil ? change : single.beforeId == nil ? change.inverse : nil)
            touched["\(single.table)/\(id)"] = expected
            if held == nil && single.afterId != nil && single.beforeId != nil { followed.needsReload = true }
            if let version = current?[1].flatMap({ Int($0) }) {
                loaded.versions[single.table, id] = .init(key: id, version: version)
            } else {
                loaded.versions[single.table, id] = nil
            }
        }
        // Every line replayed, the workspace must hold each record exactly as the snapshot's row (or its
        // absence): else a line was not its row's (forged, or this build reads it otherwise).
        for held in touched.values where !(held.map { $0.isApplied(in: loaded.workspace) } ?? true) {
            followed.needsReload = true
        }
        return followed
    }
}

extension PostgresStore {
    /// What the workspace in the database is now, for the first screen a session keeps for the next
    /// (as the files' fingerprint does on a directory): the role reading it, the schema version, the
    /// database, what the role's row security lets it see (a digest of the branches it sees: granted
    /// again with less, its kept screens are another's), and the journal's last row it sees and that
    /// row's time — every commit writes one; a push --replace starts the numbers again but not the time.
    public func journalFingerprint() throws(PostgresStoreError) -> String {
        do {
            let row = try db.execute("""
                SELECT current_user, (SELECT version FROM partydesk_schema), current_database(),
                       (SELECT md5(coalesce(string_agg(id, ',' ORDER BY id), '')) FROM branches),
                       coalesce(max(seq), 0), coalesce(max(at)::text, '') FROM journal
                """).rows.first ?? []
            // One text, the time last: it alone may hold a space (a name's are made underscores).
            let fields = row.map { $0 ?? "" }
            return (fields.dropLast().map { $0.replacingOccurrences(of: " ", with: "_") } + fields.suffix(1)).joined(separator: " ")
        } catch { throw .refused(what: "journal", error) }
    }

    /// The journal rows this role sees after row `seq` (the changes a kept screen has not seen).
    public func journalRows(after seq: Int64) throws(PostgresStoreError) -> Int {
        do {
            return Int(try db.execute("SELECT count(*) FROM journal WHERE seq > $1", [String(seq)]).rows.first?.first.flatMap { $0 } ?? "") ?? 0
        } catch { throw .refused(what: "journal", error) }
    }
}

/// How far a first screen kept under one `journalFingerprint` is behind the database as another
/// says it is now: what a dashboard says while it shows that screen and reads the database again.
public struct KeptScreenLag: Equatable, Sendable {
    /// The journal's last row the kept screen had seen; nil when the numbers started again since
    /// (a push --replace): how many changes came since is then not known.
    public var keptSeq: Int64?
    /// The changes since, as this role sees them (`PostgresStore.journalRows(after:)`), once counted.
    public var changes: Int?
    /// The time of the last journal row the kept screen had seen, to the second (empty: none).
    public var keptAt: String

    /// Nil unless both fingerprints are of the same role, schema, database and rows seen, and `kept`
    /// is not `now`: a screen kept by another reader may show rows this one may not see, and is never shown.
    public init?(kept: String, now: String) {
        let (k, n) = (Self.fields(kept), Self.fields(now))
        guard k.count == 6, n.count == 6, k[0..<4] == n[0..<4], kept != now,
              let before = Int64(k[4]), let after = Int64(n[4]) else { return nil }
        keptSeq = after >= before ? before : nil
        keptAt = PostgresCommitError.time(k[5])
    }

    init(keptSeq: Int64?, changes: Int?, keptAt: String) {
        self.keptSeq = keptSeq
        self.changes = changes
        self.keptAt = keptAt
    }

    /// role, schema, database, rows seen, last row, its time (which holds a space: the rest of the text;
    /// the other fields have theirs made underscores).
    static func fields(_ fingerprint: String) -> [String] {
        fingerprint.split(separator: " ", maxSplits: 5, omittingEmptySubsequences: false).map(String.init)
    }
}

extension PostgresStore {
    /// The journal's lines, oldest first, as this role may read them (`journal` command): each
    /// commit's lines as the JSON workspace's journal.jsonl would hold them.
    public func journalText() throws(PostgresStoreError) -> String {
        do {
            return try db.execute(Self.journalLinesQuery).rows.compactMap { $0.first ?? nil }.joined()
        } catch { throw .from(error, what: "journal") }
    }
}

extension PostgresStore {
    /// The journal's lines in commit order (`journal`, `db pull`).
    static let journalLinesQuery = "SELECT line FROM journal WHERE line IS NOT NULL ORDER BY seq"
}
