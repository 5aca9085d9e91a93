public import Foundation

/// One claimed job as the worker sees it: a row of `queue.job` at the moment this worker claimed it.
///
/// `attempt` already counts this run (the claim adds one), so the first run has `attempt == 1`.
/// A `Job` is a value copied out of the claim's result; it never changes when the row does.
public struct Job: Sendable, Hashable {
    /// The row's id (`queue.job.id`).
    public let id: Int64
    /// The stable kind name that selects the handler (`queue.job.kind`), e.g. `"noop"`.
    public let kind: String
    /// The named queue the job was claimed from (`queue.job.queue`).
    public let queue: String
    /// The payload as UTF-8 JSON text (`queue.job.payload`), decoded by the handler's `JobKind` payload type.
    public let payload: Data
    /// This run's attempt number, 1 for the first run.
    public let attempt: Int
    /// Attempts allowed; a failure at `attempt >= maxAttempts` discards the job.
    public let maxAttempts: Int
    /// 0 (runs first) to 100.
    public let priority: Int
    /// The earliest run time the job had when it was claimed.
    public let runAt: Date
    /// When the job was enqueued.
    public let createdAt: Date
    /// When this worker's lease ends unless the heartbeat extends it.
    public let leaseExpiresAt: Date
    /// The job key given at enqueue, if any.
    public let jobKey: String?

    /// Makes a job value; the worker builds these from the claim's rows.
    public init(
        id: Int64, kind: String, queue: String, payload: Data, attempt: Int, maxAttempts: Int, priority: Int,
        runAt: Date, createdAt: Date, leaseExpiresAt: Date, jobKey: String?
    ) {
        self.id = id
        self.kind = kind
        self.queue = queue
        self.payload = payload
        self.attempt = attempt
        self.maxAttempts = maxAttempts
        self.priority = priority
        self.runAt = runAt
        self.createdAt = createdAt
        self.leaseExpiresAt = leaseExpiresAt
        self.jobKey = jobKey
    }
}
