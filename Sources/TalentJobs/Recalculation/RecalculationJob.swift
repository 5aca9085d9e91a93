public import JobQueue
import TalentStore

/// `recalculation` {year, scope, scenario?}: re-assesses one employee (`{"nip": "…"}`), one OPD (`{"opd": "…"}`) or
/// everyone (`"everyone"`) for the existing official period of a year, or for its scenario `scenario`, fanning out like
/// `annual_review`; the last batch then refreshes the period's succession plans. Use it after correcting HR data (HR
/// changes recalculate the official period by themselves; a scenario only when asked).
public enum RecalculationJob {
    /// Who is re-assessed.
    public enum Scope: Codable, Sendable, Hashable {
        case everyone
        case nip(String)
        case opd(String)

        enum CodingKeys: String, CodingKey { case nip, opd }

        /// Reads `"everyone"`, `{"nip": "…"}` or `{"opd": "…"}`.
        public init(from decoder: any Decoder) throws {
            if let single = try? decoder.singleValueContainer(), let word = try? single.decode(String.self) {
                guard word == "everyone" else {
                    throw DecodingError.dataCorruptedError(
                        in: single, debugDescription: "scope must be \"everyone\", {\"nip\": …} or {\"opd\": …}")
                }
                self = .everyone
                return
            }
            let container = try decoder.container(keyedBy: CodingKeys.self)
            switch (try container.decodeIfPresent(String.self, forKey: .nip),
                    try container.decodeIfPresent(String.self, forKey: .opd)) {
            case (let nip?, nil): self = .nip(nip)
            case (nil, let opd?): self = .opd(opd)
            default:
                throw DecodingError.dataCorrupted(DecodingError.Context(
                    codingPath: decoder.codingPath,
                    debugDescription: "scope must hold exactly one of nip and opd, or be \"everyone\""))
            }
        }

        public func encode(to encoder: any Encoder) throws {
            switch self {
            case .everyone:
                var single = encoder.singleValueContainer()
                try single.encode("everyone")
            case .nip(let nip):
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(nip, forKey: .nip)
            case .opd(let opd):
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(opd, forKey: .opd)
            }
        }

        var population: ReviewPopulation.Scope {
            switch self {
            case .everyone: .everyone
            case .nip(let nip): .nip(nip)
            case .opd(let opd): .opd(opd)
            }
        }
    }

    /// The payload.
    public struct Payload: Codable, Sendable, Hashable {
        /// Y of an existing review period.
        public var year: Int
        public var scope: Scope
        /// The name of an existing scenario of the year (see `ScenarioName`); nil for the official period.
        public var scenario: String?

        public init(year: Int, scope: Scope, scenario: String? = nil) {
            self.year = year
            self.scope = scope
            self.scenario = scenario
        }
    }

    /// Stable name `recalculation`.
    public static let kind = JobKind<Payload>("recalculation")

    /// The handler.
    /// - Throws: `PermanentJobError` when the year has no such period (official, or the scenario named), the scenario
    ///   name is malformed, or the scope names no employee or OPD; `PostgresError` (retried).
    @Sendable
    public static func run(_ payload: Payload, _ context: JobContext) throws {
        try Permanent.guarding {
            let scenario = try payload.scenario.map(ScenarioName.init)
            let (period, _) = try ReviewPeriods.find(year: payload.year, scenario: scenario, on: context.connection)
            try ReviewFanOut.start(period: period, kind: .recalculation, scope: payload.scope.population,
                                       context: context)
        }
    }
}
