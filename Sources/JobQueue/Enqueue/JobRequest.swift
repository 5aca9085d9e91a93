public import Foundation

/// One job to enqueue: kind name, payload JSON and options. Built from a typed ``JobKind`` and payload, or from
/// raw JSON text (the `talenta enqueue` command, other systems' payloads).
public struct JobRequest: Sendable, Hashable {
    /// The stable kind name.
    public let kindName: String
    /// The payload as UTF-8 JSON text.
    public let payloadJSON: Data
    /// Queue, run time, priority, attempts and job key.
    public var options: EnqueueOptions

    /// A typed request.
    /// - Throws: `EncodingError` when the payload cannot be encoded as JSON.
    public init<Payload>(_ kind: JobKind<Payload>, _ payload: Payload, options: EnqueueOptions = EnqueueOptions()) throws {
        self.kindName = kind.name
        self.payloadJSON = try JobPayloadCoding.encode(payload)
        self.options = options
    }

    /// A request from raw JSON text; the database validates the name and the JSON (`queue.enqueue`'s errors).
    public init(kindName: String, payloadJSON: Data, options: EnqueueOptions = EnqueueOptions()) {
        self.kindName = kindName
        self.payloadJSON = payloadJSON
        self.options = options
    }
}
