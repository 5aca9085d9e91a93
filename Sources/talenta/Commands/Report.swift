import ArgumentParser
import Foundation
import Interchange
import Postgres
import Reports
import TalentStore

/// `talenta report --year Y [--opd CODE] [--names] --out FILE.svg|FILE.html|FILE.xlsx`: the nine-box grid of a stored
/// review drawn as the regulation lays it out (PermenPANRB 3/2020: potensi across, kinerja up, boxes 4 7 9 / 2 5 8 /
/// 1 3 6), or its figures as an Excel workbook.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Draw the nine-box grid of a review year as SVG (one grid) or HTML (city summary and one page per OPD), or write its figures as xlsx.",
        discussion: """
            The format follows the file name: .svg draws one grid (the city, or the OPD given with --opd); .html \
            draws the summary grid, an index of OPDs and one section per OPD, each printed on its own page; .xlsx \
            writes the figures as worksheets: grid (box by box, and the not placed), opds (one row per OPD with \
            its count in each box), with --names people (OPD, box, NIP, name; NIPs as text cells), and review (the \
            year, its rule set and the rule set's provenance). Every format names the review's rule set (the BKN \
            411/2025 preset with its provenance: reconstructed, not checked against the Lampiran). The \
            report shows counts only and reads only the talent views, so a talenta_reader login may run it; \
            --names also lists each placed employee's NIP and name (keep such a file where personal data may be \
            kept) and, since names are personal data in hr, needs the worker's or the owner's login.
            """)

    enum Format { case svg, html, xlsx }

    @OptionGroup var database: DatabaseOptions

    @Option(help: "The review year Y.")
    var year: Int

    @Option(help: "Only this OPD (its unit code, e.g. BPKAD).")
    var opd: String?

    @Flag(help: "List each placed employee's NIP and name (personal data; needs the worker's or the owner's login, not talenta_reader).")
    var names = false

    @Option(help: "The file to write: FILE.svg, FILE.html or FILE.xlsx (replaced when it exists).")
    var out: String

    var format: Format? {
        switch URL(fileURLWithPath: out).pathExtension.lowercased() {
        case "svg": return .svg
        case "html", "htm": return .html
        case "xlsx": return .xlsx
        default: return nil
        }
    }

    func validate() throws {
        guard format != nil else { throw ValidationError("--out must end in .svg, .html or .xlsx") }
    }

    func run() throws {
        let report: NineBoxReport
        do {
            let connection = try Connection(url: database.resolvedDatabaseURL, applicationName: "talenta-report")
            defer { connection.close() }
            let counts = try BoxDistributionReader.counts(year: year, opdCode: opd, on: connection)
            let people = names ? try BoxDistributionReader.placedEmployees(year: year, opdCode: opd, on: connection) : []
            let rules = try BoxDistributionReader.ruleSet(year: year, on: connection)
            report = Self.report(year: year, ruleSet: .init(id: rules.id, provenance: rules.provenance), opd: opd,
                                 counts: counts, people: people)
        } catch {
            throw CommandFailure("report failed", error)
        }
        let file = URL(fileURLWithPath: out)
        do {
            switch format ?? .svg {
            case .svg:
                try Data(NineBoxSVG.document(year: year, ruleSet: report.ruleSet, section: report.summary).utf8)
                    .write(to: file, options: .atomic)
            case .html: try Data(NineBoxHTML.document(report).utf8).write(to: file, options: .atomic)
            case .xlsx: try ResultTable.writeWorkbook(ReportTables.tables(report), to: file)
            }
        } catch {
            throw CommandFailure("cannot write \(file.path)", error)
        }
        print("Wrote the \(year) nine-box report (\(Self.contents(report, format: format ?? .svg, opd: opd, names: names))) "
              + "to \(file.standardizedFileURL.path)")
    }

    /// What the written file holds, for the closing line: "65 assessed, 3 OPD sections" for the city's HTML,
    /// "65 assessed, 3 OPD rows" for its xlsx, "65 assessed" for its SVG (one grid), "OPD BPKAD, 12 assessed" for one
    /// OPD; ", with names" when asked for.
    static func contents(_ report: NineBoxReport, format: Format, opd: String?, names: Bool) -> String {
        var parts = [String]()
        if let opd { parts.append("OPD \(opd)") }
        parts.append("\(report.summary.counts.assessed) assessed")
        if format == .html, opd == nil { parts.append("\(report.opds.count) OPD sections") }
        if format == .xlsx, opd == nil { parts.append("\(report.opds.count) OPD rows") }
        if names { parts.append("with names") }
        return parts.joined(separator: ", ")
    }

    /// Builds the report from the stored counts (and people, when asked for): the summary is the city, or the one
    /// OPD asked for (then without OPD sections).
    static func report(
        year: Int, ruleSet: NineBoxReport.RuleSetLabel, opd: String?, counts: [BoxDistributionReader.BoxCount], people: [BoxDistributionReader.PlacedEmployee]
    ) -> NineBoxReport {
        var sections = [NineBoxReport.Section]()
        for (code, rows) in Dictionary(grouping: counts, by: \.opdCode).sorted(by: { $0.key < $1.key }) {
            var grid = NineBoxCounts(boxes: [:], notPlaced: 0)
            for row in rows {
                if let box = row.box { grid.boxes[box] = row.employees } else { grid.notPlaced = row.employees }
            }
            for person in people where person.opdCode == code {
                grid.people[person.box, default: []].append(ReportPerson(nip: person.nip, name: person.name))
            }
            sections.append(.init(opdCode: code, title: rows[0].opdName, counts: grid))
        }
        if let opd {
            let only = sections.first ?? .init(opdCode: opd, title: opd, counts: NineBoxCounts(boxes: [:], notPlaced: 0))
            return NineBoxReport(year: year, ruleSet: ruleSet, summary: only, opds: [])
        }
        let city = sections.reduce(NineBoxCounts(boxes: [:], notPlaced: 0)) { $0 + $1.counts }
        let summary = NineBoxReport.Section(opdCode: nil, title: "City summary, \(sections.count) OPDs", counts: city)
        return NineBoxReport(year: year, ruleSet: ruleSet, summary: summary, opds: sections)
    }
}
