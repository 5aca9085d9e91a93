public import Foundation

/// timestamptz. Sent as UTC ISO text with microseconds (`2024-05-01 08:30:00.123456+00`), Postgres's own
/// precision; read from ISO output (`DateStyle=ISO`, set at connect) with any UTC offset. `timestamp` without a
/// zone and `date` read as UTC. `infinity` and BC dates have no `Date` and throw `.decoding`.
///
/// The civil-date arithmetic is the proleptic Gregorian calendar Postgres uses (H. Hinnant's days-from-civil),
/// done by hand because Foundation's `Calendar` switches to Julian before 1582 and formats only milliseconds.
extension Date: PostgresEncodable, PostgresDecodable {
    public static var postgresTypeOID: UInt32 { PostgresTypeOID.timestamptz }

    public func postgresBytes() throws(PostgresError) -> [UInt8]? {
        let micros = (timeIntervalSince1970 * 1_000_000).rounded()
        guard micros.isFinite, abs(micros) < 2.6e17 else {
            throw PostgresError(kind: .encoding, message: "Date is outside the years 1 to 9999")
        }
        let total = Int64(micros)
        let seconds = total.floorDivided(by: 1_000_000)
        let fraction = total - seconds * 1_000_000
        let days = seconds.floorDivided(by: 86_400)
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = CivilCalendar.date(fromDaysSince1970: days)
        guard (1...9999).contains(year) else {
            throw PostgresError(kind: .encoding, message: "Date is outside the years 1 to 9999")
        }
        let text =
            "\(year.padded(4))-\(month.padded(2))-\(day.padded(2)) "
            + "\((secondOfDay / 3600).padded(2)):\((secondOfDay / 60 % 60).padded(2)):\((secondOfDay % 60).padded(2))"
            + ".\(fraction.padded(6))+00"
        return Array(text.utf8)
    }

    public static func decode(postgresText text: String) throws(PostgresError) -> Date {
        var text = text
        guard let micros = text.withUTF8(TimestampText.microsecondsSince1970) else {
            throw decodingFailure("ISO timestamp or date")
        }
        let seconds = micros.floorDivided(by: 1_000_000)
        return Date(timeIntervalSince1970: Double(seconds) + Double(micros - seconds * 1_000_000) / 1_000_000)
    }
}

/// Parses `YYYY-MM-DD[ HH:MM:SS[.ffffff][±HH[:MM[:SS]]]]`.
enum TimestampText {
    static func microsecondsSince1970(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        var cursor = 0
        // Byte-wise on purpose: a `Character` comparison per separator was a tenth of a no-op drain's worker
        // instructions (callgrind), as three timestamps are read per claimed job.
        func number(_ count: Int) -> Int64? {
            guard cursor + count <= bytes.count else { return nil }
            var value: Int64 = 0
            for index in cursor..<cursor + count {
                let digit = bytes[index] &- UInt8(ascii: "0")
                guard digit <= 9 else { return nil }
                value = value * 10 + Int64(digit)
            }
            cursor += count
            return value
        }
        func skip(_ separator: UInt8) -> Bool {
            guard cursor < bytes.count, bytes[cursor] == separator else { return false }
            cursor += 1
            return true
        }
        let dash = UInt8(ascii: "-"), space = UInt8(ascii: " "), colon = UInt8(ascii: ":")
        let dot = UInt8(ascii: "."), plus = UInt8(ascii: "+")
        var yearDigits = 0
        while cursor + yearDigits < bytes.count, bytes[cursor + yearDigits] != dash { yearDigits += 1 }
        guard yearDigits >= 4, let year = number(yearDigits), skip(dash), let month = number(2), skip(dash),
            let day = number(2), (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        var micros = CivilCalendar.daysSince1970(year: year, month: month, day: day) * 86_400_000_000
        guard cursor < bytes.count else { return micros }
        guard skip(space), let hour = number(2), skip(colon), let minute = number(2), skip(colon), let second = number(2)
        else { return nil }
        micros += ((hour * 60 + minute) * 60 + second) * 1_000_000
        if skip(dot) {
            var scale: Int64 = 100_000
            var digits = 0
            while cursor < bytes.count, let digit = number(1) {
                micros += digit * scale
                scale /= 10
                digits += 1
            }
            guard digits > 0 else { return nil }
        }
        guard cursor < bytes.count else { return micros }
        let sign: Int64
        if skip(plus) { sign = 1 } else if skip(dash) { sign = -1 } else { return nil }
        guard let offsetHours = number(2) else { return nil }
        var offsetSeconds = offsetHours * 3600
        if skip(colon) {
            guard let offsetMinutes = number(2) else { return nil }
            offsetSeconds += offsetMinutes * 60
            if skip(colon) {
                guard let extra = number(2) else { return nil }
                offsetSeconds += extra
            }
        }
        guard cursor == bytes.count else { return nil }
        return micros - sign * offsetSeconds * 1_000_000
    }
}

/// Proleptic Gregorian calendar in days since 1970-01-01 (H. Hinnant, "chrono-Compatible Low-Level Date
/// Algorithms").
enum CivilCalendar {
    static func daysSince1970(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func date(fromDaysSince1970 days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

extension Int64 {
    func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }

    func padded(_ width: Int) -> String {
        let digits = String(self)
        return String(repeating: "0", count: Swift.max(0, width - digits.count)) + digits
    }
}
