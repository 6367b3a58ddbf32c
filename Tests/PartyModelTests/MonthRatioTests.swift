import Testing
import TestSupport
@testable import PartyModel

/// The wall display's heat map cell: a month of the quarter's 三会一课 judged by the same rule as
/// the quarter — each requirement whose period ends with that month, met or not (worked out by hand below).
@Suite struct MonthRatioTests {
    @Test func eachMonthJudgesTheRequirementsEndingInIt() {
        var ws = smallWorkspace()
        let d = { (s: String) in Day(iso: s)! }
        func act(_ i: Int, _ kind: ActivityKind, _ day: String, group: String? = nil) -> Activity {
            Activity(id: "t\(i)", branchId: "b1", kind: kind, date: d(day), title: "t", partyGroupId: group)
        }
        // b1 has a committee and two groups. Monthly: 支委会 ≥ 1 (1 unit), 党小组会 ≥ 1 per group (2 units):
        // 3 due every month. Quarterly: 大会 ≥ 1 and 党课 ≥ 1, both due in March (the quarter's last month).
        ws.activities = (0..<6).map { act($0, .groupMeeting, "2026-01-1\($0)", group: "b1-g1") }   // six of one group in January
            + [act(10, .committeeMeeting, "2026-01-20"),
               act(11, .generalMeeting, "2026-02-03"), act(12, .partyLesson, "2026-02-04"),
               act(13, .committeeMeeting, "2026-02-05"), act(14, .committeeMeeting, "2026-02-06")]
        let calc = ComplianceCalculator(ws)
        let b1 = ws.organisation.branches[0], q1 = Quarter(year: 2026, number: 1)!
        // January: 支委会 met (1), g1 met once however many it held (1), g2 not (0): 2 / 3.
        #expect(abs(calc.monthRatio(b1, quarter: q1, month: 1) - 2.0 / 3.0) < 1e-9)
        // February: two 支委会 meet February once (1); no group meeting: 1 / 3. The 大会 and 党课 are not judged yet.
        #expect(abs(calc.monthRatio(b1, quarter: q1, month: 2) - 1.0 / 3.0) < 1e-9)
        // March: nothing monthly (0 of 3); the quarter's 大会 and 党课 were held in February (2 of 2): 2 / 5.
        #expect(abs(calc.monthRatio(b1, quarter: q1, month: 3) - 2.0 / 5.0) < 1e-9)
        // A branch with nothing required is not behind.
        var none = ws
        for kind in ActivityKind.threeMeetingsOneLesson { none.settings.rules.requirements[kind] = nil }
        #expect(ComplianceCalculator(none).monthRatio(b1, quarter: q1, month: 3) == 1)
    }
}
