import Foundation

/// A real PostgreSQL server for one test: `initdb` into a temporary directory, `pg_ctl start` on a Unix
/// socket there (no TCP port), stopped and removed by `stop()`. `initdb` refuses to run as root, so as
/// root both run as the `postgres` system user (Debian's package makes it). Binaries are found in
/// `$PARTYDESK_PG_BIN`, then `/usr/lib/postgresql/*/bin`, then `PATH`.
public final class ThrowawayPostgres {
    public struct Missing: Error, CustomStringConvertible {
        public var description: String
    }

    public let directory: String
    /// A libpq URI of the server's `postgres` database, as the user `partydesk` (trust: no password).
    public let uri: String
    private let bin: String
    private let runAs: String?

    /// A server for one test; nil (said on standard output) only when PostgreSQL is missing and the
    /// tests may skip (`mayBeMissing`); otherwise a missing PostgreSQL fails the test with how to install it.
    public static func forTest() throws -> ThrowawayPostgres? {
        do { return try ThrowawayPostgres() } catch let missing as Missing where mayBeMissing {
            print("skipped: \(missing)")
            return nil
        }
    }

    /// Whether the tests that need PostgreSQL may skip when it is missing (an environment variable CI never sets).
    public static var mayBeMissing: Bool { ProcessInfo.processInfo.environment["PARTYDESK_SKIP_POSTGRES"] == "1" }

    public static func binaries() -> String? {
        let fm = FileManager.default
        var candidates: [String] = []
        if let given = ProcessInfo.processInfo.environment["PARTYDESK_PG_BIN"] { candidates.append(given) }
        let versions = (try? fm.contentsOfDirectory(atPath: "/usr/lib/postgresql"))?.sorted { (Int($0) ?? 0) > (Int($1) ?? 0) } ?? []
        candidates += versions.map { "/usr/lib/postgresql/\($0)/bin" }
        candidates += (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        return candidates.first { fm.isExecutableFile(atPath: "\($0)/initdb") && fm.isExecutableFile(atPath: "\($0)/pg_ctl") }
    }

    public init() throws {
        guard let bin = Self.binaries() else {
            throw Missing(description: "PostgreSQL's initdb and pg_ctl were not found (looked in $PARTYDESK_PG_BIN, /usr/lib/postgresql/*/bin, PATH). "
                          + "Install them: apt-get install -y postgresql (.ci/run does; it brings libpq5 too), or set PARTYDESK_SKIP_POSTGRES=1 to skip these tests.")
        }
        self.bin = bin
        runAs = geteuid() == 0 ? "postgres" : nil
        // A short path: a Unix socket's path must stay under 108 bytes.
        var template = Array("/tmp/pdpg.XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw Missing(description: "mkdtemp failed") }
        directory = String(cString: made)
        if let user = runAs {
            guard let pw = getpwnam(user) else {
                throw Missing(description: "running as root, and there is no \(user) user to run initdb as (apt-get install -y postgresql makes it)")
            }
            chown(directory, pw.pointee.pw_uid, pw.pointee.pw_gid)
        }
        uri = "postgresql://partydesk@/postgres?host=\(directory)"
        try run("initdb", ["-D", "\(directory)/data", "-A", "trust", "-U", "partydesk", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"])
        try start()
    }

    private var stopped = false

    /// The server restarted under its clients (`pg_ctl restart -m fast`: their connections are cut).
    public func restart() throws {
        try run("pg_ctl", ["-D", "\(directory)/data", "-m", "fast", "-w", "restart"])
    }

    /// The server stopped, its directory kept (`start()` brings it back).
    public func halt() throws { try run("pg_ctl", ["-D", "\(directory)/data", "-m", "fast", "-w", "stop"]) }

    public func start() throws {
        try run("pg_ctl", ["-D", "\(directory)/data", "-o", "-k \(directory) -c listen_addresses='' -c fsync=off", "-l", "\(directory)/log", "-w", "start"])
    }

    /// Stops the server (fast: open connections are cut) and removes its directory. Once: a test's
    /// `defer` and the deinit both call it.
    public func stop() {
        guard !stopped else { return }
        stopped = true
        _ = try? run("pg_ctl", ["-D", "\(directory)/data", "-m", "fast", "-w", "stop"])
        try? FileManager.default.removeItem(atPath: directory)
    }

    deinit { stop() }

    /// Runs a PostgreSQL tool through the shell (`system`, which waits for it): Foundation's Process
    /// did not see `runuser` end once `pg_ctl` had left the server running.
    @discardableResult
    func run(_ tool: String, _ arguments: [String]) throws -> String {
        func quoted(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        let command = (runAs.map { ["/usr/sbin/runuser", "-u", $0, "--"] } ?? []) + ["\(bin)/\(tool)"] + arguments
        let outputPath = "\(directory).\(tool).out"
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        // The tool (and the server pg_ctl leaves running) inherits none of this process's descriptors
        // but the three: a server holding another test's pipe open would keep that test from ever
        // reading its end (the tests run side by side; a descriptor made by Foundation is inherited).
        let closeInherited = #"for fd in /proc/$$/fd/*; do n=${fd##*/}; if [ "$n" -gt 2 ]; then eval "exec $n>&-"; fi; done 2>/dev/null; "#
        let script = closeInherited + "cd \(quoted(directory)) && " + command.map(quoted).joined(separator: " ") + " < /dev/null > \(quoted(outputPath)) 2>&1"
        let status = system("/bin/bash -c " + quoted(script))
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        guard status == 0 else { throw Missing(description: "\(tool) failed (\(status)): \(text)") }
        return text
    }
}

extension ThrowawayPostgres {
    /// The same server as another login role (the throwaway server trusts local logins by name).
    public func uri(as role: String) -> String {
        uri.replacingOccurrences(of: "postgresql://partydesk@", with: "postgresql://\(role)@")
    }

    /// The demo written by `partydesk demo` into `dir` and pushed into this server by `partydesk db
    /// push`, as an office would; true when both commands succeeded.
    public func pushDemo(into dir: String) throws -> Bool {
        try runProduct("partydesk", ["demo", dir, "--as-of", "2026-11-21"]).status == 0
            && runProduct("partydesk", ["db", "push", "--data", dir, uri]).status == 0
    }
}
