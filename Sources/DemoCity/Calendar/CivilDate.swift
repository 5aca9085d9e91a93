/// A calendar date without time or zone (proleptic Gregorian), counted in days since 1970-01-01 so that date
/// arithmetic is integer arithmetic. Conversions follow Howard Hinnant's `days_from_civil` / `civil_from_days`.
public struct CivilDate: Comparable, Hashable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01 (negative before).
    let dayNumber: Int

    init(dayNumber: Int) {
        self.dayNumber = dayNumber
    }

    /// - Precondition: `month` in 1...12 and `day` in 1...(days in that month).
    public init(year: Int, month: Int, day: Int) {
        precondition((1...12).contains(month) && (1...CivilDate.daysIn(year: year, month: month)).contains(day),
                     "no such date \(year)-\(month)-\(day)")
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        dayNumber = era * 146_097 + dayOfEra - 719_468
    }

    /// Parses an ISO date `YYYY-MM-DD`; nil when malformed or not a real date.
    public init?(iso text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), (1...CivilDate.daysIn(year: year, month: month)).contains(day)
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    public var year: Int { components.year }
    public var month: Int { components.month }
    public var day: Int { components.day }

    public var components: (year: Int, month: Int, day: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        let (y, m, d) = components
        return Self.digits(y, 4) + "-" + Self.digits(m, 2) + "-" + Self.digits(d, 2)
    }

    /// `YYYYMMDD`, the birth-date part of a NIP.
    var compactDigits: String {
        let (y, m, d) = components
        return Self.digits(y, 4) + Self.digits(m, 2) + Self.digits(d, 2)
    }

    func adding(days: Int) -> CivilDate {
        CivilDate(dayNumber: dayNumber + days)
    }

    /// `self ± years`, keeping month and day; 29 February becomes 28 February (DOMAIN.md "Dates").
    func adding(years: Int) -> CivilDate {
        adding(months: 12 * years)
    }

    /// `self + months`, clamped to the month's end.
    func adding(months: Int) -> CivilDate {
        let (y, m, d) = components
        let total = y * 12 + (m - 1) + months
        let year = total >= 0 ? total / 12 : (total - 11) / 12
        let month = total - year * 12 + 1
        return CivilDate(year: year, month: month, day: min(d, Self.daysIn(year: year, month: month)))
    }

    /// The first day of this date's month.
    var firstOfMonth: CivilDate {
        let (y, m, _) = components
        return CivilDate(year: y, month: m, day: 1)
    }

    /// DOMAIN.md `full_years(self, later)`.
    func fullYears(until later: CivilDate) -> Int {
        let (y1, m1, d1) = components
        let (y2, m2, d2) = later.components
        return y2 - y1 - ((m2, d2) < (m1, d1) ? 1 : 0)
    }

    public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
        lhs.dayNumber < rhs.dayNumber
    }

    static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Zero-padded decimal of a non-negative number.
    static func digits(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
