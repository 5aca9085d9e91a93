import Foundation
import Interchange
import Talent
import TestThreads
import Testing

@Suite("Interchange: validating a folder a share of the employees at a time", .ownThread)
struct InputRowsTests {
    @Test("shares of any size give what one validation of every record gives", arguments: [1, 3, 50, 1_000_000])
    func sharesMatchOneValidation(rowsPerShare: Int) throws {
        let referenceDate = try #require(CivilDate(iso: "2026-03-31"))
        let whole = Validator.validate(try InputFolderReader.read(folder: GoldenFixture.input).records,
                                       referenceDate: referenceDate)
        let rows = try InputFolderReader.rows(folder: GoldenFixture.input)
        let shared = rows.validate(referenceDate: referenceDate, rowsPerShare: rowsPerShare)
        #expect(!whole.rejections.isEmpty && whole.employees.count > 3)
        #expect(shared.units == whole.units)
        #expect(shared.positions == whole.positions)
        #expect(shared.employees == whole.employees)
        #expect(shared.rejections == whole.rejections)
        #expect(rows.counts.values.reduce(0, +) == (try InputFolderReader.read(folder: GoldenFixture.input)).records.count)
    }
}
