import Testing
import TestSupport
@testable import PartyModel

/// 经费 (issue 17): the standards and the alert, worked by hand.
@Suite struct FundsTests {
    static func d(_ s: String) -> Day { Day(iso: s)! }

    /// g: 机关, 7 full members entered (no roster) → 800 × 7 = 5,600.00 元 a year, counting 活动经费 only.
    /// v: 农村 → 40,000.00 元 a village a year, counting every category. s: 学校 → no standard.
    /// 2026: g gets 2,800 活动经费 (10 March) and 1,000 工作经费 (1 April, not counted), spends 1,200.50;
    /// v gets 25,000 工作经费 (1 February) and 15,000 党费返还 (15 August); s gets 500.
    /// 2025's 9,999 to g counts for 2025 only.
    static func workspace() -> Workspace {
        func branch(_ id: String, _ sector: Sector, _ full: Int) -> Branch {
            Branch(id: id, name: "支部\(id)", parentId: "c", sector: sector, fullMembers: full, secretary: "书记")
        }
        var ws = Workspace(settings: WorkspaceSettings(name: "经费", currentYear: 2026),
                           organisation: Organisation(committee: Committee(id: "c", name: "党委"),
                                                      branches: [branch("g", .government, 7), branch("v", .rural, 12), branch("s", .school, 20)]),
                           plan: WorkPlan(title: "", year: 2026))
        ws.funds = [
            FundsEntry(id: "f1", date: d("2026-03-10"), organisationId: "g", amount: 2800, direction: .allocated, category: .activity),
            FundsEntry(id: "f2", date: d("2026-04-01"), organisationId: "g", amount: 1000, direction: .allocated, category: .work),
            FundsEntry(id: "f3", date: d("2026-05-20"), organisationId: "g", amount: 1200.50, direction: .spent, category: .activity),
            FundsEntry(id: "f4", date: d("2026-02-01"), organisationId: "v", amount: 25_000, direction: .allocated, category: .work),
            FundsEntry(id: "f5", date: d("2026-08-15"), organisationId: "v", amount: 15_000, direction: .allocated, category: .duesReturn),
            FundsEntry(id: "f6", date: d("2026-03-01"), organisationId: "s", amount: 500, direction: .allocated, category: .activity),
            FundsEntry(id: "f7", date: d("2025-12-30"), organisationId: "g", amount: 9_999, direction: .allocated, category: .activity),
        ]
        return ws
    }

    static func figures(_ ws: Workspace, _ id: String, _ day: String, year: Int = 2026) -> FundsFigures {
        let ledger = FundsLedger(ws), members = MemberLedger(ws)
        let b = ws.organisation.branches.first { $0.id == id }!
        return ledger.figures(id, branch: b, year: year, asOf: d(day)) { members.counts($0, on: $1).total }
    }

    @Test func eachStandardOnItsBranches() {
        let ws = Self.workspace()
        let g = Self.figures(ws, "g", "2026-06-30")
        #expect(g.standards.count == 1 && g.standards[0].standard.id == "activity-per-member")
        #expect(g.standards[0].members == 7 && g.standards[0].required == Money(fen: 560_000))
        #expect(g.standards[0].allocated == Money(fen: 280_000) && !g.standards[0].met)      // the 工作经费 is not counted
        #expect(g.allocated == Money(fen: 380_000) && g.spent == Money(fen: 120_050) && g.balance == Money(fen: 259_950))
        let v = Self.figures(ws, "v", "2026-06-30")
        #expect(v.standards.map(\.standard.id) == ["village-per-year"] && v.required == Money(fen: 4_000_000))
        #expect(v.standards[0].allocated == Money(fen: 2_500_000) && !v.standards[0].met)
        // 15 August: 25,000 + 15,000 = 40,000, exactly the standard: met.
        #expect(Self.figures(ws, "v", "2026-08-14").belowStandard.count == 1)
        #expect(Self.figures(ws, "v", "2026-08-15").belowStandard.isEmpty)
        let s = Self.figures(ws, "s", "2026-06-30")
        #expect(s.standards.isEmpty && s.required == nil && s.allocated == Money(fen: 50_000))
        // 2025: only last year's entry; a past year is judged on its last day.
        let last = Self.figures(ws, "g", "2026-06-30", year: 2025)
        #expect(last.allocated == Money(fen: 999_900) && last.standards[0].met)
    }

    /// The members counted follow the roster on the day judged: a branch keeping one with 3 members → 2,400.
    @Test func perMemberFollowsTheRoster() {
        var ws = Self.workspace()
        ws.organisation.branches[0].countsFromRoster = true
        ws.members = (1...3).map { Member(id: "m\($0)", name: "党员\($0)", branchId: "g", joinDate: Self.d("2000-01-01")) }
        let g = Self.figures(ws, "g", "2026-06-30")
        #expect(g.standards[0].members == 3 && g.standards[0].required == Money(fen: 240_000) && g.standards[0].met)
    }

    @Test func belowAStandardIsAnAlertFromTheFirstOfJuly() {
        let ws = Self.workspace()
        func funds(_ day: String) -> [Alert] { AlertRules.alerts(ws, asOf: Self.d(day)).filter { $0.code == "funds.below-standard" } }
        #expect(funds("2026-06-30").isEmpty)
        let july = funds("2026-07-01")
        #expect(july.map(\.branchId) == ["g", "v"])
        #expect(july[0].kind == .fundsBelowStandard(year: 2026, standard: "党组织活动经费", allocatedFen: 280_000, requiredFen: 560_000))
        #expect(july[0].severity == .warning)
        #expect(july[0].message(.zh) == "2026年党组织活动经费已拨付 2800.00 元, 低于标准 5600.00 元")
        #expect(july[1].message(.zh) == "2026年村级党建经费已拨付 25000.00 元, 低于标准 40000.00 元")
        // v reaches its standard on 15 August.
        #expect(funds("2026-08-15").map(\.branchId) == ["g"])
        // From another month when the rules say so.
        var later = ws
        later.settings.rules.funds.alertFromMonth = 10
        #expect(AlertRules.alerts(later, asOf: Self.d("2026-09-30")).allSatisfy { $0.code != "funds.below-standard" })
        #expect(AlertRules.alerts(later, asOf: Self.d("2026-10-01")).contains { $0.code == "funds.below-standard" })
    }

    @Test func validationNamesTheRecordAndTheField() {
        var ws = Self.workspace()
        ws.funds += [
            FundsEntry(id: "f1", date: Self.d("2026-01-02"), organisationId: "nowhere", amount: 0, direction: .spent, category: .other),
            FundsEntry(id: "f9", date: Self.d("2026-01-02"), organisationId: "c", amount: 10.005, direction: .spent, category: .other),
        ]
        ws.settings.rules.funds.standards.append(FundsStandard(id: "activity-per-member", title: "重复"))
        ws.settings.rules.funds.alertFromMonth = 13
        let issues = Validator.validate(ws)
        #expect(issues.contains(.init(.funds(7), "id", .duplicateId("f1"))))
        #expect(issues.contains(.init(.funds(7), "organisationId", .unknownOrganisation("nowhere"))))
        #expect(issues.contains(.init(.funds(7), "amount", .notPositive(0))))
        #expect(issues.contains(.init(.funds(8), "amount", .notWholeFen(10.005))))
        #expect(issues.contains(.init(.settings, "rules.funds.standards[2].id", .duplicateId("activity-per-member"))))
        #expect(issues.contains(.init(.settings, "rules.funds.standards[2]", .fundsStandardEmpty)))
        #expect(issues.contains(.init(.settings, "rules.funds.alertFromMonth", .outOfRange(13, min: 1, max: 12))))
        // The 党委 and a 党总支 are organisations funds go to; the clean workspace has no problem.
        #expect(Validator.validate(Self.workspace()).isEmpty)
    }
}
