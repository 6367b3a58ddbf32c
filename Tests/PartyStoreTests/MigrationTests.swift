import Foundation
import Testing
import TestSupport
@testable import PartyModel
@testable import PartyStore

/// A version 1 workspace (ledger only, written by the first release) opens with the default scheme
/// and template added in memory; nothing changes on disk until it is saved, and then the old files
/// are kept in .backup/.
@Suite struct MigrationTests {
    /// Rewrites a workspace as versions 1 and 2 kept it: activities and checks in one
    /// `FOLDER/YYYY.json` per year (records in model order), all members in `members.json`, all
    /// rectifications in `rectifications.json`, manual points and bonuses in `manual-scores.json`;
    /// and sets the schema version.
    static func writeYearFileLayout(_ dir: String, version: Int) throws {
        let store = WorkspaceStore(directory: dir)
        let workspace = try store.load().workspace
        let encoder = WorkspaceCodec.encoder()
        func rewrite<R: YearShardedRecord>(_ records: [R]) throws {
            try? FileManager.default.removeItem(atPath: "\(dir)/\(R.folder)")
            try FileManager.default.createDirectory(atPath: "\(dir)/\(R.folder)", withIntermediateDirectories: true)
            for (year, list) in Dictionary(grouping: records, by: \.shardYear) {
                let data = WorkspaceCodec.encode(YearShard(year: year, records: list), with: encoder)
                _ = FileManager.default.createFile(atPath: "\(dir)/\(R.folder)/\(year).json", contents: data)
            }
        }
        try rewrite(workspace.activities)
        try rewrite(workspace.checks)
        try? FileManager.default.removeItem(atPath: "\(dir)/members")
        try? FileManager.default.removeItem(atPath: "\(dir)/rectifications")
        _ = FileManager.default.createFile(atPath: "\(dir)/members.json",
                                       contents: WorkspaceCodec.encode(MembersDocument(members: workspace.members), with: encoder))
        try? FileManager.default.removeItem(atPath: "\(dir)/manual-scores")
        try? FileManager.default.removeItem(atPath: "\(dir)/bonuses")
        _ = FileManager.default.createFile(atPath: "\(dir)/manual-scores.json", contents: WorkspaceCodec.encode(
            ManualScoresDocument(scores: workspace.manualScores, bonuses: workspace.bonuses), with: encoder))
        _ = FileManager.default.createFile(atPath: "\(dir)/rectifications.json",
                                       contents: WorkspaceCodec.encode(RectificationsDocument(rectifications: workspace.rectifications), with: encoder))
        let path = "\(dir)/workspace.json"
        let text = String(decoding: FileManager.default.contents(atPath: path)!, as: UTF8.self)
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.replacingOccurrences(
            of: "\"schemaVersion\" : \(WorkspaceSettings.currentSchemaVersion)", with: "\"schemaVersion\" : \(version)").utf8))
    }

    /// Writes the small workspace as version 1 wrote it: no scheme, template, checks or rectifications.
    static func writeVersion1(_ dir: String) throws {
        let store = WorkspaceStore(directory: dir)
        try store.create(smallWorkspace())
        try writeYearFileLayout(dir, version: 1)
        for file in ["check-template.json", "scoring.json", "rectifications.json", "manual-scores.json"] {
            try FileManager.default.removeItem(atPath: "\(dir)/\(file)")
        }
    }

    @Test func version1IsMigratedInMemoryAndWrittenBackOnlyOnSave() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let dir = tmp.sub("ws")
        try Self.writeVersion1(dir)
        let before = allFiles(dir)
        let store = WorkspaceStore(directory: dir)
        let loaded = try store.load()
        #expect(loaded.migratedFrom == 1)
        #expect(loaded.workspace.settings.schemaVersion == WorkspaceSettings.currentSchemaVersion)
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
        #expect(String(decoding: after["workspace.json"]!, as: UTF8.self).contains("\"schemaVersion\" : \(WorkspaceSettings.currentSchemaVersion)"))
        // Year files became one file per branch and year; the old ones are in .backup/.
        #expect(after["activities/2026.json"] == nil && after["activities/2025.json"] == nil)
        #expect(Set(after.keys.filter { $0.hasPrefix("activities/") }) == ["activities/2025/b1.json", "activities/2026/b1.json", "activities/2026/b2.json"])
        #expect(after.keys.contains { $0.hasPrefix(".backup/activities__2026.json.") && $0.hasSuffix(".schema-v1") })
        #expect(after["members.json"] == nil && after["members/b1.json"] != nil && after["members/b2.json"] != nil)
        // The version 1 settings file is kept in .backup/, byte for byte.
        let backups = after.filter { $0.key.hasPrefix(".backup/workspace.json.") && $0.key.hasSuffix(".schema-v1") }
        #expect(backups.count == 1)
        #expect(backups.first?.value == before["workspace.json"])
        // Files that did not change were not rewritten or backed up.
        #expect(after["organisation.json"] == before["organisation.json"])
        #expect(!after.keys.contains { $0.hasPrefix(".backup/organisation.json") })
        // And it now loads as the current version with nothing to migrate.
        #expect(try store.load().migratedFrom == nil)
    }

    @Test func version2RequiresItsSchemeFile() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let store = WorkspaceStore(directory: tmp.sub("ws"))
        try store.create(smallWorkspace())
        try FileManager.default.removeItem(atPath: store.absolute("scoring.json"))
        #expect(throws: StoreError.invalid([Problem(file: "scoring.json", kind: .fileMissing)])) { try store.load() }
    }

    @Test func version2YearFilesBecomeBranchFilesOnTheFirstSave() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let dir = tmp.sub("ws")
        let store = WorkspaceStore(directory: dir)
        let demo = DemoWorkspace.make(asOf: testAsOf)
        try store.create(demo)
        try Self.writeYearFileLayout(dir, version: 2)
        let before = allFiles(dir)
        let loaded = try store.load()
        #expect(loaded.migratedFrom == 2)
        #expect(Set(loaded.workspace.activities) == Set(demo.activities))
        #expect(Set(loaded.workspace.checks) == Set(demo.checks))
        #expect(allFiles(dir) == before)
        // An edit after loading an old layout saves everything, in the new layout.
        let added = Activity(id: "migrate-1", branchId: demo.organisation.branches[0].id, kind: .talk, date: testAsOf, title: "谈心谈话")
        let saved = try Editor(store: store, user: "t", host: "h").commit(.activity(before: nil, after: added), over: loaded)
        #expect(saved.migratedFrom == nil)
        let after = allFiles(dir)
        #expect(!after.keys.contains { $0.hasPrefix("activities/") && $0.split(separator: "/").count == 2 })
        #expect(!after.keys.contains { $0.hasPrefix("checks/") && $0.split(separator: "/").count == 2 })
        #expect(after["members.json"] == nil && after["rectifications.json"] == nil && after["manual-scores.json"] == nil)
        #expect(after.keys.contains { $0.hasPrefix("manual-scores/") } && after.keys.contains { $0.hasPrefix("bonuses/") })
        #expect(after.keys.contains { $0.hasPrefix(".backup/rectifications.json.") && $0.hasSuffix(".schema-v2") })
        #expect(after.keys.filter { $0.hasPrefix("rectifications/") }.count > 5)
        #expect(after.keys.contains { $0.hasPrefix(".backup/activities__2026.json.") && $0.hasSuffix(".schema-v2") })
        let reloaded = try store.load()
        #expect(reloaded.migratedFrom == nil)
        #expect(Set(reloaded.workspace.activities) == Set(demo.activities + [added]))
        #expect(Set(reloaded.workspace.checks) == Set(demo.checks))
        #expect(Set(reloaded.workspace.members) == Set(demo.members))
        #expect(Set(reloaded.workspace.rectifications) == Set(demo.rectifications))
        #expect(Set(reloaded.workspace.manualScores) == Set(demo.manualScores) && !demo.manualScores.isEmpty)
        #expect(Set(reloaded.workspace.bonuses) == Set(demo.bonuses) && !demo.bonuses.isEmpty)
    }

    @Test func aRecordInAnotherBranchsFileIsReportedWithWhereItBelongs() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let store = WorkspaceStore(directory: tmp.sub("ws"))
        try store.create(smallWorkspace())
        let path = store.absolute("activities/2026/b1.json")
        let text = String(decoding: FileManager.default.contents(atPath: path)!, as: UTF8.self)
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.replacingOccurrences(of: "\"b1\"", with: "\"b2\"").utf8))
        var problems: [Problem] = []
        do { _ = try store.load() } catch { if case .invalid(let list) = error { problems = list } }
        #expect(problems.count == 1)
        #expect(problems.first?.file == "activities/2026/b1.json")
        #expect(problems.first?.path == "activities[0].branchId")
        #expect(problems.first?.kind == .wrongBranchFile(branch: "b2", file: "activities/2026/b2.json"))
        #expect(problems.first?.message(.zh).contains("应存放在 activities/2026/b2.json") == true)
    }

    @Test func branchIdsBecomeSafeFileNamesAndBack() {
        for id in ["b1", "g19-b3", "一支部", "a/b", ".hidden", "50%", "c:\\d", "", "x y"] {
            let name = WorkspacePaths.fileName(branch: id)
            #expect(!name.contains("/") && !name.hasPrefix(".") && !name.contains(":") && !name.isEmpty, "\(id) → \(name)")
            #expect(WorkspacePaths.branchId(fileName: name + ".json") == id, "\(id) → \(name)")
        }
        #expect(WorkspacePaths.fileName(branch: "a/b") == "a%2Fb")
        #expect(WorkspacePaths.shard("activities", 2026, branch: "一支部") == "activities/2026/一支部.json")
    }

    /// Branch ids that are not safe file names still get their own files, and come back intact.
    @Test func awkwardBranchIdsRoundTripThroughTheirFiles() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        var ws = smallWorkspace()
        let odd = ["b/2:*", ".机关", "50%"]
        for (i, id) in odd.enumerated() {
            ws.organisation.branches.append(Branch(id: id, name: "支部\(i)", parentId: "c", sector: .other, fullMembers: 3))
            ws.activities.append(Activity(id: "odd-\(i)", branchId: id, kind: .talk, date: Day(iso: "2026-0\(i + 3)-01")!, title: "谈心"))
            ws.members.append(Member(id: "odd-m\(i)", name: "党员\(i)", branchId: id))
        }
        let store = WorkspaceStore(directory: tmp.sub("ws"))
        try store.create(ws)
        let files = Set(allFiles(store.directory).keys)
        #expect(files.isSuperset(of: ["activities/2026/b%2F2%3A%2A.json", "activities/2026/%2E机关.json", "activities/2026/50%25.json",
                                      "members/b%2F2%3A%2A.json", "members/%2E机关.json", "members/50%25.json"]))
        let loaded = try store.load()
        #expect(byId(loaded.workspace) == byId(ws))
        #expect(store.validate(loaded).isEmpty)
        // And an edit to one of them rewrites its file only.
        let added = Activity(id: "odd-9", branchId: "b/2:*", kind: .talk, date: Day(iso: "2026-06-01")!, title: "再谈")
        let saved = try Editor(store: store, user: "t", host: "h").commit(.activity(before: nil, after: added), over: loaded)
        #expect(try store.load().workspace.activities.contains(added) && saved.digests["activities/2026/b%2F2%3A%2A.json"] != nil)
    }

    @Test func checksAreShardedByYearAndBranchAndLocatedInErrors() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let store = WorkspaceStore(directory: tmp.sub("ws"))
        try store.create(DemoWorkspace.make(asOf: testAsOf))
        let files = allFiles(store.directory).keys.filter { $0.hasPrefix("checks/2026/") }.sorted()
        #expect(files.count > 1)
        #expect(allFiles(store.directory).keys.contains { $0.hasPrefix("checks/2025/") })
        let relative = files.first { String(decoding: FileManager.default.contents(atPath: store.absolute($0))!, as: UTF8.self).contains("\"dues\" : 3,") }!
        let path = store.absolute(relative)
        let text = String(decoding: FileManager.default.contents(atPath: path)!, as: UTF8.self)
        // An item scored above its maximum is found by validate, with its place.
        let broken = text.replacingOccurrences(of: "\"dues\" : 3,", with: "\"dues\" : 3.5,", options: [], range: text.range(of: "\"dues\" : 3,"))
        _ = FileManager.default.createFile(atPath: path, contents: Data(broken.utf8))
        let problems = store.validate(try store.load())
        #expect(problems.count == 1)
        #expect(problems.first?.file == relative)
        #expect(problems.first?.path.hasPrefix("checks[") == true)
        #expect(problems.first?.path.hasSuffix("].points.dues") == true)
        #expect(problems.first?.kind == .outOfRange(3.5, min: 0, max: 3))
        #expect(problems.first?.line != nil)
    }
}
