public import Foundation
public import Postgres

/// The jobs of one queue still to run, read when a claim found nothing and no slot is busy: what decides whether a
/// worker started with ``WorkerConfiguration/exitWhenIdle`` keeps waiting. They are the jobs `available` or
/// `retryable` (due at their run_at), and the jobs `running` that nobody is working on: under a worker that is gone
/// (no `queue.worker` row without `stopped_at` whose last heartbeat is within its lease), or under the reading
/// worker itself, which holds none in its slots when it asks (it gave them up, e.g. when the database went away
/// while they ran). Those are due when their lease expires, for the lease rescue then returns them to `retryable`.
/// Jobs running under another live worker are that worker's to finish; they are counted apart.
public struct PendingJobs: Sendable, Hashable {
    /// Jobs available or retryable in the queue, whatever their run_at, plus those running under nobody's care.
    public let count: Int
    /// The earliest time one of them is due (run_at, or the lease expiry of an orphaned one); nil when there are none.
    public let nextRunAt: Date?
    /// Seconds from the database's now to ``nextRunAt`` (0 or less when already due); nil when there are none.
    public let secondsUntilNext: Double?
    /// The queue is paused (`queue.queue.paused_at` set): none of them will be claimed until it is resumed.
    public let paused: Bool
    /// Jobs of the queue running under other live workers (not in ``count``). A worker killed less than a lease ago
    /// still counts as live: its jobs come back through the lease rescue once their lease ends.
    public let runningElsewhere: Int

    public init(count: Int, nextRunAt: Date?, secondsUntilNext: Double?, paused: Bool, runningElsewhere: Int) {
        self.count = count
        self.nextRunAt = nextRunAt
        self.secondsUntilNext = secondsUntilNext
        self.paused = paused
        self.runningElsewhere = runningElsewhere
    }

    /// Reads the pending jobs of `queue` (one statement over the partial claim and lease indexes).
    /// - Parameter workerID: the reading worker; call it only while none of its slots is busy, since its own running
    ///   jobs count as given up.
    /// - Throws: `PostgresError`.
    public static func read(queue: String, workerID: String, on connection: Connection) throws -> PendingJobs {
        let row = try connection.execute("""
            WITH running AS (
                SELECT j.lease_expires_at,
                       j.locked_by IS DISTINCT FROM $2 AND EXISTS (
                           SELECT 1 FROM queue.worker AS w
                            WHERE w.id = j.locked_by AND w.stopped_at IS NULL
                              AND w.last_seen_at >= now() - make_interval(secs => w.lease_seconds)) AS elsewhere
                  FROM queue.job AS j
                 WHERE j.queue = $1 AND j.state = 'running'),
            waiting AS (
                SELECT j.run_at AS due FROM queue.job AS j
                 WHERE j.queue = $1 AND j.state IN ('available', 'retryable')
                UNION ALL
                SELECT r.lease_expires_at FROM running AS r WHERE NOT r.elsewhere)
            SELECT count(*)::bigint AS pending, min(due) AS next_run_at,
                   extract(epoch FROM min(due) - now())::float8 AS seconds_until_next,
                   EXISTS (SELECT 1 FROM queue.queue AS q WHERE q.name = $1 AND q.paused_at IS NOT NULL) AS paused,
                   (SELECT count(*) FROM running WHERE elsewhere)::bigint AS running_elsewhere
              FROM waiting
            """, [queue, workerID], name: "queue.pending").rows.first
        guard let row else {
            return PendingJobs(count: 0, nextRunAt: nil, secondsUntilNext: nil, paused: false, runningElsewhere: 0)
        }
        return PendingJobs(count: try row.decode("pending"), nextRunAt: try row.decode("next_run_at"),
                           secondsUntilNext: try row.decode("seconds_until_next"), paused: try row.decode("paused"),
                           runningElsewhere: try row.decode("running_elsewhere"))
    }
}
