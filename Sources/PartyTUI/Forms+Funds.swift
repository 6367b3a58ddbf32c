import PartyModel

extension Forms {
    /// A new funds entry (nil; for `organisationId` when given) or an existing one.
    public static func editFunds(_ e: FundsEntry?, organisationId: String?, _ data: DashboardData) -> FormState {
        let lang = data.lang, org = data.workspace.organisation
        let organisations = [FormField.Choice(org.committee.id, org.committee.name)] + org.generalBranches.map { .init($0.id, $0.name) }
            + org.branches(inServiceOn: data.asOf).map { .init($0.id, $0.name) }
        var form = FormState(purpose: .editFunds(e), title: e == nil ? lang.pick("登记经费", "Record funds") : lang.pick("修改经费 ", "Edit funds ") + (e?.id ?? ""), fields: [
            FormField(key: "organisation", label: lang.pick("组织", "Organisation"), kind: .choice(organisations), required: true,
                      value: e?.organisationId ?? organisationId ?? org.committee.id),
            FormField(key: "direction", label: lang.pick("方向", "Direction"), kind: .choice(FundsDirection.allCases.map { .init($0.rawValue, $0.name(lang)) }),
                      value: e?.direction.rawValue ?? FundsDirection.allocated.rawValue),
            FormField(key: "category", label: lang.pick("类别", "Category"), kind: .choice(FundsCategory.allCases.map { .init($0.rawValue, $0.name(lang)) }),
                      value: e?.category.rawValue ?? FundsCategory.activity.rawValue),
            FormField(key: "amount", label: lang.pick("金额 (元)", "Amount (yuan)"), kind: .number(min: 0.01, max: 100_000_000, integer: false), required: true,
                      value: e.map { $0.money.description } ?? ""),
            FormField(key: "date", label: lang.pick("日期", "Date"), kind: .date, required: true, value: (e?.date ?? data.asOf).iso),
            FormField(key: "note", label: lang.pick("说明", "Note"), kind: .text, value: e?.note ?? ""),
        ])
        form.focus = e == nil && organisationId == nil ? 0 : 3
        return form
    }

    public static func deleteFunds(_ e: FundsEntry, _ data: DashboardData) -> FormState {
        let lang = data.lang
        return FormState(purpose: .deleteFunds(e), title: lang.pick("删除经费记录", "Delete funds entry"), fields: [
            FormField(key: "confirm", label: lang.pick("确认", "Confirm"),
                      kind: .choice([.init("no", lang.pick("不删除", "keep it")),
                                     .init("yes", lang.pick("删除 \(e.date.iso) \(e.direction.name(lang)) \(e.money) 元", "delete \(e.date.iso) \(e.direction.name(lang)) \(e.money)"))])),
        ])
    }

    static func fundsChange(_ form: inout FormState, _ before: FundsEntry?, _ data: DashboardData) -> Change? {
        let date = Day.parse(form.value("date"))!
        let note = form.value("note").trimmingCharacters(in: " ")
        var entry = FundsEntry(id: before?.id ?? data.workspace.newFundsId(year: date.year), date: date, organisationId: form.value("organisation"),
                               amount: Double(form.value("amount").trimmingCharacters(in: " ")) ?? 0,
                               direction: FundsDirection(rawValue: form.value("direction")) ?? .allocated,
                               category: FundsCategory(rawValue: form.value("category")) ?? .other, note: note.isEmpty ? nil : note)
        // Moved to another year: a new id of that year (the file it lives in follows the day).
        if let before, before.date.year != date.year { entry.id = data.workspace.newFundsId(year: date.year) }
        var ws = data.workspace
        if let before { ws.funds.removeAll { $0.id == before.id } }
        if let issue = Validator.validate(funds: entry, in: ws).first {
            form.error = issue.kind.message(data.lang)
            return nil
        }
        if let before, before.id != entry.id { return .batch([.funds(before: before, after: nil), .funds(before: nil, after: entry)]) }
        return .funds(before: before, after: entry)
    }
}
