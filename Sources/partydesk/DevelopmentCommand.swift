import ArgumentParser
import Foundation
import PartyModel
import PartyStore
import PartyTUI

/// `partydesk development`: 发展党员 — the funnel per branch and each person's next step (the default,
/// `list`), a new person (`add`), a step recorded from a script (`add-step`), the targets (`targets`).
struct DevelopmentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "development",
        abstract: "发展党员: 各支部各阶段人数、每人的下一步与期限; 登记步骤; 发展计划与比例 / The 发展党员 pipeline: funnel, next steps, recording, targets.",
        discussion: """
        五个阶段: 入党申请人 → 入党积极分子 → 发展对象 → 预备党员 → 正式党员 (中国共产党发展党员工作细则 2014)。规则与出处见 docs/development.md。
        The five stages of the 2014 rules; the rules and their sources are in docs/development.md.
        """,
        subcommands: [DevelopmentListCommand.self, DevelopmentAddCommand.self, DevelopmentAddStepCommand.self, DevelopmentTargetsCommand.self,
                      DevelopmentPlanCommand.self],
        defaultSubcommand: DevelopmentListCommand.self)
}

/// What every output naming people in the pipeline says first (DESIGN §6).
func developmentPersonalDataNote(_ lang: Language) -> String {
    lang == .zh ? "本表含发展党员对象个人信息 (姓名等), 请妥善保管, 勿外传" : "This table holds personal data of people in the pipeline (names): keep it safe, do not pass it on"
}

struct DevelopmentListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "各支部各阶段人数, 每人的下一步、期限 (逾期在前) / The funnel per branch and each person's next step and due day, overdue first (the default).",
        discussion: """
        截至 --as-of 当天 (只计当天及以前的步骤)。默认列出仍在培养中的人 (申请人至预备党员); --stage 可选任一阶段, 包括 正式党员、取消预备党员资格、退出培养。\
        状态: 逾期 (已过期限), 受阻 (所需步骤未登记), 待办, 未到时间。CSV 只含人员表。
        As of --as-of (steps up to that day). By default the people still in the pipeline (applicant to probationary); --stage \
        picks any stage. CSV holds the people only.
        """)

    @OptionGroup var report: ReportOptions

    @Option(name: .long, help: ArgumentHelp("支部编号或名称 / Branch id or name.", valueName: "ID|NAME"))
    var branch: String?

    @Option(name: .long, help: ArgumentHelp("阶段 / Stage: applicant 申请人, activist 积极分子, developmentTarget 发展对象, probationary 预备党员, full 正式党员, cancelled, withdrawn.", valueName: "STAGE"))
    var stage: String?

    struct JSONOutput: Encodable {
        struct Funnel: Encodable { var id: String?; var name: String; var counts: [String: Int]; var reserve: Int; var developedThisYear: Int }
        struct Next: Encodable { var step: String; var stepName: String; var due: String?; var earliest: String?; var state: String; var stateName: String; var missing: [String] }
        struct Person: Encodable {
            var id: String, name: String, branchId: String, branchName: String, stage: String?, stageName: String?
            var next: Next?, overdue: Bool, blocked: Bool, probationEnds: String?, memberId: String?, exceptions: Int, student: Bool
        }
        var asOf: String, personalData: String, branches: [Funnel], total: Funnel, count: Int, people: [Person]
    }

    func run() throws {
        let lang = report.lang, zh = lang == .zh
        let stageWanted = try stage.map { text -> DevelopmentStage in
            guard let s = DevelopmentStage.named(text) else {
                throw CLIFailure(message: "--stage \(text): " + ProblemKind.unknownCode(text, allowed: DevelopmentStage.allCases.map { "\($0.rawValue) (\($0.name(.zh)))" }).message(lang), code: 2)
            }
            return s
        }
        let (opened, _) = try report.openForFigures(countInJSON: true)
        let ws = opened.workspace
        let asOf = try report.asOf()
        let rules = ws.settings.rules.development
        let wantedBranch = try branch.map { try resolveBranch($0, in: ws, lang) }
        let funnels = DevelopmentPipeline.funnel(ws, asOf: asOf).filter { f in wantedBranch.map { $0.id == f.branchId } ?? true }
        let names = Dictionary(ws.organisation.branches.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let total = DevelopmentFunnel.total(funnels, name: zh ? "合计" : "Total")
        let people = DevelopmentPipeline.ordered(ws.candidates.filter { c in
            wantedBranch.map { $0.id == c.branchId } ?? funnels.contains { $0.branchId == c.branchId }
        }.map { DevelopmentPipeline.progress($0, asOf: asOf, rules: rules) }.filter { p in
            guard let s = p.stage else { return false }
            return stageWanted.map { $0 == s } ?? s.isOpen
        })
        let byId = Dictionary(ws.candidates.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })

        switch report.format {
        case .json:
            func funnel(_ f: DevelopmentFunnel, id: String?) -> JSONOutput.Funnel {
                .init(id: id, name: f.branchName, counts: Dictionary(uniqueKeysWithValues: DevelopmentStage.allCases.map { ($0.rawValue, f.count($0)) }),
                      reserve: f.reserve, developedThisYear: f.developedThisYear)
            }
            try Output.json(JSONOutput(asOf: asOf.iso, personalData: developmentPersonalDataNote(lang),
                                       branches: funnels.map { funnel($0, id: $0.branchId) }, total: funnel(total, id: nil),
                                       count: people.count, people: people.map { p in
                let c = byId[p.candidateId]
                return .init(id: p.candidateId, name: p.name, branchId: p.branchId, branchName: names[p.branchId] ?? p.branchId,
                             stage: p.stage?.rawValue, stageName: p.stage?.name(lang),
                             next: p.next.map { n in .init(step: n.kind.rawValue, stepName: n.kind.name(lang), due: n.due?.iso, earliest: n.earliest?.iso,
                                                           state: n.state.rawValue, stateName: n.state.name(lang), missing: n.missing.map(\.rawValue)) },
                             overdue: p.isOverdue, blocked: p.isBlocked, probationEnds: p.probationEnd?.iso, memberId: c?.memberId,
                             exceptions: c?.exceptions.count ?? 0, student: c?.student ?? false)
            }))
        default:
            let peopleTable = TextTable(columns: [
                .init(zh ? "姓名" : "Name", maxWidth: 10), .init(zh ? "支部" : "Branch", maxWidth: 16), .init(zh ? "阶段" : "Stage", maxWidth: 18),
                .init(zh ? "下一步" : "Next step", maxWidth: 22), .init(zh ? "期限" : "Due"), .init(zh ? "最早" : "Not before"),
                .init(zh ? "状态" : "State"), .init(zh ? "预备期满" : "Probation ends"), .init(zh ? "编号" : "Id"),
            ], rows: people.map { p in
                var state = p.next?.state.name(lang) ?? ""
                if let missing = p.next?.missing, !missing.isEmpty {
                    state += (zh ? " (缺 " : " (needs ") + missing.map { $0.name(lang) }.joined(separator: zh ? "、" : ", ") + ")"
                }
                if p.isOverdue && p.next?.state != .overdue { state += zh ? " (有逾期)" : " (something overdue)" }
                return [p.name, names[p.branchId] ?? p.branchId, p.stage?.name(lang) ?? "", p.next?.kind.name(lang) ?? "",
                        p.next?.due?.iso ?? "", p.next?.earliest?.iso ?? "", state, p.probationEnd?.iso ?? "", p.candidateId]
            })
            if report.format == .csv {
                Output.csv([[.text(developmentPersonalDataNote(lang))]] + peopleTable.csvRows)
                return
            }
            let stages = DevelopmentStage.stages
            let funnelTable = TextTable(columns: [.init(zh ? "支部" : "Branch", maxWidth: 24)]
                                        + stages.map { .init($0.name(lang), .right, number: true) }
                                        + [.init(zh ? "本年发展" : "Developed this year", .right, number: true)],
                                        rows: (funnels + (funnels.count > 1 ? [total] : [])).map { f in
                [f.branchName] + stages.map { String(f.count($0)) } + [String(f.developedThisYear)]
            })
            Output.line(zh ? "\(ws.settings.name) 发展党员 (截至 \(asOf.iso))" : "\(ws.settings.name) 发展党员 pipeline as of \(asOf.iso)")
            Output.line(funnelTable.render())
            Output.line("")
            Output.line(developmentPersonalDataNote(lang))
            Output.line(peopleTable.render())
            let overdue = people.filter(\.isOverdue).count
            Output.line(zh ? "共 \(people.count) 人, 逾期 \(overdue) 人" : "\(people.count) people, \(overdue) with a step overdue")
        }
    }
}

/// `partydesk development add`: a new person with their 入党申请.
struct DevelopmentAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "登记入党申请人 / Record a new applicant (their 入党申请), with the same checks, lock, save and journal as the dashboard.")

    @OptionGroup var workspace: WorkspaceOptions
    @Option(name: .long, help: ArgumentHelp("支部编号或名称 / Branch id or name.", valueName: "ID|NAME")) var branch: String
    @Option(name: .long, help: "姓名 / Name.") var name: String
    @Option(name: .long, help: ArgumentHelp("递交入党申请书的日期 / The day of the application.", valueName: "DATE")) var applied: String
    @Option(name: .long, help: ArgumentHelp("出生日期 (检查年满十八岁) / Birth date (checked: 18 or over).", valueName: "DATE")) var born: String?
    @Option(name: .long, help: "性别 男|女 / Gender.") var gender: String?
    @Flag(name: .long, help: "在校学生 (计入学生比例) / A student (counted in seed 003's ratios).") var student = false
    @Option(name: .long, help: "备注 / Note.") var note: String?
    @Option(name: .customLong("exception-reason"), help: ArgumentHelp("违反规则时按例外登记的理由 / Record despite a rule broken, with this reason.", valueName: "TEXT"))
    var exceptionReason: String?

    func run() throws {
        let lang = workspace.lang
        guard let day = Day.parse(applied) else { throw ValidationError("--applied \"\(applied)\": 无法识别的日期 / unrecognised date") }
        let birth = try born.map { text -> Day in
            guard let d = Day.parse(text) else { throw ValidationError("--born \"\(text)\": 无法识别的日期 / unrecognised date") }
            return d
        }
        let sex = try gender.map { text -> Gender in
            guard let g = Gender.named(text) else { throw ValidationError("--gender \(text): 男|女 / male|female") }
            return g
        }
        let editing = try workspace.startEditing(years: { [$0.currentYear] })
        defer { editing.release() }
        let loaded = editing.loaded
        let ws = loaded.workspace
        let b = try resolveBranch(branch, in: ws, lang)
        let candidate = Candidate(id: ws.newCandidateId(year: day.year), name: name.trimmingCharacters(in: .whitespaces), branchId: b.id,
                                  gender: sex, birthDate: birth, student: student, steps: [DevelopmentStep(.application, day)],
                                  note: note.flatMap { $0.isEmpty ? nil : $0 })
        let change: Change
        switch DevelopmentRecord.add(candidate, in: ws, exceptionReason: exceptionReason) {
        case .success(let c): change = c
        case .failure(let refusal): throw CLIFailure(message: DevelopmentAddStepCommand.refusalText(refusal, lang))
        }
        let saved = try editing.commit(change, lang)
        Output.line(lang == .zh ? "已登记 \(saved.entityId) \(candidate.name) (\(b.name)) 入党申请 \(day.iso)"
                                : "recorded \(saved.entityId) \(candidate.name) (\(b.name)): application \(day.iso)")
        DevelopmentAddStepCommand.sayExceptions(change, lang)
    }
}

/// `partydesk development add-step`: one step of one person, from a script or the shell.
struct DevelopmentAddStepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add-step",
        abstract: "登记一个发展步骤 / Record a step (checked against the rules; the 审批 puts the person on the roster).",
        discussion: """
        违反规则的步骤不予登记, 并说明违反的规则及出处; 确属特殊情况的, 加 --exception-reason 说明理由后按例外登记 (记入纪实, partydesk validate 列出)。\
        上级党委审批 (approval) 后自动登记到支部花名册 (预备党员, 自支部大会之日起, 党费自当月起交纳); 审批转正后为正式党员; 延长预备期顺延预备期满日期; \
        取消预备党员资格后自当日起不再计入。
        A step that breaks a rule is refused, naming the rule and its source; with --exception-reason it is recorded as an \
        exception (kept in the journal, listed by validate). The approval puts the person on the roster as probationary from \
        the branch meeting day (dues from that month); the 转正 approval makes them full on the probation's end.
        """)

    @OptionGroup var workspace: WorkspaceOptions
    @Option(name: .long, help: ArgumentHelp("编号或姓名 / The person's id or name.", valueName: "ID|NAME")) var person: String
    @Option(name: .long, help: ArgumentHelp("支部编号或名称 (姓名重复时) / Branch id or name (when two share the name).", valueName: "ID|NAME")) var branch: String?
    @Option(name: .long, help: ArgumentHelp("步骤, 代码或中文名 / Step, by code or Chinese name: \(DevelopmentStepKind.allCases.map { "\($0.rawValue) \($0.name(.zh))" }.joined(separator: ", ")).", valueName: "STEP"))
    var step: String
    @Option(name: .long, help: ArgumentHelp("日期 / Date.", valueName: "DATE")) var date: String
    @Option(name: .long, help: ArgumentHelp("人员: 培养联系人、入党介绍人、谈话人 (用顿号或逗号分隔; 党员编号或姓名) / People: contacts, sponsors, who talked (ids or names).", valueName: "NAMES"))
    var people: String?
    @Option(name: .long, help: "集中培训天数, 公示工作日数 / Days (training, public notice).") var days: Double?
    @Option(name: .long, help: "集中培训学时 / Training hours.") var hours: Double?
    @Option(name: .long, help: "延长预备期月数 / Months (extension).") var months: Int?
    @Option(name: .long, help: "支部大会: 到会有表决权人数 / Voting members present.") var present: Int?
    @Option(name: .long, help: "支部大会: 应到会有表决权人数 / Members entitled to vote.") var entitled: Int?
    @Option(name: .customLong("in-favour"), help: "支部大会: 赞成人数 / Votes in favour.") var inFavour: Int?
    @Option(name: .long, help: "决定机构 支委会|支部大会 / Decided by committee|generalMeeting.") var body: String?
    @Option(name: .long, help: "备注 / Note.") var note: String?
    @Option(name: .customLong("exception-reason"), help: ArgumentHelp("违反规则时按例外登记的理由 / Record despite a rule broken, with this reason.", valueName: "TEXT"))
    var exceptionReason: String?

    func run() throws {
        let lang = workspace.lang, zh = lang == .zh
        guard let kind = DevelopmentStepKind.named(step) else {
            throw ValidationError("--step \(step): " + ProblemKind.unknownCode(step, allowed: DevelopmentStepKind.allCases.map { "\($0.rawValue) (\($0.name(.zh)))" }).message(lang))
        }
        guard let day = Day.parse(date) else { throw ValidationError("--date \"\(date)\": 无法识别的日期 / unrecognised date") }
        let decidedBy = try body.map { text -> DecisionBody in
            guard let b = DecisionBody.named(text) else { throw ValidationError("--body \(text): 支委会|支部大会 / committee|generalMeeting") }
            return b
        }
        let editing = try workspace.startEditing(years: { [$0.currentYear] })
        defer { editing.release() }
        let loaded = editing.loaded
        let ws = loaded.workspace
        let branchId = try branch.map { try resolveBranch($0, in: ws, lang).id }
        let found = DevelopmentRecord.candidates(named: person, branchId: branchId, in: ws)
        guard found.count == 1, let candidate = found.first else {
            throw CLIFailure(message: found.isEmpty
                ? (zh ? "--person \(person): 没有这个编号或姓名的发展对象" : "--person \(person): nobody in the pipeline has this id or name")
                : (zh ? "--person \(person): 有 \(found.count) 人同名, 请用编号: \(found.map(\.id).joined(separator: ", "))"
                      : "--person \(person): \(found.count) people have this name; give the id: \(found.map(\.id).joined(separator: ", "))"), code: 2)
        }
        let refs = people.map { DevelopmentRecord.people($0, branchId: candidate.branchId, on: day, in: ws) } ?? []
        let recorded = DevelopmentStep(kind, day, people: refs, days: days, hours: hours, months: months, present: present, entitled: entitled,
                                       inFavour: inFavour, body: decidedBy, note: note.flatMap { $0.isEmpty ? nil : $0 })
        let change: Change
        switch DevelopmentRecord.record(recorded, for: candidate.id, in: ws, exceptionReason: exceptionReason) {
        case .success(let c): change = c
        case .failure(let refusal): throw CLIFailure(message: Self.refusalText(refusal, lang))
        }
        try editing.commit(change, lang)
        Output.line(zh ? "已登记 \(candidate.name) \(kind.name(lang)) \(day.iso)" : "recorded \(candidate.name): \(kind.name(lang)) \(day.iso)")
        Self.sayExceptions(change, lang)
        for part in change.parts {
            guard case .member(let before, let m?) = part else { continue }
            let end = m.probationEnds?.iso ?? "-"
            if before == nil {
                Output.line(zh ? "已登记到花名册: \(m.id) \(m.name), 预备党员, 自 \(m.acceptedOn?.iso ?? "-") 起 (党费自当月起交纳), 预备期至 \(end)"
                               : "on the roster: \(m.id) \(m.name), probationary from \(m.acceptedOn?.iso ?? "-") (dues from that month), probation until \(end)")
            } else if m.leftOn != nil && before?.leftOn == nil {
                Output.line(zh ? "花名册: \(m.id) \(m.name) 自 \(m.leftOn!.iso) 起取消预备党员资格" : "roster: \(m.id) \(m.name) off the roster from \(m.leftOn!.iso)")
            } else if m.status == .full && before?.status != .full {
                Output.line(zh ? "花名册: \(m.id) \(m.name) 转为正式党员 (自 \(end) 起)" : "roster: \(m.id) \(m.name) full member (from \(end))")
            } else {
                Output.line(zh ? "花名册: \(m.id) \(m.name) 预备期至 \(end)" : "roster: \(m.id) \(m.name) probation until \(end)")
            }
        }
    }

    /// A refusal with what to do.
    static func refusalText(_ refusal: DevelopmentRecord.Refusal, _ lang: Language) -> String {
        guard case .rules = refusal else { return refusal.message(lang) }
        return (lang == .zh ? "未登记: " : "not recorded: ") + refusal.message(lang)
            + (lang == .zh ? "。如属特殊情况, 可加 --exception-reason \"理由\" 按例外登记 (记入纪实, partydesk validate 列出)"
                           : ". If this is a special case, add --exception-reason \"why\" to record it as an exception (kept in the journal, listed by partydesk validate)")
    }

    /// The exceptions a change records, said.
    static func sayExceptions(_ change: Change, _ lang: Language) {
        for part in change.parts {
            guard case .candidate(let before, let after?) = part else { continue }
            let old = before?.exceptions ?? []
            for step in after.exceptions where !old.contains(step) {
                let rules = (step.exception?.rules ?? []).compactMap(DevelopmentRule.init(rawValue:)).map { "\($0.name(lang)) (\($0.source(lang)))" }
                Output.line(lang == .zh ? "按例外登记: \(step.kind.name(lang)) \(step.date.iso), 理由: \(step.exception?.reason ?? ""); 违反: \(rules.joined(separator: "; "))"
                                        : "recorded as an exception: \(step.kind.name(lang)) \(step.date.iso), reason: \(step.exception?.reason ?? ""); breaks: \(rules.joined(separator: "; "))")
            }
        }
    }
}

/// `partydesk development targets`: this year's developed against the 发展计划, and seed 003's ratios.
struct DevelopmentTargetsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "targets",
        abstract: "本年发展人数与发展计划, 学生党员及党员后备力量占在校生比例 / Developed this year against the plan; student members and reserve force per student.",
        discussion: """
        计划与在校生人数录入在 development-targets.json (docs/data-format.md); 目标比例见 rules.development (seed 003: 3.83%, 42.90%)。\
        本年发展: 当年经上级党委审批接收的预备党员 (无审批日期的按支部大会日期)。学生党员: 党费类别为学生的党员; 后备力量: 标记为学生的申请人、积极分子、发展对象。
        The plan and student counts are entered in development-targets.json; the target shares are rules.development.
        """)

    @OptionGroup var report: ReportOptions

    struct JSONOutput: Encodable {
        struct Row: Encodable {
            var id: String?, name: String, developed: Int, plan: Int?, planShare: Double?, students: Int?
            var studentMembers: Int, studentMemberShare: Double?, studentReserve: Int, reserveShare: Double?
        }
        var year: Int, asOf: String, studentMemberTarget: Double, reserveTarget: Double, branches: [Row], total: Row
    }

    func run() throws {
        let lang = report.lang, zh = lang == .zh
        let (opened, _) = try report.openForFigures(countInJSON: true)
        let asOf = try report.asOf()
        let t = DevelopmentPipeline.targets(opened.workspace, asOf: asOf)
        let round = { (v: Double?) in v.map { ($0 * 10000).rounded() / 10000 } }
        func row(_ r: DevelopmentTargetRow) -> JSONOutput.Row {
            .init(id: r.branchId, name: r.name, developed: r.developed, plan: r.plan, planShare: round(r.planShare), students: r.students,
                  studentMembers: r.studentMembers, studentMemberShare: round(r.studentMemberShare), studentReserve: r.studentReserve,
                  reserveShare: round(r.reserveShare))
        }
        switch report.format {
        case .json:
            try Output.json(JSONOutput(year: t.year, asOf: asOf.iso, studentMemberTarget: t.studentMemberTarget, reserveTarget: t.reserveTarget,
                                       branches: t.branches.map(row), total: row(t.total)))
        default:
            func share(_ v: Double?) -> String { v.map { String(format: "%.2f%%", $0 * 100) } ?? "-" }
            let table = TextTable(columns: [
                .init(zh ? "支部" : "Branch", maxWidth: 24), .init(zh ? "本年发展" : "Developed", .right, number: true),
                .init(zh ? "计划" : "Plan", .right, number: true), .init(zh ? "完成" : "Done", .right),
                .init(zh ? "在校生" : "Students", .right, number: true), .init(zh ? "学生党员" : "Student members", .right, number: true),
                .init(zh ? "占比" : "Share", .right), .init(zh ? "后备力量" : "Reserve", .right, number: true), .init(zh ? "占比" : "Share", .right),
            ], rows: (t.branches + [t.total]).map { r in
                [r.name, String(r.developed), r.plan.map(String.init) ?? "", share(r.planShare), r.students.map(String.init) ?? "",
                 String(r.studentMembers), share(r.studentMemberShare), String(r.studentReserve), share(r.reserveShare)]
            })
            Output.emit(table, format: report.format,
                        title: zh ? "\(opened.workspace.settings.name) \(t.year)年发展党员计划与比例 (截至 \(asOf.iso); 目标: 学生党员 \(share(t.studentMemberTarget)), 后备力量 \(share(t.reserveTarget)))"
                                  : "\(opened.workspace.settings.name) \(t.year) development targets as of \(asOf.iso) (targets: student members \(share(t.studentMemberTarget)), reserve \(share(t.reserveTarget)))")
        }
    }
}

/// `partydesk development plan`: enter a year's 发展计划 and student counts (development-targets.json).
struct DevelopmentPlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "录入年度发展计划与在校生人数 / Enter a year's 发展计划 (new members to develop) and students enrolled, for a branch or the whole 党委.")

    @OptionGroup var workspace: WorkspaceOptions
    @Option(name: .long, help: "年度 / Year (default: the workspace's current year).") var year: Int?
    @Option(name: .long, help: ArgumentHelp("支部编号或名称 (不填为全党委) / Branch id or name (none: the whole 党委).", valueName: "ID|NAME")) var branch: String?
    @Option(name: .long, help: "本年计划发展人数 / New members planned.") var plan: Int?
    @Option(name: .long, help: "在校生人数 / Students enrolled.") var students: Int?

    func validate() throws {
        if plan == nil && students == nil { throw ValidationError("--plan 或 --students 至少填一项 / give --plan or --students") }
        if (plan ?? 0) < 0 || (students ?? 0) < 0 { throw ValidationError("人数不能为负 / counts cannot be negative") }
    }

    func run() throws {
        let lang = workspace.lang, zh = lang == .zh
        let editing = try workspace.startEditing(years: { [$0.currentYear] })
        defer { editing.release() }
        let loaded = editing.loaded
        let ws = loaded.workspace
        let y = year ?? ws.settings.currentYear
        let b = try branch.map { try resolveBranch($0, in: ws, lang) }
        let after = ws.developmentTargets.setting(year: y, branchId: b?.id, plan: plan.map { .some($0) } ?? .none,
                                                  students: students.map { .some($0) } ?? .none)
        try editing.commit(.developmentTargets(before: ws.developmentTargets, after: after), lang)
        let entry = after.year(y)
        let who = b?.name ?? (zh ? "全党委" : "the whole committee")
        let planned = (b.map { entry?.plan[$0.id] } ?? entry?.planTotal).map(String.init) ?? "-"
        let enrolled = (b.map { entry?.students[$0.id] } ?? entry?.studentsTotal).map(String.init) ?? "-"
        Output.line(zh ? "已录入 \(y)年 \(who): 计划发展 \(planned) 人, 在校生 \(enrolled) 人" : "recorded \(y), \(who): \(planned) planned, \(enrolled) students")
    }
}
