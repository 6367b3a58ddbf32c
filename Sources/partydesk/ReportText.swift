import Foundation
import PartyModel

/// Titles and cells of the reporting commands, in Chinese and English.
enum ReportText {
    static func periodTitle(_ settings: WorkspaceSettings, year: Int, quarter: Int?, asOf: Day, _ lang: Language) -> String {
        let demo = settings.isDemo ? (lang == .zh ? " [示例]" : " [demo]") : ""
        let period = quarter.map { Quarter(year: year, number: $0)!.name(lang) } ?? (lang == .zh ? "\(year)年" : "\(year)")
        return lang == .zh ? "\(settings.name)\(demo)  \(period)  截至 \(asOf.iso)" : "\(settings.name)\(demo)  \(period)  as of \(asOf.iso)"
    }

    static func scoresTitle(_ table: ScoreTable, workspace: WorkspaceSettings, _ lang: Language) -> String {
        var title = periodTitle(workspace, year: table.year, quarter: table.quarter, asOf: table.asOf, lang)
        if table.provisional { title += lang == .zh ? "  (暂定)" : "  (provisional)" }
        if table.quarter == nil {
            let qs = table.countedQuarters.map { "Q\($0)" }.joined(separator: ",")
            title += lang == .zh ? "  季度平均: \(qs)" : "  quarters averaged: \(qs)"
        }
        return title
    }

    static func scoresSummary(_ s: ScoreSummary, _ lang: Language) -> String {
        let grades = Grade.allCases.map { "\($0.name(lang)) \(s.grades[$0] ?? 0)" }.joined(separator: ", ")
        let target = s.target.map { Output.percent($0) } ?? "-"
        return lang == .zh
            ? "共 \(s.count) 个支部, 平均 \(Output.points(s.mean)) 分; \(grades); 最强党支部 \(s.strongestCount) 个, 占 \(Output.percent(s.strongestShare)) (目标 \(target))"
            : "\(s.count) branches, mean \(Output.points(s.mean)); \(grades); strongest \(s.strongestCount), \(Output.percent(s.strongestShare)) (target \(target))"
    }

    /// Short column titles for the 三会一课 kinds.
    static func shortName(_ kind: ActivityKind, _ lang: Language) -> String {
        switch kind {
        case .generalMeeting: lang == .zh ? "党员大会" : "General"
        case .committeeMeeting: lang == .zh ? "支委会" : "Committee"
        case .groupMeeting: lang == .zh ? "小组会" : "Group"
        case .partyLesson: lang == .zh ? "党课" : "Lesson"
        case .themedPartyDay: lang == .zh ? "主题党日" : "Themed"
        default: kind.name(lang)
        }
    }

    static func behind(_ kinds: [ActivityKind], _ lang: Language) -> String {
        (lang == .zh ? "落后: " : "behind: ") + kinds.map { shortName($0, lang) }.joined(separator: lang == .zh ? "、" : ", ")
    }

    /// The progress cell: periods ended unmet first, then (in the quarter's last month) what is still due.
    static func progress(_ p: QuarterProgress, _ lang: Language) -> String {
        var parts: [String] = []
        if p.isBehind { parts.append(behind(p.behind, lang)) }
        if !p.dueSoon.isEmpty {
            parts.append((lang == .zh ? "待开展: " : "due: ") + p.dueSoon.map { shortName($0, lang) }.joined(separator: lang == .zh ? "、" : ", "))
        }
        return parts.isEmpty ? (lang == .zh ? "正常" : "on track") : parts.joined(separator: "; ")
    }

    static func checkCell(_ state: String, total: Double?, open: Int, ended: Bool, _ lang: Language) -> String {
        switch CheckState(rawValue: state) {
        case .checked?: return Output.points(total ?? 0)
        case .findingsOpen?: return Output.points(total ?? 0) + (lang == .zh ? " 待整改\(open)" : " open \(open)")
        default: return ended ? (lang == .zh ? "未检查" : "missing") : (lang == .zh ? "未到期" : "not yet")
        }
    }
}
