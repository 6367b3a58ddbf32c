import Foundation
import Testing
import TestSupport
@testable import PartyModel
@testable import PartyStore
import PartyTUI

/// What an installed copy of the binary relies on: its themes are inside it, a user's theme is
/// found by name in `$XDG_CONFIG_HOME/partydesk/themes`.
@Suite(.serialized, .enabled(if: hasTmux(), "needs tmux"))
final class InstallTests {
    let tmp = TempDirectory("install")
    let dir: String

    init() throws {
        dir = tmp.sub("demo")
        try WorkspaceStore(directory: dir).create(DemoWorkspace.make(asOf: testAsOf))
    }

    deinit { tmp.cleanup() }

    /// The dashboard of `binary` in tmux with `--theme`, its environment given in full on the command line.
    func dashboard(_ binary: String, theme: String, environment: String) throws -> Tmux {
        // `swift test` sets NO_COLOR for the tests it runs; the colours are what is checked here.
        let command = "env -u NO_COLOR TERM=tmux-256color LANG=C.UTF-8 HOME=\(tmp.path) \(environment) \(binary) --data \(dir) --as-of 2026-11-21 --read-only --theme \(theme); "
            + "echo PARTYDESK-ENDED; sleep 60"
        let tmux = try Tmux(width: 80, height: 24, command: "bash --norc --noprofile -c '\(command)'")
        try tmux.wait(for: "本季度三会一课完成率")
        return tmux
    }

    /// The 256-colour SGR parameters tmux gives a foreground on a background.
    func sgr(_ fg: Int, on bg: Int) -> [String] { ["38;5;\(fg)", "48;5;\(bg)"] }

    @Test func aThemeInTheUsersConfigFolderIsFoundByName() throws {
        let config = tmp.sub("config")
        try FileManager.default.createDirectory(atPath: "\(config)/partydesk/themes", withIntermediateDirectories: true)
        // Colours no shipped theme uses: #5FAF00 is 70 in the 256-colour cube, #000087 is 18.
        try "name = 办公室\ntext = #5FAF00 on #000087\n".write(toFile: "\(config)/partydesk/themes/office.theme", atomically: true, encoding: .utf8)
        let tmux = try dashboard("\(productsDirectory)/partydesk", theme: "office", environment: "XDG_CONFIG_HOME=\(config)")
        let raw = try tmux.screenWithEscapes(), screen = try tmux.screen()
        #expect(!screen.joined().contains("主题"), "a theme message: \(screen.last { !$0.isEmpty } ?? "")")
        #expect(sgr(70, on: 18).allSatisfy { raw.contains($0) }, "the theme's colours are not on the screen: \(raw.prefix(200).debugDescription)")
        try tmux.keys("q")
        try tmux.wait(for: "PARTYDESK-ENDED")

        // Without that folder the same name is not found, and the message says so.
        let missing = try dashboard("\(productsDirectory)/partydesk", theme: "office", environment: "XDG_CONFIG_HOME=\(tmp.sub("nothing"))")
        #expect(try missing.wait(for: "找不到主题 office").joined().contains("找不到主题 office"))
        #expect(!(try missing.screenWithEscapes().contains("38;5;70")))
        try missing.keys("q")
        try missing.wait(for: "PARTYDESK-ENDED")
    }

    /// A copy of the binary far from the package's Themes/, and no user themes: every shipped theme
    /// is still there, with its colours.
    @Test func aCopiedBinaryKeepsItsThemes() throws {
        let bin = tmp.sub("office-machine/bin")
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        // Copied by cp, not by this process: a child another test forks while this process holds the
        // copy open for writing inherits that descriptor, and the copy then fails to start ("Text file busy").
        let cp = Process()
        cp.executableURL = URL(fileURLWithPath: "/bin/cp")
        cp.arguments = ["\(productsDirectory)/partydesk", "\(bin)/partydesk"]
        try cp.run()
        cp.waitUntilExit()
        #expect(cp.terminationStatus == 0)
        for name in ["default", "light", "high-contrast", "mono"] {
            let tmux = try dashboard("\(bin)/partydesk", theme: name, environment: "XDG_CONFIG_HOME=\(tmp.sub("nothing"))")
            let screen = try tmux.screen()
            #expect(!screen.joined().contains("主题"), "\(name): \(screen.last { !$0.isEmpty } ?? "")")
            // Its text colour as the file gives it.
            let theme = try Theme.parse(try #require(BuiltInThemes.texts[name]), fallbackName: name)
            if let fg = theme.style(.text).foreground {
                #expect(try tmux.screenWithEscapes().contains("38;5;\(Palette.index(fg, depth: .twoFiftySix))"), "\(name): not its colours")
            }
            try tmux.keys("q")
            try tmux.wait(for: "PARTYDESK-ENDED")
        }
    }
}
