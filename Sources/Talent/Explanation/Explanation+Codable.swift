/// The JSON of an explanation, version 3 (the indicator axes):
///
///     {"version": 3, "ruleSet", "year", "referenceDate", "position": {code, kind, jenjang?, targetLevel},
///      "kinerja": AXIS, "potensi": AXIS, "box"?, "pool": {member, krsNasional, blockers: [[blocker, detail]],
///      retirementDate, yearsToRetirement}, "candidate": {highestEducation?, bestLeadership?},
///      "leftOut": [{kind, line?, detail}], "flags": [...]}
///     AXIS      = {"score"?, "level"?, "levelFromScore"?, "highMinimum", "middleMinimum", "weightCase"?,
///                  "adjustments"?: [[CAP|OVERRIDE, indicator, level]], "indicators": [INDICATOR]}
///     INDICATOR = [indicator, score|null, weight, state, best, flag|null, WINDOW|null, [EVIDENCE], [INDICATOR]]
///     WINDOW    = ["YEARS", first, last] | ["DATES", after|null, through] | ["AS_OF", day]
///     EVIDENCE  = [tag, fields…], one form per `Evidence` case (see `Evidence.tag`)
///
/// Weights are percentages, scores JSON numbers, dates `YYYY-MM-DD`; an absent optional key is left out. Lists of
/// rows are arrays of fields (the keys were most of the bytes of a stored explanation, parsed by Postgres for each
/// result written). `TalentStore.ResultJSON` writes the same text field by field.
///
/// Versions 1 and 2 (written before the indicator axes) still decode, without indicators: the axis scores, levels,
/// cut-offs, weighting case and adjustments, the pool, the candidate facts, the rows left out and the flags, with
/// `formatVersion` 1 or 2.
extension Explanation: Codable {
    /// The version this type writes.
    public static let version = 3

    enum CodingKeys: String, CodingKey {
        case version, ruleSet, year, referenceDate, position, kinerja, potensi, box, pool, candidate, leftOut, flags
    }

    public func encode(to encoder: any Encoder) throws {
        var object = encoder.container(keyedBy: CodingKeys.self)
        try object.encode(Self.version, forKey: .version)
        try object.encode(ruleSet, forKey: .ruleSet)
        try object.encode(year, forKey: .year)
        try object.encode(referenceDate, forKey: .referenceDate)
        try object.encode(position, forKey: .position)
        try object.encode(kinerja, forKey: .kinerja)
        try object.encode(potensi, forKey: .potensi)
        try object.encodeIfPresent(box, forKey: .box)
        try object.encode(pool, forKey: .pool)
        try object.encode(candidate, forKey: .candidate)
        try object.encode(leftOut, forKey: .leftOut)
        try object.encode(flags, forKey: .flags)
    }

    /// - Throws: `DecodingError` for a version other than 1, 2 or 3, or a malformed value.
    public init(from decoder: any Decoder) throws {
        let object = try decoder.container(keyedBy: CodingKeys.self)
        let version = try object.decodeIfPresent(Int.self, forKey: .version) ?? 1
        let kinerja: AxisExplanation<KinerjaLevel>
        let potensi: AxisExplanation<PotensiLevel>
        let candidate: CandidateEvidence
        switch version {
        case Self.version:
            kinerja = try object.decode(AxisExplanation<KinerjaLevel>.self, forKey: .kinerja)
            potensi = try object.decode(AxisExplanation<PotensiLevel>.self, forKey: .potensi)
            candidate = try object.decode(CandidateEvidence.self, forKey: .candidate)
        case 1, 2:
            let old = try LegacyAxes(kinerja: object.nestedContainer(keyedBy: LegacyAxes.Keys.self, forKey: .kinerja),
                                     potensi: object.nestedContainer(keyedBy: LegacyAxes.Keys.self, forKey: .potensi))
            (kinerja, potensi, candidate) = (old.kinerja, old.potensi, old.candidate)
        default:
            throw DecodingError.dataCorruptedError(forKey: .version, in: object,
                                                   debugDescription: "an explanation of version \(version) is not known")
        }
        self.init(ruleSet: try object.decode(String.self, forKey: .ruleSet),
                  year: try object.decode(Int.self, forKey: .year),
                  referenceDate: try object.decode(CivilDate.self, forKey: .referenceDate),
                  position: try object.decode(PositionExplanation.self, forKey: .position),
                  kinerja: kinerja, potensi: potensi,
                  box: try object.decodeIfPresent(Box.self, forKey: .box),
                  pool: try object.decode(PoolExplanation.self, forKey: .pool),
                  candidate: candidate,
                  leftOut: try object.decode([LeftOutRow].self, forKey: .leftOut),
                  flags: try object.decode([PlacementFlag].self, forKey: .flags),
                  formatVersion: version)
    }
}

/// The axes of a version 1 or 2 explanation: `kinerja` {score?, level?, atasMinimum, sesuaiMinimum, partial,
/// latestOverride} and `potensi` {score, level, levelFromScore, tinggiMinimum, menengahMinimum, weightCase,
/// cappedWithoutAssessment, rekamJejak {highestEducation?, bestLeadership?}}; the other fields are not read.
private struct LegacyAxes {
    enum Keys: String, CodingKey {
        case score, level, levelFromScore, atasMinimum, sesuaiMinimum, partial, latestOverride
        case tinggiMinimum, menengahMinimum, weightCase, cappedWithoutAssessment, rekamJejak
        case highestEducation, bestLeadership
    }

    let kinerja: AxisExplanation<KinerjaLevel>
    let potensi: AxisExplanation<PotensiLevel>
    let candidate: CandidateEvidence

    init(kinerja k: KeyedDecodingContainer<Keys>, potensi p: KeyedDecodingContainer<Keys>) throws {
        let kinerjaScore = try k.decodeIfPresent(Score.self, forKey: .score)
        let kinerjaLevel = try k.decodeIfPresent(KinerjaLevel.self, forKey: .level)
        let atas = try k.decode(Score.self, forKey: .atasMinimum)
        let sesuai = try k.decode(Score.self, forKey: .sesuaiMinimum)
        let overridden = try k.decodeIfPresent(Bool.self, forKey: .latestOverride) ?? false
        kinerja = AxisExplanation(
            score: kinerjaScore, level: kinerjaLevel,
            levelFromScore: kinerjaScore.map { $0 >= atas ? .atas : $0 >= sesuai ? .sesuai : .bawah },
            highMinimum: atas, middleMinimum: sesuai,
            weightCase: try k.decodeIfPresent(Bool.self, forKey: .partial) == true ? "ONE_YEAR" : nil,
            adjustments: overridden ? [LevelAdjustment(kind: .override, indicator: "SKP_LATEST", level: .bawah)] : [],
            indicators: [])
        let potensiLevel = try p.decode(PotensiLevel.self, forKey: .level)
        let weightCase = try p.decodeIfPresent(String.self, forKey: .weightCase)
        let capped = try p.decodeIfPresent(Bool.self, forKey: .cappedWithoutAssessment) ?? false
        potensi = AxisExplanation(
            score: try p.decode(Score.self, forKey: .score), level: potensiLevel,
            levelFromScore: try p.decodeIfPresent(PotensiLevel.self, forKey: .levelFromScore),
            highMinimum: try p.decode(Score.self, forKey: .tinggiMinimum),
            middleMinimum: try p.decode(Score.self, forKey: .menengahMinimum),
            weightCase: weightCase == "A_RJ_L" ? nil : weightCase,
            adjustments: capped ? [LevelAdjustment(kind: .cap, indicator: "ASESMEN", level: potensiLevel)] : [],
            indicators: [])
        let rekamJejak = try p.nestedContainer(keyedBy: Keys.self, forKey: .rekamJejak)
        candidate = CandidateEvidence(
            highestEducation: try rekamJejak.decodeIfPresent(EducationLevel.self, forKey: .highestEducation),
            bestLeadership: try rekamJejak.decodeIfPresent(LeadershipTraining.self, forKey: .bestLeadership))
    }
}

extension AxisExplanation: Codable {
    enum CodingKeys: String, CodingKey {
        case score, level, levelFromScore, highMinimum, middleMinimum, weightCase, adjustments, indicators
    }

    public func encode(to encoder: any Encoder) throws {
        var object = encoder.container(keyedBy: CodingKeys.self)
        try object.encodeIfPresent(score, forKey: .score)
        try object.encodeIfPresent(level, forKey: .level)
        try object.encodeIfPresent(levelFromScore, forKey: .levelFromScore)
        try object.encode(highMinimum, forKey: .highMinimum)
        try object.encode(middleMinimum, forKey: .middleMinimum)
        try object.encodeIfPresent(weightCase, forKey: .weightCase)
        if !adjustments.isEmpty { try object.encode(adjustments, forKey: .adjustments) }
        try object.encode(indicators, forKey: .indicators)
    }

    public init(from decoder: any Decoder) throws {
        let object = try decoder.container(keyedBy: CodingKeys.self)
        self.init(score: try object.decodeIfPresent(Score.self, forKey: .score),
                  level: try object.decodeIfPresent(Level.self, forKey: .level),
                  levelFromScore: try object.decodeIfPresent(Level.self, forKey: .levelFromScore),
                  highMinimum: try object.decode(Score.self, forKey: .highMinimum),
                  middleMinimum: try object.decode(Score.self, forKey: .middleMinimum),
                  weightCase: try object.decodeIfPresent(String.self, forKey: .weightCase),
                  adjustments: try object.decodeIfPresent([LevelAdjustment<Level>].self, forKey: .adjustments) ?? [],
                  indicators: try object.decode([IndicatorExplanation].self, forKey: .indicators))
    }
}

extension LevelAdjustment: Codable {
    public func encode(to encoder: any Encoder) throws {
        var row = encoder.unkeyedContainer()
        try row.encode(kind)
        try row.encode(indicator)
        try row.encode(level)
    }

    public init(from decoder: any Decoder) throws {
        var row = try decoder.unkeyedContainer()
        self.init(kind: try row.decode(Kind.self), indicator: try row.decode(String.self), level: try row.decode(Level.self))
    }
}

extension IndicatorExplanation: Codable {
    public func encode(to encoder: any Encoder) throws {
        var row = encoder.unkeyedContainer()
        try row.encode(indicator)
        try row.encode(score)
        try row.encode(weight)
        try row.encode(state)
        try row.encode(best)
        try row.encode(flag)
        try row.encode(window)
        try row.encode(evidence)
        try row.encode(parts)
    }

    public init(from decoder: any Decoder) throws {
        var row = try decoder.unkeyedContainer()
        self.init(indicator: try row.decode(String.self), score: try row.decodeIfPresent(Score.self),
                  weight: try row.decode(Weight.self), state: try row.decode(IndicatorState.self),
                  best: try row.decode(Score.self), flag: try row.decodeIfPresent(PlacementFlag.self),
                  window: try row.decodeIfPresent(IndicatorWindow.self), evidence: try row.decode(EvidenceList.self),
                  parts: try row.decode([IndicatorExplanation].self))
    }
}

extension IndicatorWindow: Codable {
    public func encode(to encoder: any Encoder) throws {
        var row = encoder.unkeyedContainer()
        switch self {
        case let .years(first, last):
            try row.encode("YEARS")
            try row.encode(first)
            try row.encode(last)
        case let .dates(after, through):
            try row.encode("DATES")
            try row.encode(after)
            try row.encode(through)
        case let .asOf(day):
            try row.encode("AS_OF")
            try row.encode(day)
        }
    }

    public init(from decoder: any Decoder) throws {
        var row = try decoder.unkeyedContainer()
        switch try row.decode(String.self) {
        case "YEARS": self = .years(first: try row.decode(Int.self), last: try row.decode(Int.self))
        case "DATES": self = .dates(after: try row.decodeIfPresent(CivilDate.self), through: try row.decode(CivilDate.self))
        case "AS_OF": self = .asOf(try row.decode(CivilDate.self))
        case let tag: throw DecodingError.dataCorruptedError(in: row, debugDescription: "unknown window \(tag)")
        }
    }
}

extension Evidence {
    /// The first element of the evidence's JSON array.
    public var tag: String {
        switch self {
        case .performance: return "SKP"
        case .assessment: return "ASSESSMENT"
        case .potentialAssessment: return "POTENTIAL_ASSESSMENT"
        case .otherScore: return "OTHER_SCORE"
        case .award: return "AWARD"
        case .teamDecree: return "TEAM_DECREE"
        case .feedback: return "FEEDBACK_360"
        case .training: return "TRAINING"
        case .trainingYear: return "JP"
        case .tenure: return "TENURE"
        case .post: return "POST"
        case .units: return "UNITS"
        case .acting: return "ACTING"
        case .education: return "EDUCATION"
        case .golongan: return "GOLONGAN"
        case .leadership: return "LEADERSHIP"
        case .penalty: return "PENALTY"
        }
    }
}

/// Each case is an array of its tag and its fields in declaration order:
/// `["SKP", year, predicate, legacyScore, rowsForYear]`,
/// `["ASSESSMENT", on, method, jpm, levels, standard, rowsOnDay]`,
/// `["POTENTIAL_ASSESSMENT", on, method, levels, rowsOnDay]`, `["OTHER_SCORE", year, score, rowsForYear]`,
/// `["AWARD", on, level]`, `["TEAM_DECREE", on, role, scope]`, `["FEEDBACK_360", year, predicate, score, rowsForYear]`,
/// `["TRAINING", on, kind]`, `["JP", year, hours, meetsMinimum]`, `["TENURE", since, fullYears]`,
/// `["POST", on, unit, agency]`, `["UNITS", count, otherAgency]`, `["ACTING", on, ended, kind, level]`,
/// `["EDUCATION", level, graduatedOn, fieldFit]`, `["GOLONGAN", held, minimum, stepsShort]`,
/// `["LEADERSHIP", best, required, rungsShort]`, `["PENALTY", level, decidedOn, lastDay, runningAtD]`.
extension Evidence: Codable {
    public func encode(to encoder: any Encoder) throws {
        var row = encoder.unkeyedContainer()
        try row.encode(tag)
        switch self {
        case let .performance(year, predicate, legacyScore, rows):
            try row.encode(year); try row.encode(predicate); try row.encode(legacyScore); try row.encode(rows)
        case let .assessment(on, method, jpm, levels, standard, rows):
            try row.encode(on); try row.encode(method); try row.encode(jpm); try row.encode(levels)
            try row.encode(standard); try row.encode(rows)
        case let .potentialAssessment(on, method, levels, rows):
            try row.encode(on); try row.encode(method); try row.encode(levels); try row.encode(rows)
        case let .otherScore(year, score, rows):
            try row.encode(year); try row.encode(score); try row.encode(rows)
        case let .award(on, level):
            try row.encode(on); try row.encode(level)
        case let .teamDecree(on, role, scope):
            try row.encode(on); try row.encode(role); try row.encode(scope)
        case let .feedback(year, predicate, score, rows):
            try row.encode(year); try row.encode(predicate); try row.encode(score); try row.encode(rows)
        case let .training(on, kind):
            try row.encode(on); try row.encode(kind)
        case let .trainingYear(year, hours, meets):
            try row.encode(year); try row.encode(hours); try row.encode(meets)
        case let .tenure(since, years):
            try row.encode(since); try row.encode(years)
        case let .post(on, unit, agency):
            try row.encode(on); try row.encode(unit); try row.encode(agency)
        case let .units(count, otherAgency):
            try row.encode(count); try row.encode(otherAgency)
        case let .acting(on, ended, kind, level):
            try row.encode(on); try row.encode(ended); try row.encode(kind); try row.encode(level)
        case let .education(level, graduatedOn, fieldFit):
            try row.encode(level); try row.encode(graduatedOn); try row.encode(fieldFit)
        case let .golongan(held, minimum, steps):
            try row.encode(held); try row.encode(minimum); try row.encode(steps)
        case let .leadership(best, required, rungs):
            try row.encode(best); try row.encode(required); try row.encode(rungs)
        case let .penalty(level, decidedOn, lastDay, running):
            try row.encode(level); try row.encode(decidedOn); try row.encode(lastDay); try row.encode(running)
        }
    }

    public init(from decoder: any Decoder) throws {
        var row = try decoder.unkeyedContainer()
        let tag = try row.decode(String.self)
        switch tag {
        case "SKP":
            self = .performance(year: try row.decode(Int.self), predicate: try row.decode(PerformancePredicate.self),
                                legacyScore: try row.decodeIfPresent(Score.self), rowsForYear: try row.decode(Int.self))
        case "ASSESSMENT":
            self = .assessment(on: try row.decode(CivilDate.self), method: try row.decodeIfPresent(AssessmentMethod.self),
                               jpm: try row.decodeIfPresent(Score.self), levels: try row.decodeIfPresent([Int].self),
                               standard: try row.decodeIfPresent(Int.self), rowsOnDay: try row.decode(Int.self))
        case "POTENTIAL_ASSESSMENT":
            self = .potentialAssessment(on: try row.decode(CivilDate.self), method: try row.decode(String.self),
                                        levels: try row.decode([Int].self), rowsOnDay: try row.decode(Int.self))
        case "OTHER_SCORE":
            self = .otherScore(year: try row.decode(Int.self), score: try row.decode(Score.self),
                               rowsForYear: try row.decode(Int.self))
        case "AWARD":
            self = .award(on: try row.decode(CivilDate.self), level: try row.decode(AwardLevel.self))
        case "TEAM_DECREE":
            self = .teamDecree(on: try row.decode(CivilDate.self), role: try row.decode(TeamRole.self),
                               scope: try row.decode(TeamScope.self))
        case "FEEDBACK_360":
            self = .feedback(year: try row.decode(Int.self), predicate: try row.decodeIfPresent(PerformancePredicate.self),
                             score: try row.decodeIfPresent(Score.self), rowsForYear: try row.decode(Int.self))
        case "TRAINING":
            self = .training(on: try row.decode(CivilDate.self), kind: try row.decode(String.self))
        case "JP":
            self = .trainingYear(year: try row.decode(Int.self), hours: try row.decode(Score.self),
                                 meetsMinimum: try row.decode(Bool.self))
        case "TENURE":
            self = .tenure(since: try row.decode(CivilDate.self), fullYears: try row.decode(Int.self))
        case "POST":
            self = .post(on: try row.decode(CivilDate.self), unit: try row.decode(String.self),
                         agency: try row.decode(String.self))
        case "UNITS":
            self = .units(count: try row.decode(Int.self), otherAgency: try row.decode(Bool.self))
        case "ACTING":
            self = .acting(on: try row.decode(CivilDate.self), ended: try row.decodeIfPresent(CivilDate.self),
                           kind: try row.decode(ActingKind.self), level: try row.decodeIfPresent(ActingLevel.self))
        case "EDUCATION":
            self = .education(level: try row.decode(EducationLevel.self), graduatedOn: try row.decodeIfPresent(CivilDate.self),
                              fieldFit: try row.decodeIfPresent(Bool.self))
        case "GOLONGAN":
            self = .golongan(held: try row.decode(Golongan.self), minimum: try row.decode(Golongan.self),
                             stepsShort: try row.decode(Int.self))
        case "LEADERSHIP":
            self = .leadership(best: try row.decode(LeadershipTraining.self),
                               required: try row.decode(LeadershipTraining.self), rungsShort: try row.decode(Int.self))
        case "PENALTY":
            self = .penalty(level: try row.decode(PenaltyLevel.self), decidedOn: try row.decode(CivilDate.self),
                            lastDay: try row.decode(CivilDate.self), runningAtD: try row.decode(Bool.self))
        default:
            throw DecodingError.dataCorruptedError(in: row, debugDescription: "unknown evidence \(tag)")
        }
    }
}

/// A pool blocker: written as `[blocker, detail]` (versions 2 and 3), read from that or from a version-1 object.
extension BlockerExplanation: Codable {
    enum CodingKeys: String, CodingKey { case blocker, detail }

    public func encode(to encoder: any Encoder) throws {
        var row = encoder.unkeyedContainer()
        try row.encode(blocker)
        try row.encode(detail)
    }

    public init(from decoder: any Decoder) throws {
        if var row = try? decoder.unkeyedContainer() {
            self.init(blocker: try row.decode(PoolBlocker.self), detail: try row.decode(String.self))
        } else {
            let object = try decoder.container(keyedBy: CodingKeys.self)
            self.init(blocker: try object.decode(PoolBlocker.self, forKey: .blocker),
                      detail: try object.decode(String.self, forKey: .detail))
        }
    }
}
