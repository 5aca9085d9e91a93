import Dispatch
import Foundation
import JobQueue
import Logging
import Postgres
import PostgresTestSupport
import TestThreads
import Testing

@Suite("Outage: claimed jobs and their completions wait for the database, not for their leases", .ownThread)
struct OutageTests {
    @Test("a job finished and jobs claimed ahead while the database is away complete once it is back, at attempt 1")
    func bufferedJobsSurviveAnOutage() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        let gate = DispatchSemaphore(value: 0)
        let gateRunning = Locked(false)
        var registry = JobRegistry()
        NoopJob.register(into: &registry)
        registry.register(JobKind<QueueTestKit.Numbered>("test.gate")) { _, _ in
            gateRunning.withLock { $0 = true }
            _ = gate.wait(timeout: .now() + 60)
        }
        let records = Locked<[LogCapture.Record]>([])
        let logger = Logger(label: "talenta.tests") { _ in LogCapture(into: records, level: .warning) }
        var configuration = QueueTestKit.configuration(concurrency: 1, exitWhenIdle: false, lease: 30)
        configuration.reconnectBackoff = ReconnectBackoff(baseDelay: 0.05, maxDelay: 0.2, jitter: 0)
        let pool = try WorkerPool(databaseURL: database.url, registry: registry, configuration: configuration,
                                  logger: logger)
        try pool.start()
        defer {
            gate.signal()
            QueueTestKit.stop(pool)
        }
        func count(_ sql: String) throws -> Int { try QueueTestKit.scalar(sql, as: Int.self, on: connection) }

        // Jobs much faster than a claim: the pool measures them and then claims ahead of its one slot.
        try connection.execute("SELECT queue.enqueue('noop', '{}') FROM generate_series(1, 30)", name: "test.warm")
        #expect(try QueueTestKit.waitFor(timeout: 60) {
            try count("SELECT count(*)::int FROM queue.job WHERE state = 'completed'") == 30
        })
        try QueueTestKit.registerKinds(["test.gate"], on: connection)
        try connection.execute("SELECT queue.enqueue('test.gate', '{\"n\": 0}')", name: "test.gate")
        #expect(QueueTestKit.waitFor(timeout: 60) { gateRunning.withLock { $0 } })
        try connection.execute("SELECT queue.enqueue('noop', '{}') FROM generate_series(1, 5)", name: "test.ahead")
        // How many are held ahead depends on the measured speeds; one is enough to tell.
        let buffered = "SELECT count(*)::int FROM queue.job WHERE kind = 'noop' AND state = 'running'"
        try #require(try QueueTestKit.waitFor(timeout: 60) { try count(buffered) >= 1 },
                     "no job was claimed ahead of the busy slot")

        // The database refuses new connections and drops the worker's; then the slot finishes its job. (A database
        // cannot refuse connections to itself: the server-wide DATABASE_URL's database does it.)
        let admin = try Connection(url: ProcessInfo.processInfo.environment["DATABASE_URL"] ?? "",
                                   applicationName: "talenta-tests")
        defer { admin.close() }
        let quoted = try admin.quotedIdentifier(database.name)
        func allowConnections(_ allow: Bool) throws {
            try admin.executeScript("ALTER DATABASE " + quoted + " ALLOW_CONNECTIONS " + (allow ? "true" : "false"),
                                    name: "test.allow_connections")
        }
        try allowConnections(false)
        defer { try? allowConnections(true) }
        let workerSessions = """
            SELECT count(*)::int FROM pg_stat_activity
            WHERE datname = current_database() AND application_name = 'talenta-worker'
            """
        #expect(try count("""
            SELECT count(pg_terminate_backend(pid, 5000))::int FROM pg_stat_activity
            WHERE datname = current_database() AND application_name = 'talenta-worker'
            """) >= 1)
        #expect(try QueueTestKit.waitFor(timeout: 60) { try count(workerSessions) == 0 })
        gate.signal()
        for warning in ["database unreachable: the job waits in its slot", "database unreachable: completions kept"] {
            #expect(QueueTestKit.waitFor(timeout: 60) {
                records.withLock { $0.contains { $0.message.hasPrefix(warning) } }
            }, "\(warning): \(records.withLock { $0.map(\.message) })")
        }

        try allowConnections(true)
        // Well within the 30 s lease: the jobs and the completion were kept, not left to be rescued.
        #expect(try QueueTestKit.waitFor(timeout: 60) {
            try count("SELECT count(*)::int FROM queue.job WHERE state = 'completed'") == 36
        })
        #expect(try count("SELECT count(*)::int FROM queue.job WHERE attempt <> 1 OR errors <> '[]'") == 0)
    }
}
