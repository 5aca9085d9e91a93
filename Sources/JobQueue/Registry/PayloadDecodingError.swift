import Foundation

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

    /// - Parameter payload: the payload that failed, only to tell a malformed document from a value that does not
    ///   fit its type (Foundation's decoder reports both as "not valid JSON").
    init(kind: String, payloadType: String, underlying: any Error, payload: Data) {
        self.kind = kind
        self.payloadType = payloadType
        let parses = (try? JSONSerialization.jsonObject(with: payload, options: .fragmentsAllowed)) != nil
        self.reason = Self.describe(underlying, payloadParses: parses)
    }

    public var description: String {
        "payload of job kind '\(kind)' does not decode as \(payloadType): \(reason)"
    }

    private static func describe(_ error: any Error, payloadParses: Bool) -> String {
        guard let error = error as? DecodingError else { return "the payload is not valid JSON for this type" }
        switch error {
        case .typeMismatch(let type, let context):
            return "expected \(type) at \(path(context.codingPath))"
        case .valueNotFound(let type, let context):
            return "missing value of type \(type) at \(path(context.codingPath))"
        case .keyNotFound(let key, let context):
            return "missing key '\(key.stringValue)' at \(path(context.codingPath))"
        case .dataCorrupted(let context)
            where payloadParses && context.codingPath.isEmpty && context.debugDescription.contains("not valid JSON"):
            // Foundation says "not valid JSON" of a well-formed document when a value cannot be held by its Swift
            // type (2026.5 or 1e20 for an Int), without a coding path.
            return "a value does not fit its type (a number that is not a whole number or is out of range, or a "
                + "value too large; the decoder does not say which field)"
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
