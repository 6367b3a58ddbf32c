import Testing
@testable import PartyPostgres

/// Whether a first screen kept under one journal fingerprint may be shown as "behind" the database
/// as it is now, and from where its changes are counted (`PostgresStore.journalFingerprint`: role,
/// schema, database, a digest of the branches the role sees, last journal row, its time).
struct KeptScreenLagTests {
    static let seen = "0f3c9a"
    static let kept = "township1 4 county \(seen) 10 2026-12-02 16:02:11.483921+08"

    @Test func laterItIsBehindFromTheLastRowItSaw() {
        let lag = KeptScreenLag(kept: Self.kept, now: "township1 4 county \(Self.seen) 12 2026-12-02 16:40:00.1+08")
        #expect(lag == KeptScreenLag(keptSeq: 10, changes: nil, keptAt: "2026-12-02 16:02:11+08"))
    }

    /// Another role, schema, database, or the same role seeing other branches (granted again): never shown.
    @Test func anotherReaderIsNeverShown() {
        for now in ["township2 4 county \(Self.seen) 12 2026-12-02 16:40:00+08", "township1 5 county \(Self.seen) 12 2026-12-02 16:40:00+08",
                    "township1 4 city \(Self.seen) 12 2026-12-02 16:40:00+08", "township1 4 county 77aa01 12 2026-12-02 16:40:00+08",
                    "township1 4 12 2026-12-02 16:40:00+08"] {
            #expect(KeptScreenLag(kept: Self.kept, now: now) == nil, "\(now)")
        }
    }

    @Test func theSameDataIsNotBehind() {
        #expect(KeptScreenLag(kept: Self.kept, now: Self.kept) == nil)
    }

    /// A push --replace numbers the journal from 1 again: behind, by a count not known.
    @Test func numbersStartedAgainIsBehindByAnUnknownCount() {
        let lag = KeptScreenLag(kept: Self.kept, now: "township1 4 county \(Self.seen) 3 2026-12-02 17:00:00+08")
        #expect(lag != nil && lag?.keptSeq == nil)
        // An empty journal's time is empty.
        #expect(KeptScreenLag(kept: "wall 4 county \(Self.seen) 0 ", now: "wall 4 county \(Self.seen) 1 2026-12-02 17:00:00+08")
                == KeptScreenLag(keptSeq: 0, changes: nil, keptAt: ""))
    }
}
