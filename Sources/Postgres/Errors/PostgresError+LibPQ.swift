import CLibPQ

extension PostgresError {
    /// The error a failed `PGresult` describes, with the server's fields copied out. The caller still owns (and
    /// clears) `result`.
    static func from(result: OpaquePointer, connection: OpaquePointer?, statementName: String?) -> PostgresError {
        func field(_ code: Character) -> String? {
            guard let value = PQresultErrorField(result, Int32(code.asciiValue!)) else { return nil }
            return String(cString: value)
        }
        let lost = connection.map { PQstatus($0) == CONNECTION_BAD } ?? true
        let primary = field("M") ?? String(cString: PQresultErrorMessage(result))
        let (host, port) = lost ? address(of: connection) : (nil, nil)
        return PostgresError(
            kind: lost ? .connection : .server,
            sqlState: field("C"),
            message: primary.trimmingTrailingNewlines(),
            detail: field("D"),
            hint: field("H"),
            constraint: field("n"),
            table: field("t"),
            column: field("c"),
            statementName: statementName,
            host: host,
            port: port
        )
    }

    /// The error libpq reports on the connection itself (connect failure, lost socket, send failure), with the host
    /// and port libpq was talking to.
    static func from(connection: OpaquePointer?, statementName: String?) -> PostgresError {
        let message = connection.map { String(cString: PQerrorMessage($0)) } ?? "no connection"
        let lost = connection.map { PQstatus($0) == CONNECTION_BAD } ?? true
        let (host, port) = address(of: connection)
        return PostgresError(
            kind: lost ? .connection : .server,
            message: message.isEmpty ? "libpq reported no message" : message.trimmingTrailingNewlines(),
            statementName: statementName,
            host: host,
            port: port
        )
    }

    /// The host and port of a connection (for a failed connect: the last one libpq tried); nil when unknown.
    private static func address(of connection: OpaquePointer?) -> (host: String?, port: String?) {
        guard let connection else { return (nil, nil) }
        func text(_ pointer: UnsafeMutablePointer<CChar>?) -> String? {
            pointer.map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        return (text(PQhost(connection)), text(PQport(connection)))
    }

    static func usage(_ message: String, statementName: String? = nil) -> PostgresError {
        PostgresError(kind: .usage, message: message, statementName: statementName)
    }
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var text = Substring(self)
        while text.last == "\n" { text = text.dropLast() }
        return String(text)
    }
}
