import Testing
@testable import PartyTUI

@Suite struct CanvasTests {
    @Test func wideGlyphsTakeTwoCells() {
        var c = Canvas(width: 10, height: 1)
        #expect(c.put("党a支部", x: 0, y: 0, role: .text) == 7)
        #expect(c[x: 0, y: 0] == Cell(text: "党", width: 2, role: .text))
        #expect(c[x: 1, y: 0].width == 0)
        #expect(c[x: 2, y: 0].text == "a")
        #expect(c.row(0) == "党a支部   ")
    }

    @Test func overwritingHalfAGlyphBlanksTheOtherHalf() {
        var c = Canvas(width: 6, height: 1)
        c.put("党支部", x: 0, y: 0, role: .text)
        c.put("x", x: 1, y: 0, role: .accent)          // the right half of 党
        #expect(c.row(0) == " x支部")
        c.put("y", x: 2, y: 0, role: .accent)          // the left half of 支
        #expect(c.row(0) == " xy 部")
        #expect(c.lines.allSatisfy { DisplayWidth.of($0) == 6 })
    }

    @Test func aWideGlyphNeverSpillsOffTheEdge() {
        var c = Canvas(width: 5, height: 1)
        c.put("ab党支", x: 0, y: 0, role: .text)          // 6 columns into 5: cut with ".."
        #expect(c.row(0) == "ab.. ")
        var d = Canvas(width: 3, height: 1)
        d.put("党", x: 2, y: 0, role: .text)            // one column left: cut, not spilled
        #expect(d.row(0) == "  .")
        var e = Canvas(width: 3, height: 1)
        e.put("ab党", x: 0, y: 0, role: .text, maxWidth: 10)
        #expect(e.row(0) == "a..")
    }

    @Test func truncationMarksCutText() {
        var c = Canvas(width: 12, height: 1)
        c.put("信息工程系学生党支部", x: 0, y: 0, role: .text, maxWidth: 9)
        #expect(c.row(0).hasPrefix("信息工.."))
        #expect(c.row(0) == "信息工..    ")
    }

    @Test func boxIsASCIIAndClosed() {
        var c = Canvas(width: 8, height: 4)
        c.box(x: 0, y: 0, width: 8, height: 4, role: .border)
        #expect(c.lines == ["+------+", "|      |", "|      |", "+------+"])
    }
}
