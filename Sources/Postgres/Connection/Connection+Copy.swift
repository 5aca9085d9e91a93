import CLibPQ

extension Connection {
    /// Bulk-loads rows with `COPY … FROM STDIN` in text format (PQputCopyData / PQputCopyEnd / PQgetResult).
    ///
    /// Each field is escaped for COPY text format: backslash, tab, newline and carriage return become `\\`, `\t`,
    /// `\n`, `\r`; nil is sent as `\N` (NULL). Data goes out in chunks of about 64 KiB. The same as
    /// `beginCopyIn(_:name:)`, `CopyIn.append(_:)` for every row, then `CopyIn.finish()`.
    /// - Parameters:
    ///   - copyStatement: e.g. `COPY hr.pegawai (nip, nama) FROM STDIN` (text format, the default tab delimiter).
    ///   - rows: each row's fields in the statement's column order; nil = NULL.
    ///   - name: the label errors carry as `statementName` (e.g. "talent.copy_results"); "copy_in" by default.
    /// - Returns: the number of rows the server copied.
    /// - Throws: `PostgresError` `.server` when a row is rejected (nothing is copied: COPY is one statement),
    ///   `.encoding` for a field holding a NUL character (the COPY is aborted), `.usage` when the statement is
    ///   not a COPY or the connection is closed, `.connection` when the connection is lost, `.abandoned` when it
    ///   gave no answer within ``responseTimeout`` (counted from the statement, then again from the end of the
    ///   data).
    @discardableResult
    public func copyIn(_ copyStatement: String, rows: some Sequence<[String?]>,
                       name: String = "copy_in") throws(PostgresError) -> Int {
        let copy = try beginCopyIn(copyStatement, name: name)
        for row in rows { try copy.append(row) }
        return try copy.finish()
    }

    /// Starts `COPY … FROM STDIN` (text format) and returns the stream to push its rows into, for a producer that
    /// makes rows one at a time (an import reading a file). Until the stream is finished or aborted the connection
    /// is in COPY mode: run nothing else on it.
    /// - Parameters:
    ///   - copyStatement: e.g. `COPY pg_temp.stage (a, b) FROM STDIN`.
    ///   - name: the label errors carry as `statementName`.
    /// - Returns: the open stream.
    /// - Throws: `PostgresError` `.usage` when the statement is not a COPY FROM STDIN, `.server` when the server
    ///   refuses it, `.connection` when the connection is lost, `.abandoned` when it gave no answer within
    ///   ``responseTimeout``.
    public func beginCopyIn(_ copyStatement: String, name: String = "copy_in") throws(PostgresError) -> CopyIn {
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
        return CopyIn(connection: self, handle: handle, name: name)
    }

    fileprivate static let copyChunkSize = 64 * 1024
}

/// A `COPY … FROM STDIN` in progress (`Connection.beginCopyIn`): rows are escaped into a buffer and sent in chunks
/// of about 64 KiB, so a producer of any number of rows holds one chunk at a time.
///
/// Thread safety: it belongs to its connection's thread, like the connection.
/// - Important: end every stream with `finish()` or `abort(_:)`; until then the connection can run nothing else.
public final class CopyIn {
    private let connection: Connection
    private let handle: OpaquePointer
    private let name: String
    private var buffer: [UInt8] = []
    private var rows = 0
    private var ended = false

    fileprivate init(connection: Connection, handle: OpaquePointer, name: String) {
        self.connection = connection
        self.handle = handle
        self.name = name
        buffer.reserveCapacity(Connection.copyChunkSize + 4096)
    }

    /// Adds one row (its fields in the statement's column order; nil = NULL).
    /// - Throws: `PostgresError` `.encoding` for a field holding a NUL character, or the server's or the
    ///   connection's error when a chunk cannot be sent; the COPY is ended then, and nothing of it is stored.
    public func append(_ row: [String?]) throws(PostgresError) {
        guard !ended else { throw PostgresError.usage("the COPY has ended", statementName: name) }
        rows += 1
        for (position, field) in row.enumerated() {
            if position > 0 { buffer.append(UInt8(ascii: "\t")) }
            guard let field else {
                buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "N")])
                continue
            }
            guard Self.appendEscaped(field, to: &buffer) else {
                let failure = PostgresError(
                    kind: .encoding, message: "row \(rows), field \(position + 1) holds a NUL character",
                    statementName: name)
                abort("aborted by the client: a field holds a NUL character")
                throw failure
            }
        }
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= Connection.copyChunkSize {
            guard Self.send(buffer, on: handle) else {
                _ = PQputCopyEnd(handle, nil)
                _ = try end()
                throw PostgresError.from(connection: handle, statementName: name)
            }
            buffer.removeAll(keepingCapacity: true)
        }
    }

    /// Sends what is left and ends the COPY.
    /// - Returns: the number of rows the server copied.
    /// - Throws: `PostgresError` `.server` when a row is rejected (nothing is copied), `.connection` when the
    ///   connection is lost.
    @discardableResult
    public func finish() throws(PostgresError) -> Int {
        guard !ended else { throw PostgresError.usage("the COPY has ended", statementName: name) }
        if !buffer.isEmpty { _ = Self.send(buffer, on: handle) }
        buffer = []
        _ = PQputCopyEnd(handle, nil)
        return try end()
    }

    /// Ends the COPY with an error so that nothing of it is stored (the transaction around it, if any, has failed
    /// and must be rolled back); the connection can run statements again. A second call, or one after `finish()`,
    /// does nothing.
    public func abort(_ reason: String) {
        guard !ended else { return }
        buffer = []
        _ = PQputCopyEnd(handle, reason)
        _ = try? end()
    }

    /// Drains every result so the connection is ready again; the first one says how the COPY ended. Waits at most
    /// the connection's ``Connection/responseTimeout`` for them.
    private func end() throws(PostgresError) -> Int {
        ended = true
        var outcome: Result<Int, PostgresError> = .failure(PostgresError.from(connection: handle, statementName: name))
        var first = true
        let deadline = connection.responseTimeout.map { Connection.monotonicSeconds() + $0 }
        while let result = try connection.nextResult(handle, until: deadline, statementName: name) {
            if first {
                first = false
                outcome = Result { () throws(PostgresError) -> Int in
                    try connection.collect(result, statementName: name).affectedRows
                }
            } else {
                PQclear(result)
            }
        }
        return try outcome.get()
    }

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
