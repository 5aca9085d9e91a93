import CLibPQ
import Glibc
import Synchronization

extension Connection {
    /// Sends one request with `send` (a `PQsend…` call) and returns its result: the last one, or the first that
    /// failed (as `PQexec` does), or a COPY result. Every statement of this module goes through here, so every wait
    /// for the server's answer honours ``responseTimeout`` and ``CancelHandle/abandon(reason:)``.
    /// - Returns: the result, owned by the caller (`collect` or `PQclear` it); nil when libpq returned none.
    /// - Throws: `PostgresError` `.connection` when the request cannot be sent; `.abandoned` when no answer came
    ///   within ``responseTimeout`` or the connection was abandoned from another thread (both close it first).
    func exchange(_ statementName: String?, send: (OpaquePointer) -> Int32) throws(PostgresError) -> OpaquePointer? {
        let handle = try openHandle(statementName)
        guard send(handle) == 1 else { throw PostgresError.from(connection: handle, statementName: statementName) }
        let deadline = responseTimeout.map { Self.monotonicSeconds() + $0 }
        var kept: OpaquePointer?
        while let result = try nextResult(handle, until: deadline, statementName: statementName) {
            switch PQresultStatus(result) {
            case PGRES_COPY_IN, PGRES_COPY_OUT, PGRES_COPY_BOTH:
                if let kept { PQclear(kept) }
                return result
            default:
                if let previous = kept, Self.failed(previous) {
                    PQclear(result)
                } else {
                    if let kept { PQclear(kept) }
                    kept = result
                }
            }
        }
        return kept
    }

    /// The next result of the request in flight (nil once it has them all), waiting for input as long as libpq
    /// is busy: until `deadline` (monotonic seconds; nil waits as long as it takes), or until the connection is
    /// abandoned. libpq's own blocking wait is never entered.
    /// - Throws: `PostgresError` `.abandoned` when the deadline passed or the connection was abandoned (the
    ///   connection is closed first); `.connection` when poll fails.
    func nextResult(
        _ handle: OpaquePointer, until deadline: Double?, statementName: String?
    ) throws(PostgresError) -> OpaquePointer? {
        while PQisBusy(handle) == 1 {
            try waitForInput(handle, until: deadline, statementName: statementName)
            // A failed read marks the connection bad; PQgetResult then reports it without waiting.
            if PQconsumeInput(handle) == 0 { break }
        }
        return PQgetResult(handle)
    }

    /// Seconds between two looks at the abandon signal while an answer is awaited: the most an abandoned call
    /// waits before it closes its connection and throws.
    static let abandonCheckInterval = 0.1

    /// Waits until the socket is readable; throws after closing the connection when `deadline` passes or the
    /// abandon signal is raised first.
    private func waitForInput(
        _ handle: OpaquePointer, until deadline: Double?, statementName: String?
    ) throws(PostgresError) {
        let socket = PQsocket(handle)
        guard socket >= 0 else { throw PostgresError.from(connection: handle, statementName: statementName) }
        while true {
            if abandonSignal.isRaised { throw abandon(statementName, reason: abandonSignal.reason) }
            var slice = Self.abandonCheckInterval
            if let deadline {
                let remaining = deadline - Self.monotonicSeconds()
                guard remaining > 0 else {
                    throw abandon(statementName, reason: "no answer from the server within \(Self.format(responseTimeout ?? 0)) s")
                }
                slice = min(slice, remaining)
            }
            var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, Int32((slice * 1000).rounded(.up)))
            if ready < 0 {
                if errno == EINTR { continue }
                throw PostgresError(
                    kind: .connection, message: "poll failed with errno \(errno)", statementName: statementName,
                    host: target.host, port: target.port)
            }
            if ready > 0 { return }
        }
    }

    /// Closes the connection (its answer is no longer awaited) and returns the error the waiting call throws.
    private func abandon(_ statementName: String?, reason: String) -> PostgresError {
        let (host, port) = (target.host, target.port)
        close()
        return PostgresError(
            kind: .abandoned, message: "\(reason); the connection was abandoned", statementName: statementName,
            host: host, port: port)
    }

    private static func failed(_ result: OpaquePointer) -> Bool {
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY: false
        default: true
        }
    }

    static func monotonicSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }

    static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}

/// The flag that ends a connection's wait for its answer from another thread (``CancelHandle/abandon(reason:)``),
/// raised once and never lowered; the waiting call looks at it every ``Connection/abandonCheckInterval`` seconds.
///
/// Thread safety: every member may be used from any thread (a `Mutex` guards the state).
final class AbandonSignal: Sendable {
    /// Whether it was raised, and the first reason given.
    private let state = Mutex((raised: false, reason: ""))

    var isRaised: Bool { state.withLock { $0.raised } }
    var reason: String { state.withLock { $0.reason } }

    /// Raises the signal; the first reason stays.
    func raise(reason: String) {
        state.withLock { state in
            if !state.raised { state = (true, reason) }
        }
    }
}
