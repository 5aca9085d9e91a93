public import Postgres

/// The nine-box distribution of a stored review per OPD (perangkat daerah), for reports: counts, and on request the
/// NIP and name of everyone placed. An employee belongs to the OPD of their current position's unit (as in the
/// `talent.box_distribution` view).
public enum BoxDistributionReader {
    /// Employees of one OPD in one box (or not placed).
    public struct BoxCount: Hashable, Sendable {
        public var opdCode: String
        /// The OPD's name (`hr.unit.name`; may be empty).
        public var opdName: String
        /// 1 … 9, or nil for employees not placed (BELUM_TERPETAKAN).
        public var box: Int?
        public var employees: Int
    }

    /// One placed employee. Holds a personal name: for a report the caller asked to show names in, never for logs.
    public struct PlacedEmployee: Hashable, Sendable {
        public var opdCode: String
        /// 1 … 9.
        public var box: Int
        public var nip: String
        public var name: String
    }

    /// Counts per OPD and box of year Y's review, ordered by OPD code then box (not placed first). Reads only the
    /// views `talent.review_periods`, `talent.opd` and `talent.box_distribution`, so a `talenta_reader` login may
    /// call it.
    /// - Parameters:
    ///   - year: Y.
    ///   - opdCode: only this OPD; nil for every OPD.
    /// - Throws: `StoreError` `.notFound` when Y has no review period or `opdCode` names no OPD (a unit with no
    ///   parent); `PostgresError`.
    public static func counts(year: Int, opdCode: String?, on connection: Connection) throws -> [BoxCount] {
        try requirePeriod(year, on: connection)
        if let opdCode { try requireOPD(opdCode, on: connection) }
        return try connection.execute("""
            SELECT opd_code, opd_name, box, employees
              FROM talent.box_distribution
             WHERE year = $1::integer AND ($2::text IS NULL OR opd_code = $2::text)
             ORDER BY opd_code, box NULLS FIRST
            """, [year, opdCode], name: "talent.report_counts").rows.map { row in
            BoxCount(opdCode: try row.decode("opd_code"), opdName: try row.decode("opd_name"),
                     box: try row.decode("box", as: Int?.self), employees: try row.decode("employees"))
        }
    }

    /// Every placed employee of year Y's official review with NIP and name, ordered by OPD code, box, name and NIP. Names are
    /// personal data kept in `hr.employee`: this needs read access to hr (the worker's or the owner's login), which
    /// `talenta_reader` does not have.
    /// - Parameters: as ``counts(year:opdCode:on:)``.
    /// - Throws: as ``counts(year:opdCode:on:)``; `PostgresError` 42501 for a login that may not read hr.
    public static func placedEmployees(year: Int, opdCode: String?, on connection: Connection) throws -> [PlacedEmployee] {
        try requirePeriod(year, on: connection)
        if let opdCode { try requireOPD(opdCode, on: connection) }
        return try connection.execute("""
            SELECT o.opd_code, r.box, r.nip, e.name
              FROM talent.assessment_result r
              JOIN talent.review_period p ON p.id = r.period_id
              JOIN hr.employee e ON e.id = r.employee_id
              JOIN hr.position pos ON pos.position_code = e.position_code
              JOIN talent.opd o ON o.unit_code = pos.unit_code
             WHERE p.year = $1::integer AND p.scenario IS NULL AND r.box IS NOT NULL
               AND ($2::text IS NULL OR o.opd_code = $2::text)
             ORDER BY o.opd_code, r.box, e.name, r.nip
            """, [year, opdCode], name: "talent.report_people").rows.map { row in
            PlacedEmployee(opdCode: try row.decode("opd_code"), box: try row.decode("box"),
                           nip: try row.decode("nip"), name: try row.decode("name"))
        }
    }

    /// The rule set of year Y's official review, `name@version`, and its provenance when the rule set states one
    /// (the BKN 411/2025 preset: reconstructed, not checked against the Lampiran). Reads `talent.review_periods`
    /// only, so a `talenta_reader` login may call it.
    /// - Throws: `StoreError` `.notFound` when Y has no review period; `PostgresError`.
    public static func ruleSet(year: Int, on connection: Connection) throws -> (id: String, provenance: String?) {
        guard let row = try connection.execute(
            "SELECT rule_set, provenance FROM talent.review_periods WHERE year = $1::integer", [year],
            name: "talent.report_rule_set").rows.first else {
            throw StoreError(.notFound, "there is no review period for \(year)")
        }
        return (try row.decode("rule_set"), try row.decode("provenance"))
    }

    private static func requirePeriod(_ year: Int, on connection: Connection) throws {
        let found = try connection.execute(
            "SELECT 1 FROM talent.review_periods WHERE year = $1::integer", [year], name: "talent.report_period")
        guard !found.rows.isEmpty else { throw StoreError(.notFound, "there is no review period for \(year)") }
    }

    private static func requireOPD(_ code: String, on connection: Connection) throws {
        let found = try connection.execute(
            "SELECT 1 FROM talent.opd WHERE opd_code = $1 LIMIT 1", [code], name: "talent.report_opd")
        guard !found.rows.isEmpty else { throw StoreError(.notFound, "no OPD with code \(code)") }
    }
}
