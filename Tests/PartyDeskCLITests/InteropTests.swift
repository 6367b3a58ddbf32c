import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import TestSupport
@testable import PartyModel
@testable import PartyStore

func shell(_ command: String) throws -> Int32 {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/sh")
    p.arguments = ["-c", command]
    try p.run()
    p.waitUntilExit()
    return p.terminationStatus
}

@Suite struct InteropTests {
    @Test(arguments: ["branches", "members", "activities"])
    func exportThenImportGivesIdenticalData(what: String) throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let original = DemoWorkspace.make(asOf: testAsOf)
        try WorkspaceStore(directory: tmp.sub("a")).create(original)
        // The second workspace lost or garbled the records of this kind.
        var damaged = original
        switch what {
        case "branches": for i in damaged.organisation.branches.indices { damaged.organisation.branches[i].secretary = "?"; damaged.organisation.branches[i].fullMembers += 1 }
        case "members": damaged.members = Array(damaged.members.prefix(10))
        default: damaged.activities = damaged.activities.filter { $0.date.year == 2025 }
        }
        let b = WorkspaceStore(directory: tmp.sub("b"))
        try b.create(damaged)
        for encoding in ["utf8-bom", "gb18030"] {
            let csv = tmp.sub("\(what)-\(encoding).csv")
            let export = try runProduct("partydesk", ["export", "--data", tmp.sub("a"), "--what", what, "--out", csv, "--encoding", encoding] + (what == "activities" ? ["--year", "2026"] : []))
            #expect(export.status == 0, "\(export.stderr)")
            let result = try runProduct("partydesk", ["import", "--data", b.directory, "--what", what, csv])
            #expect(result.status == 0, "\(result.stderr)")
        }
        let reloaded = try b.load().workspace
        switch what {
        case "branches": #expect(reloaded.organisation.branches == original.organisation.branches)
        case "members": #expect(Set(reloaded.members.map(\.id)) == Set(original.members.map(\.id)) && reloaded.members.sorted { $0.id < $1.id } == original.members.sorted { $0.id < $1.id })
        // An attendance list and a talk's participants have no column (issue 18): a re-created activity comes back without them.
        default:
            func sheetFields(_ a: Activity) -> Activity { var a = a; a.attendance = nil; a.participants = nil; return a }
            #expect(Set(reloaded.activities.map(sheetFields)) == Set(original.activities.map(sheetFields)))
        }
        // Importing the same file again changes nothing.
        let before = allFilesIn(b.directory)
        let again = try runProduct("partydesk", ["import", "--data", b.directory, "--what", what, tmp.sub("\(what)-utf8-bom.csv")])
        #expect(again.stdout.contains("新增 0, 修改 0"))
        #expect(allFilesIn(b.directory).filter { !$0.key.hasPrefix(".backup") && $0.key != "journal.jsonl" } == before.filter { !$0.key.hasPrefix(".backup") && $0.key != "journal.jsonl" })
    }

    @Test func gb18030SheetWithChineseHeadersInAnyOrderImports() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let store = WorkspaceStore(directory: tmp.sub("ws"))
        try store.create(smallWorkspace())
        let utf8 = tmp.sub("in.csv"), gbk = tmp.sub("gb.csv")
        try """
        召开时间,党支部,会议主题,活动类型,实到人数,应到人数,备注
        2026/3/5,一支部,"学习条例, 第一次",党课,11,12,
        2026年4月8日,b2,主题党日活动,主题党日,5,5,
        20260510,一支部,五月支委会,支委会,3,3,"多行
        备注 (备注可以换行, 标题不可以)"
        """.write(toFile: utf8, atomically: true, encoding: .utf8)
        #expect(try shell("iconv -f UTF-8 -t GB18030 \(utf8) > \(gbk)") == 0)
        let dry = try runProduct("partydesk", ["import", "--data", store.directory, "--what", "activities", gbk, "--dry-run"])
        #expect(dry.status == 0 && dry.stdout.contains("(gb18030): 新增 3"), "\(dry.stdout)\(dry.stderr)")
        #expect(try store.load().workspace.activities.count == 4)      // dry run wrote nothing
        let real = try runProduct("partydesk", ["import", "--data", store.directory, "--what", "activities", gbk])
        #expect(real.status == 0, "\(real.stderr)")
        let ws = try store.load().workspace
        let lesson = try #require(ws.activities.first { $0.title == "学习条例, 第一次" })
        #expect(lesson.branchId == "b1" && lesson.kind == .partyLesson && lesson.date.iso == "2026-03-05" && lesson.attended == 11 && lesson.expected == 12)
        #expect(ws.activities.contains { $0.title == "五月支委会" && $0.notes == "多行\n备注 (备注可以换行, 标题不可以)" && $0.kind == .committeeMeeting && $0.date.iso == "2026-05-10" })
        #expect(ws.activities.contains { $0.branchId == "b2" && $0.kind == .themedPartyDay && $0.date.iso == "2026-04-08" })
        #expect(Journal(directory: store.directory).entries().count == 3)
    }

    @Test func badRowsAreAllReportedAndNothingChanges() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let store = WorkspaceStore(directory: tmp.sub("ws"))
        try store.create(smallWorkspace())
        let file = tmp.sub("bad.csv")
        try """
        日期,支部,标题,类型,实到
        2026/13/01,一支部,坏日期,党课,3
        2026-05-01,三支部,没有这个支部,党课,3
        2026-05-02,一支部,好的一行,党课,3
        2026-05-03,一支部,,党课,三
        """.write(toFile: file, atomically: true, encoding: .utf8)
        let before = allFilesIn(store.directory)
        let result = try runProduct("partydesk", ["import", "--data", store.directory, "--what", "activities", file])
        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.contains("\(file):2: 列 日期: 无法识别的日期 \"2026/13/01\""))
        #expect(lines.contains { $0.hasPrefix("\(file):3: 列 支部: 找不到支部 \"三支部\"") })
        #expect(lines.contains("\(file):5: 列 标题: 必填, 不能为空"))
        #expect(lines.contains("\(file):5: 列 实到: 不是有效的数字 \"三\""))
        #expect(result.stderr.contains("共 4 处问题, 未导入任何记录"))
        #expect(allFilesIn(store.directory) == before)
    }

    static let hostile = ["=HYPERLINK(\"http://x\",\"点击\")", "=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)", "\t=1+1"]

    @Test(arguments: ["utf8-bom", "utf8", "gb18030"])
    func formulaTextIsNeutralisedAndComesBackExactly(encoding: String) throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        var a = smallWorkspace()
        let day = Day(year: 2026, month: 5, day: 6)!
        // A title holds no control character (DESIGN §6): the one beginning with TAB goes in the notes,
        // where tabs belong.
        for (i, text) in Self.hostile.enumerated() {
            let tab = text.hasPrefix("\t")
            a.activities.append(Activity(id: "x\(i + 1)", branchId: "b1", kind: .partyLesson, date: day, title: tab ? "制表符开头的备注" : text,
                                         notes: tab ? text : nil))
        }
        // Numbers stay numbers, negative ones too (a deduction as written by another tool).
        a.activities.append(Activity(id: "n1", branchId: "b1", kind: .talk, date: day, title: "扣分", hours: -2, attended: 3, expected: 4))
        a.activities.append(Activity(id: "n2", branchId: "b1", kind: .talk, date: day, title: "扣半分", hours: -0.5))
        a.organisation.branches[1].name = Self.hostile[0]
        let storeA = WorkspaceStore(directory: tmp.sub("a"))
        try storeA.create(a)
        // B: the same without the hostile titles and with b2's old name: the import brings them.
        var b = a
        b.activities.removeAll { $0.id.hasPrefix("x") }
        b.organisation.branches[1].name = "二支部"
        let storeB = WorkspaceStore(directory: tmp.sub("b"))
        try storeB.create(b)

        // Branches first: the activities sheet names b2 by its new (hostile) name, which B knows once it has the branches.
        for what in ["branches", "activities"] {
            let csv = tmp.sub("\(what).csv")
            let export = try runProduct("partydesk", ["export", "--data", storeA.directory, "--what", what, "--out", csv, "--encoding", encoding])
            #expect(export.status == 0, "\(export.stderr)")
            let bytes = try #require(FileManager.default.contents(atPath: csv))
            let (text, found) = try #require(TextEncoding.decode(bytes))
            #expect(found.rawValue == encoding)
            let rows = try CSV.parse(text)
            if what == "activities" {
                // Branch, Kind, Date, Title, Place, Host, Hours, Attended, Expected, Group, Lecturer,
                // Notes, Id (last, issue 14): each hostile title begins with the mark.
                for (i, text) in Self.hostile.enumerated() {
                    let row = try #require(rows.first { $0.fields.last == "x\(i + 1)" })
                    #expect(row.fields[text.hasPrefix("\t") ? 11 : 3] == "'" + text)
                }
                let deduction = try #require(rows.first { $0.fields.last == "n1" })
                #expect(deduction.fields[6] == "-2" && deduction.fields[7] == "3")
                #expect(rows.first { $0.fields.last == "n2" }?.fields[6] == "-0.5")
                #expect(text.contains("\r\n一支部,谈心谈话,2026-05-06,扣分,,,-2,3,4,,,,n1\r\n"))
                #expect(text.contains(",\"'=HYPERLINK(\"\"http://x\"\",\"\"点击\"\")\","))
            } else {
                // 类型, 支部名称, …, 编号 (last).
                #expect(rows.first { $0.fields.last == "b2" }?.fields[1] == "'" + Self.hostile[0])
            }
            // Into A again: nothing changes, not a byte.
            let keep = { (files: [String: Data]) in files.filter { !$0.key.hasPrefix(".backup") && $0.key != "journal.jsonl" && $0.key != ".partydesk.lock" } }
            let before = keep(allFilesIn(storeA.directory))
            let again = try runProduct("partydesk", ["import", "--data", storeA.directory, "--what", what, csv])
            #expect(again.status == 0 && again.stdout.contains("新增 0, 修改 0"), "\(again.stdout)\(again.stderr)")
            #expect(keep(allFilesIn(storeA.directory)) == before)
            // Into B: the values arrive exactly as A holds them.
            let into = try runProduct("partydesk", ["import", "--data", storeB.directory, "--what", what, csv])
            #expect(into.status == 0, "\(into.stderr)")
        }
        let reloaded = try storeB.load().workspace
        #expect(reloaded.organisation.branches == a.organisation.branches)
        #expect(Set(reloaded.activities) == Set(a.activities))
        for (i, text) in Self.hostile.enumerated() {
            let activity = reloaded.activities.first { $0.id == "x\(i + 1)" }
            let field = text.hasPrefix("\t") ? activity?.notes : activity?.title
            #expect(Array((field ?? "").utf8) == Array(text.utf8))
        }
    }

    @Test func theMarkIsAddedToTextOnlyAndTakenOffExactly() throws {
        // Worked by hand: the first character decides; apostrophes already there get one more.
        let cases: [(String, String)] = [("=1", "'=1"), ("+1", "'+1"), ("-2+3", "'-2+3"), ("@A", "'@A"), ("\t=1", "'\t=1"), ("\r=1", "'\r=1"),
                                         ("'=1", "''=1"), ("''+x", "'''+x"), ("'abc", "'abc"), ("a=1", "a=1"), ("", ""), ("'", "'"), ("支部-2", "支部-2")]
        for (text, written) in cases {
            #expect(CSV.neutralised(text) == written, "\(text)")
            #expect(CSV.unneutralised(written) == text, "\(text)")
        }
        #expect(CSV.unneutralised("'-2") == "-2" && CSV.unneutralised("-2") == "-2")
        let row: [CSV.Cell] = [.number(-2), .number(-0.5), .text("-2"), .number(formatted: "-2+3"), .number(formatted: "85.50")]
        #expect(CSV.render([row]) == "-2,-0.5,'-2,'-2+3,85.50\r\n")
    }

    @Test func anUnclosedQuoteNamesTheLineItBeganOnAndNothingIsImported() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let store = WorkspaceStore(directory: tmp.sub("ws"))
        try store.create(smallWorkspace())
        let file = tmp.sub("open-quote.csv")
        // Line 3's title opens a quote it never closes; line 5 has a quoted cell of its own.
        try """
        日期,支部,标题,类型
        2026-05-01,一支部,第一次,党课
        2026-05-02,一支部,"忘了关引号,党课
        2026-05-03,一支部,第三次,党课
        2026-05-04,一支部,"第四次",党课
        2026-05-05,一支部,第五次,党课
        """.write(toFile: file, atomically: true, encoding: .utf8)
        let before = allFilesIn(store.directory)
        for extra in [["--dry-run"], []] {
            let result = try runProduct("partydesk", ["import", "--data", store.directory, "--what", "activities", file] + extra)
            #expect(result.status == 1)
            #expect(result.stderr.contains("\(file):3: 从这一行开始的带引号的单元格没有结束引号"), "\(result.stderr)")
            #expect(!result.stdout.contains("新增"))
        }
        let english = try runProduct("partydesk", ["import", "--data", store.directory, "--what", "activities", file, "--lang", "en"])
        #expect(english.stderr.contains("\(file):3: the quoted cell that begins on this line has no closing quote"))
        #expect(allFilesIn(store.directory) == before)
        // At the end of the text too, and a quote closed then followed by text.
        #expect(throws: CSV.ParseError(line: 2)) { try CSV.parse("a,b\r\nc,\"d\r\ne,f\r\n") }
        #expect(throws: CSV.ParseError(line: 1)) { try CSV.parse("\"ab\"c,d\n") }
        let parsed = try CSV.parse("a,\"b\"\"c\r\nd\",e\n\n\"\",f")
        #expect(parsed.map(\.line) == [1, 4])
        #expect(parsed.map(\.fields) == [["a", "b\"c\r\nd", "e"], ["", "f"]])
    }

    @Test func exportsOpenInExcelAndQuoteProperly() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let store = WorkspaceStore(directory: tmp.sub("ws"))
        try store.create(smallWorkspace())
        for what in ["branches", "members", "activities", "checks", "rectifications", "scores", "compliance", "alerts"] {
            let out = tmp.sub("\(what).csv")
            let r = try runProduct("partydesk", ["export", "--data", store.directory, "--what", what, "--out", out, "--as-of", "2026-11-21"])
            #expect(r.status == 0, "\(what): \(r.stderr)")
            let data = try #require(FileManager.default.contents(atPath: out))
            #expect(data.starts(with: [0xEF, 0xBB, 0xBF]), "\(what) has no BOM")
            let text = String(decoding: data.dropFirst(3), as: UTF8.self)
            #expect(text.hasSuffix("\r\n"))
            #expect(try CSV.parse(text).first?.fields.allSatisfy { !$0.isEmpty } == true)
        }
        let activities = String(decoding: FileManager.default.contents(atPath: tmp.sub("activities.csv"))!.dropFirst(3), as: UTF8.self)
        #expect(activities.contains(",\"党课 \"\"引号\"\", 逗号\","))
        #expect(activities.contains(",\"讲稿\n换行\""))
        let english = try runProduct("partydesk", ["export", "--data", store.directory, "--what", "activities", "--out", tmp.sub("en.csv"), "--lang", "en", "--encoding", "utf8"])
        #expect(english.status == 0)
        #expect(String(decoding: FileManager.default.contents(atPath: tmp.sub("en.csv"))!, as: UTF8.self).hasPrefix("Branch,Kind,Date,Title,Place,Host,Hours,Attended,Expected,Group,Lecturer,Notes,Id\r\n"))
    }

    @Test func reportIsWellFormedAndCarriesTheScores() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let dir = tmp.sub("demo")
        try WorkspaceStore(directory: dir).create(DemoWorkspace.make(asOf: testAsOf))
        let html = tmp.sub("report.html")
        #expect(try runProduct("partydesk", ["report", "--data", dir, "--year", "2026", "--out", html, "--as-of", "2026-11-21"]).status == 0)
        let data = try #require(FileManager.default.contents(atPath: html))
        // Parsed by an XML parser: every tag closed, every entity escaped.
        final class Counter: NSObject, XMLParserDelegate {
            var tags: [String: Int] = [:]
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
                tags[name, default: 0] += 1
            }
        }
        let text = String(decoding: data, as: UTF8.self)
        let parser = XMLParser(data: Data(text.replacingOccurrences(of: "<!DOCTYPE html>\n", with: "").utf8))
        let counter = Counter()
        parser.delegate = counter
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        #expect((counter.tags["svg"] ?? 0) == 3 && (counter.tags["table"] ?? 0) >= 4)
        // No external assets of any scheme: nothing is fetched (the namespaces' URIs are names, not fetches).
        for fetch in ["src=", "href=", "url(", "@import", "<link", "<img", "<iframe"] { #expect(!text.contains(fetch), "\(fetch)") }
        let uris = text.components(separatedBy: "http").dropFirst().map { String($0.prefix(30)) }
        #expect(uris.allSatisfy { $0.hasPrefix("://www.w3.org/") }, "\(uris)")
        #expect(!text.contains("<link") && !text.contains("<script"))
        // The figures `partydesk scores` prints are in it.
        let scores = try runProduct("partydesk", ["scores", "--data", dir, "--year", "2026", "--as-of", "2026-11-21", "--format", "json"])
        let json = try JSONSerialization.jsonObject(with: Data(scores.stdout.utf8)) as! [String: Any]
        for row in json["branches"] as! [[String: Any]] {
            let total = String(format: "%.2f", row["total"] as! Double)
            #expect(text.contains("<td>\(row["name"] as! String)</td>") && text.contains(">\(total)</td>"), "\(row["name"]!) \(total)")
        }
        #expect(text.contains(String(format: "%.2f", (json["summary"] as! [String: Any])["mean"] as! Double)))
        let md = tmp.sub("report.md")
        #expect(try runProduct("partydesk", ["report", "--data", dir, "--out", md, "--format", "md", "--as-of", "2026-11-21"]).status == 0)
        let markdown = try String(contentsOfFile: md, encoding: .utf8)
        #expect(markdown.contains("## 考评得分") && markdown.contains("| 排名 | 支部 |"))
    }
}

@Suite struct RowNumberIsNoIdTests {
    /// Two sheets of two branches, each numbered 1, 2 in a 序号 column: the second adds its own two
    /// activities and changes none of the first's (序号 used to be read as the id).
    @Test func aRowNumberColumnNeverMatchesRecords() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let store = WorkspaceStore(directory: tmp.sub("ws"))
        try store.create(smallWorkspace())
        func sheet(_ branch: String, _ titles: [String]) throws -> String {
            let path = tmp.sub("\(branch).csv")
            let rows = titles.enumerated().map { "\($0.offset + 1),\(branch),党课,2026-06-0\($0.offset + 1),\($0.element)" }
            try Data((["序号,支部,类型,日期,标题"] + rows).joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: path))
            return path
        }
        for (branch, titles) in [("b1", ["一支部党课甲", "一支部党课乙"]), ("b2", ["二支部党课甲", "二支部党课乙"])] {
            let r = try runProduct("partydesk", ["import", "--data", store.directory, "--what", "activities", try sheet(branch, titles)])
            #expect(r.status == 0 && r.stdout.contains("新增 2, 修改 0"), "\(r.stdout)\(r.stderr)")
        }
        let ws = try store.load().workspace
        for title in ["一支部党课甲", "一支部党课乙", "二支部党课甲", "二支部党课乙"] {
            #expect(ws.activities.filter { $0.title == title }.count == 1, "\(title)")
        }
        #expect(ws.activities.first { $0.title == "一支部党课甲" }?.branchId == "b1")
    }
}

@Suite struct ImportSaysWhatItDoesTests {
    /// The dry run names each record it would add or change — a change with its fields before →
    /// after — and the columns it does not read; the import says the same once it has saved.
    @Test func everyRecordAndEveryIgnoredColumnIsNamed() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let store = WorkspaceStore(directory: tmp.sub("ws"))
        try store.create(smallWorkspace())
        let path = tmp.sub("sheet.csv")
        try Data("""
        序号,编号,支部,类型,日期,标题,地点,主持人
        1,a1,一支部,支部党员大会,2025-12-30,年终党员大会(改),会议室,张三
        2,,二支部,党课,2026-06-01,六月党课,会议室,赵六
        """.utf8).write(to: URL(fileURLWithPath: path))
        let dry = try runProduct("partydesk", ["import", "--data", store.directory, "--what", "activities", path, "--dry-run"])
        #expect(dry.status == 0, "\(dry.stderr)")
        let lines = dry.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains("忽略的列: 序号"), "\(dry.stdout)")
        #expect(lines.contains("  修改 a1  一支部  2025-12-30  支部党员大会  年终党员大会(改)  (标题: 年终党员大会 → 年终党员大会(改); 地点: — → 会议室; 主持人: — → 张三)"), "\(dry.stdout)")
        #expect(lines.contains { $0.hasPrefix("  新增 a2026-") && $0.hasSuffix("  二支部  2026-06-01  党课  六月党课") }, "\(dry.stdout)")
        #expect(try store.load().workspace.activities.count == 4)        // the dry run wrote nothing
        let real = try runProduct("partydesk", ["import", "--data", store.directory, "--what", "activities", path])
        #expect(real.status == 0 && real.stdout == dry.stdout, "\(real.stdout)\(real.stderr)")
        #expect(try store.load().workspace.activities.count == 5)
    }
}

/// Every sheet PartyDesk writes is for people (issue 14): on the demo, no visible column holds an id
/// (the id, where a sheet has one, is its last column), every code is a word, and no figure carries
/// more than 2 decimals.
@Suite struct ReadableExportTests {
    static let idShapes = ["b-", "gb-", "chk-", "zg-", "a2025-", "a2026-", "m-"]

    @Test func exportsNameThingsAndRoundFigures() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let dir = tmp.sub("demo")
        #expect(try runProduct("partydesk", ["demo", dir, "--as-of", "2026-11-21"]).status == 0)
        let demo = try WorkspaceStore(directory: dir).load().workspace
        let ids = Set(demo.organisation.branches.map(\.id) + demo.organisation.generalBranches.map(\.id) + demo.checks.map(\.id)
                      + demo.rectifications.map(\.id) + demo.members.map(\.id) + demo.activities.map(\.id))
        let codes = Set(["team", "orgLife", "politics", "role", "masses", "secretary", "member", "full", "probationary", "partyLesson", "generalMeeting"])
        for what in ["branches", "members", "activities", "checks", "rectifications", "scores", "compliance", "alerts"] {
            let out = tmp.sub("\(what).csv")
            let r = try runProduct("partydesk", ["export", "--data", dir, "--what", what, "--out", out, "--as-of", "2026-11-21", "--encoding", "utf8"])
            #expect(r.status == 0, "\(r.stderr)")
            var rows = try CSV.parse(String(decoding: try Data(contentsOf: URL(fileURLWithPath: out)), as: UTF8.self)).map(\.fields)
            // The members' sheet says first that it holds personal data (a line above the header).
            if what == "members" { #expect(rows.first?.first?.contains("个人信息") == true); rows.removeFirst() }
            let header = try #require(rows.first)
            let idLast = header.last == "编号"
            for row in rows.dropFirst() {
                for (i, cell) in row.enumerated() where !(idLast && i == row.count - 1) && header[i] != "代码" {
                    #expect(!ids.contains(cell), "\(what): \(header[i]) shows the id \(cell)")
                    #expect(!codes.contains(cell), "\(what): \(header[i]) shows the code \(cell)")
                    if let dot = cell.firstIndex(of: "."), Double(cell) != nil {
                        #expect(cell.distance(from: dot, to: cell.endIndex) <= 3, "\(what): \(header[i]) = \(cell)")
                    }
                }
            }
            #expect(header.allSatisfy { $0.unicodeScalars.contains { $0.value > 0x2E80 } || $0.hasPrefix("Q") }, "\(what): \(header)")
        }
        let rectifications = try CSV.parse(String(decoding: try Data(contentsOf: URL(fileURLWithPath: tmp.sub("rectifications.csv"))), as: UTF8.self))
        let row = try #require(rectifications.dropFirst().first?.fields)
        #expect(row[1].hasSuffix("季度检查") && row[2].hasSuffix("强"), "\(row)")
    }
}
