/// A row of education.csv. Without a graduation date the degree counts; with one after D it is left out.
public struct EducationRecord: Hashable, Codable, Sendable {
    public var level: EducationLevel
    public var institution: String
    public var major: String
    public var graduatedOn: CivilDate?
    /// Whether the field of study fits the target position, as the agency judged it (the optional `field_fit`
    /// column, DOMAIN.md §12.5); nil when not judged (empty or no column).
    public var fieldFit: Bool?

    public init(level: EducationLevel, institution: String = "", major: String = "", graduatedOn: CivilDate?,
                fieldFit: Bool? = nil) {
        self.level = level
        self.institution = institution
        self.major = major
        self.graduatedOn = graduatedOn
        self.fieldFit = fieldFit
    }
}

/// A row of training.csv. Every kind's JP (jam pelajaran) count toward the yearly 20 JP by the year it ended; a kind
/// that names a `LeadershipTraining` also gives a leadership rung (DOMAIN.md §5).
public struct TrainingRecord: Hashable, Codable, Sendable {
    /// The kind as written (`PKP`, `TEKNIS`, `LATSAR`...). DOMAIN.md closes no list of kinds: any non-empty kind is
    /// accepted; only the leadership kinds of §3 give a rung.
    public var kind: String
    public var title: String
    public var endedOn: CivilDate
    /// JP (lesson hours), ≥ 0, two decimals.
    public var hours: Score

    public init(kind: String, title: String = "", endedOn: CivilDate, hours: Score) {
        self.kind = kind
        self.title = title
        self.endedOn = endedOn
        self.hours = hours
    }

    /// The leadership training this row is, if any.
    public var leadership: LeadershipTraining? {
        // Every leadership kind starts with P or D: most kinds (TEKNIS, LATSAR...) skip the string switch.
        guard let first = kind.utf8.first, first == UInt8(ascii: "P") || first == UInt8(ascii: "D") else { return nil }
        return LeadershipTraining(rawValue: kind)
    }
}

/// A row of performance.csv: a year's SKP predicate, or a legacy score (PP 46/2011) 0–100, or both (the predicate wins).
public struct PerformanceRecord: Hashable, Codable, Sendable {
    public var year: Int
    public var predicate: PerformancePredicate?
    /// A legacy score 0–100, kept to hundredths by truncation (so a comparison with a two-decimal band is exact).
    public var score: Score?

    /// - Precondition: a predicate or a score (a row with neither is invalid and never becomes a record).
    public init(year: Int, predicate: PerformancePredicate?, score: Score?) {
        precondition(predicate != nil || score != nil, "a performance record needs a predicate or a score")
        self.year = year
        self.predicate = predicate
        self.score = score
    }
}

/// A row of assessments.csv: all nine competency levels (1–5) and/or a JPM percentage (0–100).
public struct AssessmentRecord: Hashable, Codable, Sendable {
    public var assessedOn: CivilDate
    public var method: AssessmentMethod?
    /// Job Person Match, 0–100, rounded half-up to two places.
    public var jpmPercent: Score?
    /// The nine levels in `Competency.allCases` order, each 1–5; nil when the row carries none.
    public var levels: [Int]?

    /// - Precondition: levels, when present, are nine values; a JPM or levels are present.
    public init(assessedOn: CivilDate, method: AssessmentMethod?, jpmPercent: Score?, levels: [Int]?) {
        precondition(levels == nil || levels!.count == Competency.allCases.count, "an assessment has 9 levels or none")
        precondition(levels != nil || jpmPercent != nil, "an assessment needs levels or a JPM")
        self.assessedOn = assessedOn
        self.method = method
        self.jpmPercent = jpmPercent
        self.levels = levels
    }
}

/// A row of awards.csv.
public struct AwardRecord: Hashable, Codable, Sendable {
    public var level: AwardLevel
    public var name: String
    public var awardedOn: CivilDate

    public init(level: AwardLevel, name: String = "", awardedOn: CivilDate) {
        self.level = level
        self.name = name
        self.awardedOn = awardedOn
    }
}

/// A row of penalties.csv. It runs from `decidedOn` to its end, both included; without `endsOn` the end is
/// `decidedOn` + the level's default duration (PP 94/2021: RINGAN 0 months, SEDANG and BERAT 12 months).
public struct PenaltyRecord: Hashable, Codable, Sendable {
    public var level: PenaltyLevel
    public var decidedOn: CivilDate
    /// On or after `decidedOn`; may lie after D (still running).
    public var endsOn: CivilDate?

    public init(level: PenaltyLevel, decidedOn: CivilDate, endsOn: CivilDate?) {
        self.level = level
        self.decidedOn = decidedOn
        self.endsOn = endsOn
    }
}

/// A row of other_scores.csv: the committee's L score (pertimbangan lainnya) 0–100 for a year.
public struct OtherScoreRecord: Hashable, Codable, Sendable {
    public var year: Int
    /// 0–100, rounded half-up to two places.
    public var score: Score

    public init(year: Int, score: Score) {
        self.year = year
        self.score = score
    }
}
