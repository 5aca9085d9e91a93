/// A job's payload did not decode as its kind's payload type; the worker discards such a job at once.
///
/// The description names the kind, the Swift type and where decoding failed (coding path and the decoder's
/// reason) but never echoes payload values.
public struct PayloadDecodingError: Error, CustomStringConvertible, Sendable {
    /// The job kind whose payload failed.
    public let kind: String
    /// The Swift payload type the handler expects.
    public let payloadType: String
    /// Where and why decoding failed, without payload values.
    public let reason: String

    init(kind: String, payloadType: String, underlying: any Error) {
        self.kind = kind
        self.payloadType = payloadType
        self.reason = Self.describe(underlying)
    }

    public var description: String {
        "payload of job kind '\(kind)' does not decode as \(payloadType): \(reason)"
    }

    private static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "the payload is not valid JSON for this type" }
        switch error {
        case .typeMismatch(let type, let context):
            return "expected \(type) at \(path(context.codingPath))"
        case .valueNotFound(let type, let context):
            return "missing value of type \(type) at \(path(context.codingPath))"
        case .keyNotFound(let key, let context):
            return "missing key '\(key.stringValue)' at \(path(context.codingPath))"
        case .dataCorrupted(let context):
            return "invalid data at \(path(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "the payload does not match the type"
        }
    }

    private static func path(_ codingPath: [any CodingKey]) -> String {
        guard !codingPath.isEmpty else { return "the top level" }
        return codingPath.map { key in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }.joined()
            .trimmingPrefix(".").description
    }
}
