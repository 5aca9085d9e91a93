/// One page of kelengkapan data (data completeness) for an OPD or the whole city: for each indicator of the rule set,
/// how many employees have data behind it, and what to collect first. Plain figures in, filled by whoever computes
/// completeness (Issue 16); the page renders them as given and computes only shares.
public struct CompletenessPage: Sendable, Hashable {
    /// One checklist row: an indicator and how many employees are in each state.
    public struct Indicator: Sendable, Hashable {
        /// The axis it belongs to, as the rule set names it ("KINERJA", "POTENSI").
        public var axis: String
        /// The indicator's name as in indicators.csv ("SKP", "ASESMEN_POTENSI").
        public var indicator: String
        /// What it measures, in words ("the eight potential aspects"); may be empty.
        public var label: String
        /// Employees with a valid row in the indicator's window (state PRESENT).
        public var present: Int
        /// Employees whose data is missing (state MISSING: no valid row where one is expected, e.g. TANPA_ASESMEN).
        public var missing: Int
        /// Employees with no record where none may be true (state NO_RECORD: awards, team decrees, acting posts).
        public var noRecord: Int
        /// The weighted points one employee's axis score would gain at the indicator's best score (0 … 100).
        public var pointsAtStake: Double

        public init(axis: String, indicator: String, label: String = "", present: Int, missing: Int, noRecord: Int,
                    pointsAtStake: Double) {
            self.axis = axis
            self.indicator = indicator
            self.label = label
            self.present = present
            self.missing = missing
            self.noRecord = noRecord
            self.pointsAtStake = pointsAtStake
        }

        /// Everyone counted in the row.
        public var employees: Int { present + missing + noRecord }
    }

    /// One entry of the "collect first" list, in the order to collect.
    public struct Priority: Sendable, Hashable {
        public var axis: String
        public var indicator: String
        /// Employees to collect it from.
        public var employees: Int
        /// Points at stake per employee (as in ``Indicator/pointsAtStake``).
        public var pointsAtStake: Double
        /// The figure the list is ranked by (points at stake × employees missing, as the caller computed it).
        public var priority: Double
        /// What to ask for, in words ("the latest potential assessment (asesmen potensi) of the last 3 years");
        /// may be empty.
        public var action: String

        public init(axis: String, indicator: String, employees: Int, pointsAtStake: Double, priority: Double,
                    action: String = "") {
            self.axis = axis
            self.indicator = indicator
            self.employees = employees
            self.pointsAtStake = pointsAtStake
            self.priority = priority
            self.action = action
        }
    }

    /// The review year Y.
    public var year: Int
    /// The OPD code ("BPKAD"); nil for the city.
    public var opdCode: String?
    /// The OPD's name, or the city's heading ("Kota Bontang").
    public var title: String
    /// The rule set's `name@version` ("bkn-411-2025/preset@1").
    public var ruleSet: String
    /// A caution to print beside the rule set, e.g. that the BKN 411/2025 preset is reconstructed from public
    /// implementations and not from the decree's Lampiran; empty for none.
    public var ruleSetNote: String
    /// Employees assessed in scope (placed or not).
    public var employees: Int
    /// Employees with every indicator PRESENT.
    public var fullyComplete: Int
    /// The checklist, in the rule set's indicator order.
    public var indicators: [Indicator]
    /// What to collect first, best first; empty when nothing is missing.
    public var collectFirst: [Priority]
    /// Records to ask about next, best first: indicators with no record, where none may be true (awards, team
    /// decrees, acting posts), ranked like ``collectFirst`` by the points at stake of the employees without one;
    /// empty for none.
    public var askNext: [Priority]
    /// Employees with at least one indicator MISSING (the OPD's chase list); nil when not counted.
    public var withMissing: Int?
    /// Employees whose best reachable box differs from their box (or who could be placed): whose box the data can
    /// still change; nil when not counted.
    public var boxCanChange: Int?

    public init(year: Int, opdCode: String?, title: String, ruleSet: String, ruleSetNote: String = "",
                employees: Int, fullyComplete: Int, indicators: [Indicator], collectFirst: [Priority],
                askNext: [Priority] = [], withMissing: Int? = nil, boxCanChange: Int? = nil) {
        self.year = year
        self.opdCode = opdCode
        self.title = title
        self.ruleSet = ruleSet
        self.ruleSetNote = ruleSetNote
        self.employees = employees
        self.fullyComplete = fullyComplete
        self.indicators = indicators
        self.collectFirst = collectFirst
        self.askNext = askNext
        self.withMissing = withMissing
        self.boxCanChange = boxCanChange
    }

    /// "name (CODE)", the code alone when the name is empty or the code, the title for the city.
    public var heading: String {
        guard let opdCode, !title.isEmpty, title != opdCode else { return opdCode ?? title }
        return "\(title) (\(opdCode))"
    }
}
