import Foundation
import Testing
import TestSupport
@testable import PartyModel
@testable import PartyStore

/// targets.json (issue 17): written only when there are targets, round-tripped byte for byte, a bad
/// one named by file, line and column and never overwritten, an edit journaled and undone.
@Suite struct TargetsStoreTests {
    static func workspace() -> Workspace {
        var ws = DemoWorkspace.make(asOf: testAsOf)
        ws.targets.targets[7] = ws.targets.targets[7].recording(TargetActual(quarter: Quarter(year: 2026, number: 4)!, value: 36, denominator: 40, note: "核实"))
        return ws
    }

    @Test func theFileRoundTripsByteForByte() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let store = WorkspaceStore(directory: tmp.sub("w"))
        let ws = Self.workspace()
        try store.create(ws)
        let path = tmp.sub("w/targets.json")
        let first = try Data(contentsOf: URL(fileURLWithPath: path))
        let text = String(decoding: first, as: UTF8.self)
        #expect(text.hasPrefix("{\n  \"targets\" : [") && text.hasSuffix("}\n") && text.contains("\"quarter\" : \"2026-Q4\""))
        let loaded = try store.load()
        #expect(loaded.workspace.targets == ws.targets && store.validate(loaded).isEmpty)
        // Saved again from what was read (a full render): the same bytes; nothing written.
        try store.save(loaded.workspace, over: loaded)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == first)
        #expect(WorkspaceCodec.render(loaded.workspace)[WorkspacePaths.targets] == first)
        // Read for one year only, the targets are all there (the file is not by year).
        #expect(try store.load(years: [2026]).workspace.targets == ws.targets)
        // A workspace without targets writes no file; emptying them removes it.
        var none = loaded.workspace
        none.targets = TargetsFile()
        try store.save(none, over: loaded)
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(try store.load().workspace.targets.isEmpty)
    }

    @Test func aRecordedFigureIsJournaledAndUndone() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let store = WorkspaceStore(directory: tmp.sub("w"))
        try store.create(Self.workspace())
        let loaded = try store.load()
        let before = loaded.workspace.targets
        let t = before.targets.first { $0.id == "t-satisfaction" }!
        let after = before.replacing(t.recording(TargetActual(quarter: Quarter(year: 2026, number: 3)!, value: 220, denominator: 250)))
        let change = Change.targets(before: before, after: after)
        #expect(change.entity == "targets" && change.entityId == "targets")
        try Editor(store: store).commit(change, over: loaded)
        let again = try store.load()
        #expect(again.workspace.targets == after)
        #expect(Journal(directory: store.directory).entries().last?.entity == "targets")
        try Editor(store: store).commit(change.inverse, over: again)
        #expect(try store.load().workspace.targets == before)
    }

    @Test func aBadFileIsNamedByLineAndNeverOverwritten() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let store = WorkspaceStore(directory: tmp.sub("w"))
        try store.create(Self.workspace())
        let path = tmp.sub("w/targets.json")
        let good = try String(contentsOfFile: path, encoding: .utf8)
        // A quarter written wrong: the file does not load; the message names the file, the line and the field.
        let bad = good.replacingOccurrences(of: "\"quarter\" : \"2026-Q2\"", with: "\"quarter\" : \"第二季度\"")
        try bad.write(toFile: path, atomically: true, encoding: .utf8)
        let (line, _) = position(of: "\"第二季度\"", in: path)
        #expect(throws: StoreError.self) { try store.load() }
        do { _ = try store.load() } catch {
            let message = error.message(.zh)
            #expect(message.contains("targets.json:\(line):") && message.contains("milestones[0].quarter"), "\(message)")
        }
        // A metric no one knows: named with the allowed ones.
        let unknown = good.replacingOccurrences(of: "\"metric\" : \"strongest\"", with: "\"metric\" : \"happiness\"")
        try unknown.write(toFile: path, atomically: true, encoding: .utf8)
        do { _ = try store.load(); Issue.record("loaded") } catch {
            let (l, _) = position(of: "\"happiness\"", in: path)
            #expect(error.message(.en).contains("targets.json:\(l):") && error.message(.en).contains("happiness"), "\(error.message(.en))")
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == unknown)
        // A value out of range loads, and validate names its place.
        let share = good.replacingOccurrences(of: "\"value\" : 0.5\n", with: "\"value\" : 50\n")
        #expect(share != good)
        try share.write(toFile: path, atomically: true, encoding: .utf8)
        let problems = store.validate(try store.load())
        // (0.5 was also the training target's Q3 milestone: both are named, each at its line.)
        let (vLine, vColumn) = position(of: "\"value\" : 50\n", in: path)
        #expect(problems.map { $0.message(.zh) }.first == "targets.json:\(vLine):\(vColumn + 10) targets[0].value: 50 超出范围 0–1", "\(problems.map { $0.message(.zh) })")
        #expect(problems.count == 2 && problems[1].message(.zh).contains("targets[3].milestones[0].value"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == share)
    }
}
