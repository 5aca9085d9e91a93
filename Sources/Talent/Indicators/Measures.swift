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
        // Index loops read the fields they need without copying each row (and retaining its strings).
        let education = input.education
        var highest = -1
        for index in education.indices {
            guard highest >= 0 else {
                highest = index
                continue
            }
            let rank = education[index].level.rank, currentRank = education[highest].level.rank
            if rank > currentRank {
                highest = index
            } else if rank == currentRank, let graduated = education[index].graduatedOn,
                      education[highest].graduatedOn.map({ graduated > $0 }) ?? true {
                highest = index
            }
        }
        highestEducation = highest >= 0 ? education[highest] : nil
        let training = input.training
        var leadership: LeadershipTraining?
        for index in training.indices {
            if let rung = training[index].leadership, leadership.map({ rung.rung > $0.rung }) ?? true { leadership = rung }
        }
        bestLeadership = leadership
    }
}

extension CompiledIndicator {
    /// Appends this indicator's explanation to `rows`, scored for one employee: its measure, then `whenNone` when
    /// the measure found nothing. The weight is the indicator's own; the axis sets the employee's. The explanation is
    /// filled where it lies in `rows` (no copy of it, its evidence or its parts).
    /// - Returns: whether the measure found something, and the SKP predicate it counted.
    func evaluate(_ facts: EmployeeFacts, into rows: inout [IndicatorExplanation], flags: inout PlacementFlags)
        -> (found: Bool, predicate: PerformancePredicate?) {
        rows.append(IndicatorExplanation(indicator: name, score: nil, weight: weight, state: .present, best: best,
                                         flag: nil, window: nil, evidence: EvidenceList(), parts: []))
        let last = rows.count - 1
        let predicate = measure.evaluate(facts, into: &rows[last], flags: &flags)
        let found = rows[last].score != nil
        if !found, let whenNone {
            rows[last].score = whenNone.score
            rows[last].state = whenNone.state
            rows[last].flag = whenNone.flag
            if let flag = whenNone.flag { flags.insert(flag) }
        }
        return (found, predicate)
    }
}

extension CompiledMeasure {
    /// Scores one employee into `e`: its `score` (nil when the measure finds nothing), `window`, `evidence`, and for
    /// a composite its `parts` and `state`. Flags the measure raises itself (DUPLICATE_YEAR, DUPLICATE_FEEDBACK_YEAR,
    /// DUPLICATE_OTHER_SCORE, a part's missing-data flag) go into `flags`.
    /// - Returns: the SKP predicate counted (for overrides), nil for other measures.
    func evaluate(_ f: EmployeeFacts, into e: inout IndicatorExplanation, flags: inout PlacementFlags)
        -> PerformancePredicate? {
        switch self {
        case let .skpYear(rank, firstYear, lastYear, points, bands):
            return Self.skpYear(f, into: &e, flags: &flags, rank: rank, firstYear: firstYear, lastYear: lastYear,
                                points: points, bands: bands)
        case let .competencyAssessment(after, weights, weightSum):
            Self.competency(f, into: &e, after: after, weights: weights, weightSum: weightSum)
        case let .potentialAssessment(after, weights, weightSum, topLevel):
            Self.potential(f, into: &e, after: after, weights: weights, weightSum: weightSum, topLevel: topLevel)
        case let .committeeScore(year):
            Self.committee(f, into: &e, flags: &flags, year: year)
        case let .award(after, points):
            e.window = .dates(after: after, through: f.day)
            let awards = f.input.awards
            var best = -1
            for index in awards.indices where awards[index].awardedOn > after {
                if best < 0 || points[awards[index].level.ordinal] > points[awards[best].level.ordinal] { best = index }
            }
            if best >= 0 {
                e.score = points[awards[best].level.ordinal]
                e.evidence = EvidenceList(.award(on: awards[best].awardedOn, level: awards[best].level))
            }
        case let .teamDecree(after, points):
            e.window = .dates(after: after, through: f.day)
            let decrees = f.input.teamAssignments
            var best = -1, bestPoints = Score.zero
            for index in decrees.indices where decrees[index].decidedOn > after {
                let value = points[decrees[index].role.ordinal * 2 + decrees[index].scope.ordinal]
                if best < 0 || value > bestPoints { (best, bestPoints) = (index, value) }
            }
            if best >= 0 {
                e.score = bestPoints
                e.evidence = EvidenceList(.teamDecree(on: decrees[best].decidedOn, role: decrees[best].role,
                                                      scope: decrees[best].scope))
            }
        case let .feedback360(firstYear, lastYear, points):
            Self.feedback(f, into: &e, flags: &flags, firstYear: firstYear, lastYear: lastYear, points: points)
        case let .trainingCount(selections, bands, otherPoints, windowAfter):
            e.window = .dates(after: windowAfter, through: f.day)
            let training = f.input.training
            for index in training.indices {
                let ended = training[index].endedOn
                let counted = selections.contains { selection in
                    if let after = selection.after, ended <= after { return false }
                    return selection.kinds.contains(training[index].kind) != selection.except
                }
                if counted { e.evidence.append(.training(on: ended, kind: training[index].kind)) }
            }
            let count = e.evidence.count
            if count > 0 { e.score = bands.first { count >= $0.minimum }?.points ?? otherPoints }
        case let .yearlyTraining(minimumHours, yearsChecked, points):
            Self.yearlyTraining(f, into: &e, minimumHours: minimumHours, yearsChecked: yearsChecked, points: points)
        case let .tenure(bands, otherPoints):
            let since = f.input.employee.positionSince
            let years = CivilDate.fullYears(from: since, to: f.day)
            e.score = bands.first { years >= $0.minimum }?.points ?? otherPoints
            e.evidence = EvidenceList(.tenure(since: since, fullYears: years))
            e.window = .asOf(f.day)
        case let .postVariety(otherAgency, severalUnits, minimumUnits, oneUnit):
            var units = [f.position.unitCode]
            var elsewhere = false
            var evidence = EvidenceList()
            for row in f.input.positionHistory {
                evidence.append(.post(on: row.startedOn, unit: row.unitCode, agency: row.agency))
                if row.isOtherAgency { elsewhere = true }
                if !units.contains(row.unitCode) { units.append(row.unitCode) }
            }
            evidence.prepend(.units(count: units.count, otherAgency: elsewhere))
            e.score = elsewhere ? otherAgency : units.count >= minimumUnits ? severalUnits : oneUnit
            e.evidence = evidence
            e.window = .dates(after: nil, through: f.day)
        case let .acting(points):
            e.window = .dates(after: nil, through: f.day)
            let acting = f.input.actingAssignments
            var best = -1, bestPoints = Score.zero
            for index in acting.indices {
                let value = points[acting[index].kind.ordinal * 3 + (acting[index].level?.ordinal ?? 2)] ?? .zero
                if best < 0 || value > bestPoints { (best, bestPoints) = (index, value) }
            }
            if best >= 0 {
                let row = acting[best]
                e.score = bestPoints
                e.evidence = EvidenceList(.acting(on: row.startedOn, ended: row.endedOn, kind: row.kind,
                                                  level: row.level))
            }
        case let .educationLevel(points, otherPoints):
            e.window = .dates(after: nil, through: f.day)
            if let row = f.highestEducation {
                e.score = points[row.level.ordinal] ?? otherPoints
                e.evidence = EvidenceList(.education(level: row.level, graduatedOn: row.graduatedOn,
                                                     fieldFit: row.fieldFit))
            }
        case let .fieldFit(fits, doesNotFit):
            e.window = .dates(after: nil, through: f.day)
            if let row = f.highestEducation {
                e.score = row.fieldFit.map { $0 ? fits : doesNotFit }
                e.evidence = EvidenceList(.education(level: row.level, graduatedOn: row.graduatedOn,
                                                     fieldFit: row.fieldFit))
            }
        case let .golonganVsTarget(points, otherPoints):
            let held = f.input.employee.golongan
            let minimum = f.requirement.minimumGolongan
            let steps = max(0, minimum.ordinal - held.ordinal)
            e.score = steps < points.count ? points[steps] : otherPoints
            e.evidence = EvidenceList(.golongan(held: held, minimum: minimum, stepsShort: steps))
            e.window = .asOf(f.day)
        case let .leadershipVsTarget(points, otherPoints):
            e.window = .dates(after: nil, through: f.day)
            if let best = f.bestLeadership {
                let required = f.requirement.leadershipTraining
                let rungs = max(0, required.rung - best.rung)
                e.score = rungs < points.count ? points[rungs] : otherPoints
                e.evidence = EvidenceList(.leadership(best: best, required: required, rungsShort: rungs))
            }
        case let .discipline(after, byEnd, points, runningLevels, runningPoints):
            Self.discipline(f, into: &e, after: after, byEnd: byEnd, points: points, runningLevels: runningLevels,
                            runningPoints: runningPoints)
        case let .composite(parts):
            e.parts.reserveCapacity(parts.count)
            var state = IndicatorState.present
            for part in parts {
                _ = part.evaluate(f, into: &e.parts, flags: &flags)
                let partState = e.parts[e.parts.count - 1].state
                if partState == .missing || (partState == .noRecord && state == .present) { state = partState }
            }
            e.state = state
            e.score = Score.weightedSum(e.parts.lazy.map { ($0.weight, $0.score ?? .zero) })
        }
        return nil
    }

    /// DOMAIN.md §4 steps 1–2 and §12.4: the lowest predicate per year of the window, DUPLICATE_YEAR for any repeated
    /// year, and the `rank`-th most recent year with a row.
    private static func skpYear(_ f: EmployeeFacts, into e: inout IndicatorExplanation, flags: inout PlacementFlags,
                                rank: Int, firstYear: Int, lastYear: Int, points: [Score],
                                bands: [(minimum: Score, predicate: PerformancePredicate)]) -> PerformancePredicate? {
        e.window = .years(first: firstYear, last: lastYear)
        var counted: PerformancePredicate?
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
                if slots[slot].count > 1 { flags.insert(.duplicateYear) }
                found += 1
                guard found == rank else { continue }
                let row = rows[slots[slot].row]
                let predicate = PerformancePredicate.allCases[slots[slot].predicate]
                e.score = points[slots[slot].predicate]
                counted = predicate
                e.evidence = EvidenceList(.performance(year: row.year, predicate: predicate,
                                                       legacyScore: row.predicate == nil ? row.score : nil,
                                                       rowsForYear: slots[slot].count))
            }
        }
        return counted
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
    private static func competency(_ f: EmployeeFacts, into e: inout IndicatorExplanation, after: CivilDate,
                                   weights: [Int], weightSum: Int) {
        e.window = .dates(after: after, through: f.day)
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
            e.score = best.score
            e.evidence = EvidenceList(.assessment(on: best.row.assessedOn, method: best.row.method,
                                                  jpm: best.row.jpmPercent, levels: best.row.levels,
                                                  standard: best.row.levels == nil ? nil : standard, rowsOnDay: rowsOnDay))
        }
    }

    private static func potential(_ f: EmployeeFacts, into e: inout IndicatorExplanation, after: CivilDate,
                                  weights: [Int], weightSum: Int, topLevel: Int) {
        e.window = .dates(after: after, through: f.day)
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
            e.score = best.score
            e.evidence = EvidenceList(.potentialAssessment(on: best.row.assessedOn, method: best.row.method,
                                                           levels: best.row.levels, rowsOnDay: rowsOnDay))
        }
    }

    /// L: the lowest score of year Y; several rows raise DUPLICATE_OTHER_SCORE.
    private static func committee(_ f: EmployeeFacts, into e: inout IndicatorExplanation, flags: inout PlacementFlags,
                                  year: Int) {
        e.window = .years(first: year, last: year)
        var lowest: Score?
        var rows = 0
        for row in f.input.otherScores where row.year == year {
            rows += 1
            if lowest.map({ row.score < $0 }) ?? true { lowest = row.score }
        }
        if rows > 1 { flags.insert(.duplicateOtherScore) }
        if let lowest {
            e.score = lowest
            e.evidence = EvidenceList(.otherScore(year: year, score: lowest, rowsForYear: rows))
        }
    }

    /// The latest year of the window with a row, at its lowest value; DUPLICATE_FEEDBACK_YEAR for any repeated year.
    private static func feedback(_ f: EmployeeFacts, into e: inout IndicatorExplanation, flags: inout PlacementFlags,
                                 firstYear: Int, lastYear: Int, points: [Score]) {
        e.window = .years(first: firstYear, last: lastYear)
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
                if slots[slot].count > 1 { flags.insert(.duplicateFeedbackYear) }
                guard !counted else { continue }
                counted = true
                let row = rows[slots[slot].row]
                e.score = slots[slot].value
                e.evidence = EvidenceList(.feedback(year: row.year, predicate: row.predicate, score: row.score,
                                                    rowsForYear: slots[slot].count))
            }
        }
    }

    /// JP per checked year (Y − 1 first), by the year the training ended; points by the number of years that reach
    /// the minimum.
    private static func yearlyTraining(_ f: EmployeeFacts, into e: inout IndicatorExplanation, minimumHours: Score,
                                       yearsChecked: Int, points: [Score]) {
        let checked = max(yearsChecked, 0)
        let training = f.input.training
        var evidence = EvidenceList()
        var met = 0
        withUnsafeTemporaryAllocation(of: Int.self, capacity: checked) { hundredths in
            for slot in 0..<checked { hundredths[slot] = 0 }
            for index in training.indices {
                let slot = f.year - 1 - training[index].endedOn.year
                if slot >= 0, slot < checked { hundredths[slot] += training[index].hours.hundredths }
            }
            for slot in 0..<checked {
                let hours = Score(hundredths: hundredths[slot])
                let meets = hours >= minimumHours
                if meets { met += 1 }
                evidence.append(.trainingYear(year: f.year - 1 - slot, hours: hours, meetsMinimum: meets))
            }
        }
        e.score = met < points.count ? points[met] : points.last ?? .zero
        e.evidence = evidence
        e.window = .years(first: f.year - checked, last: f.year - 1)
    }

    /// A penalty of a running level that runs at D gives the running points; otherwise the worst penalty whose
    /// decision (or last day) falls in the window.
    private static func discipline(_ f: EmployeeFacts, into e: inout IndicatorExplanation, after: CivilDate,
                                   byEnd: Bool, points: [Score], runningLevels: UInt8, runningPoints: Score) {
        e.window = .dates(after: after, through: f.day)
        let day = f.day
        var worst: PenaltyRecord?
        for row in f.input.penalties {
            if runningLevels & (1 << row.level.ordinal) != 0, row.isRunning(on: day, f.penalties) {
                e.score = runningPoints
                e.evidence = EvidenceList(.penalty(level: row.level, decidedOn: row.decidedOn,
                                                   lastDay: row.lastDay(f.penalties), runningAtD: true))
                return
            }
            let date = byEnd ? row.lastDay(f.penalties) : row.decidedOn
            guard date > after, date <= day else { continue }
            if worst.map({ row.level > $0.level }) ?? true { worst = row }
        }
        if let worst {
            e.score = points[worst.level.ordinal]
            e.evidence = EvidenceList(.penalty(level: worst.level, decidedOn: worst.decidedOn,
                                               lastDay: worst.lastDay(f.penalties),
                                               runningAtD: worst.isRunning(on: day, f.penalties)))
        }
    }
}
