import Foundation
import PartyModel

extension Journal {
    /// A line's record kind and its two sides, decoded straight from the line's bytes (re-serialising
    /// through JSONSerialization could write an amount such as 3000.01 with other digits).
    private struct Line<Record: Decodable>: Decodable {
        var before: Record?
        var after: Record?
    }

    private struct Kind: Decodable { var entity: String }

    /// The single change a journal line records, as applied (an undo's line already holds the
    /// inverse). Nil for a line this build cannot read back: another version's, a torn one, or a
    /// kind it does not know. The PostgreSQL dashboard replays other offices' commits from the
    /// journal table's lines with this, as it shows its own saves.
    public static func change(fromLine line: Data) -> Change? {
        let decoder = JSONDecoder()
        guard let kind = try? decoder.decode(Kind.self, from: line) else { return nil }
        func pair<R: Decodable>(_ type: R.Type) -> (R?, R?)? {
            guard let decoded = try? decoder.decode(Line<R>.self, from: line) else { return nil }
            // Both sides absent is no change.
            guard decoded.before != nil || decoded.after != nil else { return nil }
            return (decoded.before, decoded.after)
        }
        switch kind.entity {
        case "activity": return pair(Activity.self).map { .activity(before: $0.0, after: $0.1) }
        case "rectification": return pair(Rectification.self).map { .rectification(before: $0.0, after: $0.1) }
        case "task": return pair(PlanTask.self).map { .task(before: $0.0, after: $0.1) }
        case "branch": return pair(Branch.self).map { .branch(before: $0.0, after: $0.1) }
        case "generalBranch": return pair(GeneralBranch.self).map { .generalBranch(before: $0.0, after: $0.1) }
        case "check": return pair(QuarterlyCheck.self).map { .check(before: $0.0, after: $0.1) }
        case "manualScore": return pair(ManualScore.self).map { .manualScore(before: $0.0, after: $0.1) }
        case "bonus": return pair(Bonus.self).map { .bonus(before: $0.0, after: $0.1) }
        case "member": return pair(Member.self).map { .member(before: $0.0, after: $0.1) }
        case "duesPayment": return pair(DuesPayment.self).map { .duesPayment(before: $0.0, after: $0.1) }
        case "trainingEntry": return pair(TrainingEntry.self).map { .trainingEntry(before: $0.0, after: $0.1) }
        case "reviewResult": return pair(ReviewResult.self).map { .reviewResult(before: $0.0, after: $0.1) }
        case "pioneerPoints": return pair(PioneerPoints.self).map { .pioneerPoints(before: $0.0, after: $0.1) }
        case "candidate": return pair(Candidate.self).map { .candidate(before: $0.0, after: $0.1) }
        case "funds": return pair(FundsEntry.self).map { .funds(before: $0.0, after: $0.1) }
        case "developmentTargets":
            guard let (before, after) = pair(DevelopmentTargets.self), let before, let after else { return nil }
            return .developmentTargets(before: before, after: after)
        case "targets":
            guard let (before, after) = pair(TargetsFile.self), let before, let after else { return nil }
            return .targets(before: before, after: after)
        default: return nil
        }
    }
}
