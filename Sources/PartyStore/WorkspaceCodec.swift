import Foundation
import PartyModel

/// Turns files into model values and back. Encoding is canonical (sorted keys, two-space
/// indentation, trailing newline) so that saving twice gives the same bytes and diffs stay small.
enum WorkspaceCodec {
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    static func encode<T: Encodable>(_ value: T, with encoder: JSONEncoder) -> Data {
        // Encoding plain value types cannot fail; a failure here is a programming error.
        var data = try! encoder.encode(value)
        data.append(0x0A)
        return data
    }

    /// The files a change can alter (an edit then encodes only these, not the whole workspace).
    static func paths(touchedBy change: Change) -> Set<String> {
        switch change {
        case .activity(let b, let a): Set([b, a].compactMap { $0?.shardPath })
        case .check(let b, let a): Set([b, a].compactMap { $0?.shardPath })
        case .rectification(let b, let a): Set([b, a].compactMap { $0?.shardPath })
        case .task: [WorkspacePaths.plan]
        case .branch, .generalBranch: [WorkspacePaths.organisation]
        case .member(let b, let a): Set([b, a].compactMap { $0?.shardPath })
        case .manualScore(let b, let a): Set([b, a].compactMap { $0?.shardPath })
        case .bonus(let b, let a): Set([b, a].compactMap { $0?.shardPath })
        case .duesPayment(let b, let a): Set([b, a].compactMap { $0?.shardPath })
        case .trainingEntry(let b, let a): Set([b, a].compactMap { $0?.shardPath })
        case .reviewResult(let b, let a): Set([b, a].compactMap { $0?.shardPath })
        case .pioneerPoints(let b, let a): Set([b, a].compactMap { $0?.shardPath })
        case .candidate(let b, let a): Set([b, a].compactMap { $0?.shardPath })
        case .funds(let b, let a): Set([b, a].compactMap { $0?.shardPath })
        case .developmentTargets: [WorkspacePaths.developmentTargets]
        case .targets: [WorkspacePaths.targets]
        case .batch(let list): list.reduce(into: Set<String>()) { $0.formUnion(paths(touchedBy: $1)) }
        }
    }

    /// The years of activities, checks, dues and training a change touches (they must be loaded to save it).
    static func years(touchedBy change: Change) -> Set<Int> {
        Set(paths(touchedBy: change).compactMap { WorkspacePaths.shardLocation($0)?.year })
    }

    /// Only the named files (a year file with no records left renders as absent). Each kind of
    /// record is sorted into the named files in one pass (an import names 2,000 files: one walk over
    /// the ledger each was 2,000 walks).
    static func render(_ workspace: Workspace, only paths: Set<String>) -> [String: Data] {
        let encoder = encoder()
        var files: [String: Data] = [:]
        var wanted: [String: [String: [Int?: String]]] = [:]  // folder → branch → year (nil: a branch file) → path
        for path in paths {
            switch path {
            case WorkspacePaths.settings: files[path] = encode(workspace.settings, with: encoder)
            case WorkspacePaths.organisation: files[path] = encode(workspace.organisation, with: encoder)
            case WorkspacePaths.plan: files[path] = encode(workspace.plan, with: encoder)
            case WorkspacePaths.developmentTargets:
                if !workspace.developmentTargets.isEmpty { files[path] = encode(workspace.developmentTargets, with: encoder) }
            case WorkspacePaths.targets:
                if !workspace.targets.isEmpty { files[path] = encode(workspace.targets, with: encoder) }
            default:
                guard let (folder, year, branch) = WorkspacePaths.shardLocation(path), let branch else { continue }
                wanted[folder, default: [:]][branch, default: [:]][year] = path
            }
        }
        func sorted<R: FiledRecord>(_ records: [R], year: (R) -> Int?) -> [String: [R]] {
            guard let want = wanted[R.folder] else { return [:] }
            var lists: [String: [R]] = [:]
            // An edit saves one branch's file of a kind holding a county's 140,000 records: compare the
            // branch first (no hashing, no copy of the record) and copy only the records of that file.
            if want.count == 1, let (branch, byYear) = want.first {
                for i in records.indices where records[i].branchId == branch {
                    if let path = byYear[year(records[i])] { lists[path, default: []].append(records[i]) }
                }
                return lists
            }
            for i in records.indices {
                if let path = want[records[i].branchId]?[year(records[i])] { lists[path, default: []].append(records[i]) }
            }
            return lists
        }
        func put<R: YearShardedRecord>(_ records: [R]) {
            let lists = sorted(records, year: { $0.shardYear })
            if let activities = lists as? [String: [Activity]] {
                for (path, data) in shardFiles(activities) { files[path] = data }
                return
            }
            for (path, list) in lists {
                files[path] = encode(YearShard(year: list[0].shardYear, records: list), with: encoder)
            }
        }
        func put<R: BranchFiledRecord>(_ records: [R]) {
            for (path, list) in sorted(records, year: { _ in nil }) { files[path] = encode(BranchShard(records: list), with: encoder) }
        }
        put(workspace.activities)
        put(workspace.checks)
        put(workspace.duesPayments)
        put(workspace.trainingEntries)
        put(workspace.reviewResults)
        put(workspace.pioneerPoints)
        put(workspace.funds)
        put(workspace.members)
        put(workspace.rectifications)
        put(workspace.manualScores)
        put(workspace.bonuses)
        put(workspace.candidates)
        return files
    }

    /// Every file of the workspace, by relative path.
    static func render(_ workspace: Workspace) -> [String: Data] {
        let encoder = encoder()
        var files: [String: Data] = [
            WorkspacePaths.settings: encode(workspace.settings, with: encoder),
            WorkspacePaths.organisation: encode(workspace.organisation, with: encoder),
            WorkspacePaths.plan: encode(workspace.plan, with: encoder),
            WorkspacePaths.checkTemplate: encode(workspace.checkTemplate, with: encoder),
            WorkspacePaths.scoring: encode(workspace.scoring, with: encoder),
        ]
        renderShards(workspace.activities, into: &files, with: encoder)
        renderShards(workspace.checks, into: &files, with: encoder)
        renderShards(workspace.duesPayments, into: &files, with: encoder)
        renderShards(workspace.trainingEntries, into: &files, with: encoder)
        renderShards(workspace.reviewResults, into: &files, with: encoder)
        renderShards(workspace.pioneerPoints, into: &files, with: encoder)
        renderShards(workspace.funds, into: &files, with: encoder)
        renderBranchFiles(workspace.members, into: &files, with: encoder)
        renderBranchFiles(workspace.rectifications, into: &files, with: encoder)
        renderBranchFiles(workspace.manualScores, into: &files, with: encoder)
        renderBranchFiles(workspace.bonuses, into: &files, with: encoder)
        renderBranchFiles(workspace.candidates, into: &files, with: encoder)
        if !workspace.developmentTargets.isEmpty {
            files[WorkspacePaths.developmentTargets] = encode(workspace.developmentTargets, with: encoder)
        }
        if !workspace.targets.isEmpty {
            files[WorkspacePaths.targets] = encode(workspace.targets, with: encoder)
        }
        return files
    }

    struct ShardKey: Hashable { var year: Int; var branch: String }

    /// Activities' year files, by path, written by `ActivityWriter` (the same bytes as JSONEncoder)
    /// on every core: an import saves 2,000 of them, 300,000 activities.
    static func shardFiles(_ lists: [String: [Activity]]) -> [(String, Data)] {
        let work = lists.map { ($0.key, $0.value) }
        return Concurrently.map(work) { path, list in
            (path, ActivityWriter().shardFile(year: list[0].shardYear, list))
        }
    }

    static func renderShards<R: YearShardedRecord>(_ records: [R], into files: inout [String: Data], with encoder: JSONEncoder) {
        var groups: [ShardKey: [R]] = [:]
        for record in records { groups[ShardKey(year: record.shardYear, branch: record.branchId), default: []].append(record) }
        if let activities = groups as? [ShardKey: [Activity]] {
            let byPath = Dictionary(activities.map { (WorkspacePaths.shard(R.folder, $0.key.year, branch: $0.key.branch), $0.value) },
                                    uniquingKeysWith: { a, _ in a })
            for (path, data) in shardFiles(byPath) { files[path] = data }
            return
        }
        for (key, list) in groups {
            files[WorkspacePaths.shard(R.folder, key.year, branch: key.branch)] = encode(YearShard(year: key.year, records: list), with: encoder)
        }
    }

    static func renderBranchFiles<R: BranchFiledRecord>(_ records: [R], into files: inout [String: Data], with encoder: JSONEncoder) {
        for (branch, list) in Dictionary(grouping: records, by: \.branchId) {
            files[WorkspacePaths.branchFile(R.folder, branch: branch)] = encode(BranchShard(records: list), with: encoder)
        }
    }

    /// Decodes one file; on failure returns the problem with line, column and JSON path.
    static func decode<T: Decodable>(_ type: T.Type, file: String, data: Data) -> Result<T, Problem> {
        let data = withoutByteOrderMark(data)
        // The fast path (it checks UTF-8 as it goes); anything it does not take goes to JSONDecoder,
        // the reference for errors.
        let tape = try? JSONTape(data)
        var integerAt: Int? = nil
        if let tape {
            do { return .success(try TapeDecoder.decode(T.self, from: tape)) } catch let error as TapeDecoder.Unsupported { integerAt = error.integerAt } catch {}
        }
        // JSONDecoder quietly replaces invalid UTF-8; a damaged file must be reported, not half-read.
        if String(validating: data, as: UTF8.self) == nil {
            let bytes = [UInt8](data)
            let offset = JSONLocator.firstInvalidUTF8(bytes) ?? 0
            let (line, column) = JSONLocator.lineColumn(of: offset, in: bytes)
            return .failure(Problem(file: file, line: line, column: column, kind: .syntax(.invalidUTF8)))
        }
        // A file the tape did not take as JSON may give a key twice (the tape refuses that;
        // JSONDecoder would keep the first value and the next save drop the second): an error.
        if tape == nil, let duplicate = duplicateKey(file: file, bytes: [UInt8](data)) { return .failure(duplicate) }
        do {
            return .success(try JSONDecoder().decode(T.self, from: data))
        } catch let error as DecodingError {
            let found = problem(for: error, file: file, bytes: [UInt8](data))
            // A number with a fraction (or too large) where a whole number belongs: JSONDecoder calls
            // the whole document "not valid JSON", with no place; the fast reader saw where.
            if case .other = found.kind, let integerAt {
                let (line, column) = JSONLocator.lineColumn(of: integerAt, in: [UInt8](data))
                return .failure(Problem(file: file, line: line, column: column, kind: .wrongType(expected: "integer")))
            }
            return .failure(found)
        } catch {
            return .failure(Problem(file: file, kind: .other(String(describing: error))))
        }
    }

    /// The `year` of a year file, alone.
    struct YearField: Decodable { var year: Int }

    /// A file of records (`{"year": …, KEY: [ … ]}`) that did not decode whole, decoded record by
    /// record: those that decode, their places in the array, and one located problem for each that
    /// does not (and for a bad `yearKey`). Nil when the file is not such an object of valid JSON.
    static func decodeEach<R: Decodable>(_ type: R.Type, key: String, yearKey: String?, file: String, data: Data)
        -> (year: Int?, records: [R], places: [Int], problems: [Problem])? {
        let data = withoutByteOrderMark(data)
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
        let bytes = [UInt8](data)
        var problems: [Problem] = []
        var year: Int? = nil
        if yearKey != nil {   // always "year"
            do { year = try JSONDecoder().decode(YearField.self, from: data).year } catch let error as DecodingError {
                problems.append(problem(for: error, file: file, bytes: bytes))
            } catch {}
        }
        guard let list = object[key] as? [Any] else {
            problems.append(located(file: file, bytes: bytes, path: object[key] == nil ? [] : [.key(key)],
                                    kind: object[key] == nil ? .missingField(key) : .wrongType(expected: "array")))
            return (year, [], [], problems)
        }
        var records: [R] = [], places: [Int] = []
        for (index, element) in list.enumerated() {
            let prefix: [PathComponent] = [.key(key), .index(index)]
            guard JSONSerialization.isValidJSONObject([element]),
                  let one = try? JSONSerialization.data(withJSONObject: element, options: [.fragmentsAllowed]) else { continue }
            do {
                records.append(try JSONDecoder().decode(R.self, from: one))
                places.append(index)
            } catch let error as DecodingError {
                problems.append(problem(for: error, file: file, bytes: bytes, prefix: prefix))
            } catch {
                problems.append(located(file: file, bytes: bytes, path: prefix, kind: .other(String(describing: error))))
            }
        }
        return (year, records, places, problems)
    }

    /// The first key given twice in one object, located; nil when there is none before the first
    /// other syntax problem (that one is JSONDecoder's and the locator's to report).
    static func duplicateKey(file: String, bytes: [UInt8]) -> Problem? {
        do {
            _ = try JSONLocator.parse(bytes, checkNumberRange: false)
            return nil
        } catch {
            guard case .duplicateKey = error.issue else { return nil }
            let (line, column) = JSONLocator.lineColumn(of: error.offset, in: bytes)
            return Problem(file: file, line: line, column: column, path: PathComponent.render(error.path), kind: .syntax(error.issue))
        }
    }

    static func withoutByteOrderMark(_ data: Data) -> Data {
        data.starts(with: [0xEF, 0xBB, 0xBF]) ? data.dropFirst(3) : data
    }

    /// `prefix`: where the value that was decoded sits in the file (a record decoded on its own).
    static func problem(for error: DecodingError, file: String, bytes: [UInt8], prefix: [PathComponent] = []) -> Problem {
        let codingPath: [any CodingKey]
        let kind: ProblemKind
        switch error {
        case .keyNotFound(let key, let context):
            codingPath = context.codingPath
            kind = .missingField(key.stringValue)
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            codingPath = context.codingPath
            kind = .wrongType(expected: typeCode(type))
        case .dataCorrupted(let context):
            codingPath = context.codingPath
            switch context.underlyingError {
            case let value as ValueProblem:
                switch value {
                case .invalidDate(let text): kind = .invalidDate(text)
                case .invalidMonth(let text): kind = .invalidMonth(text)
                case .unknownCode(let code, let allowed): kind = .unknownCode(code, allowed: allowed)
                }
            default:
                if codingPath.isEmpty && prefix.isEmpty {
                    // The document itself is not JSON: find where with the locating reader.
                    do {
                        _ = try JSONLocator.parse(bytes)
                    } catch {
                        let (line, column) = JSONLocator.lineColumn(of: error.offset, in: bytes)
                        let kind: ProblemKind = error.issue == .numberOutOfRange ? .numberOutOfRange : .syntax(error.issue)
                        return Problem(file: file, line: line, column: column, path: PathComponent.render(error.path), kind: kind)
                    }
                    kind = .other(context.debugDescription)
                } else if context.debugDescription.contains("fit") || context.debugDescription.contains("representable") {
                    kind = .numberOutOfRange
                } else {
                    kind = .other(context.debugDescription)
                }
            }
        @unknown default:
            return Problem(file: file, kind: .other(String(describing: error)))
        }
        let path = prefix + codingPath.map { key -> PathComponent in
            if let i = key.intValue, key.stringValue == "Index \(i)" { return .index(i) }
            return .key(key.stringValue)
        }
        return located(file: file, bytes: bytes, path: path, kind: kind)
    }

    /// A problem at a JSON path, with the line and column of the value found there.
    static func located(file: String, bytes: [UInt8], path: [PathComponent], kind: ProblemKind) -> Problem {
        var problem = Problem(file: file, path: PathComponent.render(path), kind: kind)
        if let root = try? JSONLocator.parse(bytes, checkNumberRange: false) {
            let node = JSONLocator.locate(path, in: root)
            let (line, column) = JSONLocator.lineColumn(of: node.offset, in: bytes)
            problem.line = line
            problem.column = column
        }
        return problem
    }

    static func typeCode(_ type: Any.Type) -> String {
        switch type {
        case is String.Type, is Day.Type: "string"
        case is Int.Type: "integer"
        case is Double.Type: "number"
        case is Bool.Type: "boolean"
        default:
            String(describing: type).hasPrefix("Array") ? "array" : "object"
        }
    }
}
