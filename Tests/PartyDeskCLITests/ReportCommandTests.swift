import Foundation
import Testing
import TestSupport
@testable import PartyModel
@testable import PartyStore
import PartyTUI

/// The reporting commands on the demo workspace: their JSON shapes (docs/cli.md), that they agree
/// with the engine, and that text and CSV output are well-formed. Each test on both stores (TestStore):
/// the demo's files, and the same pushed into a database.
@Suite struct ReportCommandTests: ~Copyable {
    let tmp = TempDirectory("reports")
    let dir: String

    init() throws {
        dir = tmp.sub("demo")
        try WorkspaceStore(directory: dir).create(DemoWorkspace.make(asOf: testAsOf))
    }

    deinit { tmp.cleanup() }

    func run(_ data: String, _ args: [String]) throws -> ProcessResult {
        try runProduct("partydesk", args + ["--data", data, "--as-of", testAsOf.iso])
    }

    func json(_ data: String, _ args: [String]) throws -> [String: Any] {
        let result = try run(data, args + ["--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
    }

    @Test(arguments: TestStore.allCases) func scoresJSONMatchesTheEngine(_ store: TestStore) throws {
        guard let data = try store.data(dir) else { return }
        let out = try json(data, ["scores", "--year", "2026"])
        let table = ScoringEngine(DemoWorkspace.make(asOf: testAsOf)).year(2026, asOf: testAsOf)
        #expect(out["year"] as? Int == 2026)
        #expect(out.keys.contains("quarter") && out["quarter"] is NSNull)
        #expect(out["asOf"] as? String == "2026-11-21")
        #expect(out["provisional"] as? Bool == true)
        let branches = out["branches"] as! [[String: Any]]
        #expect(branches.count == table.branches.count)
        for (row, expected) in zip(branches, table.branches) {
            #expect(row["id"] as? String == expected.branchId)
            #expect(row["name"] as? String == expected.name)
            #expect(row["total"] as? Double == expected.total)
            #expect(row["grade"] as? String == expected.grade.name(.zh))
            #expect(row["rank"] as? Int == expected.rank)
            #expect(row["strongest"] as? Bool == expected.strongest)
            let categories = row["categories"] as! [String: Double]
            #expect(Set(categories.keys) == ["political", "team", "orgLife", "role", "masses"])
        }
        let summary = out["summary"] as! [String: Any]
        #expect(summary["count"] as? Int == 15)
        #expect(summary["mean"] as? Double == table.summary.mean)
        #expect(Set((summary["grades"] as! [String: Int]).keys) == ["好", "较好", "一般", "差"])
        let strongest = summary["strongest"] as! [String: Any]
        #expect(strongest["count"] as? Int == table.summary.strongestCount)
        #expect(strongest["target"] as? Double == 0.5)
        #expect(strongest.keys.contains("share"))
    }

    /// The report's 党费 section: each branch's collection from January to the report's month, the
    /// same sums as the member ledger's; no member named.
    @Test(arguments: TestStore.allCases) func theReportCarriesDuesCollectedThisYear(_ store: TestStore) throws {
        guard let data = try store.data(dir) else { return }
        let out = tmp.sub("r.md")
        #expect(try run(data, ["report", "--out", out, "--format", "md"]).status == 0)
        let text = try String(contentsOfFile: out, encoding: .utf8)
        let section = try #require(text.components(separatedBy: "## 党费收缴 (本年至今)").last)
        let ws = DemoWorkspace.make(asOf: testAsOf)
        let ledger = MemberLedger(ws)
        let branch = ws.organisation.branches[0]
        let months = (1...testAsOf.month).compactMap { YearMonth(year: testAsOf.year, month: $0) }
        let t = DuesCollection.total(months.map { ledger.collection(branch.id, $0, asOf: testAsOf) }, month: months.last!)
        #expect(section.contains("| \(branch.name) | \(t.due.description) | \(t.paid.description) |"), "\(section.prefix(400))")
        #expect(!ws.members.contains { section.contains($0.name) })
    }

    @Test(arguments: TestStore.allCases) func quarterScoresHaveTheQuarter(_ store: TestStore) throws {
        guard let data = try store.data(dir) else { return }
        let out = try json(data, ["scores", "--year", "2026", "--quarter", "3"])
        #expect(out["quarter"] as? Int == 3)
        #expect(out["provisional"] as? Bool == false)
    }

    @Test(arguments: TestStore.allCases) func complianceJSONShape(_ store: TestStore) throws {
        guard let data = try store.data(dir) else { return }
        let out = try json(data, ["compliance", "--year", "2026", "--quarter", "4"])
        let rows = out["branches"] as! [[String: Any]]
        #expect(rows.count == 15)
        let first = rows[0]
        #expect(first["id"] as? String == "b-office")
        let kinds = first["kinds"] as! [String: [String: Int]]
        #expect(Set(kinds.keys) == ["generalMeeting", "committeeMeeting", "groupMeeting", "partyLesson", "themedPartyDay"])
        #expect(kinds["generalMeeting"]?["required"] == 1)
        #expect(first["threeMeetingsOneLesson"] is Double && first["themedPartyDay"] is Double)
        #expect(first["progress"] is [String: Any])   // Q4 contains the as-of day
    }

    @Test(arguments: TestStore.allCases) func alertsJSONShapeAndOrder(_ store: TestStore) throws {
        guard let data = try store.data(dir) else { return }
        let out = try json(data, ["alerts"])
        let alerts = out["alerts"] as! [[String: Any]]
        #expect(!alerts.isEmpty)
        for a in alerts {
            #expect(Set(a.keys).isSuperset(of: ["code", "severity", "branchId", "branchName", "message"]))
            #expect(["提示", "警告", "严重"].contains(a["severity"] as! String))
        }
        #expect(alerts.first?["severity"] as? String == "严重")
        let english = try runProduct("partydesk", ["alerts", "--data", data, "--as-of", testAsOf.iso, "--lang", "en", "--format", "json"])
        #expect(english.stdout.contains("secretary vacant"))
    }

    @Test(arguments: TestStore.allCases) func rectificationFilters(_ store: TestStore) throws {
        guard let data = try store.data(dir) else { return }
        let overdue = (try json(data, ["rectifications", "--overdue"]))["rectifications"] as! [[String: Any]]
        #expect(!overdue.isEmpty && overdue.allSatisfy { $0["overdue"] as? Bool == true })
        let closed = (try json(data, ["rectifications", "--status", "closed"]))["rectifications"] as! [[String: Any]]
        #expect(!closed.isEmpty && closed.allSatisfy { $0["status"] as? String == "closed" })
        #expect(closed.allSatisfy { ($0["history"] as! [[String: Any]]).last?["acceptedBy"] is String })
        let all = (try json(data, ["rectifications"]))["rectifications"] as! [[String: Any]]
        // Overdue first.
        let flags = all.map { $0["overdue"] as! Bool }
        #expect(flags == flags.sorted { $0 && !$1 })
        #expect(try run(data, ["rectifications", "--status", "done"]).status == 2)
    }

    @Test(arguments: TestStore.allCases) func checksMatrix(_ store: TestStore) throws {
        guard let data = try store.data(dir) else { return }
        let out = try json(data, ["checks", "--year", "2026"])
        let rows = out["branches"] as! [[String: Any]]
        let states = rows.flatMap { ($0["quarters"] as! [[String: Any]]).map { $0["state"] as! String } }
        #expect(Set(states) == ["notChecked", "checked", "findingsOpen"])
        #expect(out["templateMax"] as? Double == 34)
    }

    @Test(arguments: TestStore.allCases) func textTablesLineUpInDisplayColumns(_ store: TestStore) throws {
        guard let data = try store.data(dir) else { return }
        let result = try run(data, ["scores"])
        let lines = result.stdout.split(separator: "\n").map(String.init)
        let rule = try #require(lines.first { $0.hasPrefix("----") })
        // Every column starts where the rule's dashes start, on every row (display width, not characters).
        var starts: [Int] = []
        var col = 0, inDash = false
        for ch in rule {
            if ch == "-" && !inDash { starts.append(col) }
            inDash = ch == "-"
            col += 1
        }
        let ruleIndex = lines.firstIndex(of: rule)!
        for line in lines[(ruleIndex + 1)...] where !line.hasPrefix("共") {
            var position = 0
            var cellStarts: [Int] = []
            var previousSpace = true
            for ch in line {
                if ch != " " && previousSpace { cellStarts.append(position) }
                previousSpace = ch == " "
                position += DisplayWidth.of(ch)
            }
            // Right-aligned columns end where the rule ends; left-aligned ones start where it starts.
            #expect(cellStarts.count >= 10, "\(line)")
            #expect(cellStarts.contains(starts[1]), "branch column out of line: \(line)")
        }
        #expect(DisplayWidth.of(lines[ruleIndex + 1]) <= DisplayWidth.of(rule))
    }

    @Test(arguments: TestStore.allCases) func csvIsRFC4180(_ store: TestStore) throws {
        guard let data = try store.data(dir) else { return }
        let result = try run(data, ["rectifications", "--format", "csv"])
        #expect(result.status == 0)
        let lines = result.stdout.components(separatedBy: "\r\n")
        #expect(lines.first?.hasPrefix("编号,支部,问题") == true)
        // A description with a comma is quoted.
        #expect(lines.contains { $0.contains(",\"党费收缴台账不清, 个别党员未按月交纳\",") })
        #expect(CSV.render([["a\"b", "c\nd", "e"]]) == "\"a\"\"b\",\"c\nd\",e\r\n")
    }
}
