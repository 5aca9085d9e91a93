import Foundation
import Postgres
import PostgresTestSupport
import SwiftCSV
import TalentStore
import TestThreads
import Testing

/// Issue 16's kelengkapan data (data completeness) on the golden-411 set reviewed under the BKN 411/2025 preset:
/// the views of sql/0021, `talenta completeness` and `talenta explain` against the expected files and hand-worked
/// employees of golden-411's CASES.md.
@Suite("Kelengkapan data: completeness views and command on golden-411", .serialized, .ownThread)
struct CompletenessTests {
    static let golden411 = TestDatabase.repositoryRoot.appendingPathComponent("Tests/Fixtures/golden-411")

    /// golden-411 imported, and its 2026 review run under the preset by plain SQL and an in-process worker.
    static func reviewedGolden411() throws -> (TestDatabase, Connection) {
        let database = try TestDatabase.create()
        let connection = try database.connect()
        try FolderImport.run(golden411.appendingPathComponent("input"), on: connection)
        try ReviewTestKit.enqueueBySQL("annual_review", """
            {"year": 2026, "reference_date": "2026-03-31", "rule_set": "bkn-411-2025/preset@1"}
            """, on: connection)
        try ReviewTestKit.drain(database)
        return (database, connection)
    }

    /// The missing-data flag (or reason) of each preset indicator that has one (DOMAIN.md §12.4-12.6).
    static let flagOfIndicator = [
        "SKP": "NO_KINERJA", "UMPAN_BALIK_360": "TANPA_UMPAN_BALIK_360", "ASESMEN_KOMPETENSI": "TANPA_ASESMEN",
        "ASESMEN_POTENSI": "TANPA_ASESMEN_POTENSI", "PENDIDIKAN": "TANPA_PENDIDIKAN",
        "KESESUAIAN_BIDANG": "BIDANG_ILMU_BELUM_DINILAI",
    ]

    /// What the test below looks at, gathered on the test's own thread (the suite is `.ownThread`).
    static func goldenDefaultCounts() throws -> ([String: Int], [String: Int]) {
        let (database, connection, _) = try AssessmentJobTests.reviewedGolden()
        defer { database.drop() }
        defer { connection.close() }
        var missing = [String: Int]()
        for row in try connection.execute(
            "SELECT indicator, missing FROM talent.completeness_indicator WHERE year = 2026 AND city_wide").rows {
            missing[try row.decode("indicator")] = try row.decode("missing", as: Int.self)
        }
        let placements = try EnumeratedCSV(url: ReviewTestKit.goldenExpected.appendingPathComponent("placements.csv"),
                                           delimiter: .comma, loadColumns: false)
        let flagsColumn = try #require(placements.header.firstIndex(of: "flags"))
        let reasonColumn = try #require(placements.header.firstIndex(of: "reason"))
        var flags = [String: Int]()
        for row in placements.rows {
            for flag in row[flagsColumn].split(separator: ";") + [Substring(row[reasonColumn])] where !flag.isEmpty {
                flags[String(flag), default: 0] += 1
            }
        }
        return (missing, flags)
    }

    @Test("under the default rule set: SKP_LATEST is MISSING for NO_KINERJA, SKP_PREVIOUS also for KINERJA_PARTIAL, ASESMEN for TANPA_ASESMEN")
    func goldenDefault() throws {
        let (missing, flags) = try Self.goldenDefaultCounts()
        let unplaced = flags["NO_KINERJA"] ?? 0
        #expect(unplaced > 0 && (flags["KINERJA_PARTIAL"] ?? 0) > 0 && (flags["TANPA_ASESMEN"] ?? 0) > 0)
        #expect(missing["SKP_LATEST"] == unplaced)
        #expect(missing["SKP_PREVIOUS"] == unplaced + (flags["KINERJA_PARTIAL"] ?? 0))
        #expect(missing["ASESMEN"] == flags["TANPA_ASESMEN"])
        // The track record and the committee score are never MISSING: no record is their only gap.
        #expect(missing["REKAM_JEJAK"] == 0 && missing["PERTIMBANGAN_LAINNYA"] == 0)
    }

    struct Run: Sendable {
        var cityMissing: [String: Int]
        var opdMissingSums: [String: Int]
        var csvMissing: [String: Int]
        var csvHeader: [String]
        var csvRows: Int
        var expectedFlags: [String: Int]
        var employees: Int
        var explainDifferences: [String]
        var hand: [String: [String]]
        var bestBoxes: [String: String]
        var chase: [String]
        var chaseNIPs: [String]
        var unplaced: [String]
        var provenance: [String]
        var html: String
        var htmlPages: Int
        var profile: String
        var unknownOPD: (status: Int32, errors: String)
        var chaseHTML: Int32
    }

    /// What the test below looks at, gathered on the test's own thread (the suite is `.ownThread`).
    static func golden411Run() throws -> Run {
        let (database, connection) = try Self.reviewedGolden411()
        defer { database.drop() }
        defer { connection.close() }

        // The expected placements: how many carry each flag (NO_KINERJA is the reason of the unplaced).
        let placements = try EnumeratedCSV(
            url: Self.golden411.appendingPathComponent("expected/placements.csv"), delimiter: .comma,
            loadColumns: false)
        let flagsColumn = try #require(placements.header.firstIndex(of: "flags"))
        let reasonColumn = try #require(placements.header.firstIndex(of: "reason"))
        var expectedFlags = [String: Int]()
        for row in placements.rows {
            for flag in row[flagsColumn].split(separator: ";") + [Substring(row[reasonColumn])] where !flag.isEmpty {
                expectedFlags[String(flag), default: 0] += 1
            }
        }

        var cityMissing = [String: Int]()
        for row in try connection.execute("""
            SELECT indicator, missing FROM talent.completeness_indicator WHERE year = 2026 AND city_wide
            """).rows {
            cityMissing[try row.decode("indicator")] = try row.decode("missing", as: Int.self)
        }
        var opdMissingSums = [String: Int]()
        for row in try connection.execute("""
            SELECT indicator, sum(missing)::integer AS missing FROM talent.completeness_indicator
             WHERE year = 2026 AND NOT city_wide GROUP BY indicator
            """).rows {
            opdMissingSums[try row.decode("indicator")] = try row.decode("missing", as: Int.self)
        }

        // The command's CSV: one row per employee and indicator.
        let folder = try ReviewTestKit.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let csvFile = folder.appendingPathComponent("kelengkapan.csv")
        let written = try TalentaCommand.run(["completeness", "--database-url", database.url, "--year", "2026",
                                              "--out", csvFile.path])
        #expect(written.status == 0, "\(written.errors)")
        let csv = try EnumeratedCSV(url: csvFile, delimiter: .comma, loadColumns: false)
        var csvMissing = [String: Int]()
        let stateColumn = try #require(csv.header.firstIndex(of: "state"))
        let indicatorColumn = try #require(csv.header.firstIndex(of: "indicator"))
        for row in csv.rows where row[stateColumn] == "MISSING" { csvMissing[row[indicatorColumn], default: 0] += 1 }

        // explain's indicator rows against the expected indicators.csv, every employee.
        let expectedIndicators = try ExplainTests.expectedIndicators(Self.golden411.appendingPathComponent("expected"))
        let explainDifferences = try ExplainTests.compareIndicators(year: 2026, expected: expectedIndicators,
                                                                    on: connection)

        // Hand-worked employees: every indicator's state and points at stake, and the best box.
        var hand = [String: [String]]()
        var bestBoxes = [String: String]()
        for nip in ["198802022010031001", "198802012010031001", "198701042010031001"] {
            hand[nip] = try ReviewTestKit.snapshot("""
                SELECT indicator || ' ' || state || ' ' || points_at_stake FROM talent.indicators
                 WHERE year = 2026 AND nip = $1 ORDER BY ordinal
                """, [nip], on: connection)
            bestBoxes[nip] = try ReviewTestKit.snapshot("""
                SELECT coalesce(box::text, '-') || ' ' || coalesce(best_box::text, '-') || ' ' || box_can_change
                  FROM talent.completeness_employee WHERE year = 2026 AND nip = $1
                """, [nip], on: connection).joined()
        }

        let chaseFile = folder.appendingPathComponent("chase.csv")
        let chased = try TalentaCommand.run(["completeness", "--database-url", database.url, "--year", "2026",
                                             "--chase", "--out", chaseFile.path])
        #expect(chased.status == 0, "\(chased.errors)")
        let chase = try EnumeratedCSV(url: chaseFile, delimiter: .comma, loadColumns: false)
        let unplaced = placements.rows.filter { !$0[reasonColumn].isEmpty }.map { $0[0] }
        let provenance = try ReviewTestKit.snapshot(
            "SELECT DISTINCT coalesce(rule_set_provenance, 'none') FROM talent.completeness_opd", on: connection)

        let page = folder.appendingPathComponent("dukcapil.html")
        let html = try TalentaCommand.run(["completeness", "--database-url", database.url, "--year", "2026",
                                           "--opd", "DUKCAPIL", "--out", page.path])
        #expect(html.status == 0, "\(html.errors)")
        let profile = folder.appendingPathComponent("n02.html")
        let profiled = try TalentaCommand.run(["explain", "--database-url", database.url, "--year", "2026",
                                               "--nip", "198802022010031001", "--out", profile.path])
        #expect(profiled.status == 0, "\(profiled.errors)")
        let unknownOPD = try TalentaCommand.run(["completeness", "--database-url", database.url, "--year", "2026",
                                                 "--opd", "NOPE", "--out", folder.appendingPathComponent("x.csv").path])
        let chaseHTML = try TalentaCommand.run(["completeness", "--database-url", database.url, "--year", "2026",
                                                "--chase", "--out", folder.appendingPathComponent("x.html").path])
        let htmlText = (try? String(contentsOf: page, encoding: .utf8)) ?? ""
        return Run(
            cityMissing: cityMissing, opdMissingSums: opdMissingSums, csvMissing: csvMissing, csvHeader: csv.header,
            csvRows: csv.rows.count, expectedFlags: expectedFlags, employees: placements.rows.count,
            explainDifferences: explainDifferences, hand: hand, bestBoxes: bestBoxes,
            chase: chase.header, chaseNIPs: chase.rows.map { $0[1] }, unplaced: unplaced, provenance: provenance,
            html: htmlText, htmlPages: htmlText.components(separatedBy: "<section class=\"page\"").count - 1,
            profile: (try? String(contentsOf: profile, encoding: .utf8)) ?? "",
            unknownOPD: (unknownOPD.status, unknownOPD.errors), chaseHTML: chaseHTML.status)
    }

    @Test("completeness counts per indicator equal the flags of the expected placements; explain equals indicators.csv; three hand-worked employees")
    func golden411() throws {
        let run = try Self.golden411Run()
        #expect(run.employees == 64)
        // Completeness counts per indicator = employees with the matching flag in the expected placements.csv.
        for (indicator, flag) in Self.flagOfIndicator {
            let expected = run.expectedFlags[flag] ?? 0
            #expect(expected > 0, "golden-411 has employees flagged \(flag)")
            #expect(run.cityMissing[indicator] == expected, "\(indicator): \(run.cityMissing[indicator] ?? -1) MISSING, \(expected) flagged \(flag)")
            #expect(run.opdMissingSums[indicator] == expected, "\(indicator): the OPDs' counts sum to the city's")
            #expect(run.csvMissing[indicator] == expected, "\(indicator) in the CSV")
        }
        // The indicators without a missing-data flag are never MISSING (no record, or present).
        for indicator in ["PENGHARGAAN", "PENUGASAN_TIM", "PENGEMBANGAN_KOMPETENSI", "PENGALAMAN_JABATAN", "DISIPLIN"] {
            #expect(run.cityMissing[indicator] == 0 && run.csvMissing[indicator] == nil, "\(indicator)")
        }
        #expect(Array(run.csvHeader.prefix(7)) == ["nip", "opd_code", "position_code", "axis", "indicator", "state", "score"])
        #expect(run.csvHeader.contains("points_at_stake"))
        #expect(run.csvRows == 64 * 11)
        #expect(run.explainDifferences.isEmpty, "\(run.explainDifferences.joined(separator: "\n"))")

        // N02 (198802022010031001), box 2: almost no records (CASES.md). Points at stake = (best 100 - score, none
        // counting 0) x weight / 100 under the preset's fixed weights:
        //   SKP 2025 SANGAT_BAIK is PRESENT: 0. PENGHARGAAN and PENUGASAN_TIM: no record, 0 -> 100 x 15% = 15 each.
        //   UMPAN_BALIK_360 MISSING (TANPA_UMPAN_BALIK_360): 100 x 10% = 10. KINERJA at best 60 + 15 + 15 + 10 = 100.
        //   ASESMEN_KOMPETENSI MISSING: 100 x 20% = 20. PENGEMBANGAN_KOMPETENSI: no course, no programme, both parts
        //   NO_RECORD, 0 -> at best 100: 10. PENGALAMAN_JABATAN 58.00 NO_RECORD (no acting post; tenure 100 and one
        //   unit 60 are present): at best 0.4 x 100 + 0.3 x 60 + 0.3 x 100 = 88, (88 - 58) x 10% = 3.
        //   ASESMEN_POTENSI MISSING: 25. PENDIDIKAN MISSING: 10. KESESUAIAN_BIDANG MISSING at 50: (100 - 50) x 10% = 5.
        //   DISIPLIN PRESENT (no penalty): 0. POTENSI at best 20 + 10 + 8.8 + 25 + 10 + 10 + 15 = 98.80 TINGGI,
        //   KINERJA 100 ATAS: best box 9.
        #expect(run.hand["198802022010031001"] == [
            "SKP PRESENT 0.0000", "PENGHARGAAN NO_RECORD 15.0000", "PENUGASAN_TIM NO_RECORD 15.0000",
            "UMPAN_BALIK_360 MISSING 10.0000", "ASESMEN_KOMPETENSI MISSING 20.0000",
            "PENGEMBANGAN_KOMPETENSI NO_RECORD 10.0000", "PENGALAMAN_JABATAN NO_RECORD 3.0000",
            "ASESMEN_POTENSI MISSING 25.0000", "PENDIDIKAN MISSING 10.0000", "KESESUAIAN_BIDANG MISSING 5.0000",
            "DISIPLIN PRESENT 0.0000",
        ])
        #expect(run.bestBoxes["198802022010031001"] == "2 9 true")
        // N01 (198802012010031001), not placed (NO_KINERJA: the only SKP row is for 2021). SKP MISSING with no score:
        //   100 x 60% = 60. No award: 15. Decree KETUA INSTANSI 75 and 360 BAIK 80 are present: 0.
        //   KINERJA at best 60 + 15 + 11.25 + 8 = 94.25 ATAS. PENGEMBANGAN_KOMPETENSI: two courses (25) present, no
        //   programme: 12.50 NO_RECORD, at best 0.5 x 25 + 0.5 x 100 = 62.50: (62.50 - 12.50) x 10% = 5.
        //   PENGALAMAN_JABATAN as N02: 3. The rest is the base profile, present. POTENSI at best 76.05 + 5 + 3 =
        //   84.05 TINGGI: best box 9 (the unplaced employee could be placed in 9).
        #expect(run.hand["198802012010031001"] == [
            "SKP MISSING 60.0000", "PENGHARGAAN NO_RECORD 15.0000", "PENUGASAN_TIM PRESENT 0.0000",
            "UMPAN_BALIK_360 PRESENT 0.0000", "ASESMEN_KOMPETENSI PRESENT 0.0000",
            "PENGEMBANGAN_KOMPETENSI NO_RECORD 5.0000", "PENGALAMAN_JABATAN NO_RECORD 3.0000",
            "ASESMEN_POTENSI PRESENT 0.0000", "PENDIDIKAN PRESENT 0.0000", "KESESUAIAN_BIDANG PRESENT 0.0000",
            "DISIPLIN PRESENT 0.0000",
        ])
        #expect(run.bestBoxes["198802012010031001"] == "- 9 true")
        // K04 (198701042010031001), box 6: SKP SANGAT_KURANG (20) is present, so KINERJA 31.25 + 15 (an award at
        //   its best) = 46.25 stays BAWAH; POTENSI 81.05 + 5 + 3 = 89.05 TINGGI: best box 6, the box the data
        //   cannot change.
        #expect(run.hand["198701042010031001"] == [
            "SKP PRESENT 0.0000", "PENGHARGAAN NO_RECORD 15.0000", "PENUGASAN_TIM PRESENT 0.0000",
            "UMPAN_BALIK_360 PRESENT 0.0000", "ASESMEN_KOMPETENSI PRESENT 0.0000",
            "PENGEMBANGAN_KOMPETENSI NO_RECORD 5.0000", "PENGALAMAN_JABATAN NO_RECORD 3.0000",
            "ASESMEN_POTENSI PRESENT 0.0000", "PENDIDIKAN PRESENT 0.0000", "KESESUAIAN_BIDANG PRESENT 0.0000",
            "DISIPLIN PRESENT 0.0000",
        ])
        #expect(run.bestBoxes["198701042010031001"] == "6 6 false")

        // The chase list names everyone with data missing, the unplaced included.
        #expect(run.chase.prefix(5) == ["opd_code", "nip", "name", "position_code", "position_title"])
        #expect(Set(run.unplaced).isSubset(of: Set(run.chaseNIPs)) && !run.unplaced.isEmpty, "\(run.chaseNIPs)")
        #expect(run.chaseNIPs.contains("198802022010031001") && !run.chaseNIPs.contains("198701042010031001"))
        // The preset is labelled where its completeness is shown.
        #expect(run.provenance == ["reconstructed from public implementations of Kepka BKN 411/2025; not checked against its Lampiran"])
        #expect(run.htmlPages == 1 && run.html.contains("data-opd=\"DUKCAPIL\""))
        #expect(run.html.contains("not checked against its Lampiran"))
        #expect(run.profile.contains("not checked against its Lampiran") && run.profile.contains("data-box=\"2\""))
        #expect(run.profile.contains("data-best-box=\"9\""), "N02's profile shows the best box")
        #expect(run.unknownOPD.status == 1 && run.unknownOPD.errors.contains("no OPD with code NOPE"), "\(run.unknownOPD)")
        #expect(run.chaseHTML == 64, "the chase list is CSV or xlsx")
    }
}
