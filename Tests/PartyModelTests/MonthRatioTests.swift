import Testing
import TestSupport
@testable import PartyModel

/// The wall display's heat map cell: a month of the quarter's 三会一课, each kind counted up to its
/// monthly share (worked out by hand below).
@Suite struct MonthRatioTests {
    @Test func eachKindCountsUpToItsMonthlyShare() {
        var ws = smallWorkspace()
        let d = { (s: String) in Day(iso: s)! }
        func act(_ i: Int, _ kind: ActivityKind, _ day: String, group: String? = nil) -> Activity {
            Activity(id: "t\(i)", branchId: "b1", kind: kind, date: d(day), title: "t", partyGroupId: group)
        }
        // b1 has a committee and two groups; per quarter 1 general meeting, 3 committee meetings,
        // 3 meetings a group (6), 1 lesson: a month's shares are 1/3, 1, 2, 1/3 — 11/3 in all.
        ws.activities = (0..<6).map { act($0, .groupMeeting, "2026-01-1\($0)", group: "b1-g1") }   // six of one group in January
            + [act(10, .committeeMeeting, "2026-01-20"),
               act(11, .generalMeeting, "2026-02-03"), act(12, .partyLesson, "2026-02-04"),
               act(13, .committeeMeeting, "2026-02-05"), act(14, .committeeMeeting, "2026-02-06")]
        let calc = ComplianceCalculator(ws)
        let b1 = ws.organisation.branches[0], q1 = Quarter(year: 2026, number: 1)!
        // January: the group counts 3 for the quarter (its cap), 2 of them within January's share of 2;
        // the committee 1 of 1. (2 + 1) / (11/3) = 9/11. Counting raw meetings would give 7 ≥ 11/3: 100 %.
        #expect(abs(calc.monthRatio(b1, quarter: q1, month: 1) - 9.0 / 11.0) < 1e-9)
        // February: general 1/3, lesson 1/3, committee 2 held but 1 counted; groups none new.
        // (1/3 + 1/3 + 1) / (11/3) = 5/11.
        #expect(abs(calc.monthRatio(b1, quarter: q1, month: 2) - 5.0 / 11.0) < 1e-9)
        #expect(calc.monthRatio(b1, quarter: q1, month: 3) == 0)
        // A branch with nothing required is not behind.
        var none = ws
        none.settings.rules.generalMeetingsPerQuarter = 0
        none.settings.rules.partyLessonsPerQuarter = 0
        none.settings.rules.committeeMeetingsPerQuarter = 0
        none.settings.rules.groupMeetingsPerGroupPerQuarter = 0
        #expect(ComplianceCalculator(none).monthRatio(b1, quarter: q1, month: 3) == 1)
    }
}
