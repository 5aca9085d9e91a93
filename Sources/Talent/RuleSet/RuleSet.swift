/// A versioned set of every [practice] and [default] number of DOMAIN.md (§9): weights, thresholds, points tables,
/// per-level requirements, look-back windows, pool and succession parameters. The rules read these values and no
/// constant of their own; only the grid and its recommendations, the education order, the golongan scale and the
/// leadership rungs are fixed by regulation and live in the vocabulary.
///
/// Stored as JSON (Postgres jsonb): `JSONEncoder`/`JSONDecoder` round-trip it exactly (scores and weights are JSON
/// numbers with at most 2 and 4 decimals). Results record `id` (`name@version`). Changing a parameter means a new
/// version. Call `validate()` on a rule set that did not come from `RuleSet.default`.
public struct RuleSet: Hashable, Codable, Sendable {
    /// Name, e.g. `permenpanrb-3-2020/default`.
    public var name: String
    /// Version, from 1.
    public var version: Int
    /// States whose employees are assessed and get a result row (DOMAIN.md §2) [default].
    public var assessedStates: [EmployeeState]
    /// The target level T of each current position (DOMAIN.md §3) [practice].
    public var targetLevels: [TargetLevelRule]
    /// Requirements per structural level (DOMAIN.md §3 table) [practice; BUP reg].
    public var levels: [StructuralLevel: LevelRequirement]
    /// Kinerja (performance) rules, DOMAIN.md §4.
    public var kinerja: KinerjaRules
    /// Potensi (potential) rules, DOMAIN.md §5.
    public var potensi: PotensiRules
    /// Penalty durations (DOMAIN.md §5, PP 94/2021).
    public var penalties: PenaltyRules
    /// Talent pool (KRS instansi) rules, DOMAIN.md §7.
    public var pool: PoolRules
    /// Target positions and succession rules, DOMAIN.md §8.
    public var succession: SuccessionRules

    public init(name: String, version: Int, assessedStates: [EmployeeState], targetLevels: [TargetLevelRule],
                levels: [StructuralLevel: LevelRequirement], kinerja: KinerjaRules, potensi: PotensiRules,
                penalties: PenaltyRules, pool: PoolRules, succession: SuccessionRules) {
        self.name = name
        self.version = version
        self.assessedStates = assessedStates
        self.targetLevels = targetLevels
        self.levels = levels
        self.kinerja = kinerja
        self.potensi = potensi
        self.penalties = penalties
        self.pool = pool
        self.succession = succession
    }

    /// `name@version`, as results record it (`permenpanrb-3-2020/default@1`).
    public var id: String { "\(name)@\(version)" }

    /// The requirements of `level`.
    /// - Precondition: `validate()` passed (every level has requirements).
    public func requirement(_ level: StructuralLevel) -> LevelRequirement {
        guard let requirement = levels[level] else { preconditionFailure("rule set \(id) has no requirements for \(level.rawValue)") }
        return requirement
    }

    /// The target level of a position of `kind` (and `jenjang` for FUNGSIONAL), nil when no rule matches.
    public func targetLevel(kind: PositionKind, jenjang: Jenjang?) -> StructuralLevel? {
        targetLevels.first { $0.kind == kind && $0.jenjang == jenjang }?.target
    }
}

/// One row of the target-level table: employees in a position of `kind` (and `jenjang`) are assessed against `target`.
public struct TargetLevelRule: Hashable, Codable, Sendable {
    public var kind: PositionKind
    /// Set for FUNGSIONAL rows only.
    public var jenjang: Jenjang?
    public var target: StructuralLevel

    public init(kind: PositionKind, jenjang: Jenjang? = nil, target: StructuralLevel) {
        self.kind = kind
        self.jenjang = jenjang
        self.target = target
    }
}

/// Requirements of one structural level (DOMAIN.md §3).
public struct LevelRequirement: Hashable, Codable, Sendable {
    /// Competency standard R for A from levels (PermenPANRB 38/2017), 1–5.
    public var competencyStandard: Int
    public var minimumGolongan: Golongan
    public var minimumEducation: EducationLevel
    /// Full years at the current level required.
    public var yearsAtLevel: Int
    /// The leadership training the level requires (compared by rung).
    public var leadershipTraining: LeadershipTraining
    /// Retirement age (batas usia pensiun) of positions of this level, in years [reg: UU 20/2023].
    public var retirementAge: Int
    /// Full years from D to the BUP birthday a pool member must have left.
    public var minimumYearsToRetirement: Int
    /// Maximum age at D of a ready candidate (gap USIA); nil for no limit.
    public var maximumAge: Int?

    public init(competencyStandard: Int, minimumGolongan: Golongan, minimumEducation: EducationLevel, yearsAtLevel: Int,
                leadershipTraining: LeadershipTraining, retirementAge: Int, minimumYearsToRetirement: Int,
                maximumAge: Int?) {
        self.competencyStandard = competencyStandard
        self.minimumGolongan = minimumGolongan
        self.minimumEducation = minimumEducation
        self.yearsAtLevel = yearsAtLevel
        self.leadershipTraining = leadershipTraining
        self.retirementAge = retirementAge
        self.minimumYearsToRetirement = minimumYearsToRetirement
        self.maximumAge = maximumAge
    }
}

/// Kinerja rules (DOMAIN.md §4).
public struct KinerjaRules: Hashable, Codable, Sendable {
    /// Years looked back: the window is Y − lookBackYears … Y − 1 [practice: 4].
    public var lookBackYears: Int
    /// Points per SKP predicate [practice].
    public var predicatePoints: [PerformancePredicate: Score]
    /// Legacy score bands (PP 46/2011), highest minimum first; a score below every band is the last band's predicate.
    public var legacyBands: [LegacyBand]
    /// Weight of the latest year [default: 0.6].
    public var latestWeight: Weight
    /// Weight of the previous year [default: 0.4].
    public var previousWeight: Weight
    /// Lowest score for ATAS [default: 90].
    public var atasMinimum: Score
    /// Lowest score for SESUAI [default: 70].
    public var sesuaiMinimum: Score
    /// A latest predicate in this list makes the level BAWAH whatever the score [default: KURANG, SANGAT_KURANG].
    public var bawahWhenLatestIs: [PerformancePredicate]

    public init(lookBackYears: Int, predicatePoints: [PerformancePredicate: Score], legacyBands: [LegacyBand],
                latestWeight: Weight, previousWeight: Weight, atasMinimum: Score, sesuaiMinimum: Score,
                bawahWhenLatestIs: [PerformancePredicate]) {
        self.lookBackYears = lookBackYears
        self.predicatePoints = predicatePoints
        self.legacyBands = legacyBands
        self.latestWeight = latestWeight
        self.previousWeight = previousWeight
        self.atasMinimum = atasMinimum
        self.sesuaiMinimum = sesuaiMinimum
        self.bawahWhenLatestIs = bawahWhenLatestIs
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

/// Potensi rules (DOMAIN.md §5).
public struct PotensiRules: Hashable, Codable, Sendable {
    /// An assessment counts when dated in (D − assessmentWindowYears, D] [practice: 3].
    public var assessmentWindowYears: Int
    /// Weights with A and L [default: 0.60 A + 0.30 RJ + 0.10 L].
    public var withAssessmentAndOther: PotensiWeights
    /// Weights with A, without L [default: 0.67 A + 0.33 RJ].
    public var withAssessmentOnly: PotensiWeights
    /// Weights without A, with L [default: 0.75 RJ + 0.25 L].
    public var withOtherOnly: PotensiWeights
    /// Weights without both [default: RJ].
    public var withNeither: PotensiWeights
    /// Lowest score for TINGGI [practice: 80].
    public var tinggiMinimum: Score
    /// Lowest score for MENENGAH [practice: 68].
    public var menengahMinimum: Score
    /// The highest level without a valid assessment [default: MENENGAH].
    public var levelCapWithoutAssessment: PotensiLevel
    /// Rekam jejak (track record) indicators.
    public var rekamJejak: RekamJejakRules

    public init(assessmentWindowYears: Int, withAssessmentAndOther: PotensiWeights, withAssessmentOnly: PotensiWeights,
                withOtherOnly: PotensiWeights, withNeither: PotensiWeights, tinggiMinimum: Score,
                menengahMinimum: Score, levelCapWithoutAssessment: PotensiLevel, rekamJejak: RekamJejakRules) {
        self.assessmentWindowYears = assessmentWindowYears
        self.withAssessmentAndOther = withAssessmentAndOther
        self.withAssessmentOnly = withAssessmentOnly
        self.withOtherOnly = withOtherOnly
        self.withNeither = withNeither
        self.tinggiMinimum = tinggiMinimum
        self.menengahMinimum = menengahMinimum
        self.levelCapWithoutAssessment = levelCapWithoutAssessment
        self.rekamJejak = rekamJejak
    }
}

/// The weights of A (assessment), RJ (rekam jejak) and L (other considerations) in one weight case.
public struct PotensiWeights: Hashable, Codable, Sendable {
    public var assessment: Weight
    public var rekamJejak: Weight
    public var other: Weight

    public init(assessment: Weight, rekamJejak: Weight, other: Weight) {
        self.assessment = assessment
        self.rekamJejak = rekamJejak
        self.other = other
    }
}

/// Rekam jejak (track record) indicators: RJ = Σ weight × points (DOMAIN.md §5 table) [practice].
public struct RekamJejakRules: Hashable, Codable, Sendable {
    public var educationWeight: Weight
    /// Points of the highest education level; a level missing here scores `educationOtherPoints`.
    public var educationPoints: [EducationLevel: Score]
    /// Points for a lower level or no education row.
    public var educationOtherPoints: Score

    public var golonganWeight: Weight
    /// Points by steps below T's minimum golongan: index 0 = at or above, 1 = one step below...
    public var golonganPointsByStepsShort: [Score]
    /// Points for a larger shortfall.
    public var golonganOtherPoints: Score

    public var yearsAtLevelWeight: Weight
    /// Bands of full years at the current level, highest minimum first.
    public var yearsAtLevelBands: [YearsBand]
    /// Points below every band.
    public var yearsAtLevelOtherPoints: Score

    public var leadershipWeight: Weight
    /// Points by rungs below T's rung: index 0 = T's rung or higher, 1 = exactly one rung below...
    public var leadershipPointsByRungsShort: [Score]
    /// Points for a larger shortfall or no leadership training at all.
    public var leadershipOtherPoints: Score

    public var trainingWeight: Weight
    /// JP a year must reach to count [practice: 20].
    public var trainingMinimumHours: Score
    /// How many years before Y are checked (Y−1, Y−2...) [practice: 2].
    public var trainingYearsChecked: Int
    /// Points by the number of checked years that reach the minimum: index 0 = none...
    public var trainingPointsByYearsMet: [Score]

    public var awardWeight: Weight
    /// An award counts when `awarded_on` is in (D − awardWindowYears, D] [practice: 5].
    public var awardWindowYears: Int
    public var awardPoints: [AwardLevel: Score]
    public var awardNonePoints: Score

    public var penaltyWeight: Weight
    /// A penalty counts when `decided_on` is in (D − penaltyWindowYears, D] [practice: 5].
    public var penaltyWindowYears: Int
    /// Points of the worst penalty in the window.
    public var penaltyPoints: [PenaltyLevel: Score]
    public var penaltyNonePoints: Score
    /// Points when a BERAT penalty runs at D, whenever it was decided.
    public var beratRunningPoints: Score

    public init(educationWeight: Weight, educationPoints: [EducationLevel: Score], educationOtherPoints: Score,
                golonganWeight: Weight, golonganPointsByStepsShort: [Score], golonganOtherPoints: Score,
                yearsAtLevelWeight: Weight, yearsAtLevelBands: [YearsBand], yearsAtLevelOtherPoints: Score,
                leadershipWeight: Weight, leadershipPointsByRungsShort: [Score], leadershipOtherPoints: Score,
                trainingWeight: Weight, trainingMinimumHours: Score, trainingYearsChecked: Int,
                trainingPointsByYearsMet: [Score], awardWeight: Weight, awardWindowYears: Int,
                awardPoints: [AwardLevel: Score], awardNonePoints: Score, penaltyWeight: Weight,
                penaltyWindowYears: Int, penaltyPoints: [PenaltyLevel: Score], penaltyNonePoints: Score,
                beratRunningPoints: Score) {
        self.educationWeight = educationWeight
        self.educationPoints = educationPoints
        self.educationOtherPoints = educationOtherPoints
        self.golonganWeight = golonganWeight
        self.golonganPointsByStepsShort = golonganPointsByStepsShort
        self.golonganOtherPoints = golonganOtherPoints
        self.yearsAtLevelWeight = yearsAtLevelWeight
        self.yearsAtLevelBands = yearsAtLevelBands
        self.yearsAtLevelOtherPoints = yearsAtLevelOtherPoints
        self.leadershipWeight = leadershipWeight
        self.leadershipPointsByRungsShort = leadershipPointsByRungsShort
        self.leadershipOtherPoints = leadershipOtherPoints
        self.trainingWeight = trainingWeight
        self.trainingMinimumHours = trainingMinimumHours
        self.trainingYearsChecked = trainingYearsChecked
        self.trainingPointsByYearsMet = trainingPointsByYearsMet
        self.awardWeight = awardWeight
        self.awardWindowYears = awardWindowYears
        self.awardPoints = awardPoints
        self.awardNonePoints = awardNonePoints
        self.penaltyWeight = penaltyWeight
        self.penaltyWindowYears = penaltyWindowYears
        self.penaltyPoints = penaltyPoints
        self.penaltyNonePoints = penaltyNonePoints
        self.beratRunningPoints = beratRunningPoints
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

/// Penalty durations (PP 94/2021).
public struct PenaltyRules: Hashable, Codable, Sendable {
    /// Months a penalty without `ends_on` runs after `decided_on` [reg: RINGAN 0, SEDANG 12, BERAT 12].
    public var defaultDurationMonths: [PenaltyLevel: Int]

    public init(defaultDurationMonths: [PenaltyLevel: Int]) {
        self.defaultDurationMonths = defaultDurationMonths
    }
}

/// Talent-pool rules (DOMAIN.md §7).
public struct PoolRules: Hashable, Codable, Sendable {
    /// Boxes that qualify [reg: 7, 8, 9].
    public var boxes: [Box]
    /// Boxes whose members are also national-pool candidates [reg: 9].
    public var nationalBoxes: [Box]
    /// Eligible statuses [default: PNS].
    public var eligibleStatuses: [EmployeeStatus]
    /// Eligible states [default: AKTIF].
    public var eligibleStates: [EmployeeState]
    /// A penalty of these levels whose decision or end falls in (D − disciplineWindowYears, D] blocks [practice].
    public var disciplineLevels: [PenaltyLevel]
    public var disciplineWindowYears: Int
    /// Whether any penalty running at D blocks [practice: yes].
    public var runningPenaltyBlocks: Bool

    public init(boxes: [Box], nationalBoxes: [Box], eligibleStatuses: [EmployeeStatus], eligibleStates: [EmployeeState],
                disciplineLevels: [PenaltyLevel], disciplineWindowYears: Int, runningPenaltyBlocks: Bool) {
        self.boxes = boxes
        self.nationalBoxes = nationalBoxes
        self.eligibleStatuses = eligibleStatuses
        self.eligibleStates = eligibleStates
        self.disciplineLevels = disciplineLevels
        self.disciplineWindowYears = disciplineWindowYears
        self.runningPenaltyBlocks = runningPenaltyBlocks
    }
}

/// Target-position and succession rules (DOMAIN.md §8).
public struct SuccessionRules: Hashable, Codable, Sendable {
    /// A held position is a target when a holder's BUP birthday is on or before D + this many years [practice: 2].
    public var retirementHorizonYears: Int
    /// nilai_talenta = kinerjaWeight × kinerja_score + potensiWeight × potensi_score [practice: 0.5, 0.5].
    public var nilaiKinerjaWeight: Weight
    public var nilaiPotensiWeight: Weight
    /// Target levels whose candidates from the target's own OPD come first [default: PENGAWAS, ADMINISTRATOR].
    public var ownOPDFirstLevels: [StructuralLevel]
    /// Candidates kept per target [default: 3].
    public var candidatesKept: Int
    /// Gaps that do not count for readiness (still listed) [practice: PELATIHAN].
    public var gapsIgnoredForReadiness: [Gap]
    /// A golongan gap of at most this many steps is closable within 2 years [practice: 1].
    public var closableGolonganSteps: Int
    /// A MASA_JABATAN gap of at most this many years is closable within 2 years [practice: 2].
    public var closableYearsAtLevel: Int

    public init(retirementHorizonYears: Int, nilaiKinerjaWeight: Weight, nilaiPotensiWeight: Weight,
                ownOPDFirstLevels: [StructuralLevel], candidatesKept: Int, gapsIgnoredForReadiness: [Gap],
                closableGolonganSteps: Int, closableYearsAtLevel: Int) {
        self.retirementHorizonYears = retirementHorizonYears
        self.nilaiKinerjaWeight = nilaiKinerjaWeight
        self.nilaiPotensiWeight = nilaiPotensiWeight
        self.ownOPDFirstLevels = ownOPDFirstLevels
        self.candidatesKept = candidatesKept
        self.gapsIgnoredForReadiness = gapsIgnoredForReadiness
        self.closableGolonganSteps = closableGolonganSteps
        self.closableYearsAtLevel = closableYearsAtLevel
    }
}
