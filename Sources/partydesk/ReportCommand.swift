import ArgumentParser
import Foundation
import PartyModel
import PartyStore

/// `partydesk report`: one self-contained file for the leadership — HTML that prints on A4 (with
/// inline SVG charts, no external assets) or Markdown with the same tables.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "生成报告 (HTML 可打印 A4, 或 Markdown) / A printable report (self-contained HTML or Markdown).")

    enum Format: String, ExpressibleByArgument { case html, md }

    @OptionGroup var workspace: WorkspaceOptions
    @Option(name: .long, help: "年度 / Year.") var year: Int?
    @Option(name: .long, help: "季度 / Quarter.") var quarter: Int?
    @Option(name: .long, help: ArgumentHelp("输出文件 / Output file.", valueName: "FILE")) var out: String
    @Option(name: .long, help: "html|md") var format: Format = .html
    @OptionGroup var asOf: AsOfOption
    @Flag(name: .long, help: "数据未通过检查时不生成 / Refuse to report from a workspace that fails validation.")
    var strict = false

    func run() throws {
        let ws = try workspace.openForFigures(strict: strict, quiet: false).opened.workspace
        let day = try asOf.value()
        let report = Report(ws: ws, year: year ?? ws.settings.currentYear, quarter: quarter, asOf: day, lang: workspace.lang)
        let text = format == .html ? report.html() : report.markdown()
        do { try AtomicFile.write(Data(text.utf8), to: DataLocationPath.absolute(out)) } catch { throw CLIFailure(message: "\(error.path): \(error.reason)") }
        Output.line(workspace.lang == .zh ? "报告已生成: \(out)" : "report written: \(out)")
    }
}

/// The report's content, once, for both formats.
struct Report {
    let ws: Workspace
    let year: Int
    let quarter: Int?
    let asOf: Day
    let lang: Language
    let scores: ScoreTable
    let compliance: ComplianceCalculator

    init(ws: Workspace, year: Int, quarter: Int?, asOf: Day, lang: Language) {
        self.ws = ws; self.year = year; self.quarter = quarter; self.asOf = asOf; self.lang = lang
        let engine = ScoringEngine(ws)
        compliance = engine.compliance
        scores = quarter.map { engine.quarter(Quarter(year: year, number: $0)!, asOf: asOf) } ?? engine.year(year, asOf: asOf)
    }

    var zh: Bool { lang == .zh }
    var period: String { quarter.map { Quarter(year: year, number: $0)!.name(lang) } ?? (zh ? "\(year)年" : "\(year)") }
    var title: String { "\(ws.settings.name) " + (zh ? "\(period)党建工作考评报告" : "Party-building report, \(period)") }

    struct Section { var heading: String; var header: [String]; var rows: [[String]] }

    var headline: [(String, String)] {
        let s = scores.summary
        let branches = ws.organisation.branches(inServiceOn: asOf)
        let open = ws.rectifications.filter { $0.status != .closed }.count
        let overdue = ws.rectifications.filter { $0.isOverdue(on: asOf) }.count
        let target: String = s.target.map(Output.percent) ?? "-"
        let strongest: String = "\(s.strongestCount) (\(Output.percent(s.strongestShare)), " + (zh ? "目标 " : "target ") + target + ")"
        return [
            (zh ? "党支部" : "Branches", String(branches.count)),
            (zh ? "党员" : "Members", String(branches.reduce(0) { $0 + compliance.members.counts($1, on: asOf).total })),
            (zh ? "平均得分" : "Mean score", Output.points(s.mean)),
            (zh ? "最强党支部" : "Strongest", strongest),
            (zh ? "未销号整改" : "Open rectifications", String(open)),
            (zh ? "逾期整改" : "Overdue", String(overdue)),
        ] + (scores.provisional ? [(zh ? "说明" : "Note", zh ? "年度未结束, 分数为暂定" : "the period has not ended: provisional")] : [])
    }

    var sections: [Section] {
        let cats = ws.scoring.categories
        let scoreSection = Section(
            heading: zh ? "考评得分" : "Scores",
            header: [zh ? "排名" : "Rank", zh ? "支部" : "Branch"] + cats.map(\.name) + [zh ? "总分" : "Total", zh ? "等次" : "Grade", zh ? "最强" : "Strongest"],
            rows: scores.branches.map { b in
                [String(b.rank), b.name] + cats.map { Output.points(b.categories[$0.id] ?? 0) }
                    + [Output.points(b.total), b.grade.name(lang), b.strongest ? (zh ? "最强" : "yes") : ""]
            })
        let quarters = ComplianceCalculator.startedQuarters(year: year, asOf: asOf)
        let complianceSection = Section(
            heading: zh ? "三会一课完成率 (按季度)" : "Meetings by quarter",
            header: [zh ? "支部" : "Branch"] + quarters.map { "Q\($0.number)" },
            rows: ws.organisation.branches(inServiceOn: Day.firstOf(year: year, month: 1)).map { b in
                [b.name] + quarters.map { Output.percent(compliance.quarter(b, $0).threeMeetingsOneLesson) }
            })
        let names = Dictionary(ws.organisation.branches.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let states = Section(heading: zh ? "整改 (按状态)" : "Rectifications by state", header: [zh ? "状态" : "State", zh ? "数量" : "Count"],
                             rows: RectificationStatus.allCases.map { st in [st.name(lang), String(ws.rectifications.filter { $0.status == st }.count)] })
        let overdue = Section(heading: zh ? "逾期整改" : "Overdue rectifications",
                              header: [zh ? "编号" : "Id", zh ? "支部" : "Branch", zh ? "问题" : "Finding", zh ? "期限" : "Due", zh ? "状态" : "State"],
                              rows: ws.rectifications.filter { $0.isOverdue(on: asOf) }.sorted { $0.dueOn < $1.dueOn }
                                .map { [$0.id, names[$0.branchId] ?? $0.branchId, $0.description, $0.dueOn.iso, $0.status.name(lang)] })
        let alerts = Section(heading: zh ? "预警" : "Alerts", header: [zh ? "级别" : "Level", zh ? "支部" : "Branch", zh ? "内容" : "Message"],
                             rows: AlertRules.alerts(ws, asOf: asOf).map { [$0.severity.name(lang), $0.branchName, $0.message(lang, naming: false)] })
        // 党费: each branch's collection over the year's months up to the report's day (no member named).
        let ledger = compliance.members
        let lastMonth = YearMonth(min(asOf, Day.lastOf(year: year, month: 12)))
        let months = (1...12).compactMap { YearMonth(year: year, month: $0) }.filter { $0 <= lastMonth }
        let duesRows: [[String]] = ws.organisation.branches(inServiceOn: Day.firstOf(year: year, month: 1)).compactMap { b in
            let t = DuesCollection.total(months.map { ledger.collection(b.id, $0, asOf: asOf) }, month: lastMonth)
            guard t.membersOwing > 0 else { return nil }
            return [b.name, t.due.description, t.paid.description, t.rate.map(Output.percent) ?? "-"]
        }
        let dues = Section(heading: zh ? "党费收缴 (本年至今)" : "Dues collected (year to date)",
                           header: [zh ? "支部" : "Branch", zh ? "应交 (元)" : "Due (yuan)", zh ? "已交 (元)" : "Paid (yuan)", zh ? "收缴率" : "Rate"],
                           rows: duesRows)
        return [scoreSection, complianceSection, states, overdue, alerts, dues]
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

    var charts: [String] {
        let s = scores.summary
        let grades = Grade.allCases.map { ($0.name(lang), Double(s.grades[$0] ?? 0)) }
        let quarters = ComplianceCalculator.startedQuarters(year: year, asOf: asOf)
        let active = ws.organisation.branches(inServiceOn: Day.firstOf(year: year, month: 1))
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

    func html() -> String {
        var out = "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"\(zh ? "zh-CN" : "en")\"><head><meta charset=\"utf-8\"/>"
        out += "<title>\(Self.escape(title))</title><style>"
        out += "@page{size:A4;margin:18mm 15mm}body{font-family:\"Noto Sans CJK SC\",\"Microsoft YaHei\",\"SimSun\",sans-serif;font-size:11pt;color:#222}"
        out += "h1{color:#a3161a;font-size:18pt;border-bottom:2px solid #a3161a}h2{color:#a3161a;font-size:13pt;margin-top:18pt;page-break-after:avoid}"
        out += "table{border-collapse:collapse;width:100%;margin:6pt 0;page-break-inside:auto}tr{page-break-inside:avoid}"
        out += "th,td{border:1px solid #999;padding:2pt 4pt;text-align:left}th{background:#f3e6e4}td.n{text-align:right}"
        out += ".headline{display:flex;flex-wrap:wrap;gap:8pt}.figure{border:1px solid #a3161a;padding:4pt 8pt;min-width:110pt}.figure b{display:block;font-size:15pt;color:#a3161a}"
        out += "figure{margin:8pt 0;page-break-inside:avoid}</style></head><body>"
        out += "<h1>\(Self.escape(title))</h1><p>" + Self.escape(zh ? "截至 \(asOf.iso)" : "As of \(asOf.iso)") + "</p>"
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
        var out = "# \(cell(title))\n\n" + (zh ? "截至 \(asOf.iso)\n\n" : "As of \(asOf.iso)\n\n")
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
