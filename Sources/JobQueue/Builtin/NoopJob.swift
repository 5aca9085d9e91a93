/// The built-in `noop` kind: does nothing and completes. For health checks (is a worker serving this queue?),
/// tests and benchmarks of the queue itself. Its payload may be any JSON object; extra keys are ignored.
public enum NoopJob {
    /// The payload: no fields (`{}`).
    public struct Payload: Codable, Sendable, Hashable {
        public init() {}
    }

    /// The kind, stable name `"noop"`.
    public static let kind = JobKind<Payload>("noop")

    /// Registers the `noop` handler.
    public static func register(into registry: inout JobRegistry) {
        registry.register(kind) { _, _ in }
    }
}
