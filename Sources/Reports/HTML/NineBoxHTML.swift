/// The nine-box report as one self-contained HTML page (well-formed XHTML syntax, UTF-8): the summary grid, then
/// one section per OPD, each printed on its own page; each grid is an inline SVG from ``NineBoxSVG``. When the
/// sections carry people, each OPD section (or the summary, in a report without OPD sections) also lists them by
/// box. Every text is escaped.
public enum NineBoxHTML {
    /// The page of `report`.
    public static func document(_ report: NineBoxReport) -> String {
        var html = "<section class=\"summary\" id=\"summary\">\n"
        html += "<h1>\(Escaping.markup("Talent review \(report.year): \(report.summary.heading)"))</h1>\n"
        html += "<p class=\"rule-set\">\(Escaping.markup(report.ruleSet.text))</p>\n"
        html += NineBoxSVG.element(year: report.year, ruleSet: report.ruleSet, section: report.summary)
        if !report.opds.isEmpty {
            html += "<table class=\"opd-index\">\n<tr><th>OPD</th><th>Assessed</th><th>Placed</th><th>Not placed</th>"
                + "<th>Boxes 7-9</th></tr>\n"
            for opd in report.opds {
                let counts = opd.counts
                let top = [7, 8, 9].reduce(0) { $0 + counts.count(inBox: $1) }
                html += "<tr><td><a href=\"#\(anchor(opd))\">\(Escaping.markup(opd.heading))</a></td>"
                    + "<td>\(counts.assessed)</td><td>\(counts.placed)</td><td>\(counts.notPlaced)</td><td>\(top)</td></tr>\n"
            }
            html += "</table>\n"
        } else {
            html += peopleTable(report.summary.counts)
        }
        html += "</section>\n"
        for opd in report.opds {
            html += "<section class=\"opd\" id=\"\(anchor(opd))\" data-opd=\"\(Escaping.markup(opd.opdCode ?? ""))\">\n"
            html += "<h2>\(Escaping.markup(opd.heading))</h2>\n"
            html += NineBoxSVG.element(year: report.year, ruleSet: report.ruleSet, section: opd)
            html += peopleTable(opd.counts)
            html += "</section>\n"
        }
        return HTMLPage.document(title: "Talent review \(report.year): \(report.summary.heading)", style: style, body: html)
    }

    static let style = """
        body { margin: 24px; }
        section.opd { break-before: page; page-break-before: always; margin-top: 32px; }
        table { border-collapse: collapse; margin-top: 8px; }
        td, th { border: 1px solid #bbbbbb; padding: 2px 8px; text-align: left; font-size: 13px; }
        svg { max-width: 100%; height: auto; }
        """

    private static func anchor(_ section: NineBoxReport.Section) -> String {
        "opd-" + Escaping.markup(section.opdCode ?? section.title)
    }

    /// Everyone listed in the section, box 9 first; nothing when the section carries no people.
    private static func peopleTable(_ counts: NineBoxCounts) -> String {
        guard !counts.people.isEmpty else { return "" }
        var table = "<table class=\"people\">\n<tr><th>Kotak</th><th>NIP</th><th>Name</th></tr>\n"
        for box in NineBoxLayout.boxNumbers.reversed() {
            for person in counts.people[box] ?? [] {
                table += "<tr><td>\(box)</td><td>\(Escaping.markup(person.nip))</td>"
                    + "<td>\(Escaping.markup(person.name ?? ""))</td></tr>\n"
            }
        }
        return table + "</table>\n"
    }
}
