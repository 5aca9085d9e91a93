/// The two axes of the grid, as indicators.csv names them (DOMAIN.md §11).
public enum AxisName: String, CaseIterable, Codable, Sendable {
    /// Kinerja, performance: the grid's rows (kinerja_score).
    case kinerja = "KINERJA"
    /// Potensi, potential: the grid's columns (potensi_score).
    case potensi = "POTENSI"
}

/// One axis of the grid: a weighted sum of named indicators (DOMAIN.md §4, §5, §12.2).
///
/// Axis score = round2(Σ scoreᵢ × weightᵢ / 100), each score already rounded to 2 places (§6). The level is the
/// highest whose cut-off the rounded score reaches (lower bounds inclusive); then each cap whose indicator has no
/// value lowers it to at most its level, and each override whose indicator's SKP predicate is listed sets it.
public struct Axis<Level: GridLevel>: Hashable, Codable, Sendable {
    /// The indicators in print order (indicators.csv), names unique on the axis.
    public var indicators: [IndicatorRule]
    /// How each indicator's weight is chosen for an employee.
    public var weighting: Weighting
    /// The lowest score of each level above the lowest: `{"ATAS": 90, "SESUAI": 70}`.
    public var cutOffs: [Level: Score]
    /// Without a value for an indicator, the level is at most a given one (the default's MENENGAH cap without an
    /// assessment [default]).
    public var caps: [LevelCap<Level>]
    /// A level forced by the SKP predicate an indicator counted (the default's BAWAH after a latest KURANG
    /// [default]).
    public var overrides: [LevelOverride<Level>]
    /// The indicator without whose value the employee is not placed (BELUM_TERPETAKAN, reason NO_KINERJA,
    /// DOMAIN.md §4.5); KINERJA only.
    public var notPlacedWithout: String?

    public init(indicators: [IndicatorRule], weighting: Weighting, cutOffs: [Level: Score], caps: [LevelCap<Level>] = [],
                overrides: [LevelOverride<Level>] = [], notPlacedWithout: String? = nil) {
        self.indicators = indicators
        self.weighting = weighting
        self.cutOffs = cutOffs
        self.caps = caps
        self.overrides = overrides
        self.notPlacedWithout = notPlacedWithout
    }

    /// The lowest score of `level`: its cut-off, zero for the lowest level (and for a level without one).
    public func minimum(_ level: Level) -> Score { cutOffs[level] ?? .zero }

    /// The indicator named `name`, nil when the axis has none.
    public func indicator(_ name: String) -> IndicatorRule? { indicators.first { $0.indicator == name } }
}

/// A named indicator of an axis, or a part of a composite indicator.
public struct IndicatorRule: Hashable, Codable, Sendable {
    /// The name as indicators.csv prints it (`SKP`, `REKAM_JEJAK`), or a part's name inside its composite.
    public var indicator: String
    /// The share of the axis (or of the composite) in percent when every indicator has a value; under fixed
    /// weights, always. A whole number on an axis (indicators.csv prints it so).
    public var weight: Weight
    /// What is computed, with its ladder and window.
    public var measure: Measure
    /// What counts when the measure finds nothing (no row in its window, no judgement); nil for a measure that
    /// always gives a value (tenure, golongan, yearly JP, post variety, composites).
    public var whenNone: WhenNone?
    /// The best score the indicator can reach [declared in the rule set]: with the weight, the points at stake when
    /// it is missing or has no record (issue 16's completeness).
    public var best: Score

    public init(indicator: String, weight: Weight, measure: Measure, whenNone: WhenNone? = nil, best: Score = Score(100)) {
        self.indicator = indicator
        self.weight = weight
        self.measure = measure
        self.whenNone = whenNone
        self.best = best
    }
}

/// Whether data back an indicator for one employee (issue 16's completeness).
public enum IndicatorState: String, CaseIterable, Codable, Sendable {
    /// A row counted.
    case present = "PRESENT"
    /// The data are missing: the indicator raised its missing-data flag or reason (TANPA_ASESMEN, NO_KINERJA…).
    case missing = "MISSING"
    /// No row, and the rule set declares that zero may be true (no award, no team decree, no acting post…).
    case noRecord = "NO_RECORD"
}

/// What an indicator counts when its measure finds nothing.
public struct WhenNone: Hashable, Codable, Sendable {
    /// The score it then gets; nil for no value (re-weighted away, or not placed for `notPlacedWithout`).
    public var score: Score?
    /// MISSING, NO_RECORD, or PRESENT where having no row is the normal, complete case (no penalty).
    public var state: IndicatorState
    /// The flag put on the placement (TANPA_ASESMEN…), if any.
    public var flag: PlacementFlag?

    public init(score: Score? = nil, state: IndicatorState, flag: PlacementFlag? = nil) {
        self.score = score
        self.state = state
        self.flag = flag
    }
}

/// How the weights of an axis's indicators are chosen for an employee.
public struct Weighting: Hashable, Codable, Sendable {
    public enum Policy: String, Codable, Sendable {
        /// Every indicator carries its own weight; one without a value scores its `whenNone.score`
        /// [411, reconstructed: missing data scores 0].
        case fixed = "FIXED"
        /// The indicators' own weights when each has a value; otherwise the case whose weights name exactly the
        /// indicators with a value, and an indicator without one weighs 0 (the default's re-weighting [default]).
        case reweighted = "REWEIGHTED"
    }

    public var policy: Policy
    /// REWEIGHTED only: one case per set of indicators with a value, other than all of them.
    public var cases: [WeightCase]

    public init(policy: Policy, cases: [WeightCase] = []) {
        self.policy = policy
        self.cases = cases
    }

    public static let fixed = Weighting(policy: .fixed)

    public static func reweighted(_ cases: [WeightCase]) -> Weighting { Weighting(policy: .reweighted, cases: cases) }
}

/// A re-weighting case: the weights when exactly the indicators it names have a value.
public struct WeightCase: Hashable, Codable, Sendable {
    /// A short name shown in the explanation (`A_RJ`).
    public var name: String
    /// Percent per indicator with a value, summing to 100.
    public var weights: [String: Weight]
    /// A flag this case puts on the placement (KINERJA_PARTIAL), if any.
    public var flag: PlacementFlag?

    public init(name: String, weights: [String: Weight], flag: PlacementFlag? = nil) {
        self.name = name
        self.weights = weights
        self.flag = flag
    }
}

/// Without a value for `without`, the axis level is at most `atMost` (and `flag`, if any, is raised).
public struct LevelCap<Level: GridLevel>: Hashable, Codable, Sendable {
    public var without: String
    public var atMost: Level
    public var flag: PlacementFlag?

    public init(without: String, atMost: Level, flag: PlacementFlag? = nil) {
        self.without = without
        self.atMost = atMost
        self.flag = flag
    }
}

/// When the SKP predicate that `indicator` counted is one of `predicates`, the axis level is `level`, whatever the
/// score.
public struct LevelOverride<Level: GridLevel>: Hashable, Codable, Sendable {
    public var indicator: String
    public var predicates: [PerformancePredicate]
    public var level: Level

    public init(indicator: String, predicates: [PerformancePredicate], level: Level) {
        self.indicator = indicator
        self.predicates = predicates
        self.level = level
    }
}
