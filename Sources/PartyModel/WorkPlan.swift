public enum TaskStatus: String, CodedEnum {
    case notStarted, inProgress, done, blocked
}

public struct PlanSection: Codable, Hashable, Sendable {
    public var id: String
    public var title: String
    public init(id: String, title: String) { self.id = id; self.title = title }
}

/// 重点任务: one item of the campaign plan with its responsible units (责任单位); assigned to branches
/// (一支部一清单, `assignment`), with phases (动员部署 / 组织实施 / 总结提升) and a rhythm
/// (`recurrence`: 每月25日前报送, 每半年书面报告) — each assigned branch's own state in `branches`.
public struct PlanTask: Codable, Hashable, Sendable {
    public var id: String
    public var sectionId: String
    public var title: String
    public var responsibleUnits: [String]
    /// A phase named in the plan (e.g. 调研摸底 4月), when there is no exact deadline.
    public var phase: String?
    public var deadline: Day?
    /// The measurable target, e.g. 20%以上党支部达到最强党支部标准.
    public var target: String?
    public var status: TaskStatus
    /// 0 … 100.
    public var progress: Int
    public var notes: String?
    /// 一支部一清单: the branches the task is assigned to (nil: not assigned to branches).
    public var assignment: TaskAssignment?
    /// The plan's phases with their days (seed 002: 动员部署, 组织实施, 总结提升); none when empty.
    public var phases: [TaskPhase]
    /// How often it falls due (nil: once, by `deadline`).
    public var recurrence: TaskRecurrence?
    /// The assigned branches' own state; a branch not listed has not started.
    public var branches: [BranchTask]

    public init(id: String, sectionId: String, title: String, responsibleUnits: [String] = [], phase: String? = nil,
                deadline: Day? = nil, target: String? = nil, status: TaskStatus = .notStarted, progress: Int = 0,
                notes: String? = nil, assignment: TaskAssignment? = nil, phases: [TaskPhase] = [],
                recurrence: TaskRecurrence? = nil, branches: [BranchTask] = []) {
        self.id = id; self.sectionId = sectionId; self.title = title; self.responsibleUnits = responsibleUnits
        self.phase = phase; self.deadline = deadline; self.target = target; self.status = status
        self.progress = progress; self.notes = notes
        self.assignment = assignment; self.phases = phases; self.recurrence = recurrence; self.branches = branches
    }

    enum CodingKeys: String, CodingKey {
        case id, sectionId, title, responsibleUnits, phase, deadline, target, status, progress, notes
        case assignment, phases, recurrence, branches
    }

    // Plan files written before 一支部一清单 have none of the last four keys: they load unchanged, and
    // a task without them is written without them (empty lists are left out).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        sectionId = try c.decode(String.self, forKey: .sectionId)
        title = try c.decode(String.self, forKey: .title)
        responsibleUnits = try c.decode([String].self, forKey: .responsibleUnits)
        phase = try c.decodeIfPresent(String.self, forKey: .phase)
        deadline = try c.decodeIfPresent(Day.self, forKey: .deadline)
        target = try c.decodeIfPresent(String.self, forKey: .target)
        status = try c.decode(TaskStatus.self, forKey: .status)
        progress = try c.decode(Int.self, forKey: .progress)
        notes = try c.decodeIfPresent(String.self, forKey: .notes)
        assignment = try c.decodeIfPresent(TaskAssignment.self, forKey: .assignment)
        phases = try c.value(.phases, default: [])
        recurrence = try c.decodeIfPresent(TaskRecurrence.self, forKey: .recurrence)
        branches = try c.value(.branches, default: [])
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(sectionId, forKey: .sectionId)
        try c.encode(title, forKey: .title)
        try c.encode(responsibleUnits, forKey: .responsibleUnits)
        try c.encodeIfPresent(phase, forKey: .phase)
        try c.encodeIfPresent(deadline, forKey: .deadline)
        try c.encodeIfPresent(target, forKey: .target)
        try c.encode(status, forKey: .status)
        try c.encode(progress, forKey: .progress)
        try c.encodeIfPresent(notes, forKey: .notes)
        try c.encodeIfPresent(assignment, forKey: .assignment)
        if !phases.isEmpty { try c.encode(phases, forKey: .phases) }
        try c.encodeIfPresent(recurrence, forKey: .recurrence)
        if !branches.isEmpty { try c.encode(branches, forKey: .branches) }
    }

    /// A branch's own state of this task (not started when none is recorded).
    public func state(of branchId: String) -> BranchTask {
        branches.first { $0.branchId == branchId } ?? BranchTask(branchId: branchId)
    }

    /// Records a branch's state (replacing the one it had; branches stay in the order first recorded).
    public mutating func setState(_ state: BranchTask) {
        if let i = branches.firstIndex(where: { $0.branchId == state.branchId }) { branches[i] = state } else { branches.append(state) }
    }
}

/// To whom a task is assigned: every branch, a sector's, a 党总支's, or a list.
public enum TaskScope: String, CodedEnum {
    case all, sector, generalBranch, branches
}

/// 一支部一清单: `{"scope": "sector", "sector": "rural"}`, `{"scope": "generalBranch", "generalBranch": "g1"}`,
/// `{"scope": "branches", "branches": ["b1", "b2"]}`, `{"scope": "all"}`. The sector is kept as its
/// code so that an unknown one is a problem naming the task, not a file that cannot be read.
public struct TaskAssignment: Codable, Hashable, Sendable {
    public var scope: TaskScope
    public var sector: String?
    public var generalBranch: String?
    public var branches: [String]?

    public init(scope: TaskScope, sector: String? = nil, generalBranch: String? = nil, branches: [String]? = nil) {
        self.scope = scope; self.sector = sector; self.generalBranch = generalBranch; self.branches = branches
    }
    public static let all = TaskAssignment(scope: .all)
    public static func sector(_ s: Sector) -> TaskAssignment { TaskAssignment(scope: .sector, sector: s.rawValue) }
    public static func generalBranch(_ id: String) -> TaskAssignment { TaskAssignment(scope: .generalBranch, generalBranch: id) }
    public static func branches(_ ids: [String]) -> TaskAssignment { TaskAssignment(scope: .branches, branches: ids) }
}

/// A phase of the plan with its days (动员部署 2026-03-01 ~ 2026-03-31).
public struct TaskPhase: Codable, Hashable, Sendable {
    public var name: String
    public var start: Day
    public var end: Day
    public init(name: String, start: Day, end: Day) { self.name = name; self.start = start; self.end = end }
}

public enum RecurrenceUnit: String, CodedEnum {
    case month, quarter, halfYear, year
}

/// A task's rhythm: once every month, quarter, half-year or year, due on `day` of the period's `month`.
/// 每月25日前: `{"every": "month", "day": 25}`; 每半年: `{"every": "halfYear"}` (the half's last day).
public struct TaskRecurrence: Codable, Hashable, Sendable {
    public var every: RecurrenceUnit
    /// Day of the month it is due (1…31; past the month's end: its last day); nil: the month's last day.
    public var day: Int?
    /// For a quarter, half-year or year: which month of the period (1 = its first); nil: its last.
    public var month: Int?
    /// The first and last day an occurrence may fall due; nil: the plan year's first and last day.
    public var from: Day?
    public var until: Day?

    public init(every: RecurrenceUnit, day: Int? = nil, month: Int? = nil, from: Day? = nil, until: Day? = nil) {
        self.every = every; self.day = day; self.month = month; self.from = from; self.until = until
    }
}

/// One assigned branch's own state of a task: status, progress, evidence (佐证), the day done, and the
/// occurrences it did (for a recurring task).
public struct BranchTask: Codable, Hashable, Sendable {
    public var branchId: String
    public var status: TaskStatus
    /// 0 … 100.
    public var progress: Int
    /// 佐证: what shows it was done (a document, minutes, a photo's place).
    public var evidence: String?
    public var doneOn: Day?
    public var occurrences: [OccurrenceDone]

    public init(branchId: String, status: TaskStatus = .notStarted, progress: Int = 0, evidence: String? = nil, doneOn: Day? = nil,
                occurrences: [OccurrenceDone] = []) {
        self.branchId = branchId; self.status = status; self.progress = progress; self.evidence = evidence
        self.doneOn = doneOn; self.occurrences = occurrences
    }

    enum CodingKeys: String, CodingKey { case branchId, status, progress, evidence, doneOn, occurrences }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        branchId = try c.decode(String.self, forKey: .branchId)
        status = try c.value(.status, default: .notStarted)
        progress = try c.value(.progress, default: 0)
        evidence = try c.decodeIfPresent(String.self, forKey: .evidence)
        doneOn = try c.decodeIfPresent(Day.self, forKey: .doneOn)
        occurrences = try c.value(.occurrences, default: [])
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(branchId, forKey: .branchId)
        try c.encode(status, forKey: .status)
        try c.encode(progress, forKey: .progress)
        try c.encodeIfPresent(evidence, forKey: .evidence)
        try c.encodeIfPresent(doneOn, forKey: .doneOn)
        if !occurrences.isEmpty { try c.encode(occurrences, forKey: .occurrences) }
    }

    /// The record of an occurrence, by its period key (2026-10, 2026-Q4, 2026-H2, 2026).
    public func done(_ period: String) -> OccurrenceDone? { occurrences.first { $0.period == period } }

    /// Records an occurrence done (replacing the record of the same period), in period order.
    public mutating func record(_ done: OccurrenceDone) {
        occurrences.removeAll { $0.period == done.period }
        occurrences.append(done)
        occurrences.sort { $0.period < $1.period }
    }
}

/// An occurrence a branch did: its period key, the day and a note (佐证).
public struct OccurrenceDone: Codable, Hashable, Sendable {
    public var period: String
    public var doneOn: Day
    public var note: String?
    public init(period: String, doneOn: Day, note: String? = nil) { self.period = period; self.doneOn = doneOn; self.note = note }
}

/// 工作方案: the year's campaign plan.
public struct WorkPlan: Codable, Hashable, Sendable {
    public var title: String
    public var year: Int
    public var sections: [PlanSection]
    public var tasks: [PlanTask]

    public init(title: String, year: Int, sections: [PlanSection] = [], tasks: [PlanTask] = []) {
        self.title = title; self.year = year; self.sections = sections; self.tasks = tasks
    }
}
