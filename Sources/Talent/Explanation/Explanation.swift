/// Why a placement came out as it did, from the rows that counted to the thresholds applied, so an operator can
/// answer "why is this person in box 7" from stored data alone: per axis its score, level, cut-offs, weighting case
/// and the caps or overrides applied; per indicator its score, weight, state, window and the rows it was computed
/// from (composites with their parts); plus the flags, the rows left out, the pool screens and the rule set.
/// Codable (stored as jsonb beside the placement, see `Explanation+Codable.swift`).
public struct Explanation: Hashable, Sendable {
    /// `name@version` of the rule set applied.
    public var ruleSet: String
    /// Y.
    public var year: Int
    /// D.
    public var referenceDate: CivilDate
    /// The current position and the target level derived from it.
    public var position: PositionExplanation
    public var kinerja: AxisExplanation<KinerjaLevel>
    public var potensi: AxisExplanation<PotensiLevel>
    /// The box, nil when not placed.
    public var box: Box?
    public var pool: PoolExplanation
    /// What succession planning reads of the employee's history, counted at D under every rule set.
    public var candidate: CandidateEvidence
    /// Every row of the employee left out of the computation: statically invalid rows and rows invalid at D.
    public var leftOut: [LeftOutRow]
    /// The placement's flags, alphabetical.
    public var flags: [PlacementFlag]
    /// The JSON version the explanation was written in: `Explanation.version` for one the engine made; 1 or 2 for
    /// one stored before the indicator axes, read back without indicators (axis scores, levels and cut-offs only).
    public var formatVersion: Int

    public init(ruleSet: String, year: Int, referenceDate: CivilDate, position: PositionExplanation,
                kinerja: AxisExplanation<KinerjaLevel>, potensi: AxisExplanation<PotensiLevel>, box: Box?,
                pool: PoolExplanation, candidate: CandidateEvidence, leftOut: [LeftOutRow], flags: [PlacementFlag],
                formatVersion: Int = Explanation.version) {
        self.ruleSet = ruleSet
        self.year = year
        self.referenceDate = referenceDate
        self.position = position
        self.kinerja = kinerja
        self.potensi = potensi
        self.box = box
        self.pool = pool
        self.candidate = candidate
        self.leftOut = leftOut
        self.flags = flags
        self.formatVersion = formatVersion
    }

    /// The indicator rows of both axes, KINERJA first, in the rule set's order: indicators.csv's rows of this
    /// placement (empty for an explanation stored before the indicator axes).
    public var indicatorRows: [IndicatorRow] {
        kinerja.indicators.map { IndicatorRow(axis: .kinerja, $0) } + potensi.indicators.map { IndicatorRow(axis: .potensi, $0) }
    }
}

/// The position an employee holds and the target level T it gives (DOMAIN.md §3).
public struct PositionExplanation: Hashable, Codable, Sendable {
    public var code: String
    public var kind: PositionKind
    public var jenjang: Jenjang?
    public var targetLevel: StructuralLevel
}

/// The history facts succession planning reads (DOMAIN.md §8 gaps EDUCATION and PELATIHAN), counted at D.
public struct CandidateEvidence: Hashable, Codable, Sendable {
    /// The highest education counted (graduated on or before D, or undated), nil without one.
    public var highestEducation: EducationLevel?
    /// The best leadership training ended on or before D, nil without one.
    public var bestLeadership: LeadershipTraining?

    public init(highestEducation: EducationLevel?, bestLeadership: LeadershipTraining?) {
        self.highestEducation = highestEducation
        self.bestLeadership = bestLeadership
    }
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

/// How one axis was computed.
public struct AxisExplanation<Level: GridLevel>: Hashable, Sendable {
    /// The axis score, rounded half-up to 2 places; nil when not placed (KINERJA without its required indicator).
    public var score: Score?
    /// The level after caps and overrides; nil when not placed.
    public var level: Level?
    /// The level the score alone gives.
    public var levelFromScore: Level?
    /// The cut-offs: the lowest score of the high and of the middle level.
    public var highMinimum: Score
    public var middleMinimum: Score
    /// The re-weighting case applied; nil when every indicator carries its own weight.
    public var weightCase: String?
    /// The caps and overrides that changed the level, in the rule set's order.
    public var adjustments: [LevelAdjustment<Level>]
    /// The indicators in the rule set's order.
    public var indicators: [IndicatorExplanation]

    public init(score: Score?, level: Level?, levelFromScore: Level?, highMinimum: Score, middleMinimum: Score,
                weightCase: String?, adjustments: [LevelAdjustment<Level>], indicators: [IndicatorExplanation]) {
        self.score = score
        self.level = level
        self.levelFromScore = levelFromScore
        self.highMinimum = highMinimum
        self.middleMinimum = middleMinimum
        self.weightCase = weightCase
        self.adjustments = adjustments
        self.indicators = indicators
    }
}

/// A cap or an override that set an axis's level.
public struct LevelAdjustment<Level: GridLevel>: Hashable, Sendable {
    public enum Kind: String, Codable, Sendable {
        /// Without a value for the indicator, at most `level`.
        case cap = "CAP"
        /// The indicator's SKP predicate sets `level`.
        case override = "OVERRIDE"
    }

    public var kind: Kind
    public var indicator: String
    public var level: Level

    public init(kind: Kind, indicator: String, level: Level) {
        self.kind = kind
        self.indicator = indicator
        self.level = level
    }
}

/// How one indicator (or one part of a composite) was scored for one employee.
public struct IndicatorExplanation: Hashable, Sendable {
    /// The name as indicators.csv prints it.
    public var indicator: String
    /// The score, rounded half-up to 2 places; nil when the indicator has no value (the default's missing A, L or
    /// second SKP year, or an unplaced employee's SKP).
    public var score: Score?
    /// The share of the axis (or composite) this score carries for this employee, in percent.
    public var weight: Weight
    /// PRESENT, MISSING or NO_RECORD.
    public var state: IndicatorState
    /// The best score the indicator can reach, as the rule set declares it.
    public var best: Score
    /// The missing-data flag the indicator raised, if any.
    public var flag: PlacementFlag?
    /// The dates or years whose rows counted; nil for a composite (its parts have theirs).
    public var window: IndicatorWindow?
    /// The rows the score was computed from (the row that counted, or every row counted).
    public var evidence: EvidenceList
    /// A composite's parts, each with its weight in percent of the composite.
    public var parts: [IndicatorExplanation]

    public init(indicator: String, score: Score?, weight: Weight, state: IndicatorState, best: Score,
                flag: PlacementFlag?, window: IndicatorWindow?, evidence: EvidenceList, parts: [IndicatorExplanation]) {
        self.indicator = indicator
        self.score = score
        self.weight = weight
        self.state = state
        self.best = best
        self.flag = flag
        self.window = window
        self.evidence = evidence
        self.parts = parts
    }

    /// score × weight / 100, exact (indicators.csv's `weighted`); nil without a score.
    public var weighted: WeightedScore? { score.map { WeightedScore(score: $0, weight: weight) } }
}

/// One row of indicators.csv (DOMAIN.md §11) with the state, best score and points at stake issue 16's completeness
/// reads (`talent.indicator_result`'s row).
public struct IndicatorRow: Hashable, Sendable {
    public var axis: AxisName
    public var indicator: String
    /// Empty (nil) when the employee has no value for it.
    public var score: Score?
    /// Percent of the axis.
    public var weight: Weight
    public var state: IndicatorState
    public var best: Score
    /// 0 when PRESENT; otherwise the weighted points the indicator's missing data would add at their best
    /// (`Placement.pointsAtStake`); nil when not known (a placement stored before migration 0020).
    public var pointsAtStake: WeightedScore?

    public init(axis: AxisName, _ explanation: IndicatorExplanation) {
        self.axis = axis
        self.indicator = explanation.indicator
        self.score = explanation.score
        self.weight = explanation.weight
        self.state = explanation.state
        self.best = explanation.best
        self.pointsAtStake = nil
    }

    /// score × weight / 100, exact; nil without a score.
    public var weighted: WeightedScore? { score.map { WeightedScore(score: $0, weight: weight) } }
}

/// The dates or years an indicator's rows were read in.
public enum IndicatorWindow: Hashable, Sendable {
    /// Years `first` … `last` (SKP: Y − 4 … Y − 1).
    case years(first: Int, last: Int)
    /// Dates in (after, through]; `after` nil for any date on or before `through`.
    case dates(after: CivilDate?, through: CivilDate)
    /// A fact as it stands on a day (golongan, full years at the level).
    case asOf(CivilDate)
}

/// A row an indicator was computed from, with what the indicator read of it.
public enum Evidence: Hashable, Sendable {
    /// The SKP year that counted: its predicate (the lowest of the year's rows; a legacy score read through the
    /// bands, `legacyScore` set), and how many valid rows the year has.
    case performance(year: Int, predicate: PerformancePredicate, legacyScore: Score?, rowsForYear: Int)
    /// The competency assessment that counted; `standard` is R when the score came from the nine levels.
    case assessment(on: CivilDate, method: AssessmentMethod?, jpm: Score?, levels: [Int]?, standard: Int?, rowsOnDay: Int)
    /// The potential assessment that counted (8 levels).
    case potentialAssessment(on: CivilDate, method: String, levels: [Int], rowsOnDay: Int)
    /// L: the lowest committee score of year Y.
    case otherScore(year: Int, score: Score, rowsForYear: Int)
    /// The best award in the window.
    case award(on: CivilDate, level: AwardLevel)
    /// The best team decree in the window.
    case teamDecree(on: CivilDate, role: TeamRole, scope: TeamScope)
    /// The 360° feedback year that counted: its lowest row's predicate or score.
    case feedback(year: Int, predicate: PerformancePredicate?, score: Score?, rowsForYear: Int)
    /// A training row counted.
    case training(on: CivilDate, kind: String)
    /// JP of the training that ended in a checked year.
    case trainingYear(year: Int, hours: Score, meetsMinimum: Bool)
    /// Full years at the current level since `since`.
    case tenure(since: CivilDate, fullYears: Int)
    /// An earlier post.
    case post(on: CivilDate, unit: String, agency: String)
    /// The distinct units of the earlier posts and the current position, and whether a post was at another agency.
    case units(count: Int, otherAgency: Bool)
    /// The best acting assignment.
    case acting(on: CivilDate, ended: CivilDate?, kind: ActingKind, level: ActingLevel?)
    /// The highest education row.
    case education(level: EducationLevel, graduatedOn: CivilDate?, fieldFit: Bool?)
    /// The golongan held against the target level's minimum.
    case golongan(held: Golongan, minimum: Golongan, stepsShort: Int)
    /// The best leadership training against the target level's.
    case leadership(best: LeadershipTraining, required: LeadershipTraining, rungsShort: Int)
    /// The penalty that counted (the worst in the window, or one running at D), with its last day.
    case penalty(level: PenaltyLevel, decidedOn: CivilDate, lastDay: CivilDate, runningAtD: Bool)
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
public struct BlockerExplanation: Hashable, Sendable {
    public var blocker: PoolBlocker
    public var detail: String
}
