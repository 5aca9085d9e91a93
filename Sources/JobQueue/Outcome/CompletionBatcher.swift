import Dispatch
import Foundation
import Logging
import Postgres
import Synchronization

/// Records the completions of attempts whose handler wrote nothing to the database, many per statement
/// (``JobOutcomes/completeMany(_:workerID:on:)``), on its own serial queue and a pooled connection.
///
/// Group commit without a timer: the first completion submitted schedules a flush at once; those submitted while a
/// flush runs go together in the next one, so the batch grows with the load and an idle worker adds no delay.
/// Every completion stays fenced on the worker and attempt. When a flush finds the database unreachable (connection
/// loss, or no answer within ``WorkerConfiguration/responseTimeout``), its completions are kept and flushed again with the reconnect backoff until the database is back (fenced,
/// so one whose lease ran out meanwhile and was rescued is simply not applied). When a flush fails otherwise, or is
/// given up at shutdown, its jobs are left `running`: their leases run out and they are rescued and run again, so
/// an attempt with no database writes is at least once; attempts that write complete in their own transaction and
/// stay exactly once.
///
/// At shutdown, ``finish(deadline:releaseGrace:)`` gives the flushes the rest of the grace period, then cancels
/// and releases what is not recorded.
///
/// Thread safety: ``submit(_:)`` may be called from any thread; flushes run one at a time on the batcher's queue.
final class CompletionBatcher: Sendable {
    private let connections: ConnectionPool
    private let workerID: String
    /// Its connection timeout, response timeout and reconnect backoff apply.
    private let configuration: WorkerConfiguration
    private let logger: Logger
    private let state: WorkerState
    private let observer: (any JobObserver)?
    private let queue = DispatchQueue(label: "talenta.worker.completions")
    /// The jobs waiting for the next flush (with the seconds each attempt ran), and whether a flush is scheduled.
    private let pending = Mutex((jobs: [(job: Job, seconds: Double)](), scheduled: false))
    /// The cancel handle of the flush in progress, and whether the shutdown gave up waiting for flushes.
    private let inFlight = Mutex((handle: CancelHandle?.none, abandoned: false, released: 0))
    /// Entered while a flush is scheduled or running.
    private let flushing = DispatchGroup()

    init(
        connections: ConnectionPool, workerID: String, configuration: WorkerConfiguration, state: WorkerState,
        logger: Logger, observer: (any JobObserver)?
    ) {
        self.connections = connections
        self.workerID = workerID
        self.configuration = configuration
        self.state = state
        self.logger = logger
        self.observer = observer
    }

    /// Queues `job`'s completion; it is written by the next flush.
    /// - Parameter seconds: how long the attempt ran, for the observer once the completion is written.
    func submit(_ job: Job, seconds: Double) {
        state.completionSubmitted()
        let schedule = pending.withLock { pending in
            pending.jobs.append((job, seconds))
            defer { pending.scheduled = true }
            return !pending.scheduled
        }
        if schedule {
            flushing.enter()
            queue.async {
                self.flushUntilEmpty()
                self.flushing.leave()
            }
        }
    }

    /// Waits until every completion submitted so far has been written (or its failure logged), at most until
    /// `deadline`. Past it (a completion hangs, e.g. on a lock), the flush's query is cancelled and its jobs, and
    /// those still waiting, are released for another worker (fenced; the attempt does not count).
    /// - Parameter releaseGrace: seconds the cancelled flush gets to end and release its jobs.
    /// - Returns: how many jobs were released that way (0 when everything was flushed in time).
    func finish(deadline: DispatchTime, releaseGrace: Double) -> Int {
        if flushing.wait(timeout: deadline) == .success { return 0 }
        let handle = inFlight.withLock { state in
            state.abandoned = true
            return state.handle
        }
        handle?.cancel()
        if flushing.wait(timeout: .now() + releaseGrace) == .timedOut {
            logger.error("a completion flush did not end after its query was cancelled; its jobs will be rescued")
        }
        return inFlight.withLock { $0.released }
    }

    private func flushUntilEmpty() {
        var failures = 0
        var generator = SystemRandomNumberGenerator()
        while true {
            let jobs = pending.withLock { pending in
                defer { pending.jobs.removeAll(keepingCapacity: true) }
                if pending.jobs.isEmpty { pending.scheduled = false }
                return pending.jobs
            }
            guard !jobs.isEmpty else { return }
            guard let completed = flush(jobs.map(\.job)) else {
                // The database is unreachable: keep these completions (ahead of newer ones) and try again.
                pending.withLock { $0.jobs.insert(contentsOf: jobs, at: 0) }
                failures += 1
                if failures == 1 {
                    logger.warning("database unreachable: completions kept until it is back",
                                   metadata: ["jobs": "\(jobs.count)"])
                }
                pause(seconds: configuration.reconnectBackoff.delay(afterFailures: failures, using: &generator))
                continue
            }
            if failures > 0 {
                logger.notice("database reachable again: kept completions recorded", metadata: ["jobs": "\(jobs.count)"])
                failures = 0
            }
            if let observer {
                for entry in jobs where completed.contains(entry.job.id) {
                    observer.jobEnded(entry.job, as: .completed, seconds: entry.seconds)
                }
            }
            state.completionsRecorded(jobs.count)
        }
    }

    /// Sleeps up to `seconds`, in short slices, returning early once the shutdown gave up on the flushes.
    private func pause(seconds: Double) {
        let end = ContinuousClock.now + .seconds(seconds)
        while ContinuousClock.now < end, !inFlight.withLock({ $0.abandoned }) {
            Thread.sleep(forTimeInterval: min(0.02, seconds))
        }
    }

    /// - Returns: the ids of the jobs whose completion was written; nil when the database could not be reached and
    ///   nothing was written (the caller keeps the completions).
    private func flush(_ jobs: [Job]) -> Set<Int64>? {
        if inFlight.withLock({ $0.abandoned }) {
            release(jobs)
            return []
        }
        do {
            let completed = try connections.withWorkerConnection(configuration) { connection in
                let abandoned = inFlight.withLock { state in
                    state.handle = connection.makeCancelHandle()
                    return state.abandoned
                }
                defer {
                    // A cancel request may still be on its way to this session: never lend it again.
                    if inFlight.withLock({ state in state.handle = nil; return state.abandoned }) { connection.close() }
                }
                guard !abandoned else { throw CancellationError() }
                return try JobOutcomes.completeMany(jobs.map { ($0.id, $0.attempt) }, workerID: workerID, on: connection)
            }
            let lost = jobs.filter { !completed.contains($0.id) }
            if !lost.isEmpty {
                // One line for the lot: after an outage longer than the lease, many kept completions find their jobs
                // rescued at once.
                logger.warning(
                    "lease lost before completion: the jobs are no longer running under this worker and are left to their new owner",
                    metadata: [
                        "jobs": "\(lost.count)", "job.ids": "\(lost.prefix(20).map(\.id))\(lost.count > 20 ? " …" : "")",
                        "job.kinds": "\(Set(lost.map(\.kind)).sorted().joined(separator: ","))",
                    ])
            }
            return completed
        } catch {
            if inFlight.withLock({ $0.abandoned }) {
                release(jobs)
                return []
            }
            if (error as? PostgresError)?.isConnectionLoss ?? false { return nil }
            logger.error("could not record completions; their leases will expire and the jobs will be rescued",
                         metadata: ["jobs": "\(jobs.count)", "error": "\(error)"])
            return []
        }
    }

    /// Releases jobs whose completion the shutdown gave up on.
    private func release(_ jobs: [Job]) {
        do {
            let released = try connections.withWorkerConnection(configuration) { connection in
                try LeaseRelease.release(jobs.map { ($0.id, $0.attempt) }, workerID: workerID, on: connection)
            }
            inFlight.withLock { $0.released += released }
            logger.warning("shutdown grace period passed before completions were recorded: jobs released",
                           metadata: ["jobs": "\(jobs.count)", "released": "\(released)"])
        } catch {
            logger.error("could not release jobs whose completion was not recorded; they will be rescued",
                         metadata: ["jobs": "\(jobs.count)", "error": "\(error)"])
        }
    }
}
