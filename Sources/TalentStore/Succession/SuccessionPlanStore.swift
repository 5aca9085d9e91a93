import Foundation
public import Postgres
public import Talent

/// Succession plans of a period: `talent.succession_plan` (the whole plan kept as its explanation) and
/// `talent.succession_candidate` (one row per kept candidate).
public enum SuccessionPlanStore {
    /// Replaces every plan of the period by `plans` (delete, then one COPY per table). Run it inside a transaction.
    /// Two plannings of the same period (two recalculations finishing together) replace the plans one after the
    /// other: each first takes the transaction-level advisory lock (``PlacementWriter/lockClass`` + 1, period id),
    /// so the second waits for the first to commit instead of colliding on `succession_plan_pkey`. Placement
    /// writers never take this lock, so the two cannot deadlock.
    /// - Parameters:
    ///   - plans: the plans with each kept candidate's internal employee id (`hr.employee.id`) as its key, as
    ///     `SuccessionShortlist.plans` gives them.
    ///   - source: the id of the writer (the queue job), kept in `job_id`.
    /// - Throws: `PostgresError`.
    public static func replace(periodID: Int64, with plans: [SuccessionShortlist<Int64>.KeyedPlan], source: Int64?,
                               on connection: Connection) throws {
        try connection.execute("SELECT pg_advisory_xact_lock($1::integer, ($2::bigint % 2147483648)::integer)",
                               [PlacementWriter.lockClass + 1, periodID], name: "talent.lock_plans")
        try connection.execute("DELETE FROM talent.succession_plan WHERE period_id = $1", [periodID],
                               name: "talent.delete_plans")
        guard !plans.isEmpty else { return }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let period = String(periodID)
        var planRows: [[String?]] = []
        var candidateRows: [[String?]] = []
        for keyed in plans {
            let plan = keyed.plan
            let code = plan.target.positionCode
            planRows.append([
                period, code, CopyField.codes(plan.target.reasons.map(\.rawValue)),
                CopyField.codes(plan.flags.map(\.rawValue)),
                String(decoding: try encoder.encode(plan), as: UTF8.self), source.map(String.init),
            ])
            for (candidate, id) in zip(plan.candidates, keyed.candidateKeys) {
                candidateRows.append([
                    period, code, String(candidate.rank), String(id), candidate.nip, candidate.nilaiTalenta.description,
                    candidate.readiness.rawValue, CopyField.codes(candidate.gaps.map(\.rawValue)),
                ])
            }
        }
        try connection.copyIn(
            "COPY talent.succession_plan (period_id, position_code, target_reasons, flags, explanation, job_id) FROM STDIN",
            rows: planRows, name: "talent.copy_plans")
        try connection.copyIn("""
            COPY talent.succession_candidate (period_id, position_code, rank, employee_id, nip, nilai_talenta,
                readiness, gaps) FROM STDIN
            """, rows: candidateRows, name: "talent.copy_candidates")
    }

    /// Every plan of a period, by position code, decoded from the stored explanation.
    /// - Throws: `StoreError` (`.invalidStoredValue`) when a stored plan does not decode; `PostgresError`.
    public static func plans(periodID: Int64, on connection: Connection) throws -> [SuccessionPlan] {
        let decoder = JSONDecoder()
        return try connection.execute("""
            SELECT explanation::text AS plan FROM talent.succession_plan WHERE period_id = $1 ORDER BY position_code
            """, [periodID], name: "talent.read_plans").rows.map { row in
            do {
                return try decoder.decode(SuccessionPlan.self, from: Data(try row.text("plan").utf8))
            } catch {
                throw StoreError(.invalidStoredValue, "a stored succession plan of period \(periodID) does not decode")
            }
        }
    }
}
