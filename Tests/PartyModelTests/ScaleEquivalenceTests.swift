import Testing
import TestSupport
@testable import PartyModel

/// The scoring engine (indexes by branch, compliance once per pass, branches scored side by side on
/// every core) gives the same scores as a straightforward recomputation item by item — the quarters
/// counted, what is overdue and the rounding worked out here, not by the engine's functions; the
/// compliance ratios still come from ComplianceCalculator (hand-checked in ScoringByHandTests and
/// MonthlyRhythmTests) — on a
/// generated college, and on a county (2,000 branches, 556,000 activities; every 7th branch is
/// recomputed there, all 2,000 are scored).
@Suite struct ScaleEquivalenceTests {
    @Test(arguments: [(GeneratorPreset.college, 1), (.county, 7)])
    func engineMatchesAStraightforwardRecomputation(preset: GeneratorPreset, every: Int) {
        let ws = WorkspaceGenerator.make(preset, seed: 3, asOf: testAsOf)
        #expect(ws.organisation.branches.count >= (preset == .county ? 1900 : 150))
        let engine = ScoringEngine(ws)
        let compliance = ComplianceCalculator(ws)
        for year in [2025, 2026] {
            let table = engine.year(year, asOf: testAsOf)
            // The quarters averaged, as the rule says it: those whose last day is before the as-of day;
            // none ended → the current one (or Q1 of a year to come); a past year all four.
            let ended = (1...4).map { Quarter(year: year, number: $0)! }.filter { $0.lastDay < testAsOf }
            let counted = !ended.isEmpty ? ended : [testAsOf.year == year ? testAsOf.quarter : Quarter(year: year, number: 1)!]
            let evaluation = min(testAsOf, Day.lastOf(year: year, month: 12))
            #expect(table.branches.count == ws.organisation.branches(inServiceOn: Day.firstOf(year: year, month: 1)).count)
            for (n, row) in table.branches.enumerated() where n % every == 0 {
                let branch = ws.organisation.branches.first { $0.id == row.branchId }!
                // Straightforward: every item from the public calculators, nothing cached.
                func item(_ i: ScoreItem, _ q: Quarter?) -> Double {
                    let raw: Double
                    switch i.source {
                    case .compliance(let m): raw = i.max * (q.map { compliance.ratio(m, branch, quarter: $0) } ?? compliance.ratio(m, branch, year: year))
                    case .check(let id):
                        if let q { raw = engine.check(branch: branch.id, quarter: q)?.points[id] ?? 0 }
                        else { raw = counted.reduce(0) { $0 + (engine.check(branch: branch.id, quarter: $1)?.points[id] ?? 0) } / Double(counted.count) }
                    case .manual:
                        raw = ws.manualScores.filter { $0.branchId == branch.id && $0.itemId == i.id && $0.year == year && $0.quarter == q?.number }.reduce(0) { $0 + $1.points }
                    }
                    return min(max(raw, 0), i.max)
                }
                let meanQuarter = counted.reduce(0.0) { sum, q in sum + ws.scoring.quarterItems.reduce(0) { $0 + item($1, q) } } / Double(counted.count)
                let yearItems = ws.scoring.yearItems.reduce(0) { $0 + item($1, nil) }
                // Overdue on the judging day: opened by then, due before it, and not closed by then
                // (its history replayed here, not through Rectification.isOverdue).
                let overdue = ws.rectifications.filter { r in
                    guard r.branchId == branch.id, r.openedOn <= evaluation, r.dueOn < evaluation else { return false }
                    return r.history.filter { $0.date <= evaluation }.last?.to != .closed
                }.count
                let deduction = min(Double(overdue) * 2, 10) + ((branch.termEnd.map { $0 < evaluation } ?? false) ? 5 : 0)
                // Rounded half up to cents by hand (not through roundHalfUp2).
                let exact = min(100, max(0, meanQuarter + yearItems - deduction))
                let total = (exact * 100 + 0.5 + 1e-9).rounded(.down) / 100
                #expect(abs(row.total - total) < 1e-9, "\(year) \(branch.id): engine \(row.total), recomputed \(total)")
            }
        }
    }
}
