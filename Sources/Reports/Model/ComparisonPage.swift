/// A what-if scenario compared with its base (the official review of the year, or another scenario), as a page:
/// the 10 × 10 box transition matrix (nine boxes and not placed), the largest movements, the headline counts per OPD,
/// the talent pool members gained and lost, the target positions whose designated successor changes, and the mean
/// change of each indicator. Plain figures in, filled by whoever reads the comparison; the page computes only the
/// largest movements and shares. Employees are named by NIP only.
public struct ComparisonPage: Sendable, Hashable {
    /// One side of the comparison, as people should read it.
    public struct Side: Sendable, Hashable {
        /// "official review" or "scenario preset".
        public var label: String
        /// The rule set, `name@version`.
        public var ruleSet: String
        /// The rule set's provenance when it states one (shown beside it: the BKN 411/2025 preset is reconstructed).
        public var provenance: String?
        /// D, `YYYY-MM-DD`.
        public var referenceDate: String

        public init(label: String, ruleSet: String, provenance: String?, referenceDate: String) {
            self.label = label
            self.ruleSet = ruleSet
            self.provenance = provenance
            self.referenceDate = referenceDate
        }
    }

    /// The headline counts of the page's scope or of one OPD.
    public struct Totals: Sendable, Hashable {
        /// The OPD's code, nil for the page's headline.
        public var opdCode: String?
        /// The OPD's name; may be empty.
        public var opdName: String
        /// Employees assessed on both sides.
        public var employees: Int
        public var boxChanged: Int
        public var poolGained: Int
        public var poolLost: Int
        public var successorsChanged: Int

        public init(opdCode: String?, opdName: String, employees: Int, boxChanged: Int, poolGained: Int, poolLost: Int,
                    successorsChanged: Int) {
            self.opdCode = opdCode
            self.opdName = opdName
            self.employees = employees
            self.boxChanged = boxChanged
            self.poolGained = poolGained
            self.poolLost = poolLost
            self.successorsChanged = successorsChanged
        }
    }

    /// An employee who joins or leaves the talent pool (KRS instansi).
    public struct PoolChange: Sendable, Hashable {
        public var nip: String
        public var opdCode: String
        public var targetLevel: String
        public var gained: Bool
        /// Boxes as printed ("7", or "–" for not placed).
        public var fromBox: String
        public var toBox: String
        /// Why not a member on the side where they are not ("BOX; DISIPLIN").
        public var blockers: String

        public init(nip: String, opdCode: String, targetLevel: String, gained: Bool, fromBox: String, toBox: String,
                    blockers: String) {
            self.nip = nip
            self.opdCode = opdCode
            self.targetLevel = targetLevel
            self.gained = gained
            self.fromBox = fromBox
            self.toBox = toBox
            self.blockers = blockers
        }
    }

    /// A target position (jabatan target) whose designated successor (rank 1) changes.
    public struct SuccessorChange: Sendable, Hashable {
        public var positionCode: String
        public var opdCode: String
        /// CHANGED, LOST or GAINED.
        public var change: String
        /// NIP and readiness on each side ("198501012010031001 (SIAP_SEKARANG)"), or "none".
        public var from: String
        public var to: String

        public init(positionCode: String, opdCode: String, change: String, from: String, to: String) {
            self.positionCode = positionCode
            self.opdCode = opdCode
            self.change = change
            self.from = from
            self.to = to
        }
    }

    /// One indicator's mean on each side; a side without the indicator has empty texts.
    public struct IndicatorChange: Sendable, Hashable {
        public var axis: String
        public var indicator: String
        /// Mean scores as printed ("72.35"), and their change ("-4.10"); empty where a side lacks the indicator.
        public var fromMean: String
        public var toMean: String
        public var change: String

        public init(axis: String, indicator: String, fromMean: String, toMean: String, change: String) {
            self.axis = axis
            self.indicator = indicator
            self.fromMean = fromMean
            self.toMean = toMean
            self.change = change
        }
    }

    /// A cell of the matrix off its diagonal: employees who move from one box to another.
    public struct Movement: Sendable, Hashable {
        /// Indexes into ``boxLabels``.
        public var from: Int
        public var to: Int
        public var employees: Int
    }

    /// The labels of the matrix's rows and columns, in order: kotak 1 … 9, then not placed.
    public static let boxLabels = (1...9).map(String.init) + ["–"]
    /// What "–" stands for.
    public static let notPlacedLabel = "belum terpetakan (not placed)"

    public var year: Int
    public var base: Side
    public var scenario: Side
    /// "the city, 32 OPDs" or "OPD BPKAD".
    public var scope: String
    /// `matrix[from][to]`: employees in box ``boxLabels``[from] in the base and [to] in the scenario; 10 × 10.
    public var matrix: [[Int]]
    /// The scope's headline counts.
    public var headline: Totals
    /// Employees assessed on one side only (in no other figure).
    public var baseOnly: Int
    public var scenarioOnly: Int
    /// One row per OPD (empty for a one-OPD page).
    public var opds: [Totals]
    public var poolChanges: [PoolChange]
    public var successorChanges: [SuccessorChange]
    public var indicatorChanges: [IndicatorChange]

    public init(year: Int, base: Side, scenario: Side, scope: String, matrix: [[Int]], headline: Totals, baseOnly: Int,
                scenarioOnly: Int, opds: [Totals], poolChanges: [PoolChange], successorChanges: [SuccessorChange],
                indicatorChanges: [IndicatorChange]) {
        precondition(matrix.count == Self.boxLabels.count && matrix.allSatisfy { $0.count == Self.boxLabels.count },
                     "a transition matrix is \(Self.boxLabels.count) × \(Self.boxLabels.count)")
        self.year = year
        self.base = base
        self.scenario = scenario
        self.scope = scope
        self.matrix = matrix
        self.headline = headline
        self.baseOnly = baseOnly
        self.scenarioOnly = scenarioOnly
        self.opds = opds
        self.poolChanges = poolChanges
        self.successorChanges = successorChanges
        self.indicatorChanges = indicatorChanges
    }

    /// The cells off the diagonal with anyone in them, most employees first (ties: by row, then column), at most
    /// `limit`.
    public func largestMovements(limit: Int = 10) -> [Movement] {
        var cells = [Movement]()
        for (from, row) in matrix.enumerated() {
            for (to, count) in row.enumerated() where from != to && count > 0 {
                cells.append(Movement(from: from, to: to, employees: count))
            }
        }
        return Array(cells.sorted { ($1.employees, $0.from, $0.to) < ($0.employees, $1.from, $1.to) }.prefix(limit))
    }

    /// Employees in the matrix.
    public var employees: Int { matrix.joined().reduce(0, +) }
}
