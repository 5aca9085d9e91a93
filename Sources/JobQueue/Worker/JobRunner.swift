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
            let committed = try connections.withConnection(timeout: configuration.connectionTimeout) { connection in
                borrowed = true
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
                    try JobOutcomes.complete(job, workerID: workerID, on: transaction)
                }).committed
            }
            if committed {
                observer?.jobEnded(job, as: .completed, seconds: seconds(since: started))
            } else {
                completions.submit(job, seconds: seconds(since: started))
            }
            logger.debug("job completed", metadata: [
                "duration.ms": "\(milliseconds(since: started))", "completion": "\(committed ? "in transaction" : "batched")",
            ])
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

    /// Throws ``JobInterruptedError`` when the job was interrupted (a shutdown interruption only when not allowed).
    private func checkInterruption(slot: Int, token: UInt64, allowShutdown: Bool) throws {
        guard let interruption = state.interruption(slot: slot, token: token) else { return }
        if allowShutdown, interruption == .shutdown { return }
        throw JobInterruptedError(interruption: interruption)
    }

    /// Records a failed attempt; `started` is when its handler started (nil when none ran).
    private func record(
        _ job: Job, decision: RetryDecision, message: String, kind: JobErrorKind, logger: Logger,
        started: ContinuousClock.Instant?
    ) {
        do {
            let record = try connections.withConnection(timeout: configuration.connectionTimeout) { connection in
                try JobOutcomes.fail(
                    job, workerID: workerID, decision: decision, message: message, kind: kind, on: connection)
            }
            guard let record else {
                logger.warning("lease lost before the failure was recorded; the row is left to its new owner",
                               metadata: ["error": "\(message)"])
                return
            }
            observer?.jobEnded(
                job, as: record.state == "discarded" ? .discarded : .retryable, seconds: started.map(seconds(since:)))
            logger.warning("job attempt failed", metadata: [
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
            let released = try connections.withConnection(timeout: configuration.connectionTimeout) { connection in
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

    private func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    private func milliseconds(since start: ContinuousClock.Instant) -> Int64 {
        let elapsed = ContinuousClock.now - start
        return elapsed.components.seconds * 1_000 + elapsed.components.attoseconds / 1_000_000_000_000_000
    }
}
