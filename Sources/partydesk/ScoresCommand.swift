import ArgumentParser
import Foundation
import PartyModel
import PartyTUI

struct ScoresCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scores",
        abstract: "考评得分、等次与排名 / Scores, grades and ranks per branch (year, or one quarter).",
        discussion: CLIText.judgingDay)

    @OptionGroup var report: ReportOptions
    @OptionGroup var period: PeriodOptions

    struct JSONOutput: Encodable {
        struct Row: Encodable {
            var id: String, name: String, categories: [String: Double], total: Double, grade: String, gradeCode: String
            var rank: Int, strongest: Bool, bonus: Double, deduction: Double, overdueRectifications: Int
        }
        struct Strongest: Encodable { var count: Int; var share: Double; var target: Double? }
        struct Summary: Encodable { var count: Int; var mean: Double; var grades: [String: Int]; var strongest: Strongest }
        var year: Int, quarter: Int?, asOf: String, provisional: Bool, countedQuarters: [Int]
        var branches: [Row], summary: Summary
        /// Problems `validate` finds in the workspace (0 when it is clean).
        var problems: Int

        enum CodingKeys: String, CodingKey { case year, quarter, asOf, provisional, countedQuarters, branches, summary, problems }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(year, forKey: .year)
            try c.encode(quarter, forKey: .quarter)   // null for the year view
            try c.encode(asOf, forKey: .asOf)
            try c.encode(provisional, forKey: .provisional)
            try c.encode(countedQuarters, forKey: .countedQuarters)
            try c.encode(branches, forKey: .branches)
            try c.encode(summary, forKey: .summary)
            try c.encode(problems, forKey: .problems)
        }
    }

    func run() throws {
        let (opened, problems) = try report.openForFigures(countInJSON: true)
        let ws = opened.workspace
        let asOf = try report.asOf()
        let year = period.year ?? ws.settings.currentYear
        let engine = ScoringEngine(ws)
        let table = period.quarter.map { engine.quarter(Quarter(year: year, number: $0)!, asOf: asOf) } ?? engine.year(year, asOf: asOf)
        let lang = report.lang
        let round = roundHalfUp2

        switch report.format {
        case .json:
            let s = table.summary
            try Output.json(JSONOutput(
                year: table.year, quarter: table.quarter, asOf: asOf.iso, provisional: table.provisional,
                countedQuarters: table.countedQuarters,
                branches: table.branches.map {
                    .init(id: $0.branchId, name: $0.name, categories: $0.categories.mapValues(round), total: $0.total,
                          grade: $0.grade.name(.zh), gradeCode: $0.grade.rawValue, rank: $0.rank, strongest: $0.strongest,
                          bonus: round($0.bonus), deduction: round($0.deduction), overdueRectifications: $0.overdueRectifications)
                },
                summary: .init(count: s.count, mean: s.mean,
                               grades: Dictionary(uniqueKeysWithValues: s.grades.map { ($0.key.name(.zh), $0.value) }),
                               strongest: .init(count: s.strongestCount, share: round(s.strongestShare * 10000) / 10000, target: s.target)),
                problems: problems))
        default:
            let textTable = Self.textTable(ws, table, lang)
            let title = ReportText.scoresTitle(table, workspace: ws.settings, lang)
            Output.emit(textTable, format: report.format, title: title,
                        footer: [ReportText.scoresSummary(table.summary, lang)])
        }
    }

    /// The score table as printed and exported.
    static func textTable(_ ws: Workspace, _ table: ScoreTable, _ lang: Language) -> TextTable {
        let categories = ws.scoring.categories
        var columns: [TextTable.Column] = [.init(lang == .zh ? "排名" : "Rank", .right, number: true), .init(lang == .zh ? "支部" : "Branch", maxWidth: 24)]
        columns += categories.map { TextTable.Column(String($0.name.prefix(2)), .right, number: true) }
        columns += [.init(lang == .zh ? "加分" : "Bonus", .right, number: true), .init(lang == .zh ? "扣分" : "Deduct", .right, number: true),
                    .init(lang == .zh ? "总分" : "Total", .right, number: true), .init(lang == .zh ? "等次" : "Grade"),
                    .init(lang == .zh ? "最强" : "Strongest")]
        let rows = table.branches.map { b -> [String] in
            [String(b.rank), b.name] + categories.map { Output.points(b.categories[$0.id] ?? 0) }
                + [Output.points(b.bonus), Output.points(b.deduction), Output.points(b.total), b.grade.name(lang),
                   b.strongest ? (lang == .zh ? "最强" : "yes") : ""]
        }
        return TextTable(columns: columns, rows: rows)
    }
}
