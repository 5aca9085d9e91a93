/// One parsed field of a ``CronExpression``: the set of values it selects, as bits.
struct FieldSet: Sendable, Hashable {
    /// Which field, with its range and names.
    enum Field: Sendable {
        case minute, hour, dayOfMonth, month, dayOfWeek

        var name: String {
            switch self {
            case .minute: "minute"
            case .hour: "hour"
            case .dayOfMonth: "day of month"
            case .month: "month"
            case .dayOfWeek: "day of week"
            }
        }

        /// The values a number may take (day of week allows 7 for Sunday).
        var range: ClosedRange<Int> {
            switch self {
            case .minute: 0...59
            case .hour: 0...23
            case .dayOfMonth: 1...31
            case .month: 1...12
            case .dayOfWeek: 0...7
            }
        }

        /// Names for values, upper case: JAN = 1 … DEC = 12; SUN = 0 … SAT = 6.
        var names: [String: Int] {
            switch self {
            case .month:
                ["JAN": 1, "FEB": 2, "MAR": 3, "APR": 4, "MAY": 5, "JUN": 6,
                 "JUL": 7, "AUG": 8, "SEP": 9, "OCT": 10, "NOV": 11, "DEC": 12]
            case .dayOfWeek: ["SUN": 0, "MON": 1, "TUE": 2, "WED": 3, "THU": 4, "FRI": 5, "SAT": 6]
            default: [:]
            }
        }
    }

    private(set) var bits: UInt64 = 0

    /// The selected values, ascending.
    let values: [Int]

    func contains(_ value: Int) -> Bool { bits & (1 << UInt64(value)) != 0 }

    /// Parses a comma-separated list of `*`, `N`, `N-M`, `*/S`, `N-M/S`, `N/S`.
    /// - Throws: ``CronExpressionError`` naming the field and the offending item.
    init(parsing text: String, field: Field) throws(CronExpressionError) {
        var bits: UInt64 = 0
        guard !text.isEmpty else { throw CronExpressionError("\(field.name): empty field") }
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            let item = String(item)
            func fail(_ reason: String) -> CronExpressionError {
                CronExpressionError("\(field.name): \(item.isEmpty ? "empty list item" : "'\(item)'") \(reason)")
            }
            guard !item.isEmpty else { throw CronExpressionError("\(field.name): empty list item in '\(text)'") }
            let parts = item.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count <= 2 else { throw fail("has more than one step ('/')") }
            var step = 1
            if parts.count == 2 {
                guard let value = Int(parts[1]), value >= 1 else { throw fail("needs a step that is a whole number of at least 1") }
                step = value
            }
            let base = String(parts[0])
            var low: Int, high: Int
            if base == "*" {
                low = field.range.lowerBound
                high = field == .dayOfWeek ? 6 : field.range.upperBound
            } else {
                let bounds = base.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
                guard bounds.count <= 2 else { throw fail("has more than one '-'") }
                low = try Self.value(bounds[0], field: field, item: item)
                if bounds.count == 2 {
                    high = try Self.value(bounds[1], field: field, item: item)
                    guard low <= high else { throw fail("is a reversed range (\(low) > \(high))") }
                } else {
                    high = parts.count == 2 ? (field == .dayOfWeek ? 7 : field.range.upperBound) : low
                }
            }
            var value = low
            while value <= high {
                let stored = field == .dayOfWeek && value == 7 ? 0 : value
                bits |= 1 << UInt64(stored)
                value += step
            }
        }
        self.bits = bits
        self.values = (0..<64).filter { bits & (1 << UInt64($0)) != 0 }
    }

    private static func value(_ text: String, field: Field, item: String) throws(CronExpressionError) -> Int {
        if let number = Int(text), text.allSatisfy(\.isASCII) {
            guard field.range.contains(number) else {
                throw CronExpressionError(
                    "\(field.name): \(number) in '\(item)' is outside \(field.range.lowerBound)-\(field.range.upperBound)")
            }
            return number
        }
        if let named = field.names[text.uppercased()] { return named }
        for unsupported in ["L", "W", "#", "?"] where text.uppercased().contains(unsupported) {
            throw CronExpressionError("\(field.name): '\(unsupported)' in '\(item)' is not supported")
        }
        let hint = field.names.isEmpty ? "a number" : "a number or a name such as \(field == .month ? "JAN" : "MON")"
        throw CronExpressionError("\(field.name): '\(text)' in '\(item)' is not \(hint)")
    }
}

/// A day of the proleptic Gregorian calendar, counted from 1970-01-01, with its year, month, day and weekday
/// (Howard Hinnant's civil-from-days algorithm: exact for every day, no time zone involved).
struct CivilDay: Sendable, Hashable {
    let daysSinceEpoch: Int64
    let year: Int
    let month: Int
    let day: Int

    init(daysSinceEpoch: Int64) {
        self.daysSinceEpoch = daysSinceEpoch
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        day = Int(dayOfYear - (153 * monthIndex + 2) / 5 + 1)
        month = Int(monthIndex < 10 ? monthIndex + 3 : monthIndex - 9)
        year = Int(yearOfEra + era * 400 + (month <= 2 ? 1 : 0))
    }

    /// 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday).
    var weekday: Int { Int(((daysSinceEpoch % 7) + 11) % 7) }

    /// The most days `month` ever has (29 for February).
    static func maximumDays(inMonth month: Int) -> Int {
        switch month {
        case 2: 29
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
