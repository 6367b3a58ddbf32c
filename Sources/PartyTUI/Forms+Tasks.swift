import PartyModel

/// 一支部一清单 forms: a branch's progress and 佐证, an occurrence (or the task) done, the assignment.
extension Forms {
    /// A branch's own status, progress and evidence of a task.
    public static func editBranchTask(_ t: PlanTask, branchId: String, _ data: DashboardData) -> FormState {
        let lang = data.lang, s = t.state(of: branchId)
        var form = FormState(purpose: .branchTask(t, branchId: branchId), title: data.branchName(branchId) + ": " + t.title, fields: [
            FormField(key: "status", label: lang.pick("状态", "Status"), kind: .choice(TaskStatus.allCases.map { .init($0.rawValue, $0.name(lang)) }), value: s.status.rawValue),
            FormField(key: "progress", label: lang.pick("进度%", "Progress%"), kind: .number(min: 0, max: 100, integer: true), required: true, value: String(s.progress)),
            FormField(key: "evidence", label: lang.pick("佐证", "Evidence"), kind: .text, value: s.evidence ?? ""),
        ])
        form.focus = 1
        return form
    }

    /// The occurrences a branch can mark done: those of the task's span not done yet, the earliest first
    /// (a late one before the next).
    static func openOccurrences(_ t: PlanTask, branchId: String, _ data: DashboardData) -> [TaskOccurrence] {
        let s = t.state(of: branchId)
        return TaskSchedule.occurrences(t, planYear: data.workspace.plan.year).filter { s.done($0.period.key) == nil }
    }

    /// Marks a branch's task done (a one-off) or one of its occurrences (a recurring task), with a day and 佐证.
    public static func branchTaskDone(_ t: PlanTask, branchId: String, _ data: DashboardData) -> FormState {
        let lang = data.lang
        var fields: [FormField] = []
        if t.recurrence != nil {
            let open = openOccurrences(t, branchId: branchId, data)
            let choices = open.map { FormField.Choice($0.period.key, $0.period.name(lang) + lang.pick(" (应于 \($0.due.iso) 前)", " (due \($0.due.iso))")) }
            fields.append(FormField(key: "occurrence", label: lang.pick("哪一期", "Occurrence"), kind: .choice(choices), required: true, value: open.first?.period.key ?? ""))
        }
        fields.append(FormField(key: "date", label: lang.pick("完成日期", "Done on"), kind: .date, required: true, value: data.asOf.iso))
        fields.append(FormField(key: "evidence", label: lang.pick("佐证", "Evidence"), kind: .text, value: t.recurrence == nil ? t.state(of: branchId).evidence ?? "" : ""))
        var form = FormState(purpose: .branchTaskDone(t, branchId: branchId), title: lang.pick("完成: ", "Done: ") + data.branchName(branchId) + " " + t.title, fields: fields)
        form.focus = fields.count - 1
        return form
    }

    /// To whom a task is assigned: all, a sector, a 党总支's branches, or a list (ids or names, separated by 、 , or spaces).
    public static func assignTask(_ t: PlanTask, _ data: DashboardData) -> FormState {
        let lang = data.lang, org = data.workspace.organisation, a = t.assignment
        let names = Dictionary(org.branches.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        return FormState(purpose: .assignTask(t), title: lang.pick("分配任务: ", "Assign: ") + t.title, fields: [
            FormField(key: "scope", label: lang.pick("分配给", "Assign to"), kind: .choice([.init("none", lang.pick("不分配到支部", "no branches"))] + TaskScope.allCases.map { .init($0.rawValue, $0.name(lang)) }),
                      value: a?.scope.rawValue ?? TaskScope.all.rawValue),
            FormField(key: "sector", label: lang.pick("类别", "Sector"), kind: .choice(Sector.allCases.map { .init($0.rawValue, $0.name(lang)) }), value: a?.sector ?? Sector.government.rawValue),
            FormField(key: "generalBranch", label: lang.pick("党总支", "General branch"), kind: .choice(org.generalBranches.map { .init($0.id, $0.name) }),
                      value: a?.generalBranch ?? org.generalBranches.first?.id ?? ""),
            FormField(key: "branches", label: lang.pick("指定支部", "Branches"), kind: .text, value: (a?.branches ?? []).map { names[$0] ?? $0 }.joined(separator: "、")),
        ])
    }

    static func branchTaskChange(_ form: inout FormState, _ t: PlanTask, _ branchId: String, _ data: DashboardData) -> Change? {
        var after = t, s = t.state(of: branchId)
        s.status = TaskStatus(rawValue: form.value("status")) ?? s.status
        s.progress = Int(Double(form.value("progress").trimmingCharacters(in: " ")) ?? Double(s.progress))
        let evidence = form.value("evidence").trimmingCharacters(in: " ")
        s.evidence = evidence.isEmpty ? nil : evidence
        if s.status == .done && s.doneOn == nil { s.doneOn = data.asOf }
        if s.status != .done { s.doneOn = nil }
        after.setState(s)
        return checked(&form, t, after, data)
    }

    static func branchTaskDoneChange(_ form: inout FormState, _ t: PlanTask, _ branchId: String, _ data: DashboardData) -> Change? {
        let lang = data.lang
        guard let day = Day.parse(form.value("date")) else { return nil }
        let evidence = form.value("evidence").trimmingCharacters(in: " ")
        var after = t, s = t.state(of: branchId)
        if t.recurrence != nil {
            let period = form.value("occurrence")
            guard !period.isEmpty else {
                form.error = lang.pick("这个支部的各期都已完成", "every occurrence is done for this branch")
                return nil
            }
            s.record(OccurrenceDone(period: period, doneOn: day, note: evidence.isEmpty ? nil : evidence))
            if s.status == .notStarted { s.status = .inProgress }
        } else {
            s.status = .done; s.progress = 100; s.doneOn = day
            if !evidence.isEmpty { s.evidence = evidence }
        }
        after.setState(s)
        return checked(&form, t, after, data)
    }

    static func assignChange(_ form: inout FormState, _ t: PlanTask, _ data: DashboardData) -> Change? {
        let lang = data.lang, org = data.workspace.organisation
        var after = t
        switch TaskScope(rawValue: form.value("scope")) {
        case nil: after.assignment = nil
        case .all: after.assignment = .all
        case .sector: after.assignment = TaskAssignment(scope: .sector, sector: form.value("sector"))
        case .generalBranch: after.assignment = .generalBranch(form.value("generalBranch"))
        case .branches:
            var ids: [String] = []
            let words = form.value("branches").split { "、,，;； ".contains($0) }.map(String.init)
            for word in words {
                let found = org.branches.first { $0.id == word } ?? org.branches.first { NameKey.of($0.name) == NameKey.of(word) }
                guard let found else {
                    form.setError("branches", lang.pick("没有这个编号或名称的支部: \(word)", "no branch has this id or name: \(word)"))
                    return nil
                }
                if !ids.contains(found.id) { ids.append(found.id) }
            }
            guard !ids.isEmpty else {
                form.setError("branches", lang.pick("请填写支部 (编号或名称, 以顿号分隔)", "name the branches (ids or names, separated by commas)"))
                return nil
            }
            after.assignment = .branches(ids)
        }
        return checked(&form, t, after, data)
    }

    /// The task after the edit, checked as a file's would be (the problem shown in the form).
    static func checked(_ form: inout FormState, _ before: PlanTask, _ after: PlanTask, _ data: DashboardData) -> Change? {
        if let issue = Validator.validate(task: after, in: data.workspace).first {
            form.error = issue.kind.message(data.lang)
            return nil
        }
        return .task(before: before, after: after)
    }
}
