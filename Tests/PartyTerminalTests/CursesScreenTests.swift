import Foundation
import Testing
import PartyTUI
@testable import PartyTerminal

/// The ncurses backend writes exactly the cells it is given (`Canvas.changes`) to a terminal — here
/// a file standing in for one — and nothing else. ncurses' state is global: one test at a time.
@Suite(.serialized) struct CursesScreenTests {
    @Test func aSecondFrameWritesOnlyTheChangedCell() throws {
        let path = NSTemporaryDirectory() + "pd-curses-\(getpid())-\(UUID().uuidString.prefix(6)).out"
        defer { unlink(path) }
        let file = try #require(fopen(path, "w"))
        let screen = CursesScreen(theme: Theme.builtIn, noColor: true, output: (file, "xterm", 40, 5))
        defer { screen.shutdown(); fclose(file) }
        var canvas = Canvas(width: 40, height: 5)
        canvas.put("第一党支部 三会一课 100%", x: 1, y: 1, role: .text)
        canvas.put("Q4 80%", x: 1, y: 3, role: .text)
        let first = screen.draw(canvas)
        fflush(file)
        #expect(first == 40 * 5)                           // the first frame is written whole
        let before = ftell(file)
        canvas.put("9", x: 4, y: 3, role: .text)          // 80% → 90%
        #expect(screen.draw(canvas) == 1)
        fflush(file)
        let written = try #require(FileManager.default.contents(atPath: path)).dropFirst(before)
        let text = String(decoding: written, as: UTF8.self)
        #expect(text.contains("9") && !text.contains("三会一课") && !text.contains("8"), "\(Array(written))")
        #expect(written.count < 24, "\(written.count) bytes for one cell")
        #expect(screen.draw(canvas) == 0)                  // nothing changed, nothing written
    }

    /// What ncurses would measure otherwise than the canvas (emoji joined by ZWJ, VS16) is drawn
    /// simplified to the cell's width; everything else is written as it is.
    @Test func glyphsNcursesWouldMeasureOtherwiseAreSimplified() {
        func drawn(_ text: String, width: Int8) -> [UInt32] {
            var out: [wchar_t] = []
            CursesScreen.appendDrawn(Cell(text: text, width: width, role: .text), to: &out)
            return out.map { UInt32(bitPattern: $0) }
        }
        #expect(drawn("👨‍👩‍👧", width: 2) == [0x1F468])
        #expect(drawn("❤️", width: 2) == [0x2764, 0x20])
        #expect(drawn("🇨🇳", width: 2) == [0x1F1E8, 0x1F1F3])     // two narrow scalars: already 2
        #expect(drawn("党", width: 2) == [0x515A])
        #expect(drawn("e\u{301}", width: 1) == [0x65, 0x301])
    }
}
