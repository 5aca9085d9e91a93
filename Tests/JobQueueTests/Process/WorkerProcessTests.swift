import Foundation
import JobQueue
import Postgres
import PostgresTestSupport
import TestThreads
import Testing

@Suite("talenta worker, migrate and enqueue as processes", .ownThread)
struct WorkerProcessTests {
    @Test("two worker processes draining one queue never run a job twice")
    func twoProcessesNeverRunAJobTwice() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        // Test-only audit: every claim (a move to running) and every completion, as the database saw them.
        try connection.executeScript(
            """
            CREATE TABLE test_audit (job_id bigint NOT NULL, state text NOT NULL, worker text NOT NULL);
            CREATE FUNCTION test_audit() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO test_audit VALUES (NEW.id, NEW.state, NEW.locked_by);
                RETURN NEW;
            END $$;
            CREATE TRIGGER test_audit AFTER UPDATE OF state ON queue.job FOR EACH ROW
                WHEN (NEW.state IN ('running', 'completed')) EXECUTE FUNCTION test_audit();
            """, name: "test.audit")
        try connection.execute(
            "SELECT queue.enqueue('noop', jsonb_build_object('n', g)) FROM generate_series(1, 2000) AS g",
            name: "test.enqueue_2000")

        let arguments = [
            "worker", "--database-url", database.url, "--concurrency", "4", "--exit-when-idle",
            "--poll-interval", "0.05", "--log-level", "warning",
        ]
        let workers = try [TalentaProcess(arguments), TalentaProcess(arguments)]
        let statuses = workers.map { $0.wait(timeout: 120) }
        for worker in workers {
            #expect(statuses.allSatisfy { $0 == 0 }, "stderr: \(worker.standardError)")
        }

        let summary = try #require(try connection.execute(
            """
            SELECT (SELECT count(*) FROM queue.job WHERE state = 'completed' AND attempt = 1) AS completed,
                   (SELECT count(*) FROM test_audit WHERE state = 'running') AS claims,
                   (SELECT count(DISTINCT job_id) FROM test_audit WHERE state = 'running') AS claimed_jobs,
                   (SELECT count(*) FROM test_audit WHERE state = 'completed') AS completions,
                   (SELECT count(DISTINCT job_id) FROM test_audit WHERE state = 'completed') AS completed_jobs,
                   (SELECT count(DISTINCT worker) FROM test_audit) AS workers,
                   (SELECT count(*) FROM test_audit c JOIN test_audit r ON r.job_id = c.job_id
                        WHERE c.state = 'completed' AND r.state = 'running' AND r.worker <> c.worker) AS crossed
            """, name: "test.audit_summary").rows.first)
        #expect(try summary.decode("completed", as: Int.self) == 2_000)
        #expect(try summary.decode("claims", as: Int.self) == 2_000)
        #expect(try summary.decode("claimed_jobs", as: Int.self) == 2_000)
        #expect(try summary.decode("completions", as: Int.self) == 2_000)
        #expect(try summary.decode("completed_jobs", as: Int.self) == 2_000)
        #expect(try summary.decode("workers", as: Int.self) == 2, "both processes must have taken jobs")
        #expect(try summary.decode("crossed", as: Int.self) == 0)
    }

    @Test("SIGTERM stops an idle worker gracefully with exit status 0")
    func sigtermExitsZero() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        try connection.execute(
            "SELECT queue.enqueue('noop', '{}') FROM generate_series(1, 5)", name: "test.enqueue")
        let worker = try TalentaProcess([
            "worker", "--database-url", database.url, "--concurrency", "2", "--poll-interval", "0.05",
        ])
        let drained = try QueueTestKit.waitFor(timeout: 60) {
            try QueueTestKit.scalar(
                "SELECT count(*) FROM queue.job WHERE state = 'completed'", as: Int.self, on: connection) == 5
        }
        #expect(drained)
        worker.signal(SIGTERM)
        let status = worker.wait(timeout: 30)
        #expect(status == 0, "stderr: \(worker.standardError)")
        #expect(worker.standardError.contains("stopping gracefully"))
    }

    @Test("talenta migrate applies sql/ once; talenta enqueue prints the new job's id")
    func migrateAndEnqueue() throws {
        let database = try TestDatabase.create(migrated: false)
        defer { database.drop() }
        let sqlDir = TestDatabase.repositoryRoot.appendingPathComponent("sql").path
        let first = try TalentaProcess(["migrate", "--database-url", database.url, "--sql-dir", sqlDir])
        #expect(first.wait(timeout: 60) == 0, "stderr: \(first.standardError)")
        #expect(first.standardOutput.contains("0001_queue.sql"))
        let second = try TalentaProcess(["migrate", "--database-url", database.url, "--sql-dir", sqlDir])
        #expect(second.wait(timeout: 60) == 0)
        #expect(second.standardOutput.contains("applied 0 migration(s)"))

        let enqueue = try TalentaProcess([
            "enqueue", "noop", "--database-url", database.url, "--payload", "{\"a\": 1}", "--priority", "3",
            "--job-key", "health",
        ])
        #expect(enqueue.wait(timeout: 60) == 0, "stderr: \(enqueue.standardError)")
        let id = try #require(Int64(enqueue.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)))
        let connection = try database.connect()
        defer { connection.close() }
        let row = try #require(try connection.execute(
            "SELECT kind, priority, payload->>'a' AS a, job_key FROM queue.job WHERE id = $1", [id],
            name: "test.read_job").rows.first)
        #expect(try row.decode("kind", as: String.self) == "noop")
        #expect(try row.decode("priority", as: Int.self) == 3)
        #expect(try row.decode("a", as: String.self) == "1")
        #expect(try row.decode("job_key", as: String?.self) == "health")

        let invalid = try TalentaProcess([
            "enqueue", "noop", "--database-url", database.url, "--max-attempts", "0",
        ])
        #expect(invalid.wait(timeout: 60) == 1)
        #expect(invalid.standardError.contains("max_attempts must be at least 1"))
    }
}
