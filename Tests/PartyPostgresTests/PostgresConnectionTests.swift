import Foundation
import Testing
import TestSupport
@testable import PartyPostgres

/// The connection against a real server the test starts itself (issue 20, first part). Without
/// PostgreSQL's binaries these fail saying how to install them, unless PARTYDESK_SKIP_POSTGRES=1.
@Suite(.serialized) struct PostgresConnectionTests {
    func server() throws -> ThrowawayPostgres? { try ThrowawayPostgres.forTest() }

    /// Chinese text, quotes, a NULL and a date go in as parameters and come back exactly; a transaction
    /// that throws leaves nothing; the server's SQLSTATE comes with a refused statement.
    @Test func parametersRoundTripAndATransactionIsWholeOrAbsent() throws {
        guard let pg = try server() else { return }
        defer { pg.stop() }
        let db = try PostgresConnection(uri: pg.uri)
        #expect(db.serverVersion >= 150000)
        try db.execute("CREATE TABLE branches (id text PRIMARY KEY, name text NOT NULL, term_end date, note text)")
        let name = "机电工程系学生党支部 'O''Brien'; DROP TABLE branches; --"
        let inserted = try db.execute("INSERT INTO branches VALUES ($1, $2, $3, $4)", ["b-s-mech", name, "2027-08-01", nil])
        #expect(inserted.affected == 1)
        let rows = try db.execute("SELECT id, name, term_end, note FROM branches WHERE id = $1", ["b-s-mech"])
        #expect(rows.columns == ["id", "name", "term_end", "note"])
        #expect(rows.rows == [["b-s-mech", name, "2027-08-01", nil]])

        // A second row with the same id: refused by the server, with its code; the batch before it in the
        // same transaction is rolled back with it.
        #expect(throws: PostgresError.self) {
            try db.transaction {
                try db.execute("INSERT INTO branches (id, name) VALUES ($1, $2)", ["b-new", "新支部"])
                try db.execute("INSERT INTO branches (id, name) VALUES ($1, $2)", ["b-s-mech", "重复"])
            }
        }
        do {
            try db.execute("INSERT INTO branches (id, name) VALUES ($1, $2)", ["b-s-mech", "重复"])
            Issue.record("a taken key was accepted")
        } catch {
            #expect(error.sqlState == "23505", "\(error)")
        }
        #expect(try db.execute("SELECT count(*) FROM branches").rows == [["1"]])
    }

    /// A value's trailing spaces and newline are data, kept (a journal line ends with its newline;
    /// the binding once trimmed values as it trims libpq's messages).
    @Test func trailingWhitespaceOfAValueIsKept() throws {
        guard let pg = try server() else { return }
        defer { pg.stop() }
        let db = try PostgresConnection(uri: pg.uri)
        #expect(try db.execute("SELECT $1::text", ["名称 \n"]).rows == [["名称 \n"]])
    }

    /// A connection refused says why and never repeats the URI's password.
    @Test func aRefusedConnectionSaysWhyWithoutThePassword() throws {
        guard let pg = try server() else { return }
        defer { pg.stop() }
        do {
            _ = try PostgresConnection(uri: "postgresql://partydesk:s3cret-pw@/nosuchdb?host=\(pg.directory)")
            Issue.record("connected to a database that does not exist")
        } catch {
            #expect(error.message.contains("nosuchdb") && !error.message.contains("s3cret-pw"), "\(error.message)")
        }
    }

    /// LISTEN/NOTIFY through the bound PQconsumeInput/PQnotifies: the channel, payload and sender's
    /// pid read at PGnotify's C offsets come back as sent (a session hears its own NOTIFY).
    @Test func notificationsArriveWithChannelPayloadAndSender() throws {
        guard let pg = try server() else { return }
        defer { pg.stop() }
        let db = try PostgresConnection(uri: pg.uri)
        #expect(db.socket >= 0)
        #expect(try db.notifications().isEmpty)
        try db.execute("LISTEN partydesk_changes")
        try db.execute("SELECT pg_notify($1, $2)", ["partydesk_changes", "branches/b-s-mech 支部"])
        try db.execute("NOTIFY partydesk_changes")
        let pid = try #require(Int32(try db.execute("SELECT pg_backend_pid()").rows[0][0] ?? ""))
        #expect(try db.notifications() == [
            PostgresNotification(channel: "partydesk_changes", payload: "branches/b-s-mech 支部", serverProcess: pid),
            PostgresNotification(channel: "partydesk_changes", payload: "", serverProcess: pid),
        ])
        #expect(try db.notifications().isEmpty)
    }

    /// A library that is not there, or is not libpq: the loader says which and what dlopen/dlsym said,
    /// and the error a connection would throw says how to install libpq (no crash).
    @Test func aMissingLibpqIsAnErrorThatSaysHowToInstallIt() throws {
        guard case .failure(let missing) = LibPQ.load(["/nonexistent/libpq.so.5"]) else {
            Issue.record("loaded a library that does not exist")
            return
        }
        #expect(missing.reasons.contains("dlopen") && missing.reasons.contains("/nonexistent/libpq.so.5"), "\(missing.reasons)")
        #expect(missing.error.libraryMissing && missing.error.message.contains("apt-get install -y libpq5"), "\(missing.error)")
        // libc has no PQconnectdb: found by dlopen, refused by dlsym.
        guard case .failure(let notLibpq) = LibPQ.load(["libc.so.6"]) else {
            Issue.record("took libc for libpq")
            return
        }
        #expect(notLibpq.reasons.contains("dlsym") && notLibpq.reasons.contains("PQconnectdb"), "\(notLibpq.reasons)")
        #expect(LibPQ.candidates(override: "/opt/kingbase/lib/libpq.so.5") == ["/opt/kingbase/lib/libpq.so.5"])
        #expect(LibPQ.candidates(override: nil).first == "libpq.so.5")
    }
}
