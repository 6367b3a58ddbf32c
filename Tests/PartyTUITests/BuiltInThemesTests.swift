import Foundation
import Testing
import PartyTUI

/// The themes built into the binary are exactly the files in `Themes/` (the editable source), so
/// they cannot drift: after editing a theme, `swift Scripts/generate-builtin-themes.swift`.
@Suite struct BuiltInThemesTests {
    static let themesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Themes").path
    static let regenerate = "run `swift Scripts/generate-builtin-themes.swift` in the package folder"

    @Test func everyThemeFileIsBuiltIn() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.themesDirectory)
            .filter { $0.hasSuffix(".theme") }.map { String($0.dropLast(".theme".count)) }
        #expect(Set(files) == Set(BuiltInThemes.texts.keys), "Themes/ and the built-in themes differ: \(Self.regenerate)")
        #expect(Set(["default", "light", "high-contrast", "mono"]).isSubset(of: BuiltInThemes.texts.keys))
    }

    @Test(arguments: ["default", "light", "high-contrast", "mono"])
    func builtInCopyEqualsTheFileByteForByte(name: String) throws {
        let file = try #require(FileManager.default.contents(atPath: "\(Self.themesDirectory)/\(name).theme"))
        let builtIn = try #require(BuiltInThemes.texts[name], "\(name) is not built in: \(Self.regenerate)")
        let (a, b) = (Array(builtIn.utf8), Array(file))
        let firstDifference = a.indices.first { $0 < b.count && a[$0] != b[$0] } ?? (a.count == b.count ? nil : min(a.count, b.count))
        #expect(firstDifference == nil, "the built-in \(name) (\(a.count) bytes) differs from Themes/\(name).theme (\(b.count) bytes) from byte \(firstDifference ?? 0): \(Self.regenerate)")
        // And it is a theme that parses with every role.
        let theme = try Theme.parse(builtIn, fallbackName: name)
        #expect(Set(theme.styles.keys) == Set(StyleRole.allCases))
    }
}
