/// Static validation of the rows of the history files (education … other_scores and the optional files of §12.7),
/// DOMAIN.md §10, §12.7 and Fine print.
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
        case .potentialAssessment: row = potentialAssessment(record).map(HistoryRow.potentialAssessment)
        case .teamAssignment: row = teamAssignment(record).map(HistoryRow.teamAssignment)
        case .feedback: row = feedback(record).map(HistoryRow.feedback)
        case .actingAssignment: row = actingAssignment(record).map(HistoryRow.actingAssignment)
        case .positionHistory: row = positionHistory(record).map(HistoryRow.positionHistory)
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
        let fieldFit: Bool?
        switch r["field_fit"] {
        case nil: fieldFit = nil
        case "true": fieldFit = true
        case "false": fieldFit = false
        case let text?: return .failure(Problem("field_fit \(text) is not true, false or empty"))
        }
        return .success(EducationRecord(level: level, institution: r.text("institution"), major: r.text("major"),
                                        graduatedOn: graduated.flatMap(CivilDate.init(iso:)), fieldFit: fieldFit))
    }

    static func training(_ r: RawRecord) -> Result<TrainingRecord, Problem> {
        guard let kind = r["kind"] else { return .failure(Problem("kind is empty")) }
        guard let ended = requiredDate(r, "ended_on") else { return .failure(Problem("ended_on is missing or not a date")) }
        // Empty hours count as 0 JP (DOMAIN.md Fine print); given hours must be a number ≥ 0.
        var hours = Score.zero
        if let text = r["hours"] {
            guard let value = Score(decimal: text), value >= .zero else {
                return .failure(Problem("hours \(text) is not a number of JP ≥ 0"))
            }
            hours = value
        }
        return .success(TrainingRecord(kind: kind, title: r.text("title"), endedOn: ended, hours: hours))
    }

    static func performance(_ r: RawRecord) -> Result<PerformanceRecord, Problem> {
        // A legacy score is truncated to hundredths: exact against the two-decimal legacy bands.
        yearly(r, scoreRounding: false).map { PerformanceRecord(year: $0.year, predicate: $0.predicate, score: $0.score) }
    }

    /// A performance row's year and predicate-or-score, shared by performance.csv and feedback_360.csv.
    private static func yearly(_ r: RawRecord, scoreRounding: Bool)
        -> Result<(year: Int, predicate: PerformancePredicate?, score: Score?), Problem> {
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
            guard let value = percentage(text, rounding: scoreRounding) else {
                return .failure(Problem("score \(text) is not a number in 0–100"))
            }
            score = value
        }
        guard predicate != nil || score != nil else { return .failure(Problem("neither predicate nor score")) }
        return .success((year, predicate, score))
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
                guard let value = Self.level(text) else {
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

    static func potentialAssessment(_ r: RawRecord) -> Result<PotentialAssessmentRecord, Problem> {
        guard let day = requiredDate(r, "assessed_on") else {
            return .failure(Problem("assessed_on is missing or not a date"))
        }
        var levels: [Int] = []
        levels.reserveCapacity(PotentialAspect.allCases.count)
        for aspect in PotentialAspect.allCases {
            guard let level = r[aspect.rawValue].flatMap(Self.level) else {
                return .failure(Problem("\(aspect.rawValue) level \(r[aspect.rawValue] ?? "(empty)") is not 1–5"))
            }
            levels.append(level)
        }
        return .success(PotentialAssessmentRecord(assessedOn: day, method: r.text("method"), levels: levels))
    }

    static func teamAssignment(_ r: RawRecord) -> Result<TeamAssignmentRecord, Problem> {
        guard let role = r["role"].flatMap(TeamRole.init(rawValue:)) else {
            return .failure(Problem("role \(r["role"] ?? "(empty)") is not KETUA or ANGGOTA"))
        }
        guard let scope = r["scope"].flatMap(TeamScope.init(rawValue:)) else {
            return .failure(Problem("scope \(r["scope"] ?? "(empty)") is not LINTAS_INSTANSI or INSTANSI"))
        }
        guard let day = requiredDate(r, "decided_on") else {
            return .failure(Problem("decided_on is missing or not a date"))
        }
        return .success(TeamAssignmentRecord(role: role, scope: scope, title: r.text("title"), decidedOn: day))
    }

    static func feedback(_ r: RawRecord) -> Result<FeedbackRecord, Problem> {
        // A score with more decimals is rounded half-up to 2 places (DOMAIN.md Fine print of §12).
        yearly(r, scoreRounding: true).map { FeedbackRecord(year: $0.year, predicate: $0.predicate, score: $0.score) }
    }

    static func actingAssignment(_ r: RawRecord) -> Result<ActingAssignmentRecord, Problem> {
        guard let kind = r["kind"].flatMap(ActingKind.init(rawValue:)) else {
            return .failure(Problem("kind \(r["kind"] ?? "(empty)") is not PJ, PLT or PLH"))
        }
        var level: ActingLevel?
        if let text = r["level"] {
            guard let value = ActingLevel(rawValue: text) else {
                return .failure(Problem("level \(text) is not ATAS or SETARA"))
            }
            level = value
        } else if kind != .pj {
            return .failure(Problem("a \(kind.rawValue) assignment needs a level (ATAS or SETARA)"))
        }
        guard let started = requiredDate(r, "started_on") else {
            return .failure(Problem("started_on is missing or not a date"))
        }
        var ended: CivilDate?
        if let text = r["ended_on"] {
            guard let value = CivilDate(iso: text) else { return .failure(Problem("ended_on \(text) is not a date")) }
            guard value >= started else { return .failure(Problem("ended_on \(value) is before started_on \(started)")) }
            ended = value
        }
        return .success(ActingAssignmentRecord(kind: kind, level: level, startedOn: started, endedOn: ended))
    }

    static func positionHistory(_ r: RawRecord) -> Result<PositionHistoryRecord, Problem> {
        guard let started = requiredDate(r, "started_on") else {
            return .failure(Problem("started_on is missing or not a date"))
        }
        guard let unit = r["unit_code"] else { return .failure(Problem("unit_code is empty")) }
        return .success(PositionHistoryRecord(startedOn: started, unitCode: unit, agency: r["agency"] ?? ""))
    }

    /// A level 1–5 written as one digit alone (`4.0`, `04` and `4.5` are not levels).
    static func level(_ text: String) -> Int? {
        guard text.utf8.count == 1, let value = Int(text), (1...5).contains(value) else { return nil }
        return value
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
