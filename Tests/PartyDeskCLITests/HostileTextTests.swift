import Foundation
import Testing
import TestSupport
@testable import PartyModel
@testable import PartyStore
import PartyTUI

/// Text that would drive a terminal, stored in the ledger and printed by every path: nothing of it
/// reaches stdout, stderr or the screen as a control sequence (DESIGN §6).
@Suite(.serialized) final class HostileTextTests {
    static let osc = "A\u{1B}]52;c;aGVsbG8=\u{07}\u{1B}]0;PWNED\u{07}\u{1B}[2J"
    static let bells = "铃\u{07}空\u{0}中\u{9B}31m尾"
    static let bidi = "支部\u{202E}cba\u{2066}隔\u{2069}"
    static let hostile = [osc, bells, bidi]

    let tmp = TempDirectory("hostile")
    let dir: String
    let badDateDir: String

    init() throws {
        dir = tmp.sub("ws")
        badDateDir = tmp.sub("bad-date")
        var ws = DemoWorkspace.make(asOf: testAsOf)
        ws.organisation.branches[0].name = Self.osc
        ws.organisation.branches[0].secretary = Self.bells
        ws.organisation.branches[1].name = Self.bidi
        ws.organisation.branches[2].name = Self.bells
        ws.organisation.branches[3].name = "家👨‍👩‍👧旗🇨🇳心❤️键1️⃣尾"   // measured 2 each; drawn simplified where ncurses would differ
        let branch = ws.organisation.branches[0].id
        if let i = ws.activities.firstIndex(where: { $0.branchId == branch }) { ws.activities[i].title = Self.osc }
        if let i = ws.rectifications.firstIndex(where: { $0.branchId == branch }) { ws.rectifications[i].description = Self.osc }
        try WorkspaceStore(directory: dir).create(ws)
        // A change in the journal whose fields carry the same text (as a hand-edited line could).
        let line: [String: Any] = ["time": "2026-11-20T10:00:00+08:00", "user": Self.osc, "host": Self.bells, "action": "add",
                                   "entity": "activity", "id": Self.bidi, "branchId": Self.osc, "undo": false]
        var data = try JSONSerialization.data(withJSONObject: line, options: [.sortedKeys])
        data.append(0x0A)
        try data.write(to: URL(fileURLWithPath: "\(dir)/journal.jsonl"))

        // The same workspace with a date value carrying the escapes: it does not load, and says where.
        try WorkspaceStore(directory: badDateDir).create(DemoWorkspace.make(asOf: testAsOf))
        let file = try #require(allFilesIn(badDateDir).keys.sorted().first { $0.hasPrefix("activities/2026/") })
        let path = "\(badDateDir)/\(file)"
        var text = try String(contentsOfFile: path, encoding: .utf8)
        let range = try #require(text.range(of: "\"date\" : \"2026-"))
        text.replaceSubrange(range, with: "\"date\" : \"\\u001b]0;PWNED\\u0007\\u009b2J2026-")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    deinit { tmp.cleanup() }

    /// The code points that must never come from the data: C0 but line breaks, DEL, C1, bidi controls.
    static func unsafe(_ text: String, allowingSGR: Bool = false) -> [String] {
        var found: [String] = []
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let v = scalars[i].value
            if allowingSGR, v == 0x1B, i + 1 < scalars.count, scalars[i + 1] == "[" {
                // tmux's own attributes: ESC [ digits ; … m
                var j = i + 2
                while j < scalars.count, "0123456789;:".unicodeScalars.contains(scalars[j]) { j += 1 }
                if j < scalars.count, scalars[j] == "m" { i = j + 1; continue }
            }
            if v != 0x0A && TerminalText.isUnsafe(v) { found.append("U+\(String(v, radix: 16)) at \(i)") }
            i += 1
        }
        return found
    }

    func expectClean(_ arguments: [String], status: Int32? = 0, _ label: String? = nil) throws -> ProcessResult {
        let result = try runProduct("partydesk", arguments, environment: ["HOME": tmp.path])
        let name = label ?? arguments.prefix(3).joined(separator: " ")
        if let status { #expect(result.status == status, "\(name): \(result.stderr)") }
        #expect(Self.unsafe(result.stdout).isEmpty, "\(name) stdout: \(Self.unsafe(result.stdout).prefix(5))")
        #expect(Self.unsafe(result.stderr).isEmpty, "\(name) stderr: \(Self.unsafe(result.stderr).prefix(5))")
        return result
    }

    @Test func everyTextCommandShowsTheControlsVisibly() throws {
        let common = ["--data", dir]
        for command in ["summary", "compliance", "checks", "rectifications", "alerts", "scores"] {
            let asOf = command == "summary" ? [] : ["--as-of", "2026-11-21"]
            for format in ["text", "json"] {
                let r = try expectClean([command] + common + asOf + ["--format", format], "\(command) --format \(format)")
                if format == "text" && (command == "scores" || command == "compliance") {
                    #expect(r.stdout.contains("A^[]52;c;a"), "\(command) does not show the name visibly")
                }
            }
            // CSV into a pipe is a sheet: the exact text (formulas aside), shown visibly only on a terminal (below).
            if command != "summary" {
                let csv = try runProduct("partydesk", [command] + common + asOf + ["--format", "csv"])
                #expect(csv.status == 0)
                #expect(command != "scores" || csv.stdout.contains(Self.osc))
            }
        }
        let scores = try expectClean(["scores"] + common + ["--format", "json"])
        #expect(scores.stdout.contains(try String(decoding: JSONEncoder().encode(Self.osc), as: UTF8.self).dropFirst().dropLast()))
        // The journal, in text and as its own JSON lines.
        let journal = try expectClean(["journal", "--data", dir])
        #expect(journal.stdout.contains("A^[]52;c;aGVsbG8=^G^[]0;PWNED^G^[[2J@铃^G空^@中<U+009B>31m尾"))
        let journalJSON = try expectClean(["journal", "--data", dir, "--format", "json"])
        let decoded = try JSONSerialization.jsonObject(with: Data(journalJSON.stdout.utf8)) as? [String: Any]
        #expect(decoded?["user"] as? String == Self.osc)
        #expect(decoded?["id"] as? String == Self.bidi)
        // validate names every field with its control character, visibly.
        let validate = try expectClean(["validate", "--data", dir], status: 1)
        #expect(validate.stdout.contains("branches[0].name"))
        #expect(validate.stdout.contains("^[ (U+001B)"))
        #expect(validate.stdout.contains("<U+202E> (U+202E)"))
    }

    @Test func aDateWithEscapesIsALoadErrorShownVisibly() throws {
        for command in [["validate"], ["summary"], ["scores"], ["alerts", "--format", "json"]] {
            let r = try expectClean(command + ["--data", badDateDir], status: 1, command.joined(separator: " "))
            #expect(r.stdout.contains("^[]0;PWNED^G<U+009B>2J2026-") || r.stderr.contains("^[]0;PWNED^G<U+009B>2J2026-"),
                    "\(command): \(r.stdout)\(r.stderr)")
        }
    }

    @Test func inputRefusesControlCharactersNamingTheField() throws {
        let before = allFilesIn(dir)
        let branch = try WorkspaceStore(directory: dir).load().workspace.organisation.branches[4].id
        let add = try expectClean(["add-activity", "--data", dir, "--branch", branch, "--kind", "training", "--date", "2026-11-20",
                                   "--title", Self.osc], status: 1)
        #expect(add.stderr.contains("title"), "\(add.stderr)")
        #expect(add.stderr.contains("^[ (U+001B)"))
        let date = try expectClean(["add-activity", "--data", dir, "--branch", branch, "--kind", "training", "--date", "2026-11-20\u{1B}[2J",
                                    "--title", "培训"], status: 2)
        #expect(date.stderr.contains("2026-11-20^[[2J"))
        // An import row with a control character in its title is refused, naming the line and the column.
        let csv = tmp.sub("import.csv")
        try Data("支部编号,类型,日期,标题\n\(branch),training,2026-11-20,好标题\n\(branch),training,2026-11-19,坏\u{1B}]0;X\u{07}标题\n".utf8)
            .write(to: URL(fileURLWithPath: csv))
        let imported = try expectClean(["import", "--data", dir, "--what", "activities", csv], status: 1)
        #expect(imported.stderr.contains("import.csv:3"), "\(imported.stderr)")
        #expect(imported.stderr.contains("^[ (U+001B)"), "\(imported.stderr)")
        #expect(allFilesIn(dir).filter { $0.key != ".partydesk.lock" } == before.filter { $0.key != ".partydesk.lock" })
    }

    @Test func theMarkdownAndHTMLReportsEscapeMarkup() throws {
        var ws = try WorkspaceStore(directory: dir).load().workspace
        ws.organisation.branches[4].name = "<script>alert(1)</script>[点我](javascript:x)"
        let other = tmp.sub("markup")
        try WorkspaceStore(directory: other).create(ws)
        for format in ["md", "html"] {
            let out = tmp.sub("report.\(format)")
            _ = try expectClean(["report", "--data", other, "--year", "2026", "--as-of", "2026-11-21", "--format", format, "--out", out])
            let text = try String(contentsOfFile: out, encoding: .utf8)
            #expect(!text.contains("<script>"), "\(format)")
            #expect(text.contains("&lt;script&gt;"), "\(format)")
            #expect(Self.unsafe(text).isEmpty, "\(format)")
            if format == "md" { #expect(text.contains("\\[点我\\](javascript:x)")) }
        }
    }

    // MARK: The dashboard and the wall display in tmux

    func framedRowsWithoutRightBorder(_ screen: [String], width: Int) -> [String] {
        screen.enumerated().compactMap { y, line in
            guard y >= 1, y < screen.count - 2, line.hasPrefix("|") else { return nil }
            var col = 0, last = -1
            for ch in line { if ch == "|" || ch == "#" || ch == "+" { last = col }; col += DisplayWidth.of(ch) }
            return last == width - 1 ? nil : "row \(y): \(line)"
        }
    }

    func checkScreen(_ tmux: Tmux, width: Int, _ label: String) throws {
        let raw = try tmux.screenWithEscapes()
        #expect(Self.unsafe(raw, allowingSGR: true).isEmpty, "\(label): \(Self.unsafe(raw, allowingSGR: true).prefix(5))")
        let screen = try tmux.screen()
        for problem in framedRowsWithoutRightBorder(screen, width: width) { Issue.record("\(label) \(problem)") }
        #expect(try tmux.display("#{pane_title}") != "PWNED", "\(label): the title was set")
        #expect(try tmux.command("list-buffers").isEmpty, "\(label): a tmux buffer was set")
    }

    @Test(.enabled(if: hasTmux(), "needs tmux"))
    func theDashboardShowsTheNamesVisiblyAndKeepsItsBorders() throws {
        for (width, height) in [(80, 24), (120, 40)] {
            let command = "env TERM=tmux-256color LANG=C.UTF-8 HOME=\(tmp.path) \(productsDirectory)/partydesk --data \(dir) --as-of 2026-11-21 --read-only; sleep 60"
            let tmux = try Tmux(width: width, height: height, command: "bash --norc --noprofile -c '\(command)'")
            try tmux.command("set-option", "-g", "set-clipboard", "on")
            try tmux.command("set-option", "-g", "allow-rename", "on")
            try tmux.wait(for: "本季度三会一课完成率")
            try checkScreen(tmux, width: width, "\(width)x\(height) overview")
            for pane in ["2", "3", "4", "5", "6", "7", "8"] {
                try tmux.keys(pane)
                if ["2", "3", "4"].contains(pane) {   // the panes that list every branch on their first page
                    let screen = try tmux.wait(seconds: 3) { $0.joined().contains("A^[]52;c;") && $0.joined().contains("支部<U+202E>") }
                    #expect(screen.joined().contains("A^[]52;c;"), "pane \(pane) does not show the name visibly")
                } else {
                    usleep(300_000)
                }
                try checkScreen(tmux, width: width, "\(width)x\(height) pane \(pane)")
            }
            // `?` help, and a CSV report printed on the terminal itself.
            try tmux.keys("?")
            usleep(300_000)
            try checkScreen(tmux, width: width, "\(width)x\(height) help")
            try tmux.keys("q")
        }
    }

    @Test(.enabled(if: hasTmux(), "needs tmux"))
    func aCSVPrintedOnATerminalShowsTheControls() throws {
        let command = "\(productsDirectory)/partydesk scores --data \(dir) --as-of 2026-11-21 --format csv; echo CSV-ENDED; sleep 60"
        let tmux = try Tmux(width: 200, height: 50, command: "bash --norc --noprofile -c '\(command)'")
        try tmux.command("set-option", "-g", "set-clipboard", "on")
        let screen = try tmux.wait(for: "CSV-ENDED")
        #expect(screen.joined().contains("A^[]52;c;aGVsbG8=^G^[]0;PWNED^G^[[2J"))
        let raw = try tmux.screenWithEscapes()
        #expect(Self.unsafe(raw, allowingSGR: true).isEmpty)
        #expect(try tmux.display("#{pane_title}") != "PWNED")
        #expect(try tmux.command("list-buffers").isEmpty)
    }

    @Test(.enabled(if: hasTmux(), "needs tmux"))
    func theWallDisplayShowsTheNamesVisiblyAndKeepsItsBorders() throws {
        let command = "env TERM=tmux-256color LANG=C.UTF-8 HOME=\(tmp.path) \(productsDirectory)/partydesk display --data \(dir) --as-of 2026-11-21 --rotate 100; sleep 60"
        let tmux = try Tmux(width: 100, height: 30, command: "bash --norc --noprofile -c '\(command)'")
        try tmux.command("set-option", "-g", "set-clipboard", "on")
        try tmux.wait { $0.joined().contains("数据更新于") }
        var sawName = false
        for page in 0..<6 {
            try checkScreen(tmux, width: 100, "display page \(page)")
            let shown = try tmux.screen().joined()
            sawName = sawName || shown.contains("^[")
            try tmux.keys("Right")
            usleep(300_000)
        }
        #expect(sawName, "no page showed the hostile branch name")
    }
}
