/// Why a placement came out as it did, from the inputs that counted to the thresholds applied, so an operator can
/// answer "why is this person in box 7" from stored data alone. Codable (stored as jsonb beside the placement).
public struct Explanation: Hashable, Codable, Sendable {
    /// `name@version` of the rule set applied.
    public var ruleSet: String
    /// Y.
    public var year: Int
    /// D.
    public var referenceDate: CivilDate
    /// The current position and the target level derived from it.
    public var position: PositionExplanation
    public var kinerja: KinerjaExplanation
    public var potensi: PotensiExplanation
    /// The box, nil when not placed.
    public var box: Box?
    public var pool: PoolExplanation
    /// Every row of the employee left out of the computation: statically invalid rows and rows invalid at D.
    public var leftOut: [LeftOutRow]
    /// The placement's flags, alphabetical.
    public var flags: [PlacementFlag]
}

/// The position an employee holds and the target level T it gives (DOMAIN.md §3).
public struct PositionExplanation: Hashable, Codable, Sendable {
    public var code: String
    public var kind: PositionKind
    public var jenjang: Jenjang?
    public var targetLevel: StructuralLevel
}

/// A row left out of the computation, and why.
public struct LeftOutRow: Hashable, Codable, Sendable {
    public var kind: RecordKind
    /// The input line when known (statically invalid rows), nil for rows left out at assessment time.
    public var line: Int?
    public var detail: String

    public init(kind: RecordKind, line: Int? = nil, detail: String) {
        self.kind = kind
        self.line = line
        self.detail = detail
    }
}

/// How kinerja was computed (DOMAIN.md §4).
public struct KinerjaExplanation: Hashable, Codable, Sendable {
    /// The window Y − lookBackYears … Y − 1.
    public var windowFirstYear: Int
    public var windowLastYear: Int
    /// Latest first; one entry when partial, none when not placed.
    public var yearsUsed: [KinerjaYear]
    public var partial: Bool
    public var score: Score?
    public var atasMinimum: Score
    public var sesuaiMinimum: Score
    /// Whether the latest predicate forced BAWAH.
    public var latestOverride: Bool
    public var level: KinerjaLevel?
}

/// One performance year that counted.
public struct KinerjaYear: Hashable, Codable, Sendable {
    public var year: Int
    /// The predicate that counted (the lowest when the year has several rows; a legacy score read as its predicate).
    public var predicate: PerformancePredicate
    public var points: Score
    public var weight: Weight
    /// Rows found for the year (more than 1 means DUPLICATE_YEAR).
    public var rowsForYear: Int
}

/// The weight case applied to potensi (DOMAIN.md §5).
public enum PotensiWeightCase: String, Hashable, Codable, Sendable {
    case assessmentAndOther = "A_RJ_L"
    case assessmentOnly = "A_RJ"
    case otherOnly = "RJ_L"
    case neither = "RJ"
}

/// How potensi was computed (DOMAIN.md §5).
public struct PotensiExplanation: Hashable, Codable, Sendable {
    /// An assessment counts when dated after this day (D − window years) and on or before D.
    public var assessmentWindowAfter: CivilDate
    /// The assessment chosen, nil without a valid one (TANPA_ASESMEN).
    public var assessment: AssessmentExplanation?
    public var rekamJejak: RekamJejakExplanation
    /// The L score used, nil without one.
    public var other: OtherScoreExplanation?
    public var weightCase: PotensiWeightCase
    public var weights: PotensiWeights
    public var score: Score
    public var tinggiMinimum: Score
    public var menengahMinimum: Score
    /// The level the score alone gives.
    public var levelFromScore: PotensiLevel
    /// Whether the missing assessment lowered the level to the cap.
    public var cappedWithoutAssessment: Bool
    public var level: PotensiLevel
}

/// Where A came from.
public enum AssessmentSource: String, Hashable, Codable, Sendable {
    /// 100 × Σ min(level, R) / (9 × R).
    case competencyLevels = "LEVELS"
    /// The row's JPM percentage.
    case jpm = "JPM"
}

/// The assessment chosen and its A.
public struct AssessmentExplanation: Hashable, Codable, Sendable {
    public var assessedOn: CivilDate
    public var method: AssessmentMethod?
    public var source: AssessmentSource
    /// The nine levels when A came from them.
    public var levels: [Int]?
    /// R of the target level when A came from levels.
    public var competencyStandard: Int?
    /// Σ min(level, R) when A came from levels.
    public var countedSum: Int?
    public var jpmPercent: Score?
    /// A, rounded half-up to 2 places.
    public var score: Score
    /// Valid assessments on the chosen day (the highest A counts).
    public var rowsOnDay: Int
}

/// The L score used.
public struct OtherScoreExplanation: Hashable, Codable, Sendable {
    public var year: Int
    /// The lowest of the year's rows.
    public var score: Score
    public var rowsForYear: Int
}

/// A rekam jejak indicator (DOMAIN.md §5 table).
public enum RekamJejakIndicatorKind: String, Hashable, Codable, Sendable {
    case education = "EDUCATION"
    case golongan = "GOLONGAN"
    case yearsAtLevel = "YEARS_AT_LEVEL"
    case leadership = "LEADERSHIP"
    case training = "TRAINING"
    case award = "AWARD"
    case penalty = "PENALTY"
}

/// One indicator's input, points and weight.
public struct RekamJejakIndicator: Hashable, Codable, Sendable {
    public var indicator: RekamJejakIndicatorKind
    /// The employee's value: education level, golongan, full years at the level, leadership training kind, number
    /// of checked years reaching the JP minimum, award level, penalty level or `BERAT_RUNNING`, or `none`. What it is
    /// compared with is in the rule set; `RekamJejakExplanation` holds the same values typed.
    public var input: String
    public var points: Score
    public var weight: Weight
}

/// How RJ was computed, with the typed inputs succession planning reuses.
public struct RekamJejakExplanation: Hashable, Codable, Sendable {
    /// The highest education counted (graduated on or before D, or undated), nil without one.
    public var highestEducation: EducationLevel?
    /// The best leadership training ended on or before D, nil without one.
    public var bestLeadership: LeadershipTraining?
    /// full_years(position_since, D).
    public var yearsAtLevel: Int
    /// JP per checked year (Y − 1 first).
    public var trainingHours: [TrainingYear]
    public var bestAward: AwardLevel?
    public var worstPenalty: PenaltyLevel?
    public var beratRunningAtReferenceDate: Bool
    public var indicators: [RekamJejakIndicator]
    /// RJ, rounded half-up to 2 places.
    public var score: Score
}

/// JP of training that ended in one year.
public struct TrainingYear: Hashable, Codable, Sendable {
    public var year: Int
    public var hours: Score
    public var meetsMinimum: Bool
}

/// Pool membership and the failing codes with what made them fail (DOMAIN.md §7).
public struct PoolExplanation: Hashable, Codable, Sendable {
    public var member: Bool
    public var krsNasional: Bool
    public var blockers: [BlockerExplanation]
    /// The BUP birthday: birth date + the retirement age of T.
    public var retirementDate: CivilDate
    /// full_years(D, retirementDate), compared with the level's minimum.
    public var yearsToRetirement: Int
}

/// A failing pool code and its reason in plain words.
public struct BlockerExplanation: Hashable, Codable, Sendable {
    public var blocker: PoolBlocker
    public var detail: String
}
