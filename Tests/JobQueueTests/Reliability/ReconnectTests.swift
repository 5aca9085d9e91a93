import Foundation
import JobQueue
import Postgres
import PostgresTestSupport
import TestThreads
import Testing

@Suite("Reconnects: killed connections and the wake-up listener", .ownThread)
struct ReconnectTests {
    /// The claim statement's text, as pg_stat_activity shows it for the worker's listening connection.
    static let claimFragment = "SET state = 'running'"

    @Test("after its connections are killed the worker reconnects, LISTENs again, and wakes at once on enqueue")
    func killedConnectionsReconnect() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        var registry = JobRegistry()
        NoopJob.register(into: &registry)
        var configuration = QueueTestKit.configuration(exitWhenIdle: false, lease: 3)
        configuration.pollInterval = 30
        let pool = try QueueTestKit.startPool(database, registry: registry, configuration: configuration)
        defer { QueueTestKit.stop(pool) }

        func listening(since: Date?) throws -> Bool {
            try QueueTestKit.scalar(
                """
                SELECT count(*) FROM pg_stat_activity
                WHERE datname = current_database() AND application_name = 'talenta-worker' AND state = 'idle'
                  AND position($1 IN query) > 0 AND backend_start > coalesce($2::timestamptz, '-infinity')
                """, [Self.claimFragment, since], as: Int.self, on: connection) == 1
        }
        #expect(try QueueTestKit.waitFor(timeout: 60) { try listening(since: nil) })

        for round in 1...2 {
            let killedAt = try QueueTestKit.scalar("SELECT now()", as: Date.self, on: connection)
            let killed = try QueueTestKit.scalar(
                """
                SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                WHERE datname = current_database() AND application_name = 'talenta-worker'
                """, as: Int.self, on: connection)
            #expect(killed >= 1, "round \(round)")
            // A job enqueued while the worker is cut off is claimed by its first claim after reconnecting.
            let during = try Enqueuer.enqueue(NoopJob.kind, NoopJob.Payload(), on: connection)
            #expect(try QueueTestKit.waitFor(timeout: 60) { try listening(since: killedAt) }, "round \(round)")
            #expect(try QueueTestKit.waitFor(timeout: 60) {
                try QueueTestKit.scalar(
                    "SELECT state = 'completed' FROM queue.job WHERE id = $1", [during], as: Bool.self, on: connection)
            }, "round \(round)")

            // Woken by NOTIFY on the new connection, not by the 30 s poll.
            let id = try Enqueuer.enqueue(NoopJob.kind, NoopJob.Payload(), on: connection)
            #expect(try QueueTestKit.waitFor(timeout: 60) {
                try QueueTestKit.scalar(
                    "SELECT state = 'completed' FROM queue.job WHERE id = $1", [id], as: Bool.self, on: connection)
            }, "round \(round)")
            let latency = try QueueTestKit.scalar(
                "SELECT extract(epoch FROM started_at - created_at)::double precision FROM queue.job WHERE id = $1",
                [id], as: Double.self, on: connection)
            #expect(latency < 1, "round \(round): wake-up took \(latency) s")
        }
    }

    @Test("--no-listen style polling still claims, with no LISTEN on any connection")
    func pollingOnly() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        var registry = JobRegistry()
        NoopJob.register(into: &registry)
        var configuration = QueueTestKit.configuration(exitWhenIdle: false)
        configuration.listen = false
        configuration.pollInterval = 0.2
        let pool = try QueueTestKit.startPool(database, registry: registry, configuration: configuration)
        defer { QueueTestKit.stop(pool) }
        try connection.execute("SELECT queue.enqueue('noop', '{}') FROM generate_series(1, 20)", name: "test.enqueue")
        #expect(try QueueTestKit.waitFor(timeout: 60) {
            try QueueTestKit.scalar(
                "SELECT count(*) FROM queue.job WHERE state = 'completed'", as: Int.self, on: connection) == 20
        })
        #expect(try QueueTestKit.scalar(
            """
            SELECT count(*) FROM pg_stat_activity
            WHERE datname = current_database() AND application_name = 'talenta-worker' AND query LIKE 'LISTEN%'
            """, as: Int.self, on: connection) == 0)
    }

    @Test("reconnect backoff: capped exponential, jittered within [1 - jitter, 1] of the nominal wait")
    func reconnectBackoff() {
        let backoff = ReconnectBackoff.default
        #expect(backoff.baseDelay == 0.1 && backoff.maxDelay == 10 && backoff.jitter == 0.5)
        #expect((1...9).map { backoff.nominalDelay(afterFailures: $0) } == [0.1, 0.2, 0.4, 0.8, 1.6, 3.2, 6.4, 10, 10])
        #expect(backoff.nominalDelay(afterFailures: 5_000) == 10)
        #expect(backoff.nominalDelay(afterFailures: 0) == 0.1)
        var generator = SystemRandomNumberGenerator()
        let waits = (0..<200).map { _ in backoff.delay(afterFailures: 4, using: &generator) }
        #expect(waits.allSatisfy { (0.4...0.8).contains($0) })
        #expect(Set(waits).count > 100, "jitter must spread the waits")
        #expect(ReconnectBackoff(baseDelay: 0).validationProblem?.contains("base delay") == true)
        #expect(ReconnectBackoff(baseDelay: 5, maxDelay: 1).validationProblem?.contains("maximum delay") == true)
        #expect(ReconnectBackoff(jitter: 1.5).validationProblem?.contains("jitter") == true)
        #expect(backoff.validationProblem == nil)
    }
}
