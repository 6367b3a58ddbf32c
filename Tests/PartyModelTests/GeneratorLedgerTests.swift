import Testing
import TestSupport
@testable import PartyModel

/// The generated presets' member ledger (issue 18), on a town (the smallest preset with every feature
/// of the county's): rosters equal to the entered counts, personal details that hold together, a year
/// of dues with every kind of payer and arrears, training entries, moves and leavers, 签到 lists on the
/// year's 组织生活 and its 谈心谈话; deterministic.
@Suite struct GeneratorLedgerTests {
    static let ws = WorkspaceGenerator.make(.town, seed: 7, asOf: testAsOf)

    @Test func sameSeedSameWorkspaceOtherSeedAnother() {
        #expect(WorkspaceGenerator.make(.town, seed: 7, asOf: testAsOf) == Self.ws)
        #expect(WorkspaceGenerator.make(.town, seed: 8, asOf: testAsOf) != Self.ws)
    }

    @Test func everyRosterGivesTheEnteredCountsOnTheAsOfDay() {
        let ledger = MemberLedger(Self.ws)
        // The ledger's sequence runs after the rest: one member a head as entered, plus the leavers.
        #expect(Self.ws.members.filter { $0.leftOn == nil }.count == Self.ws.organisation.branches.reduce(0) { $0 + $1.totalMembers })
        for branch in Self.ws.organisation.branches {
            #expect(branch.countsFromRoster)
            let counts = ledger.counts(branch, on: testAsOf)
            #expect(counts.source == .roster)
            #expect(counts.full == branch.fullMembers && counts.probationary == branch.probationaryMembers, "\(branch.id): \(counts)")
            // The secretary on the roster is the one named on the branch; the committee likewise.
            let roster = ledger.members(of: branch.id, on: testAsOf)
            #expect(roster.filter { $0.role == .secretary }.map(\.name) == (branch.secretary.map { [$0] } ?? []))
            #expect(roster.filter { $0.role == .committeeMember }.map(\.name) == branch.committeeMembers)
            if branch.hasCommittee { #expect(roster.filter(\.role.isLeader).count >= 3) }
        }
    }

    @Test func membersDetailsHoldTogether() {
        let members = Self.ws.members
        for m in members {
            let join = m.joinDate!, born = m.birthDate!
            #expect(born.adding(months: 18 * 12) <= join, "\(m.id) joined before 18")
            #expect(m.gender != nil && m.education != nil && m.dues != nil)
            if m.leftOn == nil && m.status == .full { #expect(m.status(on: testAsOf) == .full, "\(m.id)") }
            if m.status == .probationary {
                #expect(m.acceptedOn! <= testAsOf && m.probationEnd! > testAsOf)
            }
        }
        // Mostly in work, salaries in every bracket (a few on an edge), some retired, a few farmers.
        let codes = Dictionary(grouping: members, by: { $0.dues!.code }).mapValues(\.count)
        #expect(codes[.inWork]! > members.count / 2)
        #expect(codes[.retired]! > members.count / 20 && codes[.farmer]! > 0)
        let bases = members.compactMap { if case .inWork(let b) = $0.dues { b } else { nil } }
        #expect(bases.contains { $0 <= 3000 } && bases.contains { $0 > 3000 && $0 <= 5000 } && bases.contains { $0 > 5000 && $0 <= 10000 } && bases.contains { $0 > 10000 })
        #expect(Set(members.map(\.role)) == Set(MemberRole.allCases))
        // Moves between branches and from outside, 流动党员, and those who left (kept).
        #expect(members.contains { $0.transfers.first?.from.branchId != nil && $0.leftOn == nil })
        #expect(members.contains { if case .outside = $0.transfers.first?.from { true } else { false } })
        #expect(members.contains { $0.mobile != nil })
        #expect(Set(members.compactMap(\.leftReason)).isSuperset(of: [.died, .transferredOut]))
    }

    @Test func aYearOfDuesWithArrears() {
        let ws = Self.ws, ledger = MemberLedger(ws)
        #expect(ledger.duesStart == YearMonth(year: 2026, month: 1))
        let roster = ws.members.filter { $0.branch(on: testAsOf) != nil }
        let arrears = roster.map { ledger.arrears($0, asOf: testAsOf) }
        // Most paid up to October (November is still payable); some 1–2, 3–5 and 6 months or more behind.
        #expect(arrears.filter { $0 == 0 }.count > roster.count * 8 / 10)
        #expect(arrears.contains { (1...2).contains($0) } && arrears.contains { (3...5).contains($0) } && arrears.contains { $0 >= 6 })
        // Monthly, by the quarter and a year ahead; each payment the due of its months (or a little short), to the member's branch of the month.
        #expect(ws.duesPayments.filter { $0.months.count == 1 }.count > ws.duesPayments.count / 2)
        #expect(ws.duesPayments.contains { $0.months.count == 3 } && ws.duesPayments.contains { $0.months.count == 12 })
        for p in ws.duesPayments {
            let m = ledger.member(p.memberId)!
            let due = ledger.rules.dues.monthlyDue(m.dues!)
            #expect(Money(yuan: p.amount!) <= Money(fen: due.fen * p.months.count))
            #expect(p.branchId == ledger.duesBranch(m, p.months[0]))
            #expect(p.paidOn! <= testAsOf)
        }
        // A month's collection in a branch: most paid.
        let october = YearMonth(year: 2026, month: 10)!
        let total = DuesCollection.total(ws.organisation.branches.map { ledger.collection($0.id, october, asOf: testAsOf) }, month: october)
        #expect(total.membersOwing == roster.count || total.membersOwing > roster.count * 9 / 10)
        #expect(total.rate! > 0.85 && total.rate! < 1)
        // The alerts follow: arrears of 3 and of 6 months somewhere.
        let codes = Set(AlertRules.alerts(ws, asOf: testAsOf).map(\.code))
        #expect(codes.contains("dues.arrears-3m") && codes.contains("dues.arrears-6m"))
    }

    /// 签到 lists on every 组织生活 of the year (the months the dues cover), each exactly the roster of the
    /// activity's day (a 党小组会 its group, a 支委会 the 班子), 实到/应到 their counts; most present, absences
    /// with every reason; some members absent without reason for six months and more (the alert).
    @Test func attendanceListsFollowTheRosterOfTheDay() {
        let ws = Self.ws, ledger = MemberLedger(ws)
        let life = ws.activities.filter { $0.kind.isOrganisationalLife && $0.date.year == 2026 }
        #expect(!life.isEmpty)
        var present = 0, lines = 0, reasons = Set<AbsenceReason>()
        for a in life {
            var roster = ledger.members(of: a.branchId, on: a.date)
            if a.kind == .groupMeeting { roster = roster.filter { $0.partyGroupId == a.partyGroupId } }
            if a.kind == .committeeMeeting { roster = roster.filter(\.role.isLeader) }
            #expect(a.attendance?.map(\.memberId) ?? [] == roster.map(\.id), "\(a.id)")
            guard let list = a.attendance else { continue }
            #expect(a.attended == list.filter(\.present).count && a.expected == list.count)
            #expect(a.headcount.fromList)
            present += list.filter(\.present).count; lines += list.count
            reasons.formUnion(list.compactMap(\.absenceReason))
        }
        #expect(present > lines * 85 / 100 && present < lines)
        #expect(reasons == Set(AbsenceReason.allCases))
        // Older years keep their entered counts.
        #expect(ws.activities.filter { $0.date.year < 2026 }.allSatisfy { $0.attendance == nil })
        let roster = ws.members.filter { $0.branch(on: testAsOf) != nil }
        #expect(roster.contains { ledger.unexcusedAbsenceRun($0, asOf: testAsOf) >= 6 })
        #expect(roster.filter { ledger.unexcusedAbsenceRun($0, asOf: testAsOf) >= 6 }.count < roster.count / 50)
    }

    /// The year's 谈心谈话: nearly every member has had theirs with the secretary by the fourth quarter.
    @Test func talksWithTheSecretary() {
        let ws = Self.ws, ledger = MemberLedger(ws)
        let roster = ws.members.filter { $0.branch(on: testAsOf) != nil }
        let talked = roster.filter { !ledger.talks($0, year: 2026, asOf: testAsOf).isEmpty }.count
        #expect(talked > roster.count * 85 / 100 && talked < roster.count)
        let alerts = AlertRules.alerts(ws, asOf: testAsOf).filter { $0.code == "talks.missing" }
        #expect(!alerts.isEmpty && alerts.count < ws.organisation.branches.count)
    }

    @Test func trainingEntriesInEveryYearAndTheWorkspaceValidates() {
        let ws = Self.ws
        #expect(Set(ws.trainingEntries.map(\.date.year)) == Set(2024...2026))
        for e in ws.trainingEntries { #expect(ws.members.first { $0.id == e.memberId }?.branch(on: e.date) == e.branchId) }
        #expect(Validator.validate(ws).isEmpty)
    }
}
