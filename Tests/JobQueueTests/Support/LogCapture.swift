import Logging

/// A log handler for tests: keeps every record at ``logLevel`` or above, with the handler's metadata merged with the
/// record's (the record's value wins for a key set in both).
struct LogCapture: LogHandler {
    struct Record: Sendable {
        let level: Logger.Level
        let message: String
        let metadata: Logger.Metadata

        /// The message, then `key=value` for each metadata key in key order.
        var line: String {
            ([message] + metadata.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }).joined(separator: " ")
        }
    }

    let records: Locked<[Record]>
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level

    /// Appends to `records` every record at `level` or above.
    init(into records: Locked<[Record]>, level: Logger.Level) {
        self.records = records
        self.logLevel = level
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { _, record in record }
        records.withLock { $0.append(Record(level: event.level, message: event.message.description, metadata: merged)) }
    }
}
