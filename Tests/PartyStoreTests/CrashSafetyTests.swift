import Foundation
import Testing
import TestSupport
@testable import PartyModel
@testable import PartyStore

/// A writer killed with SIGKILL at random points leaves every file wholly old or wholly new, and
/// the workspace always loads.
@Suite struct CrashSafetyTests {
    static let rounds = 120

    /// The round stamped into each file by `partydesk-save-loop` (nil before the first save).
    static func marks(_ ws: Workspace) -> [String: Set<String>] {
        func mark(_ s: String?) -> String { s.flatMap { $0.split(separator: "#").last.map(String.init) } ?? "-" }
        var out: [String: Set<String>] = [
            "workspace.json": [mark(ws.settings.name.contains("#") ? ws.settings.name : nil)],
            "organisation.json": Set([mark(ws.organisation.committee.notes)] + ws.organisation.branches.map { mark($0.notes) }),
            "plan.json": [mark(ws.plan.title.contains("#") ? ws.plan.title : nil)],
        ]
        for (file, list) in Dictionary(grouping: ws.activities, by: \.shardPath) {
            out[file] = Set(list.map { mark($0.notes) })
        }
        for (file, list) in Dictionary(grouping: ws.members, by: \.shardPath) {
            out[file] = Set(list.map { mark($0.name.contains("#") ? $0.name : nil) })
        }
        return out
    }

    @Test func sigkillDuringSavesNeverLeavesAHalfWrittenFile() throws {
        let tmp = TempDirectory("crash"); defer { tmp.cleanup() }
        let store = WorkspaceStore(directory: tmp.sub("ws"))
        try store.create(DemoWorkspace.make(asOf: testAsOf))
        var rng = SeededRandom(seed: UInt64(UInt32(truncatingIfNeeded: getpid())))
        var mixedRounds = 0
        var highest = 0
        var cutBatches = 0
        for round in 0..<Self.rounds {
            let child = Process()
            child.executableURL = URL(fileURLWithPath: "\(productsDirectory)/partydesk-save-loop")
            child.arguments = [store.directory]
            let ready = Pipe()
            child.standardOutput = ready
            try child.run()
            _ = ready.fileHandleForReading.availableData   // "ready": loaded, saving from now on
            // A save of the demo's files lands all at once at its end (FileBatch), some 100 ms after
            // "ready" here: the kills spread over several saves, so that some land while its files
            // are written, some while they are renamed, some after whole saves.
            usleep(UInt32(rng.int(5_000...400_000)))
            kill(child.processIdentifier, SIGKILL)
            child.waitUntilExit()
            #expect(child.terminationReason == .uncaughtSignal, "round \(round): the writer ended before it was killed")

            if FileManager.default.fileExists(atPath: store.absolute(FileBatch.manifestName)) { cutBatches += 1 }
            let loaded: LoadedWorkspace
            do { loaded = try store.load() } catch {
                Issue.record("round \(round): workspace does not load: \(error.message(.en))")
                return
            }
            // Within each file every record carries the same round: the file is wholly one version.
            let marks = Self.marks(loaded.workspace)
            for (file, set) in marks { #expect(set.count == 1, "round \(round): \(file) mixes rounds \(set)") }
            let perFile = Set(marks.values.compactMap(\.first))
            if perFile.count > 1 { mixedRounds += 1 }
            highest = max(highest, perFile.compactMap(Int.init).max() ?? 0)
        }
        // Every kill came after the writer said it was saving (the ready line), and saves really
        // completed between kills: the kills landed in a writing process, not an idle one.
        #expect(highest >= 10)
        // A save is whole (FileBatch): a reader never sees files of two rounds, even after a kill
        // between two renames (`cutBatches`: read as the roll-back will leave it).
        #expect(mixedRounds == 0)
        print("crash-safety: \(Self.rounds) kills, \(highest) saves reached, \(cutBatches) kills landed between the renames of one save, \(mixedRounds) reads saw two rounds")
    }

    /// SIGKILL during saves made through the editing path (backups, save, journal), 200 times:
    /// the workspace always loads, every activity the journal records as added is on disk, and (the
    /// lines written ahead settled by the next commit) every activity on disk is journaled once.
    @Test func sigkillDuringEditsNeverLosesAJournaledChange() throws {
        let tmp = TempDirectory("crash-edit"); defer { tmp.cleanup() }
        let store = WorkspaceStore(directory: tmp.sub("ws"))
        try store.create(smallWorkspace())
        var rng = SeededRandom(seed: UInt64(UInt32(truncatingIfNeeded: getpid())) &+ 7)
        for round in 0..<200 {
            let child = Process()
            child.executableURL = URL(fileURLWithPath: "\(productsDirectory)/partydesk-save-loop")
            child.arguments = [store.directory, "--edit"]
            let ready = Pipe()
            child.standardOutput = ready
            try child.run()
            _ = ready.fileHandleForReading.availableData
            usleep(UInt32(rng.int(1_000...40_000)))
            kill(child.processIdentifier, SIGKILL)
            child.waitUntilExit()
            let loaded: LoadedWorkspace
            do { loaded = try store.load() } catch {
                Issue.record("round \(round): does not load: \(error.message(.en))")
                return
            }
            let onDisk = Set(loaded.workspace.activities.map(\.id))
            let journaled = Journal(directory: store.directory).entries().filter { $0.action == "add" }.map(\.id)
            let missing = journaled.filter { !onDisk.contains($0) }
            #expect(missing.isEmpty, "round \(round): journal claims \(missing) not on disk")
        }
        // The last kill's lines written ahead are settled as the next commit would.
        let settled = try Editor(store: store, user: "tester", host: "loop").recoverJournal()
        let onDisk = (try store.load()).workspace.activities.filter { $0.id.hasPrefix("loop-") }.map(\.id)
        let journaled = Journal(directory: store.directory).entries().filter { $0.action == "add" }.map(\.id)
        #expect(onDisk.count >= 20)
        // Every change on disk is journaled, once, and nothing else is.
        #expect(journaled.sorted() == onDisk.sorted(), "on disk, not journaled: \(Set(onDisk).subtracting(journaled).sorted())")
        print("crash-safety (edits): 200 kills, \(onDisk.count) activities added, \(journaled.count) journal lines (\(settled) settled after the last kill)")
    }
}
