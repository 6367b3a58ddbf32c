import Testing
import PartyModel
@testable import PartyTUI

/// Names that would drive a terminal, drawn into the canvas: every control shows visibly with the
/// width it takes, nothing cuts a row, and a framed row keeps its right border.
@Suite struct HostileTextCanvasTests {
    static let hostile = [
        "A\u{1B}]52;c;aGVsbG8=\u{07}\u{1B}]0;PWNED\u{07}\u{1B}[2J",
        "铃\u{07}空\u{0}中\u{9B}31m尾",
        "第一行\n第二行\r\n\t缩进",
        "支部\u{202E}cba\u{2066}隔\u{2069}",
        "家庭👨‍👩‍👧旗🇨🇳心❤️键1️⃣",
    ]

    @Test func controlsAndEmojiHaveTheWidthTheyAreDrawnWith() {
        #expect(DisplayWidth.of("\u{1B}") == 2)            // ^[
        #expect(DisplayWidth.of("\u{0}") == 2)             // ^@
        #expect(DisplayWidth.of("\u{9B}") == 8)            // <U+009B>
        #expect(DisplayWidth.of("\u{202E}") == 8)
        #expect(DisplayWidth.of("\r\n") == 4)              // one grapheme, two stand-ins
        #expect(DisplayWidth.of("👨‍👩‍👧") == 2)                // ZWJ sequence: one glyph
        #expect(DisplayWidth.of("🇨🇳") == 2)               // regional-indicator flag
        #expect(DisplayWidth.of("❤️") == 2)                 // emoji presentation selector
        #expect(DisplayWidth.of("1️⃣") == 2)                 // keycap
        for text in Self.hostile {
            #expect(DisplayWidth.of(text) == DisplayWidth.of(TerminalText.visible(text)), "\(TerminalText.visible(text))")
        }
    }

    @Test func noCellHoldsAControlAndEveryBorderStays() {
        for width in [20, 31, 47, 80] {
            var canvas = Canvas(width: width, height: Self.hostile.count + 2)
            canvas.box(x: 0, y: 0, width: width, height: Self.hostile.count + 2, role: .border)
            for (i, name) in Self.hostile.enumerated() {
                canvas.put(name, x: 1, y: i + 1, role: .text, maxWidth: width - 2)
                canvas.put("|", x: width - 1, y: i + 1, role: .border)
            }
            for y in 0..<canvas.height {
                var columns = 0
                for x in 0..<width {
                    let cell = canvas[x: x, y: y]
                    #expect(!TerminalText.needsEscaping(cell.text), "row \(y) col \(x): \(cell.text.unicodeScalars.map { $0.value })")
                    columns += Int(cell.width)
                }
                #expect(columns == width, "row \(y) at width \(width) spans \(columns) columns")
                #expect(canvas[x: width - 1, y: y].text == (y == 0 || y == canvas.height - 1 ? "+" : "|"))
            }
        }
    }

    @Test func aCutNameNeverEndsInsideAnEscapeAndALineBreakDoesNotCutTheRow() {
        var canvas = Canvas(width: 40, height: 1)
        canvas.put(Self.hostile[0], x: 0, y: 0, role: .text, maxWidth: 12)
        #expect(canvas.row(0).hasPrefix("A^[]52;c;a.."))
        canvas = Canvas(width: 40, height: 1)
        canvas.put("前\n后\u{0}尾", x: 0, y: 0, role: .text)
        #expect(canvas.row(0).hasPrefix("前^J后^@尾"))
    }

    @Test func aTextTableShowsControlsAndStaysAligned() {
        let table = TextTable(columns: [.init("支部"), .init("得分", .right)],
                              rows: [[Self.hostile[0], "1.00"], ["二\n支部", "2.00"]])
        let lines = table.render().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.count == 4)
        #expect(lines.allSatisfy { !TerminalText.needsEscaping($0) })
        #expect(lines[3].hasPrefix("二^J支部"))
        #expect(Set(lines.map { DisplayWidth.of($0) }).count == 1)
    }
}

@Suite struct HostileFormInputTests {
    @Test func aFormFieldRefusesAPastedControlCharacter() {
        let pasted = FormField(key: "title", label: "标题", kind: .text, required: true, value: "党课\u{202E}txet")
        #expect(FieldCheck.check(pasted, .zh)?.contains("<U+202E> (U+202E)") == true)
        #expect(FieldCheck.check(pasted, .en)?.contains("control character") == true)
        let date = FormField(key: "date", label: "日期", kind: .date, required: true, value: "2026-03-05\u{1B}")
        #expect(FieldCheck.check(date, .zh)?.contains("^[") == true)
        #expect(FieldCheck.check(FormField(key: "title", label: "标题", kind: .text, required: true, value: "党课"), .zh) == nil)
    }
}
