import Foundation
import Testing
import TestSupport
@testable import PartyModel
@testable import PartyStore

/// The batch layer on its own: a batch that fails part-way leaves every file as it was.
@Suite struct FileBatchTests {
    /// The second of three files goes to a folder that is a symbolic link: refused, naming it, and
    /// neither the first file (already written to its temp) nor the third lands; no temp is left.
    @Test func aBatchThatFailsPartWayLeavesEveryFileAsItWas() throws {
        let tmp = TempDirectory("batch"); defer { tmp.cleanup() }
        let root = tmp.sub("ws"), outside = tmp.sub("outside")
        try FileManager.default.createDirectory(atPath: root + "/a", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        try Data("old a\n".utf8).write(to: URL(fileURLWithPath: root + "/a/one.json"))
        try FileManager.default.createSymbolicLink(atPath: root + "/linked", withDestinationPath: outside)
        let batch = FileBatch(root: root, writes: [("a/one.json", Data("new a\n".utf8)), ("linked/two.json", Data("new b\n".utf8)),
                                                   ("a/three.json", Data("new c\n".utf8))])
        #expect(throws: FileError.self) { try batch.commit() }
        do { try batch.commit() } catch {
            #expect(error.code == ELOOP && error.path == root + "/linked")
            #expect(StoreError.io(error).message(.zh).contains("\(root)/linked 是符号链接"))
        }
        #expect(FileManager.default.contents(atPath: root + "/a/one.json") == Data("old a\n".utf8))
        #expect(!FileManager.default.fileExists(atPath: root + "/a/three.json"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside).isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: root + "/a") == ["one.json"])
        #expect(!FileManager.default.fileExists(atPath: root + "/" + FileBatch.manifestName))
    }

    /// A large batch (its temps written on several threads): one file that is a symbolic link,
    /// among 40, is refused by name; the others stay as they were and no temp or kept link is left.
    @Test func aLargeBatchThatFailsPartWayLeavesEveryFileAsItWas() throws {
        let tmp = TempDirectory("batch-large"); defer { tmp.cleanup() }
        let root = tmp.sub("ws"), outside = tmp.sub("outside")
        try FileManager.default.createDirectory(atPath: root + "/a", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        try Data("outside\n".utf8).write(to: URL(fileURLWithPath: outside + "/target.json"))
        for i in 0..<40 where i != 20 { try Data("old \(i)\n".utf8).write(to: URL(fileURLWithPath: root + "/a/f\(i).json")) }
        try FileManager.default.createSymbolicLink(atPath: root + "/a/f20.json", withDestinationPath: outside + "/target.json")
        let writes = (0..<40).map { ("a/f\($0).json", Data("new \($0)\n".utf8)) } + [("b/new.json", Data("new\n".utf8))]
        #expect(writes.count >= FileBatch.sideBySide)
        do {
            try FileBatch(root: root, writes: writes).commit()
            Issue.record("a linked file was written through")
        } catch {
            #expect(error.code == ELOOP && error.path == root + "/a/f20.json")
        }
        for i in 0..<40 where i != 20 {
            #expect(FileManager.default.contents(atPath: root + "/a/f\(i).json") == Data("old \(i)\n".utf8))
        }
        #expect(FileManager.default.contents(atPath: outside + "/target.json") == Data("outside\n".utf8))
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: root + "/a")) == Set((0..<40).map { "f\($0).json" }))
        #expect(try FileManager.default.contentsOfDirectory(atPath: root + "/b").isEmpty)
        #expect(!FileManager.default.fileExists(atPath: root + "/" + FileBatch.manifestName))
        // And whole once the link is gone.
        try FileManager.default.removeItem(atPath: root + "/a/f20.json")
        try FileBatch(root: root, writes: writes).commit()
        for i in 0..<40 { #expect(FileManager.default.contents(atPath: root + "/a/f\(i).json") == Data("new \(i)\n".utf8)) }
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: root + "/a")).count == 40)
    }

    /// A whole batch: new files 0600, new folders 0700, replaced files keep their mode, nothing
    /// left beside them.
    @Test func aBatchLandsWholeWithPrivateModes() throws {
        let tmp = TempDirectory("batch"); defer { tmp.cleanup() }
        let root = tmp.sub("ws")
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try Data("old\n".utf8).write(to: URL(fileURLWithPath: root + "/kept.json"))
        chmod(root + "/kept.json", 0o640)
        try FileBatch(root: root, writes: [("kept.json", Data("new\n".utf8)), ("d/e/new.json", Data("{}\n".utf8))]).commit()
        func mode(_ path: String) -> mode_t { var info = stat(); lstat(root + "/" + path, &info); return info.st_mode & 0o777 }
        #expect(mode("kept.json") == 0o640 && mode("d/e/new.json") == 0o600 && mode("d") == 0o700 && mode("d/e") == 0o700)
        #expect(FileManager.default.contents(atPath: root + "/kept.json") == Data("new\n".utf8))
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: root)) == ["kept.json", "d", CommitLock.fileName])
    }
}
