import Dispatch
import Foundation
import JobQueue
import Logging
import Postgres
import PostgresTestSupport
import TestThreads
import Testing

/// Connections that stop answering without closing (a proxy that stops forwarding) and statements that wait on a
/// lock another session holds: the worker abandons what does not answer, replaces it, and never hangs.
@Suite("A worker that never hangs: response timeouts, abandoned jobs, claimed-ahead jobs released", .ownThread)
struct StalledConnectionTests {
    /// A pool on `url` logging warnings and above into `records`.
    private static func startPool(
        url: String, registry: JobRegistry, configuration: WorkerConfiguration,
        records: Locked<[LogCapture.Record]>, workerID: String? = nil
    ) throws -> WorkerPool {
        let logger = Logger(label: "talenta.tests") { _ in LogCapture(into: records, level: .warning) }
        let pool = try WorkerPool(
            databaseURL: url, registry: registry, configuration: configuration, logger: logger, workerID: workerID)
        try pool.start()
        return pool
    }

    private static func count(_ records: Locked<[LogCapture.Record]>, prefix: String) -> Int {
        records.withLock { $0.count { $0.message.hasPrefix(prefix) } }
    }

    @Test("connections that stop answering are abandoned within the response timeout and replaced; new jobs complete")
    func stalledConnectionsAreReplaced() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        let proxy = try StallingProxy(forwardingTo: database.url)
        defer { proxy.close() }
        var registry = JobRegistry()
        NoopJob.register(into: &registry)
        var configuration = QueueTestKit.configuration(concurrency: 2, exitWhenIdle: false, lease: 9)
        configuration.pollInterval = 0.2
        configuration.responseTimeout = 1
        configuration.reconnectBackoff = ReconnectBackoff(baseDelay: 0.05, maxDelay: 0.2, jitter: 0)
        let records = Locked<[LogCapture.Record]>([])
        let pool = try Self.startPool(
            url: proxy.url(replacing: database.url), registry: registry, configuration: configuration,
            records: records, workerID: "stalled")
        defer { QueueTestKit.stop(pool) }
        func completed() throws -> Int {
            try QueueTestKit.scalar("SELECT count(*)::int FROM queue.job WHERE state = 'completed'", on: connection)
        }
        try connection.execute("SELECT queue.enqueue('noop', '{}')", name: "test.first")
        #expect(try QueueTestKit.waitFor(timeout: 60) { try completed() == 1 })
        let seen = try QueueTestKit.scalar(
            "SELECT last_seen_at FROM queue.worker WHERE id = 'stalled'", as: Date.self, on: connection)

        // Every connection the worker has (claim and LISTEN, heartbeat, idle ones in its pool) stops answering.
        #expect(proxy.stallOpenConnections() >= 2)
        let stalled = ContinuousClock.now
        try connection.execute("SELECT queue.enqueue('noop', '{}') FROM generate_series(1, 3)", name: "test.after")
        #expect(try QueueTestKit.waitFor(timeout: 60) { try completed() == 4 })
        // Noticed within the poll interval plus the response timeout, then a reconnect: about 1.5 s when the machine
        // is quiet (without the response timeout: never).
        #expect(ContinuousClock.now - stalled < .seconds(60), "took \(ContinuousClock.now - stalled)")
        #expect(Self.count(records, prefix: "the database did not answer the claim connection: connection abandoned") == 1,
                "\(records.withLock { $0.map(\.line) })")
        // The heartbeat goes on too: the worker's row is seen again after the stall.
        #expect(try QueueTestKit.waitFor(timeout: 60) {
            try QueueTestKit.scalar(
                "SELECT last_seen_at > $1 FROM queue.worker WHERE id = 'stalled'", [seen], as: Bool.self, on: connection)
        })
        #expect(try QueueTestKit.scalar(
            "SELECT count(*)::int FROM queue.job WHERE attempt <> 1 OR errors <> '[]'", on: connection) == 0)
    }

    @Test("a timed-out job whose cancelled query cannot answer is abandoned: connection closed, attempt failed from another connection, slot freed")
    func stalledJobIsAbandoned() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        let proxy = try StallingProxy(forwardingTo: database.url)
        defer { proxy.close() }
        try QueueTestKit.registerKinds(["test.stalls"], on: connection)
        let stalls = try QueueTestKit.scalar(
            "SELECT queue.enqueue('test.stalls', '{\"n\": 1}', max_attempts => 1)", as: Int64.self, on: connection)
        let started = Locked(false)
        var registry = JobRegistry()
        NoopJob.register(into: &registry)
        registry.register(JobKind<QueueTestKit.Numbered>("test.stalls"), timeout: 1) { _, context in
            started.withLock { $0 = true }
            try context.connection.execute("SELECT pg_sleep(60)", name: "test.sleep")
        }
        var configuration = QueueTestKit.configuration(concurrency: 1, exitWhenIdle: false, lease: 30)
        configuration.cancelGrace = 1
        configuration.responseTimeout = 1
        configuration.reconnectBackoff = ReconnectBackoff(baseDelay: 0.05, maxDelay: 0.2, jitter: 0)
        let records = Locked<[LogCapture.Record]>([])
        let pool = try Self.startPool(
            url: proxy.url(replacing: database.url), registry: registry, configuration: configuration,
            records: records)
        defer { QueueTestKit.stop(pool) }
        #expect(QueueTestKit.waitFor(timeout: 60) { started.current })
        // The job's session stops answering; the cancel request still reaches the server on a new connection, but
        // its answer cannot come back.
        #expect(proxy.stallOpenConnections() >= 1)
        let noop = try QueueTestKit.scalar("SELECT queue.enqueue('noop', '{}')", as: Int64.self, on: connection)

        // The only slot takes the next job once the stuck one is abandoned: timeout 1 s + grace 1 s.
        #expect(try QueueTestKit.waitFor(timeout: 60) {
            try QueueTestKit.scalar("SELECT state FROM queue.job WHERE id = $1", [noop], as: String.self,
                                    on: connection) == "completed"
        }, "\(records.withLock { $0.map(\.line) })")
        // Recorded from another connection (after the stalled idle ones are found out and replaced).
        #expect(try QueueTestKit.waitFor(timeout: 60) {
            try QueueTestKit.scalar("SELECT state FROM queue.job WHERE id = $1", [stalls], as: String.self,
                                    on: connection) != "running"
        }, "\(records.withLock { $0.map(\.line) })")
        let row = try QueueTestKit.row(
            """
            SELECT state, attempt, lease_expires_at IS NULL AS unleased, jsonb_array_length(errors) AS failures,
                   errors->0->>'kind' AS kind, last_error
              FROM queue.job WHERE id = $1
            """, [stalls], on: connection)
        #expect(try row.decode("state", as: String.self) == "discarded", "its only attempt was recorded as failed")
        #expect(try row.decode("attempt", as: Int.self) == 1)
        #expect(try row.decode("unleased", as: Bool.self))
        #expect(try row.decode("failures", as: Int.self) == 1)
        #expect(try row.decode("kind", as: String.self) == "timeout")
        #expect(try row.decode("last_error", as: String.self)
            == "job timed out after 1 s and its query did not end within 1 s of the cancel: abandoned (connection closed)")
        #expect(Self.count(records, prefix: "job timed out: cancelling its query") == 1)
        #expect(Self.count(records, prefix: "job abandoned: its query did not end within 1 s of the cancel") == 1,
                "\(records.withLock { $0.map(\.line) })")
        #expect(Self.count(records, prefix: "lease lost") == 0)
        #expect(Self.count(records, prefix: "the failure was not recorded") == 0)
    }

    @Test("a handler stuck outside the database past its timeout is abandoned after the grace; its late end changes nothing")
    func stuckHandlerIsAbandoned() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        try QueueTestKit.createSideTable(on: connection)
        try QueueTestKit.registerKinds(["test.stuck"], on: connection)
        let stuck = try QueueTestKit.scalar("SELECT queue.enqueue('test.stuck', '{\"n\": 1}')", as: Int64.self,
                                            on: connection)
        let release = DispatchSemaphore(value: 0)
        let (entered, returned) = (Locked(0), Locked(0))
        var registry = JobRegistry()
        NoopJob.register(into: &registry)
        registry.register(JobKind<QueueTestKit.Numbered>("test.stuck"), timeout: 0.3) { payload, context in
            entered.withLock { $0 += 1 }
            defer { returned.withLock { $0 += 1 } }
            try QueueTestKit.insertSide(payload, context)
            _ = release.wait(timeout: .now() + 60)
        }
        var configuration = QueueTestKit.configuration(concurrency: 1, exitWhenIdle: false)
        configuration.cancelGrace = 0.5
        let records = Locked<[LogCapture.Record]>([])
        let pool = try Self.startPool(
            url: database.url, registry: registry, configuration: configuration, records: records)
        defer {
            release.signal()
            QueueTestKit.stop(pool)
        }
        #expect(QueueTestKit.waitFor(timeout: 60) { entered.current == 1 })
        let noop = try QueueTestKit.scalar("SELECT queue.enqueue('noop', '{}')", as: Int64.self, on: connection)
        #expect(try QueueTestKit.waitFor(timeout: 60) {
            try QueueTestKit.scalar("SELECT state FROM queue.job WHERE id = $1", [noop], as: String.self,
                                    on: connection) == "completed"
        }, "the slot runs the next job while the abandoned handler is still blocked")
        #expect(returned.current == 0)
        // The abandoned attempt is recorded from another connection, on the watchdog's recorder queue, while the
        // freed slot already runs the next job: wait for the record rather than assume it came first.
        let failed = "SELECT state, attempt, jsonb_array_length(errors) AS failures FROM queue.job WHERE id = $1"
        #expect(try QueueTestKit.waitFor(timeout: 60) {
            try QueueTestKit.row(failed, [stuck], on: connection).decode("state", as: String.self) == "retryable"
        }, "the abandoned attempt is recorded as failed")
        let before = try QueueTestKit.row(failed, [stuck], on: connection)
        #expect(try before.decode("attempt", as: Int.self) == 1)
        #expect(returned.current == 0)

        release.signal()
        #expect(QueueTestKit.waitFor(timeout: 60) { returned.current == 1 })
        Thread.sleep(forTimeInterval: 0.5)
        let after = try QueueTestKit.row(failed, [stuck], on: connection)
        #expect(try after.decode("state", as: String.self) == "retryable")
        #expect(try after.decode("failures", as: Int.self) == 1, "the late end recorded nothing more")
        #expect(try QueueTestKit.scalar("SELECT count(*)::int FROM test_side", on: connection) == 0,
                "its write never committed")
        #expect(Self.count(records, prefix: "job abandoned:") == 1)
        #expect(Self.count(records, prefix: "job attempt failed") == 0)
        #expect(Self.count(records, prefix: "lease lost") == 0, "\(records.withLock { $0.map(\.line) })")
    }

    @Test("a completion waiting on a row lock another session holds is abandoned after the response timeout; the job runs again once")
    func lockedCompletionIsAbandoned() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        try QueueTestKit.createSideTable(on: connection)
        try QueueTestKit.registerKinds(["test.locked"], on: connection)
        let locked = try QueueTestKit.scalar("SELECT queue.enqueue('test.locked', '{\"n\": 1}')", as: Int64.self,
                                             on: connection)
        let (entered, proceed) = (DispatchSemaphore(value: 0), DispatchSemaphore(value: 0))
        var registry = JobRegistry()
        NoopJob.register(into: &registry)
        registry.register(JobKind<QueueTestKit.Numbered>("test.locked")) { payload, context in
            try QueueTestKit.insertSide(payload, context)
            if context.job.attempt == 1 {
                entered.signal()
                _ = proceed.wait(timeout: .now() + 60)
            }
        }
        var configuration = QueueTestKit.configuration(
            concurrency: 1, exitWhenIdle: false, lease: 30,
            retryPolicy: RetryPolicy(baseDelay: 0.1, maxDelay: 0.1, jitter: 0))
        configuration.responseTimeout = 1
        let records = Locked<[LogCapture.Record]>([])
        let pool = try Self.startPool(
            url: database.url, registry: registry, configuration: configuration, records: records)
        defer {
            proceed.signal()
            QueueTestKit.stop(pool)
        }
        #expect(entered.wait(timeout: .now() + 60) == .success)
        // Another session holds the job's row: the completion (an UPDATE of that row) waits on the lock.
        let holder = try database.connect()
        defer { holder.close() }
        try holder.executeScript("BEGIN", name: "test.begin")
        try holder.execute("SELECT 1 FROM queue.job WHERE id = $1 FOR UPDATE", [locked], name: "test.lock_row")
        proceed.signal()
        let noop = try QueueTestKit.scalar("SELECT queue.enqueue('noop', '{}')", as: Int64.self, on: connection)
        #expect(try QueueTestKit.waitFor(timeout: 60) {
            try QueueTestKit.scalar("SELECT state FROM queue.job WHERE id = $1", [noop], as: String.self,
                                    on: connection) == "completed"
        }, "the slot went on while the lock was held: \(records.withLock { $0.map(\.line) })")
        #expect(records.withLock { $0.contains { $0.line.contains("no answer from the server within 1 s") } })

        try holder.executeScript("ROLLBACK", name: "test.rollback")
        // The failure is recorded once the lock is gone (or the lease runs out): the job runs again and completes.
        #expect(try QueueTestKit.waitFor(timeout: 60) {
            try QueueTestKit.scalar("SELECT state FROM queue.job WHERE id = $1", [locked], as: String.self,
                                    on: connection) == "completed"
        }, "\(records.withLock { $0.map(\.line) })")
        #expect(try QueueTestKit.scalar("SELECT count(*)::int FROM test_side", on: connection) == 1,
                "the abandoned attempt's write rolled back; the next one wrote once")
        #expect(try QueueTestKit.scalar("SELECT attempt FROM queue.job WHERE id = $1", [locked], as: Int.self,
                                        on: connection) == 2)
    }

    @Test("claimed-ahead jobs that can no longer start in time are released at once, not left to their lease")
    func lateBufferedJobsAreReleased() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        try QueueTestKit.registerKinds(["test.counted", "test.gate"], on: connection)
        try connection.execute(
            "SELECT queue.enqueue('test.counted', jsonb_build_object('n', g)) FROM generate_series(1, 300) AS g",
            name: "test.enqueue_warm")
        try connection.execute("SELECT queue.enqueue('test.gate', '{\"n\": 0}', priority => 1)", name: "test.gate")
        try connection.execute(
            "SELECT queue.enqueue('test.counted', jsonb_build_object('n', g), priority => 2) FROM generate_series(301, 400) AS g",
            name: "test.enqueue_tail")
        let runs = Locked([Int64: Int]())
        let (gateOpen, gateEntered) = (DispatchSemaphore(value: 0), DispatchSemaphore(value: 0))
        var registry = JobRegistry()
        registry.register(JobKind<QueueTestKit.Numbered>("test.counted")) { _, context in
            runs.withLock { $0[context.job.id, default: 0] += 1 }
        }
        registry.register(JobKind<QueueTestKit.Numbered>("test.gate")) { _, context in
            runs.withLock { $0[context.job.id, default: 0] += 1 }
            gateEntered.signal()
            _ = gateOpen.wait(timeout: .now() + 60)
        }
        // Lease 12 s: a buffered job may start until 8 s after its claim; the heartbeat would release it after 4 s,
        // but it hangs on the worker's own row, which the test locks.
        var configuration = QueueTestKit.configuration(concurrency: 1, exitWhenIdle: false, lease: 12)
        configuration.responseTimeout = 1.5
        let records = Locked<[LogCapture.Record]>([])
        let logger = Logger(label: "talenta.tests") { _ in LogCapture(into: records, level: .info) }
        let pool = try WorkerPool(
            databaseURL: database.url, registry: registry, configuration: configuration, logger: logger,
            workerID: "ahead")
        try pool.start()
        defer {
            gateOpen.signal()
            QueueTestKit.stop(pool)
        }
        #expect(gateEntered.wait(timeout: .now() + 60) == .success)
        let holder = try database.connect()
        defer { holder.close() }
        try holder.executeScript("BEGIN", name: "test.begin")
        try holder.execute("SELECT 1 FROM queue.worker WHERE id = 'ahead' FOR UPDATE", name: "test.lock_worker")
        let buffered = "SELECT count(*)::int FROM queue.job WHERE priority = 2 AND state = 'running'"
        try #require(try QueueTestKit.waitFor(timeout: 60) { try QueueTestKit.scalar(buffered, on: connection) > 0 },
                     "jobs behind the gate are claimed ahead")
        let seen = ContinuousClock.now
        #expect(QueueTestKit.waitFor(timeout: 60) {
            records.withLock { $0.contains { $0.message.hasPrefix("heartbeat failed") } }
        }, "the heartbeat hangs on the locked row: nothing releases the buffer early")
        // Claimed before they were seen: past two thirds of their lease once 8.5 s have passed since.
        Thread.sleep(until: seen + .milliseconds(8_500))
        gateOpen.signal()
        // Released when the slot found them too late, and claimed again at once: all run while the heartbeat still
        // hangs (no lease expired, no rescue).
        #expect(try QueueTestKit.waitFor(timeout: 60) {
            try QueueTestKit.scalar(
                "SELECT count(*)::int FROM queue.job WHERE priority = 2 AND state = 'completed'", on: connection) == 100
        }, "\(records.withLock { $0.map(\.line) })")
        #expect(records.withLock { records in
            records.contains { $0.message == "released buffered jobs"
                && $0.metadata["reason"] == "too little of their lease was left to start them" }
        }, "\(records.withLock { $0.map(\.line) })")
        #expect(try QueueTestKit.scalar(
            "SELECT count(*)::int FROM queue.job WHERE attempt <> 1 OR errors <> '[]'", on: connection) == 0,
                "released, not rescued: no attempt was counted twice")
        #expect(runs.current.values.allSatisfy { $0 == 1 })
        try holder.executeScript("ROLLBACK", name: "test.rollback")
    }
}
