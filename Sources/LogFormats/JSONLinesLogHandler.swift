import Foundation
public import Logging
import Synchronization

/// A swift-log handler that writes each log event as one JSON object on one line (JSON lines), for log shippers:
///
/// ```json
/// {"label":"talenta.worker","level":"info","message":"job completed","metadata":{"job.id":"42","job.kind":"noop"},"timestamp":"2026-03-31T08:15:02.123Z"}
/// ```
///
/// Keys are sorted; `timestamp` is ISO 8601 in UTC with milliseconds; `metadata` merges the provider's, the
/// handler's and the event's metadata (the event wins), with nested dictionaries and arrays kept as JSON objects
/// and arrays; it is absent when empty. A line never contains a raw line break (JSON escapes them).
///
/// Thread safety: a handler is a value; lines from any thread are written whole, one at a time, through `write`.
public struct JSONLinesLogHandler: LogHandler {
    /// Where the lines go: called with one complete line (ending in "\n") at a time, under a process-wide lock.
    public typealias Write = @Sendable (String) -> Void

    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?

    private let label: String
    private let write: Write
    private static let lock = Mutex(())

    /// - Parameters:
    ///   - label: the logger's label, written as `label`.
    ///   - metadataProvider: extra metadata for every event (e.g. task-local values); nil for none.
    ///   - write: receives each line; ``standardError`` writes to the process's standard error.
    public init(label: String, metadataProvider: Logger.MetadataProvider? = nil, write: @escaping Write = Self.standardError) {
        self.label = label
        self.metadataProvider = metadataProvider
        self.write = write
    }

    /// Writes a line to standard error, unbuffered.
    public static let standardError: Write = { line in
        FileHandle.standardError.write(Data(line.utf8))
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let own = event.metadata { merged.merge(own) { _, new in new } }
        var object: [String: Any] = [
            "timestamp": Self.timestamp(Date()),
            "level": event.level.rawValue,
            "label": label,
            "message": event.message.description,
        ]
        if !merged.isEmpty { object["metadata"] = merged.mapValues(Self.json) }
        let line = Self.encode(object) + "\n"
        Self.lock.withLock { _ in write(line) }
    }

    /// One JSON object, keys sorted; a value JSONSerialization refuses becomes its description.
    static func encode(_ object: [String: Any]) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else {
            return #"{"message":"unencodable log event"}"#
        }
        return String(decoding: data, as: UTF8.self)
    }

    private static func json(_ value: Logger.Metadata.Value) -> Any {
        switch value {
        case .string(let string): return string
        case .stringConvertible(let convertible): return convertible.description
        case .array(let values): return values.map(json)
        case .dictionary(let dictionary): return dictionary.mapValues(json)
        }
    }

    private static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt))
    }
}
