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

/// Codes read from what people write: the code itself, the Chinese and English names, and the
/// variants offices use in their sheets (支部大会 for 支部党员大会, 讲党课 for 党课). One table per
/// kind of code, so the import, `add-activity --kind` and an error's list of accepted values agree.
public protocol NamedCode: CaseIterable, RawRepresentable<String> {
    func name(_ lang: Language) -> String
    /// Further names people give it (the Chinese name and the code are always accepted).
    var variants: [String] { get }
    /// Every accepted name, compared as `NameKey` compares them, made once per type
    /// (`makeNameTable`): an import looks a kind up on each of 100,000 rows.
    static var nameTable: [String: Self] { get }
}

public extension NamedCode {
    /// The code a person or a sheet names: its code, its Chinese or English name (any case), or a
    /// variant; spaces inside are ignored (支 部 大 会).
    static func named(_ text: String) -> Self? {
        if let exact = nameTable[text] { return exact }
        return nameTable[NameKey.of(text)]
    }

    /// The names each case answers to, the first case keeping a name two would share.
    static func makeNameTable() -> [String: Self] {
        var table: [String: Self] = [:]
        for c in allCases {
            for name in [c.rawValue, c.name(.zh), c.name(.en)] + c.variants where table[NameKey.of(name)] == nil {
                table[NameKey.of(name)] = c
            }
        }
        return table
    }

    /// What an error lists as accepted: each value's Chinese (or English) name.
    static func acceptedNames(_ lang: Language) -> [String] { allCases.map { $0.name(lang) } }
}

/// How names are compared: case and every kind of space (U+3000, line breaks) ignored.
public enum NameKey {
    public static func of(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { !$0.properties.isWhitespace })).lowercased()
    }
}

extension ActivityKind: NamedCode {
    public static let nameTable = makeNameTable()
    public var variants: [String] {
        switch self {
        case .generalMeeting: ["党员大会", "支部大会", "支部党员大会会议", "党员大会会议"]
        case .committeeMeeting: ["支部委员会", "支部委员会会议", "支委会议", "支委员会"]
        case .groupMeeting: ["党小组会议", "小组会", "党小组学习"]
        case .partyLesson: ["讲党课", "专题党课", "上党课", "党课学习"]
        case .themedPartyDay: ["主题党日活动", "党日活动", "支部主题党日"]
        case .organisationalLifeMeeting: ["专题组织生活会", "组织生活会议"]
        case .democraticReview: ["民主评议", "民主评议党员大会"]
        case .studySession: ["理论学习", "集中学习", "学习研讨", "集中学习研讨会", "专题学习"]
        case .training: ["党员培训", "集中培训", "教育培训"]
        case .talk: ["谈话谈心", "谈心谈话活动", "谈心"]
        case .other: ["其它"]
        }
    }
}

extension MemberStatus: NamedCode {
    public static let nameTable = makeNameTable()
    public var variants: [String] {
        switch self {
        case .full: ["正式"]
        case .probationary: ["预备"]
        }
    }
}

extension MemberRole: NamedCode {
    public static let nameTable = makeNameTable()
    public var variants: [String] {
        switch self {
        case .secretary: ["支部书记", "党支部书记", "支书"]
        case .deputySecretary: ["支部副书记", "党支部副书记"]
        case .committeeMember: ["支委", "支委委员", "支部委员", "组织委员", "宣传委员", "纪检委员", "纪律检查委员", "青年委员", "统战委员", "保密委员"]
        case .groupLeader: ["党小组组长", "小组长", "组长"]
        case .member: ["普通党员", "无"]
        }
    }
}

extension Sector: NamedCode {
    public static let nameTable = makeNameTable()
    public var variants: [String] {
        switch self {
        case .government: ["机关事业单位", "党政机关", "事业单位"]
        case .school: ["学校", "高校", "中小学"]
        case .enterprise: ["国有企业", "国企"]
        case .rural: ["村", "行政村"]
        case .community: ["城市社区", "居委会"]
        case .newOrganisation: ["两新组织", "非公企业", "社会组织", "非公有制企业"]
        case .other: ["其它"]
        }
    }
}

public extension MemberRole {
    func name(_ lang: Language) -> String {
        switch self {
        case .secretary: lang.pick("书记", "Secretary")
        case .deputySecretary: lang.pick("副书记", "Deputy secretary")
        case .committeeMember: lang.pick("委员", "Committee member")
        case .groupLeader: lang.pick("党小组组长", "Group leader")
        case .member: lang.pick("党员", "Member")
        }
    }
}

public extension KindCount {
    /// As tables and the branch page show it: met/required, with the activities held in brackets
    /// when they differ (three 主题党日 all in July, seen for the quarter: "1/3 (3)").
    static func shown(_ c: KindCount) -> String {
        c.held == c.met ? "\(c.met)/\(c.required)" : "\(c.met)/\(c.required) (\(c.held))"
    }
}

// MARK: The member ledger (issue 18)

public extension Gender {
    func name(_ lang: Language) -> String {
        switch self {
        case .male: lang.pick("男", "Male")
        case .female: lang.pick("女", "Female")
        }
    }
}

public extension LeaveReason {
    func name(_ lang: Language) -> String {
        switch self {
        case .transferredOut: lang.pick("转出", "Transferred out")
        case .died: lang.pick("去世", "Died")
        case .expelled: lang.pick("出党", "Left the Party")
        case .other: lang.pick("其他", "Other")
        case .probationCancelled: lang.pick("取消预备党员资格", "Probation cancelled")
        }
    }
}

public extension DuesCategory.Code {
    func name(_ lang: Language) -> String {
        switch self {
        case .inWork: lang.pick("在职", "In work")
        case .retired: lang.pick("离退休", "Retired")
        case .farmer: lang.pick("农民", "Farmer")
        case .student: lang.pick("学生", "Student")
        case .unemployed: lang.pick("下岗失业", "Unemployed")
        case .relief: lang.pick("低保", "On relief")
        case .fixed: lang.pick("固定金额", "Fixed amount")
        }
    }
}

public extension DuesCategory {
    /// 在职 (基数 4500.00), 学生, 固定金额 100.00.
    func name(_ lang: Language) -> String {
        switch self {
        case .inWork(let base), .retired(let base): code.name(lang) + lang.pick(" (基数 \(Money(yuan: base)))", " (base \(Money(yuan: base)))")
        case .fixed(let amount): code.name(lang) + " \(Money(yuan: amount))"
        default: code.name(lang)
        }
    }
}

public extension DuesMethod {
    func name(_ lang: Language) -> String {
        switch self {
        case .cash: lang.pick("现金", "Cash")
        case .transfer: lang.pick("转账", "Bank transfer")
        case .wechat: lang.pick("微信", "WeChat")
        case .alipay: lang.pick("支付宝", "Alipay")
        case .other: lang.pick("其他", "Other")
        }
    }
}

public extension MemberCountSource {
    func name(_ lang: Language) -> String {
        switch self {
        case .roster: lang.pick("花名册", "from the roster")
        case .entered: lang.pick("填报", "as entered")
        }
    }
}

extension Gender: NamedCode {
    public static let nameTable = makeNameTable()
    public var variants: [String] {
        switch self {
        case .male: ["男性"]
        case .female: ["女性"]
        }
    }
}

extension LeaveReason: NamedCode {
    public static let nameTable = makeNameTable()
    public var variants: [String] {
        switch self {
        case .transferredOut: ["转出组织关系", "组织关系转出"]
        case .died: ["死亡", "病故", "逝世"]
        case .expelled: ["开除党籍", "除名", "自行脱党", "劝退", "退党"]
        case .other: ["其它"]
        case .probationCancelled: ["取消预备党员", "取消资格"]
        }
    }
}

extension DuesCategory.Code: NamedCode {
    public static let nameTable = makeNameTable()
    public var variants: [String] {
        switch self {
        case .inWork: ["在职人员", "在职党员", "在职职工"]
        case .retired: ["离休", "退休", "离退休人员", "退休人员"]
        case .farmer: ["农民党员"]
        case .student: ["学生党员"]
        case .unemployed: ["下岗", "失业", "下岗职工", "失业人员"]
        case .relief: ["享受最低生活保障", "低保人员"]
        case .fixed: ["固定", "自愿多交"]
        }
    }
}

public extension ReviewGrade {
    func name(_ lang: Language) -> String {
        switch self {
        case .excellent: lang.pick("优秀", "Excellent")
        case .qualified: lang.pick("合格", "Qualified")
        case .basicallyQualified: lang.pick("基本合格", "Basically qualified")
        case .unqualified: lang.pick("不合格", "Unqualified")
        }
    }
}

public extension AbsenceReason {
    func name(_ lang: Language) -> String {
        switch self {
        case .leave: lang.pick("请假", "Leave")
        case .onDuty: lang.pick("因公", "On duty")
        case .sick: lang.pick("病假", "Sick")
        case .unexcused: lang.pick("无故", "Unexcused")
        }
    }
}

public extension PioneerSource {
    func name(_ lang: Language) -> String {
        switch self {
        case .attendance: lang.pick("参加组织生活", "Organisational life")
        case .training: lang.pick("学习培训", "Training")
        case .dues: lang.pick("按时交纳党费", "Dues on time")
        case .talks: lang.pick("谈心谈话", "Talks")
        case .review: lang.pick("民主评议", "Democratic review")
        case .manual: lang.pick("手工记分", "Recorded points")
        }
    }
}

extension ReviewGrade: NamedCode {
    public static let nameTable = makeNameTable()
    public var variants: [String] {
        switch self {
        case .excellent: ["优"]
        case .qualified: ["称职"]
        case .basicallyQualified: ["基本称职"]
        case .unqualified: ["不称职"]
        }
    }
}

extension AbsenceReason: NamedCode {
    public static let nameTable = makeNameTable()
    public var variants: [String] {
        switch self {
        case .leave: ["事假", "请假缺席"]
        case .onDuty: ["公差", "出差", "因公缺席"]
        case .sick: ["病", "因病"]
        case .unexcused: ["缺席", "无故缺席", "旷会"]
        }
    }
}

public extension FundsDirection {
    func name(_ lang: Language) -> String {
        switch self {
        case .allocated: lang.pick("拨付", "Allocated")
        case .spent: lang.pick("支出", "Spent")
        }
    }
}

extension FundsDirection: NamedCode {
    public static let nameTable = makeNameTable()
    public var variants: [String] {
        switch self {
        case .allocated: ["下拨", "拨款", "划拨", "收入", "到位", "allocation", "in"]
        case .spent: ["开支", "使用", "支付", "报销", "spending", "out"]
        }
    }
}

public extension FundsCategory {
    func name(_ lang: Language) -> String {
        switch self {
        case .activity: lang.pick("活动经费", "Activity funds")
        case .duesReturn: lang.pick("党费返还", "Dues returned")
        case .work: lang.pick("工作经费", "Work funds")
        case .other: lang.pick("其他", "Other")
        }
    }
}

extension FundsCategory: NamedCode {
    public static let nameTable = makeNameTable()
    public var variants: [String] {
        switch self {
        case .activity: ["党组织活动经费", "党建活动经费", "活动费"]
        case .duesReturn: ["下拨党费", "返还党费", "党费下拨", "党费返还款"]
        case .work: ["党建工作经费", "党建经费", "办公经费"]
        case .other: ["其它"]
        }
    }
}
