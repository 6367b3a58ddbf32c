import PartyModel

/// One line of a detail page: pieces of text with their roles.
struct DetailLine {
    var pieces: [(String, StyleRole)]
    init(_ pieces: [(String, StyleRole)]) { self.pieces = pieces }
    init(_ text: String, _ role: StyleRole = .text) { pieces = [(text, role)] }
    static let blank = DetailLine("")
}

/// Pages opened with Enter: a branch, a check, a rectification's history, an activity.
enum DetailView {
    static func title(_ detail: Detail, _ state: AppState) -> String {
        let lang = state.lang
        switch detail {
        case .branch(let id): return state.data.branchName(id)
        case .check(let id, let q): return lang.pick("季度检查 ", "Check ") + state.data.branchName(id) + " Q\(q.number)"
        case .rectification(let id): return lang.pick("整改 ", "Rectification ") + id
        case .activity: return lang.pick("活动", "Activity")
        case .member(let id): return lang.pick("党员 ", "Member ") + (state.data.compliance.members.member(id)?.name ?? id)
        case .candidate(let id): return lang.pick("发展党员 ", "Development ") + (state.data.workspace.candidates.first { $0.id == id }?.name ?? id)
        case .target(let id): return TargetsText.title(lang) + " " + (state.data.workspace.targets.targets.first { $0.id == id }?.title ?? id)
        }
    }

    static func draw(_ canvas: inout Canvas, _ state: AppState, _ detail: Detail, in area: (x: Int, y: Int, width: Int, height: Int)) {
        canvas.box(x: area.x, y: area.y, width: area.width, height: area.height, role: .border)
        let lines = self.lines(detail, state)
        let rows = area.height - 2
        let scroll = max(0, min(state.detailScroll, lines.count - rows))
        for (i, line) in lines.dropFirst(scroll).prefix(rows).enumerated() {
            var x = area.x + 2
            for (text, role) in line.pieces {
                x += canvas.put(text, x: x, y: area.y + 1 + i, role: role, maxWidth: area.x + area.width - 2 - x)
            }
        }
        let hint = state.lang.pick(" Esc 返回 ", " Esc back ")
        canvas.put(hint, x: area.x + area.width - DisplayWidth.of(hint) - 2, y: area.y + area.height - 1, role: .muted)
    }

    static func lines(_ detail: Detail, _ state: AppState) -> [DetailLine] {
        switch detail {
        case .branch(let id): return branch(id, state)
        case .check(let id, let q): return check(id, q, state)
        case .rectification(let id): return rectification(id, state)
        case .activity(let id): return activity(id, state)
        case .member(let id): return member(id, state)
        case .candidate(let id): return candidate(id, state)
        case .target(let id): return TargetsPane.detailLines(id, state)
        }
    }

    static func branch(_ id: String, _ state: AppState) -> [DetailLine] {
        let data = state.data, lang = state.lang
        guard let b = data.workspace.organisation.branches.first(where: { $0.id == id }) else { return [DetailLine(id)] }
        var out: [DetailLine] = []
        out.append(DetailLine([(lang.pick("班子", "Leadership"), .header)]))
        out.append(DetailLine(lang.pick("书记 ", "Secretary ") + (b.secretary ?? lang.pick("空缺", "vacant")) + "   "
                              + lang.pick("副书记 ", "Deputy ") + (b.deputySecretary ?? "-") + "   "
                              + lang.pick("委员 ", "Members ") + (b.committeeMembers.isEmpty ? "-" : b.committeeMembers.joined(separator: "、"))))
        let term = (b.termStart?.iso ?? "?") + " ~ " + (b.termEnd?.iso ?? "?")
        let termRole: StyleRole = b.termEnd.map { $0 < data.asOf ? .bad : .text } ?? .warn
        out.append(DetailLine([(lang.pick("任期 ", "Term ") + term, termRole),
                               ("   " + lang.pick("联系领导 ", "Contact leader ") + (b.contactLeader ?? "-"), .text)]))
        // The counts of the as-of day, and where they come from (the roster, or entered on the branch).
        let counts = data.compliance.members.counts(b, on: data.asOf)
        let source = counts.source.name(lang)
        out.append(DetailLine(lang.pick("党员 \(counts.total) 名 (正式 \(counts.full), 预备 \(counts.probationary); \(source))",
                                        "\(counts.total) members (full \(counts.full), probationary \(counts.probationary); \(source))")
                              + (b.isJointBranch ? lang.pick("  联合党支部", "  joint branch") : "")
                              + (b.hasCommittee ? lang.pick("  设支委会", "  has a committee") : lang.pick("  未设支委会", "  no committee"))))
        if !b.partyGroups.isEmpty {
            out.append(DetailLine(lang.pick("党小组: ", "Groups: ") + b.partyGroups.map { "\($0.name)(\($0.leader ?? "-"), \($0.size))" }.joined(separator: "  ")))
        }
        out.append(.blank)
        if let s = data.yearScores.branches.first(where: { $0.branchId == id }) {
            out.append(DetailLine([(lang.pick("考评 \(data.year)年", "Score \(data.year)"), .header),
                                   ("  \(UIText.points(s.total))  ", .accent), (s.grade.name(lang), UIText.role(grade: s.grade)),
                                   (lang.pick("  第\(s.rank)名", "  rank \(s.rank)") + (s.strongest ? "  " + UIText.strongest(lang) : ""), .text)]))
            for category in data.workspace.scoring.categories {
                let points = s.categories[category.id] ?? 0
                let max = data.workspace.scoring.categoryMax(category.id)
                out.append(DetailLine([(DisplayWidth.pad(category.name, to: 12), .text),
                                       (DisplayWidth.pad(UIText.oneDecimal(points), to: 6, alignRight: true), UIText.role(ratio: max > 0 ? points / max / 0.9 : 1)),
                                       (" / \(formatNumber(max))", .muted)]))
            }
            if s.bonus > 0 || s.deduction > 0 {
                out.append(DetailLine(lang.pick("加分 \(UIText.points(s.bonus))  扣分 \(UIText.points(s.deduction)) (逾期整改 \(s.overdueRectifications) 项\(s.termOverdue ? ", 换届逾期" : ""))",
                                                 "bonus \(UIText.points(s.bonus))  deduction \(UIText.points(s.deduction)) (\(s.overdueRectifications) overdue\(s.termOverdue ? ", term overdue" : ""))"), .muted))
            }
            out.append(.blank)
        }
        out.append(DetailLine(lang.pick("三会一课", "Meetings"), .header))
        for q in Quarter.all(of: data.year) where q.firstDay <= data.asOf {
            let c = data.compliance.quarter(b, q, asOf: data.asOf)
            let kinds = (ActivityKind.threeMeetingsOneLesson + [.themedPartyDay]).map { k in "\(k.name(lang)) \(KindCount.shown(c.kinds[k]!))" }
            out.append(DetailLine([("Q\(q.number) ", .accent), (DisplayWidth.pad(UIText.percent(c.threeMeetingsOneLesson), to: 5), UIText.role(ratio: c.threeMeetingsOneLesson)),
                                   (kinds.joined(separator: "  "), .text)]))
        }
        out.append(.blank)
        let alerts = data.alerts.filter { $0.branchId == id }
        out.append(DetailLine(lang.pick("预警 (\(alerts.count))", "Alerts (\(alerts.count))"), .header))
        for a in alerts { out.append(DetailLine([(a.severity.name(lang) + " ", UIText.role(severity: a.severity)), (a.message(lang), .text)])) }
        out.append(.blank)
        out.append(DetailLine(lang.pick("季度检查", "Checks"), .header))
        for q in Quarter.all(of: data.year) {
            let status = data.engine.checkStatus(branch: id, quarter: q, asOf: data.asOf)
            let text = status.check.map { "\($0.date.iso)  \(UIText.points($0.totalPoints))/\(formatNumber(data.workspace.checkTemplate.totalPoints))  \($0.inspectors.joined(separator: "、"))" }
                ?? (q.lastDay < data.asOf ? lang.pick("未检查", "no check") : lang.pick("未到期", "not yet due"))
            out.append(DetailLine([("Q\(q.number) ", .accent), (text, status.check == nil && q.lastDay < data.asOf ? .bad : .text)]))
        }
        out.append(.blank)
        let rects = data.workspace.rectifications.filter { $0.branchId == id }.sorted { $0.openedOn > $1.openedOn }
        out.append(DetailLine(lang.pick("整改 (\(rects.count))", "Rectifications (\(rects.count))"), .header))
        for r in rects {
            let overdue = r.isOverdue(on: data.asOf)
            out.append(DetailLine([(r.dueOn.iso + " ", overdue ? .bad : .muted), (DisplayWidth.pad(r.status.name(lang), to: 7), overdue ? .bad : .text), (r.description, .text)]))
        }
        out.append(.blank)
        let quarter = data.selectedQuarter
        let kind = state.activityKind
        let acts = data.workspace.activities.filter { $0.branchId == id && quarter.contains($0.date) && (kind == nil || $0.kind == kind) }
            .sorted { $0.date > $1.date }
        out.append(DetailLine([(lang.pick("活动 \(quarter.name(lang))", "Activities \(quarter.name(lang))"), .header),
                               ("  " + (kind.map { $0.name(lang) } ?? lang.pick("全部类型", "all kinds")) + lang.pick(" (t 切换类型, [ ] 换季度)", " (t kind, [ ] quarter)"), .muted)]))
        for a in acts {
            out.append(DetailLine([(a.date.iso + " ", .muted), (DisplayWidth.pad(a.kind.name(lang), to: 10), .accent), (a.title, .text),
                                   (a.headcount.attended.map { "  \($0)/\(a.headcount.expected ?? $0)" } ?? "", .muted)]))
        }
        return out
    }

    static func check(_ id: String, _ quarter: Quarter, _ state: AppState) -> [DetailLine] {
        let data = state.data, lang = state.lang
        let status = data.engine.checkStatus(branch: id, quarter: quarter, asOf: data.asOf)
        guard let check = status.check else {
            return [DetailLine(lang.pick("\(quarter.name(lang))尚无检查记录", "No check recorded for \(quarter.name(lang))"), .warn)]
        }
        var out = [
            DetailLine(lang.pick("检查日期 ", "Date ") + check.date.iso + lang.pick("   检查人 ", "   Inspectors ") + check.inspectors.joined(separator: "、")),
            DetailLine(lang.pick("书记季度报告: ", "Secretary's report: ") + (check.reportReceived ? UIText.yes(lang) : UIText.no(lang)), check.reportReceived ? .good : .warn),
        ]
        if let notes = check.notes { out.append(DetailLine(lang.pick("备注: ", "Notes: ") + notes, .muted)) }
        out.append(.blank)
        out.append(DetailLine([(DisplayWidth.pad(lang.pick("检查项", "Item"), to: 28), .header), (lang.pick("  得分/满分", "  points/max"), .header)]))
        for item in data.workspace.checkTemplate.items {
            let points = check.points[item.id] ?? 0
            out.append(DetailLine([(DisplayWidth.pad(item.title, to: 28), .text),
                                   (DisplayWidth.pad(formatNumber(points), to: 6, alignRight: true), UIText.role(ratio: points / item.maxPoints / 0.95)),
                                   (" / " + formatNumber(item.maxPoints), .muted)]))
        }
        out.append(DetailLine([(DisplayWidth.pad(lang.pick("合计", "Total"), to: 28), .header),
                               (DisplayWidth.pad(UIText.points(check.totalPoints), to: 6, alignRight: true), .accent),
                               (" / " + formatNumber(data.workspace.checkTemplate.totalPoints), .muted)]))
        out.append(.blank)
        out.append(DetailLine(lang.pick("发现问题 (\(status.findings.count))", "Findings (\(status.findings.count))"), .header))
        for r in status.findings {
            let overdue = r.isOverdue(on: data.asOf)
            out.append(DetailLine([(r.id + " ", .muted), (DisplayWidth.pad(r.status.name(lang), to: 7), overdue ? .bad : r.status == .closed ? .good : .fair),
                                   (r.description, .text), (lang.pick("  期限 ", "  due ") + r.dueOn.iso, overdue ? .bad : .muted)]))
        }
        return out
    }

    static func rectification(_ id: String, _ state: AppState) -> [DetailLine] {
        let data = state.data, lang = state.lang
        guard let r = data.workspace.rectifications.first(where: { $0.id == id }) else { return [DetailLine(id)] }
        let overdue = r.isOverdue(on: data.asOf)
        var out = [
            DetailLine(r.description, .title),
            DetailLine(lang.pick("支部 ", "Branch ") + data.branchName(r.branchId) + lang.pick("   责任人 ", "   Owner ") + r.owner),
            DetailLine(lang.pick("发现 ", "Opened ") + r.openedOn.iso + lang.pick("   期限 ", "   Due ") + r.dueOn.iso + (overdue ? "  " + UIText.overdue(lang) : ""), overdue ? .bad : .text),
            DetailLine(lang.pick("状态 ", "Status ") + r.status.name(lang), r.status == .closed ? .good : .fair),
            DetailLine(lang.pick("来源 ", "Source ") + (r.sourceCheckId ?? "-"), .muted),
            .blank,
            DetailLine(lang.pick("办理记录", "History"), .header),
        ]
        if r.history.isEmpty { out.append(DetailLine(lang.pick("(尚无办理记录)", "(no changes yet)"), .muted)) }
        for e in r.history {
            var line: [(String, StyleRole)] = [(e.date.iso + "  ", .muted), ("\(e.from.name(lang)) -> \(e.to.name(lang))", .accent)]
            if let note = e.note { line.append(("  " + note, .text)) }
            if let who = e.acceptedBy { line.append((lang.pick("  验收人 ", "  accepted by ") + who, .text)) }
            out.append(DetailLine(line))
        }
        return out
    }

    static func activity(_ id: String, _ state: AppState) -> [DetailLine] {
        let data = state.data, lang = state.lang
        guard let a = data.workspace.activities.first(where: { $0.id == id }) else { return [DetailLine(id)] }
        var out = [
            DetailLine(a.title, .title),
            DetailLine(lang.pick("日期 ", "Date ") + a.date.iso + "   " + a.kind.name(lang)),
            DetailLine(lang.pick("支部 ", "Branch ") + data.branchName(a.branchId)),
        ]
        if let p = a.place { out.append(DetailLine(lang.pick("地点 ", "Place ") + p)) }
        if let h = a.host { out.append(DetailLine(lang.pick("主持人 ", "Host ") + h)) }
        let count = a.headcount
        if let at = count.attended {
            out.append(DetailLine(lang.pick("实到/应到 ", "Attended ") + "\(at)/\(count.expected.map(String.init) ?? "?")"
                                  + (count.fromList ? lang.pick("  (签到表)", "  (attendance list)") : "")))
        }
        if let list = a.attendance {
            // The 签到表: how many of each kind, then who was absent and why.
            var absent: [AbsenceReason: Int] = [:]
            for e in list where !e.present { absent[e.absenceReason ?? .unexcused, default: 0] += 1 }
            let parts = [lang.pick("出席 \(list.count - absent.values.reduce(0, +))", "present \(list.count - absent.values.reduce(0, +))")]
                + AbsenceReason.allCases.compactMap { r in absent[r].map { r.name(lang) + " \($0)" } }
            out.append(DetailLine(lang.pick("签到表 ", "Attendance list ") + parts.joined(separator: "  "), .header))
            let ledger = data.compliance.members
            for e in list where !e.present {
                let reason = e.absenceReason ?? .unexcused
                out.append(DetailLine([("  " + (ledger.member(e.memberId)?.name ?? e.memberId) + "  ", .text),
                                       (reason.name(lang), reason.isExcused ? .muted : .bad)]))
            }
        }
        if let people = a.participants, !people.isEmpty {
            out.append(DetailLine(lang.pick("谈话对象 ", "Talked with ") + people.map(\.name).joined(separator: "、")))
        }
        if let h = a.hours { out.append(DetailLine(lang.pick("学时 ", "Hours ") + formatNumber(h))) }
        if let g = a.partyGroupId { out.append(DetailLine(lang.pick("党小组 ", "Group ") + g)) }
        if let n = a.notes { out.append(DetailLine(lang.pick("备注 ", "Notes ") + n, .muted)) }
        out.append(DetailLine(lang.pick("编号 ", "Id ") + a.id, .muted))
        return out
    }
}
