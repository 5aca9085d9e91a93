import Foundation
import Postgres
import PostgresTestSupport
import TestThreads
import Testing

@Suite("Errors carry the server's SQLSTATE and fields, never values in description", .ownThread)
struct ErrorTests {
    let database: TestDatabase
    let connection: Connection

    init() throws {
        database = try TestDatabase.create(migrated: false)
        connection = try database.connect()
    }

    @Test func uniqueViolation() throws {
        try connection.executeScript("CREATE TABLE person (nip text CONSTRAINT person_nip_key UNIQUE)")
        let nip = "198001012005011001"
        try connection.execute("INSERT INTO person (nip) VALUES ($1)", [nip], name: "person.insert")
        let error = try #require(throws: PostgresError.self) {
            try connection.execute("INSERT INTO person (nip) VALUES ($1)", [nip], name: "person.insert")
        }
        #expect(error.kind == .server)
        #expect(error.sqlState == "23505")
        #expect(error.isUniqueViolation)
        #expect(!error.isRetryable)
        #expect(!error.isConnectionLoss)
        #expect(error.constraint == "person_nip_key")
        #expect(error.table == "person")
        #expect(error.statementName == "person.insert")
        #expect(error.description.contains("23505"))
        #expect(error.description.contains("person.insert"))
        #expect(error.description.contains("constraint person_nip_key"))
        #expect(error.description.contains("table person"))
        #expect(!error.description.contains(nip))
        #expect(error.debugDescription.contains(nip))
        // The connection is still usable after a server error.
        #expect(try connection.execute("SELECT count(*) AS n FROM person").rows.first?.decode("n", as: Int.self) == 1)
    }

    @Test func syntaxError() throws {
        let error = try #require(throws: PostgresError.self) {
            try connection.execute("SELEC 1", name: "test.typo")
        }
        #expect(error.sqlState == "42601")
        #expect(error.kind == .server)
        #expect(error.statementName == "test.typo")
        #expect(!error.message.isEmpty)
    }

    @Test func retryableCodes() {
        for code in ["40001", "40P01", "55P03", "57014", "08006", "57P01"] {
            #expect(PostgresError(kind: .server, sqlState: code, message: "m").isRetryable)
        }
        for code in ["23505", "42601", "22P02"] {
            #expect(!PostgresError(kind: .server, sqlState: code, message: "m").isRetryable)
        }
        #expect(PostgresError(kind: .server, sqlState: "08003", message: "m").isConnectionLoss)
        #expect(!PostgresError(kind: .server, sqlState: "40001", message: "m").isConnectionLoss)
    }

    @Test func unreachableServer() throws {
        let error = try #require(throws: PostgresError.self) {
            _ = try Connection(url: "postgresql://talenta@127.0.0.1:1/none?connect_timeout=2")
        }
        #expect(error.kind == .connection)
        #expect(error.isConnectionLoss)
    }

    @Test func closedConnection() throws {
        let other = try database.connect()
        other.close()
        other.close()
        #expect(other.isClosed)
        #expect(!other.isHealthy)
        let error = try #require(throws: PostgresError.self) { try other.execute("SELECT 1", name: "after.close") }
        #expect(error.kind == .usage)
    }

    @Test func connectionSettings() throws {
        let row = try #require(
            try connection.execute(
                """
                SELECT current_setting('DateStyle') AS style, current_setting('application_name') AS app,
                       current_database() AS db, pg_backend_pid() AS pid
                """
            ).rows.first)
        #expect(try row.decode("style", as: String.self).hasPrefix("ISO"))
        #expect(try row.decode("app", as: String.self) == "talenta-tests")
        #expect(try row.decode("db", as: String.self) == database.name)
        #expect(try row.decode("pid", as: Int32.self) == connection.backendPID)
        #expect(connection.target.database == database.name)
    }

    @Test func connectByKeywords() throws {
        let url = try #require(URLComponents(string: database.url))
        let byKeywords = try Connection(parameters: [
            "host": try #require(url.host), "port": String(try #require(url.port)), "user": try #require(url.user),
            "password": url.password ?? "", "dbname": database.name, "application_name": "keywords",
        ])
        #expect(byKeywords.isHealthy)
        let row = try #require(try byKeywords.execute("SELECT current_setting('application_name') AS app").rows.first)
        #expect(try row.decode("app", as: String.self) == "keywords")
    }
}
