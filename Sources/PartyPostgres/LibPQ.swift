#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// libpq, PostgreSQL's own C client, bound at run time (dlopen) rather than at build time: one
// `partydesk` binary that builds with no libpq-dev and starts on a machine without libpq5 (one
// office with its JSON files needs no PostgreSQL client); only a postgresql:// workspace loads it.
//
// The functions below carry libpq's C names and signatures, so that PostgresConnection reads as
// libpq's documentation writes it. Each calls through the table loaded on first use; they are only
// reached from a PostgresConnection, which exists only once the table loaded (its init checks).

// Constants of libpq-fe.h and postgres_ext.h (PostgreSQL 15; checked against Debian's
// libpq-dev 15.18 /usr/include/postgresql). They are part of libpq's ABI: enums only grow at the end.

/// `ConnStatusType` (libpq-fe.h): a C enum, an unsigned int in the ABI.
typealias ConnStatusType = UInt32
/// libpq-fe.h: `CONNECTION_OK` is the enum's first value.
let CONNECTION_OK: ConnStatusType = 0

/// `ExecStatusType` (libpq-fe.h).
typealias ExecStatusType = UInt32
/// libpq-fe.h: `PGRES_EMPTY_QUERY = 0, PGRES_COMMAND_OK, PGRES_TUPLES_OK, …`.
let PGRES_EMPTY_QUERY: ExecStatusType = 0
let PGRES_COMMAND_OK: ExecStatusType = 1
let PGRES_TUPLES_OK: ExecStatusType = 2

/// postgres_ext.h: `#define PG_DIAG_SQLSTATE 'C'`, `#define PG_DIAG_MESSAGE_PRIMARY 'M'`.
let PG_DIAG_SQLSTATE = Int32(UInt8(ascii: "C"))
let PG_DIAG_MESSAGE_PRIMARY = Int32(UInt8(ascii: "M"))

/// postgres_ext.h: `typedef unsigned int Oid`.
typealias Oid = UInt32

/// A NOTIFY that reached this connection (LISTEN/NOTIFY).
public struct PostgresNotification: Equatable, Sendable {
    /// The channel (`relname` in libpq's struct).
    public var channel: String
    /// The text sent with it ('' when none).
    public var payload: String
    /// The server process that sent it.
    public var serverProcess: Int32
}

/// libpq-fe.h's `PGnotify`, read field by field at its C offsets rather than through a header:
///
///     typedef struct pgNotify {
///         char *relname;          // offset 0
///         int   be_pid;           // offset 8 (a 4-byte int after an 8-byte pointer)
///         char *extra;            // offset 16 (4 bytes of padding before it: pointers align to 8)
///         struct pgNotify *next;  // private to libpq
///     } PGnotify;
///
/// These offsets hold on LP64 platforms (64-bit Linux, macOS), the only ones PartyDesk builds for.
/// libpq-fe.h itself calls the struct "so simple that it's unlikely to change".
enum PGnotifyLayout {
    static let relname = 0
    static let bePid = MemoryLayout<UnsafeRawPointer>.size
    static let extra = MemoryLayout<UnsafeRawPointer>.size * 2

    static func read(_ notify: UnsafeRawPointer) -> PostgresNotification {
        let relname = notify.load(fromByteOffset: relname, as: UnsafePointer<CChar>?.self)
        let pid = notify.load(fromByteOffset: bePid, as: Int32.self)
        let extra = notify.load(fromByteOffset: extra, as: UnsafePointer<CChar>?.self)
        return PostgresNotification(channel: relname.map { String(cString: $0) } ?? "",
                                    payload: extra.map { String(cString: $0) } ?? "",
                                    serverProcess: pid)
    }
}

/// libpq's functions, found with dlsym in the library dlopen gave. PGconn, PGresult and PGnotify are
/// opaque pointers here, as libpq-fe.h declares the first two.
struct LibPQ: @unchecked Sendable {   // immutable C function pointers after load
    let connectdb: @convention(c) (UnsafePointer<CChar>?) -> OpaquePointer?
    let status: @convention(c) (OpaquePointer?) -> ConnStatusType
    let errorMessage: @convention(c) (OpaquePointer?) -> UnsafeMutablePointer<CChar>?
    let finish: @convention(c) (OpaquePointer?) -> Void
    let exec: @convention(c) (OpaquePointer?, UnsafePointer<CChar>?) -> OpaquePointer?
    let execParams: @convention(c) (OpaquePointer?, UnsafePointer<CChar>?, Int32, UnsafePointer<Oid>?,
                                     UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<Int32>?,
                                     UnsafePointer<Int32>?, Int32) -> OpaquePointer?
    let resultStatus: @convention(c) (OpaquePointer?) -> ExecStatusType
    let resultErrorField: @convention(c) (OpaquePointer?, Int32) -> UnsafeMutablePointer<CChar>?
    let resultErrorMessage: @convention(c) (OpaquePointer?) -> UnsafeMutablePointer<CChar>?
    let ntuples: @convention(c) (OpaquePointer?) -> Int32
    let nfields: @convention(c) (OpaquePointer?) -> Int32
    let fname: @convention(c) (OpaquePointer?, Int32) -> UnsafeMutablePointer<CChar>?
    let getvalue: @convention(c) (OpaquePointer?, Int32, Int32) -> UnsafeMutablePointer<CChar>?
    let getisnull: @convention(c) (OpaquePointer?, Int32, Int32) -> Int32
    let getlength: @convention(c) (OpaquePointer?, Int32, Int32) -> Int32
    let cmdTuples: @convention(c) (OpaquePointer?) -> UnsafeMutablePointer<CChar>?
    let clear: @convention(c) (OpaquePointer?) -> Void
    let serverVersion: @convention(c) (OpaquePointer?) -> Int32
    let backendPID: @convention(c) (OpaquePointer?) -> Int32
    // LISTEN/NOTIFY: the socket to wait on, reading what arrived, the notifications, freeing them.
    let socket: @convention(c) (OpaquePointer?) -> Int32
    let consumeInput: @convention(c) (OpaquePointer?) -> Int32
    let notifies: @convention(c) (OpaquePointer?) -> UnsafeMutableRawPointer?
    let freemem: @convention(c) (UnsafeMutableRawPointer?) -> Void
    /// PQsetNoticeProcessor: where the server's notices and warnings go (libpq's default writes them
    /// to stderr, raw, over the dashboard's screen).
    let setNoticeProcessor: @convention(c) (OpaquePointer?, (@convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>?) -> Void)?,
                                            UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer?

    /// Where libpq is looked for. `PARTYDESK_LIBPQ`, when set, is the only place tried: a libpq
    /// elsewhere (a vendor's build for openGauss or KingbaseES), and the tests' way of making it
    /// missing. Otherwise libpq's soname (Debian's libpq5), then the development link (libpq-dev),
    /// through the dynamic loader's usual search (LD_LIBRARY_PATH, ld.so.cache).
    static func candidates(override: String?) -> [String] {
        if let override, !override.isEmpty { return [override] }
        #if os(macOS)
        return ["libpq.5.dylib", "libpq.dylib", "/opt/homebrew/opt/libpq/lib/libpq.5.dylib", "/usr/local/opt/libpq/lib/libpq.5.dylib"]
        #else
        return ["libpq.so.5", "libpq.so"]
        #endif
    }

    /// Why libpq could not be loaded: what dlopen (or dlsym) said for each place tried.
    struct LoadFailure: Error {
        var reasons: String

        /// What a connection throws: what is missing, why, and how to install it.
        var error: PostgresError {
            PostgresError(sqlState: nil,
                          message: "libpq, PostgreSQL's client library, could not be loaded (\(reasons)). "
                              + "Install it: apt-get install -y libpq5 (Debian/Ubuntu), or set PARTYDESK_LIBPQ to the path of a libpq.so.5.",
                          libraryMissing: true)
        }
    }

    /// The table, loaded once for the process on first use (a static let's initialiser runs once,
    /// thread-safely); or why it could not be.
    static let loaded: Result<LibPQ, LoadFailure> = load(candidates(override: getenv("PARTYDESK_LIBPQ").map { String(cString: $0) }))

    /// The loaded table, for the functions below: reached only after `loaded` succeeded.
    static var table: LibPQ {
        switch loaded {
        case .success(let table): return table
        case .failure(let failure): preconditionFailure("libpq called without a loaded library: \(failure.reasons)")
        }
    }

    static func load(_ paths: [String]) -> Result<LibPQ, LoadFailure> {
        var failures: [String] = []
        for path in paths {
            // RTLD_LOCAL: libpq's symbols stay out of the global namespace; RTLD_NOW: a broken
            // library fails here, not at its first call.
            guard let handle = dlopen(path, RTLD_NOW | RTLD_LOCAL) else {
                failures.append("dlopen: " + (dlerror().map { String(cString: $0) } ?? "\(path): not loaded"))
                continue
            }
            do {
                return .success(try LibPQ(handle: handle, path: path))
            } catch {
                dlclose(handle)
                failures.append(error.reasons)
            }
        }
        return .failure(LoadFailure(reasons: failures.joined(separator: "; ")))
    }

    private init(handle: UnsafeMutableRawPointer, path: String) throws(LoadFailure) {
        func symbol<T>(_ name: String) throws(LoadFailure) -> T {
            guard let address = dlsym(handle, name) else {
                throw LoadFailure(reasons: "dlsym: \(path) has no function \(name) (is it libpq?)")
            }
            return unsafeBitCast(address, to: T.self)
        }
        connectdb = try symbol("PQconnectdb")
        status = try symbol("PQstatus")
        errorMessage = try symbol("PQerrorMessage")
        finish = try symbol("PQfinish")
        exec = try symbol("PQexec")
        execParams = try symbol("PQexecParams")
        resultStatus = try symbol("PQresultStatus")
        resultErrorField = try symbol("PQresultErrorField")
        resultErrorMessage = try symbol("PQresultErrorMessage")
        ntuples = try symbol("PQntuples")
        nfields = try symbol("PQnfields")
        fname = try symbol("PQfname")
        getvalue = try symbol("PQgetvalue")
        getisnull = try symbol("PQgetisnull")
        getlength = try symbol("PQgetlength")
        cmdTuples = try symbol("PQcmdTuples")
        clear = try symbol("PQclear")
        serverVersion = try symbol("PQserverVersion")
        backendPID = try symbol("PQbackendPID")
        socket = try symbol("PQsocket")
        consumeInput = try symbol("PQconsumeInput")
        notifies = try symbol("PQnotifies")
        freemem = try symbol("PQfreemem")
        setNoticeProcessor = try symbol("PQsetNoticeProcessor")
    }
}

// libpq's API under its own names (libpq-fe.h), calling through the loaded table. The char * results
// are implicitly unwrapped, as Swift imported them from the header.

func PQconnectdb(_ conninfo: UnsafePointer<CChar>?) -> OpaquePointer! { LibPQ.table.connectdb(conninfo) }
func PQstatus(_ conn: OpaquePointer?) -> ConnStatusType { LibPQ.table.status(conn) }
func PQerrorMessage(_ conn: OpaquePointer?) -> UnsafeMutablePointer<CChar>! { LibPQ.table.errorMessage(conn) }
func PQfinish(_ conn: OpaquePointer?) { LibPQ.table.finish(conn) }
func PQexec(_ conn: OpaquePointer?, _ query: UnsafePointer<CChar>?) -> OpaquePointer? { LibPQ.table.exec(conn, query) }
func PQexecParams(_ conn: OpaquePointer?, _ command: UnsafePointer<CChar>?, _ nParams: Int32, _ paramTypes: UnsafePointer<Oid>?,
                  _ paramValues: UnsafePointer<UnsafePointer<CChar>?>?, _ paramLengths: UnsafePointer<Int32>?,
                  _ paramFormats: UnsafePointer<Int32>?, _ resultFormat: Int32) -> OpaquePointer? {
    LibPQ.table.execParams(conn, command, nParams, paramTypes, paramValues, paramLengths, paramFormats, resultFormat)
}
func PQresultStatus(_ res: OpaquePointer?) -> ExecStatusType { LibPQ.table.resultStatus(res) }
func PQresultErrorField(_ res: OpaquePointer?, _ fieldcode: Int32) -> UnsafeMutablePointer<CChar>! { LibPQ.table.resultErrorField(res, fieldcode) }
func PQresultErrorMessage(_ res: OpaquePointer?) -> UnsafeMutablePointer<CChar>! { LibPQ.table.resultErrorMessage(res) }
func PQntuples(_ res: OpaquePointer?) -> Int32 { LibPQ.table.ntuples(res) }
func PQnfields(_ res: OpaquePointer?) -> Int32 { LibPQ.table.nfields(res) }
func PQfname(_ res: OpaquePointer?, _ field: Int32) -> UnsafeMutablePointer<CChar>! { LibPQ.table.fname(res, field) }
func PQgetvalue(_ res: OpaquePointer?, _ row: Int32, _ field: Int32) -> UnsafeMutablePointer<CChar>! { LibPQ.table.getvalue(res, row, field) }
func PQgetisnull(_ res: OpaquePointer?, _ row: Int32, _ field: Int32) -> Int32 { LibPQ.table.getisnull(res, row, field) }
func PQgetlength(_ res: OpaquePointer?, _ row: Int32, _ field: Int32) -> Int32 { LibPQ.table.getlength(res, row, field) }
func PQcmdTuples(_ res: OpaquePointer?) -> UnsafeMutablePointer<CChar>! { LibPQ.table.cmdTuples(res) }
func PQclear(_ res: OpaquePointer?) { LibPQ.table.clear(res) }
func PQserverVersion(_ conn: OpaquePointer?) -> Int32 { LibPQ.table.serverVersion(conn) }
func PQbackendPID(_ conn: OpaquePointer?) -> Int32 { LibPQ.table.backendPID(conn) }
func PQsocket(_ conn: OpaquePointer?) -> Int32 { LibPQ.table.socket(conn) }
func PQconsumeInput(_ conn: OpaquePointer?) -> Int32 { LibPQ.table.consumeInput(conn) }
func PQnotifies(_ conn: OpaquePointer?) -> UnsafeMutableRawPointer? { LibPQ.table.notifies(conn) }
func PQfreemem(_ pointer: UnsafeMutableRawPointer?) { LibPQ.table.freemem(pointer) }
/// The server's notices dropped: nothing of the server's reaches the terminal except through a
/// PostgresError, which the program shows through its own output.
func PQdropNotices(_ conn: OpaquePointer?) { _ = LibPQ.table.setNoticeProcessor(conn, { _, _ in }, nil) }
