/// What an employee's missing data put at stake on one axis (issue 16's completeness): each indicator row's points
/// at stake and the level the axis would reach if every MISSING and NO_RECORD indicator scored its best.
struct AxisStakes<Level: GridLevel> {
    /// One per indicator row, in the rule set's order.
    var points: [WeightedScore]
    /// The level with every MISSING and NO_RECORD indicator at its best (an unplaced employee's required indicator,
    /// SKP, included); nil only for a rule set whose required indicator can be PRESENT without a value.
    var bestLevel: Level?
}

extension CompiledAxis {
    /// The stakes of one employee's axis, from the rows `evaluate` scored [default: issue 16's definitions]:
    /// - points at stake: 0 for a PRESENT row; for a MISSING or NO_RECORD row, (its score at best − its score, an
    ///   empty score counting 0) × the weight it would carry with a value / 100, never below 0. The weight with a
    ///   value is its own under FIXED weights; under REWEIGHTED the weight of the case where it has a value and the
    ///   others keep theirs (its own when that is every indicator; 0 when no case names that set, as for a second
    ///   SKP year without a first: the axis would still not be formed). A row's score at best is the `best` its rule
    ///   declares, except for a composite, whose score at best is its parts' weighted sum with each MISSING or
    ///   NO_RECORD part at its own score at best: what the missing records could add, not what better records of the
    ///   parts that are present could (a composite's declared `best` would count those too).
    /// - best level: the axis computed as `evaluate` does with every MISSING and NO_RECORD row at its score at best
    ///   (the re-weighting case of the rows then with a value; caps only for indicators that are PRESENT without a
    ///   row found; overrides from the predicates the present rows counted).
    /// - Parameters:
    ///   - rows: the rows `evaluate` scored, with the employee's weights.
    ///   - valued: the rows with a score; `found`: the rows whose measure found a row; `predicates`: the SKP
    ///     predicate each row counted (3 bits per row, 7 for none), as `evaluate` keeps them.
    func stakes(_ rows: [IndicatorExplanation], valued: UInt32, found: UInt32, predicates: UInt64) -> AxisStakes<Level> {
        var points: [WeightedScore] = []
        points.reserveCapacity(rows.count)
        var filled: [Score?] = []
        filled.reserveCapacity(rows.count)
        var filledMask = valued
        // Rows raised to their best count as found: a cap on them no longer applies.
        var foundAtBest = found
        for index in rows.indices {
            let row = rows[index]
            guard row.state != .present else {
                points.append(WeightedScore(score: .zero, weight: .zero))
                filled.append(row.score)
                continue
            }
            let atBest = Self.scoreAtBest(row)
            let bit = UInt32(1) << UInt32(index)
            let gain = Score(hundredths: max(0, atBest.hundredths - (row.score ?? .zero).hundredths))
            points.append(WeightedScore(score: gain, weight: weightWithValue(index, valued: valued | bit)))
            filled.append(atBest)
            filledMask |= bit
            foundAtBest |= bit
        }
        if let required, filledMask & (1 << UInt32(required)) == 0 {
            return AxisStakes(points: points, bestLevel: nil)
        }
        var weights = ownWeights
        if !isFixed, filledMask != allMask, let chosen = cases.first(where: { $0.mask == filledMask }) {
            weights = chosen.weights
        }
        let score = Score.weightedSum(filled.indices.lazy.compactMap { index in
            filled[index].map { (weights[index], $0) }
        })
        return AxisStakes(points: points, bestLevel: level(score, found: foundAtBest, predicates: predicates).level)
    }

    /// The weight row `index` carries when exactly the rows of `mask` have a value.
    private func weightWithValue(_ index: Int, valued mask: UInt32) -> Weight {
        if isFixed || mask == allMask { return ownWeights[index] }
        return cases.first { $0.mask == mask }?.weights[index] ?? .zero
    }

    /// A MISSING or NO_RECORD row's score with its missing data at their best (see `stakes`); a PRESENT row's own
    /// score.
    static func scoreAtBest(_ row: IndicatorExplanation) -> Score {
        guard row.state != .present else { return row.score ?? .zero }
        guard !row.parts.isEmpty else { return row.best }
        return Score.weightedSum(row.parts.lazy.map { ($0.weight, scoreAtBest($0)) })
    }
}
