import Foundation
import Testing
import TestSupport
@testable import PartyModel
@testable import PartyStore

/// 发展党员 in the store (issue 19): the files, the round trip, the editor and journal, the pipeline sheet.
@Suite struct DevelopmentStoreTests {
    static func d(_ s: String) -> Day { Day(iso: s)! }

    /// The small workspace with two people in b1's pipeline (every kind of field used) and the targets.
    static func workspace() -> Workspace {
        var ws = smallWorkspace()
        ws.candidates = [
            Candidate(id: "fz-2025-0001", name: "李明", branchId: "b1", stage: .developmentTarget, gender: .male, birthDate: d("2003-05-06"),
                      student: true, steps: [
                          DevelopmentStep(.application, d("2024-03-01")),
                          DevelopmentStep(.talk, d("2024-03-20"), people: [PersonRef(memberId: "m1", name: "张三")]),
                          DevelopmentStep(.activistChosen, d("2024-05-10"), body: .committee),
                          DevelopmentStep(.contactsAssigned, d("2024-05-12"), people: [PersonRef(memberId: "m1", name: "张三")]),
                          DevelopmentStep(.targetChosen, d("2025-04-10"), body: .committee,
                                          exception: StepException(reason: "特殊情况: 上级党委同意", rules: ["activistYear"])),
                          DevelopmentStep(.training, d("2025-05-20"), days: 3, hours: 24, note: "院党校第12期"),
                      ], note: "班长"),
            Candidate(id: "fz-2026-0001", name: "王芳", branchId: "b1", steps: [DevelopmentStep(.application, d("2026-02-01"))]),
        ]
        ws.developmentTargets = DevelopmentTargets(years: [DevelopmentYear(year: 2026, plan: ["b1": 2], planTotal: 3, students: ["b2": 120])])
        return ws
    }

    @Test func thePipelineRoundTripsThroughItsFiles() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let store = WorkspaceStore(directory: tmp.sub("ws"))
        let ws = Self.workspace()
        try store.create(ws)
        // One file per branch of people (b1 only: b2 has nobody), and the targets at the top.
        let files = allFiles(store.directory)
        #expect(files.keys.filter { $0.hasPrefix("development/") }.sorted() == ["development/b1.json"])
        let text = try #require(files["development/b1.json"].map { String(decoding: $0, as: UTF8.self) })
        #expect(text.contains("\"candidates\" : [") && text.contains("\"kind\" : \"targetChosen\"") && text.contains("\"reason\" : \"特殊情况: 上级党委同意\""))
        #expect(!text.contains("\"student\" : false") && !text.contains("\"people\" : []"))   // optional fields left out when empty
        #expect(files["development-targets.json"] != nil)
        let loaded = try store.load()
        #expect(loaded.workspace.candidates == ws.candidates && loaded.workspace.developmentTargets == ws.developmentTargets)
        #expect(loaded.workspace == ws)
        // The fast reader and JSONDecoder read the file alike.
        let data = try #require(files["development/b1.json"])
        guard case .success(let fast) = WorkspaceCodec.decode(BranchShard<Candidate>.self, file: "development/b1.json", data: data) else {
            Issue.record("not read"); return
        }
        #expect(fast.records == (try JSONDecoder().decode(BranchShard<Candidate>.self, from: data)).records)
        // Saved twice: the same bytes; with nobody left and no targets, the files go.
        var emptied = loaded
        emptied.workspace.candidates = []
        emptied.workspace.developmentTargets = DevelopmentTargets()
        _ = try store.save(emptied.workspace, over: loaded)
        let after = allFiles(store.directory)
        #expect(after["development/b1.json"] == nil && after["development-targets.json"] == nil)
    }

    @Test func aBadStepIsReportedInItsPlace() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let store = WorkspaceStore(directory: tmp.sub("ws"))
        var ws = Self.workspace()
        ws.candidates[0].steps[4].exception = nil   // 发展对象 11 months after 积极分子, now without its exception
        try store.create(ws)
        let (problems, notices) = try store.check()
        #expect(problems.count == 1 && notices.isEmpty)
        #expect(problems[0].file == "development/b1.json" && problems[0].path == "candidates[0].steps[4]" && problems[0].line != nil)
        #expect(problems[0].message(.zh).contains("第十三条"))
        // An unknown stage in a file: a reading problem with its place.
        let path = "\(store.directory)/development/b1.json"
        let text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "\"developmentTarget\"", with: "\"积极\"")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let bad = try store.problems()
        #expect(bad.contains { $0.file == "development/b1.json" && $0.path == "candidates[0].stage" })
    }

    /// The 审批 through the editor: the person and the new roster member land together, two journal
    /// lines, undone together; a step with an exception carries it into the journal.
    @Test func recordingThroughTheEditorAndTheJournal() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let store = WorkspaceStore(directory: tmp.sub("ws"))
        var ws = smallWorkspace()
        ws.candidates = [Candidate(id: "p", name: "赵六", branchId: "b1", stage: .developmentTarget, steps: [
            DevelopmentStep(.sponsors, Self.d("2026-03-01"), people: [PersonRef(memberId: "m1", name: "张三"), PersonRef(name: "外单位 王老师")]),
            DevelopmentStep(.politicalReview, Self.d("2026-03-10")), DevelopmentStep(.training, Self.d("2026-03-20"), days: 3),
            DevelopmentStep(.branchMeeting, Self.d("2026-04-08"), present: 8, entitled: 10, inFavour: 8)])]
        var loaded = try store.create(ws)
        let editor = Editor(store: store, user: "tester", host: "host")
        guard case .success(let approval) = DevelopmentRecord.record(DevelopmentStep(.approval, Self.d("2026-05-06")), for: "p", in: loaded.workspace) else {
            Issue.record("refused"); return
        }
        try editor.commit(approval, to: &loaded)
        let memberId = try #require(loaded.workspace.candidates[0].memberId)
        #expect(try store.load().workspace.members.contains { $0.id == memberId && $0.acceptedOn == Self.d("2026-04-08") })
        var entries = Journal(directory: store.directory).entries()
        #expect(entries.suffix(2).map(\.entity) == ["member", "candidate"])
        // The oath late by the rules? No rule: recorded. A 转正 discussion before the 预备期 ends: refused, then as an exception.
        guard case .failure = DevelopmentRecord.record(DevelopmentStep(.fullMeeting, Self.d("2026-10-01")), for: "p", in: loaded.workspace) else {
            Issue.record("accepted"); return
        }
        guard case .success(let early) = DevelopmentRecord.record(DevelopmentStep(.fullMeeting, Self.d("2026-10-01"), present: 8, entitled: 10, inFavour: 8),
                                                                  for: "p", in: loaded.workspace, exceptionReason: "测试: 提前讨论") else {
            Issue.record("refused with a reason"); return
        }
        try editor.commit(early, to: &loaded)
        entries = Journal(directory: store.directory).entries()
        #expect(entries.last?.entity == "candidate" && entries.last?.line.contains("测试: 提前讨论") == true && entries.last?.line.contains("probationYear") == true)
        #expect(try store.check().notices.count == 1)
        // Undo the approval's change: the person and the member go back together.
        try editor.commit(early.inverse, to: &loaded, undo: true)
        try editor.commit(approval.inverse, to: &loaded, undo: true)
        let back = try store.load().workspace
        #expect(back.candidates == ws.candidates && back.members == ws.members)
        // A person of an unknown branch is refused by the editor, naming the field.
        let stray = Candidate(id: "q", name: "钱", branchId: "nowhere", steps: [DevelopmentStep(.application, Self.d("2026-05-01"))])
        #expect(throws: Editor.Failure.self) { try editor.commit(.candidate(before: nil, after: stray), to: &loaded) }
    }

    // MARK: The pipeline sheet

    /// As an office keeps it: a title merged across the top, a 填报单位 line, the branch merged down
    /// its rows, dates written four ways, a 合计 and a 填表人 line; the stage by its common names.
    static let sheet = SheetGrid(rows: [
        (1, ["测试党委2026年发展党员台账", "", "", "", "", "", "", "", ""]),
        (2, ["填报单位：组织部", "", "", "", "", "", "", "", ""]),
        (3, ["序号", "姓名", "所在支部", "当前阶段", "申请入党日期", "确定入党积极分子日期", "确定发展对象日期", "入党介绍人", "支部大会日期"]),
        (4, ["1", "李明", "一支部", "积极分子", "2025年3月1日", "2025/4/10", "", "", ""]),
        (5, ["2", "王芳", "", "发展对象", "2024.9.15", "2024-10-20", "2025年10月25日", "张三、外单位 王老师", ""]),
        (6, ["3", "赵四", "", "预备", "20240301", "2024/4/1", "2025/4/2", "", "2025年9月1日"]),
        (7, ["4", "孙五", "二支部", "申请人", "2026-06-01", "", "", "", ""]),
        (8, ["合计", "4人", "", "", "", "", "", "", ""]),
        (9, ["填表人：张三", "", "", "", "", "", "", "", ""]),
    ], merges: [MergedRange(rows: 1...1, columns: 0...8), MergedRange(rows: 4...6, columns: 2...2)])

    @Test func aPipelineSheetAsOfficesKeepIt() throws {
        let ws = smallWorkspace()
        let plan = LedgerSheet.development.plan(Self.sheet, file: "台账.xlsx", into: ws, lang: .zh)
        #expect(plan.problems.isEmpty, "\(plan.problems)")
        #expect(plan.skipped.map(\.line) == [1, 2, 8, 9] && plan.filledDown == [5, 6] && plan.ignoredColumns == ["序号"])
        var after = ws
        try plan.change?.apply(to: &after)
        // By hand: each row a person, each date a step, the stage as far as the dates go.
        #expect(after.candidates == [
            Candidate(id: "fz-2025-0001", name: "李明", branchId: "b1", stage: .activist,
                      steps: [DevelopmentStep(.application, Self.d("2025-03-01")), DevelopmentStep(.activistChosen, Self.d("2025-04-10"))]),
            Candidate(id: "fz-2024-0001", name: "王芳", branchId: "b1", stage: .developmentTarget,
                      steps: [DevelopmentStep(.application, Self.d("2024-09-15")), DevelopmentStep(.activistChosen, Self.d("2024-10-20")),
                              DevelopmentStep(.targetChosen, Self.d("2025-10-25")),
                              DevelopmentStep(.sponsors, Self.d("2025-10-25"), people: [PersonRef(memberId: "m1", name: "张三"), PersonRef(name: "外单位 王老师")])]),
            Candidate(id: "fz-2024-0002", name: "赵四", branchId: "b1", stage: .probationary,
                      steps: [DevelopmentStep(.application, Self.d("2024-03-01")), DevelopmentStep(.activistChosen, Self.d("2024-04-01")),
                              DevelopmentStep(.targetChosen, Self.d("2025-04-02")), DevelopmentStep(.branchMeeting, Self.d("2025-09-01"))]),
            Candidate(id: "fz-2026-0001", name: "孙五", branchId: "b2", stage: .applicant, steps: [DevelopmentStep(.application, Self.d("2026-06-01"))]),
        ])
        #expect(Validator.validate(after).isEmpty, "\(Validator.validate(after))")
        // The same sheet again changes nothing; the export reads back unchanged.
        #expect(LedgerSheet.development.plan(Self.sheet, file: "台账.xlsx", into: after, lang: .zh).unchanged == 4)
        let exported = LedgerSheet.development.export(after, year: nil, lang: .zh)
        let back = LedgerSheet.development.plan(try SheetGrid.text(CSV.render(exported)), file: "x.csv", into: after, lang: .zh)
        #expect(back.change == nil && back.unchanged == 4 && back.problems.isEmpty, "\(back.problems)")
        // A step recorded since (a 考察, with its people) survives a re-import of the sheet.
        var reviewed = after
        reviewed.candidates[0].steps.append(DevelopmentStep(.review, Self.d("2025-10-10"), note: "表现良好"))
        #expect(LedgerSheet.development.plan(Self.sheet, file: "台账.xlsx", into: reviewed, lang: .zh).unchanged == 4)
    }

    /// A row whose dates break a rule (发展对象 six months after 积极分子) is a problem of its line, naming
    /// the rule and its source; with an exception reason the row is taken, its step kept as an exception.
    @Test func aRowBreakingARuleNeedsAnExceptionReason() throws {
        let ws = smallWorkspace()
        let grid = SheetGrid(rows: [(1, ["姓名", "支部", "申请日期", "确定积极分子日期", "确定发展对象日期"]),
                                    (2, ["周七", "一支部", "2025-01-05", "2025-03-01", "2025-09-01"])])
        let refused = LedgerSheet.development.plan(grid, file: "s.csv", into: ws, lang: .zh)
        #expect(refused.change == nil && refused.problems.count == 1)
        #expect(refused.problems[0].hasPrefix("s.csv:2: 确定为发展对象 2025-09-01: 应不早于 2026-03-01") && refused.problems[0].contains("--exception-reason"))
        let taken = LedgerSheet.development.plan(grid, file: "s.csv", into: ws, lang: .zh, options: ImportOptions(exceptionReason: "历史数据补录"))
        #expect(taken.problems.isEmpty)
        guard case .candidate(nil, let c?) = taken.change else { Issue.record("no person"); return }
        #expect(c.steps.first { $0.kind == .targetChosen }?.exception == StepException(reason: "历史数据补录", rules: ["activistYear"]))
        // An unknown stage names what is accepted.
        let stage = SheetGrid(rows: [(1, ["姓名", "支部", "阶段"]), (2, ["周七", "一支部", "候选人"])])
        let unknown = LedgerSheet.development.plan(stage, file: "s.csv", into: ws, lang: .zh)
        #expect(unknown.problems.count == 1 && unknown.problems[0].contains("入党积极分子") && unknown.problems[0].contains("\"候选人\""))
    }
}
