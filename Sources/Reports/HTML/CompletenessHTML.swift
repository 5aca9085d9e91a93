import Foundation

/// Kelengkapan data (data completeness) as HTML: one page per ``CompletenessPage`` (the city, then each OPD, each
/// printed on its own page), each with a checklist table (indicator, complete share, employees missing, points at
/// stake), a horizontal bar per indicator (present, no record, missing), the ranked "collect first" list and the
/// records to ask about next (no record). Every text is escaped.
public enum CompletenessHTML {
    /// The bar's width in pixels.
    static let barWidth = 150
    static let present = "#4caf50"
    static let noRecord = "#b0bec5"
    static let missing = "#e57373"

    /// The document of `pages`, in the order given.
    public static func document(_ pages: [CompletenessPage]) -> String {
        let title = pages.first.map { "Kelengkapan data \($0.year): \($0.heading)" } ?? "Kelengkapan data"
        return HTMLPage.document(title: title, style: style, body: pages.map(page).joined())
    }

    static let style = """
        @page { size: A4; margin: 14mm; }
        body { margin: 24px; font-size: 13px; }
        @media print { body { margin: 0; } }
        table.checklist { width: 100%; }
        section.page + section.page { break-before: page; page-break-before: always; margin-top: 32px; }
        h1 { font-size: 20px; margin: 0 0 4px 0; }
        h2 { font-size: 16px; margin: 18px 0 6px 0; }
        p { margin: 4px 0; }
        .rule-set { color: #444444; }
        .note { color: #8a4b00; }
        table { border-collapse: collapse; margin-top: 6px; }
        th, td { border-bottom: 1px solid #d0d0d0; padding: 4px 8px; text-align: left; vertical-align: middle; }
        th { background: #f0f0f0; font-size: 12px; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
        td .label { display: block; color: #555555; font-size: 11px; }
        .legend span { display: inline-block; width: 10px; height: 10px; margin: 0 4px 0 12px; vertical-align: middle; }
        ol.collect-first li, ol.ask-next li { margin: 4px 0; }
        ol.collect-first .action, ol.ask-next .action { display: block; color: #444444; }
        """

    static func page(_ page: CompletenessPage) -> String {
        var html = "<section class=\"page\" data-opd=\"\(Escaping.markup(page.opdCode ?? ""))\">\n"
        html += "<h1>Kelengkapan data (data completeness) \(page.year)</h1>\n"
        html += "<h2 class=\"scope\">\(Escaping.markup(page.heading))</h2>\n"
        html += "<p class=\"rule-set\">Rule set \(Escaping.markup(page.ruleSet))"
        if !page.ruleSetNote.isEmpty { html += " <span class=\"note\">(\(Escaping.markup(page.ruleSetNote)))</span>" }
        html += "</p>\n"
        html += "<p class=\"totals\" data-employees=\"\(page.employees)\" data-complete=\"\(page.fullyComplete)\">"
            + "<strong>\(Figures.count(page.employees))</strong> employees assessed; "
            + "<strong>\(Figures.count(page.fullyComplete))</strong> (\(Figures.percent(page.fullyComplete, of: page.employees)))"
            + " have data for every indicator.</p>\n"
        var more = [String]()
        if let withMissing = page.withMissing {
            more.append("<span class=\"with-missing\" data-count=\"\(withMissing)\"><strong>\(Figures.count(withMissing))</strong>"
                + " have data missing (the chase list)</span>")
        }
        if let boxCanChange = page.boxCanChange {
            more.append("<span class=\"box-can-change\" data-count=\"\(boxCanChange)\"><strong>\(Figures.count(boxCanChange))"
                + "</strong> could reach another box if the missing data scored their best</span>")
        }
        if !more.isEmpty { html += "<p class=\"chase\">" + more.joined(separator: "; ") + ".</p>\n" }
        html += checklist(page)
        html += collectFirst(page)
        html += askNext(page)
        html += "</section>\n"
        return html
    }

    static func checklist(_ page: CompletenessPage) -> String {
        var html = "<h2>Checklist per indicator</h2>\n<table class=\"checklist\">\n<tr><th>Axis</th><th>Indicator</th>"
            + "<th class=\"num\">Complete</th><th class=\"num\">Missing</th><th class=\"num\">No record</th>"
            + "<th class=\"num\">Points at stake</th><th>Employees</th></tr>\n"
        for row in page.indicators {
            html += "<tr class=\"indicator\" data-indicator=\"\(Escaping.markup(row.indicator))\" "
                + "data-present=\"\(row.present)\" data-missing=\"\(row.missing)\" data-no-record=\"\(row.noRecord)\">"
            html += "<td>\(Escaping.markup(row.axis))</td><td><strong>\(Escaping.markup(row.indicator))</strong>"
            if !row.label.isEmpty { html += "<span class=\"label\">\(Escaping.markup(row.label))</span>" }
            html += "</td><td class=\"num share\">\(Figures.percent(row.present, of: row.employees))</td>"
                + "<td class=\"num\">\(Figures.count(row.missing))</td><td class=\"num\">\(Figures.count(row.noRecord))</td>"
                + "<td class=\"num\">\(row.present == row.employees ? "–" : Figures.points(row.pointsAtStake))</td>"
                + "<td>\(bar(row))</td></tr>\n"
        }
        html += "</table>\n<p class=\"legend\"><span style=\"background: \(present)\"></span>data present"
            + "<span style=\"background: \(noRecord)\"></span>no record (none may be true)"
            + "<span style=\"background: \(missing)\"></span>missing</p>\n"
        return html
    }

    /// A stacked horizontal bar: present, then no record, then missing, as shares of the row's employees.
    static func bar(_ row: CompletenessPage.Indicator) -> String {
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"bar\" width=\"\(barWidth)\" height=\"14\" "
            + "viewBox=\"0 0 \(barWidth) 14\">"
        svg += "<rect x=\"0\" y=\"0\" width=\"\(barWidth)\" height=\"14\" fill=\"#ffffff\" stroke=\"#bbbbbb\"/>"
        var x = 0.0
        for (count, colour, part) in [(row.present, present, "present"), (row.noRecord, noRecord, "no-record"),
                                      (row.missing, missing, "missing")] where count > 0 {
            let width = Double(count) * Double(barWidth) / Double(max(1, row.employees))
            svg += "<rect class=\"\(part)\" x=\"\(String(format: "%.1f", x))\" y=\"0\" "
                + "width=\"\(String(format: "%.1f", width))\" height=\"14\" fill=\"\(colour)\"/>"
            x += width
        }
        return svg + "</svg>"
    }

    /// The records with no row where none may be true, to ask about after the missing data; nothing when empty.
    static func askNext(_ page: CompletenessPage) -> String {
        guard !page.askNext.isEmpty else { return "" }
        var html = "<h2>Ask next: no record (none may be true)</h2>\n<p>Ranked the same way; an employee who has none "
            + "needs nothing.</p>\n<ol class=\"ask-next\">\n"
        for item in page.askNext {
            html += "<li data-indicator=\"\(Escaping.markup(item.indicator))\"><strong>\(Escaping.markup(item.indicator))"
                + "</strong> (\(Escaping.markup(item.axis))): \(Figures.count(item.employees)) employee\(item.employees == 1 ? "" : "s"), "
                + "\(Figures.points(item.pointsAtStake)) points at stake each (priority \(Figures.count(Int(item.priority.rounded()))))"
            if !item.action.isEmpty { html += "<span class=\"action\">\(Escaping.markup(item.action))</span>" }
            html += "</li>\n"
        }
        return html + "</ol>\n"
    }

    static func collectFirst(_ page: CompletenessPage) -> String {
        var html = "<h2>Collect first</h2>\n"
        guard !page.collectFirst.isEmpty else {
            return html + "<p class=\"collect-first\">Nothing to collect: every indicator has data for every employee.</p>\n"
        }
        html += "<p>Ranked by the points at stake times the employees missing them.</p>\n<ol class=\"collect-first\">\n"
        for item in page.collectFirst {
            html += "<li data-indicator=\"\(Escaping.markup(item.indicator))\"><strong>\(Escaping.markup(item.indicator))"
                + "</strong> (\(Escaping.markup(item.axis))): \(Figures.count(item.employees)) employee\(item.employees == 1 ? "" : "s"), "
                + "\(Figures.points(item.pointsAtStake)) points at stake each (priority \(Figures.count(Int(item.priority.rounded()))))"
            if !item.action.isEmpty { html += "<span class=\"action\">\(Escaping.markup(item.action))</span>" }
            html += "</li>\n"
        }
        return html + "</ol>\n"
    }
}
