import Postgres
import PostgresTestSupport
import TestThreads
import Testing

@Suite("A terminated backend is detected and replaced", .ownThread)
struct ConnectionLossTests {
    let database: TestDatabase
    let admin: Connection

    init() throws {
        database = try TestDatabase.create(migrated: false)
        admin = try database.connect()
    }

    /// pg_terminate_backend with a timeout returns once the backend has exited.
    private func terminate(_ pid: Int32) throws {
        let row = try #require(
            try admin.execute("SELECT pg_terminate_backend($1, 5000) AS done", [pid], name: "test.terminate").rows.first)
        #expect(try row.decode("done", as: Bool.self))
    }

    @Test func terminatedConnectionIsDetected() throws {
        let victim = try database.connect()
        #expect(victim.isHealthy)
        try terminate(victim.backendPID)
        #expect(!victim.isHealthy)
        let error = try #require(throws: PostgresError.self) {
            try victim.execute("SELECT 1", name: "after.kill")
        }
        #expect(error.isConnectionLoss)
        #expect(error.isRetryable)
    }

    @Test func queryOnKilledConnectionIsConnectionLoss() throws {
        let victim = try database.connect()
        try terminate(victim.backendPID)
        // Without the health check first: the statement itself finds the dead socket.
        let error = try #require(throws: PostgresError.self) {
            try victim.execute("SELECT 1", name: "after.kill")
        }
        #expect(error.isConnectionLoss)
        #expect(error.statementName == "after.kill")
        #expect(!victim.isHealthy)
    }

    @Test func poolReplacesAConnectionKilledWhileIdle() throws {
        let pool = ConnectionPool(url: database.url, maxConnections: 1)
        defer { pool.close() }
        let first = try pool.withConnection { $0.backendPID }
        try terminate(first)
        let second = try pool.withConnection { connection in
            try #require(try connection.execute("SELECT pg_backend_pid() AS pid").rows.first).decode("pid", as: Int32.self)
        }
        #expect(second != first)
        #expect(pool.stats.open == 1)
    }

    @Test func poolReplacesAConnectionThatFailedInUse() throws {
        let pool = ConnectionPool(url: database.url, maxConnections: 1)
        defer { pool.close() }
        let error = try #require(throws: PostgresError.self) {
            try pool.withConnection { connection in
                try terminate(connection.backendPID)
                try connection.execute("SELECT 1", name: "in.use")
            }
        }
        #expect(error.isConnectionLoss)
        #expect(pool.stats == (open: 0, inUse: 0))
        let answer = try pool.withConnection { connection in
            try #require(try connection.execute("SELECT 42 AS n").rows.first).decode("n", as: Int.self)
        }
        #expect(answer == 42)
        #expect(pool.stats == (open: 1, inUse: 0))
    }
}
