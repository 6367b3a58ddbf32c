import Foundation
import Testing
import TestSupport
@testable import PartyModel
@testable import PartyStore
import PartyTUI

/// The real binary in tmux, as a person at 80×24 and larger would use it.
@Suite(.serialized, .enabled(if: hasTmux(), "needs tmux"))
final class DashboardEndToEndTests {
    let tmp = TempDirectory("e2e")
    let dir: String
    let sttyFile: String

    init() throws {
        dir = tmp.sub("demo")
        sttyFile = tmp.sub("stty.txt")
        try WorkspaceStore(directory: dir).create(DemoWorkspace.make(asOf: testAsOf))
    }

    deinit { tmp.cleanup() }

    /// A shell in tmux that runs the dashboard, then records the terminal mode when it ends.
    func start(width: Int = 80, height: Int = 24, extra: String = "") throws -> Tmux {
        let binary = "\(productsDirectory)/partydesk"
        let command = "env TERM=tmux-256color LANG=C.UTF-8 HOME=\(tmp.path) \(binary) --data \(dir) --as-of 2026-11-21 \(extra); "
            + "stty -a > \(sttyFile); echo PARTYDESK-ENDED; sleep 60"
        let tmux = try Tmux(width: width, height: height, command: "bash --norc --noprofile -c '\(command)'")
        try tmux.wait(for: "本季度三会一课完成率")
        return tmux
    }

    /// Framed rows whose right border is not at the last column: (row, border column, line).
    func shortFramedRows(_ screen: [String], width: Int) -> [(Int, Int, String)] {
        screen.enumerated().compactMap { y, line in
            guard y >= 3, y < screen.count - 3, line.hasPrefix("|") || line.hasPrefix("+") else { return nil }
            var col = 0, last = -1
            for ch in line { if ch == "|" || ch == "#" || ch == "+" { last = col }; col += DisplayWidth.of(ch) }
            return last == width - 1 ? nil : (y, last, line)
        }
    }

    /// Every framed row has its borders at column 0 and the last column.
    func checkBorders(_ screen: [String], width: Int, _ label: String) {
        guard screen.count >= 4 else { Issue.record("\(label): no screen"); return }
        for (y, last, line) in shortFramedRows(screen, width: width) {
            Issue.record("\(label) row \(y): right border at \(last), not \(width - 1): \(line)")
        }
    }

    func pid() throws -> Int32? {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["pgrep", "-f", "^\(productsDirectory)/partydesk --data \(dir)"]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return text.split(separator: "\n").compactMap { Int32($0) }.first
    }

    /// After the dashboard ends: normal screen, cooked mode with echo.
    func checkRestored(_ tmux: Tmux, _ label: String) throws {
        try tmux.wait(for: "PARTYDESK-ENDED")
        #expect(try tmux.display("#{alternate_on}") == "0", "\(label): still on the alternate screen")
        let stty = (try? String(contentsOfFile: sttyFile, encoding: .utf8)) ?? ""
        #expect(stty.contains(" icanon") && !stty.contains("-icanon"), "\(label): not in cooked mode: \(stty)")
        #expect(stty.contains(" echo ") && !stty.contains("-echo "), "\(label): echo off")
    }

    @Test func tourOfEveryPaneFilterQuarterResizeAndQuit() throws {
        let tmux = try start()
        #expect(try tmux.display("#{alternate_on}") == "1")
        for pane in Pane.allCases {
            // The first nine by their digit; the rest by Tab from the ninth.
            if pane.number <= 9 { try tmux.keys(String(pane.number)) } else { try tmux.keys("Tab") }
            let screen = try tmux.wait { $0.count > 1 && $0[1].hasPrefix(" \(pane.title(.zh))") && self.shortFramedRows($0, width: 80).isEmpty }
            #expect(screen[1].hasPrefix(" \(pane.title(.zh))"), "pane \(pane): \(screen[1])")
            checkBorders(screen, width: 80, "\(pane)")
        }
        // A branch page and back.
        try tmux.keys("2", "Down", "Down", "Enter")
        var screen = try tmux.wait(for: "考评 2026年")
        #expect(screen[1].contains("党政办公室党支部"))
        try tmux.keys("Escape")
        #expect(try tmux.wait { $0[1].hasPrefix(" 支部") }[1].hasPrefix(" 支部"), "Esc did not go back to the list")
        // A check: the previous quarter's column, Enter.
        try tmux.keys("3", "Left", "Enter")
        screen = try tmux.wait(for: "合计")
        #expect(screen.joined().contains("组织设置规范"))
        try tmux.keys("Escape")
        // Filter rectifications by Chinese text.
        try tmux.keys("5", "/")
        try tmux.type("党费")
        screen = try tmux.wait(for: "/党费_")
        try tmux.keys("Enter")
        screen = try tmux.wait { !$0.joined().contains("/党费_") && $0.joined().contains("/党费") }
        let rows = screen[4..<20].filter { $0.hasPrefix("| zg-") }
        #expect(!rows.isEmpty && rows.allSatisfy { $0.contains("党费") })
        // Previous quarter.
        try tmux.keys("[")
        #expect(try tmux.wait(for: "2026年第3季度")[1].contains("2026年第3季度"), "[ did not go to the previous quarter")
        // Resize: larger, too small (message), back.
        try tmux.resize(width: 120, height: 40)
        // Wait for the whole frame: tmux may show one half-drawn.
        screen = try tmux.wait { $0.count >= 40 && $0[2].count >= 100 && $0[39].contains("示例研究院党委") && self.shortFramedRows($0, width: 120).isEmpty }
        checkBorders(screen, width: 120, "120x40")
        #expect(screen[39].contains("示例研究院党委"))
        try tmux.resize(width: 60, height: 20)
        screen = try tmux.wait { $0.joined().contains("终端窗口太小") && $0.joined().contains("Terminal too small") }
        #expect(screen.joined().contains("Terminal too small"))
        try tmux.resize(width: 80, height: 24)
        screen = try tmux.wait { $0.count > 1 && $0[1].hasPrefix(" 整改") && self.shortFramedRows($0, width: 80).isEmpty }
        checkBorders(screen, width: 80, "back to 80x24")
        // The filter survived the resizes.
        #expect(screen[1].contains("/党费"))
        try tmux.keys("q")
        try checkRestored(tmux, "q")
    }

    /// The first screen is kept for the next session, which shows it while it reads the files and
    /// then what the files say: kept figures that do not match them are replaced on screen and on disk.
    @Test func theFirstScreenIsKeptAndTheFilesHaveTheLastWord() throws {
        usleep(2_100_000)   // the demo's files settle: a file changed in the last 2 s gives no fingerprint
        let folder = tmp.sub(".cache/partydesk")
        /// The kept first screens, by key.
        func kept() -> [String: Any] {
            let file = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).first.map { "\(folder)/\($0)" }
            let object = file.flatMap { try? JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: $0))) } as? [String: Any]
            return object?["entries"] as? [String: Any] ?? [:]
        }
        var tmux = try start()
        // Today's first screen at once, the next days' once worked out behind the session.
        let deadline = Date().addingTimeInterval(20)
        while kept().count < 1 + FirstScreen.daysAhead && Date() < deadline { usleep(100_000) }
        let keys = kept().keys
        #expect(["2026-11-21", "2026-11-22", "2026-11-23", "2026-11-24"].allSatisfy { day in keys.contains { $0.contains(" \(day) ") } }, "\(keys)")
        try tmux.keys("q")
        try checkRestored(tmux, "first session")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder)
        try #require(files.count == 1, "\(files)")
        let path = "\(folder)/\(files[0])"

        // Doctored under the same keys: the next session must end up with the files' figure.
        let alerts = DashboardData(workspace: DemoWorkspace.make(asOf: testAsOf), year: 2026, quarter: 4, asOf: testAsOf, lang: .zh).alerts.count
        var entries = kept()
        for (key, value) in entries {
            guard var screen = value as? [String: Any], var overview = screen["overview"] as? [String: Any] else { continue }
            #expect(!key.contains(" 2026-11-21 ") || overview["alertCount"] as? Int == alerts)
            overview["alertCount"] = 99999
            screen["overview"] = overview
            entries[key] = screen
        }
        try JSONSerialization.data(withJSONObject: ["entries": entries]).write(to: URL(fileURLWithPath: path))
        tmux = try start()
        try tmux.keys("2")   // typed while reading, or just after: the branches pane either way
        var screen = try tmux.wait { $0.count > 1 && $0[1].hasPrefix(" 支部") }
        #expect(screen[1].hasPrefix(" 支部"))
        try tmux.keys("1")
        screen = try tmux.wait(for: "预警 (共 \(alerts) 条)")
        #expect(screen.joined().contains("预警 (共 \(alerts) 条)") && !screen.joined().contains("99999"))
        #expect(try !String(contentsOfFile: path, encoding: .utf8).contains("99999"), "the kept screen is the files' again")
        try tmux.keys("q")
        try checkRestored(tmux, "second session")
    }

    /// The dashboard reads 2026 first; a year back, 2025's ledger is read from disk and shown.
    @Test func anOlderYearIsReadWhenShown() throws {
        let tmux = try start(width: 100, height: 30)
        try tmux.keys("8")
        var screen = try tmux.wait { $0.count > 5 && $0[1].contains("活动 2026年全年") && $0[4].contains("| 2026-") }
        try tmux.keys("{")
        screen = try tmux.wait { $0.count > 5 && $0[1].contains("活动 2025年全年") && $0[4].contains("| 2025-") }
        #expect(screen[4].hasPrefix("| 2025-12"))
        // And forward again, to the year read first.
        try tmux.keys("}")
        screen = try tmux.wait { $0.count > 5 && $0[1].contains("活动 2026年全年") && $0[4].contains("| 2026-") }
        #expect(!screen.joined().contains("失败"))
        try tmux.keys("q")
        try checkRestored(tmux, "years")
    }

    @Test func helpListsThePaneKeys() throws {
        let tmux = try start(width: 100, height: 40)
        try tmux.keys("4", "?")
        // Wait for the whole box: tmux may show a frame half-written.
        let screen = try tmux.wait { s in ["按键: 考评", "年度 / 季度视图", "切换排序", "按其他键关闭"].allSatisfy { s.joined(separator: "\n").contains($0) } }
        let text = screen.joined(separator: "\n")
        #expect(text.contains("年度 / 季度视图") && text.contains("切换排序") && text.contains("退出"))
        try tmux.keys("x", "q")
        try checkRestored(tmux, "help")
    }

    @Test(arguments: [SIGTERM, SIGINT, SIGHUP])
    func stopSignalsRestoreTheTerminal(signal: Int32) throws {
        let tmux = try start()
        let pid = try #require(try pid())
        kill(pid, signal)
        try checkRestored(tmux, "signal \(signal)")
    }

    @Test func reloadPicksUpAChangeOnDiskAndABrokenFileKeepsTheLastData() throws {
        let tmux = try start()
        try tmux.keys("2")
        try tmux.wait(for: "党政办公室党支部")
        // Another program renames a branch.
        let path = "\(dir)/organisation.json"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try text.replacingOccurrences(of: "党政办公室党支部", with: "办公室第一党支部").write(toFile: path, atomically: true, encoding: .utf8)
        try tmux.keys("r")
        var screen = try tmux.wait { $0.joined().contains("办公室第一党支部") && $0.joined().contains("已重新加载") }
        #expect(screen.joined().contains("已重新加载"))
        // A broken file: the last good data stays, the status bar says where the problem is.
        try "{ \"committee\": ".write(toFile: path, atomically: true, encoding: .utf8)
        try tmux.keys("r")
        screen = try tmux.wait(for: "加载失败")
        #expect(screen.joined().contains("办公室第一党支部"))
        #expect(screen.last(where: { !$0.isEmpty })?.contains("organisation.json") == true)
        try tmux.keys("q")
        try checkRestored(tmux, "reload")
    }

    @Test func themesAndABrokenThemeFile() throws {
        let broken = tmp.sub("broken.theme")
        try "text = #FFFFFF\ntitle = #GGGGGG\n".write(toFile: broken, atomically: true, encoding: .utf8)
        let tmux = try start(extra: "--theme \(broken)")
        let screen = try tmux.wait(for: "第 2 行")
        #expect(screen.joined().contains("主题 broken.theme 第 2 行: 颜色 #GGGGGG 无效"))
        try tmux.keys("q")
        try checkRestored(tmux, "broken theme")
        let light = try start(extra: "--theme light")
        #expect(!(try light.screen().joined().contains("主题")))
        try light.keys("q")
        try checkRestored(light, "light theme")
    }

    @Test(arguments: [SIGSEGV, SIGABRT, SIGILL, SIGBUS])
    func aCrashRestoresTheTerminal(signal: Int32) throws {
        let tmux = try start()
        let pid = try #require(try pid())
        kill(pid, signal)
        try checkRestored(tmux, "signal \(signal)")
        #expect(try tmux.screen().joined().contains("terminal was restored"))
    }

    /// The four quarter percentages on a branch's row of the branches pane.
    func quarterFigures(_ screen: [String], branch: String) -> [String] {
        guard let line = screen.first(where: { $0.contains(branch) }) else { return [] }
        return line.split(separator: " ").filter { $0.hasSuffix("%") }.map(String.init)
    }

    func addCommitteeMeeting(_ tmux: Tmux, title: String) throws {
        try tmux.keys("8", "a")
        try tmux.wait(for: "新增活动")
        // kind → 支委会; date → 2026-12-01. (Issue 15: 支委会 is monthly and the demo's 党政办公室 already
        // met October and November, so only a December meeting moves its Q4 figure: 4/5 → 5/5.)
        try tmux.keys("Tab", "Right", "Tab")
        for _ in 0..<10 { try tmux.keys("BSpace") }
        try tmux.type("2026-12-01")
        try tmux.keys("Tab")
        try tmux.type(title)
        try tmux.keys("Enter")
        try tmux.wait(for: "已保存")
    }

    @Test func addAnActivityThroughTheFormSeeTheFigureUndoAndFindItAfterReopening() throws {
        let tmux = try start()
        try tmux.keys("2")
        var screen = try tmux.wait(for: "党政办公室党支部")
        #expect(quarterFigures(screen, branch: "党政办公室党支部").last == "80%")
        try addCommitteeMeeting(tmux, title: "十二月专题支委会")
        try tmux.keys("2")
        screen = try tmux.wait { self.quarterFigures($0, branch: "党政办公室党支部").last == "100%" }
        #expect(quarterFigures(screen, branch: "党政办公室党支部").last == "100%")
        // Undo: the figure goes back.
        try tmux.keys("u")
        try tmux.wait(for: "已撤销")
        screen = try tmux.wait { self.quarterFigures($0, branch: "党政办公室党支部").last == "80%" }
        #expect(quarterFigures(screen, branch: "党政办公室党支部").last == "80%")
        try addCommitteeMeeting(tmux, title: "十二月专题支委会")
        try tmux.keys("q")
        try checkRestored(tmux, "after editing")
        let entries = Journal(directory: dir).entries()
        #expect(entries.map(\.action) == ["add", "delete", "add"])
        #expect(entries.map(\.undo) == [false, true, false])
        // Reopen: still there.
        let again = try start()
        try again.keys("8", "/")
        try again.type("十二月专题")
        screen = try again.wait(for: "十二月专题支委会")
        #expect(screen.contains { $0.contains("2026-12-01") && $0.contains("支委会") && $0.contains("十二月专题支委会") })
        try again.keys("Enter", "q")
        try checkRestored(again, "reopened")
    }

    /// A session that saved keeps its first screen as its saves left it: the next session opens on
    /// it and, the files being the same, finds nothing to correct (the kept file is not rewritten).
    @Test func aSessionThatSavedKeepsItsFirstScreen() throws {
        let folder = tmp.sub(".cache/partydesk")
        /// Today's kept first screen: its key and its figures.
        func keptToday() -> (key: String, screen: NSDictionary)? {
            let file = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).first.map { "\(folder)/\($0)" }
            let object = file.flatMap { try? JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: $0))) } as? [String: Any]
            let entries = object?["entries"] as? [String: Any] ?? [:]
            return entries.first { $0.key.contains(" 2026-11-21 ") }.flatMap { entry in (entry.value as? NSDictionary).map { (entry.key, $0) } }
        }
        let tmux = try start()
        try addCommitteeMeeting(tmux, title: "十二月专题支委会")
        try tmux.wait(for: "已保存")
        usleep(2_200_000)   // the saved file settles (a file changed in the last 2 s gives no fingerprint)
        try tmux.keys("q")
        try checkRestored(tmux, "saved and quit")
        let kept = try #require(keptToday(), "nothing kept")
        let alerts = DashboardData(workspace: try WorkspaceStore(directory: dir).load().workspace, year: 2026, quarter: 4,
                                   asOf: testAsOf, lang: .zh).alerts.count
        #expect((kept.screen["overview"] as? [String: Any])?["alertCount"] as? Int == alerts)
        // The next session opens on it and, the files being those it was kept for, finds nothing to correct.
        let again = try start()
        try again.wait(for: "加载 ")   // read in full by now
        try again.keys("q")
        try checkRestored(again, "reopened")
        let after = try #require(keptToday())
        #expect(after.key == kept.key && after.screen.isEqual(kept.screen), "today's kept first screen was written again: it did not match the files")
    }

    /// The member ledger by keys (issue 18): a member with a Chinese name added through the form (come
    /// in from outside on 1 November), a payment recorded, then a transfer out — each seen on the
    /// screen and in the saved files, with its journal line.
    @Test func addAMemberRecordAPaymentAndTransferThemOut() throws {
        let tmux = try start(width: 100, height: 30)
        try tmux.keys("9")
        try tmux.wait { $0.count > 3 && $0[1].hasPrefix(" 党员") && $0[3].contains("姓名") }
        try tmux.keys("a")
        try tmux.wait(for: "新增党员")
        try tmux.type("欧阳明月")
        for _ in 0..<8 { try tmux.keys("Tab") }           // 联系电话
        try tmux.type("13912345678")
        try tmux.keys("Tab")                              // 入党日期
        try tmux.type("2008-07-01")
        for _ in 0..<3 { try tmux.keys("Tab") }           // 党费类别 → 在职
        try tmux.keys("Right", "Tab")                     // 党费基数
        try tmux.type("4500")
        try tmux.wait(for: "月应交 45.00 元")
        try tmux.keys("Tab", "Tab")                       // 转入自, 转入日期
        try tmux.type("某县委组织部")
        try tmux.keys("Tab")
        try tmux.type("2026-11-01")
        try tmux.keys("Enter")
        try tmux.wait(for: "已保存")
        var ws = try WorkspaceStore(directory: dir).load().workspace
        let added = try #require(ws.members.first { $0.name == "欧阳明月" })
        #expect(added.branchId == "b-office" && added.phone == "13912345678" && added.dues == .inWork(base: 4500))
        #expect(added.transfers == [Transfer(date: Day(iso: "2026-11-01")!, from: .outside("某县委组织部"), to: .branch("b-office"))])
        #expect(try String(contentsOfFile: "\(dir)/members/b-office.json", encoding: .utf8).contains("欧阳明月"))
        // On the roster: found by name, its page says where it came from.
        try tmux.keys("/")
        try tmux.type("欧阳")
        try tmux.keys("Enter")
        var screen = try tmux.wait { $0.count > 4 && $0[4].hasPrefix("| 欧阳明月") }
        #expect(screen[4].contains("党政办公室") && screen[4].contains("正式"), "\(screen[4])")
        try tmux.keys("Enter")
        screen = try tmux.wait(for: "组织关系转接 (1)")
        #expect(screen.joined().contains("2026-11-01  某县委组织部 -> 党政办公室党支部"))
        try tmux.keys("Escape")

        // A payment: this month (the first owed), 45.00 worked out.
        try tmux.keys("p")
        screen = try tmux.wait(for: "交纳党费: 欧阳明月 (月应交 45.00 元)")
        #expect(screen.contains { $0.contains("2026-11") } && screen.contains { $0.contains("45.00") })
        try tmux.keys("Enter")
        try tmux.wait(for: "已保存")
        ws = try WorkspaceStore(directory: dir).load().workspace
        let paid = try #require(ws.duesPayments.first { $0.memberId == added.id })
        #expect(paid.months.map(\.iso) == ["2026-11"] && paid.amount == 45 && paid.paidOn == testAsOf && paid.branchId == "b-office")
        #expect(try String(contentsOfFile: "\(dir)/dues/2026/b-office.json", encoding: .utf8).contains(paid.id))
        try tmux.keys("Enter")
        screen = try tmux.wait(for: "2026年党费")
        #expect(screen.contains { $0.contains("2026-11") && $0.contains("45.00") && $0.contains("已交") }, "\(screen.joined(separator: "\n"))")
        try tmux.keys("Escape")

        // Transfer out: the record stays, listed apart as 转出.
        try tmux.keys("t")
        try tmux.wait(for: "组织关系转接: 欧阳明月")
        try tmux.keys("Right", "Tab", "Tab", "Tab")       // 转出到党委外; 日期, 转入支部 as they are; 转出到
        try tmux.type("市委组织部")
        try tmux.keys("Tab")
        try tmux.type("组转〔2026〕9号")
        try tmux.keys("Enter")
        try tmux.wait(for: "已保存")
        try tmux.wait { $0.contains { $0.contains("欧阳明月") && $0.contains("转出") } }
        ws = try WorkspaceStore(directory: dir).load().workspace
        let out = try #require(ws.members.first { $0.id == added.id })
        #expect(out.leftOn == testAsOf && out.leftReason == .transferredOut && out.branchId == "b-office")
        #expect(out.transfers.last == Transfer(date: testAsOf, from: .branch("b-office"), to: .outside("市委组织部"), letterNumber: "组转〔2026〕9号"))
        #expect(out.transfers.count == 2 && ws.members.filter { $0.name == "欧阳明月" }.count == 1)
        let journal = Journal(directory: dir).entries().suffix(3)
        #expect(journal.map(\.action) == ["add", "add", "update"] && journal.map(\.id) == [added.id, paid.id, added.id])
        try tmux.keys("q")
        try checkRestored(tmux, "member forms")
    }

    /// 发展党员 by keys (issue 19), at 80×24 and 120×40: an applicant with a Chinese name, then three
    /// steps — the talk (held by the branch secretary, by name), 确定为入党积极分子 by the 支委会, 培养联系人
    /// (two committee members, by name) — each seen on the screen and in development/BRANCH.json.
    @Test(arguments: [(80, 24), (120, 40)])
    func anApplicantAndThreeStepsThroughTheForms(size: (Int, Int)) throws {
        let tmux = try start(width: size.0, height: size.1)
        try tmux.keys(":")
        try tmux.type("fzdy")
        try tmux.keys("Enter")
        try tmux.wait { $0.count > 3 && $0[1].hasPrefix(" 发展党员") && $0[3].contains("下一步") }
        try tmux.keys("a")
        try tmux.wait(for: "登记入党申请人")
        try tmux.type("李晓明")
        try tmux.keys("Tab")                               // 支部: found by typing
        try tmux.type("信息工程系学生")
        try tmux.keys("Tab", "Tab")                        // 申请日期 as it is (2026-11-21); 出生日期
        try tmux.type("2001-05-04")
        try tmux.keys("Enter")
        try tmux.wait(for: "已保存")
        func person() throws -> Candidate {
            try #require(try WorkspaceStore(directory: dir).load().workspace.candidates.first { $0.name == "李晓明" })
        }
        #expect(try person().branchId == "b-s-info" && person().birthDate == Day(iso: "2001-05-04") && person().steps.map(\.kind) == [.application])
        try tmux.keys("/")
        try tmux.type("李晓明")
        try tmux.keys("Enter")
        var screen = try tmux.wait { $0.count > 4 && $0[4].hasPrefix("| 李晓明") }
        #expect(screen[4].contains("申请人谈话") && screen[4].contains("2026-12-21"), "\(screen[4])")

        // 1: the talk, held by 王民 (the branch's secretary) the same day.
        try tmux.keys("n")
        try tmux.wait(for: "发展步骤 李晓明")
        try tmux.keys("Tab")                               // 日期 as it is; 谈话人
        try tmux.type("王民")
        try tmux.keys("Enter")
        try tmux.wait(for: "已保存")
        #expect(try person().steps.last == DevelopmentStep(.talk, testAsOf, people: [PersonRef(memberId: "b-s-info-m1", name: "王民")]))

        // 2: 确定为入党积极分子, offered next, by the 支委会 (the branch has one).
        try tmux.keys("n")
        screen = try tmux.wait(for: "< 确定为入党积极分子 >")
        #expect(screen.joined().contains("< 支委会 >"))
        try tmux.keys("Enter")
        try tmux.wait { $0.joined().contains("已保存") && $0.count > 4 && $0[4].contains("入党积极分子") }
        #expect(try person().steps.last == DevelopmentStep(.activistChosen, testAsOf, body: .committee))

        // 3: 培养联系人: the step chosen by typing, two committee members by name.
        try tmux.keys("n")
        try tmux.wait(for: "发展步骤 李晓明")
        try tmux.keys("BTab")
        try tmux.type("培养联系人")
        try tmux.wait(for: "< 指定培养联系人 >")
        try tmux.keys("Tab", "Tab")                        // 日期 as it is; 培养联系人
        try tmux.type("程颖、胡宇")
        try tmux.keys("Enter")
        try tmux.wait(for: "已保存")
        let contacts = try person().steps.last
        #expect(contacts?.kind == .contactsAssigned && contacts?.people.map(\.name) == ["程颖", "胡宇"] && contacts?.people.allSatisfy { $0.memberId != nil } == true)
        let file = try String(contentsOfFile: "\(dir)/development/b-s-info.json", encoding: .utf8)
        #expect(file.contains("李晓明") && file.contains("contactsAssigned"))
        let id = try person().id
        #expect(Journal(directory: dir).entries().filter { $0.id == id }.map(\.action) == ["add", "update", "update", "update"])

        // The timeline.
        try tmux.keys("Enter")
        screen = try tmux.wait(for: "已办步骤 (4)")
        let text = screen.joined(separator: "\n")
        #expect(text.contains("2026-11-21  申请人谈话") && text.contains("王民") && text.contains("程颖、胡宇"), "\(text)")
        checkBorders(screen, width: size.0, "timeline \(size)")
        try tmux.keys("Escape", "q")
        try checkRestored(tmux, "development forms")
    }

    @Test func aSecondDashboardOpensReadOnlyAndSaysWhoEdits() throws {
        let first = try start()
        let secondStty = tmp.sub("stty2.txt")
        let command = "env TERM=tmux-256color LANG=C.UTF-8 HOME=\(tmp.path) USER=李明 \(productsDirectory)/partydesk --data \(dir) --as-of 2026-11-21; "
            + "stty -a > \(secondStty); echo PARTYDESK-ENDED; sleep 60"
        let second = try Tmux(width: 100, height: 30, command: "bash --norc --noprofile -c '\(command)'")
        let screen = try second.wait { $0.joined().contains("只读") && $0.joined().contains("正在编辑") }
        #expect(screen.last(where: { !$0.isEmpty })?.contains("正在编辑") == true)
        // The writing keys do nothing there.
        try second.keys("8", "a")
        usleep(300_000)
        #expect(!(try second.screen().joined().contains("新增活动")))
        try second.keys("q")
        try second.wait(for: "PARTYDESK-ENDED")
        // The first one still edits.
        try first.keys("8", "a")
        #expect(try first.wait(for: "新增活动").joined().contains("新增活动"), "the first dashboard lost its editing keys")
        try first.keys("Escape", "q")
        try checkRestored(first, "first editor")
    }

    @Test func aReadOnlyDashboardTakesTheLockWhenTheEditorQuits() throws {
        let first = try start()
        let command = "env TERM=tmux-256color LANG=C.UTF-8 HOME=\(tmp.path) \(productsDirectory)/partydesk --data \(dir) --as-of 2026-11-21; "
            + "echo PARTYDESK-ENDED; sleep 60"
        let second = try Tmux(width: 100, height: 30, command: "bash --norc --noprofile -c '\(command)'")
        try second.wait { $0.joined().contains("只读") && $0.joined().contains("正在编辑") }
        try first.keys("q")
        try checkRestored(first, "first editor")
        // Within a few seconds, on its own: the status bar says edit, and the writing keys work.
        let quit = Date()
        let screen = try second.wait(seconds: 5) { $0.joined().contains("已取得编辑锁") }
        #expect(Date().timeIntervalSince(quit) < 4.5)
        let status = screen.last(where: { !$0.isEmpty }) ?? ""
        #expect(status.contains("编辑") && !status.contains("只读") && !status.contains("正在编辑"), "\(status)")
        try second.keys("8", "a")
        try second.wait(for: "新增活动")
        try second.keys("Escape", "q")
        try second.wait(for: "PARTYDESK-ENDED")
    }

    @Test func rTakesAFreedLockAtOnce() throws {
        // The lock is held by another process (a script's add-activity, say), then let go.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
        holder.arguments = ["\(dir)/.partydesk.lock", "sleep", "1.5"]
        try holder.run()
        usleep(200_000)
        let command = "env TERM=tmux-256color LANG=C.UTF-8 HOME=\(tmp.path) \(productsDirectory)/partydesk --data \(dir) --as-of 2026-11-21; "
            + "echo PARTYDESK-ENDED; sleep 60"
        let tmux = try Tmux(width: 100, height: 30, command: "bash --norc --noprofile -c '\(command)'")
        try tmux.wait { $0.joined().contains("只读") }
        holder.waitUntilExit()
        try tmux.keys("r")
        try tmux.wait(seconds: 1.5) { $0.joined().contains("已取得编辑锁") }
        #expect(try tmux.screen().joined().contains("已取得编辑锁"))
        try tmux.keys("q")
        try tmux.wait(for: "PARTYDESK-ENDED")
    }

    /// `--read-only`: no writing key does anything and the status bar says 只读; with NO_COLOR the
    /// screen has attributes only, no colour.
    @Test func readOnlyAndNoColorThroughTheRealBinary() throws {
        let command = "env TERM=tmux-256color LANG=C.UTF-8 HOME=\(tmp.path) NO_COLOR=1 \(productsDirectory)/partydesk --data \(dir) --as-of 2026-11-21 --read-only; echo PARTYDESK-ENDED; sleep 60"
        let tmux = try Tmux(width: 80, height: 24, command: "bash --norc --noprofile -c '\(command)'")
        let screen = try tmux.wait(for: "本季度三会一课完成率")
        #expect(screen.last { !$0.isEmpty }?.contains("只读") == true)
        for keys in [["8", "a"], ["e"], ["d"], ["5", "m"], ["u"]] {
            try tmux.keys(keys[0])
            if keys.count > 1 { try tmux.keys(keys[1]) }
            usleep(200_000)
            let text = try tmux.screen().joined()
            #expect(!text.contains("新增活动") && !text.contains("删除活动") && !text.contains("办理整改") && !text.contains("已撤销"), "\(keys)")
        }
        // SGR colour codes (30–38, 40–48, 90–107) never appear; default colours (39, 49), reverse or bold may.
        let raw = try tmux.screenWithEscapes()
        func isColour(_ code: Int) -> Bool { (30...38).contains(code) || (40...48).contains(code) || (90...107).contains(code) }
        let parameters: [String] = raw.components(separatedBy: "\u{1B}[").dropFirst().map { String($0.prefix { $0 != "m" }) }
        let colours: [Int] = parameters.flatMap { $0.split(separator: ";").compactMap { Int($0) } }.filter(isColour)
        #expect(colours.isEmpty, "colour codes under NO_COLOR: \(colours.prefix(5))")
        try tmux.keys("q")
        try tmux.wait(for: "PARTYDESK-ENDED")
    }

    /// `d` deletes the selected activity (asking first), and a change made on disk by another
    /// program under the dashboard is never overwritten: the save is refused, the files are read
    /// again, and the change can be made on them.
    @Test func deleteAndAConflictThroughTheDashboard() throws {
        let tmux = try start()
        try tmux.keys("8")
        let first = try tmux.wait { $0.count > 4 && $0[4].hasPrefix("| 2026-") }[4]
        let title = try #require(WorkspaceStore(directory: dir).load().workspace.activities
            .filter { $0.date.year == 2026 }.sorted { ($0.date, $0.id) > ($1.date, $1.id) }.first)
        #expect(first.contains(title.date.iso))
        try tmux.keys("d")
        try tmux.wait(for: "删除活动")
        try tmux.keys("Right", "Enter")        // 不删除 → 删除 …, then Enter
        try tmux.wait(for: "已保存")
        #expect(try !WorkspaceStore(directory: dir).load().workspace.activities.contains { $0.id == title.id })
        // Another program rewrites the organisation file; the next save through the form is refused.
        var ws = try WorkspaceStore(directory: dir).load().workspace
        ws.organisation.branches[0].name = "另一程序改名的支部"
        try WorkspaceCodec.render(ws)[WorkspacePaths.organisation]!.write(to: URL(fileURLWithPath: "\(dir)/\(WorkspacePaths.organisation)"))
        try tmux.keys("2", "Down", "Down", "e")
        try tmux.wait(for: "修改支部")
        try tmux.keys("End")
        try tmux.type("(改)")
        try tmux.keys("Enter")
        let after = try tmux.wait(for: "已重新加载", seconds: 5)
        #expect(after.joined().contains("其他程序修改") || after.joined().contains("已重新加载"), "\(after.last ?? "")")
        let names = try WorkspaceStore(directory: dir).load().workspace.organisation.branches.map(\.name)
        #expect(names.contains("另一程序改名的支部") && !names.contains { $0.hasSuffix("(改)") })
        try tmux.keys("q")
        try checkRestored(tmux, "after a conflict")
    }
}
