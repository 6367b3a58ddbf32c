import PartyModel
import PartyStore

/// Where a problem the model's rules find sits in the database, as `validate` names it: the table
/// and the row's key in place of a file, line and column (`activities[a2026-0001] date: …`).
extension WorkspaceRows {
    /// The table and row of `record` and the JSON path within its body (`field` below it).
    static func place(of record: RecordRef, field: String, in ws: Workspace) -> (file: String, path: String) {
        func row(_ table: String, _ index: Int) -> (String, String) {
            let ids = Self.table(table).ids(ws)
            return ("\(table)[\(ids.indices.contains(index) ? ids[index] : "#\(index + 1)")]", field)
        }
        func within(_ table: String, _ base: String) -> (String, String) {
            (table, field.isEmpty ? base : base.isEmpty ? field : "\(base).\(field)")
        }
        return switch record {
        case .settings: within("settings", "")
        case .committee: within("committee", "")
        case .generalBranch(let i): row("general_branches", i)
        case .branch(let i): row("branches", i)
        case .member(let i): row("members", i)
        case .activity(let i): row("activities", i)
        case .planSection(let i): within("plan", "sections[\(i)]")
        case .planTask(let i): row("plan_tasks", i)
        case .checkTemplate: within("check_template", "")
        case .scoring: within("scoring_scheme", "")
        case .check(let i): row("checks", i)
        case .rectification(let i): row("rectifications", i)
        case .manualScore(let i): row("manual_scores", i)
        case .bonus(let i): row("bonuses", i)
        case .duesPayment(let i): row("dues_payments", i)
        case .trainingEntry(let i): row("training_entries", i)
        case .reviewResult(let i): row("review_results", i)
        case .pioneerPoints(let i): row("pioneer_points", i)
        case .candidate(let i): row("candidates", i)
        case .developmentTargets: within("development_targets", "")
        case .target(let i): row("targets", i)
        case .funds(let i): row("funds", i)
        }
    }

    /// What `validate` lists for a workspace in the database: each problem of the model's rules at
    /// its row, and the 发展党员 steps kept with an exception (notices, never problems).
    public static func check(_ ws: Workspace) -> (problems: [Problem], notices: [Problem]) {
        let problems = Validator.validate(ws).map { issue in
            let (file, path) = place(of: issue.record, field: issue.field, in: ws)
            return Problem(file: file, path: path, kind: issue.kind)
        }
        let notices = DevelopmentCheck.exceptions(ws).map { e in
            let (file, path) = place(of: .candidate(e.candidateIndex), field: "steps[\(e.stepIndex)]", in: ws)
            return Problem(file: file, path: path, kind: .developmentException(e))
        }
        return (problems, notices)
    }
}
