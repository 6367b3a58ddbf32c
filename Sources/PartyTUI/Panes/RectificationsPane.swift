import PartyModel

extension Pane {
    public static let rectifications = Pane("rectifications")
}

/// 整改: the rectification list, overdue first; `m` moves a finding on (整改销号).
public struct RectificationsPane: PaneSpec {
    public let id = Pane.rectifications
    public init() {}

    public func title(_ lang: Language) -> String { lang.pick("整改", "Rectify") }

    /// Made once (a key press looks them up).
    static let keys: [KeyBinding] = {
        [
            .open,
            .stateFilter,
            KeyBinding([.char("m")], .move, zh: "办理整改 (开始整改、提交验收、验收销号、退回、重新打开)", en: "Move a rectification on", writes: true),
        ]
    }()

    public var bindings: [KeyBinding] { Self.keys }

    public func table(_ data: DashboardData, variant: Int) -> Table? {
        Self.table(data.workspace, asOf: data.asOf, names: data.branchNames, lang: data.lang)
    }

    public func stateFilters(_ lang: Language) -> [StateFilter] {
        [StateFilter("", lang.pick("全部", "all"))] + RectificationStatus.allCases.map { StateFilter($0.rawValue, $0.name(lang)) }
            + [StateFilter("overdue", lang.pick("逾期", "overdue"))]
    }

    public func perform(_ action: Action, _ state: inout AppState) -> Effect {
        if action == .move, case .rectification(let id) = state.selected,
           let r = state.data.workspace.rectifications.first(where: { $0.id == id }) {
            state.form = Forms.moveRectification(r, state.data)
        }
        return .none
    }

    public func detail(for row: RowRef, _ state: AppState) -> Detail? {
        if case .rectification(let id) = row { return .rectification(id) }
        return nil
    }

    static func table(_ ws: Workspace, asOf: Day, names: [String: String], lang: Language) -> Table {
        let columns = [
            ColumnSpec(lang.pick("编号", "Id"), width: 12, priority: 3),
            ColumnSpec(lang.pick("支部", "Branch"), width: 14, priority: 8, grows: true),
            ColumnSpec(lang.pick("问题", "Finding"), width: 16, flexible: true, priority: 10),
            ColumnSpec(lang.pick("责任人", "Owner"), width: 6, priority: 4),
            ColumnSpec(lang.pick("期限", "Due"), width: 10, priority: 7),
            ColumnSpec(lang.pick("状态", "Status"), width: lang.pick(7, 12), priority: 9),
        ]
        let sorted = ws.rectifications.sorted { a, b in
            let (ao, bo) = (a.isOverdue(on: asOf), b.isOverdue(on: asOf))
            return ao != bo ? ao : (a.dueOn, a.id) < (b.dueOn, b.id)
        }
        let rows = sorted.enumerated().map { i, r -> TableRow in
            let overdue = r.isOverdue(on: asOf)
            let status = r.status.name(lang) + (overdue ? "!" : "")
            return TableRow(.rectification(r.id), cells: [r.id, names[r.branchId] ?? r.branchId, r.description, r.owner, r.dueOn.iso, status],
                            roles: [.muted, .text, .text, .text, overdue ? .bad : .text, overdue ? .bad : r.status == .closed ? .good : .fair],
                            rowRole: overdue ? .bad : nil, search: "\(r.id) \(names[r.branchId] ?? "") \(r.description) \(r.owner)",
                            sortKeys: [.number(Double(i)), .text(r.dueOn.iso), .text(names[r.branchId] ?? ""), .text(r.status.rawValue)],
                            tags: Set([r.status.rawValue] + (overdue ? ["overdue"] : [])))
        }
        return Table(columns: columns, rows: rows, sortOptions: [lang.pick("逾期优先", "overdue first"), lang.pick("期限", "due"),
                                                                  lang.pick("支部", "branch"), lang.pick("状态", "status")])
    }
}
