import Postgres

/// The `kind` recorded with a failed attempt in `queue.job.errors`, so operators can tell why without parsing text.
public struct JobErrorKind: Hashable, Sendable, CustomStringConvertible {
    /// The stored text, e.g. `"unknown_kind"`.
    public let rawValue: String

    /// The handler (or its commit) threw an ordinary error: retried until the attempts are used up.
    public static let error = JobErrorKind(rawValue: "error")
    /// The handler threw ``PermanentJobError``: discarded at once.
    public static let permanent = JobErrorKind(rawValue: "permanent")
    /// No handler is registered for the job's kind in this worker: discarded at once.
    public static let unknownKind = JobErrorKind(rawValue: "unknown_kind")
    /// The payload did not decode as the kind's payload type: discarded at once.
    public static let undecodablePayload = JobErrorKind(rawValue: "undecodable_payload")

    /// The claimed row could not be read back as a job (e.g. a non-finite `run_at`): discarded at once by the claim.
    public static let unreadableRow = JobErrorKind(rawValue: "unreadable_row")

    /// The database refused the data itself (`PostgresError.isDataError`: SQLSTATE class 22 or 23 but for unique and
    /// exclusion violations): discarded at once, as a retry meets the same data.
    public static let dataError = JobErrorKind(rawValue: "data_error")

    /// The job ran past its kind's timeout and its query was cancelled: retried until the attempts are used up.
    public static let timeout = JobErrorKind(rawValue: "timeout")
    /// The job's lease expired (its worker died or lost the database) and the rescuer returned it; recorded by
    /// `queue.rescue_expired_leases`.
    public static let leaseExpired = JobErrorKind(rawValue: "lease_expired")

    public var description: String { rawValue }

    /// The kind of a handler's error.
    static func of(_ error: any Error) -> JobErrorKind {
        switch error {
        case is PermanentJobError: .permanent
        case is PayloadDecodingError: .undecodablePayload
        case let database as PostgresError where database.isDataError: .dataError
        case let interrupted as JobInterruptedError:
            if case .timeout = interrupted.interruption { .timeout } else { .error }
        default: .error
        }
    }
}
