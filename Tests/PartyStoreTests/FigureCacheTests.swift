import Foundation
import Testing
import TestSupport
@testable import PartyModel
@testable import PartyStore

/// The fingerprint that says "no file changed", and the cache the first screen is kept in.
@Suite final class FigureCacheTests {
    let tmp = TempDirectory("figures")
    let only2026: @Sendable (WorkspaceSettings) -> Set<Int>? = { _ in [2026] }

    deinit { tmp.cleanup() }

    /// The demo workspace, a few clock ticks old (file times move in ticks of a few milliseconds).
    func demo(_ name: String = "ws") throws -> WorkspaceStore {
        let store = WorkspaceStore(directory: tmp.sub(name))
        try store.create(DemoWorkspace.make(asOf: testAsOf))
        usleep(30_000)
        return store
    }

    func rewriteInPlace(_ path: String) throws {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.write(contentsOf: bytes)
        try handle.close()
    }

    @Test func theFingerprintFollowsEveryFileTheFirstScreenReads() throws {
        let store = try demo()
        let fingerprint = { store.fingerprint(years: self.only2026, racyWithin: 0) }
        let first = try #require(fingerprint())
        #expect(fingerprint() == first)

        // The same bytes written again in place (same size, same inode): the change time moves.
        let members = store.absolute(try #require(store.branchFiles(Member.folder).first).path)
        try rewriteInPlace(members)
        let rewritten = try #require(fingerprint())
        #expect(rewritten != first)

        // A year the first screen does not read does not count.
        let older = try #require(store.shardFiles(Activity.folder).first { $0.year != 2026 })
        try rewriteInPlace(store.absolute(older.path))
        #expect(fingerprint() == rewritten)
        // A checks file of the year read does.
        let check = try #require(store.shardFiles(QuarterlyCheck.folder, years: [2026]).first)
        try rewriteInPlace(store.absolute(check.path))
        let afterCheck = try #require(fingerprint())
        #expect(afterCheck != rewritten)

        // A new branch file counts, and taking it away gives the fingerprint of before.
        let extra = store.absolute("\(Rectification.folder)/b-new.json")
        try Data("{\"rectifications\":[]}".utf8).write(to: URL(fileURLWithPath: extra))
        #expect(fingerprint() != afterCheck)
        try FileManager.default.removeItem(atPath: extra)
        #expect(fingerprint() == afterCheck)

        // Just changed: the file system's clock could hide a second change within its tick, so
        // there is no fingerprint until the files have settled.
        try rewriteInPlace(members)
        #expect(store.fingerprint(years: only2026) == nil)
        #expect(store.fingerprint(years: only2026, racyWithin: 0) != nil)
    }

    @Test func aWorkspaceStillToBeMigratedHasNoFingerprint() throws {
        let store = try demo()
        #expect(store.fingerprint(years: only2026, racyWithin: 0) != nil)
        try Data("{\"members\":[]}".utf8).write(to: URL(fileURLWithPath: store.absolute(WorkspacePaths.legacyMembers)))
        #expect(store.fingerprint(years: only2026, racyWithin: 0) == nil)
        #expect(WorkspaceStore(directory: tmp.sub("nothing-here")).fingerprint(years: only2026, racyWithin: 0) == nil)
    }

    @Test func keptFiguresComeBackOnlyUnderTheirKey() throws {
        let store = try demo()
        let cache = FigureCache(workspace: store.directory, environment: ["HOME": tmp.path])
        #expect(cache.path.hasPrefix("\(tmp.path)/.cache/partydesk/first-screen-"))
        #expect(cache.read([String].self, key: "k1") == nil)
        #expect(cache.write(["k1": ["总览", "党支部 15"], "k2": ["明天"]]))
        #expect(cache.read([String].self, key: "k1") == ["总览", "党支部 15"])
        #expect(cache.read([String].self, key: "k2") == ["明天"])
        #expect(cache.read([String].self, key: "k3") == nil)
        #expect(cache.read([Int].self, key: "k1") == nil, "another shape reads as nothing")
        // A write keeps exactly what it is given.
        #expect(cache.write(["k3": ["后天"]]))
        #expect(cache.read([String].self, key: "k1") == nil && cache.read([String].self, key: "k3") == ["后天"])

        // The same folder by another name is the same workspace; $XDG_CACHE_HOME is used when set.
        let link = tmp.sub("link")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: store.directory)
        #expect(FigureCache(workspace: link, environment: ["HOME": tmp.path]).path == cache.path)
        #expect(FigureCache(workspace: store.directory, environment: ["HOME": tmp.path, "XDG_CACHE_HOME": tmp.sub("xdg")]).path
                    .hasPrefix(tmp.sub("xdg") + "/partydesk/"))

        // A damaged file reads as nothing and the next write replaces it whole.
        try Data("{\"entries\":{\"k1\":[\"a".utf8).write(to: URL(fileURLWithPath: cache.path))
        #expect(cache.read([String].self, key: "k1") == nil)
        #expect(cache.write(["k1": ["again"]]))
        #expect(cache.read([String].self, key: "k1") == ["again"])
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: (cache.path as NSString).deletingLastPathComponent)
        #expect(leftovers.count == 1, "no temporary files left: \(leftovers)")

        // Nowhere to write: false, nothing thrown.
        #expect(!FigureCache(workspace: store.directory, environment: ["HOME": "/proc/partydesk-nowhere"]).write(["k": ["x"]]))
    }

    @Test func theKeyIsOfThisBuildTheDayAndTheFiles() throws {
        let store = try demo()
        let cache = FigureCache(workspace: store.directory, environment: ["HOME": tmp.path])
        let fingerprint = try #require(store.fingerprint(years: only2026, racyWithin: 0))
        let key = cache.key(fingerprint: fingerprint, asOf: testAsOf)
        #expect(key.hasPrefix(FigureCache.buildIdentity + " 2026-11-21 ") && key.hasSuffix(fingerprint))
        #expect(cache.key(fingerprint: fingerprint, asOf: testAsOf.adding(days: 1)) != key)
        // Another set of years is another set of files: another fingerprint.
        #expect(store.fingerprint(years: { _ in [2025, 2026] }, racyWithin: 0) != fingerprint)
        // Figures kept by day come back under their day's key only.
        #expect(cache.write([testAsOf: "今天", testAsOf.adding(days: 1): "明天"], fingerprint: fingerprint))
        #expect(cache.read(String.self, key: key) == "今天")
        #expect(cache.read(String.self, key: cache.key(fingerprint: fingerprint, asOf: testAsOf.adding(days: 1))) == "明天")
    }
}
