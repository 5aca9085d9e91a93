public import Foundation
public import Postgres

/// Records how an attempt ended. Every change is fenced: it applies only while the row is still `running` under
/// the same worker and attempt, so a worker that lost its lease can never complete or fail a job it no longer owns.
public enum JobOutcomes {
    static let completeSQL = """
        UPDATE queue.job
        SET state = 'completed', finished_at = now(), lease_expires_at = NULL
        WHERE id = $1 AND state = 'running' AND locked_by = $2 AND attempt = $3::integer
        """

    static let completeManySQL = """
        UPDATE queue.job AS j
        SET state = 'completed', finished_at = now(), lease_expires_at = NULL
        WHERE j.id = ANY ($2::bigint[]) AND j.state = 'running' AND j.locked_by = $1
          AND j.attempt = ($3::bigint[])[array_position($2::bigint[], j.id)]
        RETURNING j.id
        """

    static let failSQL = """
        UPDATE queue.job
        SET state = CASE WHEN $4::boolean OR attempt >= max_attempts THEN 'discarded' ELSE 'retryable' END,
            run_at = CASE WHEN $4::boolean OR attempt >= max_attempts THEN run_at
                          ELSE now() + make_interval(secs => $5::double precision) END,
            finished_at = CASE WHEN $4::boolean OR attempt >= max_attempts THEN now() END,
            lease_expires_at = NULL,
            last_error = $6,
            errors = errors || jsonb_build_array(jsonb_build_object(
                'attempt', attempt, 'at', now(), 'error', $6::text, 'kind', $7::text))
        WHERE id = $1 AND state = 'running' AND locked_by = $2 AND attempt = $3::integer
        RETURNING state, run_at
        """

    /// The longest error message stored on a row, in characters; longer ones are cut with a marker.
    public static let maxErrorLength = 4_000

    /// Marks a job completed. Call it inside the handler's transaction, after the handler, so its writes and the
    /// completion commit together.
    /// - Throws: ``LeaseLostError`` when the row is no longer running under `workerID` and `job.attempt` (the
    ///   caller must let it propagate so the transaction rolls back); `PostgresError` from the statement.
    public static func complete(_ job: Job, workerID: String, on connection: Connection) throws {
        let result = try connection.execute(completeSQL, [job.id, workerID, job.attempt], reusing: "queue.complete")
        guard result.affectedRows == 1 else {
            throw LeaseLostError(jobID: job.id, attempt: job.attempt, workerID: workerID)
        }
    }

    /// Marks many jobs completed with one statement (autocommit), each fenced on this worker and its attempt like
    /// ``complete(_:workerID:on:)`` (the attempt is looked up by the id's position in the arrays, without a join
    /// whose generic plan, when prepared, would compare every running row with every listed job). Only for attempts whose handler wrote nothing to the database: there is no
    /// transaction of theirs for the completion to join (see ``WorkerPool``'s batched completions).
    /// - Parameter jobs: `(id, attempt)` of each job.
    /// - Returns: the ids completed; a listed job missing from it had left this worker (cancelled, rescued) and was
    ///   left alone.
    /// - Throws: `PostgresError` from the statement.
    @discardableResult
    public static func completeMany(
        _ jobs: [(id: Int64, attempt: Int)], workerID: String, on connection: Connection
    ) throws -> Set<Int64> {
        guard !jobs.isEmpty else { return [] }
        let result = try connection.execute(
            completeManySQL, [workerID, jobs.map(\.id), jobs.map(\.attempt)], reusing: "queue.complete_many")
        return Set(try result.rows.map { try $0.decode("id", as: Int64.self) })
    }

    /// The row's state after a recorded failure.
    public struct FailureRecord: Sendable, Hashable {
        /// `retryable` or `discarded`.
        public let state: String
        /// When a retryable job runs next (for a discarded job, its last run_at).
        public let runAt: Date
    }

    /// Records a failed attempt in its own short statement (autocommit, outside the rolled-back job transaction):
    /// appends `{attempt, at, error, kind}` to `errors`, sets `last_error`, and makes the job `retryable` at
    /// now + `decision`'s delay, or `discarded` when the decision says so or the attempts are used up.
    /// - Parameters:
    ///   - message: the error text to store (cut to ``maxErrorLength`` characters; keep personal data out).
    ///   - kind: why, as a ``JobErrorKind``.
    /// - Returns: the new state, or nil when the row is no longer running under this worker and attempt (lease
    ///   lost: nothing was changed).
    /// - Throws: `PostgresError` from the statement.
    @discardableResult
    public static func fail(
        _ job: Job, workerID: String, decision: RetryDecision, message: String, kind: JobErrorKind,
        on connection: Connection
    ) throws -> FailureRecord? {
        let discard: Bool
        let delay: Double
        switch decision {
        case .discard: (discard, delay) = (true, 0)
        case .retry(let seconds): (discard, delay) = (false, max(0, seconds))
        }
        let result = try connection.execute(failSQL, [
            job.id, workerID, job.attempt, discard, delay, truncated(message), kind.rawValue,
        ], name: "queue.fail")
        guard let row = result.rows.first else { return nil }
        return FailureRecord(state: try row.decode("state"), runAt: try row.decode("run_at"))
    }

    private static func truncated(_ message: String) -> String {
        guard message.count > maxErrorLength else { return message }
        return String(message.prefix(maxErrorLength)) + " …(truncated)"
    }
}
