import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import PartyModel
import ZIPFoundation

/// Why a workbook could not be read: the file (as the user named it) and what went wrong.
/// `message(_:)` says it, and what to do, in the user's language (WorkbookText).
public struct XLSXError: Error, Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        /// Not a ZIP archive, or a damaged one (cut short, a bad checksum).
        case damaged
        /// A ZIP that holds no spreadsheet workbook: an OpenDocument sheet (.ods), an Excel binary
        /// workbook (.xlsb), a Word document …; `kind` names it when it is known.
        case notWorkbook(kind: String?)
        /// A part the workbook needs is absent (`xl/workbook.xml`).
        case missingPart(String)
        /// A part is not well-formed XML (or names a shared string that is not there), at `line`.
        case badPart(String, line: Int)
        /// The workbook has no worksheet.
        case noSheets
        /// `--sheet` named no sheet: what was asked, and the sheets there are.
        case sheetNotFound(String, available: [String])
        /// A part bigger than any ledger (a ZIP bomb, or not a ledger at all).
        case tooLarge(String)
    }
    public var file: String
    public var kind: Kind
    /// The sheet the error is in, when it is about one.
    public var sheet: String?

    public init(file: String, kind: Kind, sheet: String? = nil) { self.file = file; self.kind = kind; self.sheet = sheet }

    public func message(_ lang: Language) -> String { WorkbookText.message(self, lang) }
}

/// Reads an Office Open XML workbook (.xlsx as Excel, WPS and LibreOffice save it) into
/// `SheetGrid`s: cells as a person reads them (shared and inline strings, the cached result of a
/// formula, numbers without `.0`, TRUE/FALSE, `#N/A`, and a number with a date format as an ISO
/// date), the row numbers of the sheet and its merged ranges.
///
/// The worksheet is inflated into memory and read by FoundationXML's SAX parser in chunks (no
/// document tree): 100,000 rows × 10 columns is ~40 MB of XML.
public struct XLSXReader {
    /// A sheet of the workbook, in tab order.
    public struct Sheet: Equatable, Sendable {
        public var name: String
        /// Hidden (or "very hidden") tabs: not the default, not counted by `--sheet N`.
        public var hidden: Bool
        /// The worksheet part (`xl/worksheets/sheet1.xml`).
        var part: String
    }

    /// The name messages give the file (as the user typed it).
    public let file: String
    /// Every worksheet, in tab order (chart sheets left out).
    public let sheets: [Sheet]
    /// The sheets a person sees, in tab order: `--sheet N` counts these.
    public var visibleSheets: [Sheet] { let v = sheets.filter { !$0.hidden }; return v.isEmpty ? sheets : v }

    private let archive: Archive
    /// Entries by their path in lower case, `/` separated, without a leading `/` (producers differ).
    private let entries: [String: Entry]
    private let workbookPart: String
    private let date1904: Bool

    /// The largest part read (inflated): far above any ledger (a 1,000,000-row sheet is ~400 MB).
    static let largestPart: UInt64 = 1 << 30

    public init(path: String, file: String? = nil) throws(XLSXError) {
        let name = file ?? path
        let archive: Archive
        do { archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read) } catch {
            throw XLSXError(file: name, kind: .damaged)
        }
        try self.init(archive: archive, file: name)
    }

    public init(data: Data, file: String) throws(XLSXError) {
        let archive: Archive
        do { archive = try Archive(data: data, accessMode: .read) } catch { throw XLSXError(file: file, kind: .damaged) }
        try self.init(archive: archive, file: file)
    }

    private init(archive: Archive, file: String) throws(XLSXError) {
        self.archive = archive
        self.file = file
        var entries: [String: Entry] = [:]
        for entry in archive { entries[Self.normalised(entry.path)] = entry }
        self.entries = entries
        if entries.isEmpty { throw XLSXError(file: file, kind: .damaged) }

        // The package's relationships name the workbook; xl/workbook.xml when they are absent.
        var workbookPart = "xl/workbook.xml"
        if let rels = try Self.relationships(of: "", in: entries, archive: archive, file: file),
           let office = rels.first(where: { $0.type.hasSuffix("/officeDocument") }) {
            workbookPart = office.target
        }
        guard entries[workbookPart] != nil else {
            if entries["xl/workbook.bin"] != nil { throw XLSXError(file: file, kind: .notWorkbook(kind: "xlsb")) }
            if entries["content.xml"] != nil, entries["mimetype"] != nil { throw XLSXError(file: file, kind: .notWorkbook(kind: "ods")) }
            if entries["word/document.xml"] != nil { throw XLSXError(file: file, kind: .notWorkbook(kind: "docx")) }
            if entries["[content_types].xml"] == nil { throw XLSXError(file: file, kind: .notWorkbook(kind: nil)) }
            throw XLSXError(file: file, kind: .missingPart(workbookPart))
        }
        self.workbookPart = workbookPart
        let rels = try Self.relationships(of: workbookPart, in: entries, archive: archive, file: file) ?? []
        let workbook = WorkbookParser()
        try Self.parse(workbookPart, workbook, in: entries, archive: archive, file: file)
        self.date1904 = workbook.date1904
        var sheets: [Sheet] = []
        for s in workbook.sheets {
            if let rel = rels.first(where: { $0.id == s.relationship }) {
                // Worksheets only: a chart sheet or a dialog sheet has no cells.
                guard rel.type.hasSuffix("/worksheet") else { continue }
                sheets.append(Sheet(name: s.name, hidden: s.hidden, part: rel.target))
            } else if rels.isEmpty {
                // No relationships part at all: the usual names, in order.
                sheets.append(Sheet(name: s.name, hidden: s.hidden, part: "xl/worksheets/sheet\(sheets.count + 1).xml"))
            }
        }
        self.sheets = sheets
    }

    /// The sheet `--sheet` names: by name (exactly, else ignoring case and surrounding spaces), else
    /// by its number among the visible tabs (1 = the first); nil = the first visible sheet.
    public func sheet(named selector: String?) throws(XLSXError) -> Sheet {
        guard !sheets.isEmpty else { throw XLSXError(file: file, kind: .noSheets) }
        let visible = visibleSheets
        guard let selector else { return visible[0] }
        if let exact = sheets.first(where: { $0.name == selector }) { return exact }
        let folded = selector.trimmingCharacters(in: .whitespaces).lowercased()
        if let loose = sheets.first(where: { $0.name.trimmingCharacters(in: .whitespaces).lowercased() == folded }) { return loose }
        if let n = Int(folded), (1...visible.count).contains(n) { return visible[n - 1] }
        throw XLSXError(file: file, kind: .sheetNotFound(selector, available: visible.map(\.name)))
    }

    /// Reads one sheet (the first visible one by default; see `sheet(named:)`).
    public func read(sheet selector: String? = nil) throws(XLSXError) -> SheetGrid {
        let sheet = try self.sheet(named: selector)
        let rels = try Self.relationships(of: workbookPart, in: entries, archive: archive, file: file) ?? []
        func part(_ suffix: String, _ fallback: String) -> String {
            rels.first(where: { $0.type.hasSuffix(suffix) })?.target ?? fallback
        }
        let strings = SharedStringsParser()
        let stringsPart = part("/sharedStrings", "xl/sharedstrings.xml")
        if entries[stringsPart] != nil { try Self.parse(stringsPart, strings, in: entries, archive: archive, file: file) }
        let styles = StylesParser()
        let stylesPart = part("/styles", "xl/styles.xml")
        if entries[stylesPart] != nil { try Self.parse(stylesPart, styles, in: entries, archive: archive, file: file) }

        guard entries[sheet.part] != nil else { throw XLSXError(file: file, kind: .missingPart(sheet.part), sheet: sheet.name) }
        let worksheet = WorksheetParser(strings: strings.strings, formats: styles.formats(), date1904: date1904)
        try Self.parse(sheet.part, worksheet, in: entries, archive: archive, file: file, sheet: sheet.name)
        if worksheet.badString { throw XLSXError(file: file, kind: .badPart(sheet.part, line: worksheet.badStringLine), sheet: sheet.name) }
        return SheetGrid(name: sheet.name, rows: worksheet.rows, merges: worksheet.merges)
    }

    // MARK: Parts

    static func normalised(_ path: String) -> String {
        var p = path.replacingOccurrences(of: "\\", with: "/").lowercased()
        while p.hasPrefix("/") { p.removeFirst() }
        return p
    }

    /// `target` of a relationship in `base`'s folder → the part's normalised path (`../`, `/` handled).
    static func resolve(_ target: String, from base: String) -> String {
        if target.hasPrefix("/") { return normalised(target) }
        var folder = normalised(base).split(separator: "/").map(String.init)
        if !folder.isEmpty { folder.removeLast() }  // the part's own name
        for component in normalised(target).split(separator: "/") {
            if component == ".." { if !folder.isEmpty { folder.removeLast() } } else if component != "." { folder.append(String(component)) }
        }
        return folder.joined(separator: "/")
    }

    struct Relationship { var id: String; var type: String; var target: String }

    /// The relationships of a part (`""` = the package), nil when it has none.
    static func relationships(of part: String, in entries: [String: Entry], archive: Archive, file: String) throws(XLSXError) -> [Relationship]? {
        let folder = (part as NSString).deletingLastPathComponent
        let name = (part as NSString).lastPathComponent
        let relsPart = (folder.isEmpty ? "" : folder + "/") + "_rels/" + name + ".rels"
        guard entries[relsPart] != nil else { return nil }
        let parser = RelationshipsParser()
        try parse(relsPart, parser, in: entries, archive: archive, file: file)
        return parser.relationships.map { Relationship(id: $0.id, type: $0.type, target: resolve($0.target, from: part.isEmpty ? "x" : part)) }
    }

    /// Inflates a part and runs a SAX parser over it.
    static func parse(_ part: String, _ delegate: XMLParserDelegate, in entries: [String: Entry], archive: Archive, file: String,
                      sheet: String? = nil) throws(XLSXError) {
        guard let entry = entries[part] else { throw XLSXError(file: file, kind: .missingPart(part), sheet: sheet) }
        if entry.uncompressedSize > largestPart { throw XLSXError(file: file, kind: .tooLarge(part), sheet: sheet) }
        var data = Data()
        data.reserveCapacity(Int(entry.uncompressedSize))
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                // A size the directory understated (a ZIP bomb) is caught as it inflates.
                guard UInt64(data.count + chunk.count) <= largestPart else { throw XLSXError(file: file, kind: .tooLarge(part), sheet: sheet) }
                data.append(chunk)
            }
        } catch let error as XLSXError {
            throw error
        } catch {
            throw XLSXError(file: file, kind: .damaged, sheet: sheet)
        }
        if let broken = parseXML(data, delegate) {
            throw XLSXError(file: file, kind: .badPart(entry.path, line: broken.line), sheet: sheet)
        }
    }
}

// MARK: - The parts' parsers (SAX delegates)

/// `_rels/*.rels`: `<Relationship Id Type Target/>`.
final class RelationshipsParser: NSObject, XMLParserDelegate {
    var relationships: [(id: String, type: String, target: String)] = []
    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
                attributes: [String: String] = [:]) {
        guard OOXML.local(elementName) == "Relationship", OOXML.attribute(attributes, "TargetMode") != "External",
              let id = OOXML.attribute(attributes, "Id"), let target = OOXML.attribute(attributes, "Target") else { return }
        relationships.append((id, OOXML.attribute(attributes, "Type") ?? "", target))
    }
}

/// `xl/workbook.xml`: the sheets in tab order and the date system.
final class WorkbookParser: NSObject, XMLParserDelegate {
    var sheets: [(name: String, relationship: String, hidden: Bool)] = []
    var date1904 = false
    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
                attributes: [String: String] = [:]) {
        switch OOXML.local(elementName) {
        case "workbookPr":
            if let value = OOXML.attribute(attributes, "date1904") { date1904 = value == "1" || value.lowercased() == "true" }
        case "sheet":
            let state = OOXML.attribute(attributes, "state") ?? "visible"
            sheets.append((OOXML.unescaped(OOXML.attribute(attributes, "name") ?? ""), OOXML.attribute(attributes, "id") ?? "", state != "visible"))
        default: break
        }
    }
}

/// `xl/sharedStrings.xml`: each `<si>` is the text of its `<t>`s (rich text runs joined), its
/// phonetic guides (`<rPh>`, furigana and pinyin) left out.
final class SharedStringsParser: NSObject, XMLParserDelegate {
    var strings: [String] = []
    private var text = ""
    private var inItem = false, inText = false, phonetic = 0
    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
                attributes: [String: String] = [:]) {
        switch OOXML.local(elementName) {
        case "si": inItem = true; text = ""
        case "t": inText = inItem && phonetic == 0
        case "rPh": phonetic += 1
        case "sst": if let n = OOXML.attribute(attributes, "uniqueCount").flatMap(Int.init), n > 0 { strings.reserveCapacity(min(n, 2_000_000)) }
        default: break
        }
    }
    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        switch OOXML.local(elementName) {
        case "si": strings.append(OOXML.unescaped(text)); inItem = false
        case "t": inText = false
        case "rPh": phonetic -= 1
        default: break
        }
    }
    func parser(_ parser: XMLParser, foundCharacters string: String) { if inText { text += string } }
}

/// What a number format makes of a number: a date (the time of day, if shown, dropped), a time of
/// day, or a number.
enum NumberShape: UInt8 { case number, date, time }

/// `xl/styles.xml`: each cell format (`cellXfs`, by the `s` of a cell) → its number format's shape.
final class StylesParser: NSObject, XMLParserDelegate {
    private var custom: [Int: String] = [:]
    private var cellFormats: [Int] = []
    private var inCellXfs = false

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
                attributes: [String: String] = [:]) {
        switch OOXML.local(elementName) {
        case "numFmt":
            if let id = OOXML.attribute(attributes, "numFmtId").flatMap(Int.init) { custom[id] = OOXML.attribute(attributes, "formatCode") ?? "" }
        case "cellXfs": inCellXfs = true
        case "xf" where inCellXfs: cellFormats.append(OOXML.attribute(attributes, "numFmtId").flatMap(Int.init) ?? 0)
        default: break
        }
    }
    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        if OOXML.local(elementName) == "cellXfs" { inCellXfs = false }
    }

    /// The shape of every cell format, by its index.
    func formats() -> [NumberShape] {
        cellFormats.map { id in custom[id].map(Self.shape(code:)) ?? Self.shape(builtIn: id) }
    }

    /// Built-in formats: 14–17 and 22 dates (m/d/yyyy, d-mmm-yy …, m/d/yy h:mm), 18–21 and 45–47
    /// times; the Chinese and Japanese locales' 27–31, 36, 50–54, 57, 58 dates (yyyy"年"m"月"d"日" …)
    /// and 32–35, 55, 56 times (h"时"mm"分" …).
    static func shape(builtIn id: Int) -> NumberShape {
        switch id {
        case 14...17, 22, 27...31, 36, 50...54, 57, 58: return .date
        case 18...21, 32...35, 45...47, 55, 56: return .time
        default: return .number
        }
    }

    /// A format code's shape: y or d (outside quoted text, `\`-escaped characters and `[…]` — colours,
    /// locales, elapsed hours) make a date; else h or s a time (m is then minutes); else m a month.
    static func shape(code: String) -> NumberShape {
        var year = false, day = false, month = false, hour = false, second = false
        var quoted = false, bracket = false, skipNext = false
        for c in code.unicodeScalars {
            if skipNext { skipNext = false; continue }
            if quoted { if c == "\"" { quoted = false }; continue }
            if bracket { if c == "]" { bracket = false }; continue }
            switch c {
            case "\"": quoted = true
            case "[": bracket = true
            case "\\", "_", "*": skipNext = true    // an escaped character; `_x` a space as wide as x; `*x` a fill
            case "y", "Y": year = true
            case "d", "D": day = true
            case "m", "M": month = true
            case "h", "H": hour = true
            case "s", "S": second = true
            default: break
            }
        }
        if year || day { return .date }
        if hour || second { return .time }
        return month ? .date : .number
    }
}

/// A worksheet, streamed: rows (by their sheet row numbers) of cells as text, and merged ranges.
/// Rows that hold no text are left out (a person sees no row there: formatting only).
final class WorksheetParser: NSObject, XMLParserDelegate {
    private let strings: [String]
    private let formats: [NumberShape]
    private let date1904: Bool

    var rows: [(line: Int, fields: [String])] = []
    var merges: [MergedRange] = []
    /// A cell named a shared string that is not there.
    var badString = false
    var badStringLine = 0

    private enum CellType { case number, shared, inline, formulaText, boolean, error, isoDate }
    private var inSheetData = false
    private var rowNumber = 0
    private var fields: [String] = []
    private var lastColumn = -1
    private var column = 0
    private var type = CellType.number
    private var style = 0
    private var value = ""
    private var capture = false
    private var inInline = false, phonetic = 0
    private var width = 8

    init(strings: [String], formats: [NumberShape], date1904: Bool) {
        self.strings = strings; self.formats = formats; self.date1904 = date1904
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
                attributes: [String: String] = [:]) {
        switch OOXML.local(elementName) {
        case "c" where inSheetData:
            if let ref = attributes["r"], let c = OOXML.column(ref) { column = c } else { column = lastColumn + 1 }
            lastColumn = column
            style = attributes["s"].flatMap { Int($0) } ?? 0
            switch attributes["t"] {
            case nil, "n": type = .number
            case "s": type = .shared
            case "inlineStr": type = .inline
            case "str": type = .formulaText
            case "b": type = .boolean
            case "e": type = .error
            case "d": type = .isoDate
            default: type = .formulaText
            }
            value = ""
        case "v" where inSheetData: capture = type != .inline; value = ""
        case "is" where inSheetData: inInline = true
        case "t" where inInline: capture = phonetic == 0
        case "rPh" where inInline: phonetic += 1
        case "row":
            if let r = attributes["r"].flatMap({ Int($0) }), r > 0 { rowNumber = r } else { rowNumber += 1 }
            lastColumn = -1
            fields.removeAll(keepingCapacity: true)
        case "sheetData": inSheetData = true
        case "mergeCell":
            if let ref = attributes["ref"] {
                let ends = ref.split(separator: ":")
                if let first = ends.first, let a = OOXML.cell(first), let b = OOXML.cell(ends.last!) {
                    merges.append(MergedRange(rows: min(a.row, b.row)...max(a.row, b.row), columns: min(a.column, b.column)...max(a.column, b.column)))
                }
            }
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        switch OOXML.local(elementName) {
        case "v", "t": capture = false
        case "rPh" where inInline: phonetic -= 1
        case "is": inInline = false
        case "c" where inSheetData:
            let text = cellText(parser)
            if !text.isEmpty {
                if column >= fields.count {
                    if column > 16_383 { return }
                    fields.append(contentsOf: repeatElement("", count: column - fields.count + 1))
                }
                fields[column] = text
            }
        case "row" where inSheetData:
            if !fields.isEmpty {
                rows.append((rowNumber, fields))
                width = max(width, fields.count)
                fields = []
                fields.reserveCapacity(width)
            }
        case "sheetData": inSheetData = false
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { if capture { value += string } }

    private func cellText(_ parser: XMLParser) -> String {
        switch type {
        case .shared:
            guard let i = Int(value.trimmingCharacters(in: .whitespaces)), strings.indices.contains(i) else {
                if !value.isEmpty, !badString { badString = true; badStringLine = parser.lineNumber }
                return ""
            }
            return strings[i]
        case .inline, .formulaText: return OOXML.unescaped(value)
        case .error: return value
        case .boolean: return value == "1" || value.lowercased() == "true" ? "TRUE" : value.isEmpty ? "" : "FALSE"
        case .isoDate:
            // ISO 8601 (`2026-03-05T14:30:00`): the day.
            let day = value.prefix(10)
            return Day(iso: String(day)) != nil ? String(day) : value
        case .number:
            guard !value.isEmpty else { return "" }
            guard let number = Double(value.trimmingCharacters(in: .whitespaces)), number.isFinite else { return value }
            let shape = style >= 0 && style < formats.count ? formats[style] : .number
            switch shape {
            case .number: return SheetNumber.text(number)
            case .date: return SheetNumber.date(serial: number, date1904: date1904) ?? SheetNumber.text(number)
            case .time: return SheetNumber.time(serial: number)
            }
        }
    }
}

/// Numbers and serial dates as a person reads them in the sheet.
public enum SheetNumber {
    /// 13800138000 (not 1.38e10), 3 (not 3.0), 0.1 (not 0.1000000000000001): an integer as is, else
    /// the shortest text that reads back as the same number, to the 15 significant digits a
    /// spreadsheet shows (0.1+0.2 is 0.3), never in exponent form.
    public static func text(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e18 { return String(Int64(value)) }
        var s = "\(value)"
        if significantDigits(s) > 15, let shorter = Double(String(format: "%.15g", value)) { s = "\(shorter)" }
        return plain(s)
    }

    private static func significantDigits(_ s: String) -> Int {
        let mantissa = s.split(separator: "e").first ?? Substring(s)
        let digits = mantissa.filter(\.isNumber).drop { $0 == "0" }
        return digits.count
    }

    /// `1.5e-05` → `0.000015`, `1e+20` → `100000000000000000000`.
    static func plain(_ s: String) -> String {
        guard let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }), let exponent = Int(s[s.index(after: e)...]) else { return s }
        var mantissa = String(s[..<e])
        let negative = mantissa.hasPrefix("-")
        if negative { mantissa.removeFirst() }
        let point = mantissa.firstIndex(of: ".").map { mantissa.distance(from: mantissa.startIndex, to: $0) } ?? mantissa.count
        let digits = mantissa.filter { $0 != "." }
        let position = point + exponent
        var out: String
        if position <= 0 {
            out = "0." + String(repeating: "0", count: -position) + digits
        } else if position >= digits.count {
            out = digits + String(repeating: "0", count: position - digits.count)
        } else {
            out = String(digits.prefix(position)) + "." + String(digits.dropFirst(position))
        }
        if out.contains(".") { while out.hasSuffix("0") { out.removeLast() }; if out.hasSuffix(".") { out.removeLast() } }
        return (negative ? "-" : "") + out
    }

    private static let excelEpoch = Day(year: 1899, month: 12, day: 30)!.dayNumber
    private static let epoch1904 = Day(year: 1904, month: 1, day: 1)!.dayNumber

    /// A serial date → ISO (`46086` → `2026-03-05`), the time of day dropped. The 1900 system
    /// counts Lotus's 1900-02-29 (serial 60), so serials before it are a day off from the rest;
    /// serial 60 itself, 0 (`1900-01-00`) and negative serials are no real day: nil.
    public static func date(serial: Double, date1904: Bool) -> String? {
        // Half a millisecond: a date-time just before midnight that a spreadsheet rounds up.
        let whole = (serial + 0.5 / 86_400_000).rounded(.down)
        guard whole.isFinite, abs(whole) < 3_000_000 else { return nil }
        let n = Int(whole)
        let dayNumber: Int
        if date1904 {
            guard n >= 0 else { return nil }
            dayNumber = epoch1904 + n
        } else {
            guard n >= 1, n != 60 else { return nil }
            dayNumber = n < 60 ? excelEpoch + n + 1 : excelEpoch + n
        }
        let day = Day(dayNumber: dayNumber)
        guard day.year <= 9999 else { return nil }
        return day.iso
    }

    /// A time of day (`0.6041666` → `14:30`; seconds shown when there are any).
    public static func time(serial: Double) -> String {
        var seconds = Int(((serial - serial.rounded(.down)) * 86_400).rounded())
        if seconds >= 86_400 { seconds = 0 }
        let h = seconds / 3600, m = seconds / 60 % 60, s = seconds % 60
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return s == 0 ? "\(h):\(two(m))" : "\(h):\(two(m)):\(two(s))"
    }
}
