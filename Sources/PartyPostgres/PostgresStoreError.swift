import PartyModel
import PartyStore

/// A connection URI as it may be shown: the password, wherever the URI carries one (`user:PASSWORD@`,
/// `?password=`), replaced by `***`. Every message that names a database names it through this.
public enum PostgresURI {
    /// `uri` with libpq's `connect_timeout` (seconds), unless it sets one already.
    public static func withConnectTimeout(_ uri: String, seconds: Int) -> String {
        if uri.contains("connect_timeout=") { return uri }
        // The query begins at the first "?" after the authority (a "?" before the first "/" may be
        // part of a password); a URI without a path gets one.
        let afterScheme = uri.range(of: "://")?.upperBound ?? uri.startIndex
        guard let path = uri[afterScheme...].firstIndex(of: "/") else { return uri + "/?connect_timeout=\(seconds)" }
        return uri + (uri[path...].contains("?") ? "&" : "?") + "connect_timeout=\(seconds)"
    }

    public static func redacted(_ uri: String) -> String {
        var out = uri
        // user:password@ in the authority: libpq reads it up to the first "/" (a "?" may be part of
        // the password), the last "@" before it ending the user's part.
        if let scheme = out.range(of: "://") {
            let rest = out[scheme.upperBound...]
            let authorityEnd = rest.firstIndex(of: "/") ?? rest.endIndex
            if let at = rest[..<authorityEnd].lastIndex(of: "@"),
               let colon = rest[..<at].firstIndex(of: ":") {
                out.replaceSubrange(out.index(after: colon)..<at, with: "***")
            }
        }
        // password=… (and sslpassword=…) as a query parameter or a key=value connection string.
        for key in ["password=", "sslpassword="] {
            var result = ""
            var rest = Substring(out)
            while let found = rest.range(of: key) {
                let before = rest[..<found.lowerBound]
                let startsKey = before.isEmpty || ["?", "&", " "].contains(before.last!)
                result += rest[..<found.upperBound]
                rest = rest[found.upperBound...]
                guard startsKey else { continue }
                let end = rest.firstIndex(where: { $0 == "&" || $0 == " " }) ?? rest.endIndex
                result += "***"
                rest = rest[end...]
            }
            out = result + rest
        }
        return out
    }

    /// The passwords a URI carries (in its user part, or as password=/sslpassword=), raw and
    /// percent-decoded: what must not appear in any message (libpq quotes a value it cannot decode).
    static func passwords(in uri: String) -> [String] {
        var found: [String] = []
        if let scheme = uri.range(of: "://") {
            let rest = uri[scheme.upperBound...]
            let authorityEnd = rest.firstIndex(of: "/") ?? rest.endIndex
            if let at = rest[..<authorityEnd].lastIndex(of: "@"), let colon = rest[..<at].firstIndex(of: ":") {
                found.append(String(rest[rest.index(after: colon)..<at]))
            }
        }
        for key in ["password=", "sslpassword="] {
            var rest = Substring(uri)
            while let range = rest.range(of: key) {
                rest = rest[range.upperBound...]
                let end = rest.firstIndex(where: { $0 == "&" || $0 == " " }) ?? rest.endIndex
                found.append(String(rest[..<end]))
            }
        }
        return found.flatMap { [$0, $0.removingPercentEncoding ?? $0] }.filter { !$0.isEmpty }
    }

    /// A message about `uri` with its passwords taken out.
    public static func scrubbed(_ message: String, of uri: String) -> String {
        passwords(in: uri).sorted { $0.count > $1.count }.reduce(message) { $0.replacingOccurrences(of: $1, with: "***") }
    }
}

/// Why a database could not be set up, written or read; each message says what failed and what to do.
public enum PostgresStoreError: Error, Sendable {
    /// Could not connect (the URI shown without its password).
    case connection(uri: String, PostgresError)
    /// The database's tables are of a newer PartyDesk.
    case schemaTooNew(found: Int, supported: Int)
    /// `push` into a database that holds a workspace already.
    case notEmpty(uri: String)
    /// `pull` from a database without a workspace (or without PartyDesk's tables).
    case noWorkspace(uri: String)
    /// The server refused a statement: `what` names the table or step.
    case refused(what: String, PostgresError)
    /// The JSON workspace could not be read or written.
    case store(StoreError)

    /// Any error out of a transaction's body as a store error: one already is; the server's is a
    /// refusal of `what` (`otherwise`: the step named when it was neither).
    static func from(_ error: any Error, what: String, otherwise: String? = nil) -> PostgresStoreError {
        switch error {
        case let known as PostgresStoreError: known
        case let server as PostgresError: .refused(what: what, server)
        default: .refused(what: otherwise ?? what, PostgresError(sqlState: nil, message: "\(error)"))
        }
    }

    public func message(_ lang: Language) -> String {
        switch self {
        case .connection(let uri, let error) where error.libraryMissing:
            // Not the address's fault: the PostgreSQL client library is not on this machine.
            guard lang == .zh else { return "Could not connect to \(PostgresURI.redacted(uri)): \(error.message)\nA JSON workspace does not need it." }
            let reasons = if case .failure(let failure) = LibPQ.loaded { " (\(failure.reasons))" } else { "" }
            return "无法连接数据库 \(PostgresURI.redacted(uri)): 无法加载 PostgreSQL 客户端库 libpq\(reasons)。\n"
                + "请安装: apt-get install -y libpq5 (Debian/Ubuntu), 或将环境变量 PARTYDESK_LIBPQ 设为 libpq.so.5 的路径。使用 JSON 工作区时不需要它。"
        case .connection(let uri, let error):
            return lang == .zh
                ? "无法连接数据库 \(PostgresURI.redacted(uri)): \(PostgresURI.scrubbed(error.message, of: uri))\n请检查地址和服务器是否在运行; 密码请放在 ~/.pgpass 或环境变量 PGPASSWORD 中, 不要写在地址里。"
                : "Could not connect to \(PostgresURI.redacted(uri)): \(PostgresURI.scrubbed(error.message, of: uri))\nCheck the address and that the server is running; put the password in ~/.pgpass or PGPASSWORD, not in the address."
        case .schemaTooNew(let found, let supported):
            return lang == .zh
                ? "数据库的结构版本为 \(found), 本程序只支持到 \(supported): 它由更新版本的 PartyDesk 建立。请升级 PartyDesk 后再操作; 未做任何改动。"
                : "The database's schema version is \(found); this program supports up to \(supported): a newer PartyDesk made it. Upgrade PartyDesk; nothing was changed."
        case .notEmpty(let uri):
            return lang == .zh
                ? "数据库 \(PostgresURI.redacted(uri)) 中已有工作区, 未做任何改动。要用本工作区替换它 (现有数据和日志将被删除), 加 --replace。"
                : "The database \(PostgresURI.redacted(uri)) already holds a workspace; nothing was changed. To replace it (its data and journal are deleted), add --replace."
        case .noWorkspace(let uri):
            return lang == .zh
                ? "数据库 \(PostgresURI.redacted(uri)) 中没有工作区。先用 partydesk db push --data 目录 \(PostgresURI.redacted(uri)) 写入一个。"
                : "The database \(PostgresURI.redacted(uri)) holds no workspace. Put one in first with partydesk db push --data DIR \(PostgresURI.redacted(uri))."
        case .refused(let what, let error):
            let hint: String
            switch error.sqlState {
            case "23503", "23514", "23502", "23505":   // foreign key, check, not null, unique
                hint = lang == .zh ? "数据与数据库的约束不符: 先运行 partydesk validate 修正工作区中的问题。"
                                   : "The data breaks a rule of the database: run partydesk validate and fix the workspace's problems first."
            case "22P05", "22021":   // a NUL character or bytes that are not UTF-8
                hint = lang == .zh ? "文本中含有 PostgreSQL 无法保存的字符 (NUL): 请在工作区中删去它。"
                                   : "A text holds a character PostgreSQL cannot store (NUL): remove it from the workspace."
            case "42501":
                hint = lang == .zh ? "数据库用户没有此权限: 一个党总支的用户只能修改本党总支各支部的记录, 显示屏用户只能读取; 需要时请数据库管理员授权 (partydesk db grant)。未做任何改动。"
                                   : "The database user is not allowed to do this: an office's user changes only its own 党总支's branches, a display's user only reads; ask the database's administrator (partydesk db grant). Nothing was changed."
            default:
                hint = lang == .zh ? "未做任何改动。" : "Nothing was changed."
            }
            return lang == .zh ? "数据库拒绝了 \(what): \(error)\n\(hint)" : "The database refused \(what): \(error)\n\(hint)"
        case .store(let error):
            return error.message(lang)
        }
    }
}
