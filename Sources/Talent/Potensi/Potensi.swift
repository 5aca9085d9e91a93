/// The potensi (potential) axis, DOMAIN.md §5: A, RJ and L combined with the weight case that applies.
///
/// L is the committee score for year Y (several rows: the lowest, flag DUPLICATE_OTHER_SCORE); a row for a year after Y
/// is left out and flagged INVALID_OTHER_SCORE; rows before Y are ignored (DOMAIN.md Fine print).
/// Level: ≥ tinggiMinimum TINGGI, ≥ menengahMinimum MENENGAH, else RENDAH, after rounding. Without a valid assessment
/// the level is at most `levelCapWithoutAssessment` and the placement is flagged TANPA_ASESMEN.
public enum PotensiRule {
    /// The potensi of one employee against target level `target`.
    public static func evaluate(_ input: EmployeeInput, target: StructuralLevel, context: ReviewContext,
                                rules: RuleSet) -> PotensiResult {
        let potensi = rules.potensi
        var flags: PlacementFlags = []
        var leftOut: [LeftOutRow] = []

        let assessment = AssessmentScore.choose(
            input.assessments, competencyStandard: rules.requirement(target).competencyStandard, context: context,
            windowYears: potensi.assessmentWindowYears)
        flags.formUnion(assessment.flags)
        leftOut += assessment.leftOut

        let facts = RekamJejak.facts(input, context: context, rules: rules)
        flags.formUnion(facts.flags)
        leftOut += facts.leftOut
        let rekamJejak = RekamJejak.score(facts.facts, golongan: input.employee.golongan, target: target, rules: rules)

        var otherScores: [Score] = []
        for row in input.otherScores {
            if row.year > context.year {
                flags.insert(.invalidOtherScore)
                leftOut.append(LeftOutRow(kind: .otherScore, detail: "year \(row.year) is after the review year \(context.year)"))
            } else if row.year == context.year {
                otherScores.append(row.score)
            }
        }
        if otherScores.count > 1 { flags.insert(.duplicateOtherScore) }
        let other = otherScores.min().map {
            OtherScoreExplanation(year: context.year, score: $0, rowsForYear: otherScores.count)
        }

        let weightCase: PotensiWeightCase
        let weights: PotensiWeights
        switch (assessment.chosen != nil, other != nil) {
        case (true, true): (weightCase, weights) = (.assessmentAndOther, potensi.withAssessmentAndOther)
        case (true, false): (weightCase, weights) = (.assessmentOnly, potensi.withAssessmentOnly)
        case (false, true): (weightCase, weights) = (.otherOnly, potensi.withOtherOnly)
        case (false, false): (weightCase, weights) = (.neither, potensi.withNeither)
        }
        let score = Score.weightedSum([
            (weights.assessment, assessment.chosen?.score ?? .zero),
            (weights.rekamJejak, rekamJejak.score),
            (weights.other, other?.score ?? .zero),
        ])
        let levelFromScore: PotensiLevel = score >= potensi.tinggiMinimum ? .tinggi
            : score >= potensi.menengahMinimum ? .menengah : .rendah
        var level = levelFromScore
        if assessment.chosen == nil {
            flags.insert(.tanpaAsesmen)
            level = min(level, potensi.levelCapWithoutAssessment)
        }
        let explanation = PotensiExplanation(
            assessmentWindowAfter: context.referenceDate.adding(years: -potensi.assessmentWindowYears),
            assessment: assessment.chosen, rekamJejak: rekamJejak, other: other, weightCase: weightCase,
            weights: weights, score: score, tinggiMinimum: potensi.tinggiMinimum,
            menengahMinimum: potensi.menengahMinimum, levelFromScore: levelFromScore,
            cappedWithoutAssessment: level != levelFromScore, level: level)
        return PotensiResult(score: score, level: level, flags: flags, leftOut: leftOut, explanation: explanation)
    }
}

/// The outcome of `PotensiRule.evaluate`.
public struct PotensiResult: Hashable, Sendable {
    /// potensi_score, rounded half-up to 2 places.
    public let score: Score
    public let level: PotensiLevel
    /// TANPA_ASESMEN, DUPLICATE_OTHER_SCORE and the INVALID_… flags of rows dated after D (or with a year after Y).
    public let flags: PlacementFlags
    public let leftOut: [LeftOutRow]
    public let explanation: PotensiExplanation
}
