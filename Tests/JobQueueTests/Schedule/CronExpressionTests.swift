import Foundation
import JobQueue
import TestThreads
import Testing

/// UTC instants written compactly: `utc("2026-03-08T07:00")`.
private func utc(_ text: String) -> Date {
    let formatter = ISO8601DateFormatter()
    return formatter.date(from: text + ":00Z")!
}

private func zone(_ identifier: String) -> TimeZone { TimeZone(identifier: identifier)! }

/// The next `count` fire times after `start`.
private func fires(_ expression: String, after start: Date, in zoneID: String, count: Int) throws -> [Date] {
    let cron = try CronExpression(expression)
    var result: [Date] = []
    var cursor = start
    for _ in 0..<count {
        let next = try #require(cron.nextFireTime(after: cursor, in: zone(zoneID)))
        result.append(next)
        cursor = next
    }
    return result
}

/// The first instant after `start` (whole minutes) whose wall clock in `zoneID` matches the expression's fields,
/// found by testing every minute: the definition of an interval-like expression's fire times.
private func bruteForceNext(_ fields: [Set<Int>], orDays: Bool, after start: Date, in zoneID: String,
                            limitMinutes: Int) -> Date? {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = zone(zoneID)
    var minute = (start.timeIntervalSince1970 / 60).rounded(.down) * 60 + 60
    for _ in 0..<limitMinutes {
        let date = Date(timeIntervalSince1970: minute)
        let c = calendar.dateComponents([.minute, .hour, .day, .month, .weekday], from: date)
        let dom = fields[2].contains(c.day!), dow = fields[4].contains(c.weekday! - 1)
        if fields[0].contains(c.minute!), fields[1].contains(c.hour!), fields[3].contains(c.month!),
           orDays ? (dom || dow) : (dom && dow) {
            return date
        }
        minute += 60
    }
    return nil
}

/// A deterministic generator for the randomized cross-checks (SplitMix64).
private struct Seeded: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("CronExpression: parsing", .ownThread)
struct CronParsingTests {
    @Test("lists, ranges, steps, names and macros select the documented values", arguments: [
        ("*/15 * * * *", "0 15 30 45"),
        ("5,10-12,50/5 * * * *", "5 10 11 12 50 55"),
        ("0 9-17/4 * * *", "9 13 17"),
    ])
    func minuteAndHourFields(expression: String, expected: String) throws {
        let cron = try CronExpression(expression)
        let start = utc("2026-01-05T00:00")
        var seen: [Int] = []
        var cursor = start
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone("UTC")
        // Collect the distinct minutes (or hours) of the first day's fire times.
        while let next = cron.nextFireTime(after: cursor, in: zone("UTC")), next < start.addingTimeInterval(86_400) {
            let parts = calendar.dateComponents([.minute, .hour], from: next)
            let value = expression.hasPrefix("0 9") ? parts.hour! : parts.minute!
            if !seen.contains(value) { seen.append(value) }
            cursor = next
        }
        #expect(seen.sorted().map(String.init).joined(separator: " ") == expected)
    }

    @Test("month and weekday names are case-insensitive; 7 and SUN are Sunday")
    func names() throws {
        let named = try fires("0 9 * jan-Mar mon-FRI", after: utc("2026-03-27T00:00"), in: "UTC", count: 3)
        #expect(named == [utc("2026-03-27T09:00"), utc("2026-03-30T09:00"), utc("2026-03-31T09:00")])
        let seven = try fires("0 0 * * 7", after: utc("2026-01-01T00:00"), in: "UTC", count: 2)
        let sunday = try fires("0 0 * * SUN", after: utc("2026-01-01T00:00"), in: "UTC", count: 2)
        let zero = try fires("0 0 * * 0", after: utc("2026-01-01T00:00"), in: "UTC", count: 2)
        #expect(seven == [utc("2026-01-04T00:00"), utc("2026-01-11T00:00")])
        #expect(sunday == seven && zero == seven)
    }

    @Test("macros expand to their five fields")
    func macros() throws {
        let start = utc("2026-05-13T10:20")
        let pairs = [("@yearly", "0 0 1 1 *"), ("@annually", "0 0 1 1 *"), ("@monthly", "0 0 1 * *"),
                     ("@weekly", "0 0 * * 0"), ("@daily", "0 0 * * *"), ("@midnight", "0 0 * * *"),
                     ("@hourly", "0 * * * *")]
        for (macro, fields) in pairs {
            #expect(try fires(macro, after: start, in: "UTC", count: 3) == fires(fields, after: start, in: "UTC", count: 3),
                    "\(macro)")
        }
    }

    @Test("day of month and day of week: either matches when both are restricted, both when one starts with *")
    func dayMatching() throws {
        // The 1st of the month or any Monday (OR).
        let either = try fires("0 9 1 * MON", after: utc("2026-05-30T00:00"), in: "UTC", count: 3)
        #expect(either == [utc("2026-06-01T09:00"), utc("2026-06-08T09:00"), utc("2026-06-15T09:00")])
        let orMonth = try fires("0 9 13 * FRI", after: utc("2026-02-01T00:00"), in: "UTC", count: 4)
        #expect(orMonth == [utc("2026-02-06T09:00"), utc("2026-02-13T09:00"), utc("2026-02-20T09:00"),
                            utc("2026-02-27T09:00")])
        // */2 starts with * so both must match: odd days that are Mondays.
        let both = try fires("0 9 */2 * MON", after: utc("2026-06-01T10:00"), in: "UTC", count: 2)
        #expect(both == [utc("2026-06-15T09:00"), utc("2026-06-29T09:00")])
    }

    @Test("29 February fires only in leap years")
    func leapDay() throws {
        #expect(try fires("0 0 29 2 *", after: utc("2026-01-01T00:00"), in: "UTC", count: 2)
                    == [utc("2028-02-29T00:00"), utc("2032-02-29T00:00")])
    }

    @Test("bad expressions are refused with a message that names the field", arguments: [
        ("60 * * * *", "minute: 60"), ("* 24 * * *", "hour: 24"), ("* * 0 * *", "day of month: 0"),
        ("* * 32 * *", "day of month: 32"), ("* * * 13 *", "month: 13"), ("* * * * 8", "day of week: 8"),
        ("5-1 * * * *", "reversed range"), ("*/0 * * * *", "step"), ("*/x * * * *", "step"),
        ("* * * *", "5 fields"), ("* * * * * *", "5 fields"), ("", "5 fields"), ("0 0 31 2 *", "never fires"),
        ("0 0 30,31 2 *", "never"), ("@reboot", "unknown macro"), ("0 0 L * *", "'L'"),
        ("0 0 * * MON#2", "'#'"), ("0 0 ? * *", "'?'"), ("abc * * * *", "minute: 'abc'"),
        (",5 * * * *", "empty list item"), ("1-2-3 * * * *", "more than one '-'"), ("1/2/3 * * * *", "more than one step"),
        ("* * * FOO *", "month: 'FOO'"), ("-1 * * * *", "minute"),
    ])
    func refused(expression: String, fragment: String) {
        #expect {
            try CronExpression(expression)
        } throws: { error in
            String(describing: error).contains(fragment)
        }
    }

    @Test("31 in a list with a month that has it still fires; the description keeps the text")
    func possibleDays() throws {
        let cron = try CronExpression("  0 0 31 2,3 *  ")
        #expect(cron.description == "0 0 31 2,3 *")
        #expect(cron.nextFireTime(after: utc("2026-01-01T00:00"), in: zone("UTC")) == utc("2026-03-31T00:00"))
    }
}

@Suite("CronExpression: fire times in time zones", .ownThread)
struct CronZoneTests {
    @Test("the annual review schedule fires on 1 April 01:00 in Asia/Makassar (UTC+8, no DST)")
    func makassar() throws {
        #expect(try fires("0 1 1 4 *", after: utc("2026-01-01T00:00"), in: "Asia/Makassar", count: 3)
                    == [utc("2026-03-31T17:00"), utc("2027-03-31T17:00"), utc("2028-03-31T17:00")])
    }

    @Test("spring forward in New York: a fixed time in the gap fires once at the gap's end")
    func newYorkGapFixed() throws {
        // 2026-03-08 02:00 EST -> 03:00 EDT (07:00Z).
        #expect(try fires("30 2 * * *", after: utc("2026-03-07T12:00"), in: "America/New_York", count: 3)
                    == [utc("2026-03-08T07:00"), utc("2026-03-09T06:30"), utc("2026-03-10T06:30")])
        #expect(try fires("0,15,30,45 2 * * *", after: utc("2026-03-08T06:00"), in: "America/New_York", count: 2)
                    == [utc("2026-03-08T07:00"), utc("2026-03-09T06:00")])
        #expect(try fires("0 3 * * *", after: utc("2026-03-08T06:00"), in: "America/New_York", count: 1)
                    == [utc("2026-03-08T07:00")])
    }

    @Test("spring forward in New York: interval-like expressions skip the missing hour and keep real time")
    func newYorkGapInterval() throws {
        let minutes = try fires("* * * * *", after: utc("2026-03-08T06:57"), in: "America/New_York", count: 4)
        #expect(minutes == [utc("2026-03-08T06:58"), utc("2026-03-08T06:59"), utc("2026-03-08T07:00"),
                            utc("2026-03-08T07:01")])
        #expect(try fires("*/30 * * * *", after: utc("2026-03-08T06:31"), in: "America/New_York", count: 2)
                    == [utc("2026-03-08T07:00"), utc("2026-03-08T07:30")])
        #expect(try fires("30 * * * *", after: utc("2026-03-08T06:00"), in: "America/New_York", count: 2)
                    == [utc("2026-03-08T06:30"), utc("2026-03-08T07:30")])
    }

    @Test("fall back in New York: a fixed time fires at its first occurrence only; interval-like at both")
    func newYorkOverlap() throws {
        // 2026-11-01 02:00 EDT -> 01:00 EST (06:00Z): 01:00-01:59 happens at 05:xxZ and again at 06:xxZ.
        #expect(try fires("30 1 * * *", after: utc("2026-10-31T12:00"), in: "America/New_York", count: 2)
                    == [utc("2026-11-01T05:30"), utc("2026-11-02T06:30")])
        #expect(try fires("30 * * * *", after: utc("2026-11-01T05:00"), in: "America/New_York", count: 3)
                    == [utc("2026-11-01T05:30"), utc("2026-11-01T06:30"), utc("2026-11-01T07:30")])
        let minutes = try fires("* * * * *", after: utc("2026-11-01T05:58"), in: "America/New_York", count: 4)
        #expect(minutes == [utc("2026-11-01T05:59"), utc("2026-11-01T06:00"), utc("2026-11-01T06:01"),
                            utc("2026-11-01T06:02")])
        // After the first 01:30 has fired, a fixed 01:30 does not fire again during the repeated hour.
        #expect(try fires("30 1 * * *", after: utc("2026-11-01T05:45"), in: "America/New_York", count: 1)
                    == [utc("2026-11-02T06:30")])
    }

    @Test("Europe/Berlin: gap and overlap at the end of March and October")
    func berlin() throws {
        // 2026-03-29 02:00 CET -> 03:00 CEST (01:00Z); 2026-10-25 03:00 CEST -> 02:00 CET (01:00Z).
        #expect(try fires("30 2 * * *", after: utc("2026-03-28T12:00"), in: "Europe/Berlin", count: 2)
                    == [utc("2026-03-29T01:00"), utc("2026-03-30T00:30")])
        #expect(try fires("30 2 * * *", after: utc("2026-10-24T12:00"), in: "Europe/Berlin", count: 2)
                    == [utc("2026-10-25T00:30"), utc("2026-10-26T01:30")])
        #expect(try fires("0 * * * *", after: utc("2026-10-24T23:30"), in: "Europe/Berlin", count: 3)
                    == [utc("2026-10-25T00:00"), utc("2026-10-25T01:00"), utc("2026-10-25T02:00")])
    }

    @Test("every-minute schedules fire every 60 s of real time through a year of DST changes", arguments: [
        "America/New_York", "Europe/Berlin", "Australia/Lord_Howe", "Asia/Makassar",
    ])
    func everyMinuteIsRealTime(zoneID: String) throws {
        let cron = try CronExpression("* * * * *")
        // Around each of the zone's transitions in 2026, 3 hours either side.
        var cursor = utc("2026-01-01T00:00")
        var transitions: [Date] = []
        while let next = zone(zoneID).nextDaylightSavingTimeTransition(after: cursor), next < utc("2027-01-01T00:00") {
            transitions.append(next)
            cursor = next
        }
        for transition in transitions {
            var time = transition.addingTimeInterval(-3 * 3_600)
            for _ in 0..<360 {
                let next = try #require(cron.nextFireTime(after: time, in: zone(zoneID)))
                #expect(next.timeIntervalSince(time) == 60, "\(zoneID) after \(time)")
                time = next
            }
        }
        #expect(zoneID == "Asia/Makassar" ? transitions.isEmpty : transitions.count == 2)
    }

    @Test("interval-like expressions agree with a minute-by-minute scan of the wall clock, in DST zones")
    func randomizedAgainstBruteForce() throws {
        var random = Seeded(state: 20_260_308)
        let zones = ["America/New_York", "Europe/Berlin", "UTC", "Asia/Makassar", "Australia/Lord_Howe"]
        let starts = [utc("2026-03-08T04:00"), utc("2026-11-01T03:30"), utc("2026-03-28T22:10"),
                      utc("2026-10-24T23:50"), utc("2026-04-04T14:00"), utc("2026-06-15T09:17")]
        for _ in 0..<120 {
            // Minute and hour lists or steps, days by weekday or day of month; at most a week apart.
            let step = Int.random(in: 1...20, using: &random)
            let minuteField = Bool.random(using: &random) ? "*/\(step)" : "\(Int.random(in: 0...59, using: &random))"
            let hours = (0..<Int.random(in: 1...5, using: &random)).map { _ in Int.random(in: 0...23, using: &random) }
            let hourField = minuteField.hasPrefix("*") ? Set(hours).sorted().map(String.init).joined(separator: ",") : "*"
            let weekdays = (0..<Int.random(in: 1...4, using: &random)).map { _ in Int.random(in: 0...6, using: &random) }
            let dayField = Bool.random(using: &random) ? Set(weekdays).sorted().map(String.init).joined(separator: ",") : "*"
            let expression = "\(minuteField) \(hourField) * * \(dayField)"
            let cron = try CronExpression(expression)
            #expect(cron.isIntervalLike)
            var fields: [Set<Int>] = [[], [], Set(1...31), Set(1...12), []]
            fields[0] = minuteField.hasPrefix("*") ? Set(stride(from: 0, through: 59, by: step)) : [Int(minuteField)!]
            fields[1] = hourField == "*" ? Set(0...23) : Set(hours)
            fields[4] = dayField == "*" ? Set(0...6) : Set(weekdays)
            let zoneID = zones.randomElement(using: &random)!
            let start = starts.randomElement(using: &random)!
                .addingTimeInterval(Double(Int.random(in: 0...7_200, using: &random)))
            let expected = bruteForceNext(fields, orDays: false, after: start, in: zoneID, limitMinutes: 8 * 1_440)
            #expect(cron.nextFireTime(after: start, in: zone(zoneID)) == expected, "\(expression) in \(zoneID) after \(start)")
        }
    }

    @Test("fixed-time expressions agree with the wall-clock scan in a zone without DST")
    func fixedTimesWithoutDST() throws {
        var random = Seeded(state: 42)
        for _ in 0..<60 {
            let minute = Int.random(in: 0...59, using: &random), hour = Int.random(in: 0...23, using: &random)
            let day = Int.random(in: 1...28, using: &random), weekday = Int.random(in: 0...6, using: &random)
            let expression = "\(minute) \(hour) \(day) * \(weekday)"
            let cron = try CronExpression(expression)
            #expect(!cron.isIntervalLike)
            let start = utc("2026-02-01T00:00").addingTimeInterval(Double(Int.random(in: 0...2_000_000, using: &random)))
            let expected = bruteForceNext([[minute], [hour], [day], Set(1...12), [weekday]], orDays: true,
                                          after: start, in: "Asia/Makassar", limitMinutes: 8 * 1_440)
            #expect(cron.nextFireTime(after: start, in: zone("Asia/Makassar")) == expected, "\(expression) after \(start)")
        }
    }

    @Test("a fire time is strictly after the instant given, also from a fractional second")
    func strictlyAfter() throws {
        let cron = try CronExpression("* * * * *")
        let minute = utc("2026-05-05T05:05")
        #expect(cron.nextFireTime(after: minute, in: zone("UTC")) == minute.addingTimeInterval(60))
        #expect(cron.nextFireTime(after: minute.addingTimeInterval(-0.5), in: zone("UTC")) == minute)
        #expect(cron.nextFireTime(after: minute.addingTimeInterval(59.9), in: zone("UTC")) == minute.addingTimeInterval(60))
    }
}

@Suite("CronExpression: the latest missed fire time", .ownThread)
struct CronMissedTests {
    @Test("after ten minutes away, an every-minute schedule fires once, for the latest minute")
    func everyMinute() throws {
        let cron = try CronExpression("* * * * *")
        let latest = cron.latestFireTime(notBefore: utc("2026-03-08T06:50"),
                                         notAfter: utc("2026-03-08T07:00").addingTimeInterval(30),
                                         in: zone("America/New_York"))
        #expect(latest == utc("2026-03-08T07:00"))
    }

    @Test("a yearly schedule missed for three years fires for the latest year")
    func yearly() throws {
        let cron = try CronExpression("0 1 1 4 *")
        let latest = cron.latestFireTime(notBefore: utc("2026-03-31T17:00"), notAfter: utc("2029-07-01T00:00"),
                                         in: zone("Asia/Makassar"))
        #expect(latest == utc("2029-03-31T17:00"))
    }

    @Test("the interval's ends count; an interval without a fire time gives nil")
    func bounds() throws {
        let cron = try CronExpression("0 12 * * *")
        #expect(cron.latestFireTime(notBefore: utc("2026-05-05T12:00"), notAfter: utc("2026-05-05T12:00"),
                                    in: zone("UTC")) == utc("2026-05-05T12:00"))
        #expect(cron.latestFireTime(notBefore: utc("2026-05-05T12:01"), notAfter: utc("2026-05-06T11:59"),
                                    in: zone("UTC")) == nil)
        #expect(cron.latestFireTime(notBefore: utc("2026-05-06T00:00"), notAfter: utc("2026-05-05T00:00"),
                                    in: zone("UTC")) == nil)
    }

    @Test("the latest fire time's successor lies after the interval", arguments: ["*/7 * * * *", "0 9 * * MON-FRI", "30 2 * * *"])
    func successorIsLater(expression: String) throws {
        let cron = try CronExpression(expression)
        let earliest = utc("2026-03-01T00:00"), latest = utc("2026-03-20T13:13")
        let found = try #require(cron.latestFireTime(notBefore: earliest, notAfter: latest, in: zone("America/New_York")))
        #expect(found >= earliest && found <= latest)
        let following = try #require(cron.nextFireTime(after: found, in: zone("America/New_York")))
        #expect(following > latest)
    }
}
