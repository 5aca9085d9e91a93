import CLibPQ

/// Stops the statement its connection is running, from any thread: ``cancel()`` asks the server to cancel it
/// (PQgetCancel / PQcancel); ``abandon(reason:)`` gives up on the connection itself when even a cancelled statement
/// does not answer.
///
/// The cancelled statement fails with SQLSTATE 57014 (query_canceled) on the connection's own thread. Cancelling
/// when nothing runs does nothing. The handle stays valid after its connection closes (both calls then have no
/// effect on it).
public final class CancelHandle {
    /// The `PGcancel`; nil when the connection was already closed or broken. Freed in deinit.
    private let cancelObject: OpaquePointer?
    /// The connection's abandon signal, shared with it.
    private let abandonSignal: AbandonSignal

    init(connection: OpaquePointer?, abandonSignal: AbandonSignal) {
        cancelObject = connection.flatMap { PQgetCancel($0) }
        self.abandonSignal = abandonSignal
    }

    deinit {
        if let cancelObject { PQfreeCancel(cancelObject) }
    }

    /// Asks the server to cancel the running statement. Blocks while it opens a separate connection and waits for
    /// the server to close it: through a network path that accepts connections but stops forwarding, that can be
    /// forever, so call it from a thread that nothing else waits for.
    /// - Returns: true when the request was sent (not a promise that a statement was running).
    @discardableResult
    public func cancel() -> Bool {
        guard let cancelObject else { return false }
        var message = [CChar](repeating: 0, count: 256)
        return PQcancel(cancelObject, &message, Int32(message.count)) == 1
    }

    /// Gives up on the connection: the call waiting for its answer on the connection's own thread (or its next
    /// call) closes the connection and throws `PostgresError` `.abandoned` with "`reason`; the connection was
    /// abandoned". Returns at once and never blocks; only the first reason is kept. The server session ends when it
    /// notices the closed socket (at once when idle; a running statement first, or sooner with
    /// `client_connection_check_interval`).
    /// - Parameter reason: why, for the error (no values).
    public func abandon(reason: String) {
        abandonSignal.raise(reason: reason)
    }
}

/// Invariant: `cancelObject` is immutable after init and only read by PQcancel, which libpq documents as safe to
/// call from any thread (even a signal handler) while the connection is used elsewhere; `abandonSignal` is Sendable.
extension CancelHandle: @unchecked Sendable {}

extension Connection {
    /// A handle that can cancel this connection's running statement, or abandon the connection, from another thread.
    public func makeCancelHandle() -> CancelHandle {
        CancelHandle(connection: handle, abandonSignal: abandonSignal)
    }
}
