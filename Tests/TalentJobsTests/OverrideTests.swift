import Foundation
import Postgres
import PostgresTestSupport
import TestThreads
import Testing

/// Komite Talenta overrides (sql/0007): beside the computed rows, shown with both values, audited.
@Suite("Committee overrides", .serialized, .ownThread)
struct OverrideTests {
    @Test("box, pool and rank overrides show computed, override and effective values; computed rows and views stay; every change is audited")
    func overridesAreShownAndAudited() throws {
        let (database, connection, periodID) = try AssessmentJobTests.reviewedGolden()
        defer { database.drop() }
        defer { connection.close() }
        let computedBefore = try AssessmentJobTests.results(on: connection)
        let placementBefore = try ReviewTestKit.snapshot("SELECT * FROM talent.current_placement ORDER BY employee_id",
                                                         on: connection)
        let successionBefore = try ReviewTestKit.snapshot(
            "SELECT * FROM talent.succession ORDER BY position_code, rank", on: connection)
        // A placed non-member, and a target position with at least two candidates.
        let nip: String = try ReviewTestKit.scalar("""
            SELECT r.nip FROM talent.assessment_result r JOIN talent.pool_evaluation pe USING (period_id, employee_id)
             WHERE r.box IN (4, 5, 6) AND NOT pe.is_member ORDER BY r.nip LIMIT 1
            """, on: connection)
        let computedBox: Int = try ReviewTestKit.scalar("SELECT box FROM talent.assessment_result WHERE nip = $1", [nip],
                                                        on: connection)
        let position: String = try ReviewTestKit.scalar("""
            SELECT position_code FROM talent.succession_candidate GROUP BY position_code HAVING count(*) >= 2
             ORDER BY position_code LIMIT 1
            """, on: connection)
        let second: String = try ReviewTestKit.scalar(
            "SELECT nip FROM talent.succession_candidate WHERE position_code = $1 AND rank = 2", [position], on: connection)
        let first: String = try ReviewTestKit.scalar(
            "SELECT nip FROM talent.succession_candidate WHERE position_code = $1 AND rank = 1", [position], on: connection)

        let box = try TalentaCommand.run([
            "override", "box", "--database-url", database.url, "--year", "2026", "--nip", nip, "--box", "7",
            "--reason", "Kinerja 2025 diverifikasi ulang oleh komite", "--decided-by", "197001011990031001",
        ])
        #expect(box.status == 0, "\(box.errors)")
        let boxID = try #require(Int64(box.output.split(separator: " ")[1]))
        let pool: Int64 = try ReviewTestKit.scalar(
            "SELECT talent.override_pool(2026, $1, true, 'Rekomendasi komite', '197001011990031001')", [nip], on: connection)
        let rank: Int64 = try ReviewTestKit.scalar(
            "SELECT talent.override_candidate_rank(2026, $1, $2, 1, 'Pengalaman lapangan', '197001011990031001')",
            [position, second], on: connection)

        let placement = try ReviewTestKit.snapshot("""
            SELECT computed_box, override_box, effective_box, box, computed_pool_member, override_pool_member,
                   effective_pool_member, box_override_reason, box_override_decided_by, pool_override_id
              FROM talent.current_placement_effective WHERE nip = $1
            """, [nip], on: connection)
        #expect(placement == ["\(computedBox)|7|7|\(computedBox)|f|t|t|Kinerja 2025 diverifikasi ulang oleh komite|197001011990031001|\(pool)"])
        let poolRow = try ReviewTestKit.snapshot("""
            SELECT computed_member, override_member, effective_member, override_reason FROM talent.pool_effective
             WHERE nip = $1 AND year = 2026
            """, [nip], on: connection)
        #expect(poolRow == ["f|t|t|Rekomendasi komite"])
        let ranks = try ReviewTestKit.snapshot("""
            SELECT nip, computed_rank, coalesce(override_rank::text, '-'), effective_rank FROM talent.succession_effective
             WHERE position_code = $1 AND effective_rank <= 2 ORDER BY effective_rank
            """, [position], on: connection)
        #expect(ranks == ["\(second)|2|1|1", "\(first)|1|-|2"])

        // Computed rows and the existing views are untouched.
        #expect(try AssessmentJobTests.results(on: connection) == computedBefore)
        #expect(try ReviewTestKit.snapshot("SELECT * FROM talent.current_placement ORDER BY employee_id", on: connection)
                    == placementBefore)
        #expect(try ReviewTestKit.snapshot("SELECT * FROM talent.succession ORDER BY position_code, rank", on: connection)
                    == successionBefore)

        // A new decision supersedes; a revocation restores the computed value; a recalculation keeps overrides.
        let superseding: Int64 = try ReviewTestKit.scalar(
            "SELECT talent.override_box(2026, $1, 8, 'Banding diterima', '197001011990031002')", [nip], on: connection)
        #expect(try ReviewTestKit.scalar("SELECT talent.revoke_override($1, '197001011990031001', 'Keliru')", [pool],
                                         as: Bool.self, on: connection))
        #expect(try ReviewTestKit.scalar("SELECT talent.revoke_override($1, 'x', 'again')", [pool], as: Bool.self,
                                         on: connection) == false)
        try ReviewTestKit.enqueueBySQL("recalculation", #"{"year": 2026, "scope": {"nip": "\#(nip)"}}"#, on: connection)
        try ReviewTestKit.drain(database)
        #expect(try ReviewTestKit.snapshot("""
            SELECT effective_box, override_box, effective_pool_member, coalesce(override_pool_member::text, '-')
              FROM talent.current_placement_effective WHERE nip = $1
            """, [nip], on: connection) == ["8|8|f|-"])

        let audit = try ReviewTestKit.snapshot("""
            SELECT override_id, operation, coalesce(old_row ->> 'revoked_at' IS NOT NULL, false),
                   new_row ->> 'revoked_at' IS NOT NULL, database_user
              FROM talent.override_audit ORDER BY id
            """, on: connection)
        #expect(audit == [
            "\(boxID)|INSERT|f|f|talenta", "\(pool)|INSERT|f|f|talenta",
            "\(rank)|INSERT|f|f|talenta", "\(boxID)|UPDATE|f|t|talenta",
            "\(superseding)|INSERT|f|f|talenta", "\(pool)|UPDATE|f|t|talenta",
        ])
        #expect(throws: PostgresError.self) {
            try connection.execute("DELETE FROM talent.override_audit", name: "test.tamper")
        }
        try connection.execute("DELETE FROM talent.override WHERE id = $1", [rank], name: "test.delete_override")
        #expect(try ReviewTestKit.snapshot(
            "SELECT operation, old_row ->> 'rank' FROM talent.override_audit WHERE override_id = $1 ORDER BY id", [rank],
            on: connection) == ["INSERT|NULL", "DELETE|1"])
        #expect(try ReviewTestKit.scalar("SELECT count(*) FROM talent.override WHERE period_id = $1", [periodID],
                                         as: Int.self, on: connection) == 3)
    }

    @Test("overrides without a reason, decider, period, employee, result or plan, or with a box outside 1-9, are refused")
    func refusals() throws {
        let (database, connection, _) = try AssessmentJobTests.reviewedGolden()
        defer { database.drop() }
        defer { connection.close() }
        let nip: String = try ReviewTestKit.scalar("SELECT nip FROM talent.assessment_result ORDER BY nip LIMIT 1",
                                                   on: connection)
        let cases: [(String, [any PostgresEncodable & Sendable], String)] = [
            ("SELECT talent.override_box(2026, $1, 7, '', 'x')", [nip], "needs a reason"),
            ("SELECT talent.override_box(2026, $1, 7, 'r', ' ')", [nip], "decided_by"),
            ("SELECT talent.override_box(2031, $1, 7, 'r', 'x')", [nip], "no review period for 2031"),
            ("SELECT talent.override_box(2026, '000000000000000000', 7, 'r', 'x')", [], "no employee has NIP"),
            ("SELECT talent.override_box(2026, $1, 10, 'r', 'x')", [nip], "override_box_check"),
            ("SELECT talent.override_candidate_rank(2026, 'NO-SUCH', $1, 1, 'r', 'x')", [nip], "has no succession plan"),
        ]
        for (sql, parameters, fragment) in cases {
            #expect {
                try connection.execute(sql, parameters, name: "test.refused")
            } throws: { error in
                (error as? PostgresError)?.debugDescription.contains(fragment) ?? false
            }
        }
        #expect(try ReviewTestKit.scalar("SELECT count(*) FROM talent.override_audit", on: connection) == 0)
    }
}
