import Foundation
import Testing
import TestSupport
@testable import PartyModel
@testable import PartyTUI

/// The 党费 tile on the overview (issue 18), on a roster worked out by hand.
@Suite struct OverviewDuesTests {
    static func d(_ s: String) -> Day { Day(iso: s)! }
    static func months(_ from: Int, _ to: Int) -> [YearMonth] { (from...to).map { YearMonth(year: 2026, month: $0)! } }

    /// Four members on 21 November 2026 (rules.dues by default):
    /// - 甲 in work, base 4,000 (3,000–5,000: 1 %) → 40.00 a month, paid January–November;
    /// - 乙 retired, base 6,000 (> 5,000: 1 %) → 60.00, paid January–October;
    /// - 丙 in work, base 12,000 (> 10,000: 2 %) → 240.00, paid January–July: August–October unpaid, 3 months;
    /// - 丁 in work, base 2,000 (≤ 3,000: 0.5 %) → 10.00, paid January–April: May–October unpaid, 6 months.
    /// October (the last whole month): due 40 + 60 + 240 + 10 = 350, paid 40 + 60 = 100 → 100 / 350 = 28.57 % → 29 %.
    /// November so far: due 350, paid 40 (甲) → 11.43 % → 11 %. Behind ≥ 3 months: 丙 and 丁 (2), ≥ 6: 丁 (1).
    static func workspace(roster: Bool = true) -> Workspace {
        let members = roster ? [
            Member(id: "a", name: "甲", branchId: "b", joinDate: d("2000-01-01"), dues: .inWork(base: 4000)),
            Member(id: "r", name: "乙", branchId: "b", joinDate: d("2000-01-01"), dues: .retired(base: 6000)),
            Member(id: "c", name: "丙", branchId: "b", joinDate: d("2000-01-01"), dues: .inWork(base: 12000)),
            Member(id: "e", name: "丁", branchId: "b", joinDate: d("2000-01-01"), dues: .inWork(base: 2000)),
        ] : []
        let payments = roster ? [
            DuesPayment(id: "p1", memberId: "a", branchId: "b", months: months(1, 11), amount: 440, paidOn: d("2026-01-05")),
            DuesPayment(id: "p2", memberId: "r", branchId: "b", months: months(1, 10), amount: 600, paidOn: d("2026-01-05")),
            DuesPayment(id: "p3", memberId: "c", branchId: "b", months: months(1, 7), amount: 1680, paidOn: d("2026-01-05")),
            DuesPayment(id: "p4", memberId: "e", branchId: "b", months: months(1, 4), amount: 40, paidOn: d("2026-01-05")),
        ] : []
        return Workspace(settings: WorkspaceSettings(name: "党费", currentYear: 2026),
                         organisation: Organisation(committee: Committee(id: "c", name: "党委"),
                                                    branches: [Branch(id: "b", name: "第一支部", parentId: "c", sector: .other, fullMembers: 4,
                                                                      secretary: "书记", countsFromRoster: roster)]),
                         members: members, plan: WorkPlan(title: "", year: 2026), duesPayments: payments)
    }

    static func render(_ ws: Workspace, lang: Language = .zh) -> Canvas {
        let data = DashboardData(workspace: ws, year: 2026, quarter: 4, asOf: d("2026-11-21"), lang: lang)
        return Views.render(AppState(data: data, width: 80, height: 24, loadedAt: "09:30:00"))
    }

    @Test func theTileSaysLastMonthsCollectionThisMonthsAndWhoIsBehind() throws {
        let data = DashboardData(workspace: Self.workspace(), year: 2026, quarter: 4, asOf: Self.d("2026-11-21"), lang: .zh)
        let dues = try #require(data.overview.dues)
        #expect(dues.month.iso == "2026-10" && dues.dueFen == 35_000 && dues.paidFen == 10_000)
        #expect(dues.membersOwing == 4 && dues.membersPaid == 2)
        #expect(abs(dues.currentRate! - 40.0 / 350.0) < 1e-12)
        #expect(dues.arrearsWarning == 1 && dues.arrearsCritical == 1)

        // Read back from the right column (x = 42 at 80 columns: 2 + (80 − 4) / 2 + 2), under 最强党支部.
        let canvas = Self.render(Self.workspace())
        let lines = (3..<22).map { cells(canvas, y: $0, 41..<79).trimmingCharacters(in: .whitespaces) }
        let top = try #require(lines.firstIndex(of: "党费收缴 (2026年10月)"), "\(lines)")
        #expect(lines[top + 1] == "应交 350 元  已交 100 元")
        #expect(lines[top + 2].hasPrefix("收缴率") && lines[top + 2].hasSuffix(" 29%"))
        #expect(lines[top + 3] == "本月至今 11%  欠缴≥3月 2 人 (≥6月 1)")
        // The bar: 29 % of its cells filled.
        let barStart = 42 + 7, barWidth = max(4, 36 - 6 - 6)
        let filled = (barStart..<(barStart + barWidth)).filter { canvas[x: $0, y: 3 + top + 2].role == .barFilled }.count
        #expect(filled == Int((Double(barWidth) * 100 / 350).rounded()))
        // Someone 6 months behind: the line is 严重's colour.
        let behindX = 42 + DisplayWidth.of("本月至今 11%  ")
        #expect(canvas[x: behindX, y: 3 + top + 3].role == .bad)
        #expect(lines[top + 5] == "整改销号")

        let english = (3..<22).map { cells(Self.render(Self.workspace(), lang: .en), y: $0, 41..<79).trimmingCharacters(in: .whitespaces) }
        let en = try #require(english.firstIndex(of: "Dues (2026-10)"))
        #expect(english[en + 1] == "due ¥350  paid ¥100")
        #expect(english[en + 3] == "now 11%  ≥3m behind: 2 (≥6m: 1)")
    }

    @Test func withoutARosterThereIsNoTile() {
        let ws = Self.workspace(roster: false)
        let data = DashboardData(workspace: ws, year: 2026, quarter: 4, asOf: Self.d("2026-11-21"), lang: .zh)
        #expect(data.overview.dues == nil)
        let canvas = Self.render(ws)
        let lines = (3..<22).map { cells(canvas, y: $0, 41..<79).trimmingCharacters(in: .whitespaces) }
        #expect(!lines.contains { $0.hasPrefix("党费收缴") })
        #expect(lines.contains("整改销号"))
    }

    /// A first screen kept by a version without the tile still reads (no dues: no tile until the files are read).
    @Test func aKeptOverviewWithoutDuesStillDecodes() throws {
        let data = DashboardData(workspace: Self.workspace(), year: 2026, quarter: 4, asOf: Self.d("2026-11-21"), lang: .zh)
        var json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(data.overview)) as! [String: Any]
        #expect(json["dues"] != nil)
        json["dues"] = nil
        let old = try JSONDecoder().decode(DashboardData.Overview.self, from: JSONSerialization.data(withJSONObject: json))
        #expect(old.dues == nil && old.alertCount == data.overview.alertCount)
    }

    @Test func wholeYuanHasThousandsSeparators() {
        #expect(UIText.wholeYuan(fen: 0) == "0")
        #expect(UIText.wholeYuan(fen: 99_949) == "999")
        #expect(UIText.wholeYuan(fen: 99_950) == "1,000")
        #expect(UIText.wholeYuan(fen: 123_456_789) == "1,234,568")
        #expect(UIText.wholeYuan(fen: -100_000_000) == "-1,000,000")
    }
}
