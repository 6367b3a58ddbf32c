import Foundation
import Testing
import TestSupport
@testable import PartyModel
@testable import PartyStore

/// CSVs saved by LibreOffice Calc from workbooks made as offices make them (Tests/Fixtures/csv/make.py):
/// each imports as the records written out here by hand.
@Suite struct RealSheetFixtureTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/csv")

    static func grid(_ name: String) throws -> (SheetGrid, TextEncoding) {
        let data = try Data(contentsOf: folder.appendingPathComponent(name))
        let (text, encoding) = try #require(TextEncoding.decode(data))
        return (try SheetGrid.text(text), encoding)
    }

    static func day(_ s: String) -> Day { Day(iso: s)! }

    @Test(arguments: [("activities-gb18030.csv", TextEncoding.gb18030), ("activities-utf8.csv", .utf8)])
    func theQuarterLedgerImportsItsSixMeetings(file: String, encoding: TextEncoding) throws {
        let (grid, found) = try Self.grid(file)
        #expect(found == encoding)
        let plan = LedgerSheet.activities.plan(grid, file: file, into: smallWorkspace(), lang: .zh)
        #expect(plan.problems == [])
        let added = (plan.change?.parts ?? []).compactMap { part -> Activity? in
            if case .activity(nil, let a?) = part { return a } else { return nil }
        }
        #expect(added == [
            Activity(id: "a2026-0001", branchId: "b1", kind: .generalMeeting, date: Self.day("2026-01-09"), title: "学习全会精神",
                     attended: 11, expected: 12, place: "党员活动室", host: "张三"),
            Activity(id: "a2026-0002", branchId: "b1", kind: .committeeMeeting, date: Self.day("2026-01-15"), title: "研究发展党员工作",
                     attended: 3, expected: 3, place: "书记办公室", host: "张三"),
            Activity(id: "a2026-0003", branchId: "b1", kind: .partyLesson, date: Self.day("2026-02-26"), title: "书记讲党课",
                     attended: 11, expected: 12, place: "党员活动室", host: "李四"),
            Activity(id: "a2026-0004", branchId: "b1", kind: .themedPartyDay, date: Self.day("2026-03-05"), title: "学雷锋志愿服务",
                     attended: 10, expected: 12, place: "社区服务站", host: "张三"),
            Activity(id: "a2026-0005", branchId: "b2", kind: .generalMeeting, date: Self.day("2026-03-12"), title: "第一季度党员大会",
                     attended: 5, expected: 5, place: "会议室", host: "赵六"),
            Activity(id: "a2026-0006", branchId: "b2", kind: .groupMeeting, date: Self.day("2026-03-19"), title: "小组学习", attended: 4, expected: 5),
        ])
        #expect(plan.skipped == [
            SkippedRow(line: 1, reason: .title), SkippedRow(line: 2, reason: .title), SkippedRow(line: 3, reason: .blank),
            SkippedRow(line: 9, reason: .blank), SkippedRow(line: 12, reason: .total), SkippedRow(line: 13, reason: .blank),
            SkippedRow(line: 14, reason: .footer("填表人")),
        ])
        #expect(plan.filledDown == [6, 7, 8, 11])
        #expect(plan.ignoredColumns == ["序号"])
    }

    @Test func theRosterImportsItsThreeMembers() throws {
        let (grid, found) = try Self.grid("roster-gb18030.csv")
        #expect(found == .gb18030)
        let plan = LedgerSheet.members.plan(grid, file: "roster.csv", into: smallWorkspace(), lang: .zh)
        #expect(plan.problems == [])
        let added = (plan.change?.parts ?? []).compactMap { part -> Member? in
            if case .member(nil, let m?) = part { return m } else { return nil }
        }
        #expect(added == [
            Member(id: "m-1", name: "孙八", branchId: "b1", status: .full, role: .committeeMember, joinDate: Self.day("2001-07-01")),
            Member(id: "m-2", name: "周九", branchId: "b1", status: .probationary, role: .member, joinDate: Self.day("2025-12-20")),
            Member(id: "m-3", name: "吴十", branchId: "b2", status: .full, role: .secretary, joinDate: Self.day("1998-06-30")),
        ])
        #expect(plan.skipped == [SkippedRow(line: 1, reason: .title), SkippedRow(line: 6, reason: .footer("注"))])
        #expect(plan.filledDown == [4])
        // 备注 has no column in the roster yet: said, not silently dropped.
        #expect(plan.ignoredColumns == ["序号", "备注"])
    }
}

/// The activities workbooks of Tests/Fixtures/sheets (openpyxl, and LibreOffice from a CSV) import
/// into the demo as the eight meetings of make.py's ROWS, written out here by hand.
@Suite struct WorkbookFixtureImportTests {
    static func fixture(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/sheets/\(name)").path
    }

    @Test(arguments: ["activities-openpyxl.xlsx", "activities-libreoffice.xlsx"])
    func theEightMeetingsArrive(file: String) throws {
        let demo = DemoWorkspace.make(asOf: testAsOf)
        let id = { (name: String) in demo.organisation.branches.first { $0.name == name }!.id }
        let (grid, _) = try SheetFile.read(path: Self.fixture(file), file: file)
        let plan = LedgerSheet.activities.plan(grid, file: file, into: demo, lang: .zh)
        #expect(plan.problems == [])
        let added = (plan.change?.parts ?? []).compactMap { part -> Activity? in
            if case .activity(nil, var a?) = part { a.id = ""; return a } else { return nil }
        }
        let d = { (s: String) in Day(iso: s)! }
        let (office, org, dept) = (id("党政办公室党支部"), id("组织人事党支部"), id("机电工程系教工党支部"))
        #expect(added == [
            Activity(id: "", branchId: office, kind: .generalMeeting, date: d("2026-01-08"), title: "传达学习全会精神", attended: 9, expected: 10, place: "三楼会议室", host: "王建国"),
            Activity(id: "", branchId: office, kind: .committeeMeeting, date: d("2026-01-15"), title: "研究年度工作计划", attended: 5, expected: 5, place: "三楼会议室", host: "王建国"),
            Activity(id: "", branchId: office, kind: .partyLesson, date: d("2026-03-05"), title: "书记讲党课：牢记初心使命", attended: 10, expected: 10, place: "报告厅", host: "王建国"),
            Activity(id: "", branchId: org, kind: .groupMeeting, date: d("2026-02-10"), title: "学习党章", attended: 7, expected: 7, place: "组织部办公室", host: "刘振华"),
            Activity(id: "", branchId: org, kind: .generalMeeting, date: d("2026-02-20"), title: "民主评议党员", attended: 6, expected: 7, place: "组织部办公室", host: "刘振华"),
            // A date-time (14:30) is the day; '12' stored as text is the number 12.
            Activity(id: "", branchId: dept, kind: .themedPartyDay, date: d("2026-03-15"), title: "参观红色教育基地", attended: 12, expected: 19, place: "市革命纪念馆", host: "张海燕"),
            Activity(id: "", branchId: dept, kind: .partyLesson, date: d("2026-04-02"), title: "专题党课：新时代教师的使命", attended: 17, expected: 19, place: "实训楼 201", host: "张海燕"),
            Activity(id: "", branchId: dept, kind: .committeeMeeting, date: d("2026-04-09"), title: "研究发展党员工作", attended: 5, expected: 5, place: "实训楼 201", host: "张海燕"),
        ])
        // The title above and the 合计 and footer below are skipped and said; 序号 is ignored.
        #expect(plan.skipped.first == SkippedRow(line: 1, reason: .title))
        #expect(plan.skipped.contains { $0.reason == .total } && plan.skipped.contains { $0.reason == .footer("填表人") })
        #expect(plan.ignoredColumns == ["序号"])
        #expect(plan.filledDown == [4, 5, 7, 9, 10])
    }
}
