import Foundation
import JobQueue
import Postgres
import PostgresTestSupport
import TestThreads
import Testing

/// Bad input of every sort, each of which must get a clear error (from the SQL function, or on the job row), while a
/// running worker keeps completing the good jobs enqueued between them.
@Suite("A corpus of bad inputs: clear errors, and the worker keeps serving", .ownThread)
struct BadInputCorpusTests {
    /// A payload type with several field types.
    struct Typed: Codable, Sendable {
        let n: Int
        let name: String
        let when: Date
        let flags: [Bool]
    }

    static let typed = JobKind<Typed>("test.typed")

    /// A call the SQL API must refuse: label, statement, SQLSTATE, a fragment of the message.
    struct Refused: Sendable, CustomStringConvertible {
        let label: String
        let sql: String
        let sqlState: String
        let message: String
        var description: String { label }
    }

    /// Jobs the SQL API accepts but the worker must discard with a clear error: label, kind, payload (JSON text),
    /// error kind, a fragment of the stored error.
    struct Discarded: Sendable, CustomStringConvertible {
        let label: String
        let kind: String
        let payload: String
        let errorKind: String
        let message: String
        var description: String { label }
    }

    static let refused: [Refused] = [
        Refused(label: "NULL kind", sql: "SELECT queue.enqueue(NULL, '{}')", sqlState: "22004", message: "kind must not be NULL"),
        Refused(label: "empty kind", sql: "SELECT queue.enqueue('', '{}')", sqlState: "22023", message: "kind must be 1-128"),
        Refused(label: "kind with a space", sql: "SELECT queue.enqueue('two words', '{}')", sqlState: "22023", message: "kind must be"),
        Refused(label: "kind with SQL", sql: "SELECT queue.enqueue('x''; DROP TABLE queue.job; --', '{}')", sqlState: "22023", message: "kind must be"),
        Refused(label: "kind in Greek", sql: "SELECT queue.enqueue('καλά', '{}')", sqlState: "22023", message: "kind must be"),
        Refused(label: "kind of 129 characters", sql: "SELECT queue.enqueue(repeat('k', 129), '{}')", sqlState: "22023", message: "kind must be 1-128"),
        Refused(label: "unknown kind", sql: "SELECT queue.enqueue('test.nope', '{}')", sqlState: "22023", message: "queue.enqueue: unknown job kind 'test.nope': no migration or worker has registered it; known kinds: annual_review, assessment, noop, prune, recalculation, succession_planning, test.elsewhere, test.typed"),
        Refused(label: "unknown kind that looks like SQL", sql: "SELECT queue.enqueue('select:1-from-queue.job', '{}')", sqlState: "22023", message: "unknown job kind 'select:1-from-queue.job'"),
        Refused(label: "kind differing only in case", sql: "SELECT queue.enqueue('Test.Typed', '{}')", sqlState: "22023", message: "unknown job kind 'Test.Typed'"),
        Refused(label: "typo of a built-in kind", sql: "SELECT queue.enqueue('anual_review', '{\"year\": 2026}')", sqlState: "22023", message: "unknown job kind 'anual_review'"),
        Refused(label: "unknown kind in bulk", sql: "SELECT queue.enqueue_many('test.nope', ARRAY['{}']::jsonb[])", sqlState: "22023", message: "queue.enqueue_many: unknown job kind 'test.nope'"),
        Refused(label: "NULL payload", sql: "SELECT queue.enqueue('noop', NULL)", sqlState: "22004", message: "payload must not be NULL"),
        Refused(label: "unterminated JSON", sql: "SELECT queue.enqueue('noop', '{\"n\": 1')", sqlState: "22P02", message: "invalid input syntax for type json"),
        Refused(label: "JSON with trailing text", sql: "SELECT queue.enqueue('noop', '{\"n\": 1} x')", sqlState: "22P02", message: "type json"),
        Refused(label: "JSON NaN", sql: "SELECT queue.enqueue('noop', '{\"n\": NaN}')", sqlState: "22P02", message: "type json"),
        Refused(label: "JSON with single quotes", sql: "SELECT queue.enqueue('noop', '{''n'': 1}')", sqlState: "22P02", message: "type json"),
        Refused(label: "JSON lone surrogate", sql: "SELECT queue.enqueue('noop', '{\"s\": \"\\ud800\"}')", sqlState: "22P02", message: "type json"),
        Refused(label: "JSON NUL escape", sql: "SELECT queue.enqueue('noop', '{\"s\": \"\\u0000\"}')", sqlState: "22P05", message: "unsupported Unicode escape"),
        Refused(label: "plain text payload", sql: "SELECT queue.enqueue('noop', 'plain text')", sqlState: "22P02", message: "type json"),
        Refused(label: "payload over 1 MiB", sql: "SELECT queue.enqueue('noop', jsonb_build_object('x', repeat('a', 1048577)))", sqlState: "54000", message: "larger than 1 MiB"),
        Refused(label: "payload nested 100,000 deep", sql: "SELECT queue.enqueue('noop', ('{\"a\":' || repeat('[', 100000) || repeat(']', 100000) || '}')::jsonb)", sqlState: "54001", message: "stack depth"),
        Refused(label: "NULL queue", sql: "SELECT queue.enqueue('noop', '{}', queue => NULL)", sqlState: "22004", message: "queue must not be NULL"),
        Refused(label: "blank queue", sql: "SELECT queue.enqueue('noop', '{}', queue => ' ')", sqlState: "22023", message: "queue must be 1-64"),
        Refused(label: "queue with SQL", sql: "SELECT queue.enqueue('noop', '{}', queue => 'default''; DELETE FROM queue.job; --')", sqlState: "22023", message: "queue must be"),
        Refused(label: "queue of 65 characters", sql: "SELECT queue.enqueue('noop', '{}', queue => repeat('q', 65))", sqlState: "22023", message: "queue must be 1-64"),
        Refused(label: "NULL run_at", sql: "SELECT queue.enqueue('noop', '{}', run_at => NULL)", sqlState: "22004", message: "run_at must not be NULL"),
        Refused(label: "run_at not a date", sql: "SELECT queue.enqueue('noop', '{}', run_at => 'not a date')", sqlState: "22007", message: "timestamp with time zone"),
        Refused(label: "NULL priority", sql: "SELECT queue.enqueue('noop', '{}', priority => NULL)", sqlState: "22023", message: "got NULL"),
        Refused(label: "priority -1", sql: "SELECT queue.enqueue('noop', '{}', priority => -1)", sqlState: "22023", message: "priority must be between 0"),
        Refused(label: "priority at integer minimum", sql: "SELECT queue.enqueue('noop', '{}', priority => -2147483648)", sqlState: "22023", message: "got -2147483648"),
        Refused(label: "priority 101", sql: "SELECT queue.enqueue('noop', '{}', priority => 101)", sqlState: "22023", message: "got 101"),
        Refused(label: "priority as text", sql: "SELECT queue.enqueue('noop', '{}', priority => 'high')", sqlState: "22P02", message: "type integer"),
        Refused(label: "priority as a fraction", sql: "SELECT queue.enqueue('noop', '{}', priority => 1.5)", sqlState: "42883", message: "does not exist"),
        Refused(label: "zero max_attempts", sql: "SELECT queue.enqueue('noop', '{}', max_attempts => 0)", sqlState: "22023", message: "max_attempts must be at least 1"),
        Refused(label: "negative max_attempts", sql: "SELECT queue.enqueue('noop', '{}', max_attempts => -5)", sqlState: "22023", message: "got -5"),
        Refused(label: "NULL max_attempts", sql: "SELECT queue.enqueue('noop', '{}', max_attempts => NULL)", sqlState: "22023", message: "got NULL"),
        Refused(label: "max_attempts as text", sql: "SELECT queue.enqueue('noop', '{}', max_attempts => 'many')", sqlState: "22P02", message: "type integer"),
        Refused(label: "empty job_key", sql: "SELECT queue.enqueue('noop', '{}', job_key => '')", sqlState: "22023", message: "job_key must be NULL or 1-255"),
        Refused(label: "job_key of 256 characters", sql: "SELECT queue.enqueue('noop', '{}', job_key => repeat('k', 256))", sqlState: "22023", message: "job_key must be NULL or 1-255"),
        Refused(label: "cancel NULL", sql: "SELECT queue.cancel(NULL)", sqlState: "22004", message: "job_id must not be NULL"),
        Refused(label: "cancel an unknown id", sql: "SELECT queue.cancel(-1)", sqlState: "P0002", message: "no job with id -1"),
        Refused(label: "cancel a text id", sql: "SELECT queue.cancel('abc')", sqlState: "22P02", message: "type bigint"),
        Refused(label: "retry NULL", sql: "SELECT queue.retry(NULL)", sqlState: "22004", message: "job_id must not be NULL"),
        Refused(label: "retry an unknown id", sql: "SELECT queue.retry(987654321)", sqlState: "P0002", message: "no job with id 987654321"),
        Refused(label: "pause NULL", sql: "SELECT queue.pause(NULL)", sqlState: "22004", message: "queue_name must not be NULL"),
        Refused(label: "pause a malformed name", sql: "SELECT queue.pause('bad queue!')", sqlState: "22023", message: "queue_name must be 1-64"),
        Refused(label: "pause with SQL", sql: "SELECT queue.pause('x''; DROP TABLE queue.queue; --')", sqlState: "22023", message: "queue_name must be"),
        Refused(label: "resume an empty name", sql: "SELECT queue.resume('')", sqlState: "22023", message: "queue_name must be 1-64"),
        Refused(label: "prune NULL retention", sql: "SELECT queue.prune(NULL)", sqlState: "22004", message: "must not be NULL"),
        Refused(label: "prune negative retention", sql: "SELECT queue.prune(interval '-1 day')", sqlState: "22023", message: "must not be negative"),
        Refused(label: "prune unparseable retention", sql: "SELECT queue.prune('forever')", sqlState: "22007", message: "type interval"),
        Refused(label: "prune batch 0", sql: "SELECT queue.prune(batch_size => 0)", sqlState: "22023", message: "batch_size must be between 1 and 10000"),
        Refused(label: "prune batch one million", sql: "SELECT queue.prune(batch_size => 1000000)", sqlState: "22023", message: "got 1000000"),
        Refused(label: "rescue batch 0", sql: "SELECT * FROM queue.rescue_expired_leases(0)", sqlState: "22023", message: "batch_size must be between 1 and 100000"),
        Refused(label: "rescue batch NULL", sql: "SELECT * FROM queue.rescue_expired_leases(NULL)", sqlState: "22023", message: "got NULL"),
    ]

    static let discarded: [Discarded] = [
        Discarded(label: "n as a string", kind: "test.typed", payload: #"{"n": "seven", "name": "a", "when": "2025-01-01T00:00:00Z", "flags": []}"#, errorKind: "undecodable_payload", message: "expected Int at n"),
        Discarded(label: "n as a fraction", kind: "test.typed", payload: #"{"n": 1.5, "name": "a", "when": "2025-01-01T00:00:00Z", "flags": []}"#, errorKind: "undecodable_payload", message: "a value does not fit its type (a number that is not a whole number"),
        Discarded(label: "n beyond Int64", kind: "test.typed", payload: #"{"n": 99999999999999999999, "name": "a", "when": "2025-01-01T00:00:00Z", "flags": []}"#, errorKind: "undecodable_payload", message: "does not decode as Typed: a value does not fit its type"),
        Discarded(label: "n too large", kind: "test.typed", payload: #"{"n": 1e30, "name": "a", "when": "2025-01-01T00:00:00Z", "flags": []}"#, errorKind: "undecodable_payload", message: "does not decode as Typed"),
        Discarded(label: "n null", kind: "test.typed", payload: #"{"n": null, "name": "a", "when": "2025-01-01T00:00:00Z", "flags": []}"#, errorKind: "undecodable_payload", message: "at n"),
        Discarded(label: "n missing", kind: "test.typed", payload: #"{"name": "a", "when": "2025-01-01T00:00:00Z", "flags": []}"#, errorKind: "undecodable_payload", message: "missing key 'n'"),
        Discarded(label: "name as a number", kind: "test.typed", payload: #"{"n": 1, "name": 5, "when": "2025-01-01T00:00:00Z", "flags": []}"#, errorKind: "undecodable_payload", message: "expected String at name"),
        Discarded(label: "name null", kind: "test.typed", payload: #"{"n": 1, "name": null, "when": "2025-01-01T00:00:00Z", "flags": []}"#, errorKind: "undecodable_payload", message: "at name"),
        Discarded(label: "when not a date", kind: "test.typed", payload: #"{"n": 1, "name": "a", "when": "yesterday", "flags": []}"#, errorKind: "undecodable_payload", message: "ISO8601"),
        Discarded(label: "when as a number", kind: "test.typed", payload: #"{"n": 1, "name": "a", "when": 1735689600, "flags": []}"#, errorKind: "undecodable_payload", message: "at when"),
        Discarded(label: "flags not an array", kind: "test.typed", payload: #"{"n": 1, "name": "a", "when": "2025-01-01T00:00:00Z", "flags": true}"#, errorKind: "undecodable_payload", message: "at flags"),
        Discarded(label: "flags holding a string", kind: "test.typed", payload: #"{"n": 1, "name": "a", "when": "2025-01-01T00:00:00Z", "flags": [true, "no"]}"#, errorKind: "undecodable_payload", message: "flags[1]"),
        Discarded(label: "top-level array", kind: "test.typed", payload: "[1, 2, 3]", errorKind: "undecodable_payload", message: "the top level"),
        Discarded(label: "top-level string", kind: "test.typed", payload: #""just text""#, errorKind: "undecodable_payload", message: "the top level"),
        Discarded(label: "top-level number", kind: "test.typed", payload: "42", errorKind: "undecodable_payload", message: "the top level"),
        Discarded(label: "JSON null payload", kind: "test.typed", payload: "null", errorKind: "undecodable_payload", message: "the top level"),
        Discarded(label: "empty object", kind: "test.typed", payload: "{}", errorKind: "undecodable_payload", message: "missing key"),
        Discarded(label: "nested 1,000 deep", kind: "test.typed", payload: #"{"n": "# + String(repeating: "[", count: 1_000) + String(repeating: "]", count: 1_000) + "}", errorKind: "undecodable_payload", message: "test.typed"),
        Discarded(label: "a kind registered by another worker, not by this one", kind: "test.elsewhere", payload: "{}", errorKind: "unknown_kind", message: "unknown job kind 'test.elsewhere'"),
    ]

    @Test("every bad input gets a clear error while the worker keeps completing good jobs")
    func corpus() throws {
        #expect(Self.refused.count + Self.discarded.count >= 50)
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        try connection.executeScript(
            "CREATE TABLE test_typed (job_id bigint PRIMARY KEY, n integer NOT NULL, name text NOT NULL)",
            name: "test.typed_table")
        try QueueTestKit.registerKinds([Self.typed.name, "test.elsewhere"], on: connection)
        var registry = JobRegistry()
        registry.register(Self.typed) { payload, context in
            try context.connection.execute(
                "INSERT INTO test_typed (job_id, n, name) VALUES ($1, $2, $3)", [context.job.id, payload.n, payload.name],
                name: "test.typed_insert")
        }
        NoopJob.register(into: &registry)
        let pool = try QueueTestKit.startPool(
            database, registry: registry, configuration: QueueTestKit.configuration(exitWhenIdle: false))
        defer { QueueTestKit.stop(pool) }

        var good = 0
        func enqueueGood(name: String = "fine") throws {
            good += 1
            let payload = #"{"n": \#(good), "name": "\#(name)", "when": "2025-01-01T00:00:00Z", "flags": [true]}"#
            try Enqueuer.enqueue(JobRequest(kindName: Self.typed.name, payloadJSON: Data(payload.utf8)), on: connection)
        }

        for call in Self.refused {
            do {
                try connection.execute(call.sql, name: "test.refused")
                Issue.record("\(call.label): accepted")
            } catch {
                #expect(error.sqlState == call.sqlState, "\(call.label): \(error.debugDescription)")
                #expect(error.message.contains(call.message), "\(call.label): \(error.message)")
            }
            try enqueueGood()
        }

        var ids = [(Discarded, Int64)]()
        for job in Self.discarded {
            let id = try Enqueuer.enqueue(
                JobRequest(kindName: job.kind, payloadJSON: Data(job.payload.utf8)), on: connection)
            ids.append((job, id))
            try enqueueGood()
        }
        // SQL text inside a string is only data: stored verbatim, nothing dropped.
        let sqlText = "Robert'); DROP TABLE test_typed; --"
        try enqueueGood(name: sqlText)

        let settled = try QueueTestKit.waitFor(timeout: 60) {
            try QueueTestKit.scalar(
                "SELECT count(*) FROM queue.job WHERE state IN ('completed', 'discarded')", as: Int.self,
                on: connection) == good + Self.discarded.count
        }
        #expect(settled)
        #expect(try QueueTestKit.scalar(
            "SELECT count(*) FROM queue.job", as: Int.self, on: connection) == good + Self.discarded.count,
            "no refused call may leave a job")

        for (job, id) in ids {
            let row = try QueueTestKit.row(
                "SELECT state, attempt, errors->0->>'kind' AS kind, last_error FROM queue.job WHERE id = $1", [id],
                on: connection)
            #expect(try row.decode("state", as: String.self) == "discarded", "\(job.label)")
            #expect(try row.decode("attempt", as: Int.self) == 1, "\(job.label): discarded at once")
            #expect(try row.decode("kind", as: String?.self) == job.errorKind, "\(job.label)")
            let error = try row.decode("last_error", as: String?.self) ?? ""
            #expect(error.contains(job.message), "\(job.label): \(error)")
        }
        #expect(try QueueTestKit.scalar(
            "SELECT count(*) FROM queue.job WHERE kind = 'test.typed' AND state = 'completed'", as: Int.self,
            on: connection) == good)
        #expect(try QueueTestKit.scalar("SELECT count(*) FROM test_typed", as: Int.self, on: connection) == good)
        #expect(try QueueTestKit.scalar(
            "SELECT count(*) FROM test_typed WHERE name = $1", [sqlText], as: Int.self, on: connection) == 1)
    }
}
