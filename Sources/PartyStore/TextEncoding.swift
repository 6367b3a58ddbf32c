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
    /// A quoted field that is never closed: it began on `line` (1-based), and without this error
    /// it would swallow the rows after it.
    public struct ParseError: Error, Equatable, Sendable {
        public var line: Int
    }

    /// RFC 4180 records with the line each starts on (1-based), quotes and embedded line breaks
    /// handled. (Written here rather than taken from a package: error messages need the physical
    /// line of each record, and the text arrives already decoded from GB18030 or UTF-8.) Read over
    /// the UTF-8 bytes: the separators are ASCII, which never occur inside a multi-byte character.
    ///
    /// A quote that opens a field must close it, followed by a comma, a line end or the end of the
    /// text; otherwise (a quote left open, or a lone quote inside a quoted field) the field's text is
    /// unknowable and `ParseError` names the line where the field began.
    public static func parse(_ text: String, separator: UInt8 = UInt8(ascii: ",")) throws(ParseError) -> [(line: Int, fields: [String])] {
        var text = text
        let result: Result<[(line: Int, fields: [String])], ParseError> = text.withUTF8 { parse(bytes: $0, separator: separator) }
        return try result.get()
    }

    private static func parse(bytes b: UnsafeBufferPointer<UInt8>, separator comma: UInt8) -> Result<[(line: Int, fields: [String])], ParseError> {
        let quote = UInt8(ascii: "\""), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        var records: [(line: Int, fields: [String])] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var line = 1, recordLine = 1
        var i = b.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let n = b.count
        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
        }
        func endRecord() {
            endField()
            if !(fields.count == 1 && fields[0].isEmpty) { records.append((recordLine, fields)) }
            // The next record as wide as this one (not 16 slots for 7 cells: 200,000 rows are kept).
            let width = fields.count
            fields = []
            fields.reserveCapacity(width)
        }
        /// A line break at `i` (LF, CRLF or a lone CR): its length, or 0.
        func lineBreak(_ i: Int) -> Int {
            if b[i] == lf { return 1 }
            if b[i] == cr { return i + 1 < n && b[i + 1] == lf ? 2 : 1 }
            return 0
        }
        while i < n {
            let c = b[i]
            if c == quote && field.isEmpty {
                // A quoted field, to its closing quote.
                let startLine = line
                i += 1
                var closed = false
                while i < n {
                    let q = b[i]
                    if q == quote {
                        if i + 1 < n && b[i + 1] == quote { field.append(quote); i += 2; continue }
                        i += 1
                        closed = true
                        break
                    }
                    let br = lineBreak(i)
                    if br > 0 { line += 1; field.append(contentsOf: UnsafeBufferPointer(rebasing: b[i..<(i + br)])); i += br; continue }
                    field.append(q)
                    i += 1
                }
                guard closed, i == n || b[i] == comma || b[i] == lf || b[i] == cr else { return .failure(ParseError(line: startLine)) }
                continue
            }
            if c == comma {
                endField()
                i += 1
            } else if lineBreak(i) > 0 {
                i += lineBreak(i)
                endRecord()
                line += 1
                recordLine = line
            } else {
                field.append(c)
                i += 1
            }
        }
        if !field.isEmpty || !fields.isEmpty { endRecord() }
        return .success(records)
    }
}
