import PartyModel

extension Pane {
    public static let development = Pane("development")
}

/// 发展党员: everyone in the pipeline with their next step and its day, overdue and blocked first
/// (what a branch must do next, and by when); `v` turns to the funnel per branch (people at each
/// stage, developed this year against the 发展计划). Enter opens a person's timeline. Staff record a
/// new applicant and each step here, by form; a step that breaks a rule of the 细则 is refused with
/// the rule and its source unless it is kept as an exception with a reason (journaled).
public struct DevelopmentPane: PaneSpec {
    public let id = Pane.development
    public init() {}

    public func title(_ lang: Language) -> String { lang.pick("发展党员", "Development") }
    public func tabTitle(_ lang: Language) -> String { lang.pick("发展", "Develop") }

    enum Act {
        static let step = Action.paneAction("development.step")
    }

    static let keys: [KeyBinding] = {
        let needsPerson: @Sendable (AppState) -> String? = { state in
            if state.lists[.development]?.variant ?? 0 != 0 { return state.lang.pick("请先按 v 回到人员列表", "press v for the people first") }
            guard let c = selectedCandidate(state) else { return state.lang.pick("请选择一人", "select a person") }
            return DevelopmentRecord.stage(of: c).isOpen ? nil : state.lang.pick("此人已不在发展程序中", "this person is out of the pipeline")
        }
        return [
            .open,
            KeyBinding([.char("v")], .toggleView, zh: "人员 / 各支部发展情况", en: "People / per branch"),
            .stateFilter,
            KeyBinding([.char("a")], .add, zh: "登记入党申请人", en: "Record an applicant", writes: true),
            KeyBinding([.char("n")], Act.step, zh: "登记所选人员的下一步骤 (按细则检查)", en: "Record a step of the selected person (checked against the rules)",
                       writes: true, unavailable: needsPerson),
        ]
    }()

    public var bindings: [KeyBinding] { Self.keys }

    public func table(_ data: DashboardData, variant: Int) -> Table? {
        variant == 0 ? Self.people(data) : Self.funnel(data)
    }

    public func stateFilters(_ lang: Language) -> [StateFilter] {
        [StateFilter("", lang.pick("全部", "all")), StateFilter("open", lang.pick("在培养", "in the pipeline")),
         StateFilter(PendingState.overdue.rawValue, PendingState.overdue.name(lang)),
         StateFilter(PendingState.blocked.rawValue, PendingState.blocked.name(lang))]
            + DevelopmentStage.allCases.map { StateFilter($0.rawValue, $0.name(lang)) }
    }

    public func perform(_ action: Action, _ state: inout AppState) -> Effect {
        switch action {
        case .toggleView:
            state.toggleView(id)
        case .add:
            let branch = state.selected.flatMap { ref -> String? in if case .branch(let b) = ref { b } else { nil } }
                ?? Self.selectedCandidate(state)?.branchId
            state.form = Forms.addCandidate(branchId: branch, state.data)
        case Act.step:
            if let c = Self.selectedCandidate(state) { state.form = Forms.recordStep(c, state.data) }
        default: break
        }
        return .none
    }

    public func detail(for row: RowRef, _ state: AppState) -> Detail? {
        switch row {
        case .candidate(let id): .candidate(id)
        case .branch(let id): .branch(id)
        default: nil
        }
    }

    public func headerNotes(_ state: AppState) -> [(String, StyleRole)] {
        (state.lists[id]?.variant ?? 0) == 0 ? [] : [(state.lang.pick("各支部", "per branch"), .muted)]
    }

    public func period(_ state: AppState) -> String {
        state.lang.pick("截至 \(state.data.asOf.iso)", "as of \(state.data.asOf.iso)")
    }

    static func selectedCandidate(_ state: AppState) -> Candidate? {
        guard state.pane == .development, case .candidate(let id) = state.selected else { return nil }
        return state.data.workspace.candidates.first { $0.id == id }
    }

    /// Variant 0: each person, most urgent first (overdue, blocked, due soonest), those out of the
    /// pipeline last.
    static func people(_ data: DashboardData) -> Table {
        let lang = data.lang, ws = data.workspace
        let columns = [ColumnSpec(lang.pick("姓名", "Name"), width: 8, priority: 10),
                       ColumnSpec(lang.pick("支部", "Branch"), width: 12, priority: 6, grows: true),
                       ColumnSpec(lang.pick("阶段", "Stage"), width: 12, priority: 9),
                       ColumnSpec(lang.pick("下一步", "Next step"), width: 12, flexible: true, priority: 8),
                       ColumnSpec(lang.pick("日期", "Day"), width: 10, priority: 8),
                       ColumnSpec(lang.pick("状态", "State"), width: 8, priority: 7)]
        let rules = ws.settings.rules.development
        let byId = Dictionary(ws.candidates.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let list = DevelopmentPipeline.ordered(ws.candidates.map { DevelopmentPipeline.progress($0, asOf: data.asOf, rules: rules) })
        let rows = list.enumerated().map { i, p -> TableRow in
            let stage = p.stage ?? byId[p.candidateId].map(DevelopmentRecord.stage) ?? .applicant
            let next = p.next
            let role: StyleRole = switch next?.state {
            case .overdue?: .bad
            case .blocked?: .warn
            case .due?: .accent
            default: .muted
            }
            let branch = data.branchName(p.branchId)
            var tags: Set<String> = [stage.rawValue]
            if stage.isOpen { tags.insert("open") }
            if p.isOverdue { tags.insert(PendingState.overdue.rawValue) }
            if p.isBlocked { tags.insert(PendingState.blocked.rawValue) }
            let exceptions = byId[p.candidateId]?.exceptions.count ?? 0
            return TableRow(.candidate(p.candidateId),
                            cells: [p.name, branch, stage.name(lang), (next?.kind.name(lang) ?? "") + (exceptions > 0 ? lang.pick(" (例外\(exceptions))", " (\(exceptions) exc.)") : ""),
                                    next?.day?.iso ?? "", next?.state.name(lang) ?? ""],
                            roles: [stage.isOpen ? .text : .muted, .muted, stage == .probationary ? .accent : .text, .text, role, role],
                            search: "\(p.name) \(branch) \(stage.name(lang)) \(next?.kind.name(lang) ?? "")",
                            sortKeys: [.number(Double(i)), .text(branch), .text(p.name), .number(Double(DevelopmentStage.allCases.firstIndex(of: stage) ?? 0))],
                            tags: tags)
        }
        return Table(columns: columns, rows: rows, sortOptions: [lang.pick("紧急程度", "urgency"), lang.pick("支部", "branch"),
                                                                  lang.pick("姓名", "name"), lang.pick("阶段", "stage")])
    }

    /// A stage as a column heading (four characters at most).
    static func stageHeading(_ stage: DevelopmentStage, _ lang: Language) -> String {
        switch stage {
        case .applicant: lang.pick("申请人", "Appl.")
        case .activist: lang.pick("积极分子", "Activ.")
        case .developmentTarget: lang.pick("发展对象", "Target")
        case .probationary: lang.pick("预备党员", "Prob.")
        default: stage.name(lang)
        }
    }

    /// Variant 1: the funnel of each branch with people in it, and the whole 党委's.
    static func funnel(_ data: DashboardData) -> Table {
        let lang = data.lang, ws = data.workspace
        let stages: [DevelopmentStage] = [.applicant, .activist, .developmentTarget, .probationary]
        // The figures' columns as wide as their headings: the branch's name keeps the rest (whole at 80 columns).
        func figure(_ title: String, _ priority: Int) -> ColumnSpec {
            ColumnSpec(title, width: max(4, DisplayWidth.of(title)), align: .right, priority: priority)
        }
        let columns = [ColumnSpec(lang.pick("支部", "Branch"), width: 14, priority: 10, grows: true)]
            + stages.map { figure(Self.stageHeading($0, lang), 9) }
            + [figure(lang.pick("本年发展", "This yr"), 8), figure(lang.pick("计划", "Plan"), 6), figure(lang.pick("逾期", "Overdue"), 7)]
        let funnels = DevelopmentPipeline.funnel(ws, asOf: data.asOf)
        let plans = Dictionary(DevelopmentPipeline.targets(ws, asOf: data.asOf).branches.compactMap { r in r.branchId.map { ($0, r.plan) } },
                               uniquingKeysWith: { a, _ in a })
        let rules = ws.settings.rules.development
        var overdue: [String: Int] = [:]
        for c in ws.candidates where DevelopmentPipeline.progress(c, asOf: data.asOf, rules: rules).isOverdue { overdue[c.branchId, default: 0] += 1 }
        func row(_ f: DevelopmentFunnel, ref: RowRef, plan: Int?, late: Int, i: Int, total: Bool) -> TableRow {
            TableRow(ref, cells: [f.branchName] + stages.map { String(f.count($0)) }
                        + [String(f.developedThisYear), plan.map(String.init) ?? "", late > 0 ? String(late) : ""],
                     roles: [total ? .header : .text] + stages.map { _ in .text } + [.text, .muted, late > 0 ? .bad : .muted],
                     search: f.branchName,
                     sortKeys: [.number(Double(i)), .number(-Double(f.reserve)), .number(-Double(late))],
                     // The total is not a branch: left out of a sorted list.
                     tags: late > 0 ? ["overdue"] : [], isSubordinate: total)
        }
        var rows = funnels.enumerated().map { i, f in
            row(f, ref: .branch(f.branchId), plan: plans[f.branchId] ?? nil, late: overdue[f.branchId] ?? 0, i: i, total: false)
        }
        let total = DevelopmentFunnel.total(funnels, name: lang.pick("合计", "Total"))
        let totalPlan = DevelopmentPipeline.targets(ws, asOf: data.asOf).total.plan
        rows.append(row(total, ref: .other("total"), plan: totalPlan, late: overdue.values.reduce(0, +), i: rows.count, total: true))
        return Table(columns: columns, rows: rows, sortOptions: [lang.pick("组织顺序", "tree order"), lang.pick("后备力量", "reserve"),
                                                                  lang.pick("逾期", "overdue")])
    }
}
