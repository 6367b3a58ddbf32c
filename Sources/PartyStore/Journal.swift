#if canImport(Glibc)
import Glibc
#endif
import Foundation
import PartyModel

/// `journal.jsonl`: one line per change (纪实) — time, OS user, host, action, entity, id, before and
/// after — appended and fsynced after the change itself is on disk, so it never claims a change
/// that is not there. The lines are written ahead to `.journal-pending.jsonl` before the change's
/// files, so that a stop in between loses no line: the next commit appends those of the records
/// that are on disk as the change left them (`Editor.recoverJournal`).
public struct Journal: Sendable {
    public static let fileName = "journal.jsonl"
    public let directory: String

    public init(directory: String) { self.directory = directory }

    public var path: String { "\(directory)/\(Self.fileName)" }

    /// One line per single change (a batch writes each of its parts), in one write.
    public func append(_ change: Change, user: String, host: String, undo: Bool = false, at date: Date = Date()) throws(FileError) {
        try appendRaw(Self.lines(change, user: user, host: host, undo: undo, at: date))
    }

    /// The lines of a change, one per single change; the parts of a large batch (an import of
    /// 200,000 records) on every core, the time worked out once. Static and public: the PostgreSQL
    /// store keeps the same lines in its journal table.
    public static func lines(_ change: Change, user: String, host: String, undo: Bool, at date: Date) -> Data {
        let parts = change.parts, time = Self.timestamp(date)
        guard parts.count > 64 else { return parts.reduce(into: Data()) { $0.append(line($1, user: user, host: host, undo: undo, time: time)) } }
        // In runs of lines, each run one buffer: not 200,000 small ones alive at once beside the whole.
        let runs = stride(from: 0, to: parts.count, by: 4_096).map { parts[$0..<min($0 + 4_096, parts.count)] }
        let chunks = Concurrently.map(runs) { run in
            run.reduce(into: Data()) { $0.append(line($1, user: user, host: host, undo: undo, time: time)) }
        }
        var data = Data()
        data.reserveCapacity(chunks.reduce(0) { $0 + $1.count })
        for chunk in chunks { data.append(chunk) }
        return data
    }

    public var pendingPath: String { "\(directory)/.journal-pending.jsonl" }

    /// Lines written ahead of a change's files (crash-safely, fsynced).
    func writeAhead(_ lines: Data) throws(FileError) { try AtomicFile.write(lines, to: pendingPath) }

    /// The lines written ahead and not yet appended, if any.
    func pending() -> Data? {
        // A link is not ours to read: `writeAhead` refuses it by name.
        guard case .success(let data) = AtomicFile.read(pendingPath, followingLinks: false) else { return nil }
        return data
    }

    func clearPending() { unlink(pendingPath) }

    /// Whether the journal already ends with these lines (appended, then stopped before the pending file went).
    func endsWith(_ lines: Data) -> Bool {
        guard case .success(let journal) = AtomicFile.read(path), journal.count >= lines.count else { return false }
        return journal.suffix(lines.count) == lines
    }

    static func line(_ change: Change, user: String, host: String, undo: Bool, at date: Date) -> Data {
        line(change, user: user, host: host, undo: undo, time: Self.timestamp(date))
    }

    /// One JSON object, keys in sorted order, written directly: the record before and after as
    /// JSONEncoder gives it (sorted keys), every other value a string or a boolean. (Through
    /// JSONSerialization it took 0.3 ms a line: a minute for an import of 200,000 records.)
    static func line(_ change: Change, user: String, host: String, undo: Bool, time: String) -> Data {
        lazy var encoder: JSONEncoder = {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return encoder
        }()
        // Activities and strings as JSONEncoder gives them, without its cost (an import's 200,000
        // lines), into one buffer.
        let writer = ActivityWriter()
        var out: [UInt8] = []
        out.reserveCapacity(768)
        func text(_ s: String) { writer.string(s, into: &out) }
        func record(_ side: Side) {
            if case .activity(let b, let a) = change {
                if let record = side == .before ? b : a { writer.object(record, pretty: false, into: &out) } else { out.append(contentsOf: "null".utf8) }
            } else {
                out.append(contentsOf: Self.encoded(change, side: side, with: encoder) ?? Data("null".utf8))
            }
        }
        out.append(contentsOf: "{\"action\":".utf8)
        text(change.action)
        out.append(contentsOf: ",\"after\":".utf8)
        record(.after)
        out.append(contentsOf: ",\"before\":".utf8)
        record(.before)
        if let branch = change.branchId {
            out.append(contentsOf: ",\"branchId\":".utf8)
            text(branch)
        }
        for (key, value) in [("entity", change.entity), ("host", host), ("id", change.entityId), ("time", time)] {
            out.append(contentsOf: ",\"\(key)\":".utf8)
            text(value)
        }
        out.append(contentsOf: ",\"undo\":\(undo),\"user\":".utf8)
        text(user)
        out.append(contentsOf: "}\n".utf8)
        return Data(out)
    }

    /// The record on one side of a single change, encoded (nil: none, or a batch).
    static func encoded(_ change: Change, side: Side, with encoder: JSONEncoder) -> Data? {
        func encode<T: Encodable>(_ pair: (T?, T?)) -> Data? { (side == .before ? pair.0 : pair.1).flatMap { try? encoder.encode($0) } }
        switch change {
        case .activity(let b, let a): return encode((b, a))
        case .rectification(let b, let a): return encode((b, a))
        case .task(let b, let a): return encode((b, a))
        case .branch(let b, let a): return encode((b, a))
        case .generalBranch(let b, let a): return encode((b, a))
        case .check(let b, let a): return encode((b, a))
        case .manualScore(let b, let a): return encode((b, a))
        case .bonus(let b, let a): return encode((b, a))
        case .member(let b, let a): return encode((b, a))
        case .duesPayment(let b, let a): return encode((b, a))
        case .trainingEntry(let b, let a): return encode((b, a))
        case .reviewResult(let b, let a): return encode((b, a))
        case .pioneerPoints(let b, let a): return encode((b, a))
        case .candidate(let b, let a): return encode((b, a))
        case .funds(let b, let a): return encode((b, a))
        case .developmentTargets(let b, let a): return encode((Optional(b), Optional(a)))
        case .targets(let b, let a): return encode((Optional(b), Optional(a)))
        case .batch: return nil
        }
    }

    func appendRaw(_ data: Data) throws(FileError) {
        // Never through a symbolic link (ELOOP): the journal is appended to in place.
        let fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC, AtomicFile.newFileMode)
        guard fd >= 0 else { throw FileError(path: path, operation: "open", code: errno) }
        defer { close(fd) }
        try dropTornTail(fd)
        let written = data.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        if written != data.count { throw FileError(path: path, operation: "write", code: errno) }
        if fsync(fd) != 0 { throw FileError(path: path, operation: "fsync", code: errno) }
    }

    /// A write killed midway can leave the last line without its end (the kernel stops a write
    /// between pages when the process is killed): that fragment is cut off, so the next line
    /// starts a line of its own instead of spoiling it. The change it was half of is settled from
    /// the lines written ahead (`Editor.recoverJournal`).
    private func dropTornTail(_ fd: Int32) throws(FileError) {
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw FileError(path: path, operation: "fstat", code: errno) }
        var end = Int(info.st_size)
        var last: UInt8 = 0
        guard end > 0 else { return }
        guard pread(fd, &last, 1, off_t(end - 1)) == 1 else { throw FileError(path: path, operation: "read", code: errno) }
        guard last != 0x0A else { return }
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var cut = 0
        while end > 0 {
            let start = max(0, end - buffer.count)
            let count = end - start
            guard pread(fd, &buffer, count, off_t(start)) == count else { throw FileError(path: path, operation: "read", code: errno) }
            if let newline = buffer[0..<count].lastIndex(of: 0x0A) { cut = start + newline + 1; break }
            end = start
        }
        guard ftruncate(fd, off_t(cut)) == 0 else { throw FileError(path: path, operation: "truncate", code: errno) }
    }

    enum Side { case before, after }

    /// A record as its journal lines hold it: encoded, then read back as plain JSON values.
    static func json<T: Encodable>(_ record: T?) -> Any? {
        guard let record, let data = try? JSONEncoder().encode(record) else { return nil }
        return try? JSONSerialization.jsonObject(with: data)
    }

    /// The record of `entity` with `id` as `workspace` holds it, as `json` gives it (nil: none).
    static func json(entity: String, id: String, in ws: Workspace) -> Any? {
        func find<T: Identified & Encodable>(_ list: [T]) -> Any? { json(list.first { $0.id == id }) }
        switch entity {
        case "activity": return find(ws.activities)
        case "rectification": return find(ws.rectifications)
        case "task": return find(ws.plan.tasks)
        case "branch": return find(ws.organisation.branches)
        case "generalBranch": return find(ws.organisation.generalBranches)
        case "check": return find(ws.checks)
        case "manualScore": return find(ws.manualScores)
        case "bonus": return find(ws.bonuses)
        case "member": return find(ws.members)
        case "duesPayment": return find(ws.duesPayments)
        case "trainingEntry": return find(ws.trainingEntries)
        case "reviewResult": return find(ws.reviewResults)
        case "pioneerPoints": return find(ws.pioneerPoints)
        case "candidate": return find(ws.candidates)
        case "funds": return find(ws.funds)
        case "developmentTargets": return json(ws.developmentTargets)
        case "targets": return json(ws.targets)
        default: return nil
        }
    }

    /// One line as read back, for `partydesk journal`.
    public struct Entry: Sendable {
        public var time: String
        public var user: String
        public var host: String
        public var action: String
        public var entity: String
        public var id: String
        public var branchId: String?
        /// The change undid an earlier one (u in the dashboard).
        public var undo: Bool
        /// The line itself, as written.
        public var line: String
    }

    /// Every readable line, oldest first. A torn last line (a crash mid-append) is skipped.
    public func entries() -> [Entry] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        return Self.entries(in: text)
    }

    /// The readable lines of a journal's text (a database's `journal` rows hold the same lines).
    public static func entries(in text: String) -> [Entry] {
        text.split(separator: "\n").compactMap { raw in
            guard let object = try? JSONSerialization.jsonObject(with: Data(raw.utf8)) as? [String: Any] else { return nil }
            return Entry(time: object["time"] as? String ?? "", user: object["user"] as? String ?? "",
                         host: object["host"] as? String ?? "", action: object["action"] as? String ?? "",
                         entity: object["entity"] as? String ?? "", id: object["id"] as? String ?? "",
                         branchId: object["branchId"] as? String, undo: object["undo"] as? Bool ?? false, line: String(raw))
        }
    }

    /// ISO 8601 with the local offset: 2026-11-21T10:15:00+08:00.
    public static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone.current
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
