public import Postgres
public import Talent

/// The rows the latest import rejected (`hr.import_reject` of the newest `hr.import_run`).
public enum RejectionReader {
    /// - Returns: the rejections in rejected.csv order (file in §11 order, then line); empty when nothing was
    ///   ever imported.
    /// - Throws: `StoreError` (`.invalidStoredValue`) for a stored file name or reason outside the vocabulary;
    ///   `PostgresError`.
    public static func latest(on connection: Connection) throws -> [Rejection] {
        try connection.execute("""
            SELECT file, line, coalesce(nip, '') AS nip, reason
              FROM hr.import_reject
             WHERE import_id = (SELECT max(id) FROM hr.import_run)
            """, name: "hr.latest_rejections").rows.map { row in
            Rejection(file: try row.code("file"), line: try row.decode("line", as: Int.self), nip: try row.text("nip"),
                      reason: try row.code("reason"))
        }.sorted { ($0.file, $0.line) < ($1.file, $1.line) }
    }
}
