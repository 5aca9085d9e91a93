import Foundation
public import Postgres
public import Talent

/// Applies a §11 input folder to the `hr` schema, in one transaction, streaming it: rows are read, validated
/// (`ValidationRun`) and staged by COPY (`ImportStaging`) one at a time, then checked by the shrink guard and applied
/// set-wise in SQL. Memory holds the organisation and one key per employee NIP, never a file.
///
/// An import is a snapshot of the files given:
/// - units, positions and employees are upserted by code and NIP (rows the files do not mention are kept as they are);
/// - for every history file in the folder (education … position history), each *imported* employee's rows of that kind
///   and their invalid-row markers are replaced by exactly the rows of this import: a present file with no row for
///   that employee (even one with only its header) leaves it with none, within the `ShrinkGuard`; a history file
///   absent from the folder leaves that kind of history, and its markers, as they are;
/// - the rejected rows are kept in `hr.import_reject` (with their detail) under a new `hr.import_run`, which also
///   records the counts per file, the reference date used and the unknown files skipped; invalid-row markers name
///   the import.
/// Any error (a malformed file, the shrink guard, the database) rolls the whole import back: it is applied with its
/// report, or not at all.
///
/// The event-driven recalculation triggers (sql/0006) are deferred for the import's transaction
/// (`talenta.defer_recalculation`); instead, one recalculation of everyone for the open period is enqueued in the same
/// transaction (`hr.request_full_recalculation()`), or none when no review period exists yet.
public enum ImportWriter {
    /// The outcome of an applied import.
    public struct Outcome: Sendable {
        /// `hr.import_run.id`.
        public var importID: Int64
        /// Rows per file, §11 order, and the absent history files.
        public var summary: ValidationSummary
        /// The `recalculation` job of everyone for the open period, nil when there is no review period yet.
        public var recalculationJobID: Int64?
        /// Optional columns the files left out, each with the stored rows of the imported employees that had a value
        /// in it and now have none.
        public var missingColumns: [ShrinkGuard.ClearedColumn]
    }

    /// Reads, validates, stages and applies a folder in a transaction of its own.
    /// - Parameters:
    ///   - folder: the folder's rows (`InputFolderReader`), read once, file by file.
    ///   - source: where the files came from (the folder), recorded on the import run.
    ///   - referenceDate: D used for the employee-row checks.
    ///   - unknownFiles: files of the folder that were skipped.
    ///   - guard: the shrink guard.
    /// - Throws: the folder's error (`InterchangeError` for a malformed file), `ShrinkRefusal`, or `PostgresError`
    ///   from any statement; nothing is applied then.
    /// - Complexity: O(rows) time; memory flat in the rows (the organisation, ~16 bytes per employee NIP).
    public static func run(_ folder: inout some RecordSource, source: String, referenceDate: CivilDate,
                           unknownFiles: [String], guard shrinkGuard: ShrinkGuard,
                           on connection: Connection) throws -> Outcome {
        try connection.withTransaction { connection in
            try connection.execute("SELECT set_config('talenta.defer_recalculation', 'on', true)",
                                   name: "hr.defer_recalculation")
            // The replacement joins and sorts whole files: let them work in memory for this transaction only.
            try connection.execute("SELECT set_config('work_mem', '256MB', true)", name: "hr.import_work_mem")
            var staging = try ImportStaging(on: connection)
            let summary: ValidationSummary
            do {
                summary = try ValidationRun.run(&folder, referenceDate: referenceDate, into: &staging)
            } catch {
                staging.abort()
                throw error
            }
            let histories = staging.stagedFiles.filter { $0.recordKind != nil }
            let missing = try shrinkGuard.check(histories, missingColumns: folder.missingColumns, on: connection)
            let importID = try startRun(source: source, referenceDate: referenceDate, counts: summary.counts,
                                        unknownFiles: unknownFiles, on: connection)
            try upsertUnits(staging.units, on: connection)
            try upsertPositions(staging.positions, on: connection)
            try upsertEmployees(on: connection)
            try replaceHistory(histories, importID: importID, on: connection)
            try keepRejections(staging.organisationRejections, staged: staging.stagedFiles, importID: importID,
                               on: connection)
            let recalculation: Int64? = try connection.execute(
                "SELECT hr.request_full_recalculation() AS job", name: "hr.request_full_recalculation")
                .rows[0].decode("job")
            return Outcome(importID: importID, summary: summary, recalculationJobID: recalculation,
                           missingColumns: missing)
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

    /// Upserts the accepted employees in file order and keeps their ids in `pg_temp.import_ids` (id, NIP, line).
    private static func upsertEmployees(on connection: Connection) throws {
        let columns = EmployeeTable.columns.joined(separator: ", ")
        try connection.execute("""
            CREATE TEMP TABLE import_ids (employee_id bigint NOT NULL, nip text NOT NULL, line integer NOT NULL)
                ON COMMIT DROP
            """, name: "hr.import_ids")
        try connection.execute("""
            WITH upserted AS (
                INSERT INTO hr.employee (\(columns))
                SELECT \(columns) FROM \(EmployeeTable.stagingTable) WHERE reason IS NULL ORDER BY line
                ON CONFLICT (nip) DO UPDATE
                   SET name = EXCLUDED.name, sex = EXCLUDED.sex, birth_date = EXCLUDED.birth_date,
                       status = EXCLUDED.status, state = EXCLUDED.state, golongan = EXCLUDED.golongan,
                       golongan_since = EXCLUDED.golongan_since, cpns_date = EXCLUDED.cpns_date,
                       position_code = EXCLUDED.position_code, position_since = EXCLUDED.position_since,
                       updated_at = now()
                RETURNING id, nip)
            INSERT INTO pg_temp.import_ids (employee_id, nip, line)
            SELECT u.id, u.nip, s.line
              FROM upserted u JOIN \(EmployeeTable.stagingTable) s ON s.nip = u.nip AND s.reason IS NULL
            """, name: "hr.upsert_employees")
        try connection.execute("ANALYZE pg_temp.import_ids", name: "hr.import_ids_analyze")
    }

    /// Replaces the imported employees' rows and markers of each staged history file, in employee then line order.
    private static func replaceHistory(_ files: [InputFile], importID: Int64, on connection: Connection) throws {
        let tables = files.compactMap(HistoryTable.of)
        for table in tables {
            let columns = table.columns.joined(separator: ", ")
            try connection.execute("""
                DELETE FROM \(table.table) WHERE employee_id IN (SELECT employee_id FROM pg_temp.import_ids)
                """, name: "hr.delete_history")
            try connection.execute("""
                INSERT INTO \(table.table) (employee_id, \(columns))
                SELECT i.employee_id, \(table.columns.map { "s." + $0 }.joined(separator: ", "))
                  FROM \(table.stagingTable) s JOIN pg_temp.import_ids i ON i.nip = s.nip
                 WHERE s.reason IS NULL AND s.problem IS NULL
                 ORDER BY i.line, s.line
                """, name: "hr.insert_history")
        }
        guard !tables.isEmpty else { return }
        let kinds = tables.compactMap(\.file.recordKind?.rawValue)
        try connection.execute("""
            DELETE FROM hr.invalid_row
             WHERE employee_id IN (SELECT employee_id FROM pg_temp.import_ids) AND kind = ANY($1::text[])
            """, [kinds], name: "hr.delete_invalid_row")
        // One statement for every file, so markers keep the order of a per-employee walk: employee, file, line.
        var parameters: [any PostgresEncodable & Sendable] = [importID]
        var branches: [String] = []
        for (position, table) in tables.enumerated() {
            parameters += [table.file.recordKind!.rawValue, table.file.rawValue]
            branches.append("""
                SELECT nip, line, problem, $\(parameters.count - 1)::text AS kind, $\(parameters.count)::text AS file,
                       \(position) AS position
                  FROM \(table.stagingTable) WHERE problem IS NOT NULL
                """)
        }
        try connection.execute("""
            INSERT INTO hr.invalid_row (employee_id, kind, file, line, reason, import_id)
            SELECT i.employee_id, s.kind, s.file, s.line, s.problem, $1
              FROM (\(branches.joined(separator: " UNION ALL "))) s JOIN pg_temp.import_ids i ON i.nip = s.nip
             ORDER BY i.line, s.position, s.line
            """, parameters, name: "hr.insert_invalid_row")
    }

    /// Keeps every rejected row in `hr.import_reject`: the organisation's from memory, the others from staging.
    private static func keepRejections(_ organisation: [Rejection], staged: [InputFile], importID: Int64,
                                       on connection: Connection) throws {
        if !organisation.isEmpty {
            try connection.execute("""
                INSERT INTO hr.import_reject (import_id, file, line, nip, reason, detail)
                SELECT $1, file, line, NULL, reason, detail
                  FROM unnest($2::text[], $3::int[], $4::text[], $5::text[]) AS t(file, line, reason, detail)
                """, [importID, organisation.map(\.file.rawValue), organisation.map(\.line),
                      organisation.map(\.reason.rawValue), organisation.map(\.detail)], name: "hr.keep_rejections")
        }
        for file in staged {
            let staging = file == .employees ? EmployeeTable.stagingTable : HistoryTable.of(file)!.stagingTable
            try connection.execute("""
                INSERT INTO hr.import_reject (import_id, file, line, nip, reason, detail)
                SELECT $1, $2, line, nip, reason, detail FROM \(staging) WHERE reason IS NOT NULL
                """, [importID, file.rawValue], name: "hr.keep_rejections")
        }
    }
}
