/// The demo's member ledger (issue 18): personal details, dues categories and bases, a year and more
/// of 党费 payments (a few members 2, 3 and 6+ months behind, one paying short), individual training
/// entries (the 班子's online courses, new members' training), a transfer between two branches in the
/// middle of a quarter, a transfer in from outside, a 流动党员, and two who left (kept on the roster).
/// Every branch keeps its roster (`countsFromRoster`), and on `asOf` the rosters give the branch counts
/// the specs list. Its own random sequence: the rest of the demo draws exactly as before.
extension DemoWorkspace {
    static let ledgerSeed: UInt64 = 20_080_301

    static func addMemberLedger(to ws: inout Workspace, specs: [Spec], asOf: Day) {
        var rng = SeededRandom(seed: ledgerSeed)
        let year = asOf.year
        let quality = Dictionary(uniqueKeysWithValues: specs.map { ($0.id, $0.quality) })
        for b in ws.organisation.branches.indices { ws.organisation.branches[b].countsFromRoster = true }
        let sectors = Dictionary(uniqueKeysWithValues: ws.organisation.branches.map { ($0.id, $0.sector) })

        // Details of every member, by branch and position in it.
        var positionInBranch: [String: Int] = [:]
        for i in ws.members.indices {
            var m = ws.members[i]
            let position = positionInBranch[m.branchId, default: 0]
            positionInBranch[m.branchId] = position + 1
            let student = m.branchId.hasPrefix("b-s-"), retired = m.branchId == "b-retired"
            m.gender = rng.chance(student ? 0.5 : 0.6) ? .male : .female
            // Students joined at university (full ones one to two and a half years ago); everyone was 18 or older.
            if student && m.status == .full { m.joinDate = asOf.adding(months: -rng.int(13...30)).adding(days: -rng.int(0...27)) }
            let latest = min(retired ? year - 62 : student ? year - 19 : year - 26, (m.joinDate?.year ?? year) - 18)
            let born = rng.int((student ? latest - 3 : retired ? min(1940, latest) : max(1960, latest - 30))...latest)
            m.birthDate = Day(year: born, month: rng.int(1...12), day: rng.int(1...28))
            m.education = student ? "大学本科(在读)" : retired ? rng.pick(["中专", "大专", "大学本科"]) : rng.pick(["大学本科", "研究生", "研究生", "大学本科", "大专"])
            m.phone = "138" + pad4(rng.int(0...9999)) + pad4(1000 + i)
            if m.status == .probationary {
                // Accepted by the 支部大会 within the last eleven months: still probationary on asOf.
                let accepted = asOf.adding(months: -(1 + position % 11)).adding(days: -rng.int(0...20))
                m.joinDate = accepted
                m.acceptedOn = accepted
                m.probationEnds = accepted.adding(months: 12)
            } else if let join = m.joinDate {
                m.acceptedOn = join
                m.probationEnds = join.adding(months: 12)
            }
            // 党费 category and base (after-tax monthly salary or pension, to 10 元).
            if student { m.dues = .student }
            else if retired { m.dues = .retired(base: Double(rng.int(280...760) * 10)) }
            else if sectors[m.branchId] == .enterprise { m.dues = .inWork(base: Double(rng.int(250...900) * 10)) }
            else { m.dues = .inWork(base: Double(rng.int(350...1450) * 10)) }
            ws.members[i] = m
        }
        func index(_ id: String) -> Int? { ws.members.firstIndex { $0.id == id } }
        // Bases on the brackets' edges, and one who pays a fixed amount by choice.
        if let i = index("b-office-m3") { ws.members[i].dues = .inWork(base: 3000) }
        if let i = index("b-office-m4") { ws.members[i].dues = .inWork(base: 5000) }
        if let i = index("b-office-m5") { ws.members[i].dues = .fixed(amount: 100) }
        if let i = index("b-retired-m7") { ws.members[i].dues = .retired(base: 5000) }

        // A transfer between branches in the middle of a quarter: from 财务资产 to 组织人事.
        let moved = Day(year: year, month: 8, day: 18)!
        if moved <= asOf, let i = index("b-org-m7") {
            ws.members[i].transfers = [Transfer(date: moved, from: .branch("b-finance"), to: .branch("b-org"), letterNumber: "院组转〔\(year)〕12号")]
        }
        // A transfer in from outside the committee.
        let arrived = Day(year: year, month: 3, day: 10)!
        if arrived <= asOf, let i = index("b-t-info-m9") {
            ws.members[i].transfers = [Transfer(date: arrived, from: .outside("某大学机械工程学院教工党支部"), to: .branch("b-t-info"),
                                                letterNumber: "组转字〔\(year)〕35号")]
        }
        // A 流动党员 on an internship.
        if let i = index("b-s-mech-m5") { ws.members[i].mobile = MobileMembership(place: "广东省深圳市南山区 (实习)", since: Day(year: year, month: 7, day: 1)) }
        // Two who left this year, kept on the roster (not counted from the day they left).
        let died = Day(year: year, month: 6, day: 12)!, out = Day(year: year, month: 9, day: 30)!
        if died <= asOf {
            ws.members.append(Member(id: "b-retired-m103", name: "周德明", branchId: "b-retired", joinDate: Day(year: 1968, month: 7, day: 1),
                                     gender: .male, birthDate: Day(year: 1941, month: 3, day: 2), education: "中专",
                                     acceptedOn: Day(year: 1968, month: 7, day: 1), probationEnds: Day(year: 1969, month: 7, day: 1),
                                     dues: .retired(base: 4200), leftOn: died, leftReason: .died))
        }
        if out <= asOf {
            ws.members.append(Member(id: "b-office-m11", name: "韩雪", branchId: "b-office", joinDate: Day(year: 2015, month: 6, day: 20),
                                     gender: .female, birthDate: Day(year: 1990, month: 10, day: 8), education: "研究生",
                                     acceptedOn: Day(year: 2015, month: 6, day: 20), probationEnds: Day(year: 2016, month: 6, day: 20),
                                     dues: .inWork(base: 7600), leftOn: out, leftReason: .transferredOut,
                                     transfers: [Transfer(date: out, from: .branch("b-office"), to: .outside("市教育局机关党委"),
                                                          letterNumber: "院组转〔\(year)〕21号")]))
        }

        // 党费: the previous year whole, this year up to asOf (this month's when paid by then); a few behind.
        let ledger = MemberLedger(rules: ws.settings.rules, members: ws.members)
        let lastDue = YearMonth(asOf).previous
        // Months behind on asOf (their last months left unpaid), and one who paid short.
        let behind: [String: Int] = ["b-office-m6": 2, "b-t-info-m3": 3, "b-s-mech-m3": 3, "b-s-econ-m3": 3, "b-s-info-m3": 3,
                                     "b-retired-m3": 3, "b-s-info-m4": 7, "b-retired-m4": 7, "b-retired-m6": 10]
        let shortPayer = "b-t-mech-m8"
        var payments: [DuesPayment] = []
        var counters: [Int: Int] = [:]
        func newId(_ y: Int) -> String {
            counters[y, default: 0] += 1
            return "dues-\(y)-\(pad4(counters[y]!))"
        }
        let methods: [DuesMethod] = [.wechat, .wechat, .wechat, .wechat, .transfer, .transfer, .transfer, .cash, .cash, .alipay]
        for m in ws.members {
            let student = m.branchId.hasPrefix("b-s-"), retired = m.branchId == "b-retired"
            let quarterly = behind[m.id] == nil && m.id != shortPayer && (student || retired || rng.chance(0.35))
            // Up to the as-of month for those who are not behind (this month's only once its day has come).
            let through = behind[m.id].map { lastDue.adding(months: -$0) } ?? YearMonth(asOf)
            var months: [YearMonth] = []
            var month = YearMonth(year: year - 1, month: 1)!
            while month <= through {
                if ledger.duesBranch(m, month) != nil { months.append(month) }
                month = month.next
            }
            // Monthly, or a quarter at a time (paid in its first owed month, ahead for the rest).
            let groups: [[YearMonth]] = quarterly
                ? Dictionary(grouping: months, by: { $0.year * 4 + ($0.month - 1) / 3 }).sorted { $0.key < $1.key }.map { group in
                    let first = group.value.min()!
                    let quarterEnd = YearMonth(year: first.year, month: ((first.month - 1) / 3) * 3 + 3)!
                    return (first.index...quarterEnd.index).map(YearMonth.init(index:)).filter { ledger.duesBranch(m, $0) != nil }
                }
                : months.map { [$0] }
            for group in groups {
                guard let first = group.first, let paidOn = Day(year: first.year, month: first.month, day: rng.int(5...25)),
                      paidOn <= asOf, let due = ledger.monthlyDue(m, first) else { continue }
                var amount = Money(fen: due.fen * group.count)
                if m.id == shortPayer && first == YearMonth(year: year, month: 5) { amount = amount - Money(fen: 100) }   // 少交 1 元
                payments.append(DuesPayment(id: newId(paidOn.year), memberId: m.id, branchId: ledger.duesBranch(m, first)!,
                                            months: group, amount: amount.yuan, paidOn: paidOn, method: rng.pick(methods),
                                            note: group.count > 1 ? "按季度交纳" : nil))
            }
        }
        payments.sort { ($0.year, $0.id) < ($1.year, $1.id) }
        ws.duesPayments = payments

        // Training entries: the 班子's online courses (short in the weakest branches), new members'
        // training, retired members' 老年大学 classes and a few others' online courses.
        var entries: [TrainingEntry] = []
        var entryCounters: [Int: Int] = [:]
        for m in ws.members where m.leftOn == nil {
            for y in [year - 1, year] {
                func add(_ hours: Double, _ provider: String, _ title: String, month: Int) {
                    guard let date = Day(year: y, month: month, day: rng.int(3...26)), date <= asOf,
                          let branch = m.branch(on: date) else { return }
                    entryCounters[y, default: 0] += 1
                    entries.append(TrainingEntry(id: "tr-\(y)-\(pad4(entryCounters[y]!))", memberId: m.id, branchId: branch, date: date,
                                                 hours: hours, provider: provider, title: title))
                }
                let q = quality[m.branchId] ?? 0.9
                if m.role.isLeader {
                    add(q < 0.8 ? 12 : 24, "中国干部网络学院", "\(y)年基层党组织书记网络专题培训", month: rng.int(3...9))
                }
                if let accepted = m.acceptedOn, accepted.year == y, m.status == .probationary {
                    add(16, "院党校", "预备党员培训班", month: min(12, accepted.month + 1))
                }
                if m.branchId == "b-retired" && rng.chance(0.6) {
                    add(Double(rng.int(8...12)), "老年大学", "离退休党员理论学习班", month: rng.int(3...10))
                } else if !m.role.isLeader && rng.chance(0.2) {
                    add(Double(rng.int(2...4) * 2), "学习强国", "网络学习专题", month: rng.int(2...10))
                }
            }
        }
        entries.sort { ($0.date.year, $0.id) < ($1.date.year, $1.id) }
        ws.trainingEntries = entries

        // 发展党员 (issue 19): its own random sequence, after everything above has drawn.
        addDevelopment(to: &ws, asOf: asOf)
    }
}
