import Logging
import Postgres

/// The built-in `prune` kind: deletes finished jobs past their retention through `queue.prune`, so retention runs
/// itself. sql/0018 installs the enabled schedule `retention`, which enqueues it every hour with
/// `{"completed_after_days": 7, "discarded_after_days": 30}`; change the days in the schedule's payload.
///
/// One run deletes at most ``batchesPerRun`` batches of ``batchSize`` jobs inside the job's transaction; when the
/// last batch was full, it enqueues a follow-up `prune` job with the same payload (job key `prune:after:<its id>`)
/// in that same transaction, so a large backlog is worked off in short transactions, one job after another.
public enum PruneJob {
    /// The payload. Each field is a number of days (fractions allowed), 0 to 36,500; a missing field takes its
    /// default. `[default]`: completed and cancelled jobs are kept 7 days, discarded ones 30 (their errors are what
    /// an operator investigates).
    public struct Payload: Codable, Sendable, Hashable {
        /// Days a completed or cancelled job is kept after it finished. Default 7.
        public var completedAfterDays: Double?
        /// Days a discarded job is kept after it finished. Default 30.
        public var discardedAfterDays: Double?

        public init(completedAfterDays: Double? = nil, discardedAfterDays: Double? = nil) {
            self.completedAfterDays = completedAfterDays
            self.discardedAfterDays = discardedAfterDays
        }

        enum CodingKeys: String, CodingKey {
            case completedAfterDays = "completed_after_days"
            case discardedAfterDays = "discarded_after_days"
        }
    }

    /// The kind, stable name `"prune"`.
    public static let kind = JobKind<Payload>("prune")
    /// Jobs deleted per `queue.prune` call.
    public static let batchSize = 1_000
    /// `queue.prune` calls per run before a follow-up job takes over.
    public static let batchesPerRun = 20

    /// Registers the `prune` handler.
    public static func register(into registry: inout JobRegistry) {
        registry.register(kind, handler: run)
    }

    /// Deletes up to ``batchesPerRun`` batches; enqueues a follow-up when more may remain.
    /// - Throws: ``PermanentJobError`` for a number of days outside 0...36,500 (the job is discarded: fix the
    ///   schedule's payload); `PostgresError` from the database.
    static func run(_ payload: Payload, _ context: JobContext) throws {
        let completed = payload.completedAfterDays ?? 7
        let discarded = payload.discardedAfterDays ?? 30
        for (field, days) in [("completed_after_days", completed), ("discarded_after_days", discarded)]
        where !(days.isFinite && (0...36_500).contains(days)) {
            throw PermanentJobError("prune: \(field) must be a number of days from 0 to 36500, got \(days)")
        }
        var deleted = 0
        for _ in 0..<batchesPerRun {
            let row = try context.connection.execute(
                """
                SELECT queue.prune($1::float8 * interval '1 day', $2::float8 * interval '1 day', $3::integer) AS deleted
                """, [completed, discarded, batchSize], name: "queue.prune_job").rows.first
            let batch = try row?.decode("deleted", as: Int.self) ?? 0
            deleted += batch
            guard batch == batchSize else {
                context.logger.info("pruned finished jobs", metadata: ["jobs.deleted": "\(deleted)"])
                return
            }
        }
        let next = try Enqueuer.enqueue(
            kind, payload,
            options: EnqueueOptions(
                queue: context.job.queue, priority: context.job.priority, jobKey: "prune:after:\(context.job.id)"),
            on: context.connection)
        context.logger.info("pruned finished jobs; more remain: a follow-up prune job continues", metadata: [
            "jobs.deleted": "\(deleted)", "follow_up.job_id": "\(next)",
        ])
    }
}
