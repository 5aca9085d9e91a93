public import Postgres

/// How much work waits in one queue, from `queue.queue_status`.
public struct QueueDepth: Sendable, Hashable {
    /// The queue's name.
    public let queue: String
    /// Jobs claimable now (available or retryable, run_at <= now()).
    public let waiting: Int
    /// Seconds since the oldest waiting job became claimable; nil when none waits.
    public let oldestWaitingSeconds: Double?
    /// Jobs scheduled later (run_at in the future, retries waiting out their backoff included).
    public let scheduled: Int
    /// Jobs running (on any worker).
    public let running: Int

    public init(queue: String, waiting: Int, oldestWaitingSeconds: Double?, scheduled: Int, running: Int) {
        self.queue = queue
        self.waiting = waiting
        self.oldestWaitingSeconds = oldestWaitingSeconds
        self.scheduled = scheduled
        self.running = running
    }

    /// Reads every queue with pending or running jobs, or a `queue.queue` row, sorted by name (one statement over
    /// the pending states only).
    /// - Throws: `PostgresError`.
    public static func read(on connection: Connection) throws -> [QueueDepth] {
        try connection.execute("""
            SELECT queue, waiting, oldest_waiting_seconds, scheduled, running FROM queue.queue_status ORDER BY queue
            """, name: "queue.depth").rows.map { row in
            QueueDepth(
                queue: try row.decode("queue"), waiting: try row.decode("waiting"),
                oldestWaitingSeconds: try row.decode("oldest_waiting_seconds"), scheduled: try row.decode("scheduled"),
                running: try row.decode("running"))
        }
    }
}
