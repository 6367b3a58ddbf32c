import Foundation
import Testing
import TestSupport
@testable import PartyModel
@testable import PartyStore

/// The monthly report's 目标 section (issue 17): each target's status at the period's end, the same as
/// `partydesk targets --as-of` that day. On both stores (TestStore).
@Suite struct TargetsReportTests {
    @Test(arguments: TestStore.allCases) func aMonthsReportCarriesEachTargetsStatusAtItsEnd(_ store: TestStore) throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let dir = try ReportPeriodTests.demo(tmp)
        guard let data = try store.data(dir) else { return }
        // October 2026 ends on the 31st: Q3 ended, its milestones due.
        let html = try ReportPeriodTests.report(data, tmp, ["--month", "2026-10"])
        #expect(html.contains("<h2>目标 (截至 2026-10-31)</h2>"), "\(html)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(try runProduct("partydesk", [
            "targets", "--data", data, "--as-of", "2026-10-31", "--format", "json"]).stdout.utf8)) as? [String: Any])
        let rows = try #require(json["targets"] as? [[String: Any]])
        #expect(rows.count == 10)
        for row in rows {
            let title = row["title"] as! String, status = row["statusName"] as! String
            #expect(html.contains("<td>\(title)</td>") && html.range(of: "<td>\(title)</td>.*?<td>\(status)</td>", options: .regularExpression) != nil, "\(title)")
        }
        // 两新组织党组织覆盖率 on 10-31: Q4's 35 of 40.
        #expect(html.contains("<td>两新组织党组织覆盖率</td><td>87.5% (35/40)</td><td>≥ 85.0%</td><td>达成</td><td>2026-12-31</td>"), "\(html)")
        // Markdown too.
        let md = tmp.sub("r.md")
        let r = try runProduct("partydesk", ["report", "--data", data, "--as-of", "2026-11-21", "--month", "2026-11", "--out", md])
        #expect(r.status == 0, "\(r.stderr)")
        let text = try String(contentsOfFile: md, encoding: .utf8)
        #expect(text.contains("目标 (截至 2026-11-21)") && text.contains("最强党支部占比"), "\(text)")
    }
}
