import Foundation
import Testing
import TestSupport
import PartyModel
import PartyStore
@testable import PartyPostgres

/// The PostgreSQL store's reading and editing (issue 20) against a real server each test starts
/// itself (skipped only with PARTYDESK_SKIP_POSTGRES=1): a load is the workspace pushed; commits of
/// several editors at once land or are refused whole, with their journal rows.
@Suite(.serialized) struct PostgresStoreTests {
    /// A server holding the demo workspace pushed from `dir`, and that workspace as the JSON store loads it.
    struct Fixture {
        let pg: ThrowawayPostgres
        let tmp = TempDirectory()
        let json: Workspace

        init?() throws {
            guard let pg = try ThrowawayPostgres.forTest() else { return nil }
            self.pg = pg
            let store = WorkspaceStore(directory: tmp.sub("demo"))
            try store.create(DemoWorkspace.make(asOf: testAsOf))
            _ = try WorkspaceTransfer(uri: pg.uri, user: "push").push(directory: store.directory, replace: false)
            json = try store.load().workspace
        }

        func stop() { pg.stop(); tmp.cleanup() }

        func store(_ user: String) throws -> PostgresStore { try PostgresStore(uri: pg.uri, user: user, host: "pc-\(user)") }

        /// An activity's title in each row with its id (none: no row).
        func titles(_ id: String) throws -> [String?] {
            try PostgresConnection(uri: pg.uri).execute("SELECT body->>'title' FROM activities WHERE id = $1", [id]).rows.map { $0[0] }
        }

        /// One number from the database.
        func count(_ sql: String) throws -> Int {
            Int(try PostgresConnection(uri: pg.uri).execute(sql).rows.first?.first.flatMap { $0 } ?? "") ?? -1
        }
    }

    static func activity(_ id: String, branch: String, title: String = "主题党日 学习", day: String = "2026-11-20") -> Activity {
        Activity(id: id, branchId: branch, kind: .themedPartyDay, date: Day(iso: day)!, title: title)
    }

    @Test func aLoadIsTheWorkspacePushed() throws {
        guard let f = try Fixture() else { return }
        defer { f.stop() }
        let loaded = try f.store("读者").load()
        #expect(loaded.workspace == f.json)
        // Every record has its version (1: as pushed).
        #expect(loaded.versions.tables["activities"]?.count == f.json.activities.count)
        #expect(loaded.versions.tables.values.allSatisfy { $0.values.allSatisfy { $0.version == 1 } })
        // A keyless record's model id worked out in SQL is the model's own (a bonus added: the demo has none).
        var editing = loaded
        let bonus = Bonus(branchId: f.json.organisation.branches[1].id, year: f.json.settings.currentYear, points: 0.5, reason: "表彰 | 先进")
        try f.store("甲").commit(.bonus(before: nil, after: bonus), to: &editing)
        let db = try PostgresConnection(uri: f.pg.uri)
        for (table, ids) in [("manual_scores", editing.workspace.manualScores.map(\.id)), ("bonuses", editing.workspace.bonuses.map(\.id))] {
            let sql = "SELECT \(ChangeSQL.modelIdSQL[table]!) FROM \(table) ORDER BY ord, row_id"
            #expect(try db.execute(sql).rows.map { $0[0] } == ids, "\(table)")
            #expect(!ids.isEmpty)
        }
    }

    /// A load reads the activities over a second connection in the first one's snapshot; a role
    /// allowed one connection only reads all over its one, and loads the same workspace.
    @Test func aLoadOverOneConnectionOrTwoIsTheSame() throws {
        guard let f = try Fixture() else { return }
        defer { f.stop() }
        try PostgresGrants(uri: f.pg.uri).grant(role: "solo", generalBranch: nil, write: false)
        try PostgresConnection(uri: f.pg.uri).execute("ALTER ROLE solo CONNECTION LIMIT 1")
        let soloURI = f.pg.uri(as: "solo")
        let two = try f.store("甲"), one = try PostgresStore(uri: soloURI, user: "solo", host: "pc")
        for (store, shares) in [(two, true), (one, false)] {
            try store.db.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            let aside = WorkspaceSnapshot.sharingSnapshot(of: store.db, uri: store.uri)
            #expect((aside != nil) == shares, "\(store.user)")
            _ = try? aside?.execute("ROLLBACK")
            try store.db.execute("ROLLBACK")
        }
        // The second connection reads the first one's snapshot: a commit made after it began is in neither.
        try two.db.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        let aside = try #require(WorkspaceSnapshot.sharingSnapshot(of: two.db, uri: two.uri))
        let first = f.json.activities[0]
        try PostgresConnection(uri: f.pg.uri).execute("UPDATE activities SET body = body || '{\"title\": \"之后改的\"}' WHERE id = $1", [first.id])
        for db in [two.db, aside] {
            #expect(try db.execute("SELECT body->>'title' FROM activities WHERE id = $1", [first.id]).rows == [[first.title]])
        }
        try aside.execute("ROLLBACK")
        try two.db.execute("ROLLBACK")
        try PostgresConnection(uri: f.pg.uri).execute("UPDATE activities SET body = body || jsonb_build_object('title', $2::text) WHERE id = $1", [first.id, first.title])
        #expect(try one.load().workspace == f.json)
        let loaded = try two.load()
        #expect(loaded.workspace == f.json)
        #expect(loaded.versions.tables["activities"]?.count == f.json.activities.count)
    }

    /// Two editors, each with their own connection and load, on different branches: both land.
    @Test func twoEditorsOfDifferentBranchesBothLand() throws {
        guard let f = try Fixture() else { return }
        defer { f.stop() }
        let (a, b) = (try f.store("甲"), try f.store("乙"))
        var loadedA = try a.load(), loadedB = try b.load()
        let branches = f.json.organisation.branches.map(\.id)
        let old = f.json.activities.first { $0.branchId == branches[0] }!
        var edited = old; edited.title = "甲改过的标题"
        try a.commit(.activity(before: old, after: edited), to: &loadedA)
        try b.commit(.activity(before: nil, after: Self.activity("b-new", branch: branches[1])), to: &loadedB)
        let now = try f.store("读者").load()
        #expect(now.workspace.activities.first { $0.id == old.id }?.title == "甲改过的标题")
        #expect(now.workspace.activities.contains { $0.id == "b-new" })
        #expect(now.versions["activities", old.id]?.version == 2 && now.versions["activities", "b-new"]?.version == 1)
        #expect(loadedA.versions["activities", old.id]?.version == 2 && loadedB.versions["activities", "b-new"]?.version == 1)
        #expect(try f.count("SELECT count(*) FROM journal WHERE line IS NOT NULL AND changed_by IN ('甲', '乙')") == 2)
    }

    /// An editor keeps up with another by replaying its journal rows: after the other's add, edit,
    /// delete and a member's change, the workspace and versions held equal a fresh load's; its own
    /// commit, already held, is skipped; and it can then edit the record the other edited.
    @Test func followingAnotherEditorEqualsReadingAgain() throws {
        guard let f = try Fixture() else { return }
        defer { f.stop() }
        let (a, b) = (try f.store("甲"), try f.store("乙"))
        let mark = try a.journalMark()
        var loadedA = try a.load(), loadedB = try b.load()
        let branch = f.json.organisation.branches[0].id
        let old = f.json.activities.first { $0.branchId == branch }!, gone = f.json.activities.last!
        var edited = old; edited.title = "乙改过的标题"
        var member = f.json.members[0]; member.phone = "13800000000"
        try b.commit(.activity(before: nil, after: Self.activity("b-new", branch: branch)), to: &loadedB)
        try b.commit(.batch([.activity(before: old, after: edited), .activity(before: gone, after: nil),
                             .member(before: f.json.members[0], after: member)]), to: &loadedB)
        try a.commit(.activity(before: nil, after: Self.activity("a-own", branch: branch)), to: &loadedA)

        let followed = try a.follow(&loadedA, after: mark)
        #expect(!followed.needsReload && followed.changes.count == 4 && Set(followed.users) == ["乙"])
        let fresh = try f.store("读者").load()
        // The same records; the replayed add sits after this editor's own (in the database, before it:
        // it was committed first) — a list's order is the files', not a figure's.
        #expect(Set(loadedA.workspace.activities) == Set(fresh.workspace.activities))
        var held = loadedA.workspace
        held.activities = fresh.workspace.activities
        #expect(held == fresh.workspace)
        #expect(loadedA.versions == fresh.versions)
        // Nothing new since: nothing replayed.
        let again = try a.follow(&loadedA, after: followed.mark)
        #expect(again.changes.isEmpty && again.mark == followed.mark)
        // A line is only a pointer: one that does not match its row (forged by a writer) is not
        // replayed as it says — the editor is told to read whole.
        let forged = Self.activity("forged", branch: branch, title: "不存在的活动")
        let line = String(decoding: Journal.lines(.activity(before: nil, after: forged), user: "乙", host: "x", undo: false, at: Date()), as: UTF8.self)
        try PostgresConnection(uri: f.pg.uri).execute("INSERT INTO journal (changed_by, action, entity, record_id, branch_id, line) VALUES ('乙', 'add', 'activity', 'forged', $1, $2)",
                                                       [branch, line])
        var probe = loadedA
        let fooled = try a.follow(&probe, after: followed.mark)
        #expect(fooled.needsReload, "a line its row does not bear out")
        // The other's edit is held with its version: this editor's change of it lands.
        var mine = edited; mine.title = "甲再改"
        try a.commit(.activity(before: edited, after: mine), to: &loadedA)
        #expect(try f.store("读者").load().workspace.activities.first { $0.id == old.id }?.title == "甲再改")
    }

    /// Two editors of the same record: the second is refused with the first's name and time; the
    /// first's change stands, and nothing of the second's batch (an add beside the edit) is there.
    @Test func theSameRecordEditedByTwoRefusesTheSecondWhole() throws {
        guard let f = try Fixture() else { return }
        defer { f.stop() }
        let (a, b) = (try f.store("甲"), try f.store("乙"))
        var loadedA = try a.load(), loadedB = try b.load()
        let old = f.json.activities[0]
        var byA = old; byA.title = "甲的标题"
        var byB = old; byB.title = "乙的标题"
        let rows = try f.count("SELECT count(*) FROM activities"), journal = try f.count("SELECT count(*) FROM journal")
        try a.commit(.activity(before: old, after: byA), to: &loadedA)
        let workspaceB = loadedB.workspace, versionsB = loadedB.versions
        let batch = Change.batch([.activity(before: nil, after: Self.activity("b-side", branch: old.branchId)), .activity(before: old, after: byB)])
        do {
            try b.commit(batch, to: &loadedB)
            Issue.record("the second commit of the same record landed")
        } catch {
            guard case .recordChanged(let entity, let id, let by, let at) = error else { Issue.record("\(error)"); return }
            #expect(entity == "activity" && id == old.id && by == "甲" && at != nil)
            let message = error.message(.zh)
            #expect(message.contains("甲") && message.contains(old.id) && message.contains("活动"), "\(message)")
            #expect(error.message(.en).contains("changed by 甲 at 20"), "\(error.message(.en))")
        }
        // The refused editor's workspace and versions are as they were.
        #expect(loadedB.workspace == workspaceB && loadedB.versions == versionsB)
        #expect(try f.count("SELECT count(*) FROM activities") == rows)
        #expect(try f.count("SELECT count(*) FROM activities WHERE id = 'b-side'") == 0)
        #expect(try f.count("SELECT count(*) FROM journal") == journal + 1)
        #expect(try f.store("读者").load().workspace.activities.first { $0.id == old.id }?.title == "甲的标题")

        // A record deleted by one and edited by the other: the refusal names the deleter from the journal.
        try a.commit(.activity(before: byA, after: nil), to: &loadedA)
        do { try b.commit(.activity(before: old, after: byB), to: &loadedB); Issue.record("an edit of a deleted record landed") } catch {
            guard case .recordChanged(_, _, let by, let at) = error else { Issue.record("\(error)"); return }
            #expect(by == "甲" && at != nil)
        }
        #expect(try f.count("SELECT count(*) FROM activities WHERE id = '\(old.id)'") == 0)
    }

    /// A batch of adds, one of whose ids someone else took first: refused naming that record, none of the batch there.
    @Test func aBatchOfAddsWithATakenIdLandsNothing() throws {
        guard let f = try Fixture() else { return }
        defer { f.stop() }
        let (a, b) = (try f.store("甲"), try f.store("乙"))
        var loadedA = try a.load(), loadedB = try b.load()
        let branch = f.json.organisation.branches[0].id
        try a.commit(.activity(before: nil, after: Self.activity("taken", branch: branch)), to: &loadedA)
        let batch = Change.batch(["x1", "taken", "x2"].map { .activity(before: nil, after: Self.activity($0, branch: branch)) })
        do { try b.commit(batch, to: &loadedB); Issue.record("a taken id landed") } catch {
            guard case .recordChanged(_, let id, let by, _) = error else { Issue.record("\(error)"); return }
            #expect(id == "taken" && by == "甲")
        }
        #expect(try f.count("SELECT count(*) FROM activities WHERE id IN ('x1', 'x2')") == 0)
        #expect(!loadedB.workspace.activities.contains { $0.id == "x1" })
    }

    /// 4 threads, each with its own connection and load, 50 adds each on a branch of its own: 200 rows, 200 journal rows.
    @Test func fourEditorsAtOnceLoseNothing() throws {
        guard let f = try Fixture() else { return }
        defer { f.stop() }
        let branches = f.json.organisation.branches.map(\.id)
        try #require(branches.count >= 4)
        let rows = try f.count("SELECT count(*) FROM activities")
        let failures = Locked<[String]>([])
        let uri = f.pg.uri
        DispatchQueue.concurrentPerform(iterations: 4) { t in
            do {
                let store = try PostgresStore(uri: uri, user: "editor\(t)", host: "pc\(t)")
                var loaded = try store.load()
                for i in 0..<50 {
                    try store.commit(.activity(before: nil, after: Self.activity("t\(t)-\(i)", branch: branches[t])), to: &loaded)
                }
            } catch {
                failures.mutate { $0.append("\(t): \(error)") }
            }
        }
        #expect(failures.value.isEmpty, "\(failures.value)")
        #expect(try f.count("SELECT count(*) FROM activities") == rows + 200)
        #expect(try f.count("SELECT count(*) FROM journal WHERE changed_by LIKE 'editor%' AND action = 'add' AND entity = 'activity'") == 200)
        // Each new row after the last: no two share a place.
        #expect(try f.count("SELECT count(*) - count(DISTINCT ord) FROM activities") == 0)
    }

    /// A change the validator refuses never reaches the database, and the editor's workspace is as it was.
    @Test func anInvalidChangeNeverReachesTheDatabase() throws {
        guard let f = try Fixture() else { return }
        defer { f.stop() }
        let store = try f.store("甲")
        var loaded = try store.load()
        let before = loaded.workspace
        let journal = try f.count("SELECT count(*) FROM journal")
        #expect(throws: PostgresCommitError.self) {
            try store.commit(.activity(before: nil, after: Self.activity("bad", branch: "no-such-branch")), to: &loaded)
        }
        do { try store.commit(.activity(before: nil, after: Self.activity("bad", branch: "no-such-branch")), to: &loaded) } catch {
            guard case .invalid = error else { Issue.record("not refused as invalid: \(error)"); return }
        }
        #expect(loaded.workspace == before)
        #expect(try f.count("SELECT count(*) FROM activities WHERE id = 'bad'") == 0)
        #expect(try f.count("SELECT count(*) FROM journal") == journal)
    }

    /// Commits of every way a record is written — add, edit, id change, delete, a batch, a keyless
    /// manual score and bonus, the development targets and 目标 edited whole — then a fresh load
    /// equals what the commits made in memory; a keyless record added twice is refused.
    @Test func afterReopeningTheLoadIsWhatTheCommitsMade() throws {
        guard let f = try Fixture() else { return }
        defer { f.stop() }
        let store = try f.store("甲")
        var loaded = try store.load()
        let ws = loaded.workspace
        let branch = ws.organisation.branches[0].id
        let first = Self.activity("r-1", branch: branch)
        try store.commit(.activity(before: nil, after: first), to: &loaded)
        var renamed = first; renamed.id = "r-1b"; renamed.title = "改名"
        try store.commit(.activity(before: first, after: renamed), to: &loaded)
        try store.commit(.batch([.activity(before: nil, after: Self.activity("r-2", branch: branch)),
                                 .activity(before: ws.activities[0], after: nil)]), to: &loaded)
        var member = ws.members[0]; member.phone = "13800000000"
        try store.commit(.member(before: ws.members[0], after: member), to: &loaded)
        let times = Locked<[Double]>([])
        do {
            // The demo scores every manual item: one deleted, then added again.
            let score = try #require(ws.manualScores.first)
            try store.commit(.manualScore(before: score, after: nil), to: &loaded)
            try store.commit(.manualScore(before: nil, after: score), to: &loaded)
            var more = score; more.points = 2
            try store.commit(.manualScore(before: score, after: more), to: &loaded)
            // Someone else, who read before it was added, adds the same score: refused.
            let other = try f.store("乙")
            var otherLoaded = try other.load()
            _ = otherLoaded.loaded.workspace.manualScores.removeAll { $0.id == score.id }
            otherLoaded.versions["manual_scores", score.id] = nil
            do { try other.commit(.manualScore(before: nil, after: score), to: &otherLoaded); Issue.record("a manual score added twice") } catch {
                guard case .recordChanged(_, _, let by, _) = error else { Issue.record("\(error)"); return }
                #expect(by == "甲")
            }
        }
        let bonus = Bonus(branchId: branch, year: ws.settings.currentYear, points: 1, reason: "表彰")
        try store.commit(.bonus(before: nil, after: bonus), to: &loaded)
        try store.commit(.bonus(before: bonus, after: nil), to: &loaded)
        try store.commit(.bonus(before: nil, after: bonus), to: &loaded)
        let targets = loaded.workspace.developmentTargets
        try store.commit(.developmentTargets(before: targets, after: targets.setting(year: ws.settings.currentYear + 1, branchId: nil, plan: 7)), to: &loaded)
        do {
            let target = try #require(loaded.workspace.targets.targets.first)
            var changed = loaded.workspace.targets; changed.targets[0].title = target.title + "（调整）"
            changed.targets.append(changed.targets.removeFirst())
            try store.commit(.targets(before: loaded.workspace.targets, after: changed), to: &loaded)
        }
        // One commit timed against this server (an activity edited).
        for i in 0..<5 {
            let old = loaded.workspace.activities.first { $0.id == "r-2" }!
            var new = old; new.title = "计时 \(i)"
            let start = Date()
            try store.commit(.activity(before: old, after: new), to: &loaded)
            times.mutate { $0.append(Date().timeIntervalSince(start) * 1000) }
        }
        print("one commit (an activity edited), ms: \(times.value.map { String(format: "%.1f", $0) })")

        let reopened = try f.store("读者").load()
        #expect(reopened.workspace == loaded.workspace)
        #expect(reopened.versions == loaded.versions)
    }
}

/// A value shared by threads.
final class Locked<T>: @unchecked Sendable {
    private var stored: T
    private let lock = NSLock()
    init(_ value: T) { stored = value }
    var value: T { lock.withLock { stored } }
    func mutate(_ body: (inout T) -> Void) { lock.withLock { body(&stored) } }
}
