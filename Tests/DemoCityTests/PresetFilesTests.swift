import DemoCity
import Foundation
import Talent
import TestThreads
import Testing

/// The optional files of the BKN 411/2025 preset and education.csv's field_fit in the demo city: valid rows with
/// Bontang-like shares, drawn apart from the other files (which stay what they were before these were generated).
@Suite("Demo city: the BKN 411/2025 preset's files", .ownThread)
struct PresetFilesTests {
    static let d = "2026-03-31"

    /// The share of the city's employees with a row of `file` for which `counts` holds.
    static func share(_ city: GeneratedCity, _ file: InputFile, where counts: ([String: String]) -> Bool = { _ in true })
        throws -> Double {
        Double(Set(try city.rows(file).filter(counts).compactMap { $0["nip"] }).count) / Double(city.options.employees)
    }

    @Test("every row is valid under DOMAIN.md §12.7 and dated on or before D")
    func validRows() throws {
        let city = try GeneratedCity.demo.get()
        let levels: Set = ["1", "2", "3", "4", "5"]
        for row in try city.rows(.potentialAssessments) {
            for aspect in PotentialAspect.allCases { #expect(levels.contains(row[aspect.rawValue] ?? ""), "\(row)") }
            #expect(CivilDate(iso: row["assessed_on"] ?? "").map { $0.description <= Self.d } == true, "\(row)")
        }
        for row in try city.rows(.teamAssignments) {
            #expect(["KETUA", "ANGGOTA"].contains(row["role"] ?? "") && ["LINTAS_INSTANSI", "INSTANSI"].contains(row["scope"] ?? ""))
            #expect((row["decided_on"] ?? "") <= Self.d && !(row["title"] ?? "").isEmpty)
        }
        let predicates: Set = ["SANGAT_BAIK", "BAIK", "BUTUH_PERBAIKAN", "KURANG", "SANGAT_KURANG"]
        for row in try city.rows(.feedback360) {
            #expect(["2024", "2025"].contains(row["year"] ?? ""))
            let predicate = row["predicate"] ?? "", score = row["score"] ?? ""
            #expect(!predicate.isEmpty || !score.isEmpty)
            if !predicate.isEmpty { #expect(predicates.contains(predicate)) }
            if !score.isEmpty { #expect((0...100).contains(Double(score) ?? -1)) }
        }
        for row in try city.rows(.actingAssignments) {
            let kind = row["kind"] ?? "", level = row["level"] ?? ""
            #expect(["PJ", "PLT", "PLH"].contains(kind))
            #expect(["ATAS", "SETARA"].contains(level) || (kind == "PJ" && level.isEmpty))
            let started = row["started_on"] ?? "", ended = row["ended_on"] ?? ""
            #expect(started <= Self.d && (ended.isEmpty || (ended >= started && ended <= Self.d)))
        }
        for row in try city.rows(.positionHistory) {
            #expect((row["started_on"] ?? "") <= Self.d && !(row["unit_code"] ?? "").isEmpty)
        }
        #expect(try city.rows(.education).allSatisfy { ["true", "false", ""].contains($0["field_fit"] ?? "-") })
    }

    @Test("shares: about a third with a potential assessment within 3 years; decrees, 360°, acting and earlier posts; field_fit judged, some empty")
    func shares() throws {
        let city = try GeneratedCity.demo.get()
        let potential = try Self.share(city, .potentialAssessments) { ($0["assessed_on"] ?? "") > "2023-03-31" }
        #expect((0.28...0.44).contains(potential), "potential assessments within the window: \(potential)")
        let teams = try Self.share(city, .teamAssignments) { ($0["decided_on"] ?? "") > "2024-03-31" }
        #expect((0.10...0.40).contains(teams), "team decrees within 2 years: \(teams)")
        let feedback = try Self.share(city, .feedback360)
        #expect((0.30...0.70).contains(feedback), "360 feedback: \(feedback)")
        let acting = try Self.share(city, .actingAssignments)
        #expect((0.02...0.15).contains(acting), "acting posts: \(acting)")
        let posts = try Self.share(city, .positionHistory)
        #expect((0.30...0.80).contains(posts), "earlier posts: \(posts)")
        #expect(try Self.share(city, .positionHistory) { !($0["agency"] ?? "").isEmpty } > 0.01, "posts at other agencies")
        let degrees = try city.rows(.education).filter { ["D3", "D4", "S1", "S2", "S3"].contains($0["level"] ?? "") }
        let fits = Dictionary(grouping: degrees, by: { $0["field_fit"] ?? "" }).mapValues { Double($0.count) / Double(degrees.count) }
        #expect((0.60...0.80).contains(fits["true"] ?? 0) && (0.05...0.20).contains(fits["false"] ?? 0)
                    && (0.10...0.25).contains(fits[""] ?? 0), "field_fit of degrees: \(fits)")
    }

    /// SHA-256 of the files `talenta demo-data --employees 300 --seed 11` wrote at e7d0d79, before the preset's files
    /// were generated (education.csv with the field_fit of every row cut off; it was empty then).
    static let filesBefore: [InputFile: String] = [
        .units: "d8e40b4bdbf1020edc3021ff520fb9279ce1d6ab95053bd4dac33da8a87192ae",
        .positions: "835ea438dc5262d22ed35ea4cccb3924646b0e6ac35111df6b0645d46898f07d",
        .employees: "2fceeb66e81643fa6031c9a5f9ae21049fd9e8bd7c9de74e7a8fde3665124358",
        .education: "cbf7691b124d2b0499d01d2c5d8496b546286fd9beb11b81dc1bebeaccbca267",
        .training: "bc7489afb934d56940cbfac699c8a27f3ccbdea1879034fda07df1fcc2664b44",
        .performance: "bc3df486a0ac9bfe5b40342a248b5a48cc104992fa0e07a62219da163bbe7d46",
        .assessments: "472a682946361cab5186c7015e613557d68772eec75a5678f308b37741701987",
        .awards: "ba780b8b8f2e033de9d98e3d9baef9a5af3f85a17295c11b029e122969824d12",
        .penalties: "ae987a85873a92a65b356f16bc7ac360913f9d4e2f2a2265a91769d39edcc9b6",
        .otherScores: "95caa95cca8f7873c00d3a660a593dff35124639c7aa12a26301ecb0eb8778de",
    ]

    @Test("the default rule set's files are byte for byte what they were before the preset's files were generated")
    func otherFilesUnchanged() throws {
        let city = try GeneratedCity(DemoCityOptions(employees: 300, seed: 11))
        defer { city.remove() }
        for (file, expected) in Self.filesBefore {
            var text = try String(contentsOf: city.url(file), encoding: .utf8)
            if file == .education {
                // Cut the last field (field_fit) of every line: no earlier field of these rows holds a comma.
                text = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
                    line.lastIndex(of: ",").map { String(line[..<$0]) } ?? String(line)
                }.joined(separator: "\n")
            }
            #expect(SHA256.hex(text) == expected, "\(file.rawValue) changed")
        }
        // And field_fit is generated now.
        #expect(try city.rows(.education).contains { $0["field_fit"] == "true" })
    }
}
