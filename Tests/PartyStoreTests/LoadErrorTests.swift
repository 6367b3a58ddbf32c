import Foundation
import Testing
import TestSupport
@testable import PartyModel
@testable import PartyStore

/// Writes the small workspace, lets a test damage one file, and returns what loading says.
func loadProblems(_ damage: (WorkspaceStore) throws -> Void) throws -> [Problem] {
    let tmp = TempDirectory(); defer { tmp.cleanup() }
    let store = WorkspaceStore(directory: tmp.sub("ws"))
    try store.create(smallWorkspace())
    try damage(store)
    do {
        _ = try store.load()
        return []
    } catch .invalid(let problems) {
        return problems
    }
}

func replace(_ store: WorkspaceStore, _ file: String, _ old: String, _ new: String) {
    let path = store.absolute(file)
    let text = String(decoding: bytes(path), as: UTF8.self)
    guard text.contains(old) else {
        Issue.record("fixture text not found in \(file): \(old)")
        return
    }
    _ = FileManager.default.createFile(atPath: path, contents: Data(text.replacingOccurrences(of: old, with: new).utf8))
}

/// Line and column of the first occurrence of `needle` in a file, 1-based.
func position(of needle: String, in path: String) -> (Int, Int) {
    let text = String(decoding: bytes(path), as: UTF8.self)
    let prefix = text[..<text.range(of: needle)!.lowerBound]
    let lines = prefix.split(separator: "\n", omittingEmptySubsequences: false)
    return (lines.count, lines.last!.count + 1)
}

@Suite struct LoadErrorTests {
    @Test func invalidDateNamesFileLineColumnAndPath() throws {
        var line = 0, column = 0
        let problems = try loadProblems { store in
            replace(store, "activities/2026/b2.json", "\"2026-03-31\"", "\"2026-02-30\"")
            (line, column) = position(of: "\"2026-02-30\"", in: store.absolute("activities/2026/b2.json"))
        }
        #expect(problems.count == 1)
        let p = try #require(problems.first)
        #expect(p.kind == .invalidDate("2026-02-30"))
        #expect(p.path == "activities[0].date")
        #expect(p.line == line && p.column == column)
        #expect(p.message(.zh) == "activities/2026/b2.json:\(line):\(column) activities[0].date: 日期 \"2026-02-30\" 无效 (应为 YYYY-MM-DD 的真实日期)")
    }

    @Test func syntaxErrorPointsAtTheCharacter() throws {
        let problems = try loadProblems { store in
            replace(store, "organisation.json", "\"fullMembers\" : 10,", "\"fullMembers\" : 10,,")
        }
        let p = try #require(problems.first)
        #expect(p.file == "organisation.json")
        guard case .syntax(.unexpectedCharacter("','")) = p.kind else { Issue.record("got \(p.kind)"); return }
        #expect(p.line != nil && p.column != nil)
        #expect(p.message(.en).contains("unexpected character ','"))
    }

    @Test func keyGivenTwiceIsALoadErrorAtTheSecond() throws {
        // A record file (the direct readers' path): the second "kind" is the error, not silently dropped.
        var line = 0, column = 0
        let problems = try loadProblems { store in
            replace(store, "activities/2026/b2.json", "\"kind\" : \"training\"", "\"kind\" : \"training\", \"kind\" : \"partyLesson\"")
            (line, column) = position(of: "\"kind\" : \"partyLesson\"", in: store.absolute("activities/2026/b2.json"))
        }
        #expect(problems.count == 1)
        let p = try #require(problems.first)
        #expect(p.kind == .syntax(.duplicateKey("kind")))
        #expect(p.path == "activities[0].kind")
        #expect(p.line == line && p.column == column && line > 1)
        #expect(p.message(.zh) == "activities/2026/b2.json:\(line):\(column) activities[0].kind: 键 \"kind\" 在同一对象中出现两次, 无法确定取哪一个: 请删去其中一个")
        #expect(p.message(.en).hasSuffix("activities[0].kind: the key \"kind\" appears twice in the same object, so which value is meant is unknown: remove one"))

        // The organisation (the generic decoder's path, where the first value used to win).
        let organisation = try loadProblems { store in
            replace(store, "organisation.json", "\"fullMembers\" : 5", "\"fullMembers\" : 5, \"fullMembers\" : 6")
        }
        #expect(organisation.map(\.kind) == [.syntax(.duplicateKey("fullMembers"))])
        #expect(organisation.first?.path == "branches[1].fullMembers")

        // Written with an escape ("\u006bind" is "kind"): still the same key.
        let escaped = try loadProblems { store in
            replace(store, "activities/2026/b2.json", "\"kind\" : \"training\"", "\"kind\" : \"training\", \"\\u006bind\" : \"partyLesson\"")
        }
        #expect(escaped.map(\.kind) == [.syntax(.duplicateKey("kind"))])
        #expect(escaped.first?.path == "activities[0].kind")

    }

    @Test func truncatedFileIsReportedAsIncomplete() throws {
        let problems = try loadProblems { store in
            let path = store.absolute("plan.json")
            _ = FileManager.default.createFile(atPath: path, contents: bytes(path).prefix(100))
        }
        #expect(problems.map(\.kind) == [.syntax(.unexpectedEnd)])
    }

    @Test func unknownCodeListsTheAllowedOnes() throws {
        let problems = try loadProblems { store in replace(store, "activities/2026/b2.json", "\"training\"", "\"trainingg\"") }
        let p = try #require(problems.first)
        #expect(p.path == "activities[0].kind")
        guard case .unknownCode("trainingg", let allowed) = p.kind else { Issue.record("got \(p.kind)"); return }
        #expect(allowed.contains("training"))
    }

    @Test func missingFieldAndWrongTypeAndHugeNumber() throws {
        let missing = try loadProblems { store in replace(store, "activities/2025/b1.json", "\"kind\" : \"generalMeeting\",", "") }
        #expect(missing.first?.kind == .missingField("kind"))
        #expect(missing.first?.path == "activities[0]")
        let wrongType = try loadProblems { store in replace(store, "organisation.json", "\"fullMembers\" : 5", "\"fullMembers\" : \"五\"") }
        #expect(wrongType.first?.kind == .wrongType(expected: "integer"))
        #expect(wrongType.first?.path == "branches[1].fullMembers")
        let huge = try loadProblems { store in replace(store, "organisation.json", "\"fullMembers\" : 5", "\"fullMembers\" : 99999999999999999999999") }
        #expect(huge.first?.path == "branches[1].fullMembers")
        #expect(huge.first?.kind == .numberOutOfRange)
        #expect(huge.first?.line != nil)
    }

    @Test func problemsInSeveralFilesAreAllListed() throws {
        let problems = try loadProblems { store in
            replace(store, "activities/2026/b2.json", "\"2026-03-31\"", "\"2026-02-30\"")
            replace(store, "members/b2.json", "\"probationary\"", "\"candidate\"")
            replace(store, "plan.json", "\"progress\" : 40", "\"progress\" : true")
        }
        #expect(Set(problems.map(\.file)) == ["activities/2026/b2.json", "members/b2.json", "plan.json"])
    }

    @Test func activityFiledUnderTheWrongYear() throws {
        let problems = try loadProblems { store in replace(store, "activities/2025/b1.json", "\"2025-12-30\"", "\"2024-12-30\"") }
        #expect(problems.map(\.kind) == [.wrongShard(fileYear: 2025, dateYear: 2024)])
        #expect(problems.first?.path == "activities[0].date")
    }

    @Test func newerSchemaIsRefusedAndNothingIsWritten() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let store = WorkspaceStore(directory: tmp.sub("ws"))
        try store.create(smallWorkspace())
        replace(store, "workspace.json", "\"schemaVersion\" : \(WorkspaceSettings.currentSchemaVersion)", "\"schemaVersion\" : 99")
        let before = allFiles(store.directory)
        #expect(throws: StoreError.self) { try store.load() }
        do { _ = try store.load() } catch {
            #expect(error.message(.zh).contains("版本 99"))
            #expect(error.message(.en).contains("upgrade PartyDesk"))
        }
        #expect(allFiles(store.directory) == before)
    }

    @Test func missingWorkspaceSaysWhatToDo() {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        #expect(throws: StoreError.notAWorkspace(tmp.path)) { try WorkspaceStore(directory: tmp.path).load() }
        #expect(StoreError.notAWorkspace("/x").message(.zh).contains("partydesk init"))
    }

    @Test func validationProblemsCarryFileLineAndPath() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let store = WorkspaceStore(directory: tmp.sub("ws"))
        try store.create(smallWorkspace())
        // Both 2026 activities of b2 now name a branch that does not exist (and sit in its file).
        replace(store, "activities/2026/b2.json", "\"branchId\" : \"b2\"", "\"branchId\" : \"b9\"")
        try FileManager.default.moveItem(atPath: store.absolute("activities/2026/b2.json"), toPath: store.absolute("activities/2026/b9.json"))
        replace(store, "members/b2.json", "\"id\" : \"m2\"", "\"id\" : \"m1\"")
        let problems = store.validate(try store.load())
        let dangling = try #require(problems.first { $0.kind == .unknownBranch("b9") })
        #expect(dangling.file == "activities/2026/b9.json")
        #expect(dangling.path == "activities[0].branchId")
        let (line, column) = position(of: "\"b9\"", in: store.absolute("activities/2026/b9.json"))
        #expect(dangling.line == line && dangling.column == column)
        let duplicate = try #require(problems.first { $0.kind == .duplicateId("m1") })
        #expect(duplicate.file == "members/b2.json" && duplicate.path == "members[0].id")
        #expect(problems.count == 3, "\(problems)")  // both b2 activities of 2026 and the duplicate
    }
}
