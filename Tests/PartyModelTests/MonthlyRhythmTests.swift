import Foundation
import Testing
import TestSupport
@testable import PartyModel

/// Issue 15: requirements have a period; a monthly one is met month by month. Figures by hand.
@Suite struct MonthlyRhythmTests {
    static func d(_ s: String) -> Day { Day(iso: s)! }
    static let q3 = Quarter(year: 2026, number: 3)!

    static func setup(committee: Bool = false, groups: Int = 0, _ dated: [(ActivityKind, String, String?)]) -> (ComplianceCalculator, Branch) {
        let b = Branch(id: "b", name: "支部", parentId: "c", sector: .other, fullMembers: 8, hasCommittee: committee, secretary: "书记",
                       partyGroups: (0..<groups).map { PartyGroup(id: "g\($0)", name: "组\($0)", size: 4) })
        let activities = dated.enumerated().map { i, a in
            Activity(id: "a\(i)", branchId: "b", kind: a.0, date: d(a.1), title: "t", partyGroupId: a.2)
        }
        return (ComplianceCalculator(rules: Rules(), index: LedgerIndex(activities)), b)
    }

    @Test func threeThemedPartyDaysInOneMonthMeetThatMonthOnly() {
        // 主题党日 ≥ 1 a month: July 5, 15 and 25 meet July; August and September are not met.
        // held 3, required 3 (one a month), met 1 → ratio 1/3 (the old quarterly count said 3/3).
        let (c, b) = Self.setup([(.themedPartyDay, "2026-07-05", nil), (.themedPartyDay, "2026-07-15", nil), (.themedPartyDay, "2026-07-25", nil)])
        let q = c.quarter(b, Self.q3)
        #expect(q.kinds[.themedPartyDay] == KindCount(held: 3, required: 3, met: 1))
        #expect(abs(q.themedPartyDay - 1.0 / 3) < 1e-12)
        #expect(KindCount.shown(q.kinds[.themedPartyDay]!) == "1/3 (3)")
    }

    @Test func fourGroupMeetingsInOneMonthCountOnce() {
        // One group: four meetings in July, none in August, one in September.
        // held 5, required 3, met 2 (July, September). With no committee, 三会一课 = (大会 0 + 组 2 + 党课 0) / (1 + 3 + 1) = 2/5.
        let (c, b) = Self.setup(groups: 1, ["2026-07-01", "2026-07-08", "2026-07-15", "2026-07-22", "2026-09-10"].map { (.groupMeeting, $0, "g0") })
        let q = c.quarter(b, Self.q3)
        #expect(q.kinds[.groupMeeting] == KindCount(held: 5, required: 3, met: 2))
        #expect(abs(q.threeMeetingsOneLesson - 2.0 / 5) < 1e-12)
        // Seen on 09-10: July and August have ended; August had no group meeting → behind on group
        // meetings (and on 主题党日: none at all). September is the quarter's last month and its group
        // meeting is held; still due: 大会 and 党课 (quarterly, none held) and September's 主题党日.
        let p = c.quarter(b, Self.q3, asOf: Self.d("2026-09-10")).progress!
        #expect(p.behind == [.groupMeeting, .themedPartyDay])
        #expect(p.requiredToDate["groupMeeting"] == 2 && p.metToDate["groupMeeting"] == 1)
        #expect(p.dueSoon == [.generalMeeting, .partyLesson, .themedPartyDay])
        // The heat map: July 1/1, August 0/1, September: group 1/1 + 大会 0/1 + 党课 0/1 = 1/3.
        #expect(c.monthRatio(b, quarter: Self.q3, month: 7) == 1)
        #expect(c.monthRatio(b, quarter: Self.q3, month: 8) == 0)
        #expect(abs(c.monthRatio(b, quarter: Self.q3, month: 9) - 1.0 / 3) < 1e-12)
    }

    @Test func committeeEachMonthWithTwoInOneIsFullyMet() {
        // 支委会 ≥ 1 a month: July 3, August 3 and 20, September 3 → every month met: held 4, required 3, met 3.
        let (c, b) = Self.setup(committee: true, [(.committeeMeeting, "2026-07-03", nil), (.committeeMeeting, "2026-08-03", nil),
                                                  (.committeeMeeting, "2026-08-20", nil), (.committeeMeeting, "2026-09-03", nil)])
        let q = c.quarter(b, Self.q3)
        #expect(q.kinds[.committeeMeeting] == KindCount(held: 4, required: 3, met: 3))
        #expect(q.kinds[.committeeMeeting]!.ratio == 1)
        // The year view sums the quarters begun: Q1–Q3 as of 2026-09-10 → required 9, met 3, held 4.
        let year = c.period(b, quarters: ComplianceCalculator.startedQuarters(year: 2026, asOf: Self.d("2026-09-10")))
        #expect(year.kinds[.committeeMeeting] == KindCount(held: 4, required: 9, met: 3))
    }

    @Test func oldWorkspacesLoadWithTheNewDefaults() throws {
        // A workspace.json written before issue 15 lists every per-quarter count at its old default:
        // those mean "the defaults" and give the 条例's monthly rhythm. A count changed by hand is kept
        // as "that many a quarter"; `requirements` wins over both.
        let old = #"{"generalMeetingsPerQuarter":1,"committeeMeetingsPerQuarter":3,"groupMeetingsPerGroupPerQuarter":3,"partyLessonsPerQuarter":2,"themedPartyDaysPerQuarter":3,"organisationalLifeMeetingsPerYear":1,"democraticReviewsPerYear":1,"studySessionsPerYear":10}"#
        let rules = try JSONDecoder().decode(Rules.self, from: Data(old.utf8))
        #expect(rules.requirements[.committeeMeeting] == Requirement(.month, 1))
        #expect(rules.requirements[.themedPartyDay] == Requirement(.month, 1))
        #expect(rules.requirements[.partyLesson] == Requirement(.quarter, 2))
        #expect(rules.requirements[.studySession] == Requirement(.year, 10))
        let named = try JSONDecoder().decode(Rules.self, from: Data(#"{"partyLessonsPerQuarter":2,"requirements":{"partyLesson":{"period":"month"}}}"#.utf8))
        #expect(named.requirements[.partyLesson] == Requirement(.month, 1))
        #expect(try JSONDecoder().decode(Rules.self, from: Data("{}".utf8)) == Rules())
        // And what this build writes reads back the same.
        var changed = Rules()
        changed.requirements[.generalMeeting] = Requirement(.month, 2)
        #expect(try JSONDecoder().decode(Rules.self, from: JSONEncoder().encode(changed)) == changed)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Rules.self, from: Data(#"{"requirements":{"talk":{"period":"year"}}}"#.utf8)) }
    }
}

@Suite struct RequirementValidationTests {
    @Test func aQuarterKindCannotBeYearlyAndCountsAreNotNegative() {
        var ws = smallWorkspace()
        ws.settings.rules.requirements[.partyLesson] = Requirement(.year, 1)
        ws.settings.rules.requirements[.studySession] = Requirement(.year, -1)
        ws.settings.rules.requirements[.organisationalLifeMeeting] = Requirement(.quarter, 1)   // allowed: counted over the year
        let issues = Validator.validate(ws)
        #expect(issues.contains(.init(.settings, "rules.requirements.partyLesson.period", .unknownCode("year", allowed: ["month", "quarter"]))))
        #expect(issues.contains(.init(.settings, "rules.requirements.studySession.count", .negative(-1))))
        #expect(issues.count == 2)
    }
}
