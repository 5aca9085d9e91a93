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

    /// Batches fetched per round trip (the count written in ``fetchChunk``): the batches of one chunk (at most
    /// ``chunkSize`` × maxBatchSize ids) are all that is held at once.
    public static let chunkSize = 100
    static let fetchChunk = "FETCH 100 FROM talent_population"

    /// Internal employee ids of `scope`, in batches of at most `maxBatchSize` that never mix OPDs, by OPD code then id,
    /// streamed through a cursor ``chunkSize`` batches at a time, so the caller never holds the whole population.
    ///
    /// Every state is included: the rules decide who gets a result (PENSIUN and BERHENTI get none), and a batch
    /// removes its employees' earlier results, so a person who left loses a stale result on the next review.
    /// An employee whose unit does not reach an OPD forms batches of its own.
    /// - Parameters:
    ///   - total: called once, before any batch, with the number of batches (0 when `.everyone` covers nobody).
    ///   - batches: called once per chunk with the next at most ``chunkSize`` batches, in order.
    /// - Throws: `StoreError` (`.notFound`) when a NIP or OPD scope names nothing (before `total` is called);
    ///   `PostgresError`; whatever `total` or `batches` throws.
    /// - Precondition: `maxBatchSize >= 1`.
    /// - Thread safety: uses `connection` on the calling thread only. Inside a transaction (the job's) the cursor
    ///   lives in it; outside one, the read runs in a transaction of its own.
    public static func batches(_ scope: Scope, maxBatchSize: Int, on connection: Connection,
                               total: (Int) throws -> Void, batches: ([[Int64]]) throws -> Void) throws {
        precondition(maxBatchSize >= 1, "a batch holds at least one employee")
        guard connection.isInTransaction else {
            return try connection.withTransaction {
                try self.batches(scope, maxBatchSize: maxBatchSize, on: $0, total: total, batches: batches)
            }
        }
        var nip: String?
        var opd: String?
        switch scope {
        case .everyone: break
        case .nip(let value): nip = value
        case .opd(let value): opd = value
        }
        // The batches are cut in SQL, one int8[] per batch, each row with the number of batches.
        try connection.execute("""
            DECLARE talent_population NO SCROLL CURSOR FOR
            SELECT array_agg(id ORDER BY id) AS ids, count(*) OVER () AS batches
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
            """, [nip, opd, maxBatchSize], name: "talent.open_population")
        var rows = try connection.execute(fetchChunk, name: "talent.fetch_population").rows
        if rows.isEmpty {
            if let nip { throw StoreError(.notFound, "no employee has NIP \(nip)") }
            if let opd {
                let known = try connection.execute(
                    "SELECT 1 FROM hr.unit WHERE unit_code = $1 AND parent_code IS NULL", [opd],
                    name: "talent.find_opd").rows
                guard !known.isEmpty else { throw StoreError(.notFound, "no OPD has the unit code \(opd)") }
            }
        }
        try total(rows.isEmpty ? 0 : Int(try rows[0].decode("batches", as: Int64.self)))
        while !rows.isEmpty {
            try batches(try rows.map { try $0.decode("ids", as: [Int64].self) })
            if rows.count < chunkSize { break }
            rows = try connection.execute(fetchChunk, name: "talent.fetch_population").rows
        }
        try connection.execute("CLOSE talent_population", name: "talent.close_population")
    }
}
