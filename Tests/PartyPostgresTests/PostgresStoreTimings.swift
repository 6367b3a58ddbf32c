import Foundation
import Testing
import TestSupport
import PartyModel
import PartyStore
@testable import PartyPostgres

/// Timings of the PostgreSQL store on a generated workspace: push, load, one edit, one add, a batch of
/// 1,000 adds. Not a check (the machine decides the numbers): run with PARTYDESK_PG_TIMINGS=town|college|county.
@Suite(.serialized) struct PostgresStoreTimings {
    @Test func timings() throws {
        guard let name = ProcessInfo.processInfo.environment["PARTYDESK_PG_TIMINGS"], let preset = GeneratorPreset(rawValue: name) else { return }
        let pg = try ThrowawayPostgres()
        defer { pg.stop() }
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        func ms(_ start: Date) -> String { String(format: "%.1f ms", Date().timeIntervalSince(start) * 1000) }
        let json = WorkspaceStore(directory: tmp.sub("ws"))
        try json.create(WorkspaceGenerator.make(preset, seed: 7, asOf: testAsOf))
        var start = Date()
        let counts = try WorkspaceTransfer(uri: pg.uri, user: "push").push(directory: json.directory, replace: false)
        print("\(name): \(counts.records) rows pushed in \(ms(start))")
        let store = try PostgresStore(uri: pg.uri, user: "甲", host: "pc")
        start = Date()
        var loaded = try store.load()
        print("\(name): load \(ms(start)) (\(loaded.workspace.activities.count) activities)")
        // Of a load: the snapshot's bodies, its versions, the bodies decoded.
        start = Date()
        let bodies = try WorkspaceSnapshot.read(store.db, uri: pg.uri, versions: false, journal: false)
        print("\(name): of a load, the bodies read \(ms(start)) (\(bodies.bodies.values.reduce(0) { $0 + $1.utf8.count } / 1_000_000) MB)")
        start = Date()
        _ = try WorkspaceSnapshot.read(store.db, uri: pg.uri, versions: true, journal: false)
        print("\(name): of a load, the bodies and versions read \(ms(start))")
        start = Date()
        _ = try WorkspaceRows.workspace(from: bodies.bodies)
        print("\(name): of a load, the bodies decoded \(ms(start))")
        let branch = loaded.workspace.organisation.branches[0].id
        for i in 0..<3 {
            let old = loaded.workspace.activities[i]
            var new = old; new.title = "计时 \(i)"
            start = Date()
            try store.commit(.activity(before: old, after: new), to: &loaded)
            print("\(name): one edit \(ms(start))")
        }
        // Of an edit: validating and applying it (as the JSON editor does), then working out its statements.
        let old = loaded.workspace.activities[0]
        var new = old; new.title = "分解"
        let change = Change.activity(before: old, after: new)
        start = Date()
        _ = try Editor.apply(change, to: &loaded.loaded.workspace)
        print("\(name): of an edit, Editor.apply \(ms(start))")
        start = Date()
        _ = try ChangeSQL.plan(change, versions: loaded.versions, workspace: loaded.workspace, user: "甲")
        print("\(name): of an edit, ChangeSQL.plan \(ms(start))")
        _ = try Editor.apply(change.inverse, to: &loaded.loaded.workspace)
        for i in 0..<3 {
            start = Date()
            try store.commit(.activity(before: nil, after: Activity(id: "time-\(i)", branchId: branch, kind: .themedPartyDay,
                                                                    date: Day(iso: "2026-11-20")!, title: "计时")), to: &loaded)
            print("\(name): one add \(ms(start))")
        }
        let batch = Change.batch((0..<1_000).map { i in
            .activity(before: nil, after: Activity(id: "batch-\(i)", branchId: branch, kind: .studySession, date: Day(iso: "2026-11-19")!, title: "批量"))
        })
        start = Date()
        try store.commit(batch, to: &loaded)
        print("\(name): a batch of 1,000 adds \(ms(start))")
    }
}
