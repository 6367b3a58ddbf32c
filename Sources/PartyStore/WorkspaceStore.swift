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
    /// The years whose activities and checks were read; nil for all.
    public var years: Set<Int>?
    /// The ids of the activities of the years not read, when the load was asked to scan them
    /// (`load(years:scanningOtherYears:)`); empty otherwise.
    public var activityIdsNotRead = IdsNotRead()

    struct RecordOrigin: Sendable {
        var file: String
        var index: Int
    }
}

// In an extension: an init in the struct's body would take its memberwise init away.
extension LoadedWorkspace {
    /// A workspace that came from elsewhere than this directory's files (the PostgreSQL store): no
    /// digests or origins, all years read.
    public init(workspace: Workspace) {
        self.init(workspace: workspace, digests: [:], migratedFrom: nil, origins: [:], years: nil)
    }
}

/// The ids of activities in years a load did not keep (an import reads the years its rows fall in;
/// an id of the sheet must still not clash with one of another year): each id with the years it
/// is in, one bit a year.
public struct IdsNotRead: Sendable {
    /// The years scanned, by bit (at most 64: a workspace with more is read whole).
    var years: [Int] = []
    var ids: [String: UInt64] = [:]
    /// Years read since (`loadYears`): no longer "not read".
    var readSince: Set<Int> = []

    public init() {}

    /// The years not read that hold an activity of this id.
    public func years(of id: String) -> Set<Int> {
        guard let bits = ids[id] else { return [] }
        var found = Set<Int>()
        for (i, year) in years.enumerated() where bits & (1 << UInt64(i)) != 0 && !readSince.contains(year) { found.insert(year) }
        return found
    }

    public func contains(_ id: String) -> Bool { ids[id] != nil && !years(of: id).isEmpty }

    public var count: Int { ids.count }
}

/// The workspace directory: loading with precise errors, crash-safe saving of changed files only.
public struct WorkspaceStore: Sendable {
    public let directory: String

    /// A reader's view of a save cut short by a kill, until a writer rolls it back: the files as the
    /// roll-back will leave them (`FileBatch.View`). Set only on the copy a load reads through.
    var cutBatch: FileBatch.View? = nil

    public init(directory: String) {
        self.directory = directory
    }

    func absolute(_ relative: String) -> String { "\(directory)/\(relative)" }

    /// Where to read `relative` from (elsewhere only while a cut batch waits to be rolled back).
    func readable(_ relative: String) -> String { cutBatch.map { "\(directory)/\($0.path(of: relative))" } ?? absolute(relative) }

    /// The names in a folder as a reader sees them (see `cutBatch`).
    func names(in folder: String) -> [String]? {
        let names = DirectoryListing.names(absolute(folder))
        return cutBatch.map { $0.names(names, in: folder) } ?? names
    }

    /// True when the directory holds a `workspace.json`.
    public var exists: Bool { FileManager.default.fileExists(atPath: absolute(WorkspacePaths.settings)) }

    // MARK: Loading

    /// Reads every file, collecting every problem; the workspace loads only when there is none.
    /// Files are read and decoded on every core (they are independent: a county workspace is
    /// thousands of branch files), then merged in a fixed order, so problems list the same way each time.
    struct Reader {
        let store: WorkspaceStore
        var problems: [Problem] = []
        var digests: [String: Digest] = [:]
        var origins: [String: [LoadedWorkspace.RecordOrigin]] = [:]
        /// True when a schema-2 `FOLDER/YYYY.json` was read: the next save rewrites it per branch.
        var legacyLayout = false

        /// What reading one file gave, made on any thread and merged on one.
        struct Outcome<T>: @unchecked Sendable {
            var relative: String
            var digest: Digest? = nil
            var value: T? = nil
            var problems: [Problem] = []
            var origins: [LoadedWorkspace.RecordOrigin] = []
        }

        static func read(_ store: WorkspaceStore, _ relative: String, required: Bool) -> (Data?, Outcome<Void>) {
            var outcome = Outcome<Void>(relative: relative)
            switch AtomicFile.read(store.readable(relative)) {
            case .success(let data):
                outcome.digest = Digest(data)
                return (data, outcome)
            case .failure(let error) where error.code == ENOENT:
                if required { outcome.problems.append(Problem(file: relative, kind: .fileMissing)) }
            case .failure(let error):
                outcome.problems.append(Problem(file: relative, kind: .unreadable(error.reason)))
            }
            return (nil, outcome)
        }

        static func decode<T: Decodable>(_ type: T.Type, _ store: WorkspaceStore, _ relative: String, required: Bool) -> Outcome<T> {
            let (data, read) = read(store, relative, required: required)
            var outcome = Outcome<T>(relative: relative, digest: read.digest, problems: read.problems)
            guard let data else { return outcome }
            switch WorkspaceCodec.decode(type, file: relative, data: data) {
            case .success(let value): outcome.value = value
            case .failure(let problem): outcome.problems.append(problem)
            }
            return outcome
        }

        /// One file of records; each must belong in it: its year (`year`) and its branch (`branch`).
        static func filed<R: FiledRecord, D: Decodable>(_ document: D.Type, _ store: WorkspaceStore, _ relative: String, year: Int?,
                                                        branch: String?, contents: (D) -> (year: Int?, records: [R])) -> Outcome<[R]> {
            let (data, read) = read(store, relative, required: true)
            var outcome = Outcome<[R]>(relative: relative, digest: read.digest, problems: read.problems)
            guard let data else { return outcome }
            let fileYear: Int?
            var records: [R]
            // Each record's place in the file (they differ from positions in `records` when some did not decode).
            var places: [Int]? = nil
            switch WorkspaceCodec.decode(D.self, file: relative, data: data) {
            case .success(let value):
                (fileYear, records) = contents(value)
            case .failure(let problem):
                // A bad value stops a whole-file decode at the first one: the records are decoded
                // one by one instead, so every bad record of the file is listed (and those that
                // read are checked below as well) — one `validate` run finds them all.
                guard let each = WorkspaceCodec.decodeEach(R.self, key: R.recordsKey, yearKey: year == nil ? nil : "year",
                                                           file: relative, data: data), !each.problems.isEmpty else {
                    outcome.problems.append(problem)
                    return outcome
                }
                outcome.problems += each.problems
                (fileYear, records, places) = (each.year, each.records, each.places)
            }
            lazy var bytes = [UInt8](WorkspaceCodec.withoutByteOrderMark(data))
            if let year, let fileYear, fileYear != year {
                outcome.problems.append(WorkspaceCodec.located(file: relative, bytes: bytes, path: [.key("year")],
                                                               kind: .wrongShard(fileYear: year, dateYear: fileYear)))
            }
            for (position, record) in records.enumerated() {
                let index = places?[position] ?? position
                if let year, let recordYear = record.fileYear, recordYear != year {
                    let field = R.self == Activity.self ? "date" : "year"
                    outcome.problems.append(WorkspaceCodec.located(
                        file: relative, bytes: bytes, path: [.key(R.recordsKey), .index(index), .key(field)],
                        kind: .wrongShard(fileYear: year, dateYear: recordYear)))
                } else if let branch, record.branchId != branch {
                    outcome.problems.append(WorkspaceCodec.located(
                        file: relative, bytes: bytes, path: [.key(R.recordsKey), .index(index), .key("branchId")],
                        kind: .wrongBranchFile(branch: record.branchId, file: record.shardPath)))
                }
                outcome.origins.append(.init(file: relative, index: index))
            }
            outcome.value = records
            return outcome
        }

        /// Jobs that fill one slot per shard file of `years` (all when nil), oldest year first.
        /// `exact`: read the files of `years` only (else `R.yearsRead(years)`: dues read the year before too).
        static func shardJobs<R: YearShardedRecord>(_ type: R.Type, _ store: WorkspaceStore, years: Set<Int>?, exact: Bool = false) -> ([Concurrently.Slot<Outcome<[R]>>], [@Sendable () -> Void]) {
            let (slots, _, jobs) = shardJobs(type, store, years: years, scanning: false, exact: exact)
            return (slots, jobs)
        }

        /// With `scanning` (and some years chosen), the files of the other years too: each read and
        /// checked as a load checks it — its problems reported in their place — but only its
        /// records' ids kept (in the second slots, by file; nil for a file of a year read), the
        /// records dropped as soon as the file is done.
        static func shardJobs<R: YearShardedRecord>(_ type: R.Type, _ store: WorkspaceStore, years asked: Set<Int>?, scanning: Bool, exact: Bool = false)
            -> ([Concurrently.Slot<Outcome<[R]>>], [(year: Int, ids: Concurrently.Slot<[String]>)?], [@Sendable () -> Void]) {
            let years = exact ? asked : R.yearsRead(asked)
            let files = store.shardFiles(R.folder, years: scanning ? nil : years)
            let slots = files.map { _ in Concurrently.Slot<Outcome<[R]>>() }
            var idSlots: [(year: Int, ids: Concurrently.Slot<[String]>)?] = []
            var jobs: [@Sendable () -> Void] = []
            for (file, slot) in zip(files, slots) {
                let read: @Sendable () -> Outcome<[R]> = {
                    filed(YearShard<R>.self, store, file.path, year: file.year, branch: file.branch) { ($0.year, $0.records) }
                }
                if years?.contains(file.year) ?? true {
                    idSlots.append(nil)
                    jobs.append { slot.value = read() }
                } else {
                    let ids = Concurrently.Slot<[String]>()
                    idSlots.append((file.year, ids))
                    jobs.append {
                        var outcome = read()
                        ids.value = (outcome.value as? [Activity])?.map(\.id) ?? []
                        // Not part of the workspace read: no records, places or digest (a save must not
                        // take the file for one it read).
                        outcome.value = []
                        outcome.origins = []
                        outcome.digest = nil
                        slot.value = outcome
                    }
                }
            }
            return (slots, idSlots, jobs)
        }

        /// The ids the scanning jobs kept, by id with the years they are in.
        static func idsNotRead(_ idSlots: [(year: Int, ids: Concurrently.Slot<[String]>)?]) -> IdsNotRead {
            var result = IdsNotRead()
            result.years = Set(idSlots.compactMap { $0?.year }).sorted()
            let bit = Dictionary(uniqueKeysWithValues: result.years.enumerated().map { ($1, UInt64(1) << UInt64($0)) })
            result.ids.reserveCapacity(idSlots.reduce(0) { $0 + ($1?.ids.value?.count ?? 0) })
            for case let (year, slot)? in idSlots {
                for id in slot.value ?? [] { result.ids[id, default: 0] |= bit[year]! }
            }
            return result
        }

        /// Jobs that fill one slot per branch file of the folder, by file name.
        static func branchJobs<R: BranchFiledRecord>(_ type: R.Type, _ store: WorkspaceStore) -> ([Concurrently.Slot<Outcome<[R]>>], [@Sendable () -> Void]) {
            let files = store.branchFiles(R.folder)
            let slots = files.map { _ in Concurrently.Slot<Outcome<[R]>>() }
            let jobs: [@Sendable () -> Void] = zip(files, slots).map { file, slot in
                { slot.value = filed(BranchShard<R>.self, store, file.path, year: nil, branch: file.branch) { (nil, $0.records) } }
            }
            return (slots, jobs)
        }

        mutating func merge<T>(_ outcome: Outcome<T>) -> T? {
            if let digest = outcome.digest { digests[outcome.relative] = digest }
            problems += outcome.problems
            return outcome.value
        }

        /// A folder's files put together: records and places in file order, and what the reader
        /// keeps of each file. Pure, so the folders are combined side by side.
        struct Combined<R>: @unchecked Sendable {
            var records: [R] = []
            var origins: [LoadedWorkspace.RecordOrigin] = []
            var digests: [(String, Digest)] = []
            var problems: [Problem] = []
            var legacy = false
        }

        /// `legacy`: schema 2's single file of these records, first.
        static func combine<R: FiledRecord>(_ slots: [Concurrently.Slot<Outcome<[R]>>], legacy: Outcome<[R]>? = nil) -> Combined<R> {
            let outcomes = (legacy.map { [$0] } ?? []) + slots.map { $0.value! }   // every job has run
            let total = outcomes.reduce(0) { $0 + ($1.value?.count ?? 0) }
            var combined = Combined<R>()
            combined.records.reserveCapacity(total)
            combined.origins.reserveCapacity(total)
            combined.digests.reserveCapacity(outcomes.count)
            combined.legacy = legacy != nil
            for outcome in outcomes {
                if let digest = outcome.digest { combined.digests.append((outcome.relative, digest)) }
                combined.problems += outcome.problems
                combined.records += outcome.value ?? []
                combined.origins += outcome.origins
            }
            return combined
        }

        mutating func take<R: FiledRecord>(_ combined: Combined<R>) -> [R] {
            for (path, digest) in combined.digests { digests[path] = digest }
            problems += combined.problems
            origins[R.folder] = combined.origins
            if combined.legacy { legacyLayout = true }
            return combined.records
        }

        /// Schema 2's `members.json` or `rectifications.json`, as records with their places.
        static func legacyFile<R: BranchFiledRecord, D: Decodable>(_ document: D.Type, _ records: (D) -> [R], _ store: WorkspaceStore,
                                                                    _ relative: String) -> Outcome<[R]>? {
            guard FileManager.default.fileExists(atPath: store.readable(relative)) else { return nil }
            let decoded = decode(document, store, relative, required: true)
            var outcome = Outcome<[R]>(relative: relative, digest: decoded.digest, value: decoded.value.map(records), problems: decoded.problems)
            outcome.origins = (0..<(outcome.value?.count ?? 0)).map { .init(file: relative, index: $0) }
            return outcome
        }
    }

    /// Reads the workspace. `years`: only the activities and checks of these years (the dashboard
    /// reads the current year first and the rest afterwards; see `loadYears`).
    public func load(years: Set<Int>? = nil) throws(StoreError) -> LoadedWorkspace {
        try load(years: { _ in years })
    }

    /// As `load(years:)`, the years chosen once the settings (the current year) are read.
    /// `scanningOtherYears`: the activities and checks of the other years are read and checked
    /// too — every problem a whole load finds is found — but only the activities' ids are kept
    /// (`LoadedWorkspace.activityIdsNotRead`): what an import needs of them, in a fraction of the memory.
    public func load(years choose: (WorkspaceSettings) -> Set<Int>?, scanningOtherYears: Bool = false) throws(StoreError) -> LoadedWorkspace {
        guard exists else { throw .notAWorkspace(directory) }
        // No batch is renamed into place while the files are read (FileBatch); one cut short by a
        // kill is read as its roll-back will leave it.
        let commitLock = CommitLock.shared(directory)
        defer { commitLock?.release() }
        let (loaded, problems) = try reading().read(years: choose, partial: false, scanning: scanningOtherYears)
        guard problems.isEmpty else { throw .invalid(problems) }
        return loaded
    }

    /// Every problem of every file in one pass, for `validate`: those that stop the workspace from
    /// loading (syntax, bad values — each bad record of a file, not only the first —, records in the
    /// wrong file) and, on the records that did read, every validation problem. Throws only when not
    /// even the settings and the organisation read (then with every reading problem found).
    public func problems() throws(StoreError) -> [Problem] {
        try check().problems
    }

    /// `problems()`, and the notices of the same read: the 发展党员 steps kept with an exception
    /// (`DevelopmentCheck.exceptions`), placed in their files.
    public func check() throws(StoreError) -> (problems: [Problem], notices: [Problem]) {
        guard exists else { throw .notAWorkspace(directory) }
        let commitLock = CommitLock.shared(directory)
        defer { commitLock?.release() }
        let (loaded, problems) = try reading().read(years: { _ in nil }, partial: true)
        return (problems + validate(loaded), notices(loaded))
    }

    /// The steps kept with an exception, each placed at its step (`development/b1.json:12:9 candidates[0].steps[3]`).
    public func notices(_ loaded: LoadedWorkspace) -> [Problem] {
        var bytesByFile: [String: [UInt8]] = [:]
        return DevelopmentCheck.exceptions(loaded.workspace).map { e in
            let (file, base) = place(of: .candidate(e.candidateIndex), in: loaded)
            if bytesByFile[file] == nil {
                bytesByFile[file] = [UInt8](WorkspaceCodec.withoutByteOrderMark((try? Data(contentsOf: URL(fileURLWithPath: absolute(file)))) ?? Data()))
            }
            return WorkspaceCodec.located(file: file, bytes: bytesByFile[file]!, path: PathComponent.parse(base) + PathComponent.parse("steps[\(e.stepIndex)]"),
                                          kind: .developmentException(e))
        }
    }

    /// This store as a reader reads it now (see `cutBatch`); the caller holds the commit lock shared.
    func reading() -> WorkspaceStore {
        var store = self
        store.cutBatch = FileBatch.View(root: directory)
        return store
    }

    /// `partial`: with reading problems, still make the workspace of what read (for `problems()`),
    /// and return them beside it; else the caller refuses it. `scanning`: the years not chosen are
    /// read for their activity ids only (an import's check that a new id is not taken).
    private func read(years choose: (WorkspaceSettings) -> Set<Int>?, partial: Bool, scanning: Bool = false) throws(StoreError) -> (LoadedWorkspace, [Problem]) {
        var reader = Reader(store: self)

        let (settingsData, settingsRead) = Reader.read(self, WorkspacePaths.settings, required: true)
        _ = reader.merge(settingsRead)
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
        var migratedFrom = version < WorkspaceSettings.currentSchemaVersion ? version : nil
        settings.schemaVersion = WorkspaceSettings.currentSchemaVersion
        // Version 1 had no scheme or template: they are added with their defaults (Migrations).
        let scoringRequired = version >= 2

        let legacy = holdsLegacyFiles
        let years = migratedFrom == nil && !legacy ? choose(settings) : nil

        let organisation = Concurrently.Slot<Reader.Outcome<Organisation>>(), plan = Concurrently.Slot<Reader.Outcome<WorkPlan>>()
        let template = Concurrently.Slot<Reader.Outcome<CheckTemplate>>(), scoring = Concurrently.Slot<Reader.Outcome<ScoringScheme>>()
        // Schema 2's single files: nil when not there.
        let oldManual = Concurrently.Slot<Reader.Outcome<ManualScoresDocument>>()
        let oldMembers = Concurrently.Slot<Reader.Outcome<[Member]>>(), oldRectifications = Concurrently.Slot<Reader.Outcome<[Rectification]>>()
        let (memberSlots, memberJobs) = Reader.branchJobs(Member.self, self)
        let (rectificationSlots, rectificationJobs) = Reader.branchJobs(Rectification.self, self)
        let (manualSlots, manualJobs) = Reader.branchJobs(ManualScore.self, self)
        let (bonusSlots, bonusJobs) = Reader.branchJobs(Bonus.self, self)
        let (candidateSlots, candidateJobs) = Reader.branchJobs(Candidate.self, self)
        let targets = Concurrently.Slot<Reader.Outcome<DevelopmentTargets>>()
        let goals = Concurrently.Slot<Reader.Outcome<TargetsFile>>()
        let yearsOnDisk = { Set(WorkspacePaths.yearFolders.flatMap { self.names(in: $0)?.compactMap(WorkspacePaths.directoryYear) ?? [] }) }
        let scan = scanning && years != nil && yearsOnDisk().subtracting(years!).count <= 64
        let (activitySlots, activityIdSlots, activityJobs) = Reader.shardJobs(Activity.self, self, years: years, scanning: scan)
        let (checkSlots, _, checkJobs) = Reader.shardJobs(QuarterlyCheck.self, self, years: years, scanning: scan)
        let (duesSlots, duesJobs) = Reader.shardJobs(DuesPayment.self, self, years: years)
        let (trainingSlots, trainingJobs) = Reader.shardJobs(TrainingEntry.self, self, years: years)
        let (reviewSlots, reviewJobs) = Reader.shardJobs(ReviewResult.self, self, years: years)
        let (pointSlots, pointJobs) = Reader.shardJobs(PioneerPoints.self, self, years: years)
        let (fundsSlots, fundsJobs) = Reader.shardJobs(FundsEntry.self, self, years: years)
        let store = self
        // Largest first, so the cores finish together.
        Concurrently.run([
            { if FileManager.default.fileExists(atPath: store.readable(WorkspacePaths.legacyManualScores)) {
                oldManual.value = Reader.decode(ManualScoresDocument.self, store, WorkspacePaths.legacyManualScores, required: true) } },
            { oldMembers.value = Reader.legacyFile(MembersDocument.self, \.members, store, WorkspacePaths.legacyMembers) },
            { oldRectifications.value = Reader.legacyFile(RectificationsDocument.self, \.rectifications, store, WorkspacePaths.legacyRectifications) },
            { organisation.value = Reader.decode(Organisation.self, store, WorkspacePaths.organisation, required: true) },
            { plan.value = Reader.decode(WorkPlan.self, store, WorkspacePaths.plan, required: false) },
            { template.value = Reader.decode(CheckTemplate.self, store, WorkspacePaths.checkTemplate, required: scoringRequired) },
            { scoring.value = Reader.decode(ScoringScheme.self, store, WorkspacePaths.scoring, required: scoringRequired) },
            { targets.value = Reader.decode(DevelopmentTargets.self, store, WorkspacePaths.developmentTargets, required: false) },
            { goals.value = Reader.decode(TargetsFile.self, store, WorkspacePaths.targets, required: false) },
        ] + activityJobs + memberJobs + rectificationJobs + checkJobs + duesJobs + trainingJobs + reviewJobs + pointJobs + fundsJobs + manualJobs + bonusJobs + candidateJobs)

        // Schema 2's manual-scores.json held both lists: its places are in `scores` and `bonuses`.
        var legacyScores: Reader.Outcome<[ManualScore]>? = nil, legacyBonuses: Reader.Outcome<[Bonus]>? = nil
        if let old = oldManual.value {
            let file = WorkspacePaths.legacyManualScores
            legacyScores = .init(relative: file, digest: old.digest, value: old.value?.scores, problems: old.problems,
                                 origins: (0..<(old.value?.scores.count ?? 0)).map { .init(file: file, index: $0) })
            legacyBonuses = .init(relative: file, value: old.value?.bonuses,
                                  origins: (0..<(old.value?.bonuses.count ?? 0)).map { .init(file: file, index: $0) })
        }
        // Each folder's files put together side by side (200,000 records copied into one list a kind).
        let allMembers = Concurrently.Slot<Reader.Combined<Member>>(), allRectifications = Concurrently.Slot<Reader.Combined<Rectification>>()
        let allScores = Concurrently.Slot<Reader.Combined<ManualScore>>(), allBonuses = Concurrently.Slot<Reader.Combined<Bonus>>()
        let allActivities = Concurrently.Slot<Reader.Combined<Activity>>(), allChecks = Concurrently.Slot<Reader.Combined<QuarterlyCheck>>()
        let allDues = Concurrently.Slot<Reader.Combined<DuesPayment>>(), allTraining = Concurrently.Slot<Reader.Combined<TrainingEntry>>()
        let allReviews = Concurrently.Slot<Reader.Combined<ReviewResult>>(), allPoints = Concurrently.Slot<Reader.Combined<PioneerPoints>>()
        let (oldMembersOutcome, oldRectificationsOutcome) = (oldMembers.value, oldRectifications.value)
        let (scoresLegacy, bonusesLegacy) = (legacyScores, legacyBonuses)
        Concurrently.run([
            { allActivities.value = Reader.combine(activitySlots) },
            { allMembers.value = Reader.combine(memberSlots, legacy: oldMembersOutcome) },
            { allRectifications.value = Reader.combine(rectificationSlots, legacy: oldRectificationsOutcome) },
            { allChecks.value = Reader.combine(checkSlots) },
            { allDues.value = Reader.combine(duesSlots) },
            { allTraining.value = Reader.combine(trainingSlots) },
            { allReviews.value = Reader.combine(reviewSlots) },
            { allPoints.value = Reader.combine(pointSlots) },
            { allScores.value = Reader.combine(manualSlots, legacy: scoresLegacy) },
            { allBonuses.value = Reader.combine(bonusSlots, legacy: bonusesLegacy) },
        ])

        // Merged in the order problems have always been listed in.
        let organisationValue = reader.merge(organisation.value!)
        let members = reader.take(allMembers.value!)
        let planValue = reader.merge(plan.value!)
        let templateValue = reader.merge(template.value!)
        let scoringValue = reader.merge(scoring.value!)
        let rectifications = reader.take(allRectifications.value!)
        let manualScores = reader.take(allScores.value!)
        let bonuses = reader.take(allBonuses.value!)
        let activities = reader.take(allActivities.value!)
        let checks = reader.take(allChecks.value!)
        let duesPayments = reader.take(allDues.value!)
        let trainingEntries = reader.take(allTraining.value!)
        let reviewResults = reader.take(allReviews.value!)
        let pioneerPoints = reader.take(allPoints.value!)
        let candidates = reader.take(Reader.combine(candidateSlots))
        let funds = reader.take(Reader.combine(fundsSlots))
        let targetsValue = reader.merge(targets.value!)
        let goalsValue = reader.merge(goals.value!)
        if legacy { reader.legacyLayout = true }
        // Files of schema 2 found (a copied-in old file, say): the next save is a full one.
        if reader.legacyLayout && migratedFrom == nil { migratedFrom = 2 }

        guard reader.problems.isEmpty || partial, let organisationValue else { throw .invalid(reader.problems) }
        // Schema 3's per-member dues and hours become payments and entries (of any year): a
        // workspace that holds them is read whole, so that the first save writes them all.
        let legacyMembers = members.contains(where: \.hasLegacyFields)
        if legacyMembers && years != nil { return try read(years: { _ in nil }, partial: partial, scanning: scanning) }
        var workspace = Workspace(
            settings: settings, organisation: organisationValue, members: members,
            activities: activities,
            plan: planValue ?? WorkPlan(title: "\(settings.currentYear)", year: settings.currentYear),
            checkTemplate: templateValue ?? DefaultScheme.template, scoring: scoringValue ?? DefaultScheme.scheme,
            checks: checks, rectifications: rectifications,
            manualScores: manualScores, bonuses: bonuses, duesPayments: duesPayments, trainingEntries: trainingEntries,
            reviewResults: reviewResults, pioneerPoints: pioneerPoints)
        workspace.candidates = candidates
        workspace.funds = funds
        workspace.developmentTargets = targetsValue ?? DevelopmentTargets()
        workspace.targets = goalsValue ?? TargetsFile()
        if legacyMembers {
            workspace.migrateLegacyMemberFields()
            // Placed where a save puts them: the origins of files read no longer match the lists.
            reader.origins[DuesPayment.folder] = nil
            reader.origins[TrainingEntry.folder] = nil
            if migratedFrom == nil { migratedFrom = WorkspaceSettings.currentSchemaVersion - 1 }
        }
        var loaded = LoadedWorkspace(workspace: workspace, digests: reader.digests, migratedFrom: migratedFrom, origins: reader.origins,
                                     years: years)
        if scan { loaded.activityIdsNotRead = Reader.idsNotRead(activityIdSlots) }
        return (loaded, reader.problems)
    }

    /// Adds the activities and checks of `years` to a workspace read with `load(years:)` (nothing
    /// to do for one read whole). The dashboard reads an older year when it is first shown.
    public func loadYears(_ years: Set<Int>, into loaded: inout LoadedWorkspace) throws(StoreError) {
        guard let have = loaded.years else { return }
        let missing = years.subtracting(have)
        guard !missing.isEmpty else { return }
        let commitLock = CommitLock.shared(directory)
        defer { commitLock?.release() }
        let store = reading()
        var reader = Reader(store: store)
        let (activitySlots, activityJobs) = Reader.shardJobs(Activity.self, store, years: missing)
        let (checkSlots, checkJobs) = Reader.shardJobs(QuarterlyCheck.self, store, years: missing)
        // Dues read a year more than asked (`yearsRead`): only the files not read yet.
        let duesMissing = DuesPayment.yearsRead(missing)!.subtracting(DuesPayment.yearsRead(have)!)
        let (duesSlots, duesJobs) = Reader.shardJobs(DuesPayment.self, store, years: duesMissing, exact: true)
        let (trainingSlots, trainingJobs) = Reader.shardJobs(TrainingEntry.self, store, years: missing)
        // Review results likewise (the year before each).
        let reviewsMissing = ReviewResult.yearsRead(missing)!.subtracting(ReviewResult.yearsRead(have)!)
        let (reviewSlots, reviewJobs) = Reader.shardJobs(ReviewResult.self, store, years: reviewsMissing, exact: true)
        let (pointSlots, pointJobs) = Reader.shardJobs(PioneerPoints.self, store, years: missing)
        let (fundsSlots, fundsJobs) = Reader.shardJobs(FundsEntry.self, store, years: missing)
        Concurrently.run(activityJobs + checkJobs + (duesMissing.isEmpty ? [] : duesJobs) + trainingJobs
                         + (reviewsMissing.isEmpty ? [] : reviewJobs) + pointJobs + fundsJobs)
        let activities = reader.take(Reader.combine(activitySlots))
        let checks = reader.take(Reader.combine(checkSlots))
        let dues = duesMissing.isEmpty ? [] : reader.take(Reader.combine(duesSlots))
        let training = reader.take(Reader.combine(trainingSlots))
        let reviews = reviewsMissing.isEmpty ? [] : reader.take(Reader.combine(reviewSlots))
        let points = reader.take(Reader.combine(pointSlots))
        let funds = reader.take(Reader.combine(fundsSlots))
        guard reader.problems.isEmpty else { throw .invalid(reader.problems) }
        // Places stay aligned with model order only if they were (they are dropped after a save).
        for (folder, count) in [(Activity.folder, loaded.workspace.activities.count), (QuarterlyCheck.folder, loaded.workspace.checks.count),
                                (DuesPayment.folder, loaded.workspace.duesPayments.count), (TrainingEntry.folder, loaded.workspace.trainingEntries.count),
                                (ReviewResult.folder, loaded.workspace.reviewResults.count), (PioneerPoints.folder, loaded.workspace.pioneerPoints.count),
                                (FundsEntry.folder, loaded.workspace.funds.count)] {
            if let origins = loaded.origins[folder], origins.count == count { loaded.origins[folder] = origins + (reader.origins[folder] ?? []) }
        }
        loaded.workspace.activities += activities
        loaded.workspace.checks += checks
        loaded.workspace.duesPayments += dues
        loaded.workspace.trainingEntries += training
        loaded.workspace.reviewResults += reviews
        loaded.workspace.pioneerPoints += points
        loaded.workspace.funds += funds
        loaded.digests.merge(reader.digests) { _, new in new }
        loaded.years = have.union(missing)
        loaded.activityIdsNotRead.readSince.formUnion(missing)
    }

    /// A workspace still to be migrated is read whole: the first save rewrites every year.
    /// (Schema 2's year files sit at the top of their folder: no need to list the year folders.)
    var holdsLegacyFiles: Bool {
        WorkspacePaths.yearFolders.contains { folder in
            (names(in: folder) ?? []).contains { WorkspacePaths.legacyShardYear(fileName: $0) != nil }
        }
            || WorkspacePaths.legacyFiles.contains { FileManager.default.fileExists(atPath: readable($0)) }
    }

    /// The branch files of a folder (members/, rectifications/, …), by file name.
    func branchFiles(_ folder: String) -> [(branch: String, path: String)] {
        let names = (names(in: folder) ?? []).sorted()
        return names.compactMap { name in WorkspacePaths.branchId(fileName: name).map { ($0, "\(folder)/\(name)") } }
    }

    /// A fingerprint of every file `load(years:)` would read, taken without reading them: each file's
    /// name, size, inode and modification and change times. Any write to a file moves its change time
    /// (which no program can set back), so an equal fingerprint means the same bytes as when it was
    /// taken — unless the file changed within the same tick of the file system's clock (a few
    /// milliseconds, or seconds on some): so a file changed in the last `racyWithin` seconds makes
    /// the fingerprint nil (git calls such files racily clean), as does a workspace still to be
    /// migrated or settings that do not read.
    /// On both cores, by name in each folder's descriptor.
    public func fingerprint(years choose: (WorkspaceSettings) -> Set<Int>?, racyWithin: Double = 2) -> String? {
        guard case .success(let data) = AtomicFile.read(absolute(WorkspacePaths.settings)),
              case .success(let settings) = WorkspaceCodec.decode(WorkspaceSettings.self, file: WorkspacePaths.settings, data: data),
              settings.schemaVersion == WorkspaceSettings.currentSchemaVersion, !holdsLegacyFiles else { return nil }
        let years = choose(settings)
        let paths = [WorkspacePaths.settings, WorkspacePaths.organisation, WorkspacePaths.plan, WorkspacePaths.checkTemplate, WorkspacePaths.scoring,
                     WorkspacePaths.developmentTargets, WorkspacePaths.targets]
            + WorkspacePaths.yearFolders.flatMap { shardFiles($0, years: WorkspacePaths.yearsRead($0, years)).map(\.path) }
            + WorkspacePaths.branchFolders.flatMap { branchFiles($0).map(\.path) }
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let settled = Double(now.tv_sec) + Double(now.tv_nsec) / 1e9 - racyWithin
        // In runs of files side by side; each file `stat`ed by name in its folder's descriptor and
        // mixed into its run's hash as numbers (building a line of text per file cost more than the `stat`).
        let runs = stride(from: 0, to: paths.count, by: 512).map { $0..<min($0 + 512, paths.count) }
        let root = directory
        let hashes = Concurrently.map(runs) { run -> UInt64? in
            var hash = Digest.Mixer()
            var folders: [Substring: Int32] = [:]
            defer { for fd in folders.values where fd >= 0 { close(fd) } }
            for path in paths[run] {
                let slash = path.lastIndex(of: "/")
                let folder = slash.map { path[..<$0] } ?? ""
                let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
                let fd = folders[folder] ?? {
                    let opened = open(folder.isEmpty ? root : "\(root)/\(folder)", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
                    folders[folder] = opened
                    return opened
                }()
                for byte in path.utf8 { hash.mix(UInt64(byte)) }
                var info = stat()
                guard fd >= 0, fstatat(fd, name, &info, 0) == 0 else { hash.mix(.max); continue }
                guard Double(info.st_ctim.tv_sec) + Double(info.st_ctim.tv_nsec) / 1e9 < settled else { return nil }
                hash.mix(UInt64(bitPattern: Int64(info.st_size)))
                hash.mix(UInt64(info.st_ino))
                hash.mix(UInt64(bitPattern: Int64(info.st_mtim.tv_sec)))
                hash.mix(UInt64(bitPattern: Int64(info.st_mtim.tv_nsec)))
                hash.mix(UInt64(bitPattern: Int64(info.st_ctim.tv_sec)))
                hash.mix(UInt64(bitPattern: Int64(info.st_ctim.tv_nsec)))
            }
            return hash.value
        }
        guard !hashes.contains(nil) else { return nil }
        var whole = Digest.Mixer()
        for hash in hashes { whole.mix(hash!) }
        let yearList = years.map { $0.sorted().map(String.init).joined(separator: ",") } ?? "all"
        return "\(paths.count)-\(yearList)-\(String(whole.value, radix: 16))"
    }

    /// Shard files of a folder: `FOLDER/YYYY/BRANCH.json`, and schema-2 `FOLDER/YYYY.json`; by year, then name.
    /// `years`: list only these years' folders (nil: all).
    func shardFiles(_ folder: String, years: Set<Int>? = nil) -> [(year: Int, branch: String?, path: String)] {
        var files: [(year: Int, branch: String?, path: String)] = []
        for name in names(in: folder) ?? [] {
            if let year = WorkspacePaths.legacyShardYear(fileName: name) {
                if years?.contains(year) ?? true { files.append((year, nil, "\(folder)/\(name)")) }
            } else if let year = WorkspacePaths.directoryYear(name), years?.contains(year) ?? true {
                for file in names(in: "\(folder)/\(name)") ?? [] {
                    guard let branch = WorkspacePaths.branchId(fileName: file) else { continue }
                    files.append((year, branch, "\(folder)/\(name)/\(file)"))
                }
            }
        }
        return files.sorted { ($0.year, $0.branch == nil ? 0 : 1, $0.path) < ($1.year, $1.branch == nil ? 0 : 1, $1.path) }
    }

    // MARK: Validation with places

    /// Every validation problem of a loaded workspace, with file, line, column and JSON path.
    public func validate(_ loaded: LoadedWorkspace) -> [Problem] {
        var bytesByFile: [String: [UInt8]] = [:]
        return Validator.validate(loaded.workspace).filter { !Self.judgesWhatWasNotRead($0, loaded) }.map { issue in
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

    /// A workspace read for some years only (the dashboard's first screen) holds references to
    /// records of years not read: a review result of last year (reviews are read a year further back,
    /// for last December's 不合格) names last year's 民主评议 activity; a rectification names the check
    /// that found it, of its opening year or the one before (a Q4 check held in January). Such a
    /// record cannot be looked up, which is not a problem of the files — `validate`, which reads
    /// every year, judges it.
    static func judgesWhatWasNotRead(_ issue: ValidationIssue, _ loaded: LoadedWorkspace) -> Bool {
        guard let years = loaded.years else { return false }
        let ws = loaded.workspace
        switch (issue.record, issue.kind) {
        case (.reviewResult(let i), .notReviewActivity) where ws.reviewResults.indices.contains(i):
            return !years.contains(ws.reviewResults[i].year)
        case (.rectification(let i), .unknownCheck) where ws.rectifications.indices.contains(i):
            let opened = ws.rectifications[i].openedOn.year
            return !years.contains(opened) || !years.contains(opened - 1)
        default:
            return false
        }
    }

    func place(of record: RecordRef, in loaded: LoadedWorkspace) -> (file: String, path: String) {
        func sharded<R: FiledRecord>(_ records: [R], _ i: Int) -> (String, String) {
            if let origin = loaded.origins[R.folder], origin.count == records.count {
                return (origin[i].file, "\(R.recordsKey)[\(origin[i].index)]")
            }
            // Saved since loading: the record sits where a save puts it, after those of its file before it.
            let file = records[i].shardPath
            let index = records[..<i].reduce(0) { $0 + ($1.shardPath == file ? 1 : 0) }
            return (file, "\(R.recordsKey)[\(index)]")
        }
        return switch record {
        case .settings: (WorkspacePaths.settings, "")
        case .committee: (WorkspacePaths.organisation, "committee")
        case .generalBranch(let i): (WorkspacePaths.organisation, "generalBranches[\(i)]")
        case .branch(let i): (WorkspacePaths.organisation, "branches[\(i)]")
        case .member(let i): sharded(loaded.workspace.members, i)
        case .planSection(let i): (WorkspacePaths.plan, "sections[\(i)]")
        case .planTask(let i): (WorkspacePaths.plan, "tasks[\(i)]")
        case .checkTemplate: (WorkspacePaths.checkTemplate, "")
        case .scoring: (WorkspacePaths.scoring, "")
        case .rectification(let i): sharded(loaded.workspace.rectifications, i)
        case .manualScore(let i): sharded(loaded.workspace.manualScores, i)
        case .bonus(let i): sharded(loaded.workspace.bonuses, i)
        case .activity(let i): sharded(loaded.workspace.activities, i)
        case .check(let i): sharded(loaded.workspace.checks, i)
        case .duesPayment(let i): sharded(loaded.workspace.duesPayments, i)
        case .trainingEntry(let i): sharded(loaded.workspace.trainingEntries, i)
        case .reviewResult(let i): sharded(loaded.workspace.reviewResults, i)
        case .pioneerPoints(let i): sharded(loaded.workspace.pioneerPoints, i)
        case .candidate(let i): sharded(loaded.workspace.candidates, i)
        case .funds(let i): sharded(loaded.workspace.funds, i)
        case .developmentTargets: (WorkspacePaths.developmentTargets, "")
        case .target(let i): (WorkspacePaths.targets, "targets[\(i)]")
        }
    }

    // MARK: Saving

    /// Writes a new workspace into an empty or missing directory.
    @discardableResult
    /// `besides`: entries the folder may already hold (the data home's `demo/`).
    public func create(_ workspace: Workspace, besides allowed: Set<String> = []) throws(StoreError) -> LoadedWorkspace {
        let contents = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        if contents.contains(where: { !allowed.contains($0) }) { throw .notEmpty(directory) }
        do { try AtomicFile.makeDirectory(directory) } catch { throw .io(error) }
        let empty = LoadedWorkspace(workspace: workspace)
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
            files[path] == nil && (only?.contains(path) ?? true)
                && (WorkspacePaths.shardFolders.contains { path.hasPrefix($0 + "/") } || WorkspacePaths.legacyFiles.contains(path)
                    || path == WorkspacePaths.developmentTargets || path == WorkspacePaths.targets)
        }
        let touched = Set(changed.keys).union(removed).sorted()
        // A save cut short by a kill is rolled back before the files are compared with what was
        // read (whoever saves: the editor settles first, but a save without it must not build on one).
        do { try FileBatch.rollBack(root: directory) } catch { throw .io(error) }
        let conflicts = touched.filter { diskDigest($0) != loaded.digests[$0] }
        if !conflicts.isEmpty { throw .changedOnDisk(conflicts) }

        do throws(FileError) {
            // Nothing is written through a symbolic link — not even a backup of one.
            for path in touched { try AtomicFile.refuseLinks(path, in: directory) }
            let label = loaded.migratedFrom.map { "schema-v\($0)" } ?? (backup ? "edit" : nil)
            if let label {
                try Backups(directory: directory).keep(touched.filter { loaded.digests[$0] != nil }, label: label)
            }
            // workspace.json last: a reader never sees a new schema version over old data files.
            let order = changed.keys.sorted { a, b in
                (a == WorkspacePaths.settings ? 1 : 0, a) < (b == WorkspacePaths.settings ? 1 : 0, b)
            }
            for folder in Set(order.map { ($0 as NSString).deletingLastPathComponent }) where !folder.isEmpty {
                AtomicFile.removeStaleTemps(in: absolute(folder))
            }
            // Every file of the save lands, or none does (FileBatch).
            try FileBatch(root: directory, writes: order.map { ($0, changed[$0]!) }, removals: removed.sorted()).commit()
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
        // Places are derived from model order when needed (only to report a problem), not on every save.
        result.origins = [:]
        return result
    }

    /// Settles what a writer stopped by a kill or a failure left behind, before a new change is
    /// made: a batch cut short is rolled back (`FileBatch.rollBack`), and temp files of dead writers
    /// are removed — from the workspace folder and `.backup/` always (the journal's pending file is
    /// written there), from every data folder with `everyFolder` (a county's are 26,000 names to
    /// list: done when a writer is known to have died — a lock taken over, a batch rolled back; a
    /// save also sweeps the folders it writes to). Only for a writer (it holds the workspace lock).
    public func settle(everyFolder: Bool = false) throws(FileError) {
        let rolledBack = try FileBatch.rollBack(root: directory)
        var folders = [directory, absolute(WorkspacePaths.backupDirectory)]
        if everyFolder || rolledBack {
            for folder in WorkspacePaths.yearFolders + WorkspacePaths.branchFolders {
                folders.append(absolute(folder))
                for name in DirectoryListing.names(absolute(folder)) ?? [] where WorkspacePaths.directoryYear(name) != nil {
                    folders.append(absolute("\(folder)/\(name)"))
                }
            }
        }
        for folder in folders { AtomicFile.removeStaleTemps(in: folder) }
    }

    func diskDigest(_ relative: String) -> Digest? {
        guard case .success(let data) = AtomicFile.read(absolute(relative)) else { return nil }
        return Digest(data)
    }
}
