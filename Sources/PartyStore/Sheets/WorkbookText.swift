import PartyModel

/// The words of sheet files: what a file was read as, and why it could not be read — each saying
/// what to do about it.
enum WorkbookText {
    static func format(_ format: SheetFile.Format, _ lang: Language) -> String {
        let tabs = lang.pick(" 制表符分隔", " tab-separated")
        switch format {
        case .text(let encoding, let t): return encoding.rawValue + (t ? tabs : "")
        case .utf16(let big, let t): return (big ? "utf16be" : "utf16") + (t ? tabs : "")
        case .xlsx(let sheet): return lang.pick("xlsx 工作表 \(sheet)", "xlsx sheet \(sheet)")
        }
    }

    static func message(_ error: SheetFileError, _ lang: Language) -> String {
        switch error {
        case .cannotRead(let file):
            return lang.pick("无法读取 \(file)", "cannot read \(file)")
        case .legacyWorkbook(let file, let encrypted):
            if encrypted {
                return lang.pick("\(file) 是加密 (设有打开密码) 的工作簿或旧版 Excel 工作簿, 无法读取; 请在 Excel/WPS 中取消密码, 另存为 .xlsx 或 CSV (UTF-8) 后再导入",
                                 "\(file) is a workbook with an open password (encrypted) or an old Excel workbook; remove the password in Excel/WPS and save it as .xlsx or CSV (UTF-8), then import that")
            }
            return lang.pick("\(file) 是旧版 Excel (.xls) / WPS (.et) 工作簿, 请在 Excel/WPS 中另存为 .xlsx 或 CSV (UTF-8) 后再导入",
                             "\(file) is an old Excel (.xls) / WPS (.et) workbook; save it in Excel/WPS as .xlsx or CSV (UTF-8), then import that")
        case .notText(let file):
            return lang.pick("\(file): 既不是 .xlsx 工作簿, 也不是 UTF-8、GB18030 或 UTF-16 文本; 请在 Excel/WPS 中另存为 .xlsx 或 CSV (UTF-8) 后再导入",
                             "\(file): neither an .xlsx workbook nor UTF-8, GB18030 or UTF-16 text; save it in Excel/WPS as .xlsx or CSV (UTF-8), then import that")
        case .unterminatedQuote(let file, let line):
            return "\(file):\(line): " + SheetText.unterminatedQuote(lang)
        case .sheetOfText(let file):
            return lang.pick("--sheet 只用于 .xlsx 工作簿, \(file) 是文本文件 (CSV/制表符分隔), 只有一张表",
                             "--sheet is for .xlsx workbooks only; \(file) is a text file (CSV/tab-separated) with one sheet")
        case .workbook(let e):
            return message(e, lang)
        }
    }

    static func message(_ error: XLSXError, _ lang: Language) -> String {
        let file = error.file
        let where_ = error.sheet.map { lang.pick(" (工作表 \($0))", " (sheet \($0))") } ?? ""
        let resave = lang.pick("请在 Excel/WPS 中打开并重新另存为 .xlsx 后再导入", "open it in Excel/WPS, save it again as .xlsx, then import that")
        switch error.kind {
        case .damaged:
            return lang.pick("\(file) 不是有效的 .xlsx 工作簿 (文件已损坏或不完整); \(resave)",
                             "\(file) is not a valid .xlsx workbook (the file is damaged or incomplete); \(resave)")
        case .notWorkbook(let kind):
            switch kind {
            case "xlsb": return lang.pick("\(file) 是 Excel 二进制工作簿 (.xlsb), 请在 Excel 中另存为 .xlsx 或 CSV (UTF-8) 后再导入",
                                          "\(file) is an Excel binary workbook (.xlsb); save it in Excel as .xlsx or CSV (UTF-8), then import that")
            case "ods": return lang.pick("\(file) 是 OpenDocument 表格 (.ods), 请另存为 .xlsx 或 CSV (UTF-8) 后再导入",
                                         "\(file) is an OpenDocument spreadsheet (.ods); save it as .xlsx or CSV (UTF-8), then import that")
            case "docx": return lang.pick("\(file) 是 Word 文档, 不是工作簿; 请把表格复制到 Excel/WPS 表格中另存为 .xlsx 后再导入",
                                          "\(file) is a Word document, not a workbook; copy the table into Excel/WPS, save it as .xlsx, then import that")
            default: return lang.pick("\(file) 是 ZIP 压缩包, 不是 .xlsx 工作簿; 请解压后导入其中的表格, 或在 Excel/WPS 中另存为 .xlsx",
                                      "\(file) is a ZIP archive, not an .xlsx workbook; unpack it and import the sheet inside, or save it in Excel/WPS as .xlsx")
            }
        case .missingPart(let part):
            return lang.pick("\(file)\(where_): 工作簿缺少 \(part), 文件可能已损坏; \(resave)",
                             "\(file)\(where_): the workbook has no \(part); the file may be damaged; \(resave)")
        case .badPart(let part, let line):
            return lang.pick("\(file)\(where_): \(part) 第 \(line) 行不是有效的 XML, 文件可能已损坏; \(resave)",
                             "\(file)\(where_): \(part) is not valid XML at line \(line); the file may be damaged; \(resave)")
        case .noSheets:
            return lang.pick("\(file): 工作簿中没有工作表", "\(file): the workbook has no worksheets")
        case .sheetNotFound(let asked, let available):
            let list = available.map { "\"\($0)\"" }.joined(separator: lang.pick("、", ", "))
            return lang.pick("\(file): 没有工作表 \"\(asked)\"; 工作簿中的工作表 (--sheet 名称, 或从 1 起的序号): \(list)",
                             "\(file): no sheet \"\(asked)\"; the workbook's sheets (--sheet NAME, or the number from 1): \(list)")
        case .tooLarge(let part):
            return lang.pick("\(file)\(where_): \(part) 解压后超过 1 GB, 不是可导入的台账",
                             "\(file)\(where_): \(part) is over 1 GB unpacked; not a ledger that can be imported")
        }
    }
}
