/// One employee's profile: "your box, what counted, what is missing". Plain strings and numbers, filled from the
/// stored explanation of a review (Issue 16) and rendered by ``ProfileHTML`` as one printable A4 page.
public struct EmployeeProfile: Sendable, Hashable {
    /// One axis (kinerja or potensi) and the indicators its score is built from.
    public struct Axis: Sendable, Hashable {
        /// The rule set's name for it ("KINERJA", "POTENSI").
        public var name: String
        /// In words ("Kinerja (performance)"); may be empty.
        public var label: String
        /// The axis score as the rules print it ("72.50"); empty when there is none (not placed).
        public var score: String
        /// The level ("ATAS", "SESUAI", "BAWAH"; "TINGGI", "MENENGAH", "RENDAH"); empty when there is none.
        public var level: String
        /// Its indicators, in the rule set's order.
        public var indicators: [Indicator]

        public init(name: String, label: String = "", score: String, level: String, indicators: [Indicator]) {
            self.name = name
            self.label = label
            self.score = score
            self.level = level
            self.indicators = indicators
        }
    }

    /// One indicator row: score × weight = weighted, where it came from, and whether data backs it.
    public struct Indicator: Sendable, Hashable {
        /// The indicator's name as in indicators.csv ("SKP", "ASESMEN_POTENSI").
        public var name: String
        /// What it measures, in words; may be empty.
        public var label: String
        /// The score as the rules print it ("80.00"); empty when the employee has no value for it.
        public var score: String
        /// The share of the axis this score carries, in percent (60 for 60 %).
        public var weight: Double
        /// score × weight / 100 as the rules print it ("48.0000"); empty when score is empty.
        public var weighted: String
        /// `PRESENT`, `MISSING` or `NO_RECORD` (the completeness states).
        public var state: String
        /// The window the rows had to fall in, in words ("2023-04-01 … 2026-03-31"); may be empty.
        public var window: String
        /// The input rows it was computed from, one line each ("performance.csv line 12: 2025 BAIK"); empty when none.
        public var evidence: [String]
        /// Points the axis score would gain at the indicator's best score, when data is missing; nil otherwise.
        public var pointsAtStake: Double?

        public init(name: String, label: String = "", score: String, weight: Double, weighted: String, state: String,
                    window: String = "", evidence: [String] = [], pointsAtStake: Double? = nil) {
            self.name = name
            self.label = label
            self.score = score
            self.weight = weight
            self.weighted = weighted
            self.state = state
            self.window = window
            self.evidence = evidence
            self.pointsAtStake = pointsAtStake
        }
    }

    /// A flag on the result, with its meaning in plain words.
    public struct Flag: Sendable, Hashable {
        /// The flag as results carry it ("TANPA_ASESMEN").
        public var code: String
        /// What it means for the employee ("No competency assessment in the last 3 years: it scores 0").
        public var words: String

        public init(code: String, words: String) {
            self.code = code
            self.words = words
        }
    }

    /// The review year Y.
    public var year: Int
    /// The review's reference date D ("2026-03-31").
    public var referenceDate: String
    /// The 18-digit NIP.
    public var nip: String
    /// The employee's name; nil for a reader's copy (names only for the roles allowed to see them).
    public var name: String?
    /// The current position, in words or by code; may be empty.
    public var position: String
    /// The OPD, in words or by code; may be empty.
    public var opd: String
    /// The box (kotak) 1 … 9; nil when not placed.
    public var box: Int?
    /// The best box the employee could reach if every missing and no-record indicator scored its best; nil when not
    /// known.
    public var bestBox: Int?
    /// Why there is no box, in words (e.g. "No SKP in 2022 … 2025 (NO_KINERJA)"); empty when placed.
    public var notPlacedReason: String
    /// Kinerja, then potensi.
    public var axes: [Axis]
    /// The recommendations of the box, in words or codes; may be empty.
    public var recommendations: [String]
    /// The flags, in the order to show them.
    public var flags: [Flag]
    /// The rule set's `name@version`.
    public var ruleSet: String
    /// A caution to print beside the rule set (the BKN 411/2025 preset is reconstructed); empty for none.
    public var ruleSetNote: String
    /// The inputs fingerprint of the result (SHA-256, hexadecimal).
    public var fingerprint: String

    public init(year: Int, referenceDate: String, nip: String, name: String?, position: String, opd: String, box: Int?,
                bestBox: Int? = nil, notPlacedReason: String = "", axes: [Axis], recommendations: [String] = [], flags: [Flag],
                ruleSet: String, ruleSetNote: String = "", fingerprint: String) {
        self.year = year
        self.referenceDate = referenceDate
        self.nip = nip
        self.name = name
        self.position = position
        self.opd = opd
        self.box = box
        self.bestBox = bestBox
        self.notPlacedReason = notPlacedReason
        self.axes = axes
        self.recommendations = recommendations
        self.flags = flags
        self.ruleSet = ruleSet
        self.ruleSetNote = ruleSetNote
        self.fingerprint = fingerprint
    }
}
