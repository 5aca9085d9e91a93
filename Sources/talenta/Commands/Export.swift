import ArgumentParser
import Foundation
import Interchange
import Postgres
import Talent
import TalentStore

/// `talenta export --year Y DIR`: writes placements.csv, succession.csv and rejected.csv (DOMAIN.md §11) of a stored
/// review. rejected.csv holds the rows the latest import rejected.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the review of a year as placements.csv, succession.csv and rejected.csv (DOMAIN.md §11).")

    @OptionGroup var database: DatabaseOptions

    @Option(help: "The review year Y.")
    var year: Int

    @Argument(help: "Output folder (created when missing; the three files are replaced).")
    var directory: String

    func run() throws {
        let folder = URL(fileURLWithPath: directory, isDirectory: true)
        do {
            let connection = try Connection(url: database.resolvedDatabaseURL, applicationName: "talenta-export")
            defer { connection.close() }
            let result = try ReviewResultReader.read(year: year, on: connection)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try ResultFiles.write(result, to: folder)
            print("Wrote \(result.placements.count) placements, \(result.plans.count) succession plans and "
                  + "\(result.rejections.count) rejected rows to \(folder.standardizedFileURL.path)")
        } catch {
            throw CommandFailure("export failed", error)
        }
    }
}
