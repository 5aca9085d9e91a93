import Foundation
import JobQueue
import Postgres
import PostgresTestSupport
import TestThreads
import Testing

@Suite("Operators: pause and resume, cancel and retry, prune, views, talenta status", .ownThread)
struct OperationsTests {
    @Test("a paused queue is not claimed from; resume wakes the worker at once")
    func pauseAndResume() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        try QueueOperations.pause(queue: "default", on: connection)
        try QueueOperations.pause(queue: "default", on: connection)
        try connection.execute("SELECT queue.enqueue('noop', '{}') FROM generate_series(1, 5)", name: "test.enqueue")
        var registry = JobRegistry()
        NoopJob.register(into: &registry)
        var configuration = QueueTestKit.configuration(exitWhenIdle: false)
        configuration.pollInterval = 600
        let pool = try QueueTestKit.startPool(database, registry: registry, configuration: configuration)
        defer { QueueTestKit.stop(pool) }
        Thread.sleep(forTimeInterval: 0.5)
        #expect(try QueueTestKit.scalar(
            "SELECT count(*) FROM queue.job WHERE state = 'available' AND attempt = 0", as: Int.self,
            on: connection) == 5)
        let waiting = try QueueTestKit.row(
            "SELECT paused_at IS NOT NULL AS paused, waiting, oldest_waiting_seconds FROM queue.queue_status WHERE queue = 'default'",
            on: connection)
        #expect(try waiting.decode("paused", as: Bool.self))
        #expect(try waiting.decode("waiting", as: Int.self) == 5)
        #expect(try waiting.decode("oldest_waiting_seconds", as: Double.self) >= 0.4)

        let resumed = Date()
        try QueueOperations.resume(queue: "default", on: connection)
        #expect(try QueueTestKit.waitFor(timeout: 60) {
            try QueueTestKit.scalar(
                "SELECT count(*) FROM queue.job WHERE state = 'completed'", as: Int.self, on: connection) == 5
        })
        #expect(Date().timeIntervalSince(resumed) < 60, "resume notifies; the 600 s poll must not be needed")
        #expect(try QueueTestKit.scalar(
            "SELECT paused_at IS NULL FROM queue.queue WHERE name = 'default'", as: Bool.self, on: connection))
    }

    @Test("queue_status lists every known queue, idle ones with zeros")
    func idleQueuesAreListed() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        let status = "SELECT queue, waiting, scheduled, running FROM queue.queue_status ORDER BY queue"
        #expect(try Self.rows(status, on: connection) == ["default|0|0|0"])

        try QueueOperations.resume(queue: "reports", on: connection)
        let done = try QueueTestKit.scalar(
            "SELECT queue.enqueue('noop', '{}', queue => 'imports')", as: Int64.self, on: connection)
        try connection.execute(
            "SELECT queue.enqueue('noop', '{}', queue => 'later', run_at => now() + interval '1 hour')",
            name: "test.enqueue_later")
        #expect(try Self.rows(status, on: connection)
                == ["default|0|0|0", "imports|1|0|0", "later|0|1|0", "reports|0|0|0"])
        try connection.execute(
            "UPDATE queue.job SET state = 'completed', finished_at = now() WHERE id = $1", [done], name: "test.finish")
        #expect(try Self.rows(status, on: connection)
                == ["default|0|0|0", "imports|0|0|0", "later|0|1|0", "reports|0|0|0"])
        let depth = try QueueDepth.read(on: connection)
        #expect(depth.map(\.queue) == ["default", "imports", "later", "reports"])
    }

    /// Every row of a query, columns joined with `|`.
    static func rows(_ sql: String, on connection: Connection) throws -> [String] {
        try connection.execute(sql, name: "test.rows").rows.map { row in
            try row.columns.indices.map { try row.decode($0, as: String?.self) ?? "NULL" }.joined(separator: "|")
        }
    }

    @Test("cancel stops a pending job; retry brings a discarded or cancelled one back, and it completes")
    func cancelAndRetry() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        try QueueTestKit.registerKinds(["test.flaky"], on: connection)
        let pending = try QueueTestKit.scalar(
            "SELECT queue.enqueue('noop', '{}', run_at => now() + interval '1 hour')", as: Int64.self, on: connection)
        #expect(try QueueOperations.cancel(jobID: pending, on: connection) == "available")
        #expect(throws: PostgresError.self) { try QueueOperations.cancel(jobID: pending, on: connection) }

        let failing = try QueueTestKit.scalar(
            "SELECT queue.enqueue('test.flaky', '{\"n\": 1}', max_attempts => 1)", as: Int64.self, on: connection)
        let healed = Locked(false)
        var registry = JobRegistry()
        registry.register(JobKind<QueueTestKit.Numbered>("test.flaky")) { _, _ in
            guard healed.current else { throw TestFailure(description: "not yet") }
        }
        NoopJob.register(into: &registry)
        #expect(try QueueTestKit.drain(database, registry: registry, configuration: QueueTestKit.configuration()))
        #expect(try QueueTestKit.scalar(
            "SELECT state FROM queue.job WHERE id = $1", [failing], as: String.self, on: connection) == "discarded")

        healed.withLock { $0 = true }
        #expect(try QueueOperations.retry(jobID: failing, on: connection) == "discarded")
        #expect(try QueueOperations.retry(jobID: pending, on: connection) == "cancelled")
        #expect(try QueueTestKit.drain(database, registry: registry, configuration: QueueTestKit.configuration()))
        let row = try QueueTestKit.row(
            "SELECT state, attempt, max_attempts, jsonb_array_length(errors) AS count FROM queue.job WHERE id = $1",
            [failing], on: connection)
        #expect(try row.decode("state", as: String.self) == "completed")
        #expect(try row.decode("attempt", as: Int.self) == 2)
        #expect(try row.decode("max_attempts", as: Int.self) == 2, "retry allows one more attempt")
        #expect(try row.decode("count", as: Int.self) == 1, "the history stays")
        #expect(try QueueTestKit.scalar(
            "SELECT state FROM queue.job WHERE id = $1", [pending], as: String.self, on: connection) == "completed",
            "retry makes a cancelled job due at once")
    }

    @Test("prune deletes only finished jobs past their retention, batch by batch, and keeps the rest")
    func pruneInBatches() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        try connection.execute("SELECT queue.enqueue('noop', jsonb_build_object('n', g)) FROM generate_series(1, 60) AS g",
                               name: "test.enqueue")
        try connection.executeScript(
            """
            UPDATE queue.job SET state = 'completed', finished_at = now() - interval '8 days' WHERE id <= 25;
            UPDATE queue.job SET state = 'completed', finished_at = now() - interval '6 days' WHERE id BETWEEN 26 AND 30;
            UPDATE queue.job SET state = 'discarded', finished_at = now() - interval '31 days' WHERE id BETWEEN 31 AND 40;
            UPDATE queue.job SET state = 'cancelled', finished_at = now() - interval '40 days' WHERE id BETWEEN 41 AND 43;
            UPDATE queue.job SET state = 'discarded', finished_at = now() - interval '29 days' WHERE id BETWEEN 44 AND 45;
            UPDATE queue.job SET state = 'retryable', run_at = now() - interval '90 days' WHERE id BETWEEN 46 AND 50;
            """, name: "test.age_jobs")
        #expect(try QueueTestKit.scalar(
            "SELECT queue.prune(batch_size => 4)", as: Int.self, on: connection) == 4, "one call deletes one batch")
        let deleted = try QueueOperations.prune(batchSize: 5, on: connection)
        #expect(deleted == 34)
        #expect(try QueueOperations.prune(on: connection) == 0)
        let left = try connection.execute("SELECT id FROM queue.job ORDER BY id", name: "test.left").rows
            .map { try $0.decode("id", as: Int64.self) }
        #expect(left == Array(26...30) + Array(44...60))
        #expect(try QueueOperations.prune(completedOlderThan: "1 day", discardedOlderThan: "0 seconds",
                                          on: connection) == 7)
    }

    @Test("the views count by kind and state, show throughput, failures and workers; talenta status prints them")
    func viewsAndStatusCommand() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        try QueueTestKit.registerKinds(["test.fails"], on: connection)
        try connection.execute("SELECT queue.enqueue('noop', '{}') FROM generate_series(1, 7)", name: "test.noop")
        try connection.execute(
            "SELECT queue.enqueue('test.fails', '{\"n\": 1}', max_attempts => 1) FROM generate_series(1, 2)",
            name: "test.fails")
        try connection.execute(
            "SELECT queue.enqueue('noop', '{}', queue => 'later', run_at => now() + interval '1 hour')", name: "test.later")
        var registry = JobRegistry()
        NoopJob.register(into: &registry)
        registry.register(JobKind<QueueTestKit.Numbered>("test.fails")) { _, _ in
            throw TestFailure(description: "upstream unit 42 unreachable")
        }
        #expect(try QueueTestKit.drain(database, registry: registry, configuration: QueueTestKit.configuration()))

        let status = try QueueStatus.read(on: connection)
        let counts = Dictionary(uniqueKeysWithValues: status.counts.map { ("\($0.kind)/\($0.state)", $0.jobs) })
        #expect(counts == ["noop/completed": 7, "test.fails/discarded": 2, "noop/available": 1])
        #expect(status.throughput.count == 60)
        #expect(status.throughput.reduce(0) { $0 + $1.completed } == 7)
        #expect(status.throughput.reduce(0) { $0 + $1.discarded } == 2)
        #expect(status.failures.count == 2)
        #expect(status.failures.allSatisfy { $0.error == "upstream unit 42 unreachable" && $0.errorKind == "error" })
        let later = try #require(status.queues.first { $0.queue == "later" })
        #expect(later.scheduled == 1 && later.waiting == 0 && later.oldestWaitingSeconds == nil)
        #expect(status.workers.count == 1 && status.workers.first?.status == "stopped")

        #expect(status.failuresNotShown == 0 && status.workersNotShown == 0)
        let cut = try QueueStatus.read(failureLimit: 1, workerLimit: 0, on: connection)
        #expect(cut.failures.count == 1 && cut.failuresNotShown == 1)
        #expect(cut.workers.isEmpty && cut.workersNotShown == 1)

        let json = try TalentaProcess(["status", "--database-url", database.url, "--json"])
        #expect(json.wait(timeout: 60) == 0, "stderr: \(json.standardError)")
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        #expect(Set(document.keys) == ["counts", "queues", "throughput", "failures", "failures_not_shown", "workers",
                                       "workers_not_shown", "cleanup"])
        #expect((document["throughput"] as? [Any])?.count == 60)
        let failures = try #require(document["failures"] as? [[String: Any]])
        #expect(failures.first?["error_kind"] as? String == "error")
        #expect(document["failures_not_shown"] as? Int == 0 && document["workers_not_shown"] as? Int == 0)

        let tables = try TalentaProcess(["status", "--database-url", database.url])
        #expect(tables.wait(timeout: 60) == 0, "stderr: \(tables.standardError)")
        for heading in ["Jobs by kind and state", "Queues", "Throughput, last hour (7 completed", "Recent failures",
                        "Workers", "upstream unit 42 unreachable", "test.fails", "stopped"] {
            #expect(tables.standardOutput.contains(heading), "missing \(heading)")
        }
        #expect(!tables.standardOutput.contains("more"), "nothing was cut")

        // Cut lists say so, in text and in JSON.
        let cutJSON = try TalentaProcess(["status", "--database-url", database.url, "--json", "--failures", "1",
                                          "--workers", "0"])
        #expect(cutJSON.wait(timeout: 60) == 0, "stderr: \(cutJSON.standardError)")
        let cutDocument = try #require(
            try JSONSerialization.jsonObject(with: Data(cutJSON.standardOutput.utf8)) as? [String: Any])
        #expect((cutDocument["failures"] as? [Any])?.count == 1 && cutDocument["failures_not_shown"] as? Int == 1)
        #expect((cutDocument["workers"] as? [Any])?.isEmpty == true && cutDocument["workers_not_shown"] as? Int == 1)
        let cutTables = try TalentaProcess(["status", "--database-url", database.url, "--failures", "1",
                                            "--workers", "0"])
        #expect(cutTables.wait(timeout: 60) == 0, "stderr: \(cutTables.standardError)")
        #expect(cutTables.standardOutput.contains("… and 1 more failed attempt (--failures N shows more)"),
                "\(cutTables.standardOutput)")
        #expect(cutTables.standardOutput.contains("… and 1 more dead or stopped worker (--workers N shows more)"))
    }

    @Test("talenta cancel, retry, pause, resume and prune act through the SQL functions and report errors clearly")
    func operatorCommands() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        let id = try QueueTestKit.scalar("SELECT queue.enqueue('noop', '{}')", as: Int64.self, on: connection)
        let url = database.url
        func run(_ arguments: [String]) throws -> (Int32?, String, String) {
            let process = try TalentaProcess(arguments + ["--database-url", url])
            let status = process.wait(timeout: 60)
            return (status, process.standardOutput, process.standardError)
        }
        let cancel = try run(["cancel", "\(id)"])
        #expect(cancel.0 == 0 && cancel.1.contains("available -> cancelled"))
        let again = try run(["cancel", "\(id)"])
        #expect(again.0 == 1 && again.2.contains("is already cancelled"))
        let missing = try run(["cancel", "999999"])
        #expect(missing.0 == 1 && missing.2.contains("no job with id 999999"))
        let retry = try run(["retry", "\(id)"])
        #expect(retry.0 == 0 && retry.1.contains("cancelled -> available"))
        let pause = try run(["pause", "reports"])
        #expect(pause.0 == 0)
        #expect(try QueueTestKit.scalar(
            "SELECT paused_at IS NOT NULL FROM queue.queue WHERE name = 'reports'", as: Bool.self, on: connection))
        let badPause = try run(["pause", "bad queue; DROP TABLE queue.job"])
        #expect(badPause.0 == 1 && badPause.2.contains("queue_name must be 1-64 characters"))
        let resume = try run(["resume", "reports"])
        #expect(resume.0 == 0)
        let prune = try run(["prune", "--completed-older-than", "1 day"])
        #expect(prune.0 == 0 && prune.1.contains("pruned 0 job(s)"))
        let badPrune = try run(["prune", "--completed-older-than=-1 day"])
        #expect(badPrune.0 == 1 && badPrune.2.contains("must not be negative"))
        #expect(try QueueTestKit.scalar("SELECT count(*) FROM queue.job", as: Int.self, on: connection) == 1)
    }
}
