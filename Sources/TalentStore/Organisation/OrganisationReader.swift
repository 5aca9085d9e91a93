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
        let positions = try connection.execute(
            "SELECT position_code, unit_code, title, kind, jenjang, critical FROM hr.position ORDER BY position_code",
            name: "talent.load_positions"
        ).rows.map(position)
        return Organisation(units: try units(on: connection), positions: positions)
    }

    /// Loads every unit and only the positions held by the employees `employeeIDs` (two queries): what
    /// `TalentEngine.assess` reads for a batch ("the positions the employees hold"), without decoding the whole
    /// city's positions for every assessment batch.
    /// - Parameter employeeIDs: internal employee ids (`hr.employee.id`).
    /// - Throws: as `load(on:)`.
    public static func load(positionsHeldBy employeeIDs: [Int64], on connection: Connection) throws -> Organisation {
        let positions = try connection.execute("""
            SELECT position_code, unit_code, title, kind, jenjang, critical FROM hr.position
             WHERE position_code IN (SELECT position_code FROM hr.employee WHERE id = ANY($1))
             ORDER BY position_code
            """, [employeeIDs], name: "talent.load_held_positions").rows.map(position)
        return Organisation(units: try units(on: connection), positions: positions)
    }

    private static func units(on connection: Connection) throws -> [Unit] {
        try connection.execute(
            "SELECT unit_code, name, parent_code FROM hr.unit ORDER BY unit_code", name: "talent.load_units"
        ).rows.map { row in
            Unit(code: try row.text("unit_code"), name: try row.text("name"), parentCode: row.string("parent_code"))
        }
    }

    private static func position(_ row: Row) throws -> Position {
        Position(code: try row.text("position_code"), unitCode: try row.text("unit_code"), title: try row.text("title"),
                 kind: try row.code("kind"), jenjang: try row.optionalCode("jenjang"),
                 critical: try row.decode("critical", as: Bool.self))
    }
}
