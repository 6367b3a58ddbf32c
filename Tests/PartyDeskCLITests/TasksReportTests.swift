import Foundation
import Testing
import TestSupport
@testable import PartyModel
@testable import PartyStore

/// The monthly report's 工作任务 section (issue 17): the occurrences due in the month and who did them,
/// as `partydesk tasks --format json` has them for the same day; a branch's report has its own list.
/// On both stores (TestStore).
@Suite struct TasksReportTests {
    @Test(arguments: TestStore.allCases) func aMonthsReportHasTheOccurrencesDueAndWhoDidThem(_ store: TestStore) throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let dir = try ReportPeriodTests.demo(tmp)
        guard let data = try store.data(dir) else { return }
        let html = try ReportPeriodTests.report(data, tmp, ["--month", "2026-10"])
        // October's report counts up to 31 October: the same figures as the command for that day.
        let json = try ReportPeriodTests.json(data, ["tasks", "--as-of", "2026-10-31"])
        let t20 = try #require((json["tasks"] as? [[String: Any]])?.first { $0["id"] as? String == "t20" })
        let branches = try #require(t20["branches"] as? [[String: Any]])
        let october = branches.map { b in ((b["occurrences"] as? [[String: Any]]) ?? []).first { $0["period"] as? String == "2026-10" } }
        let did = zip(branches, october).filter { $0.1?["doneOn"] != nil }.map { "\($0.0["name"] as! String) (\(($0.1!["doneOn"] as! String).dropFirst(5)))" }
        let not = zip(branches, october).filter { $0.1?["doneOn"] == nil }.map { $0.0["name"] as! String }
        #expect(not == ["后勤保障党支部"] && did.count == 4)
        let row = try #require(ReportPeriodTests.row(html, section: "工作任务 (本期应报应完成)", first: "每月25日前报送基本建设年工作情况"))
        #expect(row == ["每月25日前报送基本建设年工作情况", "2026年10月", "2026-10-25", "4/5", did.joined(separator: "、"), "后勤保障党支部 (逾期)"])
        // The one-off 台账 task is due on 31 October, the report's last day: not yet late on it.
        let ledger = try #require(ReportPeriodTests.row(html, section: "工作任务 (本期应报应完成)", first: "建立支部标准化工作台账"))
        #expect(ledger[1] == "期限" && ledger[2] == "2026-10-31" && ledger[3] == "7/8" && ledger[5] == "经济管理系学生党支部")
        // November's report (to the 21st): the November occurrence is not due until the 25th, but in the month.
        let november = try ReportPeriodTests.report(data, tmp, ["--month", "2026-11"])
        #expect(ReportPeriodTests.row(november, section: "工作任务 (本期应报应完成)", first: "每月25日前报送基本建设年工作情况")?[3] == "0/5")
    }

    @Test(arguments: TestStore.allCases) func aBranchsReportHasItsList(_ store: TestStore) throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let dir = try ReportPeriodTests.demo(tmp)
        guard let data = try store.data(dir) else { return }
        let html = try ReportPeriodTests.report(data, tmp, ["--branch", "科研中心党支部", "--quarter", "4", "--year", "2026"])
        let json = try ReportPeriodTests.json(data, ["tasks", "--as-of", "2026-11-21", "--branch", "b-t-research"])
        for task in try #require(json["tasks"] as? [[String: Any]]) {
            let b = try #require((task["branches"] as? [[String: Any]])?.first)
            let row = try #require(ReportPeriodTests.row(html, section: "一支部一清单", first: task["title"] as! String), "\(task["id"]!)")
            #expect(row[2] == b["standing"] as? String && row[5] == ((b["next"] as? [String: Any])?["due"] as? String ?? ""))
        }
        #expect(ReportPeriodTests.row(html, section: "一支部一清单", first: "每半年向党委书面报告党建工作情况")?[4] == "2026-H1")
        #expect(!html.contains("后勤保障党支部"))
    }
}
