import Foundation
import Logging
import Postgres

/// Runs one claimed job to its end on a pooled connection: decode, handler, completion in one transaction; a
/// failure recorded in its own short statement afterwards.
struct JobRunner: Sendable {
    let registry: JobRegistry
    let connections: ConnectionPool
    let configuration: WorkerConfiguration
    let workerID: String
    let logger: Logger

    /// Runs `job`; never throws: every outcome ends on the row or, when the database is unreachable, in the log
    /// (the job's lease then runs out and it is rescued).
    func run(_ job: Job) {
        var logger = self.logger
        logger[metadataKey: "job.id"] = "\(job.id)"
        logger[metadataKey: "job.kind"] = "\(job.kind)"
        logger[metadataKey: "job.attempt"] = "\(job.attempt)"
        logger[metadataKey: "worker.id"] = "\(workerID)"

        guard let handler = registry.handler(forKindNamed: job.kind) else {
            let registered = registry.kindNames.joined(separator: ", ")
            let message = "unknown job kind '\(job.kind)': no handler is registered under this name in this worker "
                + "(registered kinds: \(registered.isEmpty ? "none" : registered))"
            record(job, decision: .discard, message: message, kind: .unknownKind, logger: logger)
            return
        }

        let started = ContinuousClock.now
        do {
            try connections.withConnection(timeout: configuration.connectionTimeout) { connection in
                try connection.withTransaction { transaction in
                    let context = JobContext(job: job, logger: logger, connection: transaction, workerID: workerID)
                    try handler.run(context)
                    try JobOutcomes.complete(job, workerID: workerID, on: transaction)
                }
            }
            logger.debug("job completed", metadata: ["duration.ms": "\(milliseconds(since: started))"])
        } catch let error as LeaseLostError {
            logger.warning("lease lost before completion; the job's writes were rolled back",
                           metadata: ["error": "\(error)"])
        } catch {
            var generator = SystemRandomNumberGenerator()
            let decision = configuration.retryPolicy.decision(
                attempt: job.attempt, maxAttempts: job.maxAttempts, error: error, using: &generator)
            record(job, decision: decision, message: String(describing: error), kind: .of(error), logger: logger)
        }
    }

    private func record(_ job: Job, decision: RetryDecision, message: String, kind: JobErrorKind, logger: Logger) {
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
            logger.warning("job attempt failed", metadata: [
                "error": "\(message)", "error.kind": "\(kind)", "job.state": "\(record.state)",
                "job.run_at": "\(record.runAt)",
            ])
        } catch {
            logger.error("could not record the job's failure; its lease will expire",
                         metadata: ["error": "\(error)", "job.error": "\(message)"])
        }
    }

    private func milliseconds(since start: ContinuousClock.Instant) -> Int64 {
        let elapsed = ContinuousClock.now - start
        return elapsed.components.seconds * 1_000 + elapsed.components.attoseconds / 1_000_000_000_000_000
    }
}
