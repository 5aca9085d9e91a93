/// Thrown by a handler to discard its job at once, without further attempts (e.g. the input it names does not
/// exist and retrying cannot help). The message is stored on the row (`last_error`, `errors`): keep personal data
/// out of it (name civil servants by internal id or NIP only).
public struct PermanentJobError: Error, CustomStringConvertible, Sendable {
    /// Why the job cannot succeed.
    public let message: String

    /// - Parameter message: why the job cannot succeed; stored on the job row.
    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
