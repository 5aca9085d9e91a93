import Foundation
import JobQueue
import Postgres
import PostgresTestSupport
import TestThreads
import Testing

@Suite("Shutdown: grace period, cancelled queries, released leases, exit codes", .ownThread)
struct ShutdownTests {
    @Test("past the shutdown timeout a running query is cancelled and its lease released without counting the attempt")
    func deadlineReleasesLease() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        try QueueTestKit.registerKinds(["test.long"], on: connection)
        try QueueTestKit.createSideTable(on: connection)
        let id = try QueueTestKit.scalar(
            "SELECT queue.enqueue('test.long', '{\"n\": 1}')", as: Int64.self, on: connection)
        let started = Locked(false)
        var registry = JobRegistry()
        registry.register(JobKind<QueueTestKit.Numbered>("test.long")) { payload, context in
            try QueueTestKit.insertSide(payload, context)
            started.withLock { $0 = true }
            try context.connection.execute("SELECT pg_sleep(600)", name: "test.sleep")
        }
        var configuration = QueueTestKit.configuration(exitWhenIdle: false)
        configuration.shutdownTimeout = 0.5
        let pool = try QueueTestKit.startPool(database, registry: registry, configuration: configuration)
        #expect(QueueTestKit.waitFor(timeout: 60) { started.current })
        let stopping = Date()
        pool.shutdown()
        #expect(pool.waitUntilStopped(timeout: 120))
        #expect(Date().timeIntervalSince(stopping) < 60, "cancelled at the deadline, not waited for")
        #expect(pool.stopOutcome == .jobsReleased(1))
        let row = try QueueTestKit.row(
            """
            SELECT state, attempt, lease_expires_at IS NULL AS released, errors, run_at <= now() AS due
            FROM queue.job WHERE id = $1
            """, [id], on: connection)
        #expect(try row.decode("state", as: String.self) == "available")
        #expect(try row.decode("attempt", as: Int.self) == 0, "a released attempt does not count")
        #expect(try row.decode("released", as: Bool.self))
        #expect(try row.decode("due", as: Bool.self))
        #expect(try row.decode("errors", as: String.self) == "[]")
        #expect(try QueueTestKit.scalar("SELECT count(*) FROM test_side", as: Int.self, on: connection) == 0)
    }

    @Test("a handler that ignores the cancel has its lease released from outside; its late completion is fenced off")
    func stuckHandlerReleasedFromOutside() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        try QueueTestKit.registerKinds(["test.stuck"], on: connection)
        try QueueTestKit.createSideTable(on: connection)
        let id = try QueueTestKit.scalar(
            "SELECT queue.enqueue('test.stuck', '{\"n\": 1}')", as: Int64.self, on: connection)
        let started = Locked(false)
        let finished = Locked(false)
        let release = DispatchSemaphore(value: 0)
        var registry = JobRegistry()
        registry.register(JobKind<QueueTestKit.Numbered>("test.stuck")) { payload, context in
            started.withLock { $0 = true }
            defer { finished.withLock { $0 = true } }
            _ = release.wait(timeout: .now() + 120)
            try QueueTestKit.insertSide(payload, context)
        }
        var configuration = QueueTestKit.configuration(exitWhenIdle: false)
        configuration.shutdownTimeout = 0.3
        let pool = try QueueTestKit.startPool(database, registry: registry, configuration: configuration)
        #expect(QueueTestKit.waitFor(timeout: 60) { started.current })
        pool.shutdown()
        #expect(pool.waitUntilStopped(timeout: 60))
        #expect(pool.stopOutcome == .jobsReleased(1))
        #expect(!finished.current, "the pool stopped without waiting for the stuck handler")
        #expect(try QueueTestKit.scalar(
            "SELECT state FROM queue.job WHERE id = $1", [id], as: String.self, on: connection) == "available")
        // When the handler finally returns, its connection is closed (abandoned) and nothing it does counts.
        release.signal()
        #expect(QueueTestKit.waitFor(timeout: 60) { finished.current })
        Thread.sleep(forTimeInterval: 0.3)
        let row = try QueueTestKit.row(
            "SELECT state, attempt FROM queue.job WHERE id = $1", [id], on: connection)
        #expect(try row.decode("state", as: String.self) == "available")
        #expect(try row.decode("attempt", as: Int.self) == 0)
        #expect(try QueueTestKit.scalar("SELECT count(*) FROM test_side", as: Int.self, on: connection) == 0)
    }

    /// Makes every completion of the `noop` kind hang in the job's transaction (a slow handler, in SQL).
    static func slowCompletions(on connection: Connection) throws {
        try connection.executeScript(
            """
            CREATE FUNCTION test_slow_completion() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_sleep(30);
                RETURN NEW;
            END $$;
            CREATE TRIGGER test_slow_completion BEFORE UPDATE OF state ON queue.job FOR EACH ROW
                WHEN (NEW.state = 'completed') EXECUTE FUNCTION test_slow_completion();
            """, name: "test.slow_completion")
    }

    @Test("talenta worker: SIGTERM past --shutdown-timeout releases the running job and exits 75")
    func processExitsSeventyFiveAfterReleasing() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        try Self.slowCompletions(on: connection)
        let id = try QueueTestKit.scalar("SELECT queue.enqueue('noop', '{}')", as: Int64.self, on: connection)
        let worker = try TalentaProcess([
            "worker", "--database-url", database.url, "--concurrency", "1", "--poll-interval", "0.05",
            "--shutdown-timeout", "0.5",
        ])
        #expect(try QueueTestKit.waitFor(timeout: 60) {
            try QueueTestKit.scalar(
                "SELECT state = 'running' FROM queue.job WHERE id = $1", [id], as: Bool.self, on: connection)
        })
        worker.signal(SIGTERM)
        let status = worker.wait(timeout: 60)
        #expect(status == 75, "stderr: \(worker.standardError)")
        let row = try QueueTestKit.row("SELECT state, attempt FROM queue.job WHERE id = $1", [id], on: connection)
        #expect(try row.decode("state", as: String.self) == "available")
        #expect(try row.decode("attempt", as: Int.self) == 0)
        #expect(try QueueTestKit.scalar(
            "SELECT status FROM queue.worker_status", as: String.self, on: connection) == "stopped")
    }

    @Test("talenta worker: a second signal exits at once with 128 + signal")
    func secondSignalExitsAtOnce() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        try Self.slowCompletions(on: connection)
        let id = try QueueTestKit.scalar("SELECT queue.enqueue('noop', '{}')", as: Int64.self, on: connection)
        let worker = try TalentaProcess([
            "worker", "--database-url", database.url, "--concurrency", "1", "--poll-interval", "0.05",
            "--shutdown-timeout", "600",
        ])
        #expect(try QueueTestKit.waitFor(timeout: 60) {
            try QueueTestKit.scalar(
                "SELECT state = 'running' FROM queue.job WHERE id = $1", [id], as: Bool.self, on: connection)
        })
        worker.signal(SIGTERM)
        Thread.sleep(forTimeInterval: 0.3)
        #expect(worker.process.isRunning, "the first signal waits for the running job")
        let second = Date()
        worker.signal(SIGTERM)
        let status = worker.wait(timeout: 120)
        #expect(status == 128 + SIGTERM, "stderr: \(worker.standardError)")
        #expect(Date().timeIntervalSince(second) < 60, "at once, not after the 600 s grace period")
        #expect(worker.standardError.contains("exiting at once"))
    }
}
