/// The demo's attendance lists, talks, 民主评议 results and 先锋 points (issue 18): six branches keep
/// 签到 lists of their 组织生活 (a few absences with reasons, a rare 无故, and one student member absent
/// without reason every month since May of the current year: the 6-month alert); every branch's
/// secretary (the deputy while the post is vacant) talks with each member once a year — except three
/// members of 经济管理系教工党支部 and one of 校办企业党支部 this year (the talks alert); last year's 民主评议
/// gave every member a grade, one 不合格 still awaiting its 处置 and one dealt with; a few 志愿服务 and
/// 表彰 points. Run last, with its own random sequence: the rest of the demo draws exactly as before.
extension DemoWorkspace {
    static let conductSeed: UInt64 = 20_181_028
    /// The branches whose 组织生活 keep attendance lists.
    static let listBranches: Set<String> = ["b-office", "b-org", "b-t-mech", "b-t-info", "b-s-mech", "b-s-info"]
    /// Absent without reason from every 组织生活 since May of the current year.
    static let absentMember = "b-s-info-m30"
    /// Members without a talk this year.
    static let withoutTalks: [String: Int] = ["b-t-econ": 3, "b-enterprise": 1]

    static func addConduct(to ws: inout Workspace, asOf: Day) {
        var rng = SeededRandom(seed: conductSeed)
        let year = asOf.year
        let ledger = MemberLedger(rules: ws.settings.rules, members: ws.members)

        // 签到 on the 组织生活 of the list-keeping branches; 实到/应到 are the list's counts.
        let absentFrom = Day.firstOf(year: year, month: 5)
        for i in ws.activities.indices {
            let a = ws.activities[i]
            guard listBranches.contains(a.branchId), a.kind.isOrganisationalLife else { continue }
            var roster = ledger.members(of: a.branchId, on: a.date)
            if a.kind == .groupMeeting { roster = roster.filter { $0.partyGroupId == a.partyGroupId } }
            if a.kind == .committeeMeeting { roster = roster.filter { $0.role.isLeader } }
            guard !roster.isEmpty else { continue }
            let list = roster.map { m -> AttendanceEntry in
                if m.id == absentMember && a.date >= absentFrom {
                    return AttendanceEntry(memberId: m.id, present: false, absenceReason: rng.chance(0.5) ? .unexcused : nil)
                }
                guard rng.chance(0.09) else { return AttendanceEntry(memberId: m.id, present: true) }
                let draw = rng.int(1...20)
                let reason: AbsenceReason = draw <= 10 ? .leave : draw <= 16 ? .onDuty : draw <= 19 ? .sick : .unexcused
                return AttendanceEntry(memberId: m.id, present: false, absenceReason: reason)
            }
            ws.activities[i].attendance = list
            ws.activities[i].attended = list.filter(\.present).count
            ws.activities[i].expected = list.count
        }

        // 谈心谈话: the secretary (the deputy while the post is vacant) with each member, once a year;
        // the secretary with the 党总支's secretary (or the 党委's).
        var numbers: [Int: Int] = [:]
        for a in ws.activities {
            let parts = a.id.split(separator: "-")
            if parts.count == 2, let n = Int(parts[1]), a.id.hasPrefix("a\(a.date.year)-") { numbers[a.date.year] = max(numbers[a.date.year] ?? 0, n) }
        }
        let topics = ["思想工作情况", "学习与工作", "家庭与生活", "对支部工作的意见建议", "岗位职责与作风", "入党初心与理想信念"]
        let org = ws.organisation
        var talks: [Activity] = []
        for y in [year - 1, year] {
            let lastMonth = y < year ? 12 : min(10, asOf.month)
            for branch in org.branches where branch.retiredOn.map({ $0 > Day.lastOf(year: y, month: 12) }) ?? true {
                let day = y < year ? Day.lastOf(year: y, month: 12) : asOf
                var roster = ledger.members(of: branch.id, on: day)
                guard let talker = roster.first(where: { $0.role == .secretary }) ?? roster.first(where: { $0.role == .deputySecretary }) else { continue }
                if y == year, let skip = withoutTalks[branch.id] { roster.removeLast(skip) }
                let above = org.generalBranches.first { $0.id == branch.parentId }?.secretary ?? org.committee.secretary ?? "上级党组织书记"
                for m in roster {
                    var date = Day(year: y, month: rng.int(3...lastMonth), day: rng.int(5...25))!
                    if !m.isOnRoster(of: branch.id, on: date) || !talker.isOnRoster(of: branch.id, on: date) {
                        let came = ([m.memberSince, m.transfers.last?.date].compactMap { $0 } + [talker.memberSince].compactMap { $0 }).max() ?? date
                        date = min(came.adding(days: 7), day)
                    }
                    guard date <= asOf, m.isOnRoster(of: branch.id, on: date) else { continue }
                    let other = m.id == talker.id ? TalkParticipant(name: above) : TalkParticipant(memberId: m.id, name: m.name)
                    numbers[y, default: 0] += 1
                    talks.append(Activity(id: "a\(y)-\(pad4(numbers[y]!))", branchId: branch.id, kind: .talk, date: date,
                                          title: "谈心谈话: " + rng.pick(topics),
                                          participants: [TalkParticipant(memberId: talker.id, name: talker.name), other]))
                }
            }
        }
        ws.activities += talks
        ws.activities.sort { ($0.date, $0.id) < ($1.date, $1.id) }

        // 民主评议 of last year: every member on the roster on the meeting's day.
        var results: [ReviewResult] = []
        let meetings = ws.activities.filter { $0.kind == .democraticReview && $0.date.year == year - 1 }
        for meeting in meetings {
            for m in ledger.members(of: meeting.branchId, on: meeting.date) {
                let draw = rng.int(1...100)
                var r = ReviewResult(id: "rv-\(year - 1)-\(pad4(results.count + 1))", memberId: m.id, branchId: meeting.branchId, year: year - 1,
                                     grade: draw <= 22 ? .excellent : draw <= 97 ? .qualified : .basicallyQualified, activityId: meeting.id)
                switch m.id {
                case absentMember: r.grade = .basicallyQualified; r.note = "参加组织生活不经常"
                case "b-t-research-m5": r.grade = .unqualified; r.note = "理想信念淡薄, 长期不参加组织生活"
                case "b-logistics-m9":
                    r.grade = .unqualified; r.note = "不按时交纳党费"
                    r.outcome = "限期改正; \(year)年6月支部大会评议, 已改正"
                    r.outcomeOn = Day(year: year, month: 6, day: 20)
                default: break
                }
                results.append(r)
            }
        }
        ws.reviewResults = results

        // 先锋指数's manual items this year: 志愿服务 and two 表彰.
        var points: [PioneerPoints] = []
        let everyone = org.branches.flatMap { ledger.members(of: $0.id, on: asOf) }
        for k in 0..<10 {
            let m = everyone[rng.int(0...(everyone.count - 1))]
            let date = Day(year: year, month: 3 + k % 7, day: rng.int(5...25))!
            guard date <= asOf, m.isOnRoster(of: m.branchId, on: date) else { continue }
            points.append(PioneerPoints(id: "pp-\(year)-\(pad4(points.count + 1))", memberId: m.id, branchId: m.branchId, itemId: "volunteer",
                                        date: date, points: Double(rng.int(2...5)), note: rng.pick(["社区志愿服务", "义务献血", "助学帮扶", "防汛值守"])))
        }
        for id in ["b-t-mech-m1", "b-office-m2"] {
            guard let m = ledger.member(id) else { continue }
            points.append(PioneerPoints(id: "pp-\(year)-\(pad4(points.count + 1))", memberId: m.id, branchId: m.branchId, itemId: "honours",
                                        date: Day(year: year, month: 7, day: 1)!, points: 5, note: "院级优秀共产党员"))
        }
        ws.pioneerPoints = points
    }
}
