import ArgumentParser
import Foundation
import PartyModel
import PartyTUI

struct ChecksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checks",
        abstract: "季度检查: 支部 × 季度的得分与状态 / Quarterly checks: score and state per branch and quarter.")

    @OptionGroup var report: ReportOptions
    @OptionGroup var period: PeriodOptions

    struct JSONOutput: Encodable {
        struct Cell: Encodable {
            var quarter: Int, state: String, ended: Bool, checkId: String?, date: String?, inspectors: [String]?
            var total: Double?, max: Double, reportReceived: Bool?, findings: [String], openFindings: Int
        }
        struct Row: Encodable { var id: String; var name: String; var quarters: [Cell] }
        var year: Int, asOf: String, templateMax: Double, branches: [Row]
    }

    func run() throws {
        let opened = try report.openForFigures().opened
        let ws = opened.workspace
        let asOf = try report.asOf()
        let year = period.year ?? ws.settings.currentYear
        let quarters = period.quarter.map { [Quarter(year: year, number: $0)!] } ?? Quarter.all(of: year)
        let engine = ScoringEngine(ws)
        let max = ws.checkTemplate.totalPoints
        let lang = report.lang
        let branches = ws.organisation.branches(inServiceOn: quarters[0].firstDay)

        let cells = branches.map { b in
            quarters.map { q -> JSONOutput.Cell in
                let status = engine.checkStatus(branch: b.id, quarter: q, asOf: asOf)
                return .init(quarter: q.number, state: status.state.rawValue, ended: q.lastDay < asOf,
                             checkId: status.check?.id, date: status.check?.date.iso, inspectors: status.check?.inspectors,
                             total: status.check.map { roundHalfUp2($0.totalPoints) }, max: max,
                             reportReceived: status.check?.reportReceived, findings: status.findings.map(\.id),
                             openFindings: status.findings.filter { ($0.status(on: asOf) ?? .closed) != .closed }.count)
            }
        }
        switch report.format {
        case .json:
            try Output.json(JSONOutput(year: year, asOf: asOf.iso, templateMax: max,
                                       branches: zip(branches, cells).map { .init(id: $0.id, name: $0.name, quarters: $1) }))
        default:
            let columns = [TextTable.Column(lang == .zh ? "支部" : "Branch", maxWidth: 24)]
                + quarters.map { TextTable.Column(lang == .zh ? "第\($0.number)季度" : "Q\($0.number)") }
            let rows = zip(branches, cells).map { b, row in [b.name] + row.map { ReportText.checkCell($0.state, total: $0.total, open: $0.openFindings, ended: $0.ended, lang) } }
            Output.emit(TextTable(columns: columns, rows: rows), format: report.format,
                        title: ReportText.periodTitle(ws.settings, year: year, quarter: period.quarter, asOf: asOf, lang)
                            + (lang == .zh ? "  满分 \(formatNumber(max))" : "  out of \(formatNumber(max))"))
        }
    }
}

struct RectificationsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rectifications",
        abstract: "整改清单 (逾期在前) / The rectification list, overdue first.")

    @OptionGroup var report: ReportOptions

    @Option(name: .long, help: "open|inProgress|submitted|closed")
    var status: RectificationStatus?

    @Flag(name: .long, help: "只列逾期 / Only overdue ones.")
    var overdue = false

    @Option(name: .long, help: "支部编号 / Branch id.")
    var branch: String?

    struct JSONOutput: Encodable {
        struct Event: Encodable { var date: String; var from: String; var to: String; var note: String?; var acceptedBy: String? }
        struct Row: Encodable {
            var id: String, branchId: String, branchName: String, sourceCheckId: String?, category: String, description: String
            var owner: String, openedOn: String, dueOn: String, status: String, statusName: String, overdue: Bool, history: [Event]
        }
        var asOf: String, counts: [String: Int], overdue: Int, rectifications: [Row]
    }

    func run() throws {
        let opened = try report.openForFigures().opened
        let ws = opened.workspace
        let asOf = try report.asOf()
        let lang = report.lang
        let names = Dictionary(ws.organisation.branches.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        // As they stood on the as-of day: history replayed, those opened later left out.
        let all = ws.rectifications.compactMap { $0.asOf(asOf) }
        var list = all.filter { r in
            (status == nil || r.status == status) && (!overdue || r.isOverdue(on: asOf)) && (branch == nil || r.branchId == branch)
        }
        list.sort { a, b in
            let (ao, bo) = (a.isOverdue(on: asOf), b.isOverdue(on: asOf))
            return ao != bo ? ao : (a.dueOn, a.id) < (b.dueOn, b.id)
        }
        var counts = Dictionary(uniqueKeysWithValues: RectificationStatus.allCases.map { ($0.rawValue, 0) })
        for r in all { counts[r.status.rawValue, default: 0] += 1 }
        let overdueCount = all.filter { $0.isOverdue(on: asOf) }.count

        switch report.format {
        case .json:
            try Output.json(JSONOutput(asOf: asOf.iso, counts: counts, overdue: overdueCount, rectifications: list.map { r in
                .init(id: r.id, branchId: r.branchId, branchName: names[r.branchId] ?? r.branchId, sourceCheckId: r.sourceCheckId,
                      category: r.category, description: r.description, owner: r.owner, openedOn: r.openedOn.iso, dueOn: r.dueOn.iso,
                      status: r.status.rawValue, statusName: r.status.name(lang), overdue: r.isOverdue(on: asOf),
                      history: r.history.map { .init(date: $0.date.iso, from: $0.from.rawValue, to: $0.to.rawValue, note: $0.note, acceptedBy: $0.acceptedBy) })
            }))
        default:
            let zh = lang == .zh
            let columns: [TextTable.Column] = [
                .init(zh ? "编号" : "Id"), .init(zh ? "支部" : "Branch", maxWidth: 20), .init(zh ? "问题" : "Finding", maxWidth: 36),
                .init(zh ? "责任人" : "Owner", maxWidth: 10), .init(zh ? "期限" : "Due"), .init(zh ? "状态" : "Status"), .init(zh ? "逾期" : "Overdue"),
            ]
            let rows = list.map { r in
                [r.id, names[r.branchId] ?? r.branchId, r.description, r.owner, r.dueOn.iso, r.status.name(lang),
                 r.isOverdue(on: asOf) ? (zh ? "逾期" : "overdue") : ""]
            }
            let summary = RectificationStatus.allCases.map { "\($0.name(lang)) \(counts[$0.rawValue] ?? 0)" }.joined(separator: ", ")
            Output.emit(TextTable(columns: columns, rows: rows), format: report.format,
                        title: zh ? "整改清单 (截至 \(asOf.iso)): \(summary); 逾期 \(overdueCount)"
                                  : "Rectifications as of \(asOf.iso): \(summary); overdue \(overdueCount)")
        }
    }
}

extension RectificationStatus: ExpressibleByArgument {}

struct AlertsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alerts",
        abstract: "预警: 换届、组织设置、党费、三会一课进度、检查与整改 / What needs attention, most severe first.")

    @OptionGroup var report: ReportOptions

    struct JSONOutput: Encodable {
        struct Row: Encodable { var code: String; var severity: String; var severityCode: String; var branchId: String; var branchName: String; var message: String }
        var asOf: String, counts: [String: Int], alerts: [Row]
    }

    func run() throws {
        let opened = try report.openForFigures().opened
        let asOf = try report.asOf()
        let lang = report.lang
        let alerts = AlertRules.alerts(opened.workspace, asOf: asOf)
        var counts = Dictionary(uniqueKeysWithValues: Severity.allCases.map { ($0.name(.zh), 0) })
        for a in alerts { counts[a.severity.name(.zh), default: 0] += 1 }
        switch report.format {
        case .json:
            try Output.json(JSONOutput(asOf: asOf.iso, counts: counts, alerts: alerts.map {
                .init(code: $0.code, severity: $0.severity.name(.zh), severityCode: $0.severity.rawValue,
                      branchId: $0.branchId, branchName: $0.branchName, message: $0.message(lang))
            }))
        default:
            let zh = lang == .zh
            let summary = Severity.allCases.reversed().map { "\($0.name(lang)) \(counts[$0.name(.zh)] ?? 0)" }.joined(separator: ", ")
            Output.emit(Self.textTable(alerts, lang), format: report.format,
                        title: zh ? "预警 (截至 \(asOf.iso)): \(summary)" : "Alerts as of \(asOf.iso): \(summary)")
        }
    }

    /// The alert table as printed and exported.
    static func textTable(_ alerts: [Alert], _ lang: Language) -> TextTable {
        let zh = lang == .zh
        let columns: [TextTable.Column] = [.init(zh ? "级别" : "Severity"), .init(zh ? "支部" : "Branch", maxWidth: 20),
                                           .init(zh ? "内容" : "Message", maxWidth: 60), .init(zh ? "代码" : "Code")]
        return TextTable(columns: columns, rows: alerts.map { [$0.severity.name(lang), $0.branchName, $0.message(lang), $0.code] })
    }
}
