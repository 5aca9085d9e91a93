/// libpq connection keywords for long-lived connections that must notice a dead server or network quickly.
public enum ConnectionDefaults {
    /// TCP keepalives after 5 s idle, every 2 s, 3 probes (a silent peer is found within about 11 s while idle);
    /// `tcp_user_timeout` 10,000 ms (sent data unacknowledged for 10 s closes the connection, so a statement on a
    /// half-open connection fails instead of hanging for the kernel's default of about 15 minutes);
    /// `connect_timeout` 5 s. Pass to `Connection(url:applicationName:defaults:)`; settings in the URL win.
    public static let resilient: [String: String] = [
        "keepalives": "1",
        "keepalives_idle": "5",
        "keepalives_interval": "2",
        "keepalives_count": "3",
        "tcp_user_timeout": "10000",
        "connect_timeout": "5",
    ]
}
