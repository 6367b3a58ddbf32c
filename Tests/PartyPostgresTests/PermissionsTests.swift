import Foundation
import Testing
import TestSupport
import PartyModel
import PartyStore
@testable import PartyPostgres

/// Permissions kept by the server (issue 20): a township office's role reads its own 党总支's branches
/// and writes only their records; a display's role reads and never writes. Against a real server,
/// with the demo pushed in: each refusal is PostgreSQL's, not PartyDesk's.
@Suite(.serialized) struct PermissionsTests {
    func refusal(_ sqlState: String, sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) {
        do {
            try body()
            Issue.record("not refused", sourceLocation: sourceLocation)
        } catch let error as PostgresError {
            #expect(error.sqlState == sqlState, "\(error)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("\(error)", sourceLocation: sourceLocation)
        }
    }

    func count(_ db: PostgresConnection, _ sql: String, _ parameters: [String?] = []) throws -> Int {
        Int(try db.execute(sql, parameters).rows.first?.first.flatMap { $0 } ?? "") ?? -1
    }

    /// A server of its own with the demo pushed in (nil: skipped), and the demo.
    func demoServer() throws -> (ThrowawayPostgres, Workspace)? {
        guard let pg = try ThrowawayPostgres.forTest() else { return nil }
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let store = WorkspaceStore(directory: tmp.sub("demo"))
        let ws = try store.create(DemoWorkspace.make(asOf: testAsOf)).workspace
        _ = try WorkspaceTransfer(uri: pg.uri, user: "admin").push(directory: store.directory, replace: false)
        return (pg, ws)
    }

    @Test func aTownshipWritesItsOwnBranchesAndADisplayNothing() throws {
        guard let (pg, ws) = try demoServer() else { return }
        defer { pg.stop() }

        // Worked out from the workspace: the demo's 党总支 gb-office and the others.
        let own = Set(ws.organisation.branches.filter { $0.parentId == "gb-office" }.map(\.id))
        let other = ws.organisation.branches.first { $0.parentId == "gb-teach" }!.id
        let ownBranch = ws.organisation.branches.first { own.contains($0.id) }!.id
        #expect(!own.isEmpty)
        let ownActivities = ws.activities.filter { own.contains($0.branchId) }.count
        #expect(ownActivities > 0 && ownActivities < ws.activities.count)

        let grants = PostgresGrants(uri: pg.uri)
        try grants.grant(role: "town_office", generalBranch: "gb-office", write: true)
        try grants.grant(role: "wall", generalBranch: nil, write: false)
        #expect(try grants.list().map(\.role) == ["town_office", "wall"])

        let admin = try PostgresConnection(uri: pg.uri)
        let allActivities = try count(admin, "SELECT count(*) FROM activities")
        #expect(allActivities == ws.activities.count)

        // The township: its own branches only, read and written.
        let town = try PostgresConnection(uri: pg.uri(as: "town_office"))
        #expect(try count(town, "SELECT count(*) FROM activities") == ownActivities)
        #expect(try count(town, "SELECT count(*) FROM branches") == own.count)
        #expect(try count(town, "SELECT count(*) FROM members") == ws.members.filter { own.contains($0.branchId) }.count)
        #expect(try count(town, "SELECT count(*) FROM settings") == 1)   // shared: read by all
        // A copy of one of its rows under a new id and branch, the body saying the same (the server checks it).
        let copy = """
            INSERT INTO activities (id, ord, branch_id, kind, date, year, body, changed_by)
            SELECT $1, ord, $2, kind, date, year, jsonb_set(jsonb_set(body, '{id}', to_jsonb($1::text)), '{branchId}', to_jsonb($2::text)),
                   'town_office' FROM activities WHERE branch_id = $3 LIMIT 1
            """
        #expect(try town.execute(copy, ["t-own", ownBranch, ownBranch]).affected == 1)
        // Another township's branch: the new row breaks the policy (42501), nothing lands.
        refusal("42501") { try town.execute(copy, ["t-other", other, ownBranch]) }
        #expect(try count(admin, "SELECT count(*) FROM activities WHERE id IN ('t-own', 't-other')") == 1)
        // Its rows are not the township's to see: an update or delete of them touches nothing.
        #expect(try town.execute("UPDATE activities SET changed_by = 'town_office' WHERE branch_id = $1", [other]).affected == 0)
        #expect(try town.execute("DELETE FROM activities WHERE branch_id = $1", [other]).affected == 0)
        #expect(try count(admin, "SELECT count(*) FROM activities WHERE branch_id = $1 AND changed_by <> 'town_office'", [other])
                == ws.activities.filter { $0.branchId == other }.count)
        // Moving its own record into another township is a write there: refused.
        refusal("42501") {
            try town.execute("UPDATE activities SET branch_id = $1, body = jsonb_set(body, '{branchId}', to_jsonb($1::text)) WHERE id = 't-own'", [other])
        }
        // The organisation's own records are the administrator's.
        refusal("42501") { try town.execute("UPDATE settings SET name = 'x'") }
        refusal("42501") { try town.execute("UPDATE scoring_scheme SET changed_by = 'x'") }
        // A journal row in its own name only.
        try town.execute("INSERT INTO journal (changed_by, action, entity, branch_id) VALUES ('王', 'add', 'activity', $1)", [ownBranch])
        refusal("42501") { try town.execute("INSERT INTO journal (changed_by, action, db_role) VALUES ('王', 'add', 'admin')") }
        refusal("42501") { try town.execute("INSERT INTO journal (changed_by, action, branch_id) VALUES ('王', 'add', $1)", [other]) }
        // A row naming no organisation is the whole organisation's (every dashboard reads it): not a township's to write.
        refusal("42501") { try town.execute("INSERT INTO journal (changed_by, action, entity, line) VALUES ('王', 'add', 'activity', '{}')") }
        // Its own 党总支's records (its 经费) are its own, and so is their journal row.
        try town.execute("INSERT INTO journal (changed_by, action, entity, branch_id) VALUES ('王', 'add', 'funds', 'gb-office')")
        // The body is the record every reader decodes: it must say what the columns say (else row
        // security would judge a row by columns its body contradicts).
        refusal("23514") {
            try town.execute("UPDATE activities SET body = jsonb_set(body, '{branchId}', to_jsonb($1::text)) WHERE id = 't-own'", [other])
        }
        refusal("23514") { try town.execute("UPDATE activities SET body = jsonb_set(body, '{id}', '\"x\"') WHERE id = 't-own'") }

        // The display: everything read, nothing written.
        let wall = try PostgresConnection(uri: pg.uri(as: "wall"))
        #expect(try count(wall, "SELECT count(*) FROM activities") == allActivities + 1)
        refusal("42501") { try wall.execute(copy, ["w-1", ownBranch, ownBranch]) }
        refusal("42501") { try wall.execute("DELETE FROM activities") }
        refusal("42501") { try wall.execute("INSERT INTO journal (changed_by, action) VALUES ('x', 'add')") }

        // Granted again with less: a reader now; then taken back whole.
        try grants.grant(role: "town_office", generalBranch: "gb-office", write: false)
        refusal("42501") { try town.execute(copy, ["t-own-2", ownBranch, ownBranch]) }
        #expect(try count(town, "SELECT count(*) FROM activities") == ownActivities + 1)
        try grants.revoke(role: "town_office")
        refusal("42501") { _ = try town.execute("SELECT count(*) FROM activities") }
        #expect(try grants.list().map(\.role) == ["wall"])
    }

    @Test func badNamesAndUnknownOrganisationsAreRefusedBeforeAnySQL() throws {
        #expect(PostgresPermissions.isAcceptable(role: "town_1"))
        for bad in ["", "Town", "1town", "town-1", "town\"; DROP TABLE x; --", "镇", String(repeating: "a", count: 64)] {
            #expect(!PostgresPermissions.isAcceptable(role: bad), "\(bad)")
            #expect(PostgresPermissions.grant(role: bad, generalBranch: nil, write: false, schema: "public") == nil)
        }
        guard let pg = try ThrowawayPostgres.forTest() else { return }
        defer { pg.stop() }
        let grants = PostgresGrants(uri: pg.uri)
        // No tables yet: nothing to grant on.
        #expect(throws: PostgresStoreError.self) { try grants.grant(role: "town", generalBranch: nil, write: true) }
        try WorkspaceTransfer(uri: pg.uri, user: "admin").initialise()
        #expect(throws: PostgresGrants.Failure.unknownGeneralBranch("gb-none")) {
            try grants.grant(role: "town", generalBranch: "gb-none", write: true)
        }
        #expect(throws: PostgresGrants.Failure.badRole("Town")) { try grants.grant(role: "Town", generalBranch: nil, write: true) }
        // Nothing was made by the refusals.
        let admin = try PostgresConnection(uri: pg.uri)
        #expect(try admin.execute("SELECT count(*) FROM pg_roles WHERE rolname IN ('town', 'Town')").rows == [["0"]])
    }

    /// Township offices, each seeing only its own 党总支's activities, adding one each: the next id
    /// each works out of what it sees is another office's (a row it cannot see), and each add lands
    /// a number further on — nothing refused, nothing lost.
    @Test func townshipsWhoseNextIdIsAnotherOfficesBothLand() throws {
        guard let (pg, ws) = try demoServer() else { return }
        defer { pg.stop() }
        let grants = PostgresGrants(uri: pg.uri)
        try grants.grant(role: "town_a", generalBranch: "gb-office", write: true)
        try grants.grant(role: "town_b", generalBranch: "gb-teach", write: true)
        let day = Day(iso: "2026-11-25")!
        var added: [Change] = []
        for (role, parent) in [("town_a", "gb-office"), ("town_b", "gb-teach")] {
            let office = try PostgresStore(uri: pg.uri(as: role), user: role, host: "pc-\(role)")
            var loaded = try office.load()
            let branch = try #require(ws.organisation.branches.first { $0.parentId == parent })
            let id = loaded.workspace.newActivityId(on: day)
            // Worked out from what this office sees: taken by another office's activity, unseen.
            #expect(ws.activities.contains { $0.id == id } && !loaded.workspace.activities.contains { $0.id == id }, "\(role): \(id)")
            let change = Change.activity(before: nil, after: Activity(id: id, branchId: branch.id, kind: .themedPartyDay, date: day, title: "\(role) 主题党日"))
            added.append(try office.commitAdding(change, to: &loaded))
            #expect(added.last!.entityId != id && added.last!.entityId.hasPrefix("a2026-"), "\(role): \(id) → \(added.last!.entityId)")
            #expect(loaded.workspace.activities.contains { $0.id == added.last!.entityId })
        }
        #expect(added[0].entityId != added[1].entityId)
        let admin = try PostgresConnection(uri: pg.uri)
        #expect(try count(admin, "SELECT count(*) FROM activities WHERE body->>'title' LIKE 'town_%'") == 2)
        #expect(try count(admin, "SELECT count(*) FROM journal WHERE action = 'add' AND entity = 'activity'") == 2)
        // An edit of a record changed since is still refused, never renumbered.
        #expect(added[0].renumbered("x") != nil && Change.activity(before: ws.activities[0], after: ws.activities[0]).renumbered("x") == nil)
    }
}

/// New ids a number further on, for an add whose id another office took unseen.
struct BumpedIdTests {
    @Test func theNumberMovesOnItsWidthKept() {
        #expect(NewIds.bumped("a2026-0843", by: 3) == "a2026-0846")
        #expect(NewIds.bumped("jf-2026-9999", by: 1) == "jf-2026-10000")
        #expect(NewIds.bumped("m-7", by: 4) == "m-11")
        #expect(NewIds.bumped("b-office", by: 1) == nil)
    }

    @Test func onlyAnAddOfACountedKindIsRenumbered() {
        let check = QuarterlyCheck(id: "chk-2026q3-b-16", branchId: "b-16", year: 2026, quarter: 3, date: Day(iso: "2026-09-30")!)
        #expect(Change.check(before: nil, after: check).renumbered("chk-2026q3-b-17") == nil)
        let activity = Activity(id: "a2026-0001", branchId: "b-1", kind: .partyLesson, date: Day(iso: "2026-03-01")!, title: "党课")
        #expect(Change.activity(before: nil, after: activity).renumbered("a2026-0002")?.entityId == "a2026-0002")
        #expect(Change.batch([.activity(before: nil, after: activity)]).renumbered("a2026-0002") == nil)
    }
}

/// Where an import's new ids start again after the database found one taken.
struct IdFloorsTests {
    @Test func eachRaiseGoesPastTheTakenIdAndFurtherEachTime() {
        var floors = IdFloors()
        #expect(!floors.covers("a2026-0843"))
        let raised = [floors.raise(past: "a2026-0843")]
        #expect(raised == [true])
        #expect(floors.covers("a2026-0843") && !floors.covers("a2026-0844") && !floors.covers("a2025-0001"))
        _ = floors.raise(past: "a2026-0844")      // 2 past: 0845 covered
        #expect(floors.covers("a2026-0845") && !floors.covers("a2026-0846"))
        _ = floors.raise(past: "a2026-0846")      // 4 past: 0849
        #expect(floors.covers("a2026-0849") && !floors.covers("a2026-0850"))
        let office = floors.raise(past: "chk-2026q3-b-office")
        #expect(!office && !floors.covers("m-1"))
    }
}
