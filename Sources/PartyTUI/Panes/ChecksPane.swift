import PartyModel

extension Pane {
    public static let checks = Pane("checks")
}

/// 季度检查: branches × quarters, each cell the check's points and its open findings. Left/Right
/// choose the quarter that `e` records and Enter opens.
public struct ChecksPane: PaneSpec {
    public let id = Pane.checks
    public init() {}

    public func title(_ lang: Language) -> String { lang.pick("季度检查", "Checks") }
    /// 检查 on the tab bar: nine tabs and the 示例 badge fit in 80 columns.
    public func tabTitle(_ lang: Language) -> String { lang.pick("检查", "Checks") }

    /// Made once (a key press looks them up).
    static let keys: [KeyBinding] = {
        [
            KeyBinding([.left, .char("h")], .moveLeft, zh: "上一季度列", en: "Previous quarter column"),
            KeyBinding([.right, .char("l")], .moveRight, zh: "下一季度列", en: "Next quarter column"),
            KeyBinding([.enter], .open, zh: "打开所选季度的检查", en: "Open the selected quarter's check"),
            KeyBinding([.char("e")], .edit, zh: "录入所选季度的检查 (发现的问题成为整改事项)", en: "Record the selected quarter's check (findings become rectifications)", writes: true),
        ]
    }()

    public var bindings: [KeyBinding] { Self.keys }

    public func table(_ data: DashboardData, variant: Int) -> Table? {
        Self.table(data.workspace, year: data.year, asOf: data.asOf, engine: data.engine, lang: data.lang)
    }

    public func periodChanged(_ list: inout ListState, to quarter: Quarter) { list.column = quarter.number - 1 }

    public func perform(_ action: Action, _ state: inout AppState) -> Effect {
        guard var list = state.lists[id] else { return .none }
        switch action {
        case .moveLeft: list.column = max(0, list.column - 1)
        case .moveRight: list.column = min(3, list.column + 1)
        case .edit:
            if case .branch(let branchId) = state.selected {
                state.form = Forms.recordCheck(branchId: branchId, quarter: Self.quarter(state), state.data)
            }
        default: break
        }
        state.lists[id] = list
        return .none
    }

    public func detail(for row: RowRef, _ state: AppState) -> Detail? {
        guard case .branch(let branchId) = row else { return nil }
        return .check(branchId: branchId, quarter: Self.quarter(state))
    }

    /// The quarter the column cursor is on.
    static func quarter(_ state: AppState) -> Quarter {
        Quarter(year: state.data.year, number: (state.lists[.checks]?.column ?? 0) + 1)!
    }

    static func table(_ ws: Workspace, year: Int, asOf: Day, engine: ScoringEngine, lang: Language) -> Table {
        let max = ws.checkTemplate.totalPoints
        let columns = [ColumnSpec(lang.pick("支部", "Branch"), width: 16, flexible: true, priority: 10)]
            + (1...4).map { ColumnSpec(lang.pick("第\($0)季度", "Q\($0)"), width: 12, priority: 6) }
        let rows = ws.organisation.activeBranches.enumerated().map { index, b -> TableRow in
            var cells = [b.name], roles: [StyleRole] = [.text]
            var totals: [SortKey] = []
            var tags: Set<String> = []
            for q in Quarter.all(of: year) {
                let status = engine.checkStatus(branch: b.id, quarter: q, asOf: asOf)
                let open = status.findings.filter { ($0.status(on: asOf) ?? .closed) != .closed }.count
                switch status.state {
                case .notChecked:
                    let ended = q.lastDay < asOf
                    cells.append(ended ? lang.pick("未检查", "missing") : lang.pick("未到期", "not yet"))
                    roles.append(ended ? .bad : .muted)
                    if ended { tags.insert("missing") }
                case .checked, .findingsOpen:
                    let total = status.check!.totalPoints
                    cells.append(UIText.points(total) + (open > 0 ? lang.pick(" 待改\(open)", " open\(open)") : ""))
                    roles.append(open > 0 ? .warn : UIText.role(ratio: max > 0 ? total / max / 0.95 : 1))
                    if open > 0 { tags.insert("findingsOpen") }
                }
                totals.append(.number(-(status.check?.totalPoints ?? -1)))
            }
            return TableRow(.branch(b.id), cells: cells, roles: roles, search: b.name, sortKeys: [.number(Double(index))] + totals, tags: tags)
        }
        return Table(columns: columns, rows: rows, sortOptions: [lang.pick("支部顺序", "branch order")] + (1...4).map { lang.pick("第\($0)季度得分", "Q\($0) score") },
                     cursorColumns: 1..<5)
    }
}
