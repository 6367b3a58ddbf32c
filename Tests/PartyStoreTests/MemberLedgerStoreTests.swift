import Foundation
import Testing
import TestSupport
@testable import PartyModel
@testable import PartyStore

/// The member ledger on disk (issue 18): the schema-3 migration, the fast readers, years, edits, places.
@Suite struct MemberLedgerStoreTests {
    static func d(_ s: String) -> Day { Day(iso: s)! }

    /// The small workspace as the previous version (schema 3) wrote it: m1 with `duesMonthsPaid` and
    /// `trainingHours` in members/b1.json, no dues/ or training/ folders, schemaVersion 3. Written by
    /// hand, as that version's encoder wrote a member (sorted keys, pretty).
    static func writeSchema3(_ dir: String) throws {
        var ws = smallWorkspace()
        ws.duesPayments = []
        ws.trainingEntries = []
        ws.members[0].dues = nil
        let store = WorkspaceStore(directory: dir)
        try store.create(ws)
        let old = """
        {
          "members" : [
            {
              "branchId" : "b1",
              "duesMonthsPaid" : {
                "2025" : 12,
                "2026" : 10
              },
              "id" : "m1",
              "joinDate" : "2001-07-01",
              "name" : "张三",
              "partyGroupId" : "b1-g1",
              "role" : "secretary",
              "status" : "full",
              "trainingHours" : {
                "2026" : 40
              }
            }
          ]
        }

        """
        try Data(old.utf8).write(to: URL(fileURLWithPath: store.absolute("members/b1.json")))
        let path = store.absolute("workspace.json")
        let text = String(decoding: FileManager.default.contents(atPath: path)!, as: UTF8.self)
        try Data(text.replacingOccurrences(of: "\"schemaVersion\" : \(WorkspaceSettings.currentSchemaVersion)", with: "\"schemaVersion\" : 3").utf8)
            .write(to: URL(fileURLWithPath: path))
    }

    @Test func aSchema3WorkspaceReadsAndSavesAsTheNewOneWithNothingLost() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let dir = tmp.sub("ws")
        try Self.writeSchema3(dir)
        let before = allFiles(dir)
        let store = WorkspaceStore(directory: dir)
        // Asked for one year, it is read whole: the migration makes records of every year.
        let loaded = try store.load(years: [2026])
        #expect(loaded.migratedFrom == 3 && loaded.years == nil)
        let ws = loaded.workspace
        #expect(ws.settings.schemaVersion == WorkspaceSettings.currentSchemaVersion)
        #expect(ws.duesPayments.map(\.id) == ["dues-mig-m1-2025", "dues-mig-m1-2026"])
        #expect(ws.duesPayments[1].months == (1...10).map { YearMonth(year: 2026, month: $0)! } && ws.duesPayments[1].amount == nil)
        #expect(ws.trainingEntries == [TrainingEntry(id: "tr-mig-m1-2026", memberId: "m1", branchId: "b1", date: Self.d("2026-12-31"), hours: 40,
                                                     provider: "迁移", title: "2026年学时 (迁移自旧版)")])
        #expect(!ws.members.contains { $0.hasLegacyFields })
        // Everything else as it was.
        var expected = smallWorkspace()
        expected.members[0].dues = nil
        #expect(ws.members == expected.members && ws.activities == expected.activities && ws.organisation == expected.organisation)
        // Reading wrote nothing; validating finds nothing.
        #expect(allFiles(dir) == before)
        #expect(store.validate(loaded).isEmpty)
        // The first save writes the new files, the old ones kept in .backup/.
        let saved = try store.save(loaded.workspace, over: loaded)
        #expect(saved.migratedFrom == nil)
        let after = allFiles(dir)
        let members = String(decoding: after["members/b1.json"]!, as: UTF8.self)
        #expect(!members.contains("duesMonthsPaid") && !members.contains("trainingHours") && members.contains("张三"))
        #expect(after["dues/2025/b1.json"] != nil && after["dues/2026/b1.json"] != nil && after["training/2026/b1.json"] != nil)
        #expect(String(decoding: after["workspace.json"]!, as: UTF8.self).contains("\"schemaVersion\" : \(WorkspaceSettings.currentSchemaVersion)"))
        #expect(after.keys.contains { $0.hasPrefix(".backup/members__b1.json.") && $0.hasSuffix(".schema-v3") })
        #expect(after.keys.filter { $0.hasPrefix(".backup/members__b1.json.") }.map { after[$0] } == [before["members/b1.json"]])
        // And it loads as the current version, the same workspace, the figures as before the save.
        let reloaded = try store.load()
        #expect(reloaded.migratedFrom == nil)
        #expect(byId(reloaded.workspace) == byId(ws))
        #expect(MemberLedger(reloaded.workspace).arrears(reloaded.workspace.members[0], asOf: testAsOf) == 0)
        #expect(MemberLedger(reloaded.workspace).training(reloaded.workspace.members[0], year: 2026).fromEntries == 40)
    }

    /// A roster file with schema 3's keys copied into a schema-4 workspace: read whole and migrated too.
    @Test func oldKeysInACurrentWorkspaceAreMigratedAsWell() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let dir = tmp.sub("ws")
        try Self.writeSchema3(dir)
        let path = "\(dir)/workspace.json"
        let text = String(decoding: FileManager.default.contents(atPath: path)!, as: UTF8.self)
        try Data(text.replacingOccurrences(of: "\"schemaVersion\" : 3", with: "\"schemaVersion\" : \(WorkspaceSettings.currentSchemaVersion)").utf8)
            .write(to: URL(fileURLWithPath: path))
        let loaded = try WorkspaceStore(directory: dir).load(years: [2026])
        #expect(loaded.years == nil && loaded.migratedFrom == WorkspaceSettings.currentSchemaVersion - 1)
        #expect(loaded.workspace.duesPayments.count == 2 && loaded.workspace.trainingEntries.count == 1)
    }

    /// Every new field through the direct readers and through JSONDecoder: equal values.
    @Test func theFastReadersGiveWhatJSONDecoderGives() throws {
        let full = Member(id: "m9", name: "李娜", branchId: "b1", status: .probationary, role: .committeeMember, partyGroupId: "b1-g1",
                          joinDate: Self.d("2026-03-01"), gender: .female, birthDate: Self.d("1998-02-03"), education: "研究生", phone: "13800000000",
                          acceptedOn: Self.d("2026-03-01"), probationEnds: Self.d("2027-03-01"), dues: .fixed(amount: 12.5),
                          mobile: MobileMembership(place: "深圳", since: Self.d("2026-07-01")), leftOn: Self.d("2026-11-01"), leftReason: .expelled,
                          transfers: [Transfer(date: Self.d("2026-04-01"), from: .outside("外地"), to: .branch("b2"), letterNumber: "1号"),
                                      Transfer(date: Self.d("2026-06-01"), from: .branch("b2"), to: .branch("b1"))])
        var legacy = Member(id: "m8", name: "旧", branchId: "b1", dues: .retired(base: 4321))
        legacy.legacyDuesMonthsPaid = ["2026": 3]
        legacy.legacyTrainingHours = ["2026": 2.5]
        let categories: [DuesCategory] = [.inWork(base: 3000.01), .farmer, .student, .unemployed, .relief]
        let members = [full, legacy] + categories.enumerated().map { Member(id: "c\($0)", name: "c", branchId: "b1", dues: $1) }
        let encoder = WorkspaceCodec.encoder()
        // The legacy keys, as an old file has them, put back by hand (the encoder never writes them).
        var memberFile = String(decoding: WorkspaceCodec.encode(BranchShard(records: members), with: encoder), as: UTF8.self)
        memberFile = memberFile.replacingOccurrences(of: "\"id\" : \"m8\",", with: "\"duesMonthsPaid\" : {\"2026\" : 3}, \"id\" : \"m8\", \"trainingHours\" : {\"2026\" : 2.5},")
        let payments = [DuesPayment(id: "p1", memberId: "m9", branchId: "b1", months: [YearMonth(year: 2026, month: 3)!, YearMonth(year: 2026, month: 4)!],
                                    amount: 25, paidOn: Self.d("2026-03-05"), method: .alipay, note: "按季度\n交纳"),
                        DuesPayment(id: "p2", memberId: "m9", branchId: "b1", months: [YearMonth(year: 2026, month: 1)!], amount: nil, paidOn: nil)]
        let entries = [TrainingEntry(id: "t1", memberId: "m9", branchId: "b1", date: Self.d("2026-05-05"), hours: 2.5, provider: "网络", title: "课")]
        func both<D: Decodable>(_ type: D.Type, _ data: Data) throws -> (D, D) {
            (try TapeDecoder.decode(type, from: JSONTape(data)), try JSONDecoder().decode(type, from: data))
        }
        let (fastMembers, slowMembers) = try both(BranchShard<Member>.self, Data(memberFile.utf8))
        #expect(fastMembers.records == slowMembers.records && fastMembers.records.count == members.count)
        #expect(fastMembers.records[0] == full && fastMembers.records[1].legacyDuesMonthsPaid == ["2026": 3])
        #expect(fastMembers.records[1].legacyTrainingHours == ["2026": 2.5])
        let duesData = WorkspaceCodec.encode(YearShard(year: 2026, records: payments), with: encoder)
        let (fastDues, slowDues) = try both(YearShard<DuesPayment>.self, duesData)
        #expect(fastDues.records == slowDues.records && fastDues.records == payments)
        let (fastTraining, slowTraining) = try both(YearShard<TrainingEntry>.self, WorkspaceCodec.encode(YearShard(year: 2026, records: entries), with: encoder))
        #expect(fastTraining.records == slowTraining.records && fastTraining.records == entries)
        // A bad month is not taken by the short cut: JSONDecoder names it.
        let bad = String(decoding: duesData, as: UTF8.self).replacingOccurrences(of: "\"2026-04\"", with: "\"2026-13\"")
        #expect(throws: (any Error).self) { _ = try TapeDecoder.decode(YearShard<DuesPayment>.self, from: JSONTape(Data(bad.utf8))) }
        guard case .failure(let problem) = WorkspaceCodec.decode(YearShard<DuesPayment>.self, file: "dues/2026/b1.json", data: Data(bad.utf8)) else {
            Issue.record("a month 13 decoded"); return
        }
        #expect(problem.kind == .invalidMonth("2026-13") && problem.path == "payments[0].months[1]" && problem.line != nil)
        // The transfer ends as written: one key each.
        #expect(memberFile.contains("\"from\" : {\n            \"outside\" : \"外地\"\n          }"))
    }

    /// The dashboard reads one year: its dues and the year before's (arrears run across the new year).
    @Test func aYearsDuesAreReadWithTheYearBefore() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let store = WorkspaceStore(directory: tmp.sub("ws"))
        let demo = DemoWorkspace.make(asOf: testAsOf)
        try store.create(demo)
        var loaded = try store.load(years: [2026])
        #expect(Set(loaded.workspace.duesPayments.map(\.year)) == [2025, 2026])
        #expect(Set(loaded.workspace.trainingEntries.map(\.date.year)) == [2026])
        #expect(loaded.workspace.activities.allSatisfy { $0.date.year == 2026 })
        try store.loadYears([2025], into: &loaded)
        #expect(Set(loaded.workspace.duesPayments) == Set(demo.duesPayments) && loaded.workspace.duesPayments.count == demo.duesPayments.count)
        #expect(Set(loaded.workspace.trainingEntries) == Set(demo.trainingEntries))
        // The arrears as of the day are those of the whole workspace.
        let (whole, part) = (MemberLedger(demo), MemberLedger(try store.load(years: [2026]).workspace))
        for m in demo.members { #expect(whole.arrears(m, asOf: testAsOf) == part.arrears(m, asOf: testAsOf), "\(m.id)") }
        // The fingerprint of a one-year read names the files such a read reads.
        #expect(store.fingerprint(years: { _ in [2026] }, racyWithin: 0) != store.fingerprint(years: { _ in [2025] }, racyWithin: 0))
    }

    /// A payment saved through the editor: its year's file, the journal, undo; one of a member the
    /// workspace does not have is refused and nothing is written.
    @Test func paymentsAreEditedLikeEveryRecord() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let store = WorkspaceStore(directory: tmp.sub("ws"))
        var loaded = try store.create(smallWorkspace())
        let editor = Editor(store: store, user: "王芳", host: "office-pc")
        let payment = DuesPayment(id: "dues-2026-0002", memberId: "m2", branchId: "b2", months: [YearMonth(year: 2026, month: 5)!],
                                  amount: 0.2, paidOn: Self.d("2026-05-10"), method: .cash)
        try editor.commit(.duesPayment(before: nil, after: payment), to: &loaded)
        #expect(try store.load().workspace.duesPayments.contains(payment))
        let file = String(decoding: bytes(store.absolute("dues/2026/b2.json")), as: UTF8.self)
        #expect(file.contains("\"payments\" : [") && file.contains("\"2026-05\"") && file.contains("\"amount\" : 0.2"))
        let entry = try #require(Journal(directory: store.directory).entries().last)
        #expect(entry.entity == "duesPayment" && entry.id == payment.id && entry.branchId == "b2" && entry.action == "add")
        try editor.commit(Change.duesPayment(before: nil, after: payment).inverse, to: &loaded, undo: true)
        #expect(!FileManager.default.fileExists(atPath: store.absolute("dues/2026/b2.json")))
        // Refused: a member that does not exist, a negative amount.
        let before = allFiles(store.directory)
        var bad = payment
        bad.memberId = "nobody"
        bad.amount = -1
        #expect(throws: Editor.Failure.self) { try editor.commit(.duesPayment(before: nil, after: bad), to: &loaded) }
        do { try editor.commit(.duesPayment(before: nil, after: bad), to: &loaded) } catch {
            #expect(error.message(.zh).contains("memberId: 引用了不存在的党员 \"nobody\"") && error.message(.zh).contains("amount: 不能为负数"))
        }
        #expect(allFiles(store.directory).filter { !$0.key.hasPrefix(".backup") } == before.filter { !$0.key.hasPrefix(".backup") })
        // A training entry likewise.
        let course = TrainingEntry(id: "tr-2026-0002", memberId: "m2", branchId: "b2", date: Self.d("2026-06-01"), hours: 6, provider: "学习强国", title: "专题")
        try editor.commit(.trainingEntry(before: nil, after: course), to: &loaded)
        #expect(try store.load().workspace.trainingEntries.contains(course))
        #expect(Journal(directory: store.directory).entries().last?.entity == "trainingEntry")
    }

    /// `validate` places a problem of a payment by file, line, column and path.
    @Test func aProblemInAPaymentIsPlacedInItsFile() throws {
        let tmp = TempDirectory(); defer { tmp.cleanup() }
        let store = WorkspaceStore(directory: tmp.sub("ws"))
        var ws = smallWorkspace()
        ws.duesPayments[0].note = "备注\u{1B}[2J"
        ws.duesPayments[0].memberId = "m404"
        try store.create(ws)
        let problems = try store.problems()
        let note = try #require(problems.first { $0.path == "payments[0].note" })
        #expect(note.file == "dues/2026/b1.json" && note.line != nil && note.kind == .controlCharacter(0x1B))
        #expect(problems.contains { $0.file == "dues/2026/b1.json" && $0.path == "payments[0].memberId" && $0.kind == .unknownMember("m404") })
    }
}
