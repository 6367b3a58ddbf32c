import Foundation
import Testing
import TestSupport
import PartyModel
import PartyStore
@testable import PartyPostgres

/// A connection lost during COMMIT (issue 20: "a lost connection during a save tells the user whether
/// it committed"). A proxy between libpq and a real server (Tests/Helpers/cut_proxy.py) breaks the
/// connection at the first COMMIT — before it reaches the server, or after the server did it but
/// before its answer came back. The store asks the server again over a new connection and says
/// which: saved (and the editor holds the change), or not saved (and it does not).
@Suite(.serialized) struct LostCommitTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// The proxy, listening in its own directory; the URI that goes through it.
    final class Proxy {
        let process = Process()
        let directory: String
        let uri: String

        init(_ pg: ThrowawayPostgres, mode: String, in tmp: TempDirectory) throws {
            directory = tmp.sub("proxy")
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            uri = pg.uri.replacingOccurrences(of: "host=\(pg.directory)", with: "host=\(directory)")
            #expect(uri != pg.uri)
            let out = Pipe()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", "\(LostCommitTests.root)/Tests/Helpers/cut_proxy.py", directory, pg.directory, mode]
            process.standardOutput = out
            try process.run()
            let ready = String(decoding: out.fileHandleForReading.availableData, as: UTF8.self)
            #expect(ready.hasPrefix("ready"), "the proxy did not start: \(ready)")
        }

        /// SIGKILL: the test runner's children may inherit SIGTERM ignored.
        func stop() {
            guard process.isRunning else { return }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// The demo pushed into a server of its own (as the store's tests have it).
    typealias Fixture = PostgresStoreTests.Fixture

    /// `mode`: where the proxy cuts. Gives what the commit threw (nil: it returned), the editor's
    /// workspace after it, and the activity the commit edited.
    func editThroughCut(_ f: Fixture, mode: String, reconnects: Bool = true) throws -> (PostgresCommitError?, PostgresLoaded, before: Activity, after: Activity) {
        let proxy = try Proxy(f.pg, mode: mode, in: f.tmp)
        defer { proxy.stop() }
        let store = try PostgresStore(uri: proxy.uri, user: "甲", host: "pc-甲")
        var loaded = try store.load()
        let before = loaded.workspace.activities[0]
        var after = before
        after.title = "提交时断线 \(mode)"
        let firstProcess = store.serverProcess
        do {
            try store.commit(.activity(before: before, after: after), to: &loaded)
        } catch {
            // The store asked again over a new connection, and keeps it for what comes next.
            if reconnects { #expect(store.serverProcess != firstProcess) }
            return (error, loaded, before, after)
        }
        #expect(store.serverProcess != firstProcess)
        return (nil, loaded, before, after)
    }

    @Test func cutAfterTheServerCommittedIsSaved() throws {
        guard let f = try Fixture() else { return }
        defer { f.stop() }
        let (error, loaded, _, after) = try editThroughCut(f, mode: "after")
        // Saved, and said so: the commit returns (已保存), the editor holds the change and its new version.
        #expect(error == nil, "\(error.map { $0.message(.en) } ?? "")")
        #expect(loaded.workspace.activities[0] == after)
        #expect(loaded.versions["activities", after.id]?.version == 2)
        #expect(try f.titles(after.id) == [after.title])
        #expect(try f.count("SELECT count(*) FROM journal WHERE record_id = '\(after.id)'") == 1)
    }

    @Test func cutBeforeTheCommitReachedTheServerIsNotSaved() throws {
        guard let f = try Fixture() else { return }
        defer { f.stop() }
        let (error, loaded, before, after) = try editThroughCut(f, mode: "before")
        guard case .connectionLost = error else { Issue.record("expected connectionLost, got \(String(describing: error))"); return }
        let message = error!.message(.zh)
        #expect(message.hasPrefix("未保存") && message.contains("确认"), "\(message)")
        #expect(!error!.message(.en).contains("not known"))
        // Not saved, and nothing of it anywhere: the editor is back to what it read.
        #expect(loaded.workspace.activities[0] == before)
        #expect(loaded.versions["activities", before.id]?.version == 1)
        #expect(try f.titles(after.id) == [before.title])
        #expect(try f.count("SELECT count(*) FROM journal WHERE record_id = '\(after.id)'") == 0)
    }

    /// Cut after the server committed, and no server to ask since (the proxy is gone): not known,
    /// and said so — never 已保存, never 未保存. The editor does not claim the change.
    @Test func noServerToAskIsNotKnown() throws {
        guard let f = try Fixture() else { return }
        defer { f.stop() }
        let (error, loaded, before, after) = try editThroughCut(f, mode: "after+vanish", reconnects: false)
        guard case .outcomeUnknown = error else { Issue.record("expected outcomeUnknown, got \(String(describing: error))"); return }
        let message = error!.message(.zh)
        #expect(message.contains("无法确定") && !message.hasPrefix("未保存"), "\(message)")
        #expect(loaded.workspace.activities[0] == before)
        // What happened, as the server knows: it did commit (a reload shows it).
        #expect(try f.titles(after.id) == [after.title])
    }
}
