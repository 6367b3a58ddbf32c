import PartyModel

/// The file-level documents of a workspace directory. Each top-level JSON file is one of these.
struct MembersDocument: Codable {
    var members: [Member]
}

struct RectificationsDocument: Codable {
    var rectifications: [Rectification]
}

struct ManualScoresDocument: Codable {
    var scores: [ManualScore]
    var bonuses: [Bonus]
}

/// Records kept in one file per year (`activities/2026.json`), so an edit rewrites one year only.
protocol YearShardedRecord: Codable, Sendable {
    /// Folder, and the key of the array inside each file.
    static var folder: String { get }
    var shardYear: Int { get }
}

extension Activity: YearShardedRecord {
    static var folder: String { "activities" }
    var shardYear: Int { date.year }
}

extension QuarterlyCheck: YearShardedRecord {
    static var folder: String { "checks" }
    var shardYear: Int { year }
}

/// `{"year": 2026, "<folder>": [ … ]}`.
struct YearShard<Record: YearShardedRecord>: Codable {
    var year: Int
    var records: [Record]

    init(year: Int, records: [Record]) { self.year = year; self.records = records }

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
        static var year: Key { Key(stringValue: "year") }
        static var records: Key { Key(stringValue: Record.folder) }
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        year = try c.decode(Int.self, forKey: .year)
        records = try c.decode([Record].self, forKey: .records)
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(year, forKey: .year)
        try c.encode(records, forKey: .records)
    }
}

/// Relative paths inside a workspace directory.
public enum WorkspacePaths {
    public static let settings = "workspace.json"
    public static let organisation = "organisation.json"
    public static let members = "members.json"
    public static let plan = "plan.json"
    public static let checkTemplate = "check-template.json"
    public static let scoring = "scoring.json"
    public static let rectifications = "rectifications.json"
    public static let manualScores = "manual-scores.json"
    public static let activitiesDirectory = Activity.folder
    public static let checksDirectory = QuarterlyCheck.folder
    public static let backupDirectory = ".backup"

    public static func activities(_ year: Int) -> String { shard(Activity.folder, year) }
    public static func checks(_ year: Int) -> String { shard(QuarterlyCheck.folder, year) }
    static func shard(_ folder: String, _ year: Int) -> String { "\(folder)/\(year).json" }

    /// The year of a `YYYY.json` file name, or nil for anything else.
    static func shardYear(fileName: String) -> Int? {
        guard fileName.hasSuffix(".json"), fileName.utf8.count == 9 else { return nil }
        return Int(fileName.prefix(4))
    }

    /// Folders whose files the store owns one per year.
    static let shardFolders = [Activity.folder, QuarterlyCheck.folder]
}
