#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the server or libpq said when a statement or a connection failed. The connection URI is
/// never part of it (it may hold a password).
public struct PostgresError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The SQLSTATE code the server sent (`23505`: a unique key taken; `42501`: not permitted), when it sent one.
    public var sqlState: String?
    public var message: String
    /// libpq itself could not be loaded (not installed, or not the library it should be): nothing
    /// reached a server. The message names what dlopen said and how to install libpq.
    public var libraryMissing = false
    public var description: String { sqlState.map { "[\($0)] \(message)" } ?? message }
}

/// The rows a statement returned, as text (PostgreSQL's text format); nil is SQL NULL.
public struct PostgresRows: Sendable {
    public var columns: [String]
    public var rows: [[String?]]
    /// Rows a command touched (INSERT, UPDATE, DELETE), as the server counted them.
    public var affected: Int
}

/// One connection to a PostgreSQL server through libpq, used from one thread at a time. Statements run
/// synchronously (the dashboard's loop is synchronous); every value is sent as a parameter, never
/// spliced into SQL text. libpq is loaded when the first connection is made (LibPQ.swift).
public final class PostgresConnection {
    private let connection: OpaquePointer

    /// `uri`: a libpq connection URI (`postgresql://user@host/db?host=/socket/dir`). The password, when
    /// one is needed, comes from `~/.pgpass` or `PGPASSWORD` as libpq reads them, not from here.
    public init(uri: String) throws(PostgresError) {
        // No libpq on this machine: say so, before any call into it.
        if case .failure(let missing) = LibPQ.loaded { throw missing.error }
        guard let made = PQconnectdb(uri) else { throw PostgresError(sqlState: nil, message: "libpq: out of memory") }
        guard PQstatus(made) == CONNECTION_OK else {
            let message = Self.text(PQerrorMessage(made))
            PQfinish(made)
            throw PostgresError(sqlState: nil, message: message)
        }
        connection = made
        PQdropNotices(made)
        // Dates and text as the model writes them, whatever the server's defaults.
        _ = try execute("SET client_encoding = 'UTF8'")
        _ = try execute("SET DateStyle = 'ISO, YMD'")
        // libpq prints the server's notices on stderr ("… already exists, skipping"): not for users' eyes.
        _ = try execute("SET client_min_messages = 'warning'")
    }

    deinit { PQfinish(connection) }

    /// The server's version as libpq reports it (150018 for 15.18).
    public var serverVersion: Int { Int(PQserverVersion(connection)) }

    /// Runs one statement with `parameters` ($1, $2 …; nil is NULL) and returns its rows.
    @discardableResult
    public func execute(_ sql: String, _ parameters: [String?] = []) throws(PostgresError) -> PostgresRows {
        let result: OpaquePointer?
        if parameters.isEmpty {
            result = PQexec(connection, sql)
        } else {
            // The parameters' C strings live until PQexecParams returns.
            let copies = parameters.map { $0.map { strdup($0) } ?? nil }
            defer { for pointer in copies { free(pointer) } }
            let values = copies.map { UnsafePointer<CChar>($0) }
            result = values.withUnsafeBufferPointer { buffer in
                PQexecParams(connection, sql, Int32(parameters.count), nil, buffer.baseAddress, nil, nil, 0)
            }
        }
        guard let result else { throw PostgresError(sqlState: nil, message: Self.text(PQerrorMessage(connection))) }
        defer { PQclear(result) }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            let columnCount = Int(PQnfields(result)), rowCount = Int(PQntuples(result))
            let columns = (0..<columnCount).map { Self.text(PQfname(result, Int32($0))) }
            let rows = (0..<rowCount).map { r in
                (0..<columnCount).map { c -> String? in
                    PQgetisnull(result, Int32(r), Int32(c)) == 1 ? nil : String(cString: PQgetvalue(result, Int32(r), Int32(c)))
                }
            }
            return PostgresRows(columns: columns, rows: rows, affected: Int(Self.text(PQcmdTuples(result))) ?? 0)
        default:
            let state = PQresultErrorField(result, PG_DIAG_SQLSTATE).map { String(cString: $0) }
            let primary = PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY).map { String(cString: $0) }
            throw PostgresError(sqlState: state, message: primary ?? Self.text(PQresultErrorMessage(result)))
        }
    }

    /// The server process serving this connection (`pg_backend_pid()`, known without a query).
    public var serverProcess: Int32 { PQbackendPID(connection) }

    /// The connection's socket, to wait on (poll) for notifications; -1 when the connection is closed.
    public var socket: Int32 { PQsocket(connection) }

    /// The notifications (LISTEN/NOTIFY) that arrived: what the socket holds is read first, without
    /// waiting. Throws when the connection is lost.
    public func notifications() throws(PostgresError) -> [PostgresNotification] {
        guard PQconsumeInput(connection) == 1 else { throw PostgresError(sqlState: nil, message: Self.text(PQerrorMessage(connection))) }
        var found: [PostgresNotification] = []
        while let notify = PQnotifies(connection) {
            found.append(PGnotifyLayout.read(notify))
            PQfreemem(notify)
        }
        return found
    }

    /// `body` in one transaction: committed when it returns, rolled back when it throws.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN")
        do {
            let value = try body()
            try execute("COMMIT")
            return value
        } catch {
            _ = try? execute("ROLLBACK")
            throw error
        }
    }

    /// libpq's messages and names, without the newline libpq ends messages with. Never a value: a
    /// value's trailing spaces and newlines are data (a journal line ends with its newline).
    private static func text(_ pointer: UnsafePointer<CChar>?) -> String {
        guard let pointer else { return "" }
        var s = String(cString: pointer)
        while s.last?.isWhitespace == true { s.removeLast() }
        return s
    }
}
