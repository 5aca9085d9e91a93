public import Postgres

/// Returns jobs whose lease expired (their worker died, was killed, or lost the database for longer than its lease)
/// to `retryable`, or `discarded` when their attempts are used up, through `queue.rescue_expired_leases`.
///
/// Leader-free: every worker runs it at each heartbeat, and concurrent rescuers never conflict because the SQL
/// function locks the expired rows with `FOR UPDATE SKIP LOCKED` and re-checks the lease in its one UPDATE; each
/// expired job is rescued exactly once, with `{"error": "lease expired", "kind": "lease_expired"}` in its history.
public enum LeaseRescuer {
    static let rescueSQL = "SELECT job_id, new_state FROM queue.rescue_expired_leases($1::integer)"

    /// One rescued job.
    public struct Rescued: Sendable, Hashable {
        /// The job's id.
        public let jobID: Int64
        /// `retryable` (runnable at once) or `discarded` (its last attempt expired).
        public let state: String
    }

    /// Rescues up to `batchSize` expired leases (autocommit).
    /// - Parameter batchSize: 1...100,000.
    /// - Returns: the rescued jobs (empty when none had expired).
    /// - Throws: `PostgresError` from the function (22023 for a batch size out of range).
    @discardableResult
    public static func rescue(batchSize: Int, on connection: Connection) throws -> [Rescued] {
        let result = try connection.execute(rescueSQL, [batchSize], name: "queue.rescue")
        return try result.rows.map { row in
            Rescued(jobID: try row.decode("job_id"), state: try row.decode("new_state"))
        }
    }
}
