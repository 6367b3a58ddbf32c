import Foundation
import Testing
import TestSupport
@testable import PartyModel
@testable import PartyStore

@Suite struct EditingTests {
    static func d(_ s: String) -> Day { Day(iso: s)! }

    @Test func addUpdateDeleteAreSavedJournaledAndUndone() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let store = WorkspaceStore(directory: tmp.sub("ws"))
        var loaded = try store.create(smallWorkspace())
        let editor = Editor(store: store, user: "王芳", host: "office-pc")
        let new = Activity(id: "a9", branchId: "b1", kind: .partyLesson, date: Self.d("2026-05-06"), title: "书记讲党课", attended: 10, expected: 12)
        loaded = try editor.commit(.activity(before: nil, after: new), over: loaded)
        #expect(try store.load().workspace.activities.contains(new))
        var renamed = new
        renamed.title = "书记讲党课: 学习条例"
        loaded = try editor.commit(.activity(before: new, after: renamed), over: loaded)
        loaded = try editor.commit(.activity(before: renamed, after: nil), over: loaded)
        #expect(!(try store.load().workspace.activities.contains { $0.id == "a9" }))
        // Undo the delete: the inverse change, journaled as an undo.
        loaded = try editor.commit(Change.activity(before: renamed, after: nil).inverse, over: loaded, undo: true)
        #expect(try store.load().workspace.activities.contains(renamed))

        let entries = Journal(directory: store.directory).entries()
        #expect(entries.map(\.action) == ["add", "update", "delete", "add"])
        #expect(entries.map(\.undo) == [false, false, false, true])
        #expect(entries.allSatisfy { $0.user == "王芳" && $0.host == "office-pc" && $0.entity == "activity" && $0.id == "a9" && $0.branchId == "b1" })
        let line = try JSONSerialization.jsonObject(with: Data(entries[1].line.utf8)) as! [String: Any]
        #expect((line["before"] as! [String: Any])["title"] as? String == "书记讲党课")
        #expect((line["after"] as! [String: Any])["title"] as? String == "书记讲党课: 学习条例")
        #expect(entries[0].line.contains("\"before\":null"))
        // The journal is private like the data.
        var info = stat(); stat(Journal(directory: store.directory).path, &info)
        #expect(info.st_mode & 0o777 == 0o600)
    }

    @Test func anEditEncodesAndWritesOnlyTheFilesItTouches() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let store = WorkspaceStore(directory: tmp.sub("ws"))
        var loaded = try store.create(DemoWorkspace.make(asOf: testAsOf))
        let inodes = Dictionary(uniqueKeysWithValues: allFiles(store.directory).keys.map { ($0, inode(store.absolute($0))) })
        // Moving an activity from 2025 to 2026 touches the branch's two year files and nothing else.
        let a = loaded.workspace.activities.first { $0.date.year == 2025 }!
        var moved = a
        moved.date = Day(iso: "2026-01-05")!
        loaded = try Editor(store: store).commit(.activity(before: a, after: moved), over: loaded)
        for (path, node) in inodes where !path.hasPrefix(".backup") {
            let rewritten = inode(store.absolute(path)) != node
            #expect(rewritten == [WorkspacePaths.activities(2025, branch: a.branchId), WorkspacePaths.activities(2026, branch: a.branchId)].contains(path), "\(path)")
        }
        // What is on disk is exactly what a full render gives.
        let reloaded = try store.load()
        // (In memory the moved record keeps its place in the list; on disk it is filed under its new year.)
        #expect(Set(reloaded.workspace.activities) == Set(loaded.workspace.activities))
        #expect(WorkspaceCodec.render(reloaded.workspace).allSatisfy { bytes(store.absolute($0.key)) == $0.value })
        #expect(reloaded.digests == loaded.digests)
    }

    @Test func backupsKeepTheLastTwentyVersions() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let store = WorkspaceStore(directory: tmp.sub("ws"))
        var loaded = try store.create(smallWorkspace())
        let editor = Editor(store: store)
        let first = try String(contentsOfFile: store.absolute("activities/2026/b2.json"), encoding: .utf8)
        for i in 1...25 {
            let a = Activity(id: "x\(i)", branchId: "b2", kind: .talk, date: Self.d("2026-06-01"), title: "谈心\(i)")
            loaded = try editor.commit(.activity(before: nil, after: a), over: loaded)
            usleep(2_000)
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: store.absolute(".backup")).filter { $0.hasPrefix("activities__2026__b2.json.") }
        #expect(names.count == 20)
        // Only the file that changed is backed up.
        #expect(try FileManager.default.contentsOfDirectory(atPath: store.absolute(".backup")).allSatisfy { $0.hasPrefix("activities__2026__b2.json.") })
        // The oldest kept is the version before the 6th edit, not the very first.
        let oldest = try String(contentsOfFile: store.absolute(".backup/\(names.sorted().first!)"), encoding: .utf8)
        #expect(oldest != first && oldest.contains("谈心5") && !oldest.contains("谈心6"))
    }

    @Test func aChangedRecordOrFileIsNotOverwritten() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let store = WorkspaceStore(directory: tmp.sub("ws"))
        let loaded = try store.create(smallWorkspace())
        let editor = Editor(store: store)
        var stale = loaded.workspace.activities[1]
        stale.title = "改"
        // Our idea of the record differs from the workspace's.
        var other = stale; other.title = "别的"
        #expect(throws: Editor.Failure.self) { try editor.commit(.activity(before: other, after: stale), over: loaded) }
        // Another program rewrote the file since we loaded it.
        let path = store.absolute("activities/2026/b1.json")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try text.replacingOccurrences(of: "小组学习", with: "小组学习(外部修改)").write(toFile: path, atomically: true, encoding: .utf8)
        do {
            try editor.commit(.activity(before: loaded.workspace.activities[1], after: stale), over: loaded)
            Issue.record("saved over a changed file")
        } catch .store(.changedOnDisk(let files)) {
            #expect(files == ["activities/2026/b1.json"])
        } catch { Issue.record("\(error)") }
        #expect(try String(contentsOfFile: path, encoding: .utf8).contains("外部修改"))
        #expect(Journal(directory: store.directory).entries().isEmpty)
    }

    @Test func aChangeThatBreaksTheRulesIsRefused() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let store = WorkspaceStore(directory: tmp.sub("ws"))
        let loaded = try store.create(smallWorkspace())
        let bad = Activity(id: "z", branchId: "nowhere", kind: .talk, date: Self.d("2026-06-01"), title: "x", attended: 9, expected: 3)
        do {
            try Editor(store: store).commit(.activity(before: nil, after: bad), over: loaded)
            Issue.record("accepted")
        } catch .invalid(let issues) {
            #expect(issues.map(\.kind).contains(.unknownBranch("nowhere")))
            #expect(issues.map(\.kind).contains(.attendedExceedsExpected(attended: 9, expected: 3)))
        } catch { Issue.record("\(error)") }
    }

    /// Committing in place: a refused change (rules, conflict, file changed on disk) leaves the
    /// workspace exactly as it was; an accepted one leaves it as saved.
    @Test func anInPlaceCommitLeavesTheWorkspaceUnchangedWhenRefused() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let store = WorkspaceStore(directory: tmp.sub("ws"))
        var loaded = try store.create(smallWorkspace())
        let original = loaded.workspace
        let editor = Editor(store: store, user: "t", host: "h")
        let bad = Activity(id: "z", branchId: "nowhere", kind: .talk, date: Self.d("2026-06-01"), title: "x")
        #expect(throws: Editor.Failure.self) { try editor.commit(.activity(before: nil, after: bad), to: &loaded) }
        #expect(loaded.workspace == original)
        let good = Activity(id: "ok", branchId: "b1", kind: .talk, date: Self.d("2026-06-01"), title: "谈心")
        // A batch whose second part conflicts undoes its first part.
        let batch = Change.batch([.activity(before: nil, after: good), .activity(before: bad, after: nil)])
        #expect(throws: Editor.Failure.self) { try editor.commit(batch, to: &loaded) }
        #expect(loaded.workspace == original)
        replace(store, "activities/2026/b1.json", "小组学习", "小组学习(外部修改)")
        #expect(throws: Editor.Failure.self) { try editor.commit(.activity(before: nil, after: good), to: &loaded) }
        #expect(loaded.workspace == original)
        replace(store, "activities/2026/b1.json", "小组学习(外部修改)", "小组学习")
        try editor.commit(.activity(before: nil, after: good), to: &loaded)
        #expect(loaded.workspace.activities.last == good)
        #expect(Set(try store.load().workspace.activities) == Set(loaded.workspace.activities))
    }

    /// The one-activity check an edit runs finds exactly what the whole-workspace pass adds.
    @Test func anActivityEditIsCheckedAsTheWholeWorkspacePassWould() throws {
        let ws = smallWorkspace()
        let d = Self.d
        let cases: [(Activity?, Activity?)] = [
            (nil, Activity(id: "n1", branchId: "b1", kind: .talk, date: d("2026-06-01"), title: "好的")),
            (nil, Activity(id: "n2", branchId: "nowhere", kind: .talk, date: d("2026-06-01"), title: "x", attended: 9, expected: 3)),
            (nil, Activity(id: "", branchId: "b1", kind: .talk, date: d("2031-06-01"), title: "无 id, 日期太远")),
            (nil, Activity(id: "n3", branchId: "b1", kind: .groupMeeting, date: d("2026-06-01"), title: "小组", hours: -1, partyGroupId: "b2-g9")),
            (ws.activities[1], { var a = ws.activities[1]; a.attended = 99; return a }()),
            (ws.activities[1], nil),
        ]
        for (before, after) in cases {
            let change = Change.activity(before: before, after: after)
            let updated = try change.apply(to: ws)
            let known = Set(Validator.validate(ws).map { "\($0.kind)" })
            let whole = Validator.validate(updated).filter { !known.contains("\($0.kind)") }.map { "\($0.kind)" }.sorted()
            var edited = ws
            let one = try Editor.apply(change, to: &edited).map { "\($0.kind)" }.sorted()
            #expect(one == whole, "\(after?.title ?? "delete")")
        }
        // And the cases above do reach the rules (the comparison is not of two empty lists).
        var bad = ws
        #expect(try Editor.apply(.activity(before: nil, after: cases[1].1), to: &bad).count == 2)
    }

    /// The same for members, checks (also one that goes away), rectifications, plan tasks, manual
    /// points, bonuses and batches of them, on the demo.
    @Test func memberCheckAndRectificationEditsAreCheckedAsTheWholePassWould() throws {
        let ws = DemoWorkspace.make(asOf: testAsOf)
        let d = Self.d
        let member = ws.members[3], check = ws.checks[5], finding = ws.rectifications.first { $0.sourceCheckId != nil }!
        let source = ws.checks.first { $0.id == finding.sourceCheckId }!
        func edited<T>(_ value: T, _ edit: (inout T) -> Void) -> T { var v = value; edit(&v); return v }
        let changes: [Change] = [
            .member(before: member, after: edited(member) { $0.dues = .inWork(base: -1); $0.partyGroupId = "nowhere" }),
            .member(before: nil, after: Member(id: "new-m", name: "新党员", branchId: "no-branch", joinDate: d("2031-01-01"))),
            .member(before: member, after: nil),
            .check(before: check, after: edited(check) { $0.points["dues"] = 2.25; $0.points["no-item"] = 1; $0.date = d("2040-01-01") }),
            .check(before: nil, after: edited(check) { $0.id = "second-of-quarter" }),
            .check(before: nil, after: edited(check) { $0.id = "bad-quarter"; $0.quarter = 5 }),
            .check(before: source, after: nil),   // its findings now point nowhere
            .rectification(before: finding, after: edited(finding) { $0.dueOn = d("2000-01-01"); $0.sourceCheckId = "k-none"; $0.status = .closed }),
            .rectification(before: nil, after: edited(finding) { $0.id = "r-new"; $0.branchId = "no-branch"; $0.history = [] }),
            .rectification(before: finding, after: nil),
            .task(before: ws.plan.tasks[0], after: edited(ws.plan.tasks[0]) { $0.progress = 120; $0.sectionId = "no-section" }),
            .task(before: nil, after: edited(ws.plan.tasks[1]) { $0.id = "t-new"; $0.progress = -5 }),
            .manualScore(before: nil, after: ManualScore(branchId: "no-branch", itemId: "three-meetings", year: 2026, points: 1)),
            .manualScore(before: nil, after: ManualScore(branchId: ws.organisation.branches[0].id, itemId: "satisfaction", year: 2026, quarter: 9, points: 99)),
            .bonus(before: nil, after: Bonus(branchId: "no-branch", year: 2026, points: -1, reason: "x")),
            // Batches: a check with its findings (as the check form records them), one with a finding
            // pointing at a check not in it, a check taken away with its findings, an import with bad
            // records.
            .batch([.check(before: nil, after: edited(check) { $0.id = "k-batch"; $0.year = 2026; $0.quarter = 4 }),
                    .rectification(before: nil, after: edited(finding) { $0.id = "r-batch"; $0.sourceCheckId = "k-batch"; $0.history = []; $0.status = .open })]),
            .batch([.check(before: nil, after: edited(check) { $0.id = "k-batch-2"; $0.year = 2026; $0.quarter = 4 }),
                    .rectification(before: nil, after: edited(finding) { $0.id = "r-batch-2"; $0.sourceCheckId = "k-elsewhere"; $0.history = []; $0.status = .open })]),
            .batch([.check(before: source, after: nil)] + ws.rectifications.filter { $0.sourceCheckId == source.id }.map { .rectification(before: $0, after: nil) }),
            .batch([.activity(before: nil, after: Activity(id: "imp-1", branchId: ws.organisation.branches[0].id, kind: .talk, date: d("2026-06-01"), title: "导入")),
                    .activity(before: nil, after: Activity(id: "imp-2", branchId: "no-branch", kind: .talk, date: d("2026-06-02"), title: "导入", attended: 9, expected: 3)),
                    .member(before: nil, after: Member(id: "imp-m", name: "导入党员", branchId: "no-branch"))]),
        ]
        var nonEmpty = 0
        for change in changes {
            let updated = try change.apply(to: ws)
            let known = Set(Validator.validate(ws).map { "\($0.kind)" })
            let whole = Validator.validate(updated).filter { !known.contains("\($0.kind)") }.map { "\($0.kind)" }.sorted()
            var edited = ws
            let one = try Editor.apply(change, to: &edited).map { "\($0.kind)" }.sorted()
            #expect(one == whole, "\(change.entity) \(change.action): \(one) vs \(whole)")
            if !whole.isEmpty { nonEmpty += 1 }
        }
        #expect(nonEmpty >= 14)
        // Only a branch's change takes the whole pass now.
        #expect(changes.allSatisfy { Editor.scopedProblems($0, after: false, in: ws) != nil })
        #expect(Editor.scopedProblems(.branch(before: ws.organisation.branches[0], after: ws.organisation.branches[0]), after: false, in: ws) == nil)
    }
}

@Suite(.serialized) struct LockTests {
    @Test func secondEditorIsRefusedAndToldWhoHoldsIt() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let me = WorkspaceLock.Holder(user: "王芳", host: "pc1", pid: getpid(), since: "2026-11-21T09:00:00+08:00")
        guard case .acquired(let lock, let previous) = WorkspaceLock.acquire(directory: tmp.path, identity: me) else {
            Issue.record("first acquire failed"); return
        }
        #expect(previous == nil)
        #expect(WorkspaceLock.currentHolder(directory: tmp.path) == me)
        // Another real process cannot take it: flock(1) with -n fails while we hold it.
        let other = try runCommand("/usr/bin/flock", ["-n", "\(tmp.path)/\(WorkspaceLock.fileName)", "true"])
        #expect(other != 0)
        lock.release()
        #expect(try runCommand("/usr/bin/flock", ["-n", "\(tmp.path)/\(WorkspaceLock.fileName)", "true"]) == 0)
    }

    @Test func lockHeldByAnotherProcessOpensReadOnlyWithItsHolder() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let holder = WorkspaceLock.Holder(user: "李明", host: "pc2", pid: 4242, since: "2026-11-21T08:00:00+08:00")
        let path = "\(tmp.path)/\(WorkspaceLock.fileName)"
        try JSONEncoder().encode(holder).write(to: URL(fileURLWithPath: path))
        // A real second process holds the flock for a while.
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
        child.arguments = [path, "sleep", "3"]
        try child.run()
        defer { child.terminate(); child.waitUntilExit() }
        // Wait (without taking it) until the other process holds the lock.
        for _ in 0..<100 where WorkspaceLock.currentHolder(directory: tmp.path) == nil { usleep(20_000) }
        #expect(WorkspaceLock.currentHolder(directory: tmp.path) == holder)
        guard case .heldBy(let who) = WorkspaceLock.acquire(directory: tmp.path) else { Issue.record("acquired a held lock"); return }
        #expect(who == holder)
    }

    @Test func staleLockOfADeadProcessIsTakenOver() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let dead = WorkspaceLock.Holder(user: "李明", host: "pc2", pid: 999_999, since: "2026-11-20T08:00:00+08:00")
        try JSONEncoder().encode(dead).write(to: URL(fileURLWithPath: "\(tmp.path)/\(WorkspaceLock.fileName)"))
        guard case .acquired(let lock, let previous) = WorkspaceLock.acquire(directory: tmp.path) else {
            Issue.record("stale lock not taken over"); return
        }
        #expect(previous == dead)
        #expect(WorkspaceLock.currentHolder(directory: tmp.path)?.pid == getpid())
        lock.release()
    }
}

func runCommand(_ path: String, _ args: [String]) throws -> Int32 {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: path)
    p.arguments = args
    try p.run()
    p.waitUntilExit()
    return p.terminationStatus
}
