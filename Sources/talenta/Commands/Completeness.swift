import ArgumentParser
import Foundation
import Interchange
import Postgres
import Reports
import TalentStore

/// `talenta completeness --year Y [--opd CODE] [--chase] [--format csv|xlsx|html] --out FILE`: kelengkapan data (data
/// completeness) of a stored review, from the views of sql/0021.
struct CompletenessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "completeness",
        abstract: "Kelengkapan data (data completeness): who is missing what, per OPD and city-wide, and what to collect first; CSV, xlsx or HTML.",
        discussion: """
            The format follows --format, else the file name: .csv writes one row per employee and indicator (nip, \
            opd_code, position_code, axis, indicator, state MISSING / NO_RECORD / PRESENT, score, weight, best, \
            points_at_stake); .xlsx writes the same rows (NIPs as text cells) and the worksheets indicators (per \
            indicator, city-wide and per OPD: counts, complete share, points at stake, collect_order) and opds; \
            .html writes a page for the city and one per OPD, each with a checklist table, a bar per indicator, what \
            to collect first and what to ask about next. These read only the talent views, so a talenta_reader \
            login may run them (NIP, OPD and position, never a name). --chase writes the chase list instead (CSV \
            or xlsx): every employee with data missing, the unplaced included, with NIP, name and position, by OPD; \
            names are personal data, so --chase needs the worker's or the owner's login. --opd CODE limits every \
            output to one OPD (rows are held in memory: per OPD for a national database).
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case csv, xlsx, html }

    @OptionGroup var database: DatabaseOptions

    @Option(help: "The review year Y.")
    var year: Int

    @Option(help: "Only this OPD (its unit code, e.g. BPKAD).")
    var opd: String?

    @Flag(help: "Write the chase list with names (personal data; needs the worker's or the owner's login, not talenta_reader).")
    var chase = false

    @Option(help: "csv, xlsx or html; by default the --out file's extension.")
    var format: Format?

    @Option(help: "The file to write (replaced when it exists).")
    var out: String

    var resolvedFormat: Format? {
        format ?? Format(rawValue: URL(fileURLWithPath: out).pathExtension.lowercased() == "htm"
            ? "html" : URL(fileURLWithPath: out).pathExtension.lowercased())
    }

    func validate() throws {
        guard let format = resolvedFormat else {
            throw ValidationError("--out must end in .csv, .xlsx or .html, or give --format")
        }
        if chase, format == .html { throw ValidationError("--chase writes CSV or xlsx") }
    }

    func run() throws {
        let format = resolvedFormat ?? .csv
        let file = URL(fileURLWithPath: out)
        let summary: String = try OperatorConnection.with(database, action: "completeness") { connection in
            if chase {
                let entries = try CompletenessReader.chaseList(year: year, opdCode: opd, on: connection)
                try write([CompletenessTables.chase(entries)], format: format, to: file)
                return "the chase list of \(entries.count) employees with data missing"
            }
            let scopes = try CompletenessReader.scopes(year: year, opdCode: opd, on: connection)
            let city = scopes.first { $0.opdCode == nil }
            let shown = opd == nil ? city : scopes.first { $0.opdCode == opd }
            var what = "\(shown?.employees ?? 0) employees, \(shown?.withMissing ?? 0) with data missing"
            switch format {
            case .html:
                let pages = CompletenessPages.pages(year: year, opd == nil ? scopes : scopes.filter { $0.opdCode == opd })
                try write(html: CompletenessHTML.document(pages), to: file)
                what += ", \(pages.count) page\(pages.count == 1 ? "" : "s")"
            case .csv:
                let states = try CompletenessReader.states(year: year, opdCode: opd, on: connection)
                try write([CompletenessTables.states(states)], format: format, to: file)
                what += ", \(states.count) rows"
            case .xlsx:
                let states = try CompletenessReader.states(year: year, opdCode: opd, on: connection)
                let shownScopes = opd == nil ? scopes : scopes.filter { $0.opdCode == opd }
                try write([CompletenessTables.states(states), CompletenessTables.indicators(shownScopes),
                           CompletenessTables.opds(shownScopes)], format: format, to: file)
                what += ", \(states.count) rows"
            }
            return what
        }
        print("Wrote the \(year) kelengkapan data (\(opd.map { "OPD \($0), " } ?? "")\(summary)) to "
              + file.standardizedFileURL.path)
    }

    /// CSV holds the first table; xlsx every table, one worksheet each.
    private func write(_ tables: [ResultTable], format: Format, to file: URL) throws {
        do {
            if format == .csv {
                try tables[0].write(to: file, format: .csv)
            } else {
                try ResultTable.writeWorkbook(tables, to: file)
            }
        } catch {
            throw CommandFailure("cannot write \(file.path)", error)
        }
    }

    private func write(html: String, to file: URL) throws {
        do {
            try Data(html.utf8).write(to: file, options: .atomic)
        } catch {
            throw CommandFailure("cannot write \(file.path)", error)
        }
    }
}
