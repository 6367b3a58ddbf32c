#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// The files of one save — an edit's one or two files, an import's dozens, a migration's
/// thousands — land whole or not at all, and no reader sees them half-way (docs/data-format.md,
/// "Saving"):
///
/// 1. every new version is written to a temp file beside its file and fsynced; the version it
///    replaces (or removes) is kept as a hard link `.NAME.tmp-PID-RANDOM.old`. A failure here
///    (a full disk) removes them all: nothing changed.
/// 2. under an exclusive `flock` on `.partydesk.commit-lock` (readers take it shared while they
///    read), `.partydesk-batch.json` lists the files, temps and kept versions (written crash-safely),
/// 3. the temps are renamed over their files (renames need no space), removed files unlinked;
/// 4. the manifest is removed: this is the moment the batch has landed. Then the kept versions go.
///
/// A rename that fails rolls the batch back from the kept versions; a process killed between 2
/// and 4 leaves the manifest, and the next commit or editing session rolls it back the same way
/// (`settle`) before doing anything else.
struct FileBatch {
    static let manifestName = ".partydesk-batch.json"

    let root: String
    /// Relative path and new bytes, in the order they are renamed.
    var writes: [(path: String, data: Data)] = []
    /// Relative paths to remove.
    var removals: [String] = []

    struct Entry: Codable {
        var path: String
        /// The new version's temp file; nil for a removal.
        var temp: String?
        /// The old version kept; nil when there was none (a new file).
        var keep: String?
    }

    struct Manifest: Codable {
        var pid: Int32
        var entries: [Entry]
    }

    func absolute(_ relative: String) -> String { "\(root)/\(relative)" }

    func commit() throws(FileError) {
        guard !writes.isEmpty || !removals.isEmpty else { return }
        var entries: [Entry] = []
        var ok = false
        // Until the manifest exists, a failure leaves only temps and kept links: removed here.
        defer {
            if !ok {
                for entry in entries {
                    if let temp = entry.temp { unlink(absolute(temp)) }
                    if let keep = entry.keep { unlink(absolute(keep)) }
                }
            }
        }
        if writes.count < Self.sideBySide {
            for (path, data) in writes {
                try AtomicFile.makeDirectory((path as NSString).deletingLastPathComponent, in: root)
                let temp = try AtomicFile.writeTemp(data, beside: absolute(path))
                entries.append(Entry(path: path, temp: String(temp.dropFirst(root.count + 1)), keep: nil))
                entries[entries.count - 1].keep = try keep(path, temp: temp)
            }
        } else {
            try writeSideBySide(into: &entries)
        }
        for path in removals {
            try AtomicFile.refuseLink(absolute(path))
            entries.append(Entry(path: path, temp: nil, keep: nil))
            entries[entries.count - 1].keep = try keep(path, temp: AtomicFile.tempName(beside: absolute(path)))
        }
        let folders = Set(entries.map { ($0.path as NSString).deletingLastPathComponent })
        for folder in folders { try AtomicFile.syncDirectory(absolute(folder)) }

        let lock = try CommitLock.exclusive(root)
        defer { lock.release() }
        let manifest = (try? JSONEncoder().encode(Manifest(pid: getpid(), entries: entries))) ?? Data()
        try AtomicFile.write(manifest, to: absolute(Self.manifestName))
        ok = true
        do throws(FileError) {
            for entry in entries {
                if let temp = entry.temp {
                    if rename(absolute(temp), absolute(entry.path)) != 0 { throw FileError(path: absolute(entry.path), operation: "rename", code: errno) }
                } else if unlink(absolute(entry.path)) != 0 && errno != ENOENT {
                    throw FileError(path: absolute(entry.path), operation: "unlink", code: errno)
                }
            }
            for folder in folders { try AtomicFile.syncDirectory(absolute(folder)) }
        } catch {
            // Rolled back now; if even that fails, the manifest stays for the next commit.
            _ = try? Self.rollBack(root: root, locked: true)
            throw error
        }
        // Landed: from here on the new versions stay, whatever happens.
        if unlink(absolute(Self.manifestName)) != 0 { throw FileError(path: absolute(Self.manifestName), operation: "unlink", code: errno) }
        try AtomicFile.syncDirectory(root)
        for entry in entries { if let keep = entry.keep { unlink(absolute(keep)) } }
    }

    /// Batches of this many files or more write their temps side by side.
    static let sideBySide = 16
    /// Threads writing a large batch's temps: each temp's fsync waits on the disk, not a core, and
    /// fsyncs in flight together share the file system's journal commits (an import's 2,000 files,
    /// one after the other, were 5 s of fsync).
    static let writers = 16

    /// Step 1 for a large batch: the folders made in order, then each file's temp written and
    /// fsynced and its old version kept, on `writers` threads. `entries` get every temp and kept
    /// link made — also when one fails (the first failure in file order is thrown), so the caller
    /// removes them all.
    private func writeSideBySide(into entries: inout [Entry]) throws(FileError) {
        for folder in Set(writes.map { ($0.path as NSString).deletingLastPathComponent }).sorted() {
            try AtomicFile.makeDirectory(folder, in: root)
        }
        // One slot per file, each written by one thread only (buffers, not arrays: no copy-on-write check shared).
        final class Results: @unchecked Sendable {
            let entries: UnsafeMutableBufferPointer<Entry?>
            let errors: UnsafeMutableBufferPointer<FileError?>
            init(_ n: Int) {
                entries = .allocate(capacity: n); entries.initialize(repeating: nil)
                errors = .allocate(capacity: n); errors.initialize(repeating: nil)
            }
            deinit {
                entries.deinitialize(); entries.deallocate()
                errors.deinitialize(); errors.deallocate()
            }
        }
        let results = Results(writes.count)
        let batch = self
        let group = DispatchGroup()
        let threads = min(Self.writers, writes.count)
        for t in 0..<threads {
            group.enter()
            let thread = Thread {
                defer { group.leave() }
                for i in stride(from: t, to: batch.writes.count, by: threads) {
                    let (path, data) = batch.writes[i]
                    do throws(FileError) {
                        let temp = try AtomicFile.writeTemp(data, beside: batch.absolute(path))
                        var entry = Entry(path: path, temp: String(temp.dropFirst(batch.root.count + 1)), keep: nil)
                        results.entries[i] = entry   // each slot is this thread's alone
                        entry.keep = try batch.keep(path, temp: temp)
                        results.entries[i] = entry
                    } catch {
                        results.errors[i] = error
                    }
                }
            }
            thread.stackSize = 256 * 1024
            thread.start()
        }
        group.wait()
        entries += results.entries.compactMap { $0 }
        if let error = results.errors.compactMap({ $0 }).first { throw error }
    }

    /// The version of `path` about to be replaced, kept as a hard link beside it (nil: no such file).
    private func keep(_ path: String, temp: String) throws(FileError) -> String? {
        let keep = temp + ".old"
        if link(absolute(path), keep) != 0 {
            if errno == ENOENT { return nil }
            throw FileError(path: absolute(path), operation: "link", code: errno)
        }
        return String(keep.dropFirst(root.count + 1))
    }

    /// Puts back what a batch left by a failure or a kill had replaced, from its manifest: each
    /// kept version renamed back, each new file (its temp already renamed) removed, each temp
    /// removed; then the manifest. Any step can be repeated, so a kill during it is settled by the
    /// next call. Nothing to do without a manifest.
    /// `locked`: the caller holds the commit lock already. Returns whether there was a batch to roll back.
    @discardableResult
    static func rollBack(root: String, locked: Bool = false) throws(FileError) -> Bool {
        let path = "\(root)/\(manifestName)"
        try AtomicFile.refuseLink(path)
        guard case .success(let data) = AtomicFile.read(path) else { return false }
        let lock = locked ? nil : try CommitLock.exclusive(root)
        defer { lock?.release() }
        guard let manifest = try? JSONDecoder().decode(Manifest.self, from: data) else {
            // A manifest is written whole (temp, fsync, rename): one that does not read was not
            // written by PartyDesk. Left alone, and said so.
            throw FileError(path: path, operation: "read", code: EINVAL)
        }
        func absolute(_ relative: String) -> String { "\(root)/\(relative)" }
        var exists = stat()
        for entry in manifest.entries {
            if let keep = entry.keep {
                if lstat(absolute(keep), &exists) == 0 {
                    if rename(absolute(keep), absolute(entry.path)) != 0 { throw FileError(path: absolute(entry.path), operation: "rename", code: errno) }
                    // Renaming a link over another link of the same file does nothing: the kept one stays.
                    unlink(absolute(keep))
                }
            } else if let temp = entry.temp, lstat(absolute(temp), &exists) != 0 {
                // A new file, already renamed in: it goes.
                if unlink(absolute(entry.path)) != 0 && errno != ENOENT { throw FileError(path: absolute(entry.path), operation: "unlink", code: errno) }
            }
            if let temp = entry.temp { unlink(absolute(temp)) }
        }
        for folder in Set(manifest.entries.map { ($0.path as NSString).deletingLastPathComponent }) {
            try AtomicFile.syncDirectory(absolute(folder))
        }
        if unlink(path) != 0 && errno != ENOENT { throw FileError(path: path, operation: "unlink", code: errno) }
        try AtomicFile.syncDirectory(root)
        return true
    }
}

extension FileBatch {
    /// A reader's view of a batch cut short by a kill (its manifest still there): each file as the
    /// roll-back will leave it — a replaced or removed file read from its kept version, a new file
    /// not there — so that no reader sees half a batch even before a writer rolls it back.
    struct View: Sendable {
        /// Path → its kept old version.
        var kept: [String: String] = [:]
        /// New files of the batch, already renamed in.
        var hidden: Set<String> = []

        /// nil when there is no cut batch (nothing to read through).
        init?(root: String) {
            guard case .success(let data) = AtomicFile.read("\(root)/\(FileBatch.manifestName)", followingLinks: false),
                  let manifest = try? JSONDecoder().decode(Manifest.self, from: data) else { return nil }
            var info = stat()
            for entry in manifest.entries {
                if let keep = entry.keep {
                    if lstat("\(root)/\(keep)", &info) == 0 { kept[entry.path] = keep }
                } else if let temp = entry.temp, lstat("\(root)/\(temp)", &info) != 0 {
                    hidden.insert(entry.path)
                }
            }
        }

        /// Where the reader finds `relative` (a path in no folder when the file is not there for it).
        func path(of relative: String) -> String {
            if let keep = kept[relative] { return keep }
            return hidden.contains(relative) ? "\(FileBatch.manifestName).absent/\(relative)" : relative
        }

        /// A folder's names as the reader sees them.
        func names(_ names: [String]?, in folder: String) -> [String]? {
            func inFolder(_ path: String) -> String? {
                (path as NSString).deletingLastPathComponent == folder ? (path as NSString).lastPathComponent : nil
            }
            let hiddenHere = Set(hidden.compactMap(inFolder))
            let keptHere = kept.keys.compactMap(inFolder)
            guard !hiddenHere.isEmpty || !keptHere.isEmpty else { return names }
            var out = (names ?? []).filter { !hiddenHere.contains($0) }
            let present = Set(out)
            out += keptHere.filter { !present.contains($0) }
            return out
        }
    }
}

/// `.partydesk.commit-lock`: writers hold it exclusively while they rename a batch's files into
/// place, readers hold it shared while they read the files, so a reader sees a batch wholly or not
/// at all. Readers open it read-only and never create it (the wall display opens nothing for
/// writing): without it there is no batch to wait for.
public final class CommitLock {
    public static let fileName = ".partydesk.commit-lock"
    private var fd: Int32

    private init(fd: Int32) { self.fd = fd }

    /// Waits for writers to finish their renames; nil when there is no lock file (or it cannot be
    /// read: then nothing can be done but read).
    static func shared(_ root: String) -> CommitLock? {
        let fd = open("\(root)/\(fileName)", O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        while flock(fd, LOCK_SH) != 0 {
            if errno != EINTR { close(fd); return nil }
        }
        return CommitLock(fd: fd)
    }

    /// Waits for readers to finish reading; creates the file (0600) the first time.
    static func exclusive(_ root: String) throws(FileError) -> CommitLock {
        let path = "\(root)/\(fileName)"
        let fd = open(path, O_RDONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC, AtomicFile.newFileMode)
        guard fd >= 0 else { throw FileError(path: path, operation: "open", code: errno) }
        while flock(fd, LOCK_EX) != 0 {
            if errno != EINTR { let e = errno; close(fd); throw FileError(path: path, operation: "flock", code: e) }
        }
        return CommitLock(fd: fd)
    }

    /// Closing the file drops the lock.
    func release() {
        if fd >= 0 { close(fd); fd = -1 }
    }

    deinit { release() }
}
