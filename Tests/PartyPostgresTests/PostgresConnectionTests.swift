import Foundation
import Testing
import TestSupport
@testable import PartyPostgres

/// The connection against a real server the test starts itself (issue 20, first part). Without
/// PostgreSQL's binaries these fail saying how to install them, unless PARTYDESK_SKIP_POSTGRES=1.
@Suite(.serialized) struct PostgresConnectionTests {
    func server() throws -> ThrowawayPostgres? {
        do { return try ThrowawayPostgres() } catch let missing as ThrowawayPostgres.Missing where ThrowawayPostgres.mayBeMissing {
            print("skipped: \(missing)")
            return nil
        }
    }

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
}
