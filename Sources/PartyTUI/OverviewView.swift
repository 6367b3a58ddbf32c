import PartyModel

/// 总览: where the campaign stands, on one screen.
enum OverviewView {
    static func draw(_ canvas: inout Canvas, _ o: DashboardData.Overview, lang: Language, in area: (x: Int, y: Int, width: Int, height: Int)) {
        canvas.box(x: area.x, y: area.y, width: area.width, height: area.height, role: .border)
        let left = area.x + 2
        let half = (area.width - 4) / 2
        let right = left + half + 2
        let rightWidth = area.width - 4 - half - 2
        var y = area.y + 1

        // Left column: organisation, this quarter's 三会一课, grades.
        canvas.put(lang.pick("组织与党员", "Organisation"), x: left, y: y, role: .header); y += 1
        canvas.put(lang.pick("党委 \(o.organisations.committees)  党总支 \(o.organisations.generalBranches)  党支部 \(o.organisations.branches)  党小组 \(o.organisations.partyGroups)",
                             "Committee \(o.organisations.committees)  General \(o.organisations.generalBranches)  Branches \(o.organisations.branches)  Groups \(o.organisations.partyGroups)"),
                   x: left, y: y, role: .text, maxWidth: half); y += 1
        canvas.put(lang.pick("党员 \(o.members.total) 名 (正式 \(o.members.full), 预备 \(o.members.probationary))",
                             "Members \(o.members.total) (full \(o.members.full), probationary \(o.members.probationary))"),
                   x: left, y: y, role: .text, maxWidth: half); y += 2

        canvas.put(lang.pick("本季度三会一课完成率 ", "3 meetings + 1 lesson this quarter ") + UIText.percent(o.meetings),
                   x: left, y: y, role: .header, maxWidth: half); y += 1
        let labelWidth = 14
        for row in o.meetingsByGeneralBranch where y < area.y + area.height - 8 {
            labelledBar(&canvas, label: row.name ?? lang.pick("直属支部", "Direct branches"), ratio: row.ratio, x: left, y: y,
                        labelWidth: labelWidth, width: half)
            y += 1
        }
        y += 1
        canvas.put(lang.pick("等次分布 (\(o.year)年\(o.provisional ? ", 暂定" : ""))", "Grades \(o.year)\(o.provisional ? " (provisional)" : "")"),
                   x: left, y: y, role: .header, maxWidth: half); y += 1
        let count = max(1, o.grades.count)
        for grade in Grade.allCases where y < area.y + area.height - 1 {
            let n = o.grades.grades[grade] ?? 0
            labelledBar(&canvas, label: "\(grade.name(lang)) \(n)", ratio: Double(n) / Double(count), x: left, y: y,
                        labelWidth: labelWidth, width: half, role: UIText.role(grade: grade))
            y += 1
        }

        // Right column: 最强党支部, rectifications, top alerts.
        var r = area.y + 1
        let s = o.grades
        canvas.put(lang.pick("最强党支部", "Strongest branches"), x: right, y: r, role: .header); r += 1
        let target = s.target.map(UIText.percent) ?? "-"
        canvas.put(lang.pick("\(s.strongestCount)/\(s.count) = \(UIText.percent(s.strongestShare)), 目标 \(target)",
                             "\(s.strongestCount)/\(s.count) = \(UIText.percent(s.strongestShare)), target \(target)"),
                   x: right, y: r, role: (s.target ?? 0) <= s.strongestShare ? .good : .warn, maxWidth: rightWidth); r += 1
        if let t = s.target {
            labelledBar(&canvas, label: lang.pick("达成", "reached"), ratio: t > 0 ? min(1, s.strongestShare / t) : 1, x: right, y: r,
                        labelWidth: 6, width: rightWidth)
            r += 1
        }
        r += 1
        if let d = o.dues {
            drawDues(&canvas, d, lang: lang, x: right, y: &r, width: rightWidth)
            r += 1
        }
        canvas.put(lang.pick("整改销号", "Rectifications"), x: right, y: r, role: .header); r += 1
        let states = RectificationStatus.allCases.map { "\($0.name(lang)) \(o.rectificationCounts[$0] ?? 0)" }.joined(separator: "  ")
        canvas.put(states, x: right, y: r, role: .text, maxWidth: rightWidth); r += 1
        canvas.put(lang.pick("逾期 \(o.overdueRectifications) 项", "\(o.overdueRectifications) overdue"), x: right, y: r,
                   role: o.overdueRectifications > 0 ? .bad : .good); r += 2

        canvas.put(lang.pick("预警 (共 \(o.alertCount) 条)", "Alerts (\(o.alertCount))"), x: right, y: r, role: .header); r += 1
        for alert in o.topAlerts where r < area.y + area.height - 1 {
            let w = canvas.put(alert.severity.name(lang), x: right, y: r, role: UIText.role(severity: alert.severity))
            canvas.put(" \(alert.branchName): \(alert.message(lang))", x: right + w, y: r, role: .text, maxWidth: rightWidth - w)
            r += 1
        }
    }

    /// 党费收缴: last month's collection as a bar, this month's so far, the members behind.
    static func drawDues(_ canvas: inout Canvas, _ d: DashboardData.Overview.Dues, lang: Language, x: Int, y: inout Int, width: Int) {
        canvas.put(lang.pick("党费收缴 (\(d.month.year)年\(d.month.month)月)", "Dues (\(d.month.iso))"), x: x, y: y, role: .header); y += 1
        canvas.put(lang.pick("应交 \(UIText.wholeYuan(fen: d.dueFen)) 元  已交 \(UIText.wholeYuan(fen: d.paidFen)) 元",
                             "due ¥\(UIText.wholeYuan(fen: d.dueFen))  paid ¥\(UIText.wholeYuan(fen: d.paidFen))"),
                   x: x, y: y, role: .text, maxWidth: width); y += 1
        labelledBar(&canvas, label: lang.pick("收缴率", "rate"), ratio: d.rate ?? 0, x: x, y: y, labelWidth: 6, width: width); y += 1
        let current = d.currentRate.map(UIText.percent) ?? "-"
        let w = canvas.put(lang.pick("本月至今 \(current)  ", "now \(current)  "), x: x, y: y, role: .muted, maxWidth: width)
        let behind = d.arrearsWarning + d.arrearsCritical
        canvas.put(lang.pick("欠缴≥\(d.warningMonths)月 \(behind) 人 (≥\(d.criticalMonths)月 \(d.arrearsCritical))",
                             "≥\(d.warningMonths)m behind: \(behind) (≥\(d.criticalMonths)m: \(d.arrearsCritical))"),
                   x: x + w, y: y, role: d.arrearsCritical > 0 ? .bad : behind > 0 ? .warn : .good, maxWidth: width - w)
        y += 1
    }

    /// `label  [bar      ] 83%`.
    static func labelledBar(_ canvas: inout Canvas, label: String, ratio: Double, x: Int, y: Int, labelWidth: Int, width: Int,
                            role: StyleRole? = nil) {
        canvas.put(DisplayWidth.pad(label, to: labelWidth), x: x, y: y, role: role ?? .text)
        let barWidth = max(4, width - labelWidth - 6)
        let filled = Int((Double(barWidth) * min(1, max(0, ratio))).rounded())
        canvas.fill(x: x + labelWidth + 1, y: y, width: filled, height: 1, role: .barFilled)
        canvas.fill(x: x + labelWidth + 1 + filled, y: y, width: barWidth - filled, height: 1, role: .barEmpty)
        canvas.put(DisplayWidth.pad(UIText.percent(ratio), to: 4, alignRight: true), x: x + labelWidth + barWidth + 2, y: y,
                   role: role ?? UIText.role(ratio: ratio))
    }
}
