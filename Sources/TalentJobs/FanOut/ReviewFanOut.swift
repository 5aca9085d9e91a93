import JobQueue
import Logging
import Postgres
import TalentStore

/// Starts a review run over a scope: cuts it into assessment batches (at most 500 employees, one OPD each) and
/// enqueues them all in the caller's transaction (one statement per 100 batches); a scope with nobody goes straight to
/// succession planning. The last batch to finish enqueues succession planning (see `AssessmentJob`).
enum ReviewFanOut {
    /// Employees per assessment batch at most.
    static let maxBatchSize = 500
    /// Assessment jobs enqueued per statement.
    static let enqueueChunk = 100

    /// - Returns: the run's id and the number of batches enqueued.
    @discardableResult
    static func start(period: ReviewPeriod, kind: ReviewRuns.Kind, scope: ReviewPopulation.Scope,
                      context: JobContext) throws -> (runID: Int64, batches: Int) {
        let connection = context.connection
        let batches = try ReviewPopulation.batches(scope, maxBatchSize: maxBatchSize, on: connection)
        let runID = try ReviewRuns.start(periodID: period.id, kind: kind, batches: batches.count,
                                         startedBy: context.job.id, on: connection)
        if batches.isEmpty {
            try SuccessionPlanningJob.enqueue(periodID: period.id, runID: runID, on: connection)
        } else {
            // In statements of `enqueueChunk` batches, so the requests of a large city are never all encoded at once.
            for start in stride(from: 0, to: batches.count, by: enqueueChunk) {
                let requests = try (start..<min(start + enqueueChunk, batches.count)).map { index in
                    try JobRequest(
                        AssessmentJob.kind,
                        AssessmentJob.Payload(periodID: period.id, employeeIDs: batches[index], runID: runID,
                                              batch: index + 1),
                        options: EnqueueOptions(jobKey: "assessment:run:\(runID):batch:\(index + 1)"))
                }
                try Enqueuer.enqueueMany(requests, on: connection)
            }
        }
        context.logger.info("review run started", metadata: [
            "run.id": "\(runID)", "run.kind": "\(kind.rawValue)", "period.year": "\(period.year)",
            "batches": "\(batches.count)", "employees": "\(batches.reduce(0) { $0 + $1.count })",
        ])
        return (runID, batches.count)
    }
}

extension SuccessionPlanningJob {
    /// Enqueues the planning that follows run `runID` (job key `succession_planning:run:<id>`, so it is enqueued once).
    static func enqueue(periodID: Int64, runID: Int64, on connection: Connection) throws {
        try Enqueuer.enqueue(kind, Payload(periodID: periodID),
                             options: EnqueueOptions(jobKey: "succession_planning:run:\(runID)"), on: connection)
    }
}
