import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Small pieces the workbook reader and writer share: element names without their namespace
/// prefix, OOXML's `_xHHHH_` escapes, cell references (`AB12`).
enum OOXML {
    /// `x:row` → `row` (some producers, the .NET SDK among them, prefix every element).
    @inline(__always) static func local(_ name: String) -> Substring {
        guard let colon = name.utf8.lastIndex(of: UInt8(ascii: ":")) else { return Substring(name) }
        return name[name.utf8.index(after: colon)...]
    }

    /// An attribute by its local name (`r:id`, `id`).
    static func attribute(_ attributes: [String: String], _ name: String) -> String? {
        if let value = attributes[name] { return value }
        for (key, value) in attributes where local(key) == name { return value }
        return nil
    }

    /// Text as a workbook stores it → the text: `_x000D_` is a carriage return, `_x005F_` a `_`
    /// (so `_x005F_x0041_` reads `_x0041_`). A pair of escapes of UTF-16 surrogates is one character;
    /// anything else that is not a valid escape stays as it is.
    static func unescaped(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "_")) else { return text }
        let bytes = Array(text.utf8)
        guard bytes.count >= 7 else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        var changed = false
        func hex(_ b: UInt8) -> UInt32? {
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(b - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(b - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(b - UInt8(ascii: "A") + 10)
            default: return nil
            }
        }
        /// The code unit of an escape at `at`, if there is one.
        func escape(at j: Int) -> UInt32? {
            guard j + 7 <= bytes.count, bytes[j] == UInt8(ascii: "_"), bytes[j + 1] == UInt8(ascii: "x") || bytes[j + 1] == UInt8(ascii: "X"),
                  bytes[j + 6] == UInt8(ascii: "_"),
                  let a = hex(bytes[j + 2]), let b = hex(bytes[j + 3]), let c = hex(bytes[j + 4]), let d = hex(bytes[j + 5]) else { return nil }
            return a << 12 | b << 8 | c << 4 | d
        }
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "_"), let unit = escape(at: i) {
                var scalar: Unicode.Scalar? = nil
                var length = 7
                if (0xD800...0xDBFF).contains(unit), let low = escape(at: i + 7), (0xDC00...0xDFFF).contains(low) {
                    scalar = Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
                    length = 14
                } else {
                    scalar = Unicode.Scalar(unit)
                }
                if let scalar {
                    out.append(contentsOf: String(Character(scalar)).utf8)
                    i += length
                    changed = true
                    continue
                }
            }
            out.append(bytes[i])
            i += 1
        }
        return changed ? String(decoding: out, as: UTF8.self) : text
    }

    /// `B3` → (row 3, column 1); `$B$3` too. Nil when it is not a reference.
    static func cell(_ ref: Substring) -> (row: Int, column: Int)? {
        var column = 0, row = 0
        var letters = 0, digits = 0
        for b in ref.utf8 {
            switch b {
            case UInt8(ascii: "$"): continue
            case UInt8(ascii: "A")...UInt8(ascii: "Z") where digits == 0:
                column = column * 26 + Int(b - UInt8(ascii: "A")) + 1; letters += 1
            case UInt8(ascii: "a")...UInt8(ascii: "z") where digits == 0:
                column = column * 26 + Int(b - UInt8(ascii: "a")) + 1; letters += 1
            case UInt8(ascii: "0")...UInt8(ascii: "9") where letters > 0:
                row = row * 10 + Int(b - UInt8(ascii: "0")); digits += 1
            default: return nil
            }
            if letters > 3 || digits > 7 { return nil }
        }
        guard letters > 0, digits > 0, row > 0 else { return nil }
        return (row, column - 1)
    }

    /// The column of a reference (`B3` → 1), for a cell whose row is known.
    static func column(_ ref: String) -> Int? {
        var column = 0, letters = 0
        for b in ref.utf8 {
            switch b {
            case UInt8(ascii: "$"): continue
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): column = column * 26 + Int(b - UInt8(ascii: "A")) + 1; letters += 1
            case UInt8(ascii: "a")...UInt8(ascii: "z"): column = column * 26 + Int(b - UInt8(ascii: "a")) + 1; letters += 1
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return letters > 0 && letters <= 3 ? column - 1 : nil
            default: return nil
            }
        }
        return nil
    }

    /// Column 0 → `A`, 27 → `AB`.
    static func columnName(_ index: Int) -> String {
        var n = index + 1
        var letters: [UInt8] = []
        while n > 0 {
            let r = (n - 1) % 26
            letters.append(UInt8(ascii: "A") + UInt8(r))
            n = (n - 1) / 26
        }
        return String(decoding: letters.reversed(), as: UTF8.self)
    }
}

/// Runs an XMLParser over a part's bytes, through a stream: libxml2 refuses a document given
/// whole once a line passes 10 MB (a worksheet is one line), and reads a stream chunk by chunk.
/// Returns the line where the XML broke, or nil when it was read to the end. A document cut short
/// (its root element never closed) is broken too: read from a stream, the parser does not say so.
func parseXML(_ data: Data, _ delegate: XMLParserDelegate) -> (line: Int, aborted: Bool)? {
    let parser = XMLParser(stream: InputStream(data: data))
    parser.shouldProcessNamespaces = false
    parser.shouldReportNamespacePrefixes = false
    parser.shouldResolveExternalEntities = false
    let balanced = Balanced(delegate)
    parser.delegate = balanced
    if parser.parse() {
        if balanced.closed { return nil }
        return (max(1, parser.lineNumber), false)
    }
    let aborted = (parser.parserError as NSError?)?.code == XMLParser.ErrorCode.delegateAbortedParseError.rawValue
    return (parser.lineNumber, aborted)
}

/// Passes every event on, counting how deep it is: the document is whole when its root closed.
private final class Balanced: NSObject, XMLParserDelegate {
    let inner: XMLParserDelegate
    var depth = 0, closed = false
    init(_ inner: XMLParserDelegate) { self.inner = inner }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
                attributes: [String: String] = [:]) {
        depth += 1
        inner.parser(parser, didStartElement: elementName, namespaceURI: namespaceURI, qualifiedName: qName, attributes: attributes)
    }
    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        inner.parser(parser, didEndElement: elementName, namespaceURI: namespaceURI, qualifiedName: qName)
        depth -= 1
        if depth == 0 { closed = true }
    }
    func parser(_ parser: XMLParser, foundCharacters string: String) { inner.parser(parser, foundCharacters: string) }
}
