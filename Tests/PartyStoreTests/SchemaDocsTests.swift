import Foundation
import Testing
import TestSupport
@testable import PartyModel
@testable import PartyStore

let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

func pythonHasJSONSchema() -> Bool {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["python3", "-c", "import jsonschema"]
    p.standardError = FileHandle.nullDevice
    guard (try? p.run()) != nil else { return false }
    p.waitUntilExit()
    return p.terminationStatus == 0
}

/// The JSON Schemas in docs/schema describe exactly what the store writes.
@Suite struct SchemaDocsTests {
    @Test(.enabled(if: pythonHasJSONSchema(), "needs python3 with jsonschema"))
    func demoFilesMatchTheDocumentedSchemas() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let store = WorkspaceStore(directory: tmp.sub("ws"))
        try store.create(DemoWorkspace.make(asOf: testAsOf))
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "\(packageRoot)/Tests/Helpers/check_schemas.py", "\(packageRoot)/docs/schema", store.directory]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "\(text)")
        // 5 top-level files; one file per branch of members, rectifications, manual points and
        // bonuses, and one per branch and year of activities and of checks.
        let shards = allFiles(store.directory).keys.filter { $0.contains("/") }.count
        #expect(shards > 40)
        // … and development-targets.json (issue 19) and targets.json (issue 17), at the top.
        #expect(text.contains("checked \(7 + shards) files"))
    }
}
