public import Postgres
public import Talent

/// What-if scenarios (`talent.review_period` rows with a name, sql/0022): listing them and dropping one.
///
/// A scenario is run like the official review, by the queue (`annual_review` or `recalculation` with
/// `"scenario": "NAME"`); this type only reads what the `talent.scenarios` view shows and calls
/// `talent.drop_scenario`.
public enum Scenarios {
    /// One scenario as `talent.scenarios` shows it.
    public struct Summary: Hashable, Sendable {
        public var periodID: Int64
        public var year: Int
        public var name: ScenarioName
        /// D.
        public var referenceDate: CivilDate
        /// `name@version`.
        public var ruleSetID: String
        /// The rule set's provenance when it states one (the BKN 411/2025 preset's: reconstructed).
        public var provenance: String?
        /// Employees with a result, and those of them placed on the grid.
        public var assessed: Int
        public var placed: Int
        /// Target positions with a succession plan.
        public var targetPositions: Int
        /// The latest run's batches done and in all; nil before the first run started.
        public var lastRunBatchesDone: Int?
        public var lastRunBatchesTotal: Int?
        /// Whether the latest run finished (its succession planning may still be pending: see ``pendingJobs``).
        public var lastRunFinished: Bool
        /// Jobs of the scenario still available, running or retryable.
        public var pendingJobs: Int
    }

    /// Every scenario (of year Y only, when given), by year then name. Reads the view `talent.scenarios`, so a
    /// `talenta_reader` login may call it.
    /// - Throws: `StoreError` (`.outOfRange`) for a year outside `ReviewPeriods.years`; `PostgresError`.
    public static func list(year: Int? = nil, on connection: Connection) throws -> [Summary] {
        if let year { try ReviewPeriods.checkYear(year) }
        return try connection.execute("""
            SELECT period_id, year, scenario, reference_date, rule_set, provenance, assessed, placed, target_positions,
                   last_run_batches_done, last_run_batches_total, last_run_finished_at IS NOT NULL AS finished,
                   pending_jobs
              FROM talent.scenarios
             WHERE $1::integer IS NULL OR year = $1::integer
             ORDER BY year, scenario
            """, [year], name: "talent.list_scenarios").rows.map { row in
            Summary(
                periodID: try row.decode("period_id"), year: try row.decode("year"),
                name: ScenarioName(stored: try row.text("scenario")), referenceDate: try row.date("reference_date"),
                ruleSetID: try row.text("rule_set"), provenance: try row.decode("provenance", as: String?.self),
                assessed: try row.decode("assessed"), placed: try row.decode("placed"),
                targetPositions: try row.decode("target_positions"),
                lastRunBatchesDone: try row.decode("last_run_batches_done"),
                lastRunBatchesTotal: try row.decode("last_run_batches_total"),
                lastRunFinished: try row.decode("finished"), pendingJobs: try row.decode("pending_jobs"))
        }
    }

    /// The one year that has scenario `name`.
    /// - Throws: `StoreError` `.notFound` when no year has it, `.conflict` when several do (name the year then);
    ///   `PostgresError`.
    public static func year(of name: ScenarioName, on connection: Connection) throws -> Int {
        let years = try connection.execute(
            "SELECT year FROM talent.scenarios WHERE scenario = $1 ORDER BY year", [name.rawValue],
            name: "talent.scenario_years").rows.map { try $0.decode("year", as: Int.self) }
        guard let year = years.first else { throw StoreError(.notFound, "there is no scenario \(name)") }
        guard years.count == 1 else {
            throw StoreError(.conflict, "scenario \(name) exists in " + years.map(String.init).joined(separator: ", ")
                + ": name the year")
        }
        return year
    }

    /// Drops scenario `name` of year Y with every row it wrote (results, pool, indicators, succession plans and
    /// candidates, runs and batches, the period), in one transaction: `talent.drop_scenario`.
    /// - Returns: the number of results removed.
    /// - Throws: `StoreError` (`.outOfRange`) for a year outside `ReviewPeriods.years`; `PostgresError` P0002 when
    ///   the year has no such scenario, 55006 (naming the jobs) while any of its jobs is available, running or
    ///   retryable (nothing is cancelled: the operator decides), 42501 for a login other than the migration owner.
    @discardableResult
    public static func drop(_ name: ScenarioName, year: Int, on connection: Connection) throws -> Int {
        try ReviewPeriods.checkYear(year)
        return try connection.execute("SELECT talent.drop_scenario($1::integer, $2) AS removed", [year, name.rawValue],
                                      name: "talent.drop_scenario").rows[0].decode("removed", as: Int.self)
    }
}
