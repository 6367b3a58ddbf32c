import ArgumentParser
import Foundation
import PartyModel
import PartyStore

/// `partydesk add-activity`: record one activity from a script or the shell, with the same checks,
/// crash-safe save, backups and journal as the dashboard's form. Waits up to 5 s for another writer's
/// lock (`WorkspaceOptions.lockForWriting`); refused while a dashboard edits.
struct AddActivityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add-activity",
        abstract: "登记一次活动 / Record an activity (same rules, save and journal as the dashboard).")

    @OptionGroup var workspace: WorkspaceOptions

    @Option(name: .long, help: "支部编号 / Branch id.")
    var branch: String

    @Option(name: .long, help: ArgumentHelp("类型, 代码或中文名 / Kind, by code or Chinese name: \(ActivityKind.allCases.map { "\($0.rawValue) \($0.name(.zh))" }.joined(separator: ", ")).", valueName: "KIND"))
    var kind: String

    @Option(name: .long, help: ArgumentHelp("日期 / Date.", valueName: "DATE"))
    var date: String

    @Option(name: .long, help: "标题 / Title.")
    var title: String

    @Option(name: .long, help: "学时 / Hours.") var hours: Double?
    @Option(name: .long, help: "实到 / Attended.") var attended: Int?
    @Option(name: .long, help: "应到 / Expected.") var expected: Int?
    @Option(name: .long, help: "党小组编号 / Party group id.") var group: String?
    @Option(name: .long, help: ArgumentHelp("地点 / Place (where it was held).", valueName: "TEXT")) var place: String?
    @Option(name: .long, help: ArgumentHelp("主持人 / Host (who presided).", valueName: "TEXT")) var host: String?

    func run() throws {
        let lang = workspace.lang
        guard let kind = ActivityKind.named(kind) else {
            throw ValidationError("--kind \(self.kind): " + ProblemKind.unknownCode(self.kind, allowed: ActivityKind.allCases.map { "\($0.rawValue) (\($0.name(.zh)))" }).message(lang))
        }
        guard let day = Day.parse(date) else { throw ValidationError("--date \"\(date)\": 无法识别的日期 / unrecognised date") }
        // Only the activity's year is read: its id and file are of that year (a county records in ms, not seconds).
        let editing = try workspace.startEditing(years: { _ in [day.year] })
        defer { editing.release() }
        let saved = try editing.commit(.activity(before: nil, after: Activity(id: editing.workspace.newActivityId(on: day), branchId: branch, kind: kind,
                                                                             date: day, title: title, hours: hours, attended: attended, expected: expected,
                                                                             partyGroupId: group, place: blankIsNil(place), host: blankIsNil(host))), lang)
        Output.line(lang == .zh ? "已登记 \(saved.entityId)" : "recorded \(saved.entityId)")
    }

    /// A text option trimmed of spaces; empty means not given (a control character is left for the
    /// record's check to refuse, naming the field).
    private func blankIsNil(_ s: String?) -> String? {
        guard let v = s?.trimmingCharacters(in: CharacterSet(charactersIn: " ")), !v.isEmpty else { return nil }
        return v
    }

}
