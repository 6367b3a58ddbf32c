import Testing
import TestSupport
@testable import PartyModel

/// New ids come from one place, never repeat within a batch, and say what they are.
@Suite struct NewIdsTests {
    @Test func eachKindIsNumberedOnWithoutRepeats() {
        var ids = NewIds(taken: ["a2026-0001", "a2026-0003", "zg-2026-1", "b-1", "b-2"])
        let day = Day(iso: "2026-05-06")!
        #expect(ids.activity(on: day) == "a2026-0002")
        #expect(ids.activity(on: day) == "a2026-0004")          // 0003 is taken, 0002 given
        #expect(ids.activity(on: Day(iso: "2025-01-01")!) == "a2025-0001")
        #expect(ids.finding(year: 2026) == "zg-2026-2")
        #expect(ids.finding(year: 2026) == "zg-2026-3")
        #expect(ids.branch() == "b-3")
        #expect(NewIds.check(branchId: "b-office", quarter: Quarter(year: 2026, number: 3)!) == "chk-2026q3-b-office")
    }

    @Test func aNewActivityIdStartsAfterTheYearsCount() {
        let ws = smallWorkspace()   // a2, a3, a4 in 2026 are not a2026-… ids: the count of those is 0
        #expect(ws.newActivityId(on: Day(iso: "2026-07-01")!) == "a2026-0001")
        var more = ws
        more.activities += (1...3).map { Activity(id: String(format: "a2026-%04d", $0), branchId: "b1", kind: .talk, date: Day(iso: "2026-07-0\($0)")!, title: "t") }
        #expect(more.newActivityId(on: Day(iso: "2026-07-01")!) == "a2026-0004")
    }
}
