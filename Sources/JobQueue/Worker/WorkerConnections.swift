import Postgres

extension ConnectionPool {
    /// Borrows a connection for the worker's own statements (claim, heartbeat, completion, failure, release,
    /// schedules): waits at most ``WorkerConfiguration/connectionTimeout`` seconds for it, and
    /// ``WorkerConfiguration/responseTimeout`` for each answer, past which the connection is abandoned and the body
    /// fails with a connection loss.
    /// - Throws: what ``ConnectionPool/withConnection(timeout:responseTimeout:_:)`` throws.
    func withWorkerConnection<T>(_ configuration: WorkerConfiguration, _ body: (Connection) throws -> T) throws -> T {
        try withConnection(
            timeout: configuration.connectionTimeout, responseTimeout: configuration.responseTimeout, body)
    }
}
