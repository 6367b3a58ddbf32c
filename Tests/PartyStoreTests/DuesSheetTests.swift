import Foundation
import Testing
import TestSupport
@testable import PartyModel
@testable import PartyStore

/// The 党费 sheet (`import --what dues`, `export --what dues`), worked by hand (issue 18).
@Suite struct DuesSheetTests {
    static func d(_ s: String) -> Day { Day(iso: s)! }
    static func m(_ s: String) -> YearMonth { YearMonth(iso: s)! }
    static let today = d("2026-11-21")

    /// 一支部: 张三 (m1), 李四 (m2), 王五 (m3); 二支部: 赵六 (m4). 张三 paid January–March as one
    /// quarter, 90.00 on 10 January (30.00 a month).
    static func workspace() -> Workspace {
        var ws = smallWorkspace()
        ws.members = [Member(id: "m1", name: "张三", branchId: "b1", joinDate: d("2001-07-01")),
                      Member(id: "m2", name: "李四", branchId: "b1", joinDate: d("2005-07-01")),
                      Member(id: "m3", name: "王五", branchId: "b1", joinDate: d("2010-07-01")),
                      Member(id: "m4", name: "赵六", branchId: "b2", joinDate: d("2012-07-01"))]
        ws.trainingEntries = []
        ws.duesPayments = [DuesPayment(id: "dues-2026-0001", memberId: "m1", branchId: "b1", months: [m("2026-01"), m("2026-02"), m("2026-03")],
                                       amount: 90, paidOn: d("2026-01-10"), method: .wechat)]
        return ws
    }

    /// The sheet as an office keeps it: a title merged across the top, 序号, the branch merged down
    /// over its three members, 1月 … 12月, a 合计 column and a 合计 row.
    static func sheet(_ rows: [[String]]? = nil) -> SheetGrid {
        let months = (1...12).map { "\($0)月" }
        let body = rows ?? [
            ["1", "张三", "一支部", "30", "30", "30", "30", "", "", "", "", "", "", "", "", "120"],
            ["2", "李四", "", "15", "15元", "√", "", "", "", "", "", "", "", "", "", "30"],
            ["3", "王五", "", "20.5", "", "", "", "", "", "", "", "", "", "", "", "20.5"],
            ["4", "赵六", "二支部", "0.2", "0.20", "0", "", "", "", "", "", "", "", "", "", "0.4"],
        ]
        var grid: [(line: Int, fields: [String])] = [(1, ["一支部、二支部2026年党费收缴台账"] + Array(repeating: "", count: 15)),
                                                     (2, ["序号", "姓名", "支部"] + months + ["合计"])]
        for (i, row) in body.enumerated() { grid.append((3 + i, row)) }
        grid.append((3 + body.count, ["合计", "", "", "65.7", "45.2", "30", "30"] + Array(repeating: "", count: 9)))
        return SheetGrid(rows: grid, merges: [MergedRange(rows: 1...1, columns: 0...15), MergedRange(rows: 3...5, columns: 2...2)])
    }

    static func payments(_ plan: LedgerSheet.Plan) -> [DuesPayment] {
        (plan.change?.parts ?? []).compactMap { if case .duesPayment(nil, let p?) = $0 { p } else { nil } }
    }

    /// By hand: 张三's January–March are his quarter's 30.00 shares (unchanged, 3) and April is a new
    /// payment of 30.00 dated 30 April; 李四's 15, "15元" and √ are three payments (the last of unknown
    /// amount), dated each month's last day; 王五 20.50 in January; 赵六 0.20 twice in 二支部 (0 is no
    /// payment). 7 new, 3 unchanged; the title and the 合计 row skipped, 李四 and 王五 filled down from the
    /// merged cell, 序号 and 合计 not read.
    @Test func aSheetOfMonthColumnsBecomesPaymentsByHand() throws {
        let ws = Self.workspace()
        let plan = LedgerSheet.dues.plan(Self.sheet(), file: "党费.xlsx", into: ws, lang: .zh, options: ImportOptions(year: 2026, today: Self.today))
        #expect(plan.problems.isEmpty, "\(plan.problems)")
        let made = Self.payments(plan)
        let expected = [
            DuesPayment(id: "dues-2026-0002", memberId: "m1", branchId: "b1", months: [Self.m("2026-04")], amount: 30, paidOn: Self.d("2026-04-30")),
            DuesPayment(id: "dues-2026-0003", memberId: "m2", branchId: "b1", months: [Self.m("2026-01")], amount: 15, paidOn: Self.d("2026-01-31")),
            DuesPayment(id: "dues-2026-0004", memberId: "m2", branchId: "b1", months: [Self.m("2026-02")], amount: 15, paidOn: Self.d("2026-02-28")),
            DuesPayment(id: "dues-2026-0005", memberId: "m2", branchId: "b1", months: [Self.m("2026-03")], amount: nil, paidOn: Self.d("2026-03-31")),
            DuesPayment(id: "dues-2026-0006", memberId: "m3", branchId: "b1", months: [Self.m("2026-01")], amount: 20.5, paidOn: Self.d("2026-01-31")),
            DuesPayment(id: "dues-2026-0007", memberId: "m4", branchId: "b2", months: [Self.m("2026-01")], amount: 0.2, paidOn: Self.d("2026-01-31")),
            DuesPayment(id: "dues-2026-0008", memberId: "m4", branchId: "b2", months: [Self.m("2026-02")], amount: 0.2, paidOn: Self.d("2026-02-28")),
        ]
        #expect(made == expected)
        #expect(plan.added == expected.map(\.id) && plan.changed.isEmpty && plan.unchanged == 3)
        #expect(plan.skipped == [SkippedRow(line: 1, reason: .title), SkippedRow(line: 7, reason: .total)])
        #expect(plan.filledDown == [4, 5] && plan.filledDownColumn == "支部")
        #expect(plan.ignoredColumns == ["序号", "合计"])
        let lines = (plan.change?.parts ?? []).compactMap { LedgerSheet.describe($0, names: SheetNames(ws), lang: .zh) }
        #expect(lines.first == "  新增 dues-2026-0002  张三  一支部  2026-04  30.00")
        #expect(lines[3] == "  新增 dues-2026-0005  李四  一支部  2026-03  金额不详")

        // Applied, the same sheet again changes nothing: 10 months as the sheet says.
        var after = ws
        try plan.change!.apply(to: &after)
        #expect(Validator.validate(after).isEmpty)
        let again = LedgerSheet.dues.plan(Self.sheet(), file: "党费.xlsx", into: after, lang: .zh, options: ImportOptions(year: 2026, today: Self.today))
        #expect(again.problems.isEmpty && again.change == nil && again.added.isEmpty && again.changed.isEmpty && again.unchanged == 10)
        // The ledger: 张三 has January–April, so as of 21 November 6 months behind (May–October).
        #expect(MemberLedger(after).arrears(after.members[0], asOf: Self.today) == 6)
    }

    /// A different amount in a month a payment covers changes that payment, before → after: 张三's
    /// February 35 makes his quarter 30 + 35 + 30 = 95.00. A month not ended yet (December, paid ahead)
    /// is dated the import day.
    @Test func aDifferentAmountChangesThePaymentAndAheadIsDatedToday() throws {
        let months = Array(repeating: "", count: 12)
        var row = ["1", "张三", "一支部"] + months + [""]
        row[3] = "30"; row[4] = "35"; row[14] = "50"
        let ws = Self.workspace()
        let plan = LedgerSheet.dues.plan(Self.sheet([row]), file: "党费.csv", into: ws, lang: .zh, options: ImportOptions(year: 2026, today: Self.today))
        #expect(plan.problems.isEmpty, "\(plan.problems)")
        #expect(plan.changed == ["dues-2026-0001"] && plan.added == ["dues-2026-0002"] && plan.unchanged == 0)
        let parts = plan.change?.parts ?? []
        guard case .duesPayment(let before?, let now?) = parts.first else { Issue.record("no change"); return }
        #expect(before.amount == 90 && now.amount == 95 && now.months == before.months && now.paidOn == before.paidOn && now.method == .wechat)
        #expect(LedgerSheet.describe(parts[0], names: SheetNames(ws), lang: .zh)
                == "  修改 dues-2026-0001  张三  一支部  2026-01, 2026-02, 2026-03  (金额: 90.00 → 95.00)")
        #expect(Self.payments(plan) == [DuesPayment(id: "dues-2026-0002", memberId: "m1", branchId: "b1", months: [Self.m("2026-12")], amount: 50,
                                                    paidOn: Self.today)])
    }

    /// Problems name the line: a name the branch has never had, a bad amount; nothing is planned.
    /// Headers as offices write them: 一月 …, 2026年1月, 2026-01; 编号 matches before the name.
    @Test func problemsAndHeaderVariants() {
        let ws = Self.workspace()
        var rows = [["1", "钱七", "一支部", "10"] + Array(repeating: "", count: 12),
                    ["2", "张三", "一支部", "-5"] + Array(repeating: "", count: 12)]
        var plan = LedgerSheet.dues.plan(Self.sheet(rows), file: "党费.csv", into: ws, lang: .zh, options: ImportOptions(year: 2026, today: Self.today))
        #expect(plan.problems == ["党费.csv:3: 一支部 没有名为 钱七 的党员 (核对姓名和支部, 或加 编号 列)",
                                  "党费.csv:4: 列 1月: 不是有效的数字 \"-5\""])
        #expect(plan.change == nil)
        for headers in [DuesSheet.chineseMonths, (1...12).map { "2026年\($0)月" }, (1...12).map { "2026-\($0 < 10 ? "0" : "")\($0)" }] {
            let grid = SheetGrid(rows: [(1, ["姓名", "支部"] + headers + ["编号"]), (2, ["改名了", "一支部", "", "15"] + Array(repeating: "", count: 10) + ["m2"])])
            plan = LedgerSheet.dues.plan(grid, file: "s.csv", into: ws, lang: .zh, options: ImportOptions(year: 2026, today: Self.today))
            #expect(plan.problems.isEmpty && Self.payments(plan).map(\.months) == [[Self.m("2026-02")]] && Self.payments(plan)[0].memberId == "m2", "\(headers[0])")
        }
        // Another year's columns are not this year's.
        rows = [["姓名", "支部"] + (1...12).map { "2025年\($0)月" }]
        plan = LedgerSheet.dues.plan(SheetGrid(rows: [(1, rows[0])]), file: "s.csv", into: ws, lang: .zh, options: ImportOptions(year: 2026, today: Self.today))
        #expect(plan.problems.first?.contains("没有找到 2026年的月份列") == true)
    }

    /// The demo's dues of 2026 exported and read back change nothing; every member who owed in 2026
    /// has a row (the id last). (The file's personal-data line is the export command's: ExportCommand.)
    @Test func theDemoRoundTrips() {
        let demo = DemoWorkspace.make(asOf: testAsOf)
        let rows = LedgerSheet.dues.export(demo, year: 2026, lang: .zh)
        #expect(rows[0].first?.value == "姓名" && rows[0].last?.value == "编号")
        let ledger = MemberLedger(demo)
        let owing = demo.members.filter { m in (1...12).contains { ledger.duesBranch(m, YearMonth(year: 2026, month: $0)!) != nil } }
        #expect(rows.count - 1 == owing.count)
        let text = CSV.render(rows)
        let plan = LedgerSheet.dues.plan(text, file: "dues.csv", into: demo, lang: .zh, idsNotRead: IdsNotRead())
        #expect(plan.problems.isEmpty && plan.change == nil, "\(plan.problems.prefix(3))")
        let filled = rows.dropFirst(1).reduce(0) { $0 + $1[2..<14].filter { !$0.value.isEmpty }.count }
        #expect(plan.unchanged == filled && filled > 3000)
    }
}
