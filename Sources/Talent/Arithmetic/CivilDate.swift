/// A calendar date without time or zone (proleptic Gregorian), as DOMAIN.md writes dates: `YYYY-MM-DD`.
///
/// The talent rules never read a clock: every "today" is the review's reference date D, passed in.
/// Date arithmetic follows DOMAIN.md (Dates): `d ± N years` keeps month and day (29 February becomes 28 February in a
/// common year), `d + N months` clamps to the end of the month, and `fullYears(from:to:)` counts completed years.
///
/// Codable as the ISO string `"YYYY-MM-DD"`; decoding anything else throws `DecodingError.dataCorrupted`.
public struct CivilDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Year, 1 … 9999.
    public let year: Int
    /// Month, 1 … 12.
    public let month: Int
    /// Day of the month, 1 … 28/29/30/31.
    public let day: Int

    /// A date, or nil when the day does not exist (30 February, month 13, year 0 or above 9999).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= CivilDate.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses exactly `YYYY-MM-DD` (four-digit year, two-digit month and day, ASCII digits).
    /// - Returns: nil for any other shape or for a day that does not exist (`1990-02-30`).
    public init?(iso text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              let year = CivilDate.digits(bytes[0..<4]),
              let month = CivilDate.digits(bytes[5..<7]),
              let day = CivilDate.digits(bytes[8..<10]) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// Parses `YYYYMMDD` (eight ASCII digits), as in the first eight digits of a NIP.
    public init?(compact bytes: ArraySlice<UInt8>) {
        guard bytes.count == 8 else { return nil }
        let start = bytes.startIndex
        guard let year = CivilDate.digits(bytes[start..<start + 4]),
              let month = CivilDate.digits(bytes[start + 4..<start + 6]),
              let day = CivilDate.digits(bytes[start + 6..<start + 8]) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The date `years` years later (negative: earlier), same month and day; 29 February becomes 28 February in a
    /// common year. The year is clamped to 1 … 9999.
    public func adding(years: Int) -> CivilDate {
        let newYear = min(max(year + years, 1), 9999)
        return CivilDate(unchecked: newYear, month, min(day, CivilDate.daysIn(month: month, year: newYear)))
    }

    /// The date `months` months later (negative: earlier), with the day clamped to the end of the target month
    /// (31 January + 1 month = 28 or 29 February).
    public func adding(months: Int) -> CivilDate {
        let index = year * 12 + (month - 1) + months
        let newYear = min(max(index / 12, 1), 9999)
        let newMonth = index % 12 + 1
        return CivilDate(unchecked: newYear, newMonth, min(day, CivilDate.daysIn(month: newMonth, year: newYear)))
    }

    /// The date `days` days later (negative: earlier), clamped to 0001-01-01 … 9999-12-31.
    public func adding(days: Int) -> CivilDate {
        CivilDate(dayNumber: dayNumber + days)
    }

    /// The first day of this date's month.
    public var firstOfMonth: CivilDate {
        CivilDate(unchecked: year, month, 1)
    }

    /// Days since 1970-01-01 (negative before): day counts and day ranges are differences of day numbers
    /// (Howard Hinnant's `days_from_civil`).
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year  // ≥ 0: years start at 1
        let era = y / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date `dayNumber` days after 1970-01-01 (Howard Hinnant's `civil_from_days`), clamped to
    /// 0001-01-01 … 9999-12-31.
    public init(dayNumber: Int) {
        let z = min(max(dayNumber, CivilDate.firstDayNumber), CivilDate.lastDayNumber) + 719_468  // > 0 when clamped
        let era = z / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let month = mp < 10 ? mp + 3 : mp - 9
        self.init(unchecked: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, dayOfYear - (153 * mp + 2) / 5 + 1)
    }

    /// The day numbers of 0001-01-01 and 9999-12-31, the range every date lies in.
    private static let firstDayNumber = -719_162
    private static let lastDayNumber = 2_932_896

    /// `full_years(a, b)` of DOMAIN.md: `b.year − a.year`, less 1 when `(b.month, b.day) < (a.month, a.day)`.
    /// - Returns: completed years from `a` to `b`; negative when `b` is before `a`.
    public static func fullYears(from a: CivilDate, to b: CivilDate) -> Int {
        var years = b.year - a.year
        if (b.month, b.day) < (a.month, a.day) { years -= 1 }
        return years
    }

    /// Whether `year` is a Gregorian leap year.
    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// Days in `month` of `year` (28 … 31).
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        CivilDate.padded(year, 4) + "-" + CivilDate.padded(month, 2) + "-" + CivilDate.padded(day, 2)
    }

    /// `YYYYMMDD`, as in the first eight digits of a NIP (the inverse of `init?(compact:)`).
    public var compact: String {
        CivilDate.padded(year, 4) + CivilDate.padded(month, 2) + CivilDate.padded(day, 2)
    }

    private init(unchecked year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    private static func digits(_ bytes: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for byte in bytes {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    private static func padded(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}

extension CivilDate: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = CivilDate(iso: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected a date YYYY-MM-DD, got \(text)")
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
