// Test helper: saves the workspace in DIR over and over, each round stamping every file with the
// round number, until it is killed. The crash-safety test SIGKILLs it at random moments.
import Foundation
import PartyModel
import PartyStore

guard CommandLine.arguments.count == 2 else {
    FileHandle.standardError.write(Data("usage: partydesk-save-loop DIR\n".utf8))
    exit(2)
}
let store = WorkspaceStore(directory: CommandLine.arguments[1])
var loaded = try store.load()
// Tell the test we are about to save, so its kill lands among the writes.
FileHandle.standardOutput.write(Data("ready\n".utf8))
var round = Int(loaded.workspace.settings.name.split(separator: "#").last ?? "") ?? 0
// Never outlive the test that started it, even if that test crashed.
let parent = getppid()
let deadline = Date().addingTimeInterval(60)
while getppid() == parent && Date() < deadline {
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
