import Foundation
import Testing
import TestSupport
@testable import PartyModel
@testable import PartyStore

/// Damaged files never crash the loader: each of at least 10,000 mutants of valid files either
/// decodes or gives a problem that names the file and says what is wrong.
@Suite struct FuzzTests {
    static let iterations = 10_000

    /// Valid files to mutate, kept small so the run stays quick.
    static func corpus() -> [(file: String, data: Data, decode: (Data) -> Result<Void, Problem>)] {
        var demo = DemoWorkspace.make(asOf: testAsOf)
        demo.organisation.branches = Array(demo.organisation.branches.prefix(3))
        demo.members = Array(demo.members.prefix(8))
        demo.activities = Array(demo.activities.filter { $0.date.year == 2026 }.prefix(12))
        demo.plan.tasks = Array(demo.plan.tasks.prefix(6))
        demo.checks = Array(demo.checks.filter { $0.year == 2026 }.prefix(4))
        demo.rectifications = Array(demo.rectifications.filter { !$0.history.isEmpty }.prefix(6))
        let files = WorkspaceCodec.render(demo)
        // The largest branch file of the year (most records to damage).
        func busiest(_ prefix: String) -> String {
            files.filter { $0.key.hasPrefix(prefix) }.max { ($0.value.count, $1.key) < ($1.value.count, $0.key) }!.key
        }
        func entry<T: Decodable>(_ path: String, _ type: T.Type) -> (String, Data, (Data) -> Result<Void, Problem>) {
            (path, files[path]!, { data in WorkspaceCodec.decode(type, file: path, data: data).map { _ in () } })
        }
        return [
            entry(WorkspacePaths.settings, WorkspaceSettings.self),
            entry(WorkspacePaths.organisation, Organisation.self),
            entry(busiest("members/"), BranchShard<Member>.self),
            entry(WorkspacePaths.plan, WorkPlan.self),
            entry(busiest("activities/2026/"), YearShard<Activity>.self),
            entry(busiest("checks/2026/"), YearShard<QuarterlyCheck>.self),
            entry(busiest("rectifications/"), BranchShard<Rectification>.self),
            entry(WorkspacePaths.scoring, ScoringScheme.self),
        ]
    }

    static func mutate(_ original: Data, _ rng: inout SeededRandom) -> Data {
        var b = [UInt8](original)
        let at = rng.int(0...(b.count - 1))
        switch rng.int(0...9) {
        case 0: b = Array(b.prefix(at))                                                 // truncation
        case 1: b[at] ^= UInt8(1 << rng.int(0...7))                                    // bit flip
        case 2: b[at] = UInt8(truncatingIfNeeded: rng.next())                          // byte change
        case 3: b.insert(contentsOf: rng.pick([[0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xE4, 0xB8]]), at: at)  // invalid UTF-8
        case 4: b.insert(contentsOf: Array(rng.pick(["1e400", "99999999999999999999999", "-0.0e-99999", "18446744073709551616"]).utf8), at: at)
        case 5: // deep nesting in place of a value
            let depth = rng.pick([100, 600, 5_000, 50_000])
            if let colon = b[at...].firstIndex(of: UInt8(ascii: ":")) {
                b.insert(contentsOf: [UInt8](repeating: UInt8(ascii: "["), count: depth) + [UInt8](repeating: UInt8(ascii: "]"), count: depth), at: colon + 2)
            }
        case 6: // wrong types: a string where a number is, a number where a string is, null anywhere
            let text = String(decoding: b, as: UTF8.self)
            let swaps = [(": \"", ": 42, \"x\": \""), (": 1", ": \"一\""), (": true", ": \"true\""), (": [", ": {"), (": \"", ": null, \"y\": \"")]
            let (old, new) = rng.pick(swaps)
            if let r = text.range(of: old, range: text.index(text.startIndex, offsetBy: min(rng.int(0...text.count), text.count))..<text.endIndex) {
                b = Array(text.replacingCharacters(in: r, with: new).utf8)
            }
        case 7: b.removeSubrange(at..<min(b.count, at + rng.int(1...40)))                // deletion
        case 8: b.insert(contentsOf: Array(rng.pick(["\"", "{", "}", "[", "]", ",", ":", "\\", "\\u12", "\u{0}"]).utf8), at: at)
        default: // duplicate a slice (repeated keys, doubled records)
            let end = min(b.count, at + rng.int(1...200))
            b.insert(contentsOf: b[at..<end], at: end)
        }
        return Data(b)
    }

    @Test func mutatedFilesGiveClearErrorsAndNeverCrash() {
        let corpus = Self.corpus()
        var rng = SeededRandom(seed: 0xF0CC)
        var failures = 0
        var withLine = 0
        for i in 0..<Self.iterations {
            let (file, data, decode) = corpus[i % corpus.count]
            let mutant = Self.mutate(data, &rng)
            switch decode(mutant) {
            case .success: break
            case .failure(let problem):
                failures += 1
                if problem.line != nil { withLine += 1 }
                #expect(problem.file == file)
                let message = problem.message(.zh)
                #expect(message.hasPrefix(file))
                #expect(message.count > file.count + 4)
                if case .other = problem.kind { Issue.record("unclassified problem for mutant \(i): \(message)") }
            }
        }
        // The mutations really damage files, and nearly every problem points at a line.
        #expect(failures > Self.iterations / 2)
        #expect(withLine == failures)
    }

    @Test func invalidUTF8InsideAStringIsReportedNotReplaced() throws {
        let text = Data("{\n  \"name\" : \"党".utf8) + Data([0xFF]) + Data("\",\n  \"year\" : 1\n}".utf8)
        let result = WorkspaceCodec.decode(WorkspaceSettings.self, file: "workspace.json", data: text)
        guard case .failure(let problem) = result else { Issue.record("decoded"); return }
        #expect(problem.kind == .syntax(.invalidUTF8))
        #expect(problem.line == 2 && problem.column == 14)
    }

    @Test func deepNestingIsRefusedWithItsLimit() throws {
        let deep = Data(([UInt8](repeating: UInt8(ascii: "["), count: 100_000)))
        let result = WorkspaceCodec.decode(WorkspaceSettings.self, file: "workspace.json", data: deep)
        guard case .failure(let problem) = result else { Issue.record("decoded"); return }
        #expect(problem.kind == .syntax(.tooDeep(limit: JSONLocator.depthLimit)))
    }
}

/// A number with a fraction where a whole number belongs: JSONDecoder calls the whole (valid) document
/// "not valid JSON" with no place; the load names the line and column of that number (found by fuzzing:
/// `"sponsors": 0.0383` in the 发展党员 rules).
@Suite struct FractionForAWholeNumberTests {
    @Test func theNumberIsPlaced() throws {
        let good = try JSONEncoder().encode(DevelopmentRules())
        let text = String(decoding: good, as: UTF8.self).replacingOccurrences(of: "\"sponsors\":2", with: "\"sponsors\":\n 0.5")
        #expect(text.contains("0.5"))
        guard case .failure(let problem) = WorkspaceCodec.decode(DevelopmentRules.self, file: "x.json", data: Data(text.utf8)) else {
            Issue.record("decoded"); return
        }
        #expect(problem.line == 2 && problem.column == 2 && problem.kind == .wrongType(expected: "integer"), "\(problem.message(.zh))")
    }
}
