public import Talent

/// The JSON text of a result's two documents, written field by field: the same text as their `Codable` forms through
/// `JSONStreamEncoder` (explanation version 2, `StoredInputs` version 2; checked byte for byte by the tests), at a
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
        kinerja(e.kinerja, &w)
        potensi(e.potensi, &w)
        if let box = e.box { w.key("box"); w.int(box.number) }
        pool(e.pool, &w)
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

    private static func kinerja(_ k: KinerjaExplanation, _ w: inout JSONBytes) {
        w.key("kinerja"); w.open("{")
        w.key("windowFirstYear"); w.int(k.windowFirstYear)
        w.key("windowLastYear"); w.int(k.windowLastYear)
        w.key("yearsUsed"); w.open("[")
        for year in k.yearsUsed {
            w.element(); w.open("[")
            w.element(); w.int(year.year)
            w.element(); w.string(year.predicate.rawValue)
            w.element(); w.score(year.points)
            w.element(); w.weight(year.weight)
            w.element(); w.int(year.rowsForYear)
            w.close("]")
        }
        w.close("]")
        w.key("partial"); w.bool(k.partial)
        if let score = k.score { w.key("score"); w.score(score) }
        w.key("atasMinimum"); w.score(k.atasMinimum)
        w.key("sesuaiMinimum"); w.score(k.sesuaiMinimum)
        w.key("latestOverride"); w.bool(k.latestOverride)
        if let level = k.level { w.key("level"); w.string(level.rawValue) }
        w.close("}")
    }

    private static func potensi(_ p: PotensiExplanation, _ w: inout JSONBytes) {
        w.key("potensi"); w.open("{")
        w.key("assessmentWindowAfter"); w.date(p.assessmentWindowAfter)
        if let a = p.assessment {
            w.key("assessment"); w.open("{")
            w.key("assessedOn"); w.date(a.assessedOn)
            if let method = a.method { w.key("method"); w.string(method.rawValue) }
            w.key("source"); w.string(a.source.rawValue)
            if let levels = a.levels {
                w.key("levels"); w.open("[")
                for level in levels { w.element(); w.int(level) }
                w.close("]")
            }
            if let standard = a.competencyStandard { w.key("competencyStandard"); w.int(standard) }
            if let sum = a.countedSum { w.key("countedSum"); w.int(sum) }
            if let jpm = a.jpmPercent { w.key("jpmPercent"); w.score(jpm) }
            w.key("score"); w.score(a.score)
            w.key("rowsOnDay"); w.int(a.rowsOnDay)
            w.close("}")
        }
        let rj = p.rekamJejak
        w.key("rekamJejak"); w.open("{")
        if let education = rj.highestEducation { w.key("highestEducation"); w.string(education.rawValue) }
        if let leadership = rj.bestLeadership { w.key("bestLeadership"); w.string(leadership.rawValue) }
        w.key("yearsAtLevel"); w.int(rj.yearsAtLevel)
        w.key("trainingHours"); w.open("[")
        for year in rj.trainingHours {
            w.element(); w.open("[")
            w.element(); w.int(year.year)
            w.element(); w.score(year.hours)
            w.element(); w.bool(year.meetsMinimum)
            w.close("]")
        }
        w.close("]")
        if let award = rj.bestAward { w.key("bestAward"); w.string(award.rawValue) }
        if let penalty = rj.worstPenalty { w.key("worstPenalty"); w.string(penalty.rawValue) }
        w.key("beratRunningAtReferenceDate"); w.bool(rj.beratRunningAtReferenceDate)
        w.key("indicators"); w.open("[")
        for indicator in rj.indicators {
            w.element(); w.open("[")
            w.element(); w.string(indicator.indicator.rawValue)
            w.element(); w.string(indicator.input)
            w.element(); w.score(indicator.points)
            w.element(); w.weight(indicator.weight)
            w.close("]")
        }
        w.close("]")
        w.key("score"); w.score(rj.score)
        w.close("}")
        if let other = p.other {
            w.key("other"); w.open("{")
            w.key("year"); w.int(other.year)
            w.key("score"); w.score(other.score)
            w.key("rowsForYear"); w.int(other.rowsForYear)
            w.close("}")
        }
        w.key("weightCase"); w.string(p.weightCase.rawValue)
        w.key("weights"); w.open("{")
        w.key("assessment"); w.weight(p.weights.assessment)
        w.key("rekamJejak"); w.weight(p.weights.rekamJejak)
        w.key("other"); w.weight(p.weights.other)
        w.close("}")
        w.key("score"); w.score(p.score)
        w.key("tinggiMinimum"); w.score(p.tinggiMinimum)
        w.key("menengahMinimum"); w.score(p.menengahMinimum)
        w.key("levelFromScore"); w.string(p.levelFromScore.rawValue)
        w.key("cappedWithoutAssessment"); w.bool(p.cappedWithoutAssessment)
        w.key("level"); w.string(p.level.rawValue)
        w.close("}")
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

    /// As `Weight`'s `Codable` form: `1`, `0.6`, `0.3333`.
    mutating func weight(_ weight: Weight) { decimal(weight.tenThousandths, places: 4) }

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
