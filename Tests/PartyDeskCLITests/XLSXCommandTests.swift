import Foundation
import Testing
import TestSupport
@testable import PartyModel
@testable import PartyStore

/// The committed workbook fixtures (Tests/Fixtures/sheets; see make.py there).
private func sheetFixture(_ name: String) -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/sheets/\(name)").path
}

/// `partydesk import` and `export` with workbooks, through the real binary.
@Suite struct XLSXCommandTests {
    func demo(_ tmp: TempDirectory) throws -> String {
        let dir = tmp.sub("ws")
        try WorkspaceStore(directory: dir).create(DemoWorkspace.make(asOf: testAsOf))
        return dir
    }

    @Test func importDryRunReadsTheOpenpyxlWorkbook() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let ws = try demo(tmp)
        let file = sheetFixture("activities-openpyxl.xlsx")
        let result = try runProduct("partydesk", ["import", "--data", ws, "--what", "activities", file, "--dry-run"])
        // What the import makes of a title row, merged branches and a 合计 row is the header
        // detection's work; here: the workbook was read (a summary naming it as xlsx, or problems by
        // its row numbers), and nothing crashed.
        #expect(result.status == 0 || result.status == 1, "\(result.stderr)")
        #expect(result.stdout.contains("(xlsx 工作表 三会一课)") || result.stderr.contains("\(file):"), "\(result.stdout)\(result.stderr)")
        #expect(!result.stderr.contains("不是有效的") && !result.stderr.contains("无法读取"))
    }

    @Test func importTakesASheetByNameOrNumber() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let ws = try demo(tmp)
        let file = sheetFixture("two-sheets.xlsx")
        for sheet in ["活动", "2"] {
            let dry = try runProduct("partydesk", ["import", "--data", ws, "--what", "activities", file, "--sheet", sheet, "--dry-run"])
            #expect(dry.status == 0, "\(dry.stderr)")
            #expect(dry.stdout.contains("(xlsx 工作表 活动): 新增 2, 修改 0"), "\(dry.stdout)")
        }
        let english = try runProduct("partydesk", ["import", "--data", ws, "--what", "activities", file, "--sheet", "活动", "--dry-run", "--lang", "en"])
        #expect(english.stdout.contains("(xlsx sheet 活动): 2 to add"), "\(english.stdout)")
        let missing = try runProduct("partydesk", ["import", "--data", ws, "--what", "activities", file, "--sheet", "汇总"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("没有工作表 \"汇总\"; 工作簿中的工作表 (--sheet 名称, 或从 1 起的序号): \"说明\"、\"活动\""), "\(missing.stderr)")
        // --sheet is for workbooks; an old .xls is refused saying what to do; nothing was written.
        let csv = tmp.sub("a.csv")
        try "支部,类型,日期,标题\n".write(toFile: csv, atomically: true, encoding: .utf8)
        let sheetOfText = try runProduct("partydesk", ["import", "--data", ws, "--what", "activities", csv, "--sheet", "1"])
        #expect(sheetOfText.status == 1 && sheetOfText.stderr.contains("--sheet 只用于 .xlsx 工作簿"), "\(sheetOfText.stderr)")
        let legacy = try runProduct("partydesk", ["import", "--data", ws, "--what", "activities", sheetFixture("activities-legacy.xls")])
        #expect(legacy.status == 1)
        #expect(legacy.stderr.contains("activities-legacy.xls 是旧版 Excel (.xls) / WPS (.et) 工作簿, 请在 Excel/WPS 中另存为 .xlsx 或 CSV (UTF-8) 后再导入"), "\(legacy.stderr)")
        #expect(try WorkspaceStore(directory: ws).load().workspace.activities.count == DemoWorkspace.make(asOf: testAsOf).activities.count)
    }

    @Test(arguments: ["branches", "members", "activities"])
    func exportedWorkbookImportsBackUnchanged(what: String) throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let ws = try demo(tmp)
        let out = tmp.sub("\(what).xlsx")
        let export = try runProduct("partydesk", ["export", "--data", ws, "--what", what, "--out", out])
        #expect(export.status == 0 && export.stdout.contains("(xlsx)"), "\(export.stderr)")
        let again = try runProduct("partydesk", ["import", "--data", ws, "--what", what, out, "--dry-run"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("新增 0, 修改 0"), "\(again.stdout)")
    }

    @Test func exportAllIsOneWorkbookWithASheetPerKindHoldingWhatTheCSVsHold() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let ws = try demo(tmp)
        let book = tmp.sub("台账.xlsx")
        let all = try runProduct("partydesk", ["export", "--data", ws, "--what", "all", "--out", book, "--year", "2026", "--as-of", "2026-11-21"])
        #expect(all.status == 0, "\(all.stderr)")
        // Issue 19 added the 发展党员 sheet, issue 17 the 经费 sheet.
        #expect(all.stdout.contains("已导出 9 张工作表 (支部、党员、活动、检查、整改、考评、预警、发展党员、经费)"), "\(all.stdout)")
        let reader = try XLSXReader(path: book)
        // The personal data of the 党员 sheet is said on a sheet after the data.
        #expect(reader.sheets.map(\.name) == ["支部", "党员", "活动", "检查", "整改", "考评", "预警", "发展党员", "经费", "个人信息提示"])
        #expect(try reader.read(sheet: "个人信息提示").rows.first?.fields.first?.contains("个人信息") == true)
        #expect(all.stdout.contains("仅本用户可读 (权限 0600)"))
        // Each sheet holds what the CSV of its kind holds (a number as the same number: 85.50 is 85.5).
        func same(_ a: String, _ b: String) -> Bool { a == b || (Double(a) != nil && Double(a) == Double(b)) }
        for (sheet, kind) in zip(reader.sheets.map(\.name), ["branches", "members", "activities", "checks", "rectifications", "scores", "alerts", "development", "funds"]) {
            let csv = tmp.sub("\(kind).csv")
            let one = try runProduct("partydesk", ["export", "--data", ws, "--what", kind, "--out", csv, "--encoding", "utf8", "--year", "2026", "--as-of", "2026-11-21"])
            #expect(one.status == 0, "\(one.stderr)")
            var expected = try CSV.parse(String(contentsOfFile: csv, encoding: .utf8)).map { $0.fields.map(CSV.unneutralised) }
            // The members' and the pipeline's CSVs say first that they hold personal data; the workbook says it on its own sheet.
            if kind == "members" || kind == "development" { expected.removeFirst() }
            let grid = try reader.read(sheet: sheet).rows.map { $0.fields.map(CSV.unneutralised) }
            #expect(grid.count == expected.count, "\(sheet)")
            for (r, (got, want)) in zip(grid, expected).enumerated() {
                // A workbook row ends at its last cell with text; the CSV's has every column.
                let padded = got + Array(repeating: "", count: max(0, want.count - got.count))
                #expect(padded.count == want.count && zip(padded, want).allSatisfy(same), "\(sheet) row \(r + 1): \(got) ≠ \(want)")
            }
        }
        let english = try runProduct("partydesk", ["export", "--data", ws, "--what", "all", "--out", tmp.sub("ledger.xlsx"), "--lang", "en"])
        #expect(english.status == 0)
        let englishSheets = try XLSXReader(path: tmp.sub("ledger.xlsx")).sheets.map(\.name)
        #expect(englishSheets == ["Branches", "Members", "Activities", "Checks", "Rectifications", "Scores", "Alerts", "Development", "Funds", "Personal data"])
        // all is a workbook; --encoding is CSV's: both usage errors, nothing written.
        let allAsCSV = try runProduct("partydesk", ["export", "--data", ws, "--what", "all", "--out", tmp.sub("all.csv")])
        #expect(allAsCSV.status == 2 && allAsCSV.stderr.contains("--what all") && allAsCSV.stderr.contains(".xlsx"), "\(allAsCSV.stderr)")
        let encoded = try runProduct("partydesk", ["export", "--data", ws, "--what", "branches", "--out", tmp.sub("b.xlsx"), "--encoding", "gb18030"])
        #expect(encoded.status == 2 && encoded.stderr.contains("--encoding gb18030 只用于 CSV"), "\(encoded.stderr)")
        #expect(!FileManager.default.fileExists(atPath: tmp.sub("all.csv")) && !FileManager.default.fileExists(atPath: tmp.sub("b.xlsx")))
        // --format overrides the name.
        let forced = try runProduct("partydesk", ["export", "--data", ws, "--what", "branches", "--out", tmp.sub("b.dat"), "--format", "xlsx"])
        let forcedSheets = try XLSXReader(path: tmp.sub("b.dat")).sheets.map(\.name)
        #expect(forced.status == 0 && forcedSheets == ["支部"])
    }
}

/// A workbook PartyDesk exports, opened and saved as CSV by LibreOffice Calc, imports back with
/// nothing changed: every value reads the same through another producer.
@Suite struct WorkbookThroughLibreOfficeTests {
    @Test(arguments: ["branches", "members", "activities"])
    func exportedWorkbookSavedAsCSVByLibreOfficeImportsUnchanged(what: String) throws {
        let tmp = TempDirectory("partydesk-lo"); defer { tmp.cleanup() }
        let ws = tmp.sub("ws")
        try WorkspaceStore(directory: ws).create(DemoWorkspace.make(asOf: testAsOf))
        let book = tmp.sub("\(what).xlsx")
        #expect(try runProduct("partydesk", ["export", "--data", ws, "--what", what, "--out", book]).status == 0)
        let run = try runTool(["libreoffice", "-env:UserInstallation=file://" + tmp.sub("profile"), "--headless",
                               "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", tmp.sub("out"), book])
        let csv = tmp.sub("out/\(what).csv")
        try #require(FileManager.default.fileExists(atPath: csv), "libreoffice: \(run.stdout)\(run.stderr)")
        let again = try runProduct("partydesk", ["import", "--data", ws, "--what", what, csv, "--dry-run"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("新增 0, 修改 0"), "\(again.stdout.prefix(2000))")
    }
}
