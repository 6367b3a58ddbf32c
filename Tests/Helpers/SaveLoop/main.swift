// Test helper, killed with SIGKILL at random moments by the crash-safety tests.
//   partydesk-save-loop DIR          saves the workspace over and over, stamping every file with the round
//   partydesk-save-loop DIR --edit   adds one activity per round through the editing path (Editor:
//                                    backups, save, journal)
//   partydesk-save-loop --database URI  commits batches of 20 activities (one change each) to a
//                                    workspace in PostgreSQL, titled batch-PID-K-I
import Foundation
import PartyModel
import PartyPostgres
import PartyStore

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: partydesk-save-loop DIR [--edit] | --database URI\n".utf8))
    exit(2)
}
if arguments[1] == "--database", arguments.count >= 3 {
    let store = try PostgresStore(uri: arguments[2], user: "loop", host: "loop")
    var read = try store.load()
    let branch = read.workspace.organisation.branches[0].id
    FileHandle.standardOutput.write(Data("ready\n".utf8))
    let parent = getppid(), deadline = Date().addingTimeInterval(60), me = getpid()
    var batch = 0
    while getppid() == parent && Date() < deadline {
        batch += 1
        let change = Change.batch((1...20).map { i in
            .activity(before: nil, after: Activity(id: "kb-\(me)-\(batch)-\(i)", branchId: branch, kind: .studySession,
                                                  date: Day(year: 2026, month: 6, day: 1 + i)!, title: "batch-\(me)-\(batch)-\(i)"))
        })
        try store.commit(change, to: &read)
    }
    exit(0)
}
let store = WorkspaceStore(directory: arguments[1])
let editing = arguments.contains("--edit")
var loaded = try store.load()
let editor = Editor(store: store, user: "tester", host: "loop")
// Tell the test we are about to save, so its kill lands among the writes.
FileHandle.standardOutput.write(Data("ready\n".utf8))
var round = Int(loaded.workspace.settings.name.split(separator: "#").last ?? "") ?? 0
var added = loaded.workspace.activities.filter { $0.id.hasPrefix("loop-") }.count
// Never outlive the test that started it, even if that test crashed.
let parent = getppid()
let deadline = Date().addingTimeInterval(60)
while getppid() == parent && Date() < deadline {
    if editing {
        added += 1
        let activity = Activity(id: "loop-\(added)", branchId: loaded.workspace.organisation.branches[0].id, kind: .studySession,
                                date: Day(year: 2026, month: 5, day: 1 + added % 28)!, title: "第\(added)次学习", attended: 5, expected: 9)
        try editor.commit(.activity(before: nil, after: activity), to: &loaded)
        continue
    }
    round += 1
    let mark = "#\(round)"
    var ws = loaded.workspace
    ws.settings.name = "round\(mark)"
    ws.organisation.committee.notes = mark
    for i in ws.organisation.branches.indices { ws.organisation.branches[i].notes = mark }
    for i in ws.members.indices { ws.members[i].name = "name\(mark)" }
    for i in ws.activities.indices { ws.activities[i].notes = mark }
    ws.plan.title = "plan\(mark)"
    loaded = try store.save(ws, over: loaded)
}
