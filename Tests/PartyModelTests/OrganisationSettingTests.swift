import Testing
import TestSupport
@testable import PartyModel

/// Issue 15: every organisation-setting number in the rules is used, at its boundary. By hand.
@Suite struct OrganisationSettingTests {
    static func d(_ s: String) -> Day { Day(iso: s)! }
    static let asOf = d("2026-11-21")

    static func branch(_ id: String, parent: String = "c", full: Int = 5, sector: Sector = .other, groups: [Int] = [],
                       secretary: String? = "书记", termStart: Day? = d("2025-01-01"), termEnd: Day? = d("2028-01-01"),
                       vacantSince: Day? = nil) -> Branch {
        Branch(id: id, name: "支部\(id)", parentId: parent, sector: sector, fullMembers: full, hasCommittee: full >= 7, secretary: secretary,
               termStart: termStart, termEnd: termEnd,
               partyGroups: groups.enumerated().map { PartyGroup(id: "\(id)-g\($0.offset)", name: "\(id)组\($0.offset)", size: $0.element) },
               secretaryVacantSince: vacantSince)
    }

    static func workspace(_ branches: [Branch], generals: [GeneralBranch] = [], committee: Committee = Committee(id: "c", name: "党委")) -> Workspace {
        Workspace(settings: WorkspaceSettings(name: "t", currentYear: 2026),
                  organisation: Organisation(committee: committee, generalBranches: generals, branches: branches),
                  activities: [], plan: WorkPlan(title: "", year: 2026))
    }

    static func codes(_ ws: Workspace, _ id: String) -> [String] {
        AlertRules.alerts(ws, asOf: asOf).filter { $0.branchId == id }.map(\.code)
    }

    @Test func fiftyMembersIsAlreadyAGeneralBranch() {
        // "达到50人以上": 50 is flagged, 49 is not (maxBranchMembers 50).
        let ws = Self.workspace([Self.branch("b50", full: 50, groups: [10, 10, 10, 10, 10]), Self.branch("b49", full: 49, groups: [10, 10, 10, 10, 9])])
        #expect(Self.codes(ws, "b50").contains("org.over-branch-size"))
        #expect(!Self.codes(ws, "b49").contains("org.over-branch-size"))
    }

    @Test func aGeneralBranchOfAHundredShouldBeACommittee() {
        // 党总支 g100: branches of 60 + 40 = 100 → flagged (≥ committeeOrganisationThreshold 100), critical.
        // 党总支 g99: 60 + 39 = 99 → not.
        let generals = [GeneralBranch(id: "g100", name: "甲总支", parentId: "c", termStart: Self.d("2025-01-01"), termEnd: Self.d("2028-01-01")),
                        GeneralBranch(id: "g99", name: "乙总支", parentId: "c", termStart: Self.d("2025-01-01"), termEnd: Self.d("2028-01-01"))]
        let groups = [10, 10, 10, 10, 10, 10]
        let ws = Self.workspace([Self.branch("a", parent: "g100", full: 60, groups: groups), Self.branch("b", parent: "g100", full: 40, groups: [10, 10, 10, 10]),
                                 Self.branch("x", parent: "g99", full: 60, groups: groups), Self.branch("y", parent: "g99", full: 39, groups: [10, 10, 10, 9])], generals: generals)
        let g100 = AlertRules.alerts(ws, asOf: Self.asOf).filter { $0.branchId == "g100" }
        #expect(g100.map(\.kind) == [.shouldBeCommittee(members: 100, threshold: 100)])
        #expect(g100.first?.severity == .critical && g100.first?.branchName == "甲总支")
        #expect(Self.codes(ws, "g99").isEmpty)
    }

    @Test func aPartyGroupOfElevenIsTooLarge() {
        // maxPartyGroupSize 10: a group of 10 passes, one of 11 is flagged (warning).
        let ws = Self.workspace([Self.branch("b", full: 21, groups: [10, 11])])
        let alerts = AlertRules.alerts(ws, asOf: Self.asOf).filter { $0.code == "org.party-group-too-large" }
        #expect(alerts.map(\.kind) == [.partyGroupTooLarge(group: "b组1", size: 11, maximum: 10)])
        #expect(alerts.first?.severity == .warning)
    }

    @Test func aSixYearBranchTermIsAProblem() {
        // branchTermYears 3: 2020-01-01 → 2026-01-01 is 6 years → a problem on termEnd. Exactly 3 years
        // (2023-01-01 → 2026-01-01) is fine. A village branch may serve longTermYears 5 (2021-01-01 → 2026-01-01),
        // not 6. The 党委 may serve 5, not 6; a 党总支 3, not 4.
        let six = Self.branch("six", termStart: Self.d("2020-01-01"), termEnd: Self.d("2026-01-01"))
        let three = Self.branch("three", termStart: Self.d("2023-01-01"), termEnd: Self.d("2026-01-01"))
        let village5 = Self.branch("v5", sector: .rural, termStart: Self.d("2021-01-01"), termEnd: Self.d("2026-01-01"))
        let village6 = Self.branch("v6", sector: .rural, termStart: Self.d("2020-01-01"), termEnd: Self.d("2026-01-01"))
        let general = GeneralBranch(id: "g", name: "总支", parentId: "c", termStart: Self.d("2022-01-01"), termEnd: Self.d("2026-01-01"))
        let committee = Committee(id: "c", name: "党委", termStart: Self.d("2020-01-01"), termEnd: Self.d("2026-01-01"))
        let issues = Validator.validate(Self.workspace([six, three, village5, village6], generals: [general], committee: committee))
        #expect(issues.contains(.init(.branch(0), "termEnd", .termTooLong(start: Self.d("2020-01-01"), end: Self.d("2026-01-01"), years: 3))))
        #expect(!issues.contains { $0.record == .branch(1) || $0.record == .branch(2) })
        #expect(issues.contains(.init(.branch(3), "termEnd", .termTooLong(start: Self.d("2020-01-01"), end: Self.d("2026-01-01"), years: 5))))
        #expect(issues.contains(.init(.generalBranch(0), "termEnd", .termTooLong(start: Self.d("2022-01-01"), end: Self.d("2026-01-01"), years: 3))))
        #expect(issues.contains(.init(.committee, "termEnd", .termTooLong(start: Self.d("2020-01-01"), end: Self.d("2026-01-01"), years: 5))))
        #expect(ProblemKind.termTooLong(start: Self.d("2020-01-01"), end: Self.d("2026-01-01"), years: 3).message(.zh) == "任期 2020-01-01 至 2026-01-01 超过 3 年")
    }

    @Test func generalBranchAndCommitteeTermsAreRemindedLikeBranches() {
        // As of 2026-11-21: the 党委's term ended 2026-11-01 → overdue (critical); the 党总支's ends
        // 2027-01-15, within 3 months → warning; another 党总支 has no term end → unknown (notice).
        let committee = Committee(id: "c", name: "党委", termStart: Self.d("2021-11-02"), termEnd: Self.d("2026-11-01"))
        let generals = [GeneralBranch(id: "g1", name: "一总支", parentId: "c", termStart: Self.d("2024-01-16"), termEnd: Self.d("2027-01-15")),
                        GeneralBranch(id: "g2", name: "二总支", parentId: "c")]
        let alerts = AlertRules.alerts(Self.workspace([Self.branch("b")], generals: generals, committee: committee), asOf: Self.asOf)
        #expect(alerts.contains(Alert(kind: .termOverdue(end: Self.d("2026-11-01")), severity: .critical, branchId: "c", branchName: "党委")))
        #expect(alerts.contains(Alert(kind: .termEndsSoon(end: Self.d("2027-01-15"), months: 3), severity: .warning, branchId: "g1", branchName: "一总支")))
        #expect(alerts.contains(Alert(kind: .termUnknown, severity: .notice, branchId: "g2", branchName: "二总支")))
    }

    @Test func aVacancyOfTwoMonthsWarnsOfFourIsCritical() {
        // secretaryVacantMonths N = 3. As of 2026-11-21: vacant since 2026-09-21 → 2 months (N − 1): warning;
        // since 2026-07-21 → 4 months (N + 1): critical; since 2026-08-21 → exactly 3, not longer: warning.
        // Without a recorded day the term start counts (2025-01-01 → 22 months: critical); with neither, critical.
        let ws = Self.workspace([
            Self.branch("n1", secretary: nil, vacantSince: Self.d("2026-09-21")),
            Self.branch("n3", secretary: nil, vacantSince: Self.d("2026-08-21")),
            Self.branch("n4", secretary: nil, vacantSince: Self.d("2026-07-21")),
            Self.branch("term", secretary: nil),
            Self.branch("none", secretary: nil, termStart: nil),
        ])
        let alerts = AlertRules.alerts(ws, asOf: Self.asOf).filter { $0.code == "leadership.secretary-vacant" }
        func of(_ id: String) -> Alert? { alerts.first { $0.branchId == id } }
        #expect(of("n1")?.kind == .secretaryVacant(since: Self.d("2026-09-21"), months: 2, limit: 3) && of("n1")?.severity == .warning)
        #expect(of("n3")?.severity == .warning)
        #expect(of("n4")?.kind == .secretaryVacant(since: Self.d("2026-07-21"), months: 4, limit: 3) && of("n4")?.severity == .critical)
        #expect(of("term")?.kind == .secretaryVacant(since: Self.d("2025-01-01"), months: 22, limit: 3) && of("term")?.severity == .critical)
        #expect(of("none")?.kind == .secretaryVacant(since: nil, months: nil, limit: 3) && of("none")?.severity == .critical)
        #expect(of("n4")?.message(.zh) == "书记空缺 4 个月 (自 2026-07-21), 超过 3 个月")
    }
}
