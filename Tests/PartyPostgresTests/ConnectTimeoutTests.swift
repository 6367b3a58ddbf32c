import Testing
@testable import PartyPostgres

/// The connections that ask whether a broken COMMIT landed wait at most this long for a server.
struct ConnectTimeoutTests {
    @Test func addedToTheQueryNeverToAPassword() {
        #expect(PostgresURI.withConnectTimeout("postgresql://u@host/db", seconds: 2) == "postgresql://u@host/db?connect_timeout=2")
        #expect(PostgresURI.withConnectTimeout("postgresql://u@/db?host=/tmp/s", seconds: 2) == "postgresql://u@/db?host=/tmp/s&connect_timeout=2")
        // A "?" in the password is not the query's.
        #expect(PostgresURI.withConnectTimeout("postgresql://u:p?w@host/db", seconds: 2) == "postgresql://u:p?w@host/db?connect_timeout=2")
        #expect(PostgresURI.withConnectTimeout("postgresql://host", seconds: 2) == "postgresql://host/?connect_timeout=2")
        // One given already is kept.
        #expect(PostgresURI.withConnectTimeout("postgresql://h/db?connect_timeout=9", seconds: 2) == "postgresql://h/db?connect_timeout=9")
    }
}
