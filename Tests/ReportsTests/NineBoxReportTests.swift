import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Reports
import Talent
import TestThreads
import Testing

@Suite("Nine-box report rendering", .ownThread)
struct NineBoxReportTests {
    /// Counts that differ in every box, so a swapped cell shows.
    static let counts = NineBoxCounts(
        boxes: [1: 11, 2: 22, 3: 33, 4: 44, 5: 55, 6: 66, 7: 77, 8: 88, 9: 99], notPlaced: 7)

    static let rules = NineBoxReport.RuleSetLabel(id: "permenpanrb-3-2020/default@1", provenance: nil)
    static let preset = NineBoxReport.RuleSetLabel(
        id: "bkn-411-2025/preset@1",
        provenance: "reconstructed from public implementations of Kepka BKN 411/2025; not checked against its Lampiran")

    @Test("the SVG and the HTML name the rule set, and the preset's provenance (issue 15: wherever a user sees it)")
    func ruleSetLabel() throws {
        let svg = NineBoxSVG.document(year: 2026, ruleSet: Self.preset, section: Self.section(nil, "Kota", Self.counts))
        let root = try #require(try XMLDocument(data: Data(svg.utf8)).rootElement())
        let label = try root.nodes(forXPath: "//*[local-name()='text'][@class='rule-set']").map { $0.stringValue ?? "" }
        #expect(label == ["Rule set bkn-411-2025/preset@1 (reconstructed from public implementations of Kepka BKN "
                          + "411/2025; not checked against its Lampiran)"])
        let html = NineBoxHTML.document(NineBoxReport(year: 2026, ruleSet: Self.preset,
                                                      summary: Self.section(nil, "Kota", Self.counts), opds: []))
        #expect(html.contains("<p class=\"rule-set\">Rule set bkn-411-2025/preset@1 (reconstructed from public"))
        let plain = NineBoxSVG.document(year: 2026, ruleSet: Self.rules, section: Self.section(nil, "Kota", Self.counts))
        #expect(plain.contains(">Rule set permenpanrb-3-2020/default@1</text>"))
    }

    static func section(_ code: String?, _ title: String, _ counts: NineBoxCounts) -> NineBoxReport.Section {
        NineBoxReport.Section(opdCode: code, title: title, counts: counts)
    }

    @Test("the layout is the regulation's: each box sits at its kinerja row and potensi column")
    func layoutMatchesTheTalentRules() {
        let kinerjaTopDown: [KinerjaLevel] = [.atas, .sesuai, .bawah]
        let potensiLeftRight: [PotensiLevel] = [.rendah, .menengah, .tinggi]
        for (row, kinerja) in kinerjaTopDown.enumerated() {
            #expect(NineBoxLayout.kinerjaRows[row] == kinerja.rawValue)
            for (column, potensi) in potensiLeftRight.enumerated() {
                #expect(NineBoxLayout.potensiColumns[column] == potensi.rawValue)
                #expect(NineBoxLayout.rows[row][column] == Box(kinerja: kinerja, potensi: potensi).number)
            }
        }
    }

    @Test("the SVG is well-formed XML with nine cells in the right places and the right numbers")
    func svgCells() throws {
        let svg = NineBoxSVG.document(year: 2026, ruleSet: Self.rules, section: Self.section(nil, "Kota Contoh", Self.counts))
        let document = try XMLDocument(data: Data(svg.utf8))
        let root = try #require(document.rootElement())
        #expect(root.name == "svg")
        let cells = try root.nodes(forXPath: "//*[local-name()='g'][@class='box']").compactMap { $0 as? XMLElement }
        #expect(cells.count == 9)
        var seen = Set<Int>()
        for cell in cells {
            let box = try #require(Int(Self.attribute(cell, "data-box") ?? ""))
            let row = try #require(Int(Self.attribute(cell, "data-row") ?? ""))
            let column = try #require(Int(Self.attribute(cell, "data-column") ?? ""))
            seen.insert(box)
            #expect(NineBoxLayout.rows[row][column] == box)
            // Drawn where its row and column say: higher rows above, later columns to the right.
            let rect = try #require(cell.elements(forName: "rect").first)
            let x = try #require(Int(Self.attribute(rect, "x") ?? ""))
            let y = try #require(Int(Self.attribute(rect, "y") ?? ""))
            let width = try #require(Int(Self.attribute(rect, "width") ?? ""))
            let height = try #require(Int(Self.attribute(rect, "height") ?? ""))
            #expect(x == cells.compactMap { Self.int($0, "x") }.min()! + column * width)
            #expect(y == cells.compactMap { Self.int($0, "y") }.min()! + row * height)
            let texts = Self.texts(cell)
            #expect(texts["box-number"] == ["Kotak \(box)"])
            #expect(texts["count"] == ["\(Self.counts.count(inBox: box))"])
        }
        #expect(seen == Set(1...9))
        let notPlaced = try #require(try root.nodes(forXPath: "//*[@class='not-placed']").first as? XMLElement)
        #expect(Self.attribute(notPlaced, "data-count") == "7")
        #expect(Self.texts(notPlaced)["count"] == ["7"])
        // Axis labels: potensi left to right, kinerja top to bottom.
        let potensi = try root.nodes(forXPath: "//*[@class='potensi-level']").map { $0.stringValue ?? "" }
        let kinerja = try root.nodes(forXPath: "//*[@class='kinerja-level']").map { $0.stringValue ?? "" }
        #expect(potensi == ["RENDAH", "MENENGAH", "TINGGI"])
        #expect(kinerja == ["ATAS", "SESUAI", "BAWAH"])
        #expect(svg.contains("502 assessed, 495 placed"))
    }

    @Test("text is escaped: a hostile title or name stays text")
    func escaping() throws {
        var counts = Self.counts
        counts.people = [9: [ReportPerson(nip: "1990", name: "A <b>&\"'</b> Z")]]
        let svg = NineBoxSVG.document(year: 2026, ruleSet: Self.rules, section: Self.section("X&Y", "<script>alert(1)</script>", counts))
        let document = try XMLDocument(data: Data(svg.utf8))
        #expect(!svg.contains("<script>"))
        let title = try document.nodes(forXPath: "//*[@class='title']").first?.stringValue
        #expect(title == "Talent review 2026: <script>alert(1)</script> (X&Y)")
        let person = try document.nodes(forXPath: "//*[@class='person']").first?.stringValue
        #expect(person == "A <b>&\"'</b> Z (1990)")
    }

    @Test("a long OPD name is cut in the SVG title, its code never")
    func longNameKeepsCode() throws {
        let name = "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kota Bontang Provinsi Kalimantan Timur"
        for code in ["DPMPTSP", "DINAS-PENANAMAN-MODAL-PTSP"] {
            let svg = NineBoxSVG.document(year: 2026, ruleSet: Self.rules, section: Self.section(code, name, Self.counts))
            let document = try XMLDocument(data: Data(svg.utf8))
            let title = try #require(try document.nodes(forXPath: "//*[@class='title']").first?.stringValue)
            #expect(title.hasSuffix("… (\(code))"), "\(title)")
            #expect(title.hasPrefix("Talent review 2026: Dinas Penanaman"))
            #expect(title.count == 68, "\(title.count): \(title)")
        }
        let short = NineBoxSVG.document(year: 2026, ruleSet: Self.rules, section: Self.section("BPKAD", "Badan Keuangan", Self.counts))
        #expect(short.contains(">Talent review 2026: Badan Keuangan (BPKAD)</text>"))
        let codeOnly = NineBoxSVG.document(year: 2026, ruleSet: Self.rules, section: Self.section("BPKAD", "BPKAD", Self.counts))
        #expect(codeOnly.contains(">Talent review 2026: BPKAD</text>"))
        let city = NineBoxSVG.document(year: 2026, ruleSet: Self.rules, section: Self.section(nil, String(repeating: "Kota ", count: 20), Self.counts))
        #expect(try XMLDocument(data: Data(city.utf8)).nodes(forXPath: "//*[@class='title']").first?.stringValue?.count == 68)
    }

    @Test("HTML: a summary, then one section per OPD with its own grid and counts; no names unless given")
    func htmlSections() throws {
        let opds = [
            Self.section("BPKAD", "Badan Keuangan", NineBoxCounts(boxes: [9: 3, 1: 2], notPlaced: 1)),
            Self.section("DISKOMINFO", "", NineBoxCounts(boxes: [5: 10], notPlaced: 0)),
            Self.section("SETDA", "Sekretariat Daerah", NineBoxCounts(boxes: [7: 4, 8: 1], notPlaced: 2)),
        ]
        let city = opds.reduce(NineBoxCounts(boxes: [:], notPlaced: 0)) { $0 + $1.counts }
        let report = NineBoxReport(year: 2026, ruleSet: Self.rules, summary: Self.section(nil, "City", city), opds: opds)
        let html = NineBoxHTML.document(report)
        let document = try XMLDocument(data: Data(html.utf8))
        let sections = try document.nodes(forXPath: "//*[local-name()='section'][@class='opd']")
            .compactMap { $0 as? XMLElement }
        #expect(sections.map { Self.attribute($0, "data-opd") } == ["BPKAD", "DISKOMINFO", "SETDA"])
        let headings = try document.nodes(forXPath: "//*[local-name()='section'][@class='opd']/*[local-name()='h2']")
        #expect(headings.map { $0.stringValue ?? "" } == ["Badan Keuangan (BPKAD)", "DISKOMINFO", "Sekretariat Daerah (SETDA)"])
        for (section, opd) in zip(sections, opds) {
            let grids = section.elements(forName: "svg")
            #expect(grids.count == 1)
            for box in 1...9 {
                let cell = try #require(try section.nodes(forXPath: ".//*[@data-box='\(box)']").first as? XMLElement)
                #expect(Self.texts(cell)["count"] == ["\(opd.counts.count(inBox: box))"])
            }
        }
        let summaryBox9 = try #require(
            try document.nodes(forXPath: "//*[local-name()='section'][@class='summary']//*[@data-box='9']").first
                as? XMLElement)
        #expect(Self.texts(summaryBox9)["count"] == ["3"])
        #expect(try document.nodes(forXPath: "//*[local-name()='table'][@class='people']").isEmpty)
        #expect(try document.nodes(forXPath: "//*[@class='person']").isEmpty)
    }

    @Test("names appear only when the report carries them")
    func namesOnlyWhenAsked() throws {
        let person = ReportPerson(nip: "198501012010031001", name: "Siti Contoh")
        let withNames = NineBoxCounts(boxes: [9: 1], notPlaced: 0, people: [9: [person]])
        let withoutNames = NineBoxCounts(boxes: [9: 1], notPlaced: 0)
        for (counts, shows) in [(withNames, true), (withoutNames, false)] {
            let opd = Self.section("BPKAD", "BPKAD", counts)
            let html = NineBoxHTML.document(NineBoxReport(year: 2026, ruleSet: Self.rules, summary: Self.section(nil, "City", counts), opds: [opd]))
            let svg = NineBoxSVG.document(year: 2026, ruleSet: Self.rules, section: opd)
            #expect(html.contains("Siti Contoh") == shows)
            #expect(svg.contains("Siti Contoh") == shows)
            #expect(html.contains(person.nip) == shows)
            _ = try XMLDocument(data: Data(html.utf8))
        }
    }

    @Test("a full cell lists the first people and how many more")
    func crowdedCell() throws {
        let people = (0..<20).map { ReportPerson(nip: String(format: "1990010120150310%02d", $0), name: "Person \($0)") }
        let counts = NineBoxCounts(boxes: [5: 25], notPlaced: 0, people: [5: people])
        let document = try XMLDocument(data: Data(NineBoxSVG.document(year: 2026, ruleSet: Self.rules, section: Self.section(nil, "C", counts)).utf8))
        let cell = try #require(try document.nodes(forXPath: "//*[@data-box='5']").first as? XMLElement)
        #expect(Self.texts(cell)["person"]?.count == NineBoxSVG.maxPeoplePerCell)
        #expect(Self.texts(cell)["more"] == ["+ \(25 - NineBoxSVG.maxPeoplePerCell) more"])
        #expect(Self.texts(cell)["count"] == ["25"])
    }

    /// The text of each `<text>` under `element`, by class.
    static func texts(_ element: XMLElement) -> [String: [String]] {
        var texts = [String: [String]]()
        for case let text as XMLElement in (try? element.nodes(forXPath: ".//*[local-name()='text']")) ?? [] {
            texts[Self.attribute(text, "class") ?? "", default: []].append(text.stringValue ?? "")
        }
        return texts
    }

    static func int(_ cell: XMLElement, _ name: String) -> Int? {
        cell.elements(forName: "rect").first.flatMap { Int(attribute($0, name) ?? "") }
    }

    /// An attribute's value, looked up by name among the element's attributes (FoundationXML's
    /// `attribute(forName:)` misses attributes of elements in a default namespace, as SVG's are).
    static func attribute(_ element: XMLElement, _ name: String) -> String? {
        element.attributes?.first { $0.name == name }?.stringValue
    }
}
