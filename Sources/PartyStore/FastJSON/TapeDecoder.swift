/// Hands a `JSONTape` to `Decodable` types, so the model keeps one set of decoding rules.
///
/// Deliberately unforgiving: anything unusual (a type mismatch, an integer written as 2.0, a
/// missing key) throws `TapeDecoder.Unsupported` and the caller falls back to JSONDecoder, whose
/// behaviour — and error messages — stay the reference.
enum TapeDecoder {
    struct Unsupported: Error {
        /// Where a number did not fit the whole number asked for (a byte offset): JSONDecoder says
        /// only "not valid JSON" of such a document, so the error is placed from here.
        var integerAt: Int? = nil
    }

    static func decode<T: Decodable>(_ type: T.Type, from tape: JSONTape) throws -> T {
        guard !tape.nodes.isEmpty else { throw Unsupported() }
        // The year and branch files, record by record without the Decoder protocol (RecordReaders).
        if let document = T.self as? any TapeDocument.Type { return try document.init(tape: tape) as! T }
        return try T(from: TapeValueDecoder(tape: tape, index: 0))
    }
}

private struct TapeValueDecoder: Decoder {
    let tape: JSONTape
    let index: Int
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard tape.nodes[index].kind == .object else { throw TapeDecoder.Unsupported() }
        return KeyedDecodingContainer(TapeKeyedContainer<Key>(tape: tape, object: index))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard tape.nodes[index].kind == .array else { throw TapeDecoder.Unsupported() }
        return TapeUnkeyedContainer(tape: tape, array: index)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        TapeSingleValue(tape: tape, index: index)
    }
}

/// Conversions shared by the three container kinds.
extension JSONTape {
    func value<T: Decodable>(_ type: T.Type, at index: Int) throws -> T {
        // Metatype identity, not `is` casts: a dynamic cast per value was a visible share of a load.
        let node = nodes[index]
        if T.self == String.self {
            guard let s = string(node) else { throw TapeDecoder.Unsupported() }
            return s as! T
        }
        if T.self == Int.self {
            guard let v = int(node) else { throw TapeDecoder.Unsupported(integerAt: node.kind == .number ? Int(node.start) : nil) }
            return v as! T
        }
        if T.self == Double.self {
            guard let v = double(node) else { throw TapeDecoder.Unsupported() }
            return v as! T
        }
        if T.self == Bool.self { return try bool(node) as! T }
        // Maps and lists of plain values (dues and hours per year, check points, inspectors) are
        // read directly: Dictionary's generic decoding costs more than the rest of a record.
        if T.self == [String: Int].self { return try map(at: index) { int($0) } as! T }
        if T.self == [String: Double].self { return try map(at: index) { double($0) } as! T }
        if T.self == [String].self {
            guard node.kind == .array else { throw TapeDecoder.Unsupported() }
            var list: [String] = []
            list.reserveCapacity(Int(node.count))
            var i = index + 1
            for _ in 0..<node.count {
                guard let s = string(nodes[i]) else { throw TapeDecoder.Unsupported() }
                list.append(s)
                i = Int(nodes[i].next)
            }
            return list as! T
        }
        return try T(from: TapeValueDecoder(tape: self, index: index))
    }

    func string(at index: Int) throws -> String {
        guard let s = string(nodes[index]) else { throw TapeDecoder.Unsupported() }
        return s
    }

    func int(at index: Int) throws -> Int {
        guard let v = int(nodes[index]) else { throw TapeDecoder.Unsupported(integerAt: nodes[index].kind == .number ? Int(nodes[index].start) : nil) }
        return v
    }

    func double(at index: Int) throws -> Double {
        guard let v = double(nodes[index]) else { throw TapeDecoder.Unsupported() }
        return v
    }

    /// An object of scalar values as a dictionary.
    func map<V>(at index: Int, _ convert: (Node) -> V?) throws -> [String: V] {
        let node = nodes[index]
        guard node.kind == .object else { throw TapeDecoder.Unsupported() }
        var map: [String: V] = [:]
        map.reserveCapacity(Int(node.count))
        var k = index + 1
        for _ in 0..<node.count {
            guard let key = string(nodes[k]), let value = convert(nodes[k + 1]) else { throw TapeDecoder.Unsupported() }
            map[key] = value  // no key twice: the tape refuses such an object
            k = Int(nodes[k + 1].next)
        }
        return map
    }

    func bool(_ node: Node) throws -> Bool {
        switch node.kind {
        case .trueValue: true
        case .falseValue: false
        default: throw TapeDecoder.Unsupported()
        }
    }

    func integer<I: FixedWidthInteger>(_ type: I.Type, at index: Int) throws -> I {
        guard let v = int(nodes[index]), let exact = I(exactly: v) else {
            throw TapeDecoder.Unsupported(integerAt: nodes[index].kind == .number ? Int(nodes[index].start) : nil)
        }
        return exact
    }
}

private struct TapeKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let tape: JSONTape
    let object: Int
    var codingPath: [any CodingKey] { [] }

    /// The value node for `key`, found by comparing bytes (objects here have a dozen keys at most).
    func find(_ key: Key) -> Int? {
        let text = key.stringValue
        var k = object + 1
        for _ in 0..<tape.nodes[object].count {
            if tape.equals(tape.nodes[k], text) { return k + 1 }
            k = Int(tape.nodes[k + 1].next)
        }
        return nil
    }

    func at(_ key: Key) throws -> Int {
        guard let index = find(key) else { throw TapeDecoder.Unsupported() }
        return index
    }

    var allKeys: [Key] {
        var keys: [Key] = []
        var k = object + 1
        for _ in 0..<tape.nodes[object].count {
            if let text = tape.string(tape.nodes[k]), let key = Key(stringValue: text) { keys.append(key) }
            k = Int(tape.nodes[k + 1].next)
        }
        return keys
    }

    func contains(_ key: Key) -> Bool { find(key) != nil }

    func decodeNil(forKey key: Key) throws -> Bool { tape.nodes[try at(key)].kind == .null }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try tape.bool(tape.nodes[try at(key)]) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try tape.string(at: try at(key)) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try tape.double(at: try at(key)) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { Float(try tape.value(Double.self, at: try at(key))) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try tape.int(at: try at(key)) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try tape.integer(type, at: try at(key)) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try tape.integer(type, at: try at(key)) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try tape.integer(type, at: try at(key)) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try tape.integer(type, at: try at(key)) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try tape.integer(type, at: try at(key)) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try tape.integer(type, at: try at(key)) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try tape.integer(type, at: try at(key)) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try tape.integer(type, at: try at(key)) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try tape.integer(type, at: try at(key)) }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try tape.value(type, at: try at(key)) }

    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
        guard let i = find(key), tape.nodes[i].kind != .null else { return nil }
        return try tape.string(at: i)
    }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? {
        guard let i = find(key), tape.nodes[i].kind != .null else { return nil }
        return try tape.int(at: i)
    }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? {
        guard let i = find(key), tape.nodes[i].kind != .null else { return nil }
        return try tape.double(at: i)
    }
    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let i = find(key), tape.nodes[i].kind != .null else { return nil }
        return try tape.value(type, at: i)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try TapeValueDecoder(tape: tape, index: try at(key)).container(keyedBy: type)
    }
    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try TapeValueDecoder(tape: tape, index: try at(key)).unkeyedContainer()
    }
    func superDecoder() throws -> any Decoder { throw TapeDecoder.Unsupported() }
    func superDecoder(forKey key: Key) throws -> any Decoder { TapeValueDecoder(tape: tape, index: try at(key)) }
}

private struct TapeUnkeyedContainer: UnkeyedDecodingContainer {
    let tape: JSONTape
    let array: Int
    var current: Int
    var currentIndex = 0
    var codingPath: [any CodingKey] { [] }
    var count: Int? { Int(tape.nodes[array].count) }
    var isAtEnd: Bool { currentIndex >= count! }

    init(tape: JSONTape, array: Int) {
        self.tape = tape
        self.array = array
        current = array + 1
    }

    mutating func advance() throws -> Int {
        guard !isAtEnd else { throw TapeDecoder.Unsupported() }
        let index = current
        current = Int(tape.nodes[index].next)
        currentIndex += 1
        return index
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd else { throw TapeDecoder.Unsupported() }
        if tape.nodes[current].kind == .null { _ = try advance(); return true }
        return false
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try tape.bool(tape.nodes[try advance()]) }
    mutating func decode(_ type: String.Type) throws -> String { try tape.string(at: try advance()) }
    mutating func decode(_ type: Double.Type) throws -> Double { try tape.value(type, at: try advance()) }
    mutating func decode(_ type: Float.Type) throws -> Float { Float(try tape.value(Double.self, at: try advance())) }
    mutating func decode(_ type: Int.Type) throws -> Int { try tape.value(type, at: try advance()) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try tape.integer(type, at: try advance()) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try tape.integer(type, at: try advance()) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try tape.integer(type, at: try advance()) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try tape.integer(type, at: try advance()) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try tape.integer(type, at: try advance()) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try tape.integer(type, at: try advance()) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try tape.integer(type, at: try advance()) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try tape.integer(type, at: try advance()) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try tape.integer(type, at: try advance()) }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try tape.value(type, at: try advance()) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try TapeValueDecoder(tape: tape, index: try advance()).container(keyedBy: type)
    }
    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try TapeValueDecoder(tape: tape, index: try advance()).unkeyedContainer()
    }
    mutating func superDecoder() throws -> any Decoder { TapeValueDecoder(tape: tape, index: try advance()) }
}

private struct TapeSingleValue: SingleValueDecodingContainer {
    let tape: JSONTape
    let index: Int
    var codingPath: [any CodingKey] { [] }

    func decodeNil() -> Bool { tape.nodes[index].kind == .null }
    func decode(_ type: Bool.Type) throws -> Bool { try tape.bool(tape.nodes[index]) }
    func decode(_ type: String.Type) throws -> String { try tape.string(at: index) }
    func decode(_ type: Double.Type) throws -> Double { try tape.value(type, at: index) }
    func decode(_ type: Float.Type) throws -> Float { Float(try tape.value(Double.self, at: index)) }
    func decode(_ type: Int.Type) throws -> Int { try tape.value(type, at: index) }
    func decode(_ type: Int8.Type) throws -> Int8 { try tape.integer(type, at: index) }
    func decode(_ type: Int16.Type) throws -> Int16 { try tape.integer(type, at: index) }
    func decode(_ type: Int32.Type) throws -> Int32 { try tape.integer(type, at: index) }
    func decode(_ type: Int64.Type) throws -> Int64 { try tape.integer(type, at: index) }
    func decode(_ type: UInt.Type) throws -> UInt { try tape.integer(type, at: index) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try tape.integer(type, at: index) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try tape.integer(type, at: index) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try tape.integer(type, at: index) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try tape.integer(type, at: index) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try tape.value(type, at: index) }
}
