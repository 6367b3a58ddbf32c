import Foundation
import Testing
import TestSupport
import PartyModel
import PartyStore
import PartyPostgres

/// The dashboard on a workspace in PostgreSQL, the real binary in tmux against a real server:
/// another office's commit shows within a second; the server restarted or stopped under it — it
/// says so, goes read-only, reconnects and resumes.
@Suite(.serialized) struct DatabaseDashboardTests {
    func server() throws -> ThrowawayPostgres? {
        guard hasTmux() else { return nil }
        return try ThrowawayPostgres.forTest()
    }

    func addActivity(_ uri: String, title: String) throws {
        let added = try runProduct("partydesk", ["add-activity", "--data", uri, "--branch", "b-enterprise", "--kind", "themedPartyDay",
                                                 "--date", "2026-11-21", "--title", title])
        #expect(added.status == 0, "\(added.stderr)")
    }

    @Test func anotherOfficesChangeShowsWithinASecondAndARestartIsLivedThrough() throws {
        guard let pg = try server() else { return }
        defer { pg.stop() }
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let dir = tmp.sub("demo")
        #expect(try pg.pushDemo(into: dir))

        let command = "env TERM=tmux-256color LANG=C.UTF-8 HOME=\(tmp.path) \(productsDirectory)/partydesk --data '\(pg.uri)' --as-of 2026-11-21; sleep 60"
        let tmux = try Tmux(width: 100, height: 30, command: "bash --norc --noprofile -c \"\(command)\"")
        try tmux.wait(for: "本季度三会一课完成率", seconds: 15)
        try tmux.keys("8")
        try tmux.wait { $0.count > 5 && $0[1].contains("活动 2026年全年") && $0[4].contains("| 2026-") }

        // Another office records an activity: on this screen within a second of its commit.
        try addActivity(pg.uri, title: "远程新增的主题党日")
        let committed = Date()
        let screen = try tmux.wait(seconds: 5) { $0.joined().contains("远程新增的主题党日") }
        let seconds = Date().timeIntervalSince(committed)
        print("another office's change on screen after \(String(format: "%.2f", seconds)) s")
        #expect(seconds <= 1.0, "\(seconds) s")
        #expect(screen.joined().contains("已载入"), "who changed it is said")

        // The server restarted under the dashboard: it says so and goes read-only, then reconnects.
        try pg.restart()
        try tmux.wait(seconds: 10) { $0.joined().contains("已重新连接") || $0.joined().contains("连接中断") }
        try tmux.wait(for: "已重新连接", seconds: 15)
        try addActivity(pg.uri, title: "重启后的主题党日")
        try tmux.wait(for: "重启后的主题党日", seconds: 3)

        // Stopped: cut off and read-only (the status bar says 只读; the editing keys are gone); back when it is.
        try pg.halt()
        try tmux.wait(for: "连接中断", seconds: 10)
        try tmux.keys("a")
        let cut = try tmux.wait { $0.joined().contains("只读") }
        #expect(!cut.joined().contains("新增活动"), "no add form while cut off")
        try pg.start()
        try tmux.wait(for: "已重新连接", seconds: 15)
        try addActivity(pg.uri, title: "恢复后的主题党日")
        try tmux.wait(for: "恢复后的主题党日", seconds: 3)
        try tmux.keys("q")
    }

    /// The wall display on the database, as a display's read-only role: the same screen as on the
    /// files, and again after the same import into both; cut off, it keeps the last figures and says so; back, it reads again.
    @Test func theWallDisplayOnADatabaseWithAReadOnlyRole() throws {
        guard let pg = try server() else { return }
        defer { pg.stop() }
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let dir = tmp.sub("demo")
        #expect(try pg.pushDemo(into: dir))
        #expect(try runProduct("partydesk", ["db", "grant", pg.uri, "wall", "--read-only"]).status == 0)
        let wallURI = pg.uri(as: "wall")

        func display(_ data: String) throws -> Tmux {
            let command = "env TERM=tmux-256color LANG=C.UTF-8 HOME=\(tmp.path) \(productsDirectory)/partydesk display --data '\(data)' --as-of 2026-11-21 --rotate 600; sleep 60"
            let tmux = try Tmux(width: 80, height: 24, command: "bash --norc --noprofile -c \"\(command)\"")
            try tmux.wait(seconds: 15) { $0.joined().contains("数据更新于") }
            return tmux
        }
        let onFiles = try display(dir), onDatabase = try display(wallURI)
        // The same frame but for the clock and the time of the last read (each HH:MM:SS masked: the
        // two are captured a moment apart).
        func masked(_ screen: [String]) -> [String] {
            screen.map { $0.replacingOccurrences(of: "[0-9]{2}:[0-9]{2}(:[0-9]{2})?", with: "hh:mm", options: .regularExpression) }
        }
        let a = try onFiles.screen(), b = try onDatabase.screen()
        #expect(a.count == b.count && masked(a) == masked(b), "\(b.joined(separator: "\n"))")
        #expect(a.joined().contains("党支部: 15"), "\(a.joined(separator: "\n"))")

        // A branch imported into both: each display shows it within a couple of seconds (the database's
        // replayed from the journal), and the two frames are the same again.
        let sheet = tmp.sub("branch.csv")
        try "类型,支部名称,上级组织,领域,正式党员,预备党员,联合党支部,设支委会\n党支部,新建测试党支部,机关党总支,机关,5,0,否,否\n"
            .write(toFile: sheet, atomically: true, encoding: .utf8)
        for data in [dir, pg.uri] {
            let imported = try runProduct("partydesk", ["import", "--what", "branches", sheet, "--data", data, "--as-of", "2026-11-21"])
            #expect(imported.status == 0, "\(imported.stderr)")
        }
        for tmux in [onFiles, onDatabase] { try tmux.wait(for: "党支部: 16", seconds: 5) }
        let a2 = try onFiles.screen(), b2 = try onDatabase.screen()
        #expect(masked(a2) == masked(b2), "\(b2.joined(separator: "\n"))")

        try pg.halt()
        try onDatabase.wait(for: "数据库暂不可用", seconds: 10)
        let cut = try onDatabase.screen()
        func figures(_ screen: [String]) -> [String] { screen.filter { $0.contains("党支部:") || $0.contains("平均得分") || $0.contains("较好") } }
        #expect(figures(cut).count == 3 && figures(cut) == figures(a2), "the last figures stay:\n\(cut.joined(separator: "\n"))")
        try pg.start()
        try onDatabase.wait(seconds: 10) { !$0.joined().contains("数据库暂不可用") }
    }

    /// The first screen a session keeps is shown by the next while the database is read: as it is
    /// while nothing was committed since; after commits, said to be behind by how many; never once
    /// the database is read (a generated college, seconds to read in a debug build, its kept screen
    /// doctored to show an alert count no real screen has).
    @Test func aKeptFirstScreenWhileReadingUntilSomethingIsCommitted() throws {
        guard let pg = try server() else { return }
        defer { pg.stop() }
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let dir = tmp.sub("college")
        #expect(try runProduct("partydesk", ["generate", dir, "--preset", "college", "--seed", "1"]).status == 0)
        #expect(try runProduct("partydesk", ["db", "push", "--data", dir, pg.uri]).status == 0)
        func session() throws -> Tmux {
            let command = "env TERM=tmux-256color LANG=C.UTF-8 HOME=\(tmp.path) \(productsDirectory)/partydesk --data '\(pg.uri)' --as-of 2026-11-21; echo ENDED; sleep 60"
            return try Tmux(width: 100, height: 30, command: "bash --norc --noprofile -c \"\(command)\"")
        }
        /// The screen while the doctored figure shows (nil: it never did), and that it is gone once read.
        func doctoredFigureShows() throws -> String? {
            let tmux = try session()
            var seen: String? = nil
            let deadline = Date().addingTimeInterval(5)
            while Date() < deadline && seen == nil {
                let text = try tmux.screen().joined(separator: "\n")
                if text.contains("99999") { seen = text }
                usleep(20_000)
            }
            try tmux.wait(for: "加载 ", seconds: 30)
            #expect(try !tmux.screen().joined().contains("99999"), "the database read: its own figures")
            try tmux.keys("q")
            try tmux.wait(for: "ENDED")
            return seen
        }
        // A first session keeps its screen.
        let first = try session()
        try first.wait(for: "加载 ", seconds: 30)
        try first.keys("q")
        try first.wait(for: "ENDED")
        try doctorKeptScreens(inFolder: tmp.sub(".cache/partydesk"))
        let unchanged = try doctoredFigureShows()
        #expect(unchanged?.contains("正在读取…") == true && unchanged?.contains("之后") == false,
                "nothing committed since: the kept screen is shown as it is while reading\n\(unchanged ?? "")")
        for title in ["主题党日", "主题党日 二"] {
            let added = try runProduct("partydesk", ["add-activity", "--data", pg.uri, "--branch", "g1-b1", "--kind", "themedPartyDay",
                                                     "--date", "2026-11-20", "--title", title])
            #expect(added.status == 0, "\(added.stderr)")
        }
        try doctorKeptScreens(inFolder: tmp.sub(".cache/partydesk"))
        let behind = try doctoredFigureShows()
        #expect(behind?.contains("之后有 2 处修改") == true && behind?.contains("正在读取最新数据") == true,
                "two commits since: the kept screen, said to be two changes behind\n\(behind ?? "")")
        // That session kept the screen of the data as it is now: the next opens on it as it is.
        try doctorKeptScreens(inFolder: tmp.sub(".cache/partydesk"))
        let caughtUp = try doctoredFigureShows()
        #expect(caughtUp?.contains("之后") == false, "\(caughtUp ?? "")")
    }
}
