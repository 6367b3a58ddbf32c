/// The time and people rules of 发展党员, as data (`rules.development` in workspace.json). Every
/// default is the 中国共产党发展党员工作细则 (2014), the 党章 or common practice, each named in
/// docs/development.md; `DevelopmentCheck` applies them to a step.
public struct DevelopmentRules: Codable, Hashable, Sendable {
    /// 年满十八岁 on the day of the application (细则 Art. 5; 党章 Art. 1).
    public var minimumAge = 18
    /// The branch talks with the applicant within this many months of the application (细则 Art. 7).
    public var talkWithinMonths = 1
    /// 一至两名正式党员 as 培养联系人 (细则 Art. 9).
    public var contactsMinimum = 1
    public var contactsMaximum = 2
    /// 党支部每半年对入党积极分子进行一次考察 (细则 Art. 11).
    public var reviewEveryMonths = 6
    /// 经过一年以上培养教育和考察 before 发展对象 (细则 Art. 13).
    public var activistMonths = 12
    /// 两名正式党员作入党介绍人 (细则 Art. 14; 党章 Art. 5).
    public var sponsors = 2
    /// 集中培训 一般不少于三天 (或不少于二十四个学时) (细则 Art. 17).
    public var trainingDays = 3.0
    public var trainingHours = 24.0
    /// 公示: working days (Monday to Friday) it runs; the 细则 names no length, 5 working days is
    /// the common provincial rule.
    public var publicNoticeWorkingDays = 5
    /// 支部大会: 有表决权的到会人数 and 赞成人数 must each be more than this share of those entitled
    /// to vote (超过半数; 细则 ch. 4).
    public var quorumShare = 0.5
    /// 上级党委 approves within 3 months of the 支部大会, at most 6 in special cases (细则 ch. 4).
    public var approvalWithinMonths = 3
    public var approvalLongestMonths = 6
    /// 预备期一年, from the 支部大会 day (党章 Art. 7).
    public var probationMonths = 12
    /// 转正: 支部大会 and 审批 within this many months of the 预备期's end (细则 ch. 5).
    public var fullWithinMonths = 3
    /// 延长预备期: not less than half a year, at most one year (党章 Art. 7; 细则 ch. 5).
    public var extensionMinimumMonths = 6
    public var extensionMaximumMonths = 12
    /// A 发展对象 still without 政审 or 集中培训 this many days after being chosen is an alert (practice:
    /// from 发展对象 to the 支部大会 takes about three months).
    public var targetChecksWithinDays = 90
    /// Seed 003: 学生党员占在校生 ≥ 3.83 %, 党员后备力量 (申请人、积极分子、发展对象) 占在校生 ≥ 42.90 %.
    public var studentMemberShare = 0.0383
    public var reserveShare = 0.4290

    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable {
        case minimumAge, talkWithinMonths, contactsMinimum, contactsMaximum, reviewEveryMonths, activistMonths, sponsors
        case trainingDays, trainingHours, publicNoticeWorkingDays, quorumShare, approvalWithinMonths, approvalLongestMonths
        case probationMonths, fullWithinMonths, extensionMinimumMonths, extensionMaximumMonths, targetChecksWithinDays
        case studentMemberShare, reserveShare
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = DevelopmentRules()
        minimumAge = try c.value(.minimumAge, default: d.minimumAge)
        talkWithinMonths = try c.value(.talkWithinMonths, default: d.talkWithinMonths)
        contactsMinimum = try c.value(.contactsMinimum, default: d.contactsMinimum)
        contactsMaximum = try c.value(.contactsMaximum, default: d.contactsMaximum)
        reviewEveryMonths = try c.value(.reviewEveryMonths, default: d.reviewEveryMonths)
        activistMonths = try c.value(.activistMonths, default: d.activistMonths)
        sponsors = try c.value(.sponsors, default: d.sponsors)
        trainingDays = try c.value(.trainingDays, default: d.trainingDays)
        trainingHours = try c.value(.trainingHours, default: d.trainingHours)
        publicNoticeWorkingDays = try c.value(.publicNoticeWorkingDays, default: d.publicNoticeWorkingDays)
        quorumShare = try c.value(.quorumShare, default: d.quorumShare)
        approvalWithinMonths = try c.value(.approvalWithinMonths, default: d.approvalWithinMonths)
        approvalLongestMonths = try c.value(.approvalLongestMonths, default: d.approvalLongestMonths)
        probationMonths = try c.value(.probationMonths, default: d.probationMonths)
        fullWithinMonths = try c.value(.fullWithinMonths, default: d.fullWithinMonths)
        extensionMinimumMonths = try c.value(.extensionMinimumMonths, default: d.extensionMinimumMonths)
        extensionMaximumMonths = try c.value(.extensionMaximumMonths, default: d.extensionMaximumMonths)
        targetChecksWithinDays = try c.value(.targetChecksWithinDays, default: d.targetChecksWithinDays)
        studentMemberShare = try c.value(.studentMemberShare, default: d.studentMemberShare)
        reserveShare = try c.value(.reserveShare, default: d.reserveShare)
    }

    /// Problems of the rules themselves: (field, problem), for `Validator`.
    func problems() -> [(String, ProblemKind)] {
        var out: [(String, ProblemKind)] = []
        let counts: [(String, Int)] = [("minimumAge", minimumAge), ("talkWithinMonths", talkWithinMonths), ("contactsMinimum", contactsMinimum),
                                       ("reviewEveryMonths", reviewEveryMonths), ("activistMonths", activistMonths), ("sponsors", sponsors),
                                       ("publicNoticeWorkingDays", publicNoticeWorkingDays), ("approvalWithinMonths", approvalWithinMonths),
                                       ("probationMonths", probationMonths), ("fullWithinMonths", fullWithinMonths),
                                       ("extensionMinimumMonths", extensionMinimumMonths), ("targetChecksWithinDays", targetChecksWithinDays)]
        for (key, value) in counts where value < 0 { out.append(("development.\(key)", .negative(Double(value)))) }
        for (key, value) in [("trainingDays", trainingDays), ("trainingHours", trainingHours)] where value < 0 {
            out.append(("development.\(key)", .negative(value)))
        }
        for (key, low, high) in [("contactsMaximum", contactsMinimum, contactsMaximum), ("approvalLongestMonths", approvalWithinMonths, approvalLongestMonths),
                                 ("extensionMaximumMonths", extensionMinimumMonths, extensionMaximumMonths)] where high < low {
            out.append(("development.\(key)", .outOfRange(Double(high), min: Double(low), max: Double(Int.max))))
        }
        for (key, share) in [("quorumShare", quorumShare), ("studentMemberShare", studentMemberShare), ("reserveShare", reserveShare)]
        where !(0...1).contains(share) {
            out.append(("development.\(key)", .outOfRange(share, min: 0, max: 1)))
        }
        return out
    }
}

/// Which rule a step breaks.
public enum DevelopmentRule: String, CodedEnum {
    /// Dated before a step that comes before it in the 细则's order (or after one that follows it).
    case order
    /// A step the 细则 requires first is not on record (政审, 培训, 介绍人 before the 支部大会; …).
    case prerequisite
    /// A step that happens once, recorded again.
    case once
    /// After the person left the pipeline (转正, 取消资格, 退出).
    case closed
    case minimumAge
    case talkWithin
    case decidingBody
    case contacts
    case activistYear
    case sponsors
    case training
    case publicNotice
    case quorum
    case approvalWithin
    case approvalLongest
    case probationYear
    case fullWithin
    case extensionLength
}

/// What was found, with the figures a message needs.
public enum DevelopmentFact: Hashable, Sendable {
    /// Too early: not before this day.
    case notBefore(Day)
    /// Too late: it was due by this day.
    case notAfter(Day)
    /// Dated before a step of this kind (on that day) that must come first.
    case before(DevelopmentStepKind, Day)
    /// Dated after a step of this kind (on that day) that must follow it.
    case after(DevelopmentStepKind, Day)
    /// These steps are not on record.
    case missing([DevelopmentStepKind])
    /// Age on the day.
    case age(Int)
    /// How many people the step names.
    case people(Int)
    /// This person is not a full member on the day.
    case notFullMember(String)
    /// 集中培训's days and 学时, or 公示's working days; nil = not recorded.
    case length(days: Double?, hours: Double?)
    /// 支部大会's votes; nil = not recorded.
    case votes(present: Int?, entitled: Int?, inFavour: Int?)
    case body(DecisionBody)
    /// 延长预备期: months (nil = not recorded), and the extensions' total.
    case extensionMonths(Int?, total: Int)
    case again(Day)
    /// After this step ended the pipeline.
    case ended(DevelopmentStepKind, Day)
}

/// A rule a step breaks: which step, which rule (with its source, `DevelopmentRule.source`) and the
/// facts. `message(_:)` names them in Chinese or English.
public struct DevelopmentRuleViolation: Hashable, Sendable, Error {
    public var rule: DevelopmentRule
    public var step: DevelopmentStepKind
    public var date: Day
    public var fact: DevelopmentFact

    public init(_ rule: DevelopmentRule, _ step: DevelopmentStepKind, _ date: Day, _ fact: DevelopmentFact) {
        self.rule = rule; self.step = step; self.date = date; self.fact = fact
    }
}

/// What a rule needs to know beyond the person's own record: the rules, their branch (does it have
/// a committee) and the roster (is a 介绍人 a full member that day).
public struct DevelopmentContext: Sendable {
    public var rules: DevelopmentRules
    public var branch: Branch?
    let members: [Member]
    /// Positions by id and by name; nil when not indexed (one person's check walks the roster for the
    /// few people a step names, rather than indexing a county's 500,000 members each time).
    let byId: [String: Int]?
    let byName: [String: [Int]]?

    /// `indexed`: for many people at once (a whole workspace, an import).
    public init(rules: DevelopmentRules, branch: Branch? = nil, members: [Member] = [], indexed: Bool = true) {
        self.rules = rules; self.branch = branch; self.members = members
        guard indexed else { byId = nil; byName = nil; return }
        var byId: [String: Int] = [:], byName: [String: [Int]] = [:]
        for (i, m) in members.enumerated() {
            if byId[m.id] == nil { byId[m.id] = i }
            byName[m.name, default: []].append(i)
        }
        self.byId = byId; self.byName = byName
    }

    /// The context of a workspace for one person of a branch (not indexed).
    public init(_ workspace: Workspace, branchId: String) {
        self.init(rules: workspace.settings.rules.development,
                  branch: workspace.organisation.branches.first { $0.id == branchId }, members: workspace.members, indexed: false)
    }

    /// The roster member a reference names: by id, else the one of that name in the branch that day,
    /// else the only one of that name; nil when the roster does not hold them.
    public func member(_ person: PersonRef, on day: Day) -> Member? {
        if let id = person.memberId {
            if let byId { return byId[id].map { members[$0] } }
            return members.first { $0.id == id }
        }
        guard let name = person.name else { return nil }
        let found = byName.map { $0[name] ?? [] } ?? members.indices.filter { members[$0].name == name }
        guard !found.isEmpty else { return nil }
        if let branch, let inBranch = found.first(where: { members[$0].branch(on: day) == branch.id }) { return members[inBranch] }
        return found.count == 1 ? members[found[0]] : nil
    }

    /// Whether the person is a full member on the day: nil when the roster does not hold them (then
    /// it cannot be checked).
    public func isFullMember(_ person: PersonRef, on day: Day) -> Bool? {
        if person.memberId != nil, member(person, on: day) == nil { return false }
        guard let m = member(person, on: day) else { return nil }
        return m.branch(on: day) != nil && m.status(on: day) == .full
    }
}

/// The one function that judges a step against a person's history and the rules.
public enum DevelopmentCheck {
    /// Steps that must come before a step of this kind when both are on record.
    public static func predecessors(_ kind: DevelopmentStepKind) -> [DevelopmentStepKind] {
        switch kind {
        case .application: []
        case .talk, .recommended, .withdrawal: [.application]
        case .activistChosen: [.application, .talk, .recommended]
        case .activistFiled, .contactsAssigned, .review: [.activistChosen]
        case .targetChosen: [.activistChosen, .activistFiled, .contactsAssigned]
        case .targetFiled, .sponsors, .politicalReview, .training: [.targetChosen]
        case .committeeReview: [.targetChosen, .targetFiled, .sponsors, .politicalReview, .training]
        case .preReview, .publicNotice: [.committeeReview]
        case .applicationForm: [.preReview]
        case .branchMeeting: [.targetChosen, .sponsors, .politicalReview, .training, .committeeReview, .preReview, .publicNotice, .applicationForm]
        case .upperTalk: [.branchMeeting]
        case .approval: [.branchMeeting, .upperTalk]
        case .oath, .probationReview, .fullApplication, .cancellation: [.approval]
        case .fullMeeting: [.approval, .fullApplication]
        case .extension: [.approval]
        case .fullApproval: [.fullMeeting]
        }
    }

    /// Steps that must be on record before this one is recorded (`recording`): the step that opened
    /// its stage — or a recorded stage at least as far (a sheet gave the stage without the date) —
    /// and, whatever the stage says, 介绍人, 政审 and 培训 before the 支部大会 (细则 Art. 14, 16, 17:
    /// 不能发展入党), the 支部大会 before the 审批 and the 转正 discussion before its 审批.
    public static func required(_ kind: DevelopmentStepKind) -> (entry: DevelopmentStepKind?, content: [DevelopmentStepKind]) {
        switch kind {
        case .application: (nil, [])
        case .talk, .recommended, .withdrawal, .activistChosen: (.application, [])
        case .activistFiled, .contactsAssigned, .review, .targetChosen: (.activistChosen, [])
        case .targetFiled, .sponsors, .politicalReview, .training, .committeeReview, .preReview, .publicNotice, .applicationForm: (.targetChosen, [])
        case .branchMeeting: (.targetChosen, [.sponsors, .politicalReview, .training])
        case .upperTalk, .approval: (nil, [.branchMeeting])
        case .oath, .probationReview, .fullApplication, .fullMeeting, .extension, .cancellation: (.approval, [])
        case .fullApproval: (.approval, [.fullMeeting])
        }
    }

    /// The steps that end the pipeline: nothing comes after them.
    static let endings: Set<DevelopmentStepKind> = [.fullApproval, .cancellation, .withdrawal]

    /// Every rule `step` breaks, judged against `candidate`'s steps (which must not include it) and
    /// `context`. `recording`: the step is being recorded now — the steps it needs must be on record
    /// (`required`), a step of an earlier kind must not be dated after it, and what its rule needs
    /// (培训's length, 公示's days, the 支部大会's votes, 介绍人 and 培养联系人) must be given. Without
    /// it (a workspace's files, an import) only what is recorded is judged: an office's sheet that
    /// keeps five dates a person is not wrong for the dates it does not keep.
    public static func check(_ step: DevelopmentStep, against candidate: Candidate, in context: DevelopmentContext,
                             recording: Bool = true) -> [DevelopmentRuleViolation] {
        let rules = context.rules
        let history = candidate.steps
        var out: [DevelopmentRuleViolation] = []
        func add(_ rule: DevelopmentRule, _ fact: DevelopmentFact) { out.append(DevelopmentRuleViolation(rule, step.kind, step.date, fact)) }
        func first(_ kind: DevelopmentStepKind) -> DevelopmentStep? { history.first { $0.kind == kind } }

        // After the pipeline ended.
        if let end = history.filter({ endings.contains($0.kind) && $0.date < step.date }).min(by: { $0.date < $1.date }) {
            add(.closed, .ended(end.kind, end.date))
        }
        if step.kind.once, let earlier = first(step.kind) { add(.once, .again(earlier.date)) }
        // Order: nothing that comes before it dated after it (and, recording, nothing that follows it dated before it).
        // (A step that comes again — a second 谈话, a 转正申请 after an extension — is in order when one
        // of its kind is.)
        for kind in predecessors(step.kind) {
            let ofKind = history.filter { $0.kind == kind }
            if let earliest = ofKind.map(\.date).min(), earliest > step.date { add(.order, .before(kind, earliest)) }
        }
        if recording {
            for other in history where other.date < step.date && predecessors(other.kind).contains(step.kind)
                && !history.contains(where: { $0.kind == step.kind && $0.date <= other.date }) {
                add(.order, .after(other.kind, other.date))
                break
            }
            let (entry, content) = required(step.kind)
            var missing: [DevelopmentStepKind] = []
            if let entry, !history.contains(where: { $0.kind == entry }), !(entry.stageReached.map { stage in candidate.stage >= stage && !candidate.stage.isOut } ?? false) {
                missing.append(entry)
            }
            missing += content.filter { kind in !history.contains { $0.kind == kind } }
            if !missing.isEmpty { add(.prerequisite, .missing(missing)) }
        }

        switch step.kind {
        case .application:
            if let born = candidate.birthDate {
                let age = Self.age(born, on: step.date)
                if age < rules.minimumAge { add(.minimumAge, .age(age)) }
            }
        case .talk:
            // The first talk answers the application.
            if let applied = first(.application), !history.contains(where: { $0.kind == .talk && $0.date <= step.date }) {
                let due = applied.date.adding(months: rules.talkWithinMonths)
                if step.date > due { add(.talkWithin, .notAfter(due)) }
            }
        case .activistChosen, .targetChosen:
            if let body = step.body, let branch = context.branch, (body == .committee) != branch.hasCommittee { add(.decidingBody, .body(body)) }
            if step.kind == .targetChosen, let chosen = first(.activistChosen) {
                let earliest = chosen.date.adding(months: rules.activistMonths)
                if step.date < earliest { add(.activistYear, .notBefore(earliest)) }
            }
        case .contactsAssigned, .sponsors:
            let rule: DevelopmentRule = step.kind == .sponsors ? .sponsors : .contacts
            let range = step.kind == .sponsors ? rules.sponsors...rules.sponsors : rules.contactsMinimum...max(rules.contactsMinimum, rules.contactsMaximum)
            if (recording || !step.people.isEmpty) && !range.contains(step.people.count) { add(rule, .people(step.people.count)) }
            for person in step.people where context.isFullMember(person, on: step.date) == false { add(rule, .notFullMember(person.shown)) }
        case .training:
            if step.days != nil || step.hours != nil || recording {
                let enough = (step.days ?? 0) >= rules.trainingDays - 1e-9 || (step.hours ?? 0) >= rules.trainingHours - 1e-9
                if !enough { add(.training, .length(days: step.days, hours: step.hours)) }
            }
        case .publicNotice:
            if let days = step.days { if days + 1e-9 < Double(rules.publicNoticeWorkingDays) { add(.publicNotice, .length(days: days, hours: nil)) } }
            else if recording { add(.publicNotice, .length(days: nil, hours: nil)) }
        case .branchMeeting:
            if let notice = history.last(where: { $0.kind == .publicNotice && $0.date <= step.date }) {
                let end = workingDayEnd(from: notice.date, days: Int((notice.days ?? Double(rules.publicNoticeWorkingDays)).rounded(.up)))
                if step.date <= end { add(.publicNotice, .notBefore(end.adding(days: 1))) }
            }
            if let entitled = step.entitled, let present = step.present {
                if Double(present) <= rules.quorumShare * Double(entitled) { add(.quorum, .votes(present: present, entitled: entitled, inFavour: step.inFavour)) }
                else if let yes = step.inFavour, Double(yes) <= rules.quorumShare * Double(entitled) {
                    add(.quorum, .votes(present: present, entitled: entitled, inFavour: yes))
                }
            } else if recording {
                add(.quorum, .votes(present: step.present, entitled: step.entitled, inFavour: step.inFavour))
            }
        case .approval:
            if let meeting = first(.branchMeeting), meeting.date <= step.date {
                let longest = meeting.date.adding(months: rules.approvalLongestMonths)
                let within = meeting.date.adding(months: rules.approvalWithinMonths)
                if step.date > longest { add(.approvalLongest, .notAfter(longest)) }
                else if step.date > within { add(.approvalWithin, .notAfter(within)) }
            }
        case .fullMeeting, .fullApproval, .extension:
            if let end = probationEnd(history, before: step.date, rules) {
                if step.date < end { add(.probationYear, .notBefore(end)) }
                else if step.kind != .extension {
                    let due = end.adding(months: rules.fullWithinMonths)
                    if step.date > due { add(.fullWithin, .notAfter(due)) }
                }
            }
            if step.kind == .extension {
                let earlier = history.filter { $0.kind == .extension }.reduce(0) { $0 + max(0, $1.months ?? 0) }
                let total = earlier + max(0, step.months ?? 0)
                if let months = step.months {
                    if !(rules.extensionMinimumMonths...max(rules.extensionMinimumMonths, rules.extensionMaximumMonths)).contains(months)
                        || total > rules.extensionMaximumMonths { add(.extensionLength, .extensionMonths(months, total: total)) }
                } else if recording {
                    add(.extensionLength, .extensionMonths(nil, total: total))
                }
            }
        default:
            break
        }
        return out
    }

    /// Every rule broken by the steps on record (each judged against the others, `recording: false`),
    /// by the step's position.
    public static func violations(of candidate: Candidate, in context: DevelopmentContext) -> [(index: Int, violations: [DevelopmentRuleViolation])] {
        candidate.steps.indices.compactMap { i in
            var others = candidate
            others.steps.remove(at: i)
            let found = check(candidate.steps[i], against: others, in: context, recording: false)
            return found.isEmpty ? nil : (i, found)
        }
    }

    /// 预备期's end as the steps dated before `day` make it (the 支部大会 + the probation, + the extensions decided before `day`).
    static func probationEnd(_ history: [DevelopmentStep], before day: Day, _ rules: DevelopmentRules) -> Day? {
        guard let accepted = history.first(where: { $0.kind == .branchMeeting })?.date else { return nil }
        let extended = history.filter { $0.kind == .extension && $0.date < day }.reduce(0) { $0 + max(0, $1.months ?? 0) }
        return accepted.adding(months: rules.probationMonths + extended)
    }

    /// Whole years from `born` to `day` (the birthday reached counts; 29 February's in a common year on 1 March).
    public static func age(_ born: Day, on day: Day) -> Int {
        var years = day.year - born.year
        if (day.month, day.day) < (born.month, born.day) { years -= 1 }
        return years
    }

    /// Monday = 0 … Sunday = 6.
    public static func weekday(_ day: Day) -> Int { ((day.dayNumber + 3) % 7 + 7) % 7 }

    /// The last day of a 公示 of `days` working days (Monday to Friday) starting on `start` (counted
    /// when it is a working day). Public holidays are not known here: a notice over one should run longer.
    public static func workingDayEnd(from start: Day, days: Int) -> Day {
        var day = start, counted = 0
        while true {
            if weekday(day) < 5 { counted += 1 }
            if counted >= max(1, days) { return day }
            day = day.adding(days: 1)
        }
    }
}
