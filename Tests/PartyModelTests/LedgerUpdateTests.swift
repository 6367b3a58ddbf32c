import Testing
import TestSupport
@testable import PartyModel

/// After an edit the dashboard counts the ledger again only for the branches the edit touched; the
/// index must be exactly the one a full count gives.
@Suite struct LedgerUpdateTests {
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
