import Foundation

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

    /// The journal file from the `line`s, in order.
    public static func journal(from lines: [String]) -> Data {
        Data(lines.joined().utf8)
    }
}
