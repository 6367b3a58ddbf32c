import ArgumentParser
import Foundation
import PartyModel
import PartyPostgres
import PartyStore

struct JournalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "journal",
        abstract: "修改纪实 (journal.jsonl) / Every change made: who, when, what, before and after.")

    @OptionGroup var workspace: WorkspaceOptions

    @Option(name: .long, help: ArgumentHelp("只列此日期及以后 / Only from this day on.", valueName: "DATE"))
    var since: String?

    @Option(name: .long, help: "只列该支部 / Only this branch id.")
    var branch: String?

    @Option(name: .long, help: "text|json|csv (json: the journal lines as written; csv: one row a change)")
    var format: OutputFormat = .text

    func run() throws {
        let all: [Journal.Entry]
        if let uri = workspace.location.databaseURI {
            do { all = Journal.entries(in: try PostgresStore(uri: uri).journalText()) } catch { throw CLIFailure(message: error.message(workspace.lang)) }
        } else {
            all = Journal(directory: try workspace.storeToOpen().directory).entries()
        }
        var from: Day? = nil
        if let since {
            guard let day = Day.parse(since) else { throw ValidationError("--since \"\(since)\": 无法识别的日期 / unrecognised date") }
            from = day
        }
        let entries = all.filter { e in
            (from.map { e.time >= $0.iso } ?? true) && (branch.map { e.branchId == $0 } ?? true)
        }
        let lang = workspace.lang
        if format == .json {
            for e in entries { Output.jsonText(e.line) }
            return
        }
        if format == .csv {
            let header: [CSV.Cell] = lang == .zh ? ["时间", "用户", "主机", "操作", "对象", "编号", "支部", "撤销"]
                                                 : ["Time", "User", "Host", "Action", "Entity", "Id", "Branch", "Undo"]
            Output.csv([header] + entries.map { e in
                [.text(e.time), .text(e.user), .text(e.host), .text(e.action), .text(e.entity), .text(e.id), .text(e.branchId ?? ""),
                 .text(e.undo ? (lang == .zh ? "是" : "yes") : "")]
            })
            return
        }
        if entries.isEmpty { Output.line(lang == .zh ? "没有修改记录" : "no changes recorded"); return }
        for e in entries {
            let undo = e.undo ? (lang == .zh ? " (撤销)" : " (undo)") : ""
            // One line per change: a line break in a field is shown, not followed.
            Output.line(TerminalText.visible("\(e.time)  \(e.user)@\(e.host)  \(e.action) \(e.entity) \(e.id)\(e.branchId.map { "  [\($0)]" } ?? "")") + undo)
        }
    }
}
