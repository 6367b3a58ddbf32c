import Foundation
import Testing
import TestSupport
@testable import PartyModel
@testable import PartyStore

/// A version 1 workspace (ledger only, written by the first release) opens with the default scheme
/// and template added in memory; nothing changes on disk until it is saved, and then the old files
/// are kept in .backup/.
@Suite struct MigrationTests {
    /// Writes the small workspace as version 1 wrote it: no scheme, template, checks or rectifications.
    static func writeVersion1(_ dir: String) throws {
        let store = WorkspaceStore(directory: dir)
        try store.create(smallWorkspace())
        for file in ["check-template.json", "scoring.json", "rectifications.json", "manual-scores.json"] {
            try FileManager.default.removeItem(atPath: "\(dir)/\(file)")
        }
        let path = "\(dir)/workspace.json"
        let text = String(decoding: FileManager.default.contents(atPath: path)!, as: UTF8.self)
        FileManager.default.createFile(atPath: path, contents: Data(text.replacingOccurrences(of: "\"schemaVersion\" : 2", with: "\"schemaVersion\" : 1").utf8))
    }

    @Test func version1IsMigratedInMemoryAndWrittenBackOnlyOnSave() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let dir = tmp.sub("ws")
        try Self.writeVersion1(dir)
        let before = allFiles(dir)
        let store = WorkspaceStore(directory: dir)
        let loaded = try store.load()
        #expect(loaded.migratedFrom == 1)
        #expect(loaded.workspace.settings.schemaVersion == 2)
        #expect(loaded.workspace.scoring == DefaultScheme.scheme)
        #expect(loaded.workspace.checkTemplate == DefaultScheme.template)
        #expect(loaded.workspace.activities == smallWorkspace().activities)
        // Loading (and validating) writes nothing.
        #expect(store.validate(loaded).isEmpty)
        #expect(allFiles(dir) == before)

        let saved = try store.save(loaded.workspace, over: loaded)
        #expect(saved.migratedFrom == nil)
        let after = allFiles(dir)
        #expect(after["scoring.json"] != nil && after["check-template.json"] != nil)
        #expect(String(decoding: after["workspace.json"]!, as: UTF8.self).contains("\"schemaVersion\" : 2"))
        // The version 1 settings file is kept in .backup/, byte for byte.
        let backups = after.filter { $0.key.hasPrefix(".backup/workspace.json.") && $0.key.hasSuffix(".schema-v1") }
        #expect(backups.count == 1)
        #expect(backups.first?.value == before["workspace.json"])
        // Files that did not change were not rewritten or backed up.
        #expect(after["organisation.json"] == before["organisation.json"])
        #expect(!after.keys.contains { $0.hasPrefix(".backup/organisation.json") })
        // And it now loads as version 2 with nothing to migrate.
        #expect(try store.load().migratedFrom == nil)
    }

    @Test func version2RequiresItsSchemeFile() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let store = WorkspaceStore(directory: tmp.sub("ws"))
        try store.create(smallWorkspace())
        try FileManager.default.removeItem(atPath: store.absolute("scoring.json"))
        #expect(throws: StoreError.invalid([Problem(file: "scoring.json", kind: .fileMissing)])) { try store.load() }
    }

    @Test func checksAreShardedByYearAndLocatedInErrors() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let store = WorkspaceStore(directory: tmp.sub("ws"))
        try store.create(DemoWorkspace.make(asOf: testAsOf))
        #expect(FileManager.default.fileExists(atPath: store.absolute("checks/2025.json")))
        #expect(FileManager.default.fileExists(atPath: store.absolute("checks/2026.json")))
        let path = store.absolute("checks/2026.json")
        let text = String(decoding: FileManager.default.contents(atPath: path)!, as: UTF8.self)
        // An item scored above its maximum is found by validate, with its place.
        let broken = text.replacingOccurrences(of: "\"dues\" : 3,", with: "\"dues\" : 3.5,", options: [], range: text.range(of: "\"dues\" : 3,"))
        FileManager.default.createFile(atPath: path, contents: Data(broken.utf8))
        let problems = store.validate(try store.load())
        #expect(problems.count == 1)
        #expect(problems.first?.file == "checks/2026.json")
        #expect(problems.first?.path.hasPrefix("checks[") == true)
        #expect(problems.first?.path.hasSuffix("].points.dues") == true)
        #expect(problems.first?.kind == .outOfRange(3.5, min: 0, max: 3))
        #expect(problems.first?.line != nil)
    }
}
