import Foundation
import Interchange
import Postgres
import PostgresTestSupport
import Talent
import TalentStore
import TestThreads
import Testing

/// A larger review stopped with SIGTERM halfway and finished by a second worker process.
@Suite("Worker stopped halfway through a review", .serialized, .ownThread)
struct WorkerRestartTests {
    @Test("SIGTERM halfway, restart: one result per employee, no duplicate candidate, same results as in memory")
    func sigtermAndRestart() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        let city = try ReviewTestKit.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: city) }
        let generated = try TalentaCommand.run([
            "demo-data", "--employees", "3000", "--seed", "11", "--reference-date", "2026-03-31", city.path,
        ])
        #expect(generated.status == 0, "demo-data failed: \(generated.errors)")
        let imported = try TalentaCommand.run([
            "import", "--database-url", database.url, "--reference-date", "2026-03-31", city.path,
        ])
        #expect(imported.status == 0, "import failed: \(imported.errors)")
        try ReviewTestKit.enqueueBySQL("annual_review", ReviewTestKit.annualReview2026, on: connection)

        let arguments = ["worker", "--database-url", database.url, "--concurrency", "1", "--poll-interval", "0.05",
                         "--log-level", "warning"]
        let first = try TalentaCommand(arguments)
        let halfway = try ReviewTestKit.waitFor(timeout: 120) {
            let done: Int = try ReviewTestKit.scalar("SELECT count(*) FROM talent.review_batch", on: connection)
            return done >= 2
        }
        #expect(halfway, "the first worker did not finish two batches: \(first.errors)")
        first.signal(SIGTERM)
        #expect(first.wait(timeout: 60), "the worker did not stop after SIGTERM")
        #expect(first.status == 0, "the stopped worker exited \(first.status): \(first.errors)")
        let progress = try ReviewTestKit.snapshot("SELECT batches_done, batches_total FROM talent.review_run",
                                                  on: connection)
        let parts = try #require(progress.first).split(separator: "|").compactMap { Int($0) }
        #expect(parts.count == 2 && parts[0] < parts[1], "the review must be unfinished when stopped: \(progress)")
        let running: Int = try ReviewTestKit.scalar("SELECT count(*) FROM queue.job WHERE state = 'running'",
                                                    on: connection)
        #expect(running == 0, "a gracefully stopped worker leaves no job running")

        let second = try TalentaCommand.run(arguments + ["--exit-when-idle"])
        #expect(second.status == 0, "the second worker failed: \(second.errors)")

        let jobs = try ReviewTestKit.snapshot(
            "SELECT kind, state, count(*) FROM queue.job GROUP BY 1, 2 ORDER BY 1, 2", on: connection)
        #expect(jobs.count == 3 && jobs.allSatisfy { $0.contains("|completed|") }, "jobs: \(jobs)")
        #expect(jobs.last == "succession_planning|completed|1")
        let finished = try ReviewTestKit.snapshot(
            "SELECT batches_done = batches_total AND finished_at IS NOT NULL FROM talent.review_run", on: connection)
        #expect(finished == ["t"])
        let perEmployee = try ReviewTestKit.snapshot("""
            SELECT count(*), count(DISTINCT employee_id),
                   (SELECT count(*) FROM hr.employee WHERE state IN ('AKTIF', 'DIBERHENTIKAN_SEMENTARA', 'CLTN'))
              FROM talent.assessment_result
            """, on: connection)
        let counts = try #require(perEmployee.first).split(separator: "|").map(String.init)
        #expect(counts.count == 3 && counts[0] == counts[1] && counts[1] == counts[2],
                "results, distinct employees, assessed employees: \(counts)")
        let duplicates: Int = try ReviewTestKit.scalar("""
            SELECT count(*) FROM (SELECT position_code, nip FROM talent.succession_candidate
                                   GROUP BY 1, 2 HAVING count(*) > 1) d
            """, on: connection)
        #expect(duplicates == 0)

        // The stored review equals the same review computed in memory from the same folder.
        let context = ReviewContext(referenceDate: CivilDate(year: 2026, month: 3, day: 31)!)
        let expected = try FolderReview.run(input: city, output: nil, context: context).result
        let stored = try ReviewResultReader.read(year: 2026, on: connection)
        let expectedPlacements = ResultFiles.placementRows(expected.placements)
        let storedPlacements = ResultFiles.placementRows(stored.placements)
        #expect(storedPlacements.count == expectedPlacements.count)
        let firstPlacement = zip(storedPlacements, expectedPlacements).first { $0 != $1 }
        #expect(firstPlacement == nil, "first differing placement (stored, in memory): \(String(describing: firstPlacement))")
        #expect(stored.placements.map(\.fingerprint) == expected.placements.map(\.fingerprint))
        let expectedPlans = ResultFiles.successionRows(expected.plans)
        let storedPlans = ResultFiles.successionRows(stored.plans)
        #expect(storedPlans.count == expectedPlans.count)
        let firstPlan = zip(storedPlans, expectedPlans).first { $0 != $1 }
        #expect(firstPlan == nil, "first differing succession row (stored, in memory): \(String(describing: firstPlan))")
    }
}
