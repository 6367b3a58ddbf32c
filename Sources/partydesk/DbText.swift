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
}
