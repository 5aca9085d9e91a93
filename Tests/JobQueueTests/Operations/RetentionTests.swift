import Foundation
import JobQueue
import Postgres
import PostgresTestSupport
import TestThreads
import Testing

@Suite("Retention that runs itself: the prune kind and the hourly retention schedule", .ownThread)
struct RetentionTests {
    /// Adds one job of `state` finished `days` ago (running: started then, never finished), returns its id.
    private static func job(_ state: String, finishedDaysAgo days: Double, on connection: Connection) throws -> Int64 {
        try QueueTestKit.scalar(
            """
            INSERT INTO queue.job (kind, payload, state, attempt, finished_at, locked_by, lease_expires_at, started_at)
            VALUES ('noop', '{}', $1, 1,
                    CASE WHEN $1 IN ('completed', 'discarded', 'cancelled') THEN now() - $2::float8 * interval '1 day' END,
                    CASE WHEN $1 = 'running' THEN 'elsewhere' END,
                    CASE WHEN $1 = 'running' THEN now() + interval '1 hour' END,
                    now() - $2::float8 * interval '1 day')
            RETURNING id
            """, [state, days], as: Int64.self, on: connection)
    }

    private static func registry() -> JobRegistry {
        var registry = JobRegistry()
        PruneJob.register(into: &registry)
        return registry
    }

    @Test("the migration installs `retention` enabled: hourly, prune, 7 and 30 days, last in line")
    func scheduleIsInstalled() throws {
        let database = try TestDatabase.create(migrated: false)
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        try Migrator(directory: TestDatabase.repositoryRoot.appendingPathComponent("sql")).migrate(connection)
        let row = try QueueTestKit.row(
            """
            SELECT enabled, cron, kind, payload_template::text AS payload, priority, queue FROM queue.schedule
             WHERE name = 'retention'
            """, on: connection)
        #expect(try row.decode("enabled", as: Bool.self))
        #expect(try row.decode("cron", as: String.self) == "@hourly")
        #expect(try row.decode("kind", as: String.self) == "prune")
        #expect(try row.decode("payload", as: String.self) == #"{"completed_after_days": 7, "discarded_after_days": 30}"#)
        #expect(try row.decode("priority", as: Int.self) == 100)
        #expect(try row.decode("queue", as: String.self) == "default")
    }

    @Test("the schedule fires a prune job at the hour with its payload")
    func scheduleFiresPrune() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        #expect(try ScheduleStore.setEnabled(true, named: "retention", on: connection))
        let clock = ManualClock(utcMinute("2026-06-01T09:30"))
        let evaluator = ScheduleEvaluator(workerID: "tests", clock: clock, logger: QueueTestKit.quietLogger)
        _ = try evaluator.evaluate(on: connection)
        #expect(try QueueTestKit.scalar("SELECT count(*)::int FROM queue.job", on: connection) == 0)
        clock.set(utcMinute("2026-06-01T10:00"))
        _ = try evaluator.evaluate(on: connection)
        let row = try QueueTestKit.row(
            "SELECT kind, payload::text AS payload, priority, job_key FROM queue.job", on: connection)
        #expect(try row.decode("kind", as: String.self) == "prune")
        #expect(try row.decode("payload", as: String.self) == #"{"completed_after_days": 7, "discarded_after_days": 30}"#)
        #expect(try row.decode("priority", as: Int.self) == 100)
        #expect(try row.decode("job_key", as: String.self) == "schedule:retention:2026-06-01T10:00:00Z")
    }

    @Test("prune deletes completed and cancelled jobs after 7 days and discarded ones after 30; nothing younger, nothing running")
    func pruneKeepsWhatIsYoung() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        let doomed = try [
            Self.job("completed", finishedDaysAgo: 8, on: connection),
            Self.job("cancelled", finishedDaysAgo: 8, on: connection),
            Self.job("discarded", finishedDaysAgo: 31, on: connection),
        ]
        let kept = try [
            Self.job("completed", finishedDaysAgo: 6, on: connection),
            Self.job("cancelled", finishedDaysAgo: 6, on: connection),
            Self.job("discarded", finishedDaysAgo: 8, on: connection),
            Self.job("discarded", finishedDaysAgo: 29, on: connection),
            Self.job("running", finishedDaysAgo: 40, on: connection),
        ]
        let prune = try Enqueuer.enqueue(
            PruneJob.kind, PruneJob.Payload(completedAfterDays: 7, discardedAfterDays: 30), on: connection)
        #expect(try QueueTestKit.drain(database, registry: Self.registry(), configuration: QueueTestKit.configuration()))
        let left = try connection.execute("SELECT id FROM queue.job ORDER BY id", name: "test.left").rows
            .map { try $0.decode("id", as: Int64.self) }
        #expect(left == kept + [prune])
        #expect(doomed.allSatisfy { !left.contains($0) })
        #expect(try QueueTestKit.scalar("SELECT state FROM queue.job WHERE id = $1", [prune], as: String.self,
                                        on: connection) == "completed")
    }

    @Test("the days come from the payload; a missing field takes its default")
    func daysFromThePayload() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        let old = try Self.job("completed", finishedDaysAgo: 2, on: connection)
        let young = try Self.job("completed", finishedDaysAgo: 0.5, on: connection)
        let failed = try Self.job("discarded", finishedDaysAgo: 20, on: connection)
        try connection.execute(
            #"SELECT queue.enqueue('prune', '{"completed_after_days": 1}')"#, name: "test.enqueue_prune")
        #expect(try QueueTestKit.drain(database, registry: Self.registry(), configuration: QueueTestKit.configuration()))
        let left = Set(try connection.execute("SELECT id FROM queue.job", name: "test.left").rows
            .map { try $0.decode("id", as: Int64.self) })
        #expect(!left.contains(old))
        #expect(left.contains(young))
        #expect(left.contains(failed), "discarded jobs keep the default 30 days")
    }

    @Test("a backlog larger than one run is worked off by follow-up prune jobs, each in its own transaction")
    func backlogContinues() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        let backlog = PruneJob.batchSize * PruneJob.batchesPerRun + 2_500
        try connection.execute(
            """
            INSERT INTO queue.job (kind, payload, state, attempt, finished_at, started_at)
            SELECT 'noop', '{}', 'completed', 1, now() - interval '10 days', now() - interval '10 days'
              FROM generate_series(1, $1::integer)
            """, [backlog], name: "test.backlog")
        try Enqueuer.enqueue(PruneJob.kind, PruneJob.Payload(), on: connection)
        #expect(try QueueTestKit.drain(database, registry: Self.registry(), configuration: QueueTestKit.configuration()))
        #expect(try QueueTestKit.scalar(
            "SELECT count(*)::int FROM queue.job WHERE kind = 'noop'", on: connection) == 0)
        let runs = try connection.execute(
            "SELECT state, job_key FROM queue.job WHERE kind = 'prune' ORDER BY id", name: "test.runs").rows
        #expect(runs.count == 2)
        #expect(try runs.allSatisfy { try $0.decode("state", as: String.self) == "completed" })
        #expect(try runs.last?.decode("job_key", as: String?.self)?.hasPrefix("prune:after:") == true)
    }

    @Test("days out of range discard the prune job with a clear error")
    func badDaysDiscard() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        let id = try QueueTestKit.scalar(
            #"SELECT queue.enqueue('prune', '{"completed_after_days": -1}')"#, as: Int64.self, on: connection)
        #expect(try QueueTestKit.drain(database, registry: Self.registry(), configuration: QueueTestKit.configuration()))
        let row = try QueueTestKit.row("SELECT state, last_error FROM queue.job WHERE id = $1", [id], on: connection)
        #expect(try row.decode("state", as: String.self) == "discarded")
        #expect(try row.decode("last_error", as: String.self)
            == "prune: completed_after_days must be a number of days from 0 to 36500, got -1.0")
    }
}
