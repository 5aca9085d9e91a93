import Foundation
import JobQueue
import Postgres
import PostgresTestSupport
import TestThreads
import Testing

/// The claim-ahead buffer and batched completions (attempts whose handler writes nothing).
@Suite("Claim ahead and batched completions: fenced, released on shutdown and when held too long, never doubled", .ownThread)
struct ClaimAheadTests {
    /// A kind whose handler writes nothing to the database: it counts its runs in memory.
    static let counted = JobKind<QueueTestKit.Numbered>("test.counted")
    /// A kind whose handler blocks until the test opens the gate.
    static let gate = JobKind<QueueTestKit.Numbered>("test.gate")

    @Test("completeMany completes only jobs still running under this worker and attempt")
    func completeManyIsFenced() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        try connection.execute("SELECT queue.enqueue('noop', '{}') FROM generate_series(1, 3)", name: "test.enqueue")
        let claimed = try JobClaimer.claim(workerID: "w1", queue: "default", lease: 30, limit: 3, on: connection)
        #expect(claimed.count == 3)
        let (kept, cancelled, moved) = (claimed[0], claimed[1], claimed[2])
        try QueueOperations.cancel(jobID: cancelled.id, on: connection)
        try connection.execute("UPDATE queue.job SET locked_by = 'w2' WHERE id = $1", [moved.id], name: "test.move")

        let wrongAttempt = try JobOutcomes.completeMany([(kept.id, kept.attempt + 1)], workerID: "w1", on: connection)
        #expect(wrongAttempt.isEmpty)
        let otherWorker = try JobOutcomes.completeMany([(kept.id, kept.attempt)], workerID: "w2", on: connection)
        #expect(otherWorker.isEmpty)
        let completed = try JobOutcomes.completeMany(
            claimed.map { ($0.id, $0.attempt) }, workerID: "w1", on: connection)
        #expect(completed == [kept.id])
        let states = try connection.execute("SELECT id, state FROM queue.job ORDER BY id", name: "test.states").rows
            .map { (try $0.decode("id", as: Int64.self), try $0.decode("state", as: String.self)) }
        #expect(states.map(\.1) == ["completed", "cancelled", "running"])
        #expect(try QueueTestKit.scalar(
            "SELECT finished_at IS NOT NULL AND lease_expires_at IS NULL FROM queue.job WHERE id = $1", [kept.id],
            as: Bool.self, on: connection))
    }

    @Test("5,000 jobs whose handler writes nothing complete once each, in batches, with concurrency 2")
    func batchedCompletionsExactlyOnceWhenHealthy() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        try QueueTestKit.registerKinds(["test.counted"], on: connection)
        try connection.execute(
            "SELECT queue.enqueue('test.counted', jsonb_build_object('n', g)) FROM generate_series(1, 5000) AS g",
            name: "test.enqueue")
        let runs = Locked([Int64: Int]())
        var registry = JobRegistry()
        registry.register(Self.counted) { _, context in runs.withLock { $0[context.job.id, default: 0] += 1 } }
        #expect(try QueueTestKit.drain(database, registry: registry, configuration: QueueTestKit.configuration(concurrency: 2)))
        #expect(runs.current.count == 5000)
        #expect(runs.current.values.allSatisfy { $0 == 1 })
        #expect(try QueueTestKit.scalar(
            "SELECT count(*) FROM queue.job WHERE state = 'completed' AND attempt = 1 AND lease_expires_at IS NULL",
            as: Int.self, on: connection) == 5000)
        // Claimed ahead: far fewer claims than jobs would show as many jobs sharing one started_at.
        #expect(try QueueTestKit.scalar(
            "SELECT max(c) FROM (SELECT count(*) AS c FROM queue.job GROUP BY started_at) AS s",
            as: Int.self, on: connection) > 2)
    }

    /// Enqueues 300 fast jobs (priority 0, they teach the worker that jobs are fast), one gate job (priority 1)
    /// and 300 jobs behind it (priority 2).
    private static func enqueueWarmGateAndTail(on connection: Connection) throws -> Int64 {
        try QueueTestKit.registerKinds(["test.counted", "test.gate"], on: connection)
        try connection.execute(
            "SELECT queue.enqueue('test.counted', jsonb_build_object('n', g)) FROM generate_series(1, 300) AS g",
            name: "test.enqueue_warm")
        let gate = try QueueTestKit.scalar(
            "SELECT queue.enqueue('test.gate', '{\"n\": 0}', priority => 1)", as: Int64.self, on: connection)
        try connection.execute(
            "SELECT queue.enqueue('test.counted', jsonb_build_object('n', g), priority => 2) FROM generate_series(301, 600) AS g",
            name: "test.enqueue_tail")
        return gate
    }

    private static func registry(runs: Locked<[Int64: Int]>, gateOpen: DispatchSemaphore, gateEntered: DispatchSemaphore)
        -> JobRegistry {
        var registry = JobRegistry()
        registry.register(counted) { _, context in runs.withLock { $0[context.job.id, default: 0] += 1 } }
        registry.register(gate) { _, context in
            runs.withLock { $0[context.job.id, default: 0] += 1 }
            gateEntered.signal()
            gateOpen.wait()
        }
        return registry
    }

    /// Jobs behind the gate that a claim took and a release gave back: available again with a start recorded.
    private static func releasedTail(on connection: Connection) throws -> Int {
        try QueueTestKit.scalar(
            "SELECT count(*) FROM queue.job WHERE priority = 2 AND state = 'available' AND attempt = 0 AND started_at IS NOT NULL",
            as: Int.self, on: connection)
    }

    @Test("shutdown releases claimed-ahead jobs at once, while the running job finishes")
    func shutdownReleasesBufferedJobs() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        let gateID = try Self.enqueueWarmGateAndTail(on: connection)
        let runs = Locked([Int64: Int]())
        let (gateOpen, gateEntered) = (DispatchSemaphore(value: 0), DispatchSemaphore(value: 0))
        let pool = try QueueTestKit.startPool(
            database, registry: Self.registry(runs: runs, gateOpen: gateOpen, gateEntered: gateEntered),
            configuration: QueueTestKit.configuration(concurrency: 1, exitWhenIdle: false))
        defer { gateOpen.signal(); QueueTestKit.stop(pool) }
        #expect(gateEntered.wait(timeout: .now() + 60) == .success)
        var buffered = 0
        #expect(try QueueTestKit.waitFor(timeout: 60) {
            buffered = try QueueTestKit.scalar(
                "SELECT count(*) FROM queue.job WHERE priority = 2 AND state = 'running'", as: Int.self, on: connection)
            return buffered > 0
        }, "jobs behind the gate job are claimed ahead while it runs")
        Thread.sleep(forTimeInterval: 0.2)
        buffered = try QueueTestKit.scalar(
            "SELECT count(*) FROM queue.job WHERE priority = 2 AND state = 'running'", as: Int.self, on: connection)

        pool.shutdown()
        #expect(try QueueTestKit.waitFor(timeout: 60) { try Self.releasedTail(on: connection) == buffered })
        #expect(try QueueTestKit.scalar(
            "SELECT count(*) FROM queue.job WHERE state = 'running'", as: Int.self, on: connection) == 1)
        gateOpen.signal()
        #expect(pool.waitUntilStopped(timeout: 60))
        #expect(pool.stopOutcome == .graceful)
        #expect(try QueueTestKit.scalar(
            "SELECT state FROM queue.job WHERE id = $1", [gateID], as: String.self, on: connection) == "completed")
        #expect(runs.current.values.allSatisfy { $0 == 1 })
        #expect(runs.current.keys.allSatisfy { $0 <= gateID }, "no job behind the gate ran")
    }

    @Test("jobs held ahead longer than a third of the lease go to another worker, and run once")
    func heldTooLongGoesToAnotherWorker() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        let gateID = try Self.enqueueWarmGateAndTail(on: connection)
        let runs = Locked([Int64: Int]())
        let (gateOpen, gateEntered) = (DispatchSemaphore(value: 0), DispatchSemaphore(value: 0))
        let registry = Self.registry(runs: runs, gateOpen: gateOpen, gateEntered: gateEntered)
        // Lease 3 s: heartbeats every second; a buffered job held over a second is released.
        let first = try QueueTestKit.startPool(
            database, registry: registry, configuration: QueueTestKit.configuration(concurrency: 1, lease: 3),
            workerID: "first")
        defer { gateOpen.signal(); QueueTestKit.stop(first) }
        #expect(gateEntered.wait(timeout: .now() + 60) == .success)
        #expect(try QueueTestKit.waitFor(timeout: 60) { try Self.releasedTail(on: connection) > 0 },
                "the heartbeat releases jobs held ahead behind a slow job")

        // The second worker runs until the test stops it: the first releases what it holds at each heartbeat,
        // and a worker that exits when idle would leave the jobs still held by a live worker to that worker.
        let second = try QueueTestKit.startPool(
            database, registry: registry, configuration: QueueTestKit.configuration(concurrency: 2, exitWhenIdle: false),
            workerID: "second")
        defer { QueueTestKit.stop(second) }
        let drained = try QueueTestKit.waitFor(timeout: 60) {
            try QueueTestKit.scalar(
                "SELECT count(*) FROM queue.job WHERE priority = 2 AND state = 'completed'", as: Int.self,
                on: connection) == 300
        }
        let tail = try connection.execute(
            """
            SELECT state || ' under ' || coalesce(locked_by, '-') || ', attempt ' || attempt || ': ' || count(*) AS s
              FROM queue.job WHERE priority = 2 GROUP BY state, locked_by, attempt
            """, name: "test.tail").rows.map { try $0.decode("s", as: String.self) }
        #expect(drained, "the jobs behind the gate: \(tail)")
        gateOpen.signal()
        #expect(first.waitUntilStopped(timeout: 60))
        #expect(QueueTestKit.stop(second, timeout: 60))
        #expect(runs.current.count == 601)
        #expect(runs.current.values.allSatisfy { $0 == 1 }, "no job ran twice")
        #expect(try QueueTestKit.scalar(
            "SELECT count(*) FROM queue.job WHERE state = 'completed' AND attempt = 1", as: Int.self,
            on: connection) == 601)
        #expect(try QueueTestKit.scalar(
            "SELECT locked_by FROM queue.job WHERE id = $1", [gateID], as: String.self, on: connection) == "first")
        #expect(try QueueTestKit.scalar(
            "SELECT count(*) FROM queue.job WHERE priority = 2 AND locked_by = 'first'", as: Int.self,
            on: connection) == 0, "the first worker ran nothing behind its slow job")
    }

    @Test("pausing the queue releases claimed-ahead jobs; resume runs them once")
    func pauseReleasesBufferedJobs() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        _ = try Self.enqueueWarmGateAndTail(on: connection)
        let runs = Locked([Int64: Int]())
        let (gateOpen, gateEntered) = (DispatchSemaphore(value: 0), DispatchSemaphore(value: 0))
        var configuration = QueueTestKit.configuration(concurrency: 1, exitWhenIdle: false, lease: 3)
        configuration.pollInterval = 0.2
        let pool = try QueueTestKit.startPool(
            database, registry: Self.registry(runs: runs, gateOpen: gateOpen, gateEntered: gateEntered),
            configuration: configuration)
        defer { gateOpen.signal(); QueueTestKit.stop(pool) }
        #expect(gateEntered.wait(timeout: .now() + 60) == .success)
        try QueueOperations.pause(queue: "default", on: connection)
        #expect(try QueueTestKit.waitFor(timeout: 60) {
            try QueueTestKit.scalar(
                "SELECT count(*) FROM queue.job WHERE priority = 2 AND state = 'running'", as: Int.self,
                on: connection) == 0
        })
        gateOpen.signal()
        Thread.sleep(forTimeInterval: 1)
        #expect(try QueueTestKit.scalar(
            "SELECT count(*) FROM queue.job WHERE priority = 2 AND state <> 'available'", as: Int.self,
            on: connection) == 0, "nothing behind the gate ran or was claimed while paused")
        try QueueOperations.resume(queue: "default", on: connection)
        #expect(try QueueTestKit.waitFor(timeout: 60) {
            try QueueTestKit.scalar(
                "SELECT count(*) FROM queue.job WHERE state = 'completed'", as: Int.self, on: connection) == 601
        })
        #expect(runs.current.values.allSatisfy { $0 == 1 })
    }
}
