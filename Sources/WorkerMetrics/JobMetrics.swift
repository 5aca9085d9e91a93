public import CoreMetrics
public import JobQueue
import Foundation
import Synchronization

/// The worker's metrics, recorded through swift-metrics (whichever backend the executable bootstrapped, or the
/// factory given). A ``JobObserver`` for ``WorkerPool``:
///
/// | metric | type | labels | meaning |
/// |---|---|---|---|
/// | `talenta_jobs_claimed_total` | counter | `kind` | attempts this worker claimed |
/// | `talenta_jobs_completed_total` | counter | `kind` | attempts that completed |
/// | `talenta_jobs_failed_total` | counter | `kind` | attempts that failed (retryable or discarded) |
/// | `talenta_jobs_discarded_total` | counter | `kind` | failed attempts that discarded their job |
/// | `talenta_job_duration_seconds` | histogram (timer) | `kind` | seconds an attempt ran, completed or failed |
/// | `talenta_queue_depth` | gauge | `queue` | jobs claimable now |
/// | `talenta_queue_oldest_waiting_seconds` | gauge | `queue` | age of the oldest claimable job (0 when none) |
/// | `talenta_queue_scheduled` | gauge | `queue` | jobs scheduled later (retries in backoff included) |
/// | `talenta_queue_job_live_rows`, `talenta_queue_job_dead_rows` | gauges | | rows of `queue.job`, live and dead (statistics' estimate) |
/// | `talenta_queue_job_last_vacuum_timestamp_seconds` | gauge | | Unix time of the latest vacuum or autovacuum of `queue.job` (0: never) |
/// | `talenta_db_oldest_transaction_seconds` | gauge | | age of the oldest open transaction holding back cleanup (0: none) |
/// | `talenta_db_connections_open` | gauge | | the worker's pooled connections open |
/// | `talenta_db_connections_in_use` | gauge | | the worker's pooled connections lent right now |
///
/// claimed = completed + failed, except attempts whose lease was lost, or that were released at shutdown or from the
/// claim-ahead buffer unstarted. A completion written in a batch counts once the batch has written it. Queue and
/// cleanup gauges are refreshed by the worker's heartbeat (every lease / 3 seconds); connection gauges by
/// ``connectionsSampled(open:inUse:)`` (the endpoint calls it on every scrape).
///
/// Thread safety: every method may be called from any thread.
public final class JobMetrics: JobObserver {
    private struct KindMetrics {
        let claimed: Counter
        let completed: Counter
        let failed: Counter
        let discarded: Counter
        let duration: CoreMetrics.Timer
    }

    /// The label of the job duration histogram.
    public static let durationLabel = "talenta_job_duration_seconds"

    private let factory: any MetricsFactory
    private let kinds = Mutex([String: KindMetrics]())
    private let queues = Mutex([String: (depth: Meter, oldest: Meter, scheduled: Meter)]())
    private let connectionsOpen: Meter
    private let connectionsInUse: Meter
    private let liveRows: Meter
    private let deadRows: Meter
    private let lastVacuum: Meter
    private let oldestTransaction: Meter

    /// - Parameter factory: the swift-metrics backend; default the one the process bootstrapped
    ///   (`MetricsSystem.factory`).
    public init(factory: any MetricsFactory = MetricsSystem.factory) {
        self.factory = factory
        connectionsOpen = Meter(label: "talenta_db_connections_open", factory: factory)
        connectionsInUse = Meter(label: "talenta_db_connections_in_use", factory: factory)
        liveRows = Meter(label: "talenta_queue_job_live_rows", factory: factory)
        deadRows = Meter(label: "talenta_queue_job_dead_rows", factory: factory)
        lastVacuum = Meter(label: "talenta_queue_job_last_vacuum_timestamp_seconds", factory: factory)
        oldestTransaction = Meter(label: "talenta_db_oldest_transaction_seconds", factory: factory)
    }

    public func jobClaimed(_ job: Job) {
        metrics(ofKind: job.kind).claimed.increment()
    }

    public func jobEnded(_ job: Job, as ending: JobEnding, seconds: Double?) {
        let metrics = metrics(ofKind: job.kind)
        switch ending {
        case .completed:
            metrics.completed.increment()
        case .retryable:
            metrics.failed.increment()
        case .discarded:
            metrics.failed.increment()
            metrics.discarded.increment()
        }
        if let seconds { metrics.duration.recordNanoseconds(Int64(max(0, seconds) * 1_000_000_000)) }
    }

    public func queuesSampled(_ depths: [QueueDepth]) {
        let seen = Set(depths.map(\.queue))
        queues.withLock { queues in
            for depth in depths {
                let gauges = queues[depth.queue] ?? (
                    Meter(label: "talenta_queue_depth", dimensions: [("queue", depth.queue)], factory: factory),
                    Meter(label: "talenta_queue_oldest_waiting_seconds", dimensions: [("queue", depth.queue)],
                          factory: factory),
                    Meter(label: "talenta_queue_scheduled", dimensions: [("queue", depth.queue)], factory: factory))
                queues[depth.queue] = gauges
                gauges.depth.set(depth.waiting)
                gauges.oldest.set(depth.oldestWaitingSeconds ?? 0)
                gauges.scheduled.set(depth.scheduled)
            }
            // A queue that drained leaves the view: its gauges go to zero rather than keep their last value.
            for (name, gauges) in queues where !seen.contains(name) {
                gauges.depth.set(0)
                gauges.oldest.set(0)
                gauges.scheduled.set(0)
            }
        }
    }

    public func cleanupSampled(_ health: CleanupHealth) {
        liveRows.set(health.liveRows)
        deadRows.set(health.deadRows)
        lastVacuum.set(health.lastCleanedAt?.timeIntervalSince1970 ?? 0)
        oldestTransaction.set(health.oldestTransaction?.seconds ?? 0)
    }

    /// Records the worker's connection pool use (``WorkerPool/connectionStats``).
    public func connectionsSampled(open: Int, inUse: Int) {
        connectionsOpen.set(open)
        connectionsInUse.set(inUse)
    }

    private func metrics(ofKind kind: String) -> KindMetrics {
        kinds.withLock { kinds in
            if let known = kinds[kind] { return known }
            let labels = [("kind", kind)]
            let made = KindMetrics(
                claimed: Counter(label: "talenta_jobs_claimed_total", dimensions: labels, factory: factory),
                completed: Counter(label: "talenta_jobs_completed_total", dimensions: labels, factory: factory),
                failed: Counter(label: "talenta_jobs_failed_total", dimensions: labels, factory: factory),
                discarded: Counter(label: "talenta_jobs_discarded_total", dimensions: labels, factory: factory),
                duration: CoreMetrics.Timer(label: Self.durationLabel, dimensions: labels, factory: factory))
            kinds[kind] = made
            return made
        }
    }
}
