#if canImport(Glibc)
import Glibc
#endif

/// The names in a folder, read with `readdir` alone: the workspace's year and branch folders hold
/// thousands of files, and Foundation's listing cost more than reading the names does.
enum DirectoryListing {
    /// The entries of `path` but `.` and `..`, in no order; nil when it cannot be opened (missing).
    static func names(_ path: String) -> [String]? {
        guard let dir = opendir(path) else { return nil }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }
}
