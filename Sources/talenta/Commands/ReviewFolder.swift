import ArgumentParser
import Foundation
import Interchange
import Talent

/// `talenta review-folder --year Y --reference-date D [--rule-set NAME@VERSION | --rules FILE.json] [--format csv|xlsx]
/// IN_DIR [OUT_DIR]`: the whole review of a
/// DOMAIN.md §11 input folder in memory, without a database: a dry run before the real review, and the engine's
/// benchmark. Prints what came out on stdout and the seconds of each phase (read+validate, placements, succession,
/// write) with its throughput and the peak RSS on stderr, or on stdout with `--timings`. Exit codes: `talenta
/// import`'s (`ImportExitCode`, decided by the same validation summary), stated in the help's discussion below.
struct ReviewFolderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review-folder",
        abstract: "Review a §11 input folder in memory (no database): a dry run of the annual review, with timings.",
        discussion: """
            Exit codes, as talenta import's: 0 every row was used; 2 the review ran, but some rows were rejected \
            (rejected.csv lists them) or left out as invalid (flagged on their employee); 1 the folder was refused \
            or could not be reviewed; 64 invalid options.
            """)

    @Option(help: "The review year Y; it must be the reference date's year (DOMAIN.md).")
    var year: Int

    @Option(name: .customLong("reference-date"), help: "The review's reference date D (YYYY-MM-DD).")
    var referenceDate: String

    @Option(name: .customLong("rule-set"),
            help: "A built-in rule set: permenpanrb-3-2020/default@1 (the default) or bkn-411-2025/preset@1 (BKN 411/2025, reconstructed from public implementations; not checked against its Lampiran).")
    var ruleSet: String?

    @Option(name: .customLong("rules"), help: "A rule set as JSON (as `talenta rules show` prints it).")
    var rulesFile: String?

    @Flag(help: "Print the per-phase timings on stdout (default: stderr).")
    var timings = false

    @Option(name: .customLong("fingerprints"),
            help: "Also write nip,fingerprint (the inputs fingerprint stored beside each placement) to this CSV file.")
    var fingerprintsFile: String?

    @Argument(help: "The input folder (units.csv, positions.csv, employees.csv and the history files).")
    var input: String

    @Option(help: "The result files' format: csv (DOMAIN.md §11) or xlsx (Excel, LibreOffice).")
    var format: TableFormat = .csv

    @Argument(help: "Where to write the placements, succession, rejected and indicators files (created when missing).")
    var output: String?

    func validate() throws {
        guard let date = CivilDate(iso: referenceDate) else {
            throw ValidationError("--reference-date must be a real date written YYYY-MM-DD, got \(referenceDate)")
        }
        guard date.year == year else {
            throw ValidationError("--year \(year) must be the reference date's year \(date.year) (Y is D's year)")
        }
        if ruleSet != nil, rulesFile != nil { throw ValidationError("give --rule-set or --rules, not both") }
        if let ruleSet, !RuleSet.builtIn.contains(where: { $0.id == ruleSet }) {
            throw ValidationError("--rule-set \(ruleSet) is not a built-in rule set ("
                                  + RuleSet.builtIn.map(\.id).joined(separator: ", ") + ")")
        }
    }

    func run() throws {
        guard let date = CivilDate(iso: referenceDate) else { throw ValidationError("bad --reference-date \(referenceDate)") }
        let context = ReviewContext(referenceDate: date)
        let rules = try loadRules()
        var clock = PhaseTimings()

        // The same streaming reader and row-by-row validation as `talenta import`, collected in memory.
        let folder = try clock.measure("read+validate") { () throws -> ValidatedFolder in
            do {
                return try ValidatedFolder.read(URL(fileURLWithPath: input, isDirectory: true), referenceDate: date)
            } catch {
                throw CommandFailure("cannot read \(input)", error)
            }
        }
        let validated = folder.input
        clock.setThroughput(folder.summary.counts.reduce(0) { $0 + $1.counts.read }, "rows")
        let placements = try clock.measure("placements") {
            do {
                return try ParallelPlacement.place(validated, context: context, rules: rules)
            } catch {
                throw CommandFailure("cannot review \(input)", error)
            }
        }
        clock.setThroughput(validated.employees.count, "employees")
        let plans = clock.measure("succession") {
            Review.plan(validated, placements: placements, context: context, rules: rules)
        }
        clock.setThroughput(plans.count, "plans")
        let result = ReviewResult(placements: placements, plans: plans, rejections: validated.rejections)
        if output != nil || fingerprintsFile != nil {
            try clock.measure("write") { try write(result) }
        }

        for name in folder.unknownFiles { FileHandle.standardError.write(Data("skipped unknown file \(name)\n".utf8)) }
        let placed = placements.filter { $0.box != nil }.count
        let invalid = folder.summary.counts.reduce(0) { $0 + $1.counts.invalid }
        if let provenance = rules.provenance { print("Rule set \(rules.id): \(provenance)") }
        print("Reviewed \(validated.employees.count) employees for \(year) (D \(date), rules \(rules.id)): "
              + "\(placements.count) placements (\(placed) on the grid), \(plans.count) succession plans, "
              + "\(validated.rejections.count) rejected rows, \(invalid) left out as invalid (flagged on their employee)"
              + (output.map { "; wrote the results to \($0)" } ?? ""))
        if timings {
            print(clock.table)
        } else {
            FileHandle.standardError.write(Data((clock.table + "\n").utf8))
        }
        if folder.summary.rowsNotStored > 0 { throw ExitCode(ImportExitCode.rowsNotStored) }
    }

    private func loadRules() throws -> RuleSet {
        if let ruleSet, let builtIn = RuleSet.builtIn.first(where: { $0.id == ruleSet }) { return builtIn }
        guard let rulesFile else { return .default }
        let rules: RuleSet
        do {
            rules = try JSONDecoder().decode(RuleSet.self, from: Data(contentsOf: URL(fileURLWithPath: rulesFile)))
        } catch {
            throw CommandFailure("cannot read the rule set \(rulesFile)", error)
        }
        let problems = rules.validate()
        guard problems.isEmpty else {
            throw CommandFailure(description: problems.map(\.description).joined(separator: "\n"))
        }
        return rules
    }

    private func write(_ result: ReviewResult) throws {
        do {
            if let output {
                let folder = URL(fileURLWithPath: output, isDirectory: true)
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                try ResultFiles.write(result, to: folder, format: format)
            }
            if let fingerprintsFile {
                try CSVWriter.write(header: ["nip", "fingerprint"], rows: result.placements.map { [$0.nip, $0.fingerprint] },
                                    to: URL(fileURLWithPath: fingerprintsFile))
            }
        } catch {
            throw CommandFailure("cannot write the results", error)
        }
    }
}
