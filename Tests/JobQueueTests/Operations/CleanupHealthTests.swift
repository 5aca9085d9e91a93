import Foundation
import JobQueue
import Logging
import Postgres
import PostgresTestSupport
import TestThreads
import Testing

@Suite("Cleanup health: dead rows, last vacuum, and the open transaction that holds cleanup back", .ownThread)
struct CleanupHealthTests {
    /// A session with an open REPEATABLE READ transaction that has taken its snapshot (like a long report).
    private static func openReader(_ database: TestDatabase) throws -> Connection {
        let reader = try Connection(url: database.url, applicationName: "long-report")
        try reader.executeScript("BEGIN ISOLATION LEVEL REPEATABLE READ", name: "test.begin")
        try reader.execute("SELECT count(*) FROM queue.job", name: "test.snapshot")
        return reader
    }

    /// Completes `count` noop jobs by hand: every job leaves dead row versions behind.
    private static func churn(_ count: Int, on connection: Connection) throws {
        try connection.execute(
            "SELECT queue.enqueue_many('noop', array_fill('{}'::jsonb, ARRAY[$1::integer]))", [count],
            name: "test.churn_enqueue")
        try connection.execute(
            "UPDATE queue.job SET state = 'completed', attempt = 1, finished_at = now() WHERE state = 'available'",
            name: "test.churn_complete")
    }

    @Test("status (text and JSON) names the open transaction (pid, application, state, age) past the threshold, with the dead rows")
    func statusReportsHeldBackCleanup() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        let quiet = try CleanupHealth.read(longTransactionSeconds: 1, on: connection)
        #expect(quiet.oldestTransaction == nil && quiet.heldBackBy == nil)
        #expect(quiet.seesAllSessions, "the test server's migration owner is a superuser")

        let reader = try Self.openReader(database)
        defer { reader.close() }
        try Self.churn(2_000, on: connection)
        // The statistics arrive within a second or so of each transaction.
        #expect(try QueueTestKit.waitFor(timeout: 60) {
            try CleanupHealth.read(longTransactionSeconds: 1, on: connection).deadRows >= 2_000
        })
        Thread.sleep(forTimeInterval: 1.1)
        let health = try CleanupHealth.read(longTransactionSeconds: 1, on: connection)
        let holder = try #require(health.heldBackBy)
        #expect(holder.pid == Int(reader.backendPID))
        #expect(holder.application == "long-report")
        #expect(holder.state == "idle in transaction")
        #expect(holder.seconds >= 1 && holder.seconds < 600)
        #expect(health.oldestTransaction == holder)
        #expect(try CleanupHealth.read(longTransactionSeconds: 3_600, on: connection).heldBackBy == nil,
                "younger than the threshold: reported as the oldest, not as holding back")

        let json = try TalentaProcess(
            ["status", "--database-url", database.url, "--json", "--long-transaction", "1"])
        #expect(json.wait(timeout: 60) == 0, "stderr: \(json.standardError)")
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        let cleanup = try #require(document["cleanup"] as? [String: Any])
        #expect((cleanup["dead_rows"] as? Int ?? 0) >= 2_000)
        #expect(cleanup["long_transaction_seconds"] as? Double == 1)
        let heldBack = try #require(cleanup["held_back_by"] as? [String: Any])
        #expect(heldBack["pid"] as? Int == Int(reader.backendPID))
        #expect(heldBack["application"] as? String == "long-report")
        #expect(heldBack["state"] as? String == "idle in transaction")

        let text = try TalentaProcess(["status", "--database-url", database.url, "--long-transaction", "1"])
        #expect(text.wait(timeout: 60) == 0, "stderr: \(text.standardError)")
        #expect(text.standardOutput.contains("Cleanup of queue.job"))
        #expect(text.standardOutput.contains(
            "pid \(reader.backendPID), application long-report, state idle in transaction"), "\(text.standardOutput)")

        try reader.executeScript("COMMIT", name: "test.commit")
        #expect(try CleanupHealth.read(longTransactionSeconds: 1, on: connection).oldestTransaction == nil)
        let after = try TalentaProcess(["status", "--database-url", database.url, "--long-transaction", "1"])
        #expect(after.wait(timeout: 60) == 0)
        #expect(after.standardOutput.contains("No open transaction has held back cleanup for over 1.0 s."),
                "\(after.standardOutput)")
    }

    /// Keeps what the heartbeat samples.
    final class Samples: JobObserver, @unchecked Sendable {
        // `cleanup` is only touched while `lock` is held.
        private let lock = NSLock()
        private var cleanup: [CleanupHealth] = []
        var all: [CleanupHealth] { lock.withLock { cleanup } }
        func jobClaimed(_ job: Job) {}
        func jobEnded(_ job: Job, as ending: JobEnding, seconds: Double?) {}
        func queuesSampled(_ depths: [QueueDepth]) {}
        func cleanupSampled(_ health: CleanupHealth) { lock.withLock { cleanup.append(health) } }
    }

    @Test("the worker warns once per transaction that holds cleanup back past the threshold, and notes when it ends")
    func workerWarnsOnce() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        let records = Locked<[LogCapture.Record]>([])
        let logger = Logger(label: "talenta.tests") { _ in LogCapture(into: records, level: .notice) }
        var configuration = QueueTestKit.configuration(exitWhenIdle: false, lease: 1.5)
        configuration.longTransactionWarning = 1
        let samples = Samples()
        var registry = JobRegistry()
        NoopJob.register(into: &registry)
        let pool = try WorkerPool(
            databaseURL: database.url, registry: registry, configuration: configuration, logger: logger,
            observer: samples)
        try pool.start()
        defer { QueueTestKit.stop(pool) }
        let reader = try Self.openReader(database)
        defer { reader.close() }
        let warning = "an open transaction holds back the cleanup of queue.job"
        func warnings() -> [LogCapture.Record] { records.withLock { $0.filter { $0.message.hasPrefix(warning) } } }

        #expect(QueueTestKit.waitFor(timeout: 60) { !warnings().isEmpty })
        // Heartbeats every 0.5 s: several more beats see the same transaction and stay quiet.
        Thread.sleep(forTimeInterval: 2)
        let logged = warnings()
        #expect(logged.count == 1, "\(logged.map(\.line))")
        #expect(logged.first?.level == .warning)
        #expect(logged.first?.metadata["transaction.pid"] == "\(reader.backendPID)")
        #expect(logged.first?.metadata["transaction.application"] == "long-report")
        #expect(logged.first?.metadata["transaction.state"] == "idle in transaction")
        #expect(samples.all.contains { $0.heldBackBy?.pid == Int(reader.backendPID) })

        try reader.executeScript("COMMIT", name: "test.commit")
        #expect(QueueTestKit.waitFor(timeout: 60) {
            records.withLock { $0.contains { $0.message.hasPrefix("the open transaction that held back") } }
        })
        #expect(warnings().count == 1)
        // The worker's own statements are transactions too (milliseconds long): none holds cleanup back.
        #expect(QueueTestKit.waitFor(timeout: 60) { samples.all.last.map { $0.heldBackBy == nil } ?? false })
    }
}
