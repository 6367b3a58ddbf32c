import Foundation
import Testing
@testable import PartyTUI

@Suite struct ThemeTests {
    static let themesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Themes").path

    @Test(arguments: ["default", "light", "high-contrast", "mono"])
    func shippedThemesParseAndDefineEveryRole(name: String) throws {
        let text = try String(contentsOfFile: "\(Self.themesDirectory)/\(name).theme", encoding: .utf8)
        let theme = try Theme.parse(text, fallbackName: name)
        #expect(Set(theme.styles.keys) == Set(StyleRole.allCases), "\(name) misses \(Set(StyleRole.allCases).subtracting(theme.styles.keys))")
        // The selection must stand out from plain text in every theme.
        #expect(theme.style(.selected) != theme.style(.text))
    }

    @Test func defaultIsRedAndGoldOnDark() throws {
        let text = try String(contentsOfFile: "\(Self.themesDirectory)/default.theme", encoding: .utf8)
        let theme = try Theme.parse(text, fallbackName: "default")
        #expect(theme.name == "党建红")
        #expect(theme.style(.text).background == RGB(0x1E, 0x12, 0x12))
        #expect(theme.style(.title).foreground == RGB(0xFF, 0xD3, 0x4D) && theme.style(.title).bold)
    }

    @Test func brokenThemesNameTheLine() {
        #expect(throws: Theme.ParseError(line: 3, kind: .badColour("#12345"))) {
            try Theme.parse("text = #FFFFFF\n# comment\ntitle = #12345 bold\n", fallbackName: "x")
        }
        #expect(throws: Theme.ParseError(line: 2, kind: .unknownRole("headline"))) { try Theme.parse("text = #FFFFFF\nheadline = #FFFFFF\n", fallbackName: "x") }
        #expect(throws: Theme.ParseError(line: 1, kind: .unknownWord("blink"))) { try Theme.parse("text = #FFFFFF blink\n", fallbackName: "x") }
        #expect(Theme.ParseError(line: 1, kind: .badColour("#1")).message(.zh) == "颜色 #1 无效, 应为 #RRGGBB 或 default")
        #expect(throws: Theme.ParseError(line: 1, kind: .textMissing)) { try Theme.parse("title = #FFFFFF\n", fallbackName: "x") }
        // '#' in a colour is not a comment; after a colour it is.
        let ok = try? Theme.parse("text = #102030 on #405060 # dark\n", fallbackName: "x")
        #expect(ok?.style(.text) == Style(foreground: RGB(0x10, 0x20, 0x30), background: RGB(0x40, 0x50, 0x60)))
    }

    @Test func coloursFallBackByDepth() {
        let red = RGB(0xC8, 0x37, 0x2D)
        #expect(Palette.index(RGB(255, 0, 0), depth: .twoFiftySix) == 196)
        #expect(Palette.index(RGB(0, 0, 0), depth: .twoFiftySix) == 16)
        #expect(Palette.index(RGB(0x80, 0x80, 0x80), depth: .twoFiftySix) == 244)
        #expect(Palette.index(red, depth: .sixteen) == 1 || Palette.index(red, depth: .sixteen) == 9)
        #expect((0..<8).contains(Palette.index(RGB(0xFF, 0xD3, 0x4D), depth: .eight)))
        #expect(Palette.index(red, depth: .mono) == -1)
        #expect(ColorDepth.detect(colors: 256, hasColors: true, noColor: false) == .twoFiftySix)
        #expect(ColorDepth.detect(colors: 16, hasColors: true, noColor: false) == .sixteen)
        #expect(ColorDepth.detect(colors: 8, hasColors: true, noColor: false) == .eight)
        #expect(ColorDepth.detect(colors: 256, hasColors: true, noColor: true) == .mono)
        #expect(ColorDepth.detect(colors: 0, hasColors: false, noColor: false) == .mono)
    }

    @Test func monochromeKeepsAttributesAndReverseForTheSelection() throws {
        let text = try String(contentsOfFile: "\(Self.themesDirectory)/default.theme", encoding: .utf8)
        let mono = try Theme.parse(text, fallbackName: "default").adapted(to: .mono)
        #expect(mono.style(.selected).reverse)
        #expect(mono.styles.values.allSatisfy { $0.foreground == nil && $0.background == nil })
        #expect(mono.style(.title).bold)
    }
}
