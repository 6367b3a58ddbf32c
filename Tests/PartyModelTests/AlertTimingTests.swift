import Testing
import TestSupport
@testable import PartyModel

/// Issue 15: progress alerts only for periods that have ended, a "due soon" info in a quarter's last
/// month, a grace period before a check is missing, and the secretary's yearly party lesson.
@Suite struct AlertTimingTests {
    static func d(_ s: String) -> Day { Day(iso: s)! }

    /// A branch with a committee and no groups; Q3 2026 has no check. Q4 ledger: 支委会 10-10 and 11-05;
    /// 主题党日 11-20 only (October has none); no 大会, no 党课.
    static func workspace(lessons: [Activity] = []) -> Workspace {
        let b = Branch(id: "b", name: "支部", parentId: "c", sector: .other, fullMembers: 8, hasCommittee: true, secretary: "张书记",
                       termStart: d("2025-01-01"), termEnd: d("2028-01-01"))
        let activities = [
            Activity(id: "a1", branchId: "b", kind: .committeeMeeting, date: d("2026-10-10"), title: "t"),
            Activity(id: "a2", branchId: "b", kind: .committeeMeeting, date: d("2026-11-05"), title: "t"),
            Activity(id: "a3", branchId: "b", kind: .themedPartyDay, date: d("2026-11-20"), title: "t"),
        ] + lessons
        return Workspace(settings: WorkspaceSettings(name: "t", currentYear: 2026),
                         organisation: Organisation(committee: Committee(id: "c", name: "党委"), branches: [b]),
                         activities: activities, plan: WorkPlan(title: "", year: 2026))
    }

    static func alerts(_ ws: Workspace, _ day: String) -> [AlertKind] { AlertRules.alerts(ws, asOf: d(day)).map(\.kind) }

    @Test func aQuarterSeenOnItsSecondDayFortyFifthDayAndLastDay() {
        let ws = Self.workspace()
        let q4 = Quarter(year: 2026, number: 4)!, q3 = Quarter(year: 2026, number: 3)!
        // 2nd day (10-02): no month of Q4 has ended → not behind; not the last month → nothing due soon.
        // Q3's check: Q3 ended 09-30, missing only after 09-30 + 15 = 10-15 → an info, not a warning.
        // Q4: the secretary has given no lesson this year → an info.
        let second = Self.alerts(ws, "2026-10-02")
        #expect(!second.contains { if case .meetingsBehind = $0 { true } else { false } })
        #expect(!second.contains { if case .meetingsDueSoon = $0 { true } else { false } })
        #expect(second.contains(.checkDue(quarter: q3, missingAfter: Self.d("2026-10-15"))))
        #expect(!second.contains(.checkMissing(quarter: q3)))
        #expect(second.contains(.secretaryLesson(year: 2026, given: 0, required: 1, yearEnded: false)))
        // The grace period's last day still informs; the day after warns.
        #expect(Self.alerts(ws, "2026-10-15").contains(.checkDue(quarter: q3, missingAfter: Self.d("2026-10-15"))))
        #expect(Self.alerts(ws, "2026-10-16").contains(.checkMissing(quarter: q3)))
        // 45th day (11-14): October has ended — 支委会 met (10-10), 主题党日 not → behind on 主题党日 only.
        // November is not the last month → nothing due soon. The check is now missing.
        let fortyFifth = AlertRules.alerts(ws, asOf: Self.d("2026-11-14"))
        #expect(fortyFifth.contains { $0.kind == .meetingsBehind(quarter: q4, kinds: [.themedPartyDay]) && $0.severity == .warning })
        #expect(!fortyFifth.contains { if case .meetingsDueSoon = $0.kind { true } else { false } })
        #expect(fortyFifth.contains { $0.kind == .checkMissing(quarter: q3) && $0.severity == .warning })
        // Last day (12-31): October and November have ended — October still lacks a 主题党日 → behind;
        // December is the last month: 大会 and 党课 (quarterly, none) and December's 支委会 and 主题党日 (none)
        // are due → one info listing the four.
        let last = AlertRules.alerts(ws, asOf: Self.d("2026-12-31"))
        #expect(last.contains { $0.kind == .meetingsBehind(quarter: q4, kinds: [.themedPartyDay]) })
        #expect(last.contains { $0.kind == .meetingsDueSoon(quarter: q4, kinds: [.generalMeeting, .committeeMeeting, .partyLesson, .themedPartyDay])
                                && $0.severity == .notice })
    }

    @Test func aSecretaryWhoGaveNoLesson() {
        // 2026 ends with no lesson by 张书记: on 2027-01-10 a warning for 2026. A lesson by someone
        // else does not count; one by the secretary (spaces trimmed) clears it.
        let none = Self.workspace()
        let other = Self.workspace(lessons: [Activity(id: "l", branchId: "b", kind: .partyLesson, date: Self.d("2026-06-01"), title: "党课", lecturer: "李老师")])
        let given = Self.workspace(lessons: [Activity(id: "l", branchId: "b", kind: .partyLesson, date: Self.d("2026-06-01"), title: "党课", lecturer: " 张书记 ")])
        let warning = AlertRules.alerts(none, asOf: Self.d("2027-01-10")).first { $0.code == "lesson.secretary-none" }
        #expect(warning?.kind == .secretaryLesson(year: 2026, given: 0, required: 1, yearEnded: true))
        #expect(warning?.severity == .warning)
        #expect(AlertRules.alerts(other, asOf: Self.d("2027-01-10")).contains { $0.code == "lesson.secretary-none" })
        #expect(!AlertRules.alerts(given, asOf: Self.d("2027-01-10")).contains { $0.code.hasPrefix("lesson.") })
        #expect(!AlertRules.alerts(given, asOf: Self.d("2026-11-01")).contains { $0.code.hasPrefix("lesson.") })
        // Before Q4 nothing is said; in Q4 an info.
        #expect(!AlertRules.alerts(none, asOf: Self.d("2026-09-30")).contains { $0.code.hasPrefix("lesson.") })
        #expect(AlertRules.alerts(none, asOf: Self.d("2026-10-01")).contains { $0.code == "lesson.secretary-due" && $0.severity == .notice })
        #expect(ComplianceCalculator(given).year(given.organisation.branches[0], 2026).secretaryLesson == KindCount(held: 1, required: 1))
    }
}
