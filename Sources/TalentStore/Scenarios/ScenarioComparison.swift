public import Postgres
public import Talent

/// A what-if scenario compared with its base of the same year: the official review, or another scenario (sql/0022's
/// comparison views). Everything is per OPD and city-wide; employees are named by NIP only.
public struct ScenarioComparison: Sendable, Hashable {
    /// One side of the comparison: a review period of the year.
    public struct Side: Sendable, Hashable {
        public var periodID: Int64
        /// nil for the official review.
        public var scenario: ScenarioName?
        /// D.
        public var referenceDate: CivilDate
        /// `name@version`.
        public var ruleSetID: String
        /// The rule set's provenance when it states one (the BKN 411/2025 preset: reconstructed, not checked against
        /// the Lampiran); show it beside the rule set.
        public var provenance: String?

        /// "official review" or "scenario NAME".
        public var label: String { scenario.map { "scenario \($0)" } ?? "official review" }
    }

    /// Employees of one OPD (or the city, `opdCode` nil) who are in box `fromBox` in the base and `toBox` in the
    /// scenario; a box is 1 … 9, nil for not placed (BELUM_TERPETAKAN).
    public struct Transition: Sendable, Hashable {
        public var opdCode: String?
        public var fromBox: Int?
        public var toBox: Int?
        public var employees: Int
    }

    /// The headline counts of one OPD (or the city, `opdCode` nil).
    public struct Totals: Sendable, Hashable {
        public var opdCode: String?
        /// The OPD's name (`hr.unit.name`); nil for the city.
        public var opdName: String?
        /// Employees assessed on both sides.
        public var employees: Int
        /// Of them, those whose box (or not placed) differs.
        public var boxChanged: Int
        /// Talent pool (KRS instansi) members the scenario gains and loses.
        public var poolGained: Int
        public var poolLost: Int
        /// Target positions whose designated successor (rank 1) differs.
        public var successorsChanged: Int
    }

    /// An employee who joins (gained) or leaves (lost) the talent pool in the scenario.
    public struct PoolChange: Sendable, Hashable {
        public var nip: String
        public var opdCode: String
        public var targetLevel: String
        public var gained: Bool
        public var fromBox: Int?
        public var toBox: Int?
        /// Why not a member on each side (BOX, STATUS, STATE, DISIPLIN, BUP); empty for a member.
        public var fromBlockers: [String]
        public var toBlockers: [String]
    }

    /// A target position whose designated successor differs.
    public struct SuccessorChange: Sendable, Hashable {
        public var positionCode: String
        public var opdCode: String
        /// CHANGED (another employee), LOST (the scenario has none) or GAINED (the base had none).
        public var change: String
        public var fromNIP: String?
        public var toNIP: String?
        public var fromReadiness: String?
        public var toReadiness: String?
        /// Whether the position has a plan (is a target) on each side.
        public var fromTarget: Bool
        public var toTarget: Bool
    }

    /// One indicator's mean on each side (of one OPD, or the city with `opdCode` nil), over the employees assessed on
    /// both sides; a side whose rule set lacks the indicator has nil figures (the default and the BKN 411/2025 preset
    /// name different indicators). Means are decimal text as the database rounds them (`72.35`; weighted `43.4100`).
    public struct IndicatorChange: Sendable, Hashable {
        public var opdCode: String?
        /// KINERJA or POTENSI.
        public var axis: String
        public var indicator: String
        /// The indicator's place in each side's indicators.csv order; nil where the side lacks it.
        public var fromOrdinal: Int?
        public var toOrdinal: Int?
        /// Employees with a score for it, on each side.
        public var fromScored: Int?
        public var toScored: Int?
        /// The mean score (0-100, 2 decimals) and mean weighted points (4 decimals) on each side.
        public var fromMeanScore: String?
        public var toMeanScore: String?
        public var fromMeanWeighted: String?
        public var toMeanWeighted: String?
        /// to − from; nil when a side lacks the indicator or any score.
        public var meanScoreChange: String?
        public var meanWeightedChange: String?
    }

    public var year: Int
    public var base: Side
    public var scenario: Side
    /// The one OPD compared; nil for the city with every OPD.
    public var opdCode: String?
    /// Employees assessed in the base only, or in the scenario only (city-wide): in no other figure.
    public var baseOnly: Int
    public var scenarioOnly: Int
    /// City-wide (opdCode nil, unless one OPD was asked for) and per OPD; pairs with nobody are absent.
    public var transitions: [Transition]
    /// City-wide first (unless one OPD was asked for), then per OPD by code.
    public var totals: [Totals]
    /// By OPD, gained before lost, then NIP.
    public var poolChanges: [PoolChange]
    /// By position code.
    public var successorChanges: [SuccessorChange]
    /// City-wide first (unless one OPD was asked for), then per OPD; each by axis (KINERJA first), in the base's
    /// indicator order, then the scenario's own indicators.
    public var indicatorChanges: [IndicatorChange]

    /// The boxes in the order rows and columns of a transition matrix take: 1 … 9, then not placed (nil).
    public static let boxes: [Int?] = (1...9).map { $0 } + [nil]

    /// The 10 × 10 matrix of the headline scope (the city, or the one OPD asked for): `[from][to]` in the order of
    /// ``boxes``.
    public var matrix: [[Int]] {
        var matrix = Array(repeating: Array(repeating: 0, count: Self.boxes.count), count: Self.boxes.count)
        for transition in transitions where transition.opdCode == opdCode {
            let from = Self.boxes.firstIndex(of: transition.fromBox)!
            let to = Self.boxes.firstIndex(of: transition.toBox)!
            matrix[from][to] += transition.employees
        }
        return matrix
    }

    /// The headline counts (the city, or the one OPD asked for).
    public var headline: Totals {
        totals.first { $0.opdCode == opdCode }
            ?? Totals(opdCode: opdCode, opdName: nil, employees: 0, boxChanged: 0, poolGained: 0, poolLost: 0,
                      successorsChanged: 0)
    }
}

/// Reads a ``ScenarioComparison`` from the views of sql/0022 (`talent.scenarios`, `talent.review_periods`,
/// `talent.opd`, `talent.scenario_box_transition`, `talent.scenario_comparison`, `talent.scenario_pool_change`,
/// `talent.scenario_successor_change`, `talent.scenario_indicator_change`), so a `talenta_reader` login may run it.
public enum ScenarioComparisonReader {
    /// Scenario `scenario` of year Y against the official review (`against` nil) or against scenario `against`.
    /// - Parameters:
    ///   - opdCode: only this OPD; nil for the city and every OPD.
    ///
    /// Every figure comes from one snapshot (a read-only repeatable-read transaction of its own), so a recalculation
    /// committing meanwhile cannot split them. JIT compilation is off for it: these are a city's few thousand rows,
    /// which a plan costed on stale statistics (a review period just created) would spend seconds compiling for.
    /// - Throws: `StoreError` `.outOfRange` for a year outside `ReviewPeriods.years`; `.notFound` when a side or
    ///   the OPD does not exist; `.conflict` when a scenario is compared with itself; `PostgresError`.
    /// - Precondition: `connection` is not inside a transaction.
    public static func read(year: Int, scenario: ScenarioName, against: ScenarioName?, opdCode: String?,
                            on connection: Connection) throws -> ScenarioComparison {
        try ReviewPeriods.checkYear(year)
        guard scenario != against else {
            throw StoreError(.conflict, "scenario \(scenario) compared with itself: name another with --against")
        }
        return try connection.withTransaction { connection in
            try connection.executeScript("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY; SET LOCAL jit = off",
                                         name: "talent.compare_snapshot")
            return try read(year: year, scenario: scenario, against: against, opdCode: opdCode, snapshot: connection)
        }
    }

    private static func read(year: Int, scenario: ScenarioName, against: ScenarioName?, opdCode: String?,
                             snapshot connection: Connection) throws -> ScenarioComparison {
        let other = try side(year: year, scenario: scenario, on: connection)
        let base = try side(year: year, scenario: against, on: connection)
        if let opdCode {
            let found = try connection.execute(
                "SELECT 1 FROM talent.opd WHERE opd_code = $1 LIMIT 1", [opdCode], name: "talent.compare_opd")
            guard !found.rows.isEmpty else { throw StoreError(.notFound, "no OPD with code \(opdCode)") }
        }
        let keys: [any PostgresEncodable & Sendable] = [year, scenario.rawValue, against?.rawValue, opdCode]
        let pair = """
            year = $1::integer AND scenario = $2::text AND base_scenario IS NOT DISTINCT FROM $3::text
            """
        let transitions = try connection.execute("""
            SELECT opd_code, from_box, to_box, employees FROM talent.scenario_box_transition
             WHERE \(pair) AND ($4::text IS NULL OR opd_code = $4::text)
             ORDER BY opd_code NULLS FIRST, from_box NULLS LAST, to_box NULLS LAST
            """, keys, name: "talent.compare_transitions").rows.map { row in
            ScenarioComparison.Transition(opdCode: try row.decode("opd_code"), fromBox: try row.decode("from_box"),
                                          toBox: try row.decode("to_box"), employees: try row.decode("employees"))
        }
        var baseOnly = 0
        var scenarioOnly = 0
        let totals = try connection.execute("""
            SELECT opd_code, opd_name, employees, box_changed, pool_gained, pool_lost, successors_changed,
                   base_only, scenario_only
              FROM talent.scenario_comparison
             WHERE \(pair) AND ($4::text IS NULL OR opd_code = $4::text OR opd_code IS NULL)
             ORDER BY opd_code NULLS FIRST
            """, keys, name: "talent.compare_totals").rows.compactMap { row -> ScenarioComparison.Totals? in
            let code = try row.decode("opd_code", as: String?.self)
            if code == nil {
                baseOnly = try row.decode("base_only")
                scenarioOnly = try row.decode("scenario_only")
                if opdCode != nil { return nil }
            }
            return ScenarioComparison.Totals(
                opdCode: code, opdName: try row.decode("opd_name"), employees: try row.decode("employees"),
                boxChanged: try row.decode("box_changed"), poolGained: try row.decode("pool_gained"),
                poolLost: try row.decode("pool_lost"), successorsChanged: try row.decode("successors_changed"))
        }
        let poolChanges = try connection.execute("""
            SELECT nip, opd_code, target_level, change, from_box, to_box, from_pool_blockers, to_pool_blockers
              FROM talent.scenario_pool_change
             WHERE \(pair) AND ($4::text IS NULL OR opd_code = $4::text)
             ORDER BY opd_code, change DESC, nip
            """, keys, name: "talent.compare_pool").rows.map { row in
            ScenarioComparison.PoolChange(
                nip: try row.decode("nip"), opdCode: try row.decode("opd_code"),
                targetLevel: try row.decode("target_level"), gained: try row.decode("change", as: String.self) == "GAINED",
                fromBox: try row.decode("from_box"), toBox: try row.decode("to_box"),
                fromBlockers: try row.decode("from_pool_blockers"), toBlockers: try row.decode("to_pool_blockers"))
        }
        let successorChanges = try connection.execute("""
            SELECT position_code, opd_code, change, from_nip, to_nip, from_readiness, to_readiness, from_target,
                   to_target
              FROM talent.scenario_successor_change
             WHERE \(pair) AND ($4::text IS NULL OR opd_code = $4::text)
             ORDER BY position_code
            """, keys, name: "talent.compare_successors").rows.map { row in
            ScenarioComparison.SuccessorChange(
                positionCode: try row.decode("position_code"), opdCode: try row.decode("opd_code"),
                change: try row.decode("change"), fromNIP: try row.decode("from_nip"), toNIP: try row.decode("to_nip"),
                fromReadiness: try row.decode("from_readiness"), toReadiness: try row.decode("to_readiness"),
                fromTarget: try row.decode("from_target"), toTarget: try row.decode("to_target"))
        }
        let indicatorChanges = try connection.execute("""
            SELECT opd_code, axis, indicator, from_ordinal, to_ordinal, from_scored, to_scored,
                   from_mean_score::text AS from_mean_score, to_mean_score::text AS to_mean_score,
                   from_mean_weighted::text AS from_mean_weighted, to_mean_weighted::text AS to_mean_weighted,
                   mean_score_change::text AS mean_score_change, mean_weighted_change::text AS mean_weighted_change
              FROM talent.scenario_indicator_change
             WHERE \(pair) AND ($4::text IS NULL OR opd_code = $4::text)
             ORDER BY opd_code NULLS FIRST, axis, from_ordinal NULLS LAST, to_ordinal
            """, keys, name: "talent.compare_indicators").rows.map { row in
            ScenarioComparison.IndicatorChange(
                opdCode: try row.decode("opd_code"), axis: try row.decode("axis"), indicator: try row.decode("indicator"),
                fromOrdinal: try row.decode("from_ordinal"), toOrdinal: try row.decode("to_ordinal"),
                fromScored: try row.decode("from_scored"), toScored: try row.decode("to_scored"),
                fromMeanScore: try row.decode("from_mean_score"), toMeanScore: try row.decode("to_mean_score"),
                fromMeanWeighted: try row.decode("from_mean_weighted"), toMeanWeighted: try row.decode("to_mean_weighted"),
                meanScoreChange: try row.decode("mean_score_change"),
                meanWeightedChange: try row.decode("mean_weighted_change"))
        }
        return ScenarioComparison(
            year: year, base: base, scenario: other, opdCode: opdCode, baseOnly: baseOnly, scenarioOnly: scenarioOnly,
            transitions: transitions, totals: totals, poolChanges: poolChanges, successorChanges: successorChanges,
            indicatorChanges: indicatorChanges)
    }

    /// The official period of Y (`scenario` nil) or its scenario, from the reader's views.
    static func side(year: Int, scenario: ScenarioName?, on connection: Connection) throws -> ScenarioComparison.Side {
        let sql = scenario == nil
            ? """
              SELECT period_id, reference_date, rule_set, provenance FROM talent.review_periods
               WHERE year = $1::integer AND $2::text IS NULL
              """
            : """
              SELECT period_id, reference_date, rule_set, provenance FROM talent.scenarios
               WHERE year = $1::integer AND scenario = $2::text
              """
        guard let row = try connection.execute(sql, [year, scenario?.rawValue], name: "talent.compare_side").rows.first
        else {
            throw StoreError(.notFound, scenario.map { "there is no scenario \($0) in \(year)" }
                ?? "there is no official review for \(year) to compare with")
        }
        return ScenarioComparison.Side(
            periodID: try row.decode("period_id"), scenario: scenario, referenceDate: try row.date("reference_date"),
            ruleSetID: try row.text("rule_set"), provenance: try row.decode("provenance"))
    }
}
