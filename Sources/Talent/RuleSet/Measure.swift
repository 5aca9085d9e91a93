/// A computation the domain knows, with its parameters as data: the same measure serves every rule set whose rule
/// is the same with other numbers. Each measure reads the employee's rows that are valid at D (rows dated after D
/// are left out and flagged before any measure runs) and gives a score, or nothing (then the indicator's `WhenNone`
/// applies).
///
/// JSON: an object with one key, the measure's kind, whose value holds the parameters:
/// `{"AWARD": {"points": {"INTERNASIONAL": 100, …}, "windowYears": 5}}`. Windows count back from D (dates, in
/// whole years: (D − n years, D]) or from Y (years: Y − n … Y − 1).
public enum Measure: Hashable, Sendable {
    /// The SKP predicate of the `rank`-th most recent year with a valid row in Y − windowYears … Y − 1 (DOMAIN.md §4,
    /// §12.4). Several rows for one year: the lowest predicate; any repeated year in the window raises DUPLICATE_YEAR.
    case skpYear(SKPYear)
    /// A competency assessment (assessments.csv): of the rows with the latest date in (D − windowYears, D], the
    /// highest score; nine levels give 100 × Σ wᵢ min(levelᵢ, R) / (Σ wᵢ × R) with R the target level's competency
    /// standard, otherwise the row's JPM (§5, §12.5).
    case competencyAssessment(CompetencyAssessment)
    /// A potential assessment (potential_assessments.csv): of the rows with the latest date in the window, the
    /// highest 100 × Σ wⱼ levelⱼ / (topLevel × Σ wⱼ) (§12.5).
    case potentialAssessment(PotentialAssessment)
    /// L, the committee's score for year Y (other_scores.csv); several rows: the lowest, flag DUPLICATE_OTHER_SCORE
    /// (§5).
    case committeeScore(CommitteeScore)
    /// The best award with awarded_on in the window (§5, §12.4).
    case award(Award)
    /// The best team decree with decided_on in the window (§12.4).
    case teamDecree(TeamDecree)
    /// 360° feedback of the latest valid year in Y − windowYears … Y − 1: a predicate's points, else the score;
    /// several rows for a year: the lowest value, flag DUPLICATE_FEEDBACK_YEAR (§12.4).
    case feedback360(Feedback360)
    /// The number of training rows of the selected kinds and windows, read through count bands (§12.5).
    case trainingCount(TrainingCount)
    /// How many of the years Y − 1 … Y − yearsChecked reach the JP minimum (§5).
    case yearlyTraining(YearlyTraining)
    /// full_years(position_since, D) read through year bands (§5 years at level, §12.5 tenure).
    case tenure(Tenure)
    /// Variety of posts: another agency, several units, or one (§12.5).
    case postVariety(PostVariety)
    /// The best acting assignment, whenever it ended (§12.5).
    case acting(Acting)
    /// The highest education level counted at D (§5, §12.5).
    case educationLevel(EducationPoints)
    /// The field_fit of the highest education row (§12.5).
    case fieldFit(FieldFit)
    /// The golongan against the target level's minimum, by steps short (§5).
    case golonganVsTarget(GolonganVsTarget)
    /// The best leadership training ended by D against the target level's, by rungs short (§5).
    case leadershipVsTarget(LeadershipVsTarget)
    /// The worst penalty in the window, with a running rule (§5, §12.5).
    case discipline(Discipline)
    /// A weighted sum of parts, each an indicator of its own (§5 RJ, §12.5 PENGEMBANGAN_KOMPETENSI and
    /// PENGALAMAN_JABATAN).
    case composite(Composite)

    /// The measure's kind as the JSON writes it.
    public var kind: Kind {
        switch self {
        case .skpYear: return .skpYear
        case .competencyAssessment: return .competencyAssessment
        case .potentialAssessment: return .potentialAssessment
        case .committeeScore: return .committeeScore
        case .award: return .award
        case .teamDecree: return .teamDecree
        case .feedback360: return .feedback360
        case .trainingCount: return .trainingCount
        case .yearlyTraining: return .yearlyTraining
        case .tenure: return .tenure
        case .postVariety: return .postVariety
        case .acting: return .acting
        case .educationLevel: return .educationLevel
        case .fieldFit: return .fieldFit
        case .golonganVsTarget: return .golonganVsTarget
        case .leadershipVsTarget: return .leadershipVsTarget
        case .discipline: return .discipline
        case .composite: return .composite
        }
    }

    /// The kinds of measure, by their JSON key.
    public enum Kind: String, CaseIterable, Codable, Sendable, CodingKey {
        case skpYear = "SKP_YEAR"
        case competencyAssessment = "COMPETENCY_ASSESSMENT"
        case potentialAssessment = "POTENTIAL_ASSESSMENT"
        case committeeScore = "COMMITTEE_SCORE"
        case award = "AWARD"
        case teamDecree = "TEAM_DECREE"
        case feedback360 = "FEEDBACK_360"
        case trainingCount = "TRAINING_COUNT"
        case yearlyTraining = "YEARLY_TRAINING"
        case tenure = "TENURE"
        case postVariety = "POST_VARIETY"
        case acting = "ACTING"
        case educationLevel = "EDUCATION_LEVEL"
        case fieldFit = "FIELD_FIT"
        case golonganVsTarget = "GOLONGAN_VS_TARGET"
        case leadershipVsTarget = "LEADERSHIP_VS_TARGET"
        case discipline = "DISCIPLINE"
        case composite = "COMPOSITE"

        /// Whether the measure can find nothing (and its indicator then needs a `WhenNone`).
        public var canFindNothing: Bool {
            switch self {
            case .yearlyTraining, .tenure, .postVariety, .golonganVsTarget, .composite: return false
            default: return true
            }
        }
    }
}

extension Measure {
    public struct SKPYear: Hashable, Codable, Sendable {
        /// 1 for the latest year with a valid row, 2 for the one before it…
        public var rank: Int
        /// The window is Y − windowYears … Y − 1 [practice: 4].
        public var windowYears: Int
        /// Points per predicate [practice; 411, reconstructed].
        public var points: [PerformancePredicate: Score]
        /// Legacy score bands (PP 46/2011), highest minimum first; a score below every band reads as the last band's
        /// predicate.
        public var legacyBands: [LegacyBand]

        public init(rank: Int, windowYears: Int, points: [PerformancePredicate: Score], legacyBands: [LegacyBand]) {
            self.rank = rank
            self.windowYears = windowYears
            self.points = points
            self.legacyBands = legacyBands
        }
    }

    public struct CompetencyAssessment: Hashable, Codable, Sendable {
        /// Assessments dated in (D − windowYears, D] count [practice: 3].
        public var windowYears: Int
        /// Weight per competency; nil for the plain mean (every competency 1).
        public var weights: [Competency: Int]?

        public init(windowYears: Int, weights: [Competency: Int]? = nil) {
            self.windowYears = windowYears
            self.weights = weights
        }
    }

    public struct PotentialAssessment: Hashable, Codable, Sendable {
        public var windowYears: Int
        /// Weight per aspect.
        public var weights: [PotentialAspect: Int]
        /// The highest level an aspect can have (5).
        public var topLevel: Int

        public init(windowYears: Int, weights: [PotentialAspect: Int], topLevel: Int) {
            self.windowYears = windowYears
            self.weights = weights
            self.topLevel = topLevel
        }
    }

    /// L has no parameter: the rows for year Y count.
    public struct CommitteeScore: Hashable, Codable, Sendable {
        public init() {}
    }

    public struct Award: Hashable, Codable, Sendable {
        /// Awards with awarded_on in (D − windowYears, D] count [practice: 5].
        public var windowYears: Int
        public var points: [AwardLevel: Score]

        public init(windowYears: Int, points: [AwardLevel: Score]) {
            self.windowYears = windowYears
            self.points = points
        }
    }

    public struct TeamDecree: Hashable, Codable, Sendable {
        /// Decrees with decided_on in (D − windowYears, D] count.
        public var windowYears: Int
        /// Points by role, then scope.
        public var points: [TeamRole: [TeamScope: Score]]

        public init(windowYears: Int, points: [TeamRole: [TeamScope: Score]]) {
            self.windowYears = windowYears
            self.points = points
        }
    }

    public struct Feedback360: Hashable, Codable, Sendable {
        /// The window is Y − windowYears … Y − 1.
        public var windowYears: Int
        /// Points of a predicate (a row without one counts its score).
        public var points: [PerformancePredicate: Score]

        public init(windowYears: Int, points: [PerformancePredicate: Score]) {
            self.windowYears = windowYears
            self.points = points
        }
    }

    public struct TrainingCount: Hashable, Codable, Sendable {
        /// A valid row counts once when it fits any selection.
        public var counted: [TrainingSelection]
        /// Count bands, highest minimum first; no row counted gives nothing.
        public var bands: [CountBand]
        /// Points for a count below every band.
        public var otherPoints: Score

        public init(counted: [TrainingSelection], bands: [CountBand], otherPoints: Score) {
            self.counted = counted
            self.bands = bands
            self.otherPoints = otherPoints
        }
    }

    /// Training rows of some kinds (the exact spellings), in a window.
    public struct TrainingSelection: Hashable, Codable, Sendable {
        public var kinds: [String]
        /// Whether the selection is every kind *not* in `kinds`.
        public var except: Bool
        /// Rows ended in (D − windowYears, D]; nil for any row ended on or before D.
        public var windowYears: Int?

        public init(kinds: [String], except: Bool = false, windowYears: Int?) {
            self.kinds = kinds
            self.except = except
            self.windowYears = windowYears
        }
    }

    /// A count of at least `minimum` scores `points`.
    public struct CountBand: Hashable, Codable, Sendable {
        public var minimum: Int
        public var points: Score

        public init(minimum: Int, points: Score) {
            self.minimum = minimum
            self.points = points
        }
    }

    public struct YearlyTraining: Hashable, Codable, Sendable {
        /// JP a year must reach to count [practice: 20].
        public var minimumHours: Score
        /// How many years before Y are checked (Y − 1, Y − 2…) [practice: 2].
        public var yearsChecked: Int
        /// Points by the number of checked years that reach the minimum: index 0 = none…
        public var pointsByYearsMet: [Score]

        public init(minimumHours: Score, yearsChecked: Int, pointsByYearsMet: [Score]) {
            self.minimumHours = minimumHours
            self.yearsChecked = yearsChecked
            self.pointsByYearsMet = pointsByYearsMet
        }
    }

    public struct Tenure: Hashable, Codable, Sendable {
        /// Bands of full years at the current level, highest minimum first.
        public var bands: [YearsBand]
        /// Points below every band.
        public var otherPoints: Score

        public init(bands: [YearsBand], otherPoints: Score) {
            self.bands = bands
            self.otherPoints = otherPoints
        }
    }

    public struct PostVariety: Hashable, Codable, Sendable {
        /// A valid earlier post at another agency.
        public var otherAgency: Score
        /// At least `minimumUnits` distinct unit codes among the earlier posts and the current position's unit.
        public var severalUnits: Score
        public var minimumUnits: Int
        /// Otherwise (no earlier post included).
        public var oneUnit: Score

        public init(otherAgency: Score, severalUnits: Score, minimumUnits: Int, oneUnit: Score) {
            self.otherAgency = otherAgency
            self.severalUnits = severalUnits
            self.minimumUnits = minimumUnits
            self.oneUnit = oneUnit
        }
    }

    public struct Acting: Hashable, Codable, Sendable {
        /// Points by kind and level; an entry without a level fits every level (and none).
        public var points: [ActingPoints]

        public init(points: [ActingPoints]) {
            self.points = points
        }
    }

    public struct ActingPoints: Hashable, Codable, Sendable {
        public var kind: ActingKind
        public var level: ActingLevel?
        public var points: Score

        public init(kind: ActingKind, level: ActingLevel? = nil, points: Score) {
            self.kind = kind
            self.level = level
            self.points = points
        }
    }

    public struct EducationPoints: Hashable, Codable, Sendable {
        /// Points of the highest level; a level not listed scores `otherPoints`.
        public var points: [EducationLevel: Score]
        public var otherPoints: Score

        public init(points: [EducationLevel: Score], otherPoints: Score) {
            self.points = points
            self.otherPoints = otherPoints
        }
    }

    public struct FieldFit: Hashable, Codable, Sendable {
        /// field_fit `true`.
        public var fits: Score
        /// field_fit `false`.
        public var doesNotFit: Score

        public init(fits: Score, doesNotFit: Score) {
            self.fits = fits
            self.doesNotFit = doesNotFit
        }
    }

    public struct GolonganVsTarget: Hashable, Codable, Sendable {
        /// Points by steps below T's minimum golongan: index 0 = at or above, 1 = one step below…
        public var pointsByStepsShort: [Score]
        /// Points for a larger shortfall.
        public var otherPoints: Score

        public init(pointsByStepsShort: [Score], otherPoints: Score) {
            self.pointsByStepsShort = pointsByStepsShort
            self.otherPoints = otherPoints
        }
    }

    public struct LeadershipVsTarget: Hashable, Codable, Sendable {
        /// Points by rungs below T's leadership training: index 0 = T's rung or higher, 1 = one rung below…
        public var pointsByRungsShort: [Score]
        /// Points for a larger shortfall.
        public var otherPoints: Score

        public init(pointsByRungsShort: [Score], otherPoints: Score) {
            self.pointsByRungsShort = pointsByRungsShort
            self.otherPoints = otherPoints
        }
    }

    public struct Discipline: Hashable, Codable, Sendable {
        /// Penalties whose `windowBasis` date is in (D − windowYears, D] count.
        public var windowYears: Int
        public var windowBasis: PenaltyDate
        /// Points of the worst penalty counted.
        public var points: [PenaltyLevel: Score]
        /// A penalty of these levels running at D gives these points, whenever it was decided.
        public var running: RunningPenalty

        public init(windowYears: Int, windowBasis: PenaltyDate, points: [PenaltyLevel: Score], running: RunningPenalty) {
            self.windowYears = windowYears
            self.windowBasis = windowBasis
            self.points = points
            self.running = running
        }
    }

    /// Which date of a penalty its window reads.
    public enum PenaltyDate: String, Codable, Sendable {
        /// decided_on (§5).
        case decided = "DECIDED_ON"
        /// Its last day: ends_on, else decided_on + the level's default duration (§12.5).
        case end = "END"
    }

    public struct RunningPenalty: Hashable, Codable, Sendable {
        public var levels: [PenaltyLevel]
        public var points: Score

        public init(levels: [PenaltyLevel], points: Score) {
            self.levels = levels
            self.points = points
        }
    }

    public struct Composite: Hashable, Codable, Sendable {
        /// The parts, with weights in percent of the composite summing to 100; each part must have a value (a
        /// `whenNone.score` where its measure can find nothing).
        public var parts: [IndicatorRule]

        public init(parts: [IndicatorRule]) {
            self.parts = parts
        }
    }
}

/// A legacy-score band: a score of at least `minimum` reads as `predicate`.
public struct LegacyBand: Hashable, Codable, Sendable {
    public var minimum: Score
    public var predicate: PerformancePredicate

    public init(minimum: Score, predicate: PerformancePredicate) {
        self.minimum = minimum
        self.predicate = predicate
    }
}

/// A band of full years: at least `minimumYears` scores `points`.
public struct YearsBand: Hashable, Codable, Sendable {
    public var minimumYears: Int
    public var points: Score

    public init(minimumYears: Int, points: Score) {
        self.minimumYears = minimumYears
        self.points = points
    }
}

extension Measure: Codable {
    /// - Throws: `DecodingError` unless the object has exactly one key, a known kind.
    public init(from decoder: any Decoder) throws {
        let object = try decoder.container(keyedBy: Kind.self)
        guard object.allKeys.count == 1, let kind = object.allKeys.first else {
            throw DecodingError.dataCorrupted(DecodingError.Context(
                codingPath: decoder.codingPath,
                debugDescription: "a measure is an object with one key, its kind (one of "
                    + Kind.allCases.map(\.rawValue).joined(separator: ", ") + ")"))
        }
        switch kind {
        case .skpYear: self = .skpYear(try object.decode(SKPYear.self, forKey: kind))
        case .competencyAssessment: self = .competencyAssessment(try object.decode(CompetencyAssessment.self, forKey: kind))
        case .potentialAssessment: self = .potentialAssessment(try object.decode(PotentialAssessment.self, forKey: kind))
        case .committeeScore: self = .committeeScore(try object.decode(CommitteeScore.self, forKey: kind))
        case .award: self = .award(try object.decode(Award.self, forKey: kind))
        case .teamDecree: self = .teamDecree(try object.decode(TeamDecree.self, forKey: kind))
        case .feedback360: self = .feedback360(try object.decode(Feedback360.self, forKey: kind))
        case .trainingCount: self = .trainingCount(try object.decode(TrainingCount.self, forKey: kind))
        case .yearlyTraining: self = .yearlyTraining(try object.decode(YearlyTraining.self, forKey: kind))
        case .tenure: self = .tenure(try object.decode(Tenure.self, forKey: kind))
        case .postVariety: self = .postVariety(try object.decode(PostVariety.self, forKey: kind))
        case .acting: self = .acting(try object.decode(Acting.self, forKey: kind))
        case .educationLevel: self = .educationLevel(try object.decode(EducationPoints.self, forKey: kind))
        case .fieldFit: self = .fieldFit(try object.decode(FieldFit.self, forKey: kind))
        case .golonganVsTarget: self = .golonganVsTarget(try object.decode(GolonganVsTarget.self, forKey: kind))
        case .leadershipVsTarget: self = .leadershipVsTarget(try object.decode(LeadershipVsTarget.self, forKey: kind))
        case .discipline: self = .discipline(try object.decode(Discipline.self, forKey: kind))
        case .composite: self = .composite(try object.decode(Composite.self, forKey: kind))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var object = encoder.container(keyedBy: Kind.self)
        switch self {
        case let .skpYear(p): try object.encode(p, forKey: kind)
        case let .competencyAssessment(p): try object.encode(p, forKey: kind)
        case let .potentialAssessment(p): try object.encode(p, forKey: kind)
        case let .committeeScore(p): try object.encode(p, forKey: kind)
        case let .award(p): try object.encode(p, forKey: kind)
        case let .teamDecree(p): try object.encode(p, forKey: kind)
        case let .feedback360(p): try object.encode(p, forKey: kind)
        case let .trainingCount(p): try object.encode(p, forKey: kind)
        case let .yearlyTraining(p): try object.encode(p, forKey: kind)
        case let .tenure(p): try object.encode(p, forKey: kind)
        case let .postVariety(p): try object.encode(p, forKey: kind)
        case let .acting(p): try object.encode(p, forKey: kind)
        case let .educationLevel(p): try object.encode(p, forKey: kind)
        case let .fieldFit(p): try object.encode(p, forKey: kind)
        case let .golonganVsTarget(p): try object.encode(p, forKey: kind)
        case let .leadershipVsTarget(p): try object.encode(p, forKey: kind)
        case let .discipline(p): try object.encode(p, forKey: kind)
        case let .composite(p): try object.encode(p, forKey: kind)
        }
    }
}
