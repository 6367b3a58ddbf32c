import Foundation
import Testing
import TestSupport
import PartyStore
import PartyPostgres

/// `partydesk db init|push|pull` as people run them, against a real server the test starts itself
/// (skipped only with PARTYDESK_SKIP_POSTGRES=1).
@Suite(.serialized) struct DbCommandTests {
    func server() throws -> ThrowawayPostgres? { try ThrowawayPostgres.forTest() }

    /// The workspace's files but its own bookkeeping (`.backup/`, the lock), which a database does not keep.
    func dataFiles(_ dir: String) -> [String: Data] {
        allFilesIn(dir).filter { !$0.key.hasPrefix(".backup/") && !$0.key.hasSuffix(".lock") }
    }

    func expectSame(_ a: String, _ b: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let left = dataFiles(a), right = dataFiles(b)
        #expect(left.count > 10 && Set(left.keys) == Set(right.keys), "\(Set(left.keys).symmetricDifference(right.keys).sorted())", sourceLocation: sourceLocation)
        #expect(left.keys.filter { left[$0] != right[$0] }.sorted().isEmpty, sourceLocation: sourceLocation)
    }

    /// The SQLSTATE a statement was refused with ("none" when it was not refused).
    func sqlState(_ body: () throws -> Void) -> String {
        do { try body(); return "none" } catch let error as PostgresError { return error.sqlState ?? "?" } catch { return "\(error)" }
    }

    /// db grant / roles / revoke as an administrator runs them: the roles listed with their scope,
    /// a bad name and an unknown 党总支 refused with what to do (exit 1, nothing made); the server then
    /// holds the township to its own 党总支 (the rules themselves: PermissionsTests).
    @Test func grantRolesRevoke() throws {
        guard let pg = try server() else { return }
        defer { pg.stop() }
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let ws = tmp.sub("demo")
        #expect(try runProduct("partydesk", ["demo", ws, "--as-of", "2026-11-21"]).status == 0)
        #expect(try runProduct("partydesk", ["db", "push", "--data", ws, pg.uri]).status == 0)

        let town = try runProduct("partydesk", ["db", "grant", pg.uri, "town_office", "--general-branch", "gb-office"])
        #expect(town.status == 0 && town.stdout.contains("town_office") && town.stdout.contains("gb-office") && town.stdout.contains("读写"),
                "\(town.stdout)\(town.stderr)")
        let wall = try runProduct("partydesk", ["db", "grant", pg.uri, "wall", "--read-only", "--lang", "en"])
        #expect(wall.status == 0 && wall.stdout.contains("may only read") && wall.stdout.contains("whole organisation"), "\(wall.stdout)\(wall.stderr)")
        let roles = try runProduct("partydesk", ["db", "roles", pg.uri])
        #expect(roles.stdout.split(separator: "\n").map(String.init) == ["town_office  gb-office  读写", "wall  整个组织  只读"], "\(roles.stdout)")

        let bad = try runProduct("partydesk", ["db", "grant", pg.uri, "Town-1"])
        #expect(bad.status == 1 && bad.stderr.contains("小写字母"), "\(bad.stderr)")
        let unknown = try runProduct("partydesk", ["db", "grant", pg.uri, "town_b", "--general-branch", "gb-none"])
        #expect(unknown.status == 1 && unknown.stderr.contains("gb-none"), "\(unknown.stderr)")

        // The server holds the township to its own: it sees only gb-office's branches, and a write
        // into another 党总支's is refused by PostgreSQL (42501).
        let admin = try PostgresConnection(uri: pg.uri)
        let office = try PostgresConnection(uri: pg.uri(as: "town_office"))
        let own = try admin.execute("SELECT id FROM branches WHERE general_branch_id = 'gb-office' ORDER BY id").rows
        let seen = try office.execute("SELECT id FROM branches ORDER BY id").rows
        #expect(!own.isEmpty && seen == own)
        let other = try admin.execute("SELECT id FROM branches WHERE general_branch_id = 'gb-teach' LIMIT 1").rows[0][0]!
        let refusal = sqlState {
            try office.execute("INSERT INTO activities (id, ord, branch_id, kind, date, year, body, changed_by) "
                               + "SELECT 'x1', ord, $1, kind, date, year, jsonb_set(jsonb_set(body, '{id}', '\"x1\"'), '{branchId}', to_jsonb($1::text)), 'me' "
                               + "FROM activities LIMIT 1", [other])
        }
        #expect(refusal == "42501")

        let revoke = try runProduct("partydesk", ["db", "revoke", pg.uri, "town_office"])
        #expect(revoke.status == 0, "\(revoke.stderr)")
        #expect(try runProduct("partydesk", ["db", "roles", pg.uri]).stdout.split(separator: "\n").map(String.init) == ["wall  整个组织  只读"])
    }

    /// init (twice), push, a second push refused, pull: the files and the journal come back byte for
    /// byte; a pull into a workspace is refused.
    @Test func initPushPullGiveTheSameFiles() throws {
        guard let pg = try server() else { return }
        defer { pg.stop() }
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let ws = tmp.sub("demo")
        #expect(try runProduct("partydesk", ["demo", ws, "--as-of", "2026-11-21"]).status == 0)
        let added = try runProduct("partydesk", ["add-activity", "--data", ws, "--branch", "b-enterprise", "--kind", "partyLesson",
                                                 "--date", "2026-03-31", "--title", "党课 \"引号\" \\ 反斜杠 'O'Brien'", "--hours", "0.20"])
        #expect(added.status == 0, "\(added.stderr)")

        let first = try runProduct("partydesk", ["db", "init", pg.uri])
        #expect(first.status == 0 && first.stdout.contains("结构版本 4"), "\(first.stdout)\(first.stderr)")
        let again = try runProduct("partydesk", ["db", "init", pg.uri, "--lang", "en"])
        #expect(again.status == 0 && again.stdout.contains("nothing to do"), "\(again.stdout)\(again.stderr)")

        let push = try runProduct("partydesk", ["db", "push", "--data", ws, pg.uri])
        #expect(push.status == 0 && push.stdout.contains("日志 1 行"), "\(push.stdout)\(push.stderr)")
        let refused = try runProduct("partydesk", ["db", "push", "--data", ws, pg.uri])
        #expect(refused.status == 1 && refused.stderr.contains("--replace") && refused.stderr.contains("已有工作区"), "\(refused.stderr)")

        let pull = try runProduct("partydesk", ["db", "pull", pg.uri, tmp.sub("pulled")])
        #expect(pull.status == 0, "\(pull.stderr)")
        expectSame(ws, tmp.sub("pulled"))
        #expect(FileManager.default.contents(atPath: tmp.sub("pulled/journal.jsonl")) == FileManager.default.contents(atPath: "\(ws)/journal.jsonl"))
        let validate = try runProduct("partydesk", ["validate", "--data", tmp.sub("pulled")])
        #expect(validate.status == 0, "\(validate.stdout)")

        let over = try runProduct("partydesk", ["db", "pull", pg.uri, ws])
        #expect(over.status == 1 && !over.stderr.isEmpty)
    }

    /// A generated town (every kind of record the generator makes) round-trips through the commands with --replace.
    @Test func aGeneratedWorkspaceRoundTrips() throws {
        guard let pg = try server() else { return }
        defer { pg.stop() }
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        #expect(try runProduct("partydesk", ["generate", tmp.sub("town"), "--preset", "town"]).status == 0)
        #expect(try runProduct("partydesk", ["db", "push", "--data", tmp.sub("town"), pg.uri]).status == 0)
        // Replace the town with itself: the database ends as it was (the journal then says "replace").
        let push = try runProduct("partydesk", ["db", "push", "--replace", "--data", tmp.sub("town"), pg.uri])
        #expect(push.status == 0, "\(push.stderr)")
        let pull = try runProduct("partydesk", ["db", "pull", pg.uri, tmp.sub("back")])
        #expect(pull.status == 0, "\(pull.stderr)")
        print("town via the CLI: \(push.stdout) / \(pull.stdout)")
        expectSame(tmp.sub("town"), tmp.sub("back"))
    }

    /// A password in the URI (where it should not be) is never shown, whatever fails; the message
    /// says where the password belongs. A newer database is refused with what to do.
    @Test func errorsNameWhatFailedWithoutThePassword() throws {
        guard let pg = try server() else { return }
        defer { pg.stop() }
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let secret = "s3cret-pw"
        let withPassword = "postgresql://partydesk:\(secret)@/nosuchdb?host=\(pg.directory)"
        #expect(try runProduct("partydesk", ["demo", tmp.sub("ws"), "--as-of", "2026-11-21"]).status == 0)
        for arguments in [["db", "init", withPassword], ["db", "pull", withPassword, tmp.sub("out")],
                          ["db", "push", "--data", tmp.sub("ws"), "\(withPassword)&password=\(secret)"]] {
            let result = try runProduct("partydesk", arguments)
            #expect(result.status == 1, "\(arguments)")
            #expect(!(result.stdout + result.stderr).contains(secret), "\(result.stderr)")
        }
        let refused = try runProduct("partydesk", ["db", "init", withPassword])
        #expect(refused.stderr.contains("nosuchdb") && refused.stderr.contains("~/.pgpass") && refused.stderr.contains("partydesk:***@"), "\(refused.stderr)")

        #expect(try runProduct("partydesk", ["db", "init", pg.uri]).status == 0)
        try PostgresConnection(uri: pg.uri).execute("UPDATE partydesk_schema SET version = 99")
        let newer = try runProduct("partydesk", ["db", "pull", pg.uri, tmp.sub("out"), "--lang", "en"])
        #expect(newer.status == 1 && newer.stderr.contains("schema version is 99") && newer.stderr.contains("Upgrade PartyDesk"), "\(newer.stderr)")
        #expect(!FileManager.default.fileExists(atPath: tmp.sub("out")))
    }

    /// partydesk binds libpq when a database is first used (dlopen), not when it starts. Where libpq
    /// cannot be loaded (PARTYDESK_LIBPQ, the loader's override, points at a file that is not there:
    /// the system's libpq5 cannot be hidden from dlopen otherwise), the JSON commands still work and
    /// `db` says what is missing and how to install it, exit 1, without the password.
    @Test func withoutLibpqDbSaysWhatIsMissingAndJSONStillWorks() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let noLibpq = ["PARTYDESK_LIBPQ": "/nonexistent/libpq.so.5"]
        #expect(try runProduct("partydesk", ["demo", tmp.sub("ws"), "--as-of", "2026-11-21"], environment: noLibpq).status == 0)
        #expect(try runProduct("partydesk", ["validate", "--data", tmp.sub("ws")], environment: noLibpq).status == 0)
        for lang in ["zh", "en"] {
            let result = try runProduct("partydesk", ["db", "init", "postgresql://clerk:s3cret@/db", "--lang", lang], environment: noLibpq)
            #expect(result.status == 1)
            #expect(result.stderr.contains("libpq") && result.stderr.contains("apt-get install -y libpq5")
                    && result.stderr.contains("/nonexistent/libpq.so.5: cannot open shared object file") && !result.stderr.contains("s3cret"),
                    "\(result.stderr)")
        }
    }

    /// The one binary holds the db commands and does not link libpq (it is dlopen'd when used).
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/ldd"), "ldd (Linux)"))
    func partydeskDoesNotLinkLibpq() throws {
        let ldd = Process()
        ldd.executableURL = URL(fileURLWithPath: "/usr/bin/ldd")
        ldd.arguments = ["\(productsDirectory)/partydesk"]
        let out = Pipe()
        ldd.standardOutput = out
        try ldd.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        ldd.waitUntilExit()
        #expect(ldd.terminationStatus == 0 && text.contains("libc.so") && !text.contains("libpq"), "\(text)")
    }
}
