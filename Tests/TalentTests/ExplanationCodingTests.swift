import Foundation
import Interchange
import Talent
import TestThreads
import Testing

/// The JSON of an explanation: version 2 (rows of the four lists as arrays of fields) round-trips, and version 1 (rows
/// as objects, written before migration 0016) still decodes to the same explanation.
@Suite("Explanation JSON, versions 1 and 2", .ownThread)
struct ExplanationCodingTests {
    let explanations: [Explanation]

    init() throws {
        explanations = try FolderReview.run(input: GoldenFixture.input, output: nil, context: GoldenFixture.context)
            .result.placements.map(\.explanation)
    }

    /// The field names of each version-2 row list, by its path in the explanation.
    static let rowFields: [[String]: [String]] = [
        ["kinerja", "yearsUsed"]: ["year", "predicate", "points", "weight", "rowsForYear"],
        ["potensi", "rekamJejak", "trainingHours"]: ["year", "hours", "meetsMinimum"],
        ["potensi", "rekamJejak", "indicators"]: ["indicator", "input", "points", "weight"],
        ["pool", "blockers"]: ["blocker", "detail"],
    ]

    /// `object` with the list at `path` rewritten by `rewrite`.
    static func rewriting(_ object: [String: Any], at path: [String], _ rewrite: ([Any]) throws -> [Any]) throws
        -> [String: Any] {
        var object = object
        if path.count == 1 {
            object[path[0]] = try rewrite(try #require(object[path[0]] as? [Any]))
        } else {
            let inner = try #require(object[path[0]] as? [String: Any])
            object[path[0]] = try rewriting(inner, at: Array(path.dropFirst()), rewrite)
        }
        return object
    }

    @Test("version 2 writes its marker and each list row as an array of fields, and decodes back")
    func versionTwo() throws {
        #expect(explanations.count == 65)
        var rows = 0
        for explanation in explanations {
            let data = try JSONEncoder().encode(explanation)
            let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            #expect(object["version"] as? Int == 2)
            for (path, fields) in Self.rowFields {
                _ = try Self.rewriting(object, at: path) { list in
                    for row in list {
                        #expect((row as? [Any])?.count == fields.count, "\(path) row \(row)")
                        rows += 1
                    }
                    return list
                }
            }
            #expect(try JSONDecoder().decode(Explanation.self, from: data) == explanation)
        }
        #expect(rows > 65 * 7)
    }

    @Test("version 1 (no marker, each list row an object) still decodes to the same explanation")
    func versionOne() throws {
        for explanation in explanations {
            var object = try #require(
                try JSONSerialization.jsonObject(with: try JSONEncoder().encode(explanation)) as? [String: Any])
            object["version"] = nil
            for (path, fields) in Self.rowFields {
                object = try Self.rewriting(object, at: path) { list in
                    try list.map { row in
                        let values = try #require(row as? [Any])
                        return Dictionary(uniqueKeysWithValues: zip(fields, values))
                    }
                }
            }
            let version1 = try JSONSerialization.data(withJSONObject: object)
            #expect(try JSONDecoder().decode(Explanation.self, from: version1) == explanation)
        }
    }

    @Test("an explanation of an unknown version does not decode")
    func unknownVersion() throws {
        let first = try #require(explanations.first)
        var object = try #require(
            try JSONSerialization.jsonObject(with: try JSONEncoder().encode(first)) as? [String: Any])
        object["version"] = 3
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(Explanation.self, from: try JSONSerialization.data(withJSONObject: object))
        }
    }
}
