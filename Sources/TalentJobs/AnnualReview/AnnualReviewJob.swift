public import JobQueue
public import Talent
import TalentStore

/// `annual_review` {year, reference_date, rule_set?, scenario?}: the year's talent review. Creates the year's period or
/// reuses it (setting its reference date and rule set), starts a review run, and fans out one `assessment` job per
/// batch of at most 500 employees of one OPD, all enqueued in this job's transaction. The last batch to finish
/// enqueues `succession_planning`.
///
/// With `scenario` it runs a what-if: the same path writes to the scenario's own period of that year (created or
/// reused by name), which no official view, override, history or event-driven recalculation ever reads, so the
/// official results stay exactly as they were (see sql/0022).
public enum AnnualReviewJob {
    /// The payload.
    public struct Payload: Codable, Sendable, Hashable {
        /// Y.
        public var year: Int
        /// D, `YYYY-MM-DD`, in year Y.
        public var referenceDate: CivilDate
        /// `name@version` of a registered rule set; nil for `permenpanrb-3-2020/default@1`.
        public var ruleSet: String?
        /// The scenario's name (see `ScenarioName`); nil for the official review.
        public var scenario: String?

        public init(year: Int, referenceDate: CivilDate, ruleSet: String? = nil, scenario: String? = nil) {
            self.year = year
            self.referenceDate = referenceDate
            self.ruleSet = ruleSet
            self.scenario = scenario
        }

        enum CodingKeys: String, CodingKey {
            case year
            case referenceDate = "reference_date"
            case ruleSet = "rule_set"
            case scenario
        }
    }

    /// Stable name `annual_review`.
    public static let kind = JobKind<Payload>("annual_review")

    /// The handler.
    /// - Throws: `PermanentJobError` when the reference date is not in the year, the rule set is unknown or the
    ///   scenario name is malformed; `PostgresError` (retried).
    @Sendable
    public static func run(_ payload: Payload, _ context: JobContext) throws {
        guard payload.referenceDate.year == payload.year else {
            throw PermanentJobError(
                "reference_date \(payload.referenceDate) is not in year \(payload.year): D must lie in the review year")
        }
        try Permanent.guarding {
            let scenario = try payload.scenario.map(ScenarioName.init)
            let (period, _) = try ReviewPeriods.open(referenceDate: payload.referenceDate, ruleSetID: payload.ruleSet,
                                                     scenario: scenario, on: context.connection)
            try ReviewFanOut.start(period: period, kind: .annualReview, scope: .everyone, context: context)
        }
    }
}
