import Foundation
import Interchange
import Talent
import TestThreads
import Testing

/// The JSON of an explanation: version 3 (the indicator axes) round-trips; versions 2 and 1, stored before the axes,
/// still decode (without indicators) to the scores, levels, candidate facts, pool and flags they hold.
@Suite("Explanation JSON, versions 1 to 3", .ownThread)
struct ExplanationCodingTests {
    /// Every explanation of both golden sets under their rule sets.
    let explanations: [Explanation]

    init() throws {
        let defaults = try FolderReview.run(input: GoldenFixture.input, output: nil, context: GoldenFixture.context)
        let preset = try FolderReview.run(input: GoldenFixture.input411, output: nil, context: GoldenFixture.context,
                                          rules: .bkn411Preset)
        explanations = (defaults.result.placements + preset.result.placements).map(\.explanation)
    }

    @Test("version 3 writes its marker, each indicator as an array of 9 fields, and decodes back")
    func versionThree() throws {
        #expect(explanations.count == 65 + 64)
        var tags: Set<String> = []
        for explanation in explanations {
            let data = try JSONEncoder().encode(explanation)
            let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            #expect(object["version"] as? Int == 3)
            for axis in ["kinerja", "potensi"] {
                let indicators = try #require((object[axis] as? [String: Any])?["indicators"] as? [[Any]])
                #expect(!indicators.isEmpty)
                for row in indicators {
                    #expect(row.count == 9, "\(axis) row \(row)")
                    for evidence in try #require(row[7] as? [[Any]]) { tags.insert(try #require(evidence.first as? String)) }
                    for part in try #require(row[8] as? [[Any]]) {
                        #expect(part.count == 9)
                        for evidence in try #require(part[7] as? [[Any]]) { tags.insert(try #require(evidence.first as? String)) }
                    }
                }
            }
            #expect(try JSONDecoder().decode(Explanation.self, from: data) == explanation)
        }
        // The golden sets show every kind of evidence.
        #expect(tags == ["SKP", "ASSESSMENT", "POTENTIAL_ASSESSMENT", "OTHER_SCORE", "AWARD", "TEAM_DECREE",
                         "FEEDBACK_360", "TRAINING", "JP", "TENURE", "POST", "UNITS", "ACTING", "EDUCATION", "GOLONGAN",
                         "LEADERSHIP", "PENALTY"])
    }

    /// main's stored results of the golden set: the explanation JSON of version 2, as Postgres returned it.
    static func storedVersionTwo() throws -> [(nip: String, explanation: String)] {
        let text = try String(contentsOf: GoldenFixture.pinned.appendingPathComponent("golden-stored-results-v2.jsonl"),
                              encoding: .utf8)
        return try text.split(separator: "\n").map { line in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            return (try #require(object["nip"] as? String), try #require(object["explanation"] as? String))
        }
    }

    @Test("version 2, stored before the indicator axes, decodes without indicators to the same scores, levels and facts")
    func versionTwo() throws {
        let stored = try Self.storedVersionTwo()
        #expect(stored.count == 65)
        let current = try FolderReview.run(input: GoldenFixture.input, output: nil, context: GoldenFixture.context)
            .result.placements
        for (nip, text) in stored {
            let old = try JSONDecoder().decode(Explanation.self, from: Data(text.utf8))
            let now = try #require(current.first { $0.nip == nip }).explanation
            #expect(old.formatVersion == 2)
            #expect(old.indicatorRows.isEmpty)
            #expect(old.kinerja.score == now.kinerja.score && old.kinerja.level == now.kinerja.level, "\(nip)")
            #expect(old.kinerja.levelFromScore == now.kinerja.levelFromScore, "\(nip)")
            #expect(old.kinerja.weightCase == now.kinerja.weightCase, "\(nip)")
            #expect(old.kinerja.adjustments == now.kinerja.adjustments, "\(nip)")
            #expect(old.potensi.score == now.potensi.score && old.potensi.level == now.potensi.level, "\(nip)")
            #expect(old.potensi.weightCase == now.potensi.weightCase, "\(nip)")
            #expect(old.potensi.adjustments == now.potensi.adjustments, "\(nip)")
            #expect((old.potensi.highMinimum, old.potensi.middleMinimum) == (now.potensi.highMinimum, now.potensi.middleMinimum))
            #expect(old.candidate == now.candidate, "\(nip)")
            #expect(old.pool == now.pool && old.box == now.box && old.flags == now.flags, "\(nip)")
        }
    }

    @Test("version 1 (no marker, each list row an object) still decodes")
    func versionOne() throws {
        // The version-2 lists written as arrays of fields, by their path; version 1 had an object per row.
        let rowFields: [[String]: [String]] = [
            ["kinerja", "yearsUsed"]: ["year", "predicate", "points", "weight", "rowsForYear"],
            ["potensi", "rekamJejak", "trainingHours"]: ["year", "hours", "meetsMinimum"],
            ["potensi", "rekamJejak", "indicators"]: ["indicator", "input", "points", "weight"],
            ["pool", "blockers"]: ["blocker", "detail"],
        ]
        func rewriting(_ object: [String: Any], at path: [String], _ fields: [String]) throws -> [String: Any] {
            var object = object
            if path.count == 1 {
                let rows = try #require(object[path[0]] as? [[Any]])
                object[path[0]] = rows.map { Dictionary(uniqueKeysWithValues: zip(fields, $0)) }
            } else {
                object[path[0]] = try rewriting(try #require(object[path[0]] as? [String: Any]), at: Array(path.dropFirst()),
                                                fields)
            }
            return object
        }
        for (nip, text) in try Self.storedVersionTwo() {
            var object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            object["version"] = nil
            for (path, fields) in rowFields { object = try rewriting(object, at: path, fields) }
            let versionOne = try JSONDecoder().decode(Explanation.self,
                                                      from: try JSONSerialization.data(withJSONObject: object))
            var versionTwo = try JSONDecoder().decode(Explanation.self, from: Data(text.utf8))
            versionTwo.formatVersion = 1
            #expect(versionOne == versionTwo, "\(nip)")
        }
    }

    @Test("an explanation of an unknown version does not decode")
    func unknownVersion() throws {
        let first = try #require(explanations.first)
        var object = try #require(
            try JSONSerialization.jsonObject(with: try JSONEncoder().encode(first)) as? [String: Any])
        object["version"] = 4
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(Explanation.self, from: try JSONSerialization.data(withJSONObject: object))
        }
    }
}
