#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// An I/O failure with the path and the system's reason.
public struct FileError: Error, Equatable, Sendable {
    public var path: String
    public var operation: String
    public var code: Int32

    public var reason: String { String(cString: strerror(code)) }
}

/// Crash-safe file replacement: the file on disk is always either wholly old or wholly new.
public enum AtomicFile {
    /// Mode for data files that did not exist before: readable by the owner only, as they hold
    /// personal data (rosters).
    public static let newFileMode: mode_t = 0o600

    /// Writes a temp file beside `path`, fsyncs it, renames it over `path` and fsyncs the directory.
    /// An existing file keeps its permissions. A `path` that is a symbolic link is refused (ELOOP):
    /// the rename would silently replace the link, and a write through it would land outside.
    public static func write(_ data: Data, to path: String) throws(FileError) {
        let temp = try writeTemp(data, beside: path)
        if rename(temp, path) != 0 { let e = errno; unlink(temp); throw FileError(path: path, operation: "rename", code: e) }
        try syncDirectory((path as NSString).deletingLastPathComponent)
    }

    /// Refuses a symbolic link at `path` (nothing there is fine): the one check every write makes.
    public static func refuseLink(_ path: String) throws(FileError) {
        var info = stat()
        if lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFLNK { throw FileError(path: path, operation: "open", code: ELOOP) }
    }

    /// Refuses a symbolic link at any folder or file of `relative` inside `root` (ELOOP).
    public static func refuseLinks(_ relative: String, in root: String) throws(FileError) {
        var path = root
        for component in relative.split(separator: "/") {
            path += "/\(component)"
            try refuseLink(path)
        }
    }

    /// The name of a temp file beside `path`: `.NAME.tmp-PID-RANDOM` (what `removeStaleTemps` sweeps).
    static func tempName(beside path: String) -> String {
        let directory = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        return "\(directory)/.\(name).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    }

    /// The first half of `write`: `data` in a new temp file beside `path`, with `path`'s mode (0600
    /// for a new file), fsynced. Returns the temp file's path; on failure nothing is left behind.
    static func writeTemp(_ data: Data, beside path: String) throws(FileError) -> String {
        try refuseLink(path)
        var info = stat()
        let mode: mode_t = lstat(path, &info) == 0 ? info.st_mode & 0o7777 : newFileMode
        let temp = tempName(beside: path)

        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
        guard fd >= 0 else { throw FileError(path: temp, operation: "open", code: errno) }
        var ok = false
        defer {
            if !ok { unlink(temp) }
        }
        // open() applies the umask; set the intended mode explicitly.
        if fchmod(fd, mode) != 0 { let e = errno; close(fd); throw FileError(path: temp, operation: "chmod", code: e) }
        let written: Int = data.withUnsafeBytes { raw -> Int in
            guard let base = raw.baseAddress else { return 0 }
            var offset = 0
            while offset < raw.count {
                let n = Glibc.write(fd, base + offset, raw.count - offset)
                if n < 0 { if errno == EINTR { continue }; return -1 }
                offset += n
            }
            return offset
        }
        if written != data.count { let e = errno; close(fd); throw FileError(path: temp, operation: "write", code: e) }
        if fsync(fd) != 0 { let e = errno; close(fd); throw FileError(path: temp, operation: "fsync", code: e) }
        if close(fd) != 0 { throw FileError(path: temp, operation: "close", code: errno) }
        ok = true
        return temp
    }

    /// Makes a rename or unlink in `directory` durable.
    public static func syncDirectory(_ directory: String) throws(FileError) {
        let dfd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard dfd >= 0 else { throw FileError(path: directory, operation: "open", code: errno) }
        defer { close(dfd) }
        if fsync(dfd) != 0 { throw FileError(path: directory, operation: "fsync", code: errno) }
    }

    /// A whole file, read with plain system calls: a county workspace is 10,000 small files, and
    /// Foundation's URL-based reading cost more per file than decoding it. Open, read, close: no
    /// stat and no read to find the end — a short read of a regular file is its end.
    static func read(_ path: String, followingLinks: Bool = true) -> Result<Data, FileError> {
        let fd = open(path, O_RDONLY | O_CLOEXEC | (followingLinks ? 0 : O_NOFOLLOW))
        guard fd >= 0 else { return .failure(FileError(path: path, operation: "open", code: errno)) }
        defer { close(fd) }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 1)
        defer { buffer.deallocate() }
        var data = Data()
        while true {
            let n = Glibc.read(fd, buffer.baseAddress!, buffer.count)
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(FileError(path: path, operation: "read", code: errno))
            }
            if n == 0 { break }
            data.append(buffer.baseAddress!.assumingMemoryBound(to: UInt8.self), count: n)
            if n < buffer.count { break }
        }
        return .success(data)
    }

    public static func makeDirectory(_ path: String) throws(FileError) {
        var info = stat()
        if stat(path, &info) == 0 {
            if info.st_mode & S_IFMT == S_IFDIR { return }
            throw FileError(path: path, operation: "mkdir", code: ENOTDIR)
        }
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty && parent != path { try makeDirectory(parent) }
        if mkdir(path, 0o700) != 0 && errno != EEXIST { throw FileError(path: path, operation: "mkdir", code: errno) }
    }

    /// The folder `relative` inside `root` (which exists), made 0700 where missing; a folder of the
    /// path that is a symbolic link is refused (ELOOP), so no write goes through one. `root` itself
    /// may be a link (a data folder placed elsewhere on purpose).
    public static func makeDirectory(_ relative: String, in root: String) throws(FileError) {
        var path = root
        for component in relative.split(separator: "/") {
            path += "/\(component)"
            var info = stat()
            if lstat(path, &info) == 0 {
                switch info.st_mode & S_IFMT {
                case S_IFDIR: continue
                case S_IFLNK: throw FileError(path: path, operation: "open", code: ELOOP)
                default: throw FileError(path: path, operation: "mkdir", code: ENOTDIR)
                }
            }
            if mkdir(path, 0o700) != 0 && errno != EEXIST { throw FileError(path: path, operation: "mkdir", code: errno) }
        }
    }

    /// Removes leftovers of writers that died between creating and renaming their temp file (and
    /// the kept old versions of a batch, `.NAME.tmp-PID-RANDOM.old`): any `.…tmp-PID-…` whose
    /// process is gone.
    static func removeStaleTemps(in directory: String) {
        for name in DirectoryListing.names(directory) ?? [] where name.hasPrefix(".") {
            guard let marker = name.range(of: ".tmp-", options: .backwards),
                  let pid = Int32(name[marker.upperBound...].prefix { $0 != "-" }) else { continue }
            if pid != getpid(), kill(pid, 0) != 0, errno == ESRCH {
                unlink("\(directory)/\(name)")
            }
        }
    }
}

/// FNV-1a over the bytes: enough to tell whether a file changed since it was read.
public struct Digest: Hashable, Sendable, CustomStringConvertible {
    public let value: UInt64
    public let count: Int

    public init(_ data: Data) {
        // Eight bytes a step (a byte-at-a-time FNV took ~1 ns a byte: 160 ms on a county workspace).
        // Only compared in memory, never stored, so the function can change between builds.
        var mixer = Mixer()
        data.withUnsafeBytes { raw in
            let words = raw.count / 8
            for i in 0..<words { mixer.mix(raw.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self)) }
            for byte in raw[(words * 8)...] { mixer.value = (mixer.value ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        }
        value = mixer.value
        count = data.count
    }

    /// The step that mixes 64 bits into the hash, for hashes of other things than a file's bytes
    /// (the workspace's fingerprint mixes in each file's `stat`).
    public struct Mixer: Sendable {
        public var value: UInt64 = 0xcbf2_9ce4_8422_2325
        public init() {}
        public mutating func mix(_ word: UInt64) {
            value = (value ^ word) &* 0x9E37_79B9_7F4A_7C15
            value ^= value >> 29
        }
    }

    public var description: String { String(value, radix: 16) }
}
