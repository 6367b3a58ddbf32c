/// Synthetic workspaces of realistic size and shape for testing scale: a town, a college, a county
/// (≈ 2,000 branches, 40,000 members, 5 years, ≈ 500,000 activities) or a city. Deterministic: the
/// same preset, seed and day give the same workspace.
public enum GeneratorPreset: String, CaseIterable, Sendable {
    case town, college, county, city

    /// (general branches, branches per general branch, years)
    var shape: (generals: Int, perGeneral: Int, years: Int) {
        switch self {
        case .town: (3, 10, 3)
        case .college: (12, 17, 5)
        case .county: (100, 20, 5)
        case .city: (400, 25, 5)
        }
    }
}

public enum WorkspaceGenerator {
    static let sectors: [(Sector, Double)] = [(.rural, 0.35), (.government, 0.2), (.school, 0.15), (.enterprise, 0.12), (.community, 0.1), (.newOrganisation, 0.06), (.other, 0.02)]

    public static func make(_ preset: GeneratorPreset, seed: UInt64 = 1, asOf: Day) -> Workspace {
        var rng = SeededRandom(seed: seed &* 0x9E37_79B9 &+ UInt64(preset.rawValue.count))
        let shape = preset.shape
        let firstYear = asOf.year - shape.years + 1
        let committee = Committee(id: "c", name: "示例县委组织部", secretary: DemoNames.name(&rng))
        var generals: [GeneralBranch] = []
        var branches: [Branch] = []
        var members: [Member] = []
        var activities: [Activity] = []
        var checks: [QuarterlyCheck] = []
        var rectifications: [Rectification] = []
        var quality: [String: Double] = [:]
        let template = DefaultScheme.template

        for g in 1...shape.generals {
            let gid = "g\(g)"
            generals.append(GeneralBranch(id: gid, name: "第\(DemoWorkspace.chineseNumeral(g))片区党委", parentId: committee.id))
            for b in 1...shape.perGeneral {
                let id = "\(gid)-b\(b)"
                let size = max(3, Int(Double(rng.int(5...35)) * (rng.chance(0.05) ? 2.5 : 1)))
                let probationary = rng.int(0...max(0, size / 8))
                let full = size - probationary
                let groups = size >= 20 ? (size + 9) / 10 : 0
                var r = rng.next() % 1000
                var sector = Sector.other
                for (s, share) in sectors { if Double(r) < share * 1000 { sector = s; break }; r -= UInt64(share * 1000) }
                // Most branches work well; some fail (软弱涣散).
                let q = rng.chance(0.08) ? Double(rng.int(30...60)) / 100 : Double(rng.int(75...100)) / 100
                quality[id] = q
                let termEnd = asOf.adding(months: rng.int(-8...34))
                let groupList = (0..<groups).map { PartyGroup(id: "\(id)-g\($0 + 1)", name: "第\(DemoWorkspace.chineseNumeral($0 + 1))党小组", size: size / max(1, groups)) }
                branches.append(Branch(id: id, name: "\(generals.last!.name.prefix(6))第\(b)党支部", parentId: gid, sector: sector,
                                       fullMembers: full, probationaryMembers: probationary, hasCommittee: full >= 7 && rng.chance(0.9),
                                       secretary: rng.chance(0.98) ? DemoNames.name(&rng) : nil, termStart: termEnd.adding(months: -36),
                                       termEnd: rng.chance(0.97) ? termEnd : nil, partyGroups: groupList))
                for m in 0..<size {
                    let name = DemoNames.name(&rng)
                    let joinDate = Day(year: asOf.year - rng.int(0...40), month: rng.int(1...12), day: rng.int(1...28)).map { min($0, asOf) }
                    // Schema 3's months paid and hours, drawn still so the rest of the preset stays as it was;
                    // dues payments and training entries come from `addMemberLedger` (its own sequence).
                    _ = rng.chance(0.05) ? rng.int(1...7) : 0
                    _ = rng.int(10...40)
                    members.append(Member(id: "\(id)-m\(m + 1)", name: name, branchId: id,
                                          status: m < full ? .full : .probationary, role: m == 0 ? .secretary : .member,
                                          partyGroupId: groupList.isEmpty ? nil : groupList[m % groupList.count].id,
                                          joinDate: joinDate))
                }
            }
        }

        var counter = 0
        var findingCounter = 0
        for b in branches {
            let q = quality[b.id]!
            for year in firstYear...asOf.year {
                let lastMonth = year < asOf.year ? 12 : asOf.month
                func add(_ kind: ActivityKind, _ month: Int, _ title: String, group: String? = nil, hours: Double? = nil) {
                    guard let day = Day(year: year, month: month, day: rng.int(1...28)), day <= asOf else { return }
                    counter += 1
                    activities.append(Activity(id: "a\(year)-\(counter)", branchId: b.id, kind: kind, date: day, title: title,
                                               hours: hours, attended: b.totalMembers - rng.int(0...2), expected: b.totalMembers, partyGroupId: group,
                                               lecturer: kind == .partyLesson ? b.secretary : nil))
                }
                for month in 1...lastMonth {
                    if b.hasCommittee && rng.chance(q) { add(.committeeMeeting, month, "\(month)月支委会") }
                    for g in b.partyGroups where rng.chance(q) { add(.groupMeeting, month, "\(g.name)\(month)月学习", group: g.id) }
                    if rng.chance(q) { add(.themedPartyDay, month, "\(month)月主题党日") }
                    if month % 3 == 1 && rng.chance(q) { add(.generalMeeting, month, "党员大会") }
                    if month % 3 == 2 && rng.chance(q) { add(.partyLesson, month, "书记讲党课") }
                    if month != 2 && rng.chance(q * 0.8) { add(.studySession, month, "集中学习研讨") }
                    if month % 3 == 0 && rng.chance(q) { add(.training, month, "党员培训", hours: 8) }
                }
                if lastMonth == 12 { add(.organisationalLifeMeeting, 12, "组织生活会"); add(.democraticReview, 12, "民主评议党员") }
                // Quarterly checks and their findings.
                for quarter in Quarter.all(of: year) where quarter.lastDay < asOf && rng.chance(0.95) {
                    guard let date = Optional(quarter.lastDay.adding(days: rng.int(5...20))), date <= asOf else { continue }
                    var points: [String: Double] = [:]
                    for item in template.items { points[item.id] = (item.maxPoints * min(1, q + Double(rng.int(-10...5)) / 100) * 2).rounded() / 2 }
                    let check = QuarterlyCheck(id: "k\(quarter.year)q\(quarter.number)-\(b.id)", branchId: b.id, year: quarter.year,
                                               quarter: quarter.number, date: date, inspectors: ["督导组"], points: points, reportReceived: rng.chance(q))
                    checks.append(check)
                    if rng.chance(0.25) {
                        findingCounter += 1
                        var r = Rectification(id: "r\(findingCounter)", branchId: b.id, sourceCheckId: check.id, category: "orgLife",
                                              description: "三会一课记录不规范", owner: "支部书记", openedOn: date, dueOn: date.adding(days: 30))
                        // Good branches close nearly every finding, in their own time; weak ones leave some.
                        let started = date.adding(days: rng.int(1...10)), submitted = started.adding(days: rng.int(10...35))
                        let accepted = submitted.adding(days: rng.int(2...10))
                        if rng.chance(q >= 0.75 ? 0.97 : q), started <= asOf, case .success(let s) = r.applying(.start, on: started) {
                            r = s
                            if submitted <= asOf, case .success(let s) = r.applying(.submit(evidence: "已整改"), on: submitted) {
                                r = s
                                if accepted <= asOf, case .success(let c) = r.applying(.accept(acceptedBy: "督导组"), on: accepted) { r = c }
                            }
                        }
                        rectifications.append(r)
                    }
                }
            }
        }
        // The year's assessments (政治建设, 作用发挥, 群众满意度: the scheme's manual items), by quality.
        var manualScores: [ManualScore] = []
        let manualItems = DefaultScheme.scheme.items.filter { $0.source == .manual && $0.period == .year }
        for b in branches {
            for year in firstYear...asOf.year {
                for item in manualItems {
                    let share = min(1, max(0, quality[b.id]! + Double(rng.int(-5...15)) / 100))
                    manualScores.append(ManualScore(branchId: b.id, itemId: item.id, year: year, points: (item.max * share * 2).rounded() / 2))
                }
            }
        }
        activities.sort { ($0.date, $0.id) < ($1.date, $1.id) }
        var workspace = Workspace(
            settings: WorkspaceSettings(name: "\(preset.rawValue) 规模测试工作区", currentYear: asOf.year),
            organisation: Organisation(committee: committee, generalBranches: generals, branches: branches),
            members: members, activities: activities, plan: DemoPlan.make(year: asOf.year, asOf: asOf),
            checks: checks, rectifications: rectifications, manualScores: manualScores)
        // Rosters, personal details, dues and training entries: its own random sequence, after the rest.
        addMemberLedger(to: &workspace, preset: preset, seed: seed, quality: quality, asOf: asOf)
        return workspace
    }
}
