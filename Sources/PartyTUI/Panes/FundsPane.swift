import PartyModel

extension Pane {
    public static let funds = Pane("funds")
}

/// 经费: each branch's allocations this year against its standards (800 元 a member for 机关, 4 万元 a
/// village …), its spending and balance; `v` turns to the entries (拨付 and 支出, newest first), which
/// staff add, edit and delete here.
public struct FundsPane: PaneSpec {
    public let id = Pane.funds
    public init() {}

    public func title(_ lang: Language) -> String { lang.pick("经费", "Funds") }

    static let keys: [KeyBinding] = {
        let needsEntry: @Sendable (AppState) -> String? = { state in
            selectedEntry(state) == nil ? state.lang.pick("请按 v 到经费明细并选择一笔", "press v for the entries and select one") : nil
        }
        return [
            .open,
            KeyBinding([.char("v")], .toggleView, zh: "各支部汇总 / 经费明细", en: "Per branch / entries"),
            .stateFilter,
            KeyBinding([.char("a")], .add, zh: "登记一笔经费 (拨付或支出)", en: "Record an allocation or spending", writes: true),
            KeyBinding([.char("e")], .edit, zh: "修改所选经费记录", en: "Edit the selected entry", writes: true, unavailable: needsEntry),
            KeyBinding([.char("d")], .remove, zh: "删除所选经费记录", en: "Delete the selected entry", writes: true, unavailable: needsEntry),
        ]
    }()

    public var bindings: [KeyBinding] { Self.keys }

    public func table(_ data: DashboardData, variant: Int) -> Table? {
        variant == 0 ? Self.branches(data) : Self.entries(data)
    }

    public func stateFilters(_ lang: Language) -> [StateFilter] {
        [StateFilter("", lang.pick("全部", "all")), StateFilter("below", lang.pick("低于标准", "below standard")),
         StateFilter(FundsDirection.allocated.rawValue, lang.pick("拨付 (明细)", "allocations (entries)")),
         StateFilter(FundsDirection.spent.rawValue, lang.pick("支出 (明细)", "spending (entries)"))]
    }

    public func perform(_ action: Action, _ state: inout AppState) -> Effect {
        switch action {
        case .toggleView:
            state.toggleView(id)
        case .add:
            let org = state.selected.flatMap { ref -> String? in if case .branch(let b) = ref { b } else { nil } }
            state.form = Forms.editFunds(nil, organisationId: org, state.data)
        case .edit: if let e = Self.selectedEntry(state) { state.form = Forms.editFunds(e, organisationId: nil, state.data) }
        case .remove: if let e = Self.selectedEntry(state) { state.form = Forms.deleteFunds(e, state.data) }
        default: break
        }
        return .none
    }

    public func detail(for row: RowRef, _ state: AppState) -> Detail? {
        if case .branch(let id) = row { return .branch(id) }
        return nil
    }

    public func headerNotes(_ state: AppState) -> [(String, StyleRole)] {
        (state.lists[id]?.variant ?? 0) == 0 ? [] : [(state.lang.pick("经费明细", "entries"), .muted)]
    }

    public func period(_ state: AppState) -> String {
        let day = min(state.data.asOf, Day.lastOf(year: state.data.year, month: 12))
        return state.lang.pick("\(state.data.year)年 截至 \(day.iso)", "\(state.data.year) to \(day.iso)")
    }

    static func selectedEntry(_ state: AppState) -> FundsEntry? {
        guard state.pane == .funds, case .funds(let id) = state.selected else { return nil }
        return state.data.workspace.funds.first { $0.id == id }
    }

    /// Variant 0: every branch in service this year, with its standards' figures.
    static func branches(_ data: DashboardData) -> Table {
        let lang = data.lang, ws = data.workspace, year = data.year
        let columns = [ColumnSpec(lang.pick("支部", "Branch"), width: 14, priority: 10, grows: true),
                       ColumnSpec(lang.pick("类别", "Sector"), width: 4, priority: 3),
                       ColumnSpec(lang.pick("标准", "Standard"), width: 9, align: .right, priority: 8),
                       ColumnSpec(lang.pick("到位", "Counted"), width: 9, align: .right, priority: 8),
                       ColumnSpec(lang.pick("到位率", "Share"), width: 10, priority: 7, isBar: true),
                       ColumnSpec(lang.pick("拨付", "Allocated"), width: 9, align: .right, priority: 5),
                       ColumnSpec(lang.pick("支出", "Spent"), width: 9, align: .right, priority: 6),
                       ColumnSpec(lang.pick("结余", "Balance"), width: 9, align: .right, priority: 4)]
        let ledger = FundsLedger(ws), members = data.compliance.members
        let branches = ws.organisation.branches(inServiceOn: Day.firstOf(year: year, month: 1))
        let alerting = ledger.alertsFrom(data.asOf) || year < data.asOf.year
        let rows = branches.enumerated().map { i, b -> TableRow in
            let f = ledger.figures(b.id, branch: b, year: year, asOf: data.asOf) { members.counts($0, on: $1).total }
            let counted = f.standards.reduce(Money.zero) { $0 + $1.allocated }
            let share = f.required.map { $0.fen > 0 ? min(1, Double(counted.fen) / Double($0.fen)) : 1 }
            let below = !f.belowStandard.isEmpty
            let shareRole: StyleRole = share == nil ? .muted : !below ? .good : alerting ? .bad : .warn
            return TableRow(.branch(b.id),
                            cells: [b.name, b.sector.name(lang), f.required.map { UIText.wholeYuan(fen: $0.fen) } ?? "-",
                                    f.standards.isEmpty ? "" : UIText.wholeYuan(fen: counted.fen), share.map { String($0) } ?? "",
                                    UIText.wholeYuan(fen: f.allocated.fen), UIText.wholeYuan(fen: f.spent.fen), UIText.wholeYuan(fen: f.balance.fen)],
                            roles: [.text, .muted, .text, shareRole, shareRole, .text, .text, f.balance.fen < 0 ? .bad : .text],
                            search: "\(b.name) \(b.sector.name(lang))",
                            sortKeys: [.number(Double(i)), .number(share ?? 2), .number(-Double(f.allocated.fen)), .number(-Double(f.spent.fen))],
                            tags: below ? ["below"] : [])
        }
        return Table(columns: columns, rows: rows, sortOptions: [lang.pick("组织顺序", "tree order"), lang.pick("到位率", "share"),
                                                                  lang.pick("拨付", "allocated"), lang.pick("支出", "spent")])
    }

    /// Variant 1: the year's entries, newest first.
    static func entries(_ data: DashboardData) -> Table {
        let lang = data.lang, ws = data.workspace
        let columns = [ColumnSpec(lang.pick("日期", "Date"), width: 10, priority: 9),
                       ColumnSpec(lang.pick("组织", "Organisation"), width: 14, priority: 8, grows: true),
                       ColumnSpec(lang.pick("方向", "Dir."), width: 4, priority: 7),
                       ColumnSpec(lang.pick("类别", "Category"), width: 8, priority: 6),
                       ColumnSpec(lang.pick("金额", "Amount"), width: 11, align: .right, priority: 9),
                       ColumnSpec(lang.pick("说明", "Note"), width: 10, flexible: true, priority: 5)]
        let org = ws.organisation
        var names = [org.committee.id: org.committee.name]
        for g in org.generalBranches { names[g.id] = g.name }
        for b in org.branches { names[b.id] = b.name }
        let list = ws.funds.filter { $0.date.year == data.year }.sorted { ($0.date, $0.id) > ($1.date, $1.id) }
        let rows = list.enumerated().map { i, e -> TableRow in
            let name = names[e.organisationId] ?? e.organisationId
            return TableRow(.funds(e.id), cells: [e.date.iso, name, e.direction.name(lang), e.category.name(lang), e.money.description, e.note ?? ""],
                            roles: [.muted, .text, e.direction == .allocated ? .good : .warn, .text, .text, .muted],
                            search: "\(e.date.iso) \(name) \(e.category.name(lang)) \(e.note ?? "")",
                            sortKeys: [.number(Double(i)), .text(name), .number(-Double(e.money.fen))],
                            tags: [e.direction.rawValue])
        }
        return Table(columns: columns, rows: rows, sortOptions: [lang.pick("日期 新→旧", "newest"), lang.pick("组织", "organisation"),
                                                                  lang.pick("金额", "amount")])
    }
}
