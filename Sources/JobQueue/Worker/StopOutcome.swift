/// How a ``WorkerPool`` stopped.
public enum StopOutcome: Sendable, Hashable {
    /// Every running job finished (or none was running) within the shutdown grace period.
    case graceful
    /// The grace period passed: this many running jobs had their queries cancelled and their leases released
    /// (back to available or retryable, the attempt not counted) for another worker to take at once.
    case jobsReleased(Int)
}
