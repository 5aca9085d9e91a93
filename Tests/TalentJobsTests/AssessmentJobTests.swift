import Foundation
import Postgres
import PostgresTestSupport
import TestThreads
import Testing

/// The assessment and review jobs run through an in-process worker: failures are readable and isolated, re-runs are
/// idempotent.
@Suite("Talent jobs", .serialized, .ownThread)
struct AssessmentJobTests {
    /// A database with the golden input imported and the 2026 review done.
    static func reviewedGolden() throws -> (TestDatabase, Connection, periodID: Int64) {
        let database = try TestDatabase.create()
        let connection = try database.connect()
        try FolderImport.run(ReviewTestKit.goldenInput, on: connection)
        try ReviewTestKit.enqueueBySQL("annual_review", ReviewTestKit.annualReview2026, on: connection)
        try ReviewTestKit.drain(database)
        let periodID: Int64 = try ReviewTestKit.scalar("SELECT id FROM talent.review_period WHERE year = 2026",
                                                       on: connection)
        return (database, connection, periodID)
    }

    /// The rows a review writes, without who wrote them and when.
    static func results(on connection: Connection) throws -> [String] {
        try ReviewTestKit.snapshot("""
            SELECT r.period_id, r.employee_id, r.nip, r.status, r.reason, r.target_level, r.kinerja_score,
                   r.kinerja_level, r.potensi_score, r.potensi_level, r.box, r.recommendations, r.flags,
                   r.explanation::text, r.inputs_fingerprint, r.rule_version,
                   pe.target_level, pe.is_member, pe.krs_nasional, pe.blockers
              FROM talent.assessment_result r
              JOIN talent.pool_evaluation pe USING (period_id, employee_id)
             ORDER BY r.employee_id
            """, on: connection)
            + ReviewTestKit.snapshot("""
            SELECT p.position_code, p.target_reasons, p.flags, p.explanation::text, c.rank, c.nip, c.nilai_talenta,
                   c.readiness, c.gaps
              FROM talent.succession_plan p
              LEFT JOIN talent.succession_candidate c USING (period_id, position_code)
             ORDER BY p.position_code, c.rank
            """, on: connection)
    }

    @Test("a run's batch assesses the employees that still exist when one was deleted since the fan-out, and the run finishes")
    func runBatchSkipsDeletedEmployee() throws {
        let (database, connection, periodID) = try Self.reviewedGolden()
        defer { database.drop() }
        defer { connection.close() }
        let ids: [Int64] = try connection.execute("SELECT id FROM hr.employee ORDER BY id LIMIT 3").rows
            .map { try $0.decode("id") }
        #expect(ids.count == 3)
        let runID: Int64 = try ReviewTestKit.scalar("""
            INSERT INTO talent.review_run (period_id, kind, batches_total) VALUES ($1, 'recalculation', 1) RETURNING id
            """, [periodID], on: connection)
        try connection.execute("DELETE FROM hr.employee WHERE id = $1", [ids[1]])
        let batch = try ReviewTestKit.enqueueBySQL("assessment", """
            {"period_id": \(periodID), "employee_ids": [\(ids.map(String.init).joined(separator: ","))], \
            "run_id": \(runID), "batch": 1}
            """, on: connection)
        try ReviewTestKit.drain(database)

        let state = try ReviewTestKit.snapshot(
            "SELECT state, coalesce(last_error, '') FROM queue.job WHERE id = $1", [batch], on: connection)
        #expect(state == ["completed|"])
        let run = try ReviewTestKit.snapshot(
            "SELECT batches_done, finished_at IS NOT NULL FROM talent.review_run WHERE id = $1", [runID],
            on: connection)
        #expect(run == ["1|t"])
        let counted = try ReviewTestKit.snapshot(
            "SELECT employees FROM talent.review_batch WHERE run_id = $1", [runID], on: connection)
        #expect(counted == ["2"])
        let writers = try ReviewTestKit.snapshot(
            "SELECT employee_id FROM talent.assessment_result WHERE job_id = $1 ORDER BY 1", [batch], on: connection)
        #expect(writers == [String(ids[0]), String(ids[2])])
        let planned = try ReviewTestKit.snapshot(
            "SELECT kind, state FROM queue.job WHERE job_key = $1", ["succession_planning:run:\(runID)"],
            on: connection)
        #expect(planned == ["succession_planning|completed"], "the finished run must enqueue its succession planning")
    }

    @Test("a missing employee, an unknown period and malformed payloads fail with a readable error while other jobs complete")
    func failuresAreReadableAndIsolated() throws {
        let (database, connection, periodID) = try Self.reviewedGolden()
        defer { database.drop() }
        defer { connection.close() }
        // A direct job (no run_id) naming an id that never existed is refused; a run's batch is not (see above).
        let missing = try ReviewTestKit.enqueueBySQL(
            "assessment", #"{"period_id": \#(periodID), "employee_ids": [1, 999999]}"#, on: connection)
        let noPeriod = try ReviewTestKit.enqueueBySQL(
            "assessment", #"{"period_id": 424242, "employee_ids": [1]}"#, on: connection)
        let malformed = try ReviewTestKit.enqueueBySQL(
            "assessment", #"{"period_id": "two", "employee_ids": [1]}"#, on: connection)
        let badDate = try ReviewTestKit.enqueueBySQL(
            "annual_review", #"{"year": 2026, "reference_date": "2026-02-30"}"#, on: connection)
        let wrongYear = try ReviewTestKit.enqueueBySQL(
            "annual_review", #"{"year": 2025, "reference_date": "2026-03-31"}"#, on: connection)
        let oldYear = try ReviewTestKit.enqueueBySQL(
            "annual_review", #"{"year": 1800, "reference_date": "1800-03-31"}"#, on: connection)
        let hugeVersion = try ReviewTestKit.enqueueBySQL("annual_review", """
            {"year": 2026, "reference_date": "2026-03-31", "rule_set": "permenpanrb-3-2020/default@99999999999"}
            """, on: connection)
        let oldRecalculation = try ReviewTestKit.enqueueBySQL(
            "recalculation", #"{"year": 1800, "scope": "everyone"}"#, on: connection)
        let good = try ReviewTestKit.enqueueBySQL(
            "recalculation", #"{"year": 2026, "scope": {"nip": "198501012010031001"}}"#, on: connection)
        try ReviewTestKit.drain(database)

        func outcome(_ id: Int64) throws -> (state: String, error: String) {
            let row = try #require(try connection.execute(
                "SELECT state, coalesce(last_error, '') AS error FROM queue.job WHERE id = $1", [id]).rows.first)
            return (try row.decode("state"), try row.decode("error"))
        }
        let expectations: [(Int64, String)] = [
            (missing, "employee ids not found in hr.employee: 999999"),
            (noPeriod, "review period 424242 does not exist"),
            (malformed, "period_id"),
            (badDate, "reference_date"),
            (wrongYear, "reference_date 2026-03-31 is not in year 2025"),
            (oldYear, "year 1800 is outside the review years 2000 … 2999"),
            (hugeVersion, "the version must be a whole number from 1 to 2147483647"),
            (oldRecalculation, "year 1800 is outside the review years 2000 … 2999"),
        ]
        for (id, reason) in expectations {
            let (state, error) = try outcome(id)
            #expect(state == "discarded", "job \(id) is \(state): \(error)")
            #expect(error.contains(reason), "job \(id)'s error does not say '\(reason)': \(error)")
        }
        #expect(try outcome(good).state == "completed")
        let followers = try ReviewTestKit.snapshot("""
            SELECT kind, state FROM queue.job WHERE id > $1 ORDER BY id
            """, [good], on: connection)
        #expect(followers == ["assessment|completed", "succession_planning|completed"])
        let runs = try ReviewTestKit.snapshot(
            "SELECT kind, batches_total, batches_done FROM talent.review_run ORDER BY id", on: connection)
        #expect(runs == ["annual_review|3|3", "recalculation|1|1"])
    }

    @Test("running an assessment batch again gives identical rows (same fingerprints) and counts a run's batch once")
    func rerunIsIdempotent() throws {
        let (database, connection, periodID) = try Self.reviewedGolden()
        defer { database.drop() }
        defer { connection.close() }
        let before = try Self.results(on: connection)
        #expect(before.count > 65)
        let ids = try ReviewTestKit.snapshot("SELECT id FROM hr.employee ORDER BY id", on: connection)
        let rerun = try ReviewTestKit.enqueueBySQL(
            "assessment", #"{"period_id": \#(periodID), "employee_ids": [\#(ids.joined(separator: ","))]}"#,
            on: connection)
        let runID: Int64 = try ReviewTestKit.scalar("SELECT id FROM talent.review_run", on: connection)
        let batchAgain = try ReviewTestKit.enqueueBySQL(
            "assessment", #"{"period_id": \#(periodID), "employee_ids": [1, 2], "run_id": \#(runID), "batch": 1}"#,
            on: connection)
        try ReviewTestKit.drain(database, concurrency: 1)

        let states = try ReviewTestKit.snapshot("SELECT state FROM queue.job WHERE id IN ($1, $2) ORDER BY id",
                                                [rerun, batchAgain], on: connection)
        #expect(states == ["completed", "completed"])
        let writers = try ReviewTestKit.snapshot(
            "SELECT DISTINCT job_id FROM talent.assessment_result WHERE employee_id NOT IN (1, 2)", on: connection)
        #expect(writers == [String(rerun)], "the re-run must have rewritten the rows")
        #expect(try Self.results(on: connection) == before)
        let run = try ReviewTestKit.snapshot(
            "SELECT batches_total, batches_done FROM talent.review_run", on: connection)
        #expect(run == ["3|3"])
        let plannings: Int = try ReviewTestKit.scalar(
            "SELECT count(*) FROM queue.job WHERE kind = 'succession_planning'", on: connection)
        #expect(plannings == 1)
    }
}
