/// A statement's result, copied out of libpq into Swift values (the `PGresult` is already cleared).
public struct QueryResult: Sendable {
    /// Column names in result order.
    public let columns: [String]
    public let rows: [Row]
    /// Rows inserted, updated, deleted, copied or selected (PQcmdTuples); 0 when the command reports none.
    public let affectedRows: Int
}

/// One result row: text values by column, decoded on demand.
public struct Row: Sendable {
    let layout: ColumnLayout
    let values: [String?]

    /// The column names, in result order.
    public var columns: [String] { layout.names }

    /// Decodes the named column (the first of that name).
    /// - Throws: `PostgresError` `.decoding` (with `column` set) when the column is missing, NULL for a
    ///   non-optional type, or not in the type's text form.
    public func decode<T: PostgresDecodable>(_ column: String, as: T.Type = T.self) throws(PostgresError) -> T {
        guard let index = layout.position(of: column) else {
            throw PostgresError(kind: .decoding, message: "no column named \(column) in the result", column: column)
        }
        return try decode(index, as: T.self)
    }

    /// Decodes the column at a 0-based position.
    /// - Throws: `PostgresError` `.decoding` as for `decode(_:as:)` by name.
    public func decode<T: PostgresDecodable>(_ column: Int, as: T.Type = T.self) throws(PostgresError) -> T {
        guard values.indices.contains(column) else {
            throw PostgresError(kind: .decoding, message: "no column at index \(column) in the result")
        }
        do {
            if let text = values[column] { return try T.decode(postgresText: text) }
            return try T.decodePostgresNull()
        } catch {
            throw PostgresError(
                kind: .decoding, message: error.message, detail: error.detail, column: layout.names[column],
                statementName: error.statementName)
        }
    }

    /// True when the named column is NULL, or when there is no such column.
    public func isNull(_ column: String) -> Bool {
        guard let index = layout.position(of: column) else { return true }
        return values[index] == nil
    }

    /// The named column's raw text value; nil for NULL or for no such column.
    public func string(_ column: String) -> String? {
        guard let index = layout.position(of: column) else { return nil }
        return values[index]
    }
}

/// Column names shared by every row of one result.
struct ColumnLayout: Sendable {
    let names: [String]

    /// The position of the first column named `name`. A linear search: results have tens of columns at most, and
    /// comparing short names costs less than hashing one (a dictionary here was 9% of a no-op drain's worker
    /// instructions under callgrind).
    func position(of name: String) -> Int? {
        names.firstIndex(of: name)
    }
}
