import CLibPQ

extension Connection {
    /// Runs `body` in a transaction: BEGIN; body; COMMIT. When `body` throws (any error) the transaction is
    /// rolled back and the error rethrown.
    /// - Returns: what `body` returns, after COMMIT succeeded.
    /// - Throws: `body`'s error; `PostgresError` from BEGIN/COMMIT; `.usage` when a transaction is already open
    ///   (nesting is an error) or when COMMIT found the transaction aborted by an error `body` swallowed (it was
    ///   rolled back).
    @discardableResult
    public func withTransaction<T>(_ body: (Connection) throws -> T) throws -> T {
        try requireIdle()
        try executeScript("BEGIN", name: "transaction.begin")
        let value: T
        do {
            value = try body(self)
        } catch {
            rollbackIfOpen()
            throw error
        }
        try commit()
        return value
    }

    /// Runs `body` in a transaction that begins only when `body` first sends something on this connection, so a
    /// body that never touches the database costs no round trip at all.
    ///
    /// When `body` sent something: `beforeCommit` runs in the same transaction, then COMMIT (both roll back when
    /// either throws). When it sent nothing: no transaction existed, `beforeCommit` does not run, and the result
    /// says so (the caller then records whatever it must elsewhere).
    /// - Returns: `body`'s value, and `committed`: whether a transaction was opened and committed.
    /// - Throws: `body`'s or `beforeCommit`'s error (after rollback); `PostgresError` from BEGIN/COMMIT; `.usage`
    ///   as ``withTransaction(_:)`` (nesting, or a transaction aborted by a swallowed error).
    public func withDeferredTransaction<T>(
        _ body: (Connection) throws -> T, beforeCommit: (Connection) throws -> Void
    ) throws -> (value: T, committed: Bool) {
        try requireIdle()
        beginIsDeferred = true
        let value: T
        do {
            value = try body(self)
        } catch {
            beginIsDeferred = false
            rollbackIfOpen()
            throw error
        }
        if beginIsDeferred {
            beginIsDeferred = false
            return (value, false)
        }
        do {
            try beforeCommit(self)
        } catch {
            rollbackIfOpen()
            throw error
        }
        try commit()
        return (value, true)
    }

    /// Throws `.usage` when a transaction is open (or deferred) on this connection.
    private func requireIdle() throws(PostgresError) {
        guard handle != nil else {
            throw PostgresError.usage("the connection is closed", statementName: "transaction.begin")
        }
        guard !isInTransaction else {
            throw PostgresError.usage("a transaction is already open on this connection", statementName: "transaction.begin")
        }
    }

    /// COMMIT; a transaction aborted by an error that the body swallowed reports as `.usage` (it was rolled back).
    private func commit() throws(PostgresError) {
        guard let result = try exchange("transaction.commit", send: { PQsendQuery($0, "COMMIT") }) else {
            throw PostgresError.from(connection: handle, statementName: "transaction.commit")
        }
        let tag = String(cString: PQcmdStatus(result))
        try collect(result, statementName: "transaction.commit")
        guard tag == "COMMIT" else {
            throw PostgresError.usage(
                "the transaction was aborted by an earlier error and rolled back", statementName: "transaction.commit")
        }
    }

    /// Rolls back an open (or failed) transaction; a lost connection is left for the caller's error to report.
    func rollbackIfOpen() {
        guard let handle, PQtransactionStatus(handle) != PQTRANS_IDLE, PQstatus(handle) == CONNECTION_OK else { return }
        try? executeScript("ROLLBACK", name: "transaction.rollback")
    }
}
