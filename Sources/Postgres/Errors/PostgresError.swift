/// An error from the database or from this module, carrying the server's own fields.
///
/// A struct with a stable `kind` and the raw SQLSTATE, not an enum, so new codes never break callers. The server's
/// message and detail may hold row values (personal data): they appear only in `debugDescription`; `description`
/// names the kind, the SQLSTATE, the statement's `name:` label and the constraint and table the server named
/// (identifiers), never values. A connection error's description also names the host and port and gives libpq's
/// own reason ("Connection refused", "password authentication failed for user …", "no answer from the server
/// within 10 s"), which is about the connection, never about rows.
public struct PostgresError: Error, CustomStringConvertible, CustomDebugStringConvertible, Sendable {
    /// What went wrong, at the level callers act on.
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        public let description: String
        init(_ name: String) { description = name }

        /// Could not connect, or the connection died (socket closed, backend terminated).
        public static let connection = Kind("connection")
        /// This side gave the connection up and closed it: no answer came within its
        /// ``Connection/responseTimeout``, or it was abandoned from another thread
        /// (``CancelHandle/abandon(reason:)``). A connection loss like `.connection`.
        public static let abandoned = Kind("abandoned")
        /// The server answered with an error; see `sqlState`.
        public static let server = Kind("server")
        /// A result value (or NULL) could not be decoded as the Swift type asked for.
        public static let decoding = Kind("decoding")
        /// A parameter could not be encoded (e.g. a text value holding a NUL character).
        public static let encoding = Kind("encoding")
        /// The API was used in a way it does not allow (nested transaction, closed connection or pool, bad name).
        public static let usage = Kind("usage")
        /// Waiting for a pooled connection took longer than the caller's timeout.
        public static let timeout = Kind("timeout")
    }

    public let kind: Kind
    /// The five-character SQLSTATE, e.g. "23505"; nil when the error did not come from the server.
    public let sqlState: String?
    /// The server's primary message (may contain values), or this module's own value-free message.
    public let message: String
    public let detail: String?
    public let hint: String?
    /// Constraint, table and column the server named (identifiers, not values). For `.decoding`, `column` is the
    /// result column that failed.
    public let constraint: String?
    public let table: String?
    public let column: String?
    /// The `name:` label given to the failing call (e.g. "queue.claim"), never the SQL's values.
    public let statementName: String?
    /// For a `.connection` error: the host (name, address or socket folder) and port libpq was talking to, or
    /// for a failed connect the last one it tried; nil when unknown.
    public let host: String?
    public let port: String?

    public init(
        kind: Kind, sqlState: String? = nil, message: String, detail: String? = nil, hint: String? = nil,
        constraint: String? = nil, table: String? = nil, column: String? = nil, statementName: String? = nil,
        host: String? = nil, port: String? = nil
    ) {
        self.kind = kind
        self.sqlState = sqlState
        self.message = message
        self.detail = detail
        self.hint = hint
        self.constraint = constraint
        self.table = table
        self.column = column
        self.statementName = statementName
        self.host = host
        self.port = port
    }

    /// True when running the same work again later may succeed: serialization failure (40001), deadlock (40P01),
    /// lock not available (55P03), query cancelled (57014: by `statement_timeout` or a shutting-down worker's
    /// `CancelHandle`), and every connection loss.
    public var isRetryable: Bool {
        switch sqlState {
        case "40001", "40P01", "55P03", "57014": true
        default: isConnectionLoss
        }
    }

    /// True when the connection is gone: kind `.connection` or `.abandoned`, SQLSTATE class 08, or the server
    /// shutting the session down (57P01 admin shutdown / `pg_terminate_backend`, 57P02 crash shutdown, 57P03 cannot
    /// connect now).
    public var isConnectionLoss: Bool {
        if kind == .connection || kind == .abandoned { return true }
        guard let sqlState else { return false }
        return sqlState.hasPrefix("08") || ["57P01", "57P02", "57P03"].contains(sqlState)
    }

    /// True when the server refused the data itself, so running the same work again fails the same way: SQLSTATE
    /// class 22 (data exception: a value out of range, a bad date or number) or class 23 (integrity constraint
    /// violation: CHECK, NOT NULL, foreign key), except 23505 unique_violation and 23P01 exclusion_violation, which a
    /// concurrent writer can cause and a later attempt can clear.
    public var isDataError: Bool {
        guard kind == .server, let sqlState, !["23505", "23P01"].contains(sqlState) else { return false }
        return sqlState.hasPrefix("22") || sqlState.hasPrefix("23")
    }

    /// SQLSTATE 23505 unique_violation; `constraint` names the index.
    public var isUniqueViolation: Bool { sqlState == "23505" }

    /// Kind, SQLSTATE, statement name, and the constraint and table the server named (identifiers, e.g.
    /// "constraint assessment_result_pkey, table assessment_result"); for this module's own errors (decoding,
    /// encoding, usage, timeout) also its message, which never holds values; for a connection error the host,
    /// port and libpq's (or the server's) reason on one line, e.g. "PostgresError.connection, statement connect,
    /// host 127.0.0.1, port 5432: connection to server at "127.0.0.1", port 5432 failed: Connection refused". Safe
    /// to log and to store (a job's `last_error`).
    public var description: String {
        var parts = ["PostgresError.\(kind)"]
        if let sqlState { parts.append("SQLSTATE \(sqlState)") }
        if let statementName { parts.append("statement \(statementName)") }
        if let constraint, kind == .server { parts.append("constraint \(constraint)") }
        if let table, kind == .server { parts.append("table \(table)") }
        if let column, kind == .decoding { parts.append("column \(column)") }
        if kind == .connection || kind == .abandoned {
            if let host { parts.append("host \(host)") }
            if let port { parts.append("port \(port)") }
            // The reason is about the connection unless the server ended it while refusing data (then it may
            // quote values, like any server message).
            if sqlState.map({ $0.hasPrefix("08") || $0.hasPrefix("57") }) ?? true {
                return parts.joined(separator: ", ") + ": " + Self.oneLine(message)
            }
        }
        if kind != .server && kind != .connection { parts.append(message) }
        return parts.joined(separator: ", ")
    }

    /// libpq's multi-line messages on one line: an indented line continues the one before it ("…failed: Connection
    /// refused Is the server running…"), any other line is another host's reason, after "; ".
    private static func oneLine(_ text: String) -> String {
        var joined = ""
        for line in text.split(whereSeparator: \.isNewline) {
            let trimmed = line.drop(while: { $0 == " " || $0 == "\t" })
            guard !trimmed.isEmpty else { continue }
            if !joined.isEmpty { joined += trimmed.count == line.count ? "; " : " " }
            joined += trimmed
        }
        return joined
    }

    /// Everything, including the server's message, detail and hint (which may contain values). Not for logs that
    /// leave the machine.
    public var debugDescription: String {
        let base = description
        var text = base.hasSuffix(Self.oneLine(message)) ? base : base + ": " + message
        let named: [(String, String?)] = kind == .server ? [] : [("constraint", constraint), ("table", table)]
        for (label, value) in [("detail", detail), ("hint", hint)] + named + [("column", column)] {
            if let value { text += "; \(label): \(value)" }
        }
        return text
    }
}
