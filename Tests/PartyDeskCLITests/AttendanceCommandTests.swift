import Foundation
import Testing
import TestSupport
@testable import PartyModel
@testable import PartyStore

/// `members` (attendance, talks, review, 先锋指数), `alerts` and `import`/`export --what dues` through
/// the real binary (issue 18). On both stores (TestStore), but the import, which is of the files.
@Suite struct AttendanceCommandTests {
    static func json(_ result: ProcessResult) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    /// On the demo: the member absent without reason since May has his attendance, talks, last review
    /// and 先锋指数 as the ledger works them out, and the note; the text, CSV and alerts show them.
    @Test(arguments: TestStore.allCases) func membersShowAttendanceTalksReviewAndPioneerIndex(_ store: TestStore) throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let dir = try MembersCommandTests.demo(tmp)
        guard let data = try store.data(dir) else { return }
        let ws = DemoWorkspace.make(asOf: testAsOf)
        let ledger = MemberLedger(ws)
        let m30 = ledger.member(DemoWorkspace.absentMember)!
        let out = try Self.json(try runProduct("partydesk", ["members", "--data", data, "--as-of", "2026-11-21", "--branch", "b-s-info", "--format", "json"]))
        let rows = try #require(out["members"] as? [[String: Any]])
        let row = try #require(rows.first { $0["id"] as? String == m30.id })
        let life = ledger.organisationalLife(m30, year: 2026, asOf: testAsOf)
        let attendance = try #require(row["attendance"] as? [String: Any])
        #expect(attendance["listed"] as? Int == life.listed && attendance["present"] as? Int == life.present && life.present < life.listed / 2)
        #expect((attendance["absent"] as? [String: Int])?["unexcused"] == life.absent[.unexcused])
        #expect(row["talks"] as? Int == 1)
        #expect((row["review"] as? [String: Any])?["grade"] as? String == "basicallyQualified")
        let ranking = ledger.ranking(branchId: "b-s-info", year: 2026, asOf: testAsOf)
        let mine = try #require(ranking.first { $0.member.id == m30.id })
        let pioneer = try #require(row["pioneer"] as? [String: Any])
        #expect(pioneer["rank"] as? Int == mine.rank && pioneer["of"] as? Int == ranking.count)
        #expect(abs((pioneer["total"] as? Double ?? -1) - mine.index.total) < 0.006)
        // Text: the columns and the note; CSV: the same columns after the personal-data line.
        let text = try runProduct("partydesk", ["members", "--data", data, "--as-of", "2026-11-21", "--branch", "b-s-info"])
        #expect(text.status == 0 && text.stdout.contains("出勤") && text.stdout.contains("先锋指数") && text.stdout.contains("连续7个月无故缺席"))
        let csv = try runProduct("partydesk", ["members", "--data", data, "--as-of", "2026-11-21", "--branch", "b-s-info", "--format", "csv", "--lang", "en"])
        let header = csv.stdout.components(separatedBy: "\r\n")[1]
        #expect(header.contains(",Attendance,Talks,Review,Pioneer,Notes,Id"))
        // Alerts: the three new kinds, as the rules find them.
        let alerts = try Self.json(try runProduct("partydesk", ["alerts", "--data", data, "--as-of", "2026-11-21", "--format", "json"]))
        let codes = (alerts["alerts"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
        for code in ["attendance.unexcused-6m", "talks.missing", "review.unqualified"] { #expect(codes.contains(code), "\(code)") }
    }

    /// A workspace of 一支部 (张三, 李四, 王五) and 二支部 (赵六); 张三 paid January–March as a quarter.
    static func workspace(_ dir: String) throws {
        var ws = smallWorkspace()
        let d = { (s: String) in Day(iso: s)! }
        ws.members = [Member(id: "m1", name: "张三", branchId: "b1", joinDate: d("2001-07-01")),
                      Member(id: "m2", name: "李四", branchId: "b1", joinDate: d("2005-07-01")),
                      Member(id: "m3", name: "王五", branchId: "b1", joinDate: d("2010-07-01")),
                      Member(id: "m4", name: "赵六", branchId: "b2", joinDate: d("2012-07-01"))]
        ws.trainingEntries = []
        ws.duesPayments = [DuesPayment(id: "dues-2026-0001", memberId: "m1", branchId: "b1",
                                       months: (1...3).map { YearMonth(year: 2026, month: $0)! }, amount: 90, paidOn: d("2026-01-10"))]
        try WorkspaceStore(directory: dir).create(ws)
    }

    /// The sheet as an office keeps it: a title, 序号, the branch given once for its rows, 1月 … 12月, 合计.
    static let sheet = """
    一支部、二支部2026年党费收缴台账,,,,,,,,,,,,,,,
    序号,姓名,支部,1月,2月,3月,4月,5月,6月,7月,8月,9月,10月,11月,12月,合计
    1,张三,一支部,30,30,30,30,,,,,,,,,120
    2,李四,,15,15元,√,,,,,,,,,,30
    3,王五,,20.5,,,,,,,,,,,,20.5
    4,赵六,二支部,0.2,0.20,0,,,,,,,,,,0.4
    合计,,,65.7,45.2,30,30,,,,,,,,,
    """

    /// On either store: what the files hold after it, read back (on a database: pulled).
    @Test(arguments: TestStore.allCases) func importingADuesSheetThroughTheBinary(_ store: TestStore) throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let dir = tmp.sub("ws")
        try Self.workspace(dir)
        guard let data = try store.data(dir) else { return }
        let file = tmp.sub("党费.csv")
        try Data(Self.sheet.utf8).write(to: URL(fileURLWithPath: file))
        let args = ["import", "--what", "dues", file, "--data", data, "--year", "2026", "--as-of", "2026-11-21"]
        let dry = try runProduct("partydesk", args + ["--dry-run"])
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("新增 7, 修改 0, 无变化 3"))
        #expect(dry.stdout.contains("跳过 2 行: 第 1 行 (标题), 第 7 行 (合计)") && dry.stdout.contains("第 4–5 行的 支部 为空或合并单元格, 取上一行的值"))
        #expect(dry.stdout.contains("忽略的列: 序号, 合计"))
        #expect(dry.stdout.contains("  新增 dues-2026-0005  李四  一支部  2026-03  金额不详"))
        #expect(try WorkspaceStore(directory: store.files(data, in: tmp)).load().workspace.duesPayments.count == 1)
        let real = try runProduct("partydesk", args)
        #expect(real.status == 0, "\(real.stderr)")
        let imported = try store.files(data, in: tmp)
        let ws = try WorkspaceStore(directory: imported).load().workspace
        #expect(ws.duesPayments.count == 8)
        #expect(ws.duesPayments.first { $0.id == "dues-2026-0002" } == DuesPayment(
            id: "dues-2026-0002", memberId: "m1", branchId: "b1", months: [YearMonth(year: 2026, month: 4)!], amount: 30, paidOn: Day(iso: "2026-04-30")!))
        #expect(ws.duesPayments.filter { $0.memberId == "m4" }.allSatisfy { $0.branchId == "b2" && $0.amount == 0.2 })
        #expect(Journal(directory: imported).entries().filter { $0.entity == "duesPayment" }.count == 7)
        // Again: nothing changes, nothing is written.
        let again = try runProduct("partydesk", args)
        #expect(again.status == 0 && again.stdout.contains("新增 0, 修改 0, 无变化 10"))
        #expect(Journal(directory: try store.files(data, in: tmp)).entries().filter { $0.entity == "duesPayment" }.count == 7)
        // A changed amount is shown before → after (the quarter's three months are that one change; the 7 others unchanged).
        try Data(Self.sheet.replacingOccurrences(of: "1,张三,一支部,30,30,30,30", with: "1,张三,一支部,30,35,30,30").utf8).write(to: URL(fileURLWithPath: file))
        let changed = try runProduct("partydesk", args + ["--dry-run"])
        #expect(changed.stdout.contains("新增 0, 修改 1, 无变化 7") && changed.stdout.contains("(金额: 90.00 → 95.00)"), "\(changed.stdout)")
        // An unknown name: the line, exit 1, nothing written.
        try Data(Self.sheet.replacingOccurrences(of: "王五", with: "王武").utf8).write(to: URL(fileURLWithPath: file))
        let bad = try runProduct("partydesk", args)
        #expect(bad.status == 1 && bad.stderr.contains("党费.csv:5: 一支部 没有名为 王武 的党员"))
        // --year is for dues only.
        #expect(try runProduct("partydesk", ["import", "--what", "members", file, "--data", data, "--year", "2026"]).status == 2)
    }

    /// What `export --what dues` writes reads back unchanged; the note comes first and is not counted.
    /// Exported from either store; read back by `import`, which works on the files only (the same workspace's).
    @Test(arguments: TestStore.allCases) func exportingDuesRoundTrips(_ store: TestStore) throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let dir = tmp.sub("ws")
        try Self.workspace(dir)
        guard let data = try store.data(dir) else { return }
        let out = tmp.sub("dues.xlsx")
        let export = try runProduct("partydesk", ["export", "--what", "dues", "--year", "2026", "--out", out, "--data", data])
        #expect(export.status == 0 && export.stdout.contains("已导出 4 行"), "\(export.stdout) \(export.stderr)")
        let back = try runProduct("partydesk", ["import", "--what", "dues", out, "--data", dir, "--year", "2026", "--as-of", "2026-11-21"])
        #expect(back.status == 0 && back.stdout.contains("新增 0, 修改 0, 无变化 3"), "\(back.stdout) \(back.stderr)")
    }
}
