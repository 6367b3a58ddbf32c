import Foundation
import Testing
import TestSupport
@testable import PartyModel
@testable import PartyStore
@testable import PartyTUI

/// The dashboard reads the current year first and older years when shown. Nothing it shows may
/// differ from what it would show with everything read, and nothing it saves may lose records of a
/// year it had not read.
@Suite struct YearsOnDemandTests {
    static func collegeOnDisk(_ tmp: TempDirectory) throws -> WorkspaceStore {
        let store = WorkspaceStore(directory: tmp.sub("ws"))
        try store.create(WorkspaceGenerator.make(.college, seed: 5, asOf: testAsOf))
        return store
    }

    /// Everything the panes show, comparable.
    struct Figures: Equatable {
        var yearScores: ScoreTable, quarterScores: ScoreTable, alerts: [Alert]
        var organisations: WorkspaceSummary.Organisations, members: WorkspaceSummary.Members
        var meetings: Double, byGeneralBranch: [String], rectifications: [RectificationStatus: Int], overdue: Int
        var tables: [[[String]]]

        init(_ data: DashboardData) {
            yearScores = data.yearScores
            quarterScores = data.quarterScores
            alerts = data.alerts
            organisations = data.overview.organisations
            members = data.overview.members
            meetings = data.overview.meetings
            byGeneralBranch = data.overview.meetingsByGeneralBranch.map { "\($0.name) \($0.ratio)" }
            rectifications = data.overview.rectificationCounts
            overdue = data.overview.overdueRectifications
            tables = Pane.allCases.map { pane in data.table(pane)?.rows.map(\.cells) ?? [] }
        }
    }

    @Test func theFirstScreenIsTheSameWithTheCurrentYearOnly() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let store = try Self.collegeOnDisk(tmp)
        let years = DashboardData.years(for: 2026, asOf: testAsOf)
        #expect(years == [2026])
        let part = try store.load(years: years)
        let whole = try store.load()
        #expect(part.workspace.activities.count < whole.workspace.activities.count / 2)
        #expect(part.years == [2026] && whole.years == nil)
        let a = DashboardData(workspace: part.workspace, year: 2026, quarter: 4, asOf: testAsOf, lang: .zh, loadedYears: part.years)
        let b = DashboardData(workspace: whole.workspace, year: 2026, quarter: 4, asOf: testAsOf, lang: .zh)
        #expect(Figures(a) == Figures(b))
        #expect(a.yearScores.branches.count > 150 && !a.alerts.isEmpty)
        // In the first quarter the alerts look back at the last quarter of the year before: read too.
        #expect(DashboardData.years(for: 2027, asOf: Day(iso: "2027-02-10")!) == [2026, 2027])
    }

    @Test func anOlderYearIsReadWhenShownAndGivesTheSameFigures() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let store = try Self.collegeOnDisk(tmp)
        var loaded = try store.load(years: [2026])
        var state = AppState(data: DashboardData(workspace: loaded.workspace, year: 2026, quarter: 4, asOf: testAsOf, lang: .zh,
                                                 loadedYears: loaded.years), width: 120, height: 40)
        // A year back: the update asks the main loop to read 2025 and changes nothing yet.
        let effect = Update.handle(.char("{"), &state)
        #expect(effect == .loadPeriod(Quarter(year: 2025, number: 4)!))
        #expect(state.data.year == 2026)
        try store.loadYears([2025], into: &loaded)
        Update.showPeriod(Quarter(year: 2025, number: 4)!, of: loaded.workspace, loadedYears: loaded.years, &state)
        #expect(state.data.year == 2025 && loaded.years == [2025, 2026])
        let whole = try store.load()
        let reference = DashboardData(workspace: whole.workspace, year: 2025, quarter: 4, asOf: testAsOf, lang: .zh)
        #expect(Figures(state.data) == Figures(reference))
        // Forward again needs nothing more.
        #expect(Update.handle(.char("}"), &state) == .none && state.data.year == 2026)
    }

    @Test func anEditInAYearNotReadKeepsThatYearsRecords() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let store = try Self.collegeOnDisk(tmp)
        var loaded = try store.load(years: [2026])
        let before = try store.load().workspace.activities.filter { $0.date.year == 2024 }
        let branch = before[0].branchId
        let file = WorkspacePaths.activities(2024, branch: branch)
        let inFile = before.filter { $0.branchId == branch }
        #expect(inFile.count > 3)
        let added = Activity(id: "late-entry", branchId: branch, kind: .talk, date: Day(iso: "2024-05-06")!, title: "补录谈心谈话")
        try Editor(store: store, user: "t", host: "h").commit(.activity(before: nil, after: added), to: &loaded)
        #expect(loaded.years == [2024, 2026])
        let after = try store.load().workspace.activities.filter { $0.date.year == 2024 }
        #expect(Set(after) == Set(before + [added]))
        let text = String(decoding: FileManager.default.contents(atPath: store.absolute(file))!, as: UTF8.self)
        #expect(inFile.allSatisfy { text.contains("\"\($0.id)\"") } && text.contains("late-entry"))
    }
}
