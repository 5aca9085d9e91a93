import DemoCity
import Foundation
import Talent
import TestThreads
import Testing

@Suite("Demo city: --with-errors", .ownThread)
struct BadRowsTests {
    @Test("adds the bad rows on top of unchanged good rows")
    func badRowsAreExtra() throws {
        let clean = try GeneratedCity(DemoCityOptions(employees: 800, seed: 5))
        let dirty = try GeneratedCity(DemoCityOptions(employees: 800, seed: 5, withErrors: true))
        defer { clean.remove(); dirty.remove() }
        for file in DemoCityGenerator.files {
            let cleanLines = try String(contentsOf: clean.url(file), encoding: .utf8).split(separator: "\n")
            let dirtyLines = try String(contentsOf: dirty.url(file), encoding: .utf8).split(separator: "\n")
            // Removing the extra lines from the dirty file gives back the clean file, in order.
            var remaining = cleanLines[...]
            for line in dirtyLines where line == remaining.first { remaining = remaining.dropFirst() }
            #expect(remaining.isEmpty, "\(file.rawValue): good rows changed")
        }
        #expect(dirty.report.count(of: .employees) == 805)
    }

    @Test("holds a bad NIP, an unknown position, dates after D, a wrong-case golongan, a repeated NIP and a level 7")
    func badRowKinds() throws {
        let city = try GeneratedCity(DemoCityOptions(employees: 800, seed: 5, withErrors: true))
        defer { city.remove() }
        let employees = try city.rows(.employees)
        // Every bad row but the short NIP has a well-formed NIP that agrees with its birth date, so it fails for one reason.
        #expect(employees.filter { ($0["nip"] ?? "").count != 18 }.map { ($0["nip"] ?? "").count } == [17])
        for employee in employees where (employee["nip"] ?? "").count == 18 {
            let birth = (employee["birth_date"] ?? "").replacingOccurrences(of: "-", with: "")
            #expect((employee["nip"] ?? "").hasPrefix(birth), "NIP \(employee["nip"] ?? "") disagrees with its birth date")
        }
        #expect(employees.contains { $0["position_code"] == "XYZ-999" })
        #expect(employees.contains { ($0["position_since"] ?? "") > "2026-03-31" })
        #expect(employees.contains { $0["golongan"] == "III/B" })
        #expect(Set(employees.compactMap { $0["nip"] }).count == employees.count - 1, "exactly one repeated NIP")
        #expect(try city.rows(.assessments).contains { $0["komunikasi"] == "7" })
        #expect(try city.rows(.training).contains { ($0["ended_on"] ?? "") > "2026-03-31" })
        #expect(try city.rows(.performance).contains { $0["year"] == "2026" })
    }
}
