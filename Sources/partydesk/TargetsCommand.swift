import ArgumentParser
import Foundation
import PartyModel
import PartyStore
import PartyTUI

/// `partydesk targets`: 目标 — each target's actual, value, status and quarterly trend (the default,
/// `status`), and a figure entered by hand for a quarter (`record`).
struct TargetsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "targets",
        abstract: "目标: 各项目标的实际值、目标值、状态与季度趋势; 录入季度数据 / Targets: actual, target, status and trend by quarter; enter a quarter's figure.",
        discussion: """
        目标录入在工作区根目录的 targets.json (docs/targets.md): 指标由台账计算 (三会一课、季度检查、最强党支部、学时、党员人数、发展党员、\
        学生党员比例、人均经费), 或按季度手工录入 (可带分母, 如在校生人数、两新组织数)。状态: 达成 / 进行中 / 落后 (未达到已到期的季度节点) / 未达成 (截止日已过)。
        Targets are kept in targets.json at the workspace root (docs/targets.md): computed from the ledger, or entered by hand per quarter \
        with a denominator. Status: met / on track / behind (a milestone due is not reached) / missed (the deadline has passed).
        """,
        subcommands: [TargetsStatusCommand.self, TargetsRecordCommand.self],
        defaultSubcommand: TargetsStatusCommand.self)
}

struct TargetsStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "各项目标的实际值、目标值、状态与季度趋势 (默认) / Each target's actual, value, status and trend by quarter (the default).")

    @OptionGroup var report: ReportOptions

    struct JSONOutput: Encodable {
        struct Point: Encodable { var quarter: String; var day: String; var actual: Double?; var partial: Bool }
        struct Milestone: Encodable { var quarter: String; var value: Double }
        struct Row: Encodable {
            var id: String, title: String, planItem: String?, metric: String, how: String, comparison: String, value: Double, unit: String
            var deadline: String?, milestones: [Milestone], milestoneDue: Milestone?, source: String?
            var actual: Double?, numerator: Double?, denominator: Double?, judgedOn: String, status: String, statusName: String
            var trend: [Point]
        }
        var asOf: String, counts: [String: Int], targets: [Row]
    }

    static func round(_ v: Double?) -> Double? { v.map { ($0 * 1_000_000).rounded() / 1_000_000 } }

    func run() throws {
        let lang = report.lang, zh = lang == .zh
        let (opened, _) = try report.openForFigures(countInJSON: true)
        let ws = opened.workspace
        let asOf = try report.asOf()
        let evaluations = TargetEvaluator(ws).evaluate(asOf: asOf)
        switch report.format {
        case .json:
            let rows = evaluations.map { e -> JSONOutput.Row in
                let t = e.target
                return .init(id: t.id, title: t.title, planItem: t.planItem, metric: t.metric.rawValue, how: t.metric.explanation(lang),
                             comparison: t.comparison.rawValue, value: t.value, unit: t.figureUnit.rawValue, deadline: t.dueDay?.iso,
                             milestones: t.milestones.map { .init(quarter: $0.quarter.code, value: $0.value) },
                             milestoneDue: e.milestone.map { .init(quarter: $0.quarter.code, value: $0.value) }, source: t.source,
                             actual: Self.round(e.actual?.value), numerator: e.actual?.numerator, denominator: e.actual?.denominator,
                             judgedOn: e.judgedOn.iso, status: e.status.rawValue, statusName: e.status.name(lang),
                             trend: e.trend.map { .init(quarter: $0.quarter.code, day: $0.day.iso, actual: Self.round($0.actual?.value), partial: $0.partial) })
            }
            var counts: [String: Int] = [:]
            for s in TargetStatus.allCases { counts[s.rawValue] = evaluations.filter { $0.status == s }.count }
            try Output.json(JSONOutput(asOf: asOf.iso, counts: counts, targets: rows))
        default:
            let quarters = Quarter.all(of: asOf.year).filter { $0.firstDay <= asOf }
            let columns: [TextTable.Column] = [
                .init(zh ? "目标" : "Target", maxWidth: 28), .init(zh ? "实际" : "Actual", .right), .init(zh ? "目标值" : "Value", .right),
                .init(zh ? "状态" : "Status"), .init(zh ? "节点" : "Milestone", .right), .init(zh ? "截止" : "Deadline"),
            ] + quarters.map { .init("Q\($0.number)", .right) } + [.init(zh ? "来源" : "Source", maxWidth: 24), .init(zh ? "编号" : "Id")]
            let rows = evaluations.map { e -> [String] in
                let t = e.target, unit = t.figureUnit
                let trend = quarters.map { q in e.trend.first { $0.quarter == q }?.actual.map { unit.format($0.value) } ?? "-" }
                return [t.title, e.actual.map { unit.format($0.value) } ?? "-", "\(t.comparison.rawValue)\(unit.format(t.value))", e.status.name(lang),
                        e.milestone.map { "\($0.quarter.code) \(unit.format($0.value))" } ?? "", t.dueDay?.iso ?? ""]
                    + trend + [t.source ?? "", t.id]
            }
            let title = zh ? "\(ws.settings.name) 目标 (截至 \(asOf.iso))" : "\(ws.settings.name) targets as of \(asOf.iso)"
            let counts = TargetStatus.allCases.map { s in "\(s.name(lang)) \(evaluations.filter { $0.status == s }.count)" }.joined(separator: zh ? ", " : ", ")
            Output.emit(TextTable(columns: columns, rows: rows), format: report.format, title: title,
                        footer: [(zh ? "共 \(evaluations.count) 项: " : "\(evaluations.count) targets: ") + counts])
        }
    }
}

struct TargetsRecordCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "录入目标某季度的实际数据 (手工录入的目标) / Enter a quarter's figure for a target entered by hand; locked, checked, saved and journaled as the dashboard does.")

    @OptionGroup var workspace: WorkspaceOptions
    @Option(name: .long, help: ArgumentHelp("目标编号 / The target's id.", valueName: "ID")) var target: String
    @Option(name: .long, help: ArgumentHelp("季度, 如 2026-Q3 / The quarter, e.g. 2026-Q3.", valueName: "YYYY-Qn")) var quarter: String
    @Option(name: .long, help: ArgumentHelp("数值 / The figure.", valueName: "N")) var value: String
    @Option(name: .long, help: ArgumentHelp("分母 (比例类目标, 如在校生人数) / The denominator of a share (students enrolled, say).", valueName: "N"))
    var denominator: String?
    @Option(name: .long, help: "说明 / Note.") var note: String?

    static func number(_ text: String, _ option: String) throws -> Double {
        let t = FullWidth.halfWidth(text).replacingOccurrences(of: ",", with: "").trimmingCharacters(in: .whitespaces)
        guard let v = Double(t), v.isFinite, v >= 0 else { throw ValidationError("\(option) \(text): 应为不小于 0 的数 / must be a number of 0 or more") }
        return v
    }

    func validate() throws {
        guard Quarter.parse(quarter) != nil else { throw ValidationError("--quarter \(quarter): 应写作 2026-Q3 / write it 2026-Q3") }
        _ = try Self.number(value, "--value")
        if let d = denominator, try Self.number(d, "--denominator") <= 0 { throw ValidationError("--denominator \(d): 应大于 0 / must be above 0") }
    }

    func run() throws {
        let lang = workspace.lang, zh = lang == .zh
        let q = Quarter.parse(quarter)!
        let figure = TargetActual(quarter: q, value: try Self.number(value, "--value"), denominator: try denominator.map { try Self.number($0, "--denominator") },
                                  note: note.flatMap { $0.isEmpty ? nil : $0 })
        let editing = try workspace.startEditing(years: { [$0.currentYear] })
        defer { editing.release() }
        let loaded = editing.loaded
        let ws = loaded.workspace
        guard let t = ws.targets.targets.first(where: { $0.id == target }) else {
            let ids = ws.targets.targets.map(\.id).joined(separator: ", ")
            throw CLIFailure(message: zh ? "--target \(target): 没有这个编号的目标 (有: \(ids))" : "--target \(target): no target has this id (there are: \(ids))", code: 2)
        }
        if t.metric != .manual {
            throw CLIFailure(message: zh ? "--target \(target): 该目标由台账计算 (\(t.metric.name(lang))), 不需录入"
                                         : "--target \(target): its actual is computed from the ledger (\(t.metric.name(lang))); nothing to enter", code: 2)
        }
        let after = ws.targets.replacing(t.recording(figure))
        if let issue = Validator.validate(targets: after, in: ws).first {
            throw CLIFailure(message: "\(issue.field): \(issue.kind.message(lang))")
        }
        try editing.commit(.targets(before: ws.targets, after: after), lang)
        let shown = figure.figure.map { t.recording(figure).figureUnit.format($0) } ?? "-"
        let parts = figure.denominator.map { " (\(TargetUnit.count.format(figure.value))/\(TargetUnit.count.format($0)))" } ?? ""
        Output.line(zh ? "已录入 \(t.title) \(q.name(lang)): \(shown)\(parts)" : "recorded \(t.title), \(q.name(lang)): \(shown)\(parts)")
    }
}
