import ArgumentParser
import Foundation
import Interchange
import Postgres
import Talent
import TalentStore

/// `talenta import DIR`: validates a DOMAIN.md §11 input folder and applies it to the `hr` schema in one transaction,
/// streaming every file (`ImportWriter`).
///
/// Prints the rows per file, the history files absent (their history left as it was), optional columns left out, and
/// every row not stored as it was: rejected rows (file, line, NIP, reason, and the field and value that broke the
/// rule) and invalid rows left out and flagged on the employee. Refused whole, changing nothing: a missing required
/// file, a wrong header, a file that breaks RFC 4180 (an unterminated quote, a row with more or fewer fields than its
/// header), a history file that would shrink stored history beyond the guard, a database error. Unknown extra files
/// are reported and skipped. Exit codes: `ImportExitCode`.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import HR data (the DOMAIN.md §11 CSV files of a folder) into the hr schema.",
        discussion: """
            An import is a snapshot of the files given: units, positions and employees are upserted by code and \
            NIP; for each history file present, the imported employees' rows of that kind are replaced by exactly \
            those in the file (a file with only its header leaves them none); an absent history file leaves that \
            history as it was. Rejected rows are reported with the field and value that broke the rule and kept in \
            hr.import_reject; all good rows are imported. A malformed file (RFC 4180) refuses the whole import. \
            The shrink guard refuses a history file that would delete more than --max-shrink percent of the stored \
            rows of its kind for the imported employees, or leave an employee whose rows in the file are all \
            invalid with none, unless --allow-shrink. The per-change recalculation triggers are off during the \
            import; one recalculation of everyone for the open review period (if any) is enqueued with it instead.

            Exit codes: 0 every row stored; 2 applied, but some rows were rejected or left out as invalid (listed); \
            1 refused or failed, nothing changed; 64 invalid options.
            """)

    @OptionGroup var database: DatabaseOptions

    @Option(help: "The reference date D (YYYY-MM-DD) for the date checks of employee rows. Default: today (UTC).")
    var referenceDate: String?

    @Option(name: .customLong("max-shrink"),
            help: "The largest share (percent, 0-100) of the stored rows of a kind that a history file may delete for the imported employees.")
    var maxShrink: Double = 20

    @Flag(name: .customLong("allow-shrink"), help: "Let an intended shrink of stored history through the guard.")
    var allowShrink = false

    @Argument(help: "The folder holding units.csv, positions.csv, employees.csv and the history files.")
    var directory: String

    func validate() throws {
        if let referenceDate, CivilDate(iso: referenceDate) == nil {
            throw ValidationError("--reference-date must be a real date written YYYY-MM-DD, got \(referenceDate)")
        }
        guard (0...100).contains(maxShrink) else {
            throw ValidationError("--max-shrink must be a percentage in 0...100, got \(maxShrink)")
        }
    }

    func run() throws {
        let folderURL = URL(fileURLWithPath: directory, isDirectory: true)
        let path = folderURL.standardizedFileURL.path
        let day = referenceDate.flatMap(CivilDate.init(iso:)) ?? Self.today()
        let outcome: ImportWriter.Outcome
        let connection: Connection
        var reader: InputFolderReader
        do {
            reader = try InputFolderReader(folder: folderURL)
        } catch {
            throw CommandFailure(description: "import refused, nothing was changed: \(error)")
        }
        do {
            connection = try Connection(url: database.resolvedDatabaseURL, applicationName: "talenta-import")
        } catch {
            throw CommandFailure("import failed, nothing was changed", error)
        }
        defer { connection.close() }
        do {
            outcome = try ImportWriter.run(&reader, source: path, referenceDate: day, unknownFiles: reader.unknownFiles,
                                           guard: ShrinkGuard(maxShrinkPercent: maxShrink, allowShrink: allowShrink),
                                           on: connection)
        } catch let error as InterchangeError {
            throw CommandFailure(description: "import refused, nothing was changed: \(error)")
        } catch let error as ShrinkRefusal {
            throw CommandFailure(description: "import refused: \(error)")
        } catch {
            throw CommandFailure("import failed and was rolled back, nothing was changed", error)
        }
        report(outcome, path: path, day: day, unknownFiles: reader.unknownFiles)
        do {
            try printRows(of: outcome, on: connection)
        } catch {
            throw CommandFailure("the import was applied, but its rows could not be read back for the report", error)
        }
        if outcome.summary.rowsNotStored > 0 { throw ExitCode(ImportExitCode.rowsNotStored) }
    }

    private func report(_ outcome: ImportWriter.Outcome, path: String, day: CivilDate, unknownFiles: [String]) {
        print("Imported \(path) as import \(outcome.importID) (reference date \(day))")
        if let job = outcome.recalculationJobID {
            print("Enqueued recalculation of everyone for the open review period: job \(job)")
        }
        // The first column fits the longest file name (potential_assessments.csv), so the counts stay aligned.
        let width = outcome.summary.counts.map { $0.file.rawValue.count + 2 }.reduce(18, max)
        print(pad("file", width) + lpad("read", 10) + lpad("stored", 10) + lpad("invalid", 9) + lpad("rejected", 10))
        for (file, counts) in outcome.summary.counts {
            print(pad(file.rawValue, width) + lpad(String(counts.read), 10) + lpad(String(counts.stored), 10)
                  + lpad(String(counts.invalid), 9) + lpad(String(counts.rejected), 10))
        }
        for name in unknownFiles {
            print("Unknown file skipped: \(name)")
        }
        for file in outcome.summary.absentFiles {
            print("Absent history file: \(file.rawValue) (that history of the imported employees is left as it was)")
        }
        for missing in outcome.missingColumns {
            let (column, cleared) = (missing.column, missing.storedValuesCleared)
            print("\(missing.file.rawValue) has no column \(column): empty on every row"
                  + (cleared > 0 ? "; \(cleared) stored rows of the imported employees had a \(column) and now have none" : ""))
        }
    }

    /// The rejected and invalid rows, read back from the database (any number, through a cursor).
    private func printRows(of outcome: ImportWriter.Outcome, on connection: Connection) throws {
        let rejected = outcome.summary.counts.reduce(0) { $0 + $1.counts.rejected }
        let invalid = outcome.summary.counts.reduce(0) { $0 + $1.counts.invalid }
        if rejected == 0 { print("No row was rejected.") }
        var printedRejected = false, printedInvalid = false
        try RejectionReader.forEachRow(ofImport: outcome.importID, on: connection, rejected: { rejection in
            if !printedRejected {
                print("Rejected rows (\(rejected)):")
                printedRejected = true
            }
            let nip = rejection.nip.isEmpty ? "-" : rejection.nip
            print("  \(rejection.file.rawValue) line \(rejection.line)  NIP \(nip)  \(rejection.reason.rawValue)"
                  + (rejection.detail.isEmpty ? "" : ": \(rejection.detail)"))
        }, invalid: { nip, file, row in
            if !printedInvalid {
                print("Rows left out of the review and flagged on the employee (\(invalid)):")
                printedInvalid = true
            }
            print("  \(file) line \(row.line)  NIP \(nip)  \(row.kind.invalidFlag.rawValue): \(row.problem)")
        })
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

/// `talenta import` exit codes: 0 every row was stored; `rowsNotStored` the import was applied, but some rows were
/// rejected or left out as invalid (each is listed); 1 refused or failed, nothing changed (ArgumentParser's failure
/// code, for every `CommandFailure`); 64 invalid options. `talenta review-folder` exits with the same codes (2: the
/// review ran without the rejected rows).
enum ImportExitCode {
    static let rowsNotStored: Int32 = 2
}
