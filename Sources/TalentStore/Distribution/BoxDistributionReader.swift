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

    /// Counts per OPD and box of year Y's review, ordered by OPD code then box (not placed first).
    /// - Parameters:
    ///   - year: Y.
    ///   - opdCode: only this OPD; nil for every OPD.
    /// - Throws: `StoreError` `.notFound` when Y has no review period or `opdCode` names no OPD (a unit with no
    ///   parent); `PostgresError`.
    public static func counts(year: Int, opdCode: String?, on connection: Connection) throws -> [BoxCount] {
        let period = try ReviewPeriods.find(year: year, on: connection).period
        if let opdCode { try requireOPD(opdCode, on: connection) }
        return try connection.execute("""
            SELECT o.opd_code, u.name AS opd_name, r.box, count(*) AS employees
              FROM talent.assessment_result r
              JOIN hr.employee e ON e.id = r.employee_id
              JOIN hr.position pos ON pos.position_code = e.position_code
              JOIN talent.opd o ON o.unit_code = pos.unit_code
              JOIN hr.unit u ON u.unit_code = o.opd_code
             WHERE r.period_id = $1 AND ($2::text IS NULL OR o.opd_code = $2::text)
             GROUP BY o.opd_code, u.name, r.box
             ORDER BY o.opd_code, r.box NULLS FIRST
            """, [period.id, opdCode], name: "talent.report_counts").rows.map { row in
            BoxCount(opdCode: try row.decode("opd_code"), opdName: try row.decode("opd_name"),
                     box: try row.decode("box", as: Int?.self), employees: try row.decode("employees"))
        }
    }

    /// Every placed employee of year Y's review with NIP and name, ordered by OPD code, box, name and NIP.
    /// - Parameters: as ``counts(year:opdCode:on:)``.
    /// - Throws: as ``counts(year:opdCode:on:)``.
    public static func placedEmployees(year: Int, opdCode: String?, on connection: Connection) throws -> [PlacedEmployee] {
        let period = try ReviewPeriods.find(year: year, on: connection).period
        if let opdCode { try requireOPD(opdCode, on: connection) }
        return try connection.execute("""
            SELECT o.opd_code, r.box, r.nip, e.name
              FROM talent.assessment_result r
              JOIN hr.employee e ON e.id = r.employee_id
              JOIN hr.position pos ON pos.position_code = e.position_code
              JOIN talent.opd o ON o.unit_code = pos.unit_code
             WHERE r.period_id = $1 AND r.box IS NOT NULL AND ($2::text IS NULL OR o.opd_code = $2::text)
             ORDER BY o.opd_code, r.box, e.name, r.nip
            """, [period.id, opdCode], name: "talent.report_people").rows.map { row in
            PlacedEmployee(opdCode: try row.decode("opd_code"), box: try row.decode("box"),
                           nip: try row.decode("nip"), name: try row.decode("name"))
        }
    }

    private static func requireOPD(_ code: String, on connection: Connection) throws {
        let found = try connection.execute(
            "SELECT 1 FROM hr.unit WHERE unit_code = $1 AND parent_code IS NULL", [code], name: "talent.report_opd")
        guard !found.rows.isEmpty else { throw StoreError(.notFound, "no OPD with code \(code)") }
    }
}
