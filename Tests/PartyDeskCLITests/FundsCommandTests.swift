import Foundation
import Testing
import TestSupport
@testable import PartyModel
@testable import PartyStore

/// `partydesk funds` through the real binary, on the demo of 21 November 2026 (issue 17).
/// Each test on both stores (TestStore): the workspace's JSON files, and the same in a database.
@Suite struct FundsCommandTests {
    static func json(_ result: ProcessResult) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stdout)\(result.stderr)")
    }

    /// 后勤保障党支部 (as FundsPaneTests works it out): standard 800 × 13 = 10,400, 4,800 allocated, 5,280 spent.
    @Test(arguments: TestStore.allCases) func summaryAddAndTheBranchMeetsItsStandard(_ store: TestStore) throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let dir = tmp.sub("demo")
        try WorkspaceStore(directory: dir).create(DemoWorkspace.make(asOf: testAsOf))
        guard let data = try store.data(dir) else { return }
        let summary = try Self.json(try runProduct("partydesk", ["funds", "--data", data, "--as-of", "2026-11-21", "--format", "json"]))
        #expect(summary["year"] as? Int == 2026 && summary["alertsFrom"] as? String == "2026-07-01")
        let branches = try #require(summary["branches"] as? [[String: Any]])
        let logistics = try #require(branches.first { $0["id"] as? String == "b-logistics" })
        #expect(logistics["allocated"] as? Double == 4800 && logistics["spent"] as? Double == 5280 && logistics["balance"] as? Double == -480)
        #expect(logistics["required"] as? Double == 10400)
        let standard = try #require((logistics["standards"] as? [[String: Any]])?.first)
        #expect(standard["id"] as? String == "activity-per-member" && standard["members"] as? Int == 13 && standard["met"] as? Bool == false)
        // Only those below: 组织人事党支部 (a member more than budgeted in January) and 后勤保障党支部.
        let below = try Self.json(try runProduct("partydesk", ["funds", "--data", data, "--as-of", "2026-11-21", "--below", "--format", "json"]))
        #expect((below["branches"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == ["b-org", "b-logistics"])

        // The second half, by name, with the amount as people write it.
        let add = try runProduct("partydesk", ["funds", "add", "--data", data, "--org", "后勤保障党支部", "--date", "2026/11/25",
                                               "--amount", "5,600.00", "--direction", "拨付", "--category", "党建活动经费", "--note", "下半年"])
        #expect(add.status == 0, "\(add.stderr)")
        #expect(add.stdout.contains("已登记 jf-2026-0028 后勤保障党支部 2026-11-25 拨付 活动经费 5600.00 元"), "\(add.stdout)")
        let after = try Self.json(try runProduct("partydesk", ["funds", "--data", data, "--as-of", "2026-11-30", "--below", "--format", "json"]))
        #expect((after["branches"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == ["b-org"])
        // The files: the workspace's own, or on a database those `db pull` writes of it.
        let pulled = try store.files(data, in: tmp)
        let file = try String(contentsOfFile: pulled + "/funds/2026/b-logistics.json", encoding: .utf8)
        #expect(file.contains("\"jf-2026-0028\"") && file.contains("\"note\" : \"下半年\""))
        let journal = try String(contentsOfFile: pulled + "/journal.jsonl", encoding: .utf8)
        #expect(journal.contains("\"entity\":\"funds\"") && journal.contains("jf-2026-0028"))
        // The alerts follow.
        let alerts = try runProduct("partydesk", ["alerts", "--data", data, "--as-of", "2026-11-30", "--format", "json"])
        #expect(alerts.stdout.contains("funds.below-standard") && !alerts.stdout.contains("低于标准 10400.00"))
    }

    @Test(arguments: TestStore.allCases) func badInputIsRefusedWithWhatIsAccepted(_ store: TestStore) throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let dir = tmp.sub("demo")
        try WorkspaceStore(directory: dir).create(DemoWorkspace.make(asOf: testAsOf))
        guard let data = try store.data(dir) else { return }
        let direction = try runProduct("partydesk", ["funds", "add", "--data", data, "--org", "b-office", "--date", "2026-11-01",
                                                     "--amount", "10", "--direction", "捐赠", "--category", "其他"])
        #expect(direction.status == 2 && direction.stderr.contains("拨付|支出"), "\(direction.stderr)")
        let org = try runProduct("partydesk", ["funds", "add", "--data", data, "--org", "不存在", "--date", "2026-11-01",
                                               "--amount", "10", "--direction", "支出", "--category", "其他"])
        #expect(org.status == 2 && org.stderr.contains("没有这个编号或名称的党委、党总支或支部"), "\(org.stderr)")
        let amount = try runProduct("partydesk", ["funds", "add", "--data", data, "--org", "b-office", "--date", "2026-11-01",
                                                  "--amount", "10.005", "--direction", "支出", "--category", "其他"])
        #expect(amount.status == 1 && amount.stderr.contains("应精确到分"), "\(amount.stderr)")
        // Nothing was written.
        let pulled = try store.files(data, in: tmp)
        #expect(!((try? String(contentsOfFile: pulled + "/journal.jsonl", encoding: .utf8)) ?? "").contains("funds"))
    }
}
