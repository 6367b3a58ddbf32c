import Testing
import TestSupport
@testable import PartyModel

@Suite struct ValidationTests {
    @Test func smallWorkspaceAndDemoAreClean() {
        #expect(Validator.validate(smallWorkspace()).isEmpty)
        #expect(Validator.validate(DemoWorkspace.make(asOf: testAsOf)).isEmpty)
    }

    @Test func duplicateIdsAreFoundInEveryCollection() {
        var ws = smallWorkspace()
        ws.organisation.branches[1].id = "b1"                 // branch clashes with branch
        ws.organisation.branches[0].partyGroups[1].id = "g1"  // group clashes with the general branch
        ws.members[1].id = "m1"
        ws.activities[3].id = "a1"
        ws.plan.tasks.append(ws.plan.tasks[0])
        let issues = Validator.validate(ws)
        #expect(issues.contains(.init(.branch(1), "id", .duplicateId("b1"))))
        #expect(issues.contains(.init(.branch(0), "partyGroups[1].id", .duplicateId("g1"))))
        #expect(issues.contains(.init(.member(1), "id", .duplicateId("m1"))))
        #expect(issues.contains(.init(.activity(3), "id", .duplicateId("a1"))))
        #expect(issues.contains(.init(.planTask(1), "id", .duplicateId("t1"))))
    }

    @Test func danglingReferencesAreFound() {
        var ws = smallWorkspace()
        ws.activities[0].branchId = "nowhere"
        ws.activities[1].partyGroupId = "b1-g9"
        ws.members[0].branchId = "b9"
        ws.organisation.branches[1].parentId = "g7"
        ws.organisation.generalBranches[0].parentId = "other"
        ws.plan.tasks[0].sectionId = "s9"
        let issues = Validator.validate(ws)
        #expect(issues.contains(.init(.activity(0), "branchId", .unknownBranch("nowhere"))))
        #expect(issues.contains(.init(.activity(1), "partyGroupId", .unknownGroup(group: "b1-g9", branch: "b1"))))
        #expect(issues.contains(.init(.member(0), "branchId", .unknownBranch("b9"))))
        #expect(issues.contains(.init(.branch(1), "parentId", .unknownParent("g7"))))
        #expect(issues.contains(.init(.generalBranch(0), "parentId", .unknownParent("other"))))
        #expect(issues.contains(.init(.planTask(0), "sectionId", .unknownSection("s9"))))
        #expect(issues.count == 6)
    }

    @Test func countsAndRangesAreChecked() {
        var ws = smallWorkspace()
        ws.organisation.branches[0].fullMembers = -1
        ws.organisation.branches[0].partyGroups[0].size = -2
        ws.activities[2].hours = -8
        ws.activities[0].attended = 13                      // expected 12
        ws.duesPayments[0].months.append(YearMonth(year: 2026, month: 3)!)   // listed twice
        ws.plan.tasks[0].progress = 101
        let issues = Validator.validate(ws)
        #expect(issues.contains(.init(.branch(0), "fullMembers", .negative(-1))))
        #expect(issues.contains(.init(.branch(0), "partyGroups[0].size", .negative(-2))))
        #expect(issues.contains(.init(.activity(2), "hours", .negative(-8))))
        #expect(issues.contains(.init(.activity(0), "attended", .attendedExceedsExpected(attended: 13, expected: 12))))
        #expect(issues.contains(.init(.duesPayment(0), "months[10]", .duplicateMonth(YearMonth(year: 2026, month: 3)!))))
        #expect(issues.contains(.init(.planTask(0), "progress", .outOfRange(101, min: 0, max: 100))))
        #expect(issues.count == 6)
    }

    @Test func datesOutsideThePlausibleRangeAreFound() {
        var ws = smallWorkspace()
        ws.activities[0].date = Day(iso: "1920-12-31")!
        ws.activities[1].date = Day(iso: "2028-01-01")!     // current year 2026 + 1 is the limit
        ws.activities[2].date = Day(iso: "2027-12-31")!     // allowed
        ws.organisation.branches[0].termStart = Day(iso: "2027-03-01")!  // after its end
        let issues = Validator.validate(ws)
        #expect(issues.contains(.init(.activity(0), "date", .implausibleDate(Day(iso: "1920-12-31")!, earliest: 1921, latest: 2027))))
        #expect(issues.contains(.init(.activity(1), "date", .implausibleDate(Day(iso: "2028-01-01")!, earliest: 1921, latest: 2027))))
        #expect(!issues.contains { $0.record == .activity(2) })
        #expect(issues.contains(.init(.branch(0), "termEnd", .termEndsBeforeStart(start: Day(iso: "2027-03-01")!, end: Day(iso: "2027-02-28")!))))
        #expect(issues.count == 3)
    }

    @Test func everyProblemHasWordsInBothLanguages() {
        let kinds: [ProblemKind] = [
            .fileMissing, .syntax(.unexpectedEnd), .invalidDate("2026-02-30"), .unknownCode("x", allowed: ["a", "b"]),
            .missingField("date"), .wrongType(expected: "integer"), .numberOutOfRange, .schemaTooNew(found: 9, supported: 1),
            .duplicateId("a"), .unknownBranch("b"), .negative(-1), .attendedExceedsExpected(attended: 3, expected: 2),
        ]
        for kind in kinds {
            let zh = kind.message(.zh), en = kind.message(.en)
            #expect(!zh.isEmpty && !en.isEmpty && zh != en)
        }
        #expect(ProblemKind.invalidDate("2026-02-30").message(.zh).contains("日期 \"2026-02-30\" 无效"))
    }
}
