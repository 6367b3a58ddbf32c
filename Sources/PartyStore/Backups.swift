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
        try keep([relative], label: label)
    }

    /// Several files at once (an import's 2,000): the backup folder is listed once for all of them.
    func keep(_ relatives: [String], label: String) throws(FileError) {
        guard !relatives.isEmpty else { return }
        let folder = "\(directory)/\(WorkspacePaths.backupDirectory)"
        try AtomicFile.makeDirectory(folder)
        let stamp = Self.timestamp(Date())
        var bases: [String] = []
        for relative in relatives {
            let source = "\(directory)/\(relative)"
            let base = relative.replacingOccurrences(of: "/", with: "__")
            let target = "\(folder)/\(base).\(stamp).\(label)"
            // A hard link, not a copy: saves replace files by rename, so the old inode — the backup —
            // is never written again. Copy only where links are not possible.
            if link(source, target) != 0 {
                guard errno != ENOENT else { continue }
                guard let data = FileManager.default.contents(atPath: source) else { continue }
                try AtomicFile.write(data, to: target)
            }
            bases.append(base)
        }
        prune(folder: folder, bases: bases)
    }

    /// Keeps the last `limit` versions of each file: a version's name is the file's base, then
    /// `.STAMP.LABEL` (the stamp holds one dot).
    private func prune(folder: String, bases: [String]) {
        let pruned = Set(bases)
        var versions: [String: [String]] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
            let parts = name.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count > 3 else { continue }
            let base = parts.dropLast(3).joined(separator: ".")
            if pruned.contains(base) { versions[base, default: []].append(name) }
        }
        for (_, names) in versions {
            for name in names.sorted().dropLast(Self.limit) {
                try? FileManager.default.removeItem(atPath: "\(folder)/\(name)")
            }
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
