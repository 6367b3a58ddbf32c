import PartyModel

/// A page opened with Enter; Esc goes back.
public enum Detail: Hashable, Sendable {
    case branch(String)
    case check(branchId: String, quarter: Quarter)
    case rectification(String)
    case activity(String)
    case member(String)
    /// A person in the 发展党员 pipeline: their timeline.
    case candidate(String)
    /// A plan task with its branches (一支部一清单).
    case task(String)
    /// A target (目标): its definition, source, milestones and how the actual is worked out.
    case target(String)
}

/// Where a list pane stands.
public struct ListState: Sendable, Equatable {
    public var selected = 0
    public var scroll = 0
    public var filter = ""
    public var sort = 0
    /// Index into the pane's state filters (0 = all).
    public var stateFilter = 0
    /// The pane's alternative view (the scoring pane's quarter view: 1).
    public var variant = 0
    /// The highlighted column, in a pane that has one (the checks pane's quarter).
    public var column = 0
    /// Further filters a pane sets (the member pane's branch and role): by what they filter
    /// ("branch"), the tag a row must carry ("branch:b-office"). Esc clears them with the others.
    public var tagFilters: [String: String] = [:]
}

/// What the main loop must do after an update: the effects it runs, whose results come back as
/// `Event`s into `Update.update`.
public enum Effect: Equatable, Sendable {
    case none, reload, quit
    /// Save this change (from a form).
    case commit(Change)
    /// Save this change as the undo of the last one.
    case undo(Change)
    /// Read the years this quarter needs, then show it (`Event.periodLoaded`).
    case loadPeriod(Quarter)
}

/// The whole dashboard state. The screen is a pure function of it (`Views.render`).
public struct AppState: Sendable {
    public var data: DashboardData
    /// The panes of this dashboard, in tab order.
    public let panes: Panes
    public var pane: Pane {
        didSet { if stale.contains(pane) { refresh(pane) } }
    }
    public var lists: [Pane: ListState] = [:]
    /// Row indices of each pane's table after filtering and sorting.
    public private(set) var visible: [Pane: [Int]] = [:]
    /// Panes whose rows are not worked out yet (done when the pane is shown): building every
    /// table up front would make the first screen of a large workspace wait for all of them.
    private var stale: Set<Pane> = []
    /// The row to select again in a stale pane, from before the data changed.
    private var pendingSelection: [Pane: RowRef] = [:]
    /// The kind of activity listed (the activities pane and a branch's page share it).
    public var activityKind: ActivityKind?
    public var details: [Detail] = []
    public var detailScroll = 0
    public var editingFilter = false
    /// The `:` jump being typed (nil when not jumping).
    public var jumpQuery: String?
    public var showHelp = false
    /// The first line of the help shown (it scrolls when longer than the screen).
    public var helpScroll = 0
    public var width: Int
    public var height: Int
    public var readOnly: Bool
    /// Who holds the workspace lock when this dashboard is read-only because of it.
    public var lockHolder: String?
    /// "HH:MM:SS" of the last load.
    public var loadedAt: String
    /// Problems `validate` finds in the workspace as read: marked in the status bar.
    public var problems = 0
    public var message: String?
    /// The form being filled in, if any.
    public var form: FormState?
    /// The form whose change is being saved: shown again, as it was typed, if the save fails.
    public var formAwaitingSave: FormState?
    /// Changes saved in this session, newest last: what `u` undoes.
    public var undoStack: [Change] = []

    public var lang: Language { data.lang }

    public init(data: DashboardData, width: Int, height: Int, readOnly: Bool = false, loadedAt: String = "", panes: Panes = .standard) {
        self.data = data
        self.panes = panes
        self.pane = panes.all[0].id
        self.width = width
        self.height = height
        self.readOnly = readOnly
        self.loadedAt = loadedAt
        for spec in panes.all where spec.isList {
            var list = ListState()
            spec.periodChanged(&list, to: data.selectedQuarter)
            lists[spec.id] = list
        }
        stale = Set(panes.all.filter(\.isList).map(\.id))
        if stale.contains(pane) { refresh(pane) }
    }

    public var spec: any PaneSpec { panes.spec(pane) }

    /// Rows a list pane shows at once: the screen less tab bar, pane header, frame and column titles, status bar.
    public var pageSize: Int { max(1, height - 6) }

    public func table(_ pane: Pane) -> Table? {
        let spec = panes.spec(pane)
        return data.table(spec, variant: lists[pane]?.variant ?? 0)
    }

    /// The state filters `f` cycles through on a pane.
    public func stateFilters(_ pane: Pane) -> [StateFilter] { panes.spec(pane).stateFilters(lang) }

    /// `v` on a pane with two views (经费's branches and entries, 任务's tasks and branch lists …):
    /// the other view, from its first row.
    /// The sort and state filter are the view's own (their options differ), so they start again too.
    public mutating func toggleView(_ pane: Pane) {
        let next = (lists[pane]?.variant ?? 0) == 0 ? 1 : 0
        lists[pane]?.variant = next
        lists[pane]?.selected = 0
        lists[pane]?.scroll = 0
        lists[pane]?.sort = 0
        lists[pane]?.stateFilter = 0
        pendingSelection[pane] = nil
        visible[pane] = nil
        refresh(pane)
    }

    /// Recomputes a pane's visible rows after its filter, sort or data changed, keeping the selected row.
    public mutating func refresh(_ pane: Pane) {
        guard let table = table(pane), var list = lists[pane] else { return }
        let previous = pendingSelection.removeValue(forKey: pane)
            ?? visible[pane].flatMap { rows in rows.indices.contains(list.selected) ? table.rows[safe: rows[list.selected]]?.ref : nil }
        stale.remove(pane)
        let needle = list.filter.lowercased()
        let filters = stateFilters(pane)
        let tag = filters.indices.contains(list.stateFilter) ? filters[list.stateFilter].tag : ""
        let sorted = list.sort > 0
        let kind = table.filtersByKind ? activityKind?.rawValue : nil
        let required = Array(list.tagFilters.values)
        // Fields read in place: copying each row (its strings and arrays retained) was most of a
        // refresh of a city's 490,000 activities.
        var indices = !sorted && needle.isEmpty && tag.isEmpty && kind == nil && required.isEmpty ? Array(table.rows.indices)
            : table.rows.withUnsafeBufferPointer { rows in
                rows.indices.filter { i in
                    if (sorted || !needle.isEmpty || !tag.isEmpty || !required.isEmpty) && rows[i].isHeading { return false }
                    if sorted && rows[i].isSubordinate { return false }
                    if !needle.isEmpty && !rows[i].search.contains(needle) { return false }
                    if !tag.isEmpty && !rows[i].tags.contains(tag) { return false }
                    for t in required where !rows[i].tags.contains(t) { return false }
                    if let kind, !rows[i].tags.contains(kind) { return false }
                    return true
                }
            }
        if sorted {
            let key = list.sort
            indices.sort { a, b in
                let (ka, kb) = (table.rows[a].sortKeys[safe: key], table.rows[b].sortKeys[safe: key])
                if let ka, let kb, ka != kb { return ka < kb }
                return a < b
            }
        }
        visible[pane] = indices
        if let previous, let again = indices.firstIndex(where: { table.rows[$0].ref == previous }) {
            list.selected = again
        }
        list.selected = max(0, min(list.selected, indices.count - 1))
        lists[pane] = list
        keepSelectionVisible(pane)
    }

    mutating func keepSelectionVisible(_ pane: Pane) {
        guard var list = lists[pane] else { return }
        let count = visible[pane]?.count ?? 0
        if list.selected < list.scroll { list.scroll = list.selected }
        if list.selected >= list.scroll + pageSize { list.scroll = list.selected - pageSize + 1 }
        list.scroll = max(0, min(list.scroll, max(0, count - pageSize)))
        lists[pane] = list
    }

    /// The row selected in a list pane.
    public func selectedRow(_ pane: Pane) -> TableRow? {
        guard let table = table(pane), let list = lists[pane], let rows = visible[pane], rows.indices.contains(list.selected) else { return nil }
        return table.rows[rows[list.selected]]
    }

    /// The record selected on the current pane.
    public var selected: RowRef? { selectedRow(pane)?.ref }

    /// New figures for another period or a reloaded workspace; selections and filters stay.
    public mutating func replaceData(_ newData: DashboardData) {
        replaceData { _ in newData }
    }

    /// New figures made from the current ones (after a save: `afterSaving`, which may take the
    /// current data's tables over); the selections are noted first, while those tables are there.
    public mutating func replaceData(_ make: (DashboardData) -> DashboardData) {
        for p in lists.keys where !stale.contains(p) {
            if let ref = selectedRow(p)?.ref { pendingSelection[p] = ref }
        }
        data = make(data)
        visible = [:]
        stale = Set(lists.keys)
        if stale.contains(pane) { refresh(pane) }
    }

    /// After `change` is saved into `workspace`: the figures it moved worked out again, and the
    /// tables a pane can carry over (changed in place, not rebuilt) taken over from the old data.
    public mutating func replaceDataAfterSaving(_ change: Change, workspace: Workspace, loadedYears: Set<Int>?) {
        let panes = self.panes
        let variants = lists.mapValues(\.variant)
        replaceData { old in
            let new = old.afterSaving(change, workspace: workspace, loadedYears: loadedYears)
            for spec in panes.all {
                let variant = variants[spec.id] ?? 0
                if let table = old.takeTable(spec, variant: variant),
                   let kept = spec.carryOver(table, from: old, to: new, after: change) {
                    new.keep(kept, for: spec, variant: variant)
                }
            }
            return new
        }
    }

    public mutating func resize(width: Int, height: Int) {
        self.width = width
        self.height = height
        for p in lists.keys where !stale.contains(p) { keepSelectionVisible(p) }
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
