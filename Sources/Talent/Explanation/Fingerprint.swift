/// A stable fingerprint of the inputs that counted for one placement: lowercase hex SHA-256 of a canonical text.
///
/// The canonical text (UTF-8, version tag `talent-inputs/1`) holds, one `|`-separated line each: the rule set
/// `name@version`, Y and D; the employee fields the rules read (NIP, birth date, status, state, golongan, golongan and
/// CPNS dates, position code, kind and jenjang, position_since); and every row the rule set reads, sorted bytewise so
/// input order does not matter (`FingerprintScope` derives the windows from the rule set's measures): performance rows
/// from the earliest SKP year on, assessments after D − the longest assessment window, all education (with
/// `field_fit` when a measure reads it), leadership training of any year and other training from the first year or
/// day a training measure reads, awards after D − the longest award window, penalties decided or lasting past D −
/// (the longest discipline window, the pool's included), L rows from Y on when L is read, and the rows of the
/// optional files (§12.7) in their windows when a measure reads them; the kinds of statically invalid rows (once
/// each); and, of every kind, the rows invalid at D (they change the flags under every rule set). Rows outside every
/// window, names, titles, institutions, majors, methods and agency names do not count: changing them keeps the
/// fingerprint (an earlier post counts as at another agency or not).
///
/// For the default rule set the text is exactly the one written before the rule set became indicator axes, so a
/// stored default result still replays to its fingerprint.
public enum Fingerprint {
    /// The fingerprint of one employee's inputs (64 lowercase hex digits).
    public static func of(_ input: EmployeeInput, position: Position, context: ReviewContext, rules: RuleSet) -> String {
        let buffers = FingerprintBuffers()
        return of(input, position: position, context: context, scope: FingerprintScope(rules, context: context),
                  ruleID: rules.id, buffers: buffers)
    }

    /// `of` with the scope resolved once by the caller and buffers reused across a batch, so a fingerprint
    /// allocates only its hex string.
    static func of(_ input: EmployeeInput, position: Position, context: ReviewContext, scope: FingerprintScope,
                   ruleID: String, buffers: FingerprintBuffers) -> String {
        buffers.write(input, position: position, context: context, scope: scope, ruleID: ruleID)
        return buffers.text.withBytes { SHA256.hex(UnsafeRawBufferPointer($0)) }
    }

    /// The canonical text that `of` hashes.
    public static func canonicalText(_ input: EmployeeInput, position: Position, context: ReviewContext,
                                     rules: RuleSet) -> String {
        let buffers = FingerprintBuffers()
        buffers.write(input, position: position, context: context, scope: FingerprintScope(rules, context: context),
                      ruleID: rules.id)
        return buffers.text.withBytes { String(decoding: $0, as: UTF8.self) }
    }
}

/// Which rows of each kind a rule set reads, for one D: the lower bounds of the canonical text's rows.
struct FingerprintScope {
    /// Performance rows of this year or later.
    let performanceFrom: Int
    /// Assessments dated after this day.
    let assessmentAfter: CivilDate
    /// Whether education rows carry field_fit.
    let educationFieldFit: Bool
    /// Non-leadership training ended in this year or later, or after `trainingAfter`, or fitting `trainingKinds`.
    let trainingFromYear: Int
    let trainingSelections: [(kinds: [String], except: Bool, after: CivilDate?)]
    let awardAfter: CivilDate
    /// Penalties decided, or lasting, after this day.
    let penaltyAfter: CivilDate
    /// For a penalty's last day.
    let penalties: PenaltyRules
    /// Other scores of this year or later.
    let otherScoreFrom: Int
    let potentialAfter: CivilDate
    let teamAfter: CivilDate
    let feedbackFrom: Int
    /// Acting assignments and earlier posts started after this day (every row when nil).
    let actingAfter: CivilDate?
    let historyAfter: CivilDate?

    init(_ rules: RuleSet, context: ReviewContext) {
        let day = context.referenceDate
        let year = context.year
        var measures: [Measure] = []
        func collect(_ rule: IndicatorRule) {
            measures.append(rule.measure)
            if case let .composite(p) = rule.measure { p.parts.forEach(collect) }
        }
        rules.kinerja.indicators.forEach(collect)
        rules.potensi.indicators.forEach(collect)
        // Each bound starts where only the rows invalid at D count (after D, or a year past the valid ones).
        var performanceFrom = year, assessmentYears = 0, educationFieldFit = false, trainingFromYear = year + 1
        var trainingSelections: [(kinds: [String], except: Bool, after: CivilDate?)] = []
        var awardYears = 0, penaltyYears = rules.pool.disciplineWindowYears, otherScoreFrom = year + 1
        var potentialYears = 0, teamYears = 0, feedbackFrom = year, readsActing = false, readsHistory = false
        for measure in measures {
            switch measure {
            case let .skpYear(p): performanceFrom = min(performanceFrom, year - p.windowYears)
            case let .competencyAssessment(p): assessmentYears = max(assessmentYears, p.windowYears)
            case let .potentialAssessment(p): potentialYears = max(potentialYears, p.windowYears)
            case .committeeScore: otherScoreFrom = min(otherScoreFrom, year)
            case let .award(p): awardYears = max(awardYears, p.windowYears)
            case let .teamDecree(p): teamYears = max(teamYears, p.windowYears)
            case let .feedback360(p): feedbackFrom = min(feedbackFrom, year - p.windowYears)
            case let .trainingCount(p):
                trainingSelections += p.counted.map { ($0.kinds, $0.except, $0.windowYears.map { day.adding(years: -$0) }) }
            case let .yearlyTraining(p): trainingFromYear = min(trainingFromYear, year - p.yearsChecked)
            case .postVariety: readsHistory = true
            case .acting: readsActing = true
            case .fieldFit: educationFieldFit = true
            case let .discipline(p): penaltyYears = max(penaltyYears, p.windowYears)
            case .tenure, .educationLevel, .golonganVsTarget, .leadershipVsTarget, .composite: break
            }
        }
        self.performanceFrom = performanceFrom
        assessmentAfter = day.adding(years: -assessmentYears)
        self.educationFieldFit = educationFieldFit
        self.trainingFromYear = trainingFromYear
        self.trainingSelections = trainingSelections
        awardAfter = day.adding(years: -awardYears)
        penaltyAfter = day.adding(years: -penaltyYears)
        penalties = rules.penalties
        self.otherScoreFrom = otherScoreFrom
        potentialAfter = day.adding(years: -potentialYears)
        teamAfter = day.adding(years: -teamYears)
        self.feedbackFrom = feedbackFrom
        actingAfter = readsActing ? nil : day
        historyAfter = readsHistory ? nil : day
    }

    /// Whether the fingerprint covers a training row: leadership training of any year (succession reads it under
    /// every rule set), rows ended after D, and rows a training measure reads.
    func covers(_ row: TrainingRecord, day: CivilDate) -> Bool {
        if row.leadership != nil || row.endedOn.year >= trainingFromYear || row.endedOn > day { return true }
        return trainingSelections.contains { selection in
            if let after = selection.after, row.endedOn <= after { return false }
            return selection.kinds.contains(row.kind) != selection.except
        }
    }
}

/// The two byte buffers a fingerprint is written into, kept by a batch so their memory is reused.
struct FingerprintBuffers {
    /// The canonical text: head lines, then the sorted row lines.
    let text = CanonicalLines()
    /// Row lines in the order written, each remembered by its byte range.
    let rows = CanonicalLines()

    /// Writes the canonical text of `Fingerprint` into `text`: the head lines, then the row lines sorted bytewise.
    func write(_ input: EmployeeInput, position: Position, context: ReviewContext, scope: FingerprintScope,
               ruleID: String) {
        let day = context.referenceDate
        let e = input.employee
        text.removeAll()
        rows.removeAll()
        text.text("talent-inputs/1\nrules")
        text.field(ruleID)
        text.end()
        text.text("review")
        text.field(context.year)
        text.field(day)
        text.end()
        text.text("employee")
        text.field(e.nip)
        text.field(e.birthDate)
        text.field(e.status.rawValue)
        text.field(e.state.rawValue)
        text.field(e.golongan.notation)
        text.field(e.golonganSince)
        text.field(e.cpnsDate)
        text.field(e.positionCode)
        text.field(position.kind.rawValue)
        text.field(position.jenjang?.rawValue ?? "")
        text.field(e.positionSince)
        text.end()

        // Rows are written tag by tag in alphabetical order (no tag is a prefix of another), so the bytewise sort
        // below mostly compares rows of one tag.
        for row in input.actingAssignments where scope.actingAfter.map({ row.startedOn > $0 }) ?? true {
            rows.begin("acting")
            rows.field(row.kind.rawValue)
            rows.field(row.level?.rawValue ?? "")
            rows.field(row.startedOn)
            rows.field(row.endedOn)
            rows.end()
        }
        for row in input.assessments where row.assessedOn > scope.assessmentAfter {
            rows.begin("assessment")
            rows.field(row.assessedOn)
            rows.field(row.jpmPercent)
            rows.separator()
            if let levels = row.levels { rows.list(levels) }
            rows.end()
        }
        for row in input.awards where row.awardedOn > scope.awardAfter {
            rows.begin("award")
            rows.field(row.level.rawValue)
            rows.field(row.awardedOn)
            rows.end()
        }
        for row in input.education {
            rows.begin("education")
            rows.field(row.level.rawValue)
            rows.field(row.graduatedOn)
            if scope.educationFieldFit { rows.field(row.fieldFit.map { $0 ? "true" : "false" } ?? "") }
            rows.end()
        }
        for row in input.feedback where row.year >= scope.feedbackFrom {
            rows.begin("feedback")
            rows.field(row.year)
            rows.field(row.predicate?.rawValue ?? "")
            rows.field(row.score)
            rows.end()
        }
        var invalidKinds = 0  // bit i: RecordKind.allCases[i] written
        for row in input.invalidRows {
            let bit = 1 << row.kind.index
            guard invalidKinds & bit == 0 else { continue }
            invalidKinds |= bit
            rows.begin("invalid")
            rows.field(row.kind.rawValue)
            rows.end()
        }
        for row in input.otherScores where row.year >= scope.otherScoreFrom {
            rows.begin("other_score")
            rows.field(row.year)
            rows.field(row.score)
            rows.end()
        }
        let penaltyAfter = scope.penaltyAfter
        for row in input.penalties where row.decidedOn > penaltyAfter || row.lastDay(scope.penalties) > penaltyAfter {
            rows.begin("penalty")
            rows.field(row.level.rawValue)
            rows.field(row.decidedOn)
            rows.field(row.endsOn)
            rows.end()
        }
        for row in input.performance where row.year >= scope.performanceFrom {
            rows.begin("performance")
            rows.field(row.year)
            rows.field(row.predicate?.rawValue ?? "")
            rows.field(row.score)
            rows.end()
        }
        for row in input.positionHistory where scope.historyAfter.map({ row.startedOn > $0 }) ?? true {
            rows.begin("position_history")
            rows.field(row.startedOn)
            rows.field(row.unitCode)
            rows.field(row.isOtherAgency ? "1" : "")
            rows.end()
        }
        for row in input.potentialAssessments where row.assessedOn > scope.potentialAfter {
            rows.begin("potential_assessment")
            rows.field(row.assessedOn)
            rows.separator()
            rows.list(row.levels)
            rows.end()
        }
        for row in input.teamAssignments where row.decidedOn > scope.teamAfter {
            rows.begin("team")
            rows.field(row.role.rawValue)
            rows.field(row.scope.rawValue)
            rows.field(row.decidedOn)
            rows.end()
        }
        for row in input.training where scope.covers(row, day: day) {
            rows.begin("training")
            rows.field(row.kind)
            rows.field(row.endedOn)
            rows.field(row.hours)
            rows.end()
        }
        rows.appendSortedLines(to: text)
    }
}

/// `|`-separated lines of the canonical text, written straight into one growable byte buffer it owns (a class, so a
/// batch reuses the memory and a write is a store, not an array append).
final class CanonicalLines {
    private var storage: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// Bytes written.
    private(set) var count = 0
    /// The byte ranges of the lines written between `begin` and `end`.
    private var ranges: [Range<Int>] = []
    private var start = 0

    init(capacity: Int = 1_024) {
        storage = .allocate(capacity: capacity)
        self.capacity = capacity
        ranges.reserveCapacity(32)
    }

    deinit { storage.deallocate() }

    /// Calls `body` with the bytes written; the buffer must not escape `body`.
    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: storage, count: count))
    }

    /// Empties the buffer, keeping its memory.
    func removeAll() {
        count = 0
        start = 0
        ranges.removeAll(keepingCapacity: true)
    }

    /// Makes room for `extra` more bytes.
    @inline(__always)
    private func reserve(_ extra: Int) {
        if count + extra > capacity { grow(to: count + extra) }
    }

    private func grow(to needed: Int) {
        let newCapacity = max(needed, capacity * 2)
        let newStorage = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newStorage.update(from: storage, count: count)
        storage.deallocate()
        storage = newStorage
        capacity = newCapacity
    }

    private func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(bytes.count)
        (storage + count).update(from: source, count: bytes.count)
        count += bytes.count
    }

    /// Starts a line with its tag.
    func begin(_ tag: StaticString) {
        start = count
        append(UnsafeBufferPointer(start: tag.utf8Start, count: tag.utf8CodeUnitCount))
    }

    func text(_ value: String) {
        var value = value
        value.withUTF8 { append($0) }
    }

    func byte(_ value: UInt8) {
        reserve(1)
        storage[count] = value
        count += 1
    }

    func separator() { byte(UInt8(ascii: "|")) }

    func field(_ value: String) {
        separator()
        text(value)
    }

    func field(_ value: Int) {
        separator()
        digits(value)
    }

    /// `|YYYY-MM-DD` (a CivilDate's year is 1 … 9999), or `|` for nil.
    func field(_ value: CivilDate?) {
        reserve(11)
        storage[count] = UInt8(ascii: "|")
        count += 1
        guard let value else { return }
        four(value.year)
        storage[count] = UInt8(ascii: "-")
        two(value.month, at: count + 1)
        storage[count + 3] = UInt8(ascii: "-")
        two(value.day, at: count + 4)
        count += 6
    }

    /// `|` and the score with two decimals (`80.00`, `-0.50`), or `|` for nil.
    func field(_ value: Score?) {
        separator()
        guard let value else { return }
        if value.hundredths < 0 { byte(UInt8(ascii: "-")) }
        let magnitude = value.hundredths.magnitude
        digits(magnitude / 100)
        reserve(3)
        storage[count] = UInt8(ascii: ".")
        two(Int(magnitude % 100), at: count + 1)
        count += 3
    }

    /// Comma-separated decimal digits (`3,3,4`).
    func list(_ values: [Int]) {
        for index in values.indices {
            if index > values.startIndex { byte(UInt8(ascii: ",")) }
            digits(values[index])
        }
    }

    /// Decimal digits, with a leading `-` when negative.
    func digits(_ value: Int) {
        if value < 0 { byte(UInt8(ascii: "-")) }
        digits(value.magnitude)
    }

    private func digits(_ magnitude: UInt) {
        if magnitude >= 10_000 {
            digits(magnitude / 10_000)
            four(Int(magnitude % 10_000))
            return
        }
        reserve(4)
        let value = Int(magnitude)
        switch magnitude {
        case ..<10: storage[count] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value)
        case ..<100: two(value, at: count)
        case ..<1_000:
            storage[count] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value / 100)
            two(value % 100, at: count + 1)
        default:
            two(value / 100, at: count)
            two(value % 100, at: count + 2)
        }
        count += magnitude < 10 ? 1 : magnitude < 100 ? 2 : magnitude < 1_000 ? 3 : 4
    }

    /// Writes 4 digits of `value` (0 … 9999), zero-padded, and counts them.
    private func four(_ value: Int) {
        reserve(4)
        two(value / 100, at: count)
        two(value % 100, at: count + 2)
        count += 4
    }

    /// Stores 2 digits of `value` (0 … 99) at `offset` (room reserved by the caller), without counting them.
    @inline(__always)
    private func two(_ value: Int, at offset: Int) {
        storage[offset] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value / 10)
        storage[offset + 1] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value % 10)
    }

    /// Ends the current line.
    func end() {
        byte(UInt8(ascii: "\n"))
        ranges.append(start..<count)
    }

    /// Appends the lines written between `begin` and `end` to `out`, sorted bytewise (a line before every longer
    /// line it starts). Insertion sort: a fingerprint has a few dozen rows, mostly in order already.
    func appendSortedLines(to out: CanonicalLines) {
        let all = UnsafeBufferPointer(start: storage, count: count)
        for index in ranges.indices.dropFirst() {
            let line = ranges[index]
            var slot = index
            while slot > 0, Self.precedes(line, ranges[slot - 1], in: all) {
                ranges[slot] = ranges[slot - 1]
                slot -= 1
            }
            ranges[slot] = line
        }
        for range in ranges { out.append(UnsafeBufferPointer(rebasing: all[range])) }
    }

    /// Whether the bytes of `a` come before those of `b` (unsigned bytewise, a prefix first).
    private static func precedes(_ a: Range<Int>, _ b: Range<Int>, in all: UnsafeBufferPointer<UInt8>) -> Bool {
        let common = min(a.count, b.count)
        var offset = 0
        while offset < common {
            let x = all[a.lowerBound + offset], y = all[b.lowerBound + offset]
            if x != y { return x < y }
            offset += 1
        }
        return a.count < b.count
    }
}
