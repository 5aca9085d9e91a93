import Foundation
import Postgres
import PostgresTestSupport
import Synchronization
import TestThreads
import Testing

@Suite("CancelHandle cancels a running statement from another thread", .ownThread)
struct CancelTests {
    let database: TestDatabase
    let connection: Connection

    init() throws {
        database = try TestDatabase.create(migrated: false)
        connection = try database.connect()
    }

    @Test func cancelsSleep() throws {
        let handle = connection.makeCancelHandle()
        let sent = Mutex(false)
        let cancelled = DispatchSemaphore(value: 0)
        Thread {
            Thread.sleep(forTimeInterval: 0.3)
            let ok = handle.cancel()
            sent.withLock { $0 = ok }
            cancelled.signal()
        }.start()
        let started = Date()
        let error = try #require(throws: PostgresError.self) {
            try connection.execute("SELECT pg_sleep(600)", name: "test.sleep")
        }
        #expect(Date().timeIntervalSince(started) < 60, "cancelled, not slept out")
        #expect(error.sqlState == "57014")
        #expect(error.statementName == "test.sleep")
        #expect(error.isRetryable)
        #expect(!error.isConnectionLoss)
        #expect(cancelled.wait(timeout: .now() + 60) == .success)
        #expect(sent.withLock { $0 })
        // Cancelling ends the statement, not the connection.
        #expect(connection.isHealthy)
        #expect(try connection.execute("SELECT 7 AS n").rows.first?.decode("n", as: Int.self) == 7)
    }

    @Test func cancelWhenIdleDoesNothing() throws {
        let handle = connection.makeCancelHandle()
        #expect(handle.cancel())
        #expect(try connection.execute("SELECT 8 AS n").rows.first?.decode("n", as: Int.self) == 8)
        connection.close()
        #expect(!connection.makeCancelHandle().cancel())
    }
}
