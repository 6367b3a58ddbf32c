import PartyModel

/// Words the dashboard uses in more than one place.
enum UIText {
    /// The status bar's mark for a workspace that fails validation.
    static func problems(_ count: Int, _ lang: Language) -> String {
        lang.pick("⚠ 数据有 \(count) 处问题 (partydesk validate)", "⚠ \(count) data problem(s) (partydesk validate)")
    }
    static func percent(_ ratio: Double) -> String { formatPercent(ratio) }
    static func points(_ value: Double) -> String {
        let r = roundHalfUp2(value)
        let whole = Int(r)
        let cents = Int((abs(r - Double(whole)) * 100).rounded())
        return "\(whole).\(cents < 10 ? "0" : "")\(cents)"
    }
    /// Whole 元 with thousands separators (`1,234,568`): a tile has no room for the 分.
    static func wholeYuan(fen: Int) -> String {
        let yuan = Int((Double(fen) / 100).rounded(.toNearestOrAwayFromZero))
        let digits = String(abs(yuan))
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (yuan < 0 ? "-" : "") + out
    }
    static func oneDecimal(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(abs(tenths % 10))"
    }
    static func period(_ year: Int, _ quarter: Int, _ lang: Language) -> String { Quarter(year: year, number: quarter)!.name(lang) }
    static func yes(_ lang: Language) -> String { lang.pick("是", "yes") }
    static func no(_ lang: Language) -> String { lang.pick("否", "no") }
    static func demo(_ lang: Language) -> String { lang.pick("示例", "DEMO") }
    static func strongest(_ lang: Language) -> String { lang.pick("最强", "best") }
    static func overdue(_ lang: Language) -> String { lang.pick("逾期", "late") }

    /// Role for a ratio: ≥ 100 % good, ≥ 80 % fair, ≥ 60 % warn, else bad.
    static func role(ratio: Double) -> StyleRole {
        ratio >= 0.999 ? .good : ratio >= 0.8 ? .fair : ratio >= 0.6 ? .warn : .bad
    }

    static func role(grade: Grade) -> StyleRole {
        switch grade {
        case .good: .good
        case .fairlyGood: .fair
        case .average: .warn
        case .poor: .bad
        }
    }

    static func role(severity: Severity) -> StyleRole {
        switch severity {
        case .critical: .bad
        case .warning: .warn
        case .notice: .muted
        }
    }

    /// Two-character category labels for narrow columns (政治功能强 → 政治).
    static func shortCategory(_ category: ScoreCategory) -> String { String(category.name.prefix(2)) }
}
