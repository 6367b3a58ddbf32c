/// 发展党员 (issue 19): a person in the pipeline of the 中国共产党发展党员工作细则 (2014) — 入党申请人 →
/// 入党积极分子 → 发展对象 → 预备党员 → 正式党员 — with the dated steps done, the people involved
/// (培养联系人, 入党介绍人) and, once accepted, the roster member they became. The rules that judge the
/// steps are `DevelopmentRules` (data, in `Rules.development`) and `DevelopmentCheck`; recording a step
/// (with its roster effects) is `DevelopmentRecord`; the funnel, next steps and targets `DevelopmentPipeline`.

/// Where a person stands. The five stages in order, then the two ways out of the pipeline.
public enum DevelopmentStage: String, CodedEnum, Comparable {
    case applicant          // 入党申请人
    case activist           // 入党积极分子
    case developmentTarget  // 发展对象
    case probationary       // 预备党员
    case full               // 正式党员
    case cancelled          // 取消预备党员资格
    case withdrawn          // 退出培养 (撤回申请, 不再列为积极分子或发展对象)

    /// The five stages of the 细则, in order.
    public static let stages: [DevelopmentStage] = [.applicant, .activist, .developmentTarget, .probationary, .full]
    /// 党员后备力量 (seed 003): 申请人、积极分子、发展对象.
    public static let reserve: Set<DevelopmentStage> = [.applicant, .activist, .developmentTarget]

    var order: Int { Self.allCases.firstIndex(of: self)! }
    public static func < (a: DevelopmentStage, b: DevelopmentStage) -> Bool { a.order < b.order }

    /// Still in the pipeline (not yet full, not out of it).
    public var isOpen: Bool { self < .full }
    /// Out of the pipeline without becoming a member (cancelled, withdrawn).
    public var isOut: Bool { self == .cancelled || self == .withdrawn }
}

/// The steps of the 细则's 25, as they are recorded (the filing of 预备党员 with the 组织部门 is the
/// 党委's, not the branch's, and is not tracked).
public enum DevelopmentStepKind: String, CodedEnum {
    case application        // 入党申请 (递交入党申请书)
    case talk               // 党组织派人谈话
    case recommended        // 推荐 (党员推荐, 群团组织推优) — optional
    case activistChosen     // 确定为入党积极分子 (支委会; 不设支委会的支部大会)
    case activistFiled      // 入党积极分子报上级党委备案
    case contactsAssigned   // 指定培养联系人 (1–2 名正式党员)
    case review             // 考察 (每半年一次)
    case targetChosen       // 确定为发展对象
    case targetFiled        // 发展对象报上级党委备案
    case sponsors           // 确定入党介绍人 (2 名正式党员)
    case politicalReview    // 政治审查
    case training           // 集中培训 (≥ 3 天或 24 学时)
    case committeeReview    // 支委会审查
    case preReview          // 上级党委预审
    case publicNotice       // 公示
    case applicationForm    // 填写入党志愿书
    case branchMeeting      // 支部大会讨论接收预备党员
    case upperTalk          // 上级党委派人谈话
    case approval           // 上级党委审批
    case oath               // 入党宣誓
    case probationReview    // 预备期考察
    case fullApplication    // 提出转正申请
    case fullMeeting        // 支部大会讨论转正
    case fullApproval       // 上级党委审批转正
    case `extension`        // 延长预备期 (6 个月至 1 年)
    case cancellation       // 取消预备党员资格
    case withdrawal         // 退出培养

    /// The stage a person is in once this step is recorded; nil for a step within a stage.
    public var stageReached: DevelopmentStage? {
        switch self {
        case .application: .applicant
        case .activistChosen: .activist
        case .targetChosen: .developmentTarget
        case .approval: .probationary
        case .fullApproval: .full
        case .cancellation: .cancelled
        case .withdrawal: .withdrawn
        default: nil
        }
    }

    /// The stage in which the step is done.
    public var stage: DevelopmentStage {
        switch self {
        case .application, .talk, .recommended, .activistChosen: .applicant
        case .activistFiled, .contactsAssigned, .review, .targetChosen: .activist
        case .targetFiled, .sponsors, .politicalReview, .training, .committeeReview, .preReview, .publicNotice,
             .applicationForm, .branchMeeting, .upperTalk, .approval: .developmentTarget
        case .oath, .probationReview, .fullApplication, .fullMeeting, .fullApproval, .extension, .cancellation: .probationary
        case .withdrawal: .withdrawn
        }
    }

    /// Steps recorded at most once (a 考察, a 谈话, a 培训 session or a 支部大会 on 转正 may come again).
    public var once: Bool {
        switch self {
        case .application, .activistChosen, .targetChosen, .branchMeeting, .approval, .oath, .fullApproval, .cancellation, .withdrawal,
             .activistFiled, .targetFiled, .preReview, .applicationForm, .committeeReview: true
        default: false
        }
    }

    /// Steps whose record names people: 培养联系人, 入党介绍人, or who held a talk.
    public var namesPeople: Bool { self == .contactsAssigned || self == .sponsors || self == .talk || self == .upperTalk }
}

/// Who decided: 支委会, or 支部大会 where the branch has no committee (细则 Art. 8 "下同").
public enum DecisionBody: String, CodedEnum {
    case committee       // 支部委员会
    case generalMeeting  // 支部大会
}

/// A person a step names: a member of the roster (checked: a full member on the day, where the rules
/// ask for one), or a name the roster does not hold. JSON `{"memberId": "m-3"}`, `{"name": "张三"}` or both.
public struct PersonRef: Codable, Hashable, Sendable {
    public var memberId: String?
    public var name: String?

    public init(memberId: String? = nil, name: String? = nil) { self.memberId = memberId; self.name = name }

    /// As a person reads it: the name, else the id.
    public var shown: String { name ?? memberId ?? "" }
}

/// A step recorded although it breaks a rule, and why (the 细则's "特殊情况"): kept in the record and
/// the journal, listed by `partydesk validate`.
public struct StepException: Codable, Hashable, Sendable {
    public var reason: String
    /// The rules the step broke when it was recorded (codes of `DevelopmentRule`).
    public var rules: [String]

    public init(reason: String, rules: [String] = []) { self.reason = reason; self.rules = rules }

    enum CodingKeys: String, CodingKey { case reason, rules }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        reason = try c.decode(String.self, forKey: .reason)
        rules = try c.value(.rules, default: [])
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(reason, forKey: .reason)
        if !rules.isEmpty { try c.encode(rules, forKey: .rules) }
    }
}

/// One step done, on a day.
public struct DevelopmentStep: Codable, Hashable, Sendable {
    public var kind: DevelopmentStepKind
    public var date: Day
    /// 培养联系人, 入党介绍人, the person who held a talk.
    public var people: [PersonRef]
    /// 集中培训: days; 公示: working days it ran.
    public var days: Double?
    /// 集中培训: 学时.
    public var hours: Double?
    /// 延长预备期: months.
    public var months: Int?
    /// 支部大会: voting full members present, those entitled to vote (应到会有表决权的正式党员), votes in favour.
    public var present: Int?
    public var entitled: Int?
    public var inFavour: Int?
    /// 确定为入党积极分子 / 发展对象: who decided.
    public var body: DecisionBody?
    public var note: String?
    public var exception: StepException?

    public init(_ kind: DevelopmentStepKind, _ date: Day, people: [PersonRef] = [], days: Double? = nil, hours: Double? = nil,
                months: Int? = nil, present: Int? = nil, entitled: Int? = nil, inFavour: Int? = nil, body: DecisionBody? = nil,
                note: String? = nil, exception: StepException? = nil) {
        self.kind = kind; self.date = date; self.people = people; self.days = days; self.hours = hours; self.months = months
        self.present = present; self.entitled = entitled; self.inFavour = inFavour; self.body = body; self.note = note
        self.exception = exception
    }

    enum CodingKeys: String, CodingKey {
        case kind, date, people, days, hours, months, present, entitled, inFavour, body, note, exception
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        kind = try c.decode(DevelopmentStepKind.self, forKey: .kind)
        date = try c.decode(Day.self, forKey: .date)
        people = try c.value(.people, default: [])
        days = try c.decodeIfPresent(Double.self, forKey: .days)
        hours = try c.decodeIfPresent(Double.self, forKey: .hours)
        months = try c.decodeIfPresent(Int.self, forKey: .months)
        present = try c.decodeIfPresent(Int.self, forKey: .present)
        entitled = try c.decodeIfPresent(Int.self, forKey: .entitled)
        inFavour = try c.decodeIfPresent(Int.self, forKey: .inFavour)
        body = try c.decodeIfPresent(DecisionBody.self, forKey: .body)
        note = try c.decodeIfPresent(String.self, forKey: .note)
        exception = try c.decodeIfPresent(StepException.self, forKey: .exception)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        try c.encode(date, forKey: .date)
        if !people.isEmpty { try c.encode(people, forKey: .people) }
        try c.encodeIfPresent(days, forKey: .days)
        try c.encodeIfPresent(hours, forKey: .hours)
        try c.encodeIfPresent(months, forKey: .months)
        try c.encodeIfPresent(present, forKey: .present)
        try c.encodeIfPresent(entitled, forKey: .entitled)
        try c.encodeIfPresent(inFavour, forKey: .inFavour)
        try c.encodeIfPresent(body, forKey: .body)
        try c.encodeIfPresent(note, forKey: .note)
        try c.encodeIfPresent(exception, forKey: .exception)
    }
}

/// A person in the pipeline (发展对象 in the broad sense), filed with their branch
/// (`development/BRANCH.json`).
public struct Candidate: Codable, Hashable, Sendable {
    public var id: String
    public var name: String
    public var branchId: String
    /// Where they stand now. The steps imply a stage at least (`impliedStage`); a stage beyond what
    /// the steps show is kept as recorded (a sheet gave the stage without every date).
    public var stage: DevelopmentStage
    public var gender: Gender?
    public var birthDate: Day?
    /// 在校学生: counted in seed 003's ratios (student members, reserve force / students).
    public var student: Bool
    /// The steps done, in date order.
    public var steps: [DevelopmentStep]
    /// The roster member they became (set by the 审批 of their acceptance).
    public var memberId: String?
    public var note: String?

    public init(id: String, name: String, branchId: String, stage: DevelopmentStage = .applicant, gender: Gender? = nil,
                birthDate: Day? = nil, student: Bool = false, steps: [DevelopmentStep] = [], memberId: String? = nil, note: String? = nil) {
        self.id = id; self.name = name; self.branchId = branchId; self.stage = stage; self.gender = gender
        self.birthDate = birthDate; self.student = student; self.steps = steps; self.memberId = memberId; self.note = note
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, name, branchId, stage, gender, birthDate, student, steps, memberId, note
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        name = try c.decode(String.self, forKey: .name)
        branchId = try c.decode(String.self, forKey: .branchId)
        stage = try c.decode(DevelopmentStage.self, forKey: .stage)
        gender = try c.decodeIfPresent(Gender.self, forKey: .gender)
        birthDate = try c.decodeIfPresent(Day.self, forKey: .birthDate)
        student = try c.value(.student, default: false)
        steps = try c.value(.steps, default: [])
        memberId = try c.decodeIfPresent(String.self, forKey: .memberId)
        note = try c.decodeIfPresent(String.self, forKey: .note)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encode(branchId, forKey: .branchId)
        try c.encode(stage, forKey: .stage)
        try c.encodeIfPresent(gender, forKey: .gender)
        try c.encodeIfPresent(birthDate, forKey: .birthDate)
        if student { try c.encode(student, forKey: .student) }
        try c.encode(steps, forKey: .steps)
        try c.encodeIfPresent(memberId, forKey: .memberId)
        try c.encodeIfPresent(note, forKey: .note)
    }
}

extension Candidate {
    /// The first step of a kind (nil: not on record).
    public func first(_ kind: DevelopmentStepKind) -> DevelopmentStep? { steps.first { $0.kind == kind } }
    /// The last step of a kind.
    public func last(_ kind: DevelopmentStepKind) -> DevelopmentStep? { steps.last { $0.kind == kind } }
    public func has(_ kind: DevelopmentStepKind) -> Bool { steps.contains { $0.kind == kind } }

    /// The stage the recorded steps reach (the furthest; a way out of the pipeline wins); nil without steps.
    public var impliedStage: DevelopmentStage? { Self.stage(reachedBy: steps) }

    static func stage(reachedBy steps: some Sequence<DevelopmentStep>) -> DevelopmentStage? {
        var best: DevelopmentStage? = nil
        for step in steps {
            guard let reached = step.kind.stageReached else { continue }
            if reached.isOut { return reached }
            if best.map({ reached > $0 }) ?? true { best = reached }
        }
        return best
    }

    /// The stage on `day`: as the steps dated up to that day show it; the recorded stage when the
    /// steps do not reach it (a sheet gave the stage without the dates) and the day is not before the
    /// last step; nil before the first step (not yet in the pipeline).
    public func stage(on day: Day) -> DevelopmentStage? {
        let beyond = impliedStage.map { !$0.isOut && stage != $0 && (stage.isOut || stage > $0) } ?? true
        if beyond, steps.allSatisfy({ $0.date <= day }) { return stage }
        return Self.stage(reachedBy: steps.lazy.filter { $0.date <= day })
    }

    /// 预备期's end: the 支部大会 day + `probationMonths`, plus every 延长预备期 (nil without a 支部大会 on record).
    public func probationEnd(_ rules: DevelopmentRules) -> Day? {
        guard let accepted = first(.branchMeeting)?.date else { return nil }
        let extended = steps.filter { $0.kind == .extension }.reduce(0) { $0 + max(0, $1.months ?? 0) }
        return accepted.adding(months: rules.probationMonths + extended)
    }

    /// The steps in date order (a stable sort: steps of one day keep the order they were recorded in).
    public static func sorted(_ steps: [DevelopmentStep]) -> [DevelopmentStep] {
        steps.enumerated().sorted { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }.map(\.element)
    }

    /// The steps with an exception (a rule broken on purpose, with the reason).
    public var exceptions: [DevelopmentStep] { steps.filter { $0.exception != nil } }
}

/// The 发展计划 and the student counts behind seed 003's ratios, by year (`development-targets.json`).
public struct DevelopmentTargets: Codable, Hashable, Sendable {
    public var years: [DevelopmentYear]

    public init(years: [DevelopmentYear] = []) { self.years = years }

    public var isEmpty: Bool { years.isEmpty }

    /// The entry of a year (nil: none entered).
    public func year(_ year: Int) -> DevelopmentYear? { years.first { $0.year == year } }

    /// These targets with a year's figures set: for a branch (`branchId`) or the whole 党委 (nil); a
    /// figure not given is left as it is, a figure of nil given clears it. Years stay in order.
    public func setting(year: Int, branchId: String?, plan: Int?? = .none, students: Int?? = .none) -> DevelopmentTargets {
        var copy = self
        var entry = copy.year(year) ?? DevelopmentYear(year: year)
        if let plan {
            if let branchId { entry.plan[branchId] = plan } else { entry.planTotal = plan }
        }
        if let students {
            if let branchId { entry.students[branchId] = students } else { entry.studentsTotal = students }
        }
        copy.years.removeAll { $0.year == year }
        let empty = entry.plan.isEmpty && entry.planTotal == nil && entry.students.isEmpty && entry.studentsTotal == nil
        if !empty { copy.years.append(entry) }
        copy.years.sort { $0.year < $1.year }
        return copy
    }

    enum CodingKeys: String, CodingKey { case years }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        years = try c.value(.years, default: [])
    }
}

/// One year's targets: the number each branch is to develop (年度发展党员计划), and the students
/// enrolled (在校生), per branch and/or overall — entered by hand.
public struct DevelopmentYear: Codable, Hashable, Sendable {
    public var year: Int
    /// Branch id → new members planned this year.
    public var plan: [String: Int]
    /// The committee's whole plan, when it is not the sum of the branches'.
    public var planTotal: Int?
    /// Branch id → students (a student branch's 在校生).
    public var students: [String: Int]
    /// Students of the whole 党委 (the college's 在校生), when not the sum of the branches'.
    public var studentsTotal: Int?

    public init(year: Int, plan: [String: Int] = [:], planTotal: Int? = nil, students: [String: Int] = [:], studentsTotal: Int? = nil) {
        self.year = year; self.plan = plan; self.planTotal = planTotal; self.students = students; self.studentsTotal = studentsTotal
    }

    enum CodingKeys: String, CodingKey { case year, plan, planTotal, students, studentsTotal }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        year = try c.decode(Int.self, forKey: .year)
        plan = try c.value(.plan, default: [:])
        planTotal = try c.decodeIfPresent(Int.self, forKey: .planTotal)
        students = try c.value(.students, default: [:])
        studentsTotal = try c.decodeIfPresent(Int.self, forKey: .studentsTotal)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(year, forKey: .year)
        if !plan.isEmpty { try c.encode(plan, forKey: .plan) }
        try c.encodeIfPresent(planTotal, forKey: .planTotal)
        if !students.isEmpty { try c.encode(students, forKey: .students) }
        try c.encodeIfPresent(studentsTotal, forKey: .studentsTotal)
    }
}
