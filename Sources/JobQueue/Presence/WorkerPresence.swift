import Foundation
public import Postgres

/// The worker registry (`queue.worker`): who is running, where, since when, and when it was last seen.
public enum WorkerPresence {
    static let beatSQL = """
        INSERT INTO queue.worker AS w (id, host, pid, version, concurrency, queues, lease_seconds)
        VALUES ($1, $2, $3::integer, $4, $5::integer, $6::text[], $7::double precision)
        ON CONFLICT (id) DO UPDATE SET last_seen_at = now()
        """

    static let stopSQL = "UPDATE queue.worker SET stopped_at = now(), last_seen_at = now() WHERE id = $1"

    /// One worker process start as registered.
    public struct Registration: Sendable, Hashable {
        /// The worker id (`host:pid:random`).
        public let id: String
        /// Host name.
        public let host: String
        /// Process id.
        public let pid: Int
        /// The executable's version.
        public let version: String
        /// Slots.
        public let concurrency: Int
        /// Queues claimed from.
        public let queues: [String]
        /// Lease length in seconds.
        public let lease: Double

        /// A registration of this process with the given id and configuration.
        public init(id: String, configuration: WorkerConfiguration) {
            let info = ProcessInfo.processInfo
            self.id = id
            self.host = info.hostName
            self.pid = Int(info.processIdentifier)
            self.version = configuration.version
            self.concurrency = configuration.concurrency
            self.queues = [configuration.queue]
            self.lease = configuration.lease
        }
    }

    /// Registers the worker on its first call and sets `last_seen_at` = now() on later ones (autocommit). Inserting
    /// on every call keeps a worker visible even if its row was pruned while the database was unreachable.
    /// - Throws: `PostgresError` from the statement.
    public static func beat(_ registration: Registration, on connection: Connection) throws {
        try connection.execute(beatSQL, [
            registration.id, registration.host, registration.pid, registration.version, registration.concurrency,
            registration.queues, registration.lease,
        ], name: "queue.worker_beat")
    }

    /// Marks the worker stopped (a graceful stop).
    /// - Throws: `PostgresError` from the statement.
    public static func markStopped(workerID: String, on connection: Connection) throws {
        try connection.execute(stopSQL, [workerID], name: "queue.worker_stop")
    }
}
