import Foundation
import PartyModel
import ZIPFoundation

/// Why a workbook could not be written.
public enum XLSXWriteError: Error, Equatable, Sendable {
    /// More rows (1,048,576) or columns (16,384) than a sheet holds.
    case tooBig(sheet: String, rows: Int, columns: Int)
    /// A cell longer than a spreadsheet keeps (32,767 characters): row and column as a person counts them.
    case cellTooLong(sheet: String, row: Int, column: String)
    /// The archive could not be made (ZIPFoundation's reason).
    case archive(String)

    public func message(_ lang: Language) -> String {
        switch self {
        case .tooBig(let sheet, let rows, let columns):
            return lang.pick("工作表 \(sheet) 有 \(rows) 行 \(columns) 列, 超过 Excel 的上限 (1048576 行, 16384 列); 请按年度导出 (--year) 或导出 CSV",
                             "sheet \(sheet) has \(rows) rows and \(columns) columns, over Excel's limit (1,048,576 rows, 16,384 columns); export one year (--year) or a CSV")
        case .cellTooLong(let sheet, let row, let column):
            return lang.pick("工作表 \(sheet) 第 \(row) 行 \(column) 列的内容超过 32767 个字符, Excel 无法保存; 请导出 CSV",
                             "sheet \(sheet) row \(row) column \(column) is longer than 32,767 characters, more than Excel keeps; export a CSV")
        case .archive(let reason):
            return lang.pick("无法生成 .xlsx 文件: \(reason)", "cannot make the .xlsx file: \(reason)")
        }
    }
}

/// Writes workbooks that Excel, WPS and LibreOffice open without a repair prompt: one sheet per
/// table, the first row a bold header, frozen, with an autofilter; columns as wide as their text
/// (an East Asian wide character counts 2); numbers as numbers, `.date` cells as real dates
/// (yyyy-mm-dd), text as shared strings. Text a spreadsheet would take as a formula carries the
/// mark CSV gives it (`CSV.neutralised`), so that the sheet saved on as CSV stays safe and the
/// import (`CSV.unneutralised`) reads back what was written.
public enum XLSXWriter {
    public static let maxRows = 1_048_576
    public static let maxColumns = 16_384
    public static let maxCellLength = 32_767

    /// The workbook's bytes. Sheet names are made safe (`sheetName`) and unique.
    public static func workbook(_ sheets: [(name: String, rows: [[CSV.Cell]])], created: Date = Date()) throws(XLSXWriteError) -> Data {
        var strings = SharedStrings()
        var names: [String] = []
        var parts: [(path: String, chunks: [[UInt8]])] = []
        for (i, sheet) in sheets.enumerated() {
            let name = sheetName(sheet.name, taken: names)
            names.append(name)
            parts.append(("xl/worksheets/sheet\(i + 1).xml", try worksheet(sheet.rows, name: name, selected: i == 0, strings: &strings)))
        }
        if sheets.isEmpty {
            names = ["Sheet1"]
            parts.append(("xl/worksheets/sheet1.xml", try worksheet([], name: "Sheet1", selected: true, strings: &strings)))
        }
        var files: [(path: String, chunks: [[UInt8]])] = [
            ("[Content_Types].xml", [Array(contentTypes(sheets: names.count).utf8)]),
            ("_rels/.rels", [Array(packageRelationships.utf8)]),
            ("docProps/app.xml", [Array(app.utf8)]),
            ("docProps/core.xml", [Array(core(created).utf8)]),
            ("xl/workbook.xml", [Array(workbook(names, filters: zip(names, sheets.map(\.rows)).map { filterRange($0.1) }).utf8)]),
            ("xl/_rels/workbook.xml.rels", [Array(workbookRelationships(sheets: names.count).utf8)]),
            ("xl/styles.xml", [Array(styles.utf8)]),
            ("xl/sharedStrings.xml", [strings.xml()]),
        ]
        files += parts
        return try archive(files, modified: created)
    }

    /// A ZIP archive in memory of these files, deflated, in this order.
    static func archive(_ files: [(path: String, bytes: [UInt8])], modified: Date = Date()) throws(XLSXWriteError) -> Data {
        try archive(files.map { ($0.path, [$0.bytes]) }, modified: modified)
    }

    /// The same, each file given in pieces (read in turn, never joined).
    static func archive(_ files: [(path: String, chunks: [[UInt8]])], modified: Date = Date()) throws(XLSXWriteError) -> Data {
        do {
            let archive = try Archive(data: Data(), accessMode: .create)
            for file in files {
                let size = file.chunks.reduce(0) { $0 + $1.count }
                var chunk = 0, chunkStart = 0
                try archive.addEntry(with: file.path, type: .file, uncompressedSize: Int64(size), modificationDate: modified,
                                     compressionMethod: .deflate, bufferSize: 64 * 1024) { position, length in
                    // Asked in order, from 0: the pieces walked once (from the start again if not).
                    var data = Data(capacity: length)
                    var at = Int(position)
                    if at < chunkStart { chunk = 0; chunkStart = 0 }
                    while data.count < length, chunk < file.chunks.count {
                        let piece = file.chunks[chunk]
                        let offset = at - chunkStart
                        if offset >= piece.count { chunkStart += piece.count; chunk += 1; continue }
                        let take = min(piece.count - offset, length - data.count)
                        piece.withUnsafeBufferPointer { data.append(UnsafeBufferPointer(rebasing: $0[offset..<(offset + take)])) }
                        at += take
                    }
                    return data
                }
            }
            guard let bytes = archive.data else { throw XLSXWriteError.archive("no data") }
            return bytes
        } catch let error as XLSXWriteError {
            throw error
        } catch {
            throw .archive("\(error)")
        }
    }

    /// A name Excel takes for a sheet: at most 31 characters, none of `[ ] : * ? / \` (each becomes
    /// `_`), no apostrophe first or last, not empty, not `History`, and not a name already `taken`
    /// (ignoring case; a number is added: `活动 (2)`).
    public static func sheetName(_ raw: String, taken: [String] = []) -> String {
        var name = String(String.UnicodeScalarView(raw.unicodeScalars.map { "[]:*?/\\".unicodeScalars.contains($0) || $0.value < 0x20 ? "_" : $0 }))
        while name.hasPrefix("'") { name.removeFirst() }
        while name.hasSuffix("'") { name.removeLast() }
        if name.isEmpty { name = "Sheet" } else if name.lowercased() == "history" { name += "_" }
        func cut(_ s: String, _ limit: Int) -> String {
            var out = ""
            for c in s where out.utf16.count + c.utf16.count <= limit { out.append(c) }
            return out
        }
        name = cut(name, 31)
        let lowered = Set(taken.map { $0.lowercased() })
        var candidate = name, n = 2
        while lowered.contains(candidate.lowercased()) {
            let suffix = " (\(n))"
            candidate = cut(name, 31 - suffix.utf16.count) + suffix
            n += 1
        }
        return candidate
    }

    // MARK: Worksheets

    /// The cell formats of styles.xml, by index.
    enum Style: Int { case plain = 0, header = 1, date = 2, wrapped = 3 }

    static let excelEpoch = Day(year: 1899, month: 12, day: 30)!.dayNumber
    static let firstSerialDay = Day(year: 1900, month: 1, day: 1)!
    static let lotusLeapDay = Day(year: 1900, month: 3, day: 1)!

    /// A day → its serial in the 1900 date system (which counts a 1900-02-29 that never was); nil
    /// before 1900.
    static func serial(_ day: Day) -> Int? {
        guard day >= firstSerialDay else { return nil }
        return day.dayNumber - excelEpoch - (day < lotusLeapDay ? 1 : 0)
    }

    /// A number as the cell's value: plain decimal (`85.50`, `-2`, `1e5`) as it is; anything else a
    /// spreadsheet would not read as a number (hexadecimal, `inf`) is nil and written as text.
    static func numberValue(_ text: String) -> String? {
        var digits = 0, i = 0
        let bytes = Array(text.utf8)
        if i < bytes.count && (bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+")) { i += 1 }
        while i < bytes.count && bytes[i] >= 48 && bytes[i] <= 57 { i += 1; digits += 1 }
        if i < bytes.count && bytes[i] == UInt8(ascii: ".") { i += 1; while i < bytes.count && bytes[i] >= 48 && bytes[i] <= 57 { i += 1; digits += 1 } }
        guard digits > 0 else { return nil }
        if i < bytes.count && (bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E")) {
            i += 1
            if i < bytes.count && (bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+")) { i += 1 }
            let start = i
            while i < bytes.count && bytes[i] >= 48 && bytes[i] <= 57 { i += 1 }
            guard i > start else { return nil }
        }
        guard i == bytes.count, let value = Double(text), value.isFinite else { return nil }
        return text.hasPrefix("+") ? String(text.dropFirst()) : text
    }

    /// How wide a text is in a sheet's columns: an East Asian wide or full-width character counts 2;
    /// for text on several lines, its longest line.
    static func displayWidth(_ text: String) -> Int {
        var widest = 0, width = 0
        for scalar in text.unicodeScalars {
            if scalar == "\n" || scalar == "\r" { widest = max(widest, width); width = 0; continue }
            width += isWide(scalar.value) ? 2 : 1
        }
        return max(widest, width)
    }

    static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
             0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
             0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return true
        default: return false
        }
    }

    static func filterRange(_ rows: [[CSV.Cell]]) -> String? {
        let columns = rows.map(\.count).max() ?? 0
        guard rows.count > 1, columns > 0 else { return nil }
        return "A1:\(OOXML.columnName(columns - 1))\(rows.count)"
    }

    /// A worksheet's XML, in three pieces (head, rows, tail): the rows are the bulk, and are not
    /// copied again to put the column widths they decide in front of them.
    static func worksheet(_ rows: [[CSV.Cell]], name: String, selected: Bool, strings: inout SharedStrings) throws(XLSXWriteError) -> [[UInt8]] {
        let columns = rows.map(\.count).max() ?? 0
        guard rows.count <= maxRows, columns <= maxColumns else { throw .tooBig(sheet: name, rows: rows.count, columns: columns) }
        var widths = [Int](repeating: 0, count: columns)
        let names = (0..<columns).map { Array(OOXML.columnName($0).utf8) }
        var body: [UInt8] = []
        body.reserveCapacity(rows.count * max(columns, 1) * 22 + 64)
        func put(_ s: StaticString) { body.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount)) }
        func put(_ s: String) { body.append(contentsOf: s.utf8) }

        for (r, row) in rows.enumerated() {
            let rowNumber = String(r + 1)
            put("<row r=\""); put(rowNumber); put("\">")
            for (c, cell) in row.enumerated() {
                var value = cell.value
                var kind = cell.kind
                var serialDay = 0
                if kind == .date {
                    if let day = Day(iso: value), let s = serial(day) { serialDay = s } else { kind = .text }
                }
                var number = ""
                if kind == .number { if let n = numberValue(value) { number = n } else { kind = .text } }
                if kind == .text {
                    if value.isEmpty { continue }
                    value = CSV.neutralised(value)
                    if value.utf16.count > maxCellLength { throw .cellTooLong(sheet: name, row: r + 1, column: OOXML.columnName(c)) }
                }
                put("<c r=\""); body.append(contentsOf: names[c]); put(rowNumber); put("\"")
                switch kind {
                case .text:
                    let multiLine = value.utf8.contains(10) || value.utf8.contains(13)
                    put(" t=\"s\"")
                    if r == 0 { put(" s=\"1\"") } else if multiLine { put(" s=\"3\"") }
                    put("><v>"); put(String(strings.index(of: value))); put("</v></c>")
                    widths[c] = max(widths[c], displayWidth(value) + (r == 0 ? 1 : 0))
                case .number:
                    if r == 0 { put(" s=\"1\"") }
                    put("><v>"); put(number); put("</v></c>")
                    widths[c] = max(widths[c], number.utf8.count)
                case .date:
                    put(" s=\"2\"><v>"); put(String(serialDay)); put("</v></c>")
                    widths[c] = max(widths[c], 10)
                }
            }
            put("</row>")
        }

        var head = ""
        head += "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        head += "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
        head += "<dimension ref=\"\(columns > 0 && !rows.isEmpty ? "A1:\(OOXML.columnName(columns - 1))\(rows.count)" : "A1")\"/>"
        head += "<sheetViews><sheetView workbookViewId=\"0\"\(selected ? " tabSelected=\"1\"" : "")>"
        if !rows.isEmpty {
            head += "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/><selection pane=\"bottomLeft\" activeCell=\"A2\" sqref=\"A2\"/>"
        }
        head += "</sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"15\"/>"
        if columns > 0 {
            head += "<cols>"
            for (c, w) in widths.enumerated() {
                // Characters of the default font's digit, plus a margin; an empty column stays narrow.
                let width = min(60, max(6, w + 2))
                head += "<col min=\"\(c + 1)\" max=\"\(c + 1)\" width=\"\(width)\" customWidth=\"1\"/>"
            }
            head += "</cols>"
        }
        head += "<sheetData>"
        var tail = "</sheetData>"
        if let range = filterRange(rows) { tail += "<autoFilter ref=\"\(range)\"/>" }
        tail += "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/></worksheet>"
        return [Array(head.utf8), body, Array(tail.utf8)]
    }

    // MARK: Text

    /// The shared strings table: each text once, by the order first used.
    struct SharedStrings {
        var index: [String: Int] = [:]
        var texts: [String] = []
        var references = 0

        mutating func index(of text: String) -> Int {
            references += 1
            if let i = index[text] { return i }
            index[text] = texts.count
            texts.append(text)
            return texts.count - 1
        }

        func xml() -> [UInt8] {
            var out: [UInt8] = []
            out.reserveCapacity(texts.reduce(0) { $0 + $1.utf8.count + 16 } + 256)
            out.append(contentsOf: "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"\(references)\" uniqueCount=\"\(texts.count)\">".utf8)
            for text in texts {
                let scalars = text.unicodeScalars
                let spaced = scalars.first.map { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" } ?? false
                    || scalars.last.map { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" } ?? false
                out.append(contentsOf: (spaced ? "<si><t xml:space=\"preserve\">" : "<si><t>").utf8)
                XLSXWriter.escape(text, into: &out)
                out.append(contentsOf: "</t></si>".utf8)
            }
            out.append(contentsOf: "</sst>".utf8)
            return out
        }
    }

    /// Text as XML element content: `& < >` as entities, CR as `&#13;` (a parser would make a raw
    /// one a line feed), the characters XML 1.0 forbids (C0 controls but TAB, LF, CR; U+FFFE,
    /// U+FFFF) as OOXML's `_xHHHH_`, and a `_` that starts such a sequence in the text as `_x005F_`,
    /// so that every text reads back exactly.
    static func escape(_ text: String, into out: inout [UInt8]) {
        let bytes = Array(text.utf8)
        func hexDigit(_ b: UInt8) -> Bool { (48...57).contains(b) || (65...70).contains(b) || (97...102).contains(b) }
        func hex4(_ v: UInt32) -> String {
            let s = String(v, radix: 16, uppercase: true)
            return String(repeating: "0", count: max(0, 4 - s.count)) + s
        }
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            switch b {
            case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
            case 13: out.append(contentsOf: "&#13;".utf8)
            case 9, 10: out.append(b)
            case 0..<32: out.append(contentsOf: "_x\(hex4(UInt32(b)))_".utf8)
            case UInt8(ascii: "_"):
                if i + 6 < bytes.count, bytes[i + 1] == UInt8(ascii: "x") || bytes[i + 1] == UInt8(ascii: "X"),
                   hexDigit(bytes[i + 2]), hexDigit(bytes[i + 3]), hexDigit(bytes[i + 4]), hexDigit(bytes[i + 5]), bytes[i + 6] == UInt8(ascii: "_") {
                    out.append(contentsOf: "_x005F_".utf8)
                } else {
                    out.append(b)
                }
            case 0xEF where i + 2 < bytes.count && bytes[i + 1] == 0xBF && (bytes[i + 2] == 0xBE || bytes[i + 2] == 0xBF):
                // U+FFFE, U+FFFF
                out.append(contentsOf: "_x\(bytes[i + 2] == 0xBE ? "FFFE" : "FFFF")_".utf8)
                i += 3
                continue
            default: out.append(b)
            }
            i += 1
        }
    }

    /// Text as an XML attribute value (sheet names, defined names).
    static func attribute(_ text: String) -> String {
        var out: [UInt8] = []
        escape(text, into: &out)
        return String(decoding: out, as: UTF8.self).replacingOccurrences(of: "\"", with: "&quot;")
    }

    // MARK: Package parts

    static func contentTypes(sheets: Int) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
            + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
            + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
            + (1...max(1, sheets)).map { "<Override PartName=\"/xl/worksheets/sheet\($0).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>" }.joined()
            + "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
            + "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>"
            + "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
            + "<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
            + "</Types>"
    }

    static let packageRelationships = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
        + "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
        + "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/>"
        + "</Relationships>"

    static let app = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\" xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\"><Application>PartyDesk</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged></Properties>"

    static func core(_ created: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        let when = formatter.string(from: created)
        return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
            + "<dc:creator>PartyDesk</dc:creator><dcterms:created xsi:type=\"dcterms:W3CDTF\">\(when)</dcterms:created><dcterms:modified xsi:type=\"dcterms:W3CDTF\">\(when)</dcterms:modified></cp:coreProperties>"
    }

    static func workbook(_ names: [String], filters: [String?]) -> String {
        var defined = ""
        for (i, range) in filters.enumerated() {
            guard let range, i < names.count else { continue }
            let parts = range.split(separator: ":")
            func absolute(_ ref: Substring) -> String {
                let letters = ref.prefix { $0.isLetter }
                return "$\(letters)$\(ref.dropFirst(letters.count))"
            }
            let quoted = "'" + names[i].replacingOccurrences(of: "'", with: "''") + "'"
            defined += "<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"\(i)\" hidden=\"1\">\(attribute(quoted))!\(absolute(parts[0])):\(absolute(parts[1]))</definedName>"
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
            + "<workbookPr/><bookViews><workbookView activeTab=\"0\"/></bookViews><sheets>"
            + names.enumerated().map { "<sheet name=\"\(attribute($0.element))\" sheetId=\"\($0.offset + 1)\" r:id=\"rId\($0.offset + 1)\"/>" }.joined()
            + "</sheets>" + (defined.isEmpty ? "" : "<definedNames>\(defined)</definedNames>") + "<calcPr calcId=\"191029\"/></workbook>"
    }

    static func workbookRelationships(sheets: Int) -> String {
        let n = max(1, sheets)
        return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + (1...n).map { "<Relationship Id=\"rId\($0)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\($0).xml\"/>" }.joined()
            + "<Relationship Id=\"rId\(n + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
            + "<Relationship Id=\"rId\(n + 2)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>"
            + "</Relationships>"
    }

    /// Cell formats (`Style`): 0 general, 1 bold (the header), 2 a date (yyyy-mm-dd), 3 text on
    /// several lines (wrapped, so the breaks show).
    static let styles = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
        + "<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"yyyy-mm-dd\"/></numFmts>"
        + "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font><font><b/><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font></fonts>"
        + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>"
        + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
        + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
        + "<cellXfs count=\"4\">"
        + "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
        + "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>"
        + "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
        + "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyAlignment=\"1\"><alignment vertical=\"top\" wrapText=\"1\"/></xf>"
        + "</cellXfs>"
        + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
        + "<dxfs count=\"0\"/><tableStyles count=\"0\"/>"
        + "</styleSheet>"
}
