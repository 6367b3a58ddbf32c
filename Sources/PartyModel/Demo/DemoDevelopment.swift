/// The demo's 发展党员 pipeline (issue 19): people at every stage across the student branches, two
/// teachers' branches and the office, with histories that keep the rules — but for one talk held late
/// on purpose, recorded as an exception with its reason — and some steps overdue, so that every
/// development alert appears: a talk not held within a month, an activist not reviewed for half a year,
/// a 发展对象 without 政审, approvals past 3 and 6 months, a 预备期 ended and not yet discussed, a 转正
/// not approved 3 months after it ended. One 预备期 extended by six months, one cancelled. People who
/// became members are linked to their roster records (whose dates this sets where the story needs:
/// called before the dues are made, so the 党费 follow). Its own random sequence. The 发展计划 and
/// student counts of the year too.
extension DemoWorkspace {
    static let developmentSeed: UInt64 = 20_140_610

    /// One person's path: the key days; the steps between them follow (`steps`), none after asOf.
    struct DevelopmentPath {
        var branch: String
        var applied: Day?
        var talk: Day?? = nil            // nil: 12 days after the application; .some(nil): none held
        var activist: Day?
        var reviews = true
        var target: Day?
        var politicalReview = true
        var training = true
        var meeting: Day?
        var approval: Day?
        var fullApplication = false
        var fullMeeting: Day?
        var extensionMonths: Int?
        var fullApproval: Day?
        var cancellation: Day?
        var withdrawal: Day?
        var member: String?
        var talkException: String?
    }

    static func addDevelopment(to ws: inout Workspace, asOf a: Day) {
        var rng = SeededRandom(seed: developmentSeed)
        func months(_ n: Int) -> Day { a.adding(months: n) }
        func days(_ n: Int) -> Day { a.adding(days: n) }
        func index(_ id: String) -> Int? { ws.members.firstIndex { $0.id == id } }
        // Roster members whose story fits their days (student full members, accepted 13 to 30 months
        // ago): a 预备期 ended within the last two months and not yet discussed, one ended 4 to 9 months
        // ago whose 转正 is not approved, one extended by six months (ended 8 to 18 months ago: the
        // extension has run too), two made full in time. Their acceptance is left as it is (the dues
        // made from it stand); only the extended one's 预备期 end moves.
        var taken = Set<String>()
        func pick(_ branches: [String], endedBetween from: Int, and to: Int) -> String? {
            let found = ws.members.first { m in
                guard branches.contains(m.branchId), m.status == .full, !m.role.isLeader, m.leftOn == nil, m.transfers.isEmpty,
                      !taken.contains(m.id), let end = m.probationEnds else { return false }
                return end >= a.adding(months: -from) && end <= a.adding(months: -to).adding(days: -1)
            }
            if let found { taken.insert(found.id) }
            return found?.id
        }
        let students = ["b-s-econ", "b-s-info", "b-s-mech"]
        let endedLately = pick(students, endedBetween: 2, and: 0)
        let notApproved = pick(["b-s-info", "b-s-mech", "b-s-econ"], endedBetween: 9, and: 4)
        let extended = pick(["b-s-mech", "b-s-info", "b-s-econ"], endedBetween: 18, and: 8)
        let madeFull = [pick(["b-s-mech"], endedBetween: 18, and: 2), pick(["b-s-info"], endedBetween: 18, and: 2)]
        if let id = extended, let i = index(id) { ws.members[i].probationEnds = ws.members[i].probationEnds!.adding(months: 6) }
        func accepted(_ id: String?) -> Day? { id.flatMap(index).flatMap { ws.members[$0].acceptedOn } }
        func branch(_ id: String?) -> String { id.flatMap(index).map { ws.members[$0].branchId } ?? "" }
        // The cancelled one: accepted three years ago, cancelled before the 党费 ledger's first month.
        let cancelledMeeting = Day(year: a.year - 3, month: 11, day: 25)!, cancelledOn = Day(year: a.year - 2, month: 9, day: 20)!

        var paths: [DevelopmentPath] = [
            // 机电工程系学生党支部
            DevelopmentPath(branch: "b-s-mech", applied: days(-20), talk: days(-8)),
            DevelopmentPath(branch: "b-s-mech", applied: days(-40), talk: .some(nil)),                          // talk overdue
            DevelopmentPath(branch: "b-s-mech", applied: months(-9), activist: months(-5)),
            DevelopmentPath(branch: "b-s-mech", applied: months(-16), activist: months(-13)),                    // ready to be a 发展对象
            DevelopmentPath(branch: "b-s-mech", applied: months(-24), activist: months(-20), target: days(-40)),
            DevelopmentPath(branch: "b-s-mech", meeting: accepted("b-s-mech-m16"), member: "b-s-mech-m16"),
            // 信息工程系学生党支部
            DevelopmentPath(branch: "b-s-info", applied: months(-2)),
            DevelopmentPath(branch: "b-s-info", applied: months(-12), activist: months(-8), reviews: false),      // review overdue
            DevelopmentPath(branch: "b-s-info", applied: months(-24), activist: months(-20), target: days(-100), politicalReview: false), // no 政审
            DevelopmentPath(branch: "b-s-info", target: months(-9), meeting: months(-4)),                         // approval overdue
            DevelopmentPath(branch: "b-s-info", meeting: accepted("b-s-info-m41"), member: "b-s-info-m41"),
            // 经济管理系学生党支部
            DevelopmentPath(branch: "b-s-econ", applied: months(-3), talkException: "申请人寒假离校, 开学后即谈话"),  // an exception
            DevelopmentPath(branch: "b-s-econ", applied: months(-10), activist: months(-7)),
            DevelopmentPath(branch: "b-s-econ", target: months(-12), meeting: months(-7)),                        // approval over 6 months
            DevelopmentPath(branch: "b-s-econ", meeting: cancelledMeeting, cancellation: cancelledOn, member: "b-s-econ-m101"),  // cancelled
            DevelopmentPath(branch: "b-s-econ", meeting: accepted("b-s-econ-m11"), member: "b-s-econ-m11"),
            // 信息工程系教工党支部, 党政办公室党支部, 机电工程系教工党支部
            DevelopmentPath(branch: "b-t-info", applied: days(-25), talk: days(-15)),
            DevelopmentPath(branch: "b-t-info", applied: months(-14), activist: months(-11)),
            DevelopmentPath(branch: "b-t-info", meeting: accepted("b-t-info-m23"), member: "b-t-info-m23"),
            DevelopmentPath(branch: "b-office", applied: months(-30), activist: months(-26), target: months(-10)),
            DevelopmentPath(branch: "b-t-mech", applied: months(-8), withdrawal: months(-3)),
        ]
        // 预备期 ended lately, not yet discussed; ended months ago, discussed but not approved.
        if let id = endedLately, let meeting = accepted(id) {
            paths.append(DevelopmentPath(branch: branch(id), meeting: meeting, fullApplication: true, member: id))
        }
        if let id = notApproved, let meeting = accepted(id) {
            paths.append(DevelopmentPath(branch: branch(id), meeting: meeting, fullApplication: true, fullMeeting: meeting.adding(months: 12).adding(days: 10), member: id))
        }
        // Extended at its end by six months, then discussed and approved.
        if let id = extended, let meeting = accepted(id) {
            let end = meeting.adding(months: 12)
            paths.append(DevelopmentPath(branch: branch(id), meeting: meeting, fullApplication: true, fullMeeting: end.adding(days: 3), extensionMonths: 6,
                                         fullApproval: end.adding(months: 6).adding(days: 15), member: id))
        }
        // Discussed 3 days after the 预备期 ended, approved 17 days later.
        for id in madeFull.compactMap({ $0 }) {
            guard let meeting = accepted(id) else { continue }
            let end = meeting.adding(months: 12)
            paths.append(DevelopmentPath(branch: branch(id), meeting: meeting, fullApplication: true, fullMeeting: end.adding(days: 3),
                                         fullApproval: end.adding(days: 20), member: id))
        }

        // The cancelled one joins the roster (and leaves it).
        ws.members.append(Member(id: "b-s-econ-m101", name: DemoNames.name(&rng), branchId: "b-s-econ", status: .probationary,
                                 joinDate: cancelledMeeting, gender: rng.chance(0.5) ? .male : .female, education: "大学本科(在读)",
                                 acceptedOn: cancelledMeeting, probationEnds: cancelledMeeting.adding(months: 12), dues: .student,
                                 leftOn: cancelledOn, leftReason: .probationCancelled))

        let ledger = MemberLedger(ws)
        let branches = Dictionary(ws.organisation.branches.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var candidates: [Candidate] = []
        var counters: [Int: Int] = [:]
        for path in paths {
            guard let branch = branches[path.branch] else { continue }
            let member = path.member.flatMap(index)
            let meeting = path.meeting
            let approval = path.approval ?? meeting.map { $0.adding(days: 15) }.flatMap { ($0 <= a && member != nil) ? $0 : nil }
            let target = path.target ?? meeting?.adding(months: -4)
            let activist = path.activist ?? target?.adding(months: -14)
            guard let applied = path.applied ?? activist?.adding(months: -3) else { continue }
            // Full members of the branch on a day, to be contacts and sponsors (else teachers not on the roster).
            func fullMembers(on day: Day, _ count: Int) -> [PersonRef] {
                let found = ledger.members(of: branch.id, on: day).filter { $0.status(on: day) == .full && $0.id != path.member }.prefix(count)
                let refs = found.map { PersonRef(memberId: $0.id, name: $0.name) }
                return refs + ["院党委组织员 周老师", "辅导员 刘老师"].prefix(count - refs.count).map { PersonRef(name: $0) }
            }
            var steps: [DevelopmentStep] = []
            func add(_ kind: DevelopmentStepKind, _ day: Day?, _ fill: (inout DevelopmentStep) -> Void = { _ in }) {
                guard let day, day <= a else { return }
                var step = DevelopmentStep(kind, day)
                fill(&step)
                steps.append(step)
            }
            let student = branch.id.hasPrefix("b-s-")
            var born: Day
            if let m = member, let birth = ws.members[m].birthDate, DevelopmentCheck.age(birth, on: applied) >= 18 { born = birth }
            else { born = applied.adding(months: -12 * rng.int(18...(student ? 20 : 32))).adding(days: -rng.int(1...300)) }
            if let m = member { ws.members[m].birthDate = born }

            add(.application, applied)
            let talk: Day? = path.talk ?? applied.adding(days: path.talkException == nil ? 12 : 40)
            add(.talk, talk) { step in
                step.people = fullMembers(on: step.date, 1)
                if let reason = path.talkException { step.exception = StepException(reason: reason, rules: [DevelopmentRule.talkWithin.rawValue]) }
            }
            if let activist {
                add(.activistChosen, activist) { $0.body = branch.hasCommittee ? .committee : .generalMeeting }
                add(.activistFiled, activist.adding(days: 7))
                add(.contactsAssigned, activist.adding(days: 7)) { $0.people = fullMembers(on: activist.adding(days: 7), 1) }
                if path.reviews {
                    var review = activist.adding(months: 5)
                    while review <= a && target.map({ review < $0 }) ?? true {
                        add(.review, review)
                        review = review.adding(months: 5)
                    }
                }
            }
            if let target {
                add(.targetChosen, target) { $0.body = branch.hasCommittee ? .committee : .generalMeeting }
                add(.targetFiled, target.adding(days: 7))
                add(.sponsors, target.adding(days: 10)) { $0.people = fullMembers(on: target.adding(days: 10), 2) }
                if path.politicalReview { add(.politicalReview, target.adding(days: 30)) }
                if path.training { add(.training, target.adding(days: 35)) { $0.days = 3; $0.hours = 24 } }
            }
            if let meeting {
                add(.committeeReview, meeting.adding(days: -30))
                add(.preReview, meeting.adding(days: -24))
                add(.publicNotice, meeting.adding(days: -20)) { $0.days = 5 }
                add(.applicationForm, meeting.adding(days: -10))
                let entitled = max(3, ledger.counts(branch, on: meeting).full)
                add(.branchMeeting, meeting) { $0.entitled = entitled; $0.present = entitled - entitled / 5; $0.inFavour = entitled - entitled / 5 }
                add(.upperTalk, meeting.adding(days: 7)) { $0.people = [PersonRef(name: "院党委组织员 周老师")] }
            }
            if let approval {
                add(.approval, approval)
                add(.oath, approval.adding(days: 5))
                let end = meeting!.adding(months: 12)
                let review = approval.adding(months: 6)
                if review < end && path.cancellation.map({ review < $0 }) ?? true { add(.probationReview, review) }
                if path.fullApplication { add(.fullApplication, end.adding(days: -5)) }
                add(.fullMeeting, path.fullMeeting) { let e = max(3, ledger.counts(branch, on: end).full); $0.entitled = e; $0.present = e; $0.inFavour = e }
                add(.extension, path.extensionMonths.flatMap { _ in path.fullMeeting }) { $0.months = path.extensionMonths; $0.note = "考察期间表现未完全达到党员条件" }
                if let months = path.extensionMonths {
                    let extendedEnd = end.adding(months: months)
                    if path.fullApplication { add(.fullApplication, extendedEnd.adding(days: -5)) }
                    add(.fullMeeting, path.fullApproval.map { _ in extendedEnd.adding(days: 2) }) {
                        let e = max(3, ledger.counts(branch, on: extendedEnd).full); $0.entitled = e; $0.present = e; $0.inFavour = e
                    }
                }
                add(.fullApproval, path.fullApproval)
                add(.cancellation, path.cancellation) { $0.note = "预备期内不履行党员义务, 经支部大会讨论、上级党委批准取消预备党员资格" }
            }
            add(.withdrawal, path.withdrawal) { $0.note = "本人撤回入党申请" }

            let year = applied.year
            counters[year, default: 0] += 1
            let name = member.map { ws.members[$0].name } ?? DemoNames.name(&rng)
            var c = Candidate(id: "fz-\(year)-\(pad4(counters[year]!))", name: name, branchId: branch.id,
                              gender: member.flatMap { ws.members[$0].gender } ?? (rng.chance(0.5) ? .male : .female),
                              birthDate: born, student: student, steps: Candidate.sorted(steps), memberId: member.map { ws.members[$0].id })
            c.stage = DevelopmentRecord.stage(of: c)
            candidates.append(c)
        }
        ws.candidates = candidates.sorted { ($0.branchId, $0.id) < ($1.branchId, $1.id) }

        // This year's plan and the students enrolled (seed 003's ratios are over these).
        ws.developmentTargets = DevelopmentTargets(years: [
            DevelopmentYear(year: a.year, plan: ["b-s-mech": 6, "b-s-info": 8, "b-s-econ": 6, "b-t-info": 2, "b-t-mech": 1, "b-office": 1],
                            planTotal: 26, students: ["b-s-mech": 420, "b-s-info": 560, "b-s-econ": 380], studentsTotal: 1400),
        ])
    }
}
