import Foundation
import Testing
import TestSupport
@testable import PartyModel
@testable import PartyStore

/// The committed fixtures (Tests/Fixtures/sheets, made by make.py there with openpyxl and LibreOffice).
let sheetFixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/sheets").path

func fixture(_ name: String) -> String { sheetFixtures + "/" + name }

/// Merged ranges in a fixed order, to compare with the ones worked out by hand.
func sortedMerges(_ merges: [MergedRange]) -> [MergedRange] {
    merges.sorted { ($0.rows.lowerBound, $0.columns.lowerBound) < ($1.rows.lowerBound, $1.columns.lowerBound) }
}

/// A workbook put together from its XML parts, for the cases no producer at hand writes.
func handMadeWorkbook(sheet: String, strings: String? = nil, styles: String? = nil, workbook: String? = nil,
                      sheetTarget: String = "worksheets/sheet1.xml", sheetPath: String = "xl/worksheets/sheet1.xml") throws -> Data {
    let ns = "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
    var files: [(path: String, bytes: [UInt8])] = [
        ("[Content_Types].xml", Array("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>".utf8)),
        ("_rels/.rels", Array("""
            <?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
            """.utf8)),
        ("xl/workbook.xml", Array((workbook ?? "<?xml version=\"1.0\"?><workbook \(ns)><sheets><sheet name=\"表一\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>").utf8)),
        ("xl/_rels/workbook.xml.rels", Array("""
            <?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="\(sheetTarget)"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>
            """.utf8)),
        (sheetPath, Array("<?xml version=\"1.0\"?>\(sheet)".utf8)),
    ]
    if let strings { files.append(("xl/sharedStrings.xml", Array("<?xml version=\"1.0\"?><sst \(ns)>\(strings)</sst>".utf8))) }
    if let styles { files.append(("xl/styles.xml", Array("<?xml version=\"1.0\"?><styleSheet \(ns)>\(styles)</styleSheet>".utf8))) }
    return try XLSXWriter.archive(files)
}

let mainNS = "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""

@Suite struct XLSXReaderTests {
    static let title = "示例研究院党委2026年三会一课台账"
    static let header = ["序号", "支部", "类型", "日期", "标题", "地点", "主持人", "实到", "应到"]
    /// Rows 3–10 of both activities fixtures, worked out from make.py's ROWS: the branch only in the
    /// first row of its group (merged, or left blank in the CSV), every date ISO whatever its format
    /// (2026-03-15 14:30 → 2026-03-15), '12' (text in the openpyxl workbook) as 12.
    static let activityRows: [[String]] = [
        ["1", "党政办公室党支部", "支部党员大会", "2026-01-08", "传达学习全会精神", "三楼会议室", "王建国", "9", "10"],
        ["2", "", "支委会", "2026-01-15", "研究年度工作计划", "三楼会议室", "王建国", "5", "5"],
        ["3", "", "党课", "2026-03-05", "书记讲党课：牢记初心使命", "报告厅", "王建国", "10", "10"],
        ["4", "组织人事党支部", "党小组会", "2026-02-10", "学习党章", "组织部办公室", "刘振华", "7", "7"],
        ["5", "", "支部党员大会", "2026-02-20", "民主评议党员", "组织部办公室", "刘振华", "6", "7"],
        ["6", "机电工程系教工党支部", "主题党日", "2026-03-15", "参观红色教育基地", "市革命纪念馆", "张海燕", "12", "19"],
        ["7", "", "党课", "2026-04-02", "专题党课：新时代教师的使命", "实训楼 201", "张海燕", "17", "19"],
        ["8", "", "支委会", "2026-04-09", "研究发展党员工作", "实训楼 201", "张海燕", "5", "5"],
    ]
    /// 9+5+10+7+6+12+17+5 and 10+5+10+7+7+19+19+5.
    static let total = ["合计", "", "", "", "", "", "", "71", "82"]
    static let footer = ["填表人：张三  审核人：李四"]

    @Test func openpyxlActivitiesWorkbookCellByCell() throws {
        let (grid, format) = try SheetFile.read(path: fixture("activities-openpyxl.xlsx"), file: "a.xlsx")
        #expect(format == .xlsx(sheet: "三会一课"))
        #expect(format.described(.zh) == "xlsx 工作表 三会一课" && format.described(.en) == "xlsx sheet 三会一课")
        #expect(grid.name == "三会一课")
        // Row 11 holds borders only (no row for a person); 13 does not exist.
        #expect(grid.rows.map(\.line) == [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 14])
        #expect(grid.rows.map(\.fields) == [[Self.title], Self.header] + Self.activityRows + [Self.total, Self.footer])
        #expect(sortedMerges(grid.merges) == [
            MergedRange(rows: 1...1, columns: 0...8),     // the title, A1:I1
            MergedRange(rows: 3...5, columns: 1...1),     // 党政办公室党支部, B3:B5
            MergedRange(rows: 6...7, columns: 1...1),     // 组织人事党支部, B6:B7
            MergedRange(rows: 8...10, columns: 1...1),    // 机电工程系教工党支部, B8:B10
            MergedRange(rows: 12...12, columns: 0...6),   // 合计, A12:G12
        ])
    }

    @Test func libreOfficeActivitiesWorkbookCellByCell() throws {
        let (grid, format) = try SheetFile.read(path: fixture("activities-libreoffice.xlsx"))
        #expect(format == .xlsx(sheet: "activities-libreoffice"))
        #expect(grid.rows.map(\.line) == Array(1...12))
        #expect(grid.rows.map(\.fields) == [[Self.title], Self.header] + Self.activityRows + [Self.total, Self.footer])
        #expect(grid.merges.isEmpty)
    }

    @Test func sheetsByNameAndNumberHiddenOnesLeftOut() throws {
        let path = fixture("two-sheets.xlsx")
        let reader = try XLSXReader(path: path, file: "two.xlsx")
        #expect(reader.sheets.map(\.name) == ["说明", "活动", "旧数据"])
        #expect(reader.sheets.map(\.hidden) == [false, false, true])
        // The first sheet: rich text runs joined, booleans, an error value as text.
        let first = try reader.read()
        #expect(first.name == "说明")
        #expect(first.rows.map(\.line) == [1, 2, 3, 4, 5])
        #expect(first.rows.map(\.fields) == [["本工作簿的第二张表是活动台账"], ["请勿修改表头，日期用 2026-03-05 的形式"],
                                             ["已核对", "TRUE"], ["未核对", "FALSE"], ["查找结果", "#N/A"]])
        let activities: [[String]] = [["支部", "类型", "日期", "标题", "学时", "实到", "应到", "备注"],
                                      ["党政办公室党支部", "党课", "2026-05-12", "五月党课", "1.5", "9", "10"],
                                      ["离退休党支部", "主题党日", "2026-05-20", "重温入党誓词", "", "88", "102", "在党员活动室\n(多行备注)"]]
        for selector in ["活动", "2", " 活动 "] {
            let (grid, format) = try SheetFile.read(path: path, sheet: selector)
            #expect(format == .xlsx(sheet: "活动"), "\(selector)")
            #expect(grid.rows.map(\.fields) == activities, "\(selector)")
        }
        // A hidden sheet by its name, not by a number (a person counts the tabs they see).
        #expect(try reader.read(sheet: "旧数据").rows.map(\.fields) == [["旧的数据, 已隐藏"]])
        for missing in ["3", "0", "汇总"] {
            #expect(throws: SheetFileError.workbook(XLSXError(file: "two.xlsx", kind: .sheetNotFound(missing, available: ["说明", "活动"])))) {
                try SheetFile.read(path: path, sheet: missing, file: "two.xlsx")
            }
        }
        let message = SheetFileError.workbook(XLSXError(file: "two.xlsx", kind: .sheetNotFound("汇总", available: ["说明", "活动"]))).message(.zh)
        #expect(message == "two.xlsx: 没有工作表 \"汇总\"; 工作簿中的工作表 (--sheet 名称, 或从 1 起的序号): \"说明\"、\"活动\"")
        #expect(SheetFileError.workbook(XLSXError(file: "two.xlsx", kind: .sheetNotFound("3", available: ["说明", "活动"]))).message(.en)
                == "two.xlsx: no sheet \"3\"; the workbook's sheets (--sheet NAME, or the number from 1): \"说明\", \"活动\"")
    }

    @Test func formulasGiveTheirCachedResultsNeverTheFormula() throws {
        // LibreOffice computed and kept each result: a number, text (t="str"), #N/A, a boolean, a date.
        let grid = try XLSXReader(path: fixture("formulas-libreoffice.xlsx")).read()
        #expect(grid.rows.map(\.fields) == [
            ["支部", "实到", "应到", "出席率", "说明", "查找"],
            ["党政办公室党支部", "9", "10", "0.9", "缺1人", "#N/A"],
            ["组织人事党支部", "7", "7", "1", "全到", "FALSE"],
            ["合计", "16", "17", "0.941176470588235", "2026-03-05", "2026-03-05"],
        ])
    }

    @Test func excelUnicodeTextIsUTF16WithTabs() throws {
        let (grid, format) = try SheetFile.read(path: fixture("activities-utf16.txt"), file: "u.txt")
        #expect(format == .utf16(bigEndian: false, tabs: true))
        #expect(format.described(.zh) == "utf16 制表符分隔" && format.described(.en) == "utf16 tab-separated")
        #expect(grid.rows.count == 11 && grid.rows.map(\.line) == Array(1...11))
        #expect(grid.rows[0].fields == [Self.title] && grid.rows[1].fields == Self.header)
        #expect(grid.rows[2].fields == ["1", "党政办公室党支部", "支部党员大会", "2026/1/8", "传达学习全会精神", "三楼会议室", "王建国", "9", "10"])
        #expect(grid.rows[7].fields == ["6", "机电工程系教工党支部", "主题党日", "2026/3/15 14:30", "参观红色教育基地", "市革命纪念馆", "张海燕", "12", "19"])
        #expect(grid.rows[10].fields == ["备注", "", "", "", "含\"引号\"与\n换行的标题"])
        // Big-endian, with its byte order mark, reads the same.
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let text = "支部\t标题\r\n一支部\t学习\r\n"
        var be = Data([0xFE, 0xFF])
        for unit in text.utf16 { be.append(UInt8(unit >> 8)); be.append(UInt8(unit & 0xFF)) }
        try be.write(to: URL(fileURLWithPath: tmp.sub("be.csv")))
        let (beGrid, beFormat) = try SheetFile.read(path: tmp.sub("be.csv"))
        #expect(beFormat == .utf16(bigEndian: true, tabs: true))
        #expect(beGrid.rows.map(\.fields) == [["支部", "标题"], ["一支部", "学习"]])
    }

    @Test func oldBinaryWorkbooksAreRefusedWithWhatToDo() throws {
        #expect(throws: SheetFileError.legacyWorkbook(file: "台账.xls", encrypted: false)) {
            try SheetFile.read(path: fixture("activities-legacy.xls"), file: "台账.xls")
        }
        #expect(SheetFileError.legacyWorkbook(file: "台账.xls", encrypted: false).message(.zh)
                == "台账.xls 是旧版 Excel (.xls) / WPS (.et) 工作簿, 请在 Excel/WPS 中另存为 .xlsx 或 CSV (UTF-8) 后再导入")
        #expect(SheetFileError.legacyWorkbook(file: "a.xls", encrypted: false).message(.en)
                == "a.xls is an old Excel (.xls) / WPS (.et) workbook; save it in Excel/WPS as .xlsx or CSV (UTF-8), then import that")
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        // By content whatever the name; by name (.xls, .et) whatever the content; an OLE file named
        // .xlsx is a workbook with an open password.
        let ole = try Data(contentsOf: URL(fileURLWithPath: fixture("activities-legacy.xls")))
        try ole.write(to: URL(fileURLWithPath: tmp.sub("renamed.csv")))
        try ole.write(to: URL(fileURLWithPath: tmp.sub("locked.xlsx")))
        try Data("支部,标题\n".utf8).write(to: URL(fileURLWithPath: tmp.sub("wps.et")))
        #expect(throws: SheetFileError.legacyWorkbook(file: "renamed.csv", encrypted: false)) { try SheetFile.read(path: tmp.sub("renamed.csv"), file: "renamed.csv") }
        #expect(throws: SheetFileError.legacyWorkbook(file: "wps.et", encrypted: false)) { try SheetFile.read(path: tmp.sub("wps.et"), file: "wps.et") }
        #expect(throws: SheetFileError.legacyWorkbook(file: "locked.xlsx", encrypted: true)) { try SheetFile.read(path: tmp.sub("locked.xlsx"), file: "locked.xlsx") }
        #expect(SheetFileError.legacyWorkbook(file: "locked.xlsx", encrypted: true).message(.zh).contains("取消密码"))
    }

    @Test func textFilesBySeparatorAndTheirErrors() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        func write(_ name: String, _ text: String) throws -> String {
            try Data(text.utf8).write(to: URL(fileURLWithPath: tmp.sub(name))); return tmp.sub(name)
        }
        // Tabs: by the name (.tsv, .txt), or a first line of tabs and no comma.
        let tsv = try write("a.tsv", "支部\t标题\n一支部\t学习, 讨论\n")
        #expect(try SheetFile.read(path: tsv).grid.rows.map(\.fields) == [["支部", "标题"], ["一支部", "学习, 讨论"]])
        #expect(try SheetFile.read(path: tsv).format.described(.zh) == "utf8 制表符分隔")
        let tabbedCSV = try write("b.csv", "支部\t标题\n一支部\t学习\n")
        #expect(try SheetFile.read(path: tabbedCSV).format == .text(.utf8, tabs: true))
        let csv = try write("c.csv", "\u{FEFF}支部,标题\n一支部,\"学习\t讨论\"\n")
        let read = try SheetFile.read(path: csv)
        #expect(read.format == .text(.utf8BOM, tabs: false) && read.format.described(.en) == "utf8-bom")
        #expect(read.grid.rows.map(\.fields) == [["支部", "标题"], ["一支部", "学习\t讨论"]])
        // --sheet is for workbooks.
        #expect(throws: SheetFileError.sheetOfText(file: "c.csv")) { try SheetFile.read(path: csv, sheet: "1", file: "c.csv") }
        #expect(SheetFileError.sheetOfText(file: "c.csv").message(.zh).hasPrefix("--sheet 只用于 .xlsx 工作簿"))
        // A quote left open names the line it began on, as before.
        let open = try write("d.csv", "支部,标题\n一支部,\"学习\n二支部,x\n")
        #expect(throws: SheetFileError.unterminatedQuote(file: "d.csv", line: 2)) { try SheetFile.read(path: open, file: "d.csv") }
        // Text named .xlsx is a damaged workbook, not a CSV; a missing file cannot be read.
        let fake = try write("e.xlsx", "支部,标题\n")
        #expect(throws: SheetFileError.workbook(XLSXError(file: "e.xlsx", kind: .damaged))) { try SheetFile.read(path: fake, file: "e.xlsx") }
        #expect(throws: SheetFileError.cannotRead(file: "none.csv")) { try SheetFile.read(path: tmp.sub("none.csv"), file: "none.csv") }
        // Neither UTF-8, GB18030 nor UTF-16 with a mark.
        try Data([0x81, 0x20, 0xFF, 0x30, 0x81]).write(to: URL(fileURLWithPath: tmp.sub("bin.csv")))
        #expect(throws: SheetFileError.notText(file: "bin.csv")) { try SheetFile.read(path: tmp.sub("bin.csv"), file: "bin.csv") }
    }

    @Test func damagedAndForeignZipsSayWhatTheyAre() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let whole = try Data(contentsOf: URL(fileURLWithPath: fixture("two-sheets.xlsx")))
        try whole.prefix(whole.count / 2).write(to: URL(fileURLWithPath: tmp.sub("cut.xlsx")))
        #expect(throws: SheetFileError.workbook(XLSXError(file: "cut.xlsx", kind: .damaged))) { try SheetFile.read(path: tmp.sub("cut.xlsx"), file: "cut.xlsx") }
        #expect(SheetFileError.workbook(XLSXError(file: "cut.xlsx", kind: .damaged)).message(.zh)
                == "cut.xlsx 不是有效的 .xlsx 工作簿 (文件已损坏或不完整); 请在 Excel/WPS 中打开并重新另存为 .xlsx 后再导入")
        #expect(throws: XLSXError(file: "x", kind: .damaged)) { try XLSXReader(data: Data("PK\u{3}\u{4}junk".utf8), file: "x") }
        let ods = try XLSXWriter.archive([("mimetype", Array("application/vnd.oasis.opendocument.spreadsheet".utf8)), ("content.xml", Array("<x/>".utf8))])
        #expect(throws: XLSXError(file: "a.ods", kind: .notWorkbook(kind: "ods"))) { try XLSXReader(data: ods, file: "a.ods") }
        let zip = try XLSXWriter.archive([("readme.txt", Array("hello".utf8))])
        #expect(throws: XLSXError(file: "a.zip", kind: .notWorkbook(kind: nil))) { try XLSXReader(data: zip, file: "a.zip") }
        // A worksheet cut off in the middle of its XML: the part and the line.
        let broken = try handMadeWorkbook(sheet: "<worksheet \(mainNS)>\n<sheetData>\n<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>x</t></is></c>\n<row>")
        #expect(throws: XLSXError(file: "b.xlsx", kind: .badPart("xl/worksheets/sheet1.xml", line: 4), sheet: "表一")) {
            try XLSXReader(data: broken, file: "b.xlsx").read()
        }
        #expect(XLSXError(file: "b.xlsx", kind: .badPart("xl/worksheets/sheet1.xml", line: 4), sheet: "表一").message(.zh)
                == "b.xlsx (工作表 表一): xl/worksheets/sheet1.xml 第 4 行不是有效的 XML, 文件可能已损坏; 请在 Excel/WPS 中打开并重新另存为 .xlsx 后再导入")
        // A shared string that is not there is damage, not an empty cell.
        let dangling = try handMadeWorkbook(sheet: "<worksheet \(mainNS)><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>5</v></c></row></sheetData></worksheet>",
                                            strings: "<si><t>only</t></si>")
        #expect(throws: XLSXError(file: "s.xlsx", kind: .badPart("xl/worksheets/sheet1.xml", line: 1), sheet: "表一")) {
            try XLSXReader(data: dangling, file: "s.xlsx").read()
        }
        let noSheets = try handMadeWorkbook(sheet: "<worksheet \(mainNS)/>",
                                            workbook: "<workbook \(mainNS)><sheets/></workbook>")
        #expect(throws: XLSXError(file: "n.xlsx", kind: .noSheets)) { try XLSXReader(data: noSheets, file: "n.xlsx").read() }
    }

    @Test func everyKindOfCellAsAPersonReadsIt() throws {
        let strings = """
            <si><t>普通</t></si>\
            <si><r><t>请勿</t></r><r><rPr><b/></rPr><t xml:space="preserve">修改 </t></r><rPh sb="0" eb="2"><t>qǐng wù</t></rPh></si>\
            <si><t>第一行_x000D_
            第二行</t></si>\
            <si><t>_x005F_x0041_ and _x0041_, _xD83D__xDE00_</t></si>\
            <si><t>a &amp; b &lt;c&gt;</t></si>
            """
        // Cell formats: 0 general, 1 built-in 14, 2 a Chinese custom date, 3 built-in 20 (h:mm),
        // 4 a custom number with a colour, 5 built-in 31 (yyyy"年"m"月"d"日"), 6 built-in 22 (m/d/yy h:mm).
        let styles = """
            <numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/><numFmt numFmtId="165" formatCode="0.00_);[Red]\\(0.00\\)"/></numFmts>\
            <cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>\
            <cellXfs count="7"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="20"/><xf numFmtId="165"/><xf numFmtId="31"/><xf numFmtId="22"/></cellXfs>
            """
        let sheet = """
            <worksheet \(mainNS)><dimension ref="A1:I9"/><sheetData>\
            <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c></row>\
            <row><c t="str"><f>A1&amp;"x"</f><v>普通x</v></c><c t="inlineStr"><is><r><t>富</t></r><r><t>文本_x0009_</t></r></is></c><c t="b"><v>1</v></c><c t="e"><v>#DIV/0!</v></c><c t="d"><v>2026-03-05T14:30:00</v></c><c><f>NOW()</f></c></row>\
            <row r="5"><c r="C5"><v>13800138000</v></c><c r="E5"><v>0.10000000000000001</v></c><c r="F5"><v>-2</v></c><c r="G5"><v>85.5</v></c><c r="H5"><v>1E-5</v></c><c r="I5"><v>0.30000000000000004</v></c></row>\
            <row r="6"><c r="A6" s="1"><v>46086</v></c><c r="B6" s="2"><v>46086.75</v></c><c r="C6" s="3"><v>0.60416666666666663</v></c><c r="D6" s="4"><v>3.14159</v></c><c r="E6" s="5"><v>46086</v></c><c r="F6" s="6"><v>46096.99998</v></c><c r="G6" s="6"><v>46096.9999999999</v></c></row>\
            <row r="7"><c r="A7" s="1"><v>1</v></c><c r="B7" s="1"><v>59</v></c><c r="C7" s="1"><v>60</v></c><c r="D7" s="1"><v>61</v></c><c r="E7" s="1"><v>-3</v></c></row>\
            <row r="8"><c r="A8" s="1"/><c r="B8" t="s"/></row>\
            <row r="9" spans="1:9"><c r="I9" t="inlineStr"><is><t>最后一列</t></is></c></row>\
            </sheetData><mergeCells count="2"><mergeCell ref="D6:E7"/><mergeCell ref="$A$9:$H$9"/></mergeCells></worksheet>
            """
        let grid = try XLSXReader(data: try handMadeWorkbook(sheet: sheet, strings: strings, styles: styles), file: "h.xlsx").read()
        #expect(grid.rows.map(\.line) == [1, 2, 5, 6, 7, 9])
        let rows = grid.rows.map(\.fields)
        #expect(rows[0] == ["普通", "请勿修改 ", "第一行\r\n第二行", "_x0041_ and A, 😀", "a & b <c>"])
        // A formula without a cached result is an empty cell, never its formula.
        #expect(rows[1] == ["普通x", "富文本\t", "TRUE", "#DIV/0!", "2026-03-05"])
        #expect(rows[2] == ["", "", "13800138000", "", "0.1", "-2", "85.5", "0.00001", "0.3"])
        // Dates whatever their format, the time dropped (23:59:58 is still the 15th; 23:59:59.99999
        // is shown as midnight of the 16th, to the millisecond); a time of day as one; a number
        // format with a colour section is a number.
        #expect(rows[3] == ["2026-03-05", "2026-03-05", "14:30", "3.14159", "2026-03-05", "2026-03-15", "2026-03-16"])
        // The 1900 system's Lotus leap day: 59 is 1900-02-28, 61 1900-03-01; 60 and negatives are no day.
        #expect(rows[4] == ["1900-01-01", "1900-02-28", "60", "1900-03-01", "-3"])
        #expect(rows[5] == ["", "", "", "", "", "", "", "", "最后一列"])
        #expect(sortedMerges(grid.merges) == [MergedRange(rows: 6...7, columns: 3...4), MergedRange(rows: 9...9, columns: 0...7)])
    }

    @Test func date1904PrefixedElementsAndUnusualPartNames() throws {
        // Mac Excel's 1904 system, every element prefixed (as the .NET SDK writes), the worksheet at
        // an absolute target with a name of its own.
        let x = "xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
        let workbook = "<x:workbook \(x)><x:workbookPr date1904=\"true\"/><x:sheets><x:sheet name=\"Mac &amp; PC\" sheetId=\"7\" r:id=\"rId1\"/></x:sheets></x:workbook>"
        let sheet = """
            <x:worksheet \(x)><x:sheetData><x:row r="2"><x:c r="A2" s="1"><x:v>0</x:v></x:c><x:c r="B2" s="1"><x:v>44624</x:v></x:c>\
            <x:c r="C2" t="inlineStr"><x:is><x:t>前缀</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>
            """
        let styles = "<x:cellXfs \(x)><x:xf numFmtId=\"0\"/><x:xf numFmtId=\"14\"/></x:cellXfs>"
        let data = try handMadeWorkbook(sheet: sheet, styles: styles, workbook: workbook, sheetTarget: "/xl/Data/Sheet_A.xml", sheetPath: "xl/Data/Sheet_A.xml")
        let reader = try XLSXReader(data: data, file: "mac.xlsx")
        #expect(reader.sheets.map(\.name) == ["Mac & PC"])
        let grid = try reader.read(sheet: "1")
        #expect(grid.rows.count == 1 && grid.rows[0].line == 2)
        #expect(grid.rows[0].fields == ["1904-01-01", "2026-03-05", "前缀"])
    }

    @Test func numberFormatsThatShowADate() {
        for code in ["yyyy-mm-dd", "yyyy\\-mm\\-dd\\ hh:mm:ss", "yyyy\"年\"m\"月\"", "m\"月\"d\"日\"", "mmm-yy", "d-mmm", "[$-F800]dddd\\,\\ mmmm\\ dd\\,\\ yyyy", "[DBNum1][$-804]yyyy\"年\"m\"月\"d\"日\"", "YYYY/M/D"] {
            #expect(StylesParser.shape(code: code) == .date, "\(code)")
        }
        for code in ["h:mm", "[h]:mm:ss", "mm:ss", "h\"时\"mm\"分\"", "上午/下午h\"时\"mm\"分\"", "h:mm AM/PM"] {
            #expect(StylesParser.shape(code: code) == .time, "\(code)")
        }
        for code in ["General", "0.00", "#,##0.00_);[Red]\\(#,##0.00\\)", "0\"天\"", "\"yyyy\"0", "0.00E+00", "@", "[Red][<=100]0;[Blue]0", "0_m"] {
            #expect(StylesParser.shape(code: code) == .number, "\(code)")
        }
        #expect([14, 22, 27, 31, 36, 50, 57, 58].allSatisfy { StylesParser.shape(builtIn: $0) == .date })
        #expect([18, 20, 21, 32, 35, 45, 47, 55, 56].allSatisfy { StylesParser.shape(builtIn: $0) == .time })
        #expect([0, 1, 2, 9, 10, 11, 37, 49].allSatisfy { StylesParser.shape(builtIn: $0) == .number })
    }

    @Test func numbersAsPeopleWriteThem() {
        #expect(SheetNumber.text(13800138000) == "13800138000")
        #expect(SheetNumber.text(3.0) == "3" && SheetNumber.text(-2) == "-2" && SheetNumber.text(-0.0) == "0")
        #expect(SheetNumber.text(0.1) == "0.1" && SheetNumber.text(85.5) == "85.5")
        #expect(SheetNumber.text(0.1 + 0.2) == "0.3")
        #expect(SheetNumber.text(29.333333333333332) == "29.3333333333333")
        #expect(SheetNumber.text(1e-5) == "0.00001" && SheetNumber.text(-1.5e-7) == "-0.00000015")
        #expect(SheetNumber.text(1e20) == "100000000000000000000")
        #expect(SheetNumber.text(1.2345678901234568e17) == "123456789012345680")
        #expect(SheetNumber.date(serial: 46086, date1904: false) == "2026-03-05")
        #expect(SheetNumber.date(serial: 2_958_465, date1904: false) == "9999-12-31")
        #expect(SheetNumber.date(serial: 2_958_466, date1904: false) == nil)
        #expect(SheetNumber.date(serial: 0, date1904: false) == nil && SheetNumber.date(serial: 0, date1904: true) == "1904-01-01")
        #expect(SheetNumber.time(serial: 0.5) == "12:00" && SheetNumber.time(serial: 46086.6041782407) == "14:30:01")
    }

    @Test func escapesAndReferences() {
        #expect(OOXML.unescaped("a_x000D_b") == "a\rb")
        #expect(OOXML.unescaped("_x005F_x000D_") == "_x000D_")
        #expect(OOXML.unescaped("_x00zz_ _x12_ x_") == "_x00zz_ _x12_ x_")
        #expect(OOXML.unescaped("_xD800_") == "_xD800_")   // half a surrogate pair: no character, kept as written
        #expect(OOXML.cell("AB12")! == (12, 27) && OOXML.cell("$C$3")! == (3, 2))
        #expect(OOXML.cell("12") == nil && OOXML.cell("A0") == nil && OOXML.cell("ABCD1") == nil)
        #expect(OOXML.column("XFD1048576") == 16383 && OOXML.column("A") == nil)
        #expect(OOXML.columnName(0) == "A" && OOXML.columnName(25) == "Z" && OOXML.columnName(26) == "AA" && OOXML.columnName(16383) == "XFD")
    }
}
