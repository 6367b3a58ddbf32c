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

    /// A column of codes read by name (`NamedCode.named`: codes, Chinese and English names,
    /// variants); `empty`: what an empty cell means (nil: the cell is required).
    static func code<R, C: NamedCode>(_ keyPath: WritableKeyPath<R, C>, _ lang: Language, empty: C? = nil,
                                      problem: ImportProblem.Kind = .unknownValue) -> (inout R, String, ImportContext) -> ImportProblem? {
        { r, s, _ in
            let t = Cell.trimmed(s)
            if t.isEmpty, let empty { r[keyPath: keyPath] = empty; return nil }
            guard let v = C.named(t) else { return ImportProblem.unknown(t, C.self, lang: lang, kind: problem) }
            r[keyPath: keyPath] = v
            return nil
        }
    }

    /// A column of optional codes read by name; an empty cell clears it.
    static func optionalCode<R, C: NamedCode>(_ keyPath: WritableKeyPath<R, C?>, _ lang: Language) -> (inout R, String, ImportContext) -> ImportProblem? {
        { r, s, _ in
            let t = Cell.trimmed(s)
            if t.isEmpty { r[keyPath: keyPath] = nil; return nil }
            guard let v = C.named(t) else { return ImportProblem.unknown(t, C.self, lang: lang) }
            r[keyPath: keyPath] = v
            return nil
        }
    }

    /// 组织关系转接 in one cell: "2026-08-18 财务资产党支部 → 组织人事党支部 (院组转〔2026〕12号)", moves
    /// joined by "；". An end is a branch (its name, or its id when the name is shared) or, naming none,
    /// an organisation outside the workspace.
    static func transfersText(_ list: [Transfer], _ names: SheetNames) -> String {
        func end(_ e: TransferEnd) -> String {
            switch e {
            case .branch(let id): names.branch(id)
            case .outside(let text): text
            }
        }
        return list.map { t in "\(t.date.iso) \(end(t.from)) → \(end(t.to))" + (t.letterNumber.map { " (\($0))" } ?? "") }.joined(separator: "；")
    }

    static func parseTransfers(_ s: String, _ ctx: ImportContext) -> Result<[Transfer], ImportProblem> {
        var list: [Transfer] = []
        for part in Cell.trimmed(s).split(whereSeparator: { $0 == "；" || $0 == ";" }) {
            var text = Cell.trimmingSpace(String(part))
            guard !text.isEmpty else { continue }
            let bad = ImportProblem(kind: .wrongFormat, value: text)
            guard let space = text.firstIndex(of: " "), let date = Day.parse(String(text[..<space])) else { return .failure(bad) }
            text = Cell.trimmingSpace(String(text[text.index(after: space)...]))
            var letter: String? = nil
            if text.hasSuffix(")") || text.hasSuffix("）"), let open = text.lastIndex(where: { $0 == "(" || $0 == "（" }) {
                letter = Cell.optional(String(text[text.index(after: open)..<text.index(before: text.endIndex)]))
                text = Cell.trimmingSpace(String(text[..<open]))
            }
            guard let arrow = text.range(of: "→") ?? text.range(of: "->") else { return .failure(bad) }
            func end(_ t: String) -> TransferEnd? {
                let name = Cell.trimmingSpace(t)
                guard !name.isEmpty else { return nil }
                return ctx.branchId(name).map(TransferEnd.branch) ?? .outside(name)
            }
            guard let from = end(String(text[..<arrow.lowerBound])), let to = end(String(text[arrow.upperBound...])) else { return .failure(bad) }
            list.append(Transfer(date: date, from: from, to: to, letterNumber: letter))
        }
        return .success(list)
    }

    /// 上级组织: the committee or a 党总支, by name or id; a group of rows under one merged cell.
    static func parentColumn<R>(_ keyPath: WritableKeyPath<R, String>, required: Bool, _ names: SheetNames) -> Column<R> {
        Column(zh: "上级组织", en: "Parent", aliases: ["上级", "所属党总支", "上级党组织", "所属党组织"], required: required, get: { names.parent($0[keyPath: keyPath]) },
               set: { r, s, ctx in
                   let t = Cell.trimmed(s)
                   if t.isEmpty && !required { r[keyPath: keyPath] = ctx.workspace.organisation.committee.id; return nil }
                   guard let id = ctx.parentId(t) else { return ImportProblem(kind: t.isEmpty ? .missing : .unknownParent, value: t) }
                   r[keyPath: keyPath] = id
                   return nil
               }).fillingDown()
    }

    /// The 党总支 rows of a branches sheet (类型 党总支): what a general branch has.
    static func generalBranches(_ lang: Language) -> [Column<GeneralBranch>] {
        [
            Column(zh: "编号", en: "Id", aliases: ["id", "ID", "支部编号"], get: { $0.id }, set: set { $0.id = Cell.trimmed($1) }),
            Column(zh: "支部名称", en: "Name", aliases: ["名称", "党支部", "支部", "组织名称", "党组织名称"], required: true, get: { $0.name },
                   set: { r, s, _ in
                       guard let t = Cell.optional(s) else { return ImportProblem(kind: .missing, value: "") }
                       r.name = t
                       return nil
                   }),
            Column(zh: "上级组织", en: "Parent", aliases: ["上级", "上级党组织", "所属党组织"], get: { $0.parentId },
                   set: { r, s, ctx in
                       let t = Cell.trimmed(s)
                       let committee = ctx.workspace.organisation.committee
                       guard t.isEmpty || t == committee.id || t == committee.name else { return ImportProblem(kind: .unknownParent, value: t) }
                       r.parentId = committee.id
                       return nil
                   }),
            Column(zh: "书记", en: "Secretary", get: { $0.secretary ?? "" }, set: set { $0.secretary = Cell.optional($1) }),
            Column(zh: "任期开始", en: "Term start", aliases: ["换届时间"], get: { $0.termStart?.iso ?? "" }, set: setResult(Cell.day) { $0.termStart = $1 }),
            Column(zh: "任期届满", en: "Term end", aliases: ["任期结束"], get: { $0.termEnd?.iso ?? "" }, set: setResult(Cell.day) { $0.termEnd = $1 }),
            Column(zh: "备注", en: "Notes", get: { $0.notes ?? "" }, set: set { $0.notes = Cell.optional($1) }).notes(),
        ]
    }

    /// 支部: the branch's name (its id when two branches share the name), read back by name or id.
    static func branchColumn<R>(_ keyPath: WritableKeyPath<R, String>, _ lang: Language, _ names: SheetNames) -> Column<R> {
        Column(zh: "支部", en: "Branch", aliases: ["支部名称", "党支部", "支部编号", "所在支部", "所在党支部", "branch id", "党组织名称"], required: true,
               get: { names.branch($0[keyPath: keyPath]) },
               set: { r, s, ctx in
                   switch ctx.branch(s) {
                   case .success(let id): r[keyPath: keyPath] = id; return nil
                   case .failure(let problem): return problem
                   }
               }).fillingDown()
    }

    /// In the order an export writes them: what a person reads first, the id last (kept for round trips).
    static func activities(_ lang: Language, _ names: SheetNames) -> [Column<Activity>] {
        [
            branchColumn(\Activity.branchId, lang, names),
            Column(zh: "类型", en: "Kind", aliases: ["活动类型", "会议类型", "kind", "类别", "会议类别"], required: true, get: { $0.kind.name(lang) },
                   set: code(\.kind, lang, problem: .unknownKind)),
            Column(zh: "日期", en: "Date", aliases: ["时间", "召开时间", "活动日期", "会议日期", "活动时间", "会议时间", "召开日期"], required: true, date: { $0.date },
                   set: { r, s, _ in
                       switch Cell.day(s) {
                       case .success(let d?): r.date = d; return nil
                       case .success(nil): return ImportProblem(kind: .missing, value: "")
                       case .failure(let p): return p
                       }
                   }),
            Column(zh: "标题", en: "Title", aliases: ["主题", "名称", "会议主题", "活动主题", "内容", "会议内容", "活动内容"], required: true, get: { $0.title },
                   set: { r, s, _ in
                       guard let t = Cell.optional(s) else { return ImportProblem(kind: .missing, value: "") }
                       r.title = t
                       return nil
                   }),
            // The 纪实 of a meeting: where, and who chaired it.
            Column(zh: "地点", en: "Place", aliases: ["会议地点", "活动地点", "召开地点", "place"], get: { $0.place ?? "" }, set: set { $0.place = Cell.optional($1) }),
            Column(zh: "主持人", en: "Host", aliases: ["主持", "会议主持人", "host"], get: { $0.host ?? "" }, set: set { $0.host = Cell.optional($1) }),
            Column(zh: "学时", en: "Hours", aliases: ["时长", "培训学时"], number: { $0.hours }, set: setResult(Cell.number) { $0.hours = $1 }),
            // Counted from the attendance list when there is one (`headcount`); an import keeps the list.
            Column(zh: "实到", en: "Attended", aliases: ["实到人数", "参加人数", "出席人数", "参会人数"], number: { $0.headcount.attended.map(Double.init) },
                   set: setResult(Cell.integer) { $0.attended = $1 }),
            Column(zh: "应到", en: "Expected", aliases: ["应到人数", "应参加人数"], number: { $0.headcount.expected.map(Double.init) },
                   set: setResult(Cell.integer) { $0.expected = $1 }),
            Column(zh: "党小组", en: "Group", aliases: ["党小组编号", "党小组名称"], get: { names.group($0.partyGroupId, of: $0.branchId) },
                   set: { r, s, ctx in r.partyGroupId = ctx.partyGroupId(Cell.optional(s), of: r.branchId); return nil }),
            Column(zh: "主讲人", en: "Lecturer", aliases: ["授课人", "讲课人"], get: { $0.lecturer ?? "" }, set: set { $0.lecturer = Cell.optional($1) }),
            Column(zh: "备注", en: "Notes", aliases: ["说明"], get: { $0.notes ?? "" }, set: set { $0.notes = Cell.optional($1) }).notes(),
            // 序号 is a row number, never an id: taken as one, a second sheet numbered 1, 2… changed
            // another branch's activities (issue 14). Only 编号/Id name the id.
            Column(zh: "编号", en: "Id", aliases: ["id", "ID", "活动编号"], get: { $0.id }, set: set { $0.id = Cell.trimmed($1) }),
        ]
    }

    /// 经费: a row an entry, as offices keep their 经费台账 (日期, 单位, 拨付/支出, 类别, 金额, 摘要).
    static func funds(_ lang: Language, _ names: SheetNames) -> [Column<FundsEntry>] {
        [
            Column(zh: "日期", en: "Date", aliases: ["时间", "拨付日期", "支出日期", "记账日期"], required: true, date: { $0.date },
                   set: { r, s, _ in
                       switch Cell.day(s) {
                       case .success(let d?): r.date = d; return nil
                       case .success(nil): return ImportProblem(kind: .missing, value: "")
                       case .failure(let p): return p
                       }
                   }),
            Column(zh: "组织", en: "Organisation", aliases: ["单位", "党组织", "支部", "党组织名称", "支部名称", "organisation id"], required: true,
                   get: { names.organisation($0.organisationId) },
                   set: { r, s, ctx in
                       switch ctx.organisation(s) {
                       case .success(let id): r.organisationId = id; return nil
                       case .failure(let problem): return problem
                       }
                   }).fillingDown(),
            Column(zh: "方向", en: "Direction", aliases: ["收支", "拨付/支出", "收支方向", "类型"], required: true, get: { $0.direction.name(lang) },
                   set: code(\.direction, lang)),
            Column(zh: "类别", en: "Category", aliases: ["经费类别", "科目", "经费科目"], get: { $0.category.name(lang) },
                   set: code(\.category, lang, empty: .other)),
            Column(zh: "金额", en: "Amount", aliases: ["金额(元)", "金额（元）", "金额 (元)", "元"], required: true, number: { $0.amount },
                   set: { r, s, _ in
                       switch Cell.number(s) {
                       case .success(let v?): r.amount = v; return nil
                       case .success(nil): return ImportProblem(kind: .missing, value: "")
                       case .failure(let p): return p
                       }
                   }),
            Column(zh: "说明", en: "Note", aliases: ["摘要", "备注", "用途"], get: { $0.note ?? "" }, set: set { $0.note = Cell.optional($1) }).notes(),
            Column(zh: "编号", en: "Id", aliases: ["id", "ID", "经费编号"], get: { $0.id }, set: set { $0.id = Cell.trimmed($1) }),
        ]
    }

    static func members(_ lang: Language, _ names: SheetNames) -> [Column<Member>] {
        [
            Column(zh: "姓名", en: "Name", aliases: ["名字", "党员姓名"], required: true, get: { $0.name },
                   set: { r, s, _ in
                       guard let t = Cell.optional(s) else { return ImportProblem(kind: .missing, value: "") }
                       r.name = t
                       return nil
                   }),
            branchColumn(\Member.branchId, lang, names),
            Column(zh: "党员类别", en: "Status", aliases: ["状态", "类别", "党籍状态", "人员类别"], get: { $0.status.name(lang) },
                   set: code(\.status, lang, empty: .full)),
            Column(zh: "职务", en: "Role", aliases: ["role", "党内职务"], get: { $0.role.name(lang) }, set: code(\.role, lang, empty: .member)),
            Column(zh: "党小组", en: "Group", aliases: ["党小组名称", "所在党小组"], get: { names.group($0.partyGroupId, of: $0.branchId) },
                   set: { r, s, ctx in r.partyGroupId = ctx.partyGroupId(Cell.optional(s), of: r.branchId); return nil }),
            Column(zh: "入党日期", en: "Joined", aliases: ["入党时间"], date: { $0.joinDate }, set: setResult(Cell.day) { $0.joinDate = $1 }),
            // The member ledger's fields (issue 18). 党费 and 学时 themselves are records of their own
            // (dues/, training/): a sheet's 党费已交月数 or 培训学时 column is listed among the columns not read.
            Column(zh: "性别", en: "Gender", aliases: ["性 别"], get: { $0.gender?.name(lang) ?? "" }, set: optionalCode(\.gender, lang)),
            Column(zh: "出生日期", en: "Born", aliases: ["出生年月", "出生年月日", "生日"], date: { $0.birthDate }, set: setResult(Cell.day) { $0.birthDate = $1 }),
            Column(zh: "学历", en: "Education", aliases: ["文化程度", "学历学位"], get: { $0.education ?? "" }, set: set { $0.education = Cell.optional($1) }),
            Column(zh: "联系电话", en: "Phone", aliases: ["电话", "手机", "手机号码", "联系方式"], get: { $0.phone ?? "" }, set: set { $0.phone = Cell.optional($1) }),
            Column(zh: "接收日期", en: "Accepted on", aliases: ["接收预备党员日期", "支部大会接收日期", "支部大会日期"], date: { $0.acceptedOn },
                   set: setResult(Cell.day) { $0.acceptedOn = $1 }),
            Column(zh: "预备期满", en: "Probation ends", aliases: ["预备期满日期", "转正日期"], date: { $0.probationEnds },
                   set: setResult(Cell.day) { $0.probationEnds = $1 }),
            // The category first: the base (or a fixed amount) is set on it.
            Column(zh: "党费类别", en: "Dues category", aliases: ["交纳党费类别", "党费类型"], get: { $0.dues?.code.name(lang) ?? "" },
                   set: { r, s, _ in
                       let t = Cell.trimmed(s)
                       if t.isEmpty { r.dues = nil; return nil }
                       guard let code = DuesCategory.Code.named(t) else { return ImportProblem.unknown(t, DuesCategory.Code.self, lang: lang) }
                       r.dues = DuesCategory(code: code, figure: r.dues?.figure ?? 0)
                       return nil
                   }),
            Column(zh: "党费基数", en: "Dues base", aliases: ["党费计算基数", "工资基数", "固定金额"], number: { $0.dues?.figure },
                   set: setResult(Cell.number) { r, v in
                       if let v, let code = r.dues?.code, let dues = DuesCategory(code: code, figure: v) { r.dues = dues }
                   }),
            Column(zh: "流动去向", en: "Mobile: where", aliases: ["流动党员去向", "外出去向"], get: { $0.mobile?.place ?? "" },
                   set: set { r, s in r.mobile = Cell.optional(s).map { MobileMembership(place: $0, since: r.mobile?.since) } }),
            Column(zh: "流动起始", en: "Mobile since", aliases: ["外出时间", "外出日期"], date: { $0.mobile?.since },
                   set: setResult(Cell.day) { r, d in if r.mobile != nil { r.mobile?.since = d } }),
            Column(zh: "离开日期", en: "Left on", aliases: ["转出日期", "减少日期"], date: { $0.leftOn }, set: setResult(Cell.day) { $0.leftOn = $1 }),
            Column(zh: "离开原因", en: "Left because", aliases: ["减少原因", "离开类型"], get: { $0.leftReason?.name(lang) ?? "" },
                   set: optionalCode(\.leftReason, lang)),
            Column(zh: "组织关系转接", en: "Transfers", aliases: ["组织关系转接记录", "转接记录"], get: { transfersText($0.transfers, names) },
                   set: { r, s, ctx in
                       switch parseTransfers(s, ctx) {
                       case .success(let list): r.transfers = list; return nil
                       case .failure(let p): return p
                       }
                   }),
            Column(zh: "编号", en: "Id", aliases: ["id", "ID", "党员编号"], get: { $0.id }, set: set { $0.id = Cell.trimmed($1) }),
        ]
    }

    static func branches(_ lang: Language, _ names: SheetNames) -> [Column<Branch>] {
        func groups(_ b: Branch) -> String {
            b.partyGroups.map { "\($0.id)=\($0.name)/\($0.leader ?? "")/\($0.size)" }.joined(separator: "；")
        }
        return [
            Column(zh: "类型", en: "Type", aliases: ["组织类型", "组织类别", "党组织类型", "type"], get: { $0.isJointBranch ? lang.pick("联合党支部", "Joint branch") : lang.pick("党支部", "Branch") },
                   set: { r, s, _ in
                       switch NameKey.of(Cell.trimmed(s)) {
                       case "", "党支部", "支部", "branch": return nil
                       case "联合党支部", "联合支部", "jointbranch": r.isJointBranch = true; return nil
                       default: return ImportProblem(kind: .unknownValue, value: Cell.trimmed(s), accepted: [lang.pick("党支部", "Branch"), lang.pick("联合党支部", "Joint branch"), lang.pick("党总支", "General branch")])
                       }
                   }),
            Column(zh: "支部名称", en: "Name", aliases: ["名称", "党支部", "支部", "组织名称", "党组织名称"], required: true, get: { $0.name },
                   set: { r, s, _ in
                       guard let t = Cell.optional(s) else { return ImportProblem(kind: .missing, value: "") }
                       r.name = t
                       return nil
                   }),
            parentColumn(\Branch.parentId, required: true, names),
            Column(zh: "领域", en: "Sector", aliases: ["类别"], get: { $0.sector.name(lang) },
                   set: code(\.sector, lang, empty: .other)),
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
            Column(zh: "任期开始", en: "Term start", aliases: ["换届时间"], date: { $0.termStart }, set: setResult(Cell.day) { $0.termStart = $1 }),
            Column(zh: "任期届满", en: "Term end", aliases: ["任期结束"], date: { $0.termEnd }, set: setResult(Cell.day) { $0.termEnd = $1 }),
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
            Column(zh: "撤销日期", en: "Retired on", date: { $0.retiredOn }, set: setResult(Cell.day) { $0.retiredOn = $1 }),
            Column(zh: "书记空缺自", en: "Vacant since", date: { $0.secretaryVacantSince }, set: setResult(Cell.day) { $0.secretaryVacantSince = $1 }),
            Column(zh: "备注", en: "Notes", get: { $0.notes ?? "" }, set: set { $0.notes = Cell.optional($1) }).notes(),
            Column(zh: "编号", en: "Id", aliases: ["id", "ID", "支部编号"], get: { $0.id }, set: set { $0.id = Cell.trimmed($1) }),
        ]
    }
}

/// What an export writes for ids: names people know, unless two records share a name (then the
/// id, which the import reads as well).
public struct SheetNames: Sendable {
    private let branchNames: [String: String]
    private let parentNames: [String: String]
    private let groups: [String: [PartyGroup]]
    private let memberNames: [String: String]

    public init(_ ws: Workspace) {
        let org = ws.organisation
        var count: [String: Int] = [:]
        for b in org.branches { count[b.name, default: 0] += 1 }
        branchNames = Dictionary(org.branches.filter { count[$0.name] == 1 }.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        var parentCount: [String: Int] = [org.committee.name: 1]
        for g in org.generalBranches { parentCount[g.name, default: 0] += 1 }
        parentNames = Dictionary(([(org.committee.id, org.committee.name)] + org.generalBranches.map { ($0.id, $0.name) }).filter { parentCount[$0.1] == 1 },
                                 uniquingKeysWith: { a, _ in a })
        groups = Dictionary(org.branches.map { ($0.id, $0.partyGroups) }, uniquingKeysWith: { a, _ in a })
        memberNames = Dictionary(ws.members.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
    }

    /// A member by name (the id when the workspace has no such member).
    func member(_ id: String) -> String { memberNames[id] ?? id }

    func branch(_ id: String) -> String { branchNames[id] ?? id }
    func parent(_ id: String) -> String { parentNames[id] ?? id }
    /// A branch, 党总支 or the 党委 by its name (its id when the name is shared).
    func organisation(_ id: String) -> String { branchNames[id] ?? parentNames[id] ?? id }
    /// A party group by its name within its branch (its id when the branch has two of that name).
    func group(_ id: String?, of branchId: String) -> String {
        guard let id else { return "" }
        let list = groups[branchId] ?? []
        guard let g = list.first(where: { $0.id == id }), list.filter({ $0.name == g.name }).count == 1 else { return id }
        return g.name
    }
}
