public import Foundation
public import Postgres

/// A LOGIN role for one test, member of the given group roles (e.g. `talenta_worker`), with a random name and
/// password; dropped afterwards. Roles are cluster-wide, so the name is unique per call: `talenta_test_login_<hex>`.
///
/// The login keeps its `TestDatabase` alive, so the role is dropped before the database it was made for.
public final class TestLogin: Sendable {
    /// The role's name.
    public let role: String
    /// A `postgresql://` URL of the test database as this role (for `Connection(url:)`, worker pools, processes).
    public let url: String
    private let database: TestDatabase

    private init(role: String, url: String, database: TestDatabase) {
        self.role = role
        self.url = url
        self.database = database
    }

    /// Creates the role on the server of `database` (through an admin connection to it) and grants it `groups`.
    /// - Throws: `PostgresError` (e.g. 42704 when a group role does not exist); `TestDatabaseError` when the
    ///   database URL cannot take a user.
    public static func create(on database: TestDatabase, memberOf groups: [String]) throws -> TestLogin {
        let role = "talenta_test_login_" + (0..<8).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }
            .joined()
        let password = UUID().uuidString
        let admin = try database.connect()
        defer { admin.close() }
        // Utility statements take no parameters: the server quotes the name and password (format %I, %L).
        let create = try admin.execute(
            "SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', $1::text, $2::text) AS sql", [role, password],
            name: "test_login.format_create")
        try admin.executeScript(try create.rows[0].decode("sql", as: String.self), name: "test_login.create")
        for group in groups {
            let grant = try admin.execute(
                "SELECT format('GRANT %I TO %I', $1::text, $2::text) AS sql", [group, role],
                name: "test_login.format_grant")
            try admin.executeScript(try grant.rows[0].decode("sql", as: String.self), name: "test_login.grant")
        }
        guard var components = URLComponents(string: database.url) else {
            throw TestDatabaseError(message: "the test database URL is not a URL: cannot log in as \(role)")
        }
        components.user = role
        components.password = password
        guard let url = components.string else {
            throw TestDatabaseError(message: "cannot form a URL for the login \(role)")
        }
        return TestLogin(role: role, url: url, database: database)
    }

    /// Opens a new connection as this role (the caller closes it, or lets it go).
    public func connect() throws -> Connection {
        try Connection(url: url, applicationName: "talenta-tests")
    }

    /// Ends the role's sessions and drops it. Idempotent; errors are ignored (the server may be gone).
    public func drop() {
        guard let admin = try? database.connect() else { return }
        defer { admin.close() }
        _ = try? admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1", [role],
            name: "test_login.terminate")
        guard let drop = try? admin.execute("SELECT format('DROP ROLE IF EXISTS %I', $1::text) AS sql", [role],
                                            name: "test_login.format_drop"),
              let sql = try? drop.rows[0].decode("sql", as: String.self) else { return }
        try? admin.executeScript(sql, name: "test_login.drop")
    }

    /// Backs up `drop()` for a test that forgot it.
    deinit { drop() }
}
