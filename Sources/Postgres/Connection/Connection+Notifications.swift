import CLibPQ
import Glibc

extension Connection {
    /// Starts listening on `channel` (LISTEN, with the name quoted by PQescapeIdentifier).
    /// - Parameter channel: 1–63 bytes; a letter or `_`, then letters, digits, `_`, `.`, `-` or `:`. Case matters.
    /// - Throws: `PostgresError` `.usage` for an invalid name; `.server` / `.connection` from the server.
    public func listen(_ channel: String) throws(PostgresError) {
        try executeScript("LISTEN " + quotedIdentifier(Self.validated(channel)), name: "listen")
    }

    /// Stops listening on `channel` (UNLISTEN).
    /// - Throws: as `listen(_:)`.
    public func unlisten(_ channel: String) throws(PostgresError) {
        try executeScript("UNLISTEN " + quotedIdentifier(Self.validated(channel)), name: "unlisten")
    }

    /// Sends a notification (`pg_notify($1, $2)`); inside a transaction it is delivered at COMMIT.
    /// - Parameters:
    ///   - channel: a name as for `listen(_:)`.
    ///   - payload: at most 7999 bytes.
    /// - Throws: `PostgresError` `.usage` for an invalid name; `.server` / `.connection` from the server.
    public func notify(_ channel: String, payload: String = "") throws(PostgresError) {
        try execute("SELECT pg_notify($1, $2)", [Self.validated(channel), payload], name: "notify")
    }

    /// Waits until notifications arrive or `timeout` passes (poll(2) on PQsocket), then returns every notification
    /// received (possibly none). Notifications that arrived during earlier calls are returned at once.
    /// - Parameter timeout: seconds; 0 or less only collects what has already arrived.
    /// - Throws: `PostgresError` `.connection` when the socket is dead or the backend ended; `.usage` when closed.
    public func waitForNotifications(timeout: Double) throws(PostgresError) -> [Notification] {
        let name = "wait_for_notifications"
        let handle = try openHandle(name)
        var received = try Self.consume(handle, statementName: name)
        guard received.isEmpty else { return received }
        let socket = PQsocket(handle)
        guard socket >= 0 else { throw PostgresError.from(connection: handle, statementName: name) }
        let deadline = Self.monotonicSeconds() + max(0, timeout)
        while received.isEmpty {
            let remaining = deadline - Self.monotonicSeconds()
            guard remaining > 0 else { break }
            var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, Int32(min(remaining * 1000, Double(Int32.max)).rounded(.up)))
            if ready < 0 {
                if errno == EINTR { continue }
                throw PostgresError(
                    kind: .connection, message: "poll failed with errno \(errno)", statementName: name)
            }
            if ready == 0 { break }
            received = try Self.consume(handle, statementName: name)
        }
        return received
    }

    /// Reads whatever input is waiting and collects the queued notifications.
    private static func consume(_ handle: OpaquePointer, statementName: String) throws(PostgresError) -> [Notification] {
        guard PQconsumeInput(handle) == 1, PQstatus(handle) == CONNECTION_OK else {
            throw PostgresError(
                kind: .connection, message: String(cString: PQerrorMessage(handle)).trimmingTrailingNewlines(),
                statementName: statementName)
        }
        var notifications = [Notification]()
        while let notify = PQnotifies(handle) {
            defer { PQfreemem(notify) }
            notifications.append(
                Notification(
                    channel: String(cString: notify.pointee.relname),
                    payload: String(cString: notify.pointee.extra),
                    pid: notify.pointee.be_pid))
        }
        return notifications
    }

    private static func validated(_ channel: String) throws(PostgresError) -> String {
        let bytes = Array(channel.utf8)
        func isLetter(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || byte == UInt8(ascii: "_")
        }
        let valid =
            (1...63).contains(bytes.count) && isLetter(bytes[0])
            && bytes.allSatisfy { byte in
                isLetter(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                    || [UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: ":")].contains(byte)
            }
        guard valid else {
            throw PostgresError.usage(
                "a channel name is 1-63 letters, digits, _ . - or :, starting with a letter or _")
        }
        return channel
    }
}
