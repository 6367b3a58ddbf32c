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
