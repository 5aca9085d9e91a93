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
        let buffers = FingerprintBuffers()
        return of(input, position: position, context: context, rules: rules, ruleID: rules.id, buffers: buffers)
    }

    /// `of` with the rule set's id computed once by the caller and buffers reused across a batch, so a fingerprint
    /// allocates only its hex string.
    static func of(_ input: EmployeeInput, position: Position, context: ReviewContext, rules: RuleSet,
                   ruleID: String, buffers: FingerprintBuffers) -> String {
        buffers.write(input, position: position, context: context, rules: rules, ruleID: ruleID)
        return buffers.text.withBytes { SHA256.hex(UnsafeRawBufferPointer($0)) }
    }

    /// The canonical text that `of` hashes.
    public static func canonicalText(_ input: EmployeeInput, position: Position, context: ReviewContext,
                                     rules: RuleSet) -> String {
        let buffers = FingerprintBuffers()
        buffers.write(input, position: position, context: context, rules: rules, ruleID: rules.id)
        return buffers.text.withBytes { String(decoding: $0, as: UTF8.self) }
    }
}

/// The two byte buffers a fingerprint is written into, kept by a batch so their memory is reused.
struct FingerprintBuffers {
    /// The canonical text: head lines, then the sorted row lines.
    let text = CanonicalLines()
    /// Row lines in the order written, each remembered by its byte range.
    let rows = CanonicalLines()

    /// Writes the canonical text of `Fingerprint` into `text`: the head lines, then the row lines sorted bytewise.
    func write(_ input: EmployeeInput, position: Position, context: ReviewContext, rules: RuleSet,
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
        let assessmentAfter = day.adding(years: -rules.potensi.assessmentWindowYears)
        for row in input.assessments where row.assessedOn > assessmentAfter {
            rows.begin("assessment")
            rows.field(row.assessedOn)
            rows.field(row.jpmPercent)
            rows.separator()
            if let levels = row.levels {
                for index in levels.indices {
                    if index > levels.startIndex { rows.byte(UInt8(ascii: ",")) }
                    rows.digits(levels[index])
                }
            }
            rows.end()
        }
        let rj = rules.potensi.rekamJejak
        let awardAfter = day.adding(years: -rj.awardWindowYears)
        for row in input.awards where row.awardedOn > awardAfter {
            rows.begin("award")
            rows.field(row.level.rawValue)
            rows.field(row.awardedOn)
            rows.end()
        }
        for row in input.education {
            rows.begin("education")
            rows.field(row.level.rawValue)
            rows.field(row.graduatedOn)
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
        for row in input.otherScores where row.year >= context.year {
            rows.begin("other_score")
            rows.field(row.year)
            rows.field(row.score)
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
        let firstYear = context.year - rules.kinerja.lookBackYears
        for row in input.performance where row.year >= firstYear {
            rows.begin("performance")
            rows.field(row.year)
            rows.field(row.predicate?.rawValue ?? "")
            rows.field(row.score)
            rows.end()
        }
        let firstTrainingYear = context.year - rj.trainingYearsChecked
        for row in input.training where row.endedOn.year >= firstTrainingYear || row.leadership != nil {
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
