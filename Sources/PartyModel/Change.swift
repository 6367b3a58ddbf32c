/// One edit of the ledger: a record before and after (nil = did not exist / removed). Applying
/// it replaces the record by id; its inverse swaps before and after, which is how undo works.
public enum Change: Hashable, Sendable {
    case activity(before: Activity?, after: Activity?)
    case rectification(before: Rectification?, after: Rectification?)
    case task(before: PlanTask?, after: PlanTask?)
    /// Boxed: a branch is the largest record, and every change (an import's 200,000 in a list) would be its size twice.
    indirect case branch(before: Branch?, after: Branch?)
    /// A 党总支 (created by a branches import that names it, or edited).
    case generalBranch(before: GeneralBranch?, after: GeneralBranch?)
    case check(before: QuarterlyCheck?, after: QuarterlyCheck?)
    case manualScore(before: ManualScore?, after: ManualScore?)
    case bonus(before: Bonus?, after: Bonus?)
    /// Boxed, as a branch is: a member with their details and history is larger than an activity, and
    /// every change of an import's batch is the size of the largest case (+60 MB on 200,000 activities).
    indirect case member(before: Member?, after: Member?)
    /// 党费 paid (the member ledger).
    case duesPayment(before: DuesPayment?, after: DuesPayment?)
    /// An individual training entry (the member ledger).
    case trainingEntry(before: TrainingEntry?, after: TrainingEntry?)
    /// A 民主评议党员 result (the member ledger).
    case reviewResult(before: ReviewResult?, after: ReviewResult?)
    /// Points of a manual 先锋指数 item recorded for a member.
    case pioneerPoints(before: PioneerPoints?, after: PioneerPoints?)
    /// A person in the 发展党员 pipeline (issue 19).
    case candidate(before: Candidate?, after: Candidate?)
    /// 经费: money allocated to or spent by an organisation (issue 17).
    case funds(before: FundsEntry?, after: FundsEntry?)
    /// The 发展计划 and student counts (`development-targets.json`), as a whole.
    case developmentTargets(before: DevelopmentTargets, after: DevelopmentTargets)
    /// 目标 (`targets.json`), as a whole: a target added or changed, a figure entered for a quarter (issue 17).
    case targets(before: TargetsFile, after: TargetsFile)
    /// Several changes made as one (a check and the rectifications its findings open); undone together.
    indirect case batch([Change])

    /// The single changes, in order (a batch flattened).
    public var parts: [Change] {
        if case .batch(let list) = self { return list.flatMap(\.parts) }
        return [self]
    }

    public var inverse: Change {
        switch self {
        case .manualScore(let b, let a): .manualScore(before: a, after: b)
        case .bonus(let b, let a): .bonus(before: a, after: b)
        case .member(let b, let a): .member(before: a, after: b)
        case .duesPayment(let b, let a): .duesPayment(before: a, after: b)
        case .trainingEntry(let b, let a): .trainingEntry(before: a, after: b)
        case .reviewResult(let b, let a): .reviewResult(before: a, after: b)
        case .pioneerPoints(let b, let a): .pioneerPoints(before: a, after: b)
        case .candidate(let b, let a): .candidate(before: a, after: b)
        case .funds(let b, let a): .funds(before: a, after: b)
        case .developmentTargets(let b, let a): .developmentTargets(before: a, after: b)
        case .targets(let b, let a): .targets(before: a, after: b)
        case .batch(let list): .batch(list.reversed().map(\.inverse))
        case .activity(let b, let a): .activity(before: a, after: b)
        case .rectification(let b, let a): .rectification(before: a, after: b)
        case .task(let b, let a): .task(before: a, after: b)
        case .branch(let b, let a): .branch(before: a, after: b)
        case .generalBranch(let b, let a): .generalBranch(before: a, after: b)
        case .check(let b, let a): .check(before: a, after: b)
        }
    }

    /// The branches whose figures (compliance, scores, alerts) this change can move: those of the
    /// records it touches, before and after (a member: every branch their history names). nil when
    /// it can move any (a branch: its place in the tree, its size, its years of service); empty when
    /// none (a plan task). A dues payment or training entry also moves the figures of its member's
    /// branches, which the record alone does not name: `branchesTouched(in:)` adds them.
    public var branchesTouched: Set<String>? {
        var touched = Set<String>()
        for part in parts {
            let ids: [String?]
            switch part {
            case .branch, .generalBranch: return nil
            // A task assigned to branches moves their alerts (a sector's or 党总支's: any of them).
            case .task(let b, let a): if b?.assignment != nil || a?.assignment != nil { return nil }; ids = []
            case .batch, .developmentTargets, .targets: ids = []
            case .activity(let b, let a): ids = [b?.branchId, a?.branchId]
            case .rectification(let b, let a): ids = [b?.branchId, a?.branchId]
            case .check(let b, let a): ids = [b?.branchId, a?.branchId]
            case .manualScore(let b, let a): ids = [b?.branchId, a?.branchId]
            case .bonus(let b, let a): ids = [b?.branchId, a?.branchId]
            case .member(let b, let a): ids = (b?.branchesNamed ?? []) + (a?.branchesNamed ?? [])
            case .duesPayment(let b, let a): ids = [b?.branchId, a?.branchId]
            case .trainingEntry(let b, let a): ids = [b?.branchId, a?.branchId]
            case .reviewResult(let b, let a): ids = [b?.branchId, a?.branchId]
            case .pioneerPoints(let b, let a): ids = [b?.branchId, a?.branchId]
            case .candidate(let b, let a): ids = [b?.branchId, a?.branchId]
            case .funds(let b, let a): ids = [b?.organisationId, a?.organisationId]
            }
            touched.formUnion(ids.compactMap { $0 })
        }
        return touched
    }

    /// `branchesTouched`, with the branches of the members whose dues payments, training entries,
    /// review results or 先锋 points the change touches, and of those an activity's attendance list
    /// or talk names (a member's alerts sit in their branch now; as `workspace` has those members).
    public func branchesTouched(in workspace: Workspace) -> Set<String>? {
        guard var touched = branchesTouched else { return nil }
        var memberIds = Set<String>()
        for part in parts {
            switch part {
            case .duesPayment(let b, let a): memberIds.formUnion([b?.memberId, a?.memberId].compactMap { $0 })
            case .trainingEntry(let b, let a): memberIds.formUnion([b?.memberId, a?.memberId].compactMap { $0 })
            case .reviewResult(let b, let a): memberIds.formUnion([b?.memberId, a?.memberId].compactMap { $0 })
            case .pioneerPoints(let b, let a): memberIds.formUnion([b?.memberId, a?.memberId].compactMap { $0 })
            case .activity(let b, let a):
                for activity in [b, a].compactMap({ $0 }) {
                    memberIds.formUnion((activity.attendance ?? []).map(\.memberId))
                    memberIds.formUnion((activity.participants ?? []).compactMap(\.memberId))
                }
            default: break
            }
        }
        guard !memberIds.isEmpty else { return touched }
        for m in workspace.members where memberIds.contains(m.id) { touched.formUnion(m.branchesNamed) }
        return touched
    }

    /// What kind of record, for the journal.
    public var entity: String {
        switch self {
        case .activity: "activity"
        case .rectification: "rectification"
        case .task: "task"
        case .branch: "branch"
        case .generalBranch: "generalBranch"
        case .check: "check"
        case .manualScore: "manualScore"
        case .bonus: "bonus"
        case .member: "member"
        case .duesPayment: "duesPayment"
        case .trainingEntry: "trainingEntry"
        case .reviewResult: "reviewResult"
        case .pioneerPoints: "pioneerPoints"
        case .candidate: "candidate"
        case .funds: "funds"
        case .developmentTargets: "developmentTargets"
        case .targets: "targets"
        case .batch: "batch"
        }
    }

    /// The id of the record changed.
    public var entityId: String {
        switch self {
        case .activity(let b, let a): (a ?? b)!.id
        case .rectification(let b, let a): (a ?? b)!.id
        case .task(let b, let a): (a ?? b)!.id
        case .branch(let b, let a): (a ?? b)!.id
        case .generalBranch(let b, let a): (a ?? b)!.id
        case .check(let b, let a): (a ?? b)!.id
        case .manualScore(let b, let a): (a ?? b)!.id
        case .bonus(let b, let a): (a ?? b)!.id
        case .member(let b, let a): (a ?? b)!.id
        case .duesPayment(let b, let a): (a ?? b)!.id
        case .trainingEntry(let b, let a): (a ?? b)!.id
        case .reviewResult(let b, let a): (a ?? b)!.id
        case .pioneerPoints(let b, let a): (a ?? b)!.id
        case .candidate(let b, let a): (a ?? b)!.id
        case .funds(let b, let a): (a ?? b)!.id
        case .developmentTargets: "development-targets"
        case .targets: "targets"
        case .batch(let list): list.first?.entityId ?? ""
        }
    }

    /// add, update or delete.
    public var action: String {
        switch self {
        case .activity(let b, let a): Self.verb(b != nil, a != nil)
        case .rectification(let b, let a): Self.verb(b != nil, a != nil)
        case .task(let b, let a): Self.verb(b != nil, a != nil)
        case .branch(let b, let a): Self.verb(b != nil, a != nil)
        case .generalBranch(let b, let a): Self.verb(b != nil, a != nil)
        case .check(let b, let a): Self.verb(b != nil, a != nil)
        case .manualScore(let b, let a): Self.verb(b != nil, a != nil)
        case .bonus(let b, let a): Self.verb(b != nil, a != nil)
        case .member(let b, let a): Self.verb(b != nil, a != nil)
        case .duesPayment(let b, let a): Self.verb(b != nil, a != nil)
        case .trainingEntry(let b, let a): Self.verb(b != nil, a != nil)
        case .reviewResult(let b, let a): Self.verb(b != nil, a != nil)
        case .pioneerPoints(let b, let a): Self.verb(b != nil, a != nil)
        case .candidate(let b, let a): Self.verb(b != nil, a != nil)
        case .funds(let b, let a): Self.verb(b != nil, a != nil)
        case .developmentTargets: "update"
        case .targets: "update"
        case .batch: "batch"
        }
    }

    static func verb(_ existed: Bool, _ exists: Bool) -> String {
        existed ? (exists ? "update" : "delete") : "add"
    }

    /// The branch a change concerns (for `journal --branch`).
    public var branchId: String? {
        switch self {
        case .activity(let b, let a): (a ?? b)?.branchId
        case .rectification(let b, let a): (a ?? b)?.branchId
        case .task: nil
        case .branch(let b, let a): (a ?? b)?.id
        case .generalBranch: nil
        case .check(let b, let a): (a ?? b)?.branchId
        case .manualScore(let b, let a): (a ?? b)?.branchId
        case .bonus(let b, let a): (a ?? b)?.branchId
        case .member(let b, let a): (a ?? b)?.branchId
        case .duesPayment(let b, let a): (a ?? b)?.branchId
        case .trainingEntry(let b, let a): (a ?? b)?.branchId
        case .reviewResult(let b, let a): (a ?? b)?.branchId
        case .pioneerPoints(let b, let a): (a ?? b)?.branchId
        case .candidate(let b, let a): (a ?? b)?.branchId
        case .funds(let b, let a): (a ?? b)?.organisationId
        case .developmentTargets: nil
        case .targets: nil
        case .batch(let list): list.first?.branchId
        }
    }

    /// Why a change cannot be applied.
    public enum Conflict: Error, Equatable, Sendable {
        /// The record is not as the change expects (someone else changed it first).
        case recordChanged(entity: String, id: String)
        case duplicateId(String)
    }

    /// The workspace with the change applied. The record must currently equal `before`.
    public func apply(to workspace: Workspace) throws(Conflict) -> Workspace {
        var ws = workspace
        try apply(to: &ws)
        return ws
    }

    /// Applies the change in place (no copy of a 500,000-record ledger when the caller holds the
    /// only reference); on a conflict the workspace is left as it was.
    public func apply(to ws: inout Workspace) throws(Conflict) {
        var positions: Positions? = nil
        try apply(to: &ws, positions: &positions)
    }

    /// Where each record of a list sits, by id (the first of an id), for the lists a large batch
    /// changes: an import of 200,000 activities finds each record by a look-up, not by a walk over
    /// the ledger. Made for a list when the batch first touches it, kept up to date as records are
    /// added, forgotten (made again when next needed) when one is removed or changes its id.
    struct Positions {
        var byList: [String: [String: Int]] = [:]
        /// Batches of up to this many parts walk the lists: indexing a 500,000-record ledger costs
        /// more than a few walks over it.
        static let smallBatch = 16
    }

    private func apply(to ws: inout Workspace, positions: inout Positions?) throws(Conflict) {
        switch self {
        case .activity(let b, let a): try Self.replace(&ws.activities, b, a, entity: entity, positions: &positions)
        case .rectification(let b, let a): try Self.replace(&ws.rectifications, b, a, entity: entity, positions: &positions)
        case .task(let b, let a): try Self.replace(&ws.plan.tasks, b, a, entity: entity, positions: &positions)
        case .branch(let b, let a): try Self.replace(&ws.organisation.branches, b, a, entity: entity, positions: &positions)
        case .generalBranch(let b, let a): try Self.replace(&ws.organisation.generalBranches, b, a, entity: entity, positions: &positions)
        case .check(let b, let a): try Self.replace(&ws.checks, b, a, entity: entity, positions: &positions)
        case .manualScore(let b, let a): try Self.replace(&ws.manualScores, b, a, entity: entity, positions: &positions)
        case .bonus(let b, let a): try Self.replace(&ws.bonuses, b, a, entity: entity, positions: &positions)
        case .member(let b, let a): try Self.replace(&ws.members, b, a, entity: entity, positions: &positions)
        case .duesPayment(let b, let a): try Self.replace(&ws.duesPayments, b, a, entity: entity, positions: &positions)
        case .trainingEntry(let b, let a): try Self.replace(&ws.trainingEntries, b, a, entity: entity, positions: &positions)
        case .reviewResult(let b, let a): try Self.replace(&ws.reviewResults, b, a, entity: entity, positions: &positions)
        case .pioneerPoints(let b, let a): try Self.replace(&ws.pioneerPoints, b, a, entity: entity, positions: &positions)
        case .candidate(let b, let a): try Self.replace(&ws.candidates, b, a, entity: entity, positions: &positions)
        case .funds(let b, let a): try Self.replace(&ws.funds, b, a, entity: entity, positions: &positions)
        case .developmentTargets(let b, let a):
            guard ws.developmentTargets == b else { throw .recordChanged(entity: entity, id: entityId) }
            ws.developmentTargets = a
        case .targets(let b, let a):
            guard ws.targets == b else { throw .recordChanged(entity: entity, id: entityId) }
            ws.targets = a
        case .batch(let list):
            if positions == nil && list.count > Positions.smallBatch { positions = Positions() }
            var done = 0
            do throws(Conflict) {
                for change in list {
                    try change.apply(to: &ws, positions: &positions)
                    done += 1
                }
            } catch {
                // Undo the parts already applied, as one batch: their inverses cannot conflict.
                try? Change.batch(list[..<done].reversed().map(\.inverse)).apply(to: &ws)
                throw error
            }
        }
    }

    static func replace<T: Identified & Equatable>(_ list: inout [T], _ before: T?, _ after: T?, entity: String,
                                                   positions: inout Positions?) throws(Conflict) {
        func position(_ id: String) -> Int? {
            guard positions != nil else { return list.firstIndex { $0.id == id } }
            if positions!.byList[entity] == nil {
                var byId = [String: Int](minimumCapacity: list.count)
                for (i, record) in list.enumerated() where byId[record.id] == nil { byId[record.id] = i }
                positions!.byList[entity] = byId
            }
            return positions!.byList[entity]![id]
        }
        if let before {
            guard let i = position(before.id), list[i] == before else {
                throw .recordChanged(entity: entity, id: before.id)
            }
            if let after {
                list[i] = after
                if after.id != before.id { positions?.byList[entity] = nil }
            } else {
                list.remove(at: i)
                positions?.byList[entity] = nil
            }
        } else if let after {
            guard position(after.id) == nil else { throw .duplicateId(after.id) }
            list.append(after)
            positions?.byList[entity]?[after.id] = list.count - 1
        }
    }
}

/// Records with a stable string id.
public protocol Identified {
    var id: String { get }
}

extension Activity: Identified {}
extension Rectification: Identified {}
extension PlanTask: Identified {}
extension Branch: Identified {}
extension GeneralBranch: Identified {}
extension QuarterlyCheck: Identified {}
extension Member: Identified {}
extension DuesPayment: Identified {}
extension TrainingEntry: Identified {}
extension ReviewResult: Identified {}
extension PioneerPoints: Identified {}
extension Candidate: Identified {}
extension FundsEntry: Identified {}
extension ManualScore: Identified {
    /// Branch, item and period identify a manual score.
    public var id: String { "\(branchId)|\(itemId)|\(year)|\(quarter.map(String.init) ?? "year")" }
}
extension Bonus: Identified {
    public var id: String { "\(branchId)|\(year)|\(reason)" }
}

extension Change {
    /// Whether `workspace` already holds what this change leaves: each record as its `after` (gone
    /// when it is nil). A change replayed from another editor's journal that is already there (this
    /// editor's own, or read with the workspace) is not applied twice.
    public func isApplied(in ws: Workspace) -> Bool {
        func holds<R: Identified & Equatable>(_ list: [R], _ b: R?, _ a: R?) -> Bool {
            guard let id = a?.id ?? b?.id else { return true }
            return list.first { $0.id == id } == a
        }
        switch self {
        case .activity(let b, let a): return holds(ws.activities, b, a)
        case .rectification(let b, let a): return holds(ws.rectifications, b, a)
        case .task(let b, let a): return holds(ws.plan.tasks, b, a)
        case .branch(let b, let a): return holds(ws.organisation.branches, b, a)
        case .generalBranch(let b, let a): return holds(ws.organisation.generalBranches, b, a)
        case .check(let b, let a): return holds(ws.checks, b, a)
        case .manualScore(let b, let a): return holds(ws.manualScores, b, a)
        case .bonus(let b, let a): return holds(ws.bonuses, b, a)
        case .member(let b, let a): return holds(ws.members, b, a)
        case .duesPayment(let b, let a): return holds(ws.duesPayments, b, a)
        case .trainingEntry(let b, let a): return holds(ws.trainingEntries, b, a)
        case .reviewResult(let b, let a): return holds(ws.reviewResults, b, a)
        case .pioneerPoints(let b, let a): return holds(ws.pioneerPoints, b, a)
        case .candidate(let b, let a): return holds(ws.candidates, b, a)
        case .funds(let b, let a): return holds(ws.funds, b, a)
        case .developmentTargets(_, let a): return ws.developmentTargets == a
        case .targets(_, let a): return ws.targets == a
        case .batch(let list): return list.allSatisfy { $0.isApplied(in: ws) }
        }
    }
}
