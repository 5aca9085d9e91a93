public import Foundation

/// "Why this box?" for one employee and review period, as the views `talent.explanation` and
/// `talent.explanation_indicator` (sql/0021) give it: the box, both axes, every indicator with its score, weight, data
/// state, window and the rows it was computed from (in words), the flags in words, the rows left out, the pool
/// screens, the rule set (with its provenance) and the inputs fingerprint.
///
/// Its `Codable` form is the JSON `talenta explain --json` prints: keys as named here, scores, weights and points as
/// JSON numbers (exact decimals: `80`, `87.36`), an absent value as `null`. `name` is there only when asked for by a
/// login that may read names (never a reader's copy).
public struct EmployeeExplanation: Codable, Hashable, Sendable {
    /// One axis (KINERJA, POTENSI) as the rules computed it.
    public struct Axis: Codable, Hashable, Sendable {
        /// KINERJA or POTENSI.
        public var axis: String
        /// The axis score (0–100, 2 decimals); nil when not placed (KINERJA without its required indicator).
        public var score: Decimal?
        /// The level after caps and overrides (ATAS, SESUAI, BAWAH; TINGGI, MENENGAH, RENDAH); nil when not placed.
        public var level: String?
        /// The level the score alone gives.
        public var levelFromScore: String?
        /// The lowest score of the high level and of the middle level (lower bounds are inclusive).
        public var highMinimum: Decimal?
        public var middleMinimum: Decimal?
        /// The re-weighting case applied; nil when every indicator carries its own weight.
        public var weightCase: String?
        /// The caps and overrides that set the level, in words.
        public var adjustments: [String]
    }

    /// One indicator row: indicators.csv's row (`axis`, `indicator`, `score`, `weight`, `weighted`) with what it
    /// was computed from.
    public struct Indicator: Codable, Hashable, Sendable {
        public var axis: String
        /// The name as indicators.csv prints it.
        public var indicator: String
        /// What it measures, in words; nil for a name the built-in rule sets do not use.
        public var label: String?
        /// 0–100, 2 decimals; nil when the employee has no value for it.
        public var score: Decimal?
        /// Percent of the axis this score carries for this employee.
        public var weight: Decimal
        /// score × weight / 100, exact (4 decimals); nil without a score.
        public var weighted: Decimal?
        /// PRESENT, MISSING or NO_RECORD.
        public var state: String
        /// The best score the rule set declares for it.
        public var best: Decimal
        /// What its missing data put at stake: 0 when PRESENT, else the weighted points its axis would gain at its
        /// best; nil for a result written before migration 0020.
        public var pointsAtStake: Decimal?
        /// The missing-data flag it raised, if any.
        public var flag: String?
        /// The dates or years whose rows counted, in words; nil for a composite.
        public var window: String?
        /// The rows it was computed from, one line each, in words.
        public var evidence: [String]
        /// A composite's parts, one line each.
        public var parts: [String]
        /// The names of a composite's parts that are not PRESENT (what makes it MISSING or NO_RECORD).
        public var incompleteParts: [String]
    }

    /// A flag with its meaning.
    public struct Flag: Codable, Hashable, Sendable {
        public var code: String
        /// Its meaning: "no valid competency assessment (tanpa asesmen kompetensi) in its window".
        public var words: String
    }

    /// Talent-pool membership (KRS instansi) and every failing screen with its reason.
    public struct Pool: Codable, Hashable, Sendable {
        public var member: Bool
        public var krsNasional: Bool
        /// "BUP: 1 full years to the BUP birthday 2027-05-20, minimum 4".
        public var blockers: [String]
    }

    public var year: Int
    /// `talent.review_period.id`.
    public var periodId: Int64
    /// D, `YYYY-MM-DD`.
    public var referenceDate: String
    public var nip: String
    /// `hr.employee.id`.
    public var employeeId: Int64
    /// The employee's name: only when asked for by a login that may read hr (personal data), else nil.
    public var name: String?
    /// The position the rules used (as at D), its title, kind, jenjang and OPD (nil when the position is gone).
    public var positionCode: String?
    public var positionTitle: String?
    public var positionKind: String?
    public var positionJenjang: String?
    public var opdCode: String?
    public var opdName: String?
    /// The level the employee is assessed against (the next step up).
    public var targetLevel: String
    /// TERPETAKAN or BELUM_TERPETAKAN.
    public var status: String
    /// Why not placed (NO_KINERJA), in words with the code first; nil when placed.
    public var reason: String?
    /// Kotak 1 … 9; nil when not placed.
    public var box: Int?
    /// The best box reachable if every MISSING and NO_RECORD indicator scored its best (for an unplaced employee:
    /// with SKP at its best); nil for a result written before migration 0020.
    public var bestBox: Int?
    /// The recommended follow-up codes of the box, in the regulation's order.
    public var recommendations: [String]
    public var kinerja: Axis
    public var potensi: Axis
    /// KINERJA's indicators, then POTENSI's, each in the rule set's order: indicators.csv's rows. Empty for an
    /// explanation stored before migration 0017 (`explanationVersion` 1 or 2).
    public var indicators: [Indicator]
    /// Alphabetical, each with its meaning.
    public var flags: [Flag]
    /// Every input row left out of the computation, in words.
    public var leftOut: [String]
    public var pool: Pool
    /// `name@version`.
    public var ruleSet: String
    /// Where the rule set comes from, when it says (the BKN 411/2025 preset: reconstructed, not checked against the
    /// Lampiran of the Kepka); nil otherwise.
    public var ruleSetProvenance: String?
    /// SHA-256 (hex) of the inputs that counted and the rule set.
    public var fingerprint: String
    /// The stored explanation's version: 3 has indicators; 1 and 2 (stored before migration 0017) have none.
    public var explanationVersion: Int

    /// Whether the stored explanation predates the indicator axes (no indicator rows to show).
    public var predatesIndicators: Bool { explanationVersion < 3 }
}

// Every key is written, an absent value as null (the synthesized form would leave it out): a reader of the JSON
// finds `box`, `score` and the rest in every object.
extension EmployeeExplanation {
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(year, forKey: .year)
        try c.encode(periodId, forKey: .periodId)
        try c.encode(referenceDate, forKey: .referenceDate)
        try c.encode(nip, forKey: .nip)
        try c.encode(employeeId, forKey: .employeeId)
        try c.encode(name, forKey: .name)
        try c.encode(positionCode, forKey: .positionCode)
        try c.encode(positionTitle, forKey: .positionTitle)
        try c.encode(positionKind, forKey: .positionKind)
        try c.encode(positionJenjang, forKey: .positionJenjang)
        try c.encode(opdCode, forKey: .opdCode)
        try c.encode(opdName, forKey: .opdName)
        try c.encode(targetLevel, forKey: .targetLevel)
        try c.encode(status, forKey: .status)
        try c.encode(reason, forKey: .reason)
        try c.encode(box, forKey: .box)
        try c.encode(bestBox, forKey: .bestBox)
        try c.encode(recommendations, forKey: .recommendations)
        try c.encode(kinerja, forKey: .kinerja)
        try c.encode(potensi, forKey: .potensi)
        try c.encode(indicators, forKey: .indicators)
        try c.encode(flags, forKey: .flags)
        try c.encode(leftOut, forKey: .leftOut)
        try c.encode(pool, forKey: .pool)
        try c.encode(ruleSet, forKey: .ruleSet)
        try c.encode(ruleSetProvenance, forKey: .ruleSetProvenance)
        try c.encode(fingerprint, forKey: .fingerprint)
        try c.encode(explanationVersion, forKey: .explanationVersion)
    }
}

extension EmployeeExplanation.Axis {
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(axis, forKey: .axis)
        try c.encode(score, forKey: .score)
        try c.encode(level, forKey: .level)
        try c.encode(levelFromScore, forKey: .levelFromScore)
        try c.encode(highMinimum, forKey: .highMinimum)
        try c.encode(middleMinimum, forKey: .middleMinimum)
        try c.encode(weightCase, forKey: .weightCase)
        try c.encode(adjustments, forKey: .adjustments)
    }
}

extension EmployeeExplanation.Indicator {
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(axis, forKey: .axis)
        try c.encode(indicator, forKey: .indicator)
        try c.encode(label, forKey: .label)
        try c.encode(score, forKey: .score)
        try c.encode(weight, forKey: .weight)
        try c.encode(weighted, forKey: .weighted)
        try c.encode(state, forKey: .state)
        try c.encode(best, forKey: .best)
        try c.encode(pointsAtStake, forKey: .pointsAtStake)
        try c.encode(flag, forKey: .flag)
        try c.encode(window, forKey: .window)
        try c.encode(evidence, forKey: .evidence)
        try c.encode(parts, forKey: .parts)
        try c.encode(incompleteParts, forKey: .incompleteParts)
    }
}
