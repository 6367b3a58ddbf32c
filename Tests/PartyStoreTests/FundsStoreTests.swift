import Foundation
import Testing
import TestSupport
@testable import PartyModel
@testable import PartyStore

/// 经费 files (issue 17): one per organisation and year, round-tripped; a bad one named and never overwritten.
@Suite struct FundsStoreTests {
    static func workspace() -> Workspace {
        var ws = Workspace(settings: WorkspaceSettings(name: "经费", currentYear: 2026),
                           organisation: Organisation(committee: Committee(id: "c", name: "党委"),
                                                      branches: [Branch(id: "g", name: "机关支部", parentId: "c", sector: .government, fullMembers: 7, secretary: "书记")]),
                           plan: WorkPlan(title: "", year: 2026))
        ws.funds = [
            FundsEntry(id: "jf-2025-0001", date: Day(iso: "2025-06-01")!, organisationId: "g", amount: 2800, direction: .allocated, category: .activity),
            FundsEntry(id: "jf-2026-0001", date: Day(iso: "2026-03-10")!, organisationId: "g", amount: 2800, direction: .allocated, category: .activity, note: "上半年"),
            FundsEntry(id: "jf-2026-0002", date: Day(iso: "2026-05-20")!, organisationId: "c", amount: 1200.5, direction: .spent, category: .work),
        ]
        return ws
    }

    @Test func filesPerOrganisationAndYearRoundTrip() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let store = WorkspaceStore(directory: tmp.sub("w"))
        try store.create(Self.workspace())
        for path in ["funds/2025/g.json", "funds/2026/g.json", "funds/2026/c.json"] {
            #expect(FileManager.default.fileExists(atPath: tmp.sub("w/" + path)), "\(path)")
        }
        let text = try String(contentsOfFile: tmp.sub("w/funds/2026/c.json"), encoding: .utf8)
        #expect(text.contains("\"entries\"") && text.contains("\"organisationId\" : \"c\"") && text.contains("\"direction\" : \"spent\""))
        let loaded = try store.load()
        #expect(Set(loaded.workspace.funds) == Set(Self.workspace().funds))
        // Read for 2026 only: last year's file stays on disk, unread.
        #expect(try store.load(years: [2026]).workspace.funds.map(\.id).sorted() == ["jf-2026-0001", "jf-2026-0002"])
        #expect(store.validate(loaded).isEmpty)
    }

    @Test func aBadEntryIsNamedByFileLineAndFieldAndTheFileIsKept() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let store = WorkspaceStore(directory: tmp.sub("w"))
        try store.create(Self.workspace())
        let path = tmp.sub("w/funds/2026/g.json")
        let bad = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "\"amount\" : 2800", with: "\"amount\" : -5")
        try bad.write(toFile: path, atomically: true, encoding: .utf8)
        let problems = store.validate(try store.load())
        #expect(problems.count == 1)
        let message = problems[0].message(.zh)
        #expect(message.hasPrefix("funds/2026/g.json:") && message.contains("entries[0].amount") && message.contains("应大于 0"), "\(message)")
        // A direction no one knows: the file does not load, says where, and stays as it was.
        let unknown = bad.replacingOccurrences(of: "\"allocated\"", with: "\"granted\"")
        try unknown.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: StoreError.self) { try store.load() }
        do { _ = try store.load() } catch {
            #expect(error.message(.zh).contains("funds/2026/g.json") && error.message(.zh).contains("granted"), "\(error.message(.zh))")
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == unknown)
    }

    /// A 经费台账 as an office keeps it: its own headers (单位, 收支, 科目, 金额（元）, 摘要), amounts with
    /// thousands separators, dates with slashes, a 党总支's and the 党委's rows, a formula-looking note.
    @Test func anOfficesLedgerSheetImportsAndASecondImportAddsNothing() throws {
        var ws = Self.workspace()
        ws.organisation.generalBranches = [GeneralBranch(id: "gb", name: "机关党总支", parentId: "c")]
        let text = """
        经费台账
        日期,单位,收支,科目,金额（元）,摘要
        2026/11/25,机关支部,下拨,党建活动经费,"5,600.00",下半年活动经费补拨
        2026-11-26,机关党总支,支出,工作经费,300,=HYPERLINK("x")
        2026-11-27,党委,开支,,88.8,
        """
        let plan = LedgerSheet.funds.plan(try SheetGrid.text(text), file: "经费.csv", into: ws, lang: .zh)
        #expect(plan.problems == [])
        let added = (plan.change?.parts ?? []).compactMap { if case .funds(nil, let e?) = $0 { return e } else { return nil } }
        #expect(added == [
            FundsEntry(id: "jf-2026-0003", date: Day(iso: "2026-11-25")!, organisationId: "g", amount: 5600, direction: .allocated, category: .activity, note: "下半年活动经费补拨"),
            FundsEntry(id: "jf-2026-0004", date: Day(iso: "2026-11-26")!, organisationId: "gb", amount: 300, direction: .spent, category: .work, note: "=HYPERLINK(\"x\")"),
            FundsEntry(id: "jf-2026-0005", date: Day(iso: "2026-11-27")!, organisationId: "c", amount: 88.8, direction: .spent, category: .other),
        ])
        try plan.change!.apply(to: &ws)
        let again = LedgerSheet.funds.plan(try SheetGrid.text(text), file: "经费.csv", into: ws, lang: .zh)
        #expect(again.change == nil && again.unchanged == 3)
        // An organisation the ledger does not have: the row is named, nothing is planned.
        let wrong = LedgerSheet.funds.plan(try SheetGrid.text("日期,单位,收支,金额\n2026-11-25,不存在的支部,拨付,100\n"), file: "x.csv", into: ws, lang: .zh)
        #expect(wrong.change == nil && wrong.problems.count == 1 && wrong.problems[0].hasPrefix("x.csv:2"), "\(wrong.problems)")
    }
}
