import ArgumentParser
import Foundation
import PartyModel
import PartyPostgres
import PartyStore

/// `partydesk db`: the PostgreSQL store's tables (`init`), a JSON workspace into a database (`push`)
/// and back out (`pull`). libpq is loaded only when one of these connects (PartyPostgres/LibPQ.swift),
/// so partydesk still starts and runs on JSON files where no libpq5 is installed.
/// The password is libpq's to find (~/.pgpass, PGPASSWORD).
struct DbCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db", abstract: DbText.abstract, discussion: DbText.discussion,
        subcommands: [DbInitCommand.self, DbPushCommand.self, DbPullCommand.self, DbGrantCommand.self, DbRevokeCommand.self, DbRolesCommand.self])

    /// Who the rows and the journal name: the OS user, as the JSON workspace's journal does.
    static var user: String { WorkspaceLock.Holder.current().user }

    static func failure(_ error: PostgresStoreError, _ lang: Language) -> CLIFailure { CLIFailure(message: error.message(lang)) }

    static func seconds(since start: Date) -> Double { Date().timeIntervalSince(start) }
}

/// Where a directory option points: as every other command resolves `--data` (PartyStore's DataLocation).
private func resolvedDirectory(_ option: String?, _ command: String, _ lang: Language) throws -> String {
    let location = DataLocation.resolve(option: option, environment: ProcessInfo.processInfo.environment)
    // $PARTYDESK_DATA may name the database itself: a push and a pull need the directory.
    if location.databaseURI != nil { throw CLIFailure(message: CLIText.directoryNeeded(command, lang)) }
    return location.directory
}

struct DbInitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "建立或升级 PartyDesk 的表 (可重复运行) / Create or migrate PartyDesk's tables (safe to run again).")

    @Argument(help: ArgumentHelp(DbText.uriHelp, valueName: "URI")) var uri: String
    @Option(name: .long, help: "界面语言 zh|en / Language.") var lang: Language = .zh

    func run() throws {
        do {
            let (from, to) = try WorkspaceTransfer(uri: uri, user: DbCommand.user).initialise()
            Output.line(DbText.initialised(uri, from: from, to: to, lang))
        } catch { throw DbCommand.failure(error, lang) }
    }
}

struct DbPushCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "push",
        abstract: "将 JSON 工作区写入数据库 (一个事务; 数据库已有工作区时拒绝, 除非 --replace) / Push a JSON workspace into a database (one transaction; refused when it holds one, unless --replace).")

    @Option(name: .long, help: ArgumentHelp("工作区目录 / Workspace directory.", valueName: "DIR")) var data: String?
    @Argument(help: ArgumentHelp(DbText.uriHelp, valueName: "URI")) var uri: String
    @Option(name: .long, help: "界面语言 zh|en / Language.") var lang: Language = .zh
    @Flag(name: .long, help: "替换数据库中已有的工作区 (其数据和日志将被删除) / Replace the workspace the database holds (its data and journal are deleted).")
    var replace = false

    func run() throws {
        let directory = try resolvedDirectory(data, "db push", lang)
        let start = Date()
        do {
            let counts = try WorkspaceTransfer(uri: uri, user: DbCommand.user).push(directory: directory, replace: replace)
            Output.line(DbText.pushed(directory, uri, counts, seconds: DbCommand.seconds(since: start), replaced: counts.replaced, lang))
        } catch { throw DbCommand.failure(error, lang) }
    }
}

struct DbPullCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pull",
        abstract: "将数据库中的工作区导出为 JSON 工作区 (目录须为空或不存在) / Pull the database's workspace into a JSON workspace (an empty or new directory).")

    @Argument(help: ArgumentHelp(DbText.uriHelp, valueName: "URI")) var uri: String
    @Argument(help: ArgumentHelp("新工作区的目录 / Directory for the workspace.", valueName: "DIR")) var directory: String
    @Option(name: .long, help: "界面语言 zh|en / Language.") var lang: Language = .zh

    func run() throws {
        let path = try resolvedDirectory(directory, "db pull", lang)
        let start = Date()
        do {
            let counts = try WorkspaceTransfer(uri: uri, user: DbCommand.user).pull(into: path)
            Output.line(DbText.pulled(uri, path, counts, seconds: DbCommand.seconds(since: start), lang))
        } catch { throw DbCommand.failure(error, lang) }
    }
}

/// `db grant`: a database role's rights, kept by PostgreSQL's row-level security (PostgresPermissions).
struct DbGrantCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grant",
        abstract: "授权数据库用户: 一个党总支的办公室读写本党总支各支部的记录, 显示屏只读 / Grant a database role: an office reads and writes its own 党总支's branches, a display only reads.",
        discussion: DbText.grantDiscussion)

    @Argument(help: ArgumentHelp(DbText.uriHelp, valueName: "URI")) var uri: String
    @Argument(help: ArgumentHelp("数据库用户名 (小写字母、数字、下划线) / Role name (lower-case letters, digits, _).", valueName: "ROLE")) var role: String
    @Option(name: .long, help: ArgumentHelp("只授予此党总支 (编号); 不给则为整个组织 / Only this 党总支 (its id); the whole organisation when not given.", valueName: "ID"))
    var generalBranch: String?
    @Flag(name: .long, help: "只读 (显示屏、查阅) / Read only (a display, a reader).") var readOnly = false
    @Option(name: .long, help: "界面语言 zh|en / Language.") var lang: Language = .zh

    func run() throws {
        do {
            try PostgresGrants(uri: uri).grant(role: role, generalBranch: generalBranch, write: !readOnly)
            Output.line(DbText.granted(role, generalBranch: generalBranch, write: !readOnly, uri, lang))
        } catch { throw CLIFailure(message: DbText.grantFailure(error, role: role, lang)) }
    }
}

struct DbRevokeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke", abstract: "收回数据库用户的全部授权 / Take a database role's rights back.")

    @Argument(help: ArgumentHelp(DbText.uriHelp, valueName: "URI")) var uri: String
    @Argument(help: ArgumentHelp("数据库用户名 / Role name.", valueName: "ROLE")) var role: String
    @Option(name: .long, help: "界面语言 zh|en / Language.") var lang: Language = .zh

    func run() throws {
        do {
            try PostgresGrants(uri: uri).revoke(role: role)
            Output.line(DbText.revoked(role, uri, lang))
        } catch { throw CLIFailure(message: DbText.grantFailure(error, role: role, lang)) }
    }
}

struct DbRolesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roles", abstract: "列出已授权的数据库用户 / List the database roles granted.")

    @Argument(help: ArgumentHelp(DbText.uriHelp, valueName: "URI")) var uri: String
    @Option(name: .long, help: "界面语言 zh|en / Language.") var lang: Language = .zh

    func run() throws {
        do {
            Output.line(DbText.roles(try PostgresGrants(uri: uri).list(), lang))
        } catch { throw CLIFailure(message: DbText.grantFailure(error, role: nil, lang)) }
    }
}
