import Foundation
import JobQueue
import Postgres
import PostgresTestSupport
import TestThreads
import Testing

@Suite("Claim: a claimed row that cannot be read back", .ownThread)
struct UnreadableRowTests {
    @Test("an unreadable claimed row is discarded with a readable reason and the rest of the batch is returned")
    func unreadableRowDoesNotStrandTheBatch() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        // A row written before sql/0012's range check (or by a writer bypassing it): drop the backstop to make one.
        try connection.execute("ALTER TABLE queue.job DROP CONSTRAINT IF EXISTS job_run_at_range", name: "test.drop_check")
        let good = try Enqueuer.enqueue(NoopJob.kind, NoopJob.Payload(), on: connection)
        let bad: Int64 = try #require(try connection.execute("""
            INSERT INTO queue.job (kind, payload, run_at) VALUES ('noop', '{}', '-infinity') RETURNING id
            """, name: "test.insert_bad").rows.first).decode("id")

        let claimed = try JobClaimer.claim(workerID: "test-worker", queue: "default", lease: 30, limit: 10,
                                           on: connection)
        #expect(claimed.map(\.id) == [good])
        let row = try #require(try connection.execute(
            "SELECT state, last_error, errors->0->>'kind' AS kind FROM queue.job WHERE id = $1", [bad],
            name: "test.bad_row").rows.first)
        #expect(try row.decode("state", as: String.self) == "discarded")
        let reason = try row.decode("last_error", as: String?.self) ?? ""
        #expect(reason.contains("cannot be read back"), "last_error: \(reason)")
        #expect(try row.decode("kind", as: String?.self) == "unreadable_row")
        let goodState = try QueueTestKit.scalar(
            "SELECT state FROM queue.job WHERE id = $1", [good], as: String.self, on: connection)
        #expect(goodState == "running")
    }
}
