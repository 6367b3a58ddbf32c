import Foundation

/// Copies of files as they were before being overwritten, in `.backup/` inside the workspace:
/// `.backup/activities__2026.json.20261121T101500Z.schema-v1`. The newest `limit` copies of each file are kept.
struct Backups {
    static let limit = 20
    let directory: String

    func keep(_ relative: String, label: String) throws(FileError) {
        let source = "\(directory)/\(relative)"
        guard let data = FileManager.default.contents(atPath: source) else { return }
        let folder = "\(directory)/\(WorkspacePaths.backupDirectory)"
        try AtomicFile.makeDirectory(folder)
        let base = relative.replacingOccurrences(of: "/", with: "__")
        let stamp = Self.timestamp(Date())
        try AtomicFile.write(data, to: "\(folder)/\(base).\(stamp).\(label)")
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
