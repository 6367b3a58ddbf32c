import Foundation
import Testing
import TestSupport
@testable import PartyModel
@testable import PartyStore

/// The activities' writer (`ActivityWriter`, what saves and the journal use) must give exactly the
/// bytes JSONEncoder gives: a file saved one way and compared the other would otherwise be rewritten
/// for nothing, and a journal line would not read back as its record.
@Suite struct FastEncodeTests {
    static func pretty() -> JSONEncoder { WorkspaceCodec.encoder() }
    static func compact() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    static func expectSame(_ list: [Activity], year: Int) throws {
        let writer = ActivityWriter()
        let reference = WorkspaceCodec.encode(YearShard(year: year, records: list), with: pretty())
        let fast = writer.shardFile(year: year, list)
        #expect(fast == reference, "\(String(decoding: fast, as: UTF8.self)) ≠ \(String(decoding: reference, as: UTF8.self))")
        for a in list {
            let line = writer.compactObject(a)
            #expect(line == (try compact().encode(a)), "\(String(decoding: line, as: UTF8.self))")
        }
    }

    @Test func everyActivityOfAGeneratedTownIsWrittenAsJSONEncoderWritesIt() throws {
        let ws = WorkspaceGenerator.make(.town, asOf: testAsOf)
        let files = WorkspaceCodec.render(ws)
        var checked = 0
        for (path, data) in files where path.hasPrefix("activities/") {
            let shard = try JSONDecoder().decode(YearShard<Activity>.self, from: data)
            #expect(ActivityWriter().shardFile(year: shard.year, shard.records) == WorkspaceCodec.encode(shard, with: Self.pretty()), "\(path)")
            checked += 1
        }
        #expect(checked > 10)
        try Self.expectSame(Array(ws.activities.prefix(2_000)), year: testAsOf.year)
    }

    /// A journal line, assembled as it was before the writer: every value through JSONEncoder.
    @Test func aJournalLineIsTheOneJSONEncoderGives() throws {
        let encoder = Self.compact()
        func text(_ s: String) throws -> String { String(decoding: try encoder.encode(s), as: UTF8.self) }
        let was = Activity(id: "a2026-1", branchId: "b/1", kind: .training, date: Day(year: 2026, month: 3, day: 4)!, title: "“学习” \"q\" \u{2028}",
                           hours: 2.5, attended: 3, expected: 4, partyGroupId: "g\t1", notes: "line\nbreak")
        var now = was
        now.title = "新\\标题"
        now.notes = nil
        for (change, undo) in [(Change.activity(before: was, after: now), false), (.activity(before: nil, after: was), true), (.activity(before: now, after: nil), false)] {
            let line = Journal.line(change, user: "用户\u{1}", host: "h\"ost", undo: undo, time: "2026-11-21T10:15:00+08:00")
            func side(_ a: Activity?) throws -> String { try a.map { String(decoding: try encoder.encode($0), as: UTF8.self) } ?? "null" }
            guard case .activity(let b, let a) = change else { continue }
            let expected = "{\"action\":\(try text(change.action)),\"after\":\(try side(a)),\"before\":\(try side(b)),\"branchId\":\(try text(change.branchId!))"
                + ",\"entity\":\(try text("activity")),\"host\":\(try text("h\"ost")),\"id\":\(try text(change.entityId)),\"time\":\(try text("2026-11-21T10:15:00+08:00"))"
                + ",\"undo\":\(undo),\"user\":\(try text("用户\u{1}"))}\n"
            #expect(String(decoding: line, as: UTF8.self) == expected)
        }
    }

    @Test func hostileTextNumbersAndAbsentFieldsAreWrittenAsJSONEncoderWritesThem() throws {
        // Every ASCII character alone and in text, the escapes JSON has, line and paragraph
        // separators, emoji, a lone combining mark, Chinese, the formula mark, slashes.
        var texts = (0..<128).map { String(UnicodeScalar(UInt8($0))) }
        texts += ["", "a/b", "\\", "\"quoted\"", "tab\there", "line\nbreak\r\n", "\u{2028}", "x\u{2029}y", "\u{7F}", "\u{85}",
                  "\u{200B}zero width", "\u{202E}rtl", "👨‍👩‍👧‍👦🇨🇳1️⃣", "\u{301}", "党支部 “引号” 『』", "'=SUM(A1)", "\tlead", "é",
                  "\u{FEFF}bom", "\u{0}nul", "ends with \\", "</script>"]
        let hours: [Double?] = [nil, 0, 2, 2.5, 0.1, 1.0 / 3, 1e-7, 123456789.125, 1e21, 4.0, 0.5, 7.25, -0.0, 3.14159]
        var list: [Activity] = []
        for (i, text) in texts.enumerated() {
            list.append(Activity(id: "a2026-\(i)", branchId: "b\(i % 3)", kind: ActivityKind.allCases[i % ActivityKind.allCases.count],
                                 date: Day(year: 2026, month: 1 + i % 12, day: 1 + i % 28)!, title: "t\(text)x",
                                 hours: hours[i % hours.count], attended: i % 3 == 0 ? nil : i, expected: i % 5 == 0 ? nil : -i,
                                 partyGroupId: i % 2 == 0 ? nil : text, lecturer: i % 3 == 1 ? text : nil, notes: i % 4 == 0 ? nil : text,
                                 place: i % 5 == 2 ? nil : text, host: i % 2 == 1 ? nil : text))
        }
        try Self.expectSame(list, year: 2026)
        try Self.expectSame([list[0]], year: 2026)
        try Self.expectSame([], year: 2026)
        for text in texts { #expect(ActivityWriter().text(text) == (try Self.compact().encode(text)), "\(text.unicodeScalars.map(\.value))") }
    }
}
