import Foundation
import JobQueue
import Postgres
import PostgresTestSupport
import TestThreads
import Testing

@Suite("Enqueue: queue.enqueue validation, job keys, and the Swift Enqueuer", .ownThread)
struct EnqueueTests {
    /// Bad arguments to queue.enqueue and the SQLSTATE and message fragment each must produce.
    static let invalidCalls: [(label: String, sql: String, sqlState: String, message: String)] = [
        ("NULL kind", "SELECT queue.enqueue(NULL, '{}')", "22004", "kind must not be NULL"),
        ("empty kind", "SELECT queue.enqueue('', '{}')", "22023", "kind must be 1-128 characters"),
        ("kind with SQL in it", "SELECT queue.enqueue('x''; DROP TABLE queue.job; --', '{}')", "22023", "kind must be"),
        ("overlong kind", "SELECT queue.enqueue(repeat('k', 129), '{}')", "22023", "kind must be 1-128"),
        ("NULL payload", "SELECT queue.enqueue('noop', NULL)", "22004", "payload must not be NULL"),
        ("payload over 1 MiB", "SELECT queue.enqueue('noop', jsonb_build_object('x', repeat('a', 1048577)))", "54000",
         "larger than 1 MiB"),
        ("NULL queue", "SELECT queue.enqueue('noop', '{}', queue => NULL)", "22004", "queue must not be NULL"),
        ("blank queue", "SELECT queue.enqueue('noop', '{}', queue => ' ')", "22023", "queue must be 1-64"),
        ("NULL run_at", "SELECT queue.enqueue('noop', '{}', run_at => NULL)", "22004", "run_at must not be NULL"),
        ("negative priority", "SELECT queue.enqueue('noop', '{}', priority => -1)", "22023", "priority must be between"),
        ("priority above 100", "SELECT queue.enqueue('noop', '{}', priority => 101)", "22023", "got 101"),
        ("NULL priority", "SELECT queue.enqueue('noop', '{}', priority => NULL)", "22023", "got NULL"),
        ("zero max_attempts", "SELECT queue.enqueue('noop', '{}', max_attempts => 0)", "22023",
         "max_attempts must be at least 1"),
        ("negative max_attempts", "SELECT queue.enqueue('noop', '{}', max_attempts => -5)", "22023", "got -5"),
        ("empty job_key", "SELECT queue.enqueue('noop', '{}', job_key => '')", "22023", "job_key must be NULL or 1-255"),
        ("run_at -infinity", "SELECT queue.enqueue('noop', '{}', run_at => '-infinity')", "22023",
         "run_at must be a finite time from 1970-01-01 to 9999-12-31"),
        ("run_at infinity", "SELECT queue.enqueue('noop', '{}', run_at => 'infinity')", "22023",
         "to park a job, give a far-future time"),
        ("run_at BC", "SELECT queue.enqueue('noop', '{}', run_at => '0044-03-15 BC')", "22023", "run_at must be"),
        ("run_at before 1970", "SELECT queue.enqueue('noop', '{}', run_at => '1969-12-31 23:59:59+00')", "22023",
         "run_at must be"),
        ("run_at after 9999", "SELECT queue.enqueue('noop', '{}', run_at => '10000-01-01 00:00:00+00')", "22023",
         "run_at must be"),
    ]

    @Test("invalid arguments raise a clear error and add nothing", arguments: invalidCalls)
    func invalidArguments(call: (label: String, sql: String, sqlState: String, message: String)) throws {
        let (error, jobs) = try QueueTestKit.refusal(of: call.sql)
        let refused = try #require(error, "\(call.label): queue.enqueue accepted it")
        #expect(refused.sqlState == call.sqlState, "\(call.label)")
        #expect(refused.message.contains(call.message), "\(call.label): \(refused.message)")
        #expect(jobs == 0)
    }

    @Test("the Swift Enqueuer surfaces the same validation errors")
    func enqueuerValidation() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        #expect {
            try Enqueuer.enqueue(NoopJob.kind, NoopJob.Payload(), options: EnqueueOptions(maxAttempts: -1), on: connection)
        } throws: { error in
            (error as? PostgresError)?.sqlState == "22023"
        }
        #expect {
            try Enqueuer.enqueue(JobRequest(kindName: "noop", payloadJSON: Data("{not json".utf8)), on: connection)
        } throws: { error in
            (error as? PostgresError)?.sqlState == "22P02"
        }
        #expect(try QueueTestKit.scalar("SELECT count(*) FROM queue.job", as: Int.self, on: connection) == 0)
    }

    @Test("enqueue stores kind, payload and options as given")
    func enqueueStoresOptions() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        try QueueTestKit.registerKinds([QueueTestKit.record.name], on: connection)
        let runAt = Date(timeIntervalSinceNow: 3_600)
        let options = EnqueueOptions(queue: "reports", runAt: runAt, priority: 7, maxAttempts: 3, jobKey: "k-1")
        let id = try Enqueuer.enqueue(QueueTestKit.record, .init(n: 41), options: options, on: connection)
        let row = try #require(try connection.execute(
            """
            SELECT kind, queue, payload->>'n' AS n, state, priority, max_attempts, job_key, attempt,
                   abs(extract(epoch FROM run_at) - $2::double precision) < 0.01 AS run_at_matches
            FROM queue.job WHERE id = $1
            """, [id, runAt.timeIntervalSince1970], name: "test.read_job").rows.first)
        #expect(try row.decode("kind", as: String.self) == "test.record")
        #expect(try row.decode("queue", as: String.self) == "reports")
        #expect(try row.decode("n", as: String.self) == "41")
        #expect(try row.decode("state", as: String.self) == "available")
        #expect(try row.decode("priority", as: Int.self) == 7)
        #expect(try row.decode("max_attempts", as: Int.self) == 3)
        #expect(try row.decode("job_key", as: String?.self) == "k-1")
        #expect(try row.decode("attempt", as: Int.self) == 0)
        #expect(try row.decode("run_at_matches", as: Bool.self))
    }

    @Test("enqueueMany adds every job in one statement and returns ids in request order")
    func enqueueMany() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        try QueueTestKit.registerKinds([QueueTestKit.record.name], on: connection)
        let requests = try (1...50).map { n in
            try JobRequest(QueueTestKit.record, .init(n: n), options: EnqueueOptions(priority: n % 3))
        }
        let ids = try Enqueuer.enqueueMany(requests, on: connection)
        #expect(ids.count == 50)
        #expect(Set(ids).count == 50)
        for (n, id) in zip(1...50, ids) {
            let stored = try QueueTestKit.scalar(
                "SELECT (payload->>'n')::integer FROM queue.job WHERE id = $1", [id], as: Int.self, on: connection)
            #expect(stored == n)
        }
        #expect(try Enqueuer.enqueueMany([], on: connection).isEmpty)
    }

    @Test("a job_key returns the pending job's id, and a new job once that one has finished")
    func jobKeyDedupe() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        let first = try QueueTestKit.scalar(
            "SELECT queue.enqueue('noop', '{}', job_key => 'annual-2025')", as: Int64.self, on: connection)
        let again = try Enqueuer.enqueue(
            NoopJob.kind, NoopJob.Payload(), options: EnqueueOptions(jobKey: "annual-2025"), on: connection)
        #expect(again == first)
        let other = try Enqueuer.enqueue(
            NoopJob.kind, NoopJob.Payload(), options: EnqueueOptions(jobKey: "annual-2026"), on: connection)
        #expect(other != first)
        #expect(try QueueTestKit.scalar("SELECT count(*) FROM queue.job", as: Int.self, on: connection) == 2)

        try connection.execute(
            "UPDATE queue.job SET state = 'completed', finished_at = now() WHERE id = $1", [first],
            name: "test.finish")
        let after = try Enqueuer.enqueue(
            NoopJob.kind, NoopJob.Payload(), options: EnqueueOptions(jobKey: "annual-2025"), on: connection)
        #expect(after != first)
    }

    @Test("a job_key is deduplicated per kind: a job of another kind cannot squat an internal key")
    func jobKeyIsPerKind() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        let squat = try QueueTestKit.scalar(
            "SELECT queue.enqueue('noop', '{}', run_at => '9999-12-31', job_key => 'succession_planning:run:2')",
            as: Int64.self, on: connection)
        let planning = try QueueTestKit.scalar("""
            SELECT queue.enqueue('succession_planning', '{"period_id": 1}', job_key => 'succession_planning:run:2')
            """, as: Int64.self, on: connection)
        #expect(planning != squat, "a noop job must not absorb the succession planning's key")
        let again = try QueueTestKit.scalar("""
            SELECT queue.enqueue('succession_planning', '{"period_id": 1}', job_key => 'succession_planning:run:2')
            """, as: Int64.self, on: connection)
        #expect(again == planning, "the same kind and key still deduplicate")
        let kinds = try connection.execute(
            "SELECT kind, run_at < '9999-01-01' AS due FROM queue.job ORDER BY id", name: "test.kinds").rows
            .map { "\(try $0.decode("kind", as: String.self))|\(try $0.decode("due", as: Bool.self))" }
        #expect(kinds == ["noop|false", "succession_planning|true"])

        // queue.retry still refuses to revive a job whose kind and key are pending again.
        try connection.execute("SELECT queue.cancel($1)", [planning], name: "test.cancel")
        let next = try QueueTestKit.scalar("""
            SELECT queue.enqueue('succession_planning', '{"period_id": 1}', job_key => 'succession_planning:run:2')
            """, as: Int64.self, on: connection)
        #expect(next != planning)
        #expect {
            try connection.execute("SELECT queue.retry($1)", [planning], name: "test.retry")
        } throws: { error in
            (error as? PostgresError)?.sqlState == "23505"
        }
    }

    @Test("a run_at outside 1970 … 9999 is refused by the table too, and a far-future parked job is fine")
    func runAtRangeConstraint() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        let parked = try QueueTestKit.scalar(
            "SELECT queue.enqueue('noop', '{}', run_at => '9999-12-31')", as: Int64.self, on: connection)
        #expect(parked > 0)
        #expect {
            try connection.execute("UPDATE queue.job SET run_at = '-infinity' WHERE id = $1", [parked],
                                   name: "test.bad_run_at")
        } throws: { error in
            (error as? PostgresError)?.sqlState == "23514"
        }
        let status = try QueueTestKit.scalar(
            "SELECT count(*) FROM queue.queue_status", as: Int.self, on: connection)
        #expect(status >= 1)
    }

    @Test("concurrent enqueues of one job_key: a rolled-back one leaves the key free, a committed one is returned")
    func jobKeyUnderConcurrentTransactions() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        for outcome in ["rollback", "commit"] {
            let key = "key-\(outcome)"
            let holder = try database.connect()
            let waiter = try database.connect()
            defer { holder.close(); waiter.close() }
            try holder.executeScript("BEGIN", name: "test.begin")
            let held = try QueueTestKit.scalar(
                "SELECT queue.enqueue('noop', '{}', job_key => $1)", [key], as: Int64.self, on: holder)
            let waited = Locked<Int64?>(nil)
            let thread = Thread {
                let id = try? QueueTestKit.scalar(
                    "SELECT queue.enqueue('noop', '{}', job_key => $1)", [key], as: Int64.self, on: waiter)
                waited.withLock { $0 = id }
            }
            thread.start()
            Thread.sleep(forTimeInterval: 0.3)
            #expect(waited.withLock { $0 } == nil, "the second enqueue must wait for the first transaction")
            try holder.executeScript(outcome == "commit" ? "COMMIT" : "ROLLBACK", name: "test.end")
            #expect(QueueTestKit.waitFor(timeout: 60) { waited.withLock { $0 } != nil })
            let second = try #require(waited.withLock { $0 })
            if outcome == "commit" {
                #expect(second == held)
            } else {
                #expect(second != held)
            }
            let count = try QueueTestKit.scalar(
                "SELECT count(*) FROM queue.job WHERE job_key = $1", [key], as: Int.self, on: holder)
            #expect(count == 1)
        }
    }

    @Test("enqueue notifies talenta_jobs with the queue name when the job is due now")
    func enqueueNotifies() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let listener = try database.connect()
        let producer = try database.connect()
        defer { listener.close(); producer.close() }
        try listener.listen(JobNotifications.channel)
        try Enqueuer.enqueue(NoopJob.kind, NoopJob.Payload(), options: EnqueueOptions(queue: "reports"), on: producer)
        let notifications = try listener.waitForNotifications(timeout: 5)
        #expect(notifications.map(\.payload) == ["reports"])
        #expect(notifications.allSatisfy { $0.channel == JobNotifications.channel })
        try Enqueuer.enqueue(
            NoopJob.kind, NoopJob.Payload(), options: EnqueueOptions(runAt: Date(timeIntervalSinceNow: 600)),
            on: producer)
        #expect(try listener.waitForNotifications(timeout: 0.3).isEmpty)
    }
}
