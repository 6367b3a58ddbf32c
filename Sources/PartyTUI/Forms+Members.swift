import PartyModel

/// Forms of the member ledger (党员): a member added or edited, leaving the roster, a transfer of
/// 组织关系, a dues payment, a training entry; and the member pane's branch picker. Every record form
/// saves through the same path as the others (`Effect.commit` → the editor: lock, journal, undo).
extension Forms {
    // MARK: Building

    /// The branches a member can be filed with: those in service, and the member's own (retired or not).
    static func memberBranches(_ data: DashboardData, keeping id: String? = nil) -> [Branch] {
        let org = data.workspace.organisation
        var list = org.branches(inServiceOn: data.asOf)
        if let id, !list.contains(where: { $0.id == id }), let own = org.branches.first(where: { $0.id == id }) { list.append(own) }
        return list
    }

    static func memberGroupField(branchId: String, selected: String?, _ data: DashboardData) -> FormField {
        var field = groupField(branchId: branchId, selected: selected, data, lang: data.lang)
        field.key = "group"
        return field
    }

    static func memberFields(_ m: Member?, branchId: String, _ data: DashboardData) -> [FormField] {
        let lang = data.lang
        let branches = memberBranches(data, keeping: m?.branchId)
        let codes: [FormField.Choice] = [.init("", lang.pick("未登记", "not recorded"))] + DuesCategory.Code.allCases.map { .init($0.rawValue, $0.name(lang)) }
        var fields = [
            FormField(key: "name", label: lang.pick("姓名", "Name"), kind: .text, required: true, value: m?.name ?? ""),
            FormField(key: "branch", label: lang.pick("支部", "Branch"), kind: .choice(branches.map { .init($0.id, $0.name) }), required: true,
                      value: m?.branchId ?? branchId),
            memberGroupField(branchId: m?.branchId ?? branchId, selected: m?.partyGroupId, data),
            FormField(key: "status", label: lang.pick("状态", "Status"), kind: .choice(MemberStatus.allCases.map { .init($0.rawValue, $0.name(lang)) }),
                      value: m?.status.rawValue ?? MemberStatus.full.rawValue),
            FormField(key: "role", label: lang.pick("职务", "Role"), kind: .choice(MemberRole.allCases.map { .init($0.rawValue, $0.name(lang)) }),
                      value: m?.role.rawValue ?? MemberRole.member.rawValue),
            FormField(key: "gender", label: lang.pick("性别", "Gender"),
                      kind: .choice([.init("", lang.pick("未填", "not given"))] + Gender.allCases.map { .init($0.rawValue, $0.name(lang)) }),
                      value: m?.gender?.rawValue ?? ""),
            FormField(key: "born", label: lang.pick("出生日期", "Born"), kind: .date, value: m?.birthDate?.iso ?? ""),
            FormField(key: "education", label: lang.pick("学历", "Education"), kind: .text, value: m?.education ?? ""),
            FormField(key: "phone", label: lang.pick("联系电话", "Phone"), kind: .text, value: m?.phone ?? ""),
            FormField(key: "joined", label: lang.pick("入党日期", "Joined"), kind: .date, value: m?.joinDate?.iso ?? ""),
            FormField(key: "accepted", label: lang.pick("接收预备党员日期", "Accepted on"), kind: .date, value: m?.acceptedOn?.iso ?? ""),
            FormField(key: "probationEnds", label: lang.pick("预备期满", "Probation ends"), kind: .date, value: m?.probationEnds?.iso ?? ""),
            FormField(key: "duesCategory", label: lang.pick("党费类别", "Dues category"), kind: .choice(codes), value: m?.dues?.code.rawValue ?? ""),
            FormField(key: "duesFigure", label: lang.pick("党费基数/金额", "Dues base/amount"), kind: .number(min: 0, max: 10_000_000, integer: false),
                      value: m?.dues?.figure.map { Money(yuan: $0).description } ?? ""),
            FormField(key: "mobile", label: lang.pick("流动去向", "Away at"), kind: .text, value: m?.mobile?.place ?? ""),
        ]
        if m == nil {
            // A member whose 组织关系 comes in from outside the workspace: one history from the day it came.
            fields += [
                FormField(key: "fromOutside", label: lang.pick("转入自 (党委外)", "Transferred in from"), kind: .text),
                FormField(key: "inDate", label: lang.pick("转入日期", "Transferred in on"), kind: .date),
                FormField(key: "letter", label: lang.pick("介绍信编号", "Letter number"), kind: .text),
            ]
        }
        return fields
    }

    /// A new member (in `branchId`) or an existing one.
    public static func editMember(_ m: Member?, branchId: String?, _ data: DashboardData) -> FormState {
        let lang = data.lang
        let branch = m?.branchId ?? branchId ?? memberBranches(data).first?.id ?? ""
        var form = FormState(purpose: .editMember(m),
                             title: m.map { lang.pick("修改党员信息: ", "Edit member: ") + $0.name } ?? lang.pick("新增党员", "New member"),
                             fields: memberFields(m, branchId: branch, data))
        if m != nil, let i = form.fields.firstIndex(where: { $0.key == "branch" }) {
            form.fields[i].note = lang.pick("只用于更正录入; 组织关系转接请按 t", "to correct a mistake only; a transfer is t")
        }
        refreshMember(&form, data)
        return form
    }

    public static func leaveMember(_ m: Member, _ data: DashboardData) -> FormState {
        let lang = data.lang
        let reasons = LeaveReason.allCases.filter { $0 != .transferredOut }
        return FormState(purpose: .leaveMember(m), title: lang.pick("离开名册 (记录保留): ", "Leaves the roster (record kept): ") + m.name, fields: [
            FormField(key: "date", label: lang.pick("离开日期", "Left on"), kind: .date, required: true, value: data.asOf.iso),
            FormField(key: "reason", label: lang.pick("原因 (转出请用 t)", "Reason (transfers: t)"), kind: .choice(reasons.map { .init($0.rawValue, $0.name(lang)) }),
                      required: true, value: LeaveReason.died.rawValue),
        ])
    }

    /// Where a member's 组织关系 can go: another branch of the workspace, outside it, or — for one who
    /// was transferred out — back in.
    public static func transferMember(_ m: Member, _ data: DashboardData) -> FormState {
        let lang = data.lang
        // One not yet a member (accepted later than today) moves from the branch they are filed with.
        let pending = m.memberSince.map { data.asOf < $0 } ?? false
        let current = pending ? m.branchId : m.branch(on: data.asOf)
        var directions: [FormField.Choice] = []
        if current != nil {
            directions = [.init("inside", lang.pick("转到本党委其他支部", "to another branch here")),
                          .init("out", lang.pick("转出到党委外", "out of the workspace"))]
        } else {
            directions = [.init("back", lang.pick("自党委外转回", "back in from outside"))]
        }
        let branches = memberBranches(data).filter { $0.id != current }
        let lastOutside: String? = m.transfers.last.flatMap { if case .outside(let place) = $0.to { place } else { nil } }
        var form = FormState(purpose: .transferMember(m), title: lang.pick("组织关系转接: ", "Transfer: ") + m.name
                                + (current.map { " (" + data.branchName($0) + ")" } ?? ""), fields: [
            FormField(key: "direction", label: lang.pick("转接方式", "Direction"), kind: .choice(directions), required: true),
            FormField(key: "date", label: lang.pick("转接日期", "Date"), kind: .date, required: true, value: data.asOf.iso),
            FormField(key: "to", label: lang.pick("转入支部", "To branch"), kind: .choice(branches.map { .init($0.id, $0.name) })),
            FormField(key: "place", label: current == nil ? lang.pick("转回自", "Back from") : lang.pick("转出到", "Out to"), kind: .text,
                      value: current == nil ? lastOutside ?? "" : ""),
            FormField(key: "letter", label: lang.pick("介绍信编号", "Letter number"), kind: .text),
        ])
        refreshMember(&form, data)
        return form
    }

    public static func payDues(_ m: Member, _ data: DashboardData) -> FormState {
        let lang = data.lang
        let ledger = data.compliance.members
        let month = oldestUnpaidMonth(m, data)
        let due = ledger.monthlyDue(m, month) ?? m.dues.map { ledger.rules.dues.monthlyDue($0) }
        var form = FormState(purpose: .payDues(m), title: lang.pick("交纳党费: ", "Dues paid: ") + m.name
                                + (due.map { lang.pick(" (月应交 \($0) 元)", " (\($0) a month)") } ?? ""), fields: [
            FormField(key: "months", label: lang.pick("所交月份", "Months"), kind: .text, required: true, value: month.iso),
            FormField(key: "amount", label: lang.pick("金额 (元)", "Amount"), kind: .number(min: 0, max: 1_000_000, integer: false), required: true),
            FormField(key: "paidOn", label: lang.pick("交纳日期", "Paid on"), kind: .date, required: true, value: data.asOf.iso),
            FormField(key: "method", label: lang.pick("交纳方式", "Method"), kind: .choice(DuesMethod.allCases.map { .init($0.rawValue, $0.name(lang)) })),
            FormField(key: "note", label: lang.pick("备注", "Note"), kind: .text),
        ])
        refreshMember(&form, data)
        return form
    }

    public static func addTraining(_ m: Member, _ data: DashboardData) -> FormState {
        let lang = data.lang
        let t = data.compliance.members.training(m, year: data.year)
        return FormState(purpose: .addTraining(m), title: lang.pick("登记个人学时: ", "Training hours: ") + m.name
                            + lang.pick(" (\(data.year)年已 \(formatNumber(t.total))/\(formatNumber(t.required)))", " (\(data.year): \(formatNumber(t.total))/\(formatNumber(t.required)))"), fields: [
            FormField(key: "hours", label: lang.pick("学时", "Hours"), kind: .number(min: 0.5, max: 500, integer: false), required: true),
            FormField(key: "date", label: lang.pick("日期", "Date"), kind: .date, required: true, value: data.asOf.iso),
            FormField(key: "provider", label: lang.pick("培训机构", "Provider"), kind: .text, required: true),
            FormField(key: "title", label: lang.pick("课程名称", "Course"), kind: .text, required: true),
        ])
    }

    /// The member pane's branch filter: all branches, or one (found by typing its name or initials).
    public static func pickMemberBranch(current: String?, _ data: DashboardData) -> FormState {
        let lang = data.lang
        let choices = [FormField.Choice("", lang.pick("全部支部", "all branches"))] + memberBranches(data, keeping: current).map { .init($0.id, $0.name) }
        return FormState(purpose: .pickMemberBranch, title: lang.pick("按支部筛选党员", "Members of a branch"), fields: [
            FormField(key: "branch", label: lang.pick("支部", "Branch"), kind: .choice(choices), value: current ?? ""),
        ])
    }

    /// The first month from which the member owes and has not paid (counting from the first month
    /// the 党费 ledger holds, or the member's first): what a payment most often covers. A member
    /// paid up to date gets the next month due.
    static func oldestUnpaidMonth(_ m: Member, _ data: DashboardData) -> YearMonth {
        let ledger = data.compliance.members
        let now = YearMonth(data.asOf)
        var start = ledger.duesStart ?? now
        if let since = m.memberSince { start = max(start, YearMonth(since)) }
        start = min(start, now)
        var month = start
        for _ in 0..<(now.index - start.index + 13) {
            let d = ledger.month(m, month, asOf: data.asOf)
            if d.owed && !d.covered { return month }
            month = month.next
        }
        return now
    }

    // MARK: Following what is typed

    /// Fields that follow others: the group list follows the branch, the monthly due is said under
    /// the dues fields, a payment's amount follows its months (until typed over), a transfer's fields
    /// follow its direction.
    static func refreshMember(_ form: inout FormState, _ data: DashboardData) {
        let lang = data.lang
        switch form.purpose {
        case .editMember:
            if let g = form.fields.firstIndex(where: { $0.key == "group" }) {
                let field = memberGroupField(branchId: form.value("branch"), selected: form.fields[g].value, data)
                if case .choice(let new) = field.kind, case .choice(let old) = form.fields[g].kind, new != old {
                    form.fields[g] = memberGroupField(branchId: form.value("branch"), selected: nil, data)
                }
            }
            let note = duesNote(form, data)
            for key in ["duesCategory", "duesFigure"] {
                if let i = form.fields.firstIndex(where: { $0.key == key }) { form.fields[i].note = note }
            }
        case .payDues(let m):
            let ledger = data.compliance.members
            guard let a = form.fields.firstIndex(where: { $0.key == "amount" }) else { return }
            switch parseMonths(form.value("months")) {
            case .success(let months):
                let dues = months.map { ledger.monthlyDue(m, $0) }
                let known = dues.compactMap { $0 }
                let total = known.reduce(Money.zero, +)
                let worked = known.count == dues.count && !dues.isEmpty ? total.description : ""
                // The amount follows the months while it is what was worked out (or empty).
                let typed = String(form.fields[a].text)
                if typed.isEmpty || typed == form.derived["amount"] {
                    form.fields[a].text = Array(worked)
                    form.fields[a].cursor = form.fields[a].text.count
                }
                form.derived["amount"] = worked
                if m.dues == nil {
                    form.fields[a].note = lang.pick("党费类别未登记: 请填写实交金额", "no dues category recorded: type the amount paid")
                } else if known.count != dues.count {
                    form.fields[a].note = lang.pick("部分月份不在应交范围 (入党前或离开后)", "some months are not owed (before joining or after leaving)")
                } else {
                    let each = Set(known).count == 1 ? known[0].description : nil
                    form.fields[a].note = lang.pick("应交 \(total) 元", "due \(total)")
                        + (each.map { lang.pick(" (\($0) × \(months.count) 个月)", " (\($0) × \(months.count) months)") } ?? "")
                }
            case .failure:
                form.fields[a].note = nil
            }
            if let i = form.fields.firstIndex(where: { $0.key == "months" }) {
                form.fields[i].note = lang.pick("如 2026-10, 2026-10~2026-12, 2026-10,2026-11", "e.g. 2026-10, 2026-10~2026-12, 2026-10,2026-11")
            }
        case .transferMember:
            let direction = form.value("direction")
            for i in form.fields.indices {
                switch form.fields[i].key {
                case "to": form.fields[i].required = direction != "out"
                case "place": form.fields[i].required = direction != "inside"
                default: break
                }
            }
            if let i = form.fields.firstIndex(where: { $0.key == "direction" }) {
                form.fields[i].note = switch direction {
                case "inside": lang.pick("填转入支部; 党小组与职务清空 (可再修改)", "pick the branch; group and role are cleared (edit them after)")
                case "out": lang.pick("填转出到的组织; 同日离开名册, 记录保留", "say where to; they leave the roster that day, record kept")
                default: lang.pick("填转入支部与转回自的组织", "pick the branch and say where from")
                }
            }
        default:
            break
        }
    }

    /// The monthly due of the dues fields as typed, or what they still need.
    static func duesNote(_ form: FormState, _ data: DashboardData) -> String? {
        let lang = data.lang
        guard let code = DuesCategory.Code(rawValue: form.value("duesCategory")) else {
            return lang.pick("党费类别未登记: 应交金额不详", "no dues category: the monthly due is unknown")
        }
        let figure = Double(form.value("duesFigure").trimmingCharacters(in: " "))
        guard let category = DuesCategory(code: code, figure: figure) else {
            return code == .fixed ? lang.pick("固定金额: 请在党费基数/金额填每月金额", "fixed: type the monthly amount")
                                  : lang.pick("请在党费基数/金额填月工资或养老金 (税后)", "type the monthly after-tax salary or pension")
        }
        let due = data.workspace.settings.rules.dues.monthlyDue(category)
        return lang.pick("月应交 \(due) 元 (\(category.name(lang)))", "monthly due \(due) (\(category.name(lang)))")
    }

    // MARK: Months

    enum MonthsProblem: Error, Equatable { case unreadable(String), backwards(String), tooMany }

    /// "2026-10", "2026-10~2026-12" (also 至), "2026-10,2026-11" (also ， 、 ;), "2026年10月", "2026/10", "202610".
    static func parseMonths(_ text: String) -> Result<[YearMonth], MonthsProblem> {
        var months: [YearMonth] = []
        let parts = text.split(whereSeparator: { ",，、;；".contains($0) }).map { $0.trimmingCharacters(in: " ") }.filter { !$0.isEmpty }
        for part in parts {
            let ends = part.split(whereSeparator: { "~～至".contains($0) }).map { $0.trimmingCharacters(in: " ") }
            guard (1...2).contains(ends.count) else { return .failure(.unreadable(part)) }
            guard let first = month(ends[0]) else { return .failure(.unreadable(ends[0])) }
            guard ends.count == 2 else { months.append(first); continue }
            guard let last = month(ends[1]) else { return .failure(.unreadable(ends[1])) }
            guard first <= last else { return .failure(.backwards(part)) }
            guard last.index - first.index < 36 else { return .failure(.tooMany) }
            var m = first
            while m <= last { months.append(m); m = m.next }
        }
        guard !months.isEmpty else { return .failure(.unreadable(text)) }
        guard months.count <= 36 else { return .failure(.tooMany) }
        return .success(months)
    }

    /// One month in the forms people write it.
    static func month(_ text: String) -> YearMonth? {
        let t = String(text.map { FullWidth.halfWidth($0) }).trimmingCharacters(in: " ")
        if let m = YearMonth(iso: t) { return m }
        let digits = t.split(whereSeparator: { !$0.isNumber }).map(String.init)
        if digits.count == 2, digits[0].count == 4, (1...2).contains(digits[1].count), let y = Int(digits[0]), let m = Int(digits[1]),
           t.allSatisfy({ $0.isNumber || "-/.年月".contains($0) }) {
            return YearMonth(year: y, month: m)
        }
        if digits.count == 1, t.count == 6, let y = Int(t.prefix(4)), let m = Int(t.suffix(2)) { return YearMonth(year: y, month: m) }
        return nil
    }

    static func monthsMessage(_ problem: MonthsProblem, _ lang: Language) -> String {
        switch problem {
        case .unreadable(let t): lang.pick("无法识别的月份 \"\(t)\" (如 2026-10 或 2026-10~2026-12)", "cannot read the month \"\(t)\" (e.g. 2026-10 or 2026-10~2026-12)")
        case .backwards(let t): lang.pick("\(t): 起始月份晚于结束月份", "\(t): the first month is after the last")
        case .tooMany: lang.pick("一次最多交 36 个月", "at most 36 months at once")
        }
    }

    // MARK: Changes

    /// A phone as people write it: digits, spaces, + - ( ) and 转 (an extension), 5 to 20 digits.
    static func phoneProblem(_ text: String, _ lang: Language) -> String? {
        let digits = text.filter(\.isASCII).filter(\.isNumber).count
        let allowed = text.allSatisfy { ($0.isASCII && $0.isNumber) || " +-()转".contains($0) }
        return allowed && (5...20).contains(digits) ? nil
            : lang.pick("电话应为 5–20 位数字 (可含空格、+、-、括号)", "a phone is 5–20 digits (spaces, +, -, brackets allowed)")
    }

    /// The form's field for a validation problem's JSON path.
    static let memberFieldOfPath: [String: String] = [
        "name": "name", "branchId": "branch", "partyGroupId": "group", "birthDate": "born", "joinDate": "joined",
        "acceptedOn": "accepted", "probationEnds": "probationEnds", "dues.base": "duesFigure", "dues.amount": "duesFigure",
        "phone": "phone", "education": "education", "mobile.where": "mobile", "leftOn": "date",
    ]

    /// Puts the model's problems with `member` on the form (on their field, or the whole form); true when none.
    static func checkMember(_ member: Member, _ form: inout FormState, _ data: DashboardData) -> Bool {
        let issues = Validator.validate(member: member, in: data.workspace)
        guard !issues.isEmpty else { return true }
        for issue in issues {
            let key = memberFieldOfPath[issue.field] ?? (issue.field.hasPrefix("transfers") ? (form.fields.contains { $0.key == "date" } ? "date" : "inDate") : nil)
            if let key, form.fields.contains(where: { $0.key == key }) {
                form.setError(key, issue.kind.message(data.lang))
            } else {
                form.error = issue.kind.message(data.lang)
            }
        }
        if let first = form.fields.firstIndex(where: { $0.error != nil }) { form.focus = first }
        return false
    }

    static func memberChange(_ form: inout FormState, _ before: Member?, _ data: DashboardData) -> Change? {
        let lang = data.lang
        func text(_ key: String) -> String? {
            let v = form.value(key).trimmingCharacters(in: " \t")
            return v.isEmpty ? nil : v
        }
        func fail(_ key: String, _ message: String) -> Change? {
            form.setError(key, message)
            form.focus = form.fields.firstIndex { $0.key == key } ?? 0
            return nil
        }
        if let phone = text("phone"), let problem = phoneProblem(phone, lang) { return fail("phone", problem) }
        var dues: DuesCategory? = nil
        if let code = DuesCategory.Code(rawValue: form.value("duesCategory")) {
            let figure = text("duesFigure").flatMap(Double.init)
            if let figure, !Money.isWholeFen(figure) { return fail("duesFigure", ProblemKind.notWholeFen(figure).message(lang)) }
            guard let category = DuesCategory(code: code, figure: figure) else {
                return fail("duesFigure", lang.pick("\(code.name(lang))须填写金额", "\(code.name(lang)) needs an amount"))
            }
            dues = category
        }
        let id: String
        if let before { id = before.id } else {
            var ids = NewIds(taken: data.workspace.members.lazy.map(\.id))
            id = ids.member()
        }
        var m = before ?? Member(id: id, name: "", branchId: "")
        m.name = text("name") ?? ""
        m.branchId = form.value("branch")
        m.partyGroupId = text("group")
        m.status = MemberStatus(rawValue: form.value("status")) ?? .full
        m.role = MemberRole(rawValue: form.value("role")) ?? .member
        m.gender = Gender(rawValue: form.value("gender"))
        m.birthDate = text("born").flatMap(Day.parse)
        m.education = text("education")
        m.phone = text("phone")
        m.joinDate = text("joined").flatMap(Day.parse)
        m.acceptedOn = text("accepted").flatMap(Day.parse)
        m.probationEnds = text("probationEnds").flatMap(Day.parse)
        m.dues = dues
        if let place = text("mobile") {
            m.mobile = MobileMembership(place: place, since: before?.mobile?.place == place ? before?.mobile?.since : data.asOf)
        } else {
            m.mobile = nil
        }
        if let born = m.birthDate, let joined = m.joinDate ?? m.acceptedOn, joined < born.adding(months: 18 * 12) {
            return fail("born", lang.pick("入党时应年满 18 岁", "must be 18 or older when joining"))
        }
        if before == nil, let from = text("fromOutside") {
            guard let day = text("inDate").flatMap(Day.parse) else { return fail("inDate", lang.pick("转入须填写日期", "a transfer in needs its date")) }
            m.transfers = [Transfer(date: day, from: .outside(from), to: .branch(m.branchId), letterNumber: text("letter"))]
        }
        // A correction of the branch (not a transfer): the last move ends in it.
        if let before, before.branchId != m.branchId, let last = m.transfers.indices.last, m.transfers[last].to.branchId == before.branchId {
            m.transfers[last].to = .branch(m.branchId)
        }
        guard checkMember(m, &form, data) else { return nil }
        if before == m { return nil }
        return .member(before: before, after: m)
    }

    static func leaveChange(_ form: inout FormState, _ m: Member, _ data: DashboardData) -> Change? {
        let lang = data.lang
        let day = Day.parse(form.value("date"))!
        if let since = m.memberSince, day < since {
            form.setError("date", lang.pick("早于入党 (接收) 日期 \(since.iso)", "before they joined, \(since.iso)"))
            return nil
        }
        if let last = m.transfers.last, day < last.date {
            form.setError("date", lang.pick("早于最近一次转接 \(last.date.iso)", "before the last transfer, \(last.date.iso)"))
            return nil
        }
        var after = m
        after.leftOn = day
        after.leftReason = LeaveReason(rawValue: form.value("reason")) ?? .other
        guard checkMember(after, &form, data) else { return nil }
        return .member(before: m, after: after)
    }

    static func transferChange(_ form: inout FormState, _ m: Member, _ data: DashboardData) -> Change? {
        let lang = data.lang
        let day = Day.parse(form.value("date"))!
        let letter = form.value("letter").trimmingCharacters(in: " ")
        let place = form.value("place").trimmingCharacters(in: " ")
        let to = form.value("to")
        func fail(_ key: String, _ message: String) -> Change? {
            form.setError(key, message)
            form.focus = form.fields.firstIndex { $0.key == key } ?? 0
            return nil
        }
        if let last = m.transfers.last, day < last.date {
            return fail("date", lang.pick("早于最近一次转接 \(last.date.iso)", "before the last transfer, \(last.date.iso)"))
        }
        var after = m
        switch form.value("direction") {
        case "inside", "out":
            guard let current = m.branch(on: day) else {
                return fail("date", lang.pick("该日不在本党委任何支部的名册上", "not on any branch's roster that day"))
            }
            if form.value("direction") == "inside" {
                guard !to.isEmpty else { return fail("to", lang.pick("必填", "required")) }
                guard to != current else { return fail("to", lang.pick("该日已在此支部", "already in this branch that day")) }
                after.transfers.append(Transfer(date: day, from: .branch(current), to: .branch(to), letterNumber: letter.isEmpty ? nil : letter))
                after.branchId = to
                after.partyGroupId = nil
                after.role = .member
            } else {
                guard !place.isEmpty else { return fail("place", lang.pick("必填", "required")) }
                after.transfers.append(Transfer(date: day, from: .branch(current), to: .outside(place), letterNumber: letter.isEmpty ? nil : letter))
                after.branchId = current
                after.leftOn = day
                after.leftReason = .transferredOut
            }
        default:
            guard !to.isEmpty else { return fail("to", lang.pick("必填", "required")) }
            guard !place.isEmpty else { return fail("place", lang.pick("必填", "required")) }
            guard m.leftReason == nil || m.leftReason == .transferredOut else {
                return fail("direction", lang.pick("只有转出的党员可以转回", "only a member transferred out can come back"))
            }
            if let left = m.leftOn, day < left { return fail("date", lang.pick("早于转出日期 \(left.iso)", "before they left, \(left.iso)")) }
            // Left without a record of the move out (an import): the move out is written first, so
            // that the months between stay outside.
            let outside: TransferEnd
            if case .outside(let was)? = m.transfers.last?.to {
                outside = .outside(was)
            } else if let left = m.leftOn {
                outside = .outside(place)
                after.transfers.append(Transfer(date: left, from: .branch(m.branch(on: left.adding(days: -1)) ?? m.branchId), to: outside))
            } else {
                outside = .outside(place)
            }
            after.transfers.append(Transfer(date: day, from: outside, to: .branch(to), letterNumber: letter.isEmpty ? nil : letter))
            after.branchId = to
            after.partyGroupId = nil
            after.role = .member
            after.leftOn = nil
            after.leftReason = nil
        }
        guard checkMember(after, &form, data) else { return nil }
        return .member(before: m, after: after)
    }

    static func paymentChange(_ form: inout FormState, _ m: Member, _ data: DashboardData) -> Change? {
        let lang = data.lang
        let ledger = data.compliance.members
        let months: [YearMonth]
        switch parseMonths(form.value("months")) {
        case .success(let list): months = list
        case .failure(let problem):
            form.setError("months", monthsMessage(problem, lang))
            form.focus = 0
            return nil
        }
        if let notOwed = months.first(where: { ledger.duesBranch(m, $0) == nil }) {
            form.setError("months", lang.pick("\(notOwed.iso) 不在应交月份内 (入党前或离开后)", "\(notOwed.iso) is not owed (before joining or after leaving)"))
            form.focus = 0
            return nil
        }
        let amount = Double(form.value("amount").trimmingCharacters(in: " ")) ?? 0
        if !Money.isWholeFen(amount) {
            form.setError("amount", ProblemKind.notWholeFen(amount).message(lang))
            form.focus = form.fields.firstIndex { $0.key == "amount" } ?? 0
            return nil
        }
        let paidOn = Day.parse(form.value("paidOn"))!
        let note = form.value("note").trimmingCharacters(in: " ")
        let payment = DuesPayment(id: data.workspace.newDuesPaymentId(year: paidOn.year), memberId: m.id,
                                  branchId: m.branch(on: paidOn) ?? ledger.duesBranch(m, months[0]) ?? m.branchId,
                                  months: Array(Set(months)).sorted(), amount: Money(yuan: amount).yuan, paidOn: paidOn,
                                  method: DuesMethod(rawValue: form.value("method")), note: note.isEmpty ? nil : note)
        if let issue = Validator.validate(duesPayment: payment, in: data.workspace).first {
            form.error = issue.kind.message(lang)
            return nil
        }
        return .duesPayment(before: nil, after: payment)
    }

    static func trainingChange(_ form: inout FormState, _ m: Member, _ data: DashboardData) -> Change? {
        let date = Day.parse(form.value("date"))!
        let entry = TrainingEntry(id: data.workspace.newTrainingEntryId(year: date.year), memberId: m.id,
                                  branchId: m.branch(on: date) ?? m.branchId, date: date,
                                  hours: Double(form.value("hours").trimmingCharacters(in: " ")) ?? 0,
                                  provider: form.value("provider").trimmingCharacters(in: " "), title: form.value("title").trimmingCharacters(in: " "))
        if let issue = Validator.validate(trainingEntry: entry, in: data.workspace).first {
            form.error = issue.kind.message(data.lang)
            return nil
        }
        return .trainingEntry(before: nil, after: entry)
    }

    /// Forms that set something of the dashboard and save nothing (the branch picker): applied on
    /// Enter; false for every other form.
    static func applyWithoutSaving(_ form: FormState, _ state: inout AppState) -> Bool {
        guard form.purpose == .pickMemberBranch else { return false }
        MembersPane.filterBranch(form.value("branch"), &state)
        return true
    }
}
