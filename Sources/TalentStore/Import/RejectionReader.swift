public import Postgres
public import Talent

/// The rows an import did not store as they were: its rejections (`hr.import_reject`) and its invalid-row markers
/// (`hr.invalid_row.import_id`), read back from the database.
public enum RejectionReader {
    /// The rows the latest import rejected.
    /// - Returns: the rejections in rejected.csv order (file in §11 order, then line); empty when nothing was
    ///   ever imported.
    /// - Throws: `StoreError` (`.invalidStoredValue`) for a stored file name or reason outside the vocabulary;
    ///   `PostgresError`.
    public static func latest(on connection: Connection) throws -> [Rejection] {
        try connection.execute("""
            SELECT file, line, coalesce(nip, '') AS nip, reason, coalesce(detail, '') AS detail
              FROM hr.import_reject
             WHERE import_id = (SELECT max(id) FROM hr.import_run)
            """, name: "hr.latest_rejections").rows.map(rejection).sorted { ($0.file, $0.line) < ($1.file, $1.line) }
    }

    /// Hands every row of import `importID` that was rejected to `rejected`, in rejected.csv order, then every
    /// invalid-row marker it wrote to `invalid` with its NIP, by file (§11 order) and line. Reads through a cursor,
    /// 5,000 rows at a time, in a read-only transaction of its own.
    /// - Throws: what the bodies throw; `StoreError` (`.invalidStoredValue`) for a stored value outside the
    ///   vocabulary; `PostgresError`.
    public static func forEachRow(ofImport importID: Int64, on connection: Connection,
                                  rejected: (Rejection) throws -> Void,
                                  invalid: (_ nip: String, _ file: String, _ row: InvalidRow) throws -> Void) throws {
        let files = InputFile.allCases.map(\.rawValue)
        try connection.withTransaction { connection in
            try connection.execute("""
                DECLARE import_rejections NO SCROLL CURSOR FOR
                SELECT file, line, coalesce(nip, '') AS nip, reason, coalesce(detail, '') AS detail
                  FROM hr.import_reject WHERE import_id = $1
                 ORDER BY array_position($2::text[], file), line
                """, [importID, files], name: "hr.open_import_rejections")
            try fetchAll("import_rejections", on: connection) { try rejected(try rejection($0)) }
            try connection.execute("""
                DECLARE import_invalid_rows NO SCROLL CURSOR FOR
                SELECT e.nip, i.kind, i.file, i.line, i.reason
                  FROM hr.invalid_row i JOIN hr.employee e ON e.id = i.employee_id
                 WHERE i.import_id = $1
                 ORDER BY array_position($2::text[], i.file), i.line
                """, [importID, files], name: "hr.open_import_invalid_rows")
            try fetchAll("import_invalid_rows", on: connection) { row in
                try invalid(try row.text("nip"), try row.text("file"),
                            InvalidRow(kind: try row.code("kind"), line: try row.decode("line", as: Int.self),
                                       problem: try row.text("reason")))
            }
        }
    }

    private static func fetchAll(_ cursor: String, on connection: Connection, _ body: (Row) throws -> Void) throws {
        while true {
            let rows = try connection.execute("FETCH 5000 FROM " + cursor, name: "hr.fetch_import_rows").rows
            for row in rows { try body(row) }
            if rows.count < 5000 { break }
        }
        try connection.execute("CLOSE " + cursor, name: "hr.close_import_rows")
    }

    private static func rejection(_ row: Row) throws -> Rejection {
        Rejection(file: try row.code("file"), line: try row.decode("line", as: Int.self), nip: try row.text("nip"),
                  reason: try row.code("reason"), detail: try row.text("detail"))
    }
}
