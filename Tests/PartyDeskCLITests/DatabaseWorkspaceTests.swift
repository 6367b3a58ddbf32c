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
    /// the journal's times). The journal, an import and validate too.
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

        // The journal: the same changes, in the same order, by the same people (their times differ).
        func journal(_ data: String) throws -> [String] {
            let out = try runProduct("partydesk", ["journal", "--format", "csv", "--data", data])
            #expect(out.status == 0, "\(out.stderr)")
            return out.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }.map { $0.split(separator: ",", omittingEmptySubsequences: false).dropFirst().joined(separator: ",") }
        }
        let journalOnFiles = try journal(dir)
        #expect(journalOnFiles.count >= 2 && journalOnFiles.last!.contains("add,activity"), "\(journalOnFiles.suffix(2))")
        #expect(try journal(pg.uri) == journalOnFiles)

        // An import: the same plan said, the same records saved, the same reports after.
        let branch = DemoWorkspace.make(asOf: testAsOf).organisation.branches[2]
        let sheet = tmp.sub("import.csv")
        try "支部,会议类型,召开时间,会议主题\n\(branch.name),党员大会,2026/11/3,导入 学习\n\(branch.name),党课,2026/11/10,导入 党课\n"
            .write(toFile: sheet, atomically: true, encoding: .utf8)
        let imports = try [dir, pg.uri].map { try runProduct("partydesk", ["import", "--what", "activities", sheet, "--data", $0] + Self.asOf) }
        #expect(imports[0].status == 0 && imports[0].stdout.contains("新增 2"), "\(imports[0].stdout) \(imports[0].stderr)")
        #expect(imports[1].status == 0 && imports[1].stdout == imports[0].stdout, "\(imports[1].stdout) \(imports[1].stderr)")
        try expectSameOutputs(dir, pg.uri)
        #expect(try journal(pg.uri) == journal(dir))

        // validate: clean on both; then the same rule broken in both (more present than expected: the
        // database's checks do not judge a count), and the same problem named — by file and line, by table and row.
        func validate(_ data: String) throws -> ProcessResult { try runProduct("partydesk", ["validate", "--data", data]) }
        #expect(try validate(dir).status == 0 && validate(pg.uri).status == 0)
        // Written past the editor (which refuses it), as a hand edit of the file would.
        let files = WorkspaceStore(directory: dir)
        let loaded = try files.load()
        let index = try #require(loaded.workspace.activities.firstIndex { $0.title == "导入 党课" })
        let activity = loaded.workspace.activities[index]
        var crowded = loaded.workspace
        crowded.activities[index].attended = 99
        crowded.activities[index].expected = 5
        _ = try files.save(crowded, over: loaded)
        try PostgresConnection(uri: pg.uri).execute("UPDATE activities SET body = body || '{\"attended\": 99, \"expected\": 5}' WHERE id = $1", [activity.id])
        let (filesSay, databaseSays) = (try validate(dir), try validate(pg.uri))
        #expect(filesSay.status == 1 && databaseSays.status == 1)
        let problem = try #require(filesSay.stdout.split(separator: "\n").map(String.init).first { $0.contains(".attended") || $0.contains(" attended") })
        #expect(databaseSays.stdout.contains("activities[\(activity.id)] attended: " + problem.components(separatedBy: ": ").dropFirst().joined(separator: ": ")),
                "files: \(filesSay.stdout)\ndatabase: \(databaseSays.stdout)")
    }

    /// A township office imports a sheet of activities under its role: the ids it works out of the
    /// rows it sees are other offices' (the dry run lists them); the database refuses those, and the
    /// import is planned again past them until it lands — every row, none of another office's ids.
    @Test func aTownshipImportsPastOtherOfficesIds() throws {
        guard let pg = try server() else { return }
        defer { pg.stop() }
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        #expect(try pg.pushDemo(into: tmp.sub("demo")))
        #expect(try runProduct("partydesk", ["db", "grant", pg.uri, "town_a", "--general-branch", "gb-office"]).status == 0)
        let townURI = pg.uri(as: "town_a")
        let ws = DemoWorkspace.make(asOf: testAsOf)
        let branch = try #require(ws.organisation.branches.first { $0.parentId == "gb-office" })
        let sheet = tmp.sub("town.csv")
        try (["支部,会议类型,召开时间,会议主题"] + (1...3).map { "\(branch.name),党课,2026/11/2\($0 + 4),乡镇导入 \($0)" })
            .joined(separator: "\n").write(toFile: sheet, atomically: true, encoding: .utf8)
        let args = ["import", "--what", "activities", sheet, "--data", townURI] + Self.asOf
        func ids(_ text: String) -> Set<String> {
            Set(text.matches(of: /新增 (a2026-\d+)/).map { String($0.output.1) })
        }
        let dry = try runProduct("partydesk", args + ["--dry-run"])
        let planned = ids(dry.stdout)
        let others = Set(ws.activities.map(\.id))
        #expect(dry.status == 0 && planned.count == 3 && !planned.isDisjoint(with: others), "\(dry.stdout) \(dry.stderr)")
        let real = try runProduct("partydesk", args)
        #expect(real.status == 0 && real.stdout.contains("新增 3"), "\(real.stdout) \(real.stderr)")
        let admin = try PostgresConnection(uri: pg.uri)
        let saved = Set(try admin.execute("SELECT id FROM activities WHERE body->>'title' LIKE '乡镇导入 %'").rows.compactMap { $0[0] })
        #expect(saved.count == 3 && saved.isDisjoint(with: others) && saved == ids(real.stdout), "\(saved) \(real.stdout)")
        #expect(try admin.execute("SELECT count(*) FROM journal WHERE changed_by IS NOT NULL AND record_id = ANY($1::text[])",
                                  ["{" + saved.sorted().joined(separator: ",") + "}"]).rows == [["3"]])
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
