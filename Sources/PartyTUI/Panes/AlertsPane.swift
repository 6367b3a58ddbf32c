import PartyModel

extension Pane {
    public static let alerts = Pane("alerts")
}

/// 预警: what needs attention, most severe first; Enter opens the branch concerned.
public struct AlertsPane: PaneSpec {
    public let id = Pane.alerts
    public init() {}

    public func title(_ lang: Language) -> String { lang.pick("预警", "Alerts") }

    static let keys: [KeyBinding] = [.open, .stateFilter]
    public var bindings: [KeyBinding] { Self.keys }

    public func table(_ data: DashboardData, variant: Int) -> Table? { Self.table(data.alerts, lang: data.lang) }

    public func stateFilters(_ lang: Language) -> [StateFilter] {
        [StateFilter("", lang.pick("全部", "all"))] + Severity.allCases.reversed().map { StateFilter($0.rawValue, $0.name(lang)) }
    }

    public func detail(for row: RowRef, _ state: AppState) -> Detail? {
        guard case .alert(_, let branchId) = row, state.data.workspace.organisation.branches.contains(where: { $0.id == branchId }) else { return nil }
        return .branch(branchId)
    }

    static func table(_ alerts: [Alert], lang: Language) -> Table {
        let columns = [ColumnSpec(lang.pick("级别", "Level"), width: 4, priority: 9),
                       ColumnSpec(lang.pick("支部", "Branch"), width: 14, priority: 8, grows: true),
                       ColumnSpec(lang.pick("类别", "Kind"), width: 14, priority: 5),
                       ColumnSpec(lang.pick("内容", "Message"), width: 20, flexible: true, priority: 10)]
        let rows = alerts.enumerated().map { i, a in
            TableRow(.alert(index: i, branchId: a.branchId), cells: [a.severity.name(lang), a.branchName, a.kind.title(lang), a.message(lang)],
                     roles: [UIText.role(severity: a.severity), .text, .muted, .text],
                     search: "\(a.branchName) \(a.message(lang)) \(a.kind.title(lang)) \(a.code)",
                     sortKeys: [.number(Double(i)), .text(a.branchName), .text(a.code)], tags: [a.severity.rawValue])
        }
        return Table(columns: columns, rows: rows, sortOptions: [lang.pick("严重程度", "severity"), lang.pick("支部", "branch"), lang.pick("类别", "kind")])
    }
}
