#if canImport(Glibc)
import Glibc
#endif
import Foundation
import PartyModel

/// A workspace as read from disk, with what the store needs to save it back safely.
public struct LoadedWorkspace: Sendable {
    public var workspace: Workspace
    /// Digest of each file as last read or written, by relative path.
    public var digests: [String: Digest]
    /// The schema version found on disk when it was older than this build's; saving backs the old files up.
    public var migratedFrom: Int?
    /// Where each year-sharded record came from, by folder: file and index in that file's array,
    /// in model order (`workspace.activities[i]` ↔ `origins["activities"][i]`).
    var origins: [String: [RecordOrigin]]

    struct RecordOrigin: Sendable {
        var file: String
        var index: Int
    }
}

/// The workspace directory: loading with precise errors, crash-safe saving of changed files only.
public struct WorkspaceStore: Sendable {
    public let directory: String

    public init(directory: String) {
        self.directory = directory
    }

    func absolute(_ relative: String) -> String { "\(directory)/\(relative)" }

    /// True when the directory holds a `workspace.json`.
    public var exists: Bool { FileManager.default.fileExists(atPath: absolute(WorkspacePaths.settings)) }

    // MARK: Loading

    /// Reads every file, collecting every problem; the workspace loads only when there is none.
    struct Reader {
        let store: WorkspaceStore
        var problems: [Problem] = []
        var digests: [String: Digest] = [:]
        var origins: [String: [LoadedWorkspace.RecordOrigin]] = [:]

        mutating func read(_ relative: String, required: Bool) -> Data? {
            let path = store.absolute(relative)
            guard FileManager.default.fileExists(atPath: path) else {
                if required { problems.append(Problem(file: relative, kind: .fileMissing)) }
                return nil
            }
            do {
                let data = try Data(contentsOf: URL(fileURLWithPath: path))
                digests[relative] = Digest(data)
                return data
            } catch {
                problems.append(Problem(file: relative, kind: .unreadable(error.localizedDescription)))
                return nil
            }
        }

        mutating func decode<T: Decodable>(_ type: T.Type, _ relative: String, required: Bool) -> T? {
            guard let data = read(relative, required: required) else { return nil }
            switch WorkspaceCodec.decode(type, file: relative, data: data) {
            case .success(let value): return value
            case .failure(let problem): problems.append(problem); return nil
            }
        }

        /// Every `FOLDER/YYYY.json`, oldest first; each record must belong to its file's year.
        mutating func shards<R: YearShardedRecord>(_ type: R.Type) -> [R] {
            var records: [R] = []
            var origins: [LoadedWorkspace.RecordOrigin] = []
            for (year, relative) in store.shardFiles(R.folder) {
                guard let data = read(relative, required: true) else { continue }
                let shard: YearShard<R>
                switch WorkspaceCodec.decode(YearShard<R>.self, file: relative, data: data) {
                case .success(let value): shard = value
                case .failure(let problem): problems.append(problem); continue
                }
                let bytes = [UInt8](WorkspaceCodec.withoutByteOrderMark(data))
                if shard.year != year {
                    problems.append(WorkspaceCodec.located(file: relative, bytes: bytes, path: [.key("year")],
                                                           kind: .wrongShard(fileYear: year, dateYear: shard.year)))
                }
                for (index, record) in shard.records.enumerated() {
                    if record.shardYear != year {
                        let field = R.self == Activity.self ? "date" : "year"
                        problems.append(WorkspaceCodec.located(
                            file: relative, bytes: bytes, path: [.key(R.folder), .index(index), .key(field)],
                            kind: .wrongShard(fileYear: year, dateYear: record.shardYear)))
                    }
                    records.append(record)
                    origins.append(.init(file: relative, index: index))
                }
            }
            self.origins[R.folder] = origins
            return records
        }
    }

    public func load() throws(StoreError) -> LoadedWorkspace {
        guard exists else { throw .notAWorkspace(directory) }
        var reader = Reader(store: self)

        let settingsData = reader.read(WorkspacePaths.settings, required: true)
        let settingsBytes = [UInt8](WorkspaceCodec.withoutByteOrderMark(settingsData ?? Data()))
        guard let data = settingsData else { throw .invalid(reader.problems) }
        var settings: WorkspaceSettings
        switch WorkspaceCodec.decode(WorkspaceSettings.self, file: WorkspacePaths.settings, data: data) {
        case .success(let value): settings = value
        case .failure(let problem): throw .invalid([problem])
        }
        let version = settings.schemaVersion
        if version > WorkspaceSettings.currentSchemaVersion || version < 1 {
            // A newer build wrote this: refuse rather than misread (and later overwrite) it.
            let kind: ProblemKind = version < 1 ? .schemaInvalid(version)
                : .schemaTooNew(found: version, supported: WorkspaceSettings.currentSchemaVersion)
            throw .invalid([WorkspaceCodec.located(file: WorkspacePaths.settings, bytes: settingsBytes,
                                                   path: [.key("schemaVersion")], kind: kind)])
        }
        let migratedFrom = version < WorkspaceSettings.currentSchemaVersion ? version : nil
        settings.schemaVersion = WorkspaceSettings.currentSchemaVersion
        // Version 1 had no scheme or template: they are added with their defaults (Migrations).
        let scoringRequired = version >= 2

        let organisation = reader.decode(Organisation.self, WorkspacePaths.organisation, required: true)
        let members = reader.decode(MembersDocument.self, WorkspacePaths.members, required: false)
        let plan = reader.decode(WorkPlan.self, WorkspacePaths.plan, required: false)
        let template = reader.decode(CheckTemplate.self, WorkspacePaths.checkTemplate, required: scoringRequired)
        let scoring = reader.decode(ScoringScheme.self, WorkspacePaths.scoring, required: scoringRequired)
        let rectifications = reader.decode(RectificationsDocument.self, WorkspacePaths.rectifications, required: false)
        let manual = reader.decode(ManualScoresDocument.self, WorkspacePaths.manualScores, required: false)
        let activities = reader.shards(Activity.self)
        let checks = reader.shards(QuarterlyCheck.self)

        guard reader.problems.isEmpty, let organisation else { throw .invalid(reader.problems) }
        let workspace = Workspace(
            settings: settings, organisation: organisation, members: members?.members ?? [],
            activities: activities,
            plan: plan ?? WorkPlan(title: "\(settings.currentYear)", year: settings.currentYear),
            checkTemplate: template ?? DefaultScheme.template, scoring: scoring ?? DefaultScheme.scheme,
            checks: checks, rectifications: rectifications?.rectifications ?? [],
            manualScores: manual?.scores ?? [], bonuses: manual?.bonuses ?? [])
        return LoadedWorkspace(workspace: workspace, digests: reader.digests, migratedFrom: migratedFrom, origins: reader.origins)
    }

    /// `FOLDER/YYYY.json` files, oldest year first.
    func shardFiles(_ folder: String) -> [(year: Int, path: String)] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: absolute(folder))) ?? []
        return names.compactMap { name in
            WorkspacePaths.shardYear(fileName: name).map { ($0, "\(folder)/\(name)") }
        }.sorted { $0.year < $1.year }
    }

    // MARK: Validation with places

    /// Every validation problem of a loaded workspace, with file, line, column and JSON path.
    public func validate(_ loaded: LoadedWorkspace) -> [Problem] {
        var bytesByFile: [String: [UInt8]] = [:]
        return Validator.validate(loaded.workspace).map { issue in
            let (file, base) = place(of: issue.record, in: loaded)
            var path = PathComponent.parse(base)
            path += PathComponent.parse(issue.field)
            if bytesByFile[file] == nil {
                let data = (try? Data(contentsOf: URL(fileURLWithPath: absolute(file)))) ?? Data()
                bytesByFile[file] = [UInt8](WorkspaceCodec.withoutByteOrderMark(data))
            }
            return WorkspaceCodec.located(file: file, bytes: bytesByFile[file]!, path: path, kind: issue.kind)
        }
    }

    func place(of record: RecordRef, in loaded: LoadedWorkspace) -> (file: String, path: String) {
        func sharded(_ folder: String, _ i: Int, year: Int) -> (String, String) {
            if let origin = loaded.origins[folder], origin.indices.contains(i) {
                return (origin[i].file, "\(folder)[\(origin[i].index)]")
            }
            return (WorkspacePaths.shard(folder, year), folder)
        }
        return switch record {
        case .settings: (WorkspacePaths.settings, "")
        case .committee: (WorkspacePaths.organisation, "committee")
        case .generalBranch(let i): (WorkspacePaths.organisation, "generalBranches[\(i)]")
        case .branch(let i): (WorkspacePaths.organisation, "branches[\(i)]")
        case .member(let i): (WorkspacePaths.members, "members[\(i)]")
        case .planSection(let i): (WorkspacePaths.plan, "sections[\(i)]")
        case .planTask(let i): (WorkspacePaths.plan, "tasks[\(i)]")
        case .checkTemplate: (WorkspacePaths.checkTemplate, "")
        case .scoring: (WorkspacePaths.scoring, "")
        case .rectification(let i): (WorkspacePaths.rectifications, "rectifications[\(i)]")
        case .manualScore(let i): (WorkspacePaths.manualScores, "scores[\(i)]")
        case .bonus(let i): (WorkspacePaths.manualScores, "bonuses[\(i)]")
        case .activity(let i): sharded(Activity.folder, i, year: loaded.workspace.activities[i].shardYear)
        case .check(let i): sharded(QuarterlyCheck.folder, i, year: loaded.workspace.checks[i].shardYear)
        }
    }

    // MARK: Saving

    /// Writes a new workspace into an empty or missing directory.
    @discardableResult
    public func create(_ workspace: Workspace) throws(StoreError) -> LoadedWorkspace {
        let contents = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        if !contents.isEmpty { throw .notEmpty(directory) }
        do { try AtomicFile.makeDirectory(directory) } catch { throw .io(error) }
        let empty = LoadedWorkspace(workspace: workspace, digests: [:], migratedFrom: nil, origins: [:])
        return try save(workspace, over: empty)
    }

    /// Saves `workspace` over what was loaded: only files whose bytes changed are written, each
    /// crash-safely. Refuses (writing nothing) when any of those files changed on disk since it was read.
    /// With `backup`, every file about to be overwritten is first copied to .backup/ (newest 20 kept).
    @discardableResult
    public func save(_ workspace: Workspace, over loaded: LoadedWorkspace, backup: Bool = false) throws(StoreError) -> LoadedWorkspace {
        try save(workspace, over: loaded, backup: backup, only: nil)
    }

    /// `only`: the files that can have changed (an edit knows them); nil renders every file.
    func save(_ workspace: Workspace, over loaded: LoadedWorkspace, backup: Bool, only: Set<String>?) throws(StoreError) -> LoadedWorkspace {
        let files = only.map { WorkspaceCodec.render(workspace, only: $0) } ?? WorkspaceCodec.render(workspace)
        let changed = files.filter { loaded.digests[$0.key] != Digest($0.value) }
        // Year files no longer needed (their last record moved or went away).
        let removed = loaded.digests.keys.filter { path in
            files[path] == nil && (only?.contains(path) ?? true) && WorkspacePaths.shardFolders.contains { path.hasPrefix($0 + "/") }
        }
        let touched = Set(changed.keys).union(removed).sorted()
        let conflicts = touched.filter { diskDigest($0) != loaded.digests[$0] }
        if !conflicts.isEmpty { throw .changedOnDisk(conflicts) }

        do throws(FileError) {
            let label = loaded.migratedFrom.map { "schema-v\($0)" } ?? (backup ? "edit" : nil)
            if let label {
                for path in touched where loaded.digests[path] != nil {
                    try Backups(directory: directory).keep(path, label: label)
                }
            }
            for folder in WorkspacePaths.shardFolders where changed.keys.contains(where: { $0.hasPrefix(folder + "/") }) {
                try AtomicFile.makeDirectory(absolute(folder))
            }
            // workspace.json last: a reader never sees a new schema version over old data files.
            let order = changed.keys.sorted { a, b in
                (a == WorkspacePaths.settings ? 1 : 0, a) < (b == WorkspacePaths.settings ? 1 : 0, b)
            }
            for path in order {
                AtomicFile.removeStaleTemps(in: (absolute(path) as NSString).deletingLastPathComponent)
                try AtomicFile.write(changed[path]!, to: absolute(path))
            }
            for path in removed {
                if unlink(absolute(path)) != 0 && errno != ENOENT {
                    throw FileError(path: absolute(path), operation: "unlink", code: errno)
                }
            }
            for folder in Set(removed.map { ($0 as NSString).deletingLastPathComponent }) {
                try AtomicFile.syncDirectory(absolute(folder))
            }
        } catch {
            throw .io(error)
        }

        var result = loaded
        result.workspace = workspace
        result.migratedFrom = nil
        if only == nil {
            result.digests = files.mapValues(Digest.init)
        } else {
            for (path, data) in files { result.digests[path] = Digest(data) }
            for path in removed { result.digests[path] = nil }
        }
        result.origins = [Activity.folder: Self.origins(of: workspace.activities),
                          QuarterlyCheck.folder: Self.origins(of: workspace.checks)]
        return result
    }

    /// Where each record lands when saved: its year's file, in model order.
    static func origins<R: YearShardedRecord>(of records: [R]) -> [LoadedWorkspace.RecordOrigin] {
        var counters: [Int: Int] = [:]
        return records.map { record in
            let year = record.shardYear
            defer { counters[year, default: 0] += 1 }
            return .init(file: WorkspacePaths.shard(R.folder, year), index: counters[year, default: 0])
        }
    }

    func diskDigest(_ relative: String) -> Digest? {
        guard let data = FileManager.default.contents(atPath: absolute(relative)) else { return nil }
        return Digest(data)
    }
}
