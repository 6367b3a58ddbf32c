import Foundation
import Testing
import TestSupport
@testable import PartyModel
@testable import PartyStore

/// `partydesk targets` through the real binary, on the demo of 21 November 2026 (issue 17).
/// Each test on both stores (TestStore): the workspace's JSON files, and the same in a database.
@Suite struct TargetsCommandTests {
    static func json(_ result: ProcessResult) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stdout)\(result.stderr)")
    }

    /// The demo's ten targets, each with its seed; three met, three on track, four behind; the same
    /// figures as the evaluator's.
    @Test(arguments: TestStore.allCases) func theDemosTargetsInJSONTextAndCSV(_ store: TestStore) throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let dir = tmp.sub("demo")
        let ws = DemoWorkspace.make(asOf: testAsOf)
        try WorkspaceStore(directory: dir).create(ws)
        guard let data = try store.data(dir) else { return }
        let out = try Self.json(try runProduct("partydesk", ["targets", "--data", data, "--as-of", "2026-11-21", "--format", "json"]))
        #expect(out["asOf"] as? String == "2026-11-21")
        #expect(out["counts"] as? [String: Int] == ["met": 3, "onTrack": 3, "behind": 4, "missed": 0])
        let rows = try #require(out["targets"] as? [[String: Any]])
        #expect(rows.count == 10 && rows.allSatisfy { ($0["source"] as? String)?.hasPrefix("seed 00") == true })
        #expect(rows.map { $0["id"] as? String ?? "" } == ws.targets.targets.map(\.id))
        let evaluations = TargetEvaluator(ws).evaluate(asOf: testAsOf)
        for (row, e) in zip(rows, evaluations) {
            #expect(row["status"] as? String == e.status.rawValue, "\(e.target.id)")
            #expect((row["actual"] as? Double).map { abs($0 - e.actual!.value) < 1e-6 } == true, "\(e.target.id)")
            #expect((row["trend"] as? [[String: Any]])?.count == 4)
        }
        // 两新组织党组织覆盖率: Q4's 35 of 40 = 87.5 %, met; its trend 31/38, 33/38, 34/40, 35/40.
        let twoNew = try #require(rows.first { $0["id"] as? String == "t-two-new" })
        #expect(twoNew["actual"] as? Double == 0.875 && twoNew["numerator"] as? Double == 35 && twoNew["denominator"] as? Double == 40)
        #expect(twoNew["status"] as? String == "met" && twoNew["statusName"] as? String == "达成" && twoNew["metric"] as? String == "manual")
        #expect((twoNew["trend"] as? [[String: Any]])?.compactMap { $0["actual"] as? Double } == [0.815789, 0.868421, 0.85, 0.875])
        // 最强: 4 of 15, behind its Q3 milestone of 40 %.
        let strongest = try #require(rows.first { $0["id"] as? String == "t-strongest" })
        #expect(strongest["numerator"] as? Double == 4 && strongest["denominator"] as? Double == 15 && strongest["status"] as? String == "behind")
        #expect((strongest["milestoneDue"] as? [String: Any])?["quarter"] as? String == "2026-Q3")

        let text = try runProduct("partydesk", ["targets", "--data", data, "--as-of", "2026-11-21"])
        #expect(text.status == 0 && text.stdout.contains("两新组织党组织覆盖率") && text.stdout.contains("共 10 项: 达成 3, 进行中 3, 落后 4, 未达成 0"), "\(text.stdout)")
        let english = try runProduct("partydesk", ["targets", "--data", data, "--as-of", "2026-11-21", "--lang", "en"])
        #expect(english.stdout.contains("10 targets: Met 3, On track 3, Behind 4, Missed 0"), "\(english.stdout)")
        let csv = try runProduct("partydesk", ["targets", "--data", data, "--as-of", "2026-11-21", "--format", "csv"])
        #expect(csv.status == 0 && csv.stdout.hasPrefix("目标,实际,目标值,状态") && csv.stdout.contains("t-two-new"), "\(csv.stdout)")
        // The alerts name the four behind.
        let alerts = try runProduct("partydesk", ["alerts", "--data", data, "--as-of", "2026-11-21", "--format", "json"])
        #expect(alerts.stdout.components(separatedBy: "\"target.behind\"").count - 1 == 4, "\(alerts.stdout)")
    }

    /// A figure entered for Q4 of 满意率: locked, checked, saved and journaled; the status follows.
    @Test(arguments: TestStore.allCases) func recordEntersAQuartersFigure(_ store: TestStore) throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let dir = tmp.sub("demo")
        try WorkspaceStore(directory: dir).create(DemoWorkspace.make(asOf: testAsOf))
        guard let data = try store.data(dir) else { return }
        let record = try runProduct("partydesk", ["targets", "record", "--data", data, "--target", "t-satisfaction", "--quarter", "2026-Q4",
                                                  "--value", "200", "--denominator", "250", "--note", "年终测评"])
        #expect(record.status == 0, "\(record.stderr)")
        #expect(record.stdout.contains("已录入 群众对党组织工作满意率 2026年第4季度: 80.0% (200/250)"), "\(record.stdout)")
        // The files: the workspace's own, or on a database those `db pull` writes of it.
        let pulled = try store.files(data, in: tmp)
        let file = try String(contentsOfFile: pulled + "/targets.json", encoding: .utf8)
        #expect(file.contains("\"note\" : \"年终测评\"") && file.contains("\"denominator\" : 250"))
        let journal = try String(contentsOfFile: pulled + "/journal.jsonl", encoding: .utf8)
        #expect(journal.contains("\"entity\":\"targets\""))
        let out = try Self.json(try runProduct("partydesk", ["targets", "--data", data, "--as-of", "2026-11-21", "--format", "json"]))
        let row = try #require((out["targets"] as? [[String: Any]])?.first { $0["id"] as? String == "t-satisfaction" })
        // 200 / 250 = 80 % < 90 %, and Q2's milestone (90 %) is due → behind.
        #expect(row["actual"] as? Double == 0.8 && row["status"] as? String == "behind")

        // Refused: a computed target, an unknown one, a bad quarter; nothing more is written.
        let computed = try runProduct("partydesk", ["targets", "record", "--data", data, "--target", "t-strongest", "--quarter", "2026-Q4", "--value", "3"])
        #expect(computed.status == 2 && computed.stderr.contains("由台账计算"), "\(computed.stderr)")
        let unknown = try runProduct("partydesk", ["targets", "record", "--data", data, "--target", "t-nope", "--quarter", "2026-Q4", "--value", "3"])
        #expect(unknown.status == 2 && unknown.stderr.contains("没有这个编号的目标"), "\(unknown.stderr)")
        let quarter = try runProduct("partydesk", ["targets", "record", "--data", data, "--target", "t-two-new", "--quarter", "2026-Q5", "--value", "3"])
        #expect(quarter.status != 0 && quarter.stderr.contains("2026-Q3"), "\(quarter.stderr)")
        let zero = try runProduct("partydesk", ["targets", "record", "--data", data, "--target", "t-two-new", "--quarter", "2026-Q4", "--value", "3", "--denominator", "0"])
        #expect(zero.status != 0, "\(zero.stderr)")
        #expect(try String(contentsOfFile: try store.files(data, in: tmp) + "/targets.json", encoding: .utf8) == file)
    }
}
