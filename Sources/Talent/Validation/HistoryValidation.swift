/// Static validation of the rows of the history files (education … other_scores), DOMAIN.md §10 and Fine print.
///
/// A row either becomes a typed record on its employee or an `InvalidRow` marker. Nothing here depends on D: a
/// date after D or a year at or after Y is the engine's to flag (see `Validator`).
enum HistoryValidation {
    /// Validates one row of a history file (its NIP names an accepted employee; that is checked by the caller).
    /// - Returns: the typed row, or the marker that replaces it on the employee (kind, line, what was wrong);
    ///   nil for a file that holds no history (units, positions, employees).
    static func validate(_ record: RawRecord) -> HistoryCheck? {
        guard let kind = record.file.recordKind else { return nil }
        let row: Result<HistoryRow, Problem>
        switch kind {
        case .education: row = education(record).map(HistoryRow.education)
        case .training: row = training(record).map(HistoryRow.training)
        case .performance: row = performance(record).map(HistoryRow.performance)
        case .assessment: row = assessment(record).map(HistoryRow.assessment)
        case .award: row = award(record).map(HistoryRow.award)
        case .penalty: row = penalty(record).map(HistoryRow.penalty)
        case .otherScore: row = otherScore(record).map(HistoryRow.otherScore)
        }
        switch row {
        case let .success(row): return .valid(row)
        case let .failure(problem): return .invalid(InvalidRow(kind: kind, line: record.line, problem: problem.text))
        }
    }

    /// What is wrong with a history row, in plain words.
    struct Problem: Error {
        let text: String
        init(_ text: String) { self.text = text }
    }

    static func education(_ r: RawRecord) -> Result<EducationRecord, Problem> {
        guard let level = r["level"].flatMap(EducationLevel.init(rawValue:)) else {
            return .failure(Problem("level \(r["level"] ?? "(empty)") is not an education level"))
        }
        let graduated = r["graduated_on"]
        guard graduated == nil || CivilDate(iso: graduated!) != nil else {
            return .failure(Problem("graduated_on \(graduated!) is not a date"))
        }
        return .success(EducationRecord(level: level, institution: r.text("institution"),
                                        major: r.text("major"), graduatedOn: graduated.flatMap(CivilDate.init(iso:))))
    }

    static func training(_ r: RawRecord) -> Result<TrainingRecord, Problem> {
        guard let kind = r["kind"] else { return .failure(Problem("kind is empty")) }
        guard let ended = requiredDate(r, "ended_on") else { return .failure(Problem("ended_on is missing or not a date")) }
        guard let hours = r["hours"].flatMap({ Score(decimal: $0) }), hours >= .zero else {
            return .failure(Problem("hours \(r["hours"] ?? "(empty)") is not a number of JP ≥ 0"))
        }
        return .success(TrainingRecord(kind: kind, title: r.text("title"), endedOn: ended, hours: hours))
    }

    static func performance(_ r: RawRecord) -> Result<PerformanceRecord, Problem> {
        guard let year = r["year"].flatMap(Self.year) else {
            return .failure(Problem("year \(r["year"] ?? "(empty)") is not a year"))
        }
        var predicate: PerformancePredicate?
        if let text = r["predicate"] {
            guard let value = PerformancePredicate(rawValue: text) else {
                return .failure(Problem("predicate \(text) is not an SKP predicate"))
            }
            predicate = value
        }
        var score: Score?
        if let text = r["score"] {
            // Truncated to hundredths: exact against the two-decimal legacy bands.
            guard let value = percentage(text, rounding: false) else {
                return .failure(Problem("score \(text) is not a number in 0–100"))
            }
            score = value
        }
        guard predicate != nil || score != nil else { return .failure(Problem("neither predicate nor score")) }
        return .success(PerformanceRecord(year: year, predicate: predicate, score: score))
    }

    static func assessment(_ r: RawRecord) -> Result<AssessmentRecord, Problem> {
        guard let day = requiredDate(r, "assessed_on") else {
            return .failure(Problem("assessed_on is missing or not a date"))
        }
        var method: AssessmentMethod?
        if let text = r["method"] {
            guard let value = AssessmentMethod(rawValue: text) else {
                return .failure(Problem("method \(text) is not an assessment method"))
            }
            method = value
        }
        var jpm: Score?
        if let text = r["jpm_percent"] {
            guard let value = percentage(text, rounding: true) else {
                return .failure(Problem("jpm_percent \(text) is not a number in 0–100"))
            }
            jpm = value
        }
        let texts = Competency.allCases.map { r[$0.rawValue] }
        var levels: [Int]?
        let present = texts.compactMap { $0 }
        if present.count == texts.count {
            var values: [Int] = []
            for (competency, text) in zip(Competency.allCases, present) {
                guard let value = Int(text), String(value) == text, (1...5).contains(value) else {
                    return .failure(Problem("\(competency.rawValue) level \(text) is not 1–5"))
                }
                values.append(value)
            }
            levels = values
        } else if !present.isEmpty {
            return .failure(Problem("\(present.count) of the 9 competency levels"))
        }
        guard levels != nil || jpm != nil else { return .failure(Problem("neither competency levels nor jpm_percent")) }
        return .success(AssessmentRecord(assessedOn: day, method: method, jpmPercent: jpm, levels: levels))
    }

    static func award(_ r: RawRecord) -> Result<AwardRecord, Problem> {
        guard let level = r["level"].flatMap(AwardLevel.init(rawValue:)) else {
            return .failure(Problem("level \(r["level"] ?? "(empty)") is not an award level"))
        }
        guard let day = requiredDate(r, "awarded_on") else { return .failure(Problem("awarded_on is missing or not a date")) }
        return .success(AwardRecord(level: level, name: r.text("name"), awardedOn: day))
    }

    static func penalty(_ r: RawRecord) -> Result<PenaltyRecord, Problem> {
        guard let level = r["level"].flatMap(PenaltyLevel.init(rawValue:)) else {
            return .failure(Problem("level \(r["level"] ?? "(empty)") is not a penalty level"))
        }
        guard let decided = requiredDate(r, "decided_on") else {
            return .failure(Problem("decided_on is missing or not a date"))
        }
        var ends: CivilDate?
        if let text = r["ends_on"] {
            guard let value = CivilDate(iso: text) else { return .failure(Problem("ends_on \(text) is not a date")) }
            guard value >= decided else { return .failure(Problem("ends_on \(value) is before decided_on \(decided)")) }
            ends = value
        }
        return .success(PenaltyRecord(level: level, decidedOn: decided, endsOn: ends))
    }

    static func otherScore(_ r: RawRecord) -> Result<OtherScoreRecord, Problem> {
        guard let year = r["year"].flatMap(Self.year) else {
            return .failure(Problem("year \(r["year"] ?? "(empty)") is not a year"))
        }
        guard let score = r["score"].flatMap({ percentage($0, rounding: true) }) else {
            return .failure(Problem("score \(r["score"] ?? "(empty)") is not a number in 0–100"))
        }
        return .success(OtherScoreRecord(year: year, score: score))
    }

    private static func requiredDate(_ r: RawRecord, _ field: String) -> CivilDate? {
        r[field].flatMap(CivilDate.init(iso:))
    }

    /// A four-digit year.
    private static func year(_ text: String) -> Int? {
        guard text.utf8.count == 4, let value = Int(text), value >= 1000 else { return nil }
        return value
    }

    /// A decimal whose exact written value is in 0 … 100, to two places: rounded half-up (JPM, L) or truncated
    /// (legacy SKP score). nil when not a decimal or out of range.
    private static func percentage(_ text: String, rounding: Bool) -> Score? {
        guard let parsed = DecimalText(text) else { return nil }
        let isZero = parsed.truncated == 0 && !parsed.hasDroppedDigits
        guard parsed.sign > 0 || isZero else { return nil }
        guard parsed.truncated < 10_000 || (parsed.truncated == 10_000 && !parsed.hasDroppedDigits) else { return nil }
        let up = rounding && parsed.firstDroppedDigit >= 5 ? 1 : 0
        return Score(hundredths: parsed.truncated + up)
    }
}
