/// The generated presets' member ledger (issue 18): every branch keeps its roster (`countsFromRoster`),
/// and on the as-of day each roster gives exactly the branch's entered full and probationary counts.
/// Members get personal details (gender, birth date, education, phone), a role (书记 named as the
/// branch's secretary, 副书记 and 支委 in branches with a committee, a 党小组组长 per group), a dues
/// category and base by the branch's sector (mostly in work, with salaries across the four brackets and
/// a few on their edges; retirees, most of all in 社区 and 农村 branches; farmers; a few students, the
/// unemployed, those on relief, fixed amounts), a year of 党费 payments (most monthly, some by the
/// quarter, a few the year ahead; some behind by 1–2, 3–5 and 6 months or more, more of them in weak
/// branches and among 流动党员; a few paid short), training entries in every year of the workspace
/// (the 班子's online courses, members' 学习强国/网络学院 hours, new members' 党校 class, retirees'
/// 老年大学), a few moves between branches of the same 党委 and from outside during the year, 流动党员,
/// and a few who left this year (去世, 转出, 出党: kept on the roster, appended to their branch);
/// 签到 lists and 谈心谈话 (`addConduct`).
///
/// Its own random sequence, run after everything else is made: the branches, activities, checks,
/// findings and assessments draw exactly as before. What it changes on them: each branch's
/// `countsFromRoster`, `deputySecretary` and `committeeMembers`; the secretary member's name (the
/// branch's secretary); members' roles, join dates (a full member never joined in the last 13 months;
/// a probationary one was accepted in the last 11).
extension WorkspaceGenerator {
    /// The months of dues the generator records: from January of the as-of year (of the year before
    /// when the as-of day is in the first half, so that 6 months behind can show), to the as-of month.
    static func duesWindow(asOf: Day) -> (first: YearMonth, last: YearMonth) {
        (YearMonth(year: asOf.month < 7 ? asOf.year - 1 : asOf.year, month: 1)!, YearMonth(asOf))
    }

    static let places = ["广东省深圳市", "广东省东莞市", "浙江省杭州市", "浙江省宁波市", "江苏省苏州市", "上海市", "北京市", "福建省厦门市", "湖北省武汉市", "四川省成都市"]
    static let outsideOrganisations = ["邻县县委组织部", "市直机关工委", "市教育局党委", "某国有企业党委", "某大学学生党总支", "省直机关工委"]

    static func addMemberLedger(to ws: inout Workspace, preset: GeneratorPreset, seed: UInt64, quality: [String: Double], asOf: Day) {
        var rng = SeededRandom(seed: (seed ^ 0x18_0018) &* 0x2545_F491_4F6C_DD1D &+ UInt64(preset.rawValue.count))
        let year = asOf.year
        let firstYear = ws.activities.first.map { min($0.date.year, year) } ?? year
        let ledger = MemberLedger.empty(ws.settings.rules)

        // Each branch's members, contiguous in file order (m1 … mN).
        var ranges: [String: Range<Int>] = [:]
        var start = 0
        for i in ws.members.indices where i + 1 == ws.members.count || ws.members[i + 1].branchId != ws.members[i].branchId {
            ranges[ws.members[i].branchId] = start..<(i + 1)
            start = i + 1
        }
        var siblings: [String: [String]] = [:]
        for b in ws.organisation.branches { siblings[b.parentId, default: []].append(b.id) }

        var leavers: [Member] = []
        for bi in ws.organisation.branches.indices {
            var branch = ws.organisation.branches[bi]
            branch.countsFromRoster = true
            guard let range = ranges[branch.id] else { ws.organisation.branches[bi] = branch; continue }
            let full = branch.fullMembers
            let committee = branch.hasCommittee ? (full >= 20 ? 5 : 3) : 0
            var committeeNames: [String] = []
            var leaderOfGroup = Set<String>()
            for (p, i) in range.enumerated() {
                var m = ws.members[i]
                // Role: the branch's secretary (named as on the branch), its committee, a leader per party group.
                if p == 0 {
                    if let name = branch.secretary { m.name = name; m.role = .secretary } else { m.role = .member }
                } else if p < committee {
                    m.role = p == 1 && committee == 5 ? .deputySecretary : .committeeMember
                    if m.role == .deputySecretary { branch.deputySecretary = m.name } else { committeeNames.append(m.name) }
                } else if let g = m.partyGroupId, p < full, leaderOfGroup.insert(g).inserted {
                    m.role = .groupLeader
                } else {
                    m.role = .member
                }
                describe(&m, sector: branch.sector, year: year, asOf: asOf, &rng)
                ws.members[i] = m
            }
            branch.committeeMembers = committeeNames
            ws.organisation.branches[bi] = branch

            // Moves during the year: from a sibling branch, or from outside the workspace.
            let others = (siblings[branch.parentId] ?? []).filter { $0 != branch.id }
            for i in range where ws.members[i].role == .member && ws.members[i].status == .full {
                let r = rng.next() % 1000
                guard r < 12 else { continue }
                let since = ws.members[i].memberSince ?? Day.firstOf(year: year, month: 1)
                let earliest = max(since.adding(days: 30), Day.firstOf(year: year, month: 1))
                guard earliest < asOf else { continue }
                let date = earliest.adding(days: rng.int(0...(asOf.dayNumber - earliest.dayNumber - 1)))
                let from: TransferEnd = r < 7 && !others.isEmpty ? .branch(rng.pick(others)) : .outside(rng.pick(outsideOrganisations))
                ws.members[i].transfers = [Transfer(date: date, from: from, to: .branch(branch.id),
                                                    letterNumber: "组转字〔\(year)〕\(rng.int(1...400))号")]
            }
            // 流动党员: working away, mostly in the coastal cities.
            for i in range where ws.members[i].role == .member && rng.chance(branch.sector == .rural ? 0.05 : 0.01) {
                ws.members[i].mobile = MobileMembership(place: rng.pick(places) + (rng.chance(0.8) ? " (务工)" : " (经商)"),
                                                        since: asOf.adding(months: -rng.int(2...60)))
            }
            // Those who left this year (the record stays on the roster, not counted from the day they left).
            let newYear = Day.firstOf(year: year, month: 1)
            if newYear < asOf && rng.chance(0.12) {
                let reasonDraw = rng.int(0...99)
                let reason: LeaveReason = reasonDraw < 45 ? .died : reasonDraw < 92 ? .transferredOut : .expelled
                let leftOn = newYear.adding(days: rng.int(0...(asOf.dayNumber - newYear.dayNumber - 1)))
                var m = Member(id: "\(branch.id)-m\(range.count + 1)", name: DemoNames.name(&rng), branchId: branch.id, status: .full,
                               joinDate: Day(year: year - rng.int(3...50), month: rng.int(1...12), day: rng.int(1...28)))
                describe(&m, sector: branch.sector, year: year, asOf: asOf, &rng, retired: reason == .died)
                m.leftOn = leftOn
                m.leftReason = reason
                if reason == .transferredOut {
                    m.transfers = [Transfer(date: leftOn, from: .branch(branch.id), to: .outside(rng.pick(outsideOrganisations)),
                                            letterNumber: "组转字〔\(year)〕\(rng.int(1...400))号")]
                }
                leavers.append(m)
            }
        }
        // Leavers go after their branch's members (file order by branch as before).
        if !leavers.isEmpty {
            var merged: [Member] = []
            merged.reserveCapacity(ws.members.count + leavers.count)
            var next = 0
            for (i, m) in ws.members.enumerated() {
                merged.append(m)
                if i + 1 == ws.members.count || ws.members[i + 1].branchId != m.branchId {
                    while next < leavers.count && leavers[next].branchId == m.branchId { merged.append(leavers[next]); next += 1 }
                }
            }
            merged.append(contentsOf: leavers[next...])
            ws.members = merged
        }

        // 党费.
        let window = duesWindow(asOf: asOf)
        let lastDue = YearMonth(asOf).previous
        var payments: [DuesPayment] = []
        var counters: [Int: Int] = [:]
        func newId(_ y: Int) -> String {
            counters[y, default: 0] += 1
            return "dues-\(y)-\(DemoWorkspace.pad4(counters[y]!))"
        }
        let sectorOf = Dictionary(uniqueKeysWithValues: ws.organisation.branches.map { ($0.id, $0.sector) })
        var lapsed = Set<String>()
        for m in ws.members {
            guard let category = m.dues else { continue }
            let q = quality[m.branchId] ?? 0.9
            let weak = q < 0.75, away = m.mobile != nil
            // Months behind on the as-of day: their last months left unpaid.
            let draw = Double(rng.int(0...9999)) / 10000
            let p6 = (weak ? 0.03 : 0.003) * (away ? 4 : 1), p3 = (weak ? 0.06 : 0.012) * (away ? 3 : 1), p1 = weak ? 0.06 : 0.03
            let behind: Int? = draw < p6 ? rng.int(6...10) : draw < p6 + p3 ? rng.int(3...5) : draw < p6 + p3 + p1 ? rng.int(1...2) : nil
            // Some of those 6 months or more behind have also stopped coming to 组织生活 (党章 Art. 9).
            if let behind, behind >= 6, m.leftOn == nil, away || rng.chance(0.4) { lapsed.insert(m.id) }
            let through = behind.map { lastDue.adding(months: -$0) } ?? window.last
            var months: [YearMonth] = []
            var month = window.first
            while month <= through {
                if ledger.duesBranch(m, month) != nil { months.append(month) }
                month = month.next
            }
            guard !months.isEmpty else { continue }
            let retired = category.code == .retired, farmer = category.code == .farmer
            let style = rng.int(0...99)
            let yearAhead = behind == nil && style < 2 && m.leftOn == nil && m.transfers.isEmpty
            let quarterly = !yearAhead && style < (retired || farmer || away ? 45 : 15)
            var groups: [[YearMonth]]
            if yearAhead {
                // The whole year at its start (with the branch's consent), one payment a year.
                groups = Dictionary(grouping: months, by: \.year).sorted { $0.key < $1.key }.map { _, group in
                    let first = group.min()!
                    return (first.index...YearMonth(year: first.year, month: 12)!.index).map(YearMonth.init(index:)).filter { ledger.duesBranch(m, $0) != nil }
                }
            } else if quarterly {
                // A quarter at a time, in its first owed month (ahead for the rest).
                groups = []
                var current: [YearMonth] = []
                for month in months {
                    if let last = current.last, (last.month - 1) / 3 != (month.month - 1) / 3 || last.year != month.year { groups.append(current); current = [] }
                    current.append(month)
                }
                if !current.isEmpty { groups.append(current) }
                groups = groups.map { group in
                    let first = group.first!
                    let quarterEnd = YearMonth(year: first.year, month: ((first.month - 1) / 3) * 3 + 3)!
                    let end = behind == nil ? quarterEnd : min(quarterEnd, through)
                    return (first.index...end.index).map(YearMonth.init(index:)).filter { ledger.duesBranch(m, $0) != nil }
                }
            } else {
                groups = months.map { [$0] }
            }
            let sector = sectorOf[m.branchId] ?? .other
            for group in groups {
                guard let first = group.first, let day = Day(year: first.year, month: first.month, day: rng.int(3...25)) else { continue }
                // A few pay a month late, at the next 主题党日.
                let paidOn = groups.count > 1 && rng.chance(0.04) ? day.adding(days: 30) : day
                guard paidOn <= asOf, let branchId = ledger.duesBranch(m, first), let due = ledger.monthlyDue(m, first) else { continue }
                var amount = Money(fen: due.fen * group.count)
                if amount.fen > 500 && rng.chance(0.002) { amount = amount - Money(fen: 100 * rng.int(1...5)) }   // 少交
                let method: DuesMethod = switch rng.int(0...9) {
                case 0...5: sector == .rural && retired ? .cash : .wechat
                case 6, 7: sector == .government || sector == .school ? .transfer : .wechat
                case 8: .cash
                default: .alipay
                }
                payments.append(DuesPayment(id: newId(paidOn.year), memberId: m.id, branchId: branchId, months: group, amount: amount.yuan,
                                            paidOn: paidOn, method: method,
                                            note: yearAhead ? "全年预交" : group.count > 1 ? "按季度交纳" : nil))
            }
        }
        // By year, each year's in the order made (its ids' numbers).
        var byYear: [Int: [DuesPayment]] = [:]
        for p in payments { byYear[p.year, default: []].append(p) }
        ws.duesPayments = byYear.keys.sorted().flatMap { byYear[$0]! }

        // Training entries, every year of the workspace.
        var entries: [TrainingEntry] = []
        var entryCounters: [Int: Int] = [:]
        for m in ws.members {
            let q = quality[m.branchId] ?? 0.9
            for y in firstYear...year {
                func add(_ hours: Double, _ provider: String, _ title: String, month: Int) {
                    guard let date = Day(year: y, month: month, day: rng.int(3...26)), date <= asOf,
                          let branch = m.branch(on: date) else { return }
                    entryCounters[y, default: 0] += 1
                    entries.append(TrainingEntry(id: "tr-\(y)-\(DemoWorkspace.pad4(entryCounters[y]!))", memberId: m.id, branchId: branch, date: date,
                                                 hours: hours, provider: provider, title: title))
                }
                guard m.branch(on: Day.lastOf(year: y, month: 12)) != nil || m.branch(on: Day.firstOf(year: y, month: 6)) != nil else { continue }
                if m.role.isLeader {
                    if rng.chance(min(0.97, q + 0.1)) {
                        add(Double(rng.int(12...16) * 2), "中国干部网络学院", "\(y)年基层党组织书记和党务干部网络培训", month: rng.int(3...10))
                    } else if rng.chance(0.5) {
                        add(Double(rng.int(4...8) * 2), "学习强国", "\(y)年网络学习专题", month: rng.int(3...10))
                    }
                } else if m.dues?.code == .retired {
                    if rng.chance(0.45) { add(Double(rng.int(4...6) * 2), "老年大学", "离退休党员理论学习班", month: rng.int(3...10)) }
                } else if rng.chance(0.4 + q * 0.5) {
                    add(Double(rng.int(4...10) * 2), rng.pick(["学习强国", "学习强国", "党员教育网络学院", "县委党校"]), "\(y)年党员网络学习专题", month: rng.int(2...10))
                }
                if let accepted = m.acceptedOn, accepted.year == y, accepted == m.joinDate, m.status == .probationary {
                    add(16, "县委党校", "预备党员培训班", month: min(12, accepted.month + 1))
                }
            }
        }
        var entriesByYear: [Int: [TrainingEntry]] = [:]
        for e in entries { entriesByYear[e.date.year, default: []].append(e) }
        ws.trainingEntries = entriesByYear.keys.sorted().flatMap { entriesByYear[$0]! }

        addConduct(to: &ws, quality: quality, lapsed: lapsed, asOf: asOf, &rng)
    }

    /// 签到 lists on the 组织生活 (三会一课, 主题党日, 组织生活会) of the months the dues cover, from the
    /// roster of the activity's day (a 党小组会 its group's members, a 支委会 the 班子): most present, a few
    /// absent with a reason (请假, 因公, 病假; a rare 无故), more in weak branches and among 流动党员; some
    /// of the members 6 months or more behind with their dues absent without reason from every one for
    /// the last seven months (the 6-month alert). 实到/应到 are the list's counts. And the year's
    /// 谈心谈话: the secretary (or a committee member while the post is vacant) with each member, the
    /// secretary with the 党总支's secretary; in weak branches some members have had none yet.
    static func addConduct(to ws: inout Workspace, quality: [String: Double], lapsed: Set<String>, asOf: Day, _ rng: inout SeededRandom) {
        let ledger = MemberLedger(rules: ws.settings.rules, members: ws.members)
        let window = duesWindow(asOf: asOf)
        let listsFrom = window.first.firstDay, lapsedFrom = asOf.adding(months: -7)
        for i in ws.activities.indices {
            let a = ws.activities[i]
            guard a.date >= listsFrom, a.kind.isOrganisationalLife else { continue }
            var roster = ledger.members(of: a.branchId, on: a.date)
            if a.kind == .groupMeeting { roster = roster.filter { $0.partyGroupId == a.partyGroupId } }
            if a.kind == .committeeMeeting { roster = roster.filter { $0.role.isLeader } }
            guard !roster.isEmpty else { continue }
            let q = quality[a.branchId] ?? 0.9
            let list = roster.map { m -> AttendanceEntry in
                if lapsed.contains(m.id) && a.date >= lapsedFrom {
                    return AttendanceEntry(memberId: m.id, present: false, absenceReason: rng.chance(0.5) ? .unexcused : nil)
                }
                guard rng.chance((0.04 + (1 - q) * 0.2) * (m.mobile != nil ? 5 : 1)) else { return AttendanceEntry(memberId: m.id, present: true) }
                let draw = rng.int(1...40)
                let reason: AbsenceReason = draw <= 20 ? .leave : draw <= 32 ? .onDuty : draw <= 38 ? .sick : .unexcused
                return AttendanceEntry(memberId: m.id, present: false, absenceReason: reason)
            }
            ws.activities[i].attendance = list
            ws.activities[i].attended = list.filter(\.present).count
            ws.activities[i].expected = list.count
        }

        // 谈心谈话 of the as-of year, numbered after the generator's activities.
        var number = ws.activities.count
        let year = asOf.year
        let topics = ["思想工作情况", "学习与工作", "家庭与生活", "对支部工作的意见建议", "岗位职责与作风", "理想信念"]
        let org = ws.organisation
        let generalSecretary = Dictionary(uniqueKeysWithValues: org.generalBranches.map { ($0.id, $0.secretary ?? org.committee.secretary ?? "上级党组织书记") })
        let lastMonth = min(10, asOf.month)
        var talks: [Activity] = []
        for branch in org.branches where lastMonth >= 3 {
            let q = quality[branch.id] ?? 0.9
            let roster = ledger.members(of: branch.id, on: asOf)
            guard let talker = roster.first(where: { $0.role == .secretary }) ?? roster.first(where: { $0.role.isLeader }) else { continue }
            for m in roster where rng.chance(q >= 0.75 ? 0.997 : 0.8) {
                var date = Day(year: year, month: rng.int(3...lastMonth), day: rng.int(5...25))!
                if !m.isOnRoster(of: branch.id, on: date) || !talker.isOnRoster(of: branch.id, on: date) {
                    let came = ([m.memberSince, m.transfers.last?.date, talker.memberSince, talker.transfers.last?.date].compactMap { $0 }).max() ?? date
                    date = min(came.adding(days: 7), asOf)
                }
                guard date <= asOf, date.year == year, m.isOnRoster(of: branch.id, on: date) else { continue }
                let other = m.id == talker.id ? TalkParticipant(name: generalSecretary[branch.parentId] ?? "上级党组织书记") : TalkParticipant(memberId: m.id, name: m.name)
                number += 1
                talks.append(Activity(id: "a\(year)-\(number)", branchId: branch.id, kind: .talk, date: date, title: "谈心谈话: " + rng.pick(topics),
                                      participants: [TalkParticipant(memberId: talker.id, name: talker.name), other]))
            }
        }
        ws.activities += talks
        ws.activities.sort { ($0.date, $0.id) < ($1.date, $1.id) }
    }

    /// Personal details, dates and the dues category of one member of a branch of `sector`.
    static func describe(_ m: inout Member, sector: Sector, year: Int, asOf: Day, _ rng: inout SeededRandom, retired forceRetired: Bool = false) {
        let retiredShare: Double = switch sector {
        case .community: 0.45
        case .rural: 0.2
        case .government, .school: 0.12
        case .enterprise: 0.06
        case .newOrganisation: 0.03
        default: 0.15
        }
        let retired = forceRetired || (m.role == .member && rng.chance(retiredShare))
        let student = !retired && sector == .other && m.role == .member && rng.chance(0.08)
        // Dates: a full member joined at least 13 months ago (their 预备期 over); a probationary one
        // was accepted by the 支部大会 in the last 11 months.
        if m.status == .probationary {
            let accepted = asOf.adding(months: -rng.int(1...11)).adding(days: -rng.int(0...20))
            m.joinDate = accepted; m.acceptedOn = accepted; m.probationEnds = accepted.adding(months: 12)
        } else {
            var join = m.joinDate ?? asOf.adding(months: -rng.int(13...240))
            if student { join = asOf.adding(months: -rng.int(13...30)).adding(days: -rng.int(0...27)) }
            if join > asOf.adding(months: -13) { join = asOf.adding(months: -rng.int(13...36)).adding(days: -rng.int(0...27)) }
            m.joinDate = join
            // Recent members' records carry the 支部大会 day and the 预备期's end (转正).
            if join > asOf.adding(months: -36) { m.acceptedOn = join; m.probationEnds = join.adding(months: 12) }
        }
        let joinYear = m.joinDate!.year
        // Born: 18 or older on joining; retirees 60–88, students 18–23, the rest 22–59 (as the join date allows).
        let (oldest, youngest) = retired ? (year - 88, year - 60) : student ? (year - 23, year - 18) : (year - 59, year - 22)
        let latest = min(youngest, joinYear - 18)
        let born = rng.int(min(oldest, latest)...latest)
        let birthDate = Day(year: born, month: rng.int(1...12), day: rng.int(1...28))!
        m.birthDate = birthDate.adding(months: 18 * 12) > m.joinDate! ? birthDate.adding(months: -12) : birthDate
        let male: Double = switch sector {
        case .rural: 0.72
        case .enterprise: 0.65
        case .government: 0.62
        case .school: 0.45
        case .community: 0.42
        default: 0.55
        }
        m.gender = rng.chance(male) ? .male : .female
        let education: [String] = if student { ["大学本科(在读)", "大学本科(在读)", "大专(在读)"] }
            else if retired { ["初中", "高中", "高中", "中专", "中专", "大专", "大学本科"] }
            else {
                switch sector {
                case .government: ["大学本科", "大学本科", "大学本科", "大学本科", "研究生", "研究生", "大专", "大专"]
                case .school: ["大学本科", "大学本科", "大学本科", "大学本科", "大学本科", "研究生", "大专"]
                case .enterprise: ["大学本科", "大学本科", "大专", "大专", "高中", "中专", "研究生"]
                case .rural: ["初中", "初中", "高中", "高中", "中专", "大专", "大学本科"]
                case .community: ["高中", "大专", "大专", "大学本科", "初中"]
                default: ["大学本科", "大学本科", "大专", "大专", "研究生", "高中"]
                }
            }
        m.education = rng.pick(education)
        if rng.chance(0.97) {
            m.phone = "1" + rng.pick(["38", "39", "35", "36", "37", "50", "51", "52", "58", "59", "82", "87", "88", "77", "80", "86", "89"])
                + String(100_000_000 + rng.int(0...99_999_999)).dropFirst()
        }
        // 党费: category and base (after-tax monthly salary or pension), by sector.
        func salary(_ low: Int, _ high: Int) -> Double {
            // A few exactly on a bracket's edge; some to the 分; most to 10 元.
            if rng.chance(0.01) { return rng.pick([3000, 5000, 10000]) }
            let base = Double(rng.int(low / 10...high / 10) * 10)
            return rng.chance(0.3) ? base + Double(rng.int(1...99)) / 100 : base
        }
        if student { m.dues = .student }
        else if retired { m.dues = .retired(base: salary(1800, 8500)) }
        else if rng.chance(0.005) { m.dues = .fixed(amount: Double(rng.pick([50, 100, 100, 200]))) }
        else {
            switch sector {
            case .government: m.dues = .inWork(base: salary(3500, 12500))
            case .school: m.dues = .inWork(base: salary(3200, 9500))
            case .enterprise: m.dues = .inWork(base: salary(2200, 16000))
            case .newOrganisation: m.dues = .inWork(base: salary(2800, 11000))
            case .rural:
                m.dues = rng.chance(0.3) ? .farmer : .inWork(base: salary(1800, 5500))
            case .community:
                let r = rng.int(0...99)
                m.dues = r < 4 ? .unemployed : r < 6 ? .relief : .inWork(base: salary(2200, 6500))
            default: m.dues = .inWork(base: salary(2500, 8000))
            }
        }
    }
}
