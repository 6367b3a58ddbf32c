import Foundation
import PartyModel
import PartyPostgres

/// `partydesk db`'s own words, in Chinese and English. A database is always named without its password.
enum DbText {
    static let abstract = "PostgreSQL 数据库: 建表、写入与导出工作区 / PostgreSQL: create the tables, push a workspace in, pull it back out."
    static let discussion = """
        地址为 libpq 连接 URI, 如 postgresql://用户@主机/库名 或 postgresql://用户@/库名?host=/套接字目录。\
        密码放在 ~/.pgpass 或环境变量 PGPASSWORD 中, 不要写在地址里 (程序不会显示它)。表结构见 docs/data-format.md。
        The address is a libpq connection URI, e.g. postgresql://USER@HOST/DB or postgresql://USER@/DB?host=/socket/dir. \
        Put the password in ~/.pgpass or PGPASSWORD, not in the address (it is never shown). Tables: docs/data-format.md.
        """
    static let uriHelp = "数据库地址 (libpq URI) / Database address (a libpq URI)."

    static func initialised(_ uri: String, from: Int, to: Int, _ lang: Language) -> String {
        let db = PostgresURI.redacted(uri)
        if from == to { return lang == .zh ? "数据库 \(db) 已是结构版本 \(to), 无需改动。" : "The database \(db) is at schema version \(to) already; nothing to do." }
        if from == 0 { return lang == .zh ? "已在数据库 \(db) 中建立 PartyDesk 的表 (结构版本 \(to))。" : "Created PartyDesk's tables in \(db) (schema version \(to))." }
        return lang == .zh ? "已将数据库 \(db) 的结构从版本 \(from) 升级到 \(to)。" : "Migrated the database \(db) from schema version \(from) to \(to)."
    }

    static func pushed(_ directory: String, _ uri: String, _ counts: WorkspaceTransfer.Counts, seconds: Double, replaced: Bool, _ lang: Language) -> String {
        let db = PostgresURI.redacted(uri), time = String(format: "%.2f", seconds)
        return lang == .zh
            ? "已将工作区 \(directory) \(replaced ? "替换写入" : "写入")数据库 \(db): \(counts.records) 行记录, 日志 \(counts.journalLines) 行 (\(time) 秒)。"
            : "Pushed the workspace \(directory) into \(db)\(replaced ? ", replacing what it held" : ""): \(counts.records) record rows, \(counts.journalLines) journal lines (\(time) s)."
    }

    static func pulled(_ uri: String, _ directory: String, _ counts: WorkspaceTransfer.Counts, seconds: Double, _ lang: Language) -> String {
        let db = PostgresURI.redacted(uri), time = String(format: "%.2f", seconds)
        return lang == .zh
            ? "已从数据库 \(db) 导出工作区到 \(directory): \(counts.records) 行记录, 日志 \(counts.journalLines) 行 (\(time) 秒)。"
            : "Pulled the workspace from \(db) into \(directory): \(counts.records) record rows, \(counts.journalLines) journal lines (\(time) s)."
    }

    static let grantDiscussion = """
        由建表的管理员运行。权限由 PostgreSQL 的行级安全策略执行, 任何程序以该用户连接都受其约束。用户不存在时以 LOGIN 建立; 其密码请管理员在 psql 中用 \\password 设置, 不要写在命令行上。再次授权会替换原有授权。
        Run by the administrator who made the tables. PostgreSQL's row-level security enforces it for any program that connects as the role. A missing role is created with LOGIN; set its password in psql with \\password, never on a command line. Granting again replaces what was granted.
        """

    static func granted(_ role: String, generalBranch: String?, write: Bool, _ uri: String, _ lang: Language) -> String {
        let db = PostgresURI.redacted(uri)
        let scope = generalBranch.map { lang == .zh ? "党总支 \($0) 所属各支部" : "the branches of 党总支 \($0)" } ?? (lang == .zh ? "整个组织" : "the whole organisation")
        let rights = write ? (lang == .zh ? "读写" : "may read and write") : (lang == .zh ? "只读" : "may only read")
        return lang == .zh ? "已授权: 数据库 \(db) 的用户 \(role) 对\(scope)的记录\(rights)。" : "Granted: the role \(role) of \(db) \(rights) the records of \(scope)."
    }

    static func revoked(_ role: String, _ uri: String, _ lang: Language) -> String {
        lang == .zh ? "已收回数据库 \(PostgresURI.redacted(uri)) 的用户 \(role) 的全部授权。" : "Took back every right of the role \(role) of \(PostgresURI.redacted(uri))."
    }

    static func roles(_ list: [(role: String, generalBranch: String?, write: Bool)], _ lang: Language) -> String {
        if list.isEmpty { return lang == .zh ? "尚未授权任何数据库用户。" : "No database role has been granted." }
        return list.map { r in
            let scope = r.generalBranch ?? (lang == .zh ? "整个组织" : "whole organisation")
            let rights = r.write ? (lang == .zh ? "读写" : "read/write") : (lang == .zh ? "只读" : "read only")
            return "\(r.role)  \(scope)  \(rights)"
        }.joined(separator: "\n")
    }

    static func grantFailure(_ error: any Error, role: String?, _ lang: Language) -> String {
        switch error {
        case let e as PostgresStoreError: return e.message(lang)
        case PostgresGrants.Failure.badRole(let name):
            return lang == .zh ? "数据库用户名 \(name) 不可用: 只能用小写字母、数字和下划线, 以字母开头, 至多 63 个字节。未做任何改动。"
                               : "The role name \(name) cannot be used: lower-case letters, digits and _ only, a letter first, at most 63 bytes. Nothing was changed."
        case PostgresGrants.Failure.unknownGeneralBranch(let id):
            return lang == .zh ? "数据库中的工作区没有编号为 \(id) 的党总支。请检查编号 (partydesk summary 列出党总支)。未做任何改动。"
                               : "The database's workspace has no 党总支 with the id \(id). Check the id. Nothing was changed."
        case let e as PostgresError:
            return PostgresStoreError.refused(what: role.map { "grant \($0)" } ?? "roles", e).message(lang)
        default:
            return "\(error)"
        }
    }

    /// The status line over a kept first screen while the database is read: nil lag, the screen is of
    /// the data as it is; else how far behind it is.
    static func keptScreen(_ lag: KeptScreenLag?, _ lang: Language) -> String {
        guard let lag else { return lang.pick("正在读取…", "reading…") }
        let at = lag.keptAt.isEmpty ? "" : lang.pick("截至 \(lag.keptAt) 的画面", "the screen as of \(lag.keptAt)")
        let since = lag.changes.map { lang.pick("之后有 \($0) 处修改", "\($0) change(s) since") } ?? lang.pick("之后数据有修改", "changed since")
        return [at.isEmpty ? lang.pick("上次的画面", "the last session's screen") : at, since, lang.pick("正在读取最新数据…", "reading the latest…")]
            .joined(separator: " · ")
    }
}
