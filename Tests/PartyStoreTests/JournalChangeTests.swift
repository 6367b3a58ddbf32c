import Foundation
import Testing
import TestSupport
@testable import PartyModel
@testable import PartyStore

/// A journal line gives back the change it records: every kind of record, added and removed, with
/// text and amounts that are easy to spoil (Chinese, quotes, newlines, 0.20, 3000.01).
@Suite struct JournalChangeTests {
    @Test func everyKindOfChangeComesBackFromItsLine() throws {
        let ws = DemoWorkspace.make(asOf: testAsOf)
        var activity = try #require(ws.activities.first { $0.attendance != nil })
        activity.notes = "换行\n\"引号\"\t\\ 反斜杠"
        activity.hours = 1.5
        var payment = try #require(ws.duesPayments.first)
        payment.amount = 3000.01
        var small = payment
        small.id = "small"; small.amount = 0.20
        var changes: [Change] = [
            .activity(before: nil, after: activity), .activity(before: activity, after: nil),
            .duesPayment(before: nil, after: payment), .duesPayment(before: payment, after: small),
            .developmentTargets(before: ws.developmentTargets, after: ws.developmentTargets),
            .targets(before: ws.targets, after: ws.targets),
        ]
        func both<R>(_ list: [R], _ make: (R?, R?) -> Change) {
            guard let first = list.first else { Issue.record("the demo has none of \(R.self)"); return }
            changes += [make(nil, first), make(first, nil)]
        }
        both(ws.rectifications) { .rectification(before: $0, after: $1) }
        both(ws.plan.tasks) { .task(before: $0, after: $1) }
        both(ws.organisation.branches) { .branch(before: $0, after: $1) }
        both(ws.organisation.generalBranches) { .generalBranch(before: $0, after: $1) }
        both(ws.checks) { .check(before: $0, after: $1) }
        both(ws.manualScores) { .manualScore(before: $0, after: $1) }
        both(ws.bonuses) { .bonus(before: $0, after: $1) }
        both(ws.members) { .member(before: $0, after: $1) }
        both(ws.trainingEntries) { .trainingEntry(before: $0, after: $1) }
        both(ws.reviewResults) { .reviewResult(before: $0, after: $1) }
        both(ws.pioneerPoints) { .pioneerPoints(before: $0, after: $1) }
        both(ws.candidates) { .candidate(before: $0, after: $1) }
        both(ws.funds) { .funds(before: $0, after: $1) }

        let batch = Change.batch(changes)
        let lines = Journal.lines(batch, user: "张三", host: "office-1", undo: false, at: Date())
            .split(separator: 0x0A).map { Data($0) }
        #expect(lines.count == changes.count)
        for (line, change) in zip(lines, changes) {
            #expect(Journal.change(fromLine: line) == change, "\(change.entity) \(change.action)")
        }
        // Not a line of a change: nothing.
        #expect(Journal.change(fromLine: Data("{\"entity\":\"activity\",\"before\":null,\"after\":null}".utf8)) == nil)
        #expect(Journal.change(fromLine: Data("{\"entity\":\"unknown\"}".utf8)) == nil)
        #expect(Journal.change(fromLine: Data("{\"entity\":\"activity\",\"after\":{\"id\"".utf8)) == nil)
    }
}
