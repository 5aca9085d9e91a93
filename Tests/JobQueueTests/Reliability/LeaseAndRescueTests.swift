import Foundation
import JobQueue
import Postgres
import PostgresTestSupport
import TestThreads
import Testing

@Suite("Leases, rescue and the worker registry", .ownThread)
struct LeaseAndRescueTests {
    /// Makes `count` jobs look claimed by a worker that died: running, attempt 1, lease expired a second ago.
    static func makeOrphans(_ count: Int, maxAttempts: Int = 20, on connection: Connection) throws {
        try connection.execute(
            "SELECT queue.enqueue('noop', jsonb_build_object('n', g), max_attempts => $2::integer) FROM generate_series(1, $1::integer) AS g",
            [count, maxAttempts], name: "test.orphans_enqueue")
        try connection.execute(
            """
            UPDATE queue.job SET state = 'running', attempt = 1, locked_by = 'dead-host:1:00000000',
                                 started_at = now(), lease_expires_at = now() - interval '1 second'
            WHERE state = 'available'
            """, name: "test.orphans")
    }

    @Test("four concurrent rescuers rescue each expired lease exactly once")
    func concurrentRescuersDoNotConflict() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        try Self.makeOrphans(200, on: connection)
        try Self.makeOrphans(100, maxAttempts: 1, on: connection)
        // A live job whose lease has not expired must be left alone.
        let live = try QueueTestKit.scalar("SELECT queue.enqueue('noop', '{}')", as: Int64.self, on: connection)
        try connection.execute(
            """
            UPDATE queue.job SET state = 'running', attempt = 1, locked_by = 'live:2:00000000',
                                 lease_expires_at = now() + interval '1 hour'
            WHERE id = $1
            """, [live], name: "test.live_job")

        let rescued = Locked<[Int64]>([])
        let group = DispatchGroup()
        let url = database.url
        for _ in 0..<4 {
            DispatchQueue.global().async(group: group) {
                guard let rescuer = try? Connection(url: url) else { return }
                defer { rescuer.close() }
                while let batch = try? LeaseRescuer.rescue(batchSize: 7, on: rescuer), !batch.isEmpty {
                    rescued.withLock { $0 += batch.map(\.jobID) }
                }
            }
        }
        #expect(group.wait(timeout: .now() + 60) == .success)
        let ids = rescued.current
        #expect(ids.count == 300)
        #expect(Set(ids).count == 300, "a job was rescued twice")

        let summary = try QueueTestKit.row(
            """
            SELECT count(*) FILTER (WHERE state = 'retryable' AND max_attempts = 20) AS retryable,
                   count(*) FILTER (WHERE state = 'discarded' AND max_attempts = 1 AND finished_at IS NOT NULL) AS discarded,
                   count(*) FILTER (WHERE state = 'running') AS running,
                   count(*) FILTER (WHERE jsonb_array_length(errors) = 1 AND errors->0->>'error' = 'lease expired'
                                    AND errors->0->>'kind' = 'lease_expired'
                                    AND errors->0->>'worker' = 'dead-host:1:00000000'
                                    AND last_error = 'lease expired' AND lease_expires_at IS NULL) AS recorded
            FROM queue.job
            """, on: connection)
        #expect(try summary.decode("retryable", as: Int.self) == 200)
        #expect(try summary.decode("discarded", as: Int.self) == 100)
        #expect(try summary.decode("running", as: Int.self) == 1, "the live lease must survive")
        #expect(try summary.decode("recorded", as: Int.self) == 300)
    }

    @Test("heartbeat and release change a lease only under the same owner and attempt")
    func heartbeatAndReleaseAreFenced() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        let id = try QueueTestKit.scalar("SELECT queue.enqueue('noop', '{}')", as: Int64.self, on: connection)
        try connection.execute(
            """
            UPDATE queue.job SET state = 'running', attempt = 2, locked_by = 'owner:1:00000000',
                                 lease_expires_at = now() + interval '5 seconds'
            WHERE id = $1
            """, [id], name: "test.claim")
        let stale = try Heartbeat.extendLeases(
            workerID: "owner:1:00000000", jobs: [(id, 1)], lease: 600, on: connection)
        #expect(stale.isEmpty, "an earlier attempt's heartbeat must not extend the lease")
        let stranger = try Heartbeat.extendLeases(
            workerID: "other:2:00000000", jobs: [(id, 2)], lease: 600, on: connection)
        #expect(stranger.isEmpty, "another worker's heartbeat must not extend the lease")
        let owner = try Heartbeat.extendLeases(
            workerID: "owner:1:00000000", jobs: [(id, 2)], lease: 600, on: connection)
        #expect(owner == [Heartbeat.LeasedJob(id: id, attempt: 2)])
        #expect(try QueueTestKit.scalar(
            "SELECT lease_expires_at > now() + interval '500 seconds' FROM queue.job WHERE id = $1", [id],
            as: Bool.self, on: connection))

        #expect(try LeaseRelease.release([(id, 1)], workerID: "owner:1:00000000", on: connection) == 0)
        #expect(try LeaseRelease.release([(id, 2)], workerID: "other:2:00000000", on: connection) == 0)
        #expect(try QueueTestKit.scalar(
            "SELECT state FROM queue.job WHERE id = $1", [id], as: String.self, on: connection) == "running")
        #expect(try LeaseRelease.release([(id, 2)], workerID: "owner:1:00000000", on: connection) == 1)
        let row = try QueueTestKit.row(
            "SELECT state, attempt, lease_expires_at IS NULL AS released FROM queue.job WHERE id = $1", [id],
            on: connection)
        #expect(try row.decode("state", as: String.self) == "retryable", "it had run before")
        #expect(try row.decode("attempt", as: Int.self) == 1)
        #expect(try row.decode("released", as: Bool.self))
    }

    @Test("a worker's heartbeat rescues a dead worker's job, which then completes")
    func workerRescuesDeadWorkersJob() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        try Self.makeOrphans(3, on: connection)
        var registry = JobRegistry()
        NoopJob.register(into: &registry)
        let pool = try QueueTestKit.startPool(
            database, registry: registry, configuration: QueueTestKit.configuration(exitWhenIdle: false, lease: 1))
        defer { QueueTestKit.stop(pool) }
        let completed = try QueueTestKit.waitFor(timeout: 60) {
            try QueueTestKit.scalar(
                "SELECT count(*) FROM queue.job WHERE state = 'completed' AND attempt = 2", as: Int.self,
                on: connection) == 3
        }
        #expect(completed)
        #expect(try QueueTestKit.scalar(
            "SELECT count(*) FROM queue.job WHERE errors->0->>'kind' = 'lease_expired' AND locked_by = $1",
            [pool.workerID], as: Int.self, on: connection) == 3)
    }

    @Test("queue.worker registers the worker, its heartbeat advances last_seen_at, and a graceful stop is recorded")
    func workerRegistry() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        // A worker that vanished long ago shows as dead.
        try connection.execute(
            """
            INSERT INTO queue.worker (id, host, pid, version, concurrency, queues, lease_seconds, started_at, last_seen_at)
            VALUES ('gone:9:00000000', 'gone', 9, '0.0.1', 2, '{default}', 30, now() - interval '2 hours',
                    now() - interval '1 hour')
            """, name: "test.dead_worker")
        var registry = JobRegistry()
        NoopJob.register(into: &registry)
        var configuration = QueueTestKit.configuration(concurrency: 3, exitWhenIdle: false, lease: 1)
        configuration.version = "9.9.9-test"
        configuration.queue = "reports"
        let pool = try QueueTestKit.startPool(database, registry: registry, configuration: configuration)
        let registered = try QueueTestKit.waitFor(timeout: 60) {
            try QueueTestKit.scalar(
                "SELECT count(*) FROM queue.worker WHERE id = $1", [pool.workerID], as: Int.self, on: connection) == 1
        }
        #expect(registered)
        let row = try QueueTestKit.row(
            """
            SELECT host, pid, version, concurrency, queues, lease_seconds, stopped_at IS NULL AS running,
                   extract(epoch FROM last_seen_at)::double precision AS seen
            FROM queue.worker WHERE id = $1
            """, [pool.workerID], on: connection)
        #expect(try row.decode("host", as: String.self) == ProcessInfo.processInfo.hostName)
        #expect(try row.decode("pid", as: Int.self) == Int(ProcessInfo.processInfo.processIdentifier))
        #expect(try row.decode("version", as: String.self) == "9.9.9-test")
        #expect(try row.decode("concurrency", as: Int.self) == 3)
        #expect(try row.decode("queues", as: [String].self) == ["reports"])
        #expect(try row.decode("lease_seconds", as: Double.self) == 1)
        #expect(try row.decode("running", as: Bool.self))
        let firstSeen = try row.decode("seen", as: Double.self)
        let advanced = try QueueTestKit.waitFor(timeout: 60) {
            try QueueTestKit.scalar(
                "SELECT extract(epoch FROM last_seen_at)::double precision FROM queue.worker WHERE id = $1",
                [pool.workerID], as: Double.self, on: connection) > firstSeen
        }
        #expect(advanced, "the heartbeat (every lease/3) must advance last_seen_at")
        #expect(try QueueTestKit.scalar(
            "SELECT status FROM queue.worker_status WHERE id = $1", [pool.workerID], as: String.self,
            on: connection) == "live")

        #expect(QueueTestKit.stop(pool))
        #expect(try QueueTestKit.scalar(
            "SELECT status FROM queue.worker_status WHERE id = $1", [pool.workerID], as: String.self,
            on: connection) == "stopped")
        #expect(try QueueTestKit.scalar(
            "SELECT status FROM queue.worker_status WHERE id = 'gone:9:00000000'", as: String.self,
            on: connection) == "dead")
    }

    @Test("cancelling a running job stops its query at the next heartbeat and rolls its writes back")
    func cancelRunningJob() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        try QueueTestKit.registerKinds(["test.long"], on: connection)
        try QueueTestKit.createSideTable(on: connection)
        let id = try QueueTestKit.scalar(
            "SELECT queue.enqueue('test.long', '{\"n\": 3}')", as: Int64.self, on: connection)
        let started = Locked(false)
        var registry = JobRegistry()
        registry.register(JobKind<QueueTestKit.Numbered>("test.long")) { payload, context in
            try QueueTestKit.insertSide(payload, context)
            started.withLock { $0 = true }
            try context.connection.execute("SELECT pg_sleep(600)", name: "test.sleep")
        }
        let pool = try QueueTestKit.startPool(
            database, registry: registry, configuration: QueueTestKit.configuration(exitWhenIdle: false, lease: 1))
        defer { QueueTestKit.stop(pool) }
        #expect(QueueTestKit.waitFor(timeout: 60) { started.current })
        #expect(try QueueOperations.cancel(jobID: id, on: connection) == "running")
        let cancelledAt = Date()
        #expect(QueueTestKit.waitFor(timeout: 60) { pool.runningJobCount == 0 }, "the slot must be freed")
        #expect(Date().timeIntervalSince(cancelledAt) < 60, "stopped by the heartbeat, not the 600 s query's end")
        let row = try QueueTestKit.row(
            "SELECT state, finished_at IS NOT NULL AS finished, errors FROM queue.job WHERE id = $1", [id],
            on: connection)
        #expect(try row.decode("state", as: String.self) == "cancelled")
        #expect(try row.decode("finished", as: Bool.self))
        #expect(try row.decode("errors", as: String.self) == "[]")
        #expect(try QueueTestKit.scalar("SELECT count(*) FROM test_side", as: Int.self, on: connection) == 0)
    }
}
