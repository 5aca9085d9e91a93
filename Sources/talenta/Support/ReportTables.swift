import Foundation
import Interchange
import Reports

/// The nine-box report as tables, for `talenta report --out FILE.xlsx`: the headline grid box by box, one row per
/// OPD with its counts per box, and (when the report carries names) everyone placed.
enum ReportTables {
    /// The worksheets, in tab order: `grid`, `opds`, `people` when the report lists people, and `review` (the year,
    /// its rule set and the rule set's provenance).
    static func tables(_ report: NineBoxReport) -> [ResultTable] {
        var tables = [grid(report.summary), opds(report.opds.isEmpty ? [report.summary] : report.opds)]
        if report.listsPeople { tables.append(people(report.opds.isEmpty ? [report.summary] : report.opds)) }
        tables.append(review(report))
        return tables
    }

    /// One row: the review year, the rule set (`name@version`) and its provenance (empty when it states none).
    static func review(_ report: NineBoxReport) -> ResultTable {
        ResultTable(name: "review", columns: [.init("year", .integer), .init("rule_set", .text), .init("provenance", .text)],
                    rows: [[String(report.year), report.ruleSet.id, report.ruleSet.provenance ?? ""]])
    }

    /// Box by box as the regulation numbers them (kotak 1 … 9, with its kinerja and potensi levels), then the
    /// employees not placed (BELUM_TERPETAKAN).
    static func grid(_ section: NineBoxReport.Section) -> ResultTable {
        let counts = section.counts
        var rows = NineBoxLayout.boxNumbers.map { box -> [String] in
            let (row, column) = NineBoxLayout.position(ofBox: box)!
            let share = counts.placed == 0 ? 0 : Double(counts.count(inBox: box)) * 100 / Double(counts.placed)
            return [section.opdCode ?? "", String(box), NineBoxLayout.kinerjaRows[row], NineBoxLayout.potensiColumns[column],
                    String(counts.count(inBox: box)), String(format: "%.1f", share)]
        }
        rows.append([section.opdCode ?? "", "", "BELUM_TERPETAKAN", "", String(counts.notPlaced), ""])
        return ResultTable(name: "grid", columns: [
            .init("opd_code", .code), .init("box", .integer), .init("kinerja_level", .text), .init("potensi_level", .text),
            .init("employees", .integer), .init("share_of_placed_percent", .decimal(places: 1)),
        ], rows: rows)
    }

    /// One row per OPD: assessed, placed, not placed and the count in each box.
    static func opds(_ sections: [NineBoxReport.Section]) -> ResultTable {
        ResultTable(name: "opds", columns: [
            .init("opd_code", .code), .init("opd_name", .text), .init("assessed", .integer), .init("placed", .integer),
            .init("not_placed", .integer),
        ] + NineBoxLayout.boxNumbers.map { .init("box_\($0)", .integer) }, rows: sections.map { section in
            let counts = section.counts
            return [section.opdCode ?? "", section.title, String(counts.assessed), String(counts.placed),
                    String(counts.notPlaced)] + NineBoxLayout.boxNumbers.map { String(counts.count(inBox: $0)) }
        })
    }

    /// Everyone placed, by OPD and box (9 first): NIP and name. Personal data: only in a report asked for with names.
    static func people(_ sections: [NineBoxReport.Section]) -> ResultTable {
        ResultTable(name: "people", columns: [
            .init("opd_code", .code), .init("box", .integer), .init("nip", .code), .init("name", .text),
        ], rows: sections.flatMap { section in
            NineBoxLayout.boxNumbers.reversed().flatMap { box in
                (section.counts.people[box] ?? []).map { [section.opdCode ?? "", String(box), $0.nip, $0.name ?? ""] }
            }
        })
    }
}
