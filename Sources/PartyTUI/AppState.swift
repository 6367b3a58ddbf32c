import PartyModel

/// A page opened with Enter; Esc goes back.
public enum Detail: Hashable, Sendable {
    case branch(String)
    case check(branchId: String, quarter: Quarter)
    case rectification(String)
    case activity(String)
}

/// Where a list pane stands.
public struct ListState: Sendable, Equatable {
    public var selected = 0
    public var scroll = 0
    public var filter = ""
    public var sort = 0
    /// Index into the pane's state filters (0 = all).
    public var stateFilter = 0
}

/// What the main loop must do after an update.
public enum Effect: Equatable, Sendable {
    case none, reload, quit
    /// Save this change (from a form).
    case commit(Change)
    /// Save this change as the undo of the last one.
    case undo(Change)
    /// Read the years this quarter needs, then show it (`Update.showPeriod`).
    case loadPeriod(Quarter)
}

/// The whole dashboard state. The screen is a pure function of it (`Views.render`).
public struct AppState: Sendable {
    public var data: DashboardData
    public var pane: Pane = .overview {
        didSet { if stale.contains(pane) { refresh(pane) } }
    }
    public var lists: [Pane: ListState] = [:]
    /// Row indices of each pane's table after filtering and sorting.
    public private(set) var visible: [Pane: [Int]] = [:]
    /// Panes whose rows are not worked out yet (done when the pane is shown): building every
    /// table up front would make the first screen of a large workspace wait for all of them.
    private var stale: Set<Pane> = []
    /// The row to select again in a stale pane, by id, from before the data changed.
    private var pendingSelection: [Pane: String] = [:]
    public var checkColumn: Int
    public var scoringQuarterView = false
    public var activityKind: ActivityKind?
    public var details: [Detail] = []
    public var detailScroll = 0
    public var editingFilter = false
    public var showHelp = false
    public var width: Int
    public var height: Int
    public var readOnly: Bool
    /// Who holds the workspace lock when this dashboard is read-only because of it.
    public var lockHolder: String?
    /// "HH:MM:SS" of the last load.
    public var loadedAt: String
    public var message: String?
    /// The form being filled in, if any.
    public var form: FormState?
    /// The form whose change is being saved (Enter returned `.commit`): closed when the save comes
    /// back saved, open again with what was typed when it failed (`Update.saveFailed`).
    public var formAwaitingSave: FormState?
    /// Changes saved in this session, newest last: what `u` undoes.
    public var undoStack: [Change] = []

    public var lang: Language { data.lang }

    public init(data: DashboardData, width: Int, height: Int, readOnly: Bool = false, loadedAt: String = "") {
        self.data = data
        self.width = width
        self.height = height
        self.readOnly = readOnly
        self.loadedAt = loadedAt
        checkColumn = data.quarter - 1
        for pane in Pane.allCases where pane != .overview { lists[pane] = ListState() }
        stale = Set(Pane.allCases.filter { $0 != .overview })
    }

    /// Rows a list pane shows at once: the screen less tab bar, pane header, frame and column titles, status bar.
    public var pageSize: Int { max(1, height - 6) }

    public func table(_ pane: Pane) -> Table? {
        data.table(pane, quarterView: pane == .scoring && scoringQuarterView)
    }

    /// The state filters `f` cycles through, per pane: (tag, label).
    public func stateFilters(_ pane: Pane) -> [(tag: String, label: String)] {
        let all = (tag: "", label: lang.pick("全部", "all"))
        switch pane {
        case .rectifications:
            return [all] + RectificationStatus.allCases.map { ($0.rawValue, $0.name(lang)) } + [("overdue", lang.pick("逾期", "overdue"))]
        case .alerts:
            return [all] + Severity.allCases.reversed().map { ($0.rawValue, $0.name(lang)) }
        case .tasks:
            return [all] + TaskStatus.allCases.map { ($0.rawValue, $0.name(lang)) } + [("late", lang.pick("已过期限", "past deadline"))]
        default:
            return [all]
        }
    }

    /// Recomputes a pane's visible rows after its filter, sort or data changed, keeping the selected row.
    public mutating func refresh(_ pane: Pane) {
        guard let table = table(pane), var list = lists[pane] else { return }
        let previous = pendingSelection.removeValue(forKey: pane)
            ?? visible[pane].flatMap { rows in rows.indices.contains(list.selected) ? table.rows[safe: rows[list.selected]]?.id : nil }
        stale.remove(pane)
        let needle = list.filter.lowercased()
        let filters = stateFilters(pane)
        let tag = filters.indices.contains(list.stateFilter) ? filters[list.stateFilter].tag : ""
        let sorted = list.sort > 0
        let kind = pane == .activities ? activityKind?.rawValue : nil
        // Fields read in place: copying each row (its strings and arrays retained) was most of a
        // refresh of a city's 490,000 activities.
        var indices = !sorted && needle.isEmpty && tag.isEmpty && kind == nil ? Array(table.rows.indices)
            : table.rows.withUnsafeBufferPointer { rows in
                rows.indices.filter { i in
                    if (sorted || !needle.isEmpty || !tag.isEmpty) && rows[i].isHeading { return false }
                    if sorted && pane == .branches && rows[i].tags.contains("group") { return false }
                    if !needle.isEmpty && !rows[i].search.contains(needle) { return false }
                    if !tag.isEmpty && !rows[i].tags.contains(tag) { return false }
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
        if let previous, let again = indices.firstIndex(where: { table.rows[$0].id == previous }) {
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

    /// New figures for another period or a reloaded workspace; selections and filters stay.
    public mutating func replaceData(_ newData: DashboardData) {
        replaceData { _ in newData }
    }

    /// New figures made from the current ones (after a save: `afterSaving`, which may take the
    /// current data's tables over); the selections are noted first, while those tables are there.
    public mutating func replaceData(_ make: (DashboardData) -> DashboardData) {
        for pane in Pane.allCases where pane != .overview && !stale.contains(pane) {
            if let id = selectedRow(pane)?.id { pendingSelection[pane] = id }
        }
        data = make(data)
        visible = [:]
        stale = Set(Pane.allCases.filter { $0 != .overview })
        if stale.contains(pane) { refresh(pane) }
    }

    public mutating func resize(width: Int, height: Int) {
        self.width = width
        self.height = height
        for pane in Pane.allCases where pane != .overview && !stale.contains(pane) { keepSelectionVisible(pane) }
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
