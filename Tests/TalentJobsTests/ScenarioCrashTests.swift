import Foundation
import Interchange
import Postgres
import PostgresTestSupport
import Talent
import TalentStore
import TestThreads
import Testing

/// A worker process killed with SIGKILL in the middle of a scenario's batches: its lease expires, another worker
/// takes the job again, and the scenario finishes with the files the rule set gives in memory; the official review
/// never moves.
@Suite("Scenarios: a worker killed mid-scenario", .serialized, .ownThread)
struct ScenarioCrashTests {
    struct Observed: Sendable {
        var generated = ""
        var imported: Int32 = -1
        var official = ""
        var lockedEmployees = -1
        var batchesBeforeLocked = -1
        var reachedTheLockedBatch = false
        var killedAfterBatches = -1
        var batchesTotal = -1
        var runningWhenKilled = -1
        var killedStatus: Int32 = 0
        var leaseEnded = false
        var resumed: Int32 = -1
        var resumedErrors = ""
        var jobs: [String] = []
        var retried = -1
        var run: [String] = []
        var perEmployee: [String] = []
        var officialBefore: [String: Data] = [:]
        var officialAfter: [String: Data] = [:]
        var scenario: [String: Data] = [:]
        var inMemory: [String: Data] = [:]
    }

    static func killAndResume() throws -> Observed {
        var seen = Observed()
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        let city = try ReviewTestKit.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: city) }
        let generated = try TalentaCommand.run(["demo-data", "--employees", "3000", "--seed", "17", "--reference-date",
                                                "2026-03-31", city.path])
        seen.generated = generated.errors
        seen.imported = try TalentaCommand.run(["import", "--database-url", database.url, "--reference-date",
                                                "2026-03-31", city.path]).status
        try ScenarioKit.registerPreset(on: connection)
        try ReviewTestKit.enqueueBySQL("annual_review", ScenarioKit.annualReview(), on: connection)
        let worker = ["worker", "--database-url", database.url, "--concurrency", "1", "--poll-interval", "0.05",
                      "--lease", "2", "--log-level", "warning"]
        seen.official = try TalentaCommand.run(worker + ["--exit-when-idle"]).errors
        seen.officialBefore = try ScenarioKit.export(on: connection)

        // The kill must land inside a batch: this connection holds the advisory locks the assessment writer takes
        // per employee (PlacementWriter.lockClass) on the OPD whose batches come in the middle of the fan-out
        // (batches are cut per OPD in code order, at most 500 employees each), so the worker reaches that batch,
        // claims it and waits inside its transaction until it is killed.
        let middle = try #require(try connection.execute("""
            WITH per_opd AS (
                SELECT coalesce(o.opd_code, '') AS opd, ceil(count(*) / 500.0)::integer AS batches
                  FROM hr.employee e JOIN hr.position p ON p.position_code = e.position_code
                  LEFT JOIN talent.opd o ON o.unit_code = p.unit_code GROUP BY 1
            ), ordered AS (
                SELECT opd, (sum(batches) OVER (ORDER BY opd) - batches)::integer AS before,
                       sum(batches) OVER ()::integer AS total
                  FROM per_opd
            )
            SELECT opd, before FROM ordered WHERE before * 2 >= total ORDER BY opd LIMIT 1
            """, name: "test.middle_opd").rows.first)
        let held: Int = try connection.execute("""
            SELECT count(pg_advisory_lock($1::integer, (e.id % 2147483648)::integer)) AS held
              FROM hr.employee e JOIN hr.position p ON p.position_code = e.position_code
              JOIN talent.opd o ON o.unit_code = p.unit_code WHERE o.opd_code = $2
            """, [PlacementWriter.lockClass, try middle.decode("opd", as: String.self)],
            name: "test.hold_opd").rows[0].decode("held")
        seen.lockedEmployees = held
        seen.batchesBeforeLocked = try middle.decode("before")
        try ReviewTestKit.enqueueBySQL("annual_review", ScenarioKit.annualReview(
            scenario: "preset", ruleSet: RuleSet.bkn411Preset.id), on: connection)
        let scenarioBatches = """
            SELECT count(*) FROM talent.review_batch b JOIN talent.review_run r ON r.id = b.run_id
              JOIN talent.review_period p ON p.id = r.period_id WHERE p.scenario = 'preset'
            """
        let waitingInBatch = """
            SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event = 'advisory'
            """
        let first = try TalentaCommand(worker)
        seen.reachedTheLockedBatch = try ReviewTestKit.waitFor(timeout: 180) {
            try ReviewTestKit.scalar(waitingInBatch, as: Int.self, on: connection) == 1
        }
        seen.killedAfterBatches = try ReviewTestKit.scalar(scenarioBatches, on: connection)
        seen.runningWhenKilled = try ReviewTestKit.scalar(
            "SELECT count(*) FROM queue.job WHERE state = 'running' AND kind = 'assessment'", on: connection)
        first.signal(SIGKILL)
        _ = first.wait(timeout: 30)
        seen.killedStatus = first.process.terminationStatus
        try connection.execute("SELECT pg_advisory_unlock_all()", name: "test.release_opd")
        // Until its lease (2 s) ends, the killed worker counts as live and an idle worker leaves its job to it.
        seen.leaseEnded = try ReviewTestKit.waitFor(timeout: 60) {
            try ReviewTestKit.scalar("""
                SELECT count(*) FROM queue.worker w
                 WHERE w.stopped_at IS NULL AND w.last_seen_at >= now() - make_interval(secs => w.lease_seconds)
                """, as: Int.self, on: connection) == 0
        }
        seen.batchesTotal = try ReviewTestKit.scalar("""
            SELECT r.batches_total FROM talent.review_run r JOIN talent.review_period p ON p.id = r.period_id
             WHERE p.scenario = 'preset'
            """, on: connection)

        let second = try TalentaCommand.run(worker + ["--exit-when-idle"])
        seen.resumed = second.status
        seen.resumedErrors = second.errors
        seen.jobs = try ReviewTestKit.snapshot("""
            SELECT kind, state, count(*) FROM queue.job GROUP BY 1, 2 ORDER BY 1, 2
            """, on: connection)
        seen.retried = try ReviewTestKit.scalar("SELECT count(*) FROM queue.job WHERE attempt > 1", on: connection)
        seen.run = try ReviewTestKit.snapshot("""
            SELECT r.batches_done = r.batches_total, r.finished_at IS NOT NULL,
                   (SELECT count(*) FROM talent.review_batch b WHERE b.run_id = r.id) = r.batches_total
              FROM talent.review_run r JOIN talent.review_period p ON p.id = r.period_id ORDER BY r.id
            """, on: connection)
        seen.perEmployee = try ReviewTestKit.snapshot("""
            SELECT coalesce(p.scenario, '(official)'), count(*), count(DISTINCT r.employee_id)
              FROM talent.assessment_result r JOIN talent.review_period p ON p.id = r.period_id
             GROUP BY p.scenario ORDER BY 1
            """, on: connection)
        seen.officialAfter = try ScenarioKit.export(on: connection)
        seen.scenario = try ScenarioKit.export(scenario: "preset", on: connection)
        seen.inMemory = try ScenarioKit.inMemory(city, rules: .bkn411Preset)
        return seen
    }

    @Test("kill -9 during the scenario's batches, restart: the scenario finishes with the files of an uninterrupted run; the official review is unmoved")
    func killedWorkerResumes() async throws {
        let seen = try Self.killAndResume()
        #expect(seen.imported == 0, "\(seen.generated)")
        #expect(seen.lockedEmployees > 0)
        #expect(seen.reachedTheLockedBatch, "the worker never reached the batch held in the middle of the fan-out")
        #expect(seen.killedAfterBatches == seen.batchesBeforeLocked && seen.killedAfterBatches * 2 >= seen.batchesTotal
                && seen.killedAfterBatches < seen.batchesTotal,
                "killed after \(seen.killedAfterBatches) of \(seen.batchesTotal) batches (expected \(seen.batchesBeforeLocked))")
        #expect(seen.runningWhenKilled == 1, "the worker was inside a batch when killed")
        #expect(seen.killedStatus == SIGKILL, "the first worker was killed by SIGKILL")
        #expect(seen.leaseEnded, "the killed worker's lease never ended")
        #expect(seen.resumed == 0, "\(seen.resumedErrors)")
        #expect(seen.jobs.allSatisfy { $0.contains("|completed|") }, "\(seen.jobs)")
        #expect(seen.jobs.contains("annual_review|completed|2") && seen.jobs.contains("succession_planning|completed|2"),
                "\(seen.jobs)")
        #expect(seen.run == ["t|t|t", "t|t|t"], "each run counted every batch once and finished: \(seen.run)")
        #expect(seen.retried == 1, "the batch the worker held when killed ran again, and no other")
        let counts = seen.perEmployee.map { $0.split(separator: "|").map(String.init) }
        #expect(counts.count == 2 && counts.allSatisfy { $0[1] == $0[2] } && counts[0][1] == counts[1][1],
                "one result per employee on each side: \(seen.perEmployee)")
        for name in ScenarioKit.resultFiles {
            #expect(seen.officialAfter[name] == seen.officialBefore[name], "official \(name) moved")
            #expect(seen.scenario[name] == seen.inMemory[name], "scenario \(name) differs from the run in memory")
        }
    }
}
