import Testing
@testable import PartyTUI

@Suite struct DisplayWidthTests {
    @Test func widths() {
        #expect(DisplayWidth.of("abc") == 3)
        #expect(DisplayWidth.of("党支部") == 6)
        #expect(DisplayWidth.of("三会一课 ok") == 11)
        #expect(DisplayWidth.of("，。！") == 6)           // fullwidth punctuation
        #expect(DisplayWidth.of("ＡＢ") == 4)             // fullwidth Latin
        #expect(DisplayWidth.of("e\u{301}") == 1)         // e + combining acute: one grapheme, one cell
        #expect(DisplayWidth.of("한글") == 4)
        #expect(DisplayWidth.of("𠀀") == 2)               // CJK extension B
        #expect(DisplayWidth.of("—…·") == 3)              // ambiguous: counted narrow, kept out of columns
    }

    @Test func truncationKeepsWholeGraphemesAndFitsTheWidth() {
        #expect(DisplayWidth.truncate("信息工程系学生党支部", to: 10) == "信息工程..")
        #expect(DisplayWidth.truncate("信息工程系学生党支部", to: 9) == "信息工..")   // a wide glyph never split
        #expect(DisplayWidth.truncate("short", to: 10) == "short")
        #expect(DisplayWidth.truncate("abcdef", to: 1) == ".")
        for width in 0...12 {
            #expect(DisplayWidth.of(DisplayWidth.truncate("基础教学部教工党支部abc", to: width)) <= width)
        }
        #expect(DisplayWidth.pad("党课", to: 6) == "党课  ")
        #expect(DisplayWidth.pad("党课", to: 6, alignRight: true) == "  党课")
    }

    @Test func tableColumnsAlignByDisplayWidth() {
        let table = TextTable(columns: [.init("支部"), .init("得分", .right)],
                              rows: [["党政办公室党支部", "94.78"], ["ab", "5.00"]])
        let lines = table.render().split(separator: "\n").map(String.init)
        #expect(lines == ["支部               得分", "----------------  -----", "党政办公室党支部  94.78", "ab                 5.00"])
        #expect(Set(lines.map { DisplayWidth.of($0) }) == [23])
    }
}
