import Foundation
import Testing
import TestSupport
import PartyModel
import PartyStore
@testable import PartyPostgres

/// The schema and a whole workspace into PostgreSQL and back (issue 20, second part), against a real
/// server each test starts itself (skipped only with PARTYDESK_SKIP_POSTGRES=1).
@Suite(.serialized) struct WorkspaceTransferTests {
    func server() throws -> ThrowawayPostgres? { try ThrowawayPostgres.forTest() }

    /// The files a pull must give back: all but the JSON workspace's own bookkeeping (`.backup/`, its
    /// lock), which a database has no use for.
    func dataFiles(_ dir: String) -> [String: Data] {
        allFilesIn(dir).filter { !$0.key.hasPrefix(".backup/") && !$0.key.hasSuffix(".lock") }
    }

    func expectSameFiles(_ a: String, _ b: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let left = dataFiles(a), right = dataFiles(b)
        #expect(Set(left.keys) == Set(right.keys), "only in \(a): \(Set(left.keys).subtracting(right.keys).sorted()); only in \(b): \(Set(right.keys).subtracting(left.keys).sorted())", sourceLocation: sourceLocation)
        let differ = left.keys.filter { left[$0] != right[$0] }.sorted()
        #expect(differ.isEmpty, "files that differ: \(differ.prefix(10))", sourceLocation: sourceLocation)
    }

    /// The demo, edited through the Editor (so it has a journal) with text that is hard to keep —
    /// Chinese, quotes, backslashes, newlines and a tab (in notes: a title refuses them) — and amounts like 0.20 and 3000.01: pushed and
    /// pulled, every file is byte for byte the same. The same for a generated town.
    @Test func pushThenPullGivesTheSameBytes() throws {
        guard let pg = try server() else { return }
        defer { pg.stop() }
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let store = WorkspaceStore(directory: tmp.sub("demo"))
        var loaded = try store.create(DemoWorkspace.make(asOf: testAsOf))
        let ws = loaded.workspace
        let branch = ws.organisation.branches[0].id
        let member = ws.members.first { $0.branchId == branch }!
        let editor = Editor(store: store, user: "张三", host: "office-1")
        let title = "党课 \"学习\" 'O'Brien' \\ 路径 C:\\temp 《纲要》"
        try editor.commit(.activity(before: nil, after: Activity(id: "pg-a1", branchId: branch, kind: .partyLesson, date: Day(iso: "2026-03-31")!, title: title,
                                                  hours: 1.5, notes: "换行\n\"引号\"\t制表\n第三行 \\u0041")), to: &loaded)
        try editor.commit(.funds(before: nil, after: FundsEntry(id: "pg-f1", date: Day(iso: "2026-05-08")!, organisationId: branch, amount: 3000.01,
                                                 direction: .allocated, category: .activity, note: "拨付 3000.01 元")), to: &loaded)
        try editor.commit(.funds(before: nil, after: FundsEntry(id: "pg-f2", date: Day(iso: "2026-05-09")!, organisationId: ws.organisation.committee.id,
                                                 amount: 0.2, direction: .spent, category: .other)), to: &loaded)
        try editor.commit(.duesPayment(before: nil, after: DuesPayment(id: "pg-d1", memberId: member.id, branchId: branch, months: [YearMonth(year: 2026, month: 11)!],
                                                        amount: 0.20, paidOn: Day(iso: "2026-11-20")!, note: "农民党员 0.20 元")), to: &loaded)
        #expect(Journal(directory: store.directory).contents().map { String(decoding: $0, as: UTF8.self).split(separator: "\n").count } == 4)

        let transfer = WorkspaceTransfer(uri: pg.uri, user: "tester")
        let pushed = try transfer.push(directory: store.directory, replace: false)
        #expect(pushed.journalLines == 4 && !pushed.replaced)
        _ = try transfer.pull(into: tmp.sub("pulled"))
        expectSameFiles(store.directory, tmp.sub("pulled"))
        let text = try String(contentsOfFile: tmp.sub("pulled") + "/" + WorkspacePaths.funds(2026, organisation: branch), encoding: .utf8)
        #expect(text.contains("3000.01"))

        // The real columns hold what queries need: the activity's branch, day and year; the amount as a number.
        let db = try PostgresConnection(uri: pg.uri)
        #expect(try db.execute("SELECT branch_id, date, year, kind, version, changed_by FROM activities WHERE id = 'pg-a1'").rows
                == [[branch, "2026-03-31", "2026", "partyLesson", "1", "tester"]])
        #expect(try db.execute("SELECT amount, branch_id, committee_id FROM funds WHERE id = 'pg-f1'").rows == [["3000.01", branch, nil]])
        #expect(try db.execute("SELECT body->>'title' FROM activities WHERE id = 'pg-a1'").rows == [[title]])
        #expect(try db.execute("SELECT changed_by, host, action, entity, record_id FROM journal ORDER BY seq").rows.map { $0 }.first
                == ["张三", "office-1", "add", "activity", "pg-a1"])
        #expect(try db.execute("SELECT action FROM journal WHERE line IS NULL").rows == [["push"]])

        // A generated town (every kind of record the generator makes), into the same database with --replace.
        let town = WorkspaceStore(directory: tmp.sub("town"))
        try town.create(WorkspaceGenerator.make(.town, seed: 7, asOf: testAsOf))
        let start = Date()
        let counts = try transfer.push(directory: town.directory, replace: true)
        #expect(counts.replaced)
        let pushSeconds = Date().timeIntervalSince(start)
        let pullStart = Date()
        _ = try transfer.pull(into: tmp.sub("town-pulled"))
        print("town: \(counts.records) rows pushed in \(String(format: "%.2f", pushSeconds)) s, pulled in \(String(format: "%.2f", Date().timeIntervalSince(pullStart))) s")
        expectSameFiles(town.directory, tmp.sub("town-pulled"))
        // --replace took the demo's journal away with its records.
        #expect(!FileManager.default.fileExists(atPath: tmp.sub("town-pulled") + "/" + Journal.fileName))
    }

    /// `init` twice: the second has nothing to do and changes nothing.
    @Test func initTwiceIsHarmless() throws {
        guard let pg = try server() else { return }
        defer { pg.stop() }
        let transfer = WorkspaceTransfer(uri: pg.uri, user: "tester")
        let first = try transfer.initialise()
        #expect(first.from == 0 && first.to == PostgresSchema.currentVersion)
        let second = try transfer.initialise()
        #expect(second.from == PostgresSchema.currentVersion && second.to == PostgresSchema.currentVersion)
        let db = try PostgresConnection(uri: pg.uri)
        #expect(try db.execute("SELECT version FROM partydesk_schema").rows == [[String(PostgresSchema.currentVersion)]])
        let tables = try db.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").rows
        #expect(tables == [[String(PostgresSchema.recordTables.count + 2)]])   // + journal, partydesk_schema
    }

    /// A database made by a newer PartyDesk is refused — by init, push and pull — saying so, and left alone.
    @Test func aNewerSchemaIsRefused() throws {
        guard let pg = try server() else { return }
        defer { pg.stop() }
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let transfer = WorkspaceTransfer(uri: pg.uri, user: "tester")
        try transfer.initialise()
        let db = try PostgresConnection(uri: pg.uri)
        let newer = PostgresSchema.currentVersion + 1
        try db.execute("UPDATE partydesk_schema SET version = $1", [String(newer)])
        try WorkspaceStore(directory: tmp.sub("ws")).create(smallWorkspace())
        func expectRefused(_ error: PostgresStoreError?, sourceLocation: SourceLocation = #_sourceLocation) {
            guard let error, case .schemaTooNew(let found, let supported) = error else {
                Issue.record("not refused as newer: \(String(describing: error))", sourceLocation: sourceLocation)
                return
            }
            #expect(found == newer && supported == PostgresSchema.currentVersion, sourceLocation: sourceLocation)
            #expect(error.message(.zh).contains("版本为 \(newer)") && error.message(.en).contains("Upgrade PartyDesk"), sourceLocation: sourceLocation)
        }
        do { try transfer.initialise(); expectRefused(nil) } catch { expectRefused(error) }
        do { _ = try transfer.push(directory: tmp.sub("ws"), replace: true); expectRefused(nil) } catch { expectRefused(error) }
        do { _ = try transfer.pull(into: tmp.sub("out")); expectRefused(nil) } catch { expectRefused(error) }
        #expect(try db.execute("SELECT version FROM partydesk_schema").rows == [[String(newer)]])
        #expect(try db.execute("SELECT count(*) FROM settings").rows == [["0"]])
        #expect(!FileManager.default.fileExists(atPath: tmp.sub("out")))
    }

    /// The server, not only the program, refuses rows that break the schema: an activity of a branch
    /// that does not exist (foreign key), a fifth quarter and an unknown kind (checks), a fund of no
    /// known organisation. A push of a workspace with such a record lands nothing.
    @Test func foreignKeysAndChecksAreTheServers() throws {
        guard let pg = try server() else { return }
        defer { pg.stop() }
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let transfer = WorkspaceTransfer(uri: pg.uri, user: "tester")
        try WorkspaceStore(directory: tmp.sub("ws")).create(smallWorkspace())
        _ = try transfer.push(directory: tmp.sub("ws"), replace: false)
        let db = try PostgresConnection(uri: pg.uri)
        func refused(_ sql: String, _ state: String, sourceLocation: SourceLocation = #_sourceLocation) {
            do {
                try db.execute(sql)
                Issue.record("accepted: \(sql)", sourceLocation: sourceLocation)
            } catch {
                #expect(error.sqlState == state, "\(error)", sourceLocation: sourceLocation)
            }
        }
        refused("""
            INSERT INTO activities (id, ord, branch_id, kind, date, year, body, changed_by)
            VALUES ('x1', 99, 'b404', 'generalMeeting', '2026-01-05', 2026, '{}', 't')
            """, "23503")
        refused("""
            INSERT INTO activities (id, ord, branch_id, kind, date, year, body, changed_by)
            VALUES ('x2', 99, 'b1', 'party', '2026-01-05', 2026, '{}', 't')
            """, "23514")
        refused("""
            INSERT INTO activities (id, ord, branch_id, kind, date, year, body, changed_by)
            VALUES ('x3', 99, 'b1', 'generalMeeting', '2026-01-05', 2025, '{}', 't')
            """, "23514")
        refused("""
            INSERT INTO checks (id, ord, branch_id, year, quarter, date, body, changed_by)
            VALUES ('c5', 99, 'b1', 2026, 5, '2026-12-01', '{}', 't')
            """, "23514")
        refused("""
            INSERT INTO funds (id, ord, organisation_id, date, year, amount, direction, category, body, changed_by)
            VALUES ('f1', 99, 'nowhere', '2026-01-05', 2026, 10, 'spent', 'other', '{}', 't')
            """, "23514")
        refused("DELETE FROM branches WHERE id = 'b1'", "23503")

        // A workspace whose activity names a branch that is not there: refused whole, the database as it was.
        var broken = smallWorkspace()
        broken.activities[0].branchId = "b404"
        try WorkspaceStore(directory: tmp.sub("broken")).create(broken)
        do {
            _ = try transfer.push(directory: tmp.sub("broken"), replace: true)
            Issue.record("a record of an unknown branch was pushed")
        } catch {
            guard case .refused(let what, let pgError) = error else { Issue.record("\(error)"); return }
            #expect(what == "activities" && pgError.sqlState == "23503")
            #expect(error.message(.zh).contains("partydesk validate"))
        }
        #expect(try db.execute("SELECT count(*) FROM activities").rows == [[String(smallWorkspace().activities.count)]])
        #expect(try db.execute("SELECT count(*) FROM journal WHERE action = 'replace'").rows == [["0"]])
    }

    /// A push into a database that holds a workspace is refused without --replace, and changes nothing.
    @Test func pushIntoAWorkspaceIsRefusedWithoutReplace() throws {
        guard let pg = try server() else { return }
        defer { pg.stop() }
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let transfer = WorkspaceTransfer(uri: pg.uri, user: "tester")
        try WorkspaceStore(directory: tmp.sub("small")).create(smallWorkspace())
        try WorkspaceStore(directory: tmp.sub("demo")).create(DemoWorkspace.make(asOf: testAsOf))
        _ = try transfer.push(directory: tmp.sub("small"), replace: false)
        do {
            _ = try transfer.push(directory: tmp.sub("demo"), replace: false)
            Issue.record("pushed over a workspace")
        } catch {
            guard case .notEmpty = error else { Issue.record("\(error)"); return }
            #expect(error.message(.zh).contains("--replace"))
        }
        _ = try transfer.pull(into: tmp.sub("still-small"))
        expectSameFiles(tmp.sub("small"), tmp.sub("still-small"))
        _ = try transfer.push(directory: tmp.sub("demo"), replace: true)
        _ = try transfer.pull(into: tmp.sub("now-demo"))
        expectSameFiles(tmp.sub("demo"), tmp.sub("now-demo"))
        // Into a directory that holds files: refused by the JSON store, nothing written.
        do {
            _ = try transfer.pull(into: tmp.sub("small"))
            Issue.record("pulled over a workspace")
        } catch {
            guard case .store(.notEmpty) = error else { Issue.record("\(error)"); return }
        }
    }

    /// A database without a workspace: pull says to push one first.
    @Test func pullFromAnEmptyDatabaseSaysWhatToDo() throws {
        guard let pg = try server() else { return }
        defer { pg.stop() }
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let transfer = WorkspaceTransfer(uri: pg.uri, user: "tester")
        for _ in 0..<2 {
            do {
                _ = try transfer.pull(into: tmp.sub("out"))
                Issue.record("pulled nothing")
            } catch {
                guard case .noWorkspace = error else { Issue.record("\(error)"); return }
                #expect(error.message(.en).contains("db push"))
            }
            try transfer.initialise()
        }
    }
}

/// The pure parts: no server needed.
@Suite struct PostgresSchemaTextTests {
    /// The CHECKs' lists are written out (a released step never changes): they must be the model's cases.
    @Test func checkListsAreTheModelsCodes() {
        func codes<E: CodedEnum>(_ type: E.Type) -> [String] { E.allCases.map(\.rawValue) }
        let model: [String: [String]] = [
            "sector": codes(Sector.self), "memberStatus": codes(MemberStatus.self), "memberRole": codes(MemberRole.self),
            "activityKind": codes(ActivityKind.self), "rectificationStatus": codes(RectificationStatus.self),
            "reviewGrade": codes(ReviewGrade.self), "developmentStage": codes(DevelopmentStage.self),
            "fundsDirection": codes(FundsDirection.self), "fundsCategory": codes(FundsCategory.self), "taskStatus": codes(TaskStatus.self),
        ]
        #expect(PostgresSchema.enumValues == model, "a code was added to the model: add a migration step that widens its CHECK")
    }

    @Test func everyTableHasItsMappingAndTheVersionIsTheJSONSchemas() {
        #expect(WorkspaceRows.tables.map(\.name) == PostgresSchema.recordTables)
        #expect(PostgresSchema.currentVersion == WorkspaceSettings.currentSchemaVersion)
        #expect(PostgresSchema.migrations.last?.version == PostgresSchema.currentVersion)
        #expect(PostgresSchema.migrations.map(\.version) == PostgresSchema.migrations.map(\.version).sorted())
    }

    @Test func aURIIsShownWithoutItsPassword() {
        #expect(PostgresURI.redacted("postgresql://clerk:s3cr@t@db.example/party") == "postgresql://clerk:***@db.example/party")
        #expect(PostgresURI.redacted("postgresql://clerk@db/party?password=s3cret&sslmode=require") == "postgresql://clerk@db/party?password=***&sslmode=require")
        #expect(PostgresURI.redacted("host=db user=clerk password=s3cret dbname=party") == "host=db user=clerk password=*** dbname=party")
        #expect(PostgresURI.redacted("postgresql://clerk@/party?host=/tmp/x") == "postgresql://clerk@/party?host=/tmp/x")
        // libpq reads the user part up to the first "/": a "?" in the password is the password's.
        #expect(PostgresURI.redacted("postgresql://clerk:pa?ss@db/party") == "postgresql://clerk:***@db/party")
        #expect(PostgresURI.redacted("postgresql://clerk@db/party?sslpassword=k3y&sslmode=require") == "postgresql://clerk@db/party?sslpassword=***&sslmode=require")
        // libpq quotes a value it cannot decode: the message is scrubbed of the password, raw and decoded.
        let uri = "postgresql://clerk:50%off%21@db/party"
        #expect(PostgresURI.scrubbed("invalid percent-encoded token: \"50%off%21\"", of: uri) == "invalid percent-encoded token: \"***\"")
        #expect(PostgresURI.scrubbed("password \"s3@cret\" rejected", of: "postgresql://clerk:s3%40cret@db/party") == "password \"***\" rejected")
        let message = PostgresStoreError.connection(uri: uri, PostgresError(sqlState: nil, message: "invalid percent-encoded token: \"50%off%21\""))
        for lang in [Language.zh, .en] { #expect(!message.message(lang).contains("50%off")) }
    }

    /// The journal's lines go in as they are and come back as the same bytes, a torn last line too.
    @Test func journalLinesRoundTrip() {
        let file = Data("{\"action\":\"add\",\"entity\":\"activity\",\"id\":\"a1\",\"time\":\"2026-11-21T10:00:00+08:00\",\"user\":\"张三\"}\n{\"action\":\"ed".utf8)
        let rows = JournalRows.rows(of: file, fallbackTime: "2026-11-21T00:00:00Z")
        #expect(rows.count == 2)
        #expect(rows[0][0] == "2026-11-21T10:00:00+08:00" && rows[0][1] == "张三" && rows[0][3] == "add" && rows[0][5] == "a1")
        #expect(rows[1][0] == "2026-11-21T00:00:00Z" && rows[1][3] == "unreadable")
        #expect(JournalRows.journal(from: rows.map { $0.last!! }) == file)
    }
}
