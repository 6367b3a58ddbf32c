import Testing
import TestSupport
@testable import PartyModel

/// The demo's attendance lists, talks, 民主评议 results and 先锋 points (issue 18).
@Suite struct DemoConductTests {
    let demo = DemoWorkspace.make(asOf: testAsOf)

    @Test func listsTalksReviewsAndPointsAreThereAndValid() {
        #expect(Validator.validate(demo).isEmpty)
        let listed = demo.activities.filter { $0.attendance != nil }
        // A share of the 组织生活: the six list-keeping branches', whose typed counts are the list's.
        #expect(Set(listed.map(\.branchId)) == DemoWorkspace.listBranches)
        #expect(listed.allSatisfy { $0.kind.isOrganisationalLife && $0.attended == $0.headcount.attended && $0.expected == $0.headcount.expected })
        #expect(listed.count > 300 && listed.count < demo.activities.filter(\.kind.isOrganisationalLife).count)
        // Absences with every reason.
        let reasons = Set(listed.flatMap { $0.attendance! }.filter { !$0.present }.compactMap(\.absenceReason))
        #expect(reasons == Set(AbsenceReason.allCases))
        // Talks: every member of every branch last year; this year all but four.
        let ledger = MemberLedger(demo)
        for branch in demo.organisation.branches {
            let roster = ledger.members(of: branch.id, on: testAsOf)
            let none = roster.filter { ledger.talks($0, year: 2026, asOf: testAsOf).isEmpty }
            #expect(none.count == (DemoWorkspace.withoutTalks[branch.id] ?? 0), "\(branch.id)")
        }
        // Last year's review: a grade for everyone on a roster that day, two 不合格 (one dealt with).
        #expect(demo.reviewResults.allSatisfy { $0.year == 2025 })
        #expect(demo.reviewResults.filter { $0.grade == .unqualified }.map(\.memberId) == ["b-t-research-m5", "b-logistics-m9"])
        #expect(Set(demo.reviewResults.map(\.grade)) == Set(ReviewGrade.allCases))
        #expect(demo.pioneerPoints.contains { $0.itemId == "volunteer" } && demo.pioneerPoints.contains { $0.itemId == "honours" })
    }

    /// The new alerts on 2026-11-21: 汤振兰 (b-s-info-m30) absent without reason since May; three of
    /// 经济管理系教工党支部 and one of 校办企业党支部 without a talk; 尹文's 不合格 awaiting its 处置 (the
    /// 后勤保障 one has its outcome recorded: no alert).
    @Test func theNewAlertsOfTheDemo() {
        let ledger = MemberLedger(demo)
        #expect(ledger.unexcusedAbsenceRun(ledger.member(DemoWorkspace.absentMember)!, asOf: testAsOf) == 7)
        let alerts = AlertRules.alerts(demo, asOf: testAsOf).filter { ["attendance.", "talks.", "review."].contains(where: $0.code.hasPrefix) }
        #expect(alerts.map { "\($0.branchId) \($0.code) \($0.severity)" } == [
            "b-s-info attendance.unexcused-6m critical", "b-t-econ talks.missing warning", "b-t-research review.unqualified warning",
            "b-enterprise talks.missing warning",
        ])
        #expect(alerts[0].kind == .unexcusedAbsence(months: 6, members: 1, names: [ledger.member(DemoWorkspace.absentMember)!.name]))
        #expect(alerts[2].kind == .unqualifiedFollowUp(members: 1, names: [ledger.member("b-t-research-m5")!.name]))
    }

    /// The 先锋指数 of 党政办公室党支部 this year: every member judged, ranked 1 … n with ties sharing.
    @Test func aBranchRanking() {
        let ranking = MemberLedger(demo).ranking(branchId: "b-office", year: 2026, asOf: testAsOf)
        #expect(ranking.count == 10)
        #expect(ranking.first?.rank == 1 && ranking.allSatisfy { $0.index.judged && (0...100).contains($0.index.total) })
        #expect(zip(ranking, ranking.dropFirst()).allSatisfy { $0.index.total >= $1.index.total - 1e-9 })
        // This year's review is not held yet: not judged, so nobody loses its 15 points.
        #expect(ranking.allSatisfy { $0.index.items.first { $0.item.source == .review }?.points == nil })
    }
}
