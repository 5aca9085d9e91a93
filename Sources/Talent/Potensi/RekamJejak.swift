/// RJ, the track-record part of potensi (rekam jejak), DOMAIN.md §5: Σ weight × points over seven indicators, each
/// table from the rule set, rounded half-up to 2 places.
///
/// Rows dated after D (education graduated, training ended, award given, penalty decided) are left out and flagged
/// INVALID_EDUCATION, INVALID_TRAINING, INVALID_AWARD, INVALID_PENALTY. An education row without a date counts.
public enum RekamJejak {
    /// The typed facts RJ reads, after leaving out rows dated after D.
    public struct Facts: Sendable {
        public var highestEducation: EducationLevel?
        public var bestLeadership: LeadershipTraining?
        /// full_years(position_since, D).
        public var yearsAtLevel: Int
        /// JP per checked year, Y − 1 first.
        public var trainingHours: [(year: Int, hours: Score)]
        public var bestAward: AwardLevel?
        public var worstPenalty: PenaltyLevel?
        public var beratRunning: Bool
    }

    /// Gathers the facts of one employee.
    /// - Returns: the facts, the INVALID_… flags of rows dated after D, and those rows.
    public static func facts(_ input: EmployeeInput, context: ReviewContext, rules: RuleSet)
        -> (facts: Facts, flags: PlacementFlags, leftOut: [LeftOutRow]) {
        let day = context.referenceDate
        let rj = rules.potensi.rekamJejak
        var flags: PlacementFlags = []
        var leftOut: [LeftOutRow] = []

        var education: EducationLevel?
        for row in input.education {
            if let graduated = row.graduatedOn, graduated > day {
                flags.insert(.invalidEducation)
                leftOut.append(LeftOutRow(kind: .education, detail: "\(row.level.rawValue) graduated on \(graduated), after D \(day)"))
                continue
            }
            if education == nil || row.level.rank > education!.rank { education = row.level }
        }

        var leadership: LeadershipTraining?
        // Slot 0 is Y − 1.
        let checked = max(rj.trainingYearsChecked, 0)
        var hundredthsByYear = [Int](repeating: 0, count: checked)
        for row in input.training {
            if row.endedOn > day {
                flags.insert(.invalidTraining)
                leftOut.append(LeftOutRow(kind: .training, detail: "\(row.kind) ended on \(row.endedOn), after D \(day)"))
                continue
            }
            let slot = context.year - 1 - row.endedOn.year
            if slot >= 0, slot < checked { hundredthsByYear[slot] += row.hours.hundredths }
            if let rung = row.leadership, leadership == nil || rung.rung > leadership!.rung { leadership = rung }
        }
        let hours = (0..<checked).map { (year: context.year - 1 - $0, hours: Score(hundredths: hundredthsByYear[$0])) }

        var award: AwardLevel?
        let awardAfter = day.adding(years: -rj.awardWindowYears)
        for row in input.awards {
            if row.awardedOn > day {
                flags.insert(.invalidAward)
                leftOut.append(LeftOutRow(kind: .award, detail: "\(row.level.rawValue) awarded on \(row.awardedOn), after D \(day)"))
                continue
            }
            guard row.awardedOn > awardAfter else { continue }
            let points = rj.awardPoints[row.level] ?? .zero
            if award == nil || points > (rj.awardPoints[award!] ?? .zero) { award = row.level }
        }

        var penalty: PenaltyLevel?
        var beratRunning = false
        let penaltyAfter = day.adding(years: -rj.penaltyWindowYears)
        for row in input.penalties {
            if row.decidedOn > day {
                flags.insert(.invalidPenalty)
                leftOut.append(LeftOutRow(kind: .penalty, detail: "\(row.level.rawValue) decided on \(row.decidedOn), after D \(day)"))
                continue
            }
            if row.level == .berat, row.isRunning(on: day, rules.penalties) { beratRunning = true }
            guard row.decidedOn > penaltyAfter else { continue }
            if penalty == nil || row.level > penalty! { penalty = row.level }
        }

        let facts = Facts(highestEducation: education, bestLeadership: leadership,
                          yearsAtLevel: CivilDate.fullYears(from: input.employee.positionSince, to: day),
                          trainingHours: hours, bestAward: award, worstPenalty: penalty, beratRunning: beratRunning)
        return (facts, flags, leftOut)
    }

    /// RJ from the facts, against target level `target`.
    public static func score(_ facts: Facts, golongan: Golongan, target: StructuralLevel, rules: RuleSet)
        -> RekamJejakExplanation {
        let rj = rules.potensi.rekamJejak
        let requirement = rules.requirement(target)
        var indicators: [RekamJejakIndicator] = []
        indicators.reserveCapacity(7)

        let educationPoints = facts.highestEducation.flatMap { rj.educationPoints[$0] } ?? rj.educationOtherPoints
        indicators.append(RekamJejakIndicator(indicator: .education, input: facts.highestEducation?.rawValue ?? "none",
                                              points: educationPoints, weight: rj.educationWeight))

        let stepsShort = max(0, requirement.minimumGolongan.ordinal - golongan.ordinal)
        let golonganPoints = stepsShort < rj.golonganPointsByStepsShort.count
            ? rj.golonganPointsByStepsShort[stepsShort] : rj.golonganOtherPoints
        indicators.append(RekamJejakIndicator(
            indicator: .golongan,
            input: golongan.notation,
            points: golonganPoints, weight: rj.golonganWeight))

        let yearsPoints = rj.yearsAtLevelBands.first { facts.yearsAtLevel >= $0.minimumYears }?.points
            ?? rj.yearsAtLevelOtherPoints
        indicators.append(RekamJejakIndicator(indicator: .yearsAtLevel, input: String(facts.yearsAtLevel),
                                              points: yearsPoints, weight: rj.yearsAtLevelWeight))

        let leadershipPoints: Score
        let leadershipInput: String
        if let best = facts.bestLeadership {
            let rungsShort = max(0, requirement.leadershipTraining.rung - best.rung)
            leadershipPoints = rungsShort < rj.leadershipPointsByRungsShort.count
                ? rj.leadershipPointsByRungsShort[rungsShort] : rj.leadershipOtherPoints
            leadershipInput = best.rawValue
        } else {
            leadershipPoints = rj.leadershipOtherPoints
            leadershipInput = "none"
        }
        indicators.append(RekamJejakIndicator(indicator: .leadership, input: leadershipInput,
                                              points: leadershipPoints, weight: rj.leadershipWeight))

        let trainingYears = facts.trainingHours.map {
            TrainingYear(year: $0.year, hours: $0.hours, meetsMinimum: $0.hours >= rj.trainingMinimumHours)
        }
        let met = trainingYears.reduce(0) { $0 + ($1.meetsMinimum ? 1 : 0) }
        let trainingPoints = met < rj.trainingPointsByYearsMet.count ? rj.trainingPointsByYearsMet[met]
            : rj.trainingPointsByYearsMet.last ?? .zero
        indicators.append(RekamJejakIndicator(
            indicator: .training,
            input: String(met),
            points: trainingPoints, weight: rj.trainingWeight))

        let awardPoints = facts.bestAward.flatMap { rj.awardPoints[$0] } ?? rj.awardNonePoints
        indicators.append(RekamJejakIndicator(indicator: .award, input: facts.bestAward?.rawValue ?? "none",
                                              points: awardPoints, weight: rj.awardWeight))

        let penaltyPoints: Score
        let penaltyInput: String
        if facts.beratRunning {
            penaltyPoints = rj.beratRunningPoints
            penaltyInput = "BERAT_RUNNING"
        } else {
            penaltyPoints = facts.worstPenalty.flatMap { rj.penaltyPoints[$0] } ?? rj.penaltyNonePoints
            penaltyInput = facts.worstPenalty?.rawValue ?? "none"
        }
        indicators.append(RekamJejakIndicator(indicator: .penalty, input: penaltyInput,
                                              points: penaltyPoints, weight: rj.penaltyWeight))

        let score = Score.weightedSum(indicators.lazy.map { ($0.weight, $0.points) })
        return RekamJejakExplanation(
            highestEducation: facts.highestEducation, bestLeadership: facts.bestLeadership,
            yearsAtLevel: facts.yearsAtLevel, trainingHours: trainingYears, bestAward: facts.bestAward,
            worstPenalty: facts.worstPenalty, beratRunningAtReferenceDate: facts.beratRunning,
            indicators: indicators, score: score)
    }
}
