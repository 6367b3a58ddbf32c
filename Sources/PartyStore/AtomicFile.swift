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
    /// An existing file keeps its permissions.
    public static func write(_ data: Data, to path: String) throws(FileError) {
        let directory = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        var info = stat()
        let mode: mode_t = stat(path, &info) == 0 ? info.st_mode & 0o7777 : newFileMode
        let temp = "\(directory)/.\(name).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"

        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
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
        if rename(temp, path) != 0 { throw FileError(path: path, operation: "rename", code: errno) }
        ok = true
        try syncDirectory(directory)
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
    static func read(_ path: String) -> Result<Data, FileError> {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
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

    /// Removes leftovers of writers that died between creating and renaming their temp file.
    static func removeStaleTemps(in directory: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for name in names where name.hasPrefix(".") && name.contains(".tmp-") {
            let parts = name.split(separator: "-")
            if parts.count >= 2, let pid = Int32(parts[parts.count - 2]), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH {
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
