/// Stored data that the talent rules cannot use, or a request naming data that does not exist.
///
/// A struct with a stable `code` so new cases do not break callers. The description names rows by internal id, NIP,
/// code or year, never by a person's name.
public struct StoreError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable code.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        init(_ rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// A stored value is not in the form the rules need (a golongan, a date, a vocabulary value...).
        public static let invalidStoredValue = Code("invalid_stored_value")
        /// An employee id, NIP, OPD code or review year that the request names does not exist.
        public static let notFound = Code("not_found")
        /// A rule set the request names is not registered, or its stored parameters do not decode.
        public static let unknownRuleSet = Code("unknown_rule_set")
        /// A value the request names lies outside what the tables can hold (a review year outside
        /// `ReviewPeriods.years`, a rule-set version outside `RuleSetStore.versions`); checked before any statement.
        public static let outOfRange = Code("out_of_range")
        /// A name the request gives is not well formed (a scenario name: see `ScenarioName`).
        public static let invalidName = Code("invalid_name")
        /// A request that contradicts the stored data (e.g. a reference date outside the review year).
        public static let conflict = Code("conflict")
    }

    public let code: Code
    /// What is wrong, naming rows by id, NIP or code.
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
