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
        let handle = try openHandle("transaction.begin")
        guard PQtransactionStatus(handle) == PQTRANS_IDLE else {
            throw PostgresError.usage("a transaction is already open on this connection", statementName: "transaction.begin")
        }
        try executeScript("BEGIN", name: "transaction.begin")
        let value: T
        do {
            value = try body(self)
        } catch {
            rollbackIfOpen()
            throw error
        }
        let commit = try openHandle("transaction.commit")
        guard let result = PQexec(commit, "COMMIT") else {
            throw PostgresError.from(connection: commit, statementName: "transaction.commit")
        }
        let tag = String(cString: PQcmdStatus(result))
        try collect(result, statementName: "transaction.commit")
        guard tag == "COMMIT" else {
            throw PostgresError.usage(
                "the transaction was aborted by an earlier error and rolled back", statementName: "transaction.commit")
        }
        return value
    }

    /// Rolls back an open (or failed) transaction; a lost connection is left for the caller's error to report.
    func rollbackIfOpen() {
        guard let handle, PQtransactionStatus(handle) != PQTRANS_IDLE, PQstatus(handle) == CONNECTION_OK else { return }
        try? executeScript("ROLLBACK", name: "transaction.rollback")
    }
}
