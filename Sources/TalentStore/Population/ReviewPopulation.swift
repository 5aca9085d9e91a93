public import Postgres

/// Who a review or recalculation covers, cut into batches of one OPD each.
public enum ReviewPopulation {
    /// The employees covered.
    public enum Scope: Hashable, Sendable {
        /// Every employee of `hr.employee`.
        case everyone
        /// The employee with this NIP.
        case nip(String)
        /// Every employee whose position lies in this OPD (a unit with no parent) or below it.
        case opd(String)
    }

    /// Internal employee ids of `scope`, in batches of at most `maxBatchSize` that never mix OPDs, by OPD code then id.
    ///
    /// Every state is included: the rules decide who gets a result (PENSIUN and BERHENTI get none), and a batch
    /// removes its employees' earlier results, so a person who left loses a stale result on the next review.
    /// An employee whose unit does not reach an OPD forms batches of its own.
    /// - Throws: `StoreError` (`.notFound`) when a NIP or OPD scope names nothing; `PostgresError`.
    /// - Precondition: `maxBatchSize >= 1`.
    public static func batches(_ scope: Scope, maxBatchSize: Int, on connection: Connection) throws -> [[Int64]] {
        precondition(maxBatchSize >= 1, "a batch holds at least one employee")
        var nip: String?
        var opd: String?
        switch scope {
        case .everyone: break
        case .nip(let value): nip = value
        case .opd(let value): opd = value
        }
        // The batches are cut in SQL, one int8[] per batch, so the caller never holds one row per employee.
        let rows = try connection.execute("""
            SELECT array_agg(id ORDER BY id) AS ids
              FROM (SELECT e.id, coalesce(o.opd_code, '') AS opd_code,
                           (row_number() OVER (PARTITION BY coalesce(o.opd_code, '') ORDER BY e.id) - 1)
                               / $3::integer AS chunk
                      FROM hr.employee e
                      JOIN hr.position p ON p.position_code = e.position_code
                      LEFT JOIN talent.opd o ON o.unit_code = p.unit_code
                     WHERE ($1::text IS NULL OR e.nip = $1::text) AND ($2::text IS NULL OR o.opd_code = $2::text)
                   ) AS covered
             GROUP BY opd_code, chunk
             ORDER BY opd_code, chunk
            """, [nip, opd, maxBatchSize], name: "talent.population").rows
        if rows.isEmpty {
            if let nip { throw StoreError(.notFound, "no employee has NIP \(nip)") }
            if let opd {
                let known = try connection.execute(
                    "SELECT 1 FROM hr.unit WHERE unit_code = $1 AND parent_code IS NULL", [opd],
                    name: "talent.find_opd").rows
                guard !known.isEmpty else { throw StoreError(.notFound, "no OPD has the unit code \(opd)") }
            }
        }
        return try rows.map { try $0.decode("ids", as: [Int64].self) }
    }
}
