import Foundation
import Testing
import TestSupport
@testable import PartyModel
@testable import PartyStore

/// The dashboard reads the current year only (and what the alerts look back on); its status bar
/// counts the problems of what it read. In December 2026 it said "388 problems" of a clean demo: last
/// year's review results name last year's 民主评议 activities, and rectifications name last year's
/// checks, neither of which was read. Those references are judged by `validate`, which reads every year.
@Suite struct PartialLoadValidationTests {
    @Test func aCleanWorkspaceReadForOneYearHasNoProblems() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let asOf = Day(iso: "2026-12-01")!
        let store = WorkspaceStore(directory: tmp.sub("demo"))
        try store.create(DemoWorkspace.make(asOf: asOf))
        let years = DashboardYears.forDemo(asOf)
        #expect(years == [2026])
        let partial = try store.load(years: years)
        // What the filter leaves out is there to leave out: references to records of 2025.
        let raw = Validator.validate(partial.workspace)
        #expect(raw.contains { if case .notReviewActivity = $0.kind { true } else { false } })
        #expect(raw.contains { if case .unknownCheck = $0.kind { true } else { false } })
        #expect(store.validate(partial).isEmpty)
        #expect(store.validate(try store.load()).isEmpty)
    }

    @Test func aDanglingReferenceInTheYearsReadIsStillAProblem() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let asOf = Day(iso: "2026-12-01")!
        var ws = DemoWorkspace.make(asOf: asOf)
        let i = ws.rectifications.firstIndex { $0.openedOn.year == 2026 }!
        ws.rectifications[i].sourceCheckId = "chk-gone"
        let store = WorkspaceStore(directory: tmp.sub("demo"))
        try store.create(ws)
        // 2025 and 2026 read: a check of either would have been found.
        let problems = store.validate(try store.load(years: [2025, 2026]))
        #expect(problems.count == 1)
        #expect(problems.first?.message(.zh).contains("chk-gone") == true)
        // Read for 2026 alone, the check could be one of 2025's: left to `validate`.
        #expect(store.validate(try store.load(years: [2026])).isEmpty)
        #expect(store.validate(try store.load()).count == 1)
    }
}

/// The years the dashboard reads first (DashboardData.years, in PartyTUI): the current year, the
/// as-of quarter and the one before, six months back.
enum DashboardYears {
    static func forDemo(_ asOf: Day) -> Set<Int> {
        [asOf.year, asOf.quarter.previous.year, asOf.adding(months: -6).year]
    }
}
