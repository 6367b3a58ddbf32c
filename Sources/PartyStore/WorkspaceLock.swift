#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// One editor at a time: an exclusive `flock` on `.partydesk.lock` in the workspace, which also
/// records who holds it. The kernel drops the lock when its process dies, so a lock left by a dead
/// process is simply free and is taken over.
public final class WorkspaceLock: @unchecked Sendable {
    public static let fileName = ".partydesk.lock"

    public struct Holder: Codable, Equatable, Sendable {
        public var user: String
        public var host: String
        public var pid: Int32
        public var since: String

        public var description: String { "\(user)@\(host) (pid \(pid), \(since))" }
    }

    public enum Outcome: Sendable {
        /// Ours. `tookOverFrom`: what a previous holder, now gone, had left in the file.
        case acquired(WorkspaceLock, tookOverFrom: Holder?)
        /// Someone else edits; open read-only.
        case heldBy(Holder?)
        /// The lock file cannot be opened for writing: a read-only workspace (EROFS, EACCES, EPERM)
        /// or a symbolic link (ELOOP), refused. `StoreError.io(error).message` says which.
        case failed(FileError)
    }

    /// How long `add-activity` and `import` wait for a lock held by another writer, and after how
    /// long they say that they wait (docs/cli.md).
    public static let patience: Double = 5
    public static let sayWaitingAfter: Double = 1

    private let fd: Int32
    public let holder: Holder

    private init(fd: Int32, holder: Holder) {
        self.fd = fd
        self.holder = holder
    }

    deinit { release() }

    /// Takes the lock if it is free now; with `waiting`, tries again for up to that many seconds,
    /// calling `stillWaiting` once (with the holder) after `sayWaitingAfter` seconds.
    public static func acquire(directory: String, identity: Holder = .current(), waiting: Double = 0,
                               stillWaiting: (Holder?) -> Void = { _ in }) -> Outcome {
        let path = "\(directory)/\(fileName)"
        // Never through a symbolic link: a linked lock file would be truncated wherever it points.
        let fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, AtomicFile.newFileMode)
        guard fd >= 0 else { return .failed(FileError(path: path, operation: "open", code: errno)) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            close(fd)
            return .failed(FileError(path: path, operation: "open", code: ELOOP))
        }
        let start = Date()
        var said = false
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let waited = Date().timeIntervalSince(start)
            guard waited < waiting else {
                let previous = read(fd)
                close(fd)
                return .heldBy(previous)
            }
            if !said && waited >= sayWaitingAfter { said = true; stillWaiting(read(fd)) }
            usleep(UInt32.random(in: 5_000...20_000))
        }
        let previous = read(fd)
        let data = (try? JSONEncoder().encode(identity)) ?? Data()
        ftruncate(fd, 0)
        data.withUnsafeBytes { _ = pwrite(fd, $0.baseAddress, $0.count, 0) }
        fsync(fd)
        let lock = WorkspaceLock(fd: fd, holder: identity)
        return .acquired(lock, tookOverFrom: previous.flatMap { $0.pid == identity.pid ? nil : $0 })
    }

    /// Who holds the lock now, if anyone (without taking it).
    public static func currentHolder(directory: String) -> Holder? {
        let fd = open("\(directory)/\(fileName)", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        if flock(fd, LOCK_SH | LOCK_NB) == 0 { flock(fd, LOCK_UN); return nil }
        return read(fd)
    }

    private static func read(_ fd: Int32) -> Holder? {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = pread(fd, &buffer, buffer.count, 0)
        guard n > 0 else { return nil }
        return try? JSONDecoder().decode(Holder.self, from: Data(buffer[0..<n]))
    }

    private var released = false

    public func release() {
        guard !released else { return }
        released = true
        ftruncate(fd, 0)
        flock(fd, LOCK_UN)
        close(fd)
    }
}

extension WorkspaceLock.Holder {
    /// This process: OS user, host, pid, and now.
    public static func current() -> Self {
        let user = ProcessInfo.processInfo.environment["USER"] ?? String(cString: getpwuid(getuid())?.pointee.pw_name ?? strdup("?"))
        return Self(user: user, host: ProcessInfo.processInfo.hostName, pid: getpid(), since: Journal.timestamp(Date()))
    }
}
