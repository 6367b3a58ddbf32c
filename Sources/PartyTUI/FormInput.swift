import PartyModel

/// Keys while a form is open: Tab/Shift-Tab between fields, Enter to save, Esc to cancel (asking
/// first when something changed), editing anywhere in a line, choices with Left/Right or Space.
enum FormInput {
    static func handle(_ key: Key, _ state: inout AppState) -> Effect {
        guard var form = state.form else { return .none }
        let lang = state.lang
        if form.confirmingCancel {
            form.confirmingCancel = false
            if key == .escape { state.form = nil; return .none }
            state.form = form
            return .none
        }
        var field = form.fields[form.focus]
        switch key {
        case .tab, .down:
            form.fields[form.focus].search = ""
            form.focus = (form.focus + 1) % form.fields.count
        case .backTab, .up:
            form.fields[form.focus].search = ""
            form.focus = (form.focus + form.fields.count - 1) % form.fields.count
        case .escape:
            if form.changed { form.confirmingCancel = true } else { state.form = nil; return .none }
        case .enter:
            if Forms.applyWithoutSaving(form, &state) {
                state.form = nil
                return .none
            }
            if let change = Forms.change(from: &form, state.data) {
                state.form = nil
                state.formAwaitingSave = form
                return .commit(change)
            }
            // Nothing to save ("keep it", or a form left as it was).
            if form.error == nil, form.fields.allSatisfy({ $0.error == nil }) {
                state.form = nil
                return .none
            }
        default:
            if case .choice(let choices) = field.kind {
                // Left/Right step through the choices; typing finds one. Space is never a silent change.
                switch key {
                case .left: field.choiceIndex = (field.choiceIndex + choices.count - 1) % max(1, choices.count); field.search = ""
                case .right: field.choiceIndex = (field.choiceIndex + 1) % max(1, choices.count); field.search = ""
                case .backspace:
                    if !field.search.isEmpty { field.search.removeLast(); field.findChoice() }
                case .char(let c) where c != " ":
                    field.search.append(c)
                    if !field.findChoice() { field.search.removeLast() }
                default: break
                }
            } else {
                switch key {
                case .left: field.cursor = max(0, field.cursor - 1)
                case .right: field.cursor = min(field.text.count, field.cursor + 1)
                case .home: field.cursor = 0
                case .end: field.cursor = field.text.count
                case .backspace:
                    if field.cursor > 0 { field.text.remove(at: field.cursor - 1); field.cursor -= 1 }
                case .delete:
                    if field.cursor < field.text.count { field.text.remove(at: field.cursor) }
                case .char(let c):
                    field.text.insert(field.takesNumbersOrDates ? FullWidth.halfWidth(c) : c, at: field.cursor)
                    field.cursor += 1
                default: break
                }
                field.error = FieldCheck.check(field, lang)
            }
            form.fields[form.focus] = field
            form.error = nil
            Forms.refresh(&form, state.data)
        }
        state.form = form
        return .none
    }
}
