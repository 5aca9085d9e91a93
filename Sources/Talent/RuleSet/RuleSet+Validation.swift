/// A problem that makes a rule set unusable, naming where it is in the JSON document.
public struct RuleSetProblem: Error, Hashable, Sendable, CustomStringConvertible {
    /// The JSON path of the value at fault (`potensi.indicators[1].weight`), empty for the whole document.
    public let path: String
    /// What is wrong.
    public let problem: String
    /// `rule set name@version: path: problem`.
    public let message: String

    public var description: String { message }
}

extension RuleSet {
    /// Checks that the rules can run on every input and mean what the document says:
    /// - a requirement row per level (competency standard 1–5), a target level for every position kind and jenjang,
    ///   a default duration per penalty level, windows ≥ 1, candidates kept ≥ 1, weights ≥ 0;
    /// - per axis: at most 20 indicators, named `[A-Z0-9_]+`, unique; whole-percent weights summing to 100 (on each re-weighting
    ///   case and each composite too); a case for every set of indicators that can have a value, except all of
    ///   them; a `whenNone` exactly where the measure can find nothing, with a score wherever a value is needed
    ///   (fixed weights, composite parts); `best` in 0–100 and not below that score; cut-offs for the middle and
    ///   high levels, high above middle; caps, overrides and `notPlacedWithout` naming indicators that can find
    ///   nothing (overrides: an SKP year); `notPlacedWithout` on KINERJA only;
    /// - per measure: ladders complete (a point for every predicate, award level, role and scope, penalty level),
    ///   ordered (bands by descending minimum, no duplicates), points in 0–100; competency and aspect weights ≥ 0
    ///   with a positive sum; D4 and S1 equal.
    /// - Returns: every problem found, each naming its JSON path; empty when the rule set is usable.
    public func validate() -> [RuleSetProblem] {
        var check = RuleSetChecker(id: id)
        if name.isEmpty { check.fail("name", "is empty") }
        if version < 1 { check.fail("version", "\(version) is below 1") }
        if let provenance, provenance.isEmpty { check.fail("provenance", "is empty (leave it out instead)") }
        if assessedStates.isEmpty { check.fail("assessedStates", "is empty") }
        for level in StructuralLevel.allCases {
            guard let requirement = levels[level] else {
                check.fail("levels", "has no row for \(level.rawValue)")
                continue
            }
            if !(1...5).contains(requirement.competencyStandard) {
                check.fail("levels.\(level.rawValue).competencyStandard", "must be 1 … 5")
            }
        }
        for kind in PositionKind.allCases {
            let jenjangs: [Jenjang?] = kind == .fungsional ? Jenjang.allCases.map { $0 } : [nil]
            for jenjang in jenjangs where targetLevel(kind: kind, jenjang: jenjang) == nil {
                check.fail("targetLevels", "has no row for \(kind.rawValue) \(jenjang?.rawValue ?? "")")
            }
        }
        for level in PenaltyLevel.allCases where penalties.defaultDurationMonths[level] == nil {
            check.fail("penalties.defaultDurationMonths", "has no \(level.rawValue)")
        }
        if penalties.defaultDurationMonths.values.contains(where: { $0 < 0 }) {
            check.fail("penalties.defaultDurationMonths", "a duration is negative")
        }
        if pool.disciplineWindowYears < 1 {
            check.fail("pool.disciplineWindowYears", "\(pool.disciplineWindowYears) is below 1 year")
        }
        if succession.candidatesKept < 1 { check.fail("succession.candidatesKept", "is below 1") }
        if succession.nilaiKinerjaWeight < .zero { check.fail("succession.nilaiKinerjaWeight", "is negative") }
        if succession.nilaiPotensiWeight < .zero { check.fail("succession.nilaiPotensiWeight", "is negative") }
        check.axis(kinerja, at: "kinerja")
        check.axis(potensi, at: "potensi")
        if potensi.notPlacedWithout != nil {
            check.fail("potensi.notPlacedWithout", "only KINERJA may leave an employee not placed (NO_KINERJA)")
        }
        return check.problems
    }
}

/// Collects the problems of one rule set.
struct RuleSetChecker {
    let id: String
    private(set) var problems: [RuleSetProblem] = []

    init(id: String) { self.id = id }

    mutating func fail(_ path: String, _ problem: String) {
        problems.append(RuleSetProblem(path: path, problem: problem, message: "rule set \(id): \(path): \(problem)"))
    }

    mutating func axis<Level: GridLevel>(_ axis: Axis<Level>, at path: String) {
        let names = axis.indicators.map(\.indicator)
        if names.count > 20 { fail(path + ".indicators", "has \(names.count) indicators; an axis has at most 20") }
        indicators(axis.indicators, at: path + ".indicators", wholePercents: true,
                   valueNeeded: { rule in
                       axis.weighting.policy == .fixed && rule.indicator != axis.notPlacedWithout
                   })
        // Indicators that can be without a value: those the re-weighting cases are about.
        let canLack = axis.indicators.filter { $0.measure.kind.canFindNothing && $0.whenNone?.score == nil }
            .map(\.indicator)
        switch axis.weighting.policy {
        case .fixed:
            if !axis.weighting.cases.isEmpty { fail(path + ".weighting.cases", "FIXED weights take no cases") }
        case .reweighted:
            var seen: Set<Set<String>> = []
            for (index, weightCase) in axis.weighting.cases.enumerated() {
                let casePath = path + ".weighting.cases[\(index)]"
                if weightCase.name.isEmpty { fail(casePath + ".name", "is empty") }
                let keys = Set(weightCase.weights.keys)
                for key in keys.sorted() where !names.contains(key) {
                    fail(casePath + ".weights.\(key)", "is not an indicator of the axis")
                }
                if keys == Set(names) {
                    fail(casePath + ".weights", "names every indicator: those weights are the indicators' own")
                }
                if !seen.insert(keys).inserted { fail(casePath + ".weights", "repeats the indicators of an earlier case") }
                for key in keys.sorted() {
                    let weight = weightCase.weights[key]!
                    if weight < .zero || !weight.isWholePercent {
                        fail(casePath + ".weights.\(key)", "\(weight.percentDescription) is not a whole percent ≥ 0")
                    }
                }
                let sum = weightCase.weights.values.reduce(0) { $0 + $1.tenThousandths }
                if sum != Weight.one.tenThousandths {
                    fail(casePath + ".weights", "sum to \(Weight(tenThousandths: sum).percentDescription), not 100")
                }
            }
            // Every combination of the indicators that can lack a value needs its weights (beside "all").
            if canLack.count > 12 {
                fail(path + ".indicators", "more than 12 indicators can be without a value")
            } else {
                let always = Set(names).subtracting(canLack)
                for mask in 0..<(1 << canLack.count) {
                    var present = always
                    for (bit, name) in canLack.enumerated() where mask & (1 << bit) != 0 { present.insert(name) }
                    if let required = axis.notPlacedWithout, !present.contains(required) { continue }
                    if present == Set(names) || seen.contains(present) { continue }
                    fail(path + ".weighting.cases", "no case for the indicators with a value: "
                         + (present.isEmpty ? "(none)" : present.sorted().joined(separator: ", ")))
                }
            }
        }
        let levelNames = Level.allCases.filter { $0.rank > 0 }
        for level in levelNames where axis.cutOffs[level] == nil {
            fail(path + ".cutOffs", "has no \(level.rawValue)")
        }
        for level in axis.cutOffs.keys where level.rank == 0 {
            fail(path + ".cutOffs.\(level.rawValue)", "the lowest level has no cut-off")
        }
        let middle = Level(rank: 1), high = Level(rank: 2)
        if let low = axis.cutOffs[middle], let top = axis.cutOffs[high], top <= low {
            fail(path + ".cutOffs", "\(high.rawValue) \(top) must be above \(middle.rawValue) \(low)")
        }
        if let low = axis.cutOffs[middle], low < .zero { fail(path + ".cutOffs.\(middle.rawValue)", "is negative") }
        for (index, cap) in axis.caps.enumerated() where !canLackIndicator(axis, cap.without) {
            fail(path + ".caps[\(index)].without", "\(cap.without) is not an indicator of the axis that can find nothing")
        }
        for (index, override) in axis.overrides.enumerated() {
            let overridePath = path + ".overrides[\(index)]"
            guard let rule = axis.indicator(override.indicator), case .skpYear = rule.measure else {
                fail(overridePath + ".indicator", "\(override.indicator) is not an SKP_YEAR indicator of the axis")
                continue
            }
            if override.predicates.isEmpty { fail(overridePath + ".predicates", "is empty") }
        }
        if let required = axis.notPlacedWithout {
            if let rule = axis.indicator(required) {
                if !rule.measure.kind.canFindNothing || rule.whenNone?.score != nil {
                    fail(path + ".notPlacedWithout", "\(required) always has a value")
                }
            } else {
                fail(path + ".notPlacedWithout", "\(required) is not an indicator of the axis")
            }
        }
    }

    private func canLackIndicator<Level>(_ axis: Axis<Level>, _ name: String) -> Bool {
        guard let rule = axis.indicator(name) else { return false }
        return rule.measure.kind.canFindNothing
    }

    /// Checks a list of indicators (an axis's, or a composite's parts).
    /// - Parameter valueNeeded: whether an indicator without a measured value must still score (a `whenNone.score`).
    mutating func indicators(_ rules: [IndicatorRule], at path: String, wholePercents: Bool,
                             valueNeeded: (IndicatorRule) -> Bool) {
        if rules.isEmpty { fail(path, "is empty") }
        var seen: Set<String> = []
        var sum = 0
        for (index, rule) in rules.enumerated() {
            let rulePath = path + "[\(index)]"
            let name = rule.indicator
            if name.isEmpty || !name.utf8.allSatisfy({ ($0 >= 65 && $0 <= 90) || ($0 >= 48 && $0 <= 57) || $0 == 95 }) {
                fail(rulePath + ".indicator", "'\(name)' must be capital letters, digits and _")
            }
            if !seen.insert(name).inserted { fail(rulePath + ".indicator", "\(name) is repeated") }
            if rule.weight < .zero || (wholePercents && !rule.weight.isWholePercent) {
                fail(rulePath + ".weight", "\(rule.weight.percentDescription) is not a whole percent ≥ 0")
            }
            sum += rule.weight.tenThousandths
            let canFindNothing = rule.measure.kind.canFindNothing
            switch (canFindNothing, rule.whenNone) {
            case (true, nil):
                fail(rulePath + ".whenNone", "is missing: \(rule.measure.kind.rawValue) can find nothing")
            case (false, _?):
                fail(rulePath + ".whenNone", "is not read: \(rule.measure.kind.rawValue) always gives a value")
            case let (true, whenNone?):
                if whenNone.score == nil, valueNeeded(rule) {
                    fail(rulePath + ".whenNone.score", "is needed: without a row \(name) must still score")
                }
                if let score = whenNone.score {
                    points(score, at: rulePath + ".whenNone.score")
                    if rule.best < score { fail(rulePath + ".best", "\(rule.best) is below whenNone.score \(score)") }
                }
                if whenNone.score == nil, whenNone.state == .present {
                    fail(rulePath + ".whenNone.state", "PRESENT needs a score")
                }
            case (false, nil):
                break
            }
            points(rule.best, at: rulePath + ".best")
            measure(rule.measure, at: rulePath + ".measure.\(rule.measure.kind.rawValue)")
        }
        if !rules.isEmpty, sum != Weight.one.tenThousandths {
            fail(path, "weights sum to \(Weight(tenThousandths: sum).percentDescription), not 100")
        }
    }

    private mutating func points(_ score: Score, at path: String) {
        if score < .zero || score > Score(100) { fail(path, "\(score) is outside 0–100") }
    }

    private mutating func window(_ years: Int, at path: String) {
        if years < 1 { fail(path, "\(years) is below 1 year") }
    }

    private mutating func ladder<Key: RawRepresentable & CaseIterable & Hashable>(
        _ points: [Key: Score], at path: String) where Key.RawValue == String {
        for key in Key.allCases where points[key] == nil { fail(path, "has no \(key.rawValue)") }
        for key in Key.allCases { if let value = points[key] { self.points(value, at: path + ".\(key.rawValue)") } }
    }

    /// Strictly descending minimums (`label` prints one).
    private mutating func descending<Value: Comparable>(_ minimums: [Value], at path: String) {
        for index in minimums.indices.dropFirst() where minimums[index] >= minimums[index - 1] {
            fail(path + "[\(index)]", "minimum \(minimums[index]) is not below the band before it")
        }
    }

    mutating func measure(_ measure: Measure, at path: String) {
        switch measure {
        case let .skpYear(p):
            window(p.windowYears, at: path + ".windowYears")
            if p.rank < 1 || p.rank > p.windowYears { fail(path + ".rank", "\(p.rank) is not 1 … windowYears") }
            ladder(p.points, at: path + ".points")
            if p.legacyBands.isEmpty { fail(path + ".legacyBands", "is empty") }
            descending(p.legacyBands.map(\.minimum), at: path + ".legacyBands")
            if Set(p.legacyBands.map(\.predicate)).count != p.legacyBands.count {
                fail(path + ".legacyBands", "a predicate is repeated")
            }
        case let .competencyAssessment(p):
            window(p.windowYears, at: path + ".windowYears")
            if let weights = p.weights { relativeWeights(weights, at: path + ".weights") }
        case let .potentialAssessment(p):
            window(p.windowYears, at: path + ".windowYears")
            relativeWeights(p.weights, at: path + ".weights")
            if !(1...5).contains(p.topLevel) { fail(path + ".topLevel", "must be 1 … 5") }
        case .committeeScore:
            break
        case let .award(p):
            window(p.windowYears, at: path + ".windowYears")
            ladder(p.points, at: path + ".points")
        case let .teamDecree(p):
            window(p.windowYears, at: path + ".windowYears")
            for role in TeamRole.allCases {
                guard let byScope = p.points[role] else {
                    fail(path + ".points", "has no \(role.rawValue)")
                    continue
                }
                ladder(byScope, at: path + ".points.\(role.rawValue)")
            }
        case let .feedback360(p):
            window(p.windowYears, at: path + ".windowYears")
            ladder(p.points, at: path + ".points")
        case let .trainingCount(p):
            if p.counted.isEmpty { fail(path + ".counted", "is empty") }
            for (index, selection) in p.counted.enumerated() {
                if let years = selection.windowYears { window(years, at: path + ".counted[\(index)].windowYears") }
                if selection.kinds.contains(where: \.isEmpty) { fail(path + ".counted[\(index)].kinds", "holds an empty kind") }
                if !selection.except, selection.kinds.isEmpty {
                    fail(path + ".counted[\(index)].kinds", "is empty: nothing would count")
                }
            }
            if p.bands.isEmpty { fail(path + ".bands", "is empty") }
            descending(p.bands.map(\.minimum), at: path + ".bands")
            if let last = p.bands.last, last.minimum < 1 { fail(path + ".bands", "a minimum is below 1") }
            for (index, band) in p.bands.enumerated() { points(band.points, at: path + ".bands[\(index)].points") }
            points(p.otherPoints, at: path + ".otherPoints")
        case let .yearlyTraining(p):
            window(p.yearsChecked, at: path + ".yearsChecked")
            if p.minimumHours < .zero { fail(path + ".minimumHours", "is negative") }
            if p.pointsByYearsMet.count != p.yearsChecked + 1 {
                fail(path + ".pointsByYearsMet", "needs yearsChecked + 1 entries")
            }
            for (index, value) in p.pointsByYearsMet.enumerated() { points(value, at: path + ".pointsByYearsMet[\(index)]") }
        case let .tenure(p):
            descending(p.bands.map(\.minimumYears), at: path + ".bands")
            for (index, band) in p.bands.enumerated() { points(band.points, at: path + ".bands[\(index)].points") }
            points(p.otherPoints, at: path + ".otherPoints")
        case let .postVariety(p):
            if p.minimumUnits < 2 { fail(path + ".minimumUnits", "must be 2 or more") }
            points(p.otherAgency, at: path + ".otherAgency")
            points(p.severalUnits, at: path + ".severalUnits")
            points(p.oneUnit, at: path + ".oneUnit")
        case let .acting(p):
            var keys: Set<String> = []
            for (index, entry) in p.points.enumerated() {
                if !keys.insert("\(entry.kind.rawValue)/\(entry.level?.rawValue ?? "")").inserted {
                    fail(path + ".points[\(index)]", "repeats \(entry.kind.rawValue) \(entry.level?.rawValue ?? "")")
                }
                points(entry.points, at: path + ".points[\(index)].points")
            }
            for kind in ActingKind.allCases {
                let entries = p.points.filter { $0.kind == kind }
                let covered = entries.contains { $0.level == nil }
                    || ActingLevel.allCases.allSatisfy { level in entries.contains { $0.level == level } }
                if !covered { fail(path + ".points", "does not cover every level of \(kind.rawValue)") }
            }
        case let .educationLevel(p):
            for (level, value) in p.points { points(value, at: path + ".points.\(level.rawValue)") }
            points(p.otherPoints, at: path + ".otherPoints")
            if let d4 = p.points[.d4], let s1 = p.points[.s1], d4 != s1 {
                fail(path + ".points", "D4 and S1 are equal everywhere (\(d4) ≠ \(s1))")
            }
        case let .fieldFit(p):
            points(p.fits, at: path + ".fits")
            points(p.doesNotFit, at: path + ".doesNotFit")
        case let .golonganVsTarget(p):
            if p.pointsByStepsShort.isEmpty { fail(path + ".pointsByStepsShort", "is empty") }
            for (index, value) in p.pointsByStepsShort.enumerated() { points(value, at: path + ".pointsByStepsShort[\(index)]") }
            points(p.otherPoints, at: path + ".otherPoints")
        case let .leadershipVsTarget(p):
            if p.pointsByRungsShort.isEmpty { fail(path + ".pointsByRungsShort", "is empty") }
            for (index, value) in p.pointsByRungsShort.enumerated() { points(value, at: path + ".pointsByRungsShort[\(index)]") }
            points(p.otherPoints, at: path + ".otherPoints")
        case let .discipline(p):
            window(p.windowYears, at: path + ".windowYears")
            ladder(p.points, at: path + ".points")
            points(p.running.points, at: path + ".running.points")
        case let .composite(p):
            indicators(p.parts, at: path + ".parts", wholePercents: true, valueNeeded: { _ in true })
        }
    }

    private mutating func relativeWeights<Key: RawRepresentable & CaseIterable & Hashable>(
        _ weights: [Key: Int], at path: String) where Key.RawValue == String {
        for key in Key.allCases where weights[key] == nil { fail(path, "has no \(key.rawValue)") }
        if weights.values.contains(where: { $0 < 0 }) { fail(path, "a weight is negative") }
        if weights.values.reduce(0, +) <= 0 { fail(path, "the weights sum to 0") }
    }
}
