/// A stable fingerprint of the inputs that counted for one placement: lowercase hex SHA-256 of a canonical text.
///
/// The canonical text (UTF-8, version tag `talent-inputs/1`) holds, one `|`-separated line each: the rule set
/// `name@version`, Y and D; the employee fields the rules read (NIP, birth date, status, state, golongan, golongan and
/// CPNS dates, position code, kind and jenjang, position_since); and every row the rules read, sorted bytewise so
/// input order does not matter: performance rows from Y − lookBackYears on, assessments after D −
/// assessmentWindowYears, all education, leadership training of any year and other training from the first checked
/// year on, awards after D − awardWindowYears, penalties decided after D − (the longer of the RJ and discipline
/// windows) or lasting past that day, L rows from Y on, and the kinds of statically invalid rows (once each). Rows
/// outside every window, names, titles, institutions and majors do not count: changing them keeps the fingerprint.
public enum Fingerprint {
    /// The fingerprint of one employee's inputs (64 lowercase hex digits).
    public static func of(_ input: EmployeeInput, position: Position, context: ReviewContext, rules: RuleSet) -> String {
        of(input, position: position, context: context, rules: rules, ruleID: rules.id)
    }

    /// `of` with the rule set's id computed once by the caller (a batch).
    static func of(_ input: EmployeeInput, position: Position, context: ReviewContext, rules: RuleSet,
                   ruleID: String) -> String {
        SHA256.hex(bytes: canonicalBytes(input, position: position, context: context, rules: rules, ruleID: ruleID))
    }

    /// The canonical text that `of` hashes.
    public static func canonicalText(_ input: EmployeeInput, position: Position, context: ReviewContext,
                                     rules: RuleSet) -> String {
        String(decoding: canonicalBytes(input, position: position, context: context, rules: rules, ruleID: rules.id),
               as: UTF8.self)
    }

    static func canonicalBytes(_ input: EmployeeInput, position: Position, context: ReviewContext,
                               rules: RuleSet, ruleID: String) -> [UInt8] {
        let day = context.referenceDate
        let e = input.employee
        var head = CanonicalLines()
        head.text("talent-inputs/1\nrules")
        head.field(ruleID)
        head.end()
        head.text("review")
        head.field(context.year)
        head.field(day)
        head.end()
        head.text("employee")
        head.field(e.nip)
        head.field(e.birthDate)
        head.field(e.status.rawValue)
        head.field(e.state.rawValue)
        head.field(e.golongan.notation)
        head.field(e.golonganSince)
        head.field(e.cpnsDate)
        head.field(e.positionCode)
        head.field(position.kind.rawValue)
        head.field(position.jenjang?.rawValue ?? "")
        head.field(e.positionSince)
        head.end()

        // Every row goes into one buffer; `rows` remembers where each starts and ends.
        var rows = CanonicalLines()
        let firstYear = context.year - rules.kinerja.lookBackYears
        for row in input.performance where row.year >= firstYear {
            rows.begin("performance")
            rows.field(row.year)
            rows.field(row.predicate?.rawValue ?? "")
            rows.field(row.score)
            rows.end()
        }
        let assessmentAfter = day.adding(years: -rules.potensi.assessmentWindowYears)
        for row in input.assessments where row.assessedOn > assessmentAfter {
            rows.begin("assessment")
            rows.field(row.assessedOn)
            rows.field(row.jpmPercent)
            rows.separator()
            for (index, level) in (row.levels ?? []).enumerated() {
                if index > 0 { rows.text(",") }
                rows.digits(level)
            }
            rows.end()
        }
        for row in input.education {
            rows.begin("education")
            rows.field(row.level.rawValue)
            rows.field(row.graduatedOn)
            rows.end()
        }
        let rj = rules.potensi.rekamJejak
        let firstTrainingYear = context.year - rj.trainingYearsChecked
        for row in input.training where row.leadership != nil || row.endedOn.year >= firstTrainingYear {
            rows.begin("training")
            rows.field(row.kind)
            rows.field(row.endedOn)
            rows.field(row.hours)
            rows.end()
        }
        let awardAfter = day.adding(years: -rj.awardWindowYears)
        for row in input.awards where row.awardedOn > awardAfter {
            rows.begin("award")
            rows.field(row.level.rawValue)
            rows.field(row.awardedOn)
            rows.end()
        }
        let penaltyAfter = day.adding(years: -max(rj.penaltyWindowYears, rules.pool.disciplineWindowYears))
        for row in input.penalties where row.decidedOn > penaltyAfter || row.lastDay(rules.penalties) > penaltyAfter {
            rows.begin("penalty")
            rows.field(row.level.rawValue)
            rows.field(row.decidedOn)
            rows.field(row.endsOn)
            rows.end()
        }
        for row in input.otherScores where row.year >= context.year {
            rows.begin("other_score")
            rows.field(row.year)
            rows.field(row.score)
            rows.end()
        }
        var invalidKinds: [RecordKind] = []
        for row in input.invalidRows where !invalidKinds.contains(row.kind) { invalidKinds.append(row.kind) }
        for kind in invalidKinds {
            rows.begin("invalid")
            rows.field(kind.rawValue)
            rows.end()
        }
        var bytes = head.bytes
        bytes.reserveCapacity(bytes.count + rows.bytes.count)
        let all = rows.bytes
        for range in rows.ranges.sorted(by: { all[$0].lexicographicallyPrecedes(all[$1]) }) {
            bytes += all[range]
        }
        return bytes
    }
}

/// `|`-separated lines of the canonical text, written straight into one byte buffer.
struct CanonicalLines {
    private(set) var bytes: [UInt8] = []
    /// The byte ranges of the lines written between `begin` and `end`.
    private(set) var ranges: [Range<Int>] = []
    private var start = 0

    init() { bytes.reserveCapacity(256) }

    /// Starts a line with its tag.
    mutating func begin(_ tag: String) {
        start = bytes.count
        text(tag)
    }

    mutating func text(_ value: String) { bytes.append(contentsOf: value.utf8) }

    mutating func separator() { bytes.append(UInt8(ascii: "|")) }

    mutating func field(_ value: String) {
        separator()
        text(value)
    }

    mutating func field(_ value: Int) {
        separator()
        digits(value)
    }

    mutating func field(_ value: CivilDate?) {
        separator()
        guard let value else { return }
        padded(value.year, 4)
        bytes.append(UInt8(ascii: "-"))
        padded(value.month, 2)
        bytes.append(UInt8(ascii: "-"))
        padded(value.day, 2)
    }

    mutating func field(_ value: Score?) {
        separator()
        guard let value else { return }
        if value.hundredths < 0 { bytes.append(UInt8(ascii: "-")) }
        let magnitude = abs(value.hundredths)
        digits(magnitude / 100)
        bytes.append(UInt8(ascii: "."))
        padded(magnitude % 100, 2)
    }

    mutating func digits(_ value: Int) {
        if value < 0 {
            bytes.append(UInt8(ascii: "-"))
            digits(-value)
            return
        }
        if value >= 10 { digits(value / 10) }
        bytes.append(UInt8(ascii: "0") + UInt8(value % 10))
    }

    private mutating func padded(_ value: Int, _ width: Int) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        while divisor > 1, value < divisor {
            bytes.append(UInt8(ascii: "0"))
            divisor /= 10
        }
        digits(value)
    }

    /// Ends the current line.
    mutating func end() {
        bytes.append(UInt8(ascii: "\n"))
        ranges.append(start..<bytes.count)
    }
}
