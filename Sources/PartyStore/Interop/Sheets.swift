import Foundation
import PartyModel

/// The sheets that round-trip: branches, members, activities.
enum Sheets {
    static func set<R>(_ apply: @escaping (inout R, String) -> Void) -> (inout R, String, ImportContext) -> ImportProblem? {
        { r, s, _ in apply(&r, s); return nil }
    }

    static func setResult<R, V>(_ read: @escaping (String) -> Result<V, ImportProblem>, _ apply: @escaping (inout R, V) -> Void)
        -> (inout R, String, ImportContext) -> ImportProblem? {
        { r, s, _ in
            switch read(s) {
            case .success(let v): apply(&r, v); return nil
            case .failure(let p): return p
            }
        }
    }

    static func branchColumn<R>(_ keyPath: WritableKeyPath<R, String>, _ lang: Language) -> Column<R> {
        Column(zh: "支部", en: "Branch", aliases: ["支部名称", "党支部", "支部编号", "所在支部", "branch id"], required: true,
               get: { $0[keyPath: keyPath] },
               set: { r, s, ctx in
                   guard let id = ctx.branchId(s) else { return ImportProblem(kind: Cell.optional(s) == nil ? .missing : .unknownBranch, value: Cell.trimmed(s)) }
                   r[keyPath: keyPath] = id
                   return nil
               })
    }

    static func activities(_ lang: Language) -> [Column<Activity>] {
        [
            // 序号 is a row number, never an id: taken as one, a second sheet numbered 1, 2… changed
            // another branch's activities (issue 14). Only 编号/Id name the id.
            Column(zh: "编号", en: "Id", aliases: ["id", "ID"], get: { $0.id }, set: set { $0.id = Cell.trimmed($1) }),
            branchColumn(\Activity.branchId, lang),
            Column(zh: "类型", en: "Kind", aliases: ["活动类型", "会议类型", "kind"], required: true, get: { $0.kind.name(lang) },
                   set: { r, s, _ in
                       let t = Cell.trimmed(s)
                       guard let k = ActivityKind.named(t) else {
                           return ImportProblem(kind: t.isEmpty ? .missing : .unknownKind, value: t)
                       }
                       r.kind = k
                       return nil
                   }),
            Column(zh: "日期", en: "Date", aliases: ["时间", "召开时间", "活动日期", "会议日期"], required: true, get: { $0.date.iso },
                   set: { r, s, _ in
                       switch Cell.day(s) {
                       case .success(let d?): r.date = d; return nil
                       case .success(nil): return ImportProblem(kind: .missing, value: "")
                       case .failure(let p): return p
                       }
                   }),
            Column(zh: "标题", en: "Title", aliases: ["主题", "名称", "会议主题", "活动主题"], required: true, get: { $0.title },
                   set: { r, s, _ in
                       guard let t = Cell.optional(s) else { return ImportProblem(kind: .missing, value: "") }
                       r.title = t
                       return nil
                   }),
            Column(zh: "学时", en: "Hours", aliases: ["时长"], number: { $0.hours }, set: setResult(Cell.number) { $0.hours = $1 }),
            Column(zh: "实到", en: "Attended", aliases: ["实到人数", "参加人数", "出席人数"], number: { $0.attended.map(Double.init) },
                   set: setResult(Cell.integer) { $0.attended = $1 }),
            Column(zh: "应到", en: "Expected", aliases: ["应到人数"], number: { $0.expected.map(Double.init) }, set: setResult(Cell.integer) { $0.expected = $1 }),
            Column(zh: "党小组", en: "Group", aliases: ["党小组编号"], get: { $0.partyGroupId ?? "" }, set: set { $0.partyGroupId = Cell.optional($1) }),
            Column(zh: "主讲人", en: "Lecturer", aliases: ["授课人", "讲课人"], get: { $0.lecturer ?? "" }, set: set { $0.lecturer = Cell.optional($1) }),
            Column(zh: "备注", en: "Notes", aliases: ["说明"], get: { $0.notes ?? "" }, set: set { $0.notes = Cell.optional($1) }).notes(),
        ]
    }

    static func members(_ lang: Language) -> [Column<Member>] {
        [
            Column(zh: "编号", en: "Id", aliases: ["id"], required: true, get: { $0.id }, set: set { $0.id = Cell.trimmed($1) }),
            Column(zh: "姓名", en: "Name", aliases: ["名字"], required: true, get: { $0.name },
                   set: { r, s, _ in
                       guard let t = Cell.optional(s) else { return ImportProblem(kind: .missing, value: "") }
                       r.name = t
                       return nil
                   }),
            branchColumn(\Member.branchId, lang),
            Column(zh: "党员类别", en: "Status", aliases: ["状态", "类别"], get: { $0.status.name(lang) },
                   set: { r, s, _ in
                       let t = Cell.trimmed(s)
                       guard let v = MemberStatus.allCases.first(where: { $0.rawValue == t || $0.name(.zh) == t || t == ($0 == .full ? "正式" : "预备") }) else {
                           return ImportProblem(kind: .unknownValue, value: t)
                       }
                       r.status = v
                       return nil
                   }),
            Column(zh: "职务", en: "Role", aliases: ["role"], get: { $0.role.rawValue },
                   set: { r, s, _ in
                       let t = Cell.trimmed(s)
                       guard let v = MemberRole(rawValue: t.isEmpty ? "member" : t) else { return ImportProblem(kind: .unknownValue, value: t) }
                       r.role = v
                       return nil
                   }),
            Column(zh: "党小组", en: "Group", get: { $0.partyGroupId ?? "" }, set: set { $0.partyGroupId = Cell.optional($1) }),
            Column(zh: "入党日期", en: "Joined", aliases: ["入党时间"], get: { $0.joinDate?.iso ?? "" }, set: setResult(Cell.day) { $0.joinDate = $1 }),
            Column(zh: "党费已交月数", en: "Dues months paid", get: { Cell.yearMap($0.duesMonthsPaid.mapValues(Double.init)) },
                   set: { r, s, _ in
                       guard let m = Cell.parseYearMap(s) else { return ImportProblem(kind: .wrongFormat, value: Cell.trimmed(s)) }
                       r.duesMonthsPaid = m.mapValues { Int($0) }
                       return nil
                   }),
            Column(zh: "培训学时", en: "Training hours", get: { Cell.yearMap($0.trainingHours) },
                   set: { r, s, _ in
                       guard let m = Cell.parseYearMap(s) else { return ImportProblem(kind: .wrongFormat, value: Cell.trimmed(s)) }
                       r.trainingHours = m
                       return nil
                   }),
        ]
    }

    static func branches(_ lang: Language) -> [Column<Branch>] {
        func groups(_ b: Branch) -> String {
            b.partyGroups.map { "\($0.id)=\($0.name)/\($0.leader ?? "")/\($0.size)" }.joined(separator: "；")
        }
        return [
            Column(zh: "编号", en: "Id", aliases: ["id", "支部编号"], required: true, get: { $0.id }, set: set { $0.id = Cell.trimmed($1) }),
            Column(zh: "支部名称", en: "Name", aliases: ["名称", "党支部", "支部"], required: true, get: { $0.name },
                   set: { r, s, _ in
                       guard let t = Cell.optional(s) else { return ImportProblem(kind: .missing, value: "") }
                       r.name = t
                       return nil
                   }),
            Column(zh: "上级组织", en: "Parent", aliases: ["上级", "所属党总支"], required: true, get: { $0.parentId },
                   set: { r, s, ctx in
                       let t = Cell.trimmed(s)
                       let org = ctx.workspace.organisation
                       if t == org.committee.id || t == org.committee.name { r.parentId = org.committee.id; return nil }
                       guard let g = org.generalBranches.first(where: { $0.id == t || $0.name == t }) else { return ImportProblem(kind: .unknownValue, value: t) }
                       r.parentId = g.id
                       return nil
                   }),
            Column(zh: "领域", en: "Sector", aliases: ["类别"], get: { $0.sector.name(lang) },
                   set: { r, s, _ in
                       let t = Cell.trimmed(s)
                       guard let v = Sector.allCases.first(where: { $0.rawValue == t || $0.name(.zh) == t || $0.name(.en) == t }) else { return ImportProblem(kind: .unknownValue, value: t) }
                       r.sector = v
                       return nil
                   }),
            Column(zh: "正式党员", en: "Full members", aliases: ["正式党员数"], required: true, number: { Double($0.fullMembers) },
                   set: setResult(Cell.integer) { $0.fullMembers = $1 ?? 0 }),
            Column(zh: "预备党员", en: "Probationary", aliases: ["预备党员数"], number: { Double($0.probationaryMembers) },
                   set: setResult(Cell.integer) { $0.probationaryMembers = $1 ?? 0 }),
            Column(zh: "联合党支部", en: "Joint", get: { Cell.yesNo($0.isJointBranch, lang) }, set: set { $0.isJointBranch = Cell.yes($1) }),
            Column(zh: "设支委会", en: "Committee", get: { Cell.yesNo($0.hasCommittee, lang) }, set: set { $0.hasCommittee = Cell.yes($1) }),
            Column(zh: "书记", en: "Secretary", get: { $0.secretary ?? "" }, set: set { $0.secretary = Cell.optional($1) }),
            Column(zh: "副书记", en: "Deputy", get: { $0.deputySecretary ?? "" }, set: set { $0.deputySecretary = Cell.optional($1) }),
            Column(zh: "支委委员", en: "Committee members", aliases: ["委员"], get: { $0.committeeMembers.joined(separator: "、") },
                   set: set { $0.committeeMembers = Cell.list($1) }),
            Column(zh: "任期开始", en: "Term start", aliases: ["换届时间"], get: { $0.termStart?.iso ?? "" }, set: setResult(Cell.day) { $0.termStart = $1 }),
            Column(zh: "任期届满", en: "Term end", aliases: ["任期结束"], get: { $0.termEnd?.iso ?? "" }, set: setResult(Cell.day) { $0.termEnd = $1 }),
            Column(zh: "联系领导", en: "Contact leader", get: { $0.contactLeader ?? "" }, set: set { $0.contactLeader = Cell.optional($1) }),
            Column(zh: "党小组", en: "Party groups", get: groups,
                   set: { r, s, _ in
                       var out: [PartyGroup] = []
                       for part in Cell.trimmed(s).split(whereSeparator: { $0 == "；" || $0 == ";" }) {
                           let idAndRest = part.split(separator: "=", maxSplits: 1).map { Cell.trimmed(String($0)) }
                           guard idAndRest.count == 2 else { return ImportProblem(kind: .wrongFormat, value: String(part)) }
                           let bits = idAndRest[1].split(separator: "/", omittingEmptySubsequences: false).map { Cell.trimmed(String($0)) }
                           guard bits.count == 3, let size = Int(bits[2]) else { return ImportProblem(kind: .wrongFormat, value: String(part)) }
                           out.append(PartyGroup(id: idAndRest[0], name: bits[0], leader: bits[1].isEmpty ? nil : bits[1], size: size))
                       }
                       r.partyGroups = out
                       return nil
                   }),
            Column(zh: "撤销日期", en: "Retired on", get: { $0.retiredOn?.iso ?? "" }, set: setResult(Cell.day) { $0.retiredOn = $1 }),
            Column(zh: "书记空缺自", en: "Vacant since", get: { $0.secretaryVacantSince?.iso ?? "" }, set: setResult(Cell.day) { $0.secretaryVacantSince = $1 }),
            Column(zh: "备注", en: "Notes", get: { $0.notes ?? "" }, set: set { $0.notes = Cell.optional($1) }).notes(),
        ]
    }
}
