import Foundation
import JobQueue
import Postgres
import PostgresTestSupport
import TestThreads
import Testing

@Suite("WorkerPool: claims, runs and completes jobs exactly once, retries and discards", .ownThread)
struct WorkerPoolTests {
    @Test("1,000 jobs enqueued by SQL are each completed exactly once with concurrency 4")
    func thousandJobsExactlyOnce() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        try QueueTestKit.registerKinds(["test.record"], on: connection)
        try QueueTestKit.createSideTable(on: connection)
        try connection.execute(
            "SELECT queue.enqueue('test.record', jsonb_build_object('n', g)) FROM generate_series(1, 1000) AS g",
            name: "test.enqueue_1000")

        let inFlight = Locked((now: 0, peak: 0))
        var registry = JobRegistry()
        registry.register(QueueTestKit.record) { payload, context in
            inFlight.withLock { $0.now += 1; $0.peak = max($0.peak, $0.now) }
            defer { inFlight.withLock { $0.now -= 1 } }
            try QueueTestKit.insertSide(payload, context)
        }
        #expect(try QueueTestKit.drain(database, registry: registry, configuration: QueueTestKit.configuration()))

        let summary = try #require(try connection.execute(
            """
            SELECT count(*) AS rows, count(DISTINCT n) AS distinct_n, min(n) AS low, max(n) AS high,
                   (SELECT count(*) FROM queue.job WHERE state = 'completed' AND attempt = 1
                        AND errors = '[]'::jsonb AND finished_at IS NOT NULL AND lease_expires_at IS NULL) AS completed,
                   (SELECT count(*) FROM queue.job) AS jobs,
                   (SELECT count(*) FROM test_side s JOIN queue.job j ON j.id = s.job_id
                        WHERE (j.payload->>'n')::integer = s.n) AS matched
            FROM test_side
            """, name: "test.summary").rows.first)
        #expect(try summary.decode("rows", as: Int.self) == 1_000)
        #expect(try summary.decode("distinct_n", as: Int.self) == 1_000)
        #expect(try summary.decode("low", as: Int.self) == 1)
        #expect(try summary.decode("high", as: Int.self) == 1_000)
        #expect(try summary.decode("jobs", as: Int.self) == 1_000)
        #expect(try summary.decode("completed", as: Int.self) == 1_000)
        #expect(try summary.decode("matched", as: Int.self) == 1_000)
        let peak = inFlight.current.peak
        #expect(peak > 1 && peak <= 4, "handlers ran \(peak) at once")
    }

    @Test("a failing job retries with growing delays and ends discarded with every attempt's error")
    func failingJobRetriesThenDiscards() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        try QueueTestKit.registerKinds(["test.fail"], on: connection)
        let id = try QueueTestKit.scalar(
            "SELECT queue.enqueue('test.fail', '{\"n\": 1}', max_attempts => 4)", as: Int64.self, on: connection)
        var registry = JobRegistry()
        registry.register(JobKind<QueueTestKit.Numbered>("test.fail")) { _, context in
            throw TestFailure(description: "boom on attempt \(context.job.attempt)")
        }
        let policy = RetryPolicy(baseDelay: 0.2, maxDelay: 10, jitter: 0)
        let pool = try WorkerPool(
            databaseURL: database.url, registry: registry,
            configuration: QueueTestKit.configuration(exitWhenIdle: false, retryPolicy: policy),
            logger: QueueTestKit.quietLogger)
        try pool.start()
        let discarded = try QueueTestKit.waitFor(timeout: 60) {
            try QueueTestKit.scalar(
                "SELECT state = 'discarded' FROM queue.job WHERE id = $1", [id], as: Bool.self, on: connection)
        }
        pool.shutdown()
        #expect(pool.waitUntilStopped(timeout: 30))
        #expect(discarded)

        let row = try #require(try connection.execute(
            """
            SELECT state, attempt, last_error, finished_at IS NOT NULL AS finished, jsonb_array_length(errors) AS count
            FROM queue.job WHERE id = $1
            """, [id], name: "test.read_job").rows.first)
        #expect(try row.decode("state", as: String.self) == "discarded")
        #expect(try row.decode("attempt", as: Int.self) == 4)
        #expect(try row.decode("last_error", as: String?.self) == "boom on attempt 4")
        #expect(try row.decode("finished", as: Bool.self))
        #expect(try row.decode("count", as: Int.self) == 4)

        let errors = try connection.execute(
            """
            SELECT (e->>'attempt')::integer AS attempt, e->>'error' AS error, e->>'kind' AS kind,
                   extract(epoch FROM (e->>'at')::timestamptz)::double precision AS at
            FROM queue.job, jsonb_array_elements(errors) WITH ORDINALITY AS t(e, ord)
            WHERE id = $1 ORDER BY ord
            """, [id], name: "test.read_errors").rows
        #expect(try errors.map { try $0.decode("attempt", as: Int.self) } == [1, 2, 3, 4])
        #expect(try errors.map { try $0.decode("error", as: String.self) } == (1...4).map { "boom on attempt \($0)" })
        #expect(try errors.allSatisfy { try $0.decode("kind", as: String.self) == "error" })
        let times = try errors.map { try $0.decode("at", as: Double.self) }
        let gaps = zip(times, times.dropFirst()).map { $1 - $0 }
        for (index, gap) in gaps.enumerated() {
            let nominal = policy.nominalDelay(afterAttempt: index + 1)
            #expect(gap >= nominal, "wait after attempt \(index + 1) was \(gap) s, below the backoff \(nominal) s")
        }
        #expect(gaps[2] > gaps[0], "delays must grow: \(gaps)")
    }

    @Test("an unknown kind and an undecodable payload are discarded at once; other jobs still complete")
    func unknownKindAndBadPayloadDiscarded() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        try QueueTestKit.registerKinds(["no.such.kind", "test.record"], on: connection)
        try QueueTestKit.createSideTable(on: connection)
        let unknown = try QueueTestKit.scalar(
            "SELECT queue.enqueue('no.such.kind', '{\"n\": 1}')", as: Int64.self, on: connection)
        let undecodable = try QueueTestKit.scalar(
            "SELECT queue.enqueue('test.record', '{\"n\": \"seven-secret\"}')", as: Int64.self, on: connection)
        let missingKey = try QueueTestKit.scalar(
            "SELECT queue.enqueue('test.record', '{\"m\": 3}')", as: Int64.self, on: connection)
        try connection.execute(
            "SELECT queue.enqueue('test.record', jsonb_build_object('n', g)) FROM generate_series(1, 20) AS g",
            name: "test.enqueue_good")
        var registry = JobRegistry()
        registry.register(QueueTestKit.record, handler: QueueTestKit.insertSide)
        NoopJob.register(into: &registry)
        #expect(try QueueTestKit.drain(database, registry: registry, configuration: QueueTestKit.configuration()))

        func failure(_ id: Int64) throws -> (state: String, attempt: Int, error: String, kind: String, count: Int) {
            let row = try #require(try connection.execute(
                """
                SELECT state, attempt, last_error, errors->0->>'kind' AS kind, jsonb_array_length(errors) AS count
                FROM queue.job WHERE id = $1
                """, [id], name: "test.read_failure").rows.first)
            return (try row.decode("state"), try row.decode("attempt"), try row.decode("last_error"),
                    try row.decode("kind"), try row.decode("count"))
        }
        let unknownRow = try failure(unknown)
        #expect(unknownRow.state == "discarded" && unknownRow.attempt == 1 && unknownRow.count == 1)
        #expect(unknownRow.kind == "unknown_kind")
        #expect(unknownRow.error.contains("unknown job kind 'no.such.kind'"))
        #expect(unknownRow.error.contains("noop, test.record"))

        let badRow = try failure(undecodable)
        #expect(badRow.state == "discarded" && badRow.attempt == 1 && badRow.kind == "undecodable_payload")
        #expect(badRow.error.contains("payload of job kind 'test.record' does not decode as Numbered"))
        #expect(badRow.error.contains("expected Int at n"))
        #expect(!badRow.error.contains("seven-secret"))

        let missingRow = try failure(missingKey)
        #expect(missingRow.state == "discarded" && missingRow.error.contains("missing key 'n'"))

        #expect(try QueueTestKit.scalar(
            "SELECT count(*) FROM queue.job WHERE state = 'completed'", as: Int.self, on: connection) == 20)
        #expect(try QueueTestKit.scalar("SELECT count(*) FROM test_side", as: Int.self, on: connection) == 20)
    }

    @Test("a PermanentJobError discards at once, with its message")
    func permanentErrorDiscards() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        try QueueTestKit.registerKinds(["test.permanent"], on: connection)
        let id = try QueueTestKit.scalar("SELECT queue.enqueue('test.permanent', '{\"n\": 9}')", as: Int64.self, on: connection)
        var registry = JobRegistry()
        registry.register(JobKind<QueueTestKit.Numbered>("test.permanent")) { payload, _ in
            throw PermanentJobError("unit \(payload.n) does not exist")
        }
        #expect(try QueueTestKit.drain(database, registry: registry, configuration: QueueTestKit.configuration()))
        let row = try #require(try connection.execute(
            "SELECT state, attempt, last_error, errors->0->>'kind' AS kind FROM queue.job WHERE id = $1", [id],
            name: "test.read_job").rows.first)
        #expect(try row.decode("state", as: String.self) == "discarded")
        #expect(try row.decode("attempt", as: Int.self) == 1)
        #expect(try row.decode("last_error", as: String?.self) == "unit 9 does not exist")
        #expect(try row.decode("kind", as: String.self) == "permanent")
    }

    @Test("a handler that writes then throws leaves no partial writes, and the job is retryable")
    func thrownHandlerRollsBack() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        try QueueTestKit.registerKinds(["test.write-then-throw"], on: connection)
        try QueueTestKit.createSideTable(on: connection)
        let id = try QueueTestKit.scalar(
            "SELECT queue.enqueue('test.write-then-throw', '{\"n\": 5}')", as: Int64.self, on: connection)
        var registry = JobRegistry()
        registry.register(JobKind<QueueTestKit.Numbered>("test.write-then-throw")) { payload, context in
            try QueueTestKit.insertSide(payload, context)
            throw TestFailure(description: "failed after writing")
        }
        #expect(try QueueTestKit.drain(database, registry: registry, configuration: QueueTestKit.configuration()))
        #expect(try QueueTestKit.scalar("SELECT count(*) FROM test_side", as: Int.self, on: connection) == 0)
        let row = try #require(try connection.execute(
            """
            SELECT state, attempt, last_error, jsonb_array_length(errors) AS count, run_at > now() + interval '30 seconds' AS later,
                   lease_expires_at IS NULL AS released
            FROM queue.job WHERE id = $1
            """, [id], name: "test.read_job").rows.first)
        #expect(try row.decode("state", as: String.self) == "retryable")
        #expect(try row.decode("attempt", as: Int.self) == 1)
        #expect(try row.decode("last_error", as: String?.self) == "failed after writing")
        #expect(try row.decode("count", as: Int.self) == 1)
        #expect(try row.decode("later", as: Bool.self), "run_at must be now + the 60 s backoff")
        #expect(try row.decode("released", as: Bool.self))
    }

    @Test("a completion after the lease was stolen rolls back the handler's writes")
    func stolenLeaseRollsBack() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        try QueueTestKit.registerKinds(["test.stolen"], on: connection)
        try QueueTestKit.createSideTable(on: connection)
        // The thief is a live worker: an exit-when-idle pool leaves its running jobs to it.
        try connection.execute("""
            INSERT INTO queue.worker (id, host, pid, version, concurrency, queues, lease_seconds)
            VALUES ('thief:1:00000000', 'thief', 1, 'test', 1, '{default}', 30)
            """, name: "test.live_thief")
        let id = try QueueTestKit.scalar("SELECT queue.enqueue('test.stolen', '{\"n\": 8}')", as: Int64.self, on: connection)
        let url = database.url
        var registry = JobRegistry()
        registry.register(JobKind<QueueTestKit.Numbered>("test.stolen")) { payload, context in
            try QueueTestKit.insertSide(payload, context)
            // Another owner takes the job while this handler is still in its transaction.
            let thief = try Connection(url: url)
            defer { thief.close() }
            try thief.execute(
                "UPDATE queue.job SET locked_by = 'thief:1:00000000' WHERE id = $1", [context.job.id], name: "test.steal")
        }
        #expect(try QueueTestKit.drain(database, registry: registry, configuration: QueueTestKit.configuration()))
        #expect(try QueueTestKit.scalar("SELECT count(*) FROM test_side", as: Int.self, on: connection) == 0)
        let row = try #require(try connection.execute(
            "SELECT state, locked_by, attempt, errors FROM queue.job WHERE id = $1", [id], name: "test.read_job").rows.first)
        #expect(try row.decode("state", as: String.self) == "running", "the row stays with its new owner")
        #expect(try row.decode("locked_by", as: String?.self) == "thief:1:00000000")
        #expect(try row.decode("attempt", as: Int.self) == 1)
        #expect(try row.decode("errors", as: String.self) == "[]", "the old owner must not record a failure")
    }

    @Test("the heartbeat extends the lease of a job that outlives it")
    func heartbeatExtendsLease() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        try QueueTestKit.registerKinds(["test.slow"], on: connection)
        let id = try QueueTestKit.scalar("SELECT queue.enqueue('test.slow', '{\"n\": 1}')", as: Int64.self, on: connection)
        let url = database.url
        let observed = Locked<[Double]>([])
        var registry = JobRegistry()
        registry.register(JobKind<QueueTestKit.Numbered>("test.slow")) { _, context in
            let observer = try Connection(url: url)
            defer { observer.close() }
            for _ in 0..<3 {
                let lease = try QueueTestKit.scalar(
                    "SELECT extract(epoch FROM lease_expires_at)::double precision FROM queue.job WHERE id = $1",
                    [context.job.id], as: Double.self, on: observer)
                observed.withLock { $0.append(lease) }
                Thread.sleep(forTimeInterval: 0.8)
            }
        }
        let configuration = QueueTestKit.configuration(lease: 1)
        #expect(try QueueTestKit.drain(database, registry: registry, configuration: configuration))
        let leases = observed.current
        #expect(leases.count == 3)
        #expect(leases.last! > leases.first! + 1, "leases seen: \(leases)")
        #expect(try QueueTestKit.scalar(
            "SELECT state FROM queue.job WHERE id = $1", [id], as: String.self, on: connection) == "completed")
    }

    @Test("shutdown stops claiming and lets running jobs finish")
    func shutdownLetsRunningJobsFinish() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        try QueueTestKit.registerKinds(["test.gated"], on: connection)
        try QueueTestKit.createSideTable(on: connection)
        try connection.execute(
            "SELECT queue.enqueue('test.gated', jsonb_build_object('n', g)) FROM generate_series(1, 10) AS g",
            name: "test.enqueue")
        let started = Locked(0)
        var registry = JobRegistry()
        registry.register(JobKind<QueueTestKit.Numbered>("test.gated")) { payload, context in
            started.withLock { $0 += 1 }
            Thread.sleep(forTimeInterval: 1)
            try QueueTestKit.insertSide(payload, context)
        }
        let pool = try WorkerPool(
            databaseURL: database.url, registry: registry,
            configuration: QueueTestKit.configuration(concurrency: 2, exitWhenIdle: false),
            logger: QueueTestKit.quietLogger)
        try pool.start()
        #expect(QueueTestKit.waitFor(timeout: 60) { started.current == 2 })
        #expect(pool.runningJobCount == 2)
        pool.shutdown()
        #expect(pool.waitUntilStopped(timeout: 60))
        #expect(pool.runningJobCount == 0)
        #expect(throws: JobQueueError.self) { try pool.start() }
        #expect(try QueueTestKit.scalar("SELECT count(*) FROM test_side", as: Int.self, on: connection) == 2)
        #expect(try QueueTestKit.scalar(
            "SELECT count(*) FROM queue.job WHERE state = 'completed'", as: Int.self, on: connection) == 2)
        #expect(try QueueTestKit.scalar(
            "SELECT count(*) FROM queue.job WHERE state = 'available' AND attempt = 0", as: Int.self, on: connection) == 8)
    }

    @Test("a NOTIFY from enqueue wakes an idle worker long before its poll interval")
    func notificationWakesWorker() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        var registry = JobRegistry()
        NoopJob.register(into: &registry)
        var configuration = QueueTestKit.configuration(exitWhenIdle: false)
        configuration.pollInterval = 600
        let pool = try WorkerPool(
            databaseURL: database.url, registry: registry, configuration: configuration,
            logger: QueueTestKit.quietLogger)
        try pool.start()
        defer {
            pool.shutdown()
            pool.waitUntilStopped(timeout: 40)
        }
        // Let the claim loop find the queue empty and settle into its wait.
        Thread.sleep(forTimeInterval: 0.5)
        let enqueued = Date()
        let id = try Enqueuer.enqueue(NoopJob.kind, NoopJob.Payload(), on: connection)
        let completed = try QueueTestKit.waitFor(timeout: 60) {
            try QueueTestKit.scalar(
                "SELECT state = 'completed' FROM queue.job WHERE id = $1", [id], as: Bool.self, on: connection)
        }
        #expect(completed)
        #expect(Date().timeIntervalSince(enqueued) < 60, "woken by the notification, not the 600 s poll")
    }

    @Test("invalid configuration is refused with the field named")
    func invalidConfiguration() {
        let registry = JobRegistry()
        for (configuration, field) in [
            (WorkerConfiguration(concurrency: 0), "concurrency"),
            (WorkerConfiguration(queue: "bad queue"), "queue"),
            (WorkerConfiguration(pollInterval: 0), "poll interval"),
            (WorkerConfiguration(lease: 0.5), "lease"),
            (WorkerConfiguration(retryPolicy: RetryPolicy(jitter: 2)), "jitter"),
        ] {
            #expect {
                _ = try WorkerPool(databaseURL: "", registry: registry, configuration: configuration,
                                   logger: QueueTestKit.quietLogger)
            } throws: { error in
                guard let error = error as? JobQueueError else { return false }
                return error.code == .invalidConfiguration && error.message.contains(field)
            }
        }
    }
}
