import PartyModel

/// Builds forms for records and turns filled forms back into changes. Field rules live in
/// `FieldCheck`; record rules (attended ≤ expected, legal transitions) in the model.
public enum Forms {
    static func activityFields(_ a: Activity?, _ data: DashboardData, lang: Language) -> [FormField] {
        let branches = data.workspace.organisation.branches(inServiceOn: data.asOf)
        let branchId = a?.branchId ?? branches.first?.id ?? ""
        return [
            FormField(key: "branch", label: lang.pick("支部", "Branch"), kind: .choice(branches.map { .init($0.id, $0.name) }), required: true, value: branchId),
            FormField(key: "kind", label: lang.pick("类型", "Kind"), kind: .choice(ActivityKind.allCases.map { .init($0.rawValue, $0.name(lang)) }),
                      required: true, value: a?.kind.rawValue ?? ActivityKind.generalMeeting.rawValue),
            FormField(key: "date", label: lang.pick("日期", "Date"), kind: .date, required: true, value: (a?.date ?? data.asOf).iso),
            FormField(key: "title", label: lang.pick("标题", "Title"), kind: .text, required: true, value: a?.title ?? ""),
            FormField(key: "place", label: lang.pick("地点", "Place"), kind: .text, value: a?.place ?? ""),
            FormField(key: "host", label: lang.pick("主持人", "Host"), kind: .text, value: a?.host ?? ""),
            FormField(key: "hours", label: lang.pick("学时", "Hours"), kind: .number(min: 0, max: 24, integer: false), value: a?.hours.map(formatNumber) ?? ""),
            headcountField("attended", lang.pick("实到", "Attended"), a?.attended, a, lang),
            headcountField("expected", lang.pick("应到", "Expected"), a?.expected, a, lang),
            groupField(branchId: branchId, selected: a?.partyGroupId, data, lang: lang),
            FormField(key: "lecturer", label: lang.pick("主讲人", "Lecturer"), kind: .text, value: a?.lecturer ?? ""),
            FormField(key: "notes", label: lang.pick("备注", "Notes"), kind: .text, value: a?.notes ?? ""),
            participantsField(a, lang),
        ]
    }

    /// 谈话对象 (谈心谈话 only): names separated by 、 or commas.
    static func participantsField(_ a: Activity?, _ lang: Language) -> FormField {
        var field = FormField(key: "participants", label: lang.pick("谈话对象", "Talked with"), kind: .text,
                              value: (a?.participants ?? []).map(\.name).joined(separator: "、"))
        field.note = lang.pick("仅谈心谈话: 姓名以、分隔 (本支部党员按姓名对应)", "talks only: names separated by 、 (the branch's members matched by name)")
        return field
    }

    /// The participants typed: each name matched to a member — one of the record's own participants
    /// first, then the branch's roster on the day — or kept as a name only.
    static func participants(_ text: String, branchId: String, on day: Day, keeping before: [TalkParticipant]?, _ data: DashboardData) -> [TalkParticipant]? {
        let names = text.split(whereSeparator: { "、,，;；".contains($0) }).map { $0.trimmingCharacters(in: " ") }.filter { !$0.isEmpty }
        guard !names.isEmpty else { return nil }
        let roster = data.compliance.members.members(of: branchId, on: day)
        return names.map { name in
            if let known = before?.first(where: { $0.name == name }) { return known }
            return TalkParticipant(memberId: roster.first { $0.name == name }?.id, name: name)
        }
    }

    /// 实到/应到 as entered; an activity with a 签到表 counts from the list, and the field says so.
    static func headcountField(_ key: String, _ label: String, _ entered: Int?, _ a: Activity?, _ lang: Language) -> FormField {
        var field = FormField(key: key, label: label, kind: .number(min: 0, max: 100_000, integer: true), value: entered.map(String.init) ?? "")
        if let count = a?.headcount, count.fromList {
            field.note = lang.pick("以签到表为准: \(count.attended ?? 0)/\(count.expected ?? 0)", "the attendance list counts: \(count.attended ?? 0)/\(count.expected ?? 0)")
        }
        return field
    }

    static func groupField(branchId: String, selected: String?, _ data: DashboardData, lang: Language) -> FormField {
        let groups = data.workspace.organisation.branches.first { $0.id == branchId }?.partyGroups ?? []
        return FormField(key: "group", label: lang.pick("党小组", "Group"),
                         kind: .choice([.init("", lang.pick("无", "none"))] + groups.map { .init($0.id, $0.name) }), value: selected ?? "")
    }

    public static func addActivity(_ data: DashboardData) -> FormState {
        FormState(purpose: .addActivity, title: data.lang.pick("新增活动", "New activity"), fields: activityFields(nil, data, lang: data.lang))
    }

    public static func editActivity(_ a: Activity, _ data: DashboardData) -> FormState {
        var form = FormState(purpose: .editActivity(a), title: data.lang.pick("修改活动", "Edit activity"), fields: activityFields(a, data, lang: data.lang))
        form.focus = 3
        return form
    }

    public static func deleteActivity(_ a: Activity, _ data: DashboardData) -> FormState {
        let lang = data.lang
        return FormState(purpose: .deleteActivity(a), title: lang.pick("删除活动", "Delete activity"), fields: [
            FormField(key: "confirm", label: lang.pick("确认", "Confirm"),
                      kind: .choice([.init("no", lang.pick("不删除", "keep it")), .init("yes", lang.pick("删除 \(a.date.iso) \(a.title)", "delete \(a.date.iso) \(a.title)"))])),
        ])
    }

    public static func moveRectification(_ r: Rectification, _ data: DashboardData) -> FormState {
        let lang = data.lang
        let actions = RectificationAction.all.filter { $0.from == r.status }
        let choices = actions.map { FormField.Choice(actionCode($0), actionName($0, lang)) }
        return FormState(purpose: .moveRectification(r), title: lang.pick("办理整改 \(r.id) (\(r.status.name(lang)))", "Rectification \(r.id) (\(r.status.name(lang)))"), fields: [
            FormField(key: "action", label: lang.pick("操作", "Action"), kind: .choice(choices), required: true),
            FormField(key: "date", label: lang.pick("日期", "Date"), kind: .date, required: true, value: data.asOf.iso),
            FormField(key: "note", label: lang.pick("说明", "Note"), kind: .text),
        ])
    }

    public static func editTask(_ t: PlanTask, _ data: DashboardData) -> FormState {
        let lang = data.lang
        var form = FormState(purpose: .editTask(t), title: lang.pick("工作任务: ", "Task: ") + t.title, fields: [
            FormField(key: "status", label: lang.pick("状态", "Status"), kind: .choice(TaskStatus.allCases.map { .init($0.rawValue, $0.name(lang)) }), value: t.status.rawValue),
            FormField(key: "progress", label: lang.pick("进度%", "Progress%"), kind: .number(min: 0, max: 100, integer: true), required: true, value: String(t.progress)),
            FormField(key: "notes", label: lang.pick("备注", "Notes"), kind: .text, value: t.notes ?? ""),
        ])
        form.focus = 1
        return form
    }

    static func actionCode(_ a: RectificationAction) -> String {
        switch a {
        case .start: "start"
        case .submit: "submit"
        case .accept: "accept"
        case .returnForRework: "return"
        case .reopen: "reopen"
        }
    }

    static func actionName(_ a: RectificationAction, _ lang: Language) -> String {
        switch a {
        case .start: lang.pick("开始整改", "start")
        case .submit: lang.pick("提交验收 (说明填整改材料)", "submit (note: evidence)")
        case .accept: lang.pick("验收销号 (说明填验收人)", "accept (note: who accepted)")
        case .returnForRework: lang.pick("退回 (说明填原因)", "return (note: reason)")
        case .reopen: lang.pick("重新打开 (说明填原因)", "reopen (note: reason)")
        }
    }

    /// Re-derives dependent fields after an edit (the group list follows the branch).
    static func refresh(_ form: inout FormState, _ data: DashboardData) {
        switch form.purpose {
        case .addActivity, .editActivity: break
        case .editMember, .payDues, .transferMember: refreshMember(&form, data); return
        case .recordStep(let c): refreshStep(&form, c, data); return
        default: return
        }
        guard let g = form.fields.firstIndex(where: { $0.key == "group" }) else { return }
        let branch = form.value("branch")
        let current = form.fields[g].value
        let field = groupField(branchId: branch, selected: current, data, lang: data.lang)
        if case .choice(let new) = field.kind, case .choice(let old) = form.fields[g].kind, new != old {
            form.fields[g] = groupField(branchId: branch, selected: nil, data, lang: data.lang)
        }
    }

    /// The change a filled form asks for, or the form with its errors shown.
    public static func change(from form: inout FormState, _ data: DashboardData) -> Change? {
        let lang = data.lang
        form.error = nil
        for i in form.fields.indices { form.fields[i].error = FieldCheck.check(form.fields[i], lang) }
        if let first = form.fields.firstIndex(where: { $0.error != nil }) { form.focus = first; return nil }
        func text(_ key: String) -> String? {
            let v = form.value(key).trimmingCharacters(in: " \t")
            return v.isEmpty ? nil : v
        }
        switch form.purpose {
        case .addActivity, .editActivity:
            let attended = text("attended").flatMap { Double($0) }.map { Int($0) }
            let expected = text("expected").flatMap { Double($0) }.map { Int($0) }
            if let attended, let expected, attended > expected {
                form.setError("attended", ProblemKind.attendedExceedsExpected(attended: attended, expected: expected).message(lang))
                form.focus = form.fields.firstIndex { $0.key == "attended" } ?? 0
                return nil
            }
            var before: Activity? = nil
            var id = data.workspace.newActivityId(on: Day.parse(form.value("date"))!)
            if case .editActivity(let a) = form.purpose { before = a; id = a.id }
            // An edit starts from the record as it was: what the form does not show (the 签到表, a
            // talk's participants) is kept, never dropped.
            var after = before ?? Activity(id: id, branchId: "", kind: .other, date: Day.parse(form.value("date"))!, title: "")
            after.branchId = form.value("branch"); after.kind = ActivityKind(rawValue: form.value("kind")) ?? .other
            after.date = Day.parse(form.value("date"))!; after.title = text("title") ?? ""
            after.hours = text("hours").flatMap(Double.init); after.attended = attended; after.expected = expected
            after.partyGroupId = text("group"); after.lecturer = text("lecturer"); after.notes = text("notes")
            after.place = text("place"); after.host = text("host")
            if after.kind == .talk {
                after.participants = participants(form.value("participants"), branchId: after.branchId, on: after.date, keeping: before?.participants, data)
            }
            return .activity(before: before, after: after)
        case .deleteActivity(let a):
            return form.value("confirm") == "yes" ? .activity(before: a, after: nil) : nil
        case .moveRectification(let r):
            let note = text("note") ?? ""
            let action: RectificationAction
            switch form.value("action") {
            case "start": action = .start
            case "submit": action = .submit(evidence: note)
            case "accept": action = .accept(acceptedBy: note)
            case "return": action = .returnForRework(reason: note)
            default: action = .reopen(reason: note)
            }
            switch r.applying(action, on: Day.parse(form.value("date"))!) {
            case .success(let next): return .rectification(before: r, after: next)
            case .failure(let error):
                form.error = error.message(lang)
                return nil
            }
        case .editBranch(let before):
            return branchChange(&form, before, data)
        case .retireBranch(let b):
            var after = b
            after.retiredOn = Day.parse(form.value("date"))
            return .branch(before: b, after: after)
        case .recordCheck(let branchId, let quarter, let existing):
            return checkChange(&form, branchId: branchId, quarter: quarter, existing: existing, data)
        case .manualScores(let branchId, let year):
            return manualChange(&form, branchId: branchId, year: year, data)
        case .editTask(let t):
            var after = t
            after.status = TaskStatus(rawValue: form.value("status")) ?? t.status
            after.progress = Int(Double(form.value("progress")) ?? Double(t.progress))
            after.notes = text("notes")
            return .task(before: t, after: after)
        case .editMember(let before):
            return memberChange(&form, before, data)
        case .leaveMember(let m):
            return leaveChange(&form, m, data)
        case .transferMember(let m):
            return transferChange(&form, m, data)
        case .payDues(let m):
            return paymentChange(&form, m, data)
        case .addTraining(let m):
            return trainingChange(&form, m, data)
        case .attendance(let a):
            return attendanceChange(&form, a, data)
        case .reviewResult(let m):
            return reviewChange(&form, m, data)
        case .pioneerPoints(let m):
            return pointsChange(&form, m, data)
        case .pickMemberBranch:
            return nil
        case .editFunds(let before):
            return fundsChange(&form, before, data)
        case .deleteFunds(let e):
            return form.value("confirm") == "yes" ? .funds(before: e, after: nil) : nil
        case .addCandidate:
            return candidateChange(&form, data)
        case .recordStep(let c):
            return stepChange(&form, c, data)
        case .recordTarget(let id):
            return targetFigureChange(&form, id, data)
        }
    }

}
