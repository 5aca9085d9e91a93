import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Reports
import TestThreads
import Testing

@Suite("HTML building blocks: the completeness page and the employee profile", .ownThread)
struct CompletenessAndProfileTests {
    static func elements(_ node: XMLNode, _ xpath: String) throws -> [XMLElement] {
        try node.nodes(forXPath: xpath).compactMap { $0 as? XMLElement }
    }

    static func attribute(_ element: XMLElement, _ name: String) -> String? {
        NineBoxReportTests.attribute(element, name)
    }

    @Test("completeness: one checklist row and bar per indicator, in order, with shares and counts; collect first as ranked")
    func completenessPage() throws {
        let page = ReportSamples.completeness
        let html = CompletenessHTML.document([page])
        let document = try XMLDocument(data: Data(html.utf8))
        let rows = try Self.elements(document, "//*[local-name()='tr'][@class='indicator']")
        #expect(rows.map { Self.attribute($0, "data-indicator") } == page.indicators.map(\.indicator))
        for (row, indicator) in zip(rows, page.indicators) {
            #expect(Self.attribute(row, "data-missing") == "\(indicator.missing)")
            #expect(Self.attribute(row, "data-no-record") == "\(indicator.noRecord)")
            let share = try Self.elements(row, ".//*[local-name()='td'][contains(@class, 'share')]").first?.stringValue
            #expect(share == String(format: "%.0f%%", Double(indicator.present) * 100 / 312), "\(indicator.indicator)")
            // The bar's segments are the row's shares of 150 pixels.
            for (part, count) in [("present", indicator.present), ("no-record", indicator.noRecord),
                                  ("missing", indicator.missing)] {
                let rect = try Self.elements(row, ".//*[local-name()='rect'][@class='\(part)']").first
                let width = rect.flatMap { Double(Self.attribute($0, "width") ?? "") }
                if count == 0 {
                    #expect(rect == nil)
                } else {
                    #expect(abs((width ?? -1) - Double(count) * 150 / 312) < 0.06, "\(indicator.indicator) \(part)")
                }
            }
        }
        let asesmen = try #require(rows.first { Self.attribute($0, "data-indicator") == "ASESMEN_KOMPETENSI" })
        #expect(asesmen.stringValue?.contains("21%") == true && asesmen.stringValue?.contains("246") == true)
        let ranked = try Self.elements(document, "//*[local-name()='ol'][@class='collect-first']/*[local-name()='li']")
        #expect(ranked.map { Self.attribute($0, "data-indicator") } == page.collectFirst.map(\.indicator))
        #expect(ranked.first.map { Self.attribute($0, "data-indicator") } == "ASESMEN_POTENSI")
        #expect(ranked.first?.stringValue?.contains("200 employees, 25.00 points at stake each (priority 5\u{202F}000)") == true)
        let totals = try #require(try Self.elements(document, "//*[@class='totals']").first)
        #expect(totals.stringValue == "312 employees assessed; 23 (7%) have data for every indicator.")
        #expect(html.contains(ReportSamples.presetNote), "the preset is labelled as reconstructed")
        #expect(try Self.elements(document, "//*[local-name()='h2'][@class='scope']").first?.stringValue
                == "Badan Pengelola Keuangan dan Aset Daerah (BPKAD)")
    }

    @Test("completeness: the city and each OPD are pages of one document; nothing missing says so")
    func completenessPages() throws {
        var city = ReportSamples.completeness
        city.opdCode = nil
        city.title = "Kota Bontang"
        var done = ReportSamples.completeness
        done.opdCode = "DISKOMINFO"
        done.collectFirst = []
        let document = try XMLDocument(data: Data(CompletenessHTML.document([city, ReportSamples.completeness, done]).utf8))
        let pages = try Self.elements(document, "//*[local-name()='section'][@class='page']")
        #expect(pages.map { Self.attribute($0, "data-opd") } == ["", "BPKAD", "DISKOMINFO"])
        #expect(try Self.elements(pages[2], ".//*[@class='collect-first']").first?.stringValue
                == "Nothing to collect: every indicator has data for every employee.")
    }

    @Test("completeness: the records to ask about next (no record) as ranked, and the chase counts when given")
    func askNextAndChase() throws {
        var page = ReportSamples.completeness
        #expect(!CompletenessHTML.document([page]).contains("<ol class=\"ask-next\""), "no list without entries")
        #expect(!CompletenessHTML.document([page]).contains("class=\"chase\""), "no chase counts when not counted")
        page.askNext = page.indicators.filter { $0.noRecord > 0 }
            .map { ($0, $0.pointsAtStake * Double($0.noRecord)) }.sorted { $0.1 > $1.1 }
            .map { row, priority in
                CompletenessPage.Priority(axis: row.axis, indicator: row.indicator, employees: row.noRecord,
                                          pointsAtStake: row.pointsAtStake, priority: priority, action: "Ask.")
            }
        page.withMissing = 289
        page.boxCanChange = 1234
        let document = try XMLDocument(data: Data(CompletenessHTML.document([page]).utf8))
        let asked = try Self.elements(document, "//*[local-name()='ol'][@class='ask-next']/*[local-name()='li']")
        // 271 without an award and 224 without a team decree at 15 points, 62 without courses at 10.
        #expect(asked.map { Self.attribute($0, "data-indicator") } == ["PENGHARGAAN", "PENUGASAN_TIM", "PENGEMBANGAN_KOMPETENSI"])
        #expect(asked.first?.stringValue?.contains("271 employees, 15.00 points at stake each (priority 4\u{202F}065)") == true)
        let chase = try #require(try Self.elements(document, "//*[@class='chase']").first)
        #expect(chase.stringValue == "289 have data missing (the chase list); 1\u{202F}234 could reach another box if the "
                + "missing data scored their best.")
    }

    @Test("profile: the box is marked on the grid, every indicator shows score, weight, weighted, state and its rows")
    func profilePage() throws {
        let profile = ReportSamples.profile
        let html = ProfileHTML.document(profile)
        let document = try XMLDocument(data: Data(html.utf8))
        let cells = try Self.elements(document, "//*[local-name()='table'][@class='grid']//*[local-name()='td']")
        #expect(cells.compactMap { Self.attribute($0, "data-box") } == ["4", "7", "9", "2", "5", "8", "1", "3", "6"])
        #expect(cells.filter { Self.attribute($0, "class") == "box mine" }.compactMap { Self.attribute($0, "data-box") } == ["5"])
        for axis in profile.axes {
            let section = try #require(try Self.elements(document, "//*[local-name()='section'][@data-axis='\(axis.name)']").first)
            let rows = try Self.elements(section, ".//*[local-name()='tr'][@class='indicator']")
            #expect(rows.map { Self.attribute($0, "data-indicator") } == axis.indicators.map(\.name))
            for (row, indicator) in zip(rows, axis.indicators) {
                func cell(_ name: String) throws -> String? {
                    try Self.elements(row, ".//*[local-name()='td'][contains(@class, '\(name)')]").first?.stringValue
                }
                #expect(try cell("score") == indicator.score)
                #expect(try cell("weight") == String(format: "%.0f%%", indicator.weight))
                #expect(try cell("weighted") == indicator.weighted)
                let evidence = try Self.elements(row, ".//*[@class='evidence']").map { $0.stringValue ?? "" }
                #expect(evidence == (indicator.evidence.isEmpty ? ["no row"] : indicator.evidence))
                #expect(try Self.elements(row, ".//*[contains(@class, 'state-\(indicator.state)')]").count == 1)
            }
        }
        let missing = try Self.elements(document, "//*[local-name()='section'][@class='missing']//*[local-name()='li']")
        #expect(missing.map { Self.attribute($0, "data-indicator") } == ["ASESMEN_POTENSI", "UMPAN_BALIK_360", "KESESUAIAN_BIDANG"],
                "most points at stake first")
        let flags = try Self.elements(document, "//*[@data-flag]").map { Self.attribute($0, "data-flag") }
        #expect(flags == profile.flags.map(\.code))
        #expect(html.contains(profile.fingerprint) && html.contains("bkn-411-2025/preset@1"))
        #expect(html.contains(ReportSamples.presetNote))
        #expect(html.contains("Siti Contoh, S.E."))
    }

    @Test("profile: the best box the missing data could give, or that they cannot change the box; nothing when unknown")
    func profileBestBox() throws {
        var profile = ReportSamples.profile
        #expect(!ProfileHTML.document(profile).contains("data-best-box"))
        profile.bestBox = 8
        #expect(ProfileHTML.document(profile).contains(
            "<p class=\"best-box\" data-best-box=\"8\">With the missing data at their best: kotak 8</p>"))
        profile.bestBox = profile.box
        #expect(ProfileHTML.document(profile).contains(
            "<p class=\"best-box\" data-best-box=\"5\">The missing data cannot change your box</p>"))
    }

    @Test("profile: a reader's copy has no name; an employee not placed has no marked box and says why")
    func profileWithoutNameOrBox() throws {
        var profile = ReportSamples.profile
        profile.name = nil
        profile.box = nil
        profile.notPlacedReason = "No valid SKP in 2022 … 2025 (NO_KINERJA)"
        let html = ProfileHTML.document(profile)
        let document = try XMLDocument(data: Data(html.utf8))
        #expect(!html.contains("Siti Contoh"))
        #expect(try Self.elements(document, "//*[local-name()='td'][@class='box mine']").isEmpty)
        #expect(html.contains("Not placed (belum terpetakan)") && html.contains("(NO_KINERJA)"))
    }

    @Test("every text is escaped: a hostile name, indicator or evidence line stays text")
    func escaping() throws {
        let hostile = "<script>alert('x')</script> & \"q\""
        var profile = ReportSamples.profile
        profile.name = hostile
        profile.axes[0].indicators[0].evidence = [hostile]
        profile.axes[0].indicators[0].state = hostile
        profile.flags = [EmployeeProfile.Flag(code: hostile, words: hostile)]
        var page = ReportSamples.completeness
        page.title = hostile
        page.indicators[0].indicator = hostile
        page.collectFirst[0].action = hostile
        for html in [ProfileHTML.document(profile), CompletenessHTML.document([page])] {
            #expect(!html.contains("<script>"))
            let document = try XMLDocument(data: Data(html.utf8))
            #expect(try document.nodes(forXPath: "//*[local-name()='script']").isEmpty)
            let text = try #require(document.rootElement()?.stringValue)
            #expect(text.contains(hostile))
        }
    }

    @Test("the sample pages (and an SVG grid of a long OPD name) are written for scripts/html-screenshot.sh when TALENTA_HTML_SAMPLES names a folder")
    func samples() throws {
        let completeness = CompletenessHTML.document([ReportSamples.completeness])
        let profile = ProfileHTML.document(ReportSamples.profile)
        _ = try XMLDocument(data: Data(completeness.utf8))
        _ = try XMLDocument(data: Data(profile.utf8))
        guard let folder = ProcessInfo.processInfo.environment["TALENTA_HTML_SAMPLES"] else { return }
        let url = URL(fileURLWithPath: folder, isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try Data(completeness.utf8).write(to: url.appendingPathComponent("completeness.html"))
        try Data(profile.utf8).write(to: url.appendingPathComponent("profile.html"))
        let longName = NineBoxReport.Section(
            opdCode: "DPMPTSP", title: "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kota Bontang",
            counts: NineBoxReportTests.counts)
        try Data(NineBoxSVG.document(year: 2026, ruleSet: NineBoxReportTests.rules, section: longName).utf8)
            .write(to: url.appendingPathComponent("nine-box-long-name.svg"))
    }
}
