public import Foundation

/// A five-field cron expression (minute, hour, day of month, month, day of week) and the fire times it gives in an
/// IANA time zone. Pure: no clock, no I/O; the zone's rules come from Foundation's `TimeZone`.
///
/// Syntax (Vixie cron's, the common subset):
/// - fields: minute 0–59, hour 0–23, day of month 1–31, month 1–12 or `JAN`–`DEC`, day of week 0–7 or `SUN`–`SAT`
///   (0 and 7 are Sunday); names are case-insensitive;
/// - each field is a comma-separated list of `*`, `N`, `N-M`, each optionally followed by `/S` (every S-th value of
///   the range, S ≥ 1), or `N/S` (from N to the field's maximum in steps of S);
/// - macros `@yearly` (`@annually`), `@monthly`, `@weekly`, `@daily` (`@midnight`), `@hourly`;
/// - a day matches when day of month and day of week both match, except that when neither field starts with `*`,
///   either may match (`0 9 1 * MON`: the 1st of each month and every Monday);
/// - not supported (refused with a clear error): a seconds or year field, `L`, `W`, `#`, `?`, `@reboot`.
///
/// Fire times are whole minutes of wall-clock time in the zone. Daylight-saving changes (and any other change of
/// the zone's offset) are handled as Vixie cron does, so that each schedule keeps its intent:
/// - *Interval-like* expressions, whose minute or hour field starts with `*` (`* * * * *`, `*/15 * * * *`,
///   `0 * * * *`), follow real time: a wall-clock minute skipped by a gap (spring forward) never comes, so it does
///   not fire; a wall-clock minute repeated by an overlap (fall back) fires at both of its instants.
/// - *Fixed-time* expressions (every other one, e.g. `30 2 * * *`) fire once per matching wall-clock time: a time
///   that falls in a gap fires at the first instant after the gap (02:30 on a day that jumps from 02:00 to 03:00
///   fires at 03:00); a time repeated by an overlap fires at its first instant only.
public struct CronExpression: Sendable, Hashable, CustomStringConvertible {
    /// The expression as written (trimmed).
    public let description: String
    let minutes: FieldSet
    let hours: FieldSet
    let daysOfMonth: FieldSet
    let months: FieldSet
    /// 0 (Sunday) … 6 (Saturday); 7 is read as 0.
    let daysOfWeek: FieldSet
    let dayOfMonthIsStar: Bool
    let dayOfWeekIsStar: Bool
    /// The minute or hour field starts with `*`: DST gaps and overlaps follow real time (see the type's comment).
    public let isIntervalLike: Bool

    /// Years searched ahead for the next fire time before giving up (an expression that fires only on 29 February
    /// of a year whose day of week matches fires at least every 28 years).
    static let horizonYears = 60

    /// Parses an expression.
    /// - Parameter text: five whitespace-separated fields or a macro, e.g. `"0 1 1 4 *"` or `"@daily"`.
    /// - Throws: ``CronExpressionError`` naming the field and what is wrong: a wrong number of fields, an unknown
    ///   name, a value out of the field's range, a reversed range, a step below 1, unsupported syntax, or a day of
    ///   month that never occurs in the months given (`0 0 31 2 *`).
    public init(_ text: String) throws(CronExpressionError) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        var fields = trimmed.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        if fields.count == 1, let first = fields.first, first.hasPrefix("@") {
            guard let expansion = Self.macros[first.lowercased()] else {
                throw CronExpressionError("unknown macro \(first): use @yearly, @annually, @monthly, @weekly, @daily, @midnight or @hourly")
            }
            fields = expansion.split(separator: " ").map(String.init)
        }
        guard fields.count == 5 else {
            throw CronExpressionError(
                "a cron expression has 5 fields (minute hour day-of-month month day-of-week), got \(fields.count)")
        }
        description = trimmed
        minutes = try FieldSet(parsing: fields[0], field: .minute)
        hours = try FieldSet(parsing: fields[1], field: .hour)
        daysOfMonth = try FieldSet(parsing: fields[2], field: .dayOfMonth)
        months = try FieldSet(parsing: fields[3], field: .month)
        daysOfWeek = try FieldSet(parsing: fields[4], field: .dayOfWeek)
        dayOfMonthIsStar = fields[2].hasPrefix("*")
        dayOfWeekIsStar = fields[4].hasPrefix("*")
        isIntervalLike = fields[0].hasPrefix("*") || fields[1].hasPrefix("*")
        if !dayOfMonthIsStar, dayOfWeekIsStar {
            let possible = months.values.contains { month in
                daysOfMonth.values.contains { $0 <= CivilDay.maximumDays(inMonth: month) }
            }
            guard possible else {
                throw CronExpressionError("day of month \(fields[2]) never occurs in month \(fields[3]): the expression never fires")
            }
        }
    }

    private static let macros = [
        "@yearly": "0 0 1 1 *", "@annually": "0 0 1 1 *", "@monthly": "0 0 1 * *", "@weekly": "0 0 * * 0",
        "@daily": "0 0 * * *", "@midnight": "0 0 * * *", "@hourly": "0 * * * *",
    ]

    /// The first fire time strictly after `instant`, in `zone`.
    /// - Returns: a whole-minute instant, or nil when none lies within ``horizonYears`` years.
    /// - Complexity: one pass over the days until the next matching one; on a day whose offset changes, every
    ///   matching minute of that day is resolved against the zone.
    public func nextFireTime(after instant: Date, in zone: TimeZone) -> Date? {
        let after = Int64(instant.timeIntervalSince1970.rounded(.down))
        let localNow = after + Int64(zone.secondsFromGMT(for: instant))
        // The previous local day too: around an overlap that ends at midnight its last hour comes again after.
        var day = CivilDay(daysSinceEpoch: floorDivide(localNow, 86_400) - 1)
        let last = day.daysSinceEpoch + Int64(Self.horizonYears) * 366
        while day.daysSinceEpoch <= last {
            if matches(day), let fire = firstFire(on: day, after: after, zone: zone) {
                return Date(timeIntervalSince1970: Double(fire))
            }
            day = CivilDay(daysSinceEpoch: day.daysSinceEpoch + 1)
        }
        return nil
    }

    /// The latest fire time in `[earliest, latest]`: what a scheduler that was away since `earliest` fires once.
    /// - Returns: nil when no fire time lies in the interval.
    /// - Complexity: a doubling search back from `latest`, then a walk over the fire times of the last window.
    public func latestFireTime(notBefore earliest: Date, notAfter latest: Date, in zone: TimeZone) -> Date? {
        guard earliest <= latest else { return nil }
        let floorStart = earliest.addingTimeInterval(-1)
        var window: TimeInterval = 60
        while true {
            let start = max(latest.addingTimeInterval(-window), floorStart)
            if let first = nextFireTime(after: start, in: zone), first <= latest {
                var found = first
                while let following = nextFireTime(after: found, in: zone), following <= latest { found = following }
                return found
            }
            if start <= floorStart { return nil }
            window *= 2
        }
    }

    /// Whether the expression's date fields select `day`.
    func matches(_ day: CivilDay) -> Bool {
        guard months.contains(day.month) else { return false }
        let dayOfMonth = daysOfMonth.contains(day.day)
        let dayOfWeek = daysOfWeek.contains(day.weekday)
        if dayOfMonthIsStar || dayOfWeekIsStar { return dayOfMonth && dayOfWeek }
        return dayOfMonth || dayOfWeek
    }

    /// The earliest fire instant (Unix seconds) on local `day` after `after`, nil when there is none.
    private func firstFire(on day: CivilDay, after: Int64, zone: TimeZone) -> Int64? {
        let midnight = day.daysSinceEpoch * 86_400
        if let offset = Self.uniformOffset(zone, from: midnight - 26 * 3_600, to: midnight + 50 * 3_600) {
            for hour in hours.values {
                for minute in minutes.values {
                    let fire = midnight + Int64(hour * 3_600 + minute * 60) - offset
                    if fire > after { return fire }
                }
            }
            return nil
        }
        var best: Int64?
        for hour in hours.values {
            for minute in minutes.values {
                for fire in instants(ofLocal: midnight + Int64(hour * 3_600 + minute * 60), zone: zone)
                where fire > after && fire < (best ?? .max) {
                    best = fire
                }
            }
        }
        return best
    }

    /// The fire instants of a local wall-clock time (seconds since the epoch read as UTC), by the DST rules above.
    private func instants(ofLocal local: Int64, zone: TimeZone) -> [Int64] {
        let before = Self.offset(zone, at: local - 36 * 3_600)
        let after = Self.offset(zone, at: local + 36 * 3_600)
        var valid: [Int64] = []
        for offset in Set([before, after]) where Self.offset(zone, at: local - offset) == offset {
            valid.append(local - offset)
        }
        valid.sort()
        switch valid.count {
        case 0:
            // A gap: the wall-clock time does not exist. Interval-like: skipped; fixed-time: the gap's end.
            guard !isIntervalLike else { return [] }
            return [Self.transition(zone, from: local - max(before, after), to: local - min(before, after))]
        case 1:
            return valid
        default:
            // An overlap: the time occurs twice. Interval-like: both; fixed-time: the first.
            return isIntervalLike ? valid : [valid[0]]
        }
    }

    /// The zone's offset when it is the same all through `[from, to]` (Unix seconds), else nil.
    private static func uniformOffset(_ zone: TimeZone, from: Int64, to: Int64) -> Int64? {
        let start = offset(zone, at: from)
        guard offset(zone, at: to) == start else { return nil }
        if let change = zone.nextDaylightSavingTimeTransition(after: Date(timeIntervalSince1970: Double(from))),
           change.timeIntervalSince1970 <= Double(to) {
            return nil
        }
        return start
    }

    private static func offset(_ zone: TimeZone, at instant: Int64) -> Int64 {
        Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(instant))))
    }

    /// The first second in `(from, to]` whose offset differs from the offset at `from` (binary search).
    private static func transition(_ zone: TimeZone, from: Int64, to: Int64) -> Int64 {
        let initial = offset(zone, at: from)
        var low = from, high = to
        while high - low > 1 {
            let middle = low + (high - low) / 2
            if offset(zone, at: middle) == initial { low = middle } else { high = middle }
        }
        return high
    }
}

/// Why a cron expression was refused: a readable message naming the field.
public struct CronExpressionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, e.g. `minute: 60 is outside 0-59`.
    public let message: String

    init(_ message: String) { self.message = message }

    public var description: String { message }
}

private func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
    let quotient = value / divisor
    return (value % divisor != 0 && (value < 0) != (divisor < 0)) ? quotient - 1 : quotient
}
