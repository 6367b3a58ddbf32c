import Foundation
import PartyModel
import PartyTUI

/// Finds a theme: a file given by path; else by name in the user's `$XDG_CONFIG_HOME/partydesk/themes`,
/// then in `share/partydesk/themes` beside an installed executable (for themes an administrator adds
/// for every user), then among the themes built into the binary (`BuiltInThemes`, generated from
/// `Themes/`), so a copied binary keeps `default`, `light`, `high-contrast` and `mono`.
public enum ThemeLoader {
    public static func directories(environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        var dirs: [String] = []
        let home = environment["HOME"] ?? NSHomeDirectory()
        let config = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? "\(home)/.config"
        dirs.append("\(config)/partydesk/themes")
        if let exe = Bundle.main.executableURL?.resolvingSymlinksInPath() {
            dirs.append(exe.deletingLastPathComponent().appendingPathComponent("../share/partydesk/themes").standardized.path)
        }
        return dirs
    }

    /// Where a theme's text comes from: the file it was read from, or nil for a built-in one.
    static func source(of name: String) -> (text: String, path: String?)? {
        let isPath = name.contains("/") || name.hasSuffix(".theme")
        let candidates = isPath ? [name] : directories().map { "\($0)/\(name).theme" }
        for path in candidates {
            if let data = FileManager.default.contents(atPath: path) { return (String(decoding: data, as: UTF8.self), path) }
        }
        return isPath ? nil : BuiltInThemes.texts[name].map { ($0, nil) }
    }

    /// The theme by name or path; a broken or missing one falls back to `default` with a message
    /// naming the file and line.
    public static func load(_ request: String?, lang: Language) -> (Theme, message: String?) {
        let name = request ?? "default"
        /// `default` as the user has it, else as built in (a broken user `default` falls back to the built-in one).
        func fallback() -> Theme {
            if name != "default" { return load(nil, lang: lang).0 }
            return BuiltInThemes.texts["default"].flatMap { try? Theme.parse($0, fallbackName: "default") } ?? Theme.builtIn
        }
        guard let found = source(of: name) else {
            return (fallback(), lang.pick("找不到主题 \(name), 使用默认主题", "theme \(name) not found; using the default"))
        }
        do {
            return (try Theme.parse(found.text, fallbackName: name), nil)
        } catch {
            let file = found.path.map { ($0 as NSString).lastPathComponent } ?? "\(name).theme"
            return (fallback(), lang.pick("主题 \(file) 第 \(error.line) 行: \(error.message(lang)); 已改用默认主题",
                                          "theme \(file) line \(error.line): \(error.message(lang)); using the default"))
        }
    }
}
