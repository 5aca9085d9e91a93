/// An error of the queue machinery itself (not of a job): invalid configuration, a worker used out of order, or a
/// statement whose result did not have the expected shape. A struct with a stable code, so new codes do not break
/// callers.
public struct JobQueueError: Error, CustomStringConvertible, Sendable {
    /// The stable error code.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        let name: String
        /// A configuration field is out of range (the message says which and the valid range).
        public static let invalidConfiguration = Code(name: "invalidConfiguration")
        /// `start()` was called on a worker pool that was already started or stopped.
        public static let alreadyStarted = Code(name: "alreadyStarted")
        /// A queue statement returned rows of an unexpected shape (the schema does not match this code).
        public static let unexpectedResult = Code(name: "unexpectedResult")
        public var description: String { name }
    }

    /// What went wrong, as a stable code.
    public let code: Code
    /// A readable explanation (no payload values).
    public let message: String

    public var description: String { "\(code): \(message)" }

    static func unexpectedResult(statement: String) -> JobQueueError {
        JobQueueError(code: .unexpectedResult, message: "statement \(statement) returned an unexpected result")
    }
}
