import Foundation
import Interchange
import Talent
import TestThreads
import Testing

/// The golden set reproduced field by field, every row of the three result files (CASES.md explains each case).
@Suite("Golden fixture", .ownThread)
struct GoldenTests {
    let result: ReviewResult
    let unknownFiles: [String]

    init() throws {
        (result, unknownFiles) = try FolderReview.run(input: GoldenFixture.input, output: nil,
                                                      context: GoldenFixture.context)
    }

    @Test("placements.csv: every row and field")
    func placements() throws {
        let expected = try GoldenFixture.expectedTable("placements.csv")
        #expect(expected.header == ResultFiles.placementsHeader)
        let diffs = GoldenFixture.differences(file: "placements.csv", header: expected.header, keyColumns: [0],
                                              expected: expected.rows,
                                              actual: ResultFiles.placementRows(result.placements))
        #expect(diffs.isEmpty, "\(diffs.count) differences:\n\(diffs.joined(separator: "\n"))")
        #expect(expected.rows.count == 65)
    }

    @Test("succession.csv: every row and field")
    func succession() throws {
        let expected = try GoldenFixture.expectedTable("succession.csv")
        #expect(expected.header == ResultFiles.successionHeader)
        let diffs = GoldenFixture.differences(file: "succession.csv", header: expected.header, keyColumns: [0, 1],
                                              expected: expected.rows,
                                              actual: ResultFiles.successionRows(result.plans))
        #expect(diffs.isEmpty, "\(diffs.count) differences:\n\(diffs.joined(separator: "\n"))")
        #expect(expected.rows.count == 30)
    }

    @Test("rejected.csv: every row and field")
    func rejected() throws {
        let expected = try GoldenFixture.expectedTable("rejected.csv")
        #expect(expected.header == ResultFiles.rejectedHeader)
        let diffs = GoldenFixture.differences(file: "rejected.csv", header: expected.header, keyColumns: [0, 1],
                                              expected: expected.rows,
                                              actual: ResultFiles.rejectedRows(result.rejections))
        #expect(diffs.isEmpty, "\(diffs.count) differences:\n\(diffs.joined(separator: "\n"))")
        #expect(expected.rows.count == 10)
    }

    @Test("the fixture folder has no unknown files")
    func noUnknownFiles() {
        #expect(unknownFiles.isEmpty)
    }

    @Test("written files equal the expected files byte for byte")
    func writtenFiles() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("talent-golden-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: output) }
        try ResultFiles.write(result, to: output)
        for name in ["placements.csv", "succession.csv", "rejected.csv"] {
            let written = try String(contentsOf: output.appendingPathComponent(name), encoding: .utf8)
            let expected = try String(contentsOf: GoldenFixture.expected.appendingPathComponent(name), encoding: .utf8)
            #expect(written == expected, "\(name) differs from the expected file")
        }
    }
}
