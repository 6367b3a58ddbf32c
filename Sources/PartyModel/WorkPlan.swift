public enum TaskStatus: String, CodedEnum {
    case notStarted, inProgress, done, blocked
}

public struct PlanSection: Codable, Hashable, Sendable {
    public var id: String
    public var title: String
    public init(id: String, title: String) { self.id = id; self.title = title }
}

/// 重点任务: one item of the campaign plan with its responsible units (责任单位).
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

    public init(id: String, sectionId: String, title: String, responsibleUnits: [String] = [], phase: String? = nil,
                deadline: Day? = nil, target: String? = nil, status: TaskStatus = .notStarted, progress: Int = 0,
                notes: String? = nil) {
        self.id = id; self.sectionId = sectionId; self.title = title; self.responsibleUnits = responsibleUnits
        self.phase = phase; self.deadline = deadline; self.target = target; self.status = status
        self.progress = progress; self.notes = notes
    }
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
