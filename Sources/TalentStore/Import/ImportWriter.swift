import Foundation
public import Postgres
public import Talent

/// Applies a validated §11 input folder to the `hr` schema, in one transaction.
///
/// An import is a snapshot of the files given:
/// - units, positions and employees are upserted by code and NIP (rows the files do not mention are kept as they are);
/// - for every history file in the folder (education … other scores), each *imported* employee's rows of that kind
///   and their invalid-row markers are replaced by exactly the rows of this import: a present file with no row for
///   that employee (even one with only its header) leaves it with none; a history file absent from the folder
///   leaves that kind of history, and its markers, as they are;
/// - the rejected rows are kept in `hr.import_reject` under a new `hr.import_run`, which also records the counts per
///   file, the reference date used and the unknown files skipped.
/// Any error rolls the whole import back: it is applied with its report, or not at all.
///
/// The optional files of the BKN 411/2025 preset (DOMAIN.md §12.7) are read and validated (their rejected rows are
/// reported and kept like any other) but their rows and invalid-row markers are not stored: `hr` has no table for them
/// yet. `field_fit` of education.csv is not stored either, and an INTERNASIONAL award is refused by `hr.award`'s
/// level check (the whole import with it) until the migration that adds them.
///
/// The event-driven recalculation triggers (sql/0006) are deferred for the import's transaction
/// (`talenta.defer_recalculation`); instead, one recalculation of everyone for the open period is enqueued in the same
/// transaction (`hr.request_full_recalculation()`), or none when no review period exists yet.
public enum ImportWriter {
    /// The outcome of an applied import.
    public struct Outcome: Sendable {
        /// `hr.import_run.id`.
        public var importID: Int64
        /// Rows per file, §11 order.
        public var counts: [(file: InputFile, counts: FileCounts)]
        /// The `recalculation` job of everyone for the open period, nil when there is no review period yet.
        public var recalculationJobID: Int64?
    }

    /// Applies `input` in a transaction of its own.
    /// - Parameters:
    ///   - source: where the files came from (the folder), recorded on the import run.
    ///   - referenceDate: D used for the employee-row checks.
    ///   - rowsRead: data rows read per file.
    ///   - unknownFiles: files of the folder that were skipped.
    /// - Throws: `PostgresError` from any statement (nothing is applied then); `EncodingError` never in practice.
    /// - Complexity: about 30 statements whatever the folder's size; the history rows travel by COPY.
    public static func apply(_ input: ValidatedInput, source: String, referenceDate: CivilDate,
                             rowsRead: [InputFile: Int], unknownFiles: [String], absentFiles: [InputFile],
                             on connection: Connection) throws -> Outcome {
        let counts = FileCounts.of(read: rowsRead, input: input)
        return try connection.withTransaction { connection in
            try connection.execute("SELECT set_config('talenta.defer_recalculation', 'on', true)",
                                   name: "hr.defer_recalculation")
            let importID = try startRun(source: source, referenceDate: referenceDate, counts: counts,
                                        unknownFiles: unknownFiles, on: connection)
            try upsertUnits(input.units, on: connection)
            try upsertPositions(input.positions, on: connection)
            let ids = try upsertEmployees(input.employees.map(\.employee), on: connection)
            let present = InputFile.allCases.filter {
                $0.recordKind != nil && !$0.isPresetInput && !absentFiles.contains($0)
            }
            try replaceHistory(input.employees, ids: ids, files: Set(present), on: connection)
            try connection.copyIn("COPY hr.import_reject (import_id, file, line, nip, reason) FROM STDIN",
                                  rows: input.rejections.map { rejection -> [String?] in
                [String(importID), rejection.file.rawValue, String(rejection.line),
                 rejection.nip.isEmpty ? nil : rejection.nip, rejection.reason.rawValue]
            })
            let recalculation: Int64? = try connection.execute(
                "SELECT hr.request_full_recalculation() AS job", name: "hr.request_full_recalculation")
                .rows[0].decode("job")
            return Outcome(importID: importID, counts: counts, recalculationJobID: recalculation)
        }
    }

    private static func startRun(source: String, referenceDate: CivilDate,
                                 counts: [(file: InputFile, counts: FileCounts)], unknownFiles: [String],
                                 on connection: Connection) throws -> Int64 {
        var byFile: [String: FileCounts] = [:]
        for entry in counts { byFile[entry.file.rawValue] = entry.counts }
        return try connection.execute("""
            INSERT INTO hr.import_run (source, reference_date, counts, unknown_files)
            VALUES ($1, $2::date, $3::jsonb, $4::text[]) RETURNING id
            """, [source, referenceDate.description, PostgresJSON(byFile), unknownFiles],
            name: "hr.start_import").rows[0].decode("id", as: Int64.self)
    }

    private static func upsertUnits(_ units: [Talent.Unit], on connection: Connection) throws {
        guard !units.isEmpty else { return }
        try connection.execute("""
            INSERT INTO hr.unit (unit_code, name, parent_code)
            SELECT code, name, NULLIF(parent, '') FROM unnest($1::text[], $2::text[], $3::text[]) AS t(code, name, parent)
            ON CONFLICT (unit_code) DO UPDATE SET name = EXCLUDED.name, parent_code = EXCLUDED.parent_code
            """, [units.map(\.code), units.map(\.name), units.map { $0.parentCode ?? "" }], name: "hr.upsert_units")
    }

    private static func upsertPositions(_ positions: [Position], on connection: Connection) throws {
        guard !positions.isEmpty else { return }
        try connection.execute("""
            INSERT INTO hr.position (position_code, unit_code, title, kind, jenjang, critical)
            SELECT code, unit, title, kind, NULLIF(jenjang, ''), critical
              FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::boolean[])
                   AS t(code, unit, title, kind, jenjang, critical)
            ON CONFLICT (position_code) DO UPDATE
               SET unit_code = EXCLUDED.unit_code, title = EXCLUDED.title, kind = EXCLUDED.kind,
                   jenjang = EXCLUDED.jenjang, critical = EXCLUDED.critical
            """, [positions.map(\.code), positions.map(\.unitCode), positions.map(\.title),
                  positions.map(\.kind.rawValue), positions.map { $0.jenjang?.rawValue ?? "" },
                  positions.map(\.critical)], name: "hr.upsert_positions")
    }

    /// - Returns: internal id by NIP.
    private static func upsertEmployees(_ employees: [Employee], on connection: Connection) throws -> [String: Int64] {
        guard !employees.isEmpty else { return [:] }
        func date(_ value: CivilDate?) -> String { value?.description ?? "" }
        let rows = try connection.execute("""
            INSERT INTO hr.employee (nip, name, sex, birth_date, status, state, golongan, golongan_since, cpns_date,
                                     position_code, position_since)
            SELECT nip, name, sex, birth::date, status, state, golongan, NULLIF(golongan_since, '')::date,
                   NULLIF(cpns, '')::date, position, since::date
              FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                          $8::text[], $9::text[], $10::text[], $11::text[])
                   AS t(nip, name, sex, birth, status, state, golongan, golongan_since, cpns, position, since)
            ON CONFLICT (nip) DO UPDATE
               SET name = EXCLUDED.name, sex = EXCLUDED.sex, birth_date = EXCLUDED.birth_date,
                   status = EXCLUDED.status, state = EXCLUDED.state, golongan = EXCLUDED.golongan,
                   golongan_since = EXCLUDED.golongan_since, cpns_date = EXCLUDED.cpns_date,
                   position_code = EXCLUDED.position_code, position_since = EXCLUDED.position_since,
                   updated_at = now()
            RETURNING id, nip
            """, [employees.map(\.nip), employees.map(\.name), employees.map(\.sex.rawValue),
                  employees.map { $0.birthDate.description }, employees.map(\.status.rawValue),
                  employees.map(\.state.rawValue), employees.map(\.golongan.notation),
                  employees.map { date($0.golonganSince) }, employees.map { date($0.cpnsDate) },
                  employees.map(\.positionCode), employees.map { $0.positionSince.description }],
            name: "hr.upsert_employees").rows
        var ids: [String: Int64] = [:]
        for row in rows { ids[try row.text("nip")] = try row.decode("id", as: Int64.self) }
        return ids
    }

    /// Deletes the imported employees' history rows and markers of the kinds in `files`, then copies the new ones
    /// in (one COPY per table; a kind not in `files` has no rows, its file being absent).
    private static func replaceHistory(_ inputs: [EmployeeInput], ids: [String: Int64], files: Set<InputFile>,
                                       on connection: Connection) throws {
        let allIDs = Array(ids.values)
        for (file, name, sql) in deleteStatements where files.contains(file) {
            try connection.execute(sql, [allIDs], name: name)
        }
        let kinds = files.compactMap(\.recordKind?.rawValue).sorted()
        try connection.execute("DELETE FROM hr.invalid_row WHERE employee_id = ANY($1) AND kind = ANY($2::text[])",
                               [allIDs, kinds], name: "hr.delete_invalid_row")
        // Each COPY builds its rows employee by employee while it sends them, so the import holds the validated
        // input and one chunk of COPY text, not a second copy of every history row.
        func rows(_ make: @escaping (String, EmployeeInput) -> [[String?]]) -> some Sequence<[String?]> {
            inputs.lazy.flatMap { input -> [[String?]] in
                guard let id = ids[input.employee.nip].map(String.init) else { return [] }
                return make(id, input)
            }
        }
        let competencies = Competency.allCases.map(\.rawValue).joined(separator: ", ")
        try connection.copyIn(
            "COPY hr.education (employee_id, level, institution, major, graduated_on) FROM STDIN",
            rows: rows { id, input in
                input.education.map { r in
                    [id, r.level.rawValue, nonEmpty(r.institution), nonEmpty(r.major), CopyField.date(r.graduatedOn)]
                }
            })
        try connection.copyIn("COPY hr.training (employee_id, kind, title, ended_on, hours) FROM STDIN",
                              rows: rows { id, input in
            input.training.map { r in [id, r.kind, nonEmpty(r.title), r.endedOn.description, r.hours.description] }
        })
        try connection.copyIn("COPY hr.performance (employee_id, year, predicate, score) FROM STDIN",
                              rows: rows { id, input in
            input.performance.map { r in [id, String(r.year), r.predicate?.rawValue, CopyField.score(r.score)] }
        })
        try connection.copyIn(
            "COPY hr.assessment (employee_id, assessed_on, method, jpm_percent, " + competencies + ") FROM STDIN",
            rows: rows { id, input in
                input.assessments.map { r in
                    let levels: [String?] = r.levels?.map { String($0) }
                        ?? Array(repeating: nil, count: Competency.allCases.count)
                    return [id, r.assessedOn.description, r.method?.rawValue, CopyField.score(r.jpmPercent)] + levels
                }
            })
        try connection.copyIn("COPY hr.award (employee_id, level, name, awarded_on) FROM STDIN",
                              rows: rows { id, input in
            input.awards.map { r in [id, r.level.rawValue, nonEmpty(r.name), r.awardedOn.description] }
        })
        try connection.copyIn("COPY hr.penalty (employee_id, level, decided_on, ends_on) FROM STDIN",
                              rows: rows { id, input in
            input.penalties.map { r in [id, r.level.rawValue, r.decidedOn.description, CopyField.date(r.endsOn)] }
        })
        try connection.copyIn("COPY hr.other_score (employee_id, year, score) FROM STDIN", rows: rows { id, input in
            input.otherScores.map { r in [id, String(r.year), r.score.description] }
        })
        try connection.copyIn("COPY hr.invalid_row (employee_id, kind, file, line, reason) FROM STDIN",
                              rows: rows { id, input in
            input.invalidRows.filter { !InputFile.holding($0.kind).isPresetInput }.map { r in
                [id, r.kind.rawValue, InputFile.holding(r.kind).rawValue, String(r.line), r.problem]
            }
        })
    }

    /// The history table of each history file for a set of employees, with its statement name.
    private static let deleteStatements: [(file: InputFile, name: String, sql: String)] = [
        (.education, "hr.delete_education", "DELETE FROM hr.education WHERE employee_id = ANY($1)"),
        (.training, "hr.delete_training", "DELETE FROM hr.training WHERE employee_id = ANY($1)"),
        (.performance, "hr.delete_performance", "DELETE FROM hr.performance WHERE employee_id = ANY($1)"),
        (.assessments, "hr.delete_assessment", "DELETE FROM hr.assessment WHERE employee_id = ANY($1)"),
        (.awards, "hr.delete_award", "DELETE FROM hr.award WHERE employee_id = ANY($1)"),
        (.penalties, "hr.delete_penalty", "DELETE FROM hr.penalty WHERE employee_id = ANY($1)"),
        (.otherScores, "hr.delete_other_score", "DELETE FROM hr.other_score WHERE employee_id = ANY($1)"),
    ]

    private static func nonEmpty(_ text: String) -> String? { text.isEmpty ? nil : text }
}
