import Foundation
import Logging
import Postgres

/// Runs one claimed job to its end on a pooled connection: decode, handler, completion in one transaction; a
/// failure recorded (or, after a shutdown interruption, the lease released) in its own short statement afterwards.
/// The transaction begins with the handler's first statement: a handler that sends nothing opens none, and its
/// completion goes to the ``CompletionBatcher``.
struct JobRunner: Sendable {
    let registry: JobRegistry
    let connections: ConnectionPool
    let configuration: WorkerConfiguration
    let workerID: String
    let state: WorkerState
    let completions: CompletionBatcher
    let logger: Logger
    /// Told of every attempt's end (metrics); nil for none.
    let observer: (any JobObserver)?

    /// Seconds `job` may run: its kind's timeout, else the configuration's default.
    func timeout(for job: Job) -> Double {
        registry.handler(forKindNamed: job.kind)?.timeout ?? configuration.defaultJobTimeout
    }

    /// Runs `job` in `slot` (launch `token`); never throws: every outcome ends on the row or, when the database is
    /// lost during the attempt, in the log (the job's lease then runs out and it is rescued).
    /// - Returns: false when the attempt could not begin because no connection to the database could be had
    ///   (connection loss while borrowing): no handler ran and the job is still leased to this worker, for the slot
    ///   to run it once the database is back; true otherwise.
    @discardableResult
    func run(_ job: Job, slot: Int, token: UInt64) -> Bool {
        // The pool's logger already carries worker.id; the job's keys join each record only when one is logged.
        var logger = self.logger
        logger.handler = JobLogHandler(base: logger.handler, job: job)

        guard let handler = registry.handler(forKindNamed: job.kind) else {
            let registered = registry.kindNames.joined(separator: ", ")
            let message = "unknown job kind '\(job.kind)': no handler is registered under this name in this worker "
                + "(registered kinds: \(registered.isEmpty ? "none" : registered))"
            record(job, decision: .discard, message: message, kind: .unknownKind, logger: logger, started: nil)
            return true
        }

        let started = ContinuousClock.now
        var borrowed = false
        do {
            // Borrowed with the response timeout, so the session settings of a new connection cannot hang; the
            // handler's own statements then wait as long as they take (the job timeout bounds them).
            let committed = try connections.withWorkerConnection(configuration) { connection in
                borrowed = true
                connection.responseTimeout = nil
                state.attachCancelHandle(connection.makeCancelHandle(), slot: slot, token: token)
                defer {
                    // A cancel request may still be travelling to this session: never lend it to another job.
                    if state.detachCancelHandle(slot: slot, token: token) != nil { connection.close() }
                }
                return try connection.withDeferredTransaction({ transaction in
                    try checkInterruption(slot: slot, token: token, allowShutdown: false)
                    let context = JobContext(job: job, logger: logger, connection: transaction, workerID: workerID)
                    try handler.run(context)
                    // A handler that finishes after a shutdown interruption may still complete; after a timeout or
                    // a lost lease its work is rolled back.
                    try checkInterruption(slot: slot, token: token, allowShutdown: true)
                }, beforeCommit: { transaction in
                    // The completion and the COMMIT are the worker's own statements: a connection that stops
                    // answering now is abandoned, not waited for.
                    transaction.responseTimeout = configuration.responseTimeout
                    try JobOutcomes.complete(job, workerID: workerID, on: transaction)
                }).committed
            }
            // Abandoned meanwhile (``WorkerPool``'s watchdog): the row, the slot and the log are no longer this
            // attempt's.
            if state.isAbandoned(token: token) { return true }
            if committed {
                observer?.jobEnded(job, as: .completed, seconds: seconds(since: started))
            } else {
                completions.submit(job, seconds: seconds(since: started))
            }
            logger.debug("job completed", metadata: [
                "duration.ms": "\(milliseconds(since: started))", "completion": "\(committed ? "in transaction" : "batched")",
            ])
        } catch _ where state.isAbandoned(token: token) {
            logger.debug("an abandoned attempt ended; its failure was already recorded")
        } catch let error as LeaseLostError {
            logger.warning("lease lost before completion; the job's writes were rolled back",
                           metadata: ["error": "\(error)"])
        } catch {
            if !borrowed, (error as? PostgresError)?.isConnectionLoss ?? false,
               state.interruption(slot: slot, token: token) == nil {
                return false
            }
            switch state.interruption(slot: slot, token: token) {
            case .timeout(let seconds)?:
                let timedOut = JobInterruptedError(interruption: .timeout(seconds: seconds))
                var generator = SystemRandomNumberGenerator()
                let decision = configuration.retryPolicy.decision(
                    attempt: job.attempt, maxAttempts: job.maxAttempts, error: timedOut, using: &generator)
                record(job, decision: decision, message: timedOut.description, kind: .timeout, logger: logger,
                       started: started)
            case .shutdown?:
                release(job, logger: logger)
            case .leaseLost?:
                logger.warning("job stopped: it is no longer running under this worker; its writes were rolled back")
            case nil:
                var generator = SystemRandomNumberGenerator()
                let decision = configuration.retryPolicy.decision(
                    attempt: job.attempt, maxAttempts: job.maxAttempts, error: error, using: &generator)
                record(job, decision: decision, message: String(describing: error), kind: .of(error), logger: logger,
                       started: started)
            }
        }
        return true
    }

    /// Records, from another connection, how an attempt the watchdog abandoned ended: a timed-out attempt fails as
    /// a timeout (retryable, or discarded after its last attempt); a job that is no longer this worker's is left to
    /// its new owner. Logs the abandonment once.
    /// - Parameters:
    ///   - interruption: why its query was cancelled.
    ///   - grace: the seconds it was given after the cancel.
    func recordAbandoned(_ job: Job, interruption: JobInterruption, grace: Double) {
        var logger = self.logger
        logger.handler = JobLogHandler(base: logger.handler, job: job)
        let after = "its query did not end within \(Self.format(grace)) s of the cancel"
        switch interruption {
        case .timeout(let seconds):
            let timedOut = JobInterruptedError(interruption: .timeout(seconds: seconds))
            var generator = SystemRandomNumberGenerator()
            let decision = configuration.retryPolicy.decision(
                attempt: job.attempt, maxAttempts: job.maxAttempts, error: timedOut, using: &generator)
            record(
                job, decision: decision,
                message: "job timed out after \(Self.format(seconds)) s and \(after): abandoned (connection closed)",
                kind: .timeout, logger: logger, started: nil,
                logMessage: "job abandoned: \(after); its connection is closed, its slot freed, its lease no longer "
                    + "extended, and the attempt recorded as failed")
        case .leaseLost:
            logger.warning("job abandoned: it is no longer this worker's and \(after); its connection is closed and its slot freed")
        case .shutdown:
            logger.warning("job abandoned at shutdown: \(after); its connection is closed")
        }
    }

    private static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }

    /// Throws ``JobInterruptedError`` when the job was interrupted (a shutdown interruption only when not allowed).
    private func checkInterruption(slot: Int, token: UInt64, allowShutdown: Bool) throws {
        guard let interruption = state.interruption(slot: slot, token: token) else { return }
        if allowShutdown, interruption == .shutdown { return }
        throw JobInterruptedError(interruption: interruption)
    }

    /// Records a failed attempt; `started` is when its handler started (nil when none ran).
    /// - Parameter logMessage: the warning logged once the failure is recorded.
    private func record(
        _ job: Job, decision: RetryDecision, message: String, kind: JobErrorKind, logger: Logger,
        started: ContinuousClock.Instant?, logMessage: String = "job attempt failed"
    ) {
        do {
            let record = try onNewConnectionIfLost { connection in
                try JobOutcomes.fail(
                    job, workerID: workerID, decision: decision, message: message, kind: kind, on: connection)
            }
            guard let record else {
                logger.warning(
                    """
                    the failure was not recorded: the job is no longer running under this worker and attempt \
                    (finished, cancelled or rescued meanwhile); the row is left as it is
                    """, metadata: ["error": "\(message)"])
                return
            }
            observer?.jobEnded(
                job, as: record.state == "discarded" ? .discarded : .retryable, seconds: started.map(seconds(since:)))
            logger.warning("\(logMessage)", metadata: [
                "error": "\(message)", "error.kind": "\(kind)", "job.state": "\(record.state)",
                "job.run_at": "\(record.runAt)",
            ])
        } catch {
            logger.error("could not record the job's failure; its lease will expire and it will be rescued",
                         metadata: ["error": "\(error)", "job.error": "\(message)"])
        }
    }

    private func release(_ job: Job, logger: Logger) {
        do {
            let released = try onNewConnectionIfLost { connection in
                try LeaseRelease.release([(job.id, job.attempt)], workerID: workerID, on: connection)
            }
            logger.notice(released == 1
                ? "job interrupted by shutdown: lease released for another worker"
                : "job interrupted by shutdown: it had already left this worker")
        } catch {
            logger.error("could not release the job's lease; it will expire and the job will be rescued",
                         metadata: ["error": "\(error)"])
        }
    }

    /// Runs `body` on a worker connection; when the connection is lost or does not answer (a pooled connection may
    /// have stalled with the one just abandoned), tries again on a new one after the reconnect backoff, up to
    /// `attempts` times in all, so that an outcome is recorded rather than left to the lease.
    private func onNewConnectionIfLost<T>(attempts: Int = 3, _ body: (Connection) throws -> T) throws -> T {
        var generator = SystemRandomNumberGenerator()
        var failures = 0
        while true {
            do {
                return try connections.withWorkerConnection(configuration, body)
            } catch let error as PostgresError where error.isConnectionLoss && failures + 1 < attempts {
                failures += 1
                Thread.sleep(forTimeInterval: configuration.reconnectBackoff.delay(afterFailures: failures, using: &generator))
            }
        }
    }

    private func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    private func milliseconds(since start: ContinuousClock.Instant) -> Int64 {
        let elapsed = ContinuousClock.now - start
        return elapsed.components.seconds * 1_000 + elapsed.components.attoseconds / 1_000_000_000_000_000
    }
}
