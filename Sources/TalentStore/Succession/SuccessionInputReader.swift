public import Postgres
public import Talent

/// Reads what succession planning needs from a period's stored placements and `hr.employee` (DOMAIN.md §8).
public enum SuccessionInputReader {
    /// The planner's inputs for one period.
    public struct Inputs: Sendable {
        /// Every employee who holds a position (all states but PENSIUN and BERHENTI).
        public var holders: [PositionHolder]
        /// The facts of every pool member of the period (non-members are never candidates).
        public var candidates: [CandidateFacts]
        /// Internal employee id by NIP, for the candidates.
        public var employeeIDs: [String: Int64]
    }

    /// Two queries: the holders, and the pool members with their placement scores, the highest education and best
    /// leadership training counted at D (from the stored explanation) and their employee rows.
    /// - Throws: `StoreError` (`.invalidStoredValue`) for a stored value outside the rules' vocabulary; `PostgresError`.
    public static func read(periodID: Int64, on connection: Connection) throws -> Inputs {
        let holders = try connection.execute(
            "SELECT nip, position_code, birth_date, state FROM hr.employee ORDER BY nip", name: "talent.read_holders"
        ).rows.compactMap { row -> PositionHolder? in
            let state: EmployeeState = try row.code("state")
            guard state.holdsPosition else { return nil }
            return PositionHolder(nip: try row.text("nip"), positionCode: try row.text("position_code"),
                                  birthDate: try row.date("birth_date"))
        }
        var employeeIDs: [String: Int64] = [:]
        let candidates = try connection.execute("""
            SELECT e.id, e.nip, e.name, e.sex, e.birth_date, e.status, e.state, e.golongan, e.golongan_since,
                   e.cpns_date, e.position_code, e.position_since,
                   r.target_level, r.kinerja_score, r.potensi_score,
                   r.explanation #>> '{potensi,rekamJejak,highestEducation}' AS highest_education,
                   r.explanation #>> '{potensi,rekamJejak,bestLeadership}' AS best_leadership
              FROM talent.assessment_result r
              JOIN talent.pool_evaluation pe ON pe.period_id = r.period_id AND pe.employee_id = r.employee_id
              JOIN hr.employee e ON e.id = r.employee_id
             WHERE r.period_id = $1 AND pe.is_member
             ORDER BY e.nip
            """, [periodID], name: "talent.read_candidates").rows.map { row in
            let employee = try EmployeeColumns.employee(row)
            employeeIDs[employee.nip] = try row.decode("id", as: Int64.self)
            return CandidateFacts(
                nip: employee.nip, targetLevel: try row.code("target_level"), isPoolMember: true,
                kinerjaScore: try row.score("kinerja_score"), potensiScore: try row.score("potensi_score"),
                positionCode: employee.positionCode, golongan: employee.golongan,
                golonganSince: employee.golonganSince, cpnsDate: employee.cpnsDate,
                highestEducation: try row.optionalCode("highest_education"),
                bestLeadership: try row.optionalCode("best_leadership"), birthDate: employee.birthDate,
                positionSince: employee.positionSince)
        }
        return Inputs(holders: holders, candidates: candidates, employeeIDs: employeeIDs)
    }
}
