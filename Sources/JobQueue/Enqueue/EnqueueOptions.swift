public import Foundation

/// Where and when an enqueued job runs; the same arguments as `queue.enqueue` beyond kind and payload.
public struct EnqueueOptions: Sendable, Hashable {
    /// Named queue. Default `"default"`; 1–64 characters of letters, digits and `_ . : / -`.
    public var queue: String
    /// Earliest run time. Default nil: now (the database's clock).
    public var runAt: Date?
    /// 0 (runs first) to 100. Default 0.
    public var priority: Int
    /// Attempts allowed, ≥ 1. Default 20.
    public var maxAttempts: Int
    /// Idempotency key (1–255 characters): while a job with this key is available, retryable or running,
    /// enqueueing returns that job's id instead of adding one. Default nil (no key).
    public var jobKey: String?

    /// Options with the defaults of `queue.enqueue`.
    public init(
        queue: String = "default", runAt: Date? = nil, priority: Int = 0, maxAttempts: Int = 20, jobKey: String? = nil
    ) {
        self.queue = queue
        self.runAt = runAt
        self.priority = priority
        self.maxAttempts = maxAttempts
        self.jobKey = jobKey
    }
}
