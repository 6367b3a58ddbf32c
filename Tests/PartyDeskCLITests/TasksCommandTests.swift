import Foundation
import Testing
import TestSupport
@testable import PartyModel
@testable import PartyStore
@testable import PartyTUI

/// `partydesk tasks` through the real binary, on the demo of 21 November 2026 (issue 17, 一支部一清单).
/// On both stores (TestStore), but `validate`'s, which is of the files.
@Suite struct TasksCommandTests {
    static func json(_ result: ProcessResult) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stdout)\(result.stderr)")
    }

    /// The JSON's figures are the 任务 pane's: for every branch of every task, the standing, done/due,
    /// share and next due day of the pane's 一支部一清单 row.
    @Test(arguments: TestStore.allCases) func theJSONIsWhatThePaneShows(_ store: TestStore) throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let dir = tmp.sub("demo")
        let demo = DemoWorkspace.make(asOf: testAsOf)
        try WorkspaceStore(directory: dir).create(demo)
        guard let data = try store.data(dir) else { return }
        let out = try Self.json(try runProduct("partydesk", ["tasks", "--data", data, "--as-of", "2026-11-21", "--format", "json"]))
        let tasks = try #require(out["tasks"] as? [[String: Any]])
        // Late first: t20 (后勤保障党支部), t21 (科研中心党支部), t22 (经济管理系学生党支部), each with its late branch first.
        #expect(tasks.compactMap { $0["id"] as? String } == ["t20", "t21", "t22"])
        #expect(tasks.map { (($0["branches"] as? [[String: Any]])?.first?["id"] as? String) ?? "" } == ["b-logistics", "b-t-research", "b-s-econ"])
        let dashboard = DashboardData(workspace: demo, year: 2026, quarter: 4, asOf: testAsOf, lang: .zh)
        let table = TasksPane.branchLists(dashboard)
        var compared = 0
        for task in tasks {
            for b in task["branches"] as? [[String: Any]] ?? [] {
                let ref = RowRef.branchTask(taskId: task["id"] as! String, branchId: b["id"] as! String)
                let row = try #require(table.rows.first { $0.ref == ref }, "\(ref)")
                #expect(row.cells[2] == b["standing"] as? String)
                if task["recurrence"] != nil { #expect(row.cells[3] == "\(b["done"] as! Int)/\(b["due"] as! Int)") }
                #expect(abs(Double(row.cells[4])! - (b["share"] as! Double)) < 1e-9)
                #expect(row.cells[5] == ((b["next"] as? [String: Any])?["due"] as? String ?? ""))
                compared += 1
            }
        }
        #expect(compared == 28 && (out["counts"] as? [String: Int])?["late"] == 3)
        // One branch's list, by name.
        let one = try Self.json(try runProduct("partydesk", ["tasks", "--data", data, "--as-of", "2026-11-21", "--branch", "科研中心党支部", "--format", "json"]))
        #expect((one["tasks"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == ["t21", "t22"])
        // CSV: the text table's rows.
        let csv = try runProduct("partydesk", ["tasks", "--data", data, "--as-of", "2026-11-21", "--format", "csv"])
        #expect(csv.status == 0 && csv.stdout.contains("后勤保障党支部,逾期,86%,6/7,2026-10"))
    }

    /// `tasks done` saves and journals like `funds add`; the alert goes; bad input is refused, nothing written.
    /// The files read are the workspace's own, or on a database those `db pull` writes of it.
    @Test(arguments: TestStore.allCases) func doneIsSavedJournaledAndTheAlertGoes(_ store: TestStore) throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let dir = tmp.sub("demo")
        try WorkspaceStore(directory: dir).create(DemoWorkspace.make(asOf: testAsOf))
        guard let data = try store.data(dir) else { return }
        let refused = [
            ["--task", "t20", "--branch", "b-logistics", "--date", "2026-11-20"],                              // no --occurrence
            ["--task", "t20", "--branch", "b-logistics", "--occurrence", "2026-Q4", "--date", "2026-11-20"],   // not its rhythm
            ["--task", "t20", "--branch", "b-t-mech", "--occurrence", "2026-10", "--date", "2026-11-20"],      // not assigned
            ["--task", "t99", "--branch", "b-logistics", "--date", "2026-11-20"],
        ]
        for args in refused {
            let r = try runProduct("partydesk", ["tasks", "done", "--data", data] + args)
            #expect(r.status == 2, "\(args): \(r.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: try store.files(data, in: tmp) + "/journal.jsonl"))
        let done = try runProduct("partydesk", ["tasks", "done", "--data", data, "--task", "t20", "--branch", "后勤保障党支部", "--occurrence", "2026-10",
                                                "--date", "2026-11-20", "--evidence", "补报10月情况"])
        #expect(done.status == 0 && done.stdout.contains("已登记 t20「每月25日前报送基本建设年工作情况」后勤保障党支部 2026年10月 2026-11-20"), "\(done.stderr)")
        let once = try runProduct("partydesk", ["tasks", "done", "--data", data, "--task", "t22", "--branch", "b-s-econ", "--date", "2026-11-21", "--evidence", "台账已补齐"])
        #expect(once.status == 0, "\(once.stderr)")
        let pulled = try store.files(data, in: tmp)
        let plan = try String(contentsOfFile: pulled + "/plan.json", encoding: .utf8)
        #expect(plan.contains("\"note\" : \"补报10月情况\"") && plan.contains("\"evidence\" : \"台账已补齐\""))
        let journal = try String(contentsOfFile: pulled + "/journal.jsonl", encoding: .utf8)
        #expect(journal.components(separatedBy: "\"entity\":\"task\"").count == 3)
        let alerts = try runProduct("partydesk", ["alerts", "--data", data, "--as-of", "2026-11-21", "--format", "json"])
        #expect(!alerts.stdout.contains("后勤保障党支部\", \"message\" : \"任务") && alerts.stdout.contains("task.occurrence-late"))
        let after = try Self.json(try runProduct("partydesk", ["tasks", "--data", data, "--as-of", "2026-11-21", "--format", "json"]))
        #expect((after["counts"] as? [String: Int])?["late"] == 1)
        // Saving the loaded workspace again writes the same bytes (plan.json round-trips).
        let saved = WorkspaceStore(directory: pulled)
        let loaded = try saved.load()
        try saved.save(loaded.workspace, over: loaded)
        #expect(try String(contentsOfFile: pulled + "/plan.json", encoding: .utf8) == plan)
    }

    /// An unknown 党总支 in plan.json is named with its file, line and path, and the task. Files only: the
    /// file is edited by hand, and `validate` names its lines (a database is refused: pull it first).
    @Test func validateNamesTheTaskOfAnUnknownAssignee() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let dir = tmp.sub("demo")
        try WorkspaceStore(directory: dir).create(DemoWorkspace.make(asOf: testAsOf))
        let path = dir + "/plan.json"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try text.replacingOccurrences(of: "\"generalBranch\" : \"gb-office\"", with: "\"generalBranch\" : \"gb-nowhere\"")
            .write(toFile: path, atomically: true, encoding: .utf8)
        let r = try runProduct("partydesk", ["validate", "--data", dir])
        #expect(r.status != 0)
        #expect((r.stdout + r.stderr).contains("tasks[19].assignment.generalBranch: 任务 t20 分配给了不存在的党总支 \"gb-nowhere\""), "\(r.stdout)\(r.stderr)")
    }
}
