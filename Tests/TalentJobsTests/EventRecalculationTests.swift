import Foundation
import Postgres
import PostgresTestSupport
import TalentStore
import TestThreads
import Testing

/// HR changes made by plain SQL enqueue their own recalculation in the same transaction (sql/0006).
@Suite("Event-driven recalculation", .serialized, .ownThread)
struct EventRecalculationTests {
    /// Every result and pool row except one employee's, with who wrote it and when: a rewrite changes it.
    static func otherRows(except employeeID: Int64, on connection: Connection) throws -> [String] {
        try ReviewTestKit.snapshot("""
            SELECT r.employee_id, r.nip, r.status, r.box, r.kinerja_score, r.potensi_score, r.flags,
                   r.explanation::text, r.inputs_fingerprint, r.rule_version, r.job_id, r.computed_at, r.inputs::text,
                   pe.is_member, pe.krs_nasional, pe.blockers
              FROM talent.assessment_result r
              JOIN talent.pool_evaluation pe USING (period_id, employee_id)
             WHERE r.employee_id <> $1
             ORDER BY r.employee_id
            """, [employeeID], on: connection)
    }

    static func jobs(kind: String, on connection: Connection) throws -> [String] {
        try ReviewTestKit.snapshot("""
            SELECT payload::text, job_key, state FROM queue.job WHERE kind = $1 ORDER BY id
            """, [kind], on: connection)
    }

    @Test("a new SKP predicate inserted by plain SQL makes one recalculation and an updated placement; no other employee's rows change")
    func newPredicateRecalculatesOneEmployee() throws {
        let (database, connection, periodID) = try AssessmentJobTests.reviewedGolden()
        defer { database.drop() }
        defer { connection.close() }
        // A placed employee without an SKP for 2025: the new row is the latest year, so the kinerja score moves.
        let target = try #require(try connection.execute("""
            SELECT r.employee_id, r.nip, r.inputs_fingerprint, r.kinerja_score::text AS kinerja, r.job_id
              FROM talent.assessment_result r
             WHERE r.period_id = $1 AND r.status = 'TERPETAKAN'
               AND NOT EXISTS (SELECT 1 FROM hr.performance p WHERE p.employee_id = r.employee_id AND p.year = 2025)
             ORDER BY r.employee_id LIMIT 1
            """, [periodID], name: "test.target").rows.first)
        let employeeID: Int64 = try target.decode("employee_id")
        let nip: String = try target.decode("nip")
        let othersBefore = try Self.otherRows(except: employeeID, on: connection)
        let jobsBefore: Int = try ReviewTestKit.scalar("SELECT count(*) FROM queue.job", on: connection)

        // Two statements in one transaction, as an e-Kinerja feed might write them: still one job.
        try connection.withTransaction { transaction in
            try transaction.execute("""
                INSERT INTO hr.performance (employee_id, year, predicate) VALUES ($1, 2025, 'SANGAT_BAIK')
                """, [employeeID], name: "test.insert_skp")
            try transaction.execute("UPDATE hr.performance SET score = 95 WHERE employee_id = $1 AND year = 2025",
                                    [employeeID], name: "test.update_skp")
        }
        #expect(try ReviewTestKit.scalar("SELECT count(*) FROM queue.job", on: connection) == jobsBefore + 1)
        #expect(try Self.jobs(kind: "recalculation", on: connection)
                    == [#"{"year": 2026, "scope": {"nip": "\#(nip)"}}|recalculation:2026:nip:\#(nip)|available"#])

        try ReviewTestKit.drain(database)
        let after = try #require(try connection.execute("""
            SELECT r.inputs_fingerprint, r.kinerja_score::text AS kinerja, r.job_id,
                   r.explanation -> 'kinerja' ->> 'score' AS explained
              FROM talent.assessment_result r WHERE r.period_id = $1 AND r.employee_id = $2
            """, [periodID, employeeID], name: "test.after").rows.first)
        #expect(try after.decode("inputs_fingerprint", as: String.self) != target.decode("inputs_fingerprint", as: String.self))
        #expect(try after.decode("kinerja", as: String.self) != target.decode("kinerja", as: String.self))
        #expect(try after.decode("job_id", as: Int64.self) != target.decode("job_id", as: Int64.self))
        #expect(try Self.otherRows(except: employeeID, on: connection) == othersBefore)
        // The replaced result is kept with its version; succession planning ran after the recalculation.
        let kept: Int = try ReviewTestKit.scalar(
            "SELECT count(*) FROM talent.assessment_result_history WHERE employee_id = $1 AND inputs_fingerprint = $2",
            [employeeID, try target.decode("inputs_fingerprint", as: String.self)], on: connection)
        #expect(kept == 1)
        let states = try ReviewTestKit.snapshot(
            "SELECT kind, state FROM queue.job WHERE kind <> 'assessment' ORDER BY id",
            on: connection)
        #expect(states.last == "succession_planning|completed")
        #expect(try ReviewTestKit.scalar("SELECT count(*) FROM queue.job WHERE state <> 'completed'", on: connection) == 0)
    }

    @Test("bulk statements make one job per employee; unchanged values, names and titles make none; a position change plans succession")
    func bulkAndPositions() throws {
        let (database, connection, periodID) = try AssessmentJobTests.reviewedGolden()
        defer { database.drop() }
        defer { connection.close() }
        try connection.execute("DELETE FROM queue.job", name: "test.clear")
        let three = try connection.execute("""
            SELECT e.id FROM hr.employee e WHERE (SELECT count(*) FROM hr.training t WHERE t.employee_id = e.id) >= 2
             ORDER BY e.id LIMIT 3
            """, name: "test.three").rows.map { try $0.decode("id", as: Int64.self) }
        #expect(three.count == 3)
        try connection.execute("UPDATE hr.training SET hours = hours + 1 WHERE employee_id = ANY($1)", [three],
                               name: "test.bulk_update")
        #expect(try Self.jobs(kind: "recalculation", on: connection).count == 3)
        try connection.execute("DELETE FROM queue.job", name: "test.clear")
        // No value changes: no job.
        try connection.execute("UPDATE hr.performance SET score = score", name: "test.noop_update")
        try connection.execute("UPDATE hr.employee SET name = name || ' '", name: "test.rename")
        try connection.execute("UPDATE hr.position SET title = title || ' '", name: "test.retitle")
        #expect(try ReviewTestKit.scalar("SELECT count(*) FROM queue.job", on: connection) == 0)
        // A golongan change recalculates that employee; a critical flag plans succession once for the period.
        try connection.execute("UPDATE hr.employee SET golongan_since = golongan_since - 1 WHERE id = $1", [three[0]],
                               name: "test.golongan")
        try connection.execute("""
            UPDATE hr.position SET critical = NOT critical
             WHERE position_code IN (SELECT position_code FROM hr.position WHERE kind = 'ADMINISTRATOR' LIMIT 2)
            """, name: "test.critical")
        try connection.execute("""
            UPDATE hr.position SET critical = NOT critical
             WHERE position_code IN (SELECT position_code FROM hr.position WHERE kind = 'PENGAWAS' LIMIT 1)
            """, name: "test.critical_again")
        #expect(try Self.jobs(kind: "recalculation", on: connection).count == 1)
        #expect(try Self.jobs(kind: "succession_planning", on: connection)
                    == [#"{"period_id": \#(periodID)}|succession_planning:period:\#(periodID)|available"#])
    }

    @Test("a change while the employee's recalculation runs gets a follow-up job; deferred changes enqueue nothing until the full recalculation")
    func runningAndDeferred() throws {
        let (database, connection, _) = try AssessmentJobTests.reviewedGolden()
        defer { database.drop() }
        defer { connection.close() }
        try connection.execute("DELETE FROM queue.job", name: "test.clear")
        let nip: String = try ReviewTestKit.scalar("SELECT nip FROM hr.employee ORDER BY id LIMIT 1", on: connection)
        let award = "INSERT INTO hr.award (employee_id, level, awarded_on) SELECT id, 'KOTA', '2025-08-17' FROM hr.employee WHERE nip = $1"
        try connection.execute(award, [nip], name: "test.award")
        let first: Int64 = try ReviewTestKit.scalar("SELECT id FROM queue.job", on: connection)
        // The job is claimed (it may have read the inputs already): the next change needs a job of its own.
        try connection.execute("""
            UPDATE queue.job SET state = 'running', attempt = 1, locked_by = 'test', lease_expires_at = now() + interval '1 minute'
             WHERE id = $1
            """, [first], name: "test.claim")
        try connection.execute(award, [nip], name: "test.award_again")
        try connection.execute(award, [nip], name: "test.award_third")
        #expect(try ReviewTestKit.snapshot("SELECT job_key FROM queue.job ORDER BY id", on: connection)
                    == ["recalculation:2026:nip:\(nip)", "recalculation:2026:nip:\(nip):after:\(first)"])

        try connection.execute("DELETE FROM queue.job", name: "test.clear")
        try connection.withTransaction { transaction in
            try transaction.execute("SET LOCAL talenta.defer_recalculation = on", name: "test.defer")
            try transaction.execute("UPDATE hr.training SET hours = hours + 1", name: "test.bulk")
            try transaction.execute("UPDATE hr.position SET critical = NOT critical", name: "test.positions")
            #expect(try ReviewTestKit.scalar("SELECT count(*) FROM queue.job", on: transaction) == 0)
            try transaction.execute("SELECT hr.request_full_recalculation()", name: "test.full")
        }
        #expect(try Self.jobs(kind: "recalculation", on: connection)
                    == [#"{"year": 2026, "scope": "everyone"}|recalculation:2026:everyone|available"#])
        #expect(try ReviewTestKit.scalar("SELECT count(*) FROM queue.job", on: connection) == 1)
    }

    @Test("an import after a review enqueues one recalculation of everyone, and none before the first review")
    func importEnqueuesOneRecalculation() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        let first = try FolderImport.run(ReviewTestKit.goldenInput, on: connection)
        #expect(first.recalculationJobID == nil)
        #expect(try ReviewTestKit.scalar("SELECT count(*) FROM queue.job", on: connection) == 0)
        try ReviewTestKit.enqueueBySQL("annual_review", ReviewTestKit.annualReview2026, on: connection)
        try ReviewTestKit.drain(database)
        let before: Int = try ReviewTestKit.scalar("SELECT count(*) FROM queue.job", on: connection)
        let second = try FolderImport.run(ReviewTestKit.goldenInput, on: connection)
        let job = try #require(second.recalculationJobID)
        #expect(try ReviewTestKit.scalar("SELECT count(*) FROM queue.job", on: connection) == before + 1)
        #expect(try ReviewTestKit.snapshot("SELECT kind, payload::text FROM queue.job WHERE id = $1", [job], on: connection)
                    == [#"recalculation|{"year": 2026, "scope": "everyone"}"#])
    }
}
