import Testing
import TestSupport
@testable import PartyModel
@testable import PartyTUI

/// After a save only the touched branches' figures are worked out again: the result must be
/// exactly what working everything out afresh gives, for every kind of change.
@Suite struct RevisionTests {
    func fresh(_ ws: Workspace) -> DashboardData { DashboardData(workspace: ws, year: 2026, quarter: 4, asOf: testAsOf, lang: .zh) }

    /// Every figure the panes show, compared.
    func expectEqual(_ revised: DashboardData, _ full: DashboardData, _ label: String) {
        #expect(revised.yearScores == full.yearScores, "\(label): year scores")
        #expect(revised.alerts == full.alerts, "\(label): alerts")
        #expect(revised.overview == full.overview, "\(label): overview")
        #expect(revised.quarterScores == full.quarterScores, "\(label): quarter scores")
        #expect(revised.compliance.index == full.compliance.index, "\(label): ledger")
    }

    @Test func aRevisionEqualsWorkingEverythingOutAfresh() throws {
        var ws = DemoWorkspace.make(asOf: testAsOf)
        let branches = ws.organisation.branches(inServiceOn: testAsOf)
        let a = branches[0].id, b = branches[1].id, c = branches[2].id
        let lastEnded = testAsOf.quarter.previous
        let checkOfA = try #require(ws.checks.first { $0.branchId == a && $0.year == lastEnded.year && $0.quarter == lastEnded.number })
        let activityOfA = try #require(ws.activities.first { $0.branchId == a && $0.date.year == 2026 && $0.kind == .partyLesson })
        let memberOfB = try #require(ws.members.first { $0.branchId == b })
        let satisfactionOfB = try #require(ws.manualScores.first { $0.branchId == b && $0.itemId == "satisfaction" && $0.year == 2026 })
        let openOfC = try #require(ws.rectifications.first { $0.branchId == c && $0.status != .closed })
        func with<T>(_ value: T, _ edit: (inout T) -> Void) -> T { var v = value; edit(&v); return v }

        let changes: [(String, Change, Set<String>?)] = [
            ("a lesson added", .activity(before: nil, after: Activity(id: "rv-1", branchId: a, kind: .partyLesson, date: testAsOf, title: "党课")),
             [a]),
            ("an activity moved to another branch", .activity(before: activityOfA, after: with(activityOfA) { $0.branchId = b }), [a, b]),
            ("the last quarter's check removed", .check(before: checkOfA, after: nil), [a]),
            ("a check's points lowered", .check(before: nil, after: with(checkOfA) { $0.id = "rv-check"; $0.date = testAsOf; $0.points = $0.points.mapValues { $0 / 2 } }), [a]),
            ("a finding made overdue", .rectification(before: openOfC, after: with(openOfC) { $0.dueOn = Day(iso: "2026-01-05")! }), [c]),
            ("manual points", .manualScore(before: satisfactionOfB, after: with(satisfactionOfB) { $0.points = 1 }), [b]),
            ("a bonus", .bonus(before: nil, after: Bonus(branchId: c, year: 2026, points: 2, reason: "表彰")), [c]),
            // Issue 18: the member ledger's records.
            ("dues unpaid", .batch(ws.duesPayments.filter { $0.memberId == memberOfB.id }.map { .duesPayment(before: $0, after: nil) }), [b]),
            ("a training entry", .trainingEntry(before: nil, after: TrainingEntry(id: "rv-tr", memberId: memberOfB.id, branchId: b, date: testAsOf,
                                                                                   hours: 60, provider: "网络学院", title: "专题")), [b]),
            ("a member moved", .member(before: memberOfB, after: with(memberOfB) {
                $0.branchId = c
                $0.transfers = [Transfer(date: Day(iso: "2026-08-15")!, from: .branch(b), to: .branch(c))]
            }), [b, c]),
            ("a plan task", .task(before: ws.plan.tasks[0], after: with(ws.plan.tasks[0]) { $0.progress = 99 }), []),
            ("a check with its findings", .batch([
                .check(before: nil, after: QuarterlyCheck(id: "rv-check-2", branchId: c, year: 2026, quarter: 4, date: testAsOf, points: [:])),
                .rectification(before: nil, after: Rectification(id: "rv-r1", branchId: c, sourceCheckId: "rv-check-2", category: "组织生活",
                                                                  description: "记录不全", owner: "书记", openedOn: testAsOf, dueOn: testAsOf.adding(days: 30))),
            ]), [c]),
            ("a branch's secretary gone", .branch(before: branches[3], after: with(branches[3]) { $0.secretary = nil }), nil),
        ]
        var old = fresh(ws)
        for (step, (label, change, touched)) in changes.enumerated() {
            #expect(change.branchesTouched == touched, "\(label)")
            // Every other step with the quarter view shown before the change (it is then revised too).
            if step % 2 == 0 { _ = old.quarterScores }
            ws = try change.apply(to: ws)
            let revised = old.afterSaving(change, workspace: ws, loadedYears: nil)
            expectEqual(revised, fresh(ws), label)
            // The figures did move where the change says.
            switch label {
            case "the last quarter's check removed": #expect(revised.alerts.contains { $0.branchId == a && $0.code == "check.missing" })
            case "a check's points lowered": #expect(!revised.alerts.contains { $0.branchId == a && $0.code == "check.missing" })
            case "a finding made overdue": #expect(revised.alerts.contains { $0.branchId == c && $0.code == "rectification.overdue" })
            case "manual points": #expect(revised.yearScores.branches.first { $0.branchId == b }!.items["satisfaction"] == 1)
            case "dues unpaid": #expect(revised.alerts.contains { $0.branchId == b && $0.code.hasPrefix("dues.arrears") })
            case "a branch's secretary gone": #expect(revised.alerts.contains { $0.branchId == branches[3].id && $0.code == "leadership.secretary-vacant" })
            default: break
            }
            old = revised
        }
    }
}
