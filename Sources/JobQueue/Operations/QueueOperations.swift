public import Postgres

/// The operator's actions on jobs and queues, each one call of the SQL function of the same name (so `psql` and
/// `talenta` share one set of rules). Thread safety: uses `connection` on the calling thread only.
public enum QueueOperations {
    /// Cancels an available, retryable or running job (`queue.cancel`). A running job's worker stops it at its next
    /// heartbeat and rolls its writes back.
    /// - Returns: the state the job had.
    /// - Throws: `PostgresError`: P0002 for an unknown id, 55000 for a job already finished.
    @discardableResult
    public static func cancel(jobID: Int64, on connection: Connection) throws -> String {
        try single("SELECT queue.cancel($1) AS previous", [jobID], name: "queue.cancel", on: connection)
    }

    /// Makes a discarded or cancelled job available again (`queue.retry`).
    /// - Returns: the state the job had.
    /// - Throws: `PostgresError`: P0002 for an unknown id, 55000 for a job in another state, 23505 when another job
    ///   with its job key is pending.
    @discardableResult
    public static func retry(jobID: Int64, on connection: Connection) throws -> String {
        try single("SELECT queue.retry($1) AS previous", [jobID], name: "queue.retry", on: connection)
    }

    /// Pauses a queue (`queue.pause`): workers claim nothing from it until ``resume(queue:on:)``.
    /// - Throws: `PostgresError` 22023 for a malformed name.
    public static func pause(queue: String, on connection: Connection) throws {
        try connection.execute("SELECT queue.pause($1)", [queue], name: "queue.pause")
    }

    /// Resumes a queue (`queue.resume`) and wakes its workers.
    /// - Throws: `PostgresError` 22023 for a malformed name.
    public static func resume(queue: String, on connection: Connection) throws {
        try connection.execute("SELECT queue.resume($1)", [queue], name: "queue.resume")
    }

    /// Whether a queue is paused (`queue.queue.paused_at` set); a queue never paused has no row and is not.
    /// - Throws: `PostgresError` from the query.
    public static func isPaused(queue: String, on connection: Connection) throws -> Bool {
        let result = try connection.execute(
            "SELECT EXISTS (SELECT 1 FROM queue.queue WHERE name = $1 AND paused_at IS NOT NULL) AS paused",
            [queue], name: "queue.is_paused")
        return try result.rows.first?.decode("paused", as: Bool.self) ?? false
    }

    /// Deletes finished jobs past their retention by calling `queue.prune` until it deletes nothing, each batch in
    /// its own short transaction (autocommit), so no lock is held for long.
    /// - Parameters:
    ///   - completedOlderThan: retention of completed and cancelled jobs as a Postgres interval, e.g. `"7 days"`.
    ///   - discardedOlderThan: retention of discarded jobs, e.g. `"30 days"`.
    ///   - batchSize: jobs per batch, 1...10,000.
    /// - Returns: the number of jobs deleted.
    /// - Throws: `PostgresError`: 22007 / 22023 for a malformed or negative interval or a batch size out of range.
    /// - Important: `connection` must not be inside a transaction, or every batch would share it.
    public static func prune(
        completedOlderThan: String = "7 days", discardedOlderThan: String = "30 days", batchSize: Int = 1_000,
        on connection: Connection
    ) throws -> Int {
        var total = 0
        while true {
            let result = try connection.execute(
                "SELECT queue.prune($1::interval, $2::interval, $3::integer) AS deleted",
                [completedOlderThan, discardedOlderThan, batchSize], name: "queue.prune")
            let deleted = try result.rows.first?.decode("deleted", as: Int.self) ?? 0
            total += deleted
            if deleted < batchSize { return total }
        }
    }

    private static func single(
        _ sql: String, _ parameters: [any PostgresEncodable & Sendable], name: String, on connection: Connection
    ) throws -> String {
        guard let row = try connection.execute(sql, parameters, name: name).rows.first else {
            throw JobQueueError.unexpectedResult(statement: name)
        }
        return try row.decode("previous", as: String.self)
    }
}
