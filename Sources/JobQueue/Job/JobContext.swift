public import Logging
public import Postgres

/// What a handler gets besides its payload: the job, a tagged logger, and the open transaction.
///
/// - Important: `connection` is inside the transaction in which the worker will also mark the job completed;
///   write through it so the handler's writes and the completion commit together (or roll back together when the
///   handler throws or this worker lost the lease). Do not call `withTransaction` on it (it is already in one),
///   do not keep it past the handler's return, and use it only from the handler's own thread.
public struct JobContext {
    /// The claimed job (its `attempt` counts this run).
    public let job: Job
    /// A logger tagged with `job.id`, `job.kind`, `job.attempt` and `worker.id`.
    public let logger: Logger
    /// The connection, inside the job's transaction.
    public let connection: Connection
    /// The id of the worker process running the job (host:pid:random).
    public let workerID: String

    /// Makes a context; the worker builds one per run (tests of handlers can build their own).
    public init(job: Job, logger: Logger, connection: Connection, workerID: String) {
        self.job = job
        self.logger = logger
        self.connection = connection
        self.workerID = workerID
    }
}
