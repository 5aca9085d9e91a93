public import Postgres

/// A fan-out of assessment batches over a review period (`talent.review_run`), and its completion count.
///
/// The batch that completes the count learns it in its own transaction (one `UPDATE … RETURNING`), so whatever
/// must follow every batch (succession planning) is started exactly once, without anyone waiting or polling.
public enum ReviewRuns {
    /// What started a run.
    public enum Kind: String, Sendable {
        case annualReview = "annual_review"
        case recalculation
    }

    /// Starts a run of `batches` batches.
    /// - Parameter startedBy: the id of whatever started it (the queue job), kept for operators.
    /// - Returns: the run's id.
    /// - Throws: `PostgresError`.
    public static func start(periodID: Int64, kind: Kind, batches: Int, startedBy: Int64?,
                             on connection: Connection) throws -> Int64 {
        try connection.execute("""
            INSERT INTO talent.review_run (period_id, kind, started_by_job, batches_total, finished_at)
            VALUES ($1, $2, $3, $4::integer, CASE WHEN $4::integer = 0 THEN now() END)
            RETURNING id
            """, [periodID, kind.rawValue, startedBy, batches], name: "talent.start_run")
            .rows[0].decode("id", as: Int64.self)
    }

    /// Counts batch `batch` of run `runID` as done, once: a batch that runs again is not counted twice.
    /// - Returns: true exactly when this call counted the run's last batch.
    /// - Throws: `StoreError` (`.notFound`) when the run does not exist or the batch number is outside
    ///   1 … batches_total; `PostgresError`.
    /// - Important: call it last in the batch's transaction: it locks the run's row until that transaction ends.
    public static func recordBatch(runID: Int64, batch: Int, employees: Int, by source: Int64?,
                                   on connection: Connection) throws -> Bool {
        let rows = try connection.execute("""
            WITH counted AS (
                INSERT INTO talent.review_batch (run_id, batch, employees, job_id)
                SELECT r.id, $2::integer, $3::integer, $4 FROM talent.review_run r
                 WHERE r.id = $1 AND $2::integer BETWEEN 1 AND r.batches_total
                ON CONFLICT (run_id, batch) DO NOTHING
                RETURNING run_id
            )
            UPDATE talent.review_run r
               SET batches_done = r.batches_done + 1,
                   finished_at = CASE WHEN r.batches_done + 1 = r.batches_total THEN now() END
              FROM counted c
             WHERE r.id = c.run_id
            RETURNING r.batches_done = r.batches_total AS finished
            """, [runID, batch, employees, source], name: "talent.record_batch").rows
        if let row = rows.first { return try row.decode("finished", as: Bool.self) }
        let known = try connection.execute("""
            SELECT 1 FROM talent.review_run WHERE id = $1 AND $2::integer BETWEEN 1 AND batches_total
            """, [runID, batch], name: "talent.check_batch").rows
        guard !known.isEmpty else {
            throw StoreError(.notFound, "review run \(runID) does not exist or has no batch \(batch)")
        }
        return false
    }
}
