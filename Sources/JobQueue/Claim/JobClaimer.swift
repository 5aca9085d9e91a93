public import Postgres
import Foundation

/// Claims claimable jobs for one worker with one statement.
///
/// Claimable: state `available` or `retryable`, in the given queue, `run_at <= now()`, and the queue not paused
/// (`queue.queue.paused_at` unset; checked once per claim); taken in order of
/// `priority, run_at, id` (served by the partial index `queue.job_claim_idx`). `FOR UPDATE SKIP LOCKED` lets
/// concurrent workers claim disjoint rows without waiting on each other; each claimed row becomes `running` with
/// `attempt + 1`, `locked_by` = the worker id and a lease of `lease` seconds.
public enum JobClaimer {
    static let claimSQL = """
        UPDATE queue.job AS j
        SET state = 'running',
            attempt = j.attempt + 1,
            locked_by = $1,
            lease_expires_at = now() + make_interval(secs => $2::double precision),
            started_at = now()
        WHERE j.id IN (
                SELECT c.id FROM queue.job AS c
                WHERE c.state IN ('available', 'retryable') AND c.queue = $3 AND c.run_at <= now()
                  AND NOT EXISTS (SELECT 1 FROM queue.queue AS p WHERE p.name = $3 AND p.paused_at IS NOT NULL)
                ORDER BY c.priority, c.run_at, c.id
                FOR UPDATE SKIP LOCKED
                LIMIT $4::integer)
          AND j.state IN ('available', 'retryable')
        RETURNING j.id, j.kind, j.queue, j.payload::text AS payload, j.attempt, j.max_attempts, j.priority,
                  j.run_at, j.created_at, j.lease_expires_at, j.job_key
        """

    /// Claims up to `limit` jobs (autocommit: the claim commits on return).
    /// - Parameters:
    ///   - workerID: the claiming worker's id, stored in `locked_by`.
    ///   - queue: the queue name to claim from.
    ///   - lease: the lease length in seconds (> 0).
    ///   - limit: the most jobs to claim (the worker's free slots), ≥ 1.
    ///   - connection: used on the calling thread; must not be inside a transaction that stays open.
    /// - Returns: the claimed jobs in claim order (possibly empty).
    /// - Throws: `PostgresError` from the statement.
    public static func claim(
        workerID: String, queue: String, lease: Double, limit: Int, on connection: Connection
    ) throws -> [Job] {
        let result = try connection.execute(claimSQL, [workerID, lease, queue, limit], name: "queue.claim")
        let jobs = try result.rows.map { row in
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
        return jobs.sorted { ($0.priority, $0.runAt, $0.id) < ($1.priority, $1.runAt, $1.id) }
    }
}
