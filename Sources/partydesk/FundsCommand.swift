import ArgumentParser
import Foundation
import PartyModel
import PartyStore
import PartyTUI

/// `partydesk funds`: 经费 — each branch's allocations against the standards and its spending
/// (the default, `summary`), the entries (`list`), a new entry (`add`).
struct FundsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "funds",
        abstract: "经费: 各支部拨付与标准、支出与结余; 经费明细; 登记 / Funds: allocations against the standards, spending, entries.",
        discussion: """
        标准见 workspace.json 的 rules.funds (默认: 机关党组织活动经费每人每年 800 元, 种子方案 004; 村级党建经费每村每年不低于 4 万元, 种子方案 001)。\
        一年过半 (默认 7 月 1 日起) 拨付仍低于标准的支部列为预警。详见 docs/funds.md。
        The standards are rules.funds in workspace.json (by default 800 yuan a member a year for government branches, seed 004; \
        40,000 yuan a village a year, seed 001). From the year's second half (1 July by default) a branch allocated less is an alert. See docs/funds.md.
        """,
        subcommands: [FundsSummaryCommand.self, FundsListCommand.self, FundsAddCommand.self],
        defaultSubcommand: FundsSummaryCommand.self)
}

/// The organisation an option names: the 党委, a 党总支 or a branch, by id or name.
func resolveOrganisation(_ text: String, in ws: Workspace, _ lang: Language) throws -> (id: String, name: String) {
    let org = ws.organisation
    let all = [(org.committee.id, org.committee.name)] + org.generalBranches.map { ($0.id, $0.name) } + org.branches.map { ($0.id, $0.name) }
    if let exact = all.first(where: { $0.0 == text }) { return exact }
    let named = all.filter { NameKey.of($0.1) == NameKey.of(text) }
    if named.count == 1 { return named[0] }
    if named.count > 1 {
        throw CLIFailure(message: lang == .zh ? "--org \(text): 有 \(named.count) 个组织同名, 请用编号: \(named.map(\.0).joined(separator: ", "))"
                                             : "--org \(text): \(named.count) organisations have this name; give the id: \(named.map(\.0).joined(separator: ", "))", code: 2)
    }
    throw CLIFailure(message: lang == .zh ? "--org \(text): 没有这个编号或名称的党委、党总支或支部" : "--org \(text): no committee, general branch or branch has this id or name", code: 2)
}

struct FundsSummaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "各支部本年拨付、标准、支出与结余 (默认) / Each branch's allocations, standard, spending and balance for a year (the default).")

    @OptionGroup var report: ReportOptions
    @Option(name: .long, help: "年度 / Year (default: the as-of day's).") var year: Int?
    @Flag(name: .long, help: "只列低于标准的支部 / Only branches below a standard.") var below = false

    struct JSONOutput: Encodable {
        struct Standard: Encodable { var id: String; var title: String; var members: Int; var required: Double; var allocated: Double; var met: Bool }
        struct Row: Encodable {
            var id: String, name: String, sector: String, allocated: Double, spent: Double, balance: Double
            var required: Double?, standards: [Standard]
        }
        var year: Int, asOf: String, alertsFrom: String, branches: [Row], total: Row
    }

    func run() throws {
        let lang = report.lang, zh = lang == .zh
        let (opened, _) = try report.openForFigures(countInJSON: true)
        let ws = opened.workspace
        let asOf = try report.asOf()
        let year = year ?? asOf.year
        let ledger = FundsLedger(ws), members = MemberLedger(ws)
        let branches = ws.organisation.branches(inServiceOn: Day.firstOf(year: year, month: 1))
        var figures = branches.map { b in ledger.figures(b.id, branch: b, year: year, asOf: asOf) { members.counts($0, on: $1).total } }
        var shown = Array(zip(branches, figures))
        if below { shown = shown.filter { !$0.1.belowStandard.isEmpty } }
        figures = shown.map(\.1)
        let total = FundsFigures(organisationId: "", year: year, allocated: figures.reduce(.zero) { $0 + $1.allocated },
                                 spent: figures.reduce(.zero) { $0 + $1.spent }, standards: figures.flatMap(\.standards))
        func row(_ id: String, _ name: String, _ sector: String, _ f: FundsFigures) -> JSONOutput.Row {
            .init(id: id, name: name, sector: sector, allocated: f.allocated.yuan, spent: f.spent.yuan, balance: f.balance.yuan,
                  required: f.required?.yuan, standards: f.standards.map {
                      .init(id: $0.standard.id, title: $0.standard.title, members: $0.members, required: $0.required.yuan,
                            allocated: $0.allocated.yuan, met: $0.met)
                  })
        }
        switch report.format {
        case .json:
            try Output.json(JSONOutput(year: year, asOf: asOf.iso, alertsFrom: Day.firstOf(year: year, month: ledger.rules.alertFromMonth).iso,
                                       branches: shown.map { row($0.id, $0.name, $0.sector.rawValue, $1) },
                                       total: row("", zh ? "合计" : "Total", "", total)))
        default:
            let columns: [TextTable.Column] = [
                .init(zh ? "支部" : "Branch", maxWidth: 24), .init(zh ? "类别" : "Sector"),
                .init(zh ? "标准 (元)" : "Standard", .right, number: true), .init(zh ? "计入标准 (元)" : "Counted", .right, number: true),
                .init(zh ? "达标" : "Met"), .init(zh ? "拨付 (元)" : "Allocated", .right, number: true),
                .init(zh ? "支出 (元)" : "Spent", .right, number: true), .init(zh ? "结余 (元)" : "Balance", .right, number: true),
                .init(zh ? "编号" : "Id"),
            ]
            let rows = shown.map { b, f -> [String] in
                let counted = f.standards.reduce(Money.zero) { $0 + $1.allocated }
                let met = f.standards.isEmpty ? "-" : f.belowStandard.isEmpty ? (zh ? "是" : "yes") : (zh ? "否" : "no")
                return [b.name, b.sector.name(lang), f.required?.description ?? "", f.standards.isEmpty ? "" : counted.description, met,
                        f.allocated.description, f.spent.description, f.balance.description, b.id]
            }
            let title = zh ? "\(ws.settings.name) \(year)年经费 (截至 \(min(asOf, Day.lastOf(year: year, month: 12)).iso))"
                           : "\(ws.settings.name) funds \(year) as of \(min(asOf, Day.lastOf(year: year, month: 12)).iso)"
            let belowCount = figures.filter { !$0.belowStandard.isEmpty }.count
            let footer = zh ? "合计: 拨付 \(total.allocated) 元, 支出 \(total.spent) 元, 结余 \(total.balance) 元; 低于标准 \(belowCount) 个支部"
                            : "total: allocated \(total.allocated), spent \(total.spent), balance \(total.balance); \(belowCount) branch(es) below a standard"
            Output.emit(TextTable(columns: columns, rows: rows), format: report.format, title: title, footer: [footer])
        }
    }
}

struct FundsListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "经费明细 (日期、组织、金额、拨付/支出、类别、说明) / The entries: day, organisation, amount, direction, category, note.")

    @OptionGroup var report: ReportOptions
    @Option(name: .long, help: "年度 / Year (default: every year).") var year: Int?
    @Option(name: .long, help: ArgumentHelp("党委、党总支或支部的编号或名称 / The committee, a general branch or a branch.", valueName: "ID|NAME"))
    var org: String?

    func run() throws {
        let lang = report.lang, zh = lang == .zh
        let (opened, _) = try report.openForFigures(countInJSON: true)
        let ws = opened.workspace
        let only = try org.map { try resolveOrganisation($0, in: ws, lang).id }
        let names = OrganisationNames(ws)
        let entries = ws.funds.filter { e in (year.map { e.date.year == $0 } ?? true) && (only.map { e.organisationId == $0 } ?? true) }
            .sorted { ($0.date, $0.id) < ($1.date, $1.id) }
        switch report.format {
        case .json:
            try Output.json(entries)
        default:
            let columns: [TextTable.Column] = [
                .init(zh ? "日期" : "Date"), .init(zh ? "组织" : "Organisation", maxWidth: 24), .init(zh ? "方向" : "Direction"),
                .init(zh ? "类别" : "Category"), .init(zh ? "金额 (元)" : "Amount", .right, number: true), .init(zh ? "说明" : "Note", maxWidth: 30),
                .init(zh ? "编号" : "Id"),
            ]
            let rows = entries.map { e in [e.date.iso, names[e.organisationId], e.direction.name(lang), e.category.name(lang), e.money.description, e.note ?? "", e.id] }
            Output.emit(TextTable(columns: columns, rows: rows), format: report.format,
                        title: zh ? "\(ws.settings.name) 经费明细" : "\(ws.settings.name) funds entries", footer: [])
        }
    }
}

/// Names of the 党委, the 党总支s and the branches by id (an id not found shows as itself).
struct OrganisationNames {
    let names: [String: String]
    init(_ ws: Workspace) {
        let org = ws.organisation
        var names = [org.committee.id: org.committee.name]
        for g in org.generalBranches { names[g.id] = g.name }
        for b in org.branches { names[b.id] = b.name }
        self.names = names
    }
    subscript(_ id: String) -> String { names[id] ?? id }
}

struct FundsAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "登记一笔经费 (拨付或支出) / Record an allocation or spending, with the same checks, lock, save and journal as the dashboard.")

    @OptionGroup var workspace: WorkspaceOptions
    @Option(name: .long, help: ArgumentHelp("党委、党总支或支部的编号或名称 / The committee, a general branch or a branch.", valueName: "ID|NAME"))
    var org: String
    @Option(name: .long, help: ArgumentHelp("日期 / Day.", valueName: "DATE")) var date: String
    @Option(name: .long, help: ArgumentHelp("金额 (元) / Amount in yuan.", valueName: "YUAN")) var amount: String
    @Option(name: .long, help: "拨付|支出 / allocated|spent.") var direction: String
    @Option(name: .long, help: "活动经费|党费返还|工作经费|其他 / activity|duesReturn|work|other.") var category: String
    @Option(name: .long, help: "说明 / Note.") var note: String?

    func run() throws {
        let lang = workspace.lang
        guard let day = Day.parse(date) else { throw ValidationError("--date \"\(date)\": 无法识别的日期 / unrecognised date") }
        let figure = FullWidth.halfWidth(amount).replacingOccurrences(of: ",", with: "").trimmingCharacters(in: .whitespaces)
        guard let yuan = Double(figure.hasSuffix("元") ? String(figure.dropLast()) : figure), yuan > 0 else { throw ValidationError("--amount \(amount): 应为大于 0 的金额 / must be an amount above 0") }
        guard let way = FundsDirection.named(direction) else {
            throw ValidationError("--direction \(direction): \(FundsDirection.acceptedNames(lang).joined(separator: "|"))")
        }
        guard let kind = FundsCategory.named(category) else {
            throw ValidationError("--category \(category): \(FundsCategory.acceptedNames(lang).joined(separator: "|"))")
        }
        let editing = try workspace.startEditing(years: { _ in [day.year] })
        defer { editing.release() }
        let loaded = editing.loaded
        let ws = loaded.workspace
        let target = try resolveOrganisation(org, in: ws, lang)
        let entry = FundsEntry(id: ws.newFundsId(year: day.year), date: day, organisationId: target.id, amount: yuan, direction: way,
                               category: kind, note: note.flatMap { $0.isEmpty ? nil : $0 })
        if let issue = Validator.validate(funds: entry, in: ws).first {
            throw CLIFailure(message: "\(issue.field): \(issue.kind.message(lang))")
        }
        let saved = try editing.commit(.funds(before: nil, after: entry), lang)
        Output.line(lang == .zh ? "已登记 \(saved.entityId) \(target.name) \(day.iso) \(way.name(lang)) \(kind.name(lang)) \(entry.money) 元"
                                : "recorded \(saved.entityId) \(target.name) \(day.iso) \(way.name(lang)) \(kind.name(lang)) \(entry.money) yuan")
    }
}
