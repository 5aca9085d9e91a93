/// A ``ComparisonPage`` as one self-contained HTML page (well-formed XHTML syntax, UTF-8): what is compared (both
/// sides with their rule sets, and the provenance a rule set states, e.g. the BKN 411/2025 preset's), the headline
/// counts, the transition matrix as a heat map (``TransitionHeatMapSVG``), the largest movements, one row per OPD,
/// the talent pool members gained and lost, the target positions whose successor changes and the indicators' mean
/// change. Employees appear by NIP only. Every text is escaped.
public enum ComparisonHTML {
    /// The page of `page`.
    public static func document(_ page: ComparisonPage) -> String {
        let title = "What-if \(page.year): \(page.scenario.label) against the \(page.base.label)"
        var html = "<h1>\(Escaping.markup(title))</h1>\n"
        html += "<p class=\"scope\">\(Escaping.markup("Scope: \(page.scope)."))</p>\n"
        html += "<table class=\"sides\">\n<tr><th></th><th>Review</th><th>Rule set</th><th>Reference date (D)</th></tr>\n"
        for (role, side) in [("from", page.base), ("to", page.scenario)] {
            html += "<tr><td>\(role)</td><td>\(Escaping.markup(side.label))</td><td>\(Escaping.markup(side.ruleSet))"
            if let provenance = side.provenance {
                html += "<br/><span class=\"provenance\">\(Escaping.markup(provenance))</span>"
            }
            html += "</td><td>\(Escaping.markup(side.referenceDate))</td></tr>\n"
        }
        html += "</table>\n"
        html += headline(page)
        html += "<div class=\"heat-map\">\n" + TransitionHeatMapSVG.element(page) + "</div>\n"
        html += movements(page)
        if !page.opds.isEmpty { html += opdTable(page.opds) }
        html += poolTable(page.poolChanges)
        html += successorTable(page.successorChanges)
        html += indicatorTable(page.indicatorChanges)
        return HTMLPage.document(title: title, style: style, body: html)
    }

    static let style = """
        body { margin: 24px; max-width: 1100px; }
        h2 { margin-top: 28px; }
        table { border-collapse: collapse; margin-top: 8px; }
        td, th { border: 1px solid #bbbbbb; padding: 2px 8px; text-align: left; font-size: 13px; }
        td.number, th.number { text-align: right; }
        .provenance { color: #8a4b00; font-size: 12px; }
        .figures td { font-size: 15px; }
        svg { max-width: 100%; height: auto; }
        """

    private static func headline(_ page: ComparisonPage) -> String {
        let h = page.headline
        var rows: [(String, String)] = [
            ("Employees assessed on both sides", Figures.count(h.employees)),
            ("… who change box (kotak)", "\(Figures.count(h.boxChanged)) (\(Figures.percent(h.boxChanged, of: h.employees)))"),
            ("Talent pool (KRS instansi) members gained", Figures.count(h.poolGained)),
            ("Talent pool members lost", Figures.count(h.poolLost)),
            ("Target positions (jabatan target) whose designated successor changes", Figures.count(h.successorsChanged)),
        ]
        if page.baseOnly > 0 || page.scenarioOnly > 0 {
            rows.append(("Assessed in the \(page.base.label) only / in the \(page.scenario.label) only",
                         "\(Figures.count(page.baseOnly)) / \(Figures.count(page.scenarioOnly))"))
        }
        var html = "<table class=\"figures\">\n"
        for (label, value) in rows {
            html += "<tr><td>\(Escaping.markup(label))</td><td class=\"number\">\(Escaping.markup(value))</td></tr>\n"
        }
        return html + "</table>\n"
    }

    private static func movements(_ page: ComparisonPage) -> String {
        let largest = page.largestMovements()
        var html = "<h2>Largest movements</h2>\n"
        guard !largest.isEmpty else { return html + "<p class=\"movements\">Nobody changes box.</p>\n" }
        html += "<ol class=\"movements\">\n"
        for move in largest {
            let from = box(ComparisonPage.boxLabels[move.from])
            let to = box(ComparisonPage.boxLabels[move.to])
            html += "<li data-from=\"\(ComparisonPage.boxLabels[move.from])\" data-to=\"\(ComparisonPage.boxLabels[move.to])\" "
                + "data-count=\"\(move.employees)\">\(Escaping.markup("\(from) → \(to): \(employees(move.employees)) "))"
                + "\(Escaping.markup("(\(Figures.percent(move.employees, of: page.employees)) of those compared)"))</li>\n"
        }
        return html + "</ol>\n"
    }

    /// "1 employee", "12 employees".
    private static func employees(_ count: Int) -> String {
        "\(Figures.count(count)) employee" + (count == 1 ? "" : "s")
    }

    private static func box(_ label: String) -> String {
        label == "–" ? ComparisonPage.notPlacedLabel : "kotak \(label)"
    }

    private static func opdTable(_ opds: [ComparisonPage.Totals]) -> String {
        var html = "<h2>Per OPD</h2>\n<table class=\"opds\">\n<tr><th>OPD</th><th class=\"number\">Employees</th>"
            + "<th class=\"number\">Change box</th><th class=\"number\">Pool gained</th><th class=\"number\">Pool lost</th>"
            + "<th class=\"number\">Successors changed</th></tr>\n"
        for opd in opds {
            let name = opd.opdName.isEmpty ? (opd.opdCode ?? "") : "\(opd.opdName) (\(opd.opdCode ?? ""))"
            html += "<tr data-opd=\"\(Escaping.markup(opd.opdCode ?? ""))\"><td>\(Escaping.markup(name))</td>"
                + [opd.employees, opd.boxChanged, opd.poolGained, opd.poolLost, opd.successorsChanged]
                    .map { "<td class=\"number\">\(Figures.count($0))</td>" }.joined() + "</tr>\n"
        }
        return html + "</table>\n"
    }

    private static func poolTable(_ changes: [ComparisonPage.PoolChange]) -> String {
        var html = "<h2>Talent pool (KRS instansi): gained and lost</h2>\n"
        guard !changes.isEmpty else { return html + "<p>The pool has the same members on both sides.</p>\n" }
        html += "<table class=\"pool\">\n<tr><th>NIP</th><th>OPD</th><th>Target level</th><th>Change</th>"
            + "<th>Box from</th><th>Box to</th><th>Blockers</th></tr>\n"
        for change in changes {
            html += "<tr>" + [change.nip, change.opdCode, change.targetLevel, change.gained ? "gained" : "lost",
                              change.fromBox, change.toBox, change.blockers]
                .map { "<td>\(Escaping.markup($0))</td>" }.joined() + "</tr>\n"
        }
        return html + "</table>\n"
    }

    private static func successorTable(_ changes: [ComparisonPage.SuccessorChange]) -> String {
        var html = "<h2>Succession: designated successor (rank 1) changes</h2>\n"
        guard !changes.isEmpty else { return html + "<p>Every target position keeps its designated successor.</p>\n" }
        html += "<table class=\"successors\">\n<tr><th>Position</th><th>OPD</th><th>Change</th><th>From</th><th>To</th></tr>\n"
        for change in changes {
            html += "<tr>" + [change.positionCode, change.opdCode, change.change, change.from, change.to]
                .map { "<td>\(Escaping.markup($0))</td>" }.joined() + "</tr>\n"
        }
        return html + "</table>\n"
    }

    private static func indicatorTable(_ changes: [ComparisonPage.IndicatorChange]) -> String {
        guard !changes.isEmpty else { return "" }
        var html = "<h2>Indicators: mean score on each side</h2>\n"
        html += "<p>Mean over the employees with a score; an indicator one rule set does not have is empty on that side.</p>\n"
        html += "<table class=\"indicators\">\n<tr><th>Axis</th><th>Indicator</th><th class=\"number\">Mean from</th>"
            + "<th class=\"number\">Mean to</th><th class=\"number\">Change</th></tr>\n"
        for change in changes {
            html += "<tr><td>\(Escaping.markup(change.axis))</td><td>\(Escaping.markup(change.indicator))</td>"
                + [change.fromMean, change.toMean, change.change]
                    .map { "<td class=\"number\">\(Escaping.markup($0))</td>" }.joined() + "</tr>\n"
        }
        return html + "</table>\n"
    }
}
