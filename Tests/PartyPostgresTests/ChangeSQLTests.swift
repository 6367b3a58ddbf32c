import Foundation
import Testing
import TestSupport
import PartyModel
import PartyStore
@testable import PartyPostgres

/// A change as the statements of its commit (pure: no server).
@Suite struct ChangeSQLTests {
    let ws = DemoWorkspace.make(asOf: testAsOf)
    var branch: String { ws.organisation.branches[0].id }

    func activity(_ id: String, title: String = "主题党日") -> Activity {
        Activity(id: id, branchId: branch, kind: .themedPartyDay, date: Day(iso: "2026-11-20")!, title: title)
    }

    func versions(_ rows: [(String, String, String, Int)]) -> RowVersions {
        var v = RowVersions()
        for (table, id, key, version) in rows { v[table, id] = .init(key: key, version: version) }
        return v
    }

    @Test func anAddIsAnInsertAfterTheLastRowUnderTheTablesLock() throws {
        let plan = try ChangeSQL.plan(.activity(before: nil, after: activity("x1")), versions: RowVersions(), workspace: ws, user: "张三")
        #expect(plan.locks == ["SELECT pg_advisory_xact_lock(20200420, hashtext('activities'))"])
        #expect(plan.statements.count == 1)
        let insert = plan.statements[0]
        #expect(insert.action == .insert && insert.table == "activities" && insert.entity == "activity" && insert.id == "x1")
        #expect(insert.sql == "INSERT INTO activities (id, branch_id, kind, date, year, body, changed_by, ord) VALUES ($1, $2, $3, $4, $5, $6, $7, "
                + "(SELECT coalesce(max(ord) + 1, 0) FROM activities)) ON CONFLICT DO NOTHING RETURNING id::text, version")
        #expect(Array(insert.parameters.prefix(5)) == ["x1", branch, "themedPartyDay", "2026-11-20", "2026"])
        #expect(insert.parameters[5] == RecordJSON.text(activity("x1"), with: RecordJSON.encoder()))
        #expect(insert.parameters[6] == "张三")
    }

    @Test func anEditAndADeleteExpectTheVersionRead() throws {
        let v = versions([("activities", "a1", "a1", 3)])
        let edit = try ChangeSQL.plan(.activity(before: activity("a1"), after: activity("a1", title: "新")), versions: v, workspace: ws, user: "李四")
        #expect(edit.locks.isEmpty)
        let update = edit.statements[0]
        #expect(update.sql == "UPDATE activities SET id = $1, branch_id = $2, kind = $3, date = $4, year = $5, body = $6, changed_by = $7, "
                + "version = version + 1, changed_at = now() WHERE id = $8 AND version = $9 RETURNING id::text, version")
        #expect(Array(update.parameters.suffix(3)) == ["李四", "a1", "3"])
        #expect(update.whoParameters == ["a1", "activity", "a1"])

        let delete = try ChangeSQL.plan(.activity(before: activity("a1"), after: nil), versions: v, workspace: ws, user: "李四").statements[0]
        #expect(delete.action == .delete && delete.oldId == "a1")
        #expect(delete.sql == "DELETE FROM activities WHERE id = $1 AND version = $2 RETURNING id::text, version")
        #expect(delete.parameters == ["a1", "3"])
    }

    /// An id changed: the row is found by the old id and takes the new one.
    @Test func anIdChangeUpdatesTheRowOfTheOldId() throws {
        let v = versions([("activities", "a1", "a1", 1)])
        let update = try ChangeSQL.plan(.activity(before: activity("a1"), after: activity("a2")), versions: v, workspace: ws, user: "u").statements[0]
        #expect(update.id == "a2" && update.oldId == "a1" && update.parameters.first == "a2" && Array(update.parameters.suffix(2)) == ["a1", "1"])
    }

    /// A batch that adds a record then edits it expects the version its own insert gives.
    @Test func aBatchChainsItsVersions() throws {
        let plan = try ChangeSQL.plan(.batch([.activity(before: nil, after: activity("b1")), .activity(before: activity("b1"), after: activity("b1", title: "改"))]),
                                      versions: RowVersions(), workspace: ws, user: "u")
        #expect(plan.statements.map(\.action) == [.insert, .update])
        #expect(Array(plan.statements[1].parameters.suffix(2)) == ["b1", "1"])
    }

    /// Adds one after another into one table are one statement, their places counted from one look
    /// at the last; another table's row between them ends the run.
    @Test func addsInARowAreOneStatement() throws {
        let three = try ChangeSQL.plan(.batch((1...3).map { .activity(before: nil, after: activity("m\($0)")) }), versions: RowVersions(), workspace: ws, user: "u")
        #expect(three.statements.count == 1)
        let merged = three.statements[0]
        #expect(merged.ids == ["m1", "m2", "m3"] && merged.parameters.count == 21)
        #expect(merged.sql.hasPrefix("WITH last AS (SELECT coalesce(max(ord), -1) AS ord FROM activities) INSERT INTO activities "
                                     + "(id, branch_id, kind, date, year, body, changed_by, ord) VALUES ($1, $2, $3, $4, $5, $6, $7, (SELECT ord FROM last) + 1), "
                                     + "($8, $9, $10, $11, $12, $13, $14, (SELECT ord FROM last) + 2), "))
        #expect(merged.whoParameters(for: "m2") == ["m2", "activity", "m2"])
        let task = ws.plan.tasks[0]
        var done = task; done.status = .done
        let split = try ChangeSQL.plan(.batch([.activity(before: nil, after: activity("m1")), .task(before: task, after: done), .activity(before: nil, after: activity("m2"))]),
                                       versions: versions([("plan_tasks", task.id, task.id, 1)]), workspace: ws, user: "u")
        #expect(split.statements.map(\.action) == [.insert, .update, .insert] && split.statements.map(\.ids) == [["m1"], [task.id], ["m2"]])
    }

    @Test func aRecordNotReadIsRefused() {
        #expect(throws: ChangeSQL.NotLoaded(entity: "activity", id: "zz")) {
            try ChangeSQL.plan(.activity(before: activity("zz"), after: nil), versions: RowVersions(), workspace: ws, user: "u")
        }
    }

    /// A keyless record (a manual score) is first looked for by its model id, then inserted; edited by its row_id.
    @Test func aKeylessRecordIsCheckedAbsentThenInsertedAndEditedByRowId() throws {
        let score = ManualScore(branchId: branch, itemId: "i1", year: 2026, quarter: 2, points: 3)
        let add = try ChangeSQL.plan(.manualScore(before: nil, after: score), versions: RowVersions(), workspace: ws, user: "u")
        #expect(add.statements.map(\.action) == [.absent, .insert])
        #expect(add.statements[0].sql == "SELECT 1 FROM manual_scores WHERE branch_id || '|' || item_id || '|' || year || '|' || coalesce(quarter::text, 'year') = $1")
        #expect(add.statements[0].parameters == [score.id])
        var changed = score; changed.points = 4
        let edit = try ChangeSQL.plan(.manualScore(before: score, after: changed), versions: versions([("manual_scores", score.id, "17", 2)]), workspace: ws, user: "u")
        #expect(edit.statements[0].sql.hasSuffix("WHERE row_id = $8 AND version = $9 RETURNING row_id::text, version"))
        #expect(Array(edit.statements[0].parameters.suffix(2)) == ["17", "2"])
        // Added and edited in one change: its row_id is not known yet.
        #expect(throws: ChangeSQL.NotLoaded(entity: "manualScore", id: score.id)) {
            try ChangeSQL.plan(.batch([.manualScore(before: nil, after: score), .manualScore(before: score, after: changed)]),
                               versions: RowVersions(), workspace: ws, user: "u")
        }
    }

    /// A list the JSON workspace keeps as one file: only the rows that differ, each at its place.
    @Test func aWholeListWritesTheRowsThatDifferAtTheirPlaces() throws {
        let before = DevelopmentTargets(years: [DevelopmentYear(year: 2024, planTotal: 1), DevelopmentYear(year: 2026, planTotal: 3)])
        let after = DevelopmentTargets(years: [DevelopmentYear(year: 2024, planTotal: 1), DevelopmentYear(year: 2025, planTotal: 2), DevelopmentYear(year: 2026, planTotal: 3)])
        let v = versions([("development_targets", "2024", "2024", 1), ("development_targets", "2026", "2026", 5)])
        let plan = try ChangeSQL.plan(.developmentTargets(before: before, after: after), versions: v, workspace: ws, user: "u")
        #expect(plan.statements.map(\.action) == [.insert, .update])
        #expect(plan.statements[0].id == "2025" && plan.statements[0].parameters.last == "1")      // ord 1
        #expect(plan.statements[1].id == "2026" && plan.statements[1].sql.contains("ord = $4")
                && Array(plan.statements[1].parameters.suffix(3)) == ["2", "2026", "5"])
        let removed = try ChangeSQL.plan(.developmentTargets(before: after, after: DevelopmentTargets(years: [after.years[1]])),
                                         versions: versions([("development_targets", "2024", "2024", 1), ("development_targets", "2025", "2025", 1),
                                                             ("development_targets", "2026", "2026", 5)]), workspace: ws, user: "u")
        #expect(removed.statements.map(\.action) == [.delete, .delete, .update])
    }

    /// The refusal names the record and who changed it when, to the second.
    @Test func theRefusalSaysWhoAndWhen() {
        let error = PostgresCommitError.recordChanged(entity: "activity", id: "a1", by: "王芳", at: "2026-12-02 13:40:01.123456+08")
        #expect(error.message(.zh) == "未保存: 活动 a1 已被 王芳 于 2026-12-02 13:40:01+08 修改。请重新加载后再操作; 本次修改的任何部分都未写入。")
        #expect(error.message(.en).hasPrefix("Not saved: the activity a1 was changed by 王芳 at 2026-12-02 13:40:01+08."))
        #expect(PostgresCommitError.recordChanged(entity: "bonus", id: "x", by: nil, at: nil).message(.en).contains("the bonus x was changed by someone else. Reload"))
    }

    /// A commit's journal rows, taken from the change, are what reading its lines back gives.
    @Test func aCommitsJournalRowsAreWhatItsLinesSay() {
        let change = Change.batch([.activity(before: nil, after: activity("j1", title: "换行\n\"引号\"")),
                                   .activity(before: activity("j0"), after: nil), .developmentTargets(before: DevelopmentTargets(), after: DevelopmentTargets())])
        let time = Journal.timestamp(Date())
        let lines = Journal.lines(change, user: "王芳", host: "pc1", undo: false, at: Date())
        let rows = JournalRows.rows(of: change, lines: lines, user: "王芳", host: "pc1", time: time)
        #expect(rows.count == 3)
        #expect(rows == JournalRows.rows(of: lines, fallbackTime: "unused").map { [time] + $0.dropFirst() })
    }
}
