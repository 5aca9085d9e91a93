import Foundation
import JobQueue
import Postgres
import PostgresTestSupport
import TestThreads
import Testing

@Suite("Enqueue many: queue.enqueue_many and the grouped Swift Enqueuer.enqueueMany", .ownThread)
struct EnqueueManyTests {
    /// Bad calls of queue.enqueue_many, the SQLSTATE and the message fragment each must produce.
    static let invalidCalls: [(label: String, sql: String, sqlState: String, message: String)] = [
        ("NULL payloads", "SELECT queue.enqueue_many('noop', NULL)", "22004", "payloads must not be NULL"),
        ("NULL element", "SELECT queue.enqueue_many('noop', ARRAY['{}', NULL, '{}']::jsonb[])", "22004",
         "payload 2 of 3 must not be NULL"),
        ("element over 1 MiB",
         "SELECT queue.enqueue_many('noop', ARRAY['{}', jsonb_build_object('x', repeat('a', 1048577))])", "54000",
         "payload 2 of 2 is larger than 1 MiB"),
        ("empty job key", "SELECT queue.enqueue_many('noop', ARRAY['{}', '{}']::jsonb[], job_keys => ARRAY['a', ''])",
         "22023", "job_key 2 of 2 must be NULL or 1-255"),
        ("fewer keys than payloads",
         "SELECT queue.enqueue_many('noop', ARRAY['{}', '{}']::jsonb[], job_keys => ARRAY['a'])", "22023",
         "one element per payload (2 payloads, 1 job keys)"),
        ("bad kind", "SELECT queue.enqueue_many('no op', ARRAY['{}']::jsonb[])", "22023", "kind must be 1-128"),
        ("priority above 100", "SELECT queue.enqueue_many('noop', ARRAY['{}']::jsonb[], priority => 101)", "22023",
         "got 101"),
        ("run_at infinity", "SELECT queue.enqueue_many('noop', ARRAY['{}']::jsonb[], run_at => 'infinity')", "22023",
         "run_at must be a finite time"),
    ]

    @Test("an invalid call names the offending element and adds nothing", arguments: invalidCalls)
    func invalidCall(call: (label: String, sql: String, sqlState: String, message: String)) throws {
        let (error, jobs) = try QueueTestKit.refusal(of: call.sql)
        let refused = try #require(error, "\(call.label): queue.enqueue_many accepted it")
        #expect(refused.sqlState == call.sqlState, "\(call.label)")
        #expect(refused.message.hasPrefix("queue.enqueue_many: "), "\(call.label): \(refused.message)")
        #expect(refused.message.contains(call.message), "\(call.label): \(refused.message)")
        #expect(jobs == 0)
    }

    @Test("queue.enqueue keeps its own name in errors now that it shares the body")
    func singleEnqueueMessages() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        #expect {
            try connection.execute("SELECT queue.enqueue('noop', NULL)", name: "test.enqueue_null")
        } throws: { error in
            (error as? PostgresError)?.message.hasPrefix("queue.enqueue: payload must not be NULL") == true
        }
    }

    @Test("jobs are added in payload order with the options given, ids returned in that order")
    func addsInOrder() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        try QueueTestKit.registerKinds(["record"], on: connection)
        let ids = try connection.execute("""
            SELECT queue.enqueue_many('record', array_agg(jsonb_build_object('n', n) ORDER BY n),
                                      queue => 'bulk', priority => 7, max_attempts => 3) AS ids
            FROM generate_series(1, 500) AS n
            """, name: "test.enqueue_many").rows[0].decode("ids", as: [Int64].self)
        #expect(ids.count == 500)
        #expect(Set(ids).count == 500)
        let stored = try connection.execute("""
            SELECT (j.payload->>'n')::integer AS n, j.queue, j.priority, j.max_attempts, j.state
            FROM unnest($1::bigint[]) WITH ORDINALITY AS i(id, ord) JOIN queue.job AS j ON j.id = i.id
            ORDER BY i.ord
            """, [ids], name: "test.stored").rows
        #expect(try stored.map { try $0.decode("n", as: Int.self) } == Array(1...500))
        #expect(try stored.allSatisfy {
            try $0.decode("queue", as: String.self) == "bulk" && $0.decode("priority", as: Int.self) == 7
                && $0.decode("max_attempts", as: Int.self) == 3 && $0.decode("state", as: String.self) == "available"
        })
        let empty = try connection.execute(
            "SELECT queue.enqueue_many('noop', '{}'::jsonb[]) AS ids", name: "test.empty").rows[0]
        #expect(try empty.decode("ids", as: [Int64].self).isEmpty)
    }

    @Test("job keys: a repeated key within the call and a pending job's key return one id; another kind's does not")
    func jobKeys() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        try QueueTestKit.registerKinds(["record"], on: connection)
        let pending = try QueueTestKit.scalar(
            "SELECT queue.enqueue('noop', '{}', job_key => 'k-pending')", as: Int64.self, on: connection)
        let otherKind = try QueueTestKit.scalar(
            "SELECT queue.enqueue('record', '{}', job_key => 'k-new')", as: Int64.self, on: connection)
        let ids = try connection.execute("""
            SELECT queue.enqueue_many('noop', ARRAY['{"i": 1}', '{"i": 2}', '{"i": 3}', '{"i": 4}']::jsonb[],
                                      job_keys => ARRAY['k-new', 'k-pending', NULL, 'k-new']) AS ids
            """, name: "test.enqueue_many_keys").rows[0].decode("ids", as: [Int64].self)
        #expect(ids.count == 4)
        #expect(ids[1] == pending, "a pending job's key returns its id")
        #expect(ids[3] == ids[0], "a key repeated within the call returns the first element's job")
        #expect(ids[0] != otherKind, "a job of another kind with the key is a different job")
        #expect(Set(ids).count == 3)
        #expect(try QueueTestKit.scalar("SELECT count(*) FROM queue.job", as: Int.self, on: connection) == 4)
        let firstPayload = try QueueTestKit.scalar(
            "SELECT payload->>'i' FROM queue.job WHERE id = $1", [ids[0]], as: String.self, on: connection)
        #expect(firstPayload == "1", "the first element with a key is the one stored")
    }

    @Test("one call wakes a listening worker with one notification per queue")
    func oneNotificationPerCall() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let listener = try database.connect()
        let producer = try database.connect()
        defer { listener.close(); producer.close() }
        try listener.listen(JobNotifications.channel)
        try producer.execute(
            "SELECT queue.enqueue_many('noop', array_fill('{}'::jsonb, ARRAY[200]), queue => 'bulk')",
            name: "test.enqueue_many_notify")
        var payloads: [String] = []
        while true {
            let batch = try listener.waitForNotifications(timeout: payloads.isEmpty ? 5 : 0.3)
            if batch.isEmpty { break }
            payloads += batch.map(\.payload)
        }
        #expect(payloads == ["bulk"])
    }

    @Test("Enqueuer.enqueueMany groups mixed kinds and options into one statement, ids in request order")
    func swiftGroups() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        try QueueTestKit.registerKinds([QueueTestKit.record.name], on: connection)
        let later = Date(timeIntervalSince1970: 4_102_444_800)  // 2100-01-01, parked
        let requests = try (1...30).map { n in
            switch n % 3 {
            case 0: try JobRequest(QueueTestKit.record, .init(n: n), options: EnqueueOptions(priority: 5))
            case 1: try JobRequest(QueueTestKit.record, .init(n: n), options: EnqueueOptions(queue: "other", runAt: later))
            default: try JobRequest(QueueTestKit.record, .init(n: n), options: EnqueueOptions(jobKey: "key-\(n % 4)"))
            }
        }
        let ids = try Enqueuer.enqueueMany(requests, on: connection)
        #expect(ids.count == 30)
        for (n, id) in zip(1...30, ids) {
            let row = try connection.execute("""
                SELECT (payload->>'n')::integer AS n, queue, priority, job_key,
                       run_at = to_timestamp(4102444800) AS parked
                FROM queue.job WHERE id = $1
                """, [id], name: "test.row").rows[0]
            switch n % 3 {
            case 0:
                #expect(try row.decode("n", as: Int.self) == n)
                #expect(try row.decode("priority", as: Int.self) == 5)
            case 1:
                #expect(try row.decode("n", as: Int.self) == n)
                #expect(try row.decode("queue", as: String.self) == "other")
                #expect(try row.decode("parked", as: Bool.self))
            default:
                // Keys repeat every 4: the first request with a key owns it, later ones get its id.
                let first = (1...30).first { $0 % 3 == 2 && $0 % 4 == n % 4 }!
                #expect(try row.decode("n", as: Int.self) == first)
                #expect(try row.decode("job_key", as: String?.self) == "key-\(n % 4)")
            }
        }
        #expect(try QueueTestKit.scalar("SELECT count(*) FROM queue.job", as: Int.self, on: connection) == 20 + 4)
    }
}
