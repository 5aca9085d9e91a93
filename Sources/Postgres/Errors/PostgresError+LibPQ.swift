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
        return PostgresError(
            kind: lost ? .connection : .server,
            sqlState: field("C"),
            message: primary.trimmingTrailingNewlines(),
            detail: field("D"),
            hint: field("H"),
            constraint: field("n"),
            table: field("t"),
            column: field("c"),
            statementName: statementName
        )
    }

    /// The error libpq reports on the connection itself (connect failure, lost socket, send failure).
    static func from(connection: OpaquePointer?, statementName: String?) -> PostgresError {
        let message = connection.map { String(cString: PQerrorMessage($0)) } ?? "no connection"
        let lost = connection.map { PQstatus($0) == CONNECTION_BAD } ?? true
        return PostgresError(
            kind: lost ? .connection : .server,
            message: message.isEmpty ? "libpq reported no message" : message.trimmingTrailingNewlines(),
            statementName: statementName
        )
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
