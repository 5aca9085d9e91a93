import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Reports
import TestThreads
import Testing

@Suite("Scenario comparison page", .ownThread)
struct ComparisonPageTests {
    /// A matrix whose every cell differs (from × 10 + to + 1), so a swapped row or column shows; the not-placed row
    /// and column are the last.
    static let matrix = (0..<10).map { from in (0..<10).map { to in from * 10 + to + 1 } }

    static func page(matrix: [[Int]] = Self.matrix, provenance: String? = "reconstructed <not checked>") -> ComparisonPage {
        ComparisonPage(
            year: 2026,
            base: .init(label: "official review", ruleSet: "permenpanrb-3-2020/default@1", provenance: nil,
                        referenceDate: "2026-03-31"),
            scenario: .init(label: "scenario preset", ruleSet: "bkn-411-2025/preset@1", provenance: provenance,
                            referenceDate: "2026-03-31"),
            scope: "the city, 2 OPDs", matrix: matrix,
            headline: .init(opdCode: nil, opdName: "", employees: 5050, boxChanged: 4545, poolGained: 3, poolLost: 4,
                            successorsChanged: 2),
            baseOnly: 1, scenarioOnly: 0,
            opds: [.init(opdCode: "A&B", opdName: "Dinas <A>", employees: 5000, boxChanged: 4500, poolGained: 3,
                         poolLost: 4, successorsChanged: 2),
                   .init(opdCode: "C", opdName: "", employees: 50, boxChanged: 45, poolGained: 0, poolLost: 0,
                         successorsChanged: 0)],
            poolChanges: [.init(nip: "198501012010031001", opdCode: "A&B", targetLevel: "PENGAWAS", gained: false,
                                fromBox: "8", toBox: "5", blockers: "BOX")],
            successorChanges: [.init(positionCode: "P-1", opdCode: "A&B", change: "CHANGED",
                                     from: "198501012010031001 (SIAP_SEKARANG)", to: "none")],
            indicatorChanges: [.init(axis: "KINERJA", indicator: "SKP_LATEST", fromMean: "81.20", toMean: "", change: "")])
    }

    static func attribute(_ element: XMLElement, _ name: String) -> String? {
        element.attributes?.first { $0.name == name }?.stringValue
    }

    @Test("largest movements: off the diagonal, most employees first, ties by row then column, at most the limit")
    func largestMovements() {
        var matrix = Array(repeating: Array(repeating: 0, count: 10), count: 10)
        matrix[6][6] = 900  // the diagonal never counts
        matrix[8][4] = 7
        matrix[2][9] = 7
        matrix[9][0] = 12
        matrix[0][1] = 1
        let moves = Self.page(matrix: matrix).largestMovements(limit: 3)
        #expect(moves.map { [$0.from, $0.to, $0.employees] } == [[9, 0, 12], [2, 9, 7], [8, 4, 7]])
        #expect(Self.page(matrix: matrix).largestMovements().count == 4)
        #expect(Self.page(matrix: Array(repeating: Array(repeating: 0, count: 10), count: 10)).largestMovements().isEmpty)
    }

    @Test("the heat map is well-formed SVG with 100 cells at their row and column, each with its count; totals add up")
    func heatMapCells() throws {
        let svg = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + TransitionHeatMapSVG.element(Self.page())
        let root = try #require(try XMLDocument(data: Data(svg.utf8)).rootElement())
        let cells = try root.nodes(forXPath: "//*[local-name()='g'][@class='cell']").compactMap { $0 as? XMLElement }
        #expect(cells.count == 100)
        let labels = ComparisonPage.boxLabels
        #expect(labels == ["1", "2", "3", "4", "5", "6", "7", "8", "9", "–"])
        for cell in cells {
            let from = try #require(labels.firstIndex(of: Self.attribute(cell, "data-from") ?? ""))
            let to = try #require(labels.firstIndex(of: Self.attribute(cell, "data-to") ?? ""))
            #expect(Self.attribute(cell, "data-count") == String(Self.matrix[from][to]))
            let rect = try #require(cell.elements(forName: "rect").first)
            let x = try #require(Int(Self.attribute(rect, "x") ?? ""))
            let y = try #require(Int(Self.attribute(rect, "y") ?? ""))
            #expect(x == 150 + to * 52 && y == 118 + from * 52, "cell \(from),\(to) at \(x),\(y)")
            #expect(cell.stringValue == String(Self.matrix[from][to]))
        }
        let rowTotals = try root.nodes(forXPath: "//*[@class='row-total']").map { $0.stringValue ?? "" }
        let columnTotals = try root.nodes(forXPath: "//*[@class='column-total']").map { $0.stringValue ?? "" }
        #expect(rowTotals == Self.matrix.map { String($0.reduce(0, +)) })
        #expect(columnTotals == (0..<10).map { to in String(Self.matrix.reduce(0) { $0 + $1[to] }) })
    }

    @Test("shades: nobody is white; the diagonal and the movements each darken towards their own largest cell")
    func shades() {
        let svg = TransitionHeatMapSVG.element(Self.page())
        // The largest diagonal cell (not placed → not placed, 100) and the largest movement (100 - 1 = 99) are both
        // at full strength, each in its own colour.
        #expect(svg.contains("data-from=\"–\" data-to=\"–\" data-count=\"100\">\n<rect x=\"618\" y=\"586\" width=\"52\" height=\"52\" fill=\"#34547a\""))
        #expect(svg.contains("data-from=\"–\" data-to=\"9\" data-count=\"99\">\n<rect x=\"566\" y=\"586\" width=\"52\" height=\"52\" fill=\"#c85000\""))
        var sparse = Array(repeating: Array(repeating: 0, count: 10), count: 10)
        sparse[0][0] = 400
        sparse[0][1] = 1
        let faint = TransitionHeatMapSVG.element(Self.page(matrix: sparse))
        #expect(faint.contains("data-from=\"1\" data-to=\"3\" data-count=\"0\">\n<rect x=\"254\" y=\"118\" width=\"52\" height=\"52\" fill=\"#ffffff\""))
        // A lone movement of one is the largest movement: full strength, beside a diagonal of 400.
        #expect(faint.contains("data-from=\"1\" data-to=\"2\" data-count=\"1\">\n<rect x=\"202\" y=\"118\" width=\"52\" height=\"52\" fill=\"#c85000\""))
    }

    @Test("the page: well-formed, both rule sets with the provenance, the largest movements, every table, all text escaped")
    func page() throws {
        let html = ComparisonHTML.document(Self.page())
        let document = try XMLDocument(data: Data(html.utf8))
        let root = try #require(document.rootElement())
        #expect(html.contains("reconstructed &lt;not checked&gt;"))
        #expect(html.contains("Dinas &lt;A&gt; (A&amp;B)"))
        #expect(!html.contains("<A>") && !html.contains("<not checked>"))
        let moves = try root.nodes(forXPath: "//*[local-name()='ol'][@class='movements']/*[local-name()='li']")
            .compactMap { $0 as? XMLElement }
        #expect(moves.count == 10)
        #expect(moves.first?.stringValue == "belum terpetakan (not placed) → kotak 9: 99 employees (2% of those compared)")
        for table in ["sides", "figures", "opds", "pool", "successors", "indicators"] {
            #expect(try !root.nodes(forXPath: "//*[local-name()='table'][@class='\(table)']").isEmpty, "table \(table)")
        }
        let opdRows = try root.nodes(forXPath: "//*[local-name()='table'][@class='opds']/*[local-name()='tr'][@data-opd]")
        #expect(opdRows.count == 2)
        #expect(html.contains("Assessed in the official review only / in the scenario preset only"))
        var one = Array(repeating: Array(repeating: 0, count: 10), count: 10)
        one[0][1] = 1
        #expect(ComparisonHTML.document(Self.page(matrix: one, provenance: nil)).contains("kotak 1 → kotak 2: 1 employee (100% of those compared)"))
    }
}
