import PartyModel

extension Forms {
    /// A quarter's figure for a target entered by hand: the quarter (the as-of day's by default), the
    /// value and, for a share, its denominator; the quarter's figure already entered is shown to change.
    public static func recordTarget(_ t: Target, _ data: DashboardData) -> FormState {
        let lang = data.lang
        let day = min(data.asOf, Day.lastOf(year: data.year, month: 12))
        let quarters = Quarter.all(of: data.year).filter { $0.firstDay <= day }
        let current = day.quarter
        let entered = t.actual(for: current)
        var form = FormState(purpose: .recordTarget(t.id), title: TargetsText.formTitle(t.title, lang), fields: [
            FormField(key: "quarter", label: TargetsText.field(.quarter, lang),
                      kind: .choice(quarters.map { .init($0.code, $0.name(lang)) }), required: true, value: current.code),
            FormField(key: "value", label: TargetsText.field(.value, lang), kind: .number(min: 0, max: 1_000_000_000, integer: false), required: true,
                      value: entered.map { formatNumber($0.value) } ?? ""),
            FormField(key: "denominator", label: TargetsText.field(.denominator, lang), kind: .number(min: 0.000001, max: 1_000_000_000, integer: false),
                      value: (entered?.denominator ?? t.actuals.last?.denominator).map(formatNumber) ?? ""),
            FormField(key: "note", label: TargetsText.field(.note, lang), kind: .text, value: entered?.note ?? ""),
        ])
        form.focus = 1
        return form
    }

    static func targetFigureChange(_ form: inout FormState, _ id: String, _ data: DashboardData) -> Change? {
        let file = data.workspace.targets
        guard let t = file.targets.first(where: { $0.id == id }), let quarter = Quarter.parse(form.value("quarter")) else { return nil }
        let note = form.value("note").trimmingCharacters(in: " ")
        let denominator = Double(form.value("denominator").trimmingCharacters(in: " "))
        let figure = TargetActual(quarter: quarter, value: Double(form.value("value").trimmingCharacters(in: " ")) ?? 0, denominator: denominator,
                                  note: note.isEmpty ? nil : note)
        let after = file.replacing(t.recording(figure))
        if let issue = Validator.validate(targets: after, in: data.workspace).first {
            form.error = issue.kind.message(data.lang)
            return nil
        }
        return .targets(before: file, after: after)
    }
}
