extension CompiledAxis {
    /// Scores the axis for one employee (DOMAIN.md §4, §5, §6, §12.2):
    /// 1. each indicator's score (its measure, else its `whenNone`);
    /// 2. the weights: the indicators' own under FIXED; under REWEIGHTED the own weights when every indicator has a
    ///    value, otherwise the case naming exactly those that have one (its flag raised), 0 for the others;
    /// 3. without a value for `notPlacedWithout`: no axis score and no level (not placed; re-weighted indicators
    ///    then weigh 0);
    /// 4. score = round2(Σ weight × score / 100); the level from the cut-offs (lower bounds inclusive, after
    ///    rounding); each cap whose indicator found nothing lowers it to at most its level (recorded when it does);
    ///    each override whose indicator counted a listed SKP predicate sets its level (recorded when it applies).
    /// With the explanation it returns the axis's stakes (`stakes`): what the missing data put at stake.
    /// - Precondition: the rule set passed `validate()` (a case for every set of indicators with a value).
    func evaluate(_ facts: EmployeeFacts, flags: inout PlacementFlags)
        -> (explanation: AxisExplanation<Level>, stakes: AxisStakes<Level>) {
        var rows: [IndicatorExplanation] = []
        rows.reserveCapacity(indicators.count)
        var valued: UInt32 = 0
        var found: UInt32 = 0
        // The SKP predicate each indicator counted (its ordinal, 7 for none): what overrides read.
        var predicates: UInt64 = .max
        for index in indicators.indices {
            let outcome = indicators[index].evaluate(facts, into: &rows, flags: &flags)
            if rows[index].score != nil { valued |= 1 << UInt32(index) }
            if outcome.found { found |= 1 << UInt32(index) }
            if let predicate = outcome.predicate, index < 21 {
                predicates &= ~(7 << UInt64(3 * index))
                predicates |= UInt64(predicate.ordinal) << UInt64(3 * index)
            }
        }
        let placed = required.map { valued & (1 << UInt32($0)) != 0 } ?? true
        var weightCase: String?
        if !isFixed {
            if !placed {
                for index in rows.indices { rows[index].weight = .zero }
            } else if valued != allMask {
                guard let chosen = cases.first(where: { $0.mask == valued }) else {
                    preconditionFailure("the rule set has no weight case for the indicators with a value")
                }
                weightCase = chosen.name
                if let flag = chosen.flag { flags.insert(flag) }
                for index in rows.indices { rows[index].weight = chosen.weights[index] }
            }
        }
        let stakes = self.stakes(rows, valued: valued, found: found, predicates: predicates)
        guard placed else {
            return (AxisExplanation(score: nil, level: nil, levelFromScore: nil, highMinimum: highMinimum,
                                    middleMinimum: middleMinimum, weightCase: nil, adjustments: [], indicators: rows),
                    stakes)
        }
        let score = Score.weightedSum(rows.lazy.compactMap { row in row.score.map { (row.weight, $0) } })
        let (level, fromScore, adjustments) = self.level(score, found: found, predicates: predicates)
        for cap in caps where found & (1 << UInt32(cap.index)) == 0 {
            if let flag = cap.flag { flags.insert(flag) }
        }
        return (AxisExplanation(score: score, level: level, levelFromScore: fromScore, highMinimum: highMinimum,
                                middleMinimum: middleMinimum, weightCase: weightCase, adjustments: adjustments,
                                indicators: rows),
                stakes)
    }

    /// The level of an axis score: the highest whose cut-off it reaches (lower bounds inclusive, after rounding);
    /// then each cap whose indicator found nothing (not in `found`) lowers it to at most its level, and each
    /// override whose indicator counted a listed SKP predicate (`predicates`, 3 bits per indicator, 7 for none)
    /// sets it; the caps and overrides that changed it are returned in the rule set's order.
    func level(_ score: Score, found: UInt32, predicates: UInt64)
        -> (level: Level, fromScore: Level, adjustments: [LevelAdjustment<Level>]) {
        let fromScore = Level(rank: score >= highMinimum ? 2 : score >= middleMinimum ? 1 : 0)
        var level = fromScore
        var adjustments: [LevelAdjustment<Level>] = []
        for cap in caps where found & (1 << UInt32(cap.index)) == 0 && level > cap.atMost {
            level = cap.atMost
            adjustments.append(LevelAdjustment(kind: .cap, indicator: indicators[cap.index].name, level: cap.atMost))
        }
        for override in overrides {
            let ordinal = (predicates >> UInt64(3 * override.index)) & 7
            guard override.index < 21, ordinal < 5, override.predicates & (1 << ordinal) != 0 else { continue }
            level = override.level
            adjustments.append(LevelAdjustment(kind: .override, indicator: indicators[override.index].name,
                                               level: override.level))
        }
        return (level, fromScore, adjustments)
    }
}
