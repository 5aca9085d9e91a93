public import JobQueue
import Logging
import Talent
import TalentStore

/// `assessment` {period_id, employee_ids, run_id?, batch?}: places a batch of employees for a period (DOMAIN.md
/// §2–§7). Reads the batch's inputs set-wise (one query per table), applies the `Talent` rules, and replaces the
/// batch's results in the job's transaction, so the results and the job's completion commit together. Running it
/// twice gives identical rows (only `job_id` and `computed_at` differ).
///
/// With `run_id` and `batch` (the fan-out of a review run sets them) it also counts the batch on its run, once; the
/// batch that completes the run enqueues `succession_planning` in the same transaction. A run's batch assesses the
/// ids that still exist: an employee deleted since the fan-out has left the review (logged by count and internal
/// id), and the batch still counts, so the run finishes. A direct job (no `run_id`) naming an id with no
/// `hr.employee` row is discarded instead: its caller asked for someone who is not there.
public enum AssessmentJob {
    /// The payload.
    public struct Payload: Codable, Sendable, Hashable {
        /// `talent.review_period.id`.
        public var periodID: Int64
        /// Internal employee ids (`hr.employee.id`), at most a few hundred.
        public var employeeIDs: [Int64]
        /// The review run this batch belongs to, if any.
        public var runID: Int64?
        /// The batch's number in its run, 1 … batches_total.
        public var batch: Int?

        public init(periodID: Int64, employeeIDs: [Int64], runID: Int64? = nil, batch: Int? = nil) {
            self.periodID = periodID
            self.employeeIDs = employeeIDs
            self.runID = runID
            self.batch = batch
        }

        enum CodingKeys: String, CodingKey {
            case periodID = "period_id"
            case employeeIDs = "employee_ids"
            case runID = "run_id"
            case batch
        }
    }

    /// Stable name `assessment`.
    public static let kind = JobKind<Payload>("assessment")

    /// The handler.
    /// - Throws: `PermanentJobError` for an unknown period, an employee id with no `hr.employee` row (direct jobs
    ///   only), a stored value the rules cannot read, or a position the rule set has no target level for;
    ///   `PostgresError` (retried).
    @Sendable
    public static func run(_ payload: Payload, _ context: JobContext) throws {
        guard (payload.runID == nil) == (payload.batch == nil) else {
            throw PermanentJobError("run_id and batch go together: give both or neither")
        }
        try Permanent.guarding {
            let connection = context.connection
            let (period, rules) = try ReviewPeriods.find(id: payload.periodID, on: connection)
            let batch = try ReviewInputReader.read(employeeIDs: payload.employeeIDs, on: connection)
            if !batch.missingIDs.isEmpty {
                guard payload.runID != nil else {
                    throw PermanentJobError("employee ids not found in hr.employee: "
                        + batch.missingIDs.map(String.init).joined(separator: ", "))
                }
                // An employee deleted since the fan-out has left the review: the rest of the batch is still
                // assessed and the batch still counts, so the run finishes.
                context.logger.notice("assessment batch skips employees deleted since the fan-out", metadata: [
                    "employees.missing": "\(batch.missingIDs.count)",
                    "employee.ids": "\(batch.missingIDs.map(String.init).joined(separator: ","))",
                ])
            }
            let organisation = try OrganisationReader.load(positionsHeldBy: batch.inputs.map(\.id), on: connection)
            let placements = try TalentEngine.assess(batch: batch.inputs.map(\.input), organisation: organisation,
                                                     context: period.context, rules: rules)
            var stored: [String: StoredEmployeeInput] = [:]
            for employee in batch.inputs { stored[employee.input.employee.nip] = employee }
            let entries = placements.map { placement in
                let employee = stored[placement.nip]!
                return PlacementWriter.Entry(
                    employeeID: employee.id, placement: placement,
                    inputs: StoredInputs(input: employee.input,
                                         position: organisation.positions[employee.input.employee.positionCode]!,
                                         context: period.context))
            }
            try PlacementWriter.replace(periodID: period.id, employeeIDs: batch.inputs.map(\.id), with: entries,
                                        source: context.job.id, on: connection)
            var finishedRun = false
            if let runID = payload.runID, let number = payload.batch {
                finishedRun = try ReviewRuns.recordBatch(runID: runID, batch: number, employees: batch.inputs.count,
                                                         by: context.job.id, on: connection)
                if finishedRun { try SuccessionPlanningJob.enqueue(periodID: period.id, runID: runID, on: connection) }
            }
            context.logger.info("assessment batch written", metadata: [
                "period.year": "\(period.year)", "period.scenario": "\(period.scenario?.rawValue ?? "")",
                "employees": "\(batch.inputs.count)",
                "placements": "\(placements.count)", "run.finished": "\(finishedRun)",
            ])
        }
    }
}
