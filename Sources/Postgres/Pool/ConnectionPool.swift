import CLibPQ
import Dispatch
import Synchronization

/// A small thread-safe pool of connections to one URL.
///
/// Opens connections lazily, up to `maxConnections`. A borrowed connection belongs to one body at a time. When a
/// connection comes back unhealthy, or its body threw a connection-loss error, it is closed and a new one is opened on
/// a later borrow; an idle connection is checked (`isHealthy`) before it is lent, so a backend terminated while idle
/// is replaced rather than handed out. A transaction left open by a body is rolled back on return.
///
/// Thread safety: every method may be called from any thread. The pool's state changes under a `Mutex`; a
/// counting semaphore with `maxConnections` permits makes borrowers wait.
public final class ConnectionPool: Sendable {
    private struct State {
        var idle: [Connection] = []
        var open = 0
        var inUse = 0
        var closed = false
    }

    private let url: String
    private let applicationName: String
    private let defaults: [String: String]
    private let reusesPreparedStatements: Bool
    private let state = Mutex(State())
    private let permits: DispatchSemaphore

    /// - Parameters:
    ///   - url: passed to `Connection(url:applicationName:defaults:)` for each new connection.
    ///   - maxConnections: the most connections open at once (at least 1).
    ///   - applicationName: `application_name` of every connection.
    ///   - defaults: libpq keywords applied before the URL (see `Connection(url:applicationName:defaults:)`).
    ///   - reusesPreparedStatements: sets `Connection/reusesPreparedStatements` on every connection it opens; only
    ///     for a server reached directly or through session pooling.
    public init(
        url: String, maxConnections: Int, applicationName: String = "talenta", defaults: [String: String] = [:],
        reusesPreparedStatements: Bool = false
    ) {
        precondition(maxConnections >= 1, "a pool needs at least one connection")
        self.url = url
        self.applicationName = applicationName
        self.defaults = defaults
        self.reusesPreparedStatements = reusesPreparedStatements
        permits = DispatchSemaphore(value: maxConnections)
    }

    /// Borrows a connection for the body's duration.
    /// - Parameters:
    ///   - timeout: seconds to wait when every connection is in use.
    ///   - responseTimeout: the connection's ``Connection/responseTimeout`` while the body runs (a new connection
    ///     has it from its first statement on); nil waits for every answer as long as it takes. The body may change
    ///     it; the next borrower sets its own.
    ///   - body: runs with the connection, on the calling thread; must not keep it after returning.
    /// - Returns: what `body` returns.
    /// - Throws: `PostgresError` `.timeout` when none was free in time, `.usage` when the pool is closed,
    ///   `.connection` when a new connection cannot be opened; otherwise `body`'s error.
    @discardableResult
    public func withConnection<T>(
        timeout: Double = 30, responseTimeout: Double? = nil, _ body: (Connection) throws -> T
    ) throws -> T {
        let nanoseconds = Int(max(0, min(timeout, 86_400)) * 1_000_000_000)
        guard permits.wait(timeout: .now() + .nanoseconds(nanoseconds)) == .success else {
            throw PostgresError(kind: .timeout, message: "no pooled connection became free within \(timeout) s")
        }
        defer { permits.signal() }
        let connection = try checkOut(responseTimeout: responseTimeout)
        let value: T
        do {
            value = try body(connection)
        } catch {
            checkIn(connection, lost: (error as? PostgresError)?.isConnectionLoss ?? false)
            throw error
        }
        checkIn(connection, lost: false)
        return value
    }

    /// Closes idle connections; borrowed ones close when returned. Later borrows throw `.usage`.
    public func close() {
        let idle = state.withLock { state in
            state.closed = true
            state.open -= state.idle.count
            defer { state.idle = [] }
            return state.idle
        }
        idle.forEach { $0.close() }
    }

    /// Connections open (idle or lent) and lent right now.
    public var stats: (open: Int, inUse: Int) {
        state.withLock { ($0.open, $0.inUse) }
    }

    /// Takes a healthy idle connection or reserves a slot and opens a new one (outside the lock).
    private func checkOut(responseTimeout: Double?) throws(PostgresError) -> Connection {
        while true {
            let taken: Result<Connection?, PostgresError> = state.withLock { state in
                guard !state.closed else { return .failure(.usage("the connection pool is closed")) }
                state.inUse += 1
                if let connection = state.idle.popLast() { return .success(connection) }
                state.open += 1
                return .success(nil)
            }
            switch taken {
            case .failure(let error):
                throw error
            case .success(let connection?):
                if connection.isHealthy {
                    connection.responseTimeout = responseTimeout
                    return connection
                }
                discard(connection)
            case .success(nil):
                do {
                    let connection = try Connection(
                        url: url, applicationName: applicationName, defaults: defaults, responseTimeout: responseTimeout)
                    connection.reusesPreparedStatements = reusesPreparedStatements
                    return connection
                } catch {
                    state.withLock { state in
                        state.open -= 1
                        state.inUse -= 1
                    }
                    throw error
                }
            }
        }
    }

    private func checkIn(_ connection: Connection, lost: Bool) {
        if !lost { connection.rollbackIfOpen() }
        let reusable = !lost && connection.isHealthy && connection.transactionIsIdle
        let keep = state.withLock { state in
            guard reusable, !state.closed else { return false }
            state.inUse -= 1
            state.idle.append(connection)
            return true
        }
        if !keep { discard(connection) }
    }

    /// Closes a lent connection and frees its slot.
    private func discard(_ connection: Connection) {
        connection.close()
        state.withLock { state in
            state.open -= 1
            state.inUse -= 1
        }
    }
}

extension Connection {
    /// True when no transaction is open (PQTRANS_IDLE).
    var transactionIsIdle: Bool { handle.map { PQtransactionStatus($0) == PQTRANS_IDLE } ?? false }
}
