import PartyModel

extension Pane {
    public static let scoring = Pane("scoring")
}

/// 考评: every branch's points by category, total, grade, rank and 最强党支部, for the year (or, with
/// `v`, the selected quarter); the grade distribution on the frame's bottom edge.
public struct ScoringPane: PaneSpec {
    public let id = Pane.scoring
    public init() {}

    public func title(_ lang: Language) -> String { lang.pick("考评", "Scoring") }

    /// Made once (a key press looks them up).
    static let keys: [KeyBinding] = {
        [
            .open,
            KeyBinding([.char("v")], .toggleView, zh: "年度 / 季度视图", en: "Year / quarter view"),
            KeyBinding([.char("e")], .edit, zh: "所选支部的手工评分与加分", en: "Manual points and bonus of the selected branch", writes: true),
        ]
    }()

    public var bindings: [KeyBinding] { Self.keys }

    /// Variant 1: the selected quarter's scores.
    public func table(_ data: DashboardData, variant: Int) -> Table? {
        Self.table(data.workspace, variant == 1 ? data.quarterScores : data.yearScores, lang: data.lang)
    }

    public func perform(_ action: Action, _ state: inout AppState) -> Effect {
        switch action {
        case .toggleView:
            let variant = state.lists[id]?.variant ?? 0
            state.lists[id]?.variant = variant == 0 ? 1 : 0
            state.refresh(id)
        case .edit:
            if case .branch(let branchId) = state.selected {
                state.form = Forms.manualScores(branchId: branchId, year: state.data.year, state.data)
            }
        default: break
        }
        return .none
    }

    public func detail(for row: RowRef, _ state: AppState) -> Detail? {
        if case .branch(let id) = row { return .branch(id) }
        return nil
    }

    public func headerNotes(_ state: AppState) -> [(String, StyleRole)] {
        let lang = state.lang
        let quarterView = state.lists[id]?.variant == 1
        return [(quarterView ? lang.pick("季度视图", "quarter view")
                 : lang.pick("年度视图", "year view") + (state.data.yearScores.provisional ? lang.pick("(暂定)", " (provisional)") : ""), .muted)]
    }

    public func drawBody(_ canvas: inout Canvas, _ state: AppState, in area: Area) {
        guard state.data.yearHasRecords else {
            canvas.box(x: area.x, y: area.y, width: area.width, height: area.height, role: .border)
            canvas.put(state.lang.pick("\(state.data.year)年没有活动、检查或评分记录, 不评定等次。按 } 回到下一年度。",
                                       "No activities, checks or points recorded for \(state.data.year): nothing to grade. } goes to the next year."),
                       x: area.x + 2, y: area.y + 2, role: .warn, maxWidth: area.width - 4)
            return
        }
        TableView.draw(&canvas, state, id, in: area)
        footer(&canvas, state, y: area.y + area.height - 1, x: area.x + 2)
    }

    /// The grade distribution and the 最强党支部 share, on the frame's bottom edge.
    func footer(_ canvas: inout Canvas, _ state: AppState, y: Int, x: Int) {
        let table = state.lists[id]?.variant == 1 ? state.data.quarterScores : state.data.yearScores
        let s = table.summary
        let lang = state.lang
        var text = " " + Grade.allCases.map { "\($0.name(lang)) \(s.grades[$0] ?? 0)" }.joined(separator: "  ")
        text += lang.pick("  最强 \(s.strongestCount) (\(UIText.percent(s.strongestShare)))", "  best \(s.strongestCount) (\(UIText.percent(s.strongestShare)))")
        if let target = s.target { text += lang.pick(" 目标 \(UIText.percent(target))", " target \(UIText.percent(target))") }
        text += lang.pick("  平均 \(UIText.points(s.mean)) ", "  mean \(UIText.points(s.mean)) ")
        canvas.put(text, x: x, y: y, role: .muted, maxWidth: state.width - x - 2)
    }

    static func table(_ ws: Workspace, _ table: ScoreTable, lang: Language) -> Table {
        let categories = ws.scoring.categories
        let columns = [ColumnSpec(lang.pick("排名", "Rank"), width: 4, align: .right, priority: 9),
                       ColumnSpec(lang.pick("支部", "Branch"), width: 14, flexible: true, priority: 10)]
            + categories.map { ColumnSpec(UIText.shortCategory($0), width: 5, align: .right, priority: 6) }
            + [ColumnSpec(lang.pick("总分", "Total"), width: 6, align: .right, priority: 9),
               ColumnSpec(lang.pick("等次", "Grade"), width: 4, priority: 8),
               ColumnSpec(lang.pick("最强", "Best"), width: 4, priority: 7)]
        let rows = table.branches.map { s -> TableRow in
            let cells = [String(s.rank), s.name] + categories.map { UIText.oneDecimal(s.categories[$0.id] ?? 0) }
                + [UIText.points(s.total), s.grade.name(lang), s.strongest ? UIText.strongest(lang) : ""]
            let roles: [StyleRole] = [.muted, .text] + categories.map { _ in .text } + [.accent, UIText.role(grade: s.grade), .good]
            return TableRow(.branch(s.branchId), cells: cells, roles: roles, search: s.name,
                            sortKeys: [.number(Double(s.rank))] + categories.map { .number(-(s.categories[$0.id] ?? 0)) }
                                + [.text(s.name)],
                            tags: Set([s.grade.rawValue] + (s.strongest ? ["strongest"] : [])))
        }
        return Table(columns: columns, rows: rows,
                     sortOptions: [lang.pick("总分", "total")] + categories.map(\.name) + [lang.pick("支部名称", "name")])
    }
}
