/// Receives a worker pool's job events, for metrics. The pool calls it from its claim loop, its job slots and its
/// heartbeat, so every method must be cheap, must not block, and may be called from any thread at once.
///
/// Every claimed attempt ends exactly once as completed or failed (a failed attempt may also discard the job),
/// unless this worker stopped owning it first (its lease was lost, or it was released at shutdown or from the
/// claim-ahead buffer unstarted: then no end is reported). An attempt the watchdog abandoned ends as failed once its
/// failure is recorded from another connection. A completion written by the batched completion is
/// reported once its batch has written it.
public protocol JobObserver: Sendable {
    /// This worker claimed `job` (its `attempt` counts the new attempt).
    func jobClaimed(_ job: Job)

    /// An attempt of `job` ended.
    /// - Parameters:
    ///   - ending: completed, failed and retryable, or failed and discarded.
    ///   - seconds: how long the attempt ran (handler and completion), in seconds; nil when no handler ran (an
    ///     unknown kind).
    func jobEnded(_ job: Job, as ending: JobEnding, seconds: Double?)

    /// The heartbeat read the depth of every queue (every lease / 3 seconds). Queues missing from `depths` have
    /// nothing waiting, scheduled or running.
    func queuesSampled(_ depths: [QueueDepth])

    /// The heartbeat read the cleanup health of the job table (every lease / 3 seconds).
    func cleanupSampled(_ health: CleanupHealth)
}

/// How an attempt ended, as a ``JobObserver`` sees it.
public enum JobEnding: String, Sendable, Hashable {
    /// The handler's writes and the completion committed.
    case completed
    /// The attempt failed; the job is `retryable` and runs again after its backoff.
    case retryable
    /// The attempt failed and the job is `discarded` (permanent error, unknown kind, or attempts used up).
    case discarded
}
