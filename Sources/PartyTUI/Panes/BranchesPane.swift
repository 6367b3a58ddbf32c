import PartyModel

extension Pane {
    public static let branches = Pane("branches")
}

/// 支部: the organisation tree with each branch's members, term, quarters' 三会一课, score and alerts.
/// Office staff add, edit and retire branches here.
public struct BranchesPane: PaneSpec {
    public let id = Pane.branches
    public init() {}

    public func title(_ lang: Language) -> String { lang.pick("支部", "Branches") }

    /// Made once (a key press looks them up).
    static let keys: [KeyBinding] = {
        [
            .open,
            KeyBinding([.char("a")], .add, zh: "新增支部 (在所选党总支下)", en: "Add a branch (under the selected general branch)", writes: true),
            KeyBinding([.char("e")], .edit, zh: "修改所选支部", en: "Edit the selected branch", writes: true,
                       unavailable: { Self.selectedBranch($0) == nil ? $0.lang.pick("请选择一个党支部 (党委、党总支和党小组不在此修改)", "select a branch (committees, general branches and groups are not edited here)") : nil }),
            KeyBinding([.char("d")], .remove, zh: "撤销所选支部 (保留历史)", en: "Retire the selected branch (history kept)", writes: true,
                       unavailable: { Self.selectedBranch($0) == nil ? $0.lang.pick("请选择一个党支部", "select a branch") : nil }),
        ]
    }()

    public var bindings: [KeyBinding] { Self.keys }

    public func table(_ data: DashboardData, variant: Int) -> Table? {
        // No grades for a year with no records (not 0.00 差 for every branch).
        Self.table(data.workspace, year: data.year, asOf: data.asOf, compliance: data.compliance,
                   scores: data.yearHasRecords ? data.yearScores : nil, alerts: data.alerts, lang: data.lang)
    }

    public func perform(_ action: Action, _ state: inout AppState) -> Effect {
        switch action {
        case .add:
            // A new branch goes under the general branch selected (or the one of the selected branch's).
            let org = state.data.workspace.organisation
            let parent: String? = switch state.selected {
            case .generalBranch(let id): id
            case .branch(let id), .partyGroup(let id, _): org.branches.first { $0.id == id }?.parentId
            default: nil
            }
            let isGeneral = org.generalBranches.contains { $0.id == parent }
            state.form = Forms.editBranch(nil, parent: isGeneral ? parent : nil, state.data)
        case .edit:
            if let b = Self.selectedBranch(state) { state.form = Forms.editBranch(b, parent: nil, state.data) }
        case .remove:
            if let b = Self.selectedBranch(state) { state.form = Forms.retireBranch(b, state.data) }
        default: break
        }
        return .none
    }

    public func detail(for row: RowRef, _ state: AppState) -> Detail? {
        if case .branch(let id) = row { return .branch(id) }
        return nil
    }

    /// 花名册 (counted from the roster) or 填报 (entered), as the table's 来源 column says it.
    static func sourceName(_ source: MemberCountSource, _ lang: Language) -> String {
        source == .roster ? lang.pick("花名册", "roster") : lang.pick("填报", "entered")
    }

    /// How many branches count from their roster and how many keep entered figures.
    public func headerNotes(_ state: AppState) -> [(String, StyleRole)] {
        let lang = state.lang
        let branches = state.data.workspace.organisation.branches(inServiceOn: state.data.asOf)
        let roster = branches.filter { MemberLedger.source(of: $0) == .roster }.count
        return [(lang.pick("人数: 花名册 \(roster), 填报 \(branches.count - roster)", "counts: roster \(roster), entered \(branches.count - roster)"), .muted)]
    }

    static func selectedBranch(_ state: AppState) -> Branch? {
        guard case .branch(let id) = state.selected else { return nil }
        return state.data.workspace.organisation.branches.first { $0.id == id }
    }

    static func table(_ ws: Workspace, year: Int, asOf: Day, compliance: ComplianceCalculator, scores: ScoreTable?,
                      alerts: [Alert], lang: Language) -> Table {
        let columns = [
            ColumnSpec(lang.pick("组织", "Organisation"), width: 20, flexible: true, priority: 10),
            ColumnSpec(lang.pick("党员", "Mbrs"), width: 4, align: .right, priority: 8),
            // Where the count comes from: the roster (花名册) or the figures entered (填报).
            ColumnSpec(lang.pick("来源", "From"), width: 6, priority: 2),
            ColumnSpec(lang.pick("书记", "Secretary"), width: 6, priority: 3),
            ColumnSpec(lang.pick("任期至", "Term end"), width: 10, priority: 4),
        ] + (1...4).map { ColumnSpec("Q\($0)", width: 4, align: .right, priority: 6) } + [
            ColumnSpec(lang.pick("得分", "Score"), width: 6, align: .right, priority: 9),
            ColumnSpec(lang.pick("等次", "Grade"), width: 4, priority: 7),
            ColumnSpec(lang.pick("预警", "Alrt"), width: 4, align: .right, priority: 5),
        ]
        let scoreById = Dictionary(uniqueKeysWithValues: (scores?.branches ?? []).map { ($0.branchId, $0) })
        let alertCount = Dictionary(grouping: alerts, by: \.branchId).mapValues(\.count)
        var rows: [TableRow] = []
        let org = ws.organisation
        rows.append(TableRow(.committee(org.committee.id), cells: [org.committee.name, "", "", org.committee.secretary ?? "", org.committee.termEnd?.iso ?? ""],
                             rowRole: .title, depth: 0, isHeading: true))
        func branchRow(_ b: Branch, depth: Int) {
            let score = scoreById[b.id]
            let counts = compliance.members.counts(b, on: asOf)
            let members = counts.total
            var cells = [b.name, String(members), Self.sourceName(counts.source, lang), b.secretary ?? lang.pick("空缺", "vacant"), b.termEnd?.iso ?? "-"]
            var roles: [StyleRole] = [.text, .text, counts.source == .roster ? .text : .muted, b.secretary == nil ? .bad : .text,
                                      b.termEnd.map { $0 < asOf ? .bad : .text } ?? .muted]
            for q in Quarter.all(of: year) {
                if q.firstDay > asOf { cells.append("-"); roles.append(.muted); continue }
                let ratio = compliance.quarter(b, q).threeMeetingsOneLesson
                cells.append(UIText.percent(ratio)); roles.append(UIText.role(ratio: ratio))
            }
            cells += [score.map { UIText.points($0.total) } ?? "", score.map { $0.grade.name(lang) } ?? "", String(alertCount[b.id] ?? 0)]
            roles += [.text, score.map { UIText.role(grade: $0.grade) } ?? .text, (alertCount[b.id] ?? 0) > 0 ? .warn : .muted]
            rows.append(TableRow(
                .branch(b.id), cells: cells, roles: roles, search: "\(b.name) \(b.secretary ?? "") \(b.id)",
                sortKeys: [.number(Double(rows.count)), .number(-(score?.total ?? 0)), .number(-Double(members)),
                           .text(b.termEnd?.iso ?? "9999"), .number(-Double(alertCount[b.id] ?? 0))],
                depth: depth))
            for g in b.partyGroups {
                rows.append(TableRow(.partyGroup(branchId: b.id, groupId: g.id), cells: [g.name, String(g.size), "", g.leader ?? ""], rowRole: .muted,
                                     search: "\(b.name) \(g.name) \(g.leader ?? "")", sortKeys: [.number(Double(rows.count))],
                                     depth: depth + 1, isSubordinate: true))
            }
        }
        for g in org.generalBranches {
            rows.append(TableRow(.generalBranch(g.id), cells: [g.name, String(compliance.members.members(ofGeneralBranch: g.id, in: org, on: asOf)), "", g.secretary ?? "", g.termEnd?.iso ?? ""],
                                 rowRole: .accent, search: g.name, sortKeys: [.number(Double(rows.count))], depth: 1, isHeading: true))
            for b in org.branches(under: g.id) { branchRow(b, depth: 2) }
        }
        for b in org.branches(under: org.committee.id) { branchRow(b, depth: 1) }
        return Table(columns: columns, rows: rows, sortOptions: [
            lang.pick("组织结构", "tree"), lang.pick("得分", "score"), lang.pick("党员数", "members"),
            lang.pick("任期届满", "term end"), lang.pick("预警数", "alerts")])
    }
}
