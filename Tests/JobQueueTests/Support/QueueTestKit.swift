import Foundation
import JobQueue
import Logging
import Postgres
import PostgresTestSupport
import Testing

/// Shared pieces of the queue tests: a quiet logger, a side table for handler writes, waiting on SQL conditions.
enum QueueTestKit {
    /// A logger that drops everything (tests assert on rows, not logs).
    static let quietLogger = Logger(label: "talenta.tests", factory: { _ in SwiftLogNoOpLogHandler() })

    /// The payload of the test kinds: a number the handler writes to the side table.
    struct Numbered: Codable, Sendable, Hashable {
        let n: Int
    }

    /// Writes `n` into `test_side` (unique on n) through the job's transaction.
    static let record = JobKind<Numbered>("test.record")

    /// Runs `sql` on a fresh database that expects it to be refused.
    /// - Returns: the error it raised (nil when the database accepted it) and the jobs in `queue.job` afterwards.
    static func refusal(of sql: String) throws -> (error: PostgresError?, jobs: Int) {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        var refused: PostgresError?
        do {
            try connection.execute(sql, name: "test.refused")
        } catch {
            refused = error
        }
        return (refused, try scalar("SELECT count(*) FROM queue.job", as: Int.self, on: connection))
    }

    /// Registers job kinds in `queue.kind` (as a worker that runs them would), so that they may be enqueued before
    /// the test's worker starts.
    static func registerKinds(_ names: [String], on connection: Connection) throws {
        try KindCatalog.register(names, registeredBy: "tests", on: connection)
    }

    /// Creates `test_side(n int primary key, job_id bigint)`.
    static func createSideTable(on connection: Connection) throws {
        try connection.executeScript(
            "CREATE TABLE test_side (n integer PRIMARY KEY, job_id bigint NOT NULL)", name: "test.side_table")
    }

    /// Inserts the payload's number through the context's connection (inside the job's transaction).
    static func insertSide(_ payload: Numbered, _ context: JobContext) throws {
        try context.connection.execute(
            "INSERT INTO test_side (n, job_id) VALUES ($1, $2)", [payload.n, context.job.id], name: "test.side_insert")
    }

    /// Runs one query returning a single value.
    static func scalar<T: PostgresDecodable>(
        _ sql: String, _ parameters: [any PostgresEncodable & Sendable] = [], as type: T.Type = T.self,
        on connection: Connection
    ) throws -> T {
        let result = try connection.execute(sql, parameters, name: "test.scalar")
        let row = try #require(result.rows.first)
        return try row.decode(0, as: T.self)
    }

    /// Polls `condition` every 20 ms until it holds or `timeout` seconds pass.
    /// - Returns: whether the condition held.
    static func waitFor(timeout: Double, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date(timeIntervalSinceNow: timeout)
        while Date() < deadline {
            if try condition() { return true }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return try condition()
    }

    /// A configuration for fast tests: short polls, exit when idle unless told otherwise.
    static func configuration(
        concurrency: Int = 4, exitWhenIdle: Bool = true, lease: Double = 30,
        retryPolicy: RetryPolicy = RetryPolicy(baseDelay: 60, maxDelay: 60, jitter: 0)
    ) -> WorkerConfiguration {
        WorkerConfiguration(
            concurrency: concurrency, pollInterval: 0.02, lease: lease, exitWhenIdle: exitWhenIdle,
            retryPolicy: retryPolicy)
    }

    /// Starts a pool that runs until the caller shuts it down (use `defer { stop(pool) }`).
    static func startPool(
        _ database: TestDatabase, registry: JobRegistry, configuration: WorkerConfiguration, workerID: String? = nil
    ) throws -> WorkerPool {
        let pool = try WorkerPool(
            databaseURL: database.url, registry: registry, configuration: configuration, logger: quietLogger,
            workerID: workerID)
        try pool.start()
        return pool
    }

    /// Shuts a pool down and waits (up to `timeout` s) for it to stop.
    /// - Returns: whether it stopped in time.
    @discardableResult
    static func stop(_ pool: WorkerPool, timeout: Double = 30) -> Bool {
        pool.shutdown()
        return pool.waitUntilStopped(timeout: timeout)
    }

    /// The first row of a query.
    static func row(
        _ sql: String, _ parameters: [any PostgresEncodable & Sendable] = [], on connection: Connection
    ) throws -> Row {
        try #require(try connection.execute(sql, parameters, name: "test.row").rows.first)
    }

    /// Starts a pool that exits when idle and waits (up to `timeout` s) for it to stop.
    /// - Returns: whether it stopped in time.
    static func drain(
        _ database: TestDatabase, registry: JobRegistry, configuration: WorkerConfiguration, timeout: Double = 120
    ) throws -> Bool {
        let pool = try WorkerPool(
            databaseURL: database.url, registry: registry, configuration: configuration, logger: quietLogger)
        try pool.start()
        let stopped = pool.waitUntilStopped(timeout: timeout)
        if !stopped { pool.shutdown() }
        return stopped
    }
}

/// An error a test handler throws.
struct TestFailure: Error, CustomStringConvertible {
    let description: String
}

/// A value shared between test threads, guarded by a lock.
final class Locked<Value>: @unchecked Sendable {
    // `value` is only touched while `lock` is held.
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) {
        self.value = value
    }

    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }

    var current: Value { withLock { $0 } }
}

extension Thread {
    /// Sleeps until `instant` (at once when it has passed).
    static func sleep(until instant: ContinuousClock.Instant) {
        let remaining = instant - ContinuousClock.now
        guard remaining > .zero else { return }
        sleep(forTimeInterval: Double(remaining.components.seconds) + Double(remaining.components.attoseconds) / 1e18)
    }
}
