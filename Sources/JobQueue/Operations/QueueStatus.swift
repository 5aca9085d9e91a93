public import Foundation
public import Postgres

/// A snapshot of the operator's views (`queue.job_counts`, `queue.queue_status`, `queue.throughput`,
/// `queue.recent_failures`, `queue.worker_status`) and of the job table's cleanup (`queue.cleanup_health()`), read by
/// `talenta status`. Codable for `--json`.
public struct QueueStatus: Sendable, Codable, Hashable {
    /// Jobs of one kind in one state (`queue.job_counts`).
    public struct KindCount: Sendable, Codable, Hashable {
        public let kind: String
        public let state: String
        public let jobs: Int
    }

    /// One queue (`queue.queue_status`).
    public struct QueueSummary: Sendable, Codable, Hashable {
        public let queue: String
        /// When the queue was paused; nil when it runs.
        public let pausedAt: Date?
        /// Jobs claimable now.
        public let waiting: Int
        /// Seconds since the oldest waiting job became claimable; nil when none waits.
        public let oldestWaitingSeconds: Double?
        /// Jobs scheduled later.
        public let scheduled: Int
        public let running: Int
    }

    /// Jobs finished in one minute (`queue.throughput`).
    public struct Minute: Sendable, Codable, Hashable {
        public let minute: Date
        public let completed: Int
        public let discarded: Int
        public let cancelled: Int
    }

    /// One failed attempt (`queue.recent_failures`).
    public struct Failure: Sendable, Codable, Hashable {
        public let jobID: Int64
        public let kind: String
        public let queue: String
        /// The job's state now.
        public let state: String
        public let attempt: Int
        public let failedAt: Date
        public let errorKind: String?
        public let error: String
    }

    /// One registered worker (`queue.worker_status`).
    public struct Worker: Sendable, Codable, Hashable {
        public let id: String
        public let host: String
        public let pid: Int
        public let version: String
        public let concurrency: Int
        public let queues: [String]
        public let startedAt: Date
        public let lastSeenAt: Date
        public let stoppedAt: Date?
        /// `live`, `dead` or `stopped`.
        public let status: String
        public let seenSecondsAgo: Double
        public let runningJobs: Int
    }

    /// Per kind and state, sorted by kind then state.
    public let counts: [KindCount]
    /// Per queue, sorted by name.
    public let queues: [QueueSummary]
    /// The last 60 minutes, oldest first.
    public let throughput: [Minute]
    /// The most recent failed attempts of the last 24 hours, newest first.
    public let failures: [Failure]
    /// Failed attempts of the last 24 hours left out of `failures` by the limit ("and 12 more").
    public let failuresNotShown: Int
    /// Live workers first, then dead, then stopped; each group by last_seen_at, newest first.
    public let workers: [Worker]
    /// Dead or stopped workers left out of `workers` by the limit (every live worker is listed).
    public let workersNotShown: Int
    /// Dead rows, last vacuum and the oldest open transaction holding back cleanup of `queue.job`.
    public let cleanup: CleanupHealth

    /// Reads the views.
    /// - Parameters:
    ///   - failureLimit: the most failures to read (≥ 0).
    ///   - workerLimit: the most stopped or dead workers to read besides every live one (≥ 0).
    ///   - longTransactionSeconds: the age from which an open transaction counts as holding back cleanup (> 0).
    /// - Throws: `PostgresError` from the reads.
    public static func read(
        failureLimit: Int = 20, workerLimit: Int = 20, longTransactionSeconds: Double = 60, on connection: Connection
    ) throws -> QueueStatus {
        let counts = try connection.execute(
            "SELECT kind, state, jobs FROM queue.job_counts ORDER BY kind, state", name: "queue.status_counts"
        ).rows.map { row in
            KindCount(kind: try row.decode("kind"), state: try row.decode("state"), jobs: try row.decode("jobs"))
        }
        let queues = try connection.execute(
            """
            SELECT queue, paused_at, waiting, oldest_waiting_seconds, scheduled, running
            FROM queue.queue_status ORDER BY queue
            """, name: "queue.status_queues"
        ).rows.map { row in
            QueueSummary(
                queue: try row.decode("queue"), pausedAt: try row.decode("paused_at"), waiting: try row.decode("waiting"),
                oldestWaitingSeconds: try row.decode("oldest_waiting_seconds"), scheduled: try row.decode("scheduled"),
                running: try row.decode("running"))
        }
        let throughput = try connection.execute(
            "SELECT minute, completed, discarded, cancelled FROM queue.throughput ORDER BY minute",
            name: "queue.status_throughput"
        ).rows.map { row in
            Minute(
                minute: try row.decode("minute"), completed: try row.decode("completed"),
                discarded: try row.decode("discarded"), cancelled: try row.decode("cancelled"))
        }
        let failures = try connection.execute(
            """
            SELECT job_id, kind, queue, state, attempt, failed_at, error_kind, error
            FROM queue.recent_failures ORDER BY failed_at DESC, job_id DESC LIMIT $1::integer
            """, [max(0, failureLimit)], name: "queue.status_failures"
        ).rows.map { row in
            Failure(
                jobID: try row.decode("job_id"), kind: try row.decode("kind"), queue: try row.decode("queue"),
                state: try row.decode("state"), attempt: try row.decode("attempt"), failedAt: try row.decode("failed_at"),
                errorKind: try row.decode("error_kind"), error: try row.decode("error"))
        }
        let failureCount: Int = try connection.execute(
            "SELECT count(*)::bigint AS failures FROM queue.recent_failures", name: "queue.status_failure_count"
        ).rows[0].decode("failures")
        let workers = try connection.execute(
            """
            SELECT id, host, pid, version, concurrency, queues, started_at, last_seen_at, stopped_at, status,
                   seen_seconds_ago, running_jobs
            FROM (SELECT w.*, row_number() OVER (PARTITION BY w.status = 'live' ORDER BY w.last_seen_at DESC) AS rank
                  FROM queue.worker_status AS w) AS ranked
            WHERE status = 'live' OR rank <= $1::integer
            ORDER BY CASE status WHEN 'live' THEN 0 WHEN 'dead' THEN 1 ELSE 2 END, last_seen_at DESC
            """, [max(0, workerLimit)], name: "queue.status_workers"
        ).rows.map { row in
            Worker(
                id: try row.decode("id"), host: try row.decode("host"), pid: try row.decode("pid"),
                version: try row.decode("version"), concurrency: try row.decode("concurrency"),
                queues: try row.decode("queues"), startedAt: try row.decode("started_at"),
                lastSeenAt: try row.decode("last_seen_at"), stoppedAt: try row.decode("stopped_at"),
                status: try row.decode("status"), seenSecondsAgo: try row.decode("seen_seconds_ago"),
                runningJobs: try row.decode("running_jobs"))
        }
        let endedWorkers: Int = try connection.execute(
            "SELECT count(*)::bigint AS workers FROM queue.worker_status WHERE status <> 'live'",
            name: "queue.status_ended_workers"
        ).rows[0].decode("workers")
        let endedShown = workers.filter { $0.status != "live" }.count
        return QueueStatus(
            counts: counts, queues: queues, throughput: throughput, failures: failures,
            failuresNotShown: max(0, failureCount - failures.count), workers: workers,
            workersNotShown: max(0, endedWorkers - endedShown),
            cleanup: try CleanupHealth.read(longTransactionSeconds: longTransactionSeconds, on: connection))
    }
}
