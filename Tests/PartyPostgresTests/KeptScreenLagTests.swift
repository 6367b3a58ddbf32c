import Testing
@testable import PartyPostgres

/// Whether a first screen kept under one journal fingerprint may be shown as "behind" the database
/// as it is now, and by how much (`PostgresStore.journalFingerprint`: role, schema, last row, its time).
struct KeptScreenLagTests {
    static let kept = "township1 4 10 2026-12-02 16:02:11.483921+08"

    @Test func twoCommitsLaterItIsTwoBehindAsOfTheLastRowItSaw() {
        let lag = KeptScreenLag(kept: Self.kept, now: "township1 4 12 2026-12-02 16:40:00.1+08")
        #expect(lag == KeptScreenLag(changes: 2, keptAt: "2026-12-02 16:02:11+08"))
    }

    @Test func anotherRoleOrSchemaIsNeverShown() {
        #expect(KeptScreenLag(kept: Self.kept, now: "township2 4 12 2026-12-02 16:40:00+08") == nil)
        #expect(KeptScreenLag(kept: Self.kept, now: "township1 5 12 2026-12-02 16:40:00+08") == nil)
        #expect(KeptScreenLag(kept: "township1 4", now: "township1 4 12 2026-12-02 16:40:00+08") == nil)
    }

    @Test func theSameDataIsNotBehind() {
        #expect(KeptScreenLag(kept: Self.kept, now: Self.kept) == nil)
    }

    /// A push --replace numbers the journal from 1 again: behind, by an unknown count.
    @Test func numbersStartedAgainIsBehindByAnUnknownCount() {
        #expect(KeptScreenLag(kept: Self.kept, now: "township1 4 3 2026-12-02 17:00:00+08")?.changes == nil)
        #expect(KeptScreenLag(kept: Self.kept, now: "township1 4 3 2026-12-02 17:00:00+08") != nil)
        // An empty journal's time is empty.
        #expect(KeptScreenLag(kept: "wall 4 0 ", now: "wall 4 1 2026-12-02 17:00:00+08") == KeptScreenLag(changes: 1, keptAt: ""))
    }
}
