import ArgumentParser
import Foundation

/// `partydesk db …`: runs `partydesk-db` (found beside this program) with the same arguments. The
/// PostgreSQL commands live there so that partydesk itself neither builds nor loads libpq — one
/// office's machine, with its JSON workspace, needs no PostgreSQL client.
struct DbCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "PostgreSQL 数据库: 建表 (init)、写入 (push) 与导出 (pull) 工作区 / PostgreSQL: init, push, pull (partydesk db --help).")

    // Everything after `db`, `--help` included, is partydesk-db's to read.
    @Argument(parsing: .captureForPassthrough) var arguments: [String] = []

    static let helper = "partydesk-db"

    /// `partydesk-db` in the folder of the running program (symbolic links to it followed).
    static var helperPath: String {
        let me = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: me).deletingLastPathComponent().appendingPathComponent(helper).path
    }

    func run() throws {
        let path = Self.helperPath
        guard FileManager.default.isExecutableFile(atPath: path) else { throw CLIFailure(message: CLIText.dbHelperMissing(path)) }
        // The helper replaces this process: its output, exit status and signals are the command's own.
        let argv = ([Self.helper] + arguments).map { strdup($0) } + [nil]
        execv(path, argv)
        throw CLIFailure(message: CLIText.dbHelperMissing(path) + " (\(String(cString: strerror(errno))))")
    }
}
