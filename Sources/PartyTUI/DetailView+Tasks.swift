import PartyModel

/// 一支部一清单 pages: a task with each assigned branch's standing, and a branch's list of tasks.
extension DetailView {
    /// Column widths of a task's branch lines (80 columns leave the 佐证 about a dozen).
    static let taskColumns = (branch: 20, standing: 6, progress: 4, done: 10, late: 8, next: 10)

    /// A task: its assignment, rhythm, deadline and phases, then one line per assigned branch (late first).
    static func task(_ id: String, _ state: AppState) -> [DetailLine] {
        let data = state.data, lang = state.lang, ws = data.workspace
        guard let t = ws.plan.tasks.first(where: { $0.id == id }) else { return [DetailLine(id)] }
        var out = [DetailLine(t.title, .title)]
        var facts: [String] = []
        if let a = t.assignment { facts.append(lang.pick("分配 ", "Assigned ") + a.name(lang, in: ws.organisation)) }
        if let r = t.recurrence { facts.append(lang.pick("周期 ", "Rhythm ") + r.name(lang)) }
        if let d = t.deadline { facts.append(lang.pick("期限 ", "Deadline ") + d.iso) }
        out.append(DetailLine(facts.isEmpty ? lang.pick("未分配到支部 (a 分配)", "not assigned to branches (a to assign)") : facts.joined(separator: "   ")))
        if !t.phases.isEmpty {
            let current = TaskSchedule.phase(t, on: data.asOf)
            var pieces: [(String, StyleRole)] = [(lang.pick("阶段 ", "Phases "), .text)]
            for p in t.phases {
                let text = "\(p.name) \(p.start.iso.dropFirst(5))~\(p.end.iso.dropFirst(5))  "
                pieces.append((text, p == current ? .accent : .muted))
            }
            out.append(DetailLine(pieces))
        }
        if let target = t.target { out.append(DetailLine(lang.pick("目标 ", "Target ") + target, .muted)) }
        guard t.assignment != nil else { return out }
        let figures = TaskSchedule.figures(t, plan: ws.plan, organisation: ws.organisation, asOf: data.asOf)
        let late = figures.filter(\.isLate).count, done = figures.filter(\.isDone).count
        out.append(.blank)
        out.append(DetailLine(lang.pick("各支部 (\(figures.count) 个, 已完成 \(done), 逾期 \(late))", "Branches (\(figures.count); done \(done), late \(late))"), .header))
        let c = taskColumns
        let heads = [(lang.pick("支部", "Branch"), c.branch), (lang.pick("情况", "State"), c.standing), (lang.pick("进度", "Prog"), c.progress),
                     (t.recurrence == nil ? lang.pick("完成日", "Done on") : lang.pick("已报/应报", "Done/due"), c.done),
                     (lang.pick("逾期", "Late"), c.late), (lang.pick("下一期", "Next due"), c.next)]
        out.append(DetailLine(heads.map { (DisplayWidth.pad($0.0, to: $0.1) + " ", StyleRole.muted) } + [(lang.pick("佐证", "Evidence"), .muted)]))
        for f in figures {
            let role: StyleRole = f.isLate ? .bad : f.isDone ? .good : .text
            let doneText = f.recurring ? "\(f.doneCount)/\(f.due.count)" : (f.state.doneOn?.iso ?? "-")
            let lateText = f.branchLate ? lang.pick("已过期限", "past") : f.late.first.map { $0.occurrence.period.key + (f.late.count > 1 ? "+\(f.late.count - 1)" : "") } ?? ""
            let evidence = f.state.evidence ?? f.due.last(where: { $0.done != nil })?.done?.note ?? ""
            out.append(DetailLine([
                (DisplayWidth.pad(DisplayWidth.truncate(f.branchName, to: c.branch), to: c.branch) + " ", .text),
                (DisplayWidth.pad(f.standing(lang), to: c.standing) + " ", role),
                (DisplayWidth.pad(UIText.percent(f.share), to: c.progress, alignRight: true) + " ", .text),
                (DisplayWidth.pad(doneText, to: c.done) + " ", .text),
                (DisplayWidth.pad(lateText, to: c.late) + " ", .bad),
                (DisplayWidth.pad(f.next?.due.iso ?? "", to: c.next) + " ", .muted),
                (evidence, .muted),
            ]))
        }
        return out
    }

    /// A branch's 一支部一清单: the tasks assigned to it, each with its standing (for the branch page).
    static func branchTaskList(_ branchId: String, _ state: AppState) -> [DetailLine] {
        let data = state.data, lang = state.lang, ws = data.workspace
        guard let b = ws.organisation.branches.first(where: { $0.id == branchId }) else { return [] }
        let tasks = TaskSchedule.tasksByBranch(ws.plan, organisation: ws.organisation, asOf: data.asOf)[branchId] ?? []
        guard !tasks.isEmpty else { return [] }
        var out = [DetailLine(lang.pick("一支部一清单 (\(tasks.count))", "Task list (\(tasks.count))"), .header)]
        for t in tasks {
            let f = TaskSchedule.figure(t, branch: b, planYear: ws.plan.year, asOf: data.asOf)
            let role: StyleRole = f.isLate ? .bad : f.isDone ? .good : .text
            let counts = f.recurring ? "\(f.doneCount)/\(f.due.count)" : UIText.percent(f.share)
            out.append(DetailLine([(DisplayWidth.pad(f.standing(lang), to: 6) + " ", role), (DisplayWidth.pad(counts, to: 5) + " ", .text), (t.title, .text),
                                   (f.next.map { lang.pick("  下一期 ", "  next ") + $0.due.iso } ?? "", .muted)]))
        }
        out.append(.blank)
        return out
    }
}
