public import Foundation
public import Postgres

/// A fresh database for one test suite (or test), on the server the environment names, dropped afterwards.
///
/// The server comes from `DATABASE_URL` (a `postgresql://` URL or keyword/value conninfo) or, when it is unset,
/// from libpq's `PG*` variables; `make test` provides it. The new database is `talenta_test_<16 random hex>`.
public final class TestDatabase: Sendable {
    /// A `postgresql://` URL of the new database (for `Connection(url:)`, pools and child processes).
    public let url: String
    /// The new database's name.
    public let name: String
    private let adminURL: String

    private init(url: String, name: String, adminURL: String) {
        self.url = url
        self.name = name
        self.adminURL = adminURL
    }

    /// Creates the database and, when `migrated`, applies every migration in `<repo>/sql` (none when that folder is
    /// missing or empty), then disables the schedules the migrations enable (the hourly `retention`), so that no
    /// scheduled job turns up in a test that happens to cross a fire time; a test of a schedule enables it.
    /// - Throws: `TestDatabaseError` when neither `DATABASE_URL` nor a `PG*` variable is set; `PostgresError`
    ///   when the server refuses; `MigrationError` when a migration fails (the database is dropped first).
    public static func create(migrated: Bool = true) throws -> TestDatabase {
        let environment = ProcessInfo.processInfo.environment
        let adminURL = environment["DATABASE_URL"] ?? ""
        let libpqVariables = ["PGHOST", "PGPORT", "PGDATABASE", "PGUSER", "PGSERVICE"]
        guard !adminURL.isEmpty || libpqVariables.contains(where: { environment[$0] != nil }) else {
            throw TestDatabaseError(
                message: "DATABASE_URL is not set (nor any PG* variable): run `make test`, or export "
                    + "DATABASE_URL=postgresql://user:password@host:port/database")
        }
        let name = "talenta_test_" + (0..<8).map { _ in hexByte(UInt8.random(in: 0...255)) }.joined()
        let admin = try Connection(url: adminURL, applicationName: "talenta-tests")
        defer { admin.close() }
        try admin.executeScript("CREATE DATABASE " + admin.quotedIdentifier(name), name: "test_database.create")
        let database = TestDatabase(
            url: try databaseURL(admin: admin, adminURL: adminURL, name: name), name: name, adminURL: adminURL)
        if migrated {
            do {
                let connection = try database.connect()
                defer { connection.close() }
                try Migrator(directory: repositoryRoot.appendingPathComponent("sql")).migrate(connection)
                try connection.execute(
                    "UPDATE queue.schedule SET enabled = false WHERE enabled", name: "test_database.quiet_schedules")
            } catch {
                database.drop()
                throw error
            }
        }
        return database
    }

    /// Opens a new connection to this database (the caller closes it, or lets it go).
    public func connect() throws -> Connection {
        try Connection(url: url, applicationName: "talenta-tests")
    }

    /// Terminates the database's sessions and drops it. Idempotent; errors are ignored (the server may be gone).
    public func drop() {
        guard let admin = try? Connection(url: adminURL, applicationName: "talenta-tests") else { return }
        defer { admin.close() }
        guard let quoted = try? admin.quotedIdentifier(name) else { return }
        try? admin.executeScript("DROP DATABASE IF EXISTS " + quoted + " WITH (FORCE)", name: "test_database.drop")
    }

    /// Backs up `drop()` for a suite that forgot it.
    deinit { drop() }

    /// The repository's root folder (the one holding Package.swift and sql/), found from this file's path.
    public static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // PostgresTestSupport
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()
    }

    /// The admin URL with the database replaced; for a keyword/value or empty admin string, a URL built from the
    /// host, port and user libpq actually used (the password then comes from PGPASSWORD or ~/.pgpass as before).
    private static func databaseURL(admin: Connection, adminURL: String, name: String) throws -> String {
        if var components = URLComponents(string: adminURL),
            components.scheme == "postgresql" || components.scheme == "postgres"
        {
            components.path = "/" + name
            if let url = components.string { return url }
        }
        let target = admin.target
        var components = URLComponents()
        components.scheme = "postgresql"
        components.user = target.user
        components.path = "/" + name
        var query = [URLQueryItem(name: "port", value: target.port)]
        if target.host.hasPrefix("/") {
            query.append(URLQueryItem(name: "host", value: target.host))
        } else {
            components.host = target.host
        }
        components.queryItems = query
        guard let url = components.string else {
            throw TestDatabaseError(message: "cannot form a URL for the test database")
        }
        return url
    }

    private static func hexByte(_ byte: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }
}

/// The test environment lacks what `TestDatabase` needs.
public struct TestDatabaseError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public var description: String { message }
}
