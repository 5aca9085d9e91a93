import Foundation
import Postgres
import PostgresTestSupport
import TestThreads
import Testing

@Suite("A connection that stops answering is abandoned within its response timeout", .ownThread)
struct ResponseTimeoutTests {
    let database: TestDatabase

    init() throws {
        database = try TestDatabase.create(migrated: false)
    }

    @Test("a stalled connection (a proxy that stops forwarding) fails after the response timeout, closed, naming host and port")
    func stalledConnection() throws {
        let proxy = try StallingProxy(forwardingTo: database.url)
        defer { proxy.close() }
        let connection = try Connection(url: proxy.url(replacing: database.url), responseTimeout: 1)
        #expect(try connection.execute("SELECT 1 AS n").rows.first?.decode("n", as: Int.self) == 1)
        #expect(proxy.stallOpenConnections() == 1)

        let started = ContinuousClock.now
        let error = try #require(throws: PostgresError.self) {
            try connection.execute("SELECT 2 AS n", name: "test.stalled")
        }
        let waited = ContinuousClock.now - started
        #expect(waited >= .milliseconds(950) && waited < .seconds(60), "waited \(waited)")
        #expect(error.kind == .abandoned)
        #expect(error.isConnectionLoss && error.isRetryable)
        #expect(error.statementName == "test.stalled")
        #expect(error.host == "127.0.0.1" && error.port == String(proxy.port))
        #expect(error.description.contains("host 127.0.0.1, port \(proxy.port)"), "\(error)")
        #expect(error.description.contains("no answer from the server within 1 s; the connection was abandoned"), "\(error)")
        #expect(connection.isClosed)
        // New connections through the same proxy still work.
        let fresh = try Connection(url: proxy.url(replacing: database.url), responseTimeout: 1)
        #expect(try fresh.execute("SELECT 3 AS n").rows.first?.decode("n", as: Int.self) == 3)
    }

    @Test("an answer within the response timeout is waited for; a slower one is not")
    func slowStatement() throws {
        let connection = try Connection(url: database.url, responseTimeout: 5)
        #expect(try connection.execute("SELECT pg_sleep(0.3), 4 AS n").rows.first?.decode("n", as: Int.self) == 4)
        connection.responseTimeout = 0.3
        let error = try #require(throws: PostgresError.self) {
            try connection.execute("SELECT pg_sleep(600)", name: "test.slow")
        }
        #expect(error.kind == .abandoned)
        #expect(error.description.contains("within 0.3 s"), "\(error)")
        #expect(connection.isClosed)
    }

    @Test("without a response timeout a statement waits as long as it takes")
    func noTimeoutByDefault() throws {
        let connection = try Connection(url: database.url)
        #expect(connection.responseTimeout == nil)
        #expect(try connection.execute("SELECT pg_sleep(1.2), 5 AS n").rows.first?.decode("n", as: Int.self) == 5)
    }

    @Test("abandon() from another thread ends the wait at once and closes the connection")
    func abandonFromAnotherThread() throws {
        let connection = try Connection(url: database.url)
        let handle = connection.makeCancelHandle()
        Thread {
            Thread.sleep(forTimeInterval: 0.3)
            handle.abandon(reason: "test gave up")
        }.start()
        let started = ContinuousClock.now
        let error = try #require(throws: PostgresError.self) {
            try connection.execute("SELECT pg_sleep(600)", name: "test.abandoned")
        }
        #expect(ContinuousClock.now - started < .seconds(60), "abandoned, not slept out")
        #expect(error.kind == .abandoned)
        #expect(error.description.contains("test gave up; the connection was abandoned"), "\(error)")
        #expect(connection.isClosed)
        // Abandoning again changes nothing; the server session still sleeps until it notices the closed socket, and
        // the old handle's cancel request still reaches it.
        handle.abandon(reason: "again")
        #expect(handle.cancel())
    }

    @Test("an abandoned connection that was idle fails its next call instead of sending it")
    func abandonWhileIdle() throws {
        let connection = try Connection(url: database.url)
        connection.makeCancelHandle().abandon(reason: "given up while idle")
        #expect(!connection.isHealthy)
        let error = try #require(throws: PostgresError.self) { try connection.execute("SELECT 1", name: "test.next") }
        #expect(error.kind == .abandoned)
        #expect(error.description.contains("given up while idle"))
        #expect(connection.isClosed)
    }

    @Test("the pool gives each borrower its response timeout and replaces an abandoned connection")
    func poolResponseTimeout() throws {
        let pool = ConnectionPool(url: database.url, maxConnections: 1)
        defer { pool.close() }
        let error = try #require(throws: PostgresError.self) {
            try pool.withConnection(responseTimeout: 0.2) { connection in
                try connection.execute("SELECT pg_sleep(600)", name: "test.pool_slow")
            }
        }
        #expect(error.kind == .abandoned)
        #expect(pool.stats == (open: 0, inUse: 0))
        let waited = try pool.withConnection { connection in
            #expect(connection.responseTimeout == nil)
            return try connection.execute("SELECT pg_sleep(0.5), 6 AS n").rows.first?.decode("n", as: Int.self)
        }
        #expect(waited == 6)
    }
}

@Suite("Connection errors name host and port and carry libpq's reason", .ownThread)
struct ConnectionErrorTests {
    @Test("a refused connection")
    func refused() throws {
        let error = try #require(throws: PostgresError.self) {
            _ = try Connection(url: "postgresql://talenta@127.0.0.1:1/none?connect_timeout=2")
        }
        #expect(error.kind == .connection)
        #expect(error.host == "127.0.0.1" && error.port == "1")
        #expect(error.description.hasPrefix("PostgresError.connection, statement connect, host 127.0.0.1, port 1: "),
                "\(error)")
        #expect(error.description.contains("Connection refused"), "\(error)")
        #expect(!error.description.contains("\n"))
    }

    @Test("a database that does not exist: the server's own reason")
    func missingDatabase() throws {
        let database = try TestDatabase.create(migrated: false)
        var components = try #require(URLComponents(string: database.url))
        components.path = "/talenta_no_such_database"
        let error = try #require(throws: PostgresError.self) {
            _ = try Connection(url: try #require(components.string))
        }
        #expect(error.kind == .connection)
        #expect(error.host == components.host && error.port == components.port.map(String.init))
        #expect(error.description.contains("database \"talenta_no_such_database\" does not exist"), "\(error)")
    }

    @Test("a server error that carries values keeps them out of the description, even on a lost connection")
    func valuesStayOut() {
        let error = PostgresError(
            kind: .connection, sqlState: "22P02", message: "invalid input syntax for type integer: \"198001\"",
            host: "db", port: "5432")
        #expect(!error.description.contains("198001"))
        #expect(error.debugDescription.contains("198001"))
    }
}
