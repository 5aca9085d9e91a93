/// One NOTIFY received on a channel this connection listens to.
public struct Notification: Sendable, Equatable {
    public let channel: String
    /// The NOTIFY payload; empty when none was given.
    public let payload: String
    /// The server process id of the session that sent it.
    public let pid: Int32

    public init(channel: String, payload: String, pid: Int32) {
        self.channel = channel
        self.payload = payload
        self.pid = pid
    }
}
