public import JobQueue
import Logging
import Talent
import TalentStore

/// `succession_planning` {period_id}: targets, candidates, ranking, readiness and flags of every target position of a
/// period (DOMAIN.md §8), from the period's stored placements. Replaces the period's plans in the job's transaction.
///
/// The pool members stream from a cursor into a `SuccessionShortlist`, so the worker's memory does not grow with the
/// pool: it holds the organisation, the structural holders, the best few candidates per level and OPD, and the plans.
///
/// Enqueued by the last assessment batch of a review run; safe to enqueue by hand at any time (it plans from what is
/// stored).
public enum SuccessionPlanningJob {
    /// The payload.
    public struct Payload: Codable, Sendable, Hashable {
        /// `talent.review_period.id`.
        public var periodID: Int64

        public init(periodID: Int64) { self.periodID = periodID }

        enum CodingKeys: String, CodingKey { case periodID = "period_id" }
    }

    /// Stable name `succession_planning`.
    public static let kind = JobKind<Payload>("succession_planning")

    /// The handler.
    /// - Throws: `PermanentJobError` for an unknown period or stored values the rules cannot read; `PostgresError`
    ///   (retried) from the database.
    @Sendable
    public static func run(_ payload: Payload, _ context: JobContext) throws {
        try Permanent.guarding {
            let connection = context.connection
            let (period, rules) = try ReviewPeriods.find(id: payload.periodID, on: connection)
            var shortlist = SuccessionShortlist<Int64>(organisation: try OrganisationReader.load(on: connection),
                                                       rules: rules)
            let members = try SuccessionInputReader.addPoolMembers(periodID: period.id, to: &shortlist,
                                                                   on: connection)
            let plans = shortlist.plans(holders: try SuccessionInputReader.holders(on: connection),
                                        context: period.context)
            try SuccessionPlanStore.replace(periodID: period.id, with: plans, source: context.job.id, on: connection)
            context.logger.info("succession plans written", metadata: [
                "period.year": "\(period.year)", "period.scenario": "\(period.scenario?.rawValue ?? "")",
                "targets": "\(plans.count)", "pool.members": "\(members)",
            ])
        }
    }
}
