import Foundation
import Testing
import TestSupport
@testable import PartyModel
@testable import PartyStore

func bytes(_ path: String) -> Data { FileManager.default.contents(atPath: path) ?? Data() }
func inode(_ path: String) -> UInt64 { var s = stat(); stat(path, &s); return UInt64(s.st_ino) }
func mode(_ path: String) -> Int { var s = stat(); stat(path, &s); return Int(s.st_mode & 0o7777) }

func allFiles(_ dir: String) -> [String: Data] {
    var out: [String: Data] = [:]
    let e = FileManager.default.enumerator(atPath: dir)!
    while let name = e.nextObject() as? String {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: "\(dir)/\(name)", isDirectory: &isDir), !isDir.boolValue { out[name] = bytes("\(dir)/\(name)") }
    }
    return out
}

/// The workspace with branch-filed records in id order: files keep them by branch (and year), so
/// the order after loading is the files' order, not necessarily the order they were made in.
func byId(_ workspace: Workspace) -> Workspace {
    var w = workspace
    w.activities.sort { $0.id < $1.id }
    w.checks.sort { $0.id < $1.id }
    w.members.sort { $0.id < $1.id }
    w.rectifications.sort { $0.id < $1.id }
    w.manualScores.sort { "\($0.branchId)|\($0.itemId)|\($0.year)|\($0.quarter ?? 0)|\($0.points)" < "\($1.branchId)|\($1.itemId)|\($1.year)|\($1.quarter ?? 0)|\($1.points)" }
    w.bonuses.sort { "\($0.branchId)|\($0.year)|\($0.points)|\($0.reason)" < "\($1.branchId)|\($1.year)|\($1.points)|\($1.reason)" }
    w.duesPayments.sort { $0.id < $1.id }
    w.trainingEntries.sort { $0.id < $1.id }
    w.reviewResults.sort { $0.id < $1.id }
    w.pioneerPoints.sort { $0.id < $1.id }
    w.funds.sort { $0.id < $1.id }
    return w
}

@Suite struct RoundTripTests {
    @Test(arguments: ["small", "demo"])
    func saveLoadSaveGivesIdenticalBytesAndValues(which: String) throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let original = which == "demo" ? DemoWorkspace.make(asOf: testAsOf) : smallWorkspace()
        let store = WorkspaceStore(directory: tmp.sub("ws"))
        try store.create(original)
        let first = allFiles(store.directory)
        let loaded = try store.load()
        // Every model type comes back equal.
        #expect(byId(loaded.workspace) == byId(original))
        // Saving the loaded workspace writes nothing (no file changed) and the bytes are identical.
        let inodes = first.keys.map { inode(store.absolute($0)) }
        try store.save(loaded.workspace, over: loaded)
        #expect(allFiles(store.directory) == first)
        #expect(first.keys.map { inode(store.absolute($0)) } == inodes)
        // A second, independent store writes the same bytes.
        let other = WorkspaceStore(directory: tmp.sub("again"))
        try other.create(loaded.workspace)
        #expect(allFiles(other.directory) == first)
    }

    @Test func filesAreShardedPrettySortedAndEndWithNewline() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let store = WorkspaceStore(directory: tmp.path + "/ws")
        try store.create(smallWorkspace())
        #expect(Set(allFiles(store.directory).keys) == [CommitLock.fileName, "workspace.json", "organisation.json", "members/b1.json", "members/b2.json",
                                                        "plan.json", "check-template.json", "scoring.json",
                                                        "activities/2025/b1.json", "activities/2026/b1.json",
                                                        "activities/2026/b2.json", "dues/2026/b1.json", "training/2026/b1.json"])
        let text = String(decoding: bytes(store.absolute("workspace.json")), as: UTF8.self)
        #expect(text.hasSuffix("}\n"))
        #expect(text.contains("\n  \"currentYear\" : 2026,\n"))
        let keys = ["currentYear", "isDemo", "name", "rules", "schemaVersion"].map { text.range(of: "\"\($0)\"")!.lowerBound }
        #expect(keys == keys.sorted())
        // Chinese is written as text, not escapes, so people can read and diff it.
        #expect(String(decoding: bytes(store.absolute("organisation.json")), as: UTF8.self).contains("一支部"))
    }

    @Test func onlyChangedFilesAreWritten() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let store = WorkspaceStore(directory: tmp.sub("ws"))
        let loaded = try store.create(DemoWorkspace.make(asOf: testAsOf))
        let before = allFiles(store.directory)
        let inodes = Dictionary(uniqueKeysWithValues: before.keys.map { ($0, inode(store.absolute($0))) })
        var ws = loaded.workspace
        let i = ws.activities.firstIndex { $0.date.year == 2026 }!
        ws.activities[i].title = "修改后的标题"
        try store.save(ws, over: loaded)
        let file = WorkspacePaths.activities(2026, branch: ws.activities[i].branchId)
        for (path, node) in inodes {
            if path == file { #expect(inode(store.absolute(path)) != node) }
            else { #expect(inode(store.absolute(path)) == node, "\(path) was rewritten") }
        }
        #expect(try store.load().workspace.activities.first { $0.id == ws.activities[i].id }?.title == "修改后的标题")
    }

    @Test func emptiedShardIsRemovedAndMovedActivityLandsInItsYear() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let store = WorkspaceStore(directory: tmp.sub("ws"))
        let loaded = try store.create(smallWorkspace())
        var ws = loaded.workspace
        ws.activities[0].date = Day(iso: "2026-01-02")!   // the only 2025 activity moves to 2026
        let saved = try store.save(ws, over: loaded)
        #expect(!FileManager.default.fileExists(atPath: store.absolute("activities/2025/b1.json")))
        let reloaded = try store.load()
        #expect(reloaded.workspace.activities.contains { $0.id == "a1" && $0.date.iso == "2026-01-02" })
        #expect(saved.digests["activities/2025/b1.json"] == nil)
    }

    @Test func permissionsAreKeptAndNewFilesArePrivate() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let store = WorkspaceStore(directory: tmp.sub("ws"))
        let loaded = try store.create(smallWorkspace())
        #expect(mode(store.absolute("members/b1.json")) == 0o600)
        #expect(mode(store.directory) == 0o700)
        chmod(store.absolute("organisation.json"), 0o640)
        var ws = loaded.workspace
        ws.organisation.branches[0].notes = "备注"
        try store.save(ws, over: try store.load())
        #expect(mode(store.absolute("organisation.json")) == 0o640)
    }

    @Test func createRefusesANonEmptyDirectory() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        _ = FileManager.default.createFile(atPath: tmp.sub("keep.txt"), contents: Data("mine".utf8))
        #expect(throws: StoreError.notEmpty(tmp.path)) { try WorkspaceStore(directory: tmp.path).create(smallWorkspace()) }
        #expect(bytes(tmp.sub("keep.txt")) == Data("mine".utf8))
        #expect(!FileManager.default.fileExists(atPath: tmp.sub("workspace.json")))
    }

    @Test func aFileChangedOnDiskIsNotOverwritten() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let store = WorkspaceStore(directory: tmp.sub("ws"))
        let loaded = try store.create(smallWorkspace())
        // Someone else edits the file after we loaded it.
        var theirs = loaded.workspace
        theirs.organisation.branches[0].name = "别人改的名字"
        try store.save(theirs, over: loaded)
        let onDisk = bytes(store.absolute("organisation.json"))
        var ours = loaded.workspace
        ours.organisation.branches[1].name = "我们改的名字"
        #expect(throws: StoreError.changedOnDisk(["organisation.json"])) { try store.save(ours, over: loaded) }
        #expect(bytes(store.absolute("organisation.json")) == onDisk)
    }

    @Test func byteOrderMarkIsAccepted() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let store = WorkspaceStore(directory: tmp.sub("ws"))
        try store.create(smallWorkspace())
        let path = store.absolute("plan.json")
        _ = FileManager.default.createFile(atPath: path, contents: Data([0xEF, 0xBB, 0xBF]) + bytes(path))
        #expect(try store.load().workspace.plan == smallWorkspace().plan)
    }
}
