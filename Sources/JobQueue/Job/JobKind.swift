/// A job kind: a stable name tied to the Codable payload type its handler receives.
///
/// The name is what `queue.job.kind` stores and what other systems pass to `queue.enqueue`, so it must never
/// change once jobs exist; treat a payload change like a schema change (add fields as optionals, or add a new
/// kind). Names are 1–128 characters of letters, digits and `_ . : / -`, starting with a letter or digit (the same
/// rule the SQL `job_kind_format` check enforces), e.g. `"talent.assess-batch"`.
public struct JobKind<Payload: Codable & Sendable>: Sendable, Hashable {
    /// The stable kind name stored in `queue.job.kind`.
    public let name: String

    /// Declares a kind.
    /// - Parameter name: the stable name, following the naming rule above.
    /// - Important: an invalid name is a programming error and stops the process (precondition).
    public init(_ name: String) {
        precondition(JobKindName.isValid(name), "invalid job kind name \(name.debugDescription): see JobKind's documentation")
        self.name = name
    }

    public static func == (lhs: JobKind, rhs: JobKind) -> Bool { lhs.name == rhs.name }
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }
}

/// The naming rule shared by job kinds and queue names (mirrors the SQL checks in sql/0001_queue.sql).
enum JobKindName {
    /// 1–`maxLength` characters of ASCII letters, digits and `_ . : / -`, the first a letter or digit.
    static func isValid(_ name: String, maxLength: Int = 128) -> Bool {
        let scalars = name.unicodeScalars
        guard let first = scalars.first, scalars.count <= maxLength, isAlphanumeric(first) else { return false }
        return scalars.allSatisfy { isAlphanumeric($0) || "_.:/-".unicodeScalars.contains($0) }
    }

    private static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9": true
        default: false
        }
    }
}
