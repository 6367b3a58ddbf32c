/// The demo's work plan: the items of seed 003 (五化协同·大抓基层) with their responsible units, and
/// the key tasks of seed 000 (基层党建提升年), with statuses that follow `asOf`.
enum DemoPlan {
    struct Item {
        var section: String
        var title: String
        var units: [String]
        var deadlineMonth: Int
        var target: String? = nil
        var phase: String? = nil
    }

    static let sections = [
        PlanSection(id: "s-plan", title: "系统化谋划"),
        PlanSection(id: "s-rules", title: "制度化规范"),
        PlanSection(id: "s-standard", title: "标准化建设"),
        PlanSection(id: "s-project", title: "项目化推进"),
        PlanSection(id: "s-digital", title: "信息化支撑"),
        PlanSection(id: "s-support", title: "组织保障"),
        PlanSection(id: "s-uplift", title: "基层党建提升年重点任务"),
    ]
    /// The demo's own section of tasks per branch (the scale generator's plan has none).
    static let branchSection = PlanSection(id: "s-branch", title: "一支部一清单")

    static let branchUnits = ["组织部", "各党总支", "直属支部"]

    static let items: [Item] = [
        Item(section: "s-plan", title: "强化对基层党建工作的谋划部署", units: ["党政办"] + branchUnits, deadlineMonth: 3),
        Item(section: "s-plan", title: "优化改进基层党建考核工作", units: ["组织部"], deadlineMonth: 12, target: "党建考核纳入书记述职评议"),
        Item(section: "s-rules", title: "严格落实党内法规制度", units: ["宣传部"] + branchUnits, deadlineMonth: 12),
        Item(section: "s-rules", title: "严格健全相关配套制度", units: branchUnits, deadlineMonth: 6),
        Item(section: "s-rules", title: "严格执行党的组织生活制度", units: ["组织部", "纪委办", "各党总支", "直属支部"], deadlineMonth: 12, target: "三会一课、主题党日按期开展"),
        Item(section: "s-rules", title: "严格落实基层党建工作责任", units: branchUnits, deadlineMonth: 12),
        Item(section: "s-standard", title: "实现组织设置标准化", units: ["组织部"], deadlineMonth: 9, target: "100人以上的党总支成立基层党委"),
        Item(section: "s-standard", title: "实现班子配备标准化", units: branchUnits, deadlineMonth: 9, target: "支部按期换届, 班子配齐"),
        Item(section: "s-project", title: "开展「最强党支部」建设", units: branchUnits, deadlineMonth: 12, target: "50%以上党支部达到最强党支部标准"),
        Item(section: "s-project", title: "加强在优秀青年教师、高知识群体、学生中发展党员工作", units: ["组织部", "各党总支"], deadlineMonth: 12),
        Item(section: "s-digital", title: "完善「智慧党建」系统平台", units: ["组织部"], deadlineMonth: 10, target: "年底前建成党群活动服务中心"),
        Item(section: "s-support", title: "抓好调度推进", units: ["组织部"], deadlineMonth: 12, phase: "每季度调度"),
        Item(section: "s-support", title: "搞好总结评估", units: ["组织部"], deadlineMonth: 12, phase: "年底考评验收"),
        Item(section: "s-support", title: "落实工作责任", units: ["党委"] + branchUnits, deadlineMonth: 12),
        Item(section: "s-uplift", title: "强化党建责任落实", units: ["党委"] + branchUnits, deadlineMonth: 12, target: "每半年至少听取1次各党支部党建工作汇报"),
        Item(section: "s-uplift", title: "强化思想政治建设", units: ["宣传部"] + branchUnits, deadlineMonth: 12, target: "集中学习研讨不少于8次; 党员培训不少于32学时"),
        Item(section: "s-uplift", title: "强化严肃的党内政治生活", units: branchUnits, deadlineMonth: 12, target: "组织生活会、民主评议党员每年1次"),
        Item(section: "s-uplift", title: "强化党务干部队伍建设", units: ["组织部"], deadlineMonth: 11, target: "支部书记培训不少于56学时"),
        Item(section: "s-uplift", title: "强化作风建设", units: ["纪委办"] + branchUnits, deadlineMonth: 12),
    ]

    /// `organisation`: the demo's, for its 一支部一清单 tasks (nil: none, as for the scale generator).
    static func make(year: Int, asOf: Day, organisation: Organisation? = nil) -> WorkPlan {
        var tasks: [PlanTask] = []
        for (i, item) in items.enumerated() {
            let deadline = Day.lastOf(year: year, month: item.deadlineMonth)
            let start = Day.firstOf(year: year, month: 1)
            let span = Double(deadline.dayNumber - start.dayNumber)
            let elapsed = Double(asOf.dayNumber - start.dayNumber)
            var progress = max(0, min(100, Int((elapsed / span * 100).rounded())))
            var status: TaskStatus = progress >= 100 ? .done : (progress > 0 ? .inProgress : .notStarted)
            // One task lags behind and one is blocked, as in any real year.
            if i == 6 && status != .done { progress = max(0, progress - 40); status = .inProgress }
            if i == 10 { status = .blocked; progress = min(progress, 35) }
            tasks.append(PlanTask(
                id: "t\(i + 1 < 10 ? "0" : "")\(i + 1)", sectionId: item.section, title: item.title,
                responsibleUnits: item.units, phase: item.phase, deadline: deadline, target: item.target,
                status: status, progress: progress))
        }
        if let organisation { tasks += branchTasks(year: year, asOf: asOf, organisation: organisation) }
        return WorkPlan(title: "\(year)年「五化协同 大抓基层」暨基层党建提升年工作方案", year: year,
                        sections: sections + (organisation == nil ? [] : [branchSection]), tasks: tasks)
    }

    /// 一支部一清单 with the plan's rhythm: seed 002's monthly report by the 25th in its three phases (the
    /// 机关党总支's branches; 后勤保障党支部 missed the last month due), seed 000's half-yearly written report
    /// (every branch; 科研中心党支部 missed the first half), and a one-off 台账 task for the school
    /// branches by 31 October (经济管理系学生党支部 not done). Records only up to `asOf`.
    static func branchTasks(year: Int, asOf: Day, organisation org: Organisation) -> [PlanTask] {
        func day(_ m: Int, _ d: Int) -> Day { Day(year: year, month: m, day: d)! }
        let phases = [TaskPhase(name: "动员部署", start: day(4, 1), end: day(4, 30)),
                      TaskPhase(name: "组织实施", start: day(5, 1), end: day(6, 30)),
                      TaskPhase(name: "总结提升", start: day(7, 1), end: day(12, 31))]
        var monthly = PlanTask(id: "t20", sectionId: "s-branch", title: "每月25日前报送基本建设年工作情况", responsibleUnits: ["机关党总支"],
                               phase: "每月", target: "按月报送, 不漏报", status: .inProgress, progress: 0,
                               assignment: .generalBranch("gb-office"), phases: phases,
                               recurrence: TaskRecurrence(every: .month, day: 25, from: day(4, 1)))
        var halfYearly = PlanTask(id: "t21", sectionId: "s-branch", title: "每半年向党委书面报告党建工作情况", responsibleUnits: ["各党支部"],
                                  phase: "每半年", target: "院党委每半年至少听取1次各党支部汇报", status: .inProgress, progress: 0,
                                  assignment: .all, recurrence: TaskRecurrence(every: .halfYear))
        var ledger = PlanTask(id: "t22", sectionId: "s-branch", title: "建立支部标准化工作台账", responsibleUnits: ["各党总支"],
                              deadline: day(10, 31), target: "教学科研、学生党支部台账齐全", status: .inProgress, progress: 0,
                              assignment: .sector(.school))
        let occurrencesM = TaskSchedule.occurrences(monthly, planYear: year).filter { $0.due <= asOf }
        for b in TaskSchedule.branches(monthly, in: org, on: asOf) {
            var state = BranchTask(branchId: b.id, status: .inProgress)
            for (i, o) in occurrencesM.enumerated() {
                if b.id == "b-logistics" && i == occurrencesM.count - 1 && o.due < asOf { continue }
                let done = o.due.adding(days: -(i % 3 + 1))
                state.record(OccurrenceDone(period: o.period.key, doneOn: done, note: "\(o.period.month)月工作情况报告"))
            }
            state.progress = occurrencesM.isEmpty ? 0 : 100 * state.occurrences.count / 9
            monthly.setState(state)
        }
        let occurrencesH = TaskSchedule.occurrences(halfYearly, planYear: year).filter { $0.due <= asOf }
        for b in TaskSchedule.branches(halfYearly, in: org, on: asOf) {
            var state = BranchTask(branchId: b.id, status: .inProgress)
            for o in occurrencesH where b.id != "b-t-research" {
                state.record(OccurrenceDone(period: o.period.key, doneOn: o.due.adding(days: -4), note: "书面报告已报院党委"))
            }
            state.progress = 50 * state.occurrences.count
            halfYearly.setState(state)
        }
        for (i, b) in TaskSchedule.branches(ledger, in: org, on: asOf).enumerated() {
            let doneOn = day(10, 20 + i)
            if b.id != "b-s-econ" && doneOn <= asOf {
                ledger.setState(BranchTask(branchId: b.id, status: .done, progress: 100, evidence: "台账目录及扫描件已报党总支", doneOn: doneOn))
            } else {
                ledger.setState(BranchTask(branchId: b.id, status: .inProgress, progress: 60, evidence: "已完成会议记录整理"))
            }
        }
        return [monthly, halfYearly, ledger]
    }
}

private extension TaskPeriod {
    var month: Int { lastMonth }
}
