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
    /// - Precondition: the rule set passed `validate()` (a case for every set of indicators with a value).
    func evaluate(_ facts: EmployeeFacts, flags: inout PlacementFlags) -> AxisExplanation<Level> {
        var rows: [IndicatorExplanation] = []
        rows.reserveCapacity(indicators.count)
        var valued: UInt32 = 0
        var found: UInt32 = 0
        var predicates: [PerformancePredicate?] = overrides.isEmpty ? [] : Array(repeating: nil, count: indicators.count)
        for (index, indicator) in indicators.enumerated() {
            let outcome = indicator.evaluate(facts, flags: &flags)
            if outcome.explanation.score != nil { valued |= 1 << UInt32(index) }
            if outcome.found { found |= 1 << UInt32(index) }
            if !overrides.isEmpty { predicates[index] = outcome.predicate }
            rows.append(outcome.explanation)
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
        guard placed else {
            return AxisExplanation(score: nil, level: nil, levelFromScore: nil, highMinimum: highMinimum,
                                   middleMinimum: middleMinimum, weightCase: nil, adjustments: [], indicators: rows)
        }
        let score = Score.weightedSum(rows.lazy.compactMap { row in row.score.map { (row.weight, $0) } })
        let fromScore = Level(rank: score >= highMinimum ? 2 : score >= middleMinimum ? 1 : 0)
        var level = fromScore
        var adjustments: [LevelAdjustment<Level>] = []
        for cap in caps where found & (1 << UInt32(cap.index)) == 0 {
            if let flag = cap.flag { flags.insert(flag) }
            if level > cap.atMost {
                level = cap.atMost
                adjustments.append(LevelAdjustment(kind: .cap, indicator: indicators[cap.index].name, level: cap.atMost))
            }
        }
        for override in overrides {
            guard let predicate = predicates[override.index], override.predicates & (1 << predicate.ordinal) != 0
            else { continue }
            level = override.level
            adjustments.append(LevelAdjustment(kind: .override, indicator: indicators[override.index].name,
                                               level: override.level))
        }
        return AxisExplanation(score: score, level: level, levelFromScore: fromScore, highMinimum: highMinimum,
                               middleMinimum: middleMinimum, weightCase: weightCase, adjustments: adjustments,
                               indicators: rows)
    }
}
