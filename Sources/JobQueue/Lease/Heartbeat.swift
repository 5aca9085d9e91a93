public import Postgres

/// Extends the leases of the jobs a worker is running, so a live worker keeps its jobs however long they take.
public enum Heartbeat {
    static let extendSQL = """
        UPDATE queue.job
        SET lease_expires_at = now() + make_interval(secs => $2::double precision)
        WHERE state = 'running' AND locked_by = $1 AND id = ANY($3::bigint[])
        """

    /// Sets the lease of each listed job still running under `workerID` to now + `lease` seconds (autocommit).
    /// - Parameters:
    ///   - jobIDs: the jobs this worker is running right now (only these: a job whose slot was released keeps no
    ///     lease alive).
    ///   - lease: the lease length in seconds (> 0).
    /// - Returns: how many leases were extended (fewer than `jobIDs.count` when some were lost or just finished).
    /// - Throws: `PostgresError` from the statement.
    @discardableResult
    public static func extendLeases(
        workerID: String, jobIDs: [Int64], lease: Double, on connection: Connection
    ) throws -> Int {
        guard !jobIDs.isEmpty else { return 0 }
        let result = try connection.execute(extendSQL, [workerID, lease, jobIDs], name: "queue.heartbeat")
        return result.affectedRows
    }
}
