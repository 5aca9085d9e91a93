import Dispatch
import Foundation
public import Logging
import Postgres
import Synchronization

/// The worker daemon's engine: claims jobs of one queue and runs up to `concurrency` of them at once on Dispatch.
///
/// - A claim loop (its own serial queue and pooled connection, which also LISTENs on `talenta_jobs`) claims the
///   free slots plus a claim-ahead buffer with one statement (``JobClaimer``), then waits for room, a notification
///   for its queue, or the poll interval. The buffer holds what the slots run through in about two claim round
///   trips (measured; at most ``WorkerConfiguration/claimAheadLimit``, none while jobs are slower than claims), so
///   a slot that finishes starts its next job at once without waiting for a claim. A buffered job starts only
///   while at least a third of its lease is left, and is released at once (another worker takes it) when it can no
///   longer start in time; the heartbeat releases buffered jobs held longer than a third of the lease, and all of
///   them while the queue is paused; shutdown releases them at once. The claim every poll interval doubles as the
///   health check of the listening connection: TCP keepalives and `tcp_user_timeout`
///   (``WorkerConfiguration/connectionDefaults``) notice a dead peer, and the response timeout a connection that
///   stops answering without closing (see below). When the database is lost the loop reconnects with
///   ``WorkerConfiguration/reconnectBackoff`` (capped exponential, jittered) and LISTENs again.
/// - Each slot is a serial Dispatch queue (its own thread, since libpq blocks) that runs one job at a time on its
///   own pooled connection, then the next buffered one: the handler's writes and the completion commit in one
///   transaction (``JobOutcomes``). An attempt whose handler sent nothing to the database opens no transaction;
///   its completion goes to a batcher that writes many per statement (``CompletionBatcher``), still fenced on
///   worker and attempt.
/// - A heartbeat (its own serial queue and connection) runs every `lease / 3`: it records the worker in
///   `queue.worker` (and, until that succeeds once, registers the kinds it runs in `queue.kind`: ``KindCatalog``),
///   extends the leases of the running jobs, stops jobs it no longer owns (cancelled or rescued), rescues expired
///   leases of any worker (``LeaseRescuer``), and reads the cleanup health of the job table (``CleanupHealth``),
///   warning once per open transaction that holds cleanup back longer than
///   ``WorkerConfiguration/longTransactionWarning``.
/// - A watchdog (its own serial queue) cancels the query of a job past its timeout (`PQcancel`, sent from a thread
///   of its own, since a cancel request can hang on a stalled network path); the job then fails as retryable and
///   its slot is freed. A job whose query does not end within ``WorkerConfiguration/cancelGrace`` seconds of the
///   cancel (or of the heartbeat's cancel of a job no longer this worker's) is abandoned: its connection is closed
///   (``CancelHandle/abandon(reason:)``), a timed-out attempt is recorded as failed from another connection, its
///   slot takes new jobs on a new queue, and its lease is no longer extended.
/// - Every statement of the worker's own (claim, heartbeat, completion, failure, release, schedules) waits at most
///   ``WorkerConfiguration/responseTimeout`` for its answer; past it the connection is abandoned and the loop that
///   sent it goes on with a new one.
/// - A schedule loop (its own serial queue and connection) evaluates `queue.schedule` every
///   ``WorkerConfiguration/scheduleInterval`` seconds with the injected clock (``ScheduleEvaluator``), unless
///   ``WorkerConfiguration/evaluateSchedules`` is off; it stops with the claims.
/// - ``shutdown()`` stops claiming; running jobs get ``WorkerConfiguration/shutdownTimeout`` seconds to finish;
///   past it their queries are cancelled and their leases released (``LeaseRelease``); then the loops end, the
///   worker is marked stopped and the pool's connections close.
///
/// Thread safety: all methods may be called from any thread. The pool's phase and slots live in one lock-protected
/// state; connections are confined to the queue that borrowed them.
public final class WorkerPool: Sendable {
    /// This process start's worker id (`host:pid:random`), stored in `queue.job.locked_by` of claimed jobs and in
    /// `queue.worker.id`.
    public let workerID: String
    /// The configuration the pool runs with (validated by `init`).
    public let configuration: WorkerConfiguration

    /// Seconds that jobs whose queries were cancelled at the shutdown deadline get to end by themselves before their
    /// leases are released from outside.
    static let releaseGrace = 2.0
    /// Seconds between the watchdog's checks of job deadlines (the precision of job timeouts).
    static let watchdogTick = 0.05

    private let connections: ConnectionPool
    private let logger: Logger
    private let observer: (any JobObserver)?
    private let runner: JobRunner
    private let completions: CompletionBatcher
    private let state: WorkerState
    private let registration: WorkerPresence.Registration
    /// Heartbeat state: whether this worker's kinds are registered, the open transaction last warned about, and
    /// whether the last kind registration or cleanup read failed (logged once until it works again).
    private let heartbeatMemory = Mutex((
        kindsRegistered: false, warnedAbout: CleanupHealth.OpenTransaction?.none, registrationFailed: false,
        cleanupFailed: false))
    private let claimQueue = DispatchQueue(label: "talenta.worker.claim")
    private let heartbeatQueue = DispatchQueue(label: "talenta.worker.heartbeat")
    private let watchdogQueue = DispatchQueue(label: "talenta.worker.watchdog")
    private let scheduleQueue = DispatchQueue(label: "talenta.worker.schedules")
    private let clock: any WallClock
    /// Entered by `start()`, left once everything has stopped.
    private let stopped = DispatchGroup()
    /// Entered by `start()` for the heartbeat and the watchdog, left when each loop ends.
    private let helpersEnded = DispatchGroup()

    /// Makes a pool; nothing runs until ``start()`` or ``run()``.
    /// - Parameters:
    ///   - databaseURL: a `postgresql://` URL or libpq conninfo (empty: libpq's PG* environment).
    ///   - registry: the handlers this worker runs; other kinds are discarded with an "unknown job kind" error.
    ///   - configuration: see ``WorkerConfiguration``.
    ///   - logger: the base logger; each job's logger adds `job.id`, `job.kind`, `job.attempt`, `worker.id`.
    ///   - workerID: overrides the generated `host:pid:random` id (tests); must be unique among live workers.
    ///   - observer: told of every claim and attempt end, and of the queue depths at every heartbeat (metrics);
    ///     nil (the default) for none, which also skips the heartbeat's depth query.
    ///   - clock: "now" for the schedule evaluation; the system clock unless a test or drill moves its own.
    /// - Throws: ``JobQueueError`` (`invalidConfiguration`) when a configuration field is out of range.
    public init(
        databaseURL: String, registry: JobRegistry, configuration: WorkerConfiguration = WorkerConfiguration(),
        logger: Logger, workerID: String? = nil, observer: (any JobObserver)? = nil,
        clock: any WallClock = SystemWallClock()
    ) throws(JobQueueError) {
        try configuration.validate()
        let workerID = workerID ?? WorkerID.make()
        var logger = logger
        logger[metadataKey: "worker.id"] = "\(workerID)"
        self.workerID = workerID
        self.clock = clock
        self.configuration = configuration
        self.logger = logger
        self.observer = observer
        self.connections = ConnectionPool(
            url: databaseURL, maxConnections: configuration.connectionPoolSize,
            applicationName: configuration.applicationName, defaults: configuration.connectionDefaults,
            reusesPreparedStatements: configuration.reusesPreparedStatements)
        self.state = WorkerState(
            concurrency: configuration.concurrency, lease: configuration.lease,
            claimAheadLimit: configuration.claimAheadLimit)
        self.completions = CompletionBatcher(
            connections: connections, workerID: workerID, configuration: configuration, state: state, logger: logger,
            observer: observer)
        self.runner = JobRunner(
            registry: registry, connections: connections, configuration: configuration, workerID: workerID,
            state: state, completions: completions, logger: logger, observer: observer)
        self.registration = WorkerPresence.Registration(id: workerID, configuration: configuration)
    }

    /// Starts claiming, the heartbeat and the watchdog; returns at once.
    /// - Throws: ``JobQueueError`` (`alreadyStarted`) when called a second time or after ``shutdown()``.
    public func start() throws(JobQueueError) {
        guard state.begin() else {
            throw JobQueueError(code: .alreadyStarted, message: "a worker pool can be started only once")
        }
        logger.info("worker started", metadata: [
            "queue": "\(configuration.queue)", "concurrency": "\(configuration.concurrency)",
            "lease.seconds": "\(configuration.lease)", "poll.seconds": "\(configuration.pollInterval)",
            "listen": "\(configuration.listen)", "shutdown_timeout.seconds": "\(configuration.shutdownTimeout)",
            "response_timeout.seconds": "\(configuration.responseTimeout)",
        ])
        stopped.enter()
        helpersEnded.enter()
        heartbeatQueue.async { [self] in
            heartbeatLoop()
            helpersEnded.leave()
        }
        helpersEnded.enter()
        watchdogQueue.async { [self] in
            watchdogLoop()
            helpersEnded.leave()
        }
        if configuration.evaluateSchedules {
            helpersEnded.enter()
            scheduleQueue.async { [self] in
                scheduleLoop()
                helpersEnded.leave()
            }
        }
        claimQueue.async { [self] in
            claimLoop()
            finish()
        }
    }

    /// Stops claiming; running jobs get ``WorkerConfiguration/shutdownTimeout`` seconds to finish, then are
    /// cancelled and released, and the pool stops. Returns at once; safe to call many times and from a signal
    /// handler's queue. Pair with ``waitUntilStopped(timeout:)``.
    public func shutdown() {
        if state.requestStop() {
            logger.info("shutdown requested: no more claims, waiting for running jobs", metadata: [
                "running": "\(state.runningCount)", "shutdown_timeout.seconds": "\(configuration.shutdownTimeout)",
            ])
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
    /// - Returns: how it stopped.
    /// - Throws: ``JobQueueError`` (`alreadyStarted`) when it was started before.
    @discardableResult
    public func run() throws(JobQueueError) -> StopOutcome {
        try start()
        waitUntilStopped()
        return stopOutcome
    }

    /// Jobs running right now.
    public var runningJobCount: Int { state.runningCount }

    /// How the pool stopped: ``StopOutcome/graceful`` until then.
    public var stopOutcome: StopOutcome { state.stopOutcome }

    /// The pool's database connections: open (idle or lent) and lent right now. Cheap; safe from any thread.
    public var connectionStats: (open: Int, inUse: Int) { connections.stats }

    // MARK: - Claim loop

    private func claimLoop() {
        var failures = 0
        var generator = SystemRandomNumberGenerator()
        while state.isClaiming {
            do {
                try connections.withWorkerConnection(configuration) { connection in
                    try claimWhileRunning(on: connection) {
                        if failures > 0 {
                            logger.notice("database reachable again: claiming resumed",
                                          metadata: ["failed.attempts": "\(failures)"])
                        }
                        failures = 0
                    }
                }
            } catch {
                failures += 1
                let pause = configuration.reconnectBackoff.delay(afterFailures: failures, using: &generator)
                let database = error as? PostgresError
                let message = database?.kind == .abandoned
                    ? "the database did not answer the claim connection: connection abandoned; reconnecting"
                    : database?.isConnectionLoss ?? false ? "database connection lost; reconnecting" : "claim failed; retrying"
                logger.log(level: failures == 1 ? .warning : .info, "\(message)",
                           metadata: ["error": "\(error)", "retry.seconds": "\(pause)", "attempt": "\(failures)"])
                _ = state.sleep(seconds: pause) { phase, _ in phase != .running }
            }
        }
    }

    /// LISTENs (unless polling only) and claims until the pool stops claiming; returns normally only then.
    /// - Parameter connected: called once LISTEN and the first claim have succeeded.
    private func claimWhileRunning(on connection: Connection, connected: () -> Void) throws {
        if configuration.listen { try connection.listen(JobNotifications.channel) }
        defer { if configuration.listen, connection.isHealthy { try? connection.unlisten(JobNotifications.channel) } }
        if configuration.reusesPreparedStatements {
            // The claim's generic plan (its LIMIT unknown) is the custom one; left to choose, the server would plan
            // every claim anew, since the unknown LIMIT makes the generic plan's estimate look dearer.
            try JobClaimer.useGenericPlans(on: connection)
        }
        defer {
            if configuration.reusesPreparedStatements, connection.isHealthy {
                try? JobClaimer.resetPlanChoice(on: connection)
            }
        }
        var first = true
        while let room = state.waitForClaimRoom() {
            let sent = ContinuousClock.now
            let claimed = try JobClaimer.claim(
                workerID: workerID, queue: configuration.queue, lease: configuration.lease, limit: room,
                on: connection)
            let elapsed = ContinuousClock.now - sent
            state.recordClaim(seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
            if first {
                first = false
                connected()
            }
            if let observer { claimed.forEach(observer.jobClaimed) }
            for launch in state.admit(claimed, claimedAt: sent, timeout: runner.timeout(for:)) {
                launch.queue.async { [self] in
                    runSlot(launch.slot, job: launch.job, token: launch.token)
                }
            }
            if claimed.count == room { continue }
            if claimed.isEmpty, configuration.exitWhenIdle, state.busyCount == 0 {
                // Jobs of a worker that died come back through the rescue: run it now rather than at the next
                // heartbeat, and claim them before deciding to stop.
                if try rescueExpiredLeases(on: connection) > 0 { continue }
                let pending = try PendingJobs.read(queue: configuration.queue, workerID: workerID, on: connection)
                if !pending.paused, let due = pending.secondsUntilNext, due <= configuration.idleGrace {
                    try waitForWork(on: connection, seconds: min(configuration.pollInterval, max(due, 0.01)),
                                    wakeWhenIdle: false)
                    continue
                }
                stopWhenIdle(leaving: pending)
                return
            }
            try waitForWork(on: connection)
        }
    }

    /// Stops an idle pool (``WorkerConfiguration/exitWhenIdle``), warning when jobs of its queue are still pending.
    private func stopWhenIdle(leaving pending: PendingJobs) {
        if pending.count == 0, pending.runningElsewhere == 0 {
            logger.info("no claimable job and none running: stopping (exit when idle)")
        } else if pending.count == 0 {
            logger.info(
                """
                no claimable job: stopping (exit when idle) and leaving the jobs running under other live workers \
                to them (a worker killed less than a lease ago counts as live; its jobs are rescued when their \
                lease ends)
                """,
                metadata: ["queue": "\(configuration.queue)", "jobs.running_elsewhere": "\(pending.runningElsewhere)"])
        } else {
            let next = pending.nextRunAt.map { $0.ISO8601Format() } ?? "unknown"
            logger.warning(
                pending.paused
                    ? "queue paused: stopping (exit when idle) with jobs pending"
                    : "no job due within the idle grace: stopping (exit when idle) with jobs pending",
                metadata: [
                    "queue": "\(configuration.queue)", "jobs.pending": "\(pending.count)", "next.run_at": "\(next)",
                    "next.due_seconds": "\(pending.secondsUntilNext.map { Int($0.rounded(.up)) } ?? 0)",
                    "jobs.running_elsewhere": "\(pending.runningElsewhere)",
                ])
        }
        state.requestStop()
    }

    /// Waits up to `seconds` (the poll interval by default) for a notification on this worker's queue; returns early
    /// when the pool stops claiming, or (with `exitWhenIdle` and `wakeWhenIdle`) when the last running job ended.
    private func waitForWork(on connection: Connection, seconds: Double? = nil, wakeWhenIdle: Bool = true) throws {
        let deadline = ContinuousClock.now + .seconds(seconds ?? configuration.pollInterval)
        let exitWhenIdle = configuration.exitWhenIdle && wakeWhenIdle
        let wakeUp: (WorkerState.Phase, Int) -> Bool = { phase, busy in
            phase != .running || (exitWhenIdle && busy == 0)
        }
        while true {
            let remaining = deadline - ContinuousClock.now
            guard remaining > .zero else { return }
            let slice = min(0.1, Double(remaining.components.seconds) + Double(remaining.components.attoseconds) / 1e18)
            if configuration.listen {
                let notifications = try connection.waitForNotifications(timeout: slice)
                if notifications.contains(where: { $0.payload == configuration.queue }) { return }
                if wakeUp(state.currentPhase, state.busyCount) { return }
            } else if state.sleep(seconds: slice, stopWhen: wakeUp) {
                return
            }
        }
    }

    /// Runs `job` in `slot`, then the buffered jobs the slot takes next, until the buffer is empty (on the slot's
    /// queue). While the database cannot be reached, the slot keeps its job and tries again with
    /// ``WorkerConfiguration/reconnectBackoff`` rather than going through the buffer with attempts that cannot even
    /// begin (each of those jobs would wait for its lease to run out to be rescued); it gives up when the pool stops
    /// running (the job is then rescued after its lease). An abandoned launch ends here without touching the slot.
    private func runSlot(_ slot: Int, job: Job, token: UInt64) {
        var current = (job: job, token: token)
        var generator = SystemRandomNumberGenerator()
        while true {
            var failures = 0
            while !runner.run(current.job, slot: slot, token: current.token) {
                failures += 1
                if failures == 1 {
                    logger.warning("database unreachable: the job waits in its slot until a connection can be had",
                                   metadata: ["job.id": "\(current.job.id)", "slot": "\(slot)"])
                }
                let pause = configuration.reconnectBackoff.delay(afterFailures: failures, using: &generator)
                if state.sleep(seconds: pause, stopWhen: { phase, _ in phase != .running }) { break }
            }
            let (next, dropped) = state.finishAndTakeNext(slot: slot, token: current.token, timeout: runner.timeout(for:))
            releaseBuffered(dropped, reason: "too little of their lease was left to start them")
            guard let next else { return }
            current = next
        }
    }

    // MARK: - Stopping

    /// Runs on the claim queue once claiming has ended: waits for running jobs until the shutdown deadline, then
    /// cancels and releases what still runs, ends the helper loops and closes the pool.
    private func finish() {
        var outcome = StopOutcome.graceful
        releaseBuffered(state.takeBuffered(all: true, claimedBefore: 0), reason: "shutdown")
        if !state.waitUntilIdle(seconds: shutdownRemaining()) {
            let running = state.runningJobs
            logger.warning("shutdown grace period passed: cancelling running jobs and releasing their leases",
                           metadata: ["running": "\(running.count)"])
            for handle in state.interruptAll(.shutdown) { Self.sendCancel(handle) }
            if !state.waitUntilIdle(seconds: Self.releaseGrace) {
                releaseStuckJobs()
            }
            outcome = .jobsReleased(running.count)
        }
        let unrecorded = completions.finish(deadline: .now() + shutdownRemaining(), releaseGrace: Self.releaseGrace)
        if unrecorded > 0 {
            if case .jobsReleased(let count) = outcome { outcome = .jobsReleased(count + unrecorded) } else {
                outcome = .jobsReleased(unrecorded)
            }
        }
        state.markStopped(outcome)
        helpersEnded.wait()
        do {
            try connections.withWorkerConnection(configuration) { connection in
                try WorkerPresence.markStopped(workerID: workerID, on: connection)
            }
        } catch {
            logger.warning("could not mark the worker stopped in queue.worker", metadata: ["error": "\(error)"])
        }
        connections.close()
        logger.info("worker stopped", metadata: ["outcome": "\(outcome)"])
        stopped.leave()
    }

    /// Seconds left of the shutdown grace period (0 once it passed, or before a stop was requested).
    private func shutdownRemaining() -> Double {
        guard let requested = state.stopRequestTime else { return 0 }
        let remaining = requested + .seconds(configuration.shutdownTimeout) - ContinuousClock.now
        return max(0, Double(remaining.components.seconds) + Double(remaining.components.attoseconds) / 1e18)
    }

    /// Abandons the jobs whose handlers did not end after their queries were cancelled at the shutdown deadline
    /// (their connections close) and releases their leases from outside.
    private func releaseStuckJobs() {
        let stuck = state.abandonRunningJobs()
        guard !stuck.isEmpty else { return }
        for job in stuck {
            job.handle?.abandon(reason: "the worker shut down and the job's query did not end after its cancel")
        }
        do {
            let released = try connections.withWorkerConnection(configuration) { connection in
                try LeaseRelease.release(stuck.map { ($0.job.id, $0.job.attempt) }, workerID: workerID, on: connection)
            }
            logger.warning("released the leases of jobs whose handlers did not stop; their connections are closed",
                           metadata: ["jobs": "\(stuck.count)", "released": "\(released)"])
        } catch {
            logger.error("could not release leases at shutdown; they will expire and the jobs will be rescued",
                         metadata: ["error": "\(error)"])
        }
    }

    /// Gives buffered jobs back (fenced, attempt not counted) so any worker takes them at once.
    private func releaseBuffered(_ buffered: [Job], reason: String) {
        guard !buffered.isEmpty else { return }
        do {
            let released = try connections.withWorkerConnection(configuration) { connection in
                try LeaseRelease.release(buffered.map { ($0.id, $0.attempt) }, workerID: workerID, on: connection)
            }
            logger.info("released buffered jobs", metadata: [
                "reason": "\(reason)", "jobs": "\(buffered.count)", "released": "\(released)",
            ])
        } catch {
            logger.warning("could not release buffered jobs; their leases will expire and they will be rescued",
                           metadata: ["reason": "\(reason)", "jobs": "\(buffered.count)", "error": "\(error)"])
        }
    }

    // MARK: - Heartbeat

    /// Beats every heartbeat interval until the pool has stopped. A failing beat is logged as a warning the first time
    /// and at info level while it keeps failing (a worker waiting for a database that is away stays quiet), and its
    /// recovery once.
    private func heartbeatLoop() {
        var failures = 0
        repeat {
            do {
                try beat()
                if failures > 0 {
                    logger.notice("heartbeat works again", metadata: ["failed.beats": "\(failures)"])
                }
                failures = 0
            } catch {
                failures += 1
                logger.log(level: failures == 1 ? .warning : .info, "heartbeat failed; retrying at the next beat",
                           metadata: ["error": "\(error)", "failed.beats": "\(failures)"])
            }
        } while !state.sleep(seconds: configuration.heartbeatInterval, stopWhen: { phase, _ in phase == .stopped })
    }

    /// One heartbeat: worker presence, lease extension (and stopping jobs this worker no longer owns), rescue.
    /// - Throws: what the worker presence, the lease extension, the buffer release, the rescue or the depth read
    ///   threw (the kind registration and the cleanup read log their own failures).
    private func beat() throws {
        try connections.withWorkerConnection(configuration) { connection in
            try WorkerPresence.beat(registration, on: connection)
            registerKindsOnce(on: connection)
            let running = state.runningJobs
            if !running.isEmpty {
                let extended = try Heartbeat.extendLeases(
                    workerID: workerID, jobs: running.map { ($0.id, $0.attempt) }, lease: configuration.lease,
                    on: connection)
                for job in running where !extended.contains(Heartbeat.LeasedJob(id: job.id, attempt: job.attempt)) {
                    // Finished just now, or taken from this worker (cancelled, rescued): stop its work.
                    if let handle = state.interrupt(slot: job.slot, token: job.token, .leaseLost) {
                        Self.sendCancel(handle)
                    }
                }
            }
            try releaseStaleOrPausedBuffer(on: connection)
            try rescueExpiredLeases(on: connection)
            if let observer { observer.queuesSampled(try QueueDepth.read(on: connection)) }
            sampleCleanup(on: connection)
        }
    }

    /// Registers the kinds of this worker's registry in `queue.kind` (``KindCatalog``), until that succeeded once.
    /// A failure (say a database not yet migrated to sql/0018) is logged once and tried again at the next beat;
    /// it never stops the heartbeat's other work.
    private func registerKindsOnce(on connection: Connection) {
        guard !heartbeatMemory.withLock({ $0.kindsRegistered }) else { return }
        do {
            let added = try KindCatalog.register(runner.registry.kindNames, registeredBy: workerID, on: connection)
            heartbeatMemory.withLock { $0.kindsRegistered = true }
            if added > 0 {
                logger.info("registered job kinds", metadata: [
                    "kinds": "\(runner.registry.kindNames.joined(separator: ","))", "kinds.new": "\(added)",
                ])
            }
        } catch {
            let first = heartbeatMemory.withLock { memory in
                defer { memory.registrationFailed = true }
                return !memory.registrationFailed
            }
            if first {
                logger.warning(
                    "could not register the job kinds this worker runs; trying again at each heartbeat (is the database migrated?)",
                    metadata: ["error": "\(error)"])
            }
        }
    }

    /// Reads the cleanup health of the job table for the observer and the warning. A failure is logged once per
    /// streak and never stops the heartbeat.
    private func sampleCleanup(on connection: Connection) {
        do {
            let cleanup = try CleanupHealth.read(
                longTransactionSeconds: configuration.longTransactionWarning, on: connection)
            heartbeatMemory.withLock { $0.cleanupFailed = false }
            observer?.cleanupSampled(cleanup)
            warnAboutHeldBackCleanup(cleanup)
        } catch {
            let first = heartbeatMemory.withLock { memory in
                defer { memory.cleanupFailed = true }
                return !memory.cleanupFailed
            }
            if first {
                logger.warning("could not read the cleanup health of queue.job", metadata: ["error": "\(error)"])
            }
        }
    }

    /// Warns once per open transaction that holds back cleanup past the threshold; notes when none does any more.
    private func warnAboutHeldBackCleanup(_ cleanup: CleanupHealth) {
        let holder = cleanup.heldBackBy
        let previous = heartbeatMemory.withLock { memory in
            defer { memory.warnedAbout = holder }
            return memory.warnedAbout
        }
        if let holder, holder.pid != previous?.pid || holder.startedAt != previous?.startedAt {
            logger.warning(
                """
                an open transaction holds back the cleanup of queue.job: its dead rows stay until it ends; end it \
                (pg_terminate_backend), or let idle_in_transaction_session_timeout do it (deploy/postgresql.queue.conf)
                """, metadata: [
                    "transaction.pid": "\(holder.pid)", "transaction.application": "\(holder.application)",
                    "transaction.state": "\(holder.state)", "transaction.seconds": "\(Int(holder.seconds))",
                    "queue_job.dead_rows": "\(cleanup.deadRows)",
                    "threshold.seconds": "\(Int(cleanup.longTransactionSeconds))",
                ])
        } else if holder == nil, let previous {
            logger.notice("the open transaction that held back the cleanup of queue.job has ended",
                          metadata: ["transaction.pid": "\(previous.pid)"])
        }
    }

    /// Returns any worker's expired leases to `retryable` (or `discarded`), logging what it rescued.
    /// - Returns: how many jobs were rescued.
    @discardableResult
    private func rescueExpiredLeases(on connection: Connection) throws -> Int {
        let rescued = try LeaseRescuer.rescue(batchSize: configuration.rescueBatchSize, on: connection)
        if !rescued.isEmpty {
            logger.warning("rescued jobs whose lease expired", metadata: [
                "jobs": "\(rescued.count)",
                "discarded": "\(rescued.count { $0.state == "discarded" })",
            ])
        }
        return rescued.count
    }

    /// Releases buffered jobs claimed more than a heartbeat interval ago (the slots are busy with slower jobs:
    /// other workers should have them), and every buffered job while the queue is paused.
    private func releaseStaleOrPausedBuffer(on connection: Connection) throws {
        guard !state.bufferedJobs.isEmpty else { return }
        let paused = try QueueOperations.isPaused(queue: configuration.queue, on: connection)
        let taken = state.takeBuffered(all: paused, claimedBefore: configuration.heartbeatInterval)
        guard !taken.isEmpty else { return }
        let released = try LeaseRelease.release(taken.map { ($0.id, $0.attempt) }, workerID: workerID, on: connection)
        logger.info("released buffered jobs", metadata: [
            "reason": "\(paused ? "queue paused" : "held longer than a heartbeat interval")",
            "jobs": "\(taken.count)", "released": "\(released)",
        ])
    }

    // MARK: - Schedules

    /// Evaluates the schedules every `scheduleInterval` seconds until the pool stops claiming. A failed pass (the
    /// database is away) is logged and tried again at the next tick: the fire times it missed fire once then.
    private func scheduleLoop() {
        let evaluator = ScheduleEvaluator(workerID: workerID, clock: clock, logger: logger)
        var failures = 0
        repeat {
            do {
                try connections.withWorkerConnection(configuration) { connection in
                    _ = try evaluator.evaluate(on: connection)
                }
                failures = 0
            } catch {
                failures += 1
                logger.log(level: failures == 1 ? .warning : .info, "schedule evaluation failed; retrying at the next tick",
                           metadata: ["error": "\(error)", "failed.passes": "\(failures)"])
            }
        } while !state.sleep(seconds: configuration.scheduleInterval, stopWhen: { phase, _ in phase != .running })
    }

    // MARK: - Watchdog

    /// Every ``watchdogTick``: cancels the queries of jobs past their timeout, and abandons jobs whose query did not
    /// end within ``WorkerConfiguration/cancelGrace`` of a cancel (recording their ends on its own queue, so a
    /// database that does not answer never holds the watchdog).
    private func watchdogLoop() {
        let recorder = DispatchQueue(label: "talenta.worker.abandoned")
        while !state.sleep(seconds: Self.watchdogTick, stopWhen: { phase, _ in phase == .stopped }) {
            for overdue in state.interruptOverdueJobs(at: .now) {
                logger.warning("job timed out: cancelling its query", metadata: [
                    "job.id": "\(overdue.job.id)", "job.kind": "\(overdue.job.kind)",
                    "job.attempt": "\(overdue.job.attempt)", "timeout.seconds": "\(overdue.timeout)",
                ])
                if let handle = overdue.handle { Self.sendCancel(handle) }
            }
            for stuck in state.abandonStuckJobs(at: .now, grace: configuration.cancelGrace) {
                stuck.handle?.abandon(reason: "the job's query did not end within \(configuration.cancelGrace) s of its cancel")
                recorder.async { [self] in
                    runner.recordAbandoned(stuck.job, interruption: stuck.interruption, grace: configuration.cancelGrace)
                }
            }
        }
    }

    /// Sends a cancel request from a thread of its own: through a network path that accepts connections but stops
    /// forwarding, `PQcancel` can wait forever, and no loop of the worker may wait with it.
    private static func sendCancel(_ handle: CancelHandle) {
        let thread = Thread { handle.cancel() }
        thread.name = "talenta.worker.cancel"
        thread.start()
    }
}
