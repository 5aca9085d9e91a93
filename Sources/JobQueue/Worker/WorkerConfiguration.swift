/// How a ``WorkerPool`` runs. Each field states its default and valid range; ``validate()`` checks them all.
public struct WorkerConfiguration: Sendable, Hashable {
    /// Jobs run at once (slots), each on its own connection. Default 4; valid range 1...256.
    public var concurrency: Int
    /// The queue to claim from. Default `"default"`; 1–64 characters of letters, digits and `_ . : / -`.
    public var queue: String
    /// Seconds between claims when no notification arrives (the polling fallback, and the pick-up delay of jobs
    /// whose run_at passes without a notification, e.g. retries). Default 1; valid range 0.01...3,600.
    public var pollInterval: Double
    /// Seconds a claim's lease lasts; the heartbeat extends it every `lease / 3` while the job runs.
    /// Default 30; valid range 1...86,400.
    public var lease: Double
    /// Stop when no job is claimable (none available or retryable with run_at <= now in this queue) and none is
    /// running. Jobs scheduled later, including retries waiting out their backoff, do not keep the worker alive.
    /// Default false (run until ``WorkerPool/shutdown()``).
    public var exitWhenIdle: Bool
    /// LISTEN on `talenta_jobs` to claim as soon as a job is enqueued. Default true; false polls only (for
    /// poolers in transaction mode).
    public var listen: Bool
    /// Backoff after failed attempts. Default ``RetryPolicy/default``.
    public var retryPolicy: RetryPolicy
    /// Seconds to wait for a pooled connection before a job or a claim gives up and is retried. Default 30;
    /// valid range 0.1...3,600.
    public var connectionTimeout: Double
    /// `application_name` of the worker's connections (seen in `pg_stat_activity`). Default `"talenta-worker"`.
    public var applicationName: String

    /// A configuration with the documented defaults, overridden by the arguments given.
    public init(
        concurrency: Int = 4, queue: String = "default", pollInterval: Double = 1, lease: Double = 30,
        exitWhenIdle: Bool = false, listen: Bool = true, retryPolicy: RetryPolicy = .default,
        connectionTimeout: Double = 30, applicationName: String = "talenta-worker"
    ) {
        self.concurrency = concurrency
        self.queue = queue
        self.pollInterval = pollInterval
        self.lease = lease
        self.exitWhenIdle = exitWhenIdle
        self.listen = listen
        self.retryPolicy = retryPolicy
        self.connectionTimeout = connectionTimeout
        self.applicationName = applicationName
    }

    /// Seconds between heartbeats: a third of the lease, so two heartbeats may fail before a lease runs out.
    public var heartbeatInterval: Double { lease / 3 }

    /// Connections the worker's pool may open: one per slot, plus the claim loop and the heartbeat.
    public var connectionPoolSize: Int { concurrency + 2 }

    /// Checks every field's range.
    /// - Throws: ``JobQueueError`` with code `invalidConfiguration` naming the first field out of range.
    public func validate() throws(JobQueueError) {
        func invalid(_ message: String) -> JobQueueError { JobQueueError(code: .invalidConfiguration, message: message) }
        guard (1...256).contains(concurrency) else { throw invalid("concurrency must be between 1 and 256") }
        guard JobKindName.isValid(queue, maxLength: 64) else {
            throw invalid("queue must be 1-64 characters of letters, digits and _ . : / -, starting with a letter or digit")
        }
        guard pollInterval.isFinite, (0.01...3_600).contains(pollInterval) else {
            throw invalid("poll interval must be between 0.01 and 3600 seconds")
        }
        guard lease.isFinite, (1...86_400).contains(lease) else {
            throw invalid("lease must be between 1 and 86400 seconds")
        }
        guard connectionTimeout.isFinite, (0.1...3_600).contains(connectionTimeout) else {
            throw invalid("connection timeout must be between 0.1 and 3600 seconds")
        }
        if let problem = retryPolicy.validationProblem { throw invalid(problem) }
    }
}
