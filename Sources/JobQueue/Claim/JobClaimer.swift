public import Postgres
import Foundation

/// Claims claimable jobs for one worker with one statement.
///
/// Claimable: state `available` or `retryable`, in the given queue, `run_at <= now()`, and the queue not paused
/// (`queue.queue.paused_at` unset; checked once per claim); taken in order of
/// `priority, run_at, id` (served by the partial index `queue.job_claim_idx`). `FOR UPDATE SKIP LOCKED` lets
/// concurrent workers claim disjoint rows without waiting on each other; each claimed row becomes `running` with
/// `attempt + 1`, `locked_by` = the worker id and a lease of `lease` seconds. The locked ids go through an
/// `= ANY (ARRAY(…))` so that the update reaches them by primary key whatever the plan: a prepared claim's generic
/// plan of `IN (…)` could hash-join a sequential scan of the whole table.
public enum JobClaimer {
    static let claimSQL = """
        UPDATE queue.job AS j
        SET state = 'running',
            attempt = j.attempt + 1,
            locked_by = $1,
            lease_expires_at = now() + make_interval(secs => $2::double precision),
            started_at = now()
        WHERE j.id = ANY (ARRAY(
                SELECT c.id FROM queue.job AS c
                WHERE c.state IN ('available', 'retryable') AND c.queue = $3 AND c.run_at <= now()
                  AND NOT EXISTS (SELECT 1 FROM queue.queue AS p WHERE p.name = $3 AND p.paused_at IS NOT NULL)
                ORDER BY c.priority, c.run_at, c.id
                FOR UPDATE SKIP LOCKED
                LIMIT $4::integer))
          AND j.state IN ('available', 'retryable')
        RETURNING j.id, j.kind, j.queue, j.payload::text AS payload, j.attempt, j.max_attempts, j.priority,
                  j.run_at, j.created_at, j.lease_expires_at, j.job_key
        """

    /// Discards claimed rows that cannot be read back (fenced on this worker), with the reason in `last_error`.
    static let discardUnreadableSQL = """
        UPDATE queue.job AS j
        SET state = 'discarded', finished_at = now(), lease_expires_at = NULL,
            last_error = r.reason,
            errors = j.errors || jsonb_build_array(jsonb_build_object(
                'attempt', j.attempt, 'at', now(), 'error', r.reason, 'kind', $4::text))
        FROM unnest($2::bigint[], $3::text[]) AS r(id, reason)
        WHERE j.id = r.id AND j.state = 'running' AND j.locked_by = $1
        """

    /// Makes the session run prepared statements with their generic plans (`plan_cache_mode`), for a connection
    /// that claims over and over with ``claim(workerID:queue:lease:limit:on:)`` prepared. The claim's generic plan
    /// is the one a custom plan picks (the claim index in run order, then the primary key; checked with 1,000,000
    /// jobs of random priority), but with the LIMIT unknown the server estimates it dearer and would otherwise
    /// plan every claim again. Undo with ``resetPlanChoice(on:)`` before the connection serves anything else.
    /// - Throws: `PostgresError` from the `SET`.
    public static func useGenericPlans(on connection: Connection) throws {
        try connection.executeScript("SET plan_cache_mode = force_generic_plan", name: "queue.claim_generic_plans")
    }

    /// Gives the session back its default choice between generic and custom plans.
    /// - Throws: `PostgresError` from the `RESET`.
    public static func resetPlanChoice(on connection: Connection) throws {
        try connection.executeScript("RESET plan_cache_mode", name: "queue.claim_plan_reset")
    }

    /// Claims up to `limit` jobs (autocommit: the claim commits on return).
    ///
    /// A claimed row that cannot be read back as a ``Job`` (say a `run_at` of `-infinity` written before the
    /// range check of sql/0012) is discarded at once with the reason in `last_error` (error kind
    /// ``JobErrorKind/unreadableRow``); the other claimed jobs are returned as usual, so one bad row never strands
    /// the batch.
    /// - Parameters:
    ///   - workerID: the claiming worker's id, stored in `locked_by`.
    ///   - queue: the queue name to claim from.
    ///   - lease: the lease length in seconds (> 0).
    ///   - limit: the most jobs to claim (the worker's free slots), ≥ 1.
    ///   - connection: used on the calling thread; must not be inside a transaction that stays open. With
    ///     `reusesPreparedStatements` on, the claim is prepared once on its session.
    /// - Returns: the claimed, readable jobs in claim order (possibly empty).
    /// - Throws: `PostgresError` from the claim or from discarding an unreadable row.
    public static func claim(
        workerID: String, queue: String, lease: Double, limit: Int, on connection: Connection
    ) throws -> [Job] {
        let result = try connection.execute(claimSQL, [workerID, lease, queue, limit], reusing: "queue.claim")
        var jobs: [Job] = []
        var unreadable: [(id: Int64, reason: String)] = []
        for row in result.rows {
            do {
                jobs.append(try job(from: row))
            } catch {
                unreadable.append((try row.decode("id"), "the claimed row cannot be read back: \(error)"))
            }
        }
        if !unreadable.isEmpty {
            try connection.execute(discardUnreadableSQL, [
                workerID, unreadable.map(\.id), unreadable.map(\.reason), JobErrorKind.unreadableRow.rawValue,
            ], name: "queue.discard_unreadable")
        }
        return jobs.sorted { ($0.priority, $0.runAt, $0.id) < ($1.priority, $1.runAt, $1.id) }
    }

    private static func job(from row: Row) throws -> Job {
        Job(
            id: try row.decode("id"),
            kind: try row.decode("kind"),
            queue: try row.decode("queue"),
            payload: Data(try row.decode("payload", as: String.self).utf8),
            attempt: try row.decode("attempt"),
            maxAttempts: try row.decode("max_attempts"),
            priority: try row.decode("priority"),
            runAt: try row.decode("run_at"),
            createdAt: try row.decode("created_at"),
            leaseExpiresAt: try row.decode("lease_expires_at"),
            jobKey: try row.decode("job_key"))
    }
}
