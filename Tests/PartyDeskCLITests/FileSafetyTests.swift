import Foundation
import Testing
import TestSupport
@testable import PartyModel
@testable import PartyStore
import PartyTUI

/// A small tmpfs mounted for one test (root only: CI runs as root). Checked in this sandbox:
/// `mount -t tmpfs -o size=…` works, and a write past the size fails with ENOSPC, as on a full disk.
struct Tmpfs {
    let path: String

    static var possible: Bool { getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/bin/mount") }

    init?(_ path: String, size: String = "16m") {
        self.path = path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        guard (try? shell("mount -t tmpfs -o size=\(size),mode=0700 tmpfs '\(path)'")) == 0 else { return nil }
    }

    /// Bytes in use (tmpfs counts whole pages).
    var used: Int {
        var info = statvfs()
        statvfs(path, &info)
        return Int(info.f_blocks - info.f_bfree) * Int(info.f_frsize)
    }

    /// Leaves `extra` bytes free beyond what is used now (tmpfs rounds up to a page).
    func leave(_ extra: Int) -> Bool { (try? shell("mount -o remount,size=\(used + extra) '\(path)'")) == 0 }

    func readOnly() -> Bool { (try? shell("mount -o remount,ro '\(path)'")) == 0 }

    func unmount() { _ = try? shell("umount '\(path)'") }
}

/// The files of the workspace: symbolic links refused, full disks told truthfully, batches whole,
/// writers queued, readers never seeing half a batch.
@Suite struct FileSafetyTests {
    // MARK: Symbolic links

    /// Each of the files a save writes, replaced by a link to a file outside the workspace: the save
    /// is refused with a message naming the link (Chinese, and English with --lang en), nothing is
    /// added, and the link's target keeps its bytes.
    @Test(arguments: [".partydesk.lock", "journal.jsonl", ".journal-pending.jsonl", "activities/2026/b1.json", ".backup"])
    func aSymbolicLinkIsRefusedByName(_ name: String) throws {
        let tmp = TempDirectory("links"); defer { tmp.cleanup() }
        let store = WorkspaceStore(directory: tmp.sub("ws"))
        try store.create(smallWorkspace())
        // A journal and a backup folder to link to, as a workspace in use has.
        #expect(try runProduct("partydesk", addArguments(store.directory, title: "先登记一次")).status == 0)
        let target = tmp.sub("outside")
        let linked = store.absolute(name)
        if name == ".backup" {
            try FileManager.default.moveItem(atPath: linked, toPath: target)
        } else {
            // A data file's link points at a good copy (the workspace still reads); the others at any text.
            let original = name.hasSuffix(".json") ? FileManager.default.contents(atPath: linked)! : Data("outside the workspace\n".utf8)
            try original.write(to: URL(fileURLWithPath: target))
            try? FileManager.default.removeItem(atPath: linked)
        }
        try FileManager.default.createSymbolicLink(atPath: linked, withDestinationPath: target)
        let before = name == ".backup" ? allFilesIn(target) : ["": FileManager.default.contents(atPath: target)!]

        for lang in ["zh", "en"] {
            let result = try runProduct("partydesk", addArguments(store.directory, title: "经链接写入") + ["--lang", lang])
            #expect(result.status == 1, "\(name): \(result.stdout)")
            #expect(result.stderr.contains(linked), "\(name): \(result.stderr)")
            #expect(result.stderr.contains(lang == "zh" ? "是符号链接" : "is a symbolic link"), "\(name): \(result.stderr)")
            #expect(!result.stderr.contains(lang == "zh" ? "已保存" : "saved,"), "\(name): \(result.stderr)")
        }
        let after = name == ".backup" ? allFilesIn(target) : ["": FileManager.default.contents(atPath: target)!]
        #expect(after == before, "\(name): the link's target changed")
        #expect(destination(linked) == target, "\(name): the link was replaced")
        if name != "activities/2026/b1.json" {
            #expect(!(try store.load()).workspace.activities.contains { $0.title == "经链接写入" })
        }
    }

    func destination(_ path: String) -> String? { try? FileManager.default.destinationOfSymbolicLink(atPath: path) }

    func addArguments(_ directory: String, title: String, date: String = "2026-06-01") -> [String] {
        ["add-activity", "--data", directory, "--branch", "b1", "--kind", "themedPartyDay", "--date", date, "--title", title]
    }

    // MARK: Full disks

    /// Free space after the workspace, in KB: what is left for the save.
    static let freeKB = [0, 1, 2, 4, 8, 16, 32, 64]

    /// A workspace on its own small tmpfs, filled up to `extraKB` free, for `body`; the file system
    /// is unmounted afterwards.
    func onFullDisk(_ label: String, extraKB: Int, _ body: (WorkspaceStore, Tmpfs) throws -> Void) throws {
        let tmp = TempDirectory(label); defer { tmp.cleanup() }
        guard let disk = Tmpfs(tmp.sub("disk")) else { Issue.record("cannot mount a tmpfs"); return }
        defer { disk.unmount() }
        let store = WorkspaceStore(directory: disk.path + "/ws")
        try store.create(smallWorkspace())
        #expect(try runProduct("partydesk", addArguments(store.directory, title: "登记过一次")).status == 0)
        #expect(disk.leave(extraKB * 1024))
        try body(store, disk)
    }

    /// The temp files and kept versions left in the workspace (`.…tmp-…`).
    func strays(_ directory: String) -> [String] {
        allFilesIn(directory).keys.filter { $0.contains(".tmp-") }.sorted()
    }

    @Test(.enabled(if: Tmpfs.possible, "needs root to mount a tmpfs"), arguments: freeKB)
    func addActivityOnAFullDiskSaysWhatIsOnDisk(_ extraKB: Int) throws {
        try onFullDisk("full-add", extraKB: extraKB) { store, disk in
            let result = try runProduct("partydesk", addArguments(store.directory, title: "满盘登记"))
            let saidSaved = result.status == 0 || result.stderr.contains("已保存")
            let onDisk = (try store.load()).workspace.activities.contains { $0.title == "满盘登记" }
            #expect(saidSaved == onDisk, "\(extraKB) KB free: said \(result.stdout)\(result.stderr), on disk: \(onDisk)")
            print("full disk, add-activity, \(extraKB) KB free: \(onDisk ? "saved" : "not saved") — \((result.stdout + result.stderr).trimmingCharacters(in: .whitespacesAndNewlines))")
            if !saidSaved { #expect(result.stderr.contains("保存失败"), "\(extraKB) KB: \(result.stderr)") }
            #expect(try runProduct("partydesk", ["validate", "--data", store.directory]).status == 0)
            // With room again, the next save works and sweeps what the failed one left.
            #expect(disk.leave(4 << 20))
            #expect(try runProduct("partydesk", addArguments(store.directory, title: "有空间了")).status == 0)
            #expect(strays(store.directory).isEmpty, "\(extraKB) KB: \(strays(store.directory))")
            let ws = try store.load().workspace
            let journaled = Journal(directory: store.directory).entries().map(\.id)
            #expect(journaled.sorted() == ws.activities.filter { $0.title != "年终党员大会" && !["a1", "a2", "a3", "a4"].contains($0.id) }.map(\.id).sorted())
        }
    }

    /// The dashboard's form on a full disk, through the same path the dashboard takes (Enter →
    /// `.commit` → `Editor.commit` → `Event.saved` / `Event.saveFailed`): "已保存" only when the
    /// record is on disk; when the save failed the form is open again with what was typed.
    @Test(.enabled(if: Tmpfs.possible, "needs root to mount a tmpfs"), arguments: freeKB)
    func aFormSavedOnAFullDiskSaysWhatIsOnDisk(_ extraKB: Int) throws {
        try onFullDisk("full-form", extraKB: extraKB) { store, _ in
            var loaded = try store.load()
            var state = AppState(data: DashboardData(workspace: loaded.workspace, year: 2026, quarter: 4, asOf: testAsOf, lang: .zh),
                                 width: 100, height: 30)
            for key: Key in [.char("8"), .char("a"), .tab, .tab, .tab] { _ = Update.handle(key, &state) }
            for c in "表单满盘" { _ = Update.handle(.char(c), &state) }
            guard case .commit(let change) = Update.handle(.enter, &state) else { Issue.record("the form did not commit: \(String(describing: state.form?.error))"); return }
            // The events Dashboard.save turns an Editor's outcome into.
            do throws(Editor.Failure) {
                try Editor(store: store).commit(change, to: &loaded)
                _ = Update.update(.saved(change, undo: false, workspace: loaded.workspace, loadedYears: loaded.years, journalProblem: nil), &state)
            } catch {
                if case .journal = error {
                    _ = Update.update(.saved(change, undo: false, workspace: loaded.workspace, loadedYears: loaded.years, journalProblem: error.message(.zh)), &state)
                } else {
                    _ = Update.update(.saveFailed(message: error.message(.zh), reloaded: nil, at: nil), &state)
                }
            }
            let onDisk = (try store.load()).workspace.activities.contains { $0.title == "表单满盘" }
            let saidSaved = state.message?.contains("已保存") == true
            #expect(saidSaved == onDisk, "\(extraKB) KB: said \(state.message ?? "-"), on disk \(onDisk)")
            print("full disk, form, \(extraKB) KB free: \(onDisk ? "saved" : "not saved") — \(state.message ?? "-")")
            if onDisk {
                #expect(state.form == nil)
            } else {
                #expect(state.message?.contains("保存失败") == true, "\(state.message ?? "-")")
                #expect(state.form?.value("title") == "表单满盘", "the form closed or lost what was typed")
                #expect(state.form?.error == state.message)
            }
            #expect(try runProduct("partydesk", ["validate", "--data", store.directory]).status == 0)
        }
    }

    /// Fifteen rows over three branch files (two years): the import lands whole or not at all.
    static let fifteenRows: String = {
        var lines = ["日期,支部,标题,类型,实到,应到"]
        for i in 0..<15 {
            let branch = i % 2 == 0 ? "一支部" : "b2"
            let day = i < 10 ? "2026-07-\(String(format: "%02d", i + 1))" : "2025-08-\(String(format: "%02d", i + 1))"
            lines.append("\(day),\(branch),导入第\(i + 1)行 \(String(repeating: "内容", count: 40)),党课,3,5")
        }
        return lines.joined(separator: "\n") + "\n"
    }()

    @Test(.enabled(if: Tmpfs.possible, "needs root to mount a tmpfs"), arguments: freeKB)
    func anImportOnAFullDiskLandsWholeOrNotAtAll(_ extraKB: Int) throws {
        let csv = TempDirectory("csv"); defer { csv.cleanup() }
        let file = csv.sub("rows.csv")
        try Self.fifteenRows.write(toFile: file, atomically: true, encoding: .utf8)
        try onFullDisk("full-import", extraKB: extraKB) { store, disk in
            let result = try runProduct("partydesk", ["import", "--data", store.directory, "--what", "activities", file])
            let saidSaved = result.status == 0 || result.stderr.contains("已保存")
            let landed = (try store.load()).workspace.activities.filter { $0.title.hasPrefix("导入第") }.count
            #expect(landed == 0 || landed == 15, "\(extraKB) KB: \(landed) of 15 rows landed")
            print("full disk, import, \(extraKB) KB free: \(landed) of 15 rows — \((result.stdout + result.stderr).trimmingCharacters(in: .whitespacesAndNewlines))")
            #expect(saidSaved == (landed == 15), "\(extraKB) KB: said \(result.stdout)\(result.stderr), landed \(landed)")
            #expect(try runProduct("partydesk", ["validate", "--data", store.directory]).status == 0)
            #expect(disk.leave(4 << 20))
            #expect(try runProduct("partydesk", ["import", "--data", store.directory, "--what", "activities", file]).status == 0)
            #expect((try store.load()).workspace.activities.filter { $0.title.hasPrefix("导入第") }.count == 15)
            #expect(strays(store.directory).isEmpty, "\(extraKB) KB: \(strays(store.directory))")
        }
    }

    /// A read-only mount is said to be one, naming the folder; not "being edited".
    @Test(.enabled(if: Tmpfs.possible, "needs root to mount a tmpfs"))
    func aReadOnlyWorkspaceSaysSo() throws {
        try onFullDisk("read-only", extraKB: 1024) { store, disk in
            #expect(disk.readOnly())
            let zh = try runProduct("partydesk", addArguments(store.directory, title: "只读"))
            #expect(zh.status == 1)
            #expect(zh.stderr.contains("工作区只读") && zh.stderr.contains(store.directory), "\(zh.stderr)")
            #expect(!zh.stderr.contains("编辑"), "\(zh.stderr)")
            let en = try runProduct("partydesk", addArguments(store.directory, title: "只读") + ["--lang", "en"])
            #expect(en.stderr.contains("read-only") && en.stderr.contains(store.directory), "\(en.stderr)")
            // Reading still works.
            #expect(try runProduct("partydesk", ["summary", "--data", store.directory]).status == 0)
        }
    }

    // MARK: A batch cut short

    /// A save killed between its renames leaves its manifest: readers meanwhile see the files as
    /// before it (the kept versions; its new files not there), and the next commit rolls it back
    /// whole (the files as before the batch, the temps and kept copies gone), then makes its own change.
    @Test func aBatchCutShortIsReadAsBeforeAndRolledBackAtTheNextCommit() throws {
        let tmp = TempDirectory("cut"); defer { tmp.cleanup() }
        let store = WorkspaceStore(directory: tmp.sub("ws"))
        try store.create(smallWorkspace())
        let before = allFilesIn(store.directory)
        let summaryBefore = try runProduct("partydesk", ["summary", "--data", store.directory, "--format", "json"]).stdout
        // The state a kill leaves after two of three renames, built by hand in the manifest's
        // format: b1.json replaced by a broken version (its old one kept), a new b9.json renamed in,
        // b2.json's new version not renamed yet (its temp and kept link still there).
        func put(_ text: String, _ relative: String) throws { try Data(text.utf8).write(to: URL(fileURLWithPath: store.absolute(relative))) }
        let folder = "activities/2026/"
        #expect(link(store.absolute(folder + "b1.json"), store.absolute(folder + ".b1.json.tmp-999999-1.old")) == 0)
        try put("{\"broken\": true}", folder + ".b1.json.tmp-999999-1")
        #expect(rename(store.absolute(folder + ".b1.json.tmp-999999-1"), store.absolute(folder + "b1.json")) == 0)
        try put("{\"also broken\": true}", folder + "b9.json")
        #expect(link(store.absolute(folder + "b2.json"), store.absolute(folder + ".b2.json.tmp-999999-3.old")) == 0)
        try put("{\"not yet\": true}", folder + ".b2.json.tmp-999999-3")
        let manifest = FileBatch.Manifest(pid: 999_999, entries: [
            .init(path: folder + "b1.json", temp: folder + ".b1.json.tmp-999999-1", keep: folder + ".b1.json.tmp-999999-1.old"),
            .init(path: folder + "b9.json", temp: folder + ".b9.json.tmp-999999-2", keep: nil),
            .init(path: folder + "b2.json", temp: folder + ".b2.json.tmp-999999-3", keep: folder + ".b2.json.tmp-999999-3.old"),
        ])
        try JSONEncoder().encode(manifest).write(to: URL(fileURLWithPath: store.absolute(FileBatch.manifestName)))

        // Readers see the workspace as before the cut batch.
        let validate = try runProduct("partydesk", ["validate", "--data", store.directory])
        #expect(validate.status == 0, "\(validate.stdout)\(validate.stderr)")
        #expect(try runProduct("partydesk", ["summary", "--data", store.directory, "--format", "json"]).stdout == summaryBefore)

        let result = try runProduct("partydesk", addArguments(store.directory, title: "之后的登记", date: "2026-06-02"))
        #expect(result.status == 0, "\(result.stderr)")
        var after = allFilesIn(store.directory)
        #expect(after.keys.filter { $0.contains(".tmp-") || $0 == FileBatch.manifestName || $0.hasSuffix("b9.json") }.isEmpty, "\(after.keys.sorted())")
        // Every file as before the cut batch, but the one the new change wrote and the journal.
        let ws = try store.load().workspace
        #expect(ws.activities.filter { $0.branchId == "b1" }.count == 3)
        for key in ["activities/2026/b1.json", "journal.jsonl", ".partydesk.lock", WorkspaceLock.fileName] { after[key] = nil }
        for key in after.keys where key.hasPrefix(".backup/") { after[key] = nil }
        var expected = before
        expected["activities/2026/b1.json"] = nil
        #expect(after == expected)
    }

    /// What a writer killed mid-save leaves — temps of the journal's pending file, of data files in
    /// a folder the next save does not write to, of a backup copy, and its name in the lock file —
    /// is swept by the next commit.
    @Test func strayTempsOfAKilledWriterAreSweptAtTheNextCommit() throws {
        let tmp = TempDirectory("strays"); defer { tmp.cleanup() }
        let store = WorkspaceStore(directory: tmp.sub("ws"))
        try store.create(smallWorkspace())
        #expect(try runProduct("partydesk", addArguments(store.directory, title: "第一次")).status == 0)
        let gone = Process()
        gone.executableURL = URL(fileURLWithPath: "/bin/true")
        try gone.run()
        gone.waitUntilExit()
        let dead = gone.processIdentifier
        let strays = ["..journal-pending.jsonl.tmp-\(dead)-1", "activities/2025/.b1.json.tmp-\(dead)-2",
                      "activities/2025/.b1.json.tmp-\(dead)-2.old", ".backup/.x.json.tmp-\(dead)-3", "..partydesk-batch.json.tmp-\(dead)-4"]
        for stray in strays { try Data("half".utf8).write(to: URL(fileURLWithPath: store.absolute(stray))) }
        let holder = WorkspaceLock.Holder(user: "killed", host: "here", pid: dead, since: "2026-06-01T10:00:00+08:00")
        try JSONEncoder().encode(holder).write(to: URL(fileURLWithPath: store.absolute(WorkspaceLock.fileName)))
        // Another process's temp, still alive (this one), is left alone.
        let live = "activities/2025/.b1.json.tmp-\(getpid())-5"
        try Data("writing".utf8).write(to: URL(fileURLWithPath: store.absolute(live)))

        #expect(try runProduct("partydesk", addArguments(store.directory, title: "之后")).status == 0)
        #expect(self.strays(store.directory) == [live])
    }

    // MARK: Writers and readers at once

    /// Four processes adding fifty activities each: every one lands (they wait for the lock rather
    /// than give up), and the journal has one line per record.
    @Test func fourWritersAtOnceAllLand() throws {
        let tmp = TempDirectory("writers"); defer { tmp.cleanup() }
        let store = WorkspaceStore(directory: tmp.sub("ws"))
        try store.create(smallWorkspace())
        let script = tmp.sub("writer.sh")
        try """
        #!/bin/sh
        fails=0
        for i in $(seq 1 50); do
          "\(productsDirectory)/partydesk" add-activity --data "\(store.directory)" --branch b1 --kind themedPartyDay --date 2026-06-01 --title "w$1-$i" >/dev/null 2>>"\(tmp.path)/err-$1" || fails=$((fails+1))
        done
        exit $fails
        """.write(toFile: script, atomically: true, encoding: .utf8)
        chmod(script, 0o755)
        let writers = try (1...4).map { n in
            let p = Process()
            p.executableURL = URL(fileURLWithPath: script)
            p.arguments = [String(n)]
            try p.run()
            return p
        }
        for p in writers { p.waitUntilExit() }
        let errors = (1...4).map { (try? String(contentsOfFile: tmp.sub("err-\($0)"), encoding: .utf8)) ?? "" }.joined()
        #expect(writers.allSatisfy { $0.terminationStatus == 0 }, "refused: \(writers.map(\.terminationStatus)) \(errors.prefix(2000))")
        let added = try store.load().workspace.activities.filter { $0.title.hasPrefix("w") }
        #expect(added.count == 200)
        let journaled = Journal(directory: store.directory).entries().filter { $0.action == "add" }.map(\.id)
        #expect(journaled.count == 200 && Set(journaled) == Set(added.map(\.id)))
    }

    /// `summary --format json` read over and over while imports land: every read sees the counts
    /// of before or after a whole import, never between.
    @Test func aReaderNeverSeesHalfAnImport() throws {
        let tmp = TempDirectory("race"); defer { tmp.cleanup() }
        let store = WorkspaceStore(directory: tmp.sub("ws"))
        try store.create(smallWorkspace())
        // Eight imports of 15 lessons each (dates in 2026, over both branches: two files a batch).
        let rounds = 8
        var files: [String] = []
        for round in 0..<rounds {
            var lines = ["日期,支部,标题,类型"]
            for i in 0..<15 { lines.append("2026-\(String(format: "%02d", round + 2))-\(String(format: "%02d", i + 1)),\(i % 2 == 0 ? "一支部" : "b2"),第\(round)批\(i),党课") }
            files.append(tmp.sub("batch\(round).csv"))
            try (lines.joined(separator: "\n") + "\n").write(toFile: files.last!, atomically: true, encoding: .utf8)
        }
        let importer = Process()
        importer.executableURL = URL(fileURLWithPath: "/bin/sh")
        importer.arguments = ["-c", files.map { "\"\(productsDirectory)/partydesk\" import --data \"\(store.directory)\" --what activities \"\($0)\" >/dev/null" }.joined(separator: " && ")]
        try importer.run()
        var seen: [Int: Int] = [:]
        var reads = 0
        repeat {
            let result = try runProduct("partydesk", ["summary", "--data", store.directory, "--format", "json", "--year", "2026"])
            reads += 1
            guard let object = try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any],
                  let lessons = (object["activities"] as? [String: Any])?["partyLesson"] as? Int else {
                Issue.record("summary did not read: \(result.stdout.prefix(300)) \(result.stderr)"); break
            }
            seen[lessons, default: 0] += 1
        } while importer.isRunning || reads < 5
        importer.waitUntilExit()
        #expect(importer.terminationStatus == 0)
        // 1 lesson before; 16, 31, 46, … after each whole import.
        #expect(Set(seen.keys).isSubset(of: Set((0...rounds).map { 1 + 15 * $0 })), "counts seen: \(seen) in \(reads) reads")
        print("reader racing imports: \(reads) reads, party lessons seen (count: reads) \(seen.sorted { $0.key < $1.key })")
    }
}
