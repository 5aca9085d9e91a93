import Talent

/// How the rows of one input file reach their `hr` table: the table, the columns the file fills (besides
/// `employee_id`), and a validated row's values in those columns as COPY text. An import stages each present file
/// in a temporary table with these columns and replaces the imported employees' rows from it.
///
/// The list is the one place an import learns of a history file: a new one is a new entry here and a new case of
/// `HistoryRow`. Free text a file may leave empty (institution, titles, names, a potential assessment's method, an
/// earlier post's agency) is stored as NULL when empty.
struct HistoryTable: Sendable {
    let file: InputFile
    /// The `hr` table, schema-qualified (a constant: never a value from input).
    let table: String
    /// Its columns that a row fills, in COPY order.
    let columns: [String]
    /// A row's values for `columns`; nil when the row is of another file.
    let values: @Sendable (HistoryRow) -> [String?]?

    /// The staging table in `pg_temp`: `import_` and the table's name.
    var stagingTable: String { "pg_temp.import_" + table.split(separator: ".").last! }

    /// Every history file, in §11 order.
    static let all: [HistoryTable] = [
        HistoryTable(file: .education, table: "hr.education",
                     columns: ["level", "institution", "major", "graduated_on", "field_fit"]) { row in
            guard case let .education(r) = row else { return nil }
            return [r.level.rawValue, nonEmpty(r.institution), nonEmpty(r.major), CopyField.date(r.graduatedOn),
                    r.fieldFit.map { $0 ? "t" : "f" }]
        },
        HistoryTable(file: .training, table: "hr.training", columns: ["kind", "title", "ended_on", "hours"]) { row in
            guard case let .training(r) = row else { return nil }
            return [r.kind, nonEmpty(r.title), r.endedOn.description, r.hours.description]
        },
        HistoryTable(file: .performance, table: "hr.performance", columns: ["year", "predicate", "score"]) { row in
            guard case let .performance(r) = row else { return nil }
            return [String(r.year), r.predicate?.rawValue, CopyField.score(r.score)]
        },
        HistoryTable(file: .assessments, table: "hr.assessment",
                     columns: ["assessed_on", "method", "jpm_percent"] + Competency.allCases.map(\.rawValue)) { row in
            guard case let .assessment(r) = row else { return nil }
            let levels: [String?] = r.levels?.map { String($0) } ?? Array(repeating: nil, count: Competency.allCases.count)
            return [r.assessedOn.description, r.method?.rawValue, CopyField.score(r.jpmPercent)] + levels
        },
        HistoryTable(file: .awards, table: "hr.award", columns: ["level", "name", "awarded_on"]) { row in
            guard case let .award(r) = row else { return nil }
            return [r.level.rawValue, nonEmpty(r.name), r.awardedOn.description]
        },
        HistoryTable(file: .penalties, table: "hr.penalty", columns: ["level", "decided_on", "ends_on"]) { row in
            guard case let .penalty(r) = row else { return nil }
            return [r.level.rawValue, r.decidedOn.description, CopyField.date(r.endsOn)]
        },
        HistoryTable(file: .otherScores, table: "hr.other_score", columns: ["year", "score"]) { row in
            guard case let .otherScore(r) = row else { return nil }
            return [String(r.year), r.score.description]
        },
        HistoryTable(file: .potentialAssessments, table: "hr.potential_assessment",
                     columns: ["assessed_on", "method"] + PotentialAspect.allCases.map(\.rawValue)) { row in
            guard case let .potentialAssessment(r) = row else { return nil }
            return [r.assessedOn.description, nonEmpty(r.method)] + r.levels.map { String($0) }
        },
        HistoryTable(file: .teamAssignments, table: "hr.team_assignment",
                     columns: ["role", "scope", "title", "decided_on"]) { row in
            guard case let .teamAssignment(r) = row else { return nil }
            return [r.role.rawValue, r.scope.rawValue, nonEmpty(r.title), r.decidedOn.description]
        },
        HistoryTable(file: .feedback360, table: "hr.feedback_360", columns: ["year", "predicate", "score"]) { row in
            guard case let .feedback(r) = row else { return nil }
            return [String(r.year), r.predicate?.rawValue, CopyField.score(r.score)]
        },
        HistoryTable(file: .actingAssignments, table: "hr.acting_assignment",
                     columns: ["kind", "level", "started_on", "ended_on"]) { row in
            guard case let .actingAssignment(r) = row else { return nil }
            return [r.kind.rawValue, r.level?.rawValue, r.startedOn.description, CopyField.date(r.endedOn)]
        },
        HistoryTable(file: .positionHistory, table: "hr.position_history",
                     columns: ["started_on", "unit_code", "agency"]) { row in
            guard case let .positionHistory(r) = row else { return nil }
            return [r.startedOn.description, r.unitCode, nonEmpty(r.agency)]
        },
    ]

    /// The table of a history file, nil for units, positions and employees.
    static func of(_ file: InputFile) -> HistoryTable? { all.first { $0.file == file } }

    private static func nonEmpty(_ text: String) -> String? { text.isEmpty ? nil : text }
}

/// The staging of employees.csv: `hr.employee`'s input columns.
enum EmployeeTable {
    static let stagingTable = "pg_temp.import_employees"
    static let columns = ["nip", "name", "sex", "birth_date", "status", "state", "golongan", "golongan_since",
                          "cpns_date", "position_code", "position_since"]

    static func values(_ e: Employee) -> [String?] {
        [e.nip, e.name, e.sex.rawValue, e.birthDate.description, e.status.rawValue, e.state.rawValue,
         e.golongan.notation, CopyField.date(e.golonganSince), CopyField.date(e.cpnsDate), e.positionCode,
         e.positionSince.description]
    }
}
