import CLibPQ

extension Connection {
    /// Bulk-loads rows with `COPY … FROM STDIN` in text format (PQputCopyData / PQputCopyEnd / PQgetResult).
    ///
    /// Each field is escaped for COPY text format: backslash, tab, newline and carriage return become `\\`, `\t`,
    /// `\n`, `\r`; nil is sent as `\N` (NULL). Data goes out in chunks of about 64 KiB.
    /// - Parameters:
    ///   - copyStatement: e.g. `COPY hr.pegawai (nip, nama) FROM STDIN` (text format, the default tab delimiter).
    ///   - rows: each row's fields in the statement's column order; nil = NULL.
    ///   - name: the label errors carry as `statementName` (e.g. "talent.copy_results"); "copy_in" by default.
    /// - Returns: the number of rows the server copied.
    /// - Throws: `PostgresError` `.server` when a row is rejected (nothing is copied: COPY is one statement),
    ///   `.encoding` for a field holding a NUL character (the COPY is aborted), `.usage` when the statement is
    ///   not a COPY or the connection is closed, `.connection` when the connection is lost, `.abandoned`
    ///   when it gave no answer within ``responseTimeout`` (counted from the statement, then again from the end of
    ///   the data).
    @discardableResult
    public func copyIn(_ copyStatement: String, rows: some Sequence<[String?]>,
                       name: String = "copy_in") throws(PostgresError) -> Int {
        guard copyStatement.drop(while: \.isWhitespace).prefix(4).uppercased() == "COPY" else {
            throw PostgresError.usage("copyIn needs a COPY … FROM STDIN statement", statementName: name)
        }
        guard let started = try exchange(name, send: { PQsendQuery($0, copyStatement) }), let handle else {
            throw PostgresError.from(connection: handle, statementName: name)
        }
        guard PQresultStatus(started) == PGRES_COPY_IN else {
            try collect(started, statementName: name)
            throw PostgresError.usage("the statement did not start COPY FROM STDIN", statementName: name)
        }
        PQclear(started)

        var buffer = [UInt8]()
        buffer.reserveCapacity(Self.copyChunkSize + 4096)
        var failure: PostgresError?
        rowLoop: for (index, row) in rows.enumerated() {
            for (position, field) in row.enumerated() {
                if position > 0 { buffer.append(UInt8(ascii: "\t")) }
                guard let field else {
                    buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "N")])
                    continue
                }
                guard Self.appendEscaped(field, to: &buffer) else {
                    failure = PostgresError(
                        kind: .encoding, message: "row \(index + 1), field \(position + 1) holds a NUL character",
                        statementName: name)
                    break rowLoop
                }
            }
            buffer.append(UInt8(ascii: "\n"))
            if buffer.count >= Self.copyChunkSize {
                guard Self.send(buffer, on: handle) else { break rowLoop }
                buffer.removeAll(keepingCapacity: true)
            }
        }
        if failure == nil, !buffer.isEmpty { _ = Self.send(buffer, on: handle) }
        _ = PQputCopyEnd(handle, failure == nil ? nil : "aborted by the client: a field holds a NUL character")

        // Drain every result so the connection is ready again; the first one says how COPY ended.
        var outcome: Result<Int, PostgresError> = .failure(PostgresError.from(connection: handle, statementName: name))
        var first = true
        let deadline = responseTimeout.map { Self.monotonicSeconds() + $0 }
        while let result = try nextResult(handle, until: deadline, statementName: name) {
            if first {
                first = false
                outcome = Result { () throws(PostgresError) -> Int in try collect(result, statementName: name).affectedRows }
            } else {
                PQclear(result)
            }
        }
        if let failure { throw failure }
        return try outcome.get()
    }

    private static let copyChunkSize = 64 * 1024

    /// Appends one field in COPY text form; false (and nothing appended) when it holds a NUL character. A field with
    /// nothing to escape, the usual case, is appended in one piece.
    private static func appendEscaped(_ field: String, to buffer: inout [UInt8]) -> Bool {
        var field = field
        return field.withUTF8 { utf8 in
            func special(_ byte: UInt8) -> Bool {
                byte == 0 || byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n")
                    || byte == UInt8(ascii: "\r")
            }
            guard utf8.contains(where: special) else {
                buffer.append(contentsOf: utf8)
                return true
            }
            guard !utf8.contains(0) else { return false }
            for byte in utf8 {
                switch byte {
                case UInt8(ascii: "\\"): buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
                case UInt8(ascii: "\t"): buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
                case UInt8(ascii: "\n"): buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
                case UInt8(ascii: "\r"): buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
                default: buffer.append(byte)
                }
            }
            return true
        }
    }

    /// PQputCopyData on a blocking connection; false when the connection failed (the error comes from PQgetResult).
    private static func send(_ bytes: [UInt8], on handle: OpaquePointer) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                PQputCopyData(handle, chars.baseAddress, Int32(chars.count)) == 1
            }
        }
    }
}
