import Foundation

/// Draws the 10 × 10 box transition matrix of a ``ComparisonPage`` as a heat map (an `<svg>` element, by plain text
/// templating): rows are the base's boxes (kotak 1 … 9, then not placed), columns the scenario's; each cell shows its
/// count, shaded by it. The diagonal (employees who keep their box) is shaded in grey-blue against its own largest
/// cell, the cells off it (employees who move) in orange against theirs, so movements stay visible beside a large
/// diagonal. Row and column totals stand at the ends. Each cell is a `<g class="cell" data-from="…" data-to="…"
/// data-count="N">` (boxes as in ``ComparisonPage/boxLabels``) so tools and tests can find it. Every text is escaped.
public enum TransitionHeatMapSVG {
    static let cell = 52
    static let left = 150
    static let top = 118
    static var size: Int { ComparisonPage.boxLabels.count * cell }
    static var width: Int { left + size + 90 }
    static var height: Int { top + size + 110 }

    /// The heat map of `page` as an `<svg>` element.
    public static func element(_ page: ComparisonPage) -> String {
        let labels = ComparisonPage.boxLabels
        let matrix = page.matrix
        var diagonalMax = 0
        var movedMax = 0
        for (from, row) in matrix.enumerated() {
            for (to, count) in row.enumerated() {
                if from == to { diagonalMax = max(diagonalMax, count) } else { movedMax = max(movedMax, count) }
            }
        }
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)" viewBox="0 0 \(width) \(height)" \
            font-family="DejaVu Sans, Arial, sans-serif" class="transition-heat-map">

            """
        svg += "<rect x=\"0\" y=\"0\" width=\"\(width)\" height=\"\(height)\" fill=\"#ffffff\"/>\n"
        svg += SVGText.element("Box transition, \(page.year): \(page.base.label) → \(page.scenario.label)", x: 16, y: 28,
                    size: 18, weight: "bold", cssClass: "title")
        svg += SVGText.element("\(Figures.count(page.employees)) employees assessed on both sides, "
                    + "\(Figures.count(page.headline.boxChanged)) change box", x: 16, y: 50, size: 13,
                    fill: "#444444", cssClass: "subtitle")
        svg += SVGText.element("to: \(page.scenario.label) (kotak)", x: left + size / 2, y: top - 38, size: 13, weight: "bold",
                    anchor: "middle", cssClass: "axis")
        let middle = top + size / 2
        svg += "<text x=\"24\" y=\"\(middle)\" font-size=\"13\" font-weight=\"bold\" text-anchor=\"middle\" "
            + "fill=\"#000000\" transform=\"rotate(-90 24 \(middle))\" class=\"axis\">"
            + "\(Escaping.markup("from: \(page.base.label) (kotak)"))</text>\n"
        for (index, label) in labels.enumerated() {
            svg += SVGText.element(label, x: left + index * cell + cell / 2, y: top - 10, size: 13, weight: "bold",
                        anchor: "middle", cssClass: "to-label")
            svg += SVGText.element(label, x: left - 12, y: top + index * cell + cell / 2 + 5, size: 13, weight: "bold",
                        anchor: "end", cssClass: "from-label")
        }
        svg += SVGText.element("total", x: left + size + 40, y: top - 10, size: 12, anchor: "middle", fill: "#444444",
                    cssClass: "total-label")
        svg += SVGText.element("total", x: left - 12, y: top + size + 24, size: 12, anchor: "end", fill: "#444444",
                    cssClass: "total-label")
        for (from, row) in matrix.enumerated() {
            for (to, count) in row.enumerated() {
                let x = left + to * cell
                let y = top + from * cell
                let shade = from == to ? fill(count, of: diagonalMax, dark: (52, 84, 122))
                                       : fill(count, of: movedMax, dark: (200, 80, 0))
                svg += "<g class=\"cell\" data-from=\"\(labels[from])\" data-to=\"\(labels[to])\" data-count=\"\(count)\">\n"
                svg += "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(cell)\" height=\"\(cell)\" fill=\"\(shade.fill)\" "
                    + "stroke=\"#d0d0d0\" stroke-width=\"1\"/>\n"
                if count > 0 {
                    svg += SVGText.element(Figures.count(count), x: x + cell / 2, y: y + cell / 2 + 5, size: count >= 10_000 ? 10 : 13,
                                anchor: "middle", fill: shade.ink, cssClass: "count")
                }
                svg += "</g>\n"
            }
            svg += SVGText.element(Figures.count(row.reduce(0, +)), x: left + size + 40, y: top + from * cell + cell / 2 + 5,
                        size: 12, anchor: "middle", fill: "#444444", cssClass: "row-total")
        }
        for to in labels.indices {
            let total = matrix.reduce(0) { $0 + $1[to] }
            svg += SVGText.element(Figures.count(total), x: left + to * cell + cell / 2, y: top + size + 24, size: 12,
                        anchor: "middle", fill: "#444444", cssClass: "column-total")
        }
        svg += "<rect x=\"\(left)\" y=\"\(top)\" width=\"\(size)\" height=\"\(size)\" fill=\"none\" stroke=\"#888888\"/>\n"
        svg += legend(y: top + size + 48)
        svg += "</svg>\n"
        return svg
    }

    private static func legend(y: Int) -> String {
        var l = "<g class=\"legend\">\n"
        l += "<rect x=\"\(left)\" y=\"\(y)\" width=\"16\" height=\"16\" fill=\"\(fill(1, of: 1, dark: (52, 84, 122)).fill)\"/>\n"
        l += SVGText.element("keeps the box (diagonal)", x: left + 22, y: y + 13, size: 12, fill: "#333333", cssClass: "legend-text")
        l += "<rect x=\"\(left + 220)\" y=\"\(y)\" width=\"16\" height=\"16\" fill=\"\(fill(1, of: 1, dark: (200, 80, 0)).fill)\"/>\n"
        l += SVGText.element("moves to another box", x: left + 242, y: y + 13, size: 12, fill: "#333333", cssClass: "legend-text")
        l += SVGText.element("Darker: more employees. – = \(ComparisonPage.notPlacedLabel).", x: left, y: y + 36, size: 12,
                  fill: "#333333", cssClass: "legend-text")
        l += "</g>\n"
        return l
    }

    /// The cell's colour: white for nobody, towards `dark` as `count` nears `maximum` (square root, so small counts
    /// still show); the ink is white on dark cells.
    static func fill(_ count: Int, of maximum: Int, dark: (Int, Int, Int)) -> (fill: String, ink: String) {
        guard count > 0, maximum > 0 else { return ("#ffffff", "#1a1a1a") }
        let strength = 0.15 + 0.85 * (Double(count) / Double(maximum)).squareRoot()
        func channel(_ value: Int) -> Int { Int((255 - Double(255 - value) * strength).rounded()) }
        let color = String(format: "#%02x%02x%02x", channel(dark.0), channel(dark.1), channel(dark.2))
        return (color, strength > 0.6 ? "#ffffff" : "#1a1a1a")
    }
}
