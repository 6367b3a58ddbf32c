import Foundation
import PartyModel

/// The file-level documents of a workspace directory. Each top-level JSON file is one of these.
/// `members.json` and `rectifications.json` are schema 2's single files, read to migrate them.
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

/// Records kept in files of their own branch, so an edit rewrites a few kilobytes, not the
/// whole organisation's: `members/b1.json` (the branch's roster), `rectifications/b1.json`, and
/// for the ledger one file per year too, `activities/2026/b1.json` (the branch's 台账 for the year).
protocol FiledRecord: Codable, Sendable {
    /// Folder of the files.
    static var folder: String { get }
    /// Key of the array inside each file (the folder's name unless said otherwise).
    static var recordsKey: String { get }
    var branchId: String { get }
    /// The file the record belongs in.
    var shardPath: String { get }
    /// The year of the file it belongs in; nil for records filed by branch only.
    var fileYear: Int? { get }
}

protocol YearShardedRecord: FiledRecord {
    var shardYear: Int { get }
    /// The years of files a load of `years` reads (nil: all): the same, but for dues, whose arrears
    /// look back across the new year (the year before each is read too).
    static func yearsRead(_ years: Set<Int>?) -> Set<Int>?
}

extension YearShardedRecord {
    static func yearsRead(_ years: Set<Int>?) -> Set<Int>? { years }
}

extension FiledRecord {
    static var recordsKey: String { folder }
}

extension YearShardedRecord {
    var shardPath: String { WorkspacePaths.shard(Self.folder, shardYear, branch: branchId) }
    var fileYear: Int? { shardYear }
}

/// Records in one file per branch (not per year): rosters and rectifications span years.
protocol BranchFiledRecord: FiledRecord {}

extension BranchFiledRecord {
    var shardPath: String { WorkspacePaths.branchFile(Self.folder, branch: branchId) }
    var fileYear: Int? { nil }
}

extension Member: BranchFiledRecord {
    static var folder: String { "members" }
}

extension Rectification: BranchFiledRecord {
    static var folder: String { "rectifications" }
}

extension ManualScore: BranchFiledRecord {
    static var folder: String { "manual-scores" }
    static var recordsKey: String { "scores" }
}

extension Bonus: BranchFiledRecord {
    static var folder: String { "bonuses" }
}

/// `development/b1.json`: the people in a branch's 发展党员 pipeline. By branch, not by year: a
/// person's record runs from the application to 转正 over two to four years.
extension Candidate: BranchFiledRecord {
    static var folder: String { "development" }
    static var recordsKey: String { "candidates" }
}

/// `{"<records key>": [ … ]}`: one branch's members, rectifications, manual points or bonuses.
struct BranchShard<Record: BranchFiledRecord>: Codable {
    var records: [Record]

    init(records: [Record]) { self.records = records }

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        records = try decoder.container(keyedBy: Key.self).decode([Record].self, forKey: Key(stringValue: Record.recordsKey))
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(records, forKey: Key(stringValue: Record.recordsKey))
    }
}

extension Activity: YearShardedRecord {
    static var folder: String { "activities" }
    var shardYear: Int { date.year }
}

extension QuarterlyCheck: YearShardedRecord {
    static var folder: String { "checks" }
    var shardYear: Int { year }
}

/// `dues/2026/b1.json`: the 党费 a branch collected in a year (by the day paid).
extension DuesPayment: YearShardedRecord {
    static var folder: String { "dues" }
    static var recordsKey: String { "payments" }
    var shardYear: Int { year }
    static func yearsRead(_ years: Set<Int>?) -> Set<Int>? { years.map { $0.union($0.map { $0 - 1 }) } }
}

/// `training/2026/b1.json`: individual training entries a branch recorded for a year.
extension TrainingEntry: YearShardedRecord {
    static var folder: String { "training" }
    static var recordsKey: String { "entries" }
    var shardYear: Int { date.year }
}

/// `reviews/2026/b1.json`: the 民主评议党员 results a branch recorded for a year (the year reviewed).
/// A load of some years reads the year before each too: last December's 不合格 awaits its 处置 this year.
extension ReviewResult: YearShardedRecord {
    static var folder: String { "reviews" }
    static var recordsKey: String { "results" }
    var shardYear: Int { year }
    static func yearsRead(_ years: Set<Int>?) -> Set<Int>? { years.map { $0.union($0.map { $0 - 1 }) } }
}

/// `pioneer/2026/b1.json`: points of the 先锋指数's manual items a branch recorded, by the year of their day.
extension PioneerPoints: YearShardedRecord {
    static var folder: String { "pioneer" }
    static var recordsKey: String { "points" }
    var shardYear: Int { date.year }
}

/// `funds/2026/b1.json`: the 经费 allocated to and spent by one organisation (a branch, a 党总支 or
/// the 党委) in a year, by the day booked.
extension FundsEntry: YearShardedRecord {
    static var folder: String { "funds" }
    static var recordsKey: String { "entries" }
    /// The organisation: the file is named after it as a branch's is.
    var branchId: String { organisationId }
    var shardYear: Int { date.year }
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
        static var records: Key { Key(stringValue: Record.recordsKey) }
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
    /// Schema 2's single files, now one per branch in `members/` and `rectifications/`.
    public static let legacyMembers = "members.json"
    public static let plan = "plan.json"
    public static let checkTemplate = "check-template.json"
    public static let scoring = "scoring.json"
    public static let legacyRectifications = "rectifications.json"
    static let legacyFiles = [legacyMembers, legacyRectifications, legacyManualScores]
    public static let legacyManualScores = "manual-scores.json"
    public static let activitiesDirectory = Activity.folder
    public static let checksDirectory = QuarterlyCheck.folder
    public static let duesDirectory = DuesPayment.folder
    public static let trainingDirectory = TrainingEntry.folder
    public static let reviewsDirectory = ReviewResult.folder
    public static let pioneerDirectory = PioneerPoints.folder
    public static let developmentDirectory = Candidate.folder
    /// The 发展计划 and student counts by year; optional, written when it holds any.
    public static let developmentTargets = "development-targets.json"
    /// 目标 (docs/targets.md).
    public static let targets = "targets.json"
    public static let backupDirectory = ".backup"

    public static func activities(_ year: Int, branch: String) -> String { shard(Activity.folder, year, branch: branch) }
    public static func checks(_ year: Int, branch: String) -> String { shard(QuarterlyCheck.folder, year, branch: branch) }
    public static func dues(_ year: Int, branch: String) -> String { shard(DuesPayment.folder, year, branch: branch) }
    public static func training(_ year: Int, branch: String) -> String { shard(TrainingEntry.folder, year, branch: branch) }
    public static func reviews(_ year: Int, branch: String) -> String { shard(ReviewResult.folder, year, branch: branch) }
    public static func pioneer(_ year: Int, branch: String) -> String { shard(PioneerPoints.folder, year, branch: branch) }
    public static func funds(_ year: Int, organisation: String) -> String { shard(FundsEntry.folder, year, branch: organisation) }
    static func shard(_ folder: String, _ year: Int, branch: String) -> String { "\(folder)/\(year)/\(fileName(branch: branch)).json" }
    public static func members(branch: String) -> String { branchFile(Member.folder, branch: branch) }
    public static func rectifications(branch: String) -> String { branchFile(Rectification.folder, branch: branch) }
    public static func development(branch: String) -> String { branchFile(Candidate.folder, branch: branch) }
    static func branchFile(_ folder: String, branch: String) -> String { "\(folder)/\(fileName(branch: branch)).json" }

    /// A branch id as a file name: bytes that are unsafe in a file name on Linux or Windows (and
    /// `%`, and a leading dot) become `%XX`; everything else, Chinese included, stays as it is.
    static func fileName(branch: String) -> String {
        var out: [UInt8] = []
        let unsafe = Array("/\\:*?\"<>|%".utf8)
        for (i, byte) in branch.utf8.enumerated() {
            if byte < 0x20 || byte == 0x7F || unsafe.contains(byte) || (i == 0 && byte == 0x2E) {
                out += Array(("%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)).utf8)
            } else {
                out.append(byte)
            }
        }
        return branch.isEmpty ? "%" : String(decoding: out, as: UTF8.self)
    }

    /// The branch id a shard file name stands for (the inverse of `fileName(branch:)`).
    static func branchId(fileName: String) -> String? {
        guard fileName.hasSuffix(".json") else { return nil }
        let name = Array(fileName.utf8.dropLast(5))
        if name == [0x25] { return "" }
        var out: [UInt8] = []
        var i = 0
        while i < name.count {
            if name[i] == 0x25 {
                guard i + 2 < name.count, let hi = JSONTape.hexValue(name[i + 1]), let lo = JSONTape.hexValue(name[i + 2]) else { return nil }
                out.append(UInt8(hi << 4 | lo))
                i += 3
            } else {
                out.append(name[i])
                i += 1
            }
        }
        return String(validating: out, as: UTF8.self)
    }

    /// Where a shard path points: `FOLDER/YYYY/BRANCH.json` (activities, checks), `FOLDER/BRANCH.json`
    /// (members, rectifications), or schema 2's `FOLDER/YYYY.json` (year, no branch).
    static func shardLocation(_ path: String) -> (folder: String, year: Int?, branch: String?)? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 2, shardFolders.contains(parts[0]), parts.last!.hasSuffix(".json") else { return nil }
        if branchFolders.contains(parts[0]) {
            guard parts.count == 2, let branch = branchId(fileName: parts[1]) else { return nil }
            return (parts[0], nil, branch)
        }
        if parts.count == 2 {
            guard let year = legacyShardYear(fileName: parts[1]) else { return nil }
            return (parts[0], year, nil)
        }
        guard parts.count == 3, let year = directoryYear(parts[1]) else { return nil }
        return (parts[0], year, branchId(fileName: parts[2]))
    }

    /// A year folder's name, `YYYY`.
    static func directoryYear(_ name: String) -> Int? {
        name.utf8.count == 4 && name.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) ? Int(name) : nil
    }

    /// The year of a schema-2 `YYYY.json` file name, or nil for anything else.
    static func legacyShardYear(fileName: String) -> Int? {
        guard fileName.hasSuffix(".json"), fileName.utf8.count == 9 else { return nil }
        return directoryYear(String(fileName.prefix(4)))
    }

    /// Every folder that holds data files, relative ("" for the workspace folder itself): the shard
    /// folders and their year folders, as they are on disk now.
    static func dataFolders(in directory: String) -> [String] {
        var folders = [""]
        for folder in shardFolders {
            folders.append(folder)
            guard yearFolders.contains(folder) else { continue }
            for name in (try? FileManager.default.contentsOfDirectory(atPath: "\(directory)/\(folder)")) ?? [] where directoryYear(name) != nil {
                folders.append("\(folder)/\(name)")
            }
        }
        return folders
    }

    /// The years of a year folder's files a load of `years` reads (`YearShardedRecord.yearsRead`).
    static func yearsRead(_ folder: String, _ years: Set<Int>?) -> Set<Int>? {
        switch folder {
        case DuesPayment.folder: DuesPayment.yearsRead(years)
        case ReviewResult.folder: ReviewResult.yearsRead(years)
        default: years
        }
    }

    /// Folders of one file per year and branch.
    static let yearFolders = [Activity.folder, QuarterlyCheck.folder, DuesPayment.folder, TrainingEntry.folder, ReviewResult.folder, PioneerPoints.folder,
                              FundsEntry.folder]
    /// Folders of one file per branch.
    static let branchFolders = [Member.folder, Rectification.folder, ManualScore.folder, Bonus.folder, Candidate.folder]
    /// Every folder whose files the store owns.
    static let shardFolders = yearFolders + branchFolders
}
