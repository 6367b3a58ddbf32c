/// Display names of the model's codes.
public extension ActivityKind {
    func name(_ lang: Language) -> String {
        switch self {
        case .generalMeeting: lang.pick("支部党员大会", "General meeting")
        case .committeeMeeting: lang.pick("支委会", "Committee meeting")
        case .groupMeeting: lang.pick("党小组会", "Group meeting")
        case .partyLesson: lang.pick("党课", "Party lesson")
        case .themedPartyDay: lang.pick("主题党日", "Themed Party day")
        case .organisationalLifeMeeting: lang.pick("组织生活会", "Organisational life meeting")
        case .democraticReview: lang.pick("民主评议党员", "Democratic review")
        case .studySession: lang.pick("集中学习研讨", "Study session")
        case .training: lang.pick("培训", "Training")
        case .talk: lang.pick("谈心谈话", "Heart-to-heart talk")
        case .other: lang.pick("其他", "Other")
        }
    }
}

public extension Sector {
    func name(_ lang: Language) -> String {
        switch self {
        case .government: lang.pick("机关", "Government")
        case .school: lang.pick("学校", "School")
        case .enterprise: lang.pick("企业", "Enterprise")
        case .rural: lang.pick("农村", "Rural")
        case .community: lang.pick("社区", "Community")
        case .newOrganisation: lang.pick("两新", "New economic/social org.")
        case .other: lang.pick("其他", "Other")
        }
    }
}

public extension TaskStatus {
    func name(_ lang: Language) -> String {
        switch self {
        case .notStarted: lang.pick("未开始", "Not started")
        case .inProgress: lang.pick("推进中", "In progress")
        case .done: lang.pick("已完成", "Done")
        case .blocked: lang.pick("受阻", "Blocked")
        }
    }
}

public extension MemberStatus {
    func name(_ lang: Language) -> String {
        switch self {
        case .full: lang.pick("正式党员", "Full member")
        case .probationary: lang.pick("预备党员", "Probationary member")
        }
    }
}

public extension Grade {
    func name(_ lang: Language) -> String {
        switch self {
        case .good: lang.pick("好", "Good")
        case .fairlyGood: lang.pick("较好", "Fairly good")
        case .average: lang.pick("一般", "Average")
        case .poor: lang.pick("差", "Poor")
        }
    }
}

public extension Severity {
    func name(_ lang: Language) -> String {
        switch self {
        case .notice: lang.pick("提示", "Notice")
        case .warning: lang.pick("警告", "Warning")
        case .critical: lang.pick("严重", "Critical")
        }
    }
}

public extension RectificationStatus {
    func name(_ lang: Language) -> String {
        switch self {
        case .open: lang.pick("待整改", "Open")
        case .inProgress: lang.pick("整改中", "In progress")
        case .submitted: lang.pick("待验收", "Submitted")
        case .closed: lang.pick("已销号", "Closed")
        }
    }
}

public extension Quarter {
    /// 2026年第1季度 / 2026 Q1.
    func name(_ lang: Language) -> String {
        lang.pick("\(year)年第\(number)季度", "\(year) Q\(number)")
    }
}

public extension TransitionError {
    func message(_ lang: Language) -> String {
        switch self {
        case .illegal(let from, let to):
            let allowed = RectificationAction.all.filter { $0.from == from }.map { $0.to.name(lang) }.joined(separator: lang.pick("、", ", "))
            return lang.pick("不能从\(from.name(lang))改为\(to.name(lang)) (可改为: \(allowed))",
                             "cannot go from \(from.name(lang)) to \(to.name(lang)) (allowed: \(allowed))")
        case .noteRequired(let to):
            switch to {
            case .submitted: return lang.pick("提交验收需要填写整改材料说明", "submitting needs an evidence note")
            case .closed: return lang.pick("销号需要填写验收人", "closing needs who accepted it")
            default: return lang.pick("退回或重新打开需要填写原因", "returning or reopening needs a reason")
            }
        case .beforeLastChange(let day):
            return lang.pick("日期不能早于上一次变更 \(day.iso)", "the date cannot be before the last change, \(day.iso)")
        }
    }
}

public extension ActivityKind {
    /// The kind a person or a sheet names: its code (`partyLesson`), its Chinese name (党课) or its
    /// English name in any case. `add-activity --kind` and the import read kinds through this.
    static func named(_ text: String) -> ActivityKind? {
        let t = text.trimmingWhitespace()
        return allCases.first { $0.rawValue == t || $0.name(.zh) == t || $0.name(.en).lowercased() == t.lowercased() }
    }
}

public extension KindCount {
    /// As tables and the branch page show it: met/required, with the activities held in brackets
    /// when they differ (three 主题党日 all in July, seen for the quarter: "1/3 (3)").
    static func shown(_ c: KindCount) -> String {
        c.held == c.met ? "\(c.met)/\(c.required)" : "\(c.met)/\(c.required) (\(c.held))"
    }
}
