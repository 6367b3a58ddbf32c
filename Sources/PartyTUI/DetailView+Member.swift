import PartyModel

/// A member's page: the record, the moves of their 组织关系, the year's dues month by month and their
/// training hours (activities attended and individual entries) against the requirement.
extension DetailView {
    static func member(_ id: String, _ state: AppState) -> [DetailLine] {
        let data = state.data, lang = state.lang
        let ledger = data.compliance.members
        guard let m = ledger.member(id) else { return [DetailLine(id)] }
        let asOf = data.asOf, year = data.year
        let ws = data.workspace
        func field(_ label: String, _ value: String, _ role: StyleRole = .text, width: Int = 26) -> [(String, StyleRole)] {
            [(DisplayWidth.pad(label, to: 10), .muted), (DisplayWidth.pad(value.isEmpty ? "-" : value, to: width) + "  ", role)]
        }
        func place(_ end: TransferEnd) -> String {
            switch end {
            case .branch(let b): data.branchName(b)
            case .outside(let text): text
            }
        }
        var out: [DetailLine] = []
        let branch = m.branch(on: asOf)
        let status = m.status(on: asOf)
        out.append(DetailLine([(m.name, .title), ("   " + lang.pick("编号 ", "id ") + m.id, .muted)]))
        if let branch {
            let group = m.partyGroupId.flatMap { g in ws.organisation.branches.first { $0.id == branch }?.partyGroups.first { $0.id == g }?.name }
            out.append(DetailLine(field(lang.pick("支部", "Branch"), data.branchName(branch)) + field(lang.pick("党小组", "Group"), group ?? "")))
        } else if let since = m.memberSince, asOf < since {
            out.append(DetailLine(field(lang.pick("支部", "Branch"), data.branchName(m.branchId)) + [(lang.pick("自 \(since.iso) 起", "from \(since.iso)"), .warn)]))
        } else {
            let when = m.leftOn ?? m.transfers.last?.date
            let reason = m.leftReason?.name(lang) ?? LeaveReason.transferredOut.name(lang)
            out.append(DetailLine([(DisplayWidth.pad(lang.pick("已离开", "Left"), to: 10), .muted),
                                   ((when?.iso ?? "?") + " " + reason + lang.pick(" (原属 ", " (was in ") + data.branchName(m.branchId) + ")", .warn)]))
        }
        var statusText = status.name(lang)
        if let end = m.probationEnd {
            statusText += status == .probationary ? lang.pick(" (预备期至 \(end.iso))", " (until \(end.iso))") : lang.pick(" (\(end.iso) 转正)", " (full from \(end.iso))")
        }
        out.append(DetailLine(field(lang.pick("状态", "Status"), statusText, status == .probationary ? .accent : .text)
                              + field(lang.pick("职务", "Role"), m.role.name(lang))))
        out.append(DetailLine(field(lang.pick("性别", "Gender"), m.gender?.name(lang) ?? "") + field(lang.pick("出生日期", "Born"), m.birthDate?.iso ?? "")))
        out.append(DetailLine(field(lang.pick("学历", "Education"), m.education ?? "") + field(lang.pick("联系电话", "Phone"), m.phone ?? "")))
        out.append(DetailLine(field(lang.pick("入党日期", "Joined"), m.joinDate?.iso ?? "") + field(lang.pick("接收预备", "Accepted"), m.acceptedOn?.iso ?? "")))
        let due = m.dues.map { ledger.rules.dues.monthlyDue($0) }
        let arrears = ledger.arrears(m, asOf: asOf)
        out.append(DetailLine(field(lang.pick("党费类别", "Dues"), m.dues?.name(lang) ?? lang.pick("未登记", "not recorded"))
                              + field(lang.pick("月应交", "Monthly"), due.map { lang.pick("\($0) 元", "\($0)") } ?? lang.pick("不详", "unknown"))))
        if let mobile = m.mobile {
            out.append(DetailLine(field(lang.pick("流动党员", "Away"), mobile.place + (mobile.since.map { lang.pick(" (自 \($0.iso))", " (since \($0.iso))") } ?? ""), .accent, width: 40)))
        }
        out.append(.blank)

        out.append(DetailLine(lang.pick("组织关系转接 (\(m.transfers.count))", "Transfers (\(m.transfers.count))"), .header))
        if m.transfers.isEmpty { out.append(DetailLine(lang.pick("(无)", "(none)"), .muted)) }
        for t in m.transfers {
            out.append(DetailLine([(t.date.iso + "  ", .muted), (place(t.from) + " -> " + place(t.to), .text),
                                   (t.letterNumber.map { lang.pick("  介绍信 ", "  letter ") + $0 } ?? "", .muted)]))
        }
        out.append(.blank)

        // The year's dues, month by month (as of today: later months only when paid ahead).
        let months = (1...12).compactMap { YearMonth(year: year, month: $0) }
        let figures = months.map { ledger.month(m, $0, asOf: asOf) }
        let owed = figures.filter(\.owed)
        let dueSum = owed.compactMap(\.due).reduce(Money.zero, +)
        let paidSum = figures.compactMap(\.paid).reduce(Money.zero, +)
        out.append(DetailLine([(lang.pick("\(year)年党费", "Dues \(year)"), .header),
                               (lang.pick("  应交 \(dueSum) 元, 已交 \(paidSum) 元; 欠缴 \(arrears) 个月", "  due \(dueSum), paid \(paidSum); \(arrears) month(s) behind"),
                                arrears >= ledger.rules.duesArrearsWarningMonths ? .warn : .text)]))
        out.append(DetailLine([(DisplayWidth.pad(lang.pick("月份", "Month"), to: 9), .header), (DisplayWidth.pad(lang.pick("应交", "Due"), to: 9, alignRight: true), .header),
                               (DisplayWidth.pad(lang.pick("已交", "Paid"), to: 9, alignRight: true), .header), ("  " + lang.pick("状态", "State"), .header)]))
        let thisMonth = YearMonth(asOf)
        for d in figures {
            let (text, role): (String, StyleRole) =
                !d.owed ? (d.covered ? lang.pick("已交 (不在册)", "paid (not on roll)") : lang.pick("不在册", "not on roll"), .muted)
                : d.covered ? (d.paid == nil ? (lang.pick("已交, 金额不详", "paid, amount unknown"), .good) : d.short ? (lang.pick("少交", "short"), .warn) : (lang.pick("已交", "paid"), .good))
                : d.month < thisMonth ? (lang.pick("未交", "unpaid"), .bad)
                : d.month == thisMonth ? (lang.pick("本月待交", "due this month"), .muted) : ("", .muted)
            guard d.covered || d.month <= thisMonth else { continue }
            out.append(DetailLine([(DisplayWidth.pad(d.month.iso, to: 9), .muted),
                                   (DisplayWidth.pad(d.due?.description ?? "-", to: 9, alignRight: true), .text),
                                   (DisplayWidth.pad(d.paid?.description ?? (d.covered ? "?" : "-"), to: 9, alignRight: true), .text),
                                   ("  " + text, role)]))
        }
        let payments = ledger.payments(of: m.id).filter { $0.year == year || $0.months.contains { $0.year == year } }
        for p in payments {
            let span = p.months.count == 1 ? p.months[0].iso : "\(p.months.min()!.iso)~\(p.months.max()!.iso)"
            out.append(DetailLine([(lang.pick("  交纳 ", "  paid ") + (p.paidOn?.iso ?? "?") + "  ", .muted),
                                   (span + "  " + (p.amount.map { lang.pick("\(Money(yuan: $0)) 元", "\(Money(yuan: $0))") } ?? lang.pick("金额不详", "amount unknown")), .text),
                                   ((p.method.map { "  " + $0.name(lang) } ?? "") + (p.note.map { "  " + $0 } ?? ""), .muted)]))
        }
        out.append(.blank)

        let training = ledger.training(m, year: year)
        out.append(DetailLine([(lang.pick("\(year)年学时", "Training \(year)"), .header),
                               ("  \(formatNumber(training.total)) / \(formatNumber(training.required))  ", training.reached ? .good : .warn),
                               (training.reached ? lang.pick("已达标", "reached") : lang.pick("差 \(formatNumber(training.required - training.total)) 学时", "\(formatNumber(training.required - training.total)) short"),
                                training.reached ? .good : .warn),
                               (lang.pick("  (活动 \(formatNumber(training.fromActivities)) + 个人 \(formatNumber(training.fromEntries)))",
                                          "  (activities \(formatNumber(training.fromActivities)) + own \(formatNumber(training.fromEntries)))"), .muted)]))
        let sessions = ws.activities.filter { a in
            a.date.year == year && MemberLedger.trainingKinds.contains(a.kind) && (a.hours ?? 0) > 0 && MemberLedger.attended(m, a)
        }.sorted { $0.date < $1.date }
        for a in sessions {
            out.append(DetailLine([(a.date.iso + "  ", .muted), (DisplayWidth.pad(a.kind.name(lang), to: 12), .accent),
                                   (DisplayWidth.pad(formatNumber(a.hours ?? 0), to: 4, alignRight: true) + "  ", .text), (a.title, .text)]))
        }
        for e in ws.trainingEntries.filter({ $0.memberId == m.id && $0.date.year == year }).sorted(by: { $0.date < $1.date }) {
            out.append(DetailLine([(e.date.iso + "  ", .muted), (DisplayWidth.pad(lang.pick("个人学时", "own entry"), to: 12), .accent),
                                   (DisplayWidth.pad(formatNumber(e.hours), to: 4, alignRight: true) + "  ", .text), (e.title + "  ", .text), (e.provider, .muted)]))
        }
        out.append(.blank)
        // The year's conduct: 民主评议, 组织生活, 谈心谈话 and the 先锋指数 with its items.
        let review = ledger.review(m, year: year)
        out.append(DetailLine([(DisplayWidth.pad(lang.pick("\(year)年民主评议", "Review \(year)"), to: 16), .header),
                               (review.map { $0.grade.name(lang) } ?? lang.pick("未录入", "not recorded"),
                                review.map { $0.grade == .unqualified ? .bad : .text } ?? .muted),
                               (review?.note.map { "  " + $0 } ?? "", .muted)]))
        let life = ledger.organisationalLife(m, year: year, asOf: asOf)
        let absences = AbsenceReason.allCases.compactMap { r in life.absent[r].map { r.name(lang) + " \($0)" } }
        out.append(DetailLine([(DisplayWidth.pad(lang.pick("组织生活", "Org. life"), to: 16), .header),
                               (lang.pick("出席 \(life.present)/\(life.listed)", "present \(life.present)/\(life.listed)")
                                + (life.rate.map { "  " + formatNumber(($0 * 1000).rounded() / 10) + "%" } ?? ""), .text),
                               (absences.isEmpty ? "" : lang.pick("  缺席: ", "  absent: ") + absences.joined(separator: " "), .muted)]))
        let talks = ledger.talks(m, year: year, asOf: asOf)
        out.append(DetailLine([(DisplayWidth.pad(lang.pick("谈心谈话", "Talks"), to: 16), .header),
                               ("\(talks.count)" + (talks.isEmpty ? "" : "  " + talks.map { $0.date.iso }.joined(separator: " ")), .text)]))
        let index = ledger.pioneerIndex(m, year: year, asOf: asOf)
        out.append(DetailLine([(DisplayWidth.pad(lang.pick("先锋指数", "Pioneer index"), to: 16), .header),
                               (index.judged ? formatNumber((index.total * 10).rounded() / 10) : lang.pick("无数据", "no data"), .accent)]))
        for item in index.items {
            let figures = item.value.map { v in "  (" + formatNumber((v * 10).rounded() / 10) + (item.outOf.map { "/" + formatNumber(($0 * 10).rounded() / 10) } ?? "") + ")" } ?? ""
            out.append(DetailLine([("  " + DisplayWidth.pad(item.item.title, to: 14), .text),
                                   (item.points.map { formatNumber(($0 * 10).rounded() / 10) + "/" + formatNumber(item.item.max) } ?? lang.pick("不计", "n/a"),
                                    item.points == nil ? .muted : .text),
                                   ((item.grade.map { "  " + $0.name(lang) } ?? "") + figures, .muted)]))
        }
        return out
    }
}
