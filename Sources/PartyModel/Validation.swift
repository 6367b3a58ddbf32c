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
        }
        if !(earliestYear...9999).contains(year) {
            issues.append(.init(.settings, "currentYear", .outOfRange(Double(year), min: Double(earliestYear), max: 9999)))
        }

        // Organisation ids share one namespace: committee, general branches, branches and groups.
        var orgIds = Set<String>()
        func claim(_ id: String, _ record: RecordRef, _ field: String) {
            if id.isEmpty { issues.append(.init(record, field, .emptyRequired)) }
            else if !orgIds.insert(id).inserted { issues.append(.init(record, field, .duplicateId(id))) }
        }
        func checkTerm(_ start: Day?, _ end: Day?, _ record: RecordRef) {
            for (field, day) in [("termStart", start), ("termEnd", end)] {
                if let day, !(earliestYear...(year + termYearsAhead)).contains(day.year) {
                    issues.append(.init(record, field, .implausibleDate(day, earliest: earliestYear, latest: year + termYearsAhead)))
                }
            }
            if let start, let end, end < start {
                issues.append(.init(record, "termEnd", .termEndsBeforeStart(start: start, end: end)))
            }
        }
        func nonNegative(_ value: Double, _ record: RecordRef, _ field: String) {
            if value < 0 { issues.append(.init(record, field, .negative(value))) }
        }
        func eventDate(_ day: Day, _ record: RecordRef, _ field: String) {
            if !(earliestYear...(year + eventYearsAhead)).contains(day.year) {
                issues.append(.init(record, field, .implausibleDate(day, earliest: earliestYear, latest: year + eventYearsAhead)))
            }
        }

        claim(org.committee.id, .committee, "id")
        checkTerm(org.committee.termStart, org.committee.termEnd, .committee)

        for (i, general) in org.generalBranches.enumerated() {
            claim(general.id, .generalBranch(i), "id")
            if general.parentId != org.committee.id {
                issues.append(.init(.generalBranch(i), "parentId", .unknownParent(general.parentId)))
            }
            checkTerm(general.termStart, general.termEnd, .generalBranch(i))
        }
        let parents = Set([org.committee.id] + org.generalBranches.map(\.id))
        var groupsByBranch: [String: Set<String>] = [:]
        for (i, branch) in org.branches.enumerated() {
            let ref = RecordRef.branch(i)
            claim(branch.id, ref, "id")
            if !parents.contains(branch.parentId) { issues.append(.init(ref, "parentId", .unknownParent(branch.parentId))) }
            nonNegative(Double(branch.fullMembers), ref, "fullMembers")
            nonNegative(Double(branch.probationaryMembers), ref, "probationaryMembers")
            checkTerm(branch.termStart, branch.termEnd, ref)
            if let retired = branch.retiredOn { eventDate(retired, ref, "retiredOn") }
            for (g, group) in branch.partyGroups.enumerated() {
                claim(group.id, ref, "partyGroups[\(g)].id")
                nonNegative(Double(group.size), ref, "partyGroups[\(g)].size")
            }
            groupsByBranch[branch.id] = Set(branch.partyGroups.map(\.id))
        }

        func checkGroup(_ groupId: String?, in branchId: String, _ record: RecordRef) {
            guard let groupId, let groups = groupsByBranch[branchId] else { return }
            if !groups.contains(groupId) {
                issues.append(.init(record, "partyGroupId", .unknownGroup(group: groupId, branch: branchId)))
            }
        }

        var memberIds = Set<String>()
        for (i, member) in workspace.members.enumerated() {
            let ref = RecordRef.member(i)
            if member.id.isEmpty { issues.append(.init(ref, "id", .emptyRequired)) }
            else if !memberIds.insert(member.id).inserted { issues.append(.init(ref, "id", .duplicateId(member.id))) }
            if groupsByBranch[member.branchId] == nil { issues.append(.init(ref, "branchId", .unknownBranch(member.branchId))) }
            checkGroup(member.partyGroupId, in: member.branchId, ref)
            if let join = member.joinDate { eventDate(join, ref, "joinDate") }
            for (key, months) in member.duesMonthsPaid.sorted(by: { $0.key < $1.key }) where !(0...12).contains(months) {
                issues.append(.init(ref, "duesMonthsPaid.\(key)", .outOfRange(Double(months), min: 0, max: 12)))
            }
            for (key, hours) in member.trainingHours.sorted(by: { $0.key < $1.key }) {
                nonNegative(hours, ref, "trainingHours.\(key)")
            }
        }

        var activityIds = Set<String>()
        for (i, activity) in workspace.activities.enumerated() {
            let ref = RecordRef.activity(i)
            if activity.id.isEmpty { issues.append(.init(ref, "id", .emptyRequired)) }
            else if !activityIds.insert(activity.id).inserted { issues.append(.init(ref, "id", .duplicateId(activity.id))) }
            if groupsByBranch[activity.branchId] == nil { issues.append(.init(ref, "branchId", .unknownBranch(activity.branchId))) }
            checkGroup(activity.partyGroupId, in: activity.branchId, ref)
            eventDate(activity.date, ref, "date")
            if let hours = activity.hours { nonNegative(hours, ref, "hours") }
            if let attended = activity.attended { nonNegative(Double(attended), ref, "attended") }
            if let expected = activity.expected { nonNegative(Double(expected), ref, "expected") }
            if let attended = activity.attended, let expected = activity.expected, attended > expected, expected >= 0 {
                issues.append(.init(ref, "attended", .attendedExceedsExpected(attended: attended, expected: expected)))
            }
        }

        var sectionIds = Set<String>()
        for (i, section) in workspace.plan.sections.enumerated() where !sectionIds.insert(section.id).inserted {
            issues.append(.init(.planSection(i), "id", .duplicateId(section.id)))
        }
        var taskIds = Set<String>()
        for (i, task) in workspace.plan.tasks.enumerated() {
            let ref = RecordRef.planTask(i)
            if !taskIds.insert(task.id).inserted { issues.append(.init(ref, "id", .duplicateId(task.id))) }
            if !sectionIds.contains(task.sectionId) { issues.append(.init(ref, "sectionId", .unknownSection(task.sectionId))) }
            if !(0...100).contains(task.progress) {
                issues.append(.init(ref, "progress", .outOfRange(Double(task.progress), min: 0, max: 100)))
            }
        }
        return issues
    }
}
