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

    /// Replays on `loaded` the changes committed after `mark` (those already there are skipped).
    public func follow(_ loaded: inout PostgresLoaded, after mark: Int64) throws(PostgresStoreError) -> Followed {
        var followed = Followed(mark: mark)
        let rows: [[String?]]
        do {
            rows = try db.execute("SELECT seq, line, changed_by FROM journal WHERE seq > $1 ORDER BY seq", [String(mark)]).rows
        } catch { throw .refused(what: "journal", error) }
        for row in rows {
            if let seq = row[0].flatMap({ Int64($0) }) { followed.mark = max(followed.mark, seq) }
            // A push's or a grant's row names no record: nothing to replay.
            guard let line = row[1] else { continue }
            guard let change = Journal.change(fromLine: Data(line.utf8)) else { followed.needsReload = true; continue }
            if change.isApplied(in: loaded.workspace) { continue }
            do { try change.apply(to: &loaded.loaded.workspace) } catch {
                followed.needsReload = true
                continue
            }
            followed.changes.append(change)
            followed.users.append(row[2] ?? "")
            // The row's version now, so that this editor's next change of it is not refused as stale.
            // (Manual scores and bonuses are keyed by their row_id, not their model id: read again whole.)
            guard let single = ChangeSQL.single(change), !["manual_scores", "bonuses"].contains(single.table),
                  let id = single.afterId ?? single.beforeId else {
                followed.needsReload = true
                continue
            }
            if single.afterId == nil {
                loaded.versions[single.table, id] = nil
                continue
            }
            do {
                let version = try db.execute("SELECT version FROM \(single.table) WHERE id = $1", [id]).rows.first?.first ?? nil
                loaded.versions[single.table, id] = version.flatMap { Int($0) }.map { .init(key: id, version: $0) }
            } catch { throw .refused(what: single.table, error) }
        }
        return followed
    }
}

extension PostgresStore {
    /// What the workspace in the database is now, for the first screen a session keeps for the next
    /// (as the files' fingerprint does on a directory): the role reading it (row security shows each
    /// role its own rows), the schema version, and the journal's last row and its time — every commit
    /// writes one; a push --replace starts the numbers again but not the time.
    public func journalFingerprint() throws(PostgresStoreError) -> String {
        do {
            let row = try db.execute("""
                SELECT current_user, (SELECT version FROM partydesk_schema), coalesce(max(seq), 0), coalesce(max(at)::text, '') FROM journal
                """).rows.first ?? []
            return row.map { $0 ?? "" }.joined(separator: " ")
        } catch { throw .refused(what: "journal", error) }
    }
}
