import ArgumentParser
import Foundation
import Interchange
import Postgres
import Talent
import TalentStore

/// `talenta export --year Y [--scenario NAME] [--format csv|xlsx] DIR`: writes the result files of a stored review (the
/// official one, or a what-if scenario) (DOMAIN.md §11): placements, succession, rejected and indicators, as CSV or as
/// Excel workbooks. rejected holds the rows the latest
/// import rejected; indicators the rows of each result's explanation (none for results stored before migration 0017).
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the review of a year as placements, succession, rejected and indicators files (DOMAIN.md §11), CSV or xlsx.",
        discussion: """
            --format csv (the default) writes the §11 files placements.csv, succession.csv, rejected.csv and \
            indicators.csv. --format xlsx writes the same rows as placements.xlsx, succession.xlsx, rejected.xlsx and \
            indicators.xlsx, one worksheet \
            each with a bold, frozen header: NIPs and codes are text cells (an 18-digit NIP never becomes \
            1.98501E+17), years, ranks, boxes and scores are numbers (scores with 2 decimals). --scenario NAME \
            writes a what-if scenario of the year in the same files (rejected holds the latest import's rows, as for \
            the official review).
            """)

    @OptionGroup var database: DatabaseOptions

    @Option(help: "The review year Y.")
    var year: Int

    @Option(help: "A what-if scenario of the year (talenta scenario list) instead of the official review.")
    var scenario: String?

    @Option(help: "The file format: csv (DOMAIN.md §11) or xlsx (Excel, LibreOffice).")
    var format: TableFormat = .csv

    @Argument(help: "Output folder (created when missing; the files of the chosen format are replaced).")
    var directory: String

    func run() throws {
        let folder = URL(fileURLWithPath: directory, isDirectory: true)
        do {
            let connection = try Connection(url: database.resolvedDatabaseURL, applicationName: "talenta-export")
            defer { connection.close() }
            let (period, rules) = try ReviewPeriods.find(year: year, scenario: try scenario.map(ScenarioName.init),
                                                         on: connection)
            let result = try ReviewResultReader.read(periodID: period.id, on: connection)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let files = try ResultFiles.write(result, to: folder, format: format)
            print("Wrote \(result.placements.count) placements, \(result.plans.count) succession plans and "
                  + "\(result.rejections.count) rejected rows to \(folder.standardizedFileURL.path) ("
                  + files.map(\.lastPathComponent).joined(separator: ", ") + ")")
            // The files carry rule_version only (§11); the terminal names the rule set's provenance too.
            print("Rule set: \(rules.id)" + (rules.provenance.map { " (\($0))" } ?? ""))
        } catch {
            throw CommandFailure("export failed", error)
        }
    }
}
