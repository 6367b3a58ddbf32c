import PartyModel

extension Pane {
    public static let activities = Pane("activities")
}

/// 活动: the year's activities, newest first; `t` lists one kind; staff add, edit and delete here.
public struct ActivitiesPane: PaneSpec {
    public let id = Pane.activities
    public init() {}

    public func title(_ lang: Language) -> String { lang.pick("活动", "Activities") }

    /// Made once (a key press looks them up).
    static let keys: [KeyBinding] = {
        [
            .open,
            KeyBinding([.char("t")], .cycleKindFilter, zh: "按活动类型筛选 (支部详情中亦可)", en: "Filter by kind (also on a branch page)"),
            KeyBinding([.char("a")], .add, zh: "新增活动", en: "Add an activity", writes: true),
            KeyBinding([.char("e")], .edit, zh: "修改所选活动", en: "Edit the selected activity", writes: true),
            KeyBinding([.char("d")], .remove, zh: "删除所选活动", en: "Delete the selected activity", writes: true),
        ]
    }()

    public var bindings: [KeyBinding] { Self.keys }

    public func table(_ data: DashboardData, variant: Int) -> Table? {
        Self.table(data.workspace, year: data.year, names: data.branchNames, lang: data.lang)
    }

    public func perform(_ action: Action, _ state: inout AppState) -> Effect {
        switch action {
        case .add: state.form = Forms.addActivity(state.data)
        case .edit: if let a = Self.selectedActivity(state) { state.form = Forms.editActivity(a, state.data) }
        case .remove: if let a = Self.selectedActivity(state) { state.form = Forms.deleteActivity(a, state.data) }
        default: break
        }
        return .none
    }

    public func detail(for row: RowRef, _ state: AppState) -> Detail? {
        if case .activity(let id) = row { return .activity(id) }
        return nil
    }

    public func headerNotes(_ state: AppState) -> [(String, StyleRole)] {
        state.activityKind.map { [(state.lang.pick("类型:", "kind:") + $0.name(state.lang), .warn)] } ?? []
    }

    /// The activities of the whole year are listed ([ ] change the year's quarter, not the list).
    public func period(_ state: AppState) -> String { state.lang.pick("\(state.data.year)年全年", "all of \(state.data.year)") }

    static func selectedActivity(_ state: AppState) -> Activity? {
        guard case .activity(let id) = state.selected else { return nil }
        return state.data.workspace.activities.first { $0.id == id }
    }

    static func table(_ ws: Workspace, year: Int, names: [String: String], lang: Language) -> Table {
        let columns = [ColumnSpec(lang.pick("日期", "Date"), width: 10, priority: 9),
                       ColumnSpec(lang.pick("支部", "Branch"), width: 14, priority: 8, grows: true),
                       ColumnSpec(lang.pick("类型", "Kind"), width: 8, priority: 7),
                       ColumnSpec(lang.pick("标题", "Title"), width: 14, flexible: true, priority: 10),
                       ColumnSpec(lang.pick("出席", "Att."), width: 7, align: .right, priority: 5),
                       ColumnSpec(lang.pick("学时", "Hrs"), width: 4, align: .right, priority: 3)]
        let list = ws.activities.filter { $0.date.year == year }.sorted(by: newestFirst)
        // A county's year is 100,000 rows: built on every core.
        let rows = Concurrently.map(Array(list.enumerated())) { i, a in activityRow(a, position: i, names: names, lang: lang) }
        return Table(columns: columns, rows: rows, sortOptions: [lang.pick("日期 新→旧", "newest"), lang.pick("日期 旧→新", "oldest"),
                                                                  lang.pick("支部", "branch"), lang.pick("类型", "kind")],
                     filtersByKind: true)
    }
    /// The activities pane's order: newest first, then by id.
    static func newestFirst(_ a: Activity, _ b: Activity) -> Bool { (a.date, a.id) > (b.date, b.id) }

    static func activityRow(_ a: Activity, position i: Int, names: [String: String], lang: Language) -> TableRow {
        let count = a.headcount     // from the 签到表 when there is one
        let attendance = count.attended.map { at in count.expected.map { "\(at)/\($0)" } ?? "\(at)" } ?? ""
        return TableRow(.activity(a.id), cells: [a.date.iso, names[a.branchId] ?? a.branchId, a.kind.name(lang), a.title, attendance,
                                          a.hours.map { formatNumber($0) } ?? ""],
                        roles: [.muted, .text, .accent, .text, .text, .text],
                        search: "\(a.date.iso) \(names[a.branchId] ?? "") \(a.kind.name(lang)) \(a.title)",
                        sortKeys: [.number(Double(i)), .number(-Double(i)), .text(names[a.branchId] ?? ""), .text(a.kind.rawValue)],
                        tags: [a.kind.rawValue])
    }

    /// After `change`, the old table with the changed rows taken out and put in at their places —
    /// what a rebuild gives, without rebuilding 100,000 rows for one edit. Nothing is carried over
    /// unless the old data showed the same year and language and the change is to activities only.
    /// The table was taken from the old data (which is being replaced): its rows change in place.
    public func carryOver(_ table: Table, from old: DashboardData, to new: DashboardData, after change: Change) -> Table? {
        guard old.year == new.year, old.lang == new.lang else { return nil }
        var removed = Set<String>(), added: [Activity] = []
        for part in change.parts {
            guard case .activity(let before, let after) = part else { return nil }
            if let before, before.date.year == new.year { removed.insert(before.id) }
            if let after, after.date.year == new.year { added.append(after) }
        }
        let addedIds = Set(added.map(\.id))
        var table = table
        var rows: [TableRow] = []
        swap(&rows, &table.rows)
        func id(_ row: TableRow) -> String { if case .activity(let id) = row.ref { id } else { "" } }
        if !removed.isEmpty || !addedIds.isEmpty { rows.removeAll { removed.contains(id($0)) || addedIds.contains(id($0)) } }
        // Room for the next edits too: growing a full array moves (and faults in) all of it.
        if rows.capacity < rows.count + added.count { rows.reserveCapacity(rows.count + added.count + 1024) }
        for a in added.sorted(by: Self.newestFirst) {
            // Rows are newest first by (date, id); an ISO date orders as its text.
            let key = (a.date.iso, a.id)
            var low = 0, high = rows.count
            while low < high {
                let mid = (low + high) / 2
                if (rows[mid].cells[0], id(rows[mid])) > key { low = mid + 1 } else { high = mid }
            }
            rows.insert(Self.activityRow(a, position: low, names: new.branchNames, lang: new.lang), at: low)
        }
        for i in rows.indices where rows[i].sortKeys[0] != .number(Double(i)) {
            rows[i].sortKeys[0] = .number(Double(i))
            rows[i].sortKeys[1] = .number(-Double(i))
        }
        table.rows = rows
        return table
    }
}
