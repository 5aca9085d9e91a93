import ArgumentParser
import DemoCity
import Foundation
import Talent

/// `talenta demo-data`: writes a deterministic synthetic city as the DOMAIN.md §11 input files, the optional files of
/// the BKN 411/2025 preset included.
struct DemoDataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo-data",
        abstract: "Write a synthetic Kota Bontang-like city as the §11 input CSV files, the BKN 411/2025 preset's included (deterministic per seed)."
    )

    @Option(help: "Number of employees (\(DemoCityOptions.employeeRange.lowerBound)…\(DemoCityOptions.employeeRange.upperBound)).")
    var employees: Int = 5_000

    @Option(help: "Seed; the same seed gives byte-identical files on every machine.")
    var seed: UInt64 = 1

    @Option(name: .customLong("reference-date"), help: "The review's reference date D (YYYY-MM-DD); no date lies after it.")
    var referenceDate: String = "2026-03-31"

    @Flag(name: .customLong("with-errors"), help: "Add a handful of bad rows (bad NIP, level 7, future dates, unknown position…).")
    var withErrors = false

    @Argument(help: "Output folder (created if missing; existing files are replaced).")
    var directory: String

    func validate() throws {
        guard DemoCityOptions.employeeRange.contains(employees) else {
            throw ValidationError("--employees must be in \(DemoCityOptions.employeeRange.lowerBound)…\(DemoCityOptions.employeeRange.upperBound)")
        }
        guard CivilDate(iso: referenceDate) != nil else {
            throw ValidationError("--reference-date must be a real date written YYYY-MM-DD, got \(referenceDate)")
        }
    }

    func run() throws {
        guard let date = CivilDate(iso: referenceDate) else { throw ValidationError("bad --reference-date \(referenceDate)") }
        let options = DemoCityOptions(employees: employees, seed: seed, referenceDate: date, withErrors: withErrors)
        let report = try DemoCityGenerator.write(options, to: URL(fileURLWithPath: directory, isDirectory: true))
        let width = report.rows.map(\.file.rawValue.count).max() ?? 0
        for (file, count) in report.rows {
            print(file.rawValue.padding(toLength: width + 2, withPad: " ", startingAt: 0) + String(count))
        }
    }
}
