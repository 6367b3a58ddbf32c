import PartyModel

/// Keys in, new state out. Pure: reloading and quitting are returned as effects for the main loop.
public enum Update {
    public static func handle(_ key: Key, _ state: inout AppState) -> Effect {
        state.message = nil
        if state.form != nil { return FormInput.handle(key, &state) }
        if state.editingFilter { editFilter(key, &state); return .none }
        if state.showHelp {
            state.showHelp = false
            return key == .char("q") ? .quit : .none
        }
        // A detail page takes movement keys for scrolling.
        let pane = state.pane
        guard let action = KeyMap.action(for: key, in: pane, readOnly: state.readOnly) ?? detailAction(key, state) else { return .none }
        return apply(action, &state)
    }

    /// A save came back saved: the form it came from is done.
    public static func saved(message: String, _ state: inout AppState) {
        state.formAwaitingSave = nil
        state.message = message
    }

    /// A save came back failed — nothing was saved: the form it came from opens again with what was
    /// typed and the reason (unless `reopen` is false: the data was reloaded under it, and the
    /// change is to be made again on the fresh data).
    public static func saveFailed(_ message: String, reopen: Bool = true, _ state: inout AppState) {
        if reopen, var form = state.formAwaitingSave {
            form.error = message
            state.form = form
        }
        state.formAwaitingSave = nil
        state.message = message
    }

    static func detailAction(_ key: Key, _ state: AppState) -> Action? {
        guard !state.details.isEmpty else { return nil }
        switch key {
        case .char("t"): return .cycleKindFilter
        case .enter: return .open
        default: return nil
        }
    }

    public static func apply(_ action: Action, _ state: inout AppState) -> Effect {
        let pane = state.pane
        if !state.details.isEmpty {
            switch action {
            case .moveUp: state.detailScroll = max(0, state.detailScroll - 1); return .none
            case .moveDown: state.detailScroll += 1; return .none
            case .pageUp: state.detailScroll = max(0, state.detailScroll - state.pageSize); return .none
            case .pageDown: state.detailScroll += state.pageSize; return .none
            case .top: state.detailScroll = 0; return .none
            case .bottom: state.detailScroll = Int.max / 2; return .none
            case .back:
                state.details.removeLast()
                state.detailScroll = 0
                return .none
            case .cycleKindFilter:
                cycleKind(&state)
                return .none
            case .open, .startFilter, .cycleSort, .cycleStateFilter, .toggleView, .moveLeft, .moveRight, .add, .edit, .remove, .move:
                return .none
            default:
                break   // pane switches, period changes, reload, help and quit work everywhere
            }
        }
        switch action {
        case .moveUp: move(&state, by: -1)
        case .moveDown: move(&state, by: 1)
        case .pageUp: move(&state, by: -state.pageSize)
        case .pageDown: move(&state, by: state.pageSize)
        case .top: move(&state, by: -Int.max / 2)
        case .bottom: move(&state, by: Int.max / 2)
        case .moveLeft: state.checkColumn = max(0, state.checkColumn - 1)
        case .moveRight: state.checkColumn = min(3, state.checkColumn + 1)
        case .nextPane: switchPane(&state, to: Pane(rawValue: pane.rawValue % Pane.allCases.count + 1)!)
        case .previousPane: switchPane(&state, to: Pane(rawValue: (pane.rawValue + Pane.allCases.count - 2) % Pane.allCases.count + 1)!)
        case .selectPane(let target): switchPane(&state, to: target)
        case .open: open(&state)
        case .back:
            if var list = state.lists[pane], !list.filter.isEmpty || list.stateFilter != 0 {
                list.filter = ""
                list.stateFilter = 0
                state.lists[pane] = list
                state.refresh(pane)
            }
        case .startFilter:
            state.editingFilter = true
        case .cycleSort:
            guard var list = state.lists[pane], let table = state.table(pane) else { break }
            list.sort = (list.sort + 1) % max(1, table.sortOptions.count)
            state.lists[pane] = list
            state.refresh(pane)
        case .cycleStateFilter:
            guard var list = state.lists[pane] else { break }
            list.stateFilter = (list.stateFilter + 1) % max(1, state.stateFilters(pane).count)
            state.lists[pane] = list
            state.refresh(pane)
        case .cycleKindFilter:
            cycleKind(&state)
        case .toggleView:
            state.scoringQuarterView.toggle()
            state.refresh(.scoring)
        case .previousQuarter: return changePeriod(&state, quarters: -1)
        case .nextQuarter: return changePeriod(&state, quarters: 1)
        case .previousYear: return changePeriod(&state, quarters: -4)
        case .nextYear: return changePeriod(&state, quarters: 4)
        case .reload: return .reload
        case .help: state.showHelp = true
        case .quit: return .quit
        case .add:
            if pane == .activities { state.form = Forms.addActivity(state.data) }
            if pane == .branches {
                let parent = state.selectedRow(.branches).map { $0.id.hasPrefix("org:") ? String($0.id.dropFirst(4)) : $0.id }
                let isParent = state.data.workspace.organisation.generalBranches.contains { $0.id == parent }
                state.form = Forms.editBranch(nil, parent: isParent ? parent : nil, state.data)
            }
        case .edit:
            if pane == .activities, let a = selectedActivity(state) { state.form = Forms.editActivity(a, state.data) }
            if pane == .branches, let b = selectedBranch(state, .branches) { state.form = Forms.editBranch(b, parent: nil, state.data) }
            if pane == .checks, let b = selectedBranch(state, .checks) {
                state.form = Forms.recordCheck(branchId: b.id, quarter: Quarter(year: state.data.year, number: state.checkColumn + 1)!, state.data)
            }
            if pane == .scoring, let b = selectedBranch(state, .scoring) { state.form = Forms.manualScores(branchId: b.id, year: state.data.year, state.data) }
            if pane == .tasks, let id = state.selectedRow(.tasks)?.id, let t = state.data.workspace.plan.tasks.first(where: { $0.id == id }) {
                state.form = Forms.editTask(t, state.data)
            }
        case .remove:
            if pane == .activities, let a = selectedActivity(state) { state.form = Forms.deleteActivity(a, state.data) }
            if pane == .branches, let b = selectedBranch(state, .branches) { state.form = Forms.retireBranch(b, state.data) }
        case .move:
            if let id = state.selectedRow(.rectifications)?.id, let r = state.data.workspace.rectifications.first(where: { $0.id == id }) {
                state.form = Forms.moveRectification(r, state.data)
            }
        case .undo:
            guard let last = state.undoStack.last else {
                state.message = state.lang.pick("本次会话没有可撤销的修改", "nothing to undo in this session")
                return .none
            }
            return .undo(last.inverse)
        }
        return .none
    }

    static func selectedBranch(_ state: AppState, _ pane: Pane) -> Branch? {
        guard let id = state.selectedRow(pane)?.id else { return nil }
        return state.data.workspace.organisation.branches.first { $0.id == id }
    }

    static func selectedActivity(_ state: AppState) -> Activity? {
        guard let id = state.selectedRow(.activities)?.id else { return nil }
        return state.data.workspace.activities.first { $0.id == id }
    }

    static func move(_ state: inout AppState, by delta: Int) {
        let pane = state.pane
        guard var list = state.lists[pane] else { return }
        let count = state.visible[pane]?.count ?? 0
        let step = max(-count, min(count, delta))
        list.selected = max(0, min(count - 1, list.selected + step))
        state.lists[pane] = list
        state.keepSelectionVisible(pane)
    }

    static func switchPane(_ state: inout AppState, to pane: Pane) {
        state.pane = pane
        state.details = []
        state.detailScroll = 0
    }

    static func cycleKind(_ state: inout AppState) {
        let kinds: [ActivityKind?] = [nil] + ActivityKind.allCases
        let i = kinds.firstIndex(of: state.activityKind) ?? 0
        state.activityKind = kinds[(i + 1) % kinds.count]
        state.refresh(.activities)
    }

    static func open(_ state: inout AppState) {
        guard let row = state.selectedRow(state.pane) else { return }
        let data = state.data
        let detail: Detail?
        switch state.pane {
        case .branches, .scoring:
            detail = data.workspace.organisation.branches.contains { $0.id == row.id } ? .branch(row.id) : nil
        case .checks:
            detail = .check(branchId: row.id, quarter: Quarter(year: data.year, number: state.checkColumn + 1)!)
        case .rectifications:
            detail = .rectification(row.id)
        case .alerts:
            detail = Int(row.id).flatMap { data.alerts[safe: $0] }.map { .branch($0.branchId) }
        case .activities:
            detail = .activity(row.id)
        default:
            detail = nil
        }
        if let detail {
            state.details.append(detail)
            state.detailScroll = 0
        }
    }

    /// Shows another quarter; one whose year is not read yet is the main loop's to read first.
    static func changePeriod(_ state: inout AppState, quarters delta: Int) -> Effect {
        var quarter = Quarter(year: state.data.year, number: state.data.quarter)!
        for _ in 0..<abs(delta) { quarter = delta > 0 ? quarter.next : quarter.previous }
        let old = state.data
        if let loaded = old.loadedYears, !DashboardData.years(for: quarter.year, asOf: old.asOf).isSubset(of: loaded) {
            return .loadPeriod(quarter)
        }
        showPeriod(quarter, of: old.workspace, loadedYears: old.loadedYears, &state)
        return .none
    }

    /// Shows a quarter of `workspace` (which holds at least the years it needs).
    /// The dashboard opened read-only because another one held the lock, and now holds it: the
    /// editing keys come back and the status bar says so. `previousHolder`: who had it.
    public static func lockTaken(_ state: inout AppState, previousHolder: String?) {
        guard state.lockHolder != nil else { return }
        state.readOnly = false
        state.lockHolder = nil
        let was = previousHolder.map { state.lang.pick("\($0) 已退出编辑, ", "\($0) stopped editing; ") } ?? ""
        state.message = was + state.lang.pick("已取得编辑锁, 现在可以编辑", "the lock is now ours: editing is on")
    }

    public static func showPeriod(_ quarter: Quarter, of workspace: Workspace, loadedYears: Set<Int>?, _ state: inout AppState) {
        let old = state.data
        state.replaceData(DashboardData(workspace: workspace, year: quarter.year, quarter: quarter.number, asOf: old.asOf,
                                        lang: old.lang, loadedYears: loadedYears))
        state.checkColumn = quarter.number - 1
    }

    static func editFilter(_ key: Key, _ state: inout AppState) {
        let pane = state.pane
        guard var list = state.lists[pane] else { state.editingFilter = false; return }
        switch key {
        case .enter: state.editingFilter = false
        case .escape:
            state.editingFilter = false
            list.filter = ""
        case .backspace:
            if !list.filter.isEmpty { list.filter.removeLast() }
        case .char(let c) where !c.isNewline:
            list.filter.append(c)
        default:
            return
        }
        list.selected = 0
        state.lists[pane] = list
        state.refresh(pane)
    }
}
