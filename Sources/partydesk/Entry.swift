import ArgumentParser
import Foundation
import PartyModel

/// `partydesk`: the dashboard (no subcommand) and the ledger's command-line tools.
@main
struct PartyDesk: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "partydesk",
        abstract: "PartyDesk 党建工作台: 党支部台账、季度检查、整改销号与考评 / Party-branch ledger, checks and scoring.",
        discussion: """
        不带子命令时打开工作台; 默认位置没有工作区时使用内置示例工作区。
        Without a subcommand it opens the dashboard; with no workspace at the default place it uses the built-in demo.
        Data: --data DIR, else $PARTYDESK_DATA, else $XDG_DATA_HOME/partydesk (~/.local/share/partydesk).
        """,
        subcommands: [DashboardCommand.self, InitCommand.self, DemoCommand.self, ValidateCommand.self, SummaryCommand.self,
                      ComplianceCommand.self, ChecksCommand.self, RectificationsCommand.self, AlertsCommand.self,
                      ScoresCommand.self, MembersCommand.self, DuesCommand.self, DevelopmentCommand.self, FundsCommand.self, TasksCommand.self, TargetsCommand.self, JournalCommand.self, DisplayCommand.self, AddActivityCommand.self,
                      ExportCommand.self, ImportCommand.self, ReportCommand.self, GenerateCommand.self, DbCommand.self],
        defaultSubcommand: DashboardCommand.self
    )


    /// Usage errors exit 2 (not ArgumentParser's 64), problems in the data 1.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let failure as CLIFailure {
            Output.error(failure.message)
            Foundation.exit(failure.code)
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                Output.line(message)
                Foundation.exit(0)
            }
            if !message.isEmpty { Output.error(message) }
            Foundation.exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }
}

/// A failure the user can act on, with its exit code (1 = data problem, 2 = usage).
struct CLIFailure: Error {
    var message: String
    var code: Int32 = 1
}

extension Language: ExpressibleByArgument {}

/// Options every command that reads a workspace shares.
struct WorkspaceOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("工作区目录 / Workspace directory.", valueName: "DIR"))
    var data: String?

    @Option(name: .long, help: "界面语言 zh|en / Language.")
    var lang: Language = .zh
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, csv
}

/// The dashboard: what `partydesk` alone opens.
struct DashboardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "打开工作台 (默认) / Open the dashboard (the default command).")

    @OptionGroup var workspace: WorkspaceOptions

    @Option(name: .long, help: ArgumentHelp("配色主题名称或文件 / Theme name or file (default, light, high-contrast, mono).", valueName: "NAME"))
    var theme: String?

    @Flag(name: .customLong("read-only"), help: "只读打开 / Open read-only.")
    var readOnly = false

    @OptionGroup var asOf: AsOfOption

    func run() throws {
        // Not on a terminal (a pipe, a script): the summary instead of a screen.
        guard isatty(0) == 1, isatty(1) == 1 else {
            try SummaryCommand.printSummary(workspace, year: nil, format: .text, asOf: asOf.value())
            return
        }
        if let uri = workspace.location.databaseURI {
            try DatabaseDashboard.run(workspace, uri: uri, theme: theme, readOnly: readOnly, asOf: asOf.value())
        } else {
            try Dashboard.run(workspace, theme: theme, readOnly: readOnly, asOf: asOf.value())
        }
    }
}
