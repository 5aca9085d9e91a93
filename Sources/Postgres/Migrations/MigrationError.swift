/// Why migrating stopped; `fileName` names the migration file concerned.
public struct MigrationError: Error, CustomStringConvertible, Sendable {
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        public let description: String
        init(_ name: String) { description = name }

        /// A file already applied was changed afterwards (its sha256 differs from the recorded one).
        public static let checksumMismatch = Kind("checksum mismatch")
        /// The version is recorded under another file name (the file was renamed).
        public static let renamed = Kind("renamed")
        /// A `.sql` file not named `NNNN_name.sql`, or two files with one version number.
        public static let badFileName = Kind("bad file name")
        /// The file could not be read as UTF-8 text.
        public static let unreadable = Kind("unreadable")
        /// The file's SQL failed; `underlying` is the server's error and nothing of the file was applied.
        public static let failed = Kind("failed")
    }

    public let kind: Kind
    public let fileName: String
    public let underlying: PostgresError?

    public var description: String {
        switch kind {
        case .checksumMismatch:
            "migration \(fileName) was changed after it was applied (sha256 differs); add a new migration instead"
        case .renamed: "migration \(fileName): its version is recorded under another file name"
        case .badFileName: "migration \(fileName) is not named NNNN_name.sql or repeats a version number"
        case .unreadable: "migration \(fileName) cannot be read as UTF-8 text"
        default: "migration \(fileName) failed: \(underlying.map { "\($0)" } ?? "unknown error")"
        }
    }
}
