/// Validation of 发展党员 (issue 19): each person's record, their steps against the rules (a step
/// that breaks one without an exception is a problem; one with an exception is a notice, listed by
/// `DevelopmentCheck.exceptions`), the rules themselves and the targets.
extension Validator {
    static func validateDevelopment(_ workspace: Workspace, memberIds: Set<String>) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        let rules = workspace.settings.rules.development
        for (field, kind) in rules.problems() { issues.append(.init(.settings, "rules.\(field)", kind)) }
        let branches = Dictionary(workspace.organisation.branches.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var context = DevelopmentContext(rules: rules, members: workspace.members)
        var ids = Set<String>()
        for (i, c) in workspace.candidates.enumerated() {
            let ref = RecordRef.candidate(i)
            if c.id.isEmpty { issues.append(.init(ref, "id", .emptyRequired)) }
            else if !ids.insert(c.id).inserted { issues.append(.init(ref, "id", .duplicateId(c.id))) }
            context.branch = branches[c.branchId]
            checkCandidate(c, ref, currentYear: workspace.settings.currentYear, branchKnown: context.branch != nil,
                           memberKnown: { memberIds.contains($0) }, context: context, into: &issues)
        }
        checkTargets(workspace.developmentTargets, branchKnown: { branches[$0] != nil }, into: &issues)
        return issues
    }

    /// A person's own rules (not its id's uniqueness): references, dates, figures, the stage against
    /// the steps, and every rule a step breaks without an exception.
    static func checkCandidate(_ c: Candidate, _ ref: RecordRef, currentYear year: Int, branchKnown: Bool, memberKnown: (String) -> Bool,
                               context: DevelopmentContext, into issues: inout [ValidationIssue]) {
        checkText(c, ref, into: &issues)
        if c.name.trimmingWhitespace().isEmpty { issues.append(.init(ref, "name", .emptyRequired)) }
        if !branchKnown { issues.append(.init(ref, "branchId", .unknownBranch(c.branchId))) }
        if let id = c.memberId, !memberKnown(id) { issues.append(.init(ref, "memberId", .unknownMember(id))) }
        if let born = c.birthDate, !(earliestBirthYear...year).contains(born.year) {
            issues.append(.init(ref, "birthDate", .implausibleDate(born, earliest: earliestBirthYear, latest: year)))
        }
        for (s, step) in c.steps.enumerated() {
            let key = "steps[\(s)]"
            eventDate(step.date, ref, "\(key).date", currentYear: year, into: &issues)
            if s > 0 && step.date < c.steps[s - 1].date { issues.append(.init(ref, "\(key).date", .historyOutOfOrder(step.date))) }
            for (p, person) in step.people.enumerated() {
                if let id = person.memberId, !memberKnown(id) { issues.append(.init(ref, "\(key).people[\(p)].memberId", .unknownMember(id))) }
                if person.memberId == nil && (person.name ?? "").trimmingWhitespace().isEmpty {
                    issues.append(.init(ref, "\(key).people[\(p)]", .emptyRequired))
                }
            }
            for (field, value) in [("days", step.days), ("hours", step.hours)] {
                if let value { nonNegative(value, ref, "\(key).\(field)", into: &issues) }
            }
            for (field, value) in [("months", step.months), ("present", step.present), ("entitled", step.entitled), ("inFavour", step.inFavour)] {
                if let value { nonNegative(Double(value), ref, "\(key).\(field)", into: &issues) }
            }
            if let present = step.present, let entitled = step.entitled, present > entitled, entitled >= 0 {
                issues.append(.init(ref, "\(key).present", .outOfRange(Double(present), min: 0, max: Double(entitled))))
            }
            if let yes = step.inFavour, let present = step.present, yes > present, present >= 0 {
                issues.append(.init(ref, "\(key).inFavour", .outOfRange(Double(yes), min: 0, max: Double(present))))
            }
            if let exception = step.exception, exception.reason.trimmingWhitespace().isEmpty {
                issues.append(.init(ref, "\(key).exception.reason", .emptyRequired))
            }
        }
        if let implied = c.impliedStage, implied.isOut ? c.stage != implied : c.stage < implied {
            issues.append(.init(ref, "stage", .stageBehindSteps(recorded: c.stage, steps: implied)))
        }
        for (index, violations) in DevelopmentCheck.violations(of: c, in: context) where c.steps[index].exception == nil {
            for v in violations { issues.append(.init(ref, "steps[\(index)]", .developmentRule(v))) }
        }
    }

    static func checkTargets(_ targets: DevelopmentTargets, branchKnown: (String) -> Bool, into issues: inout [ValidationIssue]) {
        var years = Set<Int>()
        for (y, entry) in targets.years.enumerated() {
            let key = "years[\(y)]"
            if !years.insert(entry.year).inserted { issues.append(.init(.developmentTargets, "\(key).year", .duplicateId(String(entry.year)))) }
            if !(earliestYear...9999).contains(entry.year) {
                issues.append(.init(.developmentTargets, "\(key).year", .outOfRange(Double(entry.year), min: Double(earliestYear), max: 9999)))
            }
            for (field, map) in [("plan", entry.plan), ("students", entry.students)] {
                for (branch, count) in map.sorted(by: { $0.key < $1.key }) {
                    if !branchKnown(branch) { issues.append(.init(.developmentTargets, "\(key).\(field).\(branch)", .unknownBranch(branch))) }
                    if count < 0 { issues.append(.init(.developmentTargets, "\(key).\(field).\(branch)", .negative(Double(count)))) }
                }
            }
            for (field, value) in [("planTotal", entry.planTotal), ("studentsTotal", entry.studentsTotal)] {
                if let value, value < 0 { issues.append(.init(.developmentTargets, "\(key).\(field)", .negative(Double(value)))) }
            }
        }
    }

    /// The targets, checked as the whole-workspace pass checks them (for an edit: `Editor`).
    public static func validate(developmentTargets targets: DevelopmentTargets, in workspace: Workspace) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        let branches = Set(workspace.organisation.branches.map(\.id))
        checkTargets(targets, branchKnown: { branches.contains($0) }, into: &issues)
        return issues
    }

    /// One person, checked as the whole-workspace pass checks them (for an edit: `Editor`).
    public static func validate(candidate c: Candidate, in workspace: Workspace, lookup: Lookup = Lookup()) -> [ValidationIssue] {
        scoped(c, in: workspace.candidates, "candidates", lookup, RecordRef.candidate, idRequired: true) { ref, issues in
            let branch = workspace.organisation.branches.first { $0.id == c.branchId }
            let context = DevelopmentContext(rules: workspace.settings.rules.development, branch: branch, members: workspace.members,
                                             indexed: false)
            checkCandidate(c, ref, currentYear: workspace.settings.currentYear, branchKnown: branch != nil,
                           memberKnown: { lookup.hasMember($0, in: workspace) }, context: context, into: &issues)
        }
    }
}

/// A step kept although it breaks a rule, with its reason: what `partydesk validate` lists as a notice.
public struct DevelopmentException: Hashable, Sendable {
    public var candidateIndex: Int
    public var stepIndex: Int
    public var candidate: Candidate
    public var step: DevelopmentStep
    /// The rules the step breaks now (empty: none any more).
    public var violations: [DevelopmentRuleViolation]

    public func message(_ lang: Language) -> String {
        let reason = step.exception?.reason ?? ""
        let broken = violations.isEmpty ? lang.pick("现已不违反规则", "no rule broken now")
            : violations.map { $0.message(lang) }.joined(separator: "; ")
        return lang.pick("例外: \(candidate.name) \(step.kind.name(lang)) \(step.date.iso) — 理由: \(reason) — \(broken)",
                         "exception: \(candidate.name) \(step.kind.name(lang)) \(step.date.iso) — reason: \(reason) — \(broken)")
    }
}

extension DevelopmentCheck {
    /// Every step kept with an exception, with the rules it breaks: notices, not problems.
    public static func exceptions(_ workspace: Workspace) -> [DevelopmentException] {
        let branches = Dictionary(workspace.organisation.branches.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var context = DevelopmentContext(rules: workspace.settings.rules.development, members: workspace.members)
        var out: [DevelopmentException] = []
        for (i, c) in workspace.candidates.enumerated() where c.steps.contains(where: { $0.exception != nil }) {
            context.branch = branches[c.branchId]
            let found = Dictionary(violations(of: c, in: context).map { ($0.index, $0.violations) }, uniquingKeysWith: { a, _ in a })
            for (s, step) in c.steps.enumerated() where step.exception != nil {
                out.append(DevelopmentException(candidateIndex: i, stepIndex: s, candidate: c, step: step, violations: found[s] ?? []))
            }
        }
        return out
    }
}

extension Candidate: HasTextFields {
    public func visitTextFields(_ f: inout some TextFieldVisitor) {
        f.line("id", id); f.line("name", name); f.line("branchId", branchId); f.line("memberId", memberId); f.note("note", note)
        for (s, step) in steps.enumerated() {
            for (p, person) in step.people.enumerated() {
                f.line("steps[\(s)].people[\(p)].memberId", person.memberId)
                f.line("steps[\(s)].people[\(p)].name", person.name)
            }
            f.note("steps[\(s)].note", step.note)
            f.note("steps[\(s)].exception.reason", step.exception?.reason)
        }
    }
}
