public import Talent

/// The JSON text of a result's two documents, written field by field: the same text as their `Codable` forms through
/// `JSONStreamEncoder` (explanation version 3, `StoredInputs` version 3; checked byte for byte by the tests), at a
/// fraction of the CPU. Going through `Codable` costs a boxed container, a generic-metadata lookup and reference
/// counting per value: 40% of the worker's CPU in an annual review (perf, 50,000 employees), for about 150 values
/// per result.
///
/// The `Codable` conformances stay the definition of the forms and what reads them back; a field added to one of
/// these types must be added here too (the tests fail until it is).
public enum ResultJSON {
    /// `talent.assessment_result.explanation` of a placement.
    public static func explanation(_ e: Explanation) -> String {
        var w = JSONBytes()
        w.open("{")
        w.key("version"); w.int(Explanation.version)
        w.key("ruleSet"); w.string(e.ruleSet)
        w.key("year"); w.int(e.year)
        w.key("referenceDate"); w.date(e.referenceDate)
        w.key("position"); w.open("{")
        w.key("code"); w.string(e.position.code)
        w.key("kind"); w.string(e.position.kind.rawValue)
        if let jenjang = e.position.jenjang { w.key("jenjang"); w.string(jenjang.rawValue) }
        w.key("targetLevel"); w.string(e.position.targetLevel.rawValue)
        w.close("}")
        w.key("kinerja"); axis(e.kinerja, &w)
        w.key("potensi"); axis(e.potensi, &w)
        if let box = e.box { w.key("box"); w.int(box.number) }
        pool(e.pool, &w)
        w.key("candidate"); w.open("{")
        if let education = e.candidate.highestEducation { w.key("highestEducation"); w.string(education.rawValue) }
        if let leadership = e.candidate.bestLeadership { w.key("bestLeadership"); w.string(leadership.rawValue) }
        w.close("}")
        w.key("leftOut"); w.open("[")
        for row in e.leftOut {
            w.element(); w.open("{")
            w.key("kind"); w.string(row.kind.rawValue)
            if let line = row.line { w.key("line"); w.int(line) }
            w.key("detail"); w.string(row.detail)
            w.close("}")
        }
        w.close("]")
        w.key("flags"); w.open("[")
        for flag in e.flags { w.element(); w.string(flag.rawValue) }
        w.close("]")
        w.close("}")
        return w.text
    }

    private static func axis<Level: GridLevel>(_ a: AxisExplanation<Level>, _ w: inout JSONBytes) {
        w.open("{")
        if let score = a.score { w.key("score"); w.score(score) }
        if let level = a.level { w.key("level"); w.string(level.rawValue) }
        if let level = a.levelFromScore { w.key("levelFromScore"); w.string(level.rawValue) }
        w.key("highMinimum"); w.score(a.highMinimum)
        w.key("middleMinimum"); w.score(a.middleMinimum)
        if let weightCase = a.weightCase { w.key("weightCase"); w.string(weightCase) }
        if !a.adjustments.isEmpty {
            w.key("adjustments"); w.open("[")
            for adjustment in a.adjustments {
                w.element(); w.open("[")
                w.element(); w.string(adjustment.kind.rawValue)
                w.element(); w.string(adjustment.indicator)
                w.element(); w.string(adjustment.level.rawValue)
                w.close("]")
            }
            w.close("]")
        }
        w.key("indicators"); indicators(a.indicators, &w)
        w.close("}")
    }

    private static func indicators(_ list: [IndicatorExplanation], _ w: inout JSONBytes) {
        w.open("[")
        for i in list {
            w.element(); w.open("[")
            w.element(); w.string(i.indicator)
            w.element(); w.optionalScore(i.score)
            w.element(); w.weight(i.weight)
            w.element(); w.string(i.state.rawValue)
            w.element(); w.score(i.best)
            w.element(); w.optional(i.flag?.rawValue)
            w.element()
            switch i.window {
            case nil: w.null()
            case let .years(first, last)?:
                w.open("["); w.element(); w.string("YEARS"); w.element(); w.int(first); w.element(); w.int(last); w.close("]")
            case let .dates(after, through)?:
                w.open("["); w.element(); w.string("DATES"); w.element(); w.optionalDate(after)
                w.element(); w.date(through); w.close("]")
            case let .asOf(day)?:
                w.open("["); w.element(); w.string("AS_OF"); w.element(); w.date(day); w.close("]")
            }
            w.element(); w.open("[")
            for item in i.evidence { w.element(); evidence(item, &w) }
            w.close("]")
            w.element(); indicators(i.parts, &w)
            w.close("]")
        }
        w.close("]")
    }

    private static func evidence(_ e: Evidence, _ w: inout JSONBytes) {
        w.open("[")
        w.element(); w.string(e.tag)
        switch e {
        case let .performance(year, predicate, legacyScore, rows):
            w.element(); w.int(year); w.element(); w.string(predicate.rawValue)
            w.element(); w.optionalScore(legacyScore); w.element(); w.int(rows)
        case let .assessment(on, method, jpm, levels, standard, rows):
            w.element(); w.date(on); w.element(); w.optional(method?.rawValue); w.element(); w.optionalScore(jpm)
            w.element(); w.optionalInts(levels); w.element(); w.optionalInt(standard); w.element(); w.int(rows)
        case let .potentialAssessment(on, method, levels, rows):
            w.element(); w.date(on); w.element(); w.string(method); w.element(); w.optionalInts(levels)
            w.element(); w.int(rows)
        case let .otherScore(year, score, rows):
            w.element(); w.int(year); w.element(); w.score(score); w.element(); w.int(rows)
        case let .award(on, level):
            w.element(); w.date(on); w.element(); w.string(level.rawValue)
        case let .teamDecree(on, role, scope):
            w.element(); w.date(on); w.element(); w.string(role.rawValue); w.element(); w.string(scope.rawValue)
        case let .feedback(year, predicate, score, rows):
            w.element(); w.int(year); w.element(); w.optional(predicate?.rawValue); w.element(); w.optionalScore(score)
            w.element(); w.int(rows)
        case let .training(on, kind):
            w.element(); w.date(on); w.element(); w.string(kind)
        case let .trainingYear(year, hours, meets):
            w.element(); w.int(year); w.element(); w.score(hours); w.element(); w.bool(meets)
        case let .tenure(since, years):
            w.element(); w.date(since); w.element(); w.int(years)
        case let .post(on, unit, agency):
            w.element(); w.date(on); w.element(); w.string(unit); w.element(); w.string(agency)
        case let .units(count, otherAgency):
            w.element(); w.int(count); w.element(); w.bool(otherAgency)
        case let .acting(on, ended, kind, level):
            w.element(); w.date(on); w.element(); w.optionalDate(ended); w.element(); w.string(kind.rawValue)
            w.element(); w.optional(level?.rawValue)
        case let .education(level, graduatedOn, fieldFit):
            w.element(); w.string(level.rawValue); w.element(); w.optionalDate(graduatedOn)
            w.element(); w.optionalBool(fieldFit)
        case let .golongan(held, minimum, steps):
            w.element(); w.string(held.notation); w.element(); w.string(minimum.notation); w.element(); w.int(steps)
        case let .leadership(best, required, rungs):
            w.element(); w.string(best.rawValue); w.element(); w.string(required.rawValue); w.element(); w.int(rungs)
        case let .penalty(level, decidedOn, lastDay, running):
            w.element(); w.string(level.rawValue); w.element(); w.date(decidedOn); w.element(); w.date(lastDay)
            w.element(); w.bool(running)
        }
        w.close("]")
    }

    private static func pool(_ p: PoolExplanation, _ w: inout JSONBytes) {
        w.key("pool"); w.open("{")
        w.key("member"); w.bool(p.member)
        w.key("krsNasional"); w.bool(p.krsNasional)
        w.key("blockers"); w.open("[")
        for blocker in p.blockers {
            w.element(); w.open("[")
            w.element(); w.string(blocker.blocker.rawValue)
            w.element(); w.string(blocker.detail)
            w.close("]")
        }
        w.close("]")
        w.key("retirementDate"); w.date(p.retirementDate)
        w.key("yearsToRetirement"); w.int(p.yearsToRetirement)
        w.close("}")
    }

    /// `talent.assessment_result.inputs` of a result.
    public static func inputs(_ s: StoredInputs) -> String {
        var w = JSONBytes()
        w.open("{")
        w.key("version"); w.int(StoredInputs.version)
        w.key("reference_date"); w.date(s.context.referenceDate)
        let p = s.position
        w.key("position"); w.open("[")
        w.element(); w.string(p.code)
        w.element(); w.string(p.unitCode)
        w.element(); w.string(p.kind.rawValue)
        w.element(); w.optional(p.jenjang?.rawValue)
        w.element(); w.bool(p.critical)
        w.close("]")
        let e = s.input.employee
        w.key("employee"); w.open("[")
        w.element(); w.string(e.nip)
        w.element(); w.string(e.sex.rawValue)
        w.element(); w.date(e.birthDate)
        w.element(); w.string(e.status.rawValue)
        w.element(); w.string(e.state.rawValue)
        w.element(); w.string(e.golongan.notation)
        w.element(); w.optionalDate(e.golonganSince)
        w.element(); w.optionalDate(e.cpnsDate)
        w.element(); w.string(e.positionCode)
        w.element(); w.date(e.positionSince)
        w.close("]")
        let input = s.input
        rows("education", input.education, &w) { r, w in
            w.element(); w.string(r.level.rawValue)
            w.element(); w.optionalDate(r.graduatedOn)
            if let fieldFit = r.fieldFit { w.element(); w.bool(fieldFit) }
        }
        rows("training", input.training, &w) { r, w in
            w.element(); w.string(r.kind)
            w.element(); w.date(r.endedOn)
            w.element(); w.score(r.hours)
        }
        rows("performance", input.performance, &w) { r, w in
            w.element(); w.int(r.year)
            w.element(); w.optional(r.predicate?.rawValue)
            w.element()
            if let score = r.score { w.score(score) } else { w.null() }
        }
        rows("assessments", input.assessments, &w) { r, w in
            w.element(); w.date(r.assessedOn)
            w.element(); w.optional(r.method?.rawValue)
            w.element()
            if let jpm = r.jpmPercent { w.score(jpm) } else { w.null() }
            w.element()
            if let levels = r.levels {
                w.open("[")
                for level in levels { w.element(); w.int(level) }
                w.close("]")
            } else {
                w.null()
            }
        }
        rows("awards", input.awards, &w) { r, w in
            w.element(); w.string(r.level.rawValue)
            w.element(); w.date(r.awardedOn)
        }
        rows("penalties", input.penalties, &w) { r, w in
            w.element(); w.string(r.level.rawValue)
            w.element(); w.date(r.decidedOn)
            w.element(); w.optionalDate(r.endsOn)
        }
        rows("other_scores", input.otherScores, &w) { r, w in
            w.element(); w.int(r.year)
            w.element(); w.score(r.score)
        }
        rows("potential_assessments", input.potentialAssessments, &w) { r, w in
            w.element(); w.date(r.assessedOn)
            w.element(); w.string(r.method)
            w.element(); w.optionalInts(r.levels)
        }
        rows("team_assignments", input.teamAssignments, &w) { r, w in
            w.element(); w.string(r.role.rawValue)
            w.element(); w.string(r.scope.rawValue)
            w.element(); w.date(r.decidedOn)
        }
        rows("feedback", input.feedback, &w) { r, w in
            w.element(); w.int(r.year)
            w.element(); w.optional(r.predicate?.rawValue)
            w.element(); w.optionalScore(r.score)
        }
        rows("acting_assignments", input.actingAssignments, &w) { r, w in
            w.element(); w.string(r.kind.rawValue)
            w.element(); w.optional(r.level?.rawValue)
            w.element(); w.date(r.startedOn)
            w.element(); w.optionalDate(r.endedOn)
        }
        rows("position_history", input.positionHistory, &w) { r, w in
            w.element(); w.date(r.startedOn)
            w.element(); w.string(r.unitCode)
            w.element(); w.string(r.agency)
        }
        rows("invalid_rows", input.invalidRows, &w) { r, w in
            w.element(); w.string(r.kind.rawValue)
            w.element(); w.int(r.line)
            w.element(); w.string(r.problem)
        }
        w.close("}")
        return w.text
    }

    /// `records` under `key` as an array of rows, each an array written by `fields`; nothing when there are none.
    private static func rows<R>(_ key: StaticString, _ records: [R], _ w: inout JSONBytes,
                                fields: (R, inout JSONBytes) -> Void) {
        guard !records.isEmpty else { return }
        w.key(key); w.open("[")
        for record in records {
            w.element(); w.open("[")
            fields(record, &w)
            w.close("]")
        }
        w.close("]")
    }
}

/// JSON text appended to one byte buffer, with the separators placed as values are written.
struct JSONBytes {
    private var bytes: [UInt8] = []
    /// Whether the next key or element follows a value in the same container (and needs a comma).
    private var afterValue = false

    init() { bytes.reserveCapacity(2048) }

    var text: String { String(decoding: bytes, as: UTF8.self) }

    mutating func open(_ bracket: StaticString) {
        append(bracket)
        afterValue = false
    }

    mutating func close(_ bracket: StaticString) {
        append(bracket)
        afterValue = true
    }

    /// Starts an object member: `,"key":` (keys are plain ASCII).
    mutating func key(_ name: StaticString) {
        if afterValue { bytes.append(UInt8(ascii: ",")) }
        bytes.append(UInt8(ascii: "\""))
        append(name)
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        afterValue = false
    }

    /// Starts an array element.
    mutating func element() {
        if afterValue { bytes.append(UInt8(ascii: ",")) }
        afterValue = false
    }

    mutating func null() { value("null") }

    mutating func bool(_ value: Bool) { self.value(value ? "true" : "false") }

    mutating func int(_ value: Int) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        digits(value.magnitude)
        afterValue = true
    }

    /// As `Score`'s `Codable` form: `80`, `79.5`, `66.48`.
    mutating func score(_ score: Score) { decimal(score.hundredths, places: 2) }

    /// As `Weight`'s `Codable` form, a percentage: `60`, `33.33`, `0.5`.
    mutating func weight(_ weight: Weight) { decimal(weight.tenThousandths, places: 2) }

    mutating func optionalScore(_ score: Score?) {
        if let score { self.score(score) } else { null() }
    }

    mutating func optionalInt(_ value: Int?) {
        if let value { int(value) } else { null() }
    }

    mutating func optionalBool(_ value: Bool?) {
        if let value { bool(value) } else { null() }
    }

    /// An array of integers, or `null`.
    mutating func optionalInts(_ values: [Int]?) {
        guard let values else { return null() }
        open("[")
        for value in values { element(); int(value) }
        close("]")
    }

    /// `YYYY-MM-DD`, as `CivilDate`'s `Codable` form.
    mutating func date(_ date: CivilDate) {
        bytes.append(UInt8(ascii: "\""))
        padded(date.year, 4)
        bytes.append(UInt8(ascii: "-"))
        padded(date.month, 2)
        bytes.append(UInt8(ascii: "-"))
        padded(date.day, 2)
        bytes.append(UInt8(ascii: "\""))
        afterValue = true
    }

    mutating func optionalDate(_ date: CivilDate?) {
        if let date { self.date(date) } else { null() }
    }

    mutating func optional(_ text: String?) {
        if let text { string(text) } else { null() }
    }

    /// A JSON string, escaped as `JSONStreamEncoder` does: `"`, `\` and control characters; `/` and non-ASCII as is.
    mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\\")); bytes.append(byte)
            case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\")); bytes.append(byte)
            case UInt8(ascii: "\n"): bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "n"))
            case UInt8(ascii: "\r"): bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "r"))
            case UInt8(ascii: "\t"): bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "t"))
            case 0..<0x20:
                let hex: [UInt8] = Array("0123456789abcdef".utf8)
                append("\\u00")
                bytes.append(hex[Int(byte >> 4)])
                bytes.append(hex[Int(byte & 0xF)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
        afterValue = true
    }

    /// A fixed-point number with `places` decimals, shortest form: no trailing zeros, no point for a whole number.
    private mutating func decimal(_ scaled: Int, places: Int) {
        var unit = 1
        for _ in 0..<places { unit *= 10 }
        if scaled < 0 { bytes.append(UInt8(ascii: "-")) }
        let magnitude = scaled.magnitude
        digits(magnitude / UInt(unit))
        var fraction = magnitude % UInt(unit)
        if fraction != 0 {
            var width = places
            while fraction % 10 == 0 {
                fraction /= 10
                width -= 1
            }
            bytes.append(UInt8(ascii: "."))
            var divisor: UInt = 1
            for _ in 1..<max(width, 1) { divisor *= 10 }
            while divisor > 0 {
                bytes.append(UInt8(ascii: "0") + UInt8(fraction / divisor % 10))
                divisor /= 10
            }
        }
        afterValue = true
    }

    private mutating func digits(_ value: UInt) {
        if value >= 10 { digits(value / 10) }
        bytes.append(UInt8(ascii: "0") + UInt8(value % 10))
    }

    private mutating func padded(_ value: Int, _ width: Int) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        if value >= divisor * 10 {
            digits(UInt(value))
            return
        }
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
            divisor /= 10
        }
    }

    private mutating func value(_ literal: StaticString) {
        append(literal)
        afterValue = true
    }

    private mutating func append(_ literal: StaticString) {
        literal.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }
}
