import Foundation
import Testing
import TestSupport
@testable import PartyModel
@testable import PartyStore

/// `partydesk development` through the real binary (issue 19). On both stores (TestStore), but the
/// sheet's import, which is of the files.
@Suite struct DevelopmentCommandTests {
    static func json(_ result: ProcessResult) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stderr)")
    }

    /// On the demo: the funnel per branch is the model's, the people in the pipeline with their next
    /// step, overdue first; --stage and --branch narrow the list; text and CSV say first that they hold personal data.
    @Test(arguments: TestStore.allCases) func theFunnelAndThePeopleOnTheDemo(_ store: TestStore) throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let dir = tmp.sub("demo")
        let ws = DemoWorkspace.make(asOf: testAsOf)
        try WorkspaceStore(directory: dir).create(ws)
        guard let data = try store.data(dir) else { return }
        let out = try Self.json(try runProduct("partydesk", ["development", "--data", data, "--as-of", "2026-11-21", "--format", "json"]))
        let funnel = DevelopmentPipeline.funnel(ws, asOf: testAsOf)
        let branches = try #require(out["branches"] as? [[String: Any]])
        #expect(branches.count == funnel.count)
        for (row, f) in zip(branches, funnel) {
            let counts = row["counts"] as? [String: Int] ?? [:]
            #expect(row["id"] as? String == f.branchId && DevelopmentStage.allCases.allSatisfy { counts[$0.rawValue] == f.count($0) })
        }
        let total = try #require(out["total"] as? [String: Any])
        #expect((total["counts"] as? [String: Int])?["probationary"] == funnel.reduce(0) { $0 + $1.count(.probationary) })
        // The people still in the pipeline, overdue first; each with the model's next step.
        let people = try #require(out["people"] as? [[String: Any]])
        let open = ws.candidates.filter { $0.stage(on: testAsOf)?.isOpen == true }
        #expect(people.count == open.count && out["count"] as? Int == open.count)
        let overdue = people.map { $0["overdue"] as? Bool == true }
        #expect(overdue.contains(true) && overdue == overdue.sorted { $0 && !$1 })
        let rules = ws.settings.rules.development
        for p in people {
            let c = try #require(ws.candidates.first { $0.id == p["id"] as? String })
            let progress = DevelopmentPipeline.progress(c, asOf: testAsOf, rules: rules)
            #expect((p["next"] as? [String: Any])?["step"] as? String == progress.next?.kind.rawValue)
            #expect((p["next"] as? [String: Any])?["due"] as? String == progress.next?.due?.iso)
        }
        #expect((out["personalData"] as? String)?.contains("个人信息") == true)
        // --stage by its Chinese name; --branch by name.
        let probationary = try Self.json(try runProduct("partydesk", ["development", "--data", data, "--as-of", "2026-11-21", "--stage", "预备党员", "--format", "json"]))
        let rows = try #require(probationary["people"] as? [[String: Any]])
        #expect(!rows.isEmpty && rows.allSatisfy { $0["stage"] as? String == "probationary" && $0["memberId"] != nil && $0["probationEnds"] != nil })
        let full = try Self.json(try runProduct("partydesk", ["development", "list", "--data", data, "--as-of", "2026-11-21", "--stage", "full", "--format", "json"]))
        #expect((full["people"] as? [[String: Any]])?.count == ws.candidates.filter { $0.stage(on: testAsOf) == .full }.count)
        let info = try Self.json(try runProduct("partydesk", ["development", "--data", data, "--as-of", "2026-11-21", "--branch", "信息工程系学生党支部", "--format", "json"]))
        #expect((info["branches"] as? [[String: Any]])?.count == 1 && (info["people"] as? [[String: Any]])?.allSatisfy { $0["branchId"] as? String == "b-s-info" } == true)
        // Text: the title, the funnel, the personal-data note, the people; CSV: the note first.
        let text = try runProduct("partydesk", ["development", "--data", data, "--as-of", "2026-11-21"])
        #expect(text.status == 0)
        let lines = text.stdout.split(separator: "\n").map(String.init)
        #expect(lines[0].contains("发展党员") && text.stdout.contains("入党积极分子") && text.stdout.contains("逾期") && text.stdout.contains("个人信息"))
        let csv = try runProduct("partydesk", ["development", "--data", data, "--as-of", "2026-11-21", "--format", "csv", "--lang", "en"])
        let csvLines = csv.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(csvLines[0].contains("personal data") && csvLines[1].hasPrefix("Name,Branch,Stage,Next step") && csvLines.count == 2 + open.count)
        // The targets.
        let targets = try Self.json(try runProduct("partydesk", ["development", "targets", "--data", data, "--as-of", "2026-11-21", "--format", "json"]))
        let t = DevelopmentPipeline.targets(ws, asOf: testAsOf)
        #expect((targets["total"] as? [String: Any])?["developed"] as? Int == t.total.developed && targets["studentMemberTarget"] as? Double == 0.0383)
        // The alerts of the demo include every development one.
        let alerts = try runProduct("partydesk", ["alerts", "--data", data, "--as-of", "2026-11-21", "--format", "json"])
        #expect(DevelopmentAlert.allCases.allSatisfy { alerts.stdout.contains($0.code) })
        // Usage errors exit 2.
        #expect(try runProduct("partydesk", ["development", "--data", data, "--stage", "候选人"]).status == 2)
        #expect(try runProduct("partydesk", ["development", "add-step", "--data", data, "--person", "x", "--step", "面试", "--date", "2026-01-01"]).status == 2)
    }

    /// From a script: a new applicant; a late talk refused with the rule and its source (exit 1, nothing
    /// written), then kept with --exception-reason and listed by validate (exit 0); a 发展对象's 审批 puts them
    /// on the roster, which `members` shows as probationary from the 支部大会 day. On a database, what
    /// works on files only (`validate`, `journal`, reading the files) works on what `db pull` writes of it.
    @Test(arguments: TestStore.allCases) func addAndAddStepFromAScript(_ store: TestStore) throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let dir = tmp.sub("ws")
        var ws = smallWorkspace()
        ws.candidates = [Candidate(id: "fz-2025-0001", name: "赵六", branchId: "b1", stage: .developmentTarget, steps: [
            DevelopmentStep(.sponsors, Day(iso: "2026-03-01")!, people: [PersonRef(memberId: "m1", name: "张三"), PersonRef(name: "外单位 王老师")]),
            DevelopmentStep(.politicalReview, Day(iso: "2026-03-10")!), DevelopmentStep(.training, Day(iso: "2026-03-20")!, days: 3),
            DevelopmentStep(.branchMeeting, Day(iso: "2026-04-08")!, present: 9, entitled: 11, inFavour: 9)])]
        try WorkspaceStore(directory: dir).create(ws)
        guard let data = try store.data(dir) else { return }
        let added = try runProduct("partydesk", ["development", "add", "--data", data, "--branch", "一支部", "--name", "孙七", "--applied", "2026年9月1日",
                                                 "--born", "2001-02-03", "--student"])
        #expect(added.status == 0 && added.stdout.contains("fz-2026-0001"), "\(added.stderr)")
        let before = try Data(contentsOf: URL(fileURLWithPath: "\(try store.files(data, in: tmp))/development/b1.json"))
        let late = try runProduct("partydesk", ["development", "add-step", "--data", data, "--person", "孙七", "--step", "谈话", "--date", "2026-10-08"])
        #expect(late.status == 1 && late.stderr.contains("第七条") && late.stderr.contains("2026-10-01") && late.stderr.contains("--exception-reason"), "\(late.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: "\(try store.files(data, in: tmp))/development/b1.json")) == before)
        let kept = try runProduct("partydesk", ["development", "add-step", "--data", data, "--person", "fz-2026-0001", "--step", "talk", "--date", "2026-10-08",
                                                "--people", "张三", "--exception-reason", "申请人外出实习"])
        #expect(kept.status == 0 && kept.stdout.contains("按例外登记") && kept.stdout.contains("申请人外出实习"), "\(kept.stderr)")
        let files = try store.files(data, in: tmp)
        let validate = try runProduct("partydesk", ["validate", "--data", files])
        #expect(validate.status == 0 && validate.stdout.contains("检查通过") && validate.stdout.contains("例外") && validate.stdout.contains("申请人外出实习"))
        #expect(validate.stdout.contains("development/b1.json:"))
        // The talk names 张三 by his roster id.
        let talk = try #require(try WorkspaceStore(directory: files).load().workspace.candidates.first { $0.name == "孙七" }?.steps.first { $0.kind == .talk })
        #expect(talk.people == [PersonRef(memberId: "m1", name: "张三")] && talk.exception?.rules == ["talkWithin"])
        // The 审批: on the roster from the 支部大会 day.
        let approval = try runProduct("partydesk", ["development", "add-step", "--data", data, "--person", "赵六", "--step", "审批", "--date", "2026-05-06"])
        #expect(approval.status == 0 && approval.stdout.contains("花名册") && approval.stdout.contains("2026-04-08") && approval.stdout.contains("2027-04-08"), "\(approval.stdout) \(approval.stderr)")
        let members = try Self.json(try runProduct("partydesk", ["members", "--data", data, "--as-of", "2026-05-10", "--branch", "b1", "--format", "json"]))
        let row = try #require((members["members"] as? [[String: Any]])?.first { $0["name"] as? String == "赵六" })
        #expect(row["status"] as? String == "probationary" && row["acceptedOn"] as? String == "2026-04-08" && row["probationEnds"] as? String == "2027-04-08")
        // The journal holds both records of the 审批.
        let journal = try runProduct("partydesk", ["journal", "--data", try store.files(data, in: tmp), "--format", "json"])
        #expect(journal.stdout.contains("\"candidate\"") && journal.stdout.contains("申请人外出实习"))
        // Ambiguous or unknown people are usage errors.
        #expect(try runProduct("partydesk", ["development", "add-step", "--data", data, "--person", "无名氏", "--step", "talk", "--date", "2026-10-08"]).status == 2)
    }

    /// The pipeline sheet through `import` and `export`: a title, a merged branch (empty cells), dates as
    /// offices write them; the same sheet again changes nothing; an export reads back unchanged. On
    /// either store (what it holds read back from the files; on a database, pulled).
    @Test(arguments: TestStore.allCases) func importAndExportThePipelineSheet(_ kept: TestStore) throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let store = WorkspaceStore(directory: tmp.sub("ws"))
        try store.create(smallWorkspace())
        guard let dir = try kept.data(store.directory) else { return }
        let sheet = tmp.sub("台账.csv")
        try """
        测试党委发展党员台账,,,,,
        姓名,支部,阶段,申请日期,确定积极分子日期,确定发展对象日期
        李明,一支部,积极分子,2025年3月1日,2025/4/10,
        王芳,,发展对象,2024.9.15,2024-10-20,2025年10月25日
        合计,2人,,,,

        """.write(toFile: sheet, atomically: true, encoding: .utf8)
        let dry = try runProduct("partydesk", ["import", "--data", dir, "--what", "development", sheet, "--dry-run"])
        #expect(dry.status == 0 && dry.stdout.contains("新增 2") && dry.stdout.contains("第 4 行的 支部") && dry.stdout.contains("王芳"), "\(dry.stdout) \(dry.stderr)")
        let real = try runProduct("partydesk", ["import", "--data", dir, "--what", "development", sheet])
        #expect(real.status == 0, "\(real.stderr)")
        let people = try WorkspaceStore(directory: kept.files(dir, in: tmp)).load().workspace.candidates
        #expect(people.map(\.name) == ["李明", "王芳"] && people.map(\.stage) == [.activist, .developmentTarget])
        #expect(try runProduct("partydesk", ["import", "--data", dir, "--what", "development", sheet]).stdout.contains("无变化 2"))
        let out = tmp.sub("out.xlsx")
        #expect(try runProduct("partydesk", ["export", "--data", dir, "--what", "development", "--out", out]).status == 0)
        let back = try runProduct("partydesk", ["import", "--data", dir, "--what", "development", out])
        #expect(back.status == 0 && back.stdout.contains("新增 0, 修改 0, 无变化 2"), "\(back.stdout) \(back.stderr)")
        // A row breaking a rule: nothing imported, the line and the rule said; with a reason, taken.
        try "姓名,支部,确定积极分子日期,确定发展对象日期\n周七,二支部,2025-03-01,2025-09-01\n".write(toFile: sheet, atomically: true, encoding: .utf8)
        let refused = try runProduct("partydesk", ["import", "--data", dir, "--what", "development", sheet])
        #expect(refused.status == 1 && refused.stderr.contains(":2: 确定为发展对象 2025-09-01") && refused.stderr.contains("第十三条"), "\(refused.stderr)")
        let taken = try runProduct("partydesk", ["import", "--data", dir, "--what", "development", sheet, "--exception-reason", "历史数据补录"])
        #expect(taken.status == 0 && taken.stdout.contains("新增 1"), "\(taken.stderr)")
        #expect(try runProduct("partydesk", ["validate", "--data", dir]).stdout.contains("历史数据补录"))
    }

    /// The 发展计划 and students entered from the command line: in development-targets.json, journaled,
    /// read by `development targets`; without either figure a usage error.
    @Test(arguments: TestStore.allCases) func planAndStudentsEntered(_ store: TestStore) throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let dir = tmp.sub("ws")
        try WorkspaceStore(directory: dir).create(smallWorkspace())
        guard let data = try store.data(dir) else { return }
        #expect(try runProduct("partydesk", ["development", "plan", "--data", data, "--branch", "一支部", "--plan", "3", "--students", "40"]).status == 0)
        #expect(try runProduct("partydesk", ["development", "plan", "--data", data, "--year", "2026", "--students", "100"]).status == 0)
        // The files: the workspace's own, or on a database those `db pull` writes of it.
        let files = try store.files(data, in: tmp)
        #expect(try WorkspaceStore(directory: files).load().workspace.developmentTargets == DevelopmentTargets(years: [DevelopmentYear(year: 2026, plan: ["b1": 3], students: ["b1": 40], studentsTotal: 100)]))
        let targets = try Self.json(try runProduct("partydesk", ["development", "targets", "--data", data, "--as-of", "2026-11-21", "--format", "json"]))
        #expect((targets["total"] as? [String: Any])?["students"] as? Int == 100 && (targets["total"] as? [String: Any])?["plan"] as? Int == 3)
        #expect(Journal(directory: files).entries().last?.entity == "developmentTargets")
        #expect(try runProduct("partydesk", ["development", "plan", "--data", data]).status == 2)
        #expect(try runProduct("partydesk", ["development", "plan", "--data", data, "--branch", "无此支部", "--plan", "1"]).status == 2)
    }
}
