import Foundation
import Testing
import TestSupport
@testable import PartyModel
@testable import PartyStore

/// Issue 15's edge cases on the command line.
@Suite struct EdgeCaseCommandTests {
    static func d(_ s: String) -> Day { Day(iso: s)! }

    /// r1: opened 2026-03-01, due 03-31; started 03-10, submitted 04-01, accepted (closed) 04-20.
    /// r2: opened 2026-05-01 (after the day asked about below).
    static func rectifications() -> [Rectification] {
        var r1 = Rectification(id: "r1", branchId: "b1", category: "team", description: "台账不全", owner: "张三",
                               openedOn: d("2026-03-01"), dueOn: d("2026-03-31"))
        r1 = try! r1.applying(.start, on: d("2026-03-10")).get()
        r1 = try! r1.applying(.submit(evidence: "补齐台账"), on: d("2026-04-01")).get()
        r1 = try! r1.applying(.accept(acceptedBy: "组织部"), on: d("2026-04-20")).get()
        let r2 = Rectification(id: "r2", branchId: "b1", category: "team", description: "后来的问题", owner: "张三",
                               openedOn: d("2026-05-01"), dueOn: d("2026-06-30"))
        return [r1, r2]
    }

    @Test func rectificationsAsOfADayBetweenTwoTransitions() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        var ws = smallWorkspace()
        ws.rectifications = Self.rectifications()
        let store = WorkspaceStore(directory: tmp.sub("ws"))
        try store.create(ws)
        // 2026-04-10 lies between the submission (04-01) and the acceptance (04-20): r1 stood 待验收
        // (submitted), its two events so far, and overdue (due 03-31 < 04-10, not closed). r2 was opened
        // on 05-01, after that day: left out. (The latest state, 已销号, must not show.)
        let json = try runProduct("partydesk", ["rectifications", "--data", store.directory, "--as-of", "2026-04-10", "--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let rows = try #require(object["rectifications"] as? [[String: Any]])
        #expect(rows.map { $0["id"] as? String } == ["r1"])
        #expect(rows[0]["status"] as? String == "submitted")
        #expect(rows[0]["overdue"] as? Bool == true)
        #expect((rows[0]["history"] as? [Any])?.count == 2)
        #expect(object["counts"] as? [String: Int] == ["open": 0, "inProgress": 0, "submitted": 1, "closed": 0])
        #expect(object["overdue"] as? Int == 1)
        let text = try runProduct("partydesk", ["rectifications", "--data", store.directory, "--as-of", "2026-04-10"])
        #expect(text.stdout.contains("待验收") && !text.stdout.contains("已销号 1") && !text.stdout.contains("r2"))
        // On 04-25 it is closed, and no longer overdue; r2 is still not open.
        let later = try runProduct("partydesk", ["rectifications", "--data", store.directory, "--as-of", "2026-04-25", "--format", "json"])
        let laterRows = try #require((try JSONSerialization.jsonObject(with: Data(later.stdout.utf8)) as? [String: Any])?["rectifications"] as? [[String: Any]])
        #expect(laterRows.map { $0["status"] as? String } == ["closed"] && laterRows[0]["overdue"] as? Bool == false)
    }
}

@Suite struct InvalidWorkspaceCommandTests {
    @Test func figuresFromAnInvalidWorkspaceSaySoAndStrictRefuses() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        var ws = smallWorkspace()
        ws.scoring.items[0].max += 1          // the scheme totals 101: one validation problem
        let store = WorkspaceStore(directory: tmp.sub("ws"))
        try store.create(ws)
        let text = try runProduct("partydesk", ["scores", "--data", store.directory, "--as-of", "2026-11-21"])
        #expect(text.status == 0)
        #expect(text.stderr.contains("1 处问题"), "\(text.stderr)")
        let csv = try runProduct("partydesk", ["compliance", "--data", store.directory, "--as-of", "2026-11-21", "--format", "csv"])
        #expect(csv.status == 0 && csv.stderr.contains("1 处问题"))
        for command in ["scores", "compliance"] {
            let json = try runProduct("partydesk", [command, "--data", store.directory, "--as-of", "2026-11-21", "--format", "json"])
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
            #expect(object["problems"] as? Int == 1, "\(command)")
            #expect(json.stderr.isEmpty)
        }
        for command in [["scores"], ["compliance"], ["report", "--out", tmp.sub("r.html")]] {
            let strict = try runProduct("partydesk", command + ["--data", store.directory, "--as-of", "2026-11-21", "--strict"])
            #expect(strict.status == 1, "\(command)")
            #expect(strict.stdout.isEmpty || command[0] == "report")
            #expect(strict.stderr.contains("--strict"))
        }
        #expect(!FileManager.default.fileExists(atPath: tmp.sub("r.html")))
        // A clean workspace: no warning, problems 0, --strict passes.
        let clean = WorkspaceStore(directory: tmp.sub("clean"))
        try clean.create(smallWorkspace())
        let ok = try runProduct("partydesk", ["scores", "--data", clean.directory, "--as-of", "2026-11-21", "--strict", "--format", "json"])
        #expect(ok.status == 0 && ok.stderr.isEmpty)
        #expect((try JSONSerialization.jsonObject(with: Data(ok.stdout.utf8)) as? [String: Any])?["problems"] as? Int == 0)
    }

    @Test func anImpossibleAsOfDatePrintsThatCommandsUsage() throws {
        for command in ["scores", "compliance", "rectifications", "alerts"] {
            let result = try runProduct("partydesk", [command, "--as-of", "2024-02-30"])
            #expect(result.status == 2)
            #expect(result.stderr.contains("2024-02-30") && result.stderr.contains("无法识别的日期"))
            #expect(result.stderr.contains("Usage: partydesk \(command)"), "\(result.stderr)")
        }
    }

    @Test func scoresHelpStatesTheJudgingDay() throws {
        let help = try runProduct("partydesk", ["scores", "--help"])
        // Compared with the line breaks taken out: the help is wrapped to the terminal's width.
        let text = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(text.contains("min(--as-of, 31 December)") && text.contains("12 月 31 日"), "\(help.stdout)")
    }
}

@Suite struct ValidateEverythingTests {
    /// Edits one record of a JSON file in place (the store wrote it; the shape is known).
    static func edit(_ path: String, key: String, index: Int, _ change: (inout [String: Any]) -> Void) throws {
        var object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        var list = try #require(object[key] as? [[String: Any]])
        change(&list[index])
        object[key] = list
        try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys]).write(to: URL(fileURLWithPath: path))
    }

    @Test func sixProblemsInFourFilesInOneRun() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        var ws = smallWorkspace()
        // Three more activities in b1's 2026 file, then spoiled on disk (sorted by id in the file: a2, x1, x2, x3).
        ws.activities += ["x1", "x2", "x3"].map { Activity(id: $0, branchId: "b1", kind: .themedPartyDay, date: Day(iso: "2026-06-01")!, title: $0) }
        ws.activities[2].attended = 9          // a3 (b2): 9 attended of 5 expected — a validation problem in a file that reads
        ws.scoring.items[0].max += 1           // scoring.json totals 101 — another
        let store = WorkspaceStore(directory: tmp.sub("ws"))
        try store.create(ws)
        let b1 = store.absolute("activities/2026/b1.json")
        let ids = try #require((try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: b1))) as? [String: Any])?["activities"] as? [[String: Any]]).map { $0["id"] as! String }
        let at = { (id: String) in ids.firstIndex(of: id)! }
        try Self.edit(b1, key: "activities", index: at("x1")) { $0["date"] = "2026-02-30" }   // 1: not a date
        try Self.edit(b1, key: "activities", index: at("x2")) { $0["attended"] = "五" }        // 2: wrong type
        try Self.edit(b1, key: "activities", index: at("x3")) { $0["date"] = "2025-06-01" }   // 3: not this file's year
        // 4: not a date. (m2, in b2's roster: m1 has a dues payment and a training entry, which a member that
        // does not read would leave pointing at nobody — two more problems.)
        try Self.edit(store.absolute("members/b2.json"), key: "members", index: 0) { $0["joinDate"] = "2001-13-01" }
        // 5: a3's attended; 6: the scheme's total.
        let result = try runProduct("partydesk", ["validate", "--data", store.directory])
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.contains("6 处问题") == true, "\(result.stdout)")
        #expect(lines.contains { $0.hasPrefix("activities/2026/b1.json:") && $0.contains("activities[\(at("x1"))].date") && $0.contains("2026-02-30") })
        #expect(lines.contains { $0.hasPrefix("activities/2026/b1.json:") && $0.contains("activities[\(at("x2"))].attended") })
        #expect(lines.contains { $0.hasPrefix("activities/2026/b1.json:") && $0.contains("activities[\(at("x3"))].date") })
        #expect(lines.contains { $0.hasPrefix("members/b2.json:") && $0.contains("members[0].joinDate") })
        #expect(lines.contains { $0.hasPrefix("activities/2026/b2.json:") && $0.contains("实到人数 9 超过应到人数 5") })
        #expect(lines.contains { $0.hasPrefix("scoring.json") && $0.contains("101") })
        // Loading for work still refuses the workspace (only `validate` reads past the bad records).
        #expect(throws: StoreError.self) { try store.load() }
    }
}
