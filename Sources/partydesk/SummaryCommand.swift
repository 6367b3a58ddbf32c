import ArgumentParser
import Foundation
import PartyModel
import PartyStore

struct SummaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "工作区概况 / Counts of organisations, members, activities and plan tasks.")

    @OptionGroup var workspace: WorkspaceOptions

    @Option(name: .long, help: "年度 / Year (default: the workspace's current year).")
    var year: Int?

    @Option(name: .long, help: "text|json")
    var format: OutputFormat = .text

    @OptionGroup var asOf: AsOfOption

    func validate() throws {
        if format == .csv { throw ValidationError("summary 支持 text|json / summary supports text|json") }
    }

    func run() throws {
        try Self.printSummary(workspace, year: year, format: format, asOf: asOf.value())
    }

    /// Members as of `asOf` (the year's end when that is earlier).
    static func printSummary(_ options: WorkspaceOptions, year: Int?, format: OutputFormat, asOf: Day = .today) throws {
        let opened = try options.open()
        let summary = WorkspaceSummary(opened.workspace, year: year ?? opened.workspace.settings.currentYear, asOf: asOf)
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            Output.jsonText(String(decoding: try encoder.encode(summary), as: UTF8.self))
        default:
            Output.line(CLIText.summary(summary, directory: opened.source.name, options.lang))
        }
    }
}
