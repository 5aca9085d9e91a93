public import Postgres
public import Talent

/// A stored review read back as the rules' `ReviewResult`, for the §11 result files.
public enum ReviewResultReader {
    /// The placements and succession plans of year Y's official period (or of its scenario `scenario`) and the
    /// rejections of the latest import.
    /// - Throws: `StoreError` (`.notFound`) when the year has no such period; `.invalidStoredValue` for stored rows
    ///   that do not form the rules' values; `PostgresError`.
    public static func read(year: Int, scenario: ScenarioName? = nil, on connection: Connection) throws -> ReviewResult {
        try read(periodID: ReviewPeriods.find(year: year, scenario: scenario, on: connection).period.id, on: connection)
    }

    /// The placements and succession plans of the review period `periodID` (`talent.review_period.id`) and the
    /// rejections of the latest import.
    /// - Throws: `StoreError` (`.invalidStoredValue`) for stored rows that do not form the rules' values;
    ///   `PostgresError`.
    public static func read(periodID: Int64, on connection: Connection) throws -> ReviewResult {
        ReviewResult(
            placements: try PlacementReader.placements(periodID: periodID, on: connection),
            plans: try SuccessionPlanStore.plans(periodID: periodID, on: connection),
            rejections: try RejectionReader.latest(on: connection))
    }
}
