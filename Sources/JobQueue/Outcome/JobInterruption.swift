/// Why the worker stopped a running job from outside its handler (by cancelling its query with `PQcancel`).
public enum JobInterruption: Sendable, Hashable, CustomStringConvertible {
    /// The job ran longer than its kind's timeout: it fails as retryable (discarded after its last attempt).
    case timeout(seconds: Double)
    /// The shutdown grace period passed: the job's lease is released without counting the attempt.
    case shutdown
    /// The heartbeat found the job no longer running under this worker (cancelled by an operator, or rescued after
    /// its lease expired): its writes roll back and the row is left alone.
    case leaseLost

    public var description: String {
        switch self {
        case .timeout(let seconds): "job timed out after \(Self.format(seconds)) s; its query was cancelled"
        case .shutdown: "the worker shut down before the job finished; its query was cancelled and its lease released"
        case .leaseLost: "the job is no longer running under this worker (cancelled or rescued); its query was cancelled"
        }
    }

    private static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}

/// Thrown inside a job's transaction when the job was interrupted, so the transaction rolls back.
public struct JobInterruptedError: Error, CustomStringConvertible, Sendable {
    /// Why the job was interrupted.
    public let interruption: JobInterruption

    public var description: String { interruption.description }
}
