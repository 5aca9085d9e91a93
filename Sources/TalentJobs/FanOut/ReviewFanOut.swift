import JobQueue
import Logging
import Postgres
import TalentStore

/// Starts a review run over a scope: cuts it into assessment batches (at most 500 employees, one OPD each) and
/// enqueues them all in the caller's transaction, one statement per chunk of batches read from the population's cursor
/// (`ReviewPopulation.chunkSize`), so memory does not grow with the scope; a scope with nobody goes straight to
/// succession planning. The last batch to finish enqueues succession planning (see `AssessmentJob`).
enum ReviewFanOut {
    /// Employees per assessment batch at most.
    static let maxBatchSize = 500

    /// - Returns: the run's id and the number of batches enqueued.
    @discardableResult
    static func start(period: ReviewPeriod, kind: ReviewRuns.Kind, scope: ReviewPopulation.Scope,
                      context: JobContext) throws -> (runID: Int64, batches: Int) {
        let connection = context.connection
        var runID: Int64 = 0
        var enqueued = 0
        var employees = 0
        try ReviewPopulation.batches(scope, maxBatchSize: maxBatchSize, on: connection, total: { total in
            runID = try ReviewRuns.start(periodID: period.id, kind: kind, batches: total, startedBy: context.job.id,
                                         on: connection)
            if total == 0 { try SuccessionPlanningJob.enqueue(periodID: period.id, runID: runID, on: connection) }
        }, batches: { batches in
            let requests = try batches.enumerated().map { offset, ids in
                let number = enqueued + offset + 1
                return try JobRequest(
                    AssessmentJob.kind,
                    AssessmentJob.Payload(periodID: period.id, employeeIDs: ids, runID: runID, batch: number),
                    options: EnqueueOptions(jobKey: "assessment:run:\(runID):batch:\(number)"))
            }
            try Enqueuer.enqueueMany(requests, on: connection)
            enqueued += batches.count
            employees += batches.reduce(0) { $0 + $1.count }
        })
        context.logger.info("review run started", metadata: [
            "run.id": "\(runID)", "run.kind": "\(kind.rawValue)", "period.year": "\(period.year)",
            "period.scenario": "\(period.scenario?.rawValue ?? "")",
            "batches": "\(enqueued)", "employees": "\(employees)",
        ])
        return (runID, enqueued)
    }
}

extension SuccessionPlanningJob {
    /// Enqueues the planning that follows run `runID` (job key `succession_planning:run:<id>`, so it is enqueued once).
    static func enqueue(periodID: Int64, runID: Int64, on connection: Connection) throws {
        try Enqueuer.enqueue(kind, Payload(periodID: periodID),
                             options: EnqueueOptions(jobKey: "succession_planning:run:\(runID)"), on: connection)
    }
}
