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
            if state.pane == .overview { OverviewView.draw(&canvas, state.data.overview, lang: state.lang, in: body) }
            else { TableView.draw(&canvas, state, state.pane, in: body) }
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

    static func tabBar(_ canvas: inout Canvas, _ state: Chrome) {
        canvas.fill(x: 0, y: 0, width: state.width, height: 1, role: .tab)
        let labels = Pane.allCases.map { " \($0.rawValue) \($0.title(state.lang)) " }
        let demoBadge = state.isDemo ? " \(UIText.demo(state.lang)) " : ""
        let needed = labels.reduce(0) { $0 + DisplayWidth.of($1) } + DisplayWidth.of(demoBadge)
        // The product name only when there is room for it beside every tab.
        var x = needed + 12 <= state.width ? canvas.put(" PartyDesk ", x: 0, y: 0, role: .badge) + 1 : 0
        for pane in Pane.allCases {
            let label = " \(pane.rawValue) \(pane.title(state.lang)) "
            x += canvas.put(label, x: x, y: 0, role: pane == state.pane ? .tabActive : .tab)
        }
        if !demoBadge.isEmpty {
            canvas.put(demoBadge, x: state.width - DisplayWidth.of(demoBadge), y: 0, role: .badge)
        }
    }

    /// The pane's (or page's) title and the period shown; returns where the line goes on.
    static func paneTitle(_ canvas: inout Canvas, _ chrome: Chrome, title: String?) -> Int {
        let x = canvas.put(title ?? chrome.pane.title(chrome.lang), x: 1, y: 1, role: .title, maxWidth: 30) + 2
        return x + canvas.put(UIText.period(chrome.year, chrome.quarter, chrome.lang), x: x, y: 1, role: .accent) + 2
    }

    static func paneHeader(_ canvas: inout Canvas, _ state: AppState, title: String?) {
        let lang = state.lang
        var x = paneTitle(&canvas, state.chrome, title: title)
        guard title == nil, let list = state.lists[state.pane], let table = state.table(state.pane) else { return }
        if state.pane == .scoring {
            x += canvas.put(state.scoringQuarterView ? lang.pick("季度视图", "quarter view") : lang.pick("年度视图", "year view") + (state.data.yearScores.provisional ? lang.pick("(暂定)", " (provisional)") : ""),
                            x: x, y: 1, role: .muted) + 2
        }
        if list.sort > 0 { x += canvas.put(lang.pick("排序:", "sort:") + table.sortOptions[list.sort], x: x, y: 1, role: .muted) + 2 }
        let filters = state.stateFilters(state.pane)
        if list.stateFilter > 0 { x += canvas.put(lang.pick("状态:", "state:") + filters[list.stateFilter].label, x: x, y: 1, role: .warn) + 2 }
        if state.pane == .activities, let kind = state.activityKind { x += canvas.put(lang.pick("类型:", "kind:") + kind.name(lang), x: x, y: 1, role: .warn) + 2 }
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
        let hint = state.message ?? (state.editingFilter ? lang.pick("输入筛选, Enter 确定, Esc 清除", "type to filter, Enter keep, Esc clear")
                                                       : lang.pick("? 帮助  q 退出", "? help  q quit"))
        let w = DisplayWidth.of(hint)
        if state.width - w - 1 > x + 1 {
            canvas.put(hint, x: state.width - w - 1, y: y, role: state.message == nil ? .status : .statusAccent)
        } else if state.message != nil {
            // A long message takes the whole bar rather than being lost.
            canvas.fill(x: 0, y: y, width: state.width, height: 1, role: .status)
            canvas.put(hint, x: 1, y: y, role: .statusAccent, maxWidth: state.width - 2)
        }
    }

    static func help(_ canvas: inout Canvas, _ state: AppState) {
        let bindings = KeyMap.help(for: state.pane, readOnly: state.readOnly)
        let lang = state.lang
        let keyWidth = 16
        let width = min(state.width - 4, 60)
        let height = min(state.height - 2, bindings.count + 4)
        let x = (state.width - width) / 2, y = max(1, (state.height - height) / 2)
        canvas.fill(x: x, y: y, width: width, height: height, role: .dialog)
        canvas.box(x: x, y: y, width: width, height: height, role: .border,
                   title: lang.pick("按键: ", "Keys: ") + state.pane.title(lang))
        for (i, binding) in bindings.prefix(height - 4).enumerated() {
            let keys = binding.keys.map(\.label).joined(separator: " ")
            canvas.put(keys, x: x + 2, y: y + 1 + i, role: .accent, maxWidth: keyWidth)
            canvas.put(binding.help(lang), x: x + 3 + keyWidth, y: y + 1 + i, role: .dialog, maxWidth: width - keyWidth - 5)
        }
        canvas.put(lang.pick("按任意键关闭", "Press any key to close"), x: x + 2, y: y + height - 2, role: .muted)
    }
}

/// A pane's table inside a frame: column titles, visible rows only, the selection highlighted.
enum TableView {
    static func draw(_ canvas: inout Canvas, _ state: AppState, _ pane: Pane, in area: (x: Int, y: Int, width: Int, height: Int)) {
        canvas.box(x: area.x, y: area.y, width: area.width, height: area.height, role: .border)
        guard let table = state.table(pane), let list = state.lists[pane] else { return }
        let inner = (x: area.x + 2, width: area.width - 4)
        let layout = table.layout(width: inner.width)
        var x = inner.x
        for (index, width) in layout {
            let column = table.columns[index]
            let title = column.title
            let role: StyleRole = pane == .checks && index == state.checkColumn + 1 ? .accent : .header
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
                if selected { role = pane == .checks && index == state.checkColumn + 1 ? .badge : .selected }
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
        if pane == .scoring { scoringFooter(&canvas, state, y: area.y + area.height - 1, x: area.x + 2) }
    }

    static func bar(_ canvas: inout Canvas, fraction: Double, x: Int, y: Int, width: Int, selected: Bool) {
        let label = UIText.percent(fraction)
        let barWidth = max(1, width - 5)
        let filled = Int((Double(barWidth) * min(1, max(0, fraction))).rounded())
        canvas.fill(x: x, y: y, width: filled, height: 1, role: .barFilled)
        canvas.fill(x: x + filled, y: y, width: barWidth - filled, height: 1, role: .barEmpty)
        canvas.put(DisplayWidth.pad(label, to: 4, alignRight: true), x: x + barWidth + 1, y: y, role: selected ? .selected : .text)
    }

    /// The grade distribution and the 最强党支部 share, on the frame's bottom edge.
    static func scoringFooter(_ canvas: inout Canvas, _ state: AppState, y: Int, x: Int) {
        let table = state.scoringQuarterView ? state.data.quarterScores : state.data.yearScores
        let s = table.summary
        let lang = state.lang
        var text = " " + Grade.allCases.map { "\($0.name(lang)) \(s.grades[$0] ?? 0)" }.joined(separator: "  ")
        text += lang.pick("  最强 \(s.strongestCount) (\(UIText.percent(s.strongestShare)))", "  best \(s.strongestCount) (\(UIText.percent(s.strongestShare)))")
        if let target = s.target { text += lang.pick(" 目标 \(UIText.percent(target))", " target \(UIText.percent(target))") }
        text += lang.pick("  平均 \(UIText.points(s.mean)) ", "  mean \(UIText.points(s.mean)) ")
        canvas.put(text, x: x, y: y, role: .muted, maxWidth: state.width - x - 2)
    }
}

/// What the bars around a pane show: the tabs, the pane's title and period, the status bar.
public struct Chrome: Sendable, Equatable {
    public var width: Int
    public var height: Int
    public var lang: Language
    public var pane: Pane
    public var name: String
    public var isDemo: Bool
    public var year: Int
    public var quarter: Int
    public var readOnly: Bool
    public var lockHolder: String?
    public var loadedAt: String
    public var message: String?
    public var editingFilter: Bool

    /// The bars of the first screen kept from an earlier session (the overview).
    public init(_ first: FirstScreen, width: Int, height: Int, lang: Language, readOnly: Bool, lockHolder: String?,
                loadedAt: String = "", message: String?) {
        self.init(width: width, height: height, lang: lang, pane: .overview, name: first.name, isDemo: first.isDemo,
                  year: first.year, quarter: first.quarter, readOnly: readOnly, lockHolder: lockHolder, loadedAt: loadedAt,
                  message: message, editingFilter: false)
    }

    init(width: Int, height: Int, lang: Language, pane: Pane, name: String, isDemo: Bool, year: Int, quarter: Int,
         readOnly: Bool, lockHolder: String?, loadedAt: String, message: String?, editingFilter: Bool) {
        self.width = width
        self.height = height
        self.lang = lang
        self.pane = pane
        self.name = name
        self.isDemo = isDemo
        self.year = year
        self.quarter = quarter
        self.readOnly = readOnly
        self.lockHolder = lockHolder
        self.loadedAt = loadedAt
        self.message = message
        self.editingFilter = editingFilter
    }
}

extension AppState {
    public var chrome: Chrome {
        let settings = data.workspace.settings
        return Chrome(width: width, height: height, lang: lang, pane: pane, name: settings.name, isDemo: settings.isDemo,
                      year: data.year, quarter: data.quarter, readOnly: readOnly, lockHolder: lockHolder, loadedAt: loadedAt,
                      message: message, editingFilter: editingFilter)
    }
}
