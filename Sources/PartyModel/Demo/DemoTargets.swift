extension DemoWorkspace {
    /// 目标 of the demo: the seeds' numeric targets for the year — seed 003's 最强党支部 share and
    /// student ratios, seed 001's 三会一课/基础工作, 学时, 两新 coverage and 满意率 (entered by hand with
    /// their denominators), seed 000's quarterly checks, seed 004's 800 元 a member. Some are met,
    /// some behind their milestone (docs/targets.md). Figures entered only for quarters begun by the as-of day.
    static func addTargets(to ws: inout Workspace, asOf: Day) {
        let year = asOf.year
        func q(_ n: Int) -> Quarter { Quarter(year: year, number: n)! }
        func entered(_ list: [(Int, Double, Double?)]) -> [TargetActual] {
            list.filter { q($0.0).firstDay <= asOf }.map { TargetActual(quarter: q($0.0), value: $0.1, denominator: $0.2) }
        }
        let end = Day.lastOf(year: year, month: 12)
        ws.targets = TargetsFile(targets: [
            Target(id: "t-strongest", title: "最强党支部占比", planItem: "t09", metric: .strongest, value: 0.5, deadline: end,
                   milestones: [TargetMilestone(quarter: q(2), value: 0.3), TargetMilestone(quarter: q(3), value: 0.4)],
                   source: "seed 003: 到2023年全院50%以上党支部达到“最强党支部”标准"),
            Target(id: "t-meetings", title: "三会一课全面达标", planItem: "t05", metric: .threeMeetingsOneLesson, value: 1, deadline: end,
                   milestones: [TargetMilestone(quarter: q(1), value: 0.8), TargetMilestone(quarter: q(2), value: 0.9), TargetMilestone(quarter: q(3), value: 0.9)],
                   source: "seed 001: 100%的基层党组织日常工作等基础性工作全面达标"),
            Target(id: "t-checks", title: "季度检查覆盖全部支部", planItem: "t12", metric: .quarterlyCheck, value: 1, deadline: end,
                   milestones: [TargetMilestone(quarter: q(1), value: 0.8), TargetMilestone(quarter: q(2), value: 0.9), TargetMilestone(quarter: q(3), value: 0.9)],
                   source: "seed 000: 每季度对党支部进行督导检查"),
            Target(id: "t-training", title: "党员学时达标", planItem: "t16", metric: .trainingHours, value: 1, deadline: end,
                   milestones: [TargetMilestone(quarter: q(3), value: 0.5)],
                   source: "seed 001: 党员培训不少于32学时, 书记和班子成员不少于56学时"),
            Target(id: "t-student-members", title: "学生党员占在校生比例", planItem: "t10", metric: .studentMemberShare, value: 0.0383, deadline: end,
                   source: "seed 003: 学生党员占在校生的比例要达到3.83%"),
            Target(id: "t-reserve", title: "党员后备力量占在校生比例", planItem: "t10", metric: .reserveShare, value: 0.429, deadline: end,
                   milestones: [TargetMilestone(quarter: q(3), value: 0.3)],
                   source: "seed 003: 党员后备力量(申请人、积极分子、发展对象)占在校生的比例要达到42.90%"),
            Target(id: "t-funds", title: "机关人均党建活动经费", metric: .fundsPerMember, sectors: [.government], value: 800, deadline: end,
                   milestones: [TargetMilestone(quarter: q(2), value: 400), TargetMilestone(quarter: q(3), value: 600)],
                   source: "seed 004: 党建活动经费新标准 (每人每年800元)"),
            Target(id: "t-two-new", title: "两新组织党组织覆盖率", metric: .manual, value: 0.85, deadline: end,
                   milestones: [TargetMilestone(quarter: q(2), value: 0.85), TargetMilestone(quarter: q(3), value: 0.85)],
                   source: "seed 001: “两新”组织党组织覆盖率动态保持在85%以上",
                   note: "分母为辖区两新组织数, 由组织部每季度核实后录入",
                   actuals: entered([(1, 31, 38), (2, 33, 38), (3, 34, 40), (4, 35, 40)])),
            Target(id: "t-satisfaction", title: "群众对党组织工作满意率", metric: .manual, value: 0.9, deadline: end,
                   milestones: [TargetMilestone(quarter: q(2), value: 0.9)],
                   source: "seed 001: 基层党员和干部群众对党组织工作满意率在90%以上",
                   note: "半年测评: 满意人数 / 参评人数",
                   actuals: entered([(2, 212, 250), (4, 231, 250)])),
            // Issue 19: the year's 发展计划 as a target — people accepted as probationary this year against
            // the plan's total in development-targets.json (26), judged at the year's end.
            Target(id: "t-development-plan", title: "年度发展党员计划", planItem: "t10", metric: .pipeline, stage: "developed", value: 26, deadline: end,
                   source: "seed 001: 发展党员工作挂牌督办, 按年度发展计划 (development-targets.json) 完成"),
        ])
    }
}
