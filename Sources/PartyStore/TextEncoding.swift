#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// The encodings Excel and WPS on Windows read and write: UTF-8 with a byte order mark (what Excel
/// needs to show Chinese), plain UTF-8, and GB18030 (older WPS and Excel). GB18030 goes through
/// iconv from the C library.
public enum TextEncoding: String, CaseIterable, Sendable {
    case utf8BOM = "utf8-bom"
    case utf8
    case gb18030

    public func encode(_ text: String) -> Data? {
        switch self {
        case .utf8BOM: return Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8)
        case .utf8: return Data(text.utf8)
        case .gb18030: return Iconv.convert(Data(text.utf8), from: "UTF-8", to: "GB18030")
        }
    }

    /// Reads bytes as UTF-8 (with or without a BOM) when they are valid UTF-8, else as GB18030.
    public static func decode(_ data: Data) -> (text: String, encoding: TextEncoding)? {
        if data.starts(with: [0xEF, 0xBB, 0xBF]), let text = String(validating: data.dropFirst(3), as: UTF8.self) { return (text, .utf8BOM) }
        if let text = String(validating: data, as: UTF8.self) { return (text, .utf8) }
        if let converted = Iconv.convert(data, from: "GB18030", to: "UTF-8"), let text = String(validating: converted, as: UTF8.self) {
            return (text, .gb18030)
        }
        return nil
    }
}

enum Iconv {
    static func convert(_ data: Data, from: String, to: String) -> Data? {
        let cd = iconv_open(to, from)
        guard cd != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(cd) }
        var input = [UInt8](data)
        var output = [UInt8](repeating: 0, count: max(16, data.count * 4))
        var inLeft = input.count, outLeft = output.count
        let ok = input.withUnsafeMutableBytes { inRaw -> Bool in
            output.withUnsafeMutableBytes { outRaw -> Bool in
                var inPtr = inRaw.baseAddress?.assumingMemoryBound(to: CChar.self)
                var outPtr = outRaw.baseAddress?.assumingMemoryBound(to: CChar.self)
                return iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft) != -1
            }
        }
        guard ok, inLeft == 0 else { return nil }
        return Data(output[0..<(output.count - outLeft)])
    }
}

extension CSV {
    /// RFC 4180 records with the line each starts on (1-based), quotes and embedded line breaks
    /// handled. (Written here rather than taken from a package: error messages need the physical
    /// line of each record, and the text arrives already decoded from GB18030 or UTF-8.)
    public static func parse(_ text: String) -> [(line: Int, fields: [String])] {
        var records: [(Int, [String])] = []
        var fields: [String] = []
        var field = ""
        var inQuotes = false
        var line = 1, recordLine = 1
        var chars = Array(text)
        if chars.first == "\u{FEFF}" { chars.removeFirst() }
        var i = 0
        func endRecord() {
            fields.append(field)
            if !(fields.count == 1 && fields[0].isEmpty) { records.append((recordLine, fields)) }
            fields = []; field = ""
        }
        while i < chars.count {
            let c = chars[i]
            if inQuotes {
                if c == "\"" {
                    if i + 1 < chars.count && chars[i + 1] == "\"" { field.append("\""); i += 1 } else { inQuotes = false }
                } else {
                    if c == "\n" || c == "\r\n" { line += 1 }
                    field.append(c)
                }
            } else if c == "\"" && field.isEmpty {
                inQuotes = true
            } else if c == "," {
                fields.append(field); field = ""
            } else if c == "\n" || c == "\r\n" || c == "\r" {
                endRecord()
                line += 1
                recordLine = line
            } else {
                field.append(c)
            }
            i += 1
        }
        if !field.isEmpty || !fields.isEmpty { endRecord() }
        return records
    }
}
