import Foundation
import PartyModel

/// A JSON workspace's `journal.jsonl` as rows of the `journal` table and back (pure). Each line is kept
/// as it was (`line`, its newline included), so a pull writes the same bytes; the columns are read
/// from it for queries (when, who, which record). A line that does not read (a torn last line) is kept
/// too, its columns left to defaults.
public enum JournalRows {
    public static let columns = ["at", "changed_by", "host", "action", "entity", "record_id", "branch_id", "line"]

    /// `fallbackTime`: for a line without a readable time (ISO 8601, as PostgreSQL reads it).
    public static func rows(of journal: Data, fallbackTime: String) -> [[String?]] {
        var rows: [[String?]] = []
        var start = journal.startIndex
        while start < journal.endIndex {
            let newline = journal[start...].firstIndex(of: 0x0A)
            let end = newline.map { journal.index(after: $0) } ?? journal.endIndex
            let bytes = journal[start..<end]
            start = end
            let object = (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any] ?? [:]
            func text(_ key: String) -> String? { object[key] as? String }
            let time = text("time").flatMap { ISO8601DateFormatter().date(from: $0) != nil ? $0 : nil } ?? fallbackTime
            rows.append([time, text("user") ?? "", text("host"), text("action") ?? "unreadable", text("entity"), text("id"),
                         text("branchId"), String(decoding: bytes, as: UTF8.self)])
        }
        return rows
    }

    /// Rows for a commit: `lines` are `Journal.lines` of `change` (one a single change, in order, each
    /// ending with its newline), the columns taken from the change rather than read back from the
    /// lines (an import's 200,000 lines would each be parsed).
    public static func rows(of change: Change, lines: Data, user: String, host: String, time: String) -> [[String?]] {
        let parts = change.parts
        var rows: [[String?]] = []
        rows.reserveCapacity(parts.count)
        var start = lines.startIndex
        for part in parts {
            let end = lines[start...].firstIndex(of: 0x0A).map { lines.index(after: $0) } ?? lines.endIndex
            rows.append([time, user, host, part.action, part.entity, part.entityId, part.branchId, String(decoding: lines[start..<end], as: UTF8.self)])
            start = end
        }
        return rows
    }

    /// The journal file from the `line`s, in order.
    public static func journal(from lines: [String]) -> Data {
        Data(lines.joined().utf8)
    }
}
