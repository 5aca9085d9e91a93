import Foundation

/// One employee's talent profile as a printable A4 page: "your box, what counted, what is missing". The nine-box grid
/// with the employee's box marked, each axis with its indicators (score, weight, weighted, the data state, the window
/// and the rows they came from), what is missing with the points at stake, the flags in plain words, and the rule
/// set and fingerprint that identify the result. Every text is escaped.
public enum ProfileHTML {
    /// The page of `profile`.
    public static func document(_ profile: EmployeeProfile) -> String {
        var body = "<main class=\"profile\" data-nip=\"\(Escaping.markup(profile.nip))\" "
            + "data-box=\"\(profile.box.map(String.init) ?? "")\">\n"
        body += header(profile)
        body += "<div class=\"top\">\n" + grid(profile) + placement(profile) + "</div>\n"
        for axis in profile.axes { body += table(axis) }
        body += missing(profile)
        body += flags(profile)
        body += footer(profile)
        body += "</main>\n"
        return HTMLPage.document(title: "Profil talenta \(profile.year): \(profile.nip)", style: style, body: body)
    }

    static let style = """
        @page { size: A4; margin: 10mm; }
        body { margin: 0; font-size: 10.5px; line-height: 1.3; }
        main.profile { max-width: 186mm; margin: 0 auto; padding: 8px 0; }
        @media print { main.profile { padding: 0; } }
        h1 { font-size: 17px; margin: 0 0 2px 0; }
        .rule-set { color: #444444; }
        .note-inline { font-weight: normal; font-size: 10px; color: #444444; }
        h2 { font-size: 13px; margin: 8px 0 3px 0; }
        p { margin: 2px 0; }
        .who { color: #333333; }
        .top { display: flex; gap: 18px; align-items: flex-start; margin-top: 6px; }
        table { border-collapse: collapse; width: 100%; }
        th, td { border-bottom: 1px solid #d6d6d6; padding: 1px 4px; text-align: left; vertical-align: top; }
        th { background: #f0f0f0; font-size: 10px; }
        td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
        td .label, td .line { display: block; color: #555555; font-size: 9.5px; }
        td .evidence { color: #333333; }
        .state { font-size: 9px; font-weight: bold; padding: 1px 4px; border-radius: 3px; white-space: nowrap; }
        .state-PRESENT { background: #dcedc8; }
        .state-MISSING { background: #ffcdd2; }
        .state-NO_RECORD { background: #eceff1; }
        table.grid { width: auto; border-collapse: separate; border-spacing: 3px; }
        table.grid td { width: 58px; height: 28px; border: 0; text-align: center; vertical-align: middle;
                        font-size: 10px; color: #1a1a1a; }
        table.grid td.mine { outline: 3px solid #1a1a1a; font-weight: bold; }
        table.grid th { background: none; border: 0; font-size: 9px; text-align: center; color: #444444; }
        table.grid th.kinerja { text-align: right; }
        .box-number { font-size: 14px; font-weight: bold; display: block; }
        .placement { flex: 1; }
        .placement .box { font-size: 15px; font-weight: bold; }
        ul { margin: 2px 0 2px 18px; padding: 0; }
        section.missing ul { columns: 3; column-gap: 18px; }
        table.indicators td:first-child { width: 27%; }
        footer { margin-top: 8px; color: #444444; font-size: 9.5px; border-top: 1px solid #bbbbbb; padding-top: 4px; }
        .fingerprint { font-family: 'DejaVu Sans Mono', monospace; word-break: break-all; }
        .note { color: #8a4b00; }
        """

    static func header(_ profile: EmployeeProfile) -> String {
        var html = "<h1>Profil talenta (talent profile) \(profile.year)</h1>\n<p class=\"who\">"
        if let name = profile.name, !name.isEmpty { html += "<strong>\(Escaping.markup(name))</strong> · " }
        html += "NIP <strong>\(Escaping.markup(profile.nip))</strong>"
        for part in [profile.position, profile.opd] where !part.isEmpty { html += " · " + Escaping.markup(part) }
        html += "</p>\n<p class=\"rule-set\">Rule set <strong>\(Escaping.markup(profile.ruleSet))</strong>"
        if !profile.ruleSetNote.isEmpty { html += " <span class=\"note\">(\(Escaping.markup(profile.ruleSetNote)))</span>" }
        return html + " · reference date \(Escaping.markup(profile.referenceDate))</p>\n"
    }

    /// The 3 × 3 grid as the regulation lays it out, the employee's box outlined.
    static func grid(_ profile: EmployeeProfile) -> String {
        var html = "<table class=\"grid\">\n<tr><th class=\"kinerja\">kinerja ↑</th><th colspan=\"3\"></th></tr>\n"
        for (row, boxes) in NineBoxLayout.rows.enumerated() {
            html += "<tr><th class=\"kinerja\">\(NineBoxLayout.kinerjaRows[row])</th>"
            for box in boxes {
                let mine = profile.box == box
                html += "<td class=\"box\(mine ? " mine" : "")\" data-box=\"\(box)\" style=\"background: "
                    + "\(NineBoxSVG.fill(ofBox: box))\"><span class=\"box-number\">\(box)</span>"
                    + (mine ? "you" : "") + "</td>"
            }
            html += "</tr>\n"
        }
        html += "<tr><th></th>" + NineBoxLayout.potensiColumns.map { "<th>\($0)</th>" }.joined() + "</tr>\n"
        html += "<tr><th></th><th colspan=\"3\">potensi →</th></tr>\n"
        return html + "</table>\n"
    }

    static func placement(_ profile: EmployeeProfile) -> String {
        var html = "<div class=\"placement\">\n"
        if let box = profile.box {
            html += "<p class=\"box\">Your box: kotak \(box)</p>\n"
        } else {
            html += "<p class=\"box\">Not placed (belum terpetakan)</p>\n"
            if !profile.notPlacedReason.isEmpty { html += "<p>\(Escaping.markup(profile.notPlacedReason))</p>\n" }
        }
        if let best = profile.bestBox {
            html += "<p class=\"best-box\" data-best-box=\"\(best)\">"
            html += profile.box == best ? "The missing data cannot change your box"
                : "With the missing data at their best: kotak \(best)"
            html += "</p>\n"
        }
        for axis in profile.axes {
            html += "<p>\(Escaping.markup(axis.label.isEmpty ? axis.name : axis.label)): "
            html += axis.score.isEmpty ? "no score" : "<strong>\(Escaping.markup(axis.score))</strong>"
            if !axis.level.isEmpty { html += " · \(Escaping.markup(axis.level))" }
            html += "</p>\n"
        }
        if !profile.recommendations.isEmpty {
            html += "<p>What follows (rekomendasi):</p>\n<ul class=\"recommendations\">\n"
            html += profile.recommendations.map { "<li>\(Escaping.markup($0))</li>\n" }.joined()
            html += "</ul>\n"
        }
        return html + "</div>\n"
    }

    /// One axis: a row per indicator with score, weight, weighted, the data state, the window and the rows used.
    static func table(_ axis: EmployeeProfile.Axis) -> String {
        var html = "<section class=\"axis\" data-axis=\"\(Escaping.markup(axis.name))\">\n<h2>"
            + Escaping.markup(axis.name) + (axis.label.isEmpty ? "" : " · " + Escaping.markup(axis.label))
        if !axis.score.isEmpty { html += ": \(Escaping.markup(axis.score))" }
        if !axis.level.isEmpty { html += " (\(Escaping.markup(axis.level)))" }
        html += "</h2>\n<table class=\"indicators\">\n<tr><th>Indicator</th><th class=\"num\">Score</th>"
            + "<th class=\"num\">Weight</th><th class=\"num\">Weighted</th><th>Data</th><th>What counted</th></tr>\n"
        for row in axis.indicators {
            html += "<tr class=\"indicator\" data-indicator=\"\(Escaping.markup(row.name))\"><td><strong>"
                + Escaping.markup(row.name) + "</strong>"
            if !row.label.isEmpty { html += "<span class=\"label\">\(Escaping.markup(row.label))</span>" }
            html += "</td><td class=\"num score\">\(row.score.isEmpty ? "–" : Escaping.markup(row.score))</td>"
                + "<td class=\"num weight\">\(Figures.weight(row.weight))%</td>"
                + "<td class=\"num weighted\">\(row.weighted.isEmpty ? "–" : Escaping.markup(row.weighted))</td>"
                + "<td><span class=\"state state-\(Escaping.markup(row.state))\">\(Escaping.markup(row.state))</span></td><td>"
            // The window and the first row share a line; every further row has its own.
            let lines = row.evidence.isEmpty ? ["no row"] : row.evidence
            for (index, line) in lines.enumerated() {
                html += "<span class=\"line\">"
                if index == 0, !row.window.isEmpty { html += "<span class=\"window\">\(Escaping.markup(row.window)):</span> " }
                html += "<span class=\"evidence\">\(Escaping.markup(line))</span></span>"
            }
            html += "</td></tr>\n"
        }
        return html + "</table>\n</section>\n"
    }

    /// The indicators without data, most points at stake first (ties in the rule set's order).
    static func missing(_ profile: EmployeeProfile) -> String {
        let rows = profile.axes.flatMap { axis in
            axis.indicators.filter { $0.state != "PRESENT" }.map { (axis: axis.name, indicator: $0) }
        }
        let ranked = rows.enumerated().sorted {
            let (left, right) = ($0.element.indicator.pointsAtStake ?? 0, $1.element.indicator.pointsAtStake ?? 0)
            return left != right ? left > right : $0.offset < $1.offset
        }.map(\.element)
        let stakes = ranked.contains { $0.indicator.pointsAtStake != nil }
        var html = "<section class=\"missing\">\n<h2>What is missing"
            + (stakes ? " <span class=\"note-inline\">(points at stake: what each would add to its axis at its best)</span>" : "")
            + "</h2>\n"
        guard !ranked.isEmpty else { return html + "<p>Nothing: every indicator has data.</p>\n</section>\n" }
        html += "<ul>\n"
        for (axis, row) in ranked {
            html += "<li data-indicator=\"\(Escaping.markup(row.name))\" data-axis=\"\(Escaping.markup(axis))\">"
                + "<strong>\(Escaping.markup(row.name))</strong> \(row.state == "NO_RECORD" ? "no record" : "missing")"
            if let points = row.pointsAtStake { html += ": \(Figures.points(points))" }
            html += "</li>\n"
        }
        return html + "</ul>\n</section>\n"
    }

    static func flags(_ profile: EmployeeProfile) -> String {
        var html = "<section class=\"flags\">\n<h2>Flags</h2>\n"
        guard !profile.flags.isEmpty else { return html + "<p>None.</p>\n</section>\n" }
        html += "<ul>\n"
        html += profile.flags.map {
            "<li data-flag=\"\(Escaping.markup($0.code))\"><strong>\(Escaping.markup($0.code))</strong>: "
                + Escaping.markup($0.words) + "</li>\n"
        }.joined()
        return html + "</ul>\n</section>\n"
    }

    static func footer(_ profile: EmployeeProfile) -> String {
        "<footer>\n<p>Inputs fingerprint <span class=\"fingerprint\">\(Escaping.markup(profile.fingerprint))</span> "
            + "(identifies the data and rule set \(Escaping.markup(profile.ruleSet)) this result was computed from)</p>\n"
            + "</footer>\n"
    }
}
