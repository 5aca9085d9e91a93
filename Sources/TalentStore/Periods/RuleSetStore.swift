public import Postgres
public import Talent

/// Rule sets in `talent.rule_set`: each `name@version` stored once with its parameters as JSON (DOMAIN.md §9).
public enum RuleSetStore {
    /// Stores `rules` unless its `name@version` is there already.
    /// - Throws: `StoreError` (`.conflict`) when that `name@version` is stored with other parameters (a changed
    ///   parameter needs a new version); `PostgresError` from the statements.
    public static func register(_ rules: RuleSet, on connection: Connection) throws {
        try connection.execute("""
            INSERT INTO talent.rule_set (name, version, parameters) VALUES ($1, $2::integer, $3::jsonb)
            ON CONFLICT (name, version) DO NOTHING
            """, [rules.name, rules.version, PostgresJSON(rules)], name: "talent.register_rule_set")
        guard try load(name: rules.name, version: rules.version, on: connection) == rules else {
            throw StoreError(.conflict, "rule set \(rules.id) is stored with other parameters; give the change a new version")
        }
    }

    /// The versions `talent.rule_set.version` (an `integer`) can hold: 1 … 2,147,483,647.
    public static let versions: ClosedRange<Int> = 1...Int(Int32.max)

    /// The rule set `id` (`name@version`). The default rule set is registered on first use.
    /// - Throws: `StoreError` (`.outOfRange`) when the version is outside ``versions`` (before any statement);
    ///   (`.unknownRuleSet`) when `id` is malformed, not stored, or its parameters do not decode or fail
    ///   `RuleSet.validate()`.
    public static func resolve(_ id: String, on connection: Connection) throws -> RuleSet {
        if id == RuleSet.default.id {
            try register(.default, on: connection)
            return .default
        }
        guard let at = id.lastIndex(of: "@"), let version = Int(id[id.index(after: at)...]) else {
            throw StoreError(.unknownRuleSet, "rule set \(id) is not written name@version")
        }
        guard versions.contains(version) else {
            throw StoreError(.outOfRange, "rule set \(id): the version must be a whole number from \(versions.lowerBound) "
                + "to \(versions.upperBound)")
        }
        guard let rules = try load(name: String(id[..<at]), version: version, on: connection) else {
            throw StoreError(.unknownRuleSet, "rule set \(id) is not registered in talent.rule_set")
        }
        let problems = rules.validate()
        guard problems.isEmpty else {
            throw StoreError(.unknownRuleSet, problems.map(\.message).joined(separator: "; "))
        }
        return rules
    }

    /// The stored rule set, nil when absent.
    /// - Throws: `StoreError` (`.unknownRuleSet`) when the stored parameters do not decode as a `RuleSet`.
    static func load(name: String, version: Int, on connection: Connection) throws -> RuleSet? {
        let rows = try connection.execute(
            "SELECT parameters::text AS parameters FROM talent.rule_set WHERE name = $1 AND version = $2::integer",
            [name, version], name: "talent.load_rule_set").rows
        guard let row = rows.first else { return nil }
        do {
            return try row.decode("parameters", as: PostgresJSON<RuleSet>.self).value
        } catch {
            throw StoreError(.unknownRuleSet, "rule set \(name)@\(version): stored parameters do not decode")
        }
    }
}
