import ArgumentParser
import Foundation
import PartyModel
import PartyStore

/// `partydesk report`: one self-contained file for the leadership — HTML that prints on A4 (with
/// inline SVG charts, no external assets) or Markdown with the same tables — for a year, a half, a
/// quarter or a month (the plans' monthly reports by the 25th, half-yearly reports to the 党委), for
/// the whole 党委 or one branch.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "生成报告 (HTML 可打印 A4, 或 Markdown): 年度、半年、季度或月度, 全党委或一个支部 / A printable report for a year, half, quarter or month, of the whole committee or one branch.")

    enum Format: String, ExpressibleByArgument { case html, md }

    @OptionGroup var workspace: WorkspaceOptions
    @Option(name: .long, help: "年度 / Year.") var year: Int?
    @Option(name: .long, help: "季度 1-4 / Quarter.") var quarter: Int?
    @Option(name: .long, help: ArgumentHelp("月度报告 / A month's report.", valueName: "YYYY-MM")) var month: String?
    @Option(name: .long, help: ArgumentHelp("半年报告 / A half-year's report.", valueName: "YYYY-H1|YYYY-H2")) var half: String?
    @Option(name: .long, help: ArgumentHelp("一个支部的报告 / One branch's own report.", valueName: "ID|NAME")) var branch: String?
    @Option(name: .long, help: ArgumentHelp("填报单位 (默认: 党委或支部名称) / The reporting unit on the cover.", valueName: "TEXT")) var unit: String?
    @Option(name: .long, help: ArgumentHelp("输出文件 / Output file.", valueName: "FILE")) var out: String
    @Option(name: .long, help: "html|md") var format: Format = .html
    @OptionGroup var asOf: AsOfOption
    @Flag(name: .long, help: "数据未通过检查时不生成 / Refuse to report from a workspace that fails validation.")
    var strict = false

    func validate() throws {
        if [quarter != nil, month != nil, half != nil].filter({ $0 }).count > 1 {
            throw ValidationError("--quarter, --month, --half: 只能选一个 / give one of them")
        }
        if let quarter, !(1...4).contains(quarter) { throw ValidationError("--quarter 应为 1-4 / must be 1-4") }
        if let month, YearMonth(iso: month) == nil { throw ValidationError("--month \(month): 应为 YYYY-MM / must be YYYY-MM") }
        if let half, ReportPeriod.half(half) == nil { throw ValidationError("--half \(half): 应为 YYYY-H1 或 YYYY-H2 / must be YYYY-H1 or YYYY-H2") }
    }

    func run() throws {
        let ws = try workspace.openForFigures(strict: strict, quiet: false).opened.workspace
        let day = try asOf.value()
        let y = year ?? ws.settings.currentYear
        let period = month.flatMap(YearMonth.init(iso:)).map(ReportPeriod.month) ?? half.flatMap(ReportPeriod.half)
            ?? quarter.map { ReportPeriod.quarter(Quarter(year: y, number: $0)!) } ?? .year(y)
        let b = try branch.map { try resolveBranch($0, in: ws, workspace.lang) }
        let report = Report(ws: ws, period: period, asOf: day, lang: workspace.lang, branch: b, unit: unit)
        let text = format == .html ? report.html() : report.markdown()
        do { try AtomicFile.write(Data(text.utf8), to: DataLocationPath.absolute(out)) } catch { throw CLIFailure(message: "\(error.path): \(error.reason)") }
        Output.line(workspace.lang == .zh ? "报告已生成: \(out)" : "report written: \(out)")
    }
}

/// The period a report covers: a year, a half, a quarter or a month.
struct ReportPeriod: Equatable {
    enum Kind: Equatable { case year, half(Int), quarter(Int), month(Int) }
    let year: Int
    let kind: Kind

    static func year(_ y: Int) -> ReportPeriod { ReportPeriod(year: y, kind: .year) }
    static func quarter(_ q: Quarter) -> ReportPeriod { ReportPeriod(year: q.year, kind: .quarter(q.number)) }
    static func month(_ m: YearMonth) -> ReportPeriod { ReportPeriod(year: m.year, kind: .month(m.month)) }
    /// `2026-H1`, `2026-h2`.
    static func half(_ text: String) -> ReportPeriod? {
        let parts = text.uppercased().split(separator: "-")
        guard parts.count == 2, let y = Int(parts[0]), (1...9999).contains(y), parts[1] == "H1" || parts[1] == "H2" else { return nil }
        return ReportPeriod(year: y, kind: .half(parts[1] == "H1" ? 1 : 2))
    }

    var first: Day {
        switch kind {
        case .year: Day.firstOf(year: year, month: 1)
        case .half(let h): Day.firstOf(year: year, month: h == 1 ? 1 : 7)
        case .quarter(let q): Quarter(year: year, number: q)!.firstDay
        case .month(let m): Day.firstOf(year: year, month: m)
        }
    }
    var last: Day {
        switch kind {
        case .year: Day.lastOf(year: year, month: 12)
        case .half(let h): Day.lastOf(year: year, month: h == 1 ? 6 : 12)
        case .quarter(let q): Quarter(year: year, number: q)!.lastDay
        case .month(let m): Day.lastOf(year: year, month: m)
        }
    }
    func contains(_ day: Day) -> Bool { first <= day && day <= last }
    /// The quarters the period overlaps.
    var quarters: [Quarter] { Quarter.all(of: year).filter { $0.lastDay >= first && $0.firstDay <= last } }
    /// The months it holds.
    var months: [YearMonth] { (first.month...last.month).compactMap { YearMonth(year: year, month: $0) } }
    var quarter: Quarter? { if case .quarter(let q) = kind { Quarter(year: year, number: q) } else { nil } }
    var isMonth: Bool { if case .month = kind { true } else { false } }

    func name(_ lang: Language) -> String {
        switch kind {
        case .year: lang.pick("\(year)年", "\(year)")
        case .half(let h): lang.pick("\(year)年\(h == 1 ? "上" : "下")半年", "\(year) H\(h)")
        case .quarter(let q): Quarter(year: year, number: q)!.name(lang)
        case .month(let m): lang.pick("\(year)年\(m)月", "\(YearMonth(year: year, month: m)!.iso)")
        }
    }
}

/// The report's content, once, for both formats.
struct Report {
    let ws: Workspace
    let period: ReportPeriod
    let asOf: Day
    let lang: Language
    /// One branch's own report; nil for the whole 党委.
    let branch: Branch?
    let unit: String?
    /// The scores of the period (a half: the year's as of its last day); nil for a month.
    let scores: ScoreTable?
    let compliance: ComplianceCalculator

    init(ws: Workspace, period: ReportPeriod, asOf: Day, lang: Language, branch: Branch? = nil, unit: String? = nil) {
        self.ws = ws; self.period = period; self.asOf = asOf; self.lang = lang; self.branch = branch; self.unit = unit
        let engine = ScoringEngine(ws)
        compliance = engine.compliance
        let day = min(asOf, period.last)
        switch period.kind {
        case .month: scores = nil
        case .quarter: scores = engine.quarter(period.quarter!, asOf: asOf)
        case .year, .half: scores = engine.year(period.year, asOf: day)
        }
    }

    var year: Int { period.year }
    /// The last day the report counts: the as-of day within the period, else the period's last day.
    var day: Day { min(asOf, period.last) }
    var zh: Bool { lang == .zh }
    var who: String { branch?.name ?? ws.settings.name }
    var title: String { "\(who) " + (zh ? "\(period.name(lang))党建工作报告" : "Party-building report, \(period.name(lang))") }

    struct Section { var heading: String; var header: [String]; var rows: [[String]] }

    /// The branches reported on: the one asked for, or those in service during the period.
    var branches: [Branch] { branch.map { [$0] } ?? ws.organisation.branches(inServiceOn: period.first) }
    var names: [String: String] { Dictionary(ws.organisation.branches.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a }) }
    func mine(_ branchId: String) -> Bool { branch.map { $0.id == branchId } ?? true }
    var rectifications: [Rectification] { ws.rectifications.filter { mine($0.branchId) } }
    /// When a rectification was closed (its last move to 已销号).
    static func closedOn(_ r: Rectification) -> Day? { r.status == .closed ? r.history.last(where: { $0.to == .closed })?.date : nil }

    var headline: [(String, String)] {
        let open = rectifications.filter { $0.status != .closed }.count
        let overdue = rectifications.filter { $0.isOverdue(on: day) }.count
        var figures: [(String, String)] = []
        if branch == nil { figures.append((zh ? "党支部" : "Branches", String(branches.count))) }
        figures.append((zh ? "党员" : "Members", String(branches.reduce(0) { $0 + compliance.members.counts($1, on: day).total })))
        if let scores {
            if let b = branch, let row = scores.branches.first(where: { $0.branchId == b.id }) {
                figures += [(zh ? "得分" : "Score", Output.points(row.total)), (zh ? "等次" : "Grade", row.grade.name(lang)),
                            (zh ? "排名" : "Rank", "\(row.rank)/\(scores.branches.count)")]
            } else if branch == nil {
                let s = scores.summary
                let target: String = s.target.map(Output.percent) ?? "-"
                figures += [(zh ? "平均得分" : "Mean score", Output.points(s.mean)),
                            (zh ? "最强党支部" : "Strongest", "\(s.strongestCount) (\(Output.percent(s.strongestShare)), " + (zh ? "目标 " : "target ") + target + ")")]
            }
        }
        let held = ws.activities.filter { mine($0.branchId) && period.contains($0.date) && $0.date <= day }.count
        figures += [(zh ? "本期活动" : "Activities", String(held)), (zh ? "未销号整改" : "Open rectifications", String(open)),
                    (zh ? "逾期整改" : "Overdue", String(overdue))]
        if scores?.provisional == true { figures.append((zh ? "说明" : "Note", zh ? "期间未结束, 分数为暂定" : "the period has not ended: provisional")) }
        return figures
    }

    var sections: [Section] {
        var out: [Section] = []
        if let scores, branch == nil { out.append(scoreSection(scores)) }
        if branch != nil { out.append(ledgerSection) }
        out.append(meetingsSection)
        let quarters = period.quarters.filter { $0.firstDay <= day }
        out.append(Section(
            heading: zh ? "三会一课完成率 (按季度)" : "Meetings by quarter",
            header: [zh ? "支部" : "Branch"] + quarters.map { "Q\($0.number)" },
            rows: branches.map { b in [b.name] + quarters.map { Output.percent(compliance.quarter(b, $0).threeMeetingsOneLesson) } }))
        if branch != nil { out.append(checksSection) }
        out.append(taskOccurrenceSection)
        if branch != nil { out.append(branchTasksSection) }
        out += rectificationSections
        if branch == nil {
            // The overdue rectifications have their own section: the alerts leave them out (issue 17).
            out.append(Section(heading: zh ? "预警" : "Alerts", header: [zh ? "级别" : "Level", zh ? "支部" : "Branch", zh ? "内容" : "Message"],
                               rows: AlertRules.alerts(ws, asOf: day).filter { $0.code != "rectification.overdue" }
                                .map { [$0.severity.name(lang), $0.branchName, $0.message(lang, naming: false)] }))
        }
        out.append(duesSection)
        out.append(fundsSection)
        if let targets = targetsSection { out.append(targets) }
        return out
    }

    /// 目标: each target's status at the period's end (or the report's day, if earlier) — the 党委's
    /// in its report; a branch's report, the targets set for that branch. nil when there are none.
    var targetsSection: Section? {
        let shown = ws.targets.targets.filter { t in branch.map { t.organisationId == $0.id } ?? true }
        guard !shown.isEmpty else { return nil }
        let evaluator = TargetEvaluator(ws, compliance: compliance)
        return Section(heading: zh ? "目标 (截至 \(day.iso))" : "Targets as of \(day.iso)",
                       header: [zh ? "目标" : "Target", zh ? "实际" : "Actual", zh ? "目标值" : "Value", zh ? "状态" : "Status",
                                zh ? "截止" : "Deadline", zh ? "依据" : "Source"],
                       rows: shown.map { t in
                           let e = evaluator.evaluate(t, asOf: day, trend: false), unit = t.figureUnit
                           return [t.title, e.actual.map { unit.format($0.value) + (e.parts.isEmpty ? "" : " (\(e.parts))") } ?? "-",
                                   t.comparison.symbol + " " + unit.format(t.value), e.status.name(lang), t.dueDay?.iso ?? "", t.source ?? ""]
                       })
    }

    func scoreSection(_ scores: ScoreTable) -> Section {
        let cats = ws.scoring.categories
        return Section(
            heading: zh ? "考评得分" : "Scores",
            header: [zh ? "排名" : "Rank", zh ? "支部" : "Branch"] + cats.map(\.name) + [zh ? "总分" : "Total", zh ? "等次" : "Grade", zh ? "最强" : "Strongest"],
            rows: scores.branches.map { b in
                [String(b.rank), b.name] + cats.map { Output.points(b.categories[$0.id] ?? 0) }
                    + [Output.points(b.total), b.grade.name(lang), b.strongest ? (zh ? "最强" : "yes") : ""]
            })
    }

    /// 本期组织生活: per branch, the 三会一课 kinds, 主题党日 and every activity held in the period up to the day.
    var meetingsSection: Section {
        let kinds = ActivityKind.threeMeetingsOneLesson + [.themedPartyDay]
        var counts: [String: [ActivityKind: Int]] = [:], totals: [String: Int] = [:]
        for a in ws.activities where mine(a.branchId) && period.contains(a.date) && a.date <= day {
            counts[a.branchId, default: [:]][a.kind, default: 0] += 1
            totals[a.branchId, default: 0] += 1
        }
        return Section(heading: zh ? "本期组织生活开展情况 (次数)" : "Meetings held in the period",
                       header: [zh ? "支部" : "Branch"] + kinds.map { ReportText.shortName($0, lang) } + [zh ? "活动合计" : "All activities"],
                       rows: branches.map { b in [b.name] + kinds.map { String(counts[b.id]?[$0] ?? 0) } + [String(totals[b.id] ?? 0)] })
    }

    /// A branch's own 台账 of the period.
    var ledgerSection: Section {
        Section(heading: zh ? "本期台账" : "Ledger of the period",
                header: [zh ? "日期" : "Date", zh ? "类型" : "Kind", zh ? "标题" : "Title", zh ? "出席" : "Attended", zh ? "学时" : "Hours"],
                rows: ws.activities.filter { mine($0.branchId) && period.contains($0.date) && $0.date <= day }.sorted { ($0.date, $0.id) < ($1.date, $1.id) }
                    .map { a in
                        let h = a.headcount
                        return [a.date.iso, a.kind.name(lang), a.title, h.attended.map { at in h.expected.map { "\(at)/\($0)" } ?? "\(at)" } ?? "",
                                a.hours.map(formatNumber) ?? ""]
                    })
    }

    /// A branch's quarterly checks in the period.
    var checksSection: Section {
        Section(heading: zh ? "季度检查" : "Quarterly checks",
                header: [zh ? "季度" : "Quarter", zh ? "检查日期" : "Date", zh ? "检查人" : "Inspectors", zh ? "得分" : "Points"],
                rows: ws.checks.filter { c in mine(c.branchId) && (c.period.map { q in period.quarters.contains(q) } ?? false) }
                    .sorted { ($0.year, $0.quarter) < ($1.year, $1.quarter) }
                    .map { [($0.period?.name(lang) ?? ""), $0.date.iso, $0.inspectors.joined(separator: "、"), Output.points($0.totalPoints)] })
    }

    var rectificationSections: [Section] {
        let list = rectifications
        let opened = list.filter { period.contains($0.openedOn) && $0.openedOn <= day }
        let closed = list.filter { Self.closedOn($0).map { period.contains($0) && $0 <= day } ?? false }
        let header = [zh ? "编号" : "Id", zh ? "支部" : "Branch", zh ? "问题" : "Finding", zh ? "发现日期" : "Opened", zh ? "期限" : "Due", zh ? "状态" : "State"]
        func row(_ r: Rectification) -> [String] { [r.id, names[r.branchId] ?? r.branchId, r.description, r.openedOn.iso, r.dueOn.iso, r.status.name(lang)] }
        var out = [
            Section(heading: zh ? "整改 (按状态)" : "Rectifications by state", header: [zh ? "状态" : "State", zh ? "数量" : "Count"],
                    rows: RectificationStatus.allCases.map { st in [st.name(lang), String(list.filter { $0.status == st }.count)] }
                        + [[zh ? "本期新增" : "Opened in the period", String(opened.count)], [zh ? "本期销号" : "Closed in the period", String(closed.count)]]),
        ]
        if !period.isMonth || branch != nil {
            out.append(Section(heading: zh ? "本期销号整改" : "Closed in the period", header: header + [zh ? "销号日期" : "Closed"],
                               rows: closed.sorted { (Self.closedOn($0)!, $0.id) < (Self.closedOn($1)!, $1.id) }.map { row($0) + [Self.closedOn($0)!.iso] }))
        } else {
            out.append(Section(heading: zh ? "本期新增整改" : "Opened in the period", header: header, rows: opened.sorted { ($0.openedOn, $0.id) < ($1.openedOn, $1.id) }.map(row)))
            out.append(Section(heading: zh ? "本期销号整改" : "Closed in the period", header: header + [zh ? "销号日期" : "Closed"],
                               rows: closed.sorted { (Self.closedOn($0)!, $0.id) < (Self.closedOn($1)!, $1.id) }.map { row($0) + [Self.closedOn($0)!.iso] }))
        }
        out.append(Section(heading: zh ? "逾期整改" : "Overdue rectifications", header: header,
                           rows: list.filter { $0.isOverdue(on: day) }.sorted { ($0.dueOn, $0.id) < ($1.dueOn, $1.id) }.map(row)))
        return out
    }

    /// 党费: each branch's collection over the period's months up to the report's day (no member named).
    var duesSection: Section {
        let ledger = compliance.members
        let lastMonth = YearMonth(day)
        let months = period.months.filter { $0 <= lastMonth }
        let rows: [[String]] = branches.compactMap { b in
            let t = DuesCollection.total(months.map { ledger.collection(b.id, $0, asOf: asOf) }, month: lastMonth)
            guard t.membersOwing > 0 else { return nil }
            return [b.name, t.due.description, t.paid.description, t.rate.map(Output.percent) ?? "-"]
        }
        let heading = period.kind == .year ? (zh ? "党费收缴 (本年至今)" : "Dues collected (year to date)") : (zh ? "党费收缴 (本期)" : "Dues collected (the period)")
        return Section(heading: heading, header: [zh ? "支部" : "Branch", zh ? "应交 (元)" : "Due (yuan)", zh ? "已交 (元)" : "Paid (yuan)", zh ? "收缴率" : "Rate"],
                       rows: rows)
    }

    /// 经费: per branch (and the 党委's and 党总支s' own, in a committee's report) allocated and spent in
    /// the period; for a year or a half, the year's standard and what counts towards it by the day.
    /// 一支部一清单: the tasks' occurrences (and one-off deadlines) that fall due in the period, and which
    /// of the assigned branches (this branch, in a branch's report) had done them by the report's day.
    var taskOccurrenceSection: Section {
        var rows: [[String]] = []
        for task in ws.plan.tasks where task.assignment != nil {
            var dues: [(period: String, due: Day, done: (BranchTask) -> Day?)] = []
            if task.recurrence != nil {
                for o in TaskSchedule.occurrences(task, planYear: ws.plan.year) where period.contains(o.due) {
                    dues.append((o.period.name(lang), o.due, { $0.done(o.period.key)?.doneOn }))
                }
            } else if let deadline = task.deadline, period.contains(deadline) {
                dues.append((zh ? "期限" : "deadline", deadline, { $0.status == .done ? ($0.doneOn ?? deadline) : nil }))
            }
            for d in dues {
                let assigned = TaskSchedule.branches(task, in: ws.organisation, on: min(d.due, day)).filter { mine($0.id) }
                guard !assigned.isEmpty else { continue }
                var did: [String] = [], not: [String] = []
                for b in assigned {
                    if let on = d.done(task.state(of: b.id)), on <= day { did.append("\(b.name) (\(on.iso.dropFirst(5)))") } else { not.append(b.name) }
                }
                let late = d.due < day && !not.isEmpty
                rows.append([task.title, d.period, d.due.iso, "\(did.count)/\(assigned.count)", did.joined(separator: "、"),
                             not.joined(separator: "、") + (late ? (zh ? " (逾期)" : " (late)") : "")])
            }
        }
        return Section(heading: zh ? "工作任务 (本期应报应完成)" : "Tasks due in the period",
                       header: [zh ? "任务" : "Task", zh ? "期次" : "Occurrence", zh ? "应于" : "Due", zh ? "完成" : "Done",
                                zh ? "已完成支部" : "Done by", zh ? "未完成支部" : "Not done by"],
                       rows: rows)
    }

    /// A branch's report: its 一支部一清单 as of the report's day.
    var branchTasksSection: Section {
        let rows: [[String]] = branch.map { b in
            (TaskSchedule.tasksByBranch(ws.plan, organisation: ws.organisation, asOf: day)[b.id] ?? []).map { t in
                let f = TaskSchedule.figure(t, branch: b, planYear: ws.plan.year, asOf: day)
                return [t.title, t.recurrence?.name(lang) ?? t.deadline?.iso ?? t.phase ?? "", f.standing(lang),
                        f.recurring ? "\(f.doneCount)/\(f.due.count)" : "\(f.state.progress)%",
                        f.branchLate ? (t.deadline?.iso ?? "") : f.late.map(\.occurrence.period.key).joined(separator: " "),
                        f.next?.due.iso ?? "", f.state.evidence ?? ""]
            }
        } ?? []
        return Section(heading: zh ? "一支部一清单" : "The branch's tasks",
                       header: [zh ? "任务" : "Task", zh ? "周期/期限" : "Rhythm/deadline", zh ? "情况" : "Standing", zh ? "完成" : "Done",
                                zh ? "逾期" : "Late", zh ? "下一期" : "Next due", zh ? "佐证" : "Evidence"],
                       rows: rows)
    }

    var fundsSection: Section {
        let ledger = FundsLedger(ws), members = compliance.members
        let withStandard = period.kind == .year || period.kind == .half(1) || period.kind == .half(2)
        var ids = branches.map(\.id)
        if branch == nil { ids = [ws.organisation.committee.id] + ws.organisation.generalBranches.map(\.id) + ids }
        let orgNames = Dictionary(([(ws.organisation.committee.id, ws.organisation.committee.name)] + ws.organisation.generalBranches.map { ($0.id, $0.name) })
                                  + ws.organisation.branches.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let byId = Dictionary(ws.organisation.branches.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let rows: [[String]] = ids.compactMap { id in
            let entries = ledger.entries(of: id).filter { period.contains($0.date) && $0.date <= day }
            let allocated = entries.filter { $0.direction == .allocated }.reduce(Money.zero) { $0 + $1.money }
            let spent = entries.filter { $0.direction == .spent }.reduce(Money.zero) { $0 + $1.money }
            var standard = "", counted = ""
            if withStandard, let b = byId[id] {
                let f = ledger.figures(id, branch: b, year: year, asOf: day) { members.counts($0, on: $1).total }
                if let required = f.required {
                    standard = required.description
                    counted = f.standards.reduce(Money.zero) { $0 + $1.allocated }.description
                }
            }
            guard !entries.isEmpty || !standard.isEmpty else { return nil }
            return [orgNames[id] ?? id, allocated.description, spent.description] + (withStandard ? [standard, counted] : [])
        }
        return Section(heading: zh ? "经费 (本期拨付与支出)" : "Funds allocated and spent in the period",
                       header: [zh ? "组织" : "Organisation", zh ? "拨付 (元)" : "Allocated", zh ? "支出 (元)" : "Spent"]
                        + (withStandard ? [zh ? "年度标准 (元)" : "Year's standard", zh ? "计入标准 (元)" : "Counted"] : []),
                       rows: rows)
    }

    // MARK: HTML

    /// Text from the data as HTML text: markup escaped, control characters shown (they are not valid XHTML).
    static func escape(_ s: String) -> String {
        TerminalText.visible(s).replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// A bar chart as inline SVG: labels, values and bars.
    func barChart(_ title: String, _ bars: [(String, Double)], max: Double, unit: String = "") -> String {
        let width = 640, barHeight = 22, labelWidth = 170
        let height = bars.count * (barHeight + 6) + 30
        var svg = "<figure><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(Self.escape(title))\">"
        svg += "<text x=\"0\" y=\"16\" font-size=\"14\" font-weight=\"bold\">\(Self.escape(title))</text>"
        for (i, (label, value)) in bars.enumerated() {
            let y = 26 + i * (barHeight + 6)
            let w = max > 0 ? Int(Double(width - labelWidth - 70) * Swift.min(1, value / max)) : 0
            svg += "<text x=\"0\" y=\"\(y + 16)\" font-size=\"12\">\(Self.escape(label))</text>"
            svg += "<rect x=\"\(labelWidth)\" y=\"\(y)\" width=\"\(w)\" height=\"\(barHeight)\" fill=\"#c0392b\"/>"
            svg += "<text x=\"\(labelWidth + w + 6)\" y=\"\(y + 16)\" font-size=\"12\">\(formatNumber((value * 100).rounded() / 100))\(unit)</text>"
        }
        return svg + "</svg></figure>"
    }

    /// The charts of a committee's report with scores (a month's and a branch's have none: their tables say it).
    var charts: [String] {
        guard let scores, branch == nil else { return [] }
        let s = scores.summary
        let grades = Grade.allCases.map { ($0.name(lang), Double(s.grades[$0] ?? 0)) }
        let quarters = period.quarters.filter { $0.firstDay <= day }
        let active = branches
        let byQuarter = quarters.map { q in
            ("Q\(q.number)", active.isEmpty ? 0 : active.reduce(0) { $0 + compliance.quarter($1, q).threeMeetingsOneLesson } / Double(active.count) * 100)
        }
        var histogram: [(String, Double)] = []
        for low in stride(from: 0, to: 100, by: 10) {
            let n = scores.branches.filter { $0.total >= Double(low) && ($0.total < Double(low + 10) || (low == 90 && $0.total <= 100)) }.count
            histogram.append(("\(low)-\(low + 10)", Double(n)))
        }
        return [
            barChart(zh ? "等次分布 (支部数)" : "Grades (branches)", grades, max: Double(max(1, s.count))),
            barChart(zh ? "三会一课平均完成率 (%)" : "Meetings by quarter (%)", byQuarter, max: 100, unit: "%"),
            barChart(zh ? "得分分布 (支部数)" : "Score histogram (branches)", histogram.filter { $0.1 > 0 || $0.0.hasPrefix("9") }, max: Double(max(1, s.count))),
        ]
    }

    /// The cover block of a formal attachment: organisation, period, 填报单位, 填报日期 and the signature line.
    var cover: [(String, String)] {
        [(zh ? "组织" : "Organisation", ws.settings.name + (branch.map { " · " + $0.name } ?? "")),
         (zh ? "报告期间" : "Period", period.name(lang) + " (\(period.first.iso) – \(period.last.iso))"),
         (zh ? "填报单位" : "Reporting unit", unit ?? who),
         (zh ? "填报日期" : "Date", asOf.iso)]
    }
    var signature: String {
        zh ? "负责人 (签字): ____________    填报人: ____________    联系电话: ____________    (盖章)"
           : "Head (signature): ____________    Prepared by: ____________    Telephone: ____________    (seal)"
    }

    func html() -> String {
        var out = "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"\(zh ? "zh-CN" : "en")\"><head><meta charset=\"utf-8\"/>"
        out += "<title>\(Self.escape(title))</title><style>"
        out += "@page{size:A4;margin:18mm 15mm}body{font-family:\"Noto Sans CJK SC\",\"Microsoft YaHei\",\"SimSun\",sans-serif;font-size:11pt;color:#222}"
        out += "h1{color:#a3161a;font-size:18pt;border-bottom:2px solid #a3161a}h2{color:#a3161a;font-size:13pt;margin-top:18pt;page-break-after:avoid}"
        out += "table{border-collapse:collapse;width:100%;margin:6pt 0;page-break-inside:auto}tr{page-break-inside:avoid}"
        out += "th,td{border:1px solid #999;padding:2pt 4pt;text-align:left}th{background:#f3e6e4}td.n{text-align:right}"
        out += ".headline{display:flex;flex-wrap:wrap;gap:8pt}.figure{border:1px solid #a3161a;padding:4pt 8pt;min-width:110pt}.figure b{display:block;font-size:15pt;color:#a3161a}"
        out += "figure{margin:8pt 0;page-break-inside:avoid}.cover{page-break-after:always;margin-top:60mm;text-align:center}"
        out += ".cover h1{border:none;font-size:22pt}.cover table{width:70%;margin:24pt auto}.cover th{width:30%}.sign{margin-top:48pt}</style></head><body>"
        out += "<div class=\"cover\"><h1>\(Self.escape(title))</h1><table><tbody>"
        out += cover.map { "<tr><th>\(Self.escape($0.0))</th><td>\(Self.escape($0.1))</td></tr>" }.joined() + "</tbody></table>"
        out += "<p class=\"sign\">\(Self.escape(signature))</p></div>"
        out += "<h1>\(Self.escape(title))</h1><p>" + Self.escape(zh ? "截至 \(day.iso)" : "As of \(day.iso)") + "</p>"
        out += "<div class=\"headline\">" + headline.map { "<div class=\"figure\">\(Self.escape($0.0))<b>\(Self.escape($0.1))</b></div>" }.joined() + "</div>"
        out += charts.joined()
        for section in sections {
            out += "<h2>\(Self.escape(section.heading))</h2>"
            if section.rows.isEmpty { out += "<p>" + (zh ? "无" : "none") + "</p>"; continue }
            out += "<table><thead><tr>" + section.header.map { "<th>\(Self.escape($0))</th>" }.joined() + "</tr></thead><tbody>"
            for row in section.rows {
                out += "<tr>" + row.map { cell in
                    let numeric = Double(cell.replacingOccurrences(of: "%", with: "")) != nil
                    return numeric ? "<td class=\"n\">\(Self.escape(cell))</td>" : "<td>\(Self.escape(cell))</td>"
                }.joined() + "</tr>"
            }
            out += "</tbody></table>"
        }
        return out + "</body></html>\n"
    }

    // MARK: Markdown

    /// Text from the data as Markdown text: HTML escaped (Markdown passes raw HTML through, so `<script>`
    /// would run in a viewer), Markdown's own punctuation backslashed, control characters shown.
    static func markdownText(_ s: String) -> String {
        var out = ""
        for ch in TerminalText.visible(s.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")) {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\\", "`", "*", "_", "[", "]", "|", "#", "!": out += "\\" + String(ch)
            default: out.append(ch)
            }
        }
        return out
    }

    func markdown() -> String {
        let cell = Self.markdownText
        var out = "# \(cell(title))\n\n" + cover.map { "\(cell($0.0)): \(cell($0.1))  " }.joined(separator: "\n") + "\n\n" + cell(signature) + "\n\n"
        out += (zh ? "截至 \(day.iso)\n\n" : "As of \(day.iso)\n\n")
        out += headline.map { "- **\(cell($0.0))**: \(cell($0.1))" }.joined(separator: "\n") + "\n"
        for section in sections {
            out += "\n## \(cell(section.heading))\n\n"
            if section.rows.isEmpty { out += (zh ? "无\n" : "none\n"); continue }
            out += "| " + section.header.map(cell).joined(separator: " | ") + " |\n"
            out += "|" + section.header.map { _ in " --- |" }.joined() + "\n"
            for row in section.rows { out += "| " + row.map(cell).joined(separator: " | ") + " |\n" }
        }
        return out
    }
}
