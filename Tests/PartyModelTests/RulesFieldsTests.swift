import Foundation
import Testing
import TestSupport
@testable import PartyModel

/// Issue 15: no setting in workspace.json without a rule that reads it. Every stored field of
/// `Rules` is changed in turn and some output (alerts, validation, compliance, scores) must move —
/// or the field is listed in `Rules.notYetInForce`, with the reason, which `validate` prints.
@Suite struct RulesFieldsTests {
    static func d(_ s: String) -> Day { Day(iso: s)! }

    /// A: 5 full members, no committee, one group of 3, secretary gave no lesson, 3-year term ending
    /// 2027-01-01, one training, a member 4 months behind on dues. B: secretary vacant since 2026-09-01.
    /// The 党委's term is 5 years. No quarterly checks.
    static func workspace(_ rules: Rules) -> Workspace {
        let a = Branch(id: "a", name: "甲", parentId: "c", sector: .government, fullMembers: 5, secretary: "书记",
                       termStart: d("2024-01-01"), termEnd: d("2027-01-01"), partyGroups: [PartyGroup(id: "a-g", name: "组", size: 3)])
        let b = Branch(id: "b", name: "乙", parentId: "c", sector: .government, fullMembers: 4, secretary: nil,
                       termStart: d("2024-01-01"), termEnd: d("2027-01-01"), secretaryVacantSince: d("2026-09-01"))
        return Workspace(settings: WorkspaceSettings(name: "t", currentYear: 2026, rules: rules),
                         organisation: Organisation(committee: Committee(id: "c", name: "党委", termStart: d("2022-01-01"), termEnd: d("2027-01-01")),
                                                    branches: [a, b]),
                         // The secretary (56 h required) paid January 2025 to June 2026 (in work, 6000 元: 90.00 a month).
                         members: [Member(id: "m", name: "党员", branchId: "a", role: .secretary, dues: .inWork(base: 6000))],
                         activities: [Activity(id: "x1", branchId: "a", kind: .generalMeeting, date: d("2026-10-08"), title: "大会"),
                                      Activity(id: "x2", branchId: "a", kind: .training, date: d("2026-03-08"), title: "培训", hours: 8, attended: 5)],
                         plan: WorkPlan(title: "", year: 2026),
                         duesPayments: [DuesPayment(id: "p", memberId: "m", branchId: "a",
                                                    months: (0..<18).map { YearMonth(year: 2025, month: 1)!.adding(months: $0) },
                                                    amount: 1620, paidOn: d("2026-06-10"))])
    }

    /// Everything the rules can move, as text.
    static func output(_ rules: Rules) -> String {
        let ws = workspace(rules)
        let c = ComplianceCalculator(ws)
        var out: [String] = []
        for day in ["2026-10-10", "2026-11-21"] { out.append("\(AlertRules.alerts(ws, asOf: d(day)))") }
        out.append("\(Validator.validate(ws))")
        // Dictionaries are listed sorted: two equal ones may print in different orders.
        func sorted<V>(_ dict: [String: V]) -> String { dict.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",") }
        for b in ws.organisation.branches {
            let q = c.quarter(b, Quarter(year: 2026, number: 4)!, asOf: d("2026-11-21"))
            out.append(sorted(Dictionary(uniqueKeysWithValues: q.kinds.map { ($0.key.rawValue, $0.value) })))
            out.append("\(q.threeMeetingsOneLesson) \(q.themedPartyDay)")
            if let p = q.progress { out.append("\(sorted(p.requiredToDate)) \(sorted(p.metToDate)) \(p.behind) \(p.dueSoon)") }
            out.append("\(c.year(b, 2026))")
        }
        out.append("\(ScoringEngine(ws).year(2026, asOf: d("2026-11-21")).branches.map(\.total))")
        // 党费 collection (the dues scales).
        out.append("\(MemberLedger(ws).collection("a", YearMonth(year: 2026, month: 3)!, asOf: d("2026-11-21")))")
        // The member's 先锋指数 (issue 18).
        out.append("\(MemberLedger(ws).pioneerIndex(ws.members[0], year: 2026))")
        return out.joined(separator: "\n")
    }

    static let changes: [String: @Sendable (inout Rules) -> Void] = [
        "requirements": { $0.requirements[.generalMeeting] = Requirement(.month, 1) },
        "secretaryLessonsPerYear": { $0.secretaryLessonsPerYear = 0 },
        "trainingHoursPerMember": { $0.trainingHoursPerMember = 4 },
        "minFullMembers": { $0.minFullMembers = 5 },
        "committeeThreshold": { $0.committeeThreshold = 5 },
        "maxBranchMembers": { $0.maxBranchMembers = 5 },
        "committeeOrganisationThreshold": { $0.committeeOrganisationThreshold = 5 },
        "partyGroupThreshold": { $0.partyGroupThreshold = 4 },
        "maxPartyGroupSize": { $0.maxPartyGroupSize = 2 },
        "branchTermYears": { $0.branchTermYears = 2 },
        "longTermYears": { $0.longTermYears = 4 },
        "termReminderMonths": { $0.termReminderMonths = [1] },
        "duesArrearsWarningMonths": { $0.duesArrearsWarningMonths = 5 },
        "duesArrearsCriticalMonths": { $0.duesArrearsCriticalMonths = 4 },
        "dues": { $0.dues.inWork[2].percent = 2 },
        "trainingHoursForLeaders": { $0.trainingHoursForLeaders = 4 },
        "secretaryVacantMonths": { $0.secretaryVacantMonths = 1 },
        "checkGraceDays": { $0.checkGraceDays = 5 },
        // Issue 18: the member has had no talk (an alert in Q4; none required at 0); a run of 0 months of
        // absence is everyone's (an alert, and a problem: at least 1); the scheme without its honours item.
        "talksPerYear": { $0.talksPerYear = 0 },
        "unexcusedAbsenceMonths": { $0.unexcusedAbsenceMonths = 0 },
        "pioneer": { $0.pioneer.items.removeLast() },
        // 发展党员 (issue 19): a rule out of range is a validation problem; each of its own fields is
        // shown to move a check, a due day, an alert or the targets in DevelopmentTests.everyDevelopmentRuleFieldIsRead.
        "development": { $0.development.talkWithinMonths = -1 },
        // 经费 (issue 17): both branches are 机关 with nothing allocated: from 1 July each is below the
        // per-member standard, whose amount the alert names (800 × 1 member on the roster of 甲).
        "funds": { $0.funds.standards[0].perMember = 1000 },
    ]

    @Test func everyFieldIsListed() {
        let fields = Set(Mirror(reflecting: Rules()).children.compactMap(\.label))
        let accounted = Set(Self.changes.keys).union(Rules.notYetInForce.keys)
        #expect(fields == accounted)
        #expect(Set(Self.changes.keys).isDisjoint(with: Rules.notYetInForce.keys))
        // The coded keys are the fields: nothing in workspace.json that is not one.
        #expect(Set(Rules.CodingKeys.allCases.map(\.rawValue)) == fields)
    }

    @Test(arguments: RulesFieldsTests.changes.keys.sorted())
    func changingTheFieldChangesAnOutput(field: String) {
        let before = Self.output(Rules())
        var rules = Rules()
        Self.changes[field]!(&rules)
        #expect(rules != Rules())
        #expect(Self.output(rules) != before, "\(field) changed nothing")
    }

    @Test func everySettingIsInForce() {
        // The last one, activityFundsPerMember, became the funds ledger's per-member standard (issue 17).
        #expect(Rules.notYetInForce.isEmpty)
    }

    /// A workspace.json written before the funds ledger kept `activityFundsPerMember` (read by no
    /// rule): a value changed by hand becomes the per-member standard; 800 leaves the defaults.
    @Test func theOldActivityFundsSettingBecomesTheStandard() throws {
        func rules(_ json: String) throws -> Rules { try JSONDecoder().decode(Rules.self, from: Data(json.utf8)) }
        #expect(try rules(#"{"activityFundsPerMember": 800}"#).funds == FundsRules())
        #expect(try rules(#"{"activityFundsPerMember": 650}"#).funds.standards[0].perMember == 650)
        // `funds` given wins over the old key.
        #expect(try rules(#"{"activityFundsPerMember": 650, "funds": {"alertFromMonth": 9}}"#).funds.standards[0].perMember == 800)
        // Written back, only `funds`.
        let written = String(decoding: try JSONEncoder().encode(try rules(#"{"activityFundsPerMember": 650}"#)), as: UTF8.self)
        #expect(!written.contains("activityFundsPerMember") && written.contains("\"perMember\":650"))
    }
}
