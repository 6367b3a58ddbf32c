/// What is wrong with a value, as found while decoding a field. Carried inside a
/// `DecodingError` so the store can report it with file, line and path.
public enum ValueProblem: Error, Equatable, Sendable {
    case invalidDate(String)
    /// A month that is not `YYYY-MM` (a dues payment's months).
    case invalidMonth(String)
    case unknownCode(String, allowed: [String])
}

/// Every problem PartyDesk can report about a workspace, as data. The words live in `ProblemText`.
public enum ProblemKind: Equatable, Sendable {
    // Reading a file
    case fileMissing
    case unreadable(String)
    case syntax(SyntaxIssue)
    case invalidDate(String)
    case invalidMonth(String)
    case unknownCode(String, allowed: [String])
    case missingField(String)
    case wrongType(expected: String)
    case numberOutOfRange
    case schemaTooNew(found: Int, supported: Int)
    case schemaInvalid(Int)
    case wrongShard(fileYear: Int, dateYear: Int)
    /// A record of another branch in a branch's year file; `file` is where it belongs.
    case wrongBranchFile(branch: String, file: String)
    case other(String)
    // Checking the contents
    case duplicateId(String)
    case unknownBranch(String)
    case unknownParent(String)
    case unknownGroup(group: String, branch: String)
    case unknownSection(String)
    case negative(Double)
    case attendedExceedsExpected(attended: Int, expected: Int)
    case implausibleDate(Day, earliest: Int, latest: Int)
    case termEndsBeforeStart(start: Day, end: Day)
    /// A term longer than the rules allow for that organisation (`branchTermYears`, `longTermYears`).
    case termTooLong(start: Day, end: Day, years: Int)
    case outOfRange(Double, min: Double, max: Double)
    case emptyRequired
    /// A control character or bidi override (its code point) in a text field where it can never belong.
    case controlCharacter(UInt32)
    // Checks, rectifications and the scoring scheme
    case schemeTotal(Double)
    case unknownCategory(String)
    case unknownCheckItem(String)
    case unknownCheck(String)
    case checkMaxMismatch(item: String, scheme: Double, template: Double)
    case notHalfStep(Double)
    case duplicateCheck(branch: String, quarter: Quarter)
    case dueBeforeOpened(opened: Day, due: Day)
    case illegalTransition(from: RectificationStatus, to: RectificationStatus)
    case historyMismatch(status: RectificationStatus, last: RectificationStatus?)
    case historyOutOfOrder(Day)
    case noteMissing
    case notManualItem(String)
    case periodMismatch(item: String)
    // The member ledger
    /// A dues payment or training entry of a member the workspace does not have.
    case unknownMember(String)
    /// A month listed twice in one payment.
    case duplicateMonth(YearMonth)
    /// An amount in 元 that is not a whole number of 分.
    case notWholeFen(Double)
    /// A transfer's `from` is not where the move before it went (`index`: the transfer's position).
    case transferChainBroken(index: Int)
    /// A transfer whose two ends are the same.
    case transferToItself
    /// The last transfer does not end in the branch the member is filed with.
    case transferEndsElsewhere(expected: String)
    /// A dues scale whose brackets are not in rising order or whose last one is not open-ended.
    case duesScale
    /// A 预备期 end that is not after the acceptance day.
    case probationBeforeAcceptance
    /// A member an attendance list (or a review result) names who was not on that branch's roster that day.
    case notOnRoster(member: String, branch: String, day: Day)
    /// A member listed twice in one attendance list.
    case listedTwice(String)
    /// A present member with an absence reason.
    case reasonForPresent
    /// Participants on an activity that is not a 谈心谈话.
    case participantsNotTalk
    /// A 谈心谈话 with participants, but fewer than two.
    case talkNeedsTwo
    /// A second 民主评议 result for the same member and year.
    case reviewTwice(member: String, year: Int)
    /// A review result's activity that is not a 民主评议党员 activity of its branch and year.
    case notReviewActivity(String)
    /// 先锋 points naming an item that is not a manual item of `rules.pioneer`.
    case notManualPioneerItem(String)
    // 发展党员 (issue 19)
    /// A recorded step breaks a rule of the 发展党员工作细则 and carries no exception.
    case developmentRule(DevelopmentRuleViolation)
    /// The recorded stage is behind what the steps show.
    case stageBehindSteps(recorded: DevelopmentStage, steps: DevelopmentStage)
    /// Not a problem: a step kept with an exception and its reason (`validate` lists these as notices).
    case developmentException(DevelopmentException)
    // 经费 (issue 17)
    /// Funds booked to an id that is not the 党委, a 党总支 or a branch of the workspace.
    case unknownOrganisation(String)
    /// A funds standard with neither a per-member nor a per-branch amount.
    case fundsStandardEmpty
    /// An amount that must be above zero.
    case notPositive(Double)
    // 一支部一清单 (issue 17)
    /// A task assigned to (or keeping the state of) a branch, sector or 党总支 the workspace does not have.
    case unknownAssignee(task: String, scope: TaskScope, id: String)
    /// A branch's occurrence record whose period is not one of the task's recurrence (2026-10, 2026-Q4, 2026-H2, 2026).
    case unknownOccurrence(task: String, period: String)
    /// A phase (or a recurrence's span) that ends before it starts.
    case phaseEndsBeforeStart(start: Day, end: Day)
    // 目标 (issue 17)
    /// A target's plan item that is neither a section nor a task of plan.json.
    case unknownPlanItem(String)
    /// A pipeline target's stage that is not a stage code, `reserve` or `developed`.
    case unknownStage(String)
    /// Two figures entered for the same quarter.
    case duplicateQuarter(String)
}

/// Low-level JSON syntax problems, with their byte offset turned into line and column by the store.
public enum SyntaxIssue: Equatable, Sendable {
    case unexpectedCharacter(String)
    case unexpectedEnd
    case invalidUTF8
    case invalidEscape
    case invalidNumber
    case numberOutOfRange
    case tooDeep(limit: Int)
    case trailingContent
    case emptyFile
    /// An object gives the same key twice (which value is meant cannot be known).
    case duplicateKey(String)
}

/// Where a record lives inside the model, so the store can turn it into a file and JSON path.
public enum RecordRef: Hashable, Sendable {
    case settings
    case committee
    case generalBranch(Int)
    case branch(Int)
    case member(Int)
    case activity(Int)
    case planSection(Int)
    case planTask(Int)
    case checkTemplate
    case scoring
    case check(Int)
    case rectification(Int)
    case manualScore(Int)
    case bonus(Int)
    case duesPayment(Int)
    case trainingEntry(Int)
    case reviewResult(Int)
    case pioneerPoints(Int)
    case candidate(Int)
    case developmentTargets
    /// A target of `targets.json` (its place in the list).
    case target(Int)
    case funds(Int)
}

/// A problem found by validating the model (no file positions yet).
public struct ValidationIssue: Equatable, Sendable {
    public var record: RecordRef
    /// JSON path below the record, e.g. `date` or `partyGroups[1].size`; empty for the whole record.
    public var field: String
    public var kind: ProblemKind

    public init(_ record: RecordRef, _ field: String, _ kind: ProblemKind) {
        self.record = record
        self.field = field
        self.kind = kind
    }
}
