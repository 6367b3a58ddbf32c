/// The words of 发展党员 (issue 19): stages, steps, rules with their sources, violations and alerts.

public extension DevelopmentStage {
    func name(_ lang: Language) -> String {
        switch self {
        case .applicant: lang.pick("入党申请人", "Applicant")
        case .activist: lang.pick("入党积极分子", "Activist")
        case .developmentTarget: lang.pick("发展对象", "Development target")
        case .probationary: lang.pick("预备党员", "Probationary member")
        case .full: lang.pick("正式党员", "Full member")
        case .cancelled: lang.pick("取消预备党员资格", "Probation cancelled")
        case .withdrawn: lang.pick("退出培养", "Withdrawn")
        }
    }
}

extension DevelopmentStage: NamedCode {
    public static let nameTable = makeNameTable()
    public var variants: [String] {
        switch self {
        case .applicant: ["申请人", "申请入党", "入党申请", "申请入党人"]
        case .activist: ["积极分子", "入党积极份子", "积极份子"]
        case .developmentTarget: ["发展对象人选", "拟发展对象", "发展"]
        case .probationary: ["预备", "预备期"]
        case .full: ["正式", "已转正", "转正"]
        case .cancelled: ["取消资格", "取消预备党员", "取消"]
        case .withdrawn: ["退出", "撤回", "不再培养", "撤回申请"]
        }
    }
}

public extension DevelopmentStepKind {
    func name(_ lang: Language) -> String {
        switch self {
        case .application: lang.pick("入党申请", "Application")
        case .talk: lang.pick("申请人谈话", "Talk with the applicant")
        case .recommended: lang.pick("推荐推优", "Recommended")
        case .activistChosen: lang.pick("确定为入党积极分子", "Chosen as activist")
        case .activistFiled: lang.pick("积极分子备案", "Activist filed")
        case .contactsAssigned: lang.pick("指定培养联系人", "Contacts assigned")
        case .review: lang.pick("考察", "Review")
        case .targetChosen: lang.pick("确定为发展对象", "Chosen as development target")
        case .targetFiled: lang.pick("发展对象备案", "Target filed")
        case .sponsors: lang.pick("确定入党介绍人", "Sponsors")
        case .politicalReview: lang.pick("政治审查", "Political review")
        case .training: lang.pick("集中培训", "Training")
        case .committeeReview: lang.pick("支委会审查", "Committee review")
        case .preReview: lang.pick("上级党委预审", "Pre-review")
        case .publicNotice: lang.pick("公示", "Public notice")
        case .applicationForm: lang.pick("填写入党志愿书", "Application form")
        case .branchMeeting: lang.pick("支部大会讨论接收", "Branch meeting (acceptance)")
        case .upperTalk: lang.pick("上级党委派人谈话", "Talk by the committee")
        case .approval: lang.pick("上级党委审批", "Approval")
        case .oath: lang.pick("入党宣誓", "Oath")
        case .probationReview: lang.pick("预备期考察", "Probation review")
        case .fullApplication: lang.pick("转正申请", "Application for full membership")
        case .fullMeeting: lang.pick("支部大会讨论转正", "Branch meeting (full membership)")
        case .fullApproval: lang.pick("审批转正", "Full membership approved")
        case .extension: lang.pick("延长预备期", "Probation extended")
        case .cancellation: lang.pick("取消预备党员资格", "Probation cancelled")
        case .withdrawal: lang.pick("退出培养", "Withdrawn")
        }
    }
}

extension DevelopmentStepKind: NamedCode {
    public static let nameTable = makeNameTable()
    public var variants: [String] {
        switch self {
        case .application: ["申请入党", "递交入党申请书", "入党申请书", "申请"]
        case .talk: ["谈话", "入党谈话", "党组织派人谈话"]
        case .recommended: ["推荐", "推优", "党员推荐", "团组织推优"]
        case .activistChosen: ["确定积极分子", "列为积极分子", "确定为积极分子", "确定入党积极分子"]
        case .activistFiled: ["积极分子报备", "入党积极分子备案"]
        case .contactsAssigned: ["培养联系人", "培养人", "指定培养人"]
        case .review: ["培养考察", "半年考察"]
        case .targetChosen: ["确定发展对象", "列为发展对象"]
        case .targetFiled: ["发展对象报备"]
        case .sponsors: ["入党介绍人", "介绍人"]
        case .politicalReview: ["政审"]
        case .training: ["培训", "短期集中培训", "发展对象培训"]
        case .committeeReview: ["支委会审查", "支部委员会审查"]
        case .preReview: ["预审", "党委预审"]
        case .publicNotice: ["公示", "发展对象公示"]
        case .applicationForm: ["入党志愿书", "填写志愿书"]
        case .branchMeeting: ["支部大会", "接收预备党员", "支部大会讨论", "支部大会通过"]
        case .upperTalk: ["组织员谈话", "党委谈话"]
        case .approval: ["审批", "党委审批", "批准", "批准为预备党员"]
        case .oath: ["宣誓"]
        case .probationReview: ["预备党员考察"]
        case .fullApplication: ["转正申请书", "提出转正申请"]
        case .fullMeeting: ["转正支部大会", "讨论转正"]
        case .fullApproval: ["转正", "批准转正", "转正审批"]
        case .extension: ["延长预备期"]
        case .cancellation: ["取消资格", "取消预备党员"]
        case .withdrawal: ["退出", "撤回申请"]
        }
    }
}

public extension DecisionBody {
    func name(_ lang: Language) -> String {
        switch self {
        case .committee: lang.pick("支委会", "branch committee")
        case .generalMeeting: lang.pick("支部大会", "general meeting")
        }
    }
}

extension DecisionBody: NamedCode {
    public static let nameTable = makeNameTable()
    public var variants: [String] {
        switch self {
        case .committee: ["支部委员会", "支委"]
        case .generalMeeting: ["支部党员大会", "党员大会"]
        }
    }
}

public extension PendingState {
    func name(_ lang: Language) -> String {
        switch self {
        case .overdue: lang.pick("逾期", "overdue")
        case .blocked: lang.pick("受阻", "blocked")
        case .due: lang.pick("待办", "due")
        case .open: lang.pick("待办", "to do")
        case .waiting: lang.pick("未到时间", "not yet")
        }
    }
}

public extension DevelopmentRule {
    /// What the rule asks, in a few words.
    func name(_ lang: Language) -> String {
        switch self {
        case .order: lang.pick("按程序先后", "steps in their order")
        case .prerequisite: lang.pick("前置步骤须已完成", "the steps before it done first")
        case .once: lang.pick("只办理一次", "done once")
        case .closed: lang.pick("培养已结束", "the pipeline has ended")
        case .minimumAge: lang.pick("年满十八岁", "aged 18 or over")
        case .talkWithin: lang.pick("一个月内派人谈话", "a talk within a month")
        case .decidingBody: lang.pick("由支委会 (不设支委会的由支部大会) 研究决定", "decided by the branch committee (the general meeting where there is none)")
        case .contacts: lang.pick("一至两名正式党员作培养联系人", "one or two full members as contacts")
        case .activistYear: lang.pick("经过一年以上培养教育和考察", "a year or more as an activist")
        case .sponsors: lang.pick("两名正式党员作入党介绍人", "two full members as sponsors")
        case .training: lang.pick("集中培训不少于三天或二十四学时", "training of 3 days or 24 hours at least")
        case .publicNotice: lang.pick("公示期满 (五个工作日)", "the public notice runs its time (5 working days)")
        case .quorum: lang.pick("到会及赞成人数超过应到会有表决权正式党员的半数", "more than half of the full members entitled to vote present and in favour")
        case .approvalWithin: lang.pick("支部大会后三个月内审批", "approval within 3 months of the branch meeting")
        case .approvalLongest: lang.pick("特殊情况审批不超过六个月", "approval within 6 months even in special cases")
        case .probationYear: lang.pick("预备期一年, 期满方可讨论转正", "a year's probation before full membership is discussed")
        case .fullWithin: lang.pick("预备期满三个月内讨论并审批转正", "full membership discussed and approved within 3 months of the probation's end")
        case .extensionLength: lang.pick("延长预备期不少于半年、最长不超过一年", "an extension of 6 months to a year")
        }
    }

    /// Where the rule comes from.
    func source(_ lang: Language) -> String {
        let rules = lang.pick("《中国共产党发展党员工作细则》", "Party member development rules (2014)")
        let constitution = lang.pick("《中国共产党章程》", "Party Constitution")
        func art(_ n: String, _ en: Int) -> String { rules + lang.pick("第\(n)条", " Art. \(en)") }
        switch self {
        case .order, .once, .closed: return rules + lang.pick("第十八条 (严格按照程序办理)", " Art. 18 (the procedure, strictly)")
        case .prerequisite: return rules + lang.pick("第十四、十六、十七条 (未经政审、培训不能发展入党)", " Arts. 14, 16, 17 (no membership without 政审 and training)")
        case .minimumAge: return art("五", 5)
        case .talkWithin: return art("七", 7)
        case .decidingBody: return rules + lang.pick("第八、十三条", " Arts. 8, 13")
        case .contacts: return art("九", 9)
        case .activistYear: return art("十三", 13)
        case .sponsors: return art("十四", 14) + lang.pick("; ", "; ") + constitution + lang.pick("第五条", " Art. 5")
        case .training: return art("十七", 17)
        case .publicNotice: return lang.pick("发展党员公示制度 (各地实施办法; 细则未定天数)", "the public-notice rule of local implementing measures (the 2014 rules set no length)")
        case .quorum, .approvalWithin, .approvalLongest: return rules + lang.pick("第四章 (预备党员的接收)", " ch. 4 (accepting probationary members)")
        case .probationYear, .extensionLength: return constitution + lang.pick("第七条; ", " Art. 7; ") + rules + lang.pick("第五章", " ch. 5")
        case .fullWithin: return rules + lang.pick("第五章 (预备党员的转正)", " ch. 5 (full membership)")
        }
    }
}

extension DevelopmentRuleViolation {
    /// "确定为发展对象 2026-05-31: 应不早于 2026-06-01 (经过一年以上培养教育和考察; 《中国共产党发展党员工作细则》第十三条)".
    public func message(_ lang: Language) -> String {
        "\(step.name(lang)) \(date.iso): \(factText(lang)) (\(rule.name(lang)); \(rule.source(lang)))"
    }

    func factText(_ lang: Language) -> String {
        func list(_ kinds: [DevelopmentStepKind]) -> String { kinds.map { $0.name(lang) }.joined(separator: lang.pick("、", ", ")) }
        switch fact {
        case .notBefore(let day): return lang.pick("应不早于 \(day.iso)", "not before \(day.iso)")
        case .notAfter(let day): return lang.pick("已过期限 \(day.iso)", "after its deadline, \(day.iso)")
        case .before(let kind, let day): return lang.pick("早于应在其前的 \(kind.name(lang)) (\(day.iso))", "dated before \(kind.name(lang)) (\(day.iso)), which comes first")
        case .after(let kind, let day): return lang.pick("晚于应在其后的 \(kind.name(lang)) (\(day.iso))", "dated after \(kind.name(lang)) (\(day.iso)), which follows it")
        case .missing(let kinds): return lang.pick("尚未记录 \(list(kinds))", "\(list(kinds)) not on record")
        case .age(let age): return lang.pick("当日 \(age) 周岁", "aged \(age) that day")
        case .people(let count): return lang.pick("记录了 \(count) 人", "\(count) named")
        case .notFullMember(let name): return lang.pick("\(name) 当日不是正式党员", "\(name) is not a full member that day")
        case .length(let days, let hours):
            if step == .publicNotice {
                return days.map { lang.pick("公示 \(formatNumber($0)) 个工作日", "a notice of \(formatNumber($0)) working days") }
                    ?? lang.pick("未记录公示天数", "the notice's days not recorded")
            }
            guard days != nil || hours != nil else { return lang.pick("未记录培训天数或学时", "the training's days or hours not recorded") }
            return lang.pick("培训 \(days.map(formatNumber) ?? "-") 天, \(hours.map(formatNumber) ?? "-") 学时",
                             "\(days.map(formatNumber) ?? "-") days, \(hours.map(formatNumber) ?? "-") hours of training")
        case .votes(let present, let entitled, let yes):
            guard let present, let entitled else { return lang.pick("未记录应到会、到会人数", "the votes entitled and present not recorded") }
            let inFavour = yes.map { lang.pick(", 赞成 \($0) 人", ", \($0) in favour") } ?? ""
            return lang.pick("应到会有表决权 \(entitled) 人, 到会 \(present) 人", "\(entitled) entitled to vote, \(present) present") + inFavour
        case .body(let body): return lang.pick("由\(body.name(lang))决定", "decided by the \(body.name(lang))")
        case .extensionMonths(let months, let total):
            guard let months else { return lang.pick("未记录延长月数", "the months not recorded") }
            return lang.pick("延长 \(months) 个月 (共 \(total) 个月)", "\(months) months (\(total) in all)")
        case .again(let day): return lang.pick("已于 \(day.iso) 记录", "already recorded on \(day.iso)")
        case .ended(let kind, let day): return lang.pick("在 \(kind.name(lang)) (\(day.iso)) 之后", "after \(kind.name(lang)) (\(day.iso))")
        }
    }
}

public extension DevelopmentAlert {
    /// The alert's kind, without names (the wall display shows it).
    func title(_ lang: Language) -> String {
        switch self {
        case .talkOverdue: lang.pick("入党申请谈话逾期", "applicant talks overdue")
        case .reviewOverdue: lang.pick("积极分子考察逾期", "activist reviews overdue")
        case .checksMissing: lang.pick("发展对象缺政审或培训", "targets without 政审 or training")
        case .approvalOverdue: lang.pick("接收预备党员审批逾期", "approvals overdue")
        case .approvalLong: lang.pick("审批超过六个月", "approvals over 6 months")
        case .fullDue: lang.pick("预备期满待讨论转正", "probations ended, to discuss")
        case .fullOverdue: lang.pick("转正逾期", "full membership overdue")
        }
    }

    /// `who`: " (张三、李四)" or empty.
    func message(people: Int, who: String, _ lang: Language) -> String {
        switch self {
        case .talkOverdue:
            lang.pick("\(people) 名入党申请人递交申请已满一个月仍未谈话\(who) (细则第七条)",
                      "\(people) applicant(s) not talked with a month after applying\(who) (rules Art. 7)")
        case .reviewOverdue:
            lang.pick("\(people) 名入党积极分子半年以上未考察\(who) (细则第十一条)",
                      "\(people) activist(s) without a review for over half a year\(who) (rules Art. 11)")
        case .checksMissing:
            lang.pick("\(people) 名发展对象尚缺政治审查或集中培训\(who), 未经政审、培训不能发展入党 (细则第十六、十七条)",
                      "\(people) development target(s) still without political review or training\(who): neither can be accepted without them (rules Arts. 16, 17)")
        case .approvalOverdue:
            lang.pick("\(people) 名发展对象支部大会通过已满三个月仍未审批\(who) (细则第四章)",
                      "\(people) accepted by the branch meeting over 3 months ago and not yet approved\(who) (rules ch. 4)")
        case .approvalLong:
            lang.pick("\(people) 名发展对象支部大会通过已超过六个月仍未审批\(who) (细则第四章: 最长不超过六个月)",
                      "\(people) accepted by the branch meeting over 6 months ago and not yet approved\(who) (rules ch. 4: 6 months at most)")
        case .fullDue:
            lang.pick("\(people) 名预备党员预备期已满, 请及时召开支部大会讨论转正\(who)",
                      "\(people) probationary member(s) whose probation has ended: discuss their full membership\(who)")
        case .fullOverdue:
            lang.pick("\(people) 名预备党员预备期满已超过三个月仍未转正\(who) (细则第五章)",
                      "\(people) probationary member(s) not made full 3 months after the probation ended\(who) (rules ch. 5)")
        }
    }
}
