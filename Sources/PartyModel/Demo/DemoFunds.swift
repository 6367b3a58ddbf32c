extension DemoWorkspace {
    /// 经费 of the demo: the 党委's 工作经费 from above, the 机关 branches' 活动经费 (800 元 a member a year,
    /// seed 004) in two halves — 后勤保障党支部's second half not yet allocated, so from 1 July it is below
    /// its standard — 党费返还 to the teaching branches, and each branch's spending; last year the same,
    /// whole. Only entries up to the as-of day.
    static func addFunds(to ws: inout Workspace, asOf: Day) {
        var entries: [FundsEntry] = []
        var counter: [Int: Int] = [:]
        func add(_ date: Day, _ org: String, _ amount: Double, _ direction: FundsDirection, _ category: FundsCategory, _ note: String) {
            guard date <= asOf else { return }
            counter[date.year, default: 0] += 1
            let n = counter[date.year]!
            entries.append(FundsEntry(id: "jf-\(date.year)-\(n < 10 ? "000" : n < 100 ? "00" : "0")\(n)", date: date, organisationId: org,
                                      amount: amount, direction: direction, category: category, note: note))
        }
        let members = MemberLedger(ws)
        let government = ws.organisation.branches.filter { $0.sector == .government }
        for year in [asOf.year - 1, asOf.year] {
            add(Day(year: year, month: 1, day: 12)!, ws.organisation.committee.id, 200_000, .allocated, .work, "上级党委拨付年度党建工作经费")
            for b in government {
                // Members on the year's first day, as the office budgets them.
                let count = members.counts(b, on: Day.firstOf(year: year, month: 1)).total
                let yearly = 800.0 * Double(count)
                add(Day(year: year, month: 3, day: 16)!, b.id, yearly / 2, .allocated, .activity, "上半年党组织活动经费 (每人每年800元)")
                let lateHalf = year == asOf.year && b.id == "b-logistics"
                if !lateHalf { add(Day(year: year, month: 9, day: 15)!, b.id, yearly / 2, .allocated, .activity, "下半年党组织活动经费") }
                add(Day(year: year, month: 4, day: 23)!, b.id, (yearly * 0.3).rounded(), .spent, .activity, "主题党日: 红色教育基地参观交通费")
                add(Day(year: year, month: 10, day: 28)!, b.id, (yearly * 0.25).rounded(), .spent, .activity, "学习资料与党员活动室布置")
            }
            for b in ws.organisation.branches where b.parentId == "gb-teach" {
                add(Day(year: year, month: 6, day: 28)!, b.id, 3_000, .allocated, .duesReturn, "党费返还, 用于党员教育")
                add(Day(year: year, month: 7, day: 1)!, b.id, 1_800, .spent, .duesReturn, "七一表彰与党员教育培训")
            }
            add(Day(year: year, month: 11, day: 20)!, ws.organisation.committee.id, 45_000, .spent, .work, "全体党员集中培训")
        }
        ws.funds = entries.sorted { ($0.date, $0.id) < ($1.date, $1.id) }
    }
}
