import Foundation
import Testing
import TestSupport
@testable import PartyModel
@testable import PartyStore

/// The wall display's change watch: every kind of change to a data file is seen, once; a save's
/// temp file alone is not a change; folders made later are watched too.
@Suite struct ChangeWatchTests {
    @Test func seesReplacedInPlaceAndNewFilesOnce() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let store = WorkspaceStore(directory: tmp.sub("ws"))
        try store.create(smallWorkspace())
        let watch = ChangeWatch(directory: store.directory)
        #expect(!watch.changed())
        // Replaced by a save (temp file, rename).
        try AtomicFile.write(Data("{}\n".utf8), to: store.absolute("plan.json"))
        #expect(watch.changed())
        #expect(!watch.changed())
        // Written in place, in a branch's year folder.
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: store.absolute("activities/2026/b1.json")))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(" ".utf8))
        try handle.close()
        #expect(watch.changed())
        // A temp file alone is not a change.
        _ = FileManager.default.createFile(atPath: store.absolute("activities/2026/.b1.json.tmp-1-2"), contents: Data("x".utf8))
        #expect(!watch.changed())
        // A new year's folder, then a file written into it later.
        try FileManager.default.createDirectory(atPath: store.absolute("activities/2027"), withIntermediateDirectories: false)
        #expect(watch.changed())
        _ = FileManager.default.createFile(atPath: store.absolute("activities/2027/b1.json"), contents: Data("{}".utf8))
        #expect(watch.changed())
        // Removed.
        try FileManager.default.removeItem(atPath: store.absolute("members/b2.json"))
        #expect(watch.changed())
        #expect(!watch.changed())
    }
}
