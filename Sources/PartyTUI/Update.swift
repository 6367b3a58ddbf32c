import PartyModel

/// Everything that happens to the dashboard: keys, a resize, and the results of the effects the
/// main loop ran for it (a save, a reload, another period read, the lock). `Update.update` is the one
/// place each changes the state — undo stack, messages, loaded-at — so all of it is unit-tested.
public enum Event: Sendable {
    case key(Key)
    case resize(width: Int, height: Int)
    /// A change is on disk: the new workspace (and the years read), at `at` ("HH:MM:SS").
    /// `journalProblem`: saved, but its journal line waits for the next commit.
    case saved(Change, undo: Bool, workspace: Workspace, loadedYears: Set<Int>?, journalProblem: String?)
    /// Nothing was saved. `reloaded`: the files had changed under the dashboard and were read again
    /// (the change is to be made again on them; the form is not reopened).
    case saveFailed(message: String, reloaded: DashboardData?, at: String?)
    /// The files were read again.
    case reloaded(DashboardData, at: String)
    case reloadFailed(message: String)
    /// The years a quarter needs are read: show it.
    case periodLoaded(Quarter, Workspace, loadedYears: Set<Int>?)
    case periodFailed(year: Int, message: String)
    /// The lock another dashboard held is ours now; the files were read again first.
    case lockTaken(previousHolder: String?, fresh: DashboardData?, at: String)
}

/// Events in, new state out. Pure: saving, reading and quitting are returned as effects for the
/// main loop, whose results come back as events.
public enum Update {
    public static func update(_ event: Event, _ state: inout AppState) -> Effect {
        let lang = state.lang
        switch event {
        case .key(let key):
            return handle(key, &state)
        case .resize(let width, let height):
            state.resize(width: width, height: height)
        case .saved(let change, let undo, let workspace, let loadedYears, let journalProblem):
            state.replaceDataAfterSaving(change, workspace: workspace, loadedYears: loadedYears)
            if undo { state.undoStack.removeLast() } else { state.undoStack.append(change) }
            state.formAwaitingSave = nil
            state.message = journalProblem ?? (undo ? lang.pick("已撤销", "undone") : lang.pick("已保存", "saved"))
        case .saveFailed(let message, let reloaded, let at):
            if let reloaded {
                state.replaceData(reloaded)
                if let at { state.loadedAt = at }
            } else if var form = state.formAwaitingSave {
                // Nothing was saved: the form opens again with what was typed, and why.
                form.error = message
                state.form = form
            }
            state.formAwaitingSave = nil
            state.message = message
        case .reloaded(let data, let at):
            state.replaceData(data)
            state.loadedAt = at
            state.message = lang.pick("已重新加载", "reloaded")
        case .reloadFailed(let message):
            state.message = lang.pick("加载失败 ", "reload failed ") + message + lang.pick("; 仍显示上次数据", "; showing the last good data")
        case .periodLoaded(let quarter, let workspace, let loadedYears):
            showPeriod(quarter, of: workspace, loadedYears: loadedYears, &state)
        case .periodFailed(let year, let message):
            state.message = lang.pick("读取 \(year) 年数据失败: ", "cannot read \(year): ") + message
        case .lockTaken(let previousHolder, let fresh, let at):
            guard state.lockHolder != nil else { return .none }
            if let fresh { state.replaceData(fresh); state.loadedAt = at }
            state.readOnly = false
            state.lockHolder = nil
            let was = previousHolder.map { lang.pick("\($0) 已退出编辑, ", "\($0) stopped editing; ") } ?? ""
            state.message = was + lang.pick("已取得编辑锁, 现在可以编辑", "the lock is now ours: editing is on")
        }
        return .none
    }

    /// A key: the open form, filter or jump takes it first, then the pane's bindings and the global ones.
    public static func handle(_ key: Key, _ state: inout AppState) -> Effect {
        state.message = nil
        if state.form != nil { return FormInput.handle(key, &state) }
        if state.editingFilter { editFilter(key, &state); return .none }
        if state.jumpQuery != nil { editJump(key, &state); return .none }
        if state.showHelp {
            // Up/Down and the page keys scroll a list longer than the screen; any other key closes it.
            switch key {
            case .down, .char("j"): state.helpScroll += 1
            case .up, .char("k"): state.helpScroll = max(0, state.helpScroll - 1)
            case .pageDown, .char(" "): state.helpScroll += state.pageSize
            case .pageUp: state.helpScroll = max(0, state.helpScroll - state.pageSize)
            default:
                state.showHelp = false
                state.helpScroll = 0
                return key == .char("q") ? .quit : .none
            }
            return .none
        }
        if !state.details.isEmpty, let action = detailAction(key) { return apply(action, key: key, &state) }
        guard let binding = KeyMap.binding(for: key, on: state.spec, readOnly: state.readOnly) else { return .none }
        if let reason = binding.unavailable?(state) {
            state.message = reason
            return .none
        }
        return apply(binding.action, key: key, &state)
    }

    /// On a detail page, t still changes the activity kind and Enter does nothing more.
    static func detailAction(_ key: Key) -> Action? {
        switch key {
        case .char("t"): .cycleKindFilter
        case .enter: .open
        default: nil
        }
    }

    public static func apply(_ action: Action, key: Key? = nil, _ state: inout AppState) -> Effect {
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
            case .open, .startFilter, .cycleSort, .cycleStateFilter, .toggleView, .moveLeft, .moveRight, .add, .edit, .remove, .move, .paneAction:
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
        case .nextPane: switchPane(&state, to: state.panes.next(after: pane, by: 1))
        case .previousPane: switchPane(&state, to: state.panes.next(after: pane, by: -1))
        case .selectPane(let target): switchPane(&state, to: target)
        case .selectPaneByDigit:
            if case .char(let c)? = key, let n = c.wholeNumberValue, let target = state.panes.pane(number: n) { switchPane(&state, to: target) }
        case .jump: state.jumpQuery = ""
        case .open: open(&state)
        case .back:
            if var list = state.lists[pane], !list.filter.isEmpty || list.stateFilter != 0 || !list.tagFilters.isEmpty {
                list.filter = ""
                list.stateFilter = 0
                list.tagFilters = [:]
                state.lists[pane] = list
                state.refresh(pane)
            }
        case .startFilter:
            // A new filter each time; the one kept shows as it is typed over (Backspace edits it).
            state.editingFilter = true
            state.lists[pane]?.filter = ""
            state.refresh(pane)
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
        case .previousQuarter: return changePeriod(&state, quarters: -1)
        case .nextQuarter: return changePeriod(&state, quarters: 1)
        case .previousYear: return changePeriod(&state, quarters: -4)
        case .nextYear: return changePeriod(&state, quarters: 4)
        case .reload: return .reload
        case .help: state.showHelp = true
        case .quit: return .quit
        case .undo:
            guard let last = state.undoStack.last else {
                state.message = state.lang.pick("本次会话没有可撤销的修改", "nothing to undo in this session")
                return .none
            }
            return .undo(last.inverse)
        case .moveLeft, .moveRight, .toggleView, .add, .edit, .remove, .move, .paneAction:
            return state.spec.perform(action, &state)
        }
        return .none
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
        for pane in state.lists.keys where state.table(pane)?.filtersByKind == true { state.refresh(pane) }
    }

    static func open(_ state: inout AppState) {
        guard let row = state.selected, let detail = state.spec.detail(for: row, state) else { return }
        state.details.append(detail)
        state.detailScroll = 0
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
    public static func showPeriod(_ quarter: Quarter, of workspace: Workspace, loadedYears: Set<Int>?, _ state: inout AppState) {
        let old = state.data
        state.replaceData(DashboardData(workspace: workspace, year: quarter.year, quarter: quarter.number, asOf: old.asOf,
                                        lang: old.lang, loadedYears: loadedYears))
        for spec in state.panes.all where spec.isList {
            if var list = state.lists[spec.id] { spec.periodChanged(&list, to: quarter); state.lists[spec.id] = list }
        }
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

    /// `:` then a pane's name (either language) or its pinyin initials; Enter goes to the first match.
    static func editJump(_ key: Key, _ state: inout AppState) {
        guard var query = state.jumpQuery else { return }
        switch key {
        case .escape: state.jumpQuery = nil; return
        case .enter:
            state.jumpQuery = nil
            if let target = state.panes.matching(query).first { switchPane(&state, to: target) }
            else { state.message = state.lang.pick("没有名为 \"\(query)\" 的窗格", "no pane called \"\(query)\"") }
            return
        case .backspace:
            if query.isEmpty { state.jumpQuery = nil; return }
            query.removeLast()
        case .char(let c) where !c.isNewline: query.append(c)
        default: return
        }
        state.jumpQuery = query
    }
}
