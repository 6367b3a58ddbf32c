/// Recording 发展党员 — the one place a step becomes a change, used by `partydesk development add-step`
/// and the dashboard's forms alike: the step is judged (`DevelopmentCheck`, recording), refused with the
/// rules it breaks unless an exception with a reason is given (then kept on the step, and so in the
/// journal), the person's stage moves, and the roster follows (`member(for:existing:in:)`): the
/// 审批 of a person the 支部大会 accepted makes them a probationary member from the 支部大会 day (dues
/// from its month) until the 预备期's end; an extension moves that end; the 转正 审批 records them as
/// full (full from the end day); a cancellation takes them off the roster from its day.
public enum DevelopmentRecord {
    /// Why nothing was recorded.
    public enum Refusal: Error, Hashable, Sendable {
        /// The step breaks these rules and no exception reason was given.
        case rules([DevelopmentRuleViolation])
        case unknownCandidate(String)
        case noSuchStep(Int)

        public func message(_ lang: Language) -> String {
            switch self {
            case .rules(let violations): return violations.map { $0.message(lang) }.joined(separator: "; ")
            case .unknownCandidate(let id): return lang.pick("没有编号为 \(id) 的发展对象", "no person in the pipeline has the id \(id)")
            case .noSuchStep(let i): return lang.pick("没有第 \(i + 1) 个步骤", "there is no step \(i + 1)")
            }
        }
    }

    /// The stage a person's record shows: a way out of the pipeline when the steps record one, else
    /// the furthest of the recorded stage and the steps' (a stage recorded beyond the steps is kept).
    public static func stage(of candidate: Candidate) -> DevelopmentStage {
        guard let implied = candidate.impliedStage else { return candidate.stage }
        if implied.isOut { return implied }
        if candidate.stage.isOut { return candidate.stage }
        return max(candidate.stage, implied)
    }

    /// Records `step` for the person `candidateId` (or, with `replacing`, puts it in place of their step
    /// at that position: a correction). `exceptionReason`: recorded on the step when it breaks a rule
    /// (ignored when it breaks none). The change to commit: the person, and their roster member when it moves.
    public static func record(_ step: DevelopmentStep, for candidateId: String, in workspace: Workspace,
                              exceptionReason: String? = nil, replacing index: Int? = nil) -> Result<Change, Refusal> {
        guard let before = workspace.candidates.first(where: { $0.id == candidateId }) else { return .failure(.unknownCandidate(candidateId)) }
        var history = before
        if let index {
            guard history.steps.indices.contains(index) else { return .failure(.noSuchStep(index)) }
            history.steps.remove(at: index)
        }
        var step = step
        step.exception = nil
        let violations = DevelopmentCheck.check(step, against: history, in: DevelopmentContext(workspace, branchId: before.branchId))
        if !violations.isEmpty {
            guard let reason = exceptionReason?.trimmingWhitespace(), !reason.isEmpty else { return .failure(.rules(violations)) }
            var rules: [String] = []
            for v in violations where !rules.contains(v.rule.rawValue) { rules.append(v.rule.rawValue) }
            step.exception = StepException(reason: reason, rules: rules)
        }
        var after = history
        after.steps = Candidate.sorted(history.steps + [step])
        after.stage = stage(of: after)
        return .success(change(before, after, in: workspace))
    }

    /// A new person: each of their steps judged against the ones before it, as `record` judges it;
    /// refused with every rule broken unless `exceptionReason` is given.
    public static func add(_ candidate: Candidate, in workspace: Workspace, exceptionReason: String? = nil) -> Result<Change, Refusal> {
        var built = candidate
        built.steps = []
        var broken: [DevelopmentRuleViolation] = []
        let context = DevelopmentContext(workspace, branchId: candidate.branchId)
        for var step in Candidate.sorted(candidate.steps) {
            step.exception = nil
            let violations = DevelopmentCheck.check(step, against: built, in: context)
            if !violations.isEmpty, let reason = exceptionReason?.trimmingWhitespace(), !reason.isEmpty {
                var rules: [String] = []
                for v in violations where !rules.contains(v.rule.rawValue) { rules.append(v.rule.rawValue) }
                step.exception = StepException(reason: reason, rules: rules)
            }
            broken += violations
            built.steps.append(step)
        }
        if !broken.isEmpty && (exceptionReason?.trimmingWhitespace() ?? "").isEmpty { return .failure(.rules(broken)) }
        built.stage = stage(of: built)
        return .success(change(nil, built, in: workspace))
    }

    /// Takes the step at `index` off a person's record (a step recorded by mistake). The roster
    /// member, once made, stays (their dues and history are kept): change them on the roster.
    public static func remove(stepAt index: Int, of candidateId: String, in workspace: Workspace) -> Result<Change, Refusal> {
        guard let before = workspace.candidates.first(where: { $0.id == candidateId }) else { return .failure(.unknownCandidate(candidateId)) }
        guard before.steps.indices.contains(index) else { return .failure(.noSuchStep(index)) }
        var after = before
        after.steps.remove(at: index)
        return .success(.candidate(before: before, after: after))
    }

    /// The person's change, with their roster member's when it moves: the member first, so that the
    /// record the person names exists before it is named (a database checks the reference at each
    /// statement: the 审批's person naming a member not yet inserted was refused), and the undo
    /// (the batch reversed) takes the person's reference off before the member goes.
    static func change(_ before: Candidate?, _ after: Candidate, in workspace: Workspace) -> Change {
        var after = after
        let existing = after.memberId.flatMap { id in workspace.members.first { $0.id == id } }
        let member = member(for: after, existing: existing, in: workspace)
        if let member, existing == nil { after.memberId = member.id }
        let person = Change.candidate(before: before, after: after)
        guard let member, member != existing else { return person }
        return .batch([.member(before: existing, after: member), person])
    }

    /// The roster member a person's record makes, given the one it made before (nil: none yet), or nil
    /// when the record makes none (not yet approved). Accepted (`acceptedOn`, a member from that day,
    /// dues from its month) on the 支部大会 day — the 审批's when no 支部大会 is on record —, the 预备期
    /// ending a year later plus the extensions (`probationEnds`: full from that day); recorded as full
    /// once the 转正 is approved; off the roster from a cancellation's day (`leftOn`, 取消预备党员资格).
    public static func member(for candidate: Candidate, existing: Member?, in workspace: Workspace) -> Member? {
        guard let approval = candidate.first(.approval) else { return existing }
        let rules = workspace.settings.rules.development
        let accepted = candidate.first(.branchMeeting)?.date ?? approval.date
        let end = candidate.probationEnd(rules) ?? accepted.adding(months: rules.probationMonths)
        var m = existing ?? Member(id: NewIds(taken: workspace.members.lazy.map(\.id)).nextMember(), name: candidate.name,
                                   branchId: candidate.branchId, status: .probationary, gender: candidate.gender,
                                   birthDate: candidate.birthDate, dues: candidate.student ? .student : nil)
        m.acceptedOn = accepted
        m.probationEnds = end
        if m.joinDate == nil || m.joinDate == existing?.acceptedOn { m.joinDate = accepted }
        m.status = candidate.has(.fullApproval) ? .full : .probationary
        if let cancelled = candidate.first(.cancellation) {
            m.leftOn = cancelled.date
            m.leftReason = .probationCancelled
        } else if m.leftReason == .probationCancelled {
            m.leftOn = nil
            m.leftReason = nil
        }
        return m
    }
}

extension NewIds {
    /// The next member id (`m-12`), for a one-off use.
    func nextMember() -> String {
        var ids = self
        return ids.member()
    }
}

extension DevelopmentRecord {
    /// The people a text names ("赵一、钱二", ids or names): each a roster member where one answers to it
    /// — an id, else the only one of that name in the branch on the day, else the only one of that name —
    /// kept with their name; else the name alone (someone the roster does not hold).
    public static func people(_ text: String, branchId: String, on day: Day, in workspace: Workspace) -> [PersonRef] {
        splitNameList(text).map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }.map { word in
            if let m = workspace.members.first(where: { $0.id == word }) { return PersonRef(memberId: m.id, name: m.name) }
            let named = workspace.members.filter { $0.name == word }
            let inBranch = named.filter { $0.branch(on: day) == branchId }
            if let only = inBranch.count == 1 ? inBranch[0] : named.count == 1 ? named[0] : nil { return PersonRef(memberId: only.id, name: only.name) }
            return PersonRef(name: word)
        }
    }

    /// The people in the pipeline a text names: by id, else by name (in `branchId` when given).
    public static func candidates(named text: String, branchId: String? = nil, in workspace: Workspace) -> [Candidate] {
        if let c = workspace.candidates.first(where: { $0.id == text }) { return [c] }
        return workspace.candidates.filter { c in NameKey.of(c.name) == NameKey.of(text) && (branchId.map { c.branchId == $0 } ?? true) }
    }
}
