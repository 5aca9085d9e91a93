public import Postgres

/// Extends the leases of the jobs a worker is running, so a live worker keeps its jobs however long they take, and
/// tells the worker which of its jobs it no longer owns.
public enum Heartbeat {
    static let extendSQL = """
        UPDATE queue.job
        SET lease_expires_at = now() + make_interval(secs => $2::double precision)
        WHERE state = 'running' AND locked_by = $1 AND id = ANY($3::bigint[])
        RETURNING id
        """

    /// Sets the lease of each listed job still running under `workerID` to now + `lease` seconds (autocommit).
    /// - Parameters:
    ///   - jobIDs: the jobs this worker is running right now (only these: a job whose slot was released keeps no
    ///     lease alive).
    ///   - lease: the lease length in seconds (> 0).
    /// - Returns: the ids whose lease was extended; a listed id missing from it is no longer running under this
    ///   worker (cancelled by an operator, rescued after its lease expired, or just finished).
    /// - Throws: `PostgresError` from the statement.
    @discardableResult
    public static func extendLeases(
        workerID: String, jobIDs: [Int64], lease: Double, on connection: Connection
    ) throws -> Set<Int64> {
        guard !jobIDs.isEmpty else { return [] }
        let result = try connection.execute(extendSQL, [workerID, lease, jobIDs], name: "queue.heartbeat")
        return Set(try result.rows.map { try $0.decode("id", as: Int64.self) })
    }
}
