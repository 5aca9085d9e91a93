/// The name of a what-if scenario (`talent.review_period.scenario`): 1 … 63 characters, lower-case ASCII letters,
/// digits and `.` `_` `-`, starting with a letter or a digit (`preset-411`, `default-v2`). The same rule as the
/// table's CHECK, so a name is refused before any statement; it is safe in job payloads, file names and logs.
public struct ScenarioName: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The name as stored.
    public let rawValue: String

    /// The longest name.
    public static let maxLength = 63

    /// The rule in words, as errors state it.
    public static let rule = "a scenario name is 1-63 characters: a-z, 0-9 and . _ -, starting with a letter or digit"

    /// A checked name.
    /// - Throws: `StoreError` (`.invalidName`) naming the rule the text breaks.
    public init(_ text: String) throws {
        guard let problem = Self.problem(in: text) else {
            rawValue = text
            return
        }
        throw StoreError(.invalidName, "scenario name \"\(text)\" \(problem) (\(Self.rule))")
    }

    /// A name read back from `talent.review_period`, whose CHECK already holds it to the rule.
    init(stored: String) { rawValue = stored }

    /// Why `text` is not a scenario name, or nil when it is one.
    static func problem(in text: String) -> String? {
        let bytes = Array(text.utf8)
        guard let first = bytes.first else { return "is empty" }
        guard bytes.count <= maxLength else { return "is longer than \(maxLength) characters" }
        func isLetterOrDigit(_ byte: UInt8) -> Bool { (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) }
        guard isLetterOrDigit(first) else { return "must start with a lower-case letter or a digit" }
        guard bytes.allSatisfy({ isLetterOrDigit($0) || $0 == 0x2E || $0 == 0x5F || $0 == 0x2D }) else {
            return "holds a character other than a-z, 0-9 and . _ -"
        }
        return nil
    }

    public var description: String { rawValue }

    public static func < (lhs: ScenarioName, rhs: ScenarioName) -> Bool { lhs.rawValue < rhs.rawValue }
}
