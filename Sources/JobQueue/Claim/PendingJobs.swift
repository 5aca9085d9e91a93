public import Foundation
public import Postgres

/// The jobs of one queue still to run (state `available` or `retryable`, due now or later), read when a claim found
/// nothing: what decides whether a worker started with ``WorkerConfiguration/exitWhenIdle`` keeps waiting.
public struct PendingJobs: Sendable, Hashable {
    /// Jobs available or retryable in the queue, whatever their run_at.
    public let count: Int
    /// The earliest run_at among them; nil when there are none.
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

    /// Reads the pending jobs of `queue` (one statement over the partial claim index).
    /// - Throws: `PostgresError`.
    public static func read(queue: String, on connection: Connection) throws -> PendingJobs {
        let row = try connection.execute("""
            SELECT count(*)::bigint AS pending, min(run_at) AS next_run_at,
                   extract(epoch FROM min(run_at) - now())::float8 AS seconds_until_next,
                   EXISTS (SELECT 1 FROM queue.queue AS q WHERE q.name = $1 AND q.paused_at IS NOT NULL) AS paused
              FROM queue.job
             WHERE queue = $1 AND state IN ('available', 'retryable')
            """, [queue], name: "queue.pending").rows.first
        guard let row else { return PendingJobs(count: 0, nextRunAt: nil, secondsUntilNext: nil, paused: false) }
        return PendingJobs(count: try row.decode("pending"), nextRunAt: try row.decode("next_run_at"),
                           secondsUntilNext: try row.decode("seconds_until_next"), paused: try row.decode("paused"))
    }
}
