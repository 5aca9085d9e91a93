public import Postgres

/// Extends the leases of the jobs a worker is running, so a live worker keeps its jobs however long they take, and
/// tells the worker which of its jobs it no longer owns.
public enum Heartbeat {
    static let extendSQL = """
        UPDATE queue.job AS j
        SET lease_expires_at = now() + make_interval(secs => $2::double precision)
        FROM unnest($3::bigint[], $4::bigint[]) AS r(id, attempt)
        WHERE j.id = r.id AND j.attempt = r.attempt AND j.state = 'running' AND j.locked_by = $1
        RETURNING j.id, j.attempt
        """

    /// Sets the lease of each listed job still running under `workerID` at the listed attempt to now + `lease`
    /// seconds (autocommit).
    /// - Parameters:
    ///   - jobs: `(id, attempt)` of the jobs this worker is running right now (only these: a job whose slot was
    ///     released keeps no lease alive).
    ///   - lease: the lease length in seconds (> 0).
    /// - Returns: the jobs whose lease was extended; a listed job missing from it is no longer running under this
    ///   worker and attempt (cancelled by an operator, rescued after its lease expired, or just finished).
    /// - Throws: `PostgresError` from the statement.
    @discardableResult
    public static func extendLeases(
        workerID: String, jobs: [(id: Int64, attempt: Int)], lease: Double, on connection: Connection
    ) throws -> Set<LeasedJob> {
        guard !jobs.isEmpty else { return [] }
        let result = try connection.execute(
            extendSQL, [workerID, lease, jobs.map(\.id), jobs.map(\.attempt)], name: "queue.heartbeat")
        return Set(try result.rows.map { LeasedJob(id: try $0.decode("id"), attempt: try $0.decode("attempt")) })
    }

    /// A job id with the attempt its lease belongs to.
    public struct LeasedJob: Sendable, Hashable {
        public let id: Int64
        public let attempt: Int

        public init(id: Int64, attempt: Int) {
            self.id = id
            self.attempt = attempt
        }
    }
}
