import Foundation
import PartyModel
import PartyStore

/// A fresh directory under the system temp folder, removed by `cleanup()`.
public struct TempDirectory: Sendable {
    public let path: String

    public init(_ label: String = "partydesk") {
        let base = NSTemporaryDirectory() + "\(label)-\(getpid())-\(UUID().uuidString.prefix(8))"
        try! FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        path = base
    }

    public func sub(_ name: String) -> String { "\(path)/\(name)" }

    public func cleanup() { try? FileManager.default.removeItem(atPath: path) }
}

/// The fixed "today" of the tests, so that figures do not drift with the calendar.
public let testAsOf = Day(year: 2026, month: 11, day: 21)!

/// The folder holding the built products (`partydesk`, the test helpers).
public let productsDirectory: String = {
    let candidates: [String] = [Bundle.main.executableURL?.deletingLastPathComponent().path ?? "",
                                URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().path]
    for dir in candidates where FileManager.default.fileExists(atPath: dir + "/partydesk") { return dir }
    // Fall back to the usual debug folder of the package.
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    return root.appendingPathComponent(".build/debug").path
}()

/// What a finished process printed and how it ended.
public struct ProcessResult {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

/// The environment a test gives the binaries it starts (`runProduct`, `Tmux`): the caller's, less
/// `PARTYDESK_DATA` and every XDG base-directory variable (`XDG_CACHE_HOME`, `XDG_CONFIG_HOME`,
/// `XDG_DATA_HOME`, `XDG_STATE_HOME`, `XDG_RUNTIME_DIR`, any `XDG_*`), so that the data, the kept
/// first screens and the themes follow the `HOME` the test gives, never the developer's own
/// folders; then `extra` on top (a test that wants an XDG folder names it there).
public func productEnvironment(_ extra: [String: String] = [:],
                               base: [String: String] = ProcessInfo.processInfo.environment) -> [String: String] {
    var env = base.filter { !$0.key.hasPrefix("XDG_") }
    env["PARTYDESK_DATA"] = nil
    for (k, v) in extra { env[k] = v }
    return env
}

/// Runs a built product with arguments and extra environment (over `productEnvironment()`); waits for it.
@discardableResult
public func runProduct(_ name: String, _ arguments: [String], environment: [String: String] = [:],
                       directory: String? = nil) throws -> ProcessResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "\(productsDirectory)/\(name)")
    process.arguments = arguments
    process.environment = productEnvironment(environment)
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    return try runToEnd(process)
}

/// Starts a process, reads its output and waits for it.
private func runToEnd(_ process: Process) throws -> ProcessResult {
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Read before waiting so a full pipe cannot block the child.
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return ProcessResult(status: process.terminationStatus,
                         stdout: String(decoding: outData, as: UTF8.self),
                         stderr: String(decoding: errData, as: UTF8.self))
}

/// A small hand-made workspace whose every figure is easy to work out by hand.
public func smallWorkspace() -> Workspace {
    let d = { (s: String) in Day(iso: s)! }
    let committee = Committee(id: "c", name: "测试党委")
    let general = GeneralBranch(id: "g1", name: "第一党总支", parentId: "c")
    let branches = [
        Branch(id: "b1", name: "一支部", parentId: "g1", sector: .government, fullMembers: 10, probationaryMembers: 2,
               hasCommittee: true, secretary: "张三", deputySecretary: "李四", committeeMembers: ["王五"],
               termStart: d("2024-03-01"), termEnd: d("2027-02-28"),
               partyGroups: [PartyGroup(id: "b1-g1", name: "第一党小组", size: 6), PartyGroup(id: "b1-g2", name: "第二党小组", size: 6)]),
        Branch(id: "b2", name: "二支部", parentId: "c", sector: .school, fullMembers: 5, secretary: "赵六"),
    ]
    let members = [
        Member(id: "m1", name: "张三", branchId: "b1", role: .secretary, partyGroupId: "b1-g1", joinDate: d("2001-07-01"),
               dues: .inWork(base: 6000)),
        Member(id: "m2", name: "钱七", branchId: "b2", status: .probationary, joinDate: d("2026-05-04")),
    ]
    let activities = [
        Activity(id: "a1", branchId: "b1", kind: .generalMeeting, date: d("2025-12-30"), title: "年终党员大会", attended: 11, expected: 12),
        Activity(id: "a2", branchId: "b1", kind: .groupMeeting, date: d("2026-01-15"), title: "小组学习", attended: 5, expected: 6, partyGroupId: "b1-g1"),
        Activity(id: "a3", branchId: "b2", kind: .training, date: d("2026-03-31"), title: "培训", hours: 8, attended: 5, expected: 5),
        Activity(id: "a4", branchId: "b2", kind: .partyLesson, date: d("2026-04-01"), title: "党课 \"引号\", 逗号",
                 notes: "讲稿\n换行"),
    ]
    let plan = WorkPlan(title: "2026年工作方案", year: 2026,
                        sections: [PlanSection(id: "s1", title: "重点任务")],
                        tasks: [PlanTask(id: "t1", sectionId: "s1", title: "开展最强党支部建设", responsibleUnits: ["组织部", "各党总支"],
                                         deadline: d("2026-12-31"), target: "50%", status: .inProgress, progress: 40)])
    // m1 paid January to October 2026 at once (6000 元 in work: 1.5 %, 90.00 a month) and took a
    // 40-hour online course; m2 has paid nothing.
    let payments = [DuesPayment(id: "dues-2026-0001", memberId: "m1", branchId: "b1", months: (1...10).map { YearMonth(year: 2026, month: $0)! },
                                amount: 900, paidOn: d("2026-10-10"), method: .transfer)]
    let entries = [TrainingEntry(id: "tr-2026-0001", memberId: "m1", branchId: "b1", date: d("2026-06-30"), hours: 40,
                                 provider: "中国干部网络学院", title: "网络专题培训")]
    return Workspace(settings: WorkspaceSettings(name: "测试党委", currentYear: 2026),
                     organisation: Organisation(committee: committee, generalBranches: [general], branches: branches),
                     members: members, activities: activities, plan: plan, duesPayments: payments, trainingEntries: entries)
}

/// Runs a program found on PATH (libreoffice, python3) and gives its exit status and output.
public func runTool(_ arguments: [String]) throws -> ProcessResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    return try runToEnd(process)
}

/// Every file under `dir` (hidden ones too), by relative path, with its bytes.
public func allFilesIn(_ dir: String) -> [String: Data] {
    var out: [String: Data] = [:]
    let e = FileManager.default.enumerator(atPath: dir)!
    while let name = e.nextObject() as? String {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: "\(dir)/\(name)", isDirectory: &isDir), !isDir.boolValue { out[name] = FileManager.default.contents(atPath: "\(dir)/\(name)") }
    }
    return out
}

/// The first screens kept in the cache folder's file, doctored: every alert count set to `count` (a
/// figure no real screen shows), so a test can tell when a kept screen is on screen.
public func doctorKeptScreens(inFolder folder: String, alertCount count: Int = 99999) throws {
    guard let file = try FileManager.default.contentsOfDirectory(atPath: folder).first else {
        struct NoCache: Error {}
        throw NoCache()
    }
    let path = "\(folder)/\(file)"
    guard let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any],
          var entries = object["entries"] as? [String: Any], !entries.isEmpty else {
        struct Unreadable: Error {}
        throw Unreadable()
    }
    for (key, value) in entries {
        guard var screen = value as? [String: Any], var overview = screen["overview"] as? [String: Any] else { continue }
        overview["alertCount"] = count
        screen["overview"] = overview
        entries[key] = screen
    }
    try JSONSerialization.data(withJSONObject: ["entries": entries]).write(to: URL(fileURLWithPath: path))
}
