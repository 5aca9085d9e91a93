import Foundation
import JobQueue
import Postgres
import PostgresTestSupport
import TestThreads
import Testing

@Suite("Job timeouts and poison jobs", .ownThread)
struct TimeoutAndPoisonTests {
    @Test("a job past its kind's timeout has its query cancelled, fails as retryable, frees its slot, and succeeds on retry")
    func timeoutCancelsQueryAndRetries() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        try QueueTestKit.registerKinds(["test.slow-query", "test.record"], on: connection)
        try QueueTestKit.createSideTable(on: connection)
        let slow = try QueueTestKit.scalar(
            "SELECT queue.enqueue('test.slow-query', '{\"n\": 1}', priority => 0)", as: Int64.self, on: connection)
        try connection.execute(
            "SELECT queue.enqueue('test.record', jsonb_build_object('n', g), priority => 1) FROM generate_series(2, 4) AS g",
            name: "test.enqueue_others")

        var registry = JobRegistry()
        registry.register(JobKind<QueueTestKit.Numbered>("test.slow-query"), timeout: 0.5) { payload, context in
            try QueueTestKit.insertSide(payload, context)
            if context.job.attempt == 1 {
                try context.connection.execute("SELECT pg_sleep(600)", name: "test.sleep")
            }
        }
        registry.register(QueueTestKit.record, handler: QueueTestKit.insertSide)
        let configuration = QueueTestKit.configuration(
            concurrency: 1, exitWhenIdle: false, retryPolicy: RetryPolicy(baseDelay: 0.2, maxDelay: 1, jitter: 0))
        let started = Date()
        let pool = try QueueTestKit.startPool(database, registry: registry, configuration: configuration)
        defer { QueueTestKit.stop(pool) }
        let done = try QueueTestKit.waitFor(timeout: 60) {
            try QueueTestKit.scalar(
                "SELECT count(*) FROM queue.job WHERE state = 'completed'", as: Int.self, on: connection) == 4
        }
        #expect(done)
        #expect(Date().timeIntervalSince(started) < 120, "the 600 s query must have been cancelled")

        let row = try QueueTestKit.row(
            """
            SELECT state, attempt, errors->0->>'kind' AS kind, errors->0->>'error' AS error,
                   jsonb_array_length(errors) AS count
            FROM queue.job WHERE id = $1
            """, [slow], on: connection)
        #expect(try row.decode("state", as: String.self) == "completed")
        #expect(try row.decode("attempt", as: Int.self) == 2)
        #expect(try row.decode("count", as: Int.self) == 1)
        #expect(try row.decode("kind", as: String.self) == "timeout")
        #expect(try row.decode("error", as: String.self).contains("timed out after 0.5 s"))
        // The first attempt's write rolled back; the retry wrote once; the others ran in the freed slot.
        #expect(try QueueTestKit.scalar("SELECT count(*) FROM test_side", as: Int.self, on: connection) == 4)
        #expect(try QueueTestKit.scalar(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'SELECT pg_sleep%'",
            as: Int.self, on: connection) == 0)
    }

    @Test("a handler busy outside the database past its timeout is failed when it returns, its writes rolled back")
    func handlerOutsideDatabaseTimesOut() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        try QueueTestKit.registerKinds(["test.busy"], on: connection)
        try QueueTestKit.createSideTable(on: connection)
        let id = try QueueTestKit.scalar(
            "SELECT queue.enqueue('test.busy', '{\"n\": 7}', max_attempts => 1)", as: Int64.self, on: connection)
        var registry = JobRegistry()
        registry.register(JobKind<QueueTestKit.Numbered>("test.busy"), timeout: 0.2) { payload, context in
            try QueueTestKit.insertSide(payload, context)
            Thread.sleep(forTimeInterval: 0.8)
        }
        #expect(try QueueTestKit.drain(database, registry: registry, configuration: QueueTestKit.configuration()))
        let row = try QueueTestKit.row(
            "SELECT state, errors->0->>'kind' AS kind, last_error FROM queue.job WHERE id = $1", [id], on: connection)
        #expect(try row.decode("state", as: String.self) == "discarded", "its only attempt timed out")
        #expect(try row.decode("kind", as: String.self) == "timeout")
        #expect(try row.decode("last_error", as: String.self).contains("timed out after"))
        #expect(try QueueTestKit.scalar("SELECT count(*) FROM test_side", as: Int.self, on: connection) == 0)
    }

    @Test("a poison job ends discarded after its attempts while every other job completes")
    func poisonJobDoesNotBlockOthers() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        try QueueTestKit.registerKinds(["test.poison", "test.record"], on: connection)
        try QueueTestKit.createSideTable(on: connection)
        let poison = try QueueTestKit.scalar(
            "SELECT queue.enqueue('test.poison', '{\"n\": 0}', max_attempts => 3)", as: Int64.self, on: connection)
        try connection.execute(
            "SELECT queue.enqueue('test.record', jsonb_build_object('n', g), priority => 5) FROM generate_series(1, 50) AS g",
            name: "test.enqueue_good")
        var registry = JobRegistry()
        registry.register(JobKind<QueueTestKit.Numbered>("test.poison")) { _, context in
            throw TestFailure(description: "poison on attempt \(context.job.attempt)")
        }
        registry.register(QueueTestKit.record, handler: QueueTestKit.insertSide)
        let configuration = QueueTestKit.configuration(
            concurrency: 2, exitWhenIdle: false, retryPolicy: RetryPolicy(baseDelay: 0.05, maxDelay: 0.1, jitter: 0))
        let pool = try QueueTestKit.startPool(database, registry: registry, configuration: configuration)
        defer { QueueTestKit.stop(pool) }
        let settled = try QueueTestKit.waitFor(timeout: 60) {
            try QueueTestKit.scalar(
                "SELECT count(*) FROM queue.job WHERE state IN ('completed', 'discarded')", as: Int.self,
                on: connection) == 51
        }
        #expect(settled)
        let row = try QueueTestKit.row(
            "SELECT state, attempt, jsonb_array_length(errors) AS count, last_error FROM queue.job WHERE id = $1",
            [poison], on: connection)
        #expect(try row.decode("state", as: String.self) == "discarded")
        #expect(try row.decode("attempt", as: Int.self) == 3)
        #expect(try row.decode("count", as: Int.self) == 3)
        #expect(try row.decode("last_error", as: String.self) == "poison on attempt 3")
        #expect(try QueueTestKit.scalar(
            "SELECT count(*) FROM queue.job WHERE kind = 'test.record' AND state = 'completed'", as: Int.self,
            on: connection) == 50)
        #expect(try QueueTestKit.scalar("SELECT count(DISTINCT n) FROM test_side", as: Int.self, on: connection) == 50)
    }
}
