import Foundation
import Testing
import TestSupport
@testable import PartyModel
@testable import PartyStore

/// Sheets as offices make them (issue 14): a title above the header, a branch named once for its
/// rows, 合计 and footer rows, dates and counts as people type them, kinds by their variants. Each
/// expected record below is worked out by hand from the sheet above it.
@Suite struct SheetsAsPeopleMakeThemTests {
    static func day(_ s: String) -> Day { Day(iso: s)! }

    /// The records an activities plan would add, in sheet order.
    static func added(_ plan: LedgerSheet.Plan) -> [Activity] {
        (plan.change?.parts ?? []).compactMap { if case .activity(nil, let a?) = $0 { return a } else { return nil } }
    }

    @Test func aLedgerWithTitleMergedBranchTotalAndFooterImportsItsFiveRecords() throws {
        let sheet = SheetGrid(rows: [
            (1, ["测试党委2026年三会一课台账", "", "", "", "", "", "", ""]),
            (2, ["填报单位：第一党总支", "", "", "", "", "", "", ""]),
            (3, ["序号", "支  部", "会议类型", "召开时间", "会议主题", "地点", "实到人数（人）", "*应到人数"]),
            (4, ["1", "一支部", "党员大会", "2026.3.5", "三月党员大会", "党员活动室", "１１人", "12"]),
            (5, ["2", "", "支部委员会", "2026/3/15 0:00", "三月支委会", "", "3", "3"]),
            (6, ["3", "", "讲党课", "46090", "书记讲党课", "", "1,0", "12"]),   // "1,0" is no count: refused below, then fixed
            (7, ["", "", "", "", "", "", "", ""]),
            (8, ["4", "二支部", "主题党日活动", "2026年3月8日 14:30", "三月主题党日", "", "5", "5"]),
            (9, ["5", "", "专题组织生活会", "２０２６-０３-２０", "组织生活会", "", "", ""]),
            (10, ["合  计", "", "", "", "", "", "19", "32"]),
            (11, ["填表人：王五      审核人：张三", "", "", "", "", "", "", ""]),
        ], merges: [MergedRange(rows: 1...1, columns: 0...7), MergedRange(rows: 4...6, columns: 1...1)])
        let ws = smallWorkspace()
        let refused = LedgerSheet.activities.plan(sheet, file: "台账.xlsx", into: ws, lang: .zh)
        #expect(refused.problems == ["台账.xlsx:6: 列 实到: 不是有效的数字 \"1,0\""])
        #expect(refused.change == nil)

        var fixed = sheet
        fixed.rows[5].fields[6] = "1,000"      // thousands grouped by three: a count of 1000
        let plan = LedgerSheet.activities.plan(fixed, file: "台账.xlsx", into: ws, lang: .zh)
        #expect(plan.problems == [])
        #expect(plan.skipped == [SkippedRow(line: 1, reason: .title), SkippedRow(line: 2, reason: .title), SkippedRow(line: 7, reason: .blank),
                                 SkippedRow(line: 10, reason: .total), SkippedRow(line: 11, reason: .footer("填表人"))])
        // Lines 5–6 lie under the merged 一支部; line 9 is blank under 二支部.
        #expect(plan.filledDown == [5, 6, 9])
        #expect(plan.filledDownColumn == "支  部")
        #expect(plan.ignoredColumns == ["序号"])
        let expected = [
            Activity(id: "a2026-0001", branchId: "b1", kind: .generalMeeting, date: Self.day("2026-03-05"), title: "三月党员大会",
                     attended: 11, expected: 12, place: "党员活动室"),
            Activity(id: "a2026-0002", branchId: "b1", kind: .committeeMeeting, date: Self.day("2026-03-15"), title: "三月支委会", attended: 3, expected: 3),
            // 46090 days from 1899-12-30 is 2026-03-09.
            Activity(id: "a2026-0003", branchId: "b1", kind: .partyLesson, date: Self.day("2026-03-09"), title: "书记讲党课", attended: 1000, expected: 12),
            Activity(id: "a2026-0004", branchId: "b2", kind: .themedPartyDay, date: Self.day("2026-03-08"), title: "三月主题党日", attended: 5, expected: 5),
            Activity(id: "a2026-0005", branchId: "b2", kind: .organisationalLifeMeeting, date: Self.day("2026-03-20"), title: "组织生活会"),
        ]
        #expect(Self.added(plan) == expected)
        #expect(SheetText.skipped(plan.skipped, .zh) == "跳过 5 行: 第 1–2 行 (标题), 第 7 行 (空行), 第 10 行 (合计), 第 11 行 (表尾: 填表人)")
        #expect(SheetText.filledDown(plan.filledDown, column: plan.filledDownColumn, .zh) == "第 5–6, 9 行的 支  部 为空或合并单元格, 取上一行的值")
    }

    /// Two sheets numbered 1, 2 for different branches are four activities: 序号 is never an id,
    /// and nothing of the first branch changes.
    @Test func rowNumbersOfTwoSheetsNeverMeetAsIds() throws {
        var ws = smallWorkspace()
        for (branch, titles) in [("一支部", ["甲", "乙"]), ("二支部", ["丙", "丁"])] {
            let grid = SheetGrid(rows: [(1, ["序号", "支部", "类型", "日期", "标题"])]
                                 + titles.enumerated().map { (i, t) in (i + 2, ["\(i + 1)", branch, "党课", "2026-05-0\(i + 1)", t]) })
            let plan = LedgerSheet.activities.plan(grid, file: "s.csv", into: ws, lang: .zh)
            #expect(plan.added.count == 2 && plan.changed.isEmpty)
            try plan.change!.apply(to: &ws)
        }
        #expect(ws.activities.count == 8)
        #expect(ws.activities.filter { $0.branchId == "b1" && ["甲", "乙"].contains($0.title) }.count == 2)
        #expect(ws.activities.filter { $0.branchId == "b2" && ["丙", "丁"].contains($0.title) }.count == 2)
        #expect(Array(ws.activities.prefix(4)) == smallWorkspace().activities)
    }

    @Test func anUnknownKindListsTheAcceptedOnesInChinese() {
        let grid = SheetGrid(rows: [(1, ["支部", "类型", "日期", "标题"]), (2, ["一支部", "座谈会", "2026-05-01", "座谈"])])
        let plan = LedgerSheet.activities.plan(grid, file: "s.csv", into: smallWorkspace(), lang: .zh)
        #expect(plan.problems == ["s.csv:2: 列 类型: 无法识别的活动类型 \"座谈会\" (可填: 支部党员大会、支委会、党小组会、党课、主题党日、组织生活会、民主评议党员、集中学习研讨、培训、谈心谈话、其他)"])
    }

    @Test(arguments: [
        ("支部党员大会", ActivityKind.generalMeeting), ("党员大会", .generalMeeting), ("支委会", .committeeMeeting), ("支部委员会", .committeeMeeting),
        ("党小组会", .groupMeeting), ("党课", .partyLesson), ("讲党课", .partyLesson), ("专题党课", .partyLesson),
        ("主题党日", .themedPartyDay), ("主题党日活动", .themedPartyDay), ("组织生活会", .organisationalLifeMeeting),
        ("民主评议党员", .democraticReview), ("集中学习研讨", .studySession), ("理论学习", .studySession), ("培训", .training),
        ("谈心谈话", .talk), ("partyLesson", .partyLesson), ("Party lesson", .partyLesson), ("支 部 党 员 大 会", .generalMeeting),
    ])
    func kindsByTheirCommonNames(name: String, kind: ActivityKind) {
        #expect(ActivityKind.named(name) == kind)
    }

    @Test func rolesAndStatusByTheirCommonNames() {
        let roles: [(String, MemberRole)] = [("书记", .secretary), ("支部书记", .secretary), ("副书记", .deputySecretary), ("组织委员", .committeeMember),
                                             ("宣传委员", .committeeMember), ("纪检委员", .committeeMember), ("委员", .committeeMember),
                                             ("党员", .member), ("secretary", .secretary)]
        for (name, role) in roles { #expect(MemberRole.named(name) == role, "\(name)") }
        for (name, status) in [("正式党员", MemberStatus.full), ("正式", .full), ("预备党员", .probationary), ("预备", .probationary)] {
            #expect(MemberStatus.named(name) == status, "\(name)")
        }
        #expect(MemberRole.named("主任") == nil)
    }

    @Test func numbersAsOfficesWriteThem() throws {
        for (text, value) in [("１２", 12.0), ("12人", 12), ("1,200", 1200), ("1，200", 1200), ("3.5学时", 3.5), ("８ 人", 8), (" 7 ", 7), ("-2", -2)] {
            #expect(try Cell.number(text).get() == value, "\(text)")
        }
        for text in ["1,2", "十二", "12个人", "1.2.3"] {
            #expect((try? Cell.number(text).get()) == nil, "\(text)")
        }
        #expect(try Cell.integer("12.0").get() == 12)       // a workbook's number
        #expect((try? Cell.integer("12.5").get()) == nil)
    }

    @Test func datesAsOfficesWriteThem() throws {
        let cases: [(String, String)] = [
            ("46086", "2026-03-05"), ("46086.5", "2026-03-05"), ("2026.3.5", "2026-03-05"), ("2026/3/15 0:00", "2026-03-15"),
            ("2026年3月8日 14:30", "2026-03-08"), ("2026-03-05T09:00:00", "2026-03-05"), ("2026/3/5 下午3:00", "2026-03-05"),
            ("２０２６年３月５日", "2026-03-05"), ("20260305", "2026-03-05"),
        ]
        for (text, iso) in cases { #expect(try Cell.day(text).get()?.iso == iso, "\(text)") }
        // A bare year, a short number or a time without a date is no day.
        for text in ["2026", "460", "14:30", "2026/13/1", "2026年3月"] { #expect((try? Cell.day(text).get()) == nil, "\(text)") }
        // The 1900 system, with Excel's phantom 1900-02-29 (serial 60) on both sides of it.
        #expect(Day(spreadsheetSerial: 1)?.iso == "1900-01-01")
        #expect(Day(spreadsheetSerial: 59)?.iso == "1900-02-28")
        #expect(Day(spreadsheetSerial: 60) == nil)
        #expect(Day(spreadsheetSerial: 61)?.iso == "1900-03-01")
        #expect(Day(spreadsheetSerial: 44927)?.iso == "2023-01-01")
        #expect(Day(spreadsheetSerial: 0, date1904: true)?.iso == "1904-01-01")
    }

    /// A branches sheet without ids, with a 党总支 row: the general branch is created, the
    /// branches numbered; imported again, every row matches by name and nothing changes.
    @Test func branchesWithAGeneralBranchRowAndNoIdsImportTwiceToTheSameIds() throws {
        let grid = SheetGrid(rows: [
            (1, ["测试党委党组织设置一览表"]),
            (2, ["类型", "支部名称", "上级组织", "领域", "正式党员", "预备党员", "书记"]),
            (3, ["党总支", "新区党总支", "测试党委", "", "", "", "周一"]),
            (4, ["党支部", "新区一支部", "新区党总支", "社区", "12人", "1", "王一"]),
            (5, ["联合党支部", "新区联合支部", "", "两新组织", "５", "", "李二"]),
            (6, ["党支部", "直属支部", "测试党委", "机关", "4", "0", ""]),
        ], merges: [MergedRange(rows: 4...5, columns: 2...2)])
        var ws = smallWorkspace()
        let plan = LedgerSheet.branches.plan(grid, file: "b.csv", into: ws, lang: .zh)
        #expect(plan.problems == [])
        #expect(plan.filledDown == [5])
        let parts = plan.change?.parts ?? []
        #expect(parts.first == .generalBranch(before: nil, after: GeneralBranch(id: "gb-1", name: "新区党总支", parentId: "c", secretary: "周一")))
        let branches = parts.compactMap { if case .branch(nil, let b?) = $0 { return b } else { return nil } }
        #expect(branches.map(\.id) == ["b-1", "b-2", "b-3"])
        #expect(branches.map(\.parentId) == ["gb-1", "gb-1", "c"])
        #expect(branches.map(\.fullMembers) == [12, 5, 4])
        #expect(branches.map(\.isJointBranch) == [false, true, false])
        #expect(branches.map(\.sector) == [.community, .newOrganisation, .government])
        try plan.change!.apply(to: &ws)
        let again = LedgerSheet.branches.plan(grid, file: "b.csv", into: ws, lang: .zh)
        #expect(again.problems == [] && again.change == nil && again.unchanged == 4)
    }

    @Test func anUnknownParentIsCreatedOnlyWhenAsked() throws {
        let grid = SheetGrid(rows: [(1, ["支部名称", "上级组织", "正式党员"]), (2, ["园区支部", "园区党总支", "5"]), (3, ["园区二支部", "园区党总支", "3"])])
        let refused = LedgerSheet.branches.plan(grid, file: "b.csv", into: smallWorkspace(), lang: .zh)
        #expect(refused.problems.count == 2)
        #expect(refused.problems.first?.hasPrefix("b.csv:2: 列 上级组织: 找不到上级组织 \"园区党总支\"") == true)
        #expect(refused.problems.first?.contains("--create-parents") == true)
        let created = LedgerSheet.branches.plan(grid, file: "b.csv", into: smallWorkspace(), lang: .zh, options: ImportOptions(createParents: true))
        #expect(created.problems == [])
        let parts = created.change?.parts ?? []
        // One 党总支 for the name both rows give, created before its branches.
        #expect(parts.filter { if case .generalBranch = $0 { true } else { false } }.count == 1)
        #expect(parts.compactMap { if case .branch(nil, let b?) = $0 { return b.parentId } else { return nil } } == ["gb-1", "gb-1"])
        var ws = smallWorkspace()
        try created.change!.apply(to: &ws)
        #expect(ws.organisation.generalBranches.map(\.name) == ["第一党总支", "园区党总支"])
    }

    @Test func aNameTwoBranchesShareIsAskedForById() {
        var ws = smallWorkspace()
        ws.organisation.branches[1].name = "一支部"
        let grid = SheetGrid(rows: [(1, ["支部", "类型", "日期", "标题"]), (2, ["一支部", "党课", "2026-05-01", "党课"]), (3, ["b2", "党课", "2026-05-01", "党课"])])
        let plan = LedgerSheet.activities.plan(grid, file: "s.csv", into: ws, lang: .zh)
        #expect(plan.problems == ["s.csv:2: 列 支部: 有 2 个支部名为 \"一支部\", 请改填编号 (b1、b2)"])
        // The export writes the id where a name is shared, so its own sheet reads back.
        let rows = LedgerSheet.activities.export(ws, year: nil, lang: .zh)
        #expect(rows.dropFirst().map { $0[0].value } == ["b1", "b1", "b2", "b2"])
    }

    /// A roster without ids: members numbered m-…, matched by branch and name the second time.
    @Test func aRosterWithoutIdsImportsTwiceToTheSameIds() throws {
        let grid = SheetGrid(rows: [
            (1, ["序号", "姓名", "所在支部", "党员类别", "党内职务", "入党时间"]),
            (2, ["1", "孙八", "一支部", "预备", "组织委员", "2025年7月1日"]),
            (3, ["2", "周九", "", "正式党员", "", "2001.7.1"]),
        ])
        var ws = smallWorkspace()
        let plan = LedgerSheet.members.plan(grid, file: "m.csv", into: ws, lang: .zh)
        #expect(plan.problems == [])
        let added = (plan.change?.parts ?? []).compactMap { if case .member(nil, let m?) = $0 { return m } else { return nil } }
        #expect(added == [
            Member(id: "m-1", name: "孙八", branchId: "b1", status: .probationary, role: .committeeMember, joinDate: Self.day("2025-07-01")),
            Member(id: "m-2", name: "周九", branchId: "b1", status: .full, role: .member, joinDate: Self.day("2001-07-01")),
        ])
        try plan.change!.apply(to: &ws)
        let again = LedgerSheet.members.plan(grid, file: "m.csv", into: ws, lang: .zh)
        #expect(again.change == nil && again.unchanged == 2)
    }

    /// Exports are for people — names, Chinese labels, the id last — and read back unchanged. (The 党费
    /// sheet, a row per member and a column per month, has its own round trip: DuesSheetTests.)
    @Test(arguments: LedgerSheet.allCases.filter { $0 != .dues }, [Language.zh, .en])
    func exportsAreReadableAndReadBackExactly(sheet: LedgerSheet, lang: Language) throws {
        var ws = smallWorkspace()
        ws.activities[0].place = "党员活动室"
        ws.activities[0].host = "张三"
        // 经费 to a branch and to a 党总支 (an organisation is named as the ledger names it).
        ws.funds = [FundsEntry(id: "jf-2026-0001", date: Day(iso: "2026-03-10")!, organisationId: "b1", amount: 2800, direction: .allocated,
                               category: .activity, note: "上半年"),
                    FundsEntry(id: "jf-2026-0002", date: Day(iso: "2026-05-20")!, organisationId: "g1", amount: 1200.5, direction: .spent, category: .work)]
        let rows = sheet.export(ws, year: nil, lang: lang)
        #expect(rows[0].last?.value == lang.pick("编号", "Id"))
        let plan = sheet.plan(try SheetGrid.text(CSV.render(rows)), file: "x.csv", into: ws, lang: lang)
        #expect(plan.problems == [] && plan.change == nil, "\(plan.problems) \(String(describing: plan.change))")
        #expect(plan.unchanged == rows.count - 1)
        switch sheet {
        case .activities:
            #expect(rows[2].map(\.value) == (lang == .zh
                ? ["一支部", "党小组会", "2026-01-15", "小组学习", "", "", "", "5", "6", "第一党小组", "", "", "a2"]
                : ["一支部", "Group meeting", "2026-01-15", "小组学习", "", "", "", "5", "6", "第一党小组", "", "", "a2"]))
            #expect(rows[2][2].kind == .date && rows[2][7].kind == .number)
        case .members:
            #expect(rows[1].map(\.value) == (lang == .zh
                ? ["张三", "一支部", "正式党员", "书记", "第一党小组", "2001-07-01", "", "", "", "", "", "", "在职", "6000", "", "", "", "", "", "m1"]
                : ["张三", "一支部", "Full member", "Secretary", "第一党小组", "2001-07-01", "", "", "", "", "", "", "In work", "6000", "", "", "", "", "", "m1"]))
        case .branches:
            #expect(Array(rows[1].map(\.value).prefix(4)) == (lang == .zh ? ["党支部", "一支部", "第一党总支", "机关"] : ["Branch", "一支部", "第一党总支", "Government"]))
            #expect(rows[2][2].value == "测试党委")
        case .dues: break
        case .funds:
            #expect(rows.map { $0.map(\.value) } == (lang == .zh
                ? [["日期", "组织", "方向", "类别", "金额", "说明", "编号"],
                   ["2026-03-10", "一支部", "拨付", "活动经费", "2800", "上半年", "jf-2026-0001"],
                   ["2026-05-20", "第一党总支", "支出", "工作经费", "1200.5", "", "jf-2026-0002"]]
                : [["Date", "Organisation", "Direction", "Category", "Amount", "Note", "Id"],
                   ["2026-03-10", "一支部", "Allocated", "Activity funds", "2800", "上半年", "jf-2026-0001"],
                   ["2026-05-20", "第一党总支", "Spent", "Work funds", "1200.5", "", "jf-2026-0002"]]))
            #expect(rows[1][0].kind == .date && rows[1][4].kind == .number)
        case .development:
            // The small workspace has nobody in the pipeline (DevelopmentSheetTests round-trips people).
            #expect(rows.count == 1 && rows[0].first?.value == lang.pick("姓名", "Name"))
        }
    }
}
