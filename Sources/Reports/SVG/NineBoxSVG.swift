import Foundation

/// Draws one nine-box grid as a standalone SVG document (UTF-8 text), by plain text templating.
///
/// The grid follows ``NineBoxLayout``: potensi across, kinerja up, box numbers 4 7 9 / 2 5 8 / 1 3 6, each cell
/// with its box number, its count and its share of the placed employees; the not-placed count stands beside the
/// grid. When the section carries people, each cell lists up to ``maxPeoplePerCell`` of them and "+ n more".
/// Every text is escaped. Each cell is a `<g class="box" data-box="N" data-row="R" data-column="C">` so tools and
/// tests can find it.
public enum NineBoxSVG {
    /// The most people a cell lists before "+ n more".
    public static let maxPeoplePerCell = 8

    /// The longest heading that fits the drawing's width at its font size; a longer OPD name is cut (the code kept).
    static let maxHeadingLength = 68
    static let cellWidth = 200
    static let cellHeight = 150
    static let gridLeft = 120
    static let gridTop = 96
    static let sideWidth = 210
    static var gridWidth: Int { 3 * cellWidth }
    static var gridHeight: Int { 3 * cellHeight }
    static var width: Int { gridLeft + gridWidth + 30 + sideWidth + 20 }
    static var height: Int { gridTop + gridHeight + 80 }

    /// The grid of `section` for year `year` under `ruleSet` as a complete SVG document (with the XML declaration).
    public static func document(year: Int, ruleSet: NineBoxReport.RuleSetLabel, section: NineBoxReport.Section) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + element(year: year, ruleSet: ruleSet, section: section)
    }

    /// The grid as an `<svg>` element, to stand alone or to be placed inside an HTML page. Below the heading: the
    /// counts, then the rule set with its provenance (`class="rule-set"`).
    public static func element(year: Int, ruleSet: NineBoxReport.RuleSetLabel, section: NineBoxReport.Section) -> String {
        let counts = section.counts
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)" \
            viewBox="0 0 \(width) \(height)" font-family="DejaVu Sans, Arial, sans-serif" class="nine-box"\
            \(section.opdCode.map { " data-opd=\"\(Escaping.markup($0))\"" } ?? "")>

            """
        svg += "<rect x=\"0\" y=\"0\" width=\"\(width)\" height=\"\(height)\" fill=\"#ffffff\"/>\n"
        svg += SVGText.element(heading(year: year, section: section), x: 20, y: 34, size: 22, weight: "bold", cssClass: "title")
        svg += SVGText.element("\(counts.assessed) assessed, \(counts.placed) placed on the nine-box grid (PermenPANRB 3/2020)",
                    x: 20, y: 58, size: 14, fill: "#444444", cssClass: "subtitle")
        svg += SVGText.element(ruleSet.text, x: 20, y: 78, size: 12, fill: "#444444", cssClass: "rule-set")

        for (row, boxes) in NineBoxLayout.rows.enumerated() {
            for (column, box) in boxes.enumerated() {
                svg += cell(box: box, row: row, column: column, counts: counts)
            }
        }
        svg += axes()
        svg += notPlacedPanel(counts)
        svg += "</svg>\n"
        return svg
    }

    private static func cell(box: Int, row: Int, column: Int, counts: NineBoxCounts) -> String {
        let x = gridLeft + column * cellWidth
        let y = gridTop + row * cellHeight
        let count = counts.count(inBox: box)
        let share = counts.placed == 0 ? 0 : Double(count) * 100 / Double(counts.placed)
        var g = "<g class=\"box\" id=\"box-\(box)\" data-box=\"\(box)\" data-row=\"\(row)\" data-column=\"\(column)\">\n"
        g += "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(cellWidth)\" height=\"\(cellHeight)\" fill=\"\(fill(ofBox: box))\" "
            + "stroke=\"#ffffff\" stroke-width=\"3\"/>\n"
        g += SVGText.element("Kotak \(box)", x: x + 10, y: y + 22, size: 14, weight: "bold", fill: "#1a1a1a", cssClass: "box-number")
        let people = counts.people[box] ?? []
        if people.isEmpty {
            g += SVGText.element("\(count)", x: x + cellWidth / 2, y: y + 88, size: 40, weight: "bold", anchor: "middle",
                      fill: "#1a1a1a", cssClass: "count")
            g += SVGText.element(String(format: "%.1f%%", share), x: x + cellWidth / 2, y: y + 116, size: 14, anchor: "middle",
                      fill: "#333333", cssClass: "share")
        } else {
            g += SVGText.element("\(count)", x: x + cellWidth - 10, y: y + 24, size: 18, weight: "bold", anchor: "end",
                      fill: "#1a1a1a", cssClass: "count")
            for (index, person) in people.prefix(maxPeoplePerCell).enumerated() {
                g += SVGText.element(clipped(person.label, to: 32), x: x + 10, y: y + 42 + index * 13, size: 10,
                          fill: "#1a1a1a", cssClass: "person")
            }
            if count > min(people.count, maxPeoplePerCell) {
                g += SVGText.element("+ \(count - min(people.count, maxPeoplePerCell)) more", x: x + 10,
                          y: y + 42 + maxPeoplePerCell * 13, size: 10, fill: "#333333", cssClass: "more")
            }
        }
        g += "</g>\n"
        return g
    }

    private static func axes() -> String {
        var a = ""
        for (row, level) in NineBoxLayout.kinerjaRows.enumerated() {
            a += SVGText.element(level, x: gridLeft - 12, y: gridTop + row * cellHeight + cellHeight / 2 + 5, size: 13,
                      weight: "bold", anchor: "end", fill: "#333333", cssClass: "kinerja-level")
        }
        for (column, level) in NineBoxLayout.potensiColumns.enumerated() {
            a += SVGText.element(level, x: gridLeft + column * cellWidth + cellWidth / 2, y: gridTop + gridHeight + 24, size: 13,
                      weight: "bold", anchor: "middle", fill: "#333333", cssClass: "potensi-level")
        }
        let axisX = 28
        let middleY = gridTop + gridHeight / 2
        a += "<text x=\"\(axisX)\" y=\"\(middleY)\" font-size=\"15\" font-weight=\"bold\" text-anchor=\"middle\" "
            + "fill=\"#1a1a1a\" transform=\"rotate(-90 \(axisX) \(middleY))\" class=\"axis\">KINERJA (performance) →</text>\n"
        a += SVGText.element("POTENSI (potential) →", x: gridLeft + gridWidth / 2, y: gridTop + gridHeight + 52, size: 15,
                  weight: "bold", anchor: "middle", fill: "#1a1a1a", cssClass: "axis")
        return a
    }

    private static func notPlacedPanel(_ counts: NineBoxCounts) -> String {
        let x = gridLeft + gridWidth + 30
        let y = gridTop
        var p = "<g class=\"not-placed\" data-count=\"\(counts.notPlaced)\">\n"
        p += "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(sideWidth)\" height=\"\(cellHeight)\" fill=\"#eeeeee\" "
            + "stroke=\"#999999\" stroke-dasharray=\"6 4\"/>\n"
        p += SVGText.element("Belum terpetakan", x: x + 12, y: y + 24, size: 14, weight: "bold", fill: "#1a1a1a", cssClass: "label")
        p += SVGText.element("(not placed: no SKP", x: x + 12, y: y + 42, size: 11, fill: "#444444", cssClass: "label")
        p += SVGText.element("in the last 4 years)", x: x + 12, y: y + 56, size: 11, fill: "#444444", cssClass: "label")
        p += SVGText.element("\(counts.notPlaced)", x: x + sideWidth / 2, y: y + 112, size: 40, weight: "bold", anchor: "middle",
                  fill: "#1a1a1a", cssClass: "count")
        p += "</g>\n"
        return p
    }


    /// "Talent review Y: name (CODE)" in at most ``maxHeadingLength`` characters: a long name is cut and ends in
    /// "…", the OPD code never is.
    static func heading(year: Int, section: NineBoxReport.Section) -> String {
        let prefix = "Talent review \(year): "
        let overflow = prefix.count + section.heading.count - maxHeadingLength
        guard overflow > 0 else { return prefix + section.heading }
        return prefix + section.heading(nameLimit: section.title.count - overflow)
    }

    private static func clipped(_ text: String, to length: Int) -> String {
        text.count <= length ? text : String(text.prefix(length - 1)) + "…"
    }

    /// Green for the boxes that join the talent pool (7, 8, 9), amber for the middle, red for box 1.
    static func fill(ofBox box: Int) -> String {
        switch box {
        case 9: return "#4caf50"
        case 7, 8: return "#8bc34a"
        case 4, 5, 6: return "#ffe082"
        case 2, 3: return "#ffb74d"
        default: return "#e57373"
        }
    }
}
