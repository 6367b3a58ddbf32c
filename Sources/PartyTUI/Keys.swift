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

/// Everything a key can ask for.
public enum Action: Hashable, Sendable {
    case moveUp, moveDown, moveLeft, moveRight, pageUp, pageDown, top, bottom
    case nextPane, previousPane, selectPane(Pane), selectPaneByDigit, jump
    case open, back
    case startFilter, cycleSort, cycleStateFilter, cycleKindFilter, toggleView
    case previousQuarter, nextQuarter, previousYear, nextYear
    case reload, help, quit
    // Editing: registered only when the dashboard may write.
    case add, edit, remove, move, undo
    /// A pane's own action beyond these (the member pane's transfer, payment, branch picker), named
    /// by the pane and handled by its `perform`.
    case paneAction(String)
}

/// One line of the key table: the keys, what they do, and the words for the help screen and
/// docs/keys.md (both generated from it).
public struct KeyBinding: Sendable {
    public var keys: [Key]
    public var action: Action
    public var zh: String
    public var en: String
    /// Changes data: not registered at all in read-only mode.
    public var writes: Bool
    /// Why the key does nothing on the selected row, when it cannot (said in the status bar).
    public var unavailable: (@Sendable (AppState) -> String?)?
    /// How the help writes the keys, when not one by one (the digits: "1–9").
    public var keyLabel: String?

    public init(_ keys: [Key], _ action: Action, zh: String, en: String, writes: Bool = false, keyLabel: String? = nil,
                unavailable: (@Sendable (AppState) -> String?)? = nil) {
        self.keys = keys; self.action = action; self.zh = zh; self.en = en; self.writes = writes; self.keyLabel = keyLabel
        self.unavailable = unavailable
    }

    public func help(_ lang: Language) -> String { lang.pick(zh, en) }

    /// The keys as the help and docs write them.
    public var keysText: String { keyLabel ?? keys.map(\.label).joined(separator: " ") }

    /// Enter on a row opens its page (`PaneSpec.detail(for:)`).
    public static let open = KeyBinding([.enter], .open, zh: "打开详情", en: "Open")
    /// `f` cycles the pane's state filters (`PaneSpec.stateFilters`).
    public static let stateFilter = KeyBinding([.char("f")], .cycleStateFilter, zh: "按状态筛选", en: "Filter by state")
}

/// The key table: the global bindings here, each pane's in its own file. Keys are dispatched from
/// it, and the help screen and docs/keys.md are generated from it.
public enum KeyMap {
    /// Keys that work on every pane (list keys only where the pane lists rows).
    public static let global: [KeyBinding] = [
        KeyBinding([.up, .char("k")], .moveUp, zh: "上移", en: "Up"),
        KeyBinding([.down, .char("j")], .moveDown, zh: "下移", en: "Down"),
        KeyBinding([.pageUp], .pageUp, zh: "上一页", en: "Page up"),
        KeyBinding([.pageDown], .pageDown, zh: "下一页", en: "Page down"),
        KeyBinding([.char("g"), .home], .top, zh: "到顶部", en: "Top"),
        KeyBinding([.char("G"), .end], .bottom, zh: "到底部", en: "Bottom"),
        KeyBinding([.tab], .nextPane, zh: "下一个窗格", en: "Next pane"),
        KeyBinding([.backTab], .previousPane, zh: "上一个窗格", en: "Previous pane"),
        KeyBinding((1...9).map { .char(Character(String($0))) }, .selectPaneByDigit, zh: "前九个窗格", en: "The first nine panes", keyLabel: "1–9"),
        KeyBinding([.char(":")], .jump, zh: "跳转到窗格 (输入名称或拼音首字母, 如 :考评 或 :kp)", en: "Jump to a pane by name (:scoring, or pinyin initials)"),
        KeyBinding([.escape], .back, zh: "返回 / 清除筛选", en: "Back / clear filter"),
        KeyBinding([.char("/")], .startFilter, zh: "筛选 (文字或拼音首字母, Enter 确定)", en: "Filter (text or pinyin initials; Enter keeps it)"),
        KeyBinding([.char("s")], .cycleSort, zh: "切换排序", en: "Cycle sort"),
        KeyBinding([.char("[")], .previousQuarter, zh: "上一季度", en: "Previous quarter"),
        KeyBinding([.char("]")], .nextQuarter, zh: "下一季度", en: "Next quarter"),
        KeyBinding([.char("{")], .previousYear, zh: "上一年度", en: "Previous year"),
        KeyBinding([.char("}")], .nextYear, zh: "下一年度", en: "Next year"),
        KeyBinding([.char("u")], .undo, zh: "撤销本次会话最后一次修改", en: "Undo the last change of this session", writes: true),
        KeyBinding([.char("r")], .reload, zh: "从磁盘重新加载 (另一窗口退出编辑后也取得编辑锁)", en: "Reload from disk (and take the lock when it is free)"),
        KeyBinding([.char("?")], .help, zh: "本窗格按键", en: "Keys of this pane"),
        KeyBinding([.char("q")], .quit, zh: "退出", en: "Quit"),
    ]

    /// Actions of the global table that need a list.
    static let listActions: Set<Action> = [.moveUp, .moveDown, .pageUp, .pageDown, .top, .bottom, .startFilter, .cycleSort]

    /// The bindings in force on a pane: its own first (they may reuse a global key), then the global
    /// ones; without the writing ones when read-only (never registered, so no key can reach a write).
    public static func active(for spec: any PaneSpec, readOnly: Bool) -> [KeyBinding] {
        let own = spec.bindings
        let global = spec.isList ? self.global : self.global.filter { !listActions.contains($0.action) }
        return (own + global).filter { !readOnly || !$0.writes }
    }

    /// The binding a key has on a pane, if any.
    public static func binding(for key: Key, on spec: any PaneSpec, readOnly: Bool = false) -> KeyBinding? {
        active(for: spec, readOnly: readOnly).first { $0.keys.contains(key) }
    }

    /// The action a key has on a standard pane (tests and the loading screen).
    public static func action(for key: Key, in pane: Pane, readOnly: Bool = false) -> Action? {
        binding(for: key, on: Panes.standard.spec(pane), readOnly: readOnly)?.action
    }

    /// The bindings the help screen lists for a pane.
    public static func help(for spec: any PaneSpec, readOnly: Bool = false) -> [KeyBinding] {
        active(for: spec, readOnly: readOnly)
    }
}

/// docs/keys.md's key tables, generated from the bindings (a test fails when the file is stale).
public enum KeyDocs {
    public static let begin = "<!-- generated from the key table: do not edit by hand -->"
    public static let end = "<!-- end of the generated key table -->"

    public static func markdown(_ panes: Panes = .standard) -> String {
        func row(_ b: KeyBinding) -> String {
            let keys = b.keysText.split(separator: " ").map { "`\($0)`" }.joined(separator: " ")
            return "| \(keys) | \(b.zh) | \(b.en) | \(b.writes ? "✎" : "") |"
        }
        var out = [begin, "", "Every pane (✎: registered only when the dashboard may write):", "",
                   "| keys | 作用 | action | writes |", "|---|---|---|---|"]
        out += KeyMap.global.map(row)
        for spec in panes.all where !spec.bindings.isEmpty {
            out += ["", "\(panes.number(spec.id)) \(spec.title(.zh)) (\(spec.title(.en))):", "",
                    "| keys | 作用 | action | writes |", "|---|---|---|---|"]
            out += spec.bindings.map(row)
        }
        return (out + ["", end]).joined(separator: "\n")
    }

    /// `document` with its generated part replaced by `markdown()`.
    public static func updating(_ document: String, _ panes: Panes = .standard) -> String? {
        guard let a = document.firstRange(of: begin), let b = document.firstRange(of: end), a.lowerBound < b.lowerBound else { return nil }
        return String(document[..<a.lowerBound]) + markdown(panes) + String(document[b.upperBound...])
    }
}
