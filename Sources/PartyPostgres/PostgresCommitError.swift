import PartyModel
import PartyStore

/// Why a change was not committed to the database. In every case nothing of it is in the database
/// and the editor's workspace is as it was, except `outcomeUnknown`.
public enum PostgresCommitError: Error, Sendable {
    /// Someone else changed (or deleted, or added first) the record since this editor read it:
    /// `by` and `at` from its row, or from the journal when the row is gone (nil: not known).
    case recordChanged(entity: String, id: String, by: String?, at: String?)
    /// The change does not fit the workspace as this editor holds it (its record is not as the change expects).
    case conflict(Change.Conflict)
    /// The change would make the workspace invalid (as the JSON editor refuses it).
    case invalid([ValidationIssue])
    /// A record the change edits was not read from this database (no version for it).
    case notLoaded(entity: String, id: String)
    /// The server refused a statement, or could not be reached before COMMIT.
    case database(PostgresStoreError)
    /// The connection broke during COMMIT and the server, asked again, said the transaction did not
    /// commit: nothing of the change is in the database.
    case connectionLost(PostgresError)
    /// The connection broke during COMMIT and no server could be asked since: the change may or
    /// may not be in the database. Reload to see.
    case outcomeUnknown(PostgresError)

    public func message(_ lang: Language) -> String {
        switch self {
        case .recordChanged(let entity, let id, let by, let at):
            let kind = Self.kind(entity, lang)
            let who = by ?? (lang == .zh ? "其他用户" : "someone else")
            let when = at.map { lang == .zh ? " 于 \(Self.time($0))" : " at \(Self.time($0))" } ?? ""
            return lang == .zh
                ? "未保存: \(kind) \(id) 已被 \(who)\(when) 修改。请重新加载后再操作; 本次修改的任何部分都未写入。"
                : "Not saved: the \(kind) \(id) was changed by \(who)\(when). Reload and make the change again; no part of it was written."
        // As the JSON editor says them.
        case .conflict(let conflict):
            return Editor.Failure.conflict(conflict).message(lang)
        case .invalid(let issues):
            return Editor.Failure.invalid(issues).message(lang)
        case .notLoaded(let entity, let id):
            return lang == .zh
                ? "未保存: \(Self.kind(entity, lang)) \(id) 不是从本数据库读取的 (没有版本号)。请重新加载后再操作。"
                : "Not saved: the \(Self.kind(entity, lang)) \(id) was not read from this database (it has no version). Reload and make the change again."
        case .database(let error):
            return (lang == .zh ? "未保存: " : "Not saved: ") + error.message(lang)
        case .connectionLost(let error):
            return lang == .zh
                ? "未保存: 与数据库的连接在提交时中断 (\(error.message)); 数据库确认本次修改未写入。"
                : "Not saved: the connection to the database broke during the commit (\(error.message)); the database confirms none of the change was written."
        case .outcomeUnknown(let error):
            return lang == .zh
                ? "与数据库的连接在提交时中断 (\(error.message)): 重新连接后仍无法确定本次修改是否已保存。请在连接恢复后重新加载查看。"
                : "The connection to the database broke during the commit (\(error.message)): whether the change was saved could not be learned by reconnecting. Reload once the connection is back to see."
        }
    }

    /// A kind of record as people call it (`Change.entity`).
    static func kind(_ entity: String, _ lang: Language) -> String {
        let names: [String: (String, String)] = [
            "activity": ("活动", "activity"), "rectification": ("整改", "rectification"), "task": ("重点任务", "task"),
            "branch": ("党支部", "branch"), "generalBranch": ("党总支", "general branch"), "check": ("季度检查", "check"),
            "manualScore": ("手工评分", "manual score"), "bonus": ("加分", "bonus"), "member": ("党员", "member"),
            "duesPayment": ("党费记录", "dues payment"), "trainingEntry": ("培训学时", "training entry"),
            "reviewResult": ("民主评议结果", "review result"), "pioneerPoints": ("先锋积分", "pioneer points"),
            "candidate": ("发展对象", "candidate"), "funds": ("经费记录", "funds entry"),
            "developmentTargets": ("发展计划", "development targets"), "targets": ("目标", "targets"),
        ]
        guard let name = names[entity] else { return entity }
        return lang == .zh ? name.0 : name.1
    }

    /// PostgreSQL's `2026-12-02 13:40:01.123456+00` to the second.
    static func time(_ text: String) -> String {
        guard let dot = text.firstIndex(of: ".") else { return text }
        let zone = text[dot...].firstIndex(where: { $0 == "+" || $0 == "-" }) ?? text.endIndex
        return String(text[..<dot] + text[zone...])
    }
}
