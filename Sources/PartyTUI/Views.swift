import PartyModel

/// Draws the whole screen from the state. Pure: same state, same canvas.
public enum Views {
    public static let minimumWidth = 80
    public static let minimumHeight = 24

    public static func render(_ state: AppState) -> Canvas {
        var canvas = Canvas(width: state.width, height: state.height)
        guard state.width >= minimumWidth, state.height >= minimumHeight else {
            tooSmall(&canvas, width: state.width, height: state.height)
            return canvas
        }
        let chrome = state.chrome
        tabBar(&canvas, chrome)
        let body = bodyArea(chrome)
        if let detail = state.details.last {
            paneHeader(&canvas, state, title: DetailView.title(detail, state))
            DetailView.draw(&canvas, state, detail, in: body)
        } else {
            paneHeader(&canvas, state, title: nil)
            state.spec.drawBody(&canvas, state, in: body)
        }
        statusBar(&canvas, chrome)
        if state.showHelp { help(&canvas, state) }
        if let form = state.form { FormView.draw(&canvas, state, form) }
        return canvas
    }

    /// The overview as kept from an earlier session, drawn exactly as `render` draws it: what a
    /// large workspace shows while its files are read (the files unchanged since it was kept).
    public static func preview(_ first: FirstScreen, chrome: Chrome) -> Canvas {
        var canvas = Canvas(width: chrome.width, height: chrome.height)
        guard chrome.width >= minimumWidth, chrome.height >= minimumHeight else {
            tooSmall(&canvas, width: chrome.width, height: chrome.height)
            return canvas
        }
        tabBar(&canvas, chrome)
        _ = paneTitle(&canvas, chrome, title: nil)
        OverviewView.draw(&canvas, first.overview, lang: chrome.lang, in: bodyArea(chrome))
        statusBar(&canvas, chrome)
        return canvas
    }

    static func bodyArea(_ chrome: Chrome) -> (x: Int, y: Int, width: Int, height: Int) {
        (x: 0, y: 2, width: chrome.width, height: chrome.height - 3)
    }

    /// What the terminal shows while a workspace is read (a city's takes over a second): the bar,
    /// and where it is reading from.
    public static func loading(width: Int, height: Int, directory: String, lang: Language) -> Canvas {
        var canvas = Canvas(width: width, height: height)
        canvas.fill(x: 0, y: 0, width: width, height: 1, role: .tab)
        _ = canvas.put(" PartyDesk", x: 0, y: 0, role: .tab)
        let lines = [lang.pick("正在读取工作区…", "Reading the workspace…"), directory]
        let top = max(1, height / 2 - 1)
        for (i, line) in lines.enumerated() {
            let w = min(DisplayWidth.of(line), width)
            _ = canvas.put(line, x: max(0, (width - w) / 2), y: top + i, role: i == 0 ? .text : .muted, maxWidth: width)
        }
        return canvas
    }

    static func tooSmall(_ canvas: inout Canvas, width: Int, height: Int) {
        let lines = [
            "终端窗口太小: 至少需要 \(minimumWidth)×\(minimumHeight), 当前 \(width)×\(height)",
            "Terminal too small: need \(minimumWidth)x\(minimumHeight), now \(width)x\(height)",
            "请放大窗口 / Please enlarge the window",
        ]
        let top = max(0, height / 2 - 1)
        for (i, line) in lines.enumerated() {
            let w = DisplayWidth.of(line)
            canvas.put(line, x: max(0, (width - w) / 2), y: top + i, role: i == 0 ? .warn : .text)
        }
    }

    /// The tabs: all of them when they fit; otherwise a window of them that always holds the current
    /// one, with `<` and `>` where more lie beyond. The 示例 badge has its own room and never hides a tab.
    static func tabBar(_ canvas: inout Canvas, _ chrome: Chrome) {
        canvas.fill(x: 0, y: 0, width: chrome.width, height: 1, role: .tab)
        let demoBadge = chrome.isDemo ? " \(UIText.demo(chrome.lang)) " : ""
        let badgeWidth = DisplayWidth.of(demoBadge)
        let labels = chrome.tabs.enumerated().map { i, title in i < 9 ? " \(i + 1) \(title) " : " \(title) " }
        let widths = labels.map { DisplayWidth.of($0) }
        let room = chrome.width - badgeWidth - (badgeWidth > 0 ? 1 : 0)
        let current = chrome.tabs.indices.contains(chrome.currentTab) ? chrome.currentTab : 0
        var first = 0, last = labels.count - 1
        if widths.reduce(0, +) > room {
            // Grow a window around the current tab, leaving a column each side for the markers.
            first = current; last = current
            var used = widths[current] + 2
            var grew = true
            while grew {
                grew = false
                if last + 1 < labels.count, used + widths[last + 1] <= room { last += 1; used += widths[last]; grew = true }
                if first > 0, used + widths[first - 1] <= room { first -= 1; used += widths[first]; grew = true }
            }
        }
        let total = widths[first...last].reduce(0, +)
        // The product name only when there is room for it beside every tab.
        var x = first == 0 && last == labels.count - 1 && total + 12 <= room ? canvas.put(" PartyDesk ", x: 0, y: 0, role: .badge) + 1 : 0
        if first > 0 { x += canvas.put("<", x: x, y: 0, role: .badge) }
        for i in first...last {
            x += canvas.put(labels[i], x: x, y: 0, role: i == current ? .tabActive : .tab, maxWidth: max(0, room - x))
        }
        if last < labels.count - 1 { canvas.put(">", x: x, y: 0, role: .badge) }
        if !demoBadge.isEmpty {
            canvas.put(demoBadge, x: chrome.width - badgeWidth, y: 0, role: .badge)
        }
    }

    /// The pane's (or page's) title and the period shown; returns where the line goes on.
    static func paneTitle(_ canvas: inout Canvas, _ chrome: Chrome, title: String?, period: String? = nil) -> Int {
        let x = canvas.put(title ?? chrome.titles[safe: chrome.currentTab] ?? chrome.tabs[safe: chrome.currentTab] ?? "", x: 1, y: 1, role: .title, maxWidth: 30) + 2
        return x + canvas.put(period ?? UIText.period(chrome.year, chrome.quarter, chrome.lang), x: x, y: 1, role: .accent) + 2
    }

    static func paneHeader(_ canvas: inout Canvas, _ state: AppState, title: String?) {
        let lang = state.lang
        var x = paneTitle(&canvas, state.chrome, title: title, period: title == nil ? state.spec.period(state) : nil)
        guard title == nil else { return }
        for (text, role) in state.spec.headerNotes(state) { x += canvas.put(text, x: x, y: 1, role: role) + 2 }
        guard let list = state.lists[state.pane], let table = state.table(state.pane) else { return }
        if list.sort > 0, table.sortOptions.indices.contains(list.sort) {
            x += canvas.put(lang.pick("排序:", "sort:") + table.sortOptions[list.sort], x: x, y: 1, role: .muted) + 2
        }
        let filters = state.stateFilters(state.pane)
        if list.stateFilter > 0 { x += canvas.put(lang.pick("状态:", "state:") + filters[list.stateFilter].label, x: x, y: 1, role: .warn) + 2 }
        if state.editingFilter || !list.filter.isEmpty {
            let text = "/" + list.filter + (state.editingFilter ? "_" : "")
            x += canvas.put(text, x: x, y: 1, role: state.editingFilter ? .input : .warn, maxWidth: 24) + 2
        }
        let count = state.visible[state.pane]?.count ?? 0
        let counter = "\(count == 0 ? 0 : list.selected + 1)/\(count)"
        canvas.put(counter, x: state.width - DisplayWidth.of(counter) - 1, y: 1, role: .muted)
    }

    static func statusBar(_ canvas: inout Canvas, _ state: Chrome) {
        let y = state.height - 1
        let lang = state.lang
        canvas.fill(x: 0, y: y, width: state.width, height: 1, role: .status)
        var x = 1
        x += canvas.put(state.name, x: x, y: y, role: .statusAccent, maxWidth: 20)
        if state.isDemo { x += canvas.put(" [" + UIText.demo(lang) + "]", x: x, y: y, role: .statusAccent) }
        x += canvas.put("  " + UIText.period(state.year, state.quarter, lang), x: x, y: y, role: .status)
        let mode = state.readOnly ? lang.pick("只读", "read-only") : lang.pick("编辑", "edit")
        x += canvas.put("  " + mode, x: x, y: y, role: .statusAccent)
        if let holder = state.lockHolder { x += canvas.put(lang.pick(" (\(holder) 正在编辑)", " (\(holder) is editing)"), x: x, y: y, role: .status, maxWidth: 24) }
        if !state.loadedAt.isEmpty { x += canvas.put(lang.pick("  加载 ", "  loaded ") + state.loadedAt, x: x, y: y, role: .status) }
        if state.problems > 0 { x += canvas.put("  " + UIText.problems(state.problems, lang), x: x, y: y, role: .statusAccent) }
        var hint = state.message ?? state.jumpQuery.map { lang.pick("跳转到: ", "go to: ") + $0 + "_" }
            ?? (state.editingFilter ? lang.pick("输入筛选, Enter 确定, Esc 清除", "type to filter, Enter keep, Esc clear")
                                    : lang.pick("? 帮助  : 跳转  q 退出", "? help  : go to  q quit"))
        // The key hint shortened rather than dropped where the bar is full.
        if state.message == nil && state.jumpQuery == nil && !state.editingFilter && state.width - DisplayWidth.of(hint) - 1 <= x + 1 {
            hint = lang.pick("?帮助 q退出", "?help q quit")
        }
        let w = DisplayWidth.of(hint)
        if state.width - w - 1 > x + 1 {
            canvas.put(hint, x: state.width - w - 1, y: y, role: state.message == nil && state.jumpQuery == nil ? .status : .statusAccent)
        } else if state.message != nil {
            // A long message takes the whole bar rather than being lost.
            canvas.fill(x: 0, y: y, width: state.width, height: 1, role: .status)
            canvas.put(hint, x: 1, y: y, role: .statusAccent, maxWidth: state.width - 2)
        }
    }

    /// The keys of the pane on show: its own first, then those of every pane. Generated from the key
    /// table; it scrolls (Up/Down, PgUp/PgDn) when longer than the screen.
    static func help(_ canvas: inout Canvas, _ state: AppState) {
        let bindings = KeyMap.help(for: state.spec, readOnly: state.readOnly)
        let lang = state.lang
        let keyWidth = 16
        let width = min(state.width - 4, 96)
        let height = min(state.height - 2, bindings.count + 4)
        let rows = height - 4
        let scroll = max(0, min(state.helpScroll, bindings.count - rows))
        let x = (state.width - width) / 2, y = max(1, (state.height - height) / 2)
        canvas.fill(x: x, y: y, width: width, height: height, role: .dialog)
        canvas.box(x: x, y: y, width: width, height: height, role: .border,
                   title: lang.pick("按键: ", "Keys: ") + state.spec.title(lang))
        for (i, binding) in bindings.dropFirst(scroll).prefix(rows).enumerated() {
            canvas.put(binding.keysText, x: x + 2, y: y + 1 + i, role: .accent, maxWidth: keyWidth)
            canvas.put(binding.help(lang), x: x + 3 + keyWidth, y: y + 1 + i, role: .dialog, maxWidth: width - keyWidth - 5)
        }
        let more = bindings.count > rows
            ? lang.pick("  (\(scroll + 1)–\(scroll + min(rows, bindings.count))/\(bindings.count), 上下键滚动)", "  (\(scroll + 1)–\(scroll + min(rows, bindings.count)) of \(bindings.count), Up/Down scroll)") : ""
        canvas.put(lang.pick("按其他键关闭", "Any other key closes") + more, x: x + 2, y: y + height - 2, role: .muted, maxWidth: width - 4)
    }
}

/// A pane's table inside a frame: column titles, visible rows only, the selection highlighted.
enum TableView {
    static func draw(_ canvas: inout Canvas, _ state: AppState, _ pane: Pane, in area: (x: Int, y: Int, width: Int, height: Int)) {
        canvas.box(x: area.x, y: area.y, width: area.width, height: area.height, role: .border)
        guard let table = state.table(pane), let list = state.lists[pane] else { return }
        let inner = (x: area.x + 2, width: area.width - 4)
        let layout = table.layout(width: inner.width)
        // The column cursor (the checks pane's quarter), when the table has one.
        let cursor = table.cursorColumns.map { $0.lowerBound + min(list.column, $0.count - 1) }
        var x = inner.x
        for (index, width) in layout {
            let column = table.columns[index]
            let title = column.title
            let role: StyleRole = index == cursor ? .accent : .header
            canvas.put(DisplayWidth.pad(title, to: width, alignRight: column.align == .right), x: x, y: area.y + 1, role: role)
            x += width + 1
        }
        let rows = state.visible[pane] ?? []
        let first = list.scroll
        let pageRows = area.height - 3
        if rows.isEmpty {
            canvas.put(state.lang.pick("(没有符合条件的记录)", "(nothing matches)"), x: inner.x, y: area.y + 2, role: .muted)
        }
        for line in 0..<pageRows {
            let position = first + line
            guard position < rows.count else { break }
            let row = table.rows[rows[position]]
            let y = area.y + 2 + line
            let selected = position == list.selected
            var x = inner.x
            for (column, (index, width)) in layout.enumerated() {
                let spec = table.columns[index]
                var text = row.cells[safe: index] ?? ""
                var role = row.rowRole ?? row.roles[safe: index] ?? .text
                if row.rowRole == .muted || row.rowRole == .accent || row.rowRole == .title { role = row.rowRole! }
                if column == 0, index == 0, row.depth > 0, list.sort == 0, list.filter.isEmpty {
                    text = String(repeating: "  ", count: row.depth) + text
                }
                if selected { role = index == cursor ? .badge : .selected }
                if spec.isBar, let fraction = Double(text) {
                    bar(&canvas, fraction: fraction, x: x, y: y, width: width, selected: selected)
                } else {
                    canvas.put(DisplayWidth.pad(text, to: width, alignRight: spec.align == .right), x: x, y: y, role: role)
                }
                x += width + 1
            }
            if selected { canvas.paint(x: inner.x - 1, y: y, width: 1, role: .selected) }
            if selected {
                // Fill the gaps between columns so the highlight is one band.
                var gap = inner.x
                for (_, width) in layout { gap += width; if gap < inner.x + inner.width { canvas.paint(x: gap, y: y, width: 1, role: .selected) }; gap += 1 }
            }
        }
        // Where we are in a long list.
        if rows.count > pageRows, pageRows > 2 {
            let thumb = area.y + 2 + (pageRows - 1) * list.scroll / max(1, rows.count - pageRows)
            canvas.put("#", x: area.x + area.width - 1, y: thumb, role: .accent)
        }
    }

    static func bar(_ canvas: inout Canvas, fraction: Double, x: Int, y: Int, width: Int, selected: Bool) {
        let label = UIText.percent(fraction)
        let barWidth = max(1, width - 5)
        let filled = Int((Double(barWidth) * min(1, max(0, fraction))).rounded())
        canvas.fill(x: x, y: y, width: filled, height: 1, role: .barFilled)
        canvas.fill(x: x + filled, y: y, width: barWidth - filled, height: 1, role: .barEmpty)
        canvas.put(DisplayWidth.pad(label, to: 4, alignRight: true), x: x + barWidth + 1, y: y, role: selected ? .selected : .text)
    }
}

/// What the bars around a pane show: the tabs, the pane's title and period, the status bar.
public struct Chrome: Sendable, Equatable {
    public var width: Int
    public var height: Int
    public var lang: Language
    /// The panes' titles in tab order as the tab bar has them, and which is shown.
    public var tabs: [String]
    /// The panes' full titles (the pane's header line), in tab order.
    public var titles: [String] = []
    public var currentTab: Int
    public var name: String
    public var isDemo: Bool
    public var year: Int
    public var quarter: Int
    public var readOnly: Bool
    public var lockHolder: String?
    public var loadedAt: String
    public var message: String?
    public var editingFilter: Bool
    /// The `:` jump being typed.
    public var jumpQuery: String? = nil
    /// Problems `partydesk validate` finds in the workspace (counted when it was read): the figures
    /// come from data that fails validation, and the status bar says so.
    public var problems = 0

    /// The bars of the first screen kept from an earlier session (the overview).
    public init(_ first: FirstScreen, width: Int, height: Int, lang: Language, readOnly: Bool, lockHolder: String?,
                loadedAt: String = "", message: String?) {
        self.init(width: width, height: height, lang: lang, tabs: Panes.standard.all.map { $0.tabTitle(lang) }, currentTab: 0,
                  name: first.name, isDemo: first.isDemo,
                  year: first.year, quarter: first.quarter, readOnly: readOnly, lockHolder: lockHolder, loadedAt: loadedAt,
                  message: message, editingFilter: false)
        titles = Panes.standard.all.map { $0.title(lang) }
    }

    init(width: Int, height: Int, lang: Language, tabs: [String], currentTab: Int, name: String, isDemo: Bool, year: Int, quarter: Int,
         readOnly: Bool, lockHolder: String?, loadedAt: String, message: String?, editingFilter: Bool, jumpQuery: String? = nil) {
        self.width = width
        self.height = height
        self.lang = lang
        self.tabs = tabs
        self.currentTab = currentTab
        self.name = name
        self.isDemo = isDemo
        self.year = year
        self.quarter = quarter
        self.readOnly = readOnly
        self.lockHolder = lockHolder
        self.loadedAt = loadedAt
        self.message = message
        self.editingFilter = editingFilter
        self.jumpQuery = jumpQuery
    }
}

extension AppState {
    public var chrome: Chrome {
        let settings = data.workspace.settings
        var chrome = Chrome(width: width, height: height, lang: lang, tabs: panes.all.map { $0.tabTitle(lang) }, currentTab: panes.number(pane) - 1,
                            name: settings.name, isDemo: settings.isDemo,
                            year: data.year, quarter: data.quarter, readOnly: readOnly, lockHolder: lockHolder, loadedAt: loadedAt,
                            message: message, editingFilter: editingFilter, jumpQuery: jumpQuery)
        chrome.problems = problems
        chrome.titles = panes.all.map { $0.title(lang) }
        return chrome
    }
}
