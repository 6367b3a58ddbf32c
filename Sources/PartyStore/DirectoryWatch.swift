#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// What the data files of a workspace look like on disk (name, size, modification time, inode),
/// to notice any change — including a file replaced by a new one — by polling. Reads only.
public struct DirectorySignature: Equatable, Sendable {
    struct Entry: Equatable, Sendable {
        var size: Int64
        var modified: Int64
        var inode: UInt64
    }
    var entries: [String: Entry]

    public static func of(_ directory: String) -> DirectorySignature {
        var entries: [String: Entry] = [:]
        for folder in WorkspacePaths.dataFolders(in: directory) {
            let path = folder.isEmpty ? directory : "\(directory)/\(folder)"
            for name in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] where name.hasSuffix(".json") {
                var info = stat()
                guard stat("\(path)/\(name)", &info) == 0 else { continue }
                entries[folder.isEmpty ? name : "\(folder)/\(name)"] = Entry(size: Int64(info.st_size),
                                                     modified: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec),
                                                     inode: UInt64(info.st_ino))
            }
        }
        return DirectorySignature(entries: entries)
    }
}
