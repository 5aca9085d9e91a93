import Foundation
import JobQueue
import Postgres
import PostgresTestSupport
import TestThreads
import Testing

@Suite("kill -9 of worker processes in the middle of 2,000 jobs", .ownThread)
struct KillTests {
    @Test("four worker processes killed at random and restarted: every job completes exactly once, no result twice")
    func randomKillsLoseNothingAndDoubleNothing() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        // The "handler's write": every completion of a noop job inserts a result row in the job's transaction and
        // takes ~30 ms, so kills land while jobs run. No unique constraint: a double write would show.
        try connection.executeScript(
            """
            CREATE TABLE test_result (job_id bigint NOT NULL, worker text NOT NULL);
            CREATE FUNCTION test_write_result() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_sleep(0.03);
                INSERT INTO test_result VALUES (NEW.id, NEW.locked_by);
                RETURN NEW;
            END $$;
            CREATE TRIGGER test_write_result BEFORE UPDATE OF state ON queue.job FOR EACH ROW
                WHEN (NEW.state = 'completed') EXECUTE FUNCTION test_write_result();
            """, name: "test.result_trigger")
        try connection.execute(
            "SELECT queue.enqueue('noop', jsonb_build_object('n', g)) FROM generate_series(1, 2000) AS g",
            name: "test.enqueue_2000")

        let arguments = [
            "worker", "--database-url", database.url, "--concurrency", "4", "--lease", "2", "--poll-interval", "0.1",
            "--log-level", "error",
        ]
        var workers = try (0..<4).map { _ in try TalentaProcess(arguments) }
        var kills = 0
        var generator = SystemRandomNumberGenerator()
        func completed() throws -> Int {
            try QueueTestKit.scalar(
                "SELECT count(*) FROM queue.job WHERE state = 'completed'", as: Int.self, on: connection)
        }
        let deadline = Date(timeIntervalSinceNow: 150)
        // A kill each time another 150 jobs have completed (so every kill lands mid-run whatever the machine's
        // speed), on a random worker, a little after a random pause.
        while try completed() < 2_000, Date() < deadline {
            Thread.sleep(forTimeInterval: Double.random(in: 0.05...0.15, using: &generator))
            guard kills < 8, try completed() >= 150 * (kills + 1) else { continue }
            let victim = Int.random(in: 0..<workers.count, using: &generator)
            workers[victim].signal(SIGKILL)
            _ = workers[victim].wait(timeout: 10)
            kills += 1
            workers[victim] = try TalentaProcess(arguments)
        }
        #expect(kills == 8, "the jobs finished before every kill landed")
        #expect(try completed() == 2_000)
        for worker in workers { worker.signal(SIGTERM) }
        for worker in workers {
            #expect(worker.wait(timeout: 60) == 0, "stderr: \(worker.standardError)")
        }

        let summary = try QueueTestKit.row(
            """
            SELECT (SELECT count(*) FROM test_result) AS results,
                   (SELECT count(DISTINCT job_id) FROM test_result) AS distinct_results,
                   (SELECT count(*) FROM queue.job WHERE state = 'completed') AS completed,
                   (SELECT count(*) FROM queue.job j JOIN test_result r ON r.job_id = j.id AND r.worker = j.locked_by)
                       AS matched,
                   (SELECT count(*) FROM queue.job WHERE errors @> '[{"kind": "lease_expired"}]') AS rescued,
                   (SELECT count(DISTINCT worker) FROM test_result) AS workers
            """, on: connection)
        #expect(try summary.decode("results", as: Int.self) == 2_000, "a result row was written twice or lost")
        #expect(try summary.decode("distinct_results", as: Int.self) == 2_000)
        #expect(try summary.decode("completed", as: Int.self) == 2_000)
        #expect(try summary.decode("matched", as: Int.self) == 2_000, "each result comes from the completing worker")
        #expect(try summary.decode("rescued", as: Int.self) > 0, "kills must have hit running jobs")
        #expect(try summary.decode("workers", as: Int.self) > 4, "killed and restarted workers completed jobs")
    }
}
