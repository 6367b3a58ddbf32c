import Foundation
import Testing
import TestSupport
@testable import PartyModel
@testable import PartyStore

/// 地点 (`place`) and 主持人 (`host`) of an activity (issue 14): written by the fast writer exactly as
/// JSONEncoder writes them, read by the fast reader exactly as JSONDecoder reads them, absent in
/// files that never had them.
@Suite struct PlaceAndHostFileTests {
    static let day = Day(year: 2026, month: 3, day: 5)!
    static let full = Activity(id: "a2026-0001", branchId: "b1", kind: .generalMeeting, date: day, title: "第一季度党员大会",
                               hours: 2, attended: 11, expected: 12, lecturer: "张三", notes: "备注",
                               place: "党员活动室", host: "张三")

    @Test func theWriterGivesJSONEncodersBytesWithAndWithoutThem() throws {
        var bare = Self.full
        bare.place = nil; bare.host = nil
        var onlyPlace = Self.full
        onlyPlace.host = nil; onlyPlace.hours = nil
        var onlyHost = Self.full
        onlyHost.place = nil; onlyHost.attended = nil
        // Text JSON escapes goes through the writer's other road.
        var hostile = Self.full
        hostile.place = "三楼\"会议室\"/\\ \u{2028}"; hostile.host = "李\t四"
        let list = [Self.full, bare, onlyPlace, onlyHost, hostile]
        try FastEncodeTests.expectSame(list, year: 2026)
        // Sorted keys: host between expected and hours, place between partyGroupId and title.
        let line = String(decoding: ActivityWriter().compactObject(Self.full), as: UTF8.self)
        #expect(line == #"{"attended":11,"branchId":"b1","date":"2026-03-05","expected":12,"host":"张三","hours":2,"id":"a2026-0001","kind":"generalMeeting","lecturer":"张三","notes":"备注","place":"党员活动室","title":"第一季度党员大会"}"#)
        // Absent: no key at all, not null.
        let bareLine = String(decoding: ActivityWriter().compactObject(bare), as: UTF8.self)
        #expect(!bareLine.contains("place") && !bareLine.contains("host"))
    }

    @Test func theyRoundTripThroughTheStoreAndTheJournal() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let store = WorkspaceStore(directory: tmp.sub("ws"))
        var ws = smallWorkspace()
        ws.activities[0].place = "村部会议室"; ws.activities[0].host = "张三"
        try store.create(ws)
        let file = try #require(allFiles(store.directory).first { $0.key.hasPrefix("activities/2025/") }?.value)
        #expect(String(decoding: file, as: UTF8.self).contains("\"host\" : \"张三\""))
        let loaded = try store.load()
        let back = try #require(loaded.workspace.activities.first { $0.id == "a1" })
        #expect(back.place == "村部会议室" && back.host == "张三")
        #expect(loaded.workspace.activities.first { $0.id == "a2" }.map { $0.place == nil && $0.host == nil } == true)
        // An edit saves them, and the journal keeps them with the record.
        var edited = back
        edited.place = "三楼会议室"; edited.host = "李四"
        try Editor(store: store).commit(.activity(before: back, after: edited), over: loaded)
        #expect(try store.load().workspace.activities.first { $0.id == "a1" } == edited)
        let line = try #require(try String(contentsOfFile: Journal(directory: store.directory).path, encoding: .utf8).split(separator: "\n").last)
        #expect(line.contains(#""place":"三楼会议室""#) && line.contains(#""host":"李四""#) && line.contains(#""place":"村部会议室""#))
    }

    @Test func aFileWithoutTheKeysReadsAsNilOnBothRoads() throws {
        let text = """
        {
          "activities" : [
            {
              "branchId" : "b1",
              "date" : "2026-03-05",
              "id" : "a1",
              "kind" : "partyLesson",
              "title" : "党课"
            },
            {
              "branchId" : "b1",
              "date" : "2026-03-06",
              "host" : "张三",
              "id" : "a2",
              "kind" : "committeeMeeting",
              "place" : "支部办公室",
              "title" : "支委会"
            }
          ],
          "year" : 2026
        }
        """
        let data = Data(text.utf8)
        let fast = try TapeDecoder.decode(YearShard<Activity>.self, from: JSONTape(data)).records
        let reference = try JSONDecoder().decode(YearShard<Activity>.self, from: data).records
        #expect(fast == reference)
        #expect(fast[0].place == nil && fast[0].host == nil)
        #expect(fast[1].place == "支部办公室" && fast[1].host == "张三")
        // The same records written back: the bytes of the file (plus its final newline).
        #expect(ActivityWriter().shardFile(year: 2026, fast) == Data((text + "\n").utf8))
    }
}
