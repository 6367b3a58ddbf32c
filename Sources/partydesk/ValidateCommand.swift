import ArgumentParser
import Foundation
import PartyModel
import PartyStore

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "检查工作区数据 / Check the workspace: exit 0 clean, 1 with every problem listed, 2 usage error.")

    @OptionGroup var workspace: WorkspaceOptions

    func run() throws {
        let lang = workspace.lang
        let store = try workspace.storeToOpen()
        let problems: [Problem]
        do {
            problems = try store.problems()
        } catch .invalid(let found) {
            problems = found
        } catch {
            throw CLIFailure(message: error.message(lang))
        }
        if problems.isEmpty {
            Output.line(CLIText.validateClean(store.directory, lang))
            Output.line(CLIText.settingsNotInForce(lang))
            return
        }
        Output.line(CLIText.validateHeader(store.directory, count: problems.count, lang))
        for problem in problems { Output.line(problem.message(lang)) }
        Output.line(CLIText.settingsNotInForce(lang))
        throw ExitCode(1)
    }
}
