import Foundation
import ArgumentParser
import PartyModel
import PartyStore

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "新建空工作区 / Create an empty workspace (refuses a non-empty directory).")

    @Argument(help: ArgumentHelp("新工作区的目录; 省略时为默认数据位置 (示例工作区仍在其 demo/ 中) / Directory for the new workspace; by default the data location (the demo stays in its demo/).",
                                 valueName: "DIR"))
    var directory: String?

    @Option(name: .long, help: "工作区名称, 如 某某党委 / Workspace name.")
    var name: String

    @Option(name: .long, help: "当前年度 / Current year (default: this year).")
    var year: Int?

    @Option(name: .long, help: "界面语言 zh|en / Language.")
    var lang: Language = .zh

    func validate() throws {
        if name.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--name 不能为空 / --name must not be empty") }
        if let year, !(Validator.earliestYear...9999).contains(year) { throw ValidationError("--year \(year) 超出范围 / out of range") }
    }

    func run() throws {
        // No DIR: the place the dashboard opens by default ($PARTYDESK_DATA, else the XDG data home),
        // which may hold the demo in demo/ already: that stays where it is.
        let location = DataLocation.resolve(option: directory, environment: ProcessInfo.processInfo.environment)
        if location.databaseURI != nil { throw CLIFailure(message: CLIText.directoryNeeded("init", lang)) }
        let store = WorkspaceStore(directory: location.directory)
        do {
            try store.create(Workspace.empty(name: name, year: year ?? Day.today.year), besides: directory == nil ? ["demo"] : [])
        } catch {
            throw CLIFailure(message: error.message(lang))
        }
        Output.line(CLIText.created(location.directory, lang))
        // Without DIR it is where the dashboard looks first: no --data needed to open it.
        Output.line(CLIText.nextSteps(directory: location.directory, isDefault: directory == nil, lang))
    }
}

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "写出示例工作区 / Write the demo workspace into a new directory.")

    @Argument(help: ArgumentHelp("目录 / Directory.", valueName: "DIR"))
    var directory: String

    @Option(name: .customLong("as-of"), help: ArgumentHelp("示例数据截止日期 / Demo data up to this day (default today).", valueName: "YYYY-MM-DD"))
    var asOf: String?

    @Option(name: .long, help: "界面语言 zh|en / Language.")
    var lang: Language = .zh

    func validate() throws { _ = try parseAsOf(asOf) }

    func run() throws {
        let day = try parseAsOf(asOf)
        let path = DataLocationPath.absolute(directory)
        do {
            try WorkspaceStore(directory: path).create(DemoWorkspace.make(asOf: day))
        } catch {
            throw CLIFailure(message: error.message(lang))
        }
        Output.line(CLIText.created(path, lang))
    }
}

/// `--as-of` in any accepted date form; today when absent.
func parseAsOf(_ text: String?) throws -> Day {
    guard let text else { return .today }
    guard let day = Day.parse(text) else { throw ValidationError("--as-of \"\(text)\": 无法识别的日期 / unrecognised date") }
    return day
}

enum DataLocationPath {
    /// A file's or folder's path made absolute (never read as a database address).
    static func absolute(_ path: String) -> String {
        DataLocation.absolute(path, ProcessInfo.processInfo.environment)
    }
}

import Foundation
