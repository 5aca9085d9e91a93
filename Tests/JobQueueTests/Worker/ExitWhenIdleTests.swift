import Foundation
import JobQueue
import Logging
import Postgres
import PostgresTestSupport
import Testing

/// `exitWhenIdle` waits for retries due within the idle grace, and says what it leaves behind.
@Suite("Exit when idle")
struct ExitWhenIdleTests {
    /// A kind that fails its first attempt and completes its second.
    static func failingOnce() -> JobRegistry {
        var registry = JobRegistry()
        registry.register(JobKind<QueueTestKit.Numbered>("test.fail_once")) { payload, context in
            if context.job.attempt == 1 { throw TestFailure(description: "boom on attempt 1") }
            try QueueTestKit.insertSide(payload, context)
        }
        return registry
    }

    /// Runs an exit-when-idle pool until it stops on its own.
    /// - Returns: the seconds it ran and the warnings it logged about exiting.
    static func drain(_ database: TestDatabase, configuration: WorkerConfiguration) throws -> (Double, [String]) {
        let records = Locked<[LogCapture.Record]>([])
        let logger = Logger(label: "talenta.tests") { _ in LogCapture(into: records, level: .warning) }
        let pool = try WorkerPool(databaseURL: database.url, registry: failingOnce(), configuration: configuration,
                                  logger: logger)
        let started = Date()
        try pool.start()
        let stopped = pool.waitUntilStopped(timeout: 60)
        if !stopped { pool.shutdown() }
        #expect(stopped, "the pool did not exit when idle")
        return (Date().timeIntervalSince(started), records.withLock { $0.map(\.line) }.filter { $0.contains("exit when idle") })
    }

    @Test("a job failing once with a short backoff is retried and completed before the worker exits")
    func shortRetryIsWaitedFor() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        try QueueTestKit.createSideTable(on: connection)
        let id = try QueueTestKit.scalar(
            "SELECT queue.enqueue('test.fail_once', '{\"n\": 7}')", as: Int64.self, on: connection)
        let configuration = QueueTestKit.configuration(
            concurrency: 2, retryPolicy: RetryPolicy(baseDelay: 1, maxDelay: 1, jitter: 0))
        let (_, warnings) = try Self.drain(database, configuration: configuration)
        let row = try QueueTestKit.row("SELECT state, attempt FROM queue.job WHERE id = $1", [id], on: connection)
        #expect(try row.decode("state", as: String.self) == "completed")
        #expect(try row.decode("attempt", as: Int.self) == 2)
        #expect(try QueueTestKit.scalar("SELECT count(*)::int FROM test_side WHERE n = 7", as: Int.self,
                                        on: connection) == 1)
        #expect(warnings.isEmpty, "\(warnings)")
    }

    @Test("a retry due after the idle grace is left pending, and the exit warns how many and when")
    func laterRetryIsLeftWithAWarning() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        try QueueTestKit.createSideTable(on: connection)
        let id = try QueueTestKit.scalar(
            "SELECT queue.enqueue('test.fail_once', '{\"n\": 8}')", as: Int64.self, on: connection)
        var configuration = QueueTestKit.configuration(
            concurrency: 2, retryPolicy: RetryPolicy(baseDelay: 60, maxDelay: 60, jitter: 0))
        configuration.idleGrace = 5
        let (seconds, warnings) = try Self.drain(database, configuration: configuration)
        #expect(seconds < 20, "the worker waited \(seconds) s for a job due in 60 s")
        let row = try QueueTestKit.row("SELECT state, attempt FROM queue.job WHERE id = $1", [id], on: connection)
        #expect(try row.decode("state", as: String.self) == "retryable")
        #expect(try row.decode("attempt", as: Int.self) == 1)
        #expect(warnings.count == 1, "\(warnings)")
        let warning = try #require(warnings.first)
        #expect(warning.contains("jobs pending"))
        #expect(warning.contains("jobs.pending=1"))
        #expect(warning.contains("next.run_at=20"))
    }

    @Test("an idle grace outside 0...86400 is refused")
    func invalidGrace() {
        for grace in [-1, 86_401, .nan] {
            var configuration = WorkerConfiguration(exitWhenIdle: true)
            configuration.idleGrace = grace
            #expect(throws: JobQueueError.self) { try configuration.validate() }
        }
    }
}
