import Foundation
import Testing
import TestSupport
import PartyModel
import PartyStore
@testable import PartyPostgres

/// A client killed (SIGKILL) in the middle of committing leaves nothing half-applied: 50 kills of a
/// process committing batches of 20 activities, and every batch is in the database whole (its 20
/// rows and 20 journal rows) or not at all.
@Suite(.serialized) struct KilledClientTests {
    static let kills = 50

    @Test func everyBatchIsWholeOrAbsentAfter50Kills() throws {
        guard let pg = try ThrowawayPostgres.forTest() else { return }
        defer { pg.stop() }
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let store = WorkspaceStore(directory: tmp.sub("demo"))
        try store.create(DemoWorkspace.make(asOf: testAsOf))
        _ = try WorkspaceTransfer(uri: pg.uri, user: "admin").push(directory: store.directory, replace: false)

        var rng = SeededRandom(seed: UInt64(UInt32(truncatingIfNeeded: getpid())))
        let watcher = try PostgresConnection(uri: pg.uri)
        for round in 0..<Self.kills {
            let child = Process()
            child.executableURL = URL(fileURLWithPath: "\(productsDirectory)/partydesk-save-loop")
            child.arguments = ["--database", pg.uri + "&application_name=killed-loop"]
            let ready = Pipe()
            child.standardOutput = ready
            try child.run()
            _ = ready.fileHandleForReading.availableData   // "ready": read, committing from now on
            usleep(UInt32(rng.int(5_000...100_000)))
            // Every other round, the kill waits until the server shows the client inside a transaction
            // (a commit takes a few ms of the client's tens: random kills seldom land there).
            if round % 2 == 0 {
                for _ in 0..<2_000 {
                    let inside = try watcher.execute("SELECT 1 FROM pg_stat_activity WHERE application_name = 'killed-loop' AND xact_start IS NOT NULL").rows
                    if !inside.isEmpty { break }
                }
            }
            kill(child.processIdentifier, SIGKILL)
            child.waitUntilExit()
            #expect(child.terminationReason == .uncaughtSignal, "round \(round): the client ended before it was killed")
        }

        let db = try PostgresConnection(uri: pg.uri)
        let batches = try db.execute("""
            SELECT substring(body->>'title' from '^(batch-[0-9]+-[0-9]+)-') AS batch, count(*)
            FROM activities WHERE body->>'title' LIKE 'batch-%' GROUP BY batch
            """).rows
        let journal = try db.execute("""
            SELECT substring(record_id from '^kb-([0-9]+-[0-9]+)-'), count(*) FROM journal WHERE record_id LIKE 'kb-%' GROUP BY 1
            """).rows
        // The server's own word that kills landed inside transactions (it rolled those back).
        let log = (try? String(contentsOfFile: "\(pg.directory)/log", encoding: .utf8)) ?? ""
        let cutInside = log.components(separatedBy: "unexpected EOF on client connection with an open transaction").count - 1
        print("\(Self.kills) kills: \(batches.count) batches committed, \(cutInside) cut inside a transaction")
        #expect(cutInside >= Self.kills / 5, "few kills landed inside a transaction: \(cutInside)")
        #expect(batches.count > Self.kills / 2, "the kills should land among commits, after some")
        for row in batches { #expect(row[1] == "20", "batch \(row[0] ?? "?") has \(row[1] ?? "?") of 20 rows") }
        #expect(journal.count == batches.count)
        for row in journal { #expect(row[1] == "20", "batch \(row[0] ?? "?") has \(row[1] ?? "?") of 20 journal rows") }
        // What is there still loads whole.
        let loaded = try PostgresStore(uri: pg.uri).load()
        #expect(loaded.workspace.activities.filter { $0.id.hasPrefix("kb-") }.count == batches.count * 20)
    }
}
