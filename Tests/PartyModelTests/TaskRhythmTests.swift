import Foundation
import Testing
import TestSupport
@testable import PartyModel

/// 一支部一清单 and the plan's rhythm (issue 17), worked by hand.
@Suite struct TaskRhythmTests {
    static func d(_ s: String) -> Day { Day(iso: s)! }

    /// 党委 c; 党总支 g1 with b1 (机关) and b2 (农村); b3 (农村) and b4 (学校) directly under the 党委;
    /// b5 (农村) retired on 2026-03-31.
    static func workspace(_ tasks: [PlanTask] = []) -> Workspace {
        func branch(_ id: String, _ parent: String, _ sector: Sector, retired: Day? = nil) -> Branch {
            var b = Branch(id: id, name: "支部\(id)", parentId: parent, sector: sector, fullMembers: 5, secretary: "书记")
            b.retiredOn = retired
            return b
        }
        return Workspace(settings: WorkspaceSettings(name: "任务", currentYear: 2026),
                         organisation: Organisation(committee: Committee(id: "c", name: "党委"),
                                                    generalBranches: [GeneralBranch(id: "g1", name: "一总支", parentId: "c")],
                                                    branches: [branch("b1", "g1", .government), branch("b2", "g1", .rural),
                                                               branch("b3", "c", .rural), branch("b4", "c", .school),
                                                               branch("b5", "c", .rural, retired: d("2026-03-31"))]),
                         plan: WorkPlan(title: "方案", year: 2026, sections: [PlanSection(id: "s", title: "清单")], tasks: tasks))
    }

    static func task(_ assignment: TaskAssignment?, recurrence: TaskRecurrence? = nil, deadline: Day? = nil) -> PlanTask {
        PlanTask(id: "t1", sectionId: "s", title: "每月报送", deadline: deadline, assignment: assignment, recurrence: recurrence)
    }

    /// Rural branches: b2 (under g1), b3 (under the 党委); b5 is rural but retired on 31 March, so on
    /// 1 June it is not assigned, on 1 March it still is. b1 (机关) and b4 (学校) never.
    @Test func aTaskAssignedToASector() {
        let ws = Self.workspace([Self.task(.sector(.rural))])
        let t = ws.plan.tasks[0]
        #expect(TaskSchedule.branches(t, in: ws.organisation, on: Self.d("2026-06-01")).map(\.id) == ["b2", "b3"])
        #expect(TaskSchedule.branches(t, in: ws.organisation, on: Self.d("2026-03-01")).map(\.id) == ["b2", "b3", "b5"])
        // A 党总支: its branches; a list: those listed; all: every branch in service.
        #expect(TaskSchedule.branches(Self.task(.generalBranch("g1")), in: ws.organisation, on: Self.d("2026-06-01")).map(\.id) == ["b1", "b2"])
        #expect(TaskSchedule.branches(Self.task(.branches(["b4", "b1"])), in: ws.organisation, on: Self.d("2026-06-01")).map(\.id) == ["b1", "b4"])
        #expect(TaskSchedule.branches(Self.task(.all), in: ws.organisation, on: Self.d("2026-06-01")).map(\.id) == ["b1", "b2", "b3", "b4"])
        #expect(TaskSchedule.branches(Self.task(nil), in: ws.organisation, on: Self.d("2026-06-01")).isEmpty)
        // Each branch's tasks (its list).
        let byBranch = TaskSchedule.tasksByBranch(ws.plan, organisation: ws.organisation, asOf: Self.d("2026-06-01"))
        #expect(byBranch["b2"]?.map(\.id) == ["t1"] && byBranch["b1"] == nil)
    }

    /// 每月25日前, from 2026-11-01 to 2027-02-28: 2026-11-25, 2026-12-25, 2027-01-25, 2027-02-25 — across
    /// the year's end and through February (28 days in 2027: the 25th is there).
    @Test func monthly25thAcrossTheYearBoundaryAndFebruary() {
        let r = TaskRecurrence(every: .month, day: 25)
        let list = TaskSchedule.occurrences(r, from: Self.d("2026-11-01"), through: Self.d("2027-02-28"))
        #expect(list.map(\.period.key) == ["2026-11", "2026-12", "2027-01", "2027-02"])
        #expect(list.map(\.due.iso) == ["2026-11-25", "2026-12-25", "2027-01-25", "2027-02-25"])
        // A span ending on the 24th leaves that month's out; starting on the 26th leaves the first out.
        #expect(TaskSchedule.occurrences(r, from: Self.d("2026-11-26"), through: Self.d("2027-02-24")).map(\.period.key) == ["2026-12", "2027-01"])
    }

    /// 每月31日: February's last day (28 in 2027, 29 in 2028), April's 30th.
    @Test func monthly31stFallsOnTheMonthsLastDay() {
        let r = TaskRecurrence(every: .month, day: 31)
        #expect(TaskSchedule.due(r, TaskPeriod(unit: .month, year: 2027, index: 2)).iso == "2027-02-28")
        #expect(TaskSchedule.due(r, TaskPeriod(unit: .month, year: 2028, index: 2)).iso == "2028-02-29")
        #expect(TaskSchedule.due(r, TaskPeriod(unit: .month, year: 2026, index: 4)).iso == "2026-04-30")
        #expect(TaskSchedule.occurrences(r, from: Self.d("2027-01-01"), through: Self.d("2027-03-31")).map(\.due.iso)
                == ["2027-01-31", "2027-02-28", "2027-03-31"])
    }

    /// Quarterly (default: the quarter's last day; month 1, day 10: the quarter's first month's 10th),
    /// half-yearly (30 June, 31 December), yearly (31 December), within the plan's year by default.
    @Test func quarterlyHalfYearlyAndYearly() {
        let year = { (r: TaskRecurrence) in TaskSchedule.occurrences(PlanTask(id: "t", sectionId: "s", title: "", recurrence: r), planYear: 2026) }
        #expect(year(TaskRecurrence(every: .quarter)).map(\.due.iso) == ["2026-03-31", "2026-06-30", "2026-09-30", "2026-12-31"])
        #expect(year(TaskRecurrence(every: .quarter, day: 10, month: 1)).map(\.due.iso) == ["2026-01-10", "2026-04-10", "2026-07-10", "2026-10-10"])
        #expect(year(TaskRecurrence(every: .halfYear)).map { "\($0.period.key) \($0.due.iso)" } == ["2026-H1 2026-06-30", "2026-H2 2026-12-31"])
        #expect(year(TaskRecurrence(every: .year)).map { "\($0.period.key) \($0.due.iso)" } == ["2026 2026-12-31"])
        #expect(["2026-10", "2026-Q4", "2026-h2", "2026"].compactMap { TaskPeriod.parse($0)?.key } == ["2026-10", "2026-Q4", "2026-H2", "2026"])
        #expect(["2026-13", "2026-Q5", "2026-H3", "26", "2026-1"].compactMap(TaskPeriod.parse).isEmpty)
    }

    /// A monthly-25th report for g1's branches from October: b1 did October's on the 24th, b2 did not.
    /// On 25 October nothing is late (the due day itself); from the 26th b2's October is, and the
    /// alert names b2 (not b1). A one-off task for b3 and b4 due 31 October: b3 done, b4 not → from 1 November.
    @Test func oneBranchDoneOneLateTheAlertNamesTheLateOneFromTheDayAfter() {
        var monthly = PlanTask(id: "t1", sectionId: "s", title: "每月25日前报送", assignment: .generalBranch("g1"),
                               recurrence: TaskRecurrence(every: .month, day: 25, from: Self.d("2026-10-01")))
        var b1 = BranchTask(branchId: "b1", status: .inProgress)
        b1.record(OccurrenceDone(period: "2026-10", doneOn: Self.d("2026-10-24"), note: "已报"))
        monthly.setState(b1)
        var once = PlanTask(id: "t2", sectionId: "s", title: "建立台账", deadline: Self.d("2026-10-31"), assignment: .branches(["b3", "b4"]))
        once.setState(BranchTask(branchId: "b3", status: .done, progress: 100, evidence: "台账", doneOn: Self.d("2026-10-30")))
        once.setState(BranchTask(branchId: "b4", status: .inProgress, progress: 50))
        let ws = Self.workspace([monthly, once])
        func taskAlerts(_ day: String) -> [Alert] { AlertRules.alerts(ws, asOf: Self.d(day)).filter { $0.code.hasPrefix("task.") } }
        #expect(taskAlerts("2026-10-25").isEmpty)
        let late = taskAlerts("2026-10-26")
        #expect(late.map(\.branchId) == ["b2"])
        #expect(late.first?.kind == .taskOccurrenceLate(task: "t1", title: "每月25日前报送", periods: ["2026-10"], firstDue: Self.d("2026-10-25")))
        #expect(late.first?.branchName == "支部b2")
        #expect(taskAlerts("2026-10-31").count == 1)
        let november = taskAlerts("2026-11-01")
        #expect(november.map(\.code) == ["task.occurrence-late", "task.branch-late"] && november.map(\.branchId) == ["b2", "b4"])
        #expect(november[1].message(.zh).contains("建立台账"))
        // On 26 November b2 has two months late, b1 one (November's).
        let figures = TaskSchedule.figures(monthly, plan: ws.plan, organisation: ws.organisation, asOf: Self.d("2026-11-26"))
        #expect(figures.map { "\($0.branchId) \($0.late.map(\.occurrence.period.key))" } == ["b1 [\"2026-11\"]", "b2 [\"2026-10\", \"2026-11\"]"])
        #expect(figures[0].next?.period.key == "2026-12" && figures[0].doneCount == 1)
        // A record dated after the day judged does not count yet.
        #expect(TaskSchedule.figure(monthly, branch: ws.organisation.branches[0], planYear: 2026, asOf: Self.d("2026-10-23")).due.isEmpty)
    }

    /// Unknown branch, sector and 党总支 ids are problems that name the task; so are branch states of
    /// unknown branches and occurrences not of the task's rhythm.
    @Test func validationNamesTheTask() {
        var t1 = PlanTask(id: "t1", sectionId: "s", title: "甲", assignment: .branches(["b1", "b9"]), recurrence: TaskRecurrence(every: .month, day: 32))
        t1.setState(BranchTask(branchId: "b8", progress: 120, occurrences: [OccurrenceDone(period: "2026-Q1", doneOn: Self.d("2026-03-01"))]))
        let t2 = PlanTask(id: "t2", sectionId: "s", title: "乙", assignment: TaskAssignment(scope: .sector, sector: "mars"),
                          phases: [TaskPhase(name: "动员部署", start: Self.d("2026-05-01"), end: Self.d("2026-04-01"))])
        let t3 = PlanTask(id: "t3", sectionId: "s", title: "丙", assignment: .generalBranch("g9"))
        let issues = Validator.validate(Self.workspace([t1, t2, t3])).filter { if case .planTask = $0.record { true } else { false } }
        #expect(issues.map(\.field) == ["assignment.branches[1]", "recurrence.day", "branches[0].branchId", "branches[0].progress",
                                        "branches[0].occurrences[0].period", "assignment.sector", "phases[0].end", "assignment.generalBranch"])
        #expect(issues[0].kind == .unknownAssignee(task: "t1", scope: .branches, id: "b9"))
        #expect(issues[0].kind.message(.zh).contains("任务 t1") && issues[0].kind.message(.zh).contains("b9"))
        #expect(issues[5].kind.message(.en) == "task t2 is assigned to unknown sector \"mars\"")
        #expect(issues[7].kind.message(.zh).contains("g9"))
    }

    /// plan.json: a task with none of the new keys is written without them (old files keep their
    /// bytes); a task with all of them reads back equal and writes the same bytes again.
    @Test func planJSONRoundTrips() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let old = #"{"deadline":"2026-12-31","id":"t1","progress":40,"responsibleUnits":["组织部"],"sectionId":"s1","status":"inProgress","title":"旧任务"}"#
        let task = try JSONDecoder().decode(PlanTask.self, from: Data(old.utf8))
        #expect(task.assignment == nil && task.phases.isEmpty && task.recurrence == nil && task.branches.isEmpty)
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        #expect(String(decoding: try encoder.encode(task), as: UTF8.self) == old)
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let plan = DemoWorkspace.make(asOf: testAsOf).plan
        let bytes = try encoder.encode(plan)
        let back = try JSONDecoder().decode(WorkPlan.self, from: bytes)
        #expect(back == plan)
        #expect(try encoder.encode(back) == bytes)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("\"scope\" : \"generalBranch\"") && text.contains("\"every\" : \"month\"") && text.contains("\"period\" : \"2026-10\""))
    }

    /// The demo: the monthly report's October is late for 后勤保障党支部 only; the half-yearly report's
    /// first half for 科研中心党支部; the 台账 task for 经济管理系学生党支部.
    @Test func theDemosTaskAlerts() {
        let demo = DemoWorkspace.make(asOf: testAsOf)
        let alerts = AlertRules.alerts(demo, asOf: testAsOf).filter { $0.code.hasPrefix("task.") }
        #expect(alerts.map { "\($0.code) \($0.branchId)" }.sorted()
                == ["task.branch-late b-s-econ", "task.occurrence-late b-logistics", "task.occurrence-late b-t-research"])
        #expect(Validator.validate(demo).filter { if case .planTask = $0.record { true } else { false } }.isEmpty)
    }
}
