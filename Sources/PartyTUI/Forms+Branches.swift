import PartyModel

/// Forms for branches, quarterly checks and manual scores.
extension Forms {
    static func yesNo(_ lang: Language) -> FormField.Kind { .choice([.init("no", lang.pick("否", "no")), .init("yes", lang.pick("是", "yes"))]) }

    public static func editBranch(_ b: Branch?, parent: String?, _ data: DashboardData) -> FormState {
        let lang = data.lang
        let org = data.workspace.organisation
        let parents = [FormField.Choice(org.committee.id, org.committee.name + lang.pick(" (直属)", " (direct)"))] + org.generalBranches.map { .init($0.id, $0.name) }
        let groups = (b?.partyGroups ?? []).map { "\($0.name)/\($0.leader ?? "")/\($0.size)" }.joined(separator: "；")
        let count = FormField.Kind.number(min: 0, max: 100_000, integer: true)
        var form = FormState(purpose: .editBranch(b), title: b.map { lang.pick("修改支部: ", "Edit branch: ") + $0.name } ?? lang.pick("新增支部", "New branch"), fields: [
            FormField(key: "name", label: lang.pick("名称", "Name"), kind: .text, required: true, value: b?.name ?? ""),
            FormField(key: "parent", label: lang.pick("上级", "Parent"), kind: .choice(parents), required: true, value: b?.parentId ?? parent ?? org.committee.id),
            FormField(key: "sector", label: lang.pick("领域", "Sector"), kind: .choice(Sector.allCases.map { .init($0.rawValue, $0.name(lang)) }), value: b?.sector.rawValue ?? Sector.government.rawValue),
            FormField(key: "full", label: lang.pick("正式党员", "Full"), kind: count, required: true, value: b.map { String($0.fullMembers) } ?? ""),
            FormField(key: "probationary", label: lang.pick("预备党员", "Probationary"), kind: count, value: b.map { String($0.probationaryMembers) } ?? "0"),
            FormField(key: "countsFrom", label: lang.pick("人数来源", "Counts from"),
                      kind: .choice([.init("entered", lang.pick("填报 (上面的人数)", "entered (the figures above)")),
                                     .init("roster", lang.pick("花名册 (按党员名册逐人统计)", "the roster (member by member)"))]),
                      value: b?.countsFromRoster == true ? "roster" : "entered"),
            FormField(key: "committee", label: lang.pick("设支委会", "Committee"), kind: yesNo(lang), value: b?.hasCommittee == true ? "yes" : "no"),
            FormField(key: "joint", label: lang.pick("联合支部", "Joint"), kind: yesNo(lang), value: b?.isJointBranch == true ? "yes" : "no"),
            FormField(key: "secretary", label: lang.pick("书记", "Secretary"), kind: .text, value: b?.secretary ?? ""),
            FormField(key: "deputy", label: lang.pick("副书记", "Deputy"), kind: .text, value: b?.deputySecretary ?? ""),
            FormField(key: "members", label: lang.pick("委员", "Members"), kind: .text, value: (b?.committeeMembers ?? []).joined(separator: "、")),
            FormField(key: "termStart", label: lang.pick("任期起", "Term from"), kind: .date, value: b?.termStart?.iso ?? ""),
            FormField(key: "termEnd", label: lang.pick("任期至", "Term to"), kind: .date, value: b?.termEnd?.iso ?? ""),
            FormField(key: "leader", label: lang.pick("联系领导", "Contact"), kind: .text, value: b?.contactLeader ?? ""),
            FormField(key: "groups", label: lang.pick("党小组", "Groups"), kind: .text, value: groups),
            FormField(key: "vacantSince", label: lang.pick("书记空缺自", "Vacant since"), kind: .date, value: b?.secretaryVacantSince?.iso ?? ""),
        ])
        // What the roster holds today, said under the toggle: switching to it must not surprise.
        if let i = form.fields.firstIndex(where: { $0.key == "countsFrom" }) {
            let on = b.map { data.compliance.members.members(of: $0.id, on: data.asOf) } ?? []
            let probationary = on.filter { $0.status(on: data.asOf) == .probationary }.count
            form.fields[i].note = lang.pick("名册上现有 \(on.count) 名 (正式 \(on.count - probationary), 预备 \(probationary))",
                                            "the roster has \(on.count) today (full \(on.count - probationary), probationary \(probationary))")
        }
        form.focus = 0
        return form
    }

    public static func retireBranch(_ b: Branch, _ data: DashboardData) -> FormState {
        let lang = data.lang
        return FormState(purpose: .retireBranch(b), title: lang.pick("撤销支部 (保留历史): ", "Retire branch (history kept): ") + b.name, fields: [
            FormField(key: "date", label: lang.pick("撤销日期", "Retired on"), kind: .date, required: true, value: data.asOf.iso),
        ])
    }

    public static func recordCheck(branchId: String, quarter: Quarter, _ data: DashboardData) -> FormState {
        let lang = data.lang
        let existing = data.engine.check(branch: branchId, quarter: quarter)
        let template = data.workspace.checkTemplate
        let defaultDate = min(data.asOf, quarter.lastDay.adding(days: 10))
        var fields = [
            FormField(key: "date", label: lang.pick("检查日期", "Date"), kind: .date, required: true, value: (existing?.date ?? defaultDate).iso),
            FormField(key: "inspectors", label: lang.pick("检查人", "Inspectors"), kind: .text, required: true, value: (existing?.inspectors ?? []).joined(separator: "、")),
            FormField(key: "report", label: lang.pick("书记报告", "Report"), kind: yesNo(lang), value: existing?.reportReceived == true ? "yes" : "no"),
        ]
        for item in template.items {
            fields.append(FormField(key: "item:\(item.id)", label: item.title, kind: .points(max: item.maxPoints), required: true,
                                    value: existing?.points[item.id].map(formatNumber) ?? ""))
        }
        fields += [
            FormField(key: "notes", label: lang.pick("备注", "Notes"), kind: .text, value: existing?.notes ?? ""),
            FormField(key: "findings", label: lang.pick("新问题", "Findings"), kind: .text),
            FormField(key: "category", label: lang.pick("问题类别", "Category"), kind: .choice(data.workspace.scoring.categories.map { .init($0.id, $0.name) })),
            FormField(key: "due", label: lang.pick("整改期限", "Due"), kind: .date, value: defaultDate.adding(days: 30).iso),
        ]
        let name = data.branchName(branchId)
        return FormState(purpose: .recordCheck(branchId: branchId, quarter: quarter, existing: existing),
                         title: (existing == nil ? lang.pick("录入检查: ", "Record check: ") : lang.pick("修改检查: ", "Amend check: ")) + "\(name) \(quarter.name(lang))",
                         fields: fields)
    }

    public static func manualScores(branchId: String, year: Int, _ data: DashboardData) -> FormState {
        let lang = data.lang
        let ws = data.workspace
        var fields: [FormField] = []
        for item in ws.scoring.yearItems where item.source == .manual {
            let current = ws.manualScores.first { $0.branchId == branchId && $0.itemId == item.id && $0.year == year && $0.quarter == nil }
            fields.append(FormField(key: "item:\(item.id)", label: item.title, kind: .number(min: 0, max: item.max, integer: false),
                                    value: current.map { formatNumber($0.points) } ?? ""))
        }
        let bonus = ws.bonuses.first { $0.branchId == branchId && $0.year == year }
        fields.append(FormField(key: "bonus", label: lang.pick("加分", "Bonus"), kind: .number(min: 0, max: ws.scoring.bonusCap, integer: false),
                                value: bonus.map { formatNumber($0.points) } ?? ""))
        fields.append(FormField(key: "reason", label: lang.pick("加分理由", "Reason"), kind: .text, value: bonus?.reason ?? ""))
        return FormState(purpose: .manualScores(branchId: branchId, year: year),
                         title: lang.pick("考评打分: ", "Manual scores: ") + data.branchName(branchId) + " \(year)", fields: fields)
    }

    /// "第一党小组/张三/8；第二党小组/李四/7" → groups, keeping the ids of groups whose name is kept.
    static func parseGroups(_ text: String, branchId: String, old: [PartyGroup]) -> [PartyGroup]? {
        var out: [PartyGroup] = []
        let parts = text.split(whereSeparator: { $0 == "；" || $0 == ";" }).map { $0.trimmingCharacters(in: " ") }.filter { !$0.isEmpty }
        for (i, part) in parts.enumerated() {
            let bits = part.split(separator: "/", omittingEmptySubsequences: false).map { String($0).trimmingCharacters(in: " ") }
            guard bits.count == 3, !bits[0].isEmpty, let size = Int(bits[2]), size >= 0 else { return nil }
            let id = old.first { $0.name == bits[0] }?.id ?? "\(branchId)-g\(i + 1)-\(bits[0].count)"
            out.append(PartyGroup(id: id, name: bits[0], leader: bits[1].isEmpty ? nil : bits[1], size: size))
        }
        return out
    }

    static func branchChange(_ form: inout FormState, _ before: Branch?, _ data: DashboardData) -> Change? {
        let lang = data.lang
        func text(_ key: String) -> String? {
            let v = form.value(key).trimmingCharacters(in: " \t")
            return v.isEmpty ? nil : v
        }
        let id = before?.id ?? nextBranchId(data.workspace)
        guard let groups = parseGroups(form.value("groups"), branchId: id, old: before?.partyGroups ?? []) else {
            form.setError("groups", lang.pick("格式: 名称/组长/人数；名称/组长/人数", "format: name/leader/size; name/leader/size"))
            form.focus = form.fields.firstIndex { $0.key == "groups" } ?? 0
            return nil
        }
        var b = before ?? Branch(id: id, name: "", parentId: "", sector: .other, fullMembers: 0)
        b.name = text("name") ?? ""
        b.parentId = form.value("parent")
        b.sector = Sector(rawValue: form.value("sector")) ?? .other
        b.fullMembers = Int(Double(form.value("full")) ?? 0)
        b.probationaryMembers = Int(Double(form.value("probationary")) ?? 0)
        b.countsFromRoster = form.value("countsFrom") == "roster"
        b.hasCommittee = form.value("committee") == "yes"
        b.isJointBranch = form.value("joint") == "yes"
        b.secretary = text("secretary")
        b.deputySecretary = text("deputy")
        b.committeeMembers = names(text("members") ?? "")
        b.termStart = text("termStart").flatMap(Day.parse)
        b.termEnd = text("termEnd").flatMap(Day.parse)
        b.contactLeader = text("leader")
        b.partyGroups = groups
        // The day the post fell vacant is kept only while it is vacant.
        b.secretaryVacantSince = b.secretary == nil ? text("vacantSince").flatMap(Day.parse) : nil
        if let s = b.termStart, let e = b.termEnd, e < s {
            form.setError("termEnd", ProblemKind.termEndsBeforeStart(start: s, end: e).message(lang))
            return nil
        }
        return .branch(before: before, after: b)
    }

    static func checkChange(_ form: inout FormState, branchId: String, quarter: Quarter, existing: QuarterlyCheck?, _ data: DashboardData) -> Change? {
        let template = data.workspace.checkTemplate
        var points: [String: Double] = [:]
        for item in template.items { points[item.id] = Double(form.value("item:\(item.id)")) ?? 0 }
        let date = Day.parse(form.value("date"))!
        let inspectors = names(form.value("inspectors"))
        let notes = form.value("notes").trimmingCharacters(in: " ")
        let check = QuarterlyCheck(id: existing?.id ?? NewIds.check(branchId: branchId, quarter: quarter), branchId: branchId,
                                   year: quarter.year, quarter: quarter.number, date: date, inspectors: inspectors, points: points,
                                   reportReceived: form.value("report") == "yes", notes: notes.isEmpty ? nil : notes)
        var changes: [Change] = [.check(before: existing, after: check)]
        let findings = form.value("findings").split(whereSeparator: { $0 == "；" || $0 == ";" }).map { $0.trimmingCharacters(in: " ") }.filter { !$0.isEmpty }
        let due = Day.parse(form.value("due")) ?? date.adding(days: 30)
        if due < date {
            form.setError("due", ProblemKind.dueBeforeOpened(opened: date, due: due).message(data.lang))
            return nil
        }
        let owner = data.workspace.organisation.branches.first { $0.id == branchId }?.secretary ?? data.lang.pick("支部委员会", "branch committee")
        var ids = NewIds(taken: data.workspace.rectifications.lazy.map(\.id))
        for finding in findings {
            let id = ids.finding(year: quarter.year)
            changes.append(.rectification(before: nil, after: Rectification(
                id: id, branchId: branchId, sourceCheckId: check.id, category: form.value("category"), description: finding,
                owner: owner, openedOn: date, dueOn: due)))
        }
        return changes.count == 1 ? changes[0] : .batch(changes)
    }

    static func manualChange(_ form: inout FormState, branchId: String, year: Int, _ data: DashboardData) -> Change? {
        let ws = data.workspace
        var changes: [Change] = []
        for item in ws.scoring.yearItems where item.source == .manual {
            let before = ws.manualScores.first { $0.branchId == branchId && $0.itemId == item.id && $0.year == year && $0.quarter == nil }
            let raw = form.value("item:\(item.id)").trimmingCharacters(in: " ")
            let after = raw.isEmpty ? nil : ManualScore(branchId: branchId, itemId: item.id, year: year, points: Double(raw) ?? 0, note: before?.note)
            if before != after { changes.append(.manualScore(before: before, after: after)) }
        }
        let bonusBefore = ws.bonuses.first { $0.branchId == branchId && $0.year == year }
        let points = Double(form.value("bonus").trimmingCharacters(in: " ")) ?? 0
        let reason = form.value("reason").trimmingCharacters(in: " ")
        if points > 0 && reason.isEmpty {
            form.setError("reason", data.lang.pick("有加分时须填写理由", "a bonus needs a reason"))
            return nil
        }
        let bonusAfter = points > 0 ? Bonus(branchId: branchId, year: year, points: points, reason: reason) : nil
        if bonusBefore != bonusAfter {
            if let bonusBefore { changes.append(.bonus(before: bonusBefore, after: nil)) }
            if let bonusAfter { changes.append(.bonus(before: nil, after: bonusAfter)) }
        }
        if changes.isEmpty { return nil }
        return changes.count == 1 ? changes[0] : .batch(changes)
    }

    /// "张三、李四, 王五" → names (spaces inside a name are kept: "组织部 周立新").
    static func names(_ text: String) -> [String] { splitNameList(text) }

    static func nextBranchId(_ ws: Workspace) -> String {
        var ids = NewIds(taken: ws.organisation.branches.lazy.map(\.id) + ws.organisation.generalBranches.lazy.map(\.id))
        return ids.branch()
    }
}
