#if canImport(Glibc)
import Glibc
#endif

/// A strict RFC 8259 JSON parse into a flat array of nodes (a "tape"), no values built.
///
/// Foundation's JSONDecoder reads about 45 MB/s here; the workspace's year files are tens of MB.
/// The tape is the fast path: one pass over the bytes, no recursion (a 50,000-deep document is
/// fine), then `TapeDecoder` hands values to the model's own `Decodable` conformances. Any failure
/// only means "take the slow path": `WorkspaceCodec` then re-reads with JSONDecoder and the
/// locating reader, which say precisely what is wrong and where.
final class JSONTape {
    enum Kind: UInt8 { case object, array, string, escapedString, number, trueValue, falseValue, null }

    /// A value. Containers: `start` = byte offset, `count` = members (pairs for objects);
    /// scalars: bytes `start..<end` (strings without their quotes). `next` = the node after this
    /// value and everything inside it.
    struct Node {
        var start: UInt32
        var end: UInt32
        var next: UInt32
        var kind: Kind
        var count: UInt32 { end }
    }

    struct Failure: Error {
        var offset: Int
        /// An object gives a key twice (`offset` is the second); the locating reader words it.
        var duplicateKey = false
    }

    let bytes: UnsafeMutableBufferPointer<UInt8>
    /// A `let`: a class's `var` costs a run-time exclusivity check on every read.
    let nodes: [Node]

    /// Copies `data`. Invalid UTF-8 fails the parse (strings are checked as they are scanned;
    /// outside strings only ASCII is valid JSON).
    init<Bytes: Collection<UInt8>>(_ data: Bytes) throws(Failure) {
        guard data.count < Int(UInt32.max) else { throw Failure(offset: 0) }
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: data.count + 1)
        _ = buffer.initialize(from: data)
        buffer[data.count] = 0  // sentinel: never a valid byte where a parse looks at it
        do {
            nodes = try Self.parse(buffer.baseAddress!, length: data.count)
        } catch {
            buffer.deallocate()
            throw error
        }
        bytes = buffer
    }

    deinit { bytes.deallocate() }

    private enum State { case value, objectFirst, arrayFirst, afterValue }

    private static func parse(_ b: UnsafeMutablePointer<UInt8>, length n: Int) throws(Failure) -> [Node] {
        var parser = Parser(b: b, n: n)
        try parser.run()
        return parser.nodes
    }

    /// The parse as a struct with mutating methods: state in nested closures would be boxed and
    /// checked for exclusive access at run time on every byte.
    private struct Parser {
        let b: UnsafeMutablePointer<UInt8>
        let n: Int
        var nodes: [Node] = []
        var i = 0
        var open: [Int] = []  // node indices of containers not yet closed
        var keyBits: [UInt64] = []  // per open container: a cheap fingerprint of each key given so far
        var state = State.value

        init(b: UnsafeMutablePointer<UInt8>, n: Int) {
            self.b = b
            self.n = n
            nodes.reserveCapacity(n / 12)
        }

        @inline(__always) mutating func skipSpace() {
            while i < n, b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x0D || b[i] == 0x09 { i += 1 }
        }
        mutating func close(_ closer: UInt8) throws(Failure) {
            guard let top = open.last, i < n, b[i] == closer else { throw Failure(offset: i) }
            i += 1
            nodes[top].next = UInt32(nodes.count)
            open.removeLast()
            keyBits.removeLast()
        }
        mutating func string() throws(Failure) -> Node {
            // b[i] is the opening quote.
            let start = i + 1
            var escaped = false
            i += 1
            while true {
                guard i < n else { throw Failure(offset: i) }
                let c = b[i]
                if c == 0x22 { break }
                if c < 0x20 { throw Failure(offset: i) }
                if c >= 0x80 { try utf8Sequence(); continue }
                if c == 0x5C {
                    escaped = true
                    i += 1
                    guard i < n else { throw Failure(offset: i) }
                    switch b[i] {
                    case 0x22, 0x5C, 0x2F, 0x62, 0x66, 0x6E, 0x72, 0x74: break
                    case 0x75:
                        for _ in 0..<4 {
                            i += 1
                            guard i < n, hexValue(b[i]) != nil else { throw Failure(offset: i) }
                        }
                    default: throw Failure(offset: i)
                    }
                }
                i += 1
            }
            let node = Node(start: UInt32(start), end: UInt32(i), next: UInt32(nodes.count + 1),
                            kind: escaped ? .escapedString : .string)
            i += 1
            return node
        }
        /// A multi-byte UTF-8 sequence starting at `i`, checked as strictly as `String(validating:)`
        /// (no overlong forms, no surrogates, nothing above U+10FFFF); `i` moves past it.
        mutating func utf8Sequence() throws(Failure) {
            let c = b[i]
            var lower: UInt8 = 0x80, upper: UInt8 = 0xBF
            let count: Int
            switch c {
            case 0xC2...0xDF: count = 1
            case 0xE0: count = 2; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: count = 2
            case 0xED: count = 2; upper = 0x9F
            case 0xF0: count = 3; lower = 0x90
            case 0xF1...0xF3: count = 3
            case 0xF4: count = 3; upper = 0x8F
            default: throw Failure(offset: i)
            }
            guard i + count < n else { throw Failure(offset: i) }
            let second = b[i + 1]
            guard second >= lower, second <= upper else { throw Failure(offset: i) }
            for k in stride(from: 2, through: count, by: 1) where b[i + k] & 0xC0 != 0x80 { throw Failure(offset: i) }
            i += count + 1
        }

        mutating func digits() -> Int {
            let from = i
            while i < n, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
            return i - from
        }
        mutating func number() throws(Failure) -> Node {
            let start = i
            if b[i] == 0x2D { i += 1 }
            guard i < n else { throw Failure(offset: i) }
            if b[i] == 0x30 { i += 1 } else if digits() == 0 { throw Failure(offset: i) }
            if i < n, b[i] == 0x2E {
                i += 1
                if digits() == 0 { throw Failure(offset: i) }
            }
            if i < n, b[i] == 0x65 || b[i] == 0x45 {
                i += 1
                if i < n, b[i] == 0x2B || b[i] == 0x2D { i += 1 }
                if digits() == 0 { throw Failure(offset: i) }
            }
            return Node(start: UInt32(start), end: UInt32(i), next: UInt32(nodes.count + 1), kind: .number)
        }
        mutating func literal(_ word: StaticString, _ kind: Kind) throws(Failure) -> Node {
            let count = word.utf8CodeUnitCount
            guard i + count <= n, memcmp(b + i, word.utf8Start, count) == 0 else { throw Failure(offset: i) }
            defer { i += count }
            return Node(start: UInt32(i), end: UInt32(i + count), next: UInt32(nodes.count + 1), kind: kind)
        }
        /// An object's key; one it already has fails the parse. Keys are compared byte for byte
        /// when their fingerprints clash (rarely: a dozen keys in 64 bits); an escaped key (never
        /// written by PartyDesk) is left to the slow path, which compares keys after unescaping.
        mutating func key() throws(Failure) {
            guard i < n, b[i] == 0x22 else { throw Failure(offset: i) }
            let at = i
            let key = try string()
            guard key.kind == .string else { throw Failure(offset: at) }
            let top = open.count - 1
            let length = Int(key.end - key.start)
            let last = length > 0 ? Int(b[Int(key.end) - 1]) : 0
            let bit = UInt64(1) << UInt64((length &* 31 &+ Int(b[at + 1]) &+ last) & 63)
            if keyBits[top] & bit != 0 {
                var k = open[top] + 1
                while k < nodes.count {
                    let other = nodes[k]
                    if Int(other.end - other.start) == length, memcmp(b + Int(other.start), b + Int(key.start), length) == 0 {
                        throw Failure(offset: at, duplicateKey: true)
                    }
                    k = Int(nodes[k + 1].next)
                }
            }
            keyBits[top] |= bit
            nodes.append(key)
            nodes[open.last!].end += 1
            skipSpace()
            guard i < n, b[i] == 0x3A else { throw Failure(offset: i) }
            i += 1
        }

        mutating func run() throws(Failure) {
            while true {
                skipSpace()
                switch state {
                case .value:
                    guard i < n else { throw Failure(offset: i) }
                    if let top = open.last, nodes[top].kind == .array { nodes[top].end += 1 }
                    switch b[i] {
                    case 0x7B:
                        open.append(nodes.count)
                        keyBits.append(0)
                        nodes.append(Node(start: UInt32(i), end: 0, next: 0, kind: .object))
                        i += 1
                        state = .objectFirst
                    case 0x5B:
                        open.append(nodes.count)
                        keyBits.append(0)
                        nodes.append(Node(start: UInt32(i), end: 0, next: 0, kind: .array))
                        i += 1
                        state = .arrayFirst
                    case 0x22: nodes.append(try string()); state = .afterValue
                    case 0x2D, 0x30...0x39: nodes.append(try number()); state = .afterValue
                    case 0x74: nodes.append(try literal("true", .trueValue)); state = .afterValue
                    case 0x66: nodes.append(try literal("false", .falseValue)); state = .afterValue
                    case 0x6E: nodes.append(try literal("null", .null)); state = .afterValue
                    default: throw Failure(offset: i)
                    }
                case .objectFirst:
                    if i < n, b[i] == 0x7D { try close(0x7D); state = .afterValue } else { try key(); state = .value }
                case .arrayFirst:
                    if i < n, b[i] == 0x5D { try close(0x5D); state = .afterValue } else { state = .value }
                case .afterValue:
                    guard let top = open.last else {
                        guard i == n else { throw Failure(offset: i) }
                        return
                    }
                    guard i < n else { throw Failure(offset: i) }
                    if b[i] == 0x2C {
                        i += 1
                        if nodes[top].kind == .object { skipSpace(); try key() }
                        state = .value
                    } else {
                        try close(nodes[top].kind == .object ? 0x7D : 0x5D)
                    }
                }
            }
        }
    }

    static func hexValue(_ c: UInt8) -> UInt32? {
        switch c {
        case 0x30...0x39: UInt32(c - 0x30)
        case 0x41...0x46: UInt32(c - 0x41 + 10)
        case 0x61...0x66: UInt32(c - 0x61 + 10)
        default: nil
        }
    }

    // MARK: Reading values

    /// The bytes of a scalar node.
    @inline(__always) func raw(_ node: Node) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[Int(node.start)..<Int(node.end)])
    }

    func string(_ node: Node) -> String? {
        switch node.kind {
        case .string: return String(decoding: raw(node), as: UTF8.self)
        case .escapedString: return unescape(raw(node))
        default: return nil
        }
    }

    /// True when the string node's text is exactly `text` (object keys, without building a String).
    @inline(__always) func equals(_ node: Node, _ text: String) -> Bool {
        if node.kind == .escapedString { return string(node) == text }
        var text = text
        return text.withUTF8 { key in
            key.count == Int(node.end - node.start) && memcmp(bytes.baseAddress! + Int(node.start), key.baseAddress!, key.count) == 0
        }
    }

    private func unescape(_ raw: UnsafeBufferPointer<UInt8>) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var i = 0
        func hex4() -> UInt32 {
            var v: UInt32 = 0
            for k in 1...4 { v = v << 4 | (Self.hexValue(raw[i + k]) ?? 0) }
            i += 4
            return v
        }
        while i < raw.count {
            let c = raw[i]
            guard c == 0x5C else { out.append(c); i += 1; continue }
            i += 1
            switch raw[i] {
            case 0x62: out.append(0x08)
            case 0x66: out.append(0x0C)
            case 0x6E: out.append(0x0A)
            case 0x72: out.append(0x0D)
            case 0x74: out.append(0x09)
            case 0x75:
                var scalar = hex4()
                if (0xD800..<0xDC00).contains(scalar) {
                    // A high surrogate must be followed by an escaped low one.
                    guard i + 6 < raw.count, raw[i + 1] == 0x5C, raw[i + 2] == 0x75 else { return nil }
                    i += 2
                    let low = hex4()
                    guard (0xDC00..<0xE000).contains(low) else { return nil }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let unicode = Unicode.Scalar(scalar) else { return nil }
                out.append(contentsOf: Array(String(Character(unicode)).utf8))
            default: out.append(raw[i])
            }
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// An integer written without fraction or exponent, within Int's range.
    func int(_ node: Node) -> Int? {
        guard node.kind == .number else { return nil }
        let raw = raw(node)
        var i = 0
        let negative = raw[0] == 0x2D
        if negative { i = 1 }
        var value = 0
        while i < raw.count {
            let d = raw[i]
            guard d >= 0x30, d <= 0x39 else { return nil }
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (s, o2) = negative ? m.subtractingReportingOverflow(Int(d - 0x30)) : m.addingReportingOverflow(Int(d - 0x30))
            if o1 || o2 { return nil }
            value = s
            i += 1
        }
        return value
    }

    func double(_ node: Node) -> Double? {
        guard node.kind == .number else { return nil }
        let raw = raw(node)
        // Exact fast path: up to 15 digits with a short fraction (what the workspace holds).
        var mantissa: Int64 = 0, digits = 0, fraction = 0, i = 0, seenPoint = false
        let negative = raw[0] == 0x2D
        if negative { i = 1 }
        while i < raw.count {
            let c = raw[i]
            if c == 0x2E { seenPoint = true; i += 1; continue }
            guard c >= 0x30, c <= 0x39, digits < 15 else { return slowDouble(raw) }
            mantissa = mantissa * 10 + Int64(c - 0x30)
            if mantissa > 0 { digits += 1 }
            if seenPoint { fraction += 1 }
            i += 1
        }
        guard fraction <= 22 else { return slowDouble(raw) }
        let value = Double(mantissa) / Self.powersOfTen[fraction]
        return negative ? -value : value
    }

    private static let powersOfTen: [Double] = (0...22).map { p in (0..<p).reduce(1.0) { a, _ in a * 10 } }

    private func slowDouble(_ raw: UnsafeBufferPointer<UInt8>) -> Double? {
        guard let value = Double(String(decoding: raw, as: UTF8.self)), value.isFinite else { return nil }
        return value
    }
}
