import Testing
import TestSupport
@testable import PartyModel

/// 地点 and 主持人 are one-line text: a control character in them is refused, naming the field.
@Suite struct PlaceAndHostTests {
    @Test func aControlCharacterInPlaceOrHostIsRefusedNamingTheField() {
        var ws = smallWorkspace()
        ws.activities[0].place = "三楼\u{1B}[2J会议室"
        ws.activities[1].host = "张\n三"
        ws.activities[2].place = "党员活动室"; ws.activities[2].host = "赵六"
        let issues = Validator.validate(ws)
        #expect(issues.contains(.init(.activity(0), "place", .controlCharacter(0x1B))))
        #expect(issues.contains(.init(.activity(1), "host", .controlCharacter(0x0A))))
        #expect(!issues.contains { $0.record == .activity(2) })
        // The one-record check (the editor, the import, add-activity) says the same.
        #expect(Validator.validate(activity: ws.activities[1], in: ws) == [.init(.activity(1), "host", .controlCharacter(0x0A))])
    }

    /// The demo shows them: most of its activities record where and who presided, the weakest
    /// branches fewer, a talk never.
    @Test func theDemoRecordsPlaceAndHostForMostActivities() {
        let ws = DemoWorkspace.make(asOf: testAsOf)
        let recorded = ws.activities.filter { $0.place != nil && $0.host != nil }
        // Talks have neither (issue 18 gave the demo a talk a year per member): most of the rest have both.
        #expect(recorded.count * 10 > ws.activities.filter { $0.kind != .talk }.count * 8)
        #expect(ws.activities.filter { $0.kind == .talk }.allSatisfy { $0.place == nil && $0.host == nil })
        #expect(Set(recorded.compactMap(\.place)).isSuperset(of: ["党员活动室", "行政楼三楼会议室", "学术报告厅"]))
        // The host is one of the branch's leaders (or a group's leader) — the secretary most of the time.
        let branches = Dictionary(uniqueKeysWithValues: ws.organisation.branches.map { ($0.id, $0) })
        for a in recorded {
            let b = branches[a.branchId]!
            let leaders = [b.secretary, b.deputySecretary].compactMap { $0 } + b.committeeMembers + b.partyGroups.compactMap(\.leader)
            #expect(leaders.contains(a.host!), "\(a.id) \(a.host!)")
        }
        let weak = ws.activities.filter { $0.branchId == "b-enterprise" && $0.kind != .talk }
        #expect(weak.contains { $0.place == nil } && weak.contains { $0.place != nil })
        #expect(Validator.validate(ws).isEmpty)
    }
}
