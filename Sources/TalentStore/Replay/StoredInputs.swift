public import Talent

/// What `talent.assessment_result.inputs` stores: everything the talent rules read to compute one result, so the
/// result can be recomputed from the database alone with its rule set (`rule_version`), whatever changed in `hr.*`
/// since.
///
/// Written in the compact form version 3: one object with `"version": 3`, `reference_date` (D), `position` and
/// `employee` as arrays of their fields, and one array of rows per history table (a table with no rows is left out),
/// each row an array of its fields in a fixed order:
///
///     {"version": 3, "reference_date": "2026-03-31",
///      "position": [code, unit_code, kind, jenjang, critical],
///      "employee": [nip, sex, birth_date, status, state, golongan, golongan_since, cpns_date, position_code,
///                   position_since],
///      "education": [[level, graduated_on, field_fit?]], "training": [[kind, ended_on, hours]],
///      "performance": [[year, predicate, score]], "assessments": [[assessed_on, method, jpm_percent, levels]],
///      "awards": [[level, awarded_on]], "penalties": [[level, decided_on, ends_on]],
///      "other_scores": [[year, score]],
///      "potential_assessments": [[assessed_on, method, levels]], "team_assignments": [[role, scope, decided_on]],
///      "feedback": [[year, predicate, score]], "acting_assignments": [[kind, level, started_on, ended_on]],
///      "position_history": [[started_on, unit_code, agency]],
///      "invalid_rows": [[kind, line, problem]]}
///
/// Dates are `YYYY-MM-DD`, scores JSON numbers, absent values `null`; an education row's `field_fit` (true/false) is
/// written only when judged. Only what the rules and the explanation read is kept: the names, titles, institutions
/// and majors that the rules never read (and the fingerprint leaves out) are not stored, so a recomputation gives the
/// same result and fingerprint, and the history of results copies no personal names.
/// Version 3 is version 2 (migration 0016) with the optional files of DOMAIN.md §12.7 and `field_fit`; versions 2
/// and 1 (rows written before migration 0016: `{"context": {"referenceDate"}, "position": {...}, "input": {...}}`,
/// Talent's own JSON of each value) still decode.
public struct StoredInputs: Hashable, Sendable {
    /// Y and D of the review.
    public var context: ReviewContext
    /// The employee's position as it was (its title left out).
    public var position: Position
    /// The employee and every history row, as the rules received them (names, titles, institutions and majors left
    /// out).
    public var input: EmployeeInput

    /// The version this type writes.
    public static let version = 3

    /// Captures the inputs of one assessment, leaving out the text the rules never read.
    public init(input: EmployeeInput, position: Position, context: ReviewContext) {
        var input = input
        input.employee.name = ""
        for index in input.education.indices {
            input.education[index].institution = ""
            input.education[index].major = ""
        }
        for index in input.training.indices { input.training[index].title = "" }
        for index in input.awards.indices { input.awards[index].name = "" }
        for index in input.teamAssignments.indices { input.teamAssignments[index].title = "" }
        var position = position
        position.title = ""
        self.context = context
        self.position = position
        self.input = input
    }
}

extension StoredInputs: Codable {
    enum Key: String, CodingKey {
        case version
        case referenceDate = "reference_date"
        case position, employee, education, training, performance, assessments, awards, penalties
        case otherScores = "other_scores"
        case potentialAssessments = "potential_assessments"
        case teamAssignments = "team_assignments"
        case feedback
        case actingAssignments = "acting_assignments"
        case positionHistory = "position_history"
        case invalidRows = "invalid_rows"
    }

    /// The version-1 form: Talent's own JSON of each value.
    private struct Version1: Decodable {
        var context: ReviewContext
        var position: Position
        var input: EmployeeInput
    }

    public func encode(to encoder: any Encoder) throws {
        var object = encoder.container(keyedBy: Key.self)
        try object.encode(Self.version, forKey: .version)
        try object.encode(context.referenceDate, forKey: .referenceDate)
        var p = object.nestedUnkeyedContainer(forKey: .position)
        try p.encode(position.code)
        try p.encode(position.unitCode)
        try p.encode(position.kind)
        try p.encode(position.jenjang)
        try p.encode(position.critical)
        let e = input.employee
        var row = object.nestedUnkeyedContainer(forKey: .employee)
        try row.encode(e.nip)
        try row.encode(e.sex)
        try row.encode(e.birthDate)
        try row.encode(e.status)
        try row.encode(e.state)
        try row.encode(e.golongan)
        try row.encode(e.golonganSince)
        try row.encode(e.cpnsDate)
        try row.encode(e.positionCode)
        try row.encode(e.positionSince)
        try Self.rows(input.education, .education, in: &object) { row, r in
            try row.encode(r.level)
            try row.encode(r.graduatedOn)
            if let fieldFit = r.fieldFit { try row.encode(fieldFit) }
        }
        try Self.rows(input.training, .training, in: &object) { row, r in
            try row.encode(r.kind)
            try row.encode(r.endedOn)
            try row.encode(r.hours)
        }
        try Self.rows(input.performance, .performance, in: &object) { row, r in
            try row.encode(r.year)
            try row.encode(r.predicate)
            try row.encode(r.score)
        }
        try Self.rows(input.assessments, .assessments, in: &object) { row, r in
            try row.encode(r.assessedOn)
            try row.encode(r.method)
            try row.encode(r.jpmPercent)
            try row.encode(r.levels)
        }
        try Self.rows(input.awards, .awards, in: &object) { row, r in
            try row.encode(r.level)
            try row.encode(r.awardedOn)
        }
        try Self.rows(input.penalties, .penalties, in: &object) { row, r in
            try row.encode(r.level)
            try row.encode(r.decidedOn)
            try row.encode(r.endsOn)
        }
        try Self.rows(input.otherScores, .otherScores, in: &object) { row, r in
            try row.encode(r.year)
            try row.encode(r.score)
        }
        try Self.rows(input.potentialAssessments, .potentialAssessments, in: &object) { row, r in
            try row.encode(r.assessedOn)
            try row.encode(r.method)
            try row.encode(r.levels)
        }
        try Self.rows(input.teamAssignments, .teamAssignments, in: &object) { row, r in
            try row.encode(r.role)
            try row.encode(r.scope)
            try row.encode(r.decidedOn)
        }
        try Self.rows(input.feedback, .feedback, in: &object) { row, r in
            try row.encode(r.year)
            try row.encode(r.predicate)
            try row.encode(r.score)
        }
        try Self.rows(input.actingAssignments, .actingAssignments, in: &object) { row, r in
            try row.encode(r.kind)
            try row.encode(r.level)
            try row.encode(r.startedOn)
            try row.encode(r.endedOn)
        }
        try Self.rows(input.positionHistory, .positionHistory, in: &object) { row, r in
            try row.encode(r.startedOn)
            try row.encode(r.unitCode)
            try row.encode(r.agency)
        }
        try Self.rows(input.invalidRows, .invalidRows, in: &object) { row, r in
            try row.encode(r.kind)
            try row.encode(r.line)
            try row.encode(r.problem)
        }
    }

    /// Writes `records` under `key` as an array of rows, each filled by `fields`; nothing when there are none.
    private static func rows<R>(_ records: [R], _ key: Key, in object: inout KeyedEncodingContainer<Key>,
                                fields: (inout any UnkeyedEncodingContainer, R) throws -> Void) throws {
        guard !records.isEmpty else { return }
        var list = object.nestedUnkeyedContainer(forKey: key)
        for record in records {
            var row: any UnkeyedEncodingContainer = list.nestedUnkeyedContainer()
            try fields(&row, record)
        }
    }

    /// Decodes version 3 or 2 (2 has no optional-file rows and no field_fit), or version 1 when the object has no
    /// `version`.
    /// - Throws: `DecodingError` for another version or a malformed value (e.g. a performance row with neither
    ///   predicate nor score, an assessment without 9 levels or a JPM).
    public init(from decoder: any Decoder) throws {
        let object = try decoder.container(keyedBy: Key.self)
        guard let version = try object.decodeIfPresent(Int.self, forKey: .version) else {
            let old = try Version1(from: decoder)
            self.init(input: old.input, position: old.position, context: old.context)
            return
        }
        guard version == Self.version || version == 2 else {
            throw DecodingError.dataCorruptedError(forKey: .version, in: object,
                                                   debugDescription: "stored inputs of version \(version) are not known")
        }
        var p = try object.nestedUnkeyedContainer(forKey: .position)
        let position = Position(code: try p.decode(String.self), unitCode: try p.decode(String.self), title: "",
                                kind: try p.decode(PositionKind.self), jenjang: try p.decodeIfPresent(Jenjang.self),
                                critical: try p.decode(Bool.self))
        var e = try object.nestedUnkeyedContainer(forKey: .employee)
        let employee = Employee(
            nip: try e.decode(String.self), name: "", sex: try e.decode(Sex.self), birthDate: try e.decode(CivilDate.self),
            status: try e.decode(EmployeeStatus.self), state: try e.decode(EmployeeState.self),
            golongan: try e.decode(Golongan.self), golonganSince: try e.decodeIfPresent(CivilDate.self),
            cpnsDate: try e.decodeIfPresent(CivilDate.self), positionCode: try e.decode(String.self),
            positionSince: try e.decode(CivilDate.self))
        var input = EmployeeInput(employee: employee)
        input.education = try Self.rows(.education, in: object) { row in
            EducationRecord(level: try row.decode(EducationLevel.self), graduatedOn: try row.decodeIfPresent(CivilDate.self),
                            fieldFit: row.isAtEnd ? nil : try row.decode(Bool.self))
        }
        input.training = try Self.rows(.training, in: object) { row in
            TrainingRecord(kind: try row.decode(String.self), endedOn: try row.decode(CivilDate.self),
                           hours: try row.decode(Score.self))
        }
        input.performance = try Self.rows(.performance, in: object) { row in
            let year = try row.decode(Int.self)
            let predicate = try row.decodeIfPresent(PerformancePredicate.self)
            let score = try row.decodeIfPresent(Score.self)
            guard predicate != nil || score != nil else {
                throw DecodingError.dataCorruptedError(in: row, debugDescription: "a performance row has neither predicate nor score")
            }
            return PerformanceRecord(year: year, predicate: predicate, score: score)
        }
        input.assessments = try Self.rows(.assessments, in: object) { row in
            let assessedOn = try row.decode(CivilDate.self)
            let method = try row.decodeIfPresent(AssessmentMethod.self)
            let jpm = try row.decodeIfPresent(Score.self)
            let levels = try row.decodeIfPresent([Int].self)
            guard levels.map({ $0.count == Competency.allCases.count }) ?? (jpm != nil) else {
                throw DecodingError.dataCorruptedError(in: row, debugDescription: "an assessment has neither 9 levels nor a JPM")
            }
            return AssessmentRecord(assessedOn: assessedOn, method: method, jpmPercent: jpm, levels: levels)
        }
        input.awards = try Self.rows(.awards, in: object) { row in
            AwardRecord(level: try row.decode(AwardLevel.self), awardedOn: try row.decode(CivilDate.self))
        }
        input.penalties = try Self.rows(.penalties, in: object) { row in
            PenaltyRecord(level: try row.decode(PenaltyLevel.self), decidedOn: try row.decode(CivilDate.self),
                          endsOn: try row.decodeIfPresent(CivilDate.self))
        }
        input.otherScores = try Self.rows(.otherScores, in: object) { row in
            OtherScoreRecord(year: try row.decode(Int.self), score: try row.decode(Score.self))
        }
        input.potentialAssessments = try Self.rows(.potentialAssessments, in: object) { row in
            let assessedOn = try row.decode(CivilDate.self)
            let method = try row.decode(String.self)
            let levels = try row.decode([Int].self)
            guard levels.count == PotentialAspect.allCases.count else {
                throw DecodingError.dataCorruptedError(in: row, debugDescription: "a potential assessment has 8 levels")
            }
            return PotentialAssessmentRecord(assessedOn: assessedOn, method: method, levels: levels)
        }
        input.teamAssignments = try Self.rows(.teamAssignments, in: object) { row in
            TeamAssignmentRecord(role: try row.decode(TeamRole.self), scope: try row.decode(TeamScope.self),
                                 decidedOn: try row.decode(CivilDate.self))
        }
        input.feedback = try Self.rows(.feedback, in: object) { row in
            let year = try row.decode(Int.self)
            let predicate = try row.decodeIfPresent(PerformancePredicate.self)
            let score = try row.decodeIfPresent(Score.self)
            guard predicate != nil || score != nil else {
                throw DecodingError.dataCorruptedError(in: row, debugDescription: "a feedback row has neither predicate nor score")
            }
            return FeedbackRecord(year: year, predicate: predicate, score: score)
        }
        input.actingAssignments = try Self.rows(.actingAssignments, in: object) { row in
            let kind = try row.decode(ActingKind.self)
            let level = try row.decodeIfPresent(ActingLevel.self)
            let started = try row.decode(CivilDate.self)
            let ended = try row.decodeIfPresent(CivilDate.self)
            guard level != nil || kind == .pj, ended.map({ $0 >= started }) ?? true else {
                throw DecodingError.dataCorruptedError(in: row, debugDescription: "an acting assignment breaks its rules")
            }
            return ActingAssignmentRecord(kind: kind, level: level, startedOn: started, endedOn: ended)
        }
        input.positionHistory = try Self.rows(.positionHistory, in: object) { row in
            PositionHistoryRecord(startedOn: try row.decode(CivilDate.self), unitCode: try row.decode(String.self),
                                  agency: try row.decode(String.self))
        }
        input.invalidRows = try Self.rows(.invalidRows, in: object) { row in
            InvalidRow(kind: try row.decode(RecordKind.self), line: try row.decode(Int.self),
                       problem: try row.decode(String.self))
        }
        self.init(input: input, position: position,
                  context: ReviewContext(referenceDate: try object.decode(CivilDate.self, forKey: .referenceDate)))
    }

    /// The rows under `key` (none when the key is absent), each made by `record`.
    private static func rows<R>(_ key: Key, in object: KeyedDecodingContainer<Key>,
                                record: (inout any UnkeyedDecodingContainer) throws -> R) throws -> [R] {
        guard object.contains(key) else { return [] }
        var list = try object.nestedUnkeyedContainer(forKey: key)
        var records: [R] = []
        while !list.isAtEnd {
            var row: any UnkeyedDecodingContainer = try list.nestedUnkeyedContainer()
            records.append(try record(&row))
        }
        return records
    }
}
