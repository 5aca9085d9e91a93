/// The completion (or failure) of a job found the row no longer running under this worker and attempt: the lease
/// was lost (another worker or an operator took the job). The job's transaction is rolled back; the row is left to
/// its new owner.
public struct LeaseLostError: Error, CustomStringConvertible, Sendable {
    /// The job whose lease was lost.
    public let jobID: Int64
    /// The attempt this worker was running.
    public let attempt: Int
    /// This worker's id.
    public let workerID: String

    public var description: String {
        "job \(jobID) attempt \(attempt) is no longer running under worker \(workerID); its transaction was rolled back"
    }
}
