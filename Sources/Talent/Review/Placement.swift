/// One assessed employee's result: a row of placements.csv (DOMAIN.md §11) with its explanation and inputs fingerprint.
public struct Placement: Hashable, Codable, Sendable {
    public var nip: String
    /// Y.
    public var year: Int
    public var status: PlacementStatus
    /// Set exactly when not placed.
    public var reason: UnplacedReason?
    /// T, the level the employee is assessed against.
    public var targetLevel: StructuralLevel
    /// Rounded kinerja score; nil when not placed.
    public var kinerjaScore: Score?
    public var kinerjaLevel: KinerjaLevel?
    /// Rounded potensi score (computed and shown even when not placed).
    public var potensiScore: Score
    public var potensiLevel: PotensiLevel
    /// nil when not placed.
    public var box: Box?
    /// The box's recommendations in DOMAIN.md §1 order; empty when not placed.
    public var recommendations: [Recommendation]
    /// Member of the talent pool (KRS instansi) for T.
    public var isPoolMember: Bool
    /// Failing pool codes in DOMAIN.md §7 order; empty for a member.
    public var poolBlockers: [PoolBlocker]
    /// A pool member in a national box.
    public var krsNasional: Bool
    /// Alphabetical, each once.
    public var flags: [PlacementFlag]
    /// `name@version` of the rule set.
    public var ruleVersion: String
    public var explanation: Explanation
    /// Hex SHA-256 of the inputs that counted (see `Fingerprint`).
    public var fingerprint: String
    /// The best box the employee could reach if every MISSING and NO_RECORD indicator scored its best, the required
    /// indicator of an unplaced employee (SKP) included (issue 16's upper bound; see `CompiledAxis.stakes`); nil for
    /// a placement stored before migration 0020.
    public var bestBox: Box?
    /// Each indicator row's points at stake, aligned with `indicators` (KINERJA first, the rule set's order): 0 for a
    /// PRESENT row, for a MISSING or NO_RECORD one the weighted points its missing data would add at their best
    /// (`CompiledAxis.stakes`); empty for a placement stored before migration 0020.
    public var pointsAtStake: [WeightedScore]

    /// The indicator rows of both axes (indicators.csv's rows of this placement, DOMAIN.md §11), KINERJA first, in the
    /// rule set's order, with each row's state, best score and points at stake; empty for a placement stored before
    /// the indicator axes.
    public var indicators: [IndicatorRow] {
        var rows = explanation.indicatorRows
        if rows.count == pointsAtStake.count {
            for index in rows.indices { rows[index].pointsAtStake = pointsAtStake[index] }
        }
        return rows
    }
}
