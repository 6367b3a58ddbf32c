/// The demo's quarterly checks, their findings as rectifications in every state, manual
/// assessments and bonuses, following each branch's `quality`.
enum DemoChecks {
    static let inspectors = ["组织部 周立新", "组织部 郑雪梅", "纪委办 冯国庆", "党政办 何敏", "组织部 谢振华"]

    /// A finding for each template item, as inspectors write them.
    static let findingText: [String: String] = [
        "org-setting": "党小组划分与人数不匹配, 未按规定调整",
        "leadership": "支委分工不明确, 换届准备工作未启动",
        "dues": "党费收缴台账不清, 个别党员未按月交纳",
        "training-records": "培训签到表缺失, 学时登记不全",
        "meetings-records": "三会一课记录要素不全, 缺少应到实到人数",
        "themed-day": "主题党日主题不鲜明, 缺少活动记录",
        "ledger": "党员名册未及时更新",
        "secretary-report": "书记未按季度报送党建工作报告",
        "rectification": "上季度问题整改不到位",
        "premises": "活动阵地制度未上墙",
        "service": "党员志愿服务活动记录不全",
        "funds-disclosure": "党建经费使用情况未按季度公开",
        "masses-contact": "联系服务群众记录不全",
    ]

    static func add(to workspace: inout Workspace, specs: [DemoWorkspace.Spec], asOf: Day, rng: inout SeededRandom) {
        let template = workspace.checkTemplate
        let year = asOf.year
        let lastEnded = asOf.quarter.previous
        var checks: [QuarterlyCheck] = []
        var rectifications: [Rectification] = []
        var manual: [ManualScore] = []
        var bonuses: [Bonus] = []
        var findingCounter = 0

        for (spec, branch) in zip(specs, workspace.organisation.branches) {
            for quarter in Quarter.all(of: year - 1) + Quarter.all(of: year) {
                let date = quarter.lastDay.adding(days: rng.int(8...20))
                guard date <= asOf else { continue }
                if spec.lastCheckMissing && quarter == lastEnded { continue }
                var points: [String: Double] = [:]
                for item in template.items {
                    let share = min(1, max(0, spec.quality + Double(rng.int(-8...6)) / 100))
                    points[item.id] = (item.maxPoints * share * 2).rounded() / 2
                }
                let check = QuarterlyCheck(
                    id: "chk-\(quarter.year)q\(quarter.number)-\(branch.id)", branchId: branch.id,
                    year: quarter.year, quarter: quarter.number, date: date,
                    inspectors: [rng.pick(inspectors), rng.pick(inspectors)].uniqued(),
                    points: points, reportReceived: spec.quality >= 0.7 || rng.chance(0.3),
                    notes: spec.quality < 0.6 ? "问题较多, 列为重点督导对象" : nil)
                checks.append(check)

                // The weakest items below 80 % of their maximum become findings: one to three a check.
                let weak = template.items.filter { points[$0.id]! < $0.maxPoints * 0.8 }
                    .sorted { points[$0.id]! / $0.maxPoints < points[$1.id]! / $1.maxPoints }
                for item in weak.prefix(spec.quality < 0.75 ? 3 : 2) {
                    findingCounter += 1
                    let due = date.adding(days: rng.pick([30, 45, 60]))
                    var r = Rectification(
                        id: "zg-\(quarter.year)-\(DemoWorkspace.pad4(findingCounter))", branchId: branch.id,
                        sourceCheckId: check.id, category: item.category,
                        description: findingText[item.id] ?? item.title,
                        owner: branch.secretary ?? "支部委员会", openedOn: date, dueOn: due)
                    progress(&r, quality: spec.quality, asOf: asOf, rng: &rng)
                    rectifications.append(r)
                }
            }
            // Year-end assessment for last year; an interim one for this year.
            for y in [year - 1, year] {
                for item in workspace.scoring.yearItems where item.source == .manual {
                    let share = min(1, max(0, spec.quality + Double(rng.int(-5...4)) / 100))
                    manual.append(ManualScore(branchId: branch.id, itemId: item.id, year: y,
                                              points: (item.max * share * 2).rounded() / 2,
                                              note: y == year ? "年中考评" : "年终考评"))
                }
            }
            if spec.quality >= 0.97 {
                bonuses.append(Bonus(branchId: branch.id, year: year - 1, points: 3, reason: "获评上级先进基层党组织"))
                bonuses.append(Bonus(branchId: branch.id, year: year, points: 2, reason: "党建品牌项目立项"))
            }
        }
        workspace.checks = checks.sorted { ($0.year, $0.quarter, $0.branchId) < ($1.year, $1.quarter, $1.branchId) }
        workspace.rectifications = rectifications
        workspace.manualScores = manual
        workspace.bonuses = bonuses
    }

    /// Moves a rectification along as a branch of this quality would have by `asOf`.
    static func progress(_ r: inout Rectification, quality: Double, asOf: Day, rng: inout SeededRandom) {
        let opened = r.openedOn
        let age = asOf.dayNumber - opened.dayNumber
        // Weak branches leave some findings untouched past their due date.
        if quality < 0.75 && rng.chance(0.2) && r.dueOn < asOf { return }
        func step(_ action: RectificationAction, after days: Int) -> Bool {
            let last = r.history.last?.date ?? opened
            let day = last.adding(days: days)
            guard day <= asOf, case .success(let next) = r.applying(action, on: day) else { return false }
            r = next
            return true
        }
        guard step(.start, after: rng.int(1...5)) else { return }
        if quality < 0.75 && r.dueOn < asOf && rng.chance(0.15) { return }  // stuck in progress, overdue
        guard age > 20, step(.submit(evidence: "已完成整改, 附整改报告和会议记录"), after: rng.int(10...25)) else { return }
        if rng.chance(0.15) {
            // Returned once for more work.
            guard step(.returnForRework(reason: "整改材料不完整, 请补充佐证"), after: rng.int(3...7)) else { return }
            guard step(.submit(evidence: "已补充佐证材料"), after: rng.int(5...10)) else { return }
        }
        guard step(.accept(acceptedBy: rng.pick(inspectors)), after: rng.int(3...10)) else { return }
        if rng.chance(0.05) {
            _ = step(.reopen(reason: "复查发现问题反弹"), after: rng.int(10...30))
        }
    }
}

extension Array where Element: Hashable {
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
