public import Postgres
public import Talent

/// Reads the review inputs of a batch of employees set-wise: one query per `hr` table with `employee_id = ANY($1)`,
/// never a query per employee. The free text the rules never read (education institution and major, training title,
/// award name, team title) is not read: those fields are left empty, as `StoredInputs` stores them.
public enum ReviewInputReader {
    /// The inputs of one batch.
    public struct Batch: Sendable {
        /// The employees found, each with its internal id, in id order.
        public var inputs: [StoredEmployeeInput]
        /// Requested ids with no `hr.employee` row, ascending.
        public var missingIDs: [Int64]
    }

    /// Reads every input of the employees `ids` (14 queries: employees, the twelve history tables, invalid-row
    /// markers).
    /// - Parameter ids: internal employee ids (`hr.employee.id`); duplicates are read once.
    /// - Returns: the inputs found and the ids not found.
    /// - Throws: `PostgresError` from the queries; `StoreError` (`.invalidStoredValue`) for a stored value the rules
    ///   cannot read (e.g. a golongan that does not fit the status).
    /// - Complexity: 14 statements whatever the batch size.
    /// - Thread safety: uses `connection` on the calling thread only.
    public static func read(employeeIDs ids: [Int64], on connection: Connection) throws -> Batch {
        let sorted = Array(Set(ids)).sorted()
        // The ids as one array literal, encoded once for the 14 statements (sent untyped, read as bigint[]).
        let idList = "{" + sorted.map(String.init).joined(separator: ",") + "}"
        var byID: [Int64: EmployeeInput] = [:]
        for row in try query(connection, "talent.read_employees", """
            SELECT id, nip, name, sex, birth_date, status, state, golongan, golongan_since, cpns_date, position_code,
                   position_since
              FROM hr.employee WHERE id = ANY($1::bigint[])
            """, idList) {
            byID[try row.decode("id", as: Int64.self)] = EmployeeInput(employee: try EmployeeColumns.employee(row))
        }
        try fill(&byID, connection, "talent.read_education", """
            SELECT employee_id, level, graduated_on, field_fit
              FROM hr.education WHERE employee_id = ANY($1::bigint[]) ORDER BY employee_id, id
            """, idList) { input, row in
            input.education.append(EducationRecord(level: try row.code("level"),
                                                   graduatedOn: try row.optionalDate("graduated_on"),
                                                   fieldFit: try row.decode("field_fit", as: Bool?.self)))
        }
        try fill(&byID, connection, "talent.read_training", """
            SELECT employee_id, kind, ended_on, hours
              FROM hr.training WHERE employee_id = ANY($1::bigint[]) ORDER BY employee_id, id
            """, idList) { input, row in
            input.training.append(TrainingRecord(kind: try row.text("kind"), endedOn: try row.date("ended_on"),
                                                 hours: try row.score("hours")))
        }
        try fill(&byID, connection, "talent.read_performance", """
            SELECT employee_id, year, predicate, score
              FROM hr.performance WHERE employee_id = ANY($1::bigint[]) ORDER BY employee_id, id
            """, idList) { input, row in
            let predicate: PerformancePredicate? = try row.optionalCode("predicate")
            let score = try row.optionalScore("score")
            guard predicate != nil || score != nil else {
                throw StoreError(.invalidStoredValue, "a performance row of employee \(input.employee.nip) has neither predicate nor score")
            }
            input.performance.append(PerformanceRecord(year: try row.decode("year", as: Int.self), predicate: predicate,
                                                       score: score))
        }
        let competencies = Competency.allCases.map(\.rawValue)
        try fill(&byID, connection, "talent.read_assessments", """
            SELECT employee_id, assessed_on, method, jpm_percent, \(competencies.joined(separator: ", "))
              FROM hr.assessment WHERE employee_id = ANY($1::bigint[]) ORDER BY employee_id, id
            """, idList) { input, row in
            let levels = try competencies.map { try row.decode($0, as: Int?.self) }
            let complete = levels.allSatisfy { $0 != nil }
            let jpm = try row.optionalScore("jpm_percent")
            guard complete || jpm != nil else {
                throw StoreError(.invalidStoredValue, "an assessment of employee \(input.employee.nip) has neither 9 levels nor a JPM")
            }
            input.assessments.append(AssessmentRecord(
                assessedOn: try row.date("assessed_on"), method: try row.optionalCode("method"), jpmPercent: jpm,
                levels: complete ? levels.compactMap { $0 } : nil))
        }
        try fill(&byID, connection, "talent.read_awards", """
            SELECT employee_id, level, awarded_on
              FROM hr.award WHERE employee_id = ANY($1::bigint[]) ORDER BY employee_id, id
            """, idList) { input, row in
            input.awards.append(AwardRecord(level: try row.code("level"), awardedOn: try row.date("awarded_on")))
        }
        try fill(&byID, connection, "talent.read_penalties", """
            SELECT employee_id, level, decided_on, ends_on
              FROM hr.penalty WHERE employee_id = ANY($1::bigint[]) ORDER BY employee_id, id
            """, idList) { input, row in
            input.penalties.append(PenaltyRecord(level: try row.code("level"), decidedOn: try row.date("decided_on"),
                                                 endsOn: try row.optionalDate("ends_on")))
        }
        try fill(&byID, connection, "talent.read_other_scores", """
            SELECT employee_id, year, score
              FROM hr.other_score WHERE employee_id = ANY($1::bigint[]) ORDER BY employee_id, id
            """, idList) { input, row in
            input.otherScores.append(OtherScoreRecord(year: try row.decode("year", as: Int.self),
                                                      score: try row.score("score")))
        }
        let aspects = PotentialAspect.allCases.map(\.rawValue)
        try fill(&byID, connection, "talent.read_potential_assessments", """
            SELECT employee_id, assessed_on, coalesce(method, '') AS method, \(aspects.joined(separator: ", "))
              FROM hr.potential_assessment WHERE employee_id = ANY($1::bigint[]) ORDER BY employee_id, id
            """, idList) { input, row in
            input.potentialAssessments.append(PotentialAssessmentRecord(
                assessedOn: try row.date("assessed_on"), method: try row.text("method"),
                levels: try aspects.map { try row.decode($0, as: Int.self) }))
        }
        try fill(&byID, connection, "talent.read_team_assignments", """
            SELECT employee_id, role, scope, decided_on
              FROM hr.team_assignment WHERE employee_id = ANY($1::bigint[]) ORDER BY employee_id, id
            """, idList) { input, row in
            input.teamAssignments.append(TeamAssignmentRecord(role: try row.code("role"), scope: try row.code("scope"),
                                                              decidedOn: try row.date("decided_on")))
        }
        try fill(&byID, connection, "talent.read_feedback", """
            SELECT employee_id, year, predicate, score
              FROM hr.feedback_360 WHERE employee_id = ANY($1::bigint[]) ORDER BY employee_id, id
            """, idList) { input, row in
            let predicate: PerformancePredicate? = try row.optionalCode("predicate")
            let score = try row.optionalScore("score")
            guard predicate != nil || score != nil else {
                throw StoreError(.invalidStoredValue, "a 360 feedback row of employee \(input.employee.nip) has neither predicate nor score")
            }
            input.feedback.append(FeedbackRecord(year: try row.decode("year", as: Int.self), predicate: predicate,
                                                 score: score))
        }
        try fill(&byID, connection, "talent.read_acting_assignments", """
            SELECT employee_id, kind, level, started_on, ended_on
              FROM hr.acting_assignment WHERE employee_id = ANY($1::bigint[]) ORDER BY employee_id, id
            """, idList) { input, row in
            let kind: ActingKind = try row.code("kind")
            let level: ActingLevel? = try row.optionalCode("level")
            let started = try row.date("started_on")
            let ended = try row.optionalDate("ended_on")
            guard level != nil || kind == .pj, ended.map({ $0 >= started }) ?? true else {
                throw StoreError(.invalidStoredValue, "an acting assignment of employee \(input.employee.nip) breaks its rules")
            }
            input.actingAssignments.append(ActingAssignmentRecord(kind: kind, level: level, startedOn: started,
                                                                  endedOn: ended))
        }
        try fill(&byID, connection, "talent.read_position_history", """
            SELECT employee_id, started_on, unit_code, coalesce(agency, '') AS agency
              FROM hr.position_history WHERE employee_id = ANY($1::bigint[]) ORDER BY employee_id, id
            """, idList) { input, row in
            input.positionHistory.append(PositionHistoryRecord(startedOn: try row.date("started_on"),
                                                               unitCode: try row.text("unit_code"),
                                                               agency: try row.text("agency")))
        }
        try fill(&byID, connection, "talent.read_invalid_rows", """
            SELECT employee_id, kind, line, reason
              FROM hr.invalid_row WHERE employee_id = ANY($1::bigint[]) ORDER BY employee_id, id
            """, idList) { input, row in
            input.invalidRows.append(InvalidRow(kind: try row.code("kind"), line: try row.decode("line", as: Int.self),
                                                problem: try row.text("reason")))
        }
        return Batch(
            inputs: byID.keys.sorted().map { StoredEmployeeInput(id: $0, input: byID[$0]!) },
            missingIDs: sorted.filter { byID[$0] == nil })
    }

    private static func query(_ connection: Connection, _ name: String, _ sql: String, _ ids: String) throws -> [Row] {
        try connection.execute(sql, [ids], name: name).rows
    }

    /// Runs a child-table query and adds each row to its employee's input.
    private static func fill(_ byID: inout [Int64: EmployeeInput], _ connection: Connection, _ name: String,
                             _ sql: String, _ ids: String, add: (inout EmployeeInput, Row) throws -> Void) throws {
        for row in try query(connection, name, sql, ids) {
            let id = try row.decode("employee_id", as: Int64.self)
            guard byID[id] != nil else { continue }
            try add(&byID[id]!, row)
        }
    }
}

/// One employee's review inputs with its internal id (`hr.employee.id`).
public struct StoredEmployeeInput: Sendable {
    /// `hr.employee.id`.
    public var id: Int64
    /// The employee row, its history rows and its invalid-row markers, as the rules read them.
    public var input: EmployeeInput
}
