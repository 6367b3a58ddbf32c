/// The default check template and scoring scheme: the five 五强 categories of seed 003, items drawn
/// from the seeds, totalling 100. docs/scoring.md explains each weight.
public enum DefaultScheme {
    public static let categories = [
        ScoreCategory(id: "political", name: "政治功能强"),
        ScoreCategory(id: "team", name: "队伍建设强"),
        ScoreCategory(id: "orgLife", name: "组织生活强"),
        ScoreCategory(id: "role", name: "作用发挥强"),
        ScoreCategory(id: "masses", name: "群众工作强"),
    ]

    public static let template = CheckTemplate(items: [
        CheckItem(id: "org-setting", category: "team", title: "组织设置规范", maxPoints: 3,
                  guidance: "支部设置符合条例; 3人以上正式党员; 7人以上设支委会; 20人以上划分党小组"),
        CheckItem(id: "leadership", category: "team", title: "班子配备与按期换届", maxPoints: 3,
                  guidance: "书记、支委配齐; 任期届满按期换届; 无长期空缺"),
        CheckItem(id: "dues", category: "team", title: "党费按月足额交纳", maxPoints: 3,
                  guidance: "按月收缴, 标准准确, 台账清楚, 无连续欠缴"),
        CheckItem(id: "training-records", category: "team", title: "学习培训记录", maxPoints: 2,
                  guidance: "培训签到、学时登记齐全"),
        CheckItem(id: "meetings-records", category: "orgLife", title: "三会一课记录完整规范", maxPoints: 4,
                  guidance: "会议记录要素齐全: 时间、地点、应到实到、议题、决议"),
        CheckItem(id: "themed-day", category: "orgLife", title: "主题党日有主题有记录", maxPoints: 2,
                  guidance: "每月开展, 主题鲜明, 有方案有记录有照片"),
        CheckItem(id: "ledger", category: "orgLife", title: "基础台账齐全", maxPoints: 2,
                  guidance: "党员名册、组织关系、发展党员材料完整"),
        CheckItem(id: "secretary-report", category: "political", title: "书记季度党建工作报告", maxPoints: 3,
                  guidance: "书记每季度书面报告党建工作; 报告有问题有措施"),
        CheckItem(id: "rectification", category: "political", title: "上次检查问题整改到位", maxPoints: 3,
                  guidance: "问题清单逐项整改, 按期销号, 无反弹"),
        CheckItem(id: "premises", category: "role", title: "活动阵地与制度上墙", maxPoints: 2,
                  guidance: "有活动场所, 标识规范, 制度上墙"),
        CheckItem(id: "service", category: "role", title: "志愿服务与作用发挥", maxPoints: 3,
                  guidance: "党员示范岗、志愿服务、承诺践诺"),
        CheckItem(id: "funds-disclosure", category: "masses", title: "党建经费使用公开", maxPoints: 2,
                  guidance: "经费每季度公开一次, 接受党员群众监督"),
        CheckItem(id: "masses-contact", category: "masses", title: "联系服务群众", maxPoints: 2,
                  guidance: "走访、谈心谈话、为群众办实事有记录"),
    ])

    public static let scheme: ScoringScheme = {
        var items: [ScoreItem] = [
            ScoreItem(id: "three-meetings", category: "orgLife", title: "三会一课按期开展", max: 14, period: .quarter,
                      source: .compliance(.threeMeetingsOneLesson),
                      rationale: "条例规定的核心制度, 台账可直接计量, 权重最大"),
            ScoreItem(id: "themed-day", category: "orgLife", title: "主题党日每月开展", max: 4, period: .quarter,
                      source: .compliance(.themedPartyDay), rationale: "每月一次, 与三会一课互补"),
            ScoreItem(id: "study", category: "political", title: "集中学习研讨不少于8次", max: 8, period: .year,
                      source: .compliance(.studySession), rationale: "理论武装是政治功能的首要内容 (种子000: 每年不少于8次)"),
            ScoreItem(id: "training", category: "team", title: "党员培训人均32学时", max: 9, period: .year,
                      source: .compliance(.training), rationale: "队伍建设的可计量指标 (种子000、001: 32学时)"),
            ScoreItem(id: "org-life-meeting", category: "orgLife", title: "组织生活会", max: 2, period: .year,
                      source: .compliance(.organisationalLifeMeeting), rationale: "每年一次, 开与不开分明"),
            ScoreItem(id: "democratic-review", category: "orgLife", title: "民主评议党员", max: 2, period: .year,
                      source: .compliance(.democraticReview), rationale: "每年一次, 开与不开分明"),
            ScoreItem(id: "political-assessment", category: "political", title: "政治建设年度评价", max: 6, period: .year,
                      source: .manual, rationale: "执行政治纪律、落实一岗双责等需综合评定"),
            ScoreItem(id: "role-assessment", category: "role", title: "作用发挥年度评价", max: 10, period: .year,
                      source: .manual, rationale: "党建与业务融合、先锋作用, 由联述联评联考评定 (种子000、004)"),
            ScoreItem(id: "satisfaction", category: "masses", title: "群众满意度测评", max: 11, period: .year,
                      source: .manual, rationale: "群众满意度测评 (种子001: 满意度90%以上), 群众工作的主要依据"),
        ]
        // Every template item is scored once, with its own maximum.
        for item in template.items {
            items.append(ScoreItem(id: "check-\(item.id)", category: item.category, title: "季度检查: \(item.title)",
                                   max: item.maxPoints, period: .quarter, source: .check(item.id),
                                   rationale: "季度检查/督导现场评分"))
        }
        return ScoringScheme(
            categories: categories, items: items, deductions: Deductions(), bonusCap: 5,
            grades: [GradeBand(grade: .good, minimum: 90), GradeBand(grade: .fairlyGood, minimum: 80),
                     GradeBand(grade: .average, minimum: 60), GradeBand(grade: .poor, minimum: 0)],
            strongest: StrongestRule())
    }()
}
