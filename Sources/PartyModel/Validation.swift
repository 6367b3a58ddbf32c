/// Checks a workspace beyond what parsing guarantees: unique ids, references that resolve,
/// counts that make sense, dates in a plausible range. Every problem is listed, not just the first.
public enum Validator {
    /// No party organisation dates from before the founding year.
    public static let earliestYear = 1921
    /// How far ahead event dates (activities, joins) may lie beyond the current year.
    public static let eventYearsAhead = 1
    /// How far ahead a term end may lie (a five-year term begun next year).
    public static let termYearsAhead = 10

    public static func validate(_ workspace: Workspace) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        let year = workspace.settings.currentYear
        let org = workspace.organisation

        if workspace.settings.name.trimmingWhitespace().isEmpty {
            issues.append(.init(.settings, "name", .emptyRequired))
        } else if let bad = TerminalText.firstUnsafe(in: workspace.settings.name) {
            issues.append(.init(.settings, "name", .controlCharacter(bad.value)))
        }
        if !(earliestYear...9999).contains(year) {
            issues.append(.init(.settings, "currentYear", .outOfRange(Double(year), min: Double(earliestYear), max: 9999)))
        }

        // Requirements: a count is not negative; a quarter's kinds are judged by month or quarter
        // (a yearly period cannot be judged within a quarter).
        for kind in Rules.requiredKinds {
            guard let r = workspace.settings.rules.requirements[kind] else { continue }
            if r.count < 0 { issues.append(.init(.settings, "rules.requirements.\(kind.rawValue).count", .negative(Double(r.count)))) }
            if (ActivityKind.threeMeetingsOneLesson + [.themedPartyDay]).contains(kind) && r.period == .year {
                issues.append(.init(.settings, "rules.requirements.\(kind.rawValue).period",
                                    .unknownCode(r.period.rawValue, allowed: [RequirementPeriod.month.rawValue, RequirementPeriod.quarter.rawValue])))
            }
        }

        checkDuesRules(workspace.settings.rules.dues, into: &issues)
        checkFundsRules(workspace.settings.rules.funds, into: &issues)
        checkMemberRules(workspace.settings.rules, into: &issues)

        // Organisation ids share one namespace: committee, general branches, branches and groups.
        var orgIds = Set<String>()
        func claim(_ id: String, _ record: RecordRef, _ field: String) {
            if id.isEmpty { issues.append(.init(record, field, .emptyRequired)) }
            else if !orgIds.insert(id).inserted { issues.append(.init(record, field, .duplicateId(id))) }
        }
        let rules = workspace.settings.rules
        func checkTerm(_ start: Day?, _ end: Day?, _ record: RecordRef, years: Int) {
            for (field, day) in [("termStart", start), ("termEnd", end)] {
                if let day, !(earliestYear...(year + termYearsAhead)).contains(day.year) {
                    issues.append(.init(record, field, .implausibleDate(day, earliest: earliestYear, latest: year + termYearsAhead)))
                }
            }
            if let start, let end, end < start {
                issues.append(.init(record, "termEnd", .termEndsBeforeStart(start: start, end: end)))
            } else if let start, let end, end > start.adding(months: 12 * years) {
                issues.append(.init(record, "termEnd", .termTooLong(start: start, end: end, years: years)))
            }
        }
        func nonNegative(_ value: Double, _ record: RecordRef, _ field: String) {
            Validator.nonNegative(value, record, field, into: &issues)
        }
        func eventDate(_ day: Day, _ record: RecordRef, _ field: String) {
            Validator.eventDate(day, record, field, currentYear: year, into: &issues)
        }

        claim(org.committee.id, .committee, "id")
        checkText(org.committee, .committee, into: &issues)
        checkTerm(org.committee.termStart, org.committee.termEnd, .committee, years: rules.committeeTermYears)

        for (i, general) in org.generalBranches.enumerated() {
            claim(general.id, .generalBranch(i), "id")
            checkText(general, .generalBranch(i), into: &issues)
            if general.parentId != org.committee.id {
                issues.append(.init(.generalBranch(i), "parentId", .unknownParent(general.parentId)))
            }
            checkTerm(general.termStart, general.termEnd, .generalBranch(i), years: rules.generalBranchTermYears)
        }
        let parents = Set([org.committee.id] + org.generalBranches.map(\.id))
        var groupsByBranch: [String: Set<String>] = [:]
        for (i, branch) in org.branches.enumerated() {
            let ref = RecordRef.branch(i)
            claim(branch.id, ref, "id")
            checkText(branch, ref, into: &issues)
            if !parents.contains(branch.parentId) { issues.append(.init(ref, "parentId", .unknownParent(branch.parentId))) }
            nonNegative(Double(branch.fullMembers), ref, "fullMembers")
            nonNegative(Double(branch.probationaryMembers), ref, "probationaryMembers")
            checkTerm(branch.termStart, branch.termEnd, ref, years: rules.termYears(for: branch))
            if let since = branch.secretaryVacantSince { eventDate(since, ref, "secretaryVacantSince") }
            if let retired = branch.retiredOn { eventDate(retired, ref, "retiredOn") }
            for (g, group) in branch.partyGroups.enumerated() {
                claim(group.id, ref, "partyGroups[\(g)].id")
                nonNegative(Double(group.size), ref, "partyGroups[\(g)].size")
            }
            groupsByBranch[branch.id] = Set(branch.partyGroups.map(\.id))
        }

        func checkGroup(_ groupId: String?, in branchId: String, _ record: RecordRef) {
            Validator.checkGroup(groupId, in: branchId, groups: groupsByBranch[branchId], record, into: &issues)
        }

        var memberIds = Set<String>()
        let branchKnown = { (id: String) in groupsByBranch[id] != nil }
        for (i, member) in workspace.members.enumerated() {
            let ref = RecordRef.member(i)
            if member.id.isEmpty { issues.append(.init(ref, "id", .emptyRequired)) }
            else if !memberIds.insert(member.id).inserted { issues.append(.init(ref, "id", .duplicateId(member.id))) }
            checkMember(member, ref, currentYear: year, groups: groupsByBranch[member.branchId], branchKnown: branchKnown, into: &issues)
        }
        var paymentIds = Set<String>()
        for (i, payment) in workspace.duesPayments.enumerated() {
            let ref = RecordRef.duesPayment(i)
            if payment.id.isEmpty { issues.append(.init(ref, "id", .emptyRequired)) }
            else if !paymentIds.insert(payment.id).inserted { issues.append(.init(ref, "id", .duplicateId(payment.id))) }
            checkDuesPayment(payment, ref, currentYear: year, memberKnown: memberIds.contains(payment.memberId),
                             branchKnown: branchKnown(payment.branchId), into: &issues)
        }
        var entryIds = Set<String>()
        for (i, entry) in workspace.trainingEntries.enumerated() {
            let ref = RecordRef.trainingEntry(i)
            if entry.id.isEmpty { issues.append(.init(ref, "id", .emptyRequired)) }
            else if !entryIds.insert(entry.id).inserted { issues.append(.init(ref, "id", .duplicateId(entry.id))) }
            checkTrainingEntry(entry, ref, currentYear: year, memberKnown: memberIds.contains(entry.memberId),
                               branchKnown: branchKnown(entry.branchId), into: &issues)
        }
        // 发展党员: the people in the pipeline, their steps against the rules, the targets (DevelopmentValidation.swift).
        issues += validateDevelopment(workspace, memberIds: memberIds)
        // 目标 (Targets.swift).
        issues += validate(targets: workspace.targets, in: workspace)

        var membersById: [String: Int] = [:]
        for (i, m) in workspace.members.enumerated() where membersById[m.id] == nil { membersById[m.id] = i }
        let member = { (id: String) in membersById[id].map { workspace.members[$0] } }
        var activityIds = Set<String>()
        for (i, activity) in workspace.activities.enumerated() {
            let ref = RecordRef.activity(i)
            if activity.id.isEmpty { issues.append(.init(ref, "id", .emptyRequired)) }
            else if !activityIds.insert(activity.id).inserted { issues.append(.init(ref, "id", .duplicateId(activity.id))) }
            checkActivity(activity, ref, currentYear: year, groups: groupsByBranch[activity.branchId], member: member, into: &issues)
        }
        var reviewIds = Set<String>(), reviewed = Set<String>()
        // Positions of the activities results name (made only when some result names one: a county has 556,000).
        var activityById: [String: Int] = [:]
        if workspace.reviewResults.contains(where: { $0.activityId != nil }) {
            for (i, a) in workspace.activities.enumerated() where activityById[a.id] == nil { activityById[a.id] = i }
        }
        for (i, r) in workspace.reviewResults.enumerated() {
            let ref = RecordRef.reviewResult(i)
            if r.id.isEmpty { issues.append(.init(ref, "id", .emptyRequired)) }
            else if !reviewIds.insert(r.id).inserted { issues.append(.init(ref, "id", .duplicateId(r.id))) }
            let twice = !reviewed.insert("\(r.memberId)|\(r.year)").inserted
            checkReviewResult(r, ref, currentYear: year, member: member(r.memberId), memberKnown: memberIds.contains(r.memberId),
                              branchKnown: branchKnown(r.branchId), activity: r.activityId.map { activityById[$0].map { workspace.activities[$0] } },
                              twice: twice, into: &issues)
        }
        var pointIds = Set<String>()
        for (i, p) in workspace.pioneerPoints.enumerated() {
            let ref = RecordRef.pioneerPoints(i)
            if p.id.isEmpty { issues.append(.init(ref, "id", .emptyRequired)) }
            else if !pointIds.insert(p.id).inserted { issues.append(.init(ref, "id", .duplicateId(p.id))) }
            checkPioneerPoints(p, ref, currentYear: year, scheme: workspace.settings.rules.pioneer, memberKnown: memberIds.contains(p.memberId),
                               branchKnown: branchKnown(p.branchId), into: &issues)
        }

        var fundsIds = Set<String>()
        let organisations = Self.organisationIds(workspace)
        for (i, entry) in workspace.funds.enumerated() {
            let ref = RecordRef.funds(i)
            if entry.id.isEmpty { issues.append(.init(ref, "id", .emptyRequired)) }
            else if !fundsIds.insert(entry.id).inserted { issues.append(.init(ref, "id", .duplicateId(entry.id))) }
            checkFundsEntry(entry, ref, currentYear: year, organisationKnown: organisations.contains(entry.organisationId), into: &issues)
        }

        var sectionIds = Set<String>()
        for (i, section) in workspace.plan.sections.enumerated() {
            if !sectionIds.insert(section.id).inserted { issues.append(.init(.planSection(i), "id", .duplicateId(section.id))) }
            checkText(section, .planSection(i), into: &issues)
        }
        var taskIds = Set<String>()
        for (i, task) in workspace.plan.tasks.enumerated() {
            let ref = RecordRef.planTask(i)
            if !taskIds.insert(task.id).inserted { issues.append(.init(ref, "id", .duplicateId(task.id))) }
            checkTask(task, ref, sectionKnown: sectionIds.contains(task.sectionId), into: &issues)
            checkAssignment(task, ref, organisation: workspace.organisation, into: &issues)
        }
        issues += validateScoring(workspace, branches: Set(groupsByBranch.keys))
        return issues
    }

    // MARK: Rules of one record, shared by the whole-workspace pass and the one-change check

    /// No control character in a one-line field; none but line breaks and tabs in a note (DESIGN §6).
    static func checkText(_ record: some HasTextFields, _ ref: RecordRef, into issues: inout [ValidationIssue]) {
        var check = ControlCharacterCheck(ref: ref)
        record.visitTextFields(&check)
        issues += check.issues
    }

    struct ControlCharacterCheck: TextFieldVisitor {
        let ref: RecordRef
        var issues: [ValidationIssue] = []
        mutating func visit(key: () -> String, value: String, note: Bool) {
            if let bad = TerminalText.firstUnsafe(in: value, multiLine: note) { issues.append(.init(ref, key(), .controlCharacter(bad.value))) }
        }
    }

    static func nonNegative(_ value: Double, _ record: RecordRef, _ field: String, into issues: inout [ValidationIssue]) {
        if value < 0 { issues.append(.init(record, field, .negative(value))) }
    }

    static func eventDate(_ day: Day, _ record: RecordRef, _ field: String, currentYear year: Int, into issues: inout [ValidationIssue]) {
        if !(earliestYear...(year + eventYearsAhead)).contains(day.year) {
            issues.append(.init(record, field, .implausibleDate(day, earliest: earliestYear, latest: year + eventYearsAhead)))
        }
    }

    /// `groups`: the party groups of the branch, nil when the branch is unknown (reported elsewhere).
    static func checkGroup(_ groupId: String?, in branchId: String, groups: Set<String>?, _ record: RecordRef,
                           into issues: inout [ValidationIssue]) {
        guard let groupId, let groups else { return }
        if !groups.contains(groupId) {
            issues.append(.init(record, "partyGroupId", .unknownGroup(group: groupId, branch: branchId)))
        }
    }

    /// An activity's own rules (not its id's uniqueness). `groups`: its branch's party groups, nil if no such branch;
    /// `member`: a member of the workspace by id (for the attendance list and the talk's participants).
    static func checkActivity(_ activity: Activity, _ ref: RecordRef, currentYear year: Int, groups: Set<String>?,
                              member: (String) -> Member?, into issues: inout [ValidationIssue]) {
        checkText(activity, ref, into: &issues)
        if groups == nil { issues.append(.init(ref, "branchId", .unknownBranch(activity.branchId))) }
        checkGroup(activity.partyGroupId, in: activity.branchId, groups: groups, ref, into: &issues)
        eventDate(activity.date, ref, "date", currentYear: year, into: &issues)
        if let hours = activity.hours { nonNegative(hours, ref, "hours", into: &issues) }
        if let attended = activity.attended { nonNegative(Double(attended), ref, "attended", into: &issues) }
        if let expected = activity.expected { nonNegative(Double(expected), ref, "expected", into: &issues) }
        if activity.attendance == nil, let attended = activity.attended, let expected = activity.expected, attended > expected, expected >= 0 {
            issues.append(.init(ref, "attended", .attendedExceedsExpected(attended: attended, expected: expected)))
        }
        // 签到: each line a member on the branch's roster that day, once; a present member has no reason.
        if let list = activity.attendance {
            var seen = Set<String>()
            for (i, entry) in list.enumerated() {
                let key = "attendance[\(i)]"
                if !seen.insert(entry.memberId).inserted { issues.append(.init(ref, "\(key).memberId", .listedTwice(entry.memberId))) }
                if let m = member(entry.memberId) {
                    if !m.isOnRoster(of: activity.branchId, on: activity.date) {
                        issues.append(.init(ref, "\(key).memberId", .notOnRoster(member: entry.memberId, branch: activity.branchId, day: activity.date)))
                    }
                } else {
                    issues.append(.init(ref, "\(key).memberId", .unknownMember(entry.memberId)))
                }
                if entry.present && entry.absenceReason != nil { issues.append(.init(ref, "\(key).absenceReason", .reasonForPresent)) }
            }
        }
        // 谈心谈话: two people at least; a member named by id must be one of the workspace's.
        if let people = activity.participants {
            if activity.kind != .talk { issues.append(.init(ref, "participants", .participantsNotTalk)) }
            else if people.count < 2 { issues.append(.init(ref, "participants", .talkNeedsTwo)) }
            for (i, p) in people.enumerated() {
                if p.name.trimmingWhitespace().isEmpty { issues.append(.init(ref, "participants[\(i)].name", .emptyRequired)) }
                if let id = p.memberId, member(id) == nil { issues.append(.init(ref, "participants[\(i)].memberId", .unknownMember(id))) }
            }
        }
    }

    /// A 民主评议 result's own rules (not its id's uniqueness). `activity`: nil when it names none,
    /// .some(nil) when the one it names is not in the ledger read; `twice`: another result of the
    /// same member and year comes before it.
    static func checkReviewResult(_ r: ReviewResult, _ ref: RecordRef, currentYear year: Int, member: Member?, memberKnown: Bool,
                                  branchKnown: Bool, activity: Activity??, twice: Bool, into issues: inout [ValidationIssue]) {
        checkText(r, ref, into: &issues)
        if !memberKnown { issues.append(.init(ref, "memberId", .unknownMember(r.memberId))) }
        if !branchKnown { issues.append(.init(ref, "branchId", .unknownBranch(r.branchId))) }
        if !(earliestYear...(year + eventYearsAhead)).contains(r.year) {
            issues.append(.init(ref, "year", .outOfRange(Double(r.year), min: Double(earliestYear), max: Double(year + eventYearsAhead))))
        }
        if twice { issues.append(.init(ref, "memberId", .reviewTwice(member: r.memberId, year: r.year))) }
        if let outcomeOn = r.outcomeOn { eventDate(outcomeOn, ref, "outcomeOn", currentYear: year, into: &issues) }
        if let id = r.activityId, let found = activity {
            if let a = found, a.kind == .democraticReview, a.branchId == r.branchId, a.date.year == r.year {
                if let member, branchKnown, !member.isOnRoster(of: r.branchId, on: a.date) {
                    issues.append(.init(ref, "memberId", .notOnRoster(member: r.memberId, branch: r.branchId, day: a.date)))
                }
            } else {
                issues.append(.init(ref, "activityId", .notReviewActivity(id)))
            }
        }
    }

    /// 先锋 points' own rules (not their id's uniqueness): a manual item of the scheme, 0 … its maximum.
    static func checkPioneerPoints(_ p: PioneerPoints, _ ref: RecordRef, currentYear year: Int, scheme: PioneerScheme, memberKnown: Bool,
                                   branchKnown: Bool, into issues: inout [ValidationIssue]) {
        checkText(p, ref, into: &issues)
        if !memberKnown { issues.append(.init(ref, "memberId", .unknownMember(p.memberId))) }
        if !branchKnown { issues.append(.init(ref, "branchId", .unknownBranch(p.branchId))) }
        eventDate(p.date, ref, "date", currentYear: year, into: &issues)
        if let item = scheme.item(p.itemId), item.source == .manual {
            if !(0...max(0, item.max)).contains(p.points) { issues.append(.init(ref, "points", .outOfRange(p.points, min: 0, max: item.max))) }
        } else {
            issues.append(.init(ref, "itemId", .notManualPioneerItem(p.itemId)))
        }
    }

    /// The member rules of issue 18: talks and absences counted from 1; the 先锋指数 scheme's items
    /// (ids once each, a positive maximum), scale and grade shares (0 … 1).
    static func checkMemberRules(_ rules: Rules, into issues: inout [ValidationIssue]) {
        if rules.talksPerYear < 0 { issues.append(.init(.settings, "rules.talksPerYear", .negative(Double(rules.talksPerYear)))) }
        if rules.unexcusedAbsenceMonths < 1 {
            issues.append(.init(.settings, "rules.unexcusedAbsenceMonths", .outOfRange(Double(rules.unexcusedAbsenceMonths), min: 1, max: 120)))
        }
        let scheme = rules.pioneer
        if !(scheme.scale > 0) { issues.append(.init(.settings, "rules.pioneer.scale", .outOfRange(scheme.scale, min: 1, max: 1000))) }
        var ids = Set<String>()
        for (i, item) in scheme.items.enumerated() {
            if item.id.isEmpty { issues.append(.init(.settings, "rules.pioneer.items[\(i)].id", .emptyRequired)) }
            else if !ids.insert(item.id).inserted { issues.append(.init(.settings, "rules.pioneer.items[\(i)].id", .duplicateId(item.id))) }
            if !(item.max > 0) { issues.append(.init(.settings, "rules.pioneer.items[\(i)].max", .outOfRange(item.max, min: 0.5, max: 1000))) }
            if let bad = TerminalText.firstUnsafe(in: item.title) { issues.append(.init(.settings, "rules.pioneer.items[\(i)].title", .controlCharacter(bad.value))) }
        }
        for grade in ReviewGrade.allCases {
            if let share = scheme.reviewGrades[grade], !(0...1).contains(share) {
                issues.append(.init(.settings, "rules.pioneer.reviewGrades.\(grade.rawValue)", .outOfRange(share, min: 0, max: 1)))
            }
        }
    }

    /// The earliest plausible birth year.
    static let earliestBirthYear = 1890

    /// A member's own rules (not its id's uniqueness). `groups`: its branch's party groups, nil if no
    /// such branch; `branchKnown`: whether a branch id (of a transfer) is one of the workspace's.
    static func checkMember(_ member: Member, _ ref: RecordRef, currentYear year: Int, groups: Set<String>?,
                            branchKnown: (String) -> Bool, into issues: inout [ValidationIssue]) {
        checkText(member, ref, into: &issues)
        if groups == nil { issues.append(.init(ref, "branchId", .unknownBranch(member.branchId))) }
        checkGroup(member.partyGroupId, in: member.branchId, groups: groups, ref, into: &issues)
        for (field, day) in [("joinDate", member.joinDate), ("acceptedOn", member.acceptedOn), ("leftOn", member.leftOn),
                             ("mobile.since", member.mobile?.since)] {
            if let day { eventDate(day, ref, field, currentYear: year, into: &issues) }
        }
        // A 预备期 ends a year (two, extended) after acceptance: up to two years ahead.
        if let end = member.probationEnds, !(earliestYear...(year + 2)).contains(end.year) {
            issues.append(.init(ref, "probationEnds", .implausibleDate(end, earliest: earliestYear, latest: year + 2)))
        }
        if let accepted = member.acceptedOn, let end = member.probationEnds, end <= accepted {
            issues.append(.init(ref, "probationEnds", .probationBeforeAcceptance))
        }
        if let born = member.birthDate, !(earliestBirthYear...year).contains(born.year) {
            issues.append(.init(ref, "birthDate", .implausibleDate(born, earliest: earliestBirthYear, latest: year)))
        }
        if let figure = member.dues?.figure {
            let field = member.dues?.code == .fixed ? "dues.amount" : "dues.base"
            if figure < 0 { issues.append(.init(ref, field, .negative(figure))) }
            else if !Money.isWholeFen(figure) { issues.append(.init(ref, field, .notWholeFen(figure))) }
        }
        // Transfers: in date order, each from where the one before went, between known branches, the
        // last one within the workspace ending in the branch the member is filed with.
        for (t, move) in member.transfers.enumerated() {
            let key = "transfers[\(t)]"
            eventDate(move.date, ref, "\(key).date", currentYear: year, into: &issues)
            if t > 0 && move.date < member.transfers[t - 1].date { issues.append(.init(ref, "\(key).date", .historyOutOfOrder(move.date))) }
            if move.from == move.to { issues.append(.init(ref, key, .transferToItself)) }
            for (side, end) in [("from", move.from), ("to", move.to)] {
                if let id = end.branchId, !branchKnown(id) { issues.append(.init(ref, "\(key).\(side).branchId", .unknownBranch(id))) }
            }
            if t > 0 && move.from != member.transfers[t - 1].to { issues.append(.init(ref, "\(key).from", .transferChainBroken(index: t))) }
        }
        if let last = member.transfers.last, let inside = last.to.branchId ?? last.from.branchId, inside != member.branchId {
            issues.append(.init(ref, "transfers[\(member.transfers.count - 1)].\(last.to.branchId != nil ? "to" : "from")",
                                .transferEndsElsewhere(expected: member.branchId)))
        }
    }

    /// A dues payment's own rules (not its id's uniqueness).
    static func checkDuesPayment(_ p: DuesPayment, _ ref: RecordRef, currentYear year: Int, memberKnown: Bool, branchKnown: Bool,
                                 into issues: inout [ValidationIssue]) {
        checkText(p, ref, into: &issues)
        if !memberKnown { issues.append(.init(ref, "memberId", .unknownMember(p.memberId))) }
        if !branchKnown { issues.append(.init(ref, "branchId", .unknownBranch(p.branchId))) }
        if p.months.isEmpty { issues.append(.init(ref, "months", .emptyRequired)) }
        var seen = Set<YearMonth>()
        for (i, month) in p.months.enumerated() {
            if !seen.insert(month).inserted { issues.append(.init(ref, "months[\(i)]", .duplicateMonth(month))) }
            // Paying ahead: up to a year beyond the current one.
            if !(earliestYear...(year + eventYearsAhead)).contains(month.year) {
                issues.append(.init(ref, "months[\(i)]", .implausibleDate(month.firstDay, earliest: earliestYear, latest: year + eventYearsAhead)))
            }
        }
        if let amount = p.amount {
            if amount < 0 { issues.append(.init(ref, "amount", .negative(amount))) }
            else if !Money.isWholeFen(amount) { issues.append(.init(ref, "amount", .notWholeFen(amount))) }
        }
        if let paid = p.paidOn { eventDate(paid, ref, "paidOn", currentYear: year, into: &issues) }
    }

    /// A training entry's own rules (not its id's uniqueness).
    static func checkTrainingEntry(_ e: TrainingEntry, _ ref: RecordRef, currentYear year: Int, memberKnown: Bool, branchKnown: Bool,
                                   into issues: inout [ValidationIssue]) {
        checkText(e, ref, into: &issues)
        if !memberKnown { issues.append(.init(ref, "memberId", .unknownMember(e.memberId))) }
        if !branchKnown { issues.append(.init(ref, "branchId", .unknownBranch(e.branchId))) }
        eventDate(e.date, ref, "date", currentYear: year, into: &issues)
        nonNegative(e.hours, ref, "hours", into: &issues)
    }

    /// The ids funds can be booked to: the 党委, its 党总支 and branches.
    static func organisationIds(_ ws: Workspace) -> Set<String> {
        Set([ws.organisation.committee.id] + ws.organisation.generalBranches.map(\.id) + ws.organisation.branches.map(\.id))
    }

    /// A funds entry's own rules (not its id's uniqueness): a known organisation, an amount above 0 in whole 分, a plausible day.
    static func checkFundsEntry(_ e: FundsEntry, _ ref: RecordRef, currentYear year: Int, organisationKnown: Bool, into issues: inout [ValidationIssue]) {
        checkText(e, ref, into: &issues)
        if !organisationKnown { issues.append(.init(ref, "organisationId", .unknownOrganisation(e.organisationId))) }
        if !(e.amount > 0) { issues.append(.init(ref, "amount", .notPositive(e.amount))) }
        else if !Money.isWholeFen(e.amount) { issues.append(.init(ref, "amount", .notWholeFen(e.amount))) }
        eventDate(e.date, ref, "date", currentYear: year, into: &issues)
    }

    /// `rules.funds`: standards with unique ids, an amount each, not negative; the alert's month 1–12.
    static func checkFundsRules(_ funds: FundsRules, into issues: inout [ValidationIssue]) {
        var ids = Set<String>()
        for (i, s) in funds.standards.enumerated() {
            let key = "rules.funds.standards[\(i)]"
            checkText(s, .settings, into: &issues)
            if s.id.isEmpty { issues.append(.init(.settings, "\(key).id", .emptyRequired)) }
            else if !ids.insert(s.id).inserted { issues.append(.init(.settings, "\(key).id", .duplicateId(s.id))) }
            if s.perMember == nil && s.perBranch == nil { issues.append(.init(.settings, key, .fundsStandardEmpty)) }
            for (name, value) in [("perMember", s.perMember), ("perBranch", s.perBranch)] {
                guard let value else { continue }
                if value < 0 { issues.append(.init(.settings, "\(key).\(name)", .negative(value))) }
                else if !Money.isWholeFen(value) { issues.append(.init(.settings, "\(key).\(name)", .notWholeFen(value))) }
            }
        }
        if !(1...12).contains(funds.alertFromMonth) {
            issues.append(.init(.settings, "rules.funds.alertFromMonth", .outOfRange(Double(funds.alertFromMonth), min: 1, max: 12)))
        }
    }

    /// `rules.dues`: each scale's brackets rise and the last is open; percentages 0–100 to 0.01;
    /// amounts in whole 分, not negative.
    static func checkDuesRules(_ dues: DuesRules, into issues: inout [ValidationIssue]) {
        for (name, scale) in [("inWork", dues.inWork), ("retired", dues.retired)] {
            var last = -Double.infinity
            for (i, bracket) in scale.enumerated() {
                let key = "rules.dues.\(name)[\(i)]"
                if !(0...100).contains(bracket.percent) { issues.append(.init(.settings, "\(key).percent", .outOfRange(bracket.percent, min: 0, max: 100))) }
                if let upTo = bracket.upTo {
                    if upTo <= last || upTo < 0 || i == scale.count - 1 { issues.append(.init(.settings, "\(key).upTo", .duesScale)) }
                    else if !Money.isWholeFen(upTo) { issues.append(.init(.settings, "\(key).upTo", .notWholeFen(upTo))) }
                    last = upTo
                } else if i != scale.count - 1 {
                    issues.append(.init(.settings, "\(key).upTo", .duesScale))
                }
            }
            if scale.isEmpty { issues.append(.init(.settings, "rules.dues.\(name)", .duesScale)) }
        }
        for (name, amount) in [("farmer", dues.farmer), ("student", dues.student), ("unemployed", dues.unemployed), ("relief", dues.relief)] {
            if amount < 0 { issues.append(.init(.settings, "rules.dues.\(name)", .negative(amount))) }
            else if !Money.isWholeFen(amount) { issues.append(.init(.settings, "rules.dues.\(name)", .notWholeFen(amount))) }
        }
    }

    /// A check's own rules (not its id's uniqueness); `repeatedQuarter`: another check has its branch and quarter.
    static func checkCheck(_ check: QuarterlyCheck, _ ref: RecordRef, currentYear year: Int, branchKnown: Bool, repeatedQuarter: Bool,
                           template: CheckTemplate, into issues: inout [ValidationIssue]) {
        checkText(check, ref, into: &issues)
        if !branchKnown { issues.append(.init(ref, "branchId", .unknownBranch(check.branchId))) }
        guard let quarter = check.period else {
            issues.append(.init(ref, "quarter", .outOfRange(Double(check.quarter), min: 1, max: 4)))
            return
        }
        if repeatedQuarter { issues.append(.init(ref, "quarter", .duplicateCheck(branch: check.branchId, quarter: quarter))) }
        if !(earliestYear...(year + eventYearsAhead)).contains(check.date.year) {
            issues.append(.init(ref, "date", .implausibleDate(check.date, earliest: earliestYear, latest: year + eventYearsAhead)))
        }
        for (itemId, points) in check.points.sorted(by: { $0.key < $1.key }) {
            guard let item = template.item(itemId) else {
                issues.append(.init(ref, "points.\(itemId)", .unknownCheckItem(itemId)))
                continue
            }
            if !(0...item.maxPoints).contains(points) {
                issues.append(.init(ref, "points.\(itemId)", .outOfRange(points, min: 0, max: item.maxPoints)))
            } else if (points * 2).rounded() != points * 2 {
                issues.append(.init(ref, "points.\(itemId)", .notHalfStep(points)))
            }
        }
    }

    /// A rectification's own rules: references, dates, and a history that replays to its status.
    static func checkRectification(_ r: Rectification, _ ref: RecordRef, branchKnown: Bool, sourceKnown: Bool,
                                   into issues: inout [ValidationIssue]) {
        checkText(r, ref, into: &issues)
        if !branchKnown { issues.append(.init(ref, "branchId", .unknownBranch(r.branchId))) }
        if let source = r.sourceCheckId, !sourceKnown { issues.append(.init(ref, "sourceCheckId", .unknownCheck(source))) }
        if r.dueOn < r.openedOn { issues.append(.init(ref, "dueOn", .dueBeforeOpened(opened: r.openedOn, due: r.dueOn))) }
        var state = RectificationStatus.open
        var last = r.openedOn
        for (e, event) in r.history.enumerated() {
            if event.from != state || !RectificationAction.isLegal(from: event.from, to: event.to) {
                issues.append(.init(ref, "history[\(e)]", .illegalTransition(from: event.from, to: event.to)))
            }
            if event.date < last { issues.append(.init(ref, "history[\(e)].date", .historyOutOfOrder(event.date))) }
            let needsNote = event.to == .submitted || (event.to == .inProgress && event.from != .open)
            if needsNote && (event.note?.trimmingWhitespace().isEmpty ?? true) { issues.append(.init(ref, "history[\(e)].note", .noteMissing)) }
            if event.to == .closed && (event.acceptedBy?.trimmingWhitespace().isEmpty ?? true) {
                issues.append(.init(ref, "history[\(e)].acceptedBy", .noteMissing))
            }
            state = event.to
            last = event.date
        }
        if state != r.status { issues.append(.init(ref, "status", .historyMismatch(status: r.status, last: r.history.last?.to))) }
    }

    static func checkTask(_ task: PlanTask, _ ref: RecordRef, sectionKnown: Bool, into issues: inout [ValidationIssue]) {
        checkText(task, ref, into: &issues)
        if !sectionKnown { issues.append(.init(ref, "sectionId", .unknownSection(task.sectionId))) }
        if !(0...100).contains(task.progress) {
            issues.append(.init(ref, "progress", .outOfRange(Double(task.progress), min: 0, max: 100)))
        }
    }

    /// 一支部一清单 and the rhythm: the assignment names known branches, a known sector or 党总支 (each
    /// problem names the task); branch states of known branches, progress 0…100; occurrences of
    /// the recurrence's own periods; recurrence day 1…31 and month within its period; phases end after they start.
    static func checkAssignment(_ task: PlanTask, _ ref: RecordRef, organisation org: Organisation, into issues: inout [ValidationIssue]) {
        let branchIds = Set(org.branches.map(\.id))
        if let a = task.assignment {
            switch a.scope {
            case .all: break
            case .sector:
                if let s = a.sector, !s.isEmpty {
                    if Sector(rawValue: s) == nil { issues.append(.init(ref, "assignment.sector", .unknownAssignee(task: task.id, scope: .sector, id: s))) }
                } else { issues.append(.init(ref, "assignment.sector", .emptyRequired)) }
            case .generalBranch:
                if let g = a.generalBranch, !g.isEmpty {
                    if !org.generalBranches.contains(where: { $0.id == g }) {
                        issues.append(.init(ref, "assignment.generalBranch", .unknownAssignee(task: task.id, scope: .generalBranch, id: g)))
                    }
                } else { issues.append(.init(ref, "assignment.generalBranch", .emptyRequired)) }
            case .branches:
                let list = a.branches ?? []
                if list.isEmpty { issues.append(.init(ref, "assignment.branches", .emptyRequired)) }
                for (i, id) in list.enumerated() where !branchIds.contains(id) {
                    issues.append(.init(ref, "assignment.branches[\(i)]", .unknownAssignee(task: task.id, scope: .branches, id: id)))
                }
            }
        }
        if let r = task.recurrence {
            if let d = r.day, !(1...31).contains(d) { issues.append(.init(ref, "recurrence.day", .outOfRange(Double(d), min: 1, max: 31))) }
            let length = TaskPeriod.length(r.every)
            if let m = r.month, !(1...length).contains(m) { issues.append(.init(ref, "recurrence.month", .outOfRange(Double(m), min: 1, max: Double(length)))) }
            if let from = r.from, let until = r.until, until < from { issues.append(.init(ref, "recurrence.until", .phaseEndsBeforeStart(start: from, end: until))) }
        }
        for (i, p) in task.phases.enumerated() where p.end < p.start {
            issues.append(.init(ref, "phases[\(i)].end", .phaseEndsBeforeStart(start: p.start, end: p.end)))
        }
        var seen = Set<String>()
        for (i, b) in task.branches.enumerated() {
            let key = "branches[\(i)]"
            if !branchIds.contains(b.branchId) { issues.append(.init(ref, key + ".branchId", .unknownAssignee(task: task.id, scope: .branches, id: b.branchId))) }
            else if !seen.insert(b.branchId).inserted { issues.append(.init(ref, key + ".branchId", .duplicateId(b.branchId))) }
            if !(0...100).contains(b.progress) { issues.append(.init(ref, key + ".progress", .outOfRange(Double(b.progress), min: 0, max: 100))) }
            for (j, o) in b.occurrences.enumerated() {
                guard let period = TaskPeriod.parse(o.period), period.unit == task.recurrence?.every else {
                    issues.append(.init(ref, key + ".occurrences[\(j)].period", .unknownOccurrence(task: task.id, period: o.period)))
                    continue
                }
            }
        }
    }

    /// `item`: the scheme's item of that id, if any.
    static func checkManualScore(_ m: ManualScore, _ ref: RecordRef, branchKnown: Bool, item: ScoreItem?, into issues: inout [ValidationIssue]) {
        checkText(m, ref, into: &issues)
        if !branchKnown { issues.append(.init(ref, "branchId", .unknownBranch(m.branchId))) }
        guard let item, item.source == .manual else {
            issues.append(.init(ref, "itemId", .notManualItem(m.itemId)))
            return
        }
        if (item.period == .quarter) != (m.quarter != nil) || !(1...4).contains(m.quarter ?? 1) {
            issues.append(.init(ref, "quarter", .periodMismatch(item: item.id)))
        }
        if !(0...item.max).contains(m.points) { issues.append(.init(ref, "points", .outOfRange(m.points, min: 0, max: item.max))) }
    }

    static func checkBonus(_ b: Bonus, _ ref: RecordRef, branchKnown: Bool, into issues: inout [ValidationIssue]) {
        checkText(b, ref, into: &issues)
        if !branchKnown { issues.append(.init(ref, "branchId", .unknownBranch(b.branchId))) }
        if b.points < 0 { issues.append(.init(ref, "points", .negative(b.points))) }
    }

    /// What the checks of single records look up in the rest of one state of the workspace: a
    /// branch's party groups, where a record sits in its list and how many records share its id.
    /// The first few questions about a list are answered by walking it, as one edit needs; after
    /// that the list is indexed, so that a batch of 200,000 records (an import) costs one pass over
    /// a 556,000-record ledger rather than one per record. Holds no part of the workspace (a copy
    /// kept would make the next change copy the ledger): each question passes the list. Use one
    /// lookup for one state only.
    public final class Lookup {
        /// The positions of a list's ids: the first record of each id, and how many more have it.
        struct Ids {
            var first: [String: Int] = [:]
            var more: [String: Int] = [:]
        }
        static let walksBeforeIndexing = 16
        private var walks: [String: Int] = [:]
        private var ids: [String: Ids] = [:]
        private var branchGroups: [String: Set<String>]?

        public init() {}

        /// Whether the list has been asked about often enough to be worth indexing.
        private func index(_ list: String) -> Bool {
            walks[list, default: 0] += 1
            return walks[list]! > Self.walksBeforeIndexing
        }

        /// The party groups of the (first) branch of that id; nil when there is no such branch.
        func groups(of branchId: String, in workspace: Workspace) -> Set<String>? {
            if branchGroups == nil, index("branches") {
                var map: [String: Set<String>] = [:]
                for branch in workspace.organisation.branches where map[branch.id] == nil { map[branch.id] = Set(branch.partyGroups.map(\.id)) }
                branchGroups = map
            }
            if let branchGroups { return branchGroups[branchId] }
            return workspace.organisation.branches.first { $0.id == branchId }.map { Set($0.partyGroups.map(\.id)) }
        }

        private var memberIds: Set<String>?
        private var memberPositions: [String: Int]?

        /// A member of the workspace by id (the first of the id; walked for the first few questions, then indexed).
        func member(_ id: String, in workspace: Workspace) -> Member? {
            if memberPositions == nil, index("memberById") {
                var map: [String: Int] = [:]
                for (i, m) in workspace.members.enumerated() where map[m.id] == nil { map[m.id] = i }
                memberPositions = map
            }
            if let memberPositions { return memberPositions[id].map { workspace.members[$0] } }
            return workspace.members.first { $0.id == id }
        }

        /// Whether the workspace has a member of this id (walked for the first few questions, then indexed).
        func hasMember(_ id: String, in workspace: Workspace) -> Bool {
            if memberIds == nil, index("memberIds") { memberIds = Set(workspace.members.lazy.map(\.id)) }
            if let memberIds { return memberIds.contains(id) }
            return workspace.members.contains { $0.id == id }
        }

        /// Where `record` sits in `list` (the first equal record of its id; `list.count` when it is
        /// not there) and how many records of `list` have its id.
        func place<R: Identified & Equatable>(of record: R, in list: [R], _ name: String) -> (index: Int, sameId: Int) {
            if ids[name] == nil, index(name) {
                var made = Ids()
                made.first.reserveCapacity(list.count)
                for (i, r) in list.enumerated() {
                    if made.first[r.id] == nil { made.first[r.id] = i } else { made.more[r.id, default: 0] += 1 }
                }
                ids[name] = made
            }
            func walk() -> Int { list.firstIndex { $0.id == record.id && $0 == record } ?? list.count }
            guard let known = ids[name] else { return (walk(), list.lazy.filter { $0.id == record.id }.count) }
            guard let first = known.first[record.id] else { return (list.count, 0) }
            let sameId = 1 + (known.more[record.id] ?? 0)
            if list[first] == record { return (first, sameId) }
            return (sameId == 1 ? list.count : walk(), sameId)
        }
    }

    static func groups(of branchId: String, in workspace: Workspace, _ lookup: Lookup) -> Set<String>? {
        lookup.groups(of: branchId, in: workspace)
    }

    /// One record of `list`, checked as the whole-workspace pass would check it, without walking the
    /// rest (an edit on a county checks what it changes in microseconds, not 556,000 others): where
    /// it sits (for the problem's place), its id's problems where ids must be unique — empty
    /// (`idRequired`) or shared with another — then `rules`.
    static func scoped<R: Identified & Equatable>(_ record: R, in list: [R], _ name: String, _ lookup: Lookup, _ ref: (Int) -> RecordRef,
                                                  uniqueId: Bool = true, idRequired: Bool = false,
                                                  rules: (RecordRef, inout [ValidationIssue]) -> Void) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        let (index, sameId) = lookup.place(of: record, in: list, name)
        let place = ref(index)
        if idRequired && record.id.isEmpty { issues.append(.init(place, "id", .emptyRequired)) }
        else if uniqueId && sameId > 1 { issues.append(.init(place, "id", .duplicateId(record.id))) }
        rules(place, &issues)
        return issues
    }

    public static func validate(activity: Activity, in workspace: Workspace, lookup: Lookup = Lookup()) -> [ValidationIssue] {
        scoped(activity, in: workspace.activities, "activities", lookup, RecordRef.activity, idRequired: true) { ref, issues in
            checkActivity(activity, ref, currentYear: workspace.settings.currentYear, groups: groups(of: activity.branchId, in: workspace, lookup),
                          member: { lookup.member($0, in: workspace) }, into: &issues)
        }
    }

    public static func validate(reviewResult r: ReviewResult, in workspace: Workspace, lookup: Lookup = Lookup()) -> [ValidationIssue] {
        let twice = workspace.reviewResults.lazy.filter { $0.memberId == r.memberId && $0.year == r.year }.count > 1
            && workspace.reviewResults.first(where: { $0.memberId == r.memberId && $0.year == r.year }) != r
        return scoped(r, in: workspace.reviewResults, "reviewResults", lookup, RecordRef.reviewResult, idRequired: true) { ref, issues in
            checkReviewResult(r, ref, currentYear: workspace.settings.currentYear, member: lookup.member(r.memberId, in: workspace),
                              memberKnown: lookup.hasMember(r.memberId, in: workspace), branchKnown: groups(of: r.branchId, in: workspace, lookup) != nil,
                              activity: r.activityId.map { id in workspace.activities.first { $0.id == id } }, twice: twice, into: &issues)
        }
    }

    public static func validate(pioneerPoints p: PioneerPoints, in workspace: Workspace, lookup: Lookup = Lookup()) -> [ValidationIssue] {
        scoped(p, in: workspace.pioneerPoints, "pioneerPoints", lookup, RecordRef.pioneerPoints, idRequired: true) { ref, issues in
            checkPioneerPoints(p, ref, currentYear: workspace.settings.currentYear, scheme: workspace.settings.rules.pioneer,
                               memberKnown: lookup.hasMember(p.memberId, in: workspace), branchKnown: groups(of: p.branchId, in: workspace, lookup) != nil,
                               into: &issues)
        }
    }

    public static func validate(member: Member, in workspace: Workspace, lookup: Lookup = Lookup()) -> [ValidationIssue] {
        scoped(member, in: workspace.members, "members", lookup, RecordRef.member, idRequired: true) { ref, issues in
            checkMember(member, ref, currentYear: workspace.settings.currentYear, groups: groups(of: member.branchId, in: workspace, lookup),
                        branchKnown: { groups(of: $0, in: workspace, lookup) != nil }, into: &issues)
        }
    }

    public static func validate(duesPayment p: DuesPayment, in workspace: Workspace, lookup: Lookup = Lookup()) -> [ValidationIssue] {
        scoped(p, in: workspace.duesPayments, "duesPayments", lookup, RecordRef.duesPayment, idRequired: true) { ref, issues in
            checkDuesPayment(p, ref, currentYear: workspace.settings.currentYear, memberKnown: lookup.hasMember(p.memberId, in: workspace),
                             branchKnown: groups(of: p.branchId, in: workspace, lookup) != nil, into: &issues)
        }
    }

    public static func validate(funds e: FundsEntry, in workspace: Workspace, lookup: Lookup = Lookup()) -> [ValidationIssue] {
        scoped(e, in: workspace.funds, "funds", lookup, RecordRef.funds, idRequired: true) { ref, issues in
            checkFundsEntry(e, ref, currentYear: workspace.settings.currentYear,
                            organisationKnown: organisationIds(workspace).contains(e.organisationId), into: &issues)
        }
    }

    public static func validate(trainingEntry e: TrainingEntry, in workspace: Workspace, lookup: Lookup = Lookup()) -> [ValidationIssue] {
        scoped(e, in: workspace.trainingEntries, "trainingEntries", lookup, RecordRef.trainingEntry, idRequired: true) { ref, issues in
            checkTrainingEntry(e, ref, currentYear: workspace.settings.currentYear, memberKnown: lookup.hasMember(e.memberId, in: workspace),
                               branchKnown: groups(of: e.branchId, in: workspace, lookup) != nil, into: &issues)
        }
    }

    /// A second check of the same branch and quarter included.
    public static func validate(check: QuarterlyCheck, in workspace: Workspace, lookup: Lookup = Lookup()) -> [ValidationIssue] {
        let repeated = check.period.map { quarter in
            workspace.checks.lazy.filter { $0.branchId == check.branchId && $0.period == quarter }.count > 1 } ?? false
        return scoped(check, in: workspace.checks, "checks", lookup, RecordRef.check) { ref, issues in
            checkCheck(check, ref, currentYear: workspace.settings.currentYear, branchKnown: groups(of: check.branchId, in: workspace, lookup) != nil,
                       repeatedQuarter: repeated, template: workspace.checkTemplate, into: &issues)
        }
    }

    public static func validate(rectification r: Rectification, in workspace: Workspace, lookup: Lookup = Lookup()) -> [ValidationIssue] {
        scoped(r, in: workspace.rectifications, "rectifications", lookup, RecordRef.rectification) { ref, issues in
            checkRectification(r, ref, branchKnown: groups(of: r.branchId, in: workspace, lookup) != nil,
                               sourceKnown: r.sourceCheckId.map { id in workspace.checks.contains { $0.id == id } } ?? true, into: &issues)
        }
    }

    public static func validate(task: PlanTask, in workspace: Workspace, lookup: Lookup = Lookup()) -> [ValidationIssue] {
        scoped(task, in: workspace.plan.tasks, "tasks", lookup, RecordRef.planTask) { ref, issues in
            checkTask(task, ref, sectionKnown: workspace.plan.sections.contains { $0.id == task.sectionId }, into: &issues)
            checkAssignment(task, ref, organisation: workspace.organisation, into: &issues)
        }
    }

    public static func validate(manualScore m: ManualScore, in workspace: Workspace, lookup: Lookup = Lookup()) -> [ValidationIssue] {
        scoped(m, in: workspace.manualScores, "manualScores", lookup, RecordRef.manualScore, uniqueId: false) { ref, issues in
            checkManualScore(m, ref, branchKnown: groups(of: m.branchId, in: workspace, lookup) != nil,
                             item: workspace.scoring.items.first { $0.id == m.itemId }, into: &issues)
        }
    }

    public static func validate(bonus b: Bonus, in workspace: Workspace, lookup: Lookup = Lookup()) -> [ValidationIssue] {
        scoped(b, in: workspace.bonuses, "bonuses", lookup, RecordRef.bonus, uniqueId: false) { ref, issues in
            checkBonus(b, ref, branchKnown: groups(of: b.branchId, in: workspace, lookup) != nil, into: &issues)
        }
    }

    static func validateScoring(_ workspace: Workspace, branches: Set<String>) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        let scheme = workspace.scoring
        let template = workspace.checkTemplate
        let year = workspace.settings.currentYear
        let categories = Set(scheme.categories.map(\.id))

        // The scheme: totals 100, known categories, sources that resolve.
        if abs(scheme.totalMax - 100) > 1e-6 { issues.append(.init(.scoring, "items", .schemeTotal(scheme.totalMax))) }
        var itemIds = Set<String>()
        for (i, item) in scheme.items.enumerated() {
            if !itemIds.insert(item.id).inserted { issues.append(.init(.scoring, "items[\(i)].id", .duplicateId(item.id))) }
            if !categories.contains(item.category) { issues.append(.init(.scoring, "items[\(i)].category", .unknownCategory(item.category))) }
            if item.max <= 0 { issues.append(.init(.scoring, "items[\(i)].max", .outOfRange(item.max, min: 0.5, max: 100))) }
            if case .check(let id) = item.source {
                if let checkItem = template.item(id) {
                    if abs(checkItem.maxPoints - item.max) > 1e-9 {
                        issues.append(.init(.scoring, "items[\(i)].max", .checkMaxMismatch(item: id, scheme: item.max, template: checkItem.maxPoints)))
                    }
                } else {
                    issues.append(.init(.scoring, "items[\(i)].source", .unknownCheckItem(id)))
                }
            }
        }
        for (i, band) in scheme.grades.enumerated() where !(0...100).contains(band.minimum) {
            issues.append(.init(.scoring, "grades[\(i)].minimum", .outOfRange(band.minimum, min: 0, max: 100)))
        }
        if !(0...1).contains(scheme.strongest.minimumCategoryShare) {
            issues.append(.init(.scoring, "strongest.minimumCategoryShare", .outOfRange(scheme.strongest.minimumCategoryShare, min: 0, max: 1)))
        }
        for (key, share) in scheme.strongest.targets.sorted(by: { $0.key < $1.key }) where !(0...1).contains(share) {
            issues.append(.init(.scoring, "strongest.targets.\(key)", .outOfRange(share, min: 0, max: 1)))
        }

        // The check template.
        var templateIds = Set<String>()
        for (i, item) in template.items.enumerated() {
            if !templateIds.insert(item.id).inserted { issues.append(.init(.checkTemplate, "items[\(i)].id", .duplicateId(item.id))) }
            if item.maxPoints <= 0 { issues.append(.init(.checkTemplate, "items[\(i)].maxPoints", .outOfRange(item.maxPoints, min: 0.5, max: 100))) }
            if !categories.contains(item.category) { issues.append(.init(.checkTemplate, "items[\(i)].category", .unknownCategory(item.category))) }
        }

        // Checks.
        var checkIds = Set<String>()
        var periods = Set<String>()
        for (i, check) in workspace.checks.enumerated() {
            let ref = RecordRef.check(i)
            if !checkIds.insert(check.id).inserted { issues.append(.init(ref, "id", .duplicateId(check.id))) }
            let repeated = check.period.map { !periods.insert("\(check.branchId)|\($0)").inserted } ?? false
            checkCheck(check, ref, currentYear: year, branchKnown: branches.contains(check.branchId), repeatedQuarter: repeated,
                       template: template, into: &issues)
        }

        // Rectifications: references, dates and a history that replays to the status.
        var rectificationIds = Set<String>()
        for (i, r) in workspace.rectifications.enumerated() {
            let ref = RecordRef.rectification(i)
            if !rectificationIds.insert(r.id).inserted { issues.append(.init(ref, "id", .duplicateId(r.id))) }
            checkRectification(r, ref, branchKnown: branches.contains(r.branchId),
                               sourceKnown: r.sourceCheckId.map { checkIds.contains($0) } ?? true, into: &issues)
        }

        // Manual points and bonuses.
        let schemeItems = Dictionary(scheme.items.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for (i, m) in workspace.manualScores.enumerated() {
            checkManualScore(m, .manualScore(i), branchKnown: branches.contains(m.branchId), item: schemeItems[m.itemId], into: &issues)
        }
        for (i, b) in workspace.bonuses.enumerated() {
            checkBonus(b, .bonus(i), branchKnown: branches.contains(b.branchId), into: &issues)
        }
        return issues
    }
}
