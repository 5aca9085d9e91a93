import Postgres

/// Opens the one connection an operator command needs, runs `body`, closes it; database errors become a
/// ``CommandFailure`` that shows the server's message (exit status 1).
enum OperatorConnection {
    static func with<T>(_ database: DatabaseOptions, action: String, _ body: (Connection) throws -> T) throws -> T {
        do {
            let connection = try Connection(url: database.resolvedDatabaseURL, applicationName: "talenta-operator")
            defer { connection.close() }
            return try body(connection)
        } catch {
            throw CommandFailure("\(action) failed", error)
        }
    }
}
