import Foundation
import Testing
import TestSupport
import PartyModel
import PartyStore
import PartyPostgres

/// The commands on a workspace in PostgreSQL (`--data postgresql://…`, issue 20) give what they give
/// on the same workspace's JSON files, against a real server the test starts itself.
@Suite(.serialized) struct DatabaseWorkspaceTests {
    func server() throws -> ThrowawayPostgres? { try ThrowawayPostgres.forTest() }

    static let asOf = ["--as-of", "2026-11-21"]

    /// Every report and figure command, in each of its formats.
    static let reports: [[String]] = {
        var list: [[String]] = []
        for command in [["compliance"], ["checks"], ["rectifications"], ["alerts"], ["scores"], ["scores", "--quarter", "3"],
                        ["members"], ["dues"], ["development", "list"], ["development", "targets"], ["funds", "summary"],
                        ["funds", "list"], ["tasks", "list"], ["targets", "status"]] {
            for format in ["text", "json", "csv"] { list.append(command + ["--format", format] + asOf) }
        }
        return list
    }()

    func expectSameOutputs(_ dir: String, _ uri: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        for args in Self.reports {
            let files = try runProduct("partydesk", args + ["--data", dir])
            let database = try runProduct("partydesk", args + ["--data", uri])
            #expect(files.status == 0 && !files.stdout.isEmpty, "\(args): \(files.stderr)", sourceLocation: sourceLocation)
            #expect(database.status == files.status && database.stdout == files.stdout && database.stderr == files.stderr,
                    "\(args): \(database.stderr)", sourceLocation: sourceLocation)
        }
        // The printable report, and the summary (which names where the workspace is).
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        for format in ["html", "md"] {
            #expect(try runProduct("partydesk", ["report", "--data", dir, "--out", tmp.sub("f.\(format)"), "--format", format] + Self.asOf).status == 0)
            #expect(try runProduct("partydesk", ["report", "--data", uri, "--out", tmp.sub("d.\(format)"), "--format", format] + Self.asOf).status == 0)
            #expect(FileManager.default.contents(atPath: tmp.sub("f.\(format)")) == FileManager.default.contents(atPath: tmp.sub("d.\(format)")),
                    "report --format \(format)", sourceLocation: sourceLocation)
        }
        let summary = try runProduct("partydesk", ["summary", "--data", dir] + Self.asOf).stdout
        let fromDatabase = try runProduct("partydesk", ["summary", "--data", uri] + Self.asOf).stdout
        #expect(summary.replacingOccurrences(of: dir, with: "WS") == fromDatabase.replacingOccurrences(of: PostgresURI.redacted(uri), with: "WS"),
                sourceLocation: sourceLocation)
    }

    /// The demo, pushed: every report the same; then the same activity recorded in both, and the
    /// reports the same again; pulled back, the database's files are the JSON workspace's (but for
    /// the journal's times). Commands that work on files only say so and what to do.
    @Test func reportsAndEditsAreTheSameOnBothStores() throws {
        guard let pg = try server() else { return }
        defer { pg.stop() }
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let dir = tmp.sub("demo")
        #expect(try pg.pushDemo(into: dir))
        try expectSameOutputs(dir, pg.uri)

        let add = ["add-activity", "--branch", "b-enterprise", "--kind", "partyLesson", "--date", "2026-03-31",
                   "--title", "党课 \"引号\" 'O'Brien'", "--hours", "1.5"]
        let onFiles = try runProduct("partydesk", add + ["--data", dir])
        let onDatabase = try runProduct("partydesk", add + ["--data", pg.uri])
        #expect(onFiles.status == 0 && onDatabase.stdout == onFiles.stdout, "\(onDatabase.stderr)")
        try expectSameOutputs(dir, pg.uri)

        #expect(try runProduct("partydesk", ["db", "pull", pg.uri, tmp.sub("pulled")]).status == 0)
        let left = allFilesIn(dir).filter { !$0.key.hasPrefix(".backup/") && !$0.key.hasSuffix(".lock") && $0.key != "journal.jsonl" }
        let right = allFilesIn(tmp.sub("pulled")).filter { $0.key != "journal.jsonl" }
        #expect(Set(left.keys) == Set(right.keys) && left.keys.filter { left[$0] != right[$0] }.isEmpty)

        for files in [["validate"], ["journal"], ["import", "--what", "activities", "x.csv"]] {
            let refused = try runProduct("partydesk", files + ["--data", pg.uri])
            #expect(refused.status == 1 && refused.stderr.contains("partydesk db pull"), "\(files): \(refused.stderr)")
        }
    }

    /// Four offices at once, fifty activities each, on their own branches: no lock, and all 200 land
    /// with a journal row each (an id another office took meanwhile is counted on). (Two editors of the
    /// same record: PostgresStoreTests.)
    @Test func fourOfficesAtOnce() throws {
        guard let pg = try server() else { return }
        defer { pg.stop() }
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let dir = tmp.sub("demo")
        #expect(try pg.pushDemo(into: dir))
        let branches = try WorkspaceStore(directory: dir).load().workspace.organisation.branches.prefix(4).map(\.id)
        let admin = try PostgresConnection(uri: pg.uri)
        let before = Int(try admin.execute("SELECT count(*) FROM activities").rows[0][0]!)!
        let journalBefore = Int(try admin.execute("SELECT count(*) FROM journal").rows[0][0]!)!

        let failures = Failures(), uri = pg.uri
        DispatchQueue.concurrentPerform(iterations: 4) { office in
            for n in 1...50 {
                let result = try? runProduct("partydesk", ["add-activity", "--data", uri, "--branch", branches[office], "--kind", "themedPartyDay",
                                                           "--date", "2026-10-\(10 + n % 18)", "--title", "主题党日 \(office)-\(n)"])
                if result?.status != 0 { failures.add("\(office)-\(n): \(result?.stderr ?? "did not run")") }
            }
        }
        #expect(failures.list.isEmpty, "\(failures.list.prefix(3))")
        #expect(Int(try admin.execute("SELECT count(*) FROM activities").rows[0][0]!)! == before + 200)
        #expect(Int(try admin.execute("SELECT count(*) FROM journal").rows[0][0]!)! == journalBefore + 200)
        #expect(try admin.execute("SELECT count(DISTINCT id) FROM activities WHERE body->>'title' LIKE '主题党日 _-%'").rows == [["200"]])
        for (office, branch) in branches.enumerated() {
            #expect(try admin.execute("SELECT count(*) FROM activities WHERE branch_id = $1 AND body->>'title' LIKE $2",
                                      [branch, "主题党日 \(office)-%"]).rows == [["50"]])
        }
    }
}

/// Failures collected from several threads.
final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func add(_ s: String) { lock.lock(); items.append(s); lock.unlock() }
    var list: [String] { lock.lock(); defer { lock.unlock() }; return items }
}
