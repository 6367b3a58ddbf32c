import PartyModel

/// The file-level documents of a workspace directory. Each top-level JSON file is one of these.
struct MembersDocument: Codable {
    var members: [Member]
}

/// `activities/YYYY.json`: one year of activities, so that an edit rewrites one year only.
struct ActivityShard: Codable {
    var year: Int
    var activities: [Activity]
}

/// Relative paths inside a workspace directory.
public enum WorkspacePaths {
    public static let settings = "workspace.json"
    public static let organisation = "organisation.json"
    public static let members = "members.json"
    public static let plan = "plan.json"
    public static let activitiesDirectory = "activities"
    public static let backupDirectory = ".backup"

    public static func activities(_ year: Int) -> String { "\(activitiesDirectory)/\(year).json" }

    /// The year of an `activities/YYYY.json` file name, or nil for anything else.
    static func shardYear(fileName: String) -> Int? {
        guard fileName.hasSuffix(".json"), fileName.utf8.count == 9 else { return nil }
        return Int(fileName.prefix(4))
    }
}
