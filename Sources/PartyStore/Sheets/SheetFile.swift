import Foundation
import PartyModel

/// Why a sheet file could not be read, before any of its rows is looked at.
public enum SheetFileError: Error, Equatable, Sendable {
    /// The file cannot be opened or read.
    case cannotRead(file: String)
    /// An old binary workbook: Excel 97–2003 (.xls) or WPS (.et); `encrypted` when the name says
    /// .xlsx (Excel keeps a workbook with an open password in the same container).
    case legacyWorkbook(file: String, encrypted: Bool)
    /// Text in neither UTF-8, GB18030 nor UTF-16 with a byte order mark.
    case notText(file: String)
    /// A quoted cell that never closes, from `line` on.
    case unterminatedQuote(file: String, line: Int)
    /// `--sheet` for a text file (only a workbook has sheets).
    case sheetOfText(file: String)
    case workbook(XLSXError)

    public func message(_ lang: Language) -> String { WorkbookText.message(self, lang) }
}

/// Reads a sheet file into a `SheetGrid`, deciding what it is by its content and its name: a ZIP
/// is an .xlsx workbook; an OLE compound file (or a .xls/.et name) an old binary workbook, refused
/// with what to do; UTF-16 text with a byte order mark (Excel's "Unicode 文本") is split on tabs;
/// anything else is UTF-8 or GB18030 text (`TextEncoding.decode`), split on commas — on tabs when
/// the file is named .txt or .tsv, or its first line has tabs and no comma.
public enum SheetFile {
    /// What the file was read as.
    public enum Format: Equatable, Sendable {
        case text(TextEncoding, tabs: Bool)
        case utf16(bigEndian: Bool, tabs: Bool)
        case xlsx(sheet: String)

        /// What the import's summary says in brackets after the file: `utf8-bom`, `gb18030`,
        /// `utf16 制表符分隔`, `xlsx 工作表 活动`.
        public func described(_ lang: Language) -> String { WorkbookText.format(self, lang) }
    }

    public static func read(path: String, sheet: String? = nil, file: String? = nil) throws(SheetFileError) -> (grid: SheetGrid, format: Format) {
        let name = file ?? path
        guard let handle = FileHandle(forReadingAtPath: path) else { throw .cannotRead(file: name) }
        let head = (try? handle.read(upToCount: 8)) ?? Data()
        try? handle.close()
        let lowered = name.lowercased()
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) || head.starts(with: [0x50, 0x4B, 0x05, 0x06]) {
            do {
                let reader = try XLSXReader(path: path, file: name)
                let grid = try reader.read(sheet: sheet)
                return (grid, .xlsx(sheet: grid.name ?? ""))
            } catch { throw .workbook(error) }
        }
        if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            throw .legacyWorkbook(file: name, encrypted: lowered.hasSuffix(".xlsx") || lowered.hasSuffix(".xlsm"))
        }
        if lowered.hasSuffix(".xls") || lowered.hasSuffix(".et") { throw .legacyWorkbook(file: name, encrypted: false) }
        if lowered.hasSuffix(".xlsx") || lowered.hasSuffix(".xlsm") { throw .workbook(XLSXError(file: name, kind: .damaged)) }
        if sheet != nil { throw .sheetOfText(file: name) }
        guard let data = FileManager.default.contents(atPath: path) else { throw .cannotRead(file: name) }
        let named = lowered.hasSuffix(".txt") || lowered.hasSuffix(".tsv")
        let text: String, format: Format
        if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) {
            let big = data[data.startIndex] == 0xFE
            guard let decoded = utf16(data.dropFirst(2), bigEndian: big) else { throw .notText(file: name) }
            text = decoded
            format = .utf16(bigEndian: big, tabs: !firstLineHas(text, comma: true, tab: false))
        } else {
            guard let (decoded, encoding) = TextEncoding.decode(data) else { throw .notText(file: name) }
            text = decoded
            format = .text(encoding, tabs: named || firstLineHas(text, comma: false, tab: true))
        }
        let tabs: Bool
        switch format {
        case .text(_, let t), .utf16(_, let t): tabs = t
        case .xlsx: tabs = false
        }
        do {
            return (try SheetGrid.text(text, separator: tabs ? UInt8(ascii: "\t") : UInt8(ascii: ",")), format)
        } catch {
            throw .unterminatedQuote(file: name, line: error.line)
        }
    }

    /// True when the first line has (only) the separator asked about: a comma and no tab, or a tab
    /// and no comma.
    static func firstLineHas(_ text: String, comma: Bool, tab: Bool) -> Bool {
        var commas = false, tabs = false
        for b in text.utf8 {
            if b == UInt8(ascii: "\n") || b == UInt8(ascii: "\r") { break }
            if b == UInt8(ascii: ",") { commas = true } else if b == UInt8(ascii: "\t") { tabs = true }
        }
        return comma ? commas && !tabs : tabs && !commas
    }

    /// UTF-16 code units (after the byte order mark) → text; nil when they are not valid UTF-16.
    static func utf16(_ bytes: Data, bigEndian: Bool) -> String? {
        guard bytes.count % 2 == 0 else { return nil }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let a = UInt16(bytes[i]), b = UInt16(bytes[i + 1])
            units.append(bigEndian ? a << 8 | b : b << 8 | a)
            i += 2
        }
        return String(validating: units, as: UTF16.self)
    }
}
