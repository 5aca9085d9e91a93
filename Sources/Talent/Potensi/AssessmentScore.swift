/// A, the assessment part of potensi (DOMAIN.md §5).
///
/// The assessment with the latest date in (D − assessmentWindowYears, D] counts; several on that day: the highest A.
/// With all nine competency levels, A = 100 × Σ min(levelᵢ, R) / (9 × R) with R the competency standard of the target
/// level, rounded half-up to 2 places (levels win over a JPM on the same row); without levels, A = the row's JPM.
/// A row dated after D is left out and flagged INVALID_ASSESSMENT.
public enum AssessmentScore {
    /// - Parameters:
    ///   - rows: the employee's statically valid assessments.
    ///   - competencyStandard: R of the target level (1–5).
    ///   - context: D.
    ///   - windowYears: the look-back window in years.
    /// - Returns: the chosen assessment (nil when none is in the window), flags and left-out rows.
    public static func choose(_ rows: [AssessmentRecord], competencyStandard: Int, context: ReviewContext,
                              windowYears: Int) -> (chosen: AssessmentExplanation?, flags: PlacementFlags, leftOut: [LeftOutRow]) {
        let day = context.referenceDate
        let after = day.adding(years: -windowYears)
        var flags: PlacementFlags = []
        var leftOut: [LeftOutRow] = []
        var latest: [AssessmentRecord] = []
        for row in rows {
            if row.assessedOn > day {
                flags.insert(.invalidAssessment)
                leftOut.append(LeftOutRow(kind: .assessment, detail: "assessed on \(row.assessedOn), after D \(day)"))
                continue
            }
            guard row.assessedOn > after else { continue }
            if let first = latest.first, first.assessedOn > row.assessedOn { continue }
            if let first = latest.first, first.assessedOn < row.assessedOn { latest = [] }
            latest.append(row)
        }
        let scored = latest.map { explain($0, competencyStandard: competencyStandard, rowsOnDay: latest.count) }
        // Highest A; among equal A the first row in input order, so the choice is stable.
        var best: AssessmentExplanation?
        for candidate in scored where best == nil || candidate.score > best!.score { best = candidate }
        return (best, flags, leftOut)
    }

    /// A of one row.
    public static func explain(_ row: AssessmentRecord, competencyStandard: Int, rowsOnDay: Int) -> AssessmentExplanation {
        if let levels = row.levels {
            let sum = levels.reduce(0) { $0 + min($1, competencyStandard) }
            let score = Score.ratio(sum, over: levels.count * competencyStandard, scaledBy: 100)
            return AssessmentExplanation(assessedOn: row.assessedOn, method: row.method, source: .competencyLevels,
                                         levels: levels, competencyStandard: competencyStandard, countedSum: sum,
                                         jpmPercent: row.jpmPercent, score: score, rowsOnDay: rowsOnDay)
        }
        let jpm = row.jpmPercent ?? .zero
        return AssessmentExplanation(assessedOn: row.assessedOn, method: row.method, source: .jpm, levels: nil,
                                     competencyStandard: nil, countedSum: nil, jpmPercent: jpm, score: jpm,
                                     rowsOnDay: rowsOnDay)
    }
}
