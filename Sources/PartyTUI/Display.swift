import PartyModel

/// The wall display: pages that rotate, big and legible, with aggregates only (no personal names,
/// no member-level figures). Pure: the display loop feeds it data and the clock.
public enum DisplayPage: String, CaseIterable, Sendable {
    case headline, heatmap, ranking, rectifications, alerts

    public func title(_ lang: Language) -> String {
        switch self {
        case .headline: lang.pick("党建工作总览", "Where we stand")
        case .heatmap: lang.pick("本季度三会一课 (按月)", "Meetings this quarter, by month")
        case .ranking: lang.pick("考评排名", "Score ranking")
        case .rectifications: lang.pick("整改销号进度", "Rectification progress")
        case .alerts: lang.pick("预警与重点任务", "Alerts and plan tasks")
        }
    }
}

public struct DisplayState: Sendable {
    public var data: DashboardData
    public var pages: [DisplayPage]
    public var page = 0
    public var paused = false
    public var width: Int
    public var height: Int
    /// "HH:MM:SS" now, and when the data was last read.
    public var clock: String
    public var loadedAt: String
    /// A discreet notice when the last reload failed (the last good data stays).
    public var notice: String?

    public init(data: DashboardData, pages: [DisplayPage], width: Int, height: Int, clock: String, loadedAt: String) {
        self.data = data; self.pages = pages.isEmpty ? DisplayPage.allCases : pages
        self.width = width; self.height = height; self.clock = clock; self.loadedAt = loadedAt
    }

    public var current: DisplayPage { pages[page % pages.count] }

    /// Keys on an unlocked display: Space pauses, Left/Right change page, q quits (true).
    public mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .char(" "): paused.toggle()
        case .left, .char("h"): page = (page + pages.count - 1) % pages.count
        case .right, .char("l"): page = (page + 1) % pages.count
        case .char("q"): return true
        default: break
        }
        return false
    }

    public mutating func advance() { if !paused { page = (page + 1) % pages.count } }

    /// The wall's clock reads `clock` on `day`. When the day is no longer the one the figures are for
    /// (midnight passed), they are worked out again for it — "today", the quarter shown and what is
    /// overdue follow — from `workspace` (the caller reads the files again when it can; its last good
    /// read otherwise). True when the figures changed.
    public mutating func clockReads(_ clock: String, on day: Day, workspace: () -> (Workspace, Set<Int>?)) -> Bool {
        self.clock = clock
        guard day != data.asOf else { return false }
        let (ws, years) = workspace()
        data = DashboardData.opening(ws, loadedYears: years, asOf: day, lang: data.lang)
        return true
    }
}

public enum DisplayViews {
    public static func render(_ state: DisplayState) -> Canvas {
        var canvas = Canvas(width: state.width, height: state.height)
        guard state.width >= Views.minimumWidth, state.height >= Views.minimumHeight else {
            let text = "终端窗口太小 / Terminal too small: \(state.width)x\(state.height) < 80x24"
            canvas.put(text, x: 1, y: state.height / 2, role: .warn)
            return canvas
        }
        let lang = state.data.lang
        // Header: title, period, clock.
        canvas.fill(x: 0, y: 0, width: state.width, height: 1, role: .tab)
        let clockX = state.width - DisplayWidth.of(state.clock) - 1
        let name = " " + state.data.workspace.settings.name + (state.data.workspace.settings.isDemo ? " [\(UIText.demo(lang))]" : "") + " "
        let nameEnd = canvas.put(name, x: 0, y: 0, role: .badge, maxWidth: max(10, state.width / 3))
        let page = state.current
        // The page's title centred, but never over the organisation's name or the clock.
        let title = " \(page.title(lang))  \(UIText.period(state.data.year, state.data.quarter, lang)) "
        let titleX = max(nameEnd + 1, (state.width - DisplayWidth.of(title)) / 2)
        canvas.put(title, x: titleX, y: 0, role: .tabActive, maxWidth: max(0, clockX - titleX - 1))
        canvas.put(state.clock + " ", x: clockX, y: 0, role: .statusAccent)
        let area = (x: 1, y: 2, width: state.width - 2, height: state.height - 4)
        switch page {
        case .headline: headline(&canvas, state, area)
        case .heatmap: heatmap(&canvas, state, area)
        case .ranking: ranking(&canvas, state, area)
        case .rectifications: rectifications(&canvas, state, area)
        case .alerts: alerts(&canvas, state, area)
        }
        // Footer: data time, page dots, pause, notice.
        let y = state.height - 1
        canvas.fill(x: 0, y: y, width: state.width, height: 1, role: .status)
        var x = canvas.put(lang.pick(" 数据更新于 ", " data as of ") + state.loadedAt, x: 0, y: y, role: .status) + 2
        let dots = state.pages.indices.map { $0 == state.page % state.pages.count ? "[\($0 + 1)]" : " \($0 + 1) " }.joined()
        x += canvas.put(dots, x: x, y: y, role: .statusAccent) + 2
        if state.paused { x += canvas.put(lang.pick("已暂停", "paused"), x: x, y: y, role: .statusAccent) + 2 }
        if let notice = state.notice { canvas.put(notice, x: x, y: y, role: .status, maxWidth: state.width - x - 1) }
        return canvas
    }

    /// The largest font scale at which `count` figures of `chars` characters fit in a row.
    static func scale(width: Int, height: Int, chars: Int, rows: Int) -> Int {
        var s = 1
        while BigDigits.width(String(repeating: "8", count: chars), scale: s + 1) + 4 <= width
                && (BigDigits.height(scale: s + 1) + 3) * rows <= height { s += 1 }
        return s
    }

    static func headline(_ canvas: inout Canvas, _ state: DisplayState, _ area: (x: Int, y: Int, width: Int, height: Int)) {
        let data = state.data, lang = data.lang
        let o = data.overview, s = data.yearScores.summary
        let figures: [(String, String, StyleRole)] = [
            (String(o.organisations.branches), lang.pick("党支部", "branches"), .accent),
            (String(o.members.total), lang.pick("党员", "members"), .accent),
            (UIText.percent(o.meetings), lang.pick("本季度三会一课", "meetings this quarter"), UIText.role(ratio: o.meetings)),
            (UIText.oneDecimal(s.mean), lang.pick("平均得分", "mean score"), .accent),
            (UIText.percent(s.strongestShare), lang.pick("最强党支部 (目标 \(s.target.map(UIText.percent) ?? "-"))", "strongest (target \(s.target.map(UIText.percent) ?? "-"))"),
             (s.target ?? 0) <= s.strongestShare ? .good : .warn),
            ("\(o.overdueRectifications)/\(workspaceOpen(data))", lang.pick("整改逾期/未销号", "rectifications overdue/open"), o.overdueRectifications > 0 ? .bad : .good),
        ]
        // The arrangement (2 or 3 figures a row) whose digits can be largest.
        let chars = figures.map { $0.0.count }.max() ?? 5
        let arrangements = [3, 2].map { columns -> (columns: Int, scale: Int) in
            let rows = (figures.count + columns - 1) / columns
            return (columns, self.scale(width: area.width / columns, height: area.height - 2, chars: chars, rows: rows))
        }
        let columns = arrangements.max { $0.scale < $1.scale || ($0.scale == $1.scale && $0.columns < $1.columns) }!.columns
        let rows = (figures.count + columns - 1) / columns
        let cellWidth = area.width / columns
        let cellHeight = max(4, (area.height - 2) / rows)
        let scale = self.scale(width: cellWidth, height: area.height - 2, chars: chars, rows: rows)
        for (i, (value, label, role)) in figures.enumerated() {
            let cx = area.x + (i % columns) * cellWidth
            let cy = area.y + (i / columns) * cellHeight
            let digitsWidth = BigDigits.width(value, scale: scale)
            BigDigits.draw(&canvas, value, x: cx + max(0, (cellWidth - digitsWidth) / 2), y: cy, scale: scale, role: role == .accent ? .barFilled : role == .good ? .barFilled : .badge)
            // The figure in plain text too: for monochrome terminals and for anyone reading the screen as text.
            let caption = "\(label): \(value)"
            canvas.put(caption, x: cx + max(0, (cellWidth - DisplayWidth.of(caption)) / 2), y: cy + BigDigits.height(scale: scale), role: role, maxWidth: cellWidth)
        }
        let grades = Grade.allCases.map { "\($0.name(lang)) \(s.grades[$0] ?? 0)" }.joined(separator: "   ")
        canvas.put(grades, x: area.x + max(0, (area.width - DisplayWidth.of(grades)) / 2), y: area.y + area.height - 1, role: .title)
    }

    static func workspaceOpen(_ data: DashboardData) -> Int {
        data.workspace.rectifications.filter { $0.status != .closed }.count
    }

    /// Branches × the months of the selected quarter: the month's 三会一课 held against its share
    /// of the quarter's requirement.
    static func heatmap(_ canvas: inout Canvas, _ state: DisplayState, _ area: (x: Int, y: Int, width: Int, height: Int)) {
        let data = state.data, lang = data.lang
        let quarter = data.selectedQuarter
        let branches = data.workspace.organisation.branches(inServiceOn: quarter.firstDay)
        let nameWidth = min(24, area.width / 3)
        let cellWidth = max(8, (area.width - nameWidth - 2) / 3)
        for (m, month) in quarter.months.enumerated() {
            canvas.put(DisplayWidth.pad(lang.pick("\(month)月", "month \(month)"), to: cellWidth), x: area.x + nameWidth + 1 + m * cellWidth, y: area.y, role: .header)
        }
        let rowHeight = max(1, min(3, (area.height - 1) / max(1, branches.count)))
        for (i, b) in branches.enumerated() {
            let y = area.y + 1 + i * rowHeight
            guard y < area.y + area.height else { break }
            canvas.put(b.name, x: area.x, y: y, role: .text, maxWidth: nameWidth)
            for (m, month) in quarter.months.enumerated() {
                let future = Day.firstOf(year: quarter.year, month: month) > data.asOf
                let ratio = data.compliance.monthRatio(b, quarter: quarter, month: month)
                let role: StyleRole = future ? .barEmpty : ratio >= 0.999 ? .barFilled : ratio >= 0.6 ? .warn : .badge
                canvas.fill(x: area.x + nameWidth + 1 + m * cellWidth, y: y, width: cellWidth - 1, height: rowHeight, role: role)
                canvas.put(future ? "-" : UIText.percent(ratio), x: area.x + nameWidth + 2 + m * cellWidth, y: y, role: role)
            }
        }
    }

    static func ranking(_ canvas: inout Canvas, _ state: DisplayState, _ area: (x: Int, y: Int, width: Int, height: Int)) {
        let data = state.data, lang = data.lang
        let rows = data.yearScores.branches
        let half = max(1, (area.height - 3) / 2)
        let shown: [BranchScore] = rows.count <= area.height - 2 ? rows : Array(rows.prefix(half)) + Array(rows.suffix(half))
        canvas.put(DisplayWidth.pad(lang.pick("名次", "Rank"), to: 6) + DisplayWidth.pad(lang.pick("支部", "Branch"), to: 28) + lang.pick("得分  等次", "Score  Grade"),
                   x: area.x + 2, y: area.y, role: .header)
        for (i, s) in shown.enumerated() {
            let y = area.y + 1 + i + (rows.count > shown.count && i >= half ? 1 : 0)
            if rows.count > shown.count && i == half { canvas.put("...", x: area.x + 2, y: y - 1, role: .muted) }
            canvas.put(DisplayWidth.pad(String(s.rank), to: 6), x: area.x + 2, y: y, role: .muted)
            canvas.put(DisplayWidth.pad(s.name, to: 28), x: area.x + 8, y: y, role: .text)
            canvas.put(DisplayWidth.pad(UIText.points(s.total), to: 6, alignRight: true) + "  " + s.grade.name(lang) + (s.strongest ? "  " + UIText.strongest(lang) : ""),
                       x: area.x + 36, y: y, role: UIText.role(grade: s.grade))
        }
    }

    static func rectifications(_ canvas: inout Canvas, _ state: DisplayState, _ area: (x: Int, y: Int, width: Int, height: Int)) {
        let data = state.data, lang = data.lang
        let all = data.workspace.rectifications
        var y = area.y
        canvas.put(lang.pick("按状态", "By state"), x: area.x + 2, y: y, role: .header); y += 1
        for status in RectificationStatus.allCases {
            let n = all.filter { $0.status == status }.count
            OverviewView.labelledBar(&canvas, label: "\(status.name(lang)) \(n)", ratio: all.isEmpty ? 0 : Double(n) / Double(all.count),
                                     x: area.x + 2, y: y, labelWidth: 14, width: area.width - 4, role: status == .closed ? .good : .text)
            y += 1
        }
        y += 1
        canvas.put(lang.pick("按党总支 (已销号 / 全部, 逾期)", "By general branch (closed / all, overdue)"), x: area.x + 2, y: y, role: .header); y += 1
        let org = data.workspace.organisation
        var groups = org.generalBranches.map { g in (g.name, Set(org.branches.filter { $0.parentId == g.id }.map(\.id))) }
        groups.append((lang.pick("直属支部", "Direct branches"), Set(org.branches.filter { $0.parentId == org.committee.id }.map(\.id))))
        for (name, ids) in groups where y < area.y + area.height {
            let mine = all.filter { ids.contains($0.branchId) }
            guard !mine.isEmpty else { continue }
            let closed = mine.filter { $0.status == .closed }.count
            let overdue = mine.filter { $0.isOverdue(on: data.asOf) }.count
            OverviewView.labelledBar(&canvas, label: name, ratio: Double(closed) / Double(mine.count), x: area.x + 2, y: y, labelWidth: 16,
                                     width: area.width / 2)
            canvas.put(lang.pick("\(closed)/\(mine.count)  逾期 \(overdue)", "\(closed)/\(mine.count)  overdue \(overdue)"),
                       x: area.x + 4 + area.width / 2, y: y, role: overdue > 0 ? .bad : .good)
            y += 1
        }
    }

    static func alerts(_ canvas: inout Canvas, _ state: DisplayState, _ area: (x: Int, y: Int, width: Int, height: Int)) {
        let data = state.data, lang = data.lang
        let half = area.width / 2
        canvas.put(lang.pick("预警 (共 \(data.alerts.count) 条)", "Alerts (\(data.alerts.count))"), x: area.x + 2, y: area.y, role: .header)
        // Counts by kind and severity: no names, no member figures.
        var counts: [String: (Severity, Int)] = [:]
        for a in data.alerts { counts[a.kind.title(lang), default: (a.severity, 0)].1 += 1 }
        for (i, (title, value)) in counts.sorted(by: { ($0.value.0, $0.value.1, $1.key) > ($1.value.0, $1.value.1, $0.key) }).enumerated() where i < area.height - 2 {
            canvas.put(value.0.name(lang), x: area.x + 2, y: area.y + 1 + i, role: UIText.role(severity: value.0))
            canvas.put("\(title)  \(value.1)", x: area.x + 7, y: area.y + 1 + i, role: .text, maxWidth: half - 8)
        }
        canvas.put(lang.pick("重点任务进度", "Plan tasks"), x: area.x + half + 2, y: area.y, role: .header)
        // Task names as wide as they are, leaving the bar at least 12 columns.
        let labelWidth = min(data.workspace.plan.tasks.map { DisplayWidth.of($0.title) }.max() ?? 12, max(12, half - 20))
        for (i, task) in data.workspace.plan.tasks.enumerated() where i < area.height - 2 {
            let label = task.title
            OverviewView.labelledBar(&canvas, label: label, ratio: Double(task.progress) / 100, x: area.x + half + 2, y: area.y + 1 + i,
                                     labelWidth: labelWidth, width: half - 4,
                                     role: task.status == .blocked ? .bad : task.status == .done ? .good : nil)
        }
    }
}
