import Talent
import TestThreads
import Testing

@Suite("CivilDate: DOMAIN.md date arithmetic", .ownThread)
struct CivilDateTests {
    @Test("parses and prints ISO dates, rejects impossible ones")
    func parsing() {
        #expect(CivilDate(iso: "2024-02-29")?.description == "2024-02-29")
        #expect(CivilDate(iso: "2023-02-29") == nil)
        #expect(CivilDate(iso: "1990-02-30") == nil)
        #expect(CivilDate(iso: "2026-13-01") == nil)
        #expect(CivilDate(iso: "2026-3-31") == nil)
        #expect(CivilDate(iso: "2026-03-31 ") == nil)
        #expect(CivilDate(iso: "0000-01-01") == nil)
        #expect(CivilDate(iso: "31-03-2026") == nil)
        #expect(CivilDate(iso: "2026-04-31") == nil)
    }

    @Test("± years keeps month and day, 29 February becomes 28 February")
    func addingYears() {
        #expect(Sample.date("2024-02-29").adding(years: 1) == Sample.date("2025-02-28"))
        #expect(Sample.date("2024-02-29").adding(years: 4) == Sample.date("2028-02-29"))
        #expect(Sample.date("2024-02-29").adding(years: -3) == Sample.date("2021-02-28"))
        #expect(Sample.date("1970-03-31").adding(years: 58) == Sample.date("2028-03-31"))
        #expect(Sample.date("2026-03-31").adding(years: -3) == Sample.date("2023-03-31"))
    }

    @Test("+ months clamps to the month's end")
    func addingMonths() {
        #expect(Sample.date("2025-01-31").adding(months: 1) == Sample.date("2025-02-28"))
        #expect(Sample.date("2024-01-31").adding(months: 1) == Sample.date("2024-02-29"))
        #expect(Sample.date("2025-06-01").adding(months: 12) == Sample.date("2026-06-01"))
        #expect(Sample.date("2025-03-31").adding(months: -1) == Sample.date("2025-02-28"))
        #expect(Sample.date("2025-11-30").adding(months: 3) == Sample.date("2026-02-28"))
        #expect(Sample.date("2026-03-31").adding(months: 0) == Sample.date("2026-03-31"))
    }

    @Test("full_years counts completed years and can be negative")
    func fullYears() {
        let d = Sample.d
        #expect(CivilDate.fullYears(from: Sample.date("1970-03-31"), to: d) == 56)
        #expect(CivilDate.fullYears(from: Sample.date("1970-04-01"), to: d) == 55)
        #expect(CivilDate.fullYears(from: d, to: Sample.date("2028-03-30")) == 1)
        #expect(CivilDate.fullYears(from: d, to: Sample.date("2028-03-31")) == 2)
        #expect(CivilDate.fullYears(from: d, to: Sample.date("2025-04-01")) == -1)
        // Born on 29 February: the birthday in a common year counts from 1 March.
        #expect(CivilDate.fullYears(from: Sample.date("2000-02-29"), to: Sample.date("2025-02-28")) == 24)
        #expect(CivilDate.fullYears(from: Sample.date("2000-02-29"), to: Sample.date("2025-03-01")) == 25)
    }

    @Test("orders dates by day; year, month and day build the same date as its ISO text")
    func order() throws {
        #expect(try #require(CivilDate(iso: "2025-12-31")) < #require(CivilDate(iso: "2026-01-01")))
        #expect(try #require(CivilDate(iso: "2026-02-28")) < #require(CivilDate(iso: "2026-03-01")))
        #expect(CivilDate(year: 2026, month: 3, day: 31) == CivilDate(iso: "2026-03-31"))
        #expect(CivilDate(iso: "1899-12-31")?.description == "1899-12-31")
        #expect(CivilDate(year: 2023, month: 2, day: 29) == nil)
    }

    @Test("day numbers count days from 1970-01-01, one per calendar day from 1600 to 2400, and round-trip")
    func dayNumbers() throws {
        #expect(Sample.date("1970-01-01").dayNumber == 0)
        #expect(Sample.date("1969-12-31").dayNumber == -1)
        #expect(Sample.date("2000-03-01").dayNumber == 11_017)
        // Walk the calendar by daysIn: each next day is one more, and the day number gives the date back.
        var expected = try #require(CivilDate(year: 1600, month: 1, day: 1)).dayNumber
        for year in 1600...2400 {
            for month in 1...12 {
                for day in 1...CivilDate.daysIn(month: month, year: year) {
                    let date = try #require(CivilDate(year: year, month: month, day: day))
                    guard date.dayNumber == expected, CivilDate(dayNumber: expected) == date else {
                        Issue.record("day number \(date.dayNumber) for \(date), expected \(expected)")
                        return
                    }
                    expected += 1
                }
            }
        }
    }

    @Test("+ days crosses month, year and 29 February, and stays within 0001-01-01 … 9999-12-31")
    func addingDays() {
        #expect(Sample.date("2024-02-28").adding(days: 1) == Sample.date("2024-02-29"))
        #expect(Sample.date("2024-02-28").adding(days: 2) == Sample.date("2024-03-01"))
        #expect(Sample.date("2023-02-28").adding(days: 1) == Sample.date("2023-03-01"))
        #expect(Sample.date("2026-01-01").adding(days: -1) == Sample.date("2025-12-31"))
        #expect(Sample.date("2026-03-31").adding(days: -1_090) == Sample.date("2023-04-06"))
        #expect(Sample.date("2026-03-31").adding(days: 0) == Sample.date("2026-03-31"))
        #expect(Sample.date("0001-01-01").adding(days: -1) == Sample.date("0001-01-01"))
        #expect(Sample.date("9999-12-31").adding(days: 1) == Sample.date("9999-12-31"))
    }

    @Test("first of the month, and the compact YYYYMMDD form of a NIP")
    func firstOfMonthAndCompact() {
        #expect(Sample.date("2024-02-29").firstOfMonth == Sample.date("2024-02-01"))
        #expect(Sample.date("2026-03-01").firstOfMonth == Sample.date("2026-03-01"))
        #expect(Sample.date("1985-01-02").compact == "19850102")
        #expect(Sample.date("0999-12-31").compact == "09991231")
        let date = Sample.date("1968-02-29")
        #expect(CivilDate(compact: Array(date.compact.utf8)[...]) == date)
    }

    @Test("a 29 February birth date reaches its BUP on 28 February")
    func leapBirthdayRetirement() {
        let employee = Sample.employee(birth: "1968-02-29")
        let retirement = employee.birthDate.adding(years: 58)
        #expect(retirement == Sample.date("2026-02-28"))
    }
}

@Suite("Score and Weight: exact two-decimal arithmetic", .ownThread)
struct ScoreTests {
    @Test("parses decimals, rounding half-up to two places")
    func parsing() {
        #expect(Score(decimal: "80")?.hundredths == 8000)
        #expect(Score(decimal: "79.99")?.hundredths == 7999)
        #expect(Score(decimal: "81.995")?.hundredths == 8200)
        #expect(Score(decimal: "81.994999")?.hundredths == 8199)
        #expect(Score(decimal: "0.005")?.hundredths == 1)
        #expect(Score(decimal: "-1.5")?.hundredths == -150)
        #expect(Score(decimal: "1e2") == nil)
        #expect(Score(decimal: "80.") == nil)
        #expect(Score(decimal: ".5") == nil)
        #expect(Score(decimal: "") == nil)
        #expect(Score(decimal: "8 0") == nil)
    }

    @Test("prints two decimals")
    func printing() {
        #expect(Score(hundredths: 8000).description == "80.00")
        #expect(Score(hundredths: 7999).description == "79.99")
        #expect(Score(hundredths: 5).description == "0.05")
        #expect(Score(hundredths: -50).description == "-0.50")
        #expect(Weight(percent: 67).description == "0.67")
        #expect(Weight(percent: 60).description == "0.6")
        #expect(Weight.one.description == "1")
        #expect(Weight(decimal: "0.33335")?.tenThousandths == 3334)
    }

    @Test("weighted sums are exact and rounded once, half-up")
    func weightedSums() {
        let w67 = Weight(percent: 67), w33 = Weight(percent: 33), half = Weight(percent: 50)
        // 0.67 × 81.96 + 0.33 × 76 = 79.9932 → 79.99; 0.67 × 64.06 + 25.08 = 68.0002 → 68.00.
        #expect(Score.weightedSum([(w67, Score(decimal: "81.96")!), (w33, Score(76))]).description == "79.99")
        #expect(Score.weightedSum([(w67, Score(decimal: "64.06")!), (w33, Score(76))]).description == "68.00")
        #expect(Score.weightedSum([(w67, Score(decimal: "64.05")!), (w33, Score(76))]).description == "67.99")
        // 0.5 × 80 + 0.5 × 80.01 = 80.005 → 80.01 (half-up).
        #expect(Score.weightedSum([(half, Score(80)), (half, Score(decimal: "80.01")!)]).description == "80.01")
        // 0.67 × 90 + 0.33 × 71.5 = 83.895 → 83.90.
        #expect(Score.weightedSum([(w67, Score(90)), (w33, Score(decimal: "71.5")!)]).description == "83.90")
    }

    @Test("ratios round half-up: A from competency levels")
    func ratios() {
        #expect(Score.ratio(16, over: 18, scaledBy: 100).description == "88.89")
        #expect(Score.ratio(13, over: 18, scaledBy: 100).description == "72.22")
        #expect(Score.ratio(1, over: 8, scaledBy: 100).description == "12.50")
        #expect(Score.ratio(1, over: 16, scaledBy: 100).description == "6.25")
        #expect(Score.ratio(1, over: 32, scaledBy: 100).description == "3.13")
    }
}
