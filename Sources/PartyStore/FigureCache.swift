#if canImport(Glibc)
import Glibc
#endif
import Foundation
import PartyModel

/// Figures kept between sessions, so that a large workspace's first screen need not wait for every
/// file to be read again. Kept outside the workspace, which stays data only (to back up and diff):
/// `$XDG_CACHE_HOME/partydesk/` (else `~/.cache/partydesk/`), one file per workspace folder.
///
/// Each file holds the key its figures were worked out under; another key, a missing file or one
/// that does not read all read as nothing. A write goes to a temporary file renamed into place, so
/// a file is never half-written. Losing it costs time only: the files are read in full either way.
public struct FigureCache: Sendable {
    /// The cache file of this workspace.
    public let path: String

    public init(workspace directory: String, environment: [String: String]) {
        let home = environment["HOME"] ?? NSHomeDirectory()
        let base = environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? "\(home)/.cache"
        // The folder's own path, links resolved: one workspace, one file, however it was named.
        let resolved = realpath(directory, nil).map { pointer in defer { free(pointer) }; return String(cString: pointer) } ?? directory
        path = "\(base)/partydesk/first-screen-\(Digest(Data(resolved.utf8))).json"
    }

    /// What identifies this build of the program: figures worked out by another build (its rules
    /// may differ) are not used.
    public static let buildIdentity: String = {
        var info = stat()
        guard stat("/proc/self/exe", &info) == 0 else { return "unknown" }
        return "\(info.st_size)-\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }()

    /// The key of figures worked out by this build as of `asOf` from files with this fingerprint.
    public func key(fingerprint: String, asOf: Day) -> String { "\(Self.buildIdentity) \(asOf) \(fingerprint)" }

    /// Keeps figures by day, all worked out from files with this fingerprint, in place of everything kept before.
    @discardableResult
    public func write<T: Codable>(_ byDay: [Day: T], fingerprint: String) -> Bool {
        write(Dictionary(uniqueKeysWithValues: byDay.map { (key(fingerprint: fingerprint, asOf: $0.key), $0.value) }))
    }

    private struct Stored<T: Codable>: Codable {
        var entries: [String: T]
    }

    /// The figures kept under `key`, or nil.
    public func read<T: Codable>(_ type: T.Type, key: String) -> T? {
        guard case .success(let data) = AtomicFile.read(path),
              let stored = try? JSONDecoder().decode(Stored<T>.self, from: data) else { return nil }
        return stored.entries[key]
    }

    /// Every entry this build kept for `asOf`, whatever the fingerprint it was kept under (a
    /// database's screen kept before the latest commits, shown as such while it is read again).
    public func entries<T: Codable>(_ type: T.Type, asOf: Day) -> [(fingerprint: String, value: T)] {
        guard case .success(let data) = AtomicFile.read(path),
              let stored = try? JSONDecoder().decode(Stored<T>.self, from: data) else { return [] }
        let prefix = "\(Self.buildIdentity) \(asOf) "
        return stored.entries.compactMap { key, value in key.hasPrefix(prefix) ? (String(key.dropFirst(prefix.count)), value) : nil }
    }

    /// Keeps `entries` (key → figures) in place of everything kept before. False when they could
    /// not be written (a read-only home, a full disk): nothing else depends on them.
    @discardableResult
    public func write<T: Codable>(_ entries: [String: T]) -> Bool {
        let folder = (path as NSString).deletingLastPathComponent
        guard (try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])) != nil,
              let data = try? JSONEncoder().encode(Stored(entries: entries)) else { return false }
        do { try AtomicFile.write(data, to: path) } catch { return false }
        return true
    }
}
