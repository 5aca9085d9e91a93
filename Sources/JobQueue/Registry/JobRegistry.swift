/// The handlers one worker can run, by stable kind name.
///
/// Each kind name is tied to the payload type of its ``JobKind``; the worker decodes the payload with that type
/// before the handler runs. A job whose kind has no handler, or whose payload does not decode, is discarded at once
/// with a readable error on its row. A value type: build it before starting the worker, then it does not change.
public struct JobRegistry: Sendable {
    private var handlers: [String: RegisteredHandler] = [:]

    /// An empty registry.
    public init() {}

    /// Registers the handler of a kind.
    ///
    /// The handler runs on a worker thread with the decoded payload and a ``JobContext`` whose connection is inside
    /// the job's transaction. Returning completes the job (in that transaction); throwing rolls the transaction back
    /// and fails the attempt: a ``PermanentJobError`` discards the job at once, any other error makes it retryable
    /// (or discarded after its last attempt).
    ///
    /// - Parameters:
    ///   - kind: the kind's stable name and payload type.
    ///   - timeout: seconds one attempt may run before its query is cancelled (`PQcancel`) and it fails as
    ///     retryable; nil uses the worker's ``WorkerConfiguration/defaultJobTimeout`` (15 minutes by default).
    ///     A handler busy outside the database cannot be stopped from outside: it is failed when it returns, and
    ///     its lease is no longer extended, so the job is rescued if it never returns.
    ///   - handler: the work.
    /// - Important: registering the same kind name twice, or a timeout that is not a positive number of seconds, is
    ///   a programming error and stops the process (precondition).
    public mutating func register<Payload>(
        _ kind: JobKind<Payload>,
        timeout: Double? = nil,
        handler: @escaping @Sendable (Payload, JobContext) throws -> Void
    ) {
        precondition(handlers[kind.name] == nil, "job kind \(kind.name.debugDescription) is registered twice")
        precondition(timeout.map { $0.isFinite && $0 > 0 } ?? true, "the timeout of job kind \(kind.name) must be positive")
        let typeName = String(describing: Payload.self)
        handlers[kind.name] = RegisteredHandler(timeout: timeout) { context in
            let payload: Payload
            do {
                payload = try JobPayloadCoding.decode(Payload.self, from: context.job.payload)
            } catch {
                throw PayloadDecodingError(
                    kind: kind.name, payloadType: typeName, underlying: error, payload: context.job.payload)
            }
            try handler(payload, context)
        }
    }

    /// Every registered kind name, sorted.
    public var kindNames: [String] { handlers.keys.sorted() }

    func handler(forKindNamed name: String) -> RegisteredHandler? { handlers[name] }
}

/// A handler with its payload type erased: decodes `context.job.payload`, then runs.
struct RegisteredHandler: Sendable {
    /// The kind's own timeout in seconds; nil for the worker's default.
    let timeout: Double?
    let run: @Sendable (JobContext) throws -> Void
}
