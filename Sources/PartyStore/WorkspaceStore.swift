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
    /// Where `workspace.activities[i]` came from: file and index in that file's array.
    var activityOrigins: [ActivityOrigin]

    struct ActivityOrigin: Sendable {
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

    public func load() throws(StoreError) -> LoadedWorkspace {
        guard exists else { throw .notAWorkspace(directory) }
        var problems: [Problem] = []
        var digests: [String: Digest] = [:]

        func read(_ relative: String, required: Bool) -> Data? {
            let path = absolute(relative)
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
        func decode<T: Decodable>(_ type: T.Type, _ relative: String, _ data: Data?) -> T? {
            guard let data else { return nil }
            switch WorkspaceCodec.decode(type, file: relative, data: data) {
            case .success(let value): return value
            case .failure(let problem): problems.append(problem); return nil
            }
        }

        let settingsData = read(WorkspacePaths.settings, required: true)
        guard var settings = decode(WorkspaceSettings.self, WorkspacePaths.settings, settingsData) else {
            throw .invalid(problems)
        }
        var migratedFrom: Int? = nil
        if settings.schemaVersion > WorkspaceSettings.currentSchemaVersion {
            // A newer build wrote this: refuse rather than misread (and later overwrite) it.
            let problem = WorkspaceCodec.located(
                file: WorkspacePaths.settings, bytes: [UInt8](settingsData ?? Data()), path: [.key("schemaVersion")],
                kind: .schemaTooNew(found: settings.schemaVersion, supported: WorkspaceSettings.currentSchemaVersion))
            throw .invalid([problem])
        }
        if settings.schemaVersion < 1 {
            throw .invalid([WorkspaceCodec.located(
                file: WorkspacePaths.settings, bytes: [UInt8](settingsData ?? Data()), path: [.key("schemaVersion")],
                kind: .schemaInvalid(settings.schemaVersion))])
        }
        if settings.schemaVersion < WorkspaceSettings.currentSchemaVersion {
            migratedFrom = settings.schemaVersion
            settings.schemaVersion = WorkspaceSettings.currentSchemaVersion
        }

        let organisation = decode(Organisation.self, WorkspacePaths.organisation, read(WorkspacePaths.organisation, required: true))
        let members = decode(MembersDocument.self, WorkspacePaths.members, read(WorkspacePaths.members, required: false))
        let plan = decode(WorkPlan.self, WorkspacePaths.plan, read(WorkspacePaths.plan, required: false))

        var activities: [Activity] = []
        var origins: [LoadedWorkspace.ActivityOrigin] = []
        for (year, relative) in shardFiles() {
            guard let data = read(relative, required: true),
                  let shard = decode(ActivityShard.self, relative, data) else { continue }
            let bytes = [UInt8](WorkspaceCodec.withoutByteOrderMark(data))
            if shard.year != year {
                problems.append(WorkspaceCodec.located(file: relative, bytes: bytes, path: [.key("year")],
                                                       kind: .wrongShard(fileYear: year, dateYear: shard.year)))
            }
            for (index, activity) in shard.activities.enumerated() {
                if activity.date.year != year {
                    problems.append(WorkspaceCodec.located(
                        file: relative, bytes: bytes, path: [.key("activities"), .index(index), .key("date")],
                        kind: .wrongShard(fileYear: year, dateYear: activity.date.year)))
                }
                activities.append(activity)
                origins.append(.init(file: relative, index: index))
            }
        }

        guard problems.isEmpty, let organisation else { throw .invalid(problems) }
        let workspace = Workspace(
            settings: settings, organisation: organisation, members: members?.members ?? [],
            activities: activities,
            plan: plan ?? WorkPlan(title: "\(settings.currentYear)", year: settings.currentYear))
        return LoadedWorkspace(workspace: workspace, digests: digests, migratedFrom: migratedFrom, activityOrigins: origins)
    }

    /// `activities/YYYY.json` files, oldest year first.
    func shardFiles() -> [(year: Int, path: String)] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: absolute(WorkspacePaths.activitiesDirectory))) ?? []
        return names.compactMap { name in
            WorkspacePaths.shardYear(fileName: name).map { ($0, "\(WorkspacePaths.activitiesDirectory)/\(name)") }
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
        switch record {
        case .settings: (WorkspacePaths.settings, "")
        case .committee: (WorkspacePaths.organisation, "committee")
        case .generalBranch(let i): (WorkspacePaths.organisation, "generalBranches[\(i)]")
        case .branch(let i): (WorkspacePaths.organisation, "branches[\(i)]")
        case .member(let i): (WorkspacePaths.members, "members[\(i)]")
        case .planSection(let i): (WorkspacePaths.plan, "sections[\(i)]")
        case .planTask(let i): (WorkspacePaths.plan, "tasks[\(i)]")
        case .activity(let i):
            if loaded.activityOrigins.indices.contains(i) {
                (loaded.activityOrigins[i].file, "activities[\(loaded.activityOrigins[i].index)]")
            } else {
                (WorkspacePaths.activities(loaded.workspace.activities[i].date.year), "activities")
            }
        }
    }

    // MARK: Saving

    /// Writes a new workspace into an empty or missing directory.
    @discardableResult
    public func create(_ workspace: Workspace) throws(StoreError) -> LoadedWorkspace {
        let contents = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        if !contents.isEmpty { throw .notEmpty(directory) }
        do { try AtomicFile.makeDirectory(directory) } catch { throw .io(error) }
        let empty = LoadedWorkspace(workspace: workspace, digests: [:], migratedFrom: nil, activityOrigins: [])
        return try save(workspace, over: empty)
    }

    /// Saves `workspace` over what was loaded: only files whose bytes changed are written, each
    /// crash-safely. Refuses (writing nothing) when any of those files changed on disk since it was read.
    @discardableResult
    public func save(_ workspace: Workspace, over loaded: LoadedWorkspace) throws(StoreError) -> LoadedWorkspace {
        let files = WorkspaceCodec.render(workspace)
        let changed = files.filter { loaded.digests[$0.key] != Digest($0.value) }
        let removed = loaded.digests.keys.filter {
            $0.hasPrefix(WorkspacePaths.activitiesDirectory + "/") && files[$0] == nil
        }
        let touched = Set(changed.keys).union(removed).sorted()
        let conflicts = touched.filter { diskDigest($0) != loaded.digests[$0] }
        if !conflicts.isEmpty { throw .changedOnDisk(conflicts) }

        do throws(FileError) {
            if let version = loaded.migratedFrom {
                for path in touched where loaded.digests[path] != nil {
                    try Backups(directory: directory).keep(path, label: "schema-v\(version)")
                }
            }
            if changed.keys.contains(where: { $0.hasPrefix(WorkspacePaths.activitiesDirectory + "/") }) {
                try AtomicFile.makeDirectory(absolute(WorkspacePaths.activitiesDirectory))
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
            if !removed.isEmpty { try AtomicFile.syncDirectory(absolute(WorkspacePaths.activitiesDirectory)) }
        } catch {
            throw .io(error)
        }

        var result = loaded
        result.workspace = workspace
        result.migratedFrom = nil
        result.digests = files.mapValues(Digest.init)
        result.activityOrigins = Self.origins(of: workspace)
        return result
    }

    /// Where each activity lands when saved: its year's shard, in model order.
    static func origins(of workspace: Workspace) -> [LoadedWorkspace.ActivityOrigin] {
        var counters: [Int: Int] = [:]
        return workspace.activities.map { activity in
            let year = activity.date.year
            defer { counters[year, default: 0] += 1 }
            return .init(file: WorkspacePaths.activities(year), index: counters[year, default: 0])
        }
    }

    func diskDigest(_ relative: String) -> Digest? {
        guard let data = FileManager.default.contents(atPath: absolute(relative)) else { return nil }
        return Digest(data)
    }
}
