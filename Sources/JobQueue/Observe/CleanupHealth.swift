public import Foundation
public import Postgres

/// Whether dead rows of the job table can be cleaned up, from `queue.cleanup_health()` (sql/0018): the table's live
/// and dead rows, its last vacuum, and the oldest open transaction of the database that holds their removal back.
///
/// Every finished or retried job leaves dead row versions behind; vacuum removes them only once no open
/// transaction might still see them. A session left open (a forgotten `BEGIN` in psql, a stuck client, a long
/// REPEATABLE READ report) therefore makes claims scan a growing pile of dead jobs. `talenta status` shows this,
/// the worker's metrics export it, and the worker logs a warning once a transaction passes the threshold.
public struct CleanupHealth: Sendable, Codable, Hashable {
    /// An open transaction that holds back cleanup: a client session of the database with a snapshot or a
    /// transaction id.
    public struct OpenTransaction: Sendable, Codable, Hashable {
        public let pid: Int
        /// Its `application_name` (may be empty).
        public let application: String
        /// `active`, `idle in transaction`, `idle in transaction (aborted)`, …
        public let state: String
        /// When the transaction began.
        public let startedAt: Date
        /// Its age in seconds when read.
        public let seconds: Double
    }

    /// Live rows of `queue.job` (the statistics' estimate).
    public let liveRows: Int
    /// Dead rows of `queue.job` waiting for vacuum (estimate).
    public let deadRows: Int
    /// The last manual vacuum and the last autovacuum of `queue.job`; nil when never (since statistics reset).
    public let lastVacuumAt: Date?
    public let lastAutovacuumAt: Date?
    /// False when the function's owner cannot see other roles' sessions (neither superuser nor a member of
    /// `pg_read_all_stats`): a long transaction of another role would then not show.
    public let seesAllSessions: Bool
    /// The oldest open transaction that holds back cleanup, whatever its age; nil when there is none.
    public let oldestTransaction: OpenTransaction?
    /// The age in seconds from which an open transaction counts as holding cleanup back.
    public let longTransactionSeconds: Double
    /// ``oldestTransaction`` once it is older than ``longTransactionSeconds``; nil otherwise.
    public let heldBackBy: OpenTransaction?

    /// The latest of ``lastVacuumAt`` and ``lastAutovacuumAt``.
    public var lastCleanedAt: Date? { [lastVacuumAt, lastAutovacuumAt].compactMap { $0 }.max() }

    /// Reads `queue.cleanup_health()`.
    /// - Parameter longTransactionSeconds: the threshold for ``heldBackBy`` (> 0).
    /// - Throws: `PostgresError` (42501 for a role without EXECUTE: the owner and the three group roles have it).
    public static func read(longTransactionSeconds: Double, on connection: Connection) throws -> CleanupHealth {
        let row = try connection.execute(
            """
            SELECT live_rows, dead_rows, last_vacuum_at, last_autovacuum_at, sees_all_sessions, oldest_xact_pid,
                   oldest_xact_application, oldest_xact_state, oldest_xact_started_at, oldest_xact_seconds
              FROM queue.cleanup_health()
            """, name: "queue.cleanup_health").rows.first
        guard let row else { throw JobQueueError.unexpectedResult(statement: "queue.cleanup_health") }
        var oldest: OpenTransaction?
        if let pid = try row.decode("oldest_xact_pid", as: Int?.self) {
            oldest = OpenTransaction(
                pid: pid, application: try row.decode("oldest_xact_application", as: String?.self) ?? "",
                state: try row.decode("oldest_xact_state", as: String?.self) ?? "unknown",
                startedAt: try row.decode("oldest_xact_started_at"), seconds: try row.decode("oldest_xact_seconds"))
        }
        return CleanupHealth(
            liveRows: try row.decode("live_rows"), deadRows: try row.decode("dead_rows"),
            lastVacuumAt: try row.decode("last_vacuum_at"), lastAutovacuumAt: try row.decode("last_autovacuum_at"),
            seesAllSessions: try row.decode("sees_all_sessions"), oldestTransaction: oldest,
            longTransactionSeconds: longTransactionSeconds,
            heldBackBy: oldest.flatMap { $0.seconds >= longTransactionSeconds ? $0 : nil })
    }
}
