import CLibPQ
import Glibc

/// One libpq connection (one `PGconn`), with session settings TimeZone=UTC, DateStyle=ISO, bytea_output=hex,
/// client_encoding=UTF8 and an `application_name`.
///
/// Every call blocks the calling thread until libpq returns. Used by one thread at a time: the owner serialises
/// access (see the `Sendable` extension).
/// - Important: `close()` is idempotent and frees the `PGconn`; `deinit` only backs it up.
public final class Connection {
    /// The `PGconn`; nil once closed. Never leaves this module.
    private(set) var handle: OpaquePointer?
    /// Set by `withDeferredTransaction`: the next statement sent on this connection first sends BEGIN.
    var beginIsDeferred = false
    /// Whether ``execute(_:_:reusing:)`` keeps a named prepared statement per name on this session (false: it runs
    /// unnamed statements, like ``execute(_:_:name:)``). Set it only on a connection that owns its server session
    /// (direct or session pooling): a transaction-mode pooler (PgBouncer) would lose the statements between
    /// transactions.
    public var reusesPreparedStatements = false
    /// The SQL text of each statement prepared on this session by ``execute(_:_:reusing:)``, by name.
    var preparedStatements: [String: String] = [:]
    /// Seconds each call waits for the server's whole answer, from the moment its request is sent; past it the
    /// connection is abandoned (closed) and the call throws `PostgresError` `.abandoned` ("no answer from the
    /// server within N s"). nil (the default) waits as long as the answer takes. For statements that must never
    /// hang: a connection can stop answering without closing (a network path that drops everything, a stalled
    /// proxy), and TCP keepalives do not notice while the peer's kernel still acknowledges. Sending is bounded
    /// separately by `tcp_user_timeout` (``ConnectionDefaults/resilient``). Valid values are positive and finite.
    public var responseTimeout: Double?
    /// Raised from another thread through ``CancelHandle/abandon(reason:)``; shared with the cancel handles.
    let abandonSignal = AbandonSignal()

    /// Connects to a `postgresql://` URL or a keyword/value conninfo string, passed untouched to
    /// `PQconnectdbParams` with `expand_dbname=1`. An empty string uses libpq's `PG*` environment variables.
    /// - Parameters:
    ///   - url: the server and database; its `application_name` and `client_encoding` are replaced.
    ///   - applicationName: shown in `pg_stat_activity.application_name`.
    ///   - defaults: libpq keywords applied before the URL, so the URL's own settings win (e.g.
    ///     ``ConnectionDefaults/resilient``: TCP keepalives, `tcp_user_timeout`, `connect_timeout`).
    ///   - responseTimeout: ``responseTimeout`` from the first statement on (the session settings sent at connect).
    /// - Throws: `PostgresError` of kind `.connection` when the server cannot be reached or refuses, naming the
    ///   host and port and carrying libpq's reason.
    public convenience init(
        url: String, applicationName: String = "talenta", defaults: [String: String] = [:],
        responseTimeout: Double? = nil
    ) throws(PostgresError) {
        // libpq processes the arrays in order and the last value of a repeated keyword wins: defaults first, then
        // the expanded URL, then the settings this module always owns.
        let ordered = defaults.sorted { $0.key < $1.key }
        try self.init(
            keywords: ordered.map(\.key) + ["dbname", "application_name", "client_encoding"],
            values: ordered.map(\.value) + [url, applicationName, "UTF8"],
            expandDatabaseName: true, responseTimeout: responseTimeout)
    }

    /// Connects with libpq keywords (`host`, `port`, `dbname`, `user`, `password`, `sslmode`, …), each value
    /// passed as is. `application_name` defaults to "talenta".
    /// - Throws: `PostgresError` of kind `.connection` when the server cannot be reached or refuses, naming the
    ///   host and port and carrying libpq's reason.
    public convenience init(parameters: [String: String]) throws(PostgresError) {
        var parameters = parameters
        parameters["application_name"] = parameters["application_name"] ?? "talenta"
        parameters["client_encoding"] = "UTF8"
        let ordered = parameters.sorted { $0.key < $1.key }
        try self.init(
            keywords: ordered.map(\.key), values: ordered.map(\.value), expandDatabaseName: false, responseTimeout: nil)
    }

    private init(
        keywords: [String], values: [String], expandDatabaseName: Bool, responseTimeout: Double?
    ) throws(PostgresError) {
        let keywordCopies = keywords.map { strdup($0) }
        let valueCopies = values.map { strdup($0) }
        defer {
            keywordCopies.forEach { free($0) }
            valueCopies.forEach { free($0) }
        }
        let keywordPointers = keywordCopies.map { UnsafePointer($0) } + [nil]
        let valuePointers = valueCopies.map { UnsafePointer($0) } + [nil]
        let connection = PQconnectdbParams(keywordPointers, valuePointers, expandDatabaseName ? 1 : 0)
        guard let connection, PQstatus(connection) == CONNECTION_OK else {
            let error = PostgresError.from(connection: connection, statementName: "connect")
            PQfinish(connection)
            throw error
        }
        handle = connection
        self.responseTimeout = responseTimeout
        // Notices (and FATAL messages of a backend terminated while idle) would go to stderr: a library stays quiet,
        // and callers see failures as thrown errors instead.
        PQsetNoticeProcessor(connection, { _, _ in }, nil)
        try executeScript(
            "SET TimeZone TO 'UTC'; SET DateStyle TO 'ISO, YMD'; SET bytea_output TO 'hex'",
            name: "connect.session")
    }

    deinit { close() }

    /// Closes the connection (PQfinish). Idempotent.
    public func close() {
        guard let handle else { return }
        self.handle = nil
        PQfinish(handle)
    }

    public var isClosed: Bool { handle == nil }

    /// The server process id serving this connection (`pg_backend_pid()`); 0 when closed.
    public var backendPID: Int32 { handle.map { PQbackendPID($0) } ?? 0 }

    /// Whether a transaction is open on this connection (or deferred by `withDeferredTransaction`, to begin with the
    /// next statement): what statements that only live inside a transaction (`DECLARE … CURSOR`) need.
    public var isInTransaction: Bool {
        guard let handle else { return false }
        return beginIsDeferred || PQtransactionStatus(handle) != PQTRANS_IDLE
    }

    /// Whether the connection is usable (PQstatus == CONNECTION_OK, not abandoned). When the socket has input waiting
    /// on an idle connection, it is read first, so a backend terminated since the last call (and its closed socket)
    /// is seen.
    public var isHealthy: Bool {
        guard let handle, !abandonSignal.isRaised else { return false }
        if PQisBusy(handle) == 0 {
            var rounds = 0
            while rounds < 4, Self.socketIsReadable(handle), PQconsumeInput(handle) == 1 { rounds += 1 }
        }
        return PQstatus(handle) == CONNECTION_OK
    }

    private static func socketIsReadable(_ handle: OpaquePointer) -> Bool {
        let socket = PQsocket(handle)
        guard socket >= 0 else { return false }
        var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
        return poll(&descriptor, 1, 0) > 0
    }

    /// The open handle, or a `.usage` error naming the statement when closed. Every call that sends something
    /// takes the handle here, so a deferred BEGIN (`withDeferredTransaction`) goes out first, and a connection
    /// abandoned from another thread (``CancelHandle/abandon(reason:)``) is closed instead of used.
    /// - Throws: `.usage` when closed; `.abandoned` when abandoned (it is closed first).
    func openHandle(_ statementName: String?) throws(PostgresError) -> OpaquePointer {
        guard let handle else { throw PostgresError.usage("the connection is closed", statementName: statementName) }
        if abandonSignal.isRaised {
            let (host, port) = (target.host, target.port)
            close()
            throw PostgresError(
                kind: .abandoned, message: "\(abandonSignal.reason); the connection was abandoned",
                statementName: statementName, host: host, port: port)
        }
        if beginIsDeferred {
            beginIsDeferred = false
            try collect(exchange("transaction.begin") { PQsendQuery($0, "BEGIN") }, statementName: "transaction.begin")
        }
        return handle
    }

    /// `identifier` quoted for SQL with PQescapeIdentifier (for DDL and LISTEN, which take no parameters).
    /// - Throws: `PostgresError` `.usage` when closed, `.encoding` when libpq rejects the text.
    public func quotedIdentifier(_ identifier: String) throws(PostgresError) -> String {
        let handle = try openHandle("quote_identifier")
        let utf8 = Array(identifier.utf8)
        guard !utf8.contains(0) else {
            throw PostgresError(kind: .encoding, message: "an identifier cannot contain a NUL character")
        }
        guard let quoted = PQescapeIdentifier(handle, identifier, utf8.count) else {
            throw PostgresError(kind: .encoding, message: String(cString: PQerrorMessage(handle)).trimmingTrailingNewlines())
        }
        defer { PQfreemem(quoted) }
        return String(cString: quoted)
    }

    /// The database name, user, host and port libpq actually connected with (after URL and `PG*` defaults);
    /// empty when closed. The password is deliberately not offered.
    public var target: (database: String, user: String, host: String, port: String) {
        guard let handle else { return ("", "", "", "") }
        func text(_ pointer: UnsafeMutablePointer<CChar>?) -> String { pointer.map { String(cString: $0) } ?? "" }
        return (text(PQdb(handle)), text(PQuser(handle)), text(PQhost(handle)), text(PQport(handle)))
    }
}
