import Foundation
import Testing
import TestSupport
@testable import PartyModel
@testable import PartyStore

/// docs/cli.md's JSON examples are what the commands print on the demo as of 2026-11-21: every key
/// and value an example shows is in the real output ("…" stands for any value, a record in a list is
/// found by its id). They cannot drift from the program again.
@Suite struct DocExamplesTests {
    /// Each example with the command line given above it (`$ partydesk …`), less `--data` and `--format`.
    static func examples() throws -> [(command: String, arguments: [String], json: Any)] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("docs/cli.md"), encoding: .utf8)
        var out: [(String, [String], Any)] = []
        for part in text.components(separatedBy: "\n### `").dropFirst() {
            let command = String(part.prefix { $0 != "`" })
            guard let start = part.range(of: "```json\n"), let end = part.range(of: "\n```", range: start.upperBound..<part.endIndex) else { continue }
            let line = part[..<start.lowerBound].components(separatedBy: "`$ partydesk ").dropFirst().first.map { $0.prefix { $0 != "`" } } ?? ""
            let arguments = line.split(separator: " ").map(String.init).filter { $0 != "--format" && $0 != "json" }
            out.append((command, arguments.isEmpty ? [command] : arguments, try JSONSerialization.jsonObject(with: Data(part[start.upperBound..<end.lowerBound].utf8))))
        }
        return out
    }

    /// Where `example` is not in `actual` (empty when it is).
    static func mismatches(_ example: Any, _ actual: Any?, at path: String) -> [String] {
        if let s = example as? String, s == "…" { return [] }
        guard let actual else { return ["\(path): missing"] }
        switch example {
        case let e as [String: Any]:
            guard let a = actual as? [String: Any] else { return ["\(path): not an object"] }
            return e.filter { $0.key != "…" }.flatMap { mismatches($0.value, a[$0.key], at: "\(path).\($0.key)") }
        case let e as [Any]:
            guard let a = actual as? [Any] else { return ["\(path): not a list"] }
            return e.enumerated().flatMap { i, item -> [String] in
                if let id = (item as? [String: Any])?["id"] as? String {
                    return mismatches(item, a.first { ($0 as? [String: Any])?["id"] as? String == id }, at: "\(path)[id=\(id)]")
                }
                return mismatches(item, i < a.count ? a[i] : nil, at: "\(path)[\(i)]")
            }
        case let e as NSNumber:
            guard let a = actual as? NSNumber else { return ["\(path): not a number"] }
            return abs(e.doubleValue - a.doubleValue) <= 5e-5 ? [] : ["\(path): \(e) in the docs, \(a) printed"]
        default:
            return "\(example)" == "\(actual)" ? [] : ["\(path): \(example) in the docs, \(actual) printed"]
        }
    }

    @Test func everyJSONExampleIsWhatTheCommandPrints() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let dir = tmp.sub("demo")
        try WorkspaceStore(directory: dir).create(DemoWorkspace.make(asOf: testAsOf))
        let examples = try Self.examples()
        #expect(examples.map(\.command).sorted() == ["alerts", "checks", "compliance", "development", "development", "dues", "members", "rectifications",
                                                     "scores", "summary", "tasks"])
        for (command, arguments, example) in examples {
            #expect(arguments.first == command, "docs/cli.md: the command above the \(command) example")
            let result = try runProduct("partydesk", arguments + ["--data", dir, "--format", "json"])
            #expect(result.status == 0, "\(command): \(result.stderr)")
            let actual = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
            let wrong = Self.mismatches(example, actual, at: command)
            #expect(wrong.isEmpty, "docs/cli.md, \(command): \(wrong.prefix(8).joined(separator: "; "))")
        }
    }
}
