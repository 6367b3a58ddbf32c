import Testing
import TestSupport
@testable import PartyModel

/// After an edit the dashboard counts the ledger again only for the branches the edit touched; the
/// index must be exactly the one a full count gives.
@Suite struct LedgerUpdateTests {
    /// After an edit of 党费 payments only, the member ledger keeps its rosters and hours and takes the
    /// new payments: every dues figure equals a ledger made afresh — a payment added (ahead, covering
    /// two months), one edited to cover a month more, one deleted (the positions after it move).
    @Test func aLedgerWithNewPaymentsEqualsOneMadeAfresh() throws {
        var ws = WorkspaceGenerator.make(.town, seed: 5, asOf: testAsOf)
        var calculator = ComplianceCalculator(ws)
        let member = ws.members.first { $0.dues != nil && $0.leftOn == nil }!
        let branch = member.branchId
        _ = calculator.members.training(branch, year: 2026)   // something kept, to be carried over
        let edited = ws.duesPayments.first { $0.memberId != member.id }!
        var more = edited
        more.months.append(more.months.max()!.next)
        let changes: [Change] = [
            .duesPayment(before: nil, after: DuesPayment(id: "new-1", memberId: member.id, branchId: branch,
                                                         months: [YearMonth(testAsOf), YearMonth(testAsOf).next], amount: 2, paidOn: testAsOf)),
            .duesPayment(before: edited, after: more),
            .duesPayment(before: ws.duesPayments[3], after: nil),
        ]
        for change in changes {
            ws = try change.apply(to: ws)
            let updated = calculator.updated(for: change, in: ws)
            #expect(updated.members !== calculator.members, "a new ledger")
            #expect(updated.members.members == calculator.members.members, "the same rosters")
            let fresh = MemberLedger(ws)
            #expect(updated.members.duesStart == fresh.duesStart)
            for m in ws.members {
                #expect(updated.members.arrears(m, asOf: testAsOf) == fresh.arrears(m, asOf: testAsOf), "\(m.id)")
                #expect(updated.members.payments(of: m.id) == fresh.payments(of: m.id), "\(m.id)")
            }
            for b in ws.organisation.branches {
                for month in [YearMonth(testAsOf), YearMonth(testAsOf).previous, YearMonth(testAsOf).next] {
                    #expect(updated.members.collection(b.id, month, asOf: testAsOf) == fresh.collection(b.id, month, asOf: testAsOf))
                }
            }
            #expect(updated.members.training(branch, year: 2026) == fresh.training(branch, year: 2026))
            calculator = updated
        }
        // A change of anything else makes the ledger again (or keeps it): never the payments path.
        let activity = Change.activity(before: nil, after: Activity(id: "x", branchId: branch, kind: .generalMeeting, date: testAsOf, title: "大会"))
        ws = try activity.apply(to: ws)
        #expect(calculator.updated(for: activity, in: ws).members === calculator.members)
    }

    /// The ledger's counts are placed by a kind's ordinal: it must be its place in allCases, one each.
    @Test func aKindsOrdinalIsItsPlaceInAllCases() {
        for (i, kind) in ActivityKind.allCases.enumerated() { #expect(kind.ordinal == i, "\(kind)") }
        #expect(Set(ActivityKind.allCases.map(\.hashValue)).count == ActivityKind.allCases.count)
    }

    @Test func anUpdatedIndexEqualsAFullCount() throws {
        var ws = WorkspaceGenerator.make(.college, seed: 11, asOf: testAsOf)
        var index = LedgerIndex(ws.activities)
        let branches = ws.organisation.branches.map(\.id)
        let training = ws.activities.first { $0.kind == .training && $0.hours != nil }!
        var moved = training
        moved.branchId = branches.last { $0 != training.branchId }!
        moved.date = Day(iso: "2025-03-03")!
        let group = ws.organisation.branches.first { !$0.partyGroups.isEmpty }!
        let changes: [Change] = [
            .activity(before: nil, after: Activity(id: "u1", branchId: branches[0], kind: .generalMeeting, date: testAsOf, title: "大会")),
            .activity(before: ws.activities[10], after: nil),
            .activity(before: training, after: moved),   // another branch, another year, its training hours with it
            .batch([.activity(before: nil, after: Activity(id: "u2", branchId: group.id, kind: .groupMeeting, date: testAsOf, title: "小组会",
                                                           partyGroupId: group.partyGroups[0].id)),
                    .activity(before: nil, after: Activity(id: "u3", branchId: branches[2], kind: .training, date: testAsOf, title: "培训",
                                                           hours: 2.5, attended: 7))]),
            .task(before: ws.plan.tasks[0], after: { var t = ws.plan.tasks[0]; t.progress = 90; return t }()),
        ]
        for change in changes {
            ws = try change.apply(to: ws)
            let updated = index.updated(for: change, activities: ws.activities)
            #expect(updated == LedgerIndex(ws.activities), "\(change.entity) \(change.action)")
            #expect(updated != index || change.entity == "task")
            index = updated
        }
        #expect(index.trainingHourTotal(branch: moved.branchId, year: 2025) >= (moved.hours ?? 0) * Double(moved.attended ?? 0))
    }
}
