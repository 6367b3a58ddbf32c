public extension Alert {
    /// " (张三、李四等)": the names an alert gives, with 等 when there are more members than names.
    private static func names(_ names: [String], of count: Int, _ lang: Language) -> String {
        guard !names.isEmpty else { return "" }
        let list = names.joined(separator: lang.pick("、", ", "))
        return count > names.count ? lang.pick(" (\(list)等)", " (\(list) and others)") : " (\(list))"
    }

    /// The full message. `naming`: false leaves out the members' names an alert carries (the printed
    /// report: personal data stays off paper that travels).
    func message(_ lang: Language, naming: Bool = true) -> String {
        switch kind {
        case .termEndsSoon(let end, let months):
            return lang.pick("任期将于 \(end.iso) 届满 (\(months)个月内), 请筹备换届", "term ends \(end.iso) (within \(months) months): prepare the election")
        case .termOverdue(let end):
            return lang.pick("任期已于 \(end.iso) 届满, 换届逾期", "term ended \(end.iso): election overdue")
        case .termUnknown:
            return lang.pick("任期起止日期未登记", "term dates not recorded")
        case .tooFewFullMembers(let full, let minimum):
            return lang.pick("正式党员 \(full) 名, 不足 \(minimum) 名, 应成立联合党支部", "\(full) full members, fewer than \(minimum): should form a joint branch")
        case .noCommittee(let full, let threshold):
            return lang.pick("正式党员 \(full) 名 (\(threshold) 名以上) 未设支部委员会", "\(full) full members (\(threshold)+) but no branch committee")
        case .tooLargeForBranch(let members, let maximum):
            return lang.pick("党员 \(members) 名, 达到 \(maximum) 名以上, 应设立党总支", "\(members) members, \(maximum) or more: should be a general branch")
        case .shouldBeCommittee(let members, let threshold):
            return lang.pick("党员 \(members) 名 (\(threshold) 名以上), 应成立基层党委", "\(members) members (\(threshold)+): should be a Party committee")
        case .noPartyGroups(let members, let threshold):
            return lang.pick("党员 \(members) 名 (\(threshold) 名以上) 未划分党小组", "\(members) members (\(threshold)+) without party groups")
        case .partyGroupTooLarge(let group, let size, let maximum):
            return lang.pick("\(group) 有 \(size) 人, 超过 \(maximum) 人, 应分设党小组", "\(group) has \(size) members, over \(maximum): split the group")
        case .duesArrears(let members, let months, let names):
            let who = naming ? Self.names(names, of: members, lang) : ""
            return lang.pick("\(members) 名党员连续 \(months) 个月以上未交党费\(who), 请支部了解情况 (党章第九条)",
                             "\(members) member(s) \(months)+ consecutive months without paying dues\(who): the branch should look into it (Party Constitution, Art. 9)")
        case .trainingHoursShort(let year, let members, let names):
            let who = naming ? Self.names(names, of: members, lang) : ""
            return lang.pick("\(members) 名党员\(year)年培训学时未达要求\(who), 请在年底前补足",
                             "\(members) member(s) short of their \(year) training hours\(who): make them up before the year ends")
        case .unexcusedAbsence(let months, let members, let names):
            let who = naming ? Self.names(names, of: members, lang) : ""
            return lang.pick("\(members) 名党员连续 \(months) 个月无故不参加组织生活\(who), 请支部了解情况 (党章第九条)",
                             "\(members) member(s) absent without reason from organisational life \(months) months running\(who): the branch should look into it (Party Constitution, Art. 9)")
        case .talksMissing(let year, let required, let members, let names):
            let who = naming ? Self.names(names, of: members, lang) : ""
            return lang.pick("\(members) 名党员\(year)年尚未与书记或支委谈心谈话 (每年至少 \(required) 次)\(who), 请在年底前安排",
                             "\(members) member(s) without a \(year) talk with the secretary or a committee member (at least \(required) a year)\(who): arrange them before the year ends")
        case .unqualifiedFollowUp(let members, let names):
            let who = naming ? Self.names(names, of: members, lang) : ""
            return lang.pick("\(members) 名党员民主评议为不合格\(who), 尚未登记处置情况, 请按规定处置不合格党员",
                             "\(members) member(s) rated unqualified in the democratic review\(who), no follow-up recorded: deal with them as the rules require")
        case .meetingsBehind(let quarter, let kinds):
            let names = kinds.map { $0.name(lang) }.joined(separator: lang.pick("、", ", "))
            return lang.pick("\(quarter.name(lang))已过的月份未按要求开展: \(names)", "\(quarter.name(lang)): a month already ended without \(names)")
        case .meetingsDueSoon(let quarter, let kinds):
            let names = kinds.map { $0.name(lang) }.joined(separator: lang.pick("、", ", "))
            return lang.pick("\(quarter.name(lang))末月, 尚待开展: \(names)", "\(quarter.name(lang)) ends this month; still to hold: \(names)")
        case .checkMissing(let quarter):
            return lang.pick("\(quarter.name(lang))未录入季度检查", "no quarterly check recorded for \(quarter.name(lang))")
        case .checkDue(let quarter, let missingAfter):
            return lang.pick("\(quarter.name(lang))季度检查待录入 (\(missingAfter.iso) 后视为缺失)", "quarterly check for \(quarter.name(lang)) not yet recorded (missing after \(missingAfter.iso))")
        case .secretaryLesson(let year, let given, let required, let ended):
            return ended
                ? lang.pick("\(year)年书记讲党课 \(given) 次, 少于 \(required) 次", "in \(year) the secretary gave \(given) party lesson(s), fewer than \(required)")
                : lang.pick("\(year)年书记尚未讲党课 (已讲 \(given) 次, 应讲 \(required) 次), 请在年底前安排", "the secretary has given \(given) of \(required) party lesson(s) in \(year): plan one before the year ends")
        case .rectificationOverdue(let id, let description, let due):
            return lang.pick("整改逾期 (\(id), 期限 \(due.iso)): \(description)", "rectification overdue (\(id), due \(due.iso)): \(description)")
        case .secretaryVacant(let since, let months, let limit):
            guard let since, let months else {
                return lang.pick("书记空缺 (空缺起始日期未登记, 按超过 \(limit) 个月处理)", "secretary vacant (since an unrecorded day: taken as over \(limit) months)")
            }
            return months > limit
                ? lang.pick("书记空缺 \(months) 个月 (自 \(since.iso)), 超过 \(limit) 个月", "secretary vacant for \(months) months (since \(since.iso)), over \(limit)")
                : lang.pick("书记空缺 \(months) 个月 (自 \(since.iso)), 请在 \(limit) 个月内配齐", "secretary vacant for \(months) months (since \(since.iso)): fill it within \(limit)")
        case .development(let kind, let people, let names):
            return kind.message(people: people, who: naming ? Self.names(names, of: people, lang) : "", lang)
        case .fundsBelowStandard(let year, let standard, let allocated, let required):
            let a = Money(fen: allocated).description, r = Money(fen: required).description
            return lang.pick("\(year)年\(standard)已拨付 \(a) 元, 低于标准 \(r) 元", "\(year) \(standard): \(a) yuan allocated, below the standard of \(r)")
        case .taskOccurrenceLate(let task, let title, let periods, let due):
            let list = periods.joined(separator: lang.pick("、", ", "))
            return lang.pick("任务「\(title)」(\(task)) \(list) 未按期完成 (最早一期应于 \(due.iso) 前完成)",
                             "task \"\(title)\" (\(task)) not done for \(list) (the first was due by \(due.iso))")
        case .taskBranchLate(let task, let title, let deadline):
            return lang.pick("任务「\(title)」(\(task)) 已过期限 \(deadline.iso), 本支部尚未完成", "task \"\(title)\" (\(task)) past its deadline \(deadline.iso), not done by this branch")
        case .targetBehind(_, let title, let actual, let milestone, let comparison, let unit, let quarter):
            let a = actual.map { unit.format($0) } ?? lang.pick("无数据", "no figure")
            return lang.pick("目标「\(title)」落后: 当前 \(a), \(quarter.name(lang))末应 \(comparison.symbol) \(unit.format(milestone))",
                             "target \"\(title)\" behind: \(a) now, \(comparison.symbol) \(unit.format(milestone)) due by the end of \(quarter.name(lang))")
        case .targetMissed(_, let title, let actual, let value, let comparison, let unit, let deadline):
            let a = actual.map { unit.format($0) } ?? lang.pick("无数据", "no figure")
            return lang.pick("目标「\(title)」未达成: 截至 \(deadline.iso) 为 \(a), 目标 \(comparison.symbol) \(unit.format(value))",
                             "target \"\(title)\" missed: \(a) at \(deadline.iso), target \(comparison.symbol) \(unit.format(value))")
        }
    }
}

public extension AlertKind {
    /// What kind of alert this is, in a few words with its threshold and no names or records: the
    /// wall display counts alerts by it and the alerts pane shows it beside the full message.
    func title(_ lang: Language) -> String {
        switch self {
        case .termEndsSoon(_, let months): lang.pick("\(months)个月内换届", "elections within \(months) months")
        case .termOverdue: lang.pick("换届逾期", "elections overdue")
        case .termUnknown: lang.pick("任期未登记", "terms not recorded")
        case .tooFewFullMembers(_, let minimum): lang.pick("正式党员不足\(minimum)人", "fewer than \(minimum) full members")
        case .noCommittee: lang.pick("应设未设支委会", "no committee where due")
        case .tooLargeForBranch(_, let maximum): lang.pick("\(maximum)人以上应设党总支", "\(maximum)+ members")
        case .shouldBeCommittee(_, let threshold): lang.pick("\(threshold)人以上应设党委", "\(threshold)+ members")
        case .noPartyGroups: lang.pick("未划分党小组", "no party groups")
        case .partyGroupTooLarge(_, _, let maximum): lang.pick("党小组超过\(maximum)人", "party groups over \(maximum)")
        case .duesArrears(_, let months, _): lang.pick("党费欠缴\(months)个月以上", "dues \(months)+ months behind")
        case .trainingHoursShort: lang.pick("党员学时未达标", "members short of training hours")
        case .unexcusedAbsence(let months, _, _): lang.pick("连续\(months)个月无故缺席组织生活", "absent without reason \(months)+ months")
        case .talksMissing: lang.pick("谈心谈话未覆盖全体党员", "members without a talk this year")
        case .unqualifiedFollowUp: lang.pick("处置不合格党员", "unqualified members to follow up")
        case .meetingsBehind: lang.pick("组织生活未按期开展", "meetings missed")
        case .meetingsDueSoon: lang.pick("本季度末待开展", "meetings due this month")
        case .checkMissing: lang.pick("季度检查未录入", "quarterly check missing")
        case .checkDue: lang.pick("季度检查待录入", "quarterly check due")
        case .secretaryLesson(_, _, _, let ended): ended ? lang.pick("书记全年未讲党课", "secretary gave no party lesson") : lang.pick("书记年内待讲党课", "secretary's party lesson due")
        case .rectificationOverdue: lang.pick("整改逾期", "rectifications overdue")
        case .secretaryVacant: lang.pick("书记空缺", "secretary vacant")
        case .development(let kind, _, _): kind.title(lang)
        case .fundsBelowStandard: lang.pick("经费低于标准", "funds below standard")
        case .taskOccurrenceLate: lang.pick("任务逾期未报", "task occurrences late")
        case .taskBranchLate: lang.pick("任务逾期未完成", "tasks past deadline")
        case .targetBehind: lang.pick("目标落后", "target behind")
        case .targetMissed: lang.pick("目标未达成", "target missed")
        }
    }
}
