import ArgumentParser
import Foundation
import PartyModel
import PartyPostgres
import PartyStore

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "检查工作区数据 / Check the workspace: exit 0 clean, 1 with every problem listed, 2 usage error.")

    @OptionGroup var workspace: WorkspaceOptions

    func run() throws {
        let lang = workspace.lang
        let problems: [Problem], notices: [Problem], place: String
        if let uri = workspace.location.databaseURI {
            // The same rules on the rows as read in one snapshot; a problem named by table and row.
            // (The database's own keys and checks keep out what a file could hold wrongly: bad JSON,
            // a duplicate id, a missing parent.)
            (problems, notices) = WorkspaceRows.check(try workspace.openDatabase(uri).1.workspace)
            place = PostgresURI.redacted(uri)
        } else {
            let store = try workspace.storeToOpen()
            place = store.directory
            do {
                (problems, notices) = try store.check()
            } catch .invalid(let found) {
                (problems, notices) = (found, [])
            } catch {
                throw CLIFailure(message: error.message(lang))
            }
        }
        // 发展党员 steps kept with an exception: listed, never a problem (issue 19).
        func sayNotices() {
            guard !notices.isEmpty else { return }
            Output.line(lang == .zh ? "提示: \(notices.count) 个发展党员步骤按例外登记 (不影响检查结果):" : "Notice: \(notices.count) 发展党员 step(s) recorded as exceptions (not problems):")
            for notice in notices { Output.line(notice.message(lang)) }
        }
        if problems.isEmpty {
            Output.line(CLIText.validateClean(place, lang))
            sayNotices()
            CLIText.settingsNotInForce(lang).map(Output.line)
            return
        }
        sayNotices()
        Output.line(CLIText.validateHeader(place, count: problems.count, lang))
        for problem in problems { Output.line(problem.message(lang)) }
        CLIText.settingsNotInForce(lang).map(Output.line)
        throw ExitCode(1)
    }
}
