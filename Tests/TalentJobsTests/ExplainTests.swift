import Foundation
import Postgres
import PostgresTestSupport
import SwiftCSV
import Talent
import TalentStore
import TestThreads
import Testing

/// Issue 16's "why this box?": `talenta explain` and the views `talent.explanation` and
/// `talent.explanation_indicator` (sql/0021) on a reviewed golden set.
@Suite("Why this box? talenta explain and the explanation views", .serialized, .ownThread)
struct ExplainTests {
    /// indicators.csv's fields of one explanation: nip, axis, indicator, score (2 decimals), weight, weighted (4).
    static func indicatorRows(_ explanation: EmployeeExplanation) -> [[String]] {
        explanation.indicators.map { row in
            [explanation.nip, row.axis, row.indicator, row.score.map { fixed($0, 2) } ?? "", row.weight.description,
             row.weighted.map { fixed($0, 4) } ?? ""]
        }
    }

    static func fixed(_ value: Decimal, _ places: Int) -> String {
        String(format: "%.\(places)f", NSDecimalNumber(decimal: value).doubleValue)
    }

    /// The expected indicators.csv of a golden set, grouped by NIP, rows in file order.
    static func expectedIndicators(_ expected: URL) throws -> [String: [[String]]] {
        let csv = try EnumeratedCSV(url: expected.appendingPathComponent("indicators.csv"), delimiter: .comma,
                                    loadColumns: false)
        #expect(csv.header == ["nip", "axis", "indicator", "score", "weight", "weighted"])
        return Dictionary(grouping: csv.rows, by: { $0[0] })
    }

    /// Every employee's explain rows against indicators.csv; the differences, empty when none.
    static func compareIndicators(year: Int, expected: [String: [[String]]], on connection: Connection) throws
        -> [String]
    {
        var differences = [String]()
        for (nip, rows) in expected.sorted(by: { $0.key < $1.key }) {
            let explanation = try ExplanationReader.read(year: year, nip: nip, withName: false, on: connection)
            let actual = indicatorRows(explanation)
            if actual != rows { differences.append("\(nip): explain \(actual), indicators.csv \(rows)") }
            if explanation.explanationVersion != 3 { differences.append("\(nip): version \(explanation.explanationVersion)") }
        }
        return differences
    }

    struct GoldenRun: Sendable {
        var differences: [String]
        var employees: Int
        var json: EmployeeExplanation?
        var fromReader: EmployeeExplanation?
        var text: String
        var textStatus: Int32
        var html: String
        var unplacedJSON: String
        var unknown: (status: Int32, errors: String)
        var badNIP: Int32
        var fallbacks: [String]
        var flagsWithoutWords: [String]
    }

    /// What the test below looks at, gathered on the test's own thread (the suite is `.ownThread`).
    static func goldenRun() throws -> GoldenRun {
        let (database, connection, _) = try AssessmentJobTests.reviewedGolden()
        defer { database.drop() }
        defer { connection.close() }
        let expected = try Self.expectedIndicators(ReviewTestKit.goldenExpected)
        let differences = try Self.compareIndicators(year: 2026, expected: expected, on: connection)

        // The command prints the same content as the reader returns: a placed employee with a capped potensi.
        let nip = "196705201992031001"
        let json = try TalentaCommand.run(["explain", "--database-url", database.url, "--year", "2026",
                                           "--nip", nip, "--json"])
        let decoded = try? JSONDecoder().decode(EmployeeExplanation.self, from: Data(json.output.utf8))
        let fromReader = try ExplanationReader.read(year: 2026, nip: nip, withName: false, on: connection)
        let text = try TalentaCommand.run(["explain", "--database-url", database.url, "--year", "2026", "--nip", nip])
        let folder = try ReviewTestKit.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("profile.html")
        let html = try TalentaCommand.run(["explain", "--database-url", database.url, "--year", "2026", "--nip", nip,
                                           "--out", page.path])
        #expect(html.status == 0, "\(html.errors)")
        // An employee not placed (NO_KINERJA): box and the SKP scores are null, never left out.
        let unplaced: String = try ReviewTestKit.scalar(
            "SELECT nip FROM talent.assessment_result WHERE reason = 'NO_KINERJA' ORDER BY nip LIMIT 1", on: connection)
        let unplacedJSON = try TalentaCommand.run(["explain", "--database-url", database.url, "--year", "2026",
                                                   "--nip", unplaced, "--json"]).output
        let unknown = try TalentaCommand.run(["explain", "--database-url", database.url, "--year", "2026",
                                              "--nip", "199901012020011001"])
        let bad = try TalentaCommand.run(["explain", "--database-url", database.url, "--year", "2026", "--nip", "12345"])
        // Every row an indicator counted has words (no evidence printed as its raw JSON) and every flag too.
        let fallbacks = try ReviewTestKit.snapshot("""
            SELECT nip || ' ' || indicator || ': ' || line FROM talent.explanation_indicator,
                   unnest(evidence || parts) AS line
             WHERE line LIKE '%["%' OR line LIKE '%[[%'
            """, on: connection)
        let flagsWithoutWords = try PlacementFlag.allCases.map(\.rawValue).filter { flag in
            let words: String = try ReviewTestKit.scalar("SELECT talent.explanation_flag($1)", [flag], on: connection)
            return words.hasSuffix("see DOMAIN.md")
        }
        return GoldenRun(
            differences: differences, employees: expected.count, json: decoded, fromReader: fromReader,
            text: text.output, textStatus: text.status,
            html: (try? String(contentsOf: page, encoding: .utf8)) ?? "", unplacedJSON: unplacedJSON,
            unknown: (unknown.status, unknown.errors), badNIP: bad.status, fallbacks: fallbacks,
            flagsWithoutWords: flagsWithoutWords)
    }

    @Test("explain's indicator rows equal indicators.csv for every employee of the golden set; text, JSON and the profile page")
    func goldenDefault() throws {
        let run = try Self.goldenRun()
        #expect(run.employees == 65)
        #expect(run.differences.isEmpty, "\(run.differences.joined(separator: "\n"))")
        #expect(run.json != nil && run.json == run.fromReader, "explain --json differs from the views' rows")
        #expect(run.fallbacks.isEmpty, "evidence without words: \(run.fallbacks)")
        #expect(run.flagsWithoutWords.isEmpty, "flags without words: \(run.flagsWithoutWords)")

        // The text an HR officer reads (golden CASES.md: KOM-001's head, no assessment, potensi capped at MENENGAH).
        #expect(run.textStatus == 0)
        #expect(run.text.hasPrefix("Why this box? Talent review (manajemen talenta) 2026, NIP 196705201992031001 "
                                   + "(employee id "))
        for line in [
            "Box (kotak) 5: kinerja (performance) SESUAI, potensi (potential) MENENGAH",
            "KINERJA (performance): score 80.00, level SESUAI (ATAS from 90.00, SESUAI from 70.00, BAWAH below)",
            "    80.00 × 60% = 48.0000 · data PRESENT · years 2022 … 2025",
            "    from: SKP 2025: BAIK",
            "  The score alone gives TINGGI; at most MENENGAH without ASESMEN (cap).",
            "    no value, weight 0% · data MISSING (TANPA_ASESMEN) · 2023-04-01 … 2026-03-31",
            "      - PENDIDIKAN: 90.00 × 20% (PRESENT); up to 2026-03-31: education (pendidikan) S2, graduated 2008-03-15",
            // Points at stake (sql/0020): (best 100 - none) x 67, the weight ASESMEN carries with a value (case A_RJ).
            "  ASESMEN (POTENSI): missing, 67.00 points at stake; the competency assessment (asesmen kompetensi), "
                + "2023-04-01 … 2026-03-31",
            // With ASESMEN at 100: 0.67 x 100 + 0.33 x 92 = 97.36 TINGGI and no cap; kinerja SESUAI: kotak 8.
            "Best box reachable if the missing data scored their best: kotak 8.",
            "  TANPA_ASESMEN: no valid competency assessment (tanpa asesmen kompetensi) in its window",
            "  BUP: 1 full years to the BUP birthday 2027-05-20, minimum 4",
            "Rule set permenpanrb-3-2020/default@1",
        ] {
            #expect(run.text.contains(line + "\n"), "explain's text lacks \"\(line)\":\n\(run.text)")
        }
        #expect(!run.text.contains("Name:"), "a name without --names")
        // The profile page: the box outlined, each indicator with its state, the flag in words, no name.
        #expect(run.html.contains("data-nip=\"196705201992031001\" data-box=\"5\""))
        #expect(run.html.contains("<td class=\"box mine\" data-box=\"5\""))
        #expect(run.html.contains("data-indicator=\"ASESMEN\"") && run.html.contains("state-MISSING"))
        #expect(run.html.contains("<strong>TANPA_ASESMEN</strong>: no valid competency assessment"))
        #expect(!run.html.contains("Kaa Nanimar"), "the profile names the employee without --names")

        let unplaced = try JSONSerialization.jsonObject(with: Data(run.unplacedJSON.utf8)) as? [String: Any]
        #expect(unplaced?["box"] is NSNull, "an unplaced employee's box is null: \(run.unplacedJSON.prefix(300))")
        let indicators = unplaced?["indicators"] as? [[String: Any]] ?? []
        #expect(indicators.first?["indicator"] as? String == "SKP_LATEST")
        #expect(indicators.first?["score"] is NSNull && indicators.first?["state"] as? String == "MISSING")
        #expect(indicators.allSatisfy { Set($0.keys).isSuperset(of: ["axis", "indicator", "score", "weight"]) })
        #expect((unplaced?["reason"] as? String)?.hasPrefix("NO_KINERJA: not placed (belum terpetakan)") == true)

        #expect(run.unknown.status == 1)
        #expect(run.unknown.errors.contains("NIP 199901012020011001 has no result in the 2026 review"), "\(run.unknown.errors)")
        #expect(run.badNIP == 64, "an invalid NIP is a usage error")
    }

    struct OldRun: Sendable {
        var view: [String]
        var current: [String]
        var indicatorRows: Int
        var text: String
        var status: Int32
        var json: EmployeeExplanation?
    }

    /// What the test below looks at, gathered on the test's own thread (the suite is `.ownThread`).
    static func versionTwoRun() throws -> OldRun {
        let (database, connection, _) = try AssessmentJobTests.reviewedGolden()
        defer { database.drop() }
        defer { connection.close() }
        let nip = "196705201992031001"
        let pinned = try String(contentsOf: TestDatabase.repositoryRoot
            .appendingPathComponent("Tests/Fixtures/pinned/golden-stored-results-v2.jsonl"), encoding: .utf8)
        let line = try #require(pinned.split(separator: "\n").first { $0.contains("\"nip\": \"\(nip)\"") })
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        let old = try #require(object["explanation"] as? String)
        let columns = """
            SELECT box, kinerja_score, kinerja_level, kinerja_level_from_score, kinerja_high_minimum,
                   kinerja_middle_minimum, kinerja_weight_case, kinerja_adjustments, potensi_score, potensi_level,
                   potensi_level_from_score, potensi_high_minimum, potensi_middle_minimum, potensi_weight_case,
                   potensi_adjustments, flags, flag_words, pool_blockers, position_code, opd_code
              FROM talent.explanation WHERE nip = $1
            """
        let current = try ReviewTestKit.snapshot(columns, [nip], on: connection)
        try connection.execute("UPDATE talent.assessment_result SET explanation = $1::jsonb WHERE nip = $2", [old, nip])
        let view = try ReviewTestKit.snapshot(columns, [nip], on: connection)
        let rows: Int = try ReviewTestKit.scalar(
            "SELECT count(*) FROM talent.explanation_indicator WHERE nip = $1", [nip], on: connection)
        let text = try TalentaCommand.run(["explain", "--database-url", database.url, "--year", "2026", "--nip", nip])
        let json = try TalentaCommand.run(["explain", "--database-url", database.url, "--year", "2026", "--nip", nip,
                                           "--json"])
        return OldRun(view: view, current: current, indicatorRows: rows, text: text.output, status: text.status,
                      json: try? JSONDecoder().decode(EmployeeExplanation.self, from: Data(json.output.utf8)))
    }

    @Test("a result stored before migration 0017 (explanation version 2) is shown without indicators, with how to recalculate")
    func versionTwo() throws {
        let run = try Self.versionTwoRun()
        // The version-2 JSON gives the view the same box, scores, levels, cut-offs, weighting and cap as version 3.
        #expect(run.view == run.current && run.view.count == 1, "version 2: \(run.view)\nversion 3: \(run.current)")
        #expect(run.indicatorRows == 0)
        #expect(run.status == 0, "\(run.text)")
        #expect(run.text.contains("This result was stored before per-indicator explanations (explanation version 2, "
                                  + "before migration 0017):\n"), "\(run.text)")
        #expect(run.text.contains("SELECT queue.enqueue('recalculation', '{\"year\": 2026, \"scope\": {\"nip\": "
                                  + "\"196705201992031001\"}}');"))
        #expect(run.text.contains("Box (kotak) 5: kinerja (performance) SESUAI, potensi (potential) MENENGAH\n"))
        #expect(run.json?.explanationVersion == 2 && run.json?.indicators.isEmpty == true)
    }
}
