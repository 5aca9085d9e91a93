public import Postgres
public import Talent

/// Reads the city's units and positions (`hr.unit`, `hr.position`) as the talent rules' `Organisation`.
public enum OrganisationReader {
    /// Loads every unit and position (two queries).
    /// - Returns: the organisation, with each position's OPD resolved from the unit tree.
    /// - Throws: `PostgresError` from the queries; `StoreError` (`.invalidStoredValue`) for a stored kind or jenjang
    ///   the rules do not know.
    /// - Thread safety: uses `connection` on the calling thread only.
    public static func load(on connection: Connection) throws -> Organisation {
        let units = try connection.execute(
            "SELECT unit_code, name, parent_code FROM hr.unit ORDER BY unit_code", name: "talent.load_units"
        ).rows.map { row in
            Unit(code: try row.text("unit_code"), name: try row.text("name"), parentCode: row.string("parent_code"))
        }
        let positions = try connection.execute(
            "SELECT position_code, unit_code, title, kind, jenjang, critical FROM hr.position ORDER BY position_code",
            name: "talent.load_positions"
        ).rows.map { row in
            Position(code: try row.text("position_code"), unitCode: try row.text("unit_code"),
                     title: try row.text("title"), kind: try row.code("kind"), jenjang: try row.optionalCode("jenjang"),
                     critical: try row.decode("critical", as: Bool.self))
        }
        return Organisation(units: units, positions: positions)
    }
}
