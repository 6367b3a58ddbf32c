import Testing
@testable import PartyTUI

/// `Canvas.changes`: what a backend writes to move the screen from one frame to the next.
@Suite struct CanvasDiffTests {
    func frame(_ lines: [(String, Int, StyleRole)], width: Int = 20, height: Int = 3) -> Canvas {
        var c = Canvas(width: width, height: height)
        for (y, (text, x, role)) in lines.enumerated() { c.put(text, x: x, y: y, role: role) }
        return c
    }

    @Test func noPreviousFrameOrAnotherSizeWritesEverything() {
        let c = frame([("abc", 0, .text)])
        let runs = c.changes(since: nil)
        #expect(runs.count == 3 && runs.allSatisfy { $0.width == 20 })          // one run a row, one role
        #expect(c.changes(since: Canvas(width: 21, height: 3)).reduce(0) { $0 + $1.width } == 60)
    }

    @Test func equalFramesWriteNothingAndOneCellWritesOneCell() {
        let a = frame([("abc", 0, .text), ("Q4 80%", 2, .text)])
        #expect(a.changes(since: a).isEmpty)
        let b = frame([("abc", 0, .text), ("Q4 90%", 2, .text)])
        #expect(b.changes(since: a) == [CanvasRun(x: 5, y: 1, role: .text, cells: [Cell(text: "9", width: 1, role: .text)])])
        // A role change alone is a change.
        let c = frame([("abc", 0, .selected), ("Q4 90%", 2, .text)])
        let runs = c.changes(since: b)
        #expect(runs.count == 1 && runs[0].y == 0 && runs[0].x == 0 && runs[0].role == .selected)
        #expect(runs[0].cells.map(\.text) == ["a", "b", "c"])
        // Runs split where the role changes.
        var d = b
        d.put("ab", x: 0, y: 2, role: .selected)
        d.put("cd", x: 2, y: 2, role: .bad)
        #expect(d.changes(since: b).map { "\($0.x)\($0.role)" } == ["0selected", "2bad"])
    }

    @Test func aRowWhoseWideGlyphsChangeIsWrittenWhole() {
        let a = frame([("党支部", 0, .text), ("x", 0, .text)])
        let b = frame([("党总支", 0, .text), ("x", 0, .text)])
        let runs = b.changes(since: a)
        #expect(runs.count == 1 && runs[0].y == 0 && runs[0].x == 0 && runs[0].width == 20)
        // Continuation cells are not in the run: the terminal moves past a wide glyph by itself.
        #expect(runs[0].cells.prefix(3).map(\.text) == ["党", "总", "支"])
        // A narrow glyph over half of a wide one: the whole row again.
        let c = frame([("党a支部", 0, .text), ("x", 0, .text)])
        #expect(c.changes(since: a).map(\.y) == [0])
    }
}
