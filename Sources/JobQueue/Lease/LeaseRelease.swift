public import Postgres

/// Gives running jobs back without counting the attempt: used when a worker shuts down before its jobs finish, so
/// another worker takes them at once instead of waiting for the lease to expire.
public enum LeaseRelease {
    static let releaseSQL = """
        WITH released AS (
            UPDATE queue.job AS j
            SET state = CASE WHEN j.attempt > 1 THEN 'retryable' ELSE 'available' END,
                attempt = j.attempt - 1,
                run_at = now(),
                lease_expires_at = NULL
            FROM unnest($2::bigint[], $3::bigint[]) AS r(id, attempt)
            WHERE j.id = r.id AND j.attempt = r.attempt AND j.state = 'running' AND j.locked_by = $1
            RETURNING j.id, j.queue
        )
        SELECT (SELECT count(*) FROM released) AS released,
               (SELECT count(pg_notify('talenta_jobs', q.queue)) FROM (SELECT DISTINCT queue FROM released) AS q) AS woken
        """

    /// Releases each job still running under `workerID` at the given attempt: back to `available` (`retryable` if
    /// it had failed before) with run_at = now, the attempt count lowered by one, and a wake-up notification.
    /// Fenced: a job that finished, was cancelled or rescued meanwhile is left alone.
    /// - Parameter jobs: `(id, attempt)` of each job to release.
    /// - Returns: how many were released.
    /// - Throws: `PostgresError` from the statement.
    @discardableResult
    public static func release(
        _ jobs: [(id: Int64, attempt: Int)], workerID: String, on connection: Connection
    ) throws -> Int {
        guard !jobs.isEmpty else { return 0 }
        let result = try connection.execute(
            releaseSQL, [workerID, jobs.map(\.id), jobs.map(\.attempt)], name: "queue.release")
        return try result.rows.first?.decode("released", as: Int.self) ?? 0
    }
}
