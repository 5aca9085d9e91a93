/// A versioned rule set: every [practice], [default] and [411, reconstructed] number of DOMAIN.md (§9), as one
/// document. The grid and its recommendations, the education order, the golongan scale and the leadership rungs are
/// fixed by regulation and live in the vocabulary; everything else is here.
///
/// Both axes have one shape (`Axis`): a weighted sum of named indicators, each with a `Measure` (a computation the
/// domain knows, with its ladder and window as parameters), what counts when it finds nothing (`WhenNone`), and the
/// best score it can reach; a weighting policy (fixed weights, or re-weighting by which indicators have a value);
/// cut-offs; caps and overrides. The default `permenpanrb-3-2020/default@1` (DOMAIN.md §3–§8) and the BKN 411/2025
/// preset `bkn-411-2025/preset@1` (§12) are two documents of this shape, run by one engine (`TalentEngine`).
///
/// Stored as JSON (Postgres jsonb) with `JSONEncoder` and sorted keys, which round-trips it exactly: scores are JSON
/// numbers with at most 2 decimals (whole in both built-in documents), weights are percentages (`60`), levels,
/// flags and codes are their DOMAIN.md words, a measure is an object with one key, its kind
/// (`{"AWARD": {"points": {...}, "windowYears": 5}}`). Results record `id` (`name@version`). Changing a parameter
/// means a new version. Call `validate()` on a rule set that did not come from `RuleSet.default` or
/// `RuleSet.bkn411Preset`.
public struct RuleSet: Hashable, Codable, Sendable {
    /// Name, e.g. `permenpanrb-3-2020/default`.
    public var name: String
    /// Version, from 1.
    public var version: Int
    /// Where the numbers come from when a user must be told (shown wherever the rule set is shown); nil for the
    /// project's own default. The BKN 411/2025 preset: "reconstructed from public implementations of Kepka BKN
    /// 411/2025; not checked against its Lampiran".
    public var provenance: String?
    /// States whose employees are assessed and get a result row (DOMAIN.md §2) [default].
    public var assessedStates: [EmployeeState]
    /// The target level T of each current position (DOMAIN.md §3) [practice].
    public var targetLevels: [TargetLevelRule]
    /// Requirements per structural level (DOMAIN.md §3 table) [practice; BUP reg]. The measures that compare with
    /// the target level (competency standard R, golongan, leadership) read T's row.
    public var levels: [StructuralLevel: LevelRequirement]
    /// The KINERJA (performance) axis, the grid's rows.
    public var kinerja: Axis<KinerjaLevel>
    /// The POTENSI (potential) axis, the grid's columns.
    public var potensi: Axis<PotensiLevel>
    /// Penalty durations (DOMAIN.md §5, PP 94/2021).
    public var penalties: PenaltyRules
    /// Talent pool (KRS instansi) rules, DOMAIN.md §7.
    public var pool: PoolRules
    /// Target positions and succession rules, DOMAIN.md §8.
    public var succession: SuccessionRules

    public init(name: String, version: Int, provenance: String? = nil, assessedStates: [EmployeeState],
                targetLevels: [TargetLevelRule], levels: [StructuralLevel: LevelRequirement],
                kinerja: Axis<KinerjaLevel>, potensi: Axis<PotensiLevel>, penalties: PenaltyRules, pool: PoolRules,
                succession: SuccessionRules) {
        self.name = name
        self.version = version
        self.provenance = provenance
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

    /// The built-in rule sets: the default and the BKN 411/2025 preset.
    public static var builtIn: [RuleSet] { [.default, .bkn411Preset] }

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
    /// Competency standard R for a score from competency levels (PermenPANRB 38/2017), 1–5.
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
    /// nilai_talenta = kinerjaWeight × kinerja_score + potensiWeight × potensi_score [practice: 50 %, 50 %].
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
