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

    /// The per-year kinds (党费, 学时, 评议, 先锋, 经费, 发展): the search starts after the year's count;
    /// a number beyond it, or an id not numbered so, is still never given again.
    @Test func yearlyIdsStartAfterTheYearsCountAndSkipWhatIsTaken() {
        var ws = smallWorkspace()
        func pay(_ id: String) -> DuesPayment {
            DuesPayment(id: id, memberId: "m1", branchId: "b1", months: [], amount: 1, paidOn: nil, method: nil)
        }
        // 2026: three ids (count 3), 0004 taken: 0005; 2025 has one: 0002; 2027 none: 0001.
        ws.duesPayments = ["dues-2026-0001", "dues-2026-0002", "dues-2026-0004", "dues-2025-0001"].map(pay)
        #expect(ws.newDuesPaymentId(year: 2026) == "dues-2026-0005")
        #expect(ws.newDuesPaymentId(year: 2025) == "dues-2025-0002")
        #expect(ws.newDuesPaymentId(year: 2027) == "dues-2027-0001")
        // A gap below the count is not filled (ids only go on), and an odd id of the year counts but blocks nothing.
        ws.duesPayments = ["dues-2026-0002", "dues-2026-0003", "dues-2026-x"].map(pay)
        #expect(ws.newDuesPaymentId(year: 2026) == "dues-2026-0004")
        #expect(ws.newFundsId(year: 2026) == "jf-2026-0001")
    }
}
