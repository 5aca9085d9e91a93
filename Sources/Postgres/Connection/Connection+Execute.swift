import CLibPQ

extension Connection {
    /// Runs one statement with `$1…$n` parameters (PQexecParams): text-format parameters except bytea (binary),
    /// text-format results.
    /// - Parameters:
    ///   - sql: one SQL statement; values go in `parameters`, never into this text.
    ///   - parameters: `$1…$n` in order; `nil` means none. Pass `Optional<T>.none` for SQL NULL.
    ///   - name: a short stable label (e.g. "queue.claim") carried by errors instead of the values.
    /// - Returns: the rows and affected-row count, copied into Swift.
    /// - Throws: `PostgresError`: `.server` with the SQLSTATE, `.connection` when the connection is lost, `.abandoned`
    ///   when it gave no answer within ``responseTimeout``, `.encoding` for a parameter with no Postgres form, `.usage` when
    ///   closed.
    @discardableResult
    public func execute(
        _ sql: String, _ parameters: [any PostgresEncodable & Sendable]? = [], name: String? = nil
    ) throws(PostgresError) -> QueryResult {
        let encoded = try EncodedParameters((parameters ?? []).map { $0 }, statementName: name)
        let result = try exchange(name) { handle in
            encoded.withLibPQArrays { types, values, lengths, formats in
                PQsendQueryParams(handle, sql, encoded.count, types, values, lengths, formats, 0)
            }
        }
        return try collect(result, statementName: name)
    }

    /// Runs one hot statement like ``execute(_:_:name:)``; when ``reusesPreparedStatements`` is on, the statement is
    /// prepared under `name` on this session at its first use (PQprepare, with this call's parameter types) and
    /// run prepared afterwards (PQexecPrepared), so the server parses and plans it once per session instead of once
    /// per call. A statement whose preparation failed is not remembered (the next call prepares again).
    /// - Parameters:
    ///   - sql: one SQL statement, always the same text for a given `name`; a different text under a name already
    ///     prepared runs unnamed.
    ///   - parameters: `$1…$n` in order, of the same Swift types at every call of a `name`.
    ///   - name: the statement's stable label and, when prepared, its name on the session.
    /// - Throws: `PostgresError` as ``execute(_:_:name:)``.
    @discardableResult
    public func execute(
        _ sql: String, _ parameters: [any PostgresEncodable & Sendable], reusing name: String
    ) throws(PostgresError) -> QueryResult {
        guard reusesPreparedStatements, preparedStatements[name] ?? sql == sql else {
            return try execute(sql, parameters, name: name)
        }
        if preparedStatements[name] == nil {
            let encoded = try EncodedParameters(parameters.map { $0 }, statementName: name)
            let prepared = try exchange(name) { handle in
                encoded.withLibPQArrays { types, _, _, _ in PQsendPrepare(handle, name, sql, encoded.count, types) }
            }
            try collect(prepared, statementName: name)
            preparedStatements[name] = sql
        }
        return try executePrepared(name: name, parameters.map { $0 })
    }

    /// Prepares a named statement on this connection (PQprepare); parameter types are inferred by the server.
    /// Prepare once per connection, then call `executePrepared(name:_:)`.
    /// - Throws: `PostgresError` `.server` (e.g. 42P05 duplicate name, 42601 syntax), `.connection`, `.usage`.
    public func prepare(name: String, sql: String) throws(PostgresError) {
        try collect(exchange(name) { PQsendPrepare($0, name, sql, 0, nil) }, statementName: name)
    }

    /// Runs a statement prepared with `prepare(name:sql:)` (PQexecPrepared). `nil` parameters are SQL NULL.
    /// - Throws: `PostgresError` as `execute`; 26000 when no statement of that name was prepared.
    @discardableResult
    public func executePrepared(
        name: String, _ parameters: [(any PostgresEncodable & Sendable)?]
    ) throws(PostgresError) -> QueryResult {
        let encoded = try EncodedParameters(parameters, statementName: name)
        let result = try exchange(name) { handle in
            encoded.withLibPQArrays { _, values, lengths, formats in
                PQsendQueryPrepared(handle, name, encoded.count, values, lengths, formats, 0)
            }
        }
        return try collect(result, statementName: name)
    }

    /// Runs several `;`-separated statements without parameters (PQexec), e.g. a migration file. Outside a
    /// transaction the server runs them as one implicit transaction.
    /// - Throws: `PostgresError` from the first failing statement.
    public func executeScript(_ sql: String, name: String? = nil) throws(PostgresError) {
        try collect(exchange(name) { PQsendQuery($0, sql) }, statementName: name)
    }

    /// Copies a finished `PGresult` into Swift and clears it; throws its error if it failed.
    @discardableResult
    func collect(_ result: OpaquePointer?, statementName: String?) throws(PostgresError) -> QueryResult {
        guard let result else { throw PostgresError.from(connection: handle, statementName: statementName) }
        defer { PQclear(result) }
        let status = PQresultStatus(result)
        switch status {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            return Self.copy(result)
        case PGRES_COPY_IN, PGRES_COPY_OUT, PGRES_COPY_BOTH:
            endUnexpectedCopy()
            throw PostgresError.usage("COPY must go through copyIn(_:rows:)", statementName: statementName)
        default:
            throw PostgresError.from(result: result, connection: handle, statementName: statementName)
        }
    }

    /// Leaves a COPY started by `execute`/`executeScript` so the connection stays usable.
    private func endUnexpectedCopy() {
        guard let handle else { return }
        _ = PQputCopyEnd(handle, "COPY is not allowed through execute")
        while let next = PQgetResult(handle) { PQclear(next) }
    }

    private static func copy(_ result: OpaquePointer) -> QueryResult {
        let columnCount = PQnfields(result)
        let rowCount = PQntuples(result)
        let names = (0..<columnCount).map { String(cString: PQfname(result, $0)) }
        let layout = ColumnLayout(names: names)
        var rows = [Row]()
        rows.reserveCapacity(Int(rowCount))
        for row in 0..<rowCount {
            let values: [String?] = (0..<columnCount).map { column in
                PQgetisnull(result, row, column) == 1 ? nil : String(cString: PQgetvalue(result, row, column))
            }
            rows.append(Row(layout: layout, values: values))
        }
        let affected = Int(String(cString: PQcmdTuples(result))) ?? 0
        return QueryResult(columns: names, rows: rows, affectedRows: affected)
    }
}
