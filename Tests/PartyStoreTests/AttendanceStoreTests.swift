import Foundation
import Testing
import TestSupport
@testable import PartyModel
@testable import PartyStore

/// Attendance lists, talk participants, 民主评议 results and 先锋 points on disk (issue 18): the
/// fast writer and readers give what JSONEncoder and JSONDecoder give; the records' files, editor,
/// journal and undo.
@Suite struct AttendanceStoreTests {
    static func d(_ s: String) -> Day { Day(iso: s)! }

    /// Activities with every shape of the new fields: lists empty, of one, of many, with each reason and
    /// none; hostile text in ids and names; participants with and without a member id.
    static func activities() -> [Activity] {
        let texts = ["m1", "a/b", "\"q\"", "tab\there", "line\nbreak", "\u{2028}", "张三", "\u{1B}[2J", "ends \\", ""]
        let reasons: [AbsenceReason?] = [nil, .leave, .onDuty, .sick, .unexcused]
        var out: [Activity] = []
        for (i, text) in texts.enumerated() {
            var list: [AttendanceEntry]? = nil
            if i % 4 != 3 {
                var lines: [AttendanceEntry] = []
                for k in 0..<(i % 4 == 0 ? 0 : i) {
                    let id: String = k == 0 ? text : "m\(k)"
                    let reason: AbsenceReason? = k % 3 == 0 ? nil : reasons[k % 5]
                    lines.append(AttendanceEntry(memberId: id, present: k % 3 == 0, absenceReason: reason))
                }
                list = lines
            }
            let people: [TalkParticipant]? = i % 3 == 0 ? nil : [TalkParticipant(memberId: i % 2 == 0 ? nil : text, name: "名\(text)"),
                                                               TalkParticipant(name: text)]
            out.append(Activity(id: "a2026-\(i)", branchId: "b\(i % 2)", kind: i % 2 == 0 ? .talk : .themedPartyDay,
                                date: Self.d("2026-0\(1 + i % 9)-1\(i % 9)"), title: "t\(text)", hours: i % 2 == 0 ? nil : 2.5,
                                attended: i % 3 == 0 ? nil : i, expected: i, notes: i % 2 == 0 ? text : nil,
                                attendance: list, participants: people))
        }
        return out
    }

    @Test func theFastWriterWritesTheNewFieldsAsJSONEncoder() throws {
        let list = Self.activities()
        try FastEncodeTests.expectSame(list, year: 2026)
        for a in list { try FastEncodeTests.expectSame([a], year: 2026) }
        // Absent lists are left out; an empty one is written (an activity whose list was cleared of everyone).
        let text = String(decoding: ActivityWriter().shardFile(year: 2026, list), as: UTF8.self)
        #expect(text.contains("\"attendance\" : [\n\n      ]"))
        #expect(text.components(separatedBy: "\"attendance\"").count - 1 == list.filter { $0.attendance != nil }.count)
    }

    @Test func theFastReadersReadTheNewFieldsAsJSONDecoder() throws {
        let list = Self.activities()
        let data = WorkspaceCodec.encode(YearShard(year: 2026, records: list), with: WorkspaceCodec.encoder())
        let fast = try TapeDecoder.decode(YearShard<Activity>.self, from: JSONTape(data)).records
        #expect(fast == list)
        #expect(fast == (try JSONDecoder().decode(YearShard<Activity>.self, from: data)).records)
        let reviews = [ReviewResult(id: "rv-2025-0001", memberId: "m1", branchId: "b1", year: 2025, grade: .unqualified, activityId: "a9",
                                    note: "备注\n两行", outcome: "限期改正", outcomeOn: Self.d("2026-03-01")),
                       ReviewResult(id: "rv-2025-0002", memberId: "m2", branchId: "b1", year: 2025, grade: .basicallyQualified)]
        let reviewData = WorkspaceCodec.encode(YearShard(year: 2025, records: reviews), with: WorkspaceCodec.encoder())
        #expect(try TapeDecoder.decode(YearShard<ReviewResult>.self, from: JSONTape(reviewData)).records == reviews)
        #expect(try JSONDecoder().decode(YearShard<ReviewResult>.self, from: reviewData).records == reviews)
        let points = [PioneerPoints(id: "pp-2026-0001", memberId: "m1", branchId: "b1", itemId: "volunteer", date: Self.d("2026-03-05"), points: 2.5,
                                    note: "社区志愿服务 5 小时"),
                      PioneerPoints(id: "pp-2026-0002", memberId: "m2", branchId: "b1", itemId: "honours", date: Self.d("2026-07-01"), points: 5)]
        let pointData = WorkspaceCodec.encode(YearShard(year: 2026, records: points), with: WorkspaceCodec.encoder())
        #expect(try TapeDecoder.decode(YearShard<PioneerPoints>.self, from: JSONTape(pointData)).records == points)
        #expect(try JSONDecoder().decode(YearShard<PioneerPoints>.self, from: pointData).records == points)
        // Nulls read as absent, an unknown reason falls through to JSONDecoder (which names it).
        let nulls = #"{"activities":[{"attendance":null,"branchId":"b","date":"2026-01-01","id":"a","kind":"talk","participants":[{"memberId":null,"name":"王"}],"title":"t"}],"year":2026}"#
        #expect(try TapeDecoder.decode(YearShard<Activity>.self, from: JSONTape(Data(nulls.utf8))).records
                == (try JSONDecoder().decode(YearShard<Activity>.self, from: Data(nulls.utf8))).records)
        let unknown = #"{"activities":[{"attendance":[{"memberId":"m","present":false,"absenceReason":"holiday"}],"branchId":"b","date":"2026-01-01","id":"a","kind":"talk","title":"t"}],"year":2026}"#
        #expect(throws: TapeDecoder.Unsupported.self) { _ = try YearShard<Activity>(tape: JSONTape(Data(unknown.utf8))) }
        #expect(throws: DecodingError.self) { _ = try JSONDecoder().decode(YearShard<Activity>.self, from: Data(unknown.utf8)) }
    }

    /// A result and points saved through the editor: their year's files, the journal, undo; a result
    /// naming a meeting that is not a 民主评议 is refused and nothing is written. An activity's list
    /// saves and reads back, and the problem of a line names its place in the file.
    @Test func resultsPointsAndListsAreEditedLikeEveryRecord() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let store = WorkspaceStore(directory: tmp.sub("ws"))
        var loaded = try store.create(smallWorkspace())
        let editor = Editor(store: store, user: "王芳", host: "office-pc")
        let meeting = Activity(id: "a2025-dr", branchId: "b1", kind: .democraticReview, date: Self.d("2025-12-26"), title: "2025年度民主评议党员",
                               attendance: [AttendanceEntry(memberId: "m1", present: true)])
        try editor.commit(.activity(before: nil, after: meeting), to: &loaded)
        let result = ReviewResult(id: "rv-2025-0001", memberId: "m1", branchId: "b1", year: 2025, grade: .unqualified, activityId: meeting.id)
        try editor.commit(.reviewResult(before: nil, after: result), to: &loaded)
        let file = String(decoding: bytes(store.absolute("reviews/2025/b1.json")), as: UTF8.self)
        #expect(file.contains("\"results\" : [") && file.contains("\"grade\" : \"unqualified\"") && file.contains("\"year\" : 2025"))
        let reread = try store.load().workspace
        #expect(reread.reviewResults == [result] && reread.activities.contains(meeting))
        #expect(AlertRules.alerts(reread, asOf: testAsOf).contains { $0.code == "review.unqualified" && $0.branchId == "b1" })
        let entry = try #require(Journal(directory: store.directory).entries().last)
        #expect(entry.entity == "reviewResult" && entry.id == result.id && entry.branchId == "b1" && entry.action == "add")
        var resolved = result
        resolved.outcome = "限期改正"
        try editor.commit(.reviewResult(before: result, after: resolved), to: &loaded)
        #expect(!AlertRules.alerts(try store.load().workspace, asOf: testAsOf).contains { $0.code == "review.unqualified" })
        try editor.commit(Change.reviewResult(before: result, after: resolved).inverse, to: &loaded, undo: true)
        #expect(try store.load().workspace.reviewResults == [result])
        // Refused: the meeting named is a party lesson.
        let before = allFiles(store.directory)
        var bad = ReviewResult(id: "rv-2025-0002", memberId: "m1", branchId: "b2", year: 2026, grade: .qualified, activityId: "a4")
        bad.branchId = "b2"
        do { try editor.commit(.reviewResult(before: nil, after: bad), to: &loaded); Issue.record("accepted") } catch {
            #expect(error.message(.zh).contains("\"a4\" 不是本支部当年的民主评议党员活动"))
        }
        #expect(allFiles(store.directory).filter { !$0.key.hasPrefix(".backup") } == before.filter { !$0.key.hasPrefix(".backup") })
        // Points.
        let points = PioneerPoints(id: "pp-2026-0001", memberId: "m2", branchId: "b2", itemId: "volunteer", date: Self.d("2026-09-20"), points: 2)
        try editor.commit(.pioneerPoints(before: nil, after: points), to: &loaded)
        #expect(FileManager.default.fileExists(atPath: store.absolute("pioneer/2026/b2.json")))
        #expect(try store.load().workspace.pioneerPoints == [points])
        #expect(Journal(directory: store.directory).entries().last?.entity == "pioneerPoints")
        // A year read on its own reads that year's points, and its results with the year before's
        // (last December's 不合格 awaits its 处置 this year); the others on demand, once.
        var one = try store.load(years: [2026])
        #expect(one.workspace.reviewResults == [result] && one.workspace.pioneerPoints == [points])
        #expect(try store.load(years: [2027]).workspace.reviewResults.isEmpty)
        try store.loadYears([2025], into: &one)
        #expect(one.workspace.reviewResults == [result])
        var later = try store.load(years: [2027])
        try store.loadYears([2026], into: &later)
        #expect(later.workspace.reviewResults == [result] && later.workspace.pioneerPoints == [points])
    }

    @Test func aBadLineOfAListIsPlacedInItsFile() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let store = WorkspaceStore(directory: tmp.sub("ws"))
        var ws = smallWorkspace()
        ws.activities[1].attendance = [AttendanceEntry(memberId: "m1", present: true), AttendanceEntry(memberId: "m2", present: false, absenceReason: .leave)]
        try store.create(ws)
        let problems = try store.problems()
        // m2 is in 二支部, not on 一支部's roster on 15 January.
        let problem = try #require(problems.first { $0.path == "activities[0].attendance[1].memberId" })
        #expect(problem.file == "activities/2026/b1.json" && problem.line != nil)
        #expect(problem.kind == .notOnRoster(member: "m2", branch: "b1", day: Self.d("2026-01-15")))
    }
}
