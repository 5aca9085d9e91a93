public import Postgres
public import Talent

/// Recomputes a stored result (current or historical) from what the database kept with it: its inputs
/// (`StoredInputs`) and its rule set (`rule_version`, from `talent.rule_set`). Equal fingerprints and fields prove
/// the result reproducible (DOMAIN.md §9).
public enum ResultReplay {
    /// A stored result and the placement recomputed from its stored inputs.
    public struct Replay: Sendable {
        /// The stored row's `rule_version`.
        public var ruleVersion: String
        /// The stored row's `inputs_fingerprint`.
        public var storedFingerprint: String
        /// The placement the engine gives today for the stored inputs and rule set; nil when the stored employee is
        /// not assessed under that rule set (it never is for a stored result).
        public var recomputed: Placement?
    }

    /// Recomputes the current result of an employee in a period.
    /// - Throws: `StoreError` (`.notFound`) when there is no such result or it has no stored inputs (rows written
    ///   before migration 0005); `.unknownRuleSet` as `RuleSetStore.resolve`; `.invalidStoredValue` when the inputs do
    ///   not decode; `EngineError` when the rule set does not fit the stored position; `PostgresError`.
    public static func current(periodID: Int64, employeeID: Int64, on connection: Connection) throws -> Replay {
        try replay("""
            SELECT rule_version, inputs_fingerprint, inputs::text AS inputs FROM talent.assessment_result
             WHERE period_id = $1 AND employee_id = $2
            """, [periodID, employeeID], what: "result of employee \(employeeID) in period \(periodID)", on: connection)
    }

    /// Recomputes a result kept in `talent.assessment_result_history` (by its id there).
    /// - Throws: as ``current(periodID:employeeID:on:)``.
    public static func historical(id: Int64, on connection: Connection) throws -> Replay {
        try replay("""
            SELECT rule_version, inputs_fingerprint, inputs::text AS inputs FROM talent.assessment_result_history
             WHERE id = $1
            """, [id], what: "historical result \(id)", on: connection)
    }

    private static func replay(_ sql: String, _ parameters: [any PostgresEncodable & Sendable], what: String,
                               on connection: Connection) throws -> Replay {
        guard let row = try connection.execute(sql, parameters, name: "talent.replay_result").rows.first else {
            throw StoreError(.notFound, "there is no \(what)")
        }
        guard let text: String = try row.decode("inputs") else {
            throw StoreError(.notFound, "the \(what) has no stored inputs (written before migration 0005)")
        }
        let inputs: StoredInputs
        do {
            inputs = try PostgresJSON<StoredInputs>.decode(postgresText: text).value
        } catch {
            throw StoreError(.invalidStoredValue, "the stored inputs of the \(what) do not decode")
        }
        let ruleVersion: String = try row.decode("rule_version")
        let rules = try RuleSetStore.resolve(ruleVersion, on: connection)
        let placement = try TalentEngine.assess(inputs.input, position: inputs.position, context: inputs.context,
                                                rules: rules)
        return Replay(ruleVersion: ruleVersion, storedFingerprint: try row.decode("inputs_fingerprint"),
                      recomputed: placement)
    }
}
