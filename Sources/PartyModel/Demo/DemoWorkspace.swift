/// The built-in demo: an institute party committee in the spirit of seeds 000 and 003, with
/// activities for the previous and the current year up to `asOf`, and deliberate imperfections
/// for the rules to find. The same `asOf` always gives the same workspace.
public enum DemoWorkspace {
    public static let seed: UInt64 = 20_200_622

    /// What each demo branch looks like and which imperfection it carries.
    struct Spec {
        var id: String
        var name: String
        var parent: String
        var sector: Sector
        var full: Int
        var probationary: Int
        var hasCommittee: Bool
        var groups: Int
        var joint = false
        var secretaryVacant = false
        /// Term end relative to asOf, in months (negative = overdue); nil = unknown.
        var termEndsInMonths: Int? = 14
        var missingLessonQuarter: Int? = nil     // a quarter of the current year without 党课
        var trainingSessions = 4                  // 8 h each per year
        var studySessions = 9
        /// How well the branch does its work, 0 … 1: drives check points, findings and assessments.
        var quality = 0.9
        /// Whether its check for the last ended quarter is still missing.
        var lastCheckMissing = false
    }

    static let specs: [Spec] = [
        Spec(id: "b-office", name: "党政办公室党支部", parent: "gb-office", sector: .government, full: 9, probationary: 1, hasCommittee: true, groups: 0, termEndsInMonths: 20, quality: 0.99),
        Spec(id: "b-org", name: "组织人事党支部", parent: "gb-office", sector: .government, full: 7, probationary: 0, hasCommittee: true, groups: 0, termEndsInMonths: 5, quality: 0.97),
        // 8+ full members but no committee.
        Spec(id: "b-finance", name: "财务资产党支部", parent: "gb-office", sector: .government, full: 8, probationary: 0, hasCommittee: false, groups: 0, termEndsInMonths: 26, quality: 0.86),
        // Secretary vacant.
        Spec(id: "b-logistics", name: "后勤保障党支部", parent: "gb-office", sector: .government, full: 12, probationary: 1, hasCommittee: true, groups: 0, secretaryVacant: true, termEndsInMonths: 2, quality: 0.7),
        // Joint branch, term date unknown.
        Spec(id: "b-joint", name: "附属单位联合党支部", parent: "gb-office", sector: .other, full: 4, probationary: 0, hasCommittee: false, groups: 0, joint: true, termEndsInMonths: nil, quality: 0.66, lastCheckMissing: true),
        Spec(id: "b-t-mech", name: "机电工程系教工党支部", parent: "gb-teach", sector: .school, full: 18, probationary: 1, hasCommittee: true, groups: 2, termEndsInMonths: 30, quality: 0.98),
        Spec(id: "b-t-info", name: "信息工程系教工党支部", parent: "gb-teach", sector: .school, full: 22, probationary: 2, hasCommittee: true, groups: 3, termEndsInMonths: 11, quality: 0.95),
        // Short of training hours.
        Spec(id: "b-t-econ", name: "经济管理系教工党支部", parent: "gb-teach", sector: .school, full: 15, probationary: 0, hasCommittee: true, groups: 2, termEndsInMonths: 17, trainingSessions: 2, studySessions: 6, quality: 0.8),
        // A quarter without its 党课.
        Spec(id: "b-t-basic", name: "基础教学部教工党支部", parent: "gb-teach", sector: .school, full: 11, probationary: 0, hasCommittee: true, groups: 0, termEndsInMonths: 8, missingLessonQuarter: 2, quality: 0.84),
        // Term overdue.
        Spec(id: "b-t-research", name: "科研中心党支部", parent: "gb-teach", sector: .school, full: 9, probationary: 1, hasCommittee: true, groups: 0, termEndsInMonths: -6, quality: 0.5),
        Spec(id: "b-s-mech", name: "机电工程系学生党支部", parent: "gb-student", sector: .school, full: 14, probationary: 12, hasCommittee: true, groups: 3, termEndsInMonths: 9, quality: 0.93),
        // Over 50 members: should be a general branch.
        Spec(id: "b-s-info", name: "信息工程系学生党支部", parent: "gb-student", sector: .school, full: 40, probationary: 16, hasCommittee: true, groups: 5, termEndsInMonths: 10, quality: 0.82),
        // 20+ members without party groups.
        Spec(id: "b-s-econ", name: "经济管理系学生党支部", parent: "gb-student", sector: .school, full: 10, probationary: 12, hasCommittee: true, groups: 0, termEndsInMonths: 22, quality: 0.88),
        // 100+ members: should be a committee (基层党委).
        Spec(id: "b-retired", name: "离退休党支部", parent: "c-institute", sector: .other, full: 102, probationary: 0, hasCommittee: true, groups: 10, termEndsInMonths: 28, trainingSessions: 3, quality: 0.9),
        // Fewer than 3 full members and not a joint branch.
        Spec(id: "b-enterprise", name: "校办企业党支部", parent: "c-institute", sector: .enterprise, full: 2, probationary: 1, hasCommittee: false, groups: 0, termEndsInMonths: 15, quality: 0.45, lastCheckMissing: true),
    ]

    public static func make(asOf: Day) -> Workspace {
        var rng = SeededRandom(seed: seed)
        let year = asOf.year
        let committee = Committee(id: "c-institute", name: "示例研究院党委", secretary: "王建国",
                                  termStart: Day(year: year - 2, month: 9, day: 15), termEnd: Day(year: year + 3, month: 9, day: 14))
        let generals = [
            GeneralBranch(id: "gb-office", name: "机关党总支", parentId: committee.id, secretary: "李文静",
                          termStart: Day(year: year - 1, month: 4, day: 10), termEnd: Day(year: year + 2, month: 4, day: 9)),
            GeneralBranch(id: "gb-teach", name: "教学科研党总支", parentId: committee.id, secretary: "张海燕",
                          termStart: Day(year: year - 2, month: 11, day: 20), termEnd: Day(year: year + 1, month: 11, day: 19)),
            GeneralBranch(id: "gb-student", name: "学生党总支", parentId: committee.id, secretary: "刘振华",
                          termStart: Day(year: year - 1, month: 6, day: 5), termEnd: Day(year: year + 2, month: 6, day: 4)),
        ]

        var branches: [Branch] = []
        var members: [Member] = []
        for spec in specs {
            let (branch, roster) = makeBranch(spec, asOf: asOf, rng: &rng)
            branches.append(branch)
            members += roster
        }

        var activities: [Activity] = []
        for y in [year - 1, year] {
            var counter = 0
            for (spec, branch) in zip(specs, branches) {
                activities += makeActivities(spec, branch, year: y, asOf: asOf, counter: &counter, rng: &rng)
            }
        }
        activities.sort { ($0.date, $0.id) < ($1.date, $1.id) }

        let organisation = Organisation(committee: committee, generalBranches: generals, branches: branches)
        var workspace = Workspace(
            settings: WorkspaceSettings(name: "示例研究院党委", currentYear: year, isDemo: true),
            organisation: organisation,
            members: members,
            activities: activities,
            plan: DemoPlan.make(year: year, asOf: asOf, organisation: organisation))
        addMemberLedger(to: &workspace, specs: specs, asOf: asOf)
        DemoChecks.add(to: &workspace, specs: specs, asOf: asOf, rng: &rng)
        addConduct(to: &workspace, asOf: asOf)
        addFunds(to: &workspace, asOf: asOf)
        addTargets(to: &workspace, asOf: asOf)
        return workspace
    }

    static func makeBranch(_ spec: Spec, asOf: Day, rng: inout SeededRandom) -> (Branch, [Member]) {
        var roster: [Member] = []
        let total = spec.full + spec.probationary
        var groups: [PartyGroup] = []
        if spec.groups > 0 {
            let base = total / spec.groups, extra = total % spec.groups
            for g in 0..<spec.groups {
                groups.append(PartyGroup(id: "\(spec.id)-g\(g + 1)", name: "第\(chineseNumeral(g + 1))党小组",
                                         size: base + (g < extra ? 1 : 0)))
            }
        }
        let leaders = spec.hasCommittee ? min(5, max(3, spec.full / 6)) : 1
        var groupIndex = 0, inGroup = 0
        for i in 0..<total {
            let status: MemberStatus = i < spec.full ? .full : .probationary
            var role: MemberRole = .member
            if i == 0 { role = spec.secretaryVacant ? .committeeMember : .secretary }
            else if i == 1 && spec.hasCommittee { role = .deputySecretary }
            else if i < leaders && spec.hasCommittee { role = .committeeMember }
            var groupId: String? = nil
            if !groups.isEmpty {
                groupId = groups[groupIndex].id
                if inGroup == 0 { groups[groupIndex].leader = nil }
                inGroup += 1
                if inGroup == groups[groupIndex].size { groupIndex += 1; inGroup = 0 }
            }
            let name = DemoNames.name(&rng)
            let joinYear = status == .probationary ? asOf.year - (rng.chance(0.5) ? 0 : 1) : asOf.year - rng.int(2...35)
            let join = Day(year: joinYear, month: rng.int(1...12), day: rng.int(1...28))!
            let joinDate = min(join, asOf)
            // Dues, hours and personal details: `addMemberLedger`.
            roster.append(Member(
                id: "\(spec.id)-m\(String(i + 1))", name: name, branchId: spec.id, status: status, role: role,
                partyGroupId: groupId, joinDate: joinDate))
        }
        // Group leaders are the first member of each group.
        for g in groups.indices {
            groups[g].leader = roster.first { $0.partyGroupId == groups[g].id }?.name
        }
        let secretary = spec.secretaryVacant ? nil : roster.first?.name
        let deputy = spec.hasCommittee ? roster.first { $0.role == .deputySecretary }?.name : nil
        let committeeMembers = roster.filter { $0.role == .committeeMember }.map(\.name)
        var termStart: Day? = nil, termEnd: Day? = nil
        if let months = spec.termEndsInMonths {
            let termYears = 3
            termEnd = asOf.adding(months: months).adding(days: -rng.int(0...20))
            termStart = termEnd!.adding(months: -12 * termYears).adding(days: 1)
        }
        let branch = Branch(
            id: spec.id, name: spec.name, parentId: spec.parent, sector: spec.sector,
            fullMembers: spec.full, probationaryMembers: spec.probationary, isJointBranch: spec.joint,
            hasCommittee: spec.hasCommittee, secretary: secretary, deputySecretary: deputy,
            committeeMembers: committeeMembers, termStart: termStart, termEnd: termEnd,
            contactLeader: rng.pick(["王建国", "陈立新", "赵春华", "孙卫东"]), partyGroups: groups,
            // A vacant post was left five months ago: longer than secretaryVacantMonths (3).
            secretaryVacantSince: spec.secretaryVacant ? asOf.adding(months: -5) : nil)
        return (branch, roster)
    }

    static func makeActivities(_ spec: Spec, _ branch: Branch, year: Int, asOf: Day,
                               counter: inout Int, rng: inout SeededRandom) -> [Activity] {
        var out: [Activity] = []
        let members = branch.totalMembers
        func add(_ kind: ActivityKind, _ month: Int, _ title: String, group: String? = nil, hours: Double? = nil, dayRange: ClosedRange<Int> = 3...26) {
            let day = Day(year: year, month: month, day: rng.int(dayRange))!
            guard day <= asOf else { return }
            counter += 1
            let leadership = [branch.secretary, branch.deputySecretary].compactMap { $0 }.count + branch.committeeMembers.count
            let expected = kind == .committeeMeeting ? leadership
                : group.flatMap { g in branch.partyGroups.first { $0.id == g }?.size } ?? members
            let absent = expected > 3 ? rng.int(0...max(0, expected / 8)) : 0
            // The secretary gives the party lessons; in the weakest branches the deputy stands in (书记讲党课 missing).
            let lecturer = kind != .partyLesson ? nil : spec.quality < 0.7 ? (branch.deputySecretary ?? branch.secretary) : branch.secretary
            // 地点 and 主持人 (no random draw: the rest of the demo stays as it was). The weakest branches
            // keep a thin 纪实: two records in three without them.
            let recorded = spec.quality >= 0.7 || counter % 3 == 0
            out.append(Activity(
                id: "a\(year)-\(pad4(counter))", branchId: branch.id, kind: kind, date: day, title: title,
                hours: hours, attended: expected - absent, expected: expected, partyGroupId: group, lecturer: lecturer,
                place: recorded ? place(kind, spec, month: month) : nil,
                host: recorded ? host(kind, branch, group: group) : nil))
        }
        let lastMonth = year < asOf.year ? 12 : asOf.month
        for month in 1...lastMonth {
            let quarter = (month - 1) / 3 + 1
            if branch.hasCommittee && !rng.chance(0.04) { add(.committeeMeeting, month, "\(month)月支委会") }
            for group in branch.partyGroups where !rng.chance(0.05) {
                add(.groupMeeting, month, "\(group.name)\(month)月学习", group: group.id)
            }
            if !rng.chance(0.05) { add(.themedPartyDay, month, themedDayTitle(month)) }
            if month % 3 == 1 { add(.generalMeeting, month, "第\(chineseNumeral(quarter))季度党员大会", dayRange: 5...25) }
            if month % 3 == (spec.quality > 0.8 ? 1 : 2) {
                let skip = year == asOf.year && spec.missingLessonQuarter == quarter
                if !skip { add(.partyLesson, month, "书记讲党课: \(lessonTitle(quarter))") }
            }
            if month != 2 && month != 8 && (month * spec.studySessions) % 10 < spec.studySessions {
                add(.studySession, month, "集中学习研讨: \(studyTitle(month))")
            }
            if month % 3 == 1 && (month - 1) / 3 < spec.trainingSessions {
                add(.training, month, "党员集中培训(\(month)月)", hours: 8)
            }
            if month == 6 || month == 11 { add(.talk, month, "谈心谈话") }
        }
        if lastMonth == 12 {
            add(.organisationalLifeMeeting, 12, "\(year)年度组织生活会", dayRange: 10...20)
            add(.democraticReview, 12, "\(year)年度民主评议党员", dayRange: 21...28)
        }
        return out
    }

    /// Where a demo activity was held: the branch's own rooms, the hall for lessons and training, a
    /// memorial or a service point for some themed days; none for a talk.
    static func place(_ kind: ActivityKind, _ spec: Spec, month: Int) -> String? {
        let room: String
        switch spec.id {
        case "b-retired": room = "老干部活动中心"
        case "b-enterprise": room = "公司二楼会议室"
        case _ where spec.id.hasPrefix("b-s-"): room = "学生活动中心党员之家"
        case _ where spec.id.hasPrefix("b-t-"): room = "教学楼党员活动室"
        default: room = "党员活动室"
        }
        switch kind {
        case .committeeMeeting, .studySession: return spec.id == "b-retired" || spec.id == "b-enterprise" ? room : "行政楼三楼会议室"
        case .partyLesson, .training: return "学术报告厅"
        case .themedPartyDay where month == 4 || month == 7: return "革命烈士纪念馆"
        case .themedPartyDay where month == 3: return "社区志愿服务站"
        case .talk, .other: return nil
        default: return room
        }
    }

    /// Who presided: the group's leader for a group meeting, else the secretary (the deputy, or a
    /// committee member, while the post is vacant); nobody for a talk.
    static func host(_ kind: ActivityKind, _ branch: Branch, group: String?) -> String? {
        if kind == .talk || kind == .other { return nil }
        if kind == .groupMeeting, let leader = branch.partyGroups.first(where: { $0.id == group })?.leader { return leader }
        return branch.secretary ?? branch.deputySecretary ?? branch.committeeMembers.first
    }

    static func themedDayTitle(_ month: Int) -> String {
        let themes = ["新春慰问", "学雷锋志愿服务", "清明祭英烈", "劳动创造幸福", "青春心向党", "七一重温入党誓词",
                      "建党精神学习", "国防教育", "教师节谈初心", "国庆主题教育", "廉洁文化进支部", "宪法宣传"]
        return "主题党日: " + themes[month - 1]
    }

    static func lessonTitle(_ quarter: Int) -> String {
        ["学习党章 遵守党规", "弘扬伟大建党精神", "立德树人 担当作为", "全面从严治党"][quarter - 1]
    }

    static func studyTitle(_ month: Int) -> String {
        ["党的创新理论", "民主集中制", "意识形态工作", "作风建设", "廉政教育", "党史学习",
         "条例学习", "师德师风", "基层党建", "安全生产", "纪律建设", "年度总结"][month - 1]
    }

    /// 1 → 一, 15 → 十五, 40 → 四十, 101 → 一百零一, 110 → 一百一十, 400 → 四百 (digits past 999).
    static func chineseNumeral(_ n: Int) -> String {
        let digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]
        guard (0..<1000).contains(n) else { return String(n) }
        if n <= 10 { return digits[n] }
        if n < 20 { return "十" + digits[n - 10] }
        if n < 100 { return digits[n / 10] + "十" + (n % 10 == 0 ? "" : digits[n % 10]) }
        let head = digits[n / 100] + "百", rest = n % 100
        if rest == 0 { return head }
        if rest < 10 { return head + "零" + digits[rest] }
        return head + (rest < 20 ? "一" : "") + chineseNumeral(rest)
    }

    static func pad4(_ n: Int) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, 4 - s.count)) + s
    }
}
