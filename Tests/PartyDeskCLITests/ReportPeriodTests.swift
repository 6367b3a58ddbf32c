import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import TestSupport
@testable import PartyModel
@testable import PartyStore

/// `partydesk report` for the periods the plans name (issue 17): a month (seed 002's monthly report by
/// the 25th), a half-year (seed 000's half-yearly report to the 党委), one branch; the cover of a formal
/// attachment; figures equal to the commands' JSON for the same period. On both stores (TestStore).
@Suite struct ReportPeriodTests {
    static func demo(_ tmp: TempDirectory) throws -> String {
        let dir = tmp.sub("demo")
        try WorkspaceStore(directory: dir).create(DemoWorkspace.make(asOf: testAsOf))
        return dir
    }

    /// The report of the workspace at `data` (a directory or a database: TestStore) for the period `args`.
    static func report(_ data: String, _ tmp: TempDirectory, _ args: [String]) throws -> String {
        let out = tmp.sub("r-\(UUID().uuidString.prefix(6)).html")
        let result = try runProduct("partydesk", ["report", "--data", data, "--as-of", "2026-11-21", "--out", out] + args)
        #expect(result.status == 0, "\(result.stderr)")
        let text = try String(contentsOfFile: out, encoding: .utf8)
        // XHTML: an XML parser reads it whole.
        let parser = XMLParser(data: Data(text.replacingOccurrences(of: "<!DOCTYPE html>\n", with: "").utf8))
        #expect(parser.parse(), "\(args): \(parser.parserError.map { "\($0)" } ?? "")")
        return text
    }

    static func json(_ data: String, _ args: [String]) throws -> [String: Any] {
        let result = try runProduct("partydesk", args + ["--data", data, "--format", "json"])
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stderr)")
    }

    /// The row of the section's table whose first cell is `first`, as its cells' text.
    static func row(_ html: String, section: String, first: String, at column: Int = 0) -> [String]? {
        guard let start = html.range(of: "<h2>\(section)</h2>") else { return nil }
        let rest = html[start.upperBound...]
        let table = rest[..<(rest.range(of: "</table>")?.upperBound ?? rest.endIndex)]
        for tr in table.components(separatedBy: "<tr>").dropFirst() {
            let cells = tr.components(separatedBy: "</td>").dropLast().map { cell in
                String(cell[(cell.range(of: ">", options: .backwards)?.upperBound ?? cell.startIndex)...])
            }
            if cells.count > column && cells[column] == first { return cells }
        }
        return nil
    }

    @Test(arguments: TestStore.allCases) func aMonthsReportHasItsMeetingsRectificationsAndFunds(_ store: TestStore) throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let dir = try Self.demo(tmp)
        guard let data = try store.data(dir) else { return }
        let html = try Self.report(data, tmp, ["--month", "2026-11"])
        // The cover: organisation, period, 填报单位, 填报日期, the signature line; then the report.
        #expect(html.contains("<div class=\"cover\"><h1>示例研究院党委 2026年11月党建工作报告</h1>"))
        #expect(html.contains("<tr><th>报告期间</th><td>2026年11月 (2026-11-01 – 2026-11-30)</td></tr>"))
        #expect(html.contains("<tr><th>填报单位</th><td>示例研究院党委</td></tr><tr><th>填报日期</th><td>2026-11-21</td></tr>"))
        #expect(html.contains("负责人 (签字): ____________"))
        // No scores for a month; meetings held in November up to the 21st, per branch, as the ledger has them.
        #expect(!html.contains("<h2>考评得分</h2>") && !html.contains("<svg"))
        let ws = DemoWorkspace.make(asOf: testAsOf)
        let november = ws.activities.filter { $0.date.year == 2026 && $0.date.month == 11 && $0.date <= testAsOf }
        for b in ws.organisation.branches(inServiceOn: Day(iso: "2026-11-01")!) {
            let mine = november.filter { $0.branchId == b.id }
            let cells = try #require(Self.row(html, section: "本期组织生活开展情况 (次数)", first: b.name))
            #expect(cells == [b.name] + (ActivityKind.threeMeetingsOneLesson + [.themedPartyDay]).map { k in String(mine.filter { $0.kind == k }.count) }
                    + [String(mine.count)], "\(b.name)")
        }
        // Rectifications opened and closed in November: as `partydesk rectifications` lists them.
        let list = try #require(Self.json(data, ["rectifications", "--as-of", "2026-11-21"])["rectifications"] as? [[String: Any]])
        let opened = list.filter { ($0["openedOn"] as! String).hasPrefix("2026-11") }.count
        let closed = list.filter { r in
            r["status"] as? String == "closed" && ((r["history"] as! [[String: Any]]).last { $0["to"] as? String == "closed" }?["date"] as? String)?.hasPrefix("2026-11") == true
        }.count
        #expect(Self.row(html, section: "整改 (按状态)", first: "本期新增") == ["本期新增", String(opened)])
        #expect(Self.row(html, section: "整改 (按状态)", first: "本期销号") == ["本期销号", String(closed)])
        // The overdue rectifications are in their own section only: the alerts leave them out.
        let alerts = html[html.range(of: "<h2>预警</h2>")!.upperBound...]
        #expect(!alerts.prefix(while: { _ in true }).components(separatedBy: "<h2>")[0].contains("整改逾期"))
        #expect(html.components(separatedBy: "<h2>逾期整改</h2>").count == 2)
        // Funds of November, as `partydesk funds list` has the entries: the 党委 spent 45,000 on the 20th.
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(try runProduct("partydesk", ["funds", "list", "--data", data, "--year", "2026", "--format", "json"]).stdout.utf8)) as? [[String: Any]])
        let inNovember = entries.filter { ($0["date"] as! String).hasPrefix("2026-11") && ($0["date"] as! String) <= "2026-11-21" }
        let spent = inNovember.filter { $0["organisationId"] as? String == "c-institute" && $0["direction"] as? String == "spent" }.reduce(0.0) { $0 + ($1["amount"] as! Double) }
        #expect(spent == 45_000)
        #expect(Self.row(html, section: "经费 (本期拨付与支出)", first: "示例研究院党委") == ["示例研究院党委", "0.00", "45000.00"])
    }

    @Test(arguments: TestStore.allCases) func aHalfYearsReportCarriesTheScoresOfItsLastDay(_ store: TestStore) throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let dir = try Self.demo(tmp)
        guard let data = try store.data(dir) else { return }
        let html = try Self.report(data, tmp, ["--half", "2026-H1"])
        #expect(html.contains("<h1>示例研究院党委 2026年上半年党建工作报告</h1>") && html.contains("截至 2026-06-30"))
        // The scores are the year's as of 30 June, as `partydesk scores` prints them.
        let scores = try Self.json(data, ["scores", "--year", "2026", "--as-of", "2026-06-30"])
        for b in try #require(scores["branches"] as? [[String: Any]]) {
            let cells = try #require(Self.row(html, section: "考评得分", first: b["name"] as! String, at: 1), "\(b["name"]!)")
            #expect(cells[0] == String(b["rank"] as! Int) && cells.contains(String(format: "%.2f", b["total"] as! Double)))
        }
        // Q1 and Q2 only; funds with the year's standard.
        #expect(html.contains("<th>Q1</th><th>Q2</th></tr>") && !html.contains("<th>Q3</th>"))
        #expect(html.contains("<th>年度标准 (元)</th>"))
        #expect(html.components(separatedBy: "<svg").count == 4)
        // Markdown: the same cover and sections.
        let md = tmp.sub("h.md")
        #expect(try runProduct("partydesk", ["report", "--data", data, "--as-of", "2026-11-21", "--half", "2026-H1", "--format", "md", "--out", md]).status == 0)
        let markdown = try String(contentsOfFile: md, encoding: .utf8)
        #expect(markdown.contains("报告期间: 2026年上半年 (2026-01-01 – 2026-06-30)") && markdown.contains("## 考评得分"))
    }

    @Test(arguments: TestStore.allCases) func oneBranchsOwnReport(_ store: TestStore) throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let dir = try Self.demo(tmp)
        guard let data = try store.data(dir) else { return }
        let html = try Self.report(data, tmp, ["--branch", "后勤保障党支部", "--quarter", "4", "--year", "2026", "--unit", "机关党总支"])
        #expect(html.contains("<h1>后勤保障党支部 2026年第4季度党建工作报告</h1>"))
        #expect(html.contains("<tr><th>填报单位</th><td>机关党总支</td></tr>"))
        let ws = DemoWorkspace.make(asOf: testAsOf)
        let ledger = ws.activities.filter { $0.branchId == "b-logistics" && $0.date >= Day(iso: "2026-10-01")! && $0.date <= testAsOf }
        let section = html.components(separatedBy: "<h2>本期台账</h2>")[1].components(separatedBy: "</table>")[0]
        #expect(section.components(separatedBy: "<tr>").count - 2 == ledger.count)   // a header row, then one per activity
        // Its own rectifications and checks only; no other branch named in its tables.
        #expect(html.contains("<h2>季度检查</h2>") && !html.contains("党政办公室党支部"))
        // Its score, grade and rank in the headline, as the quarter's scores have them.
        let scores = try Self.json(data, ["scores", "--year", "2026", "--quarter", "4", "--as-of", "2026-11-21"])
        let mine = try #require((scores["branches"] as? [[String: Any]])?.first { $0["id"] as? String == "b-logistics" })
        #expect(html.contains("得分<b>\(String(format: "%.2f", mine["total"] as! Double))</b>"))
    }

    @Test(arguments: TestStore.allCases) func periodsAreCheckedAsGiven(_ store: TestStore) throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let dir = try Self.demo(tmp)
        guard let data = try store.data(dir) else { return }
        for (args, text) in [(["--half", "2026-H3"], "YYYY-H1"), (["--month", "2026-13"], "YYYY-MM"), (["--month", "2026-11", "--quarter", "4"], "只能选一个")] {
            let r = try runProduct("partydesk", ["report", "--data", data, "--out", tmp.sub("x.html")] + args)
            #expect(r.status == 2 && r.stderr.contains(text), "\(args): \(r.stderr)")
        }
        // February has 28 days in 2026; a half is written either case.
        #expect(try Self.report(data, tmp, ["--month", "2026-02"]).contains("2026年2月 (2026-02-01 – 2026-02-28)"))
        #expect(try Self.report(data, tmp, ["--half", "2026-h2"]).contains("2026年下半年 (2026-07-01 – 2026-12-31)"))
    }
}
