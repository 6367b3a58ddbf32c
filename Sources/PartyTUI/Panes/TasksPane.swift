import PartyModel

extension Pane {
    public static let tasks = Pane("tasks")
}

/// 任务: the campaign plan's tasks by section, with deadline, status and progress.
public struct TasksPane: PaneSpec {
    public let id = Pane.tasks
    public init() {}

    public func title(_ lang: Language) -> String { lang.pick("任务", "Tasks") }

    /// Made once (a key press looks them up).
    static let keys: [KeyBinding] = {
        [
            .stateFilter,
            KeyBinding([.char("e")], .edit, zh: "更新所选任务的状态与进度", en: "Update the selected task's status and progress", writes: true),
        ]
    }()

    public var bindings: [KeyBinding] { Self.keys }

    public func table(_ data: DashboardData, variant: Int) -> Table? { Self.table(data.workspace.plan, asOf: data.asOf, lang: data.lang) }

    public func stateFilters(_ lang: Language) -> [StateFilter] {
        [StateFilter("", lang.pick("全部", "all"))] + TaskStatus.allCases.map { StateFilter($0.rawValue, $0.name(lang)) }
            + [StateFilter("late", lang.pick("已过期限", "past deadline"))]
    }

    public func perform(_ action: Action, _ state: inout AppState) -> Effect {
        if action == .edit, case .task(let id) = state.selected, let t = state.data.workspace.plan.tasks.first(where: { $0.id == id }) {
            state.form = Forms.editTask(t, state.data)
        }
        return .none
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
}
