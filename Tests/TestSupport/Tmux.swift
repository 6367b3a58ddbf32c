import Foundation
import Testing

/// A tmux server of its own (private socket, no user config) running one program, for end-to-end
/// tests of the real binary: type keys, read the screen back.
public final class Tmux {
    public let socket: String
    public let session = "pd"

    public init(width: Int, height: Int, command: String) throws {
        socket = "pdtest-\(getpid())-\(UUID().uuidString.prefix(6))"
        try run(["new-session", "-d", "-s", session, "-x", String(width), "-y", String(height), command], capture: false)
    }

    deinit { _ = try? run(["kill-server"]) }

    /// Runs a tmux command with posix_spawn and waitpid. (Foundation's Process left the client that
    /// starts the tmux server unreaped here and hung; output goes through a file, never a pipe the
    /// daemonised server could hold open.)
    @discardableResult
    func run(_ args: [String], capture: Bool = true) throws -> String {
        let outPath = NSTemporaryDirectory() + "tmux-out-\(getpid())-\(UUID().uuidString.prefix(8))"
        defer { unlink(outPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, capture ? outPath : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ["tmux", "-u", "-L", socket, "-f", "/dev/null"] + args
        // No XDG_* or PARTYDESK_DATA from the caller: the program in the pane gets them only from
        // its own command line (`env HOME=… XDG_CONFIG_HOME=… partydesk …`).
        var env = productEnvironment()
        env["TMUX"] = nil
        env["LANG"] = "C.UTF-8"
        // Fixed LINES/COLUMNS would pin the program's idea of the size.
        env["LINES"] = nil
        env["COLUMNS"] = nil
        let envp = env.map { "\($0.key)=\($0.value)" }
        // A clean signal state: the test runner's threads block signals, and a spawned child would
        // inherit that mask (tmux and the dashboard would then never see SIGWINCH or SIGTERM).
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t(), all = sigset_t()
        sigemptyset(&empty)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let cArgs = argv.map { strdup($0) } + [nil]
        let cEnv = envp.map { strdup($0) } + [nil]
        defer { cArgs.forEach { free($0) }; cEnv.forEach { free($0) } }
        let result = posix_spawnp(&pid, "tmux", &actions, &attributes, cArgs, cEnv)
        guard result == 0 else { throw NSError(domain: "tmux", code: Int(result)) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        guard capture else { return "" }
        return (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
    }

    /// Named keys (Enter, Escape, Up, BTab, …) as tmux knows them.
    public func keys(_ keys: String...) throws { try run(["send-keys", "-t", session] + keys) }

    /// Text typed literally (Chinese included).
    public func type(_ text: String) throws { try run(["send-keys", "-t", session, "-l", text]) }

    public func screen() throws -> [String] {
        try run(["capture-pane", "-p", "-t", session]).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// The screen with its attributes as tmux sends them (`capture-pane -e`): the only escape
    /// sequences in it are tmux's own SGR, unless something drew others.
    public func screenWithEscapes() throws -> String {
        try run(["capture-pane", "-p", "-e", "-t", session])
    }

    /// Any other tmux command on this server (its output).
    @discardableResult
    public func command(_ args: String...) throws -> String { try run(args) }

    public func display(_ format: String) throws -> String {
        try run(["display-message", "-p", "-t", session, format]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    public func resize(width: Int, height: Int) throws {
        try run(["resize-window", "-t", session, "-x", String(width), "-y", String(height)])
    }

    /// Polls the screen until `predicate` holds or `seconds` pass; returns the last screen. A wait
    /// that runs out is a failed expectation where it was called (a wait is a claim about the screen):
    /// pass `expected: false` only to look for something that may rightly never come.
    @discardableResult
    public func wait(seconds: Double = 5, expected: Bool = true, sourceLocation: SourceLocation = #_sourceLocation,
                     until predicate: ([String]) -> Bool) throws -> [String] {
        let deadline = Date().addingTimeInterval(seconds)
        var last = try screen()
        while !predicate(last) && Date() < deadline {
            usleep(50_000)
            last = try screen()
        }
        if expected && !predicate(last) {
            Issue.record("waited \(seconds) s in vain; the screen:\n\(last.joined(separator: "\n"))", sourceLocation: sourceLocation)
        }
        return last
    }

    @discardableResult
    public func wait(for text: String, seconds: Double = 5, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String] {
        try wait(seconds: seconds, sourceLocation: sourceLocation) { $0.joined(separator: "\n").contains(text) }
    }
}

/// Whether tmux is installed.
public func hasTmux() -> Bool {
    FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") || FileManager.default.isExecutableFile(atPath: "/usr/local/bin/tmux")
}
