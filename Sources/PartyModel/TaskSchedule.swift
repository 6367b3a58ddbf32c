/// One period of a recurring task: a month (2026-10), a quarter (2026-Q4), a half-year (2026-H2) or a
/// year (2026). Its `key` is how plan.json and the command line name it.
public struct TaskPeriod: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var unit: RecurrenceUnit
    public var year: Int
    /// 1-based: the month, quarter or half; 1 for a year.
    public var index: Int

    public init(unit: RecurrenceUnit, year: Int, index: Int) { self.unit = unit; self.year = year; self.index = index }

    public var key: String {
        switch unit {
        case .month: index < 10 ? "\(year)-0\(index)" : "\(year)-\(index)"
        case .quarter: "\(year)-Q\(index)"
        case .halfYear: "\(year)-H\(index)"
        case .year: "\(year)"
        }
    }
    public var description: String { key }

    /// Reads `YYYY-MM`, `YYYY-Qn`, `YYYY-Hn` or `YYYY`.
    public static func parse(_ text: String) -> TaskPeriod? {
        let t = text.trimmingWhitespace().uppercased()
        let parts = t.split(separator: "-", omittingEmptySubsequences: false)
        guard let year = Int(parts[0]), parts[0].count == 4 else { return nil }
        if parts.count == 1 { return TaskPeriod(unit: .year, year: year, index: 1) }
        guard parts.count == 2 else { return nil }
        let tail = parts[1]
        if tail.hasPrefix("Q"), let n = Int(tail.dropFirst()), (1...4).contains(n) { return TaskPeriod(unit: .quarter, year: year, index: n) }
        if tail.hasPrefix("H"), let n = Int(tail.dropFirst()), (1...2).contains(n) { return TaskPeriod(unit: .halfYear, year: year, index: n) }
        if tail.count == 2, let n = Int(tail), (1...12).contains(n) { return TaskPeriod(unit: .month, year: year, index: n) }
        return nil
    }

    /// Months a period of the unit spans.
    static func length(_ unit: RecurrenceUnit) -> Int {
        switch unit { case .month: 1; case .quarter: 3; case .halfYear: 6; case .year: 12 }
    }

    public var firstMonth: Int { (index - 1) * Self.length(unit) + 1 }
    public var lastMonth: Int { index * Self.length(unit) }

    public static func < (a: TaskPeriod, b: TaskPeriod) -> Bool { (a.year, a.firstMonth) < (b.year, b.firstMonth) }
}

/// An occurrence of a recurring task: its period and the day it is due by.
public struct TaskOccurrence: Hashable, Sendable {
    public var period: TaskPeriod
    public var due: Day
    public init(period: TaskPeriod, due: Day) { self.period = period; self.due = due }
}

/// The plan's rhythm worked out: occurrences, assigned branches, each branch's figures. Pure.
public enum TaskSchedule {
    /// The day an occurrence of `period` falls due: `day` of the period's `month` (a day past the
    /// month's end is its last day: 每月31日 in February is the 28th or 29th).
    public static func due(_ r: TaskRecurrence, _ period: TaskPeriod) -> Day {
        let length = TaskPeriod.length(r.every)
        let offset = min(max(r.month ?? length, 1), length) - 1
        let month = period.firstMonth + offset
        let last = Day.daysIn(month: month, year: period.year)
        return Day(year: period.year, month: month, day: min(max(r.day ?? last, 1), last))!
    }

    /// The occurrences due from `from` through `through` (both included), in order.
    public static func occurrences(_ r: TaskRecurrence, from: Day, through: Day) -> [TaskOccurrence] {
        guard from <= through else { return [] }
        let perYear = 12 / TaskPeriod.length(r.every)
        var out: [TaskOccurrence] = []
        for year in from.year...through.year {
            for index in 1...perYear {
                let period = TaskPeriod(unit: r.every, year: year, index: index)
                let day = due(r, period)
                if day >= from && day <= through { out.append(TaskOccurrence(period: period, due: day)) }
            }
        }
        return out
    }

    /// A task's occurrences in its span: `recurrence.from`/`until`, else the plan year's first and last day.
    public static func occurrences(_ task: PlanTask, planYear: Int) -> [TaskOccurrence] {
        guard let r = task.recurrence else { return [] }
        return occurrences(r, from: r.from ?? Day.firstOf(year: planYear, month: 1), through: r.until ?? Day.lastOf(year: planYear, month: 12))
    }

    /// The branches a task is assigned to on `day` (in service then), in the tree's order; a list's
    /// unknown ids are left out (validation names them).
    public static func branches(_ task: PlanTask, in org: Organisation, on day: Day) -> [Branch] {
        guard let a = task.assignment else { return [] }
        let serving = org.branches(inServiceOn: day)
        switch a.scope {
        case .all: return serving
        case .sector: return serving.filter { $0.sector.rawValue == a.sector }
        case .generalBranch: return serving.filter { $0.parentId != nil && $0.parentId == a.generalBranch }
        case .branches:
            let listed = Set(a.branches ?? [])
            return serving.filter { listed.contains($0.id) }
        }
    }

    /// The phase `day` falls in, if any.
    public static func phase(_ task: PlanTask, on day: Day) -> TaskPhase? {
        task.phases.first { $0.start <= day && day <= $0.end }
    }
}

/// An occurrence as one branch stands with it on a day.
public struct OccurrenceFigure: Hashable, Sendable {
    public var occurrence: TaskOccurrence
    /// The branch's record, when done by the day judged.
    public var done: OccurrenceDone?
    /// Past its due day (from the day after) and not done.
    public var late: Bool
}

/// One assigned branch's figures of one task on a day: its state, the occurrences due by then (done or
/// late), the next one; for a one-off task, whether it is past the deadline and not done.
public struct BranchTaskFigure: Hashable, Sendable {
    public var taskId: String
    public var branchId: String
    public var branchName: String
    public var state: BranchTask
    /// The occurrences due on or before the day.
    public var due: [OccurrenceFigure]
    /// The first occurrence after the day (or on it) not yet done.
    public var next: TaskOccurrence?
    /// A one-off task past its deadline that the branch has not done (`task.branch-late`).
    public var branchLate: Bool

    public var late: [OccurrenceFigure] { due.filter(\.late) }
    public var doneCount: Int { due.filter { $0.done != nil }.count }
    /// Late in either way.
    public var isLate: Bool { branchLate || due.contains(where: \.late) }
    /// Done: a one-off done, or every occurrence due so far done.
    /// Whether the task recurs (its occurrences are what counts) or is a one-off (its status).
    public var recurring: Bool
    /// How far along, 0…1: a recurring task's occurrences done of those due (1 when none is due yet);
    /// a one-off's progress (1 when done).
    public var share: Double {
        if recurring { return due.isEmpty ? 1 : Double(doneCount) / Double(due.count) }
        return state.status == .done ? 1 : Double(min(100, max(0, state.progress))) / 100
    }
    /// Done: a one-off marked done; a recurring task with every occurrence of its span done.
    public var isDone: Bool { recurring ? next == nil && doneCount == due.count : state.status == .done }
}

extension TaskSchedule {
    /// One branch's figures of a task on `asOf`. An occurrence counts as done when its day is on or before `asOf`.
    public static func figure(_ task: PlanTask, branch: Branch, planYear: Int, asOf: Day) -> BranchTaskFigure {
        let state = task.state(of: branch.id)
        var due: [OccurrenceFigure] = []
        var next: TaskOccurrence?
        for o in occurrences(task, planYear: planYear) {
            let done = state.done(o.period.key).flatMap { $0.doneOn <= asOf ? $0 : nil }
            if o.due <= asOf {
                due.append(OccurrenceFigure(occurrence: o, done: done, late: done == nil && o.due < asOf))
            } else if next == nil && done == nil {
                next = o
            }
        }
        let doneByDay = state.status == .done && (state.doneOn.map { $0 <= asOf } ?? true)
        let branchLate = task.recurrence == nil && !doneByDay && (task.deadline.map { $0 < asOf } ?? false)
        return BranchTaskFigure(taskId: task.id, branchId: branch.id, branchName: branch.name, state: state, due: due, next: next, branchLate: branchLate,
                                recurring: task.recurrence != nil)
    }

    /// Every assigned branch's figures of a task, late ones first (then the tree's order).
    public static func figures(_ task: PlanTask, plan: WorkPlan, organisation: Organisation, asOf: Day) -> [BranchTaskFigure] {
        let list = branches(task, in: organisation, on: asOf).map { figure(task, branch: $0, planYear: plan.year, asOf: asOf) }
        return list.enumerated().sorted { a, b in (a.element.isLate ? 0 : 1, a.offset) < (b.element.isLate ? 0 : 1, b.offset) }.map(\.element)
    }

    /// The tasks assigned to each branch on `asOf` (the branch's 一支部一清单), in plan order.
    public static func tasksByBranch(_ plan: WorkPlan, organisation: Organisation, asOf: Day) -> [String: [PlanTask]] {
        var out: [String: [PlanTask]] = [:]
        for task in plan.tasks where task.assignment != nil {
            for b in branches(task, in: organisation, on: asOf) { out[b.id, default: []].append(task) }
        }
        return out
    }
}
