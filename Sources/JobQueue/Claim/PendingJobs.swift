public import Foundation
public import Postgres

/// The jobs of one queue still to run, read when a claim found nothing: what decides whether a worker started with
/// ``WorkerConfiguration/exitWhenIdle`` keeps waiting. They are the jobs `available` or `retryable` (due at their
/// run_at), and the jobs `running` under a worker that is gone (no `queue.worker` row without `stopped_at` whose
/// last heartbeat is within its lease): those are due when their lease expires, for the lease rescue then returns
/// them to `retryable`. Jobs running under a live worker are that worker's to finish.
public struct PendingJobs: Sendable, Hashable {
    /// Jobs available or retryable in the queue, whatever their run_at, plus those running under a gone worker.
    public let count: Int
    /// The earliest time one of them is due (run_at, or the lease expiry of an orphaned one); nil when there are none.
    public let nextRunAt: Date?
    /// Seconds from the database's now to ``nextRunAt`` (0 or less when already due); nil when there are none.
    public let secondsUntilNext: Double?
    /// The queue is paused (`queue.queue.paused_at` set): none of them will be claimed until it is resumed.
    public let paused: Bool

    public init(count: Int, nextRunAt: Date?, secondsUntilNext: Double?, paused: Bool) {
        self.count = count
        self.nextRunAt = nextRunAt
        self.secondsUntilNext = secondsUntilNext
        self.paused = paused
    }

    /// Reads the pending jobs of `queue` (one statement over the partial claim and lease indexes).
    /// - Parameter workerID: the reading worker, whose own running jobs never count.
    /// - Throws: `PostgresError`.
    public static func read(queue: String, workerID: String, on connection: Connection) throws -> PendingJobs {
        let row = try connection.execute("""
            WITH waiting AS (
                SELECT j.run_at AS due FROM queue.job AS j
                 WHERE j.queue = $1 AND j.state IN ('available', 'retryable')
                UNION ALL
                SELECT j.lease_expires_at FROM queue.job AS j
                 WHERE j.queue = $1 AND j.state = 'running' AND j.locked_by IS DISTINCT FROM $2
                   AND NOT EXISTS (
                       SELECT 1 FROM queue.worker AS w
                        WHERE w.id = j.locked_by AND w.stopped_at IS NULL
                          AND w.last_seen_at >= now() - make_interval(secs => w.lease_seconds)))
            SELECT count(*)::bigint AS pending, min(due) AS next_run_at,
                   extract(epoch FROM min(due) - now())::float8 AS seconds_until_next,
                   EXISTS (SELECT 1 FROM queue.queue AS q WHERE q.name = $1 AND q.paused_at IS NOT NULL) AS paused
              FROM waiting
            """, [queue, workerID], name: "queue.pending").rows.first
        guard let row else { return PendingJobs(count: 0, nextRunAt: nil, secondsUntilNext: nil, paused: false) }
        return PendingJobs(count: try row.decode("pending"), nextRunAt: try row.decode("next_run_at"),
                           secondsUntilNext: try row.decode("seconds_until_next"), paused: try row.decode("paused"))
    }
}
