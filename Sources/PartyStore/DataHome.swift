import Foundation

/// Where workspaces live: `--data DIR`, else `$PARTYDESK_DATA`, else `$XDG_DATA_HOME/partydesk`
/// (default `~/.local/share/partydesk`).
public struct DataLocation: Equatable, Sendable {
    public var directory: String
    /// True when neither `--data` nor `$PARTYDESK_DATA` chose it.
    public var isDefault: Bool
    /// A workspace in PostgreSQL (issue 20): `--data` or `$PARTYDESK_DATA` given as a libpq URI
    /// (`postgresql://…`), kept as given; `directory` is then empty and names no folder.
    public var databaseURI: String? = nil

    public static func isDatabaseURI(_ text: String) -> Bool { text.hasPrefix("postgresql://") || text.hasPrefix("postgres://") }

    public static func resolve(option: String?, environment: [String: String]) -> DataLocation {
        if let option, !option.isEmpty {
            if isDatabaseURI(option) { return DataLocation(directory: "", isDefault: false, databaseURI: option) }
            return DataLocation(directory: absolute(option, environment), isDefault: false)
        }
        if let env = environment["PARTYDESK_DATA"], !env.isEmpty {
            if isDatabaseURI(env) { return DataLocation(directory: "", isDefault: false, databaseURI: env) }
            return DataLocation(directory: absolute(env, environment), isDefault: false)
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        let dataHome = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? "\(home)/.local/share"
        return DataLocation(directory: "\(dataHome)/partydesk", isDefault: true)
    }

    /// The demo workspace's folder under the data home.
    public var demoDirectory: String { "\(directory)/demo" }

    /// A path made absolute (`~` is the home folder; relative to the current directory).
    public static func absolute(_ path: String, _ environment: [String: String]) -> String {
        var path = path
        if path == "~" || path.hasPrefix("~/") { path = (environment["HOME"] ?? NSHomeDirectory()) + path.dropFirst() }
        if !path.hasPrefix("/") { path = FileManager.default.currentDirectoryPath + "/" + path }
        return (path as NSString).standardizingPath
    }
}
