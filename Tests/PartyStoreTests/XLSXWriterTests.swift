import Foundation
import Testing
import TestSupport
@testable import PartyModel
@testable import PartyStore


@Suite struct XLSXWriterTests {
    static func day(_ s: String) -> Day { Day(iso: s)! }

    /// Text of every awkward kind, numbers as the exports make them, dates (one before the 1900
    /// leap day Excel counts, one on a real leap day).
    static let rows: [[CSV.Cell]] = [
        ["标题", "数", "日期", "备注"],
        [.text("学习贯彻党的二十届三中全会精神"), .number(0.1), .date(day("2026-03-05")), .text("第一行\n第二行")],
        [.text("=SUM(A1:A2)"), .number(13800138000), .date(day("1900-01-01")), .text("a\r\nb")],
        [.text("-2+3"), .number(-2), .date(day("1900-03-01")), .text("控制\u{1}字符\u{1F}")],
        [.text("_x0041_ 不是 A"), .number(85.5), .date(day("2000-02-29")), .text(" 前后有空格 ")],
        [.text("'=已有标记"), .number(formatted: "85.50"), .date(nil), .text("制表\t符 & <标签> \"引号\"")],
        [.text("@提及"), .number(0), .text("2026-13-01"), .text("U+FFFF \u{FFFF} 后")],
    ]

    @Test func writtenThenReadGivesBackEveryValue() throws {
        let data = try XLSXWriter.workbook([(name: "活动", rows: Self.rows)])
        let grid = try XLSXReader(data: data, file: "w.xlsx").read()
        #expect(grid.name == "活动")
        #expect(grid.rows.map(\.line) == Array(1...7))
        let read = grid.rows.map { $0.fields.map(CSV.unneutralised) }
        // Text exactly; numbers as the same number (85.50 is 85.5); dates as ISO.
        #expect(read[0] == ["标题", "数", "日期", "备注"])
        #expect(read[1] == ["学习贯彻党的二十届三中全会精神", "0.1", "2026-03-05", "第一行\n第二行"])
        #expect(read[2] == ["=SUM(A1:A2)", "13800138000", "1900-01-01", "a\r\nb"])
        #expect(read[3] == ["-2+3", "-2", "1900-03-01", "控制\u{1}字符\u{1F}"])
        #expect(read[4] == ["_x0041_ 不是 A", "85.5", "2000-02-29", " 前后有空格 "])
        #expect(read[5] == ["'=已有标记", "85.5", "", "制表\t符 & <标签> \"引号\""])
        #expect(read[6] == ["@提及", "0", "2026-13-01", "U+FFFF \u{FFFF} 后"])
        // As stored: formula text carries CSV's mark, so a sheet saved on as CSV stays safe.
        #expect(grid.rows[2].fields[0] == "'=SUM(A1:A2)" && grid.rows[3].fields[0] == "'-2+3" && grid.rows[5].fields[0] == "''=已有标记")
    }

    @Test func partsAsExcelExpectsThem() throws {
        let data = try XLSXWriter.workbook([(name: "支部", rows: [["名称", "人数"], [.text("党政办公室党支部"), .number(9)]]),
                                            (name: "活动", rows: Self.rows)])
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        try data.write(to: URL(fileURLWithPath: tmp.sub("w.xlsx")))
        let listing = try runTool(["unzip", "-Z1", tmp.sub("w.xlsx")])
        #expect(listing.stdout.split(separator: "\n") == ["[Content_Types].xml", "_rels/.rels", "docProps/app.xml", "docProps/core.xml", "xl/workbook.xml",
                                                          "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/sharedStrings.xml",
                                                          "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"])
        let sheet = try runTool(["unzip", "-p", tmp.sub("w.xlsx"), "xl/worksheets/sheet2.xml"]).stdout
        #expect(sheet.contains("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"))
        #expect(sheet.contains("<autoFilter ref=\"A1:D7\"/>") && sheet.contains("<dimension ref=\"A1:D7\"/>"))
        // The date style on dates (serials: 1900-01-01 is 1, 1900-03-01 is 61), numbers bare.
        #expect(sheet.contains("<c r=\"C2\" s=\"2\"><v>46086</v></c>") && sheet.contains("<c r=\"C3\" s=\"2\"><v>1</v></c>") && sheet.contains("<c r=\"C4\" s=\"2\"><v>61</v></c>"))
        #expect(sheet.contains("<c r=\"B3\"><v>13800138000</v></c>") && sheet.contains("<c r=\"B6\"><v>85.50</v></c>"))
        let strings = try runTool(["unzip", "-p", tmp.sub("w.xlsx"), "xl/sharedStrings.xml"]).stdout
        #expect(strings.contains("<t>控制_x0001_字符_x001F_</t>") && strings.contains("<t>_x005F_x0041_ 不是 A</t>") && strings.contains("a&#13;\nb"))
        #expect(strings.contains("<t xml:space=\"preserve\"> 前后有空格 </t>") && strings.contains("U+FFFF _xFFFF_ 后"))
        let workbook = try runTool(["unzip", "-p", tmp.sub("w.xlsx"), "xl/workbook.xml"]).stdout
        #expect(workbook.contains("<sheet name=\"支部\" sheetId=\"1\" r:id=\"rId1\"/><sheet name=\"活动\" sheetId=\"2\" r:id=\"rId2\"/>"))
        #expect(workbook.contains("<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"1\" hidden=\"1\">'活动'!$A$1:$D$7</definedName>"))
    }

    @Test func openpyxlReadsTheSameValuesTypesPaneAndWidths() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let path = tmp.sub("w.xlsx")
        try XLSXWriter.workbook([(name: "活动", rows: Self.rows), (name: "空表", rows: [])]).write(to: URL(fileURLWithPath: path))
        let script = """
            import datetime, json, sys, openpyxl
            wb = openpyxl.load_workbook(sys.argv[1])
            out = []
            for ws in wb.worksheets:
                rows = []
                for row in ws.iter_rows():
                    cells = []
                    for c in row:
                        v = c.value
                        if isinstance(v, datetime.datetime): v = v.date().isoformat(); t = "datetime"
                        else: t = type(v).__name__
                        cells.append([t, v])
                    rows.append(cells)
                widths = {k: d.width for k, d in ws.column_dimensions.items()}
                out.append({"name": ws.title, "freeze": ws.freeze_panes, "widths": widths, "rows": rows, "filter": ws.auto_filter.ref})
            print(json.dumps(out, ensure_ascii=False))
            """
        let run = try runTool(["python3", "-c", script, path])
        try #require(run.status == 0, "openpyxl: \(run.stderr)")
        let sheets = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        #expect(sheets.map { $0["name"] as? String } == ["活动", "空表"])
        let sheet = sheets[0]
        #expect(sheet["freeze"] as? String == "A2")
        #expect(sheet["filter"] as? String == "A1:D7")
        // Widths: the widest cell's width, East Asian characters counting 2, plus 2 (the bold header 1 more).
        // A: 学习贯彻党的二十届三中全会精神 = 15 wide characters = 30 → 32; B: 13800138000 = 11 → 13;
        // C: 2026-03-05 = 10 → 12; D: 制表\t符 & <标签> "引号" = 2+2+1+2+1+1+1+1+4+1+1+1+4+1 = 23 → 25.
        let widths = try #require(sheet["widths"] as? [String: Double])
        #expect(widths == ["A": 32, "B": 13, "C": 12, "D": 25])
        let rows = try #require(sheet["rows"] as? [[[Any]]])
        func cell(_ r: Int, _ c: Int) -> (String, String) {
            let pair = rows[r][c]
            let type = pair[0] as? String ?? "?"
            let value: String
            switch pair[1] {
            case let s as String: value = s
            case let n as NSNumber: value = type == "float" ? "\(n.doubleValue)" : "\(n.int64Value)"
            default: value = "None"
            }
            return (type, value)
        }
        #expect(cell(0, 0) == ("str", "标题"))
        #expect(cell(1, 0) == ("str", "学习贯彻党的二十届三中全会精神") && cell(1, 1) == ("float", "0.1") && cell(1, 2) == ("datetime", "2026-03-05"))
        #expect(cell(1, 3) == ("str", "第一行\n第二行"))
        #expect(cell(2, 0) == ("str", "'=SUM(A1:A2)") && cell(2, 1) == ("int", "13800138000") && cell(2, 2) == ("datetime", "1900-01-01"))
        #expect(cell(2, 3) == ("str", "a\r\nb"))
        #expect(cell(3, 1) == ("int", "-2") && cell(3, 2) == ("datetime", "1900-03-01"))
        #expect(cell(4, 1) == ("float", "85.5") && cell(4, 2) == ("datetime", "2000-02-29") && cell(4, 3) == ("str", " 前后有空格 "))
        #expect(cell(5, 1) == ("float", "85.5") && cell(5, 2) == ("NoneType", "None") && cell(5, 3) == ("str", "制表\t符 & <标签> \"引号\""))
        #expect(cell(6, 0) == ("str", "'@提及") && cell(6, 1) == ("int", "0") && cell(6, 2) == ("str", "2026-13-01"))
    }

    @Test func libreOfficeOpensItAndSavesTheSameValuesAsCSV() throws {
        let tmp = TempDirectory("partydesk-lo"); defer { tmp.cleanup() }
        let rows: [[CSV.Cell]] = [
            ["支部", "类型", "日期", "标题", "实到", "得分", "备注"],
            [.text("党政办公室党支部"), .text("党课"), .date(Self.day("2026-03-05")), .text("=HYPERLINK(\"http://x\",\"点击\")"), .number(9), .number(85.5), .text("两行\n备注")],
            [.text("离退休党支部"), .text("主题党日"), .date(Self.day("2026-12-31")), .text("-2+3 不是公式"), .number(102), .number(0.1), .text("电话 13800138000")],
            [.text("校办企业党支部"), .text("支委会"), .date(nil), .text("_x0041_"), .number(13800138000), .number(-2), .text("")],
        ]
        let path = tmp.sub("export.xlsx")
        try XLSXWriter.workbook([(name: "活动", rows: rows)]).write(to: URL(fileURLWithPath: path))
        // A profile folder of its own: two LibreOffice runs sharing one clash.
        let profile = "file://" + tmp.sub("profile")
        let run = try runTool(["libreoffice", "-env:UserInstallation=\(profile)", "--headless",
                               "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", tmp.sub("out"), path])
        let csvPath = tmp.sub("out/export.csv")
        try #require(FileManager.default.fileExists(atPath: csvPath), "libreoffice: \(run.stdout)\(run.stderr)")
        let text = try String(contentsOfFile: csvPath, encoding: .utf8)
        let read = try CSV.parse(text).map { $0.fields.map(CSV.unneutralised) }
        #expect(read.count == 4)
        #expect(read[0] == ["支部", "类型", "日期", "标题", "实到", "得分", "备注"])
        #expect(read[1] == ["党政办公室党支部", "党课", "2026-03-05", "=HYPERLINK(\"http://x\",\"点击\")", "9", "85.5", "两行\n备注"])
        #expect(read[2] == ["离退休党支部", "主题党日", "2026-12-31", "-2+3 不是公式", "102", "0.1", "电话 13800138000"])
        #expect(read[3] == ["校办企业党支部", "支委会", "", "_x0041_", "13800138000", "-2", ""])
    }

    @Test func sheetNamesExcelAccepts() {
        #expect(XLSXWriter.sheetName("活动") == "活动")
        #expect(XLSXWriter.sheetName("2026/Q1 [草稿]: *?\\") == "2026_Q1 _草稿__ ___")
        #expect(XLSXWriter.sheetName("'引号'") == "引号")
        #expect(XLSXWriter.sheetName("") == "Sheet" && XLSXWriter.sheetName("History") == "History_")
        let long = String(repeating: "党", count: 40)
        #expect(XLSXWriter.sheetName(long) == String(repeating: "党", count: 31))
        #expect(XLSXWriter.sheetName("活动", taken: ["活动"]) == "活动 (2)")
        #expect(XLSXWriter.sheetName("ACT", taken: ["act", "ACT (2)"]) == "ACT (3)")
        #expect(XLSXWriter.sheetName(long, taken: [String(repeating: "党", count: 31)]) == String(repeating: "党", count: 27) + " (2)")
    }

    @Test func limitsAreRefusedNotWrittenBroken() throws {
        let long = String(repeating: "长", count: 32_768)
        #expect(throws: XLSXWriteError.cellTooLong(sheet: "活动", row: 2, column: "B")) {
            try XLSXWriter.workbook([(name: "活动", rows: [["a", "b"], ["x", .text(long)]])])
        }
        #expect(XLSXWriteError.cellTooLong(sheet: "活动", row: 2, column: "B").message(.zh) == "工作表 活动 第 2 行 B 列的内容超过 32767 个字符, Excel 无法保存; 请导出 CSV")
        // Hexadecimal and other text Double() takes but a spreadsheet does not is written as text.
        #expect(XLSXWriter.numberValue("0x10") == nil && XLSXWriter.numberValue("1e5") == "1e5" && XLSXWriter.numberValue("+3") == "3")
        #expect(XLSXWriter.numberValue(".5") == ".5" && XLSXWriter.numberValue("5.") == "5." && XLSXWriter.numberValue("e5") == nil && XLSXWriter.numberValue("1e") == nil)
        // An empty workbook is still one Excel opens: one empty sheet.
        let empty = try XLSXReader(data: try XLSXWriter.workbook([]), file: "e.xlsx")
        let emptyGrid = try empty.read()
        #expect(empty.sheets.map(\.name) == ["Sheet1"] && emptyGrid.rows.isEmpty)
    }
}
