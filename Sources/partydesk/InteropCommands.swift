import ArgumentParser
import Foundation
import PartyModel
import PartyPostgres
import PartyStore
import PartyTUI

extension TextEncoding: ExpressibleByArgument {}

enum ExportKind: String, ExpressibleByArgument, CaseIterable {
    case branches, members, activities, checks, rectifications, scores, compliance, alerts, dues
    case development
    case funds
}

/// What `export --what` takes: one kind, or `all` (every kind but compliance, one sheet each: .xlsx only).
enum ExportSelection: ExpressibleByArgument, Equatable {
    case one(ExportKind)
    case all

    init?(argument: String) {
        if argument == "all" { self = .all } else if let kind = ExportKind(rawValue: argument) { self = .one(kind) } else { return nil }
    }

    static var allValueStrings: [String] { ExportKind.allCases.map(\.rawValue) + ["all"] }

    /// The kinds of `--what all`, in the workbook's order.
    static let workbookKinds: [ExportKind] = [.branches, .members, .activities, .checks, .rectifications, .scores, .alerts, .development, .funds]
}

enum ExportFormat: String, ExpressibleByArgument, CaseIterable {
    case csv, xlsx
}

/// `partydesk export`: sheets that open correctly in Excel and WPS on Windows.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "导出 CSV 或 .xlsx 工作簿 (Excel/WPS 可直接打开) / Export a CSV or an .xlsx workbook that opens correctly in Excel and WPS.")

    @OptionGroup var workspace: WorkspaceOptions
    @Option(name: .long, help: "branches|members|activities|checks|rectifications|scores|compliance|alerts|dues|development|funds|all (all: 每类一张工作表, 仅 xlsx / one sheet per kind, xlsx only; dues: 党费表, 每人一行, 每月一列 / a row per member, a column per month)")
    var what: ExportSelection
    @Option(name: .long, help: "年度 / Year.") var year: Int?
    @Option(name: .long, help: "季度 / Quarter (scores).") var quarter: Int?
    @Option(name: .long, help: ArgumentHelp("输出文件 / Output file.", valueName: "FILE.csv|FILE.xlsx")) var out: String
    @Option(name: .long, help: "csv | xlsx (默认按输出文件扩展名: .xlsx 为工作簿, 其余为 CSV / default: by the output file's extension)")
    var format: ExportFormat?
    @Option(name: .long, help: "utf8-bom (默认, Excel) | utf8 | gb18030 (旧版 WPS/Excel); 仅 CSV / CSV only") var encoding: TextEncoding?
    @OptionGroup var asOf: AsOfOption

    func run() throws {
        let lang = workspace.lang
        let zh = lang == .zh
        let format = self.format ?? (out.lowercased().hasSuffix(".xlsx") ? .xlsx : .csv)
        if format == .xlsx, let encoding {
            throw CLIFailure(message: zh ? "--encoding \(encoding.rawValue) 只用于 CSV; .xlsx 工作簿的编码是固定的" : "--encoding \(encoding.rawValue) is for CSV only; an .xlsx workbook has no encoding to choose", code: 2)
        }
        if format == .csv, what == .all {
            throw CLIFailure(message: zh ? "--what all 把每类数据写成一张工作表, 只能导出 .xlsx (--format xlsx 或 --out 台账.xlsx)"
                                         : "--what all writes one sheet per kind: export it as .xlsx (--format xlsx, or --out ledger.xlsx)", code: 2)
        }
        let ws = try workspace.open().workspace
        let day = try asOf.value()
        let kinds: [ExportKind]
        switch what {
        case .one(let kind): kinds = [kind]
        case .all: kinds = ExportSelection.workbookKinds
        }
        var sheets: [(name: String, rows: [[CSV.Cell]])] = []
        for kind in kinds {
            sheets.append((Self.sheetName(kind, lang), try Self.rows(kind, ws, year: year, quarter: quarter, asOf: day, lang: lang)))
        }
        // The 党员 and 党费 sheets hold personal data (names, birth dates, phones, dues): the file says so (DESIGN
        // §6) — a CSV in its first line, above the header (the import passes over it as a title); a
        // workbook on a sheet of its own after the data (its sheets keep their header in row 1) —
        // and only its owner may read it (0600, an existing file too).
        let personal = kinds.contains(.members) || kinds.contains(.dues) || kinds.contains(.development)
        let dataSheets = sheets.count
        if personal && format == .xlsx {
            sheets.append((lang.pick("个人信息提示", "Personal data"), [[.text(Self.personalDataSheetNote(lang))], [.text(personalDataNote(lang))]]))
        }
        let data: Data, said: String
        switch format {
        case .csv:
            let encoding = self.encoding ?? .utf8BOM
            let rows = personal ? [[CSV.Cell.text(personalDataNote(lang))]] + sheets[0].rows : sheets[0].rows
            guard let bytes = encoding.encode(CSV.render(rows)) else {
                throw CLIFailure(message: zh ? "部分字符无法用 \(encoding.rawValue) 表示, 请改用 utf8-bom" : "some characters cannot be written as \(encoding.rawValue); use utf8-bom")
            }
            data = bytes
            said = encoding.rawValue
        case .xlsx:
            do { data = try XLSXWriter.workbook(sheets) } catch { throw CLIFailure(message: error.message(lang)) }
            said = "xlsx"
        }
        let path = DataLocationPath.absolute(out)
        if personal { try Self.ownerOnly(path, lang) }
        do { try AtomicFile.write(data, to: path) } catch { throw CLIFailure(message: "\(error.path): \(error.reason)") }
        let written = Array(sheets.prefix(dataSheets))
        let rows = written.reduce(0) { $0 + max(0, $1.rows.count - 1) }
        if written.count > 1 {
            Output.line(zh ? "已导出 \(written.count) 张工作表 (\(written.map(\.name).joined(separator: "、"))) 共 \(rows) 行到 \(out) (\(said))"
                           : "exported \(written.count) sheets (\(written.map(\.name).joined(separator: ", "))), \(rows) rows in all, to \(out) (\(said))")
        } else {
            Output.line(zh ? "已导出 \(rows) 行到 \(out) (\(said))" : "exported \(rows) rows to \(out) (\(said))")
        }
        if personal {
            Output.line(zh ? "文件含党员个人信息, 仅本用户可读 (权限 0600), 请妥善保管" : "the file holds members' personal data: readable by you only (mode 0600); keep it safe")
        }
    }

    /// The personal-data sheet's first line: what the workbook holds and how to keep it.
    static func personalDataSheetNote(_ lang: Language) -> String {
        lang.pick("本工作簿的「党员」工作表含党员个人信息 / This workbook's members sheet holds personal data",
                  "This workbook's Members sheet holds personal data / 本工作簿含党员个人信息")
    }

    /// An existing file at `path` made readable by its owner only before it is written over (the
    /// write keeps a file's mode; a new one is 0600 already). A link is left for the write to refuse.
    static func ownerOnly(_ path: String, _ lang: Language) throws {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_mode & 0o077 != 0 else { return }
        if chmod(path, 0o600) != 0 {
            let reason = String(cString: strerror(errno))
            throw CLIFailure(message: lang == .zh ? "\(path): 无法设为仅本用户可读 (\(reason)), 未导出含个人信息的文件"
                                                  : "\(path): cannot make it readable by its owner only (\(reason)); the file with personal data was not written")
        }
    }

    /// A kind's sheet in a workbook.
    static func sheetName(_ kind: ExportKind, _ lang: Language) -> String {
        switch kind {
        case .branches: return lang.pick("支部", "Branches")
        case .members: return lang.pick("党员", "Members")
        case .activities: return lang.pick("活动", "Activities")
        case .checks: return lang.pick("检查", "Checks")
        case .rectifications: return lang.pick("整改", "Rectifications")
        case .scores: return lang.pick("考评", "Scores")
        case .compliance: return lang.pick("达标情况", "Compliance")
        case .alerts: return lang.pick("预警", "Alerts")
        case .dues: return lang.pick("党费", "Dues")
        case .development: return lang.pick("发展党员", "Development")
        case .funds: return lang.pick("经费", "Funds")
        }
    }

    static func rows(_ what: ExportKind, _ ws: Workspace, year: Int?, quarter: Int?, asOf: Day, lang: Language) throws -> [[CSV.Cell]] {
        let zh = lang == .zh
        let names = Dictionary(ws.organisation.branches.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let y = year ?? ws.settings.currentYear
        func table(_ t: TextTable) -> [[CSV.Cell]] { t.csvRows }
        switch what {
        case .branches: return LedgerSheet.branches.export(ws, year: nil, lang: lang)
        case .members: return LedgerSheet.members.export(ws, year: nil, lang: lang)
        case .activities: return LedgerSheet.activities.export(ws, year: year, lang: lang)
        case .dues: return LedgerSheet.dues.export(ws, year: y, lang: lang)
        case .development: return LedgerSheet.development.export(ws, year: nil, lang: lang)
        case .funds: return LedgerSheet.funds.export(ws, year: year, lang: lang)
        case .checks:
            let items = ws.checkTemplate.items
            // What a person reads first; the id last (as in every sheet PartyDesk writes).
            let header = (zh ? ["支部", "年度", "季度", "检查日期", "检查人", "书记报告", "总分"] : ["Branch", "Year", "Quarter", "Date", "Inspectors", "Report", "Total"])
                + items.map(\.title) + [zh ? "备注" : "Notes", zh ? "编号" : "Id"]
            return [header.map(CSV.Cell.text)] + ws.checks.filter { year == nil || $0.year == year }.map { c -> [CSV.Cell] in
                [.text(names[c.branchId] ?? c.branchId), .number(c.year), .number(c.quarter), .date(c.date),
                 .text(c.inspectors.joined(separator: "、")), .text(c.reportReceived ? (zh ? "是" : "yes") : (zh ? "否" : "no")), .number(rounded: c.totalPoints)]
                    + items.map { c.points[$0.id].map { CSV.Cell.number(rounded: $0) } ?? .text("") } + [.text(c.notes ?? ""), .text(c.id)]
            }
        case .rectifications:
            let header = zh ? ["支部", "来源检查", "类别", "问题", "责任人", "发现日期", "整改期限", "状态", "逾期", "编号"]
                            : ["Branch", "Source check", "Category", "Finding", "Owner", "Opened", "Due", "Status", "Overdue", "Id"]
            let categories = Dictionary(ws.scoring.categories.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
            let checks = Dictionary(ws.checks.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            return [header.map(CSV.Cell.text)] + ws.rectifications.map { r -> [CSV.Cell] in
                // The check it came from as a person names it (2026年第1季度检查), not its id.
                let source = r.sourceCheckId.map { id in
                    checks[id].map { Quarter(year: $0.year, number: $0.quarter).map { $0.name(lang) + (zh ? "检查" : " check") } ?? id } ?? id
                } ?? ""
                return [.text(names[r.branchId] ?? r.branchId), .text(source), .text(categories[r.category] ?? r.category), .text(r.description), .text(r.owner),
                        .date(r.openedOn), .date(r.dueOn), .text(r.status.name(lang)), .text(r.isOverdue(on: asOf) ? (zh ? "是" : "yes") : ""), .text(r.id)]
            }
        case .scores:
            let engine = ScoringEngine(ws)
            let t = quarter.map { engine.quarter(Quarter(year: y, number: $0)!, asOf: asOf) } ?? engine.year(y, asOf: asOf)
            return table(ScoresCommand.textTable(ws, t, lang))
        case .compliance:
            let c = ComplianceCalculator(ws)
            let kinds = ActivityKind.threeMeetingsOneLesson + [.themedPartyDay]
            let header = (zh ? ["支部", "季度"] : ["Branch", "Quarter"]) + kinds.flatMap { [$0.name(lang) + (zh ? " 已开" : " held"), $0.name(lang) + (zh ? " 应开" : " required"), $0.name(lang) + (zh ? " 达标" : " met")] }
                + (zh ? ["三会一课完成率", "主题党日完成率"] : ["3M1L ratio", "Themed day ratio"])
            var rows = [header.map(CSV.Cell.text)]
            for b in ws.organisation.branches(inServiceOn: Day.firstOf(year: y, month: 1)) {
                for q in Quarter.all(of: y) where q.firstDay <= asOf {
                    let r = c.quarter(b, q)
                    rows.append([.text(b.name), .text("Q\(q.number)")] + kinds.flatMap { [CSV.Cell.number(r.kinds[$0]!.held), .number(r.kinds[$0]!.required), .number(r.kinds[$0]!.met)] }
                                + [.number(rounded: r.threeMeetingsOneLesson), .number(rounded: r.themedPartyDay)])
                }
            }
            return rows
        case .alerts:
            // 类别 names each alert's kind in words (the dashboard's), the code stays last for scripts.
            let header = zh ? ["级别", "类别", "支部", "内容", "代码"] : ["Severity", "Kind", "Branch", "Message", "Code"]
            return [header.map(CSV.Cell.text)] + AlertRules.alerts(ws, asOf: asOf).map { a in
                [a.severity.name(lang), a.kind.title(lang), a.branchName, a.message(lang), a.code].map(CSV.Cell.text)
            }
        }
    }
}

/// `partydesk import`: takes in the offices' existing ledgers without retyping.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "导入台账: .xlsx 工作簿 (Excel/WPS/LibreOffice), CSV (UTF-8 或 GB18030), UTF-16 制表符分隔文本 (Excel 的 Unicode 文本); 中英文表头 / Import a ledger sheet (.xlsx, CSV, UTF-16 tab text); every problem is listed and nothing is written until all is clean.")

    @OptionGroup var workspace: WorkspaceOptions
    @Option(name: .long, help: "branches|members|activities|dues|development|funds (党费表: 姓名/编号, 支部, 1月…12月的金额 / dues: name or id, branch, an amount per month)") var what: LedgerSheet
    @Argument(help: ArgumentHelp("表格文件 / The sheet: .xlsx, CSV, or UTF-16 text with tabs. .xls/.et: save as .xlsx first.", valueName: "FILE.xlsx|FILE.csv"))
    var file: String
    @Option(name: .long, help: ArgumentHelp("工作表名称或序号 (从 1 起, 默认第一张; 仅 .xlsx) / The workbook's sheet, by name or number from 1 (default: the first; .xlsx only).", valueName: "NAME|N"))
    var sheet: String?
    @Flag(name: .customLong("dry-run"), help: "只显示将新增和修改的记录 / Show what would be added and changed.") var dryRun = false
    @Flag(name: .customLong("create-parents"), help: "支部表: 上级组织中不存在的党总支随导入新建 / Branches: create the general branches named as parents that do not exist.")
    var createParents = false
    @Option(name: .customLong("exception-reason"), help: ArgumentHelp("发展党员: 日期违反规则的行按例外导入, 并记此理由 / development: rows whose dates break a rule are taken as exceptions with this reason.", valueName: "TEXT"))
    var exceptionReason: String?
    @Option(name: .long, help: "党费表的年度 (默认: 工作区当前年度) / Dues: the year of the month columns (default: the workspace's current year).")
    var year: Int?
    @OptionGroup var asOf: AsOfOption

    func validate() throws {
        if year != nil && what != .dues { throw ValidationError("--year 只用于 --what dues / --year is for --what dues only") }
    }

    func run() throws {
        let lang = workspace.lang
        let today = try asOf.value()
        let options = ImportOptions(createParents: createParents, year: year, today: today, exceptionReason: exceptionReason)
        if let uri = workspace.location.databaseURI {
            let (grid, readAsText) = try readSheet()
            return try importIntoDatabase(uri, grid, readAsText, options)
        }
        // Where first: a workspace the import cannot write to is said before the sheet is read.
        let store = try workspace.storeToOpen()
        let (grid, readAsText) = try readSheet()
        // The files' fingerprint as read: under the lock, an unchanged one means the read can be
        // saved over as it is, without reading a county's 556,000 activities a second time.
        let readAs = store.fingerprint(years: { _ in nil }, racyWithin: 0)
        // Activities: the current year is read, the other years read and checked but only their
        // ids kept (a county's five years were ~800 MB); the plan reads any further year it needs
        // (a row's year, a year holding an id of the sheet), so it is the plan of a whole read.
        let byYear = what == .activities
        func read() throws -> LoadedWorkspace {
            do {
                return try store.load(years: { byYear ? [$0.currentYear] : nil }, scanningOtherYears: byYear)
            } catch { throw workspace.failure(error) }
        }
        var loaded: LoadedWorkspace? = try read()
        var plan: LedgerSheet.Plan
        do {
            plan = try what.plan(grid, file: file, into: &loaded!, store: store, lang: lang, options: options)
        } catch { throw workspace.failure(error) }
        try refuseProblems(&plan)
        if dryRun { report(plan, readAsText, loaded!.workspace); return }
        guard let change = plan.change else { report(plan, readAsText, loaded!.workspace); return }
        let lock = try workspace.lockForWriting(store)
        defer { lock.release() }
        var current: LoadedWorkspace
        if readAs != nil && store.fingerprint(years: { _ in nil }, racyWithin: 0) == readAs {
            current = loaded!
            loaded = nil  // the only copy left is `current`: the change applies in place
        } else {
            // Changed since it was read: read again (the same years), and any year not read that
            // now holds an id of the change too, so that a clash is found as the change is applied.
            let years = loaded!.years
            loaded = nil
            do {
                current = try store.load(years: { _ in years }, scanningOtherYears: years != nil)
                let ids = Set(change.parts.flatMap { part -> [String] in
                    if case .activity(let b, let a) = part { return [b?.id, a?.id].compactMap { $0 } }
                    return []
                })
                let clashing = ids.reduce(into: Set<Int>()) { $0.formUnion(current.activityIdsNotRead.years(of: $1)) }
                // In the order of a whole read (see `LedgerSheet.plan(_:file:into:store:lang:)`).
                if let years, !clashing.isEmpty { current = try store.load(years: { _ in years.union(clashing) }) }
            } catch { throw workspace.failure(error) }
        }
        do {
            try Editor(store: store).commit(change, to: &current)
        } catch {
            throw CLIFailure(message: error.message(lang))
        }
        report(plan, readAsText, current.workspace)
    }

    /// On a database: planned against the whole workspace as read in one snapshot, and committed
    /// in one transaction with its journal rows — every row or none. A record another office
    /// changed since (or an id it took) refuses the import whole, naming it; run it again.
    /// The sheet: a workbook, or text in any of the encodings offices save (SheetFile decides by
    /// content and name), and how it was read.
    func readSheet() throws -> (SheetGrid, String) {
        do {
            let read = try SheetFile.read(path: DataLocationPath.absolute(file), sheet: sheet, file: file)
            return (read.grid, read.format.described(workspace.lang))
        } catch {
            throw CLIFailure(message: error.message(workspace.lang))
        }
    }

    /// A new id the database finds taken (another office's row, unseen under row security) has the
    /// sheet planned again with new ids past it (`IdFloors`), until it lands.
    func importIntoDatabase(_ uri: String, _ grid: SheetGrid, _ readAsText: String, _ options: ImportOptions) throws {
        let (store, read) = try workspace.openDatabase(uri)
        var current = read
        var options = options
        while true {
            var plan = what.plan(grid, file: file, into: current.workspace, lang: workspace.lang, options: options)
            try refuseProblems(&plan)
            if dryRun { report(plan, readAsText, current.workspace); return }
            guard let change = plan.change else { report(plan, readAsText, current.workspace); return }
            do {
                try store.commit(change, to: &current)
                report(plan, readAsText, current.workspace)
                return
            } catch {
                guard case .recordChanged(_, let id, _, _) = error, change.parts.contains(where: { $0.entityId == id && $0.action == "add" }),
                      options.idFloors.raise(past: id) else { throw CLIFailure(message: error.message(workspace.lang)) }
            }
        }
    }

    /// A sheet with any problem imports nothing: each is said, then why nothing was written.
    func refuseProblems(_ plan: inout LedgerSheet.Plan) throws {
        plan.idsSeen = []
        guard !plan.problems.isEmpty else { return }
        for p in plan.problems { Output.error(p) }
        throw CLIFailure(message: workspace.lang == .zh ? "共 \(plan.problems.count) 处问题, 未导入任何记录。" : "\(plan.problems.count) problem(s); nothing was imported.")
    }

    /// Every record added or changed, by what a person knows it by, and the columns not read —
    /// in the dry run and the import alike (a row never changes another branch's record unsaid).
    /// The real run says it once the records are saved: what it says is what is stored.
    func report(_ plan: LedgerSheet.Plan, _ readAsText: String, _ ws: Workspace) {
        let lang = workspace.lang
        Output.line(lang == .zh ? "\(file) (\(readAsText)): 新增 \(plan.added.count), 修改 \(plan.changed.count), 无变化 \(plan.unchanged)"
                                : "\(file) (\(readAsText)): \(plan.added.count) to add, \(plan.changed.count) to change, \(plan.unchanged) unchanged")
        if !plan.ignoredColumns.isEmpty { Output.line(SheetText.ignoredColumns(plan.ignoredColumns, lang)) }
        if !plan.skipped.isEmpty { Output.line(SheetText.skipped(plan.skipped, lang)) }
        if !plan.filledDown.isEmpty { Output.line(SheetText.filledDown(plan.filledDown, column: plan.filledDownColumn, lang)) }
        let names = SheetNames(ws)
        // Walked in place: `parts` would copy 200,000 changes (~64 MB) into a new list.
        func each(_ change: Change) {
            if case .batch(let list) = change { for part in list { each(part) } }
            else if let line = LedgerSheet.describe(change, names: names, lang: lang) { Output.line(line) }
        }
        if let change = plan.change { each(change) }
    }
}

extension LedgerSheet: ExpressibleByArgument {}
