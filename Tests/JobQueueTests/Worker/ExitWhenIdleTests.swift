import Foundation
import JobQueue
import Logging
import Postgres
import PostgresTestSupport
import TestThreads
import Testing

/// `exitWhenIdle` waits for retries due within the idle grace, and says what it leaves behind.
@Suite("Exit when idle", .ownThread)
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
    /// - Returns: the seconds it ran, the warnings it logged about exiting, and every line it logged about exiting.
    static func drain(_ database: TestDatabase, configuration: WorkerConfiguration,
                      workerID: String? = nil) throws -> (Double, [String], [String]) {
        let records = Locked<[LogCapture.Record]>([])
        let logger = Logger(label: "talenta.tests") { _ in LogCapture(into: records, level: .info) }
        let pool = try WorkerPool(databaseURL: database.url, registry: failingOnce(), configuration: configuration,
                                  logger: logger, workerID: workerID)
        let started = Date()
        try pool.start()
        let stopped = pool.waitUntilStopped(timeout: 60)
        if !stopped { pool.shutdown() }
        #expect(stopped, "the pool did not exit when idle")
        let exits = records.withLock { $0.filter { $0.line.contains("exit when idle") } }
        return (Date().timeIntervalSince(started), exits.filter { $0.level >= .warning }.map(\.line), exits.map(\.line))
    }

    @Test("a job failing once with a short backoff is retried and completed before the worker exits")
    func shortRetryIsWaitedFor() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        try QueueTestKit.registerKinds(["test.fail_once"], on: connection)
        try QueueTestKit.createSideTable(on: connection)
        let id = try QueueTestKit.scalar(
            "SELECT queue.enqueue('test.fail_once', '{\"n\": 7}')", as: Int64.self, on: connection)
        let configuration = QueueTestKit.configuration(
            concurrency: 2, retryPolicy: RetryPolicy(baseDelay: 1, maxDelay: 1, jitter: 0))
        let (_, warnings, _) = try Self.drain(database, configuration: configuration)
        let row = try QueueTestKit.row("SELECT state, attempt FROM queue.job WHERE id = $1", [id], on: connection)
        #expect(try row.decode("state", as: String.self) == "completed")
        #expect(try row.decode("attempt", as: Int.self) == 2)
        #expect(try QueueTestKit.scalar("SELECT count(*)::int FROM test_side WHERE n = 7", as: Int.self,
                                        on: connection) == 1)
        #expect(warnings.isEmpty, "\(warnings)")
    }

    /// Marks every job of the queue `running` at attempt 1 under `owner`, its lease ending `leaseEnds` from now, and
    /// registers `owner` in queue.worker as last seen `lastSeen` ago with a lease of `workerLease` seconds (alive
    /// while its last heartbeat is within that lease).
    static func hold(byWorker owner: String, leaseEnds: String, lastSeen: String, workerLease: Double,
                     on connection: Connection) throws {
        try connection.execute("""
            INSERT INTO queue.worker (id, host, pid, version, concurrency, queues, lease_seconds, last_seen_at)
            VALUES ($1, 'elsewhere', 1, 'test', 1, '{default}', $3, now() - $2::interval)
            """, [owner, lastSeen, workerLease], name: "test.worker")
        try connection.execute("""
            UPDATE queue.job SET state = 'running', attempt = 1, locked_by = $1, started_at = now(),
                                 lease_expires_at = now() + $2::interval
            """, [owner, leaseEnds], name: "test.hold")
    }

    @Test("jobs left running by a worker that is gone are rescued and run before the worker exits")
    func orphanedJobsAreRun() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        try QueueTestKit.registerKinds(["test.fail_once"], on: connection)
        try QueueTestKit.createSideTable(on: connection)
        for n in 1...3 {
            try connection.execute("SELECT queue.enqueue('test.fail_once', jsonb_build_object('n', $1::int))", [n],
                                   name: "test.enqueue")
        }
        try Self.hold(byWorker: "gone:1:00000000", leaseEnds: "1 second", lastSeen: "1 minute", workerLease: 3,
                      on: connection)
        let (_, warnings, _) = try Self.drain(database, configuration: QueueTestKit.configuration(concurrency: 2))
        let states = try connection.execute(
            "SELECT state, attempt FROM queue.job ORDER BY id", name: "test.states").rows
            .map { "\(try $0.decode("state", as: String.self))@\(try $0.decode("attempt", as: Int.self))" }
        #expect(states == ["completed@2", "completed@2", "completed@2"])
        #expect(try QueueTestKit.scalar("SELECT count(*)::int FROM test_side", as: Int.self, on: connection) == 3)
        #expect(warnings.isEmpty, "\(warnings)")
    }

    @Test("jobs the worker gave up itself (its id, in no slot) are rescued and run before it exits")
    func ownGivenUpJobsAreRun() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        try QueueTestKit.registerKinds(["test.fail_once"], on: connection)
        try QueueTestKit.createSideTable(on: connection)
        for n in 1...2 {
            try connection.execute("SELECT queue.enqueue('test.fail_once', jsonb_build_object('n', $1::int))", [n],
                                   name: "test.enqueue")
        }
        // As after a database restart cut its attempts off: running under this worker's id, in none of its slots,
        // the worker itself live (it registers and heartbeats on start).
        let me = "self:1:00000000"
        try connection.execute("""
            UPDATE queue.job SET state = 'running', attempt = 1, locked_by = $1, started_at = now(),
                                 lease_expires_at = now() + interval '1 second'
            """, [me], name: "test.hold")
        let (_, warnings, _) = try Self.drain(database, configuration: QueueTestKit.configuration(concurrency: 2),
                                           workerID: me)
        let states = try connection.execute(
            "SELECT state, attempt FROM queue.job ORDER BY id", name: "test.states").rows
            .map { "\(try $0.decode("state", as: String.self))@\(try $0.decode("attempt", as: Int.self))" }
        #expect(states == ["completed@2", "completed@2"])
        #expect(try QueueTestKit.scalar("SELECT count(*)::int FROM test_side", as: Int.self, on: connection) == 2)
        #expect(warnings.isEmpty, "\(warnings)")
    }

    @Test("jobs running under a live worker are left to it, and the stop says how many")
    func liveWorkersJobsAreLeft() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        try QueueTestKit.registerKinds(["test.fail_once"], on: connection)
        try connection.execute("SELECT queue.enqueue('test.fail_once', '{\"n\": 1}')", name: "test.enqueue")
        try Self.hold(byWorker: "alive:1:00000000", leaseEnds: "10 minutes", lastSeen: "0 seconds", workerLease: 600,
                      on: connection)
        let (seconds, warnings, exits) = try Self.drain(database, configuration: QueueTestKit.configuration())
        let row = try QueueTestKit.row("SELECT state, locked_by, attempt FROM queue.job", on: connection)
        #expect(try row.decode("state", as: String.self) == "running")
        #expect(try row.decode("locked_by", as: String?.self) == "alive:1:00000000")
        #expect(try row.decode("attempt", as: Int.self) == 1)
        // Not waited for (its lease ends after the idle grace), not counted as pending, but named when stopping;
        // no warning, for two batch workers sharing a queue is the normal case.
        #expect(seconds < 20, "waited \(seconds) s for another worker's job")
        #expect(warnings.isEmpty, "\(warnings)")
        #expect(exits.count == 1, "\(exits)")
        #expect(exits.first?.contains("jobs.running_elsewhere=1") == true, "\(exits)")
        #expect(exits.first?.contains("none running") == false, "\(exits)")
    }

    @Test("a gone worker's job whose lease ends after the idle grace is left, and the exit warns about it")
    func orphanBeyondTheGraceIsLeftWithAWarning() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        try QueueTestKit.registerKinds(["test.fail_once"], on: connection)
        try connection.execute("SELECT queue.enqueue('test.fail_once', '{\"n\": 1}')", name: "test.enqueue")
        try Self.hold(byWorker: "gone:1:00000000", leaseEnds: "1 hour", lastSeen: "1 minute", workerLease: 3,
                      on: connection)
        let (_, warnings, _) = try Self.drain(database, configuration: QueueTestKit.configuration())
        #expect(try QueueTestKit.scalar("SELECT state FROM queue.job", as: String.self, on: connection) == "running")
        #expect(warnings.count == 1, "\(warnings)")
        #expect(warnings.first?.contains("jobs.pending=1") == true, "\(warnings)")
    }

    @Test("a retry due after the idle grace is left pending, and the exit warns how many and when")
    func laterRetryIsLeftWithAWarning() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        try QueueTestKit.registerKinds(["test.fail_once"], on: connection)
        try QueueTestKit.createSideTable(on: connection)
        let id = try QueueTestKit.scalar(
            "SELECT queue.enqueue('test.fail_once', '{\"n\": 8}')", as: Int64.self, on: connection)
        var configuration = QueueTestKit.configuration(
            concurrency: 2, retryPolicy: RetryPolicy(baseDelay: 60, maxDelay: 60, jitter: 0))
        configuration.idleGrace = 5
        let (seconds, warnings, _) = try Self.drain(database, configuration: configuration)
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
