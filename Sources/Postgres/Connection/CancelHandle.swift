import CLibPQ

/// Cancels the statement its connection is running, from any thread (PQgetCancel / PQcancel).
///
/// The cancelled statement fails with SQLSTATE 57014 (query_canceled) on the connection's own thread. Cancelling
/// when nothing runs does nothing. The handle stays valid after its connection closes (cancel then has no effect).
public final class CancelHandle {
    /// The `PGcancel`; nil when the connection was already closed or broken. Freed in deinit.
    private let cancelObject: OpaquePointer?

    init(connection: OpaquePointer?) {
        cancelObject = connection.flatMap { PQgetCancel($0) }
    }

    deinit {
        if let cancelObject { PQfreeCancel(cancelObject) }
    }

    /// Asks the server to cancel the running statement. Blocks briefly while it opens a separate connection.
    /// - Returns: true when the request was sent (not a promise that a statement was running).
    @discardableResult
    public func cancel() -> Bool {
        guard let cancelObject else { return false }
        var message = [CChar](repeating: 0, count: 256)
        return PQcancel(cancelObject, &message, Int32(message.count)) == 1
    }
}

/// Invariant: `cancelObject` is immutable after init and only read by PQcancel, which libpq documents as safe to
/// call from any thread (even a signal handler) while the connection is used elsewhere.
extension CancelHandle: @unchecked Sendable {}

extension Connection {
    /// A handle that can cancel this connection's running statement from another thread.
    public func makeCancelHandle() -> CancelHandle {
        CancelHandle(connection: handle)
    }
}
