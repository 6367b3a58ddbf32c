import PartyModel

extension Pane {
    public static let targets = Pane("targets")
}

/// 目标: each target of targets.json with its actual, value, status (达成 / 进行中 / 落后 / 未达成) and the
/// actual at the end of each quarter of the year so far; Enter opens its definition, source,
/// milestones and how the actual is worked out.
public struct TargetsPane: PaneSpec {
    public let id = Pane.targets
    public init() {}

    public func title(_ lang: Language) -> String { TargetsText.title(lang) }

    static let keys: [KeyBinding] = [
        .open, .stateFilter,
        KeyBinding([.char("a")], .add, zh: "录入所选目标本季度数据 (手工录入的目标)", en: "Enter a quarter's figure for the selected target (entered by hand)",
                   writes: true, unavailable: { state in
                       guard let t = selectedTarget(state) else { return TargetsText.selectOne(state.lang) }
                       return t.metric == .manual ? nil : TargetsText.computed(state.lang)
                   }),
    ]

    public var bindings: [KeyBinding] { Self.keys }

    public func table(_ data: DashboardData, variant: Int) -> Table? { Self.table(data) }

    public func stateFilters(_ lang: Language) -> [StateFilter] {
        [StateFilter("", lang.pick("全部", "all"))] + TargetStatus.allCases.map { StateFilter($0.rawValue, $0.name(lang)) }
    }

    public func perform(_ action: Action, _ state: inout AppState) -> Effect {
        if action == .add, let t = Self.selectedTarget(state), t.metric == .manual { state.form = Forms.recordTarget(t, state.data) }
        return .none
    }

    static func selectedTarget(_ state: AppState) -> Target? {
        guard state.pane == .targets, case .target(let id) = state.selected else { return nil }
        return state.data.workspace.targets.targets.first { $0.id == id }
    }

    public func detail(for row: RowRef, _ state: AppState) -> Detail? {
        if case .target(let id) = row { return .target(id) }
        return nil
    }

    public func period(_ state: AppState) -> String { TargetsText.period(Self.day(state.data), state.lang) }

    /// The day the targets are judged on: the as-of day, or the shown year's last day for a past year.
    static func day(_ data: DashboardData) -> Day { min(data.asOf, Day.lastOf(year: data.year, month: 12)) }

    static func evaluations(_ data: DashboardData) -> [TargetEvaluation] {
        TargetEvaluator(data.workspace, compliance: data.compliance, engine: data.engine).evaluate(asOf: day(data))
    }

    static func role(_ status: TargetStatus) -> StyleRole {
        switch status {
        case .met: .good
        case .onTrack: .text
        case .behind: .warn
        case .missed: .bad
        }
    }

    static func table(_ data: DashboardData) -> Table {
        let lang = data.lang
        let columns = [ColumnSpec(TargetsText.column(.target, lang), width: 16, priority: 10, grows: true),
                       ColumnSpec(TargetsText.column(.actual, lang), width: 9, align: .right, priority: 9),
                       ColumnSpec(TargetsText.column(.value, lang), width: 10, align: .right, priority: 8),
                       ColumnSpec(TargetsText.column(.status, lang), width: lang == .zh ? 6 : 8, priority: 9),
                       ColumnSpec(TargetsText.column(.trend, lang), width: 24, flexible: true, priority: 6),
                       ColumnSpec(TargetsText.column(.source, lang), width: 8, priority: 3)]
        let rows = evaluations(data).enumerated().map { i, e -> TableRow in
            let t = e.target, unit = t.figureUnit
            let trend = e.trend.map { p in p.actual.map { unit.compact($0.value) } ?? "-" }.joined(separator: " ")
            return TableRow(.target(t.id),
                            cells: [t.title, e.actual.map { unit.format($0.value) } ?? "-", t.comparison.rawValue + unit.format(t.value),
                                    e.status.name(lang), trend, TargetsText.seed(t.source)],
                            roles: [.text, role(e.status), .muted, role(e.status), .muted, .muted],
                            search: "\(t.title) \(t.id) \(t.source ?? "") \(e.status.name(lang))",
                            sortKeys: [.number(Double(i)), .number(Double(TargetStatus.allCases.count - TargetStatus.allCases.firstIndex(of: e.status)!)),
                                       .text(t.title)],
                            tags: [e.status.rawValue])
        }
        return Table(columns: columns, rows: rows, sortOptions: [lang.pick("文件顺序", "file order"), lang.pick("状态", "status"), lang.pick("名称", "title")])
    }

    /// The detail page: definition, source, milestones, how the actual is worked out, the trend.
    static func detailLines(_ id: String, _ state: AppState) -> [DetailLine] {
        let data = state.data, lang = state.lang
        guard let t = data.workspace.targets.targets.first(where: { $0.id == id }) else { return [DetailLine(id)] }
        let e = TargetEvaluator(data.workspace, compliance: data.compliance, engine: data.engine).evaluate(t, asOf: day(data))
        let unit = t.figureUnit
        var out = [DetailLine(t.title, .title)]
        out.append(DetailLine([(TargetsText.label(.status, lang), .muted), (e.status.name(lang), role(e.status)),
                               ("   " + TargetsText.label(.actual, lang), .muted),
                               ((e.actual.map { unit.format($0.value) } ?? "-") + (e.parts.isEmpty ? "" : " (\(e.parts))"), role(e.status)),
                               ("   " + TargetsText.label(.value, lang), .muted), (t.comparison.symbol + " " + unit.format(t.value), .text)]))
        out.append(DetailLine(TargetsText.label(.judgedOn, lang) + e.judgedOn.iso + (t.dueDay.map { "   " + TargetsText.label(.deadline, lang) + $0.iso } ?? "")))
        out.append(DetailLine.blank)
        out.append(DetailLine(TargetsText.label(.definition, lang), .header))
        out.append(DetailLine(TargetsText.label(.metric, lang) + t.metric.name(lang) + " (\(t.metric.rawValue)" + (t.stage.map { ": \($0)" } ?? "") + ")"))
        out.append(DetailLine(TargetsText.label(.how, lang) + t.metric.explanation(lang)))
        out.append(DetailLine(TargetsText.label(.scope, lang) + TargetsText.scope(t, data, lang)))
        if let item = t.planItem {
            let name = data.workspace.plan.tasks.first { $0.id == item }?.title ?? data.workspace.plan.sections.first { $0.id == item }?.title ?? item
            out.append(DetailLine(TargetsText.label(.planItem, lang) + name))
        }
        out.append(DetailLine(TargetsText.label(.source, lang) + (t.source ?? "-")))
        if let n = t.note { out.append(DetailLine(n, .muted)) }
        out.append(DetailLine.blank)
        out.append(DetailLine(TargetsText.label(.milestones, lang), .header))
        if t.milestones.isEmpty { out.append(DetailLine("-", .muted)) }
        for m in t.milestones.sorted(by: { $0.quarter < $1.quarter }) {
            let due = m.quarter.lastDay < day(data)
            out.append(DetailLine([("  " + m.quarter.name(lang) + "  " + t.comparison.symbol + " " + unit.format(m.value), .text),
                                   (due ? "  " + TargetsText.label(.due, lang) : "", .muted)]))
        }
        out.append(DetailLine.blank)
        out.append(DetailLine(TargetsText.label(.trend, lang), .header))
        for p in e.trend {
            let figure = p.actual.map { unit.format($0.value) } ?? "-"
            out.append(DetailLine("  " + p.quarter.name(lang) + "  " + figure + (p.partial ? "  " + TargetsText.asOf(p.day, lang) : "")))
        }
        if t.metric == .manual {
            out.append(DetailLine.blank)
            out.append(DetailLine(TargetsText.label(.entered, lang), .header))
            if t.actuals.isEmpty { out.append(DetailLine("-", .muted)) }
            for a in t.actuals {
                let parts = a.denominator.map { " = \(TargetUnit.count.format(a.value))/\(TargetUnit.count.format($0))" } ?? ""
                out.append(DetailLine("  " + a.quarter.name(lang) + "  " + (a.figure.map { unit.format($0) } ?? "-") + parts + (a.note.map { "  " + $0 } ?? "")))
            }
        }
        out.append(DetailLine(TargetsText.label(.id, lang) + t.id, .muted))
        return out
    }
}

/// The 目标 pane's words.
enum TargetsText {
    enum Column { case target, actual, value, status, trend, source }
    enum Label { case status, actual, value, judgedOn, deadline, definition, metric, how, scope, planItem, source, milestones, due, trend, entered, id }

    static func title(_ lang: Language) -> String { lang.pick("目标", "Targets") }

    static func period(_ day: Day, _ lang: Language) -> String { lang.pick("截至 \(day.iso)", "as of \(day.iso)") }

    static func column(_ c: Column, _ lang: Language) -> String {
        switch c {
        case .target: lang.pick("目标", "Target")
        case .actual: lang.pick("实际", "Actual")
        case .value: lang.pick("目标值", "Value")
        case .status: lang.pick("状态", "Status")
        case .trend: lang.pick("季度趋势", "By quarter")
        case .source: lang.pick("来源", "Source")
        }
    }

    static func label(_ l: Label, _ lang: Language) -> String {
        switch l {
        case .status: lang.pick("状态 ", "Status ")
        case .actual: lang.pick("实际 ", "Actual ")
        case .value: lang.pick("目标 ", "Target ")
        case .judgedOn: lang.pick("计算日 ", "Judged on ")
        case .deadline: lang.pick("截止 ", "Deadline ")
        case .definition: lang.pick("定义", "Definition")
        case .metric: lang.pick("指标 ", "Metric ")
        case .how: lang.pick("计算方法 ", "How ")
        case .scope: lang.pick("范围 ", "Scope ")
        case .planItem: lang.pick("工作方案 ", "Plan item ")
        case .source: lang.pick("依据 ", "Source ")
        case .milestones: lang.pick("季度节点", "Milestones")
        case .due: lang.pick("(已到期)", "(due)")
        case .trend: lang.pick("季度趋势 (季末值)", "By quarter (at each quarter's end)")
        case .entered: lang.pick("手工录入", "Entered by hand")
        case .id: lang.pick("编号 ", "Id ")
        }
    }

    enum Field { case quarter, value, denominator, note }

    static func field(_ f: Field, _ lang: Language) -> String {
        switch f {
        case .quarter: lang.pick("季度", "Quarter")
        case .value: lang.pick("数值", "Value")
        case .denominator: lang.pick("分母 (比例)", "Denominator (share)")
        case .note: lang.pick("说明", "Note")
        }
    }

    static func formTitle(_ title: String, _ lang: Language) -> String { lang.pick("录入目标数据 ", "Enter a figure: ") + title }
    static func selectOne(_ lang: Language) -> String { lang.pick("请选择一个目标", "select a target") }
    static func computed(_ lang: Language) -> String { lang.pick("该目标由台账计算, 不需录入", "this target is computed from the ledger") }

    static func asOf(_ day: Day, _ lang: Language) -> String { lang.pick("(截至 \(day.iso))", "(to \(day.iso))") }

    /// "seed 003: …" → "seed 003"; anything else as it is.
    static func seed(_ source: String?) -> String {
        guard let s = source else { return "" }
        if let colon = s.firstIndex(where: { $0 == ":" || $0 == "：" }) { return String(s[..<colon]) }
        return s
    }

    static func scope(_ t: Target, _ data: DashboardData, _ lang: Language) -> String {
        var parts: [String] = []
        if let o = t.organisationId { parts.append(data.branchNames[o] ?? data.workspace.organisation.generalBranches.first { $0.id == o }?.name ?? o) }
        if !t.sectors.isEmpty { parts.append(t.sectors.map { $0.name(lang) }.joined(separator: lang.pick("、", ", "))) }
        return parts.isEmpty ? lang.pick("全党委", "the whole committee") : parts.joined(separator: " / ")
    }
}
