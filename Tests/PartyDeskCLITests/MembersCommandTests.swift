import Foundation
import Testing
import TestSupport
@testable import PartyModel
@testable import PartyStore

/// `partydesk members` and `partydesk dues` through the real binary, on the demo (issue 18).
@Suite struct MembersCommandTests {
    static func demo(_ tmp: TempDirectory) throws -> String {
        let dir = tmp.sub("demo")
        try WorkspaceStore(directory: dir).create(DemoWorkspace.make(asOf: testAsOf))
        return dir
    }

    static func json(_ result: ProcessResult) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    @Test func membersListsTheRosterOfTheDayWithDuesAndHours() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let dir = try Self.demo(tmp)
        let ws = DemoWorkspace.make(asOf: testAsOf)
        let ledger = MemberLedger(ws)
        // Everyone on a roster that day: 330 (two who left this year are not listed).
        let all = try Self.json(try runProduct("partydesk", ["members", "--data", dir, "--as-of", "2026-11-21", "--format", "json"]))
        #expect(all["count"] as? Int == 330 && (all["personalData"] as? String)?.contains("个人信息") == true)
        // By name, probationary only: the branch's probationary members, each with the 预备期's end.
        let office = try Self.json(try runProduct("partydesk", ["members", "--data", dir, "--as-of", "2026-11-21", "--branch", "党政办公室党支部",
                                                                "--status", "预备", "--format", "json"]))
        let rows = try #require(office["members"] as? [[String: Any]])
        #expect(rows.count == 1 && rows[0]["status"] as? String == "probationary" && rows[0]["probationEnds"] != nil)
        // --arrears: exactly the members behind on dues that day, by the ledger.
        let behind = try Self.json(try runProduct("partydesk", ["members", "--data", dir, "--as-of", "2026-11-21", "--arrears", "--format", "json"]))
        let behindIds = Set((behind["members"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String })
        let expected = Set(ws.members.filter { m in ledger.branch(of: m, on: testAsOf) && ledger.arrears(m, asOf: testAsOf) > 0 }.map(\.id))
        #expect(behindIds == expected && behindIds.contains("b-retired-m6") && behindIds.contains("b-office-m6"))
        // --hours-short --role secretary: the secretaries short of 56 h.
        let short = try Self.json(try runProduct("partydesk", ["members", "--data", dir, "--as-of", "2026-11-21", "--hours-short", "--role", "书记", "--format", "json"]))
        let shortRows = try #require(short["members"] as? [[String: Any]])
        #expect(!shortRows.isEmpty && shortRows.allSatisfy { ($0["role"] as? String) == "secretary" && (($0["hours"] as? [String: Any])?["reached"] as? Bool) == false })
        // Text and CSV say first that they hold personal data; CSV has the note as its first row.
        let text = try runProduct("partydesk", ["members", "--data", dir, "--as-of", "2026-11-21", "--branch", "b-org"])
        #expect(text.status == 0)
        let lines = text.stdout.split(separator: "\n").map(String.init)
        #expect(lines[0].contains("党员名册") && lines[1].contains("个人信息"))
        #expect(text.stdout.contains("钱敏") && text.stdout.contains("自 财务资产党支部 转入"))
        let csv = try runProduct("partydesk", ["members", "--data", dir, "--as-of", "2026-11-21", "--branch", "b-org", "--format", "csv", "--lang", "en"])
        let csvLines = csv.stdout.components(separatedBy: "\r\n")
        #expect(csvLines[0].contains("personal data") && csvLines[1].hasPrefix("Branch,Name,"))
        #expect(csvLines.filter { !$0.isEmpty }.count == 2 + 7)
    }

    @Test func duesPerBranchAndPerMember() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let dir = try Self.demo(tmp)
        let ws = DemoWorkspace.make(asOf: testAsOf)
        let ledger = MemberLedger(ws)
        let october = YearMonth(year: 2026, month: 10)!
        let result = try runProduct("partydesk", ["dues", "--data", dir, "--as-of", "2026-11-21", "--month", "2026-10", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let out = try Self.json(result)
        let rows = try #require(out["branches"] as? [[String: Any]])
        #expect(rows.count == 15)
        for row in rows {
            let c = ledger.collection(row["id"] as! String, october, asOf: testAsOf)
            #expect(row["due"] as? Double == c.due.yuan && row["paid"] as? Double == c.paid.yuan && row["membersPaid"] as? Int == c.membersPaid)
        }
        let total = try #require(out["total"] as? [String: Any])
        #expect(total["membersOwing"] as? Int == 330)
        // One branch, member by member: the three behind, with their months.
        let retired = try Self.json(try runProduct("partydesk", ["dues", "--data", dir, "--as-of", "2026-11-21", "--month", "2026-10",
                                                                 "--branch", "离退休党支部", "--format", "json"]))
        let members = try #require(retired["members"] as? [[String: Any]])
        let behind = Dictionary(uniqueKeysWithValues: members.filter { ($0["arrearsMonths"] as? Int ?? 0) > 0 }.map { ($0["id"] as! String, $0["arrearsMonths"] as! Int) })
        #expect(behind == ["b-retired-m3": 3, "b-retired-m4": 7, "b-retired-m6": 10])
        #expect(members.count == 102 && retired["personalData"] != nil)
        let m7 = try #require(members.first { $0["id"] as? String == "b-retired-m7" })
        #expect(m7["due"] as? Double == 25 && m7["covered"] as? Bool == true)   // a pension of 5000: 0.5 %
        // Text, in English; an unknown branch and a bad month are usage errors.
        let text = try runProduct("partydesk", ["dues", "--data", dir, "--as-of", "2026-11-21", "--lang", "en"])
        #expect(text.status == 0 && text.stdout.contains("dues for 2026-11") && text.stdout.contains("Total"))
        #expect(try runProduct("partydesk", ["dues", "--data", dir, "--branch", "no-such"]).status == 2)
        #expect(try runProduct("partydesk", ["dues", "--data", dir, "--month", "2026-13"]).status == 2)
        #expect(try runProduct("partydesk", ["members", "--data", dir, "--status", "other"]).status == 2)
    }
}

/// Personal data stays off the printed report: its alerts do not name members (issue 18).
@Suite struct ReportWithoutMemberNamesTests {
    @Test func theReportsAlertsNameNoMember() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let dir = try MembersCommandTests.demo(tmp)
        let ws = DemoWorkspace.make(asOf: testAsOf)
        let named = AlertRules.alerts(ws, asOf: testAsOf).flatMap { alert -> [String] in
            switch alert.kind {
            case .duesArrears(_, _, let names), .trainingHoursShort(_, _, let names): names
            default: []
            }
        }
        #expect(named.count > 5)
        let out = tmp.sub("report.html")
        let result = try runProduct("partydesk", ["report", "--data", dir, "--as-of", "2026-11-21", "--out", out])
        #expect(result.status == 0, "\(result.stderr)")
        let html = String(decoding: FileManager.default.contents(atPath: out) ?? Data(), as: UTF8.self)
        #expect(html.contains("名党员连续 6 个月以上未交党费, 请支部了解情况"))
        for name in Set(named) { #expect(!html.contains(name), "\(name)") }
    }
}

extension MemberLedger {
    /// Whether the member is on some branch's roster on `day`.
    func branch(of member: Member, on day: Day) -> Bool { member.branch(on: day) != nil }
}
