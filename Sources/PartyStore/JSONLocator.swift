import PartyModel

/// A small JSON reader that remembers where every value starts. It runs only when something went
/// wrong (a syntax error, or a value the decoder or validator rejected), to turn a JSON path into a
/// line and column, so the fast decoder stays on the normal path.
struct JSONLocator {
    indirect enum Node {
        case object([(key: String, value: Node)], offset: Int)
        case array([Node], offset: Int)
        case scalar(offset: Int)

        var offset: Int {
            switch self {
            case .object(_, let o), .array(_, let o), .scalar(let o): o
            }
        }
    }

    struct Failure: Error {
        var issue: SyntaxIssue
        var offset: Int
        /// Where in the document the reader was: the value being read when it failed.
        var path: [PathComponent] = []
    }

    static let depthLimit = 512

    private let bytes: [UInt8]
    private var index = 0
    private var path: [PathComponent] = []
    private var checkNumberRange = true

    /// Parses `bytes` fully; throws the first syntax problem with its byte offset. With
    /// `checkNumberRange`, numbers JSONDecoder cannot represent count as problems too.
    static func parse(_ bytes: [UInt8], checkNumberRange: Bool = true) throws(Failure) -> Node {
        if bytes.isEmpty { throw Failure(issue: .emptyFile, offset: 0) }
        if let bad = firstInvalidUTF8(bytes) { throw Failure(issue: .invalidUTF8, offset: bad) }
        var reader = JSONLocator(bytes: bytes)
        reader.checkNumberRange = checkNumberRange
        // A UTF-8 byte order mark is tolerated, as editors on Windows write one.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { reader.index = 3 }
        reader.skipSpace()
        if reader.index == bytes.count { throw Failure(issue: .emptyFile, offset: 0) }
        let root: Node
        do { root = try reader.value(depth: 0) } catch {
            var failure = error
            failure.path = reader.path
            throw failure
        }
        reader.skipSpace()
        if reader.index < bytes.count { throw Failure(issue: .trailingContent, offset: reader.index) }
        return root
    }

    /// The node at a path of object keys and array indices, or the deepest node reached.
    static func locate(_ path: [PathComponent], in root: Node) -> Node {
        var node = root
        for component in path {
            switch (node, component) {
            case (.object(let members, _), .key(let key)):
                guard let found = members.last(where: { $0.key == key }) else { return node }
                node = found.value
            case (.array(let items, _), .index(let i)):
                guard items.indices.contains(i) else { return node }
                node = items[i]
            default:
                return node
            }
        }
        return node
    }

    /// 1-based line and column (in characters) of a byte offset.
    static func lineColumn(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        var line = 1, column = 1
        for b in bytes[0..<min(offset, bytes.count)] {
            if b == UInt8(ascii: "\n") { line += 1; column = 1 }
            else if b & 0xC0 != 0x80 { column += 1 }
        }
        return (line, column)
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private mutating func skipSpace() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    private func unexpected() -> Failure {
        guard index < bytes.count else { return Failure(issue: .unexpectedEnd, offset: index) }
        let b = bytes[index]
        var end = index + 1
        while end < bytes.count && bytes[end] & 0xC0 == 0x80 { end += 1 }
        let text = String(decoding: bytes[index..<end], as: UTF8.self)
        return Failure(issue: .unexpectedCharacter(b < 0x20 ? "U+\(String(b, radix: 16))" : "'\(text)'"), offset: index)
    }

    private mutating func value(depth: Int) throws(Failure) -> Node {
        guard depth < Self.depthLimit else { throw Failure(issue: .tooDeep(limit: Self.depthLimit), offset: index) }
        guard index < bytes.count else { throw Failure(issue: .unexpectedEnd, offset: index) }
        let start = index
        switch bytes[index] {
        case UInt8(ascii: "{"):
            index += 1
            var members: [(key: String, value: Node)] = []
            var keys = Set<String>()
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members, offset: start) }
            while true {
                skipSpace()
                // JSONDecoder accepts a trailing comma; so does the locator, to agree with it.
                if index < bytes.count, bytes[index] == UInt8(ascii: "}"), !members.isEmpty { index += 1; return .object(members, offset: start) }
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw unexpected() }
                let keyOffset = index
                let key = try string()
                path.append(.key(key))
                // A key given twice: which value is meant cannot be known (JSONDecoder would keep the first).
                guard keys.insert(key).inserted else { throw Failure(issue: .duplicateKey(key), offset: keyOffset) }
                path.removeLast()
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw unexpected() }
                index += 1
                skipSpace()
                path.append(.key(key))
                members.append((key, try value(depth: depth + 1)))
                path.removeLast()
                skipSpace()
                guard index < bytes.count else { throw Failure(issue: .unexpectedEnd, offset: index) }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                if bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members, offset: start) }
                throw unexpected()
            }
        case UInt8(ascii: "["):
            index += 1
            var items: [Node] = []
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items, offset: start) }
            while true {
                skipSpace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "]"), !items.isEmpty { index += 1; return .array(items, offset: start) }
                path.append(.index(items.count))
                items.append(try value(depth: depth + 1))
                path.removeLast()
                skipSpace()
                guard index < bytes.count else { throw Failure(issue: .unexpectedEnd, offset: index) }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                if bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items, offset: start) }
                throw unexpected()
            }
        case UInt8(ascii: "\""):
            _ = try string()
            return .scalar(offset: start)
        case UInt8(ascii: "t"): try literal("true"); return .scalar(offset: start)
        case UInt8(ascii: "f"): try literal("false"); return .scalar(offset: start)
        case UInt8(ascii: "n"): try literal("null"); return .scalar(offset: start)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            try number()
            return .scalar(offset: start)
        default:
            throw unexpected()
        }
    }

    private mutating func literal(_ word: String) throws(Failure) {
        for expected in word.utf8 {
            guard index < bytes.count else { throw Failure(issue: .unexpectedEnd, offset: index) }
            guard bytes[index] == expected else { throw unexpected() }
            index += 1
        }
    }

    private mutating func number() throws(Failure) {
        let start = index
        func digits() -> Int {
            var n = 0
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1; n += 1 }
            return n
        }
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        if index < bytes.count, bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else if digits() == 0 {
            throw Failure(issue: .invalidNumber, offset: start)
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            if digits() == 0 { throw Failure(issue: .invalidNumber, offset: start) }
        }
        var isInteger = true
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            if digits() == 0 { throw Failure(issue: .invalidNumber, offset: start) }
            isInteger = false
        }
        // Numbers JSONDecoder cannot represent: integers past 64 bits, anything past Double's range.
        guard checkNumberRange else { return }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        if !text.contains(".") && isInteger && Int64(text) == nil && UInt64(text) == nil {
            throw Failure(issue: .numberOutOfRange, offset: start)
        }
        if let value = Double(text), !value.isFinite { throw Failure(issue: .numberOutOfRange, offset: start) }
    }

    private mutating func string() throws(Failure) -> String {
        index += 1  // opening quote
        var out: [UInt8] = []
        while true {
            guard index < bytes.count else { throw Failure(issue: .unexpectedEnd, offset: index) }
            let b = bytes[index]
            if b == UInt8(ascii: "\"") { index += 1; return String(decoding: out, as: UTF8.self) }
            if b < 0x20 { throw unexpected() }
            if b == UInt8(ascii: "\\") {
                index += 1
                guard index < bytes.count else { throw Failure(issue: .unexpectedEnd, offset: index) }
                switch bytes[index] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(bytes[index])
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    guard index + 4 < bytes.count,
                          let code = UInt32(String(decoding: bytes[(index + 1)...(index + 4)], as: UTF8.self), radix: 16)
                    else { throw Failure(issue: .invalidEscape, offset: index - 1) }
                    index += 4
                    // Key names only need to compare equal; lone surrogates become U+FFFD.
                    out.append(contentsOf: Array(String(Unicode.Scalar(code).map(Character.init) ?? "\u{FFFD}").utf8))
                default:
                    throw Failure(issue: .invalidEscape, offset: index - 1)
                }
                index += 1
                continue
            }
            out.append(b)
            index += 1
        }
    }

    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            let length: Int
            if b < 0x80 { i += 1; continue }
            else if b & 0xE0 == 0xC0, b >= 0xC2 { length = 2 }
            else if b & 0xF0 == 0xE0 { length = 3 }
            else if b & 0xF8 == 0xF0, b <= 0xF4 { length = 4 }
            else { return i }
            guard i + length <= bytes.count else { return i }
            for k in 1..<length where bytes[i + k] & 0xC0 != 0x80 { return i }
            // Overlong three-byte forms, surrogates, and code points past U+10FFFF.
            if length == 3 {
                let c1 = bytes[i + 1]
                if (b == 0xE0 && c1 < 0xA0) || (b == 0xED && c1 >= 0xA0) { return i }
            }
            if length == 4 {
                let c1 = bytes[i + 1]
                if (b == 0xF0 && c1 < 0x90) || (b == 0xF4 && c1 >= 0x90) { return i }
            }
            i += length
        }
        return nil
    }
}

/// One step of a JSON path.
enum PathComponent: Equatable {
    case key(String)
    case index(Int)

    /// `activities[41].date` → [.key("activities"), .index(41), .key("date")].
    static func parse(_ path: String) -> [PathComponent] {
        var out: [PathComponent] = []
        var current = ""
        var inIndex = false
        for ch in path {
            switch ch {
            case "." where !inIndex:
                if !current.isEmpty { out.append(.key(current)); current = "" }
            case "[":
                if !current.isEmpty { out.append(.key(current)); current = "" }
                inIndex = true
            case "]" where inIndex:
                if let i = Int(current) { out.append(.index(i)) }
                current = ""
                inIndex = false
            default:
                current.append(ch)
            }
        }
        if !current.isEmpty { out.append(.key(current)) }
        return out
    }

    static func render(_ path: [PathComponent]) -> String {
        var out = ""
        for component in path {
            switch component {
            case .key(let k): out += out.isEmpty ? k : ".\(k)"
            case .index(let i): out += "[\(i)]"
            }
        }
        return out
    }
}
