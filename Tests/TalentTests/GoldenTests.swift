import Foundation
import Interchange
import Talent
import TestThreads
import Testing

/// One golden set: its folder, rule set and expected row counts.
struct GoldenSet: Sendable, CustomTestStringConvertible {
    let name: String
    let input: URL
    let expected: URL
    let rules: RuleSet
    let counts: [String: Int]

    var testDescription: String { name }

    static let sets = [
        GoldenSet(name: "golden (default)", input: GoldenFixture.input, expected: GoldenFixture.expected,
                  rules: .default,
                  counts: ["placements.csv": 65, "succession.csv": 30, "rejected.csv": 10, "indicators.csv": 325]),
        GoldenSet(name: "golden-411 (preset)", input: GoldenFixture.input411, expected: GoldenFixture.expected411,
                  rules: .bkn411Preset,
                  counts: ["placements.csv": 64, "succession.csv": 11, "rejected.csv": 10, "indicators.csv": 704]),
    ]

    func run() throws -> (result: ReviewResult, unknownFiles: [String]) {
        try FolderReview.run(input: input, output: nil, context: GoldenFixture.context, rules: rules)
    }
}

/// Both golden sets reproduced field by field, every row of the four result files (each CASES.md explains each case).
@Suite("Golden fixtures", .ownThread)
struct GoldenTests {
    /// The file, its header, the key columns of a row, and the rows the review gives.
    static func files(_ result: ReviewResult) -> [(String, [String], [Int], [[String]])] {
        [("placements.csv", ResultFiles.placementsHeader, [0], ResultFiles.placementRows(result.placements)),
         ("succession.csv", ResultFiles.successionHeader, [0, 1], ResultFiles.successionRows(result.plans)),
         ("rejected.csv", ResultFiles.rejectedHeader, [0, 1], ResultFiles.rejectedRows(result.rejections)),
         ("indicators.csv", ResultFiles.indicatorsHeader, [0, 1, 2], ResultFiles.indicatorRows(result.placements))]
    }

    @Test("every row and field of the four result files", arguments: GoldenSet.sets)
    func everyField(set: GoldenSet) throws {
        let (result, unknownFiles) = try set.run()
        #expect(unknownFiles.isEmpty)
        for (file, header, keys, rows) in Self.files(result) {
            let expected = try GoldenFixture.expectedTable(file, in: set.expected)
            #expect(expected.header == header, "\(file)")
            let diffs = GoldenFixture.differences(file: file, header: expected.header, keyColumns: keys,
                                                  expected: expected.rows, actual: rows)
            #expect(diffs.isEmpty, "\(set.name): \(diffs.count) differences:\n\(diffs.joined(separator: "\n"))")
            #expect(expected.rows.count == set.counts[file], "\(file)")
        }
    }

    @Test("written files equal the expected files byte for byte", arguments: GoldenSet.sets)
    func writtenFiles(set: GoldenSet) throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("talent-golden-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: output) }
        _ = try FolderReview.run(input: set.input, output: output, context: GoldenFixture.context, rules: set.rules)
        for name in ["placements.csv", "succession.csv", "rejected.csv", "indicators.csv"] {
            let written = try String(contentsOf: output.appendingPathComponent(name), encoding: .utf8)
            let expected = try String(contentsOf: set.expected.appendingPathComponent(name), encoding: .utf8)
            #expect(written == expected, "\(set.name): \(name) differs from the expected file")
        }
    }

    @Test("indicators.csv: whenever an axis has a score, its weights sum to 100 and its weighted values sum to it",
          arguments: GoldenSet.sets)
    func indicatorSums(set: GoldenSet) throws {
        for placement in try set.run().result.placements {
            for (axis, score) in [(AxisName.kinerja, placement.kinerjaScore), (.potensi, placement.potensiScore)] {
                let rows = placement.indicators.filter { $0.axis == axis }
                guard let score else { continue }
                #expect(rows.reduce(0) { $0 + $1.weight.tenThousandths } == Weight.one.tenThousandths, "\(placement.nip)")
                let sum = rows.compactMap(\.weighted).reduce(0) { $0 + $1.millionths }
                // Millionths to hundredths, half-up (scores are never negative).
                #expect(Score(hundredths: (sum + 5_000) / 10_000) == score, "\(placement.nip) \(axis)")
            }
        }
    }

    @Test("validation does not depend on the rule set: the same rejects and INVALID_/NIP_MISMATCH flags under both",
          arguments: GoldenSet.sets)
    func validationIndependent(set: GoldenSet) throws {
        let defaults = try FolderReview.run(input: set.input, output: nil, context: GoldenFixture.context, rules: .default)
        let preset = try FolderReview.run(input: set.input, output: nil, context: GoldenFixture.context,
                                          rules: .bkn411Preset)
        #expect(defaults.result.rejections == preset.result.rejections)
        func validationFlags(_ placements: [Placement]) -> [String: [PlacementFlag]] {
            Dictionary(uniqueKeysWithValues: placements.map { placement in
                (placement.nip, placement.flags.filter { $0.rawValue.hasPrefix("INVALID_") || $0 == .nipMismatch })
            })
        }
        let underDefault = validationFlags(defaults.result.placements)
        let underPreset = validationFlags(preset.result.placements)
        #expect(underDefault == underPreset)
        #expect(underDefault.values.contains { !$0.isEmpty }, "the golden sets have invalid rows")
    }
}
