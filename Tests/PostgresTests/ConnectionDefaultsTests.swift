import Foundation
import Postgres
import PostgresTestSupport
import TestThreads
import Testing

@Suite("Connection defaults apply before the URL, so the URL's own settings win", .ownThread)
struct ConnectionDefaultsTests {
    @Test("a default reaches the session; the same keyword in the URL overrides it")
    func defaultsYieldToTheURL() throws {
        let database = try TestDatabase.create(migrated: false)
        defer { database.drop() }
        let withDefault = try Connection(
            url: database.url, defaults: ["options": "-c work_mem=5MB", "keepalives_idle": "5"])
        defer { withDefault.close() }
        let fromDefault = try #require(try withDefault.execute("SHOW work_mem", name: "test.show").rows.first)
        #expect(try fromDefault.decode(0, as: String.self) == "5MB")

        var components = try #require(URLComponents(string: database.url))
        components.queryItems = (components.queryItems ?? []) + [URLQueryItem(name: "options", value: "-c work_mem=7MB")]
        let url = try #require(components.string)
        let withURL = try Connection(url: url, defaults: ["options": "-c work_mem=5MB"])
        defer { withURL.close() }
        let fromURL = try #require(try withURL.execute("SHOW work_mem", name: "test.show").rows.first)
        #expect(try fromURL.decode(0, as: String.self) == "7MB")
    }

    @Test("the resilient defaults are accepted by libpq and the server")
    func resilientDefaultsConnect() throws {
        let database = try TestDatabase.create(migrated: false)
        defer { database.drop() }
        let connection = try Connection(url: database.url, defaults: ConnectionDefaults.resilient)
        defer { connection.close() }
        #expect(connection.isHealthy)
        #expect(ConnectionDefaults.resilient["tcp_user_timeout"] == "10000")
        #expect(ConnectionDefaults.resilient["keepalives"] == "1")
    }
}
