import DemoCity
import Foundation
import Talent
import TestThreads
import Testing

@Suite("Demo city: determinism and size", .ownThread)
struct DeterminismTests {
    @Test("the same seed gives byte-identical files")
    func sameSeedSameBytes() throws {
        let first = try GeneratedCity(DemoCityOptions(employees: 700, seed: 42, withErrors: true))
        let second = try GeneratedCity(DemoCityOptions(employees: 700, seed: 42, withErrors: true))
        defer { first.remove(); second.remove() }
        for file in DemoCityGenerator.files {
            #expect(try first.bytes(file) == second.bytes(file), "\(file.rawValue) differs between two runs of seed 42")
        }
    }

    @Test("a different seed gives different people")
    func differentSeedDifferentBytes() throws {
        let first = try GeneratedCity(DemoCityOptions(employees: 700, seed: 42))
        let second = try GeneratedCity(DemoCityOptions(employees: 700, seed: 43))
        defer { first.remove(); second.remove() }
        for file in [InputFile.employees, .education, .training, .performance] {
            #expect(try first.bytes(file) != second.bytes(file), "\(file.rawValue) is the same for seeds 42 and 43")
        }
    }

    @Test("the requested employee count is exact", arguments: [50, 51, 999, 2_049, 4_321])
    func exactCount(employees: Int) throws {
        let city = try GeneratedCity(DemoCityOptions(employees: employees, seed: 9))
        defer { city.remove() }
        #expect(try city.rows(.employees).count == employees)
        #expect(city.report.count(of: .employees) == employees)
    }

    @Test("the report counts the rows of every file")
    func reportMatchesFiles() throws {
        let city = try GeneratedCity.demo.get()
        for file in DemoCityGenerator.files {
            #expect(try city.rows(file).count == city.report.count(of: file), "\(file.rawValue)")
        }
    }

    @Test("an employee count outside 50…6,000,000 is refused", arguments: [0, 49, 6_000_001])
    func countOutOfRange(employees: Int) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("democity-refused-\(employees)")
        #expect(throws: DemoCityError.self) {
            _ = try DemoCityGenerator.write(DemoCityOptions(employees: employees, seed: 1), to: directory)
        }
    }
}
