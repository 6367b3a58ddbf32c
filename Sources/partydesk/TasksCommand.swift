import ArgumentParser
import Foundation
import PartyModel
import PartyStore
import PartyTUI

/// `partydesk tasks`: 一支部一清单 — each plan task's branches with their occurrences due and done, late
/// ones first (the default, `list`); a branch's task or occurrence marked done (`done`).
struct TasksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tasks",
        abstract: "一支部一清单: 各任务分配的支部、应报与已报、逾期 / Each task's branches, occurrences due and done, late ones first.",
        discussion: """
        任务的分配 (全部支部、某类支部、某党总支所属支部或指定支部)、阶段与周期 (每月N日、每季度、每半年、每年) 见 plan.json, \
        详见 docs/tasks.md。过了应报日 (自次日起) 仍未完成的一期、过了期限仍未完成的一次性任务列为预警。
        A task's assignment (all branches, a sector, a general branch's or a list), phases and rhythm (monthly on day N, quarterly, \
        half-yearly, yearly) are in plan.json; see docs/tasks.md. An occurrence past its due day, or a one-off task past its \
        deadline, not done by a branch is an alert from the day after.
        """,
        subcommands: [TasksListCommand.self, TasksDoneCommand.self],
        defaultSubcommand: TasksListCommand.self)
}

/// The rows `partydesk tasks` prints and the 任务 pane shows: the assigned tasks, each with its
/// branches' figures, late tasks first (then plan order).
struct TaskListing {
    var task: PlanTask
    var figures: [BranchTaskFigure]
    var late: Bool { figures.contains(where: \.isLate) }

    static func make(_ ws: Workspace, asOf: Day, branchId: String?) -> [TaskListing] {
        let rows = ws.plan.tasks.filter { $0.assignment != nil }.map { task in
            var figures = TaskSchedule.figures(task, plan: ws.plan, organisation: ws.organisation, asOf: asOf)
            if let branchId { figures = figures.filter { $0.branchId == branchId } }
            return TaskListing(task: task, figures: figures)
        }.filter { !$0.figures.isEmpty }
        return rows.enumerated().sorted { ($0.element.late ? 0 : 1, $0.offset) < ($1.element.late ? 0 : 1, $1.offset) }.map(\.element)
    }
}

struct TasksListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "各任务的支部: 状态、进度、应报与已报、逾期、下一期、佐证 (默认) / Each task's branches: status, progress, due and done, late, next, evidence (the default).")

    @OptionGroup var report: ReportOptions
    @Option(name: .long, help: ArgumentHelp("只看一个支部的清单 (编号或名称) / One branch's list (id or name).", valueName: "ID|NAME"))
    var branch: String?

    struct JSONOutput: Encodable {
        struct Occurrence: Encodable { var period: String; var due: String; var doneOn: String?; var note: String?; var late: Bool }
        struct Next: Encodable { var period: String; var due: String }
        struct BranchRow: Encodable {
            var id: String, name: String, status: String, statusName: String, standing: String, progress: Int, share: Double
            var evidence: String?, doneOn: String?, late: Bool, branchLate: Bool, due: Int, done: Int
            var lateOccurrences: [String], next: Next?, occurrences: [Occurrence]
        }
        struct Task: Encodable {
            var id: String, title: String, sectionId: String, assignment: String, scope: String
            var deadline: String?, recurrence: String?, phase: String?, late: Int, branches: [BranchRow]
        }
        var asOf: String, planYear: Int, branch: String?, counts: [String: Int], tasks: [Task]
    }

    func run() throws {
        let lang = report.lang, zh = lang == .zh
        let (opened, _) = try report.openForFigures(countInJSON: true)
        let ws = opened.workspace
        let asOf = try report.asOf()
        let only = try branch.map { try resolveBranch($0, in: ws, lang) }
        let listing = TaskListing.make(ws, asOf: asOf, branchId: only?.id)
        let lateBranches = listing.reduce(0) { $0 + $1.figures.filter(\.isLate).count }
        switch report.format {
        case .json:
            let tasks = listing.map { row -> JSONOutput.Task in
                let t = row.task
                return .init(id: t.id, title: t.title, sectionId: t.sectionId, assignment: t.assignment!.name(lang, in: ws.organisation),
                             scope: t.assignment!.scope.rawValue, deadline: t.deadline?.iso, recurrence: t.recurrence?.name(lang),
                             phase: TaskSchedule.phase(t, on: asOf)?.name, late: row.figures.filter(\.isLate).count,
                             branches: row.figures.map { f in
                                 .init(id: f.branchId, name: f.branchName, status: f.state.status.rawValue, statusName: f.state.status.name(lang),
                                       standing: f.standing(lang), progress: f.state.progress, share: f.share, evidence: f.state.evidence, doneOn: f.state.doneOn?.iso,
                                       late: f.isLate, branchLate: f.branchLate, due: f.due.count, done: f.doneCount,
                                       lateOccurrences: f.late.map(\.occurrence.period.key),
                                       next: f.next.map { .init(period: $0.period.key, due: $0.due.iso) },
                                       occurrences: f.due.map { o in
                                           .init(period: o.occurrence.period.key, due: o.occurrence.due.iso, doneOn: o.done?.doneOn.iso, note: o.done?.note, late: o.late)
                                       })
                             })
            }
            try Output.json(JSONOutput(asOf: asOf.iso, planYear: ws.plan.year, branch: only?.id,
                                       counts: ["tasks": listing.count, "assignments": listing.reduce(0) { $0 + $1.figures.count }, "late": lateBranches],
                                       tasks: tasks))
        default:
            let columns: [TextTable.Column] = [
                .init(zh ? "任务" : "Task", maxWidth: 24), .init(zh ? "周期/期限" : "Rhythm/deadline", maxWidth: 14),
                .init(zh ? "支部" : "Branch", maxWidth: 20), .init(zh ? "情况" : "Standing"), .init(zh ? "完成度" : "Share", .right, number: true),
                .init(zh ? "已报/应报" : "Done/due", .right), .init(zh ? "逾期" : "Late"), .init(zh ? "下一期" : "Next"),
                .init(zh ? "佐证" : "Evidence", maxWidth: 24), .init(zh ? "编号" : "Id"),
            ]
            var rows: [[String]] = []
            for row in listing {
                let t = row.task
                let rhythm = t.recurrence?.name(lang) ?? t.deadline?.iso ?? t.phase ?? ""
                for f in row.figures {
                    let counts = f.recurring ? "\(f.doneCount)/\(f.due.count)" : (f.state.doneOn?.iso ?? "")
                    let late = f.branchLate ? (t.deadline?.iso ?? "") : f.late.map(\.occurrence.period.key).joined(separator: " ")
                    let next = f.next.map { "\($0.period.key) \(zh ? "应于" : "by") \($0.due.iso)" } ?? ""
                    let evidence = f.state.evidence ?? f.due.last(where: { $0.done != nil })?.done?.note ?? ""
                    rows.append([t.title, rhythm, f.branchName, f.standing(lang), "\(Int((f.share * 100).rounded()))%", counts, late, next, evidence, "\(t.id) \(f.branchId)"])
                }
            }
            let title = zh ? "\(ws.settings.name) 一支部一清单 (截至 \(asOf.iso))" + (only.map { " · \($0.name)" } ?? "")
                           : "\(ws.settings.name) tasks per branch as of \(asOf.iso)" + (only.map { " · \($0.name)" } ?? "")
            let footer = zh ? "共 \(listing.count) 项任务, 分配 \(listing.reduce(0) { $0 + $1.figures.count }) 个支部次, 逾期 \(lateBranches) 个"
                            : "\(listing.count) task(s), \(listing.reduce(0) { $0 + $1.figures.count }) assignment(s), \(lateBranches) late"
            Output.emit(TextTable(columns: columns, rows: rows), format: report.format, title: title, footer: [footer])
        }
    }
}

struct TasksDoneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "done",
        abstract: "登记一个支部完成任务或其中一期 / Mark a branch's task (or one occurrence) done, with the same checks, lock, save and journal as the dashboard.")

    @OptionGroup var workspace: WorkspaceOptions
    @Option(name: .long, help: "任务编号 / The task's id.") var task: String
    @Option(name: .long, help: ArgumentHelp("支部编号或名称 / The branch (id or name).", valueName: "ID|NAME")) var branch: String
    @Option(name: .long, help: ArgumentHelp("周期任务的一期 / The occurrence of a recurring task.", valueName: "YYYY-MM|YYYY-Qn|YYYY-Hn|YYYY"))
    var occurrence: String?
    @Option(name: .long, help: ArgumentHelp("完成日期 / Day done.", valueName: "DATE")) var date: String
    @Option(name: .long, help: "佐证 / Evidence (what shows it was done).") var evidence: String?

    func run() throws {
        let lang = workspace.lang, zh = lang == .zh
        guard let day = Day.parse(date) else { throw ValidationError("--date \"\(date)\": 无法识别的日期 / unrecognised date") }
        let editing = try workspace.startEditing(years: { _ in [day.year] })
        defer { editing.release() }
        let loaded = editing.loaded
        let ws = loaded.workspace
        guard let before = ws.plan.tasks.first(where: { $0.id == task }) else {
            throw CLIFailure(message: zh ? "--task \(task): 没有这个编号的任务" : "--task \(task): no task has this id", code: 2)
        }
        let b = try resolveBranch(branch, in: ws, lang)
        guard TaskSchedule.branches(before, in: ws.organisation, on: day).contains(where: { $0.id == b.id }) else {
            throw CLIFailure(message: zh ? "任务 \(before.id) 未分配给 \(b.name)" : "task \(before.id) is not assigned to \(b.name)", code: 2)
        }
        let note = evidence.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        var after = before
        var state = before.state(of: b.id)
        let what: String
        if let r = before.recurrence {
            guard let text = occurrence else {
                throw CLIFailure(message: zh ? "任务 \(before.id) 按周期报送 (\(r.name(lang))): 请用 --occurrence 指明哪一期" : "task \(before.id) recurs (\(r.name(lang))): name the occurrence with --occurrence", code: 2)
            }
            guard let period = TaskPeriod.parse(text), period.unit == r.every,
                  TaskSchedule.occurrences(before, planYear: ws.plan.year).contains(where: { $0.period == period }) else {
                throw CLIFailure(message: zh ? "--occurrence \(text): 任务 \(before.id) 没有这一期" : "--occurrence \(text): task \(before.id) has no such occurrence", code: 2)
            }
            state.record(OccurrenceDone(period: period.key, doneOn: day, note: note))
            if state.status == .notStarted { state.status = .inProgress }
            what = period.name(lang)
        } else {
            if occurrence != nil { throw CLIFailure(message: zh ? "任务 \(before.id) 不按周期, 不用 --occurrence" : "task \(before.id) does not recur: leave out --occurrence", code: 2) }
            state.status = .done; state.progress = 100; state.doneOn = day
            if let note { state.evidence = note }
            what = zh ? "完成" : "done"
        }
        after.setState(state)
        if let issue = Validator.validate(task: after, in: ws).first {
            throw CLIFailure(message: "\(issue.field): \(issue.kind.message(lang))")
        }
        try editing.commit(.task(before: before, after: after), lang)
        Output.line(zh ? "已登记 \(before.id)「\(before.title)」\(b.name) \(what) \(day.iso)" : "recorded \(before.id) \"\(before.title)\" \(b.name) \(what) on \(day.iso)")
    }
}
