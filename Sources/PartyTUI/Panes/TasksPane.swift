import PartyModel

extension Pane {
    public static let tasks = Pane("tasks")
}

/// 任务: the campaign plan's tasks by section, with deadline, status and progress; Enter opens a task's
/// page with its branches (一支部一清单); `v` turns to each branch's list of tasks, where `d` marks a
/// branch's task (or its next occurrence) done and `e` sets its progress and 佐证.
public struct TasksPane: PaneSpec {
    public let id = Pane.tasks
    public init() {}

    public func title(_ lang: Language) -> String { lang.pick("任务", "Tasks") }

    /// Made once (a key press looks them up).
    static let keys: [KeyBinding] = {
        let needsBranchTask: @Sendable (AppState) -> String? = { state in
            selectedBranchTask(state) == nil ? state.lang.pick("请按 v 到各支部清单并选择一项任务", "press v for the branches' lists and select a task") : nil
        }
        let needsTask: @Sendable (AppState) -> String? = { state in
            selectedTask(state) == nil ? state.lang.pick("请选择一项任务", "select a task") : nil
        }
        return [
            .open,
            KeyBinding([.char("v")], .toggleView, zh: "按任务 / 按支部 (一支部一清单)", en: "By task / by branch (each branch's list)"),
            .stateFilter,
            KeyBinding([.char("e")], .edit, zh: "更新所选任务的状态与进度 (按支部: 该支部的进度与佐证)",
                       en: "Update the selected task's status and progress (by branch: that branch's progress and evidence)", writes: true),
            KeyBinding([.char("d")], .paneAction("done"), zh: "登记所选支部完成任务或其中一期 (日期、佐证)",
                       en: "Mark the selected branch's task or occurrence done (day, evidence)", writes: true, unavailable: needsBranchTask),
            KeyBinding([.char("a")], .paneAction("assign"), zh: "分配所选任务到支部 (全部、按类别、按党总支、指定)",
                       en: "Assign the selected task to branches (all, a sector, a general branch, a list)", writes: true, unavailable: needsTask),
        ]
    }()

    public var bindings: [KeyBinding] { Self.keys }

    public func table(_ data: DashboardData, variant: Int) -> Table? {
        variant == 0 ? Self.table(data.workspace.plan, asOf: data.asOf, lang: data.lang) : Self.branchLists(data)
    }

    public func stateFilters(_ lang: Language) -> [StateFilter] {
        [StateFilter("", lang.pick("全部", "all"))] + TaskStatus.allCases.map { StateFilter($0.rawValue, $0.name(lang)) }
            + [StateFilter("late", lang.pick("已过期限", "past deadline"))]
    }

    public func perform(_ action: Action, _ state: inout AppState) -> Effect {
        switch action {
        case .toggleView:
            state.toggleView(id)
        case .edit:
            if let (t, b) = Self.selectedBranchTask(state) { state.form = Forms.editBranchTask(t, branchId: b, state.data) }
            else if case .task(let id) = state.selected, let t = state.data.workspace.plan.tasks.first(where: { $0.id == id }) {
                state.form = Forms.editTask(t, state.data)
            }
        case .paneAction("done"):
            if let (t, b) = Self.selectedBranchTask(state) { state.form = Forms.branchTaskDone(t, branchId: b, state.data) }
        case .paneAction("assign"):
            if let t = Self.selectedTask(state) { state.form = Forms.assignTask(t, state.data) }
        default: break
        }
        return .none
    }

    public func detail(for row: RowRef, _ state: AppState) -> Detail? {
        switch row {
        case .task(let id), .branchTask(let id, _): .task(id)
        case .branch(let id): .branch(id)
        default: nil
        }
    }

    public func headerNotes(_ state: AppState) -> [(String, StyleRole)] {
        (state.lists[id]?.variant ?? 0) == 0 ? [] : [(state.lang.pick("一支部一清单", "each branch's list"), .muted)]
    }

    static func selectedBranchTask(_ state: AppState) -> (PlanTask, String)? {
        guard state.pane == .tasks, case .branchTask(let t, let b) = state.selected,
              let task = state.data.workspace.plan.tasks.first(where: { $0.id == t }) else { return nil }
        return (task, b)
    }

    static func selectedTask(_ state: AppState) -> PlanTask? {
        guard state.pane == .tasks else { return nil }
        switch state.selected {
        case .task(let id), .branchTask(let id, _): return state.data.workspace.plan.tasks.first { $0.id == id }
        default: return nil
        }
    }

    static func table(_ plan: WorkPlan, asOf: Day, lang: Language) -> Table {
        let columns = [ColumnSpec(lang.pick("任务", "Task"), width: 16, flexible: true, priority: 10),
                       ColumnSpec(lang.pick("责任单位", "Responsible"), width: 14, priority: 4),
                       ColumnSpec(lang.pick("期限", "Deadline"), width: 10, priority: 6),
                       ColumnSpec(lang.pick("状态", "Status"), width: 6, priority: 8),
                       ColumnSpec(lang.pick("进度", "Progress"), width: 12, priority: 7, isBar: true)]
        var rows: [TableRow] = []
        for section in plan.sections {
            rows.append(TableRow(.section(section.id), cells: [section.title], rowRole: .accent, search: section.title,
                                 sortKeys: [.number(Double(rows.count))], isHeading: true))
            for task in plan.tasks where task.sectionId == section.id {
                let late = task.status != .done && (task.deadline.map { $0 < asOf } ?? false)
                let status: StyleRole = task.status == .done ? .good : task.status == .blocked ? .bad : late ? .warn : .text
                rows.append(TableRow(
                    .task(task.id),
                    cells: [task.title, task.responsibleUnits.joined(separator: "、"), task.deadline?.iso ?? task.phase ?? "",
                            task.status.name(lang), String(Double(task.progress) / 100)],
                    roles: [.text, .muted, late ? .warn : .text, status, .text],
                    search: "\(section.title) \(task.title) \(task.responsibleUnits.joined(separator: " ")) \(task.target ?? "")",
                    sortKeys: [.number(Double(rows.count)), .text(task.deadline?.iso ?? "9999"), .number(Double(task.progress)), .text(task.status.rawValue)],
                    depth: 1, tags: Set([task.status.rawValue] + (late ? ["late"] : []))))
            }
        }
        return Table(columns: columns, rows: rows, sortOptions: [lang.pick("按章节", "by section"), lang.pick("期限", "deadline"),
                                                                  lang.pick("进度", "progress"), lang.pick("状态", "status")])
    }

    /// Variant 1, 一支部一清单: each branch with tasks (tree order), then its tasks with their standing,
    /// occurrences done of those due, the late ones and the next due day.
    static func branchLists(_ data: DashboardData) -> Table {
        let lang = data.lang, ws = data.workspace
        let columns = [ColumnSpec(lang.pick("任务", "Task"), width: 16, flexible: true, priority: 10),
                       ColumnSpec(lang.pick("周期/期限", "Rhythm/due"), width: lang == .en ? 12 : 10, priority: 5),
                       ColumnSpec(lang.pick("情况", "State"), width: lang == .en ? 7 : 6, priority: 9),
                       ColumnSpec(lang.pick("已报", "Done"), width: 5, align: .right, priority: 7),
                       ColumnSpec(lang.pick("进度", "Progress"), width: 8, priority: 4, isBar: true),
                       ColumnSpec(lang.pick("下一期", "Next due"), width: 10, priority: 6)]
        let byBranch = TaskSchedule.tasksByBranch(ws.plan, organisation: ws.organisation, asOf: data.asOf)
        var rows: [TableRow] = []
        for b in ws.organisation.branches(inServiceOn: data.asOf) {
            guard let tasks = byBranch[b.id] else { continue }
            let figures = tasks.map { TaskSchedule.figure($0, branch: b, planYear: ws.plan.year, asOf: data.asOf) }
            let late = figures.filter(\.isLate).count
            rows.append(TableRow(.branch(b.id), cells: [b.name + lang.pick("  \(tasks.count) 项", "  \(tasks.count) tasks") + (late > 0 ? lang.pick(", 逾期 \(late)", ", \(late) late") : "")],
                                 rowRole: late > 0 ? .warn : .accent, search: b.name, sortKeys: [.number(Double(rows.count))], isHeading: true))
            for (t, f) in zip(tasks, figures) {
                let role: StyleRole = f.isLate ? .bad : f.isDone ? .good : .text
                let progress = f.share
                rows.append(TableRow(
                    .branchTask(taskId: t.id, branchId: b.id),
                    cells: [t.title, t.recurrence?.name(lang) ?? t.deadline?.iso ?? t.phase ?? "", f.standing(lang),
                            f.recurring ? "\(f.doneCount)/\(f.due.count)" : (f.isDone ? "1/1" : "0/1"), String(progress), f.next?.due.iso ?? ""],
                    roles: [.text, .muted, role, role, .text, .muted],
                    search: "\(b.name) \(t.title)",
                    sortKeys: [.number(Double(rows.count)), .text(f.next?.due.iso ?? "9999"), .number(progress), .text(f.isLate ? "0" : "1")],
                    depth: 1, tags: Set([f.isDone ? TaskStatus.done.rawValue : f.state.status.rawValue] + (f.isLate ? ["late"] : []))))
            }
        }
        return Table(columns: columns, rows: rows, sortOptions: [lang.pick("按支部", "by branch"), lang.pick("下一期", "next due"),
                                                                  lang.pick("进度", "progress"), lang.pick("逾期在前", "late first")])
    }
}
