import ArgumentParser
import Foundation
import PartyModel
import PartyTUI

struct ComplianceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compliance",
        abstract: "三会一课、主题党日等组织生活落实情况 / Meetings held against required, per branch.")

    @OptionGroup var report: ReportOptions
    @OptionGroup var period: PeriodOptions

    struct JSONOutput: Encodable {
        struct Count: Encodable {
            var held: Int; var required: Int; var met: Int
            init(_ c: KindCount) { held = c.held; required = c.required; met = c.met }
        }
        struct Progress: Encodable {
            var monthsEnded: Int; var requiredToDate: [String: Int]; var metToDate: [String: Int]; var behind: [String]; var dueSoon: [String]
        }
        struct Year: Encodable {
            var organisationalLifeMeeting: Count, democraticReview: Count, studySession: Count, secretaryLesson: Count
            var trainingAverageHours: Double, training: Double
        }
        struct Row: Encodable {
            var id: String, name: String, kinds: [String: Count], threeMeetingsOneLesson: Double, themedPartyDay: Double
            var progress: Progress?
            var year: Year?
        }
        var year: Int, quarter: Int?, asOf: String, quarters: [Int], branches: [Row]
        /// Problems `validate` finds in the workspace (0 when it is clean).
        var problems: Int
    }

    func run() throws {
        let (opened, problems) = try report.openForFigures(countInJSON: true)
        let ws = opened.workspace
        let asOf = try report.asOf()
        let year = period.year ?? ws.settings.currentYear
        let calculator = ComplianceCalculator(ws)
        let quarters = period.quarter.map { [Quarter(year: year, number: $0)!] } ?? ComplianceCalculator.startedQuarters(year: year, asOf: asOf)
        let lang = report.lang
        let branches = ws.organisation.branches(inServiceOn: quarters[0].firstDay)

        struct Figures { var branch: Branch; var period: PeriodCompliance; var progress: QuarterProgress?; var year: YearCompliance? }
        let figures = branches.map { b in
            Figures(branch: b, period: calculator.period(b, quarters: quarters),
                    progress: quarters.count == 1 ? calculator.quarter(b, quarters[0], asOf: asOf).progress : nil,
                    year: period.quarter == nil ? calculator.year(b, year) : nil)
        }
        let round4 = { (v: Double) in (v * 10000).rounded() / 10000 }

        switch report.format {
        case .json:
            try Output.json(JSONOutput(
                year: year, quarter: period.quarter, asOf: asOf.iso, quarters: quarters.map(\.number),
                branches: figures.map { f in
                    .init(id: f.branch.id, name: f.branch.name,
                          kinds: Dictionary(uniqueKeysWithValues: f.period.kinds.map { ($0.key.rawValue, .init($0.value)) }),
                          threeMeetingsOneLesson: round4(f.period.threeMeetingsOneLesson), themedPartyDay: round4(f.period.themedPartyDay),
                          progress: f.progress.map { .init(monthsEnded: $0.monthsEnded, requiredToDate: $0.requiredToDate, metToDate: $0.metToDate,
                                                           behind: $0.behind.map(\.rawValue), dueSoon: $0.dueSoon.map(\.rawValue)) },
                          year: f.year.map { y in
                              .init(organisationalLifeMeeting: .init(y.organisationalLifeMeeting), democraticReview: .init(y.democraticReview),
                                    studySession: .init(y.studySession), secretaryLesson: .init(y.secretaryLesson),
                                    trainingAverageHours: round4(y.trainingAverageHours), training: round4(y.training))
                          })
                }, problems: problems))
        default:
            let kinds = ActivityKind.threeMeetingsOneLesson + [.themedPartyDay]
            var columns: [TextTable.Column] = [.init(lang == .zh ? "支部" : "Branch", maxWidth: 24)]
            columns += kinds.map { TextTable.Column(ReportText.shortName($0, lang), .right) }
            columns += [.init(lang == .zh ? "三会一课" : "3M1L", .right), .init(lang == .zh ? "主题党日" : "Themed", .right)]
            if period.quarter == nil {
                columns += [.init(lang == .zh ? "组织生活会" : "OrgLife", .right), .init(lang == .zh ? "民主评议" : "Review", .right),
                            .init(lang == .zh ? "学习研讨" : "Study", .right), .init(lang == .zh ? "人均学时" : "Hours", .right)]
            } else {
                columns += [.init(lang == .zh ? "进度" : "Progress")]
            }
            let rows = figures.map { f -> [String] in
                var row = [f.branch.name]
                row += kinds.map { k in f.period.kinds[k].map { KindCount.shown($0) } ?? "" }
                row += [Output.percent(f.period.threeMeetingsOneLesson), Output.percent(f.period.themedPartyDay)]
                if let y = f.year {
                    row += [KindCount.shown(y.organisationalLifeMeeting), KindCount.shown(y.democraticReview),
                            KindCount.shown(y.studySession), String(format: "%.1f", y.trainingAverageHours)]
                } else {
                    row.append(f.progress.map { ReportText.progress($0, lang) } ?? "")
                }
                return row
            }
            Output.emit(TextTable(columns: columns, rows: rows), format: report.format,
                        title: ReportText.periodTitle(ws.settings, year: year, quarter: period.quarter, asOf: asOf, lang))
        }
    }
}
