public import Postgres
public import Talent

/// A review period (`talent.review_period`): one talent review per year Y, with its reference date D and rule set.
public struct ReviewPeriod: Hashable, Sendable {
    /// `talent.review_period.id`.
    public var id: Int64
    /// The rules' time frame: Y and D.
    public var context: ReviewContext
    /// The rule set's `name@version`.
    public var ruleSetID: String

    /// Y.
    public var year: Int { context.year }
}

/// Opening and finding review periods.
public enum ReviewPeriods {
    /// The review years `talent.review_period` holds (its CHECK on `year`): 2000 … 2999.
    public static let years: ClosedRange<Int> = 2000...2999

    /// - Throws: `StoreError` (`.outOfRange`) when `year` is outside ``years``.
    static func checkYear(_ year: Int) throws {
        guard years.contains(year) else {
            throw StoreError(.outOfRange, "year \(year) is outside the review years \(years.lowerBound) … \(years.upperBound)")
        }
    }

    /// Creates the period of D's year, or reuses it: a year has one period, and the latest call sets its reference
    /// date and rule set (the annual review that calls this re-assesses everyone under them).
    /// - Parameters:
    ///   - referenceDate: D; Y is its year.
    ///   - ruleSetID: `name@version`, nil for the default rule set (`permenpanrb-3-2020/default@1`).
    /// - Returns: the period and its rule set.
    /// - Throws: `StoreError` (`.outOfRange`) for a year outside ``years`` or a rule-set version outside
    ///   `RuleSetStore.versions`, before any statement; (`.unknownRuleSet`) for a rule set that is not registered;
    ///   `PostgresError`.
    public static func open(referenceDate: CivilDate, ruleSetID: String?, on connection: Connection) throws
        -> (period: ReviewPeriod, rules: RuleSet)
    {
        try checkYear(referenceDate.year)
        let rules = try RuleSetStore.resolve(ruleSetID ?? RuleSet.default.id, on: connection)
        let row = try connection.execute("""
            INSERT INTO talent.review_period (year, reference_date, rule_set_name, rule_set_version)
            VALUES ($1::integer, $2::date, $3, $4::integer)
            ON CONFLICT (year) DO UPDATE
               SET reference_date = EXCLUDED.reference_date, rule_set_name = EXCLUDED.rule_set_name,
                   rule_set_version = EXCLUDED.rule_set_version
            RETURNING id
            """, [referenceDate.year, referenceDate.description, rules.name, rules.version],
            name: "talent.open_period").rows[0]
        let period = ReviewPeriod(id: try row.decode("id", as: Int64.self),
                                  context: ReviewContext(referenceDate: referenceDate), ruleSetID: rules.id)
        return (period, rules)
    }

    /// The period with this id and its rule set.
    /// - Throws: `StoreError` (`.notFound`) when there is none; `.unknownRuleSet` as `RuleSetStore.resolve`.
    public static func find(id: Int64, on connection: Connection) throws -> (period: ReviewPeriod, rules: RuleSet) {
        try find(byIDSQL, id, missing: "review period \(id) does not exist", on: connection)
    }

    /// The period of year Y and its rule set.
    /// - Throws: `StoreError` (`.outOfRange`) for a year outside ``years``, before any statement; (`.notFound`) when
    ///   the year has no period; `.unknownRuleSet` as `RuleSetStore.resolve`.
    public static func find(year: Int, on connection: Connection) throws -> (period: ReviewPeriod, rules: RuleSet) {
        try checkYear(year)
        return try find(byYearSQL, year, missing: "there is no review period for \(year)", on: connection)
    }

    static let byIDSQL = """
        SELECT id, reference_date, rule_set_name || '@' || rule_set_version AS rule_set
          FROM talent.review_period WHERE id = $1
        """
    static let byYearSQL = """
        SELECT id, reference_date, rule_set_name || '@' || rule_set_version AS rule_set
          FROM talent.review_period WHERE year = $1::integer
        """

    private static func find(_ sql: String, _ key: any PostgresEncodable & Sendable, missing: String,
                             on connection: Connection) throws -> (period: ReviewPeriod, rules: RuleSet) {
        guard let row = try connection.execute(sql, [key], name: "talent.find_period").rows.first else {
            throw StoreError(.notFound, missing)
        }
        let ruleSetID = try row.text("rule_set")
        let period = ReviewPeriod(id: try row.decode("id", as: Int64.self),
                                  context: ReviewContext(referenceDate: try row.date("reference_date")),
                                  ruleSetID: ruleSetID)
        return (period, try RuleSetStore.resolve(ruleSetID, on: connection))
    }
}
