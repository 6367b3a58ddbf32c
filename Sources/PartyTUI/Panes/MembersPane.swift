import PartyModel

extension Pane {
    public static let members = Pane("members")
}

/// 党员: the roster (花名册) as of today — by branch and party group, with status (正式/预备 and the
/// 预备期's end), role, dates, phone, this year's training hours against the requirement and months
/// of dues arrears; those who left listed apart, never deleted. `v` turns to 党费收缴, each branch's
/// collection in a month (Left/Right: another month). Members are added, edited, leave, are
/// transferred, pay dues and get training hours here, by form.
public struct MembersPane: PaneSpec {
    public let id = Pane.members
    public init() {}

    public func title(_ lang: Language) -> String { lang.pick("党员", "Members") }

    /// The pane's own actions beyond the shared ones.
    enum Act {
        static let pickBranch = Action.paneAction("members.branch")
        static let cycleRole = Action.paneAction("members.role")
        static let transfer = Action.paneAction("members.transfer")
        static let pay = Action.paneAction("members.pay")
        static let training = Action.paneAction("members.training")
        static let review = Action.paneAction("members.review")
        static let points = Action.paneAction("members.points")
    }

    /// Made once (a key press looks them up).
    static let keys: [KeyBinding] = {
        let needsMember: @Sendable (AppState) -> String? = { state in
            if state.lists[.members]?.variant ?? 0 != 0 { return state.lang.pick("请先按 v 回到名册", "press v for the roster first") }
            return selectedMember(state) == nil ? state.lang.pick("请选择一名党员", "select a member") : nil
        }
        return [
            .open,
            KeyBinding([.char("v")], .toggleView, zh: "名册 / 党费收缴视图", en: "Roster / dues collection view"),
            KeyBinding([.left, .char("h")], .moveLeft, zh: "上一个月 (党费收缴视图)", en: "Previous month (dues view)"),
            KeyBinding([.right, .char("l")], .moveRight, zh: "下一个月 (党费收缴视图)", en: "Next month (dues view)"),
            .stateFilter,
            KeyBinding([.char("b")], Act.pickBranch, zh: "按支部筛选 (默认为支部窗格所选支部)", en: "Members of one branch (the one selected on the branches pane first)"),
            KeyBinding([.char("o")], Act.cycleRole, zh: "按职务筛选", en: "Filter by role"),
            KeyBinding([.char("a")], .add, zh: "新增党员", en: "Add a member", writes: true),
            KeyBinding([.char("e")], .edit, zh: "修改所选党员信息", en: "Edit the selected member", writes: true, unavailable: needsMember),
            KeyBinding([.char("d")], .remove, zh: "离开名册 (去世、出党等; 记录保留)", en: "Leaves the roster (died, left the Party…; record kept)", writes: true,
                       unavailable: { state in
                           if let reason = needsMember(state) { return reason }
                           return selectedMember(state).map { isOnRoster($0, state.data) } == false
                               ? state.lang.pick("该党员已离开名册", "this member has left the roster") : nil
                       }),
            KeyBinding([.char("t")], Act.transfer, zh: "组织关系转接 (转出、转到其他支部、转回)", en: "Transfer (out, to another branch, back in)", writes: true,
                       unavailable: { state in
                           if let reason = needsMember(state) { return reason }
                           guard let m = selectedMember(state), !isOnRoster(m, state.data) else { return nil }
                           return m.leftReason == nil || m.leftReason == .transferredOut ? nil
                               : state.lang.pick("已\(m.leftReason!.name(.zh))的党员不能转接", "a member who has left so cannot be transferred")
                       }),
            KeyBinding([.char("p")], Act.pay, zh: "登记交纳党费", en: "Record a dues payment", writes: true, unavailable: needsMember),
            KeyBinding([.char("c")], Act.training, zh: "登记个人学时 (网络培训等)", en: "Record training hours (online courses…)", writes: true, unavailable: needsMember),
            KeyBinding([.char("y")], Act.review, zh: "民主评议结果 (优秀/合格/基本合格/不合格)", en: "Review result (民主评议)", writes: true, unavailable: needsMember),
            KeyBinding([.char("x")], Act.points, zh: "先锋指数加分 (志愿服务、表彰奖励等)", en: "Pioneer points (volunteering, honours…)", writes: true, unavailable: needsMember),
        ]
    }()

    public var bindings: [KeyBinding] { Self.keys }

    /// Variant 0: the roster; variant k ≥ 1: dues collection k − 1 months before the as-of month.
    public func table(_ data: DashboardData, variant: Int) -> Table? {
        variant == 0 ? Self.roster(data) : Self.collection(data, month: Self.month(variant, data))
    }

    public func stateFilters(_ lang: Language) -> [StateFilter] {
        [StateFilter("", lang.pick("全部", "all")), StateFilter(MemberStatus.full.rawValue, lang.pick("正式党员", "full")),
         StateFilter(MemberStatus.probationary.rawValue, lang.pick("预备党员", "probationary")),
         StateFilter("arrears", lang.pick("欠缴党费", "behind on dues")), StateFilter("short", lang.pick("学时未达标", "hours short")),
         StateFilter("mobile", lang.pick("流动党员", "away (流动)")), StateFilter("left", lang.pick("已离开", "left"))]
    }

    /// The roles `o` cycles through: all, the 班子, then each role.
    static let roleFilters: [String] = ["", "role:leader"] + MemberRole.allCases.map { "role:" + $0.rawValue }

    static func roleFilterName(_ tag: String, _ lang: Language) -> String {
        if tag == "role:leader" { return lang.pick("班子成员", "leadership") }
        return MemberRole(rawValue: String(tag.dropFirst(5))).map { $0.name(lang) } ?? lang.pick("全部", "all")
    }

    public func perform(_ action: Action, _ state: inout AppState) -> Effect {
        let data = state.data
        let variant = state.lists[id]?.variant ?? 0
        switch action {
        case .toggleView:
            // The month last shown comes back with the dues view (kept in `column` meanwhile).
            guard var list = state.lists[id] else { break }
            if variant == 0 { list.variant = list.column + 1 } else { list.column = variant - 1; list.variant = 0 }
            state.lists[id] = list
            state.refresh(id)
        case .moveLeft, .moveRight:
            guard variant > 0 else { break }
            // Left: a month back (up to three years); Right: towards the as-of month.
            let next = action == .moveLeft ? min(variant + 1, 37) : max(1, variant - 1)
            state.lists[id]?.variant = next
            state.refresh(id)
        case Act.pickBranch:
            let current = state.lists[id]?.tagFilters["branch"].map { String($0.dropFirst(7)) }
            // The branch selected on the branches pane, when none is picked yet.
            let suggested = current ?? state.selectedRow(.branches)?.ref.branchId
            state.form = Forms.pickMemberBranch(current: suggested, data)
        case Act.cycleRole:
            let now = state.lists[id]?.tagFilters["role"] ?? ""
            let i = Self.roleFilters.firstIndex(of: now) ?? 0
            let next = Self.roleFilters[(i + 1) % Self.roleFilters.count]
            state.lists[id]?.tagFilters["role"] = next.isEmpty ? nil : next
            state.refresh(id)
        case .add:
            let branch = state.lists[id]?.tagFilters["branch"].map { String($0.dropFirst(7)) }
                ?? Self.selectedMember(state).flatMap { $0.branch(on: data.asOf) }
            state.form = Forms.editMember(nil, branchId: branch, data)
        case .edit:
            if let m = Self.selectedMember(state) { state.form = Forms.editMember(m, branchId: nil, data) }
        case .remove:
            if let m = Self.selectedMember(state) { state.form = Forms.leaveMember(m, data) }
        case Act.transfer:
            if let m = Self.selectedMember(state) { state.form = Forms.transferMember(m, data) }
        case Act.pay:
            if let m = Self.selectedMember(state) { state.form = Forms.payDues(m, data) }
        case Act.training:
            if let m = Self.selectedMember(state) { state.form = Forms.addTraining(m, data) }
        case Act.review:
            if let m = Self.selectedMember(state) { state.form = Forms.reviewResult(m, data) }
        case Act.points:
            if let m = Self.selectedMember(state) { state.form = Forms.pioneerPoints(m, data) }
        default: break
        }
        return .none
    }

    /// Sets (or, with "", clears) the branch filter.
    static func filterBranch(_ branchId: String, _ state: inout AppState) {
        state.lists[.members]?.tagFilters["branch"] = branchId.isEmpty ? nil : "branch:" + branchId
        state.lists[.members]?.selected = 0
        state.refresh(.members)
    }

    public func detail(for row: RowRef, _ state: AppState) -> Detail? {
        switch row {
        case .member(let id): .member(id)
        case .branch(let id): .branch(id)
        default: nil
        }
    }

    public func headerNotes(_ state: AppState) -> [(String, StyleRole)] {
        let lang = state.lang
        let list = state.lists[id] ?? ListState()
        var notes: [(String, StyleRole)] = []
        if list.variant > 0 { notes.append((lang.pick("党费收缴 (←→ 换月份)", "dues (Left/Right: month)"), .muted)) }
        if let branch = list.tagFilters["branch"] {
            notes.append((lang.pick("支部:", "branch:") + DisplayWidth.truncate(state.data.branchName(String(branch.dropFirst(7))), to: 20), .warn))
        }
        if let role = list.tagFilters["role"] { notes.append((lang.pick("职务:", "role:") + Self.roleFilterName(role, lang), .warn)) }
        return notes
    }

    /// The roster is as of the as-of day, its hours of the year shown; the dues view is of one month.
    public func period(_ state: AppState) -> String {
        let lang = state.lang, data = state.data
        let variant = state.lists[id]?.variant ?? 0
        if variant > 0 {
            let m = Self.month(variant, data)
            return lang.pick("\(m.year)年\(m.month)月", m.iso)
        }
        return lang.pick("截至 \(data.asOf.iso)  学时 \(data.year)年", "as of \(data.asOf.iso), hours \(data.year)")
    }

    static func month(_ variant: Int, _ data: DashboardData) -> YearMonth { YearMonth(data.asOf).adding(months: -(max(1, variant) - 1)) }

    static func selectedMember(_ state: AppState) -> Member? {
        guard state.pane == .members, case .member(let id) = state.selected else { return nil }
        return state.data.compliance.members.member(id)
    }

    /// On a branch's roster on the as-of day (or not yet a member: still listed with the roster).
    static func isOnRoster(_ m: Member, _ data: DashboardData) -> Bool { !hasLeft(m, on: data.asOf) }

    /// Left the roster by `day`: a leaving day on or before it, or a move out of the workspace.
    static func hasLeft(_ m: Member, on day: Day) -> Bool {
        if let since = m.memberSince, day < since { return false }
        return m.branch(on: day) == nil
    }

    // MARK: The roster

    static let roleOrder: [MemberRole: Int] = [.secretary: 0, .deputySecretary: 1, .committeeMember: 2, .groupLeader: 3, .member: 4]

    static func roster(_ data: DashboardData) -> Table {
        let lang = data.lang, ws = data.workspace, asOf = data.asOf, year = data.year
        let ledger = data.compliance.members
        let columns = [
            ColumnSpec(lang.pick("姓名", "Name"), width: 8, priority: 10, grows: true),
            ColumnSpec(lang.pick("支部", "Branch"), width: 14, priority: 9, grows: true),
            ColumnSpec(lang.pick("党小组", "Group"), width: 10, priority: 5),
            ColumnSpec(lang.pick("性别", "Sex"), width: 4, priority: 2),
            ColumnSpec(lang.pick("出生日期", "Born"), width: 10, priority: 1),
            ColumnSpec(lang.pick("学历", "Educ."), width: 8, priority: 1),
            ColumnSpec(lang.pick("状态", "Status"), width: 4, priority: 9),
            ColumnSpec(lang.pick("预备期满", "Prob. end"), width: 10, priority: 6),
            ColumnSpec(lang.pick("职务", "Role"), width: 10, priority: 8),
            ColumnSpec(lang.pick("入党日期", "Joined"), width: 10, priority: 3),
            ColumnSpec(lang.pick("电话", "Phone"), width: 11, priority: 4),
            ColumnSpec(lang.pick("学时", "Hours"), width: 8, align: .right, priority: 8),
            ColumnSpec(lang.pick("欠缴", "Owed"), width: 4, align: .right, priority: 8),
        ]
        let org = ws.organisation
        // The tree's order: branches under each general branch, then those directly under the committee.
        var order: [String: Int] = [:]
        for b in org.generalBranches.flatMap({ g in org.branches.filter { $0.parentId == g.id } }) + org.branches where order[b.id] == nil {
            order[b.id] = order.count
        }
        let branches = Dictionary(org.branches.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let names = data.branchNames
        let rules = ws.settings.rules
        struct Figures: Sendable { var member: Member; var position: Int; var branchId: String; var left: Bool }
        var current: [Figures] = [], gone: [Figures] = []
        for (i, m) in ledger.members.enumerated() {
            let left = hasLeft(m, on: asOf)
            // Those who left stay filed where they last were.
            let outOf = m.transfers.last.flatMap { $0.to.branchId == nil ? $0.from.branchId : nil }
            let branch = left ? (outOf ?? m.branchId) : (m.branch(on: asOf) ?? m.branchId)
            let f = Figures(member: m, position: i, branchId: branch, left: left)
            if left { gone.append(f) } else { current.append(f) }
        }
        func groupIndex(_ f: Figures) -> Int {
            guard let g = f.member.partyGroupId else { return Int.max }
            return branches[f.branchId]?.partyGroups.firstIndex { $0.id == g } ?? Int.max - 1
        }
        current.sort { a, b in
            (order[a.branchId] ?? Int.max, groupIndex(a), roleOrder[a.member.role] ?? 9, a.position)
                < (order[b.branchId] ?? Int.max, groupIndex(b), roleOrder[b.member.role] ?? 9, b.position)
        }
        gone.sort { ($0.member.leftOn ?? $0.member.transfers.last?.date ?? asOf, $1.position) > ($1.member.leftOn ?? $1.member.transfers.last?.date ?? asOf, $0.position) }

        let warnAt = rules.duesArrearsWarningMonths, criticalAt = rules.duesArrearsCriticalMonths
        // 43,000 members in a county: worked out on every core.
        var rows = Concurrently.map(Array(current.enumerated())) { position, f -> TableRow in
            let m = f.member
            let status = m.status(on: asOf)
            let training = ledger.training(m, year: year)
            let arrears = ledger.arrears(m, asOf: asOf)
            let group = m.partyGroupId.flatMap { g in branches[f.branchId]?.partyGroups.first { $0.id == g }?.name } ?? ""
            let probation = status == .probationary ? m.probationEnd?.iso ?? "?" : ""
            let branchName = names[f.branchId] ?? f.branchId
            let cells = [m.name, branchName, group, m.gender?.name(lang) ?? "", m.birthDate?.iso ?? "", m.education ?? "",
                         Self.statusShort(status, lang), probation, m.role.name(lang), m.joinDate?.iso ?? "", m.phone ?? "",
                         "\(Self.hoursText(training.total))/\(Self.hoursText(training.required))", String(arrears)]
            let arrearsRole: StyleRole = arrears >= criticalAt ? .bad : arrears >= warnAt ? .warn : arrears > 0 ? .text : .muted
            let roles: [StyleRole] = [.text, .text, .muted, .text, .muted, .text, status == .probationary ? .accent : .text, .muted,
                                      m.role.isLeader ? .accent : .text, .muted, .text, training.reached ? .good : .warn, arrearsRole]
            var tags: Set<String> = [status.rawValue, "branch:" + f.branchId, "role:" + m.role.rawValue]
            if m.role.isLeader { tags.insert("role:leader") }
            if arrears > 0 { tags.insert("arrears") }
            if !training.reached { tags.insert("short") }
            if m.mobile != nil { tags.insert("mobile") }
            return TableRow(.member(m.id), cells: cells, roles: roles,
                            search: [m.name, branchName, group, status.name(lang), m.role.name(lang), m.phone ?? "", m.education ?? "",
                                     m.mobile?.place ?? "", m.id].joined(separator: " "),
                            sortKeys: [.number(Double(position)), .text(PinyinInitials.of(m.name) + m.name), .number(-Double(arrears)),
                                       .number(training.total - training.required), .text(m.joinDate?.iso ?? "9999")],
                            tags: tags)
        }
        if !gone.isEmpty {
            rows.append(TableRow(.section("left"), cells: [lang.pick("已离开", "Left"), lang.pick("\(gone.count) 名, 记录保留", "\(gone.count), records kept")],
                                 rowRole: .accent, search: "", sortKeys: [.number(Double(rows.count))], isHeading: true))
        }
        for f in gone {
            let m = f.member
            let when = m.leftOn ?? m.transfers.last?.date
            let reason = m.leftReason?.name(lang) ?? (m.transfers.last?.to.branchId == nil ? LeaveReason.transferredOut.name(lang) : lang.pick("离开", "left"))
            let whereTo: String = if case .outside(let place)? = m.transfers.last?.to, m.leftReason == nil || m.leftReason == .transferredOut { place } else { "" }
            let branchName = names[f.branchId] ?? f.branchId
            let cells = [m.name, branchName + (whereTo.isEmpty ? "" : " -> " + whereTo), "", m.gender?.name(lang) ?? "", m.birthDate?.iso ?? "",
                         m.education ?? "", DisplayWidth.truncate(reason, to: 4, marker: ""), when?.iso ?? "", m.role.name(lang),
                         m.joinDate?.iso ?? "", m.phone ?? "", "", ""]
            rows.append(TableRow(.member(m.id), cells: cells, rowRole: .muted,
                                 search: [m.name, branchName, whereTo, reason, when?.iso ?? "", m.phone ?? "", m.id].joined(separator: " "),
                                 sortKeys: [.number(Double(rows.count)), .text(PinyinInitials.of(m.name) + m.name), .number(1),
                                            .number(Double.greatestFiniteMagnitude), .text(m.joinDate?.iso ?? "9999")],
                                 tags: ["left", "branch:" + f.branchId]))
        }
        return Table(columns: columns, rows: rows, sortOptions: [
            lang.pick("支部与党小组", "branch and group"), lang.pick("姓名", "name"), lang.pick("欠缴月数", "months owed"),
            lang.pick("学时差额", "hours short"), lang.pick("入党日期", "joined")])
    }

    /// 正式 / 预备: the status in the table's narrow column.
    static func statusShort(_ status: MemberStatus, _ lang: Language) -> String {
        status == .full ? lang.pick("正式", "full") : lang.pick("预备", "prob")
    }

    /// Hours to a tenth (the table's 学时 column).
    static func hoursText(_ v: Double) -> String { formatNumber((v * 10).rounded() / 10) }

    // MARK: Dues collection

    static func collection(_ data: DashboardData, month: YearMonth) -> Table {
        let lang = data.lang
        let ledger = data.compliance.members
        let columns = [
            ColumnSpec(lang.pick("支部", "Branch"), width: 18, flexible: true, priority: 10),
            ColumnSpec(lang.pick("应交人数", "Owing"), width: 8, align: .right, priority: 7),
            ColumnSpec(lang.pick("已交人数", "Paid"), width: 8, align: .right, priority: 8),
            ColumnSpec(lang.pick("应交(元)", "Due"), width: 10, align: .right, priority: 9),
            ColumnSpec(lang.pick("已交(元)", "Paid (yuan)"), width: 10, align: .right, priority: 9),
            ColumnSpec(lang.pick("收缴率", "Rate"), width: 12, priority: 9, isBar: true),
            ColumnSpec(lang.pick("少交", "Short"), width: 4, align: .right, priority: 3),
            ColumnSpec(lang.pick("未登记", "No cat."), width: 6, align: .right, priority: 2),
        ]
        let org = data.workspace.organisation
        var ordered: [Branch] = []
        for b in org.generalBranches.flatMap({ g in org.branches.filter { $0.parentId == g.id } }) + org.branches where !ordered.contains(where: { $0.id == b.id }) {
            ordered.append(b)
        }
        let active = Set(org.branches(inServiceOn: month.firstDay).map(\.id))
        let branches = ordered.filter { active.contains($0.id) }
        let list = Concurrently.map(branches) { ledger.collection($0.id, month, asOf: data.asOf) }
        func cells(_ name: String, _ c: DuesCollection) -> [String] {
            [name, String(c.membersOwing), String(c.membersPaid), c.due.description, c.paid.description,
             c.rate.map { String(min(1, $0)) } ?? "-", String(c.short), String(c.dueUnknown)]
        }
        func roles(_ c: DuesCollection) -> [StyleRole] {
            [.text, .text, c.membersPaid < c.membersOwing ? .warn : .good, .text, .text, .text, c.short > 0 ? .warn : .muted, c.dueUnknown > 0 ? .warn : .muted]
        }
        var rows = zip(branches, list).enumerated().map { i, pair -> TableRow in
            let (b, c) = pair
            return TableRow(.branch(b.id), cells: cells(b.name, c), roles: roles(c), search: b.name,
                            sortKeys: [.number(Double(i)), .number(c.rate ?? 2), .number(-c.due.yuan)],
                            tags: Set(["branch:" + b.id] + (c.membersPaid < c.membersOwing ? ["arrears"] : [])))
        }
        let total = DuesCollection.total(list, month: month)
        rows.append(TableRow(.other("dues-total"), cells: cells(lang.pick("合计", "Total"), total), rowRole: .title,
                             search: lang.pick("合计", "total"), sortKeys: [.number(Double(rows.count)), .number(3), .number(1)]))
        return Table(columns: columns, rows: rows, sortOptions: [lang.pick("支部", "branch"), lang.pick("收缴率", "rate"), lang.pick("应交金额", "due")])
    }
}
