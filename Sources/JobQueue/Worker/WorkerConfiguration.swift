public import Postgres

/// How a ``WorkerPool`` runs. Each field states its default and valid range; ``validate()`` checks them all.
public struct WorkerConfiguration: Sendable, Hashable {
    /// Jobs run at once (slots), each on its own connection. Default 4; valid range 1...256.
    public var concurrency: Int
    /// The queue to claim from. Default `"default"`; 1–64 characters of letters, digits and `_ . : / -`.
    public var queue: String
    /// Seconds between claims when no notification arrives (the polling fallback, and the pick-up delay of jobs
    /// whose run_at passes without a notification, e.g. retries). Default 1; valid range 0.01...3,600.
    public var pollInterval: Double
    /// Seconds a claim's lease lasts; the heartbeat extends it every `lease / 3`, and a job whose lease expired
    /// (its worker died) is rescued by any worker's next heartbeat. Default 30; valid range 1...86,400.
    public var lease: Double
    /// Stop when no job is claimable (none available or retryable with run_at <= now in this queue) and none is
    /// running here, unless one of the queue's available or retryable jobs is due within ``idleGrace`` seconds (a
    /// retry waiting out a short backoff), or a job left running by a gone worker (no heartbeat within its lease) or
    /// given up by this one (the database went away while it ran) has a lease expiring within ``idleGrace``: then
    /// wait for it, rescue it and run it (``PendingJobs``). Exiting with jobs due later logs a warning with their
    /// number and the next run_at; the stop also names how many jobs other live workers are still running. A paused
    /// queue does not keep the worker alive. Default false (run until ``WorkerPool/shutdown()``).
    public var exitWhenIdle: Bool
    /// With ``exitWhenIdle``: seconds ahead in which a pending job's run_at keeps an idle worker waiting. Default 30;
    /// valid range 0...86,400 (0: exit as soon as nothing is claimable).
    public var idleGrace: Double
    /// LISTEN on `talenta_jobs` to claim as soon as a job is enqueued. Default true; false polls only (for
    /// PgBouncer and other poolers in transaction mode, which do not keep a session's LISTEN).
    public var listen: Bool
    /// Backoff after failed attempts. Default ``RetryPolicy/default``.
    public var retryPolicy: RetryPolicy
    /// Seconds to wait for a pooled connection before a job or a claim gives up and is retried. Default 30;
    /// valid range 0.1...3,600.
    public var connectionTimeout: Double
    /// `application_name` of the worker's connections (seen in `pg_stat_activity`). Default `"talenta-worker"`.
    public var applicationName: String
    /// Seconds a job may run, for kinds registered without a timeout of their own: past it the job's query is
    /// cancelled (`PQcancel`) and the job fails as retryable. Default 900 (15 minutes, a proposed default);
    /// valid range 0.01...604,800.
    public var defaultJobTimeout: Double
    /// Seconds the database gets to answer each of the worker's own statements (claim, heartbeat, lease extension,
    /// rescue, completion, failure record, lease release, schedule evaluation, queue and cleanup samples): past it
    /// the connection is abandoned (closed) and the statement fails as a lost connection, so a connection that
    /// stops answering without closing (a stalled network path or proxy, which keepalives do not catch) is
    /// replaced: the claim loop reconnects with ``reconnectBackoff``, the heartbeat tries again at its next beat,
    /// completions are kept and written on a new connection. A hung claim connection is thus noticed within
    /// ``pollInterval`` + this, and a hung heartbeat within this. Handlers' own statements are not limited (the
    /// job timeout is theirs), but a job's completion and COMMIT are. Keep it below a third of ``lease`` so a
    /// hung heartbeat leaves time for the next. Default 10; valid range 0.1...3,600.
    public var responseTimeout: Double
    /// Seconds a job whose query was cancelled (past its timeout, or no longer this worker's) gets to end before the
    /// worker abandons it: its connection is closed, a timed-out attempt is recorded as failed from another
    /// connection, its slot takes new jobs and its lease is no longer extended. A query whose answer cannot arrive
    /// (a stalled connection) or a handler stuck outside the database thus never holds a slot for more than the
    /// job's timeout plus this. Default 10; valid range 0...3,600.
    public var cancelGrace: Double
    /// Seconds that running jobs get to finish after ``WorkerPool/shutdown()``; past it their queries are cancelled
    /// and their leases released (the attempt does not count) so another worker takes them at once. Default 30;
    /// valid range 0...86,400.
    public var shutdownTimeout: Double
    /// Waits between reconnect attempts while the database is unreachable. Default ``ReconnectBackoff/default``.
    public var reconnectBackoff: ReconnectBackoff
    /// The most expired leases one rescue returns (`queue.rescue_expired_leases`); more wait for the next
    /// heartbeat. Default 1,000; valid range 1...100,000.
    public var rescueBatchSize: Int
    /// The version recorded in `queue.worker.version`. Default `"unknown"`; 1–64 characters.
    public var version: String
    /// The most claimed jobs held in the claim-ahead buffer beyond the slots. The worker holds what its slots run
    /// through in about two claim round trips (measured), so fast jobs start back to back and are claimed in
    /// batches; jobs slower than a claim are not held ahead at all. Default 100; valid range 0...10,000 (0: claim
    /// only for free slots).
    public var claimAheadLimit: Int
    /// libpq keywords every worker connection gets unless its URL sets them. Default
    /// `ConnectionDefaults.resilient` (TCP keepalives, `tcp_user_timeout` 10 s, `connect_timeout` 5 s), so a dead
    /// server or a half-open connection is noticed within seconds.
    public var connectionDefaults: [String: String]
    /// Evaluate the periodic schedules of `queue.schedule` (every queue's, not only ``queue``'s): fire the due ones
    /// and plan new ones (``ScheduleEvaluator``). Every worker may; the database makes each fire time enqueue one
    /// job. Default true.
    public var evaluateSchedules: Bool
    /// Seconds between schedule evaluations, so a fire time is enqueued at most this late. Default 10; valid range
    /// 0.01...3,600.
    public var scheduleInterval: Double
    /// Seconds an open transaction of the database may hold back the cleanup of `queue.job` (its dead rows) before
    /// the heartbeat logs a warning naming it (pid, application, state, age), once per transaction
    /// (``CleanupHealth``). Default 60; valid range 1...86,400.
    public var longTransactionWarning: Double

    /// A configuration with the documented defaults, overridden by the arguments given.
    public init(
        concurrency: Int = 4, queue: String = "default", pollInterval: Double = 1, lease: Double = 30,
        exitWhenIdle: Bool = false, idleGrace: Double = 30, listen: Bool = true, retryPolicy: RetryPolicy = .default,
        connectionTimeout: Double = 30, applicationName: String = "talenta-worker", defaultJobTimeout: Double = 900,
        responseTimeout: Double = 10, cancelGrace: Double = 10, shutdownTimeout: Double = 30,
        reconnectBackoff: ReconnectBackoff = .default, rescueBatchSize: Int = 1_000,
        version: String = "unknown", connectionDefaults: [String: String] = ConnectionDefaults.resilient,
        claimAheadLimit: Int = 100, evaluateSchedules: Bool = true, scheduleInterval: Double = 10,
        longTransactionWarning: Double = 60
    ) {
        self.claimAheadLimit = claimAheadLimit
        self.concurrency = concurrency
        self.queue = queue
        self.pollInterval = pollInterval
        self.lease = lease
        self.exitWhenIdle = exitWhenIdle
        self.idleGrace = idleGrace
        self.listen = listen
        self.retryPolicy = retryPolicy
        self.connectionTimeout = connectionTimeout
        self.applicationName = applicationName
        self.defaultJobTimeout = defaultJobTimeout
        self.responseTimeout = responseTimeout
        self.cancelGrace = cancelGrace
        self.shutdownTimeout = shutdownTimeout
        self.reconnectBackoff = reconnectBackoff
        self.rescueBatchSize = rescueBatchSize
        self.version = version
        self.connectionDefaults = connectionDefaults
        self.evaluateSchedules = evaluateSchedules
        self.scheduleInterval = scheduleInterval
        self.longTransactionWarning = longTransactionWarning
    }

    /// Seconds between heartbeats: a third of the lease, so two heartbeats may fail before a lease runs out.
    public var heartbeatInterval: Double { lease / 3 }

    /// Connections the worker's pool may open: one per slot, plus the claim loop (which also listens), the
    /// heartbeat and the completion batcher, plus one for recording a failure or releasing leases while every slot
    /// holds its own, plus one for the schedule evaluation when it runs.
    public var connectionPoolSize: Int { concurrency + 4 + (evaluateSchedules ? 1 : 0) }

    /// Whether the hot statements (the claim and the completions) are prepared once per connection and reused:
    /// with ``listen`` on, which needs a server session of its own anyway; off with `--no-listen`, where a
    /// transaction-mode pooler (PgBouncer) may hand every transaction another server session.
    public var reusesPreparedStatements: Bool { listen }

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
        guard idleGrace.isFinite, (0...86_400).contains(idleGrace) else {
            throw invalid("idle grace must be between 0 and 86400 seconds")
        }
        guard lease.isFinite, (1...86_400).contains(lease) else {
            throw invalid("lease must be between 1 and 86400 seconds")
        }
        guard connectionTimeout.isFinite, (0.1...3_600).contains(connectionTimeout) else {
            throw invalid("connection timeout must be between 0.1 and 3600 seconds")
        }
        guard defaultJobTimeout.isFinite, (0.01...604_800).contains(defaultJobTimeout) else {
            throw invalid("job timeout must be between 0.01 and 604800 seconds")
        }
        guard responseTimeout.isFinite, (0.1...3_600).contains(responseTimeout) else {
            throw invalid("response timeout must be between 0.1 and 3600 seconds")
        }
        guard cancelGrace.isFinite, (0...3_600).contains(cancelGrace) else {
            throw invalid("cancel grace must be between 0 and 3600 seconds")
        }
        guard shutdownTimeout.isFinite, (0...86_400).contains(shutdownTimeout) else {
            throw invalid("shutdown timeout must be between 0 and 86400 seconds")
        }
        guard scheduleInterval.isFinite, (0.01...3_600).contains(scheduleInterval) else {
            throw invalid("schedule interval must be between 0.01 and 3600 seconds")
        }
        guard longTransactionWarning.isFinite, (1...86_400).contains(longTransactionWarning) else {
            throw invalid("long-transaction warning must be between 1 and 86400 seconds")
        }
        guard (0...10_000).contains(claimAheadLimit) else { throw invalid("claim-ahead limit must be between 0 and 10000") }
        guard (1...100_000).contains(rescueBatchSize) else { throw invalid("rescue batch size must be between 1 and 100000") }
        guard (1...64).contains(version.count) else { throw invalid("version must be 1-64 characters") }
        if let problem = retryPolicy.validationProblem { throw invalid(problem) }
        if let problem = reconnectBackoff.validationProblem { throw invalid(problem) }
    }
}
