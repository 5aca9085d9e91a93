/// What every measure may read of one employee: the rows valid at D (see `DatedScreen`), the position, T's
/// requirements, D and Y, and the facts several measures share.
struct EmployeeFacts {
    let input: EmployeeInput
    let position: Position
    let requirement: LevelRequirement
    let day: CivilDate
    let year: Int
    let penalties: PenaltyRules
    /// The highest education row: the highest level (D4 = S1); among those the latest graduated_on (none counts
    /// as the earliest); then the first in file order (DOMAIN.md §12.5).
    let highestEducation: EducationRecord?
    /// The best leadership training ended on or before D (the first of the highest rung).
    let bestLeadership: LeadershipTraining?

    init(input: EmployeeInput, position: Position, requirement: LevelRequirement, context: ReviewContext,
         penalties: PenaltyRules) {
        self.input = input
        self.position = position
        self.requirement = requirement
        day = context.referenceDate
        year = context.year
        self.penalties = penalties
        var highest: EducationRecord?
        for row in input.education {
            guard let current = highest else {
                highest = row
                continue
            }
            if row.level.rank > current.level.rank {
                highest = row
            } else if row.level.rank == current.level.rank, let graduated = row.graduatedOn,
                      current.graduatedOn.map({ graduated > $0 }) ?? true {
                highest = row
            }
        }
        highestEducation = highest
        var leadership: LeadershipTraining?
        for row in input.training {
            if let rung = row.leadership, leadership.map({ rung.rung > $0.rung }) ?? true { leadership = rung }
        }
        bestLeadership = leadership
    }
}

/// What a measure found for one employee.
struct MeasureOutcome {
    /// The score, rounded to 2 places; nil when the measure found nothing.
    var value: Score?
    var evidence: [Evidence] = []
    /// Flags the measure raises itself (DUPLICATE_YEAR, DUPLICATE_FEEDBACK_YEAR, DUPLICATE_OTHER_SCORE).
    var flags: PlacementFlags = []
    var window: IndicatorWindow?
    /// The SKP predicate counted (for overrides).
    var predicate: PerformancePredicate?
    /// A composite's parts and their combined state.
    var parts: [IndicatorExplanation] = []
    var partsState: IndicatorState?
}

extension CompiledIndicator {
    /// Scores the indicator for one employee: its measure, then `whenNone` when the measure found nothing. The
    /// weight is the indicator's own; the axis sets the employee's.
    /// - Returns: the explanation, whether the measure found something, and the SKP predicate it counted.
    func evaluate(_ facts: EmployeeFacts, flags: inout PlacementFlags)
        -> (explanation: IndicatorExplanation, found: Bool, predicate: PerformancePredicate?) {
        let outcome = measure.evaluate(facts)
        flags.formUnion(outcome.flags)
        var explanation = IndicatorExplanation(
            indicator: name, score: outcome.value, weight: weight, state: outcome.partsState ?? .present, best: best,
            flag: nil, window: outcome.window, evidence: outcome.evidence, parts: outcome.parts)
        if outcome.value == nil, let whenNone {
            explanation.score = whenNone.score
            explanation.state = whenNone.state
            explanation.flag = whenNone.flag
            if let flag = whenNone.flag { flags.insert(flag) }
        }
        return (explanation, outcome.value != nil, outcome.predicate)
    }
}

extension CompiledMeasure {
    func evaluate(_ f: EmployeeFacts) -> MeasureOutcome {
        switch self {
        case let .skpYear(rank, firstYear, lastYear, points, bands):
            return Self.skpYear(f, rank: rank, firstYear: firstYear, lastYear: lastYear, points: points, bands: bands)
        case let .competencyAssessment(after, weights, weightSum):
            return Self.competency(f, after: after, weights: weights, weightSum: weightSum)
        case let .potentialAssessment(after, weights, weightSum, topLevel):
            return Self.potential(f, after: after, weights: weights, weightSum: weightSum, topLevel: topLevel)
        case let .committeeScore(year):
            return Self.committee(f, year: year)
        case let .award(after, points):
            var outcome = MeasureOutcome(window: .dates(after: after, through: f.day))
            var best: AwardRecord?
            for row in f.input.awards where row.awardedOn > after {
                if best.map({ points[row.level.ordinal] > points[$0.level.ordinal] }) ?? true { best = row }
            }
            if let best {
                outcome.value = points[best.level.ordinal]
                outcome.evidence = [.award(on: best.awardedOn, level: best.level)]
            }
            return outcome
        case let .teamDecree(after, points):
            var outcome = MeasureOutcome(window: .dates(after: after, through: f.day))
            var best: (row: TeamAssignmentRecord, points: Score)?
            for row in f.input.teamAssignments where row.decidedOn > after {
                let value = points[row.role.ordinal * 2 + row.scope.ordinal]
                if best.map({ value > $0.points }) ?? true { best = (row, value) }
            }
            if let best {
                outcome.value = best.points
                outcome.evidence = [.teamDecree(on: best.row.decidedOn, role: best.row.role, scope: best.row.scope)]
            }
            return outcome
        case let .feedback360(firstYear, lastYear, points):
            return Self.feedback(f, firstYear: firstYear, lastYear: lastYear, points: points)
        case let .trainingCount(selections, bands, otherPoints, windowAfter):
            var outcome = MeasureOutcome(window: .dates(after: windowAfter, through: f.day))
            for row in f.input.training {
                let counted = selections.contains { selection in
                    if let after = selection.after, row.endedOn <= after { return false }
                    return selection.kinds.contains(row.kind) != selection.except
                }
                if counted { outcome.evidence.append(.training(on: row.endedOn, kind: row.kind)) }
            }
            let count = outcome.evidence.count
            if count > 0 { outcome.value = bands.first { count >= $0.minimum }?.points ?? otherPoints }
            return outcome
        case let .yearlyTraining(minimumHours, yearsChecked, points):
            return Self.yearlyTraining(f, minimumHours: minimumHours, yearsChecked: yearsChecked, points: points)
        case let .tenure(bands, otherPoints):
            let years = CivilDate.fullYears(from: f.input.employee.positionSince, to: f.day)
            return MeasureOutcome(value: bands.first { years >= $0.minimum }?.points ?? otherPoints,
                                  evidence: [.tenure(since: f.input.employee.positionSince, fullYears: years)],
                                  window: .asOf(f.day))
        case let .postVariety(otherAgency, severalUnits, minimumUnits, oneUnit):
            var units = [f.position.unitCode]
            var elsewhere = false
            var evidence: [Evidence] = []
            for row in f.input.positionHistory {
                evidence.append(.post(on: row.startedOn, unit: row.unitCode, agency: row.agency))
                if row.isOtherAgency { elsewhere = true }
                if !units.contains(row.unitCode) { units.append(row.unitCode) }
            }
            evidence.insert(.units(count: units.count, otherAgency: elsewhere), at: 0)
            let value = elsewhere ? otherAgency : units.count >= minimumUnits ? severalUnits : oneUnit
            return MeasureOutcome(value: value, evidence: evidence, window: .dates(after: nil, through: f.day))
        case let .acting(points):
            var outcome = MeasureOutcome(window: .dates(after: nil, through: f.day))
            var best: (row: ActingAssignmentRecord, points: Score)?
            for row in f.input.actingAssignments {
                let value = points[row.kind.ordinal * 3 + (row.level?.ordinal ?? 2)] ?? .zero
                if best.map({ value > $0.points }) ?? true { best = (row, value) }
            }
            if let best {
                outcome.value = best.points
                outcome.evidence = [.acting(on: best.row.startedOn, ended: best.row.endedOn, kind: best.row.kind,
                                            level: best.row.level)]
            }
            return outcome
        case let .educationLevel(points, otherPoints):
            var outcome = MeasureOutcome(window: .dates(after: nil, through: f.day))
            if let row = f.highestEducation {
                outcome.value = points[row.level.ordinal] ?? otherPoints
                outcome.evidence = [.education(level: row.level, graduatedOn: row.graduatedOn, fieldFit: row.fieldFit)]
            }
            return outcome
        case let .fieldFit(fits, doesNotFit):
            var outcome = MeasureOutcome(window: .dates(after: nil, through: f.day))
            if let row = f.highestEducation {
                outcome.value = row.fieldFit.map { $0 ? fits : doesNotFit }
                outcome.evidence = [.education(level: row.level, graduatedOn: row.graduatedOn, fieldFit: row.fieldFit)]
            }
            return outcome
        case let .golonganVsTarget(points, otherPoints):
            let held = f.input.employee.golongan
            let minimum = f.requirement.minimumGolongan
            let steps = max(0, minimum.ordinal - held.ordinal)
            return MeasureOutcome(value: steps < points.count ? points[steps] : otherPoints,
                                  evidence: [.golongan(held: held, minimum: minimum, stepsShort: steps)],
                                  window: .asOf(f.day))
        case let .leadershipVsTarget(points, otherPoints):
            var outcome = MeasureOutcome(window: .dates(after: nil, through: f.day))
            if let best = f.bestLeadership {
                let required = f.requirement.leadershipTraining
                let rungs = max(0, required.rung - best.rung)
                outcome.value = rungs < points.count ? points[rungs] : otherPoints
                outcome.evidence = [.leadership(best: best, required: required, rungsShort: rungs)]
            }
            return outcome
        case let .discipline(after, byEnd, points, runningLevels, runningPoints):
            return Self.discipline(f, after: after, byEnd: byEnd, points: points, runningLevels: runningLevels,
                                   runningPoints: runningPoints)
        case let .composite(parts):
            var outcome = MeasureOutcome()
            var flags: PlacementFlags = []
            outcome.parts.reserveCapacity(parts.count)
            var state = IndicatorState.present
            for part in parts {
                let explanation = part.evaluate(f, flags: &flags).explanation
                if explanation.state == .missing || (explanation.state == .noRecord && state == .present) {
                    state = explanation.state
                }
                outcome.parts.append(explanation)
            }
            outcome.flags = flags
            outcome.partsState = state
            outcome.value = Score.weightedSum(outcome.parts.lazy.map { ($0.weight, $0.score ?? .zero) })
            return outcome
        }
    }

    /// DOMAIN.md §4 steps 1–2 and §12.4: the lowest predicate per year of the window, DUPLICATE_YEAR for any repeated
    /// year, and the `rank`-th most recent year with a row.
    private static func skpYear(_ f: EmployeeFacts, rank: Int, firstYear: Int, lastYear: Int, points: [Score],
                                bands: [(minimum: Score, predicate: PerformancePredicate)]) -> MeasureOutcome {
        var outcome = MeasureOutcome(window: .years(first: firstYear, last: lastYear))
        let span = max(0, lastYear - firstYear + 1)
        let rows = f.input.performance
        // Per year of the window, Y − 1 first: the row that counts (the first with the lowest predicate) and the
        // number of rows.
        withUnsafeTemporaryAllocation(of: (row: Int, predicate: Int, count: Int).self, capacity: span) { slots in
            for slot in 0..<span { slots[slot] = (-1, 0, 0) }
            for index in rows.indices {
                let year = rows[index].year
                guard year >= firstYear, year <= lastYear else { continue }
                let slot = lastYear - year
                let predicate = Self.predicate(of: rows[index], bands: bands).ordinal
                if slots[slot].count == 0 || predicate < slots[slot].predicate {
                    slots[slot].row = index
                    slots[slot].predicate = predicate
                }
                slots[slot].count += 1
            }
            var found = 0
            for slot in 0..<span where slots[slot].count > 0 {
                if slots[slot].count > 1 { outcome.flags.insert(.duplicateYear) }
                found += 1
                guard found == rank else { continue }
                let row = rows[slots[slot].row]
                let predicate = PerformancePredicate.allCases[slots[slot].predicate]
                outcome.value = points[slots[slot].predicate]
                outcome.predicate = predicate
                outcome.evidence = [.performance(year: row.year, predicate: predicate,
                                                 legacyScore: row.predicate == nil ? row.score : nil,
                                                 rowsForYear: slots[slot].count)]
            }
        }
        return outcome
    }

    /// The predicate a row stands for: its predicate, else its legacy score read through the bands (PP 46/2011); a
    /// score below every band is the last band's predicate.
    static func predicate(of row: PerformanceRecord, bands: [(minimum: Score, predicate: PerformancePredicate)])
        -> PerformancePredicate {
        if let predicate = row.predicate { return predicate }
        let score = row.score ?? .zero
        return bands.first { score >= $0.minimum }?.predicate ?? bands.last?.predicate ?? .sangatKurang
    }

    /// The latest day in the window, and of its rows the highest score (the first on a tie).
    private static func competency(_ f: EmployeeFacts, after: CivilDate, weights: [Int], weightSum: Int) -> MeasureOutcome {
        var outcome = MeasureOutcome(window: .dates(after: after, through: f.day))
        let standard = f.requirement.competencyStandard
        var best: (row: AssessmentRecord, score: Score)?
        var rowsOnDay = 0
        for row in f.input.assessments where row.assessedOn > after {
            if let current = best, row.assessedOn < current.row.assessedOn { continue }
            let score: Score
            if let levels = row.levels {
                var sum = 0
                for index in levels.indices { sum += weights[index] * min(levels[index], standard) }
                score = Score.ratio(sum, over: weightSum * standard, scaledBy: 100)
            } else {
                score = row.jpmPercent ?? .zero
            }
            if let current = best, row.assessedOn == current.row.assessedOn {
                rowsOnDay += 1
                if score > current.score { best = (row, score) }
            } else {
                best = (row, score)
                rowsOnDay = 1
            }
        }
        if let best {
            outcome.value = best.score
            outcome.evidence = [.assessment(on: best.row.assessedOn, method: best.row.method, jpm: best.row.jpmPercent,
                                            levels: best.row.levels, standard: best.row.levels == nil ? nil : standard,
                                            rowsOnDay: rowsOnDay)]
        }
        return outcome
    }

    private static func potential(_ f: EmployeeFacts, after: CivilDate, weights: [Int], weightSum: Int,
                                  topLevel: Int) -> MeasureOutcome {
        var outcome = MeasureOutcome(window: .dates(after: after, through: f.day))
        var best: (row: PotentialAssessmentRecord, score: Score)?
        var rowsOnDay = 0
        for row in f.input.potentialAssessments where row.assessedOn > after {
            if let current = best, row.assessedOn < current.row.assessedOn { continue }
            var sum = 0
            for index in row.levels.indices { sum += weights[index] * row.levels[index] }
            let score = Score.ratio(sum, over: weightSum * topLevel, scaledBy: 100)
            if let current = best, row.assessedOn == current.row.assessedOn {
                rowsOnDay += 1
                if score > current.score { best = (row, score) }
            } else {
                best = (row, score)
                rowsOnDay = 1
            }
        }
        if let best {
            outcome.value = best.score
            outcome.evidence = [.potentialAssessment(on: best.row.assessedOn, method: best.row.method,
                                                     levels: best.row.levels, rowsOnDay: rowsOnDay)]
        }
        return outcome
    }

    /// L: the lowest score of year Y; several rows raise DUPLICATE_OTHER_SCORE.
    private static func committee(_ f: EmployeeFacts, year: Int) -> MeasureOutcome {
        var outcome = MeasureOutcome(window: .years(first: year, last: year))
        var lowest: Score?
        var rows = 0
        for row in f.input.otherScores where row.year == year {
            rows += 1
            if lowest.map({ row.score < $0 }) ?? true { lowest = row.score }
        }
        if rows > 1 { outcome.flags.insert(.duplicateOtherScore) }
        if let lowest {
            outcome.value = lowest
            outcome.evidence = [.otherScore(year: year, score: lowest, rowsForYear: rows)]
        }
        return outcome
    }

    /// The latest year of the window with a row, at its lowest value; DUPLICATE_FEEDBACK_YEAR for any repeated year.
    private static func feedback(_ f: EmployeeFacts, firstYear: Int, lastYear: Int, points: [Score]) -> MeasureOutcome {
        var outcome = MeasureOutcome(window: .years(first: firstYear, last: lastYear))
        let span = max(0, lastYear - firstYear + 1)
        let rows = f.input.feedback
        withUnsafeTemporaryAllocation(of: (row: Int, value: Score, count: Int).self, capacity: span) { slots in
            for slot in 0..<span { slots[slot] = (-1, .zero, 0) }
            for index in rows.indices {
                let row = rows[index]
                guard row.year >= firstYear, row.year <= lastYear else { continue }
                let slot = lastYear - row.year
                let value = row.predicate.map { points[$0.ordinal] } ?? row.score ?? .zero
                if slots[slot].count == 0 || value < slots[slot].value {
                    slots[slot].row = index
                    slots[slot].value = value
                }
                slots[slot].count += 1
            }
            var counted = false
            for slot in 0..<span where slots[slot].count > 0 {
                if slots[slot].count > 1 { outcome.flags.insert(.duplicateFeedbackYear) }
                guard !counted else { continue }
                counted = true
                let row = rows[slots[slot].row]
                outcome.value = slots[slot].value
                outcome.evidence = [.feedback(year: row.year, predicate: row.predicate, score: row.score,
                                              rowsForYear: slots[slot].count)]
            }
        }
        return outcome
    }

    /// JP per checked year (Y − 1 first), by the year the training ended; points by the number of years that reach
    /// the minimum.
    private static func yearlyTraining(_ f: EmployeeFacts, minimumHours: Score, yearsChecked: Int,
                                       points: [Score]) -> MeasureOutcome {
        let checked = max(yearsChecked, 0)
        var hundredths = [Int](repeating: 0, count: checked)
        for row in f.input.training {
            let slot = f.year - 1 - row.endedOn.year
            if slot >= 0, slot < checked { hundredths[slot] += row.hours.hundredths }
        }
        var evidence: [Evidence] = []
        evidence.reserveCapacity(checked)
        var met = 0
        for slot in 0..<checked {
            let hours = Score(hundredths: hundredths[slot])
            let meets = hours >= minimumHours
            if meets { met += 1 }
            evidence.append(.trainingYear(year: f.year - 1 - slot, hours: hours, meetsMinimum: meets))
        }
        return MeasureOutcome(value: met < points.count ? points[met] : points.last ?? .zero, evidence: evidence,
                              window: .years(first: f.year - checked, last: f.year - 1))
    }

    /// A penalty of a running level that runs at D gives the running points; otherwise the worst penalty whose
    /// decision (or last day) falls in the window.
    private static func discipline(_ f: EmployeeFacts, after: CivilDate, byEnd: Bool, points: [Score],
                                   runningLevels: UInt8, runningPoints: Score) -> MeasureOutcome {
        var outcome = MeasureOutcome(window: .dates(after: after, through: f.day))
        let day = f.day
        var worst: PenaltyRecord?
        for row in f.input.penalties {
            if runningLevels & (1 << row.level.ordinal) != 0, row.isRunning(on: day, f.penalties) {
                outcome.value = runningPoints
                outcome.evidence = [.penalty(level: row.level, decidedOn: row.decidedOn, lastDay: row.lastDay(f.penalties),
                                             runningAtD: true)]
                return outcome
            }
            let date = byEnd ? row.lastDay(f.penalties) : row.decidedOn
            guard date > after, date <= day else { continue }
            if worst.map({ row.level > $0.level }) ?? true { worst = row }
        }
        if let worst {
            outcome.value = points[worst.level.ordinal]
            outcome.evidence = [.penalty(level: worst.level, decidedOn: worst.decidedOn, lastDay: worst.lastDay(f.penalties),
                                         runningAtD: worst.isRunning(on: day, f.penalties))]
        }
        return outcome
    }
}
