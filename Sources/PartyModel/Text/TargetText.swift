import Foundation

/// The words of 目标: statuses, metrics and how each actual is worked out, figures as they read.
public extension TargetStatus {
    func name(_ lang: Language) -> String {
        switch self {
        case .met: lang.pick("达成", "Met")
        case .onTrack: lang.pick("进行中", "On track")
        case .behind: lang.pick("落后", "Behind")
        case .missed: lang.pick("未达成", "Missed")
        }
    }
}

public extension TargetUnit {
    /// 45.0% · 12 · 812.50 元 (a share to one decimal place; a count whole, else to two).
    func format(_ value: Double) -> String {
        switch self {
        case .share: return String(format: "%.1f%%", value * 100)
        case .count: return value == value.rounded() ? String(Int(value)) : String(format: "%.2f", value)
        case .yuan: return String(format: "%.2f元", value)
        }
    }

    /// As `format`, 元 whole (a trend of four quarters in one column).
    func compact(_ value: Double) -> String {
        self == .yuan ? String(format: "%.0f元", value) : format(value)
    }
}

public extension TargetMetric {
    func name(_ lang: Language) -> String {
        switch self {
        case .threeMeetingsOneLesson: lang.pick("三会一课达标支部占比", "Branches meeting 三会一课")
        case .quarterlyCheck: lang.pick("季度检查覆盖支部占比", "Branches with a quarterly check")
        case .strongest: lang.pick("最强党支部占比", "Strongest branches")
        case .trainingHours: lang.pick("学时达标党员占比", "Members reaching their training hours")
        case .members: lang.pick("党员人数", "Members")
        case .pipeline: lang.pick("发展党员人数", "People in the pipeline")
        case .studentMemberShare: lang.pick("学生党员占在校生比例", "Student members per student")
        case .reserveShare: lang.pick("党员后备力量占在校生比例", "Reserve force per student")
        case .fundsPerMember: lang.pick("人均经费", "Funds per member")
        case .manual: lang.pick("手工录入", "Entered by hand")
        }
    }

    /// How the actual is worked out (the detail page, `targets --format json`, docs/targets.md).
    func explanation(_ lang: Language) -> String {
        switch self {
        case .threeMeetingsOneLesson:
            lang.pick("范围内在役支部中, 截至当日最近一个已结束季度三会一课全部达标 (与合规统计同一规则) 的支部数 / 支部数",
                      "branches in scope whose 三会一课 was fully met (the compliance rule) in the last quarter ended by the day / branches in scope")
        case .quarterlyCheck:
            lang.pick("截至当日已过检查宽限期 (季末后 checkGraceDays 天) 的最近一个季度, 有季度检查记录的支部数 / 范围内支部数",
                      "branches with a check of the latest quarter whose grace period (checkGraceDays after its end) has passed by the day / branches in scope")
        case .strongest:
            lang.pick("当年考评 (截至当日) 评为最强党支部的支部数 / 参评支部数", "branches rated 最强 in the year's scoring as of the day / branches scored")
        case .trainingHours:
            lang.pick("花名册党员中截至当日本年学时达到要求 (32 学时, 班子 56 学时) 的人数 / 花名册人数",
                      "members on the rosters with the year's hours up to the day reaching their requirement (32 h, 56 h for the 班子) / members on the rosters")
        case .members:
            lang.pick("范围内支部当日党员人数 (花名册, 否则为录入人数)", "members of the branches in scope on the day (roster, else the counts entered)")
        case .pipeline:
            lang.pick("范围内支部当日处于该阶段的人数 (reserve: 申请人+积极分子+发展对象; developed: 本年接收预备党员)",
                      "people at the stage on the day (reserve: applicants + activists + development targets; developed: accepted this year)")
        case .studentMemberShare:
            lang.pick("学生党员 / 在校生 (同 partydesk development targets; 在校生见 development-targets.json)",
                      "student members / students enrolled (as partydesk development targets; students in development-targets.json)")
        case .reserveShare:
            lang.pick("学生中的申请人、积极分子、发展对象 / 在校生 (同 partydesk development targets)",
                      "students among applicants, activists and development targets / students enrolled (as partydesk development targets)")
        case .fundsPerMember:
            lang.pick("本年截至当日拨付经费合计 / 当日党员人数", "funds allocated this year up to the day / members on the day")
        case .manual:
            lang.pick("按季度手工录入 (有分母时为 数值/分母), 取当日已开始的最近一季", "entered by hand per quarter (value / denominator when given); the latest quarter begun by the day")
        }
    }
}

public extension TargetEvaluation {
    /// "12/20" when the actual was counted from parts, else "".
    var parts: String {
        guard let a = actual, let n = a.numerator, let d = a.denominator else { return "" }
        return "\(TargetUnit.count.format(n))/\(TargetUnit.count.format(d))"
    }
}
