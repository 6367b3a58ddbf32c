/// The words of 一支部一清单 and the plan's rhythm (the pane, the command line and the report share them).
public extension TaskPeriod {
    /// 2026年10月, 2026年第4季度, 2026年下半年, 2026年.
    func name(_ lang: Language) -> String {
        switch unit {
        case .month: lang.pick("\(year)年\(index)月", key)
        case .quarter: lang.pick("\(year)年第\(index)季度", key)
        case .halfYear: lang.pick("\(year)年\(index == 1 ? "上" : "下")半年", key)
        case .year: lang.pick("\(year)年", key)
        }
    }
}

public extension TaskRecurrence {
    /// 每月25日, 每季度末, 每半年末, 每年底; monthly (25), quarterly, half-yearly (m6 d15), yearly.
    func name(_ lang: Language) -> String {
        let d = day.map { lang.pick("\($0)日", "d\($0)") }
        let m = month.map { lang.pick("第\($0)个月", "m\($0)") }
        let detail = [m, d].compactMap { $0 }.joined(separator: " ")
        switch every {
        case .month: return d.map { lang.pick("每月\($0)", "monthly (\(day!))") } ?? lang.pick("每月底", "monthly")
        case .quarter:
            return detail.isEmpty ? lang.pick("每季度末", "quarterly") : lang.pick("每季度" + (m ?? "末月") + (d ?? "底"), "quarterly (\(detail))")
        case .halfYear:
            return detail.isEmpty ? lang.pick("每半年末", "half-yearly") : lang.pick("每半年" + (m ?? "末月") + (d ?? "底"), "half-yearly (\(detail))")
        case .year:
            return detail.isEmpty ? lang.pick("每年底", "yearly")
                : lang.pick("每年" + (month.map { "\($0)月" } ?? "12月") + (d ?? "底"), "yearly (\(detail))")
        }
    }
}

public extension TaskScope {
    func name(_ lang: Language) -> String {
        switch self {
        case .all: lang.pick("全部支部", "all branches")
        case .sector: lang.pick("按类别", "a sector")
        case .generalBranch: lang.pick("党总支所属支部", "a general branch's")
        case .branches: lang.pick("指定支部", "listed branches")
        }
    }
}

public extension TaskAssignment {
    /// 全部支部, 农村支部, 机关党总支所属支部, 3个支部.
    func name(_ lang: Language, in org: Organisation) -> String {
        switch scope {
        case .all: return scope.name(lang)
        case .sector:
            let s = sector.flatMap(Sector.init(rawValue:))
            return s.map { lang.pick("\($0.name(lang))支部", "\($0.name(lang)) branches") } ?? (sector ?? "")
        case .generalBranch:
            let name = org.generalBranches.first { $0.id == generalBranch }?.name ?? generalBranch ?? ""
            return lang.pick("\(name)所属支部", "branches of \(name)")
        case .branches:
            let n = branches?.count ?? 0
            return lang.pick("\(n)个支部", "\(n) branch\(n == 1 ? "" : "es")")
        }
    }
}

public extension BranchTaskFigure {
    /// The branch's standing in a word: 已完成, 逾期, 推进中 …
    func standing(_ lang: Language) -> String {
        if isLate { return lang.pick("逾期", "late") }
        if isDone { return TaskStatus.done.name(lang) }
        if recurring { return due.isEmpty ? lang.pick("未到期", "not yet due") : lang.pick("按期", "on time") }
        return state.status.name(lang)
    }
}
