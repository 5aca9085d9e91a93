public import Postgres
public import Talent

/// Reads what succession planning needs from a period's stored placements and `hr.employee` (DOMAIN.md §8), in
/// memory that does not grow with the city: the holders of structural positions, and the pool members streamed
/// through a cursor in chunks of ``chunkSize`` rows into a `SuccessionShortlist`, which keeps only the best few.
public enum SuccessionInputReader {
    /// Pool-member rows fetched per round trip (the count written in ``fetchChunk``): the text rows of one chunk are
    /// all that is held at once.
    static let chunkSize = 5_000
    static let fetchChunk = "FETCH 5000 FROM talent_pool_members"

    /// Every employee who holds a structural position (PENGAWAS, ADMINISTRATOR, JPT_PRATAMA), in all states but
    /// PENSIUN and BERHENTI, by NIP: the only positions that can be targets, so the only holders the planner reads.
    /// One row per such holder (bounded by the structural positions, not by the city's size).
    /// - Throws: `StoreError` (`.invalidStoredValue`) for a stored state outside the rules' vocabulary; `PostgresError`.
    /// - Thread safety: uses `connection` on the calling thread only.
    public static func holders(on connection: Connection) throws -> [PositionHolder] {
        let structuralKinds = PositionKind.allCases.filter { $0.structuralLevel != nil }.map(\.rawValue)
        return try connection.execute("""
            SELECT e.nip, e.position_code, e.birth_date, e.state
              FROM hr.employee e JOIN hr.position p ON p.position_code = e.position_code
             WHERE p.kind = ANY($1)
             ORDER BY e.nip
            """, [structuralKinds], name: "talent.read_holders"
        ).rows.compactMap { row -> PositionHolder? in
            let state: EmployeeState = try row.code("state")
            guard state.holdsPosition else { return nil }
            return PositionHolder(nip: try row.text("nip"), positionCode: try row.text("position_code"),
                                  birthDate: try row.date("birth_date"))
        }
    }

    /// Adds every pool member of the period to `shortlist`, keyed by its internal employee id (`hr.employee.id`), in
    /// NIP order: its placement scores, the highest education and best leadership training counted at D (from the
    /// stored explanation: `candidate` since version 3, `potensi.rekamJejak` before) and its employee row, read
    /// through a cursor one chunk at a time.
    /// - Returns: the number of pool members read.
    /// - Throws: `StoreError` (`.invalidStoredValue`) for a stored value outside the rules' vocabulary; `PostgresError`.
    ///   On an error `shortlist` holds the members added before it.
    /// - Thread safety: uses `connection` on the calling thread only. Inside a transaction (the job's) the cursor
    ///   lives in it; outside one, the read runs in a transaction of its own.
    @discardableResult
    public static func addPoolMembers(periodID: Int64, to shortlist: inout SuccessionShortlist<Int64>,
                                      on connection: Connection) throws -> Int {
        guard connection.isInTransaction else {
            return try connection.withTransaction { try addPoolMembers(periodID: periodID, to: &shortlist, on: $0) }
        }
        try connection.execute("""
            DECLARE talent_pool_members NO SCROLL CURSOR FOR
            SELECT e.id, e.nip, e.name, e.sex, e.birth_date, e.status, e.state, e.golongan, e.golongan_since,
                   e.cpns_date, e.position_code, e.position_since,
                   r.target_level, r.kinerja_score, r.potensi_score,
                   coalesce(r.explanation #>> '{candidate,highestEducation}',
                            r.explanation #>> '{potensi,rekamJejak,highestEducation}') AS highest_education,
                   coalesce(r.explanation #>> '{candidate,bestLeadership}',
                            r.explanation #>> '{potensi,rekamJejak,bestLeadership}') AS best_leadership
              FROM talent.assessment_result r
              JOIN talent.pool_evaluation pe ON pe.period_id = r.period_id AND pe.employee_id = r.employee_id
              JOIN hr.employee e ON e.id = r.employee_id
             WHERE r.period_id = $1 AND pe.is_member
             ORDER BY e.nip
            """, [periodID], name: "talent.open_candidates")
        var members = 0
        while true {
            let rows = try connection.execute(fetchChunk, name: "talent.fetch_candidates").rows
            for row in rows {
                let employee = try EmployeeColumns.employee(row)
                shortlist.add(CandidateFacts(
                    nip: employee.nip, targetLevel: try row.code("target_level"), isPoolMember: true,
                    kinerjaScore: try row.score("kinerja_score"), potensiScore: try row.score("potensi_score"),
                    positionCode: employee.positionCode, golongan: employee.golongan,
                    golonganSince: employee.golonganSince, cpnsDate: employee.cpnsDate,
                    highestEducation: try row.optionalCode("highest_education"),
                    bestLeadership: try row.optionalCode("best_leadership"), birthDate: employee.birthDate,
                    positionSince: employee.positionSince), key: try row.decode("id", as: Int64.self))
            }
            members += rows.count
            if rows.count < chunkSize { break }
        }
        try connection.execute("CLOSE talent_pool_members", name: "talent.close_candidates")
        return members
    }
}
