import Dispatch
public import Logging
import Postgres

/// The worker daemon's engine: claims jobs of one queue and runs up to `concurrency` of them at once on Dispatch.
///
/// - A claim loop (its own serial queue and pooled connection) claims up to the number of free slots with one
///   statement (``JobClaimer``), then waits for a free slot, a `talenta_jobs` notification or the poll interval.
/// - Each slot is a serial Dispatch queue (its own thread, since libpq blocks) that runs one job at a time on its
///   own pooled connection: the handler's writes and the completion commit in one transaction (``JobOutcomes``).
/// - A heartbeat (its own serial queue) extends the leases of the running jobs every `lease / 3` seconds.
/// - ``shutdown()`` stops claiming; running jobs finish; then the loops end and the pool's connections close.
///
/// Thread safety: all methods may be called from any thread. The pool's phase and slots live in one lock-protected
/// state; connections are confined to the queue that borrowed them.
public final class WorkerPool: Sendable {
    /// This process start's worker id (`host:pid:random`), stored in `queue.job.locked_by` of claimed jobs.
    public let workerID: String
    /// The configuration the pool runs with (validated by `init`).
    public let configuration: WorkerConfiguration

    private let connections: ConnectionPool
    private let logger: Logger
    private let runner: JobRunner
    private let state: WorkerState
    private let slotQueues: [DispatchQueue]
    private let claimQueue = DispatchQueue(label: "talenta.worker.claim")
    private let heartbeatQueue = DispatchQueue(label: "talenta.worker.heartbeat")
    /// Entered once per launched job, left when its slot is released.
    private let jobs = DispatchGroup()
    /// Entered by `start()`, left once everything has stopped.
    private let stopped = DispatchGroup()
    /// Entered by `start()`, left when the heartbeat loop ends.
    private let heartbeatEnded = DispatchGroup()

    /// Makes a pool; nothing runs until ``start()`` or ``run()``.
    /// - Parameters:
    ///   - databaseURL: a `postgresql://` URL or libpq conninfo (empty: libpq's PG* environment).
    ///   - registry: the handlers this worker runs; other kinds are discarded with an "unknown job kind" error.
    ///   - configuration: see ``WorkerConfiguration``.
    ///   - logger: the base logger; each job's logger adds `job.id`, `job.kind`, `job.attempt`, `worker.id`.
    ///   - workerID: overrides the generated `host:pid:random` id (tests); must be unique among live workers.
    /// - Throws: ``JobQueueError`` (`invalidConfiguration`) when a configuration field is out of range.
    public init(
        databaseURL: String, registry: JobRegistry, configuration: WorkerConfiguration = WorkerConfiguration(),
        logger: Logger, workerID: String? = nil
    ) throws(JobQueueError) {
        try configuration.validate()
        let workerID = workerID ?? WorkerID.make()
        var logger = logger
        logger[metadataKey: "worker.id"] = "\(workerID)"
        self.workerID = workerID
        self.configuration = configuration
        self.logger = logger
        self.connections = ConnectionPool(
            url: databaseURL, maxConnections: configuration.connectionPoolSize,
            applicationName: configuration.applicationName)
        self.runner = JobRunner(
            registry: registry, connections: connections, configuration: configuration, workerID: workerID,
            logger: logger)
        self.state = WorkerState(concurrency: configuration.concurrency)
        self.slotQueues = (0..<configuration.concurrency).map { DispatchQueue(label: "talenta.worker.slot\($0)") }
    }

    /// Starts claiming and the heartbeat; returns at once.
    /// - Throws: ``JobQueueError`` (`alreadyStarted`) when called a second time or after ``shutdown()``.
    public func start() throws(JobQueueError) {
        guard state.begin() else {
            throw JobQueueError(code: .alreadyStarted, message: "a worker pool can be started only once")
        }
        logger.info("worker started", metadata: [
            "queue": "\(configuration.queue)", "concurrency": "\(configuration.concurrency)",
            "lease.seconds": "\(configuration.lease)", "poll.seconds": "\(configuration.pollInterval)",
        ])
        stopped.enter()
        heartbeatEnded.enter()
        heartbeatQueue.async { [self] in
            heartbeatLoop()
            heartbeatEnded.leave()
        }
        claimQueue.async { [self] in
            claimLoop()
            jobs.wait()
            state.markStopped()
            heartbeatEnded.wait()
            connections.close()
            logger.info("worker stopped")
            stopped.leave()
        }
    }

    /// Stops claiming; running jobs finish and then the pool stops. Returns at once; safe to call many times and
    /// from a signal handler's queue. Pair with ``waitUntilStopped(timeout:)``.
    public func shutdown() {
        if state.requestStop() {
            logger.info("shutdown requested: no more claims, waiting for running jobs",
                        metadata: ["running": "\(state.runningCount)"])
        }
    }

    /// Blocks until the pool has stopped (after ``shutdown()``, or by itself with `exitWhenIdle`).
    /// - Parameter timeout: the most seconds to wait; nil waits as long as it takes.
    /// - Returns: true when the pool has stopped (or was never started), false when the timeout passed first.
    @discardableResult
    public func waitUntilStopped(timeout: Double? = nil) -> Bool {
        guard let timeout else {
            stopped.wait()
            return true
        }
        return stopped.wait(timeout: .now() + timeout) == .success
    }

    /// Starts the pool and blocks until it stops.
    /// - Throws: ``JobQueueError`` (`alreadyStarted`) when it was started before.
    public func run() throws(JobQueueError) {
        try start()
        waitUntilStopped()
    }

    /// Jobs running right now.
    public var runningJobCount: Int { state.runningCount }

    // MARK: - Claim loop

    private func claimLoop() {
        var failures = 0
        while state.isClaiming {
            do {
                try connections.withConnection(timeout: configuration.connectionTimeout) { connection in
                    try claimWhileRunning(on: connection)
                }
            } catch {
                failures += 1
                let pause = min(30, configuration.pollInterval * Double(1 << min(failures, 5)))
                logger.error("claim failed; retrying", metadata: [
                    "error": "\(error)", "retry.seconds": "\(pause)",
                ])
                _ = state.sleep(seconds: pause) { phase, _ in phase != .running }
                continue
            }
            failures = 0
        }
    }

    /// Claims until the pool stops claiming; returns normally only then.
    private func claimWhileRunning(on connection: Connection) throws {
        if configuration.listen { try connection.listen(JobNotifications.channel) }
        defer { if configuration.listen { try? connection.unlisten(JobNotifications.channel) } }
        while let free = state.waitForFreeSlots() {
            let claimed = try JobClaimer.claim(
                workerID: workerID, queue: configuration.queue, lease: configuration.lease, limit: free,
                on: connection)
            for job in claimed { launch(job) }
            if claimed.count == free { continue }
            if claimed.isEmpty, configuration.exitWhenIdle, state.runningCount == 0 {
                logger.info("no claimable job and none running: stopping (exit when idle)")
                state.requestStop()
                return
            }
            try waitForWork(on: connection)
        }
    }

    /// Waits up to the poll interval for a notification on this worker's queue; returns early when the pool stops
    /// claiming, or (with `exitWhenIdle`) when the last running job ended.
    private func waitForWork(on connection: Connection) throws {
        let deadline = ContinuousClock.now + .seconds(configuration.pollInterval)
        let exitWhenIdle = configuration.exitWhenIdle
        let wakeUp: (WorkerState.Phase, Int) -> Bool = { phase, running in
            phase != .running || (exitWhenIdle && running == 0)
        }
        while true {
            let remaining = deadline - ContinuousClock.now
            guard remaining > .zero else { return }
            let slice = min(0.1, Double(remaining.components.seconds) + Double(remaining.components.attoseconds) / 1e18)
            if configuration.listen {
                let notifications = try connection.waitForNotifications(timeout: slice)
                if notifications.contains(where: { $0.payload == configuration.queue }) { return }
                if wakeUp(state.currentPhase, state.runningCount) { return }
            } else if state.sleep(seconds: slice, stopWhen: wakeUp) {
                return
            }
        }
    }

    private func launch(_ job: Job) {
        let slot = state.occupySlot(with: job.id)
        slotQueues[slot].async(group: jobs) { [self] in
            runner.run(job)
            state.releaseSlot(slot)
        }
    }

    // MARK: - Heartbeat

    private func heartbeatLoop() {
        let interval = configuration.heartbeatInterval
        while !state.sleep(seconds: interval, stopWhen: { phase, _ in phase == .stopped }) {
            let running = state.runningJobIDs
            guard !running.isEmpty else { continue }
            do {
                let extended = try connections.withConnection(timeout: configuration.connectionTimeout) { connection in
                    try Heartbeat.extendLeases(
                        workerID: workerID, jobIDs: running, lease: configuration.lease, on: connection)
                }
                logger.trace("leases extended", metadata: ["jobs": "\(extended)"])
            } catch {
                logger.error("heartbeat failed; leases not extended", metadata: ["error": "\(error)"])
            }
        }
    }
}
