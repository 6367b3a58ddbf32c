#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Files as they were before being overwritten (hard links to the replaced versions), in `.backup/`:
/// `.backup/activities__2026__b1.json.20261121T101500Z.edit`. The newest `limit` copies of each file are kept.
struct Backups {
    static let limit = 20
    let directory: String

    func keep(_ relative: String, label: String) throws(FileError) {
        let source = "\(directory)/\(relative)"
        let folder = "\(directory)/\(WorkspacePaths.backupDirectory)"
        // A `.backup` that is a symbolic link is refused: backups never land outside the workspace.
        try AtomicFile.makeDirectory(WorkspacePaths.backupDirectory, in: directory)
        let base = relative.replacingOccurrences(of: "/", with: "__")
        let stamp = Self.timestamp(Date())
        let target = "\(folder)/\(base).\(stamp).\(label)"
        // A hard link, not a copy: saves replace files by rename, so the old inode — the backup —
        // is never written again. Copy only where links are not possible.
        if link(source, target) != 0 {
            guard errno != ENOENT else { return }
            guard case .success(let data) = AtomicFile.read(source) else { return }
            try AtomicFile.write(data, to: target)
        }
        prune(folder: folder, base: base)
    }

    private func prune(folder: String, base: String) {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasPrefix(base + ".") }
            .sorted()
        for name in names.dropLast(Self.limit) {
            try? FileManager.default.removeItem(atPath: "\(folder)/\(name)")
        }
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss.SSS'Z'"
        return formatter.string(from: date)
    }
}
