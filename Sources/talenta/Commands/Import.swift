import ArgumentParser
import Foundation
import Interchange
import Postgres
import Talent
import TalentStore

/// `talenta import DIR`: validates a DOMAIN.md §11 input folder and applies it to the `hr` schema in one transaction.
///
/// Prints the rows per file, the history files absent (their history left as it was) and every rejected row (file,
/// line, NIP, reason). A missing required file, malformed CSV or a wrong header refuses the whole import (the
/// expected header is shown) and changes nothing; so does a database error. Unknown extra files are reported and skipped. Exit code 0 when applied, 1 when refused.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import HR data (the DOMAIN.md §11 CSV files of a folder) into the hr schema.",
        discussion: """
            An import is a snapshot of the files given: units, positions and employees are upserted by code and \
            NIP; for each history file present, the imported employees' rows of that kind are replaced by exactly \
            those in the file (a file with only its header leaves them none); an absent history file leaves that \
            history as it was. Rejected rows are reported and kept in hr.import_reject; all good rows are \
            imported. The per-change recalculation triggers are off during the import; one recalculation of \
            everyone for the open review period (if any) is enqueued with it instead.
            """)

    @OptionGroup var database: DatabaseOptions

    @Option(help: "The reference date D (YYYY-MM-DD) for the date checks of employee rows. Default: today (UTC).")
    var referenceDate: String?

    @Argument(help: "The folder holding units.csv, positions.csv, employees.csv and the history files.")
    var directory: String

    func validate() throws {
        if let referenceDate, CivilDate(iso: referenceDate) == nil {
            throw ValidationError("--reference-date must be a real date written YYYY-MM-DD, got \(referenceDate)")
        }
    }

    func run() throws {
        let folderURL = URL(fileURLWithPath: directory, isDirectory: true)
        let day = referenceDate.flatMap(CivilDate.init(iso:)) ?? Self.today()
        let (input, read, unknownFiles, absentFiles) = try Self.readAndValidate(folderURL, referenceDate: day)
        let outcome: ImportWriter.Outcome
        do {
            let connection = try Connection(url: database.resolvedDatabaseURL, applicationName: "talenta-import")
            defer { connection.close() }
            outcome = try ImportWriter.apply(input, source: folderURL.standardizedFileURL.path, referenceDate: day,
                                             rowsRead: read, unknownFiles: unknownFiles, absentFiles: absentFiles,
                                             on: connection)
        } catch {
            throw CommandFailure("import failed and was rolled back, nothing was changed", error)
        }
        print("Imported \(folderURL.standardizedFileURL.path) as import \(outcome.importID) (reference date \(day))")
        if let job = outcome.recalculationJobID {
            print("Enqueued recalculation of everyone for the open review period: job \(job)")
        }
        print(pad("file", 26) + lpad("read", 8) + lpad("stored", 8) + lpad("invalid", 9) + lpad("rejected", 10))
        for (file, counts) in outcome.counts where !(file.isPresetInput && absentFiles.contains(file)) {
            let stored = file.isPresetInput ? "-" : String(counts.stored)
            print(pad(file.rawValue, 26) + lpad(String(counts.read), 8) + lpad(stored, 8)
                  + lpad(String(counts.invalid), 9) + lpad(String(counts.rejected), 10))
        }
        for name in unknownFiles {
            print("Unknown file skipped: \(name)")
        }
        for file in absentFiles where !file.isPresetInput {
            print("Absent history file: \(file.rawValue) (that history of the imported employees is left as it was)")
        }
        for file in InputFile.allCases where file.isPresetInput && !absentFiles.contains(file) {
            print("Read and validated, not stored: \(file.rawValue) (hr has no table for the BKN 411/2025 inputs yet)")
        }
        if input.rejections.isEmpty {
            print("No row was rejected.")
        } else {
            print("Rejected rows (\(input.rejections.count)):")
            for rejection in input.rejections {
                let nip = rejection.nip.isEmpty ? "-" : rejection.nip
                print("  \(rejection.file.rawValue) line \(rejection.line)  NIP \(nip)  \(rejection.reason.rawValue)")
            }
        }
        let invalid = input.employees.flatMap { employee in employee.invalidRows.map { (employee.employee.nip, $0) } }
        if !invalid.isEmpty {
            print("Rows left out of the review and flagged on the employee (\(invalid.count)):")
            for (nip, row) in invalid.sorted(by: { ($0.1.kind.rawValue, $0.1.line) < ($1.1.kind.rawValue, $1.1.line) }) {
                let file = InputFile.holding(row.kind).rawValue
                print("  \(file) line \(row.line)  NIP \(nip)  \(row.kind.invalidFlag.rawValue): \(row.problem)")
            }
        }
    }

    /// Reads and validates the folder: its rows are held as arrays of fields and validated a share of the
    /// employees at a time (`InputRows.validate`), so the import never holds a dictionary per CSV row for the whole
    /// folder; those rows are released when this returns, before the database work.
    /// - Returns: the validated input, the data rows read per file and the unknown files skipped.
    /// - Throws: `CommandFailure` when the folder cannot be read (nothing is changed).
    private static func readAndValidate(_ folderURL: URL, referenceDate day: CivilDate) throws
        -> (input: ValidatedInput, read: [InputFile: Int], unknownFiles: [String], absentFiles: [InputFile])
    {
        let rows: InputRows
        do {
            rows = try InputFolderReader.rows(folder: folderURL)
        } catch {
            throw CommandFailure(description: "import refused, nothing was changed: \(error)")
        }
        return (rows.validate(referenceDate: day), rows.counts, rows.unknownFiles, rows.absentFiles)
    }

    /// Today in UTC, the default D.
    private static func today() -> CivilDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: Date())
        return CivilDate(year: parts.year!, month: parts.month!, day: parts.day!)!
    }

    private func pad(_ text: String, _ width: Int) -> String { text.padding(toLength: max(width, text.count), withPad: " ", startingAt: 0) }
    private func lpad(_ text: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - text.count)) + text }
}
