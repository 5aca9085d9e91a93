/// A rule set resolved once per batch (one D) into the form the engine runs: every ladder an array indexed by the
/// vocabulary's case (no dictionary and no string key in the loop over employees), every window a date or year,
/// every indicator name an index, every re-weighting case a bit mask of the indicators that have a value.
struct CompiledRules {
    let ruleID: String
    let kinerja: CompiledAxis<KinerjaLevel>
    let potensi: CompiledAxis<PotensiLevel>
    /// Which rows the fingerprint covers.
    let scope: FingerprintScope

    /// - Precondition: `rules.validate()` is empty.
    init(_ rules: RuleSet, context: ReviewContext) {
        ruleID = rules.id
        kinerja = CompiledAxis(rules.kinerja, context: context)
        potensi = CompiledAxis(rules.potensi, context: context)
        scope = FingerprintScope(rules, context: context)
    }
}

/// One axis, compiled.
struct CompiledAxis<Level: GridLevel> {
    let indicators: [CompiledIndicator]
    let isFixed: Bool
    /// Each indicator's own weight.
    let ownWeights: [Weight]
    /// The re-weighting cases: the mask of indicators with a value, each indicator's weight, the case's name and flag.
    let cases: [(mask: UInt32, weights: [Weight], name: String, flag: PlacementFlag?)]
    /// Every indicator's bit.
    let allMask: UInt32
    let highMinimum: Score
    let middleMinimum: Score
    let caps: [(index: Int, atMost: Level, flag: PlacementFlag?)]
    let overrides: [(index: Int, predicates: UInt8, level: Level)]
    /// The index of `notPlacedWithout`.
    let required: Int?

    init(_ axis: Axis<Level>, context: ReviewContext) {
        indicators = axis.indicators.map { CompiledIndicator($0, context: context) }
        isFixed = axis.weighting.policy == .fixed
        ownWeights = axis.indicators.map(\.weight)
        let names = axis.indicators.map(\.indicator)
        func index(_ name: String) -> Int {
            guard let index = names.firstIndex(of: name) else { preconditionFailure("\(name) is not an indicator of the axis") }
            return index
        }
        cases = axis.weighting.cases.map { weightCase in
            var mask: UInt32 = 0
            var weights = [Weight](repeating: .zero, count: names.count)
            for (name, weight) in weightCase.weights {
                mask |= 1 << UInt32(index(name))
                weights[index(name)] = weight
            }
            return (mask, weights, weightCase.name, weightCase.flag)
        }
        allMask = names.isEmpty ? 0 : UInt32.max >> UInt32(32 - names.count)
        highMinimum = axis.minimum(Level(rank: 2))
        middleMinimum = axis.minimum(Level(rank: 1))
        caps = axis.caps.map { (index($0.without), $0.atMost, $0.flag) }
        overrides = axis.overrides.map { override in
            (index(override.indicator), override.predicates.reduce(UInt8(0)) { $0 | 1 << $1.ordinal }, override.level)
        }
        required = axis.notPlacedWithout.map(index)
    }
}

/// One indicator (or composite part), compiled. A class: the axes iterate over it for every employee, and a
/// reference is one retain where a struct of strings, arrays and enum payloads is a dozen.
final class CompiledIndicator {
    let name: String
    let weight: Weight
    let measure: CompiledMeasure
    let whenNone: WhenNone?
    let best: Score

    init(_ rule: IndicatorRule, context: ReviewContext) {
        name = rule.indicator
        weight = rule.weight
        measure = CompiledMeasure(rule.measure, context: context)
        whenNone = rule.whenNone
        best = rule.best
    }
}

/// A measure with its ladders as arrays (indexed by `ordinal`) and its windows resolved against D.
enum CompiledMeasure {
    case skpYear(rank: Int, firstYear: Int, lastYear: Int, points: [Score], bands: [(minimum: Score, predicate: PerformancePredicate)])
    case competencyAssessment(after: CivilDate, weights: [Int], weightSum: Int)
    case potentialAssessment(after: CivilDate, weights: [Int], weightSum: Int, topLevel: Int)
    case committeeScore(year: Int)
    case award(after: CivilDate, points: [Score])
    case teamDecree(after: CivilDate, points: [Score])
    case feedback360(firstYear: Int, lastYear: Int, points: [Score])
    case trainingCount(selections: [(kinds: [String], except: Bool, after: CivilDate?)], bands: [(minimum: Int, points: Score)],
                       otherPoints: Score, windowAfter: CivilDate?)
    case yearlyTraining(minimumHours: Score, yearsChecked: Int, points: [Score])
    case tenure(bands: [(minimum: Int, points: Score)], otherPoints: Score)
    case postVariety(otherAgency: Score, severalUnits: Score, minimumUnits: Int, oneUnit: Score)
    case acting(points: [Score?])
    case educationLevel(points: [Score?], otherPoints: Score)
    case fieldFit(fits: Score, doesNotFit: Score)
    case golonganVsTarget(points: [Score], otherPoints: Score)
    case leadershipVsTarget(points: [Score], otherPoints: Score)
    case discipline(after: CivilDate, byEnd: Bool, points: [Score], runningLevels: UInt8, runningPoints: Score)
    case composite([CompiledIndicator])

    init(_ measure: Measure, context: ReviewContext) {
        let day = context.referenceDate
        let year = context.year
        switch measure {
        case let .skpYear(p):
            self = .skpYear(rank: p.rank, firstYear: year - p.windowYears, lastYear: year - 1,
                            points: PerformancePredicate.allCases.map { p.points[$0] ?? .zero },
                            bands: p.legacyBands.map { ($0.minimum, $0.predicate) })
        case let .competencyAssessment(p):
            let weights = Competency.allCases.map { p.weights?[$0] ?? 1 }
            self = .competencyAssessment(after: day.adding(years: -p.windowYears), weights: weights,
                                         weightSum: weights.reduce(0, +))
        case let .potentialAssessment(p):
            let weights = PotentialAspect.allCases.map { p.weights[$0] ?? 0 }
            self = .potentialAssessment(after: day.adding(years: -p.windowYears), weights: weights,
                                        weightSum: weights.reduce(0, +), topLevel: p.topLevel)
        case .committeeScore:
            self = .committeeScore(year: year)
        case let .award(p):
            self = .award(after: day.adding(years: -p.windowYears), points: AwardLevel.allCases.map { p.points[$0] ?? .zero })
        case let .teamDecree(p):
            var points: [Score] = []
            for role in TeamRole.allCases {
                for scope in TeamScope.allCases { points.append(p.points[role]?[scope] ?? .zero) }
            }
            self = .teamDecree(after: day.adding(years: -p.windowYears), points: points)
        case let .feedback360(p):
            self = .feedback360(firstYear: year - p.windowYears, lastYear: year - 1,
                                points: PerformancePredicate.allCases.map { p.points[$0] ?? .zero })
        case let .trainingCount(p):
            let selections = p.counted.map { ($0.kinds, $0.except, $0.windowYears.map { day.adding(years: -$0) }) }
            // The window shown: the earliest day any selection reads after (nil when one reads every row).
            let after: CivilDate? = selections.contains { $0.2 == nil } ? nil : selections.compactMap(\.2).min()
            self = .trainingCount(selections: selections, bands: p.bands.map { ($0.minimum, $0.points) },
                                  otherPoints: p.otherPoints, windowAfter: after)
        case let .yearlyTraining(p):
            self = .yearlyTraining(minimumHours: p.minimumHours, yearsChecked: p.yearsChecked, points: p.pointsByYearsMet)
        case let .tenure(p):
            self = .tenure(bands: p.bands.map { ($0.minimumYears, $0.points) }, otherPoints: p.otherPoints)
        case let .postVariety(p):
            self = .postVariety(otherAgency: p.otherAgency, severalUnits: p.severalUnits, minimumUnits: p.minimumUnits,
                                oneUnit: p.oneUnit)
        case let .acting(p):
            // Index kind × (ATAS, SETARA, no level); an entry without a level fits all three.
            var points = [Score?](repeating: nil, count: ActingKind.allCases.count * 3)
            for entry in p.points where entry.level == nil {
                for slot in 0..<3 { points[entry.kind.ordinal * 3 + slot] = entry.points }
            }
            for entry in p.points { if let level = entry.level { points[entry.kind.ordinal * 3 + level.ordinal] = entry.points } }
            self = .acting(points: points)
        case let .educationLevel(p):
            self = .educationLevel(points: EducationLevel.allCases.map { p.points[$0] }, otherPoints: p.otherPoints)
        case let .fieldFit(p):
            self = .fieldFit(fits: p.fits, doesNotFit: p.doesNotFit)
        case let .golonganVsTarget(p):
            self = .golonganVsTarget(points: p.pointsByStepsShort, otherPoints: p.otherPoints)
        case let .leadershipVsTarget(p):
            self = .leadershipVsTarget(points: p.pointsByRungsShort, otherPoints: p.otherPoints)
        case let .discipline(p):
            self = .discipline(after: day.adding(years: -p.windowYears), byEnd: p.windowBasis == .end,
                               points: PenaltyLevel.allCases.map { p.points[$0] ?? .zero },
                               runningLevels: p.running.levels.reduce(UInt8(0)) { $0 | 1 << $1.ordinal },
                               runningPoints: p.running.points)
        case let .composite(p):
            self = .composite(p.parts.map { CompiledIndicator($0, context: context) })
        }
    }
}

/// Positions of vocabulary cases in `allCases`, for the compiled ladders (a switch, not a search).
extension PerformancePredicate {
    var ordinal: Int {
        switch self {
        case .sangatKurang: return 0
        case .kurang: return 1
        case .butuhPerbaikan: return 2
        case .baik: return 3
        case .sangatBaik: return 4
        }
    }
}

extension AwardLevel {
    var ordinal: Int {
        switch self {
        case .kota: return 0
        case .provinsi: return 1
        case .nasional: return 2
        case .internasional: return 3
        }
    }
}

extension PenaltyLevel {
    var ordinal: Int {
        switch self {
        case .ringan: return 0
        case .sedang: return 1
        case .berat: return 2
        }
    }
}

extension ActingKind {
    var ordinal: Int {
        switch self {
        case .pj: return 0
        case .plt: return 1
        case .plh: return 2
        }
    }
}

extension ActingLevel {
    var ordinal: Int { self == .atas ? 0 : 1 }
}

extension TeamRole {
    var ordinal: Int { self == .ketua ? 0 : 1 }
}

extension TeamScope {
    var ordinal: Int { self == .lintasInstansi ? 0 : 1 }
}

extension EducationLevel {
    var ordinal: Int {
        switch self {
        case .sd: return 0
        case .smp: return 1
        case .sma: return 2
        case .d1: return 3
        case .d2: return 4
        case .d3: return 5
        case .d4: return 6
        case .s1: return 7
        case .s2: return 8
        case .s3: return 9
        }
    }
}
