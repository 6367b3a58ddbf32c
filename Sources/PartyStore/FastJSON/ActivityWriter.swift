import Foundation
import PartyModel

/// Activities written as JSONEncoder writes them — sorted keys, slashes not escaped, pretty
/// (the files) or compact (the journal) — byte for byte, without going through `Encoder`
/// (JSONEncoder was most of a 200,000-row import's saving and journal: ~40 µs an activity).
/// Whatever it is not sure to write exactly as JSONEncoder does is handed to JSONEncoder: a
/// string with a character JSON escapes (quote, backslash, a control character, U+2028/U+2029),
/// and every number of hours (memoised by value). `FastEncodeTests` compare the two on every
/// activity of a generated county and on hostile text.
final class ActivityWriter {
    /// Made when first needed: most lines and files need none.
    private lazy var compact: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
    private var doubles: [UInt64: [UInt8]] = [:]

    init() {}

    /// `YearShard(year:records:)` of activities as `WorkspaceCodec.encode` gives it (trailing newline included).
    func shardFile(year: Int, _ activities: [Activity]) -> Data {
        var out: [UInt8] = []
        out.reserveCapacity(activities.count * 300 + 64)
        out.append(contentsOf: "{\n  \"\(Activity.recordsKey)\" : [".utf8)
        for (i, a) in activities.enumerated() {
            out.append(contentsOf: i == 0 ? "\n".utf8 : ",\n".utf8)
            object(a, pretty: true, into: &out)
        }
        out.append(contentsOf: activities.isEmpty ? "\n\n  ],\n".utf8 : "\n  ],\n".utf8)
        out.append(contentsOf: "  \"year\" : \(year)\n}\n".utf8)
        return Data(out)
    }

    /// One activity as `JSONEncoder` with `[.sortedKeys, .withoutEscapingSlashes]` gives it.
    func compactObject(_ a: Activity) -> Data {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        object(a, pretty: false, into: &out)
        return Data(out)
    }

    /// A string as JSONEncoder gives it on its own.
    func text(_ s: String) -> Data {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count + 2)
        string(s, into: &out)
        return Data(out)
    }

    /// Keys in JSONEncoder's sorted order; absent optionals left out, as the synthesised `encode` does.
    func object(_ a: Activity, pretty: Bool, into out: inout [UInt8]) {
        var first = true
        func key(_ name: StaticString) {
            if first { first = false } else { out.append(contentsOf: pretty ? ",\n".utf8 : ",".utf8) }
            if pretty { out.append(contentsOf: "      \"".utf8) } else { out.append(UInt8(ascii: "\"")) }
            out.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
            out.append(contentsOf: pretty ? "\" : ".utf8 : "\":".utf8)
        }
        // A list of small objects as a key's value, as JSONEncoder lays it out: in the files each
        // object on its own lines two steps in, an empty list `[`, a blank line, `]`. `body` writes
        // an object's fields, calling `field` with each key in sorted order.
        func array<T>(_ list: [T], _ body: (T, (StaticString) -> Void) -> Void) {
            out.append(UInt8(ascii: "["))
            if list.isEmpty {
                out.append(contentsOf: pretty ? "\n\n      ]".utf8 : "]".utf8)
                return
            }
            for (i, element) in list.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                out.append(contentsOf: pretty ? "\n        {\n".utf8 : "{".utf8)
                var first = true
                body(element) { name in
                    if first { first = false } else { out.append(contentsOf: pretty ? ",\n".utf8 : ",".utf8) }
                    out.append(contentsOf: pretty ? "          \"".utf8 : "\"".utf8)
                    out.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
                    out.append(contentsOf: pretty ? "\" : ".utf8 : "\":".utf8)
                }
                out.append(contentsOf: pretty ? "\n        }".utf8 : "}".utf8)
            }
            out.append(contentsOf: pretty ? "\n      ]".utf8 : "]".utf8)
        }
        out.append(contentsOf: pretty ? "    {\n".utf8 : "{".utf8)
        if let list = a.attendance {
            key("attendance")
            array(list) { e, field in
                if let r = e.absenceReason { field("absenceReason"); string(r.rawValue, into: &out) }
                field("memberId"); string(e.memberId, into: &out)
                field("present"); out.append(contentsOf: e.present ? "true".utf8 : "false".utf8)
            }
        }
        if let v = a.attended { key("attended"); out.append(contentsOf: String(v).utf8) }
        key("branchId"); string(a.branchId, into: &out)
        key("date"); string(a.date.iso, into: &out)
        if let v = a.expected { key("expected"); out.append(contentsOf: String(v).utf8) }
        if let v = a.host { key("host"); string(v, into: &out) }
        if let v = a.hours { key("hours"); out.append(contentsOf: double(v)) }
        key("id"); string(a.id, into: &out)
        key("kind"); string(a.kind.rawValue, into: &out)
        if let v = a.lecturer { key("lecturer"); string(v, into: &out) }
        if let v = a.notes { key("notes"); string(v, into: &out) }
        if let list = a.participants {
            key("participants")
            array(list) { p, field in
                if let id = p.memberId { field("memberId"); string(id, into: &out) }
                field("name"); string(p.name, into: &out)
            }
        }
        if let v = a.partyGroupId { key("partyGroupId"); string(v, into: &out) }
        if let v = a.place { key("place"); string(v, into: &out) }
        key("title"); string(a.title, into: &out)
        out.append(contentsOf: pretty ? "\n    }".utf8 : "}".utf8)
    }

    private func double(_ d: Double) -> [UInt8] {
        if let known = doubles[d.bitPattern] { return known }
        let made = [UInt8]((try? compact.encode(d)) ?? Data("null".utf8))
        doubles[d.bitPattern] = made
        return made
    }

    /// Plain text goes out as it is; anything JSON escapes goes through JSONEncoder.
    func string(_ s: String, into out: inout [UInt8]) {
        var plain = true
        var previous: (UInt8, UInt8) = (0, 0)
        for byte in s.utf8 {
            // U+2028 and U+2029 are E2 80 A8 / E2 80 A9.
            if byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F
                || ((byte == 0xA8 || byte == 0xA9) && previous == (0xE2, 0x80)) { plain = false; break }
            previous = (previous.1, byte)
        }
        if plain {
            out.append(UInt8(ascii: "\""))
            out += s.utf8
            out.append(UInt8(ascii: "\""))
        } else {
            out += (try? compact.encode(s)) ?? Data("\"\"".utf8)
        }
    }
}
