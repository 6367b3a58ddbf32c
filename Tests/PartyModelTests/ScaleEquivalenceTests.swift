import Testing
import TestSupport
@testable import PartyModel

/// The scoring engine (indexes by branch, compliance once per pass, branches scored side by side on
/// every core) gives the same scores as a straightforward recomputation item by item — on a
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
            let counted = ScoringEngine.countedQuarters(year: year, asOf: testAsOf)
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
                let overdue = ws.rectifications.filter { $0.branchId == branch.id && $0.isOverdue(on: evaluation) }.count
                let deduction = min(Double(overdue) * 2, 10) + ((branch.termEnd.map { $0 < evaluation } ?? false) ? 5 : 0)
                let total = roundHalfUp2(min(100, max(0, meanQuarter + yearItems - deduction)))
                #expect(row.total == total, "\(year) \(branch.id): engine \(row.total), recomputed \(total)")
            }
        }
    }
}
