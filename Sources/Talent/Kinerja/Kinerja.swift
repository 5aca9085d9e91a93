/// The kinerja (performance) axis, DOMAIN.md §4.
///
/// 1. Rows for year Y or later are invalid (left out, flag INVALID_PERFORMANCE); rows before Y − lookBackYears are
///    ignored. A row's predicate wins over its legacy score; a legacy score reads through the rule set's bands.
/// 2. Several rows for one year in the window: the lowest predicate counts and the employee is flagged DUPLICATE_YEAR.
/// 3. The two most recent years in the window are latest and previous:
///    score = latestWeight × points(latest) + previousWeight × points(previous), rounded half-up to 2 places; with one
///    year, that year's points and flag KINERJA_PARTIAL.
/// 4. Level: ≥ atasMinimum ATAS, ≥ sesuaiMinimum SESUAI, else BAWAH; BAWAH whenever latest is in bawahWhenLatestIs.
/// 5. No year in the window: no kinerja (the employee is not placed).
public enum KinerjaRule {
    /// The kinerja of one employee.
    /// - Parameters:
    ///   - rows: the employee's statically valid performance rows.
    ///   - context: the review's Y.
    ///   - rules: the rule set's kinerja section.
    /// - Returns: the result with its explanation; `score`/`level` are nil when no year in the window is valid.
    public static func evaluate(_ rows: [PerformanceRecord], context: ReviewContext, rules: KinerjaRules) -> KinerjaResult {
        let lastYear = context.year - 1
        let firstYear = context.year - rules.lookBackYears
        var flags: PlacementFlags = []
        var leftOut: [LeftOutRow] = []
        // Slot 0 is Y − 1, the latest year of the window.
        let span = max(rules.lookBackYears, 0)
        var lowest = [PerformancePredicate?](repeating: nil, count: span)
        var rowsPerYear = [Int](repeating: 0, count: span)
        for row in rows {
            if row.year > lastYear {
                flags.insert(.invalidPerformance)
                leftOut.append(LeftOutRow(kind: .performance, detail: "year \(row.year) is not before the review year \(context.year)"))
                continue
            }
            guard row.year >= firstYear else { continue }
            let slot = lastYear - row.year
            let counted = predicate(of: row, rules: rules)
            rowsPerYear[slot] += 1
            lowest[slot] = lowest[slot].map { min($0, counted) } ?? counted
        }
        var years: [KinerjaYear] = []
        years.reserveCapacity(span)
        for slot in 0..<span {
            guard let counted = lowest[slot] else { continue }
            if rowsPerYear[slot] > 1 { flags.insert(.duplicateYear) }
            years.append(KinerjaYear(year: lastYear - slot, predicate: counted,
                                     points: rules.predicatePoints[counted] ?? .zero, weight: .zero,
                                     rowsForYear: rowsPerYear[slot]))
        }
        let window = firstYear...lastYear
        guard !years.isEmpty else {
            return KinerjaResult(score: nil, level: nil, flags: flags, leftOut: leftOut,
                                 explanation: KinerjaExplanation(windowFirstYear: window.lowerBound, windowLastYear: window.upperBound,
                                                                 yearsUsed: [], partial: false, score: nil,
                                                                 atasMinimum: rules.atasMinimum, sesuaiMinimum: rules.sesuaiMinimum,
                                                                 latestOverride: false, level: nil))
        }
        var used: [KinerjaYear]
        let score: Score
        if years.count >= 2 {
            used = [years[0], years[1]]
            used[0].weight = rules.latestWeight
            used[1].weight = rules.previousWeight
            score = Score.weightedSum(used.lazy.map { ($0.weight, $0.points) })
        } else {
            used = [years[0]]
            used[0].weight = .one
            score = used[0].points
            flags.insert(.kinerjaPartial)
        }
        var level: KinerjaLevel = score >= rules.atasMinimum ? .atas : score >= rules.sesuaiMinimum ? .sesuai : .bawah
        let override = rules.bawahWhenLatestIs.contains(used[0].predicate)
        if override { level = .bawah }
        let explanation = KinerjaExplanation(
            windowFirstYear: window.lowerBound, windowLastYear: window.upperBound, yearsUsed: used,
            partial: used.count == 1, score: score, atasMinimum: rules.atasMinimum, sesuaiMinimum: rules.sesuaiMinimum,
            latestOverride: override, level: level)
        return KinerjaResult(score: score, level: level, flags: flags, leftOut: leftOut, explanation: explanation)
    }

    /// The predicate a row stands for: its predicate, else its legacy score read through the bands (PP 46/2011).
    public static func predicate(of row: PerformanceRecord, rules: KinerjaRules) -> PerformancePredicate {
        if let predicate = row.predicate { return predicate }
        let score = row.score ?? .zero
        return rules.legacyBands.first { score >= $0.minimum }?.predicate ?? rules.legacyBands.last?.predicate ?? .sangatKurang
    }
}

/// The outcome of `KinerjaRule.evaluate`.
public struct KinerjaResult: Hashable, Sendable {
    /// Rounded score, nil without a valid year.
    public let score: Score?
    public let level: KinerjaLevel?
    /// DUPLICATE_YEAR, KINERJA_PARTIAL, INVALID_PERFORMANCE (for rows of year ≥ Y).
    public let flags: PlacementFlags
    /// Rows left out because of the review year.
    public let leftOut: [LeftOutRow]
    public let explanation: KinerjaExplanation
}
