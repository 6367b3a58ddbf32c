import Foundation
import Testing
import TestSupport
@testable import PartyModel
@testable import PartyStore

/// An activities import reads the current year and only the ids of the others
/// (`load(years:scanningOtherYears:)`), reading a further year when the sheet needs it. Its plan,
/// its problems and what it saves must be those of a workspace read whole.
@Suite struct ImportYearsTests {
    /// A town over 2024–2026, with the traps a partial read could miss: an id of the sheet's
    /// numbering (`a2026-i1`) already taken in 2025, and an id given twice across two years.
    static func workspace() -> Workspace {
        var ws = WorkspaceGenerator.make(.town, asOf: testAsOf)
        let branch = ws.organisation.branches[0].id
        ws.activities.append(Activity(id: "a2026-i1", branchId: branch, kind: .partyLesson, date: Day(year: 2025, month: 3, day: 3)!, title: "moved in from 2026"))
        ws.activities.append(Activity(id: "twice", branchId: branch, kind: .partyLesson, date: Day(year: 2024, month: 3, day: 3)!, title: "twice, 2024"))
        ws.activities.append(Activity(id: "twice", branchId: branch, kind: .partyLesson, date: Day(year: 2026, month: 3, day: 3)!, title: "twice, 2026"))
        return ws
    }

    static func sheet(_ ws: Workspace) -> String {
        let old = ws.activities.first { $0.date.year == 2024 && $0.id != "twice" }!
        let older = ws.activities.last { $0.date.year == 2024 && $0.id != "twice" && $0.id != old.id }!
        let same2025 = ws.activities.first { $0.date.year == 2025 && $0.notes == nil && $0.partyGroupId == nil }!
        let kind = { (a: Activity) in a.kind.name(.zh) }
        let branch = ws.organisation.branches[1].id
        var rows = ["编号,支部,类型,日期,标题,学时,实到,应到"]
        // A 2024 activity given by id, moved to 2026 with a new title: a change, not a new record.
        rows.append("\(old.id),\(old.branchId),\(kind(old)),2026-02-02,moved from 2024,,,")
        // New rows of 2026: their ids must pass over a2026-i1 (taken in 2025).
        rows.append(",\(branch),支委会,2026-04-01,new one,,5,7")
        rows.append(",\(branch),支委会,2026-04-02,new two,1.5,5,7")
        // A 2025 activity without its id, exactly as it is: found by its contents, unchanged.
        rows.append(",\(same2025.branchId),\(kind(same2025)),\(same2025.date.iso),\(same2025.title),\(same2025.hours.map { "\($0)" } ?? ""),\(same2025.attended.map(String.init) ?? ""),\(same2025.expected.map(String.init) ?? "")")
        // The id held by a 2024 and a 2026 record: matched as a whole read matches it.
        rows.append("twice,\(branch),党课,2026-05-05,twice again,,,")
        // A 2024 id given by two rows: a problem.
        rows.append("\(older.id),\(branch),党课,2026-06-06,first,,,")
        rows.append("\(older.id),\(branch),党课,2026-06-07,second,,,")
        return rows.joined(separator: "\r\n") + "\r\n"
    }

    static func expectSamePlan(_ a: LedgerSheet.Plan, _ b: LedgerSheet.Plan) {
        #expect(a.problems == b.problems)
        #expect(a.added == b.added)
        #expect(a.changed == b.changed)
        #expect(a.unchanged == b.unchanged)
        #expect(a.change == b.change)
    }

    @Test func thePlanOverTheYearsItNeedsIsThePlanOfAWholeRead() throws {
        let tmp = TempDirectory("import-years"); defer { tmp.cleanup() }
        let ws = Self.workspace()
        let store = WorkspaceStore(directory: tmp.sub("ws"))
        try store.create(ws)
        let text = Self.sheet(ws)

        let whole = try store.load()
        let wholePlan = LedgerSheet.activities.plan(text, file: "s.csv", into: whole.workspace, lang: .zh)
        var part = try store.load(years: { [$0.currentYear] }, scanningOtherYears: true)
        #expect(part.years == [2026])
        #expect(part.activityIdsNotRead.contains("a2026-i1") && part.activityIdsNotRead.years(of: "twice") == [2024])
        let partPlan = try LedgerSheet.activities.plan(text, file: "s.csv", into: &part, store: store, lang: .zh)
        Self.expectSamePlan(partPlan, wholePlan)
        #expect(part.years == [2024, 2025, 2026])   // 2024 for the ids, 2025 for the row of that year
        #expect(wholePlan.problems.count == 1 && wholePlan.added.count == 2 && wholePlan.unchanged == 1)
        #expect(!wholePlan.added.contains("a2026-i1"))

        // Without the duplicate rows, saved: the same files either way.
        let clean = text.split(separator: "\r\n").dropLast(1).joined(separator: "\r\n") + "\r\n"
        let copy = WorkspaceStore(directory: tmp.sub("copy"))
        try copy.create(ws)
        var wholeLoaded = try copy.load()
        let c1 = LedgerSheet.activities.plan(clean, file: "s.csv", into: wholeLoaded.workspace, lang: .zh)
        var partLoaded = try store.load(years: { [$0.currentYear] }, scanningOtherYears: true)
        let c2 = try LedgerSheet.activities.plan(clean, file: "s.csv", into: &partLoaded, store: store, lang: .zh)
        Self.expectSamePlan(c2, c1)
        #expect(c1.problems.isEmpty)
        try Editor(store: copy, user: "u", host: "h").commit(c1.change!, to: &wholeLoaded)
        try Editor(store: store, user: "u", host: "h").commit(c2.change!, to: &partLoaded)
        let dataFiles = { (dir: String) -> [String: Data] in
            var files: [String: Data] = [:]
            for path in FileManager.default.enumerator(atPath: dir)!.compactMap({ $0 as? String })
                where path.hasSuffix(".json") && !path.hasPrefix(".") && !path.contains("/.") {
                files[path] = FileManager.default.contents(atPath: "\(dir)/\(path)")
            }
            return files
        }
        #expect(dataFiles(store.directory) == dataFiles(copy.directory))
        #expect(try store.load().workspace == (try copy.load().workspace))
        // Imported again: as a whole read plans it (the row of the id held twice matches the first
        // of the two, now both of 2026); without that row, nothing to do.
        var again = try store.load(years: { [$0.currentYear] }, scanningOtherYears: true)
        let p3 = try LedgerSheet.activities.plan(clean, file: "s.csv", into: &again, store: store, lang: .zh)
        Self.expectSamePlan(p3, LedgerSheet.activities.plan(clean, file: "s.csv", into: try store.load().workspace, lang: .zh))
        let withoutTwice = clean.split(separator: "\r\n").filter { !$0.hasPrefix("twice,") }.joined(separator: "\r\n") + "\r\n"
        var third = try store.load(years: { [$0.currentYear] }, scanningOtherYears: true)
        let p4 = try LedgerSheet.activities.plan(withoutTwice, file: "s.csv", into: &third, store: store, lang: .zh)
        #expect(p4.change == nil && p4.problems.isEmpty && p4.unchanged == 5)
    }

    @Test func aBrokenFileOfAYearNotReadIsStillReported() throws {
        let tmp = TempDirectory("import-years-broken"); defer { tmp.cleanup() }
        let ws = Self.workspace()
        let store = WorkspaceStore(directory: tmp.sub("ws"))
        try store.create(ws)
        let file = store.shardFiles(Activity.folder).first { $0.year == 2024 }!.path
        // A record of 2025 in a 2024 file, and a date that is no date: both found as a whole read finds them.
        var text = try String(contentsOfFile: store.absolute(file), encoding: .utf8)
        text = text.replacingOccurrences(of: "\"2024-", with: "\"2025-", options: [], range: text.range(of: "\"2024-"))
        try text.write(toFile: store.absolute(file), atomically: true, encoding: .utf8)
        func problems(_ load: () throws(StoreError) -> LoadedWorkspace) -> [Problem] {
            do { _ = try load(); return [] } catch { if case .invalid(let p) = error { return p }; return [] }
        }
        let whole = problems { () throws(StoreError) in try store.load() }
        let part = problems { () throws(StoreError) in try store.load(years: { [$0.currentYear] }, scanningOtherYears: true) }
        #expect(!whole.isEmpty)
        #expect(part == whole)
    }
}
