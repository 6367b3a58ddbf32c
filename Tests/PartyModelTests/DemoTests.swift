import Testing
import TestSupport
@testable import PartyModel

@Suite struct DemoTests {
    let demo = DemoWorkspace.make(asOf: testAsOf)

    @Test func sameDayGivesTheSameWorkspace() {
        #expect(DemoWorkspace.make(asOf: testAsOf) == demo)
        #expect(DemoWorkspace.make(asOf: Day(iso: "2026-06-30")!) != demo)
    }

    @Test func shapeOfAnInstituteCommittee() {
        let org = demo.organisation
        #expect(org.generalBranches.count == 3)
        #expect((14...16).contains(org.branches.count))
        #expect(Set(org.branches.map(\.sector)).isSuperset(of: [.government, .school, .other, .enterprise]))
        #expect(org.branches.filter(\.isJointBranch).count == 1)
        #expect(org.branches.contains { !$0.partyGroups.isEmpty })
        #expect(demo.settings.isDemo)
        // Every branch keeps its roster, and on the as-of day the rosters give the counts entered on
        // the branches (two who left this year stay on file, not counted: issue 18).
        let ledger = MemberLedger(demo)
        for branch in org.branches {
            #expect(branch.countsFromRoster)
            let counts = ledger.counts(branch, on: testAsOf)
            #expect(counts == MemberCounts(full: branch.fullMembers, probationary: branch.probationaryMembers, source: .roster), "\(branch.id)")
            #expect(ledger.members(of: branch.id, on: testAsOf).count == branch.totalMembers, "\(branch.id)")
            #expect(branch.partyGroups.reduce(0) { $0 + $1.size } == (branch.partyGroups.isEmpty ? 0 : branch.totalMembers))
        }
        // Issue 19: the demo's cancelled 预备党员 is on file too (left in the year before last).
        #expect(demo.members.filter { $0.leftOn != nil }.map(\.leftReason) == [.died, .transferredOut, .probationCancelled])
        // Activities for the previous and current year, none after asOf.
        #expect(Set(demo.activities.map(\.date.year)) == [2025, 2026])
        #expect(demo.activities.allSatisfy { $0.date <= testAsOf })
        #expect(demo.plan.tasks.count >= 15)
        #expect(demo.plan.tasks.allSatisfy { !$0.responsibleUnits.isEmpty })
    }

    @Test func deliberateImperfectionsArePresent() {
        let org = demo.organisation
        // An overdue term.
        #expect(org.branches.contains { $0.termEnd.map { $0 < testAsOf } ?? false })
        // A branch over 50 members.
        #expect(org.branches.contains { $0.totalMembers > 50 })
        // A branch of 8+ full members without a committee.
        #expect(org.branches.contains { $0.fullMembers >= 8 && !$0.hasCommittee })
        // A quarter of this year missing its 党课 in some branch.
        let missing = org.branches.contains { branch in
            (1...3).contains { q in
                !demo.activities.contains { $0.branchId == branch.id && $0.kind == .partyLesson && $0.date.quarter == Quarter(year: 2026, number: q) }
            }
        }
        #expect(missing)
        // A branch short of training hours last year: Σ(hours × attended) / members < 32.
        let short = org.branches.contains { branch in
            let hours = demo.activities.filter { $0.branchId == branch.id && $0.date.year == 2025 }
                .reduce(0.0) { $0 + ($1.hours ?? 0) * Double($1.attended ?? 0) }
            return hours / Double(branch.totalMembers) < 32
        }
        #expect(short)
    }

    @Test func summaryCountsByHand() {
        let s = WorkspaceSummary(smallWorkspace(), year: 2026)
        #expect(s.organisations == .init(committees: 1, generalBranches: 1, branches: 2, partyGroups: 2))
        #expect(s.members == .init(full: 15, probationary: 2, total: 17, rostered: 2))
        #expect(s.activities["generalMeeting"] == 0)   // dated 2025
        #expect(s.activities["groupMeeting"] == 1)
        #expect(s.activities["training"] == 1)
        #expect(s.activities["partyLesson"] == 1)
        #expect(s.activities.count == ActivityKind.allCases.count)
        #expect(s.planTasks["inProgress"] == 1 && s.planTasks["done"] == 0)
    }
}

@Suite struct DemoCoverageTests {
    let demo = DemoWorkspace.make(asOf: testAsOf)

    @Test func everyAlertKindAppears() {
        let codes = Set(AlertRules.alerts(demo, asOf: testAsOf).map(\.code))
        let expected: Set<String> = [
            "term.ends-within-6m", "term.ends-within-3m", "term.overdue", "term.unknown",
            "org.too-few-full-members", "org.no-committee", "org.over-branch-size", "org.over-committee-threshold",
            "org.no-party-groups", "dues.arrears-3m", "dues.arrears-6m", "meetings.behind", "check.missing",
            "rectification.overdue", "leadership.secretary-vacant",
            // Issue 15: in Q4 the weakest branches, whose lessons the deputy gave, are reminded. (meetings.due-soon
            // and check.due cannot appear on 11-21: November is not a quarter's last month, and Q3's grace ended 10-15.)
            "lesson.secretary-due",
            // Issue 15: maxPartyGroupSize (10) is now read; the demo has groups over it.
            "org.party-group-too-large",
            // Issue 18: in Q4, members still short of their training hours (32 h; 56 h for the 班子).
            "training.hours-short",
            // Issue 18: 签到 (a member absent without reason 6 months running), 谈心谈话 in Q4, a 不合格 awaiting its 处置.
            "attendance.unexcused-6m", "talks.missing", "review.unqualified",
            // Issue 19: 发展党员 — a talk, a review, 政审, approvals past 3 and 6 months, a 预备期 ended, a 转正 overdue.
            "development.talk-overdue", "development.review-overdue", "development.checks-missing", "development.approval-overdue",
            "development.approval-over-longest", "development.full-due", "development.full-overdue",
            // Issue 17: 经费 — 后勤保障党支部's second half of its 活动经费 is not allocated (and 组织人事党支部
            // gained a member since its allocation was budgeted on 1 January).
            "funds.below-standard",
            // Issue 17: 一支部一清单 — 后勤保障党支部 missed October's monthly report (due the 25th), 科研中心党支部
            // the first half's written report; 经济管理系学生党支部 has not finished the 台账 task due 31 October.
            "task.occurrence-late", "task.branch-late",
            // Issue 17: 目标 — the demo's targets behind their Q3 milestone (最强, 三会一课, checks, 后备力量).
            "target.behind",
        ]
        #expect(codes == expected)
    }

    @Test func everyGradeAppearsAndSomeBranchesAreStrongest() {
        let engine = ScoringEngine(demo)
        for table in [engine.year(2026, asOf: testAsOf), engine.year(2025, asOf: testAsOf)] {
            #expect(Grade.allCases.allSatisfy { (table.summary.grades[$0] ?? 0) > 0 }, "\(table.year): \(table.summary.grades)")
            #expect(table.summary.strongestCount > 0)
        }
    }

    @Test func rectificationsInEveryStateSomeOverdueSomeReturnedOrReopened() {
        let states = Set(demo.rectifications.map(\.status))
        #expect(states == Set(RectificationStatus.allCases))
        #expect(demo.rectifications.contains { $0.isOverdue(on: testAsOf) })
        #expect(demo.rectifications.contains { r in r.history.contains { $0.from == .submitted && $0.to == .inProgress } })
        #expect(demo.rectifications.contains { r in r.history.contains { $0.from == .closed } })
        #expect(demo.rectifications.allSatisfy { r in demo.checks.contains { $0.id == r.sourceCheckId } })
    }

    @Test func checksCoverEndedQuartersWithTwoGaps() {
        let engine = ScoringEngine(demo)
        let last = testAsOf.quarter.previous
        let missing = demo.organisation.branches.filter { engine.check(branch: $0.id, quarter: last) == nil }
        #expect(missing.count == 2)
        #expect(demo.checks.allSatisfy { $0.date <= testAsOf && $0.period!.lastDay < $0.date })
    }
}

@Suite struct NumeralTests {
    @Test func chineseNumeralsAsWritten() {
        let cases: [(Int, String)] = [(1, "一"), (10, "十"), (15, "十五"), (20, "二十"), (47, "四十七"), (100, "一百"), (101, "一百零一"),
                                      (110, "一百一十"), (115, "一百一十五"), (250, "二百五十"), (400, "四百"), (999, "九百九十九"), (1000, "1000")]
        for (n, text) in cases { #expect(DemoWorkspace.chineseNumeral(n) == text, "\(n)") }
    }
}

/// Issue 19: the demo's 发展党员 pipeline.
@Suite struct DemoDevelopmentTests {
    let demo = DemoWorkspace.make(asOf: testAsOf)

    @Test func everyStageAnExtensionACancellationAndOneException() throws {
        let stages = Set(demo.candidates.map { $0.stage(on: testAsOf) })
        #expect(stages == Set(DevelopmentStage.allCases.map { Optional($0) }))
        #expect(Set(demo.candidates.map(\.branchId)).count >= 5)
        #expect(demo.candidates.filter { $0.has(.extension) }.count == 1 && demo.candidates.filter { $0.has(.cancellation) }.count == 1)
        // The files hold no problem; the one late talk is an exception with its reason.
        #expect(Validator.validate(demo).isEmpty, "\(Validator.validate(demo).prefix(3))")
        let exceptions = DevelopmentCheck.exceptions(demo)
        #expect(exceptions.count == 1 && exceptions[0].violations.map(\.rule) == [.talkWithin])
        // Everyone linked to the roster is as the record makes them: accepted on the 支部大会 day, the
        // 预备期 ending a year on (plus the extension), off the roster from a cancellation.
        let members = Dictionary(uniqueKeysWithValues: demo.members.map { ($0.id, $0) })
        for c in demo.candidates where c.memberId != nil {
            let m = try #require(members[c.memberId!])
            let made = DevelopmentRecord.member(for: c, existing: m, in: demo)
            #expect(made?.acceptedOn == m.acceptedOn && made?.probationEnds == m.probationEnds && made?.leftOn == m.leftOn, "\(c.id)")
            // On the roster: probationary until the 预备期's end, full from it (whether or not the 转正 is approved yet: an alert says so).
            if c.stage != .cancelled, let end = c.probationEnd(demo.settings.rules.development) {
                #expect(m.status(on: testAsOf) == (testAsOf < end ? .probationary : .full), "\(c.id)")
            }
        }
        // Targets: the year's plan and students.
        let t = DevelopmentPipeline.targets(demo, asOf: testAsOf)
        #expect(t.total.plan == 26 && t.total.students == 1400 && t.total.developed > 0)
    }
}
