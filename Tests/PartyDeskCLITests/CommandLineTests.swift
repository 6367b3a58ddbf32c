import Foundation
import Testing
import TestSupport
@testable import PartyModel
@testable import PartyStore

/// The real `partydesk` binary, as people and scripts call it.
@Suite struct CommandLineTests {
    @Test func demoThenValidateIsClean() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let made = try runProduct("partydesk", ["demo", tmp.sub("demo"), "--as-of", "2026-11-21"])
        #expect(made.status == 0)
        let result = try runProduct("partydesk", ["validate", "--data", tmp.sub("demo")])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("检查通过"))
        // Issue 15 named the settings not yet read by any rule; since the funds ledger (issue 17) every one is read.
        #expect(!result.stdout.contains("尚未生效") && !result.stdout.contains("activityFundsPerMember"))
    }

    @Test func demoIsTheSameBytesOnEveryRun() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        try runProduct("partydesk", ["demo", tmp.sub("a"), "--as-of", "2026-11-21"])
        try runProduct("partydesk", ["demo", tmp.sub("b"), "--as-of", "2026/11/21"])
        let a = allFilesIn(tmp.sub("a")), b = allFilesIn(tmp.sub("b"))
        #expect(a.keys.contains("workspace.json") && a.keys.filter { $0.hasPrefix("activities/2026/") }.count > 10)
        #expect(a == b)
    }

    @Test func validateListsEveryProblemAndExitsOne() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let store = WorkspaceStore(directory: tmp.sub("ws"))
        var ws = smallWorkspace()
        ws.activities[1].branchId = "b404"
        ws.activities[2].attended = 9
        ws.members[1].id = "m1"
        try store.create(ws)
        let result = try runProduct("partydesk", ["validate", "--data", store.directory])
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.contains("3 处问题") == true)
        #expect(lines.contains { $0.hasPrefix("activities/2026/b404.json:") && $0.contains("activities[0].branchId") && $0.contains("b404") })
        #expect(lines.contains { $0.hasPrefix("activities/2026/b2.json:") && $0.contains("activities[0].attended") && $0.contains("实到人数 9 超过应到人数 5") })
        #expect(lines.contains { $0.hasPrefix("members/b2.json:") && $0.contains("members[0].id") })
        let english = try runProduct("partydesk", ["validate", "--data", store.directory, "--lang", "en"])
        #expect(english.stdout.contains("refers to unknown branch \"b404\""))
    }

    @Test func validateReportsABrokenFileWithLineAndLeavesItAlone() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let store = WorkspaceStore(directory: tmp.sub("ws"))
        try store.create(smallWorkspace())
        let path = store.absolute("activities/2026/b2.json")
        let broken = Data(String(decoding: FileManager.default.contents(atPath: path)!, as: UTF8.self)
            .replacingOccurrences(of: "\"2026-03-31\"", with: "\"2026-02-30\"").utf8)
        _ = FileManager.default.createFile(atPath: path, contents: broken)
        let result = try runProduct("partydesk", ["validate", "--data", store.directory])
        #expect(result.status == 1)
        #expect(result.stdout.contains("activities/2026/b2.json:6:16 activities[0].date: 日期 \"2026-02-30\" 无效"))
        let summary = try runProduct("partydesk", ["summary", "--data", store.directory])
        #expect(summary.status == 1)
        #expect(summary.stderr.contains("activities/2026/b2.json:6:16"))
        #expect(FileManager.default.contents(atPath: path) == broken)
    }

    @Test func validateListsAKeyGivenTwice() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let store = WorkspaceStore(directory: tmp.sub("ws"))
        try store.create(smallWorkspace())
        let path = store.absolute("activities/2026/b2.json")
        let text = String(decoding: FileManager.default.contents(atPath: path)!, as: UTF8.self)
        // A line giving the first activity's title is put before the one it has: the file's own
        // title line becomes the second, and the error. Its line and column, by hand.
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let row = try #require(lines.firstIndex { $0.contains("\"title\" : ") })
        let indent = lines[row].prefix { $0 == " " }.count
        var edited: [String] = lines.map(String.init)
        edited.insert(String(repeating: " ", count: indent) + "\"title\" : \"第一个\",", at: row)
        let broken = edited.joined(separator: "\n")
        let (line, column) = (row + 2, indent + 1)
        _ = FileManager.default.createFile(atPath: path, contents: Data(broken.utf8))
        let result = try runProduct("partydesk", ["validate", "--data", store.directory])
        #expect(result.status == 1)
        #expect(result.stdout.contains("activities/2026/b2.json:\(line):\(column) activities[0].title: 键 \"title\" 在同一对象中出现两次"), "\(result.stdout)")
    }

    @Test func usageErrorsExitTwo() throws {
        #expect(try runProduct("partydesk", ["validate", "--bogus"]).status == 2)
        #expect(try runProduct("partydesk", ["summary", "--format", "xml"]).status == 2)
        #expect(try runProduct("partydesk", ["init"]).status == 2)
        #expect(try runProduct("partydesk", ["frobnicate"]).status == 2)
    }

    @Test(arguments: [[], ["init"], ["demo"], ["validate"], ["summary"], ["db"], ["db", "init"], ["db", "push"], ["db", "pull"]])
    func everyCommandHasHelp(command: [String]) throws {
        let result = try runProduct("partydesk", command + ["--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("USAGE"))
    }

    @Test func initCreatesAnEmptyWorkspaceAndRefusesANonEmptyDirectory() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let created = try runProduct("partydesk", ["init", tmp.sub("new"), "--name", "某某党委", "--year", "2027"])
        #expect(created.status == 0)
        let loaded = try WorkspaceStore(directory: tmp.sub("new")).load()
        #expect(loaded.workspace.settings.name == "某某党委")
        #expect(loaded.workspace.settings.currentYear == 2027)
        #expect(loaded.workspace.organisation.branches.isEmpty)
        let before = FileManager.default.contents(atPath: tmp.sub("new/workspace.json"))
        let again = try runProduct("partydesk", ["init", tmp.sub("new"), "--name", "另一个"])
        #expect(again.status == 1)
        #expect(again.stderr.contains("不是空目录"))
        #expect(FileManager.default.contents(atPath: tmp.sub("new/workspace.json")) == before)
    }

    /// `init` without DIR: the workspace goes where the dashboard looks first, beside the demo it
    /// had been showing, and opens from then on without --data.
    @Test func initWithoutADirectoryUsesTheDefaultPlaceBesideTheDemo() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let env = ["HOME": tmp.path, "XDG_DATA_HOME": "", "PARTYDESK_DATA": ""]
        let demo = try runProduct("partydesk", ["summary"], environment: env)
        #expect(demo.status == 0 && demo.stdout.contains("[示例]"))
        let home = tmp.path + "/.local/share/partydesk"
        #expect(FileManager.default.fileExists(atPath: home + "/demo/workspace.json"))
        let created = try runProduct("partydesk", ["init", "--name", "某某县委组织部"], environment: env)
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stdout.contains("已创建工作区: \(home)"))
        #expect(created.stdout.contains("下一步: 运行 partydesk 打开工作台"))
        let mine = try runProduct("partydesk", ["summary"], environment: env)
        #expect(mine.stdout.hasPrefix("某某县委组织部  ") && !mine.stdout.contains("[示例]"), "\(mine.stdout)")
        #expect(FileManager.default.fileExists(atPath: home + "/demo/workspace.json"))   // the demo stays
        let again = try runProduct("partydesk", ["init", "--name", "另一个"], environment: env)
        #expect(again.status == 1 && again.stderr.contains("不是空目录"))
    }

    @Test func summaryJSONHasHandCountedFigures() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        try WorkspaceStore(directory: tmp.sub("ws")).create(smallWorkspace())
        let result = try runProduct("partydesk", ["summary", "--data", tmp.sub("ws"), "--format", "json", "--year", "2025"])
        #expect(result.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        let orgs = json["organisations"] as! [String: Int]
        #expect(orgs == ["committees": 1, "generalBranches": 1, "branches": 2, "partyGroups": 2])
        let members = json["members"] as! [String: Int]
        #expect(members["full"] == 15 && members["probationary"] == 2 && members["total"] == 17)
        let activities = json["activities"] as! [String: Int]
        #expect(activities["generalMeeting"] == 1 && activities["groupMeeting"] == 0)
        #expect(json["year"] as? Int == 2025)
    }

    @Test func dataLocationOrder() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        try WorkspaceStore(directory: tmp.sub("env")).create(Workspace.empty(name: "环境变量工作区", year: 2026))
        try WorkspaceStore(directory: tmp.sub("flag")).create(Workspace.empty(name: "参数工作区", year: 2026))
        let viaEnv = try runProduct("partydesk", ["summary"], environment: ["PARTYDESK_DATA": tmp.sub("env"), "HOME": tmp.path])
        #expect(viaEnv.stdout.contains("环境变量工作区"))
        let viaFlag = try runProduct("partydesk", ["summary", "--data", tmp.sub("flag")], environment: ["PARTYDESK_DATA": tmp.sub("env")])
        #expect(viaFlag.stdout.contains("参数工作区"))
        let missing = try runProduct("partydesk", ["summary", "--data", tmp.sub("nothing")])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("partydesk init"))
    }

    @Test func noWorkspaceAtTheDefaultPlaceMeansTheLabelledDemo() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let env = ["HOME": tmp.path, "XDG_DATA_HOME": tmp.sub("xdg")]
        let first = try runProduct("partydesk", [], environment: env)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("[示例]"))
        #expect(FileManager.default.fileExists(atPath: tmp.sub("xdg/partydesk/demo/workspace.json")))
        // The second run opens the same demo rather than writing it again.
        let before = FileManager.default.contents(atPath: tmp.sub("xdg/partydesk/demo/organisation.json"))
        let second = try runProduct("partydesk", ["--lang", "en"], environment: env)
        #expect(second.stdout.contains("[demo]"))
        #expect(FileManager.default.contents(atPath: tmp.sub("xdg/partydesk/demo/organisation.json")) == before)
        // Without XDG_DATA_HOME the data home is ~/.local/share/partydesk.
        let home = try runProduct("partydesk", ["summary"], environment: ["HOME": tmp.sub("home"), "XDG_DATA_HOME": ""])
        #expect(home.status == 0)
        #expect(FileManager.default.fileExists(atPath: tmp.sub("home/.local/share/partydesk/demo/workspace.json")))
    }
}

@Suite struct JournalCommandTests {
    @Test func journalFiltersBySinceAndBranch() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let store = WorkspaceStore(directory: tmp.sub("ws"))
        var loaded = try store.create(smallWorkspace())
        let editor = Editor(store: store, user: "王芳", host: "pc1")
        let d = { (s: String) in Day(iso: s)! }
        loaded = try editor.commit(.activity(before: nil, after: Activity(id: "n1", branchId: "b1", kind: .talk, date: d("2026-06-01"), title: "谈心")), over: loaded)
        loaded = try editor.commit(.activity(before: nil, after: Activity(id: "n2", branchId: "b2", kind: .talk, date: d("2026-06-02"), title: "谈心")), over: loaded)
        let all = try runProduct("partydesk", ["journal", "--data", store.directory])
        #expect(all.status == 0)
        #expect(all.stdout.split(separator: "\n").count == 2)
        #expect(all.stdout.contains("王芳@pc1  add activity n1  [b1]"))
        let b2 = try runProduct("partydesk", ["journal", "--data", store.directory, "--branch", "b2"])
        #expect(b2.stdout.split(separator: "\n").count == 1 && b2.stdout.contains("n2"))
        let future = try runProduct("partydesk", ["journal", "--data", store.directory, "--since", "2999-01-01"])
        #expect(future.stdout.contains("没有修改记录"))
        let json = try runProduct("partydesk", ["journal", "--data", store.directory, "--format", "json"])
        let first = try JSONSerialization.jsonObject(with: Data(json.stdout.split(separator: "\n")[0].utf8)) as! [String: Any]
        #expect((first["after"] as? [String: Any])?["title"] as? String == "谈心")
        #expect(try runProduct("partydesk", ["journal", "--data", store.directory, "--since", "昨天"]).status == 2)
    }
}

@Suite struct AddActivityCommandTests {
    @Test func recordsJournalsAndRefusesBadInputOrAHeldLock() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let store = WorkspaceStore(directory: tmp.sub("ws"))
        try store.create(smallWorkspace())
        let ok = try runProduct("partydesk", ["add-activity", "--data", store.directory, "--branch", "b1", "--kind", "partyLesson",
                                              "--date", "2026年6月1日", "--title", "书记讲党课"])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(try store.load().workspace.activities.contains { $0.title == "书记讲党课" && $0.date.iso == "2026-06-01" })
        #expect(Journal(directory: store.directory).entries().count == 1)
        let badKind = try runProduct("partydesk", ["add-activity", "--data", store.directory, "--branch", "b1", "--kind", "party", "--date", "2026-06-01", "--title", "x"])
        #expect(badKind.status == 2 && badKind.stderr.contains("themedPartyDay (主题党日)"))
        // The Chinese names the import takes are taken here too.
        let chinese = try runProduct("partydesk", ["add-activity", "--data", store.directory, "--branch", "b1", "--kind", "主题党日",
                                                   "--date", "2026-06-02", "--title", "六月主题党日"])
        #expect(chinese.status == 0, "\(chinese.stderr)")
        #expect(try store.load().workspace.activities.contains { $0.title == "六月主题党日" && $0.kind == .themedPartyDay })
        // The journal as a sheet: a header and one row a change.
        let sheet = try runProduct("partydesk", ["journal", "--data", store.directory, "--format", "csv"])
        let rows = sheet.stdout.split(separator: "\r\n").map(String.init)
        #expect(sheet.status == 0 && rows.count == 3 && rows[0] == "时间,用户,主机,操作,对象,编号,支部,撤销", "\(sheet.stdout)")
        #expect(rows[2].hasSuffix(",add,activity,\(try store.load().workspace.activities.first { $0.title == "六月主题党日" }!.id),b1,"))
        let badBranch = try runProduct("partydesk", ["add-activity", "--data", store.directory, "--branch", "b404", "--kind", "talk", "--date", "2026-06-01", "--title", "x"])
        #expect(badBranch.status == 1 && badBranch.stderr.contains("b404"))
        // While a dashboard (here: flock(1)) holds the lock, it waits 5 s (saying so after 1 s),
        // then gives up and nothing is written.
        func hold(for seconds: String) throws -> Process {
            let holder = Process()
            holder.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
            holder.arguments = ["\(store.directory)/\(WorkspaceLock.fileName)", "sleep", seconds]
            try holder.run()
            usleep(300_000)
            return holder
        }
        let long = try hold(for: "8")
        defer { long.terminate(); long.waitUntilExit() }
        let started = Date()
        let held = try runProduct("partydesk", ["add-activity", "--data", store.directory, "--branch", "b1", "--kind", "talk", "--date", "2026-06-01", "--title", "谈心"])
        #expect(held.status == 1 && held.stderr.contains("编辑") && held.stderr.contains("等待"), "\(held.stderr)")
        #expect(Date().timeIntervalSince(started) >= WorkspaceLock.patience - 0.5)
        #expect(Journal(directory: store.directory).entries().count == 2)   // 书记讲党课 and 六月主题党日
        long.terminate(); long.waitUntilExit()
        // Held for a moment only: it waits, then records.
        let short = try hold(for: "1.5")
        defer { short.waitUntilExit() }
        let waited = try runProduct("partydesk", ["add-activity", "--data", store.directory, "--branch", "b1", "--kind", "talk", "--date", "2026-06-01", "--title", "谈心"])
        #expect(waited.status == 0, "\(waited.stderr)")
        #expect(waited.stderr.contains("等待"), "\(waited.stderr)")
        #expect(Journal(directory: store.directory).entries().count == 3)
    }
}

@Suite struct GeneratorTests {
    @Test func sameSeedSameBytesAndItValidates() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let a = try runProduct("partydesk", ["generate", tmp.sub("a"), "--preset", "town", "--seed", "7"])
        #expect(a.status == 0, "\(a.stderr)")
        try runProduct("partydesk", ["generate", tmp.sub("b"), "--preset", "town", "--seed", "7"])
        try runProduct("partydesk", ["generate", tmp.sub("c"), "--preset", "town", "--seed", "8"])
        #expect(allFilesIn(tmp.sub("a")) == allFilesIn(tmp.sub("b")))
        #expect(allFilesIn(tmp.sub("a")) != allFilesIn(tmp.sub("c")))
        #expect(try runProduct("partydesk", ["validate", "--data", tmp.sub("a")]).status == 0)
        let ws = try WorkspaceStore(directory: tmp.sub("a")).load().workspace
        #expect((25...35).contains(ws.organisation.branches.count))
        // Realistic: some branches fail, most do well.
        let grades = ScoringEngine(ws).year(2025, asOf: testAsOf).summary.grades
        #expect(grades.values.filter { $0 > 0 }.count >= 2)
    }

    /// A generated county looks like one: most branches do well in a finished year, some fail,
    /// some are 最强; most findings are closed, a few are still being worked on or overdue.
    @Test func aGeneratedCountyLooksLikeOne() {
        let ws = WorkspaceGenerator.make(.county, seed: 1, asOf: testAsOf)
        #expect(ws.organisation.branches.count == 2000 && (35_000...50_000).contains(ws.members.count))
        #expect((450_000...650_000).contains(ws.activities.count) && (30_000...50_000).contains(ws.checks.count))
        let summary = ScoringEngine(ws).year(2025, asOf: testAsOf).summary
        let grades = summary.grades
        #expect(grades[.good]! + grades[.fairlyGood]! > summary.count / 2)
        #expect(grades[.poor]! > 20 && grades[.average]! > 20)
        #expect((0.1...0.6).contains(summary.strongestShare))
        let status = Dictionary(grouping: ws.rectifications, by: \.status).mapValues(\.count)
        #expect(status[.closed]! > ws.rectifications.count * 3 / 4)
        #expect(status[.open]! > 0 && status[.inProgress]! > 0 && status[.submitted]! > 0)
        let overdue = ws.rectifications.filter { $0.isOverdue(on: testAsOf) }.count
        #expect(overdue > 0 && overdue < ws.rectifications.count / 5)
    }
}

/// The README's command table says what `--help` says: every option it names exists.
@Suite struct ReadmeCommandTableTests {
    @Test func everyOptionTheReadmeNamesExists() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let rows = readme.split(separator: "\n").filter { $0.hasPrefix("| `partydesk") }
        #expect(rows.count >= 15)
        for row in rows {
            let usage = row.split(separator: "`")[1]                        // partydesk CMD [--opt …]
            let words = usage.split(separator: " ").map(String.init)
            // `partydesk [options]` is the default command, the dashboard; `partydesk development add-step …` a subcommand's.
            let names = words.dropFirst().prefix { $0.allSatisfy { $0.isLowercase || $0 == "-" } && !$0.hasPrefix("-") }
            let command = names.isEmpty ? ["dashboard"] : Array(names)
            var help = try runProduct("partydesk", command + ["--help"])
            #expect(help.status == 0, "\(usage)")
            // A command with a default subcommand (`development` → `list`) takes that one's options.
            if help.stdout.contains("SUBCOMMANDS:"), let line = help.stdout.split(separator: "\n").first(where: { $0.contains(" (default) ") }),
               let sub = line.split(separator: " ").first {
                help.stdout += try runProduct("partydesk", command + [String(sub), "--help"]).stdout
            }
            let options = words.compactMap { w -> String? in
                guard let r = w.range(of: "--") else { return nil }
                return String(w[r.lowerBound...].prefix { $0 == "-" || $0.isLetter })
            }
            for option in options { #expect(help.stdout.contains(option), "README: \(usage) — \(option) is not in --help") }
        }
    }
}

/// `add-activity --place --host` (issue 14): kept in the file and the journal; a control character refused, naming the field.
@Suite struct AddActivityPlaceAndHostTests {
    @Test func placeAndHostAreWrittenAndControlCharactersRefused() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let store = WorkspaceStore(directory: tmp.sub("ws"))
        try store.create(smallWorkspace())
        let ok = try runProduct("partydesk", ["add-activity", "--data", store.directory, "--branch", "b1", "--kind", "支委会",
                                              "--date", "2026-06-03", "--title", "六月支委会", "--place", "村部会议室", "--host", "张三"])
        #expect(ok.status == 0, "\(ok.stderr)")
        let added = try #require(try store.load().workspace.activities.first { $0.title == "六月支委会" })
        #expect(added.place == "村部会议室" && added.host == "张三")
        let file = try #require(FileManager.default.contents(atPath: "\(store.directory)/activities/2026/b1.json"))
        #expect(String(decoding: file, as: UTF8.self).contains("\"place\" : \"村部会议室\""))
        let journal = try runProduct("partydesk", ["journal", "--data", store.directory, "--format", "json"])
        #expect(journal.stdout.contains("村部会议室"), "\(journal.stdout)")
        // Without them: no keys at all.
        let bare = try runProduct("partydesk", ["add-activity", "--data", store.directory, "--branch", "b1", "--kind", "talk",
                                                "--date", "2026-06-04", "--title", "谈心", "--place", " "])
        #expect(bare.status == 0, "\(bare.stderr)")
        let talk = try #require(try store.load().workspace.activities.first { $0.title == "谈心" })
        #expect(talk.place == nil && talk.host == nil)
        // A control character is refused and nothing is written.
        let before = FileManager.default.contents(atPath: "\(store.directory)/activities/2026/b1.json")
        let bad = try runProduct("partydesk", ["add-activity", "--data", store.directory, "--branch", "b1", "--kind", "talk",
                                               "--date", "2026-06-05", "--title", "x", "--host", "张\u{1B}[2J三"])
        #expect(bad.status != 0 && bad.stderr.contains("host") && bad.stderr.contains("U+001B"), "\(bad.stderr)")
        #expect(FileManager.default.contents(atPath: "\(store.directory)/activities/2026/b1.json") == before)
        let help = try runProduct("partydesk", ["add-activity", "--help"])
        #expect(help.stdout.contains("--place") && help.stdout.contains("地点") && help.stdout.contains("--host") && help.stdout.contains("主持人"))
    }
}
