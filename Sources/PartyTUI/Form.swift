import PartyModel

/// One field of a form.
public struct FormField: Sendable {
    public enum Kind: Sendable {
        case text
        case date
        case number(min: Double, max: Double, integer: Bool)
        /// Check points: 0 … max in steps of 0.5.
        case points(max: Double)
        /// (value, label) pairs.
        case choice([Choice])
    }

    public struct Choice: Sendable, Equatable {
        public var value: String
        public var label: String
        public init(_ value: String, _ label: String) { self.value = value; self.label = label }
    }

    public var key: String
    public var label: String
    public var kind: Kind
    public var required: Bool
    /// The text being edited, by grapheme, and the insertion point.
    public var text: [Character]
    public var cursor: Int
    public var choiceIndex: Int
    public var error: String?
    /// Letters typed on a choice field: the choice is the first whose name, or its pinyin initials,
    /// holds them (a branch among two hundred is found by typing 信息 or xx).
    public var search = ""
    /// Words said under the field when it has the focus, before the kind's own hint (a member's
    /// monthly due worked out from the dues category and base).
    public var note: String?

    public init(key: String, label: String, kind: Kind, required: Bool = false, value: String = "") {
        self.key = key; self.label = label; self.kind = kind; self.required = required
        text = Array(value); cursor = text.count; choiceIndex = 0
        if case .choice(let choices) = kind { choiceIndex = max(0, choices.firstIndex { $0.value == value } ?? 0) }
    }

    public var isChoice: Bool { if case .choice = kind { true } else { false } }

    /// The field's value: the choice's value, or the text.
    public var value: String {
        if case .choice(let choices) = kind { return choices.indices.contains(choiceIndex) ? choices[choiceIndex].value : "" }
        return String(text)
    }

    public var shown: String {
        if case .choice(let choices) = kind { return choices.indices.contains(choiceIndex) ? "< \(choices[choiceIndex].label) >" : "" }
        return String(text)
    }

    /// What the field takes, said before a mistake is made: a range, a date's forms, how to pick.
    public func hint(_ lang: Language) -> String? {
        if let note { return note }
        switch kind {
        case .points(let max): return lang.pick("0–\(formatNumber(max)) 分, 步长 0.5", "0–\(formatNumber(max)), steps of 0.5")
        case .number(let min, let max, _): return "\(formatNumber(min))–\(formatNumber(max))"
        case .date: return lang.pick("如 2026-03-05 或 2026/3/5", "e.g. 2026-03-05 or 2026/3/5")
        case .choice(let choices) where choices.count > 6:
            return search.isEmpty ? lang.pick("输入名称或拼音首字母查找, 左右键逐个选择", "type a name or pinyin initials, or Left/Right")
                                  : lang.pick("查找: ", "find: ") + search
        case .choice: return lang.pick("左右键选择", "Left/Right to choose")
        case .text: return nil
        }
    }

    /// Moves a choice field to the first choice matching `search`; false when none does.
    @discardableResult
    public mutating func findChoice() -> Bool {
        guard case .choice(let choices) = kind, !search.isEmpty else { return false }
        let needle = search.lowercased()
        guard let i = choices.firstIndex(where: { $0.label.lowercased().contains(needle) || PinyinInitials.of($0.label).hasPrefix(needle) }) else { return false }
        choiceIndex = i
        return true
    }

    public var takesNumbersOrDates: Bool {
        switch kind {
        case .date, .number, .points: true
        default: false
        }
    }
}

/// What a form is for, with the record it started from.
public enum FormPurpose: Sendable, Equatable {
    case addActivity
    case editActivity(Activity)
    case deleteActivity(Activity)
    case moveRectification(Rectification)
    case editTask(PlanTask)
    /// A new branch (nil) or an existing one.
    case editBranch(Branch?)
    case retireBranch(Branch)
    case recordCheck(branchId: String, quarter: Quarter, existing: QuarterlyCheck?)
    case manualScores(branchId: String, year: Int)
    /// The member ledger: a new member (nil) or an existing one; leaving the roster; a transfer
    /// (组织关系转接); a dues payment; a training entry.
    case editMember(Member?)
    case leaveMember(Member)
    case transferMember(Member)
    case payDues(Member)
    case addTraining(Member)
    /// An activity's 签到表: one choice per member of the branch's roster on its day.
    case attendance(Activity)
    /// A member's 民主评议 result for a year (an existing one of that year is replaced).
    case reviewResult(Member)
    /// Points of a manual 先锋指数 item (志愿服务, 表彰奖励 …) for a member.
    case pioneerPoints(Member)
    /// Not a record: the member pane's branch filter, picked from a list.
    case pickMemberBranch
    /// 经费: a new entry (nil) or an existing one; deleting one.
    case editFunds(FundsEntry?)
    case deleteFunds(FundsEntry)
    case addCandidate
    case recordStep(Candidate)
    /// 目标: a quarter's figure for a target entered by hand (by its id).
    case recordTarget(String)
}

/// An open form: fields, focus, and whether Esc is waiting for confirmation.
public struct FormState: Sendable {
    public var purpose: FormPurpose
    public var title: String
    public var fields: [FormField]
    public var focus = 0
    public var confirmingCancel = false
    /// A problem with the whole form (e.g. an illegal transition).
    public var error: String?
    /// Values worked out for fields (a payment's amount from its months): a field whose text is
    /// still the value worked out follows when what it came from changes.
    public var derived: [String: String] = [:]
    let initialValues: [String]

    public init(purpose: FormPurpose, title: String, fields: [FormField]) {
        self.purpose = purpose; self.title = title; self.fields = fields
        initialValues = fields.map(\.value)
        // The first field, choice or not: a form is read from the top (the m form's action first).
        focus = 0
    }

    public var changed: Bool { fields.map(\.value) != initialValues }

    public func value(_ key: String) -> String { fields.first { $0.key == key }?.value ?? "" }

    public mutating func setError(_ key: String, _ message: String?) {
        if let i = fields.firstIndex(where: { $0.key == key }) { fields[i].error = message }
    }
}

/// Checking one field as the user types; messages in Chinese or English.
public enum FieldCheck {
    public static func check(_ field: FormField, _ lang: Language) -> String? {
        let raw = String(field.text).trimmingCharacters(in: " \t")
        if field.isChoice { return nil }
        // A pasted control character or bidi override never belongs in a field (DESIGN §6).
        if let bad = TerminalText.firstUnsafe(in: String(field.text)) { return ProblemKind.controlCharacter(bad.value).message(lang) }
        if raw.isEmpty { return field.required ? lang.pick("必填", "required") : nil }
        switch field.kind {
        case .date:
            return Day.parse(raw) == nil
                ? lang.pick("日期无效 (如 2026-03-05、2026/3/5、2026年3月5日)", "not a date (e.g. 2026-03-05, 2026/3/5)")
                : nil
        case .points(let max):
            guard let value = Double(raw), value.isFinite else { return lang.pick("应为数字", "must be a number") }
            if value < 0 || value > max { return lang.pick("应在 0 到 \(formatNumber(max)) 之间", "must be between 0 and \(formatNumber(max))") }
            if (value * 2).rounded() != value * 2 { return lang.pick("以 0.5 分为步长", "in steps of 0.5") }
            return nil
        case .number(let min, let max, let integer):
            guard let value = Double(raw), value.isFinite else { return lang.pick("应为数字", "must be a number") }
            if integer && value.rounded() != value { return lang.pick("应为整数", "must be a whole number") }
            if value < min || value > max {
                return lang.pick("应在 \(formatNumber(min)) 到 \(formatNumber(max)) 之间", "must be between \(formatNumber(min)) and \(formatNumber(max))")
            }
            return nil
        default:
            return nil
        }
    }
}
