import PartyModel

/// A key as the backend reports it.
public enum Key: Hashable, Sendable {
    case char(Character)
    case up, down, left, right, pageUp, pageDown, home, end
    case enter, escape, tab, backTab, backspace, delete

    /// How the help screen writes it.
    public var label: String {
        switch self {
        case .char(" "): "Space"
        case .char(let c): String(c)
        case .up: "Up"
        case .down: "Down"
        case .left: "Left"
        case .right: "Right"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .home: "Home"
        case .end: "End"
        case .enter: "Enter"
        case .escape: "Esc"
        case .tab: "Tab"
        case .backTab: "Shift-Tab"
        case .backspace: "Backspace"
        case .delete: "Del"
        }
    }
}

/// The panes, in the order of their digit keys.
public enum Pane: Int, CaseIterable, Sendable {
    case overview = 1, branches, checks, scoring, rectifications, alerts, tasks, activities

    public func title(_ lang: Language) -> String {
        switch self {
        case .overview: lang.pick("总览", "Overview")
        case .branches: lang.pick("支部", "Branches")
        case .checks: lang.pick("季度检查", "Checks")
        case .scoring: lang.pick("考评", "Scoring")
        case .rectifications: lang.pick("整改", "Rectify")
        case .alerts: lang.pick("预警", "Alerts")
        case .tasks: lang.pick("任务", "Tasks")
        case .activities: lang.pick("活动", "Activities")
        }
    }
}

/// Everything a key can ask for.
public enum Action: Hashable, Sendable {
    case moveUp, moveDown, moveLeft, moveRight, pageUp, pageDown, top, bottom
    case nextPane, previousPane, selectPane(Pane)
    case open, back
    case startFilter, cycleSort, cycleStateFilter, cycleKindFilter, toggleView
    case previousQuarter, nextQuarter, previousYear, nextYear
    case reload, help, quit
    // Editing: registered only when the dashboard may write.
    case add, edit, remove, move, undo
}

/// One line of the key table: the keys, what they do, where, and the words for the help screen.
public struct KeyBinding: Sendable {
    public var keys: [Key]
    public var action: Action
    /// nil: every pane.
    public var panes: Set<Pane>?
    public var zh: String
    public var en: String
    /// Changes data: not registered at all in read-only mode.
    public var writes = false

    public func help(_ lang: Language) -> String { lang.pick(zh, en) }
}

/// The key table: it dispatches keys, and the help screen is generated from it.
public enum KeyMap {
    public static let bindings: [KeyBinding] = [
        KeyBinding(keys: [.up, .char("k")], action: .moveUp, panes: nil, zh: "上移", en: "Up"),
        KeyBinding(keys: [.down, .char("j")], action: .moveDown, panes: nil, zh: "下移", en: "Down"),
        KeyBinding(keys: [.left, .char("h")], action: .moveLeft, panes: [.checks], zh: "左移 (季度)", en: "Left (quarter)"),
        KeyBinding(keys: [.right, .char("l")], action: .moveRight, panes: [.checks], zh: "右移 (季度)", en: "Right (quarter)"),
        KeyBinding(keys: [.pageUp], action: .pageUp, panes: nil, zh: "上一页", en: "Page up"),
        KeyBinding(keys: [.pageDown], action: .pageDown, panes: nil, zh: "下一页", en: "Page down"),
        KeyBinding(keys: [.char("g"), .home], action: .top, panes: nil, zh: "到顶部", en: "Top"),
        KeyBinding(keys: [.char("G"), .end], action: .bottom, panes: nil, zh: "到底部", en: "Bottom"),
        KeyBinding(keys: [.tab], action: .nextPane, panes: nil, zh: "下一个窗格", en: "Next pane"),
        KeyBinding(keys: [.backTab], action: .previousPane, panes: nil, zh: "上一个窗格", en: "Previous pane"),
        KeyBinding(keys: [.char("1")], action: .selectPane(.overview), panes: nil, zh: "总览", en: "Overview"),
        KeyBinding(keys: [.char("2")], action: .selectPane(.branches), panes: nil, zh: "支部", en: "Branches"),
        KeyBinding(keys: [.char("3")], action: .selectPane(.checks), panes: nil, zh: "季度检查", en: "Quarterly checks"),
        KeyBinding(keys: [.char("4")], action: .selectPane(.scoring), panes: nil, zh: "考评", en: "Scoring"),
        KeyBinding(keys: [.char("5")], action: .selectPane(.rectifications), panes: nil, zh: "整改", en: "Rectifications"),
        KeyBinding(keys: [.char("6")], action: .selectPane(.alerts), panes: nil, zh: "预警", en: "Alerts"),
        KeyBinding(keys: [.char("7")], action: .selectPane(.tasks), panes: nil, zh: "工作任务", en: "Plan tasks"),
        KeyBinding(keys: [.char("8")], action: .selectPane(.activities), panes: nil, zh: "活动", en: "Activities"),
        KeyBinding(keys: [.enter], action: .open, panes: [.branches, .checks, .scoring, .rectifications, .alerts, .activities],
                   zh: "打开详情", en: "Open"),
        KeyBinding(keys: [.escape], action: .back, panes: nil, zh: "返回 / 清除筛选", en: "Back / clear filter"),
        KeyBinding(keys: [.char("/")], action: .startFilter, panes: [.branches, .checks, .scoring, .rectifications, .alerts, .tasks, .activities],
                   zh: "筛选 (输入文字, Enter 确定)", en: "Filter (type, Enter to keep)"),
        KeyBinding(keys: [.char("s")], action: .cycleSort, panes: [.branches, .checks, .scoring, .rectifications, .alerts, .tasks, .activities],
                   zh: "切换排序", en: "Cycle sort"),
        KeyBinding(keys: [.char("f")], action: .cycleStateFilter, panes: [.rectifications, .alerts, .tasks],
                   zh: "按状态筛选", en: "Filter by state"),
        KeyBinding(keys: [.char("t")], action: .cycleKindFilter, panes: [.activities], zh: "按活动类型筛选 (支部详情中亦可)", en: "Filter by kind (also on a branch page)"),
        KeyBinding(keys: [.char("v")], action: .toggleView, panes: [.scoring], zh: "年度 / 季度视图", en: "Year / quarter view"),
        KeyBinding(keys: [.char("[")], action: .previousQuarter, panes: nil, zh: "上一季度", en: "Previous quarter"),
        KeyBinding(keys: [.char("]")], action: .nextQuarter, panes: nil, zh: "下一季度", en: "Next quarter"),
        KeyBinding(keys: [.char("{")], action: .previousYear, panes: nil, zh: "上一年度", en: "Previous year"),
        KeyBinding(keys: [.char("}")], action: .nextYear, panes: nil, zh: "下一年度", en: "Next year"),
        KeyBinding(keys: [.char("a")], action: .add, panes: [.activities, .branches], zh: "新增 (活动 / 支部)", en: "Add (activity / branch)", writes: true),
        KeyBinding(keys: [.char("e")], action: .edit, panes: [.activities, .tasks, .branches, .checks, .scoring],
                   zh: "修改所选 (检查: 录入本季度检查; 考评: 手工评分与加分)", en: "Edit the selected (checks: record; scoring: manual points)", writes: true),
        KeyBinding(keys: [.char("d")], action: .remove, panes: [.activities, .branches], zh: "删除活动 / 撤销支部 (保留历史)", en: "Delete activity / retire branch", writes: true),
        KeyBinding(keys: [.char("m")], action: .move, panes: [.rectifications], zh: "办理整改 (状态流转)", en: "Move a rectification on", writes: true),
        KeyBinding(keys: [.char("u")], action: .undo, panes: nil, zh: "撤销本次会话最后一次修改", en: "Undo the last change of this session", writes: true),
        KeyBinding(keys: [.char("r")], action: .reload, panes: nil, zh: "从磁盘重新加载", en: "Reload from disk"),
        KeyBinding(keys: [.char("?")], action: .help, panes: nil, zh: "本窗格按键", en: "Keys of this pane"),
        KeyBinding(keys: [.char("q")], action: .quit, panes: nil, zh: "退出", en: "Quit"),
    ]

    /// The bindings in force: without the writing ones when read-only (they are never registered,
    /// so no key can reach a write).
    public static func active(readOnly: Bool) -> [KeyBinding] {
        readOnly ? bindings.filter { !$0.writes } : bindings
    }

    /// The action a key has in a pane, if any.
    public static func action(for key: Key, in pane: Pane, readOnly: Bool = false) -> Action? {
        active(readOnly: readOnly).first { $0.keys.contains(key) && ($0.panes?.contains(pane) ?? true) }?.action
    }

    /// The bindings the help screen lists for a pane.
    public static func help(for pane: Pane, readOnly: Bool = false) -> [KeyBinding] {
        active(readOnly: readOnly).filter { $0.panes?.contains(pane) ?? true }
    }
}
