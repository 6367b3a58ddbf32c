#if canImport(Glibc)
import Glibc
#endif
import Foundation
import PartyModel

/// A problem with a place in a file: `activities/2026.json:120:17 activities[41].date: 日期 "2026-02-30" 无效`.
public struct Problem: Error, Equatable, Sendable, CustomStringConvertible {
    /// Path relative to the workspace directory.
    public var file: String
    public var line: Int?
    public var column: Int?
    /// JSON path inside the file; empty for the whole file.
    public var path: String
    public var kind: ProblemKind

    public init(file: String, line: Int? = nil, column: Int? = nil, path: String = "", kind: ProblemKind) {
        self.file = file; self.line = line; self.column = column; self.path = path; self.kind = kind
    }

    public var location: String {
        var out = file
        if let line { out += ":\(line)" ; if let column { out += ":\(column)" } }
        return out
    }

    /// One line: values quoted from the data (a bad date, an unknown code, a key) are shown visibly.
    public func message(_ lang: Language) -> String {
        TerminalText.visible(path.isEmpty ? "\(location): \(kind.message(lang))" : "\(location) \(path): \(kind.message(lang))")
    }

    public var description: String { message(.zh) }
}

/// Why a workspace could not be opened, created or saved.
public enum StoreError: Error, Equatable, Sendable {
    /// The directory has no `workspace.json`.
    case notAWorkspace(String)
    /// `init` or `demo` into a directory that already has files.
    case notEmpty(String)
    /// One or more files could not be read; every problem is listed.
    case invalid([Problem])
    case io(FileError)
    /// Files changed on disk since they were loaded; nothing was written.
    case changedOnDisk([String])

    public func message(_ lang: Language) -> String {
        switch self {
        case .notAWorkspace(let dir):
            return lang == .zh ? "\(dir) 不是 PartyDesk 工作区 (缺少 workspace.json)。可用 partydesk init \(dir) --name 名称 新建, 或用 --data 指定已有工作区。"
                               : "\(dir) is not a PartyDesk workspace (no workspace.json). Create one with partydesk init \(dir) --name NAME, or point --data at an existing one."
        case .notEmpty(let dir):
            return lang == .zh ? "\(dir) 不是空目录, 为避免覆盖已有文件, 未写入任何内容。请指定一个新目录。"
                               : "\(dir) is not empty; nothing was written so no existing file is overwritten. Choose a new directory."
        case .invalid(let problems):
            let head = lang == .zh ? "工作区有 \(problems.count) 处问题, 未做任何修改:" : "The workspace has \(problems.count) problem(s); nothing was changed:"
            return ([head] + problems.map { "  " + $0.message(lang) }).joined(separator: "\n")
        case .io(let e) where e.code == ELOOP:
            return lang == .zh ? "\(e.path) 是符号链接: 为安全起见, PartyDesk 不通过符号链接写入, 未做修改。请将它换成普通文件或文件夹。"
                               : "\(e.path) is a symbolic link: for safety PartyDesk never writes through one; nothing was changed. Replace it with a regular file or folder."
        case .io(let e) where e.isReadOnly:
            let folder = (e.path as NSString).deletingLastPathComponent
            return lang == .zh ? "工作区只读: \(folder) 不可写 (\(e.reason)), 未做修改。请检查挂载方式和文件权限, 或用 --read-only 只读打开。"
                               : "The workspace is read-only: \(folder) cannot be written (\(e.reason)); nothing was changed. Check the mount and the permissions, or open it with --read-only."
        case .io(let e):
            return lang == .zh ? "\(e.path): \(e.operation) 失败: \(e.reason)" : "\(e.path): \(e.operation) failed: \(e.reason)"
        case .changedOnDisk(let files):
            let list = files.joined(separator: ", ")
            return lang == .zh ? "以下文件在读取后已被其他程序修改, 为避免覆盖未保存: \(list)。请重新加载后再修改。"
                               : "These files changed on disk after they were read; nothing was saved to avoid overwriting them: \(list). Reload and re-apply the change."
        }
    }
}

extension FileError {
    /// The file system or the permissions forbid writing (not a failure of the disk).
    public var isReadOnly: Bool { code == EROFS || code == EACCES || code == EPERM }
}
