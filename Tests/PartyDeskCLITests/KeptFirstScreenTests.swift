import Foundation
import Testing
import TestSupport
@testable import PartyModel
@testable import PartyStore

/// The first screen a session keeps is shown by the next one only while no file has changed since:
/// on a college (about a second to read in a debug build) a doctored kept screen is seen while the
/// files are read when they are as they were, and never once a file has changed.
@Suite(.serialized, .enabled(if: hasTmux(), "needs tmux"))
final class KeptFirstScreenTests {
    let tmp = TempDirectory("kept")
    let dir: String
    var folder: String { tmp.sub(".cache/partydesk") }

    init() throws {
        dir = tmp.sub("college")
        let made = try runProduct("partydesk", ["generate", dir, "--preset", "college", "--seed", "1"])
        #expect(made.status == 0, "\(made.stderr)")
    }

    deinit { tmp.cleanup() }

    func session() throws -> Tmux {
        let command = "env TERM=tmux-256color LANG=C.UTF-8 HOME=\(tmp.path) \(productsDirectory)/partydesk --data \(dir) --as-of 2026-11-21; echo ENDED; sleep 60"
        return try Tmux(width: 100, height: 30, command: "bash --norc --noprofile -c '\(command)'")
    }

    /// The kept file's entries, with every alert count set to 99999 (a figure no real screen shows).
    func doctorKeptScreens() throws { try TestSupport.doctorKeptScreens(inFolder: folder) }

    /// Whether "99999" shows at any moment of the first three seconds of a session.
    func doctoredFigureShows() throws -> Bool {
        let tmux = try session()
        var seen = false
        let deadline = Date().addingTimeInterval(3)
        while Date() < deadline && !seen {
            seen = try tmux.screen().joined().contains("99999")
            usleep(20_000)
        }
        try tmux.wait(for: "加载 ")                          // read in full
        try tmux.keys("q")
        try tmux.wait(for: "ENDED")
        return seen
    }

    @Test func aKeptScreenIsShownOnlyWhileNoFileHasChanged() throws {
        usleep(2_100_000)   // the generated files settle (a file changed in the last 2 s gives no fingerprint)
        let first = try session()
        let deadline = Date().addingTimeInterval(30)
        while ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).isEmpty && Date() < deadline { usleep(100_000) }
        try first.wait(for: "加载 ")
        usleep(500_000)
        try first.keys("q")
        try first.wait(for: "ENDED")

        // The files as they were: the kept (doctored) screen shows while the files are read.
        try doctorKeptScreens()
        #expect(try doctoredFigureShows(), "the kept screen never showed: this test could not tell the two cases apart")

        // A file changed since (an activity recorded by another program): the kept screen is never shown.
        try doctorKeptScreens()
        let branch = try WorkspaceStore(directory: dir).load().workspace.organisation.branches[0].id
        let added = try runProduct("partydesk", ["add-activity", "--data", dir, "--branch", branch, "--kind", "talk",
                                                 "--date", "2026-11-20", "--title", "谈心谈话"])
        #expect(added.status == 0, "\(added.stderr)")
        usleep(2_100_000)
        #expect(try !doctoredFigureShows(), "a kept screen was shown for files that had changed since")
    }
}
