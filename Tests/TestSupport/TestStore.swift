import Foundation

/// Where a command test's workspace is kept, so that the same test runs on both stores (issue 20: "the
/// existing report-command and editing tests run against both stores with identical outputs"): JSON
/// files in a directory, or a PostgreSQL database. A test prepares its workspace as JSON files, as it
/// always did, and works through `partydesk --data <data(dir)>`:
///
///     @Test(arguments: TestStore.allCases) func something(_ store: TestStore) throws {
///         ...prepare dir...
///         guard let data = try store.data(dir) else { return }   // the database case skipped
///         ...runProduct("partydesk", [..., "--data", data])...
///
/// The database case gives the test a database of its own holding the directory as `partydesk db push`
/// puts it there, on ONE throwaway server per test process, started when first asked for and stopped
/// at the process's exit (SharedPostgres). What a test reads as files after an edit, it reads from
/// `files(data, in: tmp)`: on a database, what `partydesk db pull` writes of it.
public enum TestStore: String, CaseIterable, Sendable, CustomStringConvertible {
    case files, database

    public var description: String { rawValue }

    /// A push or a pull that failed, with what partydesk said.
    public struct StoreFailure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The `--data` value for the JSON workspace a test prepared in `directory`: the directory itself;
    /// or the URI of a new database of its own on this process's shared server, holding the directory
    /// as `partydesk db push` puts it there (as an office would). nil (said on standard output) when
    /// the database case is skipped: PostgreSQL is missing and PARTYDESK_SKIP_POSTGRES=1. A missing
    /// PostgreSQL without that variable throws, saying how to install it (`ThrowawayPostgres.forTest`).
    public func data(_ directory: String) throws -> String? {
        switch self {
        case .files: return directory
        case .database: return try SharedPostgres.shared.database(holding: directory)
        }
    }

    /// The workspace at `data` (what `data(_:)` gave) as JSON files to read: the directory itself on
    /// files; on a database, pulled (`partydesk db pull`) into a new directory under `tmp`, so the same
    /// assertion on the files runs on both stores. Pull again after each change to be read.
    public func files(_ data: String, in tmp: TempDirectory) throws -> String {
        switch self {
        case .files:
            return data
        case .database:
            let directory = tmp.sub("pulled-\(UUID().uuidString.prefix(8))")
            let pull = try runProduct("partydesk", ["db", "pull", data, directory])
            guard pull.status == 0 else {
                throw StoreFailure(description: "partydesk db pull \(data) \(directory) failed (\(pull.status)): \(pull.stderr)")
            }
            return directory
        }
    }
}

/// The one throwaway PostgreSQL server of a test process, for `TestStore.database`: started by the
/// first test that asks (initdb takes a second or two), stopped and removed at the process's exit
/// (atexit). Each test gets a database of its own. A workspace is pushed once (`partydesk db push`,
/// 0.8 s for the demo in a debug build) into a template database; a test whose files are byte for
/// byte those of a workspace pushed before gets a copy of its template (`createdb -T`, 0.3 s): most
/// tests start from the same demo.
final class SharedPostgres: @unchecked Sendable {
    static let shared = SharedPostgres()

    private enum State {
        case notStarted
        case running(ThrowawayPostgres)
        case skipped
        case failed(Error)
    }

    private let lock = NSLock()
    private var state = State.notStarted
    /// The workspaces pushed, by their files' bytes, with their template database's name.
    private var templates: [(files: [String: Data], name: String)] = []
    private var databases = 0
    private var pushes = 0
    /// createdb's options for a copy: the file-copy strategy where the server has it (PostgreSQL 15 on;
    /// the default strategy writes the copy through the WAL, twice as slow here).
    private var copyOptions: [String]?

    /// The URI of a new database holding the workspace in `directory`; nil when PostgreSQL is missing
    /// and the tests may skip.
    func database(holding directory: String) throws -> String? {
        let files = allFilesIn(directory)
        // Under the lock throughout: `ThrowawayPostgres.run` writes its output beside the server's
        // directory, one file per tool; the first push of a workspace is waited for by the tests that
        // want the same one.
        lock.lock(); defer { lock.unlock() }
        guard let server = try started() else { return nil }
        func uri(_ name: String) -> String { "postgresql://partydesk@/\(name)?host=\(server.directory)" }
        let template: String
        if let known = templates.first(where: { $0.files == files }) {
            template = known.name
        } else {
            pushes += 1
            template = "workspace\(pushes)"
            try server.run("createdb", ["-h", server.directory, "-U", "partydesk", template])
            let push = try runProduct("partydesk", ["db", "push", "--data", directory, uri(template)])
            guard push.status == 0 else {
                throw TestStore.StoreFailure(description: "partydesk db push --data \(directory) \(uri(template)) failed (\(push.status)): \(push.stderr)")
            }
            templates.append((files, template))
        }
        if copyOptions == nil {
            copyOptions = try server.run("createdb", ["--help"]).contains("--strategy") ? ["-S", "FILE_COPY"] : []
        }
        databases += 1
        let name = "t\(databases)"
        try server.run("createdb", ["-h", server.directory, "-U", "partydesk", "-T", template] + copyOptions! + [name])
        return uri(name)
    }

    /// The server, started on first use; nil when the tests may skip without PostgreSQL.
    private func started() throws -> ThrowawayPostgres? {
        switch state {
        case .running(let server): return server
        case .skipped: return nil
        case .failed(let error): throw error
        case .notStarted:
            do {
                guard let server = try ThrowawayPostgres.forTest() else {
                    state = .skipped
                    return nil
                }
                state = .running(server)
                atexit { SharedPostgres.shared.stop() }
                return server
            } catch {
                state = .failed(error)
                throw error
            }
        }
    }

    /// At the process's exit. Not waiting for the lock: a test stopped halfway (exit in a test) may hold it.
    func stop() {
        let locked = lock.try()
        defer { if locked { lock.unlock() } }
        if case .running(let server) = state { server.stop() }
        state = .skipped
    }
}
