import Foundation
import PartyModel
import PartyTUI

/// Finds theme files: the `Themes/` folder shipped with the executable (found from where it runs,
/// so `swift run` and an installed copy both work) and the user's `$XDG_CONFIG_HOME/partydesk/themes`.
public enum ThemeLoader {
    public static func directories(environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        var dirs: [String] = []
        let home = environment["HOME"] ?? NSHomeDirectory()
        let config = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? "\(home)/.config"
        dirs.append("\(config)/partydesk/themes")
        if let exe = Bundle.main.executableURL?.resolvingSymlinksInPath() {
            var dir = exe.deletingLastPathComponent()
            dirs.append(dir.appendingPathComponent("../share/partydesk/themes").standardized.path)
            // Walk up from .build/<triple>/debug to the package's own Themes/.
            for _ in 0..<6 {
                dirs.append(dir.appendingPathComponent("Themes").path)
                dir = dir.deletingLastPathComponent()
            }
        }
        return dirs
    }

    /// The theme by name or path; a broken or missing one falls back to `default` with a message
    /// naming the file and line.
    public static func load(_ request: String?, lang: Language) -> (Theme, message: String?) {
        let name = request ?? "default"
        let path: String? = name.contains("/") || name.hasSuffix(".theme")
            ? name
            : directories().map { "\($0)/\(name).theme" }.first { FileManager.default.fileExists(atPath: $0) }
        guard let path, let data = FileManager.default.contents(atPath: path) else {
            let fallback = name == "default" ? Theme.builtIn : load(nil, lang: lang).0
            return (fallback, lang.pick("找不到主题 \(name), 使用默认主题", "theme \(name) not found; using the default"))
        }
        do {
            return (try Theme.parse(String(decoding: data, as: UTF8.self), fallbackName: name), nil)
        } catch {
            let fallback = name == "default" ? Theme.builtIn : load(nil, lang: lang).0
            let file = (path as NSString).lastPathComponent
            return (fallback, lang.pick("主题 \(file) 第 \(error.line) 行: \(error.message(lang)); 已改用默认主题",
                                        "theme \(file) line \(error.line): \(error.message(lang)); using the default"))
        }
    }
}
