import Foundation
import Testing
import TestSupport
@testable import PartyModel
@testable import PartyStore

/// The fast decode path (JSONTape + TapeDecoder) must give exactly what JSONDecoder gives, and
/// must never accept what JSONDecoder — or UTF-8 — would refuse: it only takes a short cut.
@Suite struct FastDecodeTests {
    static func tape<T: Decodable>(_ type: T.Type, _ text: String) -> T? {
        guard let tape = try? JSONTape(Data(text.utf8)) else { return nil }
        return try? TapeDecoder.decode(type, from: tape)
    }

    @Test func everyFileOfTheDemoDecodesAsJSONDecoderDecodesIt() throws {
        let files = WorkspaceCodec.render(DemoWorkspace.make(asOf: testAsOf))
        var checked = 0
        for (path, data) in files {
            func same<T: Decodable & Equatable>(_ type: T.Type) throws {
                let fast = try TapeDecoder.decode(type, from: JSONTape(data))
                #expect(fast == (try JSONDecoder().decode(type, from: data)), "\(path)")
                checked += 1
            }
            switch path {
            case WorkspacePaths.settings: try same(WorkspaceSettings.self)
            case WorkspacePaths.organisation: try same(Organisation.self)
            case WorkspacePaths.plan: try same(WorkPlan.self)
            case WorkspacePaths.checkTemplate: try same(CheckTemplate.self)
            case WorkspacePaths.scoring: try same(ScoringScheme.self)
            case WorkspacePaths.developmentTargets: try same(DevelopmentTargets.self)
            case WorkspacePaths.targets: try same(TargetsFile.self)
            // The record files have two short cuts: the direct readers (what loading uses) and the
            // Decoder over the tape (the wrappers below go through it). Both must equal JSONDecoder.
            default:
                func direct<D: Decodable, R: Equatable>(_ type: D.Type, _ records: (D) -> [R]) throws {
                    let fast = records(try TapeDecoder.decode(type, from: JSONTape(data)))
                    #expect(fast == records(try JSONDecoder().decode(type, from: data)) && !fast.isEmpty, "\(path)")
                }
                if path.hasPrefix("activities/") { try same(Shard<Activity>.self); try direct(YearShard<Activity>.self, \.records) }
                else if path.hasPrefix("checks/") { try same(Shard<QuarterlyCheck>.self); try direct(YearShard<QuarterlyCheck>.self, \.records) }
                else if path.hasPrefix("members/") { try same(Branch<Member>.self); try direct(BranchShard<Member>.self, \.records) }
                else if path.hasPrefix("manual-scores/") { try same(Branch<ManualScore>.self); try direct(BranchShard<ManualScore>.self, \.records) }
                else if path.hasPrefix("bonuses/") { try same(Branch<Bonus>.self); try direct(BranchShard<Bonus>.self, \.records) }
                else if path.hasPrefix("dues/") { try same(Shard<DuesPayment>.self); try direct(YearShard<DuesPayment>.self, \.records) }
                else if path.hasPrefix("training/") { try same(Shard<TrainingEntry>.self); try direct(YearShard<TrainingEntry>.self, \.records) }
                else if path.hasPrefix("reviews/") { try same(Shard<ReviewResult>.self); try direct(YearShard<ReviewResult>.self, \.records) }
                else if path.hasPrefix("pioneer/") { try same(Shard<PioneerPoints>.self); try direct(YearShard<PioneerPoints>.self, \.records) }
                // 发展党员 (issue 19): through the Decoder over the tape (no direct reader: a branch's pipeline is small).
                else if path.hasPrefix("funds/") { try same(Shard<FundsEntry>.self); try direct(YearShard<FundsEntry>.self, \.records) }
                else if path.hasPrefix("development/") { try same(Branch<Candidate>.self); try direct(BranchShard<Candidate>.self, \.records) }
                else { try same(Branch<Rectification>.self); try direct(BranchShard<Rectification>.self, \.records) }
            }
        }
        #expect(checked == files.count && checked > 20)
        #expect(files.keys.contains { $0.hasPrefix("manual-scores/") } && files.keys.contains { $0.hasPrefix("bonuses/") })
        #expect(files.keys.contains { $0.hasPrefix("dues/") } && files.keys.contains { $0.hasPrefix("training/") })
        #expect(files.keys.contains { $0.hasPrefix("reviews/") } && files.keys.contains { $0.hasPrefix("pioneer/") })
        #expect(files.keys.contains { $0.hasPrefix("development/") } && files[WorkspacePaths.developmentTargets] != nil)
        #expect(files.keys.contains { $0.hasPrefix("funds/") } && files[WorkspacePaths.targets] != nil)
        // Loading reaches the direct readers through this cast (a conditional conformance), not the Decoder.
        #expect((YearShard<Activity>.self as Any.Type) is any TapeDocument.Type)
        #expect((BranchShard<Member>.self as Any.Type) is any TapeDocument.Type)
        #expect(!((WorkPlan.self as Any.Type) is any TapeDocument.Type))
    }

    // Equatable wrappers of the file documents (the documents themselves need not be Equatable).
    struct Branch<R: BranchFiledRecord & Equatable>: Decodable, Equatable {
        var records: [R]
        init(from decoder: any Decoder) throws { records = try BranchShard<R>(from: decoder).records }
    }
    struct Manual: Decodable, Equatable { var scores: [ManualScore]; var bonuses: [Bonus] }
    struct Shard<R: YearShardedRecord & Equatable>: Decodable, Equatable {
        var year: Int
        var records: [R]
        init(from decoder: any Decoder) throws {
            let shard = try YearShard<R>(from: decoder)
            year = shard.year
            records = shard.records
        }
    }

    /// A bare list of records (a database table's bodies, as PostgreSQL joins them: `WorkspaceRows`)
    /// takes the record readers too, and gives what JSONDecoder gives.
    @Test func aBareListOfRecordsTakesTheRecordReaders() throws {
        let ws = DemoWorkspace.make(asOf: testAsOf)
        let encoder = RecordJSON.encoder()
        func same<R: Codable & Equatable & TapeReadable>(_ list: [R]) throws {
            #expect(!list.isEmpty, "\(R.self)")
            let data = try encoder.encode(list)
            #expect([R].self is any TapeDocument.Type)
            let fast = try TapeDecoder.decode([R].self, from: JSONTape(data))
            let reference = try JSONDecoder().decode([R].self, from: data)
            #expect(fast == list && fast == reference, "\(R.self)")
        }
        try same(ws.activities)
        try same(ws.members)
        try same(ws.duesPayments)
        try same(ws.trainingEntries)
        try same(ws.checks)
        try same(ws.rectifications)
        try same(ws.manualScores)
    }

    @Test func escapesAndNumbersComeOutTheSame() throws {
        struct Values: Codable, Equatable { var s: [String]; var d: [Double]; var i: [Int]; var m: [String: Double]; var b: Bool? }
        let text = #"""
        {"s": ["\"\\\/\b\f\n\r\t", "\u4e2d\u6587", "\ud83d\ude00 笑", "", "a\u0000b"],
         "d": [0, -0, 0.1, 2.5, 1e2, 1E-2, -3.75, 123456789012345678, 0.30000000000000004, 1.7976931348623157e308],
         "i": [0, -1, 9223372036854775807, -9223372036854775808],
         "m": {"dues": 2.5, "学习": 3}, "b": null}
        """#
        let fast = try #require(Self.tape(Values.self, text))
        #expect(fast == (try JSONDecoder().decode(Values.self, from: Data(text.utf8))))
        #expect(fast.s[2] == "😀 笑")
    }

    /// The direct record readers: defaults and nulls as the model's `Decodable` has them; anything
    /// they do not know (an extra key) goes to JSONDecoder, which reads it all the same.
    @Test func recordReadersAgreeOnDefaultsNullsAndUnknownKeys() throws {
        func both<T: Decodable>(_ type: T.Type, _ text: String) -> (fast: T?, reference: T?) {
            let data = Data(text.utf8)
            let fast = (try? JSONTape(data)).flatMap { try? TapeDecoder.decode(type, from: $0) }
            let reference = try? WorkspaceCodec.decode(type, file: "x.json", data: data).get()
            return (fast, reference)
        }
        let members = both(BranchShard<Member>.self, #"{"members": [{"id": "m", "name": "王", "branchId": "b", "status": null, "joinDate": null}]}"#)
        #expect(members.fast != nil && members.fast?.records == members.reference?.records)
        #expect(members.fast?.records.first?.status == .full && members.fast?.records.first?.role == .member)
        let check = both(YearShard<QuarterlyCheck>.self, #"{"year": 2026, "checks": [{"id": "k", "branchId": "b", "year": 2026, "quarter": 1, "date": "2026-04-01"}]}"#)
        #expect(check.fast != nil && check.fast?.records == check.reference?.records)
        #expect(check.fast?.records.first?.points == [:] && check.fast?.records.first?.reportReceived == false)
        let activity = #"{"id": "a", "branchId": "b", "kind": "talk", "date": "2026-01-02", "title": "t", "hours": null"#
        let plain = both(YearShard<Activity>.self, #"{"year": 2026, "activities": ["# + activity + "}]}")
        #expect(plain.fast != nil && plain.fast?.records == plain.reference?.records && plain.fast?.records.first?.hours == nil)
        // An extra key: not taken by the short cut, read (and ignored) by JSONDecoder.
        let extra = both(YearShard<Activity>.self, #"{"year": 2026, "activities": ["# + activity + #", "colour": "red"}]}"#)
        #expect(extra.fast == nil && extra.reference?.records.first?.id == "a")
        // A required field missing, an unknown code: neither path takes it.
        let missing = both(YearShard<Activity>.self, #"{"year": 2026, "activities": [{"id": "a", "branchId": "b", "kind": "talk", "date": "2026-01-02"}]}"#)
        #expect(missing.fast == nil && missing.reference == nil)
        let code = both(YearShard<Activity>.self, #"{"year": 2026, "activities": [{"id": "a", "branchId": "b", "kind": "party", "date": "2026-01-02", "title": "t"}]}"#)
        #expect(code.fast == nil && code.reference == nil)
        // A key given twice: JSONDecoder would keep the first; the tape refuses the file at the
        // second key (in any object, not across objects) and loading reports it (LoadErrorTests).
        let twice = both(YearShard<Activity>.self, #"{"year": 2026, "activities": [{"id": "a", "id": "b", "branchId": "b", "kind": "talk", "date": "2026-01-02", "title": "t"}]}"#)
        #expect(twice.fast == nil && twice.reference == nil)
        if case .failure(let problem) = WorkspaceCodec.decode(YearShard<Activity>.self, file: "x.json", data: Data(#"{"year": 2026, "activities": [{"id": "a", "id": "b"}]}"#.utf8)) {
            #expect(problem.kind == .syntax(.duplicateKey("id")) && problem.path == "activities[0].id" && problem.line == 1 && problem.column == 43)
        } else {
            Issue.record("a key given twice was read")
        }
        let points = both(YearShard<QuarterlyCheck>.self, #"{"year": 2026, "checks": [{"id": "k", "branchId": "b", "year": 2026, "quarter": 1, "date": "2026-04-01", "points": {"dues": 1, "dues": 2}}]}"#)
        #expect(points.fast == nil && points.reference == nil)
        let text = #"{"a": 1, "b": {"a": 2, "c": [{"a": 3}, {"a": 4}]}, "a": 5}"#
        do {
            _ = try JSONTape(Data(text.utf8))
            Issue.record("a key given twice was taken")
        } catch {
            #expect(error.duplicateKey && error.offset == text.range(of: #""a": 5"#)!.lowerBound.utf16Offset(in: text))
        }
        #expect((try? JSONTape(Data(#"{"a": 1, "b": {"a": 2, "c": [{"a": 3}, {"a": 4}]}, "ab": 5, "ba": 6}"#.utf8))) != nil)
        let rectification = both(BranchShard<Rectification>.self, #"""
            {"rectifications": [{"id": "r", "branchId": "b", "category": "c", "description": "d", "owner": "o",
              "openedOn": "2026-01-01", "dueOn": "2026-02-01", "status": "submitted", "sourceCheckId": null,
              "history": [{"date": "2026-01-05", "from": "open", "to": "inProgress"},
                          {"date": "2026-01-09", "from": "inProgress", "to": "submitted", "note": "已整改", "acceptedBy": null}]}]}
            """#)
        #expect(rectification.fast != nil && rectification.fast?.records == rectification.reference?.records)
    }

    @Test func whatTheShortCutDoesNotTakeFallsThrough() {
        // Not refused as JSON, just not taken: JSONDecoder then decides (and words any error).
        #expect(Self.tape([Int].self, "[2.0]") == nil)
        #expect(Self.tape([Int].self, "[9223372036854775808]") == nil)
        #expect(Self.tape([Double].self, "[1e400]") == nil)
        #expect(Self.tape([String].self, #"["\ud800"]"#) == nil)
        #expect(Self.tape([String].self, "[1]") == nil)
    }

    @Test func syntaxJSONDoesNotAllowIsRefused() {
        for bad in ["[1,]", "{\"a\":1,}", "[01]", "[1.]", "[.5]", "[+1]", "{a:1}", "['a']", "[tru]", "[NaN]",
                    "[\"a\tb\"]", "[\"\\x\"]", "[\"\\u12G4\"]", "[1] [2]", "", "   ", "[", "{\"a\" 1}", "[1 2]", "\"abc"] {
            #expect((try? JSONTape(Data(bad.utf8))) == nil, "\(bad)")
        }
        for good in ["[]", "{}", " [1, -0.5e+3, true, false, null, \"x\"] ", "{\"a\":{\"b\":[[]]}}"] {
            #expect((try? JSONTape(Data(good.utf8))) != nil, "\(good)")
        }
        // Deep nesting does not recurse.
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect((try? JSONTape(Data(deep.utf8))) != nil)
    }

    /// Random bytes inside a string: the tape accepts exactly what `String(validating:)` accepts.
    @Test func utf8IsCheckedAsStrictlyAsTheStandardLibrary() {
        var rng = SeededRandom(seed: 8)
        var accepted = 0, refused = 0
        let interesting: [UInt8] = [0x80, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE4, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF, 0x9F, 0xA0, 0x8F, 0x90, 0x41]
        for _ in 0..<20_000 {
            // Pieces: valid encodings of scalars near every boundary, and stray bytes.
            var bytes: [UInt8] = []
            for _ in 0..<rng.int(1...3) {
                if rng.int(0...1) == 0 {
                    let ranges: [ClosedRange<Int>] = [0x80...0x83, 0x7FC...0x805, 0xD7FC...0xD7FF, 0xE000...0xE003, 0xFFFC...0x10003, 0x10FFFC...0x10FFFF, 0x4E00...0x9FFF]
                    bytes += Array(String(Character(Unicode.Scalar(rng.int(rng.pick(ranges)))!)).utf8)
                } else {
                    bytes += (0..<rng.int(1...3)).map { _ in rng.int(0...3) == 0 ? UInt8(rng.int(0x80...0xFF)) : rng.pick(interesting) }
                }
            }
            let json = [0x5B, 0x22] + bytes + [0x22, 0x5D]
            let stdlib = String(validating: bytes, as: UTF8.self) != nil
            let tape = (try? JSONTape(json)) != nil
            #expect(tape == stdlib, "\(bytes.map { String($0, radix: 16) })")
            if stdlib { accepted += 1 } else { refused += 1 }
        }
        #expect(accepted > 1000 && refused > 1000)
    }
}
