public import Foundation
public import Postgres

/// Kelengkapan data (data completeness) of a stored review, from the views of sql/0021: per employee and indicator,
/// per employee, and per OPD and city-wide per indicator. Everything but ``chaseList(year:opdCode:on:)`` reads only
/// views a `talenta_reader` login may read (NIP, OPD and position, never a name).
public enum CompletenessReader {
    /// One employee's state on one indicator (`talent.indicators`).
    public struct IndicatorState: Hashable, Sendable {
        public var nip: String
        public var opdCode: String
        public var positionCode: String
        public var axis: String
        public var indicator: String
        /// PRESENT, MISSING or NO_RECORD.
        public var state: String
        /// 0–100, 2 decimals; nil when the employee has no value for it.
        public var score: Decimal?
        /// Percent of the axis.
        public var weight: Decimal
        public var best: Decimal
        /// 0 when PRESENT; else the weighted points it would add to its axis at its best.
        public var pointsAtStake: Decimal
    }

    /// Per indicator in one scope (an OPD, or the city).
    public struct IndicatorSummary: Hashable, Sendable {
        public var axis: String
        public var indicator: String
        /// What it measures, in words; nil for a name the built-in rule sets do not use.
        public var label: String?
        public var employees: Int
        public var present: Int
        public var missing: Int
        public var noRecord: Int
        /// The mean points at stake of the employees without data for it; nil when everyone has data.
        public var pointsAtStake: Decimal?
        /// Points at stake summed over the MISSING employees (points at stake × employees missing).
        public var missingPoints: Decimal
        /// Points at stake summed over the NO_RECORD employees.
        public var noRecordPoints: Decimal
        /// 1 = collect first; nil when nobody misses it.
        public var collectOrder: Int?
        /// 1 = ask first whether records exist; nil when nobody has NO_RECORD.
        public var confirmOrder: Int?
    }

    /// One scope: an OPD (`opdCode` set) or the city (nil), with its indicators in indicators.csv order.
    public struct Scope: Hashable, Sendable {
        public var opdCode: String?
        /// The OPD's name (may be empty); nil for the city.
        public var opdName: String?
        public var ruleSet: String
        /// The rule set's provenance when it states one (the BKN 411/2025 preset); nil otherwise.
        public var ruleSetProvenance: String?
        public var employees: Int
        /// Employees with every indicator PRESENT.
        public var fullyComplete: Int
        /// Employees with at least one MISSING indicator.
        public var withMissing: Int
        public var notPlaced: Int
        /// Employees whose best box differs from their box.
        public var boxCanChange: Int
        public var indicators: [IndicatorSummary]
    }

    /// One employee of the chase list: NIP, name, position and what to collect. Holds a personal name: for a file
    /// the caller asked for with names, never for logs.
    public struct ChaseEntry: Hashable, Sendable {
        public var opdCode: String
        public var nip: String
        public var name: String
        public var positionCode: String
        public var positionTitle: String
        /// TERPETAKAN or BELUM_TERPETAKAN.
        public var status: String
        public var box: Int?
        public var bestBox: Int?
        public var missing: [String]
        public var noRecord: [String]
        public var kinerjaPointsAtStake: Decimal
        public var potensiPointsAtStake: Decimal
    }

    /// Every employee's state on every indicator of year Y's review, by OPD, NIP and indicators.csv order.
    /// - Parameters:
    ///   - opdCode: only this OPD; nil for every OPD.
    /// - Throws: `StoreError` `.notFound` when Y has no review period or `opdCode` names no OPD; `PostgresError`.
    public static func states(year: Int, opdCode: String?, on connection: Connection) throws -> [IndicatorState] {
        let periodID = try period(year, opdCode: opdCode, on: connection)
        return try connection.execute("""
            SELECT nip, opd_code, position_code, axis, indicator, state, score, weight, best, points_at_stake
              FROM talent.indicators
             WHERE period_id = $1 AND ($2::text IS NULL OR opd_code = $2::text)
             ORDER BY opd_code, nip, ordinal
            """, [periodID, opdCode], name: "talent.completeness_states").rows.map { row in
            IndicatorState(
                nip: try row.decode("nip"), opdCode: try row.decode("opd_code"),
                positionCode: try row.decode("position_code"), axis: try row.decode("axis"),
                indicator: try row.decode("indicator"), state: try row.decode("state"),
                score: try decimal("score", of: row), weight: try decimal("weight", of: row) ?? 0,
                best: try decimal("best", of: row) ?? 0, pointsAtStake: try decimal("points_at_stake", of: row) ?? 0)
        }
    }

    /// The city and every OPD (or the one asked for) of year Y's review, the city first, then OPDs by code.
    /// - Throws: as ``states(year:opdCode:on:)``.
    public static func scopes(year: Int, opdCode: String?, on connection: Connection) throws -> [Scope] {
        let periodID = try period(year, opdCode: opdCode, on: connection)
        var indicators = [String: [IndicatorSummary]]()
        for row in try connection.execute("""
            SELECT coalesce(opd_code, '') AS scope, axis, indicator, label, employees, present, missing, no_record,
                   points_at_stake, missing_points, no_record_points, collect_order, confirm_order
              FROM talent.completeness_indicator
             WHERE period_id = $1 AND (city_wide OR $2::text IS NULL OR opd_code = $2::text)
             ORDER BY city_wide DESC, opd_code, ordinal
            """, [periodID, opdCode], name: "talent.completeness_indicators").rows {
            indicators[try row.decode("scope"), default: []].append(IndicatorSummary(
                axis: try row.decode("axis"), indicator: try row.decode("indicator"), label: try row.decode("label"),
                employees: try row.decode("employees"), present: try row.decode("present"),
                missing: try row.decode("missing"), noRecord: try row.decode("no_record"),
                pointsAtStake: try decimal("points_at_stake", of: row),
                missingPoints: try decimal("missing_points", of: row) ?? 0,
                noRecordPoints: try decimal("no_record_points", of: row) ?? 0,
                collectOrder: try row.decode("collect_order"), confirmOrder: try row.decode("confirm_order")))
        }
        return try connection.execute("""
            SELECT opd_code, opd_name, rule_set, rule_set_provenance, employees, fully_complete, with_missing,
                   not_placed, box_can_change
              FROM talent.completeness_opd
             WHERE period_id = $1 AND (city_wide OR $2::text IS NULL OR opd_code = $2::text)
             ORDER BY city_wide DESC, opd_code
            """, [periodID, opdCode], name: "talent.completeness_scopes").rows.map { row in
            let code = try row.decode("opd_code", as: String?.self)
            return Scope(
                opdCode: code, opdName: try row.decode("opd_name"), ruleSet: try row.decode("rule_set"),
                ruleSetProvenance: try row.decode("rule_set_provenance"), employees: try row.decode("employees"),
                fullyComplete: try row.decode("fully_complete"), withMissing: try row.decode("with_missing"),
                notPlaced: try row.decode("not_placed"), boxCanChange: try row.decode("box_can_change"),
                indicators: indicators[code ?? ""] ?? [])
        }
    }

    /// The chase list of year Y's review: every employee with at least one MISSING indicator (the unplaced included:
    /// their SKP is MISSING), with name and position, by OPD, then the unplaced first, then the most points at stake,
    /// then NIP. Names are personal data kept in `hr.employee`: this needs the worker's or the owner's login.
    /// - Throws: as ``states(year:opdCode:on:)``; `PostgresError` 42501 for a login that may not read hr.
    public static func chaseList(year: Int, opdCode: String?, on connection: Connection) throws -> [ChaseEntry] {
        let periodID = try period(year, opdCode: opdCode, on: connection)
        return try connection.execute("""
            SELECT c.opd_code, c.nip, e.name, c.position_code, coalesce(c.position_title, '') AS position_title,
                   c.status, c.box, c.best_box, c.missing_indicators, c.no_record_indicators,
                   c.kinerja_points_at_stake, c.potensi_points_at_stake
              FROM talent.completeness_employee c
              JOIN hr.employee e ON e.id = c.employee_id
             WHERE c.period_id = $1 AND c.missing > 0 AND ($2::text IS NULL OR c.opd_code = $2::text)
             ORDER BY c.opd_code, c.box IS NOT NULL, c.kinerja_points_at_stake + c.potensi_points_at_stake DESC, c.nip
            """, [periodID, opdCode], name: "talent.completeness_chase").rows.map { row in
            ChaseEntry(
                opdCode: try row.decode("opd_code"), nip: try row.decode("nip"), name: try row.decode("name"),
                positionCode: try row.decode("position_code"), positionTitle: try row.decode("position_title"),
                status: try row.decode("status"), box: try row.decode("box"), bestBox: try row.decode("best_box"),
                missing: try row.decode("missing_indicators"), noRecord: try row.decode("no_record_indicators"),
                kinerjaPointsAtStake: try decimal("kinerja_points_at_stake", of: row) ?? 0,
                potensiPointsAtStake: try decimal("potensi_points_at_stake", of: row) ?? 0)
        }
    }

    /// The id of year Y's period (as `talent.review_periods` shows it), after checking that `opdCode`, when given,
    /// is an OPD.
    private static func period(_ year: Int, opdCode: String?, on connection: Connection) throws -> Int64 {
        guard let row = try connection.execute(
            "SELECT period_id FROM talent.review_periods WHERE year = $1::integer", [year],
            name: "talent.completeness_period").rows.first
        else { throw StoreError(.notFound, "there is no review period for \(year)") }
        if let opdCode, try connection.execute(
            "SELECT 1 FROM talent.opd WHERE opd_code = $1 LIMIT 1", [opdCode], name: "talent.completeness_opd").rows.isEmpty {
            throw StoreError(.notFound, "no OPD with code \(opdCode)")
        }
        return try row.decode("period_id", as: Int64.self)
    }

    private static func decimal(_ column: String, of row: Row) throws -> Decimal? {
        try ExplanationReader.decimal(column, of: row)
    }
}
