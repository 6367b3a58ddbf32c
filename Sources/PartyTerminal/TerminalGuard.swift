import CNCursesW
import Foundation

/// Puts the terminal back (normal screen, cursor, echo, cooked mode) on quit, on SIGINT, SIGTERM,
/// SIGHUP, and on a crash (SIGILL from a Swift trap, SIGSEGV, SIGABRT, SIGBUS) before anything is printed.
public enum TerminalGuard {
    nonisolated(unsafe) static var active = false

    public static func install() {
        active = true
        // A parent may have left these blocked; the dashboard must see resizes and stop requests.
        var wanted = sigset_t()
        sigemptyset(&wanted)
        for sig in [SIGWINCH, SIGINT, SIGTERM, SIGHUP, SIGILL, SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGTRAP] { sigaddset(&wanted, sig) }
        sigprocmask(SIG_UNBLOCK, &wanted, nil)
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            signal(sig) { sig in
                TerminalGuard.restore()
                _exit(128 + sig)
            }
        }
        for sig in [SIGILL, SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGTRAP] {
            signal(sig) { sig in
                TerminalGuard.restore()
                let message = "partydesk: stopped by signal \(sig); the terminal was restored.\n"
                message.withCString { _ = write(2, $0, strlen($0)) }
                // Die of the same signal so the shell and core dumps see the real cause.
                signal(sig, SIG_DFL)
                raise(sig)
            }
        }
    }

    public static func restore() {
        guard active else { return }
        active = false
        curs_set(1)
        endwin()
    }
}
