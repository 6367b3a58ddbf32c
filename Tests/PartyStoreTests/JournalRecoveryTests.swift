import Foundation
import Testing
import TestSupport
@testable import PartyModel
@testable import PartyStore

/// A stop between a change's files and its journal lines: the lines written ahead are settled by
/// the next commit, so the journal says exactly what happened to the files.
@Suite final class JournalRecoveryTests {
    let tmp = TempDirectory("journal-recovery")
    deinit { tmp.cleanup() }

    func study(_ id: String, _ branch: String = "b1") -> Activity {
        Activity(id: id, branchId: branch, kind: .studySession, date: Day(iso: "2026-05-06")!, title: "学习\(id)", attended: 5, expected: 9)
    }

    /// A workspace, an editor, and a change "stopped" after `landed` of its parts reached the disk.
    func stopped(_ change: Change, landed: Int, name: String) throws -> (WorkspaceStore, Editor, Journal) {
        let store = WorkspaceStore(directory: tmp.sub(name))
        var loaded = try store.create(smallWorkspace())
        let editor = Editor(store: store, user: "王芳", host: "pc1")
        let journal = Journal(directory: store.directory)
        try journal.writeAhead(Journal.lines(change, user: "王芳", host: "pc1", undo: false, at: Date()))
        for part in change.parts.prefix(landed) {
            try part.apply(to: &loaded.workspace)
            loaded = try store.save(loaded.workspace, over: loaded)
        }
        return (store, editor, journal)
    }

    @Test func aChangeOnDiskIsJournaledOneNotOnDiskIsNot() throws {
        // Landed, then stopped: its line is appended.
        var (store, editor, journal) = try stopped(.activity(before: nil, after: study("x1")), landed: 1, name: "landed")
        #expect(try editor.recoverJournal() == 1)
        #expect(journal.entries().map(\.id) == ["x1"] && journal.pending() == nil)
        // Nothing more to settle.
        #expect(try editor.recoverJournal() == 0 && journal.entries().count == 1)

        // Stopped before any file: the line is dropped.
        (store, editor, journal) = try stopped(.activity(before: nil, after: study("x2")), landed: 0, name: "not-landed")
        #expect(try editor.recoverJournal() == 0)
        #expect(journal.entries().isEmpty && journal.pending() == nil)

        // Half a batch on disk (its files are replaced one by one): that half is journaled.
        let batch = Change.batch([.activity(before: nil, after: study("y1")), .activity(before: nil, after: study("y2", "b2"))])
        (store, editor, journal) = try stopped(batch, landed: 1, name: "half")
        #expect(try editor.recoverJournal() == 1)
        #expect(journal.entries().map(\.id) == ["y1"])
        #expect(Set(try store.load().workspace.activities.map(\.id)).isSuperset(of: ["y1"]))

        // A deletion on disk: journaled.
        let a1 = try #require(smallWorkspace().activities.first { $0.id == "a1" })
        (store, editor, journal) = try stopped(.activity(before: a1, after: nil), landed: 1, name: "deleted")
        #expect(try editor.recoverJournal() == 1)
        #expect(journal.entries().map(\.action) == ["delete"])
    }

    @Test func linesAppendedBeforeTheStopAreNotAppendedTwice() throws {
        let change = Change.activity(before: nil, after: study("z1"))
        let (_, editor, journal) = try stopped(change, landed: 1, name: "appended")
        try journal.appendRaw(try #require(journal.pending()))
        #expect(try editor.recoverJournal() == 0)
        #expect(journal.entries().map(\.id) == ["z1"] && journal.pending() == nil)
    }

    /// Killed in the middle of appending: the journal ends in half a line. The change's line is
    /// appended whole by the recovery and the fragment is gone, not glued to the next line.
    @Test func aLineTornByAKillIsReplacedWhole() throws {
        let (store, editor, journal) = try stopped(.activity(before: nil, after: study("t1")), landed: 1, name: "torn")
        let line = try #require(journal.pending())
        try Data("{\"earlier\":true,\"action\":\"add\",\"id\":\"t0\",\"entity\":\"activity\"}\n".utf8 + line.prefix(line.count / 2))
            .write(to: URL(fileURLWithPath: journal.path))
        #expect(try editor.recoverJournal() == 1)
        #expect(journal.entries().map(\.id) == ["t0", "t1"])
        let text = try String(contentsOfFile: journal.path, encoding: .utf8)
        #expect(text.hasSuffix("\n") && text.split(separator: "\n").count == 2)
        // And a later change's line starts a line of its own.
        var loaded = try store.load()
        try editor.commit(.activity(before: nil, after: study("t2")), to: &loaded)
        #expect(journal.entries().map(\.id) == ["t0", "t1", "t2"])
    }

    @Test func theNextCommitSettlesFirst() throws {
        let (store, editor, journal) = try stopped(.activity(before: nil, after: study("w1")), landed: 1, name: "next")
        var loaded = try store.load()
        try editor.commit(.activity(before: nil, after: study("w2")), to: &loaded)
        #expect(journal.entries().map(\.id) == ["w1", "w2"])
        #expect(journal.pending() == nil)
    }
}
