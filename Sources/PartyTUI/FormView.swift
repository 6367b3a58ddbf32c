import PartyModel

/// A form as a dialog over the pane: one line per field, its error beside it, the cursor in place.
enum FormView {
    static func draw(_ canvas: inout Canvas, _ state: AppState, _ form: FormState) {
        let lang = state.lang
        let width = min(state.width - 4, 96)
        // Labels whole: as wide as the longest, up to a third of the dialog.
        let labelWidth = min(width / 3, form.fields.map { DisplayWidth.of($0.label) + 1 }.max() ?? 8)
        let valueWidth = width - labelWidth - 6
        // A refusal (a rule with its source) is read whole: up to four lines at the foot.
        var errorLines = form.confirmingCancel ? [] : form.error.map { wrap($0, width: width - 4) } ?? []
        if errorLines.count > 4 {
            // Cut, and said so.
            errorLines = Array(errorLines.prefix(4))
            errorLines[3] = String(errorLines[3].dropLast(2)) + "…"
        }
        let footLines = max(1, errorLines.count)
        let height = min(state.height - 2, form.fields.count * 2 + 4 + footLines)
        let x = (state.width - width) / 2
        let y = max(1, (state.height - height) / 2)
        canvas.fill(x: x, y: y, width: width, height: height, role: .dialog)
        canvas.box(x: x, y: y, width: width, height: height, role: .border, title: form.title)
        var row = y + 1
        var cursor: (x: Int, y: Int)? = nil
        // Long forms scroll to keep the focused field in view.
        let visible = max(1, (height - 3 - footLines) / 2)
        let first = max(0, min(form.focus - visible / 2, form.fields.count - visible))
        for (i, field) in form.fields.enumerated() where i >= first && row < y + height - 2 - footLines {
            let focused = i == form.focus
            let label = (field.required ? "*" : " ") + field.label
            canvas.put(DisplayWidth.pad(label, to: labelWidth, alignRight: true), x: x + 2, y: row, role: focused ? .accent : .dialog)
            let vx = x + labelWidth + 3
            canvas.fill(x: vx, y: row, width: valueWidth, height: 1, role: focused ? .input : .dialog)
            // Long text scrolls so the cursor stays in view.
            var shown = field.shown
            var before = DisplayWidth.of(String(field.text.prefix(field.cursor)))
            if !field.isChoice && before >= valueWidth {
                let dropped = field.text.prefix(field.cursor)
                var tail = Array(dropped)
                while DisplayWidth.of(String(tail)) >= valueWidth - 1 { tail.removeFirst() }
                shown = String(tail) + String(field.text.suffix(from: field.cursor))
                before = DisplayWidth.of(String(tail))
            }
            canvas.put(shown, x: vx, y: row, role: focused ? .input : .dialog, maxWidth: valueWidth)
            if focused && !field.isChoice { cursor = (vx + before, row) }
            // The line below: the problem, whole (from under the label when it needs the room); else,
            // for the focused field, what it takes.
            if let error = field.error {
                let fits = DisplayWidth.of(error) <= valueWidth
                canvas.put(error, x: fits ? vx : x + 2, y: row + 1, role: .bad, maxWidth: fits ? valueWidth : width - 4)
            } else if focused, let hint = field.hint(lang) {
                canvas.put(hint, x: vx, y: row + 1, role: .muted, maxWidth: valueWidth)
            }
            row += 2
        }
        if !errorLines.isEmpty {
            for (i, line) in errorLines.enumerated() {
                canvas.put(line, x: x + 2, y: y + height - 1 - footLines + i, role: .warn, maxWidth: width - 4)
            }
        } else {
            let footer = form.confirmingCancel
                ? lang.pick("放弃修改? 再按 Esc 放弃, 其他键继续编辑", "Discard changes? Esc again to discard, any other key to go on")
                : lang.pick("Tab 下一项  Enter 保存  Esc 取消", "Tab next  Enter save  Esc cancel")
            canvas.put(footer, x: x + 2, y: y + height - 2, role: form.confirmingCancel ? .warn : .muted, maxWidth: width - 4)
        }
        canvas.cursor = cursor
    }

    /// `text` in lines of at most `width` columns (a wide character never split).
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = [], line = "", used = 0
        for c in text {
            let w = DisplayWidth.of(String(c))
            if used + w > max(1, width) { lines.append(line); line = ""; used = 0 }
            if used == 0 && c == " " { continue }
            line.append(c); used += w
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}
