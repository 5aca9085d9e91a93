public import Postgres
public import Talent

/// Writes the placements of one batch: `talent.assessment_result`, `talent.pool_evaluation` and
/// `talent.indicator_result`.
public enum PlacementWriter {
    /// A placement with the internal id of its employee and the inputs it was computed from.
    public struct Entry: Sendable {
        public var employeeID: Int64
        public var placement: Placement
        /// Stored in `talent.assessment_result.inputs` so the result can be recomputed (``ResultReplay``).
        public var inputs: StoredInputs

        public init(employeeID: Int64, placement: Placement, inputs: StoredInputs) {
            self.employeeID = employeeID
            self.placement = placement
            self.inputs = inputs
        }
    }

    /// Replaces the results of `employeeIDs` in a period by `entries`: locks the batch's employees, deletes the
    /// batch's rows (its pool and indicator rows go with them; the deleted results are kept in
    /// `talent.assessment_result_history` by trigger), then copies the new rows in with one COPY per table: the
    /// results with their best box, their pool rows, and one indicator row per indicator (`Placement.indicators`,
    /// ordinal 1… in indicators.csv order, with its state, best score and points at stake). An employee of the batch without an entry
    /// (not assessed: PENSIUN, BERHENTI) is left without a result. Run it inside a transaction so the batch is
    /// replaced atomically; the same inputs always give the same rows (only `job_id` and `computed_at` differ).
    ///
    /// Batches that share employees (a recalculation of one NIP while its OPD is recalculated) replace them one
    /// after the other: each takes a transaction-level advisory lock per employee (``lockClass``, the id) in
    /// ascending key order before deleting, so the second waits for the first to commit, then replaces its rows,
    /// and two batches can never deadlock on each other. The locks touch no table row: HR writers
    /// (`talenta import`), succession planning and the history trigger never wait on them.
    /// - Parameters:
    ///   - employeeIDs: the whole batch; every entry's employee must be among them.
    ///   - source: the id of the writer (the queue job), kept in `job_id`.
    /// - Throws: `PostgresError` (e.g. a foreign-key violation for an unknown period).
    /// - Complexity: five statements whatever the batch size.
    public static func replace(periodID: Int64, employeeIDs: [Int64], with entries: [Entry], source: Int64?,
                               on connection: Connection) throws {
        try connection.execute("""
            SELECT count(pg_advisory_xact_lock($1::integer, key))
              FROM (SELECT DISTINCT (id % 2147483648)::integer AS key FROM unnest($2::bigint[]) AS id
                     ORDER BY key) AS keys
            """, [lockClass, employeeIDs], name: "talent.lock_batch")
        // One primary-key probe per employee (the LATERAL … LIMIT 1 keeps each a probe), then a delete by row id:
        // with `employee_id = ANY($2)` the planner, whose statistics lag behind a table that grows during a review,
        // scanned every result of the period for each batch (quadratic in the city's size).
        try connection.execute("""
            DELETE FROM talent.assessment_result
             WHERE ctid = ANY (ARRAY(
                   SELECT found.ctid
                     FROM unnest($2::bigint[]) AS batch(id)
                     CROSS JOIN LATERAL (SELECT r.ctid FROM talent.assessment_result r
                                          WHERE r.period_id = $1 AND r.employee_id = batch.id LIMIT 1) AS found))
            """, [periodID, employeeIDs], name: "talent.delete_results")
        guard !entries.isEmpty else { return }
        let period = String(periodID)
        let job = source.map(String.init)
        let employees = entries.map { String($0.employeeID) }
        // Each table's rows are streamed into its COPY one at a time, through one reused array of fields.
        var row = [String?](repeating: nil, count: 19)
        let results = try connection.beginCopyIn("""
            COPY talent.assessment_result (period_id, employee_id, nip, status, reason, target_level, kinerja_score,
                kinerja_level, potensi_score, potensi_level, box, recommendations, flags, explanation,
                inputs_fingerprint, rule_version, job_id, inputs, best_box) FROM STDIN
            """, name: "talent.copy_results")
        for (entry, employee) in zip(entries, employees) {
            let p = entry.placement
            // Written field by field (ResultJSON): the text of their Codable forms, far less CPU.
            row[0] = period
            row[1] = employee
            row[2] = p.nip
            row[3] = p.status.rawValue
            row[4] = p.reason?.rawValue
            row[5] = p.targetLevel.rawValue
            row[6] = CopyField.score(p.kinerjaScore)
            row[7] = p.kinerjaLevel?.rawValue
            row[8] = CopyField.score(p.potensiScore)
            row[9] = p.potensiLevel.rawValue
            row[10] = p.box.map { String($0.number) }
            row[11] = CopyField.codes(p.recommendations.map(\.rawValue))
            row[12] = CopyField.codes(p.flags.map(\.rawValue))
            row[13] = ResultJSON.explanation(p.explanation)
            row[14] = p.fingerprint
            row[15] = p.ruleVersion
            row[16] = job
            row[17] = ResultJSON.inputs(entry.inputs)
            row[18] = p.bestBox.map { String($0.number) }
            try results.append(row)
        }
        try results.finish()
        row.removeLast(13)
        let pool = try connection.beginCopyIn("""
            COPY talent.pool_evaluation (period_id, employee_id, target_level, is_member, krs_nasional, blockers)
            FROM STDIN
            """, name: "talent.copy_pool")
        for (entry, employee) in zip(entries, employees) {
            let p = entry.placement
            row[0] = period
            row[1] = employee
            row[2] = p.targetLevel.rawValue
            row[3] = p.isPoolMember ? "t" : "f"
            row[4] = p.krsNasional ? "t" : "f"
            row[5] = CopyField.codes(p.poolBlockers.map(\.rawValue))
            try pool.append(row)
        }
        try pool.finish()
        row.append(contentsOf: repeatElement(nil, count: 5))
        let indicators = try connection.beginCopyIn("""
            COPY talent.indicator_result (period_id, employee_id, ordinal, axis, indicator, score, weight, weighted,
                state, best, points_at_stake) FROM STDIN
            """, name: "talent.copy_indicators")
        for (entry, employee) in zip(entries, employees) {
            let p = entry.placement
            let axes = [(AxisName.kinerja, p.explanation.kinerja.indicators), (.potensi, p.explanation.potensi.indicators)]
            guard p.pointsAtStake.count == axes[0].1.count + axes[1].1.count else {
                preconditionFailure("a placement made by the engine carries a point at stake per indicator")
            }
            var ordinal = 0
            for (axis, list) in axes {
                for indicator in list {
                    row[0] = period
                    row[1] = employee
                    row[2] = CopyField.whole(ordinal + 1)
                    row[3] = axis.rawValue
                    row[4] = indicator.indicator
                    row[5] = CopyField.score(indicator.score)
                    row[6] = CopyField.percent(indicator.weight)
                    row[7] = indicator.weighted.map(CopyField.weighted)
                    row[8] = indicator.state.rawValue
                    row[9] = CopyField.score(indicator.best)
                    row[10] = CopyField.weighted(p.pointsAtStake[ordinal])
                    try indicators.append(row)
                    ordinal += 1
                }
            }
        }
        try indicators.finish()
    }

    /// First key of the advisory locks that serialise writers of the same employees' results (two-key form
    /// `pg_advisory_xact_lock(lockClass, id mod 2^31)`, a key space apart from the migrator's one-key lock):
    /// "tlnt" in ASCII.
    public static let lockClass: Int32 = 0x746C_6E74
}
