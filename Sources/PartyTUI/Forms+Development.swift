import PartyModel

/// The 发展党员 forms: a new applicant, and a step of a person. Both go through `DevelopmentRecord`,
/// the one place a step is judged and becomes a change (the command line uses it too); a refusal
/// shows the rule and its source, and an exception reason keeps the step anyway.
extension Forms {
    public static func addCandidate(branchId: String?, _ data: DashboardData) -> FormState {
        let lang = data.lang
        let branches = data.workspace.organisation.branches(inServiceOn: data.asOf).map { FormField.Choice($0.id, $0.name) }
        var exception = FormField(key: "exception", label: lang.pick("例外理由", "Exception"), kind: .text)
        exception.note = lang.pick("仅当确属特殊情况、需按例外登记时填写", "only to record a rule break as an exception, with why")
        return FormState(purpose: .addCandidate, title: lang.pick("登记入党申请人", "Record an applicant"), fields: [
            FormField(key: "name", label: lang.pick("姓名", "Name"), kind: .text, required: true),
            FormField(key: "branch", label: lang.pick("支部", "Branch"), kind: .choice(branches), required: true, value: branchId ?? ""),
            FormField(key: "applied", label: lang.pick("申请日期", "Applied on"), kind: .date, required: true, value: data.asOf.iso),
            FormField(key: "born", label: lang.pick("出生日期", "Born"), kind: .date),
            FormField(key: "gender", label: lang.pick("性别", "Gender"),
                      kind: .choice([.init("", lang.pick("未填", "not given"))] + Gender.allCases.map { .init($0.rawValue, $0.name(lang)) })),
            FormField(key: "student", label: lang.pick("在校学生", "Student"), kind: .choice([.init("no", lang.pick("否", "no")), .init("yes", lang.pick("是", "yes"))])),
            exception,
        ])
    }

    static func candidateChange(_ form: inout FormState, _ data: DashboardData) -> Change? {
        let ws = data.workspace
        let applied = Day.parse(form.value("applied"))!
        let candidate = Candidate(id: ws.newCandidateId(year: applied.year), name: form.value("name").trimmingCharacters(in: " \t"), branchId: form.value("branch"),
                                  gender: Gender(rawValue: form.value("gender")), birthDate: Day.parse(form.value("born")),
                                  student: form.value("student") == "yes", steps: [DevelopmentStep(.application, applied)])
        return recorded(DevelopmentRecord.add(candidate, in: ws, exceptionReason: form.value("exception")), &form, data.lang)
    }

    /// A step of `c`: the step (the next one the rules expect first), its day, and the figures that
    /// step's rule needs — the fields follow the step chosen (`refreshStep`).
    public static func recordStep(_ c: Candidate, _ data: DashboardData) -> FormState {
        let lang = data.lang
        let next = DevelopmentPipeline.progress(c, asOf: data.asOf, rules: data.workspace.settings.rules.development).next?.kind
        let kind = next ?? .review
        var form = FormState(purpose: .recordStep(c), title: lang.pick("发展步骤 ", "Step of ") + c.name,
                             fields: stepFields(kind: kind, c, data, keeping: [:]))
        form.derived["stepKind"] = kind.rawValue   // the step the fields are for (`refreshStep`)
        form.focus = 1
        return form
    }

    /// The figures each step takes (the rest of `DevelopmentStep` stays empty).
    static func figureKeys(_ kind: DevelopmentStepKind) -> [String] {
        switch kind {
        case .talk, .contactsAssigned, .sponsors, .upperTalk: ["people"]
        case .activistChosen, .targetChosen: ["body"]
        case .training: ["days", "hours"]
        case .publicNotice: ["noticeDays"]
        case .branchMeeting, .fullMeeting: ["present", "entitled", "inFavour"]
        case .extension: ["months"]
        default: []
        }
    }

    static func stepFields(kind: DevelopmentStepKind, _ c: Candidate, _ data: DashboardData, keeping values: [String: String]) -> [FormField] {
        let lang = data.lang
        let branch = data.workspace.organisation.branches.first { $0.id == c.branchId }
        func kept(_ key: String, _ otherwise: String = "") -> String { values[key] ?? otherwise }
        var fields = [
            FormField(key: "step", label: lang.pick("步骤", "Step"), kind: .choice(DevelopmentStepKind.allCases.filter { $0 != .application }.map { .init($0.rawValue, $0.name(lang)) }),
                      value: kind.rawValue),
            FormField(key: "date", label: lang.pick("日期", "Date"), kind: .date, required: true, value: kept("date", data.asOf.iso)),
        ]
        for key in figureKeys(kind) {
            switch key {
            case "people":
                let label = switch kind {
                case .sponsors: lang.pick("入党介绍人", "Sponsors")
                case .contactsAssigned: lang.pick("培养联系人", "Contacts")
                default: lang.pick("谈话人", "Held by")
                }
                // Its own key a step: names typed for a talk are not offered as 入党介绍人 when the step changes.
                let key = "people." + kind.rawValue
                var f = FormField(key: key, label: label, kind: .text, required: kind == .sponsors || kind == .contactsAssigned, value: kept(key))
                f.note = lang.pick("姓名, 多人用顿号或逗号分隔", "names, separated by 、 or commas")
                fields.append(f)
            case "body":
                let standard: DecisionBody = branch?.hasCommittee == false ? .generalMeeting : .committee
                fields.append(FormField(key: "body", label: lang.pick("决定机构", "Decided by"),
                                        kind: .choice(DecisionBody.allCases.map { .init($0.rawValue, $0.name(lang)) }), value: kept("body", standard.rawValue)))
            case "days":
                fields.append(FormField(key: "days", label: lang.pick("培训天数", "Days"), kind: .number(min: 0, max: 365, integer: false), value: kept("days")))
            case "noticeDays":
                fields.append(FormField(key: "noticeDays", label: lang.pick("公示工作日", "Working days"), kind: .number(min: 0, max: 365, integer: true),
                                        value: kept("noticeDays")))
            case "hours":
                fields.append(FormField(key: "hours", label: lang.pick("培训学时", "Hours"), kind: .number(min: 0, max: 1000, integer: false), value: kept("hours")))
            case "months":
                fields.append(FormField(key: "months", label: lang.pick("延长月数", "Months"), kind: .number(min: 1, max: 12, integer: true), required: true, value: kept("months")))
            case "present":
                fields.append(FormField(key: "present", label: lang.pick("到会正式党员", "Present"), kind: .number(min: 0, max: 10_000, integer: true), required: true, value: kept("present")))
            case "entitled":
                fields.append(FormField(key: "entitled", label: lang.pick("应到会人数", "Entitled"), kind: .number(min: 1, max: 10_000, integer: true), required: true, value: kept("entitled")))
            default:
                fields.append(FormField(key: "inFavour", label: lang.pick("赞成票", "In favour"), kind: .number(min: 0, max: 10_000, integer: true), required: true, value: kept("inFavour")))
            }
        }
        fields.append(FormField(key: "note", label: lang.pick("备注", "Note"), kind: .text, value: kept("note")))
        var exception = FormField(key: "exception", label: lang.pick("例外理由", "Exception"), kind: .text, value: kept("exception"))
        exception.note = lang.pick("仅当确属特殊情况、需按例外登记时填写", "only to record a rule break as an exception, with why")
        fields.append(exception)
        return fields
    }

    /// Another step chosen: its own fields. Whatever was typed in any field stays kept in the form
    /// (`derived`), so stepping through the steps with Left/Right loses nothing, and a field the next
    /// step shares comes back filled; the step's search goes on where it was.
    static func refreshStep(_ form: inout FormState, _ c: Candidate, _ data: DashboardData) {
        guard let kind = DevelopmentStepKind(rawValue: form.value("step")) else { return }
        for field in form.fields where field.key != "step" { form.derived["typed." + field.key] = field.value }
        guard form.derived["stepKind"] != kind.rawValue else { return }
        var typed: [String: String] = [:]
        for (key, value) in form.derived where key.hasPrefix("typed.") { typed[String(key.dropFirst(6))] = value }
        let focusKey = form.fields[form.focus].key
        let search = form.fields.first { $0.key == "step" }?.search ?? ""
        form.fields = stepFields(kind: kind, c, data, keeping: typed)
        if let i = form.fields.firstIndex(where: { $0.key == "step" }) { form.fields[i].search = search }
        form.focus = form.fields.firstIndex { $0.key == focusKey } ?? 0
        form.derived["stepKind"] = kind.rawValue
    }

    static func stepChange(_ form: inout FormState, _ c: Candidate, _ data: DashboardData) -> Change? {
        let ws = data.workspace
        guard let kind = DevelopmentStepKind(rawValue: form.value("step")), let day = Day.parse(form.value("date")) else { return nil }
        func number(_ key: String) -> Double? { form.fields.contains { $0.key == key } ? Double(form.value(key).trimmingCharacters(in: " \t")) : nil }
        func whole(_ key: String) -> Int? { number(key).map { Int($0) } }
        let people = form.fields.first { $0.key.hasPrefix("people.") }.map { DevelopmentRecord.people($0.value, branchId: c.branchId, on: day, in: ws) } ?? []
        let note = form.value("note").trimmingCharacters(in: " \t")
        let step = DevelopmentStep(kind, day, people: people, days: number("days") ?? number("noticeDays"), hours: number("hours"), months: whole("months"),
                                   present: whole("present"), entitled: whole("entitled"), inFavour: whole("inFavour"),
                                   body: form.fields.contains { $0.key == "body" } ? DecisionBody(rawValue: form.value("body")) : nil,
                                   note: note.isEmpty ? nil : note)
        return recorded(DevelopmentRecord.record(step, for: c.id, in: ws, exceptionReason: form.value("exception")), &form, data.lang)
    }

    /// The change, or the refusal shown on the form with how to keep the step as an exception.
    private static func recorded(_ result: Result<Change, DevelopmentRecord.Refusal>, _ form: inout FormState, _ lang: Language) -> Change? {
        switch result {
        case .success(let change): return change
        case .failure(let refusal):
            guard case .rules = refusal else { form.error = refusal.message(lang); return nil }
            form.error = lang.pick("未登记: ", "not recorded: ") + refusal.message(lang)
                + lang.pick("。确属特殊情况的, 填写例外理由后再保存 (记入纪实)", ". If this is a special case, give an exception reason and save again (journaled)")
            form.focus = form.fields.firstIndex { $0.key == "exception" } ?? form.focus
            return nil
        }
    }
}
