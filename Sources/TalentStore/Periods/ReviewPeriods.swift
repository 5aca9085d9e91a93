public import Postgres
public import Talent

/// A review period (`talent.review_period`): the official talent review of a year Y, or a named what-if scenario of
/// that year, with its reference date D and rule set.
public struct ReviewPeriod: Hashable, Sendable {
    /// `talent.review_period.id`.
    public var id: Int64
    /// The rules' time frame: Y and D.
    public var context: ReviewContext
    /// The rule set's `name@version`.
    public var ruleSetID: String
    /// The scenario's name; nil for the official review of the year.
    public var scenario: ScenarioName?

    /// Y.
    public var year: Int { context.year }
}

/// Opening and finding review periods: the official one of a year (`scenario` nil) or a named scenario.
public enum ReviewPeriods {
    /// The review years `talent.review_period` holds (its CHECK on `year`): 2000 … 2999.
    public static let years: ClosedRange<Int> = 2000...2999

    /// - Throws: `StoreError` (`.outOfRange`) when `year` is outside ``years``.
    static func checkYear(_ year: Int) throws {
        guard years.contains(year) else {
            throw StoreError(.outOfRange, "year \(year) is outside the review years \(years.lowerBound) … \(years.upperBound)")
        }
    }

    /// Creates the period of D's year (official, or the named scenario), or reuses it: a year has one official
    /// period and one period per scenario name, and the latest call sets its reference date and rule set (the
    /// annual review that calls this re-assesses everyone under them). Opening a scenario never touches the official
    /// period, nor the other way round.
    /// - Parameters:
    ///   - referenceDate: D; Y is its year.
    ///   - ruleSetID: `name@version`, nil for the default rule set (`permenpanrb-3-2020/default@1`).
    ///   - scenario: the scenario's name; nil for the official review.
    /// - Returns: the period and its rule set.
    /// - Throws: `StoreError` (`.outOfRange`) for a year outside ``years`` or a rule-set version outside
    ///   `RuleSetStore.versions`, before any statement; (`.unknownRuleSet`) for a rule set that is not registered;
    ///   `PostgresError`.
    public static func open(referenceDate: CivilDate, ruleSetID: String?, scenario: ScenarioName? = nil,
                            on connection: Connection) throws -> (period: ReviewPeriod, rules: RuleSet)
    {
        try checkYear(referenceDate.year)
        let rules = try RuleSetStore.resolve(ruleSetID ?? RuleSet.default.id, on: connection)
        let row = try connection.execute("""
            INSERT INTO talent.review_period (year, reference_date, rule_set_name, rule_set_version, scenario)
            VALUES ($1::integer, $2::date, $3, $4::integer, $5)
            ON CONFLICT (year, scenario) DO UPDATE
               SET reference_date = EXCLUDED.reference_date, rule_set_name = EXCLUDED.rule_set_name,
                   rule_set_version = EXCLUDED.rule_set_version
            RETURNING id
            """, [referenceDate.year, referenceDate.description, rules.name, rules.version, scenario?.rawValue],
            name: "talent.open_period").rows[0]
        let period = ReviewPeriod(id: try row.decode("id", as: Int64.self),
                                  context: ReviewContext(referenceDate: referenceDate), ruleSetID: rules.id,
                                  scenario: scenario)
        return (period, rules)
    }

    /// The period with this id (official or scenario) and its rule set.
    /// - Throws: `StoreError` (`.notFound`) when there is none; `.unknownRuleSet` as `RuleSetStore.resolve`.
    public static func find(id: Int64, on connection: Connection) throws -> (period: ReviewPeriod, rules: RuleSet) {
        try find(byIDSQL, [id], missing: "review period \(id) does not exist", on: connection)
    }

    /// The official period of year Y (`scenario` nil) or the named scenario of Y, and its rule set.
    /// - Throws: `StoreError` (`.outOfRange`) for a year outside ``years``, before any statement; (`.notFound`) when
    ///   the year has no such period; `.unknownRuleSet` as `RuleSetStore.resolve`.
    public static func find(year: Int, scenario: ScenarioName? = nil, on connection: Connection) throws
        -> (period: ReviewPeriod, rules: RuleSet)
    {
        try checkYear(year)
        let missing = scenario.map { "there is no scenario \($0) in \(year)" } ?? "there is no review period for \(year)"
        return try find(byYearSQL, [year, scenario?.rawValue], missing: missing, on: connection)
    }

    static let byIDSQL = """
        SELECT id, reference_date, rule_set_name || '@' || rule_set_version AS rule_set, scenario
          FROM talent.review_period WHERE id = $1
        """
    static let byYearSQL = """
        SELECT id, reference_date, rule_set_name || '@' || rule_set_version AS rule_set, scenario
          FROM talent.review_period WHERE year = $1::integer AND scenario IS NOT DISTINCT FROM $2::text
        """

    private static func find(_ sql: String, _ parameters: [any PostgresEncodable & Sendable], missing: String,
                             on connection: Connection) throws -> (period: ReviewPeriod, rules: RuleSet) {
        guard let row = try connection.execute(sql, parameters, name: "talent.find_period").rows.first else {
            throw StoreError(.notFound, missing)
        }
        let ruleSetID = try row.text("rule_set")
        let period = ReviewPeriod(id: try row.decode("id", as: Int64.self),
                                  context: ReviewContext(referenceDate: try row.date("reference_date")),
                                  ruleSetID: ruleSetID,
                                  scenario: try row.decode("scenario", as: String?.self).map(ScenarioName.init(stored:)))
        return (period, try RuleSetStore.resolve(ruleSetID, on: connection))
    }
}
